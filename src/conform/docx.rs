//! What a DOCX shows, for the thể thức rules: page setup, the page-number
//! headers, and each paragraph's text with its effective formatting — run,
//! run style, paragraph style chain and document defaults resolved as Word does.

use std::collections::HashMap;
use std::io::Read;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::import::docx::{attr, on};

/// Formatting that may be set at any level: None = not set here.
#[derive(Clone, Debug, Default)]
struct Props {
    based_on: Option<String>,
    size_half_pt: Option<u32>,
    font: Option<String>,
    bold: Option<bool>,
    italic: Option<bool>,
    underline: Option<bool>,
    align: Option<String>,
    first_line_tw: Option<i64>,
    /// Left and right indents (twips): a border rule's ends.
    sides_tw: Option<(i64, i64)>,
    border_bottom: Option<bool>,
    border_top: Option<bool>,
    /// The line of a bottom or top border when it is not solid ("dotted", "double").
    border_style: Option<String>,
    /// Borders on the left and the right too: with top and bottom, a frame.
    border_sides: Option<bool>,
    before_tw: Option<i64>,
    after_tw: Option<i64>,
    /// Line spacing: the value and its rule (auto: 240 = single; exact, atLeast: twips).
    line: Option<(i64, String)>,
    color: Option<String>,
}

