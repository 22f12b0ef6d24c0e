//! `word/document.xml` and `word/footnotes.xml` from the document model.

use super::props::{tw, PPr, RPr, Spacing};
use super::styles::id;
use super::xml::Xml;
use super::{Rel, NS_R, NS_W};
use crate::document::{Block, Closing, Document, Header, HeadingLevel, Inline, Mark, Part, Revision, Table, Title};
use crate::layout as l;

/// What the body writer hands to the package: the two parts it wrote.
pub struct Written {
    pub document: Vec<u8>,
    /// `word/footnotes.xml`, when the document has footnotes.
    pub footnotes: Option<Vec<u8>>,
}

struct Writer<'a> {
    x: Xml,
    revision: Option<&'a Revision>,
    /// The last `w:id` given to a tracked change: ids are unique in the document.
    changes: usize,
    /// Footnote texts in the order of their marks; a note's id is its index + 1.
    notes: Vec<&'a [Inline]>,
    /// Word joiners kept symbols whole (see `joined`); not in the header's Số line and
    /// date, which fit their cell and are copied from it into registers as they read.
    joiners: bool,
}

/// Which header the first page of a section shows.
#[derive(Clone, Copy)]
struct Section {
    first_header: Rel,
    restart_numbering: bool,
}

pub fn write(doc: &Document) -> Written {
    let size = doc.parts.iter().map(|p| p.body.len()).sum::<usize>() * 700 + (16 << 10);
    let mut w =
        Writer { x: Xml::new(size), revision: doc.revision.as_ref(), changes: 0, notes: Vec::new(), joiners: true };
    w.x.open("w:document", &[("xmlns:w", NS_W.into()), ("xmlns:r", NS_R.into())]);
    w.x.open("w:body", &[]);
    let mut section =
        Section { first_header: if doc.draft { Rel::HeaderDraft } else { Rel::HeaderFirst }, restart_numbering: false };
    for (i, part) in doc.parts.iter().enumerate() {
        let mut page_break = i > 0;
        if i > 0 && part.restart_numbering {
            // The paragraph that ends the previous section; the next one starts a page.
            w.paragraph(&PPr { style: Some(id::SPACER), ..PPr::default() }, &[], &[], RPr::default(), Some(section));
            section = Section { first_header: Rel::HeaderFirst, restart_numbering: true };
            page_break = false;
        }
        w.part(part, page_break);
    }
    sect_pr(&mut w.x, section);
    w.x.close("w:body");
    w.x.close("w:document");
    let footnotes = (!w.notes.is_empty()).then(|| w.footnotes());
    Written { document: w.x.into_bytes(), footnotes }
}

/// Section properties: the page setup of NĐ 30 (Phụ lục I, I.3–I.7).
fn sect_pr(x: &mut Xml, s: Section) {
    x.open("w:sectPr", &[]);
    x.empty("w:headerReference", &[("w:type", "default".into()), ("r:id", Rel::HeaderDefault.id().into())]);
    x.empty("w:headerReference", &[("w:type", "first".into()), ("r:id", s.first_header.id().into())]);
    x.empty("w:pgSz", &[("w:w", tw(l::PAGE_WIDTH_MM).into()), ("w:h", tw(l::PAGE_HEIGHT_MM).into())]);
    x.empty(
        "w:pgMar",
        &[
            ("w:top", tw(l::MARGIN_TOP_MM).into()),
            ("w:right", tw(l::MARGIN_RIGHT_MM).into()),
            ("w:bottom", tw(l::MARGIN_BOTTOM_MM).into()),
            ("w:left", tw(l::MARGIN_LEFT_MM).into()),
            ("w:header", tw(l::HEADER_DISTANCE_MM).into()),
            ("w:footer", tw(l::HEADER_DISTANCE_MM).into()),
            ("w:gutter", 0.into()),
        ],
    );
    if s.restart_numbering {
        x.empty("w:pgNumType", &[("w:start", 1.into())]);
    }
    // A different first page: page 1 shows no number (Phụ lục I, I.7).
    x.empty("w:titlePg", &[]);
    x.close("w:sectPr");
}

