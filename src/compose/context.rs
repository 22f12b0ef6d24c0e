//! The template context: the plan's data, pre-formatted the Vietnamese way.
//!
//! Plain strings are escaped for Markdown here, once, so text such as `*x*` or
//! `# 1` in a name prints as written; values named `*_md` are the plan's own
//! Markdown (bodies) and pass through with their headings moved one level
//! down, below the parts the template numbers.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use tera::Context;

use super::indicators::sentence;
use super::markdown::{contain, demote_headings, escape, escape_keeping_notes, without_notes};
use crate::model::{PartStyle, Plan, SectionContent, Spanned};
use crate::templates::Templates;
use crate::vi::number::{integer, point_letter, with_unit};
use crate::vi::text::{capitalize_first, lower_first, upper};
use crate::vi::{date, words};

fn md(s: &Option<Spanned<String>>) -> Option<String> {
    s.as_ref().map(|s| demote_headings(&contain(s)))
}

/// A sentence without its final punctuation, for joining into a longer one.
fn clause(s: &str) -> String {
    escape(s.trim().trim_end_matches(['.', ';', ',']))
}

#[derive(Serialize)]
struct Issuer {
    name: String,
    abbr: String,
}

#[derive(Serialize)]
struct Section {
    numeral: String,
    /// How the part is headed: "roman", "letter", "ordinal" or "none".
    style: &'static str,
    /// "Phần thứ nhất" for the ordinal style.
    ordinal: String,
    title_upper: String,
    body_md: Option<String>,
    content: Option<&'static str>,
    body_after_md: Option<String>,
}

#[derive(Serialize)]
struct Objective {
    letter: String,
    title: String,
    body_md: Option<String>,
    indicators: Vec<IndicatorLine>,
}

#[derive(Serialize)]
struct IndicatorLine {
    number: usize,
    sentence: String,
}

#[derive(Serialize)]
struct Budget {
    total: Option<String>,
    total_words: Option<String>,
    sources: Vec<BTreeMap<&'static str, String>>,
    body_md: Option<String>,
}

#[derive(Serialize)]
struct Duty {
    number: usize,
    /// A numbered paragraph: the body follows "N." with no heading line.
    paragraph: bool,
    title: String,
    leads: Vec<usize>,
    body_md: Option<String>,
    /// A numbered paragraph's first line, and the lines after it: the generated
    /// "Chủ trì …" line goes between them, as it follows a duty's heading.
    body_first_md: Option<String>,
    body_rest_md: Option<String>,
    /// The group this duty opens (its heading is printed before it), and its point
    /// letter within its group; `number` is then the group's.
    group_start: Option<String>,
    letter: Option<String>,
}

#[derive(Serialize)]
struct Deadline {
    what_capitalized: String,
    before: String,
}

#[derive(Serialize)]
struct Reporting {
    to: Option<String>,
    deadlines: Vec<Deadline>,
    body_md: Option<String>,
}

#[derive(Serialize)]
struct Decision {
    bases: Vec<String>,
    proposal: Option<String>,
    /// Whether the template adds ";" and "." to the căn cứ lines.
    punctuate: bool,
    /// Each article as Markdown.
    articles: Vec<String>,
    after_md: Option<String>,
}

/// The last clause number ("1. …", "# 2. …" at a line's start) written by hand in the
/// parts printed before the duties (their own part's opening text included).
fn clauses_before_duties(plan: &Plan) -> usize {
    let clause = |line: &str| -> Option<usize> {
        let t = line.trim_start().trim_start_matches('#').trim_start();
        let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let rest = &t[digits..];
        (digits > 0 && digits <= 3 && rest.starts_with(". ")).then(|| t[..digits].parse().ok()).flatten()
    };
    let mut last = 0;
    for s in &plan.sections {
        let duties = s.content.as_deref() == Some(&SectionContent::Duties);
        for text in s.body.iter().chain(if duties { None } else { s.body_after.as_ref() }) {
            last = text.lines().rev().find_map(clause).unwrap_or(last);
        }
        if duties {
            break;
        }
    }
    last
}

fn agency_name(plan: &Plan, id: &str) -> String {
    plan.agency_name(id).to_string()
}

