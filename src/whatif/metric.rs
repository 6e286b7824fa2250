//! The headline figures of a scenario that what-if commands compare, rank
//! and solve for.

use std::fmt;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::InputError;
use crate::format;
use crate::input::suggest::did_you_mean;
use crate::result::ScenarioResult;

/// One headline figure of a scenario over the whole horizon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Total cost of the candidate: usage, fees and operations.
    CandidateCost,
    /// Total cost of the baseline: usage, fees and operations.
    BaselineCost,
    /// Baseline cost minus candidate cost.
    Savings,
    /// Savings plus the `[benefits]` items: the cumulative benefit.
    Benefit,
    /// Net present value at the model's discount rate, investment at month 0.
    Npv,
    /// Cumulative benefit ÷ total investment.
    ReturnMultiple,
    /// Months until the cumulative benefit reaches the total investment.
    PaybackMonths,
    /// Annual effective internal rate of return.
    Irr,
}

impl Metric {
    /// Every metric, in the order tables list them.
    pub const ALL: [Metric; 8] = [
        Metric::CandidateCost,
        Metric::BaselineCost,
        Metric::Savings,
        Metric::Benefit,
        Metric::Npv,
        Metric::ReturnMultiple,
        Metric::PaybackMonths,
        Metric::Irr,
    ];

    /// The figures `roi diff` compares, in the order it lists them.
    pub const DIFF_FIGURES: [Metric; 7] = [
        Metric::CandidateCost,
        Metric::BaselineCost,
        Metric::Savings,
        Metric::Benefit,
        Metric::Npv,
        Metric::ReturnMultiple,
        Metric::PaybackMonths,
    ];

