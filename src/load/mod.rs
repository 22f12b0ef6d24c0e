//! Load: a plan file → NFC text in the [`SourceMap`] → spanned TOML → typed [`Plan`].
//!
//! Problems in the file (bad TOML, unknown keys, wrong types) are diagnostics with
//! a location; only failing to read the file at all is an operational error.

mod errors;
mod spans;

use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;
use toml::de::DeTable;

use crate::diag::Diagnostic;
use crate::model::Plan;
use crate::source::{FileId, SourceMap};
use crate::vi::text::to_nfc;

/// The outcome of loading one plan: the plan, or why it could not be read as one.
pub type Loaded = std::result::Result<Plan, Vec<Diagnostic>>;

/// Reads `path` into `map` and deserializes it.
pub fn load_plan(map: &mut SourceMap, path: &Path) -> Result<Loaded> {
    let id = read_source(map, path)?;
    Ok(parse_plan(map, id))
}

/// Reads a file as NFC text into the source map.
pub fn read_source(map: &mut SourceMap, path: &Path) -> Result<FileId> {
    let bytes = std::fs::read(path).with_context(|| format!("không đọc được tệp `{}`", path.display()))?;
    let text = String::from_utf8(bytes)
        .with_context(|| format!("tệp `{}` không phải văn bản UTF-8", path.display()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok(map.add(path, to_nfc(text)))
}

/// Parses an already-read file into a plan.
pub fn parse_plan(map: &SourceMap, id: FileId) -> Loaded {
    let table = parse_table(map, id)?;
    Plan::deserialize(toml::de::Deserializer::from(table))
        .map_err(|e| vec![errors::from_deserialize(map, id, &e)])
}

/// Parses a file into a TOML table whose spans are in the global position space.
pub fn parse_table(map: &SourceMap, id: FileId) -> std::result::Result<toml::Spanned<DeTable<'_>>, Vec<Diagnostic>> {
    let file = map.file(id);
    let (table, syntax) = DeTable::parse_recoverable(&file.text);
    if !syntax.is_empty() {
        return Err(syntax.iter().map(|e| errors::from_syntax(map, id, e)).collect());
    }
    Ok(spans::shift_document(table, file.base))
}
