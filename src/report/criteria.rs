//! The decision criteria of the executive summary and the verdict that
//! follows from them.
//!
//! Four criteria are computed from the model; five read measurements from
//! `benchmarks.toml` and stay pending while it is absent or lacks them.
//! The verdict is FAIL when any criterion fails, PASS when every one
//! passes, and PENDING otherwise.

use rust_decimal::Decimal;
use serde::Serialize;

use super::benchmarks::{Benchmarks, Thresholds};
use super::companion::BENCHMARKS_FILE;
use super::figure::{Figure, FigureKind};
use super::view::{Figures, TRAINING_ITEM};
use crate::money;

/// The outcome of a criterion, or the verdict of all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Status {
    Pass,
    Fail,
    Pending,
}

/// The relation a measurement must have to the threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Comparison {
    #[serde(rename = "<")]
    Below,
    #[serde(rename = "≤")]
    AtMost,
    #[serde(rename = ">")]
    Above,
    #[serde(rename = "≥")]
    AtLeast,
}

impl Comparison {
    fn holds(self, measured: Decimal, threshold: Decimal) -> bool {
        match self {
            Comparison::Below => measured < threshold,
            Comparison::AtMost => measured <= threshold,
            Comparison::Above => measured > threshold,
            Comparison::AtLeast => measured >= threshold,
        }
    }
}

/// One decision criterion, evaluated.
#[derive(Debug, Clone, Serialize)]
pub struct Criterion {
    pub name: String,
    pub comparison: Comparison,
    #[serde(with = "crate::result::dec")]
    pub threshold: Decimal,
    /// How to show the threshold.
    pub threshold_kind: FigureKind,
    /// How to show the measurement.
    pub kind: FigureKind,
    /// The measurement, or why there is none yet.
    pub measured: Figure,
    /// The subject of the measurement, e.g. "lowest: scenario `conservative`".
    pub basis: String,
    /// `model` or the benchmarks file name.
    pub source: String,
    pub status: Status,
}

/// Every criterion and the verdict.
#[derive(Debug, Clone, Serialize)]
pub struct Decision {
    pub criteria: Vec<Criterion>,
    pub passed: usize,
    pub failed: usize,
    pub pending: usize,
    pub verdict: Status,
    /// The benchmarks file, when the case has one.
    pub benchmarks_file: Option<String>,
    pub benchmarks_as_of: Option<String>,
    pub benchmarks_source: Option<String>,
}

/// Evaluates the criteria on the report's figures and the benchmarks.
pub fn decide(figures: &Figures<'_>, benchmarks: Option<&Benchmarks>) -> Decision {
    let thresholds = benchmarks
        .map(|benchmarks| benchmarks.thresholds.clone())
        .unwrap_or_default();
    let mut criteria = vec![
        training_cost(figures, thresholds.max_training_cost),
        saving_per_request(figures, thresholds.min_saving_per_request),
        savings_every_scenario(figures),
        payback(figures, thresholds.max_payback_months),
    ];
    criteria.extend(quality_criteria(benchmarks, &thresholds));

    let count = |status: Status| criteria.iter().filter(|criterion| criterion.status == status).count();
    let (passed, failed, pending) = (count(Status::Pass), count(Status::Fail), count(Status::Pending));
    let verdict = if failed > 0 {
        Status::Fail
    } else if pending > 0 {
        Status::Pending
    } else {
        Status::Pass
    };
    Decision {
        criteria,
        passed,
        failed,
        pending,
        verdict,
        benchmarks_file: benchmarks.map(|benchmarks| benchmarks.file.clone()),
        benchmarks_as_of: benchmarks.and_then(|benchmarks| benchmarks.as_of.map(|date| date.to_string())),
        benchmarks_source: benchmarks.and_then(|benchmarks| benchmarks.source.clone()),
    }
}

/// Builds a criterion and decides its status from the measurement.
#[allow(clippy::too_many_arguments)]
fn criterion(
    name: impl Into<String>,
    comparison: Comparison,
    threshold: Decimal,
    threshold_kind: FigureKind,
    kind: FigureKind,
    measured: Figure,
    basis: impl Into<String>,
    source: &str,
) -> Criterion {
    let status = match measured.value() {
        Some(value) if comparison.holds(value, threshold) => Status::Pass,
        Some(_) => Status::Fail,
        None => Status::Pending,
    };
    Criterion {
        name: name.into(),
        comparison,
        threshold,
        threshold_kind,
        kind,
        measured,
        basis: basis.into(),
        source: source.to_string(),
        status,
    }
}

