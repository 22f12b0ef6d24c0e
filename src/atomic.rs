//! Files written whole or not at all: a temp file in the target folder, then a
//! rename, so a failure never leaves a truncated file or touches a good one.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use crate::diag::Msg;

/// Writes `bytes` to `path` atomically. `durable`: on disk before the rename, or a
/// power cut could leave an empty file behind it (a plan saved over its only copy);
/// a render's outputs can simply be made again, and a batch skips the cost.
pub fn write(path: &Path, bytes: &[u8], durable: bool) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| Msg::new("error.create-dir").arg("path", dir.display()))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".kehoach-")
        .tempfile_in(dir)
        .with_context(|| Msg::new("error.write-dir").arg("path", dir.display()))?;
    tmp.write_all(bytes).with_context(|| Msg::new("error.write").arg("path", path.display()))?;
    if durable {
        tmp.as_file().sync_all().with_context(|| Msg::new("error.write").arg("path", path.display()))?;
    }
    // Temp files are private (0600); an output is an ordinary document.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644)).ok();
    }
    tmp.persist(path).map_err(|e| e.error).with_context(|| Msg::new("error.write").arg("path", path.display()))?;
    Ok(())
}
