//! The post-build pass over docx-rs's XML parts.
//!
//! docx-rs writes children of `w:pPr`, `w:rPr`, `w:sectPr` out of ECMA-376
//! sequence order (Word Online rejects such files as corrupt), has no `w:lang`
//! (Word would proof Vietnamese as English), writes "unknown" as the author,
//! and numbers footnotes and revisions from process-wide counters (the same
//! document twice in one process would differ). This pass fixes all four.

use std::collections::HashMap;

use anyhow::{Context, Result};
use docx_rs::XMLDocx;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

use crate::doc::Document;

/// Child order of the property elements, from the ECMA-376 schema (Part 1, §17).
pub const SCHEMA_ORDER: &[(&str, &[&str])] = &[
    (
        "w:pPr",
        &[
            "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
            "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
            "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
            "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
            "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
            "w:rPr", "w:sectPr", "w:pPrChange",
        ],
    ),
    (
        "w:rPr",
        &[
            "w:ins", "w:del", "w:moveFrom", "w:moveTo", "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs",
            "w:caps", "w:smallCaps", "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint",
            "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern",
            "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText",
            "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
            "w:rPrChange",
        ],
    ),
    (
        "w:sectPr",
        &[
            "w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz", "w:pgMar",
            "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt", "w:vAlign",
            "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings",
            "w:sectPrChange",
        ],
    ),
    (
        "w:tblPr",
        &[
            "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize", "w:tblStyleColBandSize",
            "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar",
            "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange",
        ],
    ),
    (
        "w:tcPr",
        &[
            "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap", "w:tcMar",
            "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers", "w:cellIns", "w:cellDel",
            "w:cellMerge", "w:tcPrChange",
        ],
    ),
    (
        "w:pBdr",
        &["w:top", "w:left", "w:bottom", "w:right", "w:between", "w:bar"],
    ),
];

