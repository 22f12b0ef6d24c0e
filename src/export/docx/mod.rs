//! DOCX backend: the document model → WordprocessingML parts → a ZIP package.
//!
//! The XML is written directly, element by element in ECMA-376 schema order,
//! with every part referenced from a relationship (strict validators and Word
//! Online accept nothing less). Formatting lives in named styles (`styles.rs`).

mod body;
mod props;
mod reference;
mod styles;
mod xml;

use std::io::Write;

use anyhow::{Context, Result};

use super::Exporter;
use crate::diag::Msg;
use crate::document::Document;
use xml::Xml;

pub use reference::Reference;
pub use styles::id as style_id;

#[derive(Clone, Debug, Default)]
pub struct DocxExporter {
    /// Styles from an office's template (`--reference-docx`).
    pub reference: Option<std::sync::Arc<Reference>>,
}

pub(crate) const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub(crate) const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The relationships of `word/document.xml`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rel {
    Styles,
    Settings,
    HeaderDefault,
    HeaderFirst,
    HeaderDraft,
    Footnotes,
    FontTable,
    Theme,
}

impl Rel {
    pub fn id(self) -> &'static str {
        match self {
            Rel::Styles => "rId1",
            Rel::Settings => "rId2",
            Rel::HeaderDefault => "rId3",
            Rel::HeaderFirst => "rId4",
            Rel::HeaderDraft => "rId5",
            Rel::Footnotes => "rId6",
            Rel::FontTable => "rId7",
            Rel::Theme => "rId8",
        }
    }

    /// The part's name in the package, its relationship type and content type
    /// (after the WordprocessingML prefix).
    fn part(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Rel::Styles => ("styles.xml", "styles", "styles+xml"),
            Rel::Settings => ("settings.xml", "settings", "settings+xml"),
            Rel::HeaderDefault => ("header1.xml", "header", "header+xml"),
            Rel::HeaderFirst => ("header2.xml", "header", "header+xml"),
            Rel::HeaderDraft => ("header3.xml", "header", "header+xml"),
            Rel::Footnotes => ("footnotes.xml", "footnotes", "footnotes+xml"),
            Rel::FontTable => ("fontTable.xml", "fontTable", "fontTable+xml"),
            Rel::Theme => ("theme/theme1.xml", "theme", "theme+xml"),
        }
    }
}

const WML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// `word/settings.xml` (children in the order of CT_Settings).
fn settings(footnotes: bool) -> Vec<u8> {
    let mut x = Xml::new(1024);
    x.open("w:settings", &[("xmlns:w", NS_W.into())]);
    x.empty("w:zoom", &[("w:percent", 100.into())]);
    x.val("w:defaultTabStop", 720);
    x.val("w:characterSpacingControl", "doNotCompress");
    if footnotes {
        x.open("w:footnotePr", &[]);
        x.empty("w:footnote", &[("w:id", (-1i64).into())]);
        x.empty("w:footnote", &[("w:id", 0.into())]);
        x.close("w:footnotePr");
    }
    // Word 2013+ layout rules, which LibreOffice follows too.
    x.open("w:compat", &[]);
    x.empty(
        "w:compatSetting",
        &[
            ("w:name", "compatibilityMode".into()),
            ("w:uri", "http://schemas.microsoft.com/office/word".into()),
            ("w:val", "15".into()),
        ],
    );
    x.close("w:compat");
    x.val("w:themeFontLang", "vi-VN");
    x.val("w:decimalSymbol", ",");
    x.val("w:listSeparator", ";");
    x.close("w:settings");
    x.into_bytes()
}

/// The theme Word requires of a document: its fonts are the body font.
const THEME: &str = include_str!("theme.xml");

/// `word/fontTable.xml`: the one font the document uses.
fn font_table() -> Vec<u8> {
    let mut x = Xml::new(512);
    x.open("w:fonts", &[("xmlns:w", NS_W.into())]);
    x.open("w:font", &[("w:name", crate::layout::FONT.into())]);
    x.val("w:charset", "00");
    x.val("w:family", "roman");
    x.val("w:pitch", "variable");
    x.close("w:font");
    x.close("w:fonts");
    x.into_bytes()
}

fn core_properties(doc: &Document) -> Vec<u8> {
    let mut x = Xml::new(1024);
    x.open(
        "cp:coreProperties",
        &[
            ("xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties".into()),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/".into()),
            ("xmlns:dcterms", "http://purl.org/dc/terms/".into()),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance".into()),
        ],
    );
    x.element("dc:title", &[], &crate::document::printable(&doc.title));
    x.element("dc:subject", &[], &doc.subject);
    x.element("dc:creator", &[], &doc.author);
    x.element("cp:lastModifiedBy", &[], &doc.author);
    x.element("dc:language", &[], "vi-VN");
    if let Some(t) = &doc.timestamp {
        x.element("dcterms:created", &[("xsi:type", "dcterms:W3CDTF".into())], t);
        x.element("dcterms:modified", &[("xsi:type", "dcterms:W3CDTF".into())], t);
    }
    x.close("cp:coreProperties");
    x.into_bytes()
}

