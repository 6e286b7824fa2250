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
/// the month. It is `None` when the months given do not reach it. Without an
/// investment it is 0, unless the first months lose money, in which case
/// payback is when the cumulative benefit climbs back to zero.
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

/// Monthly rates at which the NPV is probed when the flows change sign once.
const IRR_GRID: &[&str] = &[
    "-0.99", "-0.9", "-0.75", "-0.5", "-0.25", "-0.1", "-0.05", "-0.02", "-0.01", "-0.005", "0", "0.0025", "0.005",
    "0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1", "2", "5", "10", "20", "50", "100", "1000", "10000",
];

/// The fine grid, used when the flows change sign more than once, runs over
/// monthly growth factors `1 + r` from 0.01 to 10,001 with neighbouring
/// points 1% apart (about 1,390 points).
const FINE_GRID_LOW: Decimal = Decimal::from_parts(1, 0, 0, false, 2);
const FINE_GRID_HIGH: Decimal = Decimal::from_parts(10001, 0, 0, false, 0);
const FINE_GRID_RATIO: Decimal = Decimal::from_parts(101, 0, 0, false, 2);

/// Relative width of the bracket at which the root search stops.
const IRR_TOLERANCE: Decimal = Decimal::from_parts(1, 0, 0, false, 18);

/// The internal rate of return as an annual effective rate
/// `(1 + monthly IRR)^12 − 1`, of monthly flows with `flows[0]` at month 0
/// (the investment, negative) and `flows[m]` at the end of month m.
///
/// By Descartes' rule of signs, the number of monthly rates in (−100%, ∞)
/// that make the NPV zero is the number of sign changes of the flows, or
/// less by an even number. One sign change therefore means exactly one
/// rate, which a coarse grid brackets. With more sign changes, a fine grid
/// looks for every crossing and for dips of the NPV through zero between two
/// grid points. An even number of sign changes with a single crossing means
/// that a second rate exists beyond the grid. The bracket is then narrowed
/// by false position (the Illinois variant) to a relative width of 1e-18.
///
/// NOTE: two rates closer than the fine grid's 1% spacing are found only
/// when the NPV has one clear dip between them. Rates below −99% or above
/// +1,000,000% a month are not searched.
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

    let (roots, first) = if sign_changes == 1 {
        let grid: Vec<Decimal> = IRR_GRID
            .iter()
            .map(|rate| Decimal::ONE + rate.parse::<Decimal>().unwrap_or_default())
            .collect();
        locate_roots(flows, &grid, false)
    } else {
        locate_roots(flows, fine_grid(), true)
    };
    let bracket = match (roots, first) {
        (0, _) | (_, None) => return Err(IrrError::NotFound),
        (1, Some(bracket)) if sign_changes % 2 == 1 => bracket,
        _ => return Err(IrrError::MultipleRoots),
    };

    let growth = false_position(flows, bracket).ok_or(IrrError::NotFound)?;
    let annual = money::powi(growth, 12).map_err(|_| IrrError::NotFound)?;
    Ok(annual - Decimal::ONE)
}

/// Returns the fine grid of monthly growth factors, built on first use.
fn fine_grid() -> &'static [Decimal] {
    static GRID: std::sync::OnceLock<Vec<Decimal>> = std::sync::OnceLock::new();
    GRID.get_or_init(|| {
        let mut grid = Vec::new();
        let mut growth = FINE_GRID_LOW;
        while growth < FINE_GRID_HIGH {
            grid.push(growth);
            growth = (growth * FINE_GRID_RATIO).round_dp(12);
        }
        grid.push(FINE_GRID_HIGH);
        grid
    })
}

