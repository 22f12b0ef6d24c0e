//! Source files and spans: every value of a plan remembers where it was written.
//!
//! Like rustc's `SourceMap`, all loaded files share one global position space:
//! file `i` occupies `[base_i, base_i + len_i]`, so a bare `Span` identifies both
//! the file and the bytes. This lets a merged plan (a district extending its
//! province) carry values from several files without tagging each one.

use std::ops::Range;
use std::path::{Path, PathBuf};

/// A byte range in the global position space of a [`SourceMap`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// A span that carries no location (generated values).
    pub const DETACHED: Span = Span { start: usize::MAX, end: usize::MAX };

    pub fn is_detached(&self) -> bool {
        self.start == usize::MAX
    }

    pub fn shifted(range: Range<usize>, base: usize) -> Self {
        Span { start: range.start + base, end: range.end + base }
    }
}

/// One loaded file: its path as the user gave it and its NFC-normalised text.
#[derive(Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    pub base: usize,
}

impl SourceFile {
    /// 1-based line and column (in characters) of a global position inside this file.
    pub fn line_col(&self, pos: usize) -> (usize, usize) {
        let local = pos.saturating_sub(self.base).min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, local)];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// All files read for one command.
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

/// Index of a file in a [`SourceMap`].
pub type FileId = usize;

impl SourceMap {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file; its text must already be normalised. Returns its id.
    pub fn add(&mut self, path: &Path, text: String) -> FileId {
        // One byte of gap keeps an end-of-file span from touching the next file.
        let base = self.files.last().map_or(0, |f| f.base + f.text.len() + 1);
        self.files.push(SourceFile { path: path.to_path_buf(), text, base });
        self.files.len() - 1
    }

    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id]
    }

    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }

    /// The file a span points into, if any.
    pub fn lookup(&self, span: Span) -> Option<FileId> {
        if span.is_detached() {
            return None;
        }
        self.files.iter().rposition(|f| f.base <= span.start && span.start <= f.base + f.text.len())
    }

    /// The text a span covers.
    pub fn snippet(&self, span: Span) -> Option<&str> {
        let f = &self.files[self.lookup(span)?];
        f.text.get(span.start - f.base..(span.end - f.base).min(f.text.len()))
    }

    /// "plans/x.toml:12:5" for messages and JSON output.
    pub fn location(&self, span: Span) -> Option<(String, usize, usize)> {
        let f = &self.files[self.lookup(span)?];
        let (line, col) = f.line_col(span.start);
        Some((f.path.display().to_string(), line, col))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_map_back_to_their_file_and_line() {
        let mut map = SourceMap::new();
        let a = map.add(Path::new("a.toml"), "x = 1\ny = 2\n".into());
        let b = map.add(Path::new("b.toml"), "ỹ = 3\n".into());
        let base_b = map.file(b).base;
        assert_eq!(map.lookup(Span::new(6, 7)), Some(a));
        assert_eq!(map.location(Span::new(6, 7)), Some(("a.toml".into(), 2, 1)));
        assert_eq!(map.lookup(Span::new(base_b, base_b + 1)), Some(b));
        assert_eq!(map.location(Span::new(base_b + 6, base_b + 7)).unwrap().2, 5);
        assert_eq!(map.lookup(Span::DETACHED), None);
    }
}
