//! A lower-level plan that exists only as a document, made traceable to its
//! parent (`kehoach import commune.docx --extends province.toml`): the imported
//! plan is matched against the parent — agencies by name (after the renames a
//! level down), objectives and sections by title, indicators by their words,
//! duties by agency — and only what differs is written, under the parent's ids.

use std::collections::HashSet;

use anyhow::Result;
use toml::{Table, Value};

use super::renames::{rename, rules, rules_for, Level, Rename};
use crate::import::fold;
use crate::model::Plan;
use crate::vi::text::name_key;

/// The parent plan as TOML values (serialized from the typed plan, nulls dropped).
fn parent_table(parent: &Plan) -> Table {
    fn convert(v: serde_json::Value) -> Option<Value> {
        Some(match v {
            serde_json::Value::Null => return None,
            serde_json::Value::Bool(b) => Value::Boolean(b),
            serde_json::Value::Number(n) => match n.as_i64() {
                Some(i) => Value::Integer(i),
                None => Value::Float(n.as_f64().unwrap_or(0.0)),
            },
            serde_json::Value::String(s) => Value::String(s),
            serde_json::Value::Array(a) => Value::Array(a.into_iter().filter_map(convert).collect()),
            serde_json::Value::Object(o) => {
                Value::Table(o.into_iter().filter_map(|(k, v)| Some((k, convert(v)?))).collect())
            }
        })
    }
    match serde_json::to_value(parent).ok().and_then(convert) {
        Some(Value::Table(t)) => t,
        _ => Table::new(),
    }
}

/// Equal as a reader sees them: 100 and 100.0 alike, dates as written.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Integer(x), Value::Float(y)) | (Value::Float(y), Value::Integer(x)) => (*x as f64 - y).abs() < 1e-9,
        (Value::Datetime(d), Value::String(s)) | (Value::String(s), Value::Datetime(d)) => d.to_string() == *s,
        // `lead = "x"` is `lead = ["x"]`.
        (Value::String(_), Value::Array(y)) if y.len() == 1 => same(a, &y[0]),
        (Value::Array(x), Value::String(_)) if x.len() == 1 => same(&x[0], b),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
        (Value::Table(x), Value::Table(y)) => {
            // A field left out is its default: an empty list or table, false.
            let blank = |v: &Value| match v {
                Value::Array(a) => a.is_empty(),
                Value::Table(t) => t.is_empty(),
                Value::Boolean(b) => !b,
                _ => false,
            };
            let keys: HashSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().all(|k| match (x.get(k), y.get(k)) {
                (Some(v), Some(w)) => same(v, w),
                (Some(v), None) | (None, Some(v)) => blank(v),
                (None, None) => true,
            })
        }
        _ => a == b,
    }
}

fn text<'a>(t: &'a Table, key: &str) -> &'a str {
    t.get(key).and_then(Value::as_str).unwrap_or("")
}

/// Words of a sentence without numbers and the target mark, for matching.
fn word_set(s: &str) -> HashSet<String> {
    fold(&s.replace("{target}", " "))
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_string)
        .collect()
}

fn likeness(a: &str, b: &str) -> f64 {
    let (x, y) = (word_set(a), word_set(b));
    let both = x.intersection(&y).count() as f64;
    let any = x.union(&y).count().max(1) as f64;
    both / any
}

