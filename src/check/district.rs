//! District traceability: a child plan against the plan it extends.
//! trace-weaker-target: a target less ambitious than the parent's, without a `note`;
//! trace-removed: a parent indicator dropped without a `note`.
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
    for removal in plan.removals.iter().filter(|r| r.array == "indicators" && !r.has_note) {
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
