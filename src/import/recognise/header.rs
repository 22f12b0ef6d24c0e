//! The first-page frame: issuer, quốc hiệu, số/ký hiệu, place and date, kind and trích yếu.

use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

use super::Val;

/// Kinds of document a plan importer meets, as their title line prints them.
pub const KINDS: [(&str, &str); 6] = [
    ("KẾ HOẠCH", "ke-hoach"),
    ("QUYẾT ĐỊNH", "quyet-dinh"),
    ("CHƯƠNG TRÌNH", "chuong-trinh"),
    ("PHƯƠNG ÁN", "phuong-an"),
    ("ĐỀ ÁN", "de-an"),
    ("HƯỚNG DẪN", "huong-dan"),
];

/// "KẾ HOẠCH" on its own line (also "K Ế H O Ạ C H" spaced out by a designer).
pub fn kind_of(text: &str) -> Option<&'static str> {
    if !is_capitals(text) {
        return None;
    }
    kind_in_any_case(text)
}

/// "Kế hoạch", "Kế Hoạch": a kind's name alone on its line in any case (a title
/// miswritten, which the NĐ 30 check flags; only a centred line outside a table is taken).
pub fn kind_in_any_case(text: &str) -> Option<&'static str> {
    // Diacritics aside: an OCR'd or retyped text may have lost them ("KE HOACH").
    let squeezed: String = crate::import::fold(text).chars().filter(|c| !c.is_whitespace()).collect();
    KINDS.iter().find(|(name, _)| crate::import::fold(&name.replace(' ', "")) == squeezed).map(|(_, k)| *k)
}

pub fn is_kind_line(text: &str) -> bool {
    kind_of(text).is_some()
}

/// "DỰ THẢO", the mark of a draft.
pub fn is_draft_mark(text: &str) -> bool {
    crate::import::fold(text).trim() == "du thao"
}

pub fn is_motto(text: &str) -> bool {
    let t = crate::import::paragraph::fold(text);
    t.starts_with("cong hoa xa hoi chu nghia")
        || t.starts_with("doc lap - tu do")
        || t.starts_with("doc lap – tu do")
        // The national name wrapped in its cell: "VIỆT NAM" on a line of its own.
        || t.trim() == "viet nam"
}

/// A rule drawn with characters: "-------", "_____".
pub fn is_rule(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.chars().all(|c| matches!(c, '-' | '_' | '–' | '—' | '=' | '*' | ' ' | '.'))
}

/// "Số: 93/KH-UBND"; also as clerks miswrite it ("số: 93/…", "93/2023/KH-UBND" with a
/// year or without "Số:"), which the NĐ 30 check then flags: the number is still the number.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:Số|So|SỐ|SO|số)\s*:?\s*(\d*)|(\d+))\s*/\s*(?:(?:19|20)\d\d\s*/\s*)?([\p{L}\d][\p{L}\d&.\- ]*?)\s*$",
    )
    .unwrap()
});

/// A header line that holds both columns, as a PDF's text may set them a single
/// space apart: split where the right column's fixed words start (the national
/// name, the motto, the place and date after "Số: …").
static SIDE_BY_SIDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?P<left>\S.*?)\s+(?P<right>
            CỘNG\ H(?:ÒA|OÀ)\ XÃ\ HỘI\ CHỦ\ NGHĨA\ VIỆT\ NAM.*
            | Độc\ lập\s*[-–—]\s*Tự\ do\s*[-–—]\s*Hạnh\ phúc.*
            | \p{Lu}[^,]{0,40},\s+ngày\b.*)$",
    )
    .expect("a valid pattern")
});

pub fn side_by_side(text: &str) -> Option<(&str, &str)> {
    let c = SIDE_BY_SIDE.captures(text)?;
    let (left, right) = (c.name("left")?.as_str().trim_end(), c.name("right")?.as_str());
    // A date goes right of the number only: "Số: 93/KH-UBND Sơn La, ngày …".
    let date = !right.starts_with("CỘNG") && !right.starts_with("Độc");
    (!date || left.starts_with("Số")).then_some((left, right))
}

