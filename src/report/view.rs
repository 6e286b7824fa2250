//! The report's figures: the engine's projection arranged for the two
//! reports, with the comparisons they state (savings shares, multiples on
//! the incremental investment, the budget against the baseline) computed
//! here with checked decimals. Templates only arrange these figures, and
//! claims name them by path.

use rust_decimal::Decimal;
use serde::Serialize;

use super::figure::Figure;
use crate::metrics;
use crate::model::{FxRate, Model};
use crate::money::{self, ArithmeticError};
use crate::result::{
    BenefitLine, InvestmentSummary, MarginLine, OfferingSummary, Projection, ScenarioResult, Totals, dec, dec_opt,
};

/// Every figure the reports show.
#[derive(Debug, Clone, Serialize)]
pub struct Figures<'a> {
    pub model: &'a str,
    pub currency: &'a str,
    /// First projected month, `YYYY-MM`.
    pub start: &'a str,
    pub horizon_months: u32,
    #[serde(with = "dec")]
    pub base_requests_per_month: Decimal,
    pub agents: Vec<AgentLine>,
    pub candidate: OfferingRef<'a>,
    pub baseline: OfferingRef<'a>,
    pub base: BaseComparison,
    pub offerings: Vec<OfferingRow<'a>>,
    /// Ids of the offerings that are neither the candidate nor the baseline.
    pub alternatives: Vec<&'a str>,
    /// Distinct providers of the offerings, in order of first appearance.
    pub providers: Vec<&'a str>,
    pub investment: &'a InvestmentSummary,
    /// Operations items at base volume, per month.
    #[serde(with = "dec")]
    pub operations_monthly: Decimal,
    pub training: TrainingView<'a>,
    pub operating: OperatingView,
    pub benefits: BenefitsView<'a>,
    pub margin: MarginView<'a>,
    pub scaling: ScalingView<'a>,
    pub budget: BudgetView,
    pub break_even: BreakEven,
    pub finance: FinanceView,
    pub scenarios: Vec<ScenarioView<'a>>,
    /// Scenarios grouped by equal payback, for one sentence per group.
    pub payback_groups: Vec<PaybackGroup>,
    pub fx: &'a [FxRate],
    pub warnings: &'a [String],
}

/// One agent's volume at base.
#[derive(Debug, Clone, Serialize)]
pub struct AgentLine {
    pub name: String,
    #[serde(with = "dec")]
    pub requests_per_month: Decimal,
}

/// The identity of an offering.
#[derive(Debug, Clone, Serialize)]
pub struct OfferingRef<'a> {
    pub id: &'a str,
    pub provider: &'a str,
    pub model: &'a str,
}

/// The candidate against the baseline in the first month at base volume.
#[derive(Debug, Clone, Serialize)]
pub struct BaseComparison {
    pub candidate_cost_per_request: Figure,
    pub baseline_cost_per_request: Figure,
    /// Baseline minus candidate, per request.
    pub saving_per_request: Figure,
    /// The saving as a share of the baseline's cost per request.
    pub saving_per_request_share: Figure,
    /// The candidate's cost per request relative to the baseline's.
    pub per_request: Change,
    /// The candidate's monthly cost relative to the baseline's.
    pub monthly: Change,
    /// Whether the candidate costs less than the baseline per month.
    pub cheaper: bool,
    #[serde(with = "dec")]
    pub candidate_monthly: Decimal,
    #[serde(with = "dec")]
    pub baseline_monthly: Decimal,
    #[serde(with = "dec")]
    pub savings_monthly: Decimal,
    /// Savings as a share of the baseline's monthly cost.
    pub savings_share: Figure,
    #[serde(with = "dec")]
    pub candidate_annual: Decimal,
    #[serde(with = "dec")]
    pub baseline_annual: Decimal,
    #[serde(with = "dec")]
    pub savings_annual: Decimal,
    #[serde(with = "dec")]
    pub benefits_monthly: Decimal,
    #[serde(with = "dec")]
    pub benefits_annual: Decimal,
    /// Annual savings plus annual benefits.
    #[serde(with = "dec")]
    pub value_annual: Decimal,
    /// Annual savings ÷ incremental investment.
    pub savings_annual_multiple_incremental: Figure,
    /// Annual value ÷ incremental investment.
    pub value_annual_multiple_incremental: Figure,
    /// Annual value ÷ total investment.
    pub value_annual_multiple: Figure,
}

