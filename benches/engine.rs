//! Engine benchmarks: the shipped Genesis case end to end (load, validate,
//! project), and a synthetic model of 1,000 agents, 20 offerings,
//! 4 scenarios and 120 months.

use std::fmt::Write as _;
use std::path::Path;

use roi::engine::{self, Options};
use roi::input::{self, Inputs, decode};

fn main() {
    divan::main();
}

/// Loads, validates and projects `models/genesis.toml`.
#[divan::bench]
fn genesis_load_and_project() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/genesis.toml");
    let (inputs, model) = input::load_model(&path, &[]).expect("the shipped model is valid");
    let projection = engine::project(&model, &inputs.overrides, &Options::default()).expect("it projects");
    divan::black_box(projection);
}

/// Validates and projects the synthetic model from its text.
#[divan::bench(sample_count = 20)]
fn synthetic_1000_agents(bencher: divan::Bencher) {
    let text = synthetic_model(1000, 20, 4, 120);
    bencher.bench(|| {
        let inputs = Inputs::from_text("synthetic.toml", &text).expect("the synthetic model parses");
        let model = decode::decode(&inputs).expect("the synthetic model is valid");
        let projection = engine::project(&model, &[], &Options::default()).expect("it projects");
        divan::black_box(projection);
    });
}

/// Builds a model with the given size: token-priced offerings with caching
/// and a long-context tier, one hourly offering, agents with varied token
/// counts, and scenarios with monthly compounding and price changes.
fn synthetic_model(agents: usize, offerings: usize, scenarios: usize, months: usize) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "[model]\nname = \"synthetic\"\nas_of = 2026-01-01\nstart = \"2026-01\"\nhorizon_months = {months}\n"
    );
    let alternatives: Vec<String> = (2..offerings).map(|index| format!("\"offering-{index}\"")).collect();
    let _ = writeln!(
        text,
        "[deployment]\ncandidate = \"offering-0\"\nbaseline = \"offering-1\"\nalternatives = [{}]\nmodels_deployed = 3\n",
        alternatives.join(", ")
    );
    for index in 0..offerings {
        if index == offerings - 1 {
            let _ = writeln!(
                text,
                "[offerings.offering-{index}]\nprovider = \"HuggingFace\"\nas_of = 2026-01-01\nhourly = 1.8\nrequests_per_replica_hour = 5000\n"
            );
            continue;
        }
        let _ = writeln!(
            text,
            "[offerings.offering-{index}]\nprovider = \"Provider {}\"\nas_of = 2026-01-01\ninput_per_mtok = {}.25\ncache_read_per_mtok = 0.125\noutput_per_mtok = {}.5\nbatch_discount = \"50%\"\nmonthly_fee = 2\n\n[offerings.offering-{index}.long_context]\nabove_input_tokens = 200000\ninput_per_mtok = 9\noutput_per_mtok = 30\n",
            index % 5,
            index % 4,
            index % 7 + 1
        );
    }
    let _ = writeln!(
        text,
        "[workload]\ninput_tokens = 2000\noutput_tokens = 800\ncached_share = \"30%\"\nbatch_share = \"10%\"\n"
    );
    for index in 0..agents {
        let _ = writeln!(
            text,
            "[workload.agents.agent-{index}]\nrequests_per_month = {}\ninput_tokens = {}\n",
            1000 + index * 37 % 5000,
            500 + index * 997 % 250_000
        );
    }
    let _ = writeln!(
        text,
        "[investment.build]\namount = 25000\n\n[investment.past]\nhours = 100\nrate = 90\nsunk = true\n"
    );
    let _ = writeln!(
        text,
        "[operations.hosting]\nmonthly = 300\nsteps = [{{ from_requests = 5000000, monthly = 900 }}]\n\n[benefits.speed]\nmonthly = 1000\nscale_with_volume = true\n"
    );
    let _ = writeln!(
        text,
        "[finance]\ndiscount_rate = \"9%\"\n\n[budget]\ncontingency = \"15%\"\n"
    );
    for index in 0..scenarios {
        let _ = writeln!(
            text,
            "[scenarios.scenario-{index}]\ngrowth = \"{}%\"\ncompounding = \"monthly\"\nprice_change = \"-{}%\"\n",
            10 * index + 5,
            5 * index
        );
    }
    text
}
