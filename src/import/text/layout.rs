//! Text laid out as on its pages (`pdftotext -layout`, a copy from some PDF
//! viewers): form feeds between pages, page numbers, the header's and the
//! signature's two columns side by side on one line, paragraphs known by their
//! first line's indent. Read into the paragraphs a text file of the same
//! document would give: each column's lines in turn, left then right.

use super::starts_item;
use crate::import::paragraph::{clean, join_line, Paragraph};
use crate::import::recognise::header::side_by_side;
use crate::import::{NOTE_CLOSE, NOTE_OPEN};

/// Spaces between two columns on one line (a justified line has at most two
/// between words).
const GAP: usize = 3;
/// A right column starts at least this far in: "1.   Mục đích" is a list item.
const RIGHT_FROM: usize = 24;

/// Text at the column (or, in a block, the line) it starts at.
type Piece<'a> = (usize, &'a str);

/// One line of a page.
#[derive(Clone, Debug)]
struct Line<'a> {
    /// 1-based, in the file.
    number: usize,
    page: usize,
    indent: usize,
    /// Trimmed.
    text: &'a str,
}

impl<'a> Line<'a> {
    fn end(&self) -> usize {
        self.indent + self.text.chars().count()
    }

    /// Where the words start, after a list mark: "•    Tăng cường" → the "T".
    fn text_start(&self) -> usize {
        let first = self.text.split(' ').next().unwrap_or("");
        let mark = matches!(first, "-" | "+" | "•" | "*" | "–" | "")
            || (first.chars().count() <= 5
                && first.ends_with(['.', ')'])
                && first[..first.len() - 1].chars().all(|c| c.is_ascii_digit() || c.is_alphabetic()));
        if !mark {
            return self.indent;
        }
        let rest = &self.text[first.len()..];
        self.indent + first.chars().count() + rest.chars().take_while(|c| *c == ' ').count()
    }

    /// Text between runs of `GAP` spaces, with the column each starts at.
    fn segments(&self) -> Vec<Piece<'a>> {
        let mut out = Vec::new();
        let mut start: Option<(usize, usize)> = None; // (column, byte)
        let mut spaces = 0;
        for (col, (byte, c)) in (self.indent..).zip(self.text.char_indices()) {
            if c == ' ' {
                spaces += 1;
            } else {
                if spaces >= GAP {
                    if let Some((sc, sb)) = start.take() {
                        out.push((sc, self.text[sb..byte].trim_end()));
                    }
                }
                if start.is_none() {
                    start = Some((col, byte));
                }
                spaces = 0;
            }
        }
        if let Some((sc, sb)) = start {
            out.push((sc, self.text[sb..].trim_end()));
        }
        out
    }

    /// Two columns: a left text and a right one well inside the page, the left
    /// not a bare list mark.
    fn columns(&self) -> Option<(Piece<'a>, Piece<'a>)> {
        if let Some((left, right)) = side_by_side(self.text) {
            return Some((
                (self.indent, left),
                (self.indent + self.text[..self.text.len() - right.len()].chars().count(), right),
            ));
        }
        let s = self.segments();
        if s.len() != 2 || s[1].0 < RIGHT_FROM {
            return None;
        }
        let left = s[0].1;
        let bare_mark = left.chars().count() <= 4 && !left.chars().any(char::is_alphabetic)
            || matches!(left.chars().count(), 1..=5) && left.ends_with(['.', ')']) && !left.contains(' ');
        (!bare_mark).then_some((s[0], s[1]))
    }
}

/// Whether a text was laid out as on its pages: pages separated by form feeds,
/// or the header's two columns on its first lines.
pub fn is_laid_out(text: &str) -> bool {
    if text.contains('\u{c}') {
        return true;
    }
    let lines = lines(text);
    lines.iter().take(12).filter(|l| l.columns().is_some()).count() >= 2
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut page = 1;
    for (n, raw) in text.split('\n').enumerate() {
        let mut raw = raw.trim_end_matches('\r');
        while let Some(rest) = raw.strip_prefix('\u{c}') {
            page += 1;
            raw = rest;
        }
        // A form feed ends a page; pdftotext writes one after the last page too.
        let ends_page = raw.ends_with('\u{c}');
        let raw = raw.trim_end_matches('\u{c}');
        let indent = raw.chars().take_while(|c| *c == ' ').count();
        out.push(Line { number: n + 1, page, indent, text: raw.trim() });
        if ends_page {
            page += 1;
        }
    }
    out
}

