//! Reproducers of the reliability campaign: no panic, no escape, no lost file, no
//! corrupt DOCX, no wrong output that `check` accepts, no hang.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::*;

/// The document part of a rendered DOCX, checked to be well-formed XML 1.0.
fn valid_xml(docx: &Path, part: &str) -> String {
    let xml = docx_part(docx, part);
    let mut reader = quick_xml::Reader::from_str(&xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{part} is not well-formed: {e}"),
        }
    }
    let forbidden =
        |c: char| (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}';
    assert!(!xml.chars().any(forbidden), "{part} holds a character XML 1.0 forbids");
    xml
}

#[test]
fn one_plan_that_breaks_the_pdf_backend_does_not_stop_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.toml");
    std::fs::write(&good, minimal()).unwrap();
    // Text that made typst/krilla panic (right-to-left mark, a Hebrew point after
    // a Latin letter, a pile of combining marks).
    for (name, text) in
        [("rlm", "ب \u{200F}"), ("point", "a\u{05B0} b"), ("marks", &format!("a{}", "\u{0301}".repeat(40_000)))]
    {
        let plan =
            edit(&minimal(), "summary = \"Thực hiện công tác trẻ em năm 2023\"", &format!("summary = \"{text}\""));
        std::fs::write(dir.path().join(format!("{name}.toml")), plan).unwrap();
    }
    let out_dir = dir.path().join("out");
    let out = kehoach(&["render", dir.path().to_str().unwrap(), "-o", out_dir.to_str().unwrap()]);
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!text.contains("panicked"), "{text}");
    assert_ne!(out.status.code(), Some(101), "{text}");
    assert!(out_dir.join("good.docx").exists() && out_dir.join("good.pdf").exists(), "{text}");
}

#[test]
fn xml_forbidden_characters_never_reach_the_docx() {
    // TOML escapes: a raw control character is a TOML error already.
    let plan = edit(&minimal(), "Thực hiện công tác trẻ em năm 2023", r"Kế hoạch \uFFFE\uFFFF năm 2023");
    let plan = edit(&plan, "- Phối hợp thực hiện.", r"- Phối hợp &#xFFFE; thực hiện \u0007.");
    let (_d, path) = plan_file("plan.toml", &plan);
    let (dir, status, text) = render(&path, &["--to", "docx"]);
    assert_eq!(status, 0, "{text}");
    let xml = valid_xml(&dir.path().join("plan.docx"), "word/document.xml");
    assert!(xml.contains("Kế hoạch năm 2023"), "the characters dropped, the words kept");
    valid_xml(&dir.path().join("plan.docx"), "docProps/core.xml");
}

