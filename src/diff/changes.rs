//! Plan × Plan → the changes a legal reviewer reads, matched by id, not position.
//!
//! An indicator is the same indicator when its id is the same: a new target is
//! one "target changed" entry, a renumbering is nothing, a change of objective
//! is a move. Text is compared word by word after NFC and tone-mark
//! normalisation.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use super::words::{same, segments, Segment};
use crate::compose::indicator_sentence;
use crate::diag::{Lang, Msg};
use crate::model::{Indicator, Plan};
use crate::templates::Templates;
use crate::vi::{date, number::integer};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Metadata,
    Basis,
    ObjectiveAdded,
    ObjectiveRemoved,
    ObjectiveText,
    IndicatorAdded,
    IndicatorRemoved,
    IndicatorMoved,
    IndicatorText,
    TargetChanged,
    LeadChanged,
    SupportChanged,
    SectionAdded,
    SectionRemoved,
    SectionText,
    AgencyRenamed,
    DutyAdded,
    DutyRemoved,
    DutyText,
    BudgetChanged,
    ReportingChanged,
    RecipientAdded,
    RecipientRemoved,
    ArchiveChanged,
    SignatureChanged,
    DecisionText,
}

impl Kind {
    fn key(self) -> &'static str {
        match self {
            Kind::Metadata => "diff.metadata",
            Kind::Basis => "diff.basis",
            Kind::ObjectiveAdded => "diff.objective-added",
            Kind::ObjectiveRemoved => "diff.objective-removed",
            Kind::ObjectiveText => "diff.objective-text",
            Kind::IndicatorAdded => "diff.indicator-added",
            Kind::IndicatorRemoved => "diff.indicator-removed",
            Kind::IndicatorMoved => "diff.indicator-moved",
            Kind::IndicatorText => "diff.indicator-text",
            Kind::TargetChanged => "diff.target-changed",
            Kind::LeadChanged => "diff.lead-changed",
            Kind::SupportChanged => "diff.support-changed",
            Kind::SectionAdded => "diff.section-added",
            Kind::SectionRemoved => "diff.section-removed",
            Kind::SectionText => "diff.section-text",
            Kind::AgencyRenamed => "diff.agency-renamed",
            Kind::DutyAdded => "diff.duty-added",
            Kind::DutyRemoved => "diff.duty-removed",
            Kind::DutyText => "diff.duty-text",
            Kind::BudgetChanged => "diff.budget-changed",
            Kind::ReportingChanged => "diff.reporting-changed",
            Kind::RecipientAdded => "diff.recipient-added",
            Kind::RecipientRemoved => "diff.recipient-removed",
            Kind::ArchiveChanged => "diff.archive-changed",
            Kind::SignatureChanged => "diff.signature-changed",
            Kind::DecisionText => "diff.decision-text",
        }
    }

    /// What happened, in the reader's language ("mục tiêu thay đổi").
    pub fn describe(self, lang: Lang) -> String {
        Msg::new(self.key()).render(lang)
    }
}

/// One change between two versions.
#[derive(Clone, Debug, Serialize)]
pub struct Change {
    pub kind: Kind,
    /// The id of the indicator, objective, section or agency, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Where in the document ("Chỉ tiêu 3 (Mục tiêu 1)"), as a message.
    #[serde(skip)]
    pub provision: Msg,
    pub old: Option<String>,
    pub new: Option<String>,
    /// The word diff of `old` and `new`, when both are text.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<Segment>,
    /// The drafter's explanation (`note` on the new item), for the reviewer's column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Why two plans cannot be compared.
#[derive(Debug)]
pub enum NotComparable {
    Kinds(String, String),
    DuplicateId(String),
}

struct Diff<'a> {
    tones: bool,
    out: Vec<Change>,
    old: &'a Plan,
    new: &'a Plan,
    templates: &'a Templates,
}

fn opt(s: Option<&str>) -> Option<String> {
    s.map(|x| x.trim().to_string()).filter(|x| !x.is_empty())
}

