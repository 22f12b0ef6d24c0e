//! Text normalisation and capitals.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// NFC, as TCVN 6909:2001 (Unicode, precomposed) and search in PDFs require.
pub fn to_nfc(s: &str) -> String {
    // Nearly every plan is already NFC and made of ASCII and precomposed Vietnamese
    // letters; those alone cannot be out of NFC, and this check is several times
    // faster than the general one.
    if s.chars().all(is_plain_nfc) {
        return s.to_string();
    }
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => s.to_string(),
        _ => s.nfc().collect(),
    }
}

/// Characters that are NFC on their own and never combine with their neighbours
/// (quick check "yes", combining class 0): Latin up to U+02FF, the precomposed
/// letters of Latin Extended Additional (ạ … ỹ), and dashes, quotes and ellipsis.
fn is_plain_nfc(c: char) -> bool {
    c < '\u{300}' || ('\u{1E00}'..='\u{1EFF}').contains(&c) || ('\u{2010}'..='\u{2027}').contains(&c)
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

/// Tone marks of Vietnamese (grave, acute, tilde, hook, dot below) in NFD.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// The word's letters (NFC) followed by its tone mark, if any.
pub fn tone_key(word: &str) -> String {
    // Letter by letter: the tone taken out of each one's canonical decomposition,
    // then what is left composed again (only where a mark is left: ê, ơ, ư, ă).
    // A name's words are keyed for every check that compares names; the whole-word
    // normalisation below is kept for a word with two tone marks, where the order
    // of the marks decides which one is taken.
    let mut tone = None;
    let mut tones = 0;
    let mut base = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii() {
            base.push(c);
            continue;
        }
        // Outside Latin letters and their marks (Hangul, Indic scripts) letters
        // themselves compose: the whole word is normalised.
        if !matches!(u32::from(c), 0x80..0x250 | 0x300..0x370 | 0x1E00..0x1F00) {
            return tone_key_whole(word);
        }
        unicode_normalization::char::decompose_canonical(c, |d| {
            if TONES.contains(&d) {
                tones += 1;
                tone.get_or_insert(d);
            } else {
                base.push(d);
            }
        });
    }
    if tones > 1 {
        return tone_key_whole(word);
    }
    let mut base = if base.is_ascii() { base } else { composed(&base).unwrap_or_else(|| base.nfc().collect()) };
    base.extend(tone);
    base
}

/// `s` in NFC when each combining mark in it follows a letter it composes with
/// (e + ̂ → ê, u + ̛ → ư), the only marks a Vietnamese letter keeps without its
/// tone; `None` for anything else.
fn composed(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let mut c = c;
        while let Some(&mark) = chars.peek() {
            if unicode_normalization::char::canonical_combining_class(mark) == 0 {
                break;
            }
            c = unicode_normalization::char::compose(c, mark)?;
            chars.next();
        }
        if unicode_normalization::char::canonical_combining_class(c) != 0 {
            return None;
        }
        out.push(c);
    }
    Some(out)
}

/// `tone_key` by normalising the whole word: the first tone mark in canonical order.
fn tone_key_whole(word: &str) -> String {
    let mut tone = None;
    let base: String = word
        .nfd()
        .filter(|c| {
            if TONES.contains(c) {
                tone.get_or_insert(*c);
                false
            } else {
                true
            }
        })
        .nfc()
        .collect();
    match tone {
        Some(t) => format!("{base}{t}"),
        None => base,
    }
}

/// A name as a reader compares it: words in order, capitals and the place of
/// tone marks ("Uỷ"/"Ủy", old and new style) ignored.
pub fn name_key(s: &str) -> String {
    s.split_whitespace().map(|w| tone_key(&w.to_lowercase())).collect::<Vec<_>>().join(" ")
}

/// Lower case without diacritics, "đ" as "d": for matching words, never for output.
pub fn fold(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Letter by letter gives what normalising the whole word gives, on words of
    /// Vietnamese letters, bare and combining tone marks, in either normal form.
    #[test]
    fn tone_key_letter_by_letter_is_the_whole_words() {
        let letters: Vec<char> =
            "aăâeêioôơuưyđAĂÂĐbcghkmnqrtxàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵỦỷ"
                .chars()
                .chain([
                    '\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}', '\u{302}', '\u{306}', '\u{31B}', '-', '&',
                ])
                .collect();
        let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for word in ["가", "가ǭ", "가o\u{304}\u{328}", "\u{BC6}\u{BBE}", "ǭ", "o\u{304}\u{328}", "", "Đường", "K"]
        {
            assert_eq!(tone_key(word), tone_key_whole(word), "{word:?}");
        }
        for _ in 0..20_000 {
            let len = 1 + next(7);
            let word: String = (0..len).map(|_| letters[next(letters.len())]).collect();
            for form in [word.nfc().collect::<String>(), word.nfd().collect(), word.clone()] {
                assert_eq!(tone_key(&form), tone_key_whole(&form), "{form:?}");
            }
        }
    }

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
    fn plain_characters_are_nfc_in_any_sequence() {
        use unicode_normalization::char::canonical_combining_class;
        for c in (0..0x3000u32).filter_map(char::from_u32).filter(|c| is_plain_nfc(*c)) {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert!(matches!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes), "{c:?}");
            // Nothing composes with a following plain character either.
            assert_eq!(to_nfc(&format!("{c}a")), format!("{c}a").nfc().collect::<String>(), "{c:?}");
        }
        // A combining mark after a plain letter still takes the general path.
        assert_eq!(to_nfc("o\u{302}\u{301}"), "ố");
    }

    #[test]
    fn changes_only_the_first_letter() {
        assert_eq!(capitalize_first("ủy ban"), "Ủy ban");
        assert_eq!(lower_first("Kế hoạch"), "kế hoạch");
        assert_eq!(capitalize_first(""), "");
    }
}
