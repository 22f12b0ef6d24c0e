//! Compose: a checked plan + templates → the document model.
//!
//! The frame (header, title, signature, Nơi nhận) is built from the plan's data
//! directly; the body goes plan → template context → Tera → Markdown → blocks.

mod context;
mod frame;
mod indicators;
mod markdown;

use anyhow::Result;

use crate::document::{Block, Document, Inline, Part};
use crate::model::{Plan, Status};
use crate::templates::Templates;

pub use frame::parent_line;
pub use indicators::sentence as indicator_sentence;
pub use markdown::{escape, parse_blocks};

/// Each indicator's sentence as the document prints it, by id: what a form shows for
/// an indicator it does not edit.
pub fn indicator_sentences(plan: &Plan, templates: &Templates) -> Result<Vec<(String, String)>> {
    plan.numbered_indicators().map(|(_, _, i)| Ok((i.id.to_string(), indicators::sentence(i, templates)?))).collect()
}

/// Composes the document; `draft` prints the "DỰ THẢO" mark (also when the plan says so).
pub fn compose(plan: &Plan, templates: &Templates, draft: bool) -> Result<Document> {
    let ctx = context::plan_context(plan, templates)?;
    let mut parts = Vec::new();

    if let Some(decision) = &plan.decision {
        let md = templates.render("quyet-dinh/body.md", &ctx)?;
        let (mut body, footnotes) = parse_blocks(&md);
        end_content(&mut body);
        parts.push(Part {
            header: Some(frame::header(plan, true)),
            title: frame::decision_title(decision),
            body,
            footnotes,
            closing: Some(frame::closing(plan, Some(decision.articles.len()))),
            restart_numbering: false,
        });
    }

    let md = templates.render("ke-hoach/body.md", &ctx)?;
    let (mut body, footnotes) = parse_blocks(&md);
    end_content(&mut body);
    let attached = plan.decision.is_some();
    parts.push(Part {
        header: Some(frame::header(plan, !attached)),
        title: frame::plan_title(plan),
        body,
        footnotes,
        // The attached plan is signed through its decision (NĐ 30 §8).
        closing: (!attached).then(|| frame::closing(plan, None)),
        restart_numbering: false,
    });

    let indicator_table = plan.appendix.is_some() && plan.objectives.iter().any(|o| !o.indicators.is_empty());
    // Several appendices are numbered Phụ lục I, II, …; one is just "Phụ lục".
    let count = usize::from(indicator_table) + plan.appendices.len();
    let numeral = |i: usize| (count > 1).then(|| crate::vi::number::roman(i + 1));
    if indicator_table {
        let md = templates.render("ke-hoach/appendix.md", &context::appendix_context(plan))?;
        let (body, footnotes) = parse_blocks(&md);
        let title = frame::appendix_title(plan, numeral(0).as_deref());
        parts.push(Part { header: None, title, body, footnotes, closing: None, restart_numbering: true });
    }

    for (i, a) in plan.appendices.iter().enumerate() {
        let n = numeral(usize::from(indicator_table) + i);
        let md = templates.render("ke-hoach/appendix-extra.md", &context::extra_appendix_context(a))?;
        let (body, footnotes) = parse_blocks(&md);
        parts.push(Part {
            header: None,
            title: frame::appendix_titled(plan, &a.title, n.as_deref()),
            body,
            footnotes,
            closing: None,
            restart_numbering: true,
        });
    }

    let mut doc = Document {
        title: crate::document::printable(&frame::document_title(plan)),
        timestamp: frame::timestamp(plan),
        author: crate::document::printable(&plan.issuer.name),
        subject: crate::document::printable(plan.issued_summary()),
        draft: draft || plan.document.status == Status::Draft,
        parts,
        revision: None,
    };
    doc.each_text_mut(&mut crate::document::single_spaced);
    Ok(doc)
}

/// The content ends "./." (every mẫu of NĐ 30 does).
fn end_content(body: &mut [Block]) {
    let Some(content) = body.iter_mut().rev().find_map(|b| match b {
        Block::Paragraph { content } | Block::Heading { content, .. } => Some(content),
        _ => None,
    }) else {
        return;
    };
    let Some(last) = content.iter_mut().rev().find(|i| i.footnote.is_none()) else { return };
    if last.text.trim_end().ends_with("./.") {
        return;
    }
    let trimmed = last.text.trim_end().trim_end_matches(['.', ';', ',', ':']).to_string();
    last.text = trimmed;
    content.push(Inline::plain("./."));
}
