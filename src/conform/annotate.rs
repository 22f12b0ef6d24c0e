//! A copy of a checked DOCX with a Word comment (author "kehoach") at each
//! finding, so the văn thư sees them in Word itself. The original is untouched:
//! the parts are copied, and only document.xml, the comments part, the
//! relationships and the content types of the copy change.

use std::io::{Read, Write};

use super::Finding;
use crate::diag::Lang;

const COMMENTS_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const COMMENTS_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// Comment ids kehoach adds start here, clear of a document's own comments.
const FIRST_ID: usize = 9000;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Byte offsets of the paragraphs' start tags that have content (not `<w:p/>`),
/// in document order: paragraph N of a finding is the N-th.
fn paragraph_starts(xml: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(found) = xml[at..].find("<w:p") {
        let start = at + found;
        let rest = &xml[start + 4..];
        at = start + 4;
        if !(rest.starts_with('>') || rest.starts_with(' ')) {
            continue;
        }
        let Some(close) = xml[start..].find('>') else { break };
        let end = start + close + 1;
        if !xml[..end].ends_with("/>") {
            out.push((start, end));
        }
    }
    out
}

/// document.xml with a comment range around each finding's paragraph.
fn anchor(xml: &str, findings: &[(usize, &Finding)]) -> String {
    let starts = paragraph_starts(xml);
    // Insertions (offset, text), applied from the end so offsets stay valid.
    let mut inserts: Vec<(usize, String)> = Vec::new();
    for (id, f) in findings {
        let n = f.paragraph.unwrap_or(1).max(1) - 1;
        let Some(&(_, open_end)) = starts.get(n).or(starts.first()) else { continue };
        // After the paragraph's properties (they come first), before its end.
        let body_start = match xml[open_end..].find("</w:pPr>") {
            Some(p) if xml[open_end..open_end + p].find("</w:p>").is_none() => open_end + p + "</w:pPr>".len(),
            _ => open_end,
        };
        let Some(close) = xml[open_end..].find("</w:p>").map(|c| open_end + c) else { continue };
        inserts.push((body_start, format!(r#"<w:commentRangeStart w:id="{id}"/>"#)));
        inserts
            .push((close, format!(r#"<w:commentRangeEnd w:id="{id}"/><w:r><w:commentReference w:id="{id}"/></w:r>"#)));
    }
    inserts.sort_by_key(|i| std::cmp::Reverse(i.0));
    let mut out = xml.to_string();
    for (at, text) in inserts {
        out.insert_str(at, &text);
    }
    out
}

fn comment(id: usize, f: &Finding, lang: Lang) -> String {
    let text = escape(&format!("{}: {}", f.rule, f.message(lang)));
    format!(
        r#"<w:comment w:id="{id}" w:author="kehoach" w:initials="KH"><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:comment>"#
    )
}

/// The annotated copy's bytes; None if `docx` is not a readable DOCX.
pub fn annotate(docx: &[u8], findings: &[Finding], lang: Lang) -> Option<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).ok()?;
    let numbered: Vec<(usize, &Finding)> = findings.iter().enumerate().map(|(k, f)| (FIRST_ID + k, f)).collect();
    let comments: String = numbered.iter().map(|(id, f)| comment(*id, f, lang)).collect();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let (mut has_comments, mut has_type) = (false, false);
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).ok()?;
        let name = file.name().to_string();
        let mut bytes = Vec::new();
        file.by_ref().take(64 << 20).read_to_end(&mut bytes).ok()?;
        let text = || String::from_utf8(bytes.clone()).ok();
        let replaced = match name.as_str() {
            "word/document.xml" => Some(anchor(&text()?, &numbered)),
            "word/comments.xml" => {
                has_comments = true;
                let t = text()?;
                Some(match t.rfind("</w:comments>") {
                    Some(at) => format!("{}{comments}{}", &t[..at], &t[at..]),
                    None => t,
                })
            }
            "[Content_Types].xml" => {
                let t = text()?;
                has_type = t.contains("/word/comments.xml");
                Some(t)
            }
            _ => None,
        };
        out.start_file(name, options).ok()?;
        out.write_all(replaced.as_deref().map_or(&bytes[..], str::as_bytes)).ok()?;
    }
    // A document without comments gets the part, its relationship and its type.
    let mut out = out.finish().ok()?.into_inner();
    if !has_comments {
        out = add_comments_part(&out, &comments, has_type)?;
    }
    Some(out)
}

/// Adds word/comments.xml with its relationship and content type.
fn add_comments_part(docx: &[u8], comments: &str, has_type: bool) -> Option<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).ok()?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).ok()?;
        let name = file.name().to_string();
        let mut bytes = Vec::new();
        file.by_ref().take(64 << 20).read_to_end(&mut bytes).ok()?;
        let text = String::from_utf8(bytes.clone()).ok();
        let replaced = match (name.as_str(), text) {
            ("[Content_Types].xml", Some(t)) if !has_type => t.rfind("</Types>").map(|at| {
                format!(
                    r#"{}<Override PartName="/word/comments.xml" ContentType="{COMMENTS_TYPE}"/>{}"#,
                    &t[..at],
                    &t[at..]
                )
            }),
            ("word/_rels/document.xml.rels", Some(t)) => t.rfind("</Relationships>").map(|at| {
                format!(
                    r#"{}<Relationship Id="rIdKehoachComments" Type="{COMMENTS_REL}" Target="comments.xml"/>{}"#,
                    &t[..at],
                    &t[at..]
                )
            }),
            _ => None,
        };
        out.start_file(name, options).ok()?;
        out.write_all(replaced.as_deref().map_or(&bytes[..], str::as_bytes)).ok()?;
    }
    out.start_file("word/comments.xml", options).ok()?;
    let part = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{W}">{comments}</w:comments>"#
    );
    out.write_all(part.as_bytes()).ok()?;
    Some(out.finish().ok()?.into_inner())
}
