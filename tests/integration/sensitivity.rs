//! `roi sensitivity`: hand-checked swings on the small fixture, the ranking
//! on the Genesis case, and invalid options.

use rust_decimal_macros::dec;
use serde_json::Value;

use crate::common::{data, dec, failure, json, stdout};

fn small() -> String {
    data("small.toml").to_string_lossy().into_owned()
}

fn effect<'a>(result: &'a Value, path: &str) -> &'a Value {
    result["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|effect| effect["path"] == path)
        .unwrap_or_else(|| panic!("no input {path}"))
}

#[test]
fn small_fixture_volume_swing_is_hand_checked() {
    let result = json(&["sensitivity", &small(), "--scenario", "flat"]);
    assert_eq!(result["metric"], "npv");
    assert_eq!(result["scenario"], "flat");
    // 18 months of $50 benefit less $130 invested.
    assert_eq!(dec(&result["base"]), dec!(770));

    // Agent a's 6,000 requests ±20% change the savings by 1,200 × $0.0055
    // (0.0065 − 0.001) a month, $118.80 over 18 months.
    let volume = effect(&result, "workload.agents.a.requests_per_month");
    assert_eq!(dec(&volume["low_value"]), dec!(4800));
    assert_eq!(dec(&volume["high_value"]), dec!(7200));
    assert_eq!(dec(&volume["low"]), dec!(651.2));
    assert_eq!(dec(&volume["high"]), dec!(888.8));
    assert_eq!(dec(&volume["swing"]), dec!(237.6));
}

#[test]
fn small_fixture_price_swing_is_hand_checked() {
    let result = json(&["sensitivity", &small(), "--scenario", "flat", "--swing", "50%"]);
    assert_eq!(dec(&result["input_swing"]), dec!(0.5));
    // The baseline's output price, $10 per million for 500 tokens, is $0.005
    // of its $0.0065 a request; ±50% moves 10,000 requests by $25 a month.
    let output = effect(&result, "offerings.api-big.output_per_mtok");
    assert_eq!(
        (dec(&output["low_value"]), dec(&output["high_value"])),
        (dec!(5), dec!(15))
    );
    assert_eq!(dec(&output["low"]), dec!(320));
    assert_eq!(dec(&output["high"]), dec!(1220));
    // The candidate's fee: ±$5 a month.
    let fee = effect(&result, "offerings.api-small.monthly_fee");
    assert_eq!(dec(&fee["low"]), dec!(860));
    assert_eq!(dec(&fee["high"]), dec!(680));
}

#[test]
fn rates_are_swung_as_fractions() {
    let result = json(&["sensitivity", &small(), "--scenario", "doubling"]);
    let growth = effect(&result, "scenarios.doubling.growth");
    assert_eq!(growth["kind"], "rate");
    assert_eq!(dec(&growth["value"]), dec!(1));
    assert_eq!(dec(&growth["low_value"]), dec!(0.8));
    assert_eq!(dec(&growth["high_value"]), dec!(1.2));
    // Months 13 to 18 at 1.8 or 2.2 times the volume: savings of
    // 55f − 10 a month, so ±0.2 × 55 × 6 = ±66.
    assert_eq!(dec(&growth["swing"]), dec!(132));
}

#[test]
fn json_has_the_documented_keys() {
    let result = json(&["sensitivity", &small()]);
    for key in ["metric", "scenario", "base", "inputs"] {
        assert!(result.get(key).is_some(), "missing {key}");
    }
    for effect in result["inputs"].as_array().unwrap() {
        for key in ["path", "low_value", "high_value", "low", "high", "swing"] {
            assert!(effect.get(key).is_some(), "missing {key} in {effect}");
        }
    }
}

#[test]
fn genesis_ranks_over_twenty_inputs_by_effect() {
    let result = json(&["sensitivity"]);
    assert_eq!(result["scenario"], "conservative");
    let inputs = result["inputs"].as_array().unwrap();
    assert!(inputs.len() >= 20, "only {} inputs", inputs.len());
    let swings: Vec<_> = inputs.iter().map(|effect| dec(&effect["swing"])).collect();
    assert!(swings.windows(2).all(|pair| pair[0] >= pair[1]), "{swings:?}");
    // GPT-4o's output tokens are two thirds of its $0.015 a request.
    assert_eq!(inputs[0]["path"], "offerings.gpt-4o.output_per_mtok");
    for prefix in [
        "workload.",
        "offerings.mistral-7b-ft-quoted.",
        "offerings.gpt-4o.",
        "scenarios.conservative.growth",
        "finance.discount_rate",
        "investment.",
        "operations.",
        "benefits.",
    ] {
        assert!(
            inputs
                .iter()
                .any(|effect| effect["path"].as_str().unwrap().starts_with(prefix)),
            "no input under {prefix}"
        );
    }
}

#[test]
fn payback_metric_puts_unavailable_first() {
    // With the setup at $500, a 20% smaller benefit pushes payback for the
    // flat scenario beyond 18 months on some inputs.
    let result = json(&[
        "sensitivity",
        &small(),
        "--scenario",
        "flat",
        "--metric",
        "payback_months",
        "--swing",
        "50%",
        "--set",
        "investment.setup.amount=700",
    ]);
    let inputs = result["inputs"].as_array().unwrap();
    let first = &inputs[0];
    assert!(first["low"].is_null() || first["high"].is_null(), "{first}");
    let reason = first["unavailable"].as_object().unwrap().values().next().unwrap();
    assert_eq!(reason, "not within 18 months");
}

#[test]
fn table_output() {
    insta::assert_snapshot!(stdout(&["sensitivity"]));
}

#[test]
fn unknown_metric_exits_2() {
    let stderr = failure(&["sensitivity", "--metric", "npvv"], 2);
    assert!(stderr.contains("unknown metric `npvv`"), "{stderr}");
    assert!(stderr.contains("did you mean `npv`?"), "{stderr}");
}

#[test]
fn swing_above_100_percent_exits_2() {
    let stderr = failure(&["sensitivity", "--swing", "150%"], 2);
    assert!(
        stderr.contains("invalid swing 150%: it must be at most 100%"),
        "{stderr}"
    );
    let stderr = failure(&["sensitivity", "--swing", "20"], 2);
    assert!(stderr.contains("a bare number above 1 is ambiguous"), "{stderr}");
}

#[test]
fn invalid_swing_message() {
    insta::assert_snapshot!(failure(&["sensitivity", "--swing", "150%"], 2));
}
