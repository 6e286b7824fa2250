//! Goal seek: the value of one input at which a metric of a scenario
//! reaches a target, found by bracketing and then bisecting.

use std::cmp::Ordering;
use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use super::numeric::{Kind, Variable};
use super::{Evaluator, Metric};
use crate::error::InputError;
use crate::input::Inputs;
use crate::input::read::parse_decimal;
use crate::result::{SCHEMA_VERSION, dec, dec_opt};

/// Relative width of the final bracket: the solution is within 10⁻¹⁰ of
/// the exact value, so a money target is met to the cent on figures far
/// beyond any real case.
pub const RELATIVE_PRECISION: Decimal = Decimal::from_parts(1, 0, 0, false, 10);

/// Doublings of the distance from the current value that the bracket search
/// tries on each side: up to about 10¹² times the current value.
const MAX_DOUBLINGS: u32 = 40;

/// Significant digits of every value the search writes into the model;
/// far more than the precision needed and well within a `Decimal`.
const PROBE_DIGITS: u32 = 20;

/// Bisection steps after which the search stops even if the bracket is
/// still wider than [`RELATIVE_PRECISION`], which happens only near zero.
const MAX_BISECTIONS: u32 = 200;

/// A metric and the value it should reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub metric: Metric,
    pub value: Decimal,
}

impl Target {
    /// Parses `METRIC=VALUE`, e.g. `payback_months=12` or `npv=0`. A value
    /// written as a percentage (`irr=25%`) is read as a fraction.
    ///
    /// ```
    /// use roi::whatif::{Metric, Target};
    /// use rust_decimal_macros::dec;
    /// let target = Target::parse("payback_months=12").unwrap();
    /// assert_eq!((target.metric, target.value), (Metric::PaybackMonths, dec!(12)));
    /// assert_eq!(Target::parse("irr=25%").unwrap().value, dec!(0.25));
    /// ```
    pub fn parse(text: &str) -> Result<Target, InputError> {
        let help = "write METRIC=VALUE, e.g. --target npv=0 or --target payback_months=12";
        let Some((metric, value)) = text.split_once('=') else {
            return Err(InputError::new(format!("invalid target `{text}`: expected METRIC=VALUE")).with_help(help));
        };
        let metric = Metric::parse(metric)?;
        let value = value.trim();
        let (number, percent) = match value.strip_suffix('%') {
            Some(number) => (number.trim_end(), true),
            None => (value, false),
        };
        let number = parse_decimal(number)
            .map_err(|problem| InputError::new(format!("invalid target value `{value}`: {problem}")).with_help(help))?;
        if percent && metric != Metric::Irr {
            return Err(InputError::new(format!(
                "invalid target `{text}`: {} is not a percentage",
                metric.label()
            ))
            .with_help(format!("write the value without %, e.g. --target {}=0", metric.name())));
        }
        let value = if percent { number / Decimal::ONE_HUNDRED } else { number };
        let impossible = match metric {
            Metric::PaybackMonths => value.is_sign_negative() && !value.is_zero(),
            Metric::Irr => value <= -Decimal::ONE,
            _ => false,
        };
        if impossible {
            return Err(
                InputError::new(format!("invalid target `{text}`: no model can reach it"))
                    .with_help("a payback is zero months or more, and an IRR is above -100% a year"),
            );
        }
        Ok(Target { metric, value })
    }
}

/// Options of a goal seek: the input to vary, the target and the scenario.
#[derive(Debug, Clone)]
pub struct SolveOptions {
    /// Dotted path of a numeric input, as `--set` takes it. A `*` segment
    /// matches any one key, and the matched amounts are varied together as
    /// their sum (see [`Variable`]).
    pub path: String,
    pub target: Target,
    /// The scenario to project; `None` means the model's first scenario.
    pub scenario: Option<String>,
}