/// The comparison of the candidate with the baseline in terms a sentence
/// can use: the direction and the size of the difference.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// `lower`, `higher` or `unchanged`: the candidate against the baseline.
    pub direction: &'static str,
    /// The size of the difference, never negative.
    pub difference: Figure,
    /// The difference as a share of the baseline, never negative.
    pub share: Figure,
}

impl Change {
    /// Compares a candidate figure with a baseline figure.
    pub fn between(candidate: &Figure, baseline: &Figure) -> Result<Change, ArithmeticError> {
        let (Some(candidate), Some(baseline)) = (candidate.value(), baseline.value()) else {
            let missing = Figure::Missing("no figure to compare".to_string());
            return Ok(Change {
                direction: "unchanged",
                difference: missing.clone(),
                share: missing,
            });
        };
        let difference = money::sub(baseline, candidate)?;
        let direction = if difference > Decimal::ZERO {
            "lower"
        } else if difference < Decimal::ZERO {
            "higher"
        } else {
            "unchanged"
        };
        Ok(Change {
            direction,
            difference: Figure::Value(difference.abs()),
            share: Figure::ratio(difference.abs(), baseline.abs(), "the baseline is zero"),
        })
    }
}

/// One offering side by side with the others.
#[derive(Debug, Clone, Serialize)]
pub struct OfferingRow<'a> {
    pub id: &'a str,
    pub provider: &'a str,
    pub model: &'a str,
    /// `candidate`, `baseline` or `alternative`.
    pub role: &'a str,
    /// `tokens`, `per_request` or `hourly`.
    pub pricing: &'a str,
    pub cost_per_request: Figure,
    #[serde(with = "dec")]
    pub monthly_cost: Decimal,
    #[serde(with = "dec")]
    pub annual_cost: Decimal,
    #[serde(with = "dec")]
    pub usage_monthly: Decimal,
    #[serde(with = "dec")]
    pub fees_monthly: Decimal,
    #[serde(with = "dec_opt")]
    pub replicas: Option<Decimal>,
    pub training_estimate: Figure,
    /// Total cost over the horizon, one per scenario in scenario order.
    pub horizon_costs: Vec<HorizonCost<'a>>,
    pub as_of: Option<&'a str>,
    pub source: Option<&'a str>,
    pub price_currency: &'a str,
    #[serde(with = "dec")]
    pub fx_rate: Decimal,
}

#[derive(Debug, Clone, Serialize)]
pub struct HorizonCost<'a> {
    pub scenario: &'a str,
    pub total_cost: Figure,
}

/// Fine-tuning cost of every offering for the case's training data.
#[derive(Debug, Clone, Serialize)]
pub struct TrainingView<'a> {
    /// The case's training data; `None` without `[training]`.
    pub data: Option<TrainingDataView>,
    /// Offerings with a training price.
    pub rows: Vec<TrainingRow<'a>>,
    /// Offerings without a training price.
    pub unpriced: Vec<&'a str>,
    /// The candidate's actual training spend: the investment item named
    /// `training`.
    pub spend: Figure,
}

#[derive(Debug, Clone, Serialize)]
pub struct TrainingDataView {
    #[serde(with = "dec")]
    pub examples: Decimal,
    #[serde(with = "dec")]
    pub tokens_per_example: Decimal,
    #[serde(with = "dec")]
    pub epochs: Decimal,
    #[serde(with = "dec")]
    pub tokens_per_model: Decimal,
    pub models: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct TrainingRow<'a> {
    pub id: &'a str,
    pub provider: &'a str,
    pub model: &'a str,
    #[serde(with = "dec")]
    pub per_mtok: Decimal,
    #[serde(with = "dec")]
    pub minimum: Decimal,
    /// For every deployed model.
    #[serde(with = "dec")]
    pub estimate: Decimal,
}

/// Monthly operating costs at base volume, line by line.
#[derive(Debug, Clone, Serialize)]
pub struct OperatingView {
    pub lines: Vec<OperatingLine>,
    pub total: OperatingLine,
}

#[derive(Debug, Clone, Serialize)]
pub struct OperatingLine {
    pub name: String,
    #[serde(with = "dec")]
    pub candidate: Decimal,
    #[serde(with = "dec")]
    pub baseline: Decimal,
    /// Baseline minus candidate.
    #[serde(with = "dec")]
    pub difference: Decimal,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BenefitsView<'a> {
    pub lines: &'a [BenefitLine],
    #[serde(with = "dec")]
    pub monthly: Decimal,
    #[serde(with = "dec")]
    pub annual: Decimal,
}

