//! `roi project` on the shipped Genesis case and on the small fixture.

use rust_decimal_macros::dec;

use crate::common::{data, dec, offering, project_json, roi, scenario};

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

#[test]
fn small_fixture_hand_checked_figures() {
    let projection = project_json(&[data("small.toml").to_str().unwrap()]);
    let big = offering(&projection, "api-big");
    // (200 × 2.5 + 800 × 1.25 + 500 × 10) / 10⁶ = 0.0065 a request.
    assert_eq!(dec(&big["cost_per_request"]), dec!(0.0065));
    assert_eq!(dec(&big["monthly_cost"]), dec!(70));
    let small = offering(&projection, "api-small");
    assert_eq!(dec(&small["monthly_cost"]), dec!(25));
    assert_eq!(dec(&small["fees_monthly"]), dec!(10));
    // One replica of 100 requests an hour serves 73,000 a month: $730 plus $5 operations.
    let endpoint = offering(&projection, "endpoint");
    assert_eq!(dec(&endpoint["monthly_cost"]), dec!(735));
    assert_eq!(dec(&endpoint["cost_per_request"]), dec!(0.073));

    // 0.001 V + 10 < 0.0065 V from V = 10 / 0.0055.
    let break_even = dec(&projection["break_even_requests_per_month"]);
    assert_eq!(break_even.round_dp(6), dec!(1818.181818));
    assert_eq!(dec(&projection["budget_year1"]), dec!(330));
}

#[test]
fn small_fixture_partial_year_and_headlines() {
    let projection = project_json(&[data("small.toml").to_str().unwrap()]);
    let flat = scenario(&projection, "flat");
    let years = flat["years"].as_array().unwrap();
    assert_eq!(years.len(), 2);
    assert_eq!(years[1]["months"], 6);
    assert_eq!(dec(&years[1]["savings"]), dec!(270));
    assert_eq!(dec(&flat["totals"]["benefit"]), dec!(900));
    // 900 of benefit on 130 invested (30 of it incremental).
    assert_eq!(dec(&flat["return_multiple_incremental"]), dec!(30));
    assert_eq!(dec(&flat["roi_percent_incremental"]), dec!(2900));
    assert_eq!(dec(&flat["payback_months"]), dec!(2.6));
    assert_eq!(dec(&flat["payback_months_incremental"]), dec!(0.6));
    assert_eq!(dec(&flat["payback_hours"]), dec!(1898));
    assert_eq!(dec(&flat["npv"]), dec!(770));

    let doubling = scenario(&projection, "doubling");
    // Months 13–18 run at 20,000 requests: $35 against $135 a month.
    assert_eq!(dec(&doubling["years"][1]["candidate_cost"]), dec!(210));
    assert_eq!(dec(&doubling["years"][1]["baseline_cost"]), dec!(810));
    assert_eq!(dec(&doubling["years"][1]["requests_per_month"]), dec!(20000));
    assert_eq!(dec(&doubling["totals"]["savings"]), dec!(1140));
}

#[test]
fn json_has_every_documented_key() {
    let projection = project_json(&[]);
    for key in [
        "schema_version",
        "model",
        "currency",
        "as_of",
        "start",
        "horizon_months",
        "overrides",
        "candidate",
        "baseline",
        "offerings",
        "investment",
        "operations_monthly",
        "budget_year1",
        "break_even_requests_per_month",
        "scenarios",
    ] {
        assert!(projection.get(key).is_some(), "missing top-level key {key}");
    }
    assert_eq!(projection["schema_version"], 1);
    for key in [
        "id",
        "provider",
        "model",
        "cost_per_request",
        "monthly_cost",
        "annual_cost",
    ] {
        assert!(
            projection["offerings"][0].get(key).is_some(),
            "missing offerings[].{key}"
        );
    }
    for key in ["total", "incremental", "items"] {
        assert!(projection["investment"].get(key).is_some(), "missing investment.{key}");
    }
    for key in ["name", "amount", "sunk"] {
        assert!(
            projection["investment"]["items"][0].get(key).is_some(),
            "missing items[].{key}"
        );
    }
    let scenario = &projection["scenarios"][0];
    for key in [
        "name",
        "growth",
        "compounding",
        "years",
        "totals",
        "return_multiple",
        "return_multiple_incremental",
        "roi_percent",
        "payback_months",
        "npv",
    ] {
        assert!(scenario.get(key).is_some(), "missing scenarios[].{key}");
    }
    for key in [
        "year",
        "requests_per_month",
        "candidate_cost",
        "baseline_cost",
        "savings",
        "benefit",
        "cumulative_benefit",
        "return_multiple",
    ] {
        assert!(scenario["years"][0].get(key).is_some(), "missing years[].{key}");
    }
    for key in ["candidate_cost", "baseline_cost", "savings", "benefit"] {
        assert!(scenario["totals"].get(key).is_some(), "missing totals.{key}");
    }
    assert!(projection["budget_year1"].is_string(), "money is a decimal string");
    assert_eq!(scenario["compounding"], "yearly");
    assert_eq!(dec(&scenario["growth"]), dec!(0.1));
}

