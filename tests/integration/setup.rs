//! `roi init`, `roi completions` and the help text of every command.

use crate::common::roi;

#[test]
fn init_writes_a_model_that_projects() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("case");
    let output = roi().arg("init").arg(&target).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stdout.is_empty(), "init prints nothing on stdout");

    let model = target.join("model.toml");
    let catalogue = std::fs::read_to_string(target.join("prices.toml")).unwrap();
    let shipped = std::fs::read_to_string(crate::common::root().join("models/prices.toml")).unwrap();
    assert_eq!(catalogue, shipped);

    let check = roi().arg("check").arg(&model).output().unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    let stdout = String::from_utf8(check.stdout).unwrap();
    assert!(
        stdout.contains("valid (2 files, 5 offerings, 2 scenarios, 0 warnings)"),
        "{stdout}"
    );

    let project = roi().arg("project").arg(&model).output().unwrap();
    assert!(project.status.success(), "{}", String::from_utf8_lossy(&project.stderr));
}

#[test]
fn init_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("prices.toml"), "# mine\n").unwrap();
    let output = roi().arg("init").arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    let path = dir.path().join("prices.toml");
    assert!(
        stderr.contains(&format!(
            "`{}` already exists; roi init never overwrites files",
            path.display()
        )),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# mine\n");
    assert!(
        !dir.path().join("model.toml").exists(),
        "no file is written when one exists"
    );
}

#[test]
fn init_into_a_file_fails() {
    let dir = tempfile::tempdir().unwrap();
    let file = crate::common::write(dir.path(), "taken", "");
    let output = roi().arg("init").arg(&file).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(&format!("cannot create directory `{}`", file.display())),
        "{stderr}"
    );
}

#[test]
fn completions_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F _roi"),
        ("zsh", "#compdef roi"),
        ("fish", "complete -c roi"),
        ("elvish", "edit:completion:arg-completer[roi]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let output = roi().args(["completions", shell]).output().unwrap();
        assert!(output.status.success(), "{shell}");
        let script = String::from_utf8(output.stdout).unwrap();
        assert!(script.contains(marker), "{shell} script lacks {marker}");
        assert!(script.contains("prices"), "{shell} script lacks the prices command");
    }
}

#[test]
fn completions_reject_unknown_shell() {
    let output = roi().args(["completions", "cmd"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("invalid value 'cmd'"), "{stderr}");
}

#[test]
fn help_of_every_command() {
    for command in ["project", "check", "export", "prices", "init", "completions"] {
        let output = roi().args([command, "--help"]).output().unwrap();
        assert!(output.status.success(), "{command}");
        let help = String::from_utf8(output.stdout).unwrap();
        insta::assert_snapshot!(format!("help_{command}"), help);
    }
}

#[test]
fn invalid_option_exits_2() {
    let output = roi().args(["project", "--scale=-3"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("--scale"), "{stderr}");
}