/// "Số: 93/KH-UBND" → (93, "KH-UBND"); a blank number stays None.
pub fn number_line(text: &str) -> Option<(Option<u32>, String)> {
    let c = NUMBER.captures(text.trim())?;
    let code = c[3].replace(' ', "");
    // A bare "45/KH-UBND" is a number line only with a code's hyphen ("45/2023" is a date's end).
    if c.get(2).is_some() && !code.contains('-') {
        return None;
    }
    let number = c.get(1).or(c.get(2)).and_then(|n| n.as_str().parse().ok());
    Some((number, code))
}

/// "Sơn La, ngày 03 tháng 4 năm 2023"; also without its comma, which the NĐ 30 check flags.
static PLACE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<place>[^,]{2,60}?),?\s+ngày\s*(?P<d>\d{0,2})\s*tháng\s*(?P<m>\d{0,2})\s*năm\s*(?P<y>\d{4})?\s*\.?$",
    )
    .unwrap()
});

/// A date as the source writes it, parsed when it is a real day.
#[derive(Clone, Debug)]
pub struct WrittenDate {
    pub written: String,
    pub date: Option<NaiveDate>,
    /// "tháng 04": a leading zero NĐ 30 does not use.
    pub zero_padded: bool,
    /// The year of a date line left blank for the văn thư ("ngày … tháng … năm 2026").
    pub blank_year: Option<i32>,
}

pub fn place_date(text: &str) -> Option<(String, WrittenDate)> {
    let c = PLACE_DATE.captures(text.trim())?;
    let (d, m, y) = (&c["d"], &c["m"], c.name("y").map_or("", |y| y.as_str()));
    if d.is_empty() && m.is_empty() {
        // "ngày … tháng … năm …" of a draft: a place, no date yet.
        let blank = WrittenDate { written: String::new(), date: None, zero_padded: false, blank_year: y.parse().ok() };
        return Some((c["place"].trim().to_string(), blank));
    }
    let date = match (d.parse::<u32>(), m.parse::<u32>(), y.parse::<i32>()) {
        (Ok(d), Ok(m), Ok(y)) => NaiveDate::from_ymd_opt(y, m, d),
        _ => None,
    };
    let zero_padded = m.len() == 2 && m.starts_with('0') && !matches!(m, "01" | "02");
    let written = text.trim().trim_end_matches('.').to_string();
    let written = written.split_once(',').map_or(written.clone(), |(_, rest)| rest.trim().to_string());
    Some((c["place"].trim().to_string(), WrittenDate { written, date, zero_padded, blank_year: None }))
}

/// What the lines before the title say.
#[derive(Default, Debug)]
pub struct Frame {
    /// Issuer lines as printed (capitals), parent body first.
    pub issuer_lines: Vec<(String, usize, bool)>,
    pub number: Option<(Option<u32>, String, usize)>,
    pub place: Option<Val>,
    pub date: Option<(WrittenDate, usize)>,
}

/// Reads the frame from paragraphs `[from, to)`, skipping quốc hiệu and rules.
pub fn frame(paras: &[crate::import::Paragraph], from: usize, to: usize) -> Frame {
    let mut f = Frame::default();
    for (i, p) in paras.iter().enumerate().take(to).skip(from) {
        let t = p.text.as_str();
        if is_motto(t) || is_rule(t) || is_draft_mark(t) {
            continue;
        }
        if let Some((n, code)) = number_line(t) {
            f.number = Some((n, code, i));
        } else if let Some((place, date)) = place_date(t) {
            f.place = Some(Val::new(place, i));
            f.date = Some((date, i));
        } else if is_name_line(t) {
            for line in t.split('\n') {
                f.issuer_lines.push((line.to_string(), i, p.bold));
            }
        }
    }
    f
}

