//! The text being edited, checked and laid out as the PDF would be: its pages
//! as SVG (typst's own pages, drawn by typst-svg) and its diagnostics, each with
//! the form field it is about.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::edit::{self, Edit};
use super::{blocking, paths, Failure, Server};
use crate::diag::{Diagnostic, Lang, Msg};
use crate::model::ResolvedPlan;
use crate::source::{FileId, SourceMap};

/// A plan text loaded and checked as `kehoach check` would (a final plan as `render` would).
pub struct Checked {
    pub map: SourceMap,
    pub file: FileId,
    pub plan: Option<ResolvedPlan>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads `text` as the plan at `path` (its `extends` read from disk, inside the served folder).
pub fn check(server: &Server, path: &Path, text: &str) -> anyhow::Result<Checked> {
    let mut map = SourceMap::new();
    let (file, loaded) = crate::load::load_text(&mut map, path, text, &server.root)?;
    let (plan, mut diagnostics) = match loaded {
        Ok(plan) => {
            let d = crate::check::check_resolved(&plan, &map);
            (Some(plan), d)
        }
        Err(d) => (None, d),
    };
    if plan.as_ref().is_some_and(|p| p.document.status == crate::model::Status::Final) {
        crate::diag::for_issued_document(&mut diagnostics);
    }
    Ok(Checked { map, file, plan, diagnostics })
}

/// Template layers of a plan: each plan's own `templates/` folder from the top
/// ancestor down (as `kehoach render` reads them), never a link out of the folder.
pub fn layers(server: &Server, plan: &ResolvedPlan, map: &SourceMap) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = plan
        .chain()
        .into_iter()
        .rev()
        .filter_map(|file| map.file(file).path.parent().map(|d| d.join("templates")))
        .filter(|d| d.is_dir() && !d.is_symlink() && d.canonicalize().is_ok_and(|c| c.starts_with(&server.root)))
        .collect();
    out.dedup();
    out
}

/// The document model of a checked plan, a draft when the plan says so.
pub fn compose(server: &Server, checked: &Checked) -> anyhow::Result<Option<crate::document::Document>> {
    let Some(plan) = &checked.plan else { return Ok(None) };
    let templates = server.templates(layers(server, plan, &checked.map))?;
    let draft = plan.document.status == crate::model::Status::Draft;
    Ok(Some(crate::compose::compose(plan, &templates, draft)?))
}

/// One page of the preview: a hash of its content, and its SVG unless the page has it already.
#[derive(serde::Serialize)]
pub struct Page {
    pub hash: String,
    pub svg: Option<String>,
}

/// The pages of a document laid out by the PDF backend, drawn as SVG; pages whose
/// drawing the page shows already (`shown`: their hashes) are not sent again: an
/// edit usually changes a page or two of thirteen. The drawing is hashed, not
/// typst's page: a page's frame also holds the locations of what it shows, which
/// change with any edit before it.
pub fn pages(doc: &crate::document::Document, shown: &[String]) -> anyhow::Result<Vec<Page>> {
    let paged = crate::export::pdf::PdfExporter::default().lay_out(doc)?;
    let options = typst_svg::SvgOptions::default();
    let pages = paged
        .pages()
        .iter()
        .map(|p| {
            let svg = typst_svg::svg(p, &options);
            let hash = format!("{:032x}", typst::utils::hash128(&svg));
            let svg = (!shown.contains(&hash)).then_some(svg);
            Page { hash, svg }
        })
        .collect();
    // Keep what the next edit can reuse, not every version.
    crate::export::pdf::trim_cache();
    Ok(pages)
}

/// Offset in UTF-16 code units (the browser's text positions) of byte `at` in `text`.
fn utf16(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    text[..at].encode_utf16().count()
}

/// Byte `at` of the NFC form of `original` as a byte of `original` itself: the
/// plan is checked in NFC, the page shows the text as written (maybe decomposed,
/// "ê" and U+0301 for "ế"). A place inside a composed letter goes to its start.
fn as_written(original: &str, at: usize) -> usize {
    use unicode_normalization::{char::canonical_combining_class, is_nfc, UnicodeNormalization};
    if is_nfc(original) {
        return at;
    }
    let starts = original.char_indices().filter(|&(i, c)| i > 0 && canonical_combining_class(c) == 0).map(|(i, _)| i);
    let (mut from, mut nfc) = (0, 0);
    for end in starts.chain(std::iter::once(original.len())) {
        if at <= nfc {
            return from;
        }
        nfc += original[from..end].nfc().map(char::len_utf8).sum::<usize>();
        from = end;
    }
    original.len()
}

