//! XLSX export: a workbook with the sheets "Summary" (headline figures per
//! scenario and the case's key facts), one sheet per scenario (the monthly
//! projection), "Offerings" and "Assumptions" (every input with its value
//! and the file it came from).
//!
//! Money cells carry a currency number format, rates a percent format; every
//! sheet freezes its header row and sets its column widths. The workbook's
//! creation date is the model's `as_of` (or its first month), so the same
//! inputs give the same bytes.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::{MONTH_COLUMNS, Measure};
use crate::format::{currency_prefix, not_available};
use crate::input::Inputs;
use crate::input::tree::Value;
use crate::result::{Projection, ScenarioResult, Unavailable};

/// Names of the fixed sheets; scenario sheets never take one of these.
pub const SUMMARY_SHEET: &str = "Summary";
pub const OFFERINGS_SHEET: &str = "Offerings";
pub const ASSUMPTIONS_SHEET: &str = "Assumptions";

/// Maximum length of a sheet name in Excel.
const MAX_SHEET_NAME: usize = 31;

/// Column width bounds, in characters of the default font.
const MIN_WIDTH: usize = 8;
const MAX_WIDTH: usize = 60;

/// Width given to numeric columns, enough for `$1,234,567.89`.
const NUMBER_WIDTH: usize = 14;

/// One input of the model as the Assumptions sheet lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Assumption {
    /// Dotted path, as `--set` takes it.
    pub path: String,
    pub value: AssumptionValue,
    /// Display name of the file the value was read from, or `--set`.
    pub file: String,
    /// One-based line of the value in that file.
    pub line: usize,
}

/// The value of an input: numbers as exact decimals, everything else as
/// written in the file.
#[derive(Debug, Clone, PartialEq)]
pub enum AssumptionValue {
    Number(Decimal),
    Boolean(bool),
    Text(String),
}

/// Lists every leaf input of the merged model (overlays and overrides
/// applied, catalogue offerings included) with the file and line it came
/// from.
pub fn assumptions(inputs: &Inputs) -> Vec<Assumption> {
    inputs
        .root
        .leaves()
        .into_iter()
        .map(|(path, node)| {
            let value = match &node.value {
                Value::Integer(text) | Value::Float(text) => match crate::input::read::parse_decimal(text) {
                    Ok(number) => AssumptionValue::Number(number),
                    Err(_) => AssumptionValue::Text(text.clone()),
                },
                Value::Boolean(flag) => AssumptionValue::Boolean(*flag),
                Value::String(text) => AssumptionValue::Text(text.clone()),
                _ => AssumptionValue::Text(inputs.sources.snippet(node.loc).to_string()),
            };
            let location = inputs.sources.location(node.loc);
            Assumption {
                path: path.to_string(),
                value,
                file: location.source_name,
                line: location.line,
            }
        })
        .collect()
}

/// Builds the workbook of a projection and returns the XLSX bytes.
pub fn workbook(projection: &Projection, assumptions: &[Assumption]) -> Result<Vec<u8>, XlsxError> {
    let formats = Formats::new(&projection.currency);
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&projection.model)
            .set_creation_datetime(&creation_date(projection)?),
    );

    write_summary(workbook.add_worksheet(), projection, &formats)?;
    let names = scenario_sheet_names(projection.scenarios.iter().map(|scenario| scenario.name.as_str()));
    for (scenario, name) in projection.scenarios.iter().zip(names) {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        write_scenario(sheet, scenario, &formats)?;
    }
    write_offerings(workbook.add_worksheet(), projection, &formats)?;
    write_assumptions(workbook.add_worksheet(), assumptions, &formats)?;

    workbook.save_to_buffer()
}

