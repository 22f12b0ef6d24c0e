//! Rules on the words themselves: Phụ lục III abbreviations in the ký hiệu and
//! the signature, and Phụ lục II capitals in running text.

use std::sync::LazyLock;

use regex::Regex;

use super::{kind_of, rules, v, Checker, Frame, Para};
use crate::diag::Msg;
use crate::vi::text::{capitalize_first, lower_first};

/// The ký hiệu's first group: "KH" in "Số: 12/KH-UBND".
fn first_group(number: &str) -> Option<&str> {
    let code = number.split('/').next_back()?;
    Some(code.split('-').next().unwrap_or("").trim())
}

/// The kind's abbreviation opens the ký hiệu; a công văn has none; TT 01/2011's
/// abbreviations are gone.
pub(super) fn abbreviations(c: &mut Checker, frame: &Frame) {
    let paras = &c.shown.paras;
    let Some(k) = frame.number else { return };
    let number = &paras[k];
    let Some(written) = first_group(&number.text).filter(|w| !w.is_empty()) else { return };
    if let Some((_, new)) = rules::OLD_ABBREVIATIONS.iter().find(|(old, _)| *old == written) {
        c.find(rules::OLD_ABBREVIATION, Some(number), v(*new), v(written.to_string()));
        return;
    }
    match frame.kind.and_then(|i| kind_of(&paras[i].text).map(|k| (i, k))) {
        Some((i, (_, wanted))) if written != *wanted => c.find(
            rules::KIND_ABBREVIATION,
            Some(number),
            v(format!("{wanted} ({})", paras[i].text)),
            v(written.to_string()),
        ),
        Some(_) => {}
        // A công văn ("V/v …" under the number): the issuer opens its ký hiệu.
        None => {
            let letter = paras.iter().skip(k + 1).take(4).any(|p| crate::import::fold(&p.text).starts_with("v/v"));
            if letter && rules::KIND_ABBREVIATIONS.iter().any(|(_, a)| *a == written) {
                c.find(rules::LETTER_NO_KIND, Some(number), Msg::new("conform.letter-code"), v(written.to_string()));
            }
        }
    }
}

/// Quyền hạn written as the decree abbreviates it: "TM.", "KT.", "TL.", "TUQ.", "Q.".
pub(super) fn authority(c: &mut Checker, lines: &[&Para]) {
    // "T/M", "T.M" are wrong whatever follows; "TM" without its dot, or glued to the title.
    static WRONG: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:(T/M|K/T|T/L|T\.M|K\.T|T\.L)|(TM|KT|TL|TUQ|Q)(?:[ /:,]|\.\S))").unwrap());
    for p in lines {
        if let Some(m) = WRONG.captures(&p.text) {
            let written = m.get(1).or(m.get(2)).map_or("", |g| g.as_str());
            let want = match written {
                "T/M" | "T.M" | "TM" => "TM.",
                "K/T" | "K.T" | "KT" => "KT.",
                "T/L" | "T.L" | "TL" => "TL.",
                "TUQ" => "TUQ.",
                _ => "Q.",
            };
            let head: String = p.text.chars().take(12).collect();
            c.find(rules::AUTHORITY_FORM, Some(p), v(want), v(head));
        }
    }
}

/// No academic title or degree before the signer's name.
pub(super) fn signer_name(c: &mut Checker, name: &Para) {
    let first = name.text.split_whitespace().next().unwrap_or("");
    if rules::ACADEMIC_TITLES.contains(&first) || first.ends_with('.') && first.chars().count() <= 8 && first != "Q." {
        c.find(rules::SIGNER_TITLE, Some(name), Msg::new("conform.no-academic-title"), v(name.text.clone()));
    }
}

/// "Ủy ban Nhân dân", "Ủy Ban Nhân Dân": the council's words after its first take no capital.
static COUNCIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(Ủy ban|Uỷ ban|Hội đồng) (Nhân dân|Nhân Dân|nhân Dân)|(Ủy Ban|Uỷ Ban|Hội Đồng) ([Nn]hân [Dd]ân)")
        .unwrap()
});
/// "của Tỉnh Sơn La": a common noun of a unit, capitalised mid-sentence.
static ADMIN_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{Ll}[,]? (Tỉnh|Huyện|Xã|Thị xã|Thị trấn) (\p{Lu}\p{Ll}*(?: \p{Lu}\p{Ll}*)*)").unwrap()
});
/// "theo Khoản 2 Điều 5" (khoản and điểm stay lower case), "điều 5 của Luật" (Điều takes a capital).
static CITATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\p{Ll},? (Khoản|Điểm) (?:\d+|[a-zđ]) )|(?:(?:^|[\s(])(điều) \d+ (?:của )?(?:Luật|Bộ luật|Nghị định|Nghị quyết|Quyết định|Thông tư))").unwrap()
});
/// "kế hoạch số 12/KH-UBND": a named document's kind takes a capital.
static DOCUMENT_KIND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s(])(kế hoạch|quyết định|nghị quyết|nghị định|thông tư|chỉ thị|chương trình|thông báo|hướng dẫn|báo cáo|tờ trình|đề án) số \d").unwrap()
});

