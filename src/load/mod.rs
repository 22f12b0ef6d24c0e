//! Load: a plan file → NFC text in the [`SourceMap`] → spanned TOML → typed [`Plan`].
//!
//! Problems in the file (bad TOML, unknown keys, wrong types) are diagnostics with
//! a location; only failing to read the file at all is an operational error.

mod errors;
mod extends;
mod normalize;
mod recover;
mod spans;

pub use extends::is_inherited;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Deserialize;
use toml::de::DeTable;

use crate::diag::{Diagnostic, Msg};
use crate::model::{Plan, ResolvedPlan};
use crate::source::{FileId, SourceMap};
use crate::vi::text::to_nfc;

/// The outcome of loading one plan: the plan, or why it could not be read as one.
pub type Loaded = std::result::Result<ResolvedPlan, Vec<Diagnostic>>;

/// The folder `extends` may not leave, unless the user names one with `--root`:
/// the plan's own folder. A plan downloaded into a home folder must not reach
/// `../../.ssh/` (links are followed before the check).
pub fn default_root(plan: &Path) -> PathBuf {
    let dir = plan.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf())
}

/// Reads `path` (and the plans it extends) into `map` and resolves it.
pub fn load_plan(map: &mut SourceMap, path: &Path, root: &Path) -> Result<Loaded> {
    let chain = match extends::read_chain(map, path, root)? {
        Ok(chain) => chain,
        Err(diagnostics) => return Ok(Err(diagnostics)),
    };
    Ok(resolve_chain(map, &chain))
}

/// Loads a plan whose text is made in memory (an imported document): `path`
/// names it in messages and anchors a relative `extends`.
pub fn load_text(map: &mut SourceMap, path: &Path, text: &str, root: &Path) -> Result<(FileId, Loaded)> {
    let id = map.add(path, to_nfc(text));
    let chain = match extends::read_chain_from(map, path, Some(id), root)? {
        Ok(chain) => chain,
        Err(diagnostics) => return Ok((id, Err(diagnostics))),
    };
    Ok((id, resolve_chain(map, &chain)))
}

/// Merges the chain from the top ancestor down, deserializing each level.
fn resolve_chain(map: &SourceMap, chain: &extends::Chain) -> Loaded {
    match resolve_levels(map, chain, false) {
        Ok(plan) => Ok(plan),
        Err(Failure::Found(diagnostics)) => Err(diagnostics),
        // Read again, keeping a copy of each level to report every bad key in it:
        // a good plan never pays for the copy.
        Err(Failure::Unread) => match resolve_levels(map, chain, true) {
            Ok(plan) => Ok(plan),
            Err(Failure::Found(diagnostics)) => Err(diagnostics),
            Err(Failure::Unread) => Err(Vec::new()),
        },
    }
}

/// Why a chain did not resolve.
enum Failure {
    Found(Vec<Diagnostic>),
    /// A level did not deserialize, on a pass that kept no copy to report from.
    Unread,
}

impl From<Vec<Diagnostic>> for Failure {
    fn from(diagnostics: Vec<Diagnostic>) -> Self {
        Failure::Found(diagnostics)
    }
}

