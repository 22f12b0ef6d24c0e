//! The rest of kehoach in the page: a new plan, a child plan from a parent
//! (`new --from`), a document imported (`import`), a Word draft checked
//! (`check file.docx`), and DOCX and PDF downloads (`render`).

use std::path::Path;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::{blocking, history, paths, Failure, Server};
use crate::diag::{Lang, Msg};

/// Bytes to download under `name`.
pub fn attachment(name: &str, bytes: Vec<u8>) -> Response {
    let kind = match name.rsplit('.').next() {
        Some("pdf") => "application/pdf",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    };
    let ascii: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' }).collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    ([(header::CONTENT_TYPE, kind.to_string()), (header::CONTENT_DISPOSITION, disposition)], bytes).into_response()
}

#[derive(Deserialize)]
pub struct DownloadQuery {
    path: String,
    format: String,
}

/// The saved plan as DOCX or PDF, as `kehoach render` writes it (a final plan with errors is refused).
pub async fn download(State(server): State<Arc<Server>>, Query(q): Query<DownloadQuery>) -> Result<Response, Failure> {
    let lang = server.lang;
    blocking(lang, move || {
        let format = match q.format.as_str() {
            "docx" => crate::export::Format::Docx,
            "pdf" => crate::export::Format::Pdf,
            _ => return Err(Failure::new(StatusCode::BAD_REQUEST, Msg::new("serve.error.kind"), lang)),
        };
        let path = paths::plan(&server.root, &q.path).map_err(|r| Failure::path(r, lang))?;
        let text = super::read_text(&server, &path)?;
        let checked = super::preview::check(&server, &path, &text).map_err(|e| Failure::from_error(&e))?;
        let final_with_errors = checked.plan.as_ref().is_some_and(|p| p.document.status == crate::model::Status::Final)
            && checked.diagnostics.iter().any(|d| d.is_error());
        if final_with_errors {
            return Err(Failure::new(StatusCode::UNPROCESSABLE_ENTITY, Msg::new("serve.error.blocked"), lang));
        }
        let doc = super::preview::compose(&server, &checked)
            .map_err(|e| Failure::from_error(&e))?
            .ok_or_else(|| Failure::new(StatusCode::UNPROCESSABLE_ENTITY, Msg::new("serve.error.unreadable"), lang))?;
        let exporter = crate::export::exporter(format, &crate::export::Settings::default());
        let bytes = exporter.export(&doc).map_err(|e| Failure::from_error(&e));
        crate::export::pdf::trim_cache();
        let bytes = bytes?;
        let stem = path.file_stem().map_or_else(|| "ke-hoach".into(), |s| s.to_string_lossy().into_owned());
        Ok(attachment(&format!("{stem}.{}", exporter.extension()), bytes))
    })
    .await
}

/// Writes a new file; an existing one is never replaced.
fn create(path: &Path, text: &str, lang: Lang) -> Result<(), Failure> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|_| {
        Failure::new(StatusCode::CONFLICT, Msg::new("error.new-exists").arg("path", path.display()), lang)
    })?;
    file.write_all(text.as_bytes()).map_err(|e| Failure::from_error(&e.into()))
}

/// A new file's path: inside the folder, not taken (409 if it is).
fn free(server: &Server, rel: &str) -> Result<std::path::PathBuf, Failure> {
    let lang = server.lang;
    // What a clerk typed in the dialog, said in the dialog's terms.
    if rel.trim().is_empty() || rel.trim() == ".toml" {
        return Err(Failure::new(StatusCode::BAD_REQUEST, Msg::new("serve.error.new-name"), lang));
    }
    match paths::new_file(&server.root, rel, "toml") {
        Ok(p) => Ok(p),
        Err(paths::Refused::Kind) if rel.ends_with(".toml") => {
            Err(Failure::new(StatusCode::CONFLICT, Msg::new("error.new-exists").arg("path", rel), lang))
        }
        Err(paths::Refused::Missing) => {
            let folder = rel.rsplit_once('/').map_or("", |(dir, _)| dir);
            Err(Failure::new(StatusCode::NOT_FOUND, Msg::new("serve.error.new-folder").arg("folder", folder), lang))
        }
        Err(r) => Err(Failure::path(r, lang)),
    }
}

