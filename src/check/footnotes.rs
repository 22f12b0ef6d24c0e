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

/// The labels of `[^label]` references in a text, and of `[^label]:` notes
/// written at the start of a line.
fn labels(text: &str) -> (Vec<&str>, Vec<&str>) {
    let (mut refs, mut notes) = (Vec::new(), Vec::new());
    let mut rest = text;
    let mut at = 0;
    while let Some(i) = rest.find("[^") {
        let start = at + i;
        let after = &text[start + 2..];
        let Some(end) = after.find(']') else { break };
        let label = &after[..end];
        let valid = !label.is_empty() && !label.contains(|c: char| c.is_whitespace() || c == '[');
        if valid {
            let line_start = text[..start].rfind('\n').map_or(0, |n| n + 1);
            let is_note = text[line_start..start].trim().is_empty() && after[end + 1..].starts_with(':');
            if is_note {
                notes.push(label);
            } else {
                refs.push(label);
            }
        }
        at = start + 2;
        rest = &text[at..];
    }
    (refs, notes)
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
    let mut decision: Vec<&Spanned<String>> = Vec::new();
    if let Some(d) = &plan.decision {
        decision.extend(&d.bases);
        decision.extend(&d.articles);
        decision.extend(&d.proposal);
    }
    let appendix_texts: Vec<Vec<&Spanned<String>>> =
        plan.appendices.iter().map(|a| a.body.iter().chain(a.items.iter().map(|i| &i.what)).collect()).collect();
    let apart: Vec<&Spanned<String>> = decision.iter().chain(appendix_texts.iter().flatten()).copied().collect();
    // The plan's own: every free text that is not the decision's or an appendix's,
    // and the words of compound indicators' parts.
    let mut own: Vec<&Spanned<String>> =
        plan.free_texts().into_iter().filter(|t| !apart.iter().any(|a| a.span == t.span)).collect();
    own.extend(plan.objectives.iter().flat_map(|o| &o.indicators).flat_map(|i| &i.parts).map(|p| &p.text));
    check_group(&own, map, sink);
    check_group(&decision, map, sink);
    for texts in &appendix_texts {
        check_group(texts, map, sink);
    }
}

#[cfg(test)]
mod tests {
    use super::labels;

    #[test]
    fn references_and_notes() {
        let (refs, notes) = labels("Giảm tỷ lệ hộ nghèo[^1] theo chuẩn[^a].\n[^1]: Theo Nghị định.\n  [^b]: Khác.");
        assert_eq!(refs, ["1", "a"]);
        assert_eq!(notes, ["1", "b"]);
        assert_eq!(labels("[^ 1] và [^] không phải"), (vec![], vec![]));
    }
}
