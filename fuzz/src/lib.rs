//! What the fuzz targets share: a plan from bytes through the library as the CLI
//! runs it (load → check → diagnostics; compose → DOCX, PDF; compare → table, redline).
//!
//! The library reads plans from files (an `extends` chain is read file by file),
//! so each input is written to a fixed folder of this process, next to copies of
//! the Sơn La plans the seeds extend: a district plan's `extends =
//! "../son-la-2023-kh93.toml"` resolves as in `plans/`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use codespan_reporting::term::termcolor::NoColor;
use kehoach::diag::{Diagnostic, Lang, Severity};
use kehoach::model::ResolvedPlan;
use kehoach::source::SourceMap;
use kehoach::templates::Templates;

/// Plans an input may extend, at their places relative to `root/son-la/`.
const PARENTS: [(&str, &str); 2] = [
    ("son-la-2023-kh93.toml", include_str!("../../plans/son-la-2023-kh93.toml")),
    ("son-la/huyen-mai-son-2023.toml", include_str!("../../plans/son-la/huyen-mai-son-2023.toml")),
];

/// This process's folder (`extends` may not leave it); inputs go to `son-la/`.
pub fn root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("kehoach-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(root.join("son-la")).expect("fuzz folder");
        for (path, text) in PARENTS {
            std::fs::write(root.join(path), text).expect("fuzz parent plan");
        }
        root.canonicalize().expect("fuzz folder")
    })
}

/// The built-in templates, parsed once.
pub fn templates() -> &'static Templates {
    static T: OnceLock<Templates> = OnceLock::new();
    T.get_or_init(|| Templates::builtin().expect("built-in templates"))
}

/// A plan written as `name` and loaded and checked as `kehoach check` does.
pub struct Checked {
    pub map: SourceMap,
    pub plan: Option<ResolvedPlan>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Writes `bytes` to `son-la/<name>` and loads and checks it. None when the file
/// cannot be read as a plan at all (not UTF-8): an operational error, not a bug.
pub fn check(bytes: &[u8], name: &str) -> Option<Checked> {
    let path = root().join("son-la").join(name);
    std::fs::write(&path, bytes).expect("write input");
    let mut map = SourceMap::new();
    let (plan, diagnostics) = kehoach::check_file_in(&mut map, &path, root()).ok()?;
    Some(Checked { map, plan, diagnostics })
}

/// Prints the diagnostics as `check` does, in both languages and as JSON: every
/// span must resolve to a line and column of its file.
pub fn emit(c: &Checked) {
    for lang in [Lang::Vi, Lang::En] {
        let mut out = NoColor::new(Vec::new());
        kehoach::diag::emit_terminal(&mut out, &c.map, &c.diagnostics, lang).expect("emit to memory");
        let _ = kehoach::diag::emit_json(&c.map, &c.diagnostics, lang);
    }
}

/// Whether `render` would write the plan, and as a draft (a final document takes
/// each code's final severity, as in `src/cli/render.rs`).
pub fn renderable(c: &Checked) -> Option<(&ResolvedPlan, bool)> {
    let plan = c.plan.as_ref()?;
    let draft = plan.document.status == kehoach::model::Status::Draft;
    let errors = c
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error || (!draft && d.code.final_severity() == Severity::Error));
    (draft || !errors).then_some((plan, draft))
}

/// typst's layout recurses deeply: render on a thread with the CLI's stack.
pub fn on_big_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| {
        let handle = std::thread::Builder::new().stack_size(64 << 20).spawn_scoped(s, f).expect("render thread");
        match handle.join() {
            Ok(v) => v,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}
