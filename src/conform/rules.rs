//! The NĐ 30 rules a DOCX shows, as data: a stable id that cites the decree
//! (Phụ lục I, mục, khoản), the element it applies to, a severity, and the
//! decree's own figures. Descriptions are message keys "rule.<id>" in every
//! language; `kehoach rules` and the README's table are made from this list.

use crate::diag::Severity;

/// What part of the document a rule looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    PageSize,
    Margins,
    Font,
    PageNumber,
    Header,
    Number,
    PlaceDate,
    Title,
    Basis,
    Headings,
    Body,
    Signature,
    Recipients,
    Appendix,
    Urgency,
    Abbreviation,
    Capitals,
}

impl Category {
    /// The key of its name in the message tables (`kehoach rules`' "nhóm" column).
    pub fn label_key(self) -> &'static str {
        match self {
            Category::PageSize => "category.page-size",
            Category::Margins => "category.margins",
            Category::Font => "category.font",
            Category::Basis => "category.basis",
            Category::Headings => "category.headings",
            Category::Appendix => "category.appendix",
            Category::Urgency => "category.urgency",
            Category::Header => "category.header",
            Category::Number => "category.number",
            Category::PlaceDate => "category.place-date",
            Category::Title => "category.title",
            Category::Body => "category.body",
            Category::Signature => "category.signature",
            Category::Recipients => "category.recipients",
            Category::PageNumber => "category.page-number",
            Category::Abbreviation => "category.abbreviation",
            Category::Capitals => "category.capitals",
        }
    }

    /// Every category, in the order of the README's table.
    pub const ALL: [Category; 17] = [
        Category::PageSize,
        Category::Margins,
        Category::Font,
        Category::PageNumber,
        Category::Header,
        Category::Number,
        Category::PlaceDate,
        Category::Title,
        Category::Basis,
        Category::Headings,
        Category::Body,
        Category::Signature,
        Category::Recipients,
        Category::Appendix,
        Category::Urgency,
        Category::Abbreviation,
        Category::Capitals,
    ];

    /// How many DOCX-visible rules the most complete open-source NĐ 30 rule set
    /// (435 rules in all) has in this category: the anchor the README compares with.
    pub fn anchor_count(self) -> usize {
        match self {
            Category::PageSize => 3,
            Category::Margins => 4,
            Category::Font => 3,
            Category::PageNumber => 5,
            Category::Header => 21,
            Category::Number => 9,
            Category::PlaceDate => 10,
            Category::Title => 10,
            Category::Basis => 6,
            Category::Headings => 6,
            Category::Body => 6,
            Category::Signature => 2,
            Category::Recipients => 12,
            Category::Appendix => 12,
            Category::Urgency => 2,
            Category::Abbreviation => 30,
            Category::Capitals => 29,
        }
    }
}

pub struct Rule {
    pub id: &'static str,
    pub category: Category,
    pub severity: Severity,
}

macro_rules! rules {
    ($($name:ident = $id:literal, $cat:ident, $sev:ident;)*) => {
        $(pub const $name: &str = $id;)*
        /// Every rule, in the decree's order.
        pub const RULES: &[Rule] = &[$(Rule { id: $id, category: Category::$cat, severity: Severity::$sev }),*];
    };
}

