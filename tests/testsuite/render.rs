//! `kehoach render`: the DOCX read back against nd30.md, LibreOffice as the real
//! client, the PDF's text and fonts, determinism, drafts and hostile text.

use crate::support::*;

use std::path::{Path, PathBuf};
use std::process::Command;

use kehoach::document::{plain_text, Block};

const SON_LA: &str = "plans/son-la-2023-kh93.toml";

/// Renders a plan (both formats) and returns (folder, docx, pdf).
fn render_both(plan: &Path, extra: &[&str]) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let (dir, status, text) = render(plan, extra);
    assert_eq!(status, 0, "{text}");
    let stem = plan.file_stem().unwrap().to_str().unwrap().to_string();
    let docx = dir.path().join(format!("{stem}.docx"));
    let pdf = dir.path().join(format!("{stem}.pdf"));
    assert!(docx.exists() && pdf.exists(), "{text}");
    (dir, docx, pdf)
}

/// Every paragraph and frame line of the built document, as the library builds it.
fn document_texts(plan: &str) -> Vec<String> {
    let mut map = kehoach::source::SourceMap::new();
    let (plan, _) = kehoach::check_file(&mut map, &root().join(plan)).unwrap();
    let templates = kehoach::templates::Templates::builtin().unwrap();
    let doc = kehoach::compose::compose(&plan.unwrap(), &templates, false).unwrap();
    let mut out = Vec::new();
    for part in &doc.parts {
        if let Some(h) = &part.header {
            out.extend(h.issuer.iter().map(|l| plain_text(l)));
            out.extend(h.number.iter().map(|l| plain_text(l)));
            out.extend(h.place_date.iter().map(|l| plain_text(l)));
        }
        out.push(plain_text(&part.title.kind));
        for b in &part.body {
            match b {
                Block::Heading { content, .. } | Block::Paragraph { content } | Block::Centered { content } => {
                    out.push(plain_text(content))
                }
                Block::Table(t) => out.extend(t.rows.iter().flatten().map(|c| plain_text(c))),
            }
        }
        if let Some(c) = &part.closing {
            out.extend(c.recipients.iter().map(|l| plain_text(l)));
            out.extend(c.authority.iter().map(|l| plain_text(l)));
            out.push(plain_text(&c.name));
        }
    }
    out
}

/// Text without white space, hyphens and page-number lines, for comparing
/// across line breaks (pdftotext drops a line-final " -").
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '-' && *c != '\u{a0}').collect()
}

