//! `kehoach codes`: the diagnostic codes as a Markdown table (the README's list).

use std::process::ExitCode;

use crate::diag::{Code, Lang, Severity};

pub fn table(lang: Lang) -> String {
    let head = match lang {
        Lang::Vi => "| mã | mức | ý nghĩa |\n|---|---|---|\n",
        Lang::En => "| code | severity | meaning |\n|---|---|---|\n",
    };
    let (error, warning) = (lang.text("severity.error"), lang.text("severity.warning"));
    let mut out = head.to_string();
    for code in Code::ALL {
        let severity = if code.severity() == Severity::Error { error } else { warning };
        // A draft's warning that an issued document cannot carry.
        let severity = if code.final_severity() != code.severity() {
            format!("{severity} ({})", lang.text("severity.error-when-issued"))
        } else {
            severity.to_string()
        };
        let about = crate::diag::Msg::new(leak_about(*code)).render(lang);
        out += &format!("| `{}` | {} | {} |\n", code.name(), severity, about);
    }
    out
}

/// "<code>.about" as a static key: the set of codes is fixed, so this is a lookup, not a leak.
fn leak_about(code: Code) -> &'static str {
    let wanted = format!("{}.about", code.name());
    Lang::Vi.keys().find(|k| *k == wanted).unwrap_or("")
}

pub fn run(lang: Lang) -> anyhow::Result<ExitCode> {
    std::io::Write::write_all(&mut std::io::stdout().lock(), table(lang).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
