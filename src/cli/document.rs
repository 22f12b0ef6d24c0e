//! Plans named on the command line may be documents (DOCX, PDF, text): they are
//! imported in memory, and diagnostics are moved from the TOML made for them to
//! the source paragraph they came from (line N of the shown text = paragraph N).

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::diag::{Diagnostic, Lang};
use crate::import::{Format, Imported};
use crate::model::ResolvedPlan;
use crate::source::{SourceMap, Span};

/// Reads a document into an imported plan; an unreadable one is an operational error.
pub fn import_file(path: &Path, lang: Lang) -> Result<Imported> {
    let bytes = crate::load::read_limited(path)?;
    crate::import::import(path, &bytes, lang).map_err(|e| anyhow::anyhow!(e.message(path)))
}

/// Loads and checks a plan file or a document.
pub fn check_any(
    map: &mut SourceMap,
    path: &Path,
    root: &Path,
    lang: Lang,
) -> Result<(Option<ResolvedPlan>, Vec<Diagnostic>)> {
    if !Format::is_importable(path) {
        return crate::check_file_in(map, path, root);
    }
    let imported = import_file(path, lang)?;
    check_imported(map, path, &imported, root, None)
}

/// Checks an imported document; diagnostics point at its paragraphs, or, where a
/// value has none (a heading the document lacks), at the TOML written for it
/// (`written`), else at a TOML named after the document, made in memory only.
pub fn check_imported(
    map: &mut SourceMap,
    path: &Path,
    imported: &Imported,
    root: &Path,
    written: Option<&Path>,
) -> Result<(Option<ResolvedPlan>, Vec<Diagnostic>)> {
    let source = map.add(path, imported.paragraph_text());
    let toml_path = written.map_or_else(|| PathBuf::from(format!("{}.toml", path.display())), Path::to_path_buf);
    let (toml_id, loaded) = crate::load::load_text(map, &toml_path, &imported.toml, root)?;
    let (plan, mut diagnostics) = match loaded {
        Ok(plan) => {
            let d = crate::check::check_resolved(&plan, map);
            (Some(plan), d)
        }
        Err(d) => (None, d),
    };
    let toml_base = map.file(toml_id).base;
    let src = map.file(source);
    let (src_base, src_text) = (src.base, src.text.clone());
    let line_starts: Vec<usize> = std::iter::once(0).chain(src_text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let lines = imported.lines();
    for d in &mut diagnostics {
        for label in &mut d.labels {
            if map.lookup(label.span) != Some(toml_id) {
                continue;
            }
            let Some(p) = imported.origin_near(label.span.start - toml_base) else {
                // A value the document lacks, in a TOML made in memory: said of the document,
                // not of a file nobody has.
                if written.is_none() {
                    label.span = Span::new(src_base, src_base);
                    label.message = crate::diag::Msg::new("import.not-in-document");
                }
                continue;
            };
            let Some(&line) = lines.get(p) else { continue };
            let (Some(&start), Some(&next)) = (line_starts.get(line), line_starts.get(line + 1)) else { continue };
            let line = &src_text[start..next - 1];
            // The value itself when the paragraph quotes it, else the whole paragraph.
            let written = map.snippet(label.span).unwrap_or("").trim_matches(['"', '\'']);
            let range = match (!written.is_empty()).then(|| line.find(written)).flatten() {
                Some(at) => start + at..start + at + written.len(),
                None => start..next - 1,
            };
            label.span = Span::new(src_base + range.start, src_base + range.end);
        }
    }
    Ok((plan, diagnostics))
}