/// Sheet names for scenarios: Excel forbids `[]:*?/\`, names longer than
/// 31 characters and duplicates regardless of case, so names are cleaned,
/// cut and numbered where needed.
pub fn scenario_sheet_names<'a>(scenarios: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut used_names: Vec<String> = [SUMMARY_SHEET, OFFERINGS_SHEET, ASSUMPTIONS_SHEET, "History"]
        .iter()
        .map(|name| name.to_lowercase())
        .collect();
    let mut names = Vec::new();
    for scenario in scenarios {
        let cleaned: String = scenario
            .chars()
            .map(|ch| if "[]:*?/\\".contains(ch) { '_' } else { ch })
            .collect();
        let cleaned = cleaned.trim_matches('\'').to_string();
        let base = if cleaned.is_empty() {
            "Scenario".to_string()
        } else {
            cleaned
        };
        let mut name: String = base.chars().take(MAX_SHEET_NAME).collect();
        let mut counter = 2;
        while used_names.contains(&name.to_lowercase()) {
            let suffix = format!(" ({counter})");
            let head: String = base.chars().take(MAX_SHEET_NAME - suffix.chars().count()).collect();
            name = format!("{head}{suffix}");
            counter += 1;
        }
        used_names.push(name.to_lowercase());
        names.push(name);
    }
    names
}

/// The cell formats of one workbook.
struct Formats {
    header: Format,
    money: Format,
    unit_price: Format,
    percent: Format,
    count: Format,
    factor: Format,
    multiple: Format,
    months: Format,
    wrap: Format,
}

impl Formats {
    fn new(currency: &str) -> Self {
        let prefix = currency_prefix(currency).replace('"', "");
        let money = format!("\"{prefix}\"#,##0.00;-\"{prefix}\"#,##0.00");
        let unit_price = format!("\"{prefix}\"#,##0.00######;-\"{prefix}\"#,##0.00######");
        Formats {
            header: Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top),
            money: Format::new().set_num_format(money),
            unit_price: Format::new().set_num_format(unit_price),
            percent: Format::new().set_num_format("0.0%"),
            count: Format::new().set_num_format("#,##0"),
            factor: Format::new().set_num_format("0.0000"),
            multiple: Format::new().set_num_format("#,##0.0\"x\""),
            months: Format::new().set_num_format("0.00"),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }

    fn of(&self, measure: Measure) -> &Format {
        match measure {
            Measure::Count => &self.count,
            Measure::Factor => &self.factor,
            Measure::Money => &self.money,
        }
    }
}

/// A worksheet being filled, tracking the widest text of each column.
struct Sheet<'a> {
    sheet: &'a mut Worksheet,
    widths: Vec<usize>,
}

impl<'a> Sheet<'a> {
    fn new(sheet: &'a mut Worksheet) -> Self {
        Sheet {
            sheet,
            widths: Vec::new(),
        }
    }

    fn widen(&mut self, column: u16, width: usize) {
        let index = usize::from(column);
        if self.widths.len() <= index {
            self.widths.resize(index + 1, MIN_WIDTH);
        }
        self.widths[index] = self.widths[index].max(width);
    }

    /// Writes the header row and freezes it (and `frozen_columns` columns).
    fn header(&mut self, headers: &[String], format: &Format, frozen_columns: u16) -> Result<(), XlsxError> {
        for (column, header) in (0u16..).zip(headers) {
            self.sheet.write_string_with_format(0, column, header, format)?;
            let longest_word = header.split_whitespace().map(str::len).max().unwrap_or(0);
            self.widen(column, longest_word.max(header.len().min(NUMBER_WIDTH)));
        }
        self.sheet.set_freeze_panes(1, frozen_columns)?;
        Ok(())
    }

    fn text(&mut self, row: u32, column: u16, text: &str) -> Result<(), XlsxError> {
        self.sheet.write_string(row, column, text)?;
        self.widen(column, text.chars().count());
        Ok(())
    }

    fn number(&mut self, row: u32, column: u16, value: Decimal, format: &Format) -> Result<(), XlsxError> {
        let number = value
            .to_f64()
            .ok_or_else(|| XlsxError::ParameterError(format!("{value} does not fit a spreadsheet number")))?;
        self.sheet.write_number_with_format(row, column, number, format)?;
        self.widen(column, NUMBER_WIDTH);
        Ok(())
    }

    /// Writes a figure that may be unavailable: the number, or "n/a" with the
    /// reason from `unavailable`.
    fn figure(
        &mut self,
        row: u32,
        column: u16,
        value: Option<Decimal>,
        format: &Format,
        unavailable: &Unavailable,
        key: &str,
    ) -> Result<(), XlsxError> {
        match value {
            Some(value) => self.number(row, column, value, format),
            None => self.text(
                row,
                column,
                &not_available(unavailable.get(key).map_or("", String::as_str)),
            ),
        }
    }

