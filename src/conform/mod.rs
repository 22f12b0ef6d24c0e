//! NĐ 30 conformance of any DOCX (thể thức): the rules of [`rules`] checked on
//! what [`docx`] reads a file to show. A finding names its rule, the paragraph
//! (its number in the document, and its text), what the decree asks and what
//! the file has.

pub mod annotate;
pub mod docx;
pub mod fix;
pub mod rules;
mod structure;
mod wording;

use crate::import::recognise::header::is_capitals;
use std::sync::LazyLock;

use regex::Regex;

use crate::diag::{Lang, Msg, Severity};
use docx::{Para, Shown};
use rules::figure as f;

#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub rule: &'static str,
    /// 1-based paragraph number, when the rule is about a paragraph.
    pub paragraph: Option<usize>,
    pub quote: String,
    /// What the decree asks, and what the file has.
    pub expected: Msg,
    pub found: Msg,
}

impl Finding {
    pub fn severity(&self) -> Severity {
        rules::rule(self.rule).map_or(Severity::Warning, |r| r.severity)
    }

    pub fn message(&self, lang: Lang) -> String {
        let about = Msg::new("rule.expected-found")
            .arg("expected", self.expected.render(lang))
            .arg("found", self.found.render(lang))
            .render(lang);
        format!("{}: {about}", lang.text(rule_key(self.rule)))
    }
}

/// The message key of a rule's description.
pub fn rule_key(id: &str) -> &'static str {
    // Keys are static strings in the tables; find the one for this id.
    Lang::Vi.keys().find(|k| k.strip_prefix("rule.") == Some(id)).unwrap_or("rule.unknown")
}

/// A value shown as it is (a figure, a quote).
fn v(text: impl Into<String>) -> Msg {
    Msg::new("conform.value").arg("v", text.into())
}

/// A measured figure as a finding's value, in the reader's notation.
fn fig(text: impl Into<String>) -> Msg {
    Msg::new("conform.value").arg_figure("v", text)
}

/// A paragraph's alignment (`w:jc`) in the reader's words.
fn alignment(align: &str) -> Msg {
    match align {
        "both" | "distribute" => Msg::new("conform.justify"),
        "center" => Msg::new("conform.centred"),
        "left" | "start" | "" => Msg::new("conform.left"),
        "right" | "end" => Msg::new("conform.right"),
        other => Msg::new("conform.align").arg("align", other),
    }
}

/// A page-number format (`w:pgNumType w:fmt`) in the reader's words.
fn number_format(fmt: &str) -> Msg {
    match fmt {
        "lowerRoman" => Msg::new("conform.roman-lower"),
        "upperRoman" => Msg::new("conform.roman-upper"),
        "lowerLetter" => Msg::new("conform.letter-lower"),
        "upperLetter" => Msg::new("conform.letter-upper"),
        other => v(other),
    }
}

/// Words joined by commas, each in the reader's language.
fn list(items: Vec<Msg>) -> Msg {
    let mut m = Msg::new("conform.list");
    m.args.push(("items", crate::diag::Arg::List(items)));
    m
}

fn fmt_range((lo, hi): (f32, f32), unit: &str) -> String {
    let n = crate::vi::number::measure;
    if lo == hi {
        format!("{} {unit}", n(lo))
    } else {
        format!("{}–{} {unit}", n(lo), n(hi))
    }
}

fn within(v: f32, (lo, hi): (f32, f32)) -> bool {
    v >= lo - 0.05 && v <= hi + 0.05
}

struct Checker<'a> {
    shown: &'a Shown,
    out: Vec<Finding>,
}

