//! `kehoach schema`: the JSON Schema of the plan format, for editors, or of
//! `kehoach diff --format json`, for tools that read the change list.

use std::process::ExitCode;

/// The plan schema as pretty JSON; `schema/plan.schema.json` is this output, kept in sync by a test.
pub fn schema_json() -> String {
    serde_json::to_string_pretty(&crate::model::schema()).unwrap_or_default() + "\n"
}

/// The change-list schema; `schema/diff.schema.json` is this output.
pub fn diff_schema_json() -> String {
    serde_json::to_string_pretty(&crate::diff::json_schema()).unwrap_or_default() + "\n"
}

pub fn run(diff: bool) -> anyhow::Result<ExitCode> {
    let text = if diff { diff_schema_json() } else { schema_json() };
    std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
