//! The spanned TOML tree made ready for the typed model: every string trimmed
//! once, and `remove = true` applied. After this no later stage trims plan text
//! or sees a removed entry.

use std::borrow::Cow;

use toml::de::{DeArray, DeTable, DeValue};
use toml::Spanned;

use crate::model::Removal;
use crate::source::Span;

/// Trims every string value, and the years of `milestones` tables.
pub fn trim_strings(table: &mut DeTable<'_>) {
    for (key, value) in table.iter_mut() {
        trim_value(value.get_mut(), key.get_ref() == "milestones");
    }
}

fn trim_value(value: &mut DeValue<'_>, milestones: bool) {
    match value {
        DeValue::String(s) => trim_cow(s),
        DeValue::Array(items) => {
            for item in items.iter_mut() {
                trim_value(item.get_mut(), false);
            }
        }
        DeValue::Table(t) if milestones && t.keys().any(|k| k.get_ref().trim() != k.get_ref()) => {
            let taken = std::mem::take(t);
            for (mut key, value) in taken {
                trim_cow(key.get_mut());
                t.insert(key, value);
            }
        }
        DeValue::Table(t) => trim_strings(t),
        _ => {}
    }
}

fn trim_cow(s: &mut Cow<'_, str>) {
    let trimmed = s.trim();
    if trimmed.len() != s.len() {
        *s = Cow::Owned(trimmed.to_string());
    }
}

/// Drops what is marked `remove = true`: entries of the merged arrays
/// (objectives, indicators, sections, duties), agencies, the budget. A district
/// plan's removals of inherited entries were already applied while merging;
/// what is left here was removed in the file that declares it.
///
/// Returns the agencies removed, with the place of their `remove = true`: work
/// still given to one is explained by it.
pub fn apply_removals(table: &mut DeTable<'_>) -> Vec<Removal> {
    let mut removals = Vec::new();
    if table.get("budget").is_some_and(removed) {
        table.remove("budget");
    }
    if let Some(DeValue::Table(agencies)) = table.get_mut("agencies").map(|v| v.get_mut()) {
        let gone: Vec<(String, Span)> = agencies
            .iter()
            .filter(|(_, v)| removed(v))
            .map(|(k, v)| (k.get_ref().to_string(), remove_span(v)))
            .collect();
        for (key, span) in gone {
            agencies.remove(key.as_str());
            removals.push(Removal { array: "agencies".into(), id: key, span, note: None });
        }
        for (_, agency) in agencies.iter_mut() {
            strip_flag(agency);
        }
    }
    if let Some(budget) = table.get_mut("budget") {
        strip_flag(budget);
    }
    for key in ["objectives", "sections", "duties"] {
        if let Some(DeValue::Array(items)) = table.get_mut(key).map(|v| v.get_mut()) {
            keep_unremoved(items);
        }
    }
    let gone: Vec<&str> = removals.iter().map(|r| r.id.as_str()).collect();
    if !gone.is_empty() {
        without_agencies(table, &gone);
    }
    if let Some(DeValue::Array(objectives)) = table.get_mut("objectives").map(|v| v.get_mut()) {
        for objective in objectives.iter_mut() {
            if let DeValue::Table(t) = objective.get_mut() {
                if let Some(DeValue::Array(items)) = t.get_mut("indicators").map(|v| v.get_mut()) {
                    keep_unremoved(items);
                }
            }
        }
    }
    removals
}

/// A removed agency is named nowhere: its duty goes, and it leaves the supporting
/// agencies and a list of several leads. An indicator it leads alone keeps it, so
/// that the error says which agency it was and where it was removed.
fn without_agencies(table: &mut DeTable<'_>, gone: &[&str]) {
    let named = |v: &Spanned<DeValue<'_>>| matches!(v.get_ref(), DeValue::String(s) if gone.contains(&s.as_ref()));
    if let Some(DeValue::Array(duties)) = table.get_mut("duties").map(|v| v.get_mut()) {
        let taken = std::mem::replace(duties, DeArray::new());
        for duty in taken {
            let theirs = matches!(duty.get_ref(), DeValue::Table(t) if t.get("agency").is_some_and(named));
            if !theirs {
                duties.push(duty);
            }
        }
    }
    let Some(DeValue::Array(objectives)) = table.get_mut("objectives").map(|v| v.get_mut()) else { return };
    for objective in objectives.iter_mut() {
        let DeValue::Table(o) = objective.get_mut() else { continue };
        let Some(DeValue::Array(indicators)) = o.get_mut("indicators").map(|v| v.get_mut()) else { continue };
        for indicator in indicators.iter_mut() {
            let DeValue::Table(i) = indicator.get_mut() else { continue };
            if let Some(DeValue::Array(support)) = i.get_mut("support").map(|v| v.get_mut()) {
                drop_named(support, &named);
            }
            if let Some(DeValue::Array(leads)) = i.get_mut("lead").map(|v| v.get_mut()) {
                if leads.iter().any(|l| !named(l)) {
                    drop_named(leads, &named);
                }
            }
        }
    }
}

fn drop_named(list: &mut DeArray<'_>, named: &dyn Fn(&Spanned<DeValue<'_>>) -> bool) {
    let taken = std::mem::replace(list, DeArray::new());
    for v in taken.into_iter().filter(|v| !named(v)) {
        list.push(v);
    }
}

fn keep_unremoved(items: &mut DeArray<'_>) {
    let taken = std::mem::replace(items, DeArray::new());
    for mut v in taken.into_iter().filter(|v| !removed(v)) {
        strip_flag(&mut v);
        items.push(v);
    }
}

/// Where `remove = true` is written in an entry.
fn remove_span(v: &Spanned<DeValue<'_>>) -> Span {
    let range = match v.get_ref() {
        DeValue::Table(t) => t.get("remove").map_or(v.span(), |r| r.span()),
        _ => v.span(),
    };
    Span::new(range.start, range.end)
}

/// Whether an entry says `remove = true`.
fn removed(v: &Spanned<DeValue<'_>>) -> bool {
    matches!(v.get_ref(), DeValue::Table(t) if matches!(t.get("remove").map(|x| x.get_ref()), Some(DeValue::Boolean(true))))
}

/// `remove = false` means nothing once removals are applied.
fn strip_flag(v: &mut Spanned<DeValue<'_>>) {
    if let DeValue::Table(t) = v.get_mut() {
        if matches!(t.get("remove").map(|x| x.get_ref()), Some(DeValue::Boolean(_))) {
            t.remove("remove");
        }
    }
}
