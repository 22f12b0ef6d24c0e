//! `kehoach import`: published texts keep their words through import and render,
//! and kehoach's own DOCX and PDF import back to the plan they came from.

use std::path::Path;

use kehoach::diag::Lang;
use kehoach::import::{import, Imported, NoteKind, Unreadable};

use crate::support::{edit, minimal, plan_file, read, root};

/// The plan an imported document loads as, composed into the document model.
fn compose_imported(imported: &Imported, name: &str) -> kehoach::document::Document {
    let mut map = kehoach::source::SourceMap::new();
    let path = root().join(format!("{name}.toml"));
    let (_, loaded) = kehoach::load::load_text(&mut map, &path, &imported.toml, &root()).unwrap();
    let plan = loaded.unwrap_or_else(|d| panic!("{name}: the imported plan does not load: {d:?}\n{}", imported.toml));
    let templates = kehoach::templates::Templates::builtin().unwrap();
    kehoach::compose::compose(&plan, &templates, false).unwrap()
}

/// The error codes `check` finds in an imported plan.
fn errors_of_imported(imported: &Imported, name: &str) -> Vec<String> {
    let mut map = kehoach::source::SourceMap::new();
    let path = root().join(format!("{name}.toml"));
    let (_, loaded) = kehoach::load::load_text(&mut map, &path, &imported.toml, &root()).unwrap();
    let plan = loaded.unwrap_or_else(|d| panic!("{name}: the imported plan does not load: {d:?}"));
    let diagnostics = kehoach::check::check_resolved(&plan, &map);
    diagnostics.iter().filter(|d| d.is_error()).map(|d| d.code.name().to_string()).collect()
}

fn words(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .flat_map(|l| l.split_whitespace())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Share of `source` words found, in order, in `rendered` (longest common subsequence).
fn kept_in_order(source: &[String], rendered: &[String]) -> f64 {
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, source, rendered);
    let kept: usize = ops
        .iter()
        .filter_map(|op| match op {
            similar::DiffOp::Equal { len, .. } => Some(*len),
            _ => None,
        })
        .sum();
    kept as f64 / source.len().max(1) as f64
}

/// The first words of `source` missing from `rendered`, for failure messages.
fn lost(source: &[String], rendered: &[String]) -> Vec<String> {
    similar::capture_diff_slices(similar::Algorithm::Myers, source, rendered)
        .iter()
        .flat_map(|op| match op {
            similar::DiffOp::Delete { old_index, old_len, .. }
            | similar::DiffOp::Replace { old_index, old_len, .. } => source[*old_index..old_index + old_len].to_vec(),
            _ => Vec::new(),
        })
        .take(40)
        .collect()
}

/// The paragraphs that are the document: a website's text around it is reported as skipped.
fn document_paragraphs(imported: &Imported) -> Vec<String> {
    let paras = &imported.paragraphs;
    let mut start = 0;
    let mut end = paras.len();
    for n in imported.notes().iter().filter(|n| n.kind == NoteKind::Skipped) {
        match n.key {
            "import.skipped-before" => start = n.detail.parse().unwrap(),
            "import.skipped-after" => end = n.paragraph.unwrap(),
            other => panic!("unexpected skip {other}"),
        }
    }
    paras[start..end]
        .iter()
        .map(|p| p.text.replace([kehoach::import::NOTE_OPEN, kehoach::import::NOTE_CLOSE], " "))
        .collect()
}

#[test]
fn render_of_import_keeps_the_words_of_every_sample_text() {
    let dir = root().join("tests/fixtures/samples");
    let mut report = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let imported = import(&path, &bytes, Lang::Vi).unwrap();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let doc = compose_imported(&imported, &name);
        let source = words(&document_paragraphs(&imported));
        let rendered = words(&doc.lines());
        let share = kept_in_order(&source, &rendered);
        report.push(format!("{name}: {:.2}% of {} words", share * 100.0, source.len()));
        assert!(share >= 0.995, "{name}: only {:.2}% of the source's words come out in order", share * 100.0);
    }
    assert_eq!(report.len(), 4, "the four sample texts were read");
    eprintln!("render(import(text)):\n  {}", report.join("\n  "));
}

#[test]
fn sample_defects_are_reported() {
    let read = |name: &str| {
        let path = root().join("tests/fixtures/samples").join(name);
        import(&path, &std::fs::read(&path).unwrap(), Lang::Vi).unwrap()
    };
    let cam_giang = read("cam-giang-2023-kh15.txt");
    assert!(
        cam_giang.notes().iter().any(|n| n.key == "import.part-gap" && n.detail == "3|4"),
        "{:?}",
        cam_giang.notes()
    );
    let son_la = read("son-la-2023-kh93.txt");
    assert!(son_la.notes().iter().any(|n| n.key == "import.date-zero"));
    let d = &son_la.draft;
    let indicators: Vec<_> = d.objectives.iter().flat_map(|o| &o.indicators).collect();
    assert_eq!(indicators.len(), 20);
    assert_eq!(indicators[0].reading.value, Some(63.7));
    assert!(indicators.iter().all(|i| !i.lead.is_empty()), "every indicator has its lead from part IV");
    assert_eq!(d.signature.name.as_ref().unwrap().text, "Tráng Thị Xuân");
    assert_eq!(d.archive.iter().map(|a| a.text.as_str()).collect::<Vec<_>>(), ["VT", "KGVX", "Phương"]);
}

fn plan_lines(path: &Path) -> (kehoach::document::Document, Vec<String>) {
    let mut map = kehoach::source::SourceMap::new();
    let (plan, _) = kehoach::check_file(&mut map, path).unwrap();
    let templates = kehoach::templates::Templates::builtin().unwrap();
    let doc = kehoach::compose::compose(&plan.unwrap(), &templates, false).unwrap();
    let lines = doc.lines();
    (doc, lines)
}

