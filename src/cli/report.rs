//! `roi report`: regenerate the stakeholder reports and charts, or check
//! that the committed ones are current.

use std::path::PathBuf;

use clap::Args;

use super::{ModelArgs, Output, shown};
use crate::error::Error;
use crate::report::templates::Templates;
use crate::report::write;

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub model: ModelArgs,

    /// Directory the reports are written to; charts go to its charts/ subdirectory.
    #[arg(long, value_name = "DIR", default_value = "reports")]
    pub out: PathBuf,

    /// Directory of edited templates (*.md.tera). Templates it lacks come
    /// from the built-in ones [default: built in]
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,

    /// Render in memory and exit 1 if any file under --out differs, without
    /// writing anything.
    #[arg(long)]
    pub check: bool,
}

/// Renders every report in memory, then writes them or compares them with
/// the files on disk.
pub fn run(args: &ReportArgs, output: &Output) -> Result<(), Error> {
    let templates = match &args.templates {
        Some(directory) => Templates::from_dir(directory)?,
        None => Templates::built_in(),
    };
    for warning in templates.unknown_names() {
        output.warn(&warning);
    }
    let (inputs, model) = args.model.load(output)?;
    let rendered = crate::report::render(&inputs, &model, &templates)?;
    for warning in &rendered.warnings {
        output.warn(warning);
    }

    if args.check {
        let differences = write::differences(&args.out, &rendered.files)?;
        if !differences.is_empty() {
            let mut command = format!("roi report {}", shown(&args.model.path()));
            if shown(&args.out) != "reports" {
                command.push_str(&format!(" --out {}", shown(&args.out)));
            }
            return Err(Error::CheckFailed(format!(
                "the reports in `{}/` are out of date: {}; run `{command}` to regenerate them",
                shown(&args.out),
                differences.join(", ")
            )));
        }
        if !output.quiet {
            output.result(&format!(
                "{}: {} files are current\n",
                shown(&args.out),
                rendered.files.len()
            ))?;
        }
        return Ok(());
    }

    let statuses = write::write_all(&args.out, &rendered.files)?;
    if !output.quiet {
        let lines: String = statuses
            .iter()
            .map(|(path, status)| format!("{:<9}  {}\n", status.as_str(), shown(path)))
            .collect();
        output.result(&lines)?;
    }
    Ok(())
}