/// The header of every page but the first: the page number, top centre.
pub fn page_number_header() -> Vec<u8> {
    let mut x = Xml::new(1024);
    x.open("w:hdr", &[("xmlns:w", NS_W.into())]);
    x.open("w:p", &[]);
    PPr { style: Some(id::PAGE_NUMBER), ..PPr::default() }.write(&mut x, None, None);
    let field = |x: &mut Xml, kind: &str| {
        x.open("w:r", &[]);
        x.empty("w:fldChar", &[("w:fldCharType", kind.into())]);
        x.close("w:r");
    };
    field(&mut x, "begin");
    x.open("w:r", &[]);
    x.element("w:instrText", &[("xml:space", "preserve".into())], " PAGE ");
    x.close("w:r");
    field(&mut x, "separate");
    x.open("w:r", &[]);
    x.element("w:t", &[], "2");
    x.close("w:r");
    field(&mut x, "end");
    x.close("w:p");
    x.close("w:hdr");
    x.into_bytes()
}

/// The header of a first page: empty, or the framed draft mark (out of the text flow).
pub fn first_page_header(draft: bool) -> Vec<u8> {
    let mut x = Xml::new(512);
    x.open("w:hdr", &[("xmlns:w", NS_W.into())]);
    if draft {
        x.open("w:p", &[]);
        PPr { style: Some(id::DRAFT), ..PPr::default() }.write(&mut x, None, None);
        x.open("w:r", &[]);
        x.element("w:t", &[], l::DRAFT_MARK);
        x.close("w:r");
        x.close("w:p");
    } else {
        x.empty("w:p", &[]);
    }
    x.close("w:hdr");
    x.into_bytes()
}

/// A paragraph's base run properties: the style's, plus what the caller adds.
const PLAIN: RPr<'static> = RPr {
    style: None,
    font: None,
    bold: false,
    italic: false,
    strike: false,
    size: None,
    underline: false,
    superscript: false,
};

impl<'a> Writer<'a> {
    fn part(&mut self, part: &'a Part, page_break: bool) {
        let mut page_break = page_break;
        if let Some(h) = &part.header {
            if page_break {
                self.x.open("w:p", &[]);
                PPr { style: Some(id::SPACER), page_break_before: true, ..PPr::default() }.write(
                    &mut self.x,
                    None,
                    None,
                );
                self.x.close("w:p");
                page_break = false;
            }
            self.header(h);
        }
        self.title(&part.title, page_break);
        let last_text = part.body.iter().rposition(|b| !matches!(b, Block::Table(_)));
        for (i, block) in part.body.iter().enumerate() {
            // The closing paragraph ("./.") stays on the page of Nơi nhận and the signature.
            let keep = part.closing.is_some() && Some(i) == last_text && i + 1 == part.body.len();
            let notes = &part.footnotes;
            match block {
                Block::Heading { level, content } => {
                    let style = match level {
                        HeadingLevel::Part => id::HEADING_PART,
                        HeadingLevel::Clause => id::HEADING_CLAUSE,
                        HeadingLevel::Point => id::HEADING_POINT,
                    };
                    self.styled(style, keep, content, notes);
                }
                Block::Paragraph { content } => self.styled(id::BODY, keep, content, notes),
                Block::Centered { content } => self.styled(id::CENTERED, keep, content, notes),
                Block::Table(t) => {
                    self.table(t, notes);
                    self.spacer(false);
                }
            }
        }
        if let Some(c) = &part.closing {
            // One empty line between the text and Nơi nhận.
            let gap = PPr { keep_next: true, ..PPr::default() };
            self.paragraph(&gap, &[], &[], PLAIN, None);
            self.closing(c);
            self.spacer(false);
        }
    }

