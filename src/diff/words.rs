//! Word-by-word comparison of two texts, keeping each run's emphasis.

use serde::Serialize;
use similar::{capture_diff_slices, Algorithm, DiffOp};

use super::normalize::Policy;
use crate::document::{Inline, Mark};

/// A piece of compared text: unchanged, added or removed, bold as the reader sees it.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Segment {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mark: Option<Mark>,
    pub text: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bold: bool,
}

/// A token with the run it came from.
struct Token<'a> {
    text: &'a str,
    from: &'a Inline,
}

fn split<'a>(content: &'a [Inline], policy: &Policy) -> Vec<Token<'a>> {
    content
        .iter()
        .flat_map(|inline| {
            if inline.footnote.is_some() {
                vec![Token { text: &inline.text, from: inline }]
            } else {
                policy.tokens(&inline.text).into_iter().map(|text| Token { text, from: inline }).collect()
            }
        })
        .collect()
}

/// Whitespace is never a change: every run of it has one key.
fn token_key(t: &Token, policy: &Policy) -> String {
    let style = match (t.from.bold, t.from.italic, t.from.footnote) {
        (_, _, Some(n)) => format!("\u{1}fn{n}"),
        (b, i, None) => format!("{}{}", u8::from(b), u8::from(i)),
    };
    if t.text.trim().is_empty() {
        return format!("{style}\u{0} ");
    }
    format!("{style}\u{0}{}", policy.key(t.text))
}

fn push(out: &mut Vec<Inline>, t: &Token, mark: Option<Mark>) {
    if let Some(last) = out.last_mut() {
        if last.mark == mark
            && last.bold == t.from.bold
            && last.italic == t.from.italic
            && last.footnote.is_none()
            && t.from.footnote.is_none()
        {
            last.text.push_str(t.text);
            return;
        }
    }
    out.push(Inline {
        text: t.text.to_string(),
        bold: t.from.bold,
        italic: t.from.italic,
        footnote: t.from.footnote,
        mark,
        nobreak: false,
        link: false,
    });
}

/// Tokens beyond which a changed stretch is not compared word by word: Myers
/// costs (n + m) × edits, quadratic for a rewritten paragraph (20,000 words took
/// 17 s). Past it the common start and end are kept and the stretch between them
/// is one removal and one insertion. Deterministic, unlike a time limit.
const WORD_DIFF_LIMIT: usize = 4_000;

