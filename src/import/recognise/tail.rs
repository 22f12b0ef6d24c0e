//! The end of a document: Nơi nhận, the signature, the appendices; and the body
//! of a Quyết định (căn cứ, articles) before its own Nơi nhận and signature.

use std::sync::LazyLock;

use regex::Regex;

use super::header::{is_capitals, is_kind_line, is_rule};
use super::{Appendix, Decision, Draft, Val};
use crate::import::paragraph::Paragraph;
use crate::import::NoteKind;

static AUTHORITY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(TM|KT|TL|TUQ|Q|UQ)\s?\.\s*(.+)$").unwrap());
static ARTICLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^Điều\s+(\d+)\s*[.:]\s*(.*)$").unwrap());

fn is_recipients(text: &str) -> bool {
    crate::import::paragraph::fold(text).starts_with("noi nhan")
}

fn is_signature_line(text: &str) -> bool {
    AUTHORITY.is_match(text) && is_capitals(text)
}

/// "Phụ lục", "PHỤ LỤC I", "Phụ lục số 02": the title line of an appendix.
fn is_appendix_title(p: &Paragraph) -> bool {
    let k = crate::import::paragraph::fold(&p.text);
    k.starts_with("phu luc") && p.text.chars().count() < 30 && p.cell.is_none()
}

/// Where the tail starts: Nơi nhận, else the first signature line, else the
/// first appendix (an attached plan ends without a signature).
pub fn start(paras: &[Paragraph], from: usize) -> usize {
    (from..paras.len())
        .find(|&i| is_recipients(&paras[i].text))
        // "TM. ỦY BAN NHÂN DÂN" set a little above Nơi nhận reads before it.
        .map(|i| if i > from && is_signature_line(&paras[i - 1].text) { i - 1 } else { i })
        .or_else(|| (from..paras.len()).find(|&i| is_signature_line(&paras[i].text)))
        .or_else(|| (from..paras.len()).find(|&i| is_appendix_title(&paras[i])))
        .unwrap_or(paras.len())
}

/// "CHỦ TỊCH" → "Chủ tịch"; "PHÓ CHỦ TỊCH THƯỜNG TRỰC" → "Phó Chủ tịch Thường trực".
pub fn title_case(text: &str) -> String {
    let lower = text.trim().to_lowercase();
    let mut s = crate::vi::text::capitalize_first(&lower);
    for word in [
        "chủ tịch",
        "giám đốc",
        "trưởng phòng",
        "trưởng ban",
        "thường trực",
        "bí thư",
        "hiệu trưởng",
        "chánh văn phòng",
    ] {
        if let Some(at) = s.find(word).filter(|&a| a > 0) {
            s = format!("{}{}{}", &s[..at], crate::vi::text::capitalize_first(word), &s[at + word.len()..]);
        }
    }
    s
}

/// "Phạm Thị Oanh": two to five words, each capitalised, nothing else.
fn looks_like_name(text: &str) -> bool {
    let words: Vec<&str> = text.split(' ').collect();
    (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            let mut c = w.chars();
            c.next().is_some_and(char::is_uppercase) && c.all(char::is_lowercase)
        })
}

/// Initials, not a word: no vowel at all ("DS", "KGVX"; a title's word has one).
fn no_vowel(t: &str) -> bool {
    !crate::import::paragraph::fold(t).contains(['a', 'e', 'i', 'o', 'u', 'y'])
}

