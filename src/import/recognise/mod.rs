//! Paragraphs → the structure NĐ 30 gives a plan. Each value keeps the source
//! paragraphs it came from; what is not recognised stays as text in the nearest
//! free-text field, and a source's defects are kept as written and noted.

pub mod body;
pub mod header;
pub mod indicators;
pub mod tail;

use super::paragraph::Paragraph;
use super::{Note, NoteKind};
use header::WrittenDate;

/// A text from the source and the paragraphs (0-based) it came from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Val {
    pub text: String,
    pub from: Vec<usize>,
}

impl Val {
    pub fn new(text: impl Into<String>, from: usize) -> Val {
        Val { text: text.into(), from: vec![from] }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Agency {
    pub id: String,
    pub name: Val,
    pub short: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Indicator {
    pub number: usize,
    pub reading: indicators::Reading,
    /// The further clauses of a compound indicator, each with its target.
    pub parts: Vec<indicators::Reading>,
    pub from: usize,
    pub lead: Vec<String>,
    pub support: Vec<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Objective {
    pub title: Option<Val>,
    pub body: Option<Val>,
    pub indicators: Vec<Indicator>,
}

#[derive(Clone, Debug, Default)]
pub struct Section {
    pub title: Val,
    pub body: Option<Val>,
    pub content: Option<&'static str>,
    pub body_after: Option<Val>,
}

#[derive(Clone, Debug, Default)]
pub struct Duty {
    pub agency: String,
    pub title: Option<Val>,
    pub body: Option<Val>,
    pub no_lead_line: bool,
    pub paragraph: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Budget {
    pub total: Option<(u64, usize)>,
    pub sources: Vec<(Val, u64)>,
    pub body: Option<Val>,
}

#[derive(Clone, Debug, Default)]
pub struct Reporting {
    pub to: Option<String>,
    pub deadlines: Vec<(Val, chrono::NaiveDate)>,
    pub body: Option<Val>,
}

#[derive(Clone, Debug, Default)]
pub struct Signature {
    pub collective: Option<Val>,
    pub authority: Option<Val>,
    pub head: Option<Val>,
    pub title: Option<Val>,
    pub name: Option<Val>,
}

#[derive(Clone, Debug, Default)]
pub struct Decision {
    pub number: Option<(u32, usize)>,
    pub code: Option<Val>,
    pub date: Option<(WrittenDate, usize)>,
    pub summary: Option<Val>,
    pub authority: Option<Val>,
    pub bases: Vec<Val>,
    pub proposal: Option<Val>,
    pub punctuate: bool,
    pub articles: Vec<Val>,
    pub after: Option<Val>,
    /// The first Nơi nhận line when it is not "Như Điều N" (N the last article); "" for none.
    pub recipients_first: Option<Val>,
}

#[derive(Clone, Debug, Default)]
pub struct Appendix {
    pub title: Val,
    pub body: Option<Val>,
}

/// Everything recognised, in the plan format's terms.
#[derive(Clone, Debug, Default)]
pub struct Draft {
    pub kind: &'static str,
    pub number: Option<(u32, usize)>,
    pub code: Option<Val>,
    pub place: Option<Val>,
    pub date: Option<(WrittenDate, usize)>,
    /// From a blank date line's year.
    pub year: Option<i32>,
    /// The source carries the "DỰ THẢO" mark.
    pub draft: bool,
    pub summary: Option<Val>,
    pub parent: Option<Val>,
    pub issuer: Option<Val>,
    pub abbr: Option<String>,
    pub parts: &'static str,
    pub decision: Option<Decision>,
    pub preamble: Option<Val>,
    pub agencies: Vec<Agency>,
    pub objectives: Vec<Objective>,
    pub sections: Vec<Section>,
    pub budget: Option<Budget>,
    pub duties: Vec<Duty>,
    pub reporting: Option<Reporting>,
    pub closing: Option<Val>,
    pub indicator_appendix: Option<Option<String>>,
    pub appendices: Vec<Appendix>,
    pub recipients: Vec<Val>,
    pub archive: Vec<Val>,
    /// Ký hiệu người soạn thảo under the archive line (ô 12), "DS", "PL.(300)".
    pub drafter: Option<Val>,
    pub signature: Signature,
    pub notes: Vec<Note>,
    /// Indicator number → (objective, position): lookups stay linear in plan size.
    numbers: std::collections::HashMap<usize, (usize, usize)>,
    /// Agency name or short name (`name_key`) → id.
    agency_keys: std::collections::HashMap<String, String>,
    agency_ids: std::collections::HashSet<String>,
}

impl Draft {
    pub fn note(&mut self, kind: NoteKind, key: &'static str, paragraph: Option<usize>, detail: impl Into<String>) {
        self.notes.push(Note { kind, key, paragraph, detail: detail.into(), shown: None });
    }

    /// Adds an indicator to the last objective (an untitled one if there is none).
    pub fn push_indicator(&mut self, indicator: Indicator) {
        if self.objectives.is_empty() {
            self.objectives.push(Objective::default());
        }
        let o = self.objectives.len() - 1;
        let list = &mut self.objectives[o].indicators;
        self.numbers.entry(indicator.number).or_insert((o, list.len()));
        list.push(indicator);
    }

    /// The indicator numbered `n` in the source.
    pub fn indicator_mut(&mut self, n: usize) -> Option<&mut Indicator> {
        let (o, i) = *self.numbers.get(&n)?;
        self.objectives.get_mut(o)?.indicators.get_mut(i)
    }

    pub fn has_indicator(&self, n: usize) -> bool {
        self.numbers.contains_key(&n)
    }

    /// The agency known by this name or short name.
    pub fn agency_named(&self, name: &str) -> Option<String> {
        self.agency_keys.get(&crate::vi::text::name_key(name)).cloned()
    }

    /// Records a short name for an agency.
    pub fn set_short(&mut self, id: &str, short: &str) {
        if let Some(a) = self.agencies.iter_mut().find(|a| a.id == id) {
            a.short = Some(short.to_string());
            self.agency_keys.entry(crate::vi::text::name_key(short)).or_insert_with(|| id.to_string());
        }
    }

    /// The id of the agency with this name, registering it if new.
    pub fn agency(&mut self, name: &str, from: usize) -> String {
        if let Some(id) = self.agency_named(name) {
            return id;
        }
        let base = slug(name);
        let mut id = base.clone();
        let mut n = 2;
        while self.agency_ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.agency_ids.insert(id.clone());
        self.agency_keys.insert(crate::vi::text::name_key(name), id.clone());
        self.agencies.push(Agency { id: id.clone(), name: Val::new(name, from), short: None });
        id
    }
}

/// "Sở Lao động - Thương binh và Xã hội" → "lao-dong-thuong-binh-va": the words
/// after the kind of body, without tones, four at most.
pub fn slug(name: &str) -> String {
    let key = crate::import::paragraph::fold(name).replace('đ', "d");
    let words: Vec<&str> = key.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let skip = usize::from(matches!(words.first(), Some(&("so" | "phong" | "cac"))));
    let s = words.iter().skip(skip).take(4).copied().collect::<Vec<_>>().join("-");
    if s.is_empty() {
        "co-quan".into()
    } else {
        s
    }
}

/// Abbreviations that stay in capitals inside a line set in lower case.
const ABBREVIATIONS: [&str; 10] = ["UBND", "HĐND", "UBMTTQ", "MTTQ", "TW", "BCH", "THCS", "THPT", "BHYT", "CNTT"];

/// How the document itself writes each word after a given word: "Sơn La",
/// "Ủy ban nhân dân", "công tác". Titles in capitals are written back that way.
#[derive(Default)]
pub struct Casing {
    seen: std::collections::HashMap<String, std::collections::HashMap<String, usize>>,
}

fn core(token: &str) -> &str {
    token.trim_matches(|c: char| !c.is_alphanumeric())
}

impl Casing {
    pub fn learn(paras: &[Paragraph]) -> Casing {
        Casing::learn_texts(paras.iter().map(|p| p.text.as_str()))
    }

    /// How the words of lines not in capitals are written, each after the word before it.
    pub fn learn_texts<'a>(texts: impl Iterator<Item = &'a str>) -> Casing {
        let mut c = Casing::default();
        for text in texts.filter(|t| !header::is_capitals(t)) {
            let words: Vec<&str> = text.split(' ').collect();
            for pair in words.windows(2) {
                let (a, b) = (core(pair[0]), core(pair[1]));
                if a.is_empty()
                    || b.is_empty()
                    || pair[0].ends_with(['.', ':', ';', '!', '?'])
                    || header::is_capitals(b)
                {
                    continue;
                }
                let key = format!("{} {}", a.to_lowercase(), b.to_lowercase());
                *c.seen.entry(key).or_default().entry(b.to_string()).or_default() += 1;
            }
        }
        c
    }

    /// A line in capitals in the document's own casing; first letter capital.
    pub fn apply(&self, text: &str) -> String {
        if !header::is_capitals(text) {
            return text.to_string();
        }
        let lower = text.to_lowercase();
        let words: Vec<&str> = lower.split(' ').collect();
        let written: Vec<&str> = text.split(' ').collect();
        let mut out: Vec<String> = Vec::with_capacity(words.len());
        for (i, w) in words.iter().enumerate() {
            let c = core(w);
            // A document's symbol ("93/KH-UBND") and an abbreviation ("UBND") stay as written.
            let symbol = w.contains('/') || (w.contains('-') && w.chars().any(|c| c.is_ascii_digit()));
            let original = written.get(i).copied().unwrap_or(w);
            let cased = if symbol || ABBREVIATIONS.contains(&core(original)) {
                original.to_string()
            } else if i == 0 {
                crate::vi::text::capitalize_first(w)
            } else {
                let key = format!("{} {}", core(words[i - 1]), c);
                match self.seen.get(&key).and_then(|m| m.iter().max_by_key(|(s, n)| (**n, s.as_str())).map(|(s, _)| s))
                {
                    Some(best) if !c.is_empty() => w.replacen(c, best, 1),
                    _ => w.to_string(),
                }
            };
            out.push(cased);
        }
        out.join(" ")
    }
}

/// The paragraphs that are the document: from the header to the end of the
/// signature or the last appendix; what a website put around them is skipped.
fn start_of(paras: &[Paragraph]) -> usize {
    // The earliest of the frame's landmarks: a PDF reads the left column (issuer,
    // số) before the right one (quốc hiệu).
    let first = |f: &dyn Fn(&Paragraph) -> bool| paras.iter().take(200).position(f);
    let anchor = [first(&|p| header::is_motto(&p.text)), first(&|p| header::number_line(&p.text).is_some())]
        .into_iter()
        .flatten()
        .min()
        .or_else(|| first(&|p| header::is_kind_line(&p.text)));
    let Some(mut start) = anchor else { return 0 };
    // Back over the issuer's lines (capitals) just before.
    let mut back = 0;
    while start > 0 && back < 6 {
        let t = &paras[start - 1].text;
        if header::is_rule(t) || (header::is_name_line(t) && t.chars().count() < 80) {
            start -= 1;
            back += 1;
        } else {
            break;
        }
    }
    start
}

/// `web`: the source is a text file, which may carry a website's text around the document.
pub fn recognise(all: &[Paragraph], web: bool) -> Draft {
    let mut d = Draft { kind: "ke-hoach", parts: "roman", ..Draft::default() };
    let body_end = all.iter().position(|p| p.footnote).unwrap_or(all.len());
    let paras = &all[..body_end];
    let start = start_of(paras);
    if start > 0 {
        d.note(NoteKind::Skipped, "import.skipped-before", Some(0), format!("{}", start));
    }
    let near = start..paras.len().min(start + 60);
    let miswritten = |p: &Paragraph| p.centered && p.cell.is_none() && header::kind_in_any_case(&p.text).is_some();
    let kind_at = near
        .clone()
        .find(|&i| header::is_kind_line(&paras[i].text))
        .or_else(|| near.clone().find(|&i| miswritten(&paras[i])));
    // The "DỰ THẢO" mark of a draft, printed above or beside the header.
    d.draft = paras[..kind_at.unwrap_or(start).min(paras.len())].iter().any(|p| header::is_draft_mark(&p.text));
    let frame_end = kind_at.unwrap_or(start);
    let frame = header::frame(paras, start, frame_end);
    let (parent, issuer) = header::issuer_names(&frame.issuer_lines);
    d.parent = parent;
    d.issuer = issuer;
    d.place = frame.place.clone();
    if let Some((_, code, _)) = &frame.number {
        d.abbr = code.split_once('-').map(|(_, a)| a.to_string());
    }
    let proper = Casing::learn(paras);
    d.year = frame.date.as_ref().and_then(|(w, _)| w.blank_year);
    let mut i = match kind_at {
        Some(k) => {
            d.kind = header::kind_in_any_case(&paras[k].text).unwrap_or("ke-hoach");
            k + 1
        }
        None => {
            d.note(NoteKind::Missing, "import.missing-kind", None, "");
            start
        }
    };
    if d.kind == "quyet-dinh" {
        let mut decision = Decision { punctuate: true, ..Decision::default() };
        if let Some((n, code, at)) = &frame.number {
            decision.number = n.map(|n| (n, *at));
            decision.code = Some(Val::new(code.clone(), *at));
        }
        decision.date = frame.date.clone().filter(|(w, _)| !w.written.is_empty());
        i = tail::decision(paras, i, &mut decision, &mut d);
        // "- Như Điều 3;" is printed from the articles; other wording is kept.
        let generated = format!("Như Điều {}", decision.articles.len());
        match d.recipients.first() {
            Some(r) if r.text == generated => {
                d.recipients.remove(0);
            }
            Some(r) if crate::import::paragraph::fold(&r.text).starts_with("nhu ") => {
                decision.recipients_first = Some(d.recipients.remove(0));
            }
            _ => decision.recipients_first = Some(Val::default()),
        }
        d.decision = Some(decision);
        // The attached plan: its own title block, then its body.
        let next_kind = (i..paras.len()).find(|&k| header::kind_of(&paras[k].text).is_some_and(|k| k != "quyet-dinh"));
        match next_kind {
            Some(k) => {
                d.kind = header::kind_of(&paras[k].text).unwrap_or("ke-hoach");
                i = k + 1;
            }
            None => {
                d.note(NoteKind::Missing, "import.missing-attached", None, "");
                return finish(d);
            }
        }
    } else {
        if let Some((n, code, at)) = &frame.number {
            d.number = n.map(|n| (n, *at));
            d.code = Some(Val::new(code.clone(), *at));
        }
        d.date = frame.date.clone().filter(|(w, _)| !w.written.is_empty());
    }
    // Trích yếu: the paragraph after the kind, and further centred ones.
    while i < paras.len() && header::is_rule(&paras[i].text) {
        i += 1;
    }
    if i < paras.len() && body::is_part_heading(&paras[i]).is_none() {
        let mut summary = Val::new(proper.apply(&paras[i].text), i);
        // A trích yếu of two lines whose first line fills the width (a PDF) is
        // known by its centred second line.
        let centred = paras[i].centered || paras.get(i + 1).is_some_and(|p| p.centered && p.cell.is_none());
        i += 1;
        while centred
            && i < paras.len()
            && paras[i].centered
            && !header::is_rule(&paras[i].text)
            && !paras[i].text.starts_with('(')
        {
            summary.text = format!("{} {}", summary.text, proper.apply(&paras[i].text));
            summary.from.push(i);
            i += 1;
        }
        d.summary = Some(summary);
    }
    // "(Kèm theo Quyết định số …)" under an attached plan's title is printed from the decision.
    while i < paras.len()
        && (header::is_rule(&paras[i].text) || (d.decision.is_some() && is_attached_line(&paras[i].text)))
    {
        i = after_attached_line(paras, i);
    }
    let tail_at = tail::start(paras, i);
    body::read(paras, i, tail_at, &proper, &mut d, all);
    let after = tail::read(paras, tail_at, &mut d);
    tail::appendices(paras, after, &proper, web, &mut d);
    finish(d)
}

/// The index after "(Kèm theo …)", which may wrap over lines until its ")".
pub fn after_attached_line(paras: &[Paragraph], mut i: usize) -> usize {
    if !is_attached_line(&paras[i].text) {
        return i + 1;
    }
    let limit = (i + 4).min(paras.len() - 1);
    while i < limit && !paras[i].text.trim_end().ends_with(')') {
        i += 1;
    }
    i + 1
}

pub fn is_attached_line(text: &str) -> bool {
    let k = crate::import::paragraph::fold(text);
    k.starts_with("(kem theo") || k.starts_with("(ban hanh kem theo")
}

/// The notes about what the whole document lacks or writes wrongly.
fn finish(mut d: Draft) -> Draft {
    if d.issuer.is_none() {
        d.note(NoteKind::Missing, "import.missing-issuer", None, "");
    }
    if d.signature.name.is_none() {
        d.note(NoteKind::Missing, "import.missing-signature", None, "");
    }
    if let Some((w, at)) = &d.date {
        if w.date.is_none() {
            d.note(NoteKind::Defect, "import.date-malformed", Some(*at), w.written.clone());
        } else if w.zero_padded {
            d.note(NoteKind::Defect, "import.date-zero", Some(*at), w.written.clone());
        }
    }
    d
}
