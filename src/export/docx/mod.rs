//! DOCX backend: the document model → docx-rs → a schema-order pass → bytes.

mod xml;

use anyhow::{Context, Result};
use docx_rs::*;

use super::Exporter;
use crate::diag::Msg;
use crate::document::{
    Block, Closing, Document, Header as DocHeader, HeadingLevel, Inline, Mark, Part, Revision, Text, Title,
};
use crate::layout as l;
use xml::UNDATED;

pub use xml::{schema_order_violations, SCHEMA_ORDER};

pub struct DocxExporter;

/// Twips (1/20 pt) from millimetres.
fn tw(mm: f32) -> i32 {
    (mm * 56.692_914).round() as i32
}

/// Points → twips.
fn tw_pt(pt: f32) -> usize {
    (pt * 20.0).round() as usize
}

/// Half-points from points.
fn hp(pt: f32) -> usize {
    (pt * 2.0).round() as usize
}

/// Points → eighths of a point (border widths).
fn eighths(pt: f32) -> usize {
    (pt * 8.0).round() as usize
}

/// A line spacing multiple → 240ths of a line (`w:line` with the auto rule).
fn line_240(spacing: f32) -> i32 {
    (spacing * 240.0).round() as i32
}

fn font() -> RunFonts {
    RunFonts::new().ascii(l::FONT).hi_ansi(l::FONT).east_asia(l::FONT).cs(l::FONT)
}

/// Single spacing, nothing before or after: the header and closing blocks.
fn tight() -> LineSpacing {
    LineSpacing::new().before(0).after(0).line(line_240(l::SINGLE_SPACING)).line_rule(LineSpacingType::Auto)
}

fn text_run(text: &str, size: f32) -> Run {
    Run::new().add_text(text).size(hp(size))
}

fn centered(run: Run) -> Paragraph {
    Paragraph::new().align(AlignmentType::Center).line_spacing(tight()).add_run(run)
}

/// A paragraph that draws a centred horizontal rule `length_mm` long in a column `width_mm` wide.
fn rule(length_mm: f32, width_mm: f32) -> Paragraph {
    let side = tw(((width_mm - length_mm) / 2.0).max(0.0));
    let mut p = Paragraph::new()
        .align(AlignmentType::Center)
        .indent(Some(side), None, Some(side), None)
        .line_spacing(LineSpacing::new().before(0).after(60).line(120).line_rule(LineSpacingType::Exact))
        .add_run(Run::new().size(4));
    p.property = p.property.set_borders(ParagraphBorders::with_empty().set(bottom_border()));
    p
}

fn bottom_border() -> ParagraphBorder {
    ParagraphBorder::new(ParagraphBorderPosition::Bottom)
        .val(BorderType::Single)
        .size(eighths(l::RULE_PT))
        .space(1)
        .color("000000")
}

fn cell(width_mm: f32) -> TableCell {
    TableCell::new().width(tw(width_mm) as usize, WidthType::Dxa)
}

/// A borderless two-column table, as every NĐ 30 mẫu lays out header and signature.
fn two_columns(left_mm: f32, right_mm: f32, rows: Vec<(TableCell, TableCell)>) -> Table {
    let rows = rows.into_iter().map(|(a, b)| TableRow::new(vec![a, b])).collect();
    Table::new(rows)
        .set_grid(vec![tw(left_mm) as usize, tw(right_mm) as usize])
        .layout(TableLayoutType::Fixed)
        .width(tw(left_mm + right_mm) as usize, WidthType::Dxa)
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
        .set_borders(TableBorders::new().clear_all())
}

