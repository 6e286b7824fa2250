//! `roi project --format csv` and `roi export --xlsx`: the values in the
//! files equal the JSON projection, and failed writes leave no file behind.

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::Value;

use crate::common::{data, dec, project_json, roi, write};

/// Fields of a JSON month, in the CSV's column order after the leading ones.
const MONTH_FIELDS: [&str; 14] = [
    "volume_factor",
    "price_factor",
    "requests",
    "candidate_usage",
    "candidate_fees",
    "baseline_usage",
    "baseline_fees",
    "operations",
    "candidate_cost",
    "baseline_cost",
    "savings",
    "other_benefits",
    "benefit",
    "cumulative_benefit",
];

fn stdout_of(args: &[&str]) -> String {
    let output = roi().args(args).output().expect("roi runs");
    assert!(
        output.status.success(),
        "roi {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("stdout is UTF-8")
}

#[test]
fn csv_rows_equal_json_months() {
    let projection = project_json(&[]);
    let text = stdout_of(&["project", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());

    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(headers[..4], ["scenario", "month", "date", "currency"]);
    assert_eq!(headers[4..], MONTH_FIELDS);

    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let mut expected_rows = 0;
    for scenario in projection["scenarios"].as_array().unwrap() {
        for month in scenario["months"].as_array().unwrap() {
            let record = &records[expected_rows];
            expected_rows += 1;
            assert_eq!(&record[0], scenario["name"].as_str().unwrap());
            assert_eq!(&record[1], month["month"].to_string());
            assert_eq!(&record[2], month["date"].as_str().unwrap());
            assert_eq!(&record[3], "USD");
            for (index, field) in MONTH_FIELDS.iter().enumerate() {
                let cell: Decimal = record[4 + index].parse().unwrap();
                assert_eq!(cell, dec(&month[*field]), "{field} of month {}", month["month"]);
            }
        }
    }
    assert_eq!(records.len(), expected_rows);
    assert_eq!(expected_rows, 120, "two scenarios of 60 months");
}

#[test]
fn csv_keeps_decimals_unrounded() {
    let text = stdout_of(&["project", "--format", "csv", "--scenario", "conservative"]);
    // Month 13 of the conservative scenario: 55,000 requests at $0.0024,
    // and usage of GPT-4o at 55,000 × $0.015.
    let row = text.lines().find(|line| line.starts_with("conservative,13,")).unwrap();
    assert!(row.contains(",132,"), "{row}");
    assert!(row.contains(",825,"), "{row}");
    let cumulative = text
        .lines()
        .rfind(|line| line.starts_with("conservative,"))
        .unwrap()
        .rsplit(',')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(cumulative, "57404.556");
}

#[test]
fn csv_follows_rfc_4180() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(data("prices.toml"), dir.path().join("prices.toml")).unwrap();
    let small = std::fs::read_to_string(data("small.toml")).unwrap();
    let model = small.replace("[scenarios.doubling]", "[scenarios.\"fast, \\\"doubling\\\"\"]");
    let path = write(dir.path(), "model.toml", &model);

    let text = stdout_of(&["project", path.to_str().unwrap(), "--format", "csv"]);
    assert!(text.ends_with("\r\n"));
    assert_eq!(
        text.matches("\r\n").count(),
        text.matches('\n').count(),
        "every line ends in CRLF"
    );
    assert!(text.contains("\r\n\"fast, \"\"doubling\"\"\",1,2026-01,USD,"));
    insta::assert_snapshot!("csv_small_fixture", text.replace("\r\n", "\n"));
}

/// Reads a cell as f64, panicking with the sheet and cell when it contains
/// something else.
fn number(range: &calamine::Range<Data>, sheet: &str, row: u32, column: u32) -> f64 {
    match range.get_value((row, column)) {
        Some(Data::Float(value)) => *value,
        Some(Data::Int(value)) => *value as f64,
        other => panic!("{sheet} row {row} column {column}: expected a number, found {other:?}"),
    }
}

fn text(range: &calamine::Range<Data>, row: u32, column: u32) -> String {
    match range.get_value((row, column)) {
        Some(Data::String(text)) => text.clone(),
        other => panic!("row {row} column {column}: expected text, found {other:?}"),
    }
}

/// Asserts that a spreadsheet number is the JSON decimal to f64 precision.
fn assert_same(cell: f64, json: &Value, label: &str) {
    let expected = dec(json).to_f64().unwrap();
    let tolerance = 1e-12 * expected.abs().max(1.0);
    assert!(
        (cell - expected).abs() <= tolerance,
        "{label}: sheet {cell}, JSON {expected}"
    );
}

fn export(model_args: &[&str], file: &Path) {
    let output = roi()
        .arg("export")
        .args(model_args)
        .arg("--xlsx")
        .arg(file)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stdout.is_empty(), "export writes nothing on stdout");
}

