//! Markdown (what templates write) → blocks of the document model.
//!
//! Conventions of the plan format: one line is one paragraph (clerks write a
//! paragraph per line, as in Word); a "- " or "1. " item keeps its dash or
//! number as text (administrative numbering is part of the text); raw HTML is
//! text. Headings: `#` part, `##` clause, `###` titled point, `####` centred.

use std::collections::HashMap;

use pulldown_cmark::{Event, HeadingLevel as MdLevel, Options, Parser, Tag, TagEnd};

use crate::document::{Block, HeadingLevel, Inline, Table};

/// Escapes plain text so Markdown prints it as written: every ASCII punctuation
/// character may be backslash-escaped in CommonMark; line breaks become spaces.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// `escape`, but a footnote reference (`hộ nghèo[^1]`) stays one: an indicator's
/// words may cite the standard a rate is measured by, its note in a body of the plan.
pub fn escape_keeping_notes(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut at = 0;
    for m in crate::model::footnote_marks(s).into_iter().filter(|m| !m.note) {
        out.push_str(&escape(&s[at..m.range.start]));
        out.push_str(&s[m.range.clone()]);
        at = m.range.end;
    }
    out.push_str(&escape(&s[at..]));
    out
}

/// The text without its footnote references (a table of its own has no notes).
pub fn without_notes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    for m in crate::model::footnote_marks(s).into_iter().filter(|m| !m.note) {
        out.push_str(&s[at..m.range.start]);
        at = m.range.end;
    }
    out.push_str(&s[at..]);
    out
}

/// Keeps one body from swallowing the next: the bodies are spliced into one
/// Markdown document, so an unclosed code fence is closed and a line starting
/// with "<" (an HTML block in Markdown) is made text.
pub fn contain(md: &str) -> String {
    let mut fences = 0;
    let mut out: Vec<String> = md
        .lines()
        .map(|line| {
            let t = line.trim_start();
            if t.starts_with("```") || t.starts_with("~~~") {
                fences += 1;
            }
            if t.starts_with('<') {
                format!("\\{t}")
            } else {
                line.to_string()
            }
        })
        .collect();
    if fences % 2 == 1 {
        out.push("```".into());
    }
    out.join("\n")
}

