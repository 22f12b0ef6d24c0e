//! Agency names one level down: Sở → Phòng, Công an tỉnh → Công an huyện, …
//! A built-in table per level; a user's own rules (a TOML file of
//! `[[rename]] from = "…" to = "…"`) are tried before it.

use anyhow::{Context, Result};
use serde::Deserialize;

/// The level of the plan being scaffolded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Level {
    /// UBND huyện (quận, thị xã, thành phố thuộc tỉnh).
    District,
    /// An office of a district (Phòng Giáo dục và Đào tạo, …).
    Office,
    /// UBND xã (phường, thị trấn).
    Commune,
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
    (" huyện", " xã"),
];

/// The rules for a level: the user's first, then the built-in ones.
pub fn rules(level: Level, user: Option<&std::path::Path>) -> Result<Vec<Rename>> {
    let mut out = Vec::new();
    if let Some(path) = user {
        let text = std::fs::read_to_string(path)
            .with_context(|| crate::diag::Msg::new("error.read-file").arg("path", path.display()))?;
        let file: RenameFile = toml::from_str(&text)
            .with_context(|| crate::diag::Msg::new("error.renames-format").arg("path", path.display()))?;
        out.extend(file.rename);
    }
    // A commune plan extends a district plan whose names are already one level down.
    let builtin = match level {
        Level::District | Level::Office => DISTRICT,
        Level::Commune => COMMUNE,
    };
    out.extend(builtin.iter().map(|(f, t)| Rename { from: (*f).into(), to: (*t).into() }));
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
    }
}
