//! Assembles the [`Projection`] of a model: offerings side by side, the
//! investment, the budget, break-even, scaling and margin views, and one
//! monthly projection per scenario with its headline figures.

use rust_decimal::Decimal;

use crate::check;
use crate::error::InputError;
use crate::input::Override;
use crate::input::suggest::did_you_mean;
use crate::metrics::{self, DAYS_PER_MONTH, HOURS_PER_MONTH};
use crate::model::{Model, Scenario};
use crate::money::{self, ArithmeticError};
use crate::pricing;
use crate::projection::{self, CostBasis};
use crate::result::*;

/// Options of one projection run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Multiple of the base volume for the scaling view.
    pub scale: Decimal,
    /// Scenarios to project, by name; empty means all.
    pub scenarios: Vec<String>,
    /// Whether to search for each scenario's IRR, the costliest figure;
    /// what-if runs that do not report it turn it off.
    pub irr: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            scale: Decimal::TEN,
            scenarios: Vec::new(),
            irr: true,
        }
    }
}

/// Computes the projection of a model.
pub fn project(model: &Model, overrides: &[Override], options: &Options) -> Result<Projection, InputError> {
    let scenarios = select_scenarios(model, &options.scenarios)?;
    compute(model, overrides, options, &scenarios).map_err(|failure| {
        InputError::new(format!(
            "the projection cannot be computed: {}: {}",
            failure.part, failure.error
        ))
        .with_help(failure.help)
    })
}

/// An arithmetic failure and the part of the projection it happened in.
struct Failure {
    part: String,
    help: String,
    error: ArithmeticError,
}

impl From<ArithmeticError> for Failure {
    fn from(error: ArithmeticError) -> Self {
        Failure {
            part: "the figures at base volume".to_string(),
            help: "check the volumes, token counts, prices and amounts: they are far beyond any real workload"
                .to_string(),
            error,
        }
    }
}

/// Names the part of the projection an arithmetic failure happened in.
fn failed_in<T>(result: Result<T, ArithmeticError>, part: String, help: &str) -> Result<T, Failure> {
    result.map_err(|error| Failure {
        part,
        help: help.to_string(),
        error,
    })
}

fn select_scenarios<'a>(model: &'a Model, names: &[String]) -> Result<Vec<&'a Scenario>, InputError> {
    if names.is_empty() {
        return Ok(model.scenarios.iter().collect());
    }
    let known: Vec<&str> = model.scenarios.iter().map(|scenario| scenario.name.as_str()).collect();
    let mut unique: Vec<&String> = Vec::new();
    for name in names {
        if !unique.contains(&name) {
            unique.push(name);
        }
    }
    unique
        .into_iter()
        .map(|name| {
            model
                .scenarios
                .iter()
                .find(|scenario| scenario.name == *name)
                .ok_or_else(|| {
                    let error = InputError::new(format!("unknown scenario `{name}` given to --scenario"));
                    match did_you_mean(name, known.iter().copied()) {
                        Some(suggestion) => error.with_help(format!("did you mean `{suggestion}`?")),
                        None => error.with_help(format!("the model's scenarios are: {}", known.join(", "))),
                    }
                })
        })
        .collect()
}