/// Reads Nơi nhận and the signature from `at`; returns the index after them.
pub fn read(paras: &[Paragraph], at: usize, d: &mut Draft) -> usize {
    let mut i = at;
    let mut recipients: Vec<Val> = Vec::new();
    let mut archive = Vec::new();
    let mut sig = super::Signature::default();
    let mut titles: Vec<(String, usize)> = Vec::new();
    let mut drafter = None;
    // The paragraph before was a Nơi nhận entry ended by ";" or "." (the Lưu line,
    // or the last entry when there is none): a short line right under it is the
    // drafter's mark (ô 12), however written.
    let mut after_entry = false;
    // The last entry so far was ended by ";" or ".", so a line after it does not go
    // on it: a PDF may read the signature's first lines between it and the mark.
    let mut entry_ended = false;
    // The signature's lines so far are bold (a DOCX says so; a text file does not).
    let mut signature_bold = false;
    while i < paras.len() {
        let p = &paras[i];
        let t = p.text.trim();
        let lower = t.chars().next().is_some_and(char::is_lowercase);
        let under_entry = after_entry;
        let entry = t.starts_with(['-', '+', '–']);
        after_entry = entry && t.ends_with(['.', ';']);
        if entry {
            entry_ended = t.ends_with(['.', ';']);
        }
        // Past the signature's first lines a mark is known only when no line of the
        // signature could be it: not in capitals ("ds", "Phương"), or in the decree's
        // form and either with its copies, no word ("DS"; "TRỰC" may end a title) or
        // not bold as those lines are.
        let signing = !titles.is_empty() || sig.authority.is_some() || sig.collective.is_some();
        let with_copies = t.split_once('.').is_some_and(|(_, c)| c.chars().any(|c| c.is_ascii_digit()));
        let has_entries = !(archive.is_empty() && recipients.is_empty());
        let in_form = crate::model::is_drafter_mark(t);
        let mark = drafter.is_none()
            && sig.name.is_none()
            && ((under_entry && crate::model::looks_like_drafter_mark(t))
                || (has_entries && in_form && (!signing || with_copies || no_vowel(t) || (signature_bold && !p.bold)))
                || (entry_ended && !is_capitals(t) && crate::model::looks_like_drafter_mark(t)));
        if mark {
            // "ds", "Phương", "PL (300)" too: read as the mark, for `check` to judge its form.
            drafter = Some(Val::new(t.to_string(), i));
        } else if lower && !recipients.is_empty() {
            // A Nơi nhận entry that wrapped (a PDF reads the two columns apart).
            if let Some(last) = recipients.last_mut() {
                last.text = format!("{} {}", last.text, t.trim_end_matches([';', ',']).trim_end_matches('.'));
                last.from.push(i);
            }
        } else if is_recipients(t) {
            let rest = t.split_once(':').map_or("", |(_, r)| r.trim());
            if !rest.is_empty() {
                recipients.push(Val::new(
                    rest.trim_start_matches(['-', '+', ' ']).trim_end_matches([';', '.']).to_string(),
                    i,
                ));
            }
        } else if let Some(entry) = t.strip_prefix('-').or_else(|| t.strip_prefix('+')).or_else(|| t.strip_prefix('–'))
        {
            let entry = entry.trim().trim_end_matches([';', ',']).trim_end_matches("./.").trim_end_matches('.').trim();
            if let Some(kept) = entry
                .strip_prefix("Lưu")
                .or_else(|| entry.strip_prefix("Luu"))
                .map(|r| r.trim_start_matches([':', ' ']))
            {
                // "Lưu: VT, KGVX. PL.(300)": the mark's own line joined to the Lưu line
                // (not "Lưu: VT, P. TCHC", a unit's own abbreviation).
                let abbreviated = |items: &str| items.rsplit([',', ' ']).next().is_some_and(|w| w.chars().count() <= 2);
                let kept = match kept.rsplit_once(". ") {
                    Some((items, mark))
                        if drafter.is_none()
                            && !abbreviated(items)
                            && (crate::model::is_drafter_mark(mark)
                                || (!is_capitals(mark) && crate::model::looks_like_drafter_mark(mark))) =>
                    {
                        drafter = Some(Val::new(mark.to_string(), i));
                        items
                    }
                    _ => kept,
                };
                for a in kept.split(',').map(str::trim).filter(|a| !a.is_empty()) {
                    archive.push(Val::new(a.to_string(), i));
                }
            } else {
                recipients.push(Val::new(entry.to_string(), i));
            }
        } else if let Some(c) = AUTHORITY.captures(t).filter(|_| is_capitals(t)) {
            signature_bold |= p.bold;
            let code = c[1].to_string();
            if code == "TM" {
                sig.collective = Some(Val::new(super::header::organisation_case(&c[2]), i));
            } else {
                sig.authority = Some(Val::new(code, i));
                sig.head = Some(Val::new(title_case(&c[2]), i));
            }
        } else if is_capitals(t)
            && sig.name.is_none()
            && (sig.collective.is_some() || sig.authority.is_some() || titles.is_empty())
            && t.chars().count() < 80
        {
            if is_kind_line(t) || t.starts_with("PHỤ LỤC") {
                break;
            }
            signature_bold |= p.bold;
            titles.push((title_case(t), i));
        } else if crate::import::paragraph::fold(t).trim_matches(['(', ')', '.']) == "da ky" || is_rule(t) {
            // "(Đã ký)" where the signature was, on a website copy.
        } else if sig.name.is_none()
            && (sig.collective.is_some() || sig.authority.is_some() || !titles.is_empty() || looks_like_name(t))
            && t.chars().count() < 60
        {
            sig.name = Some(Val::new(t.to_string(), i));
            // The drafter's mark under Lưu, level with the name in a PDF, read after it.
            if let Some(n) = paras
                .get(i + 1)
                .filter(|n| !archive.is_empty() && drafter.is_none() && crate::model::is_drafter_mark(n.text.trim()))
            {
                drafter = Some(Val::new(n.text.trim().to_string(), i + 1));
                i += 1;
            }
            // Nơi nhận may go on after the name (a PDF's left column, read after the right).
            let more = paras.get(i + 1).is_some_and(|n| n.text.starts_with(['-', '+', '–']));
            i += 1;
            if !more {
                break;
            }
            continue;
        } else {
            break;
        }
        i += 1;
    }
    if !titles.is_empty() {
        sig.title = Some(Val {
            text: titles.iter().map(|t| t.0.as_str()).collect::<Vec<_>>().join("\n"),
            from: titles.iter().map(|t| t.1).collect(),
        });
    }
    if d.recipients.is_empty() && d.archive.is_empty() {
        d.recipients = recipients;
        d.archive = archive;
        d.drafter = drafter;
    }
    // An attached plan without its own signature keeps the decision's.
    if sig.name.is_some() || sig.authority.is_some() || sig.collective.is_some() || d.signature.name.is_none() {
        d.signature = sig;
    }
    i
}

