//! The browser form's edits, as `kehoach serve` receives them: a plan's text, a
//! line "\n---\n", then the edits as JSON. Reading the form, locating fields and
//! applying edits never panic, and an applied edit leaves a file the form reads.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else { return };
    let (text, edits) = input.split_once("\n---\n").unwrap_or((input, "[]"));
    let _ = kehoach::serve::edit::form(text);
    let fields = kehoach::serve::edit::fields(text);
    for at in [0, text.len() / 2, text.len()] {
        let _ = kehoach::serve::edit::field_at(&fields, at);
    }
    for word in edits.split_whitespace().take(8) {
        let _ = kehoach::serve::edit::number(word);
        let _ = kehoach::serve::edit::date(word);
    }
    let Ok(edits) = serde_json::from_str::<Vec<kehoach::serve::edit::Edit>>(edits) else { return };
    if let Ok(new) = kehoach::serve::edit::apply(text, &edits) {
        assert!(kehoach::serve::edit::form(&new).is_some(), "an edited file is still TOML the form reads");
    }
});
