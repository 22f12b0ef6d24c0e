//! The plan as written: typed TOML with the span of every value a check may point at.
//!
//! These types mirror the file one-to-one (`deny_unknown_fields`, so a misspelt
//! key is an error, not silently dropped). Facts derived from them — indicator
//! numbers, who leads what, the ký hiệu — are computed by accessors here or in the
//! document model, never stored twice.

mod agency;
mod budget;
mod date;
mod document;
mod indicator;
mod section;
mod signature;
mod spanned;

pub use agency::{Agency, Duty};
pub use budget::{Budget, FundingSource};
pub use date::Date;
pub use document::{Decision, DocumentKind, DocumentMeta, Issuer, Status};
pub use indicator::{Direction, Indicator, Lead, Objective, Target};
pub use section::{Appendix, Reporting, ReportDeadline, Section, SectionContent};
pub use signature::{Recipients, Signature};
pub use spanned::Spanned;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;

/// A plan (Kế hoạch), optionally issued by a decision (Quyết định) in the same file.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Parent plan this one adapts (`extends = "../tinh/ke-hoach.toml"`), relative to this file.
    #[serde(default)]
    pub extends: Option<Spanned<String>>,
    /// Số, ký hiệu, địa danh, ngày, trích yếu.
    pub document: DocumentMeta,
    /// The issuing body (cơ quan ban hành) and its parent body (cơ quan chủ quản).
    pub issuer: Issuer,
    /// Present when a Quyết định issues this plan as its attachment (NĐ 30, Mẫu 1.3).
    #[serde(default)]
    pub decision: Option<Decision>,
    /// Documents this plan implements or cites (căn cứ / thực hiện), one sentence each.
    #[serde(default)]
    pub bases: Vec<Spanned<String>>,
    /// Opening paragraph(s), Markdown. Without it the opening is generated from `bases`.
    #[serde(default)]
    pub preamble: Option<Spanned<String>>,
    /// Agency registry: id → name. Indicators, duties and reporting name agencies by id.
    #[serde(default)]
    pub agencies: IndexMap<String, Spanned<Agency>>,
    /// Objectives (mục tiêu), each with numbered indicators (chỉ tiêu 1, 2, …).
    #[serde(default)]
    pub objectives: Vec<Objective>,
    /// The parts of the plan (I., II., …) in order; some carry generated content.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// Funding (kinh phí), in đồng.
    #[serde(default)]
    pub budget: Option<Budget>,
    /// Tổ chức thực hiện: one entry per agency.
    #[serde(default)]
    pub duties: Vec<Duty>,
    /// Chế độ báo cáo: deadlines and to whom.
    #[serde(default)]
    pub reporting: Option<Reporting>,
    /// Closing paragraph ("Trên đây là …"), Markdown; "./." is added if missing.
    #[serde(default)]
    pub closing: Option<Spanned<String>>,
    /// Optional appendix (phụ lục) tabulating the indicators.
    #[serde(default)]
    pub appendix: Option<Appendix>,
    /// Nơi nhận.
    pub recipients: Recipients,
    /// Signature block (quyền hạn, chức vụ, họ tên).
    pub signature: Signature,
}

impl Plan {
    /// Indicators in document order with their number (Chỉ tiêu 1, 2, … across objectives).
    pub fn numbered_indicators(&self) -> impl Iterator<Item = (usize, &Objective, &Indicator)> {
        self.objectives
            .iter()
            .filter(|o| !o.remove)
            .flat_map(|o| o.indicators.iter().filter(|i| !i.remove).map(move |i| (o, i)))
            .enumerate()
            .map(|(n, (o, i))| (n + 1, o, i))
    }

    /// The budget, unless a district plan removed the inherited one.
    pub fn budget(&self) -> Option<&Budget> {
        self.budget.as_ref().filter(|b| !b.remove)
    }

    /// Every free text of the plan with its span, for checks that scan prose.
    pub fn free_texts(&self) -> Vec<&Spanned<String>> {
        let mut out: Vec<&Spanned<String>> = Vec::new();
        out.push(&self.document.summary);
        out.extend(&self.bases);
        out.extend(&self.preamble);
        if let Some(d) = &self.decision {
            out.extend(&d.bases);
            out.extend(&d.articles);
            out.extend(&d.proposal);
        }
        for o in &self.objectives {
            out.push(&o.title);
            out.extend(&o.body);
            out.extend(o.indicators.iter().map(|i| &i.text));
        }
        for s in &self.sections {
            out.push(&s.title);
            out.extend(&s.body);
            out.extend(&s.body_after);
        }
        if let Some(b) = self.budget() {
            out.extend(&b.body);
        }
        out.extend(self.duties.iter().filter_map(|d| d.body.as_ref()));
        if let Some(r) = &self.reporting {
            out.extend(&r.body);
        }
        out.extend(&self.closing);
        out
    }
}
