//! Bytes as two versions of a plan (split at the first 0xFF, else in half), compared
//! as `kehoach diff --resolved` does: the change list in both languages and as
//! JSON, with and without tone marks, then the comparison table and the redline,
//! both as DOCX (the PDF backend is the render target's).
#![no_main]

use kehoach::diag::Lang;
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
    for tones in [false, true] {
        let Ok(changes) = kehoach::diff::compare(old, new, tones, templates) else { return };
        for c in &changes {
            for lang in [Lang::Vi, Lang::En] {
                let _ = (c.provision.render(lang), c.kind.describe(lang));
            }
            let _ = serde_json::to_value(c);
        }
        if tones {
            continue;
        }
        // The old version by its number and date when it has them (src/cli/diff.rs).
        let label = match (old.document.number.is_some() || old.decision.is_some(), old.issue_date()) {
            (true, Some(_)) => old.citation(),
            _ => "bản old.toml".to_string(),
        };
        if let Ok(table) = kehoach::diff::table::comparison(&changes, new, &label, templates) {
            let _ = DocxExporter.export(&table);
        }
    }
    if let (Ok(old_doc), Ok(new_doc)) = (kehoach::compose::compose(old, templates, false), kehoach::compose::compose(new, templates, false)) {
        let revision = Revision { author: "fuzz".into(), date: "2023-04-10T00:00:00Z".into() };
        let doc = kehoach::diff::redline::redline(&old_doc, &new_doc, revision, true);
        let _ = DocxExporter.export(&doc);
    }
});
