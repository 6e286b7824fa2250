//! Loading inputs: TOML files, overlays, the catalogue and `--set`
//! overrides, decoded into the typed [`Model`](crate::model::Model).
//!
//! This module owns everything that touches files; the engine modules
//! compute from the typed model only.

pub mod decode;
pub mod load;
pub mod read;
pub mod source;
pub mod suggest;
pub mod tree;

pub use load::{Inputs, Override};

use std::path::Path as FsPath;

use crate::error::InputError;
use crate::model::Model;

/// Reads and validates a model with its overrides.
pub fn load_model(path: &FsPath, overrides: &[String]) -> Result<(Inputs, Model), InputError> {
    let inputs = Inputs::load(path, overrides)?;
    let model = decode::decode(&inputs)?;
    Ok((inputs, model))
}
