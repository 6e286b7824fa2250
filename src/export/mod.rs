//! Spreadsheet exports of a [`Projection`]: CSV with one row per scenario and
//! month, and an XLSX workbook. Both render in memory from the result model;
//! writing the bytes to a file is the caller's job.

pub mod csv;
pub mod xlsx;

use rust_decimal::Decimal;

use crate::result::MonthRow;

/// What a column measures, which decides its spreadsheet number format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Requests, shown with thousands separators.
    Count,
    /// A growth or price multiplier such as 1.1.
    Factor,
    /// An amount in the model's currency.
    Money,
}

/// One figure of a projected month, as a column of the exports.
pub struct MonthColumn {
    /// Column header: the field name of the month in the JSON output.
    pub name: &'static str,
    pub measure: Measure,
    pub value: fn(&MonthRow) -> Decimal,
}

/// The figures of a month after its index and date, in the JSON field order.
pub const MONTH_COLUMNS: &[MonthColumn] = &[
    column("volume_factor", Measure::Factor, |month| month.volume_factor),
    column("price_factor", Measure::Factor, |month| month.price_factor),
    column("requests", Measure::Count, |month| month.requests),
    column("candidate_usage", Measure::Money, |month| month.candidate_usage),
    column("candidate_fees", Measure::Money, |month| month.candidate_fees),
    column("baseline_usage", Measure::Money, |month| month.baseline_usage),
    column("baseline_fees", Measure::Money, |month| month.baseline_fees),
    column("operations", Measure::Money, |month| month.operations),
    column("candidate_cost", Measure::Money, |month| month.candidate_cost),
    column("baseline_cost", Measure::Money, |month| month.baseline_cost),
    column("savings", Measure::Money, |month| month.savings),
    column("other_benefits", Measure::Money, |month| month.other_benefits),
    column("benefit", Measure::Money, |month| month.benefit),
    column("cumulative_benefit", Measure::Money, |month| month.cumulative_benefit),
];

const fn column(name: &'static str, measure: Measure, value: fn(&MonthRow) -> Decimal) -> MonthColumn {
    MonthColumn { name, measure, value }
}
