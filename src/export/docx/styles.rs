//! The named styles of the DOCX (`word/styles.xml`): every element of the
//! document has a paragraph style with a Vietnamese name, so that a clerk who
//! changes "Nội dung" in Word restyles the body text and nothing else.
//! Figures come from the layout module; the body carries no direct formatting
//! but what a single paragraph needs (a rule's length, a long issuer's size).

use super::props::{body, hp, line_240, tw, tw_pt, Align, Border, LineRule, PPr, RPr, Spacing};
use super::xml::Xml;
use crate::layout as l;

/// Style ids, as the document refers to them.
pub mod id {
    pub const NORMAL: &str = "Normal";
    pub const BODY: &str = "NoiDung";
    pub const HEADING_PART: &str = "Heading1";
    pub const HEADING_CLAUSE: &str = "Heading2";
    pub const HEADING_POINT: &str = "Heading3";
    pub const CENTERED: &str = "DongGiua";
    pub const KIND: &str = "TenLoai";
    pub const SUMMARY: &str = "TrichYeu";
    pub const ATTACHED: &str = "KemTheo";
    pub const AUTHORITY: &str = "ThamQuyen";
    pub const PARENT: &str = "CoQuanChuQuan";
    pub const ISSUER: &str = "CoQuanBanHanh";
    pub const NATIONAL_NAME: &str = "QuocHieu";
    pub const MOTTO: &str = "TieuNgu";
    pub const NUMBER: &str = "SoKyHieu";
    pub const PLACE_DATE: &str = "DiaDanhNgay";
    pub const RULE: &str = "DuongKe";
    pub const RECIPIENTS_LABEL: &str = "NoiNhanNhan";
    pub const RECIPIENT: &str = "NoiNhan";
    pub const SIGNER_TITLE: &str = "ChucVuKy";
    pub const SIGNATURE_SPACE: &str = "KhoangKy";
    pub const SIGNER_NAME: &str = "HoTenKy";
    pub const TABLE: &str = "NoiDungBang";
    pub const TABLE_HEADING: &str = "TieuDeBang";
    pub const FOOTNOTE_TEXT: &str = "FootnoteText";
    pub const FOOTNOTE_REFERENCE: &str = "FootnoteReference";
    pub const PAGE_NUMBER: &str = "Header";
    pub const DRAFT: &str = "DauDuThao";
    pub const SPACER: &str = "DongDem";
    pub const TABLE_GRID: &str = "TableGrid";
}

pub struct StyleDef<'a> {
    pub id: &'static str,
    /// The name Word and LibreOffice show.
    pub name: &'static str,
    pub based_on: Option<&'static str>,
    pub character: bool,
    pub p: PPr<'a>,
    pub r: RPr<'a>,
}

/// The sizes NĐ 30 allows each element (Phụ lục I; nd30.md §3), in points: what a
/// reference template may choose from. None: the style is geometry, not text.
fn size_range(id: &str) -> Option<(f32, f32)> {
    use id::*;
    Some(match id {
        PARENT | ISSUER | NATIONAL_NAME => (12.0, 13.0),
        NUMBER => (13.0, 13.0),
        RECIPIENTS_LABEL => (12.0, 12.0),
        RECIPIENT => (11.0, 11.0),
        TABLE | TABLE_HEADING => (10.0, 14.0),
        FOOTNOTE_TEXT => (10.0, 12.0),
        RULE | SPACER | SIGNATURE_SPACE | FOOTNOTE_REFERENCE | NORMAL => return None,
        _ => (13.0, 14.0),
    })
}

/// Takes from a reference template what NĐ 30 leaves to the office: fonts, sizes
/// inside each element's range, and the body's spacing inside the decree's limits
/// (≥ 6 pt after a paragraph, single to 1.5 lines, first line 1–1.27 cm).
pub fn apply<'a>(defs: &mut [StyleDef<'a>], reference: &'a super::reference::Reference) {
    for d in defs.iter_mut() {
        let Some(r) = reference.style(d.id, d.name) else { continue };
        if let Some(font) = &r.font {
            d.r.font = Some(font);
        }
        if let (Some(size), Some((low, high))) = (r.size, size_range(d.id)) {
            let size = size.clamp(low, high);
            if d.r.size.is_some() || size != l::SIZE_BODY {
                d.r.size = Some(size);
            }
        }
        if d.id == id::BODY {
            let mut spacing = d.p.spacing.unwrap_or(Spacing::TIGHT);
            if let Some(after) = r.after {
                spacing.after = after.max(tw_pt(6.0));
            }
            if let Some(before) = r.before {
                spacing.before = before.max(0);
            }
            if let Some((line, true)) = r.line {
                spacing.line = line.clamp(240, 360);
            }
            d.p.spacing = Some(spacing);
            if let (Some(first), Some((left, right, _))) = (r.first_line, d.p.indent) {
                d.p.indent = Some((left, right, first.clamp(tw(10.0), tw(12.7))));
            }
        }
    }
}

