//! Bytes as a Word file to check for thể thức: the check, the annotated copy
//! and the fixed copy never panic, and the copies are DOCX that read back.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(findings) = kehoach::conform::check(data) else { return };
    if let Some(copy) = kehoach::conform::annotate::annotate(data, &findings, kehoach::diag::Lang::Vi) {
        assert!(kehoach::conform::check(&copy).is_some(), "the annotated copy reads back");
    }
    if let Ok((copy, _)) = kehoach::conform::fix::fix(data, &findings) {
        assert!(kehoach::conform::check(&copy).is_some(), "the fixed copy reads back");
    }
});
