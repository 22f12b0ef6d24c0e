//! PDF backend: the document model as JSON into a fixed typst template,
//! compiled in-process. User text reaches typst only as JSON strings, never as
//! markup, so no plan text can run typst code.

mod page_numbers;
mod world;

pub use world::FontStore;

use anyhow::{anyhow, Context, Result};
use serde_json::json;
use typst::diag::Warned;
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::Exporter;
use crate::diag::Msg;
use crate::document::{Document, Inline, Text};
use crate::fonts;
use crate::layout as l;
use crate::shaping;

#[derive(Clone, Default)]
pub struct PdfExporter {
    /// PDF/A-2b, for records that are archived (`--pdf-a`).
    pub archival: bool,
    /// Times New Roman from an office's font folder (`--fonts`), else the embedded fonts.
    pub fonts: Option<std::sync::Arc<world::FontStore>>,
}

/// Drops typst's memoised layouts, so the next render starts cold (benchmarks).
pub fn evict_cache() {
    typst::comemo::evict(0);
}

/// Drops typst's memoised layouts but those the last compile used. comemo
/// caches every compile: a process that lays out document after document (a
/// batch, the server) calls this after each, so its memory stays flat; a
/// one-plan run exits instead (evicting was 2-3% of it). Keeping the last ten
/// compiles' instead (other plans' paragraphs, of no use to the next) made
/// 1,000 plans 6-8% slower and their peak memory 118 MiB, not 72; keeping none
/// 6% slower (the template's own work is redone).
pub fn trim_cache() {
    typst::comemo::evict(1);
}

/// The layout figures of `doc::layout`, for the template, and the header's page
/// number placeholder (none: typst counts the pages itself).
fn layout(page_number_placeholder: Option<&str>) -> serde_json::Value {
    json!({
        "page_number_placeholder": page_number_placeholder,
        "margin_top": l::MARGIN_TOP_MM, "margin_bottom": l::MARGIN_BOTTOM_MM,
        "margin_left": l::MARGIN_LEFT_MM, "margin_right": l::MARGIN_RIGHT_MM,
        "header_distance": l::HEADER_DISTANCE_MM,
        "header_left": l::HEADER_LEFT_MM, "header_right": l::HEADER_RIGHT_MM,
        "header_indent": l::HEADER_INDENT_MM, "closing_left": l::CLOSING_LEFT_MM,
        "font": l::FONT,
        "size_number": l::SIZE_NUMBER,
        "size_national_name": l::SIZE_NATIONAL_NAME, "size_motto": l::SIZE_MOTTO,
        "size_place_date": l::SIZE_PLACE_DATE, "size_title": l::SIZE_TITLE, "size_body": l::SIZE_BODY,
        "size_recipients_label": l::SIZE_RECIPIENTS_LABEL, "size_recipients": l::SIZE_RECIPIENTS,
        "size_signature": l::SIZE_SIGNATURE, "size_page_number": l::SIZE_PAGE_NUMBER,
        "size_table": l::SIZE_TABLE, "size_footnote": l::SIZE_FOOTNOTE,
        "first_line_indent": l::FIRST_LINE_INDENT_MM, "paragraph_spacing": l::PARAGRAPH_SPACING_PT,
        "signature_gap": l::SIGNATURE_GAP_MM, "rule": l::RULE_PT,
        "national_name": l::NATIONAL_NAME, "motto": l::MOTTO,
        "recipients_label": l::RECIPIENTS_LABEL, "draft_mark": l::DRAFT_MARK,
        "page_width": l::PAGE_WIDTH_MM, "page_height": l::PAGE_HEIGHT_MM,
        "table_padding_x": l::TABLE_PADDING_X_PT, "table_padding_y": l::TABLE_PADDING_Y_PT,
        "draft_stroke": l::DRAFT_STROKE_PT, "draft_padding": l::DRAFT_PADDING_PT,
        "draft_width": l::DRAFT_WIDTH_MM,
        "leading": fonts::typst_leading_em(l::LINE_SPACING),
        "single_leading": fonts::typst_leading_em(l::SINGLE_SPACING),
    })
}

/// Makes every line of `doc` one the PDF backend can lay out ([`shaping`]);
/// ordinary plans are left as they are.
fn lay_out_safely(doc: &mut Document) {
    doc.each_text_mut(&mut |t: &mut Text| {
        let fixed: Vec<Option<String>> = shaping::pdf_safe_runs(t.iter().map(|i| i.text.as_str()))
            .into_iter()
            .map(|c| match c {
                std::borrow::Cow::Owned(s) => Some(s),
                std::borrow::Cow::Borrowed(_) => None,
            })
            .collect();
        for (inline, text) in t.iter_mut().zip(fixed) {
            if let Some(text) = text {
                inline.text = text;
            }
        }
    });
}

/// Puts each unbreakable span (a document symbol, a date) in a run of its own
/// marked `nobreak`, which the template sets in a box; and each web address in one
/// marked `link`, which typst breaks at an address's own points (after "/", "-"),
/// adding no character to the text.
fn split_unbreakable(doc: &mut Document) {
    split_runs(doc, crate::document::unbreakable_spans, |i| i.nobreak = true);
    split_runs(doc, crate::document::web_addresses, |i| i.link = true);
}

