//! The document model (IR): what both backends lay out, and nothing else.
//!
//! The administrative frame (issuer, motto, số/ký hiệu, place-date, title,
//! signature, Nơi nhận) is structured data; the body is a list of blocks parsed
//! from the Markdown the templates produce. Every fact both backends need —
//! texts, sizes, rule lengths — is here, so DOCX and PDF cannot disagree.

use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct Document {
    /// Title for file metadata ("Kế hoạch 93/KH-UBND …").
    pub title: String,
    /// Fixed timestamp for metadata (ISO 8601), from the plan's date: output is
    /// reproducible. None for an undated draft of no known year: no date at all.
    pub timestamp: Option<String>,
    /// Who issues it (the metadata's author): the issuing body.
    pub author: String,
    /// What it is about (the metadata's subject): the trích yếu.
    pub subject: String,
    /// Prints the framed "DỰ THẢO" mark on page 1.
    pub draft: bool,
    /// Parts, each starting on a new page: a decision, its attached plan, an appendix.
    pub parts: Vec<Part>,
    /// Set on a redline: marked text becomes tracked changes by this author at this date.
    pub revision: Option<Revision>,
}

/// Who made the tracked changes of a redline, and when (ISO 8601): the date
/// given, or the new version's, or none at all (OOXML allows an undated change).
#[derive(Clone, Debug, Serialize)]
pub struct Revision {
    pub author: String,
    pub date: Option<String>,
}

/// A line of text: runs with their emphasis and change marks.
pub type Text = Vec<Inline>;

/// A line of plain text.
pub fn line(s: impl Into<String>) -> Text {
    vec![Inline::plain(s)]
}

#[derive(Clone, Debug, Serialize)]
pub struct Part {
    pub header: Option<Header>,
    pub title: Title,
    pub body: Vec<Block>,
    /// Footnote texts, referenced by `Inline::footnote` (1-based within the part).
    pub footnotes: Vec<Vec<Inline>>,
    pub closing: Option<Closing>,
    /// Page numbers start again at 1 (an appendix: NĐ 30 Phụ lục I III.1).
    pub restart_numbering: bool,
}

/// The two-column header of page 1 (ô 1–4).
#[derive(Clone, Debug, Serialize)]
pub struct Header {
    /// Cơ quan chủ quản in capitals, regular weight, one entry per line (none without one).
    pub parent: Vec<Text>,
    /// Size of the parent's lines (13 pt, or 12 pt for a name too long for its column).
    pub parent_size: f32,
    /// Cơ quan ban hành in capitals, bold, one entry per line.
    pub issuer: Vec<Text>,
    /// Size of the issuer lines (13 pt, or 12 pt for a name too long for its column).
    pub issuer_size: f32,
    /// Length of the rule under the issuer (1/3–1/2 of its longest line).
    pub issuer_rule_mm: f32,
    /// Length of the rule under the motto (= the motto's width).
    pub motto_rule_mm: f32,
    /// "Số: 93/KH-UBND"; absent on an attached plan (NĐ 30 §8).
    pub number: Option<Text>,
    /// "Sơn La, ngày 03 tháng 4 năm 2023", italic; absent on an attached plan.
    pub place_date: Option<Text>,
}

/// Tên loại and trích yếu (ô 5a), or an appendix title.
#[derive(Clone, Debug, Serialize)]
pub struct Title {
    /// "KẾ HOẠCH", "QUYẾT ĐỊNH", or "Phụ lục" for an appendix.
    pub kind: Text,
    /// Trích yếu, bold, centred; may be empty.
    pub summary: Text,
    /// An appendix title in capitals, under "Phụ lục".
    pub subtitle: Option<Text>,
    /// "(Kèm theo Quyết định số …)", italic, for an attached text or appendix.
    pub attached_to: Option<Text>,
    /// Who decides, e.g. "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH VĨNH LONG" (decisions).
    pub authority: Option<Text>,
    /// Length of the short rule under the title block.
    pub rule_mm: f32,
}

#[derive(Clone, Debug, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Block {
    /// An administrative heading, text as printed (numbering included).
    Heading {
        level: HeadingLevel,
        content: Vec<Inline>,
    },
    /// A body paragraph: justified, first-line indent.
    Paragraph {
        content: Vec<Inline>,
    },
    /// A centred bold line ("QUYẾT ĐỊNH:").
    Centered {
        content: Vec<Inline>,
    },
    Table(Table),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HeadingLevel {
    /// "I. MỤC TIÊU": capitals, bold.
    Part,
    /// "1. Mục tiêu chung": bold.
    Clause,
    /// "a) …" with a title: bold italic.
    Point,
}

