//! `kehoach render`: check, build and write each plan as DOCX and/or PDF, in parallel.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use codespan_reporting::term::termcolor::{Buffer, ColorChoice, StandardStream, WriteColor};

use super::expand_paths;
use super::output::{refuse_inputs, write_atomic};
use crate::diag::{emit_terminal, Diagnostic, Lang, Msg};
use crate::export::{exporter, Exporter, Format, Settings};
use crate::source::SourceMap;
use crate::templates::{Origin, Templates};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub struct Options {
    pub to: Vec<Format>,
    pub out_dir: PathBuf,
    pub draft: bool,
    pub templates: Option<PathBuf>,
    pub explain_templates: bool,
    pub root: Option<PathBuf>,
    pub lang: Lang,
    pub settings: Settings,
}

/// Template sets by layer list: parsed once, shared by the plans that use the same layers.
#[derive(Default)]
struct TemplateCache {
    sets: Mutex<HashMap<Vec<PathBuf>, Arc<Templates>>>,
}

impl TemplateCache {
    fn get(&self, layers: Vec<PathBuf>) -> Result<Arc<Templates>> {
        if let Some(t) = self.sets.lock().map_err(|_| anyhow::anyhow!(Msg::new("error.thread")))?.get(&layers) {
            return Ok(t.clone());
        }
        let templates = Arc::new(Templates::layered(&layers)?);
        self.sets.lock().map_err(|_| anyhow::anyhow!(Msg::new("error.thread")))?.insert(layers, templates.clone());
        Ok(templates)
    }
}

/// Template layers of a plan: each plan's own `templates/` folder from the top
/// ancestor down to the plan itself, then `--templates`; the last wins.
pub(super) fn layers(plan: &crate::model::ResolvedPlan, map: &SourceMap, extra: Option<&PathBuf>) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = plan
        .chain()
        .into_iter()
        .rev()
        .filter_map(|file| map.file(file).path.parent().map(|d| d.join("templates")))
        // A plan's own templates/ is a folder inside its folder, not a link elsewhere.
        .filter(|d| d.is_dir() && !d.is_symlink())
        .collect();
    out.dedup();
    out.extend(extra.cloned());
    out
}

/// The backends' settings from the command line: the reference template is read once.
pub fn settings(
    reference_docx: Option<&Path>,
    pdf_archival: bool,
    fonts: Option<&Path>,
    lang: crate::diag::Lang,
) -> Result<Settings> {
    let reference = match reference_docx {
        Some(path) => {
            let mut reference = crate::export::docx::Reference::read(path)?;
            let dropped = reference.keep_decree_font();
            if !dropped.is_empty() {
                let msg =
                    Msg::new("reference.font-dropped").arg("path", path.display()).arg("fonts", dropped.join(", "));
                eprintln!("{}: {}", lang.text("severity.warning"), msg.render(lang));
            }
            Some(Arc::new(reference))
        }
        None => None,
    };
    let fonts = match fonts {
        Some(dir) => {
            let store = crate::export::pdf::FontStore::with_folder(dir)?;
            if !store.filled.is_empty() {
                let styles: Vec<&str> = store.filled.iter().map(|k| lang.text(k)).collect();
                let msg = Msg::new("fonts.filled").arg("path", dir.display()).arg("styles", styles.join(", "));
                eprintln!("{}: {}", lang.text("severity.warning"), msg.render(lang));
            }
            Some(Arc::new(store))
        }
        None => None,
    };
    Ok(Settings { pdf_archival, reference, fonts })
}

/// What happened to one plan.
struct Outcome {
    report: Vec<u8>,
    written: Vec<PathBuf>,
    blocked: bool,
    /// An output that could not be made, after the others were written: both are said.
    failed: Option<anyhow::Error>,
}

/// typst's layout recurses deeply: threads that render get a main-thread-sized stack.
const RENDER_STACK: usize = 16 << 20;

