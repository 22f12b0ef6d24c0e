//! The body: opening, parts (I., A., Phần thứ nhất), and in them the objectives
//! with their indicators, the budget, the duties with their leads, the reporting.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::indicators;
use super::{Budget, Draft, Duty, Indicator, Objective, Reporting, Section, Val};
use crate::import::paragraph::Paragraph;
use crate::import::{NoteKind, NOTE_CLOSE, NOTE_OPEN};

static PART: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:PHẦN\s+)?((?:X{0,3})(?:IX|IV|V?I{0,3})|[A-Z])\s*[./:\-]\s*(\S.*)$").unwrap());
static CLAUSE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{1,2})\.\s+(\S.*)$").unwrap());
static POINT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^([a-zđ])\)\s+(\S.*)$").unwrap());
static INDICATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[-+•–]\s*)?(?:Chỉ tiêu|Chi tieu)\s+(\d{1,6})\s*[:.]\s*(\S.*)$").unwrap());
static LEAD_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^- Chủ trì, phối hợp với các đơn vị có liên quan thực hiện (?:các chỉ tiêu|chỉ tiêu) ([\d, ]+) của [^.]+\.$",
    )
    .unwrap()
});
static LEADS_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)chủ trì[^.;]*?chỉ tiêu(?: số)? ((?:\d{1,6}(?:\s*,\s*|\s+và\s+))*\d{1,6})").unwrap()
});
static ORDINAL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^phần thứ\s+\S+$").unwrap());

/// "I. MỤC TIÊU" → (style, title). A part title is in capitals.
pub fn is_part_heading(p: &Paragraph) -> Option<(&'static str, String)> {
    if p.footnote || p.cell.is_some() {
        return None;
    }
    if ORDINAL.is_match(&p.text) {
        return Some(("ordinal", String::new()));
    }
    let c = PART.captures(&p.text)?;
    let numeral = c.get(1)?.as_str();
    let title = c[2].trim().to_string();
    if numeral.is_empty() || !super::header::is_capitals(&title) || title.chars().count() > 250 {
        return None;
    }
    let style = if numeral.len() == 1 && !"IVX".contains(numeral) { "letter" } else { "roman" };
    // "A." could also be a roman-less letter part; "I." … "X." are roman.
    Some((style, title))
}

fn numeral_value(text: &str) -> Option<usize> {
    let c = PART.captures(text)?;
    let n = c.get(1)?.as_str();
    if n.len() == 1 && !"IVX".contains(n) {
        return Some((n.as_bytes()[0] - b'A' + 1) as usize);
    }
    (1..=40).find(|k| crate::vi::number::roman(*k) == n)
}

/// A paragraph that reads as a numbered clause heading: short, no final stop.
fn is_clause_heading(p: &Paragraph, styled: bool) -> bool {
    if styled {
        return p.heading == Some(2);
    }
    CLAUSE.is_match(&p.text) && p.text.chars().count() < 220 && !p.text.ends_with(['.', ';', ':', ','])
}

/// Markdown text of one paragraph: what would read as Markdown syntax is escaped.
pub fn md_text(text: &str, notes: &HashMap<String, String>) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(open) = rest.find(NOTE_OPEN) {
        out.push_str(&escape(&rest[..open]));
        let after = &rest[open + NOTE_OPEN.len_utf8()..];
        match after.find(NOTE_CLOSE) {
            Some(close) => {
                let id = &after[..close];
                if notes.contains_key(id) {
                    out.push_str(&format!("[^{id}]"));
                }
                rest = &after[close + NOTE_CLOSE.len_utf8()..];
            }
            None => rest = after,
        }
    }
    out.push_str(&escape(rest));
    out
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            // A manual line break inside a paragraph.
            out.push_str("\\\n");
        }
        // A marker at the start of a line ("1.", "a)", "- ", "#") is text, not Markdown.
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        if let Some(rest) = line.strip_prefix("- ").filter(|r| !r.is_empty() && i == 0) {
            // A dash item stays a Markdown item: it prints the same, and reads better.
            out.push_str("- ");
            out.push_str(&escape(rest));
            continue;
        }
        let marker_at = if line.starts_with(['#', '-', '+', '*', '>', '=']) {
            Some(0)
        } else if digits > 0 && line[digits..].starts_with(['.', ')']) {
            Some(digits)
        } else {
            None
        };
        for (k, c) in line.char_indices() {
            if Some(k) == marker_at || matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '|' | '~' | '&') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// The Markdown of a run of body paragraphs, with the footnotes they cite.
