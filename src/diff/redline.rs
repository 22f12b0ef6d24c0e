//! A redline: the new version's document with every difference from the old
//! one marked, for the DOCX backend to write as tracked changes.
//!
//! Blocks and lines are aligned by their text (after tone-mark normalisation);
//! a pair that changed is compared word by word, an unpaired one is wholly
//! added or removed. Accepting every change gives the new text, rejecting every
//! change the old.

use super::align::Pair;
use super::normalize::Policy;
use super::words::merge;
use crate::document::{plain_text, Block, Closing, Document, Header, Inline, Mark, Part, Revision, Table, Text, Title};

fn marked(text: &[Inline], mark: Mark) -> Text {
    text.iter().map(|i| Inline { mark: Some(mark), ..i.clone() }).collect()
}

fn text_key(text: &[Inline], policy: &Policy) -> String {
    let plain = plain_text(text);
    policy.tokens(&plain).into_iter().map(|t| policy.key(t)).collect()
}

fn merge_opt(a: &Option<Text>, b: &Option<Text>, policy: &Policy) -> Option<Text> {
    match (a, b) {
        (Some(x), Some(y)) => Some(merge(x, y, policy)),
        (None, Some(y)) => Some(marked(y, Mark::Added)),
        (Some(x), None) => Some(marked(x, Mark::Removed)),
        (None, None) => None,
    }
}

/// Aligns two sequences by key; alike items are merged word by word, the
/// others marked wholly removed or added.
fn align<T: Clone>(
    a: &[T],
    b: &[T],
    key: impl Fn(&T) -> String,
    pair: impl Fn(&T, &T) -> Option<T>,
    mark: impl Fn(&T, Mark) -> T,
) -> Vec<T> {
    let ka: Vec<String> = a.iter().map(&key).collect();
    let kb: Vec<String> = b.iter().map(&key).collect();
    let mut out = Vec::new();
    for p in super::align::align(&ka, &kb, false) {
        match p {
            Pair::Same(i, j) | Pair::Edited(i, j) | Pair::Moved(i, j) => match pair(&a[i], &b[j]) {
                Some(merged) => out.push(merged),
                // Not mergeable (tables of other shapes): both, marked.
                None => {
                    out.push(mark(&a[i], Mark::Removed));
                    out.push(mark(&b[j], Mark::Added));
                }
            },
            Pair::Removed(i) => out.push(mark(&a[i], Mark::Removed)),
            Pair::Added(j) => out.push(mark(&b[j], Mark::Added)),
        }
    }
    out
}