pub fn run(plans: &[PathBuf], opts: &Options) -> Result<ExitCode> {
    let templates = TemplateCache::default();
    // `--to pdf,pdf` is one PDF.
    let mut to: Vec<Format> = Vec::new();
    for t in &opts.to {
        if !to.contains(t) {
            to.push(*t);
        }
    }
    let renderers: Vec<Box<dyn Exporter>> = to.iter().map(|t| exporter(*t, &opts.settings)).collect();
    let paths = expand_paths(plans)?;
    // Two plans writing one output file would race: refuse before starting.
    let mut stems = std::collections::HashSet::new();
    for p in &paths {
        let stem = p.file_stem().map(|s| s.to_os_string()).unwrap_or_default();
        if !stems.insert(stem) {
            anyhow::bail!(Msg::new("error.same-stem").arg("path", p.display()));
        }
    }
    let color = std::io::stdout().is_terminal();
    // A failure in one plan, even a panic in a backend, is that plan's: the
    // others are still rendered and every failure is reported.
    let one = |p: &PathBuf, side_by_side: bool| {
        super::guard(|| render_one(p, &templates, &renderers, opts, color, side_by_side))
            .with_context(|| Msg::new("error.plan").arg("path", p.display()))
    };
    // typst lays pages out and krilla writes PDF objects on rayon's global pool:
    // give its threads the stack typst's recursion needs. Building the pool starts
    // its threads, which a DOCX-only run never uses: only a PDF run pays for it.
    if opts.to.contains(&Format::Pdf) {
        let _ = rayon::ThreadPoolBuilder::new().stack_size(RENDER_STACK).build_global();
    }
    let outcomes: Vec<Result<Outcome>> = if paths.len() == 1 {
        // One plan: its outputs are written side by side instead.
        paths.iter().map(|p| one(p, true)).collect()
    } else {
        batch(&paths, &one)?
    };

    let mut stdout = StandardStream::stdout(if color { ColorChoice::Auto } else { ColorChoice::Never });
    let mut failed = false;
    let mut errors = 0;
    for outcome in outcomes {
        match outcome {
            Ok(o) => {
                stdout.write_all(&o.report)?;
                for path in &o.written {
                    writeln!(stdout, "{}", Msg::new("written").arg("path", path.display()).render(opts.lang))?;
                }
                failed |= o.blocked;
                if let Some(e) = o.failed {
                    errors += 1;
                    super::report_error(&e, opts.lang);
                }
            }
            Err(e) => {
                errors += 1;
                super::report_error(&e, opts.lang);
            }
        }
    }
    Ok(match (errors, failed) {
        (0, false) => ExitCode::SUCCESS,
        (0, true) => ExitCode::from(1),
        _ => ExitCode::from(2),
    })
}

/// Plans shared out to one worker per core, each rendering one plan at a time in
/// a one-thread rayon pool of its own, where typst's and krilla's parallel work
/// for that plan runs. Not one shared pool: a pool thread waiting inside typst's
/// parallel work steals the next plan and nests it on its stack, so half-finished
/// plans pile up (memory grew by about 3 MB a plan); and with every core busy on
/// a plan, handing a plan's pages to other threads only adds switching.
fn batch<F>(paths: &[PathBuf], one: &F) -> Result<Vec<Result<Outcome>>>
where
    F: Fn(&PathBuf, bool) -> Result<Outcome> + Sync,
{
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).min(paths.len()).max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Result<Outcome>>>> = paths.iter().map(|_| Mutex::new(None)).collect();
    let (next, slots_ref) = (&next, &slots);
    std::thread::scope(|scope| -> Result<()> {
        let mut handles = Vec::new();
        for _ in 0..workers {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(1).stack_size(RENDER_STACK).build()?;
            let work = move || loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(path) = paths.get(i) else { break };
                let outcome = pool.install(|| one(path, false));
                crate::export::pdf::trim_cache();
                if let Ok(mut slot) = slots_ref[i].lock() {
                    *slot = Some(outcome);
                }
            };
            handles.push(std::thread::Builder::new().spawn_scoped(scope, work)?);
        }
        for h in handles {
            h.join().map_err(|_| anyhow::anyhow!(Msg::new("error.thread")))?;
        }
        Ok(())
    })?;
    Ok(slots
        .into_iter()
        .map(|slot| slot.into_inner().ok().flatten().unwrap_or_else(|| Err(anyhow::anyhow!(Msg::new("error.thread")))))
        .collect())
}