impl Diff<'_> {
    /// The indicator as printed; its raw text if the sentence template fails
    /// (the render of the same plan reports that error).
    fn sentence(&self, ind: &Indicator) -> String {
        indicator_sentence(ind, self.templates).unwrap_or_else(|_| ind.text.value.clone())
    }

    fn push(
        &mut self,
        kind: Kind,
        id: Option<&str>,
        provision: Msg,
        old: Option<String>,
        new: Option<String>,
        note: Option<String>,
    ) {
        let words = match (&old, &new) {
            (Some(a), Some(b)) => segments(a, b, self.tones),
            _ => Vec::new(),
        };
        self.out.push(Change { kind, id: id.map(str::to_string), provision, old, new, words, note });
    }

    /// A value that changed as a whole (a target, a lead): old and new, no word diff.
    fn value(
        &mut self,
        kind: Kind,
        id: Option<&str>,
        provision: Msg,
        old: Option<String>,
        new: Option<String>,
        note: Option<String>,
    ) {
        self.out.push(Change { kind, id: id.map(str::to_string), provision, old, new, words: Vec::new(), note });
    }

    /// Free text compared paragraph by paragraph: each changed, added or removed
    /// paragraph is one change, located by the numbered clause it falls under.
    fn paragraphs(&mut self, kind: Kind, id: Option<&str>, provision: Msg, old: Option<&str>, new: Option<&str>) {
        let split = |t: Option<&str>| -> Vec<String> {
            t.map(|t| t.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect())
                .unwrap_or_default()
        };
        let (a, b) = (split(old), split(new));
        let key = |p: &String| {
            super::words::tokens(p).into_iter().map(|t| super::normalize::key(t, self.tones)).collect::<String>()
        };
        let ka: Vec<String> = a.iter().map(key).collect();
        let kb: Vec<String> = b.iter().map(key).collect();
        // The clause a paragraph falls under: the last "# 1. …" heading before it.
        let clause = |list: &[String], i: usize| {
            list[..=i.min(list.len().saturating_sub(1))].iter().rev().find(|l| l.starts_with('#')).map(|h| {
                let h = h.trim_start_matches('#').trim();
                let short: String = h.chars().take(60).collect();
                if short.len() < h.len() {
                    format!("{short}…")
                } else {
                    short
                }
            })
        };
        let at = |list: &[String], i: usize| match clause(list, i) {
            Some(c) => Msg::new("diff.at-within").arg_msg("base", provision.clone()).arg("clause", c),
            None => provision.clone(),
        };
        for op in super::words::diff_ops(&ka, &kb) {
            match op {
                similar::DiffOp::Equal { .. } => {}
                similar::DiffOp::Delete { old_index, old_len, .. } => {
                    for i in old_index..old_index + old_len {
                        self.push(kind, id, at(&a, i), Some(a[i].clone()), None, None);
                    }
                }
                similar::DiffOp::Insert { new_index, new_len, .. } => {
                    for i in new_index..new_index + new_len {
                        self.push(kind, id, at(&b, i), None, Some(b[i].clone()), None);
                    }
                }
                similar::DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                    for k in 0..old_len.max(new_len) {
                        let (x, y) = (
                            a.get(old_index + k).filter(|_| k < old_len),
                            b.get(new_index + k).filter(|_| k < new_len),
                        );
                        let place = if y.is_some() { at(&b, new_index + k) } else { at(&a, old_index + k) };
                        self.push(kind, id, place, x.cloned(), y.cloned(), None);
                    }
                }
            }
        }
    }

    /// Records a text change when the two texts differ under the comparison rule.
    fn text(&mut self, kind: Kind, id: Option<&str>, provision: Msg, old: Option<&str>, new: Option<&str>) {
        let (a, b) = (opt(old), opt(new));
        let differ = match (&a, &b) {
            (Some(x), Some(y)) => !same(x, y, self.tones),
            (None, None) => false,
            _ => true,
        };
        if differ {
            self.push(kind, id, provision, a, b, None);
        }
    }
}

fn indicator_label(number: usize, objective: usize) -> Msg {
    Msg::new("diff.at-indicator").arg("number", number).arg("objective", objective)
}

fn agency_name(plan: &Plan, id: &str) -> String {
    plan.agencies.get(id).map_or_else(|| id.to_string(), |a| a.name.clone())
}

