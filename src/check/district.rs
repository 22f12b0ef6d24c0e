//! District traceability: a child plan against the plan it extends.
//! trace-weaker-target: a target less ambitious than the parent's, without a `note`;
//! trace-removed: a parent indicator dropped without a `note`;
//! inherited-level: inherited prose that still speaks of the parent's level
//! ("trên địa bàn tỉnh", "các Sở") in a plan of a lower level;
//! inherited-number: inherited prose citing "chỉ tiêu 9" by the parent's numbering
//! when the child numbers that indicator otherwise or has removed it;
//! inherited-year: inherited prose naming the parent's year ("trong năm 2023")
//! in a plan of a later year.
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
    inherited_years(plan, parent, map, sink);
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
/// "chỉ tiêu số 3", each with its list as written ("hỉ tiêu 1, 2 và 6") and how
/// many times that list was written before (to locate it).
fn cited_numbers(text: &str) -> Vec<(usize, String, usize)> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices("hỉ tiêu ") {
        let start = at + "hỉ tiêu ".len();
        let mut rest = &text[start..];
        rest = rest.strip_prefix("số ").unwrap_or(rest);
        let mut numbers = Vec::new();
        loop {
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let after = &rest[digits..];
            // "chỉ tiêu 1.000 người" is a figure, "chỉ tiêu 5 năm" a span of years.
            if digits == 0
                || after.starts_with(['.', ',']) && after[1..].starts_with(|c: char| c.is_ascii_digit())
                || after.starts_with(" năm")
            {
                break;
            }
            let Ok(n) = rest[..digits].parse::<usize>() else { break };
            numbers.push(n);
            rest = after;
            match [", ", " và ", ","].iter().find_map(|s| rest.strip_prefix(s)) {
                Some(next) if next.starts_with(|c: char| c.is_ascii_digit()) => rest = next,
                _ => break,
            }
        }
        // The list as written, up to its last number.
        let end = text.len() - rest.len();
        let phrase = &text[at..end];
        let nth = text[..at].matches(phrase).count();
        out.extend(numbers.into_iter().map(|n| (n, phrase.to_string(), nth)));
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
        for (number, phrase, nth) in cited_numbers(text) {
            let Some(id) = parent_ids.get(&number).copied() else { continue };
            let (now, label) = match own.get(id) {
                Some(n) if *n == number => continue,
                Some(n) => (Msg::new("inherited-number.moved").arg("new", n), "inherited-number.label"),
                None => (Msg::new("inherited-number.removed"), "inherited-number.removed-label"),
            };
            sink.push(
                Diagnostic::new(Code::InheritedNumber)
                    .arg("number", number)
                    .arg("id", id)
                    .arg_msg("now", now)
                    .primary(super::locate_nth(map, text.span, &phrase, nth), Msg::new(label)),
            );
        }
    }
}

/// Where a text names `year` as the year things happen in: "trong năm 2023",
/// not a date ("ngày 03 tháng 4 năm 2023") nor the start of a span ("năm 2023 - 2025").
/// The byte offset of each such "năm 2023".
fn years_named(text: &str, year: i32) -> Vec<usize> {
    let phrase = format!("năm {year}");
    text.match_indices(&phrase)
        .map(|(at, _)| at)
        .filter(|&at| {
            let before = text[..at].trim_end();
            let date = before.rsplit_once(' ').is_some_and(|(head, month)| {
                head.trim_end().ends_with("tháng") && month.bytes().all(|b| b.is_ascii_digit())
            });
            let after = text[at + phrase.len()..].trim_start();
            let span = after.starts_with(['-', '–']) || after.starts_with("đến");
            let longer = text[at + phrase.len()..].starts_with(|c: char| c.is_ascii_digit());
            !date && !span && !longer
        })
        .collect()
}

fn inherited_years(plan: &ResolvedPlan, parent: &ResolvedPlan, map: &SourceMap, sink: &mut Sink) {
    use chrono::Datelike;
    // A plan's year is the one it is for ("năm 2024", `period = [2024, 2024]`), which
    // may follow the year it was signed in (December); a plan of several years names
    // several years as its own, and is left alone.
    // A period inherited from the parent says nothing of the child's year: its date does.
    let year = |p: &ResolvedPlan| match p.document.period.as_ref().filter(|s| map.lookup(s.span) == Some(p.file)) {
        Some(s) if s.value.0 == s.value.1 => Some(s.value.0),
        Some(_) => None,
        None => p.document.date.as_ref().and_then(|d| d.day()).map(|d| d.year()),
    };
    let (Some(own), Some(above)) = (year(plan), year(parent)) else { return };
    if own <= above {
        return;
    }
    let phrase = format!("năm {above}");
    for text in plan.free_texts() {
        // Only what this plan inherited: its own words are its own.
        if map.lookup(text.span) == Some(plan.file) {
            continue;
        }
        // One per text: overriding its entry fixes them all.
        let Some(&at) = years_named(text, above).first() else { continue };
        let nth = text[..at].matches(&phrase).count();
        sink.push(Diagnostic::new(Code::InheritedYear).arg("year", above).arg("own", own).primary(
            super::locate_nth(map, text.span, &phrase, nth),
            Msg::new("inherited-year.label").arg("own", own),
        ));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_the_years_a_text_names_as_its_own() {
        let named = |t: &str| super::years_named(t, 2023).len();
        assert_eq!(named("Trong năm 2023, phấn đấu 95% trẻ em"), 1);
        assert_eq!(named("Kế hoạch số 93/KH-UBND ngày 03 tháng 4 năm 2023 của Ủy ban"), 0);
        assert_eq!(named("giai đoạn năm 2023 - 2025; từ năm 2023 đến năm 2025"), 0);
        assert_eq!(named("năm 20231"), 0);
        assert_eq!(named("năm 2023 và cả năm 2023."), 2);
    }

    #[test]
    fn reads_the_indicator_numbers_a_text_cites() {
        let cited = |t: &str| super::cited_numbers(t).into_iter().map(|(n, ..)| n).collect::<Vec<_>>();
        assert_eq!(cited("để thực hiện chỉ tiêu 9 của kế hoạch"), [9]);
        assert_eq!(cited("thực hiện các chỉ tiêu 1, 2 và 16; Chỉ tiêu số 3"), [1, 2, 16, 3]);
        assert_eq!(cited("chỉ tiêu 1.000 người, chỉ tiêu năm, các chỉ tiêu 5 năm 2021 - 2025"), Vec::<usize>::new());
        // Each list as written, and which of its kind: "chỉ tiêu 1" after "chỉ tiêu 16".
        let lists = super::cited_numbers("chỉ tiêu 16 và chỉ tiêu 1; chỉ tiêu số 3");
        assert_eq!(lists[1], (1, "hỉ tiêu 1".to_string(), 1));
        assert_eq!(lists[2], (3, "hỉ tiêu số 3".to_string(), 0));
    }
}
