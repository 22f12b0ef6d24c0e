//! The recognised draft as a plan file: TOML in the order of the samples, every
//! value's source paragraph remembered, and comments where a person should look.

use std::fmt::Write;
use std::ops::Range;

use super::recognise::{Draft, Val};
use super::{Note, NoteKind};
use crate::diag::Lang;

/// TOML text and, for each value written, the paragraph it came from.
pub struct Emitted {
    pub toml: String,
    pub origins: Vec<(Range<usize>, usize)>,
}

struct Out<'a> {
    s: String,
    origins: Vec<(Range<usize>, usize)>,
    notes: &'a [Note],
    lang: Lang,
    /// Notes already written as comments.
    used: Vec<bool>,
    /// Paragraph → the notes about it.
    by_paragraph: std::collections::HashMap<usize, Vec<usize>>,
}

/// A TOML string: literal when it can be (no escapes to read), basic otherwise.
fn quoted(text: &str) -> String {
    let multiline = text.contains('\n');
    let plain = !text.chars().any(|c| c.is_control() && c != '\n' && c != '\t');
    if multiline && plain && !text.contains("'''") && !text.ends_with('\'') {
        return format!("'''\n{text}\n'''");
    }
    if !multiline && plain && !text.contains('\'') && !text.is_empty() && (text.contains('"') || text.contains('\\')) {
        return format!("'{text}'");
    }
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Out<'_> {
    fn comments_for(&mut self, from: &[usize]) {
        for p in from {
            for &k in self.by_paragraph.get(p).map(Vec::as_slice).unwrap_or(&[]) {
                let n = &self.notes[k];
                if !self.used[k] && n.kind != NoteKind::Recognised {
                    self.used[k] = true;
                    let _ = writeln!(self.s, "# {}", n.message(self.lang));
                }
            }
        }
    }

    fn raw(&mut self, key: &str, value: &str, from: Option<usize>) {
        let _ = write!(self.s, "{key} = ");
        let start = self.s.len();
        self.s.push_str(value);
        if let Some(p) = from {
            self.origins.push((start..self.s.len(), p));
        }
        self.s.push('\n');
    }

    fn val(&mut self, key: &str, v: &Val) {
        self.comments_for(&v.from);
        self.raw(key, &quoted(&v.text), v.from.first().copied());
    }

    fn opt(&mut self, key: &str, v: &Option<Val>) {
        if let Some(v) = v {
            self.val(key, v);
        }
    }

    fn missing(&mut self, key: &str, note: &'static str) {
        let _ = writeln!(self.s, "# {}", Note::simple(NoteKind::Missing, note).message(self.lang));
        self.raw(key, "\"\"", None);
    }

    fn list(&mut self, key: &str, items: &[Val]) {
        if items.is_empty() {
            return;
        }
        let _ = writeln!(self.s, "{key} = [");
        for v in items {
            self.comments_for(&v.from);
            self.s.push_str("  ");
            let start = self.s.len();
            self.s.push_str(&quoted(&v.text));
            if let Some(p) = v.from.first() {
                self.origins.push((start..self.s.len(), *p));
            }
            self.s.push_str(",\n");
        }
        self.s.push_str("]\n");
    }
}

fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

fn date_value(w: &super::recognise::header::WrittenDate) -> String {
    match w.date {
        Some(d) => d.format("%Y-%m-%d").to_string(),
        None => quoted(&w.written),
    }
}

