//! Bytes as two versions of a plan (split at the first 0xFF, else in half), compared
//! as `kehoach diff --resolved` does, under both comparison policies: the change
//! list in both languages and as JSON records, the comparison table and the
//! redline, both as DOCX (the PDF backend is the render target's).
#![no_main]

use kehoach::diag::Lang;
use kehoach::diff::{ChangeRecord, Policy};
use kehoach::document::Revision;
use kehoach::export::{docx::DocxExporter, Exporter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (old, new) = match data.iter().position(|b| *b == 0xFF) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => data.split_at(data.len() / 2),
    };
    let Some(old) = kehoach_fuzz::check(old, "old.toml") else { return };
    let Some(new) = kehoach_fuzz::check(new, "new.toml") else { return };
    let (Some(old), Some(new)) = (old.plan.as_ref(), new.plan.as_ref()) else { return };
    let templates = kehoach_fuzz::templates();
    let docs = (kehoach::compose::compose(old, templates, false), kehoach::compose::compose(new, templates, false));
    for tones in [false, true] {
        let policy = Policy::for_plans(tones, &[old, new]);
        let Ok(changes) = kehoach::diff::compare(old, new, &policy, templates) else { return };
        for c in &changes {
            for lang in [Lang::Vi, Lang::En] {
                let _ = serde_json::to_value(ChangeRecord::new(c, lang));
            }
        }
        if let Ok(table) = kehoach::diff::table::comparison(&changes, new, old, templates) {
            let _ = DocxExporter::default().export(&table);
        }
        if let (Ok(old_doc), Ok(new_doc)) = &docs {
            let date = tones.then(|| "2023-04-10T00:00:00Z".to_string());
            let doc =
                kehoach::diff::redline::redline(old_doc, new_doc, Revision { author: "fuzz".into(), date }, &policy);
            let _ = DocxExporter::default().export(&doc);
        }
    }
});
