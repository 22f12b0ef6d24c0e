//! The administrative frame of each part: header, title, closing (NĐ 30 ô 1–5, 7, 9b).

use crate::doc::layout::{SIZE_ISSUER, SIZE_ISSUER_LONG, SIZE_MOTTO, SIZE_TITLE, TEXT_WIDTH_MM};
use crate::doc::{text as line, Closing, Header, Text, Title, MOTTO};
use crate::fonts::text_width_mm;
use crate::model::{Decision, DocumentKind, Plan, Spanned};
use crate::vi::text::upper;
use crate::vi::{date, text};

/// A blank where the văn thư writes the number or date by hand.
const BLANK: &str = "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}";

/// "93" → "93", "5" → "05" (NĐ 30 Phụ lục I II.3.c).
fn number_text(n: Option<&Spanned<u32>>) -> String {
    n.map_or_else(|| BLANK.to_string(), |n| format!("{:02}", **n))
}

/// Ký hiệu: as written, or kind + issuer ("KH-UBND").
fn code(plan: &Plan, kind: DocumentKind, written: Option<&Spanned<String>>) -> String {
    written.map_or_else(|| format!("{}-{}", kind.abbr(), plan.issuer.abbr.trim()), |c| c.trim().to_string())
}

/// (number, ký hiệu) of the document: the decision's when there is one.
pub fn document_code(plan: &Plan) -> (String, String) {
    match &plan.decision {
        Some(d) => (number_text(d.number.as_ref()), code(plan, DocumentKind::QuyetDinh, d.code.as_ref())),
        None => (number_text(plan.document.number.as_ref()), code(plan, *plan.document.kind, plan.document.code.as_ref())),
    }
}

/// The issuing date: the decision's when there is one.
pub fn issue_date(plan: &Plan) -> Option<chrono::NaiveDate> {
    let d = match &plan.decision {
        Some(d) => d.date.as_ref(),
        None => plan.document.date.as_ref(),
    };
    d.and_then(|d| date::from_toml(d))
}

fn year_hint(plan: &Plan) -> Option<i32> {
    plan.document.period.as_ref().map(|p| p.0)
}

/// Room for a header line in the left column.
const HEADER_LINE_MM: f32 = crate::doc::layout::HEADER_LEFT_MM - 2.0;

/// Splits an issuer name in capitals over header lines ("ỦY BAN NHÂN DÂN" / "TỈNH
/// SƠN LA") and picks their size: 13 pt, or 12 pt when a line would not fit.
fn issuer_lines(plan: &Plan) -> (Vec<String>, f32) {
    let lines: Vec<String> = if !plan.issuer.header_lines.is_empty() {
        plan.issuer.header_lines.iter().map(|l| upper(l.trim())).collect()
    } else {
        let name = upper(plan.issuer.name.trim());
        let unit = [" TỈNH ", " THÀNH PHỐ ", " HUYỆN ", " QUẬN ", " THỊ XÃ ", " XÃ ", " PHƯỜNG ", " THỊ TRẤN "]
            .iter()
            .filter_map(|u| name.find(u))
            .find(|i| *i > 0);
        match unit {
            Some(i) => vec![name[..i].to_string(), name[i + 1..].to_string()],
            None => vec![name],
        }
    };
    let widest = |size| lines.iter().map(|l| text_width_mm(l, size, true)).fold(0.0, f32::max);
    for size in [SIZE_ISSUER, SIZE_ISSUER_LONG] {
        if widest(size) <= HEADER_LINE_MM {
            return (lines, size);
        }
    }
    let wrapped = lines.iter().flat_map(|l| wrap(l, HEADER_LINE_MM, SIZE_ISSUER_LONG, true)).collect();
    (wrapped, SIZE_ISSUER_LONG)
}

/// Greedy word wrap by measured width.
fn wrap(text: &str, width_mm: f32, size: f32, bold: bool) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if text_width_mm(&format!("{line} {word}"), size, bold) <= width_mm => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// The parent body in the header may abbreviate "Ủy ban nhân dân" (Phụ lục I II.2.a).
fn parent_line(parent: &str) -> String {
    let up = upper(parent.trim());
    if text_width_mm(&up, SIZE_ISSUER, false) > HEADER_LINE_MM {
        up.replacen("ỦY BAN NHÂN DÂN", "UBND", 1).replacen("UỶ BAN NHÂN DÂN", "UBND", 1)
    } else {
        up
    }
}

pub fn header(plan: &Plan, with_number: bool) -> Header {
    let (issuer, issuer_size) = issuer_lines(plan);
    let longest = issuer.iter().map(|l| text_width_mm(l, issuer_size, true)).fold(0.0, f32::max);
    let (number, code) = document_code(plan);
    let place = plan.document.place.trim();
    let place_date = match issue_date(plan) {
        Some(d) => format!("{place}, {}", date::long(d)),
        None => format!("{place}, {}", date::blank(year_hint(plan))),
    };
    Header {
        parent: plan.issuer.parent.as_ref().map(|p| line(parent_line(p))),
        issuer: issuer.into_iter().map(line).collect(),
        issuer_size,
        // 1/3–1/2 of the name's line (Phụ lục I II.2.b): 40 %.
        issuer_rule_mm: (longest * 0.4).max(15.0),
        motto_rule_mm: text_width_mm(MOTTO, SIZE_MOTTO, true),
        number: with_number.then(|| line(format!("Số: {number}/{code}"))),
        place_date: with_number.then(|| line(place_date)),
    }
}

fn title_rule(summary: &str) -> f32 {
    let width = text_width_mm(summary, SIZE_TITLE, true).min(TEXT_WIDTH_MM);
    (width * 0.4).clamp(20.0, TEXT_WIDTH_MM / 3.0)
}