#[test]
fn overrides_are_applied_and_recorded() {
    let projection = project_json(&[
        "--set",
        "workload.agents.qa.requests_per_month=25000",
        "--set",
        "scenarios.aggressive.growth=\"30%\"",
    ]);
    let overrides = projection["overrides"].as_array().unwrap();
    assert_eq!(overrides.len(), 2);
    assert_eq!(overrides[0]["path"], "workload.agents.qa.requests_per_month");
    assert_eq!(overrides[0]["value"], "25000");
    assert_eq!(overrides[0]["previous"], "10000");
    assert_eq!(overrides[1]["value"], "\"30%\"");
    assert_eq!(dec(&projection["base_requests_per_month"]), dec!(65000));
    assert_eq!(dec(&scenario(&projection, "aggressive")["growth"]), dec!(0.3));
}

#[test]
fn set_accepts_an_unquoted_string() {
    let projection = project_json(&["--set", "deployment.baseline=claude-sonnet-4"]);
    assert_eq!(projection["baseline"], "claude-sonnet-4");
    assert_eq!(
        dec(&offering(&projection, "claude-sonnet-4")["cost_per_request"]),
        dec!(0.021)
    );
}

#[test]
fn overlay_adds_the_storage_fee() {
    let projection = project_json(&["models/scenarios/storage-fee.toml"]);
    let candidate = offering(&projection, "mistral-7b-ft-quoted");
    // $2 per model per month for five models.
    assert_eq!(dec(&candidate["fees_monthly"]), dec!(10));
    assert_eq!(dec(&candidate["monthly_cost"]), dec!(238));
}

#[test]
fn scenario_option_selects_scenarios() {
    let projection = project_json(&["--scenario", "aggressive"]);
    let scenarios = projection["scenarios"].as_array().unwrap();
    assert_eq!(scenarios.len(), 1);
    assert_eq!(scenarios[0]["name"], "aggressive");
}

#[test]
fn scale_option_sets_the_scaling_view() {
    let projection = project_json(&["--scale", "3"]);
    assert_eq!(dec(&projection["scaling"]["requests_per_month"]), dec!(150000));
    assert_eq!(dec(&projection["scaling"]["candidate_monthly"]), dec!(468));
}

#[test]
fn exact_literal_beyond_f64_is_kept() {
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::copy(data("prices.toml"), dir.path().join("prices.toml")).unwrap();
    let text = std::fs::read_to_string(data("small.toml")).unwrap().replace(
        "[benefits.quality]\nmonthly = 5",
        "[benefits.quality]\nmonthly = 0.10000000000000001",
    );
    let model = crate::common::write(dir.path(), "model.toml", &text);
    let projection = project_json(&[model.to_str().unwrap()]);
    assert_eq!(projection["benefits_monthly"], "0.10000000000000001");
}

#[test]
fn check_prints_summary_and_warnings() {
    let output = roi()
        .args(["check", "--set", "pricing_strategy.customer_price=1"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("warning: negative margin"), "{stderr}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("models/genesis.toml: valid"), "{stdout}");
}

#[test]
fn check_warns_about_unit_mixups_and_stale_prices() {
    let output = roi()
        .args([
            "check",
            "--set",
            "offerings.gpt-4o.input_per_mtok=2500",
            "--set",
            "offerings.gpt-4o.as_of=2024-06-01",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("input_per_mtok = 2500 is outside 0.001–1,000"),
        "{stderr}"
    );
    assert!(stderr.contains("more than a year before"), "{stderr}");
}

#[test]
fn quiet_hides_warnings() {
    let output = roi()
        .args(["-q", "project", "--set", "pricing_strategy.customer_price=1"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(output.stderr.is_empty());
}

#[test]
fn huge_discount_rate_is_computed() {
    let projection = project_json(&[
        data("small.toml").to_str().unwrap(),
        "--scenario",
        "flat",
        "--set",
        "finance.discount_rate=\"507372%\"",
    ]);
    assert!(scenario(&projection, "flat")["npv"].is_string());
}

#[test]
fn repeated_scenario_is_projected_once() {
    let projection = project_json(&["--scenario", "aggressive", "--scenario", "aggressive"]);
    assert_eq!(projection["scenarios"].as_array().unwrap().len(), 1);
}

#[test]
fn payback_without_investment_waits_for_losses() {
    // The endpoint costs more than the API at base volume and less once the
    // volume grows, so the first months lose money.
    let projection = project_json(&[
        data("small.toml").to_str().unwrap(),
        "--scenario",
        "doubling",
        "--set",
        "deployment.candidate=\"endpoint\"",
        "--set",
        "deployment.alternatives=[\"api-small\"]",
        "--set",
        "offerings.endpoint.requests_per_replica_hour=1000",
        "--set",
        "investment.setup.amount=0",
        "--set",
        "investment.engineering.hours=0",
        "--set",
        "scenarios.doubling.growth=\"1000%\"",
        "--set",
        "model.horizon_months=36",
    ]);
    let doubling = scenario(&projection, "doubling");
    let payback = dec(&doubling["payback_months"]);
    assert!(payback > dec!(12), "payback {payback} ignores the early losses");
}
