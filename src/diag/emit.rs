//! Printing diagnostics: rustc-style for people, JSON for tools.

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::WriteColor};
use serde_json::{json, Value};

use super::{Diagnostic, Lang, Severity};
use crate::source::SourceMap;

/// Writes diagnostics with the offending TOML line and a caret under the value.
pub fn emit_terminal(
    out: &mut dyn WriteColor,
    map: &SourceMap,
    diagnostics: &[Diagnostic],
    lang: Lang,
) -> std::io::Result<()> {
    let mut files = SimpleFiles::new();
    for f in map.files() {
        files.add(f.path.display().to_string(), f.text.as_str());
    }
    let config = term::Config::default();
    for d in diagnostics {
        let severity = match d.severity {
            Severity::Error => cs::Severity::Error,
            Severity::Warning => cs::Severity::Warning,
        };
        let labels = d
            .labels
            .iter()
            .filter_map(|l| {
                let id = map.lookup(l.span)?;
                let base = map.file(id).base;
                let range = l.span.start - base..l.span.end - base;
                let label = if l.primary { cs::Label::primary(id, range) } else { cs::Label::secondary(id, range) };
                Some(label.with_message(l.message.render(lang)))
            })
            .collect();
        let diagnostic = cs::Diagnostic::new(severity)
            .with_code(d.code.name())
            .with_message(d.message.render(lang))
            .with_labels(labels)
            .with_notes(d.notes.iter().map(|n| n.render(lang)).collect());
        match term::emit(out, &config, &files, &diagnostic) {
            Ok(()) => {}
            Err(codespan_reporting::files::Error::Io(e)) => return Err(e),
            Err(e) => return Err(std::io::Error::other(e.to_string())),
        }
    }
    out.flush()
}

/// One JSON object per diagnostic, with file, line and column of each label.
pub fn emit_json(map: &SourceMap, diagnostics: &[Diagnostic], lang: Lang) -> Value {
    let label = |l: &super::Label| {
        let loc = map.location(l.span);
        let end = map.lookup(l.span).map(|id| map.file(id).line_col(l.span.end));
        json!({
            "file": loc.as_ref().map(|l| &l.0),
            "line": loc.as_ref().map(|l| l.1),
            "column": loc.as_ref().map(|l| l.2),
            "end_line": end.map(|e| e.0),
            "end_column": end.map(|e| e.1),
            "primary": l.primary,
            "message": l.message.render(lang),
        })
    };
    Value::Array(
        diagnostics
            .iter()
            .map(|d| {
                let primary = d.labels.iter().find(|l| l.primary).map(label);
                json!({
                    "code": d.code,
                    "severity": d.severity,
                    "message": d.message.render(lang),
                    "file": primary.as_ref().and_then(|p| p.get("file").cloned()),
                    "line": primary.as_ref().and_then(|p| p.get("line").cloned()),
                    "column": primary.as_ref().and_then(|p| p.get("column").cloned()),
                    "labels": d.labels.iter().map(label).collect::<Vec<_>>(),
                    "notes": d.notes.iter().map(|n| n.render(lang)).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}
