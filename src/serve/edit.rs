//! The form's view of a plan file and its edits, applied to the file's own TOML
//! with `toml_edit`: what the form did not touch keeps its comments, order and layout.
//!
//! A field is named by its path from the top of the file, as JSON:
//! `["objectives",0,"indicators",2,"target","value"]`.

use serde::Deserialize;
use serde_json::{json, Map, Value as Json};
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

/// A path segment: a key or an index.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Seg {
    Index(usize),
    Key(String),
}

/// One change the form asks for.
#[derive(Clone, Debug, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum Edit {
    /// Sets a value (an empty text removes the key: an optional field left blank).
    Set { path: Vec<Seg>, value: Json },
    /// Removes a key or a list item.
    Remove { path: Vec<Seg> },
    /// Appends an item to a list (a new indicator, agency duty, recipient…).
    Push { path: Vec<Seg>, value: Json },
}

/// Why an edit could not be applied (the client built a path the file does not have).
#[derive(Debug, PartialEq)]
pub enum EditError {
    /// The text is not TOML: the form waits until the TOML tab fixes it.
    Syntax,
    /// The path goes through something that is not a table or a list.
    Path,
}

/// The file as JSON for the form (dates as text), or `None` if it is not TOML.
pub fn form(text: &str) -> Option<Json> {
    let doc = toml_edit::Document::parse(text).ok()?;
    Some(table_json(doc.as_table()))
}

/// The key under which a table's keys are listed in file order (JSON objects are
/// sorted; agencies are listed in the order the file gives them).
pub const ORDER: &str = "__keys";

fn table_json(t: &dyn toml_edit::TableLike) -> Json {
    let mut m = Map::new();
    let mut order = Vec::new();
    for (k, item) in t.iter() {
        m.insert(k.to_string(), item_json(item));
        order.push(json!(k));
    }
    m.insert(ORDER.into(), Json::Array(order));
    Json::Object(m)
}

fn item_json(item: &Item) -> Json {
    match item {
        Item::None => Json::Null,
        Item::Value(v) => value_json(v),
        Item::Table(t) => table_json(t),
        Item::ArrayOfTables(a) => Json::Array(a.iter().map(|t| table_json(t)).collect()),
    }
}

fn value_json(v: &Value) -> Json {
    match v {
        Value::String(s) => json!(s.value()),
        Value::Integer(i) => json!(i.value()),
        Value::Float(f) => json!(f.value()),
        Value::Boolean(b) => json!(b.value()),
        Value::Datetime(d) => json!(d.value().to_string()),
        Value::Array(a) => Json::Array(a.iter().map(value_json).collect()),
        Value::InlineTable(t) => table_json(t),
    }
}

/// Every field of the file with the byte range it is written in (key to value),
/// to find the field a diagnostic points at.
pub fn fields(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let Ok(doc) = toml_edit::Document::parse(text) else { return Vec::new() };
    let mut out = Vec::new();
    walk_table(doc.as_table(), &mut Vec::new(), &mut out);
    out
}

fn path_id(path: &[Json]) -> String {
    serde_json::to_string(path).unwrap_or_default()
}

fn walk_table(t: &dyn toml_edit::TableLike, path: &mut Vec<Json>, out: &mut Vec<(String, std::ops::Range<usize>)>) {
    for (k, item) in t.iter() {
        path.push(json!(k));
        let key = t.key(k).and_then(|k| k.span());
        let value = item.span();
        if let (Some(a), Some(b)) = (key.clone(), value.clone()) {
            out.push((path_id(path), a.start.min(b.start)..a.end.max(b.end)));
        } else if let Some(r) = key.or(value) {
            out.push((path_id(path), r));
        }
        match item {
            Item::Table(t) => walk_table(t, path, out),
            Item::ArrayOfTables(a) => {
                for (i, t) in a.iter().enumerate() {
                    path.push(json!(i));
                    if let Some(r) = t.span() {
                        out.push((path_id(path), r));
                    }
                    walk_table(t, path, out);
                    path.pop();
                }
            }
            Item::Value(v) => walk_value(v, path, out),
            Item::None => {}
        }
        path.pop();
    }
}

