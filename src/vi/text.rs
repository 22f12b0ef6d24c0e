//! Text normalisation and capitals.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// NFC, as TCVN 6909:2001 (Unicode, precomposed) and search in PDFs require.
pub fn to_nfc(s: &str) -> String {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => s.to_string(),
        _ => s.nfc().collect(),
    }
}

/// Capitals with diacritics kept: "Ủy ban nhân dân tỉnh Sơn La" → "ỦY BAN NHÂN DÂN TỈNH SƠN LA".
pub fn upper(s: &str) -> String {
    to_nfc(&s.to_uppercase())
}

/// First letter in capitals, the rest as written.
pub fn capitalize_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => to_nfc(&(c.to_uppercase().collect::<String>() + chars.as_str())),
        None => String::new(),
    }
}

/// First letter in lower case, for a name used mid-sentence ("Kế hoạch" → "kế hoạch").
pub fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uppercases_with_diacritics() {
        assert_eq!(upper("Ủy ban nhân dân tỉnh Sơn La"), "ỦY BAN NHÂN DÂN TỈNH SƠN LA");
        assert_eq!(upper("Phòng Giáo dục và Đào tạo"), "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO");
        assert_eq!(upper("đường lối, chính sách"), "ĐƯỜNG LỐI, CHÍNH SÁCH");
    }

    #[test]
    fn normalises_decomposed_text() {
        let nfd: String = "Sơn La".nfd().collect();
        assert_ne!(nfd, "Sơn La");
        assert_eq!(to_nfc(&nfd), "Sơn La");
        assert_eq!(upper(&nfd), "SƠN LA");
    }

    #[test]
    fn changes_only_the_first_letter() {
        assert_eq!(capitalize_first("ủy ban"), "Ủy ban");
        assert_eq!(lower_first("Kế hoạch"), "kế hoạch");
        assert_eq!(capitalize_first(""), "");
    }
}
