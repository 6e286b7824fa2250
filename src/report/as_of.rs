//! The as-of block that opens each report: the date of the assumptions,
//! the catalogue's price dates, the roi version and a SHA-256 over every
//! input, so a reader can tell which inputs produced a report.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::input::Override;
use crate::input::source::{SourceId, SourceKind, SourceMap};
use crate::result::Projection;

/// The version of roi that renders the reports.
pub const ROI_VERSION: &str = env!("CARGO_PKG_VERSION");

#[derive(Debug, Clone, Serialize)]
pub struct AsOf {
    /// The model's `as_of`, `YYYY-MM-DD`.
    pub model_as_of: Option<String>,
    /// The distinct `as_of` dates of the offerings, oldest first.
    pub price_dates: Vec<PriceDate>,
    /// Offerings without an `as_of`.
    pub undated_offerings: Vec<String>,
    pub roi_version: &'static str,
    /// SHA-256 over every input, as [`inputs_sha256`] computes it.
    pub inputs_sha256: String,
    pub files: Vec<InputFile>,
    pub overrides: Vec<Override>,
}

/// One price date and the offerings read on it.
#[derive(Debug, Clone, Serialize)]
pub struct PriceDate {
    pub date: String,
    pub offerings: Vec<String>,
}

/// One input file and what it is to the model.
#[derive(Debug, Clone, Serialize)]
pub struct InputFile {
    pub name: String,
    /// `model`, `base model`, `price catalogue`, `claims` or `benchmarks`.
    pub role: &'static str,
    /// First 12 hex digits of the file's SHA-256.
    pub sha256: String,
}

/// The source ids of each role an input file can play.
#[derive(Debug, Clone, Default)]
pub struct Roles {
    /// Model files, the base of the `extends` chain first.
    pub model_files: Vec<SourceId>,
    pub catalogue: Option<SourceId>,
    pub claims: Option<SourceId>,
    pub benchmarks: Option<SourceId>,
}

/// Builds the as-of block.
pub fn as_of(sources: &SourceMap, roles: &Roles, projection: &Projection) -> AsOf {
    let mut price_dates: Vec<PriceDate> = Vec::new();
    let mut undated_offerings = Vec::new();
    for offering in &projection.offerings {
        match &offering.as_of {
            Some(date) => match price_dates.iter_mut().find(|entry| entry.date == *date) {
                Some(entry) => entry.offerings.push(offering.id.clone()),
                None => price_dates.push(PriceDate {
                    date: date.clone(),
                    offerings: vec![offering.id.clone()],
                }),
            },
            None => undated_offerings.push(offering.id.clone()),
        }
    }
    price_dates.sort_by(|left, right| left.date.cmp(&right.date));

    let mut files = Vec::new();
    for (id, source) in sources.iter().enumerate() {
        if !matches!(source.kind, SourceKind::File(_)) {
            continue;
        }
        files.push(InputFile {
            name: source.name.clone(),
            role: role(roles, id),
            sha256: hex(&Sha256::digest(source.text.as_bytes()))[..12].to_string(),
        });
    }

    AsOf {
        model_as_of: projection.as_of.clone(),
        price_dates,
        undated_offerings,
        roi_version: ROI_VERSION,
        inputs_sha256: inputs_sha256(sources),
        files,
        overrides: projection.overrides.clone(),
    }
}

fn role(roles: &Roles, id: SourceId) -> &'static str {
    if roles.model_files.last() == Some(&id) {
        "model"
    } else if roles.model_files.contains(&id) {
        "base model (extends)"
    } else if roles.catalogue == Some(id) {
        "price catalogue"
    } else if roles.claims == Some(id) {
        "claims"
    } else if roles.benchmarks == Some(id) {
        "benchmarks"
    } else {
        "input"
    }
}

/// SHA-256 over every input in the order it was read: for each file or
/// `--set` override, a tag (`file` or `set`), the length of its text as
/// 8 little-endian bytes, then the text. File names are left out, so the
/// hash does not depend on the directory roi runs from.
pub fn inputs_sha256(sources: &SourceMap) -> String {
    let mut hasher = Sha256::new();
    for source in sources.iter() {
        let tag: &[u8] = match source.kind {
            SourceKind::File(_) => b"file",
            SourceKind::Override => b"set",
        };
        hasher.update(tag);
        hasher.update((source.text.len() as u64).to_le_bytes());
        hasher.update(source.text.as_bytes());
    }
    hex(&hasher.finalize())
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        let _ = write!(out, "{byte:02x}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn hash_depends_on_text_not_names() {
        let mut first = SourceMap::default();
        first.add_file(Path::new("a/genesis.toml"), "x = 1\n".to_string());
        let mut second = SourceMap::default();
        second.add_file(Path::new("b/other.toml"), "x = 1\n".to_string());
        assert_eq!(inputs_sha256(&first), inputs_sha256(&second));

        second.add_override("x = 2");
        assert_ne!(inputs_sha256(&first), inputs_sha256(&second));
    }

    #[test]
    fn hash_separates_sources() {
        let mut joined = SourceMap::default();
        joined.add_file(Path::new("a.toml"), "ab".to_string());
        let mut split = SourceMap::default();
        split.add_file(Path::new("a.toml"), "a".to_string());
        split.add_file(Path::new("b.toml"), "b".to_string());
        assert_ne!(inputs_sha256(&joined), inputs_sha256(&split));
    }

    #[test]
    fn hash_of_nothing_is_sha256_of_empty_input() {
        assert_eq!(
            inputs_sha256(&SourceMap::default()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