#[test]
fn control_characters_in_author_do_not_corrupt_the_redline() {
    let dir = tempfile::tempdir().unwrap();
    let v1 = root().join("tests/fixtures/versions/v1.toml");
    let v2 = root().join("tests/fixtures/versions/v2.toml");
    let out = kehoach(&[
        "diff",
        v1.to_str().unwrap(),
        v2.to_str().unwrap(),
        "--redline",
        "--author",
        "Pháp chế\u{1}\u{FFFF}",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let xml = valid_xml(&dir.path().join("v2-redline.docx"), "word/document.xml");
    assert!(xml.contains(r#"w:author="Pháp chế""#));
}

#[test]
fn an_output_that_is_the_input_is_refused_and_the_input_kept() {
    let (dir, path) = plan_file("plan.docx", &minimal());
    let out = kehoach(&["render", path.to_str().unwrap(), "-o", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("tệp đầu vào"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), minimal());
}

#[cfg(unix)]
#[test]
fn a_template_linked_outside_its_folder_is_not_read() {
    let (dir, path) = plan_file("plan.toml", &minimal());
    let secret = tempfile::tempdir().unwrap();
    std::fs::write(secret.path().join("secret.md"), "MẬT KHẨU 1234").unwrap();
    std::fs::create_dir_all(dir.path().join("templates/ke-hoach")).unwrap();
    std::os::unix::fs::symlink(secret.path().join("secret.md"), dir.path().join("templates/ke-hoach/body.md")).unwrap();
    let out_dir = dir.path().join("out");
    let out = kehoach(&["render", path.to_str().unwrap(), "-o", out_dir.to_str().unwrap()]);
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("ra ngoài thư mục mẫu"), "{text}");
    assert!(!text.contains("MẬT KHẨU"));
    assert!(!out_dir.join("plan.docx").exists());
}

#[test]
fn extends_stays_in_the_plans_folder_by_default_and_never_prints_the_file() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join(".ssh")).unwrap();
    std::fs::write(home.path().join(".ssh/id_rsa"), "-----BEGIN KEY-----\nabc\n").unwrap();
    let downloads = home.path().join("Downloads");
    std::fs::create_dir_all(&downloads).unwrap();
    let plan = downloads.join("plan.toml");
    std::fs::write(&plan, format!("extends = \"../.ssh/id_rsa\"\n{}", minimal())).unwrap();
    // Run from the home folder: the working directory gives no licence.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["check", plan.to_str().unwrap()])
        .current_dir(home.path())
        .output()
        .unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("extends-outside"), "{text}");
    assert!(!text.contains("BEGIN KEY"), "{text}");
}

#[test]
fn extends_of_a_folder_is_a_located_diagnostic() {
    let (_d, path) = plan_file("plan.toml", &format!("extends = \".\"\n{}", minimal()));
    let (status, diags) = check_path(&path);
    assert_eq!(status, 1);
    assert_eq!(codes(&diags), vec![("extends-missing".to_string(), 1)]);
}

#[cfg(unix)]
#[test]
fn devices_and_pipes_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("plan.toml");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    for path in [fifo.as_path(), Path::new("/dev/zero")] {
        let start = Instant::now();
        let out = kehoach(&["check", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{}", path.display());
        assert!(String::from_utf8_lossy(&out.stderr).contains("không phải tệp thường"));
        assert!(start.elapsed() < Duration::from_secs(5));
    }
}

#[test]
fn a_file_over_the_size_limit_is_refused() {
    let big = format!("{}\n# {}\n", minimal(), "x".repeat(33 << 20));
    let (_d, path) = plan_file("plan.toml", &big);
    let out = kehoach(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("lớn hơn 32 MB"));
}

#[test]
fn budget_sources_without_a_total_are_printed() {
    let plan = edit(&minimal(), "total = 18_680_000_000\n", "");
    let (_d, path) = plan_file("plan.toml", &plan);
    let (dir, status, text) = render(&path, &["--to", "docx"]);
    assert_eq!(status, 0, "{text}");
    let paragraphs = docx_paragraphs(&docx_part(&dir.path().join("plan.docx"), "word/document.xml"));
    assert!(paragraphs.iter().any(|p| p == "- Ngân sách địa phương: 14.680.000.000 đồng;"), "{paragraphs:#?}");
}

#[test]
fn targets_that_cannot_print_are_errors() {
    for value in ["nan", "inf", "2e19"] {
        let plan = edit(&minimal(), "milestones = { 2024 = 90,", &format!("milestones = {{ 2024 = {value},"));
        let (status, diags) = check_text(&plan);
        assert_eq!(status, 1, "{value}");
        assert!(codes(&diags).iter().any(|(c, _)| c == "target-range"), "{value}: {diags:#?}");
    }
}

#[test]
fn a_blank_required_field_blocks_a_final_document_but_not_a_draft() {
    let plan = edit(&minimal(), "place = \"Sơn La\"", "place = \"  \"");
    // `check` says what `render` will do: a final document with a blank is refused.
    let (status, diags) = check_text(&plan);
    assert_eq!(status, 1, "an error in a final document");
    assert!(codes(&diags).iter().any(|(c, _)| c == "blank-field"));
    let draft = edit(&plan, "kind = \"ke-hoach\"", "kind = \"ke-hoach\"\nstatus = \"draft\"");
    let (status, diags) = check_text(&draft);
    assert_eq!(status, 0, "a warning while drafting");
    assert!(codes(&diags).iter().any(|(c, _)| c == "blank-field"));
    let (_d, path) = plan_file("plan.toml", &plan);
    let (dir, status, text) = render(&path, &[]);
    assert_eq!(status, 1, "{text}");
    assert!(!dir.path().join("plan.docx").exists());
    let (_dir, status, text) = render(&path, &["--draft"]);
    assert_eq!(status, 0, "{text}");
}

#[test]
fn a_part_that_prints_missing_content_is_an_error() {
    let plan = minimal();
    let start = plan.find("[reporting]").unwrap();
    let end = start + plan[start..].find("\n\n").unwrap();
    let plan = format!("{}{}", &plan[..start], &plan[end..]);
    let (status, diags) = check_text(&plan);
    assert_eq!(status, 1);
    assert!(codes(&diags).iter().any(|(c, _)| c == "content-missing"), "{diags:#?}");
}

#[test]
fn two_duties_for_one_agency_are_an_error() {
    let plan = edit(&minimal(), "[reporting]", "[[duties]]\nagency = \"gddt\"\n\n[reporting]");
    let (status, diags) = check_text(&plan);
    assert_eq!(status, 1);
    assert!(codes(&diags).iter().any(|(c, _)| c == "duty-duplicate"), "{diags:#?}");
    // Two codes, one name (departments renamed to the office that took their work):
    // the heading would print twice all the same.
    let plan = edit(
        &minimal(),
        "gddt = { name = \"Sở Giáo dục và Đào tạo\" }",
        "gddt = { name = \"Phòng Văn hóa - Xã hội\" }",
    );
    let plan = edit(
        &plan,
        "ldtbxh = { name = \"Sở Lao động - Thương binh và Xã hội\" }",
        "ldtbxh = { name = \"Phòng Văn hóa - Xã hội\" }",
    );
    let plan = edit(&plan, "[reporting]", "[[duties]]\nagency = \"ldtbxh\"\n\n[reporting]");
    let (_, diags) = check_text(&plan);
    let dup = diags.iter().find(|d| d["code"] == "duty-duplicate").expect("one name, two entries");
    assert!(dup.to_string().contains("`gddt` và `ldtbxh`"), "{dup}");
}

#[test]
fn a_rewritten_long_paragraph_diffs_in_bounded_time() {
    let words = |seed: u64| {
        let mut x = seed;
        (0..20_000)
            .map(|_| {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                ["một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám"][(x >> 60) as usize % 8]
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for (name, seed) in [("v1.toml", 1), ("v2.toml", 2)] {
        let plan = edit(&minimal(), "Thực hiện công tác trẻ em năm 2023", &words(seed));
        let path = dir.path().join(name);
        std::fs::write(&path, plan).unwrap();
        paths.push(path);
    }
    let start = Instant::now();
    let out = kehoach(&[
        "diff",
        paths[0].to_str().unwrap(),
        paths[1].to_str().unwrap(),
        "--redline",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(start.elapsed() < Duration::from_secs(10), "took {:?}", start.elapsed());
}

#[test]
fn text_the_pdf_must_adjust_is_a_located_warning() {
    let plan = edit(&minimal(), "Thực hiện công tác trẻ em năm 2023", "ب \u{200F} năm 2023");
    let (status, diags) = check_text(&plan);
    assert_eq!(status, 0, "a warning: {diags:#?}");
    assert_eq!(codes(&diags), vec![("text-pdf".to_string(), line_of(&plan, "ب"))]);
}

/// Inputs the fuzzer (fuzz/) found to crash a backend or take too long: each
/// renders or is reported within seconds, never a panic. They were written next to the Sơn La plans they extend.
#[test]
fn fuzz_reproducers_render_without_internal_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("son-la")).unwrap();
    std::fs::copy(root().join("plans/son-la-2023-kh93.toml"), dir.path().join("son-la-2023-kh93.toml")).unwrap();
    let huyen = dir.path().join("son-la/huyen-mai-son-2023.toml");
    std::fs::copy(root().join("plans/son-la/huyen-mai-son-2023.toml"), huyen).unwrap();
    let mut entries: Vec<_> = ["render", "check"]
        .iter()
        .flat_map(|t| std::fs::read_dir(root().join("fuzz/regressions").join(t)).unwrap())
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    assert!(!entries.is_empty());
    for input in entries {
        let plan = dir.path().join("son-la/plan.toml");
        std::fs::copy(&input, &plan).unwrap();
        let out_dir = dir.path().join("out");
        let root_dir = dir.path().to_str().unwrap();
        // As a final document (a clean plan renders) and as a draft (one with errors does).
        for draft in [&[][..], &["--draft"][..]] {
            let start = Instant::now();
            let mut args = vec!["render", "--root", root_dir, plan.to_str().unwrap(), "-o", out_dir.to_str().unwrap()];
            args.extend_from_slice(draft);
            let out = kehoach(&args);
            let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
            assert!(!text.contains("panicked") && !text.contains("lỗi bên trong"), "{}: {text}", input.display());
            assert!(matches!(out.status.code(), Some(0 | 1)), "{}: {text}", input.display());
            assert!(start.elapsed() < Duration::from_secs(5), "{}: {:?}", input.display(), start.elapsed());
        }
    }
}

/// Diff inputs the fuzzer found too slow (many entries removed and added, each
/// compared with each to find renamed ones): both policies report within seconds.
#[test]
fn fuzz_reproducers_diff_in_bounded_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut entries: Vec<_> =
        std::fs::read_dir(root().join("fuzz/regressions/diff")).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    assert!(!entries.is_empty());
    for input in entries {
        // Split as the fuzz target splits: at the first 0xFF, else in half.
        let bytes = std::fs::read(&input).unwrap();
        let (old, new) = match bytes.iter().position(|b| *b == 0xFF) {
            Some(i) => (&bytes[..i], &bytes[i + 1..]),
            None => bytes.split_at(bytes.len() / 2),
        };
        let (a, b) = (dir.path().join("old.toml"), dir.path().join("new.toml"));
        std::fs::write(&a, old).unwrap();
        std::fs::write(&b, new).unwrap();
        for tones in [&[][..], &["--tone-marks"][..]] {
            let start = Instant::now();
            let mut args = vec!["diff", a.to_str().unwrap(), b.to_str().unwrap(), "--format", "json"];
            args.extend_from_slice(tones);
            let out = kehoach(&args);
            let text = String::from_utf8_lossy(&out.stderr);
            assert!(matches!(out.status.code(), Some(0 | 1)), "{}: {text}", input.display());
            assert!(start.elapsed() < Duration::from_secs(5), "{}: {:?}", input.display(), start.elapsed());
        }
    }
}

/// Text the PDF must keep although a line or a page cannot hold it: a table row
/// taller than a page breaks across pages (typst cut off an unbreakable one), a
/// word longer than a line (a web address) breaks at the margin. Every word is
/// in the PDF, as in the DOCX.
#[test]
fn a_row_taller_than_a_page_and_a_word_longer_than_a_line_are_printed_whole() {
    require_tools!("pdftotext");
    let cell: String = (1..=300).map(|n| format!("Câu số {n} của ô rất dài. ")).collect();
    let url = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001234";
    let body = format!(
        "body = \"\"\"\nTra cứu tại {url} và trên Cổng.\n\n| STT | Nội dung |\n|---|---|\n| 1 | {cell}KẾT THÚC Ô |\n| 2 | Dòng sau |\n\"\"\""
    );
    let text = edit(
        &minimal(),
        "body = \"\"\"\n# 1. Tuyên truyền\n\n- Tổ chức tuyên truyền.\n\n# 2. Kiểm tra\n\n- Kiểm tra, giám sát.\n\"\"\"",
        &body,
    );
    let (_dir, plan) = plan_file("plan.toml", &text);
    let (out, code, log) = render(&plan, &["--to", "pdf,docx"]);
    assert_eq!(code, 0, "{log}");
    let pdf = pdf_text(&out.path().join("plan.pdf")).replace('\u{200B}', "");
    let words: String = pdf.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("Câu số 300 của ô rất dài. KẾT THÚC Ô") && words.contains("Dòng sau"), "{words}");
    assert!(words.replace(' ', "").contains(&url.replace(' ', "")), "{words}");
    let xml = docx_part(&out.path().join("plan.docx"), "word/document.xml");
    // The tall row may split; the row after it is kept whole.
    let row = |text: &str| {
        let at = xml.find(text).unwrap_or_else(|| panic!("{text} missing"));
        let start = xml[..at].rfind("<w:tr>").unwrap();
        xml[start..at].to_string()
    };
    assert!(!row("KẾT THÚC Ô").contains("<w:cantSplit/>"));
    assert!(row("Dòng sau").contains("<w:cantSplit/>"));
}

/// PDF/A records a creation date; a draft without a date gets a plain message.
#[test]
fn pdf_a_of_an_undated_draft_says_why_not() {
    let text = edit(&edit(&minimal(), "date = ", "# date = "), "period = ", "# period = ");
    let (_dir, plan) = plan_file("plan.toml", &text);
    let (_out, code, log) = render(&plan, &["--to", "pdf", "--pdf-a", "--draft"]);
    assert_eq!(code, 2, "{log}");
    assert!(log.contains("PDF/A") && log.contains("`date`") && !log.contains("missing document date"), "{log}");
}

/// A Word 97 file, an OpenDocument file, a web page or binary data given as a plan
/// is said as what it is, with what to do: not taken for text in an old encoding.
#[test]
fn documents_and_binary_data_given_as_a_plan_are_named_for_what_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 4] = [
        ("ke-hoach.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\xa9n", "Word 97-2003"),
        ("ke-hoach.odt", b"PK\x03\x04\x14\0\0\0mimetypeapplication/vnd.oasis.opendocument.text", "tệp nén"),
        (
            "ke-hoach.html",
            b"<!DOCTYPE html>\n<html><body><p>K\xe1\xba\xbf ho\xe1\xba\xa1ch</p></body></html>",
            "trang web",
        ),
        ("rac.toml", b"\x00\x9a\xa9\xae\xff\x00\x01garbage\xb8\xd8", "không phải tệp văn bản"),
    ];
    for (name, bytes, said) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = kehoach(&["check", path.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains(said) && !stderr.contains("TCVN3"), "{name}: {stderr}");
    }
    // A web page is not imported as text with its markup.
    let page = dir.path().join("ke-hoach.html");
    let out = kehoach(&["import", page.to_str().unwrap(), "-o", dir.path().join("out").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
}

/// An output that cannot be written is reported after the ones that were: the
/// DOCX written beside a PDF that failed is said, not left unmentioned.
#[test]
fn a_failed_output_is_reported_with_the_ones_written() {
    let dir = tempfile::tempdir().unwrap();
    let plan = root().join("tests/fixtures/minimal.toml");
    std::fs::create_dir_all(dir.path().join("minimal.pdf")).unwrap();
    let out = kehoach(&["render", plan.to_str().unwrap(), "-o", dir.path().to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stdout}");
    assert!(stdout.contains("minimal.docx"), "{stdout}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("minimal.pdf"));
    // One format named twice is one output.
    let twice = kehoach(&["render", plan.to_str().unwrap(), "--to", "docx,docx", "-o", dir.path().to_str().unwrap()]);
    assert_eq!(String::from_utf8_lossy(&twice.stdout).matches("minimal.docx").count(), 1);
}