    /// Returns the name used on the command line and in JSON, e.g. `payback_months`.
    pub fn name(self) -> &'static str {
        match self {
            Metric::CandidateCost => "candidate_cost",
            Metric::BaselineCost => "baseline_cost",
            Metric::Savings => "savings",
            Metric::Benefit => "benefit",
            Metric::Npv => "npv",
            Metric::ReturnMultiple => "return_multiple",
            Metric::PaybackMonths => "payback_months",
            Metric::Irr => "irr",
        }
    }

    /// Returns a label for tables and sentences, e.g. `payback (months)`.
    pub fn label(self) -> &'static str {
        match self {
            Metric::CandidateCost => "candidate cost",
            Metric::BaselineCost => "baseline cost",
            Metric::Savings => "savings",
            Metric::Benefit => "benefit",
            Metric::Npv => "NPV",
            Metric::ReturnMultiple => "return multiple",
            Metric::PaybackMonths => "payback (months)",
            Metric::Irr => "IRR",
        }
    }

    /// Parses a metric name, suggesting the closest name for a typo.
    ///
    /// ```
    /// use roi::whatif::Metric;
    /// assert_eq!(Metric::parse("npv").unwrap(), Metric::Npv);
    /// let error = Metric::parse("npvv").unwrap_err();
    /// assert_eq!(error.help.as_deref(), Some("did you mean `npv`?"));
    /// ```
    pub fn parse(text: &str) -> Result<Metric, InputError> {
        let text = text.trim();
        if let Some(metric) = Metric::ALL.into_iter().find(|metric| metric.name() == text) {
            return Ok(metric);
        }
        let names: Vec<&str> = Metric::ALL.iter().map(|metric| metric.name()).collect();
        let error = InputError::new(format!("unknown metric `{text}`"));
        Err(match did_you_mean(text, names.iter().copied()) {
            Some(suggestion) => error.with_help(format!("did you mean `{suggestion}`?")),
            None => error.with_help(format!("known metrics: {}", names.join(", "))),
        })
    }

    /// Returns the metric's value in a projected scenario, or `None` when
    /// the figure cannot be computed, with the reason in
    /// [`Metric::unavailable_reason`].
    pub fn value(self, scenario: &ScenarioResult) -> Option<Decimal> {
        match self {
            Metric::CandidateCost => Some(scenario.totals.candidate_cost),
            Metric::BaselineCost => Some(scenario.totals.baseline_cost),
            Metric::Savings => Some(scenario.totals.savings),
            Metric::Benefit => Some(scenario.totals.benefit),
            Metric::Npv => Some(scenario.npv),
            Metric::ReturnMultiple => scenario.return_multiple,
            Metric::PaybackMonths => scenario.payback_months,
            Metric::Irr => scenario.irr,
        }
    }

    /// Returns the reason the engine gives when the metric is unavailable.
    pub fn unavailable_reason(self, scenario: &ScenarioResult) -> Option<&str> {
        scenario.unavailable.get(self.name()).map(String::as_str)
    }

    /// Returns whether the metric is an amount of money.
    pub fn is_money(self) -> bool {
        matches!(
            self,
            Metric::CandidateCost | Metric::BaselineCost | Metric::Savings | Metric::Benefit | Metric::Npv
        )
    }

    /// Formats a value of the metric for display: money to the cent,
    /// multiples as `118x`, payback in months, IRR as an annual rate.
    ///
    /// ```
    /// use roi::whatif::Metric;
    /// use rust_decimal_macros::dec;
    /// assert_eq!(Metric::Npv.show(dec!(46456.193), "USD"), "$46,456.19");
    /// assert_eq!(Metric::PaybackMonths.show(dec!(0.5945), "USD"), "0.59 months");
    /// ```
    pub fn show(self, value: Decimal, currency: &str) -> String {
        match self {
            _ if self.is_money() => format::money(value, currency),
            Metric::ReturnMultiple => format::multiple(value),
            Metric::PaybackMonths => format!("{} months", format::number(value, 2)),
            _ => format::annual_rate(value),
        }
    }

    /// Formats a value like [`Metric::show`], but an IRR in full rather than
    /// capped at `> 1,000%`: a goal seek must show the target it met.
    ///
    /// ```
    /// use roi::whatif::Metric;
    /// use rust_decimal_macros::dec;
    /// assert_eq!(Metric::Irr.show_exact(dec!(20), "USD"), "2,000%");
    /// assert_eq!(Metric::Irr.show(dec!(20), "USD"), "> 1,000%");
    /// ```
    pub fn show_exact(self, value: Decimal, currency: &str) -> String {
        match self {
            Metric::Irr => format::share(value),
            _ => self.show(value, currency),
        }
    }

    /// Formats a change of the metric with its sign: `+$630.00`, `-0.25 months`.
    ///
    /// ```
    /// use roi::whatif::Metric;
    /// use rust_decimal_macros::dec;
    /// assert_eq!(Metric::Savings.show_change(dec!(-1234.5), "USD"), "-$1,234.50");
    /// assert_eq!(Metric::Savings.show_change(dec!(0), "USD"), "$0.00");
    /// assert_eq!(Metric::ReturnMultiple.show_change(dec!(1.25), "USD"), "+1.3x");
    /// ```
    pub fn show_change(self, change: Decimal, currency: &str) -> String {
        let text = match self {
            Metric::Irr => format::share(change),
            _ => self.show(change, currency),
        };
        let shown_as_zero = text
            .trim_start_matches('-')
            .chars()
            .all(|ch| !ch.is_ascii_digit() || ch == '0');
        if change > Decimal::ZERO && !shown_as_zero {
            format!("+{text}")
        } else {
            text
        }
    }
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn names_round_trip() {
        for metric in Metric::ALL {
            assert_eq!(Metric::parse(metric.name()).unwrap(), metric);
        }
    }

    #[test]
    fn unknown_metric_lists_names() {
        let error = Metric::parse("zebra").unwrap_err();
        assert_eq!(error.message, "unknown metric `zebra`");
        assert!(error.help.unwrap().contains("payback_months"));
    }

    #[test]
    fn changes_show_their_sign() {
        assert_eq!(Metric::Npv.show_change(dec!(630), "USD"), "+$630.00");
        assert_eq!(Metric::Npv.show_change(dec!(0.001), "USD"), "$0.00");
        assert_eq!(Metric::PaybackMonths.show_change(dec!(-0.25), "USD"), "-0.25 months");
        assert_eq!(Metric::Irr.show_change(dec!(0.05), "USD"), "+5%");
    }
}
