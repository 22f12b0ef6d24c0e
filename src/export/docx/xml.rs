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

use crate::diag::Msg;
use crate::document::Document;

/// Child order of the property elements, from the ECMA-376 schema (Part 1, §17).
pub const SCHEMA_ORDER: &[(&str, &[&str])] = &[
    (
        "w:pPr",
        &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
    ),
    (
        "w:rPr",
        &[
            "w:ins",
            "w:del",
            "w:moveFrom",
            "w:moveTo",
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
            "w:rPrChange",
        ],
    ),
    (
        "w:sectPr",
        &[
            "w:headerReference",
            "w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
            "w:sectPrChange",
        ],
    ),
    (
        "w:tblPr",
        &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
            "w:tblCaption",
            "w:tblDescription",
            "w:tblPrChange",
        ],
    ),
    (
        "w:tcPr",
        &[
            "w:cnfStyle",
            "w:tcW",
            "w:gridSpan",
            "w:hMerge",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
            "w:headers",
            "w:cellIns",
            "w:cellDel",
            "w:cellMerge",
            "w:tcPrChange",
        ],
    ),
    ("w:pBdr", &["w:top", "w:left", "w:bottom", "w:right", "w:between", "w:bar"]),
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
        let event = reader.read_event().context(Msg::new("error.xml").arg("detail", "read"))?.into_owned();
        let node = match event {
            Event::Eof => break,
            Event::Start(start) => {
                stack.push((start, Vec::new()));
                continue;
            }
            Event::End(_) => {
                let (start, children) =
                    stack.pop().context(Msg::new("error.xml").arg("detail", "unmatched end tag"))?;
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

/// One pass over a part: every event is copied as docx-rs wrote it, except that
/// the children of the elements in `SCHEMA_ORDER` are put in schema order and
/// `edit` may replace a start tag. Only the small property elements are ever
/// buffered, so a long plan costs one copy of its XML and no tree.
fn reorder_part(xml: &[u8], edit: &mut dyn FnMut(&BytesStart) -> Option<BytesStart<'static>>) -> Result<Vec<u8>> {
    let mut reader = Reader::from_reader(xml);
    let mut out = Vec::with_capacity(xml.len() + 64);
    copy_children(&mut reader, xml, &mut out, None, false, edit)?;
    Ok(out)
}

/// Copies events into `out` up to and including the end tag of the element being
/// read (`nested`) or to the end of the part. With `order`, children are sorted by it.
fn copy_children(
    reader: &mut Reader<&[u8]>,
    xml: &[u8],
    out: &mut Vec<u8>,
    order: Option<&[&str]>,
    nested: bool,
    edit: &mut dyn FnMut(&BytesStart) -> Option<BytesStart<'static>>,
) -> Result<()> {
    // Under an ordered parent: the rank and bytes of each child, sorted at the end tag.
    let mut children: Vec<(usize, Vec<u8>)> = Vec::new();
    loop {
        let from = reader.buffer_position() as usize;
        let event = reader.read_event().context(Msg::new("error.xml").arg("detail", "read"))?;
        let raw = &xml[from..reader.buffer_position() as usize];
        match &event {
            Event::Eof if nested => anyhow::bail!(Msg::new("error.xml").arg("detail", "missing end tag")),
            Event::End(_) | Event::Eof => {
                if children.windows(2).any(|w| w[0].0 > w[1].0) {
                    children.sort_by_key(|(rank, _)| *rank);
                }
                for (_, bytes) in &children {
                    out.extend_from_slice(bytes);
                }
                out.extend_from_slice(raw);
                return Ok(());
            }
            _ => {}
        }
        let mut own = Vec::new();
        let target = if order.is_some() { &mut own } else { &mut *out };
        let mut rank = order.map_or(0, |o| o.len());
        match &event {
            Event::Start(start) | Event::Empty(start) => {
                if let Some(order) = order {
                    rank = order.iter().position(|n| is(start, n)).unwrap_or(order.len());
                }
                match edit(start) {
                    Some(new) => {
                        let new = if let Event::Empty(_) = event { Event::Empty(new) } else { Event::Start(new) };
                        Writer::new(&mut *target).write_event(new)?;
                    }
                    None => target.extend_from_slice(raw),
                }
                if let Event::Start(start) = &event {
                    let inner = SCHEMA_ORDER.iter().find(|(n, _)| is(start, n)).map(|(_, o)| *o);
                    copy_children(reader, xml, target, inner, true, edit)?;
                }
            }
            _ => target.extend_from_slice(raw),
        }
        if order.is_some() {
            children.push((rank, own));
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
    start
        .attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key.as_bytes())
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// A copy of `start` with `key` set to `value`.
fn with_attr(start: &BytesStart, key: &str, value: &str) -> BytesStart<'static> {
    let mut out = BytesStart::new(String::from_utf8_lossy(start.name().as_ref()).into_owned());
    for a in start.attributes().flatten() {
        let v = if a.key.as_ref() == key.as_bytes() { value.as_bytes() } else { a.value.as_ref() };
        out.push_attribute((a.key.as_ref(), v));
    }
    out
}

/// The stand-in date of an undated tracked change, dropped here (docx-rs always writes one).
pub const UNDATED: &str = "0000-00-00T00:00:00Z";

fn without_attr(start: &BytesStart, key: &str) -> BytesStart<'static> {
    let mut out = BytesStart::new(String::from_utf8_lossy(start.name().as_ref()).into_owned());
    for a in start.attributes().flatten() {
        if a.key.as_ref() != key.as_bytes() {
            out.push_attribute((a.key.as_ref(), a.value.as_ref()));
        }
    }
    out
}

/// A structural edit of a part, through a tree (only for section breaks, which are rare).
fn rewrite(xml: &[u8], f: impl FnOnce(&mut Vec<Node>)) -> Result<Vec<u8>> {
    let mut nodes = parse(xml)?;
    f(&mut nodes);
    let mut w = Writer::new(Vec::with_capacity(xml.len() + 64));
    write(&nodes, &mut w)?;
    Ok(w.into_inner())
}

/// `w:lang` vi-VN in the document's default run properties (docx-rs has no
/// setter); the schema-order pass then moves it to its place.
fn with_default_lang(styles: &[u8]) -> Result<Vec<u8>> {
    const OPEN: &[u8] = b"<w:rPrDefault><w:rPr>";
    const LANG: &[u8] = br#"<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/>"#;
    let at = styles
        .windows(OPEN.len())
        .position(|w| w == OPEN)
        .context(Msg::new("error.xml").arg("detail", "styles.xml has no w:rPrDefault"))?
        + OPEN.len();
    Ok([&styles[..at], LANG, &styles[at..]].concat())
}

fn escape_xml(s: &str) -> String {
    let s = crate::document::printable(s);
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

pub fn finish(parts: &mut XMLDocx, doc: &Document) -> Result<()> {
    section_breaks(&mut parts.document)?;
    // Footnotes and revisions numbered in document order, from 1.
    let mut footnote_ids: HashMap<String, String> = HashMap::new();
    let mut revision = 0usize;
    parts.document = reorder_part(&parts.document, &mut |start| match start.name().as_ref() {
        b"w:footnoteReference" => {
            let old = attr(start, "w:id")?;
            let next = (footnote_ids.len() + 1).to_string();
            let new = footnote_ids.entry(old).or_insert(next);
            Some(with_attr(start, "w:id", new))
        }
        b"w:ins" | b"w:del" => {
            revision += 1;
            let numbered = with_attr(start, "w:id", &revision.to_string());
            Some(if attr(start, "w:date").as_deref() == Some(UNDATED) {
                without_attr(&numbered, "w:date")
            } else {
                numbered
            })
        }
        _ => None,
    })?;
    parts.footnotes = reorder_part(&parts.footnotes, &mut |start| {
        if !is(start, "w:footnote") {
            return None;
        }
        let new = footnote_ids.get(&attr(start, "w:id")?)?;
        Some(with_attr(start, "w:id", new))
    })?;
    parts.styles = reorder_part(&with_default_lang(&parts.styles)?, &mut |_| None)?;
    for header in parts.headers.iter_mut() {
        *header = reorder_part(header, &mut |_| None)?;
    }
    let core = String::from_utf8_lossy(&parts.doc_props.core).into_owned();
    let title = escape_xml(&doc.title);
    let core = core
        .replace("<dc:creator>unknown</dc:creator>", "<dc:creator>kehoach</dc:creator>")
        .replace("<cp:lastModifiedBy>unknown</cp:lastModifiedBy>", "<cp:lastModifiedBy>kehoach</cp:lastModifiedBy>")
        .replacen(
            "</cp:coreProperties>",
            &format!("<dc:title>{title}</dc:title><dc:language>vi-VN</dc:language></cp:coreProperties>"),
            1,
        );
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
                if let Some(Node::Element { start, children: c, empty }) =
                    children.iter().rev().find(|n| n.is("w:sectPr"))
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
                    _ => children.insert(
                        0,
                        Node::Element { start: BytesStart::new("w:pPr"), children: vec![sect], empty: false },
                    ),
                }
            }
            if is(start, "w:body") {
                if let Some(Node::Element { children: c, empty, .. }) =
                    children.iter_mut().rev().find(|n| n.is("w:sectPr"))
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
        Node::Element { start, children, empty } => {
            Node::Element { start: start.clone(), children: clone_nodes(children), empty: *empty }
        }
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
