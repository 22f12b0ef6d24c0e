//! Numbers as Vietnamese documents write them: 63,7 and 18.680.000.000.

/// Groups thousands with dots: 18680000000 → "18.680.000.000".
pub fn integer(n: u64) -> String {
    group(&n.to_string())
}

/// A string of digits grouped by thousands with dots.
fn group(digits: &str) -> String {
    group_with(digits, '.')
}

/// A string of digits grouped by thousands with `sep` ("18_680_000_000" in TOML).
pub fn group_with(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A decimal with a comma and grouped thousands, without trailing zeros: 63.7 → "63,7".
/// Every decimal written is kept (0,000001; 0,123451): up to ten, which also hides a
/// sum's binary noise (0.1 + 0.2 → "0,3").
pub fn decimal(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let text = format!("{:.10}", x.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let frac = frac.trim_end_matches('0');
    let sign = if x < 0.0 && (int != "0" || !frac.is_empty()) { "-" } else { "" };
    let int = group(int);
    if frac.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int},{frac}")
    }
}

/// A measurement read from a file (a size, a margin): two decimals at most, so that
/// single precision's noise never shows (12.7f32 → "12,7", not "12,6999998093").
pub fn measure(x: f32) -> String {
    decimal((f64::from(x) * 100.0).round() / 100.0)
}

/// A value with its unit: "63,7%", "17,6‰", "150/100.000", "15 xã".
pub fn with_unit(x: f64, unit: &str) -> String {
    let value = decimal(x);
    let unit = unit.trim();
    if unit.is_empty() {
        value
    } else if unit.starts_with(['%', '‰', '/']) {
        format!("{value}{unit}")
    } else {
        format!("{value} {unit}")
    }
}

/// A number as people write it, read: "12.500.000.000", "63,7", "1 200", with its
/// unit after it ("65%", "18.680.000.000 đồng"), or a word that multiplies it
/// ("500 triệu", "12,5 tỷ đồng", "18.680 triệu đồng").
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Written {
    Integer(i64),
    Decimal(f64),
}

/// `text` read as [`Written`]; None if it is not a number followed by at most a word.
pub fn read(text: &str) -> Option<Written> {
    read_with_unit(text).map(|(n, _)| n)
}

/// As [`read`], and whether a unit follows the number ("65%", "120 xã"), which has a
/// field of its own: a word that multiplies it ("triệu") or "đồng" is no unit.
pub fn read_with_unit(text: &str) -> Option<(Written, bool)> {
    let s: String = text.chars().filter(|c| !c.is_whitespace() && *c != '_').collect();
    let digits = s.find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '-'))).unwrap_or(s.len());
    let (s, unit) = s.split_at(digits);
    if s.is_empty() || unit.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    // The word multiplies; any other word is the unit ("xã", "trẻ em", "%").
    let unit = unit.to_lowercase();
    let (zeros, has_unit): (u32, bool) = match unit.trim_end_matches("đồng") {
        "nghìn" | "ngàn" => (3, false),
        "triệu" => (6, false),
        "tỷ" | "tỉ" => (9, false),
        "" => (0, false),
        _ => (0, true),
    };
    // "1.234.567" groups thousands; "0.125" (a decimal written with a point) does not.
    let grouped = {
        let (whole, fraction) = s.split_once(',').unwrap_or((s, "0"));
        let mut groups = whole.trim_start_matches('-').split('.');
        let head = groups.next().unwrap_or_default();
        whole.contains('.')
            && (1..=3).contains(&head.len())
            && !head.starts_with('0')
            && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
            && fraction.bytes().all(|b| b.is_ascii_digit())
    };
    let plain = if grouped { s.replace('.', "").replace(',', ".") } else { s.replace(',', ".") };
    // "0,535 tỷ": the point moved in the digits, not a float multiplied (535000000.00000006).
    let (whole, fraction) = plain.split_once('.').unwrap_or((&plain, ""));
    let digits_only = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    if fraction.len() <= zeros as usize && digits_only(whole.trim_start_matches('-')) && digits_only(fraction) {
        let padded = format!("{whole}{fraction:0<width$}", width = zeros as usize);
        if let Ok(i) = padded.parse::<i64>() {
            return Some((Written::Integer(i), has_unit));
        }
    }
    let x = plain.parse::<f64>().ok().filter(|f| f.is_finite())? * 10f64.powi(zeros as i32);
    Some((Written::Decimal(x), has_unit))
}

