//! The claims file (`claims.toml`) and its reconciliation: figures stated
//! elsewhere, each tied to the report figure it corresponds to, shown as
//! claimed against computed.
//!
//! ```toml
//! source = "Genesis cost analysis, 2025-11-01"
//!
//! [claims.year1_savings]
//! statement = "Annual savings vs the baseline: $7,560"
//! claimed = 7560                    # or claimed_range = [40, 50]
//! figure = "base.savings_annual"    # a path into the report's figures
//! note = "optional explanation"
//! ```
//!
//! A figure path walks the report's figures (the document the templates
//! render): tables by key, lists of scenarios or offerings by name or id
//! (`scenarios.conservative`), other lists by index (`years[0]`). Shares
//! and rates are claimed as `"73%"` or `0.73`; every other figure as a
//! plain number in the unit the report shows it in.

use rust_decimal::Decimal;
use serde::Serialize;

use super::companion::Companion;
use super::figure::{Figure, FigureKind, parse_figure};
use crate::error::InputError;
use crate::input::read::{Fields, parse_decimal, short};
use crate::input::source::SourceMap;
use crate::input::suggest::did_you_mean;
use crate::input::tree::{Node, Path, PathSegment, Value};
use crate::money;

pub const CLAIMS_KEYS: &[&str] = &["source", "note", "claims"];
pub const CLAIM_KEYS: &[&str] = &["statement", "claimed", "claimed_range", "figure", "note"];

/// Largest deviation that still counts as a match: 0.5% of the computed
/// figure, or 0.5 percentage points for shares and percentages.
pub const TOLERANCE_PERCENT: Decimal = Decimal::from_parts(5, 0, 0, false, 1);

/// The reconciliation section of the cost report.
#[derive(Debug, Clone, Serialize)]
pub struct Reconciliation {
    /// The claims file, or `None` when the case has none.
    pub file: Option<String>,
    /// The document the claims come from, as the file states it.
    pub source: Option<String>,
    pub note: Option<String>,
    #[serde(with = "crate::result::dec")]
    pub tolerance_percent: Decimal,
    pub claims: Vec<ReconciledClaim>,
    pub matching: usize,
    pub deviating: usize,
    pub unverified: usize,
}

/// One claim with the computed figure it corresponds to.
#[derive(Debug, Clone, Serialize)]
pub struct ReconciledClaim {
    pub name: String,
    pub statement: String,
    /// The figure path, as written.
    pub figure: Option<String>,
    pub kind: FigureKind,
    /// The claimed value, or the low end of a claimed range.
    #[serde(with = "crate::result::dec")]
    pub claimed: Decimal,
    /// The high end of a claimed range.
    #[serde(with = "crate::result::dec_opt")]
    pub claimed_high: Option<Decimal>,
    pub computed: Figure,
    /// Claimed minus computed: in percent of the computed figure, or in
    /// percentage points when `deviation_in_points`.
    pub deviation: Figure,
    pub deviation_in_points: bool,
    pub status: ClaimStatus,
    pub note: Option<String>,
}

/// The outcome of comparing a claim with the computed figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStatus {
    /// Within the tolerance.
    Matches,
    /// Beyond the tolerance.
    Deviates,
    /// No computed figure to compare with.
    Unverified,
}

/// The value a claim states: one number or a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claimed {
    Value(Decimal),
    Range(Decimal, Decimal),
}

impl Reconciliation {
    /// Builds the section for a case without a claims file.
    pub fn absent() -> Reconciliation {
        Reconciliation {
            file: None,
            source: None,
            note: None,
            tolerance_percent: TOLERANCE_PERCENT,
            claims: Vec::new(),
            matching: 0,
            deviating: 0,
            unverified: 0,
        }
    }
}