    fn styled(&mut self, style: &'static str, keep_next: bool, content: &[Inline], notes: &'a [Vec<Inline>]) {
        self.paragraph(&PPr { style: Some(style), keep_next, ..PPr::default() }, content, notes, PLAIN, None);
    }

    fn spacer(&mut self, keep_next: bool) {
        self.paragraph(&PPr { style: Some(id::SPACER), keep_next, ..PPr::default() }, &[], &[], PLAIN, None);
    }

    fn line(&mut self, style: &'static str, text: &[Inline]) {
        self.paragraph(&PPr { style: Some(style), ..PPr::default() }, text, &[], PLAIN, None);
    }

    /// A rule `length_mm` long, centred in a column `width_mm` wide.
    fn rule(&mut self, length_mm: f32, width_mm: f32) {
        let side = tw(((width_mm - length_mm) / 2.0).max(0.0));
        self.paragraph(
            &PPr { style: Some(id::RULE), indent: Some((side, side, 0)), ..PPr::default() },
            &[],
            &[],
            PLAIN,
            None,
        );
    }

    fn paragraph(
        &mut self,
        ppr: &PPr,
        content: &[Inline],
        notes: &'a [Vec<Inline>],
        base: RPr,
        section: Option<Section>,
    ) {
        self.x.open("w:p", &[]);
        // A wholly added or removed paragraph: its paragraph mark is tracked too, so
        // accepting or rejecting leaves no empty paragraph behind.
        let whole = match (self.revision, content.first()) {
            (Some(rev), Some(first)) if first.mark.is_some() && content.iter().all(|i| i.mark == first.mark) => {
                Some((rev, first.mark))
            }
            _ => None,
        };
        let mut mark_id = 0;
        if whole.is_some() {
            self.changes += 1;
            mark_id = self.changes;
        }
        let mark = |x: &mut Xml| {
            if let Some((rev, m)) = whole {
                let tag = if m == Some(Mark::Added) { "w:ins" } else { "w:del" };
                change_attrs(x, tag, mark_id, rev, true);
            }
        };
        let sect = |x: &mut Xml| {
            if let Some(s) = section {
                sect_pr(x, s);
            }
        };
        ppr.write(
            &mut self.x,
            whole.is_some().then_some(&mark as &dyn Fn(&mut Xml)),
            section.is_some().then_some(&sect as &dyn Fn(&mut Xml)),
        );
        self.runs(content, notes, base);
        self.x.close("w:p");
    }

    fn runs(&mut self, content: &[Inline], notes: &'a [Vec<Inline>], base: RPr) {
        for inline in content {
            if let Some(n) = inline.footnote {
                self.notes.push(notes.get(n.wrapping_sub(1)).map_or(&[][..], |n| n.as_slice()));
                self.x.open("w:r", &[]);
                RPr { style: Some(id::FOOTNOTE_REFERENCE), ..base }.write(&mut self.x);
                self.x.empty("w:footnoteReference", &[("w:id", self.notes.len().into())]);
                self.x.close("w:r");
                continue;
            }
            self.run(inline, base);
        }
    }

    fn run(&mut self, inline: &Inline, base: RPr) {
        // XML 1.0 has no place for control characters (a "\f" written in TOML).
        let printable = crate::document::printable(&inline.text);
        let text = if self.joiners { joined(&printable) } else { printable };
        let mut r = RPr { bold: base.bold || inline.bold, italic: base.italic || inline.italic, ..base };
        let change = match (inline.mark, self.revision) {
            (Some(m), Some(rev)) => Some((m, rev)),
            (Some(Mark::Added), None) => {
                r.bold = true;
                r.underline = true;
                None
            }
            (Some(Mark::Removed), None) => {
                r.strike = true;
                None
            }
            (None, _) => None,
        };
        let removed = matches!(change, Some((Mark::Removed, _)));
        if let Some((m, rev)) = change {
            self.changes += 1;
            let tag = if m == Mark::Added { "w:ins" } else { "w:del" };
            change_attrs(&mut self.x, tag, self.changes, rev, false);
        }
        self.x.open("w:r", &[]);
        r.write(&mut self.x);
        let tag = if removed { "w:delText" } else { "w:t" };
        for (i, piece) in text.split('\t').enumerate() {
            if i > 0 {
                self.x.empty("w:tab", &[]);
            }
            if !piece.is_empty() {
                self.x.element(tag, &[("xml:space", "preserve".into())], piece);
            }
        }
        self.x.close("w:r");
        if let Some((m, _)) = change {
            self.x.close(if m == Mark::Added { "w:ins" } else { "w:del" });
        }
    }

