//! roi: cost and ROI modelling of LLM providers.
//!
//! The engine (`pricing`, `projection`, `metrics`) computes from the typed
//! [`model::Model`] and returns a serialisable [`result::Projection`]; it does
//! no I/O. [`input`] reads TOML files into the model; [`cli`] and the
//! renderers sit around both.

pub mod catalogue;
pub mod check;
pub mod cli;
pub mod currency;
pub mod engine;
pub mod error;
pub mod export;
pub mod format;
pub mod input;
pub mod metrics;
pub mod model;
pub mod money;
pub mod pricing;
pub mod projection;
pub mod report;
pub mod result;
pub mod whatif;
