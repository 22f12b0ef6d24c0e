//! The plan as a tree of fields, and every place where two trees differ.
//!
//! This walk is what makes the change list complete: it knows no field by name
//! (only how the entries of a list are identified), so a field added to the
//! model is compared the day it is added. `changes` words each difference the
//! way a reviewer reads it; a difference it has no wording for is still listed.

use std::collections::{BTreeSet, HashMap};

use serde_json::Value;

use super::normalize::Policy;
use crate::model::Plan;

/// One step of a path into the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Field(String),
    /// An entry of a list, by its key, with its index in the old and the new list.
    Entry {
        key: String,
        old: Option<usize>,
        new: Option<usize>,
    },
    /// The entry moved: to another place among its siblings, or to another parent.
    Moved,
}

/// A field whose value differs; `None` is absent (or empty).
#[derive(Clone, Debug)]
pub struct Leaf {
    pub path: Vec<Step>,
    pub old: Option<Value>,
    pub new: Option<Value>,
}

/// `objectives[muc-tieu-1].indicators[ct-3].target.value`, as the JSON output names fields.
pub fn display(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Field(f) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(f);
            }
            Step::Entry { key, .. } => {
                out.push('[');
                out.push_str(key);
                out.push(']');
            }
            Step::Moved => out.push_str("#moved"),
        }
    }
    out
}

/// The plan as a tree: the model's own field names, spans left out.
pub fn tree(plan: &Plan) -> Value {
    serde_json::to_value(plan).unwrap_or(Value::Null)
}

/// Fields that identify an entry of a list, in order of preference: the first
/// one that every entry of both lists has, once each.
const ENTRY_KEYS: [&str; 5] = ["id", "agency", "name", "what", "title"];

/// Fields in the order a reader meets them; others follow alphabetically.
const READING_ORDER: [&str; 40] = [
    "document",
    "kind",
    "number",
    "code",
    "place",
    "date",
    "summary",
    "period",
    "status",
    "issuer",
    "parent",
    "name",
    "abbr",
    "header_lines",
    "decision",
    "authority",
    "bases",
    "proposal",
    "articles",
    "preamble",
    "objectives",
    "id",
    "title",
    "text",
    "target",
    "value",
    "unit",
    "verb",
    "direction",
    "lead",
    "support",
    "sections",
    "body",
    "budget",
    "duties",
    "reporting",
    "closing",
    "appendix",
    "recipients",
    "signature",
];

fn present(v: Option<&Value>) -> Option<&Value> {
    v.filter(|v| match v {
        Value::Null => false,
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        _ => true,
    })
}

/// Whether two values read the same under the comparison policy.
pub fn same(a: &Value, b: &Value, policy: &Policy) -> bool {
    match (a, b) {
        (Value::String(x), Value::String(y)) => policy.same(x, y),
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q, policy)),
        (Value::Object(x), Value::Object(y)) => {
            let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().all(|k| match (present(x.get(k)), present(y.get(k))) {
                (Some(p), Some(q)) => same(p, q, policy),
                (None, None) => true,
                _ => false,
            })
        }
        _ => a == b,
    }
}

fn entry_key<'a>(v: &'a Value, field: &str) -> Option<&'a str> {
    v.as_object()?.get(field)?.as_str()
}

/// The field that keys the entries of both lists, if they are keyed entries.
fn keyed_by(a: &[Value], b: &[Value]) -> Option<&'static str> {
    ENTRY_KEYS.into_iter().find(|field| {
        [a, b].iter().all(|list| {
            let mut seen = std::collections::HashSet::new();
            list.iter().all(|v| entry_key(v, field).is_some_and(|k| seen.insert(k)))
        })
    })
}

fn field_rank(name: &str) -> (usize, &str) {
    (READING_ORDER.iter().position(|f| *f == name).unwrap_or(READING_ORDER.len()), name)
}

struct Walk<'a> {
    policy: &'a Policy,
    out: Vec<Leaf>,
}

