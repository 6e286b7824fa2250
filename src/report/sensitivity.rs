//! The NPV sensitivity of each scenario for the cost report: the inputs
//! that move the NPV most, as a table and a tornado chart.
//!
//! The figures come from [`crate::whatif::sensitivity`], which swings each
//! driving input by ±20% and projects the scenario again. This module only
//! picks the largest effects and arranges them.

use rust_decimal::Decimal;
use serde::Serialize;

use super::charts::{self, Chart, TornadoRow};
use super::figure::Figure;
use crate::error::Error;
use crate::format;
use crate::input::Inputs;
use crate::result::{Projection, dec};
use crate::whatif::numeric::Kind;
use crate::whatif::{Metric, Sensitivity, SensitivityOptions, sensitivity};

/// Inputs shown per scenario, largest effect first.
pub const TOP_INPUTS: usize = 10;

/// The sensitivity section of one scenario.
#[derive(Debug, Clone, Serialize)]
pub struct SensitivitySection {
    pub scenario: String,
    /// Share each input is moved down and up by.
    #[serde(with = "dec")]
    pub swing: Decimal,
    /// NPV with every input as written.
    pub base: Figure,
    /// The tornado chart, relative to the reports; empty when no input
    /// moves the NPV.
    pub chart: String,
    /// The inputs with the largest effect, at most [`TOP_INPUTS`].
    pub inputs: Vec<SensitivityRow>,
    /// Inputs swung that moved the NPV but are not listed.
    pub more: usize,
    /// Inputs swung that left the NPV unchanged.
    pub unchanged: usize,
}

/// One input's effect on the NPV.
#[derive(Debug, Clone, Serialize)]
pub struct SensitivityRow {
    pub path: String,
    /// `rate` and `share` inputs are fractions shown as percentages.
    pub kind: Kind,
    #[serde(with = "dec")]
    pub value: Decimal,
    #[serde(with = "dec")]
    pub low_value: Decimal,
    #[serde(with = "dec")]
    pub high_value: Decimal,
    pub low: Figure,
    pub high: Figure,
    pub swing: Figure,
}

/// Computes the NPV sensitivity of every scenario and draws its tornado
/// chart; `chart_path` turns a chart's file name into the report's link.
pub fn sections(
    inputs: &Inputs,
    projection: &Projection,
    chart_path: impl Fn(&str) -> String,
) -> Result<(Vec<SensitivitySection>, Vec<Chart>), Error> {
    let mut sections = Vec::new();
    let mut drawn = Vec::new();
    for (scenario, file_name) in projection.scenarios.iter().zip(charts::tornado_files(projection)) {
        let options = SensitivityOptions {
            metric: Metric::Npv,
            scenario: Some(scenario.name.clone()),
            ..SensitivityOptions::default()
        };
        let result = sensitivity(inputs, &options)?;
        let section = section(&result, &chart_path(&file_name));
        if let Some(svg) = tornado(&result, &section, &projection.currency)? {
            drawn.push(Chart { file_name, svg });
        }
        sections.push(section);
    }
    Ok((sections, drawn))
}

fn section(result: &Sensitivity, chart: &str) -> SensitivitySection {
    let moving: Vec<_> = result
        .inputs
        .iter()
        .filter(|input| input.swing.is_some_and(|swing| !swing.is_zero()))
        .collect();
    let unchanged = result.inputs.len() - moving.len();
    let rows: Vec<SensitivityRow> = moving
        .iter()
        .take(TOP_INPUTS)
        .map(|input| SensitivityRow {
            path: input.path.clone(),
            kind: input.kind,
            value: input.value,
            low_value: input.low_value,
            high_value: input.high_value,
            low: Figure::from_engine(input.low, &input.unavailable, "low"),
            high: Figure::from_engine(input.high, &input.unavailable, "high"),
            swing: Figure::from_engine(input.swing, &input.unavailable, "swing"),
        })
        .collect();
    SensitivitySection {
        scenario: result.scenario.clone(),
        swing: result.input_swing,
        base: Figure::from_engine(result.base, &result.unavailable, "base"),
        chart: if rows.is_empty() {
            String::new()
        } else {
            chart.to_string()
        },
        more: moving.len().saturating_sub(TOP_INPUTS),
        unchanged,
        inputs: rows,
    }
}

/// Draws the tornado chart of a section, or nothing when no input moves
/// the NPV or the NPV as written cannot be computed.
fn tornado(result: &Sensitivity, section: &SensitivitySection, currency: &str) -> Result<Option<String>, Error> {
    let Some(base) = result.base else {
        return Ok(None);
    };
    let rows: Vec<TornadoRow> = section
        .inputs
        .iter()
        .filter_map(|row| {
            Some(TornadoRow {
                name: row.path.clone(),
                low: row.low.value()?,
                high: row.high.value()?,
            })
        })
        .collect();
    if rows.is_empty() {
        return Ok(None);
    }
    let swing = format::share(section.swing);
    charts::tornado(
        &format!("NPV sensitivity, scenario {}: each input ±{swing}", section.scenario),
        &format!("{currency}, net present value"),
        &swing,
        base,
        &rows,
        currency,
    )
    .map(Some)
    .map_err(|error| Error::Runtime(format!("cannot draw the tornado chart: {error}")))
}
