//! An indicator's sentence → its text with `{target}`, the value and unit, the
//! milestones and the direction: "đạt 65% vào năm 2025 và 75% vào năm 2030",
//! "xuống dưới 15,4%", "17,6‰", "150/100.000".

use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// What an indicator's sentence says.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reading {
    /// The sentence with `{target}` where the value was.
    pub text: String,
    pub value: Option<f64>,
    pub unit: String,
    pub milestones: BTreeMap<String, f64>,
    /// Set when the words before the value aim lower but the sentence does not start with "Giảm".
    pub decrease: bool,
    /// The verb before the value when the text leaves it to the template ("xuống dưới").
    pub verb: Option<String>,
    /// A value read but kept in the words, because it would not print back as
    /// written ("65,0%" prints "65%"): as written.
    pub kept: Option<String>,
}

const VALUE: &str = r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?";
const UNIT: &str = r"(%|‰|/100\.000|/1\.000|/10\.000)";

static MILESTONES: LazyLock<Regex> = LazyLock::new(|| {
    let one = format!(r"{VALUE}\s?{UNIT}\s+vào năm\s+(\d{{4}})");
    Regex::new(&format!(r"{one}(?:(?:,\s*|\s+và\s+){one})*")).unwrap()
});
static ONE_MILESTONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"{VALUE}\s?{UNIT}\s+vào năm\s+(\d{{4}})")).unwrap());
static SINGLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r"(^|[^\d/,.]){VALUE}\s?{UNIT}")).unwrap());

/// "1.000" → 1000, "63,7" → 63.7.
pub fn number(int: &str, frac: Option<&str>) -> Option<f64> {
    let int = int.replace('.', "");
    let text = match frac {
        Some(f) => format!("{int}.{f}"),
        None => int,
    };
    text.parse().ok()
}

/// The value prints back as written (spaces aside), so a round trip is exact.
fn prints_back(value: f64, unit: &str, written: &str) -> bool {
    crate::vi::number::with_unit(value, unit).replace(' ', "") == written.replace(' ', "")
}

pub fn read(sentence: &str) -> Reading {
    let mut r = Reading { text: sentence.to_string(), ..Reading::default() };
    if let Some(m) = MILESTONES.find(sentence) {
        let mut unit = None;
        let mut milestones = BTreeMap::new();
        for c in ONE_MILESTONE.captures_iter(m.as_str()) {
            let Some(v) = number(&c[1], c.get(2).map(|g| g.as_str())) else { continue };
            if unit.get_or_insert_with(|| c[3].to_string()) != &c[3] {
                return r;
            }
            milestones.insert(c[4].to_string(), v);
        }
        if milestones.len() >= 2 || (milestones.len() == 1 && m.as_str().contains("vào năm")) {
            r.text = format!("{}{{target}}{}", &sentence[..m.start()], &sentence[m.end()..]);
            r.unit = unit.unwrap_or_default();
            r.milestones = milestones;
            r.decrease = aims_lower(&sentence[..m.start()], sentence);
            return r;
        }
    }
    if let Some(c) = SINGLE.captures(sentence) {
        let whole = c.get(0).map_or(0..0, |g| g.range());
        let start = whole.start + c[1].len();
        let written = &sentence[start..whole.end];
        if let Some(v) = number(&c[2], c.get(3).map(|g| g.as_str())) {
            if prints_back(v, &c[4], written) {
                r.text = format!("{}{{target}}{}", &sentence[..start], &sentence[whole.end..]);
                r.value = Some(v);
                r.unit = c[4].to_string();
                r.decrease = aims_lower(&sentence[..start], sentence);
            } else {
                r.kept = Some(written.to_string());
            }
        }
    }
    r
}

