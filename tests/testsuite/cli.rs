//! The other commands: new, schema, codes; and what the README promises.

use crate::support::*;

#[test]
fn committed_schema_matches_the_model() {
    let out = kehoach(&["schema"]);
    assert!(out.status.success());
    let schema = String::from_utf8(out.stdout).unwrap();
    assert_eq!(schema, read("schema/plan.schema.json"), "run: cargo run -- schema > schema/plan.schema.json");
    let json: serde_json::Value = serde_json::from_str(&schema).unwrap();
    assert!(json["properties"]["objectives"].is_object());
}

#[test]
fn sample_plans_reference_the_schema() {
    for (folder, schema) in
        [("plans", "#:schema ../schema/plan.schema.json"), ("plans/son-la", "#:schema ../../schema/plan.schema.json")]
    {
        for entry in std::fs::read_dir(root().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(text.starts_with(schema), "{}", path.display());
            }
        }
    }
}

#[test]
fn new_writes_a_starter_that_passes_check_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("ke-hoach.toml");
    let out = kehoach(&["new", plan.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(dir.path().join("plan.schema.json").exists());
    let (status, diags) = check_path(&plan);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(status, 0);

    // In English: the same plan, its comments in English.
    let en = dir.path().join("plan-en.toml");
    let out = kehoach(&["new", en.to_str().unwrap(), "--lang", "en"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let en = std::fs::read_to_string(&en).unwrap();
    assert!(en.contains("# A starter plan written by `kehoach new`"), "{en}");
    let data = |text: &str| text.parse::<toml::Table>().unwrap();
    assert_eq!(data(&en), data(&std::fs::read_to_string(&plan).unwrap()), "only the comments differ");

    std::fs::write(&plan, "của tôi").unwrap();
    let again = kehoach(&["new", plan.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), "của tôi");
    assert!(String::from_utf8_lossy(&again.stderr).contains("tệp đã có"));
    // A folder that does not exist is said as such, not as an existing file.
    let nowhere = dir.path().join("khong-co/ke-hoach.toml");
    let out = kehoach(&["new", nowhere.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("không có tệp hoặc thư mục này") && !stderr.contains("tệp đã có"), "{stderr}");
}

#[test]
fn readme_lists_every_code() {
    let out = kehoach(&["codes"]);
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(read("README.md").contains(&table), "update the README with `kehoach codes`:\n{table}");
}

#[test]
fn unreadable_file_is_an_operational_error() {
    for args in [&["check", "khong-co-tep-nay.toml"][..], &["import", "khong-co-tep-nay.docx"]] {
        let out = kehoach(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("khong-co-tep-nay."), "{stderr}");
        // The cause in the reader's language, not the system's.
        assert!(stderr.contains("không có tệp hoặc thư mục này"), "{stderr}");
    }
}

#[test]
fn a_folder_without_plans_is_an_operational_error() {
    let empty = tempfile::tempdir().unwrap();
    std::fs::create_dir(empty.path().join("con")).unwrap();
    let folder = empty.path().to_str().unwrap();
    for args in [&["check", folder][..], &["render", folder, "-o", folder]] {
        let out = kehoach(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("không có kế hoạch nào"), "{args:?}");
    }
}

#[test]
fn usage_errors_speak_the_readers_language() {
    for (args, said) in [
        (
            &["render", "x.toml", "--to", "xyz"][..],
            "giá trị `xyz` không dùng được cho `--to <ĐỊNH_DẠNG>`; chọn một trong: docx, pdf",
        ),
        (&["frobnicate"], "không có lệnh `frobnicate`"),
        (&["check", "--bogus"], "không có tùy chọn `--bogus`"),
        (&["chek", "x.toml"], "không có lệnh `chek`\n  → có phải ý bạn là `check`?"),
        (&["render", "x.toml", "--too", "pdf"], "có phải ý bạn là `--to`?"),
        (&["--lang", "en", "rendr"], "did you mean `render`?"),
        (&["--lang", "en", "render", "x.toml", "--to", "xyz"], "`xyz` is not a value for `--to <TO>`"),
    ] {
        let out = kehoach(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(said), "{args:?}: {stderr}");
        assert!(stderr.contains("kehoach --help"), "{args:?}: {stderr}");
    }
}

#[test]
fn help_speaks_vietnamese_and_english_on_request() {
    let vi = String::from_utf8(kehoach(&["render", "--help"]).stdout).unwrap();
    assert!(vi.contains("Cách dùng:") && vi.contains("Tùy chọn:") && vi.contains("Trình bày kế hoạch"), "{vi}");
    // clap's own words too, in every command's short and long help.
    for args in
        [&["--help"][..], &["-h"], &["render", "--help"], &["render", "-h"], &["new", "--help"], &["check", "-h"]]
    {
        let vi = String::from_utf8(kehoach(args).stdout).unwrap();
        for english in ["[default:", "[possible values:", "[env:", "Possible values:", "[OPTIONS]", "COMMAND"] {
            assert!(!vi.contains(english), "{args:?} shows `{english}`:\n{vi}");
        }
    }
    let vi = String::from_utf8(kehoach(&["render", "--help"]).stdout).unwrap();
    assert!(vi.contains("[mặc định: docx,pdf] [giá trị: docx, pdf]") && vi.contains("[TÙY CHỌN]"), "{vi}");
    let en = String::from_utf8(kehoach(&["--lang", "en", "render", "--help"]).stdout).unwrap();
    assert!(en.contains("Usage:") && en.contains("Lay plans out as DOCX and PDF"), "{en}");
    // Parsing is unchanged by the translation.
    assert!(kehoach(&["--lang", "en", "check", "tests/fixtures/minimal.toml"]).status.success());
}

/// The pipeline flows one way (src/lib.rs): a module may use only modules of its
/// own layer or below. Each line is a layer, lowest first.
#[test]
fn stages_import_only_earlier_stages() {
    const LAYERS: &[&[&str]] = &[
        &["source", "diag", "vi", "layout", "fonts", "shaping", "atomic"],
        &["model"],
        &["load", "import", "templates", "document"],
        &["check", "compose", "conform"],
        &["export"],
        &["diff", "district"],
        &["serve"],
        &["cli", "lib", "main"],
    ];
    let layer = |m: &str| LAYERS.iter().position(|l| l.contains(&m));
    let re = regex::Regex::new(r"crate::([a-z_]+)").unwrap();
    let mut stack = vec![root().join("src")];
    let mut wrong = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(root().join("src")).unwrap().to_string_lossy().replace('\\', "/");
            let module = rel.split('/').next().unwrap().trim_end_matches(".rs").to_string();
            let own = layer(&module).unwrap_or_else(|| panic!("module `{module}` is in no layer of this test"));
            for c in re.captures_iter(&std::fs::read_to_string(&path).unwrap()) {
                let used = &c[1];
                if let Some(l) = layer(used).filter(|l| *l > own) {
                    wrong.push(format!("{rel} uses crate::{used} (layer {l} > {own})"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// The schema's hints are Vietnamese by default (the editor's completion shows
/// them to clerks), English with `--lang en`: every field has its translation,
/// and no translation names a field that is gone.
#[test]
fn every_schema_description_is_translated_once() {
    use kehoach::diag::Lang;
    let paths: std::collections::BTreeSet<String> = kehoach::model::description_paths().into_iter().collect();
    let translated: Vec<&str> = Lang::Vi.schema_paths().collect();
    let unique: std::collections::BTreeSet<String> = translated.iter().map(|k| k.to_string()).collect();
    assert_eq!(translated.len(), unique.len(), "a path translated twice");
    let missing: Vec<_> = paths.difference(&unique).collect();
    let stale: Vec<_> = unique.difference(&paths).collect();
    assert!(missing.is_empty() && stale.is_empty(), "untranslated {missing:?}; no such field {stale:?}");
    let en = kehoach(&["schema", "--lang", "en"]);
    let en = String::from_utf8(en.stdout).unwrap();
    assert!(en.contains("\"Short name for tables, e.g. \\\"Sở LĐTBXH\\\".\""), "{en}");
    assert!(!read("schema/plan.schema.json").contains("Short name for tables"));
}