/// Moves the plan's own headings one level down, under the template's parts.
pub fn demote_headings(md: &str) -> String {
    md.lines()
        .map(|line| {
            let t = line.trim_start();
            let hashes = t.chars().take_while(|c| *c == '#').count();
            if (1..=5).contains(&hashes) && t[hashes..].starts_with([' ', '\t']) {
                format!("#{t}")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    footnotes: Vec<Vec<Inline>>,
    footnote_numbers: HashMap<String, usize>,
    /// The inlines of the block being read.
    current: Vec<Inline>,
    heading: Option<MdLevel>,
    bold: usize,
    italic: usize,
    /// Numbering state of open lists: None for bullets, Some(next) for ordered.
    lists: Vec<Option<u64>>,
    /// Prefix waiting for the first text of a list item.
    prefix: Option<String>,
    /// The next item's marker as the source writes it: its bullet ("-", "+") or the
    /// delimiter after its number ("." or ")").
    marker: Option<char>,
    in_footnote: Option<usize>,
    table: Option<Table>,
    row: Vec<Vec<Inline>>,
    in_head: bool,
}

impl Builder {
    fn footnote_number(&mut self, label: &str) -> usize {
        let next = self.footnote_numbers.len() + 1;
        let n = *self.footnote_numbers.entry(label.to_string()).or_insert(next);
        if self.footnotes.len() < n {
            self.footnotes.resize(n, Vec::new());
        }
        n
    }

    fn text(&mut self, text: &str) {
        let text = &crate::document::printable(text);
        if text.is_empty() {
            return;
        }
        if let Some(prefix) = self.prefix.take() {
            self.current.push(Inline::plain(prefix));
        }
        let (bold, italic) = (self.bold > 0, self.italic > 0);
        match self.current.last_mut() {
            Some(last) if last.bold == bold && last.italic == italic && last.footnote.is_none() => {
                last.text.push_str(text)
            }
            _ => self.current.push(Inline { text: text.to_string(), bold, italic, ..Inline::plain("") }),
        }
    }

    /// Ends the current paragraph-like block.
    fn flush(&mut self) {
        let content = std::mem::take(&mut self.current);
        if content.iter().all(|i| i.text.trim().is_empty()) {
            return;
        }
        let content = trim(content);
        if let Some(n) = self.in_footnote {
            let note = &mut self.footnotes[n - 1];
            if !note.is_empty() {
                note.push(Inline::plain(" "));
            }
            note.extend(content);
            return;
        }
        if self.table.is_some() {
            self.row.push(content);
            return;
        }
        let block = match self.heading {
            Some(MdLevel::H1) => Block::Heading { level: HeadingLevel::Part, content },
            Some(MdLevel::H2) => Block::Heading { level: HeadingLevel::Clause, content },
            Some(MdLevel::H3) => Block::Heading { level: HeadingLevel::Point, content },
            Some(_) => Block::Centered { content },
            None => Block::Paragraph { content },
        };
        self.blocks.push(block);
    }

    fn event(&mut self, event: Event) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.flush();
                self.heading = Some(level);
            }
            Event::End(TagEnd::Heading(_)) => {
                self.flush();
                self.heading = None;
            }
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => self.flush(),
            Event::Start(Tag::List(start)) => {
                self.flush();
                self.lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                self.flush();
                self.lists.pop();
            }
            Event::Start(Tag::Item) => {
                self.flush();
                // "+ …" under "- …", "1) …": printed as written, not made "- " and "1. ".
                let marker = self.marker.take();
                let prefix = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}{} ", *n - 1, marker.filter(|m| *m == ')').unwrap_or('.'))
                    }
                    _ => format!("{} ", marker.filter(|m| matches!(m, '+' | '*')).unwrap_or('-')),
                };
                self.prefix = Some(prefix);
            }
            Event::End(TagEnd::Item) => {
                self.flush();
                self.prefix = None;
            }
            Event::Start(Tag::Emphasis) => self.italic += 1,
            Event::End(TagEnd::Emphasis) => self.italic = self.italic.saturating_sub(1),
            Event::Start(Tag::Strong) => self.bold += 1,
            Event::End(TagEnd::Strong) => self.bold = self.bold.saturating_sub(1),
            Event::Text(t)
            | Event::Code(t)
            | Event::InlineHtml(t)
            | Event::Html(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t) => self.text(&t),
            // One line, one paragraph: clerks do not wrap lines by hand.
            Event::SoftBreak | Event::HardBreak => {
                if self.table.is_some() || self.heading.is_some() {
                    self.text(" ");
                } else {
                    self.flush();
                }
            }
            // A note inside a note is not a note: keep its mark as text.
            Event::FootnoteReference(label) if self.in_footnote.is_some() => self.text(&format!("[{label}]")),
            Event::FootnoteReference(label) => {
                let n = self.footnote_number(&label);
                if let Some(prefix) = self.prefix.take() {
                    self.current.push(Inline::plain(prefix));
                }
                self.current.push(Inline { footnote: Some(n), ..Inline::plain(n.to_string()) });
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.flush();
                self.in_footnote = Some(self.footnote_number(&label));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                self.flush();
                self.in_footnote = None;
            }
            Event::Start(Tag::Table(alignments)) => {
                self.flush();
                let n = alignments.len().max(1);
                self.table = Some(Table { widths: vec![1.0 / n as f32; n], header: Vec::new(), rows: Vec::new() });
            }
            Event::Start(Tag::TableHead) => self.in_head = true,
            Event::End(TagEnd::TableHead) => {
                self.in_head = false;
                if let Some(t) = &mut self.table {
                    t.header = std::mem::take(&mut self.row);
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(t) = &mut self.table {
                    t.rows.push(std::mem::take(&mut self.row));
                }
            }
            Event::Start(Tag::TableCell) => self.current.clear(),
            Event::End(TagEnd::TableCell) => {
                let content = trim(std::mem::take(&mut self.current));
                self.row.push(content);
            }
            Event::End(TagEnd::Table) => {
                if let Some(mut t) = self.table.take() {
                    t.widths = column_widths(&t);
                    self.blocks.push(Block::Table(t));
                }
            }
            Event::Rule | Event::TaskListMarker(_) => {}
            Event::Start(_) | Event::End(_) => {}
        }
    }
}

