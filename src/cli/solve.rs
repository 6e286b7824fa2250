//! `roi solve`: goal seek, the value of one input at which a metric reaches
//! a target.

use clap::{Args, ValueEnum};

use super::table::{facts, title};
use super::{ModelArgs, Output};
use crate::error::Error;
use crate::format::not_available;
use crate::whatif::solve::show_input;
use crate::whatif::{Solution, SolveError, SolveOptions, Target, solve};

#[derive(Debug, Args)]
pub struct SolveArgs {
    #[command(flatten)]
    pub model: ModelArgs,

    /// Dotted path of the numeric input to vary, as --set takes it, e.g.
    /// offerings.mistral-7b-ft-quoted.per_request. A `*` stands for any one
    /// key: 'workload.agents.*.requests_per_month' varies the total volume
    /// with the agents' mix kept.
    #[arg(long, value_name = "PATH")]
    pub vary: String,

    /// Metric and the value it should reach, e.g. savings=0 or
    /// payback_months=12; a percentage such as irr=25% is read as a fraction.
    #[arg(long, value_name = "METRIC=VALUE", allow_hyphen_values = true)]
    pub target: String,

    /// Scenario to project [default: the model's first scenario]
    #[arg(long, value_name = "NAME")]
    pub scenario: Option<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = SolveFormat::Table)]
    pub format: SolveFormat,
}

/// Output formats of `roi solve`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SolveFormat {
    /// The solution as label–value lines.
    Table,
    /// The solution as JSON (decimals as strings).
    Json,
}

/// Solves for the input; a target the metric cannot reach exits 1 with the
/// range searched.
pub fn run(args: &SolveArgs, output: &Output) -> Result<(), Error> {
    let target = Target::parse(&args.target)?;
    let (inputs, _) = args.model.load(output)?;
    let options = SolveOptions {
        path: args.vary.clone(),
        target,
        scenario: args.scenario.clone(),
    };
    let solution = match solve(&inputs, &options) {
        Ok(solution) => solution,
        Err(SolveError::Input(error)) => return Err(error.into()),
        Err(SolveError::Unreachable(unreachable)) => {
            return Err(Error::CheckFailed(format!(
                "{unreachable}\n  help: choose a target within that range, or vary another input"
            )));
        }
    };

    let text = match args.format {
        SolveFormat::Json => {
            let mut json = serde_json::to_string_pretty(&solution)
                .map_err(|error| Error::Runtime(format!("cannot serialise the solution: {error}")))?;
            json.push('\n');
            json
        }
        SolveFormat::Table => render_table(&solution, output.color),
    };
    output.result(&text)
}

/// Renders the solution as label–value lines.
pub fn render_table(solution: &Solution, color: bool) -> String {
    let currency = solution.currency.as_str();
    let metric = solution.metric;
    // Only a payback beyond the horizon is unavailable.
    let beyond = format!("not within {} months", solution.horizon_months);
    let achieved = match solution.achieved {
        Some(value) => metric.show_exact(value, currency),
        None => not_available(&beyond),
    };
    let current = match solution.current {
        Some(value) => metric.show_exact(value, currency),
        None => not_available(&beyond),
    };

    let mut rows = vec![
        (solution.path.clone(), show_input(solution.kind, solution.value)),
        (
            "as written".to_string(),
            show_input(solution.kind, solution.current_value),
        ),
    ];
    if solution.inputs.len() > 1 {
        for input in &solution.inputs {
            rows.push((format!("  {}", input.path), show_input(solution.kind, input.value)));
        }
    }
    rows.extend([
        (format!("{} reached", metric.label()), achieved),
        ("target".to_string(), metric.show_exact(solution.target, currency)),
        (format!("{} as written", metric.label()), current),
    ]);

    let mut out = title(
        &format!(
            "Goal seek in scenario {}: {} = {}",
            solution.scenario,
            metric,
            metric.show_exact(solution.target, currency)
        ),
        color,
    );
    out.push_str(&facts(&rows));
    out
}