/// A page number alone on a line: "2", "- 2 -", "Trang 2" (centred by `-layout`,
/// at the margin in pdftotext's plain mode).
fn is_page_number(l: &Line) -> bool {
    let digits = |t: &str| (1..=4).contains(&t.len()) && t.chars().all(|c| c.is_ascii_digit());
    let t = l.text;
    digits(t)
        || t.strip_prefix("Trang ").is_some_and(digits)
        || ["-", "–"]
            .iter()
            .any(|d| t.strip_prefix(d).and_then(|r| r.strip_suffix(d)).is_some_and(|n| digits(n.trim())))
}

/// The lines without page numbers: a page's first or last line that is only a number.
fn without_page_numbers(mut lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
    let pages = lines.last().map_or(0, |l| l.page);
    if pages < 2 {
        return lines;
    }
    let mut drop = vec![false; lines.len()];
    for page in 1..=pages {
        let on_page: Vec<usize> =
            (0..lines.len()).filter(|&i| lines[i].page == page && !lines[i].text.is_empty()).collect();
        for &i in on_page.first().into_iter().chain(on_page.last()) {
            drop[i] |= is_page_number(&lines[i]);
        }
    }
    let mut k = 0;
    lines.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
    lines
}

/// A footnote at the foot of its page: its number, the line it starts on, its text.
struct Note {
    number: u32,
    line: usize,
    text: String,
}

/// Footnotes at the foot of their pages, taken out of the lines: the note's
/// number alone on a line (it is set raised), then its text to the page's end
/// or the next note. Numbers run on from 1 through the document.
fn take_footnotes(lines: &mut Vec<Line<'_>>) -> Vec<Note> {
    let mut notes: Vec<Note> = Vec::new();
    let mut taken = vec![false; lines.len()];
    let mut i = 1;
    while i < lines.len() {
        let expected = notes.last().map_or(1, |n| n.number + 1);
        let l = &lines[i];
        let starts = l.indent < 10
            && l.text.parse::<u32>().ok() == Some(expected)
            && lines[..i].iter().rev().find(|p| !p.text.is_empty()).is_some_and(|p| p.page == l.page)
            && lines.get(i + 1).is_some_and(|n| n.page == l.page && !n.text.is_empty());
        if !starts {
            i += 1;
            continue;
        }
        let mut text = String::new();
        taken[i] = true;
        let mut k = i + 1;
        while k < lines.len() && lines[k].page == l.page && lines[k].text.parse::<u32>().ok() != Some(expected + 1) {
            text.push(' ');
            text.push_str(lines[k].text);
            taken[k] = true;
            k += 1;
        }
        notes.push(Note { number: expected, line: l.number, text: clean(&text) });
        i = k;
    }
    let mut k = 0;
    lines.retain(|_| {
        k += 1;
        !taken[k - 1]
    });
    notes
}

/// The note's mark in the text before it: its number set right after a word
/// ("gồm1:"), the nearest one back. Marked as a reference; false if none is found.
fn mark_reference(paras: &mut [Paragraph], note: &Note) -> bool {
    let number = note.number.to_string();
    for p in paras.iter_mut().rev().filter(|p| p.line.is_some_and(|l| l < note.line)) {
        let text = &p.text;
        let found = text.rmatch_indices(number.as_str()).find(|(at, _)| {
            let before = text[..*at].chars().next_back();
            let after = text[at + number.len()..].chars().next();
            before.is_some_and(|c| c.is_alphabetic() || matches!(c, ')' | '”' | '"'))
                && after.is_none_or(|c| c.is_whitespace() || matches!(c, ':' | ';' | ',' | '.' | ')' | '”'))
        });
        if let Some((at, _)) = found {
            p.text = format!("{}{NOTE_OPEN}{number}{NOTE_CLOSE}{}", &text[..at], &text[at + number.len()..]);
            return true;
        }
    }
    false
}

