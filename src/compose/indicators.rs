//! The sentence of an indicator ("Tỷ lệ … đạt 63,7%", "… đạt 65% vào năm 2025 và
//! 75% vào năm 2030"), worded by the `ke-hoach/indicator.md` template so a
//! district can reword it.

use anyhow::Result;
use serde::Serialize;

use crate::model::{Direction, Indicator};
use crate::templates::Templates;

#[derive(Serialize)]
struct SentenceContext<'a> {
    text: &'a str,
    value: Option<String>,
    verb: String,
}

/// The full sentence, ending with a period unless it ends with other punctuation.
pub fn sentence(ind: &Indicator, templates: &Templates) -> Result<String> {
    let value = ind.target.as_ref().and_then(|t| t.value_text());
    let default_verb = match ind.direction() {
        Direction::Increase => "đạt",
        Direction::Decrease => "xuống",
    };
    let verb = ind.target.as_ref().and_then(|t| t.verb.clone()).unwrap_or_else(|| default_verb.into());
    let ctx = tera::Context::from_serialize(&SentenceContext { text: &ind.text, value, verb })?;
    let sentence = templates.render("ke-hoach/indicator.md", &ctx)?;
    let sentence = sentence.trim_end();
    Ok(if sentence.ends_with(['.', ';', '!', '?']) { sentence.to_string() } else { format!("{sentence}.") })
}
