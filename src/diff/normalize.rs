//! The comparison policy every output shares: what counts as a change, and
//! what is compared as one token.
//!
//! Old and new tone-mark placement ("hoà"/"hòa", "Uỷ"/"Ủy") differ only in
//! which vowel carries the tone; the key keeps the letters and the tone, not
//! its position, unless `--tone-marks` asks for it. Whitespace is never a change;
//! punctuation always is. Numbers ("96,5"), document symbols ("1342/TTr-STTTT"),
//! dates ("ngày 03 tháng 4 năm 2023") and agency names are whole tokens.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use crate::model::Plan;

/// The comparison policy of one diff: the change list, the comparison table and
/// the redline all use it.
#[derive(Clone, Debug, Default)]
pub struct Policy {
    /// Tone-mark placement counts as a change.
    pub tones: bool,
    /// Names compared as one token, as token lists, by their first token.
    phrases: HashMap<String, Vec<Vec<String>>>,
}

impl Policy {
    pub fn new(tones: bool) -> Self {
        Policy { tones, phrases: HashMap::new() }
    }

    /// The policy for comparing two plans: their agency and issuer names are whole tokens.
    pub fn for_plans(tones: bool, plans: &[&Plan]) -> Self {
        let mut policy = Policy::new(tones);
        for plan in plans {
            policy.add_names(plan.agencies.values().map(|a| a.name.as_str()));
            policy.add_names([plan.issuer.name.as_str()]);
        }
        policy
    }

    /// Adds names (of two words or more) to compare as whole tokens.
    pub fn add_names<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        for name in names {
            let tokens: Vec<String> = super::tokens::basic_tokens(name).into_iter().map(|t| self.key(t)).collect();
            if tokens.len() < 3 {
                continue;
            }
            let list = self.phrases.entry(tokens[0].clone()).or_default();
            if !list.contains(&tokens) {
                list.push(tokens);
                // Longest first, so "Sở Giáo dục và Đào tạo" wins over "Sở Giáo dục".
                list.sort_by_key(|p| std::cmp::Reverse(p.len()));
            }
        }
    }

    /// The token's comparison key.
    pub fn key(&self, token: &str) -> String {
        if token.trim().is_empty() {
            return " ".into();
        }
        key(token, self.tones)
    }

    /// Whether two texts read the same under this policy.
    pub fn same(&self, a: &str, b: &str) -> bool {
        let k = |s: &str| {
            self.tokens(s).into_iter().filter(|t| !t.trim().is_empty()).map(|t| self.key(t)).collect::<Vec<_>>()
        };
        k(a) == k(b)
    }

    /// Words and the runs between them, losing nothing; names and dates as one token.
    pub fn tokens<'a>(&self, s: &'a str) -> Vec<&'a str> {
        let basic = super::tokens::basic_tokens(s);
        let keys: Vec<String> = basic.iter().map(|t| self.key(t)).collect();
        let mut out = Vec::with_capacity(basic.len());
        let mut i = 0;
        while i < basic.len() {
            let len = self.phrase_at(&keys[i..]).or_else(|| date_at(&basic[i..])).unwrap_or(1);
            let start = basic[i].as_ptr() as usize - s.as_ptr() as usize;
            let last = basic[i + len - 1];
            let end = last.as_ptr() as usize - s.as_ptr() as usize + last.len();
            out.push(&s[start..end]);
            i += len;
        }
        out
    }

    fn phrase_at(&self, keys: &[String]) -> Option<usize> {
        let candidates = self.phrases.get(keys.first()?)?;
        candidates.iter().find(|p| keys.len() >= p.len() && keys[..p.len()] == p[..]).map(Vec::len)
    }
}

/// "ngày 03 tháng 4 năm 2023" as one token: its length in basic tokens.
fn date_at(tokens: &[&str]) -> Option<usize> {
    let words = ["ngày", "tháng", "năm"];
    if tokens.len() < 11 {
        return None;
    }
    for (k, word) in words.iter().enumerate() {
        let (label, space, number) = (tokens[4 * k], tokens[4 * k + 1], tokens[4 * k + 2]);
        if label.to_lowercase() != *word
            || !space.trim().is_empty()
            || space.is_empty()
            || !number.chars().all(|c| c.is_ascii_digit())
        {
            return None;
        }
        if k < 2 && !tokens[4 * k + 3].trim().is_empty() {
            return None;
        }
    }
    Some(11)
}

/// The five tone marks, as combining characters.
/// The key under the chosen rule: tone-mark placement ignored unless `tones`.
pub use crate::vi::text::tone_key;

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

    #[test]
    fn names_and_dates_are_whole_tokens() {
        let mut p = Policy::new(false);
        p.add_names(["Sở Y tế", "Sở Giáo dục và Đào tạo"]);
        let s = "Sở Giáo dục và Đào tạo, ngày 03 tháng 4 năm 2023, số 1342/TTr-STTTT đạt 96,5%.";
        let t = p.tokens(s);
        assert_eq!(t.concat(), s);
        assert!(t.contains(&"Sở Giáo dục và Đào tạo"), "{t:?}");
        assert!(t.contains(&"ngày 03 tháng 4 năm 2023"), "{t:?}");
        assert!(t.contains(&"1342/TTr-STTTT"), "{t:?}");
        assert!(t.contains(&"96,5"), "{t:?}");
        assert!(p.same("a  b", "a b"));
        assert!(!p.same("a, b", "a b"));
    }
}
