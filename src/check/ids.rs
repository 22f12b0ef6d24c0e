//! id-duplicate: ids are how district plans and version comparison find things.

use std::collections::HashMap;

use crate::diag::{Code, Diagnostic, Msg, Sink};
use crate::model::{Plan, Spanned};

pub fn check(plan: &Plan, sink: &mut Sink) {
    let objectives = plan.objectives.iter().map(|o| &o.id);
    let indicators = plan.objectives.iter().flat_map(|o| o.indicators.iter().map(|i| &i.id));
    let sections = plan.sections.iter().filter_map(|s| s.id.as_ref());
    for ids in [objectives.collect::<Vec<_>>(), indicators.collect(), sections.collect()] {
        unique(ids, sink);
    }
    // A compound indicator's parts: a district overrides one by its id.
    for indicator in plan.objectives.iter().flat_map(|o| &o.indicators) {
        unique(indicator.parts.iter().map(|p| &p.id).collect(), sink);
    }
}

fn unique(ids: Vec<&Spanned<String>>, sink: &mut Sink) {
    let mut seen: HashMap<&str, &Spanned<String>> = HashMap::new();
    for id in ids {
        if let Some(first) = seen.get(id.as_str()) {
            sink.push(
                Diagnostic::new(Code::IdDuplicate)
                    .arg("id", id.as_str())
                    .primary(id.span, Msg::new("id-duplicate.label"))
                    .secondary(first.span, Msg::new("id-duplicate.first")),
            );
        } else {
            seen.insert(id.as_str(), id);
        }
    }
}
