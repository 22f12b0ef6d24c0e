//! `kehoach rules`: the NĐ 30 rules `check` applies to a DOCX, as a Markdown table
//! (the README's list), and the count of rules per category.

use std::process::ExitCode;

use crate::conform::rules::{Category, RULES};
use crate::diag::{Lang, Severity};

pub fn table(lang: Lang) -> String {
    let head = match lang {
        Lang::Vi => "| mã quy tắc | nhóm | mức | quy định |\n|---|---|---|---|\n",
        Lang::En => "| rule id | category | severity | rule |\n|---|---|---|---|\n",
    };
    let (error, warning) = (lang.text("severity.error"), lang.text("severity.warning"));
    let mut out = head.to_string();
    for r in RULES {
        let severity = if r.severity == Severity::Error { error } else { warning };
        out += &format!(
            "| `{}` | {} | {} | {} |\n",
            r.id,
            r.category.name(),
            severity,
            lang.text(crate::conform::rule_key(r.id))
        );
    }
    let mut counts: Vec<(Category, usize)> = Vec::new();
    for r in RULES {
        match counts.iter_mut().find(|(c, _)| *c == r.category) {
            Some((_, n)) => *n += 1,
            None => counts.push((r.category, 1)),
        }
    }
    let counts: Vec<String> = counts.iter().map(|(c, n)| format!("{} {n}", c.name())).collect();
    out += &format!("\n{}: {}\n", RULES.len(), counts.join(", "));
    out
}

pub fn run(lang: Lang) -> anyhow::Result<ExitCode> {
    std::io::Write::write_all(&mut std::io::stdout().lock(), table(lang).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
