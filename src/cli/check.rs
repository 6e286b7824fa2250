//! `roi check`: validate a model and print warnings.

use clap::Args;

use super::{ModelArgs, Output};
use crate::engine::{self, Options};
use crate::error::Error;

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub model: ModelArgs,
}

/// Validates the model by projecting it; invalid input exits 2, warnings go
/// to stderr and leave the exit code at 0.
/// Formats a count with its noun, plural unless the count is one.
fn count(number: usize, noun: &str) -> String {
    if number == 1 {
        format!("1 {noun}")
    } else {
        format!("{number} {noun}s")
    }
}

pub fn run(args: &CheckArgs, output: &Output) -> Result<(), Error> {
    let (inputs, model) = args.model.load(output)?;
    let projection = engine::project(&model, &inputs.overrides, &Options::default())?;
    for warning in &projection.warnings {
        output.warn(warning);
    }
    let files = inputs
        .sources
        .iter()
        .filter(|source| matches!(source.kind, crate::input::source::SourceKind::File(_)))
        .count();
    let summary = format!(
        "{}: valid ({}, {}, {}, {})\n",
        super::shown(&inputs.model_path),
        count(files, "file"),
        count(model.offerings.len(), "offering"),
        count(model.scenarios.len(), "scenario"),
        count(projection.warnings.len(), "warning"),
    );
    if !output.quiet {
        output.result(&summary)?;
    }
    Ok(())
}
