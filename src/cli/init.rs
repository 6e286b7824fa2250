//! `roi init`: write a starter model and a copy of the price catalogue.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use super::{Output, shown, usage_error};
use crate::error::Error;

/// The starter model: every key of the format, commented with its unit and
/// default.
pub const STARTER_MODEL: &str = include_str!("starter.toml");

/// The shipped price catalogue, copied next to the starter model.
pub const CATALOGUE: &str = include_str!("../../models/prices.toml");

/// File name of the starter model.
pub const MODEL_FILE: &str = "model.toml";

/// File name of the catalogue copy; the starter model's `prices` names it.
pub const CATALOGUE_FILE: &str = "prices.toml";

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Directory to write model.toml and prices.toml to; created when missing.
    /// Existing files are never overwritten.
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
}

/// Writes the two files, or none of them when either already exists (exit 2,
/// because the user must choose another directory).
pub fn run(args: &InitArgs, output: &Output) -> Result<(), Error> {
    let files = [(MODEL_FILE, STARTER_MODEL), (CATALOGUE_FILE, CATALOGUE)];
    for (name, _) in files {
        let path = args.dir.join(name);
        if path.exists() {
            return Err(usage_error(
                format!("`{}` already exists; roi init never overwrites files", shown(&path)),
                "choose another directory, e.g. roi init my-case, or move the file away",
            ));
        }
    }

    std::fs::create_dir_all(&args.dir)
        .map_err(|error| Error::Runtime(format!("cannot create directory `{}`: {error}", shown(&args.dir))))?;
    for (name, text) in files {
        create_new(&args.dir.join(name), text)?;
        output.log(&format!("wrote {}", shown(&args.dir.join(name))));
    }

    if !output.quiet {
        let model = shown(&args.dir.join(MODEL_FILE));
        super::stderr_line(&format!(
            "created {model} and its price catalogue; next: roi check {model} && roi project {model}"
        ));
    }
    Ok(())
}

/// Creates `path` with `text`, failing if it exists (a file created since
/// the check above is left alone, too).
fn create_new(path: &Path, text: &str) -> Result<(), Error> {
    let failed = |error: std::io::Error| Error::Runtime(format!("cannot write `{}`: {error}", shown(path)));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(failed)?;
    file.write_all(text.as_bytes()).map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::decode;

    #[test]
    fn starter_model_lists_every_key() {
        let tables: [(&str, &[&str]); 14] = [
            ("model", decode::MODEL_KEYS),
            ("deployment", decode::DEPLOYMENT_KEYS),
            ("workload", decode::WORKLOAD_KEYS),
            ("investment", decode::INVESTMENT_KEYS),
            ("operations", decode::OPERATION_KEYS),
            ("steps", decode::STEP_KEYS),
            ("benefits", decode::BENEFIT_KEYS),
            ("training", decode::TRAINING_KEYS),
            ("budget", decode::BUDGET_KEYS),
            ("finance", decode::FINANCE_KEYS),
            ("pricing_strategy", decode::PRICING_STRATEGY_KEYS),
            ("scenarios", decode::SCENARIO_KEYS),
            ("offerings", decode::OFFERING_KEYS),
            ("long_context", decode::LONG_CONTEXT_KEYS),
        ];
        for (table, keys) in tables {
            for key in keys {
                let written = STARTER_MODEL.lines().any(|line| {
                    let line = line.trim_start_matches(['#', ' ']);
                    line.starts_with(&format!("{key} ="))
                        || line.contains(&format!("{{ {key} ="))
                        || line.contains(&format!(".{key}]"))
                });
                assert!(written, "[{table}] key `{key}` is missing from the starter model");
            }
        }
        for section in decode::ROOT_KEYS {
            assert!(
                STARTER_MODEL.contains(&format!("[{section}")),
                "section [{section}] is missing from the starter model"
            );
        }
        assert!(STARTER_MODEL.contains("# extends = "));
    }
}
