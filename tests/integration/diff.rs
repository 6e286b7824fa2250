//! `roi diff`: inputs changed, figures changed, and the NPV attribution, on
//! the small fixture (hand-checked), the shipped overlays, and random
//! changes (a property test that the parts add up to the total).

use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::Value;

use crate::common::{data, dec, failure, json, root, stdout, write};
use roi::input::Inputs;
use roi::whatif::{DiffOptions, Metric, diff};

fn path_text(name: &str) -> String {
    data(name).to_string_lossy().into_owned()
}

fn figure<'a>(diff: &'a Value, scenario: &str, name: &str) -> &'a Value {
    diff["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|figure| figure["scenario"] == scenario && figure["figure"] == name)
        .unwrap_or_else(|| panic!("no figure {name} in {scenario}"))
}

fn parts(diff: &Value, scenario: &str) -> Vec<(String, Decimal)> {
    diff["attribution"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|part| part["scenario"] == scenario)
        .map(|part| (part["path"].as_str().unwrap().to_string(), dec(&part["npv_delta"])))
        .collect()
}

#[test]
fn small_fixture_changes_are_hand_checked() {
    let result = json(&["diff", &path_text("small.toml"), &path_text("small-more-volume.toml")]);
    let inputs: Vec<(&str, &str, &str)> = result["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|change| {
            (
                change["path"].as_str().unwrap(),
                change["base"].as_str().unwrap(),
                change["other"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        inputs,
        [
            ("workload.agents.a.requests_per_month", "6000", "12000"),
            ("offerings.api-small.per_request", "0.001", "0.002"),
        ]
    );

    // Flat: NPV 770 → 1,076 (see the fixture's comment).
    let npv = figure(&result, "flat", "npv");
    assert_eq!(
        (dec(&npv["base"]), dec(&npv["other"]), dec(&npv["delta"])),
        (dec!(770), dec!(1076), dec!(306))
    );
    let savings = figure(&result, "flat", "savings");
    assert_eq!(dec(&savings["delta"]), dec!(306));
    assert_eq!(dec(&figure(&result, "flat", "candidate_cost")["delta"]), dec!(396));
}

#[test]
fn small_fixture_attribution_is_hand_checked() {
    let result = json(&["diff", &path_text("small.toml"), &path_text("small-more-volume.toml")]);
    // Flat, volume first: 16,000 requests at $0.001 save $78 a month, NPV
    // 18 × $83 − $130 = $1,364 (+$594); then $0.002 brings it to $1,076 (−$288).
    assert_eq!(
        parts(&result, "flat"),
        [
            ("workload.agents.a.requests_per_month".to_string(), dec!(594)),
            ("offerings.api-small.per_request".to_string(), dec!(-288)),
        ]
    );
    // Doubling: volume doubles after month 12. Savings are 88f − 10 a month
    // at $0.001 and 72f − 10 at $0.002, for volume factor f: NPV 1,100 →
    // 1,892 → 1,508.
    assert_eq!(
        parts(&result, "doubling"),
        [
            ("workload.agents.a.requests_per_month".to_string(), dec!(792)),
            ("offerings.api-small.per_request".to_string(), dec!(-384)),
        ]
    );
    assert_eq!(dec(&figure(&result, "doubling", "npv")["delta"]), dec!(408));
}

#[test]
fn file_against_itself_has_no_change() {
    let genesis = root().join("models/genesis.toml");
    let genesis = genesis.to_string_lossy();
    let result = json(&["diff", &genesis, &genesis]);
    assert_eq!(result["inputs"], Value::Array(Vec::new()));
    assert_eq!(result["attribution"], Value::Array(Vec::new()));
    let figures = result["figures"].as_array().unwrap();
    assert_eq!(figures.len(), 2 * 7, "seven figures in each of two scenarios");
    for figure in figures {
        assert_eq!(dec(&figure["delta"]), dec!(0), "{figure}");
    }
}

#[test]
fn storage_fee_overlay_costs_600_over_five_years() {
    let result = json(&["diff", "models/genesis.toml", "models/scenarios/storage-fee.toml"]);
    assert_eq!(result["inputs"].as_array().unwrap().len(), 1);
    let change = &result["inputs"][0];
    assert_eq!(change["path"], "offerings.mistral-7b-ft-quoted.monthly_fee");
    assert_eq!(change["base"], Value::Null);
    assert_eq!(change["other"], "2.00");
    for scenario in ["conservative", "aggressive"] {
        // $2 × 5 models × 60 months.
        assert_eq!(dec(&figure(&result, scenario, "savings")["delta"]), dec!(-600));
        let total = dec(&figure(&result, scenario, "npv")["delta"]);
        let attributed: Decimal = parts(&result, scenario).iter().map(|(_, part)| *part).sum();
        assert_eq!(attributed, total);
    }
}

#[test]
fn figures_list_is_the_seven_headline_figures() {
    let result = json(&["diff", "models/genesis.toml", "models/scenarios/volume-3x.toml"]);
    let names: Vec<&str> = result["figures"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|figure| figure["scenario"] == "conservative")
        .map(|figure| figure["figure"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "candidate_cost",
            "baseline_cost",
            "savings",
            "benefit",
            "npv",
            "return_multiple",
            "payback_months"
        ]
    );
}

#[test]
fn scenario_option_selects_one() {
    let result = json(&[
        "diff",
        "models/genesis.toml",
        "models/scenarios/falling-prices.toml",
        "--scenario",
        "aggressive",
    ]);
    assert_eq!(result["scenarios"], serde_json::json!(["aggressive"]));
    assert!(
        result["attribution"]
            .as_array()
            .unwrap()
            .iter()
            .all(|part| part["scenario"] == "aggressive")
    );
}

#[test]
fn currencies_that_differ_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let overlay = format!(
        "extends = {:?}\n[model]\ncurrency = \"EUR\"\nprices = {:?}\n[fx]\nUSD = \"0.9\"\n",
        root().join("models/genesis.toml").to_string_lossy(),
        root().join("models/prices.toml").to_string_lossy(),
    );
    let euro = write(dir.path(), "euro.toml", &overlay);
    let stderr = failure(&["diff", "models/genesis.toml", &euro.to_string_lossy()], 2);
    assert!(
        stderr.contains("cannot diff models in different currencies"),
        "{stderr}"
    );
    assert!(stderr.contains("is in USD and"), "{stderr}");
}

#[test]
fn unknown_scenario_exits_2() {
    let stderr = failure(
        &[
            "diff",
            "models/genesis.toml",
            "models/genesis.toml",
            "--scenario",
            "agressive",
        ],
        2,
    );
    assert!(stderr.contains("did you mean `aggressive`?"), "{stderr}");
}

#[test]
fn table_output() {
    let text = stdout(&["diff", "models/genesis.toml", "models/scenarios/storage-fee.toml"]);
    insta::assert_snapshot!(text);
}

#[test]
fn markdown_output() {
    let text = stdout(&[
        "diff",
        "models/genesis.toml",
        "models/scenarios/falling-prices.toml",
        "--format",
        "markdown",
    ]);
    assert!(
        text.starts_with(
            "Five-year savings fall by $16,401.67 (−35.5%) in the conservative scenario \
             and by $43,439.00 (−43.6%) in the aggressive scenario.\n"
        ),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

/// Changes a random OTHER makes to the small fixture.
#[derive(Debug, Clone, Default)]
struct Changes {
    volume_a: Option<u32>,
    volume_b: Option<u32>,
    extra_agent: Option<u32>,
    candidate_price: Option<u32>,
    candidate: Option<&'static str>,
    growth_percent: Option<u32>,
    price_change_percent: Option<i32>,
    discount_percent: Option<u32>,
    setup_amount: Option<u32>,
    without_benefit: bool,
    cached_percent: Option<u32>,
}

/// The small fixture and its catalogue in one text, with `changes` applied.
fn small_model(changes: &Changes) -> String {
    let volume_a = changes.volume_a.unwrap_or(6000);
    let volume_b = changes.volume_b.unwrap_or(4000);
    let price = changes.candidate_price.map_or("0.001".to_string(), |units| {
        (Decimal::from(units) / Decimal::from(100_000)).to_string()
    });
    let mut text = format!(
        r#"
[model]
name = "Small fixture"
start = "2026-01"
horizon_months = 18

[deployment]
candidate = "{candidate}"
baseline = "api-big"

[workload]
input_tokens = 1000
output_tokens = 500
cached_share = "{cached}%"

[workload.agents.a]
requests_per_month = {volume_a}

[workload.agents.b]
requests_per_month = {volume_b}
"#,
        candidate = changes.candidate.unwrap_or("api-small"),
        cached = changes.cached_percent.unwrap_or(80),
    );
    if let Some(volume) = changes.extra_agent {
        text.push_str(&format!("\n[workload.agents.c]\nrequests_per_month = {volume}\n"));
    }
    text.push_str(&format!(
        r#"
[investment.setup]
amount = {setup}

[investment.engineering]
hours = 2
rate = 50
sunk = true

[operations.hosting]
monthly = 5
"#,
        setup = changes.setup_amount.unwrap_or(30),
    ));
    if !changes.without_benefit {
        text.push_str("\n[benefits.quality]\nmonthly = 5\n");
    }
    text.push_str(&format!(
        r#"
[finance]
discount_rate = "{discount}%"

[scenarios.flat]
growth = "0%"
price_change = "{price_change}%"

[scenarios.doubling]
growth = "{growth}%"
compounding = "yearly"

[offerings.api-big]
provider = "OpenAI"
input_per_mtok = 2.5
cache_read_per_mtok = 1.25
output_per_mtok = 10

[offerings.api-small]
provider = "Mistral"
per_request = {price}
monthly_fee = 10

[offerings.endpoint]
provider = "HuggingFace"
hourly = 1.00
requests_per_replica_hour = 100
"#,
        discount = changes.discount_percent.unwrap_or(0),
        price_change = changes.price_change_percent.unwrap_or(0),
        growth = changes.growth_percent.unwrap_or(100),
    ));
    text
}

fn changes() -> impl Strategy<Value = Changes> {
    let volumes = (
        proptest::option::of(0u32..100_000),
        proptest::option::of(0u32..100_000),
        proptest::option::of(0u32..50_000),
    );
    let prices = (
        proptest::option::of(0u32..2_000),
        proptest::option::of(prop_oneof![Just("api-big"), Just("endpoint")]),
        proptest::option::of(0u32..100),
    );
    let finance = (
        proptest::option::of(0u32..300),
        proptest::option::of(-90i32..100),
        proptest::option::of(0u32..30),
        proptest::option::of(0u32..10_000),
        any::<bool>(),
    );
    (volumes, prices, finance).prop_map(
        |(
            (volume_a, volume_b, extra_agent),
            (candidate_price, candidate, cached_percent),
            (growth_percent, price_change_percent, discount_percent, setup_amount, without_benefit),
        )| Changes {
            volume_a,
            volume_b,
            extra_agent,
            candidate_price,
            candidate,
            growth_percent,
            price_change_percent,
            discount_percent,
            setup_amount,
            without_benefit,
            cached_percent,
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn attribution_parts_sum_to_the_total(changes in changes()) {
        let base = Inputs::from_text("base.toml", &small_model(&Changes::default())).unwrap();
        let other = Inputs::from_text("other.toml", &small_model(&changes)).unwrap();
        let result = diff(&base, &other, &DiffOptions::default()).unwrap();
        for scenario in &result.scenarios {
            let total = result.figure(scenario, Metric::Npv).unwrap().delta.unwrap();
            let parts: Decimal = result
                .attribution
                .iter()
                .filter(|part| &part.scenario == scenario)
                .map(|part| part.npv_delta)
                .sum();
            prop_assert_eq!(parts, total, "scenario {}", scenario);
        }
    }
}