/// Evaluates the candidate's training spend (the investment item
/// `training`), or the catalogue estimate for the candidate when the model
/// has no such item. A case without fine-tuning (no such item, no
/// `[training]` data) spends nothing on training.
fn training_cost(figures: &Figures<'_>, threshold: Decimal) -> Criterion {
    let estimate = figures
        .offerings
        .iter()
        .find(|offering| offering.id == figures.candidate.id)
        .map(|offering| offering.training_estimate.clone());
    let (measured, basis) = match (&figures.training.spend, estimate) {
        (Figure::Value(spend), _) => (Figure::Value(*spend), format!("investment item `{TRAINING_ITEM}`")),
        (_, Some(Figure::Value(estimate))) => (
            Figure::Value(estimate),
            format!("catalogue estimate for `{}`", figures.candidate.id),
        ),
        _ if figures.training.data.is_none() => (
            Figure::Value(Decimal::ZERO),
            format!("no fine-tuning: no investment item `{TRAINING_ITEM}` and no [training] data"),
        ),
        _ => (
            Figure::Missing(format!(
                "no investment item `{TRAINING_ITEM}` and no training price for the candidate"
            )),
            String::new(),
        ),
    };
    criterion(
        "Training cost",
        Comparison::Below,
        threshold,
        FigureKind::Money,
        FigureKind::Money,
        measured,
        basis,
        "model",
    )
}

fn saving_per_request(figures: &Figures<'_>, threshold: Decimal) -> Criterion {
    criterion(
        "Cost saving per request",
        Comparison::AtLeast,
        threshold,
        FigureKind::Share,
        FigureKind::Share,
        figures.base.saving_per_request_share.clone(),
        format!("`{}` against `{}`", figures.candidate.id, figures.baseline.id),
        "model",
    )
}

fn savings_every_scenario(figures: &Figures<'_>) -> Criterion {
    let lowest = figures.scenarios.iter().min_by_key(|scenario| scenario.totals.savings);
    let (measured, basis) = match lowest {
        Some(scenario) => (
            Figure::Value(scenario.totals.savings),
            format!("lowest: scenario `{}`", scenario.name),
        ),
        None => (Figure::Missing("no scenario".to_string()), String::new()),
    };
    criterion(
        format!("Savings over {} months in every scenario", figures.horizon_months),
        Comparison::Above,
        Decimal::ZERO,
        FigureKind::Money,
        FigureKind::Money,
        measured,
        basis,
        "model",
    )
}

/// Evaluates the maximum payback of the total investment across scenarios.
/// A payback beyond the horizon fails when the horizon is at least the threshold, and
/// is pending when a shorter horizon leaves it open.
fn payback(figures: &Figures<'_>, threshold: Decimal) -> Criterion {
    let name = "Payback of the total investment";
    let evaluate = |measured: Figure, basis: String| {
        criterion(
            name,
            Comparison::AtMost,
            threshold,
            FigureKind::MonthCount,
            FigureKind::Months,
            measured,
            basis,
            "model",
        )
    };

    let unpaid = figures
        .scenarios
        .iter()
        .find(|scenario| scenario.payback_months.value().is_none());
    if let Some(scenario) = unpaid {
        let mut result = evaluate(scenario.payback_months.clone(), format!("scenario `{}`", scenario.name));
        if Decimal::from(figures.horizon_months) >= threshold {
            result.status = Status::Fail;
        }
        return result;
    }

    // The first scenario with the maximum payback names the basis.
    let mut max_payback: Option<(Decimal, &str)> = None;
    for scenario in &figures.scenarios {
        if let Some(months) = scenario.payback_months.value()
            && max_payback.is_none_or(|(current, _)| months > current)
        {
            max_payback = Some((months, scenario.name));
        }
    }
    match max_payback {
        Some((months, scenario)) => evaluate(Figure::Value(months), format!("longest: scenario `{scenario}`")),
        None => evaluate(Figure::Missing("no scenario".to_string()), String::new()),
    }
}

