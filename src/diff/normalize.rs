//! Comparison keys: two spellings of the same Vietnamese word compare equal.
//!
//! Old and new tone-mark placement ("hoà"/"hòa", "Uỷ"/"Ủy") differ only in
//! which vowel carries the tone; the key keeps the letters and the tone, not
//! its position.

use unicode_normalization::UnicodeNormalization;

/// The five tone marks, as combining characters.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// The word's letters (NFC) followed by its tone mark, if any.
pub fn tone_key(word: &str) -> String {
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

/// The key under the chosen rule: tone-mark placement ignored unless `tones`.
pub fn key(token: &str, tones: bool) -> String {
    if tones {
        token.nfc().collect()
    } else {
        tone_key(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tone_placement_does_not_matter() {
        assert_eq!(tone_key("hoà"), tone_key("hòa"));
        assert_eq!(tone_key("Uỷ"), tone_key("Ủy"));
        assert_eq!(tone_key("thuý"), tone_key("thúy"));
        assert_ne!(tone_key("hòa"), tone_key("hoa"));
        assert_ne!(tone_key("hòa"), tone_key("họa"));
        assert_ne!(key("hoà", true), key("hòa", true));
    }
}
