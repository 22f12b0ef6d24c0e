//! A plan's saved versions, and any two of them compared as `kehoach diff` does:
//! the change list, the comparison table (DOCX, PDF) and the redline (DOCX).

use std::path::Path;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::files::attachment;
use super::{blocking, history, paths, Failure, Server};
use crate::diag::Msg;
use crate::diff::{compare, ChangeRecord, NotComparable, Policy};
use crate::model::ResolvedPlan;
use crate::templates::Templates;

/// The name of the file as it is now, in place of a version id.
const CURRENT: &str = "current";

pub async fn history(
    State(server): State<Arc<Server>>,
    Query(q): Query<super::PathQuery>,
) -> Result<Json<Value>, Failure> {
    let path = paths::plan(&server.root, &q.path).map_err(|r| Failure::path(r, server.lang))?;
    let rel = paths::relative(&server.root, &path);
    Ok(Json(json!(history::list(&server.root, &rel))))
}

#[derive(Deserialize)]
pub struct VersionQuery {
    path: String,
    id: String,
}

pub async fn version(State(server): State<Arc<Server>>, Query(q): Query<VersionQuery>) -> Result<Json<Value>, Failure> {
    let lang = server.lang;
    let path = paths::plan(&server.root, &q.path).map_err(|r| Failure::path(r, lang))?;
    let text = text_of(&server, &path, &q.id)?;
    Ok(Json(json!({ "text": text })))
}

/// The text of a version (`current`: the file).
fn text_of(server: &Server, path: &Path, id: &str) -> Result<String, Failure> {
    if id == CURRENT {
        return super::read_text(server, path);
    }
    let rel = paths::relative(&server.root, path);
    history::read(&server.root, &rel, id)
        .ok_or_else(|| Failure::new(StatusCode::NOT_FOUND, Msg::new("serve.error.version"), server.lang))
}

/// A version's text loaded as the plan at `path`; one that does not load is refused.
fn load(server: &Server, path: &Path, text: &str) -> Result<ResolvedPlan, Failure> {
    let checked = super::preview::check(server, path, text).map_err(|e| Failure::from_error(&e))?;
    checked
        .plan
        .ok_or_else(|| Failure::new(StatusCode::UNPROCESSABLE_ENTITY, Msg::new("serve.error.unreadable"), server.lang))
}

fn not_comparable(e: NotComparable, server: &Server) -> Failure {
    let msg = match e {
        NotComparable::Kinds(a, b) => Msg::new("diff.not-comparable").arg("old", a).arg("new", b),
        NotComparable::DuplicateId(id) => Msg::new("diff.duplicate-id").arg("id", id),
    };
    Failure::new(StatusCode::UNPROCESSABLE_ENTITY, msg, server.lang)
}

/// The changes from `old` to `new`, two texts of the plan at `path`.
pub fn changes_between(server: &Server, path: &Path, old: &str, new: &str) -> Result<Vec<ChangeRecord>, Failure> {
    let (old, new) = (load(server, path, old)?, load(server, path, new)?);
    let templates = Templates::builtin().map_err(|e| Failure::from_error(&e))?;
    let policy = Policy::for_plans(false, &[&old, &new]);
    let mut changes = compare(&old, &new, &policy, &templates).map_err(|e| not_comparable(e, server))?;
    crate::diff::explain_removals(&mut changes, &new);
    Ok(changes.iter().map(|c| ChangeRecord::new(c, server.lang)).collect())
}

#[derive(Deserialize)]
pub struct CompareQuery {
    path: String,
    old: String,
    new: String,
    /// `table.docx`, `table.pdf` or `redline.docx` (for [`file`]).
    #[serde(default)]
    kind: String,
}

pub async fn changes(State(server): State<Arc<Server>>, Query(q): Query<CompareQuery>) -> Result<Json<Value>, Failure> {
    let lang = server.lang;
    blocking(lang, move || {
        let path = paths::plan(&server.root, &q.path).map_err(|r| Failure::path(r, lang))?;
        let (old, new) = (text_of(&server, &path, &q.old)?, text_of(&server, &path, &q.new)?);
        let changes = changes_between(&server, &path, &old, &new)?;
        Ok(json!({ "changes": changes, "none": Msg::new("diff.none").render(lang) }))
    })
    .await
    .map(Json)
}

/// The comparison table or the redline of two versions, as a download.
pub async fn file(State(server): State<Arc<Server>>, Query(q): Query<CompareQuery>) -> Result<Response, Failure> {
    let lang = server.lang;
    blocking(lang, move || {
        use crate::export::Exporter;
        let path = paths::plan(&server.root, &q.path).map_err(|r| Failure::path(r, lang))?;
        let (old_text, new_text) = (text_of(&server, &path, &q.old)?, text_of(&server, &path, &q.new)?);
        let (old, new) = (load(&server, &path, &old_text)?, load(&server, &path, &new_text)?);
        let templates = Templates::builtin().map_err(|e| Failure::from_error(&e))?;
        let policy = Policy::for_plans(false, &[&old, &new]);
        let stem = path.file_stem().map_or_else(|| "ke-hoach".into(), |s| s.to_string_lossy().into_owned());
        let failed = |e: anyhow::Error| Failure::from_error(&e);
        let (bytes, name) = match q.kind.as_str() {
            "table.docx" | "table.pdf" => {
                let mut changes = compare(&old, &new, &policy, &templates).map_err(|e| not_comparable(e, &server))?;
                crate::diff::explain_removals(&mut changes, &new);
                let doc = crate::diff::table::comparison(&changes, &new, &old, &templates).map_err(failed)?;
                let format =
                    if q.kind == "table.pdf" { crate::export::Format::Pdf } else { crate::export::Format::Docx };
                let exporter = crate::export::exporter(format, &crate::export::Settings::default());
                let ext = exporter.extension();
                let bytes = exporter.export(&doc).map_err(failed);
                crate::export::pdf::trim_cache();
                (bytes?, format!("{stem}-so-sanh.{ext}"))
            }
            "redline.docx" => {
                let old_doc = crate::compose::compose(&old, &templates, false).map_err(failed)?;
                let new_doc = crate::compose::compose(&new, &templates, false).map_err(failed)?;
                // The author of the newer version, when it is one saved here.
                let rel = paths::relative(&server.root, &path);
                let author = history::list(&server.root, &rel)
                    .into_iter()
                    .find(|e| e.id == q.new)
                    .map_or_else(|| "kehoach".to_string(), |e| e.author);
                let date = new.issue_date().map(|d| format!("{}T00:00:00Z", d.format("%Y-%m-%d")));
                let revision = crate::document::Revision { author: crate::document::printable(&author), date };
                let doc = crate::diff::redline::redline(&old_doc, &new_doc, revision, &policy);
                let bytes = crate::export::docx::DocxExporter::default().export(&doc).map_err(failed)?;
                (bytes, format!("{stem}-redline.docx"))
            }
            _ => return Err(Failure::new(StatusCode::BAD_REQUEST, Msg::new("serve.error.kind"), lang)),
        };
        Ok(attachment(&name, bytes))
    })
    .await
}