/// One paragraph as it shows.
#[derive(Clone, Debug, Default)]
pub struct Para {
    pub text: String,
    /// 1-based, counting every paragraph of the body, tables included.
    pub number: usize,
    pub in_table: bool,
    /// Size (pt) of most of the text; None for an empty paragraph.
    pub size: Option<f32>,
    /// Fonts of the text's runs.
    pub fonts: Vec<String>,
    pub bold: bool,
    pub italic: bool,
    pub align: String,
    pub first_line_mm: f32,
    /// A bottom border (a rule drawn under the paragraph) or a drawn line in it.
    pub rule: bool,
    /// A top border: a rule drawn above the paragraph.
    pub rule_above: bool,
    /// How long its rule is (mm), where that can be known: a drawn line's extent, or
    /// a border across its table cell less the paragraph's indents.
    pub rule_mm: Option<f32>,
    /// Every run underlined: a line made with the text's underline, not drawn.
    pub underlined: bool,
    /// A border line that is not solid: "dotted", "dashed", "double"…
    pub rule_style: Option<String>,
    /// Inside a frame: borders on every side, a text box, or a one-cell table.
    pub framed: bool,
    /// Framed by its own borders or a text box (whatever table holds it).
    pub boxed: bool,
    /// The first visible run is bold ("Điều 1." before an upright title).
    pub starts_bold: bool,
    /// Space before and after the paragraph, in points.
    pub before_pt: f32,
    pub after_pt: f32,
    /// Line pitch in lines of the paragraph's size: 1.0 single (None: not measurable).
    pub line_spacing: Option<f32>,
    /// A colour of the text other than black.
    pub color: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Page {
    pub width_tw: i64,
    pub height_tw: i64,
    pub margins_mm: [f32; 4],
    /// Whether the document declares its paper size and its margins (pandoc
    /// writes an empty `w:sectPr`: Word then takes its own defaults).
    pub size_declared: bool,
    pub margins_declared: bool,
    /// Page 1 has its own header ("different first page").
    pub title_page: bool,
    /// A section laid out landscape holds no table (NĐ 30 allows landscape for tables).
    pub landscape_without_table: bool,
    /// The page numbers' format (`w:pgNumType w:fmt`), when it is not decimal.
    pub number_format: Option<String>,
    /// The first page's number, when the section restarts it.
    pub number_start: Option<i64>,
}

/// A header part: whether it prints the page number, and where.
#[derive(Clone, Debug, Default)]
pub struct HeaderPart {
    pub page_field: bool,
    /// The field asks for Roman or letter numbers (`PAGE \\* ROMAN`).
    pub not_arabic: bool,
    pub centred: bool,
    pub size: Option<f32>,
}

#[derive(Clone, Debug, Default)]
pub struct Shown {
    pub page: Page,
    pub paras: Vec<Para>,
    /// (type, part) of the section's header references: "default", "first".
    pub headers: Vec<(String, HeaderPart)>,
    /// The same for footers.
    pub footers: Vec<(String, HeaderPart)>,
    /// The page count the editor saved (`docProps/app.xml`), if it did.
    pub pages: Option<u32>,
}

fn border(e: &BytesStart) -> bool {
    attr(e, b"val").is_none_or(|v| v != "nil" && v != "none")
}

/// Reads a property element into `p` (rPr and pPr children alike).
fn read_prop(e: &BytesStart, p: &mut Props, in_rpr: bool) {
    match e.local_name().as_ref() {
        b"sz" if in_rpr => p.size_half_pt = attr(e, b"val").and_then(|v| v.parse().ok()),
        // A theme font (Word's Normal.dotm: `w:asciiTheme="minorHAnsi"`) wins over a named one.
        b"rFonts" if in_rpr => {
            p.font = attr(e, b"asciiTheme")
                .or_else(|| attr(e, b"hAnsiTheme"))
                .map(|t| format!("{THEME}{t}"))
                .or_else(|| attr(e, b"ascii"))
                .or_else(|| attr(e, b"hAnsi"))
        }
        b"b" if in_rpr => p.bold = Some(on(e)),
        b"i" if in_rpr => p.italic = Some(on(e)),
        b"u" if in_rpr => p.underline = Some(attr(e, b"val").is_none_or(|v| v != "none")),
        b"jc" if !in_rpr => p.align = attr(e, b"val"),
        b"ind" if !in_rpr => {
            let tw = |k: &[u8]| attr(e, k).and_then(|v| v.parse::<i64>().ok());
            let (left, right) = (tw(b"left").or_else(|| tw(b"start")), tw(b"right").or_else(|| tw(b"end")));
            if left.is_some() || right.is_some() {
                let (l, r) = p.sides_tw.unwrap_or_default();
                p.sides_tw = Some((left.unwrap_or(l), right.unwrap_or(r)));
            }
            p.first_line_tw = attr(e, b"firstLine")
                .and_then(|v| v.parse().ok())
                .or_else(|| attr(e, b"hanging").and_then(|v| v.parse::<i64>().ok()).map(|h| -h))
                .or(p.first_line_tw)
        }
        b"bottom" | b"top" if !in_rpr => {
            let on = border(e);
            if e.local_name().as_ref() == b"bottom" {
                p.border_bottom = Some(on);
            } else {
                p.border_top = Some(on);
            }
            if on {
                p.border_style = attr(e, b"val").filter(|v| !matches!(v.as_str(), "single" | "thick"));
            }
        }
        b"left" | b"right" | b"start" | b"end" if !in_rpr => {
            p.border_sides = Some(p.border_sides.unwrap_or(true) && border(e))
        }
        b"spacing" if !in_rpr => {
            let tw = |k: &[u8]| attr(e, k).and_then(|v| v.parse::<i64>().ok());
            p.before_tw = tw(b"before").or(p.before_tw);
            p.after_tw = tw(b"after").or(p.after_tw);
            if let Some(line) = tw(b"line") {
                p.line = Some((line, attr(e, b"lineRule").unwrap_or_else(|| "auto".into())));
            }
        }
        b"color" if in_rpr => p.color = attr(e, b"val"),
        _ => {}
    }
}

#[derive(Default)]
struct Styles {
    styles: HashMap<String, Props>,
    defaults: Props,
    /// The theme's major (headings) and minor (body) Latin fonts.
    theme: (Option<String>, Option<String>),
}

/// Marks a font named by the theme ("minorHAnsi"), resolved through `Styles::theme`.
const THEME: &str = "\u{1}theme:";

/// The theme's major and minor Latin typefaces (`word/theme/theme1.xml`).
fn theme_fonts(xml: &str) -> (Option<String>, Option<String>) {
    let mut reader = Reader::from_str(xml);
    let (mut major, mut minor, mut in_major, mut in_minor) = (None, None, false, false);
    while let Ok(event) = reader.read_event() {
        match &event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"majorFont" => in_major = true,
                b"minorFont" => in_minor = true,
                b"latin" if in_major && major.is_none() => major = attr(e, b"typeface"),
                b"latin" if in_minor && minor.is_none() => minor = attr(e, b"typeface"),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"majorFont" => in_major = false,
                b"minorFont" => in_minor = false,
                _ => {}
            },
            _ => {}
        }
    }
    (major, minor)
}

