//! Terminal behaviour: colour only on a terminal without NO_COLOR, tables
//! within 100 columns, `-q` prints only errors, `-v` logs the inputs used.

use std::process::Command;

use crate::common::{data, roi, root, write};

/// Runs `roi` under `script`, which gives it a pseudo-terminal as stdout,
/// and returns what the terminal showed.
fn on_terminal(args: &str, no_color: Option<&str>) -> String {
    let binary = assert_cmd::cargo::cargo_bin("roi");
    let mut command = Command::new("script");
    command
        .args(["-qec", &format!("{} {args}", binary.display()), "/dev/null"])
        .current_dir(root())
        .env_remove("NO_COLOR");
    if let Some(value) = no_color {
        command.env("NO_COLOR", value);
    }
    let output = command.output().expect("`script` (util-linux) runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn colour_on_terminal_without_no_color() {
    let text = on_terminal("project tests/data/small.toml", None);
    assert!(text.contains("\x1b[1mSmall fixture\x1b[0m"), "{text}");
}

#[test]
fn colour_off_with_no_color() {
    let text = on_terminal("project tests/data/small.toml", Some("1"));
    assert!(!text.contains('\x1b'), "{text}");
}

#[test]
fn colour_on_with_empty_no_color() {
    // NO_COLOR counts only when it is set to a non-empty value.
    let text = on_terminal("project tests/data/small.toml", Some(""));
    assert!(text.contains('\x1b'), "{text}");
}

#[test]
fn colour_off_when_piped() {
    let output = roi()
        .env_remove("NO_COLOR")
        .args(["project", "tests/data/small.toml"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(!output.stdout.contains(&0x1b), "escape codes in piped output");
}

/// Asserts that no line of `text` is wider than 100 columns.
fn assert_fits(text: &str, label: &str) {
    for line in text.lines() {
        let width = line.chars().count();
        assert!(width <= 100, "{label}: {width} columns: {line}");
    }
}

#[test]
fn tables_fit_100_columns() {
    for model in [
        "models/genesis.toml",
        "models/scenarios/volume-3x.toml",
        "models/scenarios/falling-prices.toml",
        "tests/data/small.toml",
        "tests/data/eur.toml",
    ] {
        let output = roi().args(["project", model]).output().unwrap();
        assert!(output.status.success(), "{model}");
        assert_fits(&String::from_utf8(output.stdout).unwrap(), model);
    }
}

#[test]
fn tables_with_many_scenarios_fit() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(data("prices.toml"), dir.path().join("prices.toml")).unwrap();
    let mut model = std::fs::read_to_string(data("small.toml")).unwrap();
    for (name, growth) in [
        ("slow-growth-case", "5%"),
        ("medium-growth-case", "25%"),
        ("very-fast", "200%"),
    ] {
        model.push_str(&format!("\n[scenarios.{name}]\ngrowth = \"{growth}\"\n"));
    }
    let path = write(dir.path(), "many.toml", &model);
    let output = roi().arg("project").arg(&path).output().unwrap();
    assert!(output.status.success());
    assert_fits(&String::from_utf8(output.stdout).unwrap(), "five scenarios");
}

#[test]
fn exchange_rate_line_fits() {
    // Every catalogue offering is in USD, so a euro model converts them all.
    let output = roi()
        .args(["project", "--set", "model.currency=\"EUR\"", "--set", "fx.USD=0.92"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("exchange rate: 1 USD = 0.92 EUR; converts gpt-4o,"),
        "{text}"
    );
    assert_fits(&text, "euro model");
}

#[test]
fn quiet_prints_no_warnings() {
    // A customer price of 0.5 is below the cost of 1,000 GPT-4o requests.
    let args = ["project", "--set", "pricing_strategy.customer_price=0.5"];
    let loud = roi().args(args).output().unwrap();
    assert!(String::from_utf8_lossy(&loud.stderr).contains("warning: negative margin"));

    let quiet = roi().arg("-q").args(args).output().unwrap();
    assert!(quiet.status.success());
    assert!(quiet.stderr.is_empty(), "{}", String::from_utf8_lossy(&quiet.stderr));
    assert!(!quiet.stdout.is_empty(), "the result is still printed");
}

#[test]
fn quiet_still_prints_errors() {
    let output = roi()
        .args(["-q", "check", "--set", "model.horizon_months=0"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("error: --set:1:22: `model.horizon_months` = 0"),
        "{stderr}"
    );
}

#[test]
fn quiet_check_prints_nothing() {
    let output = roi().args(["check", "-q"]).output().unwrap();
    assert!(output.status.success());
    assert!(output.stdout.is_empty());
    assert!(output.stderr.is_empty());
}

#[test]
fn verbose_logs_inputs_used() {
    let output = roi()
        .args([
            "-v",
            "project",
            "models/scenarios/volume-3x.toml",
            "--set",
            "workload.agents.qa.requests_per_month=25000",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    insta::assert_snapshot!("verbose_log", String::from_utf8(output.stderr).unwrap());
}

#[test]
fn verbose_and_quiet_conflict() {
    let output = roi().args(["-q", "-v", "check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("cannot be used with"), "{stderr}");
}