/// A line a legal website adds to the text it publishes: its source line, its
/// address, its table of the document's properties.
fn is_website_line(text: &str) -> bool {
    let k = crate::import::paragraph::fold(text.trim());
    let address = |w: &str| {
        let w = w.trim_end_matches(['.', ',', ';']);
        let w = w.strip_prefix("https://").or_else(|| w.strip_prefix("http://")).unwrap_or(w);
        let host = w.split('/').next().unwrap_or("");
        host.contains('.')
            && [".vn", ".com", ".net", ".org"].iter().any(|d| host.ends_with(d))
            && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
    };
    k.starts_with("nguon tra cuu")
        || k.starts_with("nguon:") && k.split_whitespace().any(address)
        || !k.contains(' ') && address(&k)
        || k.starts_with("so hieu:") && k.contains("loai van ban")
}

/// Appendices after the signature; anything else there is noted as skipped.
pub fn appendices(paras: &[Paragraph], from: usize, proper: &super::Casing, web: bool, d: &mut Draft) {
    let mut i = from;
    while i < paras.len() {
        // The rule above the footnotes of a text file, whose notes moved to the end.
        if is_rule(&paras[i].text) {
            i += 1;
            continue;
        }
        let k = crate::import::paragraph::fold(&paras[i].text);
        if !k.starts_with("phu luc") {
            if web {
                // Website text after the document.
                d.note(NoteKind::Skipped, "import.skipped-after", Some(i), format!("{}", paras.len() - i));
            } else {
                // A document's own text after the signature: kept, in the closing;
                // a website's lines pasted with it ("Nguồn tra cứu: …") are not.
                let (web_lines, rest): (Vec<usize>, Vec<usize>) =
                    (i..paras.len()).partition(|&k| is_website_line(&paras[k].text));
                for &k in &web_lines {
                    d.note(NoteKind::Skipped, "import.skipped-after", Some(k), "1");
                }
                let Some(&first) = rest.first() else { return };
                d.note(NoteKind::KeptAsText, "import.after-signature", Some(first), "");
                if let Some(extra) = super::body::markdown_of(paras, &rest, false) {
                    match &mut d.closing {
                        Some(c) => {
                            c.text = format!("{}./.\n\n{}", c.text, extra.text);
                            c.from.extend(extra.from);
                        }
                        None => d.closing = Some(extra),
                    }
                }
            }
            return;
        }
        let start = i;
        i += 1;
        let mut title: Vec<String> = Vec::new();
        let mut from_list = vec![start];
        // "Phụ lục 1: Danh sách …": the title goes on after the label.
        let same_line = after_label(&paras[start].text);
        if !same_line.is_empty() {
            title.push(same_line);
        }
        while i < paras.len()
            && paras[i].cell.is_none()
            && is_capitals(&paras[i].text)
            && !crate::import::paragraph::fold(&paras[i].text).starts_with("phu luc")
        {
            title.push(paras[i].text.clone());
            from_list.push(i);
            i += 1;
        }
        if i < paras.len() && super::is_attached_line(&paras[i].text) {
            i = super::after_attached_line(paras, i);
        }
        let body_start = i;
        while i < paras.len() && !crate::import::paragraph::fold(&paras[i].text).starts_with("phu luc") {
            i += 1;
        }
        let title_text = proper.apply(&title.join(" "));
        let body: Vec<usize> = (body_start..i).collect();
        // The indicators' own table is generated from them.
        let header =
            body.iter().take(8).map(|&b| crate::import::paragraph::fold(&paras[b].text)).collect::<Vec<_>>().join(" ");
        // Only a table read cell by cell (DOCX) can be checked against the indicators;
        // a PDF's table text stays as the appendix's text.
        let cells = body.iter().any(|&b| paras[b].cell.is_some());
        if cells
            && header.contains("chi tieu")
            && header.contains("chu tri")
            && d.indicator_appendix.is_none()
            && !d.objectives.is_empty()
        {
            read_indicator_table(paras, &body, d);
            // Printed from the indicators only when that is all the appendix holds;
            // a column, a row, a note or a table more of its own keeps it as written.
            if only_indicators(paras, &body, d) {
                d.indicator_appendix = Some(Some(title_text).filter(|t| !t.is_empty()));
                continue;
            }
            d.note(NoteKind::KeptAsText, "import.appendix-as-written", Some(start), "");
        }
        let styled = false;
        let md = super::body::markdown_of(paras, &body, styled);
        d.appendices.push(Appendix { title: Val { text: title_text, from: from_list }, body: md });
    }
}

