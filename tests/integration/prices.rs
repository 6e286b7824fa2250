//! `roi prices`: listing a catalogue and importing LiteLLM's price file.

use serde_json::Value;

use crate::common::{data, roi, write};

fn litellm() -> String {
    data("litellm_prices.json").to_string_lossy().into_owned()
}

/// Runs `roi prices --import` on the LiteLLM fixture and returns the
/// successful run's stdout and stderr.
fn import(args: &[&str]) -> (String, String) {
    let output = roi()
        .args(["prices", "--import", &litellm(), "--as-of", "2025-11-01"])
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{stderr}");
    (String::from_utf8(output.stdout).unwrap(), stderr)
}

/// Lists a catalogue file as JSON.
fn listing_of(path: &std::path::Path) -> Value {
    let output = roi()
        .args(["prices", "--format", "json", "--catalogue"])
        .arg(path)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn listed<'a>(listing: &'a Value, id: &str) -> &'a Value {
    listing["offerings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|offering| offering["id"] == id)
        .unwrap_or_else(|| panic!("no offering `{id}` in {listing}"))
}

#[test]
fn import_converts_per_token_exactly() {
    let (toml, _) = import(&["--model", "gpt-4o"]);
    assert!(toml.contains("\ninput_per_mtok = 2.5\n"), "{toml}");
    assert!(toml.contains("\ncache_read_per_mtok = 1.25\n"), "{toml}");
    assert!(toml.contains("\noutput_per_mtok = 10\n"), "{toml}");
    assert!(toml.contains("\nbatch_discount = \"50%\"\n"), "{toml}");
    assert!(!toml.contains("2.4999"), "{toml}");
}

#[test]
fn import_maps_long_context_and_cache() {
    let (toml, _) = import(&["--model", "claude-sonnet-4-20250514"]);
    insta::assert_snapshot!("import_claude_sonnet_4", toml);
}

#[test]
fn import_lists_unmappable_entries_on_stderr() {
    let (toml, stderr) = import(&[]);
    for (key, reason) in [
        ("mistral/mistral-embed", "embedding model without an output price"),
        (
            "bedrock/us-east-1/1-month-commitment/anthropic.claude-instant-v1",
            "priced per second of use",
        ),
        ("dashscope/qwen-flash", "priced in tiers of input length"),
    ] {
        assert!(
            stderr.contains(&format!("warning: skipped `{key}`: {reason}")),
            "{key}: {stderr}"
        );
        assert!(!toml.contains(&format!("({key})")), "{key} was imported");
    }
    assert!(
        !stderr.contains("sample_spec"),
        "the field documentation is not an entry"
    );
    assert!(!toml.contains("= 0\n"), "no price is imported as zero: {toml}");
}

#[test]
fn import_quiet_prints_only_toml() {
    let (toml, stderr) = import(&["-q"]);
    assert!(stderr.is_empty(), "{stderr}");
    assert!(toml.starts_with("# Imported from litellm_prices.json"));
}

#[test]
fn import_verbose_logs_fields_left_out() {
    let (_, stderr) = import(&["-v", "--model", "gpt-4o"]);
    assert!(
        stderr.contains("roi: gpt-4o: left out cache_read_input_token_cost_priority"),
        "{stderr}"
    );
    assert!(
        stderr.contains("roi: offerings imported: 1, entries skipped: 0"),
        "{stderr}"
    );
}

#[test]
fn import_filters_by_provider() {
    let (toml, _) = import(&["--provider", "Google"]);
    let tables: Vec<&str> = toml.lines().filter(|line| line.starts_with("[offerings.")).collect();
    assert_eq!(
        tables,
        [
            "[offerings.gemini-2-0-flash]",
            "[offerings.gemini-2-5-pro]",
            "[offerings.gemini-2-5-pro.long_context]",
        ]
    );
    let (vertex, _) = import(&["--provider", "vertex_ai-language-models"]);
    assert!(vertex.contains("provider = \"Google Vertex AI\""), "{vertex}");
}

