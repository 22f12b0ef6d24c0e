//! Paths a request names, always relative to the served folder: a request can
//! never read or write outside it (`..`, absolute paths, links that lead out).

use std::path::{Component, Path, PathBuf};

/// Why a requested path is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// Absolute, `..`, hidden, or resolving (through a link) outside the folder.
    Outside,
    /// Not a file of the kind asked for (a plan must be `.toml`).
    Kind,
    /// No such file.
    Missing,
}

/// The components of `rel` if it is a plain relative path: no root, no `..`,
/// no hidden part (`.kehoach/` holds the history, `.git/` is not ours to serve).
fn plain(rel: &str) -> Result<Vec<&str>, Refused> {
    if rel.is_empty() || rel.contains('\0') || rel.contains('\\') || rel.len() > 1024 {
        return Err(Refused::Outside);
    }
    let path = Path::new(rel);
    let mut parts = Vec::new();
    for c in path.components() {
        match c {
            Component::Normal(s) => {
                let s = s.to_str().ok_or(Refused::Outside)?;
                if s.starts_with('.') {
                    return Err(Refused::Outside);
                }
                parts.push(s);
            }
            Component::CurDir => {}
            _ => return Err(Refused::Outside),
        }
    }
    if parts.is_empty() {
        return Err(Refused::Outside);
    }
    Ok(parts)
}

/// An existing file inside `root` (canonical), links resolved before the check.
pub fn existing(root: &Path, rel: &str) -> Result<PathBuf, Refused> {
    let parts = plain(rel)?;
    let joined = parts.iter().fold(root.to_path_buf(), |p, c| p.join(c));
    let real = joined.canonicalize().map_err(|_| Refused::Missing)?;
    if !real.starts_with(root) {
        return Err(Refused::Outside);
    }
    if !real.is_file() {
        return Err(Refused::Missing);
    }
    Ok(real)
}

/// An existing plan file (`.toml`) inside `root`.
pub fn plan(root: &Path, rel: &str) -> Result<PathBuf, Refused> {
    plain(rel)?;
    if !rel.ends_with(".toml") {
        return Err(Refused::Kind);
    }
    let path = existing(root, rel)?;
    if path.extension().is_none_or(|e| e != "toml") {
        return Err(Refused::Kind);
    }
    Ok(path)
}

/// A file to create inside `root`: its folder exists inside `root` and nothing
/// (not even a dangling link) has its name yet.
pub fn new_file(root: &Path, rel: &str, extension: &str) -> Result<PathBuf, Refused> {
    let parts = plain(rel)?;
    if !rel.ends_with(&format!(".{extension}")) || rel.len() <= extension.len() + 1 {
        return Err(Refused::Kind);
    }
    let (name, dirs) = parts.split_last().ok_or(Refused::Outside)?;
    // A name Windows cannot hold is refused: the folder may be shared with an office PC.
    if parts.iter().any(|p| p.contains(['<', '>', ':', '"', '|', '?', '*']) || p.ends_with([' ', '.'])) {
        return Err(Refused::Kind);
    }
    let dir = dirs.iter().fold(root.to_path_buf(), |p, c| p.join(c));
    let dir = dir.canonicalize().map_err(|_| Refused::Missing)?;
    if !dir.starts_with(root) || !dir.is_dir() {
        return Err(Refused::Outside);
    }
    let path = dir.join(name);
    if path.symlink_metadata().is_ok() {
        return Err(Refused::Kind);
    }
    Ok(path)
}

/// `path` (inside `root`) as the client names it: `son-la/huyen.toml`.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("sub")).unwrap();
        std::fs::write(root.join("a.toml"), "x = 1").unwrap();
        std::fs::write(root.join("sub/b.toml"), "x = 1").unwrap();
        (dir, root)
    }

    #[test]
    fn plain_paths_inside_are_served() {
        let (_d, root) = folder();
        assert_eq!(plan(&root, "a.toml").unwrap(), root.join("a.toml"));
        assert_eq!(plan(&root, "sub/b.toml").unwrap(), root.join("sub/b.toml"));
        assert_eq!(plan(&root, "./sub/b.toml").unwrap(), root.join("sub/b.toml"));
        assert_eq!(relative(&root, &root.join("sub/b.toml")), "sub/b.toml");
    }

    #[test]
    fn escapes_are_refused() {
        let (_d, root) = folder();
        for bad in ["/etc/passwd", "../a.toml", "sub/../../a.toml", "sub/../a.toml", "", ".kehoach/x.toml", "a\\b.toml"]
        {
            assert_eq!(plan(&root, bad), Err(Refused::Outside), "{bad}");
            assert!(new_file(&root, bad, "toml").is_err(), "{bad}");
        }
        assert_eq!(existing(&root, "/etc/passwd"), Err(Refused::Outside));
        assert_eq!(plan(&root, "nope.toml"), Err(Refused::Missing));
        assert_eq!(plan(&root, "sub"), Err(Refused::Kind));
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_folder_are_refused() {
        let (_d, root) = folder();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.toml"), "x = 1").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.toml"), root.join("link.toml")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("out")).unwrap();
        assert_eq!(plan(&root, "link.toml"), Err(Refused::Outside));
        assert_eq!(plan(&root, "out/secret.toml"), Err(Refused::Outside));
        assert_eq!(new_file(&root, "out/new.toml", "toml"), Err(Refused::Outside));
        // A dangling link is not a free name: writing through it would create a file elsewhere.
        std::os::unix::fs::symlink(outside.path().join("none.toml"), root.join("dangling.toml")).unwrap();
        assert_eq!(new_file(&root, "dangling.toml", "toml"), Err(Refused::Kind));
        assert_eq!(new_file(&root, "sub/c.toml", "toml").unwrap(), root.join("sub/c.toml"));
    }
}
