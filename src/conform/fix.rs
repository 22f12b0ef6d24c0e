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
static ALIGN: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| Regex::new(r#"<w:jc w:val="[^"]*"/>"#).unwrap());

fn tw(mm: f32) -> i64 {
    (mm * 56.692_9).round() as i64
}

/// `name="…"` set to `value` inside the first `tag` element.
fn set_attr(xml: &str, tag: &str, name: &str, value: &str) -> String {
    let Some(start) = xml.find(&format!("<{tag} ")) else { return xml.to_string() };
    let end = start + xml[start..].find('>').unwrap_or(0);
    let element = &xml[start..end];
    let re = Regex::new(&format!(r#"{}="[^"]*""#, regex::escape(name))).unwrap();
    let new = if re.is_match(element) {
        re.replace(element, format!(r#"{name}="{value}""#).as_str()).into_owned()
    } else {
        format!(r#"{element} {name}="{value}""#)
    };
    format!("{}{new}{}", &xml[..start], &xml[end..])
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
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).map_err(|_| Refused::NotDocx)?;
        let name = file.name().to_string();
        let mut bytes = Vec::new();
        file.by_ref().take(64 << 20).read_to_end(&mut bytes).map_err(|_| Refused::NotDocx)?;
        let mut text = match String::from_utf8(bytes.clone()) {
            Ok(t) if name.ends_with(".xml") => t,
            _ => {
                out.start_file(name, options).map_err(|_| Refused::NotDocx)?;
                out.write_all(&bytes).map_err(|_| Refused::NotDocx)?;
                continue;
            }
        };
        if name == "word/document.xml" {
            if has(rules::PAPER) || has(rules::PORTRAIT) {
                text = set_attr(&text, "w:pgSz", "w:w", &f::A4_TW.0.to_string());
                text = set_attr(&text, "w:pgSz", "w:h", &f::A4_TW.1.to_string());
                text = text.replace(r#" w:orient="landscape""#, "");
                changed.push(Msg::new("fix.paper"));
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
                    text = set_attr(&text, "w:pgMar", attr, &tw(mm).to_string());
                    changed.push(Msg::new("fix.margin").arg("rule", rule).arg("mm", crate::vi::number::measure(mm)));
                }
            }
            if has(rules::PAGE_NUMBER_FIRST) && !text.contains("<w:titlePg") && !first_numbered {
                // "Different first page", whose header has no number: page 1 shows none.
                if let Some(at) = text.rfind("</w:sectPr>") {
                    text.insert_str(at, "<w:titlePg/>");
                    changed.push(Msg::new("fix.first-page"));
                }
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
            if fixed != text {
                text = fixed;
                changed.push(Msg::new("fix.font").arg("part", &name));
            }
        }
        if has(rules::PAGE_NUMBER_POSITION) && name.starts_with("word/header") && text.contains("PAGE") {
            let fixed = ALIGN.replace_all(&text, r#"<w:jc w:val="center"/>"#).into_owned();
            let fixed = if fixed.contains(r#"<w:jc w:val="center"/>"#) {
                fixed
            } else {
                fixed.replace("<w:pPr>", r#"<w:pPr><w:jc w:val="center"/>"#)
            };
            if fixed != text {
                text = fixed;
                changed.push(Msg::new("fix.page-number").arg("part", &name));
            }
        }
        out.start_file(name, options).map_err(|_| Refused::NotDocx)?;
        out.write_all(text.as_bytes()).map_err(|_| Refused::NotDocx)?;
    }
    changed.dedup();
    let bytes = out.finish().map_err(|_| Refused::NotDocx)?.into_inner();
    Ok((bytes, changed))
}

#[cfg(test)]
mod tests {
    use super::*;

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
