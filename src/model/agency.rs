//! The agency registry and each agency's duties (tổ chức thực hiện).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Spanned;

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    /// Full name, e.g. "Sở Lao động - Thương binh và Xã hội".
    pub name: String,
    /// Short name for tables, e.g. "Sở LĐTBXH".
    #[serde(default)]
    pub short: Option<String>,
}

impl Agency {
    pub fn short_name(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }
}

/// One numbered item of "Tổ chức thực hiện".
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Duty {
    /// The agency (id in [agencies]). Its heading is the agency's name unless `title` is given.
    pub agency: Spanned<String>,
    /// Heading when it differs from the agency name, e.g. "Đề nghị Ủy ban Mặt trận Tổ quốc …".
    #[serde(default)]
    pub title: Option<Spanned<String>>,
    /// The duties, Markdown. A line on the indicators this agency leads is generated before it.
    #[serde(default)]
    pub body: Option<Spanned<String>>,
    /// Leave out the generated line "Chủ trì, phối hợp … thực hiện các chỉ tiêu …".
    #[serde(default)]
    pub no_lead_line: bool,
    /// The item as a numbered paragraph, as many sources write it ("1. Sở Y tế chủ
    /// trì …"): `body` follows the number, with no bold heading line.
    #[serde(default)]
    pub paragraph: bool,
    /// A heading this duty goes under with the duties after it that name the same
    /// ("Các sở, ban, ngành tỉnh"): the group takes one number ("1. Các sở, ban,
    /// ngành tỉnh:") and its duties are points under it ("a) Sở Y tế", "b) …").
    #[serde(default)]
    pub group: Option<Spanned<String>>,
}
