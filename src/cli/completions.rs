//! `roi completions`: print a shell completion script.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, Output};
use crate::error::Error;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// Shell to complete for. Install the script where the shell loads
    /// completions, e.g. `roi completions bash > ~/.local/share/bash-completion/completions/roi`.
    #[arg(value_name = "SHELL", value_enum)]
    pub shell: Shell,
}

pub fn run(args: &CompletionsArgs, output: &Output) -> Result<(), Error> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "roi", &mut script);
    let script = String::from_utf8(script)
        .map_err(|error| Error::Runtime(format!("the completion script is not UTF-8: {error}")))?;
    output.result(&script)
}
