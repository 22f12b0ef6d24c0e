//! `kehoach new`: a commented starter plan, never over an existing file.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::diag::{Lang, Msg};
use crate::district::renames::{rules, Level};
use crate::district::scaffold::{scaffold, Request};

/// The starter plan; it passes `kehoach check` (a test makes sure).
pub const STARTER: &str = include_str!("../../templates/starter.toml");

/// Writes `text` to a new file; an existing file is never overwritten.
fn create(path: &Path, text: &str) -> anyhow::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| Msg::new("error.new-exists").arg("path", path.display()))?;
    file.write_all(text.as_bytes()).with_context(|| Msg::new("error.write").arg("path", path.display()))
}

pub struct FromArgs<'a> {
    pub path: &'a Path,
    pub from: &'a Path,
    pub issuer: Option<String>,
    pub abbr: Option<String>,
    pub level: Level,
    pub renames: Option<std::path::PathBuf>,
    pub root: &'a Path,
    pub lang: Lang,
}

/// `kehoach new CHILD --from PARENT --issuer …`.
pub fn run_from(a: &FromArgs) -> anyhow::Result<ExitCode> {
    let mut map = crate::source::SourceMap::new();
    let (parent, diagnostics) = crate::check_file_in(&mut map, a.from, a.root)?;
    let Some(parent) = parent else {
        super::check::print(&map, &diagnostics, a.lang)?;
        return Ok(ExitCode::from(1));
    };
    let rules = rules(a.level, a.renames.as_deref())?;
    let issuer = a.issuer.clone().unwrap_or_else(|| "Ủy ban nhân dân huyện …".into());
    let text = scaffold(&Request {
        parent: &parent,
        parent_path: a.from,
        child_path: a.path,
        issuer: &issuer,
        abbr: a.abbr.as_deref(),
        level: a.level,
        rules: &rules,
    });
    create(a.path, &text)?;
    let done = Msg::new("new.created-from").arg("path", a.path.display()).arg("parent", a.from.display());
    writeln!(std::io::stdout().lock(), "{}", done.render(a.lang))?;
    Ok(ExitCode::SUCCESS)
}

pub fn run(path: &Path, lang: Lang) -> anyhow::Result<ExitCode> {
    create(path, STARTER)?;
    // The schema beside the plan gives completion in editors (the plan's first line names it).
    let schema = path.with_file_name("plan.schema.json");
    if !schema.exists() {
        std::fs::write(&schema, super::schema::schema_json())
            .with_context(|| Msg::new("error.write").arg("path", schema.display()))?;
    }
    writeln!(std::io::stdout().lock(), "{}", Msg::new("new.created").arg("path", path.display()).render(lang))?;
    Ok(ExitCode::SUCCESS)
}