/// A block of lines in two columns from `start`: its end, and its lines by
/// column (left, right), each with the line it came from.
struct Columns<'a> {
    end: usize,
    groups: Vec<(Vec<Piece<'a>>, Vec<Piece<'a>>)>,
}

fn column_block<'a>(lines: &[Line<'a>], start: usize) -> Option<Columns<'a>> {
    let ((_, first_left), (right_from, first_right)) = lines[start].columns()?;
    let mut right_from = right_from;
    let mut left_to = lines[start].indent + first_left.chars().count();
    let mut groups = vec![(vec![(start, first_left)], vec![(start, first_right)])];
    let mut i = start + 1;
    while i < lines.len() && lines[i].page == lines[start].page {
        let l = &lines[i];
        if l.text.is_empty() {
            // Blank lines inside the block separate its rows; after its last row they end it.
            let next = (i..lines.len()).find(|&k| !lines[k].text.is_empty());
            match next {
                Some(k) if lines[k].page == l.page && lines[k].columns().is_some() => {
                    groups.push((Vec::new(), Vec::new()));
                    i = k;
                    continue;
                }
                _ => break,
            }
        }
        let group = groups.last_mut().expect("one group at least");
        if let Some(((_, left), (col, right))) = l.columns() {
            right_from = right_from.min(col);
            left_to = left_to.max(l.indent + left.chars().count());
            group.0.push((i, left));
            group.1.push((i, right));
        } else if l.segments().len() > 1 || crate::import::recognise::header::is_kind_line(l.text) {
            // "KẾ HOẠCH" right under the header, where only a text's first lines were
            // laid out in columns (copied from a PDF viewer): the document starts.
            break;
        } else if l.indent > left_to && l.indent + 12 >= right_from {
            group.1.push((i, l.text));
        } else if l.end() <= right_from {
            group.0.push((i, l.text));
        } else {
            break;
        }
        i += 1;
    }
    Some(Columns { end: i, groups })
}

/// Where each page's lines end when they run the full width. A page of its own
/// width: a landscape table in an appendix runs wider than the portrait text, and
/// a title on a portrait page is centred within that page's lines.
struct Widths {
    whole: usize,
    /// Page → width, for the pages with enough full lines to say.
    pages: std::collections::BTreeMap<usize, usize>,
}

impl Widths {
    fn of(lines: &[Line]) -> Self {
        // The end most full lines reach (a few run further: a table row, a long URL).
        fn usual(mut ends: Vec<usize>) -> Option<usize> {
            ends.sort_unstable();
            ends.get(ends.len().saturating_sub(1) * 9 / 10).copied()
        }
        let full = || lines.iter().filter(|l| l.text.chars().count() >= 20);
        let mut by_page: std::collections::HashMap<usize, Vec<usize>> = std::collections::HashMap::new();
        for l in full() {
            by_page.entry(l.page).or_default().push(l.end());
        }
        let pages = by_page
            .into_iter()
            // Too few lines to say: see `at`.
            .filter(|(_, ends)| ends.len() >= 8)
            .filter_map(|(page, ends)| Some((page, usual(ends)?)))
            .collect();
        Widths { whole: usual(full().map(Line::end).collect()).unwrap_or(80), pages }
    }

    /// A page with too few full lines to say (a signature page) is taken as wide as
    /// the nearest page that has them, before it if two are as near.
    /// (Asked for every line: two lookups, not a scan of the pages.)
    fn at(&self, page: usize) -> usize {
        let before = self.pages.range(..=page).next_back();
        let after = self.pages.range(page..).next();
        let nearest = match (before, after) {
            (Some((b, wb)), Some((a, wa))) => Some(if page - b <= a - page { wb } else { wa }),
            (one, other) => one.or(other).map(|(_, w)| w),
        };
        nearest.copied().unwrap_or(self.whole)
    }
}