pub fn emit(d: &Draft, source: &str, lang: Lang) -> Emitted {
    let mut by_paragraph: std::collections::HashMap<usize, Vec<usize>> = Default::default();
    for (k, n) in d.notes.iter().enumerate() {
        if let Some(p) = n.paragraph {
            by_paragraph.entry(p).or_default().push(k);
        }
    }
    let mut o = Out {
        s: String::new(),
        origins: Vec::new(),
        notes: &d.notes,
        lang,
        used: vec![false; d.notes.len()],
        by_paragraph,
    };
    let _ = writeln!(o.s, "# {}", Note::with(NoteKind::Recognised, "import.header", source).message(lang));
    for n in d.notes.iter().filter(|n| n.paragraph.is_none()) {
        let _ = writeln!(o.s, "# {}", n.message(lang));
    }
    o.s.push('\n');
    if let Some(p) = &d.preamble {
        o.val("preamble", p);
    }
    if let Some(c) = &d.closing {
        o.val("closing", c);
    }

    o.s.push_str("\n[document]\n");
    o.raw("kind", &quoted(d.kind), None);
    if let Some((n, at)) = d.number {
        o.raw("number", &n.to_string(), Some(at));
    }
    if let Some(code) = &d.code {
        let default = d.abbr.as_ref().map(|a| format!("{}-{a}", kind_abbr(d.kind)));
        if default.as_deref() != Some(code.text.as_str()) {
            o.val("code", code);
        }
    }
    if d.draft || (d.decision.is_none() && d.number.is_none() && d.date.as_ref().is_none_or(|(w, _)| w.date.is_none()))
    {
        o.raw("status", "\"draft\"", None);
    }
    match &d.place {
        Some(p) => o.val("place", p),
        None => o.missing("place", "import.missing-place"),
    }
    if let Some((w, at)) = &d.date {
        o.comments_for(&[*at]);
        o.raw("date", &date_value(w), Some(*at));
    }
    match &d.summary {
        Some(s) => o.val("summary", s),
        None => o.missing("summary", "import.missing-summary"),
    }
    if let Some(y) = d.year {
        o.raw("period", &format!("[{y}, {y}]"), None);
    }
    if d.parts != "roman" {
        o.raw("parts", &quoted(d.parts), None);
    }

    o.s.push_str("\n[issuer]\n");
    o.opt("parent", &d.parent);
    match &d.issuer {
        Some(i) => o.val("name", i),
        None => o.missing("name", "import.missing-issuer"),
    }
    o.raw("abbr", &quoted(d.abbr.as_deref().unwrap_or("UBND")), d.code.as_ref().and_then(|c| c.from.first().copied()));

    if let Some(dec) = &d.decision {
        o.s.push_str("\n[decision]\n");
        if let Some((n, at)) = dec.number {
            o.raw("number", &n.to_string(), Some(at));
        }
        if let Some(code) = &dec.code {
            let default = d.abbr.as_ref().map(|a| format!("QĐ-{a}"));
            if default.as_deref() != Some(code.text.as_str()) {
                o.val("code", code);
            }
        }
        if let Some((w, at)) = &dec.date {
            o.raw("date", &date_value(w), Some(*at));
        }
        match &dec.summary {
            Some(s) => o.val("summary", s),
            None => o.missing("summary", "import.missing-summary"),
        }
        match &dec.authority {
            Some(a) => o.val("authority", a),
            None => o.missing("authority", "import.missing-authority"),
        }
        o.list("bases", &dec.bases);
        o.opt("proposal", &dec.proposal);
        if !dec.punctuate {
            o.raw("punctuate", "false", None);
        }
        o.list("articles", &dec.articles);
        o.opt("after", &dec.after);
        if let Some(first) = &dec.recipients_first {
            o.raw("recipients_first", &quoted(&first.text), first.from.first().copied());
        }
    }

    if !d.agencies.is_empty() {
        o.s.push_str("\n[agencies]\n");
        for a in &d.agencies {
            o.comments_for(&a.name.from);
            let _ = write!(o.s, "{} = {{ name = ", a.id);
            let start = o.s.len();
            o.s.push_str(&quoted(&a.name.text));
            if let Some(p) = a.name.from.first() {
                o.origins.push((start..o.s.len(), *p));
            }
            if let Some(short) = &a.short {
                let _ = write!(o.s, ", short = {}", quoted(short));
            }
            o.s.push_str(" }\n");
        }
    }

    for (n, obj) in d.objectives.iter().enumerate() {
        o.s.push_str("\n[[objectives]]\n");
        o.raw("id", &quoted(&format!("muc-tieu-{}", n + 1)), None);
        match &obj.title {
            Some(t) => o.val("title", t),
            None => o.raw("title", "\"\"", None),
        }
        o.opt("body", &obj.body);
        for ind in &obj.indicators {
            o.s.push_str("\n[[objectives.indicators]]\n");
            o.comments_for(&[ind.from]);
            o.raw("id", &quoted(&format!("chi-tieu-{}", ind.number)), None);
            o.raw("text", &quoted(&ind.reading.text), Some(ind.from));
            let r = &ind.reading;
            if r.value.is_some() || !r.milestones.is_empty() {
                o.raw("target", &target(r), Some(ind.from));
            }
            if r.decrease {
                o.raw("direction", "\"decrease\"", None);
            }
            match ind.lead.as_slice() {
                [] => {}
                [one] => o.raw("lead", &quoted(one), Some(ind.from)),
                many => o.raw(
                    "lead",
                    &format!("[{}]", many.iter().map(|l| quoted(l)).collect::<Vec<_>>().join(", ")),
                    Some(ind.from),
                ),
            }
            if !ind.support.is_empty() {
                o.raw(
                    "support",
                    &format!("[{}]", ind.support.iter().map(|l| quoted(l)).collect::<Vec<_>>().join(", ")),
                    None,
                );
            }
            // Sub-tables last: keys after them would belong to the part.
            for (k, part) in ind.parts.iter().enumerate() {
                o.s.push_str("\n[[objectives.indicators.parts]]\n");
                o.raw("id", &quoted(&format!("chi-tieu-{}-{}", ind.number, k + 2)), None);
                o.raw("text", &quoted(&part.text), Some(ind.from));
                o.raw("target", &target(part), Some(ind.from));
                if part.decrease {
                    o.raw("direction", "\"decrease\"", None);
                }
            }
        }
    }

    let mut ids: Vec<String> = Vec::new();
    for s in &d.sections {
        o.s.push_str("\n[[sections]]\n");
        let base = super::recognise::slug(&s.title.text);
        let mut id = base.clone();
        let mut k = 2;
        while ids.contains(&id) {
            id = format!("{base}-{k}");
            k += 1;
        }
        ids.push(id.clone());
        o.raw("id", &quoted(&id), None);
        o.val("title", &s.title);
        o.opt("body", &s.body);
        if let Some(c) = s.content {
            o.raw("content", &quoted(c), None);
        }
        o.opt("body_after", &s.body_after);
    }

    if let Some(b) = &d.budget {
        o.s.push_str("\n[budget]\n");
        if let Some((t, at)) = b.total {
            o.raw("total", &t.to_string(), Some(at));
        }
        o.opt("body", &b.body);
        for (name, amount) in &b.sources {
            o.s.push_str("\n[[budget.sources]]\n");
            o.val("name", name);
            o.raw("amount", &amount.to_string(), name.from.first().copied());
        }
    }

    for duty in &d.duties {
        o.s.push_str("\n[[duties]]\n");
        o.raw("agency", &quoted(&duty.agency), None);
        o.opt("title", &duty.title);
        if duty.paragraph {
            o.raw("paragraph", "true", None);
        }
        if duty.no_lead_line {
            o.raw("no_lead_line", "true", None);
        }
        o.opt("body", &duty.body);
    }

    if let Some(r) = &d.reporting {
        o.s.push_str("\n[reporting]\n");
        if let Some(to) = &r.to {
            o.raw("to", &quoted(to), None);
        }
        if !r.deadlines.is_empty() {
            o.s.push_str("deadlines = [\n");
            for (what, date) in &r.deadlines {
                let _ = writeln!(o.s, "  {{ what = {}, before = {} }},", quoted(&what.text), date.format("%Y-%m-%d"));
            }
            o.s.push_str("]\n");
        }
        o.opt("body", &r.body);
    }

    if let Some(title) = &d.indicator_appendix {
        o.s.push_str("\n[appendix]\n");
        if let Some(t) = title {
            o.raw("title", &quoted(t), None);
        }
    }
    for (n, a) in d.appendices.iter().enumerate() {
        o.s.push_str("\n[[appendices]]\n");
        o.raw("id", &quoted(&format!("phu-luc-{}", n + 1)), None);
        o.val("title", &a.title);
        o.opt("body", &a.body);
    }

    o.s.push_str("\n[recipients]\n");
    o.list("to", &d.recipients);
    o.list("archive", &d.archive);
    o.opt("drafter", &d.drafter);

    o.s.push_str("\n[signature]\n");
    let sig = &d.signature;
    o.opt("collective", &sig.collective);
    o.opt("authority", &sig.authority);
    o.opt("head", &sig.head);
    o.opt("title", &sig.title);
    match &sig.name {
        Some(n) => o.val("name", n),
        None => o.missing("name", "import.missing-signature"),
    }
    // Notes about paragraphs no value came from (a skipped block, a gap).
    let rest: Vec<String> = d
        .notes
        .iter()
        .enumerate()
        .filter(|(k, n)| !o.used[*k] && n.paragraph.is_some() && n.kind != NoteKind::Recognised)
        .map(|(_, n)| n.message(lang))
        .collect();
    if !rest.is_empty() {
        o.s.push('\n');
        for r in rest {
            let _ = writeln!(o.s, "# {r}");
        }
    }
    Emitted { toml: o.s, origins: o.origins }
}

/// An inline target table: value or milestones, unit, and a verb of the plan's own.
fn target(r: &super::recognise::indicators::Reading) -> String {
    let verb = r.verb.as_ref().map(|v| format!(", verb = {}", quoted(v))).unwrap_or_default();
    if r.milestones.is_empty() {
        format!("{{ value = {}, unit = {}{verb} }}", number(r.value.unwrap_or_default()), quoted(&r.unit))
    } else {
        let ms: Vec<String> = r.milestones.iter().map(|(y, v)| format!("{y} = {}", number(*v))).collect();
        format!("{{ unit = {}, milestones = {{ {} }}{verb} }}", quoted(&r.unit), ms.join(", "))
    }
}

fn kind_abbr(kind: &str) -> &'static str {
    match kind {
        "quyet-dinh" => "QĐ",
        "chuong-trinh" => "CTr",
        "phuong-an" => "PA",
        "de-an" => "ĐA",
        "huong-dan" => "HD",
        _ => "KH",
    }
}
