//! `kehoach diff OLD NEW`: what changed in meaning, as a list, a comparison table or a redline.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use codespan_reporting::term::termcolor::{Color, ColorChoice, ColorSpec, StandardStream, WriteColor};

use super::output::write_atomic;
use crate::diag::{Diagnostic, Lang, Msg};
use crate::diff::{compare, redline::redline, table::comparison, Change, ChangeRecord, NotComparable, Policy};
use crate::document::{Mark, Revision};
use crate::export::{docx::DocxExporter, exporter, Exporter, Format};
use crate::model::ResolvedPlan;
use crate::source::SourceMap;
use crate::templates::Templates;

pub struct Options {
    pub to: Vec<Format>,
    pub out_dir: PathBuf,
    pub redline: bool,
    pub author: String,
    pub date: Option<String>,
    pub resolved: bool,
    pub tones: bool,
    pub json: bool,
    pub root: Option<PathBuf>,
    pub lang: Lang,
}

/// A plan and, if it cannot be compared as it is, what is wrong with it.
fn load(map: &mut SourceMap, path: &Path, opts: &Options) -> Result<(Option<ResolvedPlan>, Vec<Diagnostic>)> {
    let root = opts.root.clone().unwrap_or_else(|| crate::load::default_root(path));
    let (plan, diagnostics) = super::document::check_any(map, path, &root, opts.lang)?;
    let shown = plan.is_none() || diagnostics.iter().any(Diagnostic::is_error);
    Ok((plan, if shown { diagnostics } else { Vec::new() }))
}

/// A plan file compared with a document (DOCX, PDF, text) is compared as printed:
/// rendered in memory to the document's format (DOCX for text) and read back by
/// the same import, so that the plan's own ids and the ids an import makes up,
/// or agency abbreviations the printed text spells out, never count as changes.
fn as_printed(
    map: &mut SourceMap,
    plan: &ResolvedPlan,
    path: &Path,
    like: &Path,
    opts: &Options,
) -> Result<ResolvedPlan> {
    let templates = Templates::layered(&super::render::layers(plan, map, None))?;
    let draft = plan.document.status == crate::model::Status::Draft;
    let doc = crate::compose::compose(plan, &templates, draft)?;
    let pdf = like.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    let format = if pdf { Format::Pdf } else { Format::Docx };
    let r = exporter(format, &crate::export::Settings::default());
    let printed = path.with_extension(r.extension());
    let imported = crate::import::import(&printed, &r.export(&doc)?, opts.lang)
        .map_err(|e| anyhow::anyhow!(e.message(&printed)))?;
    let root = opts.root.clone().unwrap_or_else(|| crate::load::default_root(path));
    let (read, _) = super::document::check_imported(map, &printed, &imported, &root, None)?;
    read.ok_or_else(|| anyhow::anyhow!(Msg::new("diff.as-printed-failed").arg("file", path.display())))
}

