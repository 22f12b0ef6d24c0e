//! A redline: the new version's document with every difference from the old
//! one marked, for the DOCX backend to write as tracked changes.
//!
//! Blocks and lines are aligned by their text (after tone-mark normalisation);
//! a pair that changed is compared word by word, an unpaired one is wholly
//! added or removed. Accepting every change gives the new text, rejecting every
//! change the old.

use similar::DiffOp;

use super::normalize::key;
use super::words::merge;
use crate::document::{plain_text, Block, Closing, Document, Header, Inline, Mark, Part, Revision, Table, Text, Title};

fn marked(text: &[Inline], mark: Mark) -> Text {
    text.iter().map(|i| Inline { mark: Some(mark), ..i.clone() }).collect()
}

fn text_key(text: &[Inline], tones: bool) -> String {
    super::words::tokens(&plain_text(text)).into_iter().map(|t| key(t, tones)).collect()
}

fn merge_opt(a: &Option<Text>, b: &Option<Text>, tones: bool) -> Option<Text> {
    match (a, b) {
        (Some(x), Some(y)) => Some(merge(x, y, tones)),
        (None, Some(y)) => Some(marked(y, Mark::Added)),
        (Some(x), None) => Some(marked(x, Mark::Removed)),
        (None, None) => None,
    }
}

/// How alike two keys are (0–1), by words. Long texts go through the bounded diff
/// (similar's own would be quadratic in a rewritten paragraph).
fn likeness(a: &str, b: &str) -> f32 {
    if a.len() + b.len() <= 20_000 {
        return similar::TextDiff::from_words(a, b).ratio();
    }
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split_whitespace().collect(), b.split_whitespace().collect());
    let same: usize = super::words::diff_ops(&wa, &wb)
        .iter()
        .map(|op| if let DiffOp::Equal { len, .. } = op { *len } else { 0 })
        .sum();
    2.0 * same as f32 / (wa.len() + wb.len()).max(1) as f32
}

/// Aligns two sequences by key; in a replaced run, items that are alike are
/// paired and merged word by word, the others marked wholly removed or added.
fn align<T: Clone>(
    a: &[T],
    b: &[T],
    key: impl Fn(&T) -> String,
    pair: impl Fn(&T, &T) -> Option<T>,
    mark: impl Fn(&T, Mark) -> T,
) -> Vec<T> {
    const ALIKE: f32 = 0.6;
    let ka: Vec<String> = a.iter().map(&key).collect();
    let kb: Vec<String> = b.iter().map(&key).collect();
    let mut out = Vec::new();
    for op in super::words::diff_ops(&ka, &kb) {
        match op {
            DiffOp::Equal { old_index, new_index, len } => {
                for i in 0..len {
                    match pair(&a[old_index + i], &b[new_index + i]) {
                        Some(merged) => out.push(merged),
                        // Same key but not mergeable (tables of other shapes): both, marked.
                        None => {
                            out.push(mark(&a[old_index + i], Mark::Removed));
                            out.push(mark(&b[new_index + i], Mark::Added));
                        }
                    }
                }
            }
            DiffOp::Delete { old_index, old_len, .. } => {
                out.extend(a[old_index..old_index + old_len].iter().map(|x| mark(x, Mark::Removed)))
            }
            DiffOp::Insert { new_index, new_len, .. } => {
                out.extend(b[new_index..new_index + new_len].iter().map(|x| mark(x, Mark::Added)))
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                let (mut i, mut j) = (old_index, new_index);
                let (i_end, j_end) = (old_index + old_len, new_index + new_len);
                while i < i_end || j < j_end {
                    if i == i_end {
                        out.push(mark(&b[j], Mark::Added));
                        j += 1;
                    } else if j == j_end {
                        out.push(mark(&a[i], Mark::Removed));
                        i += 1;
                    } else {
                        // Pair a[i] with b[j] unless one of them fits its neighbour better
                        // (an inserted or removed item shifts the rest).
                        let here = likeness(&ka[i], &kb[j]);
                        let next_new = if j + 1 < j_end { likeness(&ka[i], &kb[j + 1]) } else { 0.0 };
                        let next_old = if i + 1 < i_end { likeness(&ka[i + 1], &kb[j]) } else { 0.0 };
                        if next_new > here && next_new >= ALIKE {
                            out.push(mark(&b[j], Mark::Added));
                            j += 1;
                            continue;
                        }
                        if next_old > here && next_old >= ALIKE {
                            out.push(mark(&a[i], Mark::Removed));
                            i += 1;
                            continue;
                        }
                        if here < ALIKE {
                            out.push(mark(&a[i], Mark::Removed));
                            i += 1;
                            continue;
                        }
                        match pair(&a[i], &b[j]) {
                            Some(merged) => out.push(merged),
                            None => {
                                out.push(mark(&a[i], Mark::Removed));
                                out.push(mark(&b[j], Mark::Added));
                            }
                        }
                        i += 1;
                        j += 1;
                    }
                }
            }
        }
    }
    out
}