/// The margin per customer, ours against the competitor's.
#[derive(Debug, Clone, Serialize)]
pub struct MarginView<'a> {
    pub available: bool,
    /// The reason the view is absent, when it is.
    pub missing: Option<String>,
    #[serde(with = "dec_opt")]
    pub requests_per_customer: Option<Decimal>,
    pub candidate: Option<&'a MarginLine>,
    pub baseline: Option<&'a MarginLine>,
    /// Whether either margin is below zero.
    pub negative: bool,
}

/// Costs at a multiple of the base volume.
#[derive(Debug, Clone, Serialize)]
pub struct ScalingView<'a> {
    #[serde(with = "dec")]
    pub factor: Decimal,
    #[serde(with = "dec")]
    pub requests_per_month: Decimal,
    #[serde(with = "dec")]
    pub candidate_monthly: Decimal,
    #[serde(with = "dec")]
    pub baseline_monthly: Decimal,
    #[serde(with = "dec")]
    pub savings_monthly: Decimal,
    #[serde(with = "dec")]
    pub savings_annual: Decimal,
    pub savings_share: Figure,
    pub operations: Vec<ScaledOperation<'a>>,
    pub offerings: Vec<ScaledOfferingRow<'a>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScaledOperation<'a> {
    pub name: &'a str,
    #[serde(with = "dec")]
    pub monthly: Decimal,
    #[serde(with = "dec")]
    pub scaled_monthly: Decimal,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScaledOfferingRow<'a> {
    pub id: &'a str,
    pub provider: &'a str,
    pub role: &'a str,
    #[serde(with = "dec")]
    pub base_monthly: Decimal,
    #[serde(with = "dec")]
    pub monthly_cost: Decimal,
    #[serde(with = "dec")]
    pub annual_cost: Decimal,
}

/// The year-1 budget of the candidate against the baseline's annual cost.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetView {
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
    #[serde(with = "dec")]
    pub baseline_annual: Decimal,
    /// Baseline annual cost minus the budget, contingency included.
    #[serde(with = "dec")]
    pub savings_vs_baseline: Decimal,
    pub savings_vs_baseline_share: Figure,
}

/// The break-even volume.
#[derive(Debug, Clone, Serialize)]
pub struct BreakEven {
    pub requests_per_month: Figure,
    /// Whether the candidate is cheaper at every positive volume.
    pub always_cheaper: bool,
    /// The break-even volume as a multiple of the base volume.
    pub base_volume_multiple: Figure,
}

#[derive(Debug, Clone, Serialize)]
pub struct FinanceView {
    #[serde(with = "dec")]
    pub discount_rate: Decimal,
    /// `(1 + discount_rate)^(1/12) − 1`.
    pub monthly_discount_rate: Figure,
}

/// One scenario: the yearly projection and the headline figures.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioView<'a> {
    pub name: &'a str,
    #[serde(with = "dec")]
    pub growth: Decimal,
    pub compounding: &'static str,
    #[serde(with = "dec")]
    pub price_change: Decimal,
    /// Usage prices in the last month as a multiple of the first month's.
    #[serde(with = "dec")]
    pub final_price_factor: Decimal,
    /// Total requests in the last month.
    #[serde(with = "dec")]
    pub final_requests_per_month: Decimal,
    pub note: Option<&'a str>,
    pub years: Vec<YearView>,
    pub totals: &'a Totals,
    /// Total savings ÷ incremental investment.
    pub savings_multiple_incremental: Figure,
    pub return_multiple: Figure,
    pub return_multiple_incremental: Figure,
    pub roi_percent: Figure,
    pub roi_percent_incremental: Figure,
    pub payback_months: Figure,
    pub payback_days: Figure,
    pub payback_hours: Figure,
    pub payback_months_incremental: Figure,
    pub payback_hours_incremental: Figure,
    #[serde(with = "dec")]
    pub npv: Decimal,
    pub irr: Figure,
    /// The chart of annual costs, relative to the reports.
    pub annual_cost_chart: String,
}

