//! The assumptions register: every input value after overlays and
//! overrides, with its unit and the file and line it came from.

use serde::Serialize;

use crate::input::Inputs;
use crate::input::source::SourceMap;
use crate::input::tree::{Node, Path, PathSegment, Value};

/// The inputs of one top-level section, such as `workload` or `offerings`.
#[derive(Debug, Clone, Serialize)]
pub struct AssumptionGroup {
    pub section: String,
    pub rows: Vec<Assumption>,
}

/// One input value.
#[derive(Debug, Clone, Serialize)]
pub struct Assumption {
    /// The dotted path, as `--set` takes it.
    pub input: String,
    /// The value as written in its file, on one line.
    pub value: String,
    pub unit: String,
    /// The file (or `--set`) and line the value came from.
    pub file: String,
    pub line: usize,
}

/// Units of the input keys; `{currency}` stands for the model's currency
/// and `{price_currency}` for the currency an offering is priced in.
const UNITS: &[(&str, &str)] = &[
    // [model]
    ("name", "text"),
    ("currency", "ISO 4217 code"),
    ("as_of", "date"),
    ("start", "month (YYYY-MM)"),
    ("horizon_months", "months"),
    ("prices", "file, relative to the model"),
    ("note", "text"),
    // [deployment]
    ("candidate", "offering id"),
    ("baseline", "offering id"),
    ("alternatives", "offering ids"),
    ("models_deployed", "models"),
    // [workload] and its agents
    ("requests_per_month", "requests/month"),
    ("input_tokens", "tokens/request"),
    ("output_tokens", "tokens/request"),
    ("cached_share", "share of input tokens"),
    ("cache_write_share", "share of input tokens"),
    ("reasoning_tokens", "tokens/request"),
    ("batch_share", "share of requests"),
    // [investment], [operations], [benefits]
    ("amount", "{currency}, one-time"),
    ("hours", "hours"),
    ("rate", "{currency}/hour"),
    ("sunk", "true or false"),
    ("monthly", "{currency}/month"),
    ("from_requests", "requests/month"),
    ("units", "units/month"),
    ("value_per_unit", "{currency}/unit"),
    ("share", "share of the units"),
    ("scale_with_volume", "true or false"),
    // [training]
    ("examples", "examples/model"),
    ("tokens_per_example", "tokens/example"),
    ("epochs", "passes over the data"),
    // [budget], [finance], [pricing_strategy]
    ("contingency", "share of the year-1 cost"),
    ("discount_rate", "annual, effective"),
    ("customer_price", "{currency}/customer/month"),
    ("competitor_price", "{currency}/customer/month"),
    ("requests_per_customer", "requests/customer/month"),
    // [scenarios]
    ("growth", "annual, effective"),
    ("compounding", "yearly or monthly"),
    ("price_change", "annual, effective"),
    // [offerings]
    ("provider", "text"),
    ("model", "text"),
    ("source", "URL or document"),
    ("input_per_mtok", "{price_currency}/1M tokens"),
    ("output_per_mtok", "{price_currency}/1M tokens"),
    ("cache_read_per_mtok", "{price_currency}/1M tokens"),
    ("cache_write_per_mtok", "{price_currency}/1M tokens"),
    ("reasoning_per_mtok", "{price_currency}/1M tokens"),
    ("above_input_tokens", "input tokens/request"),
    ("batch_discount", "share off batch requests"),
    ("per_request", "{price_currency}/request"),
    ("hourly", "{price_currency}/replica-hour"),
    ("hours_per_month", "hours/month"),
    ("min_replicas", "replicas"),
    ("requests_per_replica_hour", "requests/replica-hour"),
    ("monthly_fee", "{price_currency}/month per model"),
    ("training_per_mtok", "{price_currency}/1M training tokens"),
    ("training_minimum", "{price_currency}/model trained"),
    ("discount", "share off usage prices"),
];

/// Units that depend on the section: hours of operations recur monthly.
const SECTION_UNITS: &[(&str, &str, &str)] = &[("operations", "hours", "hours/month")];

/// Lists every input of the model, grouped by top-level section in the
/// order the sections first appear.
pub fn register(inputs: &Inputs, currency: &str) -> Vec<AssumptionGroup> {
    let mut groups: Vec<AssumptionGroup> = Vec::new();
    for (path, node) in inputs.root.leaves() {
        let section = match path.segments.first() {
            Some(PathSegment::Key(key)) => key.clone(),
            _ => String::new(),
        };
        let location = inputs.sources.location(node.loc);
        let row = Assumption {
            input: path.to_string(),
            value: display_value(&inputs.sources, node),
            unit: unit(inputs, &path, currency),
            file: location.source_name,
            line: location.line,
        };
        match groups.iter_mut().find(|group| group.section == section) {
            Some(group) => group.rows.push(row),
            None => groups.push(AssumptionGroup {
                section,
                rows: vec![row],
            }),
        }
    }
    groups
}

