//! Numeric inputs of the document tree: which keys hold a continuous number,
//! the values each may take, how a value is read from its literal, and how a
//! changed value is written back so that the decoder accepts it.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::InputError;
use crate::input::Inputs;
use crate::input::read::parse_decimal;
use crate::input::suggest::did_you_mean;
use crate::input::tree::{Node, Path, PathSegment, Value};

/// The kind of number a key contains, which sets its valid range and how a
/// changed value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// An amount, price, volume or count of zero or more.
    Amount,
    /// An amount that must be greater than zero.
    Positive,
    /// An amount of either sign (a benefit may be negative).
    Signed,
    /// An annual rate above −100%: growth, price change, discount rate.
    Rate,
    /// A share from 0% to 100%.
    Share,
}

impl Kind {
    /// Returns the kind of the number at `path`, from its last key and
    /// section, or `None` for keys without a number or with whole numbers only.
    pub fn of(path: &Path) -> Option<Kind> {
        let section = match path.segments.first() {
            Some(PathSegment::Key(key)) => key.as_str(),
            _ => return None,
        };
        if section == "fx" && path.segments.len() == 2 {
            return Some(Kind::Positive);
        }
        let key = path.last_key()?;
        let kind = match key {
            "growth" | "price_change" | "discount_rate" => Kind::Rate,
            "cached_share" | "cache_write_share" | "batch_share" | "share" | "discount" | "batch_discount"
            | "contingency" => Kind::Share,
            "hours_per_month" | "requests_per_replica_hour" | "customer_price" | "competitor_price" => Kind::Positive,
            "monthly" | "value_per_unit" if section == "benefits" => Kind::Signed,
            "requests_per_month"
            | "input_tokens"
            | "output_tokens"
            | "reasoning_tokens"
            | "input_per_mtok"
            | "output_per_mtok"
            | "cache_read_per_mtok"
            | "cache_write_per_mtok"
            | "reasoning_per_mtok"
            | "per_request"
            | "hourly"
            | "monthly_fee"
            | "training_per_mtok"
            | "training_minimum"
            | "above_input_tokens"
            | "amount"
            | "hours"
            | "rate"
            | "monthly"
            | "from_requests"
            | "units"
            | "value_per_unit"
            | "examples"
            | "tokens_per_example"
            | "epochs"
            | "requests_per_customer" => Kind::Amount,
            _ => return None,
        };
        Some(kind)
    }

    /// Returns whether the value is a rate or share, shown as a percentage.
    pub fn is_rate(self) -> bool {
        matches!(self, Kind::Rate | Kind::Share)
    }

    /// Returns the smallest valid value and whether it is valid itself.
    pub fn lower_bound(self) -> Option<(Decimal, bool)> {
        match self {
            Kind::Amount | Kind::Share => Some((Decimal::ZERO, true)),
            Kind::Positive => Some((Decimal::ZERO, false)),
            Kind::Rate => Some((-Decimal::ONE, false)),
            Kind::Signed => None,
        }
    }

    /// Returns the largest valid value (inclusive).
    pub fn upper_bound(self) -> Option<Decimal> {
        match self {
            Kind::Share => Some(Decimal::ONE),
            _ => None,
        }
    }

    /// Returns whether `value` is in the key's valid range.
    pub fn admits(self, value: Decimal) -> bool {
        let above_lower = match self.lower_bound() {
            Some((bound, true)) => value >= bound,
            Some((bound, false)) => value > bound,
            None => true,
        };
        let below_upper = self.upper_bound().is_none_or(|bound| value <= bound);
        above_lower && below_upper
    }
}

/// Keys that hold whole numbers, which no what-if command varies.
const WHOLE_NUMBER_KEYS: &[&str] = &["horizon_months", "min_replicas", "models_deployed"];

/// A numeric input found in the tree.
#[derive(Debug, Clone)]
pub struct NumericInput {
    pub path: Path,
    pub kind: Kind,
    /// The value as the decoder reads it; rates and shares as fractions.
    pub value: Decimal,
    /// Whether the literal is a percentage string such as `"10%"`.
    pub written_as_percent: bool,
}

impl NumericInput {
    /// Reads the input at `path` from a node. Returns `None` when the node
    /// contains no number or the key is not a continuous numeric input.
    pub fn from_node(path: &Path, node: &Node) -> Option<NumericInput> {
        let kind = Kind::of(path)?;
        let (value, written_as_percent) = read_number(&node.value)?;
        Some(NumericInput {
            path: path.clone(),
            kind,
            value,
            written_as_percent,
        })
    }