    /// The two-column header of page 1 (ô 1–4).
    fn header(&mut self, h: &'a Header) {
        let (lw, rw) = (l::HEADER_LEFT_MM, l::HEADER_RIGHT_MM);
        self.frame_table(lw, rw, tw(l::HEADER_INDENT_MM));
        self.x.open("w:tr", &[]);
        self.cell(lw);
        // A long parent name is set smaller (12–13 pt): the one size not in the style.
        let parent_size = (h.parent_size != l::SIZE_PARENT).then_some(h.parent_size);
        for line in &h.parent {
            let ppr = PPr { style: Some(id::PARENT), ..PPr::default() };
            self.paragraph(&ppr, line, &[], RPr { size: parent_size, ..PLAIN }, None);
        }
        // A long issuer name is set smaller (12–13 pt): the one size not in the style.
        let issuer_size = (h.issuer_size != l::SIZE_ISSUER).then_some(h.issuer_size);
        for line in &h.issuer {
            let ppr = PPr { style: Some(id::ISSUER), ..PPr::default() };
            self.paragraph(&ppr, line, &[], RPr { size: issuer_size, ..PLAIN }, None);
        }
        self.rule(h.issuer_rule_mm, lw);
        self.x.close("w:tc");
        self.cell(rw);
        // The line under the motto is exactly as long as the motto (Phụ lục I II.1.b);
        // a border on the motto's own paragraph would make it wrap when a viewer
        // measures the text a hair wider.
        self.line(id::NATIONAL_NAME, &crate::document::line(l::NATIONAL_NAME));
        self.line(id::MOTTO, &crate::document::line(l::MOTTO));
        self.rule(h.motto_rule_mm, rw);
        self.x.close("w:tc");
        self.x.close("w:tr");
        if h.number.is_some() || h.place_date.is_some() {
            self.x.open("w:tr", &[]);
            self.cell(lw);
            self.joiners = false;
            self.line(id::NUMBER, h.number.as_deref().unwrap_or_default());
            self.x.close("w:tc");
            self.cell(rw);
            self.line(id::PLACE_DATE, h.place_date.as_deref().unwrap_or_default());
            self.joiners = true;
            self.x.close("w:tc");
            self.x.close("w:tr");
        }
        self.x.close("w:tbl");
    }

    /// Tên loại and trích yếu (ô 5a), or an appendix title.
    fn title(&mut self, t: &'a Title, page_break: bool) {
        let kind = PPr { style: Some(id::KIND), page_break_before: page_break, ..PPr::default() };
        self.paragraph(&kind, &t.kind, &[], PLAIN, None);
        if !t.summary.is_empty() {
            self.line(id::SUMMARY, &t.summary);
        }
        if let Some(s) = &t.subtitle {
            self.line(id::SUMMARY, s);
        }
        if let Some(a) = &t.attached_to {
            self.line(id::ATTACHED, a);
        }
        self.rule(t.rule_mm, l::TEXT_WIDTH_MM);
        if let Some(a) = &t.authority {
            self.line(id::AUTHORITY, a);
        }
    }

