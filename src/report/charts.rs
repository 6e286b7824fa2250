//! The SVG charts of the reports, drawn with plotters' SVG backend.
//!
//! The backend writes text as SVG `<text>` elements and leaves the font to
//! the viewer, so drawing needs no system fonts and gives the same bytes on
//! every machine. Figures are converted to `f64` only to place shapes;
//! every label is formatted from the exact decimal with [`crate::format`].
//!
//! Each chart is 800 pixels wide with a title, axis titles that carry the
//! unit, tick labels with thousands separators and a legend strip under
//! the title, so no legend covers the data.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::figure::Figure;
use super::view::{Figures, PaybackGroup};
use crate::format;
use crate::result::Projection;

/// Width of every chart, in pixels.
pub const WIDTH: u32 = 800;

const FONT: &str = "sans-serif";
const TITLE_SIZE: u32 = 20;
const LABEL_SIZE: u32 = 13;
const AXIS_TITLE_SIZE: u32 = 14;
const TITLE_HEIGHT: u32 = 40;
const LEGEND_HEIGHT: u32 = 30;
const CATEGORY_AREA: u32 = 170;

const CANDIDATE: RGBColor = RGBColor(31, 119, 180);
const BASELINE: RGBColor = RGBColor(214, 39, 40);
const ALTERNATIVE: RGBColor = RGBColor(160, 160, 160);
const INVESTMENT: RGBColor = RGBColor(60, 60, 60);
const SCENARIO_COLORS: &[RGBColor] = &[
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
];

/// One rendered chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// File name inside the charts directory.
    pub file_name: String,
    pub svg: String,
}

/// File names of the charts every report links to.
pub const COST_PER_REQUEST: &str = "cost_per_request.svg";
pub const MONTHLY_COST: &str = "monthly_cost.svg";
pub const HORIZON_COST: &str = "horizon_cost.svg";
pub const CUMULATIVE_BENEFIT: &str = "cumulative_benefit.svg";

/// Returns whether a file name is one that roi gives its charts.
pub fn is_chart_name(name: &str) -> bool {
    let fixed = [COST_PER_REQUEST, MONTHLY_COST, HORIZON_COST, CUMULATIVE_BENEFIT];
    fixed.contains(&name)
        || (name.ends_with(".svg") && (name.starts_with("annual_cost_") || name.starts_with("tornado_npv_")))
}

/// File names of the annual cost charts, one per scenario in scenario
/// order.
pub fn annual_cost_files(projection: &Projection) -> Vec<String> {
    scenario_files(projection, "annual_cost")
}

/// File names of the NPV tornado charts, one per scenario in scenario order.
pub fn tornado_files(projection: &Projection) -> Vec<String> {
    scenario_files(projection, "tornado_npv")
}

