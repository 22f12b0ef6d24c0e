//! body-gone: a plan dated after the 2025 reorganisation names, as an agency or
//! as its issuer, a body that no longer exists. Citations keep their names: they
//! are historical facts; only the bodies the plan gives work to are looked at.

use chrono::NaiveDate;

use crate::diag::{Code, Diagnostic, Msg, Sink};
use crate::model::{reorganisation, Plan};
use crate::vi::text::name_key;

/// Bodies that ended, when, and the message key that says where their work went.
/// Bộ/Sở Lao động - Thương binh và Xã hội: dissolved from 1 March 2025 (labour to
/// Nội vụ, children and social protection to Y tế). District bodies: no district
/// level from 1 July 2025 (Luật Tổ chức chính quyền địa phương số 72/2025/QH15).
fn ended(name: &str) -> Option<(NaiveDate, &'static str)> {
    let key = name_key(name);
    let has = |s: &str| key.contains(&name_key(s));
    if has("lao động - thương binh và xã hội") || has("lao động, thương binh và xã hội") {
        return Some((reorganisation::ldtbxh_dissolved_from(), "body-gone.ldtbxh"));
    }
    // A district-level body: its kind, and a district word among its words
    // ("Ủy ban nhân dân các huyện, thị xã, thành phố", "UBND cấp huyện", "Công an quận").
    let kind = ["ủy ban nhân dân", "ubnd", "công an", "trung tâm y tế", "huyện đoàn", "quận đoàn", "phòng"]
        .iter()
        .any(|p| key.starts_with(&name_key(p)));
    let words: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c.is_ascii_punctuation())
        .filter(|w| !w.is_empty())
        .map(name_key)
        .collect();
    let (huyen, quan, thi, xa) = (name_key("huyện"), name_key("quận"), name_key("thị"), name_key("xã"));
    let district_word =
        words.iter().any(|w| *w == huyen || *w == quan) || words.windows(2).any(|p| p[0] == thi && p[1] == xa);
    if kind && district_word {
        return Some((reorganisation::two_tier_from(), "body-gone.district"));
    }
    None
}

pub fn check(plan: &Plan, sink: &mut Sink) {
    // The plan's date, or the first day of its period for a draft without one.
    let Some(date) = plan.issue_date().or_else(|| plan.first_year().and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1)))
    else {
        return;
    };
    let issuer = std::iter::once((plan.issuer.name.as_str(), plan.issuer.name.span));
    let parent = plan.issuer.parent.iter().map(|p| (p.as_str(), p.span));
    let agencies = plan.agencies.values().map(|a| (a.name.as_str(), a.span));
    for (name, span) in issuer.chain(parent).chain(agencies) {
        let Some((from, why)) = ended(name).filter(|(from, _)| date >= *from) else { continue };
        sink.push(
            Diagnostic::new(Code::BodyGone)
                .arg("name", name)
                .arg("from", crate::vi::date::short(from))
                .arg("date", crate::vi::date::short(date))
                .primary(span, Msg::new(why)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn district_bodies_in_every_form_they_are_written() {
        for name in [
            "Ủy ban nhân dân huyện Mai Sơn",
            "Ủy ban nhân dân các huyện, thị xã, thành phố",
            "Ủy ban nhân dân cấp huyện",
            "UBND các quận, huyện",
            "Ủy ban nhân dân quận Ba Đình",
            "Ủy ban nhân dân thị xã Bình Minh",
            "Công an huyện",
            "Công an quận Hoàn Kiếm",
            "Trung tâm Y tế huyện Cẩm Giàng",
            "Huyện đoàn Mai Sơn",
            "Phòng Giáo dục và Đào tạo huyện",
        ] {
            assert_eq!(ended(name).map(|(_, why)| why), Some("body-gone.district"), "{name}");
        }
        for name in [
            "Ủy ban nhân dân xã Tân Hòa",
            "Ủy ban nhân dân tỉnh Sơn La",
            "Công an xã",
            "Phòng Văn hóa - Xã hội",
            "Ủy ban nhân dân các xã, phường",
        ] {
            assert_eq!(ended(name), None, "{name}");
        }
    }
}
