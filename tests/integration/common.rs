//! Helpers shared by the end-to-end tests.

#![allow(dead_code)] // each test module uses a subset

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use rust_decimal::Decimal;
use serde_json::Value;

/// Returns the repository root, where `models/` and `tests/data/` live.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Returns the path of a fixture under `tests/data/`.
pub fn data(name: &str) -> PathBuf {
    root().join("tests/data").join(name)
}

/// `roi` run from the repository root with colour off.
pub fn roi() -> Command {
    let mut command = Command::cargo_bin("roi").expect("the roi binary is built");
    command.current_dir(root()).env("NO_COLOR", "1");
    command
}

/// Runs `roi project --format json` with extra arguments and parses stdout.
pub fn project_json(args: &[&str]) -> Value {
    let output = roi()
        .arg("project")
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("roi runs");
    assert!(
        output.status.success(),
        "roi project failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

/// Reads a JSON decimal string as a `Decimal`.
pub fn dec(value: &Value) -> Decimal {
    let text = value
        .as_str()
        .unwrap_or_else(|| panic!("expected a decimal string, found {value}"));
    text.parse().unwrap_or_else(|_| panic!("`{text}` is not a decimal"))
}

/// Finds the scenario with this name in a projection.
pub fn scenario<'a>(projection: &'a Value, name: &str) -> &'a Value {
    projection["scenarios"]
        .as_array()
        .and_then(|scenarios| scenarios.iter().find(|scenario| scenario["name"] == name))
        .unwrap_or_else(|| panic!("no scenario `{name}`"))
}

/// Finds the offering with this id in a projection.
pub fn offering<'a>(projection: &'a Value, id: &str) -> &'a Value {
    projection["offerings"]
        .as_array()
        .and_then(|offerings| offerings.iter().find(|offering| offering["id"] == id))
        .unwrap_or_else(|| panic!("no offering `{id}`"))
}

/// Writes `text` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("fixture written");
    path
}

/// Runs `roi` with `args`, requires success and parses stdout as JSON.
pub fn json(args: &[&str]) -> Value {
    let output = roi().args(args).args(["--format", "json"]).output().expect("roi runs");
    assert!(
        output.status.success(),
        "roi {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

/// Runs `roi` with `args`, requires success and returns stdout.
pub fn stdout(args: &[&str]) -> String {
    let output = roi().args(args).output().expect("roi runs");
    assert!(
        output.status.success(),
        "roi {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("stdout is UTF-8")
}

/// Runs `roi` with `args`, requires exit code `code` and returns stderr.
pub fn failure(args: &[&str], code: i32) -> String {
    let output = roi().args(args).output().expect("roi runs");
    assert_eq!(
        output.status.code(),
        Some(code),
        "roi {args:?}: stdout {}",
        String::from_utf8_lossy(&output.stdout)
    );
    String::from_utf8(output.stderr).expect("stderr is UTF-8")
}
