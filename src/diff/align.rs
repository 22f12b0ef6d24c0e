//! Aligning two sequences of paragraphs (or lines, rows, list entries) by their
//! text: equal ones pair up, alike ones are one edit, an inserted or deleted
//! one shifts nothing after it, and one that moved is one move.

use similar::DiffOp;

/// How two aligned sequences correspond, in the new sequence's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pair {
    Same(usize, usize),
    /// Alike enough to be one edited item.
    Edited(usize, usize),
    Removed(usize),
    Added(usize),
    /// The same text, or nearly, at another place (only when moves are asked for).
    Moved(usize, usize),
}

/// Items at least this alike (by words) are one edited item.
const ALIKE: f32 = 0.6;

/// How alike two keys are (0–1): the share of words they have in common (Dice,
/// counting repeats), in one pass over each. Order is left to the alignment and
/// the word diff; a measure that compared order would cost (n + m) × edits for
/// each pair, and pairing compares many pairs.
pub fn likeness(a: &str, b: &str) -> f32 {
    if a == b {
        return 1.0;
    }
    let mut counts: std::collections::HashMap<&str, i64> = std::collections::HashMap::new();
    let mut total = 0usize;
    for w in a.split_whitespace() {
        *counts.entry(w).or_default() += 1;
        total += 1;
    }
    let mut common = 0usize;
    for w in b.split_whitespace() {
        total += 1;
        if let Some(n) = counts.get_mut(w).filter(|n| **n > 0) {
            *n -= 1;
            common += 1;
        }
    }
    (2 * common) as f32 / total.max(1) as f32
}

/// Likeness work allowed for pairing items that moved or changed id, in
/// characters compared. Pairing only makes the list shorter to read: past the
/// budget, items stay "removed" and "added" (nothing is lost), and the cost of a
/// diff stays linear however many items change. Deterministic, unlike a time limit.
const PAIRING_BUDGET: usize = 4_000_000;

/// Likeness under a budget, for pairing many removed items with many added ones.
pub struct Pairing {
    left: usize,
}

impl Default for Pairing {
    fn default() -> Self {
        Pairing { left: PAIRING_BUDGET }
    }
}

impl Pairing {
    /// How alike `a` and `b` are, when they can be at least `at_least` alike
    /// (two texts of very different lengths cannot) and the budget allows.
    pub fn alike(&mut self, a: &str, b: &str, at_least: f32) -> Option<f32> {
        let (x, y) = (a.len().min(b.len()), a.len().max(b.len()));
        if a != b && (2 * x) as f32 / (x + y).max(1) as f32 + 0.1 < at_least {
            return None;
        }
        self.left = self.left.checked_sub(x + y)?;
        let l = likeness(a, b);
        (l >= at_least).then_some(l)
    }
}

/// Aligns `a` and `b` by their keys. With `moves`, an item removed at one place
/// and added unchanged at another is one move.
pub fn align(ka: &[String], kb: &[String], moves: bool) -> Vec<Pair> {
    let mut out = Vec::new();
    for op in super::words::diff_ops(ka, kb) {
        match op {
            DiffOp::Equal { old_index, new_index, len } => {
                out.extend((0..len).map(|k| Pair::Same(old_index + k, new_index + k)))
            }
            DiffOp::Delete { old_index, old_len, .. } => {
                out.extend((old_index..old_index + old_len).map(Pair::Removed))
            }
            DiffOp::Insert { new_index, new_len, .. } => out.extend((new_index..new_index + new_len).map(Pair::Added)),
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                replaced(ka, kb, (old_index, old_index + old_len), (new_index, new_index + new_len), &mut out)
            }
        }
    }
    if moves {
        find_moves(&mut out, ka, kb);
    }
    out
}

/// In a replaced run, pairs items that are alike unless one of them fits its
/// neighbour better (an inserted or removed item shifts the rest).
fn replaced(
    ka: &[String],
    kb: &[String],
    (mut i, i_end): (usize, usize),
    (mut j, j_end): (usize, usize),
    out: &mut Vec<Pair>,
) {
    while i < i_end || j < j_end {
        if i == i_end {
            out.push(Pair::Added(j));
            j += 1;
            continue;
        }
        if j == j_end {
            out.push(Pair::Removed(i));
            i += 1;
            continue;
        }
        let here = likeness(&ka[i], &kb[j]);
        let next_new = if j + 1 < j_end { likeness(&ka[i], &kb[j + 1]) } else { 0.0 };
        let next_old = if i + 1 < i_end { likeness(&ka[i + 1], &kb[j]) } else { 0.0 };
        if next_new > here && next_new >= ALIKE {
            out.push(Pair::Added(j));
            j += 1;
        } else if (next_old > here && next_old >= ALIKE) || here < ALIKE {
            out.push(Pair::Removed(i));
            i += 1;
        } else {
            out.push(Pair::Edited(i, j));
            i += 1;
            j += 1;
        }
    }
}

/// A moved item that was also edited is still this alike to itself.
const MOVED_ALIKE: f32 = 0.8;

/// A removed item whose text is added elsewhere (the same, or nearly) is one
/// move, at its new place.
fn find_moves(pairs: &mut Vec<Pair>, ka: &[String], kb: &[String]) {
    let mut removed: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for p in pairs.iter() {
        if let Pair::Removed(i) = p {
            removed.entry(ka[*i].as_str()).or_default().push(*i);
        }
    }
    let mut moved = std::collections::HashSet::new();
    for p in pairs.iter_mut() {
        if let Pair::Added(j) = *p {
            if let Some(i) = removed.get_mut(kb[j].as_str()).and_then(|v| (!v.is_empty()).then(|| v.remove(0))) {
                *p = Pair::Moved(i, j);
                moved.insert(i);
            }
        }
    }
    // Then moves that were edited too: the most alike removed item, if alike enough.
    let mut pairing = Pairing::default();
    for k in 0..pairs.len() {
        let Pair::Added(j) = pairs[k] else { continue };
        let best = pairs
            .iter()
            .filter_map(|p| match p {
                Pair::Removed(i) if !moved.contains(i) => Some((*i, pairing.alike(&ka[*i], &kb[j], MOVED_ALIKE)?)),
                _ => None,
            })
            .max_by(|x, y| x.1.total_cmp(&y.1));
        if let Some((i, _)) = best {
            pairs[k] = Pair::Moved(i, j);
            moved.insert(i);
        }
    }
    pairs.retain(|p| !matches!(p, Pair::Removed(i) if moved.contains(i)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn an_inserted_paragraph_shifts_nothing() {
        let a = keys(&["một hai ba", "bốn năm sáu", "bảy tám chín"]);
        let b = keys(&["một hai ba", "mới hoàn toàn khác", "bốn năm sáu", "bảy tám chín"]);
        assert_eq!(align(&a, &b, true), [Pair::Same(0, 0), Pair::Added(1), Pair::Same(1, 2), Pair::Same(2, 3)]);
    }

    #[test]
    fn an_edited_paragraph_is_one_edit_and_a_moved_one_one_move() {
        let a = keys(&["a b c d e", "f g h i k", "l m n o p"]);
        let b = keys(&["f g h i k", "a b c d x", "l m n o p"]);
        let pairs = align(&a, &b, true);
        assert_eq!(pairs.len(), 3, "{pairs:?}");
        let c = keys(&["a b c d", "x y z w"]);
        let d = keys(&["x y z w", "a b c d"]);
        assert!(align(&c, &d, true).contains(&Pair::Moved(0, 1)) || align(&c, &d, true).contains(&Pair::Moved(1, 0)));
    }
}
