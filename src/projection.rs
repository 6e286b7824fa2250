//! Months, growth and the yearly roll-up.
//!
//! Month index m runs from 1 to the horizon. Volumes grow by the scenario's
//! annual rate and usage prices change by its `price_change`, both
//! compounded yearly or monthly. Fees do not change, and operations follow
//! the month's total volume through their capacity steps.

use rust_decimal::Decimal;

use crate::model::{Compounding, HourlyPricing, Model, Offering, Usage};
use crate::money::{self, ArithmeticError, Checked};
use crate::pricing;
use crate::result::{MonthRow, YearRow};

/// Computes the factor of each month m (1-based) for an annual rate g:
/// yearly compounding `(1+g)^floor((m−1)/12)`, monthly `(1+g)^((m−1)/12)`.
/// Monthly factors at whole years are exact powers of `1+g`, so 12% a year
/// compounded monthly gives exactly 1.12 in month 13, not 1.01¹².
///
/// ```
/// use roi::model::Compounding;
/// use rust_decimal_macros::dec;
/// let yearly = roi::projection::growth_factors(dec!(0.1), Compounding::Yearly, 25).unwrap();
/// assert_eq!((yearly[0], yearly[11], yearly[12], yearly[24]), (dec!(1), dec!(1), dec!(1.1), dec!(1.21)));
/// let monthly = roi::projection::growth_factors(dec!(0.12), Compounding::Monthly, 13).unwrap();
/// assert_eq!(monthly[12], dec!(1.12));
/// assert!(monthly[1] > dec!(1.0094) && monthly[1] < dec!(1.0095));
/// ```
pub fn growth_factors(
    annual_rate: Decimal,
    compounding: Compounding,
    months: u32,
) -> Result<Vec<Decimal>, ArithmeticError> {
    let yearly = Decimal::ONE + annual_rate;
    let monthly_root = match compounding {
        Compounding::Yearly => Decimal::ONE,
        Compounding::Monthly => money::nth_root(yearly, 12).ok_or(ArithmeticError::Overflow)?,
    };
    let mut root_powers = Vec::with_capacity(12);
    let mut power = Decimal::ONE;
    for _ in 0..12 {
        root_powers.push(power);
        power = money::mul(power, monthly_root)?;
    }

    let mut factors = Vec::with_capacity(months as usize);
    let mut year_factor = Decimal::ONE;
    for index in 0..months {
        if index > 0 && index % 12 == 0 {
            year_factor = money::mul(year_factor, yearly)?;
        }
        let factor = match compounding {
            Compounding::Yearly => year_factor,
            Compounding::Monthly => money::mul(year_factor, root_powers[(index % 12) as usize])?,
        };
        factors.push(factor);
    }
    Ok(factors)
}

/// The cost of an offering as a function of volume and price level.
#[derive(Debug, Clone)]
pub struct CostBasis {
    pub id: String,
    pub usage: UsageBasis,
    /// `monthly_fee × models_deployed`.
    pub fees: Decimal,
}

/// Usage cost at base volume, or the capacity it bills by the hour.
#[derive(Debug, Clone)]
pub enum UsageBasis {
    /// Token and per-request offerings: the usage cost of the base month,
    /// which scales linearly with volume (every agent grows alike).
    Linear { base_usage: Decimal },
    /// Hourly offerings: replicas follow the month's total volume.
    Capacity { pricing: HourlyPricing, discount: Decimal },
}

impl CostBasis {
    /// Prices an offering for the model's agents at base volume.
    pub fn new(model: &Model, offering: &Offering) -> Result<Self, ArithmeticError> {
        let usage = match &offering.usage {
            Usage::Hourly(pricing) => UsageBasis::Capacity {
                pricing: pricing.clone(),
                discount: offering.discount,
            },
            Usage::Tokens(_) | Usage::PerRequest(_) => {
                let mut base_usage = Decimal::ZERO;
                for agent in &model.agents {
                    let per_request = pricing::usage_cost_per_request(offering, &agent.workload)?.unwrap_or_default();
                    base_usage = money::add(base_usage, money::mul(agent.workload.requests_per_month, per_request)?)?;
                }
                UsageBasis::Linear { base_usage }
            }
        };
        Ok(CostBasis {
            id: offering.id.clone(),
            usage,
            fees: money::mul(offering.monthly_fee, Decimal::from(model.deployment.models_deployed))?,
        })
    }

    /// Usage cost of a month whose total volume is `volume_factor` times the
    /// base volume `base_requests`, at `price_factor` times first-month prices.
    pub fn usage(&self, base_requests: Decimal, volume_factor: Decimal, price_factor: Decimal) -> Checked {
        match &self.usage {
            UsageBasis::Linear { base_usage } => money::mul(money::mul(*base_usage, volume_factor)?, price_factor),
            UsageBasis::Capacity { pricing, discount } => {
                let requests = money::mul(base_requests, volume_factor)?;
                money::mul(pricing::capacity_cost(pricing, requests, *discount)?, price_factor)
            }
        }
    }

