//! Tera templates that write the body of a document as Markdown.
//!
//! Built into the binary so kehoach runs from any folder; a folder given with
//! `--templates` (and, for district plans, each plan's own `templates/`) is a
//! layer over the built-in set, as a zola site overrides its theme: a file of
//! the same name replaces the built-in one, which stays reachable as
//! `builtin/<name>` for `{% extends %}`. Parsing happens once per set.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::diag::Msg;
use tera::Tera;

/// The commented starter plan `kehoach new` and the workspace write: the same
/// plan, its comments in the reader's language. It passes `kehoach check` (a test
/// makes sure, and that the two differ only in comments).
pub fn starter(lang: crate::diag::Lang) -> &'static str {
    match lang {
        crate::diag::Lang::Vi => include_str!("../templates/starter.toml"),
        crate::diag::Lang::En => include_str!("../templates/starter.en.toml"),
    }
}

/// The built-in templates, by name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("ke-hoach/body.md", include_str!("../templates/ke-hoach/body.md")),
    ("ke-hoach/objectives.md", include_str!("../templates/ke-hoach/objectives.md")),
    ("ke-hoach/indicator.md", include_str!("../templates/ke-hoach/indicator.md")),
    ("ke-hoach/budget.md", include_str!("../templates/ke-hoach/budget.md")),
    ("ke-hoach/duties.md", include_str!("../templates/ke-hoach/duties.md")),
    ("ke-hoach/reporting.md", include_str!("../templates/ke-hoach/reporting.md")),
    ("ke-hoach/appendix.md", include_str!("../templates/ke-hoach/appendix.md")),
    ("ke-hoach/appendix-extra.md", include_str!("../templates/ke-hoach/appendix-extra.md")),
    ("quyet-dinh/body.md", include_str!("../templates/quyet-dinh/body.md")),
];

/// Where a template came from, for `--explain-templates`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    Builtin,
    Layer(PathBuf),
}

pub struct Templates {
    tera: Tera,
    origins: BTreeMap<String, Origin>,
}

impl Templates {
    /// The built-in set only.
    pub fn builtin() -> Result<Templates> {
        Self::layered(&[])
    }

    /// The built-in set under `layers`, the last layer winning.
    pub fn layered(layers: &[PathBuf]) -> Result<Templates> {
        let mut sources: BTreeMap<String, (String, Origin)> = BTreeMap::new();
        for (name, text) in BUILTIN {
            sources.insert((*name).to_string(), ((*text).to_string(), Origin::Builtin));
        }
        for layer in layers {
            for (name, path) in template_files(layer)? {
                let bytes = crate::load::read_limited(&path)?;
                let text = String::from_utf8(bytes)
                    .with_context(|| Msg::new("error.read-template").arg("path", path.display()))?;
                sources.insert(name, (text, Origin::Layer(layer.clone())));
            }
        }
        let mut tera = Tera::new();
        // Values are escaped for Markdown by the context builder, not for HTML.
        tera.autoescape_on(Vec::<&str>::new());
        // The built-in set under its own names, for layers that extend it.
        let mut raw: Vec<(String, String)> = if layers.is_empty() {
            Vec::new()
        } else {
            BUILTIN.iter().map(|(n, t)| (format!("builtin/{n}"), (*t).to_string())).collect()
        };
        raw.extend(sources.iter().map(|(n, (t, _))| (n.clone(), t.clone())));
        tera.add_raw_templates(raw).map_err(|e| tera_error(e, true)).context(Msg::new("error.template-invalid"))?;
        let origins = sources.into_iter().map(|(n, (_, o))| (n, o)).collect();
        Ok(Templates { tera, origins })
    }

    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String> {
        self.tera
            .render(name, context)
            .map_err(|e| tera_error(e, false))
            .with_context(|| Msg::new("error.template-use").arg("name", name))
    }

    pub fn origins(&self) -> &BTreeMap<String, Origin> {
        &self.origins
    }
}

/// Tera keeps the useful part of a message in the error's source chain. The
/// mistakes people make most are said in the reader's language; Tera's own
/// words (and its picture of the place) follow as the detail.
/// `parsing`: the templates are being read (a syntax error is possible), not used.
fn tera_error(e: tera::Error, parsing: bool) -> anyhow::Error {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    let quoted = |after: &str| msg.split(after).nth(1).and_then(|r| r.split('`').nth(1)).map(str::to_string);
    let known = if msg.contains("Unknown function") {
        quoted("Unknown function").map(|name| Msg::new("template.unknown-function").arg("name", name))
    } else if msg.contains("Unknown filter") {
        quoted("Unknown filter").map(|name| Msg::new("template.unknown-filter").arg("name", name))
    } else if msg.contains("is not defined") {
        quoted("Variable").map(|name| Msg::new("template.undefined").arg("name", name))
    } else if msg.contains("Circular") {
        Some(Msg::new("template.circular"))
    } else if parsing && ["Unexpected end of input", "but expected", "Unknown tag"].iter().any(|m| msg.contains(m)) {
        Some(Msg::new("template.syntax"))
    } else {
        None
    };
    match known {
        Some(m) => anyhow::anyhow!(m.arg("detail", msg.trim())),
        None => anyhow::anyhow!(msg),
    }
}

/// `*.md` files under a layer folder, named by their path relative to it.
fn template_files(layer: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    let mut stack = vec![layer.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).with_context(|| Msg::new("error.read-dir").arg("path", dir.display()))?;
        for entry in entries {
            let entry = entry?;
            let path = entry.path();
            // Links are not followed: a loop of links must not hang the scan.
            if entry.file_type()?.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                // A template (or a link to one) must stay inside its layer's folder.
                let inside = path.canonicalize().is_ok_and(|p| layer.canonicalize().is_ok_and(|l| p.starts_with(l)));
                if !inside {
                    anyhow::bail!(Msg::new("error.template-outside").arg("path", path.display()));
                }
                let name = path.strip_prefix(layer).unwrap_or(&path).to_string_lossy().replace('\\', "/");
                out.push((name, path));
            }
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(body: &str) -> (tempfile::TempDir, Result<Templates>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("ke-hoach")).unwrap();
        std::fs::write(dir.path().join("ke-hoach/body.md"), body).unwrap();
        let t = Templates::layered(&[dir.path().to_path_buf()]);
        (dir, t)
    }

    /// Only a template being read has a syntax error; a value of the wrong type met
    /// while rendering is Tera's own message, not called syntax.
    #[test]
    fn only_a_template_being_read_has_a_syntax_error() {
        let syntax = crate::diag::Msg::new("template.syntax").render(crate::diag::Lang::Vi);
        let syntax = syntax.split(" (").next().unwrap().to_string();
        let (_d, read) = layer("{% iff %}");
        assert!(format!("{:#}", read.err().unwrap()).contains(&syntax));
        let (_d, read) = layer("{{ \"a\" | round }}");
        let err = read.unwrap().render("ke-hoach/body.md", &tera::Context::new()).unwrap_err();
        assert!(!format!("{err:#}").contains(&syntax), "{err:#}");
    }
}
