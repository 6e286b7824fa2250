//! Benchmarks of the what-if analyses on the shipped Genesis case, run with
//! `cargo bench --bench whatif`. Results and the machine are recorded in
//! docs/benchmarks.md.

use std::path::Path;

use divan::Bencher;
use roi::input::Inputs;
use roi::whatif::{DiffOptions, SensitivityOptions, SolveOptions, Target, diff, sensitivity, solve};

fn main() {
    divan::main();
}

fn load(relative: &str) -> Inputs {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    Inputs::load(&path, &[]).expect("the shipped model loads")
}

/// Decodes and projects Genesis once, without its alternatives: the unit of
/// work every what-if variation repeats.
#[divan::bench]
fn project_one_scenario(bencher: Bencher) {
    let inputs = load("models/genesis.toml");
    let scenarios = ["conservative".to_string()];
    bencher.bench(|| roi::whatif::project_scenarios(&inputs, &scenarios, true).unwrap());
}

/// NPV sensitivity of the conservative scenario: every driving input ±20%.
#[divan::bench]
fn sensitivity_npv(bencher: Bencher) {
    let inputs = load("models/genesis.toml");
    let swung = sensitivity(&inputs, &SensitivityOptions::default())
        .unwrap()
        .inputs
        .len();
    assert!(swung >= 20, "only {swung} inputs swung");
    bencher.bench(|| sensitivity(&inputs, &SensitivityOptions::default()).unwrap());
}

/// Solves for the candidate price at which five-year savings are zero.
#[divan::bench]
fn solve_price_for_zero_savings(bencher: Bencher) {
    let inputs = load("models/genesis.toml");
    let options = SolveOptions {
        path: "offerings.mistral-7b-ft-quoted.per_request".to_string(),
        target: Target::parse("savings=0").unwrap(),
        scenario: None,
    };
    bencher.bench(|| solve(&inputs, &options).unwrap());
}

/// Genesis against the falling-prices overlay, both scenarios.
#[divan::bench]
fn diff_falling_prices(bencher: Bencher) {
    let base = load("models/genesis.toml");
    let other = load("models/scenarios/falling-prices.toml");
    bencher.bench(|| diff(&base, &other, &DiffOptions::default()).unwrap());
}
