//! `roi project`: compute and print the projection of a model.

use std::fmt::Write as _;

use clap::Args;
use rust_decimal::Decimal;

use comfy_table::Table;

use super::table::{MAX_WIDTH, facts, new_table, render, title, wrap};
use super::{Format, ModelArgs, Output, parse_decimal_arg};
use crate::engine::{self, Options};
use crate::error::Error;
use crate::format::{annual_rate, duration, money, multiple, not_available, number, percent, share, unit_price};
use crate::result::{Projection, ScenarioResult, Unavailable};

#[derive(Debug, Args)]
pub struct ProjectArgs {
    #[command(flatten)]
    pub model: ModelArgs,

    /// Project only this scenario (repeatable) [default: all]
    #[arg(long, value_name = "NAME")]
    pub scenario: Vec<String>,

    /// Volume multiple K of the scaling view: costs at K × the base requests per
    /// month.
    #[arg(long, value_name = "K", default_value = "10", value_parser = parse_scale, allow_negative_numbers = true)]
    pub scale: Decimal,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

fn parse_scale(text: &str) -> Result<Decimal, String> {
    let value = parse_decimal_arg(text)?;
    if value <= Decimal::ZERO {
        return Err(format!("`{text}` must be greater than zero, e.g. --scale 10"));
    }
    Ok(value)
}

pub fn run(args: &ProjectArgs, output: &Output) -> Result<(), Error> {
    let (inputs, model) = args.model.load(output)?;
    let options = Options {
        scale: args.scale,
        scenarios: args.scenario.clone(),
        ..Options::default()
    };
    let projection = engine::project(&model, &inputs.overrides, &options)?;
    for warning in &projection.warnings {
        output.warn(warning);
    }
    let text = match args.format {
        Format::Json => {
            let mut json = serde_json::to_string_pretty(&projection)
                .map_err(|error| Error::Runtime(format!("cannot serialise the projection: {error}")))?;
            json.push('\n');
            json
        }
        Format::Csv => crate::export::csv::render(&projection)
            .map_err(|error| Error::Runtime(format!("cannot write the projection as CSV: {error}")))?,
        Format::Table => render_table(&projection, output.color),
    };
    output.result(&text)
}

/// Renders the projection as terminal tables.
pub fn render_table(projection: &Projection, color: bool) -> String {
    let mut out = String::new();
    let currency = projection.currency.as_str();
    let _ = writeln!(out, "{}", title(&projection.model, color).trim_end());
    let _ = writeln!(
        out,
        "as of {} · from {} for {} months · {} · {} requests a month",
        projection.as_of.as_deref().unwrap_or("(no as_of)"),
        projection.start,
        projection.horizon_months,
        currency,
        number(projection.base_requests_per_month.0, 2),
    );
    for item in &projection.overrides {
        let previous = item.previous.as_deref().unwrap_or("absent");
        out.push_str(&wrap(
            &format!("override: {} = {} (was {previous})", item.path, item.value),
            0,
        ));
    }
    for rate in &projection.fx {
        let users: Vec<&str> = projection
            .offerings
            .iter()
            .filter(|offering| offering.price_currency == rate.currency)
            .map(|offering| offering.id.as_str())
            .collect();
        let used = if users.is_empty() {
            "no offering uses it".to_string()
        } else {
            format!("converts {}", users.join(", "))
        };
        out.push_str(&wrap(
            &format!(
                "exchange rate: 1 {} = {} {currency}; {used}",
                rate.currency,
                rate.rate.normalize()
            ),
            0,
        ));
    }
    out.push('\n');

    render_offerings(&mut out, projection, color);
    render_investment(&mut out, projection, color);
    render_operations(&mut out, projection, color);
    render_views(&mut out, projection, color);
    for scenario in &projection.scenarios {
        render_scenario(&mut out, projection, scenario, color);
    }
    out
}

fn render_offerings(out: &mut String, projection: &Projection, color: bool) {
    out.push_str(&title("Offerings at base volume", color));
    let all: Vec<usize> = (0..projection.scenarios.len()).collect();
    let mut combined = offerings_table(projection, true, &all);
    if fits(&mut combined) {
        let _ = writeln!(out, "{}", render(&mut combined));
    } else {
        // Too many scenarios for one table: the base figures first, then the
        // horizon totals in as many tables as it takes to stay narrow.
        let _ = writeln!(out, "{}", render(&mut offerings_table(projection, true, &[])));
        let _ = writeln!(out, "Total cost over the horizon, by scenario:");
        let mut chunk: Vec<usize> = Vec::new();
        for index in all {
            let mut wider = chunk.clone();
            wider.push(index);
            if chunk.is_empty() || fits(&mut offerings_table(projection, false, &wider)) {
                chunk = wider;
            } else {
                let _ = writeln!(out, "{}", render(&mut offerings_table(projection, false, &chunk)));
                chunk = vec![index];
            }
        }
        if !chunk.is_empty() {
            let _ = writeln!(out, "{}", render(&mut offerings_table(projection, false, &chunk)));
        }
    }
    let _ = writeln!(
        out,
        "* candidate, † baseline. Per request: usage only; the other columns add fees and operations.\n"
    );
}

/// Returns whether a table fits the terminal width without wrapping.
fn fits(table: &mut Table) -> bool {
    table
        .to_string()
        .lines()
        .all(|line| line.chars().count() <= MAX_WIDTH as usize)
}

/// Builds the table of offerings: the base-volume columns when `base` is
/// set, then the horizon total of each scenario in `scenarios`.
fn offerings_table(projection: &Projection, base: bool, scenarios: &[usize]) -> Table {
    let currency = projection.currency.as_str();
    let horizon = projection.horizon_months;
    let mut headers = vec!["offering".to_string()];
    if base {
        headers.extend(["provider", "per\nrequest", "monthly", "annual"].map(String::from));
    }
    for &index in scenarios {
        headers.push(format!("{}\n{horizon} months", projection.scenarios[index].name));
    }
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut table = new_table(&header_refs, if base { 2 } else { 1 });
    for offering in &projection.offerings {
        let marker = match offering.role.as_str() {
            "candidate" => " *",
            "baseline" => " †",
            _ => "",
        };
        let mut row = vec![format!("{}{marker}", offering.id)];
        if base {
            let per_request = match offering.cost_per_request {
                Some(value) => unit_price(value, currency),
                None => "n/a".to_string(),
            };
            row.extend([
                offering.provider.clone(),
                per_request,
                money(offering.monthly_cost, currency),
                money(offering.annual_cost, currency),
            ]);
        }
        for &index in scenarios {
            let total = projection.scenarios[index]
                .offering_totals
                .iter()
                .find(|total| total.id == offering.id)
                .map_or_else(|| "n/a".to_string(), |total| money(total.total_cost, currency));
            row.push(total);
        }
        table.add_row(row);
    }
    table
}

fn render_investment(out: &mut String, projection: &Projection, color: bool) {
    let currency = projection.currency.as_str();
    let investment = &projection.investment;
    let mut table = new_table(&["item", "basis", "sunk", "amount"], 3);
    for item in &investment.items {
        let basis = match (item.hours, item.rate) {
            (Some(hours), Some(rate)) => format!("{} h × {}", number(hours, 2), money(rate, currency)),
            _ => "amount".to_string(),
        };
        table.add_row(vec![
            item.name.clone(),
            basis,
            if item.sunk { "yes" } else { "no" }.to_string(),
            money(item.amount, currency),
        ]);
    }
    table.add_row(vec![
        "total".to_string(),
        String::new(),
        String::new(),
        money(investment.total, currency),
    ]);
    table.add_row(vec![
        "incremental (not sunk)".to_string(),
        String::new(),
        String::new(),
        money(investment.incremental, currency),
    ]);
    out.push_str(&title("Investment (one-time, month 0)", color));
    let _ = writeln!(out, "{}\n", render(&mut table));
}

fn render_operations(out: &mut String, projection: &Projection, color: bool) {
    let currency = projection.currency.as_str();
    let candidate = projection.offering(&projection.candidate);
    let baseline = projection.offering(&projection.baseline);
    let (Some(candidate), Some(baseline)) = (candidate, baseline) else {
        return;
    };
    let mut table = new_table(&["monthly cost at base volume", "candidate", "baseline"], 1);
    table.add_row(vec![
        "usage".to_string(),
        money(candidate.usage_monthly, currency),
        money(baseline.usage_monthly, currency),
    ]);
    table.add_row(vec![
        "fees (monthly_fee × models)".to_string(),
        money(candidate.fees_monthly, currency),
        money(baseline.fees_monthly, currency),
    ]);
    for item in &projection.operations {
        table.add_row(vec![
            format!("operations: {}", item.name),
            money(item.monthly, currency),
            money(item.monthly, currency),
        ]);
    }
    table.add_row(vec![
        "total".to_string(),
        money(candidate.monthly_cost, currency),
        money(baseline.monthly_cost, currency),
    ]);
    out.push_str(&title(
        &format!("Operating costs: {} vs {}", projection.candidate, projection.baseline),
        color,
    ));
    let _ = writeln!(out, "{}\n", render(&mut table));
}

fn render_views(out: &mut String, projection: &Projection, color: bool) {
    let currency = projection.currency.as_str();
    let budget = &projection.budget;
    let mut rows = vec![(
        "year-1 budget".to_string(),
        format!(
            "{} = 12 × {} + {} contingency ({})",
            money(budget.total, currency),
            money(budget.monthly, currency),
            share(budget.contingency_rate),
            money(budget.contingency, currency),
        ),
    )];
    let break_even = match projection.break_even_requests_per_month {
        Some(volume) if volume.is_zero() => "0 requests a month: the candidate is cheaper at every volume".to_string(),
        Some(volume) => format!("{} requests a month", number(volume, 0)),
        None => na(&projection.unavailable, "break_even_requests_per_month"),
    };
    rows.push(("break-even volume".to_string(), break_even));

    let scaling = &projection.scaling;
    rows.push((
        format!("at {}× volume", number(scaling.factor, 6)),
        format!(
            "{} requests a month: candidate {} vs baseline {} a month; savings {} a year{}",
            number(scaling.requests_per_month, 0),
            money(scaling.candidate_monthly, currency),
            money(scaling.baseline_monthly, currency),
            money(scaling.savings_annual, currency),
            scaling
                .savings_share
                .map(|value| format!(" ({} of the baseline)", share(value)))
                .unwrap_or_default(),
        ),
    ));
    match &projection.margin {
        Some(margin) => {
            for (label, line) in [
                ("margin, ours", &margin.candidate),
                ("margin, competitor", &margin.baseline),
            ] {
                rows.push((
                    label.to_string(),
                    format!(
                        "{} per customer ({}) at a price of {} on {}",
                        money(line.margin, currency),
                        share(line.margin_share),
                        money(line.price, currency),
                        line.offering,
                    ),
                ));
            }
        }
        None => rows.push(("margin".to_string(), na(&projection.unavailable, "margin"))),
    }
    let benefits = projection.benefits_monthly;
    rows.push((
        "benefits".to_string(),
        format!(
            "{} a month, {} a year beyond savings",
            money(benefits, currency),
            money(benefits * Decimal::from(12), currency)
        ),
    ));
    out.push_str(&title("Budget, break-even, scaling and margin", color));
    out.push_str(&facts(&rows));
    out.push('\n');
}

fn render_scenario(out: &mut String, projection: &Projection, scenario: &ScenarioResult, color: bool) {
    let currency = projection.currency.as_str();
    out.push_str(&title(
        &format!(
            "Scenario {}: growth {} a year ({} compounding), prices {} a year",
            scenario.name,
            share(scenario.growth),
            scenario.compounding.as_str(),
            signed_share(scenario.price_change),
        ),
        color,
    ));
    let mut table = new_table(
        &[
            "year",
            "requests/month",
            "candidate",
            "baseline",
            "savings",
            "benefit",
            "cumulative",
        ],
        1,
    );
    for year in &scenario.years {
        let label = if year.months < 12 {
            format!("{} ({} mo)", year.year, year.months)
        } else {
            year.year.to_string()
        };
        table.add_row(vec![
            label,
            number(year.requests_per_month, 0),
            money(year.candidate_cost, currency),
            money(year.baseline_cost, currency),
            money(year.savings, currency),
            money(year.benefit, currency),
            year.return_multiple.map_or_else(|| "n/a".to_string(), multiple),
        ]);
    }
    table.add_row(vec![
        "total".to_string(),
        String::new(),
        money(scenario.totals.candidate_cost, currency),
        money(scenario.totals.baseline_cost, currency),
        money(scenario.totals.savings, currency),
        money(scenario.totals.benefit, currency),
        String::new(),
    ]);
    let _ = writeln!(out, "{}", render(&mut table));
    let _ = writeln!(out, "cumulative: cumulative benefit ÷ total investment");

    let horizon = projection.horizon_months;
    let rows = vec![
        (
            format!("{horizon}-month savings"),
            money(scenario.totals.savings, currency),
        ),
        (
            "return, total".to_string(),
            return_line(
                scenario.return_multiple,
                scenario.roi_percent,
                &scenario.unavailable,
                "return_multiple",
            ),
        ),
        (
            "return, incremental".to_string(),
            return_line(
                scenario.return_multiple_incremental,
                scenario.roi_percent_incremental,
                &scenario.unavailable,
                "return_multiple_incremental",
            ),
        ),
        (
            "payback, total".to_string(),
            opt(
                scenario.payback_months,
                &scenario.unavailable,
                "payback_months",
                duration,
            ),
        ),
        (
            "payback, incremental".to_string(),
            opt(
                scenario.payback_months_incremental,
                &scenario.unavailable,
                "payback_months_incremental",
                duration,
            ),
        ),
        (
            format!("NPV at {}", share(projection.discount_rate)),
            money(scenario.npv, currency),
        ),
        (
            "IRR".to_string(),
            opt(scenario.irr, &scenario.unavailable, "irr", annual_rate),
        ),
    ];
    out.push_str(&facts(&rows));
    out.push('\n');
}

/// Formats a return multiple with its ROI, or one "n/a" with the reason.
fn return_line(multiple_value: Option<Decimal>, roi: Option<Decimal>, unavailable: &Unavailable, key: &str) -> String {
    match (multiple_value, roi) {
        (Some(value), Some(roi)) => format!("{} (ROI {})", multiple(value), percent(roi)),
        _ => na(unavailable, key),
    }
}

fn signed_share(value: Decimal) -> String {
    if value > Decimal::ZERO {
        format!("+{}", share(value))
    } else {
        share(value)
    }
}

fn na(unavailable: &Unavailable, key: &str) -> String {
    not_available(unavailable.get(key).map_or("", String::as_str))
}

fn opt(value: Option<Decimal>, unavailable: &Unavailable, key: &str, show: impl Fn(Decimal) -> String) -> String {
    match value {
        Some(value) => show(value),
        None => na(unavailable, key),
    }
}
