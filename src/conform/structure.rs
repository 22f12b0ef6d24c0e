//! Rules on the document's structure: căn cứ, headings and their numbering,
//! appendices and the urgency stamp.

use std::sync::LazyLock;

use regex::Regex;

use super::{fmt_range, fold, kind_of, rules, v, Checker, Frame, Para};
use crate::diag::Msg;
use rules::figure as f;

/// A line of the căn cứ list: "Căn cứ …;", "Theo đề nghị …", "Xét đề nghị …".
pub(super) fn is_basis(text: &str) -> bool {
    let t = fold(text);
    t.starts_with("can cu ") || t.starts_with("theo de nghi") || t.starts_with("xet de nghi")
}

/// The căn cứ list before the body: italic, 13–14 pt, ";" after each line and
/// "." after the last when the decision's word follows.
pub(super) fn basis(c: &mut Checker, frame: &Frame) {
    let paras = &c.shown.paras;
    let start = frame.summary.map_or(0, |s| s + 1);
    // The list opens after the title block (a decision's authority line may come first).
    let Some(first) =
        (start..paras.len()).filter(|&i| !paras[i].text.is_empty()).take(3).find(|&i| is_basis(&paras[i].text))
    else {
        return;
    };
    // Only the opening paragraphs, up to the first that is not a căn cứ line.
    let mut block: Vec<&Para> = Vec::new();
    for p in paras[first..].iter().filter(|p| !p.text.is_empty()) {
        if !is_basis(&p.text) || p.in_table {
            break;
        }
        block.push(p);
    }
    // "Căn cứ …, Ủy ban nhân dân … ban hành Kế hoạch như sau:" is a preamble, not the list.
    if block.last().is_none_or(|p| p.text.ends_with(':')) {
        return;
    }
    let upright: Vec<&Para> =
        block.iter().copied().filter(|p| !p.italic || p.size.is_some_and(|s| !super::within(s, f::BASIS_PT))).collect();
    c.report(
        rules::BASIS_FORM,
        &upright,
        Msg::new("conform.basis-form").arg_figure("size", fmt_range(f::BASIS_PT, "pt")),
        &|p| Msg::new(if p.italic { "conform.italic" } else { "conform.upright" }),
    );
    let next = paras.iter().skip(block.last().map_or(0, |p| p.number)).find(|p| !p.text.is_empty());
    let decides = next.is_some_and(|n| n.align == "center" && kind_of(n.text.trim_end_matches(':')).is_some());
    let bad: Vec<&Para> = block
        .iter()
        .enumerate()
        .filter(|(i, p)| {
            let last = *i + 1 == block.len();
            let t = p.text.trim_end();
            if last && decides {
                !t.ends_with('.')
            } else {
                !(t.ends_with(';') || t.ends_with('.'))
            }
        })
        .map(|(_, p)| *p)
        .collect();
    c.report(rules::BASIS_PUNCTUATION, &bad, Msg::new("conform.basis-punctuation"), &|p| {
        let end: String = p.text.chars().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect();
        v(format!("…{end}"))
    });
}

static ROMAN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^([IVXLC]+)\.\s+(\S.*)$").unwrap());
static LETTER_PART: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^([A-H])\.\s+(\S.*)$").unwrap());
static CLAUSE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{1,3})\.\s+\S").unwrap());
static PART_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(Phần|PHẦN|Chương|CHƯƠNG)\s+([0-9]+|[IVXLC]+|thứ\s+\S+)\s*$").unwrap());
static ARTICLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^Điều\s+(\d+)(\S?)").unwrap());
static POINT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^([a-zđ])[./]\s+\S").unwrap());

