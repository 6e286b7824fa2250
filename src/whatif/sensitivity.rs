//! Sensitivity: swing each numeric input that drives a metric down and up by
//! a share of its value, one input at a time, and rank the inputs by the
//! size of the effect. The result is the table behind a tornado chart.

use std::cmp::Ordering;

use rust_decimal::Decimal;
use serde::Serialize;

use super::numeric::{Kind, NumericInput, numeric_inputs};
use super::{Evaluator, Metric};
use crate::error::InputError;
use crate::input::Inputs;
use crate::input::tree::{Path, PathSegment};
use crate::result::{SCHEMA_VERSION, Unavailable, dec, dec_opt};

/// The swing used when none is given: ±20%.
pub const DEFAULT_SWING: Decimal = Decimal::from_parts(2, 0, 0, false, 1);

/// Workload keys that set volumes and token counts.
const VOLUME_KEYS: &[&str] = &[
    "requests_per_month",
    "input_tokens",
    "output_tokens",
    "reasoning_tokens",
];

/// Offering keys that set a usage price or a fee.
const PRICE_KEYS: &[&str] = &[
    "input_per_mtok",
    "output_per_mtok",
    "cache_read_per_mtok",
    "cache_write_per_mtok",
    "reasoning_per_mtok",
    "per_request",
    "hourly",
    "monthly_fee",
];

/// Options of a sensitivity run: the metric, the scenario and the swing.
#[derive(Debug, Clone)]
pub struct SensitivityOptions {
    pub metric: Metric,
    /// The scenario to project; `None` means the model's first scenario.
    pub scenario: Option<String>,
    /// Share of each input's value it is moved down and up by, e.g. 0.2.
    /// It must be above 0 and at most 1.
    pub swing: Decimal,
}

impl Default for SensitivityOptions {
    fn default() -> Self {
        SensitivityOptions {
            metric: Metric::Npv,
            scenario: None,
            swing: DEFAULT_SWING,
        }
    }
}

/// The effect of every driving input on one metric of one scenario.
#[derive(Debug, Clone, Serialize)]
pub struct Sensitivity {
    /// Version of the JSON layout, as in `roi project`.
    pub schema_version: u32,
    pub metric: Metric,
    pub scenario: String,
    pub currency: String,
    /// The metric with every input as written; `null` when it cannot be
    /// computed, with the reason in `unavailable.base`.
    #[serde(with = "dec_opt")]
    pub base: Option<Decimal>,
    /// Share each input was moved down and up by.
    #[serde(with = "dec")]
    pub input_swing: Decimal,
    /// The inputs, largest effect first (see [`sensitivity`] for the order).
    pub inputs: Vec<InputEffect>,
    /// Driving inputs that were not swung, with the reason.
    pub skipped: Vec<SkippedInput>,
    pub unavailable: Unavailable,
}

/// The metric with one input moved down and up.
#[derive(Debug, Clone, Serialize)]
pub struct InputEffect {
    /// Dotted path of the input, as `--set` takes it.
    pub path: String,
    pub kind: Kind,
    /// The input as written; rates and shares as fractions.
    #[serde(with = "dec")]
    pub value: Decimal,
    /// `value × (1 − swing)`, kept within the key's valid range.
    #[serde(with = "dec")]
    pub low_value: Decimal,
    /// `value × (1 + swing)`, kept within the key's valid range.
    #[serde(with = "dec")]
    pub high_value: Decimal,
    /// The metric at `low_value`; `null` when it cannot be computed, with
    /// the reason in `unavailable.low`.
    #[serde(with = "dec_opt")]
    pub low: Option<Decimal>,
    /// The metric at `high_value`; `null` as for `low`.
    #[serde(with = "dec_opt")]
    pub high: Option<Decimal>,
    /// `|high − low|`, the width of the input's bar in a tornado chart;
    /// `null` when `low` or `high` is.
    #[serde(with = "dec_opt")]
    pub swing: Option<Decimal>,
    pub unavailable: Unavailable,
}

/// A driving input left out of the ranking.
#[derive(Debug, Clone, Serialize)]
pub struct SkippedInput {
    pub path: String,
    pub reason: String,
}

