//! target-range, blank-field, duty-duplicate, content-missing, text-pdf: values that
//! would print wrongly or not at all, though the file is well-formed.

use std::collections::HashMap;

use crate::diag::{Code, Diagnostic, Msg, Sink};
use crate::model::{Plan, SectionContent, Spanned};
use crate::source::Span;

/// Targets are percentages, rates and counts: beyond this they are a typo, and
/// past 2^53 a float no longer prints the digits written.
const TARGET_LIMIT: f64 = 1e15;

pub fn check(plan: &Plan, sink: &mut Sink) {
    targets(plan, sink);
    placeholders(plan, sink);
    blanks(plan, sink);
    duties(plan, sink);
    contents(plan, sink);
    shaping(plan, sink);
}

/// Text the PDF backend cannot lay out as written: the PDF leaves out invisible
/// characters there (or adds a break), so say so before the two outputs differ.
fn shaping(plan: &Plan, sink: &mut Sink) {
    let mut texts = plan.free_texts();
    texts.extend([&plan.document.place, &plan.issuer.name, &plan.signature.name]);
    texts.extend(&plan.recipients.to);
    let agencies = plan.agencies.values().map(|a| (a.name.as_str(), a.span));
    for (text, span) in texts.into_iter().map(|t| (t.as_str(), t.span)).chain(agencies) {
        if let Some((_, reason)) = crate::shaping::unsafe_for_pdf(text) {
            sink.push(
                Diagnostic::new(Code::TextPdf)
                    .with_message(Msg::new("text-pdf").arg_key("reason", reason))
                    .primary(span, Msg::new("text-pdf.label")),
            );
        }
    }
}

/// Words of an indicator that make its "%" a share of a whole ("tỷ lệ …", "{target}
/// trẻ em"), which cannot pass 100%; not when it compares ("so với", "cùng kỳ", "dự
/// toán", "tăng", "gấp"): "thu ngân sách đạt 105% dự toán".
fn is_share(words: &str) -> bool {
    let k = crate::vi::text::fold(words);
    let share = k.contains("ty le")
        || k.match_indices("{target} ").any(|(i, m)| k[i + m.len()..].starts_with(|c: char| c.is_alphabetic()));
    let compares = ["so voi", "cung ky", "du toan", "ke hoach", "tang", "gap ", "vuot"].iter().any(|w| k.contains(w));
    share && !compares
}

fn targets(plan: &Plan, sink: &mut Sink) {
    for (_, _, indicator) in plan.numbered_indicators() {
        let words = std::iter::once(indicator.text.as_str())
            .chain(indicator.parts.iter().map(|p| p.text.as_str()))
            .collect::<Vec<_>>()
            .join(" ");
        for target in indicator.targets() {
            let (written, span) = (&target.value, target.span);
            // A share of more than the whole: "tỷ lệ … đạt 120%".
            let over =
                written.value.into_iter().chain(written.milestones.values().map(|v| v.value)).find(|v| *v > 100.0);
            if let Some(value) = over.filter(|_| written.unit.trim() == "%" && is_share(&words)) {
                sink.push(
                    Diagnostic::new(Code::TargetRange)
                        .with_message(
                            Msg::new("target-range.share")
                                .arg("id", indicator.id.as_str())
                                .arg("value", crate::vi::number::decimal(value)),
                        )
                        .primary(span, Msg::new("target-range.share-label")),
                );
            }
            // Both: the document prints the milestones only, and the value is lost.
            if written.value.is_some() && !written.milestones.is_empty() {
                sink.push(
                    Diagnostic::new(Code::TargetRange)
                        .with_message(Msg::new("target-range.both").arg("id", indicator.id.as_str()))
                        .primary(span, Msg::new("target-range.both-label")),
                );
            }
            // A target with its unit but no number (a field emptied in the form):
            // the sentence would end "… đạt." with nothing to reach.
            if written.value.is_none() && written.milestones.is_empty() {
                sink.push(
                    Diagnostic::new(Code::BlankField)
                        .arg("key", "indicators.target")
                        .arg_msg("field", Msg::new(crate::diag::field_label("indicators.target")))
                        .primary(span, Msg::new("blank-field.label")),
                );
            }
            let values = written.value.map(|v| (v, span)).into_iter();
            for (value, span) in values.chain(written.milestones.values().map(|v| (v.value, v.span))) {
                if !value.is_finite() || value.abs() >= TARGET_LIMIT {
                    sink.push(
                        Diagnostic::new(Code::TargetRange)
                            .arg("id", indicator.id.as_str())
                            .arg("value", value)
                            .primary(span, Msg::new("target-range.label")),
                    );
                }
            }
        }
    }
}