fn header_table(cx: Ctx, h: &DocHeader) -> Table {
    let (lw, rw) = (l::HEADER_LEFT_MM, l::HEADER_RIGHT_MM);
    let mut left = cell(lw);
    if let Some(parent) = &h.parent {
        left = left.add_paragraph(cx.centered(parent, l::SIZE_PARENT, false, false));
    }
    for line in &h.issuer {
        left = left.add_paragraph(cx.centered(line, h.issuer_size, true, false));
    }
    left = left.add_paragraph(rule(h.issuer_rule_mm, lw));

    // The line under the motto is exactly as long as the motto (Phụ lục I II.1.b);
    // a border on the motto's own paragraph would make it wrap when a viewer
    // measures the text a hair wider.
    let right = cell(rw)
        .add_paragraph(centered(text_run(l::NATIONAL_NAME, l::SIZE_NATIONAL_NAME).bold()))
        .add_paragraph(centered(text_run(l::MOTTO, l::SIZE_MOTTO).bold()))
        .add_paragraph(rule(h.motto_rule_mm, rw));

    let mut rows = vec![(left, right)];
    if h.number.is_some() || h.place_date.is_some() {
        let number = h.number.as_ref().map_or(Paragraph::new(), |n| {
            cx.centered(n, l::SIZE_NUMBER, false, false)
                .line_spacing(LineSpacing::new().before(120).after(0).line(line_240(l::SINGLE_SPACING)))
        });
        let date = h.place_date.as_ref().map_or(Paragraph::new(), |d| {
            cx.centered(d, l::SIZE_PLACE_DATE, false, true)
                .line_spacing(LineSpacing::new().before(120).after(0).line(line_240(l::SINGLE_SPACING)))
        });
        rows.push((cell(lw).add_paragraph(number), cell(rw).add_paragraph(date)));
    }
    two_columns(lw, rw, rows).indent(tw(l::HEADER_INDENT_MM))
}

fn title_paragraphs(cx: Ctx, t: &Title) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let spaced = |p: Paragraph, before: u32| {
        p.line_spacing(LineSpacing::new().before(before).after(0).line(line_240(l::SINGLE_SPACING)))
    };
    out.push(spaced(cx.centered(&t.kind, l::SIZE_TITLE, true, false), 360));
    if !t.summary.is_empty() {
        out.push(cx.centered(&t.summary, l::SIZE_TITLE, true, false));
    }
    if let Some(s) = &t.subtitle {
        out.push(cx.centered(s, l::SIZE_TITLE, true, false));
    }
    if let Some(a) = &t.attached_to {
        out.push(cx.centered(a, l::SIZE_TITLE, false, true));
    }
    out.push(rule(t.rule_mm, l::TEXT_WIDTH_MM));
    if let Some(a) = &t.authority {
        out.push(spaced(cx.centered(a, l::SIZE_TITLE, true, false), 120));
    }
    out
}

/// Body paragraph: justified, 1.27 cm first line, 6 pt after, 1.15 lines.
fn body_paragraph() -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(tw(l::FIRST_LINE_INDENT_MM))), None, None)
        .line_spacing(
            LineSpacing::new()
                .before(0)
                .after((l::PARAGRAPH_SPACING_PT * 20.0) as u32)
                .line(line_240(l::LINE_SPACING))
                .line_rule(LineSpacingType::Auto),
        )
}

/// How changed text is written: as Word tracked changes (a redline), or as
/// formatting (a comparison table: added underlined and bold, removed struck through).
#[derive(Clone, Copy)]
struct Ctx<'a> {
    revision: Option<&'a Revision>,
}