fn render_one(
    path: &Path,
    templates: &TemplateCache,
    renderers: &[Box<dyn Exporter>],
    opts: &Options,
    color: bool,
    side_by_side: bool,
) -> Result<Outcome> {
    let mut map = SourceMap::new();
    let root = opts.root.clone().unwrap_or_else(|| crate::load::default_root(path));
    let (plan, mut diagnostics) = crate::check_file_in(&mut map, path, &root)?;
    let draft = opts.draft || plan.as_ref().is_some_and(|p| p.document.status == crate::model::Status::Draft);
    if !draft {
        crate::diag::for_issued_document(&mut diagnostics);
    }
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    let blocked = plan.is_none() || (has_errors && !draft);
    let mut report = if color { Buffer::ansi() } else { Buffer::no_color() };
    emit_terminal(&mut report, &map, &diagnostics, opts.lang)?;
    if blocked {
        let key = if plan.is_none() { "render.unreadable" } else { "render.blocked" };
        writeln_msg(&mut report, Msg::new(key).arg("file", path.display()), opts.lang)?;
        return Ok(Outcome { report: report.into_inner(), written: Vec::new(), blocked: true, failed: None });
    }
    let Some(plan) = plan else { unreachable!("blocked above") };
    let templates = templates.get(layers(&plan, &map, opts.templates.as_ref()))?;
    if opts.explain_templates {
        for (name, origin) in templates.origins() {
            let from = match origin {
                Origin::Builtin => opts.lang.text("template-origin.builtin").to_string(),
                Origin::Layer(dir) => dir.display().to_string(),
            };
            writeln!(report, "{}: {name} ← {from}", path.display())?;
        }
    }
    let doc = crate::compose::compose(&plan, &templates, draft)?;
    let stem = path.file_stem().map_or_else(|| "ke-hoach".into(), |s| s.to_string_lossy().into_owned());
    let out_path = |r: &dyn Exporter| opts.out_dir.join(format!("{stem}.{}", r.extension()));
    let inputs: Vec<PathBuf> = plan.chain().into_iter().map(|f| map.file(f).path.clone()).collect();
    refuse_inputs(&renderers.iter().map(|r| out_path(r.as_ref())).collect::<Vec<_>>(), &inputs)?;
    let write = |r: &dyn Exporter| -> Result<PathBuf> {
        let bytes = r.export(&doc)?;
        let out = out_path(r);
        write_atomic(&out, &bytes)?;
        Ok(out)
    };
    let written: Vec<Result<PathBuf>> = match renderers.split_first() {
        Some((first, rest)) if side_by_side && !rest.is_empty() => std::thread::scope(|scope| {
            let others: Vec<_> = rest
                .iter()
                .map(|r| {
                    std::thread::Builder::new()
                        .stack_size(RENDER_STACK)
                        .spawn_scoped(scope, || super::guard(|| write(r.as_ref())))
                })
                .collect();
            let mut out = vec![write(first.as_ref())];
            for handle in others {
                out.push(match handle {
                    Ok(h) => h.join().unwrap_or_else(|_| Err(anyhow::anyhow!(Msg::new("error.thread")))),
                    Err(e) => Err(e.into()),
                });
            }
            out
        }),
        _ => renderers.iter().map(|r| write(r.as_ref())).collect(),
    };
    let (mut done, mut failed) = (Vec::new(), None);
    for w in written {
        match w {
            Ok(path) => done.push(path),
            Err(e) if failed.is_none() => failed = Some(e.context(Msg::new("error.plan").arg("path", path.display()))),
            Err(_) => {}
        }
    }
    Ok(Outcome { report: report.into_inner(), written: done, blocked: false, failed })
}

fn writeln_msg(out: &mut dyn WriteColor, msg: Msg, lang: Lang) -> std::io::Result<()> {
    writeln!(out, "{}", msg.render(lang))
}