/// An indicator's words take one placeholder, `{target}`: any other `{…}` (a typo,
/// `{taget}`) would print as written, braces and all.
fn placeholders(plan: &Plan, sink: &mut Sink) {
    for (_, _, indicator) in plan.numbered_indicators() {
        let texts = std::iter::once(&indicator.text).chain(indicator.parts.iter().map(|p| &p.text));
        for text in texts {
            let mut rest = text.as_str();
            while let Some(open) = rest.find('{') {
                let Some(len) = rest[open..].find('}') else { break };
                let written = &rest[open..open + len + 1];
                if written != "{target}" {
                    let mut d = Diagnostic::new(Code::PlaceholderUnknown)
                        .arg("id", indicator.id.as_str())
                        .arg("written", written)
                        .primary(text.span, Msg::new("placeholder-unknown.label"));
                    if crate::diag::closest(&written[1..written.len() - 1], &["target".to_string()]).is_some() {
                        d = d.note(Msg::new("placeholder-unknown.target"));
                    }
                    sink.push(d);
                }
                rest = &rest[open + len + 1..];
            }
        }
    }
}

/// Required texts that trim to nothing would leave a hole in the document.
fn blanks(plan: &Plan, sink: &mut Sink) {
    let mut required: Vec<(&str, &Spanned<String>)> = vec![
        ("document.summary", &plan.document.summary),
        ("document.place", &plan.document.place),
        ("issuer.name", &plan.issuer.name),
        ("issuer.abbr", &plan.issuer.abbr),
        ("signature.name", &plan.signature.name),
    ];
    if let Some(d) = &plan.decision {
        required.extend([("decision.summary", &d.summary), ("decision.authority", &d.authority)]);
    }
    // One objective may go without a heading: its indicators follow the part's
    // heading ("II. MỤC TIÊU"), as many plans print them. Several need their a), b).
    if plan.objectives.len() > 1 {
        required.extend(plan.objectives.iter().map(|o| ("objectives.title", &o.title)));
    }
    required.extend(plan.sections.iter().map(|s| ("sections.title", &s.title)));
    for (_, _, indicator) in plan.numbered_indicators() {
        // A compound indicator's words may all be in its parts.
        if indicator.parts.is_empty() {
            required.push(("indicators.text", &indicator.text));
        }
        required.extend(indicator.parts.iter().map(|p| ("indicators.parts.text", &p.text)));
    }
    line_breaks(plan, sink);
    // An agency's name is printed in the duties and the appendix: "Đoàn Thanh niên xã …".
    for (id, agency) in &plan.agencies {
        if holds_placeholder(&agency.name) {
            sink.push(
                Diagnostic::new(Code::BlankField)
                    .arg("key", format!("agencies.{id}.name"))
                    .arg_msg("field", Msg::new(crate::diag::field_label("agencies.name")))
                    .primary(agency.span, Msg::new("blank-field.placeholder")),
            );
        }
    }
    for (key, value) in required {
        if value.is_empty() || holds_placeholder(value) {
            // The field in words too: a clerk checking a Word file never saw the key.
            sink.push(
                Diagnostic::new(Code::BlankField)
                    .arg("key", key)
                    .arg_msg("field", Msg::new(crate::diag::field_label(key)))
                    .primary(
                        value.span,
                        Msg::new(if value.is_empty() { "blank-field.label" } else { "blank-field.placeholder" }),
                    ),
            );
        }
    }
}

/// "…" (or "...") standing for a name still to be filled in, as `kehoach new`
/// leaves it: the whole place, or after a unit's word ("Ủy ban nhân dân xã …",
/// "… trên địa bàn xã …"). An "…" ending a list ("y tế, giáo dục, …") is words.
fn holds_placeholder(text: &str) -> bool {
    const UNITS: [&str; 8] = ["xã", "phường", "thị trấn", "đặc khu", "huyện", "quận", "tỉnh", "phố"];
    let dots = |w: &str| !w.is_empty() && w.chars().all(|c| c == '…' || c == '.') && (w.contains('…') || w.len() >= 3);
    let words: Vec<&str> = text.split_whitespace().collect();
    (words.len() == 1 && dots(words[0]))
        || words.windows(2).any(|w| dots(w[1]) && UNITS.iter().any(|u| u.ends_with(w[0])))
}

