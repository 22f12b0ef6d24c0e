//! `kehoach check`: load and check plans, print diagnostics, exit 1 on errors.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};

use super::{expand_paths, Format};
use crate::diag::{emit_json, emit_terminal, Diagnostic, Lang, Msg};
use crate::source::SourceMap;

/// Copies of a checked Word file that `check` may write.
pub struct Outputs<'a> {
    /// With a Word comment at each finding.
    pub annotate: Option<&'a std::path::Path>,
    /// With the safe fixes made.
    pub fix: Option<&'a std::path::Path>,
    /// Write over an existing copy.
    pub force: bool,
}

impl Outputs<'_> {
    /// The options that write copies, as the user typed them.
    fn options(&self) -> String {
        let given = [(self.annotate.is_some(), "--annotate"), (self.fix.is_some(), "--fix")];
        given.iter().filter(|(on, _)| *on).map(|(_, o)| *o).collect::<Vec<_>>().join(", ")
    }

    /// A copy may be written to `out`: not over the file checked, not over another
    /// file unless `--force` says so.
    fn may_write(&self, out: &std::path::Path, input: &std::path::Path, option: &str) -> anyhow::Result<()> {
        if super::output::refuse_inputs(&[out.to_path_buf()], &[input.to_path_buf()]).is_err() {
            anyhow::bail!(Msg::new("error.copy-is-input").arg("path", out.display()).arg("option", option));
        }
        if out.exists() && !self.force {
            anyhow::bail!(Msg::new("error.copy-exists").arg("path", out.display()).arg("option", option));
        }
        Ok(())
    }
}

pub fn run(
    paths: &[PathBuf],
    root: Option<&std::path::Path>,
    format: Format,
    outputs: &Outputs,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    let paths = expand_paths(paths)?;
    let copies = outputs.annotate.is_some() || outputs.fix.is_some();
    if copies && (paths.len() != 1 || !paths[0].extension().is_some_and(|e| e.eq_ignore_ascii_case("docx"))) {
        anyhow::bail!(Msg::new("error.annotate-one-docx").arg("option", outputs.options()));
    }
    let mut map = SourceMap::new();
    let mut all: Vec<Diagnostic> = Vec::new();
    let mut conform_json: Vec<serde_json::Value> = Vec::new();
    let mut format_errors = false;
    for path in paths {
        let root = root.map_or_else(|| crate::load::default_root(&path), std::path::Path::to_path_buf);
        let (plan, mut diagnostics) = super::document::check_any(&mut map, &path, &root, lang)?;
        // A final plan is checked as `render` will treat it.
        if plan.as_ref().is_some_and(|p| p.document.status == crate::model::Status::Final) {
            crate::diag::for_issued_document(&mut diagnostics);
        }
        all.extend(diagnostics.iter().cloned());
        // A Word file is also checked for thể thức (NĐ 30); its bytes serve the copies too.
        let docx = if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx")) {
            Some(crate::load::read_limited(&path)?)
        } else {
            None
        };
        let findings = docx.as_deref().and_then(crate::conform::check).unwrap_or_default();
        let bytes = docx.unwrap_or_default();
        format_errors |= findings.iter().any(|f| f.severity() == crate::diag::Severity::Error);
        if let Some(out) = outputs.fix {
            outputs.may_write(out, &path, "--fix")?;
            match crate::conform::fix::fix(&bytes, &findings) {
                Ok((copy, changed)) => {
                    super::output::write_atomic(out, &copy)?;
                    let mut stdout = std::io::stdout().lock();
                    for c in &changed {
                        writeln!(stdout, "  {}", c.render(lang))?;
                    }
                    // What is left for a person: the copy checked again.
                    let left = crate::conform::check(&copy).map_or(0, |f| f.len());
                    let key = if left == 0 { "fix.written-clean" } else { "fix.written" };
                    let msg = Msg::new(key).arg("path", out.display()).arg("n", changed.len()).arg("left", left);
                    writeln!(stdout, "{}", msg.render(lang))?;
                }
                Err(crate::conform::fix::Refused::Signed) => {
                    anyhow::bail!(Msg::new("error.fix-signed").arg("path", path.display()))
                }
                Err(crate::conform::fix::Refused::NotDocx) => {
                    anyhow::bail!(Msg::new("import.damaged").arg("path", path.display()).arg("detail", "zip"))
                }
            }
        }
        if let Some(out) = outputs.annotate {
            outputs.may_write(out, &path, "--annotate")?;
            let copy = crate::conform::annotate::annotate(&bytes, &findings, lang).ok_or_else(|| {
                anyhow::anyhow!(Msg::new("import.damaged").arg("path", path.display()).arg("detail", "zip"))
            })?;
            super::output::write_atomic(out, &copy)?;
        }
        if format == Format::Json {
            conform_json.extend(findings.iter().map(|f| finding_json(&path, f, lang)));
        }
        if format == Format::Text {
            let color = if std::io::stdout().is_terminal() { ColorChoice::Auto } else { ColorChoice::Never };
            let mut out = StandardStream::stdout(color);
            emit_terminal(&mut out, &map, &diagnostics, lang)?;
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            let file = path.display().to_string();
            // A Word file's content and its thể thức are reported apart: say which this is.
            let document = crate::import::Format::is_importable(&path);
            let summary = if diagnostics.is_empty() {
                Msg::new(if document { "summary.ok-content" } else { "summary.ok" }).arg("file", file)
            } else {
                Msg::new(if document { "summary.counts-content" } else { "summary.counts" })
                    .arg("file", file)
                    .arg("errors", errors)
                    .arg("warnings", diagnostics.len() - errors)
            };
            writeln!(out, "{}", summary.render(lang))?;
            if !findings.is_empty() {
                print_findings(&mut out, &path, &findings, lang)?;
            }
        }
    }
    if format == Format::Json {
        let mut json = emit_json(&map, &all, lang);
        if let Some(list) = json.as_array_mut() {
            list.extend(conform_json);
        }
        writeln!(std::io::stdout().lock(), "{}", serde_json::to_string_pretty(&json)?)?;
    }
    let failed = all.iter().any(Diagnostic::is_error) || format_errors;
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Prints diagnostics for people (used by commands that stop on a plan that does not load).
pub fn print(map: &SourceMap, diagnostics: &[Diagnostic], lang: Lang) -> anyhow::Result<()> {
    let color = if std::io::stdout().is_terminal() { ColorChoice::Auto } else { ColorChoice::Never };
    emit_terminal(&mut StandardStream::stdout(color), map, diagnostics, lang)?;
    Ok(())
}

