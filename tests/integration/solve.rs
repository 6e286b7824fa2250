//! `roi solve`: goal seek on the Genesis case and the small fixture, with
//! hand-checked solutions, unreachable targets and invalid input.

use rust_decimal_macros::dec;

use crate::common::{data, dec, failure, json, stdout};

fn small() -> String {
    data("small.toml").to_string_lossy().into_owned()
}

#[test]
fn genesis_candidate_price_for_zero_savings() {
    // Operations are borne by both options and there is no fee, so savings
    // vanish when the candidate costs what GPT-4o does: $0.015 a request.
    let solution = json(&[
        "solve",
        "--vary",
        "offerings.mistral-7b-ft-quoted.per_request",
        "--target",
        "savings=0",
    ]);
    assert_eq!(solution["path"], "offerings.mistral-7b-ft-quoted.per_request");
    assert_eq!(solution["metric"], "savings");
    assert_eq!(dec(&solution["value"]), dec!(0.015));
    assert_eq!(dec(&solution["achieved"]), dec!(0));
    assert_eq!(solution["scenario"], "conservative");
}

#[test]
fn genesis_payback_unreachable_by_volume() {
    // The quality benefit alone, $187.50 a month, repays $486 in 2.6
    // months, so no volume makes payback as long as 12 months.
    let stderr = failure(
        &[
            "solve",
            "--vary",
            "workload.agents.qa.requests_per_month",
            "--target",
            "payback_months=12",
        ],
        1,
    );
    assert!(
        stderr.starts_with(
            "error: payback_months cannot reach 12 months by varying `workload.agents.qa.requests_per_month`: \
             searched from 0 to 10,995,116,280,000,000"
        ),
        "{stderr}"
    );
}

#[test]
fn genesis_total_volume_for_payback() {
    // Varying every agent's volume together: the quality benefit still
    // repays the investment within 2.6 months at any volume.
    let stderr = failure(
        &[
            "solve",
            "--vary",
            "workload.agents.*.requests_per_month",
            "--target",
            "payback_months=12",
        ],
        1,
    );
    assert!(
        stderr.contains("where it stays between 0 months and 2.59 months"),
        "{stderr}"
    );
}

#[test]
fn genesis_total_volume_without_benefit() {
    // Without the quality benefit, a total volume V saves 0.0126 V a month
    // and repays $486 in 12 months when V = 486 / (12 × 0.0126) = 3,214.29,
    // split evenly over the five agents.
    let solution = json(&[
        "solve",
        "--vary",
        "workload.agents.*.requests_per_month",
        "--target",
        "payback_months=12",
        "--set",
        "benefits.fewer_escalations.share=0",
    ]);
    assert_eq!(solution["path"], "workload.agents.*.requests_per_month");
    let value = dec(&solution["value"]);
    let exact = dec!(486) / (dec!(12) * dec!(0.0126));
    assert!((value - exact).abs() <= exact * dec!(0.000001), "{value} vs {exact}");
    let inputs = solution["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 5);
    for input in inputs {
        let share = dec(&input["value"]) / value;
        assert!((share - dec!(0.2)).abs() < dec!(1e-6), "{input}");
    }
    let achieved = dec(&solution["achieved"]);
    assert!((achieved - dec!(12)).abs() < dec!(0.0001), "{achieved}");
}

#[test]
fn small_fixture_candidate_price_for_zero_savings() {
    // The $10 fee over 10,000 requests adds $0.001 a request, so savings
    // vanish at 0.0065 − 0.001 = $0.0055.
    let solution = json(&[
        "solve",
        &small(),
        "--vary",
        "offerings.api-small.per_request",
        "--target",
        "savings=0",
        "--scenario",
        "flat",
    ]);
    assert_eq!(dec(&solution["value"]), dec!(0.0055));
}

#[test]
fn small_fixture_investment_for_six_month_payback() {
    // $50 a month repays $300 in six months: the setup item is 300 − 100.
    let solution = json(&[
        "solve",
        &small(),
        "--vary",
        "investment.setup.amount",
        "--target",
        "payback_months=6",
        "--scenario",
        "flat",
    ]);
    assert_eq!(dec(&solution["value"]), dec!(200));
    assert_eq!(dec(&solution["achieved"]), dec!(6));
}

#[test]
fn small_fixture_growth_for_an_npv() {
    // Doubling scenario: savings in months 13 to 18 are 55(1 + g) − 10 a
    // month, and NPV(g) = 12 × 50 + 6 × (55(1 + g) − 5) − 130 at 0%.
    // NPV = 1,000 gives 330 g + 770 = 1,000, g = 69.6970%.
    let solution = json(&[
        "solve",
        &small(),
        "--vary",
        "scenarios.doubling.growth",
        "--target",
        "npv=1000",
        "--scenario",
        "doubling",
    ]);
    assert_eq!(solution["kind"], "rate");
    let value = dec(&solution["value"]);
    let exact = dec!(230) / dec!(330);
    assert!((value - exact).abs() <= exact * dec!(0.000001), "{value} vs {exact}");
}

#[test]
fn table_output() {
    insta::assert_snapshot!(stdout(&[
        "solve",
        "--vary",
        "offerings.mistral-7b-ft-quoted.per_request",
        "--target",
        "savings=0",
    ]));
}

#[test]
fn unknown_path_exits_2_with_a_suggestion() {
    let stderr = failure(
        &[
            "solve",
            "--vary",
            "offerings.mistral-7b-ft-quoted.per_requests",
            "--target",
            "npv=0",
        ],
        2,
    );
    assert!(
        stderr.contains("input `offerings.mistral-7b-ft-quoted.per_requests` not found"),
        "{stderr}"
    );
    assert!(
        stderr.contains("did you mean `offerings.mistral-7b-ft-quoted.per_request`?"),
        "{stderr}"
    );
}

#[test]
fn non_numeric_path_exits_2() {
    let stderr = failure(&["solve", "--vary", "deployment.candidate", "--target", "npv=0"], 2);
    assert!(stderr.contains("is not a numeric input"), "{stderr}");
}

#[test]
fn unknown_metric_exits_2() {
    let stderr = failure(
        &["solve", "--vary", "investment.training.amount", "--target", "nvp=0"],
        2,
    );
    assert!(stderr.contains("unknown metric `nvp`"), "{stderr}");
}

#[test]
fn unreachable_message() {
    insta::assert_snapshot!(failure(
        &[
            "solve",
            "--vary",
            "workload.agents.*.requests_per_month",
            "--target",
            "payback_months=12",
        ],
        1,
    ));
}
