//! Plan × Plan → the changes a legal reviewer reads.
//!
//! Completeness comes from `tree`: one walk over both plans yields every field
//! that differs, and each one ends up in a change here — worded for the reviewer
//! when this module knows the field, as "field changed" when it does not. Entries
//! are matched by id, not position: a new target is one "target changed" entry,
//! a renumbering is nothing, a change of objective is a move. Free text is
//! compared paragraph by paragraph, as the reader sees it (Markdown rendered).

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use super::align::{align, Pair};
use super::normalize::Policy;
use super::tree::{display, leaves, Leaf, Step};
use super::words::{segments, Segment};
use crate::compose::{indicator_sentence, parse_blocks};
use crate::diag::{Lang, Msg};
use crate::document::{line, plain_text, Block, Text};
use crate::model::{DocumentCode, DocumentKind, Indicator, Leads, Plan, Target};
use crate::templates::Templates;
use crate::vi::{date, number};

macro_rules! kinds {
    ($($name:ident = $code:literal,)*) => {
        /// What kind of change, as the JSON output names it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
        pub enum Kind {
            $(#[serde(rename = $code)] $name,)*
        }

        impl Kind {
            fn key(self) -> &'static str {
                match self {
                    $(Kind::$name => concat!("diff.", $code),)*
                }
            }

            /// Every kind, for the message tables' test.
            pub const ALL: &'static [Kind] = &[$(Kind::$name,)*];
        }
    };
}

kinds! {
    Metadata = "metadata",
    Basis = "basis",
    ObjectiveAdded = "objective-added",
    ObjectiveRemoved = "objective-removed",
    ObjectiveMoved = "objective-moved",
    ObjectiveText = "objective-text",
    IndicatorAdded = "indicator-added",
    IndicatorRemoved = "indicator-removed",
    IndicatorMoved = "indicator-moved",
    IndicatorReordered = "indicator-reordered",
    IndicatorText = "indicator-text",
    TargetChanged = "target-changed",
    LeadChanged = "lead-changed",
    SupportChanged = "support-changed",
    IdChanged = "id-changed",
    NoteChanged = "note-changed",
    SectionAdded = "section-added",
    SectionRemoved = "section-removed",
    SectionMoved = "section-moved",
    SectionText = "section-text",
    AgencyAdded = "agency-added",
    AgencyRemoved = "agency-removed",
    AgencyRenamed = "agency-renamed",
    DutyAdded = "duty-added",
    DutyRemoved = "duty-removed",
    DutyMoved = "duty-moved",
    DutyText = "duty-text",
    BudgetChanged = "budget-changed",
    ReportingChanged = "reporting-changed",
    RecipientAdded = "recipient-added",
    RecipientRemoved = "recipient-removed",
    RecipientChanged = "recipient-changed",
    ArchiveChanged = "archive-changed",
    DrafterChanged = "drafter-changed",
    SignatureChanged = "signature-changed",
    DecisionText = "decision-text",
    AppendixChanged = "appendix-changed",
    TextMoved = "text-moved",
    FormatChanged = "format-changed",
    FieldChanged = "field-changed",
}

impl Kind {
    /// What happened, in the reader's language ("sửa mục tiêu").
    pub fn describe(self, lang: Lang) -> String {
        Msg::new(self.key()).render(lang)
    }
}

/// One change between two versions.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Change {
    pub kind: Kind,
    /// The id of the indicator, objective, section or agency, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The fields of the plan this change accounts for
    /// (`objectives[muc-tieu-1].indicators[ct-3].target.value`).
    pub fields: Vec<String>,
    /// Where in the document ("Chỉ tiêu 3 (Mục tiêu 1)"), as a message.
    #[serde(skip)]
    #[schemars(skip)]
    pub provision: Msg,
    /// The old text as the reader sees it; absent for an addition.
    pub old: Option<String>,
    /// The new text as the reader sees it; absent for a removal.
    pub new: Option<String>,
    /// The word diff of `old` and `new`, when both are text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<Segment>,
    /// The drafter's explanation (`note` on the new item), for the reviewer's column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// A whole entry added to or removed from a list: (list, key, added).
    #[serde(skip)]
    #[schemars(skip)]
    entry: Option<(String, String, bool)>,
}

/// A change as `kehoach diff --format json` prints it: the change, where it is
/// and what happened in the reader's language. `schema/diff.schema.json` is its schema.
#[derive(Serialize, schemars::JsonSchema)]
pub struct ChangeRecord {
    #[serde(flatten)]
    pub change: Change,
    /// Where in the document, e.g. "Chỉ tiêu 3 (Mục tiêu 1)".
    pub provision: String,
    /// What happened, e.g. "thay đổi mục tiêu".
    pub description: String,
}

impl ChangeRecord {
    pub fn new(change: &Change, lang: Lang) -> Self {
        ChangeRecord {
            change: change.clone(),
            provision: change.provision.render(lang),
            description: change.kind.describe(lang),
        }
    }
}

/// A child plan's reasons for dropping inherited entries (`remove = true` with a
/// `note`), set on the changes that remove them: the reviewer's column, and the
/// reviewer's first question.
pub fn explain_removals(changes: &mut [Change], new: &crate::model::ResolvedPlan) {
    for change in changes.iter_mut().filter(|c| c.note.is_none()) {
        let array = match change.kind {
            Kind::IndicatorRemoved => "indicators",
            Kind::ObjectiveRemoved => "objectives",
            Kind::SectionRemoved => "sections",
            Kind::DutyRemoved => "duties",
            Kind::AgencyRemoved => "agencies",
            _ => continue,
        };
        let removal = new.removals.iter().find(|r| r.array == array && Some(&r.id) == change.id.as_ref());
        change.note = removal.and_then(|r| r.note.clone());
    }
}

/// The JSON Schema of the `--format json` output: a list of change records.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Vec<ChangeRecord>)).unwrap_or_default()
}

/// Why two plans cannot be compared.
#[derive(Debug)]
pub enum NotComparable {
    Kinds(String, String),
    DuplicateId(String),
}

/// An indicator with its number, its objective's number and its objective's id.
type Placed<'a> = (usize, usize, &'a str, &'a Indicator);

/// Indicators by id, placed.
fn indicator_map(plan: &Plan) -> Result<HashMap<&str, Placed<'_>>, NotComparable> {
    let mut out = HashMap::new();
    for (number, o, i) in plan.numbered_indicators() {
        let objective = plan.objectives.iter().position(|x| std::ptr::eq(x, o)).unwrap_or(0) + 1;
        if out.insert(i.id.as_str(), (number, objective, o.id.as_str(), i)).is_some() {
            return Err(NotComparable::DuplicateId(i.id.value.clone()));
        }
    }
    Ok(out)
}

fn kind_label(plan: &Plan) -> String {
    let decision = if plan.decision.is_some() { " + Quyết định" } else { "" };
    format!("{}{decision}", plan.document.kind.name())
}

/// What a line of free text is to the reader: where a change in it is placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Heading,
    Text,
    /// Footnote n: placed under the line that cites it.
    Note(usize),
}

