//! Bytes as a document to import, read as text, as a DOCX package and as a PDF:
//! never a panic, and what import writes always parses as TOML.
//!
//! The PDF parser (pdf-extract and the crates under it) panics on some damaged
//! files; import runs it under `catch_unwind` and reports a damaged file.
//! libFuzzer's panic hook would abort on those caught panics, so a panic raised in
//! a dependency is let unwind: if nothing of ours catches it, it still ends the
//! process (it cannot unwind out of the fuzzer) and is a finding. A panic in
//! kehoach's own code aborts at once.
#![no_main]

use std::path::Path;
use std::sync::Once;

use libfuzzer_sys::fuzz_target;

fn tolerate_parser_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let fuzzer = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let file = info.location().map(|l| l.file()).unwrap_or("");
            if !file.contains("/.cargo/registry/") {
                fuzzer(info);
            }
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    tolerate_parser_panics();
    for name in ["ke-hoach.txt", "ke-hoach.docx", "ke-hoach.pdf"] {
        if let Ok(imported) = kehoach::import::import(Path::new(name), data, kehoach::diag::Lang::Vi) {
            toml::from_str::<toml::Table>(&imported.toml).expect("import writes TOML");
        }
    }
});