/// [`print`] on stderr: the problems of a command's inputs, apart from its
/// result on stdout (`diff --format json` stays JSON).
pub fn eprint(map: &SourceMap, diagnostics: &[Diagnostic], lang: Lang) -> anyhow::Result<()> {
    let color = if std::io::stderr().is_terminal() { ColorChoice::Auto } else { ColorChoice::Never };
    emit_terminal(&mut StandardStream::stderr(color), map, diagnostics, lang)?;
    Ok(())
}

/// A thể thức finding for tools: the rule id as its code.
fn finding_json(path: &std::path::Path, f: &crate::conform::Finding, lang: Lang) -> serde_json::Value {
    let severity = if f.severity() == crate::diag::Severity::Error { "error" } else { "warning" };
    serde_json::json!({
        "code": f.rule,
        "severity": severity,
        "message": f.message(lang),
        "file": path.display().to_string(),
        "paragraph": f.paragraph,
        "quote": f.quote,
    })
}

/// Thể thức findings for people: rule id, paragraph and its text, what is asked and found.
fn print_findings(
    out: &mut impl Write,
    path: &std::path::Path,
    findings: &[crate::conform::Finding],
    lang: Lang,
) -> anyhow::Result<()> {
    writeln!(out, "{}", lang.text("conform.heading"))?;
    for f in findings {
        let severity =
            lang.text(if f.severity() == crate::diag::Severity::Error { "severity.error" } else { "severity.warning" });
        let at = f
            .paragraph
            .map(|n| format!(" ({} «{}»)", Msg::new("conform.at").arg("n", n).render(lang), f.quote))
            .unwrap_or_default();
        writeln!(out, "  {severity}[{}]{at}: {}", f.rule, f.message(lang))?;
    }
    let errors = findings.iter().filter(|f| f.severity() == crate::diag::Severity::Error).count();
    let summary = Msg::new("conform.summary")
        .arg("file", path.display())
        .arg("errors", errors)
        .arg("warnings", findings.len() - errors);
    writeln!(out, "{}", summary.render(lang))?;
    Ok(())
}