impl Ctx<'_> {
    /// Appends one run in place (docx-rs's `add_run` moves the whole paragraph).
    fn run(&self, p: &mut Paragraph, inline: &Inline, size: f32, bold: bool, italic: bool) {
        // XML 1.0 has no place for control characters (a "\f" written in TOML).
        let text = crate::document::printable(&inline.text);
        let styled = |mut run: Run| {
            if inline.bold || bold {
                run = run.bold();
            }
            if inline.italic || italic {
                run = run.italic();
            }
            run.size(hp(size))
        };
        let child = match (inline.mark, self.revision) {
            (Some(Mark::Added), Some(rev)) => ParagraphChild::Insert(
                Insert::new(styled(Run::new().add_text(&text)))
                    .author(&rev.author)
                    .date(rev.date.as_deref().unwrap_or(UNDATED)),
            ),
            (Some(Mark::Removed), Some(rev)) => ParagraphChild::Delete(
                Delete::new()
                    .author(&rev.author)
                    .date(rev.date.as_deref().unwrap_or(UNDATED))
                    .add_run(styled(Run::new().add_delete_text(&text))),
            ),
            (Some(Mark::Added), None) => run_child(styled(Run::new().add_text(&text)).bold().underline("single")),
            (Some(Mark::Removed), None) => run_child(styled(Run::new().add_text(&text)).strike()),
            (None, _) => run_child(styled(Run::new().add_text(&text))),
        };
        p.children.push(child);
    }

    fn runs(
        &self,
        mut p: Paragraph,
        content: &[Inline],
        footnotes: &[Vec<Inline>],
        size: f32,
        bold: bool,
        italic: bool,
    ) -> Paragraph {
        for inline in content {
            if let Some(n) = inline.footnote {
                let note = footnotes.get(n - 1).map_or(&[][..], |n| n.as_slice());
                let note_p =
                    self.runs(Paragraph::new().line_spacing(tight()), note, &[], l::SIZE_FOOTNOTE, false, false);
                let footnote = Footnote::new().add_content(note_p);
                p.children.push(run_child(Run::new().size(hp(size)).add_footnote_reference(footnote)));
                continue;
            }
            self.run(&mut p, inline, size, bold, italic);
        }
        // A wholly added or removed paragraph: its paragraph mark is tracked too, so
        // accepting or rejecting leaves no empty paragraph behind.
        if let (Some(rev), Some(first)) = (self.revision, content.first()) {
            if first.mark.is_some() && content.iter().all(|i| i.mark == first.mark) {
                p = match first.mark {
                    Some(Mark::Added) => p.insert(&rev.author, rev.date.as_deref().unwrap_or(UNDATED)),
                    _ => p.delete(&rev.author, rev.date.as_deref().unwrap_or(UNDATED)),
                };
            }
        }
        p
    }

    /// A centred single-spaced line of frame text.
    fn centered(&self, text: &Text, size: f32, bold: bool, italic: bool) -> Paragraph {
        self.runs(Paragraph::new().align(AlignmentType::Center).line_spacing(tight()), text, &[], size, bold, italic)
    }

    fn left(&self, text: &Text, size: f32) -> Paragraph {
        self.runs(Paragraph::new(), text, &[], size, false, false)
    }
}

fn table(cx: Ctx, t: &crate::document::Table, footnotes: &[Vec<Inline>]) -> Table {
    let widths: Vec<usize> = t.widths.iter().map(|w| tw(w * l::TEXT_WIDTH_MM) as usize).collect();
    let cell_of = |content: &[Inline], width: usize, header: bool| {
        let p = Paragraph::new().line_spacing(tight()).align(if header {
            AlignmentType::Center
        } else {
            AlignmentType::Left
        });
        TableCell::new().width(width, WidthType::Dxa).add_paragraph(cx.runs(
            p,
            content,
            footnotes,
            l::SIZE_TABLE,
            header,
            false,
        ))
    };
    let mut rows = vec![TableRow::new(t.header.iter().zip(&widths).map(|(c, w)| cell_of(c, *w, true)).collect())];
    for row in &t.rows {
        rows.push(TableRow::new(row.iter().zip(&widths).map(|(c, w)| cell_of(c, *w, false)).collect()));
    }
    Table::new(rows)
        .set_grid(widths)
        .layout(TableLayoutType::Fixed)
        .width(tw(l::TEXT_WIDTH_MM) as usize, WidthType::Dxa)
        .margins(TableCellMargins::new().margin(
            tw_pt(l::TABLE_PADDING_Y_PT),
            tw_pt(l::TABLE_PADDING_X_PT),
            tw_pt(l::TABLE_PADDING_Y_PT),
            tw_pt(l::TABLE_PADDING_X_PT),
        ))
}