/// Diagnostics for the page: message, notes, where in `text` (the plan as the
/// page has it, UTF-16) and which field.
pub fn diagnostics_json(server: &Server, checked: &Checked, text: &str, lang: Lang) -> Vec<Value> {
    let file = checked.map.file(checked.file);
    let fields = edit::fields(&file.text);
    // Files named as the page names them, from the served folder: not the server's
    // own path ("/home/…/ke-hoach/tinh.toml").
    let root = match server.root.to_string_lossy() {
        r if r.ends_with(std::path::MAIN_SEPARATOR) => r.into_owned(),
        r => format!("{r}{}", std::path::MAIN_SEPARATOR),
    };
    checked
        .diagnostics
        .iter()
        .map(|d| {
            let said = |m: &Msg| m.render(lang).replace(&root, "");
            let mut out = json!({
                "code": d.code,
                "severity": d.severity,
                "message": said(&d.message),
                "notes": d.notes.iter().map(said).collect::<Vec<_>>(),
            });
            // The first label in this file says where; one elsewhere names the parent plan.
            let here = d.labels.iter().filter(|l| checked.map.lookup(l.span) == Some(checked.file));
            if let Some(label) = here.clone().find(|l| l.primary).or_else(|| here.clone().next()) {
                let (start, end) = (label.span.start - file.base, label.span.end - file.base);
                let (line, column) = file.line_col(label.span.start);
                out["from"] = json!(utf16(text, as_written(text, start)));
                out["to"] = json!(utf16(text, as_written(text, end.max(start))));
                out["line"] = json!(line);
                out["column"] = json!(column);
                out["label"] = json!(said(&label.message));
                out["field"] = json!(field_of(d, edit::field_at(&fields, start)));
            } else if let Some(label) = d.labels.iter().find(|l| l.primary) {
                if let Some(other) = checked.map.lookup(label.span) {
                    let parent = checked.map.file(other);
                    let (line, _) = parent.line_col(label.span.start);
                    let name = paths::relative(&server.root, &parent.path);
                    out["elsewhere"] =
                        json!(Msg::new("serve.ui.inherited").arg("file", name).arg("line", line).render(lang));
                    // The inherited entry it is about, which the form shows by its id.
                    if let Some(id) = entry_at(&parent.text, label.span.start - parent.base) {
                        out["inherited"] = json!(id);
                    }
                }
            }
            out
        })
        .collect()
}

/// The id of the innermost entry (an indicator, a part, a duty's agency) that byte
/// `at` of a plan's `text` is written in.
fn entry_at(text: &str, at: usize) -> Option<String> {
    let path: Vec<Value> = serde_json::from_str(&edit::field_at(&edit::fields(text), at)?).ok()?;
    let form = edit::form(text)?;
    let mut node = &form;
    let mut found = None;
    for seg in &path {
        node = match seg {
            Value::String(k) => node.get(k.as_str())?,
            Value::Number(n) => node.get(usize::try_from(n.as_u64()?).ok()?)?,
            _ => return found,
        };
        if let Some(id) = node.get("id").or_else(|| node.get("agency")).and_then(Value::as_str) {
            found = Some(id.to_string());
        }
    }
    found
}

/// The form field a diagnostic is about. Most point at what is written; a key that
/// is missing points at its table, and the form has the key's own field for it.
fn field_of(d: &crate::diag::Diagnostic, at: Option<String>) -> Option<String> {
    use crate::diag::{Arg, Code};
    let arg = |name: &str| d.message.args.iter().find(|(n, _)| *n == name).map(|(_, a)| a);
    let path: Option<Vec<Value>> = at.as_deref().and_then(|p| serde_json::from_str(p).ok());
    let field = |path: Vec<Value>| serde_json::to_string(&path).ok();
    match d.code {
        // The date, unless only the number is missing, of the decision or the plan.
        Code::IssueBlank => {
            let number_only = matches!(arg("missing"), Some(Arg::Msg(m)) if m.key == "issue-blank.number");
            let key = if number_only { "number" } else { "date" };
            let table = match path.as_ref().and_then(|p| p.first()) {
                Some(Value::String(t)) if t == "decision" => "decision",
                _ => "document",
            };
            field(vec![json!(table), json!(key)])
        }
        // The key in the table it is missing from.
        Code::MissingKey => match (arg("key"), path) {
            (Some(Arg::Text(key)), Some(mut path)) => {
                path.push(json!(key));
                field(path)
            }
            _ => at,
        },
        _ => at,
    }
}

