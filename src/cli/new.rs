//! `kehoach new`: a commented starter plan, never over an existing file.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::diag::{Lang, Msg};
use crate::district::renames::{rules_for, two_tier_from, Level};
use crate::district::scaffold::{scaffold, Request};

/// Writes `text` to a new file; an existing file is never overwritten.
fn create(path: &Path, text: &str) -> anyhow::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        // The cause follows: the file exists, or its folder does not.
        .with_context(|| Msg::new("error.new-create").arg("path", path.display()))?;
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
    /// `--root` was given: the plan will be checked with it, and may extend inside it.
    pub root_given: bool,
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
    // The level asked for, else the one the issuer's name says, else the date's usual one.
    let level =
        a.level.or_else(|| a.issuer.as_deref().and_then(Level::of_issuer)).unwrap_or_else(|| Level::default_on(date));
    if !level.exists_on(date) {
        anyhow::bail!(Msg::new(if date >= two_tier_from() { "error.level-gone" } else { "error.level-not-yet" })
            .arg("date", crate::vi::date::short(date)));
    }
    let rules = rules_for(level, date, a.renames.as_deref())?;
    // A plan may only extend what lies in its own folder: a parent elsewhere is copied in.
    let within = if a.root_given { a.root.canonicalize().ok() } else { None };
    let parent_path = confined_parent(&parent, &map, a.path, within.as_deref())?;
    let issuer = a.issuer.clone().unwrap_or_else(|| format!("Ủy ban nhân dân {} …", level.unit()));
    let text = scaffold(&Request {
        parent: &parent,
        parent_path: &parent_path,
        child_path: a.path,
        issuer: &issuer,
        abbr: a.abbr.as_deref(),
        level,
        rules: &rules,
        date: a.date,
    });
    create(a.path, &text)?;
    write_schema_beside(a.path, a.lang)?;
    // A plan made with --root is checked with it, or its parent lies outside.
    let done = match a.root_given {
        true => Msg::new("new.created-from-root").arg("root", a.root.display()),
        false => Msg::new("new.created-from"),
    };
    let done = done.arg("path", a.path.display()).arg("parent", parent_path.display());
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", done.render(a.lang))?;
    // A copy does not follow later edits of the parent: say so, and how to extend it directly.
    let copied = map.file(parent.file).path.canonicalize().ok() != parent_path.canonicalize().ok();
    if copied {
        let common = common_folder(a.from, a.path);
        // Said from where the command ran: ".", "sub", or ".." for a folder above.
        let here = std::env::current_dir().and_then(|h| h.canonicalize()).ok();
        let above = |h: &Path| h.strip_prefix(&common).ok().map(|rest| rest.components().count());
        let common = match here.as_deref().map(|h| (common.strip_prefix(h).ok(), above(h))) {
            Some((Some(rel), _)) if rel.as_os_str().is_empty() => std::path::PathBuf::from("."),
            Some((Some(rel), _)) => rel.to_path_buf(),
            Some((None, Some(up))) => std::iter::repeat_n("..", up).collect(),
            _ => common,
        };
        let note = Msg::new("new.parent-copied")
            .arg("parent", a.from.display())
            .arg("copy", parent_path.display())
            .arg("root", common.display())
            .arg("path", a.path.display());
        writeln!(out, "{}", note.render(a.lang))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The parent to extend from `child`: the parent itself when it lies in the child's
/// folder (a plan may only extend what is inside its own folder), else a copy of
/// its chain in `cap-tren/` beside the child, each copy extending the next. Copies
/// never overwrite a file.
fn confined_parent(
    parent: &crate::model::ResolvedPlan,
    map: &crate::source::SourceMap,
    child: &Path,
    root: Option<&Path>,
) -> anyhow::Result<std::path::PathBuf> {
    let child_dir = root.map_or_else(|| crate::load::default_root(child), Path::to_path_buf);
    let chain: Vec<std::path::PathBuf> = parent.chain().into_iter().map(|f| map.file(f).path.clone()).collect();
    let Some(first) = chain.first() else { anyhow::bail!(Msg::new("error.thread")) };
    if first.canonicalize().is_ok_and(|p| p.starts_with(&child_dir)) {
        return Ok(first.clone());
    }
    let dir = child.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).join("cap-tren");
    std::fs::create_dir_all(&dir).with_context(|| Msg::new("error.write").arg("path", dir.display()))?;
    let names: Vec<String> = chain
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let name = p.file_name().map_or_else(|| "ke-hoach.toml".into(), |n| n.to_string_lossy().into_owned());
            if i == 0 {
                name
            } else {
                format!("{i}-{name}")
            }
        })
        .collect();
    for (i, source) in chain.iter().enumerate() {
        let text = String::from_utf8(crate::load::read_limited(source)?)
            .with_context(|| Msg::new("error.not-utf8").arg("path", source.display()))?;
        // Each copy extends the copy of its own parent.
        let text: String = text
            .lines()
            .map(|line| match names.get(i + 1) {
                Some(next) if line.trim_start().starts_with("extends") && line.contains('=') => {
                    format!("extends = {}", toml::Value::String(next.clone()))
                }
                _ => line.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        let copy = dir.join(&names[i]);
        let text = text + "\n";
        // A second child of the same parent in this folder shares the copy made for the first.
        if std::fs::read_to_string(&copy).is_ok_and(|old| old == text) {
            continue;
        }
        create(&copy, &text)?;
    }
    Ok(dir.join(&names[0]))
}

/// The nearest folder holding both files: the `--root` that lets one extend the other.
/// Both exist by then: their real paths, so "../plans" is not read as a folder "..".
fn common_folder(a: &Path, b: &Path) -> std::path::PathBuf {
    let abs = |p: &Path| p.canonicalize().or_else(|_| std::path::absolute(p)).unwrap_or_else(|_| p.to_path_buf());
    let (a, b) = (abs(a), abs(b));
    let mut common = std::path::PathBuf::new();
    for (x, y) in a.components().zip(b.components()) {
        if x != y {
            break;
        }
        common.push(x);
    }
    common
}

/// Today, from the system clock (only to choose the levels a new plan can have).
fn today() -> chrono::NaiveDate {
    let days = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() / 86_400);
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("a real date") + chrono::Days::new(days)
}

/// The schema beside the plan gives completion in editors (the plan's first line names it).
fn write_schema_beside(path: &Path, lang: Lang) -> anyhow::Result<()> {
    let schema = path.with_file_name("plan.schema.json");
    if !schema.exists() {
        std::fs::write(&schema, super::schema::schema_json(lang))
            .with_context(|| Msg::new("error.write").arg("path", schema.display()))?;
    }
    Ok(())
}

pub fn run(path: &Path, lang: Lang) -> anyhow::Result<ExitCode> {
    // Its first comment names the file as it was asked for ("kehoach check ubnd-xa.toml").
    let name = path.file_name().map_or_else(|| "ke-hoach.toml".into(), |n| n.to_string_lossy());
    let text =
        crate::templates::starter(lang).replacen("kehoach check ke-hoach.toml", &format!("kehoach check {name}"), 1);
    create(path, &text)?;
    write_schema_beside(path, lang)?;
    writeln!(std::io::stdout().lock(), "{}", Msg::new("new.created").arg("path", path.display()).render(lang))?;
    Ok(ExitCode::SUCCESS)
}
