//! The one shape every reader gives: the document's paragraphs in reading order.

use crate::vi::text::to_nfc;

/// Where a paragraph sits in a table (the header block is often one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cell {
    pub table: usize,
    pub row: usize,
    pub column: usize,
}

/// One paragraph of the source, with what its reader could tell of its look.
#[derive(Clone, Debug, Default)]
pub struct Paragraph {
    /// NFC, one space between words, trimmed; a manual line break is "\n".
    pub text: String,
    /// Heading level from the source's own markup (a Word heading style or
    /// outline level, a "##" in text): 1 = part.
    pub heading: Option<u8>,
    pub centered: bool,
    /// Every run bold.
    pub bold: bool,
    pub italic: bool,
    pub cell: Option<Cell>,
    /// A footnote's text, not the body's.
    pub footnote: bool,
    /// Where a person finds it: the line of a text file, the page of a PDF, the
    /// paragraph of a Word file as the NĐ 30 findings count them (empty ones too).
    pub line: Option<usize>,
    pub page: Option<usize>,
    pub number: Option<usize>,
    /// A PDF page's first paragraph whose first line starts at the margin: it may
    /// go on from the previous page.
    pub flush: bool,
}

impl Paragraph {
    pub fn new(text: &str) -> Self {
        Paragraph { text: clean(text), ..Paragraph::default() }
    }
}

/// A line run on from the one before: joined by a space, except after a hyphen
/// inside a word or code ("3740/KH-" + "UBND", "2021-" + "2025"), which a line
/// break does not split. A dash between spaces ("Lao động -") keeps its space.
pub fn join_line(head: &str, tail: &str) -> String {
    let head = head.trim_end();
    let in_word = head.strip_suffix('-').is_some_and(|h| h.ends_with(|c: char| !c.is_whitespace()));
    if in_word {
        clean(&format!("{head}{}", tail.trim_start()))
    } else {
        clean(&format!("{head} {tail}"))
    }
}

/// NFC, no control characters, literal "\r\n" written out as text (damaged
/// exports) read as breaks, and "\n" too where there are several (one or two
/// are a folder's name: "D:\new\nam2023"), runs of spaces as one.
pub fn clean(raw: &str) -> String {
    let raw = raw.replace("\\r\\n", "\n");
    let raw = if raw.matches("\\n").count() >= 3 { raw.replace("\\n", "\n") } else { raw };
    let raw = raw.replace(['\u{2060}', '\u{feff}', '\u{ad}', '\u{200b}'], "");
    let nfc = to_nfc(&raw);
    let mut out = String::with_capacity(nfc.len());
    for line in nfc.split('\n') {
        let mut words = line.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty());
        let Some(first) = words.next() else { continue };
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(first);
        for w in words {
            out.push(' ');
            out.push_str(w);
        }
    }
    out
}

/// A list's bullet: "•" and its kin, or a Symbol font's private-use glyph.
pub fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '◦' | '▪' | '●')
        || ('\u{e000}'..='\u{f8ff}').contains(&c) && c != crate::import::NOTE_OPEN && c != crate::import::NOTE_CLOSE
}

/// "• " and private-use bullets as the dash a plan writes.
pub fn dash_bullet(text: &str) -> String {
    let t = text.trim_start();
    match t.chars().next() {
        Some(c) if is_bullet(c) => format!("- {}", t[c.len_utf8()..].trim_start()),
        _ => text.to_string(),
    }
}

pub use crate::vi::text::fold;

/// "Căn cứ …", "Theo đề nghị …", "Xét đề nghị …": the paragraphs before a
/// decision's articles open so (the proposal: any but a căn cứ).
pub fn opens_basis(text: &str) -> bool {
    let k = fold(text.trim());
    ["can cu", "theo de nghi", "xet de nghi"].iter().any(|p| k.starts_with(p))
}

/// A line that starts a paragraph of a decision's preamble, after a line ending
/// `before`: a base or the proposal; after a ";" (a base's end, never a sentence's)
/// also a "Thực hiện …" / "Xét …" line between them.
pub fn opens_preamble_line(text: &str, before: char) -> bool {
    let k = fold(text.trim());
    opens_basis(text) || before == ';' && ["thuc hien ", "xet "].iter().any(|p| k.starts_with(p))
}

/// The text as one line (a manual break read as a space).
pub fn flat(text: &str) -> String {
    text.replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_for_matching() {
        assert_eq!(fold("Nơi nhận: TỔ CHỨC THỰC HIỆN Đề"), "noi nhan: to chuc thuc hien de");
    }

    #[test]
    fn a_line_break_after_a_hyphen_in_a_code_adds_no_space() {
        assert_eq!(join_line("Kế hoạch số 3740/KH-", "UBND ngày"), "Kế hoạch số 3740/KH-UBND ngày");
        assert_eq!(join_line("giai đoạn 2021-", " 2025"), "giai đoạn 2021-2025");
        assert_eq!(join_line("Bộ Lao động -", "Thương binh"), "Bộ Lao động - Thương binh");
        assert_eq!(join_line("tỷ lệ", "trẻ em"), "tỷ lệ trẻ em");
    }

    #[test]
    fn cleans_spaces_controls_and_literal_breaks() {
        assert_eq!(clean("  Số:\t93 /KH-UBND  "), "Số: 93 /KH-UBND");
        assert_eq!(clean("a\\r\\nb"), "a\nb");
        assert_eq!(clean(r"Lưu tại D:\new\nam2023 trên máy"), r"Lưu tại D:\new\nam2023 trên máy");
        assert_eq!(clean(r"a:\nI. b\n- c\n- d"), "a:\nI. b\n- c\n- d");
        assert_eq!(clean("x\u{2060}/\u{2060}y"), "x/y");
        assert_eq!(clean("\n\n"), "");
    }
}
