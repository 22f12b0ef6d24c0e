//! Bytes as the styles part of a reference template (`--reference-docx`): read,
//! then lent to the DOCX writer, which must still write a document.
#![no_main]

use std::sync::{Arc, OnceLock};

use kehoach::document::Document;
use kehoach::export::docx::{DocxExporter, Reference};
use kehoach::export::Exporter;
use libfuzzer_sys::fuzz_target;

/// The Sơn La plan's document, built once.
fn document() -> &'static Document {
    static DOC: OnceLock<Document> = OnceLock::new();
    DOC.get_or_init(|| {
        let checked = kehoach_fuzz::check(include_bytes!("../../plans/son-la-2023-kh93.toml"), "kh93.toml").expect("plan");
        let plan = checked.plan.expect("plan loads");
        kehoach::compose::compose(&plan, kehoach_fuzz::templates(), true).expect("plan composes")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(xml) = std::str::from_utf8(data) else { return };
    let Ok(reference) = Reference::parse(xml) else { return };
    let exporter = DocxExporter { reference: Some(Arc::new(reference)) };
    exporter.export(document()).expect("a DOCX with any reference styles");
});
