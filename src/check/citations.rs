//! citation-conflict: the same document cited with two different dates;
//! citation-date: a cited document's date that is no date ("31/02/2021");
//! citation-after: a document cited with a date after the plan's own.
//!
//! Administrative numbers restart every year ("42/KH-UBND" exists in 2021 and
//! 2022), so a number without a year only conflicts with itself in the same
//! year; a number that carries its year ("13/2021/TT-BLĐTBXH") conflicts on any
//! difference.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::diag::{Code, Diagnostic, Msg, Sink};
use crate::model::Plan;
use crate::source::{SourceMap, Span};
use crate::vi::date::short;

/// Words that name a cited document ("Chỉ thị số 28-CT/TW …"); "số" alone also counts.
const KINDS: &[&str] = &[
    "số",
    "chỉ thị",
    "nghị quyết",
    "nghị định",
    "kế hoạch",
    "quyết định",
    "thông tư",
    "công văn",
    "công điện",
    "kết luận",
    "chương trình",
    "hướng dẫn",
    "thông báo",
    "văn bản",
];

/// Reads "25/12/2023", "25-12-2023" or "25 tháng 12 năm 2023" at the start of `s`.
fn date_at(s: &str) -> Option<NaiveDate> {
    let num = |t: &str| -> Option<u32> {
        (!t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok()).flatten()
    };
    let words: Vec<&str> = s.split_whitespace().take(5).collect();
    if words.len() >= 5 && words[1] == "tháng" && words[3] == "năm" {
        let year = words[4].trim_end_matches(|c: char| !c.is_ascii_digit());
        return NaiveDate::from_ymd_opt(num(year)? as i32, num(words[2])?, num(words[0])?);
    }
    let first = words.first()?.trim_end_matches(|c: char| !c.is_ascii_digit());
    let parts: Vec<&str> = first.split(['/', '-', '.']).collect();
    match parts.as_slice() {
        [d, m, y] if y.len() == 4 => NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?),
        _ => None,
    }
}

/// A date written with digits that names no day ("3456/12/2021", "31/02/2021"),
/// as written: what `date_at` could not read but a reader takes for a date.
fn malformed_at(s: &str) -> Option<&str> {
    let numeric = |p: &&str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    let words: Vec<&str> = s.split_whitespace().take(5).collect();
    // The long form of căn cứ lines: "ngày 30 tháng 02 năm 2023".
    if words.len() >= 5 && words[1] == "tháng" && words[3] == "năm" {
        let year = words[4].trim_end_matches(|c: char| !c.is_ascii_digit());
        // The words are slices of `s`: the date as written runs from the day to the year.
        let offset = |w: &str| w.as_ptr() as usize - s.as_ptr() as usize;
        return [words[0], words[2], year]
            .iter()
            .all(numeric)
            .then(|| &s[offset(words[0])..offset(words[4]) + year.len()]);
    }
    let first = words.first()?.trim_end_matches(|c: char| !c.is_ascii_digit());
    let parts: Vec<&str> = first.split(['/', '-', '.']).collect();
    (parts.len() == 3 && parts.iter().all(numeric)).then_some(first)
}

/// Every "<kind> [số[:]] <number> ngày <date>" in a text: (byte offset, end,
/// number, the date or, when it names no day, the date as written).
///
/// Written by hand rather than as a regex: a Unicode-aware regex costs about a
/// millisecond to compile, which is most of a `kehoach check` run.
fn scan(text: &str) -> Vec<(usize, usize, String, Result<NaiveDate, String>)> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices(" ngày ") {
        let rest = &text[at + " ngày ".len()..];
        let date = match date_at(rest) {
            Some(d) => Ok(d),
            None => match malformed_at(rest) {
                Some(written) => Err(written.to_string()),
                None => continue,
            },
        };
        let before = &text[..at];
        let number_start =
            before.char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
        let number = &before[number_start..];
        let looks_like_number =
            number.starts_with(|c: char| c.is_ascii_digit()) && number.chars().any(char::is_alphabetic);
        if !looks_like_number {
            continue;
        }
        // "số:" as some sources write it is "số".
        let written = before[..number_start].trim_end();
        let written = written.strip_suffix(':').map_or(written, str::trim_end);
        let lead = written.strip_suffix("số").map_or(written, str::trim_end);
        let lower = lead.to_lowercase();
        let Some(kind) = KINDS.iter().find(|k| lower.ends_with(*k)) else {
            // "… số 28-CT/TW ngày …": the "số" itself was the kind.
            if !written.to_lowercase().ends_with("số") {
                continue;
            }
            out.push((number_start, at + 6, number.to_string(), date));
            continue;
        };
        // Counted in characters: lower-casing may change byte lengths (K → k).
        let start = lead.char_indices().rev().nth(kind.chars().count() - 1).map_or(0, |(i, _)| i);
        out.push((start, at + 6, number.to_string(), date));
    }
    out
}