/// The words after "Phụ lục", its number ("I", "2") and a colon or dash.
fn after_label(text: &str) -> String {
    let mut words = text.split_whitespace().peekable();
    let label: Vec<&str> = words.by_ref().take(2).collect();
    if label.len() < 2 {
        return String::new();
    }
    let numeral = |w: &str| {
        let w = w.trim_end_matches([':', '.', ',']);
        !w.is_empty() && (w.chars().all(|c| c.is_ascii_digit()) || w.chars().all(|c| "IVXLC".contains(c)))
    };
    if words.peek().is_some_and(|w| numeral(w)) {
        words.next();
    }
    if words.peek().is_some_and(|w| matches!(*w, "-" | "–" | "—" | ":" | ".")) {
        words.next();
    }
    words.collect::<Vec<_>>().join(" ")
}

/// Whether an appendix is the indicators' table and nothing else: one table, its
/// columns those kehoach prints (STT, Chỉ tiêu, Mục tiêu or Năm …, the lead and
/// supporting agencies), each row an indicator of the plan.
fn only_indicators(paras: &[Paragraph], body: &[usize], d: &mut Draft) -> bool {
    let Some(table) = body.first().and_then(|&b| paras[b].cell).map(|c| c.table) else { return false };
    if body.iter().any(|&b| paras[b].cell.is_none_or(|c| c.table != table)) {
        return false;
    }
    let mut rows: std::collections::BTreeMap<usize, Vec<(usize, String)>> = Default::default();
    for &b in body {
        if let Some(c) = paras[b].cell {
            rows.entry(c.row).or_default().push((c.column, paras[b].text.clone()));
        }
    }
    let mut rows = rows.into_values();
    let Some(header) = rows.next() else { return false };
    let known = |h: &str| {
        let h = crate::import::paragraph::fold(h);
        let year = h.strip_prefix("nam ").is_some_and(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()));
        matches!(h.as_str(), "stt" | "tt" | "chi tieu" | "muc tieu")
            || year
            || h.contains("chu tri")
            || h.contains("phoi hop")
    };
    header.iter().all(|(_, h)| known(h))
        && rows.all(|cells| {
            let first = cells.iter().find(|c| c.0 == 1).map(|c| c.1.trim().to_string()).unwrap_or_default();
            first.parse::<usize>().is_ok_and(|n| d.indicator_mut(n).is_some())
        })
}

