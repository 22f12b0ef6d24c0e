//! content-unplaced: objectives, budget, duties or reporting written in the plan
//! but shown by no part (`content = "…"`), so they would not be printed;
//! parts-missing: a plan with no part at all; decision-article: a decision none
//! of whose articles issues (ban hành, phê duyệt) the plan it is for.

use crate::diag::{Code, Diagnostic, Msg, Sink};
use crate::model::{Plan, SectionContent};
use crate::source::Span;

pub fn check(plan: &Plan, sink: &mut Sink) {
    if plan.sections.is_empty() {
        sink.push(
            Diagnostic::new(Code::PartsMissing).primary(plan.document.kind.span, Msg::new("parts-missing.label")),
        );
    }
    if let Some(d) = &plan.decision {
        let issues = |a: &str| {
            let a = crate::vi::text::name_key(a);
            ["ban hành", "phê duyệt"].iter().any(|verb| a.contains(&crate::vi::text::name_key(verb)))
        };
        if !d.articles.iter().any(|a| issues(a)) {
            let span = d.articles.first().map_or(d.summary.span, |a| a.span);
            sink.push(Diagnostic::new(Code::DecisionArticle).primary(span, Msg::new("decision-article.label")));
        }
    }
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
