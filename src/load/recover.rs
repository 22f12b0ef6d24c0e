//! Reading on past a bad key: serde stops at the first unknown key or wrong type,
//! but a clerk should see every one in a file at once, not one per run. The bad
//! entry is taken out of the tree and the plan read again, until it reads or the
//! next problem is one that taking an entry out cannot get past (a key missing
//! from the file). A required key taken out for its type is read again as a
//! stand-in of the right type, so the keys after it are read too.
//!
//! Only a file that failed to read comes here: a good plan is read once, without
//! the copy each retry needs.

use std::ops::Range;

use serde::Deserialize;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::errors;
use crate::diag::{Code, Diagnostic};
use crate::model::Plan;
use crate::source::{FileId, SourceMap};

/// More than a clerk reads in one go, and a bound on the retries.
const MAX_REPORTED: usize = 50;

/// Every problem serde finds in `table`, in the order it finds them.
pub fn diagnose(map: &SourceMap, id: FileId, mut table: Spanned<DeTable<'_>>) -> Vec<Diagnostic> {
    let mut found: Vec<Diagnostic> = Vec::new();
    let mut taken: Vec<Taken<'_>> = Vec::new();
    let whole = table.span();
    while found.len() < MAX_REPORTED {
        let Err(e) = Plan::deserialize(toml::de::Deserializer::from(table.clone())) else { break };
        let d = errors::from_deserialize(map, id, &e);
        let Some(span) = e.span() else {
            found.push(d);
            break;
        };
        if d.code == Code::MissingKey {
            let key = errors::quoted(e.message()).into_iter().next().unwrap_or_default();
            let key = key.as_str();
            let at = if span == (0..0) { whole.clone() } else { span };
            let Some(i) =
                taken.iter().position(|t| t.table == at && [&t.key, &t.suggestion].contains(&&Some(key.into())))
            else {
                found.push(d);
                break;
            };
            // "leed" was said with its suggestion: read it as the "lead" it meant
            // and go on. A key taken out for its type is not missing as well: a
            // stand-in of the type asked for takes its place.
            let typo = taken.swap_remove(i);
            let value = if typo.key.as_deref() == Some(key) {
                match typo.stand_in {
                    Some(v) => Spanned::new(typo.value.span(), v),
                    None => break,
                }
            } else {
                typo.value
            };
            let Some(holder) = table_at(&mut table, &at) else { break };
            holder.insert(Spanned::new(typo.key_span, key.to_string().into()), value);
            continue;
        }
        match take_at(&mut table, &span) {
            Some(mut t) => {
                t.suggestion = errors::suggested_key(&e);
                t.stand_in = stand_in(e.message());
                found.push(remove_flag(&d, t.key.as_deref(), &t.value).unwrap_or(d));
                taken.push(t);
            }
            None => {
                found.push(d);
                break;
            }
        }
    }
    found
}

/// A value of the type an error asks for ("…, expected a string" → ""; an enum's
/// first value), to read on past a required key of the wrong type. None where a
/// stand-in would itself be wrong (a table would lack its own keys).
fn stand_in(message: &str) -> Option<DeValue<'static>> {
    if message.starts_with("unknown variant ") {
        let first = errors::quoted(message).into_iter().nth(1)?;
        return Some(DeValue::String(first.into()));
    }
    let expected = message.rsplit_once(", expected ")?.1.trim();
    Some(match expected {
        "a string" | "a string or a list of strings" => DeValue::String("".into()),
        _ if expected.starts_with("a date") => DeValue::String("".into()),
        "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64" => DeValue::Integer(Default::default()),
        "f32" | "f64" => DeValue::Float(Default::default()),
        "a boolean" => DeValue::Boolean(false),
        "a sequence" => DeValue::Array(toml::de::DeArray::new()),
        _ => return None,
    })
}