#[test]
fn xlsx_values_equal_json() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("genesis.xlsx");
    export(&[], &file);
    let projection = project_json(&[]);
    let mut workbook: Xlsx<_> = open_workbook(&file).unwrap();
    assert_eq!(
        workbook.sheet_names(),
        ["Summary", "conservative", "aggressive", "Offerings", "Assumptions"]
    );

    let summary = workbook.worksheet_range("Summary").unwrap();
    for (index, scenario) in projection["scenarios"].as_array().unwrap().iter().enumerate() {
        let row = index as u32 + 1;
        assert_eq!(text(&summary, row, 0), scenario["name"].as_str().unwrap());
        assert_same(number(&summary, "Summary", row, 1), &scenario["growth"], "growth");
        assert_same(
            number(&summary, "Summary", row, 4),
            &scenario["totals"]["candidate_cost"],
            "candidate",
        );
        assert_same(
            number(&summary, "Summary", row, 5),
            &scenario["totals"]["baseline_cost"],
            "baseline",
        );
        assert_same(
            number(&summary, "Summary", row, 6),
            &scenario["totals"]["savings"],
            "savings",
        );
        assert_same(
            number(&summary, "Summary", row, 7),
            &scenario["totals"]["benefit"],
            "benefit",
        );
        assert_same(
            number(&summary, "Summary", row, 8),
            &scenario["return_multiple"],
            "multiple",
        );
        let roi_fraction = dec(&scenario["roi_percent"]) / Decimal::ONE_HUNDRED;
        assert_same(
            number(&summary, "Summary", row, 10),
            &Value::String(roi_fraction.to_string()),
            "ROI",
        );
        assert_same(
            number(&summary, "Summary", row, 12),
            &scenario["payback_months"],
            "payback",
        );
        assert_same(number(&summary, "Summary", row, 14), &scenario["npv"], "NPV");
        assert_eq!(text(&summary, row, 15), "> 1,000%", "IRR above 1,000% is capped");

        let name = scenario["name"].as_str().unwrap();
        let sheet = workbook.worksheet_range(name).unwrap();
        let months = scenario["months"].as_array().unwrap();
        assert_eq!(
            sheet.height(),
            months.len() + 1,
            "{name}: a header and one row per month"
        );
        for (offset, month) in months.iter().enumerate() {
            let row = offset as u32 + 1;
            assert_eq!(number(&sheet, name, row, 0), month["month"].as_f64().unwrap());
            assert_eq!(text(&sheet, row, 1), month["date"].as_str().unwrap());
            for (column, field) in (2u32..).zip(MONTH_FIELDS) {
                let label = format!("{name} month {row} {field}");
                assert_same(number(&sheet, name, row, column), &month[field], &label);
            }
        }
    }
    let facts = (0..summary.height() as u32)
        .filter_map(|row| match summary.get_value((row, 0)) {
            Some(Data::String(label)) => Some((label.clone(), row)),
            _ => None,
        })
        .collect::<std::collections::HashMap<_, _>>();
    assert_same(
        number(&summary, "Summary", facts["Year-1 budget"], 1),
        &projection["budget_year1"],
        "budget",
    );
    assert_same(
        number(&summary, "Summary", facts["Investment, total"], 1),
        &projection["investment"]["total"],
        "investment",
    );

    let offerings = workbook.worksheet_range("Offerings").unwrap();
    for (index, offering) in projection["offerings"].as_array().unwrap().iter().enumerate() {
        let row = index as u32 + 1;
        assert_eq!(text(&offerings, row, 0), offering["id"].as_str().unwrap());
        assert_eq!(text(&offerings, row, 5), offering["price_currency"].as_str().unwrap());
        assert_same(
            number(&offerings, "Offerings", row, 7),
            &offering["cost_per_request"],
            "per request",
        );
        assert_same(
            number(&offerings, "Offerings", row, 10),
            &offering["monthly_cost"],
            "monthly",
        );
        assert_same(
            number(&offerings, "Offerings", row, 11),
            &offering["annual_cost"],
            "annual",
        );
    }

    let assumptions = workbook.worksheet_range("Assumptions").unwrap();
    let rows: Vec<Vec<Data>> = assumptions.rows().map(<[Data]>::to_vec).collect();
    let find = |path: &str| {
        rows.iter()
            .find(|row| row[0] == Data::String(path.to_string()))
            .unwrap_or_else(|| panic!("no assumption `{path}`"))
            .clone()
    };
    let currency = find("model.currency");
    assert_eq!(currency[1], Data::String("USD".to_string()));
    assert_eq!(currency[2], Data::String("models/genesis.toml".to_string()));
    let price = find("offerings.gpt-4o.input_per_mtok");
    assert_eq!(price[1], Data::Float(2.5));
    assert_eq!(price[2], Data::String("models/prices.toml".to_string()));
    let step = find("operations.infrastructure.steps[0].monthly");
    assert_eq!(step[1], Data::Float(56.0));
}

