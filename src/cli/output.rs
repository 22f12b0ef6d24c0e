//! Writing outputs atomically: a temp file in the target folder, then a rename,
//! so a failed render never leaves a truncated file or touches a good one.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::diag::Msg;

/// Refuses an output path that is, or resolves to, one of the files read: a plan
/// named `plan.docx` rendered into its own folder must not be overwritten.
pub fn refuse_inputs(outputs: &[PathBuf], inputs: &[PathBuf]) -> Result<()> {
    let inputs: Vec<PathBuf> = inputs.iter().filter_map(|p| p.canonicalize().ok()).collect();
    for out in outputs {
        if out.canonicalize().is_ok_and(|o| inputs.contains(&o)) {
            anyhow::bail!(Msg::new("error.output-is-input").arg("path", out.display()));
        }
    }
    Ok(())
}

/// [`write_atomic`], but an existing file is never replaced.
pub fn write_new_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    if path.exists() {
        anyhow::bail!(Msg::new("error.output-exists").arg("path", path.display()));
    }
    write_atomic(path, bytes)
}

/// An output written whole or not at all ([`crate::atomic::write`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::atomic::write(path, bytes, false)
}
