//! body-gone: a plan dated after the 2025 reorganisation names, as an agency or
//! as its issuer, a body that no longer exists. Citations keep their names: they
//! are historical facts; only the bodies the plan gives work to are looked at.

use chrono::NaiveDate;

use crate::diag::{Code, Diagnostic, Msg, Sink};
use crate::model::Plan;
use crate::vi::text::name_key;

/// Bodies that ended, when, and the message key that says where their work went.
/// Bộ/Sở Lao động - Thương binh và Xã hội: dissolved from 1 March 2025 (labour to
/// Nội vụ, children and social protection to Y tế). District bodies: no district
/// level from 1 July 2025 (Luật Tổ chức chính quyền địa phương số 72/2025/QH15).
fn ended(name: &str) -> Option<(NaiveDate, &'static str)> {
    let key = name_key(name);
    let has = |s: &str| key.contains(&name_key(s));
    if has("lao động - thương binh và xã hội") || has("lao động, thương binh và xã hội") {
        return NaiveDate::from_ymd_opt(2025, 3, 1).map(|d| (d, "body-gone.ldtbxh"));
    }
    let district =
        ["ủy ban nhân dân huyện", "ubnd huyện", "công an huyện", "trung tâm y tế huyện", "huyện đoàn", "phòng"]
            .iter()
            .any(|p| key.starts_with(&name_key(p)))
            && key.split(' ').any(|w| w == name_key("huyện"));
    if district {
        return NaiveDate::from_ymd_opt(2025, 7, 1).map(|d| (d, "body-gone.district"));
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
    let agencies = plan.agencies.values().map(|a| (a.name.as_str(), a.span));
    for (name, span) in issuer.chain(agencies) {
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