#[test]
fn xlsx_shows_overrides_and_fx() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("fx.xlsx");
    export(
        &[
            "--set",
            "fx.EUR=1.08",
            "--set",
            "workload.agents.qa.requests_per_month=25000",
        ],
        &file,
    );
    let mut workbook: Xlsx<_> = open_workbook(&file).unwrap();
    let assumptions = workbook.worksheet_range("Assumptions").unwrap();
    let qa = assumptions
        .rows()
        .find(|row| row[0] == Data::String("workload.agents.qa.requests_per_month".to_string()))
        .unwrap()
        .to_vec();
    assert_eq!(qa[1], Data::Float(25000.0));
    assert_eq!(qa[2], Data::String("--set".to_string()));

    let summary = workbook.worksheet_range("Summary").unwrap();
    let labels: Vec<String> = summary
        .rows()
        .filter_map(|row| match &row[0] {
            Data::String(label) => Some(label.clone()),
            _ => None,
        })
        .collect();
    assert!(labels.contains(&"Exchange rate, USD per EUR".to_string()), "{labels:?}");
    assert!(labels.contains(&"Override workload.agents.qa.requests_per_month".to_string()));
}

#[test]
fn xlsx_is_byte_for_byte_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.xlsx");
    let second = dir.path().join("second.xlsx");
    export(&[], &first);
    export(&[], &second);
    assert_eq!(std::fs::read(first).unwrap(), std::fs::read(second).unwrap());
}

#[test]
fn xlsx_to_missing_directory_fails() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("missing/out.xlsx");
    let output = roi().arg("export").arg("--xlsx").arg(&file).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("cannot write `{}`", file.display())),
        "{stderr}"
    );
    assert!(stderr.contains("does not exist"), "{stderr}");
}

#[test]
fn xlsx_failed_rename_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    // A file name longer than file systems allow: the workbook and its
    // temporary file are written, and the final rename fails.
    let file = dir.path().join(format!("{}.xlsx", "x".repeat(300)));
    let output = roi().arg("export").arg("--xlsx").arg(&file).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cannot write"), "{stderr}");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "files left behind: {left:?}");
}

#[test]
fn xlsx_replaces_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "old.xlsx", "not a workbook");
    export(&[], &file);
    let workbook: Xlsx<_> = open_workbook(&file).unwrap();
    assert_eq!(workbook.sheet_names()[0], "Summary");
}

/// Returns the number format code of a cell, or "" for the general format.
fn format_code(styles: &calamine::StyleRange, row: u32, column: u32) -> String {
    styles
        .get((row, column))
        .and_then(|style| style.number_format.as_ref())
        .map(|format| format.format_code.clone())
        .unwrap_or_default()
}

#[test]
fn xlsx_cells_carry_number_formats() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("genesis.xlsx");
    export(&[], &file);
    let mut workbook: Xlsx<_> = open_workbook(&file).unwrap();

    let summary = workbook.worksheet_style("Summary").unwrap();
    let money = "\"$\"#,##0.00;-\"$\"#,##0.00";
    assert_eq!(format_code(&summary, 1, 1), "0.0%", "growth");
    assert_eq!(format_code(&summary, 1, 6), money, "savings");
    assert_eq!(format_code(&summary, 1, 8), "#,##0.0\"x\"", "return multiple");
    assert_eq!(format_code(&summary, 1, 10), "0.0%", "ROI");
    assert_eq!(format_code(&summary, 1, 14), money, "NPV");

    let months = workbook.worksheet_style("conservative").unwrap();
    assert_eq!(format_code(&months, 1, 4), "#,##0", "requests");
    assert_eq!(format_code(&months, 1, 12), money, "savings");

    let offerings = workbook.worksheet_style("Offerings").unwrap();
    assert!(
        format_code(&offerings, 1, 7).starts_with("\"$\"#,##0.00#"),
        "cost per request"
    );
}

#[test]
fn xlsx_in_euros_uses_euro_format() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("eur.xlsx");
    export(&["--set", "model.currency=\"EUR\"", "--set", "fx.USD=0.92"], &file);
    let mut workbook: Xlsx<_> = open_workbook(&file).unwrap();
    let summary = workbook.worksheet_style("Summary").unwrap();
    assert_eq!(format_code(&summary, 1, 6), "\"€\"#,##0.00;-\"€\"#,##0.00");
}

#[cfg(unix)]
#[test]
fn export_refuses_a_pipe_and_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("pipe.xlsx");
    let mkfifo = std::process::Command::new("mkfifo").arg(&pipe).status();
    if mkfifo.is_ok_and(|status| status.success()) {
        let output = roi().args(["export", "--xlsx"]).arg(&pipe).output().unwrap();
        assert_eq!(output.status.code(), Some(1));
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains("not a regular file"), "{stderr}");
        assert!(!std::fs::metadata(&pipe).unwrap().is_file(), "the pipe was replaced");
    }

    let private = dir.path().join("private.xlsx");
    std::fs::write(&private, b"old").unwrap();
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();
    let output = roi().args(["export", "--xlsx"]).arg(&private).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let mode = std::fs::metadata(&private).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}