#[test]
fn imported_toml_matches_shipped_catalogue() {
    let (toml, _) = import(&["-q"]);
    let dir = tempfile::tempdir().unwrap();
    let imported = listing_of(&write(dir.path(), "imported.toml", &toml));
    let shipped = listing_of(&crate::common::root().join("models/prices.toml"));

    for (imported_id, shipped_id) in [
        ("gpt-4o-2024-08-06", "gpt-4o"),
        ("gpt-4o-mini-2024-07-18", "gpt-4o-mini"),
        ("ft-gpt-4o-2024-08-06", "gpt-4o-ft"),
        ("claude-sonnet-4-20250514", "claude-sonnet-4"),
        ("claude-haiku-4-5-20251001", "claude-haiku-4-5"),
        ("gemini-2-0-flash", "gemini-2-0-flash"),
        ("gemini-2-5-pro", "gemini-2-5-pro"),
        ("open-mistral-7b", "open-mistral-7b"),
    ] {
        let left = listed(&imported, imported_id);
        let right = listed(&shipped, shipped_id);
        for key in [
            "input_per_mtok",
            "output_per_mtok",
            "cache_read_per_mtok",
            "long_context",
        ] {
            assert_eq!(left[key], right[key], "{imported_id} {key}");
        }
        assert_eq!(left["currency"], "USD");
        assert_eq!(left["as_of"], "2025-11-01");
    }
    let gpt = listed(&imported, "gpt-4o-2024-08-06");
    assert_eq!(gpt["source"], "litellm_prices.json (gpt-4o-2024-08-06)");
    assert_eq!(gpt["batch_discount"], "0.5");
}

#[test]
fn import_malformed_file_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "broken.json",
        "{\n  \"gpt-4o\": {\"input_cost_per_token\": 2.5e-06,}\n}\n",
    );
    let output = roi()
        .args(["prices", "--as-of", "2025-11-01", "--import"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("broken.json:2:46: invalid LiteLLM price file"),
        "{stderr}"
    );
    assert!(stderr.contains("invalid JSON: key must be a string"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn import_without_as_of_exits_2() {
    let output = roi().args(["prices", "--import", &litellm()]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("--as-of <DATE>"), "{stderr}");
}

#[test]
fn import_invalid_date_exits_2() {
    let output = roi()
        .args(["prices", "--import", &litellm(), "--as-of", "1 Nov 2025"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("`1 Nov 2025` is not a date written YYYY-MM-DD"),
        "{stderr}"
    );
}

#[test]
fn import_without_match_exits_2() {
    let output = roi()
        .args([
            "prices",
            "--import",
            &litellm(),
            "--as-of",
            "2025-11-01",
            "--provider",
            "nobody",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("could be imported with --provider nobody"), "{stderr}");
    assert!(stderr.contains("litellm_prices.json"), "{stderr}");
}

#[test]
fn listing_of_small_fixture() {
    let output = roi().args(["prices", "tests/data/small.toml"]).output().unwrap();
    assert!(output.status.success());
    insta::assert_snapshot!("prices_small_fixture", String::from_utf8(output.stdout).unwrap());
}

#[test]
fn listing_fits_100_columns() {
    let output = roi().arg("prices").output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    for line in text.lines() {
        assert!(line.chars().count() <= 100, "{} columns: {line}", line.chars().count());
    }
}

#[test]
fn listing_is_sorted_by_provider() {
    let output = roi().args(["prices", "--format", "json"]).output().unwrap();
    let listing: Value = serde_json::from_slice(&output.stdout).unwrap();
    let providers: Vec<String> = listing["offerings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|offering| offering["provider"].as_str().unwrap().to_lowercase())
        .collect();
    let mut sorted = providers.clone();
    sorted.sort();
    assert_eq!(providers, sorted);
    assert!(
        listed(&listing, "mistral-7b-ft-quoted")["per_request"] == "0.0024",
        "a model's own offerings are listed with its catalogue"
    );
}

#[test]
fn listing_toml_round_trips() {
    let output = roi().args(["prices", "--format", "toml"]).output().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "prices.toml", &String::from_utf8(output.stdout).unwrap());
    let listing = listing_of(&path);
    let output = roi().args(["prices", "--format", "json"]).output().unwrap();
    let original: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(listing, original);
}

#[test]
fn catalogue_option_rejects_a_model() {
    let output = roi()
        .args(["prices", "--catalogue", "models/genesis.toml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("`models/genesis.toml` is a model, not a price catalogue"),
        "{stderr}"
    );
}

#[test]
fn listing_honours_overrides() {
    let output = roi()
        .args([
            "prices",
            "--format",
            "json",
            "--set",
            "offerings.gpt-4o.input_per_mtok=2",
        ])
        .output()
        .unwrap();
    let listing: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(listed(&listing, "gpt-4o")["input_per_mtok"], "2");
}

#[test]
fn import_rejects_a_short_as_of_date() {
    for date in ["25-11-01", "2025-1-1", "+2025-11-01"] {
        let output = roi()
            .args(["prices", "--import"])
            .arg(data("litellm_prices.json"))
            .args(["--as-of", date])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "--as-of {date}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains("is not a date written YYYY-MM-DD"), "{stderr}");
    }
}
