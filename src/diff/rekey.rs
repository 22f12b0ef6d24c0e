//! Plans read from two documents carry the ids their import made up from the
//! documents' numbers ("chi-tieu-7"): an indicator inserted before others
//! renumbers them, and every one after it would look changed. The new plan's
//! objectives and indicators take the ids of the old ones they pair with by
//! text, as paragraphs pair; an added one keeps an id no old one has.

use std::collections::HashSet;

use super::align::{align, Pair};
use crate::model::{Indicator, Plan};

/// Gives `new`'s objectives and indicators the ids of `old`'s they pair with.
pub fn match_made_up_ids(old: &Plan, new: &mut Plan) {
    let key = |title: &str| title.to_lowercase();
    let ka: Vec<String> = old.objectives.iter().map(|o| key(&o.title.value)).collect();
    let kb: Vec<String> = new.objectives.iter().map(|o| key(&o.title.value)).collect();
    let ids: Vec<String> = old.objectives.iter().map(|o| o.id.value.clone()).collect();
    let mut fresh: Vec<&mut String> = Vec::new();
    let mut taken: HashSet<String> = ids.iter().cloned().collect();
    let mut slots: Vec<Option<usize>> = vec![None; new.objectives.len()];
    for pair in align(&ka, &kb, false) {
        if let Pair::Same(i, j) | Pair::Edited(i, j) | Pair::Moved(i, j) = pair {
            slots[j] = Some(i);
        }
    }
    for (o, slot) in new.objectives.iter_mut().zip(&slots) {
        match slot {
            Some(i) => o.id.value = ids[*i].clone(),
            None => fresh.push(&mut o.id.value),
        }
    }
    unique(fresh, &mut taken);

    let sentence = |i: &Indicator| {
        let parts: Vec<&str> = i.parts.iter().map(|p| p.text.value.as_str()).collect();
        key(&format!("{} {}", i.text.value, parts.join(" ")))
    };
    let ka: Vec<String> = old.objectives.iter().flat_map(|o| &o.indicators).map(sentence).collect();
    let kb: Vec<String> = new.objectives.iter().flat_map(|o| &o.indicators).map(sentence).collect();
    let ids: Vec<String> = old.objectives.iter().flat_map(|o| &o.indicators).map(|i| i.id.value.clone()).collect();
    let mut slots: Vec<Option<usize>> = vec![None; kb.len()];
    for pair in align(&ka, &kb, true) {
        if let Pair::Same(i, j) | Pair::Edited(i, j) | Pair::Moved(i, j) = pair {
            slots[j] = Some(i);
        }
    }
    let olds: Vec<&Indicator> = old.objectives.iter().flat_map(|o| &o.indicators).collect();
    let mut taken: HashSet<String> = ids.iter().cloned().collect();
    let mut fresh: Vec<&mut String> = Vec::new();
    for (ind, slot) in new.objectives.iter_mut().flat_map(|o| &mut o.indicators).zip(&slots) {
        match slot {
            Some(i) => {
                ind.id.value = ids[*i].clone();
                match_parts(olds[*i], ind);
            }
            None => fresh.push(&mut ind.id.value),
        }
    }
    unique(fresh, &mut taken);
}

/// A compound indicator's parts, paired by text within their indicator.
fn match_parts(old: &Indicator, new: &mut Indicator) {
    let ka: Vec<String> = old.parts.iter().map(|p| p.text.value.to_lowercase()).collect();
    let kb: Vec<String> = new.parts.iter().map(|p| p.text.value.to_lowercase()).collect();
    let mut slots: Vec<Option<usize>> = vec![None; kb.len()];
    for pair in align(&ka, &kb, true) {
        if let Pair::Same(i, j) | Pair::Edited(i, j) | Pair::Moved(i, j) = pair {
            slots[j] = Some(i);
        }
    }
    let mut taken: HashSet<String> = old.parts.iter().map(|p| p.id.value.clone()).collect();
    let mut fresh: Vec<&mut String> = Vec::new();
    for (part, slot) in new.parts.iter_mut().zip(&slots) {
        match slot {
            Some(i) => part.id.value = old.parts[*i].id.value.clone(),
            None => fresh.push(&mut part.id.value),
        }
    }
    unique(fresh, &mut taken);
}

/// Ids of added entries that an old entry already has get a suffix.
fn unique(ids: Vec<&mut String>, taken: &mut HashSet<String>) {
    for id in ids {
        let base = id.clone();
        let mut n = 1;
        while taken.contains(id.as_str()) {
            n += 1;
            *id = format!("{base}-moi{}", if n > 2 { (n - 1).to_string() } else { String::new() });
        }
        taken.insert(id.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(indicators: &[(&str, &str)]) -> Plan {
        let mut plan: Plan = toml::from_str(include_str!("../../plans/xa-2026-hai-cap.toml")).unwrap();
        plan.objectives.truncate(1);
        let model = plan.objectives[0].indicators[0].clone();
        plan.objectives[0].indicators = indicators
            .iter()
            .map(|(id, text)| {
                let mut i = model.clone();
                i.id.value = id.to_string();
                i.text.value = text.to_string();
                i.parts.clear();
                i
            })
            .collect();
        plan
    }

    #[test]
    fn an_inserted_indicator_renumbers_nothing() {
        let old = plan(&[("chi-tieu-1", "Tỷ lệ trẻ em đi học"), ("chi-tieu-2", "Tỷ lệ trẻ em tiêm chủng đủ")]);
        let mut new = plan(&[
            ("chi-tieu-1", "Tỷ lệ trẻ em đi học"),
            ("chi-tieu-2", "Số điểm vui chơi cho trẻ em mới xây"),
            ("chi-tieu-3", "Tỷ lệ trẻ em tiêm chủng đủ"),
        ]);
        match_made_up_ids(&old, &mut new);
        let ids: Vec<&str> = new.objectives[0].indicators.iter().map(|i| i.id.value.as_str()).collect();
        assert_eq!(ids, ["chi-tieu-1", "chi-tieu-2-moi", "chi-tieu-2"]);
    }
}
