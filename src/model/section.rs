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
