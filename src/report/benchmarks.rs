//! The benchmarks file (`benchmarks.toml`): measured quality and latency of
//! the baseline and the candidate, per agent, for the decision criteria.
//!
//! ```toml
//! as_of = 2025-11-20
//! source = "Evaluation run of 2025-11-20, 200 prompts per agent"
//!
//! [agents.qa]
//! baseline_quality = 7.9                 # score from 0 to 10
//! candidate_quality = 8.6
//! baseline_latency_p95_seconds = 2.4
//! candidate_latency_p95_seconds = 1.1
//! ```
//!
//! Every key of an agent is optional: a criterion that lacks a measurement
//! stays pending. Agent names must be the model's.
//!
//! An optional `[criteria]` table sets the thresholds of the decision
//! criteria; each key left out keeps its default (see [`Thresholds`]):
//!
//! ```toml
//! [criteria]
//! max_training_cost = 50            # model currency
//! min_saving_per_request = "80%"
//! max_payback_months = 12
//! min_average_quality = 8           # out of 10
//! min_agent_quality = 7.5
//! min_quality_improvement = "8%"
//! max_latency_p95_seconds = 2
//! ```

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::companion::Companion;
use crate::error::InputError;
use crate::input::read::Fields;
use crate::input::source::SourceMap;
use crate::input::suggest::did_you_mean;
use crate::input::tree::Path;
use crate::model::Model;

pub const BENCHMARKS_KEYS: &[&str] = &["as_of", "source", "note", "agents", "criteria"];
pub const CRITERIA_KEYS: &[&str] = &[
    "max_training_cost",
    "min_saving_per_request",
    "max_payback_months",
    "min_average_quality",
    "min_agent_quality",
    "min_quality_improvement",
    "max_latency_p95_seconds",
];

/// Thresholds of the decision criteria. The defaults are the approval
/// criteria of the shipped Genesis case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thresholds {
    /// Highest acceptable training cost, in the model's currency.
    pub max_training_cost: Decimal,
    /// Lowest acceptable saving per request, as a share of the baseline's cost.
    pub min_saving_per_request: Decimal,
    /// Maximum acceptable payback of the total investment, in months.
    pub max_payback_months: Decimal,
    /// Lowest acceptable average quality of the candidate, out of 10.
    pub min_average_quality: Decimal,
    /// Lowest acceptable quality of any agent on the candidate, out of 10.
    pub min_agent_quality: Decimal,
    /// Lowest acceptable improvement of the average quality over the baseline.
    pub min_quality_improvement: Decimal,
    /// Latency P95 of the candidate must stay below this many seconds.
    pub max_latency_p95_seconds: Decimal,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            max_training_cost: Decimal::from(50),
            min_saving_per_request: Decimal::new(8, 1),
            max_payback_months: Decimal::from(12),
            min_average_quality: Decimal::from(8),
            min_agent_quality: Decimal::new(75, 1),
            min_quality_improvement: Decimal::new(8, 2),
            max_latency_p95_seconds: Decimal::from(2),
        }
    }
}
pub const AGENT_BENCHMARK_KEYS: &[&str] = &[
    "baseline_quality",
    "candidate_quality",
    "baseline_latency_p95_seconds",
    "candidate_latency_p95_seconds",
    "note",
];

/// Highest quality score.
pub const MAX_QUALITY: Decimal = Decimal::TEN;

/// Measurements of one case.
#[derive(Debug, Clone)]
pub struct Benchmarks {
    /// Display name of the file.
    pub file: String,
    pub as_of: Option<NaiveDate>,
    pub source: Option<String>,
    /// One entry per agent of the model, in the model's order; agents the
    /// file leaves out have no measurements.
    pub agents: Vec<AgentBenchmark>,
    pub thresholds: Thresholds,
}

/// Measurements of one agent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgentBenchmark {
    pub agent: String,
    /// Quality score from 0 to 10.
    pub baseline_quality: Option<Decimal>,
    pub candidate_quality: Option<Decimal>,
    /// 95th percentile of the response time.
    pub baseline_latency_p95_seconds: Option<Decimal>,
    pub candidate_latency_p95_seconds: Option<Decimal>,
}

