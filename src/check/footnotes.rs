//! footnote-missing: a footnote reference (`hộ nghèo[^1]`) with no note written
//! for it in the same part of the document, which would print as `[^1]`;
//! footnote-unused: a note (`[^2]: …`) that nothing refers to, which is not printed.
//!
//! A plan's bodies are one Markdown document, and so are the decision's and each
//! appendix's: a reference finds its note only within its own.

use std::collections::BTreeSet;

use crate::diag::{Code, Diagnostic, Msg, Sink};
use crate::model::{Plan, Spanned};
use crate::source::SourceMap;

/// The labels of a text's references and of its notes.
fn labels(text: &str) -> (Vec<&str>, Vec<&str>) {
    let marks = crate::model::footnote_marks(text);
    let pick = |note: bool| marks.iter().filter(|m| m.note == note).map(|m| m.label).collect();
    (pick(false), pick(true))
}

/// One Markdown document's texts: references and notes are matched among them.
fn check_group(texts: &[&Spanned<String>], map: &SourceMap, sink: &mut Sink) {
    let mut defined = BTreeSet::new();
    let mut cited = BTreeSet::new();
    for text in texts {
        let (refs, notes) = labels(text);
        cited.extend(refs);
        defined.extend(notes);
    }
    let mut said = BTreeSet::new();
    for text in texts {
        let (refs, notes) = labels(text);
        for label in refs.into_iter().filter(|l| !defined.contains(l)) {
            if said.insert(("ref", label)) {
                let written = format!("[^{label}]");
                sink.push(Diagnostic::new(Code::FootnoteMissing).arg("label", label).primary(
                    super::locate(map, text.span, &written),
                    Msg::new("footnote-missing.label").arg("label", label),
                ));
            }
        }
        for label in notes.into_iter().filter(|l| !cited.contains(l)) {
            if said.insert(("note", label)) {
                let written = format!("[^{label}]:");
                sink.push(Diagnostic::new(Code::FootnoteUnused).arg("label", label).primary(
                    super::locate(map, text.span, &written),
                    Msg::new("footnote-unused.label").arg("label", label),
                ));
            }
        }
    }
}

pub fn check(plan: &Plan, map: &SourceMap, sink: &mut Sink) {
    // Texts printed as they are written, not read as Markdown: a reference there prints
    // as "[^1]" whatever notes there are (the trích yếu, căn cứ, titles, table cells).
    let mut plain: Vec<&Spanned<String>> = vec![&plan.document.summary];
    plain.extend(&plan.bases);
    plain.extend(plan.sections.iter().map(|s| &s.title));
    plain.extend(plan.duties.iter().flat_map(|d| &d.title));
    plain.extend(plan.appendices.iter().flat_map(|a| std::iter::once(&a.title).chain(a.items.iter().map(|i| &i.what))));
    let mut decision: Vec<&Spanned<String>> = Vec::new();
    if let Some(d) = &plan.decision {
        plain.extend(d.bases.iter().chain(&d.proposal));
        decision.extend(&d.articles);
    }
    let appendix_texts: Vec<Vec<&Spanned<String>>> = plan.appendices.iter().map(|a| a.body.iter().collect()).collect();
    let apart: Vec<&Spanned<String>> =
        plain.iter().chain(&decision).chain(appendix_texts.iter().flatten()).copied().collect();
    // The plan's own Markdown: every other free text, and the words of compound
    // indicators' parts.
    let mut own: Vec<&Spanned<String>> =
        plan.free_texts().into_iter().filter(|t| !apart.iter().any(|a| a.span == t.span)).collect();
    own.extend(plan.objectives.iter().flat_map(|o| &o.indicators).flat_map(|i| &i.parts).map(|p| &p.text));
    check_group(&own, map, sink);
    check_group(&decision, map, sink);
    for texts in &appendix_texts {
        check_group(texts, map, sink);
    }
    for text in plain {
        for label in labels(text).0 {
            let written = format!("[^{label}]");
            sink.push(
                Diagnostic::new(Code::FootnoteMissing)
                    .with_message(Msg::new("footnote-missing.plain").arg("label", label))
                    .primary(super::locate(map, text.span, &written), Msg::new("footnote-missing.plain-label")),
            );
        }
    }
}
