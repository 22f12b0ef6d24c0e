//! The change list can be trusted: every field of a real plan, edited alone, is
//! exactly one listed change that names it; and over generated edit pairs, when
//! the renders differ the list is not empty and every changed word of the render
//! belongs to a listed change.

use std::collections::HashSet;
use std::path::Path;

use kehoach::diag::Lang;
use kehoach::diff::{compare, normalize::tone_key, Change, Kind, Policy};
use kehoach::document::{plain_text, Block, Document, Inline};
use kehoach::model::ResolvedPlan;
use kehoach::source::SourceMap;
use kehoach::templates::Templates;
use toml::Value;

use crate::support::*;

const PLANS: [&str; 6] = [
    "plans/son-la-2023-kh93.toml",
    "plans/vinh-long-2021-2030-qd.toml",
    "plans/quang-ninh-2024-ct28.toml",
    "plans/thai-binh-2022-kh42.toml",
    "plans/cam-giang-2023-kh15.toml",
    "tests/fixtures/versions/v1.toml",
];

fn load(dir: &Path, name: &str, text: &str) -> Option<ResolvedPlan> {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let mut map = SourceMap::new();
    kehoach::load::load_plan(&mut map, &path, dir).ok()?.ok()
}

/// A step into the TOML tree: a key or a list position.
#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

/// Every leaf of the tree; a list of plain values is one leaf (it is one field).
fn leaves(v: &Value, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match v {
        Value::Table(t) => {
            for (k, v) in t {
                path.push(Step::Key(k.clone()));
                leaves(v, path, out);
                path.pop();
            }
        }
        Value::Array(items) if items.iter().all(Value::is_table) && !items.is_empty() => {
            for (i, v) in items.iter().enumerate() {
                path.push(Step::Index(i));
                leaves(v, path, out);
                path.pop();
            }
        }
        _ => out.push(path.clone()),
    }
}

/// `objectives.indicators.target.value`: the field names only.
fn field_names(path: &[Step]) -> String {
    path.iter()
        .filter_map(|s| match s {
            Step::Key(k) => Some(k.as_str()),
            Step::Index(_) => None,
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// The same, from the diff's own field paths (`objectives[a].indicators[b]…`).
fn strip_keys(field: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in field.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.replace("#moved", "")
}

fn at<'a>(v: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(v, |v, s| match s {
        Step::Key(k) => v.get_mut(k.as_str()).unwrap(),
        Step::Index(i) => v.get_mut(*i).unwrap(),
    })
}

/// Values an enum field may take, to try when a plain edit does not load.
const ENUM_VALUES: [&str; 10] = [
    "ke-hoach",
    "chuong-trinh",
    "draft",
    "final",
    "increase",
    "decrease",
    "objectives",
    "budget",
    "duties",
    "reporting",
];

/// Edits of a leaf, the plain one first.
fn edits(v: &Value) -> Vec<Value> {
    match v {
        Value::String(s) => {
            let mut out = vec![Value::String(format!("{s} sửa đổi"))];
            out.extend(ENUM_VALUES.iter().filter(|e| **e != s).map(|e| Value::String(e.to_string())));
            out
        }
        Value::Integer(n) => vec![Value::Integer(n + 1)],
        Value::Float(x) => vec![Value::Float(x + 1.5)],
        Value::Boolean(b) => vec![Value::Boolean(!b)],
        Value::Datetime(d) => {
            let mut d = *d;
            if let Some(date) = d.date.as_mut() {
                date.day = date.day % 27 + 1;
            }
            vec![Value::Datetime(d)]
        }
        Value::Array(items) => {
            let mut changed = items.clone();
            match changed.first_mut() {
                Some(first) => *first = edits(first).remove(0),
                None => changed.push(Value::String("mới".into())),
            }
            vec![Value::Array(changed)]
        }
        Value::Table(_) => Vec::new(),
    }
}

fn changes(old: &ResolvedPlan, new: &ResolvedPlan, templates: &Templates) -> Option<Vec<Change>> {
    let policy = Policy::for_plans(false, &[old, new]);
    compare(old, new, &policy, templates).ok()
}