/// Splits every run at the spans `find` gives; `mark` marks each span's own run.
fn split_runs(doc: &mut Document, find: fn(&str) -> Vec<std::ops::Range<usize>>, mark: fn(&mut Inline)) {
    doc.each_text_mut(&mut |t: &mut Text| {
        let spans: Vec<_> = t
            .iter()
            .map(|i| if i.footnote.is_none() && !i.nobreak && !i.link { find(&i.text) } else { Vec::new() })
            .collect();
        if spans.iter().all(Vec::is_empty) {
            return;
        }
        let mut split = Vec::with_capacity(t.len() + 2);
        for (inline, spans) in t.drain(..).zip(spans) {
            let mut at = 0;
            for span in spans {
                if span.start > at {
                    split.push(Inline { text: inline.text[at..span.start].to_string(), ..inline.clone() });
                }
                let mut own = Inline { text: inline.text[span.clone()].to_string(), ..inline.clone() };
                mark(&mut own);
                split.push(own);
                at = span.end;
            }
            if at == 0 {
                split.push(inline);
            } else if at < inline.text.len() {
                split.push(Inline { text: inline.text[at..].to_string(), ..inline });
            }
        }
        *t = split;
    });
}

/// A word longer than a line (a web address, a file path) would run past the
/// margin, where typst does not break it: it may break every 30 characters, at an
/// invisible U+200B. Word breaks such a word at the margin by itself.
fn break_long_words(doc: &mut Document) {
    const LONG: usize = 40;
    const PIECE: usize = 30;
    doc.each_text_mut(&mut |t: &mut Text| {
        for inline in t.iter_mut().filter(|i| !i.nobreak && !i.link && i.footnote.is_none()) {
            if !inline.text.split_whitespace().any(|w| w.chars().count() > LONG) {
                continue;
            }
            let mut out = String::with_capacity(inline.text.len() + inline.text.len() / PIECE * 3);
            for piece in inline.text.split_inclusive(char::is_whitespace) {
                let word = piece.trim_end();
                if word.chars().count() <= LONG {
                    out.push_str(piece);
                    continue;
                }
                for (k, c) in word.chars().enumerate() {
                    if k > 0 && k % PIECE == 0 && c != '\u{200B}' {
                        out.push('\u{200B}');
                    }
                    out.push(c);
                }
                out.push_str(&piece[word.len()..]);
            }
            inline.text = out;
        }
    });
}

fn datetime(iso: &str) -> Option<Datetime> {
    let date = chrono::NaiveDate::parse_from_str(iso.get(..10)?, "%Y-%m-%d").ok()?;
    use chrono::Datelike;
    Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8)
}

/// What the template reads as `/data.json`: the layout figures and a copy of the
/// document prepared for typst (lines it can lay out, symbols kept whole).
fn typst_data(doc: &Document, page_number_placeholder: Option<&str>) -> Result<Vec<u8>> {
    #[derive(serde::Serialize)]
    struct Data<'a> {
        layout: serde_json::Value,
        doc: &'a Document,
    }
    let mut prepared = doc.clone();
    lay_out_safely(&mut prepared);
    split_unbreakable(&mut prepared);
    break_long_words(&mut prepared);
    Ok(serde_json::to_vec(&Data { layout: layout(page_number_placeholder), doc: &prepared })?)
}

/// The typst project this backend compiles for `doc`: the template (`main.typ`,
/// which reads `/data.json`) and that data; typst's own compiler can then compile
/// the same document (the benchmark's floor), counting the pages itself.
pub fn typst_project(doc: &Document) -> Result<(&'static str, Vec<u8>)> {
    Ok((world::TEMPLATE, typst_data(doc, None)?))
}

impl PdfExporter {
    /// The document laid out in pages by typst: what the PDF is written from, and
    /// what `kehoach serve` draws as SVG for its preview (one layout, two outputs).
    pub fn lay_out(&self, doc: &Document) -> Result<PagedDocument> {
        let paged = self.compile(typst_data(doc, Some(page_numbers::PLACEHOLDER))?, doc)?;
        Ok(page_numbers::write(paged, typst::layout::Abs::mm(l::MARGIN_TOP_MM.into())))
    }

    /// The template compiled by typst on `data` (what `typst_data` made of `doc`).
    fn compile(&self, data: Vec<u8>, doc: &Document) -> Result<PagedDocument> {
        let today = doc.timestamp.as_deref().and_then(datetime);
        let world = world::PlanWorld::new(data, today, self.fonts.as_deref())
            .ok_or_else(|| anyhow!(Msg::new("error.typst-setup")))?;
        let Warned { output, .. } = typst::compile::<PagedDocument>(&world);
        output.map_err(|errors| {
            let messages: Vec<String> = errors.iter().map(|e| e.message.to_string()).collect();
            anyhow!("typst: {}", messages.join("; "))
        })
    }
}

impl Exporter for PdfExporter {
    fn extension(&self) -> &'static str {
        "pdf"
    }

    fn export(&self, doc: &Document) -> Result<Vec<u8>> {
        // PDF/A records when a document was made: a draft without its date has none to give.
        if self.archival && doc.timestamp.is_none() {
            return Err(anyhow!(Msg::new("error.pdf-a-date")));
        }
        let compiled = self.lay_out(doc)?;
        let today = doc.timestamp.as_deref().and_then(datetime);
        let timestamp = today.and_then(|d| Datetime::from_ymd_hms(d.year()?, d.month()?, d.day()?, 0, 0, 0));
        let options = PdfOptions {
            // A stable document id and creation date: the same plan gives the same bytes.
            ident: Smart::Custom(doc.title.clone()),
            timestamp: timestamp.map(Timestamp::new_utc),
            standards: if self.archival {
                PdfStandards::new(&[PdfStandard::A_2b]).map_err(|e| anyhow!("typst-pdf: {}", e.message()))?
            } else {
                PdfStandards::default()
            },
            ..PdfOptions::default()
        };
        let pdf = typst_pdf::pdf(&compiled, &options).map_err(|errors| {
            let messages: Vec<String> = errors.iter().map(|e| e.message.to_string()).collect();
            anyhow!("typst-pdf: {}", messages.join("; "))
        });
        pdf.context(Msg::new("error.pdf"))
    }
}