/// One projection year with cumulative multiples.
#[derive(Debug, Clone, Serialize)]
pub struct YearView {
    pub year: u32,
    pub months: u32,
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
    pub cumulative_savings: Decimal,
    #[serde(with = "dec")]
    pub cumulative_benefit: Decimal,
    /// Cumulative benefit ÷ total investment.
    pub return_multiple: Figure,
    /// Cumulative benefit ÷ incremental investment.
    pub return_multiple_incremental: Figure,
    /// Cumulative savings ÷ incremental investment.
    pub savings_multiple_incremental: Figure,
}

/// Scenarios that share one payback.
#[derive(Debug, Clone, Serialize)]
pub struct PaybackGroup {
    pub scenarios: Vec<String>,
    pub payback_months: Figure,
    pub payback_months_incremental: Figure,
}

const NO_INVESTMENT: &str = "no investment";
const NO_INCREMENTAL: &str = "no incremental investment: every item is sunk or there is none";

/// Arranges the projection of `model` for the reports. `annual_cost_charts`
/// contains the chart path of each scenario, in scenario order.
pub fn figures<'a>(
    model: &'a Model,
    projection: &'a Projection,
    annual_cost_charts: &[String],
) -> Result<Figures<'a>, ArithmeticError> {
    let candidate = find_offering(projection, &projection.candidate);
    let baseline = find_offering(projection, &projection.baseline);
    let investment = &projection.investment;
    let base = base_comparison(projection, candidate, baseline)?;

    let mut scenarios = Vec::new();
    for (position, scenario) in projection.scenarios.iter().enumerate() {
        let chart = annual_cost_charts.get(position).cloned().unwrap_or_default();
        scenarios.push(scenario_view(model, scenario, investment, chart)?);
    }

    let mut providers: Vec<&str> = Vec::new();
    for offering in &projection.offerings {
        if !providers.contains(&offering.provider.as_str()) {
            providers.push(&offering.provider);
        }
    }

    Ok(Figures {
        model: &projection.model,
        currency: &projection.currency,
        start: &projection.start,
        horizon_months: projection.horizon_months,
        base_requests_per_month: projection.base_requests_per_month.0,
        agents: model
            .agents
            .iter()
            .map(|agent| AgentLine {
                name: agent.name.clone(),
                requests_per_month: agent.workload.requests_per_month,
            })
            .collect(),
        candidate: offering_ref(candidate),
        baseline: offering_ref(baseline),
        offerings: projection
            .offerings
            .iter()
            .map(|offering| offering_row(projection, offering))
            .collect(),
        alternatives: projection
            .offerings
            .iter()
            .filter(|offering| offering.role == "alternative")
            .map(|offering| offering.id.as_str())
            .collect(),
        providers,
        investment,
        operations_monthly: projection.operations_monthly,
        training: training_view(model, projection),
        operating: operating_view(projection, candidate, baseline)?,
        benefits: BenefitsView {
            lines: &projection.benefits,
            monthly: projection.benefits_monthly,
            annual: base.benefits_annual,
        },
        margin: margin_view(projection),
        scaling: scaling_view(projection)?,
        budget: budget_view(projection, baseline)?,
        break_even: break_even(projection),
        finance: FinanceView {
            discount_rate: projection.discount_rate,
            monthly_discount_rate: match metrics::monthly_rate(projection.discount_rate) {
                Ok(rate) => Figure::Value(rate),
                Err(error) => Figure::Missing(error.to_string()),
            },
        },
        payback_groups: payback_groups(&scenarios),
        scenarios,
        base,
        fx: &projection.fx,
        warnings: &projection.warnings,
    })
}

/// Finds the offering with `id`. The engine always lists the candidate and
/// the baseline, so a miss falls back to the first offering.
fn find_offering<'a>(projection: &'a Projection, id: &str) -> &'a OfferingSummary {
    projection.offering(id).unwrap_or(&projection.offerings[0])
}

fn offering_ref(offering: &OfferingSummary) -> OfferingRef<'_> {
    OfferingRef {
        id: &offering.id,
        provider: &offering.provider,
        model: &offering.model,
    }
}