/// A line of an organisation's name in the header: in capitals, or opening a name
/// not written in capitals ("Sở Y tế"), which is still the name; the NĐ 30 check says
/// it should be in capitals, instead of the line above being taken for the issuer.
pub fn is_name_line(text: &str) -> bool {
    is_capitals(text) || (opens_organisation(text) && text.chars().count() < 80)
}

/// Mostly capital letters (a header line, a part title, a signature line).
pub fn is_capitals(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().filter(|c| c.is_uppercase()).count() * 10 >= letters.len() * 9
}

/// A line that opens an organisation's name ("ỦY BAN NHÂN DÂN", "SỞ …", "TỈNH ỦY …").
pub fn opens_organisation(s: &str) -> bool {
    let k = crate::import::paragraph::fold(s);
    [
        "uy ban",
        "ubnd",
        "so ",
        "phong ",
        "ban ",
        "bo ",
        "truong ",
        "trung tam",
        "chi cuc",
        "cuc ",
        "hoi dong",
        "van phong",
        "cong an",
        "tinh uy",
        "huyen uy",
        "dang uy",
        "thanh uy",
    ]
    .iter()
    .any(|p| k.starts_with(p))
}

/// A line that goes on the name above it: "TỈNH SƠN LA" under "ỦY BAN NHÂN DÂN"
/// (a unit of place, not a body of its own such as "TỈNH ỦY").
pub fn continues_name(s: &str) -> bool {
    let k = crate::import::paragraph::fold(s);
    ["tinh ", "thanh pho ", "huyen ", "quan ", "thi xa ", "xa ", "phuong ", "thi tran ", "dac khu "]
        .iter()
        .any(|p| k.strip_prefix(p).is_some_and(|rest| !names_a_body(rest)))
        && !opens_organisation(s)
}

/// The words after a unit of place that make it a body ("tỉnh ủy", "huyện đoàn",
/// "xã đội", "tỉnh hội"), not a place: folded, as `fold` gives them.
fn names_a_body(after_unit: &str) -> bool {
    let next = after_unit.split_whitespace().next().unwrap_or_default();
    matches!(next, "uy" | "doan" | "doi" | "hoi")
}

/// Parent body and issuer from the capital lines: a line that starts an
/// organisation's name ("ỦY BAN NHÂN DÂN", "SỞ …", "PHÒNG …") opens the issuer
/// when a name is already open; bold (where the source shows it) marks the issuer.
pub fn issuer_names(lines: &[(String, usize, bool)]) -> (Option<Val>, Option<Val>) {
    if lines.is_empty() {
        return (None, None);
    }
    let any_bold = lines.iter().any(|l| l.2) && lines.iter().any(|l| !l.2);
    let starts = opens_organisation;
    let mut groups: Vec<Vec<&(String, usize, bool)>> = Vec::new();
    for l in lines {
        let new_group = match groups.last() {
            None => true,
            Some(g) if any_bold => g[0].2 != l.2,
            Some(_) => starts(&l.0),
        };
        if new_group {
            groups.push(vec![l]);
        } else if let Some(g) = groups.last_mut() {
            g.push(l);
        }
    }
    // "ỦY BAN NHÂN DÂN" over "TỈNH SƠN LA" is one name, set in two lines (the first
    // not bold in some offices' templates): a line opening with a unit of place
    // goes on the name above it.
    let mut k = 1;
    while k < groups.len() {
        if continues_name(&groups[k][0].0) {
            let tail = groups.remove(k);
            groups[k - 1].extend(tail);
        } else {
            k += 1;
        }
    }
    let name = |g: &Vec<&(String, usize, bool)>| {
        let text = g.iter().map(|l| l.0.trim()).collect::<Vec<_>>().join(" ");
        Val { text: organisation_case(&text), from: g.iter().map(|l| l.1).collect() }
    };
    match groups.as_slice() {
        [] => (None, None),
        [one] => (None, Some(name(one))),
        [.., parent, issuer] => (Some(name(parent)), Some(name(issuer))),
    }
}

