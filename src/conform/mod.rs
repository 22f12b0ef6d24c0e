//! NĐ 30 conformance of any DOCX (thể thức): the rules of [`rules`] checked on
//! what [`docx`] reads a file to show. A finding names its rule, the paragraph
//! (its number in the document, and its text), what the decree asks and what
//! the file has.

pub mod annotate;
pub mod docx;
pub mod fix;
pub mod rules;

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

/// Words joined by commas, each in the reader's language.
fn list(items: Vec<Msg>) -> Msg {
    let mut m = Msg::new("conform.list");
    m.args.push(("items", crate::diag::Arg::List(items)));
    m
}

fn fmt_range((lo, hi): (f32, f32), unit: &str) -> String {
    let n = |x: f32| crate::vi::number::decimal(x as f64);
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
            wrong.push(v(format!("{} pt", crate::vi::number::decimal(s as f64))));
        }
        if bold.is_some_and(|b| b != p.bold) {
            wrong.push(Msg::new(if p.bold { "conform.bold" } else { "conform.not-bold" }));
        }
        if italic.is_some_and(|i| i != p.italic) {
            wrong.push(Msg::new(if p.italic { "conform.italic" } else { "conform.upright" }));
        }
        if centred && p.align != "center" {
            wrong.push(Msg::new("conform.align").arg("align", &p.align));
        }
        if !wrong.is_empty() {
            let mut expected = vec![v(fmt_range(size, "pt"))];
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
            self.find(rules::PAPER, None, v("A4 (210 × 297 mm)"), v(format!("{} × {} mm", mm(w), mm(h))));
        }
        if page.width_tw > page.height_tw {
            self.find(rules::PORTRAIT, None, Msg::new("conform.portrait"), Msg::new("conform.landscape"));
        }
        let names = [
            (rules::MARGIN_TOP, f::TOP_MM),
            (rules::MARGIN_BOTTOM, f::BOTTOM_MM),
            (rules::MARGIN_LEFT, f::LEFT_MM),
            (rules::MARGIN_RIGHT, f::RIGHT_MM),
        ];
        for (k, (rule, range)) in names.into_iter().enumerate() {
            let m = page.margins_mm[k];
            if !within(m, (range.0 - 0.3, range.1 + 0.3)) {
                self.find(
                    rule,
                    None,
                    v(fmt_range(range, "mm")),
                    v(format!("{} mm", crate::vi::number::decimal((m as f64 * 10.0).round() / 10.0))),
                );
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
    }
}

static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^Số:[ \u{a0}]*(?:\d{2,}|[ \u{a0}_.…]*)/[A-ZĐ0-9]+(?:-[A-ZĐ0-9&]+)*$").unwrap());
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^,]+, ngày[ \u{a0}]*(\d*)[ \u{a0}]*tháng[ \u{a0}]*(\d*)[ \u{a0}]*năm[ \u{a0}]*(\d{4})?$").unwrap()
});

fn fold(s: &str) -> String {
    crate::import::fold(s)
}