fn base_comparison(
    projection: &Projection,
    candidate: &OfferingSummary,
    baseline: &OfferingSummary,
) -> Result<BaseComparison, ArithmeticError> {
    let candidate_cpr = Figure::from_engine(candidate.cost_per_request, &candidate.unavailable, "cost_per_request");
    let baseline_cpr = Figure::from_engine(baseline.cost_per_request, &baseline.unavailable, "cost_per_request");
    let (saving_per_request, saving_per_request_share) = match (candidate_cpr.value(), baseline_cpr.value()) {
        (Some(candidate_value), Some(baseline_value)) => {
            let saving = money::sub(baseline_value, candidate_value)?;
            (
                Figure::Value(saving),
                Figure::ratio(saving, baseline_value, "the baseline costs nothing per request"),
            )
        }
        _ => {
            let reason = Figure::Missing("no cost per request at base volume".to_string());
            (reason.clone(), reason)
        }
    };

    let savings_monthly = money::sub(baseline.monthly_cost, candidate.monthly_cost)?;
    let savings_annual = money::sub(baseline.annual_cost, candidate.annual_cost)?;
    let benefits_annual = money::mul(projection.benefits_monthly, Decimal::from(12))?;
    let value_annual = money::add(savings_annual, benefits_annual)?;
    let investment = &projection.investment;
    Ok(BaseComparison {
        per_request: Change::between(&candidate_cpr, &baseline_cpr)?,
        monthly: Change::between(
            &Figure::Value(candidate.monthly_cost),
            &Figure::Value(baseline.monthly_cost),
        )?,
        candidate_cost_per_request: candidate_cpr,
        baseline_cost_per_request: baseline_cpr,
        saving_per_request,
        saving_per_request_share,
        cheaper: savings_monthly > Decimal::ZERO,
        candidate_monthly: candidate.monthly_cost,
        baseline_monthly: baseline.monthly_cost,
        savings_monthly,
        savings_share: Figure::ratio(savings_monthly, baseline.monthly_cost, "the baseline costs nothing"),
        candidate_annual: candidate.annual_cost,
        baseline_annual: baseline.annual_cost,
        savings_annual,
        benefits_monthly: projection.benefits_monthly,
        benefits_annual,
        value_annual,
        savings_annual_multiple_incremental: Figure::ratio(savings_annual, investment.incremental, NO_INCREMENTAL),
        value_annual_multiple_incremental: Figure::ratio(value_annual, investment.incremental, NO_INCREMENTAL),
        value_annual_multiple: Figure::ratio(value_annual, investment.total, NO_INVESTMENT),
    })
}

fn offering_row<'a>(projection: &'a Projection, offering: &'a OfferingSummary) -> OfferingRow<'a> {
    let horizon_costs = projection
        .scenarios
        .iter()
        .map(|scenario| HorizonCost {
            scenario: &scenario.name,
            total_cost: scenario
                .offering_totals
                .iter()
                .find(|total| total.id == offering.id)
                .map_or_else(
                    || Figure::Missing("not projected".to_string()),
                    |total| Figure::Value(total.total_cost),
                ),
        })
        .collect();
    OfferingRow {
        id: &offering.id,
        provider: &offering.provider,
        model: &offering.model,
        role: &offering.role,
        pricing: &offering.pricing,
        cost_per_request: Figure::from_engine(offering.cost_per_request, &offering.unavailable, "cost_per_request"),
        monthly_cost: offering.monthly_cost,
        annual_cost: offering.annual_cost,
        usage_monthly: offering.usage_monthly,
        fees_monthly: offering.fees_monthly,
        replicas: offering.replicas,
        training_estimate: Figure::from_engine(offering.training_estimate, &offering.unavailable, "training_estimate"),
        horizon_costs,
        as_of: offering.as_of.as_deref(),
        source: offering.source.as_deref(),
        price_currency: &offering.price_currency,
        fx_rate: offering.fx_rate,
    }
}

fn training_view<'a>(model: &Model, projection: &'a Projection) -> TrainingView<'a> {
    let data = model.training.as_ref().map(|data| TrainingDataView {
        examples: data.examples,
        tokens_per_example: data.tokens_per_example,
        epochs: data.epochs,
        // The engine has already computed this product without overflow.
        tokens_per_model: data.tokens().unwrap_or_default(),
        models: model.deployment.models_deployed,
    });
    let rows = projection
        .training
        .iter()
        .map(|line| TrainingRow {
            id: &line.id,
            provider: &line.provider,
            model: &line.model,
            per_mtok: line.per_mtok,
            minimum: line.minimum,
            estimate: line.estimate,
        })
        .collect();
    let unpriced = projection
        .offerings
        .iter()
        .filter(|offering| !projection.training.iter().any(|line| line.id == offering.id))
        .map(|offering| offering.id.as_str())
        .collect();
    let spend = projection
        .investment
        .items
        .iter()
        .find(|item| item.name == TRAINING_ITEM)
        .map_or_else(
            || Figure::Missing(format!("the model has no investment item `{TRAINING_ITEM}`")),
            |item| Figure::Value(item.amount),
        );
    TrainingView {
        data,
        rows,
        unpriced,
        spend,
    }
}