fn centered(before: i32) -> PPr<'static> {
    PPr { spacing: Some(Spacing::TIGHT.before(before)), align: Some(Align::Center), ..PPr::default() }
}

fn size(pt: f32, bold: bool, italic: bool) -> RPr<'static> {
    RPr { size: Some(pt), bold, italic, ..RPr::default() }
}

fn para(id: &'static str, name: &'static str, p: PPr<'static>, r: RPr<'static>) -> StyleDef<'static> {
    StyleDef { id, name, based_on: Some(id::NORMAL), character: false, p, r }
}

/// The styles, base styles first.
pub fn all() -> Vec<StyleDef<'static>> {
    use id::*;
    // Headings look like body paragraphs but are not based on "Nội dung": restyling
    // the body text in Word leaves them as they are.
    let heading = |outline: u8| PPr { keep_next: true, outline: Some(outline), ..body() };
    let keep = |p: PPr<'static>| PPr { keep_next: true, ..p };
    vec![
        StyleDef {
            id: NORMAL,
            name: "Normal",
            based_on: None,
            character: false,
            // Widow and orphan control is declared, as the PDF applies it.
            p: PPr { widow_control: true, ..PPr::default() },
            r: RPr::default(),
        },
        para(BODY, "Nội dung", body(), RPr::default()),
        para(HEADING_PART, "Đề mục cấp phần", heading(0), size(l::SIZE_BODY, true, false)),
        para(HEADING_CLAUSE, "Đề mục cấp khoản", heading(1), size(l::SIZE_BODY, true, false)),
        para(HEADING_POINT, "Đề mục cấp điểm", heading(2), size(l::SIZE_BODY, true, true)),
        StyleDef {
            ..para(
                CENTERED,
                "Dòng giữa",
                PPr { indent: Some((0, 0, 0)), align: Some(Align::Center), keep_next: true, ..body() },
                size(l::SIZE_BODY, true, false),
            )
        },
        para(KIND, "Tên loại văn bản", keep(centered(360)), size(l::SIZE_TITLE, true, false)),
        para(SUMMARY, "Trích yếu", keep(centered(0)), size(l::SIZE_TITLE, true, false)),
        para(ATTACHED, "Kèm theo văn bản", keep(centered(0)), size(l::SIZE_TITLE, false, true)),
        para(AUTHORITY, "Thẩm quyền ban hành", keep(centered(120)), size(l::SIZE_TITLE, true, false)),
        para(PARENT, "Cơ quan chủ quản", centered(0), size(l::SIZE_PARENT, false, false)),
        para(ISSUER, "Cơ quan ban hành", centered(0), size(l::SIZE_ISSUER, true, false)),
        para(NATIONAL_NAME, "Quốc hiệu", centered(0), size(l::SIZE_NATIONAL_NAME, true, false)),
        para(MOTTO, "Tiêu ngữ", centered(0), size(l::SIZE_MOTTO, true, false)),
        para(NUMBER, "Số, ký hiệu", centered(120), size(l::SIZE_NUMBER, false, false)),
        para(PLACE_DATE, "Địa danh, ngày tháng", centered(120), size(l::SIZE_PLACE_DATE, false, true)),
        para(
            RULE,
            "Đường kẻ",
            PPr {
                keep_next: true,
                border: Some(Border::Bottom { eighths: super::props::eighths(l::RULE_PT), space: 1 }),
                spacing: Some(Spacing { before: 0, after: 60, line: 120, rule: LineRule::Exact }),
                align: Some(Align::Center),
                ..PPr::default()
            },
            RPr { size: Some(2.0), ..RPr::default() },
        ),
        para(
            RECIPIENTS_LABEL,
            "Nơi nhận (nhãn)",
            PPr { keep_next: true, spacing: Some(Spacing::TIGHT), ..PPr::default() },
            size(l::SIZE_RECIPIENTS_LABEL, true, true),
        ),
        para(
            RECIPIENT,
            "Nơi nhận",
            PPr { keep_next: true, spacing: Some(Spacing::TIGHT), ..PPr::default() },
            size(l::SIZE_RECIPIENTS, false, false),
        ),
        para(SIGNER_TITLE, "Chức vụ người ký", keep(centered(0)), size(l::SIZE_SIGNATURE, true, false)),
        para(
            SIGNATURE_SPACE,
            "Khoảng ký",
            PPr {
                keep_next: true,
                spacing: Some(Spacing { before: 0, after: 0, line: tw(l::SIGNATURE_GAP_MM), rule: LineRule::Exact }),
                ..PPr::default()
            },
            RPr::default(),
        ),
        para(SIGNER_NAME, "Họ tên người ký", centered(0), size(l::SIZE_SIGNATURE, true, false)),
        para(
            TABLE,
            "Nội dung bảng",
            PPr { spacing: Some(Spacing::TIGHT), ..PPr::default() },
            size(l::SIZE_TABLE, false, false),
        ),
        StyleDef {
            based_on: Some(TABLE),
            ..para(
                TABLE_HEADING,
                "Tiêu đề bảng",
                PPr { align: Some(Align::Center), ..PPr::default() },
                size(l::SIZE_TABLE, true, false),
            )
        },
        para(
            FOOTNOTE_TEXT,
            "Chú thích",
            PPr { spacing: Some(Spacing::TIGHT), align: Some(Align::Both), ..PPr::default() },
            size(l::SIZE_FOOTNOTE, false, false),
        ),
        StyleDef {
            id: FOOTNOTE_REFERENCE,
            // Word's built-in name (Word shows it in its own language): LibreOffice knows
            // the style by it and only then raises the number in the note itself.
            name: "footnote reference",
            based_on: None,
            character: true,
            p: PPr::default(),
            r: RPr { superscript: true, ..RPr::default() },
        },
        para(PAGE_NUMBER, "Số trang", centered(0), size(l::SIZE_PAGE_NUMBER, false, false)),
        para(
            DRAFT,
            "Dấu dự thảo",
            PPr {
                border: Some(Border::Box {
                    eighths: super::props::eighths(l::DRAFT_STROKE_PT),
                    space: l::DRAFT_PADDING_PT as i32,
                }),
                spacing: Some(Spacing::TIGHT),
                indent: Some((0, tw(l::TEXT_WIDTH_MM - l::DRAFT_WIDTH_MM), 0)),
                align: Some(Align::Center),
                ..PPr::default()
            },
            size(l::SIZE_TITLE, true, false),
        ),
        // The paragraph a table must be followed by, and the one that ends a section:
        // one point high, so that it never moves a page break.
        para(
            SPACER,
            "Dòng đệm",
            PPr { spacing: Some(Spacing { before: 0, after: 0, line: 20, rule: LineRule::Exact }), ..PPr::default() },
            RPr { size: Some(1.0), ..RPr::default() },
        ),
    ]
}

