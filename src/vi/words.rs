//! Amounts in words for "(Bằng chữ: …)": 18.680.000.000 → "Mười tám tỷ sáu trăm tám mươi triệu đồng".

const DIGITS: [&str; 10] = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];
/// Reads a three-digit group; `full` when a higher group precedes it ("không trăm linh năm").
fn group(n: u64, full: bool) -> Vec<&'static str> {
    let (h, t, u) = ((n / 100) as usize, (n / 10 % 10) as usize, (n % 10) as usize);
    let mut w = Vec::new();
    if h > 0 || full {
        w.extend([DIGITS[h], "trăm"]);
    }
    match t {
        0 if u > 0 && (h > 0 || full) => w.push("linh"),
        0 => {}
        1 => w.push("mười"),
        _ => w.extend([DIGITS[t], "mươi"]),
    }
    match u {
        0 => {}
        1 if t >= 2 => w.push("mốt"),
        5 if t >= 1 => w.push("lăm"),
        _ => w.push(DIGITS[u]),
    }
    w
}

/// The number in words, lower case: 1_005_000 → "một triệu không trăm linh năm nghìn".
pub fn number(n: u64) -> String {
    if n == 0 {
        return "không".into();
    }
    words(n, false).join(" ")
}

/// Past a billion the scale names repeat: "một nghìn năm trăm tỷ".
fn words(n: u64, full: bool) -> Vec<&'static str> {
    const BILLION: u64 = 1_000_000_000;
    if n >= BILLION {
        let mut w = words(n / BILLION, full);
        w.push("tỷ");
        if !n.is_multiple_of(BILLION) {
            w.extend(words(n % BILLION, true));
        }
        return w;
    }
    let mut w = Vec::new();
    let mut started = full;
    for (g, scale) in [(n / 1_000_000, "triệu"), (n / 1000 % 1000, "nghìn"), (n % 1000, "")] {
        if g == 0 {
            continue;
        }
        w.extend(group(g, started));
        if !scale.is_empty() {
            w.push(scale);
        }
        started = true;
    }
    w
}

/// "Mười tám tỷ sáu trăm tám mươi triệu đồng".
pub fn amount_dong(n: u64) -> String {
    super::text::capitalize_first(&format!("{} đồng", number(n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_budget_amounts() {
        assert_eq!(amount_dong(18_680_000_000), "Mười tám tỷ sáu trăm tám mươi triệu đồng");
        assert_eq!(amount_dong(14_680_000_000), "Mười bốn tỷ sáu trăm tám mươi triệu đồng");
        assert_eq!(amount_dong(4_000_000_000), "Bốn tỷ đồng");
    }

    #[test]
    fn reads_zeros_inside_a_number() {
        assert_eq!(number(1_005_000), "một triệu không trăm linh năm nghìn");
        assert_eq!(number(105), "một trăm linh năm");
        assert_eq!(number(1_000_050), "một triệu không trăm năm mươi");
        assert_eq!(number(2_000_000_001), "hai tỷ không trăm linh một");
    }

    #[test]
    fn uses_mot_lam_and_muoi() {
        assert_eq!(number(21), "hai mươi mốt");
        assert_eq!(number(15), "mười lăm");
        assert_eq!(number(25), "hai mươi lăm");
        assert_eq!(number(11), "mười một");
        assert_eq!(number(10), "mười");
        assert_eq!(number(0), "không");
    }

    #[test]
    fn reads_amounts_beyond_a_billion() {
        assert_eq!(number(1_000_000_000_000), "một nghìn tỷ");
        assert_eq!(number(1_500_000_000_000), "một nghìn năm trăm tỷ");
        assert_eq!(number(3_000_200_000_000), "ba nghìn tỷ hai trăm triệu");
    }
}