    /// The closing block: Nơi nhận on the left, the signature on the right.
    fn closing(&mut self, c: &'a Closing) {
        let (lw, rw) = (l::CLOSING_LEFT_MM, l::CLOSING_RIGHT_MM);
        self.frame_table(lw, rw, 0);
        self.x.open("w:tr", &[]);
        self.x.open("w:trPr", &[]);
        self.x.empty("w:cantSplit", &[]);
        self.x.close("w:trPr");
        self.cell(lw);
        self.line(id::RECIPIENTS_LABEL, &crate::document::line(l::RECIPIENTS_LABEL));
        for r in &c.recipients {
            self.line(id::RECIPIENT, r);
        }
        self.x.close("w:tc");
        self.cell(rw);
        for a in &c.authority {
            self.line(id::SIGNER_TITLE, a);
        }
        // Room for the signature and the seal.
        self.line(id::SIGNATURE_SPACE, &[]);
        self.line(id::SIGNER_NAME, &c.name);
        self.x.close("w:tc");
        self.x.close("w:tr");
        self.x.close("w:tbl");
    }

    /// Opens a borderless two-column table, as every NĐ 30 mẫu lays out header and signature.
    fn frame_table(&mut self, left_mm: f32, right_mm: f32, indent: i32) {
        let x = &mut self.x;
        x.open("w:tbl", &[]);
        x.open("w:tblPr", &[]);
        x.empty("w:tblW", &[("w:w", tw(left_mm + right_mm).into()), ("w:type", "dxa".into())]);
        x.empty("w:tblInd", &[("w:w", indent.into()), ("w:type", "dxa".into())]);
        x.open("w:tblBorders", &[]);
        for tag in ["w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"] {
            x.val(tag, "nil");
        }
        x.close("w:tblBorders");
        x.empty("w:tblLayout", &[("w:type", "fixed".into())]);
        x.open("w:tblCellMar", &[]);
        for tag in ["w:top", "w:left", "w:bottom", "w:right"] {
            x.empty(tag, &[("w:w", 0.into()), ("w:type", "dxa".into())]);
        }
        x.close("w:tblCellMar");
        x.close("w:tblPr");
        grid(x, &[tw(left_mm), tw(right_mm)]);
    }

    /// Opens a cell `width_mm` wide.
    fn cell(&mut self, width_mm: f32) {
        self.open_cell(tw(width_mm));
    }

    fn open_cell(&mut self, width: i32) {
        self.x.open("w:tc", &[]);
        self.x.open("w:tcPr", &[]);
        self.x.empty("w:tcW", &[("w:w", width.into()), ("w:type", "dxa".into())]);
        self.x.close("w:tcPr");
    }

    /// An appendix or comparison table: rows never split, the header row repeats.
    fn table(&mut self, t: &'a Table, notes: &'a [Vec<Inline>]) {
        let widths: Vec<i32> = t.widths.iter().map(|w| tw(w * l::TEXT_WIDTH_MM)).collect();
        self.x.open("w:tbl", &[]);
        self.x.open("w:tblPr", &[]);
        self.x.val("w:tblStyle", id::TABLE_GRID);
        self.x.empty("w:tblW", &[("w:w", widths.iter().sum::<i32>().into()), ("w:type", "dxa".into())]);
        self.x.empty("w:tblLayout", &[("w:type", "fixed".into())]);
        self.x.close("w:tblPr");
        grid(&mut self.x, &widths);
        let rows = std::iter::once((true, &t.header)).chain(t.rows.iter().map(|r| (false, r)));
        for (header, row) in rows {
            self.x.open("w:tr", &[]);
            self.x.open("w:trPr", &[]);
            if header || t.kept_whole(row) {
                self.x.empty("w:cantSplit", &[]);
            }
            if header {
                self.x.empty("w:tblHeader", &[]);
            }
            self.x.close("w:trPr");
            for (cell, width) in row.iter().zip(&widths) {
                self.open_cell(*width);
                let style = if header { id::TABLE_HEADING } else { id::TABLE };
                self.paragraph(&PPr { style: Some(style), ..PPr::default() }, cell, notes, PLAIN, None);
                self.x.close("w:tc");
            }
            self.x.close("w:tr");
        }
        self.x.close("w:tbl");
    }

