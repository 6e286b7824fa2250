//! The optional companion files of a case, `claims.toml` and
//! `benchmarks.toml`: where they are found and how they are read.
//!
//! A companion file is looked up next to the model file, then next to each
//! file the model extends, nearest first, so an overlay such as
//! `models/scenarios/volume-3x.toml` uses the companions of
//! `models/genesis.toml` unless it has its own.

use std::path::{Path as FsPath, PathBuf};

use crate::error::InputError;
use crate::input::Inputs;
use crate::input::source::{SourceId, SourceKind, SourceMap, display_path};
use crate::input::tree::{Node, Table, Value};

/// File name of the claims to reconcile.
pub const CLAIMS_FILE: &str = "claims.toml";

/// File name of the measured quality and latency.
pub const BENCHMARKS_FILE: &str = "benchmarks.toml";

/// A companion file read into the report's source map.
#[derive(Debug, Clone)]
pub struct Companion {
    pub id: SourceId,
    /// Display name, as in errors and the as-of block.
    pub name: String,
    /// The whole document, as a node that points at the file's start.
    pub root: Node,
}

/// Finds `file_name` next to the model or the files it extends.
pub fn find(inputs: &Inputs, file_name: &str) -> Option<PathBuf> {
    let mut directories: Vec<PathBuf> = Vec::new();
    for id in inputs.model_files.iter().rev() {
        if let SourceKind::File(path) = &inputs.sources.get(*id).kind {
            let directory = path.parent().map(FsPath::to_path_buf).unwrap_or_default();
            if !directories.contains(&directory) {
                directories.push(directory);
            }
        }
    }
    directories
        .into_iter()
        .map(|directory| directory.join(file_name))
        .find(|path| path.is_file())
}

/// Reads and parses a companion file, adding its text to `sources`.
pub fn read(sources: &mut SourceMap, path: &FsPath) -> Result<Companion, InputError> {
    let text = std::fs::read_to_string(path).map_err(|error| {
        InputError::new(format!("cannot read `{}`: {error}", display_path(path)))
            .with_help("check that the file is readable, or remove it to leave that part of the report pending")
    })?;
    let id = sources.add_file(path, text);
    let table: Table = crate::input::load::parse_source(sources, id)?;
    let end = sources.get(id).text.len();
    Ok(Companion {
        id,
        name: sources.get(id).name.clone(),
        root: Node {
            value: Value::Table(table),
            loc: crate::input::source::Loc {
                source: id,
                start: 0,
                end: end.min(1),
            },
        },
    })
}

/// Finds and reads a companion file; `None` when the case has none.
pub fn load(inputs: &Inputs, sources: &mut SourceMap, file_name: &str) -> Result<Option<Companion>, InputError> {
    find(inputs, file_name).map(|path| read(sources, &path)).transpose()
}
