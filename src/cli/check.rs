//! `kehoach check`: load and check plans, print diagnostics, exit 1 on errors.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};

use super::{expand_paths, Format};
use crate::diag::{emit_json, emit_terminal, Diagnostic, Lang, Msg};
use crate::source::SourceMap;

pub fn run(paths: &[PathBuf], root: Option<&std::path::Path>, format: Format, lang: Lang) -> anyhow::Result<ExitCode> {
    let mut map = SourceMap::new();
    let mut all: Vec<Diagnostic> = Vec::new();
    for path in expand_paths(paths)? {
        let root = root.map_or_else(|| crate::load::default_root(&path), std::path::Path::to_path_buf);
        let (plan, mut diagnostics) = super::document::check_any(&mut map, &path, &root, lang)?;
        // A final plan is checked as `render` will treat it.
        if plan.as_ref().is_some_and(|p| p.document.status == crate::model::Status::Final) {
            crate::diag::for_issued_document(&mut diagnostics);
        }
        all.extend(diagnostics.iter().cloned());
        if format == Format::Text {
            let color = if std::io::stdout().is_terminal() { ColorChoice::Auto } else { ColorChoice::Never };
            let mut out = StandardStream::stdout(color);
            emit_terminal(&mut out, &map, &diagnostics, lang)?;
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            let file = path.display().to_string();
            let summary = if diagnostics.is_empty() {
                Msg::new("summary.ok").arg("file", file)
            } else {
                Msg::new("summary.counts")
                    .arg("file", file)
                    .arg("errors", errors)
                    .arg("warnings", diagnostics.len() - errors)
            };
            writeln!(out, "{}", summary.render(lang))?;
        }
    }
    if format == Format::Json {
        writeln!(std::io::stdout().lock(), "{}", serde_json::to_string_pretty(&emit_json(&map, &all, lang))?)?;
    }
    Ok(if all.iter().any(Diagnostic::is_error) { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Prints diagnostics for people (used by commands that stop on a plan that does not load).
pub fn print(map: &SourceMap, diagnostics: &[Diagnostic], lang: Lang) -> anyhow::Result<()> {
    let color = if std::io::stdout().is_terminal() { ColorChoice::Auto } else { ColorChoice::Never };
    emit_terminal(&mut StandardStream::stdout(color), map, diagnostics, lang)?;
    Ok(())
}
