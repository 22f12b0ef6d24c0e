//! signature-form, recipients-archive, drafter-mark, recipient-duplicate and
//! recipient-reference: the closing block
//! (NĐ 30 Điều 13, Phụ lục I II.7, II.9).

use crate::diag::{Code, Diagnostic, Msg, Sink};
use crate::model::{authority_code, Plan, Spanned};
use crate::vi::text::{name_key, upper};

/// Authorities written before the head's title: ký thay, quyền, thừa lệnh, thừa ủy quyền.
pub const AUTHORITIES: [&str; 4] = ["KT", "Q", "TL", "TUQ"];

/// Bodies that work by collective regime and so sign "TM." (NĐ 30 Phụ lục I II.7.b).
/// Compared by [`name_key`]: "Uỷ ban" and "Ủy ban" are the same body.
const COLLECTIVE_PREFIXES: [&str; 7] = ["ủy ban", "hội đồng", "ban ", "tổ ", "đoàn ", "thường trực", "tập thể"];

fn form_error(span: crate::source::Span, detail: Msg) -> Diagnostic {
    Diagnostic::new(Code::SignatureForm)
        .with_message(Msg::new("signature-form").arg_msg("detail", detail))
        .primary(span, Msg::new("signature-form.label"))
}

pub fn check(plan: &Plan, sink: &mut Sink) {
    let sig = &plan.signature;
    let authority = sig.authority.as_ref().map(|a| Spanned::new(authority_code(a), a.span));
    match &authority {
        Some(a) if !AUTHORITIES.contains(&a.as_str()) => {
            sink.push(form_error(a.span, Msg::new("signature-form.authority").arg("value", a.as_str())));
        }
        Some(a) => {
            match &sig.head {
                None => {
                    sink.push(form_error(a.span, Msg::new("signature-form.head-missing").arg("authority", a.as_str())))
                }
                Some(head) if a.as_str() == "KT" => {
                    if let Some(title) = sig.title.as_ref().filter(|t| upper(t) == upper(head)) {
                        sink.push(form_error(
                            title.span,
                            Msg::new("signature-form.same-title").arg("head", head.as_str()),
                        ));
                    }
                }
                Some(_) => {}
            }
            // Q. signs as the acting head: the head's title is the signer's line.
            if a.as_str() != "Q" && sig.title.is_none() {
                sink.push(form_error(sig.name.span, Msg::new("signature-form.title-missing")));
            }
        }
        None => {
            if let Some(head) = &sig.head {
                sink.push(form_error(head.span, Msg::new("signature-form.head-without-authority")));
            }
            if sig.title.is_none() {
                sink.push(form_error(sig.name.span, Msg::new("signature-form.title-missing")));
            }
        }
    }
    if let Some(collective) = &sig.collective {
        let (body, issuer) = (name_key(collective), name_key(&plan.issuer.name));
        // "TM. THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN" signs for the council's standing body, "HĐND"
        // for the council: judged as the body they stand for.
        let standing = name_key("thường trực");
        let body = body.strip_prefix(&standing).map_or(body.clone(), |rest| rest.trim_start().to_string());
        let body = [("hđnd", "hội đồng nhân dân"), ("ubnd", "ủy ban nhân dân")]
            .iter()
            .find_map(|(short, long)| body.strip_prefix(&name_key(short)).map(|rest| name_key(long) + rest))
            .unwrap_or(body);
        let is_collective = COLLECTIVE_PREFIXES
            .iter()
            .map(|p| name_key(p) + if p.ends_with(' ') { " " } else { "" })
            .any(|p| body.starts_with(&p) && issuer.starts_with(&p));
        // An issuer pasted in TCVN3 or VNI is reported as such (text-encoding): its
        // name says nothing about the signature until it is converted.
        let unreadable = crate::vi::encoding::mojibake(&plan.issuer.name).is_some();
        // No issuer yet (blank-field says so): nothing to judge the signature by.
        if !is_collective && !unreadable && !plan.issuer.name.trim().is_empty() {
            sink.push(form_error(
                collective.span,
                Msg::new("signature-form.not-collective").arg("issuer", plan.issuer.name.as_str()),
            ));
        }
    }
    decision_signer(plan, sink);
    archive(plan, sink);
    duplicates(plan, sink);
    part_references(plan, sink);
}