/// The input value at which the metric reaches the target.
#[derive(Debug, Clone, Serialize)]
pub struct Solution {
    /// Version of the JSON layout, as in `roi project`.
    pub schema_version: u32,
    /// The path as given, with any `*`.
    pub path: String,
    pub kind: Kind,
    /// The solved input value, or the sum of the matched inputs; rates and
    /// shares as fractions.
    #[serde(with = "dec")]
    pub value: Decimal,
    /// Every input written, with its solved value.
    pub inputs: Vec<SolvedInput>,
    pub metric: Metric,
    #[serde(with = "dec")]
    pub target: Decimal,
    /// The metric at `value`, within the precision of the search of the
    /// target; `null` only for a payback beyond the horizon.
    #[serde(with = "dec_opt")]
    pub achieved: Option<Decimal>,
    pub scenario: String,
    pub currency: String,
    /// Months projected: a payback beyond them is `null`.
    pub horizon_months: u32,
    /// The input as the model writes it, and the metric there.
    #[serde(with = "dec")]
    pub current_value: Decimal,
    #[serde(with = "dec_opt")]
    pub current: Option<Decimal>,
}

/// One input of a solution.
#[derive(Debug, Clone, Serialize)]
pub struct SolvedInput {
    pub path: String,
    #[serde(with = "dec")]
    pub value: Decimal,
}

/// The failure of a goal seek.
#[derive(Debug, Clone)]
pub enum SolveError {
    /// An invalid model, path, scenario or target.
    Input(InputError),
    /// No value in the searched range brings the metric to the target.
    Unreachable(Box<Unreachable>),
}

impl From<InputError> for SolveError {
    fn from(error: InputError) -> Self {
        SolveError::Input(error)
    }
}

/// The range searched when the target was not reached, and the metric's
/// range over it.
#[derive(Debug, Clone)]
pub struct Unreachable {
    pub path: String,
    pub kind: Kind,
    pub target: Target,
    pub currency: String,
    /// The smallest and largest input values projected.
    pub searched: (Decimal, Decimal),
    /// The smallest and largest metric values seen.
    pub reached: Option<(Decimal, Decimal)>,
    /// The reason the metric was unavailable at some values, if it was.
    pub unavailable: Option<String>,
}

impl fmt::Display for Unreachable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let metric = self.target.metric;
        write!(
            f,
            "{metric} cannot reach {} by varying `{}`: searched from {} to {}",
            metric.show_exact(self.target.value, &self.currency),
            self.path,
            show_input(self.kind, self.searched.0),
            show_input(self.kind, self.searched.1),
        )?;
        match (&self.reached, &self.unavailable) {
            (Some((low, high)), None) if low == high => write!(
                f,
                ", where it stays at {}: it does not depend on this input",
                metric.show_exact(*low, &self.currency)
            ),
            (Some((low, high)), None) => write!(
                f,
                ", where it stays between {} and {}",
                metric.show_exact(*low, &self.currency),
                metric.show_exact(*high, &self.currency)
            ),
            (Some((low, high)), Some(reason)) => write!(
                f,
                ", where it stays between {} and {} or is unavailable ({reason})",
                metric.show_exact(*low, &self.currency),
                metric.show_exact(*high, &self.currency)
            ),
            (None, Some(reason)) => write!(f, ", where it is unavailable ({reason})"),
            (None, None) => Ok(()),
        }
    }
}

/// Formats an input value: rates and shares as percentages, other values
/// as plain numbers with thousands separators.
pub fn show_input(kind: Kind, value: Decimal) -> String {
    // Ten significant digits: the search is exact to 10⁻¹⁰ of the value.
    let value = crate::money::round_significant(value, 10);
    if kind.is_rate() {
        format!("{}%", crate::format::number(value * Decimal::ONE_HUNDRED, 8))
    } else {
        crate::format::number(value, 12)
    }
}