/// One agency, one entry of Tổ chức thực hiện: a second would print twice. Two codes
/// whose agencies have one name print the same heading twice too (a district plan
/// that renamed several departments to the one office that took their work).
fn duties(plan: &Plan, sink: &mut Sink) {
    let mut first: HashMap<String, (&str, Span)> = HashMap::new();
    for duty in &plan.duties {
        let code = duty.agency.as_str();
        let name = plan.agencies.get(code).map_or(code, |a| a.name.as_str());
        let key = crate::vi::text::name_key(name);
        match first.get(&key) {
            Some((earlier_code, earlier)) => {
                let mut d = Diagnostic::new(Code::DutyDuplicate)
                    .arg("agency", name)
                    .primary(duty.agency.span, Msg::new("duty-duplicate.label"))
                    .secondary(*earlier, Msg::new("duty-duplicate.first"));
                if *earlier_code != code {
                    d = d.note(Msg::new("duty-duplicate.same-name").arg("first", *earlier_code).arg("second", code));
                }
                sink.push(d);
            }
            None => {
                first.insert(key, (code, duty.agency.span));
            }
        }
    }
}

/// A part that prints generated content needs that content.
fn contents(plan: &Plan, sink: &mut Sink) {
    for section in &plan.sections {
        let Some(content) = &section.content else { continue };
        let (present, name) = match content.value {
            SectionContent::Objectives => (!plan.objectives.is_empty(), "objectives"),
            SectionContent::Budget => (plan.budget.is_some(), "budget"),
            SectionContent::Duties => (!plan.duties.is_empty(), "duties"),
            SectionContent::Reporting => (plan.reporting.is_some(), "reporting"),
        };
        if !present {
            sink.push(
                Diagnostic::new(Code::ContentMissing)
                    .arg("content", name)
                    .primary(content.span, Msg::new("content-missing.label").arg("content", name)),
            );
        }
    }
}

/// A line break in a field printed on one line is printed as a space: said where,
/// so that nothing is flattened silently. (A chức vụ may have two lines, and the
/// Markdown fields have paragraphs: neither is looked at.)
fn line_breaks(plan: &Plan, sink: &mut Sink) {
    let mut fields: Vec<(&str, &Spanned<String>)> = vec![
        ("document.summary", &plan.document.summary),
        ("document.place", &plan.document.place),
        ("issuer.name", &plan.issuer.name),
        ("signature.name", &plan.signature.name),
    ];
    fields.extend(plan.issuer.parent.iter().map(|p| ("issuer.parent", p)));
    fields.extend(plan.bases.iter().map(|b| ("bases", b)));
    fields.extend(plan.recipients.to.iter().map(|r| ("recipients.to", r)));
    fields.extend(plan.objectives.iter().map(|o| ("objectives.title", &o.title)));
    fields.extend(plan.sections.iter().map(|s| ("sections.title", &s.title)));
    for (_, _, indicator) in plan.numbered_indicators() {
        fields.push(("indicators.text", &indicator.text));
        fields.extend(indicator.parts.iter().map(|p| ("indicators.parts.text", &p.text)));
    }
    if let Some(d) = &plan.decision {
        fields.extend([("decision.summary", &d.summary), ("decision.authority", &d.authority)]);
        fields.extend(d.bases.iter().map(|b| ("decision.bases", b)));
    }
    for (key, value) in fields {
        if value.contains(['\n', '\r']) {
            sink.push(
                Diagnostic::new(Code::LineBreak).arg("key", key).primary(value.span, Msg::new("line-break.label")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_are_names_left_to_fill_in() {
        for blank in ["…", "...", "Ủy ban nhân dân xã …", "trên địa bàn xã … năm 2025", "Đoàn Thanh niên phường ..."]
        {
            assert!(super::holds_placeholder(blank), "{blank}");
        }
        for words in ["các dịch vụ y tế, giáo dục, …", "Sơn La", "năm 2025 …", "xã Chiềng Mung"] {
            assert!(!super::holds_placeholder(words), "{words}");
        }
    }
}
