//! Facts every stage reads off a plan: the document's number and ký hiệu, its
//! issue date, the signer's authority lines, an indicator's direction and target
//! in words, how a child plan cites its parent, and the form of the drafter's
//! mark. Computed, never stored.

use chrono::NaiveDate;

use super::{Direction, DocumentKind, Indicator, Plan, Signature, Target};
use crate::vi::date;
use crate::vi::number::with_unit;
use crate::vi::text::{lower_first, upper};

/// Who leads which indicators ([`Plan::leads`]), by the name each agency prints as.
pub struct Leads(std::collections::HashMap<String, Vec<usize>>);

impl Leads {
    /// The numbers of the indicators `agency` (a code) leads, with the other codes of its name.
    pub fn of(&self, plan: &Plan, agency: &str) -> &[usize] {
        self.0.get(&crate::vi::text::name_key(plan.agency_name(agency))).map_or(&[], Vec::as_slice)
    }
}

/// Số and ký hiệu of a document: `number` is `None` until the văn thư assigns it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentCode {
    pub number: Option<u32>,
    /// "KH-UBND": as written, or kind + issuer abbreviation.
    pub code: String,
}

impl DocumentCode {
    /// "93/KH-UBND", "05/QĐ-UBND" (NĐ 30 Phụ lục I II.3.c: two digits at least);
    /// `blank` stands for a number not yet assigned.
    pub fn printed(&self, blank: &str) -> String {
        match self.number {
            Some(n) => format!("{n:02}/{}", self.code),
            None => format!("{blank}/{}", self.code),
        }
    }
}

impl Plan {
    /// The kind of the document this file issues: a decision's when there is one.
    pub fn issued_kind(&self) -> DocumentKind {
        if self.decision.is_some() {
            DocumentKind::QuyetDinh
        } else {
            *self.document.kind
        }
    }

    /// (number, ký hiệu) of the issued document: the decision's when there is one.
    pub fn document_code(&self) -> DocumentCode {
        let own = |kind: DocumentKind, written: Option<&super::Spanned<String>>| {
            written.map_or_else(|| format!("{}-{}", kind.abbr(), self.issuer.abbr.as_str()), |c| c.value.clone())
        };
        match &self.decision {
            Some(d) => DocumentCode {
                number: d.number.as_deref().copied(),
                code: own(DocumentKind::QuyetDinh, d.code.as_ref()),
            },
            None => DocumentCode {
                number: self.document.number.as_deref().copied(),
                code: own(*self.document.kind, self.document.code.as_ref()),
            },
        }
    }

    /// The issuing date: the decision's when there is one.
    pub fn issue_date(&self) -> Option<NaiveDate> {
        self.issued_on().and_then(|d| d.day())
    }

    /// The issuing date as written, real or not (a source's "3456/12/2021").
    pub fn issued_on(&self) -> Option<&super::Date> {
        match &self.decision {
            Some(d) => d.date.as_deref(),
            None => self.document.date.as_deref(),
        }
    }

    /// The first year of the plan's period, for a date line still blank.
    pub fn first_year(&self) -> Option<i32> {
        self.document.period.as_ref().map(|p| p.0)
    }

    /// The numbers of the indicators each agency leads, in order: one pass over the
    /// indicators (a scan per agency was quadratic when agencies grow with indicators).
    /// Codes one name prints as (departments renamed to the one office that took their
    /// work) lead as one: the duty of that name lists them all.
    pub fn leads(&self) -> Leads {
        let mut by_code: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
        for (n, _, i) in self.numbered_indicators() {
            for agency in i.lead.iter().flat_map(|l| &l.0) {
                let numbers = by_code.entry(agency.as_str()).or_default();
                // An agency named twice in one lead leads the indicator once.
                if numbers.last() != Some(&n) {
                    numbers.push(n);
                }
            }
        }
        let mut by_name: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
        for (agency, numbers) in by_code {
            by_name.entry(crate::vi::text::name_key(self.agency_name(agency))).or_default().extend(numbers);
        }
        for numbers in by_name.values_mut() {
            numbers.sort_unstable();
            numbers.dedup();
        }
        Leads(by_name)
    }

    /// An agency's name, or its code when the plan does not list it (`check` says so).
    pub fn agency_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.agencies.get(id).map_or(id, |a| a.name.as_str())
    }

    /// The trích yếu of the issued document.
    pub fn issued_summary(&self) -> &str {
        self.decision.as_ref().map_or(&self.document.summary, |d| &d.summary)
    }

    /// How a child plan cites this one: "Kế hoạch số 93/KH-UBND ngày 03/4/2023 của
    /// Ủy ban nhân dân tỉnh Sơn La về thực hiện …".
    pub fn citation(&self) -> String {
        let code = self.document_code();
        let numbered = code.number.map_or_else(String::new, |_| format!(" số {}", code.printed("")));
        let dated = self.issue_date().map_or_else(String::new, |d| format!(" ngày {}", date::short(d)));
        let by = match &self.decision {
            Some(d) => d.authority.as_str(),
            None => self.issuer.name.as_str(),
        };
        format!("{}{numbered}{dated} của {by} về {}", self.issued_kind().name(), lower_first(self.issued_summary()))
    }
}