/// Finds the value of the input at `options.path` at which the target
/// metric of the scenario equals the target value.
///
/// The search starts at the input's current value and moves away from it on
/// both sides, doubling the distance each step (towards a bound such as 0 or
/// 100%, it halves the distance instead and then tries the bound). The first
/// pair of neighbouring values on which the metric passes the target is a
/// bracket, which is bisected until its width is at most
/// [`RELATIVE_PRECISION`] of its larger end. When the metric is linear there,
/// one secant step often lands on the exact solution and is used. Otherwise
/// the result is the number with the fewest significant digits inside the
/// final bracket. A payback not reached within the horizon counts as longer
/// than any target within the horizon.
pub fn solve(inputs: &Inputs, options: &SolveOptions) -> Result<Solution, SolveError> {
    let mut evaluator = Evaluator::new(inputs, options.scenario.as_deref())?;
    evaluator.set_irr(options.target.metric == Metric::Irr);
    let variable = Variable::find(evaluator.inputs(), &options.path)?;
    let mut search = Search {
        evaluator: &mut evaluator,
        variable: &variable,
        target: options.target,
        searched: (variable.value, variable.value),
        reached: None,
        unavailable: None,
    };

    let current = search.probe(variable.value)?;
    let value = match current.side {
        Some(Ordering::Equal) => variable.value,
        _ => match search.find_bracket(current)? {
            Some((low, high)) => search.bisect(low, high)?,
            None => {
                return Err(SolveError::Unreachable(Box::new(Unreachable {
                    path: variable.pattern.clone(),
                    kind: variable.kind,
                    target: options.target,
                    currency: search.evaluator.currency().to_string(),
                    searched: search.searched,
                    reached: search.reached,
                    unavailable: search.unavailable,
                })));
            }
        },
    };

    let achieved = search.probe(value)?.value;
    let inputs = variable
        .assignments(value)
        .into_iter()
        .map(|(input, value)| SolvedInput {
            path: input.path.to_string(),
            value: value.normalize(),
        })
        .collect();
    Ok(Solution {
        schema_version: SCHEMA_VERSION,
        path: variable.pattern.clone(),
        kind: variable.kind,
        value: value.normalize(),
        inputs,
        metric: options.target.metric,
        target: options.target.value,
        achieved,
        scenario: evaluator.scenario().to_string(),
        currency: evaluator.currency().to_string(),
        horizon_months: evaluator.horizon_months(),
        current_value: variable.value,
        current: current.value,
    })
}

/// The metric at one input value and where it lies against the target.
#[derive(Debug, Clone, Copy)]
struct Probe {
    input: Decimal,
    value: Option<Decimal>,
    /// The metric compared with the target; `None` when it is unavailable
    /// and cannot be ordered.
    side: Option<Ordering>,
}

struct Search<'a> {
    evaluator: &'a mut Evaluator,
    variable: &'a Variable,
    target: Target,
    searched: (Decimal, Decimal),
    reached: Option<(Decimal, Decimal)>,
    unavailable: Option<String>,
}

