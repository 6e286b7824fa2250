//! `price_change`: usage prices (token, per-request and hourly) follow the
//! scenario's price factor; fees and operations do not.

use rust_decimal_macros::dec;

use crate::common::{data, dec, offering, project_json, scenario, stdout};

fn path_text(name: &str) -> String {
    data(name).to_string_lossy().into_owned()
}

fn offering_total(scenario: &serde_json::Value, id: &str) -> rust_decimal::Decimal {
    let total = scenario["offering_totals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|total| total["id"] == id)
        .unwrap_or_else(|| panic!("no total for {id}"));
    dec(&total["total_cost"])
}

#[test]
fn falling_price_halves_usage_in_year_two() {
    let projection = project_json(&[&path_text("small-falling-prices.toml"), "--scenario", "flat"]);
    let flat = scenario(&projection, "flat");
    assert_eq!(dec(&flat["price_change"]), dec!(-0.5));

    let month_12 = &flat["months"][11];
    assert_eq!(dec(&month_12["price_factor"]), dec!(1));
    assert_eq!(dec(&month_12["candidate_usage"]), dec!(10));

    let month_13 = &flat["months"][12];
    assert_eq!(dec(&month_13["price_factor"]), dec!(0.5));
    // Per-request usage: 10,000 × $0.001 × 0.5.
    assert_eq!(dec(&month_13["candidate_usage"]), dec!(5));
    // Token usage: 10,000 × $0.0065 × 0.5.
    assert_eq!(dec(&month_13["baseline_usage"]), dec!(32.5));
    // The $10 fee and $5 operations do not follow prices.
    assert_eq!(dec(&month_13["candidate_fees"]), dec!(10));
    assert_eq!(dec(&month_13["operations"]), dec!(5));
}

#[test]
fn falling_price_totals_are_hand_checked() {
    let projection = project_json(&[&path_text("small-falling-prices.toml"), "--scenario", "flat"]);
    let flat = scenario(&projection, "flat");
    // Candidate: 12 × ($10 + $10 + $5) + 6 × ($5 + $10 + $5).
    assert_eq!(dec(&flat["totals"]["candidate_cost"]), dec!(420));
    // Baseline: 12 × ($65 + $5) + 6 × ($32.50 + $5).
    assert_eq!(dec(&flat["totals"]["baseline_cost"]), dec!(1065));
    assert_eq!(dec(&flat["totals"]["savings"]), dec!(645));
    // Hourly endpoint: one replica, 730 h × $1, then half: 12 × $735 + 6 × $370.
    assert_eq!(offering_total(flat, "endpoint"), dec!(11040));
}

#[test]
fn prices_at_base_volume_are_first_month_prices() {
    let falling = project_json(&[&path_text("small-falling-prices.toml")]);
    let steady = project_json(&[&path_text("small.toml")]);
    for id in ["api-small", "api-big", "endpoint"] {
        assert_eq!(
            offering(&falling, id)["monthly_cost"],
            offering(&steady, id)["monthly_cost"],
            "{id}"
        );
    }
    assert_eq!(
        falling["break_even_requests_per_month"],
        steady["break_even_requests_per_month"]
    );
}

#[test]
fn rising_price_compounds_monthly() {
    let projection = project_json(&[
        &path_text("small.toml"),
        "--scenario",
        "flat",
        "--set",
        "scenarios.flat.price_change=\"21%\"",
        "--set",
        "scenarios.flat.compounding=\"monthly\"",
    ]);
    let months = &scenario(&projection, "flat")["months"];
    assert_eq!(dec(&months[12]["price_factor"]), dec!(1.21));
    let month_7 = dec(&months[6]["price_factor"]);
    // Half a year at 21% a year is 1.1 exactly: √1.21.
    assert!((month_7 - dec!(1.1)).abs() < dec!(1e-20), "{month_7}");
    assert_eq!(dec(&months[12]["candidate_usage"]), dec!(12.1));
    assert_eq!(dec(&months[12]["candidate_fees"]), dec!(10));
}

#[test]
fn genesis_falling_prices_overlay_cuts_year_two_savings() {
    let projection = project_json(&["models/scenarios/falling-prices.toml"]);
    let conservative = scenario(&projection, "conservative");
    // Year 1 is at list prices.
    assert_eq!(dec(&conservative["years"][0]["savings"]), dec!(7560));
    // Year 2: 55,000 requests × ($0.015 − $0.0024) × 0.8 × 12.
    assert_eq!(dec(&conservative["years"][1]["savings"]), dec!(6652.8));
    // Candidate: usage at 0.8 plus $108 of operations a month.
    assert_eq!(
        dec(&conservative["years"][1]["candidate_cost"]),
        dec!(12) * (dec!(55000) * dec!(0.0024) * dec!(0.8) + dec!(108))
    );
}

#[test]
fn storage_fee_does_not_fall_with_prices() {
    let projection = project_json(&[
        "models/scenarios/falling-prices.toml",
        "--set",
        "offerings.mistral-7b-ft-quoted.monthly_fee=2",
    ]);
    let months = &scenario(&projection, "aggressive")["months"];
    for index in [0, 12, 59] {
        assert_eq!(dec(&months[index]["candidate_fees"]), dec!(10), "month {}", index + 1);
    }
    assert_eq!(dec(&months[59]["price_factor"]), dec!(0.4096));
}

#[test]
fn table_states_the_trajectory() {
    let text = stdout(&["project", "models/scenarios/falling-prices.toml"]);
    assert!(
        text.contains("Scenario conservative: growth 10% a year (yearly compounding), prices -20% a year"),
        "{text}"
    );
}