#[test]
fn every_field_edited_alone_is_exactly_one_change_that_names_it() {
    let templates = Templates::builtin().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut checked = 0;
    let mut failures = Vec::new();
    for plan in PLANS {
        let text = read(plan);
        let tree: Value = toml::from_str(&text).unwrap();
        let old = load(dir.path(), "old.toml", &text).unwrap();
        let mut all = Vec::new();
        leaves(&tree, &mut Vec::new(), &mut all);
        for path in all {
            let name = field_names(&path);
            // Another kind of document is refused as not comparable, not diffed.
            if name == "document.kind" {
                continue;
            }
            let Some((new, _)) = edits(&at(&mut tree.clone(), &path).clone()).into_iter().find_map(|edit| {
                let mut edited = tree.clone();
                *at(&mut edited, &path) = edit;
                let text = toml::to_string(&edited).unwrap();
                Some((load(dir.path(), "new.toml", &text)?, ()))
            }) else {
                failures.push(format!("{plan}: {name}: no edit loads"));
                continue;
            };
            checked += 1;
            let Some(list) = changes(&old, &new, &templates) else {
                failures.push(format!("{plan}: {name}: not comparable"));
                continue;
            };
            let names_it = |c: &Change| {
                c.fields.iter().map(|f| strip_keys(f)).any(|f| name == f || name.starts_with(&format!("{f}.")))
            };
            if list.len() != 1 || !names_it(&list[0]) {
                let found: Vec<String> =
                    list.iter().map(|c| format!("{:?} {:?} {:?}→{:?}", c.kind, c.fields, c.old, c.new)).collect();
                failures.push(format!("{plan}: {name}: {found:#?}"));
            }
        }
    }
    assert!(checked > 300, "only {checked} fields edited");
    assert!(failures.is_empty(), "{} of {checked} edits:\n{}", failures.len(), failures.join("\n"));
}

/// A small deterministic generator (SplitMix64): the failing seed is in the message.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const WORDS: [&str; 8] = ["trẻ em", "hòa nhập", "96,5", "Sở Y tế", "năm 2025", "bảo vệ", "**trọng tâm**", "- mục mới"];

/// One random edit of a string: a word inserted, removed or replaced, a number
/// changed, a tone mark moved, a paragraph inserted or removed.
fn edit_text(s: &str, rng: &mut Rng) -> String {
    let words: Vec<&str> = s.split(' ').collect();
    let k = rng.below(words.len() + 1);
    let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    match rng.below(7) {
        0 => out.insert(k.min(out.len()), rng.pick(&WORDS).to_string()),
        1 if out.len() > 1 => {
            out.remove(k.min(out.len() - 1));
        }
        2 if !out.is_empty() => {
            let i = k.min(out.len() - 1);
            out[i] = rng.pick(&WORDS).to_string();
        }
        3 => {
            return s
                .chars()
                .map(|c| if c.is_ascii_digit() { char::from(b'0' + (c as u8 - b'0' + 1) % 10) } else { c })
                .collect()
        }
        4 => return s.replace("hòa", "hoà").replace("Ủy", "Uỷ"),
        5 => {
            let paragraphs: Vec<&str> = s.split("\n\n").collect();
            let mut p: Vec<String> = paragraphs.iter().map(|x| x.to_string()).collect();
            let at = rng.below(p.len() + 1);
            p.insert(at, format!("Đoạn mới về {}.", rng.pick(&WORDS)));
            return p.join("\n\n");
        }
        _ => {
            let mut p: Vec<&str> = s.split("\n\n").collect();
            if p.len() > 1 {
                p.remove(rng.below(p.len()));
            }
            return p.join("\n\n");
        }
    }
    out.join(" ")
}