fn names(plan: &Plan, ids: &[String]) -> String {
    ids.iter().map(|i| agency_name(plan, i)).collect::<Vec<_>>().join(", ")
}

/// An indicator with its number, its objective's number and its objective's id.
type Placed<'a> = (usize, usize, String, &'a Indicator);

/// Indicators by id, placed.
fn indicator_map(plan: &Plan) -> Result<HashMap<String, Placed<'_>>, NotComparable> {
    let mut out = HashMap::new();
    let mut number = 0;
    for (k, o) in plan.objectives.iter().enumerate() {
        for i in &o.indicators {
            number += 1;
            if out.insert(i.id.value.clone(), (number, k + 1, o.id.value.clone(), i)).is_some() {
                return Err(NotComparable::DuplicateId(i.id.value.clone()));
            }
        }
    }
    Ok(out)
}

fn kind_label(plan: &Plan) -> String {
    let decision = if plan.decision.is_some() { " + Quyết định" } else { "" };
    format!("{}{decision}", plan.document.kind.name())
}

pub fn compare(old: &Plan, new: &Plan, tones: bool, templates: &Templates) -> Result<Vec<Change>, NotComparable> {
    if *old.document.kind != *new.document.kind || old.decision.is_some() != new.decision.is_some() {
        return Err(NotComparable::Kinds(kind_label(old), kind_label(new)));
    }
    // Matching is by id: two entries with one id cannot be matched.
    for plan in [old, new] {
        let objectives = plan.objectives.iter().map(|o| o.id.as_str());
        let sections = plan.sections.iter().filter_map(|s| s.id.as_deref().map(String::as_str));
        for ids in [objectives.collect::<Vec<_>>(), sections.collect()] {
            let mut seen = std::collections::HashSet::new();
            if let Some(dup) = ids.into_iter().find(|id| !seen.insert(*id)) {
                return Err(NotComparable::DuplicateId(dup.to_string()));
            }
        }
    }
    let mut d = Diff { tones, out: Vec::new(), old, new, templates };
    metadata(&mut d);
    objectives(&mut d)?;
    sections(&mut d);
    agencies(&mut d);
    duties(&mut d);
    budget(&mut d);
    reporting(&mut d);
    closing(&mut d);
    Ok(d.out)
}

fn metadata(d: &mut Diff) {
    let (old, new) = (d.old, d.new);
    let code = |p: &Plan| p.document_code().printed("");
    let when = |p: &Plan| p.issue_date().map(date::long);
    d.text(Kind::Metadata, None, Msg::new("diff.at-number"), Some(&code(old)), Some(&code(new)));
    d.text(Kind::Metadata, None, Msg::new("diff.at-date"), when(old).as_deref(), when(new).as_deref());
    d.text(Kind::Metadata, None, Msg::new("diff.at-place"), Some(&old.document.place), Some(&new.document.place));
    d.text(Kind::Metadata, None, Msg::new("diff.at-summary"), Some(&old.document.summary), Some(&new.document.summary));
    let period = |p: &Plan| p.document.period.as_ref().map(|x| format!("{} - {}", x.0, x.1));
    d.text(Kind::Metadata, None, Msg::new("diff.at-period"), period(old).as_deref(), period(new).as_deref());
    d.text(Kind::Metadata, None, Msg::new("diff.at-issuer"), Some(&old.issuer.name), Some(&new.issuer.name));
    let bases = |p: &Plan| p.bases.iter().map(|b| b.value.clone()).collect::<Vec<_>>().join("; ");
    d.text(Kind::Basis, None, Msg::new("diff.at-bases"), Some(&bases(old)), Some(&bases(new)));
    d.paragraphs(
        Kind::Basis,
        None,
        Msg::new("diff.at-preamble"),
        old.preamble.as_deref().map(String::as_str),
        new.preamble.as_deref().map(String::as_str),
    );
    if let (Some(a), Some(b)) = (&old.decision, &new.decision) {
        d.text(Kind::DecisionText, None, Msg::new("diff.at-decision-summary"), Some(&a.summary), Some(&b.summary));
        let n = a.articles.len().max(b.articles.len());
        for i in 0..n {
            let (x, y) = (a.articles.get(i).map(|s| s.as_str()), b.articles.get(i).map(|s| s.as_str()));
            d.text(Kind::DecisionText, None, Msg::new("diff.at-article").arg("number", i + 1), x, y);
        }
        let join =
            |v: &[crate::model::Spanned<String>]| v.iter().map(|s| s.value.clone()).collect::<Vec<_>>().join("; ");
        d.text(
            Kind::DecisionText,
            None,
            Msg::new("diff.at-decision-bases"),
            Some(&join(&a.bases)),
            Some(&join(&b.bases)),
        );
    }
}

