//! Safe fixes: a corrected copy of a DOCX for the findings whose fix the decree
//! itself fixes — page size and orientation, margins, the font, the date's
//! leading zeros, the page number's place and its absence from page 1. Anything
//! else is left for a person. A digitally signed document is never touched.

use std::io::{Read, Write};

use regex::Regex;

use super::rules::{self, figure as f};
use super::Finding;
use crate::diag::Msg;

/// Why a document cannot be fixed.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    Signed,
    NotDocx,
}

static FONT_ATTR: std::sync::LazyLock<Regex> =
    std::sync::LazyLock::new(|| Regex::new(r#"(w:(?:ascii|hAnsi|cs|eastAsia))="[^"]*""#).unwrap());
static THEME_ATTR: std::sync::LazyLock<Regex> =
    std::sync::LazyLock::new(|| Regex::new(r#"\s+w:(?:ascii|hAnsi|cs|eastAsia)Theme="[^"]*""#).unwrap());
/// An `w:rFonts` that names no Latin font (once its theme attributes are gone).
static UNNAMED_FONTS: std::sync::LazyLock<Regex> =
    std::sync::LazyLock::new(|| Regex::new(r#"<w:rFonts((?:\s+w:(?:cs|eastAsia|hint)="[^"]*")*\s*/?>)"#).unwrap());
static ALIGN: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| Regex::new(r#"<w:jc w:val="[^"]*"/>"#).unwrap());
/// A PAGE field, complex (`<w:instrText> PAGE </w:instrText>`) or simple (`w:instr=" PAGE "`).
static PAGE_FIELD: std::sync::LazyLock<Regex> =
    std::sync::LazyLock::new(|| Regex::new(r#"(?:instrText[^>]*>\s*PAGE\b|w:instr="\s*PAGE\b)"#).unwrap());
const CENTRED: &str = r#"<w:jc w:val="center"/>"#;
/// The header part `--fix` makes for a page number that was in the footer, when the
/// document has no header of its own to take it.
const NEW_HEADER: &str = "word/header-so-trang.xml";
const NEW_HEADER_ID: &str = "rIdKehoachPageNumber";

/// Where the paragraph holding the page number is in a header's or footer's XML.
fn page_paragraph(part: &str) -> Option<std::ops::Range<usize>> {
    let at = PAGE_FIELD.find(part)?.start();
    let start = ["<w:p>", "<w:p "].iter().filter_map(|open| part[..at].rfind(open)).max()?;
    let end = at + part[at..].find("</w:p>")? + "</w:p>".len();
    Some(start..end)
}

/// The paragraph properties that follow `w:jc` in the schema's order.
const AFTER_JC: [&str; 9] = [
    "<w:textDirection",
    "<w:textAlignment",
    "<w:textboxTightWrap",
    "<w:outlineLvl",
    "<w:divId",
    "<w:cnfStyle",
    "<w:rPr",
    "<w:sectPr",
    "<w:pPrChange",
];

/// A paragraph's XML centred, its `w:jc` where the schema puts it (before `w:rPr`).
fn centred(p: &str) -> String {
    let own = p.find("</w:pPr>").map_or(p, |end| &p[..end]);
    if let Some(m) = ALIGN.find(own) {
        return format!("{}{CENTRED}{}", &p[..m.start()], &p[m.end()..]);
    }
    if let Some(at) = p.find("<w:pPr/>") {
        return format!("{}<w:pPr>{CENTRED}</w:pPr>{}", &p[..at], &p[at + "<w:pPr/>".len()..]);
    }
    match (p.find("<w:pPr"), p.find("</w:pPr>")) {
        (Some(open), Some(close)) => {
            // Before the first property the schema puts after w:jc.
            let at = AFTER_JC.iter().filter_map(|e| p[open..close].find(e)).min().map_or(close, |r| open + r);
            format!("{}{CENTRED}{}", &p[..at], &p[at..])
        }
        _ => {
            let at = p.find('>').map_or(p.len(), |i| i + 1);
            format!("{}<w:pPr>{CENTRED}</w:pPr>{}", &p[..at], &p[at..])
        }
    }
}

/// An attribute's value in an element's XML.
fn attr_of(element: &str, name: &str) -> Option<String> {
    element.split(&format!(" {name}=\"")).nth(1).and_then(|v| v.split('"').next()).map(str::to_string)
}

/// The parts (`word/footer1.xml`) the document's relationships of `kind` ("header",
/// "footer") name, or only those with the given ids.
fn targets_of(rels: &str, kind: &str, ids: Option<&[String]>) -> Vec<String> {
    let rel = Regex::new(r"<Relationship\s[^>]*>").unwrap();
    let suffix = format!("/relationships/{kind}\"");
    rel.find_iter(rels)
        .map(|m| m.as_str())
        .filter(|r| r.contains(&suffix))
        .filter(|r| ids.is_none_or(|ids| attr_of(r, "Id").is_some_and(|id| ids.contains(&id))))
        .filter_map(|r| attr_of(r, "Target"))
        .map(|t| format!("word/{}", t.trim_start_matches('/').trim_start_matches("word/")))
        .collect()
}

/// The parts (`word/header1.xml`) of the default headers (`kind` "header") or
/// footers the document's sections show.
fn defaults_of(document: &str, rels: &str, kind: &str) -> Vec<String> {
    let reference = Regex::new(&format!(r"<w:{kind}Reference\s[^>]*>")).unwrap();
    let ids: Vec<String> = reference
        .find_iter(document)
        .filter(|m| attr_of(m.as_str(), "w:type").is_none_or(|t| t == "default"))
        .filter_map(|m| attr_of(m.as_str(), "r:id"))
        .collect();
    targets_of(rels, kind, Some(&ids))
}

fn tw(mm: f32) -> i64 {
    (mm * 56.692_9).round() as i64
}

/// `name="…"` set to `value` inside the first `tag` element.
/// Sets an attribute on every `<tag …>` element (every section's page).
fn set_attr(xml: &str, tag: &str, name: &str, value: &str) -> String {
    let re = Regex::new(&format!(r#"{}="[^"]*""#, regex::escape(name))).unwrap();
    let open = Regex::new(&format!(r"<{}[\s/>]", regex::escape(tag))).unwrap();
    let mut out = String::with_capacity(xml.len() + 32);
    let mut rest = xml;
    while let Some(m) = open.find(rest) {
        let start = m.start();
        let end = start + rest[start..].find('>').unwrap_or(0);
        // Up to the closing "/" of an empty element, where a new attribute goes.
        let body_end = if rest[..end].ends_with('/') { end - 1 } else { end };
        let element = rest[start..body_end].trim_end();
        let new = if re.is_match(element) {
            re.replace(element, format!(r#"{name}="{value}""#).as_str()).into_owned()
        } else {
            format!(r#"{element} {name}="{value}""#)
        };
        out.push_str(&rest[..start]);
        out.push_str(&new);
        rest = &rest[body_end..];
    }
    out.push_str(rest);
    out
}

/// The children of `w:sectPr` in the schema's order: an element goes before
/// the first one that must follow it.
const SECTION_ORDER: [&str; 22] = [
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
];

/// Puts `element` (`<w:pgSz …/>`) into every section that lacks one, at its
/// place in the schema's order; an empty `<w:sectPr/>` is opened for it.
fn ensure_in_sections(xml: &str, name: &str, element: &str) -> String {
    let later: Vec<String> =
        SECTION_ORDER.iter().skip_while(|n| **n != name).skip(1).map(|n| format!("<w:{n}")).collect();
    let section = Regex::new(r"<w:sectPr(?:\s[^>]*?)?(?:/>|>(?s:.*?)</w:sectPr>)").unwrap();
    section
        .replace_all(xml, |c: &regex::Captures| {
            let s = &c[0];
            if s.contains(&format!("<w:{name}")) {
                return s.to_string();
            }
            if let Some(open) = s.strip_suffix("/>") {
                return format!("{}>{element}</w:sectPr>", open.trim_end());
            }
            let at = later.iter().filter_map(|l| s.find(l.as_str())).min().unwrap_or(s.len() - "</w:sectPr>".len());
            format!("{}{element}{}", &s[..at], &s[at..])
        })
        .into_owned()
}

/// Each `w:sectPr` of the document rewritten by `f`, given the section's own
/// properties and the content since the previous section's.
fn for_sections(xml: &str, mut f: impl FnMut(&str, &str) -> String) -> String {
    let section = Regex::new(r"<w:sectPr(?:\s[^>]*?)?(?:/>|>(?s:.*?)</w:sectPr>)").unwrap();
    let mut out = String::with_capacity(xml.len() + 64);
    let mut last = 0;
    for m in section.find_iter(xml) {
        out.push_str(&xml[last..m.start()]);
        out.push_str(&f(m.as_str(), &xml[last..m.start()]));
        last = m.end();
    }
    out.push_str(&xml[last..]);
    out
}

/// A section laid out wider than tall.
fn landscape(section: &str) -> bool {
    let size = |name: &str| {
        let at = section.find("<w:pgSz")?;
        let element = &section[at..at + section[at..].find('>')?];
        let value = element.split(&format!(" {name}=\"")).nth(1)?;
        value.split('"').next()?.parse::<i64>().ok()
    };
    matches!((size("w:w"), size("w:h")), (Some(w), Some(h)) if w > h)
}

fn has_table(content: &str) -> bool {
    content.contains("<w:tbl>") || content.contains("<w:tbl ")
}

/// "ngày 3 tháng 04" → "ngày 03 tháng 4": NĐ 30's leading zeros.
fn date_fixed(text: &str) -> String {
    let re = Regex::new(r"ngày(\s*)(\d{1,2})(\s*)tháng(\s*)(\d{1,2})").unwrap();
    re.replace_all(text, |c: &regex::Captures| {
        let (d, m): (u32, u32) = (c[2].parse().unwrap_or(0), c[5].parse().unwrap_or(0));
        let day = format!("{d:02}");
        let month = if m <= 2 { format!("{m:02}") } else { m.to_string() };
        format!("ngày{}{day}{}tháng{}{month}", &c[1], &c[3], &c[4])
    })
    .into_owned()
}

/// The corrected copy and what was changed; the findings no fix applies to stay.
pub fn fix(docx: &[u8], findings: &[Finding]) -> Result<(Vec<u8>, Vec<Msg>), Refused> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).map_err(|_| Refused::NotDocx)?;
    if zip.file_names().any(|n| n.starts_with("_xmlsignatures/")) {
        return Err(Refused::Signed);
    }
    let has = |rule: &str| findings.iter().any(|x| x.rule == rule);
    // Page 1 loses its number by "different first page" only if its own header has none.
    let first_numbered =
        super::docx::read(docx).is_some_and(|s| s.headers.iter().any(|(kind, h)| kind == "first" && h.page_field));
    let mut changed: Vec<Msg> = Vec::new();
    // A page number in the footer goes to the header, centred (Phụ lục I, I.6): its
    // paragraph from the first footer holding one, into each default header, or into a
    // header made for it when the document has none.
    let mut read = |name: &str| -> Option<String> {
        let mut s = String::new();
        zip.by_name(name).ok()?.take(64 << 20).read_to_string(&mut s).ok()?;
        Some(s)
    };
    let numbered_header = super::docx::read(docx).is_some_and(|s| s.headers.iter().any(|(_, h)| h.page_field));
    let (document, rels) = (read("word/document.xml").unwrap_or_default(), read("word/_rels/document.xml.rels"));
    // From the default footers only (a first page's number is another finding); a
    // paragraph that links to the footer's own parts (a picture) stays where it is.
    let footers = rels.as_deref().map_or_else(Vec::new, |r| defaults_of(&document, r, "footer"));
    let headers = rels.as_deref().map_or_else(Vec::new, |r| defaults_of(&document, r, "header"));
    // Where the number goes must be sure before a footer loses it: each default header
    // can take it, or the document has sections to reference a new one.
    let placeable = if headers.is_empty() {
        rels.is_some() && document.contains("<w:sectPr")
    } else {
        headers.iter().all(|h| read(h).is_some_and(|x| x.contains("<w:hdr")))
    };
    let moved: Option<(String, String)> = (has(rules::PAGE_NUMBER_POSITION) && !numbered_header && placeable)
        .then(|| footers.iter().find_map(|f| read(f).and_then(|x| page_paragraph(&x).map(|r| (x[r].to_string(), x)))))
        .flatten()
        .filter(|(paragraph, _)| !paragraph.contains("r:embed") && !paragraph.contains("r:id="))
        .map(|(paragraph, footer)| {
            // The footer's own root tag, with its namespaces, for a header made anew.
            let root = footer.find("<w:ftr").and_then(|s| footer[s..].find('>').map(|e| footer[s..s + e].to_string()));
            let root = root.unwrap_or_else(|| "<w:ftr".into()).replacen("<w:ftr", "<w:hdr", 1);
            let root = if root.contains("xmlns:w=") {
                root
            } else {
                format!(r#"{root} xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#)
            };
            (centred(&paragraph), root)
        });
    let new_header = moved.is_some() && headers.is_empty();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).map_err(|_| Refused::NotDocx)?;
        let name = file.name().to_string();
        let mut bytes = Vec::new();
        file.by_ref().take(64 << 20).read_to_end(&mut bytes).map_err(|_| Refused::NotDocx)?;
        let mut text = match String::from_utf8(bytes.clone()) {
            Ok(t) if name.ends_with(".xml") || name.ends_with(".rels") => t,
            _ => {
                out.start_file(name, options).map_err(|_| Refused::NotDocx)?;
                out.write_all(&bytes).map_err(|_| Refused::NotDocx)?;
                continue;
            }
        };
        if let Some((paragraph, _)) = &moved {
            if footers.contains(&name) {
                if let Some(r) = page_paragraph(&text) {
                    text = format!("{}<w:p/>{}", &text[..r.start], &text[r.end..]);
                }
            } else if headers.contains(&name) {
                let at = text.find("<w:hdr").and_then(|s| text[s..].find('>').map(|e| s + e + 1));
                if let Some(at) = at {
                    text = format!("{}{paragraph}{}", &text[..at], &text[at..]);
                    changed.push(Msg::new("fix.page-number-moved").arg("part", &name));
                }
            }
        }
        if new_header {
            if name == "word/_rels/document.xml.rels" {
                let rel = format!(
                    r#"<Relationship Id="{NEW_HEADER_ID}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="{}"/></Relationships>"#,
                    NEW_HEADER.trim_start_matches("word/")
                );
                text = text.replacen("</Relationships>", &rel, 1);
            } else if name == "[Content_Types].xml" {
                let over = format!(
                    r#"<Override PartName="/{NEW_HEADER}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>"#
                );
                text = text.replacen("</Types>", &over, 1);
            } else if name == "word/document.xml" {
                // First among the section's properties, as the schema orders them.
                let reference = format!(r#"<w:headerReference w:type="default" r:id="{NEW_HEADER_ID}"/>"#);
                text = for_sections(&text, |section, _| match section.strip_suffix("/>") {
                    Some(open) => format!("{}>{reference}</w:sectPr>", open.trim_end()),
                    None => {
                        let at = section.find('>').map_or(section.len(), |i| i + 1);
                        format!("{}{reference}{}", &section[..at], &section[at..])
                    }
                });
            }
        }
        if name == "word/document.xml" {
            if has(rules::PAPER) || has(rules::PORTRAIT) {
                text = ensure_in_sections(&text, "pgSz", r#"<w:pgSz w:w="11906" w:h="16838"/>"#);
                // A4 in every section; a landscape section stays so when it holds a table.
                text = for_sections(&text, |section, content| {
                    let keep = landscape(section) && has_table(content);
                    let (w, h) = if keep { (f::A4_TW.1, f::A4_TW.0) } else { f::A4_TW };
                    let section = set_attr(section, "w:pgSz", "w:w", &w.to_string());
                    let section = set_attr(&section, "w:pgSz", "w:h", &h.to_string());
                    if keep {
                        section
                    } else {
                        section.replace(r#" w:orient="landscape""#, "")
                    }
                });
                changed.push(Msg::new("fix.paper"));
            }
            if [rules::MARGIN_TOP, rules::MARGIN_BOTTOM, rules::MARGIN_LEFT, rules::MARGIN_RIGHT].iter().any(|r| has(r))
            {
                // Every attribute the schema requires; the ones found wrong are set below.
                let (top, bottom, left, right) =
                    (tw(f::TOP_MM.0), tw(f::BOTTOM_MM.0), tw(f::LEFT_MM.0), tw(f::RIGHT_MM.0));
                let margins = format!(
                    r#"<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="720" w:footer="720" w:gutter="0"/>"#
                );
                text = ensure_in_sections(&text, "pgMar", &margins);
            }
            for (rule, attr, range) in [
                (rules::MARGIN_TOP, "w:top", f::TOP_MM),
                (rules::MARGIN_BOTTOM, "w:bottom", f::BOTTOM_MM),
                (rules::MARGIN_LEFT, "w:left", f::LEFT_MM),
                (rules::MARGIN_RIGHT, "w:right", f::RIGHT_MM),
            ] {
                if has(rule) {
                    // The nearest bound the decree allows.
                    let found = findings.iter().find(|x| x.rule == rule).map(|x| x.found.render(crate::diag::Lang::En));
                    let now: f32 = found
                        .as_deref()
                        .and_then(|s| s.trim_end_matches(" mm").replace(',', ".").parse().ok())
                        .unwrap_or(range.0);
                    let mm = now.clamp(range.0, range.1);
                    // The margins of a landscape section (a table's) were turned with it.
                    text = for_sections(&text, |section, _| {
                        if landscape(section) {
                            section.to_string()
                        } else {
                            set_attr(section, "w:pgMar", attr, &tw(mm).to_string())
                        }
                    });
                    changed.push(
                        Msg::new("fix.margin").arg("rule", rule).arg_figure("mm", crate::vi::number::measure(mm)),
                    );
                }
            }
            if has(rules::PAGE_NUMBER_FIRST) && !text.contains("<w:titlePg") && !first_numbered {
                // "Different first page", whose header has no number: page 1 shows none.
                text = ensure_in_sections(&text, "titlePg", "<w:titlePg/>");
                changed.push(Msg::new("fix.first-page"));
            }
            if has(rules::DATE_ZERO) {
                let fixed = date_fixed(&text);
                if fixed != text {
                    text = fixed;
                    changed.push(Msg::new("fix.date"));
                }
            }
        }
        if has(rules::FONT)
            && (name == "word/document.xml" || name == "word/styles.xml" || name.starts_with("word/header"))
        {
            let fixed = FONT_ATTR.replace_all(&text, format!(r#"$1="{}""#, f::FONT).as_str()).into_owned();
            // A theme font wins over a named one: the theme's go, and the name is written.
            let fixed = THEME_ATTR.replace_all(&fixed, "").into_owned();
            let fixed = UNNAMED_FONTS
                .replace_all(&fixed, format!(r#"<w:rFonts w:ascii="{0}" w:hAnsi="{0}"$1"#, f::FONT).as_str())
                .into_owned();
            if fixed != text {
                text = fixed;
                changed.push(Msg::new("fix.font").arg("part", &name));
            }
        }
        if has(rules::PAGE_NUMBER_POSITION) && name.starts_with("word/header") && moved.is_none() {
            // The page number's own paragraph centred, nothing else of the header.
            if let Some(r) = page_paragraph(&text) {
                let fixed = format!("{}{}{}", &text[..r.start], centred(&text[r.clone()]), &text[r.end..]);
                if fixed != text {
                    text = fixed;
                    changed.push(Msg::new("fix.page-number").arg("part", &name));
                }
            }
        }
        out.start_file(name, options).map_err(|_| Refused::NotDocx)?;
        out.write_all(text.as_bytes()).map_err(|_| Refused::NotDocx)?;
    }
    if let (true, Some((paragraph, root))) = (new_header, &moved) {
        let xml = format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{root}>{paragraph}</w:hdr>"#);
        out.start_file(NEW_HEADER, options).map_err(|_| Refused::NotDocx)?;
        out.write_all(xml.as_bytes()).map_err(|_| Refused::NotDocx)?;
        changed.push(Msg::new("fix.page-number-moved").arg("part", NEW_HEADER));
    }
    changed.dedup();
    let bytes = out.finish().map_err(|_| Refused::NotDocx)?.into_inner();
    Ok((bytes, changed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_setup_goes_into_every_section_in_schema_order() {
        let empty = r#"<w:body><w:p/><w:sectPr /></w:body>"#;
        let a4 = ensure_in_sections(empty, "pgSz", r#"<w:pgSz w:w="1" w:h="2"/>"#);
        assert_eq!(a4, r#"<w:body><w:p/><w:sectPr><w:pgSz w:w="1" w:h="2"/></w:sectPr></w:body>"#);
        let full =
            r#"<w:sectPr w:rsidR="1"><w:headerReference r:id="a"/><w:pgSz w:w="1"/><w:cols/><w:docGrid/></w:sectPr>"#;
        let with = ensure_in_sections(full, "pgMar", "<w:pgMar/>");
        assert_eq!(
            with,
            r#"<w:sectPr w:rsidR="1"><w:headerReference r:id="a"/><w:pgSz w:w="1"/><w:pgMar/><w:cols/><w:docGrid/></w:sectPr>"#
        );
        let first = ensure_in_sections(full, "titlePg", "<w:titlePg/>");
        assert!(first.contains("<w:cols/><w:titlePg/><w:docGrid/>"), "{first}");
        assert_eq!(ensure_in_sections(&with, "pgMar", "<w:pgMar/>"), with, "once");
        // Both sections' pages.
        let two = r#"<w:pgSz w:w="1"/><w:pgSz w:w="2" w:h="3"/>"#;
        assert_eq!(set_attr(two, "w:pgSz", "w:h", "9"), r#"<w:pgSz w:w="1" w:h="9"/><w:pgSz w:w="2" w:h="9"/>"#);
    }

    #[test]
    fn dates_get_the_decree_s_zeros() {
        assert_eq!(date_fixed("Sơn La, ngày 3 tháng 04 năm 2023"), "Sơn La, ngày 03 tháng 4 năm 2023");
        assert_eq!(date_fixed("ngày 15 tháng 1 năm 2024"), "ngày 15 tháng 01 năm 2024");
        assert_eq!(
            set_attr(r#"<w:pgMar w:top="1" w:left="2"/>"#, "w:pgMar", "w:left", "1701"),
            r#"<w:pgMar w:top="1" w:left="1701"/>"#
        );
    }
}