/// The lead and support columns of the indicators' table, row by row.
fn read_indicator_table(paras: &[Paragraph], body: &[usize], d: &mut Draft) {
    // (table, row) → (column, text, paragraph) of each cell paragraph.
    type Cells = Vec<(usize, String, usize)>;
    let mut rows: std::collections::BTreeMap<(usize, usize), Cells> = Default::default();
    for &b in body {
        if let Some(c) = paras[b].cell {
            rows.entry((c.table, c.row)).or_default().push((c.column, paras[b].text.clone(), b));
        }
    }
    let mut header: Vec<String> = Vec::new();
    for (_, cells) in rows {
        let col = |n: usize| cells.iter().filter(|c| c.0 == n).map(|c| c.1.as_str()).collect::<Vec<_>>().join(" ");
        let width = cells.iter().map(|c| c.0).max().unwrap_or(0);
        if header.is_empty() {
            header = (1..=width).map(|n| crate::import::paragraph::fold(&col(n))).collect();
            continue;
        }
        let Ok(number) = col(1).trim().parse::<usize>() else { continue };
        let at = cells[0].2;
        let text_col = header.iter().position(|h| h == "chi tieu").map(|p| p + 1);
        let lead_col = header.iter().position(|h| h.contains("chu tri")).map(|p| p + 1);
        let support_col = header.iter().position(|h| h.contains("phoi hop")).map(|p| p + 1);
        let leads: Vec<String> = lead_col.map(|c| split_names(&col(c))).unwrap_or_default();
        let supports: Vec<String> = support_col.map(|c| split_names(&col(c))).unwrap_or_default();
        // Leads known from part IV: the table writes their short forms, in order.
        let known: Vec<String> = d.indicator_mut(number).map(|i| i.lead.clone()).unwrap_or_default();
        if known.len() == leads.len() {
            for (id, written) in known.iter().zip(&leads) {
                let unnamed = d.agencies.iter().any(|a| &a.id == id && a.name.text != *written && a.short.is_none());
                if unnamed {
                    d.set_short(id, written);
                }
            }
        }
        let lead_ids: Vec<String> = leads.iter().map(|n| short_or_new(d, n, at)).collect();
        let support_ids: Vec<String> = supports.iter().map(|n| short_or_new(d, n, at)).collect();
        let what = text_col.map(col);
        if let Some(ind) = d.indicator_mut(number) {
            // The table names what is measured; the sentence adds "đạt …" / "xuống …":
            // the plan's text is the table's, and the verb is printed from the direction.
            if let Some(what) = what.as_deref().filter(|w| !w.is_empty()) {
                let verb = ind
                    .reading
                    .text
                    .strip_prefix(what)
                    .and_then(|r| r.strip_suffix("{target}"))
                    .map(|v| v.trim().to_string());
                if let Some(verb) = verb.filter(|v| !v.is_empty() && !v.contains("{target}")) {
                    let falls = what.to_lowercase().starts_with("giảm") || what.to_lowercase().starts_with("dưới");
                    ind.reading.text = what.to_string();
                    ind.reading.decrease = verb.starts_with("xuống") && !falls;
                    let default = if falls || ind.reading.decrease { "xuống" } else { "đạt" };
                    ind.reading.verb = (verb != default).then(|| verb.to_string());
                }
            }
            if ind.lead.is_empty() {
                ind.lead = lead_ids;
            }
            ind.support = support_ids;
        }
    }
}

