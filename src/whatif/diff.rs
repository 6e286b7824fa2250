//! Diff of two models: the inputs that differ once overlays are resolved,
//! the change in each headline figure per scenario, and the change in NPV
//! split over the changed inputs.
//!
//! The split is sequential: starting from BASE, the changes are applied one
//! at a time in a fixed order ([`ATTRIBUTION_ORDER`]) and each is credited
//! with the change in NPV it causes. The last state is OTHER itself, so the
//! parts add up to the total change. Figures are rounded to
//! [`FIGURE_DECIMALS`] decimal places before any subtraction, which keeps
//! every difference and sum exact in `Decimal`.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use super::{Metric, project_scenarios};
use crate::error::InputError;
use crate::input::source::SourceMap;
use crate::input::suggest::did_you_mean;
use crate::input::tree::{Node, Path, PathSegment, Table, Value};
use crate::input::{Inputs, decode};
use crate::result::{SCHEMA_VERSION, ScenarioResult, Unavailable, dec, dec_opt};

/// Decimal places of every figure in a diff. NPVs carry up to 28
/// significant digits, so subtracting two of them can round. At 10 places,
/// far below a cent, differences and sums of figures below about 7.9 × 10¹⁸
/// are exact.
pub const FIGURE_DECIMALS: u32 = 10;

/// The order in which changes are applied for the NPV attribution.
pub const ATTRIBUTION_ORDER: &str = "changes are applied one at a time in the order their inputs appear in BASE \
     after overlays, then the inputs only OTHER has, in its order. A table or an array of tables that only one \
     model has is one change. A change that leaves the model invalid on its own (such as switching an offering \
     from per-request to token prices) is applied together with the next one";

/// Options of a diff: the scenarios to compare.
#[derive(Debug, Clone, Default)]
pub struct DiffOptions {
    /// Scenario names; empty means every scenario both models have.
    pub scenarios: Vec<String>,
}

/// The differences between two models and their effect on the figures.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    /// Version of the JSON layout, as in `roi project`.
    pub schema_version: u32,
    pub currency: String,
    /// Horizons of BASE and OTHER, in months.
    pub base_horizon_months: u32,
    pub other_horizon_months: u32,
    pub scenarios: Vec<String>,
    /// The order of the NPV attribution: [`ATTRIBUTION_ORDER`].
    pub attribution_order: &'static str,
    pub inputs: Vec<InputChange>,
    pub figures: Vec<FigureChange>,
    pub attribution: Vec<Attribution>,
}

impl Diff {
    /// Returns the change of one figure in one scenario.
    pub fn figure(&self, scenario: &str, figure: Metric) -> Option<&FigureChange> {
        self.figures
            .iter()
            .find(|change| change.scenario == scenario && change.figure == figure)
    }
}

/// One input that differs, with its values as written; `None` where a model
/// does not have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputChange {
    pub path: String,
    pub base: Option<String>,
    pub other: Option<String>,
}

/// One headline figure of one scenario in both models.
#[derive(Debug, Clone, Serialize)]
pub struct FigureChange {
    pub scenario: String,
    pub figure: Metric,
    #[serde(with = "dec_opt")]
    pub base: Option<Decimal>,
    #[serde(with = "dec_opt")]
    pub other: Option<Decimal>,
    /// `other − base`; `null` when either is.
    #[serde(with = "dec_opt")]
    pub delta: Option<Decimal>,
    /// Reasons for a `null` in `base` or `other`, under those keys.
    pub unavailable: Unavailable,
}

/// The part of a scenario's NPV change credited to one change.
#[derive(Debug, Clone, Serialize)]
pub struct Attribution {
    pub scenario: String,
    /// The changed input, table or array; changes applied together are
    /// joined with ` + `.
    pub path: String,
    /// The inputs of [`Diff::inputs`] the change covers.
    pub inputs: Vec<String>,
    #[serde(with = "dec")]
    pub npv_delta: Decimal,
}

