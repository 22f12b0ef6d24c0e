//! District traceability: a child plan against the plan it extends.
//! trace-weaker-target: a target less ambitious than the parent's, without a `note`;
//! trace-removed: a parent indicator dropped without a `note`;
//! inherited-level: inherited prose that still speaks of the parent's level
//! ("trên địa bàn tỉnh", "các Sở") in a plan of a lower level;
//! inherited-number: inherited prose citing "chỉ tiêu 9" by the parent's numbering
//! when the child numbers that indicator otherwise or has removed it.
//! (trace-unknown-id, an override of an id the parent lacks, is found while merging.)

use crate::diag::{Code, Diagnostic, Msg, Sink};
use crate::model::ResolvedPlan;
use crate::model::{Direction, Indicator, Spanned, Target};
use crate::source::SourceMap;
use crate::vi::number::with_unit;

fn find<'a>(plan: &'a ResolvedPlan, id: &str) -> Option<&'a Indicator> {
    plan.objectives.iter().flat_map(|o| &o.indicators).find(|i| i.id.as_str() == id)
}

pub fn check(plan: &ResolvedPlan, map: &SourceMap, sink: &mut Sink) {
    let Some(parent) = plan.parent.as_deref() else { return };
    for (_, _, child) in plan.numbered_indicators() {
        let Some(original) = find(parent, &child.id) else { continue };
        let (Some(ct), Some(pt)) = (&child.target, &original.target) else { continue };
        // Only a target the child itself wrote can be weaker; an inherited one is the parent's.
        if map.lookup(ct.span) != Some(plan.file) || child.note.is_some() {
            continue;
        }
        let direction = original.direction();
        for (label, value) in ct.values() {
            let Some((_, before)) = pt.values().into_iter().find(|(l, _)| *l == label) else { continue };
            let weaker = match direction {
                Direction::Increase => value < before,
                Direction::Decrease => value > before,
            };
            if weaker {
                sink.push(weaker_target(child, ct, pt, &label, value, before, direction));
            }
        }
    }
    inherited_level(plan, parent, map, sink);
    inherited_numbers(plan, parent, map, sink);
    for removal in plan.removals.iter().filter(|r| r.array == "indicators" && r.note.is_none()) {
        sink.push(
            Diagnostic::new(Code::TraceRemoved)
                .arg("id", &removal.id)
                .primary(removal.span, Msg::new("trace-removed.label")),
        );
    }
}

fn weaker_target(
    child: &Indicator,
    ct: &Spanned<Target>,
    pt: &Spanned<Target>,
    label: &str,
    value: f64,
    before: f64,
    direction: Direction,
) -> Diagnostic {
    let year = if label.is_empty() { String::new() } else { format!(" ({label})") };
    let key = if direction == Direction::Increase { "trace-weaker-target.lower" } else { "trace-weaker-target.higher" };
    Diagnostic::new(Code::TraceWeakerTarget)
        .arg("id", child.id.as_str())
        .arg("year", &year)
        .arg("value", with_unit(value, &ct.unit))
        .arg("parent", with_unit(before, &pt.unit))
        .primary(ct.span, Msg::new(key))
        .secondary(pt.span, Msg::new("trace-weaker-target.parent").arg("parent", with_unit(before, &pt.unit)))
        .note(Msg::new("trace-weaker-target.help"))
}

/// The tier of an issuing body from its name: 0 a province or centrally run city,
/// 1 a district, 2 a commune, ward or special zone; None for an office or a
/// name without a unit.
fn tier(issuer: &str) -> Option<(usize, &'static str)> {
    const UNITS: [(&str, usize); 9] = [
        ("tỉnh", 0),
        ("thành phố", 0),
        ("huyện", 1),
        ("quận", 1),
        ("thị xã", 1),
        ("xã", 2),
        ("phường", 2),
        ("thị trấn", 2),
        ("đặc khu", 2),
    ];
    let name = crate::vi::text::name_key(issuer);
    let padded = format!(" {name} ");
    UNITS
        .iter()
        .filter_map(|(unit, tier)| {
            padded.find(&format!(" {} ", crate::vi::text::name_key(unit))).map(|at| (at, *tier, *unit))
        })
        .min_by_key(|(at, _, _)| *at)
        .map(|(_, tier, unit)| (tier, unit))
}