fn roman(n: usize) -> String {
    const DIGITS: [(usize, &str); 9] =
        [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let (mut n, mut out) = (n, String::new());
    for (value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// Headings: "I. TITLE" in capitals and bold, numbered in order; "Phần I" centred
/// and bold; "Điều 1." bold with its full stop; points "a)".
pub(super) fn headings(c: &mut Checker, frame: &Frame) {
    let paras = &c.shown.paras;
    let (mut part, mut letter, mut clause) = (0usize, 0u8, 0usize);
    let mut findings: Vec<(&'static str, &Para, Msg, Msg)> = Vec::new();
    for p in frame.body(paras).filter(|p| !p.in_table && !p.text.is_empty()) {
        let text = p.text.as_str();
        if kind_of(text).is_some() || fold(text).starts_with("phu luc") {
            (part, letter, clause) = (0, 0, 0);
            continue;
        }
        // "C." after "A." and "B." is a letter, not a hundred.
        let next_letter = (b'A' + letter) as char;
        let lettered = letter > 0 && text.starts_with(next_letter) && text[1..].starts_with('.');
        if let Some(m) = ROMAN.captures(text).filter(|_| !lettered) {
            part += 1;
            clause = 0;
            let title = &m[2];
            let capitals = crate::import::recognise::header::is_capitals(title);
            if !capitals || !p.bold || p.size.is_some_and(|s| !super::within(s, f::HEADING_PT)) {
                let mut found = Vec::new();
                if !capitals {
                    found.push(Msg::new("conform.not-capitals"));
                }
                if !p.bold {
                    found.push(Msg::new("conform.not-bold"));
                }
                if let Some(s) = p.size.filter(|s| !super::within(*s, f::HEADING_PT)) {
                    found.push(v(format!("{s} pt")));
                }
                findings.push((rules::HEADING_FORM, p, Msg::new("conform.heading-form"), super::list(found)));
            }
            if m[1] != roman(part) {
                findings.push((rules::HEADING_ORDER, p, v(format!("{}.", roman(part))), v(format!("{}.", &m[1]))));
                part = roman_value(&m[1]).unwrap_or(part);
            }
        } else if let Some(m) =
            LETTER_PART.captures(text).filter(|m| p.bold && crate::import::recognise::header::is_capitals(&m[2]))
        {
            letter += 1;
            clause = 0;
            let want = (b'A' + letter - 1) as char;
            if !m[1].starts_with(want) {
                findings.push((rules::HEADING_ORDER, p, v(format!("{want}.")), v(format!("{}.", &m[1]))));
                letter = m[1].as_bytes()[0] - b'A' + 1;
            }
        } else if let Some(m) = CLAUSE.captures(text).filter(|_| p.starts_bold) {
            let n: usize = m[1].parse().unwrap_or(0);
            clause += 1;
            if n != clause {
                findings.push((rules::HEADING_ORDER, p, v(format!("{clause}.")), v(format!("{n}."))));
                clause = n;
            }
        } else if let Some(m) = PART_LABEL.captures(text) {
            // Each "Phần" numbers its clauses from 1 again.
            clause = 0;
            let arabic = m[2].chars().all(|ch| ch.is_ascii_digit());
            if !p.bold || p.align != "center" || arabic {
                let mut found = Vec::new();
                if !p.bold {
                    found.push(Msg::new("conform.not-bold"));
                }
                if p.align != "center" {
                    found.push(Msg::new("conform.align").arg("align", &p.align));
                }
                if arabic {
                    found.push(v(m[2].to_string()));
                }
                findings.push((rules::PART_LABEL, p, Msg::new("conform.part-label"), super::list(found)));
            }
        } else if let Some(m) = ARTICLE.captures(text) {
            if &m[2] != "." || !p.starts_bold {
                let head: String = text.chars().take(12).collect();
                findings.push((rules::ARTICLE_FORM, p, Msg::new("conform.article-form"), v(head)));
            }
        } else if let Some(m) = POINT.captures(text) {
            let head: String = text.chars().take(3).collect();
            findings.push((rules::POINT_FORM, p, v(format!("{})", &m[1])), v(head)));
        }
    }
    // One finding per rule: the first place, and how many there are.
    for rule in [rules::HEADING_FORM, rules::HEADING_ORDER, rules::PART_LABEL, rules::ARTICLE_FORM, rules::POINT_FORM] {
        let all: Vec<&(&str, &Para, Msg, Msg)> = findings.iter().filter(|x| x.0 == rule).collect();
        if let Some((_, p, expected, found)) = all.first() {
            let found = if all.len() > 1 {
                Msg::new("conform.paragraphs").arg_msg("what", found.clone()).arg("n", all.len())
            } else {
                found.clone()
            };
            c.find(rule, Some(p), expected.clone(), found);
        }
    }
}

fn roman_value(s: &str) -> Option<usize> {
    (1..400).find(|&n| roman(n) == s)
}

static APPENDIX: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^phụ lục(?:\s+(\S+))?$").unwrap());

/// Appendices: "Phụ lục I" in lower case, 14 pt, bold, centred; the title in
/// capitals, bold; "(Kèm theo …)" italic; several numbered I, II, III.
pub(super) fn appendices(c: &mut Checker, frame: &Frame) {
    let paras = &c.shown.paras;
    let labels: Vec<usize> = (frame.body_from..paras.len())
        .filter(|&i| !paras[i].in_table && APPENDIX.is_match(&crate::vi::text::to_nfc(&paras[i].text)))
        .collect();
    for (n, &i) in labels.iter().enumerate() {
        let p = &paras[i];
        let m = APPENDIX.captures(&p.text);
        let number = m.as_ref().and_then(|m| m.get(1)).map(|x| x.as_str().to_string());
        if crate::import::recognise::header::is_capitals(&p.text) {
            let want = match &number {
                Some(x) => format!("Phụ lục {x}"),
                None => "Phụ lục".into(),
            };
            c.find(rules::APPENDIX_LABEL, Some(p), v(want), v(p.text.clone()));
        }
        c.form(rules::APPENDIX_LABEL, p, f::APPENDIX_LABEL_PT, Some(true), Some(false), true);
        if labels.len() > 1 && number.as_deref() != Some(roman(n + 1).as_str()) {
            let found = number.clone().unwrap_or_else(|| "—".into());
            c.find(rules::APPENDIX_NUMBERING, Some(p), v(format!("Phụ lục {}", roman(n + 1))), v(found));
        }
        let Some(t) = (i + 1..paras.len()).find(|&k| !paras[k].text.is_empty()) else { continue };
        let title = &paras[t];
        if !crate::import::recognise::header::is_capitals(&title.text) && !title.text.starts_with('(') {
            c.find(rules::APPENDIX_TITLE, Some(title), Msg::new("conform.capitals"), v(title.text.clone()));
        } else if !title.text.starts_with('(') {
            c.form(rules::APPENDIX_TITLE, title, f::APPENDIX_TITLE_PT, Some(true), None, true);
        }
        let reference = (t..paras.len().min(t + 4))
            .map(|k| &paras[k])
            .find(|q| q.text.starts_with('(') && fold(&q.text).contains("kem theo"));
        if let Some(r) = reference {
            c.form(rules::APPENDIX_REFERENCE, r, f::APPENDIX_TITLE_PT, None, Some(true), true);
        }
    }
}

/// The urgency stamp above the kind: HỎA TỐC, THƯỢNG KHẨN or KHẨN, in
/// capitals, 13–14 pt, bold, in a frame.
pub(super) fn urgency(c: &mut Checker, frame: &Frame) {
    let paras = &c.shown.paras;
    let before = frame.kind.unwrap_or(paras.len().min(40));
    for p in paras[..before].iter().filter(|p| p.text.chars().count() <= 16) {
        let squeezed = fold(&p.text).split_whitespace().collect::<Vec<_>>().join(" ");
        // With its accents: "khăn" (as in "Khó khăn") folds as "khẩn" does.
        let lower = p.text.to_lowercase();
        let urgent = lower.contains("khẩn") || lower.contains("tốc");
        let level = urgent && ["hoa toc", "thuong khan", "khan"].contains(&squeezed.as_str());
        // A level the decree does not have ("RẤT KHẨN", "KHẨN CẤP", the old "TỐI
        // KHẨN", "HỎA TỐC HẸN GIỜ"), set as a stamp is, in capitals: named wrong.
        let other = !level
            && urgent
            && crate::import::recognise::header::is_capitals(&p.text)
            && (squeezed.split(' ').any(|w| w == "khan") || squeezed.starts_with("hoa toc"));
        if !level && !other {
            continue;
        }
        let spelled = rules::URGENCY.contains(&p.text.as_str()) || p.text == "HOẢ TỐC";
        if !spelled {
            let want = match rules::URGENCY.iter().find(|u| fold(u) == squeezed) {
                Some(u) => v(*u),
                None => Msg::new("conform.urgency-levels"),
            };
            c.find(rules::URGENCY_NAME, Some(p), want, v(p.text.clone()));
        }
        let sized = p.size.is_none_or(|s| super::within(s, f::URGENCY_PT));
        if !(p.bold && sized && p.framed) {
            let mut found = Vec::new();
            if !p.bold {
                found.push(Msg::new("conform.not-bold"));
            }
            if let Some(s) = p.size.filter(|_| !sized) {
                found.push(v(format!("{s} pt")));
            }
            if !p.framed {
                found.push(Msg::new("conform.no-frame"));
            }
            c.find(rules::URGENCY_FORM, Some(p), Msg::new("conform.urgency-form"), super::list(found));
        }
    }
}