/// One random edit somewhere in the plan.
fn mutate(tree: &mut Value, rng: &mut Rng) {
    let mut all = Vec::new();
    leaves(tree, &mut Vec::new(), &mut all);
    let path = rng.pick(&all).clone();
    let name = field_names(&path);
    // Entries of lists: removed, duplicated under a new id, or swapped.
    if rng.below(4) == 0 {
        if let Some(pos) = path.iter().rposition(|s| matches!(s, Step::Index(_))) {
            let (list_path, Step::Index(i)) = (&path[..pos], &path[pos]) else { return };
            let i = *i;
            let list = at(tree, list_path).as_array_mut().unwrap();
            match rng.below(3) {
                0 if list.len() > 1 => {
                    list.remove(i);
                }
                1 => {
                    let mut copy = list[i].clone();
                    if let Some(id) = copy.get_mut("id") {
                        *id = Value::String(format!("{}-moi", id.as_str().unwrap_or("x")));
                    }
                    let field = if copy.get("text").is_some() { "text" } else { "title" };
                    if let Some(t) = copy.get_mut(field) {
                        *t = Value::String(format!("{} bổ sung", t.as_str().unwrap_or("")));
                    }
                    list.insert(i, copy);
                }
                _ if i + 1 < list.len() => list.swap(i, i + 1),
                _ => {}
            }
            return;
        }
    }
    // Ids and agency references stay as they are: an edit there is a test of its own.
    if name.ends_with(".id") || name.ends_with("agency") || name.ends_with("lead") || name.contains("support") {
        return;
    }
    let leaf = at(tree, &path);
    *leaf = match leaf.clone() {
        Value::String(s) if ENUM_VALUES.contains(&s.as_str()) => return,
        Value::String(s) => Value::String(edit_text(&s, rng)),
        Value::Integer(n) => Value::Integer(n + 1 + rng.below(3) as i64),
        Value::Float(x) => Value::Float(((x + 0.5 + rng.below(5) as f64) * 10.0).round() / 10.0),
        Value::Array(mut items) if !items.is_empty() => {
            let i = rng.below(items.len());
            match (rng.below(3), &items[i]) {
                (0, _) if items.len() > 1 => {
                    items.remove(i);
                }
                (1, Value::String(s)) => items[i] = Value::String(edit_text(s, rng)),
                (_, v) => {
                    let v = v.clone();
                    items.insert(i, v);
                }
            }
            Value::Array(items)
        }
        other => other,
    };
}

/// Every line of the document as the reader sees it.
fn rendered_lines(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    let mut text = |t: &[Inline]| out.push(plain_text(t));
    for p in &doc.parts {
        if let Some(h) = &p.header {
            h.parent.iter().for_each(|t| text(t));
            h.issuer.iter().for_each(|t| text(t));
            h.number.iter().for_each(|t| text(t));
            h.place_date.iter().for_each(|t| text(t));
        }
        text(&p.title.kind);
        text(&p.title.summary);
        [&p.title.subtitle, &p.title.attached_to, &p.title.authority].into_iter().flatten().for_each(|t| text(t));
        for b in &p.body {
            match b {
                Block::Heading { content, .. } | Block::Paragraph { content } | Block::Centered { content } => {
                    text(content)
                }
                Block::Table(t) => {
                    t.header.iter().chain(t.rows.iter().flatten()).for_each(|c| text(c));
                }
            }
        }
        p.footnotes.iter().for_each(|t| text(t));
        if let Some(c) = &p.closing {
            c.recipients.iter().chain(&c.authority).for_each(|t| text(t));
            text(&c.name);
        }
    }
    out
}

/// Words compared as the default policy compares them: case and tone placement aside.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| tone_key(&w.to_lowercase())).collect()
}

fn accounted(list: &[Change]) -> HashSet<String> {
    let mut out = HashSet::new();
    for c in list {
        let texts = [Some(c.provision.render(Lang::Vi)), c.old.clone(), c.new.clone()];
        for t in texts.into_iter().flatten() {
            out.extend(words(&t));
        }
    }
    out
}

/// The fixed words of the generated lead line in `templates/ke-hoach/duties.md`.
const GENERATED: &str = "Chủ trì, phối hợp với các đơn vị có liên quan thực hiện các chỉ tiêu của";

/// Numbering that shifts when an entry comes or goes ("Chỉ tiêu 5" → "Chỉ tiêu 6").
fn is_numbering(w: &str) -> bool {
    w.chars().all(|c| c.is_ascii_digit())
        || w.chars().all(|c| "ivxlc".contains(c))
        || (w.chars().count() == 1 && w.chars().all(char::is_alphabetic))
}