/// The authority as written, without its dot and spaces ("kt." → "KT").
pub fn authority_code(written: &str) -> String {
    upper(written.trim().trim_end_matches('.').trim())
}

impl Signature {
    /// Quyền hạn, chức vụ lines (NĐ 30 Điều 13, Phụ lục I II.7): "TM. ỦY BAN NHÂN DÂN",
    /// "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH". A chức vụ written on two lines keeps them
    /// ("PHÓ TRƯỞNG BAN" / "THỨ TRƯỞNG BỘ Y TẾ").
    pub fn lines(&self) -> Vec<String> {
        let title_lines =
            |t: &str| -> Vec<String> { t.lines().map(str::trim).filter(|l| !l.is_empty()).map(upper).collect() };
        let mut lines = Vec::new();
        if let Some(c) = &self.collective {
            lines.push(format!("TM. {}", upper(c)));
        }
        let authority = self.authority.as_ref().map(|a| authority_code(a));
        match (authority.as_deref(), &self.head) {
            (Some(a), Some(head)) => {
                lines.push(format!("{a}. {}", upper(head)));
                if let Some(t) = self.title.as_ref().filter(|t| a != "Q" || upper(t) != upper(head)) {
                    lines.extend(title_lines(t));
                }
            }
            _ => {
                if let Some(t) = &self.title {
                    lines.extend(title_lines(t));
                }
            }
        }
        lines
    }
}

/// The direction written, else inferred: "Giảm …" (and "dưới …") aims lower.
fn direction_of(written: Option<Direction>, text: &str) -> Direction {
    written.unwrap_or_else(|| {
        let lower = text.to_lowercase();
        if lower.starts_with("giảm") || lower.starts_with("dưới") {
            Direction::Decrease
        } else {
            Direction::Increase
        }
    })
}

impl Indicator {
    /// Whether a higher value is the goal; "Giảm …" indicators default to decreasing.
    pub fn direction(&self) -> Direction {
        direction_of(self.direction, &self.text)
    }
}

impl super::IndicatorPart {
    /// The part's own direction, else the indicator's (`parent`) unless its words say.
    pub fn direction(&self, parent: Direction) -> Direction {
        match self.direction {
            Some(d) => d,
            None if self.text.to_lowercase().starts_with("giảm") => Direction::Decrease,
            None if self.text.to_lowercase().starts_with("tăng") => Direction::Increase,
            None => parent,
        }
    }
}

impl Target {
    /// The target in words: "63,7%" or "65% vào năm 2025 và 75% vào năm 2030".
    pub fn value_text(&self) -> Option<String> {
        if !self.milestones.is_empty() {
            let parts: Vec<String> = self
                .milestones
                .iter()
                .map(|(year, v)| format!("{} vào năm {}", with_unit(**v, &self.unit), year))
                .collect();
            return Some(join_and(&parts));
        }
        self.value.map(|v| with_unit(v, &self.unit))
    }

    /// (milestone year, value) pairs: ("", 63.7), or ("2025", 65), ("2030", 75).
    pub fn values(&self) -> Vec<(String, f64)> {
        if self.milestones.is_empty() {
            self.value.map(|v| vec![(String::new(), v)]).unwrap_or_default()
        } else {
            self.milestones.iter().map(|(y, v)| (y.clone(), **v)).collect()
        }
    }
}

/// "a", "a và b", "a, b và c".
pub fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} và {}", init.join(", "), last),
    }
}

/// The form of ô 12 (NĐ 30 Phụ lục I): initials in capitals, then optionally the
/// number of copies in Arabic numerals, "PL.(300)", "DS", "NV.05"; never an
/// authority of the signature ("TM", "KT"), which a mark cannot be told from.
pub fn is_drafter_mark(text: &str) -> bool {
    let t = text.trim();
    let (initials, copies) = match t.split_once('.') {
        Some((i, c)) => (i, Some(c.trim_start().trim_start_matches('(').trim_end_matches(')'))),
        None => (t, None),
    };
    let n = initials.chars().count();
    (1..=8).contains(&n)
        && initials.chars().all(|c| c.is_uppercase())
        && !is_authority(initials)
        && copies.is_none_or(|c| c.chars().all(|c| c.is_ascii_digit()) && c.chars().any(|c| c != '0'))
}

/// A line that can only be a drafter's mark where one may stand, under the
/// last Nơi nhận entry: one in form, or one short word written otherwise ("ds",
/// "Phương", "A.(3a)", "PL (300)"), for `check` to judge. Never a line of the
/// signature: no authority, no title of two words.
pub fn looks_like_drafter_mark(text: &str) -> bool {
    let t = text.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    let short = t.chars().count() <= 12 && !t.ends_with([';', ',', ':']) && t.chars().any(char::is_alphabetic);
    let copies = |w: &str| w.starts_with('(') && w.ends_with(')');
    let authority = is_authority(t.split(['.', ' ']).next().unwrap_or(""));
    is_drafter_mark(t) || (short && !authority && (words.len() == 1 || (words.len() == 2 && copies(words[1]))))
}

/// TM., KT., Q., TL., TUQ., UQ.: the authorities a signature opens with.
pub fn is_authority(code: &str) -> bool {
    ["TM", "KT", "Q", "TL", "TUQ", "UQ"].contains(&code.trim().trim_end_matches('.'))
}
