//! `kehoach trace CHILD`: for every indicator, the parent value, the child value and where each was set.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::Format;
use crate::diag::Lang;
use crate::district::trace::{rows, Origin};
use crate::source::SourceMap;

pub fn run(path: &Path, root: &Path, format: Format, lang: Lang) -> anyhow::Result<ExitCode> {
    let mut map = SourceMap::new();
    let (plan, diagnostics) = crate::check_file_in(&mut map, path, root)?;
    let Some(plan) = plan else {
        super::check::print(&map, &diagnostics, lang)?;
        return Ok(ExitCode::from(1));
    };
    let rows = rows(&plan, &map);
    let mut out = std::io::stdout().lock();
    if format == Format::Json {
        writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let en = lang == Lang::En;
    let parent = plan.parent.as_ref().map(|p| map.file(p.file).path.display().to_string());
    match &parent {
        Some(p) => writeln!(out, "{}: {p}\n", if en { "parent plan" } else { "kế hoạch cấp trên" })?,
        None => writeln!(
            out,
            "{}\n",
            if en { "this plan extends no other" } else { "kế hoạch này không kế thừa kế hoạch nào" }
        )?,
    }
    let origin = |o: Origin| match (o, en) {
        (Origin::Inherited, false) => "kế thừa",
        (Origin::Overridden, false) => "ghi đè",
        (Origin::Added, false) => "thêm mới",
        (Origin::Removed, false) => "đã bỏ",
        (Origin::Inherited, true) => "inherited",
        (Origin::Overridden, true) => "overridden",
        (Origin::Added, true) => "added",
        (Origin::Removed, true) => "removed",
    };
    for r in rows {
        let number = r.number.map_or("–".to_string(), |n| n.to_string());
        writeln!(out, "{} {number}  {}  [{}]", if en { "Indicator" } else { "Chỉ tiêu" }, r.id, origin(r.origin))?;
        let side = |label: &str, value: &Option<String>, at: &Option<String>| {
            let at = at.as_ref().map(|a| format!("   ({a})")).unwrap_or_default();
            format!("    {label}: {}{at}", value.as_deref().unwrap_or("—"))
        };
        writeln!(out, "{}", side(if en { "parent" } else { "cấp trên" }, &r.parent_value, &r.parent_at))?;
        writeln!(out, "{}", side(if en { "this plan" } else { "kế hoạch này" }, &r.value, &r.at))?;
        if let Some(note) = r.note {
            writeln!(out, "    {}: {note}", if en { "note" } else { "ghi chú" })?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
