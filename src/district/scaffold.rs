//! `kehoach new --from PARENT`: a child plan that extends its parent, with the
//! agencies renamed for its level and commented stubs for targets to localise.

use std::fmt::Write;
use std::path::{Component, Path, PathBuf};

use super::renames::{rename, Level, Rename};
use crate::model::ResolvedPlan;

pub struct Request<'a> {
    pub parent: &'a ResolvedPlan,
    pub parent_path: &'a Path,
    pub child_path: &'a Path,
    pub issuer: &'a str,
    pub abbr: Option<&'a str>,
    pub level: Level,
    pub rules: &'a [Rename],
    /// The child plan's date when the user gave one (`--date`): noted in the file
    /// for the văn thư, and its year carried into the summary (and a one-year period).
    pub date: Option<chrono::NaiveDate>,
}

/// "Ủy ban nhân dân huyện Mai Sơn" → "UBND"; "Phòng Giáo dục và Đào tạo" → "PGDĐT".
pub fn abbreviation(issuer: &str) -> String {
    let lower = issuer.to_lowercase();
    if lower.starts_with("ủy ban nhân dân") || lower.starts_with("uỷ ban nhân dân") {
        return "UBND".into();
    }
    issuer
        .split_whitespace()
        // Administrative units are written in lower case ("huyện Mai Sơn"); "Xã hội" is not one.
        .take_while(|w| !["tỉnh", "huyện", "quận", "xã", "phường", "thị", "thành"].contains(w))
        .filter(|w| w.to_lowercase() != "và" && *w != "-")
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// `to` relative to the folder of `from_file`.
pub fn relative(to: &Path, from_file: &Path) -> PathBuf {
    let abs = |p: &Path| p.canonicalize().unwrap_or_else(|_| std::env::current_dir().unwrap_or_default().join(p));
    let to = abs(to);
    let from_dir = from_file.parent().map(abs).unwrap_or_default();
    let (a, b): (Vec<Component>, Vec<Component>) = (to.components().collect(), from_dir.components().collect());
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &a[common..] {
        out.push(c.as_os_str());
    }
    out
}

/// Whether `short` can stand for `name` in a table.
fn short_fits(name: &str, short: &str) -> bool {
    let fold = |s: &str| crate::import::fold(s).to_uppercase();
    let words_of = |s: &str| -> Vec<String> {
        s.split([' ', ',']).filter(|w| !w.is_empty() && *w != "-").map(str::to_string).collect()
    };
    let words: Vec<String> = words_of(&fold(name)).into_iter().filter(|w| w != "VA").collect();
    let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
    // Each word of the short name is a word of the name, or (in capitals) the
    // initials of words of it: "Sở LĐTBXH", "UBND xã, phường"; not "Phòng VHTTDL"
    // for "Phòng Văn hóa và Thông tin", nor "BHXH phường" for "… cơ sở".
    words_of(short).iter().all(|raw| {
        let token = fold(raw);
        let capitals = raw.chars().count() >= 2 && raw.chars().all(char::is_uppercase);
        words.contains(&token) || capitals && initials.contains(&token)
    })
}

/// A TOML string literal, escaped by the TOML writer itself.
fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A TOML key: bare when it can be, quoted otherwise.
fn key(s: &str) -> String {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        s.to_string()
    } else {
        quote(s)
    }
}

/// A number as TOML writes it; a value that is not a number is left as a comment.
fn number(x: f64) -> String {
    if x.is_finite() {
        toml::Value::Float(x).to_string().trim_end_matches(".0").to_string()
    } else {
        "0  # ?".into()
    }
}

/// The unit word and the place of an issuer's name: "Ủy ban nhân dân tỉnh Sơn La"
/// → ("tỉnh", "Sơn La"); "Phòng Giáo dục và Đào tạo huyện Cẩm Giàng" → ("huyện", "Cẩm Giàng").
fn locality(issuer: &str) -> Option<(String, String)> {
    const UNITS: [&str; 9] = ["thành phố", "thị trấn", "thị xã", "đặc khu", "tỉnh", "huyện", "quận", "xã", "phường"];
    // The last unit named; of two ending together ("thị xã", "xã") the longer.
    let (at, unit) = UNITS
        .iter()
        .filter_map(|u| issuer.rfind(&format!(" {u} ")).map(|at| (at, *u)))
        .max_by_key(|(at, u)| (at + u.len(), u.len()))?;
    let place = issuer[at + unit.len() + 2..].trim();
    (!place.is_empty()).then(|| (unit.to_string(), place.to_string()))
}

