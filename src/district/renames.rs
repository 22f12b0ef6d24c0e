//! Agency names one level down: Sở → Phòng, Công an tỉnh → Công an huyện, …
//! A built-in table per level and era; a user's own rules (a TOML file of
//! `[[rename]] from = "…" to = "…"`) are tried before it.
//!
//! Two eras: until 30 June 2025 local government had three tiers (tỉnh → huyện →
//! xã); since 1 July 2025 (Luật Tổ chức chính quyền địa phương số 72/2025/QH15) it
//! has two, the province directly over its xã, phường and đặc khu, whose UBND has
//! a Văn phòng HĐND và UBND, a Phòng Kinh tế (in a phường: Phòng Kinh tế, Hạ tầng
//! và Đô thị) and a Phòng Văn hóa - Xã hội (Nghị định 150/2025/NĐ-CP).

use anyhow::{Context, Result};
use serde::Deserialize;

/// The level of the plan being scaffolded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Level {
    // The doc comments are the Vietnamese help of `kehoach new --level`.
    /// UBND huyện (quận, thị xã, thành phố thuộc tỉnh).
    District,
    /// Phòng chuyên môn của huyện (Phòng Giáo dục và Đào tạo, …).
    Office,
    /// UBND xã (trước 01/7/2025 cả thị trấn).
    Commune,
    /// UBND phường.
    Ward,
    /// UBND đặc khu (từ 01/7/2025).
    SpecialZone,
}

pub use crate::model::reorganisation::two_tier_from;

impl Level {
    /// The levels a plan dated `date` can be written at: district, office and
    /// commune before July 2025; commune, ward and special zone after.
    pub fn exists_on(self, date: chrono::NaiveDate) -> bool {
        let two_tier = date >= two_tier_from();
        match self {
            Level::District | Level::Office => !two_tier,
            Level::Commune | Level::Ward => true,
            Level::SpecialZone => two_tier,
        }
    }

    /// The usual level on `date`: a district before July 2025, a commune after.
    /// The level an issuer's name says: "Ủy ban nhân dân huyện Mai Sơn" is a
    /// district, "Phòng Giáo dục và Đào tạo huyện …" an office, "… phường …" a ward.
    pub fn of_issuer(issuer: &str) -> Option<Level> {
        let words = crate::vi::text::name_key(issuer);
        let has = |w: &str| format!(" {words} ").contains(&format!(" {} ", crate::vi::text::name_key(w)));
        if words.starts_with(&crate::vi::text::name_key("Phòng ")) && (has("huyện") || has("quận") || has("thị xã"))
        {
            return Some(Level::Office);
        }
        if has("đặc khu") {
            Some(Level::SpecialZone)
        } else if has("phường") {
            Some(Level::Ward)
        } else if has("huyện") || has("quận") || has("thị xã") {
            Some(Level::District)
        } else if has("xã") || has("thị trấn") {
            Some(Level::Commune)
        } else {
            None
        }
    }

    pub fn default_on(date: chrono::NaiveDate) -> Level {
        if date >= two_tier_from() {
            Level::Commune
        } else {
            Level::District
        }
    }

