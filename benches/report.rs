//! Benchmarks of `roi report` on the shipped Genesis case, in memory: the
//! whole run (load, project, render both reports and every chart) and the
//! rendering alone.

use std::path::PathBuf;

use roi::report::templates::Templates;

fn main() {
    divan::main();
}

fn genesis() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/genesis.toml")
}

/// Loads the inputs and renders both reports and all charts.
#[divan::bench]
fn load_and_render(bencher: divan::Bencher) {
    let path = genesis();
    let templates = Templates::built_in();
    bencher.bench(|| {
        let (inputs, model) = roi::input::load_model(&path, &[]).expect("the Genesis case loads");
        roi::report::render(&inputs, &model, &templates).expect("the Genesis reports render")
    });
}

/// Renders both reports and all charts of inputs loaded once.
#[divan::bench]
fn render_only(bencher: divan::Bencher) {
    let (inputs, model) = roi::input::load_model(&genesis(), &[]).expect("the Genesis case loads");
    let templates = Templates::built_in();
    bencher.bench(|| roi::report::render(&inputs, &model, &templates).expect("the Genesis reports render"));
}