pub fn scaffold(r: &Request) -> String {
    let p = r.parent;
    let mut s = String::new();
    let parent_rel = relative(r.parent_path, r.child_path).to_string_lossy().replace('\\', "/");
    // `kehoach new` writes the schema beside the plan.
    let _ = writeln!(s, "#:schema plan.schema.json");
    // The parent as this file names it, not the folder it was made in (a server's path).
    let _ = writeln!(s, "# Kế hoạch cấp dưới, tạo bằng `kehoach new --from {parent_rel}`.");
    let _ = writeln!(s, "# Mọi nội dung của kế hoạch cấp trên được kế thừa; chỉ ghi ở đây những gì khác.");
    let _ = writeln!(s, "# Bảng gộp theo khóa; chỉ tiêu, mục tiêu, phần gộp theo `id`; `remove = true` để bỏ.\n");
    let _ = writeln!(s, "extends = {}\n", quote(&parent_rel));
    let _ = writeln!(s, "[document]");
    let _ = writeln!(s, "kind = \"ke-hoach\"");
    let _ = writeln!(s, "status = \"draft\"              # bỏ dòng này khi ban hành");
    let _ = writeln!(s, "# number = …                   # số do văn thư cấp");
    // The date asked for is the draft's (its year on the date line, the levels of
    // government checked against it); the văn thư sets the day of issue.
    match r.date {
        Some(d) => {
            let _ =
                writeln!(s, "date = {}              # ngày ban hành dự kiến: sửa khi ban hành", d.format("%Y-%m-%d"));
        }
        None => {
            let _ = writeln!(s, "# date = …                     # ngày ban hành");
        }
    }
    // The place is the locality's name without its unit ("Chiềng Mung, ngày …"); "…"
    // until the issuer is known (`check` reports it as a blank).
    let place = locality(r.issuer).map_or_else(|| "…".to_string(), |(_, place)| place);
    let _ = writeln!(s, "place = {}                     # sửa: địa danh", quote(&place));
    // The parent's locality in its words ("tỉnh Sơn La") is the child's here ("huyện Mai Sơn").
    let localities = locality(&p.issuer.name).zip(locality(r.issuer));
    let here = |text: &str| match &localities {
        Some(((pu, pp), (cu, cp))) if !pp.is_empty() => {
            text.replace(&format!("{pu} {pp}"), &format!("{cu} {cp}")).replace(pp.as_str(), cp)
        }
        _ => text.to_string(),
    };
    // A plan for another year: "… năm 2023" of the parent is "… năm 2026" here.
    let parent_year = p.first_year().or_else(|| p.issue_date().map(|d| chrono::Datelike::year(&d)));
    // Years a plan can have (a parent with errors may still be adapted).
    let parent_year = parent_year.filter(|y| (1900..=2200).contains(y));
    let moved = r.date.map(|d| chrono::Datelike::year(&d)).zip(parent_year).filter(|(y, py)| y != py);
    let summary = match moved {
        Some((y, py)) => here(&p.document.summary).replace(&format!("năm {py}"), &format!("năm {y}")),
        None => here(&p.document.summary),
    };
    let _ = writeln!(s, "summary = {}", quote(&summary));
    // A one-year plan moves with it, unless targets are set per year (milestones):
    // those stay the parent's, and so does its period.
    let milestones = p.numbered_indicators().any(|(_, _, i)| i.targets().any(|t| !t.milestones.is_empty()));
    let mut deadlines_moved = None;
    if let (Some((y, py)), Some(period), false) = (moved, p.document.period.as_ref(), milestones) {
        if **period == (py, py) {
            let _ = writeln!(s, "period = [{y}, {y}]");
            deadlines_moved = Some(y - py);
        }
    }
    let _ = writeln!(s, "# Dòng \"Thực hiện {} …\" được tạo từ kế hoạch cấp trên.\n", p.citation());
    let _ = writeln!(s, "[issuer]");
    if r.level == Level::Office {
        // An office's parent body is its district's People's Committee ("Phòng Giáo dục
        // và Đào tạo huyện Mai Sơn" → "Ủy ban nhân dân huyện Mai Sơn"), whatever plan it adapts.
        let district = locality(r.issuer)
            .filter(|(unit, _)| matches!(unit.as_str(), "huyện" | "quận" | "thị xã" | "thành phố"))
            .map(|(unit, place)| format!("Ủy ban nhân dân {unit} {place}"));
        let _ = writeln!(s, "parent = {}", quote(&district.unwrap_or_else(|| p.issuer.name.to_string())));
    }
    let _ = writeln!(s, "name = {}", quote(r.issuer));
    let abbr = r.abbr.map(str::to_string).unwrap_or_else(|| abbreviation(r.issuer));
    let _ = writeln!(s, "abbr = {}\n", quote(&abbr));
    let renamed: Vec<(&String, String, Option<String>)> = p
        .agencies
        .iter()
        .filter_map(|(id, a)| {
            // "Huyện đoàn Sơn La" from "… tỉnh Sơn La": the body of this locality.
            let name = here(&rename(&a.name, r.rules)?);
            // An inherited short name would still be the parent's ("Sở LĐTBXH"); one renamed
            // by another rule than the name may name another body ("UBND xã" for "Các thôn").
            let short = a.short.as_ref().map(|s| match rename(s, r.rules).map(|n| here(&n)) {
                Some(short) if short_fits(&name, &short) => short,
                _ => name.clone(),
            });
            Some((id, name, short))
        })
        .collect();
    if !renamed.is_empty() {
        let _ = writeln!(s, "# Cơ quan ở cấp này (đổi tên từ danh mục của cấp trên; sửa nếu cần).");
        // Departments whose work went to one office (two tiers: Sở Y tế, Sở GDĐT → Phòng
        // Văn hóa - Xã hội) would each keep an entry in Tổ chức thực hiện: say so here.
        let mut by_name: Vec<(&str, Vec<&str>)> = Vec::new();
        for (id, name, _) in &renamed {
            match by_name.iter_mut().find(|(n, _)| *n == name.as_str()) {
                Some((_, ids)) => ids.push(id.as_str()),
                None => by_name.push((name.as_str(), vec![id.as_str()])),
            }
        }
        for (name, ids) in by_name.iter().filter(|(_, ids)| ids.len() > 1) {
            let ids = ids.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ");
            let _ = writeln!(
                s,
                "# {ids} cùng thành \"{name}\": Tổ chức thực hiện sẽ có một mục cho mỗi mã; gộp nhiệm vụ \
                 của chúng vào một mục [[duties]] (`kehoach check` chỉ ra các mục trùng)."
            );
        }
        for (id, name, short) in renamed {
            let _ = writeln!(s, "[agencies.{}]\nname = {}", key(id), quote(&name));
            if let Some(short) = short {
                let _ = writeln!(s, "short = {}", quote(&short));
            }
            let _ = writeln!(s);
        }
    }
    let _ = writeln!(s, "# Chỉ tiêu cần điều chỉnh cho địa phương: bỏ dấu # rồi sửa mục tiêu.");
    let _ = writeln!(s, "# Mục tiêu thấp hơn cấp trên cần có `note = \"…\"` giải thích.");
    for (n, _, ind) in p.numbered_indicators() {
        let Some(t) = ind.target.as_deref() else { continue };
        let value = t.value_text().unwrap_or_default();
        let _ = writeln!(s, "\n# Chỉ tiêu {n}: {}", ind.text.replace("{target}", &value).replace(['\n', '\r'], " "));
        let _ = writeln!(s, "# [[objectives.indicators]]");
        let _ = writeln!(s, "# id = {}", quote(&ind.id));
        let target = if t.milestones.is_empty() {
            format!("{{ value = {}, unit = {} }}", number(t.value.unwrap_or_default()), quote(&t.unit))
        } else {
            let ms: Vec<String> = t.milestones.iter().map(|(y, v)| format!("{} = {}", key(y), number(**v))).collect();
            format!("{{ unit = {}, milestones = {{ {} }} }}", quote(&t.unit), ms.join(", "))
        };
        let _ = writeln!(s, "# target = {target}   # cấp trên: {value}");
    }
    // The parent's report deadlines, moved to the child's year with its period (else
    // every one would fall outside it); one before the child's date is left to set.
    let deadlines = p.reporting.as_ref().map(|r| r.deadlines.as_slice()).unwrap_or_default();
    let shift = deadlines_moved.unwrap_or(0);
    let shifted = |d: &crate::model::ReportDeadline| {
        let day = d.before.resolved.ok()?;
        let year = chrono::Datelike::year(&day) + shift;
        chrono::Datelike::with_year(&day, year).or_else(|| chrono::NaiveDate::from_ymd_opt(year, 2, 28))
    };
    let early = |d: &crate::model::ReportDeadline| r.date.zip(shifted(d)).is_some_and(|(issued, due)| due < issued);
    if shift != 0 && !deadlines.is_empty() || deadlines.iter().any(early) {
        let _ = writeln!(s, "\n[reporting]");
        let _ = match shift {
            0 => writeln!(s, "# Hạn báo cáo của cấp trên: sửa theo lịch của địa phương."),
            _ => {
                writeln!(s, "# Hạn báo cáo của cấp trên, dời sang năm của kế hoạch này: sửa theo lịch của địa phương.")
            }
        };
        let _ = writeln!(s, "deadlines = [");
        for d in deadlines {
            // A deadline before the plan's own date cannot be met, and one that is no
            // calendar date cannot be moved: each is left, commented, for the clerk.
            match shifted(d) {
                Some(moved) if !early(d) => {
                    let _ = writeln!(s, "  {{ what = {}, before = {} }},", quote(&d.what), moved.format("%Y-%m-%d"));
                }
                Some(moved) => {
                    let line = format!("{{ what = {}, before = {} }},", quote(&d.what), moved.format("%Y-%m-%d"));
                    let _ = writeln!(s, "  # {line}   # trước ngày ban hành: sửa hạn rồi bỏ dấu #");
                }
                None => {
                    let line = format!("{{ what = {}, before = {} }},", quote(&d.what), quote(&d.before.written));
                    let _ = writeln!(s, "  # {line}   # sửa hạn (YYYY-MM-DD) rồi bỏ dấu #");
                }
            }
        }
        let _ = writeln!(s, "]");
    }
    let _ = writeln!(s, "\n[recipients]");
    let _ = writeln!(s, "to = [{}]   # sửa: nơi nhận", quote(&format!("{} (để b/c)", p.issuer.name.as_str())));
    let _ = writeln!(s, "archive = [\"VT\"]                # thêm đơn vị soạn thảo: [\"VT\", \"…\"]\n");
    let _ = writeln!(s, "[signature]");
    match r.level {
        Level::Office => {
            let _ = writeln!(s, "authority = \"KT\"\nhead = \"Trưởng phòng\"\ntitle = \"Phó Trưởng phòng\"");
        }
        _ => {
            let _ = writeln!(
                s,
                "collective = \"Ủy ban nhân dân\"\nauthority = \"KT\"\nhead = \"Chủ tịch\"\ntitle = \"Phó Chủ tịch\""
            );
        }
    }
    let _ = writeln!(s, "name = \"\"                       # điền: họ tên người ký");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_name_must_abbreviate_the_name() {
        assert!(short_fits("Ủy ban nhân dân các xã, phường", "UBND xã, phường"));
        assert!(short_fits("Ủy ban Mặt trận Tổ quốc Việt Nam xã", "UBMTTQ xã"));
        assert!(short_fits("Sở Lao động - Thương binh và Xã hội", "Sở LĐTBXH"));
        assert!(!short_fits("Các thôn, bản, tổ dân phố", "UBND xã, thành phố"));
        assert!(!short_fits("Phòng Văn hóa và Thông tin", "Phòng VHTTDL"));
        assert!(!short_fits("Phòng Y tế", "Phòng LĐTBXH"));
        assert!(!short_fits("Bảo hiểm xã hội cơ sở", "BHXH phường"));
        assert!(short_fits("Phòng Văn hóa - Xã hội", "Phòng Văn hóa - Xã hội"));
    }

    #[test]
    fn abbreviates_issuers() {
        assert_eq!(abbreviation("Ủy ban nhân dân huyện Mai Sơn"), "UBND");
        assert_eq!(abbreviation("Phòng Giáo dục và Đào tạo"), "PGDĐT");
        assert_eq!(abbreviation("Phòng Lao động - Thương binh và Xã hội"), "PLĐTBXH");
    }
}