/// Roman numerals of the parts of a document (I., II., …).
pub const ROMAN: [&str; 20] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
    "XVIII", "XIX", "XX",
];

/// 1 → "I"; past XX, the Arabic number.
pub fn roman(n: usize) -> String {
    n.checked_sub(1).and_then(|i| ROMAN.get(i)).map_or_else(|| n.to_string(), |r| (*r).to_string())
}

/// Points (điểm) are lettered in the Vietnamese alphabet: a), b), … d), đ), e), g) …
pub const POINT_LETTERS: [char; 23] =
    ['a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'x', 'y'];

/// 1 → "a", 5 → "đ"; past "y", the Arabic number.
pub fn point_letter(n: usize) -> String {
    n.checked_sub(1).and_then(|i| POINT_LETTERS.get(i)).map_or_else(|| n.to_string(), |c| c.to_string())
}

/// Parts lettered A., B., … (Latin capitals, as plans write them); past Z, the number.
pub fn part_letter(n: usize) -> String {
    n.checked_sub(1).filter(|i| *i < 26).map_or_else(|| n.to_string(), |i| char::from(b'A' + i as u8).to_string())
}

/// "thứ nhất", "thứ hai", … "thứ mười" (Phần thứ nhất); past ten, "thứ 11".
pub fn ordinal_words(n: usize) -> String {
    const WORDS: [&str; 10] = ["nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười"];
    match n.checked_sub(1).and_then(|i| WORDS.get(i)) {
        Some(w) => format!("thứ {w}"),
        None => format!("thứ {n}"),
    }
}

/// The ordinal of a point letter: 'a' → 1, 'đ' → 5.
pub fn point_ordinal(letter: char) -> Option<usize> {
    POINT_LETTERS.iter().position(|x| *x == letter).map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers_as_people_write_them() {
        use super::{read, Written::*};
        assert_eq!(read("18.680.000.000 đồng"), Some(Integer(18_680_000_000)));
        assert_eq!(read("18.680 triệu đồng"), Some(Integer(18_680_000_000)));
        assert_eq!(read("0,535 tỷ"), Some(Integer(535_000_000)));
        assert_eq!(read("1,001 nghìn"), Some(Integer(1001)));
        assert_eq!(read("63,7%"), Some(Decimal(63.7)));
        assert_eq!(read("0.125"), Some(Decimal(0.125)));
        assert_eq!(read("120 xã"), Some(Integer(120)));
    }

    #[test]
    fn groups_thousands_with_dots() {
        assert_eq!(integer(18_680_000_000), "18.680.000.000");
        assert_eq!(integer(100_000), "100.000");
        assert_eq!(integer(999), "999");
        assert_eq!(integer(0), "0");
    }

    #[test]
    fn writes_decimals_with_a_comma() {
        assert_eq!(decimal(63.7), "63,7");
        assert_eq!(decimal(0.04), "0,04");
        assert_eq!(decimal(95.0), "95");
        assert_eq!(decimal(1234.5), "1.234,5");
        assert_eq!(decimal(-2.5), "-2,5");
        assert_eq!(decimal(0.000001), "0,000001");
        assert_eq!(decimal(0.123451), "0,123451");
        assert_eq!(decimal(0.1 + 0.2), "0,3");
        assert_eq!(decimal(1e20), "100.000.000.000.000.000.000");
        assert_eq!(decimal(-0.0), "0");
        assert_eq!(measure(12.7), "12,7");
        assert_eq!(measure(13.0), "13");
    }

    #[test]
    fn attaches_units_as_written() {
        assert_eq!(with_unit(63.7, "%"), "63,7%");
        assert_eq!(with_unit(17.6, "‰"), "17,6‰");
        assert_eq!(with_unit(150.0, "/100.000"), "150/100.000");
        assert_eq!(with_unit(15.0, "xã"), "15 xã");
    }
}
