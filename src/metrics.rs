//! Headline figures: return multiple, ROI, payback, NPV, IRR, break-even,
//! budget and margin.

use rust_decimal::Decimal;

use crate::money::{self, ArithmeticError, Checked};
use crate::projection::{CostBasis, UsageBasis};

/// Days in an average month (365.25 ÷ 12), for payback in days.
pub const DAYS_PER_MONTH: Decimal = Decimal::from_parts(304375, 0, 0, false, 4);

/// Hours in a month (8,760 ÷ 12), for payback in hours.
pub const HOURS_PER_MONTH: Decimal = Decimal::from_parts(730, 0, 0, false, 0);

/// Cumulative benefit ÷ investment, shown as a multiple (`1,260x`); `None`
/// when the investment is zero, because the multiple would be infinite.
///
/// ```
/// use rust_decimal_macros::dec;
/// assert_eq!(roi::metrics::return_multiple(dec!(7560), dec!(6)), Some(dec!(1260)));
/// assert_eq!(roi::metrics::return_multiple(dec!(7560), dec!(0)), None);
/// ```
pub fn return_multiple(cumulative_benefit: Decimal, investment: Decimal) -> Option<Decimal> {
    if investment <= Decimal::ZERO {
        return None;
    }
    cumulative_benefit.checked_div(investment)
}

/// ROI in percent: (cumulative benefit − investment) ÷ investment × 100;
/// `None` when the investment is zero.
///
/// A benefit of 120 on a cost of 100 is 20 (shown as 20%, not 0.2%):
///
/// ```
/// use rust_decimal_macros::dec;
/// assert_eq!(roi::metrics::roi_percent(dec!(120), dec!(100)), Some(dec!(20)));
/// assert_eq!(roi::metrics::roi_percent(dec!(50), dec!(100)), Some(dec!(-50)));
/// ```
pub fn roi_percent(cumulative_benefit: Decimal, investment: Decimal) -> Option<Decimal> {
    let multiple = return_multiple(cumulative_benefit, investment)?;
    (multiple - Decimal::ONE).checked_mul(Decimal::ONE_HUNDRED)
}

/// Returns the first time, in months, at which the cumulative benefit
/// reaches the investment, with each month's benefit accruing evenly inside
/// the month; `None` when the months given do not reach it. Without an
/// investment it is 0, unless the first months lose money: then payback is
/// when the cumulative benefit climbs back to zero.
///
/// $486 repaid at $817.50 a month takes 486 ÷ 817.5 = 0.5945 months:
///
/// ```
/// use rust_decimal_macros::dec;
/// let months = roi::metrics::payback_months(&[dec!(817.5); 60], dec!(486)).unwrap();
/// assert_eq!(months.round_dp(4), dec!(0.5945));
/// // 100 + 100 covers 150 halfway through the second month.
/// assert_eq!(roi::metrics::payback_months(&[dec!(100), dec!(100)], dec!(150)), Some(dec!(1.5)));
/// assert_eq!(roi::metrics::payback_months(&[dec!(100), dec!(100)], dec!(201)), None);
/// ```
pub fn payback_months(benefits: &[Decimal], investment: Decimal) -> Option<Decimal> {
    let first_flow = benefits.iter().find(|benefit| !benefit.is_zero());
    if investment <= Decimal::ZERO && first_flow.is_none_or(|benefit| benefit.is_sign_positive()) {
        return Some(Decimal::ZERO);
    }
    let investment = investment.max(Decimal::ZERO);
    let mut cumulative = Decimal::ZERO;
    for (index, benefit) in benefits.iter().enumerate() {
        let next = cumulative.checked_add(*benefit)?;
        if *benefit > Decimal::ZERO && next >= investment {
            let fraction = investment.checked_sub(cumulative)?.checked_div(*benefit)?;
            return Some(Decimal::from(index) + fraction);
        }
        cumulative = next;
    }
    None
}

/// Converts an annual effective rate to the equivalent monthly rate:
/// `(1 + d)^(1/12) − 1`.
///
/// ```
/// use rust_decimal_macros::dec;
/// // 1.01¹² = 1.126825030131969720661201 exactly.
/// let monthly = roi::metrics::monthly_rate(dec!(0.126825030131969720661201)).unwrap();
/// assert!((monthly - dec!(0.01)).abs() < dec!(1e-24));
/// ```
pub fn monthly_rate(annual_rate: Decimal) -> Checked {
    let root = money::nth_root(Decimal::ONE + annual_rate, 12).ok_or(ArithmeticError::Overflow)?;
    Ok(root - Decimal::ONE)
}

