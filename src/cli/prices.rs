//! `roi prices`: list a price catalogue, or import prices from LiteLLM's
//! price file as catalogue TOML.

use std::path::{Path, PathBuf};

use super::table::{title, wrap};
use super::{ModelArgs, Output, shown, usage_error};
use crate::catalogue::import::{self, ImportOptions};
use crate::catalogue::{self, Entry, list, write};
use crate::error::{Error, InputError};
use crate::input::Inputs;
use crate::input::source::{Loc, SourceMap};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};

#[derive(Debug, Args)]
pub struct PricesArgs {
    /// Model whose catalogue to list: its prices file merged with the model's
    /// own [offerings] and --set overrides.
    #[command(flatten)]
    pub model: ModelArgs,

    /// List this catalogue file on its own instead of a model's catalogue.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["model", "overrides"])]
    pub catalogue: Option<PathBuf>,

    /// Output format of the listing. Prices are per 1,000,000 tokens, per
    /// request or per replica-hour, in the offering's currency.
    #[arg(long, value_enum, default_value_t = PricesFormat::Table)]
    pub format: PricesFormat,

    /// Read LiteLLM's model_prices_and_context_window.json from FILE and print
    /// the matching offerings as catalogue TOML (prices per 1,000,000 tokens,
    /// USD). Entries that cannot be mapped are listed on stderr.
    #[arg(long, value_name = "FILE", requires = "as_of", conflicts_with_all = ["model", "overrides", "catalogue", "format"])]
    pub import: Option<PathBuf>,

    /// Import only entries of this provider: LiteLLM's name (openai) or the
    /// catalogue's (OpenAI), ignoring case (repeatable) [default: all].
    #[arg(long = "provider", value_name = "P", requires = "import")]
    pub providers: Vec<String>,

    /// Import only this model: the entry's key (gemini/gemini-2.5-pro), its
    /// model name (gemini-2.5-pro) or its catalogue id (gemini-2-5-pro)
    /// (repeatable) [default: all].
    #[arg(long = "model", value_name = "NAME", requires = "import")]
    pub models: Vec<String>,

    /// Date the imported prices were read (YYYY-MM-DD), written as each
    /// entry's as_of; required with --import.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
}

/// Output formats of `roi prices`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PricesFormat {
    /// For the terminal, sorted by provider: id, model, as_of, prices and
    /// source of each offering.
    Table,
    /// Catalogue TOML in the layout of models/prices.toml.
    Toml,
    /// JSON (schema_version 1; prices as decimal strings).
    Json,
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    // chrono also takes `25-11-01` (year 25) and `2025-1-1`; a price date is
    // written in full.
    let shaped = text.len() == 10
        && text.char_indices().all(|(index, ch)| {
            if index == 4 || index == 7 {
                ch == '-'
            } else {
                ch.is_ascii_digit()
            }
        });
    shaped
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
        .filter(|date| chrono::Datelike::year(date) >= 1000)
        .ok_or_else(|| format!("`{text}` is not a date written YYYY-MM-DD, e.g. --as-of 2025-11-01"))
}

pub fn run(args: &PricesArgs, output: &Output) -> Result<(), Error> {
    if let Some(file) = &args.import {
        let as_of = args.as_of.expect("clap requires --as-of with --import");
        return run_import(file, args, as_of, output);
    }
    if args.as_of.is_some() {
        return Err(usage_error(
            "--as-of applies to --import only",
            "remove --as-of, or add --import FILE",
        ));
    }

    let mut entries = match &args.catalogue {
        Some(path) => {
            output.log(&format!("price catalogue: {}", shown(path)));
            let inputs = Inputs::from_text(&shown(path), &read(path, "price catalogue")?)?;
            if inputs.root.get("model").is_some() {
                return Err(usage_error(
                    format!("`{}` is a model, not a price catalogue", shown(path)),
                    format!("list the catalogue a model uses with `roi prices {}`", shown(path)),
                ));
            }
            catalogue::entries(&inputs, false)?
        }
        None => {
            let inputs = Inputs::load(&args.model.path(), &args.model.overrides)?;
            output.log_inputs(&inputs);
            catalogue::entries(&inputs, true)?
        }
    };
    catalogue::sort_by_provider(&mut entries);

    let text = match args.format {
        PricesFormat::Table => render_listing(&entries, output.color),
        PricesFormat::Toml => write::render(&entries),
        PricesFormat::Json => {
            let mut json = serde_json::to_string_pretty(&list::listing(&entries))
                .map_err(|error| Error::Runtime(format!("cannot serialise the catalogue: {error}")))?;
            json.push('\n');
            json
        }
    };
    output.result(&text)
}

