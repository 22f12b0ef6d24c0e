//! Export: the document model → bytes, one [`Exporter`] per backend (as mdBook has
//! one renderer per backend).
//!
//! Backends see only the model and the [`crate::layout`] figures and return bytes;
//! writing files (atomically) is the command layer's job.

pub mod docx;
pub mod pdf;

use anyhow::Result;

use crate::document::Document;

pub trait Exporter: Sync {
    /// File extension of the output ("docx", "pdf").
    fn extension(&self) -> &'static str;
    fn export(&self, doc: &Document) -> Result<Vec<u8>>;
}

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Docx,
    Pdf,
}

/// What the command line sets for the backends.
#[derive(Clone, Default)]
pub struct Settings {
    /// PDF/A-2b output.
    pub pdf_archival: bool,
    /// Times New Roman from an office's font folder (`--fonts`).
    pub fonts: Option<std::sync::Arc<pdf::FontStore>>,
    /// Styles taken from an office's own Word template (`--reference-docx`).
    pub reference: Option<std::sync::Arc<docx::Reference>>,
}

/// The backend of a format.
pub fn exporter(format: Format, settings: &Settings) -> Box<dyn Exporter> {
    match format {
        Format::Docx => Box::new(docx::DocxExporter { reference: settings.reference.clone() }),
        Format::Pdf => Box::new(pdf::PdfExporter { archival: settings.pdf_archival, fonts: settings.fonts.clone() }),
    }
}
