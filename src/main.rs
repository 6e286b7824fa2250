//! The `roi` binary: parse the command line, run, map errors to exit codes.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = roi::cli::Cli::parse();
    match roi::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let color =
                std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty()) && std::io::stderr().is_terminal();
            eprint!("{}", error.render(color));
            ExitCode::from(error.exit_code() as u8)
        }
    }
}
