//! Page geometry, type sizes, strokes and fixed labels from NĐ 30 (nd30.md §1, §3, §13):
//! every figure both backends use is written here once.
//!
//! Sizes are in points, lengths in millimetres; each backend converts to its own
//! units (twips and half-points for DOCX). Where the decree gives a range, the
//! value chosen is the one of its Mẫu 1.4 for a Kế hoạch.

/// A4 portrait.
pub const PAGE_WIDTH_MM: f32 = 210.0;
pub const PAGE_HEIGHT_MM: f32 = 297.0;
/// Margins within 20–25 / 20–25 / 30–35 / 15–20 mm.
pub const MARGIN_TOP_MM: f32 = 20.0;
pub const MARGIN_BOTTOM_MM: f32 = 20.0;
pub const MARGIN_LEFT_MM: f32 = 30.0;
pub const MARGIN_RIGHT_MM: f32 = 15.0;
/// Distance of the page number from the top edge (inside the top margin).
pub const HEADER_DISTANCE_MM: f32 = 10.0;
pub const TEXT_WIDTH_MM: f32 = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM;

/// Header columns as in Mẫu 1.4 (67.5 / 100 mm): the table is 2.5 mm wider than the
/// text and starts 2.5 mm left of it, so the right column holds the 13 pt quốc hiệu.
pub const HEADER_LEFT_MM: f32 = 68.0;
/// The rule under the issuer's name is 1/3–1/2 of its line (Phụ lục I II.2.b), 40 %
/// here, and never shorter than this: under "SỞ Y TẾ" a third is a dash.
pub const ISSUER_RULE_SHARE: f32 = 0.4;
pub const ISSUER_RULE_MIN_MM: f32 = 15.0;
pub const HEADER_RIGHT_MM: f32 = 99.5;
pub const HEADER_INDENT_MM: f32 = TEXT_WIDTH_MM - HEADER_LEFT_MM - HEADER_RIGHT_MM;
/// Closing columns: Nơi nhận / signature.
pub const CLOSING_LEFT_MM: f32 = 70.0;
pub const CLOSING_RIGHT_MM: f32 = TEXT_WIDTH_MM - CLOSING_LEFT_MM;

pub const FONT: &str = "Times New Roman";

pub const SIZE_PARENT: f32 = 13.0;
pub const SIZE_PARENT_LONG: f32 = 12.0;
pub const SIZE_ISSUER: f32 = 13.0;
/// A long issuer name that does not fit its column at 13 pt is set at 12 pt (range 12–13).
pub const SIZE_ISSUER_LONG: f32 = 12.0;
pub const SIZE_NUMBER: f32 = 13.0;
pub const SIZE_NATIONAL_NAME: f32 = 13.0;
pub const SIZE_MOTTO: f32 = 14.0;
pub const SIZE_PLACE_DATE: f32 = 14.0;
pub const SIZE_TITLE: f32 = 14.0;
pub const SIZE_BODY: f32 = 14.0;
pub const SIZE_RECIPIENTS_LABEL: f32 = 12.0;
pub const SIZE_RECIPIENTS: f32 = 11.0;
pub const SIZE_SIGNATURE: f32 = 14.0;
pub const SIZE_PAGE_NUMBER: f32 = 14.0;
pub const SIZE_TABLE: f32 = 12.0;
pub const SIZE_FOOTNOTE: f32 = 11.0;

/// Body paragraphs: first-line indent 1–1.27 cm, ≥ 6 pt apart, spacing single to 1.5.
pub const FIRST_LINE_INDENT_MM: f32 = 12.7;
pub const PARAGRAPH_SPACING_PT: f32 = 6.0;
/// In Word's sense: a multiple of the font's single line (1.15 em for Times New Roman).
pub const LINE_SPACING: f32 = 1.15;
/// The header, title, table and closing blocks are set single-spaced.
pub const SINGLE_SPACING: f32 = 1.0;
/// Empty space left for the signature and seal.
pub const SIGNATURE_GAP_MM: f32 = 25.0;
/// Rule thickness (the decree gives none); also table borders and the footnote separator.
pub const RULE_PT: f32 = 0.5;
/// Table cell padding: 2 pt above and below, 4 pt left and right.
pub const TABLE_PADDING_Y_PT: f32 = 2.0;
pub const TABLE_PADDING_X_PT: f32 = 4.0;
/// The "DỰ THẢO" frame: its border and how far it stands from the text.
pub const DRAFT_STROKE_PT: f32 = 1.0;
pub const DRAFT_PADDING_PT: f32 = 2.0;
/// The frame's width, and where it stands: in the page-1 header, out of the text
/// flow, at the text's left edge and `HEADER_DISTANCE_MM` from the top (inside
/// what every printer prints).
pub const DRAFT_WIDTH_MM: f32 = 30.0;

/// Quốc hiệu and Tiêu ngữ (NĐ 30 Phụ lục I II.1), with spaces around the hyphens.
pub const NATIONAL_NAME: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";
/// The label over the recipients (ô 9b).
pub const RECIPIENTS_LABEL: &str = "Nơi nhận:";
/// The mark of a draft on page 1.
pub const DRAFT_MARK: &str = "DỰ THẢO";

pub const MM_PER_PT: f32 = 25.4 / 72.0;

/// A table row estimated taller than half the text height may break across
/// pages (Word and LibreOffice break a row taller than a page anyway).
pub const ROW_KEPT_WHOLE_MAX_PT: f32 = (PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM) / MM_PER_PT / 2.0;

/// A table cell's height estimated from the characters of its lines, at half an
/// em a character (Times averages less: the estimate errs tall), in a column
/// `width` of the text width; tables are single-spaced, a line of Times 1.15 em.
pub fn cell_height_pt(lines: impl Iterator<Item = usize>, width: f32) -> f32 {
    let room = width * TEXT_WIDTH_MM / MM_PER_PT - 2.0 * TABLE_PADDING_X_PT;
    let per_line = (room / (0.5 * SIZE_TABLE)).max(1.0);
    let count: f32 = lines.map(|n| (n as f32 / per_line).ceil().max(1.0)).sum();
    count * SIZE_TABLE * 1.15 * SINGLE_SPACING + 2.0 * TABLE_PADDING_Y_PT
}