/// Reads the claims file and reconciles every claim with `figures`, the
/// report's figures as JSON.
pub fn reconcile(
    sources: &SourceMap,
    companion: &Companion,
    figures: &serde_json::Value,
) -> Result<Reconciliation, InputError> {
    let root = Fields::new(sources, Path::default(), &companion.root, CLAIMS_KEYS)?;
    let Some(claims_node) = root.node("claims") else {
        return Err(root
            .missing("claims", "{ … }")
            .with_help("add one [claims.<name>] table per claim with statement, claimed and figure"));
    };
    let entries = Fields::entries(sources, Path::of_keys(&["claims"]), claims_node)?;

    let mut claims = Vec::new();
    for (name, entry) in entries.iter() {
        let fields = Fields::new(sources, entries.path.child(name), &entry.node, CLAIM_KEYS)?;
        claims.push(reconcile_claim(&fields, name, figures)?);
    }
    let count = |status: ClaimStatus| claims.iter().filter(|claim| claim.status == status).count();
    Ok(Reconciliation {
        file: Some(companion.name.clone()),
        source: root.string("source")?,
        note: root.string("note")?,
        tolerance_percent: TOLERANCE_PERCENT,
        matching: count(ClaimStatus::Matches),
        deviating: count(ClaimStatus::Deviates),
        unverified: count(ClaimStatus::Unverified),
        claims,
    })
}

fn reconcile_claim(
    fields: &Fields<'_>,
    name: &str,
    figures: &serde_json::Value,
) -> Result<ReconciledClaim, InputError> {
    let statement = fields.require(
        "statement",
        fields.string("statement")?,
        "\"Annual savings vs the baseline: $7,560\"",
    )?;
    let figure_path = fields.string("figure")?;
    let (kind, computed) = match &figure_path {
        Some(text) => {
            let path = Path::parse(text).ok_or_else(|| {
                fields
                    .value_error("figure", "is not a figure path")
                    .with_help("write a dotted path such as \"scenarios.conservative.totals.savings\"")
            })?;
            let computed = lookup(figures, &path).map_err(|problem| {
                let error = fields.value_error("figure", &problem.message);
                match problem.suggestion {
                    Some(suggestion) => error.with_help(suggestion),
                    None => error,
                }
            })?;
            (FigureKind::of_key(path.last_key().unwrap_or("")), computed)
        }
        None => (
            FigureKind::Money,
            Figure::Missing("no corresponding roi figure".to_string()),
        ),
    };
    let claimed = read_claimed(fields, kind)?;
    let (deviation, status) = deviation(claimed, &computed, kind);
    let (claimed_low, claimed_high) = match claimed {
        Claimed::Value(value) => (value, None),
        Claimed::Range(low, high) => (low, Some(high)),
    };
    Ok(ReconciledClaim {
        name: name.to_string(),
        statement,
        figure: figure_path,
        kind,
        claimed: claimed_low,
        claimed_high,
        computed,
        deviation,
        deviation_in_points: in_points(kind),
        status,
        note: fields.string("note")?,
    })
}

/// Shares and percentages deviate in percentage points, other figures in
/// percent of the computed value.
fn in_points(kind: FigureKind) -> bool {
    matches!(kind, FigureKind::Share | FigureKind::Percent | FigureKind::AnnualRate)
}

fn read_claimed(fields: &Fields<'_>, kind: FigureKind) -> Result<Claimed, InputError> {
    // Shares are written as "73%" or 0.73; percentages (ROI %) as the
    // number of percent, like every other figure.
    let read_one = |key: &str| -> Result<Option<Decimal>, InputError> {
        if matches!(kind, FigureKind::Share | FigureKind::AnnualRate) {
            fields.rate(key)
        } else {
            fields.decimal(key)
        }
    };
    match (fields.node("claimed"), fields.node("claimed_range")) {
        (Some(_), Some(_)) => Err(fields
            .value_error("claimed_range", "give either `claimed` or `claimed_range`, not both")
            .with_help("remove one of them")),
        (Some(_), None) => Ok(Claimed::Value(read_one("claimed")?.unwrap_or_default())),
        (None, Some(node)) => read_range(fields, node),
        (None, None) => Err(fields
            .missing("claimed", "7560")
            .with_help("add `claimed = 7560`, or `claimed_range = [40, 50]` for a range")),
    }
}

