//! Typed reading of table fields, with errors that name the file, line, key
//! and value and show what to write instead.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::source::{Loc, SourceMap};
use super::suggest::did_you_mean;
use super::tree::{Entry, Node, Path, Table, Value};
use crate::error::InputError;

/// The fields of one table, checked against the keys it may contain.
pub struct Fields<'a> {
    pub sources: &'a SourceMap,
    pub path: Path,
    pub table: &'a Table,
    pub loc: Loc,
}

impl<'a> Fields<'a> {
    /// Reads `node` as a table whose keys must all be in `known`.
    pub fn new(sources: &'a SourceMap, path: Path, node: &'a Node, known: &[&str]) -> Result<Self, InputError> {
        let Value::Table(table) = &node.value else {
            let in_array = matches!(path.segments.last(), Some(super::tree::PathSegment::Index(_)));
            let help = if in_array {
                "write each item as an inline table, e.g. { from_requests = 500000, monthly = 56 }".to_string()
            } else {
                format!("write it as a table: [{path}]")
            };
            return Err(sources
                .error(
                    node.loc,
                    format!(
                        "`{path}` = {}: expected a table, found {}",
                        short(sources.snippet(node.loc)),
                        node.value.type_name()
                    ),
                )
                .with_help(help));
        };
        let fields = Fields {
            sources,
            path,
            table,
            loc: node.loc,
        };
        fields.reject_unknown(known)?;
        Ok(fields)
    }

    /// Reads `node` as a table of named entries (agents, items, scenarios).
    pub fn entries(sources: &'a SourceMap, path: Path, node: &'a Node) -> Result<Self, InputError> {
        let Value::Table(table) = &node.value else {
            return Err(sources
                .error(
                    node.loc,
                    format!(
                        "`{path}`: expected a table of named entries, found {}",
                        node.value.type_name()
                    ),
                )
                .with_help(format!("write one table per entry: [{path}.<name>]")));
        };
        for (name, entry) in table.iter() {
            if name.trim().is_empty() || name.chars().any(char::is_control) {
                return Err(sources
                    .error(
                        entry.key_loc,
                        format!(
                            "`{}`: a name must not be empty or contain control characters",
                            path.child(name)
                        ),
                    )
                    .with_help("name the entry with letters, digits, `-` or `_`, e.g. [workload.agents.qa]"));
            }
        }
        Ok(Fields {
            sources,
            path,
            table,
            loc: node.loc,
        })
    }

    fn reject_unknown(&self, known: &[&str]) -> Result<(), InputError> {
        for (key, entry) in self.table.iter() {
            if known.contains(&key.as_str()) {
                continue;
            }
            let path = self.path.child(key);
            let mut error = self
                .sources
                .error(entry.key_loc, format!("unknown key `{path}`"))
                .with_label("unknown key");
            error = match did_you_mean(key, known.iter().copied()) {
                Some(suggestion) => error.with_help(format!("did you mean `{suggestion}`?")),
                None => error.with_help(format!("known keys here: {}", known.join(", "))),
            };
            return Err(error);
        }
        Ok(())
    }