    /// Finds the input at `path`. The error names the path and suggests a
    /// numeric input for a typo, a table or a value that is not a number.
    pub fn find(inputs: &Inputs, path_text: &str) -> Result<NumericInput, InputError> {
        let help = "give the dotted path of a numeric input, e.g. \
                    workload.agents.qa.requests_per_month or offerings.gpt-4o.input_per_mtok";
        let Some(path) = Path::parse(path_text.trim()) else {
            return Err(InputError::new(format!("invalid input path `{path_text}`")).with_help(help));
        };
        let candidates = numeric_inputs(inputs);
        let Some(node) = inputs.root.lookup(&path) else {
            let parent = Path {
                segments: path.segments[..path.segments.len().saturating_sub(1)].to_vec(),
            };
            let parent_exists = parent.segments.is_empty() || inputs.root.lookup(&parent).is_some();
            if parent_exists && Kind::of(&path).is_some() {
                return Err(InputError::new(format!(
                    "input `{path}` is not written in the model, so it takes its default value"
                ))
                .with_help(format!("write it first, e.g. --set {path}=0, then vary it")));
            }
            let names: Vec<String> = candidates.iter().map(|input| input.path.to_string()).collect();
            let error = InputError::new(format!("input `{path}` not found in the model"));
            return Err(
                match did_you_mean(&path.to_string(), names.iter().map(String::as_str)) {
                    Some(suggestion) => error.with_help(format!("did you mean `{suggestion}`?")),
                    None => error.with_help(help),
                },
            );
        };
        if let Some(input) = NumericInput::from_node(&path, node) {
            return Ok(input);
        }
        let written = inputs.sources.snippet(node.loc);
        let key = path.last_key().unwrap_or_default();
        let problem = match &node.value {
            Value::Table(_) => {
                let prefix = format!("{path}.");
                let below: Vec<String> = candidates
                    .iter()
                    .map(|input| input.path.to_string())
                    .filter(|name| name.starts_with(&prefix))
                    .take(5)
                    .collect();
                let hint = if below.is_empty() {
                    help.to_string()
                } else {
                    format!("numeric inputs under it: {}", below.join(", "))
                };
                return Err(InputError::new(format!("input `{path}` is a table, not a number")).with_help(hint));
            }
            _ if WHOLE_NUMBER_KEYS.contains(&key) => "takes whole numbers only, so it cannot be varied continuously",
            _ => "is not a numeric input",
        };
        Err(InputError::new(format!(
            "input `{path}` = {} {problem}",
            crate::input::read::short(written)
        ))
        .with_help(help))
    }

    /// Returns the literal to write back for `value`, in a form the decoder accepts
    /// for this key. A rate or share keeps the percentage form it was
    /// written in, and a fraction above 1 becomes a percentage, because a
    /// bare number above 1 is rejected as an ambiguous rate.
    ///
    /// ```
    /// use roi::input::tree::{Path, Value};
    /// use roi::whatif::numeric::{Kind, NumericInput};
    /// use rust_decimal_macros::dec;
    /// let growth = NumericInput { path: Path::parse("scenarios.a.growth").unwrap(), kind: Kind::Rate, value: dec!(0.1), written_as_percent: false };
    /// assert!(matches!(growth.literal(dec!(0.12)), Value::Float(text) if text == "0.12"));
    /// assert!(matches!(growth.literal(dec!(1.5)), Value::String(text) if text == "150%"));
    /// ```
    pub fn literal(&self, value: Decimal) -> Value {
        let value = value.normalize();
        if self.kind.is_rate() && (self.written_as_percent || value.abs() > Decimal::ONE) {
            return Value::String(format!("{}%", (value * Decimal::ONE_HUNDRED).normalize()));
        }
        if value.fract().is_zero() {
            Value::Integer(value.trunc().to_string())
        } else {
            Value::Float(value.to_string())
        }
    }
}

/// Significant digits of the values a [`Variable`] writes for its inputs:
/// far more than any search needs, and few enough that the decoder accepts
/// the literal.
const WRITTEN_DIGITS: u32 = 20;

/// One value that what-if commands vary: a single numeric input, or every
/// input that matches a path with `*` segments. Matched inputs are scaled
/// together, keeping their mix, so that their sum takes the value:
/// `workload.agents.*.requests_per_month` is the total volume.
#[derive(Debug, Clone)]
pub struct Variable {
    /// The path as given, with any `*`.
    pub pattern: String,
    pub kind: Kind,
    /// The input's value, or the sum of the matched inputs.
    pub value: Decimal,
    /// The matched inputs; exactly one for a path without `*`.
    pub inputs: Vec<NumericInput>,
}

