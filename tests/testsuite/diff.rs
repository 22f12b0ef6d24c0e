//! `kehoach diff`: the change list names exactly the edits; the redline accepts
//! to the new text and rejects to the old; the comparison table renders.

use crate::support::*;

use std::path::Path;

const V1: &str = "tests/fixtures/versions/v1.toml";
const V2: &str = "tests/fixtures/versions/v2.toml";

fn diff_json(args: &[&str]) -> (i32, Vec<serde_json::Value>) {
    let mut all = vec!["diff", "--format", "json"];
    all.extend_from_slice(args);
    let out = kehoach(&all);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let json: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|_| panic!("{stdout}{}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap(), json.as_array().cloned().unwrap())
}

/// The change list between two plan texts.
fn diff_texts(old: &str, new: &str) -> Vec<serde_json::Value> {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.toml"), dir.path().join("b.toml"));
    std::fs::write(&a, old).unwrap();
    std::fs::write(&b, new).unwrap();
    diff_json(&[a.to_str().unwrap(), b.to_str().unwrap()]).1
}

#[test]
fn change_list_names_exactly_the_edits() {
    let (status, changes) = diff_json(&[V1, V2]);
    assert_eq!(status, 0);
    let found: Vec<(String, String)> = changes
        .iter()
        .map(|c| (c["kind"].as_str().unwrap().to_string(), c["id"].as_str().unwrap_or("").to_string()))
        .collect();
    assert_eq!(
        found,
        [
            ("target-changed".to_string(), "xa-phu-hop-tre-em".to_string()),
            ("lead-changed".into(), "tiem-chung".into()),
            ("indicator-added".into(), "nuoc-sach-truong-hoc".into()),
            ("section-text".into(), "noi-dung-thuc-hien".into()),
            ("recipient-removed".into(), "".into()),
        ],
        "{changes:#?}"
    );
    // A target change is one entry, old → new; a renumbered indicator is no entry.
    assert_eq!(changes[0]["old"], "63,7%");
    assert_eq!(changes[0]["new"], "65%");
    assert_eq!(changes[1]["old"], "Sở Y tế");
    // Edited text is shown word by word.
    let added: String = changes[3]["words"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["mark"] == "added")
        .map(|w| w["text"].as_str().unwrap())
        .collect();
    assert_eq!(added, ", chỉ đạo");
    assert_eq!(changes[4]["old"], "Lãnh đạo Văn phòng UBND tỉnh");
}

/// Words set in italics, nothing else: one change that says so, not the part's
/// Markdown as a raw field.
#[test]
fn a_change_of_emphasis_alone_is_named_as_such() {
    let old = minimal();
    let new = edit(&old, "- Tổ chức tuyên truyền.", "- Tổ chức *tuyên truyền*.");
    let changes = diff_texts(&old, &new);
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(changes[0]["kind"], "format-changed");
    assert!(!changes[0].to_string().contains('*'), "{changes:#?}");
}

/// An indicator reworded, its target raised and a note added: the sentence is
/// one change, each side as that version prints it (the comparison table's
/// "current" column is the current text, old target and all), and the note is
/// its own change, not repeated under the sentence's words.
#[test]
fn an_indicator_edited_three_ways_lists_each_change_once() {
    let old = edit(
        &minimal(),
        "target = { unit = \"%\", milestones = { 2024 = 90, 2025 = 95 } }",
        "target = { value = 95, unit = \"%\" }",
    );
    let new = edit(
        &old,
        "text = \"Tỷ lệ trẻ em được đăng ký khai sinh\"",
        "text = \"Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh\"",
    );
    let new = edit(
        &new,
        "target = { value = 95, unit = \"%\" }",
        "target = { value = 97, unit = \"%\" }\nnote = \"Theo số liệu năm 2023\"",
    );
    let changes = diff_texts(&old, &new);
    let kinds: Vec<&str> = changes.iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["indicator-text", "note-changed"], "{changes:#?}");
    let sentence = &changes[0];
    assert!(sentence["old"].as_str().unwrap().ends_with("đăng ký khai sinh đạt 95%."), "{sentence:#?}");
    assert!(sentence["new"].as_str().unwrap().ends_with("đăng ký khai sinh đạt 97%."), "{sentence:#?}");
    let fields: Vec<&str> = sentence["fields"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
    assert!(fields.iter().any(|f| f.contains("text")) && fields.iter().any(|f| f.contains("target")), "{fields:?}");
    let changed_words: Vec<&str> = sentence["words"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w.get("mark").is_some())
        .map(|w| w["text"].as_str().unwrap())
        .collect();
    assert_eq!(changed_words, ["dưới 5 tuổi ", "95", "97"], "{changes:#?}");
    // The note is new: it explains the change it was written with, in the
    // reviewer's column, and is no part of its old or new text.
    assert_eq!(sentence["note"], "Theo số liệu năm 2023", "{changes:#?}");
    assert!(
        ![&sentence["old"], &sentence["new"]].iter().any(|t| t.to_string().contains("Theo số liệu")),
        "{changes:#?}"
    );
    // The target alone raised is a change of target.
    let raised = edit(&old, "target = { value = 95, unit = \"%\" }", "target = { value = 97, unit = \"%\" }");
    let kinds: Vec<String> =
        diff_texts(&old, &raised).iter().map(|c| c["kind"].as_str().unwrap().to_string()).collect();
    assert_eq!(kinds, ["target-changed"]);
    // A target given where there was none: a change of target too.
    let without = old.replacen("target = { value = 95, unit = \"%\" }\n", "", 1);
    let kinds: Vec<String> =
        diff_texts(&without, &old).iter().map(|c| c["kind"].as_str().unwrap().to_string()).collect();
    assert_eq!(kinds, ["target-changed"]);
}

/// Spaces added inside a paragraph: no change, not a change of format.
#[test]
fn spacing_alone_is_no_change() {
    let old = minimal();
    let new = edit(&old, "- Tổ chức tuyên truyền.", "- Tổ  chức   tuyên truyền.");
    let changes = diff_texts(&old, &new);
    assert!(changes.is_empty(), "{changes:#?}");
}

#[test]
fn tone_mark_variants_are_changes_only_on_request() {
    let (_, changes) = diff_json(&[V1, V2, "--tone-marks"]);
    assert_eq!(changes.len(), 6, "{changes:#?}");
    assert!(changes.iter().any(|c| c["words"].as_array().is_some_and(|w| w.iter().any(|s| s["text"] == "hoà"))));
}

#[test]
fn terminal_output_is_plain_when_piped() {
    let out = kehoach(&["diff", V1, V2]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Chỉ tiêu 1 (Mục tiêu 1): thay đổi mục tiêu"), "{text}");
    assert!(text.contains("{+, chỉ đạo+}"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour codes when piped");
    let en = kehoach(&["--lang", "en", "diff", V1, V2]);
    assert!(String::from_utf8_lossy(&en.stdout).contains("Indicator 1 (Objective 1): target changed"));
}

/// The text of each non-empty paragraph after accepting or rejecting every change.
fn resolve(xml: &str, accept: bool) -> Vec<String> {
    let re = |p: &str| regex::Regex::new(p).unwrap();
    let (drop, keep) = if accept { ("del", "ins") } else { ("ins", "del") };
    let mut x = re(&format!(r"<w:{drop}\b[^>]*/>")).replace_all(xml, "").into_owned();
    x = re(&format!(r"(?s)<w:{drop}\b[^>]*>.*?</w:{drop}>")).replace_all(&x, "").into_owned();
    x = re(&format!(r"<w:{keep}\b[^>]*/>")).replace_all(&x, "").into_owned();
    x = re(&format!(r"</?w:{keep}\b[^>]*>")).replace_all(&x, "").into_owned();
    x = x.replace("<w:delText", "<w:t").replace("</w:delText>", "</w:t>");
    docx_paragraphs(&x).into_iter().filter(|p| !p.is_empty()).collect()
}

fn rendered(plan: &str, dir: &Path) -> Vec<String> {
    let out = kehoach(&["render", plan, "--to", "docx", "-o", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let stem = Path::new(plan).file_stem().unwrap().to_str().unwrap();
    docx_paragraphs(&docx_part(&dir.join(format!("{stem}.docx")), "word/document.xml"))
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect()
}

#[test]
fn redline_accepts_to_the_new_text_and_rejects_to_the_old() {
    let dir = tempfile::tempdir().unwrap();
    let out = kehoach(&[
        "diff",
        V1,
        V2,
        "--redline",
        "--author",
        "Sở Tư pháp",
        "--date",
        "2023-04-10",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let redline = dir.path().join("v2-redline.docx");
    let xml = docx_part(&redline, "word/document.xml");
    assert!(xml.contains(r#"w:author="Sở Tư pháp""#) && xml.contains(r#"w:date="2023-04-10T00:00:00Z""#));
    assert!(xml.contains("<w:ins ") && xml.contains("<w:del ") && xml.contains("<w:delText"));
    assert_eq!(resolve(&xml, true), rendered(V2, dir.path()));
    // Under the default policy a tone-mark variant is no change: rejecting gives
    // the old text up to tone-mark placement; with --tone-marks, to the letter.
    let tone_free = |lines: Vec<String>| -> Vec<String> {
        lines
            .iter()
            .map(|l| l.split(' ').map(kehoach::diff::normalize::tone_key).collect::<Vec<_>>().join(" "))
            .collect()
    };
    assert_eq!(tone_free(resolve(&xml, false)), tone_free(rendered(V1, dir.path())));
    assert_ne!(resolve(&xml, false), rendered(V1, dir.path()), "v2 respells a word: the default policy keeps it");
    let exact = tempfile::tempdir().unwrap();
    let out = kehoach(&["diff", V1, V2, "--redline", "--tone-marks", "-o", exact.path().to_str().unwrap()]);
    assert!(out.status.success());
    let exact_xml = docx_part(&exact.path().join("v2-redline.docx"), "word/document.xml");
    assert_eq!(resolve(&exact_xml, true), rendered(V2, dir.path()));
    assert_eq!(resolve(&exact_xml, false), rendered(V1, dir.path()));
    // Revision ids are unique and the file opens in LibreOffice.
    let ids: Vec<&str> = regex::Regex::new(r#"<w:(?:ins|del) w:id="(\d+)""#)
        .unwrap()
        .captures_iter(&xml)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    let unique: std::collections::BTreeSet<_> = ids.iter().collect();
    assert_eq!(ids.len(), unique.len());
    require_tools!("soffice");
    libreoffice_pdf(&redline);
}

#[test]
fn comparison_table_renders_in_the_nd30_frame() {
    let dir = tempfile::tempdir().unwrap();
    let out = kehoach(&["diff", V1, V2, "--to", "docx,pdf", "-o", dir.path().to_str().unwrap()]);
    assert!(out.status.success());
    let docx = dir.path().join("v2-so-sanh.docx");
    let xml = docx_part(&docx, "word/document.xml").replace(" />", "/>");
    let paragraphs = docx_paragraphs(&xml);
    for expected in [
        "ỦY BAN NHÂN DÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "BẢNG SO SÁNH",
        "STT",
        "Nội dung hiện hành",
        "Nội dung đề xuất",
        "Ghi chú",
        "63,7%",
        "65%",
    ] {
        assert!(paragraphs.iter().any(|p| p == expected), "no `{expected}`: {paragraphs:#?}");
    }
    assert!(xml.contains("<w:strike/>") && xml.contains(r#"<w:u w:val="single"/>"#));
    require_tools!("soffice", "pdftotext");
    let lo = pdf_text(&libreoffice_pdf(&docx));
    assert!(lo.contains("BẢNG SO SÁNH"));
    let pdf = pdf_text(&dir.path().join("v2-so-sanh.pdf"));
    assert!(pdf.contains("Nội dung đề xuất") && pdf.contains("Lãnh đạo Văn phòng"));
}

#[test]
fn diff_outputs_are_byte_identical() {
    let run = || {
        let dir = tempfile::tempdir().unwrap();
        let out = kehoach(&["diff", V1, V2, "--to", "docx,pdf", "--redline", "-o", dir.path().to_str().unwrap()]);
        assert!(out.status.success());
        ["v2-so-sanh.docx", "v2-so-sanh.pdf", "v2-redline.docx"].map(|f| std::fs::read(dir.path().join(f)).unwrap())
    };
    assert_eq!(run(), run());
}

#[test]
fn refuses_plans_that_are_not_comparable() {
    let out = kehoach(&["diff", V1, "plans/vinh-long-2021-2030-qd.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("không so sánh được"));
    let text = read(V2).replacen("id = \"nuoc-sach-truong-hoc\"", "id = \"tiem-chung\"", 1);
    let (_d, dup) = plan_file("dup.toml", &text);
    let out = kehoach(&["diff", V1, dup.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn resolved_compares_a_district_with_its_province() {
    let out =
        kehoach(&["diff", "--root", "plans", "plans/son-la-2023-kh93.toml", "plans/son-la/huyen-mai-son-2023.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--resolved"));
    let (status, changes) = diff_json(&[
        "plans/son-la-2023-kh93.toml",
        "plans/son-la/huyen-mai-son-2023.toml",
        "--resolved",
        "--root",
        "plans",
    ]);
    assert_eq!(status, 0);
    assert!(changes.iter().any(|c| c["kind"] == "target-changed"), "{changes:#?}");
    assert!(changes.iter().any(|c| c["kind"] == "agency-renamed"));
    // Said as a reader sees the plans: agencies by name, not by their TOML key, and
    // no change for the parent the district extends (a file's path).
    let out = kehoach(&[
        "diff",
        "plans/son-la-2023-kh93.toml",
        "plans/son-la/huyen-mai-son-2023.toml",
        "--resolved",
        "--root",
        "plans",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Danh mục cơ quan: đổi tên cơ quan\n   [-Sở Tư pháp-]{+Phòng Tư pháp+}"), "{text}");
    assert!(!text.contains("tuphap") && !text.contains(".toml"), "{text}");
}

#[test]
fn an_indicator_moved_to_another_objective_is_a_move() {
    let with_second = |indicator_in_second: bool| {
        let base = minimal();
        let block = "[[objectives.indicators]]\nid = \"khai-sinh\"\ntext = \"Tỷ lệ trẻ em được đăng ký khai sinh\"\ntarget = { unit = \"%\", milestones = { 2024 = 90, 2025 = 95 } }\nlead = \"ldtbxh\"\nsupport = [\"gddt\"]\n";
        let without = base.replacen(block, "", 1);
        let second = "[[objectives]]\nid = \"tham-gia\"\ntitle = \"Về sự tham gia của trẻ em\"\n";
        let (first, second) = if indicator_in_second {
            (String::new(), format!("{second}\n{block}"))
        } else {
            (block.to_string(), second.to_string())
        };
        without.replacen(
            "title = \"Về bảo vệ trẻ em\"\n",
            &format!("title = \"Về bảo vệ trẻ em\"\n\n{first}\n{second}"),
            1,
        )
    };
    let (_a, old) = plan_file("old.toml", &with_second(false));
    let (_b, new) = plan_file("new.toml", &with_second(true));
    let (status, changes) = diff_json(&[old.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(status, 0);
    let kinds: Vec<&str> = changes.iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["indicator-moved"], "{changes:#?}");
    assert_eq!(changes[0]["old"], "Mục tiêu 1");
    assert_eq!(changes[0]["new"], "Mục tiêu 2");
}

/// Two indicators of one objective swapped: a move within the objective, not to
/// another one.
#[test]
fn indicators_swapped_in_their_objective_are_reordered() {
    let second = "[[objectives.indicators]]\nid = \"tiem-chung\"\ntext = \"Tỷ lệ trẻ em được tiêm chủng\"\ntarget = { value = 95, unit = \"%\" }\nlead = \"ldtbxh\"\n\n";
    let old = minimal().replacen("[[sections]]", &format!("{second}[[sections]]"), 1);
    let new = minimal().replacen(
        "[[objectives.indicators]]\nid = \"khai-sinh\"",
        &format!("{second}[[objectives.indicators]]\nid = \"khai-sinh\""),
        1,
    );
    assert_ne!(old, new);
    let changes = diff_texts(&old, &new);
    let kinds: Vec<&str> = changes.iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert!(!kinds.is_empty() && kinds.iter().all(|k| *k == "indicator-reordered"), "{changes:#?}");
}

/// Two versions of the minimal plan, the new one made by `edit`.
fn diff_edited(edit: impl Fn(String) -> String, extra: &[&str]) -> Vec<serde_json::Value> {
    let (_a, old) = plan_file("cu.toml", &minimal());
    let (_b, new) = plan_file("moi.toml", &edit(minimal()));
    let mut args = vec![old.to_str().unwrap(), new.to_str().unwrap()];
    args.extend_from_slice(extra);
    let (status, changes) = diff_json(&args);
    assert_eq!(status, 0);
    changes
}

#[test]
fn an_inserted_paragraph_is_one_change_and_markdown_reads_as_printed() {
    let changes = diff_edited(
        |p| p.replacen("- Tổ chức tuyên truyền.", "- Tổ chức tuyên truyền.\n- Mở **lớp tập huấn** mới.", 1),
        &[],
    );
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(changes[0]["old"], serde_json::Value::Null);
    // As the reader sees it: the list dash kept, no "**", located under its clause without "#".
    assert_eq!(changes[0]["new"], "- Mở lớp tập huấn mới.");
    assert!(changes[0]["provision"].as_str().unwrap().contains("1. Tuyên truyền"), "{changes:#?}");
    assert!(!changes[0]["provision"].as_str().unwrap().contains('#'));
}

#[test]
fn numbers_and_symbols_change_as_whole_tokens() {
    let with = |tail: &str| minimal().replacen("Tổ chức tuyên truyền.", &format!("Tổ chức tuyên truyền {tail}."), 1);
    let (_a, v1) = plan_file("a.toml", &with("đạt 96,5% theo 423-KH/TU"));
    let (_b, v2) = plan_file("b.toml", &with("đạt 95,8% theo 424-KH/TU"));
    let (_, list) = diff_json(&[v1.to_str().unwrap(), v2.to_str().unwrap()]);
    assert_eq!(list.len(), 1, "{list:#?}");
    let marked = |mark: &str| -> Vec<String> {
        list[0]["words"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|w| w["mark"] == mark)
            .map(|w| w["text"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(marked("removed"), ["96,5", "423-KH/TU"]);
    assert_eq!(marked("added"), ["95,8", "424-KH/TU"]);
}

#[test]
fn an_indicator_is_shown_as_printed_and_a_new_id_for_the_same_text_is_one_change() {
    let changes = diff_edited(|p| p.replacen("id = \"khai-sinh\"", "id = \"dang-ky-khai-sinh\"", 1), &[]);
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(changes[0]["kind"], "id-changed");
    assert!(changes[0]["provision"].as_str().unwrap().contains("`khai-sinh` → `dang-ky-khai-sinh`"));
    let edited = diff_edited(
        |p| p.replacen("Tỷ lệ trẻ em được đăng ký khai sinh", "Tỷ lệ trẻ em được đăng ký khai sinh đúng hạn", 1),
        &[],
    );
    assert_eq!(edited.len(), 1, "{edited:#?}");
    for c in edited {
        let text = c["new"].as_str().unwrap();
        assert!(!text.contains("{target}") && text.contains("90%"), "{c:#?}");
    }
}

#[test]
fn one_policy_for_list_table_and_redline_and_honest_dates() {
    let respell = |p: String| p.replacen("Tổ chức tuyên truyền.", "Tổ chức tuyên truyền hoà nhập.", 1);
    let (_a, old) =
        plan_file("cu.toml", &minimal().replacen("Tổ chức tuyên truyền.", "Tổ chức tuyên truyền hòa nhập.", 1));
    let (_b, new) = plan_file("moi.toml", &respell(minimal()));
    let dir = tempfile::tempdir().unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["diff", old.to_str().unwrap(), new.to_str().unwrap(), "--redline", "--to", "docx", "-o"];
        args.push(dir.path().to_str().unwrap());
        args.extend_from_slice(extra);
        assert!(kehoach(&args).status.success());
        let redline = docx_part(&dir.path().join("moi-redline.docx"), "word/document.xml");
        let table = docx_part(&dir.path().join("moi-so-sanh.docx"), "word/document.xml");
        (redline, table)
    };
    // Default: a tone-mark variant is no change anywhere.
    let (redline, table) = run(&[]);
    assert!(!redline.contains("<w:ins ") && !redline.contains("<w:del "));
    assert!(docx_paragraphs(&table).iter().any(|p| p == "Hai văn bản không khác nhau về nội dung."));
    // --tone-marks: a change in all three, the tracked change dated by the new plan.
    let (redline, table) = run(&["--tone-marks"]);
    assert!(redline.contains("<w:ins ") && redline.contains(r#"w:date="2023-04-03T00:00:00Z""#));
    assert!(!docx_paragraphs(&table).iter().any(|p| p == "Hai văn bản không khác nhau về nội dung."));
    let (_, list) = diff_json(&[old.to_str().unwrap(), new.to_str().unwrap(), "--tone-marks"]);
    assert_eq!(list.len(), 1);
    // An undated new version: tracked changes carry no date rather than an invented one,
    // and the table names the old version by number and date, the new one as a draft.
    let (_c, undated) = plan_file(
        "moi.toml",
        &respell(minimal()).replacen("date = 2023-04-03\n", "", 1).replacen("number = 5\n", "", 1),
    );
    let out = kehoach(&[
        "diff",
        old.to_str().unwrap(),
        undated.to_str().unwrap(),
        "--redline",
        "--tone-marks",
        "--to",
        "docx",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let redline = docx_part(&dir.path().join("moi-redline.docx"), "word/document.xml");
    assert!(redline.contains("<w:ins ") && !redline.contains("w:date="), "undated changes must carry no date");
    let table = docx_paragraphs(&docx_part(&dir.path().join("moi-so-sanh.docx"), "word/document.xml"));
    assert!(table.iter().any(|p| p == "(So với Kế hoạch số 05/KH-UBND ngày 03/4/2023)"), "{table:#?}");
    assert!(table.iter().any(|p| p.starts_with("Dự thảo kế hoạch thực hiện công tác trẻ em")), "{table:#?}");
}

#[test]
fn json_output_follows_its_committed_schema() {
    let out = kehoach(&["schema", "--diff"]);
    assert!(out.status.success());
    let schema = String::from_utf8(out.stdout).unwrap();
    assert_eq!(schema, read("schema/diff.schema.json"), "run: cargo run -- schema --diff > schema/diff.schema.json");
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let record = &schema["$defs"]["ChangeRecord"];
    let properties = record["properties"].as_object().unwrap();
    let kinds: Vec<&str> =
        schema["$defs"]["Kind"]["enum"].as_array().unwrap().iter().map(|k| k.as_str().unwrap()).collect();
    let (_, changes) = diff_json(&[V1, V2, "--tone-marks"]);
    for c in &changes {
        for key in c.as_object().unwrap().keys() {
            assert!(properties.contains_key(key), "`{key}` is not in the schema");
        }
        for key in record["required"].as_array().unwrap() {
            assert!(c.get(key.as_str().unwrap()).is_some(), "required `{key}` missing: {c:#?}");
        }
        assert!(kinds.contains(&c["kind"].as_str().unwrap()));
    }
}

/// A plan file against a Word or PDF document is compared as printed: the plan
/// against its own rendering shows no change, and an edit made to the document
/// is the one change found (not the ids and abbreviations of each side).
#[test]
fn a_plan_file_against_a_document_is_compared_as_printed() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().to_str().unwrap();
    let out = kehoach(&["render", V1, "-o", out_dir]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for ext in ["docx", "pdf"] {
        let printed = dir.path().join(format!("v1.{ext}"));
        let (status, changes) = diff_json(&[V1, printed.to_str().unwrap()]);
        assert_eq!((status, changes.len()), (0, 0), "{ext}: {changes:?}");
        let (_, changes) = diff_json(&[printed.to_str().unwrap(), V1]);
        assert!(changes.is_empty(), "{ext}, the other way round: {changes:?}");
    }
    // V2's rendering against V1, and against V1's rendering: the same changes as
    // V1 against V2, an inserted indicator renumbering nothing after it.
    let out = kehoach(&["render", V2, "--to", "docx", "-o", out_dir]);
    assert!(out.status.success());
    let (v1_docx, v2_docx) = (dir.path().join("v1.docx"), dir.path().join("v2.docx"));
    let (_, plans) = diff_json(&[V1, V2]);
    let what = |c: &[serde_json::Value]| {
        c.iter().map(|c| (c["kind"].to_string(), c["provision"].to_string())).collect::<Vec<_>>()
    };
    for pair in [[V1, v2_docx.to_str().unwrap()], [v1_docx.to_str().unwrap(), v2_docx.to_str().unwrap()]] {
        let (_, mixed) = diff_json(&pair);
        assert_eq!(what(&mixed), what(&plans), "{pair:?}: {mixed:#?}");
    }
    let note = kehoach(&["diff", V1, dir.path().join("v2.docx").to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&note.stderr).contains("theo nội dung in ra"));
}

/// A change in a footnote is placed where the footnote is cited, and says so.
#[test]
fn a_footnote_change_is_placed_where_it_is_cited() {
    let old = read("plans/quang-ninh-2024-ct28.toml");
    let from = "156/KH-UBND ngày 23/8/2021 thực hiện Chương trình";
    assert_eq!(old.matches(from).count(), 1);
    let (_d, new) = plan_file("ct28.toml", &old.replace(from, "157/KH-UBND ngày 23/8/2021 thực hiện Chương trình"));
    let (_, changes) = diff_json(&["plans/quang-ninh-2024-ct28.toml", new.to_str().unwrap()]);
    assert_eq!(changes.len(), 1, "{changes:#?}");
    let provision = changes[0]["provision"].as_str().unwrap();
    assert!(provision.contains("mục 3.") && provision.ends_with("chú thích 1"), "{provision}");
}

/// A mistyped `--date` is refused before the change list is printed.
#[test]
fn a_mistyped_redline_date_is_refused_first() {
    let dir = tempfile::tempdir().unwrap();
    let out = kehoach(&["diff", V1, V2, "--redline", "--date", "2023-13-45", "-o", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stderr).contains("2023-13-45"));
}

/// A cost estimate's row reworded: the row as the reader finds it (what, amount,
/// source), in the appendix named by its title; no field names, no ids.
#[test]
fn a_cost_row_of_an_appendix_reads_as_printed() {
    let (_, changes) =
        diff_json(&["tests/fixtures/versions/appendices-v1.toml", "tests/fixtures/versions/appendices-v2.toml"]);
    assert_eq!(changes.len(), 3, "{changes:#?}");
    let first = changes[0].to_string();
    assert!(first.contains("Dự toán kinh phí thực hiện Kế hoạch"), "{first}");
    assert!(first.contains("1.868.000.000 đồng (Ngân sách tỉnh)"), "{first}");
    assert!(!first.contains("amount") && !first.contains("source:") && !first.contains('`'), "{first}");
}

#[test]
fn a_changed_drafters_mark_is_one_change() {
    let base = minimal().replacen("archive = [\"VT\", \"KGVX\"]", "archive = [\"VT\", \"KGVX\"]\ndrafter = \"DS\"", 1);
    let (_a, old) = plan_file("old.toml", &base);
    let (_b, new) = plan_file("new.toml", &base.replacen("drafter = \"DS\"", "drafter = \"PL.(300)\"", 1));
    let (status, changes) = diff_json(&[old.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(status, 0);
    let kinds: Vec<&str> = changes.iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["drafter-changed"], "{changes:#?}");
}

/// A district plan and a commune plan that extends it, their province out of
/// reach: the district's problem (it extends the province) is said once.
#[test]
fn a_shared_parents_problem_is_said_once() {
    let out = kehoach(&["diff", "plans/son-la/huyen-mai-son-2023.toml", "plans/son-la/xa-chieng-mung-2023.toml"]);
    assert_eq!(out.status.code(), Some(1));
    // The inputs' problems are on stderr, apart from the changes.
    let text = String::from_utf8_lossy(&out.stderr);
    assert_eq!(text.matches("error[extends-outside]").count(), 1, "{text}");
}

/// A child plan's reason for dropping an inherited indicator (`remove = true` with
/// a `note`) is the removal's note: in the list, the JSON and the comparison table.
#[test]
fn a_removed_indicators_reason_goes_with_its_removal() {
    let (dir, parent) = crate::support::son_la_folder();
    let child = dir.path().join("xa.toml");
    let reason = "Chỉ tiêu tính trên số xã của tỉnh, không áp dụng cho một xã.";
    let removed =
        format!("\n[[objectives.indicators]]\nid = \"xa-phu-hop-tre-em\"\nremove = true\nnote = \"{reason}\"\n");
    std::fs::write(&child, format!("{}{removed}", crate::support::SON_LA_CHILD)).unwrap();
    let (status, changes) = diff_json(&[parent.to_str().unwrap(), child.to_str().unwrap(), "--resolved"]);
    assert_eq!(status, 0);
    let removed = changes.iter().find(|c| c["kind"] == "indicator-removed").expect("the removal");
    assert_eq!(removed["note"], reason, "{removed:#?}");
    let out_dir = tempfile::tempdir().unwrap();
    let args = [parent.to_str().unwrap(), child.to_str().unwrap(), "--resolved", "--to", "docx"];
    let out = kehoach(&["diff", args[0], args[1], args[2], args[3], args[4], "-o", out_dir.path().to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stdout).contains(reason), "{}", String::from_utf8_lossy(&out.stdout));
    let table = std::fs::read_dir(out_dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "docx"));
    let xml = docx_part(&table.expect("the comparison table"), "word/document.xml");
    assert!(xml.contains(reason), "the table's Ghi chú");
}

/// Two versions of one child plan are compared as merged without --resolved: the
/// note says so, and the change is the one made.
#[test]
fn two_versions_of_a_child_plan_compare_as_merged() {
    let (dir, _) = crate::support::son_la_folder();
    let head = crate::support::SON_LA_CHILD;
    let (v1, v2) = (dir.path().join("v1.toml"), dir.path().join("v2.toml"));
    std::fs::write(&v1, head).unwrap();
    std::fs::write(&v2, head.replace("Lò Văn Hùng", "Lò Thị Hoa")).unwrap();
    let out = kehoach(&["diff", "--format", "json", v1.to_str().unwrap(), v2.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--resolved"));
    let changes: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert!(changes[0].to_string().contains("Lò Thị Hoa"), "{changes:#?}");
}