/// Net present value at an annual effective discount rate d, with the
/// investment at t0 undiscounted and each month's benefit at the month's end:
/// `NPV = −I + Σ_{m=1..H} benefit(m) / (1+r)^m`, `r = (1+d)^(1/12) − 1`.
///
/// At 0% the NPV is the plain sum. At a 1% monthly rate, 101 and 102.01 at
/// the ends of months 1 and 2 are worth 100 each today:
///
/// ```
/// use rust_decimal_macros::dec;
/// assert_eq!(roi::metrics::npv(&[dec!(100), dec!(100)], dec!(50), dec!(0)).unwrap(), dec!(150));
/// let npv = roi::metrics::npv(&[dec!(101), dec!(102.01)], dec!(0), dec!(0.126825030131969720661201)).unwrap();
/// assert!((npv - dec!(200)).abs() < dec!(1e-20));
/// ```
pub fn npv(benefits: &[Decimal], investment: Decimal, annual_rate: Decimal) -> Checked {
    let growth = Decimal::ONE + monthly_rate(annual_rate)?;
    let mut discount = Decimal::ONE;
    let mut total = -investment;
    for benefit in benefits {
        discount = money::div(discount, growth)?;
        total = money::add(total, money::mul(*benefit, discount)?)?;
    }
    Ok(total)
}

/// The reason an IRR does not exist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IrrError {
    #[error("the cash flows never change sign")]
    NoSignChange,
    #[error("the cash flows have more than one rate of return")]
    MultipleRoots,
    #[error("no monthly rate between -99% and +1,000,000% makes the NPV zero")]
    NotFound,
}

/// Monthly rates at which the NPV is probed to bracket the IRR.
const IRR_GRID: &[&str] = &[
    "-0.99", "-0.9", "-0.75", "-0.5", "-0.25", "-0.1", "-0.05", "-0.02", "-0.01", "-0.005", "0", "0.0025", "0.005",
    "0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1", "2", "5", "10", "20", "50", "100", "1000", "10000",
];

/// The internal rate of return as an annual effective rate
/// `(1 + monthly IRR)^12 − 1`, of monthly flows with `flows[0]` at month 0
/// (the investment, negative) and `flows[m]` at the end of month m.
///
/// The rate is bracketed on a grid of monthly rates, then narrowed by
/// regula falsi (Illinois variant). Flows
/// with one sign change have exactly one rate (Descartes' rule of signs).
/// With more, two brackets on the grid mean several rates, and the IRR is
/// reported as not unique.
/// NOTE: roots that lie between two neighbouring grid points are not seen.
///
/// Paying 100 now for 110 in a month returns 10% a month, 1.1¹² − 1 a year:
///
/// ```
/// use rust_decimal_macros::dec;
/// let irr = roi::metrics::irr(&[dec!(-100), dec!(110)]).unwrap();
/// assert!((irr - dec!(2.138428376721)).abs() < dec!(1e-10));
/// assert!(roi::metrics::irr(&[dec!(100), dec!(110)]).is_err());
/// ```
pub fn irr(flows: &[Decimal]) -> Result<Decimal, IrrError> {
    let signs: Vec<bool> = flows
        .iter()
        .filter(|flow| !flow.is_zero())
        .map(|flow| flow.is_sign_positive())
        .collect();
    let sign_changes = signs.windows(2).filter(|pair| pair[0] != pair[1]).count();
    if sign_changes == 0 {
        return Err(IrrError::NoSignChange);
    }

    let grid: Vec<Decimal> = IRR_GRID.iter().map(|rate| rate.parse().unwrap_or_default()).collect();
    let values: Vec<Option<Decimal>> = grid.iter().map(|rate| npv_at_monthly_rate(flows, *rate)).collect();
    let mut brackets = Vec::new();
    for index in 0..grid.len() - 1 {
        if let (Some(left), Some(right)) = (values[index], values[index + 1]) {
            if left.is_zero() {
                brackets.push((grid[index], grid[index]));
            } else if left.is_sign_positive() != right.is_sign_positive() && !right.is_zero() {
                brackets.push((grid[index], grid[index + 1]));
            }
        }
    }
    let (low, high) = match brackets.as_slice() {
        [] => return Err(IrrError::NotFound),
        [bracket] => *bracket,
        _ => return Err(IrrError::MultipleRoots),
    };
    let monthly = find_root(flows, low, high).ok_or(IrrError::NotFound)?;
    let annual = money::powi(Decimal::ONE + monthly, 12).map_err(|_| IrrError::NotFound)?;
    Ok(annual - Decimal::ONE)
}

