//! End-to-end tests: run the real `roi` binary on the shipped models and on
//! fixtures under `tests/data/`.

mod common;
mod project;
mod report;