/// Returns the unit of the input at `path`.
pub fn unit(inputs: &Inputs, path: &Path, currency: &str) -> String {
    let section = match path.segments.first() {
        Some(PathSegment::Key(key)) => key.as_str(),
        _ => "",
    };
    let key = path.last_key().unwrap_or("");
    if section == "fx" {
        return format!("{currency} per {key}");
    }
    let template = SECTION_UNITS
        .iter()
        .find(|(in_section, name, _)| *in_section == section && *name == key)
        .map(|(_, _, unit)| *unit)
        .or_else(|| UNITS.iter().find(|(name, _)| *name == key).map(|(_, unit)| *unit))
        .unwrap_or("");
    template
        .replace("{currency}", currency)
        .replace("{price_currency}", &price_currency(inputs, path, currency))
}

/// Returns the currency an offering's prices are written in: its
/// `currency`, or the model's.
fn price_currency(inputs: &Inputs, path: &Path, currency: &str) -> String {
    let [PathSegment::Key(section), PathSegment::Key(id), ..] = path.segments.as_slice() else {
        return currency.to_string();
    };
    if section != "offerings" {
        return currency.to_string();
    }
    let currency_path = Path::of_keys(&["offerings", id.as_str(), "currency"]);
    match inputs.root.lookup(&currency_path).map(|node| &node.value) {
        Some(Value::String(code)) => code.clone(),
        _ => currency.to_string(),
    }
}

/// Shows a value as written, on one line. Arrays are rebuilt item by item,
/// so a multi-line array reads `["a", "b"]`.
fn display_value(sources: &SourceMap, node: &Node) -> String {
    match &node.value {
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(|item| display_value(sources, item)).collect();
            format!("[{}]", items.join(", "))
        }
        _ => sources
            .snippet(node.loc)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::decode;

    #[test]
    fn every_input_key_has_a_unit() {
        let lists = [
            decode::MODEL_KEYS,
            decode::DEPLOYMENT_KEYS,
            decode::WORKLOAD_KEYS,
            decode::INVESTMENT_KEYS,
            decode::OPERATION_KEYS,
            decode::STEP_KEYS,
            decode::BENEFIT_KEYS,
            decode::TRAINING_KEYS,
            decode::BUDGET_KEYS,
            decode::FINANCE_KEYS,
            decode::PRICING_STRATEGY_KEYS,
            decode::SCENARIO_KEYS,
            decode::OFFERING_KEYS,
            decode::LONG_CONTEXT_KEYS,
        ];
        for key in lists.iter().flat_map(|list| list.iter()) {
            if *key == "long_context" || *key == "steps" {
                continue; // tables, whose leaves have their own keys
            }
            assert!(UNITS.iter().any(|(name, _)| name == key), "no unit for `{key}`");
        }
    }

    #[test]
    fn units_follow_section_and_currency() {
        let text = r#"
[model]
currency = "EUR"
[operations.upkeep]
hours = 2
[offerings.api]
currency = "USD"
input_per_mtok = 2.5
[fx]
USD = "0.92"
"#;
        let inputs = Inputs::from_text("test.toml", text).unwrap();
        let unit_of = |path: &str| unit(&inputs, &Path::parse(path).unwrap(), "EUR");
        assert_eq!(unit_of("operations.upkeep.hours"), "hours/month");
        assert_eq!(unit_of("offerings.api.input_per_mtok"), "USD/1M tokens");
        assert_eq!(unit_of("fx.USD"), "EUR per USD");
        assert_eq!(unit_of("model.currency"), "ISO 4217 code");
    }

    #[test]
    fn register_lists_values_with_file_and_line() {
        let text = "[model]\nname = \"x\"\n\n[deployment]\nalternatives = [\n  \"a\",\n  \"b\",\n]\n";
        let inputs = Inputs::from_text("case.toml", text).unwrap();
        let groups = register(&inputs, "USD");
        assert_eq!(groups.len(), 2);
        let alternatives = &groups[1].rows[0];
        assert_eq!(alternatives.input, "deployment.alternatives");
        assert_eq!(alternatives.value, "[\"a\", \"b\"]");
        assert_eq!(alternatives.unit, "offering ids");
        assert_eq!((alternatives.file.as_str(), alternatives.line), ("case.toml", 5));
    }
}