/// Every finding on what a DOCX shows, in document order (page rules first).
pub fn check_shown(shown: &Shown) -> Vec<Finding> {
    let mut c = Checker { shown, out: Vec::new() };
    c.page();
    c.fonts();
    let paras = &shown.paras;
    let text_of = |p: &Para| p.text.clone();
    // Header block: quốc hiệu, tiêu ngữ and the rule under it.
    match paras.iter().position(|p| fold(&p.text).starts_with("cong hoa xa hoi chu nghia")) {
        None => c.find(rules::NATIONAL_NAME, None, v(f::NATIONAL_NAME), Msg::new("conform.missing")),
        Some(k) => {
            let p = &paras[k];
            if p.text != f::NATIONAL_NAME {
                c.find(rules::NATIONAL_NAME_FORM, Some(p), v(f::NATIONAL_NAME), v(text_of(p)));
            }
            c.form(rules::NATIONAL_NAME_FORM, p, f::NATIONAL_NAME_PT, Some(true), Some(false), false);
        }
    }
    match paras.iter().position(|p| fold(&p.text).starts_with("doc lap")) {
        None => c.find(rules::MOTTO, None, v(f::MOTTO), Msg::new("conform.missing")),
        Some(k) => {
            let p = &paras[k];
            if p.text != f::MOTTO {
                c.find(rules::MOTTO_FORM, Some(p), v(f::MOTTO), v(text_of(p)));
            }
            c.form(rules::MOTTO_FORM, p, f::MOTTO_PT, Some(true), Some(false), false);
            let under = paras.get(k + 1).is_some_and(|n| n.rule && n.text.is_empty());
            if !(p.rule || under) {
                c.find(rules::MOTTO_RULE, Some(p), Msg::new("conform.motto-rule"), Msg::new("conform.missing"));
            }
        }
    }
    // Issuer: capitals in the header table before "Số:" that are not the quốc hiệu.
    let number_at = paras.iter().position(|p| p.text.starts_with("Số"));
    for p in paras.iter().take(number_at.unwrap_or(0)).filter(|p| {
        p.in_table
            && !p.text.is_empty()
            && crate::import::recognise::header::is_capitals(&p.text)
            && !fold(&p.text).starts_with("cong hoa")
    }) {
        c.form(rules::ISSUER_FORM, p, f::ISSUER_PT, None, Some(false), false);
    }
    // Phụ lục III: the ký hiệu opens with the abbreviation of the document's kind.
    let kind_line = paras.iter().find(|p| crate::import::recognise::header::is_kind_line(&p.text));
    if let (Some(k), Some(kind)) = (number_at, kind_line) {
        let wanted = rules::KIND_ABBREVIATIONS
            .iter()
            .find(|(name, _)| name.replace(' ', "") == kind.text.replace(' ', ""))
            .map(|(_, abbr)| *abbr);
        let written =
            paras[k].text.split_once('/').map(|(_, code)| code.split('-').next().unwrap_or("").trim().to_string());
        if let (Some(wanted), Some(written)) = (wanted, written) {
            if written != wanted {
                c.find(rules::KIND_ABBREVIATION, Some(&paras[k]), v(format!("{wanted} ({})", kind.text)), v(written));
            }
        }
    }
    // Phụ lục II: fields in bodies' names take capitals ("Sở Y tế", not "Sở y tế").
    let lowered = paras.iter().find_map(|p| {
        rules::AGENCY_FIELDS.iter().find_map(|field| {
            ["Sở ", "Bộ ", "Phòng "].iter().find_map(|body| {
                let written = format!("{body}{field}");
                p.text.contains(&written).then_some((p, written))
            })
        })
    });
    if let Some((p, written)) = lowered {
        let fixed = written
            .split(' ')
            .enumerate()
            .map(
                |(i, w)| {
                    if i == 1 || (i > 1 && w != "và") {
                        crate::vi::text::capitalize_first(w)
                    } else {
                        w.to_string()
                    }
                },
            )
            .collect::<Vec<_>>()
            .join(" ");
        c.find(rules::AGENCY_CAPITALS, Some(p), v(fixed), v(written));
    }
    if let Some(k) = number_at {
        let p = &paras[k];
        if !NUMBER.is_match(&p.text) {
            c.find(rules::NUMBER_FORM, Some(p), Msg::new("conform.number-form"), v(text_of(p)));
        }
    }
    match paras.iter().position(|p| p.text.contains(", ngày")) {
        // A document issued under its own number has its place and date; an attached
        // one (a comparison table, an appendix) has neither.
        None if number_at.is_some() => {
            c.find(rules::PLACE_DATE, None, Msg::new("conform.place-date"), Msg::new("conform.missing"))
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
                    c.find(rules::DATE_ZERO, Some(p), Msg::new("conform.date-zero"), v(text_of(p)));
                }
            } else {
                c.find(rules::PLACE_DATE, Some(p), Msg::new("conform.place-date"), v(text_of(p)));
            }
            c.form(rules::PLACE_DATE_FORM, p, f::PLACE_DATE_PT, None, Some(true), false);
        }
    }
    // Title block: the kind in capitals, then the trích yếu.
    let kind_at = paras.iter().position(|p| crate::import::recognise::header::is_kind_line(&p.text));
    if let Some(k) = kind_at {
        c.form(rules::KIND_FORM, &paras[k], f::TITLE_PT, Some(true), None, true);
        if let Some(s) = paras.iter().skip(k + 1).find(|p| !p.text.is_empty()) {
            if !crate::import::recognise::header::is_capitals(&s.text) || s.text.chars().count() > 20 {
                c.form(rules::SUMMARY_FORM, s, f::TITLE_PT, Some(true), None, true);
            }
        }
    }
    // Body: long paragraphs between the title block and Nơi nhận, outside tables.
    let recipients_at = paras.iter().position(|p| fold(&p.text).replace(' ', "") == "noinhan:");
    let body_from = kind_at.map_or(0, |k| k + 2);
    let body_to = recipients_at.unwrap_or(paras.len());
    let body: Vec<&Para> = paras
        .iter()
        .take(body_to)
        .skip(body_from)
        .filter(|p| !p.in_table && p.text.chars().count() > 80 && p.align != "center")
        .collect();
    let report =
        |c: &mut Checker, rule: &'static str, bad: Vec<&&Para>, expected: Msg, found: &dyn Fn(&Para) -> Msg| {
            if let Some(first) = bad.first() {
                let found = found(first);
                let found = if bad.len() > 1 {
                    Msg::new("conform.paragraphs").arg_msg("what", found).arg("n", bad.len())
                } else {
                    found
                };
                c.find(rule, Some(first), expected, found);
            }
        };
    let sized: Vec<&&Para> = body.iter().filter(|p| p.size.is_some_and(|s| !within(s, f::BODY_PT))).collect();
    report(&mut c, rules::BODY_SIZE, sized, v(fmt_range(f::BODY_PT, "pt")), &|p| {
        v(format!("{} pt", p.size.unwrap_or(0.0)))
    });
    let ragged: Vec<&&Para> = body.iter().filter(|p| p.align != "both" && p.align != "distribute").collect();
    report(&mut c, rules::BODY_JUSTIFY, ragged, Msg::new("conform.justify"), &|p| {
        Msg::new("conform.align").arg("align", &p.align)
    });
    let unindented: Vec<&&Para> = body.iter().filter(|p| !within(p.first_line_mm, f::INDENT_MM)).collect();
    report(&mut c, rules::BODY_INDENT, unindented, v(fmt_range(f::INDENT_MM, "mm")), &|p| {
        v(format!("{:.1} mm", p.first_line_mm))
    });
    // Nơi nhận and the signature.
    match recipients_at {
        None if number_at.is_some() => {
            c.find(rules::RECIPIENTS_ARCHIVE, None, Msg::new("conform.archive"), Msg::new("conform.no-recipients"))
        }
        None => {}
        Some(k) => {
            let label = &paras[k];
            c.form(rules::RECIPIENTS_LABEL, label, f::RECIPIENTS_LABEL_PT, Some(true), Some(true), false);
            // Entries up to the signature (a redline's deleted entry shows as an empty paragraph).
            let items: Vec<&Para> = paras
                .iter()
                .skip(k + 1)
                .filter(|p| !p.text.is_empty())
                .take_while(|p| p.text.starts_with(['-', '–', '+']))
                .collect();
            for p in &items {
                if p.size.is_some_and(|s| !within(s, f::RECIPIENTS_PT)) {
                    c.form(rules::RECIPIENTS_SIZE, p, f::RECIPIENTS_PT, None, None, false);
                }
            }
            let archive = items.last().is_some_and(|p| {
                let t = p.text.trim_start_matches(['-', '–', '+', ' ']);
                t.starts_with("Lưu") && t.contains("VT")
            });
            if !archive {
                let last = items.last().copied().unwrap_or(label);
                c.find(rules::RECIPIENTS_ARCHIVE, Some(last), Msg::new("conform.archive"), v(text_of(last)));
            }
            // Signature: the capitals lines after Nơi nhận, then the name.
            let after: Vec<&Para> = paras.iter().skip(k + 1).filter(|p| !p.text.is_empty()).skip(items.len()).collect();
            let lines: Vec<&&Para> =
                after.iter().take_while(|p| crate::import::recognise::header::is_capitals(&p.text)).collect();
            for p in &lines {
                c.form(rules::SIGNER_FORM, p, f::SIGNER_PT, Some(true), None, false);
            }
            if let Some(name) = after.get(lines.len()).filter(|_| !lines.is_empty()) {
                c.form(rules::SIGNER_FORM, name, f::SIGNER_PT, Some(true), None, false);
            }
        }
    }
    // Page numbers: in the top margin, centred, none on page 1.
    let numbered: Vec<&(String, docx::HeaderPart)> = shown.headers.iter().filter(|(_, h)| h.page_field).collect();
    if !numbered.is_empty() {
        let first_has = shown.headers.iter().any(|(t, h)| t == "first" && h.page_field);
        if !shown.page.title_page || first_has {
            c.find(
                rules::PAGE_NUMBER_FIRST,
                None,
                Msg::new("conform.no-first-page-number"),
                Msg::new("conform.first-page-number"),
            );
        }
        for (_, h) in numbered {
            if !h.centred || h.size.is_some_and(|s| !within(s, f::PAGE_NUMBER_PT)) {
                let mut found = vec![Msg::new(if h.centred { "conform.centred" } else { "conform.not-centred" })];
                found.extend(h.size.map(|s| v(format!("{s} pt"))));
                let expected = Msg::new("conform.page-number-position").arg("size", fmt_range(f::PAGE_NUMBER_PT, "pt"));
                c.find(rules::PAGE_NUMBER_POSITION, None, expected, list(found));
            }
        }
    }
    c.out
}

/// The findings on a DOCX file's bytes; None if it is not a readable DOCX.
pub fn check(bytes: &[u8]) -> Option<Vec<Finding>> {
    docx::read(bytes).map(|s| check_shown(&s))
}