impl Checker<'_> {
    fn find(&mut self, rule: &'static str, p: Option<&Para>, expected: Msg, found: Msg) {
        self.out.push(Finding {
            rule,
            paragraph: p.map(|p| p.number),
            quote: p.map(|p| p.text.chars().take(80).collect()).unwrap_or_default(),
            expected,
            found,
        });
    }

    /// Size, bold, italic and alignment of an element against the decree's.
    fn form(
        &mut self,
        rule: &'static str,
        p: &Para,
        size: (f32, f32),
        bold: Option<bool>,
        italic: Option<bool>,
        centred: bool,
    ) {
        let mut wrong: Vec<Msg> = Vec::new();
        if let Some(s) = p.size.filter(|s| !within(*s, size)) {
            wrong.push(fig(format!("{} pt", crate::vi::number::measure(s))));
        }
        if bold.is_some_and(|b| b != p.bold) {
            wrong.push(Msg::new(if p.bold { "conform.bold" } else { "conform.not-bold" }));
        }
        if italic.is_some_and(|i| i != p.italic) {
            wrong.push(Msg::new(if p.italic { "conform.italic" } else { "conform.upright" }));
        }
        if centred && p.align != "center" {
            wrong.push(alignment(&p.align));
        }
        if !wrong.is_empty() {
            let mut expected = vec![fig(fmt_range(size, "pt"))];
            match bold {
                Some(true) => expected.push(Msg::new("conform.bold")),
                Some(false) => expected.push(Msg::new("conform.not-bold")),
                None => {}
            }
            match italic {
                Some(true) => expected.push(Msg::new("conform.italic")),
                Some(false) => expected.push(Msg::new("conform.upright")),
                None => {}
            }
            if centred {
                expected.push(Msg::new("conform.centred"));
            }
            self.find(rule, Some(p), list(expected), list(wrong));
        }
    }

    fn page(&mut self) {
        let page = &self.shown.page;
        let (w, h) = (page.width_tw.min(page.height_tw), page.width_tw.max(page.height_tw));
        if (w - f::A4_TW.0).abs() > f::PAPER_TOLERANCE_TW || (h - f::A4_TW.1).abs() > f::PAPER_TOLERANCE_TW {
            let mm = |tw: i64| format!("{:.0}", tw as f32 / 56.693);
            let found = if page.size_declared {
                v(format!("{} × {} mm", mm(w), mm(h)))
            } else {
                Msg::new("conform.not-declared")
            };
            self.find(rules::PAPER, None, v("A4 (210 × 297 mm)"), found);
        }
        if page.landscape_without_table {
            self.find(rules::PORTRAIT, None, Msg::new("conform.portrait"), Msg::new("conform.landscape"));
        }
        let names = [
            (rules::MARGIN_TOP, f::TOP_MM),
            (rules::MARGIN_BOTTOM, f::BOTTOM_MM),
            (rules::MARGIN_LEFT, f::LEFT_MM),
            (rules::MARGIN_RIGHT, f::RIGHT_MM),
        ];
        if let Some(fmt) = &page.number_format {
            self.find(rules::PAGE_NUMBER_ARABIC, None, Msg::new("conform.arabic"), number_format(fmt));
        }
        if let Some(start) = page.number_start.filter(|s| *s != 1) {
            self.find(rules::PAGE_NUMBER_START, None, v("1"), v(start.to_string()));
        }
        for (k, (rule, range)) in names.into_iter().enumerate() {
            let m = page.margins_mm[k];
            if !within(m, (range.0 - 0.3, range.1 + 0.3)) {
                let found = if page.margins_declared {
                    fig(format!("{} mm", crate::vi::number::decimal((m as f64 * 10.0).round() / 10.0)))
                } else {
                    Msg::new("conform.not-declared")
                };
                self.find(rule, None, fig(fmt_range(range, "mm")), found);
            }
        }
    }

    fn fonts(&mut self) {
        let shown = self.shown;
        let other = shown.paras.iter().find(|p| p.fonts.iter().any(|font| !font.eq_ignore_ascii_case(f::FONT)));
        if let Some(p) = other {
            let found = p.fonts.iter().find(|font| !font.eq_ignore_ascii_case(f::FONT)).cloned().unwrap_or_default();
            let count = shown.paras.iter().filter(|p| p.fonts.iter().any(|x| !x.eq_ignore_ascii_case(f::FONT))).count();
            self.find(
                rules::FONT,
                Some(p),
                v(f::FONT),
                Msg::new("conform.paragraphs").arg("what", found).arg("n", count),
            );
        }
        let coloured: Vec<&Para> = shown.paras.iter().filter(|p| p.color.is_some()).collect();
        if let Some(p) = coloured.first() {
            let found = v(format!("#{}", p.color.clone().unwrap_or_default()));
            let found = if coloured.len() > 1 {
                Msg::new("conform.paragraphs").arg_msg("what", found).arg("n", coloured.len())
            } else {
                found
            };
            self.find(rules::FONT_COLOR, Some(p), Msg::new("conform.black"), found);
        }
    }

    /// The first of several paragraphs that break one rule, and how many there are.
    fn report(&mut self, rule: &'static str, bad: &[&Para], expected: Msg, found: &dyn Fn(&Para) -> Msg) {
        if let Some(first) = bad.first() {
            let what = found(first);
            let found = if bad.len() > 1 {
                Msg::new("conform.paragraphs").arg_msg("what", what).arg("n", bad.len())
            } else {
                what
            };
            self.find(rule, Some(first), expected, found);
        }
    }
}

static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^Số:[ \u{a0}]*(\d+|[ \u{a0}_.…]*)/[A-ZĐ0-9]+(?:-[A-ZĐ0-9&]+)*$").unwrap());
/// "Số: 12/2023/KH-UBND": the year belongs to legal normative documents only.
static NUMBER_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(Số:[ \u{a0}]*[\d_. …]*)/((?:19|20)\d\d)/").unwrap());
/// A date in figures after a place: "Sơn La, 03/4/2023", "Hà Nội, 3-4-2023".
static NUMERIC_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{L},\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}").unwrap());
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^,]+, ngày[ \u{a0}]*(\d*)[ \u{a0}]*tháng[ \u{a0}]*(\d*)[ \u{a0}]*năm[ \u{a0}]*(\d{4})?$").unwrap()
});

