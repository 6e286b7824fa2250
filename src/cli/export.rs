//! `roi export`: write the projection to a spreadsheet file.

use std::path::PathBuf;

use clap::Args;

use super::{ModelArgs, Output, files, shown};
use crate::engine::{self, Options};
use crate::error::Error;
use crate::export::xlsx;

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub model: ModelArgs,

    /// Write an Excel workbook (XLSX) to FILE: sheets Summary, one per scenario
    /// (monthly projection), Offerings and Assumptions. An existing file is
    /// replaced; on failure nothing is written.
    #[arg(long, value_name = "FILE")]
    pub xlsx: PathBuf,

    /// Export only this scenario (repeatable) [default: all]
    #[arg(long, value_name = "NAME")]
    pub scenario: Vec<String>,
}

pub fn run(args: &ExportArgs, output: &Output) -> Result<(), Error> {
    let (inputs, model) = args.model.load(output)?;
    let options = Options {
        scenarios: args.scenario.clone(),
        ..Options::default()
    };
    let projection = engine::project(&model, &inputs.overrides, &options)?;
    for warning in &projection.warnings {
        output.warn(warning);
    }

    let bytes = xlsx::workbook(&projection, &xlsx::assumptions(&inputs))
        .map_err(|error| Error::Runtime(format!("cannot build the workbook `{}`: {error}", shown(&args.xlsx))))?;
    files::write_atomically(&args.xlsx, &bytes)?;
    output.status(&format!(
        "wrote {} ({} scenario sheets, {} bytes)",
        shown(&args.xlsx),
        projection.scenarios.len(),
        bytes.len()
    ));
    Ok(())
}