/// Name of the investment item that records the candidate's training spend.
pub const TRAINING_ITEM: &str = "training";

fn operating_view(
    projection: &Projection,
    candidate: &OfferingSummary,
    baseline: &OfferingSummary,
) -> Result<OperatingView, ArithmeticError> {
    let line = |name: &str, candidate: Decimal, baseline: Decimal, note: Option<String>| {
        Ok::<_, ArithmeticError>(OperatingLine {
            name: name.to_string(),
            candidate,
            baseline,
            difference: money::sub(baseline, candidate)?,
            note,
        })
    };
    let mut lines = vec![
        line(
            "usage",
            candidate.usage_monthly,
            baseline.usage_monthly,
            Some("requests priced by each offering".to_string()),
        )?,
        line(
            "fees",
            candidate.fees_monthly,
            baseline.fees_monthly,
            Some("monthly fee × models deployed".to_string()),
        )?,
    ];
    for item in &projection.operations {
        lines.push(line(&item.name, item.monthly, item.monthly, item.note.clone())?);
    }
    Ok(OperatingView {
        lines,
        total: line("total", candidate.monthly_cost, baseline.monthly_cost, None)?,
    })
}

fn margin_view(projection: &Projection) -> MarginView<'_> {
    match &projection.margin {
        Some(margin) => MarginView {
            available: true,
            missing: None,
            requests_per_customer: Some(margin.requests_per_customer),
            candidate: Some(&margin.candidate),
            baseline: Some(&margin.baseline),
            negative: [&margin.candidate, &margin.baseline]
                .iter()
                .any(|line| line.margin < Decimal::ZERO),
        },
        None => MarginView {
            available: false,
            missing: Some(
                projection
                    .unavailable
                    .get("margin")
                    .cloned()
                    .unwrap_or_else(|| "not computed".to_string()),
            ),
            requests_per_customer: None,
            candidate: None,
            baseline: None,
            negative: false,
        },
    }
}

fn scaling_view(projection: &Projection) -> Result<ScalingView<'_>, ArithmeticError> {
    let scaling = &projection.scaling;
    let offerings = scaling
        .offerings
        .iter()
        .map(|scaled| {
            let base = find_offering(projection, &scaled.id);
            ScaledOfferingRow {
                id: &scaled.id,
                provider: &base.provider,
                role: &base.role,
                base_monthly: base.monthly_cost,
                monthly_cost: scaled.monthly_cost,
                annual_cost: scaled.annual_cost,
            }
        })
        .collect();
    Ok(ScalingView {
        factor: scaling.factor,
        requests_per_month: scaling.requests_per_month,
        candidate_monthly: scaling.candidate_monthly,
        baseline_monthly: scaling.baseline_monthly,
        savings_monthly: scaling.savings_monthly,
        savings_annual: scaling.savings_annual,
        savings_share: match scaling.savings_share {
            Some(share) => Figure::Value(share),
            None => Figure::Missing("the baseline costs nothing at this volume".to_string()),
        },
        operations: projection
            .operations
            .iter()
            .map(|item| ScaledOperation {
                name: &item.name,
                monthly: item.monthly,
                scaled_monthly: item.scaled_monthly,
            })
            .collect(),
        offerings,
    })
}

fn budget_view(projection: &Projection, baseline: &OfferingSummary) -> Result<BudgetView, ArithmeticError> {
    let budget = &projection.budget;
    let savings_vs_baseline = money::sub(baseline.annual_cost, budget.total)?;
    Ok(BudgetView {
        monthly: budget.monthly,
        annual: budget.annual,
        contingency_rate: budget.contingency_rate,
        contingency: budget.contingency,
        total: budget.total,
        baseline_annual: baseline.annual_cost,
        savings_vs_baseline,
        savings_vs_baseline_share: Figure::ratio(
            savings_vs_baseline,
            baseline.annual_cost,
            "the baseline costs nothing",
        ),
    })
}