fn merge_lines(a: &[Text], b: &[Text], policy: &Policy) -> Vec<Text> {
    align(a, b, |t| text_key(t, policy), |x, y| Some(merge(x, y, policy)), |t, m| marked(t, m))
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

fn block_key(b: &Block, policy: &Policy) -> String {
    match b {
        Block::Heading { content, .. } => format!("h{}", text_key(content, policy)),
        Block::Paragraph { content } => format!("p{}", text_key(content, policy)),
        Block::Centered { content } => format!("c{}", text_key(content, policy)),
        Block::Table(t) => format!("t{}", t.rows.len()),
    }
}

fn merge_table(a: &Table, b: &Table, policy: &Policy) -> Option<Table> {
    if a.header.len() != b.header.len() {
        return None;
    }
    let row_key = |r: &Vec<Text>| r.iter().map(|c| text_key(c, policy)).collect::<Vec<_>>().join("\u{1}");
    let rows = align(
        &a.rows,
        &b.rows,
        row_key,
        |x, y| Some(x.iter().zip(y).map(|(c, d)| merge(c, d, policy)).collect()),
        |r, m| r.iter().map(|c| marked(c, m)).collect(),
    );
    Some(Table {
        widths: b.widths.clone(),
        header: a.header.iter().zip(&b.header).map(|(x, y)| merge(x, y, policy)).collect(),
        rows,
    })
}

fn merge_blocks(a: &[Block], b: &[Block], policy: &Policy) -> Vec<Block> {
    align(
        a,
        b,
        |x| block_key(x, policy),
        |x, y| match (x, y) {
            (Block::Heading { content: c, .. }, Block::Heading { level, content }) => {
                Some(Block::Heading { level: *level, content: merge(c, content, policy) })
            }
            (Block::Paragraph { content: c }, Block::Paragraph { content }) => {
                Some(Block::Paragraph { content: merge(c, content, policy) })
            }
            (Block::Centered { content: c }, Block::Centered { content }) => {
                Some(Block::Centered { content: merge(c, content, policy) })
            }
            (Block::Table(s), Block::Table(t)) => merge_table(s, t, policy).map(Block::Table),
            _ => None,
        },
        mark_block,
    )
}

fn merge_header(a: &Header, b: &Header, policy: &Policy) -> Header {
    Header {
        parent: merge_lines(&a.parent, &b.parent, policy),
        issuer: merge_lines(&a.issuer, &b.issuer, policy),
        number: merge_opt(&a.number, &b.number, policy),
        place_date: merge_opt(&a.place_date, &b.place_date, policy),
        ..b.clone()
    }
}

fn merge_title(a: &Title, b: &Title, policy: &Policy) -> Title {
    Title {
        kind: merge(&a.kind, &b.kind, policy),
        summary: merge(&a.summary, &b.summary, policy),
        subtitle: merge_opt(&a.subtitle, &b.subtitle, policy),
        attached_to: merge_opt(&a.attached_to, &b.attached_to, policy),
        authority: merge_opt(&a.authority, &b.authority, policy),
        rule_mm: b.rule_mm,
    }
}

fn merge_closing(a: &Closing, b: &Closing, policy: &Policy) -> Closing {
    Closing {
        recipients: merge_lines(&a.recipients, &b.recipients, policy),
        authority: merge_lines(&a.authority, &b.authority, policy),
        name: merge(&a.name, &b.name, policy),
    }
}

fn mark_part(p: &Part, m: Mark) -> Part {
    let lines = |v: &[Text]| v.iter().map(|t| marked(t, m)).collect::<Vec<_>>();
    Part {
        header: p.header.as_ref().map(|h| Header {
            parent: lines(&h.parent),
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

fn merge_part(a: &Part, b: &Part, policy: &Policy) -> Part {
    Part {
        header: match (&a.header, &b.header) {
            (Some(x), Some(y)) => Some(merge_header(x, y, policy)),
            (_, y) => y.clone(),
        },
        title: merge_title(&a.title, &b.title, policy),
        body: merge_blocks(&a.body, &b.body, policy),
        footnotes: merge_lines(&a.footnotes, &b.footnotes, policy),
        closing: match (&a.closing, &b.closing) {
            (Some(x), Some(y)) => Some(merge_closing(x, y, policy)),
            (None, Some(y)) => {
                Some(Closing { recipients: y.recipients.iter().map(|t| marked(t, Mark::Added)).collect(), ..y.clone() })
            }
            (x, None) => x.clone(),
        },
        restart_numbering: b.restart_numbering,
    }
}

/// The new document with its differences from the old one as changes by `revision`.
pub fn redline(old: &Document, new: &Document, revision: Revision, policy: &Policy) -> Document {
    let n = old.parts.len().max(new.parts.len());
    let parts = (0..n)
        .filter_map(|i| match (old.parts.get(i), new.parts.get(i)) {
            (Some(a), Some(b)) => Some(merge_part(a, b, policy)),
            (None, Some(b)) => Some(mark_part(b, Mark::Added)),
            (Some(a), None) => Some(mark_part(a, Mark::Removed)),
            (None, None) => None,
        })
        .collect();
    Document { parts, revision: Some(revision), ..new.clone() }
}