/// Myers diff of two token lists, bounded by [`WORD_DIFF_LIMIT`].
pub fn diff_ops<T: Eq + Ord + std::hash::Hash>(a: &[T], b: &[T]) -> Vec<DiffOp> {
    if a.len() + b.len() <= WORD_DIFF_LIMIT {
        return capture_diff_slices(Algorithm::Myers, a, b);
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (a_mid, b_mid) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut ops = Vec::new();
    if prefix > 0 {
        ops.push(DiffOp::Equal { old_index: 0, new_index: 0, len: prefix });
    }
    if a_mid.len() + b_mid.len() <= WORD_DIFF_LIMIT {
        ops.extend(capture_diff_slices(Algorithm::Myers, a_mid, b_mid).into_iter().map(|op| shift(op, prefix)));
    } else {
        match (a_mid.len(), b_mid.len()) {
            (0, 0) => {}
            (0, n) => ops.push(DiffOp::Insert { old_index: prefix, new_index: prefix, new_len: n }),
            (n, 0) => ops.push(DiffOp::Delete { old_index: prefix, old_len: n, new_index: prefix }),
            (o, n) => ops.push(DiffOp::Replace { old_index: prefix, old_len: o, new_index: prefix, new_len: n }),
        }
    }
    if suffix > 0 {
        ops.push(DiffOp::Equal { old_index: a.len() - suffix, new_index: b.len() - suffix, len: suffix });
    }
    ops
}

fn shift(op: DiffOp, by: usize) -> DiffOp {
    match op {
        DiffOp::Equal { old_index, new_index, len } => {
            DiffOp::Equal { old_index: old_index + by, new_index: new_index + by, len }
        }
        DiffOp::Delete { old_index, old_len, new_index } => {
            DiffOp::Delete { old_index: old_index + by, old_len, new_index: new_index + by }
        }
        DiffOp::Insert { old_index, new_index, new_len } => {
            DiffOp::Insert { old_index: old_index + by, new_index: new_index + by, new_len }
        }
        DiffOp::Replace { old_index, old_len, new_index, new_len } => {
            DiffOp::Replace { old_index: old_index + by, old_len, new_index: new_index + by, new_len }
        }
    }
}

/// Old and new runs merged into one list with the removed and added words marked.
/// Unchanged words take the new spelling. Changed words separated only by spaces
/// read as one phrase replaced by another: "[-Cục Thống kê tỉnh-]{+Sở Kế hoạch và
/// Đầu tư+}", not each old word against a new one.
pub fn merge(old: &[Inline], new: &[Inline], policy: &Policy) -> Vec<Inline> {
    let (a, b) = (split(old, policy), split(new, policy));
    let ka: Vec<String> = a.iter().map(|t| token_key(t, policy)).collect();
    let kb: Vec<String> = b.iter().map(|t| token_key(t, policy)).collect();
    let ops = diff_ops(&ka, &kb);
    let is_equal = |op: &DiffOp| matches!(op, DiffOp::Equal { .. });
    let spaces = |op: &DiffOp| match *op {
        DiffOp::Equal { old_index, len, .. } => blank(&a[old_index..old_index + len]),
        _ => false,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < ops.len() {
        // The changes from `i` to `last`, joined across spaces left alone.
        let mut last = i;
        if !is_equal(&ops[i]) {
            while last + 2 < ops.len() && spaces(&ops[last + 1]) && !is_equal(&ops[last + 2]) {
                last += 2;
            }
        }
        let (old_range, new_range) =
            (ops[i].old_range().start..ops[last].old_range().end, ops[i].new_range().start..ops[last].new_range().end);
        let (old_part, new_part) = (&a[old_range], &b[new_range]);
        if last > i && !blank(old_part) && !blank(new_part) {
            old_part.iter().for_each(|t| push(&mut out, t, Some(Mark::Removed)));
            new_part.iter().for_each(|t| push(&mut out, t, Some(Mark::Added)));
        } else {
            ops[i..=last].iter().for_each(|op| one(&mut out, op, &a, &b));
        }
        i = last + 1;
    }
    out
}

/// One step of the comparison into `out`.
fn one(out: &mut Vec<Inline>, op: &DiffOp, a: &[Token], b: &[Token]) {
    match *op {
        DiffOp::Equal { new_index, len, .. } => b[new_index..new_index + len].iter().for_each(|t| push(out, t, None)),
        // Whitespace is never a change: a space only added is the new spelling,
        // one only removed is gone without a mark.
        DiffOp::Delete { old_index, old_len, .. } if blank(&a[old_index..old_index + old_len]) => {}
        DiffOp::Insert { new_index, new_len, .. } if blank(&b[new_index..new_index + new_len]) => {
            b[new_index..new_index + new_len].iter().for_each(|t| push(out, t, None))
        }
        DiffOp::Delete { old_index, old_len, .. } => {
            a[old_index..old_index + old_len].iter().for_each(|t| push(out, t, Some(Mark::Removed)))
        }
        DiffOp::Insert { new_index, new_len, .. } => {
            b[new_index..new_index + new_len].iter().for_each(|t| push(out, t, Some(Mark::Added)))
        }
        DiffOp::Replace { old_index, old_len, new_index, new_len } => {
            a[old_index..old_index + old_len].iter().for_each(|t| push(out, t, Some(Mark::Removed)));
            b[new_index..new_index + new_len].iter().for_each(|t| push(out, t, Some(Mark::Added)));
        }
    }
}

fn blank(tokens: &[Token]) -> bool {
    tokens.iter().all(|t| t.from.footnote.is_none() && t.text.trim().is_empty())
}

/// Word diff of two texts as the reader sees them.
pub fn segments(old: &[Inline], new: &[Inline], policy: &Policy) -> Vec<Segment> {
    merge(old, new, policy).into_iter().map(|i| Segment { mark: i.mark, text: i.text, bold: i.bold }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(old: &str, new: &str) -> Vec<Segment> {
        segments(&[Inline::plain(old)], &[Inline::plain(new)], &Policy::new(false))
    }

    #[test]
    fn numbers_change_as_whole_tokens() {
        let seg = plain("đạt 96,5%", "đạt 95,8%");
        let removed: Vec<&str> =
            seg.iter().filter(|s| s.mark == Some(Mark::Removed)).map(|s| s.text.as_str()).collect();
        assert_eq!(removed, ["96,5"]);
    }

    #[test]
    fn marks_changed_words_only() {
        let seg = plain("đạt 63,7% năm 2023", "đạt 65% năm 2023");
        let removed: String = seg.iter().filter(|s| s.mark == Some(Mark::Removed)).map(|s| s.text.as_str()).collect();
        let added: String = seg.iter().filter(|s| s.mark == Some(Mark::Added)).map(|s| s.text.as_str()).collect();
        assert_eq!(removed, "63,7");
        assert_eq!(added, "65");
    }

    #[test]
    fn a_phrase_replaced_reads_as_one() {
        let seg = plain("do Cục Thống kê tỉnh cung cấp", "do Sở Kế hoạch và Đầu tư cung cấp");
        let marked: Vec<(Option<Mark>, &str)> = seg.iter().map(|s| (s.mark, s.text.as_str())).collect();
        assert_eq!(
            marked,
            [
                (None, "do "),
                (Some(Mark::Removed), "Cục Thống kê tỉnh"),
                (Some(Mark::Added), "Sở Kế hoạch và Đầu tư"),
                (None, " cung cấp")
            ]
        );
    }

    #[test]
    fn a_space_added_or_removed_is_no_change() {
        for (old, new) in [("2021- 2030", "2021 - 2030"), ("2021 - 2030", "2021- 2030")] {
            let seg = plain(old, new);
            assert!(seg.iter().all(|s| s.mark.is_none()), "{old} → {new}: {seg:?}");
            assert_eq!(seg.iter().map(|s| s.text.as_str()).collect::<String>(), new);
        }
        let seg = plain("giai đoạn 2021- 2030", "thời kỳ 2021 - 2030");
        let words = |mark| seg.iter().filter(|s| s.mark == Some(mark)).map(|s| s.text.trim()).collect::<Vec<_>>();
        assert_eq!((words(Mark::Removed), words(Mark::Added)), (vec!["giai đoạn"], vec!["thời kỳ"]));
    }

    #[test]
    fn tone_variants_are_not_changes() {
        assert!(Policy::new(false).same("hoà nhập cộng đồng", "hòa nhập cộng đồng"));
        assert!(!Policy::new(true).same("hoà nhập cộng đồng", "hòa nhập cộng đồng"));
    }
}