impl Search<'_> {
    /// Projects the scenario at one input value and records the ranges seen.
    /// The value is first rounded to [`PROBE_DIGITS`] significant digits,
    /// because the decoder rejects literals longer than a `Decimal` holds.
    fn probe(&mut self, value: Decimal) -> Result<Probe, InputError> {
        let value = value
            .round_sf_with_strategy(PROBE_DIGITS, RoundingStrategy::MidpointAwayFromZero)
            .unwrap_or(value)
            .normalize();
        let result = self.evaluator.project_with_values(&self.variable.assignments(value))?;
        let metric = self.target.metric;
        let number = metric.value(&result);

        self.searched = (self.searched.0.min(value), self.searched.1.max(value));
        let side = match number {
            Some(number) => {
                self.reached = Some(match self.reached {
                    Some((low, high)) => (low.min(number), high.max(number)),
                    None => (number, number),
                });
                Some(number.cmp(&self.target.value))
            }
            None => {
                if self.unavailable.is_none() {
                    let reason = metric.unavailable_reason(&result).unwrap_or("not computed");
                    self.unavailable = Some(reason.to_string());
                }
                // A payback beyond the horizon is longer than a target within it.
                let horizon = Decimal::from(self.evaluator.horizon_months());
                (metric == Metric::PaybackMonths && self.target.value <= horizon).then_some(Ordering::Greater)
            }
        };
        Ok(Probe {
            input: value,
            value: number,
            side,
        })
    }

    /// Walks away from the current value on both sides, alternately, and
    /// returns the first pair of neighbouring values whose metrics lie on
    /// opposite sides of the target. A value the model rejects, or whose
    /// projection overflows, ends the walk on that side.
    fn find_bracket(&mut self, current: Probe) -> Result<Option<(Probe, Probe)>, InputError> {
        let mut sides = [
            Walk::new(upward_points(self.variable.kind, current.input), current),
            Walk::new(downward_points(self.variable.kind, current.input), current),
        ];
        while sides.iter().any(|walk| !walk.done()) {
            for walk in &mut sides {
                let Some(point) = walk.next_point() else {
                    continue;
                };
                let probe = match self.probe(point) {
                    Ok(probe) => probe,
                    Err(_) => {
                        walk.stop();
                        continue;
                    }
                };
                if probe.side == Some(Ordering::Equal) {
                    return Ok(Some((probe, probe)));
                }
                match (walk.last.side, probe.side) {
                    (Some(last), Some(side)) if last != side => {
                        return Ok(Some(ordered(walk.last, probe)));
                    }
                    (_, Some(_)) => walk.last = probe,
                    _ => {}
                }
            }
        }
        Ok(None)
    }

    /// Bisects a bracket to [`RELATIVE_PRECISION`] and returns the solution.
    fn bisect(&mut self, mut low: Probe, mut high: Probe) -> Result<Decimal, InputError> {
        if low.side == Some(Ordering::Equal) {
            return Ok(low.input);
        }
        for _ in 0..MAX_BISECTIONS {
            let width = high.input - low.input;
            let scale = low.input.abs().max(high.input.abs());
            if width <= RELATIVE_PRECISION * scale || width.is_zero() {
                break;
            }
            let middle = self.probe(low.input + width / Decimal::TWO)?;
            match middle.side {
                Some(Ordering::Equal) => return Ok(middle.input),
                Some(side) if Some(side) == low.side => low = middle,
                Some(_) => high = middle,
                None => {
                    return Err(InputError::new(format!(
                        "{} cannot be computed at `{}` = {}: {}",
                        self.target.metric,
                        self.variable.pattern,
                        show_input(self.variable.kind, middle.input),
                        self.unavailable.as_deref().unwrap_or("not computed")
                    ))
                    .with_help("vary another input, or aim for another metric"));
                }
            }
        }

        if let Some(exact) = self.secant_step(low, high)? {
            return Ok(exact);
        }
        Ok(fewest_digits_between(low.input, high.input))
    }

    /// Tries the point where the line through the bracket's ends meets the
    /// target, and returns it when the metric there equals the target.
    fn secant_step(&mut self, low: Probe, high: Probe) -> Result<Option<Decimal>, InputError> {
        let (Some(low_value), Some(high_value)) = (low.value, high.value) else {
            return Ok(None);
        };
        let rise = high_value - low_value;
        if rise.is_zero() {
            return Ok(None);
        }
        let Some(point) = (self.target.value - low_value)
            .checked_mul(high.input - low.input)
            .and_then(|product| product.checked_div(rise))
            .and_then(|offset| low.input.checked_add(offset))
        else {
            return Ok(None);
        };
        if point < low.input || point > high.input {
            return Ok(None);
        }
        let probe = self.probe(fewest_digits_between(point, point))?;
        Ok((probe.side == Some(Ordering::Equal)).then_some(probe.input))
    }
}

/// One direction of the bracket search.
struct Walk {
    points: std::vec::IntoIter<Decimal>,
    last: Probe,
    stopped: bool,
}

impl Walk {
    fn new(points: Vec<Decimal>, start: Probe) -> Self {
        Walk {
            points: points.into_iter(),
            last: start,
            stopped: false,
        }
    }

    fn next_point(&mut self) -> Option<Decimal> {
        if self.stopped {
            return None;
        }
        let point = self.points.next();
        if point.is_none() {
            self.stopped = true;
        }
        point
    }

    fn stop(&mut self) {
        self.stopped = true;
    }

    fn done(&self) -> bool {
        self.stopped || self.points.len() == 0
    }
}

