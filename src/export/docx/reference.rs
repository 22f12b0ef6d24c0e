//! `--reference-docx`: an office's own Word template lends its styles to the DOCX,
//! as pandoc's `--reference-doc` does. Styles are matched by id (a template made
//! by restyling one of kehoach's own DOCX files has all of them). What it may set:
//! sizes within the range NĐ 30 gives each element, the spacing of body text
//! within the decree's limits, and the font as the template spells Times New
//! Roman. What it may not: another font (the decree's is Times New Roman, and
//! `kehoach check` would find it), weight and italics, alignment, page size,
//! margins and the header block's geometry, which the decree fixes.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::diag::Msg;

/// What one style of the template sets, as far as kehoach takes it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RefStyle {
    pub font: Option<String>,
    /// Size in points.
    pub size: Option<f32>,
    /// Space before and after in twips, line in 240ths (auto) or twips (exact).
    pub before: Option<i32>,
    pub after: Option<i32>,
    pub line: Option<(i32, bool)>,
    pub first_line: Option<i32>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reference {
    /// The template's default font (`w:docDefaults`).
    pub font: Option<String>,
    pub styles: HashMap<String, RefStyle>,
    /// Style ids by their shown name, lower case: LibreOffice saves a template
    /// with ids of its own ("Nidung" for "NoiDung") but keeps the names.
    pub names: HashMap<String, String>,
}

impl Reference {
    /// The template's style for one of ours: by id, else by the name it shows.
    pub fn style(&self, id: &str, name: &str) -> Option<&RefStyle> {
        self.styles.get(id).or_else(|| self.names.get(&name.to_lowercase()).and_then(|i| self.styles.get(i)))
    }

    /// Drops every font but Times New Roman: the names dropped, for a warning.
    pub fn keep_decree_font(&mut self) -> Vec<String> {
        let mut dropped: Vec<String> = Vec::new();
        let fonts = std::iter::once(&mut self.font).chain(self.styles.values_mut().map(|s| &mut s.font));
        for font in fonts {
            if let Some(f) = font.take_if(|f| !f.eq_ignore_ascii_case(crate::layout::FONT)) {
                if !dropped.contains(&f) {
                    dropped.push(f);
                }
            }
        }
        dropped.sort();
        dropped
    }

    /// Reads the styles of a DOCX file.
    pub fn read(path: &Path) -> Result<Reference> {
        let context = || Msg::new("error.reference-docx").arg("path", path.display());
        let file = std::fs::File::open(path).with_context(context)?;
        let mut zip = zip::ZipArchive::new(file).with_context(context)?;
        let mut xml = String::new();
        let part = zip.by_name("word/styles.xml").with_context(context)?;
        // A styles part is kilobytes; a larger one is not a template.
        part.take(crate::load::MAX_FILE_BYTES).read_to_string(&mut xml).with_context(context)?;
        Reference::parse(&xml).with_context(context)
    }

    pub fn parse(xml: &str) -> Result<Reference> {
        let mut reader = Reader::from_str(xml);
        let mut out = Reference::default();
        // Where we are: inside docDefaults' run properties, or inside a style.
        let mut in_defaults = false;
        let mut style: Option<(String, RefStyle)> = None;
        loop {
            let event = reader.read_event()?;
            match &event {
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e) => {
                    let empty = matches!(event, Event::Empty(_));
                    match e.local_name().as_ref() {
                        b"docDefaults" if !empty => in_defaults = true,
                        b"style" if !empty => style = attr(e, b"styleId").map(|id| (id, RefStyle::default())),
                        b"name" => {
                            if let (Some((id, _)), Some(name)) = (&style, attr(e, b"val")) {
                                out.names.insert(crate::vi::text::to_nfc(&name).to_lowercase(), id.clone());
                            }
                        }
                        b"rFonts" => {
                            let font = attr(e, b"ascii").or_else(|| attr(e, b"hAnsi"));
                            match &mut style {
                                Some((_, s)) => s.font = font.or(s.font.take()),
                                None if in_defaults => out.font = font.or(out.font.take()),
                                None => {}
                            }
                        }
                        b"sz" => {
                            if let (Some((_, s)), Some(v)) = (&mut style, attr(e, b"val")) {
                                s.size = v.parse::<f32>().ok().map(|hp| hp / 2.0);
                            }
                        }
                        b"spacing" => {
                            if let Some((_, s)) = &mut style {
                                let num = |k: &[u8]| attr(e, k).and_then(|v| v.parse::<i32>().ok());
                                s.before = num(b"before").or(s.before);
                                s.after = num(b"after").or(s.after);
                                if let Some(line) = num(b"line") {
                                    let auto = attr(e, b"lineRule").is_none_or(|r| r == "auto");
                                    s.line = Some((line, auto));
                                }
                            }
                        }
                        b"ind" => {
                            if let Some((_, s)) = &mut style {
                                s.first_line = attr(e, b"firstLine").and_then(|v| v.parse().ok()).or(s.first_line);
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) => match e.local_name().as_ref() {
                    b"docDefaults" => in_defaults = false,
                    b"style" => {
                        if let Some((id, s)) = style.take() {
                            out.styles.insert(id, s);
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        Ok(out)
    }
}

fn attr(e: &BytesStart, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fonts_sizes_and_spacing_by_style_id() {
        let xml = r#"<w:styles xmlns:w="x"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial"/></w:rPr></w:rPrDefault></w:docDefaults>
            <w:style w:type="paragraph" w:styleId="NoiDung"><w:name w:val="Nội dung"/><w:pPr><w:spacing w:before="0" w:after="160" w:line="300" w:lineRule="auto"/><w:ind w:firstLine="567"/></w:pPr><w:rPr><w:rFonts w:ascii="Tinos"/><w:sz w:val="26"/></w:rPr></w:style></w:styles>"#;
        let r = Reference::parse(xml).unwrap();
        assert_eq!(r.font.as_deref(), Some("Arial"));
        let body = &r.styles["NoiDung"];
        assert_eq!(body.font.as_deref(), Some("Tinos"));
        assert_eq!(body.size, Some(13.0));
        assert_eq!(
            (body.before, body.after, body.line, body.first_line),
            (Some(0), Some(160), Some((300, true)), Some(567))
        );
        let mut r = r;
        assert_eq!(r.keep_decree_font(), ["Arial", "Tinos"]);
        assert_eq!((r.font.as_ref(), r.styles["NoiDung"].font.as_ref()), (None, None));
        assert_eq!(r.styles["NoiDung"].size, Some(13.0), "the rest is kept");
    }

    #[test]
    fn a_style_renamed_by_libreoffice_is_found_by_its_name() {
        let xml = r#"<w:styles xmlns:w="x"><w:style w:type="paragraph" w:styleId="Nidung"><w:name w:val="Nội dung"/><w:rPr><w:sz w:val="26"/></w:rPr></w:style></w:styles>"#;
        let r = Reference::parse(xml).unwrap();
        assert_eq!(r.style("NoiDung", "Nội dung").and_then(|s| s.size), Some(13.0));
        assert!(r.style("QuocHieu", "Quốc hiệu").is_none());
    }
}