fn compute(
    model: &Model,
    overrides: &[Override],
    options: &Options,
    scenarios: &[&Scenario],
) -> Result<Projection, Failure> {
    let bases = model
        .offerings
        .iter()
        .map(|offering| CostBasis::new(model, offering))
        .collect::<Result<Vec<_>, _>>()?;
    let candidate = &bases[0];
    let baseline = bases
        .iter()
        .find(|basis| basis.id == model.deployment.baseline)
        .unwrap_or(candidate);
    let base_requests = model.base_requests()?;
    let operations_monthly = projection::operations_at(model, base_requests)?;
    let mut unavailable = Unavailable::new();

    let offerings = summarize_offerings(model, &bases, base_requests, operations_monthly)?;
    let candidate_monthly = offerings[0].monthly_cost;
    let investment = summarize_investment(model)?;
    let budget = Budget {
        monthly: candidate_monthly,
        annual: money::mul(candidate_monthly, Decimal::from(12))?,
        contingency_rate: model.contingency,
        contingency: money::mul(money::mul(candidate_monthly, Decimal::from(12))?, model.contingency)?,
        total: metrics::budget_year1(candidate_monthly, model.contingency)?,
    };

    let break_even = match metrics::break_even_volume(candidate, baseline, base_requests) {
        Ok(volume) => Some(volume),
        Err(reason) => {
            unavailable.insert("break_even_requests_per_month".to_string(), reason.to_string());
            None
        }
    };

    let benefits = model
        .benefits
        .iter()
        .map(|benefit| {
            Ok(BenefitLine {
                name: benefit.name.clone(),
                monthly: benefit.monthly,
                annual: money::mul(benefit.monthly, Decimal::from(12))?,
                scale_with_volume: benefit.scale_with_volume,
                note: benefit.note.clone(),
            })
        })
        .collect::<Result<Vec<_>, ArithmeticError>>()?;
    let benefits_monthly = projection::other_benefits_at(model, Decimal::ONE)?;

    let scaling = failed_in(
        scale_view(model, &bases, base_requests, options.scale),
        format!("the scaling view at {}× the base volume", options.scale.normalize()),
        "lower --scale",
    )?;
    let operations = model
        .operations
        .iter()
        .map(|item| {
            Ok(OperationLine {
                name: item.name.clone(),
                monthly: item.monthly_at(base_requests),
                scaled_monthly: item.monthly_at(money::mul(base_requests, options.scale)?),
                note: item.note.clone(),
            })
        })
        .collect::<Result<Vec<_>, ArithmeticError>>()?;

    let margin = match &model.pricing_strategy {
        None => {
            unavailable.insert("margin".to_string(), "the model has no [pricing_strategy]".to_string());
            None
        }
        Some(strategy) => {
            let candidate_cpr = offerings[0].cost_per_request;
            let baseline_cpr = offerings
                .iter()
                .find(|offering| offering.id == model.deployment.baseline)
                .and_then(|offering| offering.cost_per_request);
            match (candidate_cpr, baseline_cpr) {
                (Some(candidate_cpr), Some(baseline_cpr)) => {
                    let line = |offering: &str, price: Decimal, cpr: Decimal| -> Result<MarginLine, ArithmeticError> {
                        let (margin, share) = metrics::margin(price, strategy.requests_per_customer, cpr)?;
                        Ok(MarginLine {
                            offering: offering.to_string(),
                            price,
                            cost: money::mul(strategy.requests_per_customer, cpr)?,
                            margin,
                            margin_share: share,
                        })
                    };
                    Some(Margin {
                        requests_per_customer: strategy.requests_per_customer,
                        candidate: line(&model.deployment.candidate, strategy.customer_price, candidate_cpr)?,
                        baseline: line(&model.deployment.baseline, strategy.competitor_price, baseline_cpr)?,
                    })
                }
                _ => {
                    unavailable.insert(
                        "margin".to_string(),
                        "no cost per request: the model has no requests at base volume".to_string(),
                    );
                    None
                }
            }
        }
    };

    if let Some(data) = &model.training {
        failed_in(
            data.tokens(),
            "the training estimates".to_string(),
            "check [training]: examples × tokens_per_example × epochs",
        )?;
    }
    let training = failed_in(
        training_lines(model),
        "the training estimates".to_string(),
        "check [training]: examples × tokens_per_example × epochs and the training prices",
    )?;
    if model.training.is_none() {
        unavailable.insert("training".to_string(), "the model has no [training] data".to_string());
    }

    let mut scenario_results = Vec::new();
    for scenario in scenarios {
        scenario_results.push(failed_in(
            project_scenario(model, scenario, &bases, &investment, options.irr),
            format!("scenario `{}`", scenario.name),
            "lower the scenario's growth or price change, the horizon or the volumes, or raise a discount rate near -100%",
        )?);
    }

    let mut projection = Projection {
        schema_version: SCHEMA_VERSION,
        model: model.name.clone(),
        currency: model.currency.clone(),
        as_of: model.as_of.map(|date| date.to_string()),
        start: model.start.to_string(),
        horizon_months: model.horizon_months,
        overrides: overrides.to_vec(),
        candidate: model.deployment.candidate.clone(),
        baseline: model.deployment.baseline.clone(),
        base_requests_per_month: DecimalValue(base_requests),
        offerings,
        investment,
        operations_monthly,
        operations,
        budget_year1: budget.total,
        budget,
        break_even_requests_per_month: break_even,
        benefits,
        benefits_monthly,
        scaling,
        margin,
        training,
        fx: model.fx.clone(),
        discount_rate: model.discount_rate,
        contingency: model.contingency,
        scenarios: scenario_results,
        warnings: Vec::new(),
        unavailable,
    };
    projection.warnings = check::warnings(model, &projection);
    Ok(projection)
}

