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
mod facts;
mod footnotes;
mod indicator;
pub mod reorganisation;
mod resolved;
mod section;
mod signature;
mod spanned;

pub use agency::{Agency, Duty};
pub use budget::{Budget, FundingSource};
pub use date::{Date, DateProblem};
pub use document::{Decision, DocumentKind, DocumentMeta, Issuer, PartStyle, Status};
pub use facts::{
    authority_code, is_authority, is_drafter_mark, join_and, looks_like_drafter_mark, DocumentCode, Leads,
};
pub use footnotes::{footnote_marks, FootnoteMark};
pub use indicator::{Direction, Indicator, IndicatorPart, Lead, Objective, Target};
pub use resolved::{Removal, ResolvedPlan};
pub use section::{Appendix, CostItem, ExtraAppendix, ReportDeadline, Reporting, Section, SectionContent};
pub use signature::{Recipients, Signature};
pub use spanned::Spanned;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A plan (Kế hoạch), optionally issued by a decision (Quyết định) in the same file.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
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
    /// Further appendices: a cost estimate, or text and tables.
    #[serde(default)]
    pub appendices: Vec<ExtraAppendix>,
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
            .flat_map(|o| o.indicators.iter().map(move |i| (o, i)))
            .enumerate()
            .map(|(n, (o, i))| (n + 1, o, i))
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
        if let Some(b) = &self.budget {
            out.extend(&b.body);
        }
        out.extend(self.duties.iter().flat_map(|d| d.title.iter().chain(&d.body)));
        if let Some(r) = &self.reporting {
            out.extend(&r.body);
        }
        out.extend(&self.closing);
        for a in &self.appendices {
            out.push(&a.title);
            out.extend(&a.body);
            out.extend(a.items.iter().map(|i| &i.what));
        }
        out
    }
}

/// Entries a district plan may drop with `remove = true`: (schema type, what it drops).
/// Removal is applied while loading, so the typed model has no such field; the
/// schema still offers it to editors.
const REMOVABLE: [(&str, &str); 6] = [
    ("Agency", "this agency"),
    ("Budget", "the budget"),
    ("Duty", "this duty"),
    ("Indicator", "this indicator"),
    ("Objective", "this objective"),
    ("Section", "this part"),
];

/// The JSON Schema of the plan format, for editors (Taplo / Even Better TOML).
pub fn schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Plan)).unwrap_or_default();
    for (name, what) in REMOVABLE {
        if let Some(props) = schema.pointer_mut(&format!("/$defs/{name}/properties")).and_then(|p| p.as_object_mut()) {
            let description = format!("In a district plan: drop {what} inherited from the parent.");
            props.insert(
                "remove".into(),
                serde_json::json!({ "description": description, "type": "boolean", "default": false }),
            );
        }
    }
    sorted(schema)
}

/// The schema with its descriptions in the reader's language
/// (`|path| lang.schema_description(path)`): `text` gives a
/// field's description by its path ("Agency.name", "document.date", "Plan" for a
/// definition), or `None` to keep the English of the model's documentation.
pub fn schema_in(text: &dyn Fn(&str) -> Option<&'static str>) -> serde_json::Value {
    let mut schema = schema();
    describe(&mut schema, "", text);
    schema
}

/// [`schema_in`] as the text of a schema file.
pub fn schema_text(text: &dyn Fn(&str) -> Option<&'static str>) -> String {
    serde_json::to_string_pretty(&schema_in(text)).unwrap_or_default() + "\n"
}

/// Every description under `value`, found by [`description_paths`]' paths.
fn describe(value: &mut serde_json::Value, path: &str, text: &dyn Fn(&str) -> Option<&'static str>) {
    each_description(value, path, &mut |at, description| {
        if let Some(t) = text(at) {
            *description = t.to_string();
        }
    });
}

/// The paths of the schema's descriptions, for the tables that translate them.
pub fn description_paths() -> Vec<String> {
    let mut paths = Vec::new();
    each_description(&mut schema(), "", &mut |at, _| paths.push(at.to_string()));
    paths
}

/// Calls `f` with each description and its path: a definition's name, then
/// ".field" for each property, "/key" for anything else (items, anyOf).
fn each_description(value: &mut serde_json::Value, path: &str, f: &mut dyn FnMut(&str, &mut String)) {
    let join = |sep: &str, key: &str| if path.is_empty() { key.to_string() } else { format!("{path}{sep}{key}") };
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match (key.as_str(), v) {
                    ("description", serde_json::Value::String(s)) => f(if path.is_empty() { "Plan" } else { path }, s),
                    ("$defs", serde_json::Value::Object(defs)) => {
                        for (name, d) in defs.iter_mut() {
                            each_description(d, name, f);
                        }
                    }
                    ("properties", serde_json::Value::Object(props)) => {
                        for (name, p) in props.iter_mut() {
                            each_description(p, &join(".", name), f);
                        }
                    }
                    (_, v @ (serde_json::Value::Object(_) | serde_json::Value::Array(_))) => {
                        each_description(v, &join("/", key), f)
                    }
                    _ => {}
                }
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter_mut().enumerate() {
                each_description(v, &join("/", &i.to_string()), f);
            }
        }
        _ => {}
    }
}

/// Keys in sorted order at every level, so the schema text does not depend on
/// whether serde_json keeps insertion order (a feature another crate may turn on).
fn sorted(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => {
            let mut entries: Vec<(String, serde_json::Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            serde_json::Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        serde_json::Value::Array(items) => serde_json::Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}
