//! Funding (kinh phí): a total and its sources, in whole đồng.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Spanned;

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// Total in đồng, e.g. 18_680_000_000.
    #[serde(default)]
    pub total: Option<Spanned<u64>>,
    /// Sources that make up the total.
    #[serde(default)]
    pub sources: Vec<FundingSource>,
    /// Text of the funding part, Markdown (printed after the generated total).
    #[serde(default)]
    pub body: Option<Spanned<String>>,
}

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingSource {
    /// e.g. "Ngân sách địa phương".
    pub name: Spanned<String>,
    pub amount: Spanned<u64>,
}

impl Budget {
    pub fn sources_sum(&self) -> Option<u64> {
        self.sources.iter().try_fold(0u64, |acc, s| acc.checked_add(*s.amount))
    }
}