/// Markdown as the reader sees it: one line per paragraph, heading or list item;
/// a footnote after the line that first cites it (a change in it belongs there).
fn shown(md: &str) -> Vec<(Text, Role)> {
    let (blocks, notes) = parse_blocks(md);
    let lines = blocks.into_iter().flat_map(|b| match b {
        Block::Heading { content, .. } => vec![(content, Role::Heading)],
        Block::Paragraph { content } | Block::Centered { content } => vec![(content, Role::Text)],
        Block::Table(t) => {
            std::iter::once(t.header).chain(t.rows).map(|r| (join_cells(r), Role::Text)).collect::<Vec<_>>()
        }
    });
    let mut placed = vec![false; notes.len()];
    let mut out: Vec<(Text, Role)> = Vec::new();
    for (text, role) in lines {
        let cited: Vec<usize> = text.iter().filter_map(|i| i.footnote).collect();
        out.push((text, role));
        for n in cited {
            if let Some(note) = notes.get(n.wrapping_sub(1)).filter(|_| !placed[n - 1]) {
                placed[n - 1] = true;
                out.push((note.clone(), Role::Note(n)));
            }
        }
    }
    for (k, note) in notes.into_iter().enumerate().filter(|(k, _)| !placed[*k]) {
        out.push((note, Role::Note(k + 1)));
    }
    out.retain(|(t, _)| !plain_text(t).trim().is_empty());
    out
}

fn join_cells(row: Vec<Text>) -> Text {
    let mut out = Text::new();
    for (i, cell) in row.into_iter().enumerate() {
        if i > 0 {
            out.extend(line(" | "));
        }
        out.extend(cell);
    }
    out
}

fn shown_text(md: &str) -> String {
    shown(md).iter().map(|(t, _)| plain_text(t)).collect::<Vec<_>>().join("\n")
}

/// A value as a document writes it: 63,7 and 18.680.000.000, dates in words.
fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => match chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) => date::long(d),
            Err(_) => s.clone(),
        },
        Value::Number(n) => match (n.as_u64(), n.as_f64()) {
            (Some(i), _) => number::integer(i),
            (_, Some(f)) => number::decimal(f),
            _ => n.to_string(),
        },
        Value::Bool(b) => if *b { "có" } else { "không" }.to_string(),
        Value::Array(items) => items.iter().map(value_text).collect::<Vec<_>>().join("; "),
        Value::Object(map) => map.iter().map(|(k, v)| format!("{k}: {}", value_text(v))).collect::<Vec<_>>().join("; "),
        Value::Null => String::new(),
    }
}

/// Text of several lines as one line, the lines kept apart by " / " (a line
/// cannot hold a line break, and words must not run together).
fn one_line(s: &str) -> Text {
    let lines: Vec<&str> = s.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    line(lines.join(" / "))
}

fn opt(s: Option<&str>) -> Option<String> {
    s.map(|x| x.trim().to_string()).filter(|x| !x.is_empty())
}

/// A step of a path as a pattern: the field name, `[]` for an entry, `#` for a move.
fn pattern(path: &[Step]) -> Vec<&str> {
    path.iter()
        .map(|s| match s {
            Step::Field(f) => f.as_str(),
            Step::Entry { .. } => "[]",
            Step::Moved => "#",
        })
        .collect()
}

fn entry(path: &[Step], at: usize) -> (&str, Option<usize>, Option<usize>) {
    match path.get(at) {
        Some(Step::Entry { key, old, new }) => (key.as_str(), *old, *new),
        _ => ("", None, None),
    }
}

struct Diff<'a> {
    policy: &'a Policy,
    templates: &'a Templates,
    old: &'a Plan,
    new: &'a Plan,
    old_indicators: HashMap<&'a str, Placed<'a>>,
    new_indicators: HashMap<&'a str, Placed<'a>>,
    out: Vec<Change>,
    /// Changes that stand for several fields (an indicator's sentence), by group.
    groups: HashMap<String, usize>,
}

/// A change under construction: what it is and where, before its fields are known.
struct Draft {
    kind: Kind,
    id: Option<String>,
    provision: Msg,
    old: Option<Text>,
    new: Option<Text>,
    /// Compared as whole values: old and new, no word diff.
    whole: bool,
    note: Option<String>,
}

impl Draft {
    fn text(kind: Kind, id: Option<&str>, provision: Msg, old: Option<String>, new: Option<String>) -> Draft {
        Draft {
            kind,
            id: id.map(str::to_string),
            provision,
            old: old.map(|s| one_line(&s)),
            new: new.map(|s| one_line(&s)),
            whole: false,
            note: None,
        }
    }

    fn value(kind: Kind, id: Option<&str>, provision: Msg, old: Option<String>, new: Option<String>) -> Draft {
        Draft { whole: true, ..Draft::text(kind, id, provision, old, new) }
    }

    fn note(mut self, note: Option<String>) -> Draft {
        self.note = note;
        self
    }
}

impl<'a> Diff<'a> {
    fn finish(&self, d: Draft, field: &str) -> Change {
        let words = match (&d.old, &d.new) {
            (Some(a), Some(b)) if !d.whole => segments(a, b, self.policy),
            _ => Vec::new(),
        };
        Change {
            kind: d.kind,
            id: d.id,
            fields: vec![field.to_string()],
            provision: d.provision,
            old: d.old.map(|t| plain_text(&t)),
            new: d.new.map(|t| plain_text(&t)),
            words,
            note: d.note,
            entry: None,
        }
    }

    /// Records the changes for one field; a group already recorded takes the field instead.
    fn emit(&mut self, group: Option<String>, field: &str, drafts: Vec<Draft>) {
        if let Some(&at) = group.as_ref().and_then(|g| self.groups.get(g)) {
            self.out[at].fields.push(field.to_string());
            return;
        }
        if let (Some(g), false) = (group, drafts.is_empty()) {
            self.groups.insert(g, self.out.len());
        }
        for d in drafts {
            let change = self.finish(d, field);
            self.out.push(change);
        }
    }

    /// The indicator as printed; its raw text if the sentence template fails
    /// (the render of the same plan reports that error).
    fn sentence(&self, ind: &Indicator) -> String {
        indicator_sentence(ind, self.templates).unwrap_or_else(|_| ind.text.value.clone())
    }

    /// Whether an indicator's sentence changed apart from its target's value: the
    /// old sentence given the new value differs from the new sentence.
    fn wording_changed(&self, old: &Indicator, new: &Indicator) -> bool {
        let mut given = old.clone();
        // The new target in the old words (a target added or dropped too), the old verb kept.
        given.target = new.target.clone();
        if let (Some(was), Some(now)) = (&old.target, &mut given.target) {
            now.value = Target { verb: was.value.verb.clone(), ..now.value.clone() };
        }
        !self.policy.same(&self.sentence(&given), &self.sentence(new))
    }