fn walk_value(v: &Value, path: &mut Vec<Json>, out: &mut Vec<(String, std::ops::Range<usize>)>) {
    match v {
        Value::InlineTable(t) => walk_table(t, path, out),
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                path.push(json!(i));
                if let Some(r) = v.span() {
                    out.push((path_id(path), r));
                }
                walk_value(v, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// The innermost field written at byte `at`, as its JSON path.
pub fn field_at(fields: &[(String, std::ops::Range<usize>)], at: usize) -> Option<String> {
    fields
        .iter()
        .filter(|(_, r)| r.start <= at && at < r.end.max(r.start + 1))
        .min_by_key(|(_, r)| r.len())
        .map(|(p, _)| p.clone())
}

/// Applies the edits in order and returns the new text.
pub fn apply(text: &str, edits: &[Edit]) -> Result<String, EditError> {
    let mut doc: DocumentMut = text.parse().map_err(|_| EditError::Syntax)?;
    for e in edits {
        match e {
            Edit::Set { path, value } => set(doc.as_table_mut(), path, value)?,
            Edit::Remove { path } => {
                remove(doc.as_table_mut(), path)?;
                // A list's last row gone, the list goes: `bases = []` is not "no căn cứ
                // written" (a child plan's opening is then no longer made from its parent's).
                if matches!(path.last(), Some(Seg::Index(_))) && list_len(doc.as_table_mut(), path) == Some(0) {
                    remove(doc.as_table_mut(), &path[..path.len() - 1])?;
                }
            }
            Edit::Push { path, value } => push(doc.as_table_mut(), path, value)?,
        }
    }
    Ok(doc.to_string())
}

/// A place in the document: a table, a table-like item or a plain value.
enum Slot<'a> {
    Table(&'a mut Table),
    Item(&'a mut Item),
    Value(&'a mut Value),
}

/// One step down `seg`; a missing table on the way is made (at the top as
/// `[table]`, deeper inline: `target = { value = 70 }`), or a list when the
/// next step is an index (`period = [2024]` typed into a plan without one).
fn step<'a>(slot: Slot<'a>, seg: &Seg, top: bool, create: bool, list: bool) -> Result<Slot<'a>, EditError> {
    let fresh = || match (list, top) {
        (true, _) => Item::Value(Value::Array(Array::new())),
        (false, true) => toml_edit::table(),
        (false, false) => Item::Value(Value::InlineTable(InlineTable::new())),
    };
    Ok(match (slot, seg) {
        (Slot::Table(t), Seg::Key(k)) if create => Slot::Item(t.entry(k).or_insert_with(fresh)),
        (Slot::Table(t), Seg::Key(k)) => Slot::Item(t.get_mut(k).ok_or(EditError::Path)?),
        (Slot::Item(Item::ArrayOfTables(a)), Seg::Index(i)) => Slot::Table(a.get_mut(*i).ok_or(EditError::Path)?),
        (Slot::Item(Item::Value(Value::Array(a))) | Slot::Value(Value::Array(a)), Seg::Index(i)) => {
            Slot::Value(a.get_mut(*i).ok_or(EditError::Path)?)
        }
        (Slot::Item(item), Seg::Key(k)) => {
            if item.is_none() && create {
                *item = fresh();
            }
            let t = item.as_table_like_mut().ok_or(EditError::Path)?;
            if !t.contains_key(k) && create {
                t.insert(k, fresh());
                // `{ unit = "%", milestones = { … } }`, not `{ unit = "%" , milestones = … }`.
                if let Some(inline) = item.as_inline_table_mut() {
                    inline.fmt();
                }
            }
            let t = item.as_table_like_mut().ok_or(EditError::Path)?;
            Slot::Item(t.get_mut(k).ok_or(EditError::Path)?)
        }
        (Slot::Value(Value::InlineTable(t)), Seg::Key(k)) => {
            if create && !t.contains_key(k) {
                t.insert(k, if list { Value::Array(Array::new()) } else { Value::InlineTable(InlineTable::new()) });
                // `{ unit = "%", milestones = { … } }`, not `{ unit = "%" , milestones = … }`.
                t.fmt();
            }
            Slot::Value(t.get_mut(k).ok_or(EditError::Path)?)
        }
        _ => return Err(EditError::Path),
    })
}

/// The parent of `path` and its last segment.
fn parent<'a, 'p>(root: &'a mut Table, path: &'p [Seg], create: bool) -> Result<(Slot<'a>, &'p Seg), EditError> {
    let (last, head) = path.split_last().ok_or(EditError::Path)?;
    if head.is_empty() && !matches!(last, Seg::Key(_)) {
        return Err(EditError::Path);
    }
    let mut slot = Slot::Table(root);
    for (i, seg) in head.iter().enumerate() {
        let list = matches!(path.get(i + 1), Some(Seg::Index(_)));
        slot = step(slot, seg, i == 0, create, list)?;
    }
    Ok((slot, last))
}

/// Keys whose values are dates, numbers: the form's text is read as one when it
/// can be, also when a half-typed value ("0", "12.500.") was kept as text.
const DATE_KEYS: &[&str] = &["date", "deadline", "due", "before"];
const NUMBER_KEYS: &[&str] = &["value", "total", "amount", "number", "year", "vision", "baseline", "period"];

/// The key a value is typed under: a list item's is its list's ("period" for
/// `["period", 0]`).
fn field_key(path: &[Seg]) -> &str {
    path.iter()
        .rev()
        .find_map(|s| match s {
            Seg::Key(k) => Some(k.as_str()),
            Seg::Index(_) => None,
        })
        .unwrap_or("")
}

fn set(root: &mut Table, path: &[Seg], value: &Json) -> Result<(), EditError> {
    let blank = value.as_str().is_some_and(|s| s.trim().is_empty()) || value.is_null();
    // A field left blank is removed, unless comment lines stand above it: it is
    // being retyped, and the comments and its place stay. A list row emptied stays
    // a row (the row after it keeps its place) unless it is the last.
    if blank {
        match path.last() {
            Some(Seg::Key(_)) if !commented(root, path) => {
                // Removing what is not there is nothing to do.
                return match remove(root, path) {
                    Err(EditError::Path) => Ok(()),
                    other => other,
                };
            }
            Some(Seg::Index(i)) if list_len(root, path) == Some(i + 1) => {
                remove(root, path)?;
                // A list left empty goes too (`period = []` is no period).
                if list_len(root, path) == Some(0) {
                    remove(root, &path[..path.len() - 1])?;
                }
                return Ok(());
            }
            _ => {}
        }
    }
    let key = field_key(path);
    let (parent, last) = parent(root, path, true)?;
    let fit = |old: Option<&Value>| -> Value {
        let mut new = to_value(value, key, old);
        if let Some(old) = old {
            *new.decor_mut() = old.decor().clone();
        }
        new
    };
    // Replaced in place, not inserted anew: the comment lines above a key are
    // written in its key's decor, which an insert would drop.
    let into_table = |t: &mut dyn toml_edit::TableLike, k: &str| {
        let old = t.get(k).and_then(Item::as_value).cloned();
        let new = Item::Value(fit(old.as_ref()));
        match t.get_mut(k) {
            Some(item) => *item = new,
            None => {
                t.insert(k, new);
            }
        }
    };
    match (parent, last) {
        (Slot::Table(t), Seg::Key(k)) => into_table(t, k),
        (Slot::Item(Item::Value(Value::Array(a))) | Slot::Value(Value::Array(a)), Seg::Index(i)) => {
            match a.get(*i).cloned() {
                Some(old) => {
                    a.replace_formatted(*i, fit(Some(&old)));
                }
                // A row typed past the end ("đến năm" of a period not yet begun): laid
                // out as the rows before it, the list's comments kept.
                None => {
                    while a.len() < *i {
                        push_like_siblings(a, Value::from(""));
                    }
                    push_like_siblings(a, fit(None));
                }
            }
        }
        (Slot::Item(Item::Value(Value::InlineTable(t))) | Slot::Value(Value::InlineTable(t)), Seg::Key(k)) => {
            let mut new = fit(t.get(k));
            match t.get_mut(k) {
                Some(v) => *v = new,
                None => {
                    // Laid out anew as one writes it: `{ name = "…", remove = true }`, not
                    // `{ name = "…" , remove = true }` (an inline table holds no comments).
                    *new.decor_mut() = toml_edit::Decor::default();
                    t.insert(k, new);
                    t.fmt();
                }
            }
        }
        (Slot::Item(item), Seg::Key(k)) => into_table(item.as_table_like_mut().ok_or(EditError::Path)?, k),
        _ => return Err(EditError::Path),
    }
    Ok(())
}

/// Whether the key at `path` has comment lines above it.
fn commented(root: &mut Table, path: &[Seg]) -> bool {
    let Ok((slot, Seg::Key(k))) = parent(root, path, false) else { return false };
    let table: Option<&mut dyn toml_edit::TableLike> = match slot {
        Slot::Table(t) => Some(t),
        Slot::Item(item) => item.as_table_like_mut(),
        Slot::Value(Value::InlineTable(t)) => Some(t),
        Slot::Value(_) => None,
    };
    table
        .and_then(|t| {
            t.key(k).map(|key| key.leaf_decor().prefix().and_then(|p| p.as_str()).unwrap_or("").contains('#'))
        })
        .unwrap_or(false)
}

/// The length of the list holding the item at `path` (its last step an index,
/// in the list or not).
fn list_len(root: &mut Table, path: &[Seg]) -> Option<usize> {
    match parent(root, path, false).ok()? {
        (Slot::Item(Item::Value(Value::Array(a))) | Slot::Value(Value::Array(a)), Seg::Index(_)) => Some(a.len()),
        _ => None,
    }
}

fn remove(root: &mut Table, path: &[Seg]) -> Result<(), EditError> {
    let (parent, last) = parent(root, path, false)?;
    let done = match (parent, last) {
        (Slot::Table(t), Seg::Key(k)) => t.remove(k).is_some(),
        (Slot::Item(Item::ArrayOfTables(a)), Seg::Index(i)) if *i < a.len() => {
            a.remove(*i);
            true
        }
        (Slot::Item(Item::Value(Value::Array(a))) | Slot::Value(Value::Array(a)), Seg::Index(i)) if *i < a.len() => {
            a.remove(*i);
            true
        }
        (Slot::Item(item), Seg::Key(k)) => item.as_table_like_mut().and_then(|t| t.remove(k)).is_some(),
        (Slot::Value(Value::InlineTable(t)), Seg::Key(k)) => t.remove(k).is_some(),
        _ => false,
    };
    if done {
        Ok(())
    } else {
        Err(EditError::Path)
    }
}

fn push(root: &mut Table, path: &[Seg], value: &Json) -> Result<(), EditError> {
    let (parent, last) = parent(root, path, true)?;
    let Seg::Key(k) = last else { return Err(EditError::Path) };
    let key = k.as_str();
    // A list not there yet is made with its first item (an `Item::None` put in a
    // table is no entry at all: the list of a table like `[budget]` was never found).
    let slot: &mut Item = match parent {
        Slot::Table(t) if !t.contains_key(key) => {
            t.insert(key, new_list(value, key));
            return Ok(());
        }
        Slot::Table(t) => t.get_mut(key).ok_or(EditError::Path)?,
        Slot::Item(item) => {
            let t = item.as_table_like_mut().ok_or(EditError::Path)?;
            if !t.contains_key(key) {
                t.insert(key, new_list(value, key));
                return Ok(());
            }
            t.get_mut(key).ok_or(EditError::Path)?
        }
        Slot::Value(Value::InlineTable(t)) => {
            let a = t.entry(key).or_insert(Value::Array(Array::new()));
            let Value::Array(a) = a else { return Err(EditError::Path) };
            a.push_formatted(to_value(value, key, None));
            return Ok(());
        }
        Slot::Value(_) => return Err(EditError::Path),
    };
    match (slot, value) {
        // A new table in a list of tables ([[objectives.indicators]]): written as a
        // `[[…]]` section; toml_edit prints it after its last sibling.
        (slot @ Item::None, Json::Object(m)) => {
            let mut a = ArrayOfTables::new();
            a.push(table_of(m));
            *slot = Item::ArrayOfTables(a);
        }
        (Item::ArrayOfTables(a), Json::Object(m)) => a.push(table_of(m)),
        (slot @ Item::None, _) => {
            let mut a = Array::new();
            a.push_formatted(to_value(value, key, None));
            *slot = Item::Value(Value::Array(a));
        }
        (Item::Value(Value::Array(a)), _) => push_like_siblings(a, to_value(value, key, None)),
        _ => return Err(EditError::Path),
    }
    Ok(())
}

/// `v` added at the end of `a`, laid out as the items before it (one per line or
/// all on one); the list's own comments and trailing comma stay.
fn push_like_siblings(a: &mut Array, mut v: Value) {
    let on_lines = |d: &toml_edit::Decor| d.prefix().and_then(|p| p.as_str()).is_some_and(|p| p.contains('\n'));
    match a.iter().last() {
        Some(last) if a.len() > 1 || on_lines(last.decor()) => {
            // Its line break and indent, not a comment written above the last item.
            let prefix = last.decor().prefix().and_then(|p| p.as_str()).unwrap_or(" ");
            let indent = prefix.rfind('\n').map_or(prefix, |i| &prefix[i..]).to_string();
            v.decor_mut().set_prefix(indent);
        }
        Some(_) => v.decor_mut().set_prefix(" "),
        None => {}
    }
    a.push_formatted(v);
}

/// A list of one item: `[[key]]` tables for a table, else `key = [value]`.
fn new_list(value: &Json, key: &str) -> Item {
    match value {
        Json::Object(m) => {
            let mut a = ArrayOfTables::new();
            a.push(table_of(m));
            Item::ArrayOfTables(a)
        }
        _ => {
            let mut a = Array::new();
            a.push_formatted(to_value(value, key, None));
            Item::Value(Value::Array(a))
        }
    }
}

fn table_of(m: &Map<String, Json>) -> Table {
    let mut t = Table::new();
    for (k, v) in m {
        if !v.is_null() && v.as_str().is_none_or(|s| !s.trim().is_empty()) {
            t.insert(k, Item::Value(to_value(v, k, None)));
        }
    }
    t
}

/// The TOML value for the form's value at `key`; text where a number or a date
/// belongs is read as one ("12.500.000", "63,7", "03/4/2023"), else kept as text
/// for the checks to explain.
fn to_value(v: &Json, key: &str, old: Option<&Value>) -> Value {
    match v {
        Json::String(s) => {
            let s = s.trim();
            let unset = matches!(old, None | Some(Value::String(_)));
            // A milestone's key is its year: its value is a number.
            let numeric = NUMBER_KEYS.contains(&key) || (!key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()));
            let wants_number = matches!(old, Some(Value::Integer(_) | Value::Float(_))) || (unset && numeric);
            let wants_date = matches!(old, Some(Value::Datetime(_))) || (unset && DATE_KEYS.contains(&key));
            // A document's number is digits only: "93a" or "93/KH" stays text, and the
            // check says it is no number, rather than 93 printed without a word.
            let digits_only = key != "number" || s.chars().all(|c| c.is_ascii_digit());
            if wants_number && digits_only {
                if let Some(n) = number(s) {
                    return n;
                }
            }
            if wants_date {
                if let Some(d) = date(s) {
                    return d;
                }
            }
            Value::from(s)
        }
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::from(i),
            None => Value::from(n.as_f64().unwrap_or_default()),
        },
        Json::Bool(b) => Value::from(*b),
        Json::Array(items) => {
            let mut a = Array::new();
            for i in items {
                a.push_formatted(to_value(i, key, None));
            }
            a.fmt();
            Value::Array(a)
        }
        Json::Object(m) => {
            let mut t = InlineTable::new();
            for (k, v) in m {
                if !v.is_null() && v.as_str().is_none_or(|s| !s.trim().is_empty()) {
                    t.insert(k, to_value(v, k, None));
                }
            }
            t.fmt();
            Value::InlineTable(t)
        }
        Json::Null => Value::from(""),
    }
}

/// A number as people write it ("12.500.000.000", "63,7", "65%", "500 triệu"): the
/// unit after it has a field of its own.
pub fn number(s: &str) -> Option<Value> {
    use crate::vi::number::{read, Written};
    read(s).map(|n| match n {
        Written::Integer(i) => Value::from(i),
        Written::Decimal(x) => Value::from(x),
    })
}

/// A date as people write it: "2023-04-03", "2023-4-3", "03/4/2023".
pub fn date(s: &str) -> Option<Value> {
    let parsed = crate::vi::date::read(s)?;
    parsed.format("%Y-%m-%d").to_string().parse::<toml_edit::Datetime>().ok().map(Value::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"# đầu tệp
[document]
kind = "ke-hoach"   # loại
date = 2023-04-03
summary = "Trẻ em"

[agencies]
yte = { name = "Sở Y tế" }

[[objectives]]
id = "a"

[[objectives.indicators]]
id = "a1"
target = { value = 63.7, unit = "%" } # giữ chú thích
lead = "yte"

[[objectives]]
id = "b"

[[objectives.indicators]]
id = "b1"

[recipients]
to = ["UBND tỉnh"]
"#;

    fn edits(json: Json) -> Vec<Edit> {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn a_document_number_is_digits_only() {
        let set_number = |typed: &str| {
            let ops = json!([{"op":"set","path":["document","number"],"value":typed}]);
            let out = apply(TEXT, &edits(ops)).unwrap();
            toml::from_str::<toml::Value>(&out).unwrap()["document"]["number"].clone()
        };
        assert_eq!(set_number("093").as_integer(), Some(93));
        assert_eq!(set_number("93a").as_str(), Some("93a"));
        assert_eq!(set_number("93/KH").as_str(), Some("93/KH"));
    }

    #[test]
    fn numbers_as_people_write_them() {
        let n = |s: &str| number(s).map(|v| v.to_string().trim().to_string());
        assert_eq!(n("17,6‰").as_deref(), Some("17.6"));
        assert_eq!(n("18.680.000.000 đồng").as_deref(), Some("18680000000"));
        assert_eq!(n("65 %").as_deref(), Some("65"));
        assert_eq!(n("150/100.000"), None, "a rate stays text for the checks to explain");
        assert_eq!(n("2021-2025"), None);
        assert_eq!(n("đạt 65%"), None);
        assert_eq!(n("500 triệu").as_deref(), Some("500000000"));
        assert_eq!(n("12,5 tỷ đồng").as_deref(), Some("12500000000"));
        assert_eq!(n("95 xã").as_deref(), Some("95"), "the unit has a field of its own");
        assert_eq!(n("0.125").as_deref(), Some("0.125"), "the form shows decimals with a dot");
        assert_eq!(n("150/100.000"), None);
    }

    #[test]
    fn a_set_keeps_comments_and_order() {
        let out = apply(
            TEXT,
            &edits(json!([{"op":"set","path":["objectives",0,"indicators",0,"target","value"],"value":"65,5"}])),
        )
        .unwrap();
        assert_eq!(out, TEXT.replace("value = 63.7", "value = 65.5"));
        let out = apply(TEXT, &edits(json!([{"op":"set","path":["document","kind"],"value":"quyet-dinh"}]))).unwrap();
        assert_eq!(out, TEXT.replace("kind = \"ke-hoach\"", "kind = \"quyet-dinh\""));
        let out = apply(TEXT, &edits(json!([{"op":"set","path":["document","date"],"value":"05/12/2024"}]))).unwrap();
        assert_eq!(out, TEXT.replace("2023-04-03", "2024-12-05"));
        let out =
            apply(TEXT, &edits(json!([{"op":"set","path":["agencies","yte","name"],"value":"Sở Y tế tỉnh"}]))).unwrap();
        assert!(out.contains("yte = { name = \"Sở Y tế tỉnh\" }"), "{out}");
        // A key added to an inline table reads as if written by hand.
        let out = apply(TEXT, &edits(json!([{"op":"set","path":["agencies","yte","remove"],"value":true}]))).unwrap();
        assert!(out.contains("yte = { name = \"Sở Y tế\", remove = true }"), "{out}");
    }

    #[test]
    fn a_new_indicator_lands_in_its_own_objective() {
        let value = json!({"id":"a2","text":"Tỷ lệ","lead":"yte","target":{"value":"12.500","unit":"người"}});
        let out =
            apply(TEXT, &edits(json!([{"op":"push","path":["objectives",0,"indicators"],"value":value}]))).unwrap();
        let plan: toml::Value = toml::from_str(&out).unwrap();
        let first = plan["objectives"][0]["indicators"].as_array().unwrap();
        assert_eq!(first.len(), 2, "{out}");
        assert_eq!(first[1]["id"].as_str(), Some("a2"));
        assert_eq!(first[1]["target"]["value"].as_integer(), Some(12500));
        assert_eq!(plan["objectives"][1]["indicators"].as_array().unwrap().len(), 1);
        assert!(out.starts_with("# đầu tệp\n"));
    }

    /// The form's "+ milestone": the single number gives way, in one request.
    #[test]
    fn a_milestone_replaces_the_single_target() {
        let path = json!(["objectives", 0, "indicators", 0, "target"]);
        let ops = json!([
            {"op":"remove","path":["objectives",0,"indicators",0,"target","value"]},
            {"op":"set","path":["objectives",0,"indicators",0,"target","milestones","2025"],"value":"65,5"}
        ]);
        let out = apply(TEXT, &edits(ops)).unwrap();
        let plan: toml::Value = toml::from_str(&out).unwrap();
        let target = &plan["objectives"][0]["indicators"][0]["target"];
        assert!(target.get("value").is_none(), "{out}");
        assert_eq!(target["milestones"]["2025"].as_float(), Some(65.5), "{out}");
        assert!(!out.contains(" ,"), "{out}");
        // Kept beside the value too (a file written by hand): laid out as one writes it.
        let ops =
            json!([{"op":"set","path":["objectives",0,"indicators",0,"target","milestones","2025"],"value":"75"}]);
        let out = apply(TEXT, &edits(ops)).unwrap();
        assert!(out.contains("target = { value = 63.7, unit = \"%\", milestones = { 2025 = 75 } }"), "{out}");
        // A bare number: the whole target gives way to a table of milestones.
        let bare = TEXT.replace("target = { value = 63.7, unit = \"%\" } # giữ chú thích", "target = 98");
        let ops = json!([{"op":"remove","path":path}, {"op":"set","path":["objectives",0,"indicators",0,"target","milestones","2025"],"value":"99"}]);
        let out = apply(&bare, &edits(ops)).unwrap();
        let plan: toml::Value = toml::from_str(&out).unwrap();
        assert_eq!(
            plan["objectives"][0]["indicators"][0]["target"]["milestones"]["2025"].as_integer(),
            Some(99),
            "{out}"
        );
    }

    /// A compound indicator's parts are edited in place, each its own target.
    #[test]
    fn a_part_of_a_compound_indicator_is_edited_in_place() {
        let text = TEXT.replace(
            "[[objectives]]\nid = \"b\"",
            "[[objectives.indicators.parts]]\nid = \"p1\"\ntext = \"giảm A\"\ntarget = { value = 10, unit = \"%\" }\n\n[[objectives]]\nid = \"b\"",
        );
        let ops = json!([{"op":"set","path":["objectives",0,"indicators",0,"parts",0,"target","value"],"value":"9,5"}]);
        let out = apply(&text, &edits(ops)).unwrap();
        let plan: toml::Value = toml::from_str(&out).unwrap();
        assert_eq!(
            plan["objectives"][0]["indicators"][0]["parts"][0]["target"]["value"].as_float(),
            Some(9.5),
            "{out}"
        );
    }

    #[test]
    fn lists_grow_and_shrink_and_blank_removes() {
        let out = apply(TEXT, &edits(json!([{"op":"push","path":["recipients","to"],"value":"Sở Y tế"}]))).unwrap();
        assert!(out.contains(r#"to = ["UBND tỉnh", "Sở Y tế"]"#), "{out}");
        let out = apply(TEXT, &edits(json!([{"op":"remove","path":["objectives",1]}]))).unwrap();
        let plan: toml::Value = toml::from_str(&out).unwrap();
        assert_eq!(plan["objectives"].as_array().unwrap().len(), 1);
        let out = apply(TEXT, &edits(json!([{"op":"set","path":["objectives",0,"indicators",0,"lead"],"value":" "}])))
            .unwrap();
        assert!(!out.contains("lead = \"yte\""));
        let out =
            apply(TEXT, &edits(json!([{"op":"set","path":["budget","total"],"value":"12.500.000.000"}]))).unwrap();
        assert!(out.contains("[budget]\ntotal = 12500000000"), "{out}");
    }

    /// What the form sends key by key: each half-typed value is applied to the
    /// text the previous one left.
    fn typed(text: &str, path: Json, keys: &str) -> String {
        let mut out = text.to_string();
        let mut value = String::new();
        for c in keys.chars() {
            value.push(c);
            out = apply(&out, &edits(json!([{"op":"set","path":path,"value":value}]))).unwrap();
        }
        out
    }

    #[test]
    fn values_typed_key_by_key_end_as_dates_and_numbers() {
        let out = typed(TEXT, json!(["document", "date"]), "05/12/2024");
        assert!(out.contains("date = 2024-12-05\n"), "{out}");
        let out = typed(TEXT, json!(["budget", "total"]), "12.500.000.000");
        assert!(out.contains("total = 12500000000\n"), "{out}");
        let out = typed(TEXT, json!(["objectives", 0, "indicators", 0, "target", "milestones", "2027"]), "85");
        assert!(out.contains("2027 = 85"), "{out}");
        // A period typed into a plan without one, "đến năm" first.
        let out = typed(TEXT, json!(["document", "period", 1]), "2030");
        let out = typed(&out, json!(["document", "period", 0]), "2024");
        assert!(out.contains("period = [2024, 2030]"), "{out}");
    }

    #[test]
    fn a_list_row_emptied_and_retyped_stays_in_its_place() {
        let text = TEXT.replace(r#"to = ["UBND tỉnh"]"#, r#"to = ["UBND tỉnh", "Sở Y tế", "Các trường"]"#);
        let out = apply(&text, &edits(json!([{"op":"set","path":["recipients","to",0],"value":""}]))).unwrap();
        let out = typed(&out, json!(["recipients", "to", 0]), "UBND huyện");
        assert!(out.contains(r#"to = ["UBND huyện", "Sở Y tế", "Các trường"]"#), "{out}");
    }

    #[test]
    fn comment_lines_above_an_edited_key_stay() {
        let text = TEXT.replace("summary = ", "# Trích yếu: một dòng.\nsummary = ");
        let out =
            apply(&text, &edits(json!([{"op":"set","path":["document","summary"],"value":"Trẻ em 2024"}]))).unwrap();
        assert_eq!(out, text.replace("\"Trẻ em\"", "\"Trẻ em 2024\""));
        let out = apply(
            &text,
            &edits(json!([{"op":"set","path":["objectives",0,"indicators",0,"target","unit"],"value":"‰"}])),
        )
        .unwrap();
        assert!(out.contains("unit = \"‰\" } # giữ chú thích"), "{out}");
        // Emptied with Backspace, then typed again: the comment and the place stay.
        let out = apply(&text, &edits(json!([{"op":"set","path":["document","summary"],"value":""}]))).unwrap();
        let out = typed(&out, json!(["document", "summary"]), "Trẻ em 2024");
        assert_eq!(out, text.replace("\"Trẻ em\"", "\"Trẻ em 2024\""));
    }

    #[test]
    fn the_last_row_emptied_goes_and_an_empty_period_with_it() {
        let out = typed(TEXT, json!(["document", "period", 0]), "2024");
        let out = apply(&out, &edits(json!([{"op":"set","path":["document","period",0],"value":""}]))).unwrap();
        assert!(!out.contains("period"), "{out}");
    }

    #[test]
    fn a_row_added_to_a_list_keeps_its_layout_and_comments() {
        let text = "bases = [\n  # của Bộ\n  \"Công văn số 1\",\n  # của tỉnh\n  \"Kế hoạch số 2\",\n]\n";
        let out = apply(text, &edits(json!([{"op":"push","path":["bases"],"value":"Công văn số 3"}]))).unwrap();
        assert_eq!(out, text.replace("\n]", "\n  \"Công văn số 3\",\n]"), "{out}");
        let out = apply(text, &edits(json!([{"op":"set","path":["bases",2],"value":"Công văn số 3"}]))).unwrap();
        assert_eq!(out, text.replace("\n]", "\n  \"Công văn số 3\",\n]"), "{out}");
    }

    #[test]
    fn a_list_whose_last_row_is_removed_goes() {
        let text = "bases = [\"Công văn số 1\"]\n\n[document]\nkind = \"ke-hoach\"\n";
        let out = apply(text, &edits(json!([{"op":"remove","path":["bases",0]}]))).unwrap();
        assert!(!out.contains("bases"), "{out}");
    }

    #[test]
    fn a_first_funding_source_is_added_to_an_existing_budget() {
        let text = format!("{TEXT}\n[budget]\nbody = \"Ngân sách tỉnh.\"\n");
        let value = json!({"name": "Ngân sách tỉnh", "amount": "12.500.000"});
        let out = apply(&text, &edits(json!([{"op":"push","path":["budget","sources"],"value":value}]))).unwrap();
        let plan: toml::Value = toml::from_str(&out).unwrap();
        assert_eq!(plan["budget"]["sources"][0]["amount"].as_integer(), Some(12_500_000), "{out}");
        assert_eq!(plan["budget"]["body"].as_str(), Some("Ngân sách tỉnh."));
    }

    #[test]
    fn bad_paths_and_bad_text_are_errors_not_panics() {
        for path in [json!([]), json!([0]), json!(["document", 5]), json!(["objectives", 9, "id"])] {
            let e = edits(json!([{"op":"set","path":path,"value":"x"}]));
            assert_eq!(apply(TEXT, &e), Err(EditError::Path), "{path}");
        }
        assert_eq!(apply("a = ", &[]), Err(EditError::Syntax));
    }

    #[test]
    fn fields_name_what_a_position_is_in() {
        let f = fields(TEXT);
        let at = TEXT.find("63.7").unwrap();
        assert_eq!(field_at(&f, at).as_deref(), Some(r#"["objectives",0,"indicators",0,"target","value"]"#));
        let at = TEXT.find("\"yte\"\n").unwrap();
        assert_eq!(field_at(&f, at).as_deref(), Some(r#"["objectives",0,"indicators",0,"lead"]"#));
        let form = form(TEXT).unwrap();
        assert_eq!(form["document"]["date"], json!("2023-04-03"));
    }
}