/// Counts the rates of return on a grid of monthly growth factors and
/// returns the count with the bracket of the first one. A grid point where
/// the NPV is zero counts as a rate, and so does each sign change between
/// neighbours. With `find_dips`, a local minimum of |NPV| between two points
/// of the same sign is searched for a dip through zero, which counts as two.
fn locate_roots(flows: &[Decimal], grid: &[Decimal], find_dips: bool) -> (usize, Option<(Decimal, Decimal)>) {
    let values: Vec<Option<Decimal>> = grid.iter().map(|growth| scaled_npv(flows, *growth)).collect();
    let mut count = 0;
    let mut first = None;
    let mut found = |bracket: (Decimal, Decimal), roots: usize| {
        count += roots;
        first.get_or_insert(bracket);
    };
    for index in 0..grid.len() {
        let Some(value) = values[index] else {
            continue;
        };
        if value.is_zero() {
            found((grid[index], grid[index]), 1);
            continue;
        }
        if let Some(Some(next)) = values.get(index + 1)
            && !next.is_zero()
            && next.is_sign_positive() != value.is_sign_positive()
        {
            found((grid[index], grid[index + 1]), 1);
        }
        if find_dips
            && index > 0
            && let (Some(previous), Some(Some(next))) = (values[index - 1], values.get(index + 1))
            && same_sign_nonzero(&[previous, value, *next])
            && value.abs() < previous.abs()
            && value.abs() <= next.abs()
            && dips_through_zero(flows, grid[index - 1], grid[index + 1], value.is_sign_positive())
        {
            found((grid[index - 1], grid[index + 1]), 2);
        }
    }
    (count, first)
}

fn same_sign_nonzero(values: &[Decimal]) -> bool {
    values.iter().all(|value| !value.is_zero())
        && values
            .windows(2)
            .all(|pair| pair[0].is_sign_positive() == pair[1].is_sign_positive())
}

/// Searches `[low, high]` by ternary search for the extremum of the NPV
/// nearest zero and reports whether it reaches or crosses zero.
fn dips_through_zero(flows: &[Decimal], mut low: Decimal, mut high: Decimal, positive: bool) -> bool {
    let toward_zero = |value: Decimal| if positive { value } else { -value };
    for _ in 0..80 {
        let third = (high - low) / Decimal::from(3);
        let left = low + third;
        let right = high - third;
        let (Some(left_value), Some(right_value)) = (scaled_npv(flows, left), scaled_npv(flows, right)) else {
            return false;
        };
        if toward_zero(left_value) <= Decimal::ZERO || toward_zero(right_value) <= Decimal::ZERO {
            return true;
        }
        if toward_zero(left_value) < toward_zero(right_value) {
            high = right;
        } else {
            low = left;
        }
    }
    false
}

/// Narrows a bracket of monthly growth factors to the root by the Illinois
/// variant of false position, which halves the value kept at an end that
/// has not moved for two steps.
fn false_position(flows: &[Decimal], (mut low, mut high): (Decimal, Decimal)) -> Option<Decimal> {
    if low == high {
        return Some(low);
    }
    let mut low_value = scaled_npv(flows, low)?;
    let mut high_value = scaled_npv(flows, high)?;
    let mut last_moved = 0i8;
    for _ in 0..200 {
        let width = high - low;
        if width <= IRR_TOLERANCE * high.abs().max(Decimal::ONE) {
            break;
        }
        let mut next = low
            .checked_mul(high_value)
            .zip(high.checked_mul(low_value))
            .and_then(|(a, b)| (a - b).checked_div(high_value - low_value))
            .unwrap_or(low + width / Decimal::TWO);
        if next <= low || next >= high {
            next = low + width / Decimal::TWO;
        }
        let value = scaled_npv(flows, next)?;
        if value.is_zero() {
            return Some(next);
        }
        if value.is_sign_positive() == high_value.is_sign_positive() {
            high = next;
            high_value = value;
            if last_moved == 1 {
                low_value /= Decimal::TWO;
            }
            last_moved = 1;
        } else {
            low = next;
            low_value = value;
            if last_moved == -1 {
                high_value /= Decimal::TWO;
            }
            last_moved = -1;
        }
    }
    Some((low + high) / Decimal::TWO)
}