fn fold(s: &str) -> String {
    crate::import::fold(s)
}

/// The kind line ("KẾ HOẠCH", "BÁO CÁO", …) and its Phụ lục III abbreviation.
fn kind_of(text: &str) -> Option<&'static (&'static str, &'static str)> {
    if !crate::import::recognise::header::is_capitals(text) {
        return None;
    }
    kind_in_any_case(text)
}

/// "Kế hoạch", "Kế Hoạch": a kind's name alone on its line, however it is written.
fn kind_in_any_case(text: &str) -> Option<&'static (&'static str, &'static str)> {
    let squeezed: String = fold(text).chars().filter(|c| !c.is_whitespace()).collect();
    rules::KIND_ABBREVIATIONS.iter().find(|(name, _)| fold(&name.replace(' ', "")) == squeezed)
}

/// "45/KH-UBND" with no "Số:", "số: 45/KH-UBND": a number line, wrongly written.
/// Spaces around the "/" and "-" of a number and symbol ("05 / KH - SYT").
static SPACED_JOIN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s*([/-])\s*").unwrap());
static BARE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:(?i:số|so)\s*:?\s*)?[\d_. …]*/\s*(?:\d{4}\s*/\s*)?[A-ZĐ]{1,8}\s*-").unwrap());

/// Where the parts of the first page are, by paragraph index.
pub(crate) struct Frame {
    national_name: Option<usize>,
    number: Option<usize>,
    kind: Option<usize>,
    summary: Option<usize>,
    recipients: Option<usize>,
    /// Body paragraphs run from here to `recipients` (or the end).
    body_from: usize,
}

impl Frame {
    fn of(paras: &[Para]) -> Frame {
        let national_name = paras.iter().position(|p| fold(&p.text).starts_with("cong hoa xa hoi chu nghia"));
        // The number, and the kind's name in any case, are looked for on the first page's
        // header only (before the body's first long paragraph).
        let head = paras.iter().position(|p| p.text.chars().count() > 120).unwrap_or(paras.len()).min(25);
        let number = paras
            .iter()
            .position(|p| p.text.starts_with("Số"))
            .or_else(|| paras[..head].iter().position(|p| BARE_NUMBER.is_match(p.text.trim())));
        let kind = paras
            .iter()
            .position(|p| kind_of(&p.text).is_some())
            .or_else(|| paras[..head].iter().position(|p| kind_in_any_case(&p.text).is_some()));
        let summary = kind.and_then(|k| (k + 1..paras.len()).find(|&i| !paras[i].text.is_empty()));
        let recipients = paras.iter().position(|p| fold(&p.text).replace(' ', "") == "noinhan:");
        Frame { national_name, number, kind, summary, recipients, body_from: kind.map_or(0, |k| k + 2) }
    }

    fn body<'a>(&self, paras: &'a [Para]) -> impl Iterator<Item = &'a Para> {
        paras.iter().take(self.recipients.unwrap_or(paras.len())).skip(self.body_from)
    }
}

/// Every finding on what a DOCX shows, in document order (page rules first).
pub fn check_shown(shown: &Shown) -> Vec<Finding> {
    let mut c = Checker { shown, out: Vec::new() };
    let paras = &shown.paras;
    let frame = Frame::of(paras);
    c.page();
    c.fonts();
    c.header(&frame);
    c.number(&frame);
    c.place_date(&frame);
    c.title(&frame);
    structure::basis(&mut c, &frame);
    structure::headings(&mut c, &frame);
    c.body(&frame);
    c.recipients(&frame);
    structure::appendices(&mut c, &frame);
    structure::urgency(&mut c, &frame);
    wording::abbreviations(&mut c, &frame);
    wording::capitals(&mut c, &frame);
    c.page_numbers();
    c.out
}

