//! The projection: the one result model every output renders.
//!
//! Money, volumes and ratios are `Decimal` at full precision and serialise
//! as normalised decimal strings (`"228"`, `"0.0024"`). A figure that cannot
//! be computed is `None` (JSON `null`) and its reason is in the enclosing
//! object's `unavailable` map under the figure's key.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::input::Override;
use crate::model::{Compounding, FxRate, InvestmentItem};

/// Version of the JSON layout; it changes when a key is renamed or removed.
pub const SCHEMA_VERSION: u32 = 1;

/// Serialises decimals as normalised strings.
pub mod dec {
    use rust_decimal::Decimal;
    use serde::Serializer;

    pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&value.normalize().to_string())
    }
}

/// Serialises optional decimals as normalised strings or `null`.
pub mod dec_opt {
    use rust_decimal::Decimal;
    use serde::Serializer;

    pub fn serialize<S: Serializer>(value: &Option<Decimal>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.serialize_str(&value.normalize().to_string()),
            None => serializer.serialize_none(),
        }
    }
}

/// Reasons for figures that are `null`, keyed by the figure's JSON key.
pub type Unavailable = BTreeMap<String, String>;

/// Everything `roi project` computes for one model.
#[derive(Debug, Clone, Serialize)]
pub struct Projection {
    pub schema_version: u32,
    pub model: String,
    pub currency: String,
    /// Date of the assumptions, `YYYY-MM-DD`.
    pub as_of: Option<String>,
    /// First projected month, `YYYY-MM`.
    pub start: String,
    pub horizon_months: u32,
    pub overrides: Vec<Override>,
    pub candidate: String,
    pub baseline: String,
    pub base_requests_per_month: DecimalValue,
    pub offerings: Vec<OfferingSummary>,
    pub investment: InvestmentSummary,
    /// Operations items at base volume, per month.
    #[serde(with = "dec")]
    pub operations_monthly: Decimal,
    pub operations: Vec<OperationLine>,
    /// Twelve months of the candidate at base volume, plus contingency.
    #[serde(with = "dec")]
    pub budget_year1: Decimal,
    pub budget: Budget,
    #[serde(with = "dec_opt")]
    pub break_even_requests_per_month: Option<Decimal>,
    pub benefits: Vec<BenefitLine>,
    #[serde(with = "dec")]
    pub benefits_monthly: Decimal,
    pub scaling: Scaling,
    pub margin: Option<Margin>,
    pub training: Vec<TrainingLine>,
    pub fx: Vec<FxRate>,
    #[serde(with = "dec")]
    pub discount_rate: Decimal,
    #[serde(with = "dec")]
    pub contingency: Decimal,
    pub scenarios: Vec<ScenarioResult>,
    pub warnings: Vec<String>,
    pub unavailable: Unavailable,
}

/// A decimal serialised as a normalised string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct DecimalValue(#[serde(with = "dec")] pub Decimal);

/// One offering at base volume, side by side with the others.
#[derive(Debug, Clone, Serialize)]
pub struct OfferingSummary {
    pub id: String,
    pub provider: String,
    pub model: String,
    /// `candidate`, `baseline` or `alternative`.
    pub role: String,
    /// `tokens`, `per_request` or `hourly`.
    pub pricing: String,
    /// Usage cost per request at base volume, without fees or operations;
    /// `null` when there are no requests.
    #[serde(with = "dec_opt")]
    pub cost_per_request: Option<Decimal>,
    /// First month at base volume: usage, fees and operations.
    #[serde(with = "dec")]
    pub monthly_cost: Decimal,
    /// Twelve times `monthly_cost`.
    #[serde(with = "dec")]
    pub annual_cost: Decimal,
    #[serde(with = "dec")]
    pub usage_monthly: Decimal,
    /// `monthly_fee` × `models_deployed`.
    #[serde(with = "dec")]
    pub fees_monthly: Decimal,
    /// Replicas at base volume, for hourly offerings.
    #[serde(with = "dec_opt")]
    pub replicas: Option<Decimal>,
    /// Fine-tuning estimate for the case's training data, when the offering
    /// has a training price and the case has `[training]`.
    #[serde(with = "dec_opt")]
    pub training_estimate: Option<Decimal>,
    /// Currency the catalogue quotes, and the rate applied to convert it.
    pub price_currency: String,
    #[serde(with = "dec")]
    pub fx_rate: Decimal,
    pub as_of: Option<String>,
    pub source: Option<String>,
    pub unavailable: Unavailable,
}

