//! The command line: clap definitions, shared options, and one module per
//! command. Commands write their result to stdout and everything else
//! (warnings, logs) to stderr.

mod check;
mod completions;
mod diff;
mod export;
mod files;
mod init;
mod prices;
mod project;
mod report;
mod sensitivity;
mod solve;
mod table;

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};
use rust_decimal::Decimal;

use crate::error::{Error, InputError};
use crate::input::{self, Inputs};
use crate::model::Model;

/// The model `roi` reads when none is named.
pub const DEFAULT_MODEL: &str = "models/genesis.toml";

/// Cost and ROI modelling of LLM providers: price every request, project
/// costs under growth scenarios, and compute savings, ROI, payback and NPV
/// from plain TOML inputs.
#[derive(Debug, Parser)]
#[command(name = "roi", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    /// Print only errors: no warnings or logs on stderr.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Log to stderr which model, overlays, price catalogue and --set overrides
    /// were used.
    #[arg(short, long, global = true)]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compute and print the projection of a model.
    Project(project::ProjectArgs),
    /// Validate a model and print warnings about suspicious inputs.
    Check(check::CheckArgs),
    /// Write the projection to an Excel workbook (XLSX).
    Export(export::ExportArgs),
    /// List the price catalogue, or import prices from LiteLLM's price file.
    Prices(prices::PricesArgs),
    /// Write a starter model, every key commented, and a copy of the catalogue.
    Init(init::InitArgs),
    /// Print a shell completion script (bash, elvish, fish, powershell, zsh).
    Completions(completions::CompletionsArgs),
    /// Regenerate the Markdown reports and SVG charts, or check they are current.
    Report(report::ReportArgs),
    /// Compare two models: inputs changed, figures changed, NPV change by input.
    Diff(diff::DiffArgs),
    /// Rank the inputs by how far a ±swing of each moves one metric.
    Sensitivity(sensitivity::SensitivityArgs),
    /// Find the value of one input at which a metric reaches a target.
    Solve(solve::SolveArgs),
}

/// The model file and the overrides every command that reads a model takes.
#[derive(Debug, Clone, Args)]
pub struct ModelArgs {
    /// Model file (TOML) [default: models/genesis.toml]
    #[arg(value_name = "MODEL")]
    pub model: Option<PathBuf>,

    /// Override one input after overlays, e.g. --set workload.agents.qa.requests_per_month=25000
    /// or --set 'scenarios.aggressive.growth="30%"' (repeatable; the value is TOML).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub overrides: Vec<String>,
}

impl ModelArgs {
    pub fn path(&self) -> PathBuf {
        self.model.clone().unwrap_or_else(|| PathBuf::from(DEFAULT_MODEL))
    }

    /// Loads and validates the model, logging the files when verbose.
    pub fn load(&self, output: &Output) -> Result<(Inputs, Model), Error> {
        let (inputs, model) = input::load_model(&self.path(), &self.overrides)?;
        output.log_inputs(&inputs);
        Ok((inputs, model))
    }
}

/// Output formats of `roi project`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Tables for the terminal.
    Table,
    /// The projection as JSON (schema_version 1; decimals as strings).
    Json,
    /// One row per scenario and month with every cost column, as RFC 4180
    /// CSV; decimals unrounded.
    Csv,
}

/// The destination and style of a command's output.
#[derive(Debug, Clone)]
pub struct Output {
    pub quiet: bool,
    pub verbose: bool,
    /// Colour stdout: a terminal with `NO_COLOR` unset.
    pub color: bool,
}

impl Output {
    pub fn from_cli(cli: &Cli) -> Self {
        use std::io::IsTerminal;
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
        Output {
            quiet: cli.quiet,
            verbose: cli.verbose,
            color: !no_color && std::io::stdout().is_terminal(),
        }
    }

    /// Writes the result to stdout; a closed pipe (`roi project | head`) is
    /// not an error.
    pub fn result(&self, text: &str) -> Result<(), Error> {
        let mut stdout = std::io::stdout().lock();
        match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
            Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(Error::Runtime(format!("cannot write to stdout: {error}")))
            }
            _ => Ok(()),
        }
    }

    /// Prints a warning to stderr unless quiet.
    pub fn warn(&self, message: &str) {
        if !self.quiet {
            stderr_line(&format!("warning: {message}"));
        }
    }

    /// Prints a progress line, such as the file a command wrote, to stderr
    /// unless quiet.
    pub fn status(&self, message: &str) {
        if !self.quiet {
            stderr_line(message);
        }
    }

    /// Prints a log line to stderr when verbose.
    pub fn log(&self, message: &str) {
        if self.verbose {
            stderr_line(&format!("roi: {message}"));
        }
    }

    /// Logs the model files, the catalogue and the overrides when verbose.
    pub fn log_inputs(&self, inputs: &Inputs) {
        if !self.verbose {
            return;
        }
        for (position, id) in inputs.model_files.iter().enumerate() {
            let role = if position + 1 == inputs.model_files.len() {
                "model"
            } else {
                "overlay base"
            };
            self.log(&format!("{role}: {}", inputs.sources.get(*id).name));
        }
        match inputs.catalogue {
            Some(id) => self.log(&format!("price catalogue: {}", inputs.sources.get(id).name)),
            None => self.log("price catalogue: none (offerings from the model only)"),
        }
        for item in &inputs.overrides {
            let previous = item.previous.as_deref().unwrap_or("(absent)");
            self.log(&format!("override: {} = {} (was {previous})", item.path, item.value));
        }
    }
}

/// Writes a line to stderr. A closed stderr (`roi check 2>&1 | head -1`) is
/// ignored: warnings are not worth failing the command for.
pub fn stderr_line(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "{text}");
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<(), Error> {
    let output = Output::from_cli(&cli);
    match cli.command {
        Command::Project(args) => project::run(&args, &output),
        Command::Check(args) => check::run(&args, &output),
        Command::Export(args) => export::run(&args, &output),
        Command::Prices(args) => prices::run(&args, &output),
        Command::Init(args) => init::run(&args, &output),
        Command::Completions(args) => completions::run(&args, &output),
        Command::Report(args) => report::run(&args, &output),
        Command::Diff(args) => diff::run(&args, &output),
        Command::Sensitivity(args) => sensitivity::run(&args, &output),
        Command::Solve(args) => solve::run(&args, &output),
    }
}

/// Parses a decimal command-line value such as `--scale 10`.
pub fn parse_decimal_arg(text: &str) -> Result<Decimal, String> {
    crate::input::read::parse_decimal(text.trim()).map_err(|problem| format!("invalid number `{text}`: {problem}"))
}

/// Builds an error for an unusable command-line value.
pub fn usage_error(message: impl Into<String>, help: impl Into<String>) -> Error {
    Error::from(InputError::new(message).with_help(help))
}

/// Returns the display form of a path given on the command line.
pub fn shown(path: &Path) -> String {
    crate::input::source::display_path(path)
}