    /// The indicator as its appendix row shows it too: sentence, lead, support
    /// (by their short names, as the appendix prints them).
    fn indicator_whole(&self, plan: &Plan, ind: &Indicator) -> String {
        let short = |ids: &[String]| {
            ids.iter()
                .map(|i| plan.agencies.get(i).map_or(i.as_str(), |a| a.short_name()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut s = self.sentence(ind);
        let leads = ind.lead.as_ref().map(|l| short(&l.0)).unwrap_or_default();
        let support: Vec<String> = ind.support.iter().map(|x| x.value.clone()).collect();
        if !leads.is_empty() || !support.is_empty() {
            s.push_str(&format!(" (chủ trì: {leads}"));
            if !support.is_empty() {
                s.push_str(&format!("; phối hợp: {}", short(&support)));
            }
            s.push(')');
        }
        s
    }

    fn objective_whole(&self, plan: &Plan, o: &crate::model::Objective) -> String {
        let mut lines = vec![o.title.value.clone()];
        lines.extend(o.body.as_deref().map(|b| shown_text(b)));
        lines.extend(o.indicators.iter().map(|i| self.indicator_whole(plan, i)));
        lines.join("\n")
    }

    /// The text a part generates from the plan's data (its objectives, budget, duties or reporting).
    fn generated(&self, plan: &Plan, content: crate::model::SectionContent) -> String {
        use crate::model::SectionContent as C;
        match content {
            C::Objectives => {
                plan.objectives.iter().map(|o| self.objective_whole(plan, o)).collect::<Vec<_>>().join("\n")
            }
            C::Budget => plan.budget.as_ref().map(budget_whole).unwrap_or_default(),
            C::Duties => {
                let leads = plan.leads();
                plan.duties.iter().map(|d| duty_whole(plan, &leads, d)).collect::<Vec<_>>().join("\n")
            }
            C::Reporting => {
                let to = plan.reporting.as_ref().and_then(|r| r.to.as_ref()).map(|t| agency_name(plan, t));
                to.into_iter()
                    .chain(reporting_lines(plan).iter().map(|(t, _)| plain_text(t)))
                    .collect::<Vec<_>>()
                    .join("\n")
            }
        }
    }

    /// Free text compared paragraph by paragraph, aligned by likeness: each
    /// edited, added, removed or moved paragraph is one change, located by the
    /// clause it falls under.
    /// A further appendix (`[[appendices]]`): its text paragraph by paragraph, as a part's.
    fn extra_appendix(&self, leaf: &Leaf, rest: &[&str]) -> (Option<String>, Vec<Draft>) {
        let (key, ai, bi) = entry(&leaf.path, 1);
        let (a, b) = (ai.map(|i| &self.old.appendices[i]), bi.map(|i| &self.new.appendices[i]));
        let id = a.or(b).map(|x| x.id.as_str()).or(Some(key));
        let at = |x: &crate::model::ExtraAppendix| Msg::new("diff.at-appendix-titled").arg("title", x.title.as_str());
        fn body(x: &crate::model::ExtraAppendix) -> Option<&str> {
            x.body.as_deref().map(String::as_str)
        }
        let whole = |x: &crate::model::ExtraAppendix| {
            std::iter::once(x.title.value.clone()).chain(body(x).map(shown_text)).collect::<Vec<_>>().join("\n")
        };
        // A cost estimate's rows as the reader finds them: what, amount, source.
        let rows = |x: &crate::model::ExtraAppendix| {
            let row = |c: &crate::model::CostItem| {
                let source = c.source.as_ref().map(|s| format!(" ({})", s.as_str())).unwrap_or_default();
                format!("{}: {}{source}", c.what.as_str(), dong(*c.amount))
            };
            x.items.iter().map(row).collect::<Vec<_>>().join("\n\n")
        };
        let drafts = match (rest, a, b) {
            (["body"], Some(x), Some(y)) => self.paragraphs(Kind::AppendixChanged, id, &at(y), body(x), body(y)),
            // Every changed row is one leaf; the rows are compared once, as lines.
            (["items", ..], Some(x), Some(y)) => {
                let (old, new) = (rows(x), rows(y));
                let drafts = self.paragraphs(Kind::AppendixChanged, id, &at(y), Some(&old), Some(&new));
                return (Some(format!("items\u{0}{key}")), drafts);
            }
            (["title"], Some(x), Some(y)) => vec![Draft::text(
                Kind::AppendixChanged,
                id,
                at(y),
                Some(x.title.value.clone()),
                Some(y.title.value.clone()),
            )],
            ([], None, Some(y)) => vec![Draft::text(Kind::AppendixChanged, id, at(y), None, Some(whole(y)))],
            ([], Some(x), None) => vec![Draft::text(Kind::AppendixChanged, id, at(x), Some(whole(x)), None)],
            _ => vec![generic(leaf, Kind::AppendixChanged, Msg::new("diff.at-appendix"))],
        };
        (None, drafts)
    }

    fn paragraphs(
        &self,
        kind: Kind,
        id: Option<&str>,
        provision: &Msg,
        old: Option<&str>,
        new: Option<&str>,
    ) -> Vec<Draft> {
        let (a, b) = (shown(old.unwrap_or("")), shown(new.unwrap_or("")));
        self.lines(kind, id, provision, &a, &b)
    }

    fn lines(
        &self,
        kind: Kind,
        id: Option<&str>,
        provision: &Msg,
        a: &[(Text, Role)],
        b: &[(Text, Role)],
    ) -> Vec<Draft> {
        let key = |t: &(Text, Role)| {
            let plain = plain_text(&t.0);
            self.policy.tokens(&plain).into_iter().map(|x| self.policy.key(x)).collect::<String>()
        };
        let ka: Vec<String> = a.iter().map(key).collect();
        let kb: Vec<String> = b.iter().map(key).collect();
        // A text's look: each word as compared, with its bold and italic (runs of one
        // style joined first), so that spacing or a tone mark's place, never a change,
        // does not read as a change of format.
        let look = |t: &Text| {
            let mut runs: Vec<(String, bool, bool, Option<usize>)> = Vec::new();
            for r in t {
                match runs.last_mut() {
                    Some(last)
                        if (last.1, last.2, last.3) == (r.bold, r.italic, r.footnote) && r.footnote.is_none() =>
                    {
                        last.0.push_str(&r.text)
                    }
                    _ => runs.push((r.text.clone(), r.bold, r.italic, r.footnote)),
                }
            }
            let words = |(text, bold, italic, note): &(String, bool, bool, Option<usize>)| {
                let keys = self.policy.tokens(text).into_iter().map(|w| self.policy.key(w));
                keys.map(move |k| (k, *bold, *italic, *note)).collect::<Vec<_>>()
            };
            runs.iter().flat_map(words).collect::<Vec<_>>()
        };
        // The clause a paragraph falls under: the last heading before it.
        let clause = |list: &[(Text, Role)], i: usize| {
            list[..=i.min(list.len().saturating_sub(1))].iter().rev().find(|(_, r)| *r == Role::Heading).map(
                |(t, _)| {
                    let h = plain_text(t);
                    let short: String = h.chars().take(60).collect();
                    if short.len() < h.len() {
                        format!("{short}…")
                    } else {
                        short
                    }
                },
            )
        };
        let at = |list: &[(Text, Role)], i: usize| match (clause(list, i), list[i].1) {
            (Some(c), Role::Note(n)) => {
                let within = Msg::new("diff.at-within").arg_msg("base", provision.clone()).arg("clause", c);
                Msg::new("diff.at-note").arg_msg("base", within).arg("note", n)
            }
            (None, Role::Note(n)) => Msg::new("diff.at-note").arg_msg("base", provision.clone()).arg("note", n),
            (Some(c), Role::Text) => Msg::new("diff.at-within").arg_msg("base", provision.clone()).arg("clause", c),
            _ => provision.clone(),
        };
        let draft = |kind, place, old: Option<&Text>, new: Option<&Text>| Draft {
            kind,
            id: id.map(str::to_string),
            provision: place,
            old: old.cloned(),
            new: new.cloned(),
            whole: false,
            note: None,
        };
        let mut out = Vec::new();
        for p in align(&ka, &kb, true) {
            match p {
                // The same words, set otherwise (bold, italic): one change, no word diff.
                Pair::Same(i, j) if a[i].0 != b[j].0 && look(&a[i].0) != look(&b[j].0) => {
                    let mut d = draft(Kind::FormatChanged, at(b, j), Some(&a[i].0), Some(&b[j].0));
                    d.whole = true;
                    out.push(d);
                }
                Pair::Same(..) => {}
                Pair::Edited(i, j) => out.push(draft(kind, at(b, j), Some(&a[i].0), Some(&b[j].0))),
                Pair::Removed(i) => out.push(draft(kind, at(a, i), Some(&a[i].0), None)),
                Pair::Added(j) => out.push(draft(kind, at(b, j), None, Some(&b[j].0))),
                Pair::Moved(i, j) => {
                    let mut d = draft(Kind::TextMoved, at(b, j), Some(&a[i].0), Some(&b[j].0));
                    d.whole = ka[i] == kb[j];
                    out.push(d);
                }
            }
        }
        out
    }

    /// A list of sentences (căn cứ, điều, nơi nhận), entry by entry.
    fn list(
        &self,
        kinds: (Kind, Kind, Kind),
        provision: impl Fn(usize) -> Msg,
        old: &[String],
        new: &[String],
    ) -> Vec<Draft> {
        let (edited, added, removed) = kinds;
        let key = |s: &String| self.policy.tokens(s).into_iter().map(|x| self.policy.key(x)).collect::<String>();
        let ka: Vec<String> = old.iter().map(key).collect();
        let kb: Vec<String> = new.iter().map(key).collect();
        align(&ka, &kb, true)
            .into_iter()
            .filter_map(|p| match p {
                Pair::Same(..) => None,
                Pair::Edited(i, j) => {
                    Some(Draft::text(edited, None, provision(j), Some(old[i].clone()), Some(new[j].clone())))
                }
                Pair::Removed(i) => Some(Draft::text(removed, None, provision(i), Some(old[i].clone()), None)),
                Pair::Added(j) => Some(Draft::text(added, None, provision(j), None, Some(new[j].clone()))),
                Pair::Moved(i, j) => {
                    let mut d =
                        Draft::text(Kind::TextMoved, None, provision(j), Some(old[i].clone()), Some(new[j].clone()));
                    d.whole = ka[i] == kb[j];
                    Some(d)
                }
            })
            .collect()
    }
}

fn agency_name(plan: &Plan, id: &str) -> String {
    plan.agency_name(id).to_string()
}

fn names(plan: &Plan, ids: &[String]) -> String {
    ids.iter().map(|i| agency_name(plan, i)).collect::<Vec<_>>().join(", ")
}

fn strings(v: &[crate::model::Spanned<String>]) -> Vec<String> {
    v.iter().map(|s| s.value.clone()).collect()
}

fn indicator_label(number: usize, objective: usize) -> Msg {
    Msg::new("diff.at-indicator").arg("number", number).arg("objective", objective)
}

/// The plan's own số/ký hiệu (under a decision, the attached plan's).
fn own_code(plan: &Plan) -> String {
    let kind: DocumentKind = *plan.document.kind;
    let code = plan
        .document
        .code
        .as_ref()
        .map_or_else(|| format!("{}-{}", kind.abbr(), *plan.issuer.abbr), |c| c.value.clone());
    DocumentCode { number: plan.document.number.as_deref().copied(), code }.printed("")
}

pub fn compare(old: &Plan, new: &Plan, policy: &Policy, templates: &Templates) -> Result<Vec<Change>, NotComparable> {
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
    let mut d = Diff {
        policy,
        templates,
        old,
        new,
        old_indicators: indicator_map(old)?,
        new_indicators: indicator_map(new)?,
        out: Vec::new(),
        groups: HashMap::new(),
    };
    for leaf in leaves(old, new, policy) {
        d.leaf(&leaf);
    }
    pair_renamed(&mut d);
    Ok(d.out)
}

impl Diff<'_> {
    fn leaf(&mut self, leaf: &Leaf) {
        let field = display(&leaf.path);
        let (old, new) = (self.old, self.new);
        let p = pattern(&leaf.path);
        // The parent a plan extends: merged in already (only resolved plans with a
        // parent are compared), and a file's path is nothing the document prints.
        if p.first() == Some(&"extends") {
            return;
        }
        let text = |kind, provision: Msg, a: Option<&str>, b: Option<&str>| {
            vec![Draft::text(kind, None, provision, opt(a), opt(b))]
        };
        let (group, drafts): (Option<String>, Vec<Draft>) = match p.as_slice() {
            ["document", "number" | "code"] | ["decision", "number" | "code"] | ["issuer", "abbr"] => self.codes(),
            ["document" | "decision", "date"] => {
                let at = if p[0] == "decision" { "diff.at-decision-date" } else { "diff.at-date" };
                (
                    None,
                    vec![Draft::value(
                        Kind::Metadata,
                        None,
                        Msg::new(at),
                        leaf.old.as_ref().map(value_text),
                        leaf.new.as_ref().map(value_text),
                    )],
                )
            }
            ["document", "place"] => (
                None,
                text(Kind::Metadata, Msg::new("diff.at-place"), Some(&old.document.place), Some(&new.document.place)),
            ),
            ["document", "summary"] => (
                None,
                text(
                    Kind::Metadata,
                    Msg::new("diff.at-summary"),
                    Some(&old.document.summary),
                    Some(&new.document.summary),
                ),
            ),
            ["document", "period"] => {
                let period = |p: &Plan| p.document.period.as_ref().map(|x| format!("{} - {}", x.0, x.1));
                (None, vec![Draft::value(Kind::Metadata, None, Msg::new("diff.at-period"), period(old), period(new))])
            }
            ["document", "status"] => {
                let status = |p: &Plan| {
                    Msg::new(if p.document.status == crate::model::Status::Draft {
                        "diff.status-draft"
                    } else {
                        "diff.status-final"
                    })
                    .render(Lang::Vi)
                };
                (
                    None,
                    vec![Draft::value(
                        Kind::Metadata,
                        None,
                        Msg::new("diff.at-status"),
                        Some(status(old)),
                        Some(status(new)),
                    )],
                )
            }
            ["issuer", "name"] => {
                (None, text(Kind::Metadata, Msg::new("diff.at-issuer"), Some(&old.issuer.name), Some(&new.issuer.name)))
            }
            ["issuer", "parent"] => (None, {
                // As the header prints it ("UBND HUYỆN …").
                let parent = |p: &Plan| p.issuer.parent.as_deref().map(|x| crate::compose::parent_line(x));
                text(Kind::Metadata, Msg::new("diff.at-issuer-parent"), parent(old).as_deref(), parent(new).as_deref())
            }),
            ["issuer", "header_lines"] => {
                let lines = |p: &Plan| strings(&p.issuer.header_lines).join(" / ");
                (None, text(Kind::Metadata, Msg::new("diff.at-issuer"), Some(&lines(old)), Some(&lines(new))))
            }
            ["decision", rest @ ..] if old.decision.is_some() => self.decision(rest),
            ["bases"] => (
                None,
                self.list(
                    (Kind::Basis, Kind::Basis, Kind::Basis),
                    |_| Msg::new("diff.at-bases"),
                    &strings(&old.bases),
                    &strings(&new.bases),
                ),
            ),
            ["preamble"] => (
                None,
                self.paragraphs(
                    Kind::Basis,
                    None,
                    &Msg::new("diff.at-preamble"),
                    old.preamble.as_deref().map(String::as_str),
                    new.preamble.as_deref().map(String::as_str),
                ),
            ),
            ["closing"] => (
                None,
                self.paragraphs(
                    Kind::Basis,
                    None,
                    &Msg::new("diff.at-closing"),
                    old.closing.as_deref().map(String::as_str),
                    new.closing.as_deref().map(String::as_str),
                ),
            ),
            ["agencies", _, rest @ ..] => self.agency(&leaf.path, rest),
            ["objectives", "[]", "indicators", "[]", rest @ ..] => self.indicator(leaf, rest),
            ["objectives", "[]", rest @ ..] => self.objective(leaf, rest),
            ["sections", "[]", rest @ ..] => self.section(leaf, rest),
            ["budget", rest @ ..] => self.budget(leaf, rest),
            ["duties", "[]", rest @ ..] => self.duty(leaf, rest),
            ["reporting", ..] => self.reporting(),
            ["appendices", "[]", rest @ ..] => self.extra_appendix(leaf, rest),
            ["appendix", ..] => {
                let title = |p: &Plan| p.appendix.as_ref().map(|a| a.title.clone().unwrap_or_else(|| "Phụ lục".into()));
                (
                    Some("appendix".into()),
                    text(
                        Kind::AppendixChanged,
                        Msg::new("diff.at-appendix"),
                        title(old).as_deref(),
                        title(new).as_deref(),
                    ),
                )
            }
            ["recipients", "to"] => (
                None,
                self.list(
                    (Kind::RecipientChanged, Kind::RecipientAdded, Kind::RecipientRemoved),
                    |_| Msg::new("diff.at-recipients"),
                    &strings(&old.recipients.to),
                    &strings(&new.recipients.to),
                ),
            ),
            ["recipients", "archive"] => {
                let archive = |p: &Plan| strings(&p.recipients.archive).join(", ");
                (
                    None,
                    text(Kind::ArchiveChanged, Msg::new("diff.at-archive"), Some(&archive(old)), Some(&archive(new))),
                )
            }
            ["recipients", "drafter"] => {
                let mark =
                    |p: &Plan| p.recipients.drafter.as_deref().map(|m| m.trim().to_string()).filter(|m| !m.is_empty());
                let (a, b) = (mark(old), mark(new));
                // "" against none, " DS" against "DS": nothing printed changed.
                if a == b {
                    return;
                }
                (None, text(Kind::DrafterChanged, Msg::new("diff.at-drafter"), a.as_deref(), b.as_deref()))
            }
            ["signature", ..] => {
                let signature = |p: &Plan| {
                    let mut lines = p.signature.lines();
                    lines.push(p.signature.name.value.clone());
                    lines.join(" / ")
                };
                (
                    Some("signature".into()),
                    text(
                        Kind::SignatureChanged,
                        Msg::new("diff.at-signature"),
                        Some(&signature(old)),
                        Some(&signature(new)),
                    ),
                )
            }
            _ => (None, Vec::new()),
        };
        // A field this module has no wording for is still a change.
        let drafts = if drafts.is_empty() && group.as_ref().is_none_or(|g| !self.groups.contains_key(g)) {
            vec![generic(leaf, Kind::FieldChanged, Msg::new("diff.at-field").arg("field", &field))]
        } else {
            drafts
        };
        let first = self.out.len();
        self.emit(group, &field, drafts);
        // A whole entry in or out: a candidate for "id changed".
        if let Some((Step::Entry { key, .. }, list)) = leaf.path.split_last() {
            if leaf.old.is_none() != leaf.new.is_none() && self.out.len() == first + 1 {
                self.out[first].entry = Some((display(list), key.clone(), leaf.new.is_some()));
            }
        }
    }

    /// Số, ký hiệu: the plan's own and, under a decision, the decision's, as printed.
    fn codes(&self) -> (Option<String>, Vec<Draft>) {
        let (old, new) = (self.old, self.new);
        // Under a decision the decision's code leads; the attached plan's own follows.
        let codes = |p: &Plan| {
            let mut list: Vec<String> =
                p.decision.as_ref().map(|_| p.document_code().printed("")).into_iter().collect();
            list.push(own_code(p));
            list
        };
        let (a, b) = (codes(old), codes(new));
        let (a, b): (Vec<String>, Vec<String>) = a.into_iter().zip(b).filter(|(x, y)| x != y).unzip();
        let drafts = if a.is_empty() {
            Vec::new()
        } else {
            vec![Draft::value(Kind::Metadata, None, Msg::new("diff.at-number"), Some(a.join("; ")), Some(b.join("; ")))]
        };
        (Some("code".into()), drafts)
    }

    fn decision(&self, rest: &[&str]) -> (Option<String>, Vec<Draft>) {
        let (Some(a), Some(b)) = (&self.old.decision, &self.new.decision) else { return (None, Vec::new()) };
        let text = |provision: &'static str, x: Option<&str>, y: Option<&str>| {
            vec![Draft::text(Kind::DecisionText, None, Msg::new(provision), opt(x), opt(y))]
        };
        let drafts = match rest {
            ["summary"] => text("diff.at-decision-summary", Some(&a.summary), Some(&b.summary)),
            ["authority"] => text("diff.at-decision-authority", Some(&a.authority), Some(&b.authority)),
            ["proposal"] => text(
                "diff.at-proposal",
                a.proposal.as_deref().map(String::as_str),
                b.proposal.as_deref().map(String::as_str),
            ),
            ["bases"] => self.list(
                (Kind::DecisionText, Kind::DecisionText, Kind::DecisionText),
                |_| Msg::new("diff.at-decision-bases"),
                &strings(&a.bases),
                &strings(&b.bases),
            ),
            ["articles"] => self.list(
                (Kind::DecisionText, Kind::DecisionText, Kind::DecisionText),
                |i| Msg::new("diff.at-article").arg("number", i + 1),
                &strings(&a.articles),
                &strings(&b.articles),
            ),
            _ => Vec::new(),
        };
        (None, drafts)
    }

    fn agency(&self, path: &[Step], rest: &[&str]) -> (Option<String>, Vec<Draft>) {
        let Some(Step::Field(id)) = path.get(1) else { return (None, Vec::new()) };
        let (a, b) = (self.old.agencies.get(id), self.new.agencies.get(id));
        // Agencies are known by name: the id is the TOML's own key.
        let at = Msg::new("diff.at-agency");
        let drafts = match (rest, a, b) {
            ([], None, Some(x)) => vec![Draft::text(Kind::AgencyAdded, Some(id), at, None, Some(x.name.clone()))],
            ([], Some(x), None) => vec![Draft::text(Kind::AgencyRemoved, Some(id), at, Some(x.name.clone()), None)],
            (["name"], Some(x), Some(y)) => {
                vec![Draft::text(Kind::AgencyRenamed, Some(id), at, Some(x.name.clone()), Some(y.name.clone()))]
            }
            (["short"], Some(x), Some(y)) => vec![Draft::text(
                Kind::AgencyRenamed,
                Some(id),
                Msg::new("diff.at-agency-short").arg("name", &y.name),
                Some(x.short_name().to_string()),
                Some(y.short_name().to_string()),
            )],
            _ => Vec::new(),
        };
        (None, drafts)
    }

    fn objective(&self, leaf: &Leaf, rest: &[&str]) -> (Option<String>, Vec<Draft>) {
        let (id, oi, ni) = entry(&leaf.path, 1);
        let (a, b) = (oi.map(|i| &self.old.objectives[i]), ni.map(|i| &self.new.objectives[i]));
        let at = |i: usize| Msg::new("diff.at-objective").arg("number", i + 1);
        let whole = |plan: &Plan, o: &crate::model::Objective| self.objective_whole(plan, o);
        let note = |o: Option<&crate::model::Objective>| o.and_then(|o| opt(o.note.as_deref().map(String::as_str)));
        let drafts = match (rest, a, b, oi, ni) {
            ([], None, Some(o), _, Some(j)) => {
                vec![Draft::text(Kind::ObjectiveAdded, Some(id), at(j), None, Some(whole(self.new, o))).note(note(b))]
            }
            ([], Some(o), None, Some(i), _) => {
                vec![Draft::text(Kind::ObjectiveRemoved, Some(id), at(i), Some(whole(self.old, o)), None)]
            }
            (["#"], Some(x), Some(y), Some(i), Some(j)) => vec![Draft::value(
                Kind::ObjectiveMoved,
                Some(id),
                at(j),
                Some(format!("{}. {}", i + 1, x.title.as_str())),
                Some(format!("{}. {}", j + 1, y.title.as_str())),
            )],
            (["title"], Some(x), Some(y), _, Some(j)) => {
                vec![Draft::text(
                    Kind::ObjectiveText,
                    Some(id),
                    at(j),
                    Some(x.title.value.clone()),
                    Some(y.title.value.clone()),
                )]
            }
            (["body"], Some(x), Some(y), _, Some(j)) => self.paragraphs(
                Kind::ObjectiveText,
                Some(id),
                &at(j),
                x.body.as_deref().map(String::as_str),
                y.body.as_deref().map(String::as_str),
            ),
            (["note"], Some(x), Some(y), _, Some(j)) => {
                vec![Draft::text(Kind::NoteChanged, Some(id), at(j), note(Some(x)), note(Some(y)))]
            }
            _ => Vec::new(),
        };
        (None, drafts)
    }

    fn indicator(&self, leaf: &Leaf, rest: &[&str]) -> (Option<String>, Vec<Draft>) {
        let (id, _, _) = entry(&leaf.path, 3);
        let (a, b) = (self.old_indicators.get(id), self.new_indicators.get(id));
        let place = |p: &Placed| indicator_label(p.0, p.1);
        // The indicator's note explains each of its changes; a note that changed is
        // its own change, and is not repeated under the others, unless it is new: then
        // it explains the changes it was written with (a child lowering the parent's
        // target), and stands beside each in the reviewer's column too.
        let written = matches!((a, b), (Some(o), Some(_)) if o.3.note.is_none());
        let note_changed = matches!((a, b), (Some(o), Some(n)) if o.3.note != n.3.note) && !written;
        let note = b.and_then(|(.., i)| opt(i.note.as_deref().map(String::as_str))).filter(|_| !note_changed);
        let group = |g: &str| Some(format!("{g}\u{0}{id}"));
        match (rest, a, b) {
            ([], None, Some(n)) => (
                None,
                vec![Draft::text(
                    Kind::IndicatorAdded,
                    Some(id),
                    place(n),
                    None,
                    Some(self.indicator_whole(self.new, n.3)),
                )
                .note(note)],
            ),
            ([], Some(o), None) => (
                None,
                vec![Draft::text(
                    Kind::IndicatorRemoved,
                    Some(id),
                    place(o),
                    Some(self.indicator_whole(self.old, o.3)),
                    None,
                )],
            ),
            (["#"], Some(o), Some(n)) => {
                // To another objective, or to another place in its own.
                let (kind, from, to) = if o.2 != n.2 {
                    let objective = |k: usize| Msg::new("diff.at-objective").arg("number", k).render(Lang::Vi);
                    (Kind::IndicatorMoved, objective(o.1), objective(n.1))
                } else {
                    (Kind::IndicatorReordered, place(o).render(Lang::Vi), place(n).render(Lang::Vi))
                };
                (group("moved"), vec![Draft::value(kind, Some(id), place(n), Some(from), Some(to)).note(note)])
            }
            // The wording and the target are one sentence: when the wording changed,
            // the sentence is compared as each version prints it, target and all, so
            // the reviewer's "current" column is the current text.
            (["text" | "direction"] | ["target", "verb"], Some(o), Some(n)) => {
                if !self.wording_changed(o.3, n.3) {
                    return (None, Vec::new());
                }
                let (x, y) = (self.sentence(o.3), self.sentence(n.3));
                (group("text"), vec![Draft::text(Kind::IndicatorText, Some(id), place(n), Some(x), Some(y)).note(note)])
            }
            // A part of a compound indicator: its target is the indicator's target too.
            (["parts", "[]", "target", ..], Some(o), Some(n)) => {
                let targets = |i: &Indicator| {
                    let t: Vec<String> = i.targets().filter_map(|t| t.value_text()).collect();
                    (!t.is_empty()).then(|| t.join("; "))
                };
                if targets(o.3) == targets(n.3) {
                    return (None, Vec::new());
                }
                (
                    group("target"),
                    vec![Draft::value(Kind::TargetChanged, Some(id), place(n), targets(o.3), targets(n.3)).note(note)],
                )
            }
            (["parts", ..] | ["join"], Some(o), Some(n)) => {
                let (x, y) = (self.sentence(o.3), self.sentence(n.3));
                if self.policy.same(&x, &y) {
                    return (None, Vec::new());
                }
                (group("text"), vec![Draft::text(Kind::IndicatorText, Some(id), place(n), Some(x), Some(y)).note(note)])
            }
            (["target", ..], Some(o), Some(n)) => {
                let target = |i: &Indicator| i.target.as_ref().and_then(|t| t.value_text());
                if target(o.3) == target(n.3) {
                    return (None, Vec::new());
                }
                if self.wording_changed(o.3, n.3) {
                    let (x, y) = (self.sentence(o.3), self.sentence(n.3));
                    let draft = Draft::text(Kind::IndicatorText, Some(id), place(n), Some(x), Some(y));
                    return (group("text"), vec![draft.note(note)]);
                }
                (
                    group("target"),
                    vec![Draft::value(Kind::TargetChanged, Some(id), place(n), target(o.3), target(n.3)).note(note)],
                )
            }
            (["lead"], Some(o), Some(n)) => {
                let leads = |p: &Plan, i: &Indicator| i.lead.as_ref().map(|l| names(p, &l.0)).unwrap_or_default();
                (
                    None,
                    vec![Draft::value(
                        Kind::LeadChanged,
                        Some(id),
                        place(n),
                        opt(Some(&leads(self.old, o.3))),
                        opt(Some(&leads(self.new, n.3))),
                    )
                    .note(note)],
                )
            }
            (["support"], Some(o), Some(n)) => {
                let set = |i: &Indicator| {
                    i.support.iter().map(|s| s.value.clone()).collect::<std::collections::BTreeSet<_>>()
                };
                let added: Vec<String> = set(n.3).difference(&set(o.3)).cloned().collect();
                let removed: Vec<String> = set(o.3).difference(&set(n.3)).cloned().collect();
                let (x, y) = (
                    (!removed.is_empty()).then(|| names(self.old, &removed)),
                    (!added.is_empty()).then(|| names(self.new, &added)),
                );
                // Only the order changed: the appendix lists them in order.
                let (x, y) = if x.is_none() && y.is_none() {
                    let all = |p: &Plan, i: &Indicator| {
                        names(p, &i.support.iter().map(|s| s.value.clone()).collect::<Vec<_>>())
                    };
                    (Some(all(self.old, o.3)), Some(all(self.new, n.3)))
                } else {
                    (x, y)
                };
                (None, vec![Draft::value(Kind::SupportChanged, Some(id), place(n), x, y).note(note)])
            }
            (["note"], Some(o), Some(n)) => (
                None,
                vec![Draft::text(
                    Kind::NoteChanged,
                    Some(id),
                    place(n),
                    opt(o.3.note.as_deref().map(String::as_str)),
                    opt(n.3.note.as_deref().map(String::as_str)),
                )],
            ),
            _ => (None, Vec::new()),
        }
    }

    fn section(&self, leaf: &Leaf, rest: &[&str]) -> (Option<String>, Vec<Draft>) {
        let (key, si, ni) = entry(&leaf.path, 1);
        let (a, b) = (si.map(|i| &self.old.sections[i]), ni.map(|i| &self.new.sections[i]));
        let id = a.or(b).and_then(|s| s.id.as_deref().map(String::as_str)).or(Some(key));
        let at = |i: usize, s: &crate::model::Section| {
            Msg::new("diff.at-section").arg("number", number::roman(i + 1)).arg("title", s.title.as_str())
        };
        let whole = |plan: &Plan, s: &crate::model::Section| {
            let mut lines = vec![s.title.value.clone()];
            lines.extend(s.body.as_deref().map(|b| shown_text(b)));
            lines.extend(s.content.as_ref().map(|c| self.generated(plan, **c)));
            lines.extend(s.body_after.as_deref().map(|b| shown_text(b)));
            lines.join("\n")
        };
        fn body(s: &crate::model::Section, after: bool) -> Option<&str> {
            if after { s.body_after.as_deref() } else { s.body.as_deref() }.map(String::as_str)
        }
        let drafts = match (rest, a, b, si, ni) {
            ([], None, Some(s), _, Some(j)) => {
                vec![Draft::text(Kind::SectionAdded, id, at(j, s), None, Some(whole(self.new, s)))]
            }
            ([], Some(s), None, Some(i), _) => {
                vec![Draft::text(Kind::SectionRemoved, id, at(i, s), Some(whole(self.old, s)), None)]
            }
            (["#"], Some(x), Some(y), Some(i), Some(j)) => vec![Draft::value(
                Kind::SectionMoved,
                id,
                at(j, y),
                Some(format!("{}. {}", number::roman(i + 1), x.title.as_str())),
                Some(format!("{}. {}", number::roman(j + 1), y.title.as_str())),
            )],
            (["title"], Some(x), Some(y), _, Some(j)) => {
                vec![Draft::text(
                    Kind::SectionText,
                    id,
                    at(j, y),
                    Some(x.title.value.clone()),
                    Some(y.title.value.clone()),
                )]
            }
            ([field @ ("body" | "body_after")], Some(x), Some(y), _, Some(j)) => {
                let after = *field == "body_after";
                self.paragraphs(Kind::SectionText, id, &at(j, y), body(x, after), body(y, after))
            }
            _ => Vec::new(),
        };
        (None, drafts)
    }

    fn budget(&self, leaf: &Leaf, rest: &[&str]) -> (Option<String>, Vec<Draft>) {
        let (a, b) = (self.old.budget.as_ref(), self.new.budget.as_ref());
        let total = |x: Option<&crate::model::Budget>| x.and_then(|b| b.total.as_ref()).map(|t| total_text(**t));
        let whole = budget_whole;
        let source_at = |name: &str| Msg::new("diff.at-budget-source").arg("name", name);
        let drafts = match rest {
            [] => vec![Draft::text(Kind::BudgetChanged, None, Msg::new("diff.at-budget"), a.map(whole), b.map(whole))],
            ["total"] => {
                vec![Draft::value(Kind::BudgetChanged, None, Msg::new("diff.at-budget-total"), total(a), total(b))]
            }
            ["sources", "[]", tail @ ..] => {
                let (name, si, ni) = entry(&leaf.path, 2);
                fn source(x: Option<&crate::model::Budget>, i: Option<usize>) -> Option<&crate::model::FundingSource> {
                    x.zip(i).map(|(b, i)| &b.sources[i])
                }
                let (x, y) = (source(a, si), source(b, ni));
                // Keyed by name, or by place when two sources share a name.
                let name = y.or(x).map_or(name, |s| s.name.as_str());
                match tail {
                    ["#"] => vec![Draft::value(
                        Kind::BudgetChanged,
                        None,
                        source_at(name),
                        si.map(|i| (i + 1).to_string()),
                        ni.map(|i| (i + 1).to_string()),
                    )],
                    _ => vec![Draft::value(
                        Kind::BudgetChanged,
                        None,
                        source_at(name),
                        x.map(|s| dong(*s.amount)),
                        y.map(|s| dong(*s.amount)),
                    )],
                }
            }
            ["sources"] => {
                let list = |x: Option<&crate::model::Budget>| {
                    x.map(|b| {
                        b.sources
                            .iter()
                            .map(|s| format!("{}: {}", s.name.as_str(), dong(*s.amount)))
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
                };
                self.list(
                    (Kind::BudgetChanged, Kind::BudgetChanged, Kind::BudgetChanged),
                    |_| Msg::new("diff.at-budget"),
                    &list(a),
                    &list(b),
                )
            }
            ["body"] => self.paragraphs(
                Kind::BudgetChanged,
                None,
                &Msg::new("diff.at-budget"),
                a.and_then(|b| b.body.as_deref().map(String::as_str)),
                b.and_then(|b| b.body.as_deref().map(String::as_str)),
            ),
            _ => Vec::new(),
        };
        (None, drafts)
    }

    fn duty(&self, leaf: &Leaf, rest: &[&str]) -> (Option<String>, Vec<Draft>) {
        let (agency, oi, ni) = entry(&leaf.path, 1);
        let (a, b) = (oi.map(|i| &self.old.duties[i]), ni.map(|i| &self.new.duties[i]));
        let title = duty_title;
        let at = |p: &Plan| Msg::new("diff.at-duty").arg("agency", agency_name(p, agency));
        let whole = |p: &Plan, x: &crate::model::Duty| duty_whole(p, &p.leads(), x);
        let drafts = match (rest, a, b) {
            ([], None, Some(x)) => {
                vec![Draft::text(Kind::DutyAdded, Some(agency), at(self.new), None, Some(whole(self.new, x)))]
            }
            ([], Some(x), None) => {
                vec![Draft::text(Kind::DutyRemoved, Some(agency), at(self.old), Some(whole(self.old, x)), None)]
            }
            (["#"], Some(x), Some(y)) => vec![Draft::value(
                Kind::DutyMoved,
                Some(agency),
                at(self.new),
                oi.map(|i| format!("{}. {}", i + 1, title(x, self.old))),
                ni.map(|i| format!("{}. {}", i + 1, title(y, self.new))),
            )],
            (["title"], Some(x), Some(y)) => {
                vec![Draft::text(
                    Kind::DutyText,
                    Some(agency),
                    at(self.new),
                    Some(title(x, self.old)),
                    Some(title(y, self.new)),
                )]
            }
            (["no_lead_line"], Some(x), Some(y)) => vec![Draft::value(
                Kind::DutyText,
                Some(agency),
                at(self.new),
                Some(lead_line(self.old, &self.old.leads(), x)),
                Some(lead_line(self.new, &self.new.leads(), y)),
            )],
            (["body"], Some(x), Some(y)) => self.paragraphs(
                Kind::DutyText,
                Some(agency),
                &at(self.new),
                x.body.as_deref().map(String::as_str),
                y.body.as_deref().map(String::as_str),
            ),
            // The heading the duty is grouped under, which renumbers what is printed.
            (["group"], Some(x), Some(y)) => vec![Draft::value(
                Kind::DutyText,
                Some(agency),
                at(self.new),
                x.group.as_ref().map(|g| g.to_string()),
                y.group.as_ref().map(|g| g.to_string()),
            )],
            _ => Vec::new(),
        };
        (None, drafts)
    }

    /// Reporting as the reader sees it: to whom, then the deadlines and the text line by line.
    fn reporting(&self) -> (Option<String>, Vec<Draft>) {
        let to = |p: &Plan| p.reporting.as_ref().and_then(|r| r.to.as_ref()).map(|t| agency_name(p, t));
        let lines = reporting_lines;
        let at = Msg::new("diff.at-reporting");
        let mut drafts = Vec::new();
        let (a, b) = (to(self.old), to(self.new));
        if a.as_deref().zip(b.as_deref()).is_none_or(|(x, y)| !self.policy.same(x, y)) && (a.is_some() || b.is_some()) {
            drafts.push(Draft::text(Kind::ReportingChanged, None, Msg::new("diff.at-reporting-to"), a, b));
        }
        drafts.extend(self.lines(Kind::ReportingChanged, None, &at, &lines(self.old), &lines(self.new)));
        (Some("reporting".into()), drafts)
    }
}

fn dong(n: u64) -> String {
    format!("{} đồng", number::integer(n))
}

/// The total as printed: in figures and in words.
fn total_text(n: u64) -> String {
    format!("{} ({})", dong(n), crate::vi::words::amount_dong(n))
}

/// The budget as the reader sees it: total, sources, text.
fn budget_whole(b: &crate::model::Budget) -> String {
    let mut lines: Vec<String> = b.total.as_ref().map(|t| total_text(**t)).into_iter().collect();
    lines.extend(b.sources.iter().map(|s| format!("{}: {}", s.name.as_str(), dong(*s.amount))));
    lines.extend(b.body.as_deref().map(|x| shown_text(x)));
    lines.join("\n")
}

fn duty_title(x: &crate::model::Duty, p: &Plan) -> String {
    x.title.as_deref().cloned().unwrap_or_else(|| agency_name(p, &x.agency))
}

/// The generated lead line of a duty: which indicators its agency leads.
fn lead_line(p: &Plan, leads: &Leads, x: &crate::model::Duty) -> String {
    let numbers: Vec<String> = leads.of(p, &x.agency).iter().map(|n| n.to_string()).collect();
    let key = match numbers.len() {
        _ if x.no_lead_line => "diff.no-lead-line",
        0 => "diff.no-lead-line",
        1 => "diff.lead-line-one",
        _ => "diff.lead-line",
    };
    Msg::new(key).arg("numbers", numbers.join(", ")).render(Lang::Vi)
}

/// A duty as the reader sees it: title, lead line (when it has one), text.
fn duty_whole(p: &Plan, leads: &Leads, x: &crate::model::Duty) -> String {
    let mut lines = vec![duty_title(x, p)];
    if !x.no_lead_line && !leads.of(p, &x.agency).is_empty() {
        lines.push(lead_line(p, leads, x));
    }
    lines.extend(x.body.as_deref().map(|b| shown_text(b)));
    lines.join("\n")
}

/// Reporting deadlines and text, line by line.
fn reporting_lines(p: &Plan) -> Vec<(Text, Role)> {
    let Some(r) = &p.reporting else { return Vec::new() };
    let mut out: Vec<(Text, Role)> = r
        .deadlines
        .iter()
        .map(|x| {
            let before = x.before.day().map_or_else(|| x.before.to_string(), date::short);
            (line(format!("{}: {before}", x.what.as_str())), Role::Text)
        })
        .collect();
    out.extend(shown(r.body.as_deref().map_or("", |b| b.as_str())));
    out
}

/// A change to a field this module has no wording for: its value, as written.
fn generic(leaf: &Leaf, kind: Kind, provision: Msg) -> Draft {
    Draft::value(kind, None, provision, leaf.old.as_ref().map(value_text), leaf.new.as_ref().map(value_text))
}

/// A removed and an added entry of the same list whose texts are nearly the
/// same are one entry whose id (or key) changed.
#[allow(clippy::needless_range_loop)] // `r` indexes `d.out`, which the loop edits.
fn pair_renamed(d: &mut Diff) {
    const NEARLY: f32 = 0.8;
    // Keys once per change, not once per comparison.
    let keys: Vec<(String, String)> = d
        .out
        .iter()
        .map(|c| {
            let key = |s: Option<&str>| {
                d.policy.tokens(s.unwrap_or("")).into_iter().map(|t| d.policy.key(t)).collect::<String>()
            };
            match &c.entry {
                Some(_) => (key(c.old.as_deref()), key(c.new.as_deref())),
                None => (String::new(), String::new()),
            }
        })
        .collect();
    let mut pairing = super::align::Pairing::default();
    let mut drop = vec![false; d.out.len()];
    let mut taken = vec![false; d.out.len()];
    for r in 0..d.out.len() {
        let Some((list, from, false)) = d.out[r].entry.clone() else { continue };
        let old = &keys[r].0;
        let best = (0..d.out.len())
            .filter(|&a| !taken[a] && matches!(&d.out[a].entry, Some((l, _, true)) if *l == list))
            .filter_map(|a| Some((a, pairing.alike(old, &keys[a].1, NEARLY)?)))
            .max_by(|x, y| x.1.total_cmp(&y.1));
        let Some((a, _)) = best else { continue };
        drop[r] = true;
        taken[a] = true;
        let to = d.out[a].entry.as_ref().map(|e| e.1.clone()).unwrap_or_default();
        let old_text = d.out[r].old.clone();
        let mut fields = d.out[r].fields.clone();
        let change = &mut d.out[a];
        change.kind = Kind::IdChanged;
        change.provision =
            Msg::new("diff.at-renamed").arg_msg("base", change.provision.clone()).arg("old", from).arg("new", to);
        change.old = old_text;
        change.words = match (&change.old, &change.new) {
            (Some(x), Some(y)) => segments(&line(x.clone()), &line(y.clone()), d.policy),
            _ => Vec::new(),
        };
        fields.append(&mut change.fields);
        change.fields = fields;
        change.entry = None;
    }
    let mut k = 0;
    d.out.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_described_in_both_languages() {
        for kind in Kind::ALL {
            for lang in [Lang::Vi, Lang::En] {
                let text = kind.describe(lang);
                assert!(!text.starts_with("diff."), "{kind:?} has no {lang:?} message");
            }
        }
    }
}