    fn finish(self) -> Result<(), XlsxError> {
        for (column, width) in (0u16..).zip(&self.widths) {
            let width = (*width).clamp(MIN_WIDTH, MAX_WIDTH) + 2;
            self.sheet.set_column_width(column, width as f64)?;
        }
        Ok(())
    }
}

/// Returns the workbook's creation date: the model's `as_of`, else the
/// first day of its first month.
fn creation_date(projection: &Projection) -> Result<ExcelDateTime, XlsxError> {
    let text = projection
        .as_of
        .clone()
        .unwrap_or_else(|| format!("{}-01", projection.start));
    let mut parts = text.splitn(3, '-').map(|part| part.parse::<u16>().ok());
    match (parts.next().flatten(), parts.next().flatten(), parts.next().flatten()) {
        (Some(year), Some(month), Some(day)) => ExcelDateTime::from_ymd(year, month as u8, day as u8),
        _ => Err(XlsxError::ParameterError(format!(
            "`{text}` is not a date written YYYY-MM-DD"
        ))),
    }
}

/// Writes the headline figures of each scenario, then the facts of the case.
fn write_summary(worksheet: &mut Worksheet, projection: &Projection, formats: &Formats) -> Result<(), XlsxError> {
    worksheet.set_name(SUMMARY_SHEET)?;
    let mut sheet = Sheet::new(worksheet);
    let horizon = projection.horizon_months;
    let headers: Vec<String> = [
        "Scenario",
        "Growth a year",
        "Compounding",
        "Price change a year",
        &format!("Candidate cost, {horizon} months"),
        &format!("Baseline cost, {horizon} months"),
        "Savings",
        "Benefit",
        "Return multiple",
        "Return multiple, incremental",
        "ROI",
        "ROI, incremental",
        "Payback (months)",
        "Payback, incremental (months)",
        "NPV",
        "IRR a year",
    ]
    .iter()
    .map(|header| header.to_string())
    .collect();
    sheet.header(&headers, &formats.header, 1)?;

    let mut row = 1;
    for scenario in &projection.scenarios {
        let missing = &scenario.unavailable;
        sheet.text(row, 0, &scenario.name)?;
        sheet.number(row, 1, scenario.growth, &formats.percent)?;
        sheet.text(row, 2, scenario.compounding.as_str())?;
        sheet.number(row, 3, scenario.price_change, &formats.percent)?;
        sheet.number(row, 4, scenario.totals.candidate_cost, &formats.money)?;
        sheet.number(row, 5, scenario.totals.baseline_cost, &formats.money)?;
        sheet.number(row, 6, scenario.totals.savings, &formats.money)?;
        sheet.number(row, 7, scenario.totals.benefit, &formats.money)?;
        let multiple = &formats.multiple;
        sheet.figure(row, 8, scenario.return_multiple, multiple, missing, "return_multiple")?;
        let incremental = scenario.return_multiple_incremental;
        sheet.figure(row, 9, incremental, multiple, missing, "return_multiple_incremental")?;
        let as_fraction = |percent: Option<Decimal>| percent.map(|value| value / Decimal::ONE_HUNDRED);
        let roi = as_fraction(scenario.roi_percent);
        sheet.figure(row, 10, roi, &formats.percent, missing, "roi_percent")?;
        let roi = as_fraction(scenario.roi_percent_incremental);
        sheet.figure(row, 11, roi, &formats.percent, missing, "roi_percent_incremental")?;
        let payback = scenario.payback_months;
        sheet.figure(row, 12, payback, &formats.months, missing, "payback_months")?;
        let payback = scenario.payback_months_incremental;
        sheet.figure(row, 13, payback, &formats.months, missing, "payback_months_incremental")?;
        sheet.number(row, 14, scenario.npv, &formats.money)?;
        match scenario.irr {
            // Tables and reports cap the display of an annual IRR at 1,000%.
            Some(irr) if irr > Decimal::TEN => sheet.text(row, 15, "> 1,000%")?,
            irr => sheet.figure(row, 15, irr, &formats.percent, missing, "irr")?,
        }
        row += 1;
    }

    row += 1;
    write_facts(&mut sheet, row, projection, formats)?;
    sheet.finish()
}