fn resolve_levels(
    map: &SourceMap,
    chain: &extends::Chain,
    report_all: bool,
) -> std::result::Result<ResolvedPlan, Failure> {
    let mut resolved: Option<(toml::Spanned<DeTable<'_>>, ResolvedPlan)> = None;
    for (id, extends_span) in chain.files.iter().rev() {
        let table = parse_table(map, *id)?;
        let (table, removals, parent) = match resolved.take() {
            None => (table, Vec::new(), None),
            Some((parent_table, parent)) => {
                let mut merger = extends::Merger::new();
                let child_has_bases = table.get_ref().contains_key("bases") || table.get_ref().contains_key("preamble");
                let mut merged = merger.merge_documents(parent_table, table);
                if !merger.diagnostics.is_empty() {
                    return Err(Failure::Found(merger.diagnostics));
                }
                if !child_has_bases {
                    // "Thực hiện Kế hoạch số 93/KH-UBND ngày 03/4/2023 của …", from the parent.
                    let span = extends_span.unwrap_or_default();
                    let key = toml::Spanned::new(span.start..span.end, std::borrow::Cow::Borrowed("bases"));
                    merged.get_mut().insert(key, extends::string_array(vec![parent.citation()], span));
                }
                (merged, merger.removals, Some(Box::new(parent)))
            }
        };
        // The merged table is kept only while a child still has to merge over it.
        let last = *id == chain.files[0].0;
        let (input, keep) = if last { (table, None) } else { (table.clone(), Some(table)) };
        let mut input = input;
        let mut removals = removals;
        removals.extend(normalize::apply_removals(input.get_mut()));
        let copy = report_all.then(|| input.clone());
        let plan = match (Plan::deserialize(toml::de::Deserializer::from(input)), copy) {
            (Ok(plan), _) => plan,
            (Err(_), Some(copy)) => return Err(Failure::Found(recover::diagnose(map, *id, copy))),
            (Err(_), None) => return Err(Failure::Unread),
        };
        let loaded = ResolvedPlan { plan, file: *id, parent, removals };
        match keep {
            Some(table) => resolved = Some((table, loaded)),
            None => return Ok(loaded),
        }
    }
    // A chain has at least the plan itself.
    resolved.map(|(_, plan)| plan).ok_or(Failure::Found(Vec::new()))
}

/// Reads a file as NFC text into the source map.
pub fn read_source(map: &mut SourceMap, path: &Path) -> Result<FileId> {
    let bytes = read_limited(path)?;
    // Not a plan at all: said as what it is, not as text in an old encoding.
    if let Some(key) = other_kind_of_file(&bytes) {
        anyhow::bail!(Msg::new(key).arg("path", path.display()));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        // Notepad's "Unicode" (UTF-16 with its mark) reads as the same text.
        Err(e) => match crate::vi::encoding::utf16(e.as_bytes()) {
            Some(text) => text,
            // A file saved in a legacy Vietnamese encoding: say which, and how to convert it.
            None => match crate::vi::encoding::guess(e.as_bytes()) {
                Some(legacy) => anyhow::bail!(Msg::new("error.legacy-encoding")
                    .arg("path", path.display())
                    .arg("encoding", legacy.name())),
                None => anyhow::bail!(Msg::new("error.not-utf8").arg("path", path.display())),
            },
        },
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok(map.add(path, to_nfc(text)))
}

/// The message for a file that is a document or binary data rather than a plan's text.
fn other_kind_of_file(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Some("error.word-97-file");
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Some("error.zip-file");
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)])
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        return Some("error.html-file");
    }
    // Text in an old encoding has no NUL byte (UTF-16 has, with its mark); a stray
    // one in UTF-8 text is a syntax error at its place.
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    (!utf16 && bytes.contains(&0) && std::str::from_utf8(bytes).is_err()).then_some("error.binary-file")
}

/// The largest plan file read: the longest real plans are under 200 KB; a
/// generated plan of 100,000 indicators (the scale the bench measures) is about 20 MB.
pub const MAX_FILE_BYTES: u64 = 32 << 20;

/// A regular file's bytes, up to [`MAX_FILE_BYTES`]: a FIFO would block forever and
/// a device (`/dev/zero`) never ends.
pub fn read_limited(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let context = || Msg::new("error.read-file").arg("path", path.display());
    let meta = std::fs::metadata(path).with_context(context)?;
    if !meta.is_file() {
        anyhow::bail!(Msg::new("error.not-a-file").arg("path", path.display()));
    }
    // Sized from the metadata: read in one call, not in doubling chunks.
    let mut bytes = Vec::with_capacity(meta.len().min(MAX_FILE_BYTES) as usize + 1);
    let file = std::fs::File::open(path).with_context(context)?;
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).with_context(context)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        anyhow::bail!(Msg::new("error.too-big").arg("path", path.display()).arg("mib", MAX_FILE_BYTES >> 20));
    }
    Ok(bytes)
}

/// Parses a file into a TOML table whose spans are in the global position space.
pub fn parse_table(map: &SourceMap, id: FileId) -> std::result::Result<toml::Spanned<DeTable<'_>>, Vec<Diagnostic>> {
    let file = map.file(id);
    let (table, syntax) = DeTable::parse_recoverable(&file.text);
    if !syntax.is_empty() {
        // The parser's first complaint on a line is the mistake; the rest of that
        // line's are its echoes ("63,7, unit" gave seven).
        let newlines: Vec<usize> = file.text.match_indices('\n').map(|(i, _)| i).collect();
        let mut lines = std::collections::HashSet::new();
        let first_per_line = syntax.iter().filter(|e| {
            let at = e.span().map_or(0, |r| r.start);
            lines.insert(newlines.partition_point(|&n| n < at))
        });
        return Err(first_per_line.map(|e| errors::from_syntax(map, id, e)).collect());
    }
    let mut table = spans::shift_document(table, file.base);
    normalize::trim_strings(table.get_mut());
    Ok(table)
}