fn quality_criteria(benchmarks: Option<&Benchmarks>, thresholds: &Thresholds) -> Vec<Criterion> {
    let source = benchmarks.map_or(BENCHMARKS_FILE, |benchmarks| benchmarks.file.as_str());
    let absent = || Figure::Missing(format!("no {BENCHMARKS_FILE} next to the model"));
    let measure = |compute: &dyn Fn(&Benchmarks) -> (Figure, String)| match benchmarks {
        Some(benchmarks) => compute(benchmarks),
        None => (absent(), String::new()),
    };

    let (average, average_basis) = measure(&|benchmarks| {
        (
            mean(benchmarks, |agent| agent.candidate_quality, "candidate_quality"),
            "mean of the agents' candidate_quality".to_string(),
        )
    });
    let (lowest, lowest_basis) =
        measure(&|benchmarks| extreme(benchmarks, true, |agent| agent.candidate_quality, "candidate_quality"));
    let (improvement, improvement_basis) = measure(&|benchmarks| {
        let candidate = mean(benchmarks, |agent| agent.candidate_quality, "candidate_quality");
        let baseline = mean(benchmarks, |agent| agent.baseline_quality, "baseline_quality");
        let figure = match (candidate, baseline) {
            (Figure::Value(candidate), Figure::Value(baseline)) => match money::sub(candidate, baseline) {
                Ok(gain) => Figure::ratio(gain, baseline, "the baseline's average quality is zero"),
                Err(error) => Figure::Missing(error.to_string()),
            },
            (Figure::Missing(reason), _) | (_, Figure::Missing(reason)) => Figure::Missing(reason),
        };
        (
            figure,
            "mean candidate_quality against mean baseline_quality".to_string(),
        )
    });
    let (latency, latency_basis) = measure(&|benchmarks| {
        extreme(
            benchmarks,
            false,
            |agent| agent.candidate_latency_p95_seconds,
            "candidate_latency_p95_seconds",
        )
    });
    let (regression, regression_basis) = measure(&|benchmarks| {
        extreme(
            benchmarks,
            true,
            |agent| match (agent.candidate_quality, agent.baseline_quality) {
                (Some(candidate), Some(baseline)) => Some(candidate - baseline),
                _ => None,
            },
            "candidate_quality and baseline_quality",
        )
    });

    vec![
        criterion(
            "Average quality",
            Comparison::AtLeast,
            thresholds.min_average_quality,
            FigureKind::Score,
            FigureKind::Score,
            average,
            average_basis,
            source,
        ),
        criterion(
            "Quality of every agent",
            Comparison::AtLeast,
            thresholds.min_agent_quality,
            FigureKind::Score,
            FigureKind::Score,
            lowest,
            lowest_basis,
            source,
        ),
        criterion(
            "Quality improvement over the baseline",
            Comparison::AtLeast,
            thresholds.min_quality_improvement,
            FigureKind::Share,
            FigureKind::Share,
            improvement,
            improvement_basis,
            source,
        ),
        criterion(
            "Latency P95 of the candidate",
            Comparison::Below,
            thresholds.max_latency_p95_seconds,
            FigureKind::Seconds,
            FigureKind::Seconds,
            latency,
            latency_basis,
            source,
        ),
        criterion(
            "No quality regression on any agent",
            Comparison::AtLeast,
            Decimal::ZERO,
            FigureKind::ScorePoints,
            FigureKind::ScorePoints,
            regression,
            regression_basis,
            source,
        ),
    ]
}

/// Computes the unweighted mean of one measurement over the agents. The
/// mean is missing when any agent lacks the measurement.
fn mean(
    benchmarks: &Benchmarks,
    pick: impl Fn(&super::benchmarks::AgentBenchmark) -> Option<Decimal>,
    key: &str,
) -> Figure {
    let mut total = Decimal::ZERO;
    for agent in &benchmarks.agents {
        let Some(value) = pick(agent) else {
            return Figure::Missing(format!("no {key} for agent `{}`", agent.agent));
        };
        total = match money::add(total, value) {
            Ok(total) => total,
            Err(error) => return Figure::Missing(error.to_string()),
        };
    }
    Figure::ratio(total, Decimal::from(benchmarks.agents.len()), "the model has no agents")
}