/// Values above `start`: doubling the distance from the lower bound, or
/// halving the distance to an upper bound and then the bound itself.
fn upward_points(kind: Kind, start: Decimal) -> Vec<Decimal> {
    let mut points = Vec::new();
    if let Some(upper) = kind.upper_bound() {
        if start < upper {
            let mut gap = upper - start;
            for _ in 0..MAX_DOUBLINGS {
                gap /= Decimal::TWO;
                points.push(upper - gap);
            }
            points.push(upper);
        }
        return points;
    }
    let origin = match kind.lower_bound() {
        Some((lower, _)) if start > lower => lower,
        Some((lower, _)) => lower - Decimal::ONE,
        None => start - start.abs().max(Decimal::ONE),
    };
    let mut distance = start - origin;
    for _ in 0..MAX_DOUBLINGS {
        let Some(doubled) = distance.checked_mul(Decimal::TWO) else {
            break;
        };
        distance = doubled;
        match origin.checked_add(distance) {
            Some(point) => points.push(point),
            None => break,
        }
    }
    points
}

/// Values below `start`: halving the distance to the lower bound and then
/// the bound itself when it is valid, or doubling the distance when there is
/// no lower bound.
fn downward_points(kind: Kind, start: Decimal) -> Vec<Decimal> {
    let mut points = Vec::new();
    match kind.lower_bound() {
        Some((lower, inclusive)) => {
            if start > lower {
                let mut gap = start - lower;
                for _ in 0..MAX_DOUBLINGS {
                    gap /= Decimal::TWO;
                    points.push(lower + gap);
                }
                if inclusive {
                    points.push(lower);
                }
            }
        }
        None => {
            let origin = start + start.abs().max(Decimal::ONE);
            let mut distance = origin - start;
            for _ in 0..MAX_DOUBLINGS {
                let Some(doubled) = distance.checked_mul(Decimal::TWO) else {
                    break;
                };
                distance = doubled;
                match origin.checked_sub(distance) {
                    Some(point) => points.push(point),
                    None => break,
                }
            }
        }
    }
    points
}

/// Orders two probes by input value.
fn ordered(first: Probe, second: Probe) -> (Probe, Probe) {
    if first.input <= second.input {
        (first, second)
    } else {
        (second, first)
    }
}

