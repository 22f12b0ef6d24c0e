//! The administrative frame of each part: header, title, closing (NĐ 30 ô 1–5, 7, 9b).

use crate::document::{line, Closing, Header, Text, Title};
use crate::fonts::text_width_mm;
use crate::layout::{
    ISSUER_RULE_MIN_MM, ISSUER_RULE_SHARE, MOTTO, SIZE_ISSUER, SIZE_ISSUER_LONG, SIZE_MOTTO, SIZE_PARENT,
    SIZE_PARENT_LONG, SIZE_TITLE, TEXT_WIDTH_MM,
};
use crate::model::{Decision, DocumentKind, Plan};
use crate::vi::text::upper;
use crate::vi::{date, text};

/// A blank where the văn thư writes the number or date by hand.
const BLANK: &str = "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}";

/// "93/KH-UBND", or the blank and "/KH-UBND" before the number is assigned.
fn code_text(plan: &Plan) -> String {
    plan.document_code().printed(BLANK)
}

/// "ngày 03 tháng 4 năm 2023", or the blank date line.
/// "ngày 03 tháng 4 năm 2023"; a date kept as the source wrote it, as written (only a
/// draft gets this far with one); blanks for the văn thư when there is none.
fn date_text(written: Option<&crate::model::Date>, plan: &Plan) -> String {
    match written {
        Some(d) => match d.resolved {
            Ok(day) => date::long(day),
            Err(crate::model::DateProblem::AsWritten) => format!("ngày {}", d.written),
            Err(_) => date::blank(plan.first_year()),
        },
        None => date::blank(plan.first_year()),
    }
}

/// Room for a header line in the left column.
const HEADER_LINE_MM: f32 = crate::layout::HEADER_LEFT_MM - 2.0;

/// Units of place that open a place name ("TỈNH SƠN LA", "ĐẶC KHU PHÚ QUỐC").
const UNITS: [&str; 9] = ["TỈNH", "THÀNH PHỐ", "HUYỆN", "QUẬN", "THỊ XÃ", "XÃ", "PHƯỜNG", "THỊ TRẤN", "ĐẶC KHU"];

/// Where words[i..] starts with a unit of place and its name, not a word that only
/// begins like one ("XÃ HỘI", "TỈNH ỦY").
fn unit_at(words: &[&str], i: usize) -> bool {
    let rest = words[i..].join(" ");
    UNITS.iter().any(|u| {
        rest.strip_prefix(u)
            .and_then(|r| r.strip_prefix(' '))
            .and_then(|r| r.split_whitespace().next())
            .is_some_and(|next| !matches!(next, "HỘI" | "ỦY" | "UỶ" | "ĐOÀN" | "ĐỘI"))
    })
}

/// A place where a name in the header may go on to its next line: before "VÀ", after a
/// comma or a dash, before a unit of place; never inside a word ("MÔI / TRƯỜNG").
fn natural_break(words: &[&str], i: usize) -> bool {
    words[i] == "VÀ" || words[i - 1].ends_with([',', '-', '–']) || unit_at(words, i)
}

/// The lines a name in capitals is set in, and their size (the first of `sizes` at
/// which every line fits its column): on one line if it fits; "ỦY BAN NHÂN DÂN" /
/// "TỈNH SƠN LA" for an elected body, as the mẫu sets it; else over two or three
/// lines broken where the name allows, the most even; else word by word.
fn name_lines(name: &str, bold: bool, sizes: &[f32]) -> (Vec<String>, f32) {
    let words: Vec<&str> = name.split_whitespace().collect();
    let widest = |lines: &[String], size: f32| lines.iter().map(|l| text_width_mm(l, size, bold)).fold(0.0, f32::max);
    let set = |breaks: &[usize]| -> Vec<String> {
        let mut lines = Vec::with_capacity(breaks.len() + 1);
        let mut from = 0;
        for &b in breaks.iter().chain(std::iter::once(&words.len())) {
            lines.push(words[from..b].join(" "));
            from = b;
        }
        lines
    };
    let elected = ["ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN"].iter().any(|b| name.starts_with(b));
    let unit = (1..words.len()).find(|&i| unit_at(&words, i));
    let mut candidates: Vec<Vec<usize>> = Vec::new();
    match unit {
        Some(i) if elected => candidates.push(vec![i]),
        _ => {
            candidates.push(Vec::new());
            let breaks: Vec<usize> = (1..words.len()).filter(|&i| natural_break(&words, i)).collect();
            let mut pairs: Vec<Vec<usize>> = Vec::new();
            for (n, &a) in breaks.iter().enumerate() {
                candidates.push(vec![a]);
                pairs.extend(breaks[n + 1..].iter().map(|&b| vec![a, b]));
            }
            candidates.extend(pairs);
        }
    }
    // Fewest lines, then the larger size, then the most even, among those that fit.
    for count in 1..=3 {
        for &size in sizes {
            let best = candidates
                .iter()
                .filter(|c| c.len() + 1 == count)
                .map(|c| set(c))
                .filter(|lines| widest(lines, size) <= HEADER_LINE_MM)
                .min_by(|a, b| widest(a, size).total_cmp(&widest(b, size)));
            if let Some(lines) = best {
                return (lines, size);
            }
        }
    }
    let size = sizes.last().copied().unwrap_or(SIZE_ISSUER_LONG);
    (set(&candidates[0]).iter().flat_map(|l| wrap(l, HEADER_LINE_MM, size, bold)).collect(), size)
}