fn without_page_numbers(text: &str) -> String {
    text.split('\u{c}')
        .enumerate()
        .map(|(i, page)| {
            if i == 0 {
                return page.to_string();
            }
            let mut lines = page.lines();
            let first = lines.by_ref().find(|l| !l.trim().is_empty()).unwrap_or("");
            let rest: Vec<&str> = lines.collect();
            if first.trim() == (i + 1).to_string() {
                rest.join("\n")
            } else {
                page.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The XML of the paragraph style `paragraph` names and of each style it is based on.
fn style_chain(styles: &str, paragraph: &str) -> String {
    let id = regex::Regex::new(r#"<w:(?:pStyle|basedOn) w:val="([^"]+)"/>"#).unwrap();
    let mut out = String::new();
    let mut next = id.captures(paragraph).map(|c| c[1].to_string());
    while let Some(name) = next.take() {
        let start = styles.find(&format!(r#"w:styleId="{name}""#)).unwrap_or_else(|| panic!("no style {name}"));
        let style = &styles[start..start + styles[start..].find("</w:style>").unwrap()];
        out.push_str(style);
        next = id.captures(style).map(|c| c[1].to_string());
    }
    out
}

#[test]
fn docx_follows_nd30_figures() {
    let (_dir, docx, _) = render_both(&root().join(SON_LA), &["--to", "docx,pdf"]);
    let xml = docx_part(&docx, "word/document.xml").replace(" />", "/>");
    // A4 portrait and margins inside the decree's ranges.
    assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "page size");
    let margin = |name: &str| -> i32 {
        let re = regex::Regex::new(&format!(r#"w:{name}="(\d+)""#)).unwrap();
        re.captures(xml.split("<w:pgMar").nth(1).unwrap()).unwrap()[1].parse().unwrap()
    };
    let mm = |tw: i32| tw as f32 / 56.693;
    assert!((19.9..=25.1).contains(&mm(margin("top"))));
    assert!((19.9..=25.1).contains(&mm(margin("bottom"))));
    assert!((29.9..=35.1).contains(&mm(margin("left"))));
    assert!((14.9..=20.1).contains(&mm(margin("right"))));
    // A different first page, and the PAGE field in the default header.
    assert!(xml.contains("<w:titlePg"), "titlePg");
    let headers: Vec<String> =
        docx_part_names(&docx).iter().filter(|n| n.starts_with("word/header")).map(|n| docx_part(&docx, n)).collect();
    assert!(headers.iter().any(|h| h.contains("PAGE")), "PAGE field");
    // Times New Roman by default, Vietnamese language.
    let styles = docx_part(&docx, "word/styles.xml").replace(" />", "/>");
    assert!(styles.contains(r#"w:ascii="Times New Roman""#));
    assert!(styles.contains(r#"<w:lang w:val="vi-VN""#));

    let paragraphs = docx_paragraphs(&xml);
    for expected in [
        "ỦY BAN NHÂN DÂN",
        "TỈNH SƠN LA",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 93/KH-UBND",
        "Sơn La, ngày 03 tháng 4 năm 2023",
        "KẾ HOẠCH",
        "Nơi nhận:",
        "- Lưu: VT, KGVX, Phương.",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH THƯỜNG TRỰC",
        "Tráng Thị Xuân",
    ] {
        assert!(paragraphs.iter().any(|p| p == expected), "no paragraph `{expected}`");
    }
    // Sizes and styles per element: find the paragraph, read its run properties.
    let run_props = |text: &str| -> String {
        let re = regex::Regex::new(r"(?s)<w:p[ >].*?</w:p>").unwrap();
        let p = re
            .find_iter(&xml)
            .map(|m| m.as_str())
            .find(|p| docx_paragraphs(p).first().map(|s| s.as_str()) == Some(text));
        let p = p.unwrap_or_else(|| panic!("`{text}`"));
        // What the paragraph shows: its own properties and its style's, as Word resolves them.
        format!("{p}{}", style_chain(&styles, p))
    };
    let has = |text: &str, props: &[&str]| {
        let p = run_props(text);
        for prop in props {
            assert!(p.contains(prop), "`{text}` lacks {prop}: {p}");
        }
    };
    has("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", &[r#"<w:sz w:val="26"/>"#, "<w:b/>"]);
    has("Độc lập - Tự do - Hạnh phúc", &[r#"<w:sz w:val="28"/>"#, "<w:b/>"]);
    // The rule under the motto: the next paragraph's bottom border, as long as the motto
    // (60,5 mm at 14 pt bold, nd30.md §2.3) in the 99,5 mm column.
    let after_motto = xml.split("Độc lập - Tự do - Hạnh phúc").nth(1).unwrap();
    let rule = after_motto.split("</w:p>").nth(1).unwrap();
    let rule_props = format!("{rule}{}", style_chain(&styles, rule));
    assert!(rule_props.contains("<w:bottom ") && rule_props.contains(r#"w:val="single""#), "{rule_props}");
    let ind = |k: &str| -> f32 {
        let re = regex::Regex::new(&format!(r#"w:{k}="(\d+)""#)).unwrap();
        re.captures(rule.split("<w:ind").nth(1).unwrap()).unwrap()[1].parse::<f32>().unwrap() / 56.693
    };
    let length = kehoach::layout::HEADER_RIGHT_MM - ind("left") - ind("right");
    assert!((length - 60.5).abs() < 0.7, "motto rule {length} mm");
    has("ỦY BAN NHÂN DÂN", &[r#"<w:sz w:val="26"/>"#, "<w:b/>"]);
    has("Số: 93/KH-UBND", &[r#"<w:sz w:val="26"/>"#]);
    has("Sơn La, ngày 03 tháng 4 năm 2023", &[r#"<w:sz w:val="28"/>"#, "<w:i/>"]);
    has("KẾ HOẠCH", &[r#"<w:sz w:val="28"/>"#, "<w:b/>", r#"<w:jc w:val="center"/>"#]);
    has("Nơi nhận:", &[r#"<w:sz w:val="24"/>"#, "<w:b/>", "<w:i/>"]);
    has("- Lưu: VT, KGVX, Phương.", &[r#"<w:sz w:val="22"/>"#]);
    has("KT. CHỦ TỊCH", &[r#"<w:sz w:val="28"/>"#, "<w:b/>"]);
    has("Tráng Thị Xuân", &[r#"<w:sz w:val="28"/>"#, "<w:b/>"]);
    has("I. MỤC TIÊU", &["<w:b/>", r#"<w:sz w:val="28"/>"#]);
    // Body: justified, 1.27 cm first line, ≥ 6 pt after, 1.15 lines.
    let body = paragraphs.iter().find(|p| p.starts_with("- Chỉ tiêu 1:")).expect("indicator line");
    has(body, &[r#"<w:jc w:val="both"/>"#, r#"w:firstLine="720""#, r#"w:after="120""#, r#"w:line="276""#]);
    // The content ends "./.".
    let last_body = paragraphs.iter().rev().find(|p| p.ends_with("./.")).expect("./.");
    assert!(last_body.starts_with("Trên đây là"), "{last_body}");
    // Header and closing are borderless two-column tables: each of the six table borders
    // is nil, and no cell draws a border of its own.
    let tables: Vec<&str> =
        regex::Regex::new(r"(?s)<w:tbl>.*?</w:tbl>").unwrap().find_iter(&xml).map(|m| m.as_str()).collect();
    assert_eq!(tables.len(), 2);
    let edge = regex::Regex::new(r#"<w:(\w+) w:val="(\w+)""#).unwrap();
    for table in tables {
        let borders = table.split("<w:tblBorders>").nth(1).and_then(|b| b.split("</w:tblBorders>").next());
        let borders = borders.unwrap_or_else(|| panic!("no w:tblBorders: {table}"));
        let edges: Vec<(&str, &str)> =
            edge.captures_iter(borders).map(|c| (c.get(1).unwrap().as_str(), c.get(2).unwrap().as_str())).collect();
        let nil = ["top", "left", "bottom", "right", "insideH", "insideV"].map(|e| (e, "nil"));
        assert_eq!(edges, nil, "{borders}");
        assert!(!table.contains("<w:tcBorders"), "a cell border: {table}");
    }
}

#[test]
fn libreoffice_opens_the_docx_and_shows_every_indicator() {
    require_tools!("soffice", "pdftotext");
    let (_dir, docx, _) = render_both(&root().join(SON_LA), &[]);
    let pdf = libreoffice_pdf(&docx);
    let text = squash(&without_page_numbers(&pdf_text(&pdf)));
    let plan = read(SON_LA);
    let indicators: Vec<String> = document_texts(SON_LA).into_iter().filter(|t| t.starts_with("- Chỉ tiêu")).collect();
    assert_eq!(indicators.len(), 20, "{plan:.0}");
    for i in indicators {
        assert!(text.contains(&squash(&i)), "LibreOffice PDF lacks `{i}`");
    }
}

#[test]
fn pdf_holds_every_paragraph_with_fonts_embedded() {
    require_tools!("pdffonts", "pdftotext");
    let (_dir, _, pdf) = render_both(&root().join(SON_LA), &[]);
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for row in &rows {
        assert!(row.contains("LiberationSerif"), "{row}");
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(cols[cols.len() - 5], "yes", "not embedded: {row}");
    }
    let raw = pdf_text(&pdf);
    let text = squash(&without_page_numbers(&raw));
    for p in document_texts(SON_LA) {
        assert!(text.contains(&squash(&p)), "PDF lacks `{p}`");
    }
    // Page 1 has no number; page 2 shows "2" at the top.
    let pages: Vec<&str> = raw.split('\u{c}').collect();
    assert!(pages.len() >= 3);
    assert_eq!(pages[1].lines().find(|l| !l.trim().is_empty()).map(str::trim), Some("2"));
    assert!(pages[0].lines().find(|l| !l.trim().is_empty()).unwrap().contains("ỦY BAN NHÂN DÂN"));
}

#[test]
fn rendering_is_byte_identical() {
    let plan = root().join("plans/vinh-long-2021-2030-qd.toml");
    let (_a, docx_a, pdf_a) = render_both(&plan, &[]);
    let (_b, docx_b, pdf_b) = render_both(&plan, &[]);
    assert_eq!(std::fs::read(&docx_a).unwrap(), std::fs::read(&docx_b).unwrap());
    assert_eq!(std::fs::read(&pdf_a).unwrap(), std::fs::read(&pdf_b).unwrap());
    // And within one process (docx-rs numbers footnotes from a global counter).
    let mut map = kehoach::source::SourceMap::new();
    let (p, _) = kehoach::check_file(&mut map, &root().join("plans/quang-ninh-2024-ct28.toml")).unwrap();
    let templates = kehoach::templates::Templates::builtin().unwrap();
    let doc = kehoach::compose::compose(&p.unwrap(), &templates, true).unwrap();
    use kehoach::export::Exporter;
    let r = kehoach::export::docx::DocxExporter::default();
    assert_eq!(r.export(&doc).unwrap(), r.export(&doc).unwrap());
}

#[test]
fn decision_issues_the_plan_as_its_attachment() {
    let plan = root().join("plans/vinh-long-2021-2030-qd.toml");
    let (_dir, docx, pdf) = render_both(&plan, &[]);
    let paragraphs = docx_paragraphs(&docx_part(&docx, "word/document.xml"));
    for expected in ["QUYẾT ĐỊNH", "QUYẾT ĐỊNH:", "- Như Điều 3;", "KẾ HOẠCH"] {
        assert!(paragraphs.iter().any(|p| p == expected), "no `{expected}`");
    }
    assert!(paragraphs.iter().any(|p| p.starts_with("Điều 1.")));
    assert!(paragraphs.iter().any(|p| p.starts_with("(Kèm theo Quyết định số ")));
    assert!(paragraphs.iter().any(|p| p.starts_with("Tổng kinh phí thực hiện Kế hoạch là 18.680.000.000 đồng (Bằng chữ: Mười tám tỷ sáu trăm tám mươi triệu đồng), trong đó:")));
    assert!(paragraphs.iter().any(|p| p.contains("vào năm 2025 và ") && p.contains("vào năm 2030")));
    // One "Số:" line: the attached plan uses the decision's number (NĐ 30 §8); one signature.
    assert_eq!(paragraphs.iter().filter(|p| p.starts_with("Số:")).count(), 1);
    assert_eq!(paragraphs.iter().filter(|p| *p == "Nơi nhận:").count(), 1);
    require_tools!("pdftotext");
    let text = pdf_text(&pdf);
    assert!(text.contains("QUYẾT ĐỊNH:") && text.contains("Phụ lục"));
}

#[test]
fn hostile_text_prints_literally_in_both_outputs() {
    let nasty = r#"#read("/etc/passwd") *bold* $x$ <w:t> ]]> & </w:t></w:r>"#;
    let text = edit(&minimal(), "\"Tỷ lệ trẻ em được đăng ký khai sinh\"", &toml_str(&format!("Tỷ lệ {nasty}")));
    let text = edit(&text, "\"Bộ Lao động - TBXH\"", &toml_str(nasty));
    let text = edit(&text, "\"Về bảo vệ trẻ em\"", &toml_str(nasty));
    let (_d, path) = plan_file("nasty.toml", &text);
    let (_dir, docx, pdf) = render_both(&path, &[]);
    let paragraphs = docx_paragraphs(&docx_part(&docx, "word/document.xml"));
    assert!(paragraphs.iter().any(|p| p.contains(&format!("Tỷ lệ {nasty}"))), "DOCX: {paragraphs:#?}");
    assert!(paragraphs.iter().any(|p| p == &format!("- {nasty};")), "DOCX: {paragraphs:#?}");
    require_tools!("pdftotext", "soffice");
    let pdf_text = fold(&pdf_text(&pdf));
    assert!(pdf_text.contains(&fold(nasty)), "PDF: {pdf_text}");
    assert!(!pdf_text.contains("root:"), "typst read a file");
    // LibreOffice still opens it.
    libreoffice_pdf(&docx);
}

fn toml_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

#[test]
fn draft_renders_blanks_and_the_draft_mark() {
    let text = edit(&minimal(), "number = 5\n", "");
    let text = edit(&text, "date = 2023-04-03\n", "");
    let (_d, path) = plan_file("draft.toml", &text);
    // A final render needs number and date.
    let (dir, status, out) = render(&path, &[]);
    assert_eq!(status, 1, "{out}");
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none(), "nothing written");
    let (_dir, docx, pdf) = render_both(&path, &["--draft"]);
    // The blanks are no-break spaces, kept here.
    let paragraphs = docx_paragraphs(&docx_part_raw(&docx, "word/document.xml").replace('\u{2060}', ""));
    let blank = "\u{a0}".repeat(6);
    assert!(paragraphs.contains(&format!("Số: {blank}/KH-UBND")), "{paragraphs:#?}");
    assert!(paragraphs.contains(&format!("Sơn La, ngày{blank}tháng{blank}năm 2023")));
    // The mark is in the first page's header: out of the text flow, inside the printable area.
    assert!(!paragraphs.contains(&"DỰ THẢO".to_string()));
    assert_eq!(docx_paragraphs(&docx_part(&docx, "word/header3.xml")), ["DỰ THẢO"]);
    let document = docx_part(&docx, "word/document.xml");
    assert!(document.contains(r#"<w:headerReference w:type="first" r:id="rId5"/>"#));
    require_tools!("pdftotext");
    assert!(pdf_text(&pdf).contains("DỰ THẢO"));
}

#[test]
fn plan_with_errors_is_not_rendered_and_old_outputs_stay() {
    let text = edit(&minimal(), "lead = \"ldtbxh\"", "lead = \"khong-co\"");
    let (_d, path) = plan_file("loi.toml", &text);
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("loi.docx");
    std::fs::write(&good, b"good").unwrap();
    let out = kehoach(&["render", path.to_str().unwrap(), "-o", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&good).unwrap(), b"good");
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn renders_a_folder_of_plans() {
    let dir = tempfile::tempdir().unwrap();
    // --draft: the Quảng Ninh source lost its number and date, so it can only be a draft.
    let out = kehoach(&["render", "plans", "--to", "docx", "--draft", "-o", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let count = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "docx"))
        .count();
    let plans = std::fs::read_dir(root().join("plans"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "toml"))
        .count();
    assert_eq!(count, plans);
}

#[test]
fn control_characters_and_nested_notes_do_not_break_outputs() {
    let text = edit(&minimal(), "name = \"Nguyễn Văn A\"", "name = \"Nguyễn\\fVăn\\u000BA\"");
    let text = edit(
        &text,
        "- Tổ chức tuyên truyền.",
        "- Tổ chức tuyên truyền[^1].\n\n[^1]: Ghi chú có chú thích lồng[^2].\n\n[^2]: Lồng.",
    );
    let (_d, path) = plan_file("ctl.toml", &text);
    let (_dir, docx, pdf) = render_both(&path, &[]);
    require_tools!("soffice", "pdftotext");
    libreoffice_pdf(&docx);
    assert!(pdf_text(&pdf).contains("NguyễnVănA"));
}

#[test]
fn templates_cannot_read_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("ke-hoach")).unwrap();
    std::fs::write(dir.path().join("ke-hoach/body.md"), "{{ get_env(name=\"KEHOACH_TEST_SECRET\") }}").unwrap();
    let secret = "bi-mat-3f9c1d";
    let out = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["render", "tests/fixtures/minimal.toml", "--to", "docx", "--templates", dir.path().to_str().unwrap()])
        .args(["-o", dir.path().to_str().unwrap()])
        .current_dir(root())
        .env("KEHOACH_TEST_SECRET", secret)
        .output()
        .unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    // Refused as an invalid template (an operational error), the unknown function named
    // at its place; the value never printed and nothing written.
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("mẫu văn bản (template) không hợp lệ"), "{text}");
    assert!(text.contains("không có hàm `get_env` trong mẫu") && text.contains("ke-hoach/body.md:1:4"), "{text}");
    assert!(!text.contains(secret), "{text}");
    assert!(!dir.path().join("minimal.docx").exists());
}

#[test]
fn appendix_numbers_its_own_pages() {
    let (_dir, docx, pdf) = render_both(&root().join("plans/vinh-long-2021-2030-qd.toml"), &[]);
    let xml = docx_part(&docx, "word/document.xml").replace(" />", "/>");
    assert_eq!(xml.matches("<w:sectPr>").count(), 2, "a section break before the appendix");
    assert!(xml.contains(r#"<w:pgNumType w:start="1"/>"#));
    require_tools!("pdftotext", "soffice");
    for pages in [pdf_text(&pdf), pdf_text(&libreoffice_pdf(&docx))] {
        let pages: Vec<&str> = pages.split('\u{c}').collect();
        let first_line = |p: &str| p.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim().to_string();
        let start = pages.iter().position(|p| first_line(p) == "Phụ lục").expect("appendix page");
        assert_eq!(first_line(pages[start + 1]), "2", "the appendix's second page is page 2");
    }
}

#[test]
fn footnote_references_point_at_their_notes() {
    // The XML pass renumbers footnotes in document order; reference and note must agree.
    let (_dir, docx, _pdf) =
        render_both(&root().join("plans/quang-ninh-2024-ct28.toml"), &["--draft", "--to", "docx,pdf"]);
    let document = docx_part(&docx, "word/document.xml");
    let footnotes = docx_part(&docx, "word/footnotes.xml");
    let id = regex::Regex::new(r#"<w:footnoteReference w:id="(\d+)"/>"#).unwrap();
    let refs: Vec<&str> = id.captures_iter(&document).map(|c| c.get(1).unwrap().as_str()).collect();
    assert_eq!(refs, ["1"]);
    let note = footnotes.split(r#"<w:footnote w:id="1">"#).nth(1).expect("note 1 in footnotes.xml");
    let note = &note[..note.find("</w:footnote>").unwrap()];
    assert!(note.contains("Kế hoạch số 225/KH-UBND ngày 28/12/2020"), "{note}");
}

/// The x of each word's left edge and the y of each line's top, in points, on one PDF page.
fn pdf_words(pdf: &Path, page: u32) -> Vec<(f32, f32, String)> {
    let p = page.to_string();
    let out = tool("pdftotext", &["-f", &p, "-l", &p, "-bbox", pdf.to_str().unwrap(), "-"]);
    let re = regex::Regex::new(r#"<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>"#).unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    re.captures_iter(&text).map(|c| (c[1].parse().unwrap(), c[2].parse().unwrap(), c[3].to_string())).collect()
}

/// One figure of the layout module drives both backends: the body's line spacing
/// and the left margin are read back from the DOCX XML and measured on the PDF.
#[test]
fn both_outputs_follow_the_layout_modules_line_spacing_and_margin() {
    use kehoach::layout::{LINE_SPACING, MARGIN_LEFT_MM, MM_PER_PT, SIZE_BODY};
    let (_dir, docx, pdf) = render_both(&root().join(SON_LA), &["--to", "docx,pdf"]);
    let xml = docx_part(&docx, "word/document.xml");
    let styles = docx_part(&docx, "word/styles.xml");
    let body = styles.split(r#"w:styleId="NoiDung""#).nth(1).unwrap().split("</w:style>").next().unwrap();
    let line = format!(r#"w:line="{}""#, (LINE_SPACING * 240.0).round());
    assert!(body.contains(&line), "DOCX body line spacing {line}");
    let left = format!(r#"w:left="{}""#, (MARGIN_LEFT_MM * 56.692_914).round());
    assert!(xml.split("<w:pgMar").nth(1).unwrap().split("/>").next().unwrap().contains(&left), "DOCX margin {left}");

    require_tools!("pdftotext");
    let words = pdf_words(&pdf, 2);
    // The left margin: where most lines start (continuation lines have no indent).
    let mut starts: Vec<f32> = words.iter().map(|w| w.0).collect();
    starts.sort_by(f32::total_cmp);
    let margin_pt = MARGIN_LEFT_MM / MM_PER_PT;
    assert!((starts[0] - margin_pt).abs() < 0.5, "PDF text starts at {} pt, margin is {margin_pt} pt", starts[0]);
    // The line pitch inside a paragraph: Word's single line is 1.15 em for this font.
    let mut tops: Vec<f32> = words.iter().map(|w| w.1).collect();
    tops.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    let pitches: Vec<f32> = tops.windows(2).map(|w| w[1] - w[0]).filter(|d| *d > 5.0).collect();
    let pitch = pitches.iter().copied().fold(f32::MAX, f32::min);
    let expected = LINE_SPACING * 1.1499 * SIZE_BODY;
    assert!((pitch - expected).abs() < 0.1, "PDF line pitch {pitch} pt, expected {expected} pt");
}

/// Every kind of DOCX the tool writes (each sample, final and draft, the comparison
/// table and the redline) passes the strict OOXML validator with no finding at all.
#[test]
fn every_docx_passes_the_strict_ooxml_validator() {
    require_tools!("openxml-audit");
    let dir = tempfile::tempdir().unwrap();
    let at = |sub: &str| dir.path().join(sub).to_str().unwrap().to_string();
    let mut runs: Vec<Vec<String>> = Vec::new();
    for plan in ["plans", "plans/son-la"] {
        for (flag, sub) in [("--to=docx", "final"), ("--draft", "draft")] {
            runs.push(
                ["render", "--root", "plans", "--to", "docx", flag, plan, "-o", &at(sub)].map(String::from).to_vec(),
            );
        }
    }
    let (v1, v2) = ("tests/fixtures/versions/v1.toml", "tests/fixtures/versions/v2.toml");
    runs.push(vec!["diff".into(), v1.into(), v2.into(), "--to".into(), "docx".into(), "-o".into(), at("diff")]);
    runs.push(vec!["diff".into(), v1.into(), v2.into(), "--redline".into(), "-o".into(), at("diff")]);
    for args in &runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = kehoach(&args);
        assert!(out.status.code().unwrap_or(9) < 2, "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let mut written: Vec<String> = Vec::new();
    for sub in ["final", "draft", "diff"] {
        for entry in std::fs::read_dir(dir.path().join(sub)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "docx") {
                written.push(path.to_str().unwrap().to_string());
            }
        }
    }
    written.sort();
    assert_eq!(written.len(), 20, "{written:?}");
    let out =
        tool("openxml-audit", &["-r", "-o", "json", "-m", "0", "--policy", "strict", dir.path().to_str().unwrap()]);
    let report: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("openxml-audit: {e}: {}", String::from_utf8_lossy(&out.stderr)));
    // The validator looked at every file: a run that checked nothing cannot pass.
    let mut checked: Vec<String> = report.iter().map(|r| r["file"].as_str().unwrap().to_string()).collect();
    checked.sort();
    assert_eq!(checked, written);
    for r in &report {
        let findings = r["error_count"].as_u64().unwrap() + r["warning_count"].as_u64().unwrap();
        assert_eq!(findings, 0, "{}", serde_json::to_string_pretty(r).unwrap());
    }
}

/// `--reference-docx`: an office's template sets sizes within NĐ 30's ranges and
/// body spacing by style, not another font; restyling "Nội dung" changes the body
/// text only, and the output has no NĐ 30 finding.
#[test]
fn reference_docx_lends_its_styles_within_the_decree() {
    let (_dir, docx, _) = render_both(&root().join(SON_LA), &[]);
    // The office's template: one of our own files, restyled.
    let styles = docx_part(&docx, "word/styles.xml");
    let restyle = |styles: &str, id: &str, from: &str, to: &str| -> String {
        let start = styles.find(&format!(r#"w:styleId="{id}""#)).unwrap();
        let end = start + styles[start..].find("</w:style>").unwrap();
        let style = &styles[start..end];
        assert!(style.contains(from), "{style}");
        format!("{}{}{}", &styles[..start], style.replacen(from, to, 1), &styles[end..])
    };
    let body_rpr = r#"</w:pPr><w:rPr><w:rFonts w:ascii="Tinos" w:eastAsia="Tinos" w:hAnsi="Tinos" w:cs="Tinos"/><w:sz w:val="26"/></w:rPr>"#;
    let styles = restyle(&styles, "NoiDung", "</w:pPr>", body_rpr);
    let styles = restyle(&styles, "NoiDung", r#"w:line="276""#, r#"w:line="600""#);
    // 16 pt for the Quốc hiệu: beyond the decree's 12–13 pt.
    let styles = restyle(&styles, "QuocHieu", r#"<w:sz w:val="26"/>"#, r#"<w:sz w:val="32"/>"#);
    let dir = tempfile::tempdir().unwrap();
    let reference = dir.path().join("mau-van-phong.docx");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&reference).unwrap());
        let options = zip::write::SimpleFileOptions::default();
        for name in docx_part_names(&docx) {
            zip.start_file(name.as_str(), options).unwrap();
            let part = if name == "word/styles.xml" { styles.clone() } else { docx_part(&docx, &name) };
            std::io::Write::write_all(&mut zip, part.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    let (out, status, said) = render(&root().join(SON_LA), &["--reference-docx", reference.to_str().unwrap()]);
    assert_eq!(status, 0, "{said}");
    // A font other than the decree's is not taken, and the warning says so.
    assert!(said.contains("dùng phông Tinos: không lấy"), "{said}");
    let restyled = out.path().join("son-la-2023-kh93.docx");
    let styles = docx_part(&restyled, "word/styles.xml");
    let style = |id: &str| -> String {
        let start = styles.find(&format!(r#"w:styleId="{id}""#)).unwrap();
        styles[start..start + styles[start..].find("</w:style>").unwrap()].to_string()
    };
    let body = style("NoiDung");
    assert!(!body.contains("Tinos") && body.contains(r#"<w:sz w:val="26"/>"#), "{body}");
    let findings = kehoach::conform::check(&std::fs::read(&restyled).unwrap()).unwrap();
    assert!(findings.is_empty(), "the restyled output keeps to the decree: {findings:?}");
    // Line spacing at most 1.5 lines; the Quốc hiệu at most 13 pt.
    assert!(body.contains(r#"w:line="360""#), "{body}");
    assert!(style("QuocHieu").contains(r#"<w:sz w:val="26"/>"#));
    // Headings are not based on the body style: they keep their font.
    for heading in ["Heading1", "Heading2", "Heading3"] {
        let h = style(heading);
        assert!(!h.contains("Tinos") && !h.contains(r#"<w:basedOn w:val="NoiDung"/>"#), "{h}");
    }
    // A file that is not a DOCX is a clear error, and nothing is written.
    let out = kehoach(&["render", SON_LA, "--reference-docx", SON_LA, "-o", dir.path().join("x").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("DOCX mẫu"), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!dir.path().join("x").exists());
}

/// `--pdf-a`: a PDF/A-2b file for records that are archived.
#[test]
fn pdf_a_for_the_archive() {
    let (_dir, _docx, pdf) = render_both(&root().join(SON_LA), &["--to", "docx,pdf", "--pdf-a"]);
    let bytes = std::fs::read(&pdf).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    // The XMP identification of PDF/A-2b: part 2, conformance B.
    assert!(text.contains("<pdfaid:part>2</pdfaid:part>"), "no PDF/A-2 identification");
    assert!(text.contains("<pdfaid:conformance>B</pdfaid:conformance>"), "no conformance level B");
}

/// The characters on each page of a PDF, sorted, without the page number and white
/// space: a line that moves to another page changes them; the order in which a
/// viewer reads two columns or a raised footnote mark does not.
fn page_texts(pdf: &Path) -> Vec<String> {
    let text = pdf_text(pdf);
    text.split('\u{c}')
        .map(|page| {
            let mut lines = page.lines().filter(|l| !l.trim().is_empty()).peekable();
            if lines.peek().is_some_and(|l| l.trim().chars().all(|c| c.is_ascii_digit())) {
                lines.next();
            }
            let mut chars: Vec<char> =
                lines.flat_map(|l| l.chars()).filter(|c| !c.is_whitespace() && *c != '\u{2060}').collect();
            chars.sort_unstable();
            chars.into_iter().collect::<String>()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// One document in two formats: for every sample, the district plans and the
/// comparison table, the typst PDF and the DOCX laid out by LibreOffice have the
/// same pages, each holding the same text.
#[test]
fn pdf_and_docx_paginate_alike() {
    require_tools!("soffice", "pdftotext");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    for args in [
        vec!["render", "--root", "plans", "--draft", "plans", "plans/son-la", "-o", out],
        vec![
            "diff",
            "tests/fixtures/versions/v1.toml",
            "tests/fixtures/versions/v2.toml",
            "--to",
            "docx,pdf",
            "-o",
            out,
        ],
    ] {
        let run = kehoach(&args);
        assert!(run.status.success(), "{args:?}: {}", String::from_utf8_lossy(&run.stderr));
    }
    let mut docs: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    docs.sort();
    assert_eq!(docs.len(), 10, "{docs:?}");
    // One LibreOffice start for all of them.
    let profile = tempfile::tempdir().unwrap();
    let lo = dir.path().join("lo");
    let mut args = vec![
        format!("-env:UserInstallation=file://{}", profile.path().display()),
        "--headless".into(),
        "--convert-to".into(),
        "pdf".into(),
        "--outdir".into(),
        lo.to_str().unwrap().into(),
    ];
    args.extend(docs.iter().map(|d| d.to_str().unwrap().to_string()));
    tool("soffice", &args.iter().map(String::as_str).collect::<Vec<_>>());
    let mut differ = Vec::new();
    for docx in &docs {
        // The signature block never stands alone at the top of a page: the closing
        // paragraph ("./.") comes with it.
        for page in pdf_text(&docx.with_extension("pdf")).split('\u{c}') {
            let first = page.lines().map(str::trim).find(|l| !l.is_empty() && !l.chars().all(|c| c.is_ascii_digit()));
            if first.is_some_and(|l| l.starts_with("Nơi nhận:")) {
                differ.push(format!("{}: Nơi nhận starts a page", docx.display()));
            }
        }
        let ours = page_texts(&docx.with_extension("pdf"));
        let theirs = page_texts(&lo.join(docx.file_name().unwrap()).with_extension("pdf"));
        let name = docx.file_stem().unwrap().to_string_lossy().into_owned();
        if ours.len() != theirs.len() {
            differ.push(format!("{name}: {} pages as PDF, {} as DOCX", ours.len(), theirs.len()));
            continue;
        }
        for (i, (a, b)) in ours.iter().zip(&theirs).enumerate() {
            if a != b {
                let count = |s: &str, c: char| s.chars().filter(|x| *x == c).count();
                let mut only: Vec<String> = a
                    .chars()
                    .chain(b.chars())
                    .collect::<std::collections::BTreeSet<char>>()
                    .into_iter()
                    .filter(|c| count(a, *c) != count(b, *c))
                    .map(|c| format!("{c}: {} vs {}", count(a, c), count(b, c)))
                    .collect();
                only.truncate(8);
                differ.push(format!("{name} page {}: characters PDF vs DOCX {only:?}", i + 1));
            }
        }
    }
    assert!(differ.is_empty(), "{differ:#?}");
}

/// No line breaks inside a document symbol or a date: in the PDF each is set in a
/// box; in the DOCX a word joiner follows each "/" and "-" inside it, which the
/// text of a PDF printed from it does not show.
#[test]
fn document_symbols_never_break_across_lines() {
    let (_dir, docx, pdf) = render_both(&root().join("plans/quang-ninh-2024-ct28.toml"), &["--draft"]);
    let raw = docx_part_raw(&docx, "word/document.xml");
    assert!(raw.contains("423-\u{2060}KH/\u{2060}TU"), "no word joiner in 423-KH/TU");
    assert!(raw.contains("12/\u{2060}6/\u{2060}2024"), "no word joiner in the date");
    // Ordinary words are untouched.
    assert!(!raw.contains("Quảng\u{2060}"));
    require_tools!("pdftotext", "soffice");
    for pdf in [pdf, libreoffice_pdf(&docx)] {
        let text = pdf_text(&pdf);
        assert!(!text.contains('\u{2060}'), "a word joiner in the text of {}", pdf.display());
        // Every symbol of the plan is found whole, on one line.
        for symbol in ["423-KH/TU", "225/KH-UBND", "156/KH-UBND", "02/KH-UBND"] {
            let whole = text.lines().filter(|l| l.contains(symbol)).count();
            let anywhere = fold(&text).matches(symbol).count();
            assert!(whole > 0 && whole == anywhere, "`{symbol}` broken in {}", pdf.display());
        }
    }
    // A year range at a line's end in a centred title: LibreOffice breaks after a
    // space a word joiner follows, never at a no-break space.
    let (_dir, docx, pdf) = render_both(&root().join("plans/vinh-long-2021-2030-qd.toml"), &[]);
    for pdf in [pdf, libreoffice_pdf(&docx)] {
        let text = pdf_text(&pdf);
        let text = text.replace('\u{a0}', " ");
        assert!(text.lines().any(|l| l.trim() == "2021 - 2030"), "title's range broken in {}", pdf.display());
    }
}

/// A copy of an embedded Liberation Serif face renamed Times New Roman (family and
/// PostScript names in the `name` table): a stand-in for an office's own font.
fn renamed_face(data: &[u8]) -> Vec<u8> {
    let mut font = data.to_vec();
    let u16_at = |d: &[u8], at: usize| u16::from_be_bytes([d[at], d[at + 1]]) as usize;
    let u32_at = |d: &[u8], at: usize| u32::from_be_bytes([d[at], d[at + 1], d[at + 2], d[at + 3]]) as usize;
    let tables = u16_at(&font, 4);
    let name = (0..tables).map(|t| 12 + 16 * t).find(|at| &font[*at..*at + 4] == b"name").expect("name table");
    let table = u32_at(&font, name + 8);
    let (count, strings) = (u16_at(&font, table + 2), table + u16_at(&font, table + 4));
    let utf16 = |s: &str| s.encode_utf16().flat_map(u16::to_be_bytes).collect::<Vec<u8>>();
    for r in (0..count).map(|i| table + 6 + 12 * i) {
        let (platform, id, len, off) =
            (u16_at(&font, r), u16_at(&font, r + 6), u16_at(&font, r + 8), u16_at(&font, r + 10));
        let at = strings + off;
        let old = font[at..at + len].to_vec();
        let text: String = if platform == 3 || platform == 0 {
            char::decode_utf16(old.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])))
                .map(|c| c.unwrap_or('?'))
                .collect()
        } else {
            String::from_utf8_lossy(&old).into_owned()
        };
        let new = match id {
            1 | 16 if text == "Liberation Serif" => "Times New Roman".to_string(),
            6 if text.starts_with("LiberationSerif") => text.replacen("LiberationSerif", "TimesNewRomanPS", 1),
            _ => continue,
        };
        let bytes = if platform == 3 || platform == 0 { utf16(&new) } else { new.into_bytes() };
        font[at..at + bytes.len()].copy_from_slice(&bytes);
        font[r + 8..r + 10].copy_from_slice(&(bytes.len() as u16).to_be_bytes());
    }
    font
}

/// `--fonts DIR`: the PDF is set in the office's Times New Roman when the folder
/// has it; a folder without it is a clear error before anything is written.
#[test]
fn pdf_takes_times_new_roman_from_a_font_folder() {
    let fonts = tempfile::tempdir().unwrap();
    for style in ["Regular", "Bold", "Italic", "BoldItalic"] {
        let data = std::fs::read(root().join(format!("fonts/LiberationSerif-{style}.ttf"))).unwrap();
        std::fs::write(fonts.path().join(format!("times-{style}.ttf")), renamed_face(&data)).unwrap();
    }
    let (_dir, _docx, pdf) = render_both(&root().join(SON_LA), &["--fonts", fonts.path().to_str().unwrap()]);
    require_tools!("pdffonts");
    let listed = String::from_utf8_lossy(&tool("pdffonts", &[pdf.to_str().unwrap()]).stdout).into_owned();
    assert!(listed.contains("TimesNewRomanPS") && !listed.contains("LiberationSerif"), "{listed}");

    // Only the regular face (times.ttf copied alone): bold and italic stay bold and
    // italic, from the embedded faces, and the warning says which ones and why.
    let regular = tempfile::tempdir().unwrap();
    std::fs::copy(fonts.path().join("times-Regular.ttf"), regular.path().join("times.ttf")).unwrap();
    let out_dir = regular.path().join("out");
    let out = kehoach(&[
        "render",
        SON_LA,
        "--to",
        "pdf",
        "--fonts",
        regular.path().join("").to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("không có Times New Roman đậm, nghiêng, đậm nghiêng"), "{stderr}");
    let pdf = out_dir.join("son-la-2023-kh93.pdf");
    let listed = String::from_utf8_lossy(&tool("pdffonts", &[pdf.to_str().unwrap()]).stdout).into_owned();
    assert!(listed.contains("TimesNewRomanPS") && listed.contains("LiberationSerif-Bold"), "{listed}");

    let empty = tempfile::tempdir().unwrap();
    let out_dir = empty.path().join("out");
    let out = kehoach(&[
        "render",
        SON_LA,
        "--fonts",
        root().join("fonts").to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("không có phông Times New Roman"), "{stderr}");
    assert!(!out_dir.exists());
}

/// Parts headed in every style in use: I./II. (default), A./B., "Phần thứ nhất"
/// with the title under it, or no part headings at all.
#[test]
fn parts_are_headed_in_the_style_the_plan_chooses() {
    let expected: [(&str, &[&str], &[&str]); 4] = [
        ("roman", &["I. MỤC TIÊU", "II. NỘI DUNG"], &["Phần thứ nhất"]),
        ("letter", &["A. MỤC TIÊU", "B. NỘI DUNG"], &["I. MỤC TIÊU"]),
        ("ordinal", &["Phần thứ nhất", "MỤC TIÊU", "Phần thứ hai", "NỘI DUNG"], &["I. MỤC TIÊU"]),
        ("none", &["1. Tuyên truyền", "- Tổ chức tuyên truyền."], &["I. MỤC TIÊU", "MỤC TIÊU", "NỘI DUNG"]),
    ];
    for (style, present, absent) in expected {
        let text = edit(&minimal(), "kind = \"ke-hoach\"", &format!("kind = \"ke-hoach\"\nparts = \"{style}\""));
        let (_d, path) = plan_file("plan.toml", &text);
        let (_dir, docx, pdf) = render_both(&path, &[]);
        let paragraphs = docx_paragraphs(&docx_part(&docx, "word/document.xml"));
        for p in present {
            assert!(paragraphs.iter().any(|x| x == p), "{style}: no `{p}` in {paragraphs:#?}");
        }
        for p in absent {
            assert!(!paragraphs.iter().any(|x| x == p), "{style}: `{p}` in {paragraphs:#?}");
        }
        require_tools!("pdftotext");
        let lines: Vec<String> = pdf_text(&pdf).lines().map(|l| l.trim().to_string()).collect();
        for p in present {
            assert!(lines.iter().any(|l| l == p), "{style}: no `{p}` in the PDF");
        }
    }
}

/// A chức vụ on two lines, as a deputy head of a steering committee signs, and a
/// head who signs in person (no KT.).
#[test]
fn signature_titles_keep_their_lines() {
    let two = edit(&minimal(), "title = \"Phó Chủ tịch\"", "title = \"Phó Trưởng ban\\nThứ trưởng Bộ Y tế\"");
    let (_d, path) = plan_file("plan.toml", &two);
    let (_dir, docx, _pdf) = render_both(&path, &[]);
    let paragraphs = docx_paragraphs(&docx_part(&docx, "word/document.xml"));
    let at = paragraphs.iter().position(|p| p == "PHÓ TRƯỞNG BAN").expect("first line of the title");
    assert_eq!(paragraphs[at + 1], "THỨ TRƯỞNG BỘ Y TẾ");
    assert_eq!(paragraphs[at - 1], "KT. CHỦ TỊCH");
    let own =
        edit(&minimal(), "authority = \"KT\"\nhead = \"Chủ tịch\"\ntitle = \"Phó Chủ tịch\"", "title = \"Chủ tịch\"");
    let (_, diags) = check_text(&own);
    assert!(diags.is_empty(), "{diags:#?}");
    let (_d, path) = plan_file("plan.toml", &own);
    let (_dir, docx, _pdf) = render_both(&path, &[]);
    let paragraphs = docx_paragraphs(&docx_part(&docx, "word/document.xml"));
    let at = paragraphs.iter().position(|p| p == "TM. ỦY BAN NHÂN DÂN").expect("TM. line");
    assert_eq!(paragraphs[at + 1], "CHỦ TỊCH");
}

/// A decision as real decisions are written: an article with several paragraphs,
/// khoản and điểm; a sentence after the last article; the generated lines worded
/// by the plan or left out; căn cứ lines with the source's own punctuation.
#[test]
fn decision_articles_are_real_text_and_generated_lines_can_be_set() {
    let plan = read("plans/vinh-long-2021-2030-qd.toml");
    let second = plan
        .lines()
        .find(|l| l.trim_start().starts_with("\"Quyết định này có hiệu lực"))
        .expect("article 2")
        .to_string();
    let article = "  \"\"\"Quyết định này có hiệu lực kể từ ngày ký.\n\n1. Giao Sở Nội vụ:\n\na) Hướng dẫn thực hiện;\n\nb) Tổng hợp, báo cáo.\"\"\",";
    let text = edit(&plan, &second, article);
    let text = edit(&text, "[decision]\n", "[decision]\nattached = \"Ban hành kèm theo\"\nrecipients_first = \"Như Điều 2, Điều 3\"\npunctuate = false\nafter = \"Quyết định này thay thế Quyết định số 100/QĐ-UBND.\"\n");
    let text = edit(
        &text,
        "\"Căn cứ Luật Trẻ em ngày 05 tháng 4 năm 2016\"",
        "\"Căn cứ Luật Trẻ em ngày 05 tháng 4 năm 2016,\"",
    );
    let (_d, path) = plan_file("qd.toml", &text);
    let (_dir, docx, _pdf) = render_both(&path, &[]);
    let paragraphs = docx_paragraphs(&docx_part(&docx, "word/document.xml"));
    let has = |p: &str| paragraphs.iter().any(|x| x == p);
    for p in [
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
        "1. Giao Sở Nội vụ:",
        "a) Hướng dẫn thực hiện;",
        "b) Tổng hợp, báo cáo.",
        // The content ends "./." wherever it ends.
        "Quyết định này thay thế Quyết định số 100/QĐ-UBND./.",
        "- Như Điều 2, Điều 3;",
        "Căn cứ Luật Trẻ em ngày 05 tháng 4 năm 2016,",
    ] {
        assert!(has(p), "no `{p}` in {paragraphs:#?}");
    }
    assert!(
        paragraphs.iter().any(|p| p.starts_with("(Ban hành kèm theo Quyết định số 1512/QĐ-UBND")),
        "{paragraphs:#?}"
    );
    assert!(!has("- Như Điều 3;"));
    // Switched off: no attached line, no generated recipient line.
    let off = edit(&plan, "[decision]\n", "[decision]\nattached = \"\"\nrecipients_first = \"\"\n");
    let (_d, path) = plan_file("qd.toml", &off);
    let (_dir, docx, _pdf) = render_both(&path, &[]);
    let paragraphs = docx_paragraphs(&docx_part(&docx, "word/document.xml"));
    assert!(!paragraphs.iter().any(|p| p.starts_with("- Như Điều")), "{paragraphs:#?}");
    // The attached plan's title has no "(Kèm theo …)" line (the appendix keeps its own).
    let title = paragraphs.iter().position(|p| p == "KẾ HOẠCH").expect("the plan's title");
    assert!(!paragraphs[title..title + 4].iter().any(|p| p.starts_with('(')), "{:#?}", &paragraphs[title..title + 4]);
}

/// Compound indicators, as real plans write them: several measured targets in one
/// numbered indicator, each with its own words, value or milestones and direction.
const COMPOUND: &str = r#"
[[objectives.indicators]]
id = "tu-vong"
text = ""
lead = "ldtbxh"

[[objectives.indicators.parts]]
id = "so-sinh"
text = "Giảm tỷ suất tử vong trẻ sơ sinh trên 1.000 trẻ đẻ sống"
target = { verb = "dưới", milestones = { 2024 = 9.5, 2025 = 9 } }

[[objectives.indicators.parts]]
id = "duoi-1-tuoi"
text = "giảm tỷ suất tử vong của trẻ em dưới 1 tuổi"
target = { milestones = { 2024 = 9.3, 2025 = 8.8 } }

[[objectives.indicators]]
id = "suy-dinh-duong"
text = "Tỷ lệ trẻ em suy dinh dưỡng thể thấp còi"
join = "và"
lead = "ldtbxh"

[[objectives.indicators.parts]]
id = "nong-thon"
text = "dưới {target} đối với nông thôn"
target = { value = 5, unit = "%" }

[[objectives.indicators.parts]]
id = "thanh-thi"
text = "dưới {target} đối với thành thị"
target = { value = 10, unit = "%" }

[[objectives.indicators]]
id = "tao-hon"
text = "Không có tình trạng tảo hôn"
lead = "ldtbxh"
"#;

fn compound_plan() -> String {
    let text = minimal();
    let at = text.find("\n[[sections]]").unwrap();
    format!("{}{COMPOUND}{}\n[appendix]\ntitle = \"Các chỉ tiêu\"\n", &text[..at], &text[at..])
}

#[test]
fn compound_indicators_render_each_target_in_both_formats() {
    let plan = compound_plan();
    let (_, diags) = check_text(&plan);
    assert!(diags.is_empty(), "{diags:#?}");
    let (_d, path) = plan_file("plan.toml", &plan);
    let (_dir, docx, pdf) = render_both(&path, &[]);
    let expected = [
        "- Chỉ tiêu 2: Giảm tỷ suất tử vong trẻ sơ sinh trên 1.000 trẻ đẻ sống dưới 9,5 vào năm 2024 và 9 vào năm 2025; giảm tỷ suất tử vong của trẻ em dưới 1 tuổi xuống 9,3 vào năm 2024 và 8,8 vào năm 2025.",
        "- Chỉ tiêu 3: Tỷ lệ trẻ em suy dinh dưỡng thể thấp còi dưới 5% đối với nông thôn và dưới 10% đối với thành thị.",
        "- Chỉ tiêu 4: Không có tình trạng tảo hôn.",
    ];
    let paragraphs = docx_paragraphs(&docx_part(&docx, "word/document.xml"));
    for e in expected {
        assert!(paragraphs.iter().any(|p| p == e), "no `{e}` in {paragraphs:#?}");
    }
    // The appendix lists each part's value in its year's column.
    assert!(paragraphs.iter().any(|p| p == "9,5; 9,3"), "{paragraphs:#?}");
    assert!(paragraphs.iter().any(|p| p == "9; 8,8"), "{paragraphs:#?}");
    require_tools!("pdftotext");
    let text = squash(&pdf_text(&pdf));
    for e in expected {
        assert!(text.contains(&squash(e)), "PDF lacks `{e}`");
    }
}

/// A district overrides one part of a compound indicator by its id; the diff names
/// the part whose target changed.
#[test]
fn a_part_of_a_compound_indicator_is_overridden_and_compared_by_id() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tinh.toml"), compound_plan()).unwrap();
    let child = "extends = \"tinh.toml\"\n\n[document]\nkind = \"ke-hoach\"\nplace = \"Mai Sơn\"\nsummary = \"Thực hiện công tác trẻ em năm 2023\"\nstatus = \"draft\"\n\n[issuer]\nname = \"Ủy ban nhân dân huyện Mai Sơn\"\nabbr = \"UBND\"\n\n[recipients]\nto = [\"UBND tỉnh\"]\narchive = [\"VT\"]\n\n[signature]\ncollective = \"Ủy ban nhân dân\"\nauthority = \"KT\"\nhead = \"Chủ tịch\"\ntitle = \"Phó Chủ tịch\"\nname = \"Lò Văn B\"\n\n[[objectives.indicators]]\nid = \"suy-dinh-duong\"\n\n[[objectives.indicators.parts]]\nid = \"nong-thon\"\ntarget = { value = 7, unit = \"%\" }\nnote = \"Địa bàn miền núi\"\n";
    std::fs::write(dir.path().join("huyen.toml"), child).unwrap();
    let out = kehoach(&[
        "render",
        dir.path().join("huyen.toml").to_str().unwrap(),
        "--to",
        "docx",
        "-o",
        dir.path().join("out").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let paragraphs = docx_paragraphs(&docx_part(&dir.path().join("out/huyen.docx"), "word/document.xml"));
    let line = "- Chỉ tiêu 3: Tỷ lệ trẻ em suy dinh dưỡng thể thấp còi dưới 7% đối với nông thôn và dưới 10% đối với thành thị.";
    assert!(paragraphs.iter().any(|p| p == line), "{paragraphs:#?}");
    // `trace` shows the part: its parent value, its own, and the note.
    let trace = kehoach(&["trace", dir.path().join("huyen.toml").to_str().unwrap(), "--format", "json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&trace.stdout).unwrap_or_default();
    let row = rows.iter().find(|r| r["id"] == "suy-dinh-duong/nong-thon").unwrap_or_else(|| panic!("{rows:#?}"));
    let values = (row["origin"].as_str(), row["parent_value"].as_str(), row["value"].as_str());
    assert_eq!(values, (Some("overridden"), Some("5%"), Some("7%")));
    let diff = kehoach(&[
        "diff",
        dir.path().join("tinh.toml").to_str().unwrap(),
        dir.path().join("huyen.toml").to_str().unwrap(),
        "--resolved",
        "--format",
        "json",
    ]);
    let changes: Vec<serde_json::Value> = serde_json::from_slice(&diff.stdout).unwrap_or_default();
    let part = changes
        .iter()
        .find(|c| c["fields"].to_string().contains("parts[nong-thon].target") && c["kind"] == "target-changed");
    assert!(part.is_some(), "{}{}", String::from_utf8_lossy(&diff.stdout), String::from_utf8_lossy(&diff.stderr));
}

/// A duty written as the sources write many: a numbered paragraph that starts
/// with the agency, no bold heading line.
#[test]
fn a_duty_can_be_a_numbered_paragraph() {
    let text = edit(
        &minimal(),
        "agency = \"gddt\"\nbody = \"- Phối hợp thực hiện.\"",
        "agency = \"gddt\"\nparagraph = true\nbody = \"Sở Giáo dục và Đào tạo chủ trì tổ chức các hoạt động giáo dục kỹ năng sống cho học sinh.\"",
    );
    let (_, diags) = check_text(&text);
    assert!(diags.is_empty(), "{diags:#?}");
    let (_d, path) = plan_file("plan.toml", &text);
    let (_dir, docx, _pdf) = render_both(&path, &[]);
    let paragraphs = docx_paragraphs(&docx_part(&docx, "word/document.xml"));
    let line = "1. Sở Giáo dục và Đào tạo chủ trì tổ chức các hoạt động giáo dục kỹ năng sống cho học sinh.";
    assert!(paragraphs.iter().any(|p| p == line), "{paragraphs:#?}");
    assert!(!paragraphs.iter().any(|p| p == "1. Sở Giáo dục và Đào tạo"), "no heading line: {paragraphs:#?}");
    // A body paragraph, not a heading.
    let xml = docx_part(&docx, "word/document.xml");
    let at = xml.find("1. Sở Giáo dục và Đào tạo chủ trì").unwrap();
    let p_start = xml[..at].rfind("<w:p>").unwrap();
    assert!(xml[p_start..at].contains(r#"<w:pStyle w:val="NoiDung"/>"#), "{}", &xml[p_start..at]);
}

/// Several appendices: the indicator table, a cost estimate whose items add up to
/// the budget, and one of free text with a table; numbered Phụ lục I, II, III.
#[test]
fn several_appendices_of_every_kind() {
    let extra = r#"
[appendix]
title = "Các chỉ tiêu"

[[appendices]]
id = "du-toan"
title = "Dự toán kinh phí"
items = [
  { what = "Tập huấn kỹ năng cho cán bộ làm công tác trẻ em", amount = 8_680_000_000, source = "Ngân sách địa phương" },
  { what = "Tháng hành động vì trẻ em", amount = 10_000_000_000, source = "Ngân sách trung ương" },
]

[[appendices]]
id = "danh-sach"
title = "Danh sách xã điểm"
body = """
| STT | Xã | Ghi chú |
|---|---|---|
| 1 | Chiềng Mung | xã điểm |
"""
"#;
    let plan = format!("{}{extra}", edit(&minimal(), "- Kiểm tra, giám sát.", "- Kiểm tra, giám sát (Phụ lục III)."));
    let (_, diags) = check_text(&plan);
    assert!(diags.is_empty(), "{diags:#?}");
    let (_d, path) = plan_file("plan.toml", &plan);
    let (_dir, docx, pdf) = render_both(&path, &[]);
    let paragraphs = docx_paragraphs(&docx_part(&docx, "word/document.xml"));
    for p in [
        "Phụ lục I",
        "Phụ lục II",
        "Phụ lục III",
        "DỰ TOÁN KINH PHÍ",
        "DANH SÁCH XÃ ĐIỂM",
        "8.680.000.000",
        "18.680.000.000",
        "Chiềng Mung",
    ] {
        assert!(paragraphs.iter().any(|x| x == p), "no `{p}` in {paragraphs:#?}");
    }
    require_tools!("pdftotext");
    let text = pdf_text(&pdf);
    assert!(text.contains("Phụ lục III") && text.contains("18.680.000.000"), "{text}");

    // The estimate must add up to the budget; a fourth appendix does not exist.
    let wrong = edit(&plan, "amount = 10_000_000_000", "amount = 9_000_000_000");
    let (status, diags) = check_text(&wrong);
    assert!(diags.iter().any(|d| d["code"] == "budget-sum"), "{diags:#?}");
    assert_eq!(status, 1);
    let (_, diags) = check_text(&edit(&plan, "(Phụ lục III)", "(Phụ lục IV)"));
    assert!(diags.iter().any(|d| d["code"] == "appendix-missing"), "{diags:#?}");
}

/// Sub-numbering inside a part as plans write it: "1.1.", "1.2." and "a)", "b)".
#[test]
fn sub_numbering_inside_parts_is_kept_as_written() {
    let text = edit(
        &minimal(),
        "# 1. Tuyên truyền\n\n- Tổ chức tuyên truyền.",
        "# 1. Tuyên truyền\n\n1.1. Tuyên truyền trên loa truyền thanh.\n\n1.2. Tuyên truyền tại trường học:\n\na) Lồng ghép vào giờ sinh hoạt;\n\nb) Tổ chức diễn đàn.",
    );
    let (_d, path) = plan_file("plan.toml", &text);
    let (_dir, docx, _pdf) = render_both(&path, &[]);
    let paragraphs = docx_paragraphs(&docx_part(&docx, "word/document.xml"));
    for p in [
        "1.1. Tuyên truyền trên loa truyền thanh.",
        "1.2. Tuyên truyền tại trường học:",
        "a) Lồng ghép vào giờ sinh hoạt;",
        "b) Tổ chức diễn đàn.",
    ] {
        assert!(paragraphs.iter().any(|x| x == p), "no `{p}` in {paragraphs:#?}");
    }
}

/// A Nơi nhận row left blank (as one just added in the workspace) prints nothing.
#[test]
fn a_blank_recipient_row_prints_nothing() {
    let text = edit(&minimal(), "to = [\"Bộ Lao động - TBXH\"]", "to = [\"Bộ Lao động - TBXH\", \"\", \" \"]");
    let text = edit(&text, "archive = [\"VT\", \"KGVX\"]", "archive = [\"VT\", \"\", \"KGVX\"]");
    let (_d, path) = plan_file("kh.toml", &text);
    let (dir, code, stderr) = render(&path, &["--to", "docx"]);
    assert_eq!(code, 0, "{stderr}");
    let paragraphs = docx_paragraphs(&docx_part(&dir.path().join("kh.docx"), "word/document.xml"));
    let tail: Vec<&String> = paragraphs.iter().skip_while(|p| *p != "Nơi nhận:").take(3).collect();
    assert_eq!(tail, ["Nơi nhận:", "- Bộ Lao động - TBXH;", "- Lưu: VT, KGVX."], "{paragraphs:#?}");
}

/// Ký hiệu người soạn thảo (ô 12): its own line under "Lưu: …" in both formats;
/// a mark not in the decree's form is a warning at its place in the TOML; the
/// NĐ 30 check of the DOCX reads it as the mark, not as a line of the signature.
#[test]
fn the_drafters_mark_prints_under_the_archive_line() {
    let text = edit(&minimal(), "archive = [\"VT\", \"KGVX\"]", "archive = [\"VT\", \"KGVX\"]\ndrafter = \"PL.(300)\"");
    let (_d, plan) = plan_file("ke-hoach.toml", &text);
    let (dir, code, out) = render(&plan, &["--to", "docx,pdf"]);
    assert_eq!(code, 0, "{out}");
    let docx = dir.path().join("ke-hoach.docx");
    let paras = docx_paragraphs(&docx_part(&docx, "word/document.xml"));
    let at = paras.iter().position(|p| p == "- Lưu: VT, KGVX.").expect("archive line");
    assert_eq!(paras[at + 1], "PL.(300)", "{paras:#?}");
    crate::support::require_tools!("pdftotext");
    let pdf = pdf_text(&dir.path().join("ke-hoach.pdf"));
    assert!(pdf.contains("- Lưu: VT, KGVX.") && pdf.contains("PL.(300)"), "{pdf}");
    let check = kehoach(&["check", "--format", "json", docx.to_str().unwrap()]);
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&check.stdout).unwrap();
    let nd30: Vec<_> = findings.iter().filter(|f| f["code"].as_str().unwrap_or("").starts_with("nd30")).collect();
    assert!(nd30.is_empty(), "no NĐ 30 finding on our own output: {nd30:#?}");

    let lower = edit(&text, "drafter = \"PL.(300)\"", "drafter = \"pl 300\"");
    let (_c, diags) = check_text(&lower);
    let line = line_of(&lower, "drafter = ");
    assert!(codes(&diags).contains(&("drafter-mark".to_string(), line)), "{diags:#?}");
}

/// Body text in the PDF is justified as in the DOCX: each line of a body paragraph
/// or heading but its last reaches the right margin, and none runs past it. (A paragraph kept with the
/// next, the closing one and every heading, once came out ragged: typst leaves the
/// lines of a block of automatic width unjustified.) Read back with pdftotext's
/// line boxes; a line is a paragraph's last when the next starts indented.
#[test]
fn body_lines_of_the_pdf_reach_the_right_margin() {
    crate::support::require_tools!("pdftotext");
    let line_box =
        regex::Regex::new(r#"<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">"#).unwrap();
    let mm = 72.0 / 25.4;
    let (left, right) = (30.0 * mm, (210.0 - 15.0) * mm);
    let indent = left + 12.7 * mm;
    let near = |x: f64, at: f64| (x - at).abs() < 1.0;
    let mut ragged = Vec::new();
    let mut checked = 0;
    for name in ["son-la-2023-kh93", "thai-binh-2022-kh42", "quang-ninh-2024-ct28", "vinh-long-2021-2030-qd"] {
        let (dir, code, out) = render(&root().join("plans").join(format!("{name}.toml")), &["--to", "pdf"]);
        assert_eq!(code, 0, "{out}");
        let pdf = dir.path().join(format!("{name}.pdf"));
        let xml = String::from_utf8(tool("pdftotext", &["-bbox-layout", pdf.to_str().unwrap(), "-"]).stdout).unwrap();
        for (p, page) in xml.split("<page ").enumerate().skip(1) {
            // (xMin, xMax) of each line of 14 pt text (12.7 pt boxes).
            let lines: Vec<(f64, f64)> = line_box
                .captures_iter(page)
                .map(|c| c.extract::<4>().1.map(|v| v.parse::<f64>().unwrap()))
                .filter(|[_, y0, _, y1]| (y1 - y0 - 12.73).abs() < 0.3)
                .map(|[x0, _, x1, _]| (x0, x1))
                .collect();
            // Nor does punctuation hang past it, as it never does in Word.
            for (x0, x1) in lines.iter().filter(|(_, x1)| *x1 > right + 0.5) {
                ragged.push(format!("{name} page {p}: a line from {x0:.1} runs to {x1:.1} pt, past {right:.1}"));
            }
            for pair in lines.windows(2) {
                let ((x0, x1), (next, _)) = (pair[0], pair[1]);
                if (near(x0, left) || near(x0, indent)) && near(next, left) {
                    checked += 1;
                    if x1 < right - 1.0 {
                        ragged.push(format!("{name} page {p}: a line from {x0:.1} ends at {x1:.1} pt, not {right:.1}"));
                    }
                }
            }
        }
    }
    assert!(checked > 500, "{checked} lines checked");
    assert!(ragged.is_empty(), "{}", ragged.join("\n"));
}

/// A web address is copied from either output as typed: no word joiner in the
/// DOCX's text, no break character in the PDF's; the PDF breaks it at its own
/// points and makes it a link.
#[test]
fn a_web_address_is_kept_as_typed() {
    let url = "https://sldtbxh.sonla.gov.vn/van-ban/ke-hoach-so-93-kh-ubnd-ngay-03-4-2023-cua-ubnd-tinh-son-la";
    let text = edit(&minimal(), "closing = \"", &format!("closing = \"Xem toàn văn tại {url}. "));
    let (_d, plan) = plan_file("ke-hoach.toml", &text);
    let (_dir, docx, pdf) = render_both(&plan, &[]);
    let xml = docx_part_raw(&docx, "word/document.xml");
    assert!(xml.contains(url), "the address is not whole in the DOCX");
    require_tools!("pdftotext");
    let out = tool("pdftotext", &["-raw", "-nopgbrk", pdf.to_str().unwrap(), "-"]);
    let pdf_text = String::from_utf8_lossy(&out.stdout);
    assert!(!pdf_text.contains('\u{200B}'), "a break character in the PDF's text");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.windows(url.len()).any(|w| w == url.as_bytes()), "no link to the address in the PDF");
}

/// Spaces typed twice are one space in both formats: the PDF lays a run of spaces
/// out as one, and the DOCX shows the same line (in a table cell too); the blanks
/// left for the văn thư's number stay.
#[test]
fn spaces_typed_twice_print_as_one_in_both_formats() {
    let text = edit(&minimal(), "- Tổ chức tuyên truyền.", "- Tổ chức  tuyên   truyền.");
    let text = edit(&text, "Tỷ lệ trẻ em được đăng ký khai sinh", "Tỷ lệ trẻ em  được đăng ký khai sinh");
    let text = edit(&text, "number = 5\n", "");
    let (_d, plan) = plan_file("kh.toml", &text);
    let (dir, code, out) = render(&plan, &["--to", "docx,pdf", "--draft"]);
    assert_eq!(code, 0, "{out}");
    let xml = docx_part(&dir.path().join("kh.docx"), "word/document.xml");
    let paragraphs = docx_paragraphs(&xml);
    assert!(paragraphs.iter().any(|p| p == "- Tổ chức tuyên truyền."), "{paragraphs:#?}");
    assert!(paragraphs.iter().any(|p| p.contains("Tỷ lệ trẻ em được đăng ký khai sinh")), "{paragraphs:#?}");
    assert!(!paragraphs.iter().any(|p| p.contains("  ") && !p.starts_with("Số:")), "{paragraphs:#?}");
    let raw = docx_part_raw(&dir.path().join("kh.docx"), "word/document.xml");
    assert!(raw.contains("Số: \u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}/"), "the blank for the number");
    crate::support::require_tools!("pdftotext");
    let pdf = pdf_text(&dir.path().join("kh.pdf"));
    assert!(pdf.contains("- Tổ chức tuyên truyền."), "{pdf}");
}

/// The paragraphs (table cells included) of `plan` rendered to DOCX.
fn docx_paragraphs_of(plan: &std::path::Path) -> Vec<String> {
    let (dir, status, out) = crate::support::render(plan, &["--to", "docx"]);
    assert_eq!(status, 0, "{out}");
    let name = plan.with_extension("docx");
    let docx = dir.path().join(name.file_name().unwrap());
    crate::support::docx_paragraphs(&crate::support::docx_part(&docx, "word/document.xml"))
}

/// Where paragraph `s` is among `paragraphs`, or a failure listing them.
fn index_of(paragraphs: &[String], s: &str) -> usize {
    paragraphs.iter().position(|p| p == s).unwrap_or_else(|| panic!("{s}: {paragraphs:#?}"))
}

/// A five-year plan mixes a target ("đạt 63,7%") with milestones ("65% năm 2027,
/// 75% năm 2030"): its indicator appendix has a target column beside the years', and
/// no row is left without its figure.
#[test]
fn an_appendix_keeps_single_targets_beside_milestones() {
    let cells = docx_paragraphs_of(&crate::support::root().join("tests/fixtures/appendix-mixed-targets.toml"));
    let at = |s: &str| index_of(&cells, s);
    assert!(at("Mục tiêu") < at("Năm 2027") && at("Năm 2027") < at("Năm 2030"), "{cells:#?}");
    assert!(at("63,7%") < at("65%") && at("65%") < at("75%"), "{cells:#?}");
}

/// Duties grouped as real plans group them: "1. Các sở, ban, ngành tỉnh:" with its
/// agencies as points a), b), then the next number for an agency on its own.
#[test]
fn grouped_duties_take_one_number_and_points() {
    let text = crate::support::edit(
        &crate::support::minimal(),
        "[[duties]]\nagency = \"gddt\"\nbody = \"- Phối hợp thực hiện.\"",
        "[[duties]]\nagency = \"ldtbxh\"\ngroup = \"Các sở, ban, ngành tỉnh\"\nbody = \"- Chủ trì tham mưu.\"\n\n\
         [[duties]]\nagency = \"gddt\"\ngroup = \"Các sở, ban, ngành tỉnh\"\nbody = \"- Phối hợp thực hiện.\"\n\n\
         [[duties]]\nagency = \"ubnd\"\nbody = \"- Triển khai tại địa phương.\"",
    );
    let text = crate::support::edit(
        &text,
        "gddt = { name = \"Sở Giáo dục và Đào tạo\" }",
        "gddt = { name = \"Sở Giáo dục và Đào tạo\" }\nubnd = { name = \"Ủy ban nhân dân các huyện\" }",
    );
    let (_d, path) = crate::support::plan_file("plan.toml", &text);
    let paragraphs = docx_paragraphs_of(&path);
    let at = |s: &str| index_of(&paragraphs, s);
    assert!(at("1. Các sở, ban, ngành tỉnh:") < at("a) Sở Lao động - Thương binh và Xã hội"));
    assert!(at("a) Sở Lao động - Thương binh và Xã hội") < at("b) Sở Giáo dục và Đào tạo"));
    assert!(at("b) Sở Giáo dục và Đào tạo") < at("2. Ủy ban nhân dân các huyện"));
}

/// Parts without headings run as one text: the duties go on from the last clause
/// written by hand ("1. Tuyên truyền", "2. Kiểm tra", then "3. Sở Giáo dục …").
#[test]
fn duties_go_on_from_the_clauses_of_parts_without_headings() {
    let text = crate::support::edit(
        &crate::support::minimal(),
        "period = [2023, 2025]",
        "period = [2023, 2025]\nparts = \"none\"",
    );
    let (_d, path) = crate::support::plan_file("plan.toml", &text);
    let paragraphs = docx_paragraphs_of(&path);
    let at = |s: &str| index_of(&paragraphs, s);
    assert!(at("2. Kiểm tra") < at("3. Sở Giáo dục và Đào tạo"));
}
