//! `kehoach import FILE`: a Word, PDF or text plan → a plan file, with a report of
//! what was recognised and what a person should look at.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;

use super::output::{write_atomic, write_new_atomic};
use crate::diag::{Lang, Msg};
use crate::import::NoteKind;

#[derive(Clone)]
pub struct Options {
    pub output: Option<PathBuf>,
    pub force: bool,
    /// The parent plan: write a child plan that holds only what differs.
    pub extends: Option<PathBuf>,
    pub root: Option<PathBuf>,
    pub lang: Lang,
    /// Print each diagnostic (one document), or only their count (several).
    pub diagnostics: bool,
}

/// `to` written relative to the folder of `from` ("../tinh/ke-hoach.toml").
fn relative(to: &Path, from_dir: &Path) -> PathBuf {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (to, from) = (abs(to), abs(from_dir));
    let common = to.components().zip(from.components()).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in from.components().skip(common) {
        out.push("..");
    }
    for c in to.components().skip(common) {
        out.push(c);
    }
    out
}

/// An output named as a folder: one that exists, or a name ending in a separator.
fn is_folder(path: &Path) -> bool {
    path.is_dir() || path.as_os_str().to_string_lossy().ends_with(std::path::is_separator)
}

/// Imports every file named; several run in parallel, each reported in turn.
pub fn run(files: &[PathBuf], opts: &Options) -> Result<ExitCode> {
    use rayon::prelude::*;
    let parent = match &opts.extends {
        None => None,
        Some(parent_path) => {
            let mut map = crate::source::SourceMap::new();
            let root = opts.root.clone().unwrap_or_else(|| crate::load::default_root(parent_path));
            match crate::load::load_plan(&mut map, parent_path, &root)? {
                Ok(p) => Some((parent_path.as_path(), p.plan)),
                Err(diagnostics) => {
                    super::check::print(&map, &diagnostics, opts.lang)?;
                    return Ok(ExitCode::from(1));
                }
            }
        }
    };
    let several = files.len() > 1;
    let opts = &Options { diagnostics: !several, ..opts.clone() };
    // Two documents of one name ("kh2.docx", "kh2.pdf") are written side by side
    // under names of their own ("kh2-docx.toml", "kh2-pdf.toml"), never one over the other.
    let mut names: std::collections::HashMap<PathBuf, usize> = Default::default();
    for f in files {
        let name = f.with_extension("toml");
        *names
            .entry(if opts.output.is_some() { name.file_name().unwrap_or_default().into() } else { name })
            .or_default() += 1;
    }
    let out_of = |path: &Path| -> PathBuf {
        let mut name = path.with_extension("toml");
        let key: PathBuf =
            if opts.output.is_some() { name.file_name().unwrap_or_default().into() } else { name.clone() };
        if several && names.get(&key).is_some_and(|n| *n > 1) {
            let stem = path.file_stem().unwrap_or_default().to_string_lossy();
            let ext = path.extension().unwrap_or_default().to_string_lossy();
            name = path.with_file_name(format!("{stem}-{ext}.toml"));
        }
        match (&opts.output, several) {
            (Some(dir), true) => dir.join(name.file_name().unwrap_or_default()),
            // `-o thư-mục` (one that exists, or written with its "/"): the plan goes in it.
            (Some(dir), false) if is_folder(dir) => dir.join(name.file_name().unwrap_or_default()),
            (Some(file), false) => file.clone(),
            (None, _) => name,
        }
    };
    let one = |path: &PathBuf| -> Result<(String, bool)> {
        super::guard(|| import_one(path, &out_of(path), parent.as_ref().map(|(p, plan)| (*p, plan)), opts))
    };
    let reports: Vec<Result<(String, bool)>> =
        if several { files.par_iter().map(one).collect() } else { files.iter().map(one).collect() };
    let (mut failed, mut with_errors) = (false, false);
    let mut out = std::io::stdout().lock();
    for (path, report) in files.iter().zip(reports) {
        match report {
            Ok((text, errors)) => {
                with_errors |= errors;
                out.write_all(text.as_bytes())?;
            }
            Err(e) => {
                failed = true;
                out.flush()?;
                eprintln!("{}: {}", path.display(), e);
                for cause in e.chain().skip(1) {
                    eprintln!("  → {}", super::cause_text(cause, opts.lang));
                }
            }
        }
    }
    // As `check`: 1 when a plan read has errors (it is written all the same).
    Ok(match (failed, with_errors) {
        (true, _) => ExitCode::from(2),
        (false, true) => ExitCode::from(1),
        (false, false) => ExitCode::SUCCESS,
    })
}

