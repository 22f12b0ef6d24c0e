//! `kehoach check` on fixture folders: `fixtures/check/<case>/plan.toml` is a plan with
//! one fault (or none); its human and JSON output, with the exit code, are insta
//! snapshots in `snapshots/check-<case>-human.snap` and `snapshots/check-<case>-json.snap`.
//! To add a case, copy a folder and edit its plan (README.md here).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::Command;

/// The cases: each folder holds `plan.toml` and the plans it extends, if any.
fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/testsuite/fixtures/check")
}

/// Runs kehoach in the cases folder, so that the paths it prints read `<case>/plan.toml`
/// on every machine; returns the exit code and standard output.
fn run_in_cases(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(args)
        .current_dir(cases_dir())
        .env_remove("KEHOACH_LANG")
        .output()
        .expect("run kehoach");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.is_empty(), "kehoach {args:?} wrote to stderr: {stderr}");
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).expect("UTF-8 output"))
}

/// Compares one snapshot; a mismatch is returned, not raised, so that one run reports
/// (and with `INSTA_UPDATE` writes) every case.
fn snapshot(name: &str, plan: &str, command: &str, exit: i32, output: &str) -> Result<(), String> {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_input_file(cases_dir().join(plan));
    settings.set_description(format!("{command} (in tests/testsuite/fixtures/check)"));
    let contents = format!("exit code: {exit}\n\n{output}");
    settings
        .bind(|| catch_unwind(AssertUnwindSafe(|| insta::assert_snapshot!(name, contents))))
        .map_err(|_| name.to_string())
}

#[test]
fn check_fixtures() {
    let mut cases: Vec<String> = std::fs::read_dir(cases_dir())
        .expect("tests/testsuite/fixtures/check")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_str().unwrap().to_string())
        .collect();
    cases.sort();
    assert!(!cases.is_empty());
    let mut failed = Vec::new();
    for case in &cases {
        let plan = format!("{case}/plan.toml");
        assert!(cases_dir().join(&plan).is_file(), "{case}: every case folder needs a plan.toml");
        let (exit, human) = run_in_cases(&["check", &plan]);
        let (json_exit, json) = run_in_cases(&["check", "--format", "json", &plan]);
        // The exit code says whether there is an error, whatever the format.
        let diags: serde_json::Value = serde_json::from_str(&json).expect("JSON output");
        let has_error = diags.as_array().unwrap().iter().any(|d| d["severity"] == "error");
        assert_eq!((exit, json_exit), (i32::from(has_error), i32::from(has_error)), "{case}");
        let runs = [
            (format!("check-{case}-human"), format!("kehoach check {plan}"), human),
            (format!("check-{case}-json"), format!("kehoach check --format json {plan}"), json),
        ];
        for (name, command, output) in runs {
            if let Err(name) = snapshot(&name, &plan, &command, exit, &output) {
                failed.push(name);
            }
        }
    }
    assert!(failed.is_empty(), "new or changed snapshots: {failed:?}; to review, see tests/testsuite/README.md");
}
