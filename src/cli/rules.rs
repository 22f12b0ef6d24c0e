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
            lang.text(r.category.label_key()),
            severity,
            lang.text(crate::conform::rule_key(r.id))
        );
    }
    // Per category, beside the anchor: the DOCX-visible rules of the largest
    // open-source NĐ 30 rule set (435 rules, 171 of them about what a DOCX shows).
    out += match lang {
        Lang::Vi => "\n| nhóm | kehoach | bộ quy tắc đối chiếu |\n|---|---|---|\n",
        Lang::En => "\n| category | kehoach | anchor rule set |\n|---|---|---|\n",
    };
    for c in Category::ALL {
        let n = RULES.iter().filter(|r| r.category == c).count();
        out += &format!("| {} | {n} | {} |\n", lang.text(c.label_key()), c.anchor_count());
    }
    let anchor: usize = Category::ALL.iter().map(|c| c.anchor_count()).sum();
    out += &format!("| **Σ** | **{}** | **{anchor}** |\n", RULES.len());
    out
}

pub fn run(lang: Lang) -> anyhow::Result<ExitCode> {
    std::io::Write::write_all(&mut std::io::stdout().lock(), table(lang).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
