//! Check: a typed plan → diagnostics. Each family of checks lives in its own
//! file and pushes into one sink; no check stops another.

mod agencies;
mod budget;
mod citations;
mod dates;
mod district;
mod document_code;
mod encoding;
mod era;
mod footnotes;
mod ids;
mod numbering;
mod sections;
mod signature;
mod values;

use crate::diag::{Code, Diagnostic, Sink};
use crate::model::Plan;
use crate::source::{SourceMap, Span};

/// Runs every check on a plan.
pub fn check(plan: &Plan, map: &SourceMap) -> Vec<Diagnostic> {
    let mut sink = Sink::default();
    ids::check(plan, &mut sink);
    agencies::check(plan, map, &mut sink);
    budget::check(plan, &mut sink);
    dates::check(plan, map, &mut sink);
    document_code::check(plan, &mut sink);
    encoding::check(plan, map, &mut sink);
    era::check(plan, map, &mut sink);
    numbering::check(plan, map, &mut sink);
    citations::check(plan, map, &mut sink);
    signature::check(plan, &mut sink);
    sections::check(plan, map, &mut sink);
    footnotes::check(plan, map, &mut sink);
    values::check(plan, &mut sink);
    sink.into_sorted()
}

/// Checks a resolved plan: its own checks, the district traceability checks
/// against its parent, and a note on every problem found in an inherited value.
pub fn check_resolved(plan: &crate::model::ResolvedPlan, map: &SourceMap) -> Vec<Diagnostic> {
    let mut sink = Sink::default();
    sink.extend(check(plan, map));
    district::check(plan, map, &mut sink);
    let mut out = sink.into_sorted();
    // "UBND các huyện" in inherited prose dated after July 2025 is a body that is gone
    // before it is the parent's level: said once, as body-gone.
    let gone: Vec<Span> = out.iter().filter(|d| d.code == Code::BodyGone).filter_map(|d| d.span()).collect();
    out.retain(|d| d.code != Code::InheritedLevel || d.span().is_none_or(|s| !gone.contains(&s)));
    agencies::point_at_removals(&plan.removals, &mut out);
    for d in &mut out {
        let file = d.span().and_then(|s| map.lookup(s));
        if let Some(file) = file.filter(|f| *f != plan.file) {
            let path = map.file(file).path.display().to_string();
            d.notes.push(crate::diag::Msg::new("inherited-from").arg("path", path));
        }
    }
    out
}

/// The span of `needle` inside the source text of `within`, or `within` itself.
///
/// Free text is one TOML string; a check that finds a problem on one line of it
/// points at that line. Strings without escapes read the same in the source, so
/// a search finds the exact place.
pub(crate) fn locate(map: &SourceMap, within: Span, needle: &str) -> Span {
    locate_nth(map, within, needle, 0)
}

/// As [`locate`], the `n`th occurrence (from 0): a name cited first and then given work.
pub(crate) fn locate_nth(map: &SourceMap, within: Span, needle: &str, n: usize) -> Span {
    map.snippet(within)
        .and_then(|s| s.match_indices(needle).nth(n).map(|(i, _)| i))
        .map_or(within, |i| Span::new(within.start + i, within.start + i + needle.len()))
}
