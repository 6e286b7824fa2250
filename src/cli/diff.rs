//! `roi diff`: the inputs that differ between two models, the change in each
//! headline figure, and the NPV change split over the changed inputs.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use rust_decimal::Decimal;

use super::table::{new_table, render, title};
use super::{Output, shown};
use crate::error::Error;
use crate::format::not_available;
use crate::input::Inputs;
use crate::money::round_cents_keeping_total;
use crate::whatif::diff::FigureChange;
use crate::whatif::{Diff, DiffOptions, Metric, diff};

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The model compared against (TOML).
    #[arg(value_name = "BASE")]
    pub base: PathBuf,

    /// The changed model: an overlay of BASE or another case (TOML).
    #[arg(value_name = "OTHER")]
    pub other: PathBuf,

    /// Compare only this scenario (repeatable) [default: every scenario both models have]
    #[arg(long, value_name = "NAME")]
    pub scenario: Vec<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
    pub format: DiffFormat,
}

/// Output formats of `roi diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Tables for the terminal.
    Table,
    /// The diff as JSON (decimals as strings).
    Json,
    /// A summary sentence and tables to paste into a pull request.
    Markdown,
}

pub fn run(args: &DiffArgs, output: &Output) -> Result<(), Error> {
    let base = Inputs::load(&args.base, &[])?;
    output.log(&format!("BASE: {}", shown(&args.base)));
    output.log_inputs(&base);
    let other = Inputs::load(&args.other, &[])?;
    output.log(&format!("OTHER: {}", shown(&args.other)));
    output.log_inputs(&other);
    let options = DiffOptions {
        scenarios: args.scenario.clone(),
    };
    let result = diff(&base, &other, &options)?;

    let names = (shown(&args.base), shown(&args.other));
    let text = match args.format {
        DiffFormat::Json => {
            let mut json = serde_json::to_string_pretty(&result)
                .map_err(|error| Error::Runtime(format!("cannot serialise the diff: {error}")))?;
            json.push('\n');
            json
        }
        DiffFormat::Table => render_table(&result, &names, output.color),
        DiffFormat::Markdown => render_markdown(&result),
    };
    output.result(&text)
}

/// Renders the diff as terminal tables.
pub fn render_table(result: &Diff, names: &(String, String), color: bool) -> String {
    let currency = result.currency.as_str();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        title(&format!("Diff: {} → {}", names.0, names.1), color).trim_end()
    );
    let _ = writeln!(out, "{}\n", summary_sentence(result));

    out.push_str(&title("Inputs changed", color));
    if result.inputs.is_empty() {
        out.push_str("none: the models have the same inputs\n\n");
    } else {
        let mut table = new_table(&["input", "base", "other"], 3);
        for change in &result.inputs {
            table.add_row(vec![
                change.path.clone(),
                change.base.clone().unwrap_or_else(|| "(absent)".to_string()),
                change.other.clone().unwrap_or_else(|| "(absent)".to_string()),
            ]);
        }
        let _ = writeln!(out, "{}\n", trim_lines(&render(&mut table)));
    }

    for scenario in &result.scenarios {
        out.push_str(&title(&format!("Scenario {scenario}"), color));
        let mut table = new_table(&["figure", "base", "other", "change"], 1);
        for figure in result.figures.iter().filter(|figure| figure.scenario == *scenario) {
            let [base, other, change] = figure_cells(figure, currency);
            table.add_row(vec![figure.figure.label().to_string(), base, other, change]);
        }
        let _ = writeln!(out, "{}\n", render(&mut table));

        let parts: Vec<_> = result
            .attribution
            .iter()
            .filter(|part| part.scenario == *scenario)
            .collect();
        if !parts.is_empty() {
            let mut table = new_table(&["NPV change by input, in order", "NPV change"], 1);
            let shown: Vec<_> = parts.iter().filter(|part| !part.npv_delta.is_zero()).collect();
            // Rounded so that the listed cents add up to the total's.
            let cents = round_cents_keeping_total(&shown.iter().map(|part| part.npv_delta).collect::<Vec<_>>());
            for (part, amount) in shown.iter().zip(cents) {
                table.add_row(vec![part.path.clone(), Metric::Npv.show_change(amount, currency)]);
            }
            let total: Decimal = parts.iter().map(|part| part.npv_delta).sum();
            table.add_row(vec!["total".to_string(), Metric::Npv.show_change(total, currency)]);
            let _ = writeln!(out, "{}\n", render(&mut table));
        }
    }
    let _ = writeln!(
        out,
        "Attribution: {}. Changes that leave the NPV unchanged are not listed.",
        result.attribution_order
    );
    out
}