pub fn run(old_path: &Path, new_path: &Path, opts: &Options) -> Result<ExitCode> {
    // A mistyped date is said before any work, not after the change list.
    let given_date = match &opts.date {
        None => None,
        Some(d) => match chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d") {
            Ok(day) => Some(day),
            Err(_) => anyhow::bail!(Msg::new("error.date-arg").arg("value", d)),
        },
    };
    let mut map = SourceMap::new();
    let (old, mut problems) = load(&mut map, old_path, opts)?;
    let (new, more) = load(&mut map, new_path, opts)?;
    // Two versions of a child plan share its parent, read once for each: its
    // problems are said once, known by file and place rather than by span.
    let place = |d: &Diagnostic| {
        let at: Vec<_> = d
            .labels
            .iter()
            .filter_map(|l| map.lookup(l.span).map(|id| (map.file(id).path.clone(), l.span.start - map.file(id).base)))
            .collect();
        (d.code, d.message.clone(), at)
    };
    let mut seen: Vec<_> = problems.iter().map(place).collect();
    for d in more {
        let key = place(&d);
        // One that points nowhere may be another file's: said again.
        if key.2.is_empty() || !seen.contains(&key) {
            seen.push(key);
            problems.push(d);
        }
    }
    if !problems.is_empty() {
        super::check::eprint(&map, &problems, opts.lang)?;
    }
    let (Some(mut old), Some(mut new)) = (old, new) else {
        return Ok(ExitCode::from(1));
    };
    let document = crate::import::Format::is_importable;
    match (document(old_path), document(new_path)) {
        (false, true) => {
            old = as_printed(&mut map, &old, old_path, new_path, opts)?;
            eprintln!("{}", Msg::new("diff.as-printed").arg("file", old_path.display()).render(opts.lang));
        }
        (true, false) => {
            new = as_printed(&mut map, &new, new_path, old_path, opts)?;
            eprintln!("{}", Msg::new("diff.as-printed").arg("file", new_path.display()).render(opts.lang));
        }
        _ => {}
    }
    // Both read from documents: ids made up from numbers pair by text instead.
    if document(old_path) || document(new_path) {
        crate::diff::rekey::match_made_up_ids(&old, &mut new.plan);
    }
    // Two versions of one child plan are compared as merged, as --resolved would:
    // only a parent against its child (or one child against a plan) needs saying so.
    let both_children = old.parent.is_some() && new.parent.is_some();
    if both_children && !opts.resolved {
        eprintln!("{}", Msg::new("diff.both-extend").render(opts.lang));
    }
    if !opts.resolved && !both_children {
        for (plan, path) in [(&old, old_path), (&new, new_path)] {
            if plan.parent.is_some() {
                eprintln!("{}", Msg::new("diff.extends").arg("file", path.display()).render(opts.lang));
                return Ok(ExitCode::from(1));
            }
        }
    }
    let templates = Templates::builtin()?;
    // One policy for the list, the table and the redline.
    let policy = Policy::for_plans(opts.tones, &[&old, &new]);
    let mut changes = match compare(&old, &new, &policy, &templates) {
        Ok(c) => c,
        Err(e) => {
            let msg = match e {
                NotComparable::Kinds(a, b) => Msg::new("diff.not-comparable").arg("old", a).arg("new", b),
                NotComparable::DuplicateId(id) => Msg::new("diff.duplicate-id").arg("id", id),
            };
            eprintln!("{}: {}", opts.lang.text("severity.error"), msg.render(opts.lang));
            return Ok(ExitCode::from(1));
        }
    };
    crate::diff::explain_removals(&mut changes, &new);
    if opts.json {
        let rows: Vec<ChangeRecord> = changes.iter().map(|c| ChangeRecord::new(c, opts.lang)).collect();
        writeln!(std::io::stdout().lock(), "{}", serde_json::to_string_pretty(&rows)?)?;
    } else {
        print_changes(&changes, opts.lang)?;
    }

    let stem = new_path.file_stem().map_or_else(|| "ke-hoach".into(), |s| s.to_string_lossy().into_owned());
    if !opts.to.is_empty() {
        let doc = comparison(&changes, &new, &old, &templates)?;
        for t in &opts.to {
            let r = exporter(*t, &crate::export::Settings::default());
            let out = opts.out_dir.join(format!("{stem}-so-sanh.{}", r.extension()));
            write_atomic(&out, &r.export(&doc)?)?;
            writeln!(std::io::stdout().lock(), "{}", Msg::new("written").arg("path", out.display()).render(opts.lang))?;
        }
    }
    if opts.redline {
        let old_doc = crate::compose::compose(&old, &templates, false)?;
        let new_doc = crate::compose::compose(&new, &templates, false)?;
        // The date given, else the new version's, else none: never an invented one.
        let day = given_date.or_else(|| new.issue_date());
        let date = day.map(|d| format!("{}T00:00:00Z", d.format("%Y-%m-%d")));
        let doc =
            redline(&old_doc, &new_doc, Revision { author: crate::document::printable(&opts.author), date }, &policy);
        let out = opts.out_dir.join(format!("{stem}-redline.docx"));
        write_atomic(&out, &DocxExporter::default().export(&doc)?)?;
        writeln!(std::io::stdout().lock(), "{}", Msg::new("written").arg("path", out.display()).render(opts.lang))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn print_changes(changes: &[Change], lang: Lang) -> Result<()> {
    let color = std::io::stdout().is_terminal();
    let mut out = StandardStream::stdout(if color { ColorChoice::Auto } else { ColorChoice::Never });
    if changes.is_empty() {
        writeln!(out, "{}", Msg::new("diff.none").render(lang))?;
        return Ok(());
    }
    let spec = |c: Color| {
        let mut s = ColorSpec::new();
        s.set_fg(Some(c));
        s
    };
    for (i, c) in changes.iter().enumerate() {
        out.set_color(ColorSpec::new().set_bold(true))?;
        write!(out, "{}. {}", i + 1, c.provision.render(lang))?;
        out.reset()?;
        writeln!(out, ": {}", c.kind.describe(lang))?;
        if !c.words.is_empty() {
            write!(out, "   ")?;
            for s in &c.words {
                match s.mark {
                    None => write!(out, "{}", s.text)?,
                    Some(Mark::Removed) => {
                        out.set_color(&spec(Color::Red))?;
                        if color {
                            write!(out, "{}", s.text)?
                        } else {
                            write!(out, "[-{}-]", s.text)?
                        }
                        out.reset()?;
                    }
                    Some(Mark::Added) => {
                        out.set_color(&spec(Color::Green))?;
                        if color {
                            write!(out, "{}", s.text)?
                        } else {
                            write!(out, "{{+{}+}}", s.text)?
                        }
                        out.reset()?;
                    }
                }
            }
            writeln!(out)?;
        } else {
            if let Some(o) = &c.old {
                out.set_color(&spec(Color::Red))?;
                writeln!(out, "   - {o}")?;
                out.reset()?;
            }
            if let Some(n) = &c.new {
                out.set_color(&spec(Color::Green))?;
                writeln!(out, "   + {n}")?;
                out.reset()?;
            }
        }
        if let Some(note) = &c.note {
            writeln!(out, "   ({note})")?;
        }
    }
    writeln!(out, "\n{}", Msg::new("diff.count").arg("count", changes.len()).render(lang))?;
    Ok(())
}
