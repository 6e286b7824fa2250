//! Writing output files.

use std::io::Write;
use std::path::Path;

use crate::error::Error;

/// Writes `bytes` to `path` through a temporary file in the same directory,
/// renamed over `path` once complete, so a failure never leaves a partial
/// file behind. An existing regular file at `path` is replaced and keeps its
/// permissions. A symbolic link is followed, so the file it points to is
/// replaced and the link stays. Devices, pipes and directories are rejected.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let shown = super::shown(path);
    let write_error = |reason: String| Error::Runtime(format!("cannot write `{shown}`: {reason}"));

    let resolved = match std::fs::symlink_metadata(path) {
        Ok(metadata) if metadata.file_type().is_symlink() => std::fs::canonicalize(path)
            .map_err(|error| write_error(format!("the symbolic link cannot be followed: {}", os_reason(&error))))?,
        _ => path.to_path_buf(),
    };
    let path = resolved.as_path();
    let existing = std::fs::metadata(path).ok();
    if let Some(metadata) = &existing {
        if metadata.is_dir() {
            return Err(write_error(
                "it is a directory; give a file name, e.g. out/genesis.xlsx".to_string(),
            ));
        }
        if !metadata.is_file() {
            return Err(write_error(
                "it is not a regular file (a device, pipe or socket); give a file name".to_string(),
            ));
        }
    }
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if directory.exists() && !directory.is_dir() {
        return Err(write_error(format!(
            "`{}` is a file, not a directory",
            super::shown(directory)
        )));
    }
    if !directory.is_dir() {
        return Err(write_error(format!(
            "directory `{}` does not exist; create it first",
            super::shown(directory)
        )));
    }

    let mut builder = tempfile::Builder::new();
    builder.prefix(".roi-").suffix(".tmp");
    #[cfg(unix)]
    {
        // tempfile creates files readable by the owner only; an export is an
        // ordinary document, and a replaced file keeps its permissions.
        use std::os::unix::fs::PermissionsExt;
        let permissions = existing.as_ref().map_or_else(
            || std::fs::Permissions::from_mode(0o644),
            std::fs::Metadata::permissions,
        );
        builder.permissions(permissions);
    }
    let mut file = builder
        .tempfile_in(directory)
        .map_err(|error| write_error(os_reason(&error)))?;
    file.write_all(bytes)
        .and_then(|()| file.as_file().sync_all())
        .map_err(|error| write_error(os_reason(&error)))?;
    // Dropping the temporary file on an error path deletes it.
    file.persist(path)
        .map_err(|error| write_error(os_reason(&error.error)))?;
    Ok(())
}

/// Returns the operating system's reason for an I/O error, without the temporary
/// file's path that tempfile adds to its messages.
fn os_reason(error: &std::io::Error) -> String {
    match error.raw_os_error() {
        Some(code) => std::io::Error::from_raw_os_error(code).to_string(),
        None => error.to_string(),
    }
}
