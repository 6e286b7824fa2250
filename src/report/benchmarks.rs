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

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::companion::Companion;
use crate::error::InputError;
use crate::input::read::Fields;
use crate::input::source::SourceMap;
use crate::input::suggest::did_you_mean;
use crate::input::tree::Path;
use crate::model::Model;

pub const BENCHMARKS_KEYS: &[&str] = &["as_of", "source", "note", "agents"];
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

    Ok(Benchmarks {
        file: companion.name.clone(),
        as_of: root.date("as_of")?,
        source: root.string("source")?,
        agents,
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
