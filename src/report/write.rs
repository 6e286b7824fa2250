//! Writing the rendered reports: every file replaced atomically, or
//! compared with what is on disk for `--check`.
//!
//! Writing runs in two phases. Every changed file is first written to a
//! temporary file in its own directory. Only when all of them are written
//! are they renamed over the old files, so a failed run leaves the previous
//! reports as they were. A rename within one directory replaces the file
//! atomically on POSIX file systems.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::input::source::display_path;

/// Subdirectory of the output directory for the charts.
pub const CHARTS_DIR: &str = "charts";

/// One rendered file, with its path relative to the output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: PathBuf,
    pub contents: Vec<u8>,
}

/// The outcome of writing one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileStatus {
    Written,
    Unchanged,
    /// A chart the inputs no longer produce, removed.
    Removed,
}

impl FileStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FileStatus::Written => "written",
            FileStatus::Unchanged => "unchanged",
            FileStatus::Removed => "removed",
        }
    }
}

/// Writes `files` under `out` and removes charts that `files` no longer
/// contain; returns each path with what happened to it.
pub fn write_all(out: &Path, files: &[OutputFile]) -> Result<Vec<(PathBuf, FileStatus)>, Error> {
    let charts = out.join(CHARTS_DIR);
    std::fs::create_dir_all(&charts).map_err(|error| {
        // Names the file that is where a directory must be, if any.
        let blocking = charts
            .ancestors()
            .find(|ancestor| ancestor.exists() && !ancestor.is_dir())
            .map(|file| {
                format!(
                    "; `{}` is a file, so move it or choose another --out",
                    display_path(file)
                )
            })
            .unwrap_or_default();
        Error::Runtime(format!(
            "cannot create the output directory `{}`: {error}{blocking}",
            display_path(&charts)
        ))
    })?;

    let mut report = Vec::new();
    let mut pending: Vec<(PathBuf, PathBuf)> = Vec::new();
    for file in files {
        let target = out.join(&file.path);
        // Checked before anything is renamed, so such a target cannot stop
        // the run halfway.
        if let Ok(metadata) = std::fs::symlink_metadata(&target)
            && !metadata.is_file()
        {
            discard(&pending);
            return Err(Error::Runtime(format!(
                "cannot write `{}`: it is not a regular file; move it away and run again; \
                 the previous reports are unchanged",
                display_path(&target)
            )));
        }
        if std::fs::read(&target).is_ok_and(|current| current == file.contents) {
            report.push((target, FileStatus::Unchanged));
            continue;
        }
        match write_temporary(&target, &file.contents) {
            Ok(temporary) => pending.push((temporary, target)),
            Err(error) => {
                discard(&pending);
                return Err(error);
            }
        }
    }

    for (position, (temporary, target)) in pending.iter().enumerate() {
        if let Err(error) = std::fs::rename(temporary, target) {
            discard(&pending[position..]);
            return Err(Error::Runtime(format!(
                "cannot replace `{}`: {error}; {position} of {} changed files were already replaced, \
                 so run again once the cause is fixed",
                display_path(target),
                pending.len()
            )));
        }
        report.push((target.clone(), FileStatus::Written));
    }

    for stale in stale_charts(out, files)? {
        std::fs::remove_file(&stale).map_err(|error| {
            Error::Runtime(format!(
                "cannot remove the old chart `{}`: {error}",
                display_path(&stale)
            ))
        })?;
        report.push((stale, FileStatus::Removed));
    }
    Ok(report)
}

/// Compares `files` with what is under `out`; returns one line per file
/// that differs, is missing, or is a chart the inputs no longer produce.
pub fn differences(out: &Path, files: &[OutputFile]) -> Result<Vec<String>, Error> {
    let mut out_of_date = Vec::new();
    for file in files {
        let target = out.join(&file.path);
        match std::fs::read(&target) {
            Ok(current) if current == file.contents => {}
            Ok(_) => out_of_date.push(format!("{} differs", display_path(&target))),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                out_of_date.push(format!("{} is missing", display_path(&target)));
            }
            Err(error) => {
                return Err(Error::Runtime(format!(
                    "cannot read `{}`: {error}",
                    display_path(&target)
                )));
            }
        }
    }
    for stale in stale_charts(out, files)? {
        out_of_date.push(format!("{} is no longer produced", display_path(&stale)));
    }
    Ok(out_of_date)
}