/// Writes the case's key facts as label–value rows from `row` on.
fn write_facts(
    sheet: &mut Sheet<'_>,
    mut row: u32,
    projection: &Projection,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let texts = [
        ("Model", projection.model.clone()),
        ("Currency", projection.currency.clone()),
        ("Assumptions as of", projection.as_of.clone().unwrap_or_default()),
        ("First month", projection.start.clone()),
        ("Candidate", projection.candidate.clone()),
        ("Baseline", projection.baseline.clone()),
    ];
    for (label, value) in texts {
        sheet.text(row, 0, label)?;
        sheet.text(row, 1, &value)?;
        row += 1;
    }

    let numbers = [
        (
            "Horizon (months)",
            Decimal::from(projection.horizon_months),
            &formats.count,
        ),
        ("Requests a month", projection.base_requests_per_month.0, &formats.count),
        ("Investment, total", projection.investment.total, &formats.money),
        (
            "Investment, incremental",
            projection.investment.incremental,
            &formats.money,
        ),
        ("Operations a month", projection.operations_monthly, &formats.money),
        ("Benefits a month", projection.benefits_monthly, &formats.money),
        ("Year-1 budget", projection.budget_year1, &formats.money),
        ("Contingency", projection.contingency, &formats.percent),
        ("Discount rate a year", projection.discount_rate, &formats.percent),
    ];
    for (label, value, format) in numbers {
        sheet.text(row, 0, label)?;
        sheet.number(row, 1, value, format)?;
        row += 1;
    }

    sheet.text(row, 0, "Break-even (requests a month)")?;
    let break_even = projection.break_even_requests_per_month;
    let unavailable = &projection.unavailable;
    sheet.figure(
        row,
        1,
        break_even,
        &formats.count,
        unavailable,
        "break_even_requests_per_month",
    )?;
    row += 1;

    for rate in &projection.fx {
        sheet.text(
            row,
            0,
            &format!("Exchange rate, {} per {}", projection.currency, rate.currency),
        )?;
        sheet.number(row, 1, rate.rate, &formats.factor)?;
        row += 1;
    }
    for item in &projection.overrides {
        sheet.text(row, 0, &format!("Override {}", item.path))?;
        let previous = item.previous.as_deref().unwrap_or("absent");
        sheet.text(row, 1, &format!("{} (was {previous})", item.value))?;
        row += 1;
    }
    Ok(())
}

/// Writes the monthly projection of one scenario.
fn write_scenario(worksheet: &mut Worksheet, scenario: &ScenarioResult, formats: &Formats) -> Result<(), XlsxError> {
    let mut sheet = Sheet::new(worksheet);
    let mut headers = vec!["Month".to_string(), "Date".to_string()];
    headers.extend(MONTH_COLUMNS.iter().map(|column| header_of(column.name)));
    sheet.header(&headers, &formats.header, 2)?;

    for (row, month) in (1u32..).zip(&scenario.months) {
        sheet.number(row, 0, Decimal::from(month.month), &formats.count)?;
        sheet.text(row, 1, &month.date)?;
        for (column, spec) in (2u16..).zip(MONTH_COLUMNS) {
            sheet.number(row, column, (spec.value)(month), formats.of(spec.measure))?;
        }
    }
    sheet.finish()
}