fn summarize_offerings(
    model: &Model,
    bases: &[CostBasis],
    base_requests: Decimal,
    operations_monthly: Decimal,
) -> Result<Vec<OfferingSummary>, ArithmeticError> {
    let mut out = Vec::new();
    for (offering, basis) in model.offerings.iter().zip(bases) {
        let usage_monthly = basis.usage(base_requests, Decimal::ONE, Decimal::ONE)?;
        let monthly_cost = money::sum([usage_monthly, basis.fees, operations_monthly])?;
        let mut unavailable = Unavailable::new();
        let cost_per_request = if base_requests.is_zero() {
            unavailable.insert("cost_per_request".to_string(), "no requests at base volume".to_string());
            None
        } else {
            Some(money::div(usage_monthly, base_requests)?)
        };
        let role = if offering.id == model.deployment.candidate {
            "candidate"
        } else if offering.id == model.deployment.baseline {
            "baseline"
        } else {
            "alternative"
        };
        let training_estimate = match (&offering.training, &model.training) {
            (Some(price), Some(data)) => Some(pricing::training_estimate(
                price,
                data,
                model.deployment.models_deployed,
            )?),
            (None, _) => {
                unavailable.insert(
                    "training_estimate".to_string(),
                    "the offering has no training price".to_string(),
                );
                None
            }
            (Some(_), None) => {
                unavailable.insert(
                    "training_estimate".to_string(),
                    "the model has no [training] data".to_string(),
                );
                None
            }
        };
        out.push(OfferingSummary {
            id: offering.id.clone(),
            provider: offering.provider.clone(),
            model: offering.model.clone(),
            role: role.to_string(),
            pricing: offering.usage.kind().to_string(),
            cost_per_request,
            monthly_cost,
            annual_cost: money::mul(monthly_cost, Decimal::from(12))?,
            usage_monthly,
            fees_monthly: basis.fees,
            replicas: basis.replicas(base_requests)?,
            training_estimate,
            price_currency: offering.currency.clone(),
            fx_rate: offering.fx_rate,
            as_of: offering.as_of.map(|date| date.to_string()),
            source: offering.source.clone(),
            unavailable,
        });
    }
    Ok(out)
}

fn summarize_investment(model: &Model) -> Result<InvestmentSummary, ArithmeticError> {
    let total = money::sum(model.investment.iter().map(|item| item.amount))?;
    let incremental = money::sum(
        model
            .investment
            .iter()
            .filter(|item| !item.sunk)
            .map(|item| item.amount),
    )?;
    Ok(InvestmentSummary {
        total,
        incremental,
        sunk: money::sub(total, incremental)?,
        items: model.investment.iter().map(InvestmentLine::from).collect(),
    })
}