impl Variable {
    /// Finds the input at `pattern`, or every numeric input matching it when
    /// it has `*` segments (each `*` matches one key). Matched inputs must be
    /// amounts of one kind whose sum is not zero.
    pub fn find(inputs: &Inputs, pattern: &str) -> Result<Variable, InputError> {
        let pattern = pattern.trim();
        if !pattern.split('.').any(|segment| segment == "*") {
            let input = NumericInput::find(inputs, pattern)?;
            return Ok(Variable {
                pattern: input.path.to_string(),
                kind: input.kind,
                value: input.value,
                inputs: vec![input],
            });
        }

        let quoted: Vec<&str> = pattern
            .split('.')
            .map(|segment| if segment == "*" { "\"*\"" } else { segment })
            .collect();
        let Some(wildcard) = Path::parse(&quoted.join(".")) else {
            return Err(InputError::new(format!("invalid input path `{pattern}`")).with_help(
                "write a dotted path in which `*` stands for any one key, e.g. workload.agents.*.requests_per_month",
            ));
        };
        let matched: Vec<NumericInput> = numeric_inputs(inputs)
            .into_iter()
            .filter(|input| matches_wildcard(&wildcard, &input.path))
            .collect();
        let Some(first) = matched.first() else {
            return Err(InputError::new(format!("no numeric input matches `{pattern}`"))
                .with_help("`*` stands for any one key, e.g. workload.agents.*.requests_per_month"));
        };

        let kind = first.kind;
        if let Some(other) = matched.iter().find(|input| input.kind != kind || input.kind.is_rate()) {
            return Err(InputError::new(format!(
                "the inputs matching `{pattern}` cannot be varied together: `{}` is not an amount like `{}`",
                other.path, first.path
            ))
            .with_help("a path with `*` scales amounts together; vary a rate or share by its own path"));
        }
        let value: Decimal = matched.iter().map(|input| input.value).sum();
        if value.is_zero() {
            return Err(InputError::new(format!(
                "the inputs matching `{pattern}` add up to zero, so they cannot be scaled together"
            ))
            .with_help("vary one of them by its own path"));
        }
        Ok(Variable {
            pattern: pattern.to_string(),
            kind,
            value,
            inputs: matched,
        })
    }