pub fn plan_title(plan: &Plan) -> Title {
    let summary = text::capitalize_first(plan.document.summary.trim());
    let attached_to = plan.decision.as_ref().map(|d| {
        let (number, code) = document_code(plan);
        let when = match d.date.as_ref().and_then(|x| date::from_toml(x)) {
            Some(x) => date::long(x),
            None => date::blank(year_hint(plan)),
        };
        format!("(Kèm theo Quyết định số {number}/{code} {when} của {})", d.authority.trim())
    });
    Title {
        kind: line(upper(plan.document.kind.name())),
        rule_mm: title_rule(&summary),
        summary: line(summary),
        subtitle: None,
        attached_to: attached_to.map(line),
        authority: None,
    }
}

pub fn decision_title(d: &Decision) -> Title {
    let summary = text::capitalize_first(d.summary.trim());
    Title {
        kind: line(upper(DocumentKind::QuyetDinh.name())),
        rule_mm: title_rule(&summary),
        summary: line(summary),
        subtitle: None,
        attached_to: None,
        authority: Some(line(upper(d.authority.trim()))),
    }
}

pub fn appendix_title(plan: &Plan) -> Title {
    let title = plan
        .appendix
        .as_ref()
        .and_then(|a| a.title.clone())
        .unwrap_or_else(|| format!("Các chỉ tiêu của {}", text::lower_first(plan.document.kind.name())));
    let (number, code) = document_code(plan);
    let when = issue_date(plan).map_or_else(|| date::blank(year_hint(plan)), date::long);
    let of = match &plan.decision {
        Some(d) => format!("Quyết định số {number}/{code} {when} của {}", d.authority.trim()),
        None => format!("{} số {number}/{code} {when} của {}", plan.document.kind.name(), plan.issuer.name.trim()),
    };
    Title {
        kind: line("Phụ lục"),
        summary: Text::new(),
        subtitle: Some(line(upper(title.trim()))),
        attached_to: Some(line(format!("(Kèm theo {of})"))),
        authority: None,
        rule_mm: 30.0,
    }
}

/// Quyền hạn, chức vụ lines (NĐ 30 Điều 13, Phụ lục I II.7).
pub fn signature_lines(plan: &Plan) -> Vec<String> {
    let sig = &plan.signature;
    let mut lines = Vec::new();
    if let Some(c) = &sig.collective {
        lines.push(format!("TM. {}", upper(c.trim())));
    }
    let authority = sig.authority.as_ref().map(|a| crate::check::authority_code(a));
    match (authority.as_deref(), &sig.head) {
        (Some(a), Some(head)) => {
            lines.push(format!("{a}. {}", upper(head.trim())));
            if let Some(t) = sig.title.as_ref().filter(|t| a != "Q" || upper(t) != upper(head)) {
                lines.push(upper(t.trim()));
            }
        }
        _ => {
            if let Some(t) = &sig.title {
                lines.push(upper(t.trim()));
            }
        }
    }
    lines
}

/// Nơi nhận: "- X;" per line, "- Như Điều N;" first in a decision, last "- Lưu: VT, ….".
pub fn closing(plan: &Plan, articles: Option<usize>) -> Closing {
    let mut recipients = Vec::new();
    if let Some(n) = articles.filter(|n| *n > 0) {
        recipients.push(format!("- Như Điều {n};"));
    }
    for r in &plan.recipients.to {
        let r = r.trim().trim_start_matches('-').trim().trim_end_matches([';', '.', ',']);
        recipients.push(format!("- {r};"));
    }
    let archive: Vec<&str> = plan.recipients.archive.iter().map(|a| a.trim()).collect();
    if !archive.is_empty() {
        recipients.push(format!("- Lưu: {}.", archive.join(", ").trim_end_matches('.')));
    }
    Closing {
        recipients: recipients.into_iter().map(line).collect(),
        authority: signature_lines(plan).into_iter().map(line).collect(),
        name: line(plan.signature.name.trim()),
    }
}

pub fn document_title(plan: &Plan) -> String {
    let (number, code) = document_code(plan);
    let kind = if plan.decision.is_some() { DocumentKind::QuyetDinh } else { *plan.document.kind };
    let summary = plan.decision.as_ref().map_or(&plan.document.summary, |d| &d.summary);
    format!("{} số {}/{}: {}", kind.name(), number.trim_matches('\u{a0}'), code, summary.trim())
}

/// The issuing date at midnight, or 1 January of the plan's first year: never the clock.
pub fn timestamp(plan: &Plan) -> String {
    let day = issue_date(plan)
        .or_else(|| year_hint(plan).and_then(|y| chrono::NaiveDate::from_ymd_opt(y, 1, 1)))
        .unwrap_or_default();
    format!("{}T00:00:00Z", day.format("%Y-%m-%d"))
}

/// How a child plan cites the plan it implements: "Kế hoạch số 93/KH-UBND ngày
/// 03/4/2023 của Ủy ban nhân dân tỉnh Sơn La về thực hiện …".
pub fn parent_basis(parent: &Plan) -> String {
    let (number, code) = document_code(parent);
    let kind = if parent.decision.is_some() { DocumentKind::QuyetDinh } else { *parent.document.kind };
    let numbered = if number.trim_matches('\u{a0}').is_empty() { String::new() } else { format!(" số {number}/{code}") };
    let dated = issue_date(parent).map_or_else(String::new, |d| format!(" ngày {}", date::short(d)));
    let by = match &parent.decision {
        Some(d) => d.authority.trim().to_string(),
        None => parent.issuer.name.trim().to_string(),
    };
    let about = parent.decision.as_ref().map_or(&parent.document.summary, |d| &d.summary);
    format!("{}{numbered}{dated} của {by} về {}", kind.name(), text::lower_first(about.trim()))
}
