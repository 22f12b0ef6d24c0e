//! `kehoach schema`: the JSON Schema of the plan format, for editors, or of
//! `kehoach diff --format json`, for tools that read the change list.

use std::process::ExitCode;

use crate::diag::Lang;

/// The plan schema as pretty JSON, its descriptions in `lang`;
/// `schema/plan.schema.json` is the Vietnamese, kept in sync by a test.
pub fn schema_json(lang: Lang) -> String {
    crate::model::schema_text(&|path| lang.schema_description(path))
}

/// The change-list schema; `schema/diff.schema.json` is this output.
pub fn diff_schema_json() -> String {
    serde_json::to_string_pretty(&crate::diff::json_schema()).unwrap_or_default() + "\n"
}

/// Prints the plan schema in `lang`, or the change list's schema (English: it is
/// for tools that read the list).
pub fn run(diff: bool, lang: Lang) -> anyhow::Result<ExitCode> {
    let text = if diff { diff_schema_json() } else { schema_json(lang) };
    std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