impl Walk<'_> {
    fn leaf(&mut self, path: &[Step], old: Option<&Value>, new: Option<&Value>) {
        self.out.push(Leaf { path: path.to_vec(), old: old.cloned(), new: new.cloned() });
    }

    fn walk(&mut self, path: &mut Vec<Step>, old: Option<&Value>, new: Option<&Value>) {
        // Equal as written: nothing below can differ (most of two versions is this).
        if old.is_some() && old == new {
            return;
        }
        match (present(old), present(new)) {
            (None, None) => {}
            (Some(Value::Object(a)), Some(Value::Object(b))) => {
                let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect::<BTreeSet<_>>().into_iter().collect();
                keys.sort_by_key(|k| field_rank(k));
                for k in keys {
                    path.push(Step::Field(k.clone()));
                    self.walk(path, a.get(k), b.get(k));
                    path.pop();
                }
            }
            (Some(Value::Array(a)), Some(Value::Array(b))) => match keyed_by(a, b) {
                Some(field) => self.entries(path, a, b, field),
                None if a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y, self.policy)) => {}
                // Entries without a unique key (two duties for one agency): matched by likeness.
                None if a.iter().chain(b).all(Value::is_object) => self.unkeyed(path, a, b),
                None => self.leaf(path, old, new),
            },
            // A list of entries that is new or gone: entry by entry all the same.
            (Some(Value::Array(a)), None) if keyed_by(a, &[]).is_some() => {
                self.entries(path, a, &[], keyed_by(a, &[]).unwrap_or("id"))
            }
            (None, Some(Value::Array(b))) if keyed_by(&[], b).is_some() => {
                self.entries(path, &[], b, keyed_by(&[], b).unwrap_or("id"))
            }
            (Some(a), Some(b)) if same(a, b, self.policy) => {}
            (a, b) => self.leaf(path, a, b),
        }
    }

    /// Entries matched by their text; keyed by their place in the new (or old) list.
    fn unkeyed(&mut self, path: &mut Vec<Step>, a: &[Value], b: &[Value]) {
        let text = |v: &Value| v.to_string();
        let ka: Vec<String> = a.iter().map(text).collect();
        let kb: Vec<String> = b.iter().map(text).collect();
        for pair in super::align::align(&ka, &kb, true) {
            let (o, n) = match pair {
                super::align::Pair::Same(..) => continue,
                super::align::Pair::Edited(i, j) | super::align::Pair::Moved(i, j) => (Some(i), Some(j)),
                super::align::Pair::Removed(i) => (Some(i), None),
                super::align::Pair::Added(j) => (None, Some(j)),
            };
            let key = n.or(o).map_or(0, |k| k + 1).to_string();
            path.push(Step::Entry { key, old: o, new: n });
            if let (Some(i), Some(j), super::align::Pair::Moved(..)) = (o, n, pair) {
                path.push(Step::Moved);
                self.leaf(path, Some(&Value::from(i + 1)), Some(&Value::from(j + 1)));
                path.pop();
            }
            self.walk(path, o.map(|i| &a[i]), n.map(|j| &b[j]));
            path.pop();
        }
    }

    /// Entries matched by key; an entry whose place among the others changed is a move.
    fn entries(&mut self, path: &mut Vec<Step>, a: &[Value], b: &[Value], field: &str) {
        let old_at: HashMap<&str, usize> =
            a.iter().enumerate().filter_map(|(i, v)| Some((entry_key(v, field)?, i))).collect();
        let new_at: HashMap<&str, usize> =
            b.iter().enumerate().filter_map(|(i, v)| Some((entry_key(v, field)?, i))).collect();
        // Order of the entries both lists have: those off the longest common run moved.
        let common_old: Vec<&str> =
            a.iter().filter_map(|v| entry_key(v, field)).filter(|k| new_at.contains_key(k)).collect();
        let common_new: Vec<&str> =
            b.iter().filter_map(|v| entry_key(v, field)).filter(|k| old_at.contains_key(k)).collect();
        let mut in_place: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for op in super::words::diff_ops(&common_old, &common_new) {
            if let similar::DiffOp::Equal { old_index, len, .. } = op {
                in_place.extend(&common_old[old_index..old_index + len]);
            }
        }
        let mut visit = |walk: &mut Self, key: &str| {
            let (o, n) = (old_at.get(key).copied(), new_at.get(key).copied());
            path.push(Step::Entry { key: key.to_string(), old: o, new: n });
            if o.is_some() && n.is_some() && !in_place.contains(key) {
                path.push(Step::Moved);
                walk.leaf(path, o.map(|i| Value::from(i + 1)).as_ref(), n.map(|i| Value::from(i + 1)).as_ref());
                path.pop();
            }
            walk.walk(path, o.map(|i| &a[i]), n.map(|i| &b[i]));
            path.pop();
        };
        for v in b {
            if let Some(k) = entry_key(v, field) {
                visit(self, k);
            }
        }
        for v in a {
            if let Some(k) = entry_key(v, field).filter(|k| !new_at.contains_key(k)) {
                visit(self, k);
            }
        }
    }
}