fn markdown(paras: &[Paragraph], idx: &[usize], styled: bool, notes: &HashMap<String, String>) -> Option<Val> {
    if idx.is_empty() {
        return None;
    }
    let mut lines: Vec<String> = Vec::new();
    let mut cited: Vec<String> = Vec::new();
    let mut k = 0;
    while k < idx.len() {
        let p = &paras[idx[k]];
        if let Some(cell) = p.cell {
            // A table: its rows, cell by cell.
            let mut rows: Vec<Vec<String>> = Vec::new();
            while k < idx.len() && paras[idx[k]].cell.is_some_and(|c| c.table == cell.table) {
                let c = paras[idx[k]].cell.unwrap_or(cell);
                while rows.len() < c.row {
                    rows.push(Vec::new());
                }
                let row = &mut rows[c.row - 1];
                while row.len() < c.column {
                    row.push(String::new());
                }
                let cell_text = &mut row[c.column - 1];
                if !cell_text.is_empty() {
                    cell_text.push(' ');
                }
                cell_text.push_str(&md_text(&paras[idx[k]].text.replace('\n', " "), notes));
                k += 1;
            }
            let width = rows.iter().map(Vec::len).max().unwrap_or(1);
            for (r, row) in rows.iter().enumerate() {
                let mut cells = row.clone();
                cells.resize(width, String::new());
                lines.push(format!("| {} |", cells.join(" | ")));
                if r == 0 {
                    lines.push(format!("|{}", "---|".repeat(width)));
                }
            }
            lines.push(String::new());
            continue;
        }
        let text = md_text(&p.text, notes);
        cited.extend(notes.keys().filter(|id| p.text.contains(&format!("{NOTE_OPEN}{id}{NOTE_CLOSE}"))).cloned());
        let line = if is_clause_heading(p, styled) {
            format!("# {text}")
        } else if styled && p.heading == Some(3) {
            format!("## {text}")
        } else {
            text
        };
        lines.push(line);
        lines.push(String::new());
        k += 1;
    }
    cited.sort();
    cited.dedup();
    for id in cited {
        lines.push(format!("[^{id}]: {}", escape(&notes[&id])));
        lines.push(String::new());
    }
    let text = lines.join("\n").trim_end().to_string();
    Some(Val { text, from: idx.to_vec() })
}

/// The Markdown of paragraphs outside the body (an appendix), without footnotes.
pub fn markdown_of(paras: &[Paragraph], idx: &[usize], styled: bool) -> Option<Val> {
    markdown(paras, idx, styled, &HashMap::new())
}

/// Footnote texts by id (DOCX): the paragraphs after the body, each led by its id.
fn footnotes(all: &[Paragraph]) -> HashMap<String, String> {
    let mut notes: HashMap<String, String> = HashMap::new();
    for p in all.iter().filter(|p| p.footnote) {
        let Some(rest) = p.text.strip_prefix(NOTE_OPEN) else { continue };
        let Some((id, text)) = rest.split_once(NOTE_CLOSE) else { continue };
        let entry = notes.entry(id.to_string()).or_default();
        if !entry.is_empty() {
            entry.push(' ');
        }
        entry.push_str(text.trim());
    }
    notes
}