/// A run of text with its emphasis, or a footnote mark. Serialized as a bare
/// string when it is plain text (most runs): the PDF template then shows it
/// without looking at its fields, which is most of the template's evaluation.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(remote = "Self")]
pub struct Inline {
    pub text: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub bold: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub italic: bool,
    /// The footnote number this mark refers to; `text` is then the number itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub footnote: Option<usize>,
    /// Added or removed text of a comparison: formatted (underlined / struck
    /// through), or, in a redline, a tracked change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mark: Option<Mark>,
    /// Set (by a backend's preparation) on a run that must not break across lines:
    /// a document symbol or a date, see [`unbreakable_spans`].
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub nobreak: bool,
    /// Set (by a backend's preparation) on a web address, see [`web_addresses`].
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub link: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Mark {
    Added,
    Removed,
}

impl Serialize for Inline {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if !self.bold && !self.italic && self.footnote.is_none() && self.mark.is_none() && !self.nobreak && !self.link {
            s.serialize_str(&self.text)
        } else {
            Inline::serialize(self, s)
        }
    }
}

impl Inline {
    pub fn plain(text: impl Into<String>) -> Self {
        Inline {
            text: printable(&text.into()),
            bold: false,
            italic: false,
            footnote: None,
            mark: None,
            nobreak: false,
            link: false,
        }
    }
}

/// Text without control characters (a "\f" written in TOML) and without U+FFFE and
/// U+FFFF, which XML 1.0 forbids: neither a page nor a DOCX can show them, and both
/// outputs must say the same.
pub fn printable(s: &str) -> String {
    // A byte scan first: C0 controls and DEL are single bytes, every C1 control
    // starts with 0xC2 and U+FFFE/U+FFFF with 0xEF (as do a few printable signs,
    // which take the slow path).
    let suspect = s.bytes().any(|b| (b < 0x20 && b != b'\t') || b == 0x7F || b == 0xC2 || b == 0xEF);
    if suspect && s.chars().any(|c| !shown(c)) {
        // A line break in a one-line field separates words: one space, neither nothing
        // (two words glued) nor the spaces around it doubled.
        let mut out = String::with_capacity(s.len());
        let mut pending_space = false;
        for c in s.chars() {
            if c == '\n' || c == '\r' {
                pending_space = true;
                while out.ends_with(' ') {
                    out.pop();
                }
            } else if pending_space && c == ' ' {
                continue;
            } else if shown(c) {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
            }
        }
        out
    } else {
        s.to_string()
    }
}

fn shown(c: char) -> bool {
    c == '\t' || !(c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}')
}

/// Byte ranges of `text` that no line may break inside: document symbols and
/// numbers joined by "/" or "-" ("93/KH-UBND", "13/2021/TT-BLĐTBXH", "423-KH/TU",
/// "05/12/2012", "500/100.000"), an amount with its unit ("18.680.000.000
/// đồng"), and a range ("giai đoạn 2021 - 2030", "10 – 15"). A reader searching a
/// PDF for a symbol finds it only when it is on one line; both backends keep these
/// spans whole.
///
/// The grammar, leftmost and longest: a number `[0-9]+([.,][0-9]+)*` followed either
/// by one or more `[/-]` parts (`[\p{L}0-9]+([.,][\p{L}0-9]+)*`: a "." or "," only
/// between digits or letters, so the punctuation after a symbol stays out), or by
/// " đồng" / " người" and no letter, or by " - ", " – " or "–" and a number.
/// Scanned by hand: a Unicode-aware regex took longer to compile than the whole
/// DOCX to write.
pub fn unbreakable_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut spans = unbreakable_anywhere(text);
    // Not inside a web address ("…/ke-hoach-so-93-kh-ubnd-…"): it is copied as typed.
    let web = web_addresses(text);
    spans.retain(|s| !web.iter().any(|w| s.start < w.end && w.start < s.end));
    spans
}

