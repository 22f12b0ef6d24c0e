//! The sentence of an indicator ("Tỷ lệ … đạt 63,7%", "… đạt 65% vào năm 2025 và
//! 75% vào năm 2030"), worded by the `ke-hoach/indicator.md` template so a
//! district can reword it.

use anyhow::Result;
use serde::Serialize;

use crate::model::{Direction, Indicator, Target};
use crate::templates::Templates;

#[derive(Serialize)]
struct SentenceContext<'a> {
    text: &'a str,
    value: Option<String>,
    verb: String,
}

/// One measured target in words, through the template.
fn clause(text: &str, target: Option<&Target>, direction: Direction, templates: &Templates) -> Result<String> {
    let value = target.and_then(|t| t.value_text());
    let default_verb = match direction {
        Direction::Increase => "đạt",
        Direction::Decrease => "xuống",
    };
    let verb = target.and_then(|t| t.verb.clone()).unwrap_or_else(|| default_verb.into());
    let ctx = tera::Context::from_serialize(&SentenceContext { text, value, verb })?;
    Ok(templates.render("ke-hoach/indicator.md", &ctx)?.trim().to_string())
}

/// The full sentence, ending with a period unless it ends with other punctuation.
/// A compound indicator is its text followed by its parts, joined by `join` ("; ").
pub fn sentence(ind: &Indicator, templates: &Templates) -> Result<String> {
    let own = clause(&ind.text, ind.target.as_deref(), ind.direction(), templates)?;
    let sentence = if ind.parts.is_empty() {
        own
    } else {
        let parts = ind
            .parts
            .iter()
            .map(|p| {
                let c = clause(&p.text, p.target.as_deref(), p.direction(ind.direction()), templates)?;
                Ok(c.trim_end_matches(['.', ';']).to_string())
            })
            .collect::<Result<Vec<_>>>()?;
        // Written trimmed: "và" joins with spaces around it, ";" or "," with one after.
        let join = match ind.join.as_deref().map(|j| j.trim()) {
            None | Some("") => "; ".to_string(),
            Some(j) if j.starts_with(char::is_alphanumeric) => format!(" {j} "),
            Some(j) => format!("{j} "),
        };
        let joined = parts.join(&join);
        [own, joined].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
    };
    let sentence = sentence.trim_end();
    Ok(if sentence.ends_with(['.', ';', '!', '?']) { sentence.to_string() } else { format!("{sentence}.") })
}