/// Entries that left one parent list and joined another under the same key (an
/// indicator moved to another objective) become one move and the changes within.
fn join_moves(leaves: Vec<Leaf>, policy: &Policy) -> Vec<Leaf> {
    let key_of = |l: &Leaf| -> Option<(String, String)> {
        let (Step::Entry { key, .. }, parent) = l.path.split_last()? else { return None };
        let list = match parent.last()? {
            Step::Field(f) => f.clone(),
            _ => return None,
        };
        (parent.len() >= 2).then(|| (list, key.clone()))
    };
    let removed: HashMap<(String, String), usize> = leaves
        .iter()
        .enumerate()
        .filter(|(_, l)| l.new.is_none() && l.old.is_some())
        .filter_map(|(i, l)| Some((key_of(l)?, i)))
        .collect();
    let mut gone = vec![false; leaves.len()];
    let mut extra: Vec<(usize, Vec<Leaf>)> = Vec::new();
    for (i, l) in leaves.iter().enumerate() {
        if l.old.is_some() || l.new.is_none() {
            continue;
        }
        let Some(&r) = key_of(l).and_then(|k| removed.get(&k)) else { continue };
        if gone[r] {
            continue;
        }
        gone[r] = true;
        gone[i] = true;
        let mut path = l.path.clone();
        if let (Some(Step::Entry { old, .. }), Some(Step::Entry { old: was, .. })) =
            (path.last_mut(), leaves[r].path.last())
        {
            *old = *was;
        }
        let mut w = Walk { policy, out: Vec::new() };
        path.push(Step::Moved);
        w.leaf(&path, Some(&Value::String(display(&leaves[r].path))), Some(&Value::String(display(&l.path))));
        path.pop();
        w.walk(&mut path, leaves[r].old.as_ref(), l.new.as_ref());
        extra.push((i, w.out));
    }
    let mut out = Vec::with_capacity(leaves.len());
    let mut extra = extra.into_iter().peekable();
    for (i, l) in leaves.into_iter().enumerate() {
        if let Some((_, e)) = extra.next_if(|(at, _)| *at == i) {
            out.extend(e);
        }
        if !gone[i] {
            out.push(l);
        }
    }
    out
}

/// Every field where the two plans differ, in reading order.
pub fn leaves(old: &Plan, new: &Plan, policy: &Policy) -> Vec<Leaf> {
    let (a, b) = (tree(old), tree(new));
    let mut w = Walk { policy, out: Vec::new() };
    let mut fields: Vec<&String> = a
        .as_object()
        .into_iter()
        .chain(b.as_object())
        .flat_map(|o| o.keys())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    fields.sort_by_key(|k| field_rank(k));
    for f in fields {
        let mut path = vec![Step::Field(f.clone())];
        w.walk(&mut path, a.get(f), b.get(f));
    }
    join_moves(w.out, policy)
}