fn split_names(text: &str) -> Vec<String> {
    text.split(';').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// The agency a table names by its short form or name; a short form is learnt
/// when it abbreviates a known name ("Sở LĐTBXH" for "Sở Lao động - Thương binh và Xã hội").
fn short_or_new(d: &mut Draft, written: &str, at: usize) -> String {
    if let Some(id) = d.agency_named(written) {
        return id;
    }
    let abbreviated =
        d.agencies.iter().find(|a| a.short.is_none() && abbreviates(written, &a.name.text)).map(|a| a.id.clone());
    if let Some(id) = abbreviated {
        d.set_short(&id, written);
        return id;
    }
    d.agency(written, at)
}

/// "Sở LĐTBXH" abbreviates "Sở Lao động - Thương binh và Xã hội": a word in
/// capitals stands for the initials of as many words of the name ("và" aside),
/// any other word for itself.
fn abbreviates(short: &str, name: &str) -> bool {
    let words: Vec<String> =
        name.split([' ', ',']).filter(|w| !w.is_empty() && *w != "-" && *w != "và").map(str::to_lowercase).collect();
    let mut at = 0;
    for token in short.split(' ').filter(|t| !t.is_empty()) {
        let letters: Vec<char> = token.chars().collect();
        if letters.len() >= 2 && token.chars().all(|c| c.is_uppercase()) {
            for c in letters {
                match words.get(at).and_then(|w| w.chars().next()) {
                    Some(first) if first.to_uppercase().eq(std::iter::once(c)) => at += 1,
                    _ => return false,
                }
            }
        } else if words.get(at).map(String::as_str) == Some(token.to_lowercase().as_str()) {
            at += 1;
        } else {
            return false;
        }
    }
    at > 0
}

/// A căn cứ line split where another căn cứ starts after a ";" (two run together
/// by a copy that lost the line break), each part with its own punctuation.
fn joined_bases(line: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("; Căn cứ ") {
        parts.push(&rest[..at + 1]);
        rest = &rest[at + 2..];
    }
    parts.push(rest);
    parts
}

/// A decision's body from after its title: summary, authority, căn cứ, articles,
/// then its Nơi nhận and signature. Returns the index after them.
pub fn decision(paras: &[Paragraph], mut i: usize, dec: &mut Decision, d: &mut Draft) -> usize {
    if i < paras.len() && !is_capitals(&paras[i].text) {
        let mut summary = Val::new(paras[i].text.clone(), i);
        i += 1;
        // A centred line goes on the summary; a căn cứ (a decision without its
        // authority line) or an article never does.
        while i < paras.len()
            && paras[i].centered
            && !is_capitals(&paras[i].text)
            && !is_rule(&paras[i].text)
            && !crate::import::paragraph::opens_basis(&paras[i].text)
            && !ARTICLE.is_match(&paras[i].text)
        {
            summary.text = format!("{} {}", summary.text, paras[i].text);
            summary.from.push(i);
            i += 1;
        }
        dec.summary = Some(summary);
    }
    while i < paras.len() && is_rule(&paras[i].text) {
        i += 1;
    }
    // The authority, on one line or more ("CHỦ TỊCH ỦY BAN NHÂN DÂN" / "TỈNH VĨNH LONG").
    let authority = |p: &Paragraph| is_capitals(&p.text) && !is_kind_line(p.text.trim_end_matches(':'));
    if i < paras.len() && authority(&paras[i]) {
        let mut lines = Val::new(paras[i].text.trim().to_string(), i);
        i += 1;
        while i < paras.len() && authority(&paras[i]) {
            lines.text = format!("{} {}", lines.text, paras[i].text.trim());
            lines.from.push(i);
            i += 1;
        }
        lines.text = super::header::organisation_case(&lines.text);
        dec.authority = Some(lines);
    }
    // Căn cứ, the Tờ trình and "QUYẾT ĐỊNH:" up to Điều 1. A paragraph that is none
    // of them (a title line not read as one) is kept after the bases read so far,
    // as written: nothing before Điều 1 is dropped.
    let end = start(paras, i);
    let mut unpunctuated = false;
    let mut kept = false;
    // Each line as written, but "QUYẾT ĐỊNH:" joined to the Tờ trình in plain text.
    let written = |k: usize| {
        let t = paras[k].text.trim();
        match t.strip_suffix("QUYẾT ĐỊNH:").map(str::trim_end) {
            Some(before) if before.ends_with(['.', ';']) => before,
            _ => t,
        }
    };
    // Each base and the proposal as written, for when they keep their own punctuation.
    let (mut bases_written, mut proposal_written) = (Vec::new(), None);
    while i < end && !ARTICLE.is_match(&paras[i].text) {
        let t = written(i);
        let k = crate::import::paragraph::fold(t);
        if k.starts_with("can cu") {
            // Two căn cứ run together on one line ("…năm 2015; Căn cứ Luật …") are two.
            for part in joined_bases(t) {
                unpunctuated |= !part.ends_with([';', '.']);
                dec.bases.push(Val::new(part.trim_end_matches([';', '.']).trim_end().to_string(), i));
                bases_written.push(part.to_string());
            }
        } else if crate::import::paragraph::opens_basis(t) && dec.proposal.is_none() {
            unpunctuated |= !t.ends_with([';', '.']);
            dec.proposal = Some(Val::new(t.trim_end_matches([';', '.']).trim_end().to_string(), i));
            proposal_written = Some(t.to_string());
        } else if super::header::kind_of(t.trim_end_matches(':')) == Some("quyet-dinh") {
            // "QUYẾT ĐỊNH:", which the render writes itself.
        } else if !t.is_empty() && !is_rule(t) {
            // After the Tờ trình: that goes among the bases too, so the two print in their order.
            if let Some(p) = dec.proposal.take() {
                dec.bases.push(p);
                bases_written.extend(proposal_written.take());
            }
            kept = true;
            dec.bases.push(Val::new(t.to_string(), i));
            bases_written.push(t.to_string());
            d.note(NoteKind::KeptAsText, "import.decision-text", Some(i), "");
        }
        i += 1;
    }
    dec.punctuate = !unpunctuated && !kept;
    if !dec.punctuate {
        // Kept as written: the lines keep their own punctuation.
        for (b, text) in dec.bases.iter_mut().zip(bases_written) {
            b.text = text;
        }
        if let (Some(p), Some(text)) = (dec.proposal.as_mut(), proposal_written) {
            p.text = text;
        }
    }
    for (k, p) in paras.iter().enumerate().take(end).skip(i) {
        let t = &p.text;
        match ARTICLE.captures(t) {
            Some(c) => dec.articles.push(Val::new(c[2].trim_end_matches("./.").to_string(), k)),
            // An article's further paragraphs (the first paragraph here is Điều 1).
            None => {
                if let Some(a) = dec.articles.last_mut() {
                    a.text = format!(
                        "{}\n\n{}",
                        a.text,
                        super::body::md_text(t.trim_end_matches("./."), &Default::default())
                    );
                    a.from.push(k);
                }
            }
        }
    }
    read(paras, end, d)
}

#[cfg(test)]
mod tests {
    #[test]
    fn knows_a_website_s_lines_from_a_plan_s() {
        for web in ["Nguồn tra cứu: vanban.phaplyvn.com", "https://thuvienphapluat.vn/van-ban/abc", "quangninh.gov.vn"]
        {
            assert!(super::is_website_line(web), "{web}");
        }
        for own in ["Sở Y tế.", "Nguồn: ngân sách tỉnh", "Trên đây là Kế hoạch…", "Lưu: VT, KGVX."]
        {
            assert!(!super::is_website_line(own), "{own}");
        }
    }
}
