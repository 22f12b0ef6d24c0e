//! Objectives (mục tiêu) and their numbered indicators (chỉ tiêu).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Spanned;

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// Stable id, used by district plans and version comparison.
    pub id: Spanned<String>,
    /// Heading of the objective, e.g. "Về bảo vệ trẻ em".
    pub title: Spanned<String>,
    /// Text under the heading, before the indicators (Markdown).
    #[serde(default)]
    pub body: Option<Spanned<String>>,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// Why it differs from the parent plan.
    #[serde(default)]
    pub note: Option<Spanned<String>>,
}

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Stable id, used by district plans and version comparison.
    pub id: Spanned<String>,
    /// What is measured, e.g. "Tỷ lệ xã, phường, thị trấn đạt tiêu chuẩn phù hợp với trẻ em".
    /// Write `{target}` where the target belongs; otherwise it is appended ("… đạt 63,7%").
    pub text: Spanned<String>,
    /// Target value, or targets per milestone year.
    #[serde(default)]
    pub target: Option<Spanned<Target>>,
    /// Whether a higher value is better ("increase", default) or a lower one ("decrease").
    #[serde(default)]
    pub direction: Option<Direction>,
    /// Lead agency (cơ quan chủ trì): one agency id (a list is allowed but warned about).
    #[serde(default)]
    pub lead: Option<Spanned<Lead>>,
    /// Supporting agencies (cơ quan phối hợp): agency ids.
    #[serde(default)]
    pub support: Vec<Spanned<String>>,
    /// Why it differs from the parent plan (e.g. a lower local target).
    #[serde(default)]
    pub note: Option<Spanned<String>>,
    /// A compound indicator: several measured targets in one numbered indicator,
    /// each with its own words, value or milestones, unit and direction ("Giảm tỷ
    /// suất … dưới 9,5 vào năm 2025; giảm tỷ suất … xuống 9,3 …"). The sentence is
    /// `text` (may be empty) followed by the parts joined by `join`.
    #[serde(default)]
    pub parts: Vec<IndicatorPart>,
    /// What joins the parts' sentences: ";" (default), "và", ",".
    #[serde(default)]
    pub join: Option<Spanned<String>>,
}

/// One measured target of a compound indicator; a district overrides it by `id`.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorPart {
    pub id: Spanned<String>,
    /// Its words, with `{target}` where the value goes (else the verb and value follow):
    /// "giảm tỷ suất tử vong của trẻ em dưới 1 tuổi", "dưới {target} đối với nông thôn",
    /// "không có tình trạng tảo hôn" (no target).
    pub text: Spanned<String>,
    #[serde(default)]
    pub target: Option<Spanned<Target>>,
    #[serde(default)]
    pub direction: Option<Direction>,
    /// Why it differs from the parent plan.
    #[serde(default)]
    pub note: Option<Spanned<String>>,
}

impl Indicator {
    /// Every target the indicator sets: its own and its parts'.
    pub fn targets(&self) -> impl Iterator<Item = &Spanned<Target>> {
        self.target.iter().chain(self.parts.iter().filter_map(|p| p.target.as_ref()))
    }
}

/// `lead = "ldtbxh"` or, for a shared lead, `lead = ["ldtbxh", "gddt"]`.
///
/// Read by hand rather than as an untagged enum: serde buffers untagged input,
/// which would lose the span of the value.
#[derive(Clone, Debug, PartialEq)]
pub struct Lead(pub Vec<String>);

impl<'de> Deserialize<'de> for Lead {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct LeadVisitor;
        impl<'de> serde::de::Visitor<'de> for LeadVisitor {
            type Value = Lead;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string or a list of strings")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Lead, E> {
                Ok(Lead(vec![v.to_string()]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Lead, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = seq.next_element::<String>()? {
                    names.push(name);
                }
                Ok(Lead(names))
            }
        }
        d.deserialize_any(LeadVisitor)
    }
}

impl Serialize for Lead {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl JsonSchema for Lead {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Lead".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Mã cơ quan chủ trì, hoặc danh sách mã",
            "anyOf": [{ "type": "string" }, { "type": "array", "items": { "type": "string" } }]
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    Increase,
    Decrease,
}

/// `{ value = 63.7, unit = "%" }` or `{ unit = "%", milestones = { 2025 = 65, 2030 = 75 } }`.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    #[serde(default)]
    pub value: Option<f64>,
    /// "%", "‰", "/100.000", or a counted noun ("xã", "trẻ em").
    #[serde(default)]
    pub unit: String,
    /// Target per milestone year: { 2025 = 65, 2030 = 75 }.
    #[serde(default)]
    pub milestones: BTreeMap<String, Spanned<f64>>,
    /// Words before the value; default "đạt" (or "xuống" for a decreasing indicator).
    #[serde(default)]
    pub verb: Option<String>,
}
