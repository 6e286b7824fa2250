//! The texts every input came from, so errors and reports can point back
//! into them.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::NamedSource;

use crate::error::{InputError, Location};

/// Index of a source in a [`SourceMap`].
pub type SourceId = usize;

/// A span of one source: where a value or a key was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loc {
    pub source: SourceId,
    pub start: usize,
    pub end: usize,
}

/// The origin of a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceKind {
    /// A TOML file: the model, an overlay it extends, or the price catalogue.
    File(PathBuf),
    /// A `--set PATH=VALUE` argument, stored as written.
    Override,
}

/// One input text with its display name.
#[derive(Debug, Clone)]
pub struct Source {
    pub kind: SourceKind,
    /// The path as given on the command line or joined from a relative
    /// reference, or `--set` for overrides.
    pub name: String,
    pub text: Arc<str>,
}

/// Every source read for one model, in the order it was read.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    sources: Vec<Source>,
}

impl SourceMap {
    /// Adds a file's text and returns its id.
    pub fn add_file(&mut self, path: &Path, text: String) -> SourceId {
        self.sources.push(Source {
            kind: SourceKind::File(path.to_path_buf()),
            name: display_path(path),
            text: Arc::from(text),
        });
        self.sources.len() - 1
    }

    /// Adds the text of a `--set` argument and returns its id.
    pub fn add_override(&mut self, text: &str) -> SourceId {
        self.sources.push(Source {
            kind: SourceKind::Override,
            name: "--set".to_string(),
            text: Arc::from(text),
        });
        self.sources.len() - 1
    }

    /// Appends every source of `other` and returns the id its first source
    /// now has; add it to the locations of nodes copied from `other`.
    pub fn append(&mut self, other: &SourceMap) -> SourceId {
        let offset = self.sources.len();
        self.sources.extend(other.sources.iter().cloned());
        offset
    }

    pub fn get(&self, id: SourceId) -> &Source {
        &self.sources[id]
    }

    pub fn iter(&self) -> impl Iterator<Item = &Source> {
        self.sources.iter()
    }

    /// Returns the text at `loc`, as written in the source.
    pub fn snippet(&self, loc: Loc) -> &str {
        let text = &self.sources[loc.source].text;
        text.get(loc.start..loc.end).unwrap_or("")
    }

    /// Converts a span to a location with line and column, for errors.
    pub fn location(&self, loc: Loc) -> Location {
        let source = &self.sources[loc.source];
        let start = loc.start.min(source.text.len());
        let end = loc.end.clamp(start, source.text.len());
        let (line, column) = line_column(&source.text, start);
        Location {
            source_name: source.name.clone(),
            source: NamedSource::new(source.name.clone(), source.text.clone()),
            span: start..end,
            line,
            column,
        }
    }

    /// Builds an error at `loc`.
    pub fn error(&self, loc: Loc, message: impl Into<String>) -> InputError {
        InputError::new(message).with_location(self.location(loc))
    }
}

/// One-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Largest input file `roi` reads: 64 MiB, far above any model or price
/// file, so that a wrong path such as a device cannot exhaust memory.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// The reason an input file could not be read.
#[derive(Debug)]
pub enum ReadError {
    NotFound,
    Directory,
    NotRegularFile,
    TooLarge(u64),
    NotUtf8 { offset: usize },
    Io(std::io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotFound => f.write_str("no such file"),
            ReadError::Directory => f.write_str("it is a directory, not a file"),
            ReadError::NotRegularFile => f.write_str("it is not a regular file (a device, pipe or socket)"),
            ReadError::TooLarge(size) => write!(f, "it is {size} bytes, larger than the 64 MiB limit for inputs"),
            ReadError::NotUtf8 { offset } => write!(f, "it is not UTF-8 text (invalid byte at offset {offset})"),
            ReadError::Io(error) => write!(f, "{error}"),
        }
    }
}

