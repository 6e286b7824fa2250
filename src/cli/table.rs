//! Terminal tables: one style for every command, at most 100 columns wide.

use comfy_table::{Cell, CellAlignment, ColumnConstraint, ContentArrangement, LineStyle, Table, TableStyle, Width};

/// Widest table the terminal output uses.
pub const MAX_WIDTH: u16 = 100;

/// Rules above and below the table and under the header, none between rows.
const STYLE: TableStyle = TableStyle::new()
    .top_border(LineStyle::none().fill('─').junction('─'))
    .header_separator(LineStyle::none().fill('─').junction('─'))
    .bottom_border(LineStyle::none().fill('─').junction('─'));

/// Creates a table with a header row whose columns from `first_numeric` on
/// are right-aligned. Columns are two spaces apart: a one-space padding plus
/// comfy-table's one-character column separator.
pub fn new_table(headers: &[&str], first_numeric: usize) -> Table {
    let mut table = Table::new();
    table
        .load_style(STYLE)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(headers.iter().map(|header| Cell::new(*header)).collect::<Vec<_>>());
    for index in 0..headers.len() {
        if let Some(column) = table.column_mut(index) {
            column.set_padding((if index == 0 { 0 } else { 1 }, 0));
            if index >= first_numeric {
                column.set_cell_alignment(CellAlignment::Right);
                // Marks the column as numeric for `render`, which keeps its
                // figures whole when the table has to wrap.
                column.set_constraint(ColumnConstraint::ContentWidth);
            }
        }
    }
    table
}

/// Narrowest a text column becomes when a table is wrapped to fit.
const MIN_TEXT_WIDTH: u16 = 16;

/// Widest first column kept whole when a table is wrapped to fit.
const MAX_NAME_WIDTH: u16 = 60;

/// Renders a table at its natural width, or wrapped to [`MAX_WIDTH`] when
/// the natural width is wider. Figures never wrap, the first column keeps
/// names up to [`MAX_NAME_WIDTH`] whole, and other text columns keep at least
/// [`MIN_TEXT_WIDTH`] characters, so a table that cannot fit grows past the
/// limit instead of splitting words.
pub fn render(table: &mut Table) -> String {
    let natural = table.to_string();
    if natural.lines().all(|line| line.chars().count() <= MAX_WIDTH as usize) {
        return natural;
    }
    let widths = table.column_max_content_widths();
    for (index, width) in widths.into_iter().enumerate() {
        // Numeric columns keep their widest figure but may wrap their header;
        // text columns may wrap down to MIN_TEXT_WIDTH.
        let figure_width = table
            .column_cells_iter(index)
            .flatten()
            .flat_map(|cell| {
                cell.content()
                    .lines()
                    .map(|line| line.chars().count())
                    .collect::<Vec<_>>()
            })
            .max()
            .unwrap_or(0) as u16;
        if let Some(column) = table.column_mut(index) {
            let lower = match column.constraint() {
                Some(ColumnConstraint::ContentWidth) => figure_width,
                // The first column names the row (an offering id, an input
                // path): it stays whole up to MAX_NAME_WIDTH.
                _ if index == 0 => width.min(MAX_NAME_WIDTH),
                _ => width.min(MIN_TEXT_WIDTH),
            };
            // A fixed width counts the column's padding too.
            let lower = lower + column.padding_width();
            column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(lower)));
        }
    }
    table
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(MAX_WIDTH);
    table.to_string()
}

/// Formats a section title, bold when colour is on.
pub fn title(text: &str, color: bool) -> String {
    if color {
        format!("\x1b[1m{text}\x1b[0m\n")
    } else {
        format!("{text}\n")
    }
}

/// Renders label–value pairs as two aligned columns, wrapping long values.
pub fn facts(rows: &[(String, String)]) -> String {
    let mut table = Table::new();
    table
        .load_style(TableStyle::new())
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(MAX_WIDTH);
    for (label, value) in rows {
        table.add_row(vec![Cell::new(label), Cell::new(value)]);
    }
    if let Some(column) = table.column_mut(0) {
        column.set_padding((0, 2));
    }
    if let Some(column) = table.column_mut(1) {
        column.set_padding((0, 0));
    }
    table.lines().map(|line| line.trim_end().to_string() + "\n").collect()
}

/// Wraps `text` at spaces to lines of at most [`MAX_WIDTH`] columns, the
/// first indented by `indent` spaces and the others by two more. A word
/// longer than a line stays whole. Every line ends with a newline.
pub fn wrap(text: &str, indent: usize) -> String {
    let width = usize::from(MAX_WIDTH);
    let mut out = String::new();
    let mut line = " ".repeat(indent);
    let mut empty = true;
    for word in text.split(' ').filter(|word| !word.is_empty()) {
        let needed = word.chars().count() + usize::from(!empty);
        if !empty && line.chars().count() + needed > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = " ".repeat(indent + 2);
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}