fn merge_lines(a: &[Text], b: &[Text], tones: bool) -> Vec<Text> {
    align(a, b, |t| text_key(t, tones), |x, y| Some(merge(x, y, tones)), |t, m| marked(t, m))
}

fn mark_block(b: &Block, m: Mark) -> Block {
    match b {
        Block::Heading { level, content } => Block::Heading { level: *level, content: marked(content, m) },
        Block::Paragraph { content } => Block::Paragraph { content: marked(content, m) },
        Block::Centered { content } => Block::Centered { content: marked(content, m) },
        Block::Table(t) => Block::Table(Table {
            widths: t.widths.clone(),
            header: t.header.iter().map(|c| marked(c, m)).collect(),
            rows: t.rows.iter().map(|r| r.iter().map(|c| marked(c, m)).collect()).collect(),
        }),
    }
}

fn block_key(b: &Block, tones: bool) -> String {
    match b {
        Block::Heading { content, .. } => format!("h{}", text_key(content, tones)),
        Block::Paragraph { content } => format!("p{}", text_key(content, tones)),
        Block::Centered { content } => format!("c{}", text_key(content, tones)),
        Block::Table(t) => format!("t{}", t.rows.len()),
    }
}

fn merge_table(a: &Table, b: &Table, tones: bool) -> Option<Table> {
    if a.header.len() != b.header.len() {
        return None;
    }
    let row_key = |r: &Vec<Text>| r.iter().map(|c| text_key(c, tones)).collect::<Vec<_>>().join("\u{1}");
    let rows = align(
        &a.rows,
        &b.rows,
        row_key,
        |x, y| Some(x.iter().zip(y).map(|(c, d)| merge(c, d, tones)).collect()),
        |r, m| r.iter().map(|c| marked(c, m)).collect(),
    );
    Some(Table {
        widths: b.widths.clone(),
        header: a.header.iter().zip(&b.header).map(|(x, y)| merge(x, y, tones)).collect(),
        rows,
    })
}

fn merge_blocks(a: &[Block], b: &[Block], tones: bool) -> Vec<Block> {
    align(
        a,
        b,
        |x| block_key(x, tones),
        |x, y| match (x, y) {
            (Block::Heading { content: c, .. }, Block::Heading { level, content }) => {
                Some(Block::Heading { level: *level, content: merge(c, content, tones) })
            }
            (Block::Paragraph { content: c }, Block::Paragraph { content }) => {
                Some(Block::Paragraph { content: merge(c, content, tones) })
            }
            (Block::Centered { content: c }, Block::Centered { content }) => {
                Some(Block::Centered { content: merge(c, content, tones) })
            }
            (Block::Table(s), Block::Table(t)) => merge_table(s, t, tones).map(Block::Table),
            _ => None,
        },
        mark_block,
    )
}