/// "13/2021/TT-BLĐTBXH": the number carries its year.
fn has_year(number: &str) -> bool {
    number
        .split('/')
        .skip(1)
        .any(|part| part.len() == 4 && part.starts_with(['1', '2']) && part.bytes().all(|b| b.is_ascii_digit()))
}

struct Citation {
    /// The number as a key: capitals ignored ("QĐ-TTg", "QĐ-TTG" are one document).
    number: String,
    /// The number as written, for messages ("23/QĐ-TTg").
    written: String,
    date: NaiveDate,
    span: Span,
}

/// The citations of the plan's texts; a date that names no day is reported here.
fn citations(plan: &Plan, map: &SourceMap, sink: &mut Sink) -> Vec<Citation> {
    let mut out = Vec::new();
    for text in plan.free_texts() {
        for (start, end, number, date) in scan(text) {
            let as_written = number.trim_end_matches(['.', ',', ';', ':']).to_string();
            let number = as_written.to_uppercase();
            let Some(whole) = text.get(start..end) else { continue };
            match date {
                Ok(date) => {
                    out.push(Citation { number, written: as_written, date, span: super::locate(map, text.span, whole) })
                }
                Err(written) => {
                    let cited = text.get(start..end + written.len()).unwrap_or(whole);
                    sink.push(
                        Diagnostic::new(Code::CitationDate)
                            .arg("number", &as_written)
                            .arg("date", &written)
                            .primary(super::locate(map, text.span, cited), Msg::new("citation-date.label")),
                    );
                }
            }
        }
    }
    out
}

pub fn check(plan: &Plan, map: &SourceMap, sink: &mut Sink) {
    let mut by_key: BTreeMap<(String, Option<i32>), Vec<Citation>> = BTreeMap::new();
    // A date already reported as no date ("0023-04-03") is not compared with.
    let issued = plan.issue_date().filter(|d| super::dates::YEARS.contains(&d.year()));
    for c in citations(plan, map, sink) {
        // What a plan implements was issued before it ("Căn cứ …", a Tờ trình).
        if let Some(issued) = issued.filter(|day| c.date > *day) {
            sink.push(
                Diagnostic::new(Code::CitationAfter)
                    .arg("number", &c.written)
                    .arg("date", short(c.date))
                    .arg("issued", short(issued))
                    .primary(c.span, Msg::new("citation-after.label").arg("issued", short(issued))),
            );
        }
        let year = (!has_year(&c.number)).then(|| c.date.year());
        by_key.entry((c.number.clone(), year)).or_default().push(c);
    }
    for cites in by_key.into_values() {
        let first = &cites[0];
        let Some(other) = cites.iter().find(|c| c.date != first.date) else { continue };
        sink.push(
            Diagnostic::new(Code::CitationConflict)
                .arg("number", &first.written)
                .arg("first", short(first.date))
                .arg("second", short(other.date))
                .primary(other.span, Msg::new("citation-conflict.label").arg("date", short(other.date)))
                .secondary(first.span, Msg::new("citation-conflict.label").arg("date", short(first.date))),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_citations_in_both_date_forms() {
        let found = scan("Thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 và Chỉ thị 28-CT/TW ngày 25 tháng 11 năm 2023; số 13/2021/TT-BLĐTBXH ngày 30/9/2021.");
        let numbers: Vec<_> = found.iter().map(|f| (f.2.as_str(), f.3.clone().unwrap().to_string())).collect();
        assert_eq!(
            numbers,
            [
                ("28-CT/TW", "2023-12-25".to_string()),
                ("28-CT/TW", "2023-11-25".to_string()),
                ("13/2021/TT-BLĐTBXH", "2021-09-30".to_string())
            ]
        );
        assert!(scan("trẻ em dưới 5 tuổi ngày 01/6/2023").is_empty());
        let odd = scan("Kế hoạch số: 12/KH-UBND ngày 3456/12/2021; Quyết định số 7/QĐ-UBND ngày 31/02/2021.");
        let odd: Vec<_> = odd.iter().map(|f| (f.2.as_str(), f.3.clone().unwrap_err())).collect();
        assert_eq!(odd, [("12/KH-UBND", "3456/12/2021".to_string()), ("7/QĐ-UBND", "31/02/2021".to_string())]);
        let long = scan("Căn cứ Công văn số 636/LĐTBXH-TE ngày 30 tháng 02 năm 2023 của Bộ;");
        assert_eq!(long[0].3, Err("30 tháng 02 năm 2023".to_string()));
        assert!(has_year("13/2021/TT-BLĐTBXH") && !has_year("93/KH-UBND"));
    }
}