/// Web addresses in `text` ("https://…", "http://…", "www.…"), without the
/// punctuation after them: copied from a page as typed, so no backend adds a
/// character inside one.
pub fn web_addresses(text: &str) -> Vec<std::ops::Range<usize>> {
    if !text.contains("http") && !text.contains("www.") {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut at = 0;
    for piece in text.split_inclusive(char::is_whitespace) {
        let word = piece.trim_end().trim_start_matches(['(', '"', '“']);
        let lead = piece.len() - piece.trim_start_matches(['(', '"', '“']).len();
        let lower = word.to_ascii_lowercase();
        if ["https://", "http://", "www."].iter().any(|p| lower.starts_with(p)) {
            let address = word.trim_end_matches(['.', ',', ';', ':', ')', '"', '”']);
            if address.len() > 4 {
                out.push(at + lead..at + lead + address.len());
            }
        }
        at += piece.len();
    }
    out
}

fn unbreakable_anywhere(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(offset) = text[from..].find(|c: char| c.is_ascii_digit()) {
        let start = from + offset;
        let number = run_of(text, start, |c| c.is_ascii_digit());
        if let Some(end) = joined_parts(text, number) {
            spans.push(start..end);
            from = end;
        } else if let Some(unit) = [" đồng", " người"].iter().find(|u| text[number..].starts_with(**u)) {
            let end = number + unit.len();
            if !text[end..].chars().next().is_some_and(char::is_alphanumeric) {
                spans.push(start..end);
            }
            from = end;
        } else if let Some(end) = range_end(text, number) {
            spans.push(start..end);
            from = end;
        } else {
            // A match starting at a later digit of this number would end here too.
            from = number;
        }
    }
    spans
}

/// The end of `( [-–] |–)number` at `at`, if it is there.
fn range_end(text: &str, at: usize) -> Option<usize> {
    let dash = [" - ", " – ", "–"].iter().find(|d| text[at..].starts_with(**d))?;
    let from = at + dash.len();
    let end = run_of(text, from, |c| c.is_ascii_digit());
    (end > from).then_some(end)
}

/// The end of `[/-]part` repeated at `at`, if there is at least one.
fn joined_parts(text: &str, mut at: usize) -> Option<usize> {
    let mut end = None;
    while text[at..].starts_with(['/', '-']) {
        let part = run_of(text, at + 1, |c| c.is_alphabetic() || c.is_ascii_digit());
        if part == at + 1 {
            break;
        }
        at = part;
        end = Some(part);
    }
    end
}

/// The end of `unit+([.,]unit+)*` at `at` (`at` itself when no `unit` is there).
fn run_of(text: &str, at: usize, unit: impl Fn(char) -> bool) -> usize {
    let span = |from: usize| from + text[from..].find(|c: char| !unit(c)).unwrap_or(text.len() - from);
    let mut end = span(at);
    if end == at {
        return at;
    }
    while text[end..].starts_with(['.', ',']) {
        let next = span(end + 1);
        if next == end + 1 {
            break;
        }
        end = next;
    }
    end
}

impl Document {
    /// Calls `f` on every line of text of the document, footnotes and table cells included.
    pub fn each_text_mut(&mut self, f: &mut dyn FnMut(&mut Text)) {
        for part in &mut self.parts {
            if let Some(h) = &mut part.header {
                h.parent
                    .iter_mut()
                    .chain(&mut h.issuer)
                    .chain(&mut h.number)
                    .chain(&mut h.place_date)
                    .for_each(&mut *f);
            }
            let t = &mut part.title;
            std::iter::once(&mut t.kind)
                .chain(std::iter::once(&mut t.summary))
                .chain(&mut t.subtitle)
                .chain(&mut t.attached_to)
                .chain(&mut t.authority)
                .for_each(&mut *f);
            for block in &mut part.body {
                match block {
                    Block::Heading { content, .. } | Block::Paragraph { content } | Block::Centered { content } => {
                        f(content)
                    }
                    Block::Table(table) => {
                        table.header.iter_mut().chain(table.rows.iter_mut().flatten()).for_each(&mut *f)
                    }
                }
            }
            part.footnotes.iter_mut().for_each(&mut *f);
            if let Some(c) = &mut part.closing {
                c.recipients.iter_mut().chain(&mut c.authority).chain(std::iter::once(&mut c.name)).for_each(&mut *f);
            }
        }
    }

    /// Every printed line in reading order (frame, title, body, tables row by
    /// row, footnotes, Nơi nhận, signature): what a reader sees, without layout.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut push = |t: &[Inline]| {
            let s = plain_text(t);
            if !s.trim().is_empty() {
                out.push(s);
            }
        };
        for part in &self.parts {
            if let Some(h) = &part.header {
                h.parent.iter().chain(&h.issuer).chain(&h.number).chain(&h.place_date).for_each(|t| push(t));
            }
            let t = &part.title;
            [Some(&t.kind), Some(&t.summary), t.subtitle.as_ref(), t.attached_to.as_ref(), t.authority.as_ref()]
                .into_iter()
                .flatten()
                .for_each(|x| push(x));
            for b in &part.body {
                match b {
                    Block::Heading { content, .. } | Block::Paragraph { content } | Block::Centered { content } => {
                        push(content)
                    }
                    Block::Table(table) => {
                        for row in std::iter::once(&table.header).chain(&table.rows) {
                            row.iter().for_each(|c| push(c));
                        }
                    }
                }
            }
            part.footnotes.iter().for_each(|f| push(f));
            if let Some(c) = &part.closing {
                c.recipients.iter().chain(&c.authority).for_each(|t| push(t));
                push(&c.name);
            }
        }
        out
    }
}

