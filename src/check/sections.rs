//! content-unplaced: objectives, budget, duties or reporting written in the plan
//! but shown by no part (`content = "…"`), so they would not be printed.

use crate::diag::{Code, Diagnostic, Msg, Sink};
use crate::model::{Plan, SectionContent};
use crate::source::Span;

pub fn check(plan: &Plan, sink: &mut Sink) {
    let shown = |c: SectionContent| plan.sections.iter().any(|s| s.content.as_ref().is_some_and(|x| **x == c));
    let written: [(SectionContent, &str, Option<Span>); 4] = [
        (SectionContent::Objectives, "objectives", plan.objectives.first().map(|o| o.id.span)),
        (
            SectionContent::Budget,
            "budget",
            plan.budget.as_ref().map(|b| b.total.as_ref().map_or(Span::DETACHED, |t| t.span)),
        ),
        (SectionContent::Duties, "duties", plan.duties.first().map(|d| d.agency.span)),
        (
            SectionContent::Reporting,
            "reporting",
            plan.reporting.as_ref().map(|r| r.deadlines.first().map_or(Span::DETACHED, |d| d.what.span)),
        ),
    ];
    for (content, name, span) in written {
        let Some(span) = span else { continue };
        if shown(content) {
            continue;
        }
        let mut d = Diagnostic::new(Code::ContentUnplaced).arg("content", name);
        if !span.is_detached() {
            d = d.primary(span, Msg::new("content-unplaced.label").arg("content", name));
        }
        sink.push(d.note(Msg::new("content-unplaced.help").arg("content", name)));
    }
}