/// "Như mục IV" in Nơi nhận sends the plan to the agencies that part names: the part
/// of Tổ chức thực hiện. Said when the part cited is another one, or is not there.
fn part_references(plan: &Plan, sink: &mut Sink) {
    use crate::model::SectionContent;
    let parts = plan.document.parts;
    let label = |i: usize| parts.numbered().then(|| parts.numeral(i + 1));
    let duties = plan.sections.iter().position(|s| s.content.as_deref() == Some(&SectionContent::Duties));
    for r in &plan.recipients.to {
        let text = r.trim_start_matches(['-', '+', ' ']).trim_end_matches([';', '.', ',']);
        let Some(cited) = text.strip_prefix("Như mục ").or_else(|| text.strip_prefix("Như Mục ")) else {
            continue;
        };
        // "Như mục IV", "Như mục III, IV", "Như mục III.2": the first part named.
        let end = cited.find(|c: char| !c.is_alphanumeric()).unwrap_or(cited.len());
        let cited = &cited[..end];
        let part = (0..plan.sections.len()).find(|&i| label(i).as_deref() == Some(cited));
        let message = match (part, duties) {
            (Some(p), Some(d)) if p == d => continue,
            (Some(p), Some(d)) => Msg::new("recipient-reference")
                .arg("cited", cited)
                .arg("title", plan.sections[p].title.as_str())
                .arg("duties", label(d).unwrap_or_default()),
            (None, _) if label(0).is_some() => Msg::new("recipient-reference.none").arg("cited", cited),
            _ => continue,
        };
        sink.push(
            Diagnostic::new(Code::RecipientReference)
                .with_message(message)
                .primary(r.span, Msg::new("recipient-reference.label")),
        );
    }
}

/// Titles of a head who decides alone (thủ trưởng chế độ): their decisions are
/// signed by them or KT./Q. for them, never TM. of a body.
const PERSON_TITLES: [&str; 10] = [
    "chủ tịch",
    "giám đốc",
    "bộ trưởng",
    "thủ trưởng",
    "tổng cục trưởng",
    "cục trưởng",
    "chánh",
    "viện trưởng",
    "hiệu trưởng",
    "trưởng",
];

/// A decision of the Chủ tịch is signed "KT. CHỦ TỊCH", never "TM. ỦY BAN NHÂN DÂN";
/// a decision of the Ủy ban (a collective) is signed TM. (NĐ 30 Phụ lục I II.7).
fn decision_signer(plan: &Plan, sink: &mut Sink) {
    let Some(d) = &plan.decision else { return };
    let authority = name_key(&d.authority);
    let starts = |prefix: &str| authority.starts_with(&name_key(prefix));
    let by_person = PERSON_TITLES.iter().any(|t| starts(t));
    let by_body = COLLECTIVE_PREFIXES.iter().any(|p| starts(p.trim_end()));
    match &plan.signature.collective {
        Some(c) if by_person => sink.push(form_error(
            c.span,
            Msg::new("signature-form.decision-person").arg("authority", d.authority.as_str()),
        )),
        None if by_body && !by_person => sink.push(form_error(
            d.authority.span,
            Msg::new("signature-form.decision-body").arg("authority", d.authority.as_str()),
        )),
        _ => {}
    }
}

/// A recipient written twice, compared as a reader compares names; and "Như Điều …"
/// typed into a decision, whose generated first line says it already.
fn duplicates(plan: &Plan, sink: &mut Sink) {
    let key = |r: &str| name_key(r.trim_start_matches('-').trim().trim_end_matches([';', '.', ',']));
    let mut seen: std::collections::HashMap<String, crate::source::Span> = std::collections::HashMap::new();
    for r in &plan.recipients.to {
        let k = key(r);
        if let Some(first) = seen.get(&k) {
            sink.push(
                Diagnostic::new(Code::RecipientDuplicate)
                    .arg("name", r.trim_start_matches('-').trim())
                    .primary(r.span, Msg::new("recipient-duplicate.label"))
                    .secondary(*first, Msg::new("recipient-duplicate.first")),
            );
            continue;
        }
        seen.insert(k.clone(), r.span);
        // Only while the generated line is there (not switched off with `recipients_first = ""`).
        let generated =
            |d: &&crate::model::Decision| d.recipients_first.as_deref().is_none_or(|s| !s.trim().is_empty());
        if let Some(d) = plan.decision.as_ref().filter(generated).filter(|_| k.starts_with(&name_key("như điều"))) {
            sink.push(
                Diagnostic::new(Code::RecipientDuplicate)
                    .arg("name", r.trim_start_matches('-').trim())
                    .primary(r.span, Msg::new("recipient-duplicate.generated").arg("n", d.articles.len())),
            );
        }
    }
}

fn archive(plan: &Plan, sink: &mut Sink) {
    let r = &plan.recipients;
    match r.archive.first() {
        None => {
            let span = r.to.last().map_or(plan.signature.name.span, |t| t.span);
            sink.push(Diagnostic::new(Code::RecipientsArchive).primary(span, Msg::new("recipients-archive.label")));
        }
        Some(first) if upper(first) != "VT" => sink.push(
            Diagnostic::new(Code::RecipientsArchive)
                .with_message(Msg::new("recipients-archive.vt-first").arg("first", first.as_str()))
                .primary(first.span, Msg::new("recipients-archive.label")),
        ),
        Some(_) => {}
    }
    if let Some(mark) = r.drafter.as_ref().filter(|m| !m.trim().is_empty() && !crate::model::is_drafter_mark(m)) {
        sink.push(
            Diagnostic::new(Code::DrafterMark)
                .arg("value", mark.as_str())
                .primary(mark.span, Msg::new("drafter-mark.label")),
        );
    }
}