/// Narrows a sign-changing bracket of the NPV to its root with the Illinois
/// variant of regula falsi: a secant step that keeps the bracket, and halves
/// the weight of an end that stays put, so it converges superlinearly.
fn find_root(flows: &[Decimal], mut low: Decimal, mut high: Decimal) -> Option<Decimal> {
    // 10⁻¹⁸ of a monthly rate is far below any displayed digit of the annual rate.
    let tolerance = Decimal::new(1, 18);
    let mut f_low = npv_at_monthly_rate(flows, low)?;
    let mut f_high = npv_at_monthly_rate(flows, high)?;
    if f_low.is_zero() {
        return Some(low);
    }
    let mut kept_side = 0i8;
    for _ in 0..200 {
        if high - low <= tolerance {
            break;
        }
        let mut next = high - f_high.checked_mul(high - low)?.checked_div(f_high - f_low)?;
        if next <= low || next >= high {
            next = (low + high) / Decimal::TWO;
        }
        let value = npv_at_monthly_rate(flows, next)?;
        if value.is_zero() {
            return Some(next);
        }
        if value.is_sign_positive() == f_low.is_sign_positive() {
            low = next;
            f_low = value;
            if kept_side == 1 {
                f_high /= Decimal::TWO;
            }
            kept_side = 1;
        } else {
            high = next;
            f_high = value;
            if kept_side == -1 {
                f_low /= Decimal::TWO;
            }
            kept_side = -1;
        }
    }
    Some((low + high) / Decimal::TWO)
}

/// NPV of `flows` at a monthly rate, scaled by a positive factor so that it
/// stays within range: below 0% it is evaluated as the polynomial
/// `Σ f_m (1+x)^(H−m)` (the NPV times `(1+x)^H`), whose sign is the NPV's.
fn npv_at_monthly_rate(flows: &[Decimal], rate: Decimal) -> Option<Decimal> {
    let growth = Decimal::ONE + rate;
    if growth <= Decimal::ZERO {
        return None;
    }
    if growth < Decimal::ONE {
        let mut value = Decimal::ZERO;
        for flow in flows {
            value = value.checked_mul(growth)?.checked_add(*flow)?;
        }
        return Some(value);
    }
    // One division, then products: the sign, not the last digit, decides the bisection.
    let step = Decimal::ONE.checked_div(growth)?;
    let mut discount = Decimal::ONE;
    let mut value = Decimal::ZERO;
    for flow in flows {
        value = value.checked_add(flow.checked_mul(discount)?)?;
        discount = discount.checked_mul(step)?;
    }
    Some(value)
}

/// The reason a break-even volume is not given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BreakEvenError {
    #[error("the candidate is not cheaper at any volume up to {0} requests a month, 1,000 × the base volume")]
    NeverCheaper(String),
    #[error("the model has no requests at base volume")]
    NoVolume,
    #[error("the capacity steps are too many to search: more than 100,000")]
    TooManySteps,
    #[error("{0}")]
    Arithmetic(#[from] ArithmeticError),
}

/// Largest number of capacity steps the break-even search walks through.
const MAX_BREAK_EVEN_SEGMENTS: usize = 100_000;