/// The line under "- Lưu: VT, KGVX.", or under an ended entry when it is a mark
/// in the decree's form ("PL.(300)"), is the drafter's mark: its own line.
fn drafters_mark(entry: &str, line: &str) -> bool {
    let archive = entry.starts_with("- Lưu") && entry.ends_with('.');
    archive || (entry.ends_with([';', '.']) && crate::model::is_drafter_mark(line))
}

/// A line is centred: as much room on its left as on its right.
fn centred(l: &Line, width: usize) -> bool {
    let right = width.saturating_sub(l.end());
    l.indent >= 2 && l.indent.abs_diff(right) <= 4.max((l.indent + right) / 4)
}

/// The paragraphs of a text laid out as on its pages.
pub fn read(text: &str) -> Vec<Paragraph> {
    let mut lines = without_page_numbers(lines(text));
    let notes = take_footnotes(&mut lines);
    let widths = Widths::of(&lines);
    let mut out: Vec<Paragraph> = Vec::new();
    let paragraph = |text: &str, line: &Line| {
        let mut p = Paragraph::new(text);
        p.line = Some(line.number);
        p
    };
    // The previous line of the open paragraph, if one is open.
    let mut open: Option<usize> = None;
    let mut in_recipients = false;
    let mut i = 0;
    while i < lines.len() {
        let l = &lines[i];
        let width = widths.at(l.page);
        if l.text.is_empty() {
            // Blank lines around a page break (where its page number was) do not end a paragraph.
            let next = lines[i..].iter().find(|n| !n.text.is_empty());
            if open.is_none_or(|p| next.is_none_or(|n| n.page <= lines[p].page)) {
                open = None;
            }
            i += 1;
            continue;
        }
        if let Some(block) = column_block(&lines, i) {
            for (left, right) in &block.groups {
                // A wrapped recipient goes on its own line; header lines stay apart.
                let mut in_item = false;
                for &(k, t) in left {
                    let item = starts_item(t);
                    match out.last_mut() {
                        Some(last)
                            if in_item
                                && !item
                                && !drafters_mark(&last.text, t)
                                && !crate::import::recognise::header::is_rule(t) =>
                        {
                            last.text = clean(&format!("{} {t}", last.text))
                        }
                        _ => out.push(paragraph(t, &lines[k])),
                    }
                    in_item |= item;
                }
                for &(k, t) in right {
                    out.push(paragraph(t, &lines[k]));
                }
            }
            open = None;
            i = block.end;
            continue;
        }
        // A dash entry not yet ended by ";" or "." goes on whatever the width; under
        // Nơi nhận every entry opens with its dash, so any other line goes on one
        // (an entry wrapped in its narrow column, "…; Y tế;" / "Giáo dục và Đào tạo;").
        let entry = out.last().is_some_and(|p| p.text.starts_with(['-', '+', '–']));
        let unfinished = entry && out.last().is_some_and(|p| !p.text.ends_with([';', '.', ':', '!', '?']))
            || entry && in_recipients && !crate::import::recognise::header::is_capitals(l.text);
        let goes_on = open.is_some_and(|p| {
            let prev = &lines[p];
            let indented = l.indent >= prev.text_start() + 3 && !centred(l, width);
            // An appendix's label starts its own page, never the end of the signature's;
            // a rule (the footnotes' "______") never goes on the last recipient.
            let apart = crate::import::paragraph::fold(l.text).starts_with("phu luc")
                || crate::import::recognise::header::is_rule(l.text);
            // A decision's bases, one a paragraph: "…năm 2015;" / "Căn cứ Luật …"
            // (or "Thực hiện …", "Xét …" between them).
            let next_basis = prev.text.chars().next_back().filter(|c| matches!(c, ';' | '.')).is_some_and(|end| {
                l.text.starts_with(char::is_uppercase) && crate::import::paragraph::opens_preamble_line(l.text, end)
            });
            (prev.end() + 20 >= widths.at(prev.page) || unfinished)
                && !starts_item(l.text)
                && !next_basis
                && !indented
                && !apart
                && prev.page + 1 >= l.page
        });
        in_recipients =
            (in_recipients || l.text.starts_with("Nơi nhận")) && !crate::import::recognise::header::is_capitals(l.text);
        match out.last_mut() {
            Some(last) if goes_on => last.text = join_line(&last.text, l.text),
            _ => {
                let mut p = paragraph(l.text, l);
                p.centered = centred(l, width) && l.indent >= 4;
                out.push(p);
            }
        }
        open = Some(i);
        i += 1;
    }
    // Each note after the body, as a DOCX keeps them; a note without a mark stays text.
    let mut unmarked = Vec::new();
    for note in notes {
        let mut p = Paragraph::new(&note.text);
        p.line = Some(note.line);
        if mark_reference(&mut out, &note) {
            p.text = format!("{NOTE_OPEN}{}{NOTE_CLOSE}{}", note.number, p.text);
            p.footnote = true;
            out.push(p);
        } else {
            p.text = format!("{} {}", note.number, p.text);
            unmarked.push(p);
        }
    }
    out.extend(unmarked);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(ps: &[Paragraph]) -> Vec<&str> {
        ps.iter().map(|p| p.text.as_str()).collect()
    }

    const PAGE: &str = "     ỦY BAN NHÂN DÂN               CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
       TỈNH SƠN LA                          Độc lập - Tự do - Hạnh phúc

       Số: 93/KH-UBND                     Sơn La, ngày 03 tháng 4 năm 2023

                                KẾ HOẠCH
  Thực hiện công tác bảo vệ, chăm sóc trẻ em trên địa bàn tỉnh Sơn La năm
                                   2023
       Thực hiện Công văn số 636/LĐTBXH-TE ngày 28/02/2023 của Bộ Lao
động - Thương binh và Xã hội về hướng dẫn thực hiện công tác trẻ em năm 2023
và căn cứ Thông tư số 13/2021/TT-BLĐTBXH ngày 30/9/2021 của Bộ Lao động -
Thương binh và Xã hội ban hành Bộ chỉ tiêu thống kê về tình hình trẻ em.
      I. MỤC TIÊU
       - Tăng cường sự lãnh đạo, chỉ đạo của các cấp ủy Đảng, chính quyền; sự
phối hợp giữa các tổ chức đoàn thể.
\u{c}                                         2

       Trên đây là nội dung Kế hoạch thực hiện công tác bảo vệ, chăm sóc trẻ em
của tỉnh Sơn La năm 2023, các Sở, ban, ngành, địa phương triển khai thực hiện
tốt nội dung Kế hoạch này, báo cáo kết quả theo quy định của Ủy ban nhân dân
       Các sở báo cáo./.

Nơi nhận:                                 TM. ỦY BAN NHÂN DÂN
- Bộ Lao động - TBXH;                         KT. CHỦ TỊCH
- Chủ tịch UBND tỉnh Cao Tường Huy; (báo
cáo);
                                       PHÓ CHỦ TỊCH THƯỜNG TRỰC
- Lưu: VT, KGVX, Phương.



                                                 Tráng Thị Xuân
\u{c}";

    #[test]
    fn columns_page_numbers_and_indented_paragraphs() {
        assert!(is_laid_out(PAGE));
        let p = read(PAGE);
        assert_eq!(
            texts(&p),
            [
                "ỦY BAN NHÂN DÂN",
                "TỈNH SƠN LA",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "Số: 93/KH-UBND",
                "Sơn La, ngày 03 tháng 4 năm 2023",
                "KẾ HOẠCH",
                "Thực hiện công tác bảo vệ, chăm sóc trẻ em trên địa bàn tỉnh Sơn La năm 2023",
                "Thực hiện Công văn số 636/LĐTBXH-TE ngày 28/02/2023 của Bộ Lao động - Thương binh và Xã hội về \
                 hướng dẫn thực hiện công tác trẻ em năm 2023 và căn cứ Thông tư số 13/2021/TT-BLĐTBXH ngày \
                 30/9/2021 của Bộ Lao động - Thương binh và Xã hội ban hành Bộ chỉ tiêu thống kê về tình hình trẻ em.",
                "I. MỤC TIÊU",
                "- Tăng cường sự lãnh đạo, chỉ đạo của các cấp ủy Đảng, chính quyền; sự phối hợp giữa các tổ chức đoàn thể.",
                "Trên đây là nội dung Kế hoạch thực hiện công tác bảo vệ, chăm sóc trẻ em của tỉnh Sơn La năm 2023, \
                 các Sở, ban, ngành, địa phương triển khai thực hiện tốt nội dung Kế hoạch này, báo cáo kết quả theo \
                 quy định của Ủy ban nhân dân",
                "Các sở báo cáo./.",
                "Nơi nhận:",
                "- Bộ Lao động - TBXH;",
                "- Chủ tịch UBND tỉnh Cao Tường Huy; (báo cáo);",
                "- Lưu: VT, KGVX, Phương.",
                "TM. ỦY BAN NHÂN DÂN",
                "KT. CHỦ TỊCH",
                "PHÓ CHỦ TỊCH THƯỜNG TRỰC",
                "Tráng Thị Xuân",
            ]
        );
        assert_eq!(p[4].line, Some(4));
        assert!(p[6].centered, "the title is centred");
    }

    #[test]
    fn a_hanging_list_item_and_a_numbered_heading_are_not_columns() {
        let text = " 1.   Mục đích\n •    Tăng cường sự lãnh đạo, chỉ đạo của các cấp ủy Đảng, chính quyền, sự\n      phối hợp giữa các tổ chức đoàn thể.\n";
        assert!(!is_laid_out(text));
        assert_eq!(
            texts(&read(text)),
            ["1. Mục đích", "• Tăng cường sự lãnh đạo, chỉ đạo của các cấp ủy Đảng, chính quyền, sự phối hợp giữa các tổ chức đoàn thể."]
        );
    }

    /// Generated pages of words, numbers, marks, gaps and form feeds: no panic, and
    /// every word without a digit comes out (a number may be a page's or a note's).
    #[test]
    fn no_word_is_lost_on_generated_pages() {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let pieces = [
            "Chỉ", "tiêu", "ỦY", "BAN", "CỘNG", "HÒA", "XÃ", "HỘI", "CHỦ", "NGHĨA", "VIỆT", "NAM", "Độc", "lập", "-",
            "Số:", "ngày", "Sơn", "La,", "1.", "a)", "•", "2", "17", "1.000", "gồm1:", "Nơi", "nhận:", "TM.",
        ];
        let words = |t: &str| {
            let mut w: Vec<String> = t
                .split_whitespace()
                .filter(|w| !w.chars().any(|c| c.is_ascii_digit()))
                .map(|w| w.replace([NOTE_OPEN, NOTE_CLOSE], ""))
                .collect();
            w.sort();
            w
        };
        for _ in 0..2_000 {
            let mut text = String::new();
            for _ in 0..next(40) {
                match next(12) {
                    0 => text.push('\u{c}'),
                    1 => text.push('\n'),
                    2 => text.push_str(&" ".repeat(next(40) as usize)),
                    _ => {
                        text.push_str(pieces[next(pieces.len() as u64) as usize]);
                        text.push(if next(3) == 0 { '\n' } else { ' ' });
                    }
                }
            }
            let out: Vec<String> = read(&text).into_iter().map(|p| p.text).collect();
            assert_eq!(words(&out.join(" ")), words(&text), "{text:?}");
        }
    }

    #[test]
    fn nothing_panics_on_odd_lines() {
        for t in ["", "\u{c}", "\u{c}\u{c}  2\n\u{c}", "a   b   c\n   \n      x", "        5\n\u{c}x", "•   ", "1.   "]
        {
            let _ = read(t);
            let _ = is_laid_out(t);
        }
    }
}
