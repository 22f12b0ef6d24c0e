//! Bytes as a plan file: load, check, and print the diagnostics (both languages,
//! terminal and JSON), as `kehoach check` does.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(checked) = kehoach_fuzz::check(data, "plan.toml") {
        kehoach_fuzz::emit(&checked);
    }
});
