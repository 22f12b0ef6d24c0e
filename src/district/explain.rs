//! `kehoach explain PLAN KEY`: the effective value of a key and the files that set it.
//!
//! KEY is a dotted path in which an entry of an id-keyed array is named by its
//! id, and the objective level may be skipped:
//! `objectives.indicators.xa-phu-hop-tre-em.target`.

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::load::parse_table;
use crate::model::ResolvedPlan;
use crate::source::{SourceMap, Span};

/// The value at `path` in one file's own table, as its span.
fn lookup(value: &Spanned<DeValue<'_>>, path: &[&str]) -> Option<Span> {
    let Some((first, rest)) = path.split_first() else {
        return Some(Span::new(value.span().start, value.span().end));
    };
    match value.get_ref() {
        DeValue::Table(t) => t.get(*first).and_then(|v| lookup(v, rest)),
        DeValue::Array(items) => {
            // An entry named by its id (or, for duties, its agency) …
            let by_id = items.iter().find(|item| match item.get_ref() {
                DeValue::Table(t) => {
                    ["id", "agency"].iter().any(|k| t.get(*k).and_then(|v| v.get_ref().as_str()) == Some(*first))
                }
                _ => false,
            });
            match by_id {
                Some(item) => lookup(item, rest),
                // … or a key inside any entry (skipping the objective level).
                None => items.iter().find_map(|item| lookup(item, path)),
            }
        }
        _ => None,
    }
}

fn lookup_table(table: &DeTable<'_>, path: &[&str]) -> Option<Span> {
    let (first, rest) = path.split_first()?;
    table.get(*first).and_then(|v| lookup(v, rest))
}

/// (file, span) of every file in the chain that writes `key`, this plan's first.
pub fn setters(plan: &ResolvedPlan, map: &SourceMap, key: &str) -> Vec<Span> {
    // A key a child never inherits (its number, signature…) comes from the plan itself only.
    let depth = if crate::load::is_inherited(key) { usize::MAX } else { 1 };
    written(plan, map, key, depth)
}

/// Where the parents write a key this plan does not inherit (its date, its number).
pub fn written_above(plan: &ResolvedPlan, map: &SourceMap, key: &str) -> Vec<Span> {
    if crate::load::is_inherited(key) {
        return Vec::new();
    }
    written(plan, map, key, usize::MAX).into_iter().filter(|s| map.lookup(*s) != Some(plan.file)).collect()
}

/// The `remove = true` that drops the entry `key` names, if this plan drops it.
pub fn removed(plan: &ResolvedPlan, key: &str) -> Option<Span> {
    let path: Vec<&str> = key.split('.').filter(|s| !s.is_empty()).collect();
    plan.removals.iter().find(|r| path.windows(2).any(|w| w[0] == r.array && w[1] == r.id)).map(|r| r.span)
}

fn written(plan: &ResolvedPlan, map: &SourceMap, key: &str, depth: usize) -> Vec<Span> {
    let path: Vec<&str> = key.split('.').filter(|s| !s.is_empty()).collect();
    plan.chain()
        .into_iter()
        .take(depth)
        .filter_map(|file| {
            let table = parse_table(map, file).ok()?;
            lookup_table(table.get_ref(), &path)
        })
        .collect()
}

/// The table or list at `key` as the plan uses it, `extends` applied: what a child wrote over
/// what it inherited (`{ value = 68.2 }` over `{ value = 63.7, unit = "%" }` is
/// `{ value = 68.2, unit = "%" }`). Defaults (empty texts, tables, lists) are left out.
pub fn effective(plan: &ResolvedPlan, key: &str) -> Option<String> {
    let path: Vec<&str> = key.split('.').filter(|s| !s.is_empty()).collect();
    let whole = toml::Value::try_from(&plan.plan).ok()?;
    // A single value is as its file wrote it (a date stays a date): only tables and
    // lists are made of several files' keys.
    find(&whole, &path).filter(|v| v.is_table() || v.is_array()).as_ref().map(inline)
}

/// [`lookup`] over the merged plan's values. A list found in every entry of a list
/// (`objectives.indicators`: each objective's) is all of them, in order.
fn find(value: &toml::Value, path: &[&str]) -> Option<toml::Value> {
    let Some((first, rest)) = path.split_first() else { return Some(value.clone()) };
    match value {
        toml::Value::Table(t) => t.get(*first).and_then(|v| find(v, rest)),
        toml::Value::Array(items) => {
            let named = |item: &&toml::Value| {
                ["id", "agency"].iter().any(|k| item.get(*k).and_then(|v| v.as_str()) == Some(*first))
            };
            if let Some(item) = items.iter().find(named) {
                return find(item, rest);
            }
            let found: Vec<toml::Value> = items.iter().filter_map(|item| find(item, path)).collect();
            if found.len() > 1 && found.iter().all(toml::Value::is_array) {
                let all = found.into_iter().flat_map(|v| v.as_array().cloned().unwrap_or_default()).collect();
                return Some(toml::Value::Array(all));
            }
            found.into_iter().next()
        }
        _ => None,
    }
}

fn is_default(v: &toml::Value) -> bool {
    match v {
        toml::Value::String(s) => s.is_empty(),
        toml::Value::Table(t) => t.values().all(is_default),
        toml::Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// A value as TOML on one line.
fn inline(v: &toml::Value) -> String {
    match v {
        toml::Value::Table(t) => {
            let bare = |k: &str| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            let entries: Vec<String> = t
                .iter()
                .filter(|(_, v)| !is_default(v))
                .map(|(k, v)| {
                    let key = if bare(k) { k.clone() } else { toml::Value::String(k.clone()).to_string() };
                    format!("{key} = {}", inline(v))
                })
                .collect();
            if entries.is_empty() {
                "{}".into()
            } else {
                format!("{{ {} }}", entries.join(", "))
            }
        }
        toml::Value::Array(a) => format!("[{}]", a.iter().map(inline).collect::<Vec<_>>().join(", ")),
        // The model keeps numbers as floats: 50, as a file writes it, not 50.0.
        toml::Value::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}