/// Spaces typed twice (or more) in a line as one, across runs too: the PDF lays
/// a run of spaces out as one, and the DOCX must show the same line.
pub fn single_spaced(text: &mut Text) {
    let mut after_space = false;
    for inline in text.iter_mut() {
        // A footnote's mark stands between the words: the spaces around it are not adjacent.
        if inline.footnote.is_some() {
            after_space = false;
            continue;
        }
        if inline.text.contains("  ") || (after_space && inline.text.starts_with(' ')) {
            let mut out = String::with_capacity(inline.text.len());
            for c in inline.text.chars() {
                if c == ' ' && after_space {
                    continue;
                }
                after_space = c == ' ';
                out.push(c);
            }
            inline.text = out;
        } else if !inline.text.is_empty() {
            after_space = inline.text.ends_with(' ');
        }
    }
}

/// Concatenated text of inlines, for tests and metadata.
pub fn plain_text(content: &[Inline]) -> String {
    content.iter().filter(|i| i.footnote.is_none()).map(|i| i.text.as_str()).collect()
}

#[derive(Clone, Debug)]
pub struct Table {
    /// Relative column widths (they sum to 1).
    pub widths: Vec<f32>,
    pub header: Vec<Vec<Inline>>,
    pub rows: Vec<Vec<Vec<Inline>>>,
}

impl Table {
    /// Whether a row is kept on one page, as "do not split" rows are: a row
    /// estimated taller than [`crate::layout::ROW_KEPT_WHOLE_MAX_PT`] may break
    /// across pages in both backends (typst would cut an unbreakable one off).
    pub fn kept_whole(&self, row: &[Vec<Inline>]) -> bool {
        row.iter().zip(&self.widths).all(|(cell, width)| {
            let text = plain_text(cell);
            crate::layout::cell_height_pt(text.split('\n').map(|l| l.chars().count()), *width)
                <= crate::layout::ROW_KEPT_WHOLE_MAX_PT
        })
    }
}

/// For the PDF template: the table and, row by row, whether it may break.
impl Serialize for Table {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut t = s.serialize_struct("Table", 4)?;
        t.serialize_field("widths", &self.widths)?;
        t.serialize_field("header", &self.header)?;
        t.serialize_field("rows", &self.rows)?;
        t.serialize_field("breakable", &self.rows.iter().map(|r| !self.kept_whole(r)).collect::<Vec<_>>())?;
        t.end()
    }
}

/// The closing block: Nơi nhận on the left, the signature on the right.
#[derive(Clone, Debug, Serialize)]
pub struct Closing {
    /// Items as printed: "- Bộ Lao động - TBXH;" … "- Lưu: VT, KGVX.".
    pub recipients: Vec<Text>,
    /// Quyền hạn and chức vụ lines in capitals ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", …).
    pub authority: Vec<Text>,
    /// The signer's name, bold.
    pub name: Text,
}