    /// The administrative unit word of the level ("xã", "phường", "đặc khu").
    pub fn unit(self) -> &'static str {
        match self {
            Level::District | Level::Office => "huyện",
            Level::Commune => "xã",
            Level::Ward => "phường",
            Level::SpecialZone => "đặc khu",
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
pub struct Rename {
    pub from: String,
    pub to: String,
}

#[derive(Deserialize)]
struct RenameFile {
    #[serde(default)]
    rename: Vec<Rename>,
}

const DISTRICT: &[(&str, &str)] = &[
    ("Ủy ban nhân dân các huyện, thị xã, thành phố", "Ủy ban nhân dân các xã, thị trấn"),
    ("Ủy ban nhân dân các huyện, thành phố", "Ủy ban nhân dân các xã, thị trấn"),
    ("UBND các huyện, thành phố", "UBND các xã, thị trấn"),
    ("Công an tỉnh", "Công an huyện"),
    ("Sở Y tế", "Trung tâm Y tế huyện"),
    ("Sở Văn hóa, Thể thao và Du lịch", "Phòng Văn hóa và Thông tin"),
    ("Sở Thông tin và Truyền thông", "Phòng Văn hóa và Thông tin"),
    ("Sở Kế hoạch và Đầu tư", "Phòng Tài chính - Kế hoạch"),
    ("Sở Tài chính", "Phòng Tài chính - Kế hoạch"),
    ("Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh", "Huyện đoàn"),
    ("Tỉnh đoàn", "Huyện đoàn"),
    ("Tỉnh Đoàn", "Huyện đoàn"),
    // With "tỉnh" after the list first: one rule applies, once.
    ("Các Sở, ban, ngành, đoàn thể tỉnh", "Các phòng, ban, ngành, đoàn thể huyện"),
    ("Các sở, ban, ngành, đoàn thể tỉnh", "Các phòng, ban, ngành, đoàn thể huyện"),
    ("Các Sở, ban, ngành tỉnh", "Các phòng, ban, ngành huyện"),
    ("Các sở, ban, ngành tỉnh", "Các phòng, ban, ngành huyện"),
    ("Các Sở, ban, ngành, đoàn thể", "Các phòng, ban, ngành, đoàn thể huyện"),
    ("Các sở, ban, ngành, đoàn thể", "Các phòng, ban, ngành, đoàn thể huyện"),
    ("Các Sở, ban, ngành", "Các phòng, ban, ngành huyện"),
    ("Các sở, ban, ngành", "Các phòng, ban, ngành huyện"),
    ("Sở ", "Phòng "),
    (" tỉnh", " huyện"),
];

const COMMUNE: &[(&str, &str)] = &[
    ("Ủy ban nhân dân các xã, thị trấn", "Các thôn, bản, tổ dân phố"),
    ("Công an huyện", "Công an xã"),
    ("Trung tâm Y tế huyện", "Trạm Y tế xã"),
    ("Phòng Giáo dục và Đào tạo", "Các trường học trên địa bàn xã"),
    ("Phòng Lao động - Thương binh và Xã hội", "Công chức Văn hóa - Xã hội"),
    ("Phòng Văn hóa và Thông tin", "Công chức Văn hóa - Xã hội"),
    ("Phòng Tư pháp", "Công chức Tư pháp - Hộ tịch"),
    ("Phòng Tài chính - Kế hoạch", "Công chức Tài chính - Kế toán"),
    ("Huyện đoàn", "Đoàn Thanh niên xã"),
    ("Các phòng, ban, ngành, đoàn thể huyện", "Các ban, ngành, đoàn thể xã"),
    ("Các phòng, ban, ngành huyện", "Các ban, ngành, đoàn thể xã"),
    (" huyện", " xã"),
];

/// Province → xã, phường, đặc khu directly (two tiers, since July 2025): the
/// departments' work goes to the commune's three offices. `{unit}` is the level's word.
const TWO_TIER: &[(&str, &str)] = &[
    ("Ủy ban nhân dân các huyện, thị xã, thành phố", "Các thôn, tổ dân phố"),
    ("Ủy ban nhân dân các huyện, thành phố", "Các thôn, tổ dân phố"),
    ("UBND các huyện, thị xã, thành phố", "Các thôn, tổ dân phố"),
    ("UBND các huyện, thành phố", "Các thôn, tổ dân phố"),
    ("UBND huyện, thành phố", "Các thôn, tổ dân phố"),
    ("Các Sở, ban, ngành, đoàn thể tỉnh", "Các ban, ngành, đoàn thể {unit}"),
    ("Các sở, ban, ngành, đoàn thể tỉnh", "Các ban, ngành, đoàn thể {unit}"),
    ("Các Sở, ban, ngành tỉnh", "Các ban, ngành, đoàn thể {unit}"),
    ("Các sở, ban, ngành tỉnh", "Các ban, ngành, đoàn thể {unit}"),
    ("Các Sở, ban, ngành, đoàn thể", "Các ban, ngành, đoàn thể {unit}"),
    ("Các sở, ban, ngành, đoàn thể", "Các ban, ngành, đoàn thể {unit}"),
    ("Các Sở, ban, ngành", "Các ban, ngành, đoàn thể {unit}"),
    ("Các sở, ban, ngành", "Các ban, ngành, đoàn thể {unit}"),
    ("Ủy ban nhân dân các xã, phường", "Các thôn, tổ dân phố"),
    ("UBND các xã, phường", "Các thôn, tổ dân phố"),
    ("Công an tỉnh", "Công an {unit}"),
    ("Sở Nội vụ", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"),
    ("Sở Tư pháp", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"),
    ("Sở Y tế", "Phòng Văn hóa - Xã hội"),
    ("Sở Giáo dục và Đào tạo", "Phòng Văn hóa - Xã hội"),
    ("Sở Lao động - Thương binh và Xã hội", "Phòng Văn hóa - Xã hội"),
    ("Sở Văn hóa, Thể thao và Du lịch", "Phòng Văn hóa - Xã hội"),
    ("Sở Thông tin và Truyền thông", "Phòng Văn hóa - Xã hội"),
    ("Sở Dân tộc và Tôn giáo", "Phòng Văn hóa - Xã hội"),
    ("Sở Tài chính", "Phòng Kinh tế"),
    ("Sở Kế hoạch và Đầu tư", "Phòng Kinh tế"),
    ("Sở Nông nghiệp và Môi trường", "Phòng Kinh tế"),
    ("Sở Công Thương", "Phòng Kinh tế"),
    ("Sở Xây dựng", "Phòng Kinh tế"),
    ("Sở Khoa học và Công nghệ", "Phòng Kinh tế"),
    ("Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh", "Đoàn Thanh niên {unit}"),
    ("Tỉnh đoàn", "Đoàn Thanh niên {unit}"),
    ("Tỉnh Đoàn", "Đoàn Thanh niên {unit}"),
    ("Bảo hiểm xã hội tỉnh", "Bảo hiểm xã hội cơ sở"),
    (" tỉnh", " {unit}"),
];

/// The rules for a level on a child plan's date: the user's first, then the built-in
/// ones of its era (three tiers, or two from July 2025).
pub fn rules_for(level: Level, date: chrono::NaiveDate, user: Option<&std::path::Path>) -> Result<Vec<Rename>> {
    if date < two_tier_from() {
        let mut out = user_rules(user)?;
        // From March 2025 a district has no Phòng LĐTBXH: children's affairs and social
        // protection, what these plans give it, went to the Phòng Y tế.
        if date >= crate::model::reorganisation::ldtbxh_dissolved_from()
            && matches!(level, Level::District | Level::Office)
        {
            out.push(Rename {
                from: "Sở Lao động - Thương binh và Xã hội".into(), to: "Phòng Y tế".into()
            });
        }
        out.extend(three_tier(level));
        return Ok(out);
    }
    let mut out = user_rules(user)?;
    // In a phường, the economic office also has infrastructure and urban affairs.
    let economy =
        if level == Level::Ward { "Phòng Kinh tế, Hạ tầng và Đô thị" } else { "Phòng Kinh tế" };
    out.extend(TWO_TIER.iter().map(|(f, t)| Rename {
        from: (*f).into(),
        to: t.replace("{unit}", level.unit()).replace("Phòng Kinh tế", economy),
    }));
    Ok(out)
}

fn user_rules(user: Option<&std::path::Path>) -> Result<Vec<Rename>> {
    let Some(path) = user else { return Ok(Vec::new()) };
    let text = std::fs::read_to_string(path)
        .with_context(|| crate::diag::Msg::new("error.read-file").arg("path", path.display()))?;
    let file: RenameFile = toml::from_str(&text)
        .with_context(|| crate::diag::Msg::new("error.renames-format").arg("path", path.display()))?;
    Ok(file.rename)
}

/// The built-in three-tier rules of a level.
fn three_tier(level: Level) -> Vec<Rename> {
    let plain = |table: &[(&str, &str)]| -> Vec<Rename> {
        table.iter().map(|(f, t)| Rename { from: (*f).into(), to: (*t).into() }).collect()
    };
    match level {
        Level::District | Level::Office => plain(DISTRICT),
        Level::Commune | Level::Ward | Level::SpecialZone => {
            // A commune plan extends a district plan (names already one level down)
            // or the province's own: a provincial name goes down both levels. The
            // catch-alls (" tỉnh", " huyện" → " xã") come after every whole name.
            let commune = plain(COMMUNE);
            let fragment = |r: &Rename| r.from.starts_with(' ') || r.from.ends_with(' ');
            let (catch_all, names): (Vec<Rename>, Vec<Rename>) = commune.iter().cloned().partition(fragment);
            let departments = names.iter().filter_map(|r| {
                let rest = r.from.strip_prefix("Phòng ")?;
                Some(Rename { from: format!("Sở {rest}"), to: r.to.clone() })
            });
            let provincial = plain(DISTRICT)
                .into_iter()
                .filter(|r| !fragment(r))
                .map(|r| Rename { to: rename(&r.to, &commune).unwrap_or_else(|| r.to.clone()), from: r.from });
            let province = Rename { from: " tỉnh".into(), to: " xã".into() };
            let mut out: Vec<Rename> = names.iter().cloned().chain(departments).collect();
            out.extend(provincial);
            out.push(province);
            out.extend(catch_all);
            // A phường's bodies are the phường's: "Công an phường", "Trạm Y tế phường";
            // it has tổ dân phố, no thôn or bản.
            let unit = format!(" {}", level.unit());
            for r in out.iter_mut().filter(|_| level != Level::Commune) {
                r.to = r.to.replace(" xã", &unit).replace("Các thôn, bản, tổ dân phố", "Các tổ dân phố");
            }
            out
        }
    }
}

/// The rules for a level (three tiers): the user's first, then the built-in ones.
pub fn rules(level: Level, user: Option<&std::path::Path>) -> Result<Vec<Rename>> {
    let mut out = user_rules(user)?;
    out.extend(three_tier(level));
    Ok(out)
}

/// The first rule that applies, applied once.
pub fn rename(name: &str, rules: &[Rename]) -> Option<String> {
    rules.iter().find(|r| name.contains(&r.from)).map(|r| name.replacen(&r.from, &r.to, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ward_before_two_tiers_names_its_own_bodies() {
        let w = three_tier(Level::Ward);
        assert_eq!(rename("Công an tỉnh", &w).unwrap(), "Công an phường");
        assert_eq!(rename("Sở Y tế", &w).unwrap(), "Trạm Y tế phường");
        assert_eq!(rename("Ủy ban nhân dân các huyện, thành phố", &w).unwrap(), "Các tổ dân phố");
        let d = three_tier(Level::District);
        assert_eq!(rename("Tỉnh Đoàn Vĩnh Long", &d).unwrap(), "Huyện đoàn Vĩnh Long");
        assert_eq!(
            rename("Các Sở, ban, ngành, đoàn thể liên quan", &d).unwrap(),
            "Các phòng, ban, ngành, đoàn thể huyện liên quan"
        );
        assert_eq!(rename("Các sở, ban, ngành, đoàn thể tỉnh", &d).unwrap(), "Các phòng, ban, ngành, đoàn thể huyện");
        let c = three_tier(Level::Commune);
        assert_eq!(rename("Các sở, ban, ngành, đoàn thể tỉnh", &c).unwrap(), "Các ban, ngành, đoàn thể xã");
    }

    #[test]
    fn the_issuer_s_name_says_its_level() {
        let of = Level::of_issuer;
        assert_eq!(of("Ủy ban nhân dân huyện Mai Sơn"), Some(Level::District));
        assert_eq!(of("ỦY BAN NHÂN DÂN THỊ XÃ BÌNH MINH"), Some(Level::District));
        assert_eq!(of("Phòng Giáo dục và Đào tạo huyện Cẩm Giàng"), Some(Level::Office));
        assert_eq!(of("Ủy ban nhân dân xã Chiềng Mung"), Some(Level::Commune));
        assert_eq!(of("Ủy ban nhân dân phường Ba Đình"), Some(Level::Ward));
        assert_eq!(of("Ủy ban nhân dân đặc khu Phú Quốc"), Some(Level::SpecialZone));
        assert_eq!(of("Sở Y tế"), None);
    }

    #[test]
    fn renames_one_level_down() {
        let d = rules(Level::District, None).unwrap();
        assert_eq!(
            rename("Sở Lao động - Thương binh và Xã hội", &d).unwrap(),
            "Phòng Lao động - Thương binh và Xã hội"
        );
        assert_eq!(rename("Công an tỉnh", &d).unwrap(), "Công an huyện");
        assert_eq!(rename("Ủy ban nhân dân các huyện, thành phố", &d).unwrap(), "Ủy ban nhân dân các xã, thị trấn");
        let c = rules(Level::Commune, None).unwrap();
        assert_eq!(rename("Công an huyện", &c).unwrap(), "Công an xã");
        assert_eq!(rename("Bộ Y tế", &c), None);
        // A commune plan made straight from the province's, before July 2025.
        assert_eq!(rename("Sở Y tế", &c).unwrap(), "Trạm Y tế xã");
        assert_eq!(rename("Công an tỉnh", &c).unwrap(), "Công an xã");
        assert_eq!(rename("Ủy ban nhân dân các huyện, thành phố", &c).unwrap(), "Các thôn, bản, tổ dân phố");
        assert_eq!(rename("Tỉnh đoàn", &c).unwrap(), "Đoàn Thanh niên xã");
        assert_eq!(rename("Sở Lao động - Thương binh và Xã hội", &c).unwrap(), "Công chức Văn hóa - Xã hội");
    }

    #[test]
    fn renames_province_to_commune_in_two_tiers() {
        let after = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let c = rules_for(Level::Commune, after, None).unwrap();
        assert_eq!(rename("Sở Lao động - Thương binh và Xã hội", &c).unwrap(), "Phòng Văn hóa - Xã hội");
        assert_eq!(rename("Công an tỉnh", &c).unwrap(), "Công an xã");
        assert_eq!(rename("Sở Tài chính", &c).unwrap(), "Phòng Kinh tế");
        assert_eq!(rename("Ủy ban nhân dân các huyện, thành phố", &c).unwrap(), "Các thôn, tổ dân phố");
        assert_eq!(
            rename("Các Sở, ban, ngành, đoàn thể liên quan", &c).unwrap(),
            "Các ban, ngành, đoàn thể xã liên quan"
        );
        let w = rules_for(Level::Ward, after, None).unwrap();
        assert_eq!(rename("Sở Tài chính", &w).unwrap(), "Phòng Kinh tế, Hạ tầng và Đô thị");
        assert_eq!(rename("Công an tỉnh", &w).unwrap(), "Công an phường");
        let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        // Between March and July 2025 a district's children's affairs are the Phòng Y tế's.
        let before = rules_for(Level::District, date(2025, 2, 28), None).unwrap();
        let during = rules_for(Level::District, date(2025, 3, 1), None).unwrap();
        let ldtbxh = "Sở Lao động - Thương binh và Xã hội";
        assert_eq!(rename(ldtbxh, &before).unwrap(), "Phòng Lao động - Thương binh và Xã hội");
        assert_eq!(rename(ldtbxh, &during).unwrap(), "Phòng Y tế");
        assert_eq!(rename("Sở Y tế", &during).unwrap(), "Trung tâm Y tế huyện");
        assert!(Level::District.exists_on(date(2025, 6, 30)) && !Level::District.exists_on(date(2025, 7, 1)));
        assert!(!Level::SpecialZone.exists_on(date(2024, 1, 1)) && Level::SpecialZone.exists_on(date(2026, 1, 1)));
    }
}