/// NPV of `flows` at a monthly growth factor `1 + r`, times a positive
/// factor that keeps it within range, so its sign is the NPV's. At or above
/// 1 it is the NPV `Σ f_m x^m` with `x = 1/(1+r)`; below 1 it is the NPV
/// times `(1+r)^H`, `Σ f_m (1+r)^(H−m)`. Both are evaluated by Horner's rule
/// and meet at `1 + r = 1`, so the function is continuous.
fn scaled_npv(flows: &[Decimal], growth: Decimal) -> Option<Decimal> {
    if growth <= Decimal::ZERO {
        return None;
    }
    let mut value = Decimal::ZERO;
    if growth < Decimal::ONE {
        for flow in flows {
            value = value.checked_mul(growth)?.checked_add(*flow)?;
        }
    } else {
        let discount = Decimal::ONE.checked_div(growth)?;
        for flow in flows.iter().rev() {
            value = value.checked_mul(discount)?.checked_add(*flow)?;
        }
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
    fn irr_of_one_percent_a_month() {
        // 100 now for 101 in a month: 1% a month, 1.01¹² − 1 a year.
        let irr = irr(&[dec!(-100), dec!(101)]).unwrap();
        assert!((irr - dec!(0.126825030131969720661201)).abs() < dec!(1e-15), "{irr}");
    }

    #[test]
    fn irr_of_two_monthly_flows() {
        // At 25% a month, 50 and 93.75 are worth 40 and 60 today: 1.25¹² − 1 a year.
        let irr = irr(&[dec!(-100), dec!(50), dec!(93.75)]).unwrap();
        assert!((irr - dec!(13.551915228366851806640625)).abs() < dec!(1e-12), "{irr}");
    }

    #[test]
    fn irr_of_falling_rate_below_zero() {
        // 100 now for 90 in a month: −10% a month, 0.9¹² − 1 a year.
        let irr = irr(&[dec!(-100), dec!(90)]).unwrap();
        assert!((irr - dec!(-0.717570463519)).abs() < dec!(1e-11), "{irr}");
    }

    #[test]
    fn irr_rejects_two_roots_within_one_grid_step() {
        // -100, 230, -132.09 has roots at 11% and 19% a month, both between
        // the grid's 10% and 20%, where the NPV has the same sign.
        assert_eq!(
            irr(&[dec!(-100), dec!(230), dec!(-132.09)]),
            Err(IrrError::MultipleRoots)
        );
    }

    #[test]
    fn irr_rejects_two_roots_one_beyond_the_grid() {
        // Roots at 10% and 1,999,900% a month: two sign changes, one crossing seen.
        let flows = [dec!(-100), dec!(2000110), dec!(-2200000)];
        assert_eq!(irr(&flows), Err(IrrError::MultipleRoots));
    }

    #[test]
    fn irr_not_found_without_real_root() {
        // -100 + 230 x - 133 x² has no real root.
        assert_eq!(irr(&[dec!(-100), dec!(230), dec!(-133)]), Err(IrrError::NotFound));
    }

    #[test]
    fn irr_rejects_two_roots_far_apart() {
        // -100 y² + 210 y - 5 = 0 has roots y ≈ 2.0759 and y ≈ 0.0241 for
        // y = 1 + r: monthly rates of about +108% and -98%.
        assert_eq!(irr(&[dec!(-100), dec!(210), dec!(-5)]), Err(IrrError::MultipleRoots));
    }

    #[test]
    fn irr_of_genesis_flows() {
        // $486 repaid at $817.50 a month for 60 months.
        let mut flows = vec![dec!(-486)];
        flows.extend([dec!(817.5); 60]);
        let (roots, bracket) = locate_roots(&flows, fine_grid(), true);
        assert_eq!(roots, 1);
        let growth = false_position(&flows, bracket.unwrap()).unwrap();
        let npv_at_irr = scaled_npv(&flows, growth).unwrap();
        assert!(npv_at_irr.abs() < dec!(1e-12), "NPV at the IRR is {npv_at_irr}");
        let annual = irr(&flows).unwrap();
        assert!((annual - (money::powi(growth, 12).unwrap() - Decimal::ONE)).abs() < dec!(1e-6));
        assert!(annual > dec!(10), "the display caps it at > 1,000%");
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
