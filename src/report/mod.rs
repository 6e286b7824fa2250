//! The stakeholder reports: `cost_roi_analysis.md`, `executive_summary.md`
//! and the SVG charts they link to, rendered from the engine's projection.
//!
//! This module arranges figures and renders them; it computes nothing the
//! engine computes. [`view`] turns the projection into the report's
//! figures, [`claims`] and [`criteria`] compare them with the companion
//! files, [`templates`] renders the Markdown with the [`filters`], and
//! [`write`] replaces the files on disk. Rendering happens in memory, so
//! nothing is written unless every file renders.

pub mod as_of;
pub mod assumptions;
pub mod benchmarks;
pub mod charts;
pub mod claims;
pub mod companion;
pub mod criteria;
pub mod figure;
pub mod filters;
pub mod sensitivity;
pub mod templates;
pub mod view;
pub mod write;

use std::path::PathBuf;

use serde::Serialize;

use self::as_of::{AsOf, Roles};
use self::assumptions::AssumptionGroup;
use self::claims::Reconciliation;
use self::companion::{BENCHMARKS_FILE, CLAIMS_FILE};
use self::criteria::Decision;
use self::templates::Templates;
use self::view::Figures;
use self::write::{CHARTS_DIR, OutputFile};
use crate::engine::{self, Options};
use crate::error::{Error, InputError};
use crate::input::Inputs;
use crate::model::Model;

/// Everything the templates see: the figures at the top level, and the
/// sections built around them.
#[derive(Debug, Clone, Serialize)]
pub struct ReportView<'a> {
    #[serde(flatten)]
    pub figures: &'a Figures<'a>,
    pub as_of: AsOf,
    pub reconciliation: Reconciliation,
    pub decision: Decision,
    pub assumptions: Vec<AssumptionGroup>,
    pub charts: ChartLinks,
    /// The NPV sensitivity of each scenario, with its tornado chart.
    pub sensitivity: Vec<self::sensitivity::SensitivitySection>,
}

/// Paths of the charts relative to the reports.
#[derive(Debug, Clone, Serialize)]
pub struct ChartLinks {
    pub cost_per_request: String,
    pub monthly_cost: String,
    pub horizon_cost: String,
    pub cumulative_benefit: String,
}

/// The rendered reports and charts, ready to write or compare.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// Paths relative to the output directory.
    pub files: Vec<OutputFile>,
    /// The engine's warnings about the inputs.
    pub warnings: Vec<String>,
}

/// Renders both reports and every chart of a loaded model in memory.
pub fn render(inputs: &Inputs, model: &Model, templates: &Templates) -> Result<Rendered, Error> {
    let projection = engine::project(model, &inputs.overrides, &Options::default())?;

    let mut sources = inputs.sources.clone();
    let claims_file = companion::load(inputs, &mut sources, CLAIMS_FILE)?;
    let benchmarks_file = companion::load(inputs, &mut sources, BENCHMARKS_FILE)?;
    let benchmarks = benchmarks_file
        .as_ref()
        .map(|file| benchmarks::decode(&sources, file, model))
        .transpose()?;

    let chart_path = |name: &str| format!("{CHARTS_DIR}/{name}");
    let annual_charts: Vec<String> = charts::annual_cost_files(&projection)
        .iter()
        .map(|name| chart_path(name))
        .collect();
    let figures = view::figures(model, &projection, &annual_charts).map_err(|error| {
        InputError::new(format!("the report's figures cannot be computed: {error}"))
            .with_help("lower the growth rates, volumes, prices or horizon that make the figures this large")
    })?;

    let (sensitivity, tornado_charts) = self::sensitivity::sections(inputs, &projection, chart_path)?;

    let reconciliation = match &claims_file {
        Some(file) => {
            let document = serde_json::to_value(&figures)
                .map_err(|error| Error::Runtime(format!("cannot list the report's figures: {error}")))?;
            claims::reconcile(&sources, file, &document)?
        }
        None => Reconciliation::absent(),
    };
    let roles = Roles {
        model_files: inputs.model_files.clone(),
        catalogue: inputs.catalogue,
        claims: claims_file.as_ref().map(|file| file.id),
        benchmarks: benchmarks_file.as_ref().map(|file| file.id),
    };
    let view = ReportView {
        figures: &figures,
        as_of: as_of::as_of(&sources, &roles, &projection),
        reconciliation,
        decision: criteria::decide(&figures, benchmarks.as_ref()),
        assumptions: assumptions::register(inputs, &projection.currency),
        charts: ChartLinks {
            cost_per_request: chart_path(charts::COST_PER_REQUEST),
            monthly_cost: chart_path(charts::MONTHLY_COST),
            horizon_cost: chart_path(charts::HORIZON_COST),
            cumulative_benefit: chart_path(charts::CUMULATIVE_BENEFIT),
        },
        sensitivity,
    };

    let context = tera::Context::from_serialize(&view)
        .map_err(|error| Error::Runtime(format!("cannot pass the report's figures to the templates: {error}")))?;
    let mut files: Vec<OutputFile> = templates
        .render(&context, &projection.currency)?
        .into_iter()
        .map(|(name, text)| OutputFile {
            path: PathBuf::from(name),
            contents: text.into_bytes(),
        })
        .collect();
    let drawn = charts::render_all(&figures, &projection)
        .map_err(|error| Error::Runtime(format!("cannot draw the charts: {error}")))?;
    files.extend(drawn.into_iter().chain(tornado_charts).map(|chart| OutputFile {
        path: PathBuf::from(CHARTS_DIR).join(chart.file_name),
        contents: chart.svg.into_bytes(),
    }));

    Ok(Rendered {
        files,
        warnings: projection.warnings.clone(),
    })
}