pub fn read(paras: &[Paragraph], from: usize, to: usize, proper: &super::Casing, d: &mut Draft, all: &[Paragraph]) {
    let notes = footnotes(all);
    let styled = paras.iter().any(|p| p.heading.is_some_and(|h| h >= 2) && CLAUSE.is_match(&p.text));
    let mut idx: Vec<usize> = (from..to).filter(|&i| !super::header::is_rule(&paras[i].text)).collect();
    // Closing: "Trên đây …" or the paragraph that ends with "./.".
    if let Some(pos) = idx.iter().rposition(|&i| {
        let t = &paras[i].text;
        t.ends_with("./.") || crate::import::paragraph::fold(t).starts_with("tren day")
    }) {
        if pos + 3 >= idx.len() {
            let i = idx[pos];
            let text = paras[i].text.trim_end_matches("./.").trim_end().trim_end_matches('.').to_string();
            d.closing = Some(Val::new(text, i));
            let after: Vec<usize> = idx.split_off(pos + 1);
            idx.pop();
            if !after.is_empty() {
                d.note(NoteKind::KeptAsText, "import.after-closing", Some(after[0]), "");
                let extra = markdown(paras, &after, styled, &notes);
                if let (Some(c), Some(e)) = (&mut d.closing, extra) {
                    c.text = format!("{}./.\n\n{}", c.text, e.text);
                    c.from.extend(e.from);
                }
            }
        }
    }
    let heads: Vec<usize> = idx.iter().copied().filter(|&i| is_part_heading(&paras[i]).is_some()).collect();
    let first = heads.first().copied().unwrap_or(to);
    let opening: Vec<usize> = idx.iter().copied().filter(|&i| i < first).collect();
    d.preamble = markdown(paras, &opening, styled, &notes);
    let mut expected = 1;
    let mut k = 0;
    while k < heads.len() {
        let h = heads[k];
        let end = heads.get(k + 1).copied().unwrap_or(to);
        let (style, mut title) = is_part_heading(&paras[h]).unwrap_or(("roman", String::new()));
        let mut inner: Vec<usize> = idx.iter().copied().filter(|&i| i > h && i < end).collect();
        let mut title_from = vec![h];
        if style == "ordinal" {
            // "Phần thứ nhất" and its title on the next line.
            if let Some(&t) = inner.first() {
                title = paras[t].text.clone();
                title_from.push(t);
                inner.remove(0);
            }
        } else if let Some(n) = numeral_value(&paras[h].text) {
            if n != expected {
                d.note(NoteKind::Defect, "import.part-gap", Some(h), format!("{expected}|{n}"));
            }
            expected = n + 1;
        }
        d.parts = style;
        let title = Val { text: proper.apply(&title), from: title_from };
        let section = part(paras, title, &inner, styled, &notes, d);
        d.sections.push(section);
        k += 1;
    }
}

fn content_of(title: &str, taken: &[Section]) -> Option<&'static str> {
    let k = crate::import::paragraph::fold(title);
    let free = |c: &str| !taken.iter().any(|s| s.content == Some(c));
    if k.contains("kinh phi") && free("budget") {
        Some("budget")
    } else if k.contains("to chuc thuc hien") && free("duties") {
        Some("duties")
    } else if k.contains("bao cao") && (k.contains("che do") || k.contains("thong tin")) && free("reporting") {
        Some("reporting")
    } else if k.contains("muc tieu") && free("objectives") {
        Some("objectives")
    } else {
        None
    }
}

fn part(
    paras: &[Paragraph],
    title: Val,
    inner: &[usize],
    styled: bool,
    notes: &HashMap<String, String>,
    d: &mut Draft,
) -> Section {
    let mut section = Section { title, ..Section::default() };
    match content_of(&section.title.text, &d.sections) {
        Some("objectives") => {
            if let Some((before, area, after)) = objectives_area(paras, inner) {
                section.body = markdown(paras, &before, styled, notes);
                section.content = Some("objectives");
                read_objectives(paras, &area, d);
                section.body_after = markdown(paras, &after, styled, notes);
            } else {
                section.body = markdown(paras, inner, styled, notes);
            }
        }
        Some("duties") => {
            let before = d.duties.len();
            let intro = read_duties(paras, inner, styled, notes, d);
            section.body = markdown(paras, &intro, styled, notes);
            // Written as prose, with no agency's duty to list ("Các phòng, đơn vị thuộc
            // Sở căn cứ chức năng, nhiệm vụ tổ chức thực hiện Kế hoạch này./."): its words
            // are the part, not a list the plan lacks.
            if d.duties.len() > before {
                section.content = Some("duties");
            }
        }
        Some("budget") => {
            section.content = Some("budget");
            d.budget = Some(read_budget(paras, inner, styled, notes));
        }
        Some("reporting") => {
            section.content = Some("reporting");
            d.reporting = Some(read_reporting(paras, inner, styled, notes, d));
        }
        _ => section.body = markdown(paras, inner, styled, notes),
    }
    section
}