/// Abbreviations written in capitals inside names.
const ABBREVIATIONS: [&str; 10] = ["UBND", "HĐND", "MTTQ", "TW", "TU", "LĐTBXH", "GDĐT", "BCH", "BTV", "TP"];

/// "ỦY BAN NHÂN DÂN TỈNH SƠN LA" → "Ủy ban nhân dân tỉnh Sơn La": the kind of body
/// in sentence case, a place name after "tỉnh", "huyện", "xã" … in title case.
pub fn organisation_case(text: &str) -> String {
    if !is_capitals(text) {
        return text.to_string();
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(' ').collect();
    let originals: Vec<&str> = text.split(' ').collect();
    let places = ["tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "đặc khu"];
    let mut out: Vec<String> = Vec::new();
    let mut title_from: Option<usize> = None;
    for (i, w) in words.iter().enumerate() {
        // A body named after its unit ("tỉnh ủy Sơn La"): the place starts a word later.
        let body = |at: usize| words.get(at).is_some_and(|n| names_a_body(&crate::import::paragraph::fold(n)));
        // "TỈNH SƠN LA" on a line of its own: the place name from the word after.
        if title_from.is_none() && i == 0 && places.contains(w) && words.len() > 1 {
            title_from = Some(if body(1) { 2 } else { 1 });
        } else if title_from.is_none() && i == 0 && *w == "thành" && body(1) {
            // "THÀNH ỦY HÀ NỘI": a city's party committee.
            title_from = Some(2);
        } else if title_from.is_none() && i > 0 {
            let two = if i + 1 < words.len() { format!("{} {}", w, words[i + 1]) } else { String::new() };
            if places.contains(w) && i + 1 < words.len() {
                title_from = Some(if body(i + 1) { i + 2 } else { i + 1 });
            } else if places.contains(&two.as_str()) && i + 2 < words.len() {
                title_from = Some(i + 2);
            }
        }
        let title = title_from.is_some_and(|f| i >= f);
        let original = originals.get(i).copied().unwrap_or("");
        out.push(if ABBREVIATIONS.contains(&original) {
            original.to_string()
        } else if title || i == 0 {
            crate::vi::text::capitalize_first(w)
        } else {
            w.to_string()
        });
    }
    let mut s = out.join(" ");
    // Fixed capitals inside names (Phụ lục III of NĐ 30).
    for (from, to) in [
        ("ủy ban nhân dân", "Ủy ban nhân dân"),
        ("hội đồng nhân dân", "Hội đồng nhân dân"),
        ("mặt trận tổ quốc việt nam", "Mặt trận Tổ quốc Việt Nam"),
        ("đảng cộng sản việt nam", "Đảng Cộng sản Việt Nam"),
        ("hồ chí minh", "Hồ Chí Minh"),
        ("việt nam", "Việt Nam"),
        ("giáo dục và đào tạo", "Giáo dục và Đào tạo"),
        ("lao động - thương binh và xã hội", "Lao động - Thương binh và Xã hội"),
        ("y tế", "Y tế"),
        ("tư pháp", "Tư pháp"),
        ("tài chính", "Tài chính"),
        ("nội vụ", "Nội vụ"),
        ("văn hóa, thể thao và du lịch", "Văn hóa, Thể thao và Du lịch"),
        ("văn hóa - xã hội", "Văn hóa - Xã hội"),
    ] {
        if s.to_lowercase().contains(from) && s.starts_with(|c: char| c.is_uppercase()) {
            let at = s.to_lowercase().find(from).unwrap_or(0);
            if s.is_char_boundary(at) && s.is_char_boundary(at + from.len()) && at > 0 {
                s = format!("{}{}{}", &s[..at], to, &s[at + from.len()..]);
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_frame_lines() {
        assert_eq!(number_line("Số: 15 /KH-PGDĐT"), Some((Some(15), "KH-PGDĐT".into())));
        assert_eq!(number_line("Số:      /KH-UBND"), Some((None, "KH-UBND".into())));
        // As clerks miswrite it: the NĐ 30 check says so; the number is read.
        assert_eq!(number_line("Số: 45/2023/KH-UBND"), Some((Some(45), "KH-UBND".into())));
        assert_eq!(number_line("số: 45/KH-UBND"), Some((Some(45), "KH-UBND".into())));
        assert_eq!(number_line("45/KH-UBND"), Some((Some(45), "KH-UBND".into())));
        assert_eq!(number_line("12/2023"), None);
        let (place, d) = place_date("Sơn La, ngày 03 tháng 04 năm 2023").unwrap();
        assert_eq!(place, "Sơn La");
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2023, 4, 3));
        assert!(d.zero_padded);
        assert!(place_date("Hà Nội, ngày 31 tháng 02 năm 2023").unwrap().1.date.is_none());
        // Without its comma: read (the NĐ 30 check flags the form).
        let (place, d) = place_date("Mai Sơn ngày 03 tháng 4 năm 2023").unwrap();
        assert_eq!((place.as_str(), d.date), ("Mai Sơn", NaiveDate::from_ymd_opt(2023, 4, 3)));
        assert_eq!(kind_of("K Ế  H O Ạ C H"), Some("ke-hoach"));
        assert_eq!(organisation_case("ỦY BAN NHÂN DÂN TỈNH SƠN LA"), "Ủy ban nhân dân tỉnh Sơn La");
        assert_eq!(organisation_case("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"), "Phòng Giáo dục và Đào tạo");
    }

    #[test]
    fn parent_and_issuer() {
        let l = |s: &str, i| (s.to_string(), i, false);
        let (parent, issuer) = issuer_names(&[l("ỦY BAN NHÂN DÂN", 0), l("TỈNH SƠN LA", 1)]);
        assert!(parent.is_none());
        assert_eq!(issuer.unwrap().text, "Ủy ban nhân dân tỉnh Sơn La");
        let (parent, issuer) = issuer_names(&[l("UBND HUYỆN CẨM GIÀNG", 0), l("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", 1)]);
        assert_eq!(parent.unwrap().text, "UBND huyện Cẩm Giàng");
        assert_eq!(issuer.unwrap().text, "Phòng Giáo dục và Đào tạo");
        // The first line not bold, the second bold: still one name, its place in capitals.
        let (parent, issuer) = issuer_names(&[("ỦY BAN NHÂN DÂN".into(), 0, false), ("TỈNH SƠN LA".into(), 1, true)]);
        assert!(parent.is_none());
        assert_eq!(issuer.unwrap().text, "Ủy ban nhân dân tỉnh Sơn La");
        assert_eq!(organisation_case("TỈNH SƠN LA"), "Tỉnh Sơn La");
        // A party committee is a body of its own, not a place.
        let (parent, issuer) =
            issuer_names(&[("ĐẢNG BỘ TỈNH SƠN LA".into(), 0, false), ("TỈNH ỦY SƠN LA".into(), 1, true)]);
        assert!(parent.is_some());
        assert_eq!(issuer.unwrap().text, "Tỉnh ủy Sơn La");
        let (parent, issuer) =
            issuer_names(&[("THÀNH ỦY HÀ NỘI".into(), 0, false), ("QUẬN ỦY BA ĐÌNH".into(), 1, true)]);
        assert_eq!(parent.unwrap().text, "Thành ủy Hà Nội");
        assert_eq!(issuer.unwrap().text, "Quận ủy Ba Đình");
        assert!(!continues_name("HUYỆN ĐOÀN MAI SƠN") && continues_name("HUYỆN MAI SƠN"));
        // The national name wrapped in its cell is no issuer.
        assert!(is_motto("VIỆT NAM"));
    }
}
