//! The comparison table (bảng so sánh) reviewers file with a draft: one row per
//! change, in the plan's own NĐ 30 frame.

use super::changes::Change;
use crate::diag::Lang;
use crate::document::{line, Block, Document, Inline, Mark, Part, Table, Text, Title};
use crate::model::Plan;
use crate::templates::Templates;
use crate::vi::text::{capitalize_first, lower_first};

fn side(change: &Change, keep: Mark) -> Text {
    let drop = if keep == Mark::Added { Mark::Removed } else { Mark::Added };
    if !change.words.is_empty() {
        return change
            .words
            .iter()
            .filter(|s| s.mark != Some(drop))
            .map(|s| Inline { mark: s.mark, bold: s.bold, ..Inline::plain(s.text.clone()) })
            .collect();
    }
    let value = if keep == Mark::Added { &change.new } else { &change.old };
    value.as_ref().map_or_else(Text::new, |v| vec![Inline { mark: Some(keep), ..Inline::plain(v.clone()) }])
}

/// A version as the table names it: by its number and date ("Kế hoạch số
/// 93/KH-UBND ngày 03/4/2023"), or, when it has none, "dự thảo" and its title.
pub fn version_label(plan: &Plan) -> String {
    let kind = plan.issued_kind().name();
    match (plan.document_code(), plan.issue_date()) {
        (code, Some(day)) if code.number.is_some() => {
            format!("{kind} số {} ngày {}", code.printed(""), crate::vi::date::short(day))
        }
        _ => format!("dự thảo {} {}", lower_first(kind), lower_first(plan.issued_summary())),
    }
}

/// The table as a document: the new plan's header and the rows of changes.
pub fn comparison(changes: &[Change], new: &Plan, old: &Plan, templates: &Templates) -> anyhow::Result<Document> {
    let frame = crate::compose::compose(new, templates, false)?;
    let header = frame.parts.iter().find_map(|p| p.header.clone()).map(|mut h| {
        // A working document of the drafting unit: no number, no date line.
        h.number = None;
        h.place_date = None;
        h
    });
    let bold = |s: &str| vec![Inline { bold: true, ..Inline::plain(s) }];
    let mut rows = Vec::new();
    for (i, c) in changes.iter().enumerate() {
        let provision = format!("{} ({})", c.provision.render(Lang::Vi), c.kind.describe(Lang::Vi));
        rows.push(vec![
            line((i + 1).to_string()),
            line(provision),
            side(c, Mark::Removed),
            side(c, Mark::Added),
            c.note.as_deref().map(line).unwrap_or_default(),
        ]);
    }
    let table = Table {
        widths: vec![0.075, 0.19, 0.305, 0.305, 0.125],
        header: ["STT", "Điều khoản", "Nội dung hiện hành", "Nội dung đề xuất", "Ghi chú"]
            .iter()
            .map(|h| bold(h))
            .collect(),
        rows,
    };
    let summary = match version_label(new) {
        label if label.starts_with("dự thảo") => capitalize_first(&label),
        label => format!("{label} về {}", lower_first(new.issued_summary())),
    };
    let title = Title {
        kind: line("BẢNG SO SÁNH"),
        rule_mm: 30.0,
        summary: line(summary),
        subtitle: None,
        attached_to: Some(line(format!("(So với {})", version_label(old)))),
        authority: None,
    };
    let intro = if changes.is_empty() {
        "Hai văn bản không khác nhau về nội dung."
    } else {
        "Các nội dung thay đổi giữa hai văn bản, theo thứ tự trong dự thảo:"
    };
    Ok(Document {
        title: format!("Bảng so sánh: {}", frame.title),
        timestamp: frame.timestamp,
        author: frame.author,
        subject: frame.subject,
        draft: false,
        parts: vec![Part {
            header,
            title,
            body: vec![Block::Paragraph { content: line(intro) }, Block::Table(table)],
            footnotes: Vec::new(),
            closing: None,
            restart_numbering: false,
        }],
        revision: None,
    })
}
