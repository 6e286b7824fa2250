//! Bad input: every class exits 2 with a message naming the file, the
//! place, the key and the value, and saying what to write instead.

use std::path::PathBuf;

use tempfile::TempDir;

use crate::common::{data, roi, write};

/// A temporary directory holding the small fixture's catalogue and a model
/// made from the small fixture with `edit` applied to its text.
fn fixture(edit: impl FnOnce(String) -> String) -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    std::fs::copy(data("prices.toml"), dir.path().join("prices.toml")).unwrap();
    let text = std::fs::read_to_string(data("small.toml")).unwrap();
    let path = write(dir.path(), "model.toml", &edit(text));
    (dir, path)
}

/// Runs `roi project` on a model and returns stderr, asserting exit code 2.
fn fails_with_2(model: &std::path::Path, extra: &[&str]) -> String {
    let output = roi().arg("project").arg(model).args(extra).output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "expected exit 2, stderr:\n{stderr}");
    assert!(output.stdout.is_empty(), "stdout must stay empty on error");
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    stderr
}

fn assert_contains(stderr: &str, parts: &[&str]) {
    for part in parts {
        assert!(stderr.contains(part), "stderr lacks {part:?}:\n{stderr}");
    }
}

#[test]
fn unknown_key_suggests_the_known_one() {
    let (_dir, model) = fixture(|text| text.replace("output_tokens = 500", "output_tokns = 500"));
    let stderr = fails_with_2(&model, &[]);
    assert_contains(
        &stderr,
        &[
            "model.toml:21:1",
            "unknown key `workload.output_tokns`",
            "did you mean `output_tokens`?",
        ],
    );
}

#[test]
fn wrong_type_names_the_expected_type() {
    let (_dir, model) = fixture(|text| text.replace("horizon_months = 18", "horizon_months = true"));
    let stderr = fails_with_2(&model, &[]);
    assert_contains(
        &stderr,
        &["model.toml:12:18", "`model.horizon_months` = true", "expected a number"],
    );
}

#[test]
fn negative_price_is_rejected() {
    let dir = TempDir::new().unwrap();
    let prices = std::fs::read_to_string(data("prices.toml")).unwrap();
    write(
        dir.path(),
        "prices.toml",
        &prices.replace("input_per_mtok = 2.5", "input_per_mtok = -2.5"),
    );
    let model = write(
        dir.path(),
        "model.toml",
        &std::fs::read_to_string(data("small.toml")).unwrap(),
    );
    let stderr = fails_with_2(&model, &[]);
    assert_contains(
        &stderr,
        &[
            "prices.toml:8:18",
            "`offerings.api-big.input_per_mtok` = -2.5",
            "must be zero or more",
        ],
    );
}

#[test]
fn bare_rate_above_one_shows_both_spellings() {
    let (_dir, model) = fixture(|text| text.replace("growth = \"100%\"", "growth = 10"));
    let stderr = fails_with_2(&model, &[]);
    assert_contains(
        &stderr,
        &[
            "model.toml:54:10",
            "`scenarios.doubling.growth` = 10",
            "growth = \"10%\"",
            "growth = 0.1",
        ],
    );
}

#[test]
fn unknown_offering_id_suggests_a_known_one() {
    let (_dir, model) = fixture(|text| text.replace("candidate = \"api-small\"", "candidate = \"api-smal\""));
    let stderr = fails_with_2(&model, &[]);
    assert_contains(
        &stderr,
        &[
            "model.toml:15:13",
            "no offering `api-smal`",
            "did you mean `api-small`?",
        ],
    );
}

#[test]
fn extends_cycle_lists_the_chain() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.toml", "extends = \"b.toml\"\n");
    write(dir.path(), "b.toml", "extends = \"a.toml\"\n");
    let stderr = fails_with_2(&dir.path().join("a.toml"), &[]);
    assert_contains(&stderr, &["`extends` cycle: a.toml → b.toml → a.toml", "b.toml:1:11"]);
}

#[test]
fn missing_file_names_the_path() {
    let stderr = fails_with_2(std::path::Path::new("models/no-such-model.toml"), &[]);
    assert_contains(&stderr, &["cannot read model `models/no-such-model.toml`", "help:"]);
}

#[test]
fn missing_extends_base_points_at_extends() {
    let dir = TempDir::new().unwrap();
    let model = write(dir.path(), "overlay.toml", "extends = \"gone.toml\"\n");
    let stderr = fails_with_2(&model, &[]);
    assert_contains(&stderr, &["overlay.toml:1:11", "gone.toml"]);
}

#[test]
fn zero_horizon_is_rejected() {
    let (_dir, model) = fixture(|text| text.replace("horizon_months = 18", "horizon_months = 0"));
    let stderr = fails_with_2(&model, &[]);
    assert_contains(
        &stderr,
        &[
            "model.toml:12:18",
            "`model.horizon_months` = 0",
            "whole number from 1 to 1200",
        ],
    );
}

#[test]
fn unknown_set_path_suggests_the_agent() {
    let model = data("small.toml");
    let stderr = fails_with_2(&model, &["--set", "workload.agents.c.requests_per_month=5"]);
    assert_contains(
        &stderr,
        &["unknown path `workload.agents.c.requests_per_month`", "--set"],
    );
    let stderr = fails_with_2(&model, &["--set", "workload.agents.a.requests_per_mnth=5"]);
    assert_contains(
        &stderr,
        &[
            "unknown key `workload.agents.a.requests_per_mnth`",
            "did you mean `requests_per_month`?",
        ],
    );
}

#[test]
fn set_without_equals_is_rejected() {
    let stderr = fails_with_2(&data("small.toml"), &["--set", "workload.input_tokens"]);
    assert_contains(&stderr, &["expected PATH=VALUE"]);
}