impl Checker<'_> {
    /// A line of the header with fixed words (quốc hiệu, tiêu ngữ): present at
    /// `at`, in those words, upright, bold, at `size_pt`.
    fn fixed_line(
        &mut self,
        at: Option<usize>,
        (present, form): (&'static str, &'static str),
        words: &str,
        size_pt: (f32, f32),
    ) {
        let Some(k) = at else {
            return self.find(present, None, v(words), Msg::new("conform.missing"));
        };
        let p = &self.shown.paras[k];
        if p.text != words {
            self.find(form, Some(p), v(words), v(p.text.clone()));
        }
        self.form(form, p, size_pt, Some(true), Some(false), false);
    }

    /// Quốc hiệu, tiêu ngữ and the rule under it; the issuer and its rule.
    fn header(&mut self, frame: &Frame) {
        let paras = &self.shown.paras;
        self.fixed_line(
            frame.national_name,
            (rules::NATIONAL_NAME, rules::NATIONAL_NAME_FORM),
            f::NATIONAL_NAME,
            f::NATIONAL_NAME_PT,
        );
        let motto = paras.iter().position(|p| fold(&p.text).starts_with("doc lap"));
        self.fixed_line(motto, (rules::MOTTO, rules::MOTTO_FORM), f::MOTTO, f::MOTTO_PT);
        if let Some(k) = motto {
            let p = &paras[k];
            // Right under the quốc hiệu: nothing written between them.
            if let Some(n) = frame.national_name {
                if n > k || paras[n + 1..k].iter().any(|q| !q.text.is_empty()) {
                    self.find(rules::MOTTO_PLACE, Some(p), Msg::new("conform.motto-place"), v(paras[n].text.clone()));
                }
            }
            if !ruled_after(paras, k) {
                let found = if p.underlined { "conform.underlined" } else { "conform.missing" };
                self.find(rules::MOTTO_RULE, Some(p), Msg::new("conform.motto-rule"), Msg::new(found));
            } else if let Some(line) = broken_rule(paras, k) {
                self.find(rules::MOTTO_RULE, Some(p), Msg::new("conform.motto-rule"), line);
            } else if let Some((want, found)) = rule_length(paras, &[k], (0.85, 1.15), 0.0) {
                // As long as the motto's line (Phụ lục I II.1.b).
                self.find(rules::MOTTO_RULE, Some(p), want, found);
            }
        }
        // Issuer: its lines in the header table before the quốc hiệu (or "Số:"), in
        // capitals or not ("Sở Y tế" is the issuer's name, written in the wrong case).
        use crate::import::recognise::header::{continues_name, is_capitals, is_name_line, opens_organisation};
        let end = frame.national_name.filter(|n| frame.number.is_none_or(|s| *n < s)).or(frame.number).unwrap_or(0);
        let issuer: Vec<usize> = (0..end)
            .filter(|&i| {
                let p = &paras[i];
                p.in_table && !p.text.is_empty() && is_name_line(&p.text)
            })
            .collect();
        for &i in &issuer {
            let p = &paras[i];
            self.form(rules::ISSUER_FORM, p, f::ISSUER_PT, None, Some(false), false);
            if !is_capitals(&p.text) {
                self.find(rules::ISSUER_FORM, Some(p), Msg::new("conform.capitals"), v(p.text.clone()));
            }
        }
        // The parent body: the lines before the last one that opens a name of its own
        // ("UBND TỈNH SƠN LA" over "SỞ Y TẾ"; not "SỞ LAO ĐỘNG - THƯƠNG BINH" over
        // "VÀ XÃ HỘI", one name wrapped). Upright and not bold, set off from the issuer.
        let opens = |i: &usize| opens_organisation(&paras[*i].text) && !continues_name(&paras[*i].text);
        if let Some(start) = issuer.iter().rposition(opens).filter(|&s| s > 0) {
            if let Some(&i) = issuer[..start].iter().find(|&&i| paras[i].bold) {
                self.find(rules::PARENT_BOLD, Some(&paras[i]), Msg::new("conform.not-bold"), Msg::new("conform.bold"));
            }
        }
        if let Some(&last) = issuer.last() {
            // The issuer's name: its last line, and the lines it goes on from
            // ("ỦY BAN NHÂN DÂN" over "TỈNH SƠN LA").
            let mut first = issuer.len() - 1;
            while first > 0 && continues_name(&paras[issuer[first]].text) {
                first -= 1;
            }
            // Said once, at its first line not bold.
            if let Some(&i) = issuer[first..].iter().find(|&&i| !paras[i].bold) {
                let q = &paras[i];
                self.find(rules::ISSUER_BOLD, Some(q), Msg::new("conform.bold"), Msg::new("conform.not-bold"));
            }
            let p = &paras[last];
            if !ruled_after(paras, last) {
                let found = if p.underlined { "conform.underlined" } else { "conform.missing" };
                self.find(rules::ISSUER_RULE, Some(p), Msg::new("conform.issuer-rule"), Msg::new(found));
            } else if let Some(line) = broken_rule(paras, last) {
                self.find(rules::ISSUER_RULE, Some(p), Msg::new("conform.issuer-rule"), line);
            } else if let Some((want, found)) =
                rule_length(paras, &issuer[first..], (0.3, 0.55), crate::layout::ISSUER_RULE_MIN_MM + 0.5)
            {
                // 1/3 to 1/2 of the name's line (Phụ lục I II.2.b), a little either way;
                // under a short name ("SỞ Y TẾ") as long as kehoach draws it.
                self.find(rules::ISSUER_RULE, Some(p), want, found);
            }
        }
    }

    fn number(&mut self, frame: &Frame) {
        let Some(k) = frame.number else { return };
        let p = &self.shown.paras[k];
        let text = match NUMBER_YEAR.captures(&p.text) {
            Some(m) => {
                self.find(rules::NUMBER_YEAR, Some(p), Msg::new("conform.number-no-year"), v(m[2].to_string()));
                NUMBER_YEAR.replace(&p.text, "$1/").into_owned()
            }
            None => p.text.clone(),
        };
        match NUMBER.captures(&text) {
            None => {
                // This document's number written right ("Số: 05/KH-SYT" for "Số: 05/KH - SYT"),
                // else the form by example.
                let squeezed =
                    SPACED_JOIN.replace_all(text.trim(), "$1").replace("Số:", "Số: ").replace("Số:  ", "Số: ");
                let want = if NUMBER.is_match(&squeezed) {
                    Msg::new("conform.number-as").arg("number", squeezed)
                } else {
                    Msg::new("conform.number-form")
                };
                self.find(rules::NUMBER_FORM, Some(p), want, v(p.text.clone()))
            }
            Some(m) => {
                let n = &m[1];
                if n.len() == 1 || (n.len() > 2 && n.starts_with('0')) {
                    // Numbers run from 01: a 0 has no padded form to suggest.
                    let want = match n.parse::<u32>().unwrap_or(0) {
                        0 => "01, 02, …".to_string(),
                        n => format!("{n:02}"),
                    };
                    self.find(rules::NUMBER_ZERO, Some(p), v(want), v(n.to_string()));
                }
            }
        }
        self.form(rules::NUMBER_SIZE, p, f::NUMBER_PT, None, Some(false), false);
    }

    fn place_date(&mut self, frame: &Frame) {
        let paras = &self.shown.paras;
        // In the header, before the kind ("KẾ HOẠCH"): ", ngày" in the body is another date.
        let header = frame.kind.unwrap_or(15).min(paras.len());
        match paras[..header].iter().position(|p| p.text.contains(", ngày")) {
            // A document issued under its own number has its place and date; an attached
            // one (a comparison table, an appendix) has neither.
            None if frame.number.is_some() => {
                // A date written in figures ("Sơn La, 03/4/2023"), or without its comma or its
                // place ("Mai Sơn ngày 03 tháng 4 …"), is there, in the wrong form.
                let figures = paras[..header].iter().find(|p| {
                    NUMERIC_DATE.is_match(&p.text)
                        || (p.text.contains("ngày") && p.text.contains("tháng") && p.text.contains("năm"))
                });
                match figures {
                    Some(p) => self.find(rules::PLACE_DATE, Some(p), Msg::new("conform.place-date"), v(p.text.clone())),
                    None => {
                        self.find(rules::PLACE_DATE, None, Msg::new("conform.place-date"), Msg::new("conform.missing"))
                    }
                }
            }
            None => {}
            Some(k) => {
                let p = &paras[k];
                if let Some(m) = DATE.captures(&p.text) {
                    let (d, mo) = (m[1].to_string(), m[2].to_string());
                    let bad_day =
                        !d.is_empty() && d.parse::<u32>().is_ok_and(|n| (n < 10) != d.starts_with('0') || d.len() > 2);
                    let bad_month = !mo.is_empty()
                        && mo.parse::<u32>().is_ok_and(|n| {
                            if n <= 2 {
                                !(mo.len() == 2 && mo.starts_with('0'))
                            } else {
                                mo.starts_with('0')
                            }
                        });
                    if bad_day || bad_month {
                        self.find(rules::DATE_ZERO, Some(p), Msg::new("conform.date-zero"), v(p.text.clone()));
                    }
                    let year = m.get(3).and_then(|y| y.as_str().parse::<i32>().ok());
                    if let (Ok(d), Ok(mo), Some(y)) = (d.parse::<u32>(), mo.parse::<u32>(), year) {
                        if chrono::NaiveDate::from_ymd_opt(y, mo, d).is_none() {
                            self.find(rules::DATE_REAL, Some(p), Msg::new("conform.date-real"), v(p.text.clone()));
                        }
                    }
                } else {
                    self.find(rules::PLACE_DATE, Some(p), Msg::new("conform.place-date"), v(p.text.clone()));
                }
                self.form(rules::PLACE_DATE_FORM, p, f::PLACE_DATE_PT, None, Some(true), false);
            }
        }
    }

    /// The kind in capitals, then the trích yếu in lower case, bold, with its rule.
    fn title(&mut self, frame: &Frame) {
        let paras = &self.shown.paras;
        let Some(k) = frame.kind else { return };
        if !crate::import::recognise::header::is_capitals(&paras[k].text) {
            self.find(
                rules::KIND_FORM,
                Some(&paras[k]),
                Msg::new("conform.capitals"),
                Msg::new("conform.not-capitals"),
            );
        }
        self.form(rules::KIND_FORM, &paras[k], f::TITLE_PT, Some(true), None, true);
        let Some(at) = frame.summary else { return };
        let s = &paras[at];
        let capitals = crate::import::recognise::header::is_capitals(&s.text);
        if !capitals || s.text.chars().count() > 20 {
            self.form(rules::SUMMARY_FORM, s, f::TITLE_PT, Some(true), None, true);
        }
        if capitals && s.text.chars().count() > 20 {
            // Proper names as the document's own text writes them ("huyện Mai Sơn").
            let casing = crate::import::recognise::Casing::learn_texts(paras.iter().map(|p| p.text.as_str()));
            let want = casing.apply(&s.text);
            self.find(
                rules::SUMMARY_CASE,
                Some(s),
                Msg::new("conform.lower-case").arg("example", want),
                v(s.text.clone()),
            );
        }
        if fold(&s.text).starts_with("v/v") {
            self.find(rules::SUMMARY_NO_VV, Some(s), Msg::new("conform.no-vv"), v(s.text.clone()));
        }
        // The summary may run over several lines, and an attached text adds "(Kèm theo …)".
        let ruled = (at..paras.len().min(at + 5)).any(|i| ruled_after(paras, i) || paras[i].rule);
        if !ruled {
            let found = if s.underlined { "conform.underlined" } else { "conform.missing" };
            self.find(rules::SUMMARY_RULE, Some(s), Msg::new("conform.summary-rule"), Msg::new(found));
        }
    }

    /// Long paragraphs between the title block and Nơi nhận, outside tables.
    fn body(&mut self, frame: &Frame) {
        let body: Vec<&Para> = frame
            .body(&self.shown.paras)
            .filter(|p| !p.in_table && p.text.chars().count() > 80 && p.align != "center")
            .collect();
        // Size and upright text hold for a short line too ("Chủ trì thực hiện chỉ tiêu 1."),
        // a heading (bold, with rules of its own) apart; alignment and indent show only on long ones.
        // A table's unit line above it ("Đơn vị tính: %", set right) and its note under it
        // ("Ghi chú: …", often smaller) belong to the table, not to the body's text.
        let paras = &self.shown.paras;
        let by_table = |i: usize| {
            paras.get(i + 1).is_some_and(|n| n.in_table) || (i > 0 && paras.get(i - 1).is_some_and(|n| n.in_table))
        };
        let lines: Vec<&Para> = paras
            .iter()
            .enumerate()
            .take(frame.recipients.unwrap_or(paras.len()))
            .skip(frame.body_from)
            .filter(|(_, p)| !p.in_table && p.align != "center" && !p.text.trim().is_empty())
            .filter(|(i, p)| p.text.chars().count() > 80 || (!p.bold && p.align != "right" && !by_table(*i)))
            .map(|(_, p)| p)
            .collect();
        let sized: Vec<&Para> =
            lines.iter().copied().filter(|p| p.size.is_some_and(|s| !within(s, f::BODY_PT))).collect();
        self.report(rules::BODY_SIZE, &sized, fig(fmt_range(f::BODY_PT, "pt")), &|p| {
            v(format!("{} pt", p.size.unwrap_or(0.0)))
        });
        let ragged: Vec<&Para> =
            body.iter().copied().filter(|p| p.align != "both" && p.align != "distribute").collect();
        self.report(rules::BODY_JUSTIFY, &ragged, Msg::new("conform.justify"), &|p| alignment(&p.align));
        let unindented: Vec<&Para> = body.iter().copied().filter(|p| !within(p.first_line_mm, f::INDENT_MM)).collect();
        self.report(rules::BODY_INDENT, &unindented, fig(fmt_range(f::INDENT_MM, "mm")), &|p| {
            fig(format!("{} mm", crate::vi::number::decimal((p.first_line_mm as f64 * 10.0).round() / 10.0)))
        });
        // Căn cứ lines are italic by rule; a bold-italic line is a heading.
        let slanted: Vec<&Para> =
            lines.iter().copied().filter(|p| p.italic && !p.bold && !structure::is_basis(&p.text)).collect();
        self.report(rules::BODY_UPRIGHT, &slanted, Msg::new("conform.upright"), &|_| Msg::new("conform.italic"));
        let tight: Vec<&Para> =
            body.iter().copied().filter(|p| p.before_pt + p.after_pt < f::PARAGRAPH_GAP_PT - 0.05).collect();
        self.report(rules::BODY_SPACING, &tight, v(format!("≥ {} pt", f::PARAGRAPH_GAP_PT)), &|p| {
            fig(format!("{} pt", crate::vi::number::measure(p.before_pt + p.after_pt)))
        });
        let pitched: Vec<&Para> = body
            .iter()
            .copied()
            .filter(|p| p.line_spacing.is_some_and(|l| l < f::LINE_SPACING.0 - 0.1 || l > f::LINE_SPACING.1 + 0.05))
            .collect();
        self.report(rules::BODY_LINE_SPACING, &pitched, Msg::new("conform.line-spacing"), &|p| {
            Msg::new("conform.lines").arg_figure(
                "n",
                crate::vi::number::decimal((p.line_spacing.unwrap_or(0.0) * 100.0).round() as f64 / 100.0),
            )
        });
        // The content ends "./." (every mẫu of Phụ lục III).
        if let Some(r) = frame.recipients {
            let last =
                self.shown.paras[frame.body_from.min(r)..r].iter().rev().find(|p| !p.text.is_empty() && !p.in_table);
            if let Some(p) = last.filter(|p| !p.text.ends_with("./.")) {
                let end: String = p.text.chars().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect();
                self.find(rules::END_MARK, Some(p), v("./."), v(format!("…{end}")));
            }
        }
    }

    /// Kính gửi, Nơi nhận and the signature.
    fn recipients(&mut self, frame: &Frame) {
        let paras = &self.shown.paras;
        if let Some(p) =
            paras.iter().take(frame.recipients.unwrap_or(paras.len())).find(|p| fold(&p.text).starts_with("kinh gui"))
        {
            self.form(rules::ADDRESSEE_FORM, p, f::ADDRESSEE_PT, None, Some(false), false);
            if let Some(kind) = frame.kind.filter(|k| *k + 1 < p.number) {
                self.find(
                    rules::ADDRESSEE_KIND,
                    Some(p),
                    Msg::new("conform.no-addressee"),
                    v(paras[kind].text.clone()),
                );
            }
        }
        let Some(k) = frame.recipients else {
            if frame.number.is_some() {
                self.find(
                    rules::RECIPIENTS_ARCHIVE,
                    None,
                    Msg::new("conform.archive"),
                    Msg::new("conform.no-recipients"),
                );
            }
            return;
        };
        let label = &paras[k];
        self.form(rules::RECIPIENTS_LABEL, label, f::RECIPIENTS_LABEL_PT, Some(true), Some(true), false);
        // Entries up to the signature (a redline's deleted entry shows as an empty paragraph).
        let items: Vec<&Para> = paras
            .iter()
            .skip(k + 1)
            .filter(|p| !p.text.is_empty())
            // An automatic list's entries (pandoc, Word's bullets) show no dash in the text:
            // a short line ending as an entry ends is one too, its missing dash found below.
            .take_while(|p| {
                let t = p.text.trim_end();
                t.starts_with(['-', '–', '+'])
                    || (t.ends_with([';', '.']) && t.chars().count() < 120 && !is_capitals(t))
            })
            .collect();
        // Said once for the lines that share a wrong size (one style), as the body's.
        let sized: Vec<&Para> =
            items.iter().copied().filter(|p| p.size.is_some_and(|s| !within(s, f::RECIPIENTS_PT))).collect();
        let measured = |p: &Para| fig(format!("{} pt", crate::vi::number::measure(p.size.unwrap_or_default())));
        self.report(rules::RECIPIENTS_SIZE, &sized, fig(fmt_range(f::RECIPIENTS_PT, "pt")), &measured);
        // "- …;" on every line, "." on the last.
        let unpunctuated: Vec<&Para> = items
            .iter()
            .enumerate()
            .filter(|(i, p)| {
                let end = if *i + 1 == items.len() { '.' } else { ';' };
                !p.text.trim_end().ends_with(end) || !p.text.starts_with('-')
            })
            .map(|(_, p)| *p)
            .collect();
        self.report(rules::RECIPIENTS_ITEMS, &unpunctuated, Msg::new("conform.recipient-items"), &|p| {
            v(p.text.clone())
        });
        let archive = items.last().is_some_and(|p| {
            let t = p.text.trim_start_matches(['-', '–', '+', ' ']);
            t.starts_with("Lưu") && t.contains("VT")
        });
        if !archive {
            let last = items.last().copied().unwrap_or(label);
            self.find(rules::RECIPIENTS_ARCHIVE, Some(last), Msg::new("conform.archive"), v(last.text.clone()));
        }
        // Signature: the capitals lines after Nơi nhận and the drafter's mark under
        // them (ô 12), then the name.
        let mut after: Vec<&Para> = paras.iter().skip(k + 1).filter(|p| !p.text.is_empty()).skip(items.len()).collect();
        if after.first().is_some_and(|p| crate::model::looks_like_drafter_mark(&p.text)) {
            after.remove(0);
        }
        let lines: Vec<&Para> = after.iter().copied().take_while(|p| is_capitals(&p.text)).collect();
        for p in &lines {
            self.form(rules::SIGNER_FORM, p, f::SIGNER_PT, Some(true), None, false);
        }
        wording::authority(self, &lines);
        if let Some(name) = after.get(lines.len()).filter(|_| !lines.is_empty()) {
            self.form(rules::SIGNER_FORM, name, f::SIGNER_PT, Some(true), None, false);
            wording::signer_name(self, name);
        }
    }

    /// Page numbers: Arabic, in the top margin, centred, none on page 1.
    fn page_numbers(&mut self) {
        let shown = self.shown;
        let numbered: Vec<&(String, docx::HeaderPart)> = shown.headers.iter().filter(|(_, h)| h.page_field).collect();
        let footed: Vec<&(String, docx::HeaderPart)> = shown.footers.iter().filter(|(_, h)| h.page_field).collect();
        if !numbered.is_empty() || !footed.is_empty() {
            let first_has = shown.headers.iter().chain(&shown.footers).any(|(t, h)| t == "first" && h.page_field);
            if !shown.page.title_page || first_has {
                self.find(
                    rules::PAGE_NUMBER_FIRST,
                    None,
                    Msg::new("conform.no-first-page-number"),
                    Msg::new("conform.first-page-number"),
                );
            }
        }
        let expected =
            || Msg::new("conform.page-number-position").arg_figure("size", fmt_range(f::PAGE_NUMBER_PT, "pt"));
        // More than one page: as the editor counted them, or by the length of the
        // text (a saved count may be stale): 3,500 characters never fit on one A4
        // page at 13–14 pt.
        let chars: usize = shown.paras.iter().map(|p| p.text.chars().count()).sum();
        let several = shown.pages.is_some_and(|n| n > 1) || chars > 3_500;
        if numbered.is_empty() && footed.is_empty() && several {
            self.find(rules::PAGE_NUMBER_MISSING, None, expected(), Msg::new("conform.no-page-numbers"));
        }
        if !footed.is_empty() {
            self.find(rules::PAGE_NUMBER_POSITION, None, expected(), Msg::new("conform.page-number-footer"));
        }
        for (_, h) in numbered.iter().chain(&footed) {
            if h.not_arabic && shown.page.number_format.is_none() {
                self.find(rules::PAGE_NUMBER_ARABIC, None, Msg::new("conform.arabic"), Msg::new("conform.roman"));
            }
        }
        for (_, h) in numbered {
            if !h.centred || h.size.is_some_and(|s| !within(s, f::PAGE_NUMBER_PT)) {
                let mut found = vec![Msg::new(if h.centred { "conform.centred" } else { "conform.not-centred" })];
                found.extend(h.size.map(|s| v(format!("{s} pt"))));
                self.find(rules::PAGE_NUMBER_POSITION, None, expected(), list(found));
            }
        }
    }
}

