//! The parts of a plan (I., II., …), reporting, and the indicator appendix.

use super::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Spanned;

/// Generated content a part carries after its own text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SectionContent {
    /// The objectives and their indicators.
    Objectives,
    /// The budget total and sources.
    Budget,
    /// The duties of each agency.
    Duties,
    /// The reporting deadlines.
    Reporting,
}

/// One Roman-numbered part of the plan; numbering is automatic.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Stable id, used by district plans and version comparison.
    #[serde(default)]
    pub id: Option<Spanned<String>>,
    /// Title in sentence case; printed in capitals ("MỤC ĐÍCH, YÊU CẦU").
    pub title: Spanned<String>,
    /// Text of the part, Markdown: "1. …" numbered items, "a) …" points, "- …" bullets.
    #[serde(default)]
    pub body: Option<Spanned<String>>,
    /// Generated content placed after `body`.
    #[serde(default)]
    pub content: Option<Spanned<SectionContent>>,
    /// Text after the generated content, Markdown.
    #[serde(default)]
    pub body_after: Option<Spanned<String>>,
}

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reporting {
    /// Agency that compiles the reports (id in [agencies]).
    #[serde(default)]
    pub to: Option<Spanned<String>>,
    #[serde(default)]
    pub deadlines: Vec<ReportDeadline>,
    /// Text of the reporting part, Markdown; without it a sentence is generated from the deadlines.
    #[serde(default)]
    pub body: Option<Spanned<String>>,
}

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportDeadline {
    /// e.g. "báo cáo 6 tháng".
    pub what: Spanned<String>,
    /// Due before this date.
    pub before: Spanned<Date>,
}

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appendix {
    /// Title in sentence case, e.g. "Các chỉ tiêu thực hiện Kế hoạch".
    #[serde(default)]
    pub title: Option<String>,
}

/// A further Phụ lục (`[[appendices]]`), after the indicator table of `[appendix]`:
/// a cost estimate (dự toán) or text and tables of its own. With more than one
/// appendix they are numbered Phụ lục I, II, …
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtraAppendix {
    /// Stable id, used by district plans and version comparison.
    pub id: Spanned<String>,
    /// Title in sentence case; printed in capitals under "Phụ lục".
    pub title: Spanned<String>,
    /// Its text, Markdown (tables allowed), printed after the cost items if any.
    #[serde(default)]
    pub body: Option<Spanned<String>>,
    /// A cost estimate: one row per item, with a total row; the items add up to
    /// `[budget] total` when the plan has one (checked).
    #[serde(default)]
    pub items: Vec<CostItem>,
}

/// One row of a cost estimate.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CostItem {
    /// What the money is for, e.g. "Tập huấn kỹ năng cho cán bộ làm công tác trẻ em".
    pub what: Spanned<String>,
    /// In đồng.
    pub amount: Spanned<u64>,
    /// Where it comes from, e.g. "Ngân sách tỉnh".
    #[serde(default)]
    pub source: Option<Spanned<String>>,
}