    /// `word/footnotes.xml`: the separators Word expects, then each note.
    fn footnotes(&mut self) -> Vec<u8> {
        let notes = std::mem::take(&mut self.notes);
        let body = std::mem::replace(&mut self.x, Xml::new(notes.len() * 600 + 1024));
        self.x.open("w:footnotes", &[("xmlns:w", NS_W.into())]);
        for (kind, id, mark) in
            [("separator", -1, "w:separator"), ("continuationSeparator", 0, "w:continuationSeparator")]
        {
            self.x.open("w:footnote", &[("w:type", kind.into()), ("w:id", id.into())]);
            self.x.open("w:p", &[]);
            PPr { spacing: Some(Spacing::TIGHT), ..PPr::default() }.write(&mut self.x, None, None);
            self.x.open("w:r", &[]);
            self.x.empty(mark, &[]);
            self.x.close("w:r");
            self.x.close("w:p");
            self.x.close("w:footnote");
        }
        for (i, note) in notes.iter().enumerate() {
            self.x.open("w:footnote", &[("w:id", (i + 1).into())]);
            self.x.open("w:p", &[]);
            PPr { style: Some(id::FOOTNOTE_TEXT), ..PPr::default() }.write(&mut self.x, None, None);
            self.x.open("w:r", &[]);
            RPr { style: Some(id::FOOTNOTE_REFERENCE), ..PLAIN }.write(&mut self.x);
            self.x.empty("w:footnoteRef", &[]);
            self.x.close("w:r");
            self.x.open("w:r", &[]);
            self.x.element("w:t", &[("xml:space", "preserve".into())], " ");
            self.x.close("w:r");
            self.runs(note, &[], PLAIN);
            self.x.close("w:p");
            self.x.close("w:footnote");
        }
        self.x.close("w:footnotes");
        std::mem::replace(&mut self.x, body).into_bytes()
    }
}

/// The text with a word joiner (U+2060) after each "/", "-", "–", and no-break
/// spaces, inside an unbreakable span (a document symbol, a date, a range): no line breaks there, and it is
/// invisible, also in the text of a PDF printed from the DOCX. (A zero-width
/// joiner would do the breaking but stays in LibreOffice's PDF text.)
fn joined(text: &str) -> String {
    let spans = crate::document::unbreakable_spans(text);
    if spans.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 12);
    let mut at = 0;
    for span in spans {
        out.push_str(&text[at..span.start]);
        let inner = &text[span.clone()];
        for (i, c) in inner.char_indices() {
            // A space as a no-break space: LibreOffice still breaks after a space
            // that a joiner follows ("2021 - / 2030").
            out.push(if c == ' ' { '\u{a0}' } else { c });
            if matches!(c, '/' | '-' | '–') && i + 1 < inner.len() {
                out.push('\u{2060}');
            }
        }
        at = span.end;
    }
    out.push_str(&text[at..]);
    out
}

fn grid(x: &mut Xml, widths: &[i32]) {
    x.open("w:tblGrid", &[]);
    for w in widths {
        x.empty("w:gridCol", &[("w:w", (*w).into())]);
    }
    x.close("w:tblGrid");
}

/// `<w:ins>`/`<w:del>` with its id, author and date (none for an undated change);
/// `empty` for the mark of a paragraph.
fn change_attrs(x: &mut Xml, tag: &str, id: usize, rev: &Revision, empty: bool) {
    let mut attrs = vec![("w:id", id.into()), ("w:author", rev.author.as_str().into())];
    if let Some(date) = &rev.date {
        attrs.push(("w:date", date.as_str().into()));
    }
    if empty {
        x.empty(tag, &attrs);
    } else {
        x.open(tag, &attrs);
    }
}
