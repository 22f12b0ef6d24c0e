//! citation-conflict: the same document cited with two different dates.
//!
//! Administrative numbers restart every year ("42/KH-UBND" exists in 2021 and
//! 2022), so a number without a year only conflicts with itself in the same
//! year; a number that carries its year ("13/2021/TT-BLĐTBXH") conflicts on any
//! difference.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

use crate::diag::{Code, Diagnostic, Msg, Sink};
use crate::model::Plan;
use crate::source::{SourceMap, Span};
use crate::vi::date::short;

static CITATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\bsố|chỉ thị|nghị quyết|nghị định|kế hoạch|quyết định|thông tư|công văn|công điện|kết luận|chương trình|hướng dẫn|thông báo|văn bản)\s+(?:số\s+)?(\d+[\w/&.\-]*[A-Za-zĐđ][\w/&.\-]*)\s+ngày\s+(?:(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))",
    )
    .unwrap()
});
static HAS_YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"/(19|20)\d\d/").unwrap());

struct Citation {
    number: String,
    date: NaiveDate,
    span: Span,
}

fn citations(plan: &Plan, map: &SourceMap) -> Vec<Citation> {
    let mut out = Vec::new();
    for text in plan.free_texts() {
        for c in CITATION.captures_iter(text) {
            let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
            let (d, m, y) = match (num(2), num(3), num(4)) {
                (Some(d), Some(m), Some(y)) => (d, m, y),
                _ => (num(5).unwrap_or(0), num(6).unwrap_or(0), num(7).unwrap_or(0)),
            };
            let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) else { continue };
            let whole = c.get(0).map_or("", |m| m.as_str());
            let number = c[1].trim_end_matches(['.', ',']).to_uppercase();
            out.push(Citation { number, date, span: super::locate(map, text.span, whole) });
        }
    }
    out
}

pub fn check(plan: &Plan, map: &SourceMap, sink: &mut Sink) {
    let mut by_key: BTreeMap<(String, Option<i32>), Vec<Citation>> = BTreeMap::new();
    for c in citations(plan, map) {
        let year = (!HAS_YEAR.is_match(&c.number)).then(|| c.date.year());
        by_key.entry((c.number.clone(), year)).or_default().push(c);
    }
    for ((number, _), cites) in by_key {
        let first = &cites[0];
        let Some(other) = cites.iter().find(|c| c.date != first.date) else { continue };
        sink.push(
            Diagnostic::new(Code::CitationConflict)
                .arg("number", &number)
                .arg("first", short(first.date))
                .arg("second", short(other.date))
                .primary(other.span, Msg::new("citation-conflict.label").arg("date", short(other.date)))
                .secondary(first.span, Msg::new("citation-conflict.label").arg("date", short(first.date))),
        );
    }
}