/// Compares two models. Fails when either model is invalid, when their
/// currencies differ, or when a named scenario is not in both.
pub fn diff(base: &Inputs, other: &Inputs, options: &DiffOptions) -> Result<Diff, InputError> {
    let base_model = decode::decode(base)?;
    let other_model = decode::decode(other)?;
    if base_model.currency != other_model.currency {
        return Err(InputError::new(format!(
            "cannot diff models in different currencies: `{}` is in {} and `{}` in {}",
            crate::input::source::display_path(&base.model_path),
            base_model.currency,
            crate::input::source::display_path(&other.model_path),
            other_model.currency
        ))
        .with_help("give both models the same [model] currency; an [fx] rate converts catalogue prices"));
    }

    let base_names: Vec<&str> = base_model.scenarios.iter().map(|s| s.name.as_str()).collect();
    let other_names: Vec<&str> = other_model.scenarios.iter().map(|s| s.name.as_str()).collect();
    let scenarios = select_scenarios(&base_names, &other_names, &options.scenarios)?;
    let base_results = project_scenarios(base, &scenarios, false)?;
    let other_results = project_scenarios(other, &scenarios, false)?;

    let changes = changed_inputs(base, other);
    let steps = plan_steps(&base.root, &other.root, &changes);
    let attribution = attribute(base, other, &steps, &scenarios, &base_results, &other_results);

    Ok(Diff {
        schema_version: SCHEMA_VERSION,
        currency: base_model.currency,
        base_horizon_months: base_model.horizon_months,
        other_horizon_months: other_model.horizon_months,
        figures: compare_figures(&base_results, &other_results),
        scenarios,
        attribution_order: ATTRIBUTION_ORDER,
        inputs: changes.into_iter().map(|(_, change)| change).collect(),
        attribution,
    })
}

