//! Figures as the reports carry them: a decimal, or the reason it cannot be
//! computed, and the kind that decides how a figure is displayed.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::money;
use crate::result::Unavailable;

/// A figure of a report: a value, or the reason it cannot be computed.
///
/// A value serialises as a normalised decimal string (`"0.0024"`); a missing
/// figure as `{"missing": "reason"}`, which the template filters show as
/// "n/a (reason)".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Figure {
    Value(Decimal),
    Missing(String),
}

impl Figure {
    /// Converts an optional engine result, taking the reason the engine
    /// recorded under `key` when it is `None`.
    pub fn from_engine(value: Option<Decimal>, unavailable: &Unavailable, key: &str) -> Figure {
        match value {
            Some(value) => Figure::Value(value),
            None => Figure::Missing(
                unavailable
                    .get(key)
                    .cloned()
                    .unwrap_or_else(|| "not computed".to_string()),
            ),
        }
    }

    /// `numerator ÷ denominator`, or missing with `zero_reason` when the
    /// denominator is zero.
    pub fn ratio(numerator: Decimal, denominator: Decimal, zero_reason: &str) -> Figure {
        if denominator.is_zero() {
            return Figure::Missing(zero_reason.to_string());
        }
        match money::div(numerator, denominator) {
            Ok(value) => Figure::Value(value),
            Err(error) => Figure::Missing(error.to_string()),
        }
    }

    /// Returns the value, when the figure has one.
    pub fn value(&self) -> Option<Decimal> {
        match self {
            Figure::Value(value) => Some(*value),
            Figure::Missing(_) => None,
        }
    }

    /// Returns the reason a figure is missing, when it is.
    pub fn missing_reason(&self) -> Option<&str> {
        match self {
            Figure::Value(_) => None,
            Figure::Missing(reason) => Some(reason),
        }
    }
}

impl Serialize for Figure {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            Figure::Value(value) => serializer.serialize_str(&value.normalize().to_string()),
            Figure::Missing(reason) => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("missing", reason)?;
                map.end()
            }
        }
    }
}

/// Parses a decimal as the view model serialises it. A `Decimal` can print
/// 29 significant digits, one more than input files may use, so the text
/// is read back exactly before the stricter input parser is tried.
pub fn parse_figure(text: &str) -> Result<Decimal, String> {
    let text = text.trim();
    Decimal::from_str_exact(text).or_else(|_| crate::input::read::parse_decimal(text))
}

/// The display format of a figure. The `figure` template filter takes it
/// by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    /// Money to the cent: `$7,560.00`.
    Money,
    /// A per-request price to four significant digits: `$0.0024`.
    UnitPrice,
    /// A fraction shown as a percentage: 0.84 is `84%`.
    Share,
    /// A value already in percent: 20 is `20%`.
    Percent,
    /// An annual rate capped for display at `> 1,000%`.
    AnnualRate,
    /// A multiple: `1,260x`.
    Multiple,
    /// A duration in months, shown with days and hours.
    Months,
    /// A whole count of months: `12 months`.
    MonthCount,
    /// A duration in hours.
    Hours,
    /// A duration in days.
    Days,
    /// A quality score out of 10.
    Score,
    /// A difference of quality scores, signed: `+0.4 points`.
    ScorePoints,
    /// A latency in seconds.
    Seconds,
    /// A plain number with thousands separators.
    Number,
}