/// Charts of roi in the charts directory that `files` does not contain,
/// sorted. Other files there, such as a logo, are left alone.
fn stale_charts(out: &Path, files: &[OutputFile]) -> Result<Vec<PathBuf>, Error> {
    let charts = out.join(CHARTS_DIR);
    let entries = match std::fs::read_dir(&charts) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => {
            return Err(Error::Runtime(format!(
                "cannot list `{}`: {error}",
                display_path(&charts)
            )));
        }
    };
    let mut stale = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let is_chart = path
            .file_name()
            .is_some_and(|name| super::charts::is_chart_name(&name.to_string_lossy()));
        let produced = files.iter().any(|file| out.join(&file.path) == path);
        if is_chart && !produced {
            stale.push(path);
        }
    }
    stale.sort();
    Ok(stale)
}

/// Writes `contents` to a new hidden file next to `target` and returns its
/// path.
fn write_temporary(target: &Path, contents: &[u8]) -> Result<PathBuf, Error> {
    let name = target
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = target.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&temporary).and_then(|mut file| {
        file.write_all(contents)?;
        file.sync_all()
    });
    written.map_err(|error| {
        let _ = std::fs::remove_file(&temporary);
        Error::Runtime(format!(
            "cannot write `{}`: {error}; the previous reports are unchanged",
            display_path(target)
        ))
    })?;
    Ok(temporary)
}

/// Removes temporary files after a failure.
fn discard(pending: &[(PathBuf, PathBuf)]) {
    for (temporary, _) in pending {
        let _ = std::fs::remove_file(temporary);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: PathBuf::from(path),
            contents: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn write_then_check_is_clean() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![file("a.md", "a\n"), file("charts/b.svg", "<svg/>")];
        let report = write_all(dir.path(), &files).unwrap();
        assert!(report.iter().all(|(_, status)| *status == FileStatus::Written));
        assert!(differences(dir.path(), &files).unwrap().is_empty());

        let again = write_all(dir.path(), &files).unwrap();
        assert!(again.iter().all(|(_, status)| *status == FileStatus::Unchanged));
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|entry| entry.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn check_names_changed_missing_and_stale_files() {
        let dir = tempfile::tempdir().unwrap();
        write_all(
            dir.path(),
            &[file("a.md", "old\n"), file("charts/annual_cost_old.svg", "<svg/>")],
        )
        .unwrap();
        let files = vec![file("a.md", "new\n"), file("charts/annual_cost_new.svg", "<svg/>")];
        let lines = differences(dir.path(), &files).unwrap();
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines[0].ends_with("a.md differs"));
        assert!(lines[1].ends_with("charts/annual_cost_new.svg is missing"));
        assert!(lines[2].ends_with("charts/annual_cost_old.svg is no longer produced"));
    }

    #[test]
    fn write_removes_stale_charts() {
        let dir = tempfile::tempdir().unwrap();
        write_all(
            dir.path(),
            &[
                file("charts/tornado_npv_old.svg", "<svg/>"),
                file("charts/logo.svg", "<svg/>"),
            ],
        )
        .unwrap();
        let report = write_all(dir.path(), &[file("charts/tornado_npv_new.svg", "<svg/>")]).unwrap();
        assert!(
            report
                .iter()
                .any(|(path, status)| path.ends_with("tornado_npv_old.svg") && *status == FileStatus::Removed)
        );
        assert!(!dir.path().join("charts/tornado_npv_old.svg").exists());
        assert!(
            dir.path().join("charts/logo.svg").exists(),
            "a file roi did not write stays"
        );
    }

    #[test]
    fn directory_in_place_of_a_report_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        write_all(dir.path(), &[file("a.md", "old\n")]).unwrap();
        std::fs::create_dir_all(dir.path().join("charts/cost_per_request.svg")).unwrap();
        let result = write_all(
            dir.path(),
            &[file("a.md", "new\n"), file("charts/cost_per_request.svg", "<svg/>")],
        );
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(dir.path().join("a.md")).unwrap(), "old\n");
    }
}
