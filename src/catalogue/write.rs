//! Catalogue TOML: offerings written in the layout of `models/prices.toml`,
//! ready to append to it. Decimals are written as bare TOML numbers with
//! every digit (roi reads them back exactly), shares as `"50%"`.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::Entry;
use crate::input::decode::DEFAULT_HOURS_PER_MONTH;
use crate::input::tree::is_bare_key_char;
use crate::model::{TokenPrices, Usage};

/// Renders entries as `[offerings.<id>]` tables, with a `# --- Provider ---`
/// line before each provider's first entry.
pub fn render(entries: &[Entry]) -> String {
    let mut out = String::new();
    let mut provider: Option<&str> = None;
    for entry in entries {
        let offering = &entry.offering;
        if provider != Some(offering.provider.as_str()) {
            provider = Some(&offering.provider);
            // A comment ends at a line break, so control characters become spaces.
            let name: String = offering
                .provider
                .chars()
                .map(|ch| if ch.is_control() { ' ' } else { ch })
                .collect();
            let rule = "-".repeat(72usize.saturating_sub(name.chars().count() + 7));
            let _ = writeln!(out, "# --- {name} {rule}\n");
        }
        render_entry(&mut out, entry);
        out.push('\n');
    }
    out
}

fn render_entry(out: &mut String, entry: &Entry) {
    let offering = &entry.offering;
    let table = format!("offerings.{}", key(&offering.id));
    let _ = writeln!(out, "[{table}]");
    line(out, "provider", &string(&offering.provider));
    line(out, "model", &string(&offering.model));
    if !offering.currency.is_empty() {
        line(out, "currency", &string(&offering.currency));
    }
    if let Some(as_of) = offering.as_of {
        line(out, "as_of", &as_of.format("%Y-%m-%d").to_string());
    }
    if let Some(source) = &offering.source {
        line(out, "source", &string(source));
    }
    if let Some(note) = &entry.note {
        line(out, "note", &string(note));
    }

    match &offering.usage {
        Usage::Tokens(tokens) => render_prices(out, &tokens.base, None),
        Usage::PerRequest(price) => line(out, "per_request", &number(*price)),
        Usage::Hourly(hourly) => {
            line(out, "hourly", &number(hourly.hourly));
            if hourly.hours_per_month != DEFAULT_HOURS_PER_MONTH {
                line(out, "hours_per_month", &number(hourly.hours_per_month));
            }
            if hourly.min_replicas != 1 {
                line(out, "min_replicas", &hourly.min_replicas.to_string());
            }
            if let Some(throughput) = hourly.requests_per_replica_hour {
                line(out, "requests_per_replica_hour", &number(throughput));
            }
        }
    }
    if !offering.batch_discount.is_zero() {
        line(out, "batch_discount", &share(offering.batch_discount));
    }
    if !offering.monthly_fee.is_zero() {
        line(out, "monthly_fee", &number(offering.monthly_fee));
    }
    if let Some(training) = &offering.training {
        line(out, "training_per_mtok", &number(training.per_mtok));
        if !training.minimum.is_zero() {
            line(out, "training_minimum", &number(training.minimum));
        }
    }
    if !offering.discount.is_zero() {
        line(out, "discount", &share(offering.discount));
    }

    if let Usage::Tokens(tokens) = &offering.usage
        && let Some(tier) = &tokens.long_context
    {
        let _ = writeln!(out, "\n[{table}.long_context]");
        line(out, "above_input_tokens", &number(tier.above_input_tokens));
        render_prices(out, &tier.prices, Some(&tokens.base));
    }
}