fn objectives(d: &mut Diff) -> Result<(), NotComparable> {
    let (old, new) = (d.old, d.new);
    let old_objectives: HashMap<&str, (usize, &crate::model::Objective)> =
        old.objectives.iter().enumerate().map(|(k, o)| (o.id.as_str(), (k + 1, o))).collect();
    for (k, o) in new.objectives.iter().enumerate() {
        let at = Msg::new("diff.at-objective").arg("number", k + 1);
        match old_objectives.get(o.id.as_str()) {
            None => d.push(
                Kind::ObjectiveAdded,
                Some(&o.id),
                at,
                None,
                Some(o.title.value.clone()),
                opt(o.note.as_deref().map(String::as_str)),
            ),
            Some((_, before)) => {
                d.text(Kind::ObjectiveText, Some(&o.id), at.clone(), Some(&before.title), Some(&o.title));
                d.paragraphs(
                    Kind::ObjectiveText,
                    Some(&o.id),
                    at,
                    before.body.as_deref().map(String::as_str),
                    o.body.as_deref().map(String::as_str),
                );
            }
        }
    }
    for (k, o) in old.objectives.iter().enumerate() {
        if !new.objectives.iter().any(|n| n.id == o.id) {
            d.push(
                Kind::ObjectiveRemoved,
                Some(&o.id),
                Msg::new("diff.at-objective").arg("number", k + 1),
                Some(o.title.value.clone()),
                None,
                None,
            );
        }
    }

    let before = indicator_map(old)?;
    let after = indicator_map(new)?;
    let mut ids: Vec<(&String, usize)> = after.iter().map(|(id, v)| (id, v.0)).collect();
    ids.sort_by_key(|x| x.1);
    for (id, _) in ids {
        let (number, objective, objective_id, ind) = &after[id];
        let at = indicator_label(*number, *objective);
        let note = opt(ind.note.as_deref().map(String::as_str));
        let Some((_, old_objective, old_objective_id, was)) = before.get(id) else {
            d.push(Kind::IndicatorAdded, Some(id), at, None, Some(d.sentence(ind)), note);
            continue;
        };
        if old_objective_id != objective_id {
            let from = Msg::new("diff.at-objective").arg("number", old_objective).render(Lang::Vi);
            let to = Msg::new("diff.at-objective").arg("number", objective).render(Lang::Vi);
            d.value(Kind::IndicatorMoved, Some(id), at.clone(), Some(from), Some(to), note.clone());
        }
        d.text(Kind::IndicatorText, Some(id), at.clone(), Some(&was.text), Some(&ind.text));
        let target = |i: &Indicator| i.target.as_ref().and_then(|t| t.value_text());
        if target(was) != target(ind) {
            d.value(Kind::TargetChanged, Some(id), at.clone(), target(was), target(ind), note.clone());
        }
        let leads = |i: &Indicator| i.lead.as_ref().map(|l| l.0.clone()).unwrap_or_default();
        if leads(was) != leads(ind) {
            let (a, b) = (names(old, &leads(was)), names(new, &leads(ind)));
            d.value(Kind::LeadChanged, Some(id), at.clone(), Some(a), Some(b), note.clone());
        }
        let support = |i: &Indicator| i.support.iter().map(|s| s.value.clone()).collect::<BTreeSet<_>>();
        if support(was) != support(ind) {
            let added: Vec<String> = support(ind).difference(&support(was)).cloned().collect();
            let removed: Vec<String> = support(was).difference(&support(ind)).cloned().collect();
            d.value(
                Kind::SupportChanged,
                Some(id),
                at,
                (!removed.is_empty()).then(|| names(old, &removed)),
                (!added.is_empty()).then(|| names(new, &added)),
                note,
            );
        }
    }
    let mut gone: Vec<_> = before.iter().filter(|(id, _)| !after.contains_key(*id)).collect();
    gone.sort_by_key(|(_, v)| v.0);
    for (id, (number, objective, _, ind)) in gone {
        d.push(
            Kind::IndicatorRemoved,
            Some(id),
            indicator_label(*number, *objective),
            Some(d.sentence(ind)),
            None,
            None,
        );
    }
    Ok(())
}