    /// Returns the value to write for each input when the variable is
    /// `value`: the value itself for one input, or each input scaled by
    /// `value ÷ self.value`.
    pub fn assignments(&self, value: Decimal) -> Vec<(&NumericInput, Decimal)> {
        if let [input] = self.inputs.as_slice() {
            return vec![(input, value)];
        }
        self.inputs
            .iter()
            .map(|input| {
                let scaled = input.value * value / self.value;
                let written = scaled
                    .round_sf_with_strategy(WRITTEN_DIGITS, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
                    .unwrap_or(scaled);
                (input, written)
            })
            .collect()
    }
}

/// Returns whether `path` matches `wildcard`, whose `*` keys match any key.
fn matches_wildcard(wildcard: &Path, path: &Path) -> bool {
    wildcard.segments.len() == path.segments.len()
        && wildcard
            .segments
            .iter()
            .zip(&path.segments)
            .all(|(pattern, segment)| match (pattern, segment) {
                (PathSegment::Key(key), PathSegment::Key(_)) if key == "*" => true,
                _ => pattern == segment,
            })
}

/// Reads a number from a literal: TOML numbers, numeric strings, and
/// percentage strings (`"10%"` is 0.1). Returns the number and whether it
/// was written as a percentage.
fn read_number(value: &Value) -> Option<(Decimal, bool)> {
    match value {
        Value::Integer(text) | Value::Float(text) => parse_decimal(text).ok().map(|number| (number, false)),
        Value::String(text) => {
            let text = text.trim();
            match text.strip_suffix('%') {
                Some(number) => parse_decimal(number.trim_end())
                    .ok()
                    .map(|number| (number / Decimal::ONE_HUNDRED, true)),
                None => parse_decimal(text).ok().map(|number| (number, false)),
            }
        }
        _ => None,
    }
}

/// Lists every numeric input of the tree in document order.
pub fn numeric_inputs(inputs: &Inputs) -> Vec<NumericInput> {
    inputs
        .root
        .leaves()
        .into_iter()
        .filter_map(|(path, node)| NumericInput::from_node(&path, node))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    const MODEL: &str = r#"
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

[finance]
discount_rate = "8%"

[scenarios.flat]
growth = 0.1
"#;

    fn inputs() -> Inputs {
        Inputs::from_text("model.toml", MODEL).unwrap()
    }

    #[test]
    fn kinds_follow_keys() {
        let kind = |text: &str| Kind::of(&Path::parse(text).unwrap());
        assert_eq!(kind("scenarios.a.growth"), Some(Kind::Rate));
        assert_eq!(kind("benefits.q.share"), Some(Kind::Share));
        assert_eq!(kind("benefits.q.monthly"), Some(Kind::Signed));
        assert_eq!(kind("operations.q.monthly"), Some(Kind::Amount));
        assert_eq!(kind("operations.q.steps[0].monthly"), Some(Kind::Amount));
        assert_eq!(kind("fx.EUR"), Some(Kind::Positive));
        assert_eq!(kind("model.horizon_months"), None);
        assert_eq!(kind("model.name"), None);
    }

    #[test]
    fn percent_literal_reads_as_fraction() {
        let input = NumericInput::find(&inputs(), "finance.discount_rate").unwrap();
        assert_eq!(input.value, dec!(0.08));
        assert!(input.written_as_percent);
        assert!(matches!(input.literal(dec!(0.096)), Value::String(text) if text == "9.6%"));
    }

    #[test]
    fn amounts_write_plain_numbers() {
        let input = NumericInput::find(&inputs(), "workload.agents.a.requests_per_month").unwrap();
        assert!(matches!(input.literal(dec!(1200.0)), Value::Integer(text) if text == "1200"));
        assert!(matches!(input.literal(dec!(0.00012)), Value::Float(text) if text == "0.00012"));
    }

    #[test]
    fn missing_path_suggests_input() {
        let error = NumericInput::find(&inputs(), "offerings.small.per_requests").unwrap_err();
        assert_eq!(
            error.message,
            "input `offerings.small.per_requests` not found in the model"
        );
        assert_eq!(
            error.help.as_deref(),
            Some("did you mean `offerings.small.per_request`?")
        );
    }

    #[test]
    fn non_numeric_path_is_rejected() {
        let error = NumericInput::find(&inputs(), "offerings.small.provider").unwrap_err();
        assert_eq!(
            error.message,
            "input `offerings.small.provider` = \"X\" is not a numeric input"
        );
        let error = NumericInput::find(&inputs(), "model.horizon_months").unwrap_err();
        assert!(error.message.contains("whole numbers only"), "{}", error.message);
        let error = NumericInput::find(&inputs(), "workload.agents.a").unwrap_err();
        assert_eq!(error.message, "input `workload.agents.a` is a table, not a number");
        assert_eq!(
            error.help.as_deref(),
            Some("numeric inputs under it: workload.agents.a.requests_per_month")
        );
    }

    #[test]
    fn wildcard_sums_and_scales_amounts() {
        let text = MODEL.replace(
            "[finance]",
            "[workload.agents.b]\nrequests_per_month = 3000\n\n[finance]",
        );
        let inputs = Inputs::from_text("model.toml", &text).unwrap();
        let variable = Variable::find(&inputs, "workload.agents.*.requests_per_month").unwrap();
        assert_eq!(variable.value, dec!(4000));
        let values: Vec<(String, Decimal)> = variable
            .assignments(dec!(2000))
            .into_iter()
            .map(|(input, value)| (input.path.to_string(), value))
            .collect();
        assert_eq!(
            values,
            [
                ("workload.agents.a.requests_per_month".to_string(), dec!(500)),
                ("workload.agents.b.requests_per_month".to_string(), dec!(1500)),
            ]
        );
    }

    #[test]
    fn wildcard_rejects_rates_and_misses() {
        let error = Variable::find(&inputs(), "scenarios.*.growth").unwrap_err();
        assert!(error.message.contains("cannot be varied together"), "{}", error.message);
        let error = Variable::find(&inputs(), "workload.*.requests_per_month").unwrap_err();
        assert_eq!(
            error.message,
            "no numeric input matches `workload.*.requests_per_month`"
        );
    }

    #[test]
    fn kinds_admit_their_range() {
        assert!(Kind::Share.admits(dec!(1)));
        assert!(!Kind::Share.admits(dec!(1.01)));
        assert!(!Kind::Rate.admits(dec!(-1)));
        assert!(Kind::Rate.admits(dec!(-0.99)));
        assert!(!Kind::Positive.admits(dec!(0)));
        assert!(Kind::Signed.admits(dec!(-5)));
    }
}
