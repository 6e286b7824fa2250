//! The IRR in `roi project`: a hand-checked rate, flows that never change
//! sign, and flows with two rates of return.

use rust_decimal_macros::dec;

use crate::common::{data, dec, project_json, scenario, stdout};

fn path_text(name: &str) -> String {
    data(name).to_string_lossy().into_owned()
}

/// Returns the values of the `IRR` lines of a `roi project` table.
fn irr_lines(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| line.strip_prefix("IRR "))
        .map(|value| value.trim().to_string())
        .collect()
}

#[test]
fn one_month_irr_is_hand_checked() {
    // $100 at month 0, $110 at the end of month 1: 10% a month.
    let projection = project_json(&[&path_text("one-month.toml")]);
    let flat = scenario(&projection, "flat");
    assert_eq!(dec(&flat["irr"]), dec!(2.138428376721));
    assert!(flat["unavailable"].get("irr").is_none());
}

#[test]
fn one_month_irr_shows_as_annual_percent() {
    let text = stdout(&["project", &path_text("one-month.toml")]);
    assert_eq!(irr_lines(&text), ["213.8%"]);
}

#[test]
fn irr_is_null_without_investment() {
    let projection = project_json(&[&path_text("one-month.toml"), "--set", "investment.setup.amount=0"]);
    let flat = scenario(&projection, "flat");
    assert!(flat["irr"].is_null());
    assert_eq!(flat["unavailable"]["irr"], "the cash flows never change sign");
}

#[test]
fn irr_is_null_with_two_rates_of_return() {
    let projection = project_json(&[&path_text("two-rates.toml")]);
    let doubling = scenario(&projection, "doubling");
    assert!(doubling["irr"].is_null());
    assert_eq!(
        doubling["unavailable"]["irr"],
        "the cash flows have more than one rate of return"
    );
    let text = stdout(&["project", &path_text("two-rates.toml")]);
    assert_eq!(
        irr_lines(&text),
        ["n/a (the cash flows have more than one rate of return)"]
    );
}

#[test]
fn genesis_irr_is_capped_for_display() {
    // $486 repaid in 18 days: the annual rate is meaningless and shown capped.
    let projection = project_json(&[]);
    for name in ["conservative", "aggressive"] {
        assert!(dec(&scenario(&projection, name)["irr"]) > dec!(10));
    }
    assert_eq!(irr_lines(&stdout(&["project"])), ["> 1,000%", "> 1,000%"]);
}