#[test]
fn malformed_toml_points_at_the_error() {
    let (_dir, model) = fixture(|text| text.replace("start = \"2026-01\"", "start = 2026-01"));
    let stderr = fails_with_2(&model, &[]);
    assert_contains(&stderr, &["model.toml:11:9", "malformed TOML"]);
}

#[test]
fn truncated_toml_points_at_the_end() {
    let (_dir, model) = fixture(|text| format!("{text}\n[scenarios.broken\n"));
    let stderr = fails_with_2(&model, &[]);
    assert_contains(&stderr, &["malformed TOML", "model.toml:"]);
}

#[test]
fn literal_with_too_many_digits_is_rejected() {
    let (_dir, model) = fixture(|text| {
        text.replace(
            "monthly = 5\n\n[budget]",
            "monthly = 5.00000000000000000000000000001\n\n[budget]",
        )
    });
    let stderr = fails_with_2(&model, &[]);
    assert_contains(&stderr, &["`benefits.quality.monthly`", "28 significant digits"]);
}

#[test]
fn unknown_scenario_option_suggests_one() {
    let stderr = fails_with_2(&data("small.toml"), &["--scenario", "flatt"]);
    assert_contains(&stderr, &["unknown scenario `flatt`", "did you mean `flat`?"]);
}

#[test]
fn token_offering_needs_token_counts() {
    let (_dir, model) = fixture(|text| text.replace("input_tokens = 1000\n", ""));
    let stderr = fails_with_2(&model, &[]);
    assert_contains(&stderr, &["has no `input_tokens`", "api-big"]);
}

#[test]
fn check_exits_2_on_invalid_input() {
    let (_dir, model) = fixture(|text| text.replace("horizon_months = 18", "horizon_months = -3"));
    let output = roi().arg("check").arg(&model).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn no_input_prints_nan_or_infinity() {
    // A free baseline: savings are negative, payback and IRR cannot be computed.
    let (_dir, model) = fixture(|text| text.replace("baseline = \"api-big\"", "baseline = \"api-small\""));
    let output = roi().arg("project").arg(&model).output().unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    for bad in ["NaN", "inf", "Infinity"] {
        assert!(!stdout.contains(bad), "output shows {bad}:\n{stdout}");
    }
    assert!(stdout.contains("n/a (not within 18 months)"), "{stdout}");
}

#[test]
fn overflowing_hours_times_rate_is_an_error() {
    let stderr = fails_with_2(
        &data("small.toml"),
        &[
            "--set",
            "investment.engineering.hours=1e15",
            "--set",
            "investment.engineering.rate=1e15",
        ],
    );
    assert_contains(
        &stderr,
        &["`investment.engineering.hours`", "exceeds the range of exact decimals"],
    );
}

#[test]
fn overflowing_projection_names_the_scenario() {
    let stderr = fails_with_2(
        &data("small.toml"),
        &[
            "--set",
            "model.horizon_months=1200",
            "--set",
            "scenarios.doubling.growth=\"900%\"",
        ],
    );
    assert_contains(&stderr, &["scenario `doubling`", "exceeds the range of exact decimals"]);
}

#[test]
fn default_cache_shares_above_whole_are_rejected() {
    let (_dir, model) = fixture(|text| {
        text.replace(
            "cached_share = \"80%\"",
            "cached_share = \"80%\"\ncache_write_share = \"30%\"",
        )
    });
    let stderr = fails_with_2(&model, &[]);
    assert_contains(&stderr, &["`workload.cache_write_share` = \"30%\"", "add up to 110%"]);
}

#[test]
fn workload_without_agents_checks_cache_shares() {
    let (_dir, model) = fixture(|text| {
        text.replace(
            "cached_share = \"80%\"",
            "cached_share = \"100%\"\ncache_write_share = \"100%\"\nrequests_per_month = 5",
        )
        .replace("[workload.agents.a]\nrequests_per_month = 6000\n", "")
        .replace("[workload.agents.b]\nrequests_per_month = 4000\n", "")
    });
    let stderr = fails_with_2(&model, &[]);
    assert_contains(&stderr, &["add up to 200%"]);
}

#[test]
fn device_or_directory_as_model_is_rejected() {
    let stderr = fails_with_2(std::path::Path::new("models"), &[]);
    assert_contains(&stderr, &["it is a directory", "name a TOML file"]);
    if std::path::Path::new("/dev/zero").exists() {
        let stderr = fails_with_2(std::path::Path::new("/dev/zero"), &[]);
        assert_contains(&stderr, &["not a regular file"]);
    }
}

#[test]
fn month_must_have_two_digits() {
    let (_dir, model) = fixture(|text| text.replace("start = \"2026-01\"", "start = \"2026-1\""));
    let stderr = fails_with_2(&model, &[]);
    assert_contains(&stderr, &["expected a month written YYYY-MM"]);
}

#[test]
fn control_characters_in_names_are_rejected() {
    let (_dir, model) = fixture(|text| text.replace("name = \"Small fixture\"", "name = \"Small\\u001b[31m\""));
    let stderr = fails_with_2(&model, &[]);
    assert_contains(&stderr, &["`model.name`", "control character"]);
}

#[test]
fn negative_scale_is_a_clear_error() {
    let output = roi().args(["project", "--scale", "-1"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_contains(&stderr, &["must be greater than zero"]);
}

#[test]
fn empty_extends_is_rejected() {
    let dir = TempDir::new().unwrap();
    let model = write(dir.path(), "overlay.toml", "extends = \"\"\n");
    let stderr = fails_with_2(&model, &[]);
    assert_contains(&stderr, &["`extends` is empty"]);
}