/// Imports one document to `out_path`; returns the report to print, and whether
/// the plan read has errors.
fn import_one(
    path: &Path,
    out_path: &Path,
    parent: Option<(&Path, &crate::model::Plan)>,
    opts: &Options,
) -> Result<(String, bool)> {
    let imported = super::document::import_file(path, opts.lang)?;
    super::output::refuse_inputs(&[out_path.to_path_buf()], &[path.to_path_buf()])?;
    let text = match parent {
        None => imported.toml.clone(),
        Some((parent_path, plan)) => {
            let dir = out_path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            let extends = relative(parent_path, dir).to_string_lossy().replace('\\', "/");
            let header =
                Msg::new("import.child-header").arg("file", path.display()).arg("parent", &extends).render(opts.lang);
            let body = crate::district::adopt::adopt(&imported.toml, plan, &extends)?;
            format!("# {header}\n\n{body}")
        }
    };
    if opts.force {
        write_atomic(out_path, text.as_bytes())?;
    } else {
        write_new_atomic(out_path, text.as_bytes())?;
    }
    let lang = opts.lang;
    let d = &imported.draft;
    let mut out = String::new();
    let indicators: usize = d.objectives.iter().map(|o| o.indicators.len()).sum();
    let with_target = d
        .objectives
        .iter()
        .flat_map(|o| &o.indicators)
        .filter(|i| i.reading.value.is_some() || !i.reading.milestones.is_empty())
        .count();
    let with_lead = d.objectives.iter().flat_map(|o| &o.indicators).filter(|i| !i.lead.is_empty()).count();
    let summary = Msg::new("import.summary")
        .arg("file", path.display())
        .arg("paragraphs", imported.paragraphs.len())
        .arg("parts", d.sections.len())
        .arg("indicators", indicators)
        .arg("targets", with_target)
        .arg("leads", with_lead)
        .arg("agencies", d.agencies.len())
        .arg("duties", d.duties.len())
        .arg("recipients", d.recipients.len() + d.archive.len());
    out.push_str(&summary.render(lang));
    out.push('\n');
    for kind in [NoteKind::Defect, NoteKind::KeptAsText, NoteKind::Missing, NoteKind::Skipped] {
        for n in imported.notes().iter().filter(|n| n.kind == kind) {
            let where_ = n
                .paragraph
                .map(|p| {
                    let para = &imported.paragraphs[p];
                    let place = match (para.line, para.page) {
                        (Some(l), _) => format!(" ({} {l})", lang.text("import.line")),
                        (_, Some(pg)) => format!(" ({} {pg})", lang.text("import.page")),
                        _ => String::new(),
                    };
                    let quote: String = para.text.chars().take(70).collect();
                    format!("{place} «{quote}»")
                })
                .unwrap_or_default();
            out.push_str(&format!("  {}: {}{where_}\n", lang.text(kind_key(kind)), n.message(lang)));
        }
    }
    out.push_str(&Msg::new("import.written").arg("path", out_path.display()).render(lang));
    out.push('\n');
    // The plan's own checks, on what was read: the source's defects (two dates for
    // one cited document, a lead missing, …), pointing at its paragraphs.
    let mut map = crate::source::SourceMap::new();
    let root = crate::load::default_root(path);
    // Where the file written holds the TOML checked, diagnostics without a paragraph point into it.
    let written = (text == imported.toml).then_some(out_path);
    let (plan, mut diagnostics) = super::document::check_imported(&mut map, path, &imported, &root, written)?;
    if plan.as_ref().is_some_and(|p| p.document.status == crate::model::Status::Final) {
        crate::diag::for_issued_document(&mut diagnostics);
    }
    if !diagnostics.is_empty() {
        let mut buffer = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
        if opts.diagnostics {
            crate::diag::emit_terminal(&mut buffer, &map, &diagnostics, lang)?;
        }
        out.push_str(&String::from_utf8_lossy(&buffer.into_inner()));
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        let summary = Msg::new("summary.counts")
            .arg("file", path.display())
            .arg("errors", errors)
            .arg("warnings", diagnostics.len() - errors);
        out.push_str(&summary.render(lang));
        out.push('\n');
    }
    let errors = plan.is_none() || diagnostics.iter().any(|d| d.is_error());
    Ok((out, errors))
}

fn kind_key(kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::Defect => "import.kind.defect",
        NoteKind::KeptAsText => "import.kind.text",
        NoteKind::Missing => "import.kind.missing",
        NoteKind::Skipped => "import.kind.skipped",
        NoteKind::Recognised => "import.kind.recognised",
    }
}
