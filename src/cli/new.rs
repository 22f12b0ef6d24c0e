//! `kehoach new`: a commented starter plan, never over an existing file.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::diag::{Lang, Msg};
use crate::district::renames::{rules_for, two_tier_from, Level};
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
    pub level: Option<Level>,
    pub date: Option<chrono::NaiveDate>,
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
    // The levels of government that exist on the new plan's date.
    let date = a.date.unwrap_or_else(today);
    let level = a.level.unwrap_or_else(|| Level::default_on(date));
    if !level.exists_on(date) {
        anyhow::bail!(Msg::new(if date >= two_tier_from() { "error.level-gone" } else { "error.level-not-yet" })
            .arg("date", crate::vi::date::short(date)));
    }
    let rules = rules_for(level, date >= two_tier_from(), a.renames.as_deref())?;
    let issuer = a.issuer.clone().unwrap_or_else(|| format!("Ủy ban nhân dân {} …", level.unit()));
    let text = scaffold(&Request {
        parent: &parent,
        parent_path: a.from,
        child_path: a.path,
        issuer: &issuer,
        abbr: a.abbr.as_deref(),
        level,
        rules: &rules,
    });
    create(a.path, &text)?;
    write_schema_beside(a.path)?;
    let done = Msg::new("new.created-from").arg("path", a.path.display()).arg("parent", a.from.display());
    writeln!(std::io::stdout().lock(), "{}", done.render(a.lang))?;
    Ok(ExitCode::SUCCESS)
}

/// Today, from the system clock (only to choose the levels a new plan can have).
fn today() -> chrono::NaiveDate {
    let days = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() / 86_400);
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("a real date") + chrono::Days::new(days)
}

/// The schema beside the plan gives completion in editors (the plan's first line names it).
fn write_schema_beside(path: &Path) -> anyhow::Result<()> {
    let schema = path.with_file_name("plan.schema.json");
    if !schema.exists() {
        std::fs::write(&schema, super::schema::schema_json())
            .with_context(|| Msg::new("error.write").arg("path", schema.display()))?;
    }
    Ok(())
}

pub fn run(path: &Path, lang: Lang) -> anyhow::Result<ExitCode> {
    create(path, STARTER)?;
    write_schema_beside(path)?;
    writeln!(std::io::stdout().lock(), "{}", Msg::new("new.created").arg("path", path.display()).render(lang))?;
    Ok(ExitCode::SUCCESS)
}
