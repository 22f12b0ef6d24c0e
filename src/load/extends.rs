//! `extends`: a district plan adapts its province's plan.
//!
//! The chain of files is read first (child → parent → grandparent), then the
//! spanned TOML tables are merged from the top down, like zola's config merge:
//! tables merge recursively and the child wins; arrays of tables with an id
//! (objectives, indicators, sections; duties by agency) merge by id — the same
//! id overrides the fields given, a new id adds, `remove = true` drops; other
//! arrays replace. Spans are global, so every merged value still says which
//! file set it.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Result;
use toml::de::{DeArray, DeTable, DeValue};
use toml::Spanned;

use crate::diag::{closest, Code, Diagnostic, Msg};
use crate::model::Removal;
use crate::source::{FileId, SourceMap, Span};

/// Keys a child never inherits: it is a new document with its own number,
/// date, opening, signature and recipients.
const NOT_INHERITED: &[&[&str]] = &[
    &["extends"],
    &["document", "number"],
    &["document", "date"],
    &["document", "code"],
    &["document", "status"],
    &["bases"],
    &["preamble"],
    &["closing"],
    &["decision"],
    &["signature"],
    &["recipients"],
];

/// Whether a dotted key is inherited from a parent plan at all.
pub fn is_inherited(key: &str) -> bool {
    let parts: Vec<&str> = key.split('.').collect();
    !NOT_INHERITED.iter().any(|p| parts.len() >= p.len() && parts[..p.len()] == **p)
}

/// Arrays of tables merged by a key instead of replaced: (array name, key).
const KEYED_ARRAYS: &[(&str, &str)] = &[
    ("objectives", "id"),
    ("indicators", "id"),
    ("parts", "id"),
    ("sections", "id"),
    ("appendices", "id"),
    ("duties", "agency"),
];

/// Fields a new entry must have; an entry with an unknown id and none of them is a mistyped override.
fn required_field(array: &str) -> Option<&'static str> {
    match array {
        "objectives" | "sections" | "appendices" => Some("title"),
        "indicators" | "parts" => Some("text"),
        _ => None,
    }
}

/// The files of a chain, child first, and the span of each file's `extends` value.
pub struct Chain {
    pub files: Vec<(FileId, Option<Span>)>,
}

fn shift(range: std::ops::Range<usize>, base: usize) -> Span {
    Span::new(range.start + base, range.end + base)
}

/// Reads `path` and every plan it extends into `map`. Problems in the chain
/// (missing parent, cycle, a parent outside `root`) are diagnostics.
pub fn read_chain(
    map: &mut SourceMap,
    path: &Path,
    root: &Path,
) -> Result<std::result::Result<Chain, Vec<Diagnostic>>> {
    read_chain_from(map, path, None, root)
}