fn app_properties() -> Vec<u8> {
    let mut x = Xml::new(256);
    x.open(
        "Properties",
        &[("xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties".into())],
    );
    x.element("Application", &[], "kehoach");
    x.close("Properties");
    x.into_bytes()
}

fn content_types(rels: &[Rel]) -> Vec<u8> {
    let mut x = Xml::new(2048);
    x.open("Types", &[("xmlns", "http://schemas.openxmlformats.org/package/2006/content-types".into())]);
    x.empty(
        "Default",
        &[
            ("Extension", "rels".into()),
            ("ContentType", "application/vnd.openxmlformats-package.relationships+xml".into()),
        ],
    );
    x.empty("Default", &[("Extension", "xml".into()), ("ContentType", "application/xml".into())]);
    let over = |x: &mut Xml, name: &str, ty: &str| {
        x.empty("Override", &[("PartName", name.into()), ("ContentType", ty.into())]);
    };
    over(&mut x, "/word/document.xml", &format!("{WML}.document.main+xml"));
    for rel in rels {
        let (name, _, ty) = rel.part();
        let ty = match rel {
            Rel::Theme => format!("application/vnd.openxmlformats-officedocument.{ty}"),
            _ => format!("{WML}.{ty}"),
        };
        over(&mut x, &format!("/word/{name}"), &ty);
    }
    over(&mut x, "/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
    over(&mut x, "/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml");
    x.close("Types");
    x.into_bytes()
}

fn relationships(rels: &[(&str, String, &str)]) -> Vec<u8> {
    let mut x = Xml::new(1024);
    x.open("Relationships", &[("xmlns", NS_PKG_RELS.into())]);
    for (id, ty, target) in rels {
        x.empty("Relationship", &[("Id", (*id).into()), ("Type", ty.into()), ("Target", (*target).into())]);
    }
    x.close("Relationships");
    x.into_bytes()
}

/// Writes the parts into a ZIP with fixed dates: the same document, the same bytes.
fn package(parts: &[(&str, &[u8])]) -> Result<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let size: usize = parts.iter().map(|(_, b)| b.len()).sum();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(size / 4 + 4096)));
    let stored = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    // Small parts are stored: setting up a compressor costs more than the bytes
    // saved (a third of a one-plan run when every part was deflated).
    let deflated = stored.compression_method(zip::CompressionMethod::Deflated).compression_level(Some(1));
    for (name, bytes) in parts {
        let options = if bytes.len() > 16 << 10 { deflated } else { stored };
        zip.start_file(*name, options).context(Msg::new("error.pack-docx"))?;
        zip.write_all(bytes).context(Msg::new("error.pack-docx"))?;
    }
    Ok(zip.finish().context(Msg::new("error.pack-docx"))?.into_inner())
}

impl Exporter for DocxExporter {
    fn extension(&self) -> &'static str {
        "docx"
    }

    fn export(&self, doc: &Document) -> Result<Vec<u8>> {
        let written = body::write(doc);
        let mut rels =
            vec![Rel::Styles, Rel::Settings, Rel::FontTable, Rel::Theme, Rel::HeaderDefault, Rel::HeaderFirst];
        if doc.draft {
            rels.push(Rel::HeaderDraft);
        }
        if written.footnotes.is_some() {
            rels.push(Rel::Footnotes);
        }
        let mut defs = styles::all();
        let mut font = crate::layout::FONT;
        if let Some(r) = &self.reference {
            styles::apply(&mut defs, r);
            font = r.font.as_deref().unwrap_or(font);
        }
        let styles = styles::styles_xml(&defs, font);
        let settings = settings(written.footnotes.is_some());
        let (header, first, draft) =
            (body::page_number_header(), body::first_page_header(false), body::first_page_header(true));
        let document_rels: Vec<(&str, String, &str)> = rels
            .iter()
            .map(|r| {
                let (name, ty, _) = r.part();
                (r.id(), format!("{REL}/{ty}"), name)
            })
            .collect();
        let root_rels = relationships(&[
            ("rId1", format!("{REL}/officeDocument"), "word/document.xml"),
            (
                "rId2",
                "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties".into(),
                "docProps/core.xml",
            ),
            ("rId3", format!("{REL}/extended-properties"), "docProps/app.xml"),
        ]);
        let (types, document_rels, core, app) =
            (content_types(&rels), relationships(&document_rels), core_properties(doc), app_properties());
        let fonts = font_table();
        let mut parts: Vec<(&str, &[u8])> = vec![
            ("[Content_Types].xml", &types),
            ("_rels/.rels", &root_rels),
            ("docProps/core.xml", &core),
            ("docProps/app.xml", &app),
            ("word/document.xml", &written.document),
            ("word/_rels/document.xml.rels", &document_rels),
            ("word/styles.xml", &styles),
            ("word/settings.xml", &settings),
            ("word/fontTable.xml", &fonts),
            ("word/theme/theme1.xml", THEME.as_bytes()),
            ("word/header1.xml", &header),
            ("word/header2.xml", &first),
        ];
        if doc.draft {
            parts.push(("word/header3.xml", &draft));
        }
        if let Some(notes) = &written.footnotes {
            parts.push(("word/footnotes.xml", notes));
        }
        package(&parts)
    }
}