impl Styles {
    /// A font as Word shows it: a theme's font by its typeface.
    fn shown_font(&self, font: String) -> String {
        let Some(slot) = font.strip_prefix(THEME) else { return font };
        let (major, minor) = &self.theme;
        let face = if slot.starts_with("major") { major } else { minor };
        face.clone().unwrap_or_else(|| slot.to_string())
    }
}

impl Styles {
    fn read(xml: &str) -> Styles {
        let mut out = Styles::default();
        let mut reader = Reader::from_str(xml);
        let mut current: Option<(String, Props)> = None;
        let (mut in_defaults, mut in_rpr) = (false, false);
        while let Ok(event) = reader.read_event() {
            match &event {
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    b"docDefaults" => in_defaults = true,
                    b"style" => current = attr(e, b"styleId").map(|id| (id, Props::default())),
                    b"basedOn" => {
                        if let Some((_, p)) = &mut current {
                            p.based_on = attr(e, b"val");
                        }
                    }
                    b"rPr" => in_rpr = true,
                    _ => match (&mut current, in_defaults) {
                        (Some((_, p)), _) => read_prop(e, p, in_rpr),
                        (None, true) => read_prop(e, &mut out.defaults, in_rpr),
                        _ => {}
                    },
                },
                Event::End(e) => match e.local_name().as_ref() {
                    b"docDefaults" => in_defaults = false,
                    b"rPr" => in_rpr = false,
                    b"style" => {
                        if let Some((id, p)) = current.take() {
                            out.styles.insert(id, p);
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        out
    }

    /// The first value set along a style's `basedOn` chain.
    fn chain<T: Clone>(&self, style: Option<&str>, f: impl Fn(&Props) -> Option<T>) -> Option<T> {
        let mut id = style.map(str::to_string);
        for _ in 0..12 {
            let s = id.as_ref().and_then(|i| self.styles.get(i))?;
            if let Some(v) = f(s) {
                return Some(v);
            }
            id = s.based_on.clone();
        }
        None
    }

    /// [`Styles::chain`], then the document defaults.
    fn get<T: Clone>(&self, style: Option<&str>, f: impl Fn(&Props) -> Option<T>) -> Option<T> {
        self.chain(style, &f).or_else(|| f(&self.defaults))
    }
}

fn part(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str) -> Option<String> {
    let file = zip.by_name(name).ok()?;
    let mut s = String::new();
    file.take(64 << 20).read_to_string(&mut s).ok()?;
    Some(s)
}

/// One run's text and its own properties.
struct Run {
    text: String,
    props: Props,
    style: Option<String>,
}

/// Reads what a DOCX shows; None if it is not a readable DOCX.
pub fn read(bytes: &[u8]) -> Option<Shown> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let document = part(&mut zip, "word/document.xml")?;
    let mut styles = part(&mut zip, "word/styles.xml").map(|s| Styles::read(&s)).unwrap_or_default();
    styles.theme = part(&mut zip, "word/theme/theme1.xml").map(|t| theme_fonts(&t)).unwrap_or_default();
    let rels = part(&mut zip, "word/_rels/document.xml.rels").unwrap_or_default();
    // Word's automatic numbers ("I.", "1.") are part of what a reader sees.
    let mut labels = crate::import::docx::ListLabels::read(
        part(&mut zip, "word/numbering.xml").as_deref(),
        part(&mut zip, "word/styles.xml").as_deref(),
    );
    // The list (`numId`, `ilvl`) of each open paragraph, as `paras`.
    let mut nums: Vec<(Option<String>, usize)> = Vec::new();
    let mut in_num = false;
    let mut shown = Shown::default();
    let mut header_refs: Vec<(bool, String, String)> = Vec::new();
    let mut reader = Reader::from_str(&document);
    // Paragraphs and runs nest: a text box's paragraphs sit inside a run of another.
    let mut paras: Vec<(Props, Option<String>, Vec<Run>, bool)> = Vec::new();
    let mut runs: Vec<Run> = Vec::new();
    let (mut in_rpr, mut in_ppr, mut tables, mut hidden, mut boxes) = (false, false, 0usize, 0usize, 0usize);
    // Text shows only inside <w:t>: a drawing's offsets and sizes are text nodes too.
    let mut in_text = 0usize;
    let mut fallback = 0usize;
    let mut count = 0;
    let mut tab_rows: Vec<usize> = Vec::new();
    // The first section is the document's frame (size, margins); an appendix's own
    // section may be landscape, with Word's margins turned with it.
    // A table of data has rows; the header's and the signature's layout tables have one or two.
    let (mut sections, mut section_has_table, mut table_rows) = (0usize, false, 0usize);
    // A one-cell table is a frame (an urgency stamp); the header's two-column layout
    // table is not: its cells, and the first paragraph shown from the table.
    let (mut table_cells, mut table_from) = (0usize, 0usize);
    // The width (twips) of the cell being read, and a drawn line's length (EMU).
    let (mut cell_tw, mut extent_emu): (Option<i64>, Option<i64>) = (None, None);
    // The table's cell margins (twips), Word's 0.19 cm unless it says otherwise.
    let (mut cell_margins, mut in_cell_margins) = ((108i64, 108i64), false);
    // Inside a tracked change of formatting (`w:rPrChange`…): what the text looked like
    // before the change, not what it shows.
    let mut changed = 0usize;
    while let Ok(event) = reader.read_event() {
        match &event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = e.local_name();
                let name = name.as_ref();
                if name.ends_with(b"PrChange") || name.ends_with(b"GridChange") {
                    changed += usize::from(!empty);
                    continue;
                }
                if changed > 0 {
                    continue;
                }
                match name {
                    b"tbl" if !empty => {
                        tables += 1;
                        if tables == 1 {
                            cell_margins = (108, 108);
                            table_rows = 0;
                            table_cells = 0;
                            table_from = shown.paras.len();
                        }
                    }
                    b"tr" if !empty && tables == 1 => table_rows += 1,
                    b"tc" if !empty && tables == 1 => {
                        table_cells += 1;
                        // A cell without its own width is not measured by the one before.
                        cell_tw = None;
                    }
                    b"tcW" if tables == 1 => {
                        cell_tw = attr(e, b"w")
                            .filter(|_| attr(e, b"type").is_none_or(|t| t == "dxa"))
                            .and_then(|w| w.parse().ok());
                    }
                    b"extent" => extent_emu = attr(e, b"cx").and_then(|w| w.parse().ok()),
                    b"tblCellMar" if tables == 1 => in_cell_margins = !empty,
                    b"left" | b"start" | b"right" | b"end" if in_cell_margins => {
                        if let Some(w) = attr(e, b"w").and_then(|w| w.parse::<i64>().ok()) {
                            match e.local_name().as_ref() {
                                b"left" | b"start" => cell_margins.0 = w,
                                _ => cell_margins.1 = w,
                            }
                        }
                    }
                    b"sectPr" if empty => {
                        sections += 1;
                        section_has_table = false;
                    }
                    b"txbxContent" if !empty => boxes += 1,
                    // A compatibility fallback repeats the drawing before it.
                    b"del" | b"instrText" if !empty => hidden += 1,
                    b"Fallback" if !empty => fallback += 1,
                    b"t" if !empty => in_text += 1,
                    b"p" if !empty && fallback == 0 => {
                        extent_emu = None;
                        paras.push((Props::default(), None, Vec::new(), false));
                        nums.push((None, 0));
                    }
                    // An empty paragraph as Word writes it (`<w:p w:rsidR="…"/>`) is one
                    // to count, as the import counts it: nothing in it to judge.
                    b"p" if fallback == 0 => count += 1,
                    b"numPr" if in_ppr && !empty => in_num = true,
                    b"numId" if in_num => {
                        if let Some(n) = nums.last_mut() {
                            n.0 = attr(e, b"val");
                        }
                    }
                    b"ilvl" if in_num => {
                        if let Some(n) = nums.last_mut() {
                            n.1 = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0);
                        }
                    }
                    b"pPr" if !empty => in_ppr = true,
                    b"rPr" if !empty => in_rpr = true,
                    b"r" if !empty => runs.push(Run { text: String::new(), props: Props::default(), style: None }),
                    b"pStyle" => {
                        if let Some(p) = paras.last_mut() {
                            p.1 = attr(e, b"val");
                        }
                    }
                    b"rStyle" => {
                        if let Some(r) = runs.last_mut() {
                            r.style = attr(e, b"val");
                        }
                    }
                    b"drawing" | b"line" | b"pict" => {
                        if let Some(p) = paras.last_mut() {
                            p.3 = true;
                        }
                    }
                    b"tab" if !runs.is_empty() && !in_ppr => {
                        if let Some(r) = runs.last_mut() {
                            r.text.push('\t');
                        }
                    }
                    // A line break (Shift+Enter, HTML's <br>): the next line, judged on its own.
                    b"br" | b"cr"
                        if hidden == 0
                            && fallback == 0
                            && !matches!(attr(e, b"type").as_deref(), Some("page" | "column")) =>
                    {
                        if let Some(r) = runs.last_mut() {
                            r.text.push('\n');
                        }
                    }
                    b"pgSz" => {
                        let size = |k: &[u8]| attr(e, k).and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
                        if size(b"w") > size(b"h") && !section_has_table {
                            shown.page.landscape_without_table = true;
                        }
                        if sections == 0 {
                            shown.page.size_declared = true;
                            shown.page.width_tw = size(b"w");
                            shown.page.height_tw = size(b"h");
                        }
                    }
                    b"pgMar" if sections == 0 => {
                        let mm = |k: &[u8]| attr(e, k).and_then(|v| v.parse::<f32>().ok()).unwrap_or(0.0) / 56.693;
                        shown.page.margins_mm = [mm(b"top"), mm(b"bottom"), mm(b"left"), mm(b"right")];
                        shown.page.margins_declared = true;
                    }
                    b"pgNumType" => {
                        // Any section's: an appendix may restart at 1, never elsewhere.
                        if let Some(fmt) = attr(e, b"fmt").filter(|f| f != "decimal") {
                            shown.page.number_format = Some(fmt);
                        }
                        if let Some(start) = attr(e, b"start").and_then(|v| v.parse().ok()).filter(|s| *s != 1) {
                            shown.page.number_start = Some(start);
                        }
                    }
                    b"titlePg" => shown.page.title_page = on(e),
                    b"headerReference" | b"footerReference" => {
                        if let (Some(t), Some(id)) = (attr(e, b"type"), attr(e, b"id")) {
                            header_refs.push((e.local_name().as_ref() == b"headerReference", t, id));
                        }
                    }
                    _ => {
                        if let Some(r) = runs.last_mut().filter(|_| in_rpr) {
                            read_prop(e, &mut r.props, true);
                        } else if let Some(p) = paras.last_mut().filter(|_| in_ppr) {
                            read_prop(e, &mut p.0, in_rpr);
                        }
                    }
                }
            }
            Event::Text(t) if hidden == 0 && fallback == 0 && in_text > 0 => {
                if let Some(r) = runs.last_mut() {
                    if let Ok(text) = t.decode() {
                        r.text.push_str(
                            &quick_xml::escape::unescape(&text).map(|c| c.into_owned()).unwrap_or(text.into_owned()),
                        );
                    }
                }
            }
            Event::GeneralRef(g) if hidden == 0 && fallback == 0 && in_text > 0 => {
                if let Some(r) = runs.last_mut() {
                    let name: &[u8] = g;
                    r.text.push_str(match name {
                        b"amp" => "&",
                        b"lt" => "<",
                        b"gt" => ">",
                        b"quot" => "\"",
                        b"apos" => "'",
                        _ => "",
                    });
                }
            }
            Event::End(e)
                if e.local_name().as_ref().ends_with(b"PrChange")
                    || e.local_name().as_ref().ends_with(b"GridChange") =>
            {
                changed = changed.saturating_sub(1);
            }
            Event::End(_) if changed > 0 => {}
            Event::End(e) => match e.local_name().as_ref() {
                b"sectPr" => {
                    sections += 1;
                    section_has_table = false;
                }
                b"tbl" => {
                    tables = tables.saturating_sub(1);
                    if tables == 0 && table_rows >= 3 {
                        section_has_table = true;
                    }
                    if tables == 0 && table_cells > 1 {
                        for p in shown.paras.iter_mut().skip(table_from) {
                            p.framed = p.boxed;
                        }
                    }
                }
                b"txbxContent" => boxes = boxes.saturating_sub(1),
                b"tblCellMar" => in_cell_margins = false,
                b"del" | b"instrText" => hidden = hidden.saturating_sub(1),
                b"Fallback" => fallback = fallback.saturating_sub(1),
                b"t" => in_text = in_text.saturating_sub(1),
                b"pPr" => in_ppr = false,
                b"rPr" => in_rpr = false,
                b"r" => {
                    if let (Some(r), Some(p)) = (runs.pop(), paras.last_mut()) {
                        p.2.push(r);
                    }
                }
                b"numPr" => in_num = false,
                b"p" if fallback == 0 => {
                    let num = nums.pop().and_then(|(id, ilvl)| id.map(|id| (id, ilvl)));
                    if let Some((props, style, mut runs, drawn)) = paras.pop() {
                        count += 1;
                        // The number Word draws before the text, set as the text's first run.
                        if let Some(label) = labels.next(num, style.as_deref()) {
                            let text: String = runs.iter().map(|r| r.text.as_str()).collect();
                            if !text.trim().is_empty() && !text.trim_start().starts_with(&label) {
                                let first = runs.first().map(|r| (r.props.clone(), r.style.clone()));
                                let (props, style) = first.unwrap_or_default();
                                runs.insert(0, Run { text: format!("{label} "), props, style });
                            }
                        }
                        // Each line of the paragraph is read as one: a header cell written
                        // with Shift+Enter holds the Quốc hiệu and the Tiêu ngữ.
                        // A header laid out with tabs, not a table: each side of a tab
                        // in the first paragraphs is a line of its column.
                        let columns = count <= 12 && tables == 0;
                        let tabbed = columns && runs.iter().any(|r| r.text.contains('\t'));
                        let lines = lines(runs, columns);
                        if tabbed && lines.len() == 2 {
                            tab_rows.push(count);
                        }
                        for line in lines {
                            let at = Place {
                                number: count,
                                in_table: tables > 0,
                                in_box: boxes > 0,
                                cell_tw: cell_tw.filter(|_| tables == 1).map(|w| w - cell_margins.0 - cell_margins.1),
                                drawn_emu: extent_emu.filter(|_| drawn),
                            };
                            shown.paras.push(resolve(&styles, props.clone(), style.clone(), line, drawn, at));
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    shown.pages = part(&mut zip, "docProps/app.xml").and_then(|xml| {
        let start = xml.find("<Pages>")? + "<Pages>".len();
        xml[start..].split('<').next()?.trim().parse().ok()
    });
    // A text box's paragraphs end before the one holding it: document order again.
    shown.paras.sort_by_key(|p| p.number);
    columns_first(&mut shown.paras, &tab_rows);
    for (header, kind, id) in header_refs {
        let Some(target) = relationship(&rels, &id) else { continue };
        let xml = part(&mut zip, &format!("word/{target}")).unwrap_or_default();
        let list = if header { &mut shown.headers } else { &mut shown.footers };
        list.push((kind, header_part(&xml, &styles)));
    }
    Some(shown)
}

/// Header rows laid out with tabs (paragraph numbers `rows`, two lines each): the
/// left column's lines first, then the right one's, as a table's cells read.
fn columns_first(paras: &mut [Para], rows: &[usize]) {
    let Some(&first) = rows.first() else { return };
    let run = rows.iter().enumerate().take_while(|(k, &n)| n == first + k).count();
    let Some(start) = paras.iter().position(|p| p.number == first) else { return };
    let end = start + 2 * run;
    if run < 2 || end > paras.len() || paras[start..end].iter().any(|p| !rows[..run].contains(&p.number)) {
        return;
    }
    let order: Vec<usize> = (0..run).map(|k| start + 2 * k).chain((0..run).map(|k| start + 2 * k + 1)).collect();
    let block: Vec<Para> = order.iter().map(|&i| paras[i].clone()).collect();
    paras[start..end].clone_from_slice(&block);
}

/// A paragraph's runs cut at its line breaks, and at its tabs when `columns`: one
/// list of runs per line (a paragraph without breaks is one line; blank lines
/// after the first are dropped). A tab elsewhere reads as a space.
fn lines(runs: Vec<Run>, columns: bool) -> Vec<Vec<Run>> {
    let mut runs = runs;
    let cut = |t: &str| t.contains('\n') || (columns && t.contains('\t'));
    if !columns || !runs.iter().any(|r| cut(&r.text)) {
        for r in &mut runs {
            r.text = r.text.replace('\t', " ");
        }
    }
    if !runs.iter().any(|r| cut(&r.text)) {
        return vec![runs];
    }
    let runs: Vec<Run> = runs.into_iter().map(|r| Run { text: r.text.replace('\t', "\n"), ..r }).collect();
    let mut out: Vec<Vec<Run>> = vec![Vec::new()];
    for run in runs {
        for (k, piece) in run.text.split('\n').enumerate() {
            if k > 0 {
                out.push(Vec::new());
            }
            if !piece.is_empty() {
                let line = out.last_mut().expect("one line at least");
                line.push(Run { text: piece.to_string(), props: run.props.clone(), style: run.style.clone() });
            }
        }
    }
    let first = out.remove(0);
    let shown = |l: &Vec<Run>| l.iter().any(|r| !r.text.trim().is_empty());
    // A row whose left column is empty ("⇥Độc lập - Tự do - Hạnh phúc") has no first line.
    let first = (!columns || shown(&first)).then_some(first);
    first.into_iter().chain(out.into_iter().filter(shown)).collect()
}

/// The target of a relationship id in document.xml.rels.
fn relationship(rels: &str, id: &str) -> Option<String> {
    let mut reader = Reader::from_str(rels);
    while let Ok(event) = reader.read_event() {
        match &event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e)
                if e.local_name().as_ref() == b"Relationship" && attr(e, b"Id").as_deref() == Some(id) =>
            {
                return attr(e, b"Target").map(|t| t.trim_start_matches("/word/").to_string());
            }
            _ => {}
        }
    }
    None
}

fn header_part(xml: &str, styles: &Styles) -> HeaderPart {
    let page_field = xml.contains("PAGE") && (xml.contains("instrText") || xml.contains("fldSimple"));
    let not_arabic = ["ROMAN", "roman", "ALPHABETIC", "alphabetic"].iter().any(|f| xml.contains(&format!("\\* {f}")));
    let mut out = HeaderPart { page_field, not_arabic, ..HeaderPart::default() };
    let mut reader = Reader::from_str(xml);
    let (mut style, mut align, mut size) = (None, None, None);
    while let Ok(event) = reader.read_event() {
        match &event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"pStyle" => style = attr(e, b"val"),
                b"jc" => align = attr(e, b"val"),
                b"sz" => size = attr(e, b"val").and_then(|v| v.parse::<u32>().ok()),
                _ => {}
            },
            _ => {}
        }
    }
    let align = align.or_else(|| styles.get(style.as_deref(), |p| p.align.clone())).unwrap_or_default();
    out.centred = align == "center";
    out.size = size.or_else(|| styles.get(style.as_deref(), |p| p.size_half_pt)).map(|s| s as f32 / 2.0);
    out
}

/// Where a paragraph is.
struct Place {
    number: usize,
    in_table: bool,
    in_box: bool,
    /// The width (twips) inside the cell's margins, for a paragraph in a table.
    cell_tw: Option<i64>,
    /// A drawn shape's width (EMU) in the paragraph.
    drawn_emu: Option<i64>,
}

fn resolve(styles: &Styles, own: Props, style: Option<String>, runs: Vec<Run>, drawn: bool, at: Place) -> Para {
    let style = style.as_deref().or(Some("Normal"));
    let text: String = runs.iter().map(|r| r.text.as_str()).collect();
    let mut sizes: HashMap<u32, usize> = HashMap::new();
    let mut fonts: Vec<String> = Vec::new();
    let (mut bold, mut italic, mut shown_runs, mut starts_bold) = (true, true, 0, false);
    let mut underlined = true;
    let mut color = None;
    for r in runs.iter().filter(|r| !r.text.trim().is_empty()) {
        shown_runs += 1;
        // Run, run style, paragraph style chain, document defaults: Word's order.
        let rs = r.style.as_deref();
        let size = r
            .props
            .size_half_pt
            .or_else(|| styles.chain(rs, |p| p.size_half_pt))
            .or_else(|| styles.get(style, |p| p.size_half_pt))
            .unwrap_or(20);
        *sizes.entry(size).or_default() += r.text.chars().count();
        let font = r
            .props
            .font
            .clone()
            .or_else(|| styles.chain(rs, |p| p.font.clone()))
            .or_else(|| styles.get(style, |p| p.font.clone()))
            .map(|f| styles.shown_font(f));
        if let Some(f) = font.filter(|f| !fonts.contains(f)) {
            fonts.push(f);
        }
        let b = r.props.bold.or_else(|| styles.chain(rs, |p| p.bold)).or_else(|| styles.get(style, |p| p.bold));
        let i = r.props.italic.or_else(|| styles.chain(rs, |p| p.italic)).or_else(|| styles.get(style, |p| p.italic));
        if shown_runs == 1 {
            starts_bold = b.unwrap_or(false);
        }
        bold &= b.unwrap_or(false);
        let u = r
            .props
            .underline
            .or_else(|| styles.chain(rs, |p| p.underline))
            .or_else(|| styles.get(style, |p| p.underline));
        underlined &= u.unwrap_or(false);
        italic &= i.unwrap_or(false);
        let c = r.props.color.clone().or_else(|| styles.chain(rs, |p| p.color.clone()));
        let c = c.or_else(|| styles.get(style, |p| p.color.clone()));
        if let Some(c) = c.filter(|c| !c.eq_ignore_ascii_case("auto") && c != "000000") {
            color.get_or_insert(c);
        }
    }
    let size = sizes.into_iter().max_by_key(|(s, n)| (*n, *s)).map(|(s, _)| s as f32 / 2.0);
    let first_line = own.first_line_tw.or_else(|| styles.get(style, |p| p.first_line_tw)).unwrap_or(0);
    let get = |f: &dyn Fn(&Props) -> Option<i64>| f(&own).or_else(|| styles.get(style, f)).unwrap_or(0);
    let (before, after) = (get(&|p| p.before_tw), get(&|p| p.after_tw));
    let line = own.line.clone().or_else(|| styles.get(style, |p| p.line.clone()));
    // A single line of Times New Roman is 1.15 times its size.
    let line_spacing = match (line, size) {
        (None, _) => Some(1.0),
        (Some((v, rule)), _) if rule == "auto" => Some(v as f32 / 240.0),
        (Some((v, rule)), Some(size)) if rule == "exact" => Some(v as f32 / 20.0 / (size * 1.15)),
        (Some((v, _)), Some(size)) => Some((v as f32 / 20.0 / (size * 1.15)).max(1.0)),
        _ => None,
    };
    let border = |f: &dyn Fn(&Props) -> Option<bool>| f(&own).or_else(|| styles.get(style, f)).unwrap_or(false);
    let boxed = border(&|p| p.border_top) && border(&|p| p.border_bottom) && border(&|p| p.border_sides);
    Para {
        // Word joiners (kehoach keeps symbols whole with them) are invisible; a
        // no-break space reads as a space ("Sơn La,\u{a0}ngày …").
        text: crate::vi::text::to_nfc(text.replace('\u{2060}', "").replace(['\u{a0}', '\u{202f}'], " ").trim()),
        number: at.number,
        in_table: at.in_table,
        size,
        fonts,
        bold: shown_runs > 0 && bold,
        underlined: shown_runs > 0 && underlined,
        italic: shown_runs > 0 && italic,
        align: own.align.clone().or_else(|| styles.get(style, |p| p.align.clone())).unwrap_or_else(|| "left".into()),
        first_line_mm: first_line as f32 / 56.693,
        rule: drawn || border(&|p| p.border_bottom),
        rule_mm: match (at.drawn_emu, at.cell_tw) {
            (Some(emu), _) => Some(emu as f32 / 36_000.0),
            // A border sized by its indents: one across the whole cell is a quick line
            // whose length nobody set (many offices' files), not judged by length.
            (None, Some(cell)) if border(&|p| p.border_bottom) || border(&|p| p.border_top) => {
                own.sides_tw.or_else(|| styles.get(style, |p| p.sides_tw)).map(|(l, r)| (cell - l - r) as f32 / 56.693)
            }
            _ => None,
        },
        rule_above: border(&|p| p.border_top),
        rule_style: own.border_style.clone().or_else(|| styles.get(style, |p| p.border_style.clone())),
        framed: boxed || at.in_box || at.in_table,
        boxed: boxed || at.in_box,
        starts_bold,
        before_pt: before as f32 / 20.0,
        after_pt: after as f32 / 20.0,
        line_spacing,
        color,
    }
}
