//! `kehoach schema`: the JSON Schema of the plan format, for editors.

use std::process::ExitCode;

/// The schema as pretty JSON; `schema/plan.schema.json` is this output, kept in sync by a test.
pub fn schema_json() -> String {
    serde_json::to_string_pretty(&crate::model::schema()).unwrap_or_default() + "\n"
}

pub fn run() -> anyhow::Result<ExitCode> {
    std::io::Write::write_all(&mut std::io::stdout().lock(), schema_json().as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
