//! Shared helpers for the CLI tests: run the real binary, in a temp folder when needed.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn kehoach(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kehoach")).args(args).current_dir(root()).output().expect("run kehoach")
}

pub fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Writes `text` as a plan in a fresh temp folder and returns (folder, file).
pub fn plan_file(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// `kehoach check --format json` on a text: (exit code, diagnostics).
pub fn check_text(text: &str) -> (i32, Vec<serde_json::Value>) {
    let (_dir, path) = plan_file("plan.toml", text);
    check_path(&path)
}

pub fn check_path(path: &Path) -> (i32, Vec<serde_json::Value>) {
    let out = kehoach(&["check", "--format", "json", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("bad JSON ({e}): {}{}", String::from_utf8_lossy(&out.stdout), stderr));
    (out.status.code().unwrap_or(-1), json.as_array().cloned().unwrap_or_default())
}

/// The (code, line) pairs of diagnostics.
pub fn codes(diags: &[serde_json::Value]) -> Vec<(String, u64)> {
    diags
        .iter()
        .map(|d| (d["code"].as_str().unwrap_or("").to_string(), d["line"].as_u64().unwrap_or(0)))
        .collect()
}

/// 1-based line of the first occurrence of `needle` in `text`.
pub fn line_of(text: &str, needle: &str) -> u64 {
    let i = text.find(needle).unwrap_or_else(|| panic!("`{needle}` not in text"));
    text[..i].matches('\n').count() as u64 + 1
}

/// Replaces exactly one occurrence, so an edit cannot silently miss.
pub fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "`{from}` must occur once");
    text.replacen(from, to, 1)
}

pub fn minimal() -> String {
    read("tests/fixtures/minimal.toml")
}
