//! Writing outputs atomically: a temp file in the target folder, then a rename,
//! so a failed render never leaves a truncated file or touches a good one.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

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

pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| Msg::new("error.create-dir").arg("path", dir.display()))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".kehoach-")
        .tempfile_in(dir)
        .with_context(|| Msg::new("error.write-dir").arg("path", dir.display()))?;
    tmp.write_all(bytes).with_context(|| Msg::new("error.write").arg("path", path.display()))?;
    // Temp files are private (0600); an output is an ordinary document.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644)).ok();
    }
    tmp.persist(path).map_err(|e| e.error).with_context(|| Msg::new("error.write").arg("path", path.display()))?;
    Ok(())
}