fn section_key(s: &crate::model::Section) -> String {
    s.id.as_ref().map_or_else(|| super::normalize::tone_key(&s.title.to_lowercase()), |i| i.value.clone())
}

fn section_text(s: &crate::model::Section) -> String {
    [s.body.as_deref(), s.body_after.as_deref()]
        .into_iter()
        .flatten()
        .map(|x| x.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn sections(d: &mut Diff) {
    let (old, new) = (d.old, d.new);
    for (k, s) in new.sections.iter().enumerate() {
        let at =
            Msg::new("diff.at-section").arg("number", crate::vi::number::roman(k + 1)).arg("title", s.title.as_str());
        match old.sections.iter().find(|o| section_key(o) == section_key(s)) {
            None => {
                d.push(Kind::SectionAdded, s.id.as_deref().map(String::as_str), at, None, Some(section_text(s)), None)
            }
            Some(o) => {
                d.text(
                    Kind::SectionText,
                    s.id.as_deref().map(String::as_str),
                    at.clone(),
                    Some(&o.title),
                    Some(&s.title),
                );
                d.paragraphs(
                    Kind::SectionText,
                    s.id.as_deref().map(String::as_str),
                    at,
                    Some(&section_text(o)),
                    Some(&section_text(s)),
                );
            }
        }
    }
    for (k, o) in old.sections.iter().enumerate() {
        if !new.sections.iter().any(|s| section_key(s) == section_key(o)) {
            let at = Msg::new("diff.at-section")
                .arg("number", crate::vi::number::roman(k + 1))
                .arg("title", o.title.as_str());
            d.push(Kind::SectionRemoved, o.id.as_deref().map(String::as_str), at, Some(section_text(o)), None, None);
        }
    }
}

fn agencies(d: &mut Diff) {
    let (old, new) = (d.old, d.new);
    for (id, a) in &new.agencies {
        if let Some(b) = old.agencies.get(id) {
            if !same(&a.name, &b.name, d.tones) {
                d.push(
                    Kind::AgencyRenamed,
                    Some(id),
                    Msg::new("diff.at-agency").arg("id", id),
                    Some(b.name.clone()),
                    Some(a.name.clone()),
                    None,
                );
            }
        }
    }
}

fn duties(d: &mut Diff) {
    let (old, new) = (d.old, d.new);
    for duty in &new.duties {
        let at = Msg::new("diff.at-duty").arg("agency", agency_name(new, &duty.agency));
        match old.duties.iter().find(|o| o.agency.value == duty.agency.value) {
            None => {
                d.push(Kind::DutyAdded, Some(&duty.agency), at, None, duty.body.as_deref().map(|b| b.to_string()), None)
            }
            Some(o) => {
                let title = |x: &crate::model::Duty, p: &Plan| {
                    x.title.as_deref().cloned().unwrap_or_else(|| agency_name(p, &x.agency))
                };
                d.text(Kind::DutyText, Some(&duty.agency), at.clone(), Some(&title(o, old)), Some(&title(duty, new)));
                d.paragraphs(
                    Kind::DutyText,
                    Some(&duty.agency),
                    at,
                    o.body.as_deref().map(String::as_str),
                    duty.body.as_deref().map(String::as_str),
                );
            }
        }
    }
    for o in &old.duties {
        if !new.duties.iter().any(|n| n.agency.value == o.agency.value) {
            let at = Msg::new("diff.at-duty").arg("agency", agency_name(old, &o.agency));
            d.push(Kind::DutyRemoved, Some(&o.agency), at, o.body.as_deref().map(|b| b.to_string()), None, None);
        }
    }
}

fn budget(d: &mut Diff) {
    let (old, new) = (d.old, d.new);
    let total = |p: &Plan| p.budget.as_ref().and_then(|b| b.total.as_ref()).map(|t| format!("{} đồng", integer(**t)));
    if total(old) != total(new) {
        d.value(Kind::BudgetChanged, None, Msg::new("diff.at-budget-total"), total(old), total(new), None);
    }
    let sources = |p: &Plan| -> Vec<(String, String)> {
        p.budget
            .as_ref()
            .into_iter()
            .flat_map(|b| &b.sources)
            .map(|s| (s.name.value.clone(), format!("{} đồng", integer(*s.amount))))
            .collect()
    };
    let (a, b) = (sources(old), sources(new));
    for (name, amount) in &b {
        let before = a.iter().find(|(n, _)| same(n, name, d.tones)).map(|(_, x)| x.clone());
        if before.as_ref() != Some(amount) {
            d.value(
                Kind::BudgetChanged,
                None,
                Msg::new("diff.at-budget-source").arg("name", name),
                before,
                Some(amount.clone()),
                None,
            );
        }
    }
    for (name, amount) in &a {
        if !b.iter().any(|(n, _)| same(n, name, d.tones)) {
            d.push(
                Kind::BudgetChanged,
                None,
                Msg::new("diff.at-budget-source").arg("name", name),
                Some(amount.clone()),
                None,
                None,
            );
        }
    }
    let body = |p: &Plan| p.budget.as_ref().and_then(|b| b.body.as_deref().cloned());
    d.paragraphs(Kind::BudgetChanged, None, Msg::new("diff.at-budget"), body(old).as_deref(), body(new).as_deref());
}

fn reporting(d: &mut Diff) {
    let (old, new) = (d.old, d.new);
    let text = |p: &Plan| {
        p.reporting.as_ref().map(|r| {
            let deadlines: Vec<String> = r
                .deadlines
                .iter()
                .map(|x| {
                    format!("{}: {}", x.what.as_str(), x.before.day().map_or_else(|| x.before.to_string(), date::short))
                })
                .collect();
            [r.body.as_deref().map(|b| b.to_string()).unwrap_or_default(), deadlines.join("; ")]
                .join("\n")
                .trim()
                .to_string()
        })
    };
    d.paragraphs(
        Kind::ReportingChanged,
        None,
        Msg::new("diff.at-reporting"),
        text(old).as_deref(),
        text(new).as_deref(),
    );
    d.paragraphs(
        Kind::Basis,
        None,
        Msg::new("diff.at-closing"),
        old.closing.as_deref().map(String::as_str),
        new.closing.as_deref().map(String::as_str),
    );
}

fn closing(d: &mut Diff) {
    let (old, new) = (d.old, d.new);
    for r in &new.recipients.to {
        if !old.recipients.to.iter().any(|o| same(o, r, d.tones)) {
            d.push(Kind::RecipientAdded, None, Msg::new("diff.at-recipients"), None, Some(r.value.clone()), None);
        }
    }
    for r in &old.recipients.to {
        if !new.recipients.to.iter().any(|n| same(n, r, d.tones)) {
            d.push(Kind::RecipientRemoved, None, Msg::new("diff.at-recipients"), Some(r.value.clone()), None, None);
        }
    }
    let archive = |p: &Plan| p.recipients.archive.iter().map(|a| a.value.clone()).collect::<Vec<_>>().join(", ");
    d.text(Kind::ArchiveChanged, None, Msg::new("diff.at-archive"), Some(&archive(old)), Some(&archive(new)));
    let signature = |p: &Plan| {
        let mut lines = p.signature.lines();
        lines.push(p.signature.name.value.clone());
        lines.join(" / ")
    };
    d.text(Kind::SignatureChanged, None, Msg::new("diff.at-signature"), Some(&signature(old)), Some(&signature(new)));
}
