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
    let path: Vec<&str> = key.split('.').filter(|s| !s.is_empty()).collect();
    // A key a child never inherits (its number, signature…) comes from the plan itself only.
    let depth = if crate::load::is_inherited(key) { usize::MAX } else { 1 };
    plan.chain()
        .into_iter()
        .take(depth)
        .filter_map(|file| {
            let table = parse_table(map, file).ok()?;
            lookup_table(table.get_ref(), &path)
        })
        .collect()
}
