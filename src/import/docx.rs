//! WordprocessingML → paragraphs: text as Word shows it with tracked changes
//! accepted, automatic numbering written out, tables cell by cell, footnotes last.

use std::collections::HashMap;
use std::io::Read;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::paragraph::{clean, Cell, Paragraph};
use super::ImportError;

/// Parts larger than this are not a plan (a zip bomb, or a book).
const MAX_PART_BYTES: u64 = 64 << 20;

fn part(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str) -> Result<Option<String>, ImportError> {
    let Ok(file) = zip.by_name(name) else { return Ok(None) };
    let mut xml = String::new();
    file.take(MAX_PART_BYTES).read_to_string(&mut xml).map_err(|e| ImportError::Damaged(format!("{name}: {e}")))?;
    Ok(Some(xml))
}

/// An attribute's value by its local name (any namespace prefix).
pub(crate) fn attr(e: &BytesStart, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// A toggle property (`<w:b/>`, `<w:b w:val="0"/>`) is on unless it says off.
pub(crate) fn on(e: &BytesStart) -> bool {
    attr(e, b"val").is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "off" | "none"))
}

/// What a paragraph style says, resolved through `basedOn`.
#[derive(Clone, Debug, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    bold: Option<bool>,
    centered: Option<bool>,
    outline: Option<u8>,
    num: Option<(String, usize)>,
}

fn read_styles(xml: &str) -> HashMap<String, Style> {
    let mut styles = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<(String, Style)> = None;
    let mut in_num = false;
    let mut ilvl = 0usize;
    while let Ok(event) = reader.read_event() {
        match &event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"style" => current = attr(e, b"styleId").map(|id| (id, Style::default())),
                b"name" => {
                    if let (Some((_, s)), Some(v)) = (&mut current, attr(e, b"val")) {
                        s.name = v.to_lowercase();
                    }
                }
                b"basedOn" => {
                    if let Some((_, s)) = &mut current {
                        s.based_on = attr(e, b"val");
                    }
                }
                b"b" => {
                    if let Some((_, s)) = &mut current {
                        s.bold = Some(on(e));
                    }
                }
                b"jc" => {
                    if let Some((_, s)) = &mut current {
                        s.centered = Some(attr(e, b"val").as_deref() == Some("center"));
                    }
                }
                b"outlineLvl" => {
                    if let Some((_, s)) = &mut current {
                        s.outline = attr(e, b"val").and_then(|v| v.parse::<u8>().ok()).filter(|l| *l < 9);
                    }
                }
                b"numPr" => in_num = true,
                b"ilvl" if in_num => ilvl = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0),
                b"numId" if in_num => {
                    if let (Some((_, s)), Some(id)) = (&mut current, attr(e, b"val")) {
                        s.num = Some((id, ilvl));
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"style" => {
                    if let Some((id, s)) = current.take() {
                        styles.insert(id, s);
                    }
                }
                b"numPr" => {
                    in_num = false;
                    ilvl = 0;
                }
                _ => {}
            },
            _ => {}
        }
    }
    styles
}

/// A style's effective value of one property, following `basedOn` (at most 10 deep).
fn inherited<T: Copy>(styles: &HashMap<String, Style>, id: &str, get: impl Fn(&Style) -> Option<T>) -> Option<T> {
    let mut id = id.to_string();
    for _ in 0..10 {
        let s = styles.get(&id)?;
        if let Some(v) = get(s) {
            return Some(v);
        }
        id = s.based_on.clone()?;
    }
    None
}

/// A style's list (numbering defined on the style, as Word's heading styles may be).
fn style_numbering(styles: &HashMap<String, Style>, id: &str) -> Option<(String, usize)> {
    let mut id = id.to_string();
    for _ in 0..10 {
        let s = styles.get(&id)?;
        if let Some(n) = &s.num {
            return Some(n.clone());
        }
        id = s.based_on.clone()?;
    }
    None
}

/// One level of a list definition.
#[derive(Clone, Debug)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// numId → (abstract id, start overrides per level); abstract id → levels.
#[derive(Default)]
struct Numbering {
    nums: HashMap<String, (String, HashMap<usize, u32>)>,
    abstracts: HashMap<String, Vec<Level>>,
    counters: HashMap<String, Vec<u32>>,
}

