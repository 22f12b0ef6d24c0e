//! Documents people already have (DOCX, PDF, text) → a plan file.
//!
//! A stage beside [`crate::load`]: three readers give one list of
//! [`Paragraph`]s; [`recognise`] finds the structure NĐ 30 gives a plan; [`emit`]
//! writes TOML that remembers the source paragraph of every value, so `check`
//! can point at the source instead of at TOML the user never wrote.

pub(crate) mod docx;
mod emit;
mod paragraph;
mod pdf;
pub mod recognise;
mod text;

use std::ops::Range;
use std::path::Path;

pub use paragraph::{fold, Cell, Paragraph};

use crate::diag::{Lang, Msg};

/// Brackets a footnote reference's id inside a paragraph's text (private-use
/// characters: no document has them in its text).
pub const NOTE_OPEN: char = '\u{F8F0}';
pub const NOTE_CLOSE: char = '\u{F8F1}';

/// The formats read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Docx,
    Pdf,
    Text,
}

impl Format {
    /// By content first (a DOCX is a zip, a PDF starts "%PDF"), then by name.
    pub fn of(path: &Path, bytes: &[u8]) -> Result<Format, Unreadable> {
        if bytes.starts_with(b"PK\x03\x04") {
            // OpenDocument names its kind first, uncompressed ("mimetypeapplication/vnd.oasis…").
            let head = &bytes[..bytes.len().min(200)];
            if head.windows(26).any(|w| w == b"application/vnd.oasis.open") {
                return Err(Unreadable::OpenDocument);
            }
            return Ok(Format::Docx);
        }
        if bytes.len() >= 5 && bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-") {
            return Ok(Format::Pdf);
        }
        // An OLE compound file: Word 97–2003, unless named as another Office file's.
        if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
            let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
            return Err(if matches!(ext.as_str(), "xls" | "ppt" | "msg") {
                Unreadable::Other
            } else {
                Unreadable::Word97
            });
        }
        // A picture (a scanned page) is not text in an old encoding.
        const PICTURES: [&[u8]; 6] = [b"\x89PNG", b"\xFF\xD8\xFF", b"GIF8", b"II*\0", b"MM\0*", b"RIFF"];
        if PICTURES.iter().any(|m| bytes.starts_with(m)) {
            return Err(Unreadable::Picture);
        }
        if bytes.starts_with(b"{\\rtf") {
            return Err(Unreadable::Rtf);
        }
        // A web page is markup, not a plan's text: Word saves it as .docx.
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).trim_start().to_lowercase();
        if head.starts_with("<!doctype html") || head.starts_with("<html") {
            return Err(Unreadable::WebPage);
        }
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        match ext.as_str() {
            // Named as a document it is not: damaged, or a wrong name.
            "docx" => Err(Unreadable::NotWhatItsNameSays("Word (.docx)")),
            "pdf" => Err(Unreadable::NotWhatItsNameSays("PDF")),
            "html" | "htm" => Err(Unreadable::WebPage),
            "doc" => Err(Unreadable::Word97),
            "odt" => Err(Unreadable::OpenDocument),
            "rtf" => Err(Unreadable::Rtf),
            "png" | "jpg" | "jpeg" | "gif" | "tif" | "tiff" | "bmp" | "webp" | "heic" => Err(Unreadable::Picture),
            "xls" | "xlsx" | "ppt" | "pptx" | "zip" | "rar" => Err(Unreadable::Other),
            _ => Ok(Format::Text),
        }
    }

    /// Whether a path names a document to import rather than a plan file.
    pub fn is_importable(path: &Path) -> bool {
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        matches!(ext.as_str(), "docx" | "pdf" | "txt")
    }
}

/// A file of a kind that is not imported, each with its own advice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// Word 97–2003 (.doc), an OLE compound file.
    Word97,
    OpenDocument,
    Rtf,
    /// A photo or a scanned page.
    Picture,
    WebPage,
    /// Named .docx or .pdf, but not one: damaged, or misnamed. Its kind.
    NotWhatItsNameSays(&'static str),
    Other,
}