/// [`read_chain`] whose first file is already in `map` (a plan made in memory).
pub fn read_chain_from(
    map: &mut SourceMap,
    path: &Path,
    mut first: Option<FileId>,
    root: &Path,
) -> Result<std::result::Result<Chain, Vec<Diagnostic>>> {
    let mut files: Vec<(FileId, Option<Span>)> = Vec::new();
    let mut seen: Vec<(PathBuf, FileId)> = Vec::new();
    let mut current = path.to_path_buf();
    loop {
        let id = match first.take() {
            Some(id) => id,
            None => super::read_source(map, &current)?,
        };
        let canonical = current.canonicalize().unwrap_or_else(|_| current.clone());
        seen.push((canonical, id));
        let (extends, span) = {
            let file = map.file(id);
            // Most plans extend nothing: skip the extra parse.
            if !file.text.contains("extends") {
                files.push((id, None));
                return Ok(Ok(Chain { files }));
            }
            let (table, _) = DeTable::parse_recoverable(&file.text);
            match table.get_ref().get("extends") {
                Some(v) => match v.get_ref() {
                    DeValue::String(s) => (Some(s.to_string()), Some(shift(v.span(), file.base))),
                    _ => (None, Some(shift(v.span(), file.base))),
                },
                None => (None, None),
            }
        };
        files.push((id, span));
        // No `extends`, or one that is not a string (the loader reports its type).
        let (Some(extends), Some(span)) = (extends, span) else {
            return Ok(Ok(Chain { files }));
        };
        let dir = current.parent().map(Path::to_path_buf).unwrap_or_default();
        let parent = tidy(dir.join(&extends));
        // A folder (`extends = "."`) or a device is no plan: as good as missing, and located.
        let Ok(canonical) = parent.canonicalize().and_then(|c| {
            if c.is_file() {
                Ok(c)
            } else {
                Err(std::io::Error::from(std::io::ErrorKind::NotFound))
            }
        }) else {
            return Ok(Err(vec![Diagnostic::new(Code::ExtendsMissing)
                .arg("path", &extends)
                .primary(span, Msg::new("extends-missing.label").arg("path", parent.display()))
                .note(Msg::new("extends-missing.help").arg(
                    "dir",
                    match dir.as_os_str().is_empty() {
                        true => ".".into(),
                        false => dir.display().to_string(),
                    },
                ))]));
        };
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        if !canonical.starts_with(&root) {
            return Ok(Err(vec![Diagnostic::new(Code::ExtendsOutside)
                .arg("path", &extends)
                .arg("root", root.display())
                .primary(span, Msg::new("extends-outside.label"))
                .note(Msg::new("extends-outside.help"))]));
        }
        if let Some((_, first)) = seen.iter().find(|(p, _)| *p == canonical) {
            // The file that closes the loop, and where the loop starts.
            let back = files.iter().find(|(f, _)| f == first).and_then(|(_, s)| *s);
            let mut d = Diagnostic::new(Code::ExtendsCycle)
                .arg("path", &extends)
                .primary(span, Msg::new("extends-cycle.label"));
            if let Some(back) = back.filter(|b| *b != span) {
                d = d.secondary(back, Msg::new("extends-cycle.start"));
            }
            return Ok(Err(vec![d]));
        }
        current = parent;
    }
}

/// `son-la/./huyen.toml`, `son-la/../tinh.toml` as a reader writes them: `.` and
/// `dir/..` dropped, when that names the same file (a symlinked folder's `..` may not).
fn tidy(path: PathBuf) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.components().next_back(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    let same = out.canonicalize().ok().is_some_and(|a| path.canonicalize().ok() == Some(a));
    if same {
        out
    } else {
        path
    }
}

/// Drops the keys a child does not inherit from a parent's table.
fn strip_not_inherited(table: &mut DeTable<'_>) {
    for path in NOT_INHERITED {
        match path {
            [key] => {
                table.remove(*key);
            }
            [outer, key] => {
                if let Some(DeValue::Table(t)) = table.get_mut(*outer).map(|v| v.get_mut()) {
                    t.remove(*key);
                }
            }
            _ => {}
        }
    }
}

pub struct Merger {
    pub diagnostics: Vec<Diagnostic>,
    pub removals: Vec<Removal>,
}

/// The message key naming a value's kind, as a reader calls it ("chuỗi chữ", "bảng").
fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "type.string",
        DeValue::Integer(_) => "type.integer",
        DeValue::Float(_) => "type.float",
        DeValue::Boolean(_) => "type.boolean",
        DeValue::Datetime(_) => "type.datetime",
        DeValue::Array(_) => "type.array",
        DeValue::Table(_) => "type.table",
    }
}

fn key_of(v: &Spanned<DeValue<'_>>, key: &str) -> Option<(String, Span)> {
    match v.get_ref() {
        DeValue::Table(t) => t.get(key).and_then(|k| match k.get_ref() {
            DeValue::String(s) => Some((s.to_string(), Span::new(k.span().start, k.span().end))),
            _ => None,
        }),
        _ => None,
    }
}