#[cfg(test)]
mod tests {
    #[test]
    fn spaces_typed_twice_are_one() {
        let mut t = vec![Inline::plain("Thực hiện  công tác "), Inline::plain(" bảo vệ   trẻ em"), Inline::plain(" ")];
        super::single_spaced(&mut t);
        assert_eq!(plain_text(&t), "Thực hiện công tác bảo vệ trẻ em ");
        let mut blank = vec![Inline::plain("Số: \u{a0}\u{a0}\u{a0}/KH-UBND")];
        super::single_spaced(&mut blank);
        assert_eq!(plain_text(&blank), "Số: \u{a0}\u{a0}\u{a0}/KH-UBND");
    }

    use super::*;

    #[test]
    fn symbols_dates_and_amounts_are_unbreakable() {
        let text =
            "Kế hoạch số 423-KH/TU ngày 12/6/2024, 18.680.000.000 đồng cho 1.200 người, 2023-2030; năm 2023 và 63,7%, giai đoạn 2021 - 2030, 10 – 15 và 3–4; 5 -6";
        let spans: Vec<&str> = unbreakable_spans(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            spans,
            [
                "423-KH/TU",
                "12/6/2024",
                "18.680.000.000 đồng",
                "1.200 người",
                "2023-2030",
                "2021 - 2030",
                "10 – 15",
                "3–4"
            ]
        );
        assert!(unbreakable_spans("Thực hiện công tác trẻ em").is_empty());
    }

    #[test]
    fn the_scanner_finds_what_the_pattern_describes() {
        // The grammar of `unbreakable_spans` as a regex: the oracle, over generated text.
        let part = r"[\p{L}0-9]+(?:[.,][\p{L}0-9]+)*";
        let number = r"[0-9]+(?:[.,][0-9]+)*";
        let pattern = regex::Regex::new(&format!(
            r"{number}(?:[/-]{part})+|{number} (?:đồng|người)|{number}(?: [-–] |–){number}"
        ))
        .unwrap();
        let oracle = |text: &str| -> Vec<std::ops::Range<usize>> {
            let unit = |s: &str| s.ends_with(" đồng") || s.ends_with(" người");
            pattern
                .find_iter(text)
                .filter(|m| !unit(m.as_str()) || !text[m.end()..].chars().next().is_some_and(char::is_alphanumeric))
                .map(|m| m.range())
                .collect()
        };
        let pieces = [
            "1",
            "23",
            "0",
            "/",
            "-",
            "–",
            ".",
            ",",
            " ",
            "KH",
            "đ",
            "ồ",
            "a",
            " đồng",
            " người",
            "TU",
            ";",
            "x",
            " - ",
        ];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(state % 12) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            assert_eq!(unbreakable_spans(&text), oracle(&text), "{text:?}");
        }
    }

    #[test]
    fn printable_drops_every_control_but_tab_and_spaces_line_breaks() {
        for c in (0..0x3000u32).chain(0xFFF0..0x10000).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            let forbidden = |x: char| (x.is_control() && x != '\t') || x == '\u{FFFE}' || x == '\u{FFFF}';
            let expected: String = match c {
                '\n' | '\r' => "a b".into(),
                _ => s.chars().filter(|x| !forbidden(*x)).collect(),
            };
            assert_eq!(printable(&s), expected, "{c:?}");
        }
    }

    #[test]
    fn a_line_break_is_one_space_never_glue_nor_two() {
        for s in ["a\nb", "a \n b", "a\r\nb", "a  \n\n  b"] {
            assert_eq!(printable(s), "a b", "{s:?}");
        }
    }

    /// The PDF template shows a bare string as plain text and reads the fields
    /// of an object: a styled run must never lose its style on the way.
    #[test]
    fn plain_runs_serialize_as_strings_and_styled_runs_as_objects() {
        let plain = Inline::plain("Chỉ tiêu 1");
        let bold = Inline { bold: true, ..Inline::plain("Điều 1.") };
        let note = Inline { footnote: Some(2), ..Inline::plain("2") };
        let removed = Inline { mark: Some(Mark::Removed), ..Inline::plain("cũ") };
        let json = serde_json::to_value([plain, bold, note, removed]).unwrap();
        assert_eq!(
            json,
            serde_json::json!([
                "Chỉ tiêu 1",
                { "text": "Điều 1.", "bold": true },
                { "text": "2", "footnote": 2 },
                { "text": "cũ", "mark": "removed" },
            ])
        );
    }
}
