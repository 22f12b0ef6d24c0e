//! Page numbers written into the laid-out pages. typst can count pages itself
//! (`counter(page)` in the header), but a header that asks which page it is on
//! makes typst lay the whole document out a second time (2-5% of the
//! instructions of a PDF run). So the template lays every header out once with
//! a placeholder, and the number typst counted for each page (`Page::number`)
//! is written in its place: the same glyphs at the same spot as typst's own
//! count would give.

use typst::layout::{Abs, Frame, FrameItem, Point};
use typst::model::Document as _;
use typst::text::TextItem;
use typst_layout::PagedDocument;

/// What the template's header shows until its page's number replaces it: one
/// digit, so the line has the height and the centre of a page number.
pub(super) const PLACEHOLDER: &str = "0";

/// Each page's placeholder replaced by its number, or removed on a first page
/// (NĐ 30: none on page 1 of a document or of an appendix numbered on its own).
/// `header_bottom`: the top margin, below which no header lies.
pub(super) fn write(doc: PagedDocument, header_bottom: Abs) -> PagedDocument {
    let pages = doc.pages().iter().map(|page| {
        let number = (page.number > 1).then(|| page.number.to_string());
        let mut page = page.clone();
        let frame = numbered(&page.frame, number.as_deref(), header_bottom);
        debug_assert!(frame.is_some(), "a page without the header's placeholder");
        if let Some(frame) = frame {
            page.frame = frame;
        }
        page
    });
    // The introspector is made anew from the pages: links, outline and tags read it.
    PagedDocument::new(pages.collect(), doc.info().clone())
}

/// `frame` with its first placeholder above `limit` (a baseline in the header)
/// replaced by `number`, or dropped; `None` if it has no placeholder.
fn numbered(frame: &Frame, number: Option<&str>, limit: Abs) -> Option<Frame> {
    let mut found = false;
    let mut out = Frame::new(frame.size(), frame.kind());
    if frame.has_baseline() {
        out.set_baseline(frame.baseline());
    }
    for (pos, item) in frame.items() {
        if !found && pos.y < limit {
            match item {
                FrameItem::Text(text) if text.text == PLACEHOLDER => {
                    found = true;
                    if let Some(number) = number {
                        let (text, shift) = renumbered(text, number);
                        out.push(*pos + shift, FrameItem::Text(text));
                    }
                    continue;
                }
                FrameItem::Group(group) => {
                    if let Some(inner) = numbered(&group.frame, number, limit - pos.y) {
                        found = true;
                        let mut group = group.clone();
                        group.frame = inner;
                        out.push(*pos, FrameItem::Group(group));
                        continue;
                    }
                }
                _ => {}
            }
        }
        out.push(*pos, item.clone());
    }
    found.then_some(out)
}

/// The placeholder's run set as `number`, and how far it moves so that it stays
/// centred where the placeholder was (the header line is centred).
fn renumbered(placeholder: &TextItem, number: &str) -> (TextItem, Point) {
    let mut text = placeholder.clone();
    let Some(model) = placeholder.glyphs.first() else { return (text, Point::zero()) };
    text.text = number.into();
    text.glyphs = number
        .char_indices()
        .map(|(i, c)| {
            let id = placeholder.font.ttf().glyph_index(c).map_or(model.id, |g| g.0);
            let mut glyph = model.clone();
            glyph.id = id;
            glyph.x_advance = placeholder.font.x_advance(id).unwrap_or(model.x_advance);
            glyph.range = i as u16..(i + c.len_utf8()) as u16;
            glyph
        })
        .collect();
    let shift = (placeholder.width() - text.width()) / 2.0;
    (text, Point::with_x(shift))
}

#[cfg(test)]
mod tests {
    use typst::layout::Frame;

    use crate::export::pdf::{typst_data, PdfExporter};

    /// Every run of text on every page: page, position (thousandths of a point), size, text, glyphs.
    fn runs(doc: &typst_layout::PagedDocument) -> Vec<String> {
        fn walk(frame: &Frame, x: f64, y: f64, page: usize, out: &mut Vec<String>) {
            for (pos, item) in frame.items() {
                let (x, y) = (x + pos.x.to_pt(), y + pos.y.to_pt());
                match item {
                    super::FrameItem::Group(g) => {
                        walk(&g.frame, x + g.transform.tx.to_pt(), y + g.transform.ty.to_pt(), page, out)
                    }
                    super::FrameItem::Text(t) => {
                        let ids: Vec<u16> = t.glyphs.iter().map(|g| g.id).collect();
                        let at = |v: f64| (v * 1000.0).round() as i64;
                        out.push(format!("{page} {} {} {} {:?} {ids:?}", at(x), at(y), at(t.size.to_pt()), t.text));
                    }
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        for (i, page) in doc.pages().iter().enumerate() {
            walk(&page.frame, 0.0, 0.0, i + 1, &mut out);
        }
        out
    }

    #[test]
    fn written_numbers_match_typsts_own_count() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let templates = crate::templates::Templates::builtin().unwrap();
        let mut numbered_after_restart = false;
        for entry in std::fs::read_dir(root.join("plans")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "toml") {
                continue;
            }
            let mut map = crate::source::SourceMap::new();
            let plan = crate::load::load_plan(&mut map, &path, &root.join("plans")).unwrap().unwrap();
            for draft in [false, true] {
                let doc = crate::compose::compose(&plan, &templates, draft).unwrap();
                let exporter = PdfExporter::default();
                let written = exporter.lay_out(&doc).unwrap();
                let counted = exporter.compile(typst_data(&doc, None).unwrap(), &doc).unwrap();
                let (written_runs, counted_runs) = (runs(&written), runs(&counted));
                let first_difference = written_runs.iter().zip(&counted_runs).find(|(w, c)| w != c);
                assert_eq!(first_difference, None, "{}, draft {draft}", path.display());
                assert_eq!(written_runs.len(), counted_runs.len(), "{}, draft {draft}", path.display());
                let restarts = doc.parts.iter().skip(1).filter(|p| p.restart_numbering).count();
                numbered_after_restart |= restarts > 0 && written.pages().last().unwrap().number > 1;
            }
        }
        // An appendix of several pages numbered on its own was among them.
        assert!(numbered_after_restart);
    }
}
