//! The typed model: every input of a case, validated, in the model's
//! currency. The engine computes from these types only; loading and
//! validation live in [`crate::input`].

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

/// A validated case with the offerings it uses.
#[derive(Debug, Clone)]
pub struct Model {
    pub name: String,
    /// ISO 4217 code of every money figure, e.g. `USD`.
    pub currency: String,
    /// Date of the assumptions.
    pub as_of: Option<NaiveDate>,
    /// First projected month.
    pub start: YearMonth,
    pub horizon_months: u32,
    pub deployment: Deployment,
    /// The candidate, the baseline and the alternatives, in that order and
    /// without repeats.
    pub offerings: Vec<Offering>,
    pub agents: Vec<Agent>,
    pub investment: Vec<InvestmentItem>,
    pub operations: Vec<OperationItem>,
    pub benefits: Vec<Benefit>,
    pub training: Option<TrainingData>,
    /// Share added to the year-1 budget, e.g. 0.2.
    pub contingency: Decimal,
    /// Annual effective discount rate of the NPV.
    pub discount_rate: Decimal,
    pub pricing_strategy: Option<PricingStrategy>,
    /// Units of the model's currency per unit of another currency.
    pub fx: Vec<FxRate>,
    pub scenarios: Vec<Scenario>,
}

impl Model {
    /// Finds the offering with this id.
    pub fn offering(&self, id: &str) -> Option<&Offering> {
        self.offerings.iter().find(|offering| offering.id == id)
    }

    pub fn candidate(&self) -> &Offering {
        &self.offerings[0]
    }

    pub fn baseline(&self) -> &Offering {
        self.offering(&self.deployment.baseline).unwrap_or(&self.offerings[0])
    }

    /// Total requests per month at base volume.
    pub fn base_requests(&self) -> Result<Decimal, crate::money::ArithmeticError> {
        crate::money::sum(self.agents.iter().map(|agent| agent.workload.requests_per_month))
    }
}

/// A calendar month, the unit of the projection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct YearMonth {
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
}

impl YearMonth {
    /// Returns the month `offset` months later.
    pub fn plus_months(self, offset: u32) -> YearMonth {
        let index = self.year as i64 * 12 + (self.month as i64 - 1) + offset as i64;
        YearMonth {
            year: (index.div_euclid(12)) as i32,
            month: (index.rem_euclid(12) + 1) as u32,
        }
    }
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The offerings the case compares.
#[derive(Debug, Clone)]
pub struct Deployment {
    /// The offering being evaluated.
    pub candidate: String,
    /// The offering it would replace.
    pub baseline: String,
    /// Other offerings shown side by side.
    pub alternatives: Vec<String>,
    /// Count that multiplies `monthly_fee` (one fine-tuned model per agent).
    pub models_deployed: u32,
}

/// One priced offering of a provider, with prices in the model's currency.
#[derive(Debug, Clone)]
pub struct Offering {
    pub id: String,
    pub provider: String,
    pub model: String,
    /// Currency the catalogue states the prices in.
    pub currency: String,
    /// Rate used to convert to the model's currency (1 when the same).
    pub fx_rate: Decimal,
    pub as_of: Option<NaiveDate>,
    pub source: Option<String>,
    pub usage: Usage,
    /// Fixed fee per month per deployed model.
    pub monthly_fee: Decimal,
    pub training: Option<TrainingPrice>,
    /// Negotiated share off every usage price.
    pub discount: Decimal,
    /// Share off usage prices for requests sent through a batch API.
    pub batch_discount: Decimal,
}

/// The way an offering prices usage.
#[derive(Debug, Clone)]
pub enum Usage {
    Tokens(TokenPricing),
    PerRequest(Decimal),
    Hourly(HourlyPricing),
}

impl Usage {
    /// Short name for tables and JSON: `tokens`, `per_request` or `hourly`.
    pub fn kind(&self) -> &'static str {
        match self {
            Usage::Tokens(_) => "tokens",
            Usage::PerRequest(_) => "per_request",
            Usage::Hourly(_) => "hourly",
        }
    }
}

/// Token prices, per 1,000,000 tokens.
#[derive(Debug, Clone)]
pub struct TokenPricing {
    pub base: TokenPrices,
    pub long_context: Option<LongContextTier>,
}

/// One set of token prices, per 1,000,000 tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenPrices {
    pub input_per_mtok: Decimal,
    pub output_per_mtok: Decimal,
    /// Absent: cached input bills at the input price.
    pub cache_read_per_mtok: Option<Decimal>,
    /// Absent: cache writes bill at the input price.
    pub cache_write_per_mtok: Option<Decimal>,
    /// Absent: reasoning tokens bill at the output price.
    pub reasoning_per_mtok: Option<Decimal>,
}

