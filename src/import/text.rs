//! Plain text as legal websites publish it: one paragraph per line or per block,
//! sometimes hard-wrapped, sometimes with Markdown heading marks.

mod layout;

use super::paragraph::{dash_bullet, is_bullet, Paragraph};
use super::{ImportError, NOTE_CLOSE, NOTE_OPEN};

/// UTF-8 (a BOM allowed) or UTF-16 with its BOM; a legacy Vietnamese encoding is named.
pub fn decode(bytes: &[u8]) -> Result<String, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    if let Some(s) = crate::vi::encoding::utf16(bytes) {
        return Ok(s);
    }
    match crate::vi::encoding::guess(bytes) {
        Some(legacy) => Err(ImportError::LegacyEncoding(legacy.name())),
        None => Err(ImportError::NotUtf8),
    }
}

/// Does a line open a new paragraph whatever came before it?
fn starts_item(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with(['-', '+', '*', '–', '#']) || t.starts_with(is_bullet) {
        return true;
    }
    let head: String = t.chars().take(8).collect();
    let lead = head.split([' ', '.', ')']).next().unwrap_or("");
    let numbered = !lead.is_empty()
        && (lead.chars().all(|c| c.is_ascii_digit())
            || (lead.chars().count() == 1 && lead.chars().all(char::is_alphabetic))
            || lead.chars().all(|c| "IVXL".contains(c)));
    // "1. Mục tiêu", "a) …", but not "1.000 trẻ em" at the start of a wrapped line.
    let mark = &t[lead.len()..];
    (numbered && mark.starts_with(['.', ')']) && !mark[1..].starts_with(|c: char| c.is_ascii_digit()))
        || ["Điều ", "Chương ", "Phần ", "Mục ", "Nơi nhận", "Kính gửi", "Số:"].iter().any(|p| t.starts_with(p))
}

/// A page converted to Markdown marks bold and italics: "**KT. CHỦ TỊCH**", "*DS*".
fn strip_emphasis(line: &str) -> String {
    let mut s = line.replace("**", "");
    if s.len() > 2 && s.starts_with('*') && s.ends_with('*') {
        s = s[1..s.len() - 1].to_string();
    }
    s.trim().to_string()
}

/// The width a hard-wrapped file was wrapped at, if it was.
fn wrap_width(lines: &[&str]) -> Option<usize> {
    let lengths: Vec<usize> = lines.iter().map(|l| l.trim_end().chars().count()).filter(|n| *n >= 20).collect();
    if lengths.len() < 5 {
        return None;
    }
    let max = *lengths.iter().max()?;
    if max > 120 {
        return None;
    }
    let near = lengths.iter().filter(|n| **n + 20 >= max).count();
    (near * 5 >= lengths.len() * 2).then_some(max)
}

/// Footnotes as websites print them: "[1] …" paragraphs at the end, "[1]" in the
/// text. Each becomes a footnote (moved after the body, as in a DOCX) and its mark
/// a reference, so neither is lost nor read as a website's text. A Word file
/// pasted from a website carries them too.
pub fn footnotes(mut paras: Vec<Paragraph>) -> Vec<Paragraph> {
    let mut notes = Vec::new();
    let mut k = paras.len();
    while k > 0 {
        k -= 1;
        let Some(rest) = paras[k].text.strip_prefix('[') else { continue };
        let Some((id, text)) = rest.split_once(']') else { continue };
        let (id, text) = (id.to_string(), text.to_string());
        if id.is_empty() || id.len() > 3 || !id.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let mark = format!("[{id}]");
        let Some(at) = paras[..k].iter().position(|p| p.text.contains(&mark)) else { continue };
        paras[at].text = paras[at].text.replacen(&mark, &format!("{NOTE_OPEN}{id}{NOTE_CLOSE}"), 1);
        let mut note = paras.remove(k);
        note.text = format!("{NOTE_OPEN}{id}{NOTE_CLOSE}{}", text.trim());
        note.footnote = true;
        notes.push(note);
    }
    notes.reverse();
    paras.extend(notes);
    paras
}