/// The ids of the indicators of an objective table.
fn indicators_of(v: &Spanned<DeValue<'_>>) -> Vec<String> {
    match v.get_ref() {
        DeValue::Table(t) => match t.get("indicators").map(|i| i.get_ref()) {
            Some(DeValue::Array(list)) => list.iter().filter_map(|i| key_of(i, "id")).map(|(k, _)| k).collect(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

fn flag(v: &Spanned<DeValue<'_>>, key: &str) -> bool {
    matches!(v.get_ref(), DeValue::Table(t) if matches!(t.get(key).map(|x| x.get_ref()), Some(DeValue::Boolean(true))))
}

fn has(v: &Spanned<DeValue<'_>>, key: &str) -> bool {
    matches!(v.get_ref(), DeValue::Table(t) if t.contains_key(key))
}

impl Default for Merger {
    fn default() -> Self {
        Self::new()
    }
}

impl Merger {
    pub fn new() -> Self {
        Merger { diagnostics: Vec::new(), removals: Vec::new() }
    }

    /// Merges a child's document over its (resolved) parent's.
    pub fn merge_documents<'a>(
        &mut self,
        mut parent: Spanned<DeTable<'a>>,
        child: Spanned<DeTable<'a>>,
    ) -> Spanned<DeTable<'a>> {
        strip_not_inherited(parent.get_mut());
        let span = child.span();
        let merged = self.merge_tables(parent.into_inner(), child.into_inner(), "");
        Spanned::new(span, merged)
    }

    fn merge_tables<'a>(&mut self, mut parent: DeTable<'a>, child: DeTable<'a>, name: &str) -> DeTable<'a> {
        // `short` abbreviates `name`: a new name without a new short drops the old one.
        if child.contains_key("name") && !child.contains_key("short") {
            parent.remove("short");
        }
        // A renamed issuer does not keep the parent's header lines or parent body.
        if name == "issuer" && child.contains_key("name") {
            for key in ["header_lines", "parent"] {
                if !child.contains_key(key) {
                    parent.remove(key);
                }
            }
        }
        // An agency removed that the parent never had: a mistyped id, not a removal.
        if name == "agencies" {
            let known: Vec<String> = parent.keys().map(|k| k.get_ref().to_string()).collect();
            for (key, value) in
                child.iter().filter(|(k, v)| flag(v, "remove") && !known.contains(&k.get_ref().to_string()))
            {
                let mut d = Diagnostic::new(Code::TraceUnknownId)
                    .arg("id", key.get_ref())
                    .primary(Span::new(value.span().start, value.span().end), Msg::new("trace-unknown-id.label"));
                if let Some(s) = closest(key.get_ref(), &known) {
                    d = d.note(Msg::new("unknown-key.suggest").arg("suggestion", s));
                }
                self.diagnostics.push(d);
            }
        }
        for (key, value) in child {
            let merged = match parent.remove(key.get_ref().as_ref()) {
                Some(old) => self.merge_values(old, value, key.get_ref()),
                None => value,
            };
            parent.insert(key, merged);
        }
        parent
    }

    fn merge_values<'a>(
        &mut self,
        parent: Spanned<DeValue<'a>>,
        child: Spanned<DeValue<'a>>,
        key: &str,
    ) -> Spanned<DeValue<'a>> {
        let (pspan, cspan) = (parent.span(), child.span());
        match (parent.into_inner(), child.into_inner()) {
            // A target has a value or milestones, not both: the one the child gives
            // replaces the other; the unit and verb are inherited unless given.
            (DeValue::Table(mut p), DeValue::Table(c)) if key == "target" => {
                for (given, other) in [("value", "milestones"), ("milestones", "value")] {
                    if c.contains_key(given) {
                        p.remove(other);
                    }
                }
                Spanned::new(cspan, DeValue::Table(self.merge_tables(p, c, key)))
            }
            (DeValue::Table(p), DeValue::Table(c)) => Spanned::new(cspan, DeValue::Table(self.merge_tables(p, c, key))),
            // `[[objectives.indicators]]` with no `[[objectives]]` makes `objectives` a
            // table in TOML: the district's way to override indicators wherever they are.
            (DeValue::Array(p), DeValue::Table(c))
                if key == "objectives" && c.keys().all(|k| k.get_ref() == "indicators") =>
            {
                Spanned::new(pspan, DeValue::Array(self.merge_loose_indicators(p, c)))
            }
            (DeValue::Array(p), DeValue::Array(c)) => match KEYED_ARRAYS.iter().find(|(n, _)| *n == key) {
                Some((_, id_key)) => Spanned::new(cspan, DeValue::Array(self.merge_keyed(p, c, key, id_key))),
                None => Spanned::new(cspan, DeValue::Array(c)),
            },
            // Numbers are numbers; `lead` may be one id or a list.
            (p, c)
                if type_name(&p) == type_name(&c)
                    || (matches!(p, DeValue::Integer(_) | DeValue::Float(_))
                        && matches!(c, DeValue::Integer(_) | DeValue::Float(_)))
                    || (key == "lead"
                        && matches!(p, DeValue::String(_) | DeValue::Array(_))
                        && matches!(c, DeValue::String(_) | DeValue::Array(_))) =>
            {
                Spanned::new(cspan, c)
            }
            (p, c) => {
                let mut d = Diagnostic::new(Code::ExtendsType);
                if key == "target" && matches!(p, DeValue::Table(_)) {
                    d = d.note(Msg::new("extends-type.target"));
                }
                self.diagnostics.push(
                    d.arg("key", key)
                        .arg_msg("child", Msg::new(type_name(&c)))
                        .arg_msg("parent", Msg::new(type_name(&p)))
                        .primary(
                            Span::new(cspan.start, cspan.end),
                            Msg::new("extends-type.label").arg_msg("kind", Msg::new(type_name(&c))),
                        )
                        .secondary(
                            Span::new(pspan.start, pspan.end),
                            Msg::new("extends-type.parent").arg_msg("kind", Msg::new(type_name(&p))),
                        ),
                );
                Spanned::new(pspan, p)
            }
        }
    }

    /// Indicators written outside any objective go to the objective that has their
    /// id; new ones to the last objective.
    fn merge_loose_indicators<'a>(&mut self, mut objectives: DeArray<'a>, mut child: DeTable<'a>) -> DeArray<'a> {
        let Some(indicators) = child.remove("indicators") else { return objectives };
        let span = indicators.span();
        let DeValue::Array(entries) = indicators.into_inner() else { return objectives };
        let owner = |id: &str, objectives: &DeArray<'a>| {
            objectives.iter().position(|o| match o.get_ref() {
                DeValue::Table(t) => match t.get("indicators").map(|i| i.get_ref()) {
                    Some(DeValue::Array(list)) => list.iter().any(|i| key_of(i, "id").is_some_and(|(k, _)| k == id)),
                    _ => false,
                },
                _ => false,
            })
        };
        if objectives.is_empty() {
            // Nowhere to put them: say so rather than drop them.
            for entry in entries.iter() {
                if let Some((id, span)) = key_of(entry, "id") {
                    self.diagnostics.push(
                        Diagnostic::new(Code::TraceUnknownId)
                            .arg("id", &id)
                            .primary(span, Msg::new("trace-unknown-id.label")),
                    );
                }
            }
            return objectives;
        }
        let last = objectives.len().saturating_sub(1);
        let mut groups: Vec<DeArray<'a>> = (0..objectives.len()).map(|_| DeArray::new()).collect();
        for entry in entries.iter().cloned() {
            let i = key_of(&entry, "id").and_then(|(id, _)| owner(&id, &objectives)).unwrap_or(last);
            if let Some(group) = groups.get_mut(i) {
                group.push(entry);
            }
        }
        for (i, group) in groups.into_iter().enumerate() {
            if group.is_empty() {
                continue;
            }
            let mut table = DeTable::new();
            table.insert(
                Spanned::new(span.clone(), Cow::Borrowed("indicators")),
                Spanned::new(span.clone(), DeValue::Array(group)),
            );
            let slot = &mut objectives.as_mut()[i];
            let taken = std::mem::replace(slot, Spanned::new(0..0, DeValue::Boolean(false)));
            let merged = self.merge_values(taken, Spanned::new(span.clone(), DeValue::Table(table)), "objectives");
            objectives.as_mut()[i] = merged;
        }
        objectives
    }

    fn merge_keyed<'a>(&mut self, parent: DeArray<'a>, child: DeArray<'a>, array: &str, id_key: &str) -> DeArray<'a> {
        let mut items: Vec<Option<Spanned<DeValue<'a>>>> = parent.iter().cloned().map(Some).collect();
        let index: HashMap<String, usize> = items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.as_ref().and_then(|v| key_of(v, id_key)).map(|(k, _)| (k, i)))
            .collect();
        // In written order, so a suggestion does not depend on hashing.
        let known: Vec<String> =
            items.iter().filter_map(|v| v.as_ref().and_then(|v| key_of(v, id_key)).map(|(k, _)| k)).collect();
        let mut added = Vec::new();
        // An entry written twice in the child: which of its values counts would be a guess.
        let mut written: HashMap<String, Span> = HashMap::new();
        for entry in child.iter().cloned() {
            let Some((id, id_span)) = key_of(&entry, id_key) else {
                added.push(entry);
                continue;
            };
            if let Some(first) = written.insert(id.clone(), id_span) {
                self.diagnostics.push(
                    Diagnostic::new(Code::IdDuplicate)
                        .arg("id", &id)
                        .primary(id_span, Msg::new("id-duplicate.label"))
                        .secondary(first, Msg::new("id-duplicate.first")),
                );
                continue;
            }
            match index.get(&id) {
                Some(&i) if flag(&entry, "remove") => {
                    let note = key_of(&entry, "note").map(|(n, _)| n);
                    // Removing an objective removes its indicators: each is traced.
                    if array == "objectives" {
                        for ind in items[i].as_ref().map(indicators_of).unwrap_or_default() {
                            self.removals.push(Removal {
                                array: "indicators".into(),
                                id: ind,
                                span: id_span,
                                note: note.clone(),
                            });
                        }
                    }
                    self.removals.push(Removal { array: array.into(), id, span: id_span, note });
                    items[i] = None;
                }
                Some(&i) => match items[i].take() {
                    Some(old) => items[i] = Some(self.merge_values(old, entry, array)),
                    // Removed above in the same plan, then written again.
                    None => self.diagnostics.push(
                        Diagnostic::new(Code::TraceUnknownId)
                            .arg("id", &id)
                            .primary(id_span, Msg::new("trace-unknown-id.label")),
                    ),
                },
                None => {
                    let incomplete = required_field(array).is_some_and(|f| !has(&entry, f));
                    if flag(&entry, "remove") || incomplete {
                        let mut d = Diagnostic::new(Code::TraceUnknownId)
                            .arg("id", &id)
                            .primary(id_span, Msg::new("trace-unknown-id.label"));
                        if let Some(s) = closest(&id, &known) {
                            d = d.note(Msg::new("unknown-key.suggest").arg("suggestion", s));
                        }
                        self.diagnostics.push(d);
                    } else {
                        added.push(entry);
                    }
                }
            }
        }
        let mut out = DeArray::new();
        for item in items.into_iter().flatten().chain(added) {
            out.push(item);
        }
        out
    }
}

/// A generated string value (for the district's `bases`), placed at `span`.
pub fn string_array(values: Vec<String>, span: Span) -> Spanned<DeValue<'static>> {
    let mut array = DeArray::new();
    for v in values {
        array.push(Spanned::new(span.start..span.end, DeValue::String(Cow::Owned(v))));
    }
    Spanned::new(span.start..span.end, DeValue::Array(array))
}
