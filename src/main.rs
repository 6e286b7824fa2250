//! The `roi` binary: parse the command line, run, map errors to exit codes.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = roi::cli::Cli::parse();
    match roi::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let color =
                std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty()) && std::io::stderr().is_terminal();
            let mut stderr = std::io::stderr().lock();
            // Nothing is left to report to if stderr itself is closed.
            let _ = stderr.write_all(error.render(color).as_bytes());
            ExitCode::from(error.exit_code() as u8)
        }
    }
}