/// Writes every offering side by side at base volume, with its horizon
/// total under each scenario.
fn write_offerings(worksheet: &mut Worksheet, projection: &Projection, formats: &Formats) -> Result<(), XlsxError> {
    worksheet.set_name(OFFERINGS_SHEET)?;
    let mut sheet = Sheet::new(worksheet);
    let mut headers: Vec<String> = [
        "Offering",
        "Provider",
        "Model",
        "Role",
        "Pricing",
        "Price currency",
        "Exchange rate",
        "Cost per request",
        "Usage a month",
        "Fees a month",
        "Monthly cost",
        "Annual cost",
        "Replicas",
        "Training estimate",
    ]
    .iter()
    .map(|header| header.to_string())
    .collect();
    let horizon = projection.horizon_months;
    for scenario in &projection.scenarios {
        headers.push(format!("Total, {} ({horizon} months)", scenario.name));
    }
    headers.push("As of".to_string());
    headers.push("Source".to_string());
    sheet.header(&headers, &formats.header, 1)?;

    for (row, offering) in (1u32..).zip(&projection.offerings) {
        let missing = &offering.unavailable;
        sheet.text(row, 0, &offering.id)?;
        sheet.text(row, 1, &offering.provider)?;
        sheet.text(row, 2, &offering.model)?;
        sheet.text(row, 3, &offering.role)?;
        sheet.text(row, 4, &offering.pricing)?;
        sheet.text(row, 5, &offering.price_currency)?;
        sheet.number(row, 6, offering.fx_rate, &formats.factor)?;
        let per_request = offering.cost_per_request;
        sheet.figure(row, 7, per_request, &formats.unit_price, missing, "cost_per_request")?;
        sheet.number(row, 8, offering.usage_monthly, &formats.money)?;
        sheet.number(row, 9, offering.fees_monthly, &formats.money)?;
        sheet.number(row, 10, offering.monthly_cost, &formats.money)?;
        sheet.number(row, 11, offering.annual_cost, &formats.money)?;
        match offering.replicas {
            Some(replicas) => sheet.number(row, 12, replicas, &formats.count)?,
            None => sheet.text(row, 12, "")?,
        }
        let training = offering.training_estimate;
        sheet.figure(row, 13, training, &formats.money, missing, "training_estimate")?;
        let mut column = 14;
        for scenario in &projection.scenarios {
            let total = scenario.offering_totals.iter().find(|total| total.id == offering.id);
            match total {
                Some(total) => sheet.number(row, column, total.total_cost, &formats.money)?,
                None => sheet.text(row, column, "n/a")?,
            }
            column += 1;
        }
        sheet.text(row, column, offering.as_of.as_deref().unwrap_or(""))?;
        let source = offering.source.as_deref().unwrap_or("");
        sheet
            .sheet
            .write_string_with_format(row, column + 1, source, &formats.wrap)?;
        sheet.widen(column + 1, source.chars().count());
    }
    sheet.finish()
}

/// Writes every input with its value and the file and line it came from.
fn write_assumptions(
    worksheet: &mut Worksheet,
    assumptions: &[Assumption],
    formats: &Formats,
) -> Result<(), XlsxError> {
    worksheet.set_name(ASSUMPTIONS_SHEET)?;
    let mut sheet = Sheet::new(worksheet);
    let headers = ["Input", "Value", "File", "Line"].map(String::from);
    sheet.header(&headers, &formats.header, 1)?;
    let general = Format::new();
    for (row, assumption) in (1u32..).zip(assumptions) {
        sheet.text(row, 0, &assumption.path)?;
        match &assumption.value {
            AssumptionValue::Number(number) => sheet.number(row, 1, *number, &general)?,
            AssumptionValue::Boolean(flag) => {
                sheet.sheet.write_boolean(row, 1, *flag)?;
            }
            AssumptionValue::Text(text) => {
                sheet.sheet.write_string_with_format(row, 1, text, &formats.wrap)?;
                sheet.widen(1, text.chars().count());
            }
        }
        sheet.text(row, 2, &assumption.file)?;
        sheet.number(row, 3, Decimal::from(assumption.line), &general)?;
    }
    sheet.finish()
}

/// Turns a JSON field name into a header: `candidate_usage` becomes
/// "Candidate usage".
fn header_of(name: &str) -> String {
    let spaced = name.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_cleaned_and_unique() {
        let names = scenario_sheet_names(
            [
                "base",
                "Base",
                "summary",
                "a/b:c",
                "a-very-long-scenario-name-that-excel-cannot-take",
            ]
            .into_iter(),
        );
        assert_eq!(names[0], "base");
        assert_eq!(names[1], "Base (2)");
        assert_eq!(names[2], "summary (2)");
        assert_eq!(names[3], "a_b_c");
        assert_eq!(names[4].chars().count(), MAX_SHEET_NAME);
    }

    #[test]
    fn header_of_field_name() {
        assert_eq!(header_of("cumulative_benefit"), "Cumulative benefit");
    }
}
