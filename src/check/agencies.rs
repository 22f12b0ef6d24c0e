//! lead-missing, lead-unknown, lead-shared, agency-idle: who does what.

use std::collections::HashSet;

use crate::diag::{closest, Arg, Code, Diagnostic, Label, Msg, Sink};
use crate::model::{Plan, Removal, Spanned};
use crate::source::SourceMap;

use super::locate;

pub fn check(plan: &Plan, map: &SourceMap, sink: &mut Sink) {
    let mut used: HashSet<String> = HashSet::new();
    let example = plan.agencies.keys().next().map_or("ldtbxh", String::as_str);

    for (number, _, indicator) in plan.numbered_indicators() {
        // Each lead with the span of its own name inside the value.
        let leads: Vec<Spanned<String>> = indicator
            .lead
            .iter()
            .flat_map(|l| {
                l.0.iter().map(|name| Spanned::new(name.clone(), locate(map, l.span, &format!("\"{name}\""))))
            })
            .collect();
        if leads.is_empty() {
            sink.push(
                Diagnostic::new(Code::LeadMissing)
                    .arg("number", number)
                    .arg("id", indicator.id.as_str())
                    .primary(indicator.id.span, Msg::new("lead-missing.label"))
                    .note(Msg::new("lead-missing.help").arg("example", example)),
            );
        }
        if leads.len() > 1 {
            sink.push(
                Diagnostic::new(Code::LeadShared)
                    .arg("number", number)
                    .arg("id", indicator.id.as_str())
                    .arg("count", leads.len())
                    .primary(
                        indicator.lead.as_ref().map_or(indicator.id.span, |l| l.span),
                        Msg::new("lead-shared.label"),
                    )
                    .note(Msg::new("lead-shared.help")),
            );
        }
        for agency in leads.iter().chain(&indicator.support) {
            used.insert(agency.value.clone());
            known(plan, agency, sink);
        }
    }
    for duty in &plan.duties {
        used.insert(duty.agency.value.clone());
        known(plan, &duty.agency, sink);
    }
    if let Some(to) = plan.reporting.as_ref().and_then(|r| r.to.as_ref()) {
        // Compiling the reports is a duty too.
        used.insert(to.value.clone());
        known(plan, to, sink);
    }
    for (id, agency) in &plan.agencies {
        if !used.contains(id) {
            sink.push(
                Diagnostic::new(Code::AgencyIdle)
                    .arg("agency", id)
                    .arg("name", &agency.name)
                    .primary(agency.span, Msg::new("agency-idle.label")),
            );
        }
    }
}

fn known(plan: &Plan, agency: &Spanned<String>, sink: &mut Sink) {
    if plan.agencies.contains_key(agency.as_str()) {
        return;
    }
    let mut d = Diagnostic::new(Code::LeadUnknown)
        .arg("agency", agency.as_str())
        .primary(agency.span, Msg::new("lead-unknown.label"));
    if let Some(s) = closest(agency, plan.agencies.keys()) {
        let name = &plan.agencies[s].name;
        d = d.note(Msg::new("lead-unknown.suggest").arg("suggestion", s).arg("name", name));
    }
    sink.push(d);
}

/// Work still given to an agency the plan removed (`remove = true`, often in a
/// child plan over its parent's duties): the error says so and points at the removal.
pub fn point_at_removals(removals: &[Removal], diagnostics: &mut [Diagnostic]) {
    for d in diagnostics.iter_mut().filter(|d| d.code == Code::LeadUnknown) {
        let named = |r: &&Removal| {
            d.message.args.iter().any(|(k, v)| *k == "agency" && matches!(v, Arg::Text(t) if *t == r.id))
        };
        if let Some(removal) = removals.iter().filter(|r| r.array == "agencies").find(named) {
            let span = removal.span;
            d.labels.push(Label { span, primary: false, message: Msg::new("lead-unknown.removed-label") });
            d.notes.push(Msg::new("lead-unknown.removed"));
        }
    }
}