/// The schema beside a new plan: its first line names it, for editors.
fn schema_beside(path: &Path, lang: Lang) {
    let schema = path.with_file_name("plan.schema.json");
    if !schema.exists() {
        let text = crate::model::schema_text(&|p| lang.schema_description(p));
        let _ = history::write_atomic(&schema, text.as_bytes());
    }
}

#[derive(Deserialize)]
pub struct NewPlan {
    path: String,
}

pub async fn new_plan(State(server): State<Arc<Server>>, Json(req): Json<NewPlan>) -> Result<Json<Value>, Failure> {
    let path = free(&server, &req.path)?;
    create(&path, crate::templates::starter(server.lang), server.lang)?;
    schema_beside(&path, server.lang);
    Ok(Json(json!({ "path": paths::relative(&server.root, &path) })))
}

#[derive(Deserialize)]
pub struct NewChild {
    path: String,
    from: String,
    issuer: String,
    /// `district`, `office`, `commune`, `ward`, `special-zone`; by date when absent.
    #[serde(default)]
    level: Option<String>,
    /// The draft's date ("15/9/2025"), as `new --date`: its year, levels, deadlines.
    #[serde(default)]
    date: Option<String>,
}

/// Today, from the system clock (the levels of government a new plan can have).
fn today() -> chrono::NaiveDate {
    let days = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() / 86_400);
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default() + chrono::Days::new(days)
}

/// `kehoach new CHILD --from PARENT --issuer …`, inside the folder.
pub fn child_now(server: &Server, req: &NewChild) -> Result<Value, Failure> {
    use crate::district::renames::{rules_for, two_tier_from, Level};
    let lang = server.lang;
    let from = paths::plan(&server.root, &req.from).map_err(|r| Failure::path(r, lang))?;
    let path = free(server, &req.path)?;
    let text = super::read_text(server, &from)?;
    let checked = super::preview::check(server, &from, &text).map_err(|e| Failure::from_error(&e))?;
    let parent = checked
        .plan
        .ok_or_else(|| Failure::new(StatusCode::UNPROCESSABLE_ENTITY, Msg::new("serve.error.unreadable"), lang))?;
    // The draft's date, as `new --date` takes it; today when none is given.
    let asked =
        match req.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) => Some(crate::vi::date::read(d).ok_or_else(|| {
                Failure::new(StatusCode::BAD_REQUEST, Msg::new("serve.error.date").arg("date", d), lang)
            })?),
            None => None,
        };
    // The levels of government are those of the draft's date, else of today; an undated
    // child stays undated, as `new --from` without --date leaves it.
    let date = asked.unwrap_or_else(today);
    let level = match req.level.as_deref().filter(|l| !l.is_empty()) {
        Some(l) => <Level as clap::ValueEnum>::from_str(l, true)
            .map_err(|_| Failure::new(StatusCode::BAD_REQUEST, Msg::new("serve.error.kind"), lang))?,
        // The level the issuer's name says, else today's usual one.
        None => Level::of_issuer(&req.issuer).unwrap_or_else(|| Level::default_on(date)),
    };
    if !level.exists_on(date) {
        // Said as the page offers it (a level to choose), not as the command line's --level.
        let key = if date >= two_tier_from() { "serve.error.level-gone" } else { "serve.error.level-not-yet" };
        return Err(Failure::new(
            StatusCode::BAD_REQUEST,
            Msg::new(key).arg("date", crate::vi::date::short(date)),
            lang,
        ));
    }
    let rules = rules_for(level, date, None).map_err(|e| Failure::from_error(&e))?;
    let issuer = if req.issuer.trim().is_empty() {
        format!("Ủy ban nhân dân {} …", level.unit())
    } else {
        req.issuer.clone()
    };
    let text = crate::district::scaffold::scaffold(&crate::district::scaffold::Request {
        parent: &parent,
        parent_path: &from,
        child_path: &path,
        issuer: &issuer,
        abbr: None,
        level,
        rules: &rules,
        date: asked,
    });
    create(&path, &text, lang)?;
    schema_beside(&path, lang);
    Ok(json!({ "path": paths::relative(&server.root, &path) }))
}

pub async fn new_child(State(server): State<Arc<Server>>, Json(req): Json<NewChild>) -> Result<Json<Value>, Failure> {
    let lang = server.lang;
    blocking(lang, move || child_now(&server, &req)).await.map(Json)
}

