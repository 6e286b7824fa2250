//! `roi report`: the rendered reports, their charts, `--check`, custom and
//! broken templates, and the companion files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::{data, roi, write};

/// Runs `roi report` with `args` into `out` and asserts it succeeds.
fn report_into(out: &Path, args: &[&str]) {
    let output = roi()
        .arg("report")
        .args(args)
        .arg("--out")
        .arg(out)
        .output()
        .expect("roi runs");
    assert!(
        output.status.success(),
        "roi report failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Reads every file under `dir`, keyed by its path relative to `dir`.
fn files_under(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in std::fs::read_dir(&next).expect("directory is readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap().to_path_buf();
                files.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

/// A copy of the small fixture (model and catalogue) in a new directory.
fn small_case() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["small.toml", "prices.toml"] {
        std::fs::copy(data(name), dir.path().join(name)).unwrap();
    }
    dir
}

#[test]
fn genesis_reports_match_snapshots() {
    let out = tempfile::tempdir().unwrap();
    report_into(out.path(), &[]);
    insta::assert_snapshot!(
        "genesis_cost_roi_analysis",
        read(out.path().join("cost_roi_analysis.md"))
    );
    insta::assert_snapshot!(
        "genesis_executive_summary",
        read(out.path().join("executive_summary.md"))
    );
}

#[test]
fn small_fixture_reports_match_snapshots() {
    let out = tempfile::tempdir().unwrap();
    report_into(out.path(), &["tests/data/small.toml"]);
    insta::assert_snapshot!("small_cost_roi_analysis", read(out.path().join("cost_roi_analysis.md")));
    insta::assert_snapshot!("small_executive_summary", read(out.path().join("executive_summary.md")));
}

#[test]
fn genesis_reports_state_engine_figures() {
    let out = tempfile::tempdir().unwrap();
    report_into(out.path(), &[]);
    let cost = read(out.path().join("cost_roi_analysis.md"));
    for figure in [
        "$228.00",
        "$858.00",
        "$2,736.00",
        "$10,296.00",
        "$7,560.00",
        "$3,283.20",
        "$46,154.56",
        "$99,697.50",
        "$1,416.00",
        "$7,716.00",
        "$187.50",
        "1,260x",
    ] {
        assert!(cost.contains(figure), "the cost report lacks {figure}");
    }
    let summary = read(out.path().join("executive_summary.md"));
    assert!(summary.contains("## Verdict: PENDING"), "{summary}");
    assert_eq!(
        summary.matches("**PENDING**").count(),
        5,
        "benchmark criteria stay pending"
    );
}

#[test]
fn committed_reports_are_current() {
    let output = roi().args(["report", "--check"]).output().unwrap();
    assert!(
        output.status.success(),
        "reports/ is stale; run `cargo run -- report`: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn check_fails_on_stale_reports() {
    let out = tempfile::tempdir().unwrap();
    report_into(out.path(), &[]);
    let summary = out.path().join("executive_summary.md");
    std::fs::write(&summary, "edited by hand\n").unwrap();
    std::fs::remove_file(out.path().join("charts/monthly_cost.svg")).unwrap();
    std::fs::write(out.path().join("charts/annual_cost_retired.svg"), "<svg/>").unwrap();

    let output = roi()
        .args(["report", "--check", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("executive_summary.md differs"), "{stderr}");
    assert!(stderr.contains("monthly_cost.svg is missing"), "{stderr}");
    assert!(
        stderr.contains("annual_cost_retired.svg is no longer produced"),
        "{stderr}"
    );
    assert!(!stderr.contains("cost_roi_analysis.md"), "{stderr}");
    assert_eq!(read(summary), "edited by hand\n", "--check writes nothing");
}

#[test]
fn check_passes_after_report() {
    let out = tempfile::tempdir().unwrap();
    report_into(out.path(), &[]);
    let output = roi()
        .args(["report", "--check", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn two_runs_give_identical_bytes() {
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    report_into(first.path(), &[]);
    report_into(second.path(), &[]);
    let first_files = files_under(first.path());
    assert_eq!(first_files.len(), 10, "{:?}", first_files.keys());
    assert_eq!(first_files, files_under(second.path()));
}

#[test]
fn charts_are_svg_with_text_labels() {
    let out = tempfile::tempdir().unwrap();
    report_into(out.path(), &[]);
    let expected: &[(&str, &[&str])] = &[
        (
            "cost_per_request.svg",
            &[
                "Cost per request at base volume",
                "USD per request (usage only)",
                "$0.0024",
                "gpt-4o",
                "candidate",
            ],
        ),
        (
            "monthly_cost.svg",
            &[
                "Monthly cost at base volume (50,000 requests a month)",
                "$228.00",
                "$858.00",
            ],
        ),
        (
            "horizon_cost.svg",
            &[
                "Total cost over 60 months",
                "$15,271.34",
                "100,000",
                "scenario aggressive",
            ],
        ),
        (
            "cumulative_benefit.svg",
            &[
                "Cumulative benefit against the investment",
                "USD, cumulative",
                "total investment $486.00",
                "payback after 0.59 months",
            ],
        ),
        (
            "annual_cost_conservative.svg",
            &[
                "Annual cost, scenario conservative",
                "USD per year",
                "Year 5",
                "$14,472.90",
            ],
        ),
        (
            "annual_cost_aggressive.svg",
            &["Annual cost, scenario aggressive", "baseline: gpt-4o", "$46,858.50"],
        ),
        (
            "tornado_npv_conservative.svg",
            &[
                "NPV sensitivity, scenario conservative: each input ±20%",
                "USD, net present value",
                "as written $46,456.19",
                "offerings.gpt-4o.output_per_mtok",
                "$52,429.81",
            ],
        ),
        (
            "tornado_npv_aggressive.svg",
            &["scenarios.aggressive.growth", "$101,262.44", "input 20% lower"],
        ),
    ];
    for (name, labels) in expected {
        let svg = read(out.path().join("charts").join(name));
        let document = roxmltree::Document::parse(&svg).unwrap_or_else(|error| panic!("{name} is not XML: {error}"));
        assert_eq!(document.root_element().tag_name().name(), "svg", "{name}");
        assert_eq!(document.root_element().attribute("width"), Some("800"), "{name}");
        let texts: Vec<&str> = document
            .descendants()
            .filter(|node| node.has_tag_name("text"))
            .filter_map(|node| node.text())
            .collect();
        for label in *labels {
            assert!(
                texts.iter().any(|text| text.contains(label)),
                "{name} has no text `{label}`"
            );
        }
    }
}

#[test]
fn custom_template_replaces_built_in() {
    let templates = tempfile::tempdir().unwrap();
    write(
        templates.path(),
        "executive_summary.md.tera",
        "# {{ model }}\n\nSavings: {{ base.savings_annual | money }} a year; verdict {{ decision.verdict }}.\n",
    );
    let out = tempfile::tempdir().unwrap();
    report_into(out.path(), &["--templates", templates.path().to_str().unwrap()]);
    assert_eq!(
        read(out.path().join("executive_summary.md")),
        "# Genesis: GPT-4o to fine-tuned Mistral 7B\n\nSavings: $7,560.00 a year; verdict PENDING.\n"
    );
    let cost = read(out.path().join("cost_roi_analysis.md"));
    assert!(
        cost.starts_with("# Cost and ROI analysis"),
        "the cost report keeps the built-in template"
    );
}

#[test]
fn broken_template_exits_2_naming_file_and_line() {
    let templates = tempfile::tempdir().unwrap();
    let path = write(
        templates.path(),
        "cost_roi_analysis.md.tera",
        "# Title\n\n{{ base.savings_annual | money }}\n{{ base.no_such_figure | money }}\n",
    );
    let out = tempfile::tempdir().unwrap();
    report_into(out.path(), &[]);
    let before = files_under(out.path());

    let output = roi()
        .arg("report")
        .arg("--templates")
        .arg(templates.path())
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let expected = format!("error: {}:4:", path.display());
    assert!(stderr.starts_with(&expected), "expected `{expected}` in {stderr}");
    assert!(stderr.contains("template error"), "{stderr}");
    assert_eq!(
        files_under(out.path()),
        before,
        "a failed run leaves the reports untouched"
    );
}

#[test]
fn template_syntax_error_exits_2() {
    let templates = tempfile::tempdir().unwrap();
    let path = write(templates.path(), "executive_summary.md.tera", "# Title\n{% for %}\n");
    let output = roi()
        .arg("report")
        .arg("--templates")
        .arg(templates.path())
        .arg("--check")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with(&format!("error: {}:2:", path.display())), "{stderr}");
}

#[test]
fn invalid_input_leaves_reports_untouched() {
    let out = tempfile::tempdir().unwrap();
    report_into(out.path(), &[]);
    let before = files_under(out.path());
    let output = roi()
        .args(["report", "--set", "workload.agents.qa.requests_per_month=-5", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(files_under(out.path()), before);
}

#[test]
fn override_shows_in_as_of_block() {
    let plain = tempfile::tempdir().unwrap();
    report_into(plain.path(), &[]);
    let changed = tempfile::tempdir().unwrap();
    report_into(
        changed.path(),
        &["--set", "workload.agents.qa.requests_per_month=25000"],
    );
    let summary = read(changed.path().join("executive_summary.md"));
    assert!(
        summary.contains("`workload.agents.qa.requests_per_month = 25000` (was `10000`)"),
        "{summary}"
    );
    let hash = |text: &str| {
        text.lines()
            .find(|line| line.starts_with("- Inputs SHA-256"))
            .map(str::to_string)
            .unwrap()
    };
    let plain_summary = read(plain.path().join("executive_summary.md"));
    assert_ne!(hash(&summary), hash(&plain_summary));
}

#[test]
fn claims_are_reconciled() {
    let case = small_case();
    write(
        case.path(),
        "claims.toml",
        r#"source = "a test"

[claims.annual]
statement = "Annual savings: $540"
claimed = 540
figure = "base.savings_annual"

[claims.share]
statement = "Savings share: 70%"
claimed = "70%"
figure = "base.savings_share"

[claims.range]
statement = "Setup: $10-20"
claimed_range = [10, 20]
figure = "investment.incremental"
"#,
    );
    let out = tempfile::tempdir().unwrap();
    report_into(out.path(), &[case.path().join("small.toml").to_str().unwrap()]);
    let cost = read(out.path().join("cost_roi_analysis.md"));
    assert!(
        cost.contains("| Annual savings: $540 | $540.00 | $540.00 | 0% | ✓ | `base.savings_annual` |"),
        "{cost}"
    );
    // 64.3% computed against 70% claimed: 5.7 points.
    assert!(
        cost.contains("| Savings share: 70% | 70% | 64.3% | +5.7 pts | ⚠ |"),
        "{cost}"
    );
    // $30 lies above the claimed range; it deviates from the high end.
    assert!(
        cost.contains("| Setup: $10-20 | $10.00–$20.00 | $30.00 | -33.3% | ⚠ |"),
        "{cost}"
    );
    assert!(
        cost.contains("1 claim matches, 2 deviate and 0 have no roi figure"),
        "{cost}"
    );
}

#[test]
fn claims_with_unknown_key_exit_2() {
    let case = small_case();
    let claims = write(
        case.path(),
        "claims.toml",
        "[claims.annual]\nstatement = \"x\"\nclaimed = 1\nfigur = \"base.savings_annual\"\n",
    );
    let output = roi()
        .arg("report")
        .arg(case.path().join("small.toml"))
        .arg("--check")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with(&format!(
            "error: {}:4:1: unknown key `claims.annual.figur`",
            claims.display()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `figure`?"), "{stderr}");
}

#[test]
fn claims_with_unknown_figure_exit_2() {
    let case = small_case();
    write(
        case.path(),
        "claims.toml",
        "[claims.annual]\nstatement = \"x\"\nclaimed = 1\nfigure = \"scenarios.flatt.totals.savings\"\n",
    );
    let output = roi()
        .arg("report")
        .arg(case.path().join("small.toml"))
        .arg("--check")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("`scenarios` has no `flatt`"), "{stderr}");
    assert!(stderr.contains("did you mean `scenarios.flat`?"), "{stderr}");
}

#[test]
fn benchmarks_decide_quality_criteria() {
    let case = small_case();
    write(
        case.path(),
        "benchmarks.toml",
        r#"as_of = 2026-01-10
source = "evaluation run"

[agents.a]
baseline_quality = 7.5
candidate_quality = 8.5
candidate_latency_p95_seconds = 1.2

[agents.b]
baseline_quality = 7.5
candidate_quality = 7.4
candidate_latency_p95_seconds = 1.9
"#,
    );
    let out = tempfile::tempdir().unwrap();
    report_into(out.path(), &[case.path().join("small.toml").to_str().unwrap()]);
    let summary = read(out.path().join("executive_summary.md"));
    assert!(summary.contains("## Verdict: FAIL"), "{summary}");
    assert!(
        summary.contains("| Average quality | ≥ 8/10 | 7.95/10 | **FAIL** |"),
        "{summary}"
    );
    assert!(
        summary.contains("| Latency P95 of the candidate | < 2 s | 1.9 s | **PASS** |"),
        "{summary}"
    );
    assert!(
        summary.contains("| No quality regression on any agent | ≥ 0 points | -0.1 points | **FAIL** |"),
        "{summary}"
    );
}

#[test]
fn benchmarks_with_unknown_agent_exit_2() {
    let case = small_case();
    write(case.path(), "benchmarks.toml", "[agents.bb]\ncandidate_quality = 8\n");
    let output = roi()
        .arg("report")
        .arg(case.path().join("small.toml"))
        .arg("--check")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("benchmarks.toml:1:9: unknown agent `bb`"), "{stderr}");
    assert!(stderr.contains("did you mean `b`?"), "{stderr}");
}

#[test]
fn benchmarks_criteria_set_thresholds() {
    let case = small_case();
    write(
        case.path(),
        "benchmarks.toml",
        "[criteria]\nmin_saving_per_request = \"90%\"\nmax_payback_months = 2\n",
    );
    let out = tempfile::tempdir().unwrap();
    let output = roi()
        .arg("report")
        .arg(case.path().join("small.toml"))
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let summary = read(out.path().join("executive_summary.md"));
    // The small fixture saves 84.6% a request and pays back in 2.6 months.
    assert!(summary.contains("| Cost saving per request | ≥ 90% |"), "{summary}");
    assert!(
        summary.contains("| Payback of the total investment | ≤ 2 months |"),
        "{summary}"
    );
    assert!(summary.contains("## Verdict: FAIL"), "{summary}");
}

#[test]
fn misnamed_template_is_warned() {
    let templates = tempfile::tempdir().unwrap();
    write(templates.path(), "executive-summary.md.tera", "# summary\n");
    let out = tempfile::tempdir().unwrap();
    let output = roi()
        .arg("report")
        .arg("--templates")
        .arg(templates.path())
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("replaces no built-in template"), "{stderr}");
    assert!(stderr.contains("did you mean `executive_summary.md.tera`?"), "{stderr}");
}

#[test]
fn pipe_in_a_name_is_escaped_in_tables() {
    let case = small_case();
    let model = std::fs::read_to_string(case.path().join("small.toml"))
        .unwrap()
        .replace("[scenarios.flat]", "[scenarios.\"flat|base\"]");
    write(case.path(), "small.toml", &model);
    let out = tempfile::tempdir().unwrap();
    let output = roi()
        .arg("report")
        .arg(case.path().join("small.toml"))
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let analysis = read(out.path().join("cost_roi_analysis.md"));
    assert!(
        analysis.contains("18 months, flat\\|base |"),
        "unescaped pipe in a table header"
    );
    assert!(!analysis.contains("18 months, flat|base |"));
}