/// Reads and validates the benchmarks of `model`.
pub fn decode(sources: &SourceMap, companion: &Companion, model: &Model) -> Result<Benchmarks, InputError> {
    let root = Fields::new(sources, Path::default(), &companion.root, BENCHMARKS_KEYS)?;
    root.string("note")?;
    let mut agents: Vec<AgentBenchmark> = model
        .agents
        .iter()
        .map(|agent| AgentBenchmark {
            agent: agent.name.clone(),
            ..AgentBenchmark::default()
        })
        .collect();

    if let Some(node) = root.node("agents") {
        let entries = Fields::entries(sources, Path::of_keys(&["agents"]), node)?;
        let names: Vec<&str> = model.agents.iter().map(|agent| agent.name.as_str()).collect();
        for (name, entry) in entries.iter() {
            let Some(position) = names.iter().position(|known| known == name) else {
                let error = sources.error(
                    entry.key_loc,
                    format!("unknown agent `{name}`: the model has no [workload.agents.{name}]"),
                );
                return Err(match did_you_mean(name, names.iter().copied()) {
                    Some(suggestion) => error.with_help(format!("did you mean `{suggestion}`?")),
                    None => error.with_help(format!("the model's agents are: {}", names.join(", "))),
                });
            };
            let fields = Fields::new(sources, entries.path.child(name), &entry.node, AGENT_BENCHMARK_KEYS)?;
            fields.string("note")?;
            agents[position] = AgentBenchmark {
                agent: name.clone(),
                baseline_quality: quality(&fields, "baseline_quality")?,
                candidate_quality: quality(&fields, "candidate_quality")?,
                baseline_latency_p95_seconds: fields.non_negative("baseline_latency_p95_seconds")?,
                candidate_latency_p95_seconds: fields.non_negative("candidate_latency_p95_seconds")?,
            };
        }
    }

    let thresholds = match root.node("criteria") {
        Some(node) => decode_thresholds(&Fields::new(
            sources,
            Path::of_keys(&["criteria"]),
            node,
            CRITERIA_KEYS,
        )?)?,
        None => Thresholds::default(),
    };

    Ok(Benchmarks {
        file: companion.name.clone(),
        as_of: root.date("as_of")?,
        source: root.string("source")?,
        agents,
        thresholds,
    })
}

/// Reads the `[criteria]` table; each key left out keeps its default.
fn decode_thresholds(fields: &Fields<'_>) -> Result<Thresholds, InputError> {
    let defaults = Thresholds::default();
    let min_average_quality = quality(fields, "min_average_quality")?;
    let min_agent_quality = quality(fields, "min_agent_quality")?;
    Ok(Thresholds {
        max_training_cost: fields
            .non_negative("max_training_cost")?
            .unwrap_or(defaults.max_training_cost),
        min_saving_per_request: fields
            .rate("min_saving_per_request")?
            .unwrap_or(defaults.min_saving_per_request),
        max_payback_months: fields
            .non_negative("max_payback_months")?
            .unwrap_or(defaults.max_payback_months),
        min_average_quality: min_average_quality.unwrap_or(defaults.min_average_quality),
        min_agent_quality: min_agent_quality.unwrap_or(defaults.min_agent_quality),
        min_quality_improvement: fields
            .rate("min_quality_improvement")?
            .unwrap_or(defaults.min_quality_improvement),
        max_latency_p95_seconds: fields
            .non_negative("max_latency_p95_seconds")?
            .unwrap_or(defaults.max_latency_p95_seconds),
    })
}

fn quality(fields: &Fields<'_>, key: &str) -> Result<Option<Decimal>, InputError> {
    let value = fields.non_negative(key)?;
    if let Some(score) = value
        && score > MAX_QUALITY
    {
        return Err(fields
            .value_error(key, "a quality score must be from 0 to 10")
            .with_help(format!("write the score out of 10, e.g. {key} = 8.5")));
    }
    Ok(value)
}
