//! Dates as NĐ 30 writes them: "ngày 03 tháng 4 năm 2023".
//!
//! A leading zero only for days below 10 and for months 1 and 2 (Phụ lục I
//! II.4.b), so "tháng 01" and "tháng 02" line up with the two-digit months.

use chrono::{Datelike, NaiveDate};

fn day(d: NaiveDate) -> String {
    format!("{:02}", d.day())
}

fn month(d: NaiveDate) -> String {
    if d.month() <= 2 {
        format!("{:02}", d.month())
    } else {
        d.month().to_string()
    }
}

/// "ngày 03 tháng 4 năm 2023".
pub fn long(d: NaiveDate) -> String {
    format!("ngày {} tháng {} năm {}", day(d), month(d), d.year())
}

/// "03/4/2023", as dates are cited in running text.
pub fn short(d: NaiveDate) -> String {
    format!("{}/{}/{}", day(d), month(d), d.year())
}

/// The blank date line of a document not yet issued: "ngày      tháng      năm 2023".
pub fn blank(year: Option<i32>) -> String {
    let gap = "\u{a0}".repeat(6);
    match year {
        Some(y) => format!("ngày{gap}tháng{gap}năm {y}"),
        None => format!("ngày{gap}tháng{gap}năm{gap}"),
    }
}

/// A date as people write it: 2025-09-15, or as Vietnamese write it, 15/9/2025 or
/// 15-9-2025; "15/9/25" is not the year 25.
pub fn read(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
        .filter(|d| chrono::Datelike::year(d) >= 1900)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn leading_zero_for_small_days_and_first_two_months() {
        assert_eq!(long(d(2023, 4, 3)), "ngày 03 tháng 4 năm 2023");
        assert_eq!(long(d(2020, 1, 5)), "ngày 05 tháng 01 năm 2020");
        assert_eq!(long(d(2023, 2, 28)), "ngày 28 tháng 02 năm 2023");
        assert_eq!(long(d(2019, 6, 29)), "ngày 29 tháng 6 năm 2019");
        assert_eq!(long(d(2022, 12, 10)), "ngày 10 tháng 12 năm 2022");
        assert_eq!(long(d(2023, 9, 9)), "ngày 09 tháng 9 năm 2023");
    }

    #[test]
    fn short_form_follows_the_same_rule() {
        assert_eq!(short(d(2023, 4, 3)), "03/4/2023");
        assert_eq!(short(d(2023, 2, 28)), "28/02/2023");
        assert_eq!(short(d(2021, 9, 30)), "30/9/2021");
    }
}