impl Unreadable {
    fn message_key(self) -> &'static str {
        match self {
            Unreadable::Word97 => "import.unsupported.doc",
            Unreadable::OpenDocument => "import.unsupported.odt",
            Unreadable::Rtf => "import.unsupported.rtf",
            Unreadable::Picture => "import.unsupported.picture",
            Unreadable::WebPage => "import.unsupported.html",
            Unreadable::NotWhatItsNameSays(_) => "import.unsupported.misnamed",
            Unreadable::Other => "import.unsupported",
        }
    }
}

/// Why a document could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// A PDF without a text layer (a scan).
    NeedsOcr,
    /// Not a document of a format read here (a .doc, an image), and which.
    Unsupported(Unreadable),
    /// A text file in TCVN3, VNI or Windows-1258.
    LegacyEncoding(&'static str),
    /// A damaged file: what went wrong.
    Damaged(String),
    /// Read, but no text in it.
    Empty,
    /// A text file in an encoding that is not UTF-8 and not a known legacy one.
    NotUtf8,
    /// A Word file protected by a password (its package is encrypted).
    Encrypted,
}

impl ImportError {
    pub fn message(&self, path: &Path) -> Msg {
        let m = match self {
            ImportError::NeedsOcr => Msg::new("import.needs-ocr"),
            ImportError::Unsupported(Unreadable::NotWhatItsNameSays(kind)) => {
                Msg::new("import.unsupported.misnamed").arg("kind", kind)
            }
            ImportError::Unsupported(what) => Msg::new(what.message_key()),
            ImportError::LegacyEncoding(e) => Msg::new("error.legacy-encoding").arg("encoding", e),
            ImportError::Damaged(why) => Msg::new("import.damaged").arg("detail", why),
            ImportError::Empty => Msg::new("import.empty"),
            ImportError::NotUtf8 => Msg::new("import.not-utf8"),
            ImportError::Encrypted => Msg::new("import.encrypted"),
        };
        m.arg("path", path.display())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteKind {
    /// Found and placed.
    Recognised,
    /// Kept verbatim in a free-text field: a person should look.
    KeptAsText,
    /// The source's own defect, kept as written.
    Defect,
    /// Not part of the document (a website's text around it).
    Skipped,
    /// Not found in the source: the field is left empty.
    Missing,
}

/// What `import` tells the user about one place in the source.
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    pub kind: NoteKind,
    /// Message key; its text takes `{detail}` and `{paragraph}`.
    pub key: &'static str,
    /// 0-based paragraph index.
    pub paragraph: Option<usize>,
    pub detail: String,
    /// The paragraph as the reader counts it, when that is not the index + 1: a
    /// Word file's paragraph number, empty paragraphs counted.
    pub shown: Option<usize>,
}

impl Note {
    pub fn simple(kind: NoteKind, key: &'static str) -> Note {
        Note { kind, key, paragraph: None, detail: String::new(), shown: None }
    }

    pub fn with(kind: NoteKind, key: &'static str, detail: &str) -> Note {
        Note { kind, key, paragraph: None, detail: detail.to_string(), shown: None }
    }

    pub fn message(&self, lang: Lang) -> String {
        let mut msg = Msg::new(self.key).arg("detail", &self.detail);
        // A gap in the numbering: what it should have been, what the source wrote.
        if let Some((expected, found)) = self.detail.split_once('|') {
            msg = msg.arg("expected", expected).arg("found", found);
        }
        let text = msg.render(lang);
        match self.paragraph {
            Some(p) => format!("{} {}: {text}", lang.text("import.paragraph"), self.shown.unwrap_or(p + 1)),
            None => text,
        }
    }
}

/// A document read and recognised.
pub struct Imported {
    pub format: Format,
    pub paragraphs: Vec<Paragraph>,
    pub draft: recognise::Draft,
    /// The plan file.
    pub toml: String,
    /// Byte range of a value in `toml` → the paragraph (0-based) it came from.
    pub origins: Vec<(Range<usize>, usize)>,
}

impl Imported {
    pub fn notes(&self) -> &[Note] {
        &self.draft.notes
    }

    /// The source paragraph a TOML byte offset came from.
    pub fn origin_of(&self, offset: usize) -> Option<usize> {
        self.origins.iter().filter(|(r, _)| r.contains(&offset) || r.start == offset).map(|(_, p)| *p).next()
    }

