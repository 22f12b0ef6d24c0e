//! `kehoach trace CHILD`: for every indicator, the parent value, the child value and where each was set.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::Format;
use crate::diag::Lang;
use crate::district::trace::{rows, Provenance};
use crate::source::SourceMap;

pub fn run(path: &Path, root: &Path, format: Format, lang: Lang) -> anyhow::Result<ExitCode> {
    let mut map = SourceMap::new();
    let (plan, diagnostics) = crate::check_file_in(&mut map, path, root)?;
    let Some(plan) = plan else {
        super::check::print(&map, &diagnostics, lang)?;
        return Ok(ExitCode::from(1));
    };
    // Nothing to trace: every indicator would read as "added".
    if plan.parent.is_none() {
        eprintln!("{}: {}", lang.text("severity.error"), lang.text("trace.no-parent"));
        return Ok(ExitCode::from(2));
    }
    let rows = rows(&plan, &map);
    let mut out = std::io::stdout().lock();
    if format == Format::Json {
        writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let t = |key| lang.text(key);
    if let Some(p) = plan.parent.as_ref().map(|p| map.file(p.file).path.display().to_string()) {
        writeln!(out, "{}: {p}\n", t("trace.parent-plan"))?;
    }
    let origin = |o: Provenance| match o {
        Provenance::Inherited => t("trace.inherited"),
        Provenance::Overridden => t("trace.overridden"),
        Provenance::Added => t("trace.added"),
        Provenance::Removed => t("trace.removed"),
    };
    for r in rows {
        let number = r.number.map_or("–".to_string(), |n| n.to_string());
        writeln!(out, "{} {number}  {}  [{}]", t("trace.indicator"), r.id, origin(r.origin))?;
        let side = |label: &str, value: &Option<String>, at: &Option<String>| {
            let at = at.as_ref().map(|a| format!("   ({a})")).unwrap_or_default();
            format!("    {label}: {}{at}", value.as_deref().unwrap_or("—"))
        };
        writeln!(out, "{}", side(t("trace.parent"), &r.parent_value, &r.parent_at))?;
        writeln!(out, "{}", side(t("trace.this-plan"), &r.value, &r.at))?;
        if let Some(note) = r.note {
            writeln!(out, "    {}: {note}", t("trace.note"))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