fn merge_header(a: &Header, b: &Header, tones: bool) -> Header {
    Header {
        parent: merge_opt(&a.parent, &b.parent, tones),
        issuer: merge_lines(&a.issuer, &b.issuer, tones),
        number: merge_opt(&a.number, &b.number, tones),
        place_date: merge_opt(&a.place_date, &b.place_date, tones),
        ..b.clone()
    }
}

fn merge_title(a: &Title, b: &Title, tones: bool) -> Title {
    Title {
        kind: merge(&a.kind, &b.kind, tones),
        summary: merge(&a.summary, &b.summary, tones),
        subtitle: merge_opt(&a.subtitle, &b.subtitle, tones),
        attached_to: merge_opt(&a.attached_to, &b.attached_to, tones),
        authority: merge_opt(&a.authority, &b.authority, tones),
        rule_mm: b.rule_mm,
    }
}

fn merge_closing(a: &Closing, b: &Closing, tones: bool) -> Closing {
    Closing {
        recipients: merge_lines(&a.recipients, &b.recipients, tones),
        authority: merge_lines(&a.authority, &b.authority, tones),
        name: merge(&a.name, &b.name, tones),
    }
}

fn mark_part(p: &Part, m: Mark) -> Part {
    let lines = |v: &[Text]| v.iter().map(|t| marked(t, m)).collect::<Vec<_>>();
    Part {
        header: p.header.as_ref().map(|h| Header {
            parent: h.parent.as_ref().map(|t| marked(t, m)),
            issuer: lines(&h.issuer),
            number: h.number.as_ref().map(|t| marked(t, m)),
            place_date: h.place_date.as_ref().map(|t| marked(t, m)),
            ..h.clone()
        }),
        title: Title {
            kind: marked(&p.title.kind, m),
            summary: marked(&p.title.summary, m),
            subtitle: p.title.subtitle.as_ref().map(|t| marked(t, m)),
            attached_to: p.title.attached_to.as_ref().map(|t| marked(t, m)),
            authority: p.title.authority.as_ref().map(|t| marked(t, m)),
            rule_mm: p.title.rule_mm,
        },
        body: p.body.iter().map(|b| mark_block(b, m)).collect(),
        footnotes: lines(&p.footnotes),
        closing: p.closing.as_ref().map(|c| Closing {
            recipients: lines(&c.recipients),
            authority: lines(&c.authority),
            name: marked(&c.name, m),
        }),
        restart_numbering: p.restart_numbering,
    }
}

fn merge_part(a: &Part, b: &Part, tones: bool) -> Part {
    Part {
        header: match (&a.header, &b.header) {
            (Some(x), Some(y)) => Some(merge_header(x, y, tones)),
            (_, y) => y.clone(),
        },
        title: merge_title(&a.title, &b.title, tones),
        body: merge_blocks(&a.body, &b.body, tones),
        footnotes: merge_lines(&a.footnotes, &b.footnotes, tones),
        closing: match (&a.closing, &b.closing) {
            (Some(x), Some(y)) => Some(merge_closing(x, y, tones)),
            (None, Some(y)) => {
                Some(Closing { recipients: y.recipients.iter().map(|t| marked(t, Mark::Added)).collect(), ..y.clone() })
            }
            (x, None) => x.clone(),
        },
        restart_numbering: b.restart_numbering,
    }
}

/// The new document with its differences from the old one as changes by `revision`.
pub fn redline(old: &Document, new: &Document, revision: Revision, tones: bool) -> Document {
    let n = old.parts.len().max(new.parts.len());
    let parts = (0..n)
        .filter_map(|i| match (old.parts.get(i), new.parts.get(i)) {
            (Some(a), Some(b)) => Some(merge_part(a, b, tones)),
            (None, Some(b)) => Some(mark_part(b, Mark::Added)),
            (Some(a), None) => Some(mark_part(a, Mark::Removed)),
            (None, None) => None,
        })
        .collect();
    Document { parts, revision: Some(revision), ..new.clone() }
}