/// Finds the smallest total monthly volume V ≥ 0 from which the candidate
/// is strictly cheaper than the baseline for volumes just above V. The
/// agents' mix stays as in the case, prices are the first month's, fees
/// count and operations do not, because both options bear them. The result
/// is 0 when the candidate is cheaper at every positive volume, and an error
/// when it is never cheaper up to 1,000 × the base volume.
///
/// Both costs are piecewise linear in V: token and per-request usage is a
/// slope, fees are constant, and hourly capacity is constant between
/// multiples of a replica's monthly throughput. The search walks the pieces
/// in order and solves each for the crossing.
pub fn break_even_volume(
    candidate: &CostBasis,
    baseline: &CostBasis,
    base_requests: Decimal,
) -> Result<Decimal, BreakEvenError> {
    if base_requests <= Decimal::ZERO {
        return Err(BreakEvenError::NoVolume);
    }
    let limit = money::mul(base_requests, Decimal::ONE_THOUSAND)?;
    let mut points = vec![Decimal::ZERO, limit];
    for basis in [candidate, baseline] {
        append_capacity_steps(basis, limit, &mut points)?;
    }
    points.sort();
    points.dedup();

    for window in points.windows(2) {
        let (start, end) = (window[0], window[1]);
        let (candidate_slope, candidate_level) = linear_piece(candidate, base_requests, start)?;
        let (baseline_slope, baseline_level) = linear_piece(baseline, base_requests, start)?;
        // D(V) = α + βV is the candidate's cost minus the baseline's on (start, end).
        let alpha = money::sub(candidate_level, baseline_level)?;
        let beta = money::sub(candidate_slope, baseline_slope)?;
        let at_start = money::add(alpha, money::mul(beta, start)?)?;
        if at_start < Decimal::ZERO || (at_start.is_zero() && beta < Decimal::ZERO) {
            return Ok(start);
        }
        if beta < Decimal::ZERO {
            let crossing = money::div(-alpha, beta)?;
            if crossing < end {
                return Ok(crossing.max(start));
            }
        }
    }
    Err(BreakEvenError::NeverCheaper(crate::format::number(limit, 0)))
}

/// Adds the volumes at which an hourly offering adds a replica.
fn append_capacity_steps(basis: &CostBasis, limit: Decimal, points: &mut Vec<Decimal>) -> Result<(), BreakEvenError> {
    let UsageBasis::Capacity { pricing, .. } = &basis.usage else {
        return Ok(());
    };
    let Some(throughput) = pricing.requests_per_replica_hour else {
        return Ok(());
    };
    let capacity = money::mul(throughput, pricing.hours_per_month)?;
    let first = Decimal::from(pricing.min_replicas.max(1));
    let steps = money::div(limit, capacity)?.floor();
    if steps - first > Decimal::from(MAX_BREAK_EVEN_SEGMENTS) {
        return Err(BreakEvenError::TooManySteps);
    }
    let mut replicas = first;
    while replicas <= steps {
        points.push(money::mul(replicas, capacity)?);
        replicas += Decimal::ONE;
    }
    Ok(())
}

/// Slope per request and level of an offering's monthly cost on the piece of
/// volume that starts at `start` (fees included).
fn linear_piece(
    basis: &CostBasis,
    base_requests: Decimal,
    start: Decimal,
) -> Result<(Decimal, Decimal), ArithmeticError> {
    match &basis.usage {
        UsageBasis::Linear { base_usage } => Ok((money::div(*base_usage, base_requests)?, basis.fees)),
        UsageBasis::Capacity { pricing, discount } => {
            // Just above `start`, ceil(V / capacity) is floor(start / capacity) + 1.
            let replicas = match pricing.requests_per_replica_hour {
                Some(throughput) => {
                    let capacity = money::mul(throughput, pricing.hours_per_month)?;
                    (money::div(start, capacity)?.floor() + Decimal::ONE).max(Decimal::from(pricing.min_replicas))
                }
                None => Decimal::from(pricing.min_replicas),
            };
            let cost = money::mul(money::mul(replicas, pricing.hourly)?, pricing.hours_per_month)?;
            let cost = money::mul(cost, Decimal::ONE - *discount)?;
            Ok((Decimal::ZERO, money::add(cost, basis.fees)?))
        }
    }
}

/// Computes the year-1 budget: 12 × monthly cost × (1 + contingency).
///
/// ```
/// use rust_decimal_macros::dec;
/// assert_eq!(roi::metrics::budget_year1(dec!(228), dec!(0.2)).unwrap(), dec!(3283.20));
/// ```
pub fn budget_year1(monthly_cost: Decimal, contingency: Decimal) -> Checked {
    money::mul(money::mul(monthly_cost, Decimal::from(12))?, Decimal::ONE + contingency)
}

