//! kehoach: Vietnamese official plans (Kế hoạch) as checked, structured TOML.
//!
//! The pipeline, one stage per module, each reading only the stages before it:
//!
//! ```text
//! plan.toml ──load──▶ ResolvedPlan ──check──▶ Vec<Diagnostic>
//!                         │
//!                         └──compose──▶ Document ──export──▶ DOCX | PDF bytes
//!                           (templates → Markdown → blocks)
//! ```
//!
//! Below every stage:
//! - [`source`]: files and global spans, so a value can say where it was written.
//! - [`diag`]: diagnostics and messages, in Vietnamese or English.
//! - [`vi`]: Vietnamese conventions (dates, numbers, amounts in words, capitals).
//! - [`layout`]: the NĐ 30 page figures and fixed labels both backends read.
//! - [`fonts`]: the embedded fonts and their metrics.
//! - [`model`]: the plan's types and the facts derived from them (ký hiệu, issue
//!   date, signature lines, targets in words).
//!
//! The stages:
//! - [`import`]: a DOCX, PDF or text document → plan TOML that remembers each
//!   value's source paragraph (beside `load`, which reads what it writes).
//! - [`load`]: TOML files → [`model::ResolvedPlan`]: `extends` merged, strings
//!   trimmed, removals applied, dates resolved; problems in the file are diagnostics.
//! - [`check`]: the plan's own consistency (leads, budget, dates, signature, …).
//! - [`conform`]: NĐ 30 conformance (thể thức) of any DOCX, rule by cited rule.
//! - [`compose`]: plan + [`templates`] → [`document::Document`], the model both backends share.
//! - [`export`]: one [`export::Exporter`] per output format; bytes only, no files.
//!
//! On top: [`district`] (a child plan against its parent: trace, explain,
//! scaffolding), [`diff`] (two versions → changes, comparison table, redline) and
//! [`cli`], the `kehoach` command, which alone touches the terminal and writes files.
//! Templates are read from disk by [`templates`], inside the folders the command names.

pub mod atomic;
pub mod check;
pub mod cli;
pub mod compose;
pub mod conform;
pub mod diag;
pub mod diff;
pub(crate) mod district;
pub mod document;
pub mod export;
pub(crate) mod fonts;
pub mod import;
pub mod layout;
pub mod load;
pub mod model;
pub mod serve;
pub(crate) mod shaping;
pub mod source;
pub mod templates;
pub(crate) mod vi;

use std::path::Path;

use diag::Diagnostic;
use model::ResolvedPlan;
use source::SourceMap;

/// Loads and checks one plan: every diagnostic, loader's and checks', in file order.
/// `extends` may not leave [`load::default_root`].
pub fn check_file(map: &mut SourceMap, path: &Path) -> anyhow::Result<(Option<ResolvedPlan>, Vec<Diagnostic>)> {
    check_file_in(map, path, &load::default_root(path))
}

/// [`check_file`] with the folder `extends` may not leave given by the user.
pub fn check_file_in(
    map: &mut SourceMap,
    path: &Path,
    root: &Path,
) -> anyhow::Result<(Option<ResolvedPlan>, Vec<Diagnostic>)> {
    match load::load_plan(map, path, root)? {
        Ok(plan) => {
            let diagnostics = check::check_resolved(&plan, map);
            Ok((Some(plan), diagnostics))
        }
        Err(diagnostics) => Ok((None, diagnostics)),
    }
}
