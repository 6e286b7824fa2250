//! `roi project` on the shipped Genesis case and on the small fixture.

use rust_decimal_macros::dec;

use crate::common::{dec, offering, project_json, roi, scenario};

#[test]
fn genesis_monthly_and_annual_costs() {
    let projection = project_json(&[]);
    let candidate = offering(&projection, "mistral-7b-ft-quoted");
    let baseline = offering(&projection, "gpt-4o");
    assert_eq!(dec(&candidate["monthly_cost"]), dec!(228));
    assert_eq!(dec(&baseline["monthly_cost"]), dec!(858));
    assert_eq!(dec(&candidate["annual_cost"]), dec!(2736));
    assert_eq!(dec(&baseline["annual_cost"]), dec!(10296));
    assert_eq!(dec(&candidate["cost_per_request"]), dec!(0.0024));
    assert_eq!(dec(&baseline["cost_per_request"]), dec!(0.015));
}

#[test]
fn genesis_year_one_savings_and_budget() {
    let projection = project_json(&[]);
    let conservative = scenario(&projection, "conservative");
    assert_eq!(dec(&conservative["years"][0]["savings"]), dec!(7560));
    assert_eq!(dec(&projection["budget_year1"]), dec!(3283.20));
    assert_eq!(dec(&projection["benefits_monthly"]), dec!(187.5));
}

#[test]
fn genesis_five_year_savings() {
    let projection = project_json(&[]);
    let conservative = dec(&scenario(&projection, "conservative")["totals"]["savings"]);
    let aggressive = dec(&scenario(&projection, "aggressive")["totals"]["savings"]);
    assert_eq!(conservative, dec!(46154.556));
    assert_eq!(conservative.round_dp(2), dec!(46154.56));
    assert_eq!(aggressive, dec!(99697.50));
}

#[test]
fn genesis_investment_and_scaling() {
    let projection = project_json(&[]);
    assert_eq!(dec(&projection["investment"]["total"]), dec!(486));
    assert_eq!(dec(&projection["investment"]["incremental"]), dec!(6));
    assert_eq!(dec(&projection["scaling"]["candidate_monthly"]), dec!(1416));
    assert_eq!(dec(&projection["scaling"]["baseline_monthly"]), dec!(7716));
}

#[test]
fn genesis_table_shows_headline_figures() {
    let output = roi().arg("project").output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    for figure in [
        "$228.00",
        "$858.00",
        "$2,736.00",
        "$10,296.00",
        "$3,283.20",
        "$46,154.56",
        "$99,697.50",
    ] {
        assert!(text.contains(figure), "table lacks {figure}");
    }
}