fn break_even(projection: &Projection) -> BreakEven {
    let requests = Figure::from_engine(
        projection.break_even_requests_per_month,
        &projection.unavailable,
        "break_even_requests_per_month",
    );
    let base = projection.base_requests_per_month.0;
    let multiple = match requests.value() {
        Some(volume) => Figure::ratio(volume, base, "no requests at base volume"),
        None => requests.clone(),
    };
    BreakEven {
        always_cheaper: requests.value().is_some_and(|volume| volume.is_zero()),
        requests_per_month: requests,
        base_volume_multiple: multiple,
    }
}

fn scenario_view<'a>(
    model: &'a Model,
    scenario: &'a ScenarioResult,
    investment: &InvestmentSummary,
    annual_cost_chart: String,
) -> Result<ScenarioView<'a>, ArithmeticError> {
    let mut years = Vec::with_capacity(scenario.years.len());
    let mut cumulative_savings = Decimal::ZERO;
    for year in &scenario.years {
        cumulative_savings = money::add(cumulative_savings, year.savings)?;
        years.push(YearView {
            year: year.year,
            months: year.months,
            requests_per_month: year.requests_per_month,
            candidate_cost: year.candidate_cost,
            baseline_cost: year.baseline_cost,
            savings: year.savings,
            benefit: year.benefit,
            cumulative_savings,
            cumulative_benefit: year.cumulative_benefit,
            return_multiple: year
                .return_multiple
                .map_or_else(|| Figure::Missing(NO_INVESTMENT.to_string()), Figure::Value),
            return_multiple_incremental: Figure::ratio(year.cumulative_benefit, investment.incremental, NO_INCREMENTAL),
            savings_multiple_incremental: Figure::ratio(cumulative_savings, investment.incremental, NO_INCREMENTAL),
        });
    }
    let last_month = scenario.months.last();
    let unavailable = &scenario.unavailable;
    let engine = |value: Option<Decimal>, key: &str| Figure::from_engine(value, unavailable, key);
    Ok(ScenarioView {
        name: &scenario.name,
        growth: scenario.growth,
        compounding: scenario.compounding.as_str(),
        price_change: scenario.price_change,
        final_price_factor: last_month.map_or(Decimal::ONE, |month| month.price_factor),
        final_requests_per_month: last_month.map_or(Decimal::ZERO, |month| month.requests),
        note: model
            .scenarios
            .iter()
            .find(|input| input.name == scenario.name)
            .and_then(|input| input.note.as_deref()),
        years,
        totals: &scenario.totals,
        savings_multiple_incremental: Figure::ratio(scenario.totals.savings, investment.incremental, NO_INCREMENTAL),
        return_multiple: engine(scenario.return_multiple, "return_multiple"),
        return_multiple_incremental: engine(scenario.return_multiple_incremental, "return_multiple_incremental"),
        roi_percent: engine(scenario.roi_percent, "roi_percent"),
        roi_percent_incremental: engine(scenario.roi_percent_incremental, "roi_percent_incremental"),
        payback_months: engine(scenario.payback_months, "payback_months"),
        payback_days: engine(scenario.payback_days, "payback_days"),
        payback_hours: engine(scenario.payback_hours, "payback_hours"),
        payback_months_incremental: engine(scenario.payback_months_incremental, "payback_months_incremental"),
        payback_hours_incremental: engine(scenario.payback_hours_incremental, "payback_hours_incremental"),
        npv: scenario.npv,
        irr: engine(scenario.irr, "irr"),
        annual_cost_chart,
    })
}

fn payback_groups(scenarios: &[ScenarioView<'_>]) -> Vec<PaybackGroup> {
    let mut groups: Vec<PaybackGroup> = Vec::new();
    for scenario in scenarios {
        let same = groups.iter_mut().find(|group| {
            group.payback_months == scenario.payback_months
                && group.payback_months_incremental == scenario.payback_months_incremental
        });
        match same {
            Some(group) => group.scenarios.push(scenario.name.to_string()),
            None => groups.push(PaybackGroup {
                scenarios: vec![scenario.name.to_string()],
                payback_months: scenario.payback_months.clone(),
                payback_months_incremental: scenario.payback_months_incremental.clone(),
            }),
        }
    }
    groups
}