rules! {
    PAPER = "nd30.pl1.i.1.paper-a4", PageSize, Error;
    PORTRAIT = "nd30.pl1.i.2.portrait", PageSize, Warning;
    MARGIN_TOP = "nd30.pl1.i.3.margin-top", Margins, Error;
    MARGIN_BOTTOM = "nd30.pl1.i.3.margin-bottom", Margins, Error;
    MARGIN_LEFT = "nd30.pl1.i.3.margin-left", Margins, Error;
    MARGIN_RIGHT = "nd30.pl1.i.3.margin-right", Margins, Error;
    FONT = "nd30.pl1.i.4.font", Font, Error;
    FONT_COLOR = "nd30.pl1.i.4.font-color", Font, Warning;
    PAGE_NUMBER_MISSING = "nd30.pl1.iii.1.page-number-missing", PageNumber, Error;
    PAGE_NUMBER_FIRST = "nd30.pl1.iii.1.page-number-first", PageNumber, Error;
    PAGE_NUMBER_POSITION = "nd30.pl1.iii.1.page-number-position", PageNumber, Error;
    PAGE_NUMBER_ARABIC = "nd30.pl1.iii.1.page-number-arabic", PageNumber, Error;
    PAGE_NUMBER_START = "nd30.pl1.iii.1.page-number-start", PageNumber, Error;
    NATIONAL_NAME = "nd30.pl1.ii.1a.national-name", Header, Error;
    NATIONAL_NAME_FORM = "nd30.pl1.ii.1a.national-name-form", Header, Error;
    MOTTO = "nd30.pl1.ii.1b.motto", Header, Error;
    MOTTO_PLACE = "nd30.pl1.ii.1b.motto-place", Header, Error;
    MOTTO_FORM = "nd30.pl1.ii.1b.motto-form", Header, Error;
    MOTTO_RULE = "nd30.pl1.ii.1b.motto-rule", Header, Error;
    ISSUER_FORM = "nd30.pl1.ii.2.issuer-form", Header, Error;
    ISSUER_BOLD = "nd30.pl1.ii.2b.issuer-bold", Header, Error;
    PARENT_BOLD = "nd30.pl1.ii.2a.parent-upright", Header, Warning;
    ISSUER_RULE = "nd30.pl1.ii.2b.issuer-rule", Header, Error;
    NUMBER_FORM = "nd30.pl1.ii.3.number-form", Number, Error;
    NUMBER_ZERO = "nd30.pl1.ii.3c.number-zero", Number, Error;
    NUMBER_YEAR = "nd30.pl1.ii.3b.number-year", Number, Warning;
    NUMBER_SIZE = "nd30.pl1.ii.3.number-size", Number, Warning;
    PLACE_DATE = "nd30.pl1.ii.4.place-date", PlaceDate, Error;
    DATE_ZERO = "nd30.pl1.ii.4b.date-zero", PlaceDate, Error;
    DATE_REAL = "nd30.pl1.ii.4b.date-real", PlaceDate, Error;
    PLACE_DATE_FORM = "nd30.pl1.ii.4.place-date-form", PlaceDate, Error;
    KIND_FORM = "nd30.pl1.ii.5a.kind-form", Title, Error;
    SUMMARY_FORM = "nd30.pl1.ii.5a.summary-form", Title, Error;
    SUMMARY_CASE = "nd30.pl1.ii.5a.summary-case", Title, Warning;
    SUMMARY_NO_VV = "nd30.pl1.ii.5b.summary-no-vv", Title, Warning;
    SUMMARY_RULE = "nd30.pl1.ii.5b.summary-rule", Title, Warning;
    BASIS_FORM = "nd30.pl1.ii.6a.basis-form", Basis, Error;
    BASIS_PUNCTUATION = "nd30.pl1.ii.6a.basis-punctuation", Basis, Warning;
    HEADING_FORM = "nd30.pl1.ii.6dd.heading-form", Headings, Error;
    HEADING_ORDER = "nd30.pl1.ii.6c.heading-order", Headings, Error;
    PART_LABEL = "nd30.pl1.ii.6dd.part-label", Headings, Error;
    ARTICLE_FORM = "nd30.pl1.ii.6dd.article-form", Headings, Error;
    POINT_FORM = "nd30.pl1.ii.6dd.point-form", Headings, Warning;
    BODY_SIZE = "nd30.pl1.ii.6.body-size", Body, Error;
    BODY_JUSTIFY = "nd30.pl1.ii.6.body-justify", Body, Warning;
    BODY_INDENT = "nd30.pl1.ii.6.body-indent", Body, Warning;
    BODY_UPRIGHT = "nd30.pl1.ii.6.body-upright", Body, Warning;
    BODY_SPACING = "nd30.pl1.ii.6e.paragraph-spacing", Body, Warning;
    BODY_LINE_SPACING = "nd30.pl1.ii.6e.line-spacing", Body, Warning;
    END_MARK = "nd30.pl3.end-mark", Body, Warning;
    SIGNER_FORM = "nd30.pl1.ii.7.signer-form", Signature, Error;
    AUTHORITY_FORM = "nd30.pl1.ii.7b.authority-form", Signature, Error;
    SIGNER_TITLE = "nd30.pl1.ii.7c.no-academic-title", Signature, Warning;
    RECIPIENTS_LABEL = "nd30.pl1.ii.9b.recipients-label", Recipients, Error;
    RECIPIENTS_SIZE = "nd30.pl1.ii.9b.recipients-size", Recipients, Error;
    RECIPIENTS_ITEMS = "nd30.pl1.ii.9b.recipients-items", Recipients, Warning;
    RECIPIENTS_ARCHIVE = "nd30.pl1.ii.9b.archive", Recipients, Error;
    ADDRESSEE_FORM = "nd30.pl1.ii.9a.addressee-form", Recipients, Error;
    ADDRESSEE_KIND = "nd30.pl1.ii.9a.addressee-kind", Recipients, Warning;
    APPENDIX_LABEL = "nd30.pl1.iii.1b.appendix-label", Appendix, Error;
    APPENDIX_TITLE = "nd30.pl1.iii.1b.appendix-title", Appendix, Error;
    APPENDIX_REFERENCE = "nd30.pl1.iii.1b.appendix-reference", Appendix, Error;
    APPENDIX_NUMBERING = "nd30.pl1.iii.1a.appendix-numbering", Appendix, Error;
    URGENCY_NAME = "nd30.pl1.iii.2b.urgency-name", Urgency, Error;
    URGENCY_FORM = "nd30.pl1.iii.2b.urgency-form", Urgency, Error;
    KIND_ABBREVIATION = "nd30.pl3.kind-abbreviation", Abbreviation, Error;
    OLD_ABBREVIATION = "nd30.pl3.old-abbreviation", Abbreviation, Error;
    LETTER_NO_KIND = "nd30.pl1.ii.3b.letter-no-kind", Abbreviation, Error;
    AGENCY_CAPITALS = "nd30.pl2.iv.1a.agency-capitals", Capitals, Warning;
    COUNCIL_CASE = "nd30.pl2.iv.1a.people-committee", Capitals, Warning;
    ADMIN_UNIT_CASE = "nd30.pl2.iii.1.admin-unit", Capitals, Warning;
    CITATION_CASE = "nd30.pl2.v.7.citation-case", Capitals, Warning;
    DOCUMENT_KIND_CASE = "nd30.pl2.v.6.document-kind", Capitals, Warning;
}