    /// The source paragraph of the value at `offset`, else that of the next value in
    /// the same table: an id the import made up points at its indicator's paragraph.
    pub fn origin_near(&self, offset: usize) -> Option<usize> {
        self.origin_of(offset).or_else(|| {
            let rest = self.toml.get(offset..)?;
            let end = rest.find("\n[").map_or(self.toml.len(), |i| offset + i);
            let next = self.origins.iter().filter(|(r, _)| r.start >= offset && r.start < end);
            next.min_by_key(|(r, _)| r.start).map(|(_, p)| *p)
        })
    }

    /// The paragraphs as one text, a paragraph per line: line N is paragraph N, as
    /// the reader counts them (a Word file's empty paragraphs too, its lines broken
    /// by hand on one line); a Word file's footnotes follow its body.
    pub fn paragraph_text(&self) -> String {
        let lines = self.lines();
        let mut out = vec![String::new(); lines.iter().max().map_or(0, |m| m + 1)];
        for (p, &line) in self.paragraphs.iter().zip(&lines) {
            let text = paragraph::flat(&p.text).replace([NOTE_OPEN, NOTE_CLOSE], "");
            if !out[line].is_empty() {
                out[line].push(' ');
            }
            out[line].push_str(&text);
        }
        out.into_iter().map(|l| l + "\n").collect()
    }

    /// The line of [`Imported::paragraph_text`] each paragraph is on (0-based).
    pub fn lines(&self) -> Vec<usize> {
        lines_of(&self.paragraphs)
    }

    /// Paragraph `p` as the reader counts it (1-based): its line of [`Imported::paragraph_text`].
    pub fn shown_number(&self, p: usize) -> usize {
        self.lines().get(p).map_or(p + 1, |line| line + 1)
    }
}

/// The line each paragraph is shown on (0-based): a Word file's paragraph number,
/// its footnotes after its body; else one line a paragraph.
fn lines_of(paragraphs: &[Paragraph]) -> Vec<usize> {
    let Some(last) = paragraphs.iter().filter_map(|p| p.number).max() else {
        return (0..paragraphs.len()).collect();
    };
    let mut after = last;
    paragraphs
        .iter()
        .map(|p| match p.number {
            Some(n) => n.saturating_sub(1),
            None => {
                after += 1;
                after - 1
            }
        })
        .collect()
}

/// Reads the paragraphs of a document.
pub fn paragraphs(format: Format, bytes: &[u8]) -> Result<Vec<Paragraph>, ImportError> {
    let paras = match format {
        // A website's text pasted into Word keeps its "[1] …" notes as paragraphs.
        Format::Docx => match docx::read(bytes)? {
            paras if paras.iter().any(|p| p.footnote) => paras,
            paras => text::footnotes(paras),
        },
        Format::Pdf => pdf::read(bytes)?,
        Format::Text => text::read(&text::decode(bytes)?),
    };
    if paras.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(split_lines(paras))
}

/// A paragraph of several lines (manual breaks, Shift+Enter) is read line by
/// line: offices break the header, Nơi nhận and the signature that way.
fn split_lines(paras: Vec<Paragraph>) -> Vec<Paragraph> {
    let mut out = Vec::with_capacity(paras.len());
    for p in paras {
        if !p.text.contains('\n') {
            out.push(p);
            continue;
        }
        for line in p.text.split('\n').filter(|l| !l.trim().is_empty()) {
            out.push(Paragraph { text: line.to_string(), ..p.clone() });
        }
    }
    out
}

/// Reads and recognises one document; `name` is shown in the file's first comment.
pub fn import(path: &Path, bytes: &[u8], lang: Lang) -> Result<Imported, ImportError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty);
    }
    // A password-protected Word file is an OLE compound file holding an "EncryptedPackage".
    let package: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") && bytes.windows(package.len()).any(|w| w == package) {
        return Err(ImportError::Encrypted);
    }
    let format = Format::of(path, bytes).map_err(ImportError::Unsupported)?;
    let paragraphs = paragraphs(format, bytes)?;
    let mut draft = recognise::recognise(&paragraphs, format == Format::Text);
    let lines = lines_of(&paragraphs);
    for n in &mut draft.notes {
        n.shown = n.paragraph.and_then(|p| lines.get(p)).map(|line| line + 1);
    }
    let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let emitted = emit::emit(&draft, &name, lang);
    Ok(Imported { format, paragraphs, draft, toml: emitted.toml, origins: emitted.origins })
}