/// Phrases of a tier's own prose that a plan one level down must not inherit as is.
fn phrases(tier: usize) -> &'static [&'static str] {
    match tier {
        0 => &["trên địa bàn tỉnh", "toàn tỉnh", "cấp tỉnh", "các Sở", "Ủy ban nhân dân các huyện", "UBND các huyện"],
        1 => &["trên địa bàn huyện", "toàn huyện", "cấp huyện", "Ủy ban nhân dân các xã", "UBND các xã"],
        _ => &[],
    }
}

fn inherited_level(plan: &ResolvedPlan, parent: &ResolvedPlan, map: &SourceMap, sink: &mut Sink) {
    let (Some((own, unit)), Some((above, _))) = (tier(&plan.issuer.name), tier(&parent.issuer.name)) else { return };
    if own <= above {
        return;
    }
    for text in plan.free_texts() {
        // Only what this plan inherited: its own words are its own.
        if map.lookup(text.span) == Some(plan.file) {
            continue;
        }
        let Some(phrase) = phrases(above).iter().find(|p| text.contains(*p)) else { continue };
        sink.push(
            Diagnostic::new(Code::InheritedLevel)
                .arg("phrase", *phrase)
                .primary(super::locate(map, text.span, phrase), Msg::new("inherited-level.label").arg("unit", unit)),
        );
    }
}

/// The indicator numbers a text cites: "chỉ tiêu 9", "các chỉ tiêu 1, 2 và 6",
/// "chỉ tiêu số 3", each with the phrase that locates its list ("tiêu 1").
fn cited_numbers(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices("hỉ tiêu ") {
        let mut rest = &text[at + "hỉ tiêu ".len()..];
        rest = rest.strip_prefix("số ").unwrap_or(rest);
        let mut phrase = None;
        loop {
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            // "chỉ tiêu 1.000 người" is a figure, not a number of an indicator.
            if digits == 0
                || rest[digits..].starts_with(['.', ','])
                    && rest[digits + 1..].starts_with(|c: char| c.is_ascii_digit())
            {
                break;
            }
            let Ok(n) = rest[..digits].parse::<usize>() else { break };
            let phrase = phrase.get_or_insert_with(|| format!("tiêu {}", &rest[..digits]));
            out.push((n, phrase.clone()));
            rest = &rest[digits..];
            match [", ", " và ", ","].iter().find_map(|s| rest.strip_prefix(s)) {
                Some(next) if next.starts_with(|c: char| c.is_ascii_digit()) => rest = next,
                _ => break,
            }
        }
    }
    out
}

fn inherited_numbers(plan: &ResolvedPlan, parent: &ResolvedPlan, map: &SourceMap, sink: &mut Sink) {
    let parent_ids: std::collections::HashMap<usize, &str> =
        parent.numbered_indicators().map(|(n, _, i)| (n, i.id.as_str())).collect();
    let own: std::collections::HashMap<&str, usize> =
        plan.numbered_indicators().map(|(n, _, i)| (i.id.as_str(), n)).collect();
    for text in plan.free_texts() {
        // Only what this plan inherited: its own words count its own indicators.
        if map.lookup(text.span) == Some(plan.file) {
            continue;
        }
        for (number, phrase) in cited_numbers(text) {
            let Some(id) = parent_ids.get(&number).copied() else { continue };
            let now = match own.get(id) {
                Some(n) if *n == number => continue,
                Some(n) => Msg::new("inherited-number.moved").arg("new", n),
                None => Msg::new("inherited-number.removed"),
            };
            sink.push(
                Diagnostic::new(Code::InheritedNumber)
                    .arg("number", number)
                    .arg("id", id)
                    .arg_msg("now", now)
                    .primary(super::locate(map, text.span, &phrase), Msg::new("inherited-number.label")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_the_indicator_numbers_a_text_cites() {
        let cited = |t: &str| super::cited_numbers(t).into_iter().map(|(n, _)| n).collect::<Vec<_>>();
        assert_eq!(cited("để thực hiện chỉ tiêu 9 của kế hoạch"), [9]);
        assert_eq!(cited("thực hiện các chỉ tiêu 1, 2 và 16; Chỉ tiêu số 3"), [1, 2, 16, 3]);
        assert_eq!(cited("chỉ tiêu 1.000 người, chỉ tiêu năm"), Vec::<usize>::new());
    }
}