/// A header or a signature block copied from Word's table into a text file: the
/// two cells on a line are set apart by a tab ("UBND TỈNH X<TAB>CỘNG HÒA …",
/// "Nơi nhận:<TAB>KT. GIÁM ĐỐC"). Their lines are set out in two columns of spaces,
/// so they read as the columns they were; a tab elsewhere (a table's row) stays.
fn tab_columns_as_spaces(text: &str) -> std::borrow::Cow<'_, str> {
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let tabbed = |l: &str| l.contains('\t');
    // The header's lines, from the top; Nơi nhận's, until the signer's name.
    let header = lines.iter().take_while(|l| l.trim().is_empty() || tabbed(l)).count();
    let mut blocks: Vec<std::ops::Range<usize>> = Vec::new();
    blocks.push(0..header);
    if let Some(start) = lines.iter().position(|l| l.starts_with("Nơi nhận") && tabbed(l)) {
        let len = lines[start..].iter().take_while(|l| tabbed(l) || l.starts_with(['-', '+'])).count();
        blocks.push(start..start + len);
    }
    blocks.retain(|r| lines[r.clone()].iter().filter(|l| tabbed(l)).count() >= 2);
    if blocks.is_empty() {
        return text.into();
    }
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    for block in blocks {
        let width = lines[block.clone()].iter().map(|l| l.split('\t').next().unwrap_or("").chars().count()).max();
        let column = width.unwrap_or(0) + 6;
        for k in block {
            if let Some((left, right)) = lines[k].split_once('\t') {
                let pad = column - left.chars().count();
                out[k] = format!("{left}{}{}", " ".repeat(pad), right.replace('\t', " ").trim());
            }
        }
    }
    out.join("\n").into()
}

/// Paragraphs of a text file, with their line numbers.
pub fn read(text: &str) -> Vec<Paragraph> {
    let text = &tab_columns_as_spaces(text);
    let mut paras = if layout::is_laid_out(text) { layout::read(text) } else { read_lines(text) };
    for p in &mut paras {
        p.text = dash_bullet(&p.text);
    }
    footnotes(paras)
}

fn read_lines(text: &str) -> Vec<Paragraph> {
    let lines: Vec<&str> = text.lines().collect();
    let width = wrap_width(&lines);
    let mut out: Vec<Paragraph> = Vec::new();
    let mut joinable = false;
    for (n, raw) in lines.iter().enumerate() {
        let line = raw.trim_end_matches('\r');
        let trimmed = line.trim();
        if trimmed.is_empty() {
            joinable = false;
            continue;
        }
        // "## KẾ HOẠCH": Markdown heading marks of a converted page.
        let hashes = trimmed.chars().take_while(|c| *c == '#').count();
        let (content, heading) = if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
            (trimmed[hashes..].trim(), Some(hashes as u8))
        } else {
            (trimmed, None)
        };
        let content = &strip_emphasis(content);
        // A decision's preamble: "…năm 2016;" / "Theo đề nghị …" are two paragraphs.
        let next_basis = |last: &Paragraph| {
            last.text.chars().next_back().filter(|c| matches!(c, ';' | '.')).is_some_and(|end| {
                content.starts_with(char::is_uppercase) && super::paragraph::opens_preamble_line(content, end)
            })
        };
        if joinable && heading.is_none() && !starts_item(content) {
            if let Some(last) = out.last_mut().filter(|last| !next_basis(last)) {
                last.text = super::paragraph::clean(&format!("{} {content}", last.text));
                joinable = width.is_some_and(|w| line.chars().count() + 25 >= w);
                continue;
            }
        }
        let mut p = Paragraph::new(content);
        p.heading = heading;
        p.line = Some(n + 1);
        joinable = width.is_some_and(|w| line.chars().count() + 25 >= w);
        if !p.text.is_empty() {
            out.push(p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_paragraphs_unless_the_file_is_hard_wrapped() {
        let p = read("ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\n\nSố: 93/KH-UBND\n");
        assert_eq!(
            p.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(),
            ["ỦY BAN NHÂN DÂN", "TỈNH SƠN LA", "Số: 93/KH-UBND"]
        );
        assert_eq!(p[2].line, Some(4));
        let para = "Thực hiện Công văn số 636/LĐTBXH-TE ngày 28/02/2023 của Bộ Lao động - Thương binh và Xã hội về hướng dẫn thực hiện công tác trẻ em năm 2023 và căn cứ Thông tư số 13/2021/TT-BLĐTBXH ngày 30/9/2021 của Bộ Lao động - Thương binh và Xã hội ban hành Bộ chỉ tiêu thống kê về tình hình trẻ em";
        let mut wrapped = String::new();
        let mut line = String::new();
        for w in para.split(' ').chain(para.split(' ')) {
            if line.chars().count() + w.chars().count() > 72 {
                wrapped.push_str(line.trim());
                wrapped.push('\n');
                line.clear();
            }
            line.push_str(w);
            line.push(' ');
        }
        wrapped.push_str(line.trim());
        let text = format!("{wrapped}\n- Một dòng mới\n");
        let p = read(&text);
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(p[0].text, format!("{para} {para}"));
    }

    #[test]
    fn markdown_heading_marks_are_hints() {
        let p = read("## KẾ HOẠCH\n#### I. MỤC TIÊU\n");
        assert_eq!((p[0].text.as_str(), p[0].heading), ("KẾ HOẠCH", Some(2)));
    }
}
