//! `kehoach trace`: each indicator's parent value, child value and where each was set.

use serde::Serialize;

use crate::model::ResolvedPlan;
use crate::source::{SourceMap, Span};

#[derive(Debug, Serialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "kebab-case")]
pub enum Provenance {
    /// Taken unchanged from the parent.
    Inherited,
    /// The parent's indicator with a value set by this plan.
    Overridden,
    /// Only in this plan.
    Added,
    /// In the parent, dropped by this plan.
    Removed,
}

#[derive(Debug, Serialize)]
pub struct Row {
    pub number: Option<usize>,
    pub id: String,
    pub origin: Provenance,
    pub parent_value: Option<String>,
    pub parent_at: Option<String>,
    pub value: Option<String>,
    pub at: Option<String>,
    pub note: Option<String>,
}

fn at(map: &SourceMap, span: Span) -> Option<String> {
    map.location(span).map(|(f, l, c)| format!("{f}:{l}:{c}"))
}

/// One row per indicator of the child, then one per parent indicator it removed.
pub fn rows(plan: &ResolvedPlan, map: &SourceMap) -> Vec<Row> {
    let parent = plan.parent.as_deref();
    let find =
        |id: &str| parent.and_then(|p| p.objectives.iter().flat_map(|o| &o.indicators).find(|i| i.id.as_str() == id));
    let mut out = Vec::new();
    for (number, _, ind) in plan.numbered_indicators() {
        let original = find(&ind.id);
        let target_span = ind.target.as_ref().map(|t| t.span).unwrap_or(ind.id.span);
        let origin = match original {
            None => Provenance::Added,
            Some(_) if map.lookup(target_span) == Some(plan.file) => Provenance::Overridden,
            Some(_) => Provenance::Inherited,
        };
        out.push(Row {
            number: Some(number),
            id: ind.id.value.clone(),
            origin,
            parent_value: original.and_then(|o| o.target.as_ref()).and_then(|t| t.value_text()),
            parent_at: original.and_then(|o| o.target.as_ref()).and_then(|t| at(map, t.span)),
            value: ind.target.as_ref().and_then(|t| t.value_text()),
            at: at(map, target_span),
            note: ind.note.as_ref().map(|n| n.value.clone()),
        });
        // Each part of a compound indicator is a row of its own: "id/part".
        for part in &ind.parts {
            let original = original.and_then(|o| o.parts.iter().find(|p| p.id.value == part.id.value));
            let span = part.target.as_ref().map_or(part.id.span, |t| t.span);
            let origin = match original {
                None => Provenance::Added,
                Some(_) if map.lookup(span) == Some(plan.file) => Provenance::Overridden,
                Some(_) => Provenance::Inherited,
            };
            out.push(Row {
                number: Some(number),
                id: format!("{}/{}", ind.id.value, part.id.value),
                origin,
                parent_value: original.and_then(|o| o.target.as_ref()).and_then(|t| t.value_text()),
                parent_at: original.and_then(|o| o.target.as_ref()).and_then(|t| at(map, t.span)),
                value: part.target.as_ref().and_then(|t| t.value_text()),
                at: at(map, span),
                note: part.note.as_ref().map(|n| n.value.clone()),
            });
        }
    }
    for r in plan.removals.iter().filter(|r| r.array == "indicators") {
        let original = find(&r.id);
        out.push(Row {
            number: None,
            id: r.id.clone(),
            origin: Provenance::Removed,
            parent_value: original.and_then(|o| o.target.as_ref()).and_then(|t| t.value_text()),
            parent_at: original.and_then(|o| o.target.as_ref()).and_then(|t| at(map, t.span)),
            value: None,
            at: at(map, r.span),
            note: r.note.clone(),
        });
    }
    out
}
