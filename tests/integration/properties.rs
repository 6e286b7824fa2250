//! Invariants of the projection over random inputs.

use proptest::prelude::*;
use rust_decimal::Decimal;

use roi::engine::{self, Options};
use roi::input::{Inputs, decode};
use roi::result::Projection;

/// The random inputs of a generated model.
struct Params {
    requests: u32,
    input_tokens: u32,
    cached_percent: u32,
    growth_percent: i32,
    price_percent: i32,
    monthly: bool,
    horizon: u32,
    invest: u32,
}

/// Writes a model with one token-priced candidate, one per-request baseline
/// and one hourly alternative, with the numbers of `params`.
fn model_text(params: Params) -> String {
    let Params {
        requests,
        input_tokens,
        cached_percent,
        growth_percent,
        price_percent,
        monthly,
        horizon,
        invest,
    } = params;
    format!(
        r#"
[model]
start = "2026-01"
horizon_months = {horizon}

[deployment]
candidate = "tokens"
baseline = "flat"
alternatives = ["gpu"]

[offerings.tokens]
provider = "A"
input_per_mtok = 0.4
cache_read_per_mtok = 0.1
output_per_mtok = 1.6
monthly_fee = 3

[offerings.flat]
provider = "B"
per_request = 0.004

[offerings.gpu]
provider = "C"
hourly = 1.2
requests_per_replica_hour = 50

[workload]
input_tokens = {input_tokens}
output_tokens = 300
cached_share = "{cached_percent}%"

[workload.agents.one]
requests_per_month = {requests}

[workload.agents.two]
requests_per_month = {half}

[investment.build]
amount = {invest}

[operations.ops]
monthly = 10
steps = [{{ from_requests = 100000, monthly = 40 }}]

[benefits.quality]
monthly = 7

[finance]
discount_rate = "6%"

[scenarios.only]
growth = "{growth_percent}%"
price_change = "{price_percent}%"
compounding = "{compounding}"
"#,
        half = requests / 2,
        compounding = if monthly { "monthly" } else { "yearly" },
    )
}

/// Sums grouped differently agree to far below a cent; they can differ in
/// the 28th significant digit, where `Decimal` rounds.
fn assert_close(left: Decimal, right: Decimal) -> Result<(), TestCaseError> {
    prop_assert!((left - right).abs() <= Decimal::new(1, 15), "{} != {}", left, right);
    Ok(())
}

fn project(text: &str) -> Projection {
    let inputs = Inputs::from_text("random.toml", text).expect("the generated model parses");
    let model = decode::decode(&inputs).expect("the generated model is valid");
    engine::project(&model, &[], &Options::default()).expect("it projects")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn years_sum_to_the_months(
        requests in 0u32..200_000,
        input_tokens in 0u32..300_000,
        cached in 0u32..=100,
        growth in -90i32..300,
        price in -50i32..50,
        monthly in any::<bool>(),
        horizon in 1u32..=90,
        invest in 0u32..5000,
    ) {
        let projection = project(&model_text(Params { requests, input_tokens, cached_percent: cached, growth_percent: growth, price_percent: price, monthly, horizon, invest }));
        let scenario = &projection.scenarios[0];
        prop_assert_eq!(scenario.months.len(), horizon as usize);
        let month_sum: Decimal = scenario.months.iter().map(|month| month.candidate_cost).sum();
        let year_sum: Decimal = scenario.years.iter().map(|year| year.candidate_cost).sum();
        assert_close(month_sum, year_sum)?;
        assert_close(year_sum, scenario.totals.candidate_cost)?;
        let savings: Decimal = scenario.years.iter().map(|year| year.savings).sum();
        assert_close(savings, scenario.totals.baseline_cost - scenario.totals.candidate_cost)?;
        let months_in_years: u32 = scenario.years.iter().map(|year| year.months).sum();
        prop_assert_eq!(months_in_years, horizon);
    }

    #[test]
    fn payback_is_never_negative_and_within_horizon(
        requests in 0u32..200_000,
        growth in -90i32..300,
        invest in 0u32..50_000,
        horizon in 1u32..=90,
    ) {
        let projection = project(&model_text(Params { requests, input_tokens: 2000, cached_percent: 0, growth_percent: growth, price_percent: 0, monthly: false, horizon, invest }));
        let scenario = &projection.scenarios[0];
        if let Some(months) = scenario.payback_months {
            prop_assert!(months >= Decimal::ZERO);
            prop_assert!(months <= Decimal::from(horizon));
        } else {
            prop_assert!(scenario.unavailable.contains_key("payback_months"));
        }
    }

    #[test]
    fn costs_rise_with_volume(
        requests in 0u32..1_000_000,
        extra in 1u32..1_000_000,
        input_tokens in 0u32..300_000,
    ) {
        let lower = project(&model_text(Params { requests, input_tokens, cached_percent: 20, growth_percent: 0, price_percent: 0, monthly: false, horizon: 12, invest: 0 }));
        let higher = project(&model_text(Params { requests: requests + extra, input_tokens, cached_percent: 20, growth_percent: 0, price_percent: 0, monthly: false, horizon: 12, invest: 0 }));
        for (low, high) in lower.offerings.iter().zip(&higher.offerings) {
            prop_assert!(low.monthly_cost <= high.monthly_cost, "{} fell with volume", low.id);
        }
    }
}