/// Phụ lục III: the abbreviation of each kind of administrative document in its ký hiệu.
pub const KIND_ABBREVIATIONS: &[(&str, &str)] = &[
    ("NGHỊ QUYẾT", "NQ"),
    ("QUYẾT ĐỊNH", "QĐ"),
    ("CHỈ THỊ", "CT"),
    ("QUY CHẾ", "QC"),
    ("QUY ĐỊNH", "QyĐ"),
    ("THÔNG CÁO", "TC"),
    ("THÔNG BÁO", "TB"),
    ("HƯỚNG DẪN", "HD"),
    ("CHƯƠNG TRÌNH", "CTr"),
    ("KẾ HOẠCH", "KH"),
    ("PHƯƠNG ÁN", "PA"),
    ("ĐỀ ÁN", "ĐA"),
    ("DỰ ÁN", "DA"),
    ("BÁO CÁO", "BC"),
    ("BIÊN BẢN", "BB"),
    ("TỜ TRÌNH", "TTr"),
    ("HỢP ĐỒNG", "HĐ"),
    ("CÔNG ĐIỆN", "CĐ"),
    ("BẢN GHI NHỚ", "BGN"),
    ("BẢN THỎA THUẬN", "BTT"),
    ("GIẤY ỦY QUYỀN", "GUQ"),
    ("GIẤY MỜI", "GM"),
    ("GIẤY GIỚI THIỆU", "GGT"),
    ("GIẤY NGHỈ PHÉP", "GNP"),
    ("PHIẾU GỬI", "PG"),
    ("PHIẾU CHUYỂN", "PC"),
    ("PHIẾU BÁO", "PB"),
];

/// Abbreviations of TT 01/2011 that Phụ lục III replaced.
pub const OLD_ABBREVIATIONS: &[(&str, &str)] = &[("GN", "BGN"), ("TTh", "BTT"), ("UQ", "GUQ"), ("NP", "GNP")];

/// The urgency levels (Phụ lục I, III.2.b), as the decree spells them.
pub const URGENCY: &[&str] = &["HỎA TỐC", "THƯỢNG KHẨN", "KHẨN"];

/// Quyền hạn of a signer (Phụ lục I, II.7.b).
pub const AUTHORITIES: &[&str] = &["TM.", "KT.", "TL.", "TUQ.", "Q."];

/// Titles and degrees that do not go before a signer's name (II.7.c).
pub const ACADEMIC_TITLES: &[&str] = &["GS.", "PGS.", "TS.", "ThS.", "KS.", "BS.", "CN.", "GS.TS.", "PGS.TS."];

/// Phụ lục II IV.1.a: the field in a body's name, as the decree writes it: the first
/// letter of each phrase of the field in capitals ("Sở Y tế", "Bộ Giáo dục và Đào tạo",
/// "Sở Lao động - Thương binh và Xã hội"), after "Sở", "Bộ" or "Phòng". Written in any
/// other case ("Sở y tế", "Sở Y Tế") it is wrong. Longer names first.
pub const AGENCY_FIELDS: &[&str] = &[
    "Lao động - Thương binh và Xã hội",
    "Nông nghiệp và Phát triển nông thôn",
    "Kinh tế, Hạ tầng và Đô thị",
    "Văn hóa, Thể thao và Du lịch",
    "Thông tin và Truyền thông",
    "Tài nguyên và Môi trường",
    "Nông nghiệp và Môi trường",
    "Khoa học và Công nghệ",
    "Giáo dục và Đào tạo",
    "Tài chính - Kế hoạch",
    "Văn hóa - Xã hội",
    "Văn hóa và Thông tin",
    "Kế hoạch và Đầu tư",
    "Dân tộc và Tôn giáo",
    "Giao thông vận tải",
    "Công Thương",
    "Kinh tế",
    "Tài chính",
    "Xây dựng",
    "Ngoại vụ",
    "Tư pháp",
    "Lao động",
    "Văn hóa",
    "Nội vụ",
    "Y tế",
];

pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// The decree's figures the rules check (Phụ lục I).
pub mod figure {
    /// A4 in twentieths of a point, with a tolerance of 1 mm.
    pub const A4_TW: (i64, i64) = (11906, 16838);
    pub const PAPER_TOLERANCE_TW: i64 = 57;
    /// Margins in mm (Phụ lục I, I.3).
    pub const TOP_MM: (f32, f32) = (20.0, 25.0);
    pub const BOTTOM_MM: (f32, f32) = (20.0, 25.0);
    pub const LEFT_MM: (f32, f32) = (30.0, 35.0);
    pub const RIGHT_MM: (f32, f32) = (15.0, 20.0);
    /// The font and the quốc hiệu and tiêu ngữ texts, as kehoach writes them.
    pub use crate::layout::{FONT, MOTTO, NATIONAL_NAME};
    /// Sizes in points (Phụ lục I, II and III).
    pub const NATIONAL_NAME_PT: (f32, f32) = (12.0, 13.0);
    pub const MOTTO_PT: (f32, f32) = (13.0, 14.0);
    pub const ISSUER_PT: (f32, f32) = (12.0, 13.0);
    pub const PLACE_DATE_PT: (f32, f32) = (13.0, 14.0);
    pub const TITLE_PT: (f32, f32) = (13.0, 14.0);
    pub const BODY_PT: (f32, f32) = (13.0, 14.0);
    pub const SIGNER_PT: (f32, f32) = (13.0, 14.0);
    pub const RECIPIENTS_LABEL_PT: (f32, f32) = (12.0, 12.0);
    pub const RECIPIENTS_PT: (f32, f32) = (11.0, 11.0);
    pub const PAGE_NUMBER_PT: (f32, f32) = (13.0, 14.0);
    pub const NUMBER_PT: (f32, f32) = (13.0, 13.0);
    pub const BASIS_PT: (f32, f32) = (13.0, 14.0);
    pub const HEADING_PT: (f32, f32) = (13.0, 14.0);
    pub const ADDRESSEE_PT: (f32, f32) = (13.0, 14.0);
    pub const APPENDIX_LABEL_PT: (f32, f32) = (14.0, 14.0);
    pub const APPENDIX_TITLE_PT: (f32, f32) = (13.0, 14.0);
    pub const URGENCY_PT: (f32, f32) = (13.0, 14.0);
    /// At least 6 pt between paragraphs; line spacing from single to 1.5 lines (II.6.e).
    pub const PARAGRAPH_GAP_PT: f32 = 6.0;
    pub const LINE_SPACING: (f32, f32) = (1.0, 1.5);
    /// First-line indent of body paragraphs: 1 cm or 1.27 cm (a little slack).
    pub const INDENT_MM: (f32, f32) = (9.5, 13.0);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Lang;

    #[test]
    fn every_rule_has_a_description_in_both_languages_and_a_unique_id() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
        for r in RULES {
            assert!(r.id.starts_with("nd30.pl"), "{}", r.id);
            for lang in [Lang::Vi, Lang::En] {
                let key = format!("rule.{}", r.id);
                assert!(lang.keys().any(|k| k == key), "{key} in {lang:?}");
            }
        }
    }

    #[test]
    fn kehoach_writes_inside_the_decree_s_figures() {
        use crate::layout as l;
        let within = |v: f32, (lo, hi): (f32, f32)| v >= lo && v <= hi;
        assert!(within(l::MARGIN_TOP_MM, figure::TOP_MM) && within(l::MARGIN_BOTTOM_MM, figure::BOTTOM_MM));
        assert!(within(l::MARGIN_LEFT_MM, figure::LEFT_MM) && within(l::MARGIN_RIGHT_MM, figure::RIGHT_MM));
        assert!(within(l::SIZE_BODY, figure::BODY_PT) && within(l::SIZE_MOTTO, figure::MOTTO_PT));
        assert!(within(l::SIZE_NATIONAL_NAME, figure::NATIONAL_NAME_PT));
        assert!(within(l::FIRST_LINE_INDENT_MM, figure::INDENT_MM));
    }
}