    /// Replicas at a volume, for hourly offerings.
    pub fn replicas(&self, requests: Decimal) -> Result<Option<Decimal>, ArithmeticError> {
        match &self.usage {
            UsageBasis::Capacity { pricing, .. } => pricing::replicas(pricing, requests).map(Some),
            UsageBasis::Linear { .. } => Ok(None),
        }
    }
}

/// Operations cost of a month: every item at the step its total volume reaches.
pub fn operations_at(model: &Model, requests: Decimal) -> Checked {
    money::sum(model.operations.iter().map(|item| item.monthly_at(requests)))
}

/// Benefits beyond savings in a month; items with `scale_with_volume` grow
/// with the volume factor.
pub fn other_benefits_at(model: &Model, volume_factor: Decimal) -> Checked {
    let mut total = Decimal::ZERO;
    for benefit in &model.benefits {
        let amount = if benefit.scale_with_volume {
            money::mul(benefit.monthly, volume_factor)?
        } else {
            benefit.monthly
        };
        total = money::add(total, amount)?;
    }
    Ok(total)
}

/// Groups months into projection years: year n contains months 12(n−1)+1
/// to 12n, and a horizon that is not a multiple of 12 ends with a partial
/// year. `return_multiple` divides the cumulative benefit by the total
/// investment and `return_multiple_incremental` by the incremental one. Each
/// is `None` when its investment is zero.
pub fn roll_up_years(
    months: &[MonthRow],
    investment: Decimal,
    incremental_investment: Decimal,
) -> Result<Vec<YearRow>, ArithmeticError> {
    let mut years = Vec::new();
    for (index, chunk) in months.chunks(12).enumerate() {
        let count = Decimal::from(chunk.len());
        let requests = money::sum(chunk.iter().map(|month| month.requests))?;
        let candidate_cost = money::sum(chunk.iter().map(|month| month.candidate_cost))?;
        let baseline_cost = money::sum(chunk.iter().map(|month| month.baseline_cost))?;
        let savings = money::sum(chunk.iter().map(|month| month.savings))?;
        let benefit = money::sum(chunk.iter().map(|month| month.benefit))?;
        let cumulative_benefit = chunk.last().map_or(Decimal::ZERO, |month| month.cumulative_benefit);
        years.push(YearRow {
            year: index as u32 + 1,
            months: chunk.len() as u32,
            requests_per_month: money::div(requests, count)?,
            candidate_cost,
            baseline_cost,
            savings,
            benefit,
            cumulative_benefit,
            return_multiple: crate::metrics::return_multiple(cumulative_benefit, investment),
            return_multiple_incremental: crate::metrics::return_multiple(cumulative_benefit, incremental_investment),
        });
    }
    Ok(years)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn monthly_compounding_reaches_annual_rate_exactly() {
        let factors = growth_factors(dec!(0.12), Compounding::Monthly, 25).unwrap();
        assert_eq!(factors[0], dec!(1));
        assert_eq!(factors[12], dec!(1.12), "month 13 is 1.12 × month 1");
        assert_eq!(factors[24], dec!(1.2544));
        assert_ne!(factors[12], money::powi(dec!(1.01), 12).unwrap(), "not 1% a month");
    }

    #[test]
    fn yearly_compounding_steps_once_a_year() {
        let factors = growth_factors(dec!(0.5), Compounding::Yearly, 60).unwrap();
        assert!(factors[..12].iter().all(|factor| *factor == dec!(1)));
        assert_eq!(factors[12], dec!(1.5));
        assert_eq!(factors[59], dec!(5.0625));
    }

    #[test]
    fn falling_prices_compound_down() {
        let factors = growth_factors(dec!(-0.2), Compounding::Yearly, 25).unwrap();
        assert_eq!(factors[12], dec!(0.8));
        assert_eq!(factors[24], dec!(0.64));
    }

    #[test]
    fn partial_last_year_is_rolled_up() {
        let month = |index: u32| MonthRow {
            month: index,
            date: String::new(),
            volume_factor: dec!(1),
            price_factor: dec!(1),
            requests: dec!(100),
            candidate_usage: dec!(1),
            candidate_fees: dec!(0),
            baseline_usage: dec!(3),
            baseline_fees: dec!(0),
            operations: dec!(0),
            candidate_cost: dec!(1),
            baseline_cost: dec!(3),
            savings: dec!(2),
            other_benefits: dec!(0),
            benefit: dec!(2),
            cumulative_benefit: dec!(2) * Decimal::from(index),
        };
        let months: Vec<MonthRow> = (1..=18).map(month).collect();
        let years = roll_up_years(&months, dec!(4), dec!(2)).unwrap();
        assert_eq!(years.len(), 2);
        assert_eq!(years[1].months, 6);
        assert_eq!(years[1].savings, dec!(12));
        assert_eq!(years[1].cumulative_benefit, dec!(36));
        assert_eq!(years[1].return_multiple, Some(dec!(9)));
        assert_eq!(years[1].return_multiple_incremental, Some(dec!(18)));
    }
}
