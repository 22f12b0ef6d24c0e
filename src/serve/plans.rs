//! The plans of the served folder: listed with their check status (a child plan
//! under its parent), opened, and saved with a version check and history.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::{blocking, history, paths, read_text, Failure, PathQuery, Server};
use crate::diag::Msg;

/// How deep and how many files the listing looks at: a served home folder must not hang it.
const MAX_DEPTH: usize = 6;
const MAX_FILES: usize = 2000;

/// The `.toml` files under the folder that are plans (they have a `[document]` table).
pub fn plan_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![(root.to_path_buf(), 0)];
    let mut seen = 0;
    while let Some((dir, depth)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            seen += 1;
            if seen > MAX_FILES {
                break;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            // Hidden folders (.kehoach, .git), build output and links are not walked.
            let Ok(kind) = entry.file_type() else { continue };
            if name.starts_with('.') || kind.is_symlink() {
                continue;
            }
            let path = entry.path();
            if kind.is_dir() && depth < MAX_DEPTH && name != "target" && name != "node_modules" {
                stack.push((path, depth + 1));
            } else if kind.is_file() && name.ends_with(".toml") && is_plan(&path) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn is_plan(path: &Path) -> bool {
    crate::load::read_limited(path).ok().and_then(|b| String::from_utf8(b).ok()).is_some_and(|t| {
        t.lines().any(|l| l.trim_start().starts_with("[document]") || l.trim_start().starts_with("extends"))
    })
}

/// The parent a plan's `extends` names, if it lies in the folder.
fn parent_of(root: &Path, path: &Path, text: &str) -> Option<String> {
    let doc = toml_edit::Document::parse(text).ok()?;
    let extends = doc.get("extends")?.as_str()?;
    let dir = path.parent()?;
    let parent = dir.join(extends).canonicalize().ok()?;
    parent.starts_with(root).then(|| paths::relative(root, &parent))
}

/// One plan's line in the list.
fn summary(server: &Server, path: &Path) -> Value {
    let rel = paths::relative(&server.root, path);
    let text = crate::load::read_limited(path).ok().and_then(|b| String::from_utf8(b).ok()).unwrap_or_default();
    let parent = parent_of(&server.root, path, &text);
    let checked = super::preview::check(server, path, &text);
    let (title, errors, warnings, readable) = match &checked {
        Ok(c) => {
            let errors = c.diagnostics.iter().filter(|d| d.is_error()).count();
            let title = c.plan.as_ref().map(|p| p.document.summary.to_string()).unwrap_or_default();
            (title, errors, c.diagnostics.len() - errors, c.plan.is_some())
        }
        Err(_) => (String::new(), 1, 0, false),
    };
    json!({ "path": rel, "title": title, "parent": parent, "errors": errors, "warnings": warnings, "readable": readable })
}

/// Plans as a tree: each child under its parent.
pub fn tree(server: &Server) -> Value {
    let all: Vec<Value> = plan_files(&server.root).iter().map(|p| summary(server, p)).collect();
    let known: Vec<&str> = all.iter().filter_map(|p| p["path"].as_str()).collect();
    fn children(all: &[Value], parent: Option<&str>, known: &[&str], depth: usize) -> Vec<Value> {
        all.iter()
            .filter(|p| {
                let own = p["parent"].as_str().filter(|q| known.contains(q));
                own == parent
            })
            .map(|p| {
                let mut p = p.clone();
                let kids = if depth < 8 { children(all, p["path"].as_str(), known, depth + 1) } else { Vec::new() };
                p["children"] = json!(kids);
                p
            })
            .collect()
    }
    json!(children(&all, None, &known, 0))
}

pub async fn list(State(server): State<Arc<Server>>) -> Result<Json<Value>, Failure> {
    let lang = server.lang;
    blocking(lang, move || Ok(tree(&server))).await.map(Json)
}

pub async fn open(State(server): State<Arc<Server>>, Query(q): Query<PathQuery>) -> Result<Json<Value>, Failure> {
    let lang = server.lang;
    let path = paths::plan(&server.root, &q.path).map_err(|r| Failure::path(r, lang))?;
    let text = read_text(&server, &path)?;
    Ok(Json(json!({
        "path": paths::relative(&server.root, &path),
        "text": text,
        "version": history::version(&text),
        "form": super::edit::form(&text),
        "parent": parent_of(&server.root, &path, &text),
    })))
}

#[derive(Deserialize)]
pub struct Save {
    pub path: String,
    pub text: String,
    /// The version the editor started from.
    pub version: String,
    #[serde(default)]
    pub author: String,
}

/// Saves: refused (409) if the file changed since the editor loaded it; else the
/// version goes into the history first, then the file is replaced atomically.
pub fn save_now(server: &Server, req: &Save) -> Result<Value, Failure> {
    let lang = server.lang;
    let path = paths::plan(&server.root, &req.path).map_err(|r| Failure::path(r, lang))?;
    let rel = paths::relative(&server.root, &path);
    let current = read_text(server, &path)?;
    let on_disk = history::version(&current);
    if on_disk != req.version {
        // What the other person changed: from the version this editor loaded (kept in
        // the history when it was saved here) to the file now; else from this text.
        let loaded = history::list(&server.root, &rel)
            .into_iter()
            .find(|e| e.version == req.version)
            .and_then(|e| history::read(&server.root, &rel, &e.id));
        let base = loaded.as_deref().unwrap_or(&req.text);
        let changes = super::compare::changes_between(server, &path, base, &current).unwrap_or_default();
        let mut f = Failure::new(StatusCode::CONFLICT, Msg::new("serve.error.conflict"), lang);
        f.detail = Some(json!({ "version": on_disk, "text": current, "changes": changes }));
        return Err(f);
    }
    let author =
        if req.author.trim().is_empty() { lang.text("serve.ui.anonymous").to_string() } else { req.author.clone() };
    // The file as it is now goes into the history first when no version there holds
    // it: before the first save here, or changed outside the workspace (an editor, a
    // copy) and now saved over ("keep mine" after a conflict). Nothing is lost.
    let last = history::list(&server.root, &rel).pop();
    let label = match &last {
        None => Some("serve.history.before"),
        Some(entry) if entry.version != on_disk => Some("serve.history.outside"),
        Some(_) => None,
    };
    if let Some(label) = label {
        history::record(&server.root, &rel, &current, lang.text(label)).map_err(|e| Failure::from_error(&e))?;
    }
    let entry = history::record(&server.root, &rel, &req.text, &author).map_err(|e| Failure::from_error(&e))?;
    history::write_atomic(&path, req.text.as_bytes()).map_err(|e| Failure::from_error(&e))?;
    Ok(json!({ "version": history::version(&req.text), "entry": entry }))
}

pub async fn save(State(server): State<Arc<Server>>, Json(req): Json<Save>) -> Result<Json<Value>, Failure> {
    let lang = server.lang;
    let _one_at_a_time = server.saving.lock().await;
    let s = server.clone();
    blocking(lang, move || save_now(&s, &req)).await.map(Json)
}
