//! Offerings priced in another currency: conversion with the model's `[fx]`
//! rates, and the errors for a missing rate or an unknown code.

use rust_decimal_macros::dec;

use crate::common::{data, dec, offering, project_json, roi};

fn eur_model() -> String {
    data("eur.toml").to_string_lossy().into_owned()
}

#[test]
fn eur_offering_converts_at_fx_rate() {
    let projection = project_json(&[&eur_model()]);
    let candidate = offering(&projection, "mistral-eur");
    assert_eq!(candidate["price_currency"], "EUR");
    assert_eq!(dec(&candidate["fx_rate"]), dec!(1.08));
    assert_eq!(dec(&candidate["cost_per_request"]), dec!(0.00054));
    assert_eq!(dec(&candidate["usage_monthly"]), dec!(5.4));
    assert_eq!(dec(&candidate["fees_monthly"]), dec!(2.16));

    let baseline = offering(&projection, "api-big");
    assert_eq!(baseline["price_currency"], "USD");
    assert_eq!(dec(&baseline["fx_rate"]), dec!(1));
}

#[test]
fn json_lists_fx_rates() {
    let projection = project_json(&[&eur_model()]);
    let rates = projection["fx"].as_array().unwrap();
    assert_eq!(rates.len(), 1);
    assert_eq!(rates[0]["currency"], "EUR");
    assert_eq!(dec(&rates[0]["rate"]), dec!(1.08));
}

#[test]
fn table_shows_fx_rate_and_its_offerings() {
    let output = roi().args(["project", &eur_model()]).output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("exchange rate: 1 EUR = 1.08 USD; converts mistral-eur"),
        "{text}"
    );
}

#[test]
fn override_of_fx_rate_changes_cost() {
    let projection = project_json(&[&eur_model(), "--set", "fx.EUR=1.2"]);
    let candidate = offering(&projection, "mistral-eur");
    assert_eq!(dec(&candidate["cost_per_request"]), dec!(0.0006));
    assert_eq!(projection["overrides"][0]["path"], "fx.EUR");
}

/// Runs `roi project` on the euro fixture and returns the exit code and stderr.
fn failure(args: &[&str]) -> (Option<i32>, String) {
    let output = roi().args(["project", &eur_model()]).args(args).output().unwrap();
    (output.status.code(), String::from_utf8(output.stderr).unwrap())
}

#[test]
fn missing_fx_rate_names_currency() {
    let model = std::fs::read_to_string(data("eur.toml")).unwrap();
    let without_fx = model.replace("[fx]\nEUR = \"1.08\"\n", "");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(data("prices.toml"), dir.path().join("prices.toml")).unwrap();
    let path = crate::common::write(dir.path(), "no-fx.toml", &without_fx);

    let output = roi().arg("project").arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("no-fx.toml:"), "{stderr}");
    assert!(
        stderr.contains("offering `mistral-eur` is priced in EUR but the model has no exchange rate for EUR"),
        "{stderr}"
    );
    assert!(
        stderr.contains("add [fx] with EUR = \"1.08\" (units of USD per EUR)"),
        "{stderr}"
    );
}

#[test]
fn unknown_currency_code_exits_2() {
    let (code, stderr) = failure(&["--set", "offerings.mistral-eur.currency=\"EUD\""]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("`offerings.mistral-eur.currency` = \"EUD\": unknown currency code: ISO 4217 has no EUD"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean \"EUR\"?"), "{stderr}");
}

#[test]
fn unknown_fx_key_exits_2() {
    let (code, stderr) = failure(&["--set", "fx.EUD=1.1"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("`fx.EUD`: unknown currency code"), "{stderr}");
    assert!(stderr.contains("did you mean `EUR`?"), "{stderr}");
}

#[test]
fn model_currency_error_names_file() {
    let model = std::fs::read_to_string(data("eur.toml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(data("prices.toml"), dir.path().join("prices.toml")).unwrap();
    let path = crate::common::write(
        dir.path(),
        "bad-currency.toml",
        &model.replace("currency = \"USD\"", "currency = \"usd\""),
    );
    let output = roi().arg("check").arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("bad-currency.toml:8:12"), "{stderr}");
    assert!(stderr.contains("expected an ISO 4217 currency code"), "{stderr}");
    assert!(stderr.contains("did you mean \"USD\"?"), "{stderr}");
}
