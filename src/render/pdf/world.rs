//! A sandboxed typst `World`: one in-memory source, the embedded fonts, a fixed
//! date, and every file access refused — a plan can never make typst read a file.

use std::sync::{Arc, LazyLock};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Dict, IntoValue, Str};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

pub struct FontStore {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

impl FontStore {
    fn load() -> FontStore {
        let mut fonts: Vec<Font> = crate::fonts::ALL.iter().flat_map(|data| Font::iter(Bytes::new(*data))).collect();
        // The same family name as the DOCX, so both documents say "Times New Roman".
        let aliases: Vec<(FontInfo, Font)> = fonts
            .iter()
            .map(|f| {
                let mut info = f.info().clone();
                info.family = crate::doc::layout::FONT.into();
                (info, f.clone())
            })
            .collect();
        let mut book = FontBook::from_fonts(&fonts);
        for (info, font) in aliases {
            book.push(info);
            fonts.push(font);
        }
        FontStore { book: LazyHash::new(book), fonts }
    }
}

/// Fonts are parsed once per process, not per document.
pub static FONTS: LazyLock<Arc<FontStore>> = LazyLock::new(|| Arc::new(FontStore::load()));

/// The main file's id; ids are interned for the life of the process, so it is made once.
static MAIN_ID: LazyLock<Option<FileId>> = LazyLock::new(|| {
    VirtualPath::new("/main.typ").ok().map(|p| FileId::new(RootedPath::new(VirtualRoot::Project, p)))
});

pub struct PlanWorld {
    library: LazyHash<Library>,
    fonts: Arc<FontStore>,
    main: Source,
    today: Option<Datetime>,
}

impl PlanWorld {
    /// A world whose only source is `template`, with `inputs` as `sys.inputs`.
    pub fn new(template: &str, inputs: &[(&str, String)], today: Option<Datetime>) -> Option<PlanWorld> {
        let mut dict = Dict::new();
        for (k, v) in inputs {
            dict.insert(Str::from(*k), v.as_str().into_value());
        }
        let library = Library::builder().with_inputs(dict).build();
        let id = (*MAIN_ID)?;
        Some(PlanWorld {
            library: LazyHash::new(library),
            fonts: FONTS.clone(),
            main: Source::new(id, template.to_owned()),
            today,
        })
    }
}

impl World for PlanWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() { Ok(self.main.clone()) } else { Err(FileError::AccessDenied) }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() { Ok(Bytes::from_string(self.main.text().to_owned())) } else { Err(FileError::AccessDenied) }
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}