impl FigureKind {
    /// Returns the name the `figure` filter takes, as serialised.
    pub fn name(self) -> &'static str {
        match self {
            FigureKind::Money => "money",
            FigureKind::UnitPrice => "unit_price",
            FigureKind::Share => "share",
            FigureKind::Percent => "percent",
            FigureKind::AnnualRate => "annual_rate",
            FigureKind::Multiple => "multiple",
            FigureKind::Months => "months",
            FigureKind::MonthCount => "month_count",
            FigureKind::Hours => "hours",
            FigureKind::Days => "days",
            FigureKind::Score => "score",
            FigureKind::ScorePoints => "score_points",
            FigureKind::Seconds => "seconds",
            FigureKind::Number => "number",
        }
    }

    /// Parses a kind by the name [`FigureKind::name`] returns.
    pub fn from_name(name: &str) -> Option<FigureKind> {
        ALL_KINDS.iter().copied().find(|kind| kind.name() == name)
    }

    /// Infers the kind of a figure from the key that names it in the report's
    /// figures (`cost_per_request`, `savings_share`, `payback_hours`, ...).
    /// Keys that match no money or ratio pattern are plain numbers.
    pub fn of_key(key: &str) -> FigureKind {
        if key.ends_with("cost_per_request") || key == "saving_per_request" {
            return FigureKind::UnitPrice;
        }

        if key.starts_with("payback_months") {
            return FigureKind::Months;
        }
        if key.starts_with("payback_hours") {
            return FigureKind::Hours;
        }
        if key.starts_with("payback_days") {
            return FigureKind::Days;
        }

        if key.starts_with("roi_percent") {
            return FigureKind::Percent;
        }
        if key == "irr" {
            return FigureKind::AnnualRate;
        }
        if key.contains("multiple") {
            return FigureKind::Multiple;
        }
        if key.ends_with("share") || key.ends_with("_rate") || matches!(key, "growth" | "price_change") {
            return FigureKind::Share;
        }

        if key.contains("requests") || matches!(key, "replicas" | "models" | "factor" | "year" | "months") {
            return FigureKind::Number;
        }

        const MONEY_WORDS: &[&str] = &[
            "cost",
            "savings",
            "benefit",
            "monthly",
            "annual",
            "total",
            "margin",
            "contingency",
            "npv",
            "estimate",
            "amount",
            "price",
            "incremental",
            "sunk",
            "value",
            "minimum",
            "per_mtok",
            "spend",
        ];
        if MONEY_WORDS.iter().any(|word| key.contains(word)) {
            return FigureKind::Money;
        }
        FigureKind::Number
    }
}

const ALL_KINDS: &[FigureKind] = &[
    FigureKind::Money,
    FigureKind::UnitPrice,
    FigureKind::Share,
    FigureKind::Percent,
    FigureKind::AnnualRate,
    FigureKind::Multiple,
    FigureKind::Months,
    FigureKind::MonthCount,
    FigureKind::Hours,
    FigureKind::Days,
    FigureKind::Score,
    FigureKind::ScorePoints,
    FigureKind::Seconds,
    FigureKind::Number,
];

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn ratio_by_zero_is_missing() {
        assert_eq!(
            Figure::ratio(dec!(1), dec!(0), "no investment"),
            Figure::Missing("no investment".into())
        );
        assert_eq!(Figure::ratio(dec!(7560), dec!(6), ""), Figure::Value(dec!(1260)));
    }

    #[test]
    fn figure_serialises_value_or_reason() {
        let value = serde_json::to_string(&Figure::Value(dec!(3.50))).unwrap();
        assert_eq!(value, "\"3.5\"");
        let missing = serde_json::to_string(&Figure::Missing("no requests".into())).unwrap();
        assert_eq!(missing, "{\"missing\":\"no requests\"}");
    }

    #[test]
    fn kind_follows_key_name() {
        let cases = [
            ("cost_per_request", FigureKind::UnitPrice),
            ("payback_hours_incremental", FigureKind::Hours),
            ("payback_months", FigureKind::Months),
            ("savings_multiple_incremental", FigureKind::Multiple),
            ("savings_share", FigureKind::Share),
            ("margin_share", FigureKind::Share),
            ("roi_percent", FigureKind::Percent),
            ("irr", FigureKind::AnnualRate),
            ("requests_per_month", FigureKind::Number),
            ("training_estimate", FigureKind::Money),
            ("savings", FigureKind::Money),
            ("contingency", FigureKind::Money),
            ("contingency_rate", FigureKind::Share),
        ];
        for (key, kind) in cases {
            assert_eq!(FigureKind::of_key(key), kind, "{key}");
        }
    }

    #[test]
    fn parse_figure_reads_what_decimal_prints() {
        let value = dec!(1417.5) / dec!(12);
        assert_eq!(parse_figure(&value.to_string()), Ok(value));
        assert_eq!(parse_figure("2.5e-06"), Ok(dec!(0.0000025)));
        assert!(parse_figure("twelve").is_err());
    }

    #[test]
    fn kind_names_round_trip() {
        for kind in ALL_KINDS {
            assert_eq!(FigureKind::from_name(kind.name()), Some(*kind));
        }
    }
}
