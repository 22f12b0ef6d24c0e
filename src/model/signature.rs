//! Nơi nhận (ô 9b) and the signature block (ô 7a, 7b).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Spanned;

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recipients {
    /// One line each, without the leading "-" and the trailing ";".
    #[serde(default)]
    pub to: Vec<Spanned<String>>,
    /// The archive line "Lưu: VT, KGVX.": VT (văn thư) first, then the drafting unit.
    #[serde(default)]
    pub archive: Vec<Spanned<String>>,
    /// Ký hiệu người soạn thảo và số lượng bản phát hành (ô 12): the drafter's
    /// initials in capitals, then the number of copies, e.g. "PL.(300)" or "DS";
    /// its own line under the archive line.
    #[serde(default)]
    pub drafter: Option<Spanned<String>>,
}

/// Quyền hạn, chức vụ, họ tên of the signer (NĐ 30 Điều 13).
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// Collective body signed for (TM.), e.g. "Ủy ban nhân dân".
    #[serde(default)]
    pub collective: Option<Spanned<String>>,
    /// KT (ký thay), Q (quyền), TL (thừa lệnh), TUQ (thừa ủy quyền), or absent when the head signs.
    #[serde(default)]
    pub authority: Option<Spanned<String>>,
    /// The head's title that KT./Q./TL./TUQ. refer to, e.g. "Chủ tịch", "Giám đốc".
    #[serde(default)]
    pub head: Option<Spanned<String>>,
    /// The signer's own title, e.g. "Phó Chủ tịch".
    #[serde(default)]
    pub title: Option<Spanned<String>>,
    /// The signer's name.
    pub name: Spanned<String>,
}