fn is_indicator(p: &Paragraph) -> bool {
    INDICATOR.is_match(&p.text)
}

/// (before, objectives and indicators, after) of the objectives part.
fn objectives_area(paras: &[Paragraph], inner: &[usize]) -> Option<(Vec<usize>, Vec<usize>, Vec<usize>)> {
    let first = inner.iter().position(|&i| is_indicator(&paras[i]))?;
    // The objective's title ("a) Về …") just before its first indicator.
    let titled = first > 0 && {
        let p = &paras[inner[first - 1]];
        POINT.is_match(&p.text) && !is_indicator(p)
    };
    let start = if titled { first - 1 } else { first };
    let mut end = first;
    while end < inner.len() {
        let p = &paras[inner[end]];
        if is_indicator(p)
            || (POINT.is_match(&p.text) && inner[end + 1..].first().is_some_and(|&n| is_indicator(&paras[n])))
        {
            end += 1;
        } else {
            break;
        }
    }
    Some((inner[..start].to_vec(), inner[start..end].to_vec(), inner[end..].to_vec()))
}

fn read_objectives(paras: &[Paragraph], area: &[usize], d: &mut Draft) {
    let mut expected = 1;
    for &i in area {
        let text = &paras[i].text;
        if let Some(c) = INDICATOR.captures(text) {
            let number: usize = c[1].parse().unwrap_or(0);
            if number != expected {
                d.note(NoteKind::Defect, "import.indicator-gap", Some(i), format!("{expected}|{number}"));
            }
            expected = number + 1;
            let sentence = c[2].trim_end_matches('.').trim_end().to_string();
            let (reading, parts) = indicators::read_compound(&sentence);
            if let Some(written) = &reading.kept {
                d.note(NoteKind::KeptAsText, "import.indicator-target-kept", Some(i), written.clone());
            } else if reading.value.is_none() && reading.milestones.is_empty() {
                d.note(NoteKind::KeptAsText, "import.indicator-no-target", Some(i), "");
            }
            d.push_indicator(Indicator { number, reading, parts, from: i, ..Indicator::default() });
        } else if let Some(c) = POINT.captures(text) {
            d.objectives.push(Objective { title: Some(Val::new(c[2].to_string(), i)), ..Objective::default() });
        }
    }
}

/// Duty headings and bodies; returns the paragraphs before the first duty.
fn read_duties(
    paras: &[Paragraph],
    inner: &[usize],
    styled: bool,
    notes: &HashMap<String, String>,
    d: &mut Draft,
) -> Vec<usize> {
    // Positions in `inner` of the duty headings: each duty is the run up to the next.
    let mut heads: Vec<usize> = (0..inner.len()).filter(|&k| is_clause_heading(&paras[inner[k]], styled)).collect();
    // No heading: duties may be numbered paragraphs that open with the agency's name
    // ("1. Trạm Y tế xã thực hiện tiêm chủng, …").
    let paragraphs = heads.is_empty();
    if paragraphs {
        heads = (0..inner.len()).filter(|&k| paragraph_duty(&paras[inner[k]].text).is_some()).collect();
    }
    let intro: Vec<usize> = inner[..heads.first().copied().unwrap_or(inner.len())].to_vec();
    for (n, &k) in heads.iter().enumerate() {
        let h = inner[k];
        let run = &inner[k + 1..heads.get(n + 1).copied().unwrap_or(inner.len())];
        let heading = CLAUSE.captures(&paras[h].text).map_or(paras[h].text.clone(), |c| c[2].to_string());
        let (name, title) = if paragraphs {
            (paragraph_duty(&paras[h].text).unwrap_or_default().to_string(), None)
        } else {
            match heading.strip_prefix("Đề nghị ") {
                Some(rest) => (
                    rest.trim_end_matches(" và các tổ chức thành viên").to_string(),
                    Some(Val::new(heading.clone(), h)),
                ),
                None => (heading.clone(), None),
            }
        };
        let agency = d.agency(&name, h);
        let mut body: Vec<usize> = Vec::new();
        let mut duty = Duty { agency: agency.clone(), title, paragraph: paragraphs, ..Duty::default() };
        for &i in run {
            let text = &paras[i].text;
            // The generated line goes only when every number it names is an indicator
            // here: otherwise it stays as text, nothing lost.
            if let Some(c) = LEAD_LINE.captures(text).filter(|c| all_known(d, &c[1])) {
                assign_leads(d, &agency, &c[1], i);
                continue;
            }
            if let Some(c) = LEADS_IN_TEXT.captures(text) {
                assign_leads(d, &agency, &c[1], i);
                duty.no_lead_line = true;
            }
            body.push(i);
        }
        duty.body = markdown(paras, &body, styled, notes);
        if paragraphs {
            // The numbered paragraph is the body's first line, without its number.
            let first = Val::new(md_text(&heading, notes), h);
            duty.body = Some(match duty.body.take() {
                Some(rest) => Val {
                    text: format!("{}\n{}", first.text, rest.text),
                    from: first.from.into_iter().chain(rest.from).collect(),
                },
                None => first,
            });
        }
        d.duties.push(duty);
    }
    intro
}