/// Writes token prices; with `base`, the input and output prices only where
/// they differ from it, because a long-context tier inherits those two. A
/// tier's cache and reasoning prices are always written: absent, they would
/// bill at the tier's input and output prices.
fn render_prices(out: &mut String, prices: &TokenPrices, base: Option<&TokenPrices>) {
    let required = [
        (
            "input_per_mtok",
            Some(prices.input_per_mtok),
            base.map(|base| base.input_per_mtok),
        ),
        (
            "cache_read_per_mtok",
            prices.cache_read_per_mtok,
            base.and_then(|base| base.cache_read_per_mtok),
        ),
        (
            "cache_write_per_mtok",
            prices.cache_write_per_mtok,
            base.and_then(|base| base.cache_write_per_mtok),
        ),
        (
            "output_per_mtok",
            Some(prices.output_per_mtok),
            base.map(|base| base.output_per_mtok),
        ),
        (
            "reasoning_per_mtok",
            prices.reasoning_per_mtok,
            base.and_then(|base| base.reasoning_per_mtok),
        ),
    ];
    let mut written = 0;
    for (name, value, inherited) in required {
        let inherits = matches!(name, "input_per_mtok" | "output_per_mtok");
        if let Some(value) = value
            && (base.is_none() || !inherits || inherited != Some(value))
        {
            line(out, name, &number(value));
            written += 1;
        }
    }
    // A tier must state at least one price, even one equal to the base.
    if written == 0 {
        line(out, "input_per_mtok", &number(prices.input_per_mtok));
    }
}

fn line(out: &mut String, name: &str, value: &str) {
    let _ = writeln!(out, "{name} = {value}");
}

/// Formats a TOML key: bare when it can be, quoted otherwise.
pub fn key(text: &str) -> String {
    if !text.is_empty() && text.chars().all(is_bare_key_char) {
        text.to_string()
    } else {
        string(text)
    }
}

/// Formats a TOML string: basic, or literal when that avoids escapes
/// (the toml crate's choice).
pub fn string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// Formats a decimal as a TOML number, normalised (`2.50` becomes `2.5`).
fn number(value: Decimal) -> String {
    value.normalize().to_string()
}

/// Formats a share as a quoted percentage: 0.5 becomes `"50%"`.
fn share(fraction: Decimal) -> String {
    format!("\"{}%\"", (fraction * Decimal::ONE_HUNDRED).normalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue;
    use crate::input::Inputs;

    /// Decodes catalogue text, renders it, and decodes the rendering again.
    fn round_trip(text: &str) -> (String, Vec<Entry>) {
        let inputs = Inputs::from_text("prices.toml", text).unwrap();
        let entries = catalogue::entries(&inputs, false).unwrap();
        let rendered = render(&entries);
        let again = Inputs::from_text("rendered.toml", &rendered).unwrap();
        (rendered, catalogue::entries(&again, false).unwrap())
    }

    #[test]
    fn shipped_catalogue_round_trips() {
        let text = include_str!("../../models/prices.toml");
        let inputs = Inputs::from_text("prices.toml", text).unwrap();
        let original = catalogue::entries(&inputs, false).unwrap();
        let (rendered, again) = round_trip(text);
        assert_eq!(original.len(), again.len());
        for (left, right) in original.iter().zip(&again) {
            assert_eq!(
                format!("{:?}", left.offering),
                format!("{:?}", right.offering),
                "{rendered}"
            );
            assert_eq!(left.note, right.note);
        }
    }

    #[test]
    fn tier_keeps_only_its_own_prices() {
        let (rendered, _) = round_trip(
            "[offerings.x]\nprovider = \"P\"\ninput_per_mtok = 3\noutput_per_mtok = 15\n\
             [offerings.x.long_context]\nabove_input_tokens = 200000\ninput_per_mtok = 6\n",
        );
        assert!(rendered.contains("[offerings.x.long_context]\nabove_input_tokens = 200000\ninput_per_mtok = 6\n"));
        assert_eq!(rendered.matches("output_per_mtok").count(), 1, "{rendered}");
    }

    #[test]
    fn keys_and_strings_are_quoted() {
        assert_eq!(key("gpt-4o"), "gpt-4o");
        assert_eq!(key("gpt-4.1"), "\"gpt-4.1\"");
        assert_eq!(string("plain"), "\"plain\"");
        assert_eq!(string("say \"hi\""), "'say \"hi\"'");
    }
}
