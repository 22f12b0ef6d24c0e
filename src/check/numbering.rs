//! numbering-gap: clauses written by hand in free text must not skip (1, 2, 4)
//! or repeat. Parts (I., II.) and duties are numbered by kehoach itself.

use crate::diag::{Code, Diagnostic, Msg, Sink};
use crate::model::{Plan, SectionContent, Spanned};
use crate::source::{SourceMap, Span};

/// Vietnamese alphabetical order of points (điểm): a, b, c, d, đ, e, g, …
use crate::vi::number::{point_ordinal, POINT_LETTERS, ROMAN};

/// A numbered item: its level (0 Roman, 1 Arabic, 2 letter) and its ordinal (1-based).
///
/// The line may start with Markdown heading marks and `**`, then "IV. ", "12. "
/// or "đ) ". Scanned by hand: compiling a regex cost more than all the checks
/// together in a one-plan run.
fn marker(line: &str) -> Option<(usize, usize, String)> {
    let mut rest = line.trim_start();
    if rest.starts_with('#') {
        rest = rest.trim_start_matches('#').trim_start_matches([' ', '\t']);
    }
    rest = rest.strip_prefix("**").unwrap_or(rest);
    let followed_by_blank = |s: &str| s.starts_with([' ', '\t']);
    let roman = rest.len() - rest.trim_start_matches(['I', 'V', 'X']).len();
    if roman > 0 {
        let (r, after) = rest.split_at(roman);
        let after = after.strip_prefix('.')?;
        if !followed_by_blank(after) {
            return None;
        }
        let n = ROMAN.iter().position(|x| *x == r)? + 1;
        return Some((0, n, r.to_string()));
    }
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 {
        let (d, after) = rest.split_at(digits);
        if digits > 3 || !after.strip_prefix('.').is_some_and(followed_by_blank) {
            return None;
        }
        return Some((1, d.parse().ok()?, d.to_string()));
    }
    let mut chars = rest.chars();
    let l = chars.next().filter(|c| c.is_ascii_lowercase() || *c == 'đ')?;
    if !chars.as_str().strip_prefix(')').is_some_and(followed_by_blank) {
        return None;
    }
    let n = point_ordinal(l)?;
    Some((2, n, l.to_string()))
}

fn label(level: usize, n: usize) -> String {
    match level {
        0 => ROMAN.get(n - 1).map_or(n.to_string(), |r| format!("{r}.")),
        1 => format!("{n}."),
        _ => POINT_LETTERS.get(n - 1).map_or(n.to_string(), |c| format!("{c})")),
    }
}

pub fn check(plan: &Plan, map: &SourceMap, sink: &mut Sink) {
    let mut bodies: Vec<Vec<&Spanned<String>>> = Vec::new();
    bodies.extend(plan.sections.iter().map(|s| s.body.iter().chain(&s.body_after).collect()));
    bodies.extend(plan.duties.iter().map(|d| d.body.iter().collect()));
    bodies.extend(plan.objectives.iter().map(|o| o.body.iter().collect()));
    bodies.push(plan.budget.as_ref().into_iter().filter_map(|b| b.body.as_ref()).collect());
    bodies.push(plan.reporting.iter().filter_map(|r| r.body.as_ref()).collect());
    bodies.push(plan.preamble.iter().collect());
    // Text after the objectives may go on with their points ("d)" after "c) Về …").
    let after_points: Vec<Span> = plan
        .sections
        .iter()
        .filter(|s| s.content.as_deref() == Some(&SectionContent::Objectives))
        .filter_map(|s| s.body_after.as_ref().map(|b| b.span))
        .collect();
    for texts in bodies {
        sequence(texts, &after_points, map, sink);
    }
}

/// One running sequence of numbered lines across the given texts.
fn sequence(texts: Vec<&Spanned<String>>, after_points: &[Span], map: &SourceMap, sink: &mut Sink) {
    let mut last: [Option<(usize, String)>; 3] = Default::default();
    for text in texts {
        for line in text.lines() {
            let Some((level, n, written)) = marker(line) else { continue };
            // Points start at a) under their clause ("b)" first: "a)" is missing). Clauses
            // and parts may go on from a text before this one.
            if level == 2 && n > 1 && last[2].is_none() && !after_points.contains(&text.span) {
                let expected = label(2, 1);
                sink.push(
                    Diagnostic::new(Code::NumberingGap)
                        .with_message(
                            Msg::new("numbering-gap.first").arg("found", label(2, n)).arg("expected", &expected),
                        )
                        .primary(
                            super::locate(map, text.span, line.trim()),
                            Msg::new("numbering-gap.label").arg("expected", &expected),
                        ),
                );
            }
            if let Some((prev, prev_written)) = &last[level] {
                let skips = n > prev + 1 || (n == *prev && n != 1);
                if skips {
                    let expected = label(level, prev + 1);
                    let found = label(level, n);
                    let prev_label = format!("{}{}", prev_written, if level == 2 { ")" } else { "." });
                    let span = super::locate(map, text.span, line.trim());
                    sink.push(
                        Diagnostic::new(Code::NumberingGap)
                            .arg("prev", prev_label)
                            .arg("found", found)
                            .arg("expected", &expected)
                            .primary(span, Msg::new("numbering-gap.label").arg("expected", &expected)),
                    );
                }
            }
            last[level] = Some((n, written));
            for lower in last.iter_mut().skip(level + 1) {
                *lower = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_three_levels() {
        assert_eq!(marker("IV. TỔ CHỨC").map(|m| (m.0, m.1)), Some((0, 4)));
        assert_eq!(marker("# 2. Mục tiêu cụ thể").map(|m| (m.0, m.1)), Some((1, 2)));
        assert_eq!(marker("đ) Điểm năm").map(|m| (m.0, m.1)), Some((2, 5)));
        assert_eq!(marker("- Chỉ tiêu 1: …"), None);
        assert_eq!(marker("2023. Năm"), None);
        assert_eq!(marker("  **b) Điểm").map(|m| (m.0, m.1)), Some((2, 2)));
        assert_eq!(marker("##\t12.\tMười hai").map(|m| (m.0, m.1)), Some((1, 12)));
        assert_eq!(marker("1.5 triệu"), None);
        assert_eq!(marker("IV.x"), None);
        assert_eq!(marker("I) sai"), None);
        assert_eq!(marker("f) không có trong bảng chữ"), None);
    }
}