#[derive(Deserialize)]
pub struct Upload {
    /// The dropped file's name (its extension says how to read it).
    name: String,
    /// The plan to write (default: the name with `.toml`, in the folder).
    #[serde(default)]
    to: Option<String>,
}

/// The dropped file's name alone, never a path.
fn file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = base.chars().filter(|c| !c.is_control()).take(120).collect();
    if clean.is_empty() || clean.starts_with('.') {
        "van-ban".into()
    } else {
        clean
    }
}

/// `kehoach import`: a dropped DOCX, PDF or text → a new plan in the folder.
pub fn import_now(server: &Server, q: &Upload, bytes: &[u8]) -> Result<Value, Failure> {
    let lang = server.lang;
    let name = file_name(&q.name);
    let path = match q.to.clone().filter(|t| !t.is_empty()) {
        Some(to) => free(server, &to)?,
        None => {
            // The plan beside its Word file may already be there: the import gets a name of its own.
            let stem =
                Path::new(&name).file_stem().map_or_else(|| "van-ban".into(), |s| s.to_string_lossy().into_owned());
            let mut path = free(server, &format!("{stem}.toml"));
            for n in 2..100 {
                if path.is_ok() {
                    break;
                }
                path = free(server, &format!("{stem}-{n}.toml"));
            }
            path?
        }
    };
    let imported = crate::import::import(Path::new(&name), bytes, lang)
        .map_err(|e| Failure::new(StatusCode::UNPROCESSABLE_ENTITY, e.message(Path::new(&name)), lang))?;
    create(&path, &imported.toml, lang)?;
    let notes: Vec<String> = imported.notes().iter().map(|n| n.message(lang)).collect();
    Ok(json!({ "path": paths::relative(&server.root, &path), "notes": notes }))
}

pub async fn import(
    State(server): State<Arc<Server>>,
    Query(q): Query<Upload>,
    body: Bytes,
) -> Result<Json<Value>, Failure> {
    let lang = server.lang;
    blocking(lang, move || import_now(&server, &q, &body)).await.map(Json)
}

/// `kehoach check file.docx`: the plan's checks on what was read, pointing at the
/// document's paragraphs, and (for Word) the NĐ 30 thể thức rules. Nothing is written.
pub fn check_now(server: &Server, q: &Upload, bytes: &[u8]) -> Result<Value, Failure> {
    let lang = server.lang;
    let name = file_name(&q.name);
    let imported = crate::import::import(Path::new(&name), bytes, lang)
        .map_err(|e| Failure::new(StatusCode::UNPROCESSABLE_ENTITY, e.message(Path::new(&name)), lang))?;
    // Named after the document, never written; nothing it extends is read.
    let virtual_path = server.root.join(format!("{name}.toml"));
    let super::preview::Checked { map, file, diagnostics, .. } =
        super::preview::check(server, &virtual_path, &imported.toml).map_err(|e| Failure::from_error(&e))?;
    let base = map.file(file).base;
    let quote = |p: usize| imported.paragraphs.get(p).map(|para| para.text.chars().take(100).collect::<String>());
    let plan_findings: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            let paragraph = d
                .labels
                .iter()
                .find(|l| l.primary && map.lookup(l.span) == Some(file))
                .and_then(|l| imported.origin_near(l.span.start - base));
            json!({
                "code": d.code, "severity": d.severity, "message": d.message.render(lang),
                "notes": d.notes.iter().map(|n| n.render(lang)).collect::<Vec<_>>(),
                "paragraph": paragraph.map(|p| imported.shown_number(p)), "quote": paragraph.and_then(quote),
            })
        })
        .collect();
    let is_docx = name.to_ascii_lowercase().ends_with(".docx");
    let form_findings: Vec<Value> = if is_docx { crate::conform::check(bytes).unwrap_or_default() } else { Vec::new() }
        .iter()
        .map(|f| {
            json!({
                "code": f.rule, "severity": f.severity(), "message": f.message(lang),
                "paragraph": f.paragraph, "quote": f.quote,
            })
        })
        .collect();
    Ok(json!({ "name": name, "plan": plan_findings, "form": form_findings }))
}

pub async fn check_file(
    State(server): State<Arc<Server>>,
    Query(q): Query<Upload>,
    body: Bytes,
) -> Result<Json<Value>, Failure> {
    let lang = server.lang;
    blocking(lang, move || check_now(&server, &q, &body)).await.map(Json)
}
