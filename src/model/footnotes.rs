//! Footnotes as the plan's free text writes them (Markdown): a reference
//! `[^label]` in the text, a note `[^label]: …` at the start of a line. Read here
//! for both the checks and the composer, which keeps a reference in an indicator's
//! words one.

/// A reference or a note in a text: where its `[^label]` is, and which it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FootnoteMark<'a> {
    pub range: std::ops::Range<usize>,
    pub label: &'a str,
    /// A note's start (`[^1]:` opening a line), not a reference.
    pub note: bool,
}

/// Every `[^label]` of `text`, in order; a label is not empty and has no space.
pub fn footnote_marks(text: &str) -> Vec<FootnoteMark<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = text[at..].find("[^") {
        let start = at + i;
        let after = &text[start + 2..];
        let Some(end) = after.find(']') else { break };
        let label = &after[..end];
        if !label.is_empty() && !label.contains(|c: char| c.is_whitespace() || c == '[') {
            let line_start = text[..start].rfind('\n').map_or(0, |n| n + 1);
            let note = text[line_start..start].trim().is_empty() && after[end + 1..].starts_with(':');
            out.push(FootnoteMark { range: start..start + 3 + end, label, note });
        }
        at = start + 2;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::footnote_marks;

    #[test]
    fn references_and_notes() {
        let text = "Giảm tỷ lệ hộ nghèo[^1] theo chuẩn[^a].\n[^1]: Theo Nghị định.\n  [^b]: Khác.";
        let marks: Vec<(&str, bool)> = footnote_marks(text).iter().map(|m| (m.label, m.note)).collect();
        assert_eq!(marks, [("1", false), ("a", false), ("1", true), ("b", true)]);
        assert_eq!(&text[footnote_marks(text)[0].range.clone()], "[^1]");
        assert!(footnote_marks("[^ 1] và [^] không phải").is_empty());
    }
}
