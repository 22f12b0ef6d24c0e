//! District traceability: a child plan against the plan it extends.
//! trace-weaker-target: a target less ambitious than the parent's, without a `note`;
//! trace-removed: a parent indicator dropped without a `note`;
//! inherited-level: inherited prose that still speaks of the parent's level
//! ("trên địa bàn tỉnh", "các Sở") in a plan of a lower level.
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