/// A rule under paragraph `k`: its own bottom border or drawn line, or an empty
/// ruled paragraph (or one with a top border) right after it.
fn ruled_after(paras: &[Para], k: usize) -> bool {
    rule_after(paras, k).is_some()
}

/// The paragraph that draws the rule under paragraph `k`: itself, or an empty one just after.
fn rule_after(paras: &[Para], k: usize) -> Option<&Para> {
    let p = &paras[k];
    if p.rule {
        return Some(p);
    }
    for n in paras.iter().skip(k + 1).take(2) {
        if n.rule_above || (n.rule && n.text.is_empty()) {
            return Some(n);
        }
        if !n.text.is_empty() {
            return None;
        }
    }
    None
}

/// The rule under the last of `lines`, when its length is known and is not within
/// `share` (lowest, highest) of the longest line's text, nor up to `floor` mm when
/// that is longer: (expected, found), in mm.
/// The text is measured with the metrics of the font the documents are set in
/// (Times New Roman's, as Liberation Serif has them).
fn rule_length(paras: &[Para], lines: &[usize], share: (f32, f32), floor: f32) -> Option<(Msg, Msg)> {
    let rule = rule_after(paras, *lines.last()?)?.rule_mm?;
    let text = lines
        .iter()
        .map(|&i| &paras[i])
        .map(|p| crate::fonts::text_width_mm(&p.text, p.size.unwrap_or(13.0), p.bold))
        .fold(0.0, f32::max);
    let (low, high) = (share.0 * text, (share.1 * text).max(floor));
    if text <= 0.0 || (low..=high).contains(&rule) {
        return None;
    }
    let mm = |x: f32| fig(format!("{} mm", crate::vi::number::measure(x)));
    let want = Msg::new("conform.rule-length").arg("from", mm(low.min(high))).arg("to", mm(high)).arg("text", mm(text));
    Some((want, Msg::new("conform.rule-long").arg("length", mm(rule))))
}

/// A rule that is there but not "nét liền": its line as the reader calls it.
fn broken_rule(paras: &[Para], k: usize) -> Option<Msg> {
    let style = rule_after(paras, k)?.rule_style.as_deref()?;
    Some(match style {
        "dotted" | "dotDash" | "dotDotDash" => Msg::new("conform.rule-dotted"),
        "dashed" | "dashSmallGap" | "dashDotStroked" => Msg::new("conform.rule-dashed"),
        s if s.contains("ouble") || s.contains("riple") || s.contains("Gap") => Msg::new("conform.rule-double"),
        s => v(s.to_string()),
    })
}

/// The findings on a DOCX file's bytes; None if it is not a readable DOCX.
pub fn check(bytes: &[u8]) -> Option<Vec<Finding>> {
    docx::read(bytes).map(|s| check_shown(&s))
}