fn closing_table(cx: Ctx, c: &Closing) -> Table {
    let (lw, rw) = (l::CLOSING_LEFT_MM, l::CLOSING_RIGHT_MM);
    let spaced = |p: Paragraph| p.line_spacing(tight()).keep_next(true);
    let mut left = cell(lw).add_paragraph(spaced(
        Paragraph::new().add_run(text_run(l::RECIPIENTS_LABEL, l::SIZE_RECIPIENTS_LABEL).bold().italic()),
    ));
    for r in &c.recipients {
        left = left.add_paragraph(spaced(cx.left(r, l::SIZE_RECIPIENTS)));
    }
    let mut right = cell(rw);
    for a in &c.authority {
        right = right.add_paragraph(spaced(cx.centered(a, l::SIZE_SIGNATURE, true, false)));
    }
    // Room for the signature and the seal.
    right = right.add_paragraph(Paragraph::new().line_spacing(
        LineSpacing::new().before(0).after(0).line(tw(l::SIGNATURE_GAP_MM)).line_rule(LineSpacingType::Exact),
    ));
    right = right.add_paragraph(cx.centered(&c.name, l::SIZE_SIGNATURE, true, false));
    two_columns(lw, rw, vec![(left, right)])
}

fn draft_mark() -> Paragraph {
    let edge = |pos| {
        ParagraphBorder::new(pos)
            .val(BorderType::Single)
            .size(eighths(l::DRAFT_STROKE_PT))
            .space(l::DRAFT_PADDING_PT as usize)
            .color("000000")
    };
    let mut p = Paragraph::new()
        .line_spacing(tight())
        .indent(Some(0), None, Some(tw(l::TEXT_WIDTH_MM - 30.0)), None)
        .align(AlignmentType::Center)
        .add_run(text_run(l::DRAFT_MARK, l::SIZE_TITLE).bold());
    p.property = p.property.set_borders(
        ParagraphBorders::with_empty()
            .set(edge(ParagraphBorderPosition::Top))
            .set(edge(ParagraphBorderPosition::Left))
            .set(edge(ParagraphBorderPosition::Bottom))
            .set(edge(ParagraphBorderPosition::Right)),
    );
    p
}

fn run_child(run: Run) -> ParagraphChild {
    ParagraphChild::Run(Box::new(run))
}

/// The body, appended in place: docx-rs's `Docx::add_paragraph` takes and returns
/// the whole document by value, kilobytes copied for each paragraph of a plan.
/// (That method also flags numbering parts; this backend writes no numbered lists.)
struct Body<'a>(&'a mut Docx);

impl Body<'_> {
    fn paragraph(&mut self, p: Paragraph) {
        self.0.document.children.push(DocumentChild::Paragraph(Box::new(p)));
    }

    fn table(&mut self, t: Table) {
        self.0.document.children.push(DocumentChild::Table(Box::new(t)));
    }
}

/// Marks the paragraph that ends a section; the XML pass gives it the section's properties.
pub(crate) const SECTION_END: &str = "kehoach-section-end";