/// Computes the margin per customer, `price − requests × cost per request`,
/// and the margin as a share of the price.
///
/// ```
/// use rust_decimal_macros::dec;
/// let (margin, share) = roi::metrics::margin(dec!(69), dec!(1000), dec!(0.0024)).unwrap();
/// assert_eq!((margin, share.round_dp(4)), (dec!(66.6), dec!(0.9652)));
/// ```
pub fn margin(
    price: Decimal,
    requests: Decimal,
    cost_per_request: Decimal,
) -> Result<(Decimal, Decimal), ArithmeticError> {
    let margin = money::sub(price, money::mul(requests, cost_per_request)?)?;
    Ok((margin, money::div(margin, price)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::HourlyPricing;
    use rust_decimal_macros::dec;

    /// Builds a token or per-request offering priced for `BASE` requests a month.
    fn linear(id: &str, per_request: Decimal, fees: Decimal) -> CostBasis {
        CostBasis {
            id: id.to_string(),
            usage: UsageBasis::Linear {
                base_usage: per_request * BASE,
            },
            fees,
        }
    }

    const BASE: Decimal = dec!(50000);

    fn hourly(hourly: Decimal, throughput: Option<Decimal>) -> CostBasis {
        CostBasis {
            id: "endpoint".to_string(),
            usage: UsageBasis::Capacity {
                pricing: HourlyPricing {
                    hourly,
                    hours_per_month: dec!(730),
                    min_replicas: 1,
                    requests_per_replica_hour: throughput,
                },
                discount: dec!(0),
            },
            fees: dec!(0),
        }
    }

    #[test]
    fn roi_of_120_on_100_is_20_percent() {
        assert_eq!(roi_percent(dec!(120), dec!(100)), Some(dec!(20)));
    }

    #[test]
    fn zero_investment_has_no_multiple() {
        assert_eq!(return_multiple(dec!(10), dec!(0)), None);
        assert_eq!(roi_percent(dec!(10), dec!(0)), None);
        assert_eq!(payback_months(&[dec!(1)], dec!(0)), Some(dec!(0)));
    }

    #[test]
    fn payback_without_investment_waits_for_early_losses() {
        let months = [dec!(-50), dec!(-50), dec!(200)];
        assert_eq!(payback_months(&months, dec!(0)), Some(dec!(2.5)));
        assert_eq!(payback_months(&[dec!(-1)], dec!(0)), None);
    }

    #[test]
    fn payback_is_never_negative_with_early_losses() {
        let months = [dec!(-50), dec!(100), dec!(100)];
        assert_eq!(payback_months(&months, dec!(100)), Some(dec!(2.5)));
    }

    #[test]
    fn npv_discounts_at_month_end() {
        let npv = npv(&[dec!(108)], dec!(0), dec!(0.08) * dec!(12)).unwrap();
        assert!(npv < dec!(108));
    }

    #[test]
    fn irr_rejects_flows_without_sign_change() {
        assert_eq!(irr(&[dec!(-1), dec!(-1)]), Err(IrrError::NoSignChange));
    }

    #[test]
    fn irr_rejects_two_roots() {
        // -100, +230, -132 has roots at 10% and 20% a month.
        assert_eq!(irr(&[dec!(-100), dec!(230), dec!(-132)]), Err(IrrError::MultipleRoots));
    }

    #[test]
    fn irr_of_a_slow_payback_is_small() {
        let mut flows = vec![dec!(-1200)];
        flows.extend([dec!(100); 12]);
        // Exactly repaid over twelve months: 0%.
        assert!(irr(&flows).unwrap().abs() < dec!(1e-15));
    }

    #[test]
    fn break_even_is_zero_when_always_cheaper() {
        let candidate = linear("c", dec!(0.0024), dec!(0));
        let baseline = linear("b", dec!(0.015), dec!(0));
        assert_eq!(break_even_volume(&candidate, &baseline, BASE).unwrap(), dec!(0));
    }

    #[test]
    fn break_even_with_fees_solves_the_crossing() {
        // 0.001 V + 100 < 0.002 V from V = 100,000.
        let candidate = linear("c", dec!(0.001), dec!(100));
        let baseline = linear("b", dec!(0.002), dec!(0));
        assert_eq!(break_even_volume(&candidate, &baseline, BASE).unwrap(), dec!(100000));
    }

    #[test]
    fn break_even_of_dedicated_endpoint_against_api() {
        // One replica at $0.50/h is $365 a month; the API costs $0.001 a
        // request, so the endpoint wins above 365,000 requests while one
        // replica (1,000 requests/h = 730,000 a month) suffices.
        let endpoint = hourly(dec!(0.5), Some(dec!(1000)));
        let api = linear("api", dec!(0.001), dec!(0));
        assert_eq!(break_even_volume(&endpoint, &api, BASE).unwrap(), dec!(365000));
    }

    #[test]
    fn break_even_none_when_never_cheaper() {
        let candidate = linear("c", dec!(0.02), dec!(0));
        let baseline = linear("b", dec!(0.015), dec!(0));
        assert!(matches!(
            break_even_volume(&candidate, &baseline, BASE),
            Err(BreakEvenError::NeverCheaper(_))
        ));
    }
}