/// Swings each input that drives the metric down and up by `options.swing`
/// of its value, projects the scenario for each, and ranks the inputs. The
/// driving inputs are volumes and token counts, the candidate's and the
/// baseline's prices and fees, the scenario's growth and price change, the
/// discount rate, investment items, operations and benefits.
///
/// Inputs whose metric becomes unavailable on one side only (payback moving
/// beyond the horizon, say) come first. The others follow by `swing`,
/// largest first, and inputs whose metric is unavailable on both sides come
/// last. Ties go by path. Inputs whose value is zero, and swung values that
/// make the model invalid, are listed in `skipped`.
///
/// Fails when the swing is not above 0 and at most 100%, or when the model
/// or the scenario is invalid.
pub fn sensitivity(inputs: &Inputs, options: &SensitivityOptions) -> Result<Sensitivity, InputError> {
    check_swing(options.swing)?;
    let mut evaluator = Evaluator::new(inputs, options.scenario.as_deref())?;
    evaluator.set_irr(options.metric == Metric::Irr);
    let metric = options.metric;

    let base_result = evaluator.project()?;
    let base = metric.value(&base_result);
    let mut unavailable = Unavailable::new();
    if base.is_none() {
        let reason = metric.unavailable_reason(&base_result).unwrap_or("not computed");
        unavailable.insert("base".to_string(), reason.to_string());
    }

    let (drivers, mut skipped) = driving_inputs(&evaluator);
    let mut effects = Vec::with_capacity(drivers.len());
    for input in drivers {
        match swing_input(&mut evaluator, &input, metric, options.swing) {
            Ok(effect) => effects.push(effect),
            Err(error) => skipped.push(SkippedInput {
                path: input.path.to_string(),
                reason: error.message,
            }),
        }
    }
    effects.sort_by(compare_effects);

    Ok(Sensitivity {
        schema_version: SCHEMA_VERSION,
        metric,
        scenario: evaluator.scenario().to_string(),
        currency: evaluator.currency().to_string(),
        base,
        input_swing: options.swing,
        inputs: effects,
        skipped,
        unavailable,
    })
}

/// Requires a swing above 0 and at most 100%.
pub fn check_swing(swing: Decimal) -> Result<(), InputError> {
    if swing <= Decimal::ZERO {
        return Err(InputError::new(format!(
            "invalid swing {}%: it must be above 0%",
            (swing * Decimal::ONE_HUNDRED).normalize()
        ))
        .with_help("give a share of each input's value, e.g. --swing 20%"));
    }
    if swing > Decimal::ONE {
        return Err(InputError::new(format!(
            "invalid swing {}%: it must be at most 100%, because a larger swing would make amounts negative",
            (swing * Decimal::ONE_HUNDRED).normalize()
        ))
        .with_help("give a share of each input's value up to 100%, e.g. --swing 20%"));
    }
    Ok(())
}

/// Lists the inputs that drive the scenario's figures, in document order,
/// and the zero-valued ones that a relative swing cannot move.
fn driving_inputs(evaluator: &Evaluator) -> (Vec<NumericInput>, Vec<SkippedInput>) {
    let inputs = evaluator.inputs();
    let text_at = |path: &str| match Path::parse(path).and_then(|path| inputs.root.lookup(&path).cloned()) {
        Some(node) => match node.value {
            crate::input::tree::Value::String(text) => text,
            _ => String::new(),
        },
        None => String::new(),
    };
    let candidate = text_at("deployment.candidate");
    let baseline = text_at("deployment.baseline");

    let mut drivers = Vec::new();
    let mut skipped = Vec::new();
    for input in numeric_inputs(inputs) {
        if !drives(&input.path, &candidate, &baseline, evaluator.scenario()) {
            continue;
        }
        if input.value.is_zero() {
            skipped.push(SkippedInput {
                path: input.path.to_string(),
                reason: "the value is zero, so a relative swing leaves it unchanged".to_string(),
            });
        } else {
            drivers.push(input);
        }
    }
    (drivers, skipped)
}

/// Returns whether sensitivity swings the input at `path`.
fn drives(path: &Path, candidate: &str, baseline: &str, scenario: &str) -> bool {
    let keys: Vec<&str> = path
        .segments
        .iter()
        .filter_map(|segment| match segment {
            PathSegment::Key(key) => Some(key.as_str()),
            PathSegment::Index(_) => None,
        })
        .collect();
    match keys.as_slice() {
        ["workload", key] | ["workload", "agents", _, key] => VOLUME_KEYS.contains(key),
        ["offerings", id, key] if *id == candidate || *id == baseline => PRICE_KEYS.contains(key),
        ["offerings", id, "long_context", key] if *id == candidate || *id == baseline => {
            PRICE_KEYS.contains(key) && key.ends_with("_per_mtok")
        }
        ["scenarios", name, "growth" | "price_change"] => *name == scenario,
        ["finance", "discount_rate"] => true,
        ["investment", _, "amount" | "hours" | "rate"] => true,
        ["operations", _, "monthly" | "hours" | "rate"] => true,
        ["operations", _, "steps", "monthly" | "hours"] => true,
        ["benefits", _, "monthly" | "units" | "value_per_unit" | "share"] => true,
        _ => false,
    }
}

