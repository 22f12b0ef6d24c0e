//! Text cut into tokens for comparison: words (with the joiners inside numbers
//! and symbols), runs of white space, and single other characters.

/// Characters that join two word runs into one token when they stand between
/// letters or digits: "96,5", "18.680.000", "1342/TTr-STTTT", "03/4/2023".
const JOINERS: [char; 4] = [',', '.', '/', '-'];

/// Splits into words, runs of whitespace and single other characters, losing
/// nothing. A joiner inside a word belongs to the word.
pub fn basic_tokens(s: &str) -> Vec<&str> {
    #[derive(Clone, Copy, PartialEq)]
    enum Class {
        Word,
        Space,
        Other,
    }
    let mut out = Vec::new();
    let mut start = 0;
    let mut last: Option<Class> = None;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let joiner =
            last == Some(Class::Word) && JOINERS.contains(&c) && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        let class = if c.is_alphanumeric() || joiner {
            Class::Word
        } else if c.is_whitespace() {
            Class::Space
        } else {
            Class::Other
        };
        if last.is_some_and(|l| l != class || class == Class::Other) {
            out.push(&s[start..i]);
            start = i;
        }
        last = Some(class);
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_without_losing_text() {
        let s = "Tỷ lệ 63,7% (năm 2023).";
        assert_eq!(basic_tokens(s).concat(), s);
        assert_eq!(basic_tokens("a  b"), ["a", "  ", "b"]);
        assert_eq!(basic_tokens("96,5% và 423-KH/TU."), ["96,5", "%", " ", "và", " ", "423-KH/TU", "."]);
    }
}
