//! content-unplaced: objectives, budget, duties or reporting written in the plan
//! but shown by no part (`content = "…"`), so they would not be printed;
//! parts-missing: a plan with no part at all; decision-article: a decision none
//! of whose articles issues (ban hành, phê duyệt) the plan it is for;
//! appendix-missing: the text refers to a Phụ lục the plan does not have.

use crate::diag::{Code, Diagnostic, Msg, Sink};
use crate::model::{Plan, SectionContent};
use crate::source::{SourceMap, Span};

/// "Phụ lục II", "phụ lục kèm theo" in the plan's own text, not a cited document's
/// ("Phụ lục I của Nghị định …"): the number it names (1 for "kèm theo").
fn appendix_references(text: &str) -> Vec<(usize, usize)> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    for (at, _) in lower.match_indices("phụ lục") {
        let rest = &lower[at + "phụ lục".len()..];
        let words: Vec<&str> = rest.split_whitespace().take(4).collect();
        let Some(first) = words.first().map(|w| w.trim_end_matches([',', '.', ';', ':', ')'])) else { continue };
        let number = match first {
            "kèm" => Some(1),
            w if w.chars().all(|c| matches!(c, 'i' | 'v' | 'x')) && !w.is_empty() => {
                crate::vi::number::ROMAN.iter().position(|r| r.eq_ignore_ascii_case(w)).map(|i| i + 1)
            }
            w => w.parse().ok(),
        };
        // Another document's appendix: "Phụ lục I của Nghị định …", "Phụ lục II Thông tư …".
        let cited = words.iter().skip(1).any(|w| matches!(*w, "của" | "nghị" | "thông" | "quyết" | "ban"));
        if let (Some(n), false) = (number, cited) {
            out.push((at, n));
        }
    }
    out
}

pub fn check(plan: &Plan, map: &SourceMap, sink: &mut Sink) {
    let appendices = usize::from(plan.appendix.is_some()) + plan.appendices.len();
    for text in plan.free_texts() {
        if let Some((at, n)) = appendix_references(text).into_iter().find(|(_, n)| *n > appendices) {
            // At the words "Phụ lục …" as written, not the whole text.
            let written = text.get(at..at + "phụ lục".len()).filter(|w| w.to_lowercase() == "phụ lục");
            let span =
                written.map_or(text.span, |w| super::locate_nth(map, text.span, w, text[..at].matches(w).count()));
            sink.push(
                Diagnostic::new(Code::AppendixMissing)
                    .arg("n", n)
                    .arg("count", appendices)
                    .primary(span, Msg::new("appendix-missing.label")),
            );
        }
    }
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

#[cfg(test)]
mod tests {
    use super::appendix_references;

    #[test]
    fn finds_references_to_the_plans_own_appendices() {
        let numbers = |t: &str| appendix_references(t).into_iter().map(|(_, n)| n).collect::<Vec<_>>();
        assert_eq!(numbers("chi tiết tại Phụ lục kèm theo"), [1]);
        assert_eq!(numbers("(Phụ lục II) và Phụ lục 3."), [2, 3]);
        assert_eq!(numbers("theo Phụ lục I kèm theo Kế hoạch này"), [1]);
        assert!(numbers("Phụ lục I của Nghị định số 30/2020/NĐ-CP; Phụ lục II ban hành kèm theo Thông tư").is_empty());
    }
}