fn scale_view(
    model: &Model,
    bases: &[CostBasis],
    base_requests: Decimal,
    factor: Decimal,
) -> Result<Scaling, ArithmeticError> {
    let requests = money::mul(base_requests, factor)?;
    let operations = projection::operations_at(model, requests)?;
    let mut offerings = Vec::new();
    for basis in bases {
        let monthly = money::sum([
            basis.usage(base_requests, factor, Decimal::ONE)?,
            basis.fees,
            operations,
        ])?;
        offerings.push(ScaledOffering {
            id: basis.id.clone(),
            monthly_cost: monthly,
            annual_cost: money::mul(monthly, Decimal::from(12))?,
        });
    }
    let candidate_monthly = offerings[0].monthly_cost;
    let baseline_monthly = offerings
        .iter()
        .find(|offering| offering.id == model.deployment.baseline)
        .map_or(candidate_monthly, |offering| offering.monthly_cost);
    let savings_monthly = money::sub(baseline_monthly, candidate_monthly)?;
    Ok(Scaling {
        factor,
        requests_per_month: requests,
        offerings,
        candidate_monthly,
        baseline_monthly,
        savings_monthly,
        savings_annual: money::mul(savings_monthly, Decimal::from(12))?,
        savings_share: if baseline_monthly.is_zero() {
            None
        } else {
            Some(money::div(savings_monthly, baseline_monthly)?)
        },
    })
}

fn training_lines(model: &Model) -> Result<Vec<TrainingLine>, ArithmeticError> {
    let Some(data) = &model.training else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for offering in &model.offerings {
        let Some(price) = &offering.training else {
            continue;
        };
        out.push(TrainingLine {
            id: offering.id.clone(),
            provider: offering.provider.clone(),
            model: offering.model.clone(),
            tokens_per_model: data.tokens()?,
            models: model.deployment.models_deployed,
            per_mtok: price.per_mtok,
            minimum: price.minimum,
            estimate: pricing::training_estimate(price, data, model.deployment.models_deployed)?,
        });
    }
    Ok(out)
}

/// Projects one scenario month by month and derives its headline figures.
fn project_scenario(
    model: &Model,
    scenario: &Scenario,
    bases: &[CostBasis],
    investment: &InvestmentSummary,
    with_irr: bool,
) -> Result<ScenarioResult, ArithmeticError> {
    let horizon = model.horizon_months;
    let volume_factors = projection::growth_factors(scenario.growth, scenario.compounding, horizon)?;
    let price_factors = projection::growth_factors(scenario.price_change, scenario.compounding, horizon)?;
    let base_requests = model.base_requests()?;
    let baseline_index = bases
        .iter()
        .position(|basis| basis.id == model.deployment.baseline)
        .unwrap_or(0);

    let mut months = Vec::with_capacity(horizon as usize);
    let mut offering_totals = vec![Decimal::ZERO; bases.len()];
    let mut cumulative = Decimal::ZERO;
    for index in 0..horizon as usize {
        let volume_factor = volume_factors[index];
        let price_factor = price_factors[index];
        let requests = money::mul(base_requests, volume_factor)?;
        let operations = projection::operations_at(model, requests)?;

        let mut usages = Vec::with_capacity(bases.len());
        for (position, basis) in bases.iter().enumerate() {
            let usage = basis.usage(base_requests, volume_factor, price_factor)?;
            offering_totals[position] = money::sum([offering_totals[position], usage, basis.fees, operations])?;
            usages.push(usage);
        }
        let candidate_cost = money::sum([usages[0], bases[0].fees, operations])?;
        let baseline_cost = money::sum([usages[baseline_index], bases[baseline_index].fees, operations])?;
        let savings = money::sub(baseline_cost, candidate_cost)?;
        let other_benefits = projection::other_benefits_at(model, volume_factor)?;
        let benefit = money::add(savings, other_benefits)?;
        cumulative = money::add(cumulative, benefit)?;

        months.push(MonthRow {
            month: index as u32 + 1,
            date: model.start.plus_months(index as u32).to_string(),
            volume_factor,
            price_factor,
            requests,
            candidate_usage: usages[0],
            candidate_fees: bases[0].fees,
            baseline_usage: usages[baseline_index],
            baseline_fees: bases[baseline_index].fees,
            operations,
            candidate_cost,
            baseline_cost,
            savings,
            other_benefits,
            benefit,
            cumulative_benefit: cumulative,
        });
    }

    let years = projection::roll_up_years(&months, investment.total, investment.incremental)?;
    let totals = Totals {
        candidate_cost: money::sum(months.iter().map(|month| month.candidate_cost))?,
        baseline_cost: money::sum(months.iter().map(|month| month.baseline_cost))?,
        savings: money::sum(months.iter().map(|month| month.savings))?,
        benefit: cumulative,
    };
    let mut result = headline(
        model,
        scenario,
        months,
        years,
        totals,
        bases,
        offering_totals,
        investment,
    )?;
    if with_irr {
        let mut flows = Vec::with_capacity(result.months.len() + 1);
        flows.push(-investment.total);
        flows.extend(result.months.iter().map(|month| month.benefit));
        match metrics::irr(&flows) {
            Ok(rate) => result.irr = Some(rate),
            Err(reason) => {
                result.unavailable.insert("irr".to_string(), reason.to_string());
            }
        }
    } else {
        result
            .unavailable
            .insert("irr".to_string(), "not computed for this analysis".to_string());
    }
    Ok(result)
}

