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

/// Where a source came from.
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

    /// The text at `loc`, as written in the source.
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

/// A path for messages and reports: as given, with `/` separators.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_from_one() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        assert_eq!(line_column(text, 12), (2, 6));
    }
}