pub fn plan_context(plan: &Plan, templates: &Templates) -> anyhow::Result<Context> {
    let kind = plan.document.kind.name();
    let mut ctx = Context::new();
    ctx.insert("kind_name", kind);
    ctx.insert("kind_lower", &lower_first(kind));
    ctx.insert("summary_lower", &escape(&lower_first(&plan.document.summary)));
    ctx.insert("issuer", &Issuer { name: escape(&plan.issuer.name), abbr: escape(&plan.issuer.abbr) });
    ctx.insert("bases", &plan.bases.iter().map(|b| clause(b)).collect::<Vec<_>>());
    ctx.insert("preamble_md", &md(&plan.preamble));
    ctx.insert("closing_md", &md(&plan.closing));

    let sections: Vec<Section> = plan
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| Section {
            numeral: plan.document.parts.numeral(i + 1),
            style: match plan.document.parts {
                PartStyle::Roman => "roman",
                PartStyle::Letter => "letter",
                PartStyle::Ordinal => "ordinal",
                PartStyle::None => "none",
            },
            ordinal: format!("Phần {}", crate::vi::number::ordinal_words(i + 1)),
            title_upper: escape(&upper(&s.title)),
            body_md: md(&s.body),
            content: s.content.as_ref().map(|c| match **c {
                SectionContent::Objectives => "objectives",
                SectionContent::Budget => "budget",
                SectionContent::Duties => "duties",
                SectionContent::Reporting => "reporting",
            }),
            body_after_md: md(&s.body_after),
        })
        .collect();
    ctx.insert("sections", &sections);

    let mut numbers = plan.numbered_indicators().map(|(n, _, _)| n);
    let mut objectives: Vec<Objective> = Vec::with_capacity(plan.objectives.len());
    for (i, o) in plan.objectives.iter().enumerate() {
        let mut indicators = Vec::with_capacity(o.indicators.len());
        for ind in &o.indicators {
            indicators.push(IndicatorLine {
                number: numbers.next().unwrap_or(0),
                sentence: escape_keeping_notes(&sentence(ind, templates)?),
            });
        }
        objectives.push(Objective {
            letter: point_letter(i + 1),
            title: escape_keeping_notes(&o.title),
            body_md: md(&o.body),
            indicators,
        });
    }
    ctx.insert("objectives", &objectives);

    let budget = plan.budget.as_ref().map(|b| Budget {
        total: b.total.as_ref().map(|t| integer(**t)),
        total_words: b.total.as_ref().map(|t| words::amount_dong(**t)),
        sources: b
            .sources
            .iter()
            .map(|s| BTreeMap::from([("name", escape(&s.name)), ("amount", integer(*s.amount))]))
            .collect(),
        body_md: md(&b.body),
    });
    ctx.insert("budget", &budget);

    let leads = plan.leads();
    // Numbers run over ungrouped duties and groups; a group's duties are its points.
    let mut numbering: Vec<(usize, Option<String>, Option<String>)> = Vec::with_capacity(plan.duties.len());
    // Parts without headings run as one text: the duties go on from its last clause
    // ("1. Tuyên truyền", "2. Tổ chức gặp mặt", then "3. Phòng Văn hóa - Xã hội").
    let (mut number, mut point) =
        (if plan.document.parts == PartStyle::None { clauses_before_duties(plan) } else { 0 }, 0);
    let mut open: Option<&str> = None;
    for d in &plan.duties {
        let group = d.group.as_deref().map(|g| g.trim()).filter(|g| !g.is_empty());
        match group {
            Some(g) if open == Some(g) => {
                point += 1;
                numbering.push((number, None, Some(point_letter(point))));
            }
            Some(g) => {
                (number, point) = (number + 1, 1);
                numbering.push((number, Some(clause(g)), Some(point_letter(1))));
            }
            None => {
                number += 1;
                numbering.push((number, None, None));
            }
        }
        open = group;
    }
    let duties: Vec<Duty> = plan
        .duties
        .iter()
        .zip(numbering)
        .map(|(d, (number, group_start, letter))| {
            let body_md = md(&d.body);
            // The first paragraph: up to the first line end that is not a hard line
            // break ("…\\" then a new line stays in its paragraph).
            let split = body_md.as_deref().map(str::trim_start).and_then(|b| {
                b.match_indices('\n').map(|(i, _)| i).find(|&i| !b[..i].ends_with('\\')).map(|i| (&b[..i], &b[i + 1..]))
            });
            let (first, rest) = match split {
                Some((first, rest)) if !rest.trim().is_empty() => (Some(first.to_string()), Some(rest.to_string())),
                _ => (body_md.clone(), None),
            };
            Duty {
                number,
                group_start,
                letter,
                paragraph: d.paragraph,
                title: escape(&d.title.as_ref().map_or_else(|| agency_name(plan, &d.agency), |t| t.value.clone())),
                leads: if d.no_lead_line { Vec::new() } else { leads.of(plan, &d.agency).to_vec() },
                body_md,
                body_first_md: first,
                body_rest_md: rest,
            }
        })
        .collect();
    ctx.insert("duties", &duties);

    let reporting = plan.reporting.as_ref().map(|r| Reporting {
        to: r.to.as_ref().map(|t| escape(&agency_name(plan, t))),
        deadlines: r
            .deadlines
            .iter()
            .map(|d| Deadline {
                what_capitalized: escape(&capitalize_first(&d.what)),
                before: d.before.day().map_or_else(|| d.before.to_string(), date::short),
            })
            .collect(),
        body_md: md(&r.body),
    });
    ctx.insert("reporting", &reporting);

    let decision = plan.decision.as_ref().map(|d| {
        let line = |s: &str| if d.punctuate { clause(s) } else { escape(s.trim()) };
        Decision {
            bases: d.bases.iter().map(|b| line(b)).collect(),
            proposal: d.proposal.as_ref().map(|p| line(p)),
            punctuate: d.punctuate,
            articles: d.articles.iter().map(|a| demote_headings(&contain(a))).collect(),
            after_md: md(&d.after),
        }
    });
    ctx.insert("decision", &decision);
    Ok(ctx)
}

