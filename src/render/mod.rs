//! Export: the document model → bytes, one [`Renderer`] per backend (as in mdBook).
//!
//! Backends see only the model and return bytes; writing files atomically is
//! the command layer's job.

pub mod docx;
pub mod pdf;

use anyhow::Result;

use crate::doc::Document;

pub trait Renderer: Sync {
    /// File extension of the output ("docx", "pdf").
    fn extension(&self) -> &'static str;
    fn render(&self, doc: &Document) -> Result<Vec<u8>>;
}
