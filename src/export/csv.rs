//! CSV export: one row per scenario and month with every cost column, as
//! RFC 4180 (comma-separated, CRLF line ends, quotes only where needed).
//! Values are the engine's decimals, unrounded and without thousands
//! separators, so a spreadsheet sums them to the same totals as the JSON.

use super::MONTH_COLUMNS;
use crate::result::Projection;

/// Columns before the figures of [`MONTH_COLUMNS`].
const LEADING_COLUMNS: [&str; 4] = ["scenario", "month", "date", "currency"];

/// Renders the monthly projection of every scenario as CSV text.
///
/// Fails only if the CSV writer fails, which writing to memory does not.
pub fn render(projection: &Projection) -> Result<String, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());

    let header = LEADING_COLUMNS
        .iter()
        .copied()
        .chain(MONTH_COLUMNS.iter().map(|column| column.name));
    writer.write_record(header)?;

    for scenario in &projection.scenarios {
        for month in &scenario.months {
            let mut record = vec![
                scenario.name.clone(),
                month.month.to_string(),
                month.date.clone(),
                projection.currency.clone(),
            ];
            record.extend(
                MONTH_COLUMNS
                    .iter()
                    .map(|column| (column.value)(month).normalize().to_string()),
            );
            writer.write_record(&record)?;
        }
    }

    let bytes = writer.into_inner().map_err(|error| error.into_error())?;
    Ok(String::from_utf8(bytes).expect("CSV of UTF-8 fields is UTF-8"))
}
