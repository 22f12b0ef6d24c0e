//! The dates of the 2025 reorganisation of the state apparatus, which the checks
//! (bodies that ended) and the child-plan scaffold (names one level down) both use.

use chrono::NaiveDate;

/// Bộ/Sở Lao động - Thương binh và Xã hội dissolved (labour to Nội vụ, children and
/// social protection to Y tế), and the district offices with them.
pub fn ldtbxh_dissolved_from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 1).expect("a real date")
}

/// Two-tier local government: no district level (Luật 72/2025/QH15).
pub fn two_tier_from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).expect("a real date")
}