    pub fn entry(&self, key: &str) -> Option<&'a Entry> {
        self.table.get(key)
    }

    pub fn node(&self, key: &str) -> Option<&'a Node> {
        self.table.get(key).map(|entry| &entry.node)
    }

    /// Iterates over the named entries of the table.
    pub fn iter(&self) -> impl Iterator<Item = (&'a String, &'a Entry)> {
        self.table.iter()
    }

    /// Builds an error at the value of `key`, quoting the value as written.
    pub fn value_error(&self, key: &str, problem: &str) -> InputError {
        let node = self.node(key).expect("value_error is called for present keys");
        self.sources.error(
            node.loc,
            format!(
                "`{}` = {}: {problem}",
                self.path.child(key),
                short(self.sources.snippet(node.loc))
            ),
        )
    }

    /// An error for a key the table must have.
    pub fn missing(&self, key: &str, example: &str) -> InputError {
        let where_ = if self.path.segments.is_empty() {
            "the model".to_string()
        } else {
            format!("[{}]", self.path)
        };
        self.sources
            .error(self.loc, format!("missing key `{}` in {where_}", self.path.child(key)))
            .with_help(format!("add `{key} = {example}`"))
    }

    /// Multiplies factors read from this table, reporting an overflow at
    /// `key` instead of panicking.
    pub fn product(&self, key: &str, factors: &[Decimal]) -> Result<Decimal, InputError> {
        factors
            .iter()
            .try_fold(Decimal::ONE, |product, factor| product.checked_mul(*factor))
            .ok_or_else(|| {
                self.value_error(
                    key,
                    "the product of this item's figures exceeds the range of exact decimals (about 7.9e28)",
                )
                .with_help("check the units of the figures of this item; they are far larger than any real cost")
            })
    }

    /// Requires a value read by one of the optional readers.
    pub fn require<T>(&self, key: &str, value: Option<T>, example: &str) -> Result<T, InputError> {
        value.ok_or_else(|| self.missing(key, example))
    }

    pub fn string(&self, key: &str) -> Result<Option<String>, InputError> {
        let Some(node) = self.node(key) else {
            return Ok(None);
        };
        match &node.value {
            Value::String(text) if text.chars().any(char::is_control) => Err(self
                .value_error(key, "contains a control character")
                .with_help("remove tabs, line breaks and escape sequences from this text")),
            Value::String(text) => Ok(Some(text.clone())),
            other => Err(self
                .value_error(key, &format!("expected a string, found {}", other.type_name()))
                .with_help(format!("quote it: {key} = \"{}\"", self.sources.snippet(node.loc)))),
        }
    }

    pub fn boolean(&self, key: &str) -> Result<Option<bool>, InputError> {
        let Some(node) = self.node(key) else {
            return Ok(None);
        };
        match &node.value {
            Value::Boolean(flag) => Ok(Some(*flag)),
            other => Err(self
                .value_error(key, &format!("expected true or false, found {}", other.type_name()))
                .with_help(format!("write {key} = true or {key} = false"))),
        }
    }

    /// Reads a TOML date (`2025-11-01`) without time or offset.
    pub fn date(&self, key: &str) -> Result<Option<NaiveDate>, InputError> {
        let Some(node) = self.node(key) else {
            return Ok(None);
        };
        let help = format!("write a TOML date without quotes, e.g. {key} = 2025-11-01");
        let parsed = match &node.value {
            Value::Datetime(datetime) if datetime.time.is_none() && datetime.offset.is_none() => datetime
                .date
                .and_then(|date| NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())),
            Value::String(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(),
            _ => None,
        };
        parsed
            .map(Some)
            .ok_or_else(|| self.value_error(key, "expected a date").with_help(help))
    }

    /// Reads an exact decimal from a TOML number or a numeric string.
    pub fn decimal(&self, key: &str) -> Result<Option<Decimal>, InputError> {
        let Some(node) = self.node(key) else {
            return Ok(None);
        };
        let text = match &node.value {
            Value::Integer(text) | Value::Float(text) => text.as_str(),
            Value::String(text) => text.trim(),
            other => {
                return Err(self
                    .value_error(key, &format!("expected a number, found {}", other.type_name()))
                    .with_help(format!("write a number, e.g. {key} = 2.5 or {key} = \"2.5\"")));
            }
        };
        parse_decimal(text).map(Some).map_err(|problem| {
            self.value_error(key, &problem)
                .with_help(format!("write a plain decimal number, e.g. {key} = 2.5"))
        })
    }

    /// Reads a decimal that must be zero or more (prices, amounts, volumes).
    pub fn non_negative(&self, key: &str) -> Result<Option<Decimal>, InputError> {
        let value = self.decimal(key)?;
        if let Some(number) = value
            && number.is_sign_negative()
            && !number.is_zero()
        {
            return Err(self.value_error(key, "must be zero or more").with_help(format!(
                "write a non-negative amount, e.g. {key} = {}",
                number.abs().normalize()
            )));
        }
        Ok(value)
    }

    /// Reads a decimal that must be strictly positive.
    pub fn positive(&self, key: &str) -> Result<Option<Decimal>, InputError> {
        let value = self.decimal(key)?;
        if let Some(number) = value
            && number <= Decimal::ZERO
        {
            return Err(self
                .value_error(key, "must be greater than zero")
                .with_help(format!("write a positive number for `{key}`")));
        }
        Ok(value)
    }

    /// Reads a whole number within `min..=max`.
    pub fn integer(&self, key: &str, min: u32, max: u32) -> Result<Option<u32>, InputError> {
        let Some(value) = self.whole_number(key, min, max)? else {
            return Ok(None);
        };
        let whole = if value.fract().is_zero() {
            u32::try_from(value.trunc().mantissa() / 10i128.pow(value.scale())).ok()
        } else {
            None
        };
        match whole {
            Some(number) if (min..=max).contains(&number) => Ok(Some(number)),
            _ => Err(self
                .value_error(key, &format!("expected a whole number from {min} to {max}"))
                .with_help(format!("write e.g. {key} = {}", min.max(1).min(max)))),
        }
    }

    /// Reads a number for `integer`, with help that requests a whole number.
    fn whole_number(&self, key: &str, min: u32, max: u32) -> Result<Option<Decimal>, InputError> {
        self.decimal(key).map_err(|error| InputError {
            help: Some(format!(
                "write a whole number from {min} to {max}, e.g. {key} = {}",
                min.max(1).min(max)
            )),
            ..error
        })
    }

    /// Reads a rate or share written `"20%"` or as a fraction `0.2`. A bare
    /// number above 1 in magnitude is rejected as ambiguous: `10` could mean
    /// 10% or 1,000%.
    pub fn rate(&self, key: &str) -> Result<Option<Decimal>, InputError> {
        let Some(node) = self.node(key) else {
            return Ok(None);
        };
        let (text, percent) = match &node.value {
            Value::Integer(text) | Value::Float(text) => (text.as_str(), false),
            Value::String(text) => {
                let text = text.trim();
                match text.strip_suffix('%') {
                    Some(number) => (number.trim_end(), true),
                    None => (text, false),
                }
            }
            other => {
                return Err(self
                    .value_error(key, &format!("expected a rate, found {}", other.type_name()))
                    .with_help(format!(
                        "write a percentage or a fraction, e.g. {key} = \"20%\" or {key} = 0.2"
                    )));
            }
        };
        let number = parse_decimal(text).map_err(|problem| {
            self.value_error(key, &problem).with_help(format!(
                "write a percentage or a fraction, e.g. {key} = \"20%\" or {key} = 0.2"
            ))
        })?;
        if percent {
            return Ok(Some(number / Decimal::ONE_HUNDRED));
        }
        if number.abs() > Decimal::ONE {
            let as_percent = crate::format::number(number * Decimal::ONE_HUNDRED, 10);
            let as_percent_plain = (number * Decimal::ONE_HUNDRED).normalize();
            let fraction = (number / Decimal::ONE_HUNDRED).normalize();
            return Err(self
                .value_error(key, &format!("a bare number above 1 is ambiguous as a rate: it would mean {as_percent}%"))
                .with_label("write a percentage or a fraction")
                .with_help(format!(
                    "for {number}% write {key} = \"{number}%\" or {key} = {fraction}; for {as_percent}% write {key} = \"{as_percent_plain}%\""
                )));
        }
        Ok(Some(number))
    }

    /// Reads a share between 0 and 1 (`"15%"` or `0.15`).
    pub fn share(&self, key: &str) -> Result<Option<Decimal>, InputError> {
        let value = self.rate(key)?;
        if let Some(number) = value
            && (number.is_sign_negative() && !number.is_zero() || number > Decimal::ONE)
        {
            return Err(self
                .value_error(key, "a share must be between 0% and 100%")
                .with_help(format!("write e.g. {key} = \"15%\" or {key} = 0.15")));
        }
        Ok(value)
    }

    /// Reads a rate that must stay above −100% (growth, price change).
    pub fn growth_rate(&self, key: &str) -> Result<Option<Decimal>, InputError> {
        let value = self.rate(key)?;
        if let Some(number) = value
            && number <= -Decimal::ONE
        {
            return Err(self
                .value_error(key, "an annual rate must be above -100%")
                .with_help(format!(
                    "write a rate above -100%, e.g. {key} = \"8%\" or {key} = \"-20%\""
                )));
        }
        Ok(value)
    }

    /// Reads an array of strings.
    pub fn strings(&self, key: &str) -> Result<Option<Vec<(String, Loc)>>, InputError> {
        let Some(node) = self.node(key) else {
            return Ok(None);
        };
        let help = format!("write an array of strings, e.g. {key} = [\"gpt-4o-mini\", \"claude-sonnet-4\"]");
        let Value::Array(items) = &node.value else {
            return Err(self
                .value_error(
                    key,
                    &format!("expected an array of strings, found {}", node.value.type_name()),
                )
                .with_help(help));
        };
        items
            .iter()
            .map(|item| match &item.value {
                Value::String(text) => Ok((text.clone(), item.loc)),
                other => Err(self
                    .sources
                    .error(
                        item.loc,
                        format!(
                            "`{}` item {}: expected a string, found {}",
                            self.path.child(key),
                            short(self.sources.snippet(item.loc)),
                            other.type_name()
                        ),
                    )
                    .with_help(help.clone())),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }
}

/// Parses the text of a number exactly; scientific notation is accepted.
/// Literals with more digits than a `Decimal` stores (28 significant) are
/// rejected rather than rounded.
pub fn parse_decimal(text: &str) -> Result<Decimal, String> {
    let lowered = text.to_ascii_lowercase();
    if lowered.contains("inf") || lowered.contains("nan") {
        return Err("expected a finite number".to_string());
    }
    if text.is_empty() {
        return Err("expected a number, found an empty string".to_string());
    }
    let cleaned = text.strip_prefix('+').unwrap_or(text);
    let mantissa = cleaned.split(['e', 'E']).next().unwrap_or("");
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let significant = digits.trim_start_matches('0').trim_end_matches('0').len();
    let looks_numeric = !digits.is_empty()
        && cleaned
            .chars()
            .all(|ch| ch.is_ascii_digit() || matches!(ch, '.' | '-' | '+' | 'e' | 'E'));
    if looks_numeric && significant > 28 {
        return Err("the number has more digits than roi keeps exactly (28 significant digits)".to_string());
    }
    let parsed = if lowered.contains('e') {
        Decimal::from_scientific(cleaned)
    } else {
        Decimal::from_str_exact(cleaned)
    };
    match parsed {
        Ok(value) => Ok(value.normalize()),
        Err(_) if looks_numeric => Err(
            "the number is outside the range of exact decimals: at most 28 decimal places and about 7.9e28 in size"
                .to_string(),
        ),
        Err(_) => Err("expected a number".to_string()),
    }
}

/// Shortens a quoted value for messages.
pub fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    if line.chars().count() > 60 || text.contains('\n') {
        let head: String = line.chars().take(57).collect();
        format!("{head}...")
    } else {
        line.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn parse_decimal_is_exact() {
        assert_eq!(parse_decimal("0.0024").unwrap(), dec!(0.0024));
        assert_eq!(parse_decimal("0.10000000000000001").unwrap(), dec!(0.10000000000000001));
        assert_eq!(parse_decimal("2.5e-06").unwrap(), dec!(0.0000025));
        assert_eq!(parse_decimal("+3").unwrap(), dec!(3));
    }

    #[test]
    fn parse_decimal_rejects_non_finite_and_too_long() {
        assert!(parse_decimal("inf").is_err());
        assert!(parse_decimal("nan").is_err());
        assert!(parse_decimal("abc").is_err());
        let long = parse_decimal("0.12345678901234567890123456789012").unwrap_err();
        assert!(long.contains("28 significant digits"), "{long}");
    }
}