#[allow(clippy::too_many_arguments)]
fn headline(
    model: &Model,
    scenario: &Scenario,
    months: Vec<MonthRow>,
    years: Vec<YearRow>,
    totals: Totals,
    bases: &[CostBasis],
    offering_totals: Vec<Decimal>,
    investment: &InvestmentSummary,
) -> Result<ScenarioResult, ArithmeticError> {
    let mut unavailable = Unavailable::new();
    let benefits: Vec<Decimal> = months.iter().map(|month| month.benefit).collect();
    let cumulative = totals.benefit;

    let return_multiple = metrics::return_multiple(cumulative, investment.total);
    let return_multiple_incremental = metrics::return_multiple(cumulative, investment.incremental);
    if return_multiple.is_none() {
        unavailable.insert(
            "return_multiple".to_string(),
            "no investment: the multiple would be infinite".to_string(),
        );
        unavailable.insert(
            "roi_percent".to_string(),
            "no investment: the ROI would be infinite".to_string(),
        );
    }
    if return_multiple_incremental.is_none() {
        unavailable.insert(
            "return_multiple_incremental".to_string(),
            "no incremental investment: every item is sunk or there is none".to_string(),
        );
        unavailable.insert(
            "roi_percent_incremental".to_string(),
            "no incremental investment: every item is sunk or there is none".to_string(),
        );
    }

    let payback = metrics::payback_months(&benefits, investment.total);
    let payback_incremental = metrics::payback_months(&benefits, investment.incremental);
    let not_within = format!("not within {} months", model.horizon_months);
    if payback.is_none() {
        for key in ["payback_months", "payback_days", "payback_hours"] {
            unavailable.insert(key.to_string(), not_within.clone());
        }
    }
    if payback_incremental.is_none() {
        for key in [
            "payback_months_incremental",
            "payback_days_incremental",
            "payback_hours_incremental",
        ] {
            unavailable.insert(key.to_string(), not_within.clone());
        }
    }

    Ok(ScenarioResult {
        name: scenario.name.clone(),
        growth: scenario.growth,
        compounding: scenario.compounding,
        price_change: scenario.price_change,
        years,
        months,
        offering_totals: bases
            .iter()
            .zip(offering_totals)
            .map(|(basis, total_cost)| OfferingTotal {
                id: basis.id.clone(),
                total_cost,
            })
            .collect(),
        return_multiple,
        return_multiple_incremental,
        roi_percent: metrics::roi_percent(cumulative, investment.total),
        roi_percent_incremental: metrics::roi_percent(cumulative, investment.incremental),
        payback_months: payback,
        payback_days: payback.map(|months| months * DAYS_PER_MONTH),
        payback_hours: payback.map(|months| months * HOURS_PER_MONTH),
        payback_months_incremental: payback_incremental,
        payback_days_incremental: payback_incremental.map(|months| months * DAYS_PER_MONTH),
        payback_hours_incremental: payback_incremental.map(|months| months * HOURS_PER_MONTH),
        npv: metrics::npv(&benefits, investment.total, model.discount_rate)?,
        irr: None,
        totals,
        unavailable,
    })
}