/// The field of a body's name at the start of `text`, in any case, as written there
/// and as the decree writes it; it must end a word.
fn field_at(text: &str) -> Option<(&str, &'static str)> {
    rules::AGENCY_FIELDS.iter().find_map(|field| {
        let mut rest = text.char_indices();
        for f in field.chars() {
            let (_, c) = rest.next()?;
            if !(c == f || c.to_lowercase().eq(f.to_lowercase())) {
                return None;
            }
        }
        let end = rest.next().map_or(text.len(), |(i, _)| i);
        text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric()).then(|| (&text[..end], *field))
    })
}

/// Phụ lục II: capitals of bodies' names, administrative units, citations and
/// named documents in the running text.
pub(super) fn capitals(c: &mut Checker, frame: &Frame) {
    let paras = &c.shown.paras;
    let text: Vec<&Para> = paras
        .iter()
        .skip(frame.body_from)
        .filter(|p| !p.text.is_empty() && !crate::import::recognise::header::is_capitals(&p.text))
        .collect();
    // Fields in bodies' names: "Sở Y tế", not "Sở y tế" nor "Sở Y Tế".
    let miswritten = text.iter().find_map(|p| {
        ["Sở ", "Bộ ", "Phòng "].iter().find_map(|body| {
            p.text.match_indices(body).find_map(|(at, _)| {
                let after = at + body.len();
                let (written, field) = field_at(&p.text[after..])?;
                (written != field).then(|| (*p, format!("{body}{written}"), format!("{body}{field}")))
            })
        })
    });
    if let Some((p, written, fixed)) = miswritten {
        c.find(rules::AGENCY_CAPITALS, Some(p), v(fixed), v(written));
    }
    // Every match in the running text: its paragraph and the words its groups caught.
    let hits_of = |re: &Regex| -> Vec<(&Para, String)> {
        text.iter()
            .flat_map(|p| re.captures_iter(&p.text).map(move |m| (*p, m)))
            .map(|(p, m)| (p, m.iter().skip(1).flatten().map(|g| g.as_str()).collect::<Vec<_>>().join(" ")))
            .collect()
    };
    let hits = hits_of(&COUNCIL);
    if let Some((p, w)) = hits.first() {
        let fixed = format!(
            "{} nhân dân",
            capitalize_first(&w.split(' ').take(2).collect::<Vec<_>>().join(" ").to_lowercase())
        );
        c.find(rules::COUNCIL_CASE, Some(p), v(fixed), count(v(w.clone()), hits.len()));
    }
    // "Tỉnh đoàn", "Huyện ủy" are bodies, not units.
    let hits: Vec<(&Para, String)> = hits_of(&ADMIN_UNIT)
        .into_iter()
        .filter(|(_, w)| !["Đoàn", "Ủy", "Uỷ", "Đội", "Hội"].iter().any(|b| w.split(' ').nth(1) == Some(b)))
        .collect();
    if let Some((p, w)) = hits.first() {
        c.find(rules::ADMIN_UNIT_CASE, Some(p), v(lower_first(w)), count(v(w.clone()), hits.len()));
    }
    let hits = hits_of(&CITATION);
    if let Some((p, w)) = hits.first() {
        let fixed = if w.starts_with("điều") { capitalize_first(w) } else { lower_first(w) };
        c.find(rules::CITATION_CASE, Some(p), v(fixed), count(v(w.clone()), hits.len()));
    }
    let hits = hits_of(&DOCUMENT_KIND);
    if let Some((p, w)) = hits.first() {
        c.find(rules::DOCUMENT_KIND_CASE, Some(p), v(capitalize_first(w)), count(v(w.clone()), hits.len()));
    }
}

/// A found value, with how many times it occurs when more than once.
fn count(found: Msg, n: usize) -> Msg {
    if n > 1 {
        Msg::new("conform.times").arg_msg("what", found).arg("n", n)
    } else {
        found
    }
}
