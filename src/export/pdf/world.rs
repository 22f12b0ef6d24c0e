//! A sandboxed typst `World`: the fixed template, the document as one in-memory
//! JSON file, the embedded fonts, a fixed date, and every other file access
//! refused: a plan can never make typst read a file.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The fonts a document is set in.
pub struct FontStore {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    /// Styles an office's folder lacks ("đậm", "nghiêng", …), set in the embedded
    /// Liberation Serif instead, which has the same widths.
    pub filled: Vec<&'static str>,
}

/// A face's style as a text's runs ask for it: (bold, italic).
fn style_of(font: &Font) -> (bool, bool) {
    let v = font.info().variant;
    (v.weight >= typst::text::FontWeight::SEMIBOLD, v.style != typst::text::FontStyle::Normal)
}

/// Another family's face under the plan's font name, so typst finds it there.
fn aliased(font: Font) -> (FontInfo, Font) {
    let mut info = font.info().clone();
    info.family = crate::layout::FONT.into();
    (info, font)
}

/// Faces of font data, without the legacy `kern` table, after which rustybuzz
/// leaves right-to-left glyphs reversed and typst panics (see shaping.rs); GPOS
/// is untouched.
fn faces(mut data: Vec<u8>) -> impl Iterator<Item = Font> {
    crate::shaping::hide_legacy_kern(&mut data);
    Font::iter(Bytes::new(data))
}

/// The embedded faces, patched when the binary was built (`fonts`).
fn embedded() -> impl Iterator<Item = Font> {
    crate::fonts::ALL.iter().flat_map(|data| Font::iter(Bytes::new(*data)))
}

impl FontStore {
    /// Times New Roman from an office's font folder (`--fonts DIR`), with the
    /// embedded Liberation Serif for any character it lacks. Only font files directly
    /// in `dir` are read; an error says when none of them is Times New Roman.
    pub fn with_folder(dir: &std::path::Path) -> anyhow::Result<FontStore> {
        use anyhow::Context;
        let context = || crate::diag::Msg::new("error.fonts-dir").arg("path", dir.display());
        let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
            .with_context(context)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "ttf" | "otf" | "ttc" | "otc"))
            })
            .collect();
        // The same folder gives the same fonts in the same order: the same bytes.
        paths.sort();
        let mut fonts: Vec<Font> = Vec::new();
        for path in paths {
            let Ok(data) = crate::load::read_limited(&path) else { continue };
            fonts.extend(faces(data).filter(|f| f.info().family == crate::layout::FONT));
        }
        if fonts.is_empty() {
            anyhow::bail!(crate::diag::Msg::new("error.fonts-none")
                .arg("path", dir.display())
                .arg("font", crate::layout::FONT));
        }
        // A folder with the regular face only (times.ttf copied alone): bold and
        // italic from the embedded faces, not the regular face in their place.
        let present: Vec<(bool, bool)> = fonts.iter().map(style_of).collect();
        let fills: Vec<(FontInfo, Font)> =
            embedded().filter(|f| !present.contains(&style_of(f))).map(aliased).collect();
        let filled = fills
            .iter()
            .map(|(_, f)| match style_of(f) {
                (false, false) => "fonts.regular",
                (true, false) => "fonts.bold",
                (false, true) => "fonts.italic",
                (true, true) => "fonts.bold-italic",
            })
            .collect();
        fonts.extend(embedded());
        let mut book = FontBook::from_fonts(&fonts);
        for (info, font) in fills {
            book.push(info);
            fonts.push(font);
        }
        Ok(FontStore { book: LazyHash::new(book), fonts, filled })
    }

    fn load() -> FontStore {
        let mut fonts: Vec<Font> = embedded().collect();
        // The same family name as the DOCX, so both documents say "Times New Roman".
        let aliases: Vec<(FontInfo, Font)> = fonts.iter().cloned().map(aliased).collect();
        let mut book = FontBook::from_fonts(&fonts);
        for (info, font) in aliases {
            book.push(info);
            fonts.push(font);
        }
        FontStore { book: LazyHash::new(book), fonts, filled: Vec::new() }
    }
}

/// Fonts are parsed once per process, not per document.
static FONTS: LazyLock<FontStore> = LazyLock::new(FontStore::load);

/// typst's standard library, built once per process: documents differ only in
/// their data file, so they share it (and its hash, which typst's caches key on).
pub static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::builder().build()));

fn file_id(path: &str) -> Option<FileId> {
    VirtualPath::new(path).ok().map(|p| FileId::new(RootedPath::new(VirtualRoot::Project, p)))
}

/// The template, parsed once per process; ids are interned for the life of the process.
static MAIN: LazyLock<Option<Source>> = LazyLock::new(|| Some(Source::new(file_id("/main.typ")?, TEMPLATE.to_owned())));
static DATA_ID: LazyLock<Option<FileId>> = LazyLock::new(|| file_id(DATA_PATH));

/// Where the template reads the document: `json("/data.json")`.
const DATA_PATH: &str = "/data.json";
pub(super) const TEMPLATE: &str = include_str!("plan.typ");

pub struct PlanWorld<'a> {
    fonts: &'a FontStore,
    main: Source,
    data_id: FileId,
    data: Bytes,
    today: Option<Datetime>,
}

impl PlanWorld<'_> {
    /// A world whose only files are the fixed template and `data` (JSON) at
    /// `/data.json`, set in the embedded fonts or in `fonts`.
    pub fn new(data: Vec<u8>, today: Option<Datetime>, fonts: Option<&FontStore>) -> Option<PlanWorld<'_>> {
        Some(PlanWorld {
            fonts: fonts.unwrap_or(&FONTS),
            main: (*MAIN).clone()?,
            data_id: (*DATA_ID)?,
            data: Bytes::new(data),
            today,
        })
    }
}

impl World for PlanWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}
