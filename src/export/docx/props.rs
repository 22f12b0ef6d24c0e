//! Paragraph and run properties, written in the child order of ECMA-376
//! (Part 1, §17.3.1.26 `w:pPr`, §17.3.2.28 `w:rPr`): the same structs serve the
//! styles and the direct formatting of a paragraph.

use super::xml::Xml;
use crate::layout as l;

/// Twips (1/20 pt) from millimetres.
pub fn tw(mm: f32) -> i32 {
    (mm * 56.692_914).round() as i32
}

/// Points → twips.
pub fn tw_pt(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}

/// Half-points from points.
pub fn hp(pt: f32) -> i32 {
    (pt * 2.0).round() as i32
}

/// Points → eighths of a point (border widths).
pub fn eighths(pt: f32) -> i32 {
    (pt * 8.0).round() as i32
}

/// A line spacing multiple → 240ths of a line (`w:line` with the auto rule).
pub fn line_240(spacing: f32) -> i32 {
    (spacing * 240.0).round() as i32
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LineRule {
    /// A multiple of the font's line (240ths).
    Auto,
    /// Exactly this many twips.
    Exact,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spacing {
    pub before: i32,
    pub after: i32,
    pub line: i32,
    pub rule: LineRule,
}

impl Spacing {
    /// Single spacing, nothing before or after.
    pub const TIGHT: Spacing = Spacing { before: 0, after: 0, line: 240, rule: LineRule::Auto };

    pub fn before(self, twips: i32) -> Spacing {
        Spacing { before: twips, ..self }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Center,
    Both,
}

/// Which edges of a paragraph get a border line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Border {
    /// A rule under the text (the lines under the header and the title).
    Bottom { eighths: i32, space: i32 },
    /// A frame (the draft mark).
    Box { eighths: i32, space: i32 },
}

/// Paragraph properties; `None` inherits from the style.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PPr<'a> {
    pub style: Option<&'a str>,
    pub keep_next: bool,
    pub keep_lines: bool,
    pub page_break_before: bool,
    pub widow_control: bool,
    pub border: Option<Border>,
    pub spacing: Option<Spacing>,
    /// Left, right and first-line indents in twips.
    pub indent: Option<(i32, i32, i32)>,
    pub align: Option<Align>,
    pub outline: Option<u8>,
}

/// Run properties; `None`/`false` inherits from the style.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RPr<'a> {
    pub style: Option<&'a str>,
    /// The font family (all four scripts).
    pub font: Option<&'a str>,
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    /// Size in points.
    pub size: Option<f32>,
    pub underline: bool,
    pub superscript: bool,
}

impl RPr<'_> {
    pub fn is_empty(&self) -> bool {
        *self == RPr::default()
    }
}

impl PPr<'_> {
    /// Writes `w:pPr` (omitted when empty); `mark` writes the paragraph mark's run
    /// properties and `section` a section break, which come last in that order.
    pub fn write(&self, x: &mut Xml, mark: Option<&dyn Fn(&mut Xml)>, section: Option<&dyn Fn(&mut Xml)>) {
        if *self == PPr::default() && mark.is_none() && section.is_none() {
            return;
        }
        x.open("w:pPr", &[]);
        if let Some(s) = self.style {
            x.val("w:pStyle", s);
        }
        if self.keep_next {
            x.empty("w:keepNext", &[]);
        }
        if self.keep_lines {
            x.empty("w:keepLines", &[]);
        }
        if self.page_break_before {
            x.empty("w:pageBreakBefore", &[]);
        }
        if self.widow_control {
            x.empty("w:widowControl", &[]);
        }
        if let Some(border) = self.border {
            let edge = |x: &mut Xml, tag: &str, eighths: i32, space: i32| {
                x.empty(
                    tag,
                    &[
                        ("w:val", "single".into()),
                        ("w:sz", eighths.into()),
                        ("w:space", space.into()),
                        ("w:color", "000000".into()),
                    ],
                );
            };
            x.open("w:pBdr", &[]);
            match border {
                Border::Bottom { eighths, space } => edge(x, "w:bottom", eighths, space),
                Border::Box { eighths, space } => {
                    for tag in ["w:top", "w:left", "w:bottom", "w:right"] {
                        edge(x, tag, eighths, space);
                    }
                }
            }
            x.close("w:pBdr");
        }
        if let Some(s) = self.spacing {
            let rule = match s.rule {
                LineRule::Auto => "auto",
                LineRule::Exact => "exact",
            };
            x.empty(
                "w:spacing",
                &[
                    ("w:before", s.before.into()),
                    ("w:after", s.after.into()),
                    ("w:line", s.line.into()),
                    ("w:lineRule", rule.into()),
                ],
            );
        }
        if let Some((left, right, first)) = self.indent {
            x.empty("w:ind", &[("w:left", left.into()), ("w:right", right.into()), ("w:firstLine", first.into())]);
        }
        if let Some(a) = self.align {
            x.val(
                "w:jc",
                match a {
                    Align::Center => "center",
                    Align::Both => "both",
                },
            );
        }
        if let Some(level) = self.outline {
            x.val("w:outlineLvl", level as i32);
        }
        if let Some(mark) = mark {
            x.open("w:rPr", &[]);
            mark(x);
            x.close("w:rPr");
        }
        if let Some(section) = section {
            section(x);
        }
        x.close("w:pPr");
    }
}

impl RPr<'_> {
    /// Writes `w:rPr` (omitted when empty).
    pub fn write(&self, x: &mut Xml) {
        if self.is_empty() {
            return;
        }
        x.open("w:rPr", &[]);
        self.write_children(x);
        x.close("w:rPr");
    }

    pub fn write_children(&self, x: &mut Xml) {
        if let Some(s) = self.style {
            x.val("w:rStyle", s);
        }
        if let Some(f) = self.font {
            x.empty(
                "w:rFonts",
                &[("w:ascii", f.into()), ("w:eastAsia", f.into()), ("w:hAnsi", f.into()), ("w:cs", f.into())],
            );
        }
        if self.bold {
            x.empty("w:b", &[]);
            x.empty("w:bCs", &[]);
        }
        if self.italic {
            x.empty("w:i", &[]);
            x.empty("w:iCs", &[]);
        }
        if self.strike {
            x.empty("w:strike", &[]);
        }
        if let Some(size) = self.size {
            x.val("w:sz", hp(size));
            x.val("w:szCs", hp(size));
        }
        if self.underline {
            x.val("w:u", "single");
        }
        if self.superscript {
            x.val("w:vertAlign", "superscript");
        }
    }
}

/// The body paragraph of NĐ 30: justified, 1.27 cm first line, 6 pt after, 1.15 lines.
pub fn body() -> PPr<'static> {
    PPr {
        spacing: Some(Spacing {
            before: 0,
            after: tw_pt(l::PARAGRAPH_SPACING_PT),
            line: line_240(l::LINE_SPACING),
            rule: LineRule::Auto,
        }),
        indent: Some((0, 0, tw(l::FIRST_LINE_INDENT_MM))),
        align: Some(Align::Both),
        ..PPr::default()
    }
}