enum Node {
    Element { start: BytesStart<'static>, children: Vec<Node>, empty: bool },
    Other(Event<'static>),
}

impl Node {
    fn name(&self) -> Option<&[u8]> {
        match self {
            Node::Element { start, .. } => Some(start.name().into_inner()),
            Node::Other(_) => None,
        }
    }

    fn is(&self, name: &str) -> bool {
        self.name() == Some(name.as_bytes())
    }
}

fn is(start: &BytesStart, name: &str) -> bool {
    start.name().as_ref() == name.as_bytes()
}

fn parse(xml: &[u8]) -> Result<Vec<Node>> {
    let mut reader = Reader::from_reader(xml);
    let mut stack: Vec<(BytesStart<'static>, Vec<Node>)> = Vec::new();
    let mut top: Vec<Node> = Vec::new();
    loop {
        let event = reader.read_event().context("XML không hợp lệ")?.into_owned();
        let node = match event {
            Event::Eof => break,
            Event::Start(start) => {
                stack.push((start, Vec::new()));
                continue;
            }
            Event::End(_) => {
                let (start, children) = stack.pop().context("thẻ đóng thừa")?;
                Node::Element { start, children, empty: false }
            }
            Event::Empty(start) => Node::Element { start, children: Vec::new(), empty: true },
            other => Node::Other(other),
        };
        match stack.last_mut() {
            Some((_, children)) => children.push(node),
            None => top.push(node),
        }
    }
    Ok(top)
}

fn write(nodes: &[Node], w: &mut Writer<Vec<u8>>) -> Result<()> {
    for node in nodes {
        match node {
            Node::Element { start, children, empty: true } if children.is_empty() => {
                w.write_event(Event::Empty(start.borrow()))?;
            }
            Node::Element { start, children, .. } => {
                w.write_event(Event::Start(start.borrow()))?;
                write(children, w)?;
                w.write_event(Event::End(start.to_end()))?;
            }
            Node::Other(e) => w.write_event(e.borrow())?,
        }
    }
    Ok(())
}

/// Rank of a child in its parent's schema sequence; unknown children go last.
fn rank(order: &[&str], child: &Node) -> usize {
    child.name().and_then(|x| order.iter().position(|o| o.as_bytes() == x)).unwrap_or(order.len())
}

fn reorder(nodes: &mut [Node]) {
    for node in nodes.iter_mut() {
        if let Node::Element { start, children, .. } = node {
            reorder(children);
            if let Some((_, order)) = SCHEMA_ORDER.iter().find(|(n, _)| is(start, n)) {
                // Most property lists are already in order: sort only those that are not.
                if children.windows(2).any(|w| rank(order, &w[0]) > rank(order, &w[1])) {
                    children.sort_by_cached_key(|c| rank(order, c));
                }
            }
        }
    }
}

/// Visits every element, depth first.
fn each_element(nodes: &mut [Node], f: &mut dyn FnMut(&mut BytesStart<'static>, &mut Vec<Node>)) {
    for node in nodes.iter_mut() {
        if let Node::Element { start, children, .. } = node {
            f(start, children);
            each_element(children, f);
        }
    }
}

fn attr(start: &BytesStart, key: &str) -> Option<String> {
    start.attributes().flatten().find(|a| a.key.as_ref() == key.as_bytes()).map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

fn set_attr(start: &mut BytesStart<'static>, key: &str, value: &str) {
    let attrs: Vec<(Vec<u8>, Vec<u8>)> = start
        .attributes()
        .flatten()
        .map(|a| {
            let v = if a.key.as_ref() == key.as_bytes() { value.as_bytes().to_vec() } else { a.value.to_vec() };
            (a.key.as_ref().to_vec(), v)
        })
        .collect();
    start.clear_attributes();
    for (k, v) in &attrs {
        start.push_attribute((k.as_slice(), v.as_slice()));
    }
}

fn rewrite(xml: &[u8], f: impl FnOnce(&mut Vec<Node>)) -> Result<Vec<u8>> {
    let mut nodes = parse(xml)?;
    f(&mut nodes);
    reorder(&mut nodes);
    let mut w = Writer::new(Vec::with_capacity(xml.len() + 64));
    write(&nodes, &mut w)?;
    Ok(w.into_inner())
}

fn lang_element() -> Node {
    let mut lang = BytesStart::new("w:lang");
    lang.push_attribute(("w:val", "vi-VN"));
    lang.push_attribute(("w:eastAsia", "vi-VN"));
    lang.push_attribute(("w:bidi", "ar-SA"));
    Node::Element { start: lang, children: Vec::new(), empty: true }
}

fn escape_xml(s: &str) -> String {
    let s: String = s.chars().filter(|c| *c == '\t' || !c.is_control()).collect();
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

pub fn finish(parts: &mut XMLDocx, doc: &Document) -> Result<()> {
    // Footnotes and revisions numbered in document order, from 1.
    let mut footnote_ids: HashMap<String, String> = HashMap::new();
    let mut revision = 0usize;
    parts.document = rewrite(&parts.document, |nodes| {
        each_element(nodes, &mut |start, _| match start.name().as_ref() {
            b"w:footnoteReference" => {
                if let Some(old) = attr(start, "w:id") {
                    let next = (footnote_ids.len() + 1).to_string();
                    let new = footnote_ids.entry(old).or_insert(next).clone();
                    set_attr(start, "w:id", &new);
                }
            }
            b"w:ins" | b"w:del" => {
                revision += 1;
                set_attr(start, "w:id", &revision.to_string());
            }
            _ => {}
        })
    })?;
    section_breaks(&mut parts.document)?;
    parts.footnotes = rewrite(&parts.footnotes, |nodes| {
        each_element(nodes, &mut |start, _| {
            if is(start, "w:footnote") {
                if let Some(new) = attr(start, "w:id").and_then(|old| footnote_ids.get(&old)) {
                    set_attr(start, "w:id", new);
                }
            }
        })
    })?;
    parts.styles = rewrite(&parts.styles, |nodes| {
        each_element(nodes, &mut |start, children| {
            if is(start, "w:rPrDefault") {
                for child in children.iter_mut() {
                    if let Node::Element { children: rpr, empty, .. } = child {
                        *empty = false;
                        rpr.push(lang_element());
                    }
                }
            }
        })
    })?;
    for header in parts.headers.iter_mut() {
        *header = rewrite(header, |_| {})?;
    }
    let core = String::from_utf8_lossy(&parts.doc_props.core).into_owned();
    let title = escape_xml(&doc.title);
    let core = core
        .replace("<dc:creator>unknown</dc:creator>", "<dc:creator>kehoach</dc:creator>")
        .replace("<cp:lastModifiedBy>unknown</cp:lastModifiedBy>", "<cp:lastModifiedBy>kehoach</cp:lastModifiedBy>")
        .replacen("</cp:coreProperties>", &format!("<dc:title>{title}</dc:title><dc:language>vi-VN</dc:language></cp:coreProperties>"), 1);
    parts.doc_props.core = core.into_bytes();
    Ok(())
}

/// Turns each paragraph marked `SECTION_END` into a section break that keeps the
/// document's page setup and headers, and makes the next section number its
/// pages from 1. (docx-rs sections cannot carry margins, so this is done here.)
fn section_breaks(document: &mut Vec<u8>) -> Result<()> {
    let marker = super::SECTION_END.as_bytes();
    if !document.windows(marker.len()).any(|w| w == marker) {
        return Ok(());
    }
    *document = rewrite(document, |nodes| {
        // The body's own sectPr: the page setup every section shares.
        let mut body_sect: Option<Node> = None;
        each_element(nodes, &mut |start, children| {
            if is(start, "w:body") {
                if let Some(Node::Element { start, children: c, empty }) = children.iter().rev().find(|n| n.is("w:sectPr"))
                {
                    body_sect = Some(Node::Element { start: start.clone(), children: clone_nodes(c), empty: *empty });
                }
            }
        });
        let Some(body_sect) = body_sect else { return };
        each_element(nodes, &mut |start, children| {
            if is(start, "w:p") && children.iter().any(is_marker) {
                children.retain(|c| !is_marker(c) && !c.is("w:bookmarkEnd"));
                let sect = clone_node(&body_sect);
                match children.iter_mut().find(|c| c.is("w:pPr")) {
                    Some(Node::Element { children: ppr, empty, .. }) => {
                        *empty = false;
                        ppr.push(sect);
                    }
                    _ => children.insert(0, Node::Element { start: BytesStart::new("w:pPr"), children: vec![sect], empty: false }),
                }
            }
            if is(start, "w:body") {
                if let Some(Node::Element { children: c, empty, .. }) = children.iter_mut().rev().find(|n| n.is("w:sectPr"))
                {
                    let mut num = BytesStart::new("w:pgNumType");
                    num.push_attribute(("w:start", "1"));
                    *empty = false;
                    c.retain(|n| !n.is("w:pgNumType"));
                    c.push(Node::Element { start: num, children: Vec::new(), empty: true });
                }
            }
        });
    })?;
    Ok(())
}

fn is_marker(n: &Node) -> bool {
    matches!(n, Node::Element { start, .. } if is(start, "w:bookmarkStart")
        && attr(start, "w:name").as_deref() == Some(super::SECTION_END))
}

fn clone_node(n: &Node) -> Node {
    match n {
        Node::Element { start, children, empty } => Node::Element { start: start.clone(), children: clone_nodes(children), empty: *empty },
        Node::Other(e) => Node::Other(e.clone()),
    }
}

fn clone_nodes(nodes: &[Node]) -> Vec<Node> {
    nodes.iter().map(clone_node).collect()
}

/// Elements whose children are out of schema order, as "parent: child after later", for tests.
pub fn schema_order_violations(xml: &[u8]) -> Result<Vec<String>> {
    let mut nodes = parse(xml)?;
    let mut out = Vec::new();
    each_element(&mut nodes, &mut |start, children| {
        let name = String::from_utf8_lossy(start.name().as_ref()).into_owned();
        if let Some((_, order)) = SCHEMA_ORDER.iter().find(|(n, _)| *n == name) {
            let ranks: Vec<(usize, String)> = children
                .iter()
                .filter_map(|c| c.name())
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .map(|n| (order.iter().position(|o| *o == n).unwrap_or(usize::MAX), n))
                .collect();
            for pair in ranks.windows(2) {
                if pair[0].0 > pair[1].0 {
                    out.push(format!("{name}: {} after {}", pair[1].1, pair[0].1));
                }
            }
        }
    });
    Ok(out)
}