/// Rounds a figure to [`FIGURE_DECIMALS`] places, halves away from zero.
pub fn round_figure(value: Decimal) -> Decimal {
    value
        .round_dp_with_strategy(FIGURE_DECIMALS, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

/// The named scenarios, each of which both models must have, or every
/// scenario of BASE that OTHER has too.
fn select_scenarios(base: &[&str], other: &[&str], names: &[String]) -> Result<Vec<String>, InputError> {
    let common: Vec<&str> = base.iter().copied().filter(|name| other.contains(name)).collect();
    if names.is_empty() {
        if common.is_empty() {
            return Err(
                InputError::new("the models have no scenario in common").with_help(format!(
                    "BASE has {} and OTHER has {}; name the scenarios alike in both",
                    base.join(", "),
                    other.join(", ")
                )),
            );
        }
        return Ok(common.iter().map(|name| name.to_string()).collect());
    }
    let mut selected = Vec::new();
    for name in names {
        if !common.contains(&name.as_str()) {
            let error = InputError::new(format!(
                "unknown scenario `{name}` given to --scenario: it must be in both models"
            ));
            return Err(match did_you_mean(name, common.iter().copied()) {
                Some(suggestion) => error.with_help(format!("did you mean `{suggestion}`?")),
                None => error.with_help(format!("scenarios in both models: {}", common.join(", "))),
            });
        }
        if !selected.contains(name) {
            selected.push(name.clone());
        }
    }
    Ok(selected)
}

/// Lists the inputs that differ: those of BASE in its order, then those
/// only OTHER has, in its order.
fn changed_inputs(base: &Inputs, other: &Inputs) -> Vec<(Path, InputChange)> {
    let mut changes = Vec::new();
    for (path, node) in base.root.leaves() {
        let counterpart = other.root.lookup(&path).filter(|node| !is_table(node));
        if counterpart.is_some_and(|counterpart| canonical(node) == canonical(counterpart)) {
            continue;
        }
        let change = InputChange {
            path: path.to_string(),
            base: Some(show_node(&base.sources, node)),
            other: counterpart.map(|node| show_node(&other.sources, node)),
        };
        changes.push((path, change));
    }
    for (path, node) in other.root.leaves() {
        if base.root.lookup(&path).filter(|node| !is_table(node)).is_none() {
            let change = InputChange {
                path: path.to_string(),
                base: None,
                other: Some(show_node(&other.sources, node)),
            };
            changes.push((path, change));
        }
    }
    changes
}

fn is_table(node: &Node) -> bool {
    matches!(node.value, Value::Table(_))
}

/// A value reduced to what the decoder reads from it, so that `0.10` equals
/// `0.1` and `"10%"` equals `0.1`.
#[derive(Debug, PartialEq)]
enum Canonical {
    Number(Decimal),
    Text(String),
    Boolean(bool),
    Date(String),
    List(Vec<Canonical>),
    Table(Vec<(String, Canonical)>),
}

fn canonical(node: &Node) -> Canonical {
    match &node.value {
        Value::Integer(text) | Value::Float(text) => match crate::input::read::parse_decimal(text) {
            Ok(number) => Canonical::Number(number),
            Err(_) => Canonical::Text(text.clone()),
        },
        Value::String(text) => {
            let trimmed = text.trim();
            let number = match trimmed.strip_suffix('%') {
                Some(percent) => crate::input::read::parse_decimal(percent.trim_end())
                    .ok()
                    .map(|number| number / Decimal::ONE_HUNDRED),
                None => crate::input::read::parse_decimal(trimmed).ok(),
            };
            number.map_or_else(|| Canonical::Text(text.clone()), Canonical::Number)
        }
        Value::Boolean(flag) => Canonical::Boolean(*flag),
        Value::Datetime(datetime) => Canonical::Date(datetime.to_string()),
        Value::Array(items) => Canonical::List(items.iter().map(canonical).collect()),
        Value::Table(table) => {
            let mut entries: Vec<(String, Canonical)> = table
                .iter()
                .map(|(key, entry)| (key.clone(), canonical(&entry.node)))
                .collect();
            entries.sort_by(|left, right| left.0.cmp(&right.0));
            Canonical::Table(entries)
        }
    }
}

/// Formats a value for display: strings without quotes, everything else as written.
fn show_node(sources: &SourceMap, node: &Node) -> String {
    match &node.value {
        Value::String(text) => text.clone(),
        Value::Integer(text) | Value::Float(text) => text.clone(),
        Value::Boolean(flag) => flag.to_string(),
        Value::Datetime(datetime) => datetime.to_string(),
        Value::Array(_) | Value::Table(_) => sources
            .snippet(node.loc)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// One change of the attribution: the subtree at `unit` takes OTHER's value.
#[derive(Debug, Clone)]
struct Step {
    unit: Path,
    /// Paths of the changed inputs the step covers.
    inputs: Vec<String>,
}

/// Groups the changed inputs into steps, in the order of their first input.
/// A changed value is a step of its own. An input under a table that only
/// one model has (an added agent, a removed offering) makes that whole
/// table the step, and an array of tables whose length differs is replaced
/// as a whole.
fn plan_steps(base: &Table, other: &Table, changes: &[(Path, InputChange)]) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    for (path, change) in changes {
        let unit = divergence(base, other, path);
        match steps.iter_mut().find(|step| step.unit == unit) {
            Some(step) => step.inputs.push(change.path.clone()),
            None => steps.push(Step {
                unit,
                inputs: vec![change.path.clone()],
            }),
        }
    }

    // A step inside another step's unit is covered by the outermost such step.
    let units: Vec<Path> = steps.iter().map(|step| step.unit.clone()).collect();
    let mut kept: Vec<Step> = Vec::new();
    let mut covered: Vec<(Path, Vec<String>)> = Vec::new();
    for step in steps {
        let outermost = units
            .iter()
            .filter(|unit| unit.segments.len() < step.unit.segments.len())
            .filter(|unit| step.unit.segments.starts_with(&unit.segments))
            .min_by_key(|unit| unit.segments.len());
        match outermost {
            Some(unit) => covered.push((unit.clone(), step.inputs)),
            None => kept.push(step),
        }
    }
    for (unit, inputs) in covered {
        if let Some(step) = kept.iter_mut().find(|step| step.unit == unit) {
            step.inputs.extend(inputs);
        }
    }
    kept
}

/// Returns the shortest prefix of `path` below which the two trees stop
/// having the same structure: the first prefix that is not a table (or an
/// array) in both. An array item that only one tree has lifts the prefix to
/// the array.
fn divergence(base: &Table, other: &Table, path: &Path) -> Path {
    for length in 1..=path.segments.len() {
        let prefix = Path {
            segments: path.segments[..length].to_vec(),
        };
        let left = base.lookup(&prefix).map(|node| &node.value);
        let right = other.lookup(&prefix).map(|node| &node.value);
        let same_container = matches!(
            (left, right),
            (Some(Value::Table(_)), Some(Value::Table(_))) | (Some(Value::Array(_)), Some(Value::Array(_)))
        );
        if same_container {
            continue;
        }
        let missing_item =
            matches!(prefix.segments.last(), Some(PathSegment::Index(_))) && (left.is_none() || right.is_none());
        if missing_item {
            return Path {
                segments: path.segments[..length - 1].to_vec(),
            };
        }
        return prefix;
    }
    path.clone()
}

/// Applies the steps to a copy of BASE one at a time and credits each with
/// the change in NPV of every scenario. A step after which the model does
/// not decode or project is applied together with the next; the last step
/// ends at OTHER's own projection.
fn attribute(
    base: &Inputs,
    other: &Inputs,
    steps: &[Step],
    scenarios: &[String],
    base_results: &[ScenarioResult],
    other_results: &[ScenarioResult],
) -> Vec<Attribution> {
    let npvs = |results: &[ScenarioResult]| -> Vec<Decimal> {
        results.iter().map(|result| round_figure(result.npv)).collect()
    };
    let mut working = base.clone();
    let offset = working.sources.append(&other.sources);
    let mut previous = npvs(base_results);
    let mut pending: Vec<&Step> = Vec::new();
    let mut parts: Vec<Vec<Attribution>> = vec![Vec::new(); scenarios.len()];

    for (index, step) in steps.iter().enumerate() {
        let applied = match other.root.lookup(&step.unit) {
            Some(node) => {
                let mut node = node.clone();
                node.shift_sources(offset);
                working.root.set_path(&step.unit, node)
            }
            None => working.root.remove_path(&step.unit).is_some(),
        };
        pending.push(step);
        let current = if index + 1 == steps.len() {
            Some(npvs(other_results))
        } else if applied {
            project_scenarios(&working, scenarios, false)
                .ok()
                .map(|results| npvs(&results))
        } else {
            None
        };
        let Some(current) = current else {
            continue;
        };

        let path = pending
            .iter()
            .map(|step| step.unit.to_string())
            .collect::<Vec<_>>()
            .join(" + ");
        let inputs: Vec<String> = pending.iter().flat_map(|step| step.inputs.iter().cloned()).collect();
        for (position, scenario) in scenarios.iter().enumerate() {
            parts[position].push(Attribution {
                scenario: scenario.clone(),
                path: path.clone(),
                inputs: inputs.clone(),
                npv_delta: current[position] - previous[position],
            });
        }
        previous = current;
        pending.clear();
    }
    parts.into_iter().flatten().collect()
}

/// Compares the headline figures of each scenario.
fn compare_figures(base: &[ScenarioResult], other: &[ScenarioResult]) -> Vec<FigureChange> {
    let mut figures = Vec::new();
    for (base, other) in base.iter().zip(other) {
        for figure in Metric::DIFF_FIGURES {
            let base_value = figure.value(base).map(round_figure);
            let other_value = figure.value(other).map(round_figure);
            let mut unavailable = Unavailable::new();
            for (key, value, result) in [("base", base_value, base), ("other", other_value, other)] {
                if value.is_none() {
                    let reason = figure.unavailable_reason(result).unwrap_or("not computed");
                    unavailable.insert(key.to_string(), reason.to_string());
                }
            }
            figures.push(FigureChange {
                scenario: base.name.clone(),
                figure,
                base: base_value,
                other: other_value,
                delta: base_value.zip(other_value).map(|(base, other)| other - base),
                unavailable,
            });
        }
    }
    figures
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    /// A year at 0%: 1,000 requests a month, $0.001 against $0.004 a
    /// request, $12 invested. Savings are $36 and the NPV $24.
    const BASE: &str = r#"
[model]
start = "2026-01"
horizon_months = 12

[deployment]
candidate = "small"
baseline = "big"

[offerings.small]
provider = "X"
per_request = 0.001

[offerings.big]
provider = "Y"
per_request = 0.004

[workload.agents.a]
requests_per_month = 1000

[investment.setup]
amount = 12

[finance]
discount_rate = "0%"

[scenarios.flat]
growth = "0%"
"#;

    fn model(text: &str) -> Inputs {
        Inputs::from_text("model.toml", text).unwrap()
    }

    fn run(base: &str, other: &str) -> Diff {
        diff(&model(base), &model(other), &DiffOptions::default()).unwrap()
    }

    fn npv_total(diff: &Diff) -> Decimal {
        diff.figure("flat", Metric::Npv).unwrap().delta.unwrap()
    }

    fn parts(diff: &Diff) -> Vec<(&str, Decimal)> {
        diff.attribution
            .iter()
            .map(|part| (part.path.as_str(), part.npv_delta))
            .collect()
    }

    #[test]
    fn same_model_has_no_change() {
        let result = run(BASE, BASE);
        assert!(result.inputs.is_empty());
        assert!(result.attribution.is_empty());
        assert!(result.figures.iter().all(|figure| figure.delta == Some(Decimal::ZERO)));
    }

    #[test]
    fn two_changes_split_the_npv() {
        // BASE lists the candidate's price first: at $0.002 savings fall
        // from $36 to $24 (−$12). Then 2,000 requests double them to $48
        // (+$24). NPV 24 → 36.
        let other = BASE
            .replace("requests_per_month = 1000", "requests_per_month = 2000")
            .replace("per_request = 0.001", "per_request = 0.002");
        let result = run(BASE, &other);
        assert_eq!(npv_total(&result), dec!(12));
        assert_eq!(
            parts(&result),
            [
                ("offerings.small.per_request", dec!(-12)),
                ("workload.agents.a.requests_per_month", dec!(24)),
            ]
        );
    }

    #[test]
    fn percent_and_fraction_are_equal() {
        let other = BASE.replace("discount_rate = \"0%\"", "discount_rate = 0.0");
        assert!(run(BASE, &other).inputs.is_empty());
    }

    #[test]
    fn added_agent_is_one_step() {
        let other = format!("{BASE}\n[workload.agents.b]\nrequests_per_month = 500\n");
        let result = run(BASE, &other);
        assert_eq!(result.inputs.len(), 1);
        assert_eq!(result.inputs[0].base, None);
        // 500 more requests save 12 × 500 × 0.003 = $18.
        assert_eq!(parts(&result), [("workload.agents.b", dec!(18))]);
    }

    #[test]
    fn removed_section_is_one_step() {
        // OTHER has no [investment] at all: the section is one change.
        let other = BASE.replace("[investment.setup]\namount = 12\n", "");
        let result = run(BASE, &other);
        assert_eq!(parts(&result), [("investment", dec!(12))]);
        assert_eq!(result.inputs[0].other, None);
    }

    #[test]
    fn switch_of_pricing_is_applied_together() {
        // per_request → tokens. Removing per_request alone leaves no usage
        // price, and token prices need token counts, so the five changes
        // form one step. 100 + 100 tokens at $5 per million are $0.001 a
        // request: the NPV does not change.
        let other = BASE.replace(
            "provider = \"X\"\nper_request = 0.001",
            "provider = \"X\"\ninput_per_mtok = 5\noutput_per_mtok = 5",
        ) + "\n[workload]\ninput_tokens = 100\noutput_tokens = 100\n";
        let result = run(BASE, &other);
        assert_eq!(result.inputs.len(), 5);
        assert_eq!(
            parts(&result),
            [(
                "offerings.small.per_request + offerings.small.input_per_mtok + offerings.small.output_per_mtok \
                 + workload.input_tokens + workload.output_tokens",
                dec!(0)
            )]
        );
    }

    #[test]
    fn currencies_must_match() {
        let other = BASE.replace("horizon_months = 12", "horizon_months = 12\ncurrency = \"EUR\"");
        let error = diff(&model(BASE), &model(&other), &DiffOptions::default()).unwrap_err();
        assert!(
            error.message.starts_with("cannot diff models in different currencies"),
            "{}",
            error.message
        );
    }

    #[test]
    fn unknown_scenario_is_rejected() {
        let options = DiffOptions {
            scenarios: vec!["flta".to_string()],
        };
        let error = diff(&model(BASE), &model(BASE), &options).unwrap_err();
        assert_eq!(error.help.as_deref(), Some("did you mean `flat`?"));
    }

    #[test]
    fn divergence_lifts_array_items() {
        let base = model("[ops.a]\nsteps = [{ m = 1 }]\n").root;
        let other = model("[ops.a]\nsteps = [{ m = 1 }, { m = 2 }]\n").root;
        let path = Path::parse("ops.a.steps[1].m").unwrap();
        assert_eq!(divergence(&base, &other, &path).to_string(), "ops.a.steps");
        let path = Path::parse("ops.a.steps[0].m").unwrap();
        assert_eq!(divergence(&base, &other, &path).to_string(), "ops.a.steps[0].m");
    }
}
