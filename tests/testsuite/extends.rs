//! District plans: `extends` merge rules, broken chains, traceability, trace/explain, new --from.

use crate::support::*;

use std::path::{Path, PathBuf};

/// A province plan and its folder; children are written beside it.
struct Tree {
    dir: tempfile::TempDir,
}

impl Tree {
    fn new() -> Tree {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("tinh")).unwrap();
        std::fs::create_dir_all(dir.path().join("huyen")).unwrap();
        std::fs::write(dir.path().join("tinh/tinh.toml"), minimal()).unwrap();
        Tree { dir }
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    fn root(&self) -> &str {
        self.dir.path().to_str().unwrap()
    }

    fn check(&self, path: &Path) -> (i32, Vec<serde_json::Value>) {
        let out = kehoach(&["check", "--format", "json", "--root", self.root(), path.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{stderr}"));
        (out.status.code().unwrap(), json.as_array().cloned().unwrap())
    }
}

/// A district plan with its own frame, extending the province.
fn child(extra: &str) -> String {
    format!(
        r#"extends = "../tinh/tinh.toml"

[document]
kind = "ke-hoach"
number = 12
date = 2023-04-20
place = "Mai Sơn"
summary = "Thực hiện công tác trẻ em trên địa bàn huyện năm 2023"

[issuer]
name = "Ủy ban nhân dân huyện Mai Sơn"

[recipients]
to = ["UBND tỉnh"]
archive = ["VT", "LĐTBXH"]

[signature]
collective = "Ủy ban nhân dân"
authority = "KT"
head = "Chủ tịch"
title = "Phó Chủ tịch"
name = "Lò Văn B"
{extra}"#
    )
}

fn files_of(d: &serde_json::Value) -> Vec<String> {
    d["labels"].as_array().unwrap().iter().map(|l| l["file"].as_str().unwrap_or("").to_string()).collect()
}

#[test]
fn district_inherits_and_overrides_by_id() {
    let t = Tree::new();
    let path = t.write(
        "huyen/huyen.toml",
        &child(
            r#"
[agencies.ldtbxh]
name = "Phòng Lao động - Thương binh và Xã hội"

[[objectives.indicators]]
id = "khai-sinh"
target = { unit = "%", milestones = { 2024 = 92, 2025 = 96 } }

[[objectives.indicators]]
id = "tiem-chung"
text = "Tỷ lệ trẻ em được tiêm chủng đầy đủ"
target = { value = 97, unit = "%" }
lead = "ldtbxh"
"#,
        ),
    );
    let (status, diags) = t.check(&path);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(status, 0);

    let mut map = kehoach::source::SourceMap::new();
    let (plan, _) = kehoach::check_file_in(&mut map, &path, t.dir.path()).unwrap();
    let plan = plan.unwrap();
    // Inherited by id, fields merged: the text from the province, the target from the district.
    let ind = &plan.objectives[0].indicators;
    assert_eq!(ind.len(), 2);
    assert_eq!(ind[0].text.as_str(), "Tỷ lệ trẻ em được đăng ký khai sinh");
    assert_eq!(*ind[0].target.as_ref().unwrap().milestones["2025"], 96.0);
    assert_eq!(ind[1].id.as_str(), "tiem-chung");
    // Tables merge: a renamed agency keeps the others.
    assert_eq!(plan.agencies["ldtbxh"].name, "Phòng Lao động - Thương binh và Xã hội");
    assert_eq!(plan.agencies["gddt"].name, "Sở Giáo dục và Đào tạo");
    // Not inherited: number and signature are the district's; the opening cites the province.
    assert_eq!(**plan.document.number.as_ref().unwrap(), 12);
    assert_eq!(plan.signature.name.as_str(), "Lò Văn B");
    assert_eq!(plan.bases.len(), 1);
    assert_eq!(
        plan.bases[0].as_str(),
        "Kế hoạch số 05/KH-UBND ngày 03/4/2023 của Ủy ban nhân dân tỉnh Sơn La về thực hiện công tác trẻ em năm 2023"
    );
    // Every merged value remembers its file.
    let file_of = |span| map.file(map.lookup(span).unwrap()).path.clone();
    assert!(file_of(ind[0].text.span).ends_with("tinh/tinh.toml"));
    assert!(file_of(ind[0].target.as_ref().unwrap().span).ends_with("huyen/huyen.toml"));
}

#[test]
fn errors_on_extends_cycle_with_both_files() {
    let t = Tree::new();
    let a = t.write("huyen/a.toml", &child("").replace("../tinh/tinh.toml", "b.toml"));
    t.write("huyen/b.toml", &child("").replace("../tinh/tinh.toml", "a.toml"));
    let (status, diags) = t.check(&a);
    assert_eq!(diags[0]["code"], "extends-cycle", "{diags:#?}");
    let files = files_of(&diags[0]);
    assert!(files.iter().any(|f| f.ends_with("a.toml")) && files.iter().any(|f| f.ends_with("b.toml")), "{files:?}");
    assert_eq!(status, 1);
}

#[test]
fn errors_on_missing_parent() {
    let t = Tree::new();
    let path = t.write("huyen/huyen.toml", &child("").replace("../tinh/tinh.toml", "../tinh/khong-co.toml"));
    let (status, diags) = t.check(&path);
    assert_eq!(diags[0]["code"], "extends-missing");
    assert_eq!(diags[0]["line"], 1);
    assert_eq!(status, 1);
}

#[test]
fn errors_on_parent_outside_the_folder_tree() {
    let t = Tree::new();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("x.toml"), minimal()).unwrap();
    let target = outside.path().join("x.toml");
    let path = t.write("huyen/huyen.toml", &child("").replace("../tinh/tinh.toml", target.to_str().unwrap()));
    let (status, diags) = t.check(&path);
    assert_eq!(diags[0]["code"], "extends-outside", "{diags:#?}");
    assert_eq!(status, 1);
    // Nothing was read from the file outside.
    assert!(!format!("{diags:?}").contains("Sơn La, ngày"));
}

#[test]
fn errors_on_type_mismatch_with_both_files() {
    let t = Tree::new();
    let path = t.write(
        "huyen/huyen.toml",
        &child("")
            .replace(
                "[issuer]\nname = \"Ủy ban nhân dân huyện Mai Sơn\"\n",
                "budget = \"không\"\n[issuer]\nname = \"Ủy ban nhân dân huyện Mai Sơn\"\n",
            )
            .replacen("budget = \"không\"\n", "", 1),
    );
    let text = std::fs::read_to_string(&path).unwrap().replacen("\n[document]", "budget = \"không\"\n\n[document]", 1);
    std::fs::write(&path, text).unwrap();
    let (status, diags) = t.check(&path);
    assert_eq!(diags[0]["code"], "extends-type", "{diags:#?}");
    let files = files_of(&diags[0]);
    assert!(files[0].ends_with("huyen.toml") && files[1].ends_with("tinh.toml"), "{files:?}");
    assert_eq!(status, 1);
}

#[test]
fn errors_on_override_of_unknown_id() {
    let t = Tree::new();
    let path = t.write(
        "huyen/huyen.toml",
        &child("\n[[objectives.indicators]]\nid = \"khai-sinhh\"\ntarget = { value = 90, unit = \"%\" }\n"),
    );
    let (status, diags) = t.check(&path);
    assert_eq!(diags[0]["code"], "trace-unknown-id", "{diags:#?}");
    assert!(diags[0]["notes"][0].as_str().unwrap().contains("khai-sinh"));
    assert_eq!(status, 1);
}

#[test]
fn warns_on_weaker_target_unless_noted() {
    let t = Tree::new();
    let weaker = "\n[[objectives.indicators]]\nid = \"khai-sinh\"\ntarget = { unit = \"%\", milestones = { 2024 = 80, 2025 = 95 } }\n";
    let path = t.write("huyen/huyen.toml", &child(weaker));
    let (status, diags) = t.check(&path);
    let found: Vec<_> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(found, ["trace-weaker-target"], "{diags:#?}");
    assert_eq!(files_of(&diags[0]).len(), 2);
    assert_eq!(status, 0);
    let noted = weaker.to_string() + "note = \"Địa bàn vùng cao, nhiều hộ ở xa điểm đăng ký\"\n";
    let path = t.write("huyen/huyen.toml", &child(&noted));
    assert!(t.check(&path).1.is_empty());
}

#[test]
fn warns_on_removed_indicator_without_note() {
    let t = Tree::new();
    let removed = "\n[[objectives.indicators]]\nid = \"khai-sinh\"\nremove = true\n";
    let path = t.write("huyen/huyen.toml", &child(removed));
    let codes: Vec<String> = t.check(&path).1.iter().map(|d| d["code"].as_str().unwrap().to_string()).collect();
    assert!(codes.contains(&"trace-removed".to_string()), "{codes:?}");
}

#[test]
fn diagnostic_on_inherited_value_points_at_the_parent() {
    let t = Tree::new();
    std::fs::write(t.dir.path().join("tinh/tinh.toml"), minimal().replace("lead = \"ldtbxh\"", "lead = \"ldtbx\""))
        .unwrap();
    let path = t.write("huyen/huyen.toml", &child(""));
    let (_, diags) = t.check(&path);
    let d = diags.iter().find(|d| d["code"] == "lead-unknown").expect("lead-unknown");
    assert!(d["file"].as_str().unwrap().ends_with("tinh/tinh.toml"));
    assert!(d["notes"].as_array().unwrap().iter().any(|n| n.as_str().unwrap().contains("kế thừa")));
}

#[test]
fn work_left_to_a_removed_agency_points_at_the_removal() {
    let t = Tree::new();
    // The commune drops a supporting department: named nowhere any more.
    let path = t.write("huyen/huyen.toml", &child("\n[agencies.gddt]\nremove = true\n"));
    let (_, diags) = t.check(&path);

    // It leaves the supporting agencies and its duty goes: a lead needs another agency.
    assert_eq!(diags.iter().filter(|d| d["code"] == "lead-unknown").count(), 0, "{diags:#?}");
    let leading = t.write("huyen/huyen.toml", &child("\n[agencies.ldtbxh]\nremove = true\n"));
    let (_, diags) = t.check(&leading);
    let d = diags.iter().find(|d| d["code"] == "lead-unknown").expect("lead-unknown");
    assert!(files_of(d).iter().any(|f| f.ends_with("huyen/huyen.toml")), "the removal is shown: {d}");
    assert!(d["notes"].to_string().contains("remove = true"), "{d}");

    // Given to another agency, the work no longer names it: no error.
    let reassigned = "\n[agencies.ldtbxh]\nremove = true\n\n[agencies.yte]\nname = \"Trạm Y tế xã\"\n\n[[objectives.indicators]]\nid = \"khai-sinh\"\nlead = \"yte\"\n\n[[duties]]\nagency = \"yte\"\nbody = \"- Chủ trì.\"\n\n[reporting]\nto = \"yte\"\n";
    let path = t.write("huyen/huyen.toml", &child(reassigned));
    let (_, diags) = t.check(&path);
    assert!(!diags.iter().any(|d| d["code"] == "lead-unknown"), "{diags:?}");

    // explain says where an agency went.
    let out = kehoach(&["explain", "--root", t.root(), path.to_str().unwrap(), "agencies.ldtbxh.name"]);
    let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("huyen.toml") && out.status.success(), "{text}");