/// `word/styles.xml`.
pub fn styles_xml(defs: &[StyleDef], font: &str) -> Vec<u8> {
    let mut x = Xml::new(8 << 10);
    x.open("w:styles", &[("xmlns:w", super::NS_W.into())]);
    x.open("w:docDefaults", &[]);
    x.open("w:rPrDefault", &[]);
    x.open("w:rPr", &[]);
    x.empty(
        "w:rFonts",
        &[("w:ascii", font.into()), ("w:eastAsia", font.into()), ("w:hAnsi", font.into()), ("w:cs", font.into())],
    );
    x.val("w:sz", hp(l::SIZE_BODY));
    x.val("w:szCs", hp(l::SIZE_BODY));
    // Word proofs the text as Vietnamese.
    x.empty("w:lang", &[("w:val", "vi-VN".into()), ("w:eastAsia", "vi-VN".into()), ("w:bidi", "ar-SA".into())]);
    x.close("w:rPr");
    x.close("w:rPrDefault");
    x.open("w:pPrDefault", &[]);
    PPr { spacing: Some(Spacing { line: line_240(l::SINGLE_SPACING), ..Spacing::TIGHT }), ..PPr::default() }
        .write(&mut x, None, None);
    x.close("w:pPrDefault");
    x.close("w:docDefaults");
    for d in defs {
        let kind = if d.character { "character" } else { "paragraph" };
        let mut attrs = vec![("w:type", kind.into()), ("w:styleId", d.id.into())];
        if d.id == id::NORMAL {
            attrs.push(("w:default", "1".into()));
        }
        x.open("w:style", &attrs);
        x.val("w:name", d.name);
        if let Some(base) = d.based_on {
            x.val("w:basedOn", base);
        }
        if !d.character {
            x.val("w:next", if d.id == id::BODY || d.id.starts_with("Heading") { id::BODY } else { d.id });
        }
        x.empty("w:qFormat", &[]);
        d.p.write(&mut x, None, None);
        d.r.write(&mut x);
        x.close("w:style");
    }
    // The appendix and comparison tables: a grid of thin lines.
    x.open("w:style", &[("w:type", "table".into()), ("w:styleId", id::TABLE_GRID.into())]);
    x.val("w:name", "Bảng lưới");
    x.open("w:tblPr", &[]);
    x.open("w:tblBorders", &[]);
    for tag in ["w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"] {
        x.empty(
            tag,
            &[
                ("w:val", "single".into()),
                ("w:sz", super::props::eighths(l::RULE_PT).into()),
                ("w:space", 0.into()),
                ("w:color", "000000".into()),
            ],
        );
    }
    x.close("w:tblBorders");
    x.open("w:tblCellMar", &[]);
    for (tag, w) in [
        ("w:top", tw_pt(l::TABLE_PADDING_Y_PT)),
        ("w:left", tw_pt(l::TABLE_PADDING_X_PT)),
        ("w:bottom", tw_pt(l::TABLE_PADDING_Y_PT)),
        ("w:right", tw_pt(l::TABLE_PADDING_X_PT)),
    ] {
        x.empty(tag, &[("w:w", w.into()), ("w:type", "dxa".into())]);
    }
    x.close("w:tblCellMar");
    x.close("w:tblPr");
    x.close("w:style");
    x.close("w:styles");
    x.into_bytes()
}