/// Returns the number with the fewest significant digits in `[low, high]`, so a
/// solution reads `3,214.286` rather than `3,214.2857142857142…`.
///
/// ```
/// use roi::whatif::solve::fewest_digits_between;
/// use rust_decimal_macros::dec;
/// assert_eq!(fewest_digits_between(dec!(3214.2841), dec!(3214.2873)), dec!(3214.286));
/// assert_eq!(fewest_digits_between(dec!(0.0149999), dec!(0.0150001)), dec!(0.015));
/// ```
pub fn fewest_digits_between(low: Decimal, high: Decimal) -> Decimal {
    let middle = low + (high - low) / Decimal::TWO;
    for digits in 1..=28 {
        if let Some(rounded) = middle.round_sf_with_strategy(digits, RoundingStrategy::MidpointAwayFromZero)
            && rounded >= low
            && rounded <= high
        {
            return rounded.normalize();
        }
    }
    middle
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    /// One agent, 1,000 requests a month for a year at 0%; the candidate
    /// costs $0.001 and the baseline $0.004 a request, the investment is $12.
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
amount = 12

[benefits.quality]
monthly = 0.5

[finance]
discount_rate = "0%"

[scenarios.flat]
growth = "0%"
"#;

    fn run(path: &str, target: &str) -> Result<Solution, SolveError> {
        let inputs = Inputs::from_text("model.toml", MODEL).unwrap();
        let options = SolveOptions {
            path: path.to_string(),
            target: Target::parse(target).unwrap(),
            scenario: None,
        };
        solve(&inputs, &options)
    }

    #[test]
    fn candidate_price_for_zero_savings() {
        let solution = run("offerings.small.per_request", "savings=0").unwrap();
        assert_eq!(solution.value, dec!(0.004));
        assert_eq!(solution.achieved, Some(dec!(0)));
        assert_eq!(solution.current, Some(dec!(36)));
    }

    #[test]
    fn volume_for_payback_of_six_months() {
        // Benefit per month: 0.003 V + 0.5; six months repay $12 when
        // 6 × (0.003 V + 0.5) = 12, so V = 500.
        let solution = run("workload.agents.a.requests_per_month", "payback_months=6").unwrap();
        assert_eq!(solution.value, dec!(500));
        assert_eq!(solution.achieved, Some(dec!(6)));
    }

    #[test]
    fn wildcard_varies_total_volume() {
        // Two agents at 1,000 and 3,000 requests. Savings are $0.003 a
        // request for a year, so $72 of savings need 2,000 requests in all,
        // split 1 : 3.
        let text = MODEL.replace(
            "[investment.setup]",
            "[workload.agents.b]\nrequests_per_month = 3000\n\n[investment.setup]",
        );
        let inputs = Inputs::from_text("model.toml", &text).unwrap();
        let options = SolveOptions {
            path: "workload.agents.*.requests_per_month".to_string(),
            target: Target::parse("savings=72").unwrap(),
            scenario: None,
        };
        let solution = solve(&inputs, &options).unwrap();
        assert_eq!(solution.path, "workload.agents.*.requests_per_month");
        assert_eq!(solution.value, dec!(2000));
        let values: Vec<Decimal> = solution.inputs.iter().map(|input| input.value).collect();
        assert_eq!(values, [dec!(500), dec!(1500)]);
    }

    #[test]
    fn nonlinear_target_meets_relative_precision() {
        // Payback 3 months: 3 × (0.003 V + 0.5) = 12, V = 1,166.67, reached
        // from a bracket where payback is 1/V-shaped rather than linear.
        let solution = run("workload.agents.a.requests_per_month", "payback_months=3").unwrap();
        let exact = dec!(3500) / dec!(3);
        assert!(
            (solution.value - exact).abs() <= exact * RELATIVE_PRECISION,
            "{}",
            solution.value
        );
    }

    #[test]
    fn unreachable_target_names_the_range() {
        // Savings are 12 × 1,000 × (0.004 − p): at most $48, at p = 0.
        let error = run("offerings.small.per_request", "savings=100").unwrap_err();
        let SolveError::Unreachable(unreachable) = error else {
            panic!("expected an unreachable target");
        };
        assert_eq!(unreachable.searched, (dec!(0), dec!(1099511627.776)));
        assert_eq!(unreachable.reached.unwrap().1, dec!(48));
        assert_eq!(
            unreachable.to_string(),
            "savings cannot reach $100.00 by varying `offerings.small.per_request`: searched from 0 to \
             1,099,511,628, where it stays between -$13,194,139,533,264.00 and $48.00"
        );
    }

    #[test]
    fn payback_beyond_horizon_is_unreachable() {
        // The horizon is 12 months, so a 30-month payback cannot be seen.
        let error = run("workload.agents.a.requests_per_month", "payback_months=30").unwrap_err();
        let SolveError::Unreachable(unreachable) = error else {
            panic!("expected an unreachable target");
        };
        let message = unreachable.to_string();
        assert!(
            message.ends_with("or is unavailable (not within 12 months)"),
            "{message}"
        );
    }

    #[test]
    fn share_search_stops_at_100_percent() {
        let points = upward_points(Kind::Share, dec!(0.5));
        assert_eq!(points.first(), Some(&dec!(0.75)));
        assert_eq!(points.last(), Some(&dec!(1)));
        let points = downward_points(Kind::Rate, dec!(0.1));
        assert!(points.iter().all(|point| *point > dec!(-1)));
    }

    #[test]
    fn target_parse_rejects_bad_text() {
        assert!(
            Target::parse("npv")
                .unwrap_err()
                .message
                .contains("expected METRIC=VALUE")
        );
        assert_eq!(Target::parse("npvv=0").unwrap_err().message, "unknown metric `npvv`");
        assert!(
            Target::parse("npv=abc")
                .unwrap_err()
                .message
                .contains("invalid target value")
        );
    }
}