impl Numbering {
    fn read(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut num: Option<(String, String, HashMap<usize, u32>)> = None;
        let mut override_level: Option<usize> = None;
        let mut level: Option<Level> = None;
        // A list style: the list that defines it (`styleLink`), the lists that use it (`numStyleLink`).
        let mut defines: HashMap<String, String> = HashMap::new();
        let mut uses: Vec<(String, String)> = Vec::new();
        while let Ok(event) = reader.read_event() {
            match &event {
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    b"abstractNum" => abstract_id = attr(e, b"abstractNumId"),
                    b"styleLink" => {
                        if let (Some(a), Some(style)) = (&abstract_id, attr(e, b"val")) {
                            defines.insert(style, a.clone());
                        }
                    }
                    b"numStyleLink" => {
                        if let (Some(a), Some(style)) = (&abstract_id, attr(e, b"val")) {
                            uses.push((a.clone(), style));
                        }
                    }
                    b"lvl" if num.is_none() => {
                        level = Some(Level { format: "decimal".into(), text: String::new(), start: 1 });
                    }
                    b"numFmt" => {
                        if let (Some(l), Some(v)) = (&mut level, attr(e, b"val")) {
                            l.format = v;
                        }
                    }
                    b"lvlText" => {
                        if let Some(l) = &mut level {
                            l.text = attr(e, b"val").unwrap_or_default();
                        }
                    }
                    b"start" => {
                        if let (Some(l), Some(v)) = (&mut level, attr(e, b"val").and_then(|v| v.parse().ok())) {
                            l.start = v;
                        }
                    }
                    b"num" => num = attr(e, b"numId").map(|id| (id, String::new(), HashMap::new())),
                    b"abstractNumId" => {
                        if let (Some((_, a, _)), Some(v)) = (&mut num, attr(e, b"val")) {
                            *a = v;
                        }
                    }
                    b"lvlOverride" => override_level = attr(e, b"ilvl").and_then(|v| v.parse().ok()),
                    b"startOverride" => {
                        if let (Some((_, _, o)), Some(l), Some(v)) =
                            (&mut num, override_level, attr(e, b"val").and_then(|v| v.parse().ok()))
                        {
                            o.insert(l, v);
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    b"lvl" => {
                        if let (Some(a), Some(l)) = (&abstract_id, level.take()) {
                            n.abstracts.entry(a.clone()).or_default().push(l);
                        }
                    }
                    b"abstractNum" => abstract_id = None,
                    b"num" => {
                        if let Some((id, a, o)) = num.take() {
                            n.nums.insert(id, (a, o));
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        // A list of a list style ("Define New List Style") has its levels in the style's list.
        for (a, style) in uses {
            let levels = defines.get(&style).and_then(|d| n.abstracts.get(d)).cloned();
            if let (Some(levels), false) = (levels, n.abstracts.get(&a).is_some_and(|l| !l.is_empty())) {
                n.abstracts.insert(a, levels);
            }
        }
        n
    }

    /// The label Word shows for the next paragraph of list `num` at `ilvl`.
    fn label(&mut self, num: &str, ilvl: usize) -> Option<String> {
        let (abstract_id, overrides) = self.nums.get(num)?.clone();
        let levels = self.abstracts.get(&abstract_id)?.clone();
        let ilvl = ilvl.min(levels.len().saturating_sub(1));
        let level = levels.get(ilvl)?;
        let start = |l: usize| overrides.get(&l).copied().unwrap_or_else(|| levels.get(l).map_or(1, |x| x.start));
        let counters = self.counters.entry(num.to_string()).or_default();
        if counters.len() < levels.len() {
            counters.resize(levels.len(), 0);
        }
        counters[ilvl] = if counters[ilvl] == 0 { start(ilvl) } else { counters[ilvl] + 1 };
        for c in counters.iter_mut().skip(ilvl + 1) {
            *c = 0;
        }
        if level.format == "bullet" {
            // Symbol-font bullets are private-use characters: a dash is what they mean.
            let c = level.text.chars().next().filter(|c| !('\u{e000}'..='\u{f8ff}').contains(c));
            return Some(match c {
                Some('•' | '·' | '●' | '▪' | '■' | '◦' | 'o') | None => "-".into(),
                Some(c) => c.to_string(),
            });
        }
        let mut text = level.text.clone();
        for (l, lv) in levels.iter().enumerate().take(9) {
            let value = if counters[l] == 0 { start(l) } else { counters[l] };
            text = text.replace(&format!("%{}", l + 1), &format_number(value, &lv.format));
        }
        Some(text)
    }
}

/// The labels Word shows for a file's numbered paragraphs ("I.", "1.", "a)"), as
/// another reader of the same file needs them (the NĐ 30 check's heading order).
/// Bullets are left out: a paragraph's text does not show them.
pub struct ListLabels {
    numbering: Numbering,
    styles: HashMap<String, Style>,
}

impl ListLabels {
    pub fn read(numbering_xml: Option<&str>, styles_xml: Option<&str>) -> ListLabels {
        ListLabels {
            numbering: numbering_xml.map(Numbering::read).unwrap_or_default(),
            styles: styles_xml.map(read_styles).unwrap_or_default(),
        }
    }

    /// The label of the next paragraph with this list (`numPr`) or style.
    pub fn next(&mut self, num: Option<(String, usize)>, style: Option<&str>) -> Option<String> {
        let (id, ilvl) = num.or_else(|| style.and_then(|s| style_numbering(&self.styles, s)))?;
        if id == "0" {
            return None;
        }
        let label = self.numbering.label(&id, ilvl)?;
        label.chars().any(char::is_alphanumeric).then_some(label)
    }
}

fn format_number(n: u32, format: &str) -> String {
    let letter = |upper: bool| {
        let base = if upper { b'A' } else { b'a' };
        let i = (n.max(1) - 1) % 26;
        ((base + i as u8) as char).to_string()
    };
    match format {
        "lowerLetter" => letter(false),
        "upperLetter" => letter(true),
        "upperRoman" => crate::vi::number::roman(n as usize),
        "lowerRoman" => crate::vi::number::roman(n as usize).to_lowercase(),
        "decimalZero" => format!("{n:02}"),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

/// The paragraph being read.
#[derive(Default)]
struct Open {
    text: String,
    style: Option<String>,
    centered: Option<bool>,
    outline: Option<u8>,
    num: Option<(String, usize)>,
    /// Runs seen, and runs bold.
    runs: usize,
    bold_runs: usize,
    run_bold: bool,
    run_italic: bool,
    /// The run is hidden text (`<w:vanish/>`): Word does not show or print it.
    run_hidden: bool,
    run_counted: bool,
    italic_runs: usize,
}

struct Reading<'s> {
    styles: &'s HashMap<String, Style>,
    numbering: Numbering,
    out: Vec<Paragraph>,
    /// The id of the footnote (or endnote: "e" and its id) being read.
    note: Option<String>,
    /// Header rows laid out with tabs: where each row's paragraphs start, and how many (1 or 2).
    tabbed: Vec<(usize, usize)>,
    tables: usize,
    /// (table index, row, column) of the open table cells, innermost last.
    cells: Vec<Cell>,
    /// The body's paragraphs closed so far, empty ones too: a paragraph's number.
    count: usize,
}

impl Reading<'_> {
    fn finish(&mut self, p: Open, footnote: bool) {
        let style = p.style.as_deref().unwrap_or("Normal");
        let outline = p.outline.or_else(|| inherited(self.styles, style, |s| s.outline));
        let name = self.styles.get(style).map(|s| s.name.as_str()).unwrap_or("");
        let heading =
            outline.map(|l| l + 1).or_else(|| name.strip_prefix("heading ").and_then(|n| n.trim().parse::<u8>().ok()));
        let num = p.num.clone().or_else(|| style_numbering(self.styles, style));
        let label = num.filter(|(id, _)| id != "0").and_then(|(id, lvl)| self.numbering.label(&id, lvl));
        let body = p.text;
        // A header row laid out with tabs ("ỦY BAN NHÂN DÂN⇥CỘNG HÒA …", also after a
        // centring tab of its own): two paragraphs.
        if !footnote && self.cells.is_empty() && self.out.len() < 12 && label.is_none() {
            if let Some((left, right)) = body.trim_start_matches('\t').split_once('\t') {
                let right = right.trim_start_matches('\t');
                if !right.trim().is_empty() && !right.contains('\t') {
                    let start = self.out.len();
                    for side in [left, right].into_iter().filter(|s| !s.trim().is_empty()) {
                        let mut para = Paragraph::new(side);
                        para.number = Some(self.count);
                        para.bold = p.bold_runs > 0 && p.bold_runs == p.runs;
                        self.out.push(para);
                    }
                    self.tabbed.push((start, self.out.len() - start));
                    return;
                }
            }
        }
        let text = match label {
            Some(l) if !l.is_empty() && !body.trim().is_empty() => format!("{l} {}", body.trim_start()),
            _ => body,
        };
        let mut para = Paragraph::new(&text);
        if para.text.is_empty() {
            return;
        }
        // A note's paragraphs carry its id in front, for the recogniser to place them.
        if footnote {
            let Some(id) = &self.note else { return };
            para.text = format!("{}{id}{}{}", super::NOTE_OPEN, super::NOTE_CLOSE, para.text);
        }
        para.heading = heading;
        para.centered = p.centered.or_else(|| inherited(self.styles, style, |s| s.centered)).unwrap_or(false);
        let style_bold = inherited(self.styles, style, |s| s.bold).unwrap_or(false);
        para.bold = p.runs > 0 && (p.bold_runs == p.runs || (style_bold && p.bold_runs == 0));
        para.italic = p.runs > 0 && p.italic_runs == p.runs;
        para.cell = self.cells.last().copied();
        para.footnote = footnote;
        para.number = (!footnote).then_some(self.count);
        self.out.push(para);
    }

    /// Reads the paragraphs of one part (the body, the footnotes or the endnotes).
    fn part(&mut self, xml: &str, footnotes: bool) -> Result<(), ImportError> {
        // Elements open: a part cut short ends with some still open.
        let mut depth = 0usize;
        let mut reader = Reader::from_str(xml);
        // Paragraphs nest: a text box's paragraphs sit inside a run of another.
        let mut open: Vec<Open> = Vec::new();
        // Text shows only inside <w:t>: a drawing's offsets and sizes are text nodes too.
        let mut in_text = 0usize;
        // Inside a compatibility fallback: a copy of the drawing before it, not read twice.
        let mut fallback = 0usize;
        // Inside <w:del>, <w:moveFrom>, an instruction, a compatibility fallback (a copy of
        // the drawing before it), or a separator footnote: not shown.
        let mut hidden = 0usize;
        let mut in_num = false;
        let mut in_rpr = false;
        let mut in_ppr = false;
        let mut skip_note = false;
        loop {
            let event = reader.read_event().map_err(|e| ImportError::Damaged(e.to_string()))?;
            match &event {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth = depth.saturating_sub(1),
                _ => {}
            }
            match &event {
                Event::Eof if depth > 0 => {
                    return Err(ImportError::Damaged("the XML ends before its elements are closed".into()))
                }
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e) => {
                    let empty = matches!(event, Event::Empty(_));
                    match e.local_name().as_ref() {
                        note @ (b"footnote" | b"endnote") if footnotes => {
                            skip_note = attr(e, b"type").is_some_and(|t| t != "normal");
                            let prefix = if note == b"endnote" { "e" } else { "" };
                            self.note = attr(e, b"id").map(|id| format!("{prefix}{id}"));
                        }
                        b"del" | b"moveFrom" | b"instrText" | b"delInstrText" if !empty => hidden += 1,
                        b"Fallback" if !empty => fallback += 1,
                        b"t" if !empty => in_text += 1,
                        b"tbl" if !empty => {
                            self.tables += 1;
                            self.cells.push(Cell { table: self.tables, row: 0, column: 0 });
                        }
                        b"tr" if !empty => {
                            if let Some(c) = self.cells.last_mut() {
                                c.row += 1;
                                c.column = 0;
                            }
                        }
                        b"tc" if !empty => {
                            if let Some(c) = self.cells.last_mut() {
                                c.column += 1;
                            }
                        }
                        b"p" if !empty && !skip_note && fallback == 0 => open.push(Open::default()),
                        // An empty paragraph as Word writes it (`<w:p w:rsidR="…"/>`): counted
                        // as the NĐ 30 findings count it.
                        b"p" if !footnotes && fallback == 0 => self.count += 1,
                        b"pPr" if !empty => in_ppr = true,
                        b"rPr" if !empty => in_rpr = true,
                        b"r" if !empty => {
                            if let Some(p) = open.last_mut() {
                                p.run_bold = false;
                                p.run_italic = false;
                                p.run_hidden = false;
                                p.run_counted = false;
                            }
                        }
                        name => {
                            let Some(p) = open.last_mut() else { continue };
                            match name {
                                b"pStyle" if in_ppr => p.style = attr(e, b"val"),
                                b"jc" if in_ppr && !in_rpr => {
                                    p.centered = Some(attr(e, b"val").as_deref() == Some("center"))
                                }
                                b"outlineLvl" if in_ppr => {
                                    p.outline = attr(e, b"val").and_then(|v| v.parse::<u8>().ok()).filter(|l| *l < 9)
                                }
                                b"numPr" if in_ppr => {
                                    in_num = true;
                                    p.num = Some((String::new(), 0));
                                }
                                b"ilvl" if in_num => {
                                    if let Some(n) = &mut p.num {
                                        n.1 = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0);
                                    }
                                }
                                b"numId" if in_num => {
                                    if let Some(n) = &mut p.num {
                                        n.0 = attr(e, b"val").unwrap_or_default();
                                    }
                                }
                                b"b" if in_rpr && !in_ppr => p.run_bold = on(e),
                                b"i" if in_rpr && !in_ppr => p.run_italic = on(e),
                                b"vanish" if in_rpr && !in_ppr => p.run_hidden = on(e),
                                b"tab" if hidden == 0 && !in_ppr => p.text.push('\t'),
                                b"br" | b"cr"
                                    if hidden == 0 && attr(e, b"type").is_none_or(|t| t == "textWrapping") =>
                                {
                                    p.text.push('\n')
                                }
                                // A page or column break inside a paragraph: the words either side stay apart.
                                b"br" if hidden == 0 => p.text.push(' '),
                                b"noBreakHyphen" if hidden == 0 => p.text.push('-'),
                                b"sym" if hidden == 0 => p.text.extend(symbol(e)),
                                reference @ (b"footnoteReference" | b"endnoteReference") if hidden == 0 => {
                                    let prefix = if reference == b"endnoteReference" { "e" } else { "" };
                                    if let Some(id) = attr(e, b"id") {
                                        p.text.push_str(&format!(
                                            "{}{prefix}{id}{}",
                                            super::NOTE_OPEN,
                                            super::NOTE_CLOSE
                                        ));
                                    }
                                }
                                _ => {}
                            }
                        }
                    }
                }
                Event::Text(t) if hidden == 0 && fallback == 0 && in_text > 0 => {
                    if let Some(p) = open.last_mut().filter(|p| !p.run_hidden) {
                        let text = t.decode().map_err(|e| ImportError::Damaged(e.to_string()))?;
                        if !text.is_empty() {
                            p.text.push_str(&quick_xml::escape::unescape(&text).unwrap_or(text.clone()));
                            count_run(p);
                        }
                    }
                }
                Event::GeneralRef(r) if hidden == 0 && fallback == 0 && in_text > 0 => {
                    if let Some(p) = open.last_mut().filter(|p| !p.run_hidden) {
                        let name: &[u8] = r;
                        let c = match name {
                            b"amp" => Some('&'),
                            b"lt" => Some('<'),
                            b"gt" => Some('>'),
                            b"quot" => Some('"'),
                            b"apos" => Some('\''),
                            _ => r.resolve_char_ref().ok().flatten(),
                        };
                        if let Some(c) = c {
                            p.text.push(c);
                        }
                    }
                }
                Event::End(e) => match e.local_name().as_ref() {
                    b"del" | b"moveFrom" | b"instrText" | b"delInstrText" => hidden = hidden.saturating_sub(1),
                    b"Fallback" => fallback = fallback.saturating_sub(1),
                    b"t" => in_text = in_text.saturating_sub(1),
                    b"tbl" => {
                        self.cells.pop();
                    }
                    b"p" if fallback == 0 => {
                        if let Some(p) = open.pop() {
                            if !footnotes {
                                self.count += 1;
                            }
                            self.finish(p, footnotes);
                        }
                    }
                    b"pPr" => in_ppr = false,
                    b"rPr" => in_rpr = false,
                    b"numPr" => in_num = false,
                    b"footnote" => skip_note = false,
                    _ => {}
                },
                _ => {}
            }
        }
        Ok(())
    }
}

/// A header laid out with tabs instead of a table, a row a paragraph: its two
/// columns, the left one first, as a table's cells are read (rows in a run).
fn untab_header(paras: &mut [Paragraph], rows: &[(usize, usize)]) {
    let Some(&(first, _)) = rows.first() else { return };
    let run: Vec<(usize, usize)> =
        rows.iter().scan(first, |next, &(at, n)| (at == *next).then(|| (*next = at + n, (at, n)).1)).collect();
    if run.len() < 2 {
        return;
    }
    let end = run.last().map_or(first, |&(at, n)| at + n);
    let lefts = run.iter().filter(|r| r.1 == 2).map(|r| r.0);
    let rights = run.iter().map(|r| r.0 + r.1 - 1);
    let order: Vec<usize> = lefts.chain(rights).collect();
    let block: Vec<Paragraph> = order.iter().map(|&i| paras[i].clone()).collect();
    paras[first..end].clone_from_slice(&block);
}

/// The character of a `<w:sym>`: Word writes a symbol font's characters at
/// U+F000 + its code ("Symbol" F0B3 is ≥); a code outside that range is the
/// character itself.
fn symbol(e: &BytesStart) -> Option<char> {
    let code = u32::from_str_radix(attr(e, b"char")?.trim(), 16).ok()?;
    let font = attr(e, b"font").unwrap_or_default().to_lowercase();
    if !(0xF000..=0xF0FF).contains(&code) {
        return char::from_u32(code).filter(|c| !c.is_control());
    }
    let code = code - 0xF000;
    if font.starts_with("wingdings") {
        return match code {
            0x9F | 0x6C => Some('•'),
            0xA7 | 0x6E => Some('▪'),
            0xFC => Some('✓'),
            0xFB => Some('✗'),
            0xD8 | 0xE0 => Some('➢'),
            _ => None,
        };
    }
    // The Symbol font: its letters are Greek, its signs those of mathematics.
    const GREEK: &str = "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ";
    const GREEK_SMALL: &str = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ";
    Some(match code {
        0x41..=0x5A => GREEK.chars().nth((code - 0x41) as usize)?,
        0x61..=0x7A => GREEK_SMALL.chars().nth((code - 0x61) as usize)?,
        0x2D => '−',
        0xA3 => '≤',
        0xA5 => '∞',
        0xAB => '↔',
        0xAC => '←',
        0xAD => '↑',
        0xAE => '→',
        0xAF => '↓',
        0xB0 => '°',
        0xB1 => '±',
        0xB3 => '≥',
        0xB4 => '×',
        0xB7 => '•',
        0xB8 => '÷',
        0xB9 => '≠',
        0xBA => '≡',
        0xBB => '≈',
        0xD7 => '⋅',
        0x20..=0x7E => char::from_u32(code)?,
        _ => return None,
    })
}

/// Counts a run once, when its first text arrives.
fn count_run(p: &mut Open) {
    if !p.run_counted {
        p.runs += 1;
        p.bold_runs += usize::from(p.run_bold);
        p.italic_runs += usize::from(p.run_italic);
        p.run_counted = true;
    }
}

/// The paragraphs of a DOCX file: the body, then the footnotes (each led by its id).
pub fn read(bytes: &[u8]) -> Result<Vec<Paragraph>, ImportError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| ImportError::Damaged(e.to_string()))?;
    let Some(document) = part(&mut zip, "word/document.xml")? else {
        // An OpenDocument text (.odt) or another zip: not a Word file.
        return Err(if zip.by_name("mimetype").is_ok() {
            ImportError::Unsupported(super::Unreadable::OpenDocument)
        } else {
            ImportError::Damaged("no word/document.xml".into())
        });
    };
    let styles = part(&mut zip, "word/styles.xml")?.map(|x| read_styles(&x)).unwrap_or_default();
    let numbering = part(&mut zip, "word/numbering.xml")?.map(|x| Numbering::read(&x)).unwrap_or_default();
    let mut reading = Reading {
        styles: &styles,
        numbering,
        out: Vec::new(),
        note: None,
        tabbed: Vec::new(),
        tables: 0,
        cells: Vec::new(),
        count: 0,
    };
    reading.part(&document, false)?;
    untab_header(&mut reading.out, &reading.tabbed);
    // Endnotes become footnotes of the plan: their words are kept, at the foot of the page.
    for name in ["word/footnotes.xml", "word/endnotes.xml"] {
        if let Some(notes) = part(&mut zip, name)? {
            let mut notes_reading = Reading {
                styles: &styles,
                numbering: Numbering::default(),
                out: Vec::new(),
                note: None,
                tabbed: Vec::new(),
                tables: 0,
                cells: Vec::new(),
                count: 0,
            };
            notes_reading.part(&notes, true)?;
            reading.out.extend(notes_reading.out);
        }
    }
    Ok(reading
        .out
        .into_iter()
        .map(|mut p| {
            p.text = clean(&p.text);
            p
        })
        .filter(|p| !p.text.is_empty())
        .collect())
}