fn read_range(fields: &Fields<'_>, node: &Node) -> Result<Claimed, InputError> {
    let help = "write the low and high ends, e.g. claimed_range = [40, 50]";
    let Value::Array(items) = &node.value else {
        return Err(fields
            .value_error("claimed_range", "expected an array of two numbers")
            .with_help(help));
    };
    let mut bounds = Vec::new();
    for item in items {
        let text = match &item.value {
            Value::Integer(text) | Value::Float(text) => text.as_str(),
            Value::String(text) => text.trim(),
            _ => "",
        };
        let bound = parse_decimal(text).map_err(|problem| {
            fields
                .sources
                .error(
                    item.loc,
                    format!(
                        "`{}` item {}: {problem}",
                        fields.path.child("claimed_range"),
                        short(fields.sources.snippet(item.loc))
                    ),
                )
                .with_help(help)
        })?;
        bounds.push(bound);
    }
    match bounds.as_slice() {
        [low, high] if low <= high => Ok(Claimed::Range(*low, *high)),
        [_, _] => Err(fields
            .value_error("claimed_range", "the low end is above the high end")
            .with_help(help)),
        _ => Err(fields
            .value_error(
                "claimed_range",
                &format!("expected two numbers, found {}", bounds.len()),
            )
            .with_help(help)),
    }
}

/// Computes the deviation of a claim from the computed figure, and its
/// status.
///
/// A range deviates from its nearest end, and not at all when the computed
/// figure lies inside it.
pub fn deviation(claimed: Claimed, computed: &Figure, kind: FigureKind) -> (Figure, ClaimStatus) {
    let Some(computed) = computed.value() else {
        let reason = "no computed figure".to_string();
        return (Figure::Missing(reason), ClaimStatus::Unverified);
    };
    let claimed = match claimed {
        Claimed::Value(value) => value,
        Claimed::Range(low, _) if computed < low => low,
        Claimed::Range(_, high) if computed > high => high,
        Claimed::Range(..) => computed,
    };
    let difference = match money::sub(claimed, computed) {
        Ok(difference) => difference,
        Err(error) => return (Figure::Missing(error.to_string()), ClaimStatus::Deviates),
    };
    let deviation = match kind {
        FigureKind::Share | FigureKind::AnnualRate => money::mul(difference, Decimal::ONE_HUNDRED),
        FigureKind::Percent => Ok(difference),
        _ if computed.is_zero() && difference.is_zero() => Ok(Decimal::ZERO),
        _ if computed.is_zero() => {
            let reason = "the computed figure is zero".to_string();
            return (Figure::Missing(reason), ClaimStatus::Deviates);
        }
        _ => money::div(difference, computed.abs()).and_then(|ratio| money::mul(ratio, Decimal::ONE_HUNDRED)),
    };
    match deviation {
        Ok(deviation) if deviation.abs() > TOLERANCE_PERCENT => (Figure::Value(deviation), ClaimStatus::Deviates),
        Ok(deviation) => (Figure::Value(deviation), ClaimStatus::Matches),
        Err(error) => (Figure::Missing(error.to_string()), ClaimStatus::Deviates),
    }
}

/// The reason a figure path does not lead to a figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookupError {
    pub message: String,
    /// A "did you mean" or the list of keys at the failing step.
    pub suggestion: Option<String>,
}