/// Projects the scenario with one input at `value × (1 ∓ swing)`.
fn swing_input(
    evaluator: &mut Evaluator,
    input: &NumericInput,
    metric: Metric,
    swing: Decimal,
) -> Result<InputEffect, InputError> {
    let low_value = keep_in_range(input.kind, input.value * (Decimal::ONE - swing));
    let high_value = keep_in_range(input.kind, input.value * (Decimal::ONE + swing));
    let low_result = evaluator.project_with(input, low_value)?;
    let high_result = evaluator.project_with(input, high_value)?;

    let low = metric.value(&low_result);
    let high = metric.value(&high_result);
    let mut unavailable = Unavailable::new();
    for (key, value, result) in [("low", low, &low_result), ("high", high, &high_result)] {
        if value.is_none() {
            let reason = metric.unavailable_reason(result).unwrap_or("not computed");
            unavailable.insert(key.to_string(), reason.to_string());
        }
    }
    Ok(InputEffect {
        path: input.path.to_string(),
        kind: input.kind,
        value: input.value,
        low_value: low_value.normalize(),
        high_value: high_value.normalize(),
        low,
        high,
        swing: low.zip(high).map(|(low, high)| (high - low).abs()),
        unavailable,
    })
}

/// Clamps a swung value into the key's inclusive bounds: a share swung
/// above 100% becomes 100%. An exclusive bound (a rate at −100%) is left
/// for the decoder to reject.
fn keep_in_range(kind: Kind, value: Decimal) -> Decimal {
    let mut value = value;
    if let Some(upper) = kind.upper_bound() {
        value = value.min(upper);
    }
    if let Some((lower, true)) = kind.lower_bound() {
        value = value.max(lower);
    }
    value
}

/// Orders effects: unavailable on one side first, then by swing (largest
/// first), then unavailable on both sides; ties by path.
fn compare_effects(left: &InputEffect, right: &InputEffect) -> Ordering {
    fn rank(effect: &InputEffect) -> u8 {
        match (effect.low, effect.high) {
            (Some(_), Some(_)) => 1,
            (None, None) => 2,
            _ => 0,
        }
    }
    rank(left)
        .cmp(&rank(right))
        .then_with(|| right.swing.cmp(&left.swing))
        .then_with(|| left.path.cmp(&right.path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    /// Two per-request offerings, 1,000 requests a month for a year at 0%:
    /// savings are 12 × 1,000 × (0.004 − 0.001) = $36, the benefit adds
    /// 12 × $2, and the investment is $10, so the NPV is $50.
    const MODEL: &str = r#"
[model]
start = "2026-01"
horizon_months = 12

[deployment]
candidate = "small"
baseline = "big"

[offerings.small]
provider = "X"
per_request = 0.001

[offerings.big]
provider = "Y"
per_request = 0.004

[workload.agents.a]
requests_per_month = 1000

[investment.setup]
amount = 10

[operations.hosting]
monthly = 0

[benefits.quality]
monthly = 2

[finance]
discount_rate = "0%"

[scenarios.flat]
growth = "0%"
"#;

    fn run(swing: Decimal) -> Sensitivity {
        let inputs = Inputs::from_text("model.toml", MODEL).unwrap();
        let options = SensitivityOptions {
            swing,
            ..SensitivityOptions::default()
        };
        sensitivity(&inputs, &options).unwrap()
    }

    fn effect<'a>(result: &'a Sensitivity, path: &str) -> &'a InputEffect {
        result.inputs.iter().find(|effect| effect.path == path).unwrap()
    }

    #[test]
    fn base_npv_is_hand_checked() {
        let result = run(dec!(0.2));
        assert_eq!(result.scenario, "flat");
        assert_eq!(result.base, Some(dec!(50)));
    }

    #[test]
    fn volume_swing_moves_savings() {
        // ±20% of 1,000 requests: savings 12 × 800 × 0.003 = 28.8 and 43.2.
        let result = run(dec!(0.2));
        let volume = effect(&result, "workload.agents.a.requests_per_month");
        assert_eq!((volume.low_value, volume.high_value), (dec!(800), dec!(1200)));
        assert_eq!(volume.low, Some(dec!(42.8)));
        assert_eq!(volume.high, Some(dec!(57.2)));
        assert_eq!(volume.swing, Some(dec!(14.4)));
    }

    #[test]
    fn inputs_rank_by_effect() {
        let result = run(dec!(0.2));
        let order: Vec<&str> = result.inputs.iter().map(|effect| effect.path.as_str()).collect();
        // Swings: baseline price 19.2, volume 14.4, benefit and candidate
        // price 4.8 each (a tie, ordered by path), investment 4.
        assert_eq!(
            order,
            [
                "offerings.big.per_request",
                "workload.agents.a.requests_per_month",
                "benefits.quality.monthly",
                "offerings.small.per_request",
                "investment.setup.amount",
            ]
        );
    }

    #[test]
    fn zero_inputs_are_skipped() {
        let result = run(dec!(0.2));
        let skipped: Vec<&str> = result.skipped.iter().map(|input| input.path.as_str()).collect();
        assert_eq!(
            skipped,
            [
                "operations.hosting.monthly",
                "finance.discount_rate",
                "scenarios.flat.growth"
            ]
        );
    }

    #[test]
    fn swing_above_100_percent_is_rejected() {
        let error = check_swing(dec!(1.5)).unwrap_err();
        assert!(error.message.contains("at most 100%"), "{}", error.message);
        assert!(check_swing(dec!(0)).is_err());
        assert!(check_swing(dec!(1)).is_ok());
    }
}
