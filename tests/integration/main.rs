//! End-to-end tests: run the real `roi` binary on the shipped models and on
//! fixtures under `tests/data/`.

mod common;
mod diff;
mod irr;
mod price_trajectory;
mod project;
mod sensitivity;
mod solve;