/// Finds the figure at `path` in the report's figures.
pub fn lookup(figures: &serde_json::Value, path: &Path) -> Result<Figure, LookupError> {
    use serde_json::Value as Json;

    let mut node = figures;
    let mut walked = Path::default();
    for segment in &path.segments {
        node = match (segment, node) {
            (PathSegment::Key(key), Json::Object(map)) => match map.get(key) {
                Some(next) => next,
                None => {
                    let known: Vec<&str> = map.keys().map(String::as_str).collect();
                    return Err(unknown(&walked, key, &known));
                }
            },
            (PathSegment::Key(key), Json::Array(items)) => {
                let names: Vec<&str> = items.iter().filter_map(element_name).collect();
                match items.iter().find(|item| element_name(item) == Some(key.as_str())) {
                    Some(next) => next,
                    None => return Err(unknown(&walked, key, &names)),
                }
            }
            (PathSegment::Index(index), Json::Array(items)) => match items.get(*index) {
                Some(next) => next,
                None => {
                    return Err(LookupError {
                        message: format!("`{walked}` has {} items, so [{index}] is out of range", items.len()),
                        suggestion: Some(format!("use an index from 0 to {}", items.len().saturating_sub(1))),
                    });
                }
            },
            (PathSegment::Index(index), _) => {
                return Err(LookupError {
                    message: format!("`{walked}` is not a list, so [{index}] does not apply"),
                    suggestion: None,
                });
            }
            (PathSegment::Key(key), _) => {
                return Err(LookupError {
                    message: format!("`{walked}` is a single figure, so it has no key `{key}`"),
                    suggestion: Some(format!("end the path at `{walked}`")),
                });
            }
        };
        walked.segments.push(segment.clone());
    }
    match node {
        Json::String(text) => parse_figure(text).map(Figure::Value).map_err(|problem| LookupError {
            message: format!("`{walked}` = \"{text}\" is not a figure: {problem}"),
            suggestion: None,
        }),
        Json::Null => Ok(Figure::Missing("not computed".to_string())),
        Json::Object(map) => match map.get("missing").and_then(Json::as_str) {
            Some(reason) if map.len() == 1 => Ok(Figure::Missing(reason.to_string())),
            _ => {
                let known: Vec<&str> = map.keys().map(String::as_str).collect();
                Err(LookupError {
                    message: format!("`{walked}` is a table of figures, not one figure"),
                    suggestion: Some(format!("add one of its keys: {}", known.join(", "))),
                })
            }
        },
        Json::Array(items) => {
            let names: Vec<&str> = items.iter().filter_map(element_name).collect();
            let suggestion = if names.is_empty() {
                "add an index such as [0]".to_string()
            } else {
                format!("add one of its names: {}", names.join(", "))
            };
            Err(LookupError {
                message: format!("`{walked}` is a list, not one figure"),
                suggestion: Some(suggestion),
            })
        }
        Json::Bool(_) | Json::Number(_) => Err(LookupError {
            message: format!("`{walked}` is not a money or ratio figure"),
            suggestion: None,
        }),
    }
}

/// Returns the name of a list element: its `id` (offerings) or `name`
/// (scenarios).
fn element_name(item: &serde_json::Value) -> Option<&str> {
    item.get("id")
        .or_else(|| item.get("name"))
        .and_then(serde_json::Value::as_str)
}