/// Finds the minimum (or maximum) measurement over the agents, with the
/// agent's name. It is missing when any agent lacks the measurement.
fn extreme(
    benchmarks: &Benchmarks,
    lowest: bool,
    pick: impl Fn(&super::benchmarks::AgentBenchmark) -> Option<Decimal>,
    key: &str,
) -> (Figure, String) {
    let mut best: Option<(Decimal, &str)> = None;
    for agent in &benchmarks.agents {
        let Some(value) = pick(agent) else {
            return (
                Figure::Missing(format!("no {key} for agent `{}`", agent.agent)),
                String::new(),
            );
        };
        let better = best.is_none_or(|(current, _)| if lowest { value < current } else { value > current });
        if better {
            best = Some((value, &agent.agent));
        }
    }
    let word = if lowest { "lowest" } else { "highest" };
    match best {
        Some((value, agent)) => (Figure::Value(value), format!("{word}: agent `{agent}`")),
        None => (Figure::Missing("the model has no agents".to_string()), String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::benchmarks::AgentBenchmark;
    use rust_decimal_macros::dec;

    fn benchmarks(agents: Vec<AgentBenchmark>) -> Benchmarks {
        Benchmarks {
            file: "models/benchmarks.toml".to_string(),
            as_of: None,
            source: None,
            agents,
            thresholds: Thresholds::default(),
        }
    }

    fn agent(name: &str, baseline: Decimal, candidate: Decimal, latency: Decimal) -> AgentBenchmark {
        AgentBenchmark {
            agent: name.to_string(),
            baseline_quality: Some(baseline),
            candidate_quality: Some(candidate),
            baseline_latency_p95_seconds: None,
            candidate_latency_p95_seconds: Some(latency),
        }
    }

    fn statuses(criteria: &[Criterion]) -> Vec<Status> {
        criteria.iter().map(|criterion| criterion.status).collect()
    }

    #[test]
    fn thresholds_from_benchmarks_apply() {
        let measured = benchmarks(vec![agent("qa", dec!(7), dec!(7.2), dec!(1))]);
        let strict = quality_criteria(Some(&measured), &Thresholds::default());
        assert_eq!(strict[0].status, Status::Fail, "7.2 is below the default 8");
        let lenient = Thresholds {
            min_average_quality: dec!(7),
            ..Thresholds::default()
        };
        let criteria = quality_criteria(Some(&measured), &lenient);
        assert_eq!(criteria[0].status, Status::Pass);
        assert_eq!(criteria[0].threshold, dec!(7));
    }

    #[test]
    fn quality_criteria_pending_without_benchmarks() {
        let criteria = quality_criteria(None, &Thresholds::default());
        assert_eq!(statuses(&criteria), vec![Status::Pending; 5]);
        assert_eq!(
            criteria[0].measured,
            Figure::Missing("no benchmarks.toml next to the model".into())
        );
    }

    #[test]
    fn quality_criteria_pass_and_fail() {
        let measured = benchmarks(vec![
            agent("qa", dec!(7.5), dec!(8.5), dec!(1.2)),
            agent("legal", dec!(7.5), dec!(7.4), dec!(2.5)),
        ]);
        let criteria = quality_criteria(Some(&measured), &Thresholds::default());
        // Average 7.95 < 8; legal 7.4 < 7.5; improvement 0.45 / 7.5 = 6% < 8%;
        // latency 2.5 s ≥ 2 s; legal regresses by 0.1.
        assert_eq!(statuses(&criteria), vec![Status::Fail; 5]);
        assert_eq!(criteria[0].measured, Figure::Value(dec!(7.95)));
        assert_eq!(criteria[1].basis, "lowest: agent `legal`");
        assert_eq!(criteria[2].measured, Figure::Value(dec!(0.06)));
        assert_eq!(criteria[3].basis, "highest: agent `legal`");
        assert_eq!(criteria[4].measured, Figure::Value(dec!(-0.1)));
    }

    #[test]
    fn quality_criteria_pass_when_measured_well() {
        let measured = benchmarks(vec![
            agent("qa", dec!(7.5), dec!(8.5), dec!(1.2)),
            agent("legal", dec!(7.6), dec!(8.4), dec!(1.9)),
        ]);
        assert_eq!(
            statuses(&quality_criteria(Some(&measured), &Thresholds::default())),
            vec![Status::Pass; 5]
        );
    }

    #[test]
    fn missing_measurement_keeps_criterion_pending() {
        let mut partial = agent("qa", dec!(7.5), dec!(8.5), dec!(1.2));
        partial.candidate_latency_p95_seconds = None;
        let criteria = quality_criteria(Some(&benchmarks(vec![partial])), &Thresholds::default());
        assert_eq!(criteria[3].status, Status::Pending);
        assert_eq!(
            criteria[3].measured,
            Figure::Missing("no candidate_latency_p95_seconds for agent `qa`".into())
        );
        assert_eq!(criteria[0].status, Status::Pass);
    }

    #[test]
    fn comparison_bounds() {
        assert!(Comparison::Below.holds(dec!(49.99), dec!(50)));
        assert!(!Comparison::Below.holds(dec!(50), dec!(50)));
        assert!(Comparison::AtLeast.holds(dec!(0.8), dec!(0.8)));
        assert!(Comparison::AtMost.holds(dec!(12), dec!(12)));
        assert!(!Comparison::Above.holds(dec!(0), dec!(0)));
    }
}
