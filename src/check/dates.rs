//! date-invalid, milestone-outside, issue-blank: dates that exist and fit the period.

use chrono::{Datelike, NaiveDate};

use crate::diag::{Code, Diagnostic, Msg, Sink};
use crate::model::{DateProblem, Plan, Spanned, Status};
use crate::source::{SourceMap, Span};
use crate::vi::date::short;

/// The years an administrative document can be dated in: a typo ("0202", "-5") is not one.
pub(super) const YEARS: std::ops::RangeInclusive<i32> = 1945..=2100;

fn year_out_of_range(year: i32, span: crate::source::Span, sink: &mut Sink) {
    sink.push(
        Diagnostic::new(Code::DateInvalid)
            .with_message(
                Msg::new("date-invalid.year").arg("year", year).arg("from", YEARS.start()).arg("to", YEARS.end()),
            )
            .primary(span, Msg::new("date-invalid.label")),
    );
}

pub fn check(plan: &Plan, map: &SourceMap, sink: &mut Sink) {
    let period = plan.document.period.as_ref();
    if let Some(p) = period {
        if p.0 > p.1 {
            sink.push(
                Diagnostic::new(Code::DateInvalid)
                    .with_message(Msg::new("date-invalid.period").arg("from", p.0).arg("to", p.1))
                    .primary(p.span, Msg::new("date-invalid.period-label")),
            );
        } else if let Some(year) = [p.0, p.1].into_iter().find(|y| !YEARS.contains(y)) {
            year_out_of_range(year, p.span, sink);
        }
    }
    real_date(plan.document.date.as_ref(), sink);
    if let Some(d) = &plan.decision {
        real_date(d.date.as_ref(), sink);
    }
    for deadline in plan.reporting.iter().flat_map(|r| &r.deadlines) {
        let Some(date) = real_date(Some(&deadline.before), sink) else { continue };
        if let Some(issued) = plan.issue_date().filter(|issued| date < *issued) {
            sink.push(
                Diagnostic::new(Code::DateInvalid)
                    .with_message(
                        Msg::new("date-invalid.before-issue").arg("date", short(date)).arg("issued", short(issued)),
                    )
                    .primary(deadline.before.span, Msg::new("date-invalid.label")),
            );
            continue;
        }
        if let Some(p) = period.filter(|p| !(p.0..=p.1).contains(&date.year())) {
            sink.push(
                Diagnostic::new(Code::DateInvalid)
                    .with_message(
                        Msg::new("date-invalid.outside").arg("date", short(date)).arg("from", p.0).arg("to", p.1),
                    )
                    .primary(deadline.before.span, Msg::new("date-invalid.label"))
                    .secondary(p.span, Msg::new("milestone-outside.period")),
            );
        }
    }
    milestones(plan, map, sink);
    issue_blank(plan, sink);
}

/// The calendar date of a TOML date, or a diagnostic when it has a time or does not exist.
fn real_date(value: Option<&Spanned<crate::model::Date>>, sink: &mut Sink) -> Option<NaiveDate> {
    let value = value?;
    if let Err(problem) = value.resolved {
        let key = match problem {
            DateProblem::HasTime => "date-invalid.time",
            DateProblem::AsWritten => "date-invalid.as-written",
            DateProblem::Impossible => "date-invalid",
        };
        sink.push(
            Diagnostic::new(Code::DateInvalid)
                .with_message(Msg::new(key).arg("value", &value.written))
                .primary(value.span, Msg::new("date-invalid.label")),
        );
    }
    let day = value.day()?;
    if !YEARS.contains(&day.year()) {
        year_out_of_range(day.year(), value.span, sink);
        return None;
    }
    Some(day)
}

/// Where a milestone's year is written: the key before its value (`2035 = 80`,
/// `"2035" = 80`); the value where the key is not found on its line.
fn year_key(map: &SourceMap, value: Span, year: &str) -> Span {
    let Some(file) = map.lookup(value).map(|id| map.file(id)) else { return value };
    let Some(before) = file.text.get(..value.start.saturating_sub(file.base)) else { return value };
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let Some(at) = before[line_start..].rfind(year) else { return value };
    let start = file.base + line_start + at;
    Span::new(start, start + year.len())
}

fn milestones(plan: &Plan, map: &SourceMap, sink: &mut Sink) {
    let period = plan.document.period.as_ref();
    for (_, _, indicator) in plan.numbered_indicators() {
        for (year, value) in indicator.targets().flat_map(|t| &t.milestones) {
            let Ok(y) = year.parse::<i32>() else {
                sink.push(
                    Diagnostic::new(Code::MilestoneOutside)
                        .with_message(Msg::new("milestone-outside.not-year").arg("year", year))
                        .primary(
                            year_key(map, value.span, year),
                            Msg::new("milestone-outside.label").arg("year", year),
                        ),
                );
                continue;
            };
            // A vision year ("tầm nhìn đến năm 2030") extends the period's end.
            let last = |p: &(i32, i32)| plan.document.vision.as_deref().map_or(p.1, |v| p.1.max(*v));
            if let Some(p) = period.filter(|p| !(p.0..=last(p)).contains(&y)) {
                sink.push(
                    Diagnostic::new(Code::MilestoneOutside)
                        .arg("year", y)
                        .arg("from", p.0)
                        .arg("to", last(p))
                        .primary(year_key(map, value.span, year), Msg::new("milestone-outside.label").arg("year", y))
                        .secondary(p.span, Msg::new("milestone-outside.period")),
                );
            }
        }
    }
}

/// A final document needs its number and date; the one that carries them is the
/// decision when there is one (the attached plan uses the decision's, NĐ 30 §8).
fn issue_blank(plan: &Plan, sink: &mut Sink) {
    if plan.document.status == Status::Draft {
        return;
    }
    let (number, date, span) = match &plan.decision {
        Some(d) => (d.number.is_some(), d.date.is_some(), d.summary.span),
        None => (plan.document.number.is_some(), plan.document.date.is_some(), plan.document.kind.span),
    };
    let missing = match (number, date) {
        (true, true) => return,
        (false, false) => "issue-blank.both",
        (false, true) => "issue-blank.number",
        (true, false) => "issue-blank.date",
    };
    sink.push(
        Diagnostic::new(Code::IssueBlank)
            .with_message(Msg::new("issue-blank").arg_key("missing", missing))
            .primary(span, Msg::new("issue-blank.label").arg_key("missing", missing)),
    );
}