/// Pairs (child index, parent index) of the best matches at least `floor` alike.
fn pair(children: &[String], parents: &[String], floor: f64) -> Vec<(usize, usize)> {
    if children.len().saturating_mul(parents.len()) > 4_000_000 {
        // A plan of many thousand indicators: the same words, or nothing.
        let key = |s: &String| {
            let mut w: Vec<String> = word_set(s).into_iter().collect();
            w.sort();
            w.join(" ")
        };
        let mut by_key: std::collections::HashMap<String, Vec<usize>> = Default::default();
        for (p, t) in parents.iter().enumerate().rev() {
            by_key.entry(key(t)).or_default().push(p);
        }
        return children.iter().enumerate().filter_map(|(c, t)| Some((c, by_key.get_mut(&key(t))?.pop()?))).collect();
    }
    let mut scored: Vec<(f64, usize, usize)> = Vec::new();
    for (c, ct) in children.iter().enumerate() {
        for (p, pt) in parents.iter().enumerate() {
            let s = likeness(ct, pt);
            if s >= floor {
                scored.push((s, c, p));
            }
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut used_c, mut used_p) = (HashSet::new(), HashSet::new());
    let mut out = Vec::new();
    for (_, c, p) in scored {
        if !used_c.contains(&c) && !used_p.contains(&p) {
            used_c.insert(c);
            used_p.insert(p);
            out.push((c, p));
        }
    }
    out.sort();
    out
}

fn tables(v: Option<&Value>) -> Vec<Table> {
    v.and_then(Value::as_array).map(|a| a.iter().filter_map(|x| x.as_table().cloned()).collect()).unwrap_or_default()
}

/// The fields of `child` that differ from `parent` (every field of a new entry).
fn changed(child: &Table, parent: Option<&Table>, skip: &[&str]) -> Table {
    child
        .iter()
        .filter(|(k, _)| !skip.contains(&k.as_str()))
        .filter(|(k, v)| parent.and_then(|p| p.get(*k)).is_none_or(|pv| !same(v, pv)))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

fn removal(key: &str, id: &str) -> Value {
    let mut t = Table::new();
    t.insert(key.into(), Value::String(id.into()));
    t.insert("remove".into(), Value::Boolean(true));
    Value::Table(t)
}

/// Every rename table a child may have been written with.
fn all_rules() -> Vec<Vec<Rename>> {
    let mut out = Vec::new();
    for level in [Level::District, Level::Commune] {
        out.extend(rules(level, None).ok());
    }
    for level in [Level::Commune, Level::Ward, Level::SpecialZone] {
        out.extend(rules_for(level, crate::model::reorganisation::two_tier_from(), None).ok());
    }
    out
}

/// child agency id → parent agency id, by name, short name, or a renamed name.
fn agency_map(child: &Table, parent: &Table) -> Vec<(String, String)> {
    let empty = Table::new();
    let c = child.get("agencies").and_then(Value::as_table).unwrap_or(&empty);
    let p = parent.get("agencies").and_then(Value::as_table).unwrap_or(&empty);
    let rules = all_rules();
    let mut out = Vec::new();
    let mut used = HashSet::new();
    for (cid, cv) in c {
        let Some(ct) = cv.as_table() else { continue };
        let names: Vec<String> =
            ["name", "short"].iter().map(|k| name_key(text(ct, k))).filter(|n| !n.is_empty()).collect();
        let found = p.iter().find(|(pid, pv)| {
            let Some(pt) = pv.as_table() else { return false };
            let mut keys = vec![name_key(text(pt, "name")), name_key(text(pt, "short"))];
            for r in &rules {
                keys.extend(rename(text(pt, "name"), r).map(|n| name_key(&n.replace("{unit}", ""))));
            }
            !used.contains(*pid) && keys.iter().any(|k| !k.is_empty() && names.contains(k))
        });
        if let Some((pid, _)) = found {
            used.insert(pid.clone());
            out.push((cid.clone(), pid.clone()));
        }
    }
    // Left over on both sides: the duty in the same place of part IV is the same
    // body under its local name ("Huyện đoàn Mai Sơn" for the Tỉnh đoàn).
    let duty_agencies =
        |t: &Table| tables(t.get("duties")).iter().map(|d| text(d, "agency").to_string()).collect::<Vec<_>>();
    let (cd, pd) = (duty_agencies(child), duty_agencies(parent));
    if cd.len() == pd.len() {
        for (c_id, p_id) in cd.iter().zip(&pd) {
            let free_c = !out.iter().any(|(c, _)| c == c_id) && c.contains_key(c_id);
            let free_p = !used.contains(p_id) && p.contains_key(p_id);
            if free_c && free_p {
                used.insert(p_id.clone());
                out.push((c_id.clone(), p_id.clone()));
            }
        }
    }
    out
}

fn remap(v: &mut Value, map: &[(String, String)]) {
    match v {
        Value::String(s) => {
            if let Some((_, p)) = map.iter().find(|(c, _)| c == s) {
                *s = p.clone();
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| remap(x, map)),
        _ => {}
    }
}

/// The child plan's TOML: `extends` and only what differs from `parent`.
pub fn adopt(imported_toml: &str, parent: &Plan, extends: &str) -> Result<String> {
    let mut child: Table = toml::from_str(imported_toml)?;
    let parent = parent_table(parent);
    let map = agency_map(&child, &parent);
    // The child's references under the parent's ids.
    if let Some(Value::Table(agencies)) = child.get_mut("agencies") {
        let renamed: Table = std::mem::take(agencies)
            .into_iter()
            .map(|(id, v)| (map.iter().find(|(c, _)| *c == id).map_or(id, |(_, p)| p.clone()), v))
            .collect();
        *agencies = renamed;
    }
    for o in child.get_mut("objectives").and_then(Value::as_array_mut).into_iter().flatten() {
        for i in o.get_mut("indicators").and_then(Value::as_array_mut).into_iter().flatten() {
            for key in ["lead", "support"] {
                if let Some(v) = i.get_mut(key) {
                    remap(v, &map);
                }
            }
        }
    }
    for d in child.get_mut("duties").and_then(Value::as_array_mut).into_iter().flatten() {
        if let Some(v) = d.get_mut("agency") {
            remap(v, &map);
        }
    }
    if let Some(v) = child.get_mut("reporting").and_then(|r| r.get_mut("to")) {
        remap(v, &map);
    }

    let mut out = Table::new();
    out.insert("extends".into(), Value::String(extends.into()));
    // A new document: its own number, date, opening, closing, decision, Nơi nhận, signature.
    for key in ["bases", "preamble", "closing", "decision", "recipients", "signature"] {
        if let Some(v) = child.get(key) {
            out.insert(key.into(), v.clone());
        }
    }
    for key in ["document", "issuer"] {
        let c = child.get(key).and_then(Value::as_table).cloned().unwrap_or_default();
        let p = parent.get(key).and_then(Value::as_table);
        let mut t = changed(&c, p, &[]);
        if key == "document" {
            for own in ["number", "date", "code", "status"] {
                if let Some(v) = c.get(own) {
                    t.insert(own.into(), v.clone());
                }
            }
        }
        if !t.is_empty() {
            out.insert(key.into(), Value::Table(t));
        }
    }
    // Agencies: renamed, new, and the parent's the child does not have.
    let empty = Table::new();
    let pa = parent.get("agencies").and_then(Value::as_table).unwrap_or(&empty);
    let mut agencies = Table::new();
    let rules = all_rules();
    for (id, v) in child.get("agencies").and_then(Value::as_table).unwrap_or(&empty) {
        let Some(ct) = v.as_table() else { continue };
        let pt = pa.get(id).and_then(Value::as_table);
        let mut t = changed(ct, pt, &[]);
        // A renamed body whose parent has a short name: the document does not show
        // one, so it is the parent's renamed a level down, or the body's own name.
        if let (Some(pt), None, Some(_)) = (pt, ct.get("short"), t.get("name")) {
            if let Some(short) = pt.get("short").and_then(Value::as_str) {
                let renamed = rules.iter().find_map(|r| rename(short, r)).filter(|n| !n.contains("{unit}"));
                t.insert("short".into(), Value::String(renamed.unwrap_or_else(|| text(ct, "name").to_string())));
            }
        }
        if !t.is_empty() {
            agencies.insert(id.clone(), Value::Table(t));
        }
    }
    let child_agencies = child.get("agencies").and_then(Value::as_table).cloned().unwrap_or_default();
    for id in pa.keys().filter(|id| !child_agencies.contains_key(*id)) {
        let mut t = Table::new();
        t.insert("remove".into(), Value::Boolean(true));
        agencies.insert(id.clone(), Value::Table(t));
    }
    if !agencies.is_empty() {
        out.insert("agencies".into(), Value::Table(agencies));
    }
    let objectives = objectives(&child, &parent);
    if !objectives.is_empty() {
        out.insert("objectives".into(), Value::Array(objectives));
    }
    let sections = keyed_by_title(tables(child.get("sections")), tables(parent.get("sections")));
    if !sections.is_empty() {
        out.insert("sections".into(), Value::Array(sections));
    }
    let duties = duties(tables(child.get("duties")), tables(parent.get("duties")));
    if !duties.is_empty() {
        out.insert("duties".into(), Value::Array(duties));
    }
    for key in ["budget", "reporting", "appendix", "appendices"] {
        match (child.get(key), parent.get(key)) {
            (Some(c), Some(p)) if same(c, p) => {}
            (Some(c), _) => {
                out.insert(key.into(), c.clone());
            }
            (None, Some(_)) if key == "budget" => {
                let mut t = Table::new();
                t.insert("remove".into(), Value::Boolean(true));
                out.insert(key.into(), Value::Table(t));
            }
            _ => {}
        }
    }
    Ok(toml::to_string(&out)?)
}

/// Objectives matched by title (else by position), their indicators by words.
fn objectives(child: &Table, parent: &Table) -> Vec<Value> {
    let (c, p) = (tables(child.get("objectives")), tables(parent.get("objectives")));
    let titles = |v: &[Table]| v.iter().map(|t| text(t, "title").to_string()).collect::<Vec<_>>();
    let mut pairs = pair(&titles(&c), &titles(&p), 0.6);
    if pairs.is_empty() && c.len() == p.len() {
        pairs = (0..c.len()).map(|i| (i, i)).collect();
    }
    let mut out = Vec::new();
    for (ci, co) in c.iter().enumerate() {
        let matched = pairs.iter().find(|(x, _)| *x == ci).map(|(_, pi)| &p[*pi]);
        let mut t = Table::new();
        let id = matched.map_or_else(|| text(co, "id").to_string(), |po| text(po, "id").to_string());
        t.insert("id".into(), Value::String(id));
        t.extend(changed(co, matched, &["id", "indicators"]));
        let ci_list = tables(co.get("indicators"));
        let pi_list = matched.map(|po| tables(po.get("indicators"))).unwrap_or_default();
        // An indicator's words: its text and its parts' (a compound indicator).
        let texts = |v: &[Table]| {
            v.iter()
                .map(|t| {
                    let parts = tables(t.get("parts")).iter().map(|p| text(p, "text").to_string()).collect::<Vec<_>>();
                    format!("{} {}", text(t, "text"), parts.join(" "))
                })
                .collect::<Vec<_>>()
        };
        let ipairs = pair(&texts(&ci_list), &texts(&pi_list), 0.5);
        let mut indicators = Vec::new();
        for (k, ind) in ci_list.iter().enumerate() {
            let pm = ipairs.iter().find(|(x, _)| *x == k).map(|(_, y)| &pi_list[*y]);
            let mut it = Table::new();
            it.insert(
                "id".into(),
                Value::String(pm.map_or_else(|| text(ind, "id").to_string(), |x| text(x, "id").to_string())),
            );
            let diff = changed(ind, pm, &["id"]);
            if pm.is_some() && diff.is_empty() {
                continue;
            }
            it.extend(diff);
            indicators.push(Value::Table(it));
        }
        for (y, pind) in pi_list.iter().enumerate() {
            if !ipairs.iter().any(|(_, b)| *b == y) {
                indicators.push(removal("id", text(pind, "id")));
            }
        }
        if !indicators.is_empty() {
            t.insert("indicators".into(), Value::Array(indicators));
        }
        if matched.is_none() || t.len() > 1 {
            out.push(Value::Table(t));
        }
    }
    for (pi, po) in p.iter().enumerate() {
        if !pairs.iter().any(|(_, b)| *b == pi) {
            out.push(removal("id", text(po, "id")));
        }
    }
    out
}

fn keyed_by_title(c: Vec<Table>, p: Vec<Table>) -> Vec<Value> {
    let titles = |v: &[Table]| v.iter().map(|t| text(t, "title").to_string()).collect::<Vec<_>>();
    let pairs = pair(&titles(&c), &titles(&p), 0.6);
    let mut out = Vec::new();
    for (ci, cs) in c.iter().enumerate() {
        let matched = pairs.iter().find(|(x, _)| *x == ci).map(|(_, y)| &p[*y]);
        let diff = changed(cs, matched, &["id"]);
        if matched.is_some() && diff.is_empty() {
            continue;
        }
        let mut t = Table::new();
        t.insert(
            "id".into(),
            Value::String(matched.map_or_else(|| text(cs, "id").to_string(), |m| text(m, "id").to_string())),
        );
        t.extend(diff);
        out.push(Value::Table(t));
    }
    for (pi, ps) in p.iter().enumerate() {
        if !pairs.iter().any(|(_, b)| *b == pi) {
            out.push(removal("id", text(ps, "id")));
        }
    }
    out
}

fn duties(c: Vec<Table>, p: Vec<Table>) -> Vec<Value> {
    let mut out = Vec::new();
    for cd in &c {
        let agency = text(cd, "agency");
        let matched = p.iter().find(|pd| text(pd, "agency") == agency);
        let diff = changed(cd, matched, &["agency"]);
        if matched.is_some() && diff.is_empty() {
            continue;
        }
        let mut t = Table::new();
        t.insert("agency".into(), Value::String(agency.into()));
        t.extend(diff);
        out.push(Value::Table(t));
    }
    for pd in &p {
        if !c.iter().any(|cd| text(cd, "agency") == text(pd, "agency")) {
            out.push(removal("agency", text(pd, "agency")));
        }
    }
    out
}