#[derive(Serialize)]
struct AppendixRow {
    number: usize,
    text: String,
    target: String,
    milestones: Vec<String>,
    lead: String,
    support: String,
}

pub fn appendix_context(plan: &Plan) -> Context {
    let years: BTreeSet<String> = plan
        .numbered_indicators()
        .flat_map(|(_, _, i)| i.targets())
        .flat_map(|t| t.milestones.keys().cloned())
        .collect();
    let short = |id: &str| escape(plan.agencies.get(id).map_or(id, |a| a.short_name()));
    let rows: Vec<AppendixRow> = plan
        .numbered_indicators()
        .map(|(number, _, i)| {
            let target = i.target.as_ref();
            // A compound indicator: its words and each part's value, "; " between parts.
            let text = if i.parts.is_empty() || !i.text.trim().is_empty() {
                i.text.replace("{target}", &target.and_then(|t| t.value_text()).unwrap_or_default())
            } else {
                i.parts.iter().map(|p| p.text.replace("{target}", "").trim().to_string()).collect::<Vec<_>>().join("; ")
            };
            let targets: Vec<_> = i.targets().collect();
            AppendixRow {
                number,
                text: escape(&without_notes(&text)),
                // Milestones have their own columns: here only the targets without them.
                target: escape(
                    &targets
                        .iter()
                        .filter(|t| t.milestones.is_empty())
                        .filter_map(|t| t.value_text())
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
                milestones: years
                    .iter()
                    .map(|y| {
                        let values: Vec<String> = targets
                            .iter()
                            .filter_map(|t| t.milestones.get(y).map(|v| with_unit(**v, &t.unit)))
                            .collect();
                        escape(&values.join("; "))
                    })
                    .collect(),
                lead: i
                    .lead
                    .as_ref()
                    .map(|l| l.0.iter().map(|a| short(a)).collect::<Vec<_>>().join("; "))
                    .unwrap_or_default(),
                support: i.support.iter().map(|a| short(a)).collect::<Vec<_>>().join("; "),
            }
        })
        .collect();
    let years: Vec<String> = years.iter().map(|y| escape(y)).collect();
    // A target without milestones has its own column beside the years': a five-year plan
    // mixes "đạt 63,7%" with "năm 2027 đạt 65%, năm 2030 đạt 75%".
    let single = years.is_empty() || rows.iter().any(|r| !r.target.is_empty());
    let mut ctx = Context::new();
    ctx.insert("years", &years);
    ctx.insert("single", &single);
    ctx.insert("indicators", &rows);
    ctx
}

#[derive(Serialize)]
struct CostRow {
    what: String,
    amount: String,
    source: String,
}

/// A further appendix: its cost items (amounts as printed, 18.680.000.000) and text.
pub fn extra_appendix_context(a: &crate::model::ExtraAppendix) -> Context {
    let mut ctx = Context::new();
    let items: Vec<CostRow> = a
        .items
        .iter()
        .map(|i| CostRow {
            what: escape(&i.what),
            amount: crate::vi::number::integer(*i.amount),
            source: i.source.as_ref().map(|s| escape(s)).unwrap_or_default(),
        })
        .collect();
    let total: u64 = a.items.iter().map(|i| *i.amount).fold(0, u64::saturating_add);
    ctx.insert("items", &items);
    ctx.insert("total", &crate::vi::number::integer(total));
    ctx.insert("body_md", &md(&a.body));
    ctx
}