/// File names `<prefix>_<scenario>.svg`, one per scenario in scenario
/// order. Names are made of the scenario name's letters, digits, `-` and
/// `_`; a name that repeats after that gets a number.
fn scenario_files(projection: &Projection, prefix: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for scenario in &projection.scenarios {
        let cleaned: String = scenario
            .name
            .chars()
            .map(|ch| {
                if ch.is_ascii_alphanumeric() || ch == '-' || ch == '_' {
                    ch.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        let mut name = format!("{prefix}_{cleaned}.svg");
        let mut counter = 2;
        while names.contains(&name) {
            name = format!("{prefix}_{cleaned}_{counter}.svg");
            counter += 1;
        }
        names.push(name);
    }
    names
}

/// Draws every chart of the reports.
pub fn render_all(figures: &Figures<'_>, projection: &Projection) -> Result<Vec<Chart>, String> {
    let currency = figures.currency;
    let mut charts = vec![
        Chart {
            file_name: COST_PER_REQUEST.to_string(),
            svg: cost_per_request(figures)?,
        },
        Chart {
            file_name: MONTHLY_COST.to_string(),
            svg: monthly_cost(figures)?,
        },
        Chart {
            file_name: HORIZON_COST.to_string(),
            svg: horizon_cost(figures)?,
        },
        Chart {
            file_name: CUMULATIVE_BENEFIT.to_string(),
            svg: cumulative_benefit(figures, projection)?,
        },
    ];
    for (scenario, file_name) in figures.scenarios.iter().zip(annual_cost_files(projection)) {
        let categories: Vec<Category> = scenario
            .years
            .iter()
            .map(|year| Category {
                name: if year.months < 12 {
                    format!("Year {} ({} months)", year.year, year.months)
                } else {
                    format!("Year {}", year.year)
                },
                bars: vec![
                    Bar::new(year.candidate_cost, format::money(year.candidate_cost, currency), 0),
                    Bar::new(year.baseline_cost, format::money(year.baseline_cost, currency), 1),
                ],
            })
            .collect();
        let series = [
            Series::new(format!("candidate: {}", figures.candidate.id), CANDIDATE),
            Series::new(format!("baseline: {}", figures.baseline.id), BASELINE),
        ];
        let svg = vertical_bars(
            &format!("Annual cost, scenario {}", scenario.name),
            &format!("{currency} per year"),
            "projection year",
            &categories,
            &series,
        )?;
        charts.push(Chart { file_name, svg });
    }
    Ok(charts)
}

/// A bar with its exact value, for the label, and its series.
struct Bar {
    value: Decimal,
    label: String,
    series: usize,
}

impl Bar {
    fn new(value: Decimal, label: String, series: usize) -> Bar {
        Bar { value, label, series }
    }
}

/// One group of bars: an offering or a year.
struct Category {
    name: String,
    bars: Vec<Bar>,
}

/// A legend entry.
struct Series {
    name: String,
    color: RGBColor,
}

impl Series {
    fn new(name: impl Into<String>, color: RGBColor) -> Series {
        Series {
            name: name.into(),
            color,
        }
    }
}

fn role_series() -> Vec<Series> {
    vec![
        Series::new("candidate", CANDIDATE),
        Series::new("baseline", BASELINE),
        Series::new("alternative", ALTERNATIVE),
    ]
}

fn role_index(role: &str) -> usize {
    match role {
        "candidate" => 0,
        "baseline" => 1,
        _ => 2,
    }
}

fn cost_per_request(figures: &Figures<'_>) -> Result<String, String> {
    let categories: Vec<Category> = figures
        .offerings
        .iter()
        .filter_map(|offering| {
            let Figure::Value(value) = offering.cost_per_request else {
                return None;
            };
            Some(Category {
                name: offering.id.to_string(),
                bars: vec![Bar::new(
                    value,
                    format::unit_price(value, figures.currency),
                    role_index(offering.role),
                )],
            })
        })
        .collect();
    horizontal_bars(
        "Cost per request at base volume",
        &format!("{} per request (usage only)", figures.currency),
        "offering",
        &categories,
        &role_series(),
    )
}

fn monthly_cost(figures: &Figures<'_>) -> Result<String, String> {
    let categories: Vec<Category> = figures
        .offerings
        .iter()
        .map(|offering| Category {
            name: offering.id.to_string(),
            bars: vec![Bar::new(
                offering.monthly_cost,
                format::money(offering.monthly_cost, figures.currency),
                role_index(offering.role),
            )],
        })
        .collect();
    horizontal_bars(
        &format!(
            "Monthly cost at base volume ({} requests a month)",
            format::number(figures.base_requests_per_month, 0)
        ),
        &format!("{} per month (usage, fees and operations)", figures.currency),
        "offering",
        &categories,
        &role_series(),
    )
}

fn horizon_cost(figures: &Figures<'_>) -> Result<String, String> {
    let categories: Vec<Category> = figures
        .offerings
        .iter()
        .map(|offering| Category {
            name: offering.id.to_string(),
            bars: offering
                .horizon_costs
                .iter()
                .enumerate()
                .filter_map(|(position, cost)| {
                    cost.total_cost
                        .value()
                        .map(|value| Bar::new(value, format::money(value, figures.currency), position))
                })
                .collect(),
        })
        .collect();
    let series: Vec<Series> = figures
        .scenarios
        .iter()
        .enumerate()
        .map(|(position, scenario)| {
            Series::new(
                format!("scenario {}", scenario.name),
                SCENARIO_COLORS[position % SCENARIO_COLORS.len()],
            )
        })
        .collect();
    horizontal_bars(
        &format!("Total cost over {} months", figures.horizon_months),
        &format!("{} over {} months", figures.currency, figures.horizon_months),
        "offering",
        &categories,
        &series,
    )
}

fn to_f64(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

/// Decimals that tell the ticks of an axis up to `max` apart.
fn axis_decimals(max: f64) -> usize {
    if max >= 10.0 || max <= 0.0 {
        return 0;
    }
    let step = max / 10.0;
    (-step.log10()).ceil().clamp(0.0, 8.0) as usize
}

/// Formats a tick label with thousands separators.
fn tick_label(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    let text = if text.starts_with('-') && text.trim_start_matches(['-', '0', '.']).is_empty() {
        text.trim_start_matches('-').to_string()
    } else {
        text
    };
    format::group_thousands(&text)
}

fn text_style(size: u32, anchor: Pos) -> TextStyle<'static> {
    TextStyle::from((FONT, size).into_font()).color(&BLACK).pos(anchor)
}

/// A legend entry: a colour and how it is drawn.
struct LegendEntry {
    name: String,
    color: RGBColor,
    shape: LegendShape,
}

#[derive(Clone, Copy)]
enum LegendShape {
    Box,
    Line,
    Dashed,
}

/// Draws the legend entries in a row, from the left of `area`.
fn draw_legend<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, entries: &[LegendEntry]) -> Result<(), String> {
    let mut x = 70;
    let middle = (LEGEND_HEIGHT / 2) as i32;
    for entry in entries {
        match entry.shape {
            LegendShape::Box => area
                .draw(&Rectangle::new(
                    [(x, middle - 6), (x + 14, middle + 6)],
                    entry.color.filled(),
                ))
                .map_err(|error| error.to_string())?,
            LegendShape::Line => area
                .draw(&PathElement::new(
                    vec![(x, middle), (x + 18, middle)],
                    entry.color.stroke_width(3),
                ))
                .map_err(|error| error.to_string())?,
            LegendShape::Dashed => {
                for start in [x, x + 8, x + 16] {
                    area.draw(&PathElement::new(
                        vec![(start, middle), (start + 4, middle)],
                        entry.color.stroke_width(2),
                    ))
                    .map_err(|error| error.to_string())?;
                }
            }
        }
        area.draw(&Text::new(
            entry.name.clone(),
            (x + 24, middle),
            text_style(LABEL_SIZE, Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(|error| error.to_string())?;
        // An estimate of the text width: about 0.6 em per character.
        x += 24 + (entry.name.chars().count() as i32 * LABEL_SIZE as i32 * 6) / 10 + 28;
    }
    Ok(())
}

/// Horizontal bars, one row per category, with a bar per series in it and
/// the exact value written at the end of each bar.
fn horizontal_bars(
    title: &str,
    value_axis: &str,
    category_axis: &str,
    categories: &[Category],
    series: &[Series],
) -> Result<String, String> {
    let bars_per_row = categories
        .iter()
        .map(|category| category.bars.len())
        .max()
        .unwrap_or(1)
        .max(1);
    let row_height = 10 + 20 * bars_per_row as u32;
    let height = TITLE_HEIGHT + LEGEND_HEIGHT + 70 + row_height * categories.len().max(1) as u32;
    let max = categories
        .iter()
        .flat_map(|category| category.bars.iter())
        .map(|bar| to_f64(bar.value))
        .fold(0.0_f64, f64::max);
    // Room on the right for the value labels.
    let axis_max = if max > 0.0 { max * 1.3 } else { 1.0 };
    let decimals = axis_decimals(axis_max);
    let rows = categories.len().max(1) as f64;

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|error| error.to_string())?;
        let body = root
            .titled(title, (FONT, TITLE_SIZE))
            .map_err(|error| error.to_string())?;
        let (legend_area, chart_area) = body.split_vertically(LEGEND_HEIGHT);
        let entries: Vec<LegendEntry> = series
            .iter()
            .enumerate()
            .filter(|(position, _)| {
                categories
                    .iter()
                    .any(|category| category.bars.iter().any(|bar| bar.series == *position))
            })
            .map(|(_, entry)| LegendEntry {
                name: entry.name.clone(),
                color: entry.color,
                shape: LegendShape::Box,
            })
            .collect();
        draw_legend(&legend_area, &entries)?;

        let mut chart = ChartBuilder::on(&chart_area)
            .margin_right(30)
            .margin_left(10)
            .x_label_area_size(45)
            .y_label_area_size(CATEGORY_AREA)
            .build_cartesian_2d(0.0..axis_max, 0.0..rows)
            .map_err(|error| error.to_string())?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(0)
            .x_labels(8)
            .x_label_formatter(&|value| tick_label(*value, decimals))
            .x_desc(value_axis)
            .y_desc(category_axis)
            .label_style((FONT, LABEL_SIZE))
            .axis_desc_style((FONT, AXIS_TITLE_SIZE))
            .light_line_style(WHITE)
            .draw()
            .map_err(|error| error.to_string())?;

        let bar_height = 18;
        for (row, category) in categories.iter().enumerate() {
            // Row 0 is at the top.
            let top_value = rows - row as f64;
            let (left, top) = chart.backend_coord(&(0.0, top_value));
            let (_, bottom) = chart.backend_coord(&(0.0, top_value - 1.0));
            let center = (top + bottom) / 2;
            root.draw(&Text::new(
                category.name.clone(),
                (left - 8, center),
                text_style(LABEL_SIZE, Pos::new(HPos::Right, VPos::Center)),
            ))
            .map_err(|error| error.to_string())?;

            let group_height = bar_height * category.bars.len() as i32 + 2 * (category.bars.len() as i32 - 1);
            let mut bar_top = center - group_height / 2;
            for bar in &category.bars {
                let (right, _) = chart.backend_coord(&(to_f64(bar.value).max(0.0), top_value));
                let color = series.get(bar.series).map_or(ALTERNATIVE, |entry| entry.color);
                root.draw(&Rectangle::new(
                    [(left, bar_top), (right.max(left + 1), bar_top + bar_height)],
                    color.filled(),
                ))
                .map_err(|error| error.to_string())?;
                root.draw(&Text::new(
                    bar.label.clone(),
                    (right.max(left) + 5, bar_top + bar_height / 2),
                    text_style(LABEL_SIZE - 1, Pos::new(HPos::Left, VPos::Center)),
                ))
                .map_err(|error| error.to_string())?;
                bar_top += bar_height + 2;
            }
        }
        root.present().map_err(|error| error.to_string())?;
    }
    Ok(svg)
}

/// Vertical bars, one group per category and one bar per series in it,
/// with the exact value above each bar.
fn vertical_bars(
    title: &str,
    value_axis: &str,
    category_axis: &str,
    categories: &[Category],
    series: &[Series],
) -> Result<String, String> {
    let height = 480;
    let max = categories
        .iter()
        .flat_map(|category| category.bars.iter())
        .map(|bar| to_f64(bar.value))
        .fold(0.0_f64, f64::max);
    let axis_max = if max > 0.0 { max * 1.15 } else { 1.0 };
    let decimals = axis_decimals(axis_max);
    let count = categories.len().max(1) as f64;

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|error| error.to_string())?;
        let body = root
            .titled(title, (FONT, TITLE_SIZE))
            .map_err(|error| error.to_string())?;
        let (legend_area, chart_area) = body.split_vertically(LEGEND_HEIGHT);
        let entries: Vec<LegendEntry> = series
            .iter()
            .map(|entry| LegendEntry {
                name: entry.name.clone(),
                color: entry.color,
                shape: LegendShape::Box,
            })
            .collect();
        draw_legend(&legend_area, &entries)?;

        let mut chart = ChartBuilder::on(&chart_area)
            .margin_right(30)
            .margin_left(10)
            .x_label_area_size(50)
            .y_label_area_size(90)
            .build_cartesian_2d(0.0..count, 0.0..axis_max)
            .map_err(|error| error.to_string())?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_labels(8)
            .y_label_formatter(&|value| tick_label(*value, decimals))
            .x_desc(category_axis)
            .y_desc(value_axis)
            .label_style((FONT, LABEL_SIZE))
            .axis_desc_style((FONT, AXIS_TITLE_SIZE))
            .light_line_style(WHITE)
            .draw()
            .map_err(|error| error.to_string())?;

        for (position, category) in categories.iter().enumerate() {
            let (left, bottom) = chart.backend_coord(&(position as f64, 0.0));
            let (right, _) = chart.backend_coord(&(position as f64 + 1.0, 0.0));
            let center = (left + right) / 2;
            root.draw(&Text::new(
                category.name.clone(),
                (center, bottom + 14),
                text_style(LABEL_SIZE, Pos::new(HPos::Center, VPos::Center)),
            ))
            .map_err(|error| error.to_string())?;

            let bars = category.bars.len().max(1) as i32;
            let group_width = ((right - left) * 8) / 10;
            let bar_width = group_width / bars;
            let mut bar_left = center - group_width / 2;
            for bar in &category.bars {
                let (_, top) = chart.backend_coord(&(position as f64, to_f64(bar.value).max(0.0)));
                let color = series.get(bar.series).map_or(ALTERNATIVE, |entry| entry.color);
                root.draw(&Rectangle::new(
                    [(bar_left + 2, top.min(bottom - 1)), (bar_left + bar_width - 2, bottom)],
                    color.filled(),
                ))
                .map_err(|error| error.to_string())?;
                root.draw(&Text::new(
                    bar.label.clone(),
                    (bar_left + bar_width / 2, top - 9),
                    text_style(LABEL_SIZE - 2, Pos::new(HPos::Center, VPos::Center)),
                ))
                .map_err(|error| error.to_string())?;
                bar_left += bar_width;
            }
        }
        root.present().map_err(|error| error.to_string())?;
    }
    Ok(svg)
}

/// Cumulative benefit month by month per scenario against the total
/// investment, with the payback points marked.
fn cumulative_benefit(figures: &Figures<'_>, projection: &Projection) -> Result<String, String> {
    let currency = figures.currency;
    let horizon = figures.horizon_months as f64;
    let investment = to_f64(figures.investment.total);
    let lines: Vec<Vec<(f64, f64)>> = projection
        .scenarios
        .iter()
        .map(|scenario| {
            std::iter::once((0.0, 0.0))
                .chain(
                    scenario
                        .months
                        .iter()
                        .map(|month| (f64::from(month.month), to_f64(month.cumulative_benefit))),
                )
                .collect()
        })
        .collect();
    let values = lines.iter().flatten().map(|(_, value)| *value);
    let max = values.clone().fold(investment, f64::max);
    let min = values.fold(0.0_f64, f64::min);
    let axis_max = if max > 0.0 { max * 1.08 } else { 1.0 };
    let axis_min = if min < 0.0 { min * 1.08 } else { 0.0 };
    let decimals = axis_decimals(axis_max - axis_min);

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, 500)).into_drawing_area();
        root.fill(&WHITE).map_err(|error| error.to_string())?;
        let body = root
            .titled("Cumulative benefit against the investment", (FONT, TITLE_SIZE))
            .map_err(|error| error.to_string())?;
        let (legend_area, chart_area) = body.split_vertically(LEGEND_HEIGHT);
        let mut entries: Vec<LegendEntry> = figures
            .scenarios
            .iter()
            .enumerate()
            .map(|(position, scenario)| LegendEntry {
                name: format!("scenario {}", scenario.name),
                color: SCENARIO_COLORS[position % SCENARIO_COLORS.len()],
                shape: LegendShape::Line,
            })
            .collect();
        entries.push(LegendEntry {
            name: format!("total investment {}", format::money(figures.investment.total, currency)),
            color: INVESTMENT,
            shape: LegendShape::Dashed,
        });
        draw_legend(&legend_area, &entries)?;

        let mut chart = ChartBuilder::on(&chart_area)
            .margin_right(30)
            .margin_left(10)
            .x_label_area_size(45)
            .y_label_area_size(90)
            .build_cartesian_2d(0.0..horizon, axis_min..axis_max)
            .map_err(|error| error.to_string())?;
        chart
            .configure_mesh()
            .x_labels(13)
            .y_labels(8)
            .x_label_formatter(&|value| tick_label(*value, 0))
            .y_label_formatter(&|value| tick_label(*value, decimals))
            .x_desc("months from the start")
            .y_desc(format!("{currency}, cumulative"))
            .label_style((FONT, LABEL_SIZE))
            .axis_desc_style((FONT, AXIS_TITLE_SIZE))
            .light_line_style(WHITE)
            .draw()
            .map_err(|error| error.to_string())?;

        chart
            .draw_series(DashedLineSeries::new(
                vec![(0.0, investment), (horizon, investment)],
                6,
                4,
                INVESTMENT.stroke_width(2),
            ))
            .map_err(|error| error.to_string())?;
        for (position, points) in lines.iter().enumerate() {
            let color = SCENARIO_COLORS[position % SCENARIO_COLORS.len()];
            chart
                .draw_series(LineSeries::new(points.clone(), color.stroke_width(2)))
                .map_err(|error| error.to_string())?;
        }
        draw_payback_marks(&root, &chart, &figures.payback_groups, investment)?;
        root.present().map_err(|error| error.to_string())?;
    }
    Ok(svg)
}

