//! kehoach: Vietnamese official plans (Kế hoạch) as checked, structured TOML.
//!
//! The pipeline, one type per stage:
//!
//! ```text
//! plan.toml ──load──▶ Plan ──check──▶ Vec<Diagnostic>
//!                      │
//!                      └──build──▶ Document ──render──▶ DOCX | PDF bytes
//!                        (templates → Markdown → blocks)
//! ```
//!
//! - [`source`]: files and global spans, so a value can say where it was written.
//! - [`load`]: TOML → [`model::Plan`]; syntax, unknown keys and types are diagnostics.
//! - [`check`]: the plan's own consistency (leads, budget, dates, signature, …).
//! - [`build`]: plan + [`templates`] → [`doc::Document`], the model both backends share.
//! - [`render`]: one [`render::Renderer`] per output format; bytes only, no files.
//! - [`district`]: a child plan against its parent (trace, explain, scaffolding).
//! - [`diff`]: two versions → changes, comparison table, redline.
//! - [`vi`]: Vietnamese conventions (dates, numbers, amounts in words, capitals).
//! - [`fonts`]: the embedded fonts and their metrics.
//! - [`diag`]: diagnostics and their printing, in Vietnamese or English.
//! - [`cli`]: the `kehoach` command; the only place that touches files and the terminal.

pub mod build;
pub mod check;
pub mod cli;
pub mod diag;
pub mod diff;
pub mod district;
pub mod doc;
pub mod fonts;
pub mod load;
pub mod model;
pub mod render;
pub mod source;
pub mod templates;
pub mod vi;

use std::path::Path;

use diag::Diagnostic;
use source::SourceMap;

/// Loads and checks one plan: every diagnostic, loader's and checks', in file order.
/// `extends` may not leave [`load::default_root`].
pub fn check_file(map: &mut SourceMap, path: &Path) -> anyhow::Result<(Option<load::LoadedPlan>, Vec<Diagnostic>)> {
    check_file_in(map, path, &load::default_root(path))
}

/// [`check_file`] with the folder `extends` may not leave given by the user.
pub fn check_file_in(map: &mut SourceMap, path: &Path, root: &Path) -> anyhow::Result<(Option<load::LoadedPlan>, Vec<Diagnostic>)> {
    match load::load_plan(map, path, root)? {
        Ok(plan) => {
            let diagnostics = check::check_loaded(&plan, map);
            Ok((Some(plan), diagnostics))
        }
        Err(diagnostics) => Ok((None, diagnostics)),
    }
}
