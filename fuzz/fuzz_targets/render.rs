//! Bytes as a plan file, rendered as `kehoach render --to docx --to pdf` would:
//! load and check; a plan without errors (or a draft) is built and exported.
#![no_main]

use kehoach::export::{docx::DocxExporter, pdf::PdfExporter, Exporter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(checked) = kehoach_fuzz::check(data, "plan.toml") else { return };
    let Some((plan, draft)) = kehoach_fuzz::renderable(&checked) else { return };
    // An error here is reported to the user (exit 1), not a crash.
    let Ok(doc) = kehoach::compose::compose(plan, kehoach_fuzz::templates(), draft) else { return };
    let _ = DocxExporter::default().export(&doc);
    let _ = kehoach_fuzz::on_big_stack(|| PdfExporter::default().export(&doc));
});