/// Column widths by content, measured with the font: no column is narrower than
/// its longest word (so "STT" and an agency's short name never break inside), and
/// the room left goes to the columns of long text.
fn column_widths(t: &Table) -> Vec<f32> {
    use crate::layout as l;
    let n = t.widths.len();
    let padding = 2.0 * l::TABLE_PADDING_X_PT * l::MM_PER_PT;
    let cells = |i: usize| {
        std::iter::once((&t.header, true))
            .chain(t.rows.iter().map(|r| (r, false)))
            .filter_map(move |(r, h)| r.get(i).map(|c| (c, h)))
    };
    // Floors: the widest word of each column (bold in the header row), plus padding,
    // and a little slack for rounding in the viewers.
    let floors: Vec<f32> = (0..n)
        .map(|i| {
            cells(i)
                .flat_map(|(c, header)| {
                    crate::document::plain_text(c)
                        .split_whitespace()
                        .map(|w| crate::fonts::text_width_mm(w, l::SIZE_TABLE, header))
                        .collect::<Vec<_>>()
                })
                .fold(0.0, f32::max)
                + padding
                + 1.0
        })
        .collect();
    // What is left goes to the columns whose text would not fit on one line, in
    // proportion to what they lack: a column of figures keeps its floor.
    let weights: Vec<f32> = (0..n)
        .map(|i| {
            let longest = cells(i)
                .map(|(c, h)| crate::fonts::text_width_mm(&crate::document::plain_text(c), l::SIZE_TABLE, h))
                .fold(0.0, f32::max);
            (longest + padding - floors[i]).max(0.0)
        })
        .collect();
    let floor_total: f32 = floors.iter().sum();
    let room = l::TEXT_WIDTH_MM - floor_total;
    let mm: Vec<f32> = if room <= 0.0 {
        // Words too wide for the page: widths in proportion to them.
        floors.clone()
    } else {
        let weight_total: f32 = weights.iter().sum();
        let share = |w: f32| if weight_total > 0.0 { room * w / weight_total } else { room / n as f32 };
        floors.iter().zip(&weights).map(|(f, w)| f + share(*w)).collect()
    };
    let total: f32 = mm.iter().sum::<f32>().max(f32::EPSILON);
    mm.iter().map(|w| w / total).collect()
}

/// Trims spaces at the ends of a run list, dropping runs left empty.
fn trim(mut content: Vec<Inline>) -> Vec<Inline> {
    if let Some(first) = content.iter_mut().find(|i| i.footnote.is_none()) {
        first.text = first.text.trim_start().to_string();
    }
    if let Some(last) = content.iter_mut().rev().find(|i| i.footnote.is_none()) {
        last.text = last.text.trim_end().to_string();
    }
    content.retain(|i| !i.text.is_empty());
    content
}

/// Parses Markdown into blocks and footnotes.
pub fn parse_blocks(md: &str) -> (Vec<Block>, Vec<Vec<Inline>>) {
    let options = Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES;
    let mut b = Builder::default();
    for (event, range) in Parser::new_ext(md, options).into_offset_iter() {
        if matches!(event, Event::Start(Tag::Item)) {
            let at = md.get(range.start..).unwrap_or_default().trim_start();
            b.marker = at.trim_start_matches(|c: char| c.is_ascii_digit()).chars().next();
        }
        b.event(event);
    }
    b.flush();
    (b.blocks, b.footnotes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::plain_text;

    fn texts(md: &str) -> Vec<String> {
        parse_blocks(md)
            .0
            .iter()
            .map(|b| match b {
                Block::Heading { content, level } => format!("{level:?}:{}", plain_text(content)),
                Block::Paragraph { content } => plain_text(content),
                Block::Centered { content } => format!("C:{}", plain_text(content)),
                Block::Table(t) => format!("T:{}", t.rows.len()),
            })
            .collect()
    }

    #[test]
    fn keeps_list_markers_as_text() {
        assert_eq!(texts("- một\n- hai\n\n3. ba\n4. bốn"), ["- một", "- hai", "3. ba", "4. bốn"]);
        // The third level of the ladder a) → - → +, and "1)", as the source writes them.
        assert_eq!(texts("- một\n  + hai\n  + ba\n- bốn"), ["- một", "+ hai", "+ ba", "- bốn"]);
        assert_eq!(texts("1) một\n2) hai"), ["1) một", "2) hai"]);
    }

    #[test]
    fn one_line_is_one_paragraph() {
        assert_eq!(texts("Dòng một.\nDòng hai."), ["Dòng một.", "Dòng hai."]);
    }

    #[test]
    fn maps_heading_levels() {
        assert_eq!(
            texts("# I. MỤC TIÊU\n## 1. Chung\n#### QUYẾT ĐỊNH:"),
            ["Part:I. MỤC TIÊU", "Clause:1. Chung", "C:QUYẾT ĐỊNH:"]
        );
    }

    #[test]
    fn escaped_text_prints_as_written() {
        let nasty = "#read(\"/etc/passwd\") *bold* $x$ <w:t> ]]> & [link](x) `c` 1. 2) _u_";
        assert_eq!(texts(&escape(nasty)), [nasty]);
    }

    #[test]
    fn raw_html_is_text() {
        assert_eq!(texts("a <w:t>b</w:t> c"), ["a <w:t>b</w:t> c"]);
    }

    #[test]
    fn reads_footnotes() {
        let (blocks, notes) = parse_blocks("Văn bản[^1] khác.\n\n[^1]: Ghi chú một.");
        assert_eq!(blocks.len(), 1);
        assert_eq!(notes.len(), 1);
        assert_eq!(plain_text(&notes[0]), "Ghi chú một.");
    }

    #[test]
    fn demotes_only_headings() {
        assert_eq!(demote_headings("# 1. A\n#hashtag\n- b"), "## 1. A\n#hashtag\n- b");
    }
}
