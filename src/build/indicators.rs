//! The sentence of an indicator: "Tỷ lệ … đạt 63,7%", "… đạt 65% vào năm 2025 và 75% vào năm 2030".

use crate::model::{Direction, Indicator, Target};
use crate::vi::number::with_unit;

/// Whether a higher value is the goal; "Giảm …" indicators default to decreasing.
pub fn direction(ind: &Indicator) -> Direction {
    ind.direction.unwrap_or_else(|| {
        if ind.text.trim_start().to_lowercase().starts_with("giảm") { Direction::Decrease } else { Direction::Increase }
    })
}

/// The target as words: "63,7%" or "65% vào năm 2025 và 75% vào năm 2030".
pub fn target_value(target: &Target) -> Option<String> {
    if !target.milestones.is_empty() {
        let parts: Vec<String> = target
            .milestones
            .iter()
            .map(|(year, v)| format!("{} vào năm {}", with_unit(**v, &target.unit), year.trim()))
            .collect();
        return Some(join_and(&parts));
    }
    target.value.map(|v| with_unit(v, &target.unit))
}

fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} và {}", init.join(", "), last),
    }
}

/// The full sentence, with the target where `{target}` stands or after the text.
pub fn sentence(ind: &Indicator) -> String {
    let text = ind.text.trim();
    let value = ind.target.as_ref().and_then(|t| target_value(t));
    let sentence = match value {
        Some(value) if text.contains("{target}") => text.replace("{target}", &value),
        Some(value) => {
            let default_verb = match direction(ind) {
                Direction::Increase => "đạt",
                Direction::Decrease => "xuống",
            };
            let verb = ind.target.as_ref().and_then(|t| t.verb.clone()).unwrap_or_else(|| default_verb.into());
            format!("{text} {verb} {value}")
        }
        None => text.replace("{target}", ""),
    };
    let sentence = sentence.trim_end().to_string();
    if sentence.ends_with(['.', ';', '!', '?']) { sentence } else { format!("{sentence}.") }
}