fn unknown(walked: &Path, key: &str, known: &[&str]) -> LookupError {
    let place = if walked.segments.is_empty() {
        "the report's figures have".to_string()
    } else {
        format!("`{walked}` has")
    };
    let suggestion = match did_you_mean(key, known.iter().copied()) {
        Some(candidate) => format!("did you mean `{}`?", walked.child(candidate)),
        None => format!("known keys here: {}", known.join(", ")),
    };
    LookupError {
        message: format!("{place} no `{key}`"),
        suggestion: Some(suggestion),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;
    use serde_json::json;

    fn figures() -> serde_json::Value {
        json!({
            "budget": { "total": "3283.2", "contingency": "547.2" },
            "scenarios": [
                { "name": "conservative", "years": [{ "savings": "7560" }], "irr": { "missing": "no sign change" } },
            ],
            "offerings": [{ "id": "gpt-4o", "cost_per_request": "0.015" }],
        })
    }

    fn path(text: &str) -> Path {
        Path::parse(text).unwrap()
    }

    #[test]
    fn lookup_walks_names_and_indexes() {
        let figures = figures();
        assert_eq!(
            lookup(&figures, &path("scenarios.conservative.years[0].savings")),
            Ok(Figure::Value(dec!(7560)))
        );
        assert_eq!(
            lookup(&figures, &path("offerings.gpt-4o.cost_per_request")),
            Ok(Figure::Value(dec!(0.015)))
        );
        assert_eq!(
            lookup(&figures, &path("scenarios.conservative.irr")),
            Ok(Figure::Missing("no sign change".into()))
        );
    }

    #[test]
    fn lookup_suggests_close_keys() {
        let error = lookup(&figures(), &path("budget.totl")).unwrap_err();
        assert_eq!(error.message, "`budget` has no `totl`");
        assert_eq!(error.suggestion.as_deref(), Some("did you mean `budget.total`?"));
        let error = lookup(&figures(), &path("scenarios.conservatve.irr")).unwrap_err();
        assert_eq!(
            error.suggestion.as_deref(),
            Some("did you mean `scenarios.conservative`?")
        );
    }

    #[test]
    fn lookup_rejects_tables_and_bad_indexes() {
        let error = lookup(&figures(), &path("budget")).unwrap_err();
        assert_eq!(error.message, "`budget` is a table of figures, not one figure");
        let error = lookup(&figures(), &path("scenarios.conservative.years[3].savings")).unwrap_err();
        assert!(error.message.contains("has 1 items"), "{}", error.message);
    }

    #[test]
    fn deviation_is_relative_to_computed() {
        let (percent, status) = deviation(
            Claimed::Value(dec!(555)),
            &Figure::Value(dec!(547.2)),
            FigureKind::Money,
        );
        assert_eq!(status, ClaimStatus::Deviates);
        assert_eq!(percent.value().unwrap().round_dp(4), dec!(1.4254));
    }

    #[test]
    fn deviation_within_tolerance_matches() {
        let (percent, status) = deviation(
            Claimed::Value(dec!(3291)),
            &Figure::Value(dec!(3283.2)),
            FigureKind::Money,
        );
        assert_eq!(status, ClaimStatus::Matches);
        assert!(percent.value().unwrap() < dec!(0.5));
    }

    #[test]
    fn shares_deviate_in_points() {
        let (points, status) = deviation(
            Claimed::Value(dec!(0.73)),
            &Figure::Value(dec!(0.7343)),
            FigureKind::Share,
        );
        assert_eq!(status, ClaimStatus::Matches);
        assert_eq!(points, Figure::Value(dec!(-0.4300)));
        let (_, status) = deviation(Claimed::Value(dec!(1)), &Figure::Value(dec!(0.9652)), FigureKind::Share);
        assert_eq!(status, ClaimStatus::Deviates);
    }

    #[test]
    fn range_deviates_from_nearest_end() {
        let inside = deviation(
            Claimed::Range(dec!(40), dec!(50)),
            &Figure::Value(dec!(45)),
            FigureKind::Money,
        );
        assert_eq!(inside, (Figure::Value(dec!(0)), ClaimStatus::Matches));
        let (below, status) = deviation(
            Claimed::Range(dec!(40), dec!(50)),
            &Figure::Value(dec!(80)),
            FigureKind::Money,
        );
        assert_eq!(status, ClaimStatus::Deviates);
        assert_eq!(below, Figure::Value(dec!(-37.5)));
    }

    #[test]
    fn missing_or_zero_computed_figure() {
        let missing = deviation(Claimed::Value(dec!(1)), &Figure::Missing("x".into()), FigureKind::Money);
        assert_eq!(missing.1, ClaimStatus::Unverified);
        let zero = deviation(Claimed::Value(dec!(1)), &Figure::Value(dec!(0)), FigureKind::Money);
        assert_eq!(
            zero,
            (
                Figure::Missing("the computed figure is zero".into()),
                ClaimStatus::Deviates
            )
        );
        let both_zero = deviation(Claimed::Value(dec!(0)), &Figure::Value(dec!(0)), FigureKind::Money);
        assert_eq!(both_zero.1, ClaimStatus::Matches);
    }
}