impl ReadError {
    /// Advice for the reasons the user can act on without more context.
    pub fn help(&self) -> Option<&'static str> {
        match self {
            ReadError::NotUtf8 { .. } => Some("save the file as UTF-8 text"),
            ReadError::Directory | ReadError::NotRegularFile => Some("name a TOML file"),
            ReadError::TooLarge(_) => Some("name the TOML file itself; inputs are small text files"),
            ReadError::NotFound | ReadError::Io(_) => None,
        }
    }
}

/// Reads an input file as UTF-8 text, refusing directories, devices, pipes
/// and files over [`MAX_INPUT_BYTES`] before reading them.
pub fn read_text_file(path: &Path) -> Result<String, ReadError> {
    use std::io::Read;

    let metadata = std::fs::metadata(path).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound,
        _ => ReadError::Io(error),
    })?;
    if metadata.is_dir() {
        return Err(ReadError::Directory);
    }
    if !metadata.is_file() {
        return Err(ReadError::NotRegularFile);
    }
    if metadata.len() > MAX_INPUT_BYTES {
        return Err(ReadError::TooLarge(metadata.len()));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|error| ReadError::NotUtf8 {
        offset: error.utf8_error().valid_up_to(),
    })
}

/// Formats a path for messages and reports with `/` separators, the same
/// however it was typed. `.` and `..` are resolved in the text, and a path
/// inside the current directory is shown relative to it, so
/// `./models/genesis.toml`, `models/scenarios/../genesis.toml` and the
/// absolute path all read `models/genesis.toml`.
pub fn display_path(path: &Path) -> String {
    let absolute_cwd = std::env::current_dir().ok();
    let relative = match &absolute_cwd {
        Some(cwd) if path.is_absolute() => path.strip_prefix(cwd).unwrap_or(path),
        _ => path,
    };
    let cleaned = clean_path(relative);
    let text = cleaned.to_string_lossy().replace('\\', "/");
    if text.is_empty() { ".".to_string() } else { text }
}

/// Resolves `.` and `..` components in the text of a path, without looking
/// at the file system. A `..` that would climb above the start is kept.
fn clean_path(path: &Path) -> PathBuf {
    use std::path::Component;

    let mut cleaned = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                let climbs = matches!(cleaned.components().next_back(), None | Some(Component::ParentDir));
                if climbs {
                    cleaned.push("..");
                } else if !matches!(cleaned.components().next_back(), Some(Component::RootDir)) {
                    cleaned.pop();
                }
            }
            other => cleaned.push(other.as_os_str()),
        }
    }
    cleaned
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_text_file_rejects_directories_and_devices() {
        assert!(matches!(read_text_file(Path::new(".")), Err(ReadError::Directory)));
        if Path::new("/dev/zero").exists() {
            assert!(matches!(
                read_text_file(Path::new("/dev/zero")),
                Err(ReadError::NotRegularFile)
            ));
        }
        assert!(matches!(
            read_text_file(Path::new("no/such/file.toml")),
            Err(ReadError::NotFound)
        ));
    }

    #[test]
    fn read_text_file_reports_invalid_utf8_offset() {
        let dir = std::env::temp_dir().join(format!("roi-utf8-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("latin1.toml");
        std::fs::write(&path, b"name = \"caf\xe9\"\n").unwrap();
        let result = read_text_file(&path);
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(matches!(result, Err(ReadError::NotUtf8 { offset: 11 })), "{result:?}");
    }

    #[test]
    fn display_path_is_the_same_however_typed() {
        assert_eq!(display_path(Path::new("./models/genesis.toml")), "models/genesis.toml");
        assert_eq!(
            display_path(Path::new("models/scenarios/../genesis.toml")),
            "models/genesis.toml"
        );
        let absolute = std::env::current_dir().unwrap().join("models/genesis.toml");
        assert_eq!(display_path(&absolute), "models/genesis.toml");
        assert_eq!(display_path(Path::new("../shared/x.toml")), "../shared/x.toml");
        assert_eq!(display_path(Path::new("/tmp/../etc/x")), "/etc/x");
    }

    #[test]
    fn line_column_counts_from_one() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        assert_eq!(line_column(text, 12), (2, 6));
    }
}