/// What the form of a child plan shows beside the file's own fields, from the
/// loader's one merge: `resolved`, the plan as its document has it (the parent's
/// indicators in the document's order and numbering, the căn cứ line made from the
/// parent); `inherited`, the parent's values, greyed in a field the file leaves
/// empty (they are what the document shows once it is emptied); the agencies in the
/// plan's order (a JSON object is sorted); each indicator's sentence as printed.
/// `null`s for a plan without a parent or one that did not load.
fn merged_json(server: &Server, checked: &Checked) -> Value {
    let Some((plan, parent)) = checked.plan.as_ref().and_then(|p| p.parent.as_ref().map(|parent| (p, parent))) else {
        return json!({ "resolved": null, "inherited": null });
    };
    // Only what a child inherits: its number, date, signature… are its own.
    let inherited_only = |mut v: Value, keep_bases: bool| {
        if let Value::Object(top) = &mut v {
            top.retain(|k, _| (keep_bases && k == "bases") || crate::load::is_inherited(k));
            if let Some(Value::Object(document)) = top.get_mut("document") {
                document.retain(|k, _| crate::load::is_inherited(&format!("document.{k}")));
            }
        }
        v
    };
    let sentences: serde_json::Map<String, Value> = server
        .templates(layers(server, plan, &checked.map))
        .and_then(|t| crate::compose::indicator_sentences(plan, &t))
        .map(|s| s.into_iter().map(|(id, s)| (id, json!(s))).collect())
        .unwrap_or_default();
    json!({
        "resolved": inherited_only(serde_json::to_value(&plan.plan).unwrap_or(Value::Null), true),
        "inherited": inherited_only(serde_json::to_value(&parent.plan).unwrap_or(Value::Null), false),
        "agency_order": plan.agencies.keys().collect::<Vec<_>>(),
        "sentences": sentences,
    })
}

#[derive(Deserialize)]
pub struct Request {
    pub path: String,
    pub text: String,
    #[serde(default)]
    pub edits: Vec<Edit>,
    /// Only check, no pages.
    #[serde(default)]
    pub no_pages: bool,
    /// Hashes of the pages the page shows already.
    #[serde(default)]
    pub shown: Vec<String>,
}

/// The whole step the page calls on every edit: apply the form's edits, check, lay out.
pub fn run(server: &Server, req: &Request) -> Result<Value, Failure> {
    let lang = server.lang;
    let started = std::time::Instant::now();
    let path = paths::plan(&server.root, &req.path).map_err(|r| Failure::path(r, lang))?;
    let text = if req.edits.is_empty() {
        req.text.clone()
    } else {
        edit::apply(&req.text, &req.edits).map_err(|e| {
            let key = if e == edit::EditError::Syntax { "serve.error.edit-syntax" } else { "serve.error.edit-path" };
            Failure::new(axum::http::StatusCode::CONFLICT, Msg::new(key), lang)
        })?
    };
    let checked = check(server, &path, &text).map_err(|e| Failure::from_error(&e))?;
    let diagnostics = diagnostics_json(server, &checked, &text, lang);
    let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
    let mut svgs = Value::Null;
    let mut page_error = Value::Null;
    if !req.no_pages {
        match compose(server, &checked).and_then(|doc| doc.map(|d| pages(&d, &req.shown)).transpose()) {
            Ok(Some(drawn)) => svgs = json!(drawn),
            Ok(None) => {}
            Err(e) => page_error = json!(format!("{e:#}")),
        }
    }
    Ok(json!({
        "form": edit::form(&text),
        "merged": merged_json(server, &checked),
        "text": text,
        "pages": svgs,
        "page_error": page_error,
        "diagnostics": diagnostics,
        "errors": errors,
        "warnings": checked.diagnostics.len() - errors,
        "ms": started.elapsed().as_secs_f64() * 1000.0,
    }))
}

pub async fn handle(State(server): State<Arc<Server>>, Json(req): Json<Request>) -> Result<Json<Value>, Failure> {
    let lang = server.lang;
    blocking(lang, move || run(&server, &req)).await.map(Json)
}

#[cfg(test)]
mod tests {
    use super::as_written;

    #[test]
    fn places_in_nfc_are_found_in_decomposed_text() {
        let written = "date = 1\nplace = \"Ta\u{300}y\"\nx = 2023-02-30";
        let nfc: String = unicode_normalization::UnicodeNormalization::nfc(written).collect();
        let at = nfc.find("2023").unwrap();
        assert_eq!(&written[as_written(written, at)..], "2023-02-30");
        assert_eq!(as_written("abc", 2), 2);
    }
}