/// Prices for requests whose input is strictly above a threshold.
#[derive(Debug, Clone)]
pub struct LongContextTier {
    pub above_input_tokens: Decimal,
    /// The tier's prices. Input and output prices the tier leaves out keep
    /// the base price. Absent cache and reasoning prices fall back to the
    /// tier's own input and output prices.
    pub prices: TokenPrices,
}

/// Dedicated capacity billed by the hour.
#[derive(Debug, Clone)]
pub struct HourlyPricing {
    /// Price per replica-hour.
    pub hourly: Decimal,
    pub hours_per_month: Decimal,
    pub min_replicas: u32,
    /// Throughput of one replica; absent means a fixed `min_replicas`.
    pub requests_per_replica_hour: Option<Decimal>,
}

/// Fine-tuning prices of an offering.
#[derive(Debug, Clone)]
pub struct TrainingPrice {
    pub per_mtok: Decimal,
    /// Minimum charge per training job.
    pub minimum: Decimal,
}

/// One agent and its workload.
#[derive(Debug, Clone)]
pub struct Agent {
    pub name: String,
    pub workload: Workload,
}

/// The traffic of one agent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workload {
    pub requests_per_month: Decimal,
    /// Prompt tokens per request, cached ones included; required by token
    /// offerings only.
    pub input_tokens: Option<Decimal>,
    pub output_tokens: Option<Decimal>,
    pub cached_share: Decimal,
    pub cache_write_share: Decimal,
    pub reasoning_tokens: Decimal,
    pub batch_share: Decimal,
}

/// A one-time cost at month 0.
#[derive(Debug, Clone, Serialize)]
pub struct InvestmentItem {
    pub name: String,
    pub amount: Decimal,
    /// Already spent: excluded from the incremental investment.
    pub sunk: bool,
    pub hours: Option<Decimal>,
    pub rate: Option<Decimal>,
    pub note: Option<String>,
}

/// A recurring monthly cost borne by either option.
#[derive(Debug, Clone)]
pub struct OperationItem {
    pub name: String,
    pub monthly: Decimal,
    /// Larger amounts from a total volume on, ascending by `from_requests`.
    pub steps: Vec<CapacityStep>,
    pub note: Option<String>,
}

impl OperationItem {
    /// Returns the monthly amount at a total volume: the last step whose
    /// threshold the volume reaches, or the base amount.
    pub fn monthly_at(&self, requests: Decimal) -> Decimal {
        self.steps
            .iter()
            .rev()
            .find(|step| requests >= step.from_requests)
            .map_or(self.monthly, |step| step.monthly)
    }
}

/// An operations amount that applies from a total monthly volume on.
#[derive(Debug, Clone)]
pub struct CapacityStep {
    pub from_requests: Decimal,
    pub monthly: Decimal,
}

/// Value beyond cost savings, per month.
#[derive(Debug, Clone)]
pub struct Benefit {
    pub name: String,
    pub monthly: Decimal,
    /// Grows with the scenario's volume factor.
    pub scale_with_volume: bool,
    pub note: Option<String>,
}

/// The data used to estimate fine-tuning cost per deployed model.
#[derive(Debug, Clone)]
pub struct TrainingData {
    pub examples: Decimal,
    pub tokens_per_example: Decimal,
    pub epochs: Decimal,
}

impl TrainingData {
    /// Training tokens per deployed model.
    pub fn tokens(&self) -> Result<Decimal, crate::money::ArithmeticError> {
        crate::money::mul(crate::money::mul(self.examples, self.tokens_per_example)?, self.epochs)
    }
}

/// The optional competitive margin view.
#[derive(Debug, Clone)]
pub struct PricingStrategy {
    /// Our price per customer per month.
    pub customer_price: Decimal,
    /// The competitor's price per customer per month.
    pub competitor_price: Decimal,
    pub requests_per_customer: Decimal,
}

/// A conversion rate to the model's currency.
#[derive(Debug, Clone, Serialize)]
pub struct FxRate {
    pub currency: String,
    /// Units of the model's currency per unit of `currency`.
    pub rate: Decimal,
}

/// The way annual growth is spread over months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Compounding {
    /// One step at the start of each projection year.
    Yearly,
    /// A constant monthly rate that compounds to the annual rate.
    Monthly,
}

impl Compounding {
    pub fn as_str(self) -> &'static str {
        match self {
            Compounding::Yearly => "yearly",
            Compounding::Monthly => "monthly",
        }
    }
}

/// A growth scenario.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub name: String,
    /// Annual effective volume growth.
    pub growth: Decimal,
    pub compounding: Compounding,
    /// Annual change of every usage price, compounded like growth.
    pub price_change: Decimal,
    pub note: Option<String>,
}