    // A mistyped id is no removal: said, with the id meant.
    let typo = t.write("huyen/huyen.toml", &child("\n[agencies.gddtt]\nremove = true\n"));
    let (status, diags) = t.check(&typo);
    assert_eq!((status, diags[0]["code"].as_str()), (1, Some("trace-unknown-id")), "{diags:#?}");
    assert!(diags[0]["notes"].to_string().contains("gddt"), "{diags:#?}");
}

#[test]
fn trace_and_explain_show_values_and_files() {
    let t = Tree::new();
    let path = t.write(
        "huyen/huyen.toml",
        &child("\n[[objectives.indicators]]\nid = \"khai-sinh\"\ntarget = { unit = \"%\", milestones = { 2024 = 92, 2025 = 96 } }\n"),
    );
    let out = kehoach(&["trace", "--root", t.root(), path.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("khai-sinh") && text.contains("ghi đè"), "{text}");
    assert!(
        text.contains("90% vào năm 2024 và 95% vào năm 2025") && text.contains("92% vào năm 2024 và 96% vào năm 2025"),
        "{text}"
    );
    assert!(text.contains("tinh.toml:") && text.contains("huyen.toml:"), "{text}");

    let out =
        kehoach(&["explain", "--root", t.root(), path.to_str().unwrap(), "objectives.indicators.khai-sinh.target"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("2025 = 96"), "{text}");
    assert!(lines[1].contains("huyen.toml") && lines[2].contains("tinh.toml"), "{text}");

    // A child that gives only the value keeps the parent's unit: the value in force says so.
    let path = t.write(
        "huyen/huyen.toml",
        &child("\n[[objectives.indicators]]\nid = \"khai-sinh\"\ntarget = { value = 97 }\n"),
    );
    let out =
        kehoach(&["explain", "--root", t.root(), path.to_str().unwrap(), "objectives.indicators.khai-sinh.target"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let first = text.lines().next().unwrap_or_default();
    assert!(first.contains("value = 97") && first.contains("unit = \"%\""), "{text}");
    assert!(!first.contains("milestones"), "{text}");
    assert!(!first.contains("97.0"), "a number as a file writes it: {text}");

    // A dropped indicator: the parent's value is not in use, and where it was dropped is said.
    let path = t.write(
        "huyen/huyen.toml",
        &child("\n[[objectives.indicators]]\nid = \"khai-sinh\"\nremove = true\nnote = \"chưa có số liệu\"\n"),
    );
    let out =
        kehoach(&["explain", "--root", t.root(), path.to_str().unwrap(), "objectives.indicators.khai-sinh.target"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("đã bỏ ở") && text.contains("huyen.toml:") && text.contains("[không dùng]"), "{text}");
    assert!(!text.contains("giá trị dùng"), "{text}");
    // A list in every objective is all of them.
    let out =
        kehoach(&["explain", root().join("plans/son-la-2023-kh93.toml").to_str().unwrap(), "objectives.indicators"]);
    let first_line = String::from_utf8_lossy(&out.stdout).lines().next().unwrap_or("").to_string();
    assert_eq!(first_line.matches("id = ").count(), 20, "{first_line}");
    // trace gives the reason with the removal, and paths as a reader writes them.
    let out = kehoach(&["trace", "--root", t.root(), path.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("chưa có số liệu") && !text.contains("/../"), "{text}");
    // A key a child never inherits: the parent's is named, and why it is not this plan's.
    let out = kehoach(&["explain", "--root", t.root(), path.to_str().unwrap(), "closing"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("không kế thừa") && text.contains("tinh.toml:"), "{text}");
}

/// Two tiers: several departments' work went to one commune office. The scaffold says
/// which codes now share a name, and check finds the entries that would print twice.
#[test]
fn new_from_names_the_departments_merged_into_one_office() {
    let dir = tempfile::tempdir().unwrap();
    let child = dir.path().join("xa.toml");
    let parent = crate::support::root().join("plans/vinh-long-2021-2030-qd.toml");
    let out = kehoach(&[
        "new",
        child.to_str().unwrap(),
        "--from",
        parent.to_str().unwrap(),
        "--issuer",
        "Ủy ban nhân dân xã Long Hồ",
        "--date",
        "2026-01-10",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&child).unwrap();
    assert!(text.contains("`yte`, `gddt`") && text.contains("cùng thành \"Phòng Văn hóa - Xã hội\""), "{text}");
    let (_, diags) = crate::support::check_path(&child);
    assert!(diags.iter().any(|d| d["code"] == "duty-duplicate"), "{diags:#?}");
}

/// The province's place name in a renamed body and in the trích yếu becomes the
/// child's: "Huyện đoàn Mai Sơn", "… trên địa bàn huyện Mai Sơn …".
#[test]
fn new_from_puts_the_child_s_place_in_its_bodies_and_summary() {
    let parent = crate::support::root().join("plans/son-la-2023-kh93.toml");
    for (issuer, date, body, place) in [
        ("Ủy ban nhân dân huyện Mai Sơn", "2023-04-14", "Huyện đoàn Mai Sơn", "huyện Mai Sơn"),
        ("Ủy ban nhân dân xã Chiềng Mung", "2025-09-15", "Đoàn Thanh niên xã Chiềng Mung", "xã Chiềng Mung"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let child = dir.path().join(format!("{date}.toml"));
        let args =
            ["new", child.to_str().unwrap(), "--from", parent.to_str().unwrap(), "--issuer", issuer, "--date", date];
        let out = kehoach(&args);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let text = std::fs::read_to_string(&child).unwrap();
        assert!(text.contains(&format!("name = \"{body}\"")), "{text}");
        let summary = text.lines().find(|l| l.starts_with("summary = ")).unwrap();
        assert!(summary.contains(&format!("trên địa bàn {place} năm")) && !summary.contains("Sơn La"), "{summary}");
    }
    // A district's name on a date after districts were abolished: refused, as --level district is.
    let dir = tempfile::tempdir().unwrap();
    let child = dir.path().join("huyen.toml");
    let args = [
        "new",
        child.to_str().unwrap(),
        "--from",
        parent.to_str().unwrap(),
        "--issuer",
        "Ủy ban nhân dân huyện Mai Sơn",
        "--date",
        "2025-08-01",
    ];
    let out = kehoach(&args);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("không còn cấp huyện"));
    assert!(!child.exists());
}

#[test]
fn new_from_scaffolds_a_child_that_checks() {
    let t = Tree::new();
    let child_path = t.dir.path().join("huyen/moi.toml");
    let out = kehoach(&[
        "new",
        "--root",
        t.root(),
        child_path.to_str().unwrap(),
        "--from",
        t.dir.path().join("tinh/tinh.toml").to_str().unwrap(),
        "--issuer",
        "Ủy ban nhân dân huyện Mai Sơn",
        // Before July 2025: three tiers, a district plan by default.
        "--date",
        "2023-05-01",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&child_path).unwrap();
    assert!(text.contains("extends = \"../tinh/tinh.toml\""), "{text}");
    // The schema line resolves: the schema is written beside the plan.
    assert!(text.starts_with("#:schema plan.schema.json"), "{text}");
    assert!(child_path.with_file_name("plan.schema.json").exists());
    assert!(text.contains("Phòng Lao động - Thương binh và Xã hội"), "{text}");
    assert!(text.contains("# id = \"khai-sinh\""), "{text}");
    let (status, diags) = t.check(&child_path);
    assert!(diags.iter().all(|d| d["severity"] != "error"), "{diags:#?}");
    assert_eq!(status, 0);
    // Never over an existing file.
    let again = kehoach(&[
        "new",
        "--root",
        t.root(),
        child_path.to_str().unwrap(),
        "--from",
        t.dir.path().join("tinh/tinh.toml").to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&child_path).unwrap(), text);
}

#[test]
fn child_templates_layer_over_the_builtin_set() {
    let t = Tree::new();
    let path = t.write("huyen/huyen.toml", &child(""));
    std::fs::create_dir_all(t.dir.path().join("huyen/templates/ke-hoach")).unwrap();
    std::fs::write(
        t.dir.path().join("huyen/templates/ke-hoach/body.md"),
        "{% extends \"builtin/ke-hoach/body.md\" %}{% block preamble %}Căn cứ tình hình thực tế của huyện, Ủy ban nhân dân huyện ban hành kế hoạch như sau:{% endblock preamble %}",
    )
    .unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out = kehoach(&[
        "render",
        "--root",
        t.root(),
        path.to_str().unwrap(),
        "--to",
        "docx",
        "--explain-templates",
        "-o",
        out_dir.path().to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("ke-hoach/body.md ←") && stdout.contains("huyen/templates"), "{stdout}");
    assert!(stdout.contains("ke-hoach/duties.md ← có sẵn"), "{stdout}");
    let paragraphs = docx_paragraphs(&docx_part(&out_dir.path().join("huyen.docx"), "word/document.xml"));
    assert!(paragraphs.iter().any(|p| p.starts_with("Căn cứ tình hình thực tế của huyện")), "{paragraphs:#?}");
}

#[test]
fn district_samples_render_with_their_own_frame() {
    let dir = tempfile::tempdir().unwrap();
    let out = kehoach(&[
        "render",
        "--root",
        "plans",
        "plans/son-la-2023-kh93.toml",
        "plans/son-la",
        "--to",
        "docx",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let paragraphs = |name: &str| docx_paragraphs(&docx_part(&dir.path().join(name), "word/document.xml"));
    let office = paragraphs("phong-gddt-mai-son-2023.docx");
    for expected in
        ["UBND HUYỆN MAI SƠN", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "- Lưu: VT, TH."]
    {
        assert!(office.iter().any(|p| p == expected), "no `{expected}` in {office:#?}");
    }
    assert!(office.iter().any(|p| p.starts_with("Số: 112/KH-PGDĐT")));
    let district = paragraphs("huyen-mai-son-2023.docx");
    assert!(district.iter().any(|p| p == "HUYỆN MAI SƠN"), "{district:#?}");
    assert!(district
        .iter()
        .any(|p| p.contains("Kế hoạch số 93/KH-UBND ngày 03/4/2023 của Ủy ban nhân dân tỉnh Sơn La")));
    // A localised target keeps the province's unit.
    assert!(district.iter().any(|p| p.starts_with("- Chỉ tiêu 1:") && p.ends_with("đạt 68,2%.")), "{district:#?}");
    let commune = paragraphs("xa-chieng-mung-2023.docx");
    assert!(commune.iter().any(|p| p == "XÃ CHIỀNG MUNG"), "{commune:#?}");
    let header = docx_part(&dir.path().join("xa-chieng-mung-2023.docx"), "word/header3.xml");
    assert_eq!(docx_paragraphs(&header), ["DỰ THẢO"]);
}

#[test]
fn district_samples_check_clean() {
    for entry in std::fs::read_dir(root().join("plans/son-la")).unwrap() {
        let path = entry.unwrap().path();
        let (status, diags) = check_path_with(&path, &["--root", "plans"]);
        let errors: Vec<_> = diags.iter().filter(|d| d["severity"] == "error").collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        assert_eq!(status, 0);
    }
}

#[test]
fn an_id_written_twice_in_a_child_is_an_error_not_a_guess() {
    let t = Tree::new();
    let path = t.write(
        "huyen/huyen.toml",
        &child("\n[[objectives.indicators]]\nid = \"khai-sinh\"\nremove = true\nnote = \"x\"\n\n[[objectives.indicators]]\nid = \"khai-sinh\"\ntext = \"Lại\"\n"),
    );
    let (status, diags) = t.check(&path);
    assert_eq!(diags[0]["code"], "id-duplicate", "{diags:#?}");
    assert_eq!(status, 1);
    // Overridden twice: which value counts would be a guess; both places are shown.
    let twice = "\n[[objectives.indicators]]\nid = \"khai-sinh\"\ntarget = { value = 98 }\n\n[[objectives.indicators]]\nid = \"khai-sinh\"\ntarget = { value = 99 }\n";
    let path = t.write("huyen/huyen.toml", &child(twice));
    let (status, diags) = t.check(&path);
    assert_eq!(diags[0]["code"], "id-duplicate", "{diags:#?}");
    assert_eq!(diags[0]["labels"].as_array().unwrap().len(), 2, "{diags:#?}");
    assert_eq!(status, 1);
}

#[test]
fn a_child_value_replaces_the_parents_milestones_and_keeps_the_unit() {
    let t = Tree::new();
    let path = t.write(
        "huyen/huyen.toml",
        &child("\n[[objectives.indicators]]\nid = \"khai-sinh\"\ntarget = { value = 97 }\n"),
    );
    let mut map = kehoach::source::SourceMap::new();
    let (plan, _) = kehoach::check_file_in(&mut map, &path, t.dir.path()).unwrap();
    let target = plan.unwrap().objectives[0].indicators[0].target.clone().unwrap();
    assert_eq!(target.value.value, Some(97.0));
    assert!(target.value.milestones.is_empty());
    assert_eq!(target.value.unit, "%");
}

#[test]
fn a_child_can_drop_the_inherited_budget() {
    let t = Tree::new();
    let text = child("\n[budget]\nremove = true\n").replacen(
        "\n[document]",
        "\n[[sections]]\nid = \"kinh-phi\"\nremove = true\n\n[document]",
        1,
    );
    // The section list is an array of tables: written before [document] it stays top level.
    let path = t.write("huyen/huyen.toml", &text);
    let (status, diags) = t.check(&path);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(status, 0);
}

/// Since 1 July 2025 there is no district: a child of a provincial plan is a
/// commune, ward or special-zone plan, its agencies are the commune's offices
/// (short names too), and a district level is refused with the law that ended it.
#[test]
fn new_from_follows_two_tier_local_government_after_july_2025() {
    let t = Tree::new();
    let parent = t.dir.path().join("tinh/tinh.toml");
    // The province names the department short in tables: the commune's office must not inherit it.
    let province = std::fs::read_to_string(&parent).unwrap().replacen(
        "ldtbxh = { name = \"Sở Lao động - Thương binh và Xã hội\" }",
        "ldtbxh = { name = \"Sở Lao động - Thương binh và Xã hội\", short = \"Sở LĐTBXH\" }",
        1,
    );
    assert!(province.contains("short = \"Sở LĐTBXH\""));
    std::fs::write(&parent, province).unwrap();
    let child_path = t.dir.path().join("xa/xa.toml");
    std::fs::create_dir_all(child_path.parent().unwrap()).unwrap();
    let new = |level: Option<&str>, date: &str, path: &std::path::Path| {
        let mut args = vec!["new", "--root", t.root(), path.to_str().unwrap(), "--from", parent.to_str().unwrap()];
        args.extend(["--issuer", "Ủy ban nhân dân xã Chiềng Mung", "--date", date]);
        if let Some(level) = level {
            args.extend(["--level", level]);
        }
        kehoach(&args)
    };
    let out = new(None, "2026-01-15", &child_path);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&child_path).unwrap();
    assert!(text.contains("\ndate = 2026-01-15 "), "{text}");
    assert!(text.contains("name = \"Phòng Văn hóa - Xã hội\""), "{text}");
    assert!(!text.contains("Phòng Lao động"), "{text}");
    assert!(text.contains("short = \"Phòng Văn hóa - Xã hội\""), "{text}");
    let (status, diags) = t.check(&child_path);
    assert!(diags.iter().all(|d| d["severity"] != "error"), "{diags:#?}");
    assert_eq!(status, 0);
    // The district level no longer exists on that date.
    let refused = new(Some("district"), "2026-01-15", &t.dir.path().join("xa/huyen.toml"));
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("72/2025/QH15"), "{stderr}");
    assert!(!t.dir.path().join("xa/huyen.toml").exists());
}

/// A district plan that inherits the province's words about the province ("trên địa
/// bàn tỉnh") is warned, at the inherited text; rewriting the part clears it.
#[test]
fn inherited_prose_about_the_parent_level_is_warned() {
    let t = Tree::new();
    let province = std::fs::read_to_string(t.dir.path().join("tinh/tinh.toml")).unwrap().replacen(
        "- Tổ chức tuyên truyền.",
        "- Tổ chức tuyên truyền trên địa bàn tỉnh.",
        1,
    );
    std::fs::write(t.dir.path().join("tinh/tinh.toml"), &province).unwrap();
    let path = t.write("huyen/huyen.toml", &child(""));
    let (status, diags) = t.check(&path);
    let found: Vec<_> = diags.iter().filter(|d| d["code"] == "inherited-level").collect();
    assert_eq!(found.len(), 1, "{diags:#?}");
    assert!(files_of(found[0]).iter().any(|f| f.ends_with("tinh.toml")), "{found:#?}");
    assert_eq!(status, 0, "a warning");
    // The district writes that part for itself: nothing to warn about.
    let own = "\n[[sections]]\nid = \"noi-dung\"\ntitle = \"Nội dung\"\nbody = \"- Tổ chức tuyên truyền trên địa bàn huyện.\"\n";
    let path = t.write("huyen/huyen.toml", &child(own));
    let (_, diags) = t.check(&path);
    assert!(!diags.iter().any(|d| d["code"] == "inherited-level"), "{diags:#?}");
}

/// `new --from` a parent outside the new plan's folder: the parent is copied into
/// `cap-tren/` beside it, so the new plan checks on its own (a plan may only extend
/// what lies in its folder).
#[test]
fn new_from_a_parent_elsewhere_writes_a_plan_that_checks_on_its_own() {
    let t = Tree::new();
    let parent = t.dir.path().join("tinh/tinh.toml");
    let new = |child: &std::path::Path, issuer: &str| {
        let args = ["new", child.to_str().unwrap(), "--from", parent.to_str().unwrap(), "--issuer", issuer];
        let out = kehoach(&[&args[..], &["--date", "2026-01-15"]].concat());
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let child_path = t.dir.path().join("huyen/moi.toml");
    let said = new(&child_path, "Ủy ban nhân dân xã Chiềng Mung");
    let text = std::fs::read_to_string(&child_path).unwrap();
    assert!(text.contains("extends = \"cap-tren/tinh.toml\""), "{text}");
    assert!(t.dir.path().join("huyen/cap-tren/tinh.toml").exists());
    // No --root: the plan's own folder is all it may read.
    let check = kehoach(&["check", "--format", "json", child_path.to_str().unwrap()]);
    let diags: Vec<serde_json::Value> = serde_json::from_slice(&check.stdout).unwrap();
    assert!(diags.iter().all(|d| d["severity"] != "error"), "{diags:#?}");
    assert_eq!(check.status.code(), Some(0));
    // The copy is said, with the --root that extends the parent itself.
    assert!(said.contains("cap-tren/tinh.toml") && said.contains("--root"), "{said}");
    // A second commune beside the first shares the copy.
    let second = t.dir.path().join("huyen/thu-hai.toml");
    new(&second, "Ủy ban nhân dân xã Hát Lót");
    assert!(std::fs::read_to_string(&second).unwrap().contains("extends = \"cap-tren/tinh.toml\""));
}

/// A commune's new plan from a provincial one checks without errors: the date asked
/// for is its date, its place is the commune's name, and the parent's report
/// deadlines move to its year (one already past on its date is left for the clerk).
/// Without an issuer, the "…" it leaves to fill in are blanks that stop an issued plan.
#[test]
fn a_new_child_plan_checks_and_its_placeholders_are_blanks() {
    let parent = crate::support::root().join("plans/son-la-2023-kh93.toml");
    let dir = tempfile::tempdir().unwrap();
    let child = dir.path().join("xa.toml");
    let text = new_from(&child, &parent, &["--issuer", "Ủy ban nhân dân xã Chiềng Mung", "--date", "2025-09-15"]);
    for expected in [
        "\ndate = 2025-09-15 ",
        "\nplace = \"Chiềng Mung\" ",
        "\nperiod = [2025, 2025]\n",
        "\n  # { what = \"báo cáo 6 tháng\", before = 2025-05-10 },",
        "\n  { what = \"báo cáo năm\", before = 2025-11-05 },\n",
        "\nname = \"\" ",
    ] {
        assert!(text.contains(expected), "{expected:?}\n{text}");
    }
    let (_, diags) = crate::support::check_path(&child);
    assert!(diags.iter().all(|d| d["severity"] != "error"), "{diags:#?}");

    let unnamed = dir.path().join("chua-ten.toml");
    let text = new_from(&unnamed, &parent, &[]);
    let blanks = |diags: &[serde_json::Value]| -> Vec<(String, String)> {
        diags
            .iter()
            .filter(|d| d["code"] == "blank-field")
            .map(|d| (d["message"].as_str().unwrap().to_string(), d["severity"].as_str().unwrap().to_string()))
            .collect()
    };
    let (_, diags) = crate::support::check_path(&unnamed);
    let found = blanks(&diags);
    for key in ["`issuer.name`", "`document.place`", "`document.summary`", "`agencies.doan-thanh-nien.name`"] {
        assert!(found.iter().any(|(m, s)| m.contains(key) && s == "warning"), "{key}: {found:#?}");
    }
    // Issued as it is: each is an error, and the plan is not rendered.
    let issued = text.replace("status = \"draft\"", "number = 7").replace("\ndate = ", "\n# date = ");
    std::fs::write(&unnamed, issued.replacen("# date = …", "date = 2026-11-20", 1)).unwrap();
    let (_, diags) = crate::support::check_path(&unnamed);
    let found = blanks(&diags);
    for key in ["`issuer.name`", "`document.place`", "`document.summary`", "`agencies.doan-thanh-nien.name`"] {
        assert!(found.iter().any(|(m, s)| m.contains(key) && s == "error"), "{key}: {found:#?}");
    }
    let out = kehoach(&["render", unnamed.to_str().unwrap(), "-o", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stdout));
}

/// An office's parent body is its district's People's Committee, also when the
/// plan it adapts is the province's.
#[test]
fn a_new_office_plan_names_its_district_as_parent_body() {
    let parent = crate::support::root().join("plans/son-la-2023-kh93.toml");
    let dir = tempfile::tempdir().unwrap();
    let child = dir.path().join("phong.toml");
    let office = |issuer| ["--issuer", issuer, "--date", "2024-05-06", "--level", "office"];
    let text = new_from(&child, &parent, &office("Phòng Giáo dục và Đào tạo huyện Mai Sơn"));
    assert!(text.contains("parent = \"Ủy ban nhân dân huyện Mai Sơn\"\n"), "{text}");
    assert!(text.contains("place = \"Mai Sơn\""), "{text}");
    // A thị xã is one unit, not a "xã".
    let town = dir.path().join("thi-xa.toml");
    let text = new_from(&town, &parent, &office("Phòng Giáo dục và Đào tạo thị xã Mộc Châu"));
    assert!(text.contains("parent = \"Ủy ban nhân dân thị xã Mộc Châu\"\n"), "{text}");
}

/// Departments renamed to one office lead as one: after their duties are merged as
/// `check` advises (the others removed), the office's duty still names every
/// indicator any of them led.
#[test]
fn merged_duties_keep_every_lead_line() {
    let parent = crate::support::root().join("plans/son-la-2023-kh93.toml");
    let dir = tempfile::tempdir().unwrap();
    let child = dir.path().join("xa.toml");
    new_from(&child, &parent, &["--issuer", "Ủy ban nhân dân xã Chiềng Mung", "--date", "2025-09-15"]);
    let led = |path: &std::path::Path| -> std::collections::BTreeSet<u32> {
        let out_dir = tempfile::tempdir().unwrap();
        let out = kehoach(&["render", path.to_str().unwrap(), "--to", "docx", "-o", out_dir.path().to_str().unwrap()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
        let docx = out_dir.path().join(path.with_extension("docx").file_name().unwrap());
        let paragraphs = crate::support::docx_paragraphs(&crate::support::docx_part(&docx, "word/document.xml"));
        paragraphs
            .iter()
            .filter(|p| p.starts_with("- Chủ trì, phối hợp"))
            .filter_map(|p| p.split("chỉ tiêu ").nth(1))
            .flat_map(|n| n.split([',', ' ', 'v', 'à']).filter_map(|x| x.parse::<u32>().ok()).collect::<Vec<_>>())
            .collect()
    };
    let before = led(&child);
    assert!(!before.is_empty());
    // `ldtbxh`, `gddt`, `yte`, `vhttdl` all became "Phòng Văn hóa - Xã hội": keep the first.
    let text = std::fs::read_to_string(&child).unwrap();
    let merged = dir.path().join("gop.toml");
    let removed: String =
        ["gddt", "yte", "vhttdl"].iter().map(|a| format!("\n[[duties]]\nagency = \"{a}\"\nremove = true\n")).collect();
    std::fs::write(&merged, text + &removed).unwrap();
    let (_, diags) = crate::support::check_path(&merged);
    assert!(!diags.iter().any(|d| d["code"] == "duty-duplicate"), "{diags:#?}");
    assert_eq!(led(&merged), before);
}

/// A parent given as "../tinh/tinh.toml" from the new plan's folder: the copy note
/// names the folder that holds both ("..", not "."), and following it works.
#[test]
fn the_root_a_copied_parent_needs_is_the_folder_holding_both() {
    let t = Tree::new();
    let here = t.dir.path().join("huyen");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_kehoach")).args(args).current_dir(&here).output().unwrap()
    };
    let out = run(&["new", "moi.toml", "--from", "../tinh/tinh.toml", "--issuer", "Ủy ban nhân dân xã Chiềng Mung"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(said.contains("--root .. ") && said.contains("kehoach check --root .. moi.toml"), "{said}");
    std::fs::remove_file(here.join("moi.toml")).unwrap();
    let args = [
        "new",
        "--root",
        "..",
        "moi.toml",
        "--from",
        "../tinh/tinh.toml",
        "--issuer",
        "Ủy ban nhân dân xã Chiềng Mung",
    ];
    let out = run(&args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(said.contains("kehoach check --root .. moi.toml"), "{said}");
    assert!(std::fs::read_to_string(here.join("moi.toml")).unwrap().contains("extends = \"../tinh/tinh.toml\""));
    let out = run(&["check", "--root", "..", "moi.toml"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{said}");
    assert!(!said.contains("extends-outside"), "{said}");
}

/// Inherited text citing "chỉ tiêu 9" by the parent's numbering is warned at that
/// number when the child numbers the indicator otherwise (one before it removed);
/// numbers the child did not change are not.
#[test]
fn inherited_text_citing_a_renumbered_indicator_is_warned() {
    let (dir, _) = crate::support::son_la_folder();
    let child = dir.path().join("xa.toml");
    let removed = "\n[[objectives.indicators]]\nid = \"xa-phu-hop-tre-em\"\nremove = true\nnote = \"Không áp dụng.\"\n";
    let head = crate::support::SON_LA_CHILD;
    std::fs::write(&child, format!("{head}{removed}")).unwrap();
    let (_, diags) = crate::support::check_path(&child);
    let found: Vec<&serde_json::Value> = diags.iter().filter(|d| d["code"] == "inherited-number").collect();
    assert!(!found.is_empty(), "{diags:#?}");
    // Only numbers from the removed one (2) on moved.
    for d in &found {
        let number: usize = d["message"]
            .as_str()
            .unwrap()
            .split("chỉ tiêu ")
            .nth(1)
            .unwrap()
            .split(',')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(number >= 2, "{d:#?}");
    }
    let nine = found.iter().find(|d| d["message"].as_str().unwrap().contains("chỉ tiêu 9,")).expect("chỉ tiêu 9");
    assert!(nine["message"].as_str().unwrap().contains("là chỉ tiêu 8"), "{nine:#?}");
    assert!(nine["file"].as_str().unwrap().ends_with("tinh.toml"), "{nine:#?}");
    // Without the removal nothing is renumbered.
    std::fs::write(&child, head).unwrap();
    let (_, diags) = crate::support::check_path(&child);
    assert!(!diags.iter().any(|d| d["code"] == "inherited-number"), "{diags:#?}");
}

/// A child of a later year that inherits "năm 2023" from its parent's text is
/// warned there (in the parent's file), once per text; a child of the same year
/// is not, and neither is a date ("ngày 03 tháng 4 năm 2023") or a span of years.
#[test]
fn inherited_text_naming_the_parent_year_is_warned_in_a_later_plan() {
    let (dir, parent) = crate::support::son_la_folder();
    let text = std::fs::read_to_string(&parent).unwrap();
    let text = text.replacen(
        "- Tổ chức Tháng Hành động vì trẻ em,",
        "- Từ ngày 01 tháng 6 năm 2023, giai đoạn năm 2023 - 2025, tổ chức Tháng Hành động vì trẻ em,",
        1,
    );
    std::fs::write(&parent, text).unwrap();
    let child = dir.path().join("xa.toml");
    let head = crate::support::SON_LA_CHILD;
    let later = format!("{head}\n[document]\ndate = 2024-05-10\n");
    std::fs::write(&child, &later).unwrap();
    let (status, diags) = crate::support::check_path(&child);
    let found: Vec<&serde_json::Value> = diags.iter().filter(|d| d["code"] == "inherited-year").collect();
    assert!(found.len() >= 3, "{diags:#?}");
    for d in &found {
        assert!(d["file"].as_str().unwrap().ends_with("tinh.toml"), "{d:#?}");
        assert!(d["message"].as_str().unwrap().contains("năm 2024"), "{d:#?}");
    }
    // The changed line is warned at its own "năm 2023", not at the date or the span.
    let parent_text = std::fs::read_to_string(&parent).unwrap();
    let lines: Vec<&str> = parent_text.lines().collect();
    for d in &found {
        let line = lines[d["line"].as_u64().unwrap() as usize - 1];
        let column = d["column"].as_u64().unwrap() as usize - 1;
        let at: String = line.chars().skip(column).take("năm 2023".chars().count()).collect();
        assert_eq!(at, "năm 2023", "{d:#?}");
        let before: String = line.chars().take(column).collect();
        assert!(!before.trim_end().ends_with("tháng 6") && !before.trim_end().ends_with("giai đoạn"), "{d:#?}");
    }
    assert_ne!(status, 2);
    // The same year: nothing to warn about.
    std::fs::write(&child, format!("{head}\n[document]\ndate = 2023-05-10\n")).unwrap();
    let (_, diags) = crate::support::check_path(&child);
    assert!(!diags.iter().any(|d| d["code"] == "inherited-year"), "{diags:#?}");
    // Signed in January for the parent's year, as its period says: its year is 2023.
    std::fs::write(&child, format!("{head}\n[document]\ndate = 2024-01-10\nperiod = [2023, 2023]\n")).unwrap();
    let (_, diags) = crate::support::check_path(&child);
    assert!(!diags.iter().any(|d| d["code"] == "inherited-year"), "{diags:#?}");
}

/// `trace` on a plan that extends none says so and stops: it has nothing to compare.
#[test]
fn trace_of_a_plan_without_a_parent_is_refused() {
    let out = kehoach(&["trace", "plans/son-la-2023-kh93.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("không kế thừa kế hoạch nào"));
    assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));
}

/// A target written as a bare number where the parent has a table says how to write it.
#[test]
fn a_bare_target_over_a_table_shows_the_form() {
    let t = Tree::new();
    let path = t.write("huyen/huyen.toml", &child("\n[[objectives.indicators]]\nid = \"khai-sinh\"\ntarget = 98\n"));
    let (_, diags) = t.check(&path);
    let d = diags.iter().find(|d| d["code"] == "extends-type").expect("extends-type");
    assert!(d["notes"].to_string().contains("target = { value = 98"), "{d:#?}");
}