/// The agency a numbered duty paragraph opens with: the words before its first verb
/// ("1. Công an xã phòng ngừa, …" → "Công an xã"), when they read as a body's name.
fn paragraph_duty(text: &str) -> Option<&str> {
    const BODIES: [&str; 23] = [
        "Phòng ",
        "Sở ",
        "Trạm ",
        "Công an ",
        "Văn phòng ",
        "Ủy ban ",
        "UBND ",
        "Ban ",
        "Trung tâm ",
        "Đoàn ",
        "Hội ",
        "Các ",
        "Bảo hiểm ",
        "Bệnh viện ",
        "Trường ",
        "Chi cục ",
        "Cục ",
        "Đài ",
        "Liên đoàn ",
        "Mặt trận ",
        "Công chức ",
        "Tỉnh đoàn ",
        "Huyện đoàn ",
    ];
    const VERBS: [&str; 40] = [
        " là ",
        " thực hiện",
        " chủ trì",
        " phối hợp",
        " tham mưu",
        " có trách nhiệm",
        " chịu trách nhiệm",
        " hướng dẫn",
        " triển khai",
        " tổ chức",
        " theo dõi",
        " bố trí",
        " rà soát",
        " xây dựng",
        " kiểm tra",
        " đẩy mạnh",
        " tăng cường",
        " chỉ đạo",
        " căn cứ",
        " nghiên cứu",
        " quản lý",
        " cung cấp",
        " tuyên truyền",
        " đăng ký",
        " phòng ngừa",
        " bảo đảm",
        " đảm bảo",
        " lồng ghép",
        " vận động",
        " giám sát",
        " phát hiện",
        " hỗ trợ",
        " thường xuyên",
        " duy trì",
        " nâng cao",
        " ban hành",
        " đôn đốc",
        " tổng hợp",
        ":",
        ",",
    ];
    let rest = CLAUSE.captures(text)?.get(2)?.as_str();
    if !BODIES.iter().any(|b| rest.starts_with(b)) {
        return None;
    }
    let cut = VERBS.iter().filter_map(|v| rest.find(v)).min()?;
    let name = rest[..cut].trim();
    (2..=16).contains(&name.split_whitespace().count()).then_some(name)
}

fn all_known(d: &Draft, numbers: &str) -> bool {
    numbers.split([',', ' ']).filter_map(|s| s.trim().parse::<usize>().ok()).all(|n| d.has_indicator(n))
}

fn assign_leads(d: &mut Draft, agency: &str, numbers: &str, at: usize) {
    for n in numbers.split([',', ' ']).filter_map(|s| s.trim().parse::<usize>().ok()) {
        let found = d.indicator_mut(n);
        match found {
            Some(i) => {
                if !i.lead.iter().any(|l| l == agency) {
                    i.lead.push(agency.to_string());
                }
            }
            None => d.note(NoteKind::Defect, "import.lead-unknown-indicator", Some(at), n.to_string()),
        }
    }
}

static TOTAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^Tổng kinh phí thực hiện [^.]*? là ([\d.]+) đồng \(Bằng chữ: [^)]*\)(, trong đó:|\.)$").unwrap()
});
static SOURCE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^- (.+): ([\d.]+) đồng[;.]$").unwrap());

fn read_budget(paras: &[Paragraph], inner: &[usize], styled: bool, notes: &HashMap<String, String>) -> Budget {
    let mut b = Budget::default();
    let mut rest: Vec<usize> = Vec::new();
    let mut k = 0;
    if let Some(&i) = inner.first() {
        if let Some(c) = TOTAL.captures(&paras[i].text) {
            b.total = c[1].replace('.', "").parse().ok().map(|t| (t, i));
            k = 1;
            if &c[2] == ", trong đó:" {
                while k < inner.len() {
                    let i = inner[k];
                    let Some(s) = SOURCE.captures(&paras[i].text) else { break };
                    let Ok(amount) = s[2].replace('.', "").parse::<u64>() else { break };
                    b.sources.push((Val::new(s[1].to_string(), i), amount));
                    k += 1;
                }
            }
        } else if crate::vi::text::fold(&paras[i].text).starts_with("kinh phi thuc hien ")
            && paras[i].text.ends_with(" gồm:")
            && paras[i].text.split_whitespace().count() <= 7
        {
            // The line kehoach prints before sources with no total ("… thực hiện Kế hoạch gồm:").
            k = 1;
        }
    }
    rest.extend(&inner[k..]);
    b.body = markdown(paras, &rest, styled, notes);
    b
}

static DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:trước ngày|truoc ngay) (\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?: (?:đối với|đối với các) (báo cáo [^,;.]+))?",
    )
    .unwrap()
});

fn read_reporting(
    paras: &[Paragraph],
    inner: &[usize],
    styled: bool,
    notes: &HashMap<String, String>,
    d: &mut Draft,
) -> Reporting {
    let mut r = Reporting::default();
    let year = d.date.as_ref().and_then(|(w, _)| w.date).map(|x| chrono::Datelike::year(&x));
    for &i in inner {
        for c in DEADLINE.captures_iter(&paras[i].text) {
            let (Ok(day), Ok(month)) = (c[1].parse::<u32>(), c[2].parse::<u32>()) else { continue };
            let Some(y) = c.get(3).and_then(|y| y.as_str().parse().ok()).or(year) else { continue };
            let what = c.get(4).map_or_else(|| "báo cáo".to_string(), |w| w.as_str().trim().to_string());
            match chrono::NaiveDate::from_ymd_opt(y, month, day) {
                Some(date) => r.deadlines.push((Val::new(what, i), date)),
                None => d.note(NoteKind::Defect, "import.date-malformed", Some(i), c[0].to_string()),
            }
        }
    }
    r.body = markdown(paras, inner, styled, notes);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_headings() {
        let p = |s: &str| Paragraph::new(s);
        assert_eq!(is_part_heading(&p("I. MỤC TIÊU")), Some(("roman", "MỤC TIÊU".into())));
        assert_eq!(is_part_heading(&p("IV. TỔ CHỨC THỰC HIỆN")).map(|x| x.0), Some("roman"));
        assert_eq!(is_part_heading(&p("B. NHIỆM VỤ")).map(|x| x.0), Some("letter"));
        assert_eq!(is_part_heading(&p("I. Mục tiêu")), None);
        assert_eq!(numeral_value("XIV. A"), Some(14));
        assert!(LEADS_IN_TEXT.is_match("Chủ trì, phối hợp thực hiện các chỉ tiêu 1, 2 và 8 của Kế hoạch"));
    }

    #[test]
    fn escapes_markdown() {
        let none = HashMap::new();
        assert_eq!(md_text("1. Mục tiêu. Hết", &none), "1\\. Mục tiêu. Hết");
        assert_eq!(md_text("- a*b", &none), "- a\\*b");
        assert_eq!(md_text("-- a", &none), "\\-- a");
    }
}
