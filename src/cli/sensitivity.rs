//! `roi sensitivity`: rank the inputs of a model by how far a ±swing of each
//! moves one metric.

use std::fmt::Write as _;

use clap::{Args, ValueEnum};
use rust_decimal::Decimal;

use super::table::{new_table, render, title};
use super::{ModelArgs, Output, usage_error};
use crate::error::Error;
use crate::format::not_available;
use crate::input::read::parse_decimal;
use crate::whatif::solve::show_input;
use crate::whatif::{Metric, Sensitivity, SensitivityOptions, sensitivity};

#[derive(Debug, Args)]
pub struct SensitivityArgs {
    #[command(flatten)]
    pub model: ModelArgs,

    /// Scenario to project [default: the model's first scenario]
    #[arg(long, value_name = "NAME")]
    pub scenario: Option<String>,

    /// Figure to rank the inputs by: npv, savings, benefit, payback_months,
    /// candidate_cost, baseline_cost, return_multiple or irr.
    #[arg(long, value_name = "METRIC", default_value = "npv")]
    pub metric: String,

    /// Share of each input's value to move it down and up by, written 20% or
    /// 0.2; at most 100%.
    #[arg(long, value_name = "SHARE", default_value = "20%", allow_hyphen_values = true)]
    pub swing: String,

    /// Output format.
    #[arg(long, value_enum, default_value_t = SensitivityFormat::Table)]
    pub format: SensitivityFormat,
}

/// Output formats of `roi sensitivity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SensitivityFormat {
    /// A table for the terminal, largest effect first.
    Table,
    /// The ranking as JSON (decimals as strings).
    Json,
}

pub fn run(args: &SensitivityArgs, output: &Output) -> Result<(), Error> {
    let options = SensitivityOptions {
        metric: Metric::parse(&args.metric)?,
        scenario: args.scenario.clone(),
        swing: parse_swing(&args.swing)?,
    };
    let (inputs, _) = args.model.load(output)?;
    let result = sensitivity(&inputs, &options)?;
    output.log(&format!(
        "swung {} inputs, skipped {}",
        result.inputs.len(),
        result.skipped.len()
    ));

    let text = match args.format {
        SensitivityFormat::Json => {
            let mut json = serde_json::to_string_pretty(&result)
                .map_err(|error| Error::Runtime(format!("cannot serialise the sensitivity: {error}")))?;
            json.push('\n');
            json
        }
        SensitivityFormat::Table => render_table(&result, output.color),
    };
    output.result(&text)
}

/// Parses a swing written as a percentage (`20%`) or a fraction (`0.2`). A
/// bare number above 1 is rejected as ambiguous, as rates in model files are.
pub fn parse_swing(text: &str) -> Result<Decimal, Error> {
    let trimmed = text.trim();
    let help = "write the swing as a percentage or a fraction, e.g. --swing 20% or --swing 0.2";
    let (number, percent) = match trimmed.strip_suffix('%') {
        Some(number) => (number.trim_end(), true),
        None => (trimmed, false),
    };
    let number =
        parse_decimal(number).map_err(|problem| usage_error(format!("invalid --swing `{text}`: {problem}"), help))?;
    let swing = if percent {
        number / Decimal::ONE_HUNDRED
    } else if number.abs() > Decimal::ONE {
        return Err(usage_error(
            format!("invalid --swing `{text}`: a bare number above 1 is ambiguous"),
            format!("for {number}% write --swing {number}%; for a fraction write a number from 0 to 1, e.g. 0.2"),
        ));
    } else {
        number
    };
    crate::whatif::sensitivity::check_swing(swing)?;
    Ok(swing)
}

/// Renders the ranking as a terminal table.
pub fn render_table(result: &Sensitivity, color: bool) -> String {
    let currency = result.currency.as_str();
    let metric = result.metric;
    let swing = crate::format::share(result.input_swing);
    let mut out = String::new();
    out.push_str(&title(
        &format!(
            "Sensitivity of {} in scenario {}: each input ±{swing}",
            metric.label(),
            result.scenario
        ),
        color,
    ));
    let base = match result.base {
        Some(value) => metric.show(value, currency),
        None => not_available(result.unavailable.get("base").map_or("", String::as_str)),
    };
    let _ = writeln!(out, "{} as written: {base}\n", metric.label());

    let low_header = format!("at −{swing}");
    let high_header = format!("at +{swing}");
    let mut table = new_table(&["input", "value", &low_header, &high_header, "swing"], 1);
    for effect in &result.inputs {
        let show = |value: Option<Decimal>, key: &str| match value {
            Some(value) => metric.show(value, currency),
            None => not_available(effect.unavailable.get(key).map_or("", String::as_str)),
        };
        table.add_row(vec![
            effect.path.clone(),
            show_input(effect.kind, effect.value),
            show(effect.low, "low"),
            show(effect.high, "high"),
            effect
                .swing
                .map_or_else(|| "n/a".to_string(), |swing| metric.show(swing, currency)),
        ]);
    }
    let _ = writeln!(out, "{}", render(&mut table));

    if !result.skipped.is_empty() {
        let _ = writeln!(out, "not swung:");
        for skipped in &result.skipped {
            let _ = writeln!(out, "  {}: {}", skipped.path, skipped.reason);
        }
    }
    out
}