/// The issuer's name over its header lines and their size: 13 pt, or 12 pt when a
/// line would not fit. Written lines (`header_lines`) are kept as written.
fn issuer_lines(plan: &Plan) -> (Vec<String>, f32) {
    if plan.issuer.header_lines.is_empty() {
        return name_lines(&upper(&plan.issuer.name), true, &[SIZE_ISSUER, SIZE_ISSUER_LONG]);
    }
    let lines: Vec<String> = plan.issuer.header_lines.iter().map(|l| upper(l)).collect();
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
pub fn parent_line(parent: &str) -> String {
    let up = upper(parent);
    if text_width_mm(&up, SIZE_ISSUER, false) > HEADER_LINE_MM {
        up.replacen("ỦY BAN NHÂN DÂN", "UBND", 1).replacen("UỶ BAN NHÂN DÂN", "UBND", 1)
    } else {
        up
    }
}

pub fn header(plan: &Plan, with_number: bool) -> Header {
    let (issuer, issuer_size) = issuer_lines(plan);
    let longest = issuer.iter().map(|l| text_width_mm(l, issuer_size, true)).fold(0.0, f32::max);
    let place_date = format!("{}, {}", plan.document.place.as_str(), date_text(plan.issued_on(), plan));
    let (parent, parent_size) = match &plan.issuer.parent {
        Some(p) => name_lines(&parent_line(p), false, &[SIZE_PARENT, SIZE_PARENT_LONG]),
        None => (Vec::new(), SIZE_PARENT),
    };
    Header {
        parent: parent.into_iter().map(line).collect(),
        parent_size,
        issuer: issuer.into_iter().map(line).collect(),
        issuer_size,
        issuer_rule_mm: (longest * ISSUER_RULE_SHARE).max(ISSUER_RULE_MIN_MM),
        motto_rule_mm: text_width_mm(MOTTO, SIZE_MOTTO, true),
        number: with_number.then(|| line(format!("Số: {}", code_text(plan)))),
        place_date: with_number.then(|| line(place_date)),
    }
}

fn title_rule(summary: &str) -> f32 {
    let width = text_width_mm(summary, SIZE_TITLE, true).min(TEXT_WIDTH_MM);
    (width * 0.4).clamp(20.0, TEXT_WIDTH_MM / 3.0)
}

pub fn plan_title(plan: &Plan) -> Title {
    let summary = text::capitalize_first(&plan.document.summary);
    let attached_to = plan.decision.as_ref().and_then(|d| {
        let when = date_text(d.date.as_deref(), plan);
        let lead = d.attached.as_deref().map_or("Kèm theo", |s| s.trim());
        (!lead.is_empty())
            .then(|| format!("({lead} Quyết định số {} {when} của {})", code_text(plan), d.authority.as_str()))
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
    let summary = text::capitalize_first(&d.summary);
    Title {
        kind: line(upper(DocumentKind::QuyetDinh.name())),
        rule_mm: title_rule(&summary),
        summary: line(summary),
        subtitle: None,
        attached_to: None,
        authority: Some(line(upper(&d.authority))),
    }
}

pub fn appendix_title(plan: &Plan, numeral: Option<&str>) -> Title {
    let title = plan
        .appendix
        .as_ref()
        .and_then(|a| a.title.clone())
        .unwrap_or_else(|| format!("Các chỉ tiêu của {}", text::lower_first(plan.document.kind.name())));
    appendix_titled(plan, &title, numeral)
}

/// "Phụ lục" (or "Phụ lục II" when there are several), the title in capitals, and
/// "(Kèm theo … số … ngày … của …)".
pub fn appendix_titled(plan: &Plan, title: &str, numeral: Option<&str>) -> Title {
    let (code, when) = (code_text(plan), date_text(plan.issued_on(), plan));
    let of = match &plan.decision {
        Some(d) => format!("Quyết định số {code} {when} của {}", d.authority.as_str()),
        None => format!("{} số {code} {when} của {}", plan.document.kind.name(), plan.issuer.name.as_str()),
    };
    Title {
        kind: line(numeral.map_or_else(|| "Phụ lục".to_string(), |n| format!("Phụ lục {n}"))),
        summary: Text::new(),
        subtitle: Some(line(upper(title.trim()))),
        attached_to: Some(line(format!("(Kèm theo {of})"))),
        authority: None,
        rule_mm: 30.0,
    }
}

/// Nơi nhận: "- X;" per line, "- Như Điều N;" first in a decision, last "- Lưu: VT, ….".
pub fn closing(plan: &Plan, articles: Option<usize>) -> Closing {
    let mut recipients = Vec::new();
    if let Some(n) = articles.filter(|n| *n > 0) {
        match plan.decision.as_ref().and_then(|d| d.recipients_first.as_deref()) {
            Some(own) if own.trim().is_empty() => {}
            Some(own) => recipients
                .push(format!("- {};", own.trim().trim_start_matches('-').trim().trim_end_matches([';', '.', ',']))),
            None => recipients.push(format!("- Như Điều {n};")),
        }
    }
    // A row left blank (one just added in the workspace) prints nothing, not "- ;".
    for r in &plan.recipients.to {
        let r = r.trim_start_matches('-').trim().trim_end_matches([';', '.', ',']);
        if !r.is_empty() {
            recipients.push(format!("- {r};"));
        }
    }
    let archive: Vec<&str> = plan.recipients.archive.iter().map(|a| a.trim()).filter(|a| !a.is_empty()).collect();
    if !archive.is_empty() {
        recipients.push(format!("- Lưu: {}.", archive.join(", ").trim_end_matches('.')));
    }
    if let Some(mark) = plan.recipients.drafter.as_deref().map(|m| m.trim()).filter(|m| !m.is_empty()) {
        recipients.push(mark.to_string());
    }
    Closing {
        recipients: recipients.into_iter().map(line).collect(),
        authority: plan.signature.lines().into_iter().map(line).collect(),
        name: line(plan.signature.name.as_str()),
    }
}

/// The PDF's and DOCX's title: "Kế hoạch số 93/KH-UBND: …", or without a number yet
/// (a draft) "Kế hoạch: …", never "số /KH-UBND".
pub fn document_title(plan: &Plan) -> String {
    let code = plan.document_code();
    let numbered = code.number.map_or_else(String::new, |_| format!(" số {}", code.printed("")));
    format!("{}{numbered}: {}", plan.issued_kind().name(), plan.issued_summary())
}

/// The issuing date at midnight, or 1 January of the plan's first year: never the
/// clock, and nothing (not 1970) when the plan has neither.
pub fn timestamp(plan: &Plan) -> Option<String> {
    let day = plan.issue_date().or_else(|| plan.first_year().and_then(|y| chrono::NaiveDate::from_ymd_opt(y, 1, 1)))?;
    Some(format!("{}T00:00:00Z", day.format("%Y-%m-%d")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names of real offices, set as the mẫu sets them: broken before "VÀ", after a
    /// comma, before a unit of place; never inside a word or a place name.
    #[test]
    fn header_names_break_where_the_name_allows() {
        let lines = |name: &str, bold: bool| name_lines(name, bold, &[13.0, 12.0]).0;
        assert_eq!(lines("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", true), ["SỞ NÔNG NGHIỆP", "VÀ MÔI TRƯỜNG"]);
        assert_eq!(lines("ỦY BAN NHÂN DÂN TỈNH SƠN LA", true), ["ỦY BAN NHÂN DÂN", "TỈNH SƠN LA"]);
        assert_eq!(lines("ỦY BAN NHÂN DÂN ĐẶC KHU PHÚ QUỐC", true), ["ỦY BAN NHÂN DÂN", "ĐẶC KHU PHÚ QUỐC"]);
        assert_eq!(lines("PHÒNG VĂN HÓA - XÃ HỘI", true), ["PHÒNG VĂN HÓA - XÃ HỘI"]);
        assert_eq!(lines("UBND THÀNH PHỐ HỒ CHÍ MINH", false), ["UBND THÀNH PHỐ HỒ CHÍ MINH"]);
        let ban = lines("BAN CHỈ ĐẠO PHÒNG, CHỐNG THIÊN TAI VÀ TÌM KIẾM CỨU NẠN TỈNH", true);
        assert!(ban.iter().all(|l| !l.ends_with("CỨU") && !l.ends_with("TÌM")), "{ban:?}");
        assert_eq!(ban.last().map(String::as_str), Some("VÀ TÌM KIẾM CỨU NẠN TỈNH"), "{ban:?}");
    }
}
