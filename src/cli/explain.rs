//! `kehoach explain PLAN KEY`: the effective value and the chain of files that set it.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::diag::{Lang, Msg};
use crate::district::explain::{effective, removed, setters, written_above};
use crate::source::{SourceMap, Span};

pub fn run(path: &Path, key: &str, root: &Path, lang: Lang) -> anyhow::Result<ExitCode> {
    let mut map = SourceMap::new();
    let (plan, diagnostics) = crate::check_file_in(&mut map, path, root)?;
    let Some(plan) = plan else {
        super::check::print(&map, &diagnostics, lang)?;
        return Ok(ExitCode::from(1));
    };
    let spans = setters(&plan, &map, key);
    let mut out = std::io::stdout().lock();
    let at = |span: Span| {
        let (file, line, col) = map.location(span).unwrap_or_default();
        format!("{file}:{line}:{col}")
    };
    // An inherited entry this plan dropped: what the parents wrote is not in use.
    if let Some(removal) = removed(&plan, key) {
        writeln!(out, "{}", Msg::new("explain.removed").arg("key", key).arg("at", at(removal)).render(lang))?;
        for span in spans.iter().filter(|s| map.lookup(**s) != Some(plan.file)) {
            let role = lang.text("explain.not-used");
            writeln!(out, "  {}  {}  [{role}]", at(*span), map.snippet(*span).unwrap_or("?"))?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let Some(first) = spans.first() else {
        let above = written_above(&plan, &map, key);
        let msg = match above.first() {
            Some(span) => Msg::new("explain.not-inherited").arg("key", key).arg("at", at(*span)),
            None => Msg::new("explain.unset").arg("key", key),
        };
        writeln!(out, "{}", msg.render(lang))?;
        return Ok(ExitCode::from(1));
    };
    // A table in force, `extends` applied; a single value as its file wrote it.
    let value = effective(&plan, key).unwrap_or_else(|| map.snippet(*first).unwrap_or("?").to_string());
    writeln!(out, "{key} = {value}")?;
    for (i, span) in spans.iter().enumerate() {
        let (file, line, col) = map.location(*span).unwrap_or_default();
        let role = lang.text(if i == 0 { "explain.effective" } else { "explain.overridden" });
        writeln!(out, "  {file}:{line}:{col}  {}  [{role}]", map.snippet(*span).unwrap_or("?"))?;
    }
    Ok(ExitCode::SUCCESS)
}