/// The first line where two documents differ, for the failure message.
fn first_difference(a: &[String], b: &[String]) -> String {
    let at = a.iter().zip(b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
    format!("line {at}:\n  plan:     {:?}\n  imported: {:?}", a.get(at), b.get(at))
}

/// The sample plans of `plans/`, rendered and imported back.
const SAMPLE_PLANS: [&str; 6] = [
    "son-la-2023-kh93",
    "thai-binh-2022-kh42",
    "cam-giang-2023-kh15",
    "quang-ninh-2024-ct28",
    "vinh-long-2021-2030-qd",
    "xa-2026-hai-cap",
];

fn round_trip(format: kehoach::export::Format) {
    let settings = kehoach::export::Settings::default();
    let exporter = kehoach::export::exporter(format, &settings);
    let mut failures = Vec::new();
    for name in SAMPLE_PLANS {
        let path = root().join("plans").join(format!("{name}.toml"));
        let (doc, lines) = plan_lines(&path);
        let bytes = exporter.export(&doc).unwrap();
        let file = Path::new("plan").with_extension(exporter.extension());
        let imported = import(&file, &bytes, Lang::Vi).unwrap();
        let back = compose_imported(&imported, name).lines();
        if lines != back {
            failures.push(format!("{name} from {}: {}", exporter.extension(), first_difference(&lines, &back)));
        }
        // The plan comes back whole: its leads and duties too, not only its words.
        let errors = errors_of_imported(&imported, name);
        if !errors.is_empty() {
            failures.push(format!("{name} from {}: errors {errors:?}\n{}", exporter.extension(), imported.toml));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn import_of_rendered_docx_gives_the_plan_back() {
    round_trip(kehoach::export::Format::Docx);
}

/// From the PDF, too: glyphs back to paragraphs, columns, footnotes and table cells.
#[test]
fn import_of_rendered_pdf_gives_the_plan_back() {
    round_trip(kehoach::export::Format::Pdf);
}

/// A PDF has no paragraphs, only positioned glyphs: what is measured here is that
/// every word comes back, in order, through import and render (footnotes are
/// read as footnotes, ruled tables cell by cell).
#[test]
fn import_of_rendered_pdf_keeps_every_word() {
    let exporter = kehoach::export::exporter(kehoach::export::Format::Pdf, &kehoach::export::Settings::default());
    let mut report = Vec::new();
    let mut failures = Vec::new();
    for name in SAMPLE_PLANS {
        let path = root().join("plans").join(format!("{name}.toml"));
        let (doc, lines) = plan_lines(&path);
        let bytes = exporter.export(&doc).unwrap();
        let imported = import(Path::new("plan.pdf"), &bytes, Lang::Vi).unwrap();
        let back = compose_imported(&imported, name).lines();
        let share = kept_in_order(&words(&lines), &words(&back));
        report.push(format!("{name}: {:.2}%", share * 100.0));
        if share < 0.995 {
            let lost = lost(&words(&lines), &words(&back));
            failures.push(format!("{name}: {:.2}% of the words come back from the PDF; lost: {lost:?}", share * 100.0));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("import(render PDF): words kept in order\n  {}", report.join("\n  "));
}

/// Text as `pdftotext -layout` gives it (pages, page numbers, the header's and
/// the signature's columns side by side): every word back in order, the header,
/// indicators and signature read, and no error in the imported plan.
#[test]
fn import_of_pdftotext_layout_keeps_words_and_structure() {
    crate::support::require_tools!("pdftotext");
    let exporter = kehoach::export::exporter(kehoach::export::Format::Pdf, &kehoach::export::Settings::default());
    let tmp = tempfile::tempdir().unwrap();
    let mut report = Vec::new();
    let mut failures = Vec::new();
    for name in SAMPLE_PLANS {
        let path = root().join("plans").join(format!("{name}.toml"));
        let (doc, lines) = plan_lines(&path);
        let pdf = tmp.path().join(format!("{name}.pdf"));
        std::fs::write(&pdf, exporter.export(&doc).unwrap()).unwrap();
        let out = crate::support::tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
        assert!(out.status.success(), "{name}");
        let imported = import(Path::new("plan.txt"), &out.stdout, Lang::Vi).unwrap();
        let back = compose_imported(&imported, name).lines();
        let share = kept_in_order(&words(&lines), &words(&back));
        report.push(format!("{name}: {:.2}%", share * 100.0));
        // Vĩnh Long's indicator table is text in columns: its cells' lines interleave.
        let floor = if name == "vinh-long-2021-2030-qd" { 0.95 } else { 0.995 };
        if share < floor {
            let (a, b) = (words(&lines), words(&back));
            failures.push(format!("{name}: {:.2}% of the words in order; lost: {:?}", share * 100.0, lost(&a, &b)));
        }
        let errors = errors_of_imported(&imported, name);
        if !errors.is_empty() {
            failures.push(format!("{name}: errors {errors:?}\n{}", imported.toml));
        }
        let (plan, _) = kehoach::check_file(&mut kehoach::source::SourceMap::new(), &path).unwrap();
        let plan = plan.unwrap();
        let d = &imported.draft;
        let indicators: usize = d.objectives.iter().map(|o| o.indicators.len()).sum();
        let expected: usize = plan.objectives.iter().map(|o| o.indicators.len()).sum();
        if indicators != expected {
            failures.push(format!("{name}: {indicators} indicators, not {expected}"));
        }
        let name_of = |v: Option<&kehoach::import::recognise::Val>| v.map(|v| v.text.clone()).unwrap_or_default();
        if name_of(d.signature.name.as_ref()) != plan.signature.name.value {
            failures.push(format!("{name}: signer {:?}", d.signature.name));
        }
        if d.number.map(|n| n.0) != plan.document.number.as_ref().map(|n| n.value) {
            failures.push(format!("{name}: number {:?}", d.number));
        }
    }
    // pdftotext's plain mode (no -layout): the columns one after the other, page
    // numbers at the margin. The numbered plans come back whole too.
    for name in ["son-la-2023-kh93", "thai-binh-2022-kh42", "cam-giang-2023-kh15", "vinh-long-2021-2030-qd"] {
        let path = root().join("plans").join(format!("{name}.toml"));
        let (doc, _) = plan_lines(&path);
        let pdf = tmp.path().join(format!("{name}.pdf"));
        std::fs::write(&pdf, exporter.export(&doc).unwrap()).unwrap();
        let out = crate::support::tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
        let imported = import(Path::new("plan.txt"), &out.stdout, Lang::Vi).unwrap();
        let errors = errors_of_imported(&imported, name);
        let (plan, _) = kehoach::check_file(&mut kehoach::source::SourceMap::new(), &path).unwrap();
        let expected: usize = plan.unwrap().objectives.iter().map(|o| o.indicators.len()).sum();
        let indicators: usize = imported.draft.objectives.iter().map(|o| o.indicators.len()).sum();
        if !errors.is_empty() || indicators != expected {
            failures.push(format!("{name}, plain mode: errors {errors:?}, {indicators} indicators of {expected}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("import(pdftotext -layout): words kept in order\n  {}", report.join("\n  "));
}

/// The words of the published text (its document part) and of the plan imported
/// from `path`, rendered: the share kept in order.
fn words_kept(sample: &str, path: &Path) -> f64 {
    let text_path = root().join("tests/fixtures/samples").join(format!("{sample}.txt"));
    let text = import(&text_path, &std::fs::read(&text_path).unwrap(), Lang::Vi).unwrap();
    let imported = import(path, &std::fs::read(path).unwrap(), Lang::Vi).unwrap();
    let doc = compose_imported(&imported, sample);
    kept_in_order(&words(&document_paragraphs(&text)), &words(&doc.lines()))
}

/// DOCX written by other tools: pandoc (automatic numbering for every list, manual
/// line breaks) and LibreOffice (the header as a table); and LibreOffice's PDFs of
/// some of them (fonts with widths, left-aligned text, bullets as a Symbol glyph,
/// lines broken after a code's hyphen).
/// `scripts/make-import-fixtures.py` made them from the sample texts.
#[test]
fn documents_of_other_generators_keep_words_and_structure() {
    let dir = root().join("tests/fixtures/import");
    let mut report = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        let sample = file.split('.').next().unwrap().to_string();
        let share = words_kept(&sample, &path);
        report.push(format!("{file}: {:.2}%", share * 100.0));
        assert!(share >= 0.995, "{file}: {:.2}% of the words kept", share * 100.0);
        // A line broken after a code's hyphen ("3740/KH-" / "UBND") is one word again.
        let source =
            std::fs::read_to_string(root().join("tests/fixtures/samples").join(format!("{sample}.txt"))).unwrap();
        let imported = import(&path, &std::fs::read(&path).unwrap(), Lang::Vi).unwrap();
        for line in compose_imported(&imported, &sample).lines() {
            for w in line.split(' ').filter(|w| w.len() > 1 && w.ends_with('-')) {
                assert!(source.contains(&format!("{w} ")), "{file}: `{w} ` is not in the source: {line}");
            }
        }
        // Sơn La's structure, from LibreOffice's and pandoc's DOCX, LibreOffice's PDF
        // and that PDF as `pdftotext -layout` text.
        if sample == "son-la-2023-kh93" {
            let imported = import(&path, &std::fs::read(&path).unwrap(), Lang::Vi).unwrap();
            let d = &imported.draft;
            let indicators: Vec<_> = d.objectives.iter().flat_map(|o| &o.indicators).collect();
            assert_eq!(indicators.len(), 20, "{file}");
            assert!(indicators.iter().all(|i| !i.lead.is_empty()), "{file}: leads");
            assert_eq!(d.issuer.as_ref().map(|v| v.text.as_str()), Some("Ủy ban nhân dân tỉnh Sơn La"), "{file}");
            assert_eq!(d.number.map(|n| n.0), Some(93), "{file}");
            assert_eq!(d.signature.name.as_ref().map(|v| v.text.as_str()), Some("Tráng Thị Xuân"), "{file}");
            assert_eq!(d.recipients.len(), 4, "{file}: {:?}", d.recipients);
            assert_eq!(d.objectives.len(), 4, "{file}");
        }
    }
    assert_eq!(report.len(), 11, "every document of tests/fixtures/import was read");
    eprintln!("DOCX of other generators, words kept in order:\n  {}", report.join("\n  "));
}

/// A DOCX package from its parts.
fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

#[test]
fn tracked_changes_are_accepted_and_footnotes_kept() {
    let body = format!(
        r#"<w:document {W}><w:body>
<w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>
<w:p><w:r><w:t>Trích yếu</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Thực hiện Công văn </w:t></w:r><w:del w:id="1" w:author="A"><w:r><w:delText>cũ </w:delText></w:r></w:del><w:ins w:id="2" w:author="A"><w:r><w:t xml:space="preserve">mới </w:t></w:r></w:ins><w:r><w:t>số 5</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:t xml:space="preserve"> như sau:</w:t></w:r></w:p>
<w:p><w:r><w:t>I. MỤC TIÊU</w:t></w:r></w:p>
<w:p><w:r><w:t>Nội dung &amp; mục tiêu</w:t></w:r></w:p>
</w:body></w:document>"#
    );
    let notes = format!(
        r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:t>Công văn số 5 ngày 01/02/2023.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let bytes = docx(&[("word/document.xml", &body), ("word/footnotes.xml", &notes)]);
    let imported = import(Path::new("x.docx"), &bytes, Lang::Vi).unwrap();
    let preamble = &imported.draft.preamble.as_ref().unwrap().text;
    assert_eq!(preamble, "Thực hiện Công văn mới số 5[^2] như sau:\n\n[^2]: Công văn số 5 ngày 01/02/2023.");
    let doc = compose_imported(&imported, "x");
    let lines = doc.lines();
    assert!(lines.iter().any(|l| l.starts_with("Nội dung & mục tiêu")), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("Công văn số 5 ngày 01/02/2023.")), "the footnote is printed: {lines:?}");
}

/// What Word files carry beside plain runs, each sentence marked by a word of its
/// own: a symbol from the Symbol font (≥, ≤), a page break inside a paragraph, a
/// folder's name with "\n" in it, an endnote; footnotes whose first paragraph is a
/// deleted one, or whose XML is pretty-printed. Every word comes back, where it was.
#[test]
fn word_features_keep_their_words() {
    let read = |name: &str| {
        let path = root().join("tests/fixtures/import-word").join(name);
        import(&path, &std::fs::read(&path).unwrap(), Lang::Vi).unwrap_or_else(|e| panic!("{name}: {e:?}"))
    };
    let imported = read("word-features.docx");
    let text = document_paragraphs(&imported).join("\n");
    for expected in [
        "tư vấn ≥ 90% và tỷ lệ tái phạm ≤ 2% SYMSENTINEL",
        "TRUOCNGATTRANG SAUNGATTRANG tiếp tục",
        r"D:\new\nam2023 trên máy chủ BACKSLASHSENTINEL",
        "CHUTHICHCUOI Theo Nghị quyết số 05/NQ-HĐND",
        "Câu hiển thị HIENSENTINEL kết thúc",
    ] {
        assert!(text.contains(expected), "{expected}:\n{text}");
    }
    assert!(!text.contains("CHỮẨNSENTINEL"), "hidden text is not shown by Word");
    let lines = compose_imported(&imported, "word-features").lines().join("\n");
    assert!(lines.contains("CHUTHICHCUOI"), "the endnote is printed, as a footnote");
    for name in ["footnote-deleted-paragraph.docx", "footnote-pretty-printed.docx"] {
        let imported = read(name);
        let preamble = &imported.draft.preamble.as_ref().unwrap().text;
        assert!(preamble.contains("Luật Trẻ em[^1] và Nghị định 56/2017/NĐ-CP[^2]"), "{name}: {preamble}");
        assert!(
            preamble.contains("[^1]: CHUTHICH\\_MOT") && preamble.contains("[^2]: CHUTHICH\\_HAI"),
            "{name}: {preamble}"
        );
    }
}

/// Word files laid out as people lay them out: a header with tabs instead of a
/// table, lists numbered through a list style, an indicator appendix with notes
/// and columns of its own or a second table. Nothing is dropped.
#[test]
fn word_layouts_keep_their_frame_and_appendices() {
    let read = |name: &str| {
        let path = root().join("tests/fixtures/import-word").join(name);
        import(&path, &std::fs::read(&path).unwrap(), Lang::Vi).unwrap_or_else(|e| panic!("{name}: {e:?}"))
    };
    let tabs = read("header-with-tabs.docx");
    let d = &tabs.draft;
    assert_eq!(d.number.map(|n| n.0), Some(93));
    assert_eq!(d.place.as_ref().map(|p| p.text.as_str()), Some("Sơn La"));
    assert!(d.issuer.as_ref().is_some_and(|i| i.text.contains("Sơn La")), "{:?}", d.issuer);
    let (_, diags) = crate::support::check_path(&root().join("tests/fixtures/import-word/header-with-tabs.docx"));
    let missing: Vec<_> = diags
        .iter()
        .filter(|d| d["code"].as_str().is_some_and(|c| c.ends_with("national-name") || c.ends_with(".motto")))
        .collect();
    assert!(missing.is_empty(), "the Quốc hiệu and Tiêu ngữ are there: {missing:?}");

    let listed = read("list-style.docx");
    let indicators = listed.draft.objectives.iter().map(|o| o.indicators.len()).sum::<usize>();
    assert_eq!(indicators, 2, "{}", listed.toml);

    for (name, words) in [
        ("appendix-with-notes.docx", &["Kiểm soát bệnh tật", "Cục Thống kê", "Đơn vị tính"][..]),
        ("appendix-two-tables.docx", &["Báo Sơn La", "Đài Phát thanh và Truyền hình tỉnh"][..]),
    ] {
        let imported = read(name);
        let lines = compose_imported(&imported, name).lines().join("\n");
        for w in words {
            assert!(lines.contains(w), "{name}: {w}");
        }
    }
}

#[test]
fn unreadable_documents_get_a_clear_error() {
    use kehoach::import::ImportError;
    // A PDF with a page but no text layer (a scan: its content is an image).
    let objects = [
        "<</Type/Catalog/Pages 2 0 R>>",
        "<</Type/Pages/Kids[3 0 R]/Count 1>>",
        "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<<>>>>",
        "<</Length 24>>stream\n0 0 m 595 842 l S 0 0 m\nendstream",
    ];
    let mut pdf = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (n, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.push_str(&format!("{} 0 obj\n{o}\nendobj\n", n + 1));
    }
    let xref = pdf.len();
    pdf.push_str(&format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1));
    for o in offsets {
        pdf.push_str(&format!("{o:010} 00000 n \n"));
    }
    pdf.push_str(&format!("trailer\n<</Size {}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1));
    assert_eq!(import(Path::new("scan.pdf"), pdf.as_bytes(), Lang::Vi).err(), Some(ImportError::NeedsOcr));
    assert!(matches!(import(Path::new("x.docx"), b"PK\x03\x04broken", Lang::Vi), Err(ImportError::Damaged(_))));
    let unreadable = |name: &str, bytes: &[u8]| match import(Path::new(name), bytes, Lang::Vi).err() {
        Some(ImportError::Unsupported(what)) => Some(what),
        _ => None,
    };
    assert_eq!(unreadable("x.doc", b"\xd0\xcf\x11\xe0old word"), Some(Unreadable::Word97));
    // Each kind that is not imported is named, with what to do about it.
    let odt = b"PK\x03\x04\x14\0\0\0\0\0\0\0\0\0mimetypeapplication/vnd.oasis.opendocument.text";
    assert_eq!(unreadable("bao-cao.odt", odt), Some(Unreadable::OpenDocument));
    assert_eq!(unreadable("x.rtf", b"{\\rtf1\\ansi hello}"), Some(Unreadable::Rtf));
    assert_eq!(unreadable("x.docx", b"not a zip at all"), Some(Unreadable::NotWhatItsNameSays("Word (.docx)")));
    assert_eq!(unreadable("x.pdf", b"\x00\x01 random bytes"), Some(Unreadable::NotWhatItsNameSays("PDF")));
    let said = ImportError::Unsupported(Unreadable::OpenDocument).message(Path::new("bao-cao.odt")).render(Lang::Vi);
    assert!(said.contains("OpenDocument") && said.contains(".docx"), "{said}");
    // Half a document.xml: damaged, not half a plan.
    let word = |name: &str| std::fs::read(root().join("tests/fixtures/import-word").join(name)).unwrap();
    assert!(matches!(import(Path::new("x.docx"), &word("cut-short.docx"), Lang::Vi), Err(ImportError::Damaged(_))));
    assert_eq!(import(Path::new("x.docx"), &word("password.docx"), Lang::Vi).err(), Some(ImportError::Encrypted));
    assert_eq!(import(Path::new("x.docx"), b"", Lang::Vi).err(), Some(ImportError::Empty));
    // A scanned page saved as a picture, under any name: not a text in an old encoding.
    for (name, bytes) in [("scan.jpg", &b"\xFF\xD8\xFF\xE0\0\x10JFIF"[..]), ("trang-1", &b"\x89PNG\r\n\x1a\n\0\0"[..])]
    {
        assert_eq!(
            import(Path::new(name), bytes, Lang::Vi).err(),
            Some(ImportError::Unsupported(Unreadable::Picture)),
            "{name}"
        );
    }
    // A text saved in a Windows code page: what to do about it is said.
    let legacy = std::fs::read(root().join("tests/fixtures/import-cases/not-utf8.txt")).unwrap();
    let err = import(Path::new("x.txt"), &legacy, Lang::Vi).err().unwrap();
    assert_eq!(err, ImportError::NotUtf8);
    assert!(err.message(Path::new("x.txt")).render(Lang::Vi).contains("UTF-8"));
    // PDFs on which the PDF parser panics (found by fuzzing): damaged files, not a crash.
    for name in ["pdf-extract-panic.pdf", "cmap-parser-panic.pdf"] {
        let damaged = std::fs::read(root().join("tests/fixtures/import-damaged").join(name)).unwrap();
        assert!(matches!(import(Path::new("x.pdf"), &damaged, Lang::Vi), Err(ImportError::Damaged(_))), "{name}");
    }
    let tcvn3 = b"Uy ban nh\xa9n d\xa9n t\xd8nh \xae\xb8nh gi\xa8 k\xd5 ho\xb9ch";
    assert!(matches!(import(Path::new("x.txt"), tcvn3, Lang::Vi), Err(ImportError::LegacyEncoding(_))));
}

#[test]
fn import_command_writes_once_and_reports() {
    let dir = tempfile::tempdir().unwrap();
    let src = root().join("tests/fixtures/samples/son-la-2023-kh93.txt");
    let out = dir.path().join("kh93.toml");
    let run = |extra: &[&str]| {
        let mut args = vec!["import", src.to_str().unwrap(), "-o", out.to_str().unwrap()];
        args.extend(extra);
        crate::support::kehoach(&args)
    };
    let first = run(&[]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let stdout = String::from_utf8_lossy(&first.stdout);
    assert!(stdout.contains("20 chỉ tiêu") && stdout.contains("tháng 04"), "{stdout}");
    let written = std::fs::read_to_string(&out).unwrap();
    // The written plan checks: the loader reads it and points at nothing it cannot parse.
    let (code, diags) = crate::support::check_path(&out);
    assert!(diags.iter().all(|d| d["code"] != "toml-syntax" && d["code"] != "unknown-key"), "{diags:?}");
    assert!(code <= 1);
    let again = run(&[]);
    assert_eq!(again.status.code(), Some(2), "an existing file is not overwritten");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), written);
    assert!(run(&["--force"]).status.success());

    // Two documents of one name into one folder: each gets a plan of its own.
    let (a, b) = (dir.path().join("kh.txt"), dir.path().join("kh.TXT"));
    std::fs::copy(&src, &a).unwrap();
    std::fs::copy(root().join("tests/fixtures/samples/thai-binh-2022-kh42.txt"), &b).unwrap();
    let plans = dir.path().join("plans");
    std::fs::create_dir(&plans).unwrap();
    let both =
        crate::support::kehoach(&["import", a.to_str().unwrap(), b.to_str().unwrap(), "-o", plans.to_str().unwrap()]);
    // Thái Bình's plan, as published, has errors of its own: exit 1, both written.
    assert_eq!(both.status.code(), Some(1), "{}", String::from_utf8_lossy(&both.stderr));
    assert!(std::fs::read_to_string(plans.join("kh-txt.toml")).unwrap().contains("Sơn La"));
    assert!(std::fs::read_to_string(plans.join("kh-TXT.toml")).unwrap().contains("Thái Bình"));

    // One document into a folder that exists, or one named with its "/": the plan
    // goes in it, under the document's name.
    let one =
        crate::support::kehoach(&["import", a.to_str().unwrap(), "-o", dir.path().join("plans").to_str().unwrap()]);
    assert_ne!(one.status.code(), Some(2), "{}", String::from_utf8_lossy(&one.stderr));
    assert!(plans.join("kh.toml").is_file());
    let fresh = format!("{}/", dir.path().join("mới").display());
    let one = crate::support::kehoach(&["import", a.to_str().unwrap(), "-o", &fresh]);
    assert_ne!(one.status.code(), Some(2), "{}", String::from_utf8_lossy(&one.stderr));
    assert!(dir.path().join("mới/kh.toml").is_file());

    // A document whose plan has errors (Cẩm Giàng names no issuer) is written,
    // and the exit status says so, as `check` would.
    let cam_giang = root().join("tests/fixtures/samples/cam-giang-2023-kh15.txt");
    let out = crate::support::kehoach(&["import", cam_giang.to_str().unwrap(), "-o", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(dir.path().join("cam-giang-2023-kh15.toml").is_file());
}

#[test]
fn check_of_a_document_points_at_its_paragraph() {
    let src = root().join("tests/fixtures/samples/quang-ninh-2024-ct28.txt");
    let (_, diags) = crate::support::check_path(&src);
    let conflict =
        diags.iter().find(|d| d["code"] == "citation-conflict").expect("Chỉ thị 28-CT/TW is cited with two dates");
    let text = conflict.to_string();
    assert!(text.contains("quang-ninh-2024-ct28.txt\""), "the source document, not the TOML: {text}");
    assert!(text.contains("25/11/2023"), "{text}");
}

/// A no-break space after the comma of "Sơn La, ngày …" is still a place and date.
#[test]
fn a_date_after_a_no_break_space_is_found() {
    let (_, diags) = crate::support::check_path(&root().join("tests/fixtures/import-word/date-nbsp.docx"));
    let found: Vec<_> = diags.iter().filter(|d| d["code"].as_str().is_some_and(|c| c.contains("place-date"))).collect();
    assert!(found.is_empty(), "{found:?}");
}

/// A value the import made up (an indicator's id) is reported at the paragraph its
/// table came from, never in the TOML that exists only in memory.
#[test]
fn check_of_a_document_points_made_up_values_at_their_paragraph() {
    let text = crate::support::edit(&crate::support::minimal(), "lead = \"ldtbxh\"\n", "");
    let (_dir, plan) = crate::support::plan_file("plan.toml", &text);
    let (out, _, _) = crate::support::render(&plan, &["--draft", "--to", "docx"]);
    let docx = out.path().join("plan.docx");
    let (_, diags) = crate::support::check_path(&docx);
    let lead = diags.iter().find(|d| d["code"] == "lead-missing").expect("the indicator has no lead");
    let text = lead.to_string();
    assert!(!text.contains("plan.docx.toml"), "{text}");
    assert!(text.contains("plan.docx\""), "{text}");
    let imported = import(&docx, &std::fs::read(&docx).unwrap(), Lang::Vi).unwrap();
    let line = lead["line"].as_u64().unwrap() as usize;
    let paragraph = imported.paragraph_text().lines().nth(line - 1).unwrap().to_string();
    assert!(paragraph.contains("đăng ký khai sinh"), "the indicator's paragraph: {paragraph}");
}

/// A district plan that exists only as a Word file, imported against its province's
/// plan: the child holds only what differs, and it renders as the document did.
#[test]
fn import_against_the_parent_writes_a_traceable_child() {
    let repo = root();
    let parent = repo.join("plans/son-la-2023-kh93.toml");
    let district = repo.join("plans/son-la/huyen-mai-son-2023.toml");
    let mut map = kehoach::source::SourceMap::new();
    let (plan, _) = kehoach::check_file_in(&mut map, &district, &repo).unwrap();
    let templates = kehoach::templates::Templates::builtin().unwrap();
    let doc = kehoach::compose::compose(&plan.unwrap(), &templates, false).unwrap();
    let exporter = kehoach::export::exporter(kehoach::export::Format::Docx, &kehoach::export::Settings::default());
    // Inside the repository: `extends` may not leave the folder given as --root.
    let dir = tempfile::Builder::new().prefix(".import-test-").tempdir_in(&repo).unwrap();
    let docx = dir.path().join("huyen.docx");
    std::fs::write(&docx, exporter.export(&doc).unwrap()).unwrap();
    let child = dir.path().join("huyen.toml");
    let out = crate::support::kehoach(&[
        "--root",
        repo.to_str().unwrap(),
        "import",
        docx.to_str().unwrap(),
        "--extends",
        parent.to_str().unwrap(),
        "-o",
        child.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&child).unwrap();
    assert!(text.contains("extends = \"../plans/son-la-2023-kh93.toml\""), "{text}");
    // Only what differs: the province's unchanged indicators are not repeated.
    assert!(!text.contains("id = \"tiep-can-dich-vu-phat-trien-toan-dien\""), "{text}");
    assert!(text.contains("value = 68.2"), "{text}");
    let mut map = kehoach::source::SourceMap::new();
    let (back, diags) = kehoach::check_file_in(&mut map, &child, &repo).unwrap();
    let back = back.unwrap_or_else(|| panic!("{diags:?}\n{text}"));
    assert!(back.parent.is_some(), "the child extends its parent");
    let lines = doc.lines();
    let again = kehoach::compose::compose(&back, &templates, false).unwrap().lines();
    assert!(lines == again, "{}\n{text}", first_difference(&lines, &again));
    // And `trace` compares it with the province.
    let trace = crate::support::kehoach(&["--root", repo.to_str().unwrap(), "trace", child.to_str().unwrap()]);
    assert!(trace.status.success(), "{}", String::from_utf8_lossy(&trace.stdout));
}

/// Damaged texts as they reach offices: OCR that lost every diacritic, "\r\n"
/// written out as text, words run together. No crash, no word lost, and the
/// frame still found.
#[test]
fn damaged_texts_import_without_loss() {
    let path = root().join("tests/fixtures/samples/son-la-2023-kh93.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let plain = |s: &str| -> String {
        use unicode_normalization::UnicodeNormalization;
        s.nfd()
            .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
            .map(|c| match c {
                'đ' => 'd',
                'Đ' => 'D',
                c => c,
            })
            .collect()
    };
    let damaged = [
        ("no-diacritics", plain(&text)),
        ("literal-crlf", text.replace("\n\n", "\\r\\n")),
        ("run-together", text.replace("trẻ em", "trẻem").replace("Kế hoạch", "Kếhoạch")),
    ];
    for (name, text) in damaged {
        let file = Path::new("damaged.txt");
        let imported = import(file, text.as_bytes(), Lang::Vi).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let doc = compose_imported(&imported, name);
        // Rendered, the frame and "Chỉ tiêu" get their diacritics back: compared without them.
        let folded = |w: Vec<String>| w.iter().map(|w| kehoach::import::fold(w)).collect::<Vec<_>>();
        let (a, b) = (folded(words(&document_paragraphs(&imported))), folded(words(&doc.lines())));
        let share = kept_in_order(&a, &b);
        assert!(share >= 0.995, "{name}: {:.2}% kept; lost {:?}", share * 100.0, lost(&a, &b));
        let d = &imported.draft;
        assert_eq!(d.number.map(|n| n.0), Some(93), "{name}");
        assert!(d.signature.name.is_some(), "{name}");
        let indicators = d.objectives.iter().map(|o| o.indicators.len()).sum::<usize>();
        assert_eq!(indicators, 20, "{name}");
    }
}

/// Two Word versions compared by meaning, as two plan files are.
#[test]
fn diff_of_two_word_versions_lists_the_changes() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("plans/son-la-2023-kh93.toml")).unwrap();
    let changed = text.replacen("target = { value = 95, unit = \"%\" }", "target = { value = 97, unit = \"%\" }", 1);
    assert_ne!(text, changed);
    let exporter = kehoach::export::exporter(kehoach::export::Format::Docx, &kehoach::export::Settings::default());
    let mut docs = Vec::new();
    for (name, plan) in [("v1", &text), ("v2", &changed)] {
        let toml = dir.path().join(format!("{name}.toml"));
        std::fs::write(&toml, plan).unwrap();
        let (doc, _) = plan_lines(&toml);
        let docx = dir.path().join(format!("{name}.docx"));
        std::fs::write(&docx, exporter.export(&doc).unwrap()).unwrap();
        docs.push(docx);
    }
    let out =
        crate::support::kehoach(&["diff", docs[0].to_str().unwrap(), docs[1].to_str().unwrap(), "--format", "json"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let changes: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|_| panic!("{stdout}\n{}", String::from_utf8_lossy(&out.stderr)));
    let list = changes.as_array().unwrap();
    assert_eq!(list.len(), 1, "{stdout}");
    assert!(stdout.contains("95") && stdout.contains("97"), "{stdout}");
    // An input's problems are said on stderr: stdout stays JSON.
    let broken = dir.path().join("v3.toml");
    let first_lead = changed.find("\nlead = ").unwrap();
    let line_end = first_lead + 1 + changed[first_lead + 1..].find('\n').unwrap();
    std::fs::write(&broken, format!("{}{}", &changed[..first_lead], &changed[line_end..])).unwrap();
    let out =
        crate::support::kehoach(&["diff", docs[0].to_str().unwrap(), broken.to_str().unwrap(), "--format", "json"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(serde_json::from_str::<serde_json::Value>(&stdout).is_ok(), "{stdout}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("lead-missing"), "{}", String::from_utf8_lossy(&out.stderr));
}

/// Two versions of a Word plan whose appendix has notes of its own, and a "≥"
/// that became "≤": every changed word is listed, the appendix's word by word.
#[test]
fn diff_of_word_versions_sees_the_appendix_and_symbols() {
    let dir = root().join("tests/fixtures/import-word");
    let out = crate::support::kehoach(&[
        "diff",
        dir.join("version-1.docx").to_str().unwrap(),
        dir.join("version-2.docx").to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    for expected in ["[-≥-]{+≤+}", "[-87,3-]{+90+}", "quý [-IV-]{+III+}", "[-15/01/2023-]{+20/02/2023+}", "5 thay đổi"]
    {
        assert!(stdout.contains(expected), "{expected}:\n{stdout}");
    }
}

/// Cases from real plans: indicators straight under "II. MỤC TIÊU" (no a), b)
/// heading), and a part heading on a page's last line of a LibreOffice PDF (whose
/// "TM." line sits above Nơi nhận). Each
/// imports to a plan without errors that renders.
#[test]
fn real_plan_layouts_import_to_a_plan_that_renders() {
    let dir = tempfile::tempdir().unwrap();
    for (file, duties) in [("no-objective-heading.txt", 2), ("heading-at-page-end.pdf", 2)] {
        let src = root().join("tests/fixtures/import-cases").join(file);
        let imported = import(&src, &std::fs::read(&src).unwrap(), Lang::Vi).unwrap();
        assert_eq!(imported.draft.duties.len(), duties, "{file}: duties\n{}", imported.toml);
        // "TM. ỦY BAN NHÂN DÂN" set a little above Nơi nhận in the PDF.
        assert!(imported.draft.signature.collective.is_some(), "{file}: TM.\n{}", imported.toml);
        let errors = errors_of_imported(&imported, file);
        assert!(errors.is_empty(), "{file}: {errors:?}\n{}", imported.toml);
        let out = dir.path().join(file).with_extension("toml");
        let run = crate::support::kehoach(&["import", src.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        let render = crate::support::kehoach(&["render", out.to_str().unwrap(), "-o", dir.path().to_str().unwrap()]);
        assert!(render.status.success(), "{file}: {}", String::from_utf8_lossy(&render.stdout));
    }
}

/// A header laid out with centring tab stops, each line starting with a tab: the
/// issuer, the place and the date are read as from any tab-laid header.
#[test]
fn a_header_whose_lines_start_with_a_tab_is_read() {
    let docx = root().join("tests/fixtures/import-word/header-leading-tab.docx");
    let out = crate::support::kehoach(&["check", "--format", "json", docx.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("blank-field") && !text.contains("signature-form"), "{text}");
}

/// An appendix after the signature of a text file: after the rule of its footnotes
/// (whose notes a text file gives at the end), or on a page of `pdftotext -layout`
/// text right under the signer's name. Each is kept, and the signer's name is whole.
#[test]
fn an_appendix_after_the_signature_of_a_text_file_is_kept() {
    for file in ["appendix-after-footnote.txt", "appendix-new-page.layout.txt"] {
        let src = root().join("tests/fixtures/import-cases").join(file);
        let imported = import(&src, &std::fs::read(&src).unwrap(), Lang::Vi).unwrap();
        assert!(imported.toml.contains("[[appendices]]"), "{file}\n{}", imported.toml);
        assert!(imported.toml.contains("Xã Tông Lệnh: 05 lớp, thời gian tháng 8."), "{file}\n{}", imported.toml);
        assert!(imported.toml.contains("name = \"Lò Văn Hùng\"\n"), "{file}\n{}", imported.toml);
        let skipped = imported.notes().iter().filter(|n| n.kind == NoteKind::Skipped).count();
        assert_eq!(skipped, 0, "{file}: {:?}", imported.notes());
    }
}

/// A text file whose header (and signature) kept Word's two columns: set apart by
/// spaces, as a PDF viewer copies them, or by tabs, as Word's table pastes. The
/// issuer, the number, the place and date and the signer are read.
#[test]
fn a_two_column_header_in_a_text_file_is_read() {
    for (file, issuer, signer) in [
        ("header-in-spaces.txt", "name = \"Ủy ban nhân dân huyện Thuận Châu\"", "name = \"Lò Văn Hùng\""),
        ("header-in-tabs.txt", "name = \"Sở Y tế\"", "name = \"Nguyễn Văn Bình\""),
    ] {
        let src = root().join("tests/fixtures/import-cases").join(file);
        let imported = import(&src, &std::fs::read(&src).unwrap(), Lang::Vi).unwrap();
        let toml = &imported.toml;
        for expected in [issuer, signer, "summary = \"", "place = \"", "date = 2023-"] {
            assert!(toml.contains(expected), "{file}: {expected}\n{toml}");
        }
        assert!(!toml.contains("không tìm thấy tên loại văn bản"), "{file}\n{toml}");
        assert!(!toml.contains("____"), "{file}\n{toml}");
    }
}

/// `pdftotext -layout` text of a Quyết định whose appendix is a landscape table:
/// its wide pages do not make the portrait pages' titles look uncentred, so the
/// two-line summary, the authority, each căn cứ (one a paragraph, although the
/// lines run on) and the Tờ trình are read.
#[test]
fn a_decision_with_a_landscape_appendix_keeps_its_bases() {
    let src = root().join("tests/fixtures/import-cases/decision-landscape-appendix.layout.txt");
    let imported = import(&src, &std::fs::read(&src).unwrap(), Lang::Vi).unwrap();
    let toml = &imported.toml;
    for expected in [
        "summary = \"Ban hành Kế hoạch thực hiện Chương trình hành động vì trẻ em tỉnh Vĩnh Long giai đoạn 2021 - 2030\"",
        "authority = \"Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Long\"",
        "\"Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015\",",
        "\"Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019\",",
        "proposal = \"Theo đề nghị của Giám đốc Sở Lao động - Thương binh và Xã hội tại Tờ trình số 118/TTr-SLĐTBXH ngày 04 tháng 6 năm 2021\"",
    ] {
        assert!(toml.contains(expected), "{expected}\n{toml}");
    }
    assert!(imported.notes().iter().all(|n| n.key != "import.decision-text"), "{:?}", imported.notes());
    let errors = errors_of_imported(&imported, "decision-landscape-appendix");
    assert!(errors.is_empty(), "{errors:?}\n{toml}");
}

/// A paragraph before Điều 1 that is neither a căn cứ nor the Tờ trình stays in
/// the document, as written among the bases, and the note says so.
#[test]
fn a_paragraph_before_the_first_article_is_kept() {
    let text = "ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\nSố: 12/QĐ-UBND\nSơn La, ngày 03 tháng 4 năm 2023\n\nQUYẾT ĐỊNH\nBan hành Kế hoạch bảo vệ trẻ em\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH SƠN LA\n\nCăn cứ Luật Trẻ em ngày 05 tháng 4 năm 2016;\nXét tình hình thực tế của địa phương;\nTheo đề nghị của Giám đốc Sở Y tế.\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch bảo vệ trẻ em.\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\nNơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nLò Văn Hùng\n";
    let imported = import(Path::new("qd.txt"), text.as_bytes(), Lang::Vi).unwrap();
    let toml = &imported.toml;
    assert!(toml.contains("\"Xét tình hình thực tế của địa phương;\""), "{toml}");
    assert!(toml.contains("\"Căn cứ Luật Trẻ em ngày 05 tháng 4 năm 2016;\""), "{toml}");
    assert!(imported.notes().iter().any(|n| n.key == "import.decision-text"), "{:?}", imported.notes());
}

/// A paragraph after the Tờ trình is kept after it: both then stand among the
/// bases, as written and in their order.
#[test]
fn a_paragraph_after_the_proposal_stays_after_it() {
    let text = "ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\nSố: 12/QĐ-UBND\nSơn La, ngày 03 tháng 4 năm 2023\n\nQUYẾT ĐỊNH\nBan hành Kế hoạch bảo vệ trẻ em\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH SƠN LA\n\nCăn cứ Luật Trẻ em ngày 05 tháng 4 năm 2016;\nTheo đề nghị của Giám đốc Sở Y tế tại Tờ trình số 45/TTr-SYT;\nXét tình hình thực tế của địa phương.\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch bảo vệ trẻ em.\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\nNơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nLò Văn Hùng\n";
    let imported = import(Path::new("qd.txt"), text.as_bytes(), Lang::Vi).unwrap();
    let toml = &imported.toml;
    let at = |s: &str| toml.find(s).unwrap_or_else(|| panic!("{s}\n{toml}"));
    assert!(
        at("\"Căn cứ Luật Trẻ em") < at("\"Theo đề nghị của Giám đốc Sở Y tế tại Tờ trình số 45/TTr-SYT;\""),
        "{toml}"
    );
    assert!(at("\"Theo đề nghị") < at("\"Xét tình hình thực tế của địa phương.\""), "{toml}");
    assert!(!toml.contains("proposal ="), "{toml}");
}

/// The published Thái Bình plan has its drafter's initials ("DS") on a line under
/// "Lưu": read as the mark (ô 12), from the text and from our own PDF, and not as
/// a line of the signer's title.
#[test]
fn the_drafters_mark_is_read_apart_from_the_signature() {
    let src = root().join("tests/fixtures/samples/thai-binh-2022-kh42.txt");
    let imported = import(&src, &std::fs::read(&src).unwrap(), Lang::Vi).unwrap();
    assert!(imported.toml.contains("drafter = \"DS\"\n"), "{}", imported.toml);
    assert!(imported.toml.contains("title = \"Phó Chủ tịch\"\n"), "{}", imported.toml);
}

/// The decision's authority over two lines is one authority; with no authority
/// line, the first căn cứ stays a căn cứ and never joins the summary.
#[test]
fn a_decisions_authority_and_bases_are_read_however_laid_out() {
    let src = read("tests/fixtures/import-cases/decision-landscape-appendix.layout.txt");
    let one_line = "           CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH VĨNH LONG\n";
    let two_lines = "                 CHỦ TỊCH ỦY BAN NHÂN DÂN\n                     TỈNH VĨNH LONG\n";
    let imported = import(Path::new("qd.txt"), edit(&src, one_line, two_lines).as_bytes(), Lang::Vi).unwrap();
    assert!(imported.toml.contains("authority = \"Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Long\"\n"), "{}", imported.toml);
    assert!(!imported.toml.contains("\"TỈNH VĨNH LONG"), "{}", imported.toml);

    let imported = import(Path::new("qd.txt"), edit(&src, one_line, "").as_bytes(), Lang::Vi).unwrap();
    let toml = &imported.toml;
    let summary = toml.lines().find(|l| l.starts_with("summary = \"Ban hành")).unwrap_or_default();
    assert!(!summary.contains("Căn cứ"), "{toml}");
    assert!(toml.contains("  \"Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015\",\n"), "{toml}");

    // Two căn cứ run together on one line are two, and with a line kept as written
    // every line keeps its own punctuation.
    let joined = edit(&src, "năm 2015;\n      Căn cứ Luật sửa đổi", "năm 2015; Căn cứ Luật sửa đổi");
    let joined =
        edit(&joined, "     Căn cứ Luật Trẻ em ngày", "     Xét tình hình thực tế;\n     Căn cứ Luật Trẻ em ngày");
    let imported = import(Path::new("qd.txt"), joined.as_bytes(), Lang::Vi).unwrap();
    let toml = &imported.toml;
    assert!(
        toml.contains(
            "  \"Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\",\n  \"Căn cứ Luật sửa đổi"
        ),
        "{toml}"
    );
    assert!(toml.contains("proposal = \"Theo đề nghị của Giám đốc Sở Lao động - Thương binh và Xã hội tại Tờ trình số 118/TTr-SLĐTBXH ngày 04 tháng 6 năm 2021.\"\n"), "{toml}");
    assert!(toml.contains("\"Xét tình hình thực tế;\""), "{toml}");

    // A "Thực hiện …" line under a full line ending ";" is its own paragraph.
    let done = edit(
        &src,
        "năm 2015;\n      Căn cứ Luật sửa đổi",
        "năm 2015;\n     Thực hiện Kế hoạch số 10/KH-UBND ngày 05 tháng 01 năm 2021;\n      Căn cứ Luật sửa đổi",
    );
    let imported = import(Path::new("qd.txt"), done.as_bytes(), Lang::Vi).unwrap();
    let toml = &imported.toml;
    assert!(toml.contains("  \"Thực hiện Kế hoạch số 10/KH-UBND ngày 05 tháng 01 năm 2021;\",\n"), "{toml}");
    assert!(toml.contains("  \"Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\",\n"), "{toml}");
}

/// Plain `pdftotext` (no -layout) of a decision: "QUYẾT ĐỊNH:" after the Tờ trình
/// is the kind line, not the end of the Tờ trình.
#[test]
fn the_kind_line_after_the_proposal_is_not_part_of_it() {
    crate::support::require_tools!("pdftotext");
    let (dir, code, out) = crate::support::render(&root().join("plans/vinh-long-2021-2030-qd.toml"), &["--to", "pdf"]);
    assert_eq!(code, 0, "{out}");
    let pdf = dir.path().join("vinh-long-2021-2030-qd.pdf");
    let text = crate::support::tool("pdftotext", &[pdf.to_str().unwrap(), "-"]).stdout;
    let imported = import(Path::new("qd.txt"), &text, Lang::Vi).unwrap();
    let proposal = imported.toml.lines().find(|l| l.starts_with("proposal = ")).unwrap_or_default();
    assert!(proposal.starts_with("proposal = \"Theo đề nghị") && !proposal.contains("QUYẾT ĐỊNH"), "{}", imported.toml);
    // So too when the lines keep their own punctuation (a căn cứ without its ";").
    let text = String::from_utf8(text).unwrap().replacen("tháng 4 năm 2016;", "tháng 4 năm 2016", 1);
    let imported = import(Path::new("qd.txt"), text.as_bytes(), Lang::Vi).unwrap();
    let proposal = imported.toml.lines().find(|l| l.starts_with("proposal = ")).unwrap_or_default();
    assert!(imported.toml.contains("punctuate = false"), "{}", imported.toml);
    assert!(proposal.starts_with("proposal = \"Theo đề nghị") && !proposal.contains("QUYẾT ĐỊNH"), "{}", imported.toml);
}

/// The drafter's mark (ô 12), well formed or not, comes back from every format
/// the plan is rendered to, and the signature is whole: from the DOCX, the PDF,
/// and `pdftotext` text with and without -layout (the mark in the left column under
/// the entries, or read among the signature's lines); with and without a Lưu line.
/// (Not read: a mark out of the decree's form with no Lưu line, under a last
/// entry ended by ";": a text reads it as that entry's next line, keeping its words.)
#[test]
fn the_drafters_mark_comes_back_from_every_format() {
    crate::support::require_tools!("pdftotext");
    let plain_archive = "archive = [\"VT\", \"KGVX\"]";
    for (mark, archive) in
        [("PL.(300)", true), ("DS", true), ("ds", true), ("Phương", true), ("A.(3a)", true), ("PL.(300)", false)]
    {
        let with =
            if archive { format!("{plain_archive}\ndrafter = \"{mark}\"") } else { format!("drafter = \"{mark}\"") };
        let text = edit(&minimal(), plain_archive, &with).replacen("[document]", "[document]\nstatus = \"draft\"", 1);
        let (_p, plan) = plan_file("ke-hoach.toml", &text);
        let (dir, code, out) = crate::support::render(&plan, &["--to", "docx,pdf"]);
        assert!(code <= 1, "{out}");
        let pdf = dir.path().join("ke-hoach.pdf");
        let layout = crate::support::tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]).stdout;
        let plain = crate::support::tool("pdftotext", &[pdf.to_str().unwrap(), "-"]).stdout;
        let inputs = [
            ("docx", std::fs::read(dir.path().join("ke-hoach.docx")).unwrap()),
            ("pdf", std::fs::read(&pdf).unwrap()),
            ("txt", layout),
            ("txt", plain),
        ];
        for (ext, bytes) in inputs {
            let imported = import(Path::new(&format!("x.{ext}")), &bytes, Lang::Vi).unwrap();
            let toml = &imported.toml;
            let what = format!("{mark} (archive: {archive}) from {ext}");
            assert!(toml.contains(&format!("drafter = \"{mark}\"\n")), "{what}\n{toml}");
            assert!(toml.contains("name = \"Nguyễn Văn A\"\n"), "{what}\n{toml}");
            assert!(!toml.contains(&format!("{mark}\n'''")) && !toml.contains("title = \"Pl"), "{what}\n{toml}");
            if archive {
                assert!(toml.contains("  \"KGVX\",\n]"), "{what}\n{toml}");
            }
        }
    }
}

/// Lines that only look like a drafter's mark stay what they are: a title's last
/// word wrapped onto its own line ("TRỰC"), a unit's abbreviation in the Lưu line
/// ("P. TCHC").
#[test]
fn a_signature_or_archive_line_is_not_taken_for_the_drafters_mark() {
    let text = "ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\nSố: 12/KH-UBND\nSơn La, ngày 03 tháng 4 năm 2023\n\nKẾ HOẠCH\nBảo vệ trẻ em năm 2023\n\nI. MỤC ĐÍCH\nBảo đảm quyền trẻ em.\n\nNơi nhận:\n- Bộ Lao động - TBXH;\n- Lưu: VT, P. TCHC.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH THƯỜNG\nTRỰC\n\nLò Văn Hùng\n";
    let imported = import(Path::new("kh.txt"), text.as_bytes(), Lang::Vi).unwrap();
    let toml = &imported.toml;
    assert!(!toml.contains("drafter ="), "{toml}");
    assert!(toml.contains("  \"P. TCHC\",\n]"), "{toml}");
    assert!(toml.contains("Phó Chủ tịch thường\nTrực") || toml.contains("Phó Chủ tịch Thường trực"), "{toml}");
    assert!(toml.contains("name = \"Lò Văn Hùng\"\n"), "{toml}");
}

/// Header layouts of real offices: the national name wrapped in its cell
/// ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA" / "VIỆT NAM", a LibreOffice PDF), and the issuer set
/// in two lines, "ỦY BAN NHÂN DÂN" not bold over "TỈNH SƠN LA" bold. Both are one
/// issuer with its place name in capitals, and no signature error follows.
#[test]
fn header_layouts_give_the_issuer_whole() {
    for file in ["national-name-wrapped.pdf", "issuer-in-two-lines.docx"] {
        let src = root().join("tests/fixtures/import-cases").join(file);
        let imported = import(&src, &std::fs::read(&src).unwrap(), Lang::Vi).unwrap();
        let d = &imported.draft;
        assert_eq!(d.issuer.as_ref().map(|v| v.text.as_str()), Some("Ủy ban nhân dân tỉnh Sơn La"), "{file}");
        assert!(d.parent.is_none(), "{file}: {:?}", d.parent);
        let errors = errors_of_imported(&imported, file);
        assert!(errors.is_empty(), "{file}: {errors:?}");
    }
}

/// A website's copy pasted into Word (LibreOffice): its "[1] …" note paragraph is
/// a footnote again, and "Nguồn tra cứu: …" after the signature is the website's,
/// skipped and said, not printed in the plan's closing.
#[test]
fn website_text_pasted_into_word_is_read_as_the_text_file_is() {
    let src = root().join("tests/fixtures/import-cases/website-text-in-word.docx");
    let imported = import(&src, &std::fs::read(&src).unwrap(), Lang::Vi).unwrap();
    assert!(imported.toml.contains("[^1]: Kế hoạch số 225/KH-UBND"), "{}", imported.toml);
    assert!(!imported.toml.contains("\\[1\\]"), "{}", imported.toml);
    assert!(!imported.toml.contains("Nguồn tra cứu"), "{}", imported.toml);
    assert!(
        imported.notes().iter().any(|n| n.kind == NoteKind::Skipped
            && n.paragraph.is_some_and(|p| imported.paragraphs[p].text.contains("Nguồn tra cứu"))),
        "the skipped line is said"
    );
}

/// A Word file with an empty paragraph between its lines (text pasted from a
/// website, as clerks do): the plan's findings and the NĐ 30 findings count its
/// paragraphs one way, Word's, empty ones included, and so does `import`.
#[test]
fn findings_on_a_word_file_count_its_paragraphs_one_way() {
    let fixture = root().join("tests/fixtures/import-cases/blank-paragraphs-between.docx");
    // As LibreOffice wrote it, and with its empty paragraphs as Word writes them: `<w:p/>`.
    let dir = tempfile::tempdir().unwrap();
    let word = dir.path().join("word-empty-paragraphs.docx");
    std::fs::write(&word, self_closing_empty_paragraphs(&std::fs::read(&fixture).unwrap())).unwrap();
    for src in [fixture, word] {
        same_count_everywhere(&src);
    }
}

/// The DOCX with each paragraph that holds no text written `<w:p/>`.
fn self_closing_empty_paragraphs(bytes: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == "word/document.xml" {
            let xml = String::from_utf8(data).unwrap();
            let mut rewritten = String::new();
            let mut rest = xml.as_str();
            while let Some(start) = rest.find("<w:p>").or_else(|| rest.find("<w:p ")) {
                let end = start + rest[start..].find("</w:p>").unwrap() + "</w:p>".len();
                rewritten.push_str(&rest[..start]);
                let p = &rest[start..end];
                rewritten.push_str(if p.contains("<w:t") { p } else { "<w:p/>" });
                rest = &rest[end..];
            }
            rewritten.push_str(rest);
            assert!(rewritten.contains("<w:p/>"));
            data = rewritten.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn same_count_everywhere(src: &Path) {
    let xml = crate::support::docx_part(src, "word/document.xml");
    // Word's number of the paragraph holding `text`: paragraphs before it, plus one.
    let number_of = |text: &str| {
        let before = &xml[..xml.find(text).unwrap()];
        before.matches("</w:p>").count() + before.matches("<w:p/>").count() + 1
    };
    let out = crate::support::kehoach(&["check", src.to_str().unwrap(), "--format", "json"]);
    let all: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let lead = all.iter().find(|d| d["code"] == "lead-shared").expect("a content finding");
    assert_eq!(lead["line"].as_u64(), Some(number_of("Chỉ tiêu 6: Đảm bảo") as u64), "{lead}");
    let date = all.iter().find(|d| d["code"] == "nd30.pl1.ii.4b.date-zero").expect("a form finding");
    assert_eq!(date["paragraph"].as_u64(), Some(number_of("Sơn La, ngày 03 tháng 04") as u64), "{date}");
    // The import's own notes name the same paragraph.
    let dir = tempfile::tempdir().unwrap();
    let out = crate::support::kehoach(&["import", src.to_str().unwrap(), "-o", dir.path().to_str().unwrap()]);
    let said = String::from_utf8_lossy(&out.stdout);
    let expected = format!("đoạn {}: văn bản gốc ghi \"ngày 03 tháng 04", number_of("Sơn La, ngày 03 tháng 04"));
    assert!(said.contains(&expected), "{}: {expected}\n{said}", src.display());
}

/// A Word plan whose "Tổ chức thực hiện" is one paragraph of prose, not a list of
/// agencies: nothing in it is missing, so `check` passes and `import` keeps the words
/// as they are instead of a list of duties the plan does not have.
#[test]
fn duties_written_as_prose_are_no_missing_list() {
    let src = root().join("tests/fixtures/import-cases/duties-as-prose.docx");
    let imported = import(&src, &std::fs::read(&src).unwrap(), Lang::Vi).unwrap();
    assert!(!imported.toml.contains("content = \"duties\""), "{}", imported.toml);
    assert!(imported.toml.contains("căn cứ chức năng, nhiệm vụ tổ chức thực hiện Kế hoạch này"), "{}", imported.toml);
    let out = crate::support::kehoach(&["check", src.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
}