fn part(cx: Ctx, docx: &mut Docx, part: &Part, first: bool, draft: bool) {
    let mut body = Body(docx);
    let mut first_paragraph = !first;
    if part.restart_numbering && !first {
        // A new section starts on a new page with page numbers from 1.
        body.paragraph(Paragraph::new().line_spacing(tight()).add_bookmark_start(0, SECTION_END).add_bookmark_end(0));
        first_paragraph = false;
    }
    if first && draft {
        body.paragraph(draft_mark());
    }
    if let Some(h) = &part.header {
        if first_paragraph {
            body.paragraph(Paragraph::new().page_break_before(true).line_spacing(tight()));
            first_paragraph = false;
        }
        body.table(header_table(cx, h));
    }
    for (i, p) in title_paragraphs(cx, &part.title).into_iter().enumerate() {
        let p = if i == 0 && first_paragraph { p.page_break_before(true) } else { p };
        body.paragraph(p);
    }
    for block in &part.body {
        match block {
            Block::Heading { level, content } => {
                let italic = *level == HeadingLevel::Point;
                body.paragraph(cx.runs(
                    body_paragraph().keep_next(true),
                    content,
                    &part.footnotes,
                    l::SIZE_BODY,
                    true,
                    italic,
                ))
            }
            Block::Paragraph { content } => {
                body.paragraph(cx.runs(body_paragraph(), content, &part.footnotes, l::SIZE_BODY, false, false))
            }
            Block::Centered { content } => body.paragraph(cx.runs(
                body_paragraph().align(AlignmentType::Center).indent(
                    None,
                    Some(SpecialIndentType::FirstLine(0)),
                    None,
                    None,
                ),
                content,
                &part.footnotes,
                l::SIZE_BODY,
                true,
                false,
            )),
            Block::Table(t) => {
                body.table(table(cx, t, &part.footnotes));
                body.paragraph(Paragraph::new().line_spacing(tight()));
            }
        }
    }
    if let Some(c) = &part.closing {
        body.paragraph(Paragraph::new().line_spacing(tight()).keep_next(true));
        body.table(closing_table(cx, c));
    }
}

fn page_number_header() -> docx_rs::Header {
    let run = |r: Run| r.size(hp(l::SIZE_PAGE_NUMBER));
    let p = Paragraph::new()
        .align(AlignmentType::Center)
        .add_run(run(Run::new().add_field_char(FieldCharType::Begin, false)))
        .add_run(run(Run::new().add_instr_text(InstrText::PAGE(InstrPAGE::new()))))
        .add_run(run(Run::new().add_field_char(FieldCharType::Separate, false)))
        .add_run(run(Run::new().add_text("2")))
        .add_run(run(Run::new().add_field_char(FieldCharType::End, false)));
    docx_rs::Header::new().add_paragraph(p)
}

impl Exporter for DocxExporter {
    fn extension(&self) -> &'static str {
        "docx"
    }

    fn export(&self, doc: &Document) -> Result<Vec<u8>> {
        let mut docx = Docx::new()
            .page_size(tw(l::PAGE_WIDTH_MM) as u32, tw(l::PAGE_HEIGHT_MM) as u32)
            .page_margin(
                PageMargin::new()
                    .top(tw(l::MARGIN_TOP_MM))
                    .bottom(tw(l::MARGIN_BOTTOM_MM))
                    .left(tw(l::MARGIN_LEFT_MM))
                    .right(tw(l::MARGIN_RIGHT_MM))
                    .header(tw(l::HEADER_DISTANCE_MM))
                    .footer(tw(l::HEADER_DISTANCE_MM))
                    .gutter(0),
            )
            .default_fonts(font())
            .default_size(hp(l::SIZE_BODY))
            .default_tab_stop(720)
            .created_at(&doc.timestamp)
            .updated_at(&doc.timestamp)
            .header(page_number_header())
            // A different first page: page 1 shows no number (Phụ lục I I.7).
            .first_header(docx_rs::Header::new().add_paragraph(Paragraph::new()));
        for (i, p) in doc.parts.iter().enumerate() {
            part(Ctx { revision: doc.revision.as_ref() }, &mut docx, p, i == 0, doc.draft);
        }
        let mut parts = docx.build();
        xml::finish(&mut parts, doc)?;
        let mut buf = std::io::Cursor::new(Vec::new());
        parts.pack(&mut buf).context(Msg::new("error.pack-docx"))?;
        Ok(buf.into_inner())
    }
}
