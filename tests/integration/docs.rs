//! The user guide under `docs/` stays true: the model format lists every
//! key the decoder accepts, and the outputs quoted in the what-if session
//! are what `roi` prints.

use std::process::Command;

use roi::input::decode;

use crate::common::root;

fn read_doc(name: &str) -> String {
    std::fs::read_to_string(root().join("docs").join(name)).unwrap()
}

#[test]
fn model_format_lists_every_key() {
    let text = read_doc("model-format.md");
    let tables: [(&str, &[&str]); 15] = [
        ("root", decode::ROOT_KEYS),
        ("model", decode::MODEL_KEYS),
        ("deployment", decode::DEPLOYMENT_KEYS),
        ("workload", decode::WORKLOAD_KEYS),
        ("investment", decode::INVESTMENT_KEYS),
        ("operations", decode::OPERATION_KEYS),
        ("steps", decode::STEP_KEYS),
        ("benefits", decode::BENEFIT_KEYS),
        ("training", decode::TRAINING_KEYS),
        ("budget", decode::BUDGET_KEYS),
        ("finance", decode::FINANCE_KEYS),
        ("pricing_strategy", decode::PRICING_STRATEGY_KEYS),
        ("scenarios", decode::SCENARIO_KEYS),
        ("offerings", decode::OFFERING_KEYS),
        ("long_context", decode::LONG_CONTEXT_KEYS),
    ];
    for (table, keys) in tables {
        for key in keys {
            let documented = text.contains(&format!("| `{key}` |"))
                || text.contains(&format!("| `{table}.{key}` |"))
                || text.contains(&format!("`[{key}]`"))
                || text.contains(&format!("### `[{key}.<"));
            assert!(documented, "docs/model-format.md has no row for `{key}` of [{table}]");
        }
    }
    assert!(text.contains("| `extends` |"));
}

#[test]
fn readme_links_the_guide() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for page in ["docs/what-if.md", "docs/model-format.md", "docs/conventions.md"] {
        assert!(readme.contains(&format!("({page})")), "README does not link {page}");
        assert!(root().join(page).exists(), "{page} is missing");
    }
}

/// Collects the commands of the `console` blocks of a page, each with the
/// output lines quoted under it. Lines reading `…` mark cuts and are left out.
fn console_blocks(text: &str) -> Vec<(String, Vec<String>)> {
    let mut commands: Vec<(String, Vec<String>)> = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with("```console") {
            inside = true;
        } else if line.starts_with("```") {
            inside = false;
        } else if inside {
            match line.strip_prefix("$ ") {
                Some(command) => commands.push((command.to_string(), Vec::new())),
                None if line.trim() != "…" => {
                    if let Some((_, expected)) = commands.last_mut() {
                        expected.push(line.trim_end().to_string());
                    }
                }
                None => {}
            }
        }
    }
    commands
}

#[test]
fn what_if_outputs_are_current() {
    let binary = assert_cmd::cargo::cargo_bin("roi");
    // The commands run in a copy of the models, so files they write (an
    // exported workbook, say) land in a temporary directory.
    let workdir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("models"), &workdir.path().join("models"));
    let blocks = console_blocks(&read_doc("what-if.md"));
    assert!(blocks.len() >= 8, "found {} commands", blocks.len());
    for (command, expected) in blocks {
        // Commands that write files or run other programs are not replayed.
        if !command.starts_with("roi ") || command.contains('>') {
            continue;
        }
        let line = format!("{} {}", binary.display(), &command["roi ".len()..]);
        let output = Command::new("sh")
            .args(["-c", &line])
            .current_dir(workdir.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{command}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let printed = String::from_utf8(output.stdout).unwrap() + &String::from_utf8(output.stderr).unwrap();
        let printed: Vec<&str> = printed.lines().map(str::trim_end).collect();
        for line in expected {
            assert!(
                printed.contains(&line.as_str()),
                "`{command}` no longer prints:\n{line}"
            );
        }
    }
}

/// Copies a directory tree.
fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