#[derive(Debug, Clone, Serialize)]
pub struct InvestmentSummary {
    #[serde(with = "dec")]
    pub total: Decimal,
    /// Items that are not sunk.
    #[serde(with = "dec")]
    pub incremental: Decimal,
    #[serde(with = "dec")]
    pub sunk: Decimal,
    pub items: Vec<InvestmentLine>,
}

#[derive(Debug, Clone, Serialize)]
pub struct InvestmentLine {
    pub name: String,
    #[serde(with = "dec")]
    pub amount: Decimal,
    pub sunk: bool,
    #[serde(with = "dec_opt")]
    pub hours: Option<Decimal>,
    #[serde(with = "dec_opt")]
    pub rate: Option<Decimal>,
    pub note: Option<String>,
}

impl From<&InvestmentItem> for InvestmentLine {
    fn from(item: &InvestmentItem) -> Self {
        InvestmentLine {
            name: item.name.clone(),
            amount: item.amount,
            sunk: item.sunk,
            hours: item.hours,
            rate: item.rate,
            note: item.note.clone(),
        }
    }
}

/// One operations item at base volume and at the scaled volume.
#[derive(Debug, Clone, Serialize)]
pub struct OperationLine {
    pub name: String,
    #[serde(with = "dec")]
    pub monthly: Decimal,
    #[serde(with = "dec")]
    pub scaled_monthly: Decimal,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BenefitLine {
    pub name: String,
    #[serde(with = "dec")]
    pub monthly: Decimal,
    #[serde(with = "dec")]
    pub annual: Decimal,
    pub scale_with_volume: bool,
    pub note: Option<String>,
}

/// The year-1 budget of the candidate.
#[derive(Debug, Clone, Serialize)]
pub struct Budget {
    #[serde(with = "dec")]
    pub monthly: Decimal,
    #[serde(with = "dec")]
    pub annual: Decimal,
    #[serde(with = "dec")]
    pub contingency_rate: Decimal,
    #[serde(with = "dec")]
    pub contingency: Decimal,
    #[serde(with = "dec")]
    pub total: Decimal,
}

/// Costs at a multiple of the base volume.
#[derive(Debug, Clone, Serialize)]
pub struct Scaling {
    #[serde(with = "dec")]
    pub factor: Decimal,
    #[serde(with = "dec")]
    pub requests_per_month: Decimal,
    pub offerings: Vec<ScaledOffering>,
    #[serde(with = "dec")]
    pub candidate_monthly: Decimal,
    #[serde(with = "dec")]
    pub baseline_monthly: Decimal,
    #[serde(with = "dec")]
    pub savings_monthly: Decimal,
    #[serde(with = "dec")]
    pub savings_annual: Decimal,
    /// Savings as a share of the baseline cost; `null` when the baseline is free.
    #[serde(with = "dec_opt")]
    pub savings_share: Option<Decimal>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScaledOffering {
    pub id: String,
    #[serde(with = "dec")]
    pub monthly_cost: Decimal,
    #[serde(with = "dec")]
    pub annual_cost: Decimal,
}

/// Margin per customer: our price against the competitor's.
#[derive(Debug, Clone, Serialize)]
pub struct Margin {
    #[serde(with = "dec")]
    pub requests_per_customer: Decimal,
    pub candidate: MarginLine,
    pub baseline: MarginLine,
}

#[derive(Debug, Clone, Serialize)]
pub struct MarginLine {
    pub offering: String,
    #[serde(with = "dec")]
    pub price: Decimal,
    /// Usage cost of `requests_per_customer` requests.
    #[serde(with = "dec")]
    pub cost: Decimal,
    #[serde(with = "dec")]
    pub margin: Decimal,
    /// `margin ÷ price` as a fraction.
    #[serde(with = "dec")]
    pub margin_share: Decimal,
}

/// The fine-tuning estimate of one offering.
#[derive(Debug, Clone, Serialize)]
pub struct TrainingLine {
    pub id: String,
    pub provider: String,
    pub model: String,
    #[serde(with = "dec")]
    pub tokens_per_model: Decimal,
    pub models: u32,
    #[serde(with = "dec")]
    pub per_mtok: Decimal,
    #[serde(with = "dec")]
    pub minimum: Decimal,
    #[serde(with = "dec")]
    pub estimate: Decimal,
}

/// One scenario's projection and headline figures.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioResult {
    pub name: String,
    #[serde(with = "dec")]
    pub growth: Decimal,
    pub compounding: Compounding,
    #[serde(with = "dec")]
    pub price_change: Decimal,
    pub years: Vec<YearRow>,
    pub months: Vec<MonthRow>,
    pub totals: Totals,
    /// Horizon total of every offering, usage, fees and operations included.
    pub offering_totals: Vec<OfferingTotal>,
    /// Cumulative benefit ÷ total investment.
    #[serde(with = "dec_opt")]
    pub return_multiple: Option<Decimal>,
    /// Cumulative benefit ÷ incremental investment.
    #[serde(with = "dec_opt")]
    pub return_multiple_incremental: Option<Decimal>,
    /// (Cumulative benefit − investment) ÷ investment × 100.
    #[serde(with = "dec_opt")]
    pub roi_percent: Option<Decimal>,
    #[serde(with = "dec_opt")]
    pub roi_percent_incremental: Option<Decimal>,
    /// Months until the cumulative benefit reaches the total investment.
    #[serde(with = "dec_opt")]
    pub payback_months: Option<Decimal>,
    #[serde(with = "dec_opt")]
    pub payback_days: Option<Decimal>,
    #[serde(with = "dec_opt")]
    pub payback_hours: Option<Decimal>,
    /// Months until the cumulative benefit reaches the incremental investment.
    #[serde(with = "dec_opt")]
    pub payback_months_incremental: Option<Decimal>,
    #[serde(with = "dec_opt")]
    pub payback_days_incremental: Option<Decimal>,
    #[serde(with = "dec_opt")]
    pub payback_hours_incremental: Option<Decimal>,
    #[serde(with = "dec")]
    pub npv: Decimal,
    /// Annual effective internal rate of return of the monthly flows.
    #[serde(with = "dec_opt")]
    pub irr: Option<Decimal>,
    pub unavailable: Unavailable,
}

/// One projection year (the last one may be partial).
#[derive(Debug, Clone, Serialize)]
pub struct YearRow {
    pub year: u32,
    /// Months in this year: 12, or fewer for a partial last year.
    pub months: u32,
    /// Average total requests per month over the year's months.
    #[serde(with = "dec")]
    pub requests_per_month: Decimal,
    #[serde(with = "dec")]
    pub candidate_cost: Decimal,
    #[serde(with = "dec")]
    pub baseline_cost: Decimal,
    #[serde(with = "dec")]
    pub savings: Decimal,
    #[serde(with = "dec")]
    pub benefit: Decimal,
    #[serde(with = "dec")]
    pub cumulative_benefit: Decimal,
    #[serde(with = "dec_opt")]
    pub return_multiple: Option<Decimal>,
    /// Cumulative benefit ÷ incremental investment.
    #[serde(with = "dec_opt")]
    pub return_multiple_incremental: Option<Decimal>,
}

/// One projected month.
#[derive(Debug, Clone, Serialize)]
pub struct MonthRow {
    /// 1 for the first projected month.
    pub month: u32,
    /// Calendar month, `YYYY-MM`.
    pub date: String,
    #[serde(with = "dec")]
    pub volume_factor: Decimal,
    #[serde(with = "dec")]
    pub price_factor: Decimal,
    #[serde(with = "dec")]
    pub requests: Decimal,
    #[serde(with = "dec")]
    pub candidate_usage: Decimal,
    #[serde(with = "dec")]
    pub candidate_fees: Decimal,
    #[serde(with = "dec")]
    pub baseline_usage: Decimal,
    #[serde(with = "dec")]
    pub baseline_fees: Decimal,
    #[serde(with = "dec")]
    pub operations: Decimal,
    #[serde(with = "dec")]
    pub candidate_cost: Decimal,
    #[serde(with = "dec")]
    pub baseline_cost: Decimal,
    #[serde(with = "dec")]
    pub savings: Decimal,
    /// Benefits beyond savings (the `[benefits]` items).
    #[serde(with = "dec")]
    pub other_benefits: Decimal,
    /// Savings plus other benefits.
    #[serde(with = "dec")]
    pub benefit: Decimal,
    #[serde(with = "dec")]
    pub cumulative_benefit: Decimal,
}

#[derive(Debug, Clone, Serialize)]
pub struct Totals {
    #[serde(with = "dec")]
    pub candidate_cost: Decimal,
    #[serde(with = "dec")]
    pub baseline_cost: Decimal,
    #[serde(with = "dec")]
    pub savings: Decimal,
    #[serde(with = "dec")]
    pub benefit: Decimal,
}

#[derive(Debug, Clone, Serialize)]
pub struct OfferingTotal {
    pub id: String,
    #[serde(with = "dec")]
    pub total_cost: Decimal,
}

impl Projection {
    pub fn scenario(&self, name: &str) -> Option<&ScenarioResult> {
        self.scenarios.iter().find(|scenario| scenario.name == name)
    }

    pub fn offering(&self, id: &str) -> Option<&OfferingSummary> {
        self.offerings.iter().find(|offering| offering.id == id)
    }
}