/// Renders the listing for the terminal: one block per offering under a
/// heading per provider, every line at most 100 columns. A block
/// rather than a six-column table, because prices and source URLs do not
/// fit side by side in 100 columns.
pub fn render_listing(entries: &[Entry], color: bool) -> String {
    let mut out = String::new();
    let mut provider: Option<&str> = None;
    for entry in entries {
        let offering = &entry.offering;
        if provider != Some(offering.provider.as_str()) {
            if provider.is_some() {
                out.push('\n');
            }
            provider = Some(&offering.provider);
            out.push_str(&title(&offering.provider, color));
        }
        let as_of = offering
            .as_of
            .map_or_else(|| "no as_of".to_string(), |date| format!("as of {date}"));
        out.push_str(&wrap(&format!("{} · {} · {as_of}", offering.id, offering.model), 2));
        out.push_str(&wrap(&list::price_summary(entry), 6));
        let source = offering.source.as_deref().unwrap_or("(no source)");
        out.push_str(&wrap(&format!("source: {source}"), 6));
    }
    out.push('\n');
    let footer = format!(
        "{} offerings. Token prices are per 1,000,000 tokens; an offering without a currency \
         code is priced in the currency of the model that uses the catalogue.",
        entries.len()
    );
    out.push_str(&wrap(&footer, 0));
    out
}

fn run_import(file: &Path, args: &PricesArgs, as_of: NaiveDate, output: &Output) -> Result<(), Error> {
    let text = read(file, "LiteLLM price file")?;
    let file_name = file
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| shown(file));
    let options = ImportOptions {
        providers: args.providers.clone(),
        models: args.models.clone(),
        as_of,
        file_name,
    };
    let imported = import::import_litellm(&text, &options).map_err(|error| {
        let mut sources = SourceMap::default();
        let message = format!("invalid LiteLLM price file `{}`: {}", shown(file), error.message);
        let help = "give LiteLLM's model_prices_and_context_window.json: one JSON object per model";
        match error.position {
            Some((line, column)) => {
                let id = sources.add_file(file, text.clone());
                let offset = byte_offset(&text, line, column);
                let loc = Loc {
                    source: id,
                    start: offset,
                    end: offset,
                };
                sources.error(loc, message).with_help(help)
            }
            None => InputError::new(message).with_help(help),
        }
    })?;

    for skipped in &imported.skipped {
        output.warn(&format!("skipped `{}`: {}", skipped.key, skipped.reason));
    }
    for note in &imported.notes {
        output.log(note);
    }
    if imported.entries.is_empty() {
        let filters = describe_filters(args);
        let help = if args.providers.is_empty() && args.models.is_empty() {
            "the warnings above say why each entry was skipped; a LiteLLM price file has one object per model"
        } else {
            "check --provider (LiteLLM's litellm_provider, e.g. openai) and --model (the entry's key)"
        };
        return Err(usage_error(
            format!("no entry of `{}` could be imported{filters}", shown(file)),
            help,
        ));
    }

    let mut entries = imported.entries;
    catalogue::sort_by_provider(&mut entries);
    output.log(&format!(
        "offerings imported: {}, entries skipped: {}",
        entries.len(),
        imported.skipped.len()
    ));
    let header = format!(
        "# Imported from {} by roi prices --import: US dollars per 1,000,000\n\
         # tokens, as_of = the date given with --as-of.\n\n",
        options.file_name
    );
    output.result(&(header + &write::render(&entries)))
}

fn describe_filters(args: &PricesArgs) -> String {
    let mut parts: Vec<String> = args
        .providers
        .iter()
        .map(|provider| format!("--provider {provider}"))
        .collect();
    parts.extend(args.models.iter().map(|model| format!("--model {model}")));
    if parts.is_empty() {
        String::new()
    } else {
        format!(" with {}", parts.join(" "))
    }
}

/// Reads a file named on the command line; a missing or unreadable file is
/// invalid input.
fn read(path: &Path, kind: &str) -> Result<String, InputError> {
    crate::input::source::read_text_file(path).map_err(|error| {
        InputError::new(format!("cannot read {kind} `{}`: {error}", shown(path))).with_help(
            error
                .help()
                .unwrap_or("check the path; relative paths start at the current directory"),
        )
    })
}

/// Converts serde_json's one-based line and column to a byte offset.
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + column.saturating_sub(1)).min(text.len())
}