#[test]
fn over_generated_edit_pairs_the_list_accounts_for_every_changed_word() {
    let templates = Templates::builtin().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let sources: Vec<(String, Value, ResolvedPlan)> = PLANS
        .iter()
        .map(|p| {
            let text = read(p);
            let plan = load(dir.path(), "old.toml", &text).unwrap();
            (p.to_string(), toml::from_str(&text).unwrap(), plan)
        })
        .collect();
    let mut pairs = 0;
    let mut differing = 0;
    let mut failures = Vec::new();
    let mut seed = 0u64;
    while pairs < 1000 {
        seed += 1;
        let mut rng = Rng(seed);
        let (name, tree, old) = rng.pick(&sources);
        let mut edited = tree.clone();
        for _ in 0..1 + rng.below(3) {
            mutate(&mut edited, &mut rng);
        }
        let Some(new) = load(dir.path(), "new.toml", &toml::to_string(&edited).unwrap()) else { continue };
        let (Ok(a), Ok(b)) =
            (kehoach::compose::compose(old, &templates, false), kehoach::compose::compose(&new, &templates, false))
        else {
            continue;
        };
        let Some(list) = changes(old, &new, &templates) else { continue };
        pairs += 1;
        let (wa, wb): (Vec<String>, Vec<String>) =
            (words(&rendered_lines(&a).join("\n")), words(&rendered_lines(&b).join("\n")));
        if wa == wb {
            continue;
        }
        differing += 1;
        if list.is_empty() {
            failures.push(format!("seed {seed} ({name}): the renders differ and the list is empty"));
            continue;
        }
        let mut known = accounted(&list);
        let structural = list.iter().any(|c| {
            c.old.is_none()
                || c.new.is_none()
                || matches!(c.kind, Kind::LeadChanged | Kind::IdChanged)
                || format!("{:?}", c.kind).contains("Moved")
        });
        if structural {
            // Lines the templates generate from who leads what ("Chủ trì, phối hợp … các
            // chỉ tiêu 3, 5 của Kế hoạch.") follow their cause, which is listed.
            known.extend(words(GENERATED));
            known.extend(words("Kế hoạch Chương trình Phương án Đề án Hướng dẫn"));
            for plan in [&**old, &*new] {
                for a in plan.agencies.values() {
                    known.extend(words(&a.name));
                    known.extend(words(a.short_name()));
                }
            }
        }
        // Words deleted at one place and inserted at another moved; they did not change.
        let mut net: std::collections::HashMap<&str, i64> = std::collections::HashMap::new();
        for op in similar::capture_diff_slices(similar::Algorithm::Myers, &wa, &wb) {
            let (removed, added) = match op {
                similar::DiffOp::Delete { old_index, old_len, .. } => (old_index..old_index + old_len, 0..0),
                similar::DiffOp::Insert { new_index, new_len, .. } => (0..0, new_index..new_index + new_len),
                similar::DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                    (old_index..old_index + old_len, new_index..new_index + new_len)
                }
                similar::DiffOp::Equal { .. } => continue,
            };
            wa[removed].iter().for_each(|w| *net.entry(w).or_default() -= 1);
            wb[added].iter().for_each(|w| *net.entry(w).or_default() += 1);
        }
        let mut missing: Vec<&str> = net
            .iter()
            .filter(|(w, n)| **n != 0 && !known.contains(**w) && !(structural && is_numbering(w)))
            .map(|(w, _)| *w)
            .collect();
        missing.sort();
        if std::env::var("KEHOACH_SEED").is_ok_and(|s| s == seed.to_string()) {
            eprintln!("{}", toml::to_string(&edited).unwrap());
            for c in &list {
                eprintln!("{:?} {:?}\n  - {:?}\n  + {:?}", c.kind, c.fields, c.old, c.new);
            }
        }
        if !missing.is_empty() {
            let found: Vec<String> = list.iter().map(|c| format!("{:?} {:?}", c.kind, c.fields)).collect();
            failures.push(format!("seed {seed} ({name}): words {missing:?} not in {found:?}"));
        }
    }
    assert!(differing > 500, "only {differing} of {pairs} pairs differ");
    assert!(
        failures.is_empty(),
        "{} of {pairs} pairs:\n{}",
        failures.len(),
        failures[..failures.len().min(15)].join("\n")
    );
}