/// A compound indicator: clauses separated by "; ", each with its own target
/// ("Giảm … xuống 17,6‰; tỷ suất … dưới 12,9‰; … dưới 19,1‰"). The first clause
/// stays the indicator's own text (with its ";"), the others become its parts, so
/// the sentence prints back as written. Fewer than two measurable clauses: none.
pub fn read_compound(sentence: &str) -> (Reading, Vec<Reading>) {
    let pieces: Vec<&str> = sentence.split("; ").collect();
    if pieces.len() >= 2 && pieces.iter().all(|p| !p.trim().is_empty()) {
        let readings: Vec<Reading> = pieces.iter().map(|p| read(p)).collect();
        if readings.iter().all(|r| r.value.is_some() || !r.milestones.is_empty()) {
            let mut it = readings.into_iter();
            if let Some(mut first) = it.next() {
                first.text.push(';');
                return (first, it.collect());
            }
        }
    }
    (read(sentence), Vec::new())
}

/// "… xuống dưới 15,4%" in a sentence that does not start with "Giảm".
fn aims_lower(before: &str, sentence: &str) -> bool {
    let starts = sentence.to_lowercase();
    if starts.starts_with("giảm") || starts.starts_with("dưới") {
        return false;
    }
    let tail: String = before.to_lowercase().chars().rev().take(14).collect::<Vec<_>>().into_iter().rev().collect();
    ["dưới ", "xuống ", "không quá ", "còn "].iter().any(|w| tail.trim_end().ends_with(w.trim_end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_that_would_print_otherwise_is_kept_and_said() {
        let r = read("Tỷ lệ trẻ em đạt 65,0%");
        assert_eq!((r.value, r.kept.as_deref()), (None, Some("65,0%")));
        assert_eq!(r.text, "Tỷ lệ trẻ em đạt 65,0%");
    }

    #[test]
    fn single_values() {
        let r = read("Tỷ lệ trẻ em đạt 63,7%");
        assert_eq!((r.text.as_str(), r.value, r.unit.as_str()), ("Tỷ lệ trẻ em đạt {target}", Some(63.7), "%"));
        let r = read("Giảm tỷ suất tử vong xuống 17,6‰; dưới 12,9‰");
        assert_eq!((r.text.as_str(), r.value), ("Giảm tỷ suất tử vong xuống {target}; dưới 12,9‰", Some(17.6)));
        assert!(!r.decrease);
        let r = read("Tỷ lệ suy dinh dưỡng xuống dưới 15,4%");
        assert!(r.decrease);
        let r = read("giảm tỷ suất xuống 150/100.000 trẻ");
        assert_eq!((r.value, r.unit.as_str()), (Some(150.0), "/100.000"));
        assert_eq!(read("Không có số").value, None);
    }

    #[test]
    fn compound_indicators_keep_every_target() {
        let (own, parts) =
            read_compound("Giảm tỷ suất xuống 17,6‰; tỷ suất dưới 1 tuổi dưới 12,9‰; trẻ dưới 5 tuổi dưới 19,1‰");
        assert_eq!((own.text.as_str(), own.value), ("Giảm tỷ suất xuống {target};", Some(17.6)));
        assert_eq!(parts.len(), 2);
        assert_eq!(
            (parts[1].text.as_str(), parts[1].value, parts[1].decrease),
            ("trẻ dưới 5 tuổi dưới {target}", Some(19.1), true)
        );
        let (own, parts) = read_compound("Đạt 95%; và nhiều việc khác");
        assert!(parts.is_empty());
        assert_eq!(own.value, Some(95.0));
    }

    #[test]
    fn milestones() {
        let r = read("Tỷ lệ xã đạt 80% vào năm 2025 và 90% vào năm 2030");
        assert_eq!(r.text, "Tỷ lệ xã đạt {target}");
        assert_eq!(r.milestones.get("2030"), Some(&90.0));
        assert_eq!(r.unit, "%");
        let r = read("đạt 65,5% vào năm 2025, 70% vào năm 2027 và 75% vào năm 2030.");
        assert_eq!(r.milestones.len(), 3);
        assert_eq!(r.text, "đạt {target}.");
    }
}
