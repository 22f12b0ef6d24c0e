//! Bytes as a document to import, read as text, as a DOCX package and as a PDF:
//! never a panic, and what import writes always parses as TOML.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in ["ke-hoach.txt", "ke-hoach.docx", "ke-hoach.pdf"] {
        if let Ok(imported) = kehoach::import::import(Path::new(name), data, kehoach::diag::Lang::Vi) {
            toml::from_str::<toml::Table>(&imported.toml).expect("import writes TOML");
        }
    }
});