/// Renders the diff as Markdown for a pull request: the summary sentence,
/// the figures, the changed inputs and the NPV attribution.
pub fn render_markdown(result: &Diff) -> String {
    let currency = result.currency.as_str();
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", summary_sentence(result));

    out.push_str("| scenario | figure | base | other | change |\n| --- | --- | ---: | ---: | ---: |\n");
    for figure in &result.figures {
        let [base, other, change] = figure_cells(figure, currency);
        let _ = writeln!(
            out,
            "| {} | {} | {base} | {other} | {change} |",
            cell(&figure.scenario),
            figure.figure.label()
        );
    }

    out.push_str("\n**Inputs changed**\n\n");
    if result.inputs.is_empty() {
        out.push_str("None: the models have the same inputs.\n");
    } else {
        out.push_str("| input | base | other |\n| --- | --- | --- |\n");
        for change in &result.inputs {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} |",
                cell(&change.path),
                change.base.as_deref().map_or_else(|| "(absent)".to_string(), cell),
                change.other.as_deref().map_or_else(|| "(absent)".to_string(), cell),
            );
        }
    }

    let parts: Vec<_> = result
        .attribution
        .iter()
        .filter(|part| !part.npv_delta.is_zero())
        .collect();
    if !parts.is_empty() {
        out.push_str(
            "\n**NPV change by input**, applied one at a time in the order listed \
             (changes that leave the NPV unchanged are not listed)\n\n",
        );
        out.push_str("| scenario | input | NPV change |\n| --- | --- | ---: |\n");
        for scenario in &result.scenarios {
            let in_scenario: Vec<_> = parts.iter().filter(|part| part.scenario == *scenario).collect();
            // Rounded so that the listed cents add up to the total's.
            let cents = round_cents_keeping_total(&in_scenario.iter().map(|part| part.npv_delta).collect::<Vec<_>>());
            for (part, amount) in in_scenario.iter().zip(cents) {
                let _ = writeln!(
                    out,
                    "| {} | `{}` | {} |",
                    cell(&part.scenario),
                    cell(&part.path),
                    Metric::Npv.show_change(amount, currency)
                );
            }
        }
    }
    out
}

/// Writes one sentence on the savings over the horizon in every scenario, e.g.
/// "Five-year savings fall by $600.00 (−1.3%) in the conservative scenario."
pub fn summary_sentence(result: &Diff) -> String {
    let subject = if result.base_horizon_months == result.other_horizon_months {
        format!("{} savings", horizon_phrase(result.base_horizon_months))
    } else {
        format!(
            "Savings over the horizon ({} months, then {})",
            result.base_horizon_months, result.other_horizon_months
        )
    };
    let figures: Vec<&FigureChange> = result
        .scenarios
        .iter()
        .filter_map(|scenario| result.figure(scenario, Metric::Savings))
        .collect();
    if figures.len() > 1 && figures.iter().all(|figure| figure.delta == Some(Decimal::ZERO)) {
        return format!("{subject} do not change in any scenario.");
    }
    let mut clauses: Vec<String> = Vec::new();
    let mut previous_verb = "";
    for figure in figures {
        let (verb, amount) = savings_clause(figure, &result.currency);
        // "fall by $1 in a and by $2 in b": a repeated verb is left out.
        let clause = if verb == previous_verb && !amount.is_empty() {
            amount.to_string()
        } else {
            format!("{verb} {amount}").trim_end().to_string()
        };
        clauses.push(format!("{clause} in the {} scenario", figure.scenario));
        previous_verb = verb;
    }
    format!("{subject} {}.", join_clauses(&clauses))
}

/// Returns the verb and amount of a change in savings: ("fall", "by $X (−Y%)"),
/// ("rise", "by $X (+Y%)") or ("do not change", "").
fn savings_clause(figure: &FigureChange, currency: &str) -> (&'static str, String) {
    let (Some(base), Some(delta)) = (figure.base, figure.delta) else {
        return ("cannot be compared", String::new());
    };
    if delta.is_zero() {
        return ("do not change", String::new());
    }
    let verb = if delta > Decimal::ZERO { "rise" } else { "fall" };
    let amount = crate::format::money(delta.abs(), currency);
    if base.is_zero() {
        return (verb, format!("by {amount}"));
    }
    let percent = delta / base.abs() * Decimal::ONE_HUNDRED;
    let sign = if percent > Decimal::ZERO { "+" } else { "−" };
    (
        verb,
        format!("by {amount} ({sign}{})", crate::format::percent(percent.abs())),
    )
}

/// Joins clauses as "a", "a and b" or "a, b and c".
fn join_clauses(clauses: &[String]) -> String {
    match clauses {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// "Five-year" for 60 months, "18-month" for 18.
fn horizon_phrase(months: u32) -> String {
    const WORDS: [&str; 10] = [
        "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
    ];
    if months.is_multiple_of(12) && (1..=10).contains(&(months / 12)) {
        format!("{}-year", WORDS[(months / 12 - 1) as usize])
    } else if months.is_multiple_of(12) {
        format!("{}-year", months / 12)
    } else {
        format!("{months}-month")
    }
}

/// Formats the base, other and change cells of a figure.
fn figure_cells(figure: &FigureChange, currency: &str) -> [String; 3] {
    let show = |value: Option<Decimal>, key: &str| match value {
        Some(value) => figure.figure.show(value, currency),
        None => not_available(figure.unavailable.get(key).map_or("", String::as_str)),
    };
    let change = figure
        .delta
        .map_or_else(|| "n/a".to_string(), |delta| figure.figure.show_change(delta, currency));
    [show(figure.base, "base"), show(figure.other, "other"), change]
}

/// Removes the padding comfy-table leaves after a left-aligned last column.
fn trim_lines(text: &str) -> String {
    text.lines().map(str::trim_end).collect::<Vec<_>>().join("\n")
}

/// Escapes a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn horizon_phrases() {
        assert_eq!(horizon_phrase(60), "Five-year");
        assert_eq!(horizon_phrase(12), "One-year");
        assert_eq!(horizon_phrase(18), "18-month");
        assert_eq!(horizon_phrase(180), "15-year");
    }

    #[test]
    fn clauses_join_with_and() {
        let clauses = ["a".to_string(), "b".to_string(), "c".to_string()];
        assert_eq!(join_clauses(&clauses), "a, b and c");
        assert_eq!(join_clauses(&clauses[..2]), "a and b");
    }
}