/// Marks each distinct payback on the investment line and labels it.
fn draw_payback_marks<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &ChartContext<
        '_,
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    groups: &[PaybackGroup],
    investment: f64,
) -> Result<(), String> {
    let mut label_row = 0;
    for group in groups {
        let Figure::Value(months) = group.payback_months else {
            continue;
        };
        let (x, y) = chart.backend_coord(&(to_f64(months), investment));
        root.draw(&Circle::new((x, y), 6, BLACK.stroke_width(2)))
            .map_err(|error| error.to_string())?;
        let label = format!(
            "payback after {}: {}",
            format::duration(months),
            group.scenarios.join(", ")
        );
        root.draw(&Text::new(
            label,
            (x + 12, y - 14 - 18 * label_row),
            text_style(LABEL_SIZE, Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(|error| error.to_string())?;
        label_row += 1;
    }
    Ok(())
}

/// Colour of the bars for an input moved down by the swing.
const SWING_LOW: RGBColor = RGBColor(230, 126, 34);
/// Colour of the bars for an input moved up by the swing.
const SWING_HIGH: RGBColor = RGBColor(41, 128, 185);
/// Width of the input names on the left of a tornado chart.
const TORNADO_LABEL_AREA: u32 = 300;

/// One input of a tornado chart: its name and the metric with the input
/// moved down and up.
pub struct TornadoRow {
    pub name: String,
    pub low: Decimal,
    pub high: Decimal,
}

/// Draws a tornado chart: one row per input, a bar from the metric as
/// written to the metric with the input moved down (`low`) and one to the
/// metric with it moved up (`high`), largest effect at the top.
pub fn tornado(
    title: &str,
    value_axis: &str,
    swing: &str,
    base: Decimal,
    rows: &[TornadoRow],
    currency: &str,
) -> Result<String, String> {
    let base_x = to_f64(base);
    let (mut min, mut max) = (base_x, base_x);
    for row in rows {
        for value in [to_f64(row.low), to_f64(row.high)] {
            min = min.min(value);
            max = max.max(value);
        }
    }
    // Room on both sides for the value labels.
    let pad = ((max - min) * 0.35).max(max.abs().max(1.0) * 0.01);
    let (axis_min, axis_max) = (min - pad, max + pad);
    let decimals = axis_decimals((axis_max - axis_min).abs());
    let row_height = 30;
    let height = TITLE_HEIGHT + LEGEND_HEIGHT + 70 + row_height * rows.len().max(1) as u32;
    let count = rows.len().max(1) as f64;

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|error| error.to_string())?;
        let body = root
            .titled(title, (FONT, TITLE_SIZE))
            .map_err(|error| error.to_string())?;
        let (legend_area, chart_area) = body.split_vertically(LEGEND_HEIGHT);
        draw_legend(
            &legend_area,
            &[
                LegendEntry {
                    name: format!("input {swing} lower"),
                    color: SWING_LOW,
                    shape: LegendShape::Box,
                },
                LegendEntry {
                    name: format!("input {swing} higher"),
                    color: SWING_HIGH,
                    shape: LegendShape::Box,
                },
                LegendEntry {
                    name: format!("as written {}", format::money(base, currency)),
                    color: INVESTMENT,
                    shape: LegendShape::Dashed,
                },
            ],
        )?;

        let mut chart = ChartBuilder::on(&chart_area)
            .margin_right(30)
            .margin_left(10)
            .x_label_area_size(45)
            .y_label_area_size(TORNADO_LABEL_AREA)
            .build_cartesian_2d(axis_min..axis_max, 0.0..count)
            .map_err(|error| error.to_string())?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(0)
            .x_labels(6)
            .x_label_formatter(&|value| tick_label(*value, decimals))
            .x_desc(value_axis)
            .label_style((FONT, LABEL_SIZE))
            .axis_desc_style((FONT, AXIS_TITLE_SIZE))
            .light_line_style(WHITE)
            .draw()
            .map_err(|error| error.to_string())?;
        chart
            .draw_series(DashedLineSeries::new(
                vec![(base_x, 0.0), (base_x, count)],
                6,
                4,
                INVESTMENT.stroke_width(2),
            ))
            .map_err(|error| error.to_string())?;

        let bar_height = 18;
        for (index, row) in rows.iter().enumerate() {
            let top_value = count - index as f64;
            let (base_pixel, top) = chart.backend_coord(&(base_x, top_value));
            let (_, bottom) = chart.backend_coord(&(base_x, top_value - 1.0));
            let center = (top + bottom) / 2;
            let (label_left, _) = chart.backend_coord(&(axis_min, top_value));
            root.draw(&Text::new(
                row.name.clone(),
                (label_left - 8, center),
                text_style(LABEL_SIZE, Pos::new(HPos::Right, VPos::Center)),
            ))
            .map_err(|error| error.to_string())?;
            for (value, color) in [(row.low, SWING_LOW), (row.high, SWING_HIGH)] {
                let (end, _) = chart.backend_coord(&(to_f64(value), top_value));
                if end == base_pixel {
                    continue;
                }
                let (left, right) = (end.min(base_pixel), end.max(base_pixel));
                root.draw(&Rectangle::new(
                    [(left, center - bar_height / 2), (right, center + bar_height / 2)],
                    color.filled(),
                ))
                .map_err(|error| error.to_string())?;
                let (anchor, x) = if end < base_pixel {
                    (HPos::Right, left - 4)
                } else {
                    (HPos::Left, right + 4)
                };
                root.draw(&Text::new(
                    format::money(value, currency),
                    (x, center),
                    text_style(LABEL_SIZE - 1, Pos::new(anchor, VPos::Center)),
                ))
                .map_err(|error| error.to_string())?;
            }
        }
        root.present().map_err(|error| error.to_string())?;
    }
    Ok(svg)
}
