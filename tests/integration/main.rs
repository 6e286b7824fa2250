//! End-to-end tests: run the real `roi` binary on the shipped models and on
//! fixtures under `tests/data/`.

mod common;
mod currency;
mod docs;
mod errors;
mod export;
mod prices;
mod project;
mod properties;
mod report;
mod setup;
mod terminal;
