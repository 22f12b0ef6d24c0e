//! Document meta (ô 3, 4, 5a of NĐ 30), the issuer (ô 2) and the issuing decision.

use super::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Spanned;

/// Kind of administrative document (tên loại), with its NĐ 30 abbreviation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    KeHoach,
    ChuongTrinh,
    PhuongAn,
    DeAn,
    HuongDan,
    QuyetDinh,
}

impl DocumentKind {
    /// Tên loại as written in running text ("Kế hoạch").
    pub fn name(self) -> &'static str {
        match self {
            Self::KeHoach => "Kế hoạch",
            Self::ChuongTrinh => "Chương trình",
            Self::PhuongAn => "Phương án",
            Self::DeAn => "Đề án",
            Self::HuongDan => "Hướng dẫn",
            Self::QuyetDinh => "Quyết định",
        }
    }

    /// Abbreviation for the ký hiệu (NĐ 30, Phụ lục III).
    pub fn abbr(self) -> &'static str {
        match self {
            Self::KeHoach => "KH",
            Self::ChuongTrinh => "CTr",
            Self::PhuongAn => "PA",
            Self::DeAn => "ĐA",
            Self::HuongDan => "HD",
            Self::QuyetDinh => "QĐ",
        }
    }
}

/// Whether the plan is still a draft (dự thảo) or ready to be issued.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Draft,
    #[default]
    Final,
}

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentMeta {
    /// Tên loại: "ke-hoach" → "KẾ HOẠCH", ký hiệu "KH".
    pub kind: Spanned<DocumentKind>,
    /// Số: the running number in the issuer's year; blank until the văn thư assigns it.
    #[serde(default)]
    pub number: Option<Spanned<u32>>,
    /// Ký hiệu after the number, e.g. "KH-UBND"; derived from kind + issuer abbreviation if absent.
    #[serde(default)]
    pub code: Option<Spanned<String>>,
    /// Địa danh (place of issue), e.g. "Sơn La".
    pub place: Spanned<String>,
    /// Ngày ban hành (a TOML date, 2023-04-03); blank until issued.
    #[serde(default)]
    pub date: Option<Spanned<Date>>,
    /// Trích yếu, in sentence case.
    pub summary: Spanned<String>,
    /// Plan period [first year, last year].
    #[serde(default)]
    pub period: Option<Spanned<(i32, i32)>>,
    /// The year of a "tầm nhìn đến năm 2030" (vision) beyond the period: milestones
    /// may run to it.
    #[serde(default)]
    pub vision: Option<Spanned<i32>>,
    /// "draft" or "final" (default).
    #[serde(default)]
    pub status: Status,
    /// How the parts are headed: "roman" (I., II.; default), "letter" (A., B.),
    /// "ordinal" (Phần thứ nhất, Phần thứ hai) or "none" (no part headings).
    #[serde(default)]
    pub parts: PartStyle,
}

/// The heading style of a plan's parts (`[document] parts`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PartStyle {
    /// "I. MỤC ĐÍCH, YÊU CẦU".
    #[default]
    Roman,
    /// "A. MỤC ĐÍCH, YÊU CẦU".
    Letter,
    /// "Phần thứ nhất" centred, the title in capitals under it.
    Ordinal,
    /// No heading: the parts' text follows the preamble directly (clauses 1., 2.).
    None,
}

impl PartStyle {
    /// The numeral of part `n` (1-based) as its heading prints it ("IV", "D"), which
    /// text cites ("Như mục IV"); roman for parts that show no numeral.
    pub fn numeral(self, n: usize) -> String {
        match self {
            PartStyle::Letter => crate::vi::number::part_letter(n),
            _ => crate::vi::number::roman(n),
        }
    }

    /// Whether the parts' headings show their numeral ("I.", "A."), so text can cite them.
    pub fn numbered(self) -> bool {
        matches!(self, PartStyle::Roman | PartStyle::Letter)
    }
}

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// Cơ quan chủ quản, if any, e.g. "Ủy ban nhân dân huyện Cẩm Giàng".
    #[serde(default)]
    pub parent: Option<Spanned<String>>,
    /// Cơ quan ban hành, e.g. "Ủy ban nhân dân tỉnh Sơn La".
    pub name: Spanned<String>,
    /// Abbreviation used in the ký hiệu, e.g. "UBND", "PGDĐT".
    pub abbr: Spanned<String>,
    /// Header lines of the issuer name, when the automatic line break is not wanted.
    #[serde(default)]
    pub header_lines: Vec<Spanned<String>>,
}

/// The Quyết định that issues the plan as its attachment.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    #[serde(default)]
    pub number: Option<Spanned<u32>>,
    #[serde(default)]
    pub code: Option<Spanned<String>>,
    #[serde(default)]
    pub date: Option<Spanned<Date>>,
    /// Trích yếu of the decision, e.g. "Ban hành Kế hoạch thực hiện …".
    pub summary: Spanned<String>,
    /// Who decides, above the căn cứ lines, e.g. "Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Long".
    pub authority: Spanned<String>,
    /// Căn cứ lines, printed in italics, each ending ";" and the last "." (unless
    /// `punctuate = false`).
    #[serde(default)]
    pub bases: Vec<Spanned<String>>,
    /// "Theo đề nghị của …", printed after the căn cứ lines.
    #[serde(default)]
    pub proposal: Option<Spanned<String>>,
    /// Whether the căn cứ and proposal lines get their ";" and "." (default); false
    /// prints them exactly as written, with the source's own punctuation.
    #[serde(default = "yes")]
    pub punctuate: bool,
    /// Điều 1, 2, 3, … in order. Markdown: an article may have several paragraphs,
    /// khoản ("1.") and điểm ("a)").
    pub articles: Vec<Spanned<String>>,
    /// Text after the last article (Markdown), e.g. "Quyết định này có hiệu lực …"
    /// when a source writes it outside the articles.
    #[serde(default)]
    pub after: Option<Spanned<String>>,
    /// The line the attached plan carries under its title, "(Kèm theo Quyết định số …)":
    /// its first words ("Ban hành kèm theo"), or "" for no line.
    #[serde(default)]
    pub attached: Option<Spanned<String>>,
    /// The first recipient line, "- Như Điều N;" (N the last article): other
    /// wording ("Như Điều 2, Điều 3"), or "" for none.
    #[serde(default)]
    pub recipients_first: Option<Spanned<String>>,
}

fn yes() -> bool {
    true
}
