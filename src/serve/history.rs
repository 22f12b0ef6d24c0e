//! Saved versions of each plan, as plain files under the served folder:
//! `.kehoach/history/<plan path>/<time>-<author>.toml` and an `index.json` beside
//! them. Plain files can be read, diffed and backed up with the folder itself,
//! and need no database library.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::diag::Msg;

/// One saved version.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    /// The file name in the plan's history folder; also the version's id.
    pub id: String,
    pub author: String,
    /// UTC, ISO 8601 to the second.
    pub saved: String,
    /// [`version`] of the text.
    pub version: String,
}

/// The version of a text the client loaded: a save against another one is refused.
pub fn version(text: &str) -> String {
    // FNV-1a, 64 bits: stable across builds and platforms (std's hasher is not promised to be).
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}-{}", text.len())
}

/// A plan or history file, written whole and on disk before it replaces the old one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::atomic::write(path, bytes, true)
}

/// The history folder of a plan (`rel` is already checked by `paths`).
fn folder(root: &Path, rel: &str) -> PathBuf {
    rel.split('/').fold(root.join(".kehoach").join("history"), |p, c| p.join(c))
}

/// The history folder, if it is (still) inside the served folder: a `.kehoach`
/// made a link to elsewhere is neither read nor written.
fn inside(root: &Path, dir: &Path) -> bool {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    dir.canonicalize().is_ok_and(|d| d.starts_with(root))
}

/// The versions of a plan, oldest first.
pub fn list(root: &Path, rel: &str) -> Vec<Entry> {
    let dir = folder(root, rel);
    if !inside(root, &dir) {
        return Vec::new();
    }
    std::fs::read(dir.join("index.json")).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
}

/// The text of one version; only ids in the index are read.
pub fn read(root: &Path, rel: &str, id: &str) -> Option<String> {
    let entry = list(root, rel).into_iter().find(|e| e.id == id)?;
    std::fs::read_to_string(folder(root, rel).join(entry.id)).ok()
}

/// A name's letters and digits, for a file name: "Nguyễn Văn A" → "Nguyễn-Văn-A".
fn slug(author: &str) -> String {
    let s: String = author.chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).take(40).collect();
    let s = s.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-");
    if s.is_empty() {
        "an-danh".into()
    } else {
        s
    }
}

/// The time now, UTC: (for the file name, for people).
fn now() -> (String, String) {
    let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let t = chrono::DateTime::from_timestamp(since.as_secs() as i64, since.subsec_nanos()).unwrap_or_default();
    (t.format("%Y%m%dT%H%M%S%.3fZ").to_string(), t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// Records `text` as a new version by `author`: the version's file first, then the index.
pub fn record(root: &Path, rel: &str, text: &str, author: &str) -> Result<Entry> {
    let dir = folder(root, rel);
    // No link on the way (`.kehoach` made a link elsewhere): nothing is created through one.
    let mut at = root.to_path_buf();
    for part in dir.strip_prefix(root).unwrap_or(&dir).components() {
        at.push(part);
        if at.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) {
            anyhow::bail!(Msg::new("serve.error.outside"));
        }
    }
    std::fs::create_dir_all(&dir).with_context(|| Msg::new("error.create-dir").arg("path", dir.display()))?;
    if !inside(root, &dir) {
        anyhow::bail!(Msg::new("serve.error.outside"));
    }
    let (stamp, saved) = now();
    let mut id = format!("{stamp}-{}.toml", slug(author));
    let mut n = 1;
    while dir.join(&id).exists() {
        n += 1;
        id = format!("{stamp}-{}-{n}.toml", slug(author));
    }
    write_atomic(&dir.join(&id), text.as_bytes())?;
    let author: String = author.chars().filter(|c| !c.is_control()).take(80).collect();
    let entry = Entry { id, author, saved, version: version(text) };
    let mut entries = list(root, rel);
    entries.push(entry.clone());
    write_atomic(&dir.join("index.json"), &serde_json::to_vec_pretty(&entries)?)?;
    Ok(entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_kept_in_order_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let a = record(dir.path(), "sub/k.toml", "a = 1\n", "Nguyễn Văn A").unwrap();
        let b = record(dir.path(), "sub/k.toml", "a = 2\n", "../../etc").unwrap();
        assert!(a.id.ends_with("-Nguyễn-Văn-A.toml"), "{}", a.id);
        assert!(b.id.ends_with("-etc.toml"), "{}", b.id);
        assert_eq!(list(dir.path(), "sub/k.toml"), vec![a.clone(), b.clone()]);
        assert_eq!(read(dir.path(), "sub/k.toml", &a.id).as_deref(), Some("a = 1\n"));
        assert_eq!(read(dir.path(), "sub/k.toml", "../../../etc/passwd"), None);
        assert!(dir.path().join(".kehoach/history/sub/k.toml/index.json").is_file());
        assert_ne!(version("a"), version("b"));
    }

    #[cfg(unix)]
    #[test]
    fn a_history_folder_linked_elsewhere_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), dir.path().join(".kehoach")).unwrap();
        assert!(record(dir.path(), "k.toml", "a = 1\n", "A").is_err());
        assert!(list(dir.path(), "k.toml").is_empty());
        assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    }
}