/// `remove = "có"`: not an unknown key, a flag written as something other than true/false.
fn remove_flag(d: &Diagnostic, key: Option<&str>, value: &Spanned<DeValue<'_>>) -> Option<Diagnostic> {
    if d.code != Code::UnknownKey || key != Some("remove") || matches!(value.get_ref(), DeValue::Boolean(_)) {
        return None;
    }
    let found = match value.get_ref() {
        DeValue::String(s) => format!("string \"{s}\""),
        DeValue::Integer(i) => format!("integer `{}`", i.as_str()),
        other => other.type_str().to_string(),
    };
    Some(errors::wrong_type(crate::source::Span::new(value.span().start, value.span().end), &found, "a boolean"))
}

/// An entry taken out of the tree: its key (none for an array item), its value
/// and the span of the table or array that held it.
struct Taken<'a> {
    key: Option<String>,
    key_span: Range<usize>,
    value: Spanned<DeValue<'a>>,
    table: Range<usize>,
    /// The known key an unknown one is closest to.
    suggestion: Option<String>,
    /// A value of the type the key asks for, if one can be made.
    stand_in: Option<DeValue<'static>>,
}

/// Takes out the entry whose key or value is at `span`, at any depth. Every
/// table is searched: a `[table]`'s span is its header only, not its keys.
fn take_at<'a>(table: &mut Spanned<DeTable<'a>>, span: &Range<usize>) -> Option<Taken<'a>> {
    let at = table.span();
    take_in_table(table.get_mut(), at, span)
}

/// The table whose span is `at` (a `[table]`'s header, or the whole file).
fn table_at<'t, 'a>(table: &'t mut Spanned<DeTable<'a>>, at: &Range<usize>) -> Option<&'t mut DeTable<'a>> {
    if table.span() == *at {
        return Some(table.get_mut());
    }
    fn find<'t, 'a>(value: &'t mut Spanned<DeValue<'a>>, at: &Range<usize>) -> Option<&'t mut DeTable<'a>> {
        let here = value.span() == *at;
        match value.get_mut() {
            DeValue::Table(t) => match here {
                true => Some(t),
                false => t.iter_mut().find_map(|(_, v)| find(v, at)),
            },
            DeValue::Array(items) => items.iter_mut().find_map(|v| find(v, at)),
            _ => None,
        }
    }
    table.get_mut().iter_mut().find_map(|(_, v)| find(v, at))
}

fn take_in_table<'a>(table: &mut DeTable<'a>, at: Range<usize>, span: &Range<usize>) -> Option<Taken<'a>> {
    let hit = table.iter().find(|(k, v)| k.span() == *span || v.span() == *span).map(|(k, _)| k.get_ref().to_string());
    if let Some(name) = hit {
        let (key, value) = table.remove_entry(name.as_str())?;
        let key_span = key.span();
        return Some(Taken {
            key: Some(key.into_inner().into_owned()),
            key_span,
            value,
            table: at,
            suggestion: None,
            stand_in: None,
        });
    }
    table.iter_mut().find_map(|(_, v)| take_in_value(v, span))
}

fn take_in_value<'a>(value: &mut Spanned<DeValue<'a>>, span: &Range<usize>) -> Option<Taken<'a>> {
    let at = value.span();
    match value.get_mut() {
        DeValue::Table(t) => take_in_table(t, at, span),
        DeValue::Array(items) => {
            let Some(i) = items.iter().position(|v| v.span() == *span) else {
                return items.iter_mut().find_map(|v| take_in_value(v, span));
            };
            // A DeArray has no `remove`: rebuilt without the item.
            let mut value = None;
            for (k, item) in std::mem::replace(items, toml::de::DeArray::new()).into_iter().enumerate() {
                if k == i {
                    value = Some(item);
                } else {
                    items.push(item);
                }
            }
            let value = value?;
            Some(Taken { key: None, key_span: value.span(), value, table: at, suggestion: None, stand_in: None })
        }
        _ => None,
    }
}
