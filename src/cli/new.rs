//! `kehoach new`: a commented starter plan, never over an existing file.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

/// The starter plan; it passes `kehoach check` (a test makes sure).
pub const STARTER: &str = include_str!("../../templates/starter.toml");

pub fn run(path: &Path) -> anyhow::Result<ExitCode> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("không tạo được `{}` (tệp đã có thì không ghi đè)", path.display()))?;
    file.write_all(STARTER.as_bytes()).with_context(|| format!("không ghi được `{}`", path.display()))?;
    // The schema beside the plan gives completion in editors (the plan's first line names it).
    let schema = path.with_file_name("plan.schema.json");
    if !schema.exists() {
        std::fs::write(&schema, super::schema::schema_json())
            .with_context(|| format!("không ghi được `{}`", schema.display()))?;
    }
    writeln!(std::io::stdout().lock(), "Đã tạo {} — sửa nội dung rồi chạy: kehoach check {}", path.display(), path.display())?;
    Ok(ExitCode::SUCCESS)
}
