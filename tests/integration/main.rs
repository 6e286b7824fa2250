//! End-to-end tests: run the real `roi` binary on the shipped models and on
//! fixtures under `tests/data/`.

mod common;
mod currency;
mod diff;
mod docs;
mod errors;
mod export;
mod irr;
mod price_trajectory;
mod prices;
mod project;
mod properties;
mod report;
mod sensitivity;
mod setup;
mod solve;
mod terminal;
