//! NĐ 30 conformance of DOCX files: every file kehoach writes gives no finding,
//! and each known defect, made in one of them, is found by its rule.

use std::io::{Read, Write};
use std::path::Path;

use kehoach::conform::{check, rules};

use crate::support::{kehoach, root};

/// The strict OOXML validator finds nothing in `docx` (when it is installed; CI has it).
fn strictly_valid(docx: &Path) {
    if crate::support::have_tools(&["openxml-audit"]) {
        let out = crate::support::tool("openxml-audit", &["-o", "json", "--policy", "strict", docx.to_str().unwrap()]);
        let report: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        let n = report[0]["error_count"].as_u64().unwrap() + report[0]["warning_count"].as_u64().unwrap();
        assert_eq!(n, 0, "{}", serde_json::to_string_pretty(&report).unwrap());
    }
}

/// A copy of `docx` with `from` replaced by `to` in one part.
fn edited(docx: &[u8], part: &str, from: &str, to: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut found = false;
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().to_string();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        if name == part {
            let text = String::from_utf8(bytes).unwrap();
            found = text.contains(from);
            bytes = text.replacen(from, to, 1).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&bytes).unwrap();
    }
    assert!(found, "{from:?} is not in {part}");
    out.finish().unwrap().into_inner()
}

fn rendered(dir: &Path, args: &[&str]) -> Vec<std::path::PathBuf> {
    let repo = root();
    let mut all = vec!["--root", repo.to_str().unwrap()];
    all.extend(args);
    let out = kehoach(&all);
    assert!(out.status.success() || out.status.code() == Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_docx_kehoach_writes_gives_no_finding() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let plans = root().join("plans");
    let mut args = vec!["render", "--to", "docx", "-o", out];
    let mut names: Vec<String> = std::fs::read_dir(&plans)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| p.display().to_string())
        .collect();
    names.extend(std::fs::read_dir(plans.join("son-la")).unwrap().map(|e| e.unwrap().path().display().to_string()));
    // The parts headed each way the format allows ("Phần thứ nhất", A.). Without part
    // headings ("none"), the clauses Sơn La numbers 1., 2. in each part would follow
    // each other: the finding is right there.
    for parts in ["ordinal", "letter"] {
        let text = std::fs::read_to_string(plans.join("son-la-2023-kh93.toml")).unwrap().replacen(
            "[document]\n",
            &format!("[document]\nparts = \"{parts}\"\n"),
            1,
        );
        let path = dir.path().join(format!("son-la-{parts}.toml"));
        std::fs::write(&path, text).unwrap();
        names.push(path.display().to_string());
    }
    args.extend(names.iter().map(String::as_str));
    rendered(dir.path(), &args);
    // The comparison table and the redline of two versions.
    let versions = root().join("tests/fixtures/versions");
    let v: Vec<String> = std::fs::read_dir(&versions)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| p.ends_with(".toml"))
        .collect();
    let mut sorted = v.clone();
    sorted.sort();
    let files = rendered(dir.path(), &["diff", &sorted[0], &sorted[1], "--to", "docx", "--redline", "-o", out]);
    assert!(files.len() >= names.len() + 2, "{files:?}");
    let mut report = Vec::new();
    for f in &files {
        let findings = check(&std::fs::read(f).unwrap()).expect("a DOCX");
        for x in &findings {
            report.push(format!(
                "{}: {} ({:?}) {}",
                f.display(),
                x.rule,
                x.paragraph,
                x.message(kehoach::diag::Lang::En)
            ));
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}

/// (part, from, to): one replacement in one part of a DOCX.
type Edit<'a> = (&'a str, &'a str, &'a str);

#[test]
fn each_known_defect_is_found_by_its_rule() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let clean_of = |name: &str| {
        let plan = root().join("plans").join(name);
        let files = rendered(dir.path(), &["render", plan.to_str().unwrap(), "--to", "docx", "-o", out]);
        let file = files.iter().find(|f| f.file_stem() == plan.file_stem()).unwrap();
        let clean = std::fs::read(file).unwrap();
        assert_eq!(check(&clean).unwrap(), Vec::new(), "{name}");
        clean
    };
    // A plan (Sơn La), a decision with its plan and appendix (Vĩnh Long), and a
    // plan with the drafter's mark under its Lưu line (Thái Bình).
    let plans = [
        clean_of("son-la-2023-kh93.toml"),
        clean_of("vinh-long-2021-2030-qd.toml"),
        clean_of("thai-binh-2022-kh42.toml"),
    ];
    const SL: usize = 0;
    const VL: usize = 1;
    const TB: usize = 2;
    let doc = "word/document.xml";
    let styles = "word/styles.xml";
    let para = |style: &str, text: &str| {
        format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    };
    let heading1 = "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">I. MỤC TIÊU";
    let kind = "<w:p><w:pPr><w:pStyle w:val=\"TenLoai\"/></w:pPr><w:r><w:t xml:space=\"preserve\">KẾ HOẠCH";
    let before = |what: String, at: &str| what + at;
    let part_label = before(para("NoiDung", "Phần 1"), heading1);
    let addressee = before(
        "<w:p><w:pPr><w:pStyle w:val=\"NoiDung\"/></w:pPr><w:r><w:rPr><w:i/></w:rPr><w:t>Kính gửi: Các sở, ban, ngành</w:t></w:r></w:p>".into(),
        heading1,
    );
    let urgent = before(para("TenLoai", "Hỏa tốc"), kind);
    let two_appendices =
        format!("<w:t xml:space=\"preserve\">Phụ lục I</w:t></w:r></w:p>{}", para("TenLoai", "Phụ lục 2"));
    let body = "Ủy ban nhân dân tỉnh Sơn La ban hành";
    let cases: &[(&str, usize, &[Edit])] = &[
        (rules::MARGIN_LEFT, SL, &[(doc, "w:left=\"1701\"", "w:left=\"1134\"")]),
        (rules::MARGIN_TOP, SL, &[(doc, "w:top=\"1134\"", "w:top=\"1800\"")]),
        (rules::PAPER, SL, &[(doc, "w:w=\"11906\" w:h=\"16838\"", "w:w=\"12240\" w:h=\"15840\"")]),
        (rules::PORTRAIT, SL, &[(doc, "w:w=\"11906\" w:h=\"16838\"", "w:w=\"16838\" w:h=\"11906\"")]),
        (rules::DATE_ZERO, SL, &[(doc, "tháng 4 năm 2023", "tháng 04 năm 2023")]),
        (rules::MOTTO_RULE, SL, &[(doc,
            "Hạnh phúc</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val=\"DuongKe\"/>",
            "Hạnh phúc</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val=\"NoiDung\"/>",)]),
        (rules::MOTTO_FORM, SL, &[(doc, "Độc lập - Tự do - Hạnh phúc", "Độc lập-Tự do-Hạnh phúc")]),
        // A parent body set bold over the issuer.
        (rules::PARENT_BOLD, SL, &[(doc,
            "<w:p><w:pPr><w:pStyle w:val=\"CoQuanBanHanh\"/>",
            "<w:p><w:pPr><w:pStyle w:val=\"CoQuanChuQuan\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>BỘ Y TẾ</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val=\"CoQuanBanHanh\"/>",)]),
        (rules::PAGE_NUMBER_FIRST, SL, &[(doc, "<w:titlePg/>", "")]),
        (rules::NUMBER_FORM, SL, &[(doc, "Số: 93/KH-UBND", "Số: 93/KH - UBND")]),
        (rules::RECIPIENTS_ARCHIVE, SL, &[(doc, "- Lưu: VT, KGVX, Phương.", "- Phương.")]),
        (rules::BODY_SIZE, SL, &[(styles,
            "<w:jc w:val=\"both\"/></w:pPr></w:style>",
            "<w:jc w:val=\"both\"/></w:pPr><w:rPr><w:sz w:val=\"24\"/></w:rPr></w:style>",)]),
        (rules::FONT, SL, &[(styles, "w:ascii=\"Times New Roman\"", "w:ascii=\"Arial\"")]),
        (rules::NATIONAL_NAME_FORM, SL, &[(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Cộng hòa xã hội chủ nghĩa Việt Nam")]),
        (rules::NATIONAL_NAME, SL, &[(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "")]),
        (rules::MOTTO, SL, &[(doc, "Độc lập - Tự do - Hạnh phúc", "")]),
        (rules::MARGIN_BOTTOM, SL, &[(doc, "w:bottom=\"1134\"", "w:bottom=\"851\"")]),
        (rules::MARGIN_RIGHT, SL, &[(doc, "w:right=\"850\"", "w:right=\"1418\"")]),
        // Sizes, bold and italics through the styles, as an office's template sets them.
        (rules::ISSUER_FORM, SL, &[(doc, "<w:r><w:t xml:space=\"preserve\">TỈNH SƠN LA", "<w:r><w:rPr><w:sz w:val=\"30\"/></w:rPr><w:t xml:space=\"preserve\">TỈNH SƠN LA")]),
        (rules::PLACE_DATE_FORM, SL, &[(doc, "<w:r><w:t xml:space=\"preserve\">Sơn La, ngày", "<w:r><w:rPr><w:i w:val=\"0\"/></w:rPr><w:t xml:space=\"preserve\">Sơn La, ngày")]),
        (rules::PLACE_DATE, SL, &[(doc, ", ngày 03 tháng 4 năm 2023", " 03/4/2023")]),
        (rules::KIND_FORM, SL, &[(styles, "w:styleId=\"TenLoai\"><w:name w:val=\"Tên loại văn bản\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"TenLoai\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"360\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"center\"/>", "w:styleId=\"TenLoai\"><w:name w:val=\"Tên loại văn bản\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"TenLoai\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"360\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"left\"/>")]),
        (rules::SUMMARY_FORM, SL, &[(doc, "<w:r><w:t xml:space=\"preserve\">Thực hiện công tác bảo vệ", "<w:r><w:rPr><w:b w:val=\"0\"/></w:rPr><w:t xml:space=\"preserve\">Thực hiện công tác bảo vệ")]),
        (rules::BODY_JUSTIFY, SL, &[(styles, "<w:ind w:left=\"0\" w:right=\"0\" w:firstLine=\"720\"/><w:jc w:val=\"both\"/>", "<w:ind w:left=\"0\" w:right=\"0\" w:firstLine=\"720\"/><w:jc w:val=\"left\"/>")]),
        (rules::BODY_INDENT, SL, &[(styles, "w:firstLine=\"720\"/><w:jc w:val=\"both\"/>", "w:firstLine=\"0\"/><w:jc w:val=\"both\"/>")]),
        (rules::SIGNER_FORM, SL, &[(doc, "<w:r><w:t xml:space=\"preserve\">Tráng Thị Xuân", "<w:r><w:rPr><w:b w:val=\"0\"/></w:rPr><w:t xml:space=\"preserve\">Tráng Thị Xuân")]),
        // The signature is still read after the drafter's mark: its title lines and its name.
        (rules::SIGNER_FORM, TB, &[(doc, "<w:r><w:t xml:space=\"preserve\">PHÓ CHỦ TỊCH", "<w:r><w:rPr><w:b w:val=\"0\"/></w:rPr><w:t xml:space=\"preserve\">PHÓ CHỦ TỊCH")]),
        (rules::SIGNER_FORM, TB, &[(doc, "<w:r><w:t xml:space=\"preserve\">Trần Thị Bích Hằng", "<w:r><w:rPr><w:b w:val=\"0\"/></w:rPr><w:t xml:space=\"preserve\">Trần Thị Bích Hằng")]),
        (rules::RECIPIENTS_LABEL, SL, &[(styles, "<w:b/><w:bCs/><w:i/><w:iCs/><w:sz w:val=\"24\"/>", "<w:b/><w:bCs/><w:sz w:val=\"24\"/>")]),
        (rules::RECIPIENTS_SIZE, SL, &[(styles, "<w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/></w:rPr></w:style>", "<w:sz w:val=\"26\"/><w:szCs w:val=\"22\"/></w:rPr></w:style>")]),
        (rules::KIND_ABBREVIATION, SL, &[(doc, "Số: 93/KH-UBND", "Số: 93/QĐ-UBND")]),
        (rules::AGENCY_CAPITALS, SL, &[(doc, "Sở Giáo dục và Đào tạo", "Sở giáo dục và đào tạo")]),
        (rules::PAGE_NUMBER_POSITION, SL, &[(styles, "w:styleId=\"Header\"><w:name w:val=\"Số trang\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Header\"/><w:qFormat/><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"center\"/>", "w:styleId=\"Header\"><w:name w:val=\"Số trang\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Header\"/><w:qFormat/><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"right\"/>")]),
        (rules::FONT_COLOR, SL, &[(doc, "<w:r><w:t xml:space=\"preserve\">I. MỤC TIÊU", "<w:r><w:rPr><w:color w:val=\"FF0000\"/></w:rPr><w:t xml:space=\"preserve\">I. MỤC TIÊU")]),
        (rules::PAGE_NUMBER_MISSING, SL, &[(doc, "<w:headerReference w:type=\"default\" r:id=\"rId3\"/>", "")]),
        (rules::PAGE_NUMBER_ARABIC, SL, &[(doc, "<w:titlePg/>", "<w:pgNumType w:fmt=\"upperRoman\"/><w:titlePg/>")]),
        (rules::PAGE_NUMBER_START, SL, &[(doc, "<w:titlePg/>", "<w:pgNumType w:start=\"3\"/><w:titlePg/>")]),
        (rules::MOTTO_PLACE, SL, &[(doc, "CHỦ NGHĨA VIỆT NAM</w:t></w:r></w:p>", "CHỦ NGHĨA VIỆT NAM</w:t></w:r></w:p><w:p><w:r><w:t>Số 1</w:t></w:r></w:p>")]),
        (rules::ISSUER_BOLD, SL, &[(doc, "<w:r><w:t xml:space=\"preserve\">TỈNH SƠN LA", "<w:r><w:rPr><w:b w:val=\"0\"/></w:rPr><w:t xml:space=\"preserve\">TỈNH SƠN LA")]),
        (rules::ISSUER_RULE, SL, &[(doc, "TỈNH SƠN LA</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val=\"DuongKe\"/>", "TỈNH SƠN LA</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val=\"NoiDung\"/>")]),
        (rules::NUMBER_ZERO, SL, &[(doc, "Số: 93/", "Số: 9/")]),
        (rules::NUMBER_YEAR, SL, &[(doc, "Số: 93/", "Số: 93/2023/")]),
        (rules::NUMBER_SIZE, SL, &[(doc, "<w:r><w:t xml:space=\"preserve\">Số: 93", "<w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">Số: 93")]),
        (rules::DATE_REAL, SL, &[(doc, "ngày 03 tháng 4 năm 2023", "ngày 31 tháng 4 năm 2023")]),
        (rules::SUMMARY_CASE, SL, &[(doc, "Thực hiện công tác bảo vệ, chăm sóc trẻ em trên địa bàn tỉnh Sơn La năm 2023</w:t>", "THỰC HIỆN CÔNG TÁC BẢO VỆ, CHĂM SÓC TRẺ EM TRÊN ĐỊA BÀN TỈNH SƠN LA NĂM 2023</w:t>")]),
        (rules::SUMMARY_NO_VV, SL, &[(doc, "<w:t xml:space=\"preserve\">Thực hiện công tác bảo vệ", "<w:t xml:space=\"preserve\">V/v thực hiện công tác bảo vệ")]),
        (rules::SUMMARY_RULE, SL, &[(doc, "Sơn La năm 2023</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val=\"DuongKe\"/>", "Sơn La năm 2023</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val=\"NoiDung\"/>")]),
        (rules::BASIS_FORM, VL, &[(doc, "<w:r><w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">Căn cứ Luật Tổ chức", "<w:r><w:t xml:space=\"preserve\">Căn cứ Luật Tổ chức")]),
        (rules::BASIS_PUNCTUATION, VL, &[(doc, "ngày 05 tháng 4 năm 2016;", "ngày 05 tháng 4 năm 2016,")]),
        (rules::HEADING_FORM, SL, &[(doc, ">I. MỤC TIÊU<", ">I. Mục tiêu<")]),
        (rules::HEADING_ORDER, SL, &[(doc, "<w:t xml:space=\"preserve\">II. ", "<w:t xml:space=\"preserve\">IV. ")]),
        (rules::PART_LABEL, SL, &[(doc, heading1, &part_label)]),
        (rules::ARTICLE_FORM, VL, &[(doc, "<w:t xml:space=\"preserve\">Điều 1.</w:t>", "<w:t xml:space=\"preserve\">Điều 1:</w:t>")]),
        (rules::POINT_FORM, SL, &[(doc, "<w:t xml:space=\"preserve\">a) Về phát triển", "<w:t xml:space=\"preserve\">a. Về phát triển")]),
        (rules::BODY_UPRIGHT, SL, &[(styles, "<w:jc w:val=\"both\"/></w:pPr></w:style>", "<w:jc w:val=\"both\"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>")]),
        (rules::BODY_SPACING, SL, &[(styles, "<w:next w:val=\"NoiDung\"/><w:qFormat/><w:pPr><w:spacing w:before=\"0\" w:after=\"120\"", "<w:next w:val=\"NoiDung\"/><w:qFormat/><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"")]),
        (rules::BODY_LINE_SPACING, SL, &[(styles, "<w:next w:val=\"NoiDung\"/><w:qFormat/><w:pPr><w:spacing w:before=\"0\" w:after=\"120\" w:line=\"276\"", "<w:next w:val=\"NoiDung\"/><w:qFormat/><w:pPr><w:spacing w:before=\"0\" w:after=\"120\" w:line=\"480\"")]),
        (rules::END_MARK, SL, &[(doc, "<w:t xml:space=\"preserve\">./.</w:t>", "<w:t xml:space=\"preserve\">.</w:t>")]),
        (rules::AUTHORITY_FORM, SL, &[(doc, "TM. ỦY BAN NHÂN DÂN", "T/M ỦY BAN NHÂN DÂN")]),
        (rules::SIGNER_TITLE, SL, &[(doc, ">Tráng Thị Xuân<", ">TS. Tráng Thị Xuân<")]),
        (rules::RECIPIENTS_ITEMS, SL, &[(doc, "- Lãnh đạo Văn phòng UBND tỉnh;", "- Lãnh đạo Văn phòng UBND tỉnh")]),
        (rules::ADDRESSEE_FORM, SL, &[(doc, heading1, &addressee)]),
        (rules::ADDRESSEE_KIND, SL, &[(doc, heading1, &addressee)]),
        (rules::APPENDIX_LABEL, VL, &[(doc, "<w:t xml:space=\"preserve\">Phụ lục</w:t>", "<w:t xml:space=\"preserve\">PHỤ LỤC</w:t>")]),
        (rules::APPENDIX_TITLE, VL, &[(doc, "CÁC CHỈ TIÊU THỰC HIỆN CHƯƠNG TRÌNH", "Các chỉ tiêu thực hiện chương trình")]),
        (rules::APPENDIX_REFERENCE, VL, &[(styles, "<w:jc w:val=\"center\"/></w:pPr><w:rPr><w:i/><w:iCs/><w:sz w:val=\"28\"/>", "<w:jc w:val=\"center\"/></w:pPr><w:rPr><w:sz w:val=\"28\"/>")]),
        (rules::APPENDIX_NUMBERING, VL, &[(doc, "<w:t xml:space=\"preserve\">Phụ lục</w:t></w:r></w:p>", &two_appendices)]),
        (rules::URGENCY_NAME, SL, &[(doc, kind, &urgent)]),
        (rules::URGENCY_FORM, SL, &[(doc, kind, &urgent)]),
        (rules::OLD_ABBREVIATION, SL, &[(doc, "Số: 93/KH-", "Số: 93/UQ-")]),
        (rules::LETTER_NO_KIND, SL, &[(doc, ">KẾ HOẠCH<", "><"), (doc, ">Thực hiện công tác bảo vệ", ">V/v thực hiện công tác bảo vệ")]),
        (rules::COUNCIL_CASE, SL, &[(doc, body, "Ủy ban Nhân dân tỉnh Sơn La ban hành")]),
        (rules::ADMIN_UNIT_CASE, SL, &[(doc, body, "Ủy ban nhân dân Tỉnh Sơn La ban hành")]),
        (rules::CITATION_CASE, SL, &[(doc, body, "theo Khoản 2 Điều 5 Luật Trẻ em, Ủy ban nhân dân tỉnh Sơn La ban hành")]),
        (rules::DOCUMENT_KIND_CASE, SL, &[(doc, body, "thực hiện kế hoạch số 12/KH-UBND, Ủy ban nhân dân tỉnh Sơn La ban hành")]),
    ];
    let mut missed = Vec::new();
    for (rule, plan, edits) in cases {
        let mut bad = plans[*plan].clone();
        for (part, from, to) in *edits {
            bad = edited(&bad, part, from, to);
        }
        let findings = check(&bad).unwrap();
        if !findings.iter().any(|f| f.rule == *rule) {
            missed.push(format!("{rule}: {:?}", findings.iter().map(|f| f.rule).collect::<Vec<_>>()));
        }
    }
    assert!(missed.is_empty(), "{}", missed.join("\n"));
    // Every rule has a defect that triggers it here.
    let untested: Vec<&str> =
        rules::RULES.iter().map(|r| r.id).filter(|id| !cases.iter().any(|c| c.0 == *id)).collect();
    assert!(untested.is_empty(), "rules without a test case: {untested:?}");
}

/// A Word file written by another program: LibreOffice opens each file and saves it
/// with its own styles, borders and section XML. A clean plan stays clean; the
/// defects of a broken one are all still found.
#[test]
fn files_saved_by_libreoffice_keep_their_findings() {
    crate::support::require_tools!("soffice");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let plans = ["son-la-2023-kh93.toml", "vinh-long-2021-2030-qd.toml"].map(|p| root().join("plans").join(p));
    let mut args = vec!["render", "--to", "docx", "-o", out];
    args.extend(plans.iter().map(|p| p.to_str().unwrap()));
    let files = rendered(dir.path(), &args);
    let doc = "word/document.xml";
    let mut bad = std::fs::read(&files[0]).unwrap();
    let edits: [Edit; 7] = [
        (doc, "tháng 4 năm 2023", "tháng 04 năm 2023"),
        (doc, "w:left=\"1701\"", "w:left=\"1134\""),
        (doc, "<w:titlePg/>", ""),
        (
            doc,
            "Hạnh phúc</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val=\"DuongKe\"/>",
            "Hạnh phúc</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val=\"NoiDung\"/>",
        ),
        (doc, "- Lưu: VT, KGVX, Phương.", "- Phương."),
        (doc, "Số: 93/KH-UBND", "Số: 93/KH - UBND"),
        (
            "word/styles.xml",
            "<w:jc w:val=\"both\"/></w:pPr></w:style>",
            "<w:jc w:val=\"both\"/></w:pPr><w:rPr><w:sz w:val=\"24\"/></w:rPr></w:style>",
        ),
    ];
    for (part, from, to) in edits {
        bad = edited(&bad, part, from, to);
    }
    let bad_path = dir.path().join("ban-loi.docx");
    std::fs::write(&bad_path, bad).unwrap();
    for clean in &files {
        let saved = crate::support::libreoffice_docx(clean);
        let findings = check(&std::fs::read(&saved).unwrap()).unwrap();
        assert!(findings.is_empty(), "{}: {findings:#?}", saved.display());
    }
    let saved = crate::support::libreoffice_docx(&bad_path);
    let found: Vec<&str> = check(&std::fs::read(&saved).unwrap()).unwrap().iter().map(|f| f.rule).collect();
    let expected = [
        rules::DATE_ZERO,
        rules::MARGIN_LEFT,
        rules::PAGE_NUMBER_FIRST,
        rules::MOTTO_RULE,
        rules::RECIPIENTS_ARCHIVE,
        rules::NUMBER_FORM,
        rules::BODY_SIZE,
    ];
    for rule in expected {
        assert!(found.contains(&rule), "{rule} in {found:?}");
    }
    assert_eq!(found.len(), expected.len(), "{found:?}");
}

/// Word files written the way Word writes them (scripts/make-word-fixtures.py): the
/// header in a borderless table, the rules drawn as VML and DrawingML shapes, body
/// text in "Normal" with direct formatting. The clean one gives no finding; each
/// other breaks a rule and gives exactly that rule's finding.
#[test]
fn word_files_with_known_defects_give_their_rule() {
    let expected: &[(&str, &[&str])] = &[
        ("word-clean", &[]),
        ("word-margins", &[rules::MARGIN_LEFT]),
        ("word-size-through-styles", &[rules::BODY_SIZE, rules::PAGE_NUMBER_POSITION]),
        ("word-no-motto-rule", &[rules::MOTTO_RULE]),
        ("word-thang-04", &[rules::DATE_ZERO]),
        ("word-page-number-on-page-1", &[rules::PAGE_NUMBER_FIRST]),
        ("word-bad-code", &[rules::NUMBER_FORM, rules::KIND_ABBREVIATION]),
        ("word-no-archive", &[rules::RECIPIENTS_ARCHIVE]),
        ("word-issuer-not-bold", &[rules::ISSUER_BOLD]),
        // "ỦY BAN NHÂN DÂN" not bold over "TỈNH SƠN LA" bold: one name, half of it not bold.
        ("word-issuer-first-line-not-bold", &[rules::ISSUER_BOLD]),
        // A second QA round: the issuer typed "Sở Y tế" is the issuer, not in capitals
        // (before, the parent line above it was blamed); a bold parent body; levels the
        // decree does not have; a stamp in the header's cell is not framed by it; a rule
        // sized to the wrong length (the decree gives both lengths).
        ("word-issuer-not-in-capitals", &[rules::ISSUER_FORM]),
        ("word-parent-bold", &[rules::PARENT_BOLD]),
        ("word-urgency-unknown-level", &[rules::URGENCY_NAME]),
        ("word-urgency-no-frame", &[rules::URGENCY_FORM]),
        ("word-motto-rule-short", &[rules::MOTTO_RULE]),
    ];
    let dir = root().join("tests/fixtures/conform");
    let files = std::fs::read_dir(&dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "docx"));
    assert_eq!(files.count(), expected.len(), "a fixture without its expected rules, or one missing");
    for (name, rules) in expected {
        let path = dir.join(format!("{name}.docx"));
        let mut found: Vec<&str> = check(&std::fs::read(&path).unwrap()).unwrap().iter().map(|f| f.rule).collect();
        found.sort();
        let mut want = rules.to_vec();
        want.sort();
        assert_eq!(found, want, "{name}");
        // The CLI reports errors with exit code 1 (warnings alone: 0), and none for the clean file.
        let out = kehoach(&["check", path.to_str().unwrap()]);
        let errors = rules.iter().any(|r| rules::rule(r).is_some_and(|r| r.severity == kehoach::diag::Severity::Error));
        assert_eq!(
            out.status.code(),
            Some(if errors { 1 } else { 0 }),
            "{name}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn check_of_a_word_file_reports_findings_with_their_rule_and_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let plan = root().join("plans/son-la-2023-kh93.toml");
    let files =
        rendered(dir.path(), &["render", plan.to_str().unwrap(), "--to", "docx", "-o", dir.path().to_str().unwrap()]);
    let bad = edited(&std::fs::read(&files[0]).unwrap(), "word/document.xml", "tháng 4 năm 2023", "tháng 04 năm 2023");
    let path = dir.path().join("ban-loi.docx");
    std::fs::write(&path, bad).unwrap();
    let out = kehoach(&["check", path.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(rules::DATE_ZERO) && text.contains("tháng 04"), "{text}");
    assert_eq!(out.status.code(), Some(1), "a format error fails the check");
    let table = String::from_utf8(kehoach(&["rules"]).stdout).unwrap();
    assert!(crate::support::read("README.md").contains(&table), "update the README with `kehoach rules`:\n{table}");
}

/// `--annotate`: a copy with a Word comment at each finding, by "kehoach"; the
/// original untouched; the copy valid OOXML that LibreOffice opens.
#[test]
fn annotate_writes_a_commented_copy_and_keeps_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let plan = root().join("plans/son-la-2023-kh93.toml");
    let files =
        rendered(dir.path(), &["render", plan.to_str().unwrap(), "--to", "docx", "-o", dir.path().to_str().unwrap()]);
    let clean = std::fs::read(&files[0]).unwrap();
    let bad = edited(&clean, "word/document.xml", "tháng 4 năm 2023", "tháng 04 năm 2023");
    let bad = edited(&bad, "word/document.xml", "w:left=\"1701\"", "w:left=\"1134\"");
    let path = dir.path().join("ban-loi.docx");
    std::fs::write(&path, &bad).unwrap();
    let copy = dir.path().join("ban-loi-chu-thich.docx");
    let out = kehoach(&["check", path.to_str().unwrap(), "--annotate", copy.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read(&path).unwrap(), bad, "the checked file is never modified");
    let comments = crate::support::docx_part(&copy, "word/comments.xml");
    assert_eq!(comments.matches("w:author=\"kehoach\"").count(), 2, "{comments}");
    assert!(comments.contains(rules::DATE_ZERO) && comments.contains(rules::MARGIN_LEFT), "{comments}");
    let document = crate::support::docx_part(&copy, "word/document.xml");
    assert_eq!(document.matches("<w:commentReference").count(), 2);
    // The date finding's comment sits on the date's paragraph.
    let date = document.find("tháng 04").unwrap();
    let start = document[..date].rfind("<w:commentRangeStart").unwrap();
    assert!(document[start..date].find("</w:p>").is_none(), "the comment range opens in the date's paragraph");
    // Annotating the annotated copy's own name is refused, as is a file that is not a DOCX.
    let same = kehoach(&["check", path.to_str().unwrap(), "--annotate", path.to_str().unwrap()]);
    assert_eq!(same.status.code(), Some(2));
    strictly_valid(&copy);
}

/// `--fix`: the decree's own values put back (paper, margins, font, the date's
/// zeros, page numbers); the fixed copy checks clean; a signed file is refused.
#[test]
fn fix_writes_a_corrected_copy_and_refuses_a_signed_file() {
    let dir = tempfile::tempdir().unwrap();
    let plan = root().join("plans/son-la-2023-kh93.toml");
    let files =
        rendered(dir.path(), &["render", plan.to_str().unwrap(), "--to", "docx", "-o", dir.path().to_str().unwrap()]);
    let clean = std::fs::read(&files[0]).unwrap();
    let doc = "word/document.xml";
    let mut bad = edited(&clean, doc, "tháng 4 năm 2023", "tháng 04 năm 2023");
    bad = edited(&bad, doc, "w:left=\"1701\"", "w:left=\"1134\"");
    bad = edited(&bad, doc, "w:w=\"11906\" w:h=\"16838\"", "w:w=\"12240\" w:h=\"15840\"");
    bad = edited(&bad, doc, "<w:titlePg/>", "");
    bad = edited(&bad, "word/styles.xml", "w:ascii=\"Times New Roman\"", "w:ascii=\"Arial\"");
    let fixable = [rules::DATE_ZERO, rules::MARGIN_LEFT, rules::PAPER, rules::PAGE_NUMBER_FIRST, rules::FONT];
    let before: Vec<&str> = check(&bad).unwrap().iter().map(|f| f.rule).collect();
    for r in fixable {
        assert!(before.contains(&r), "{r} in {before:?}");
    }
    let path = dir.path().join("ban-loi.docx");
    std::fs::write(&path, &bad).unwrap();
    let fixed = dir.path().join("ban-sua.docx");
    let out = kehoach(&["check", path.to_str().unwrap(), "--fix", fixed.to_str().unwrap()]);
    assert!(out.status.code().unwrap_or(9) < 2, "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read(&path).unwrap(), bad, "the checked file is never modified");
    let after = check(&std::fs::read(&fixed).unwrap()).unwrap();
    assert!(after.is_empty(), "{after:?}");
    // A digitally signed document is not touched.
    let signed = dir.path().join("da-ky.docx");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(&bad[..])).unwrap();
    for i in 0..src.len() {
        let mut f = src.by_index(i).unwrap();
        let name = f.name().to_string();
        let mut b = Vec::new();
        f.read_to_end(&mut b).unwrap();
        zip.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(&b).unwrap();
    }
    zip.start_file("_xmlsignatures/sig1.xml", zip::write::SimpleFileOptions::default()).unwrap();
    zip.write_all(b"<Signature/>").unwrap();
    std::fs::write(&signed, zip.finish().unwrap().into_inner()).unwrap();
    let refused = kehoach(&["check", signed.to_str().unwrap(), "--fix", dir.path().join("x.docx").to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("chữ ký số"));
    assert!(!dir.path().join("x.docx").exists());
}

/// A section that declares no page (pandoc writes `<w:sectPr/>`): said as not
/// declared, and `--fix` writes the page's size and margins into it, in the
/// schema's order, so the fixed copy checks clean and stays valid.
#[test]
fn fix_declares_a_page_the_document_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let plan = root().join("plans/xa-2026-hai-cap.toml");
    let files =
        rendered(dir.path(), &["render", plan.to_str().unwrap(), "--to", "docx", "-o", dir.path().to_str().unwrap()]);
    let clean = std::fs::read(&files[0]).unwrap();
    let doc = crate::support::docx_part_raw(&files[0], "word/document.xml");
    let page = regex::Regex::new(r"<w:pgSz[^>]*/>|<w:pgMar[^>]*/>").unwrap();
    let mut bad = clean.clone();
    for m in page.find_iter(&doc) {
        bad = edited(&bad, "word/document.xml", m.as_str(), "");
    }
    let found = check(&bad).unwrap();
    let paper = found.iter().find(|f| f.rule == rules::PAPER).expect("paper");
    let said = paper.found.render(kehoach::diag::Lang::Vi);
    assert!(said.contains("không khai báo"), "{said}");
    let path = dir.path().join("khong-kho.docx");
    std::fs::write(&path, &bad).unwrap();
    let fixed = dir.path().join("sua.docx");
    let out = kehoach(&["check", path.to_str().unwrap(), "--fix", fixed.to_str().unwrap()]);
    assert!(out.status.code().unwrap_or(9) < 2, "{}", String::from_utf8_lossy(&out.stderr));
    let after = check(&std::fs::read(&fixed).unwrap()).unwrap();
    assert!(after.is_empty(), "{after:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("không còn lỗi thể thức"));
    strictly_valid(&fixed);
    // An existing file is not written over unless --force says so; the messages name --fix.
    let again = kehoach(&["check", path.to_str().unwrap(), "--fix", fixed.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"), "{}", String::from_utf8_lossy(&again.stderr));
    let forced = kehoach(&["check", path.to_str().unwrap(), "--fix", fixed.to_str().unwrap(), "--force"]);
    assert!(forced.status.code().unwrap_or(9) < 2, "{}", String::from_utf8_lossy(&forced.stderr));
    let plan_file = root().join("plans/xa-2026-hai-cap.toml");
    let wrong = kehoach(&["check", plan_file.to_str().unwrap(), "--fix", dir.path().join("y.docx").to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("--fix cần đúng một tệp .docx"));
}

/// A header cell written with Shift+Enter (HTML's <br>, through LibreOffice): each
/// line is judged as a line. The Tiêu ngữ is found and its boldness seen; the
/// capitals of a trích yếu under "KẾ HOẠCH", the missing "./." and "- Lưu: VT",
/// the academic title and the recipients' size are all found.
#[test]
fn lines_broken_by_hand_are_judged_one_by_one() {
    let path = root().join("tests/fixtures/conform-cases/word-line-breaks.docx");
    let found: Vec<&str> = check(&std::fs::read(&path).unwrap()).unwrap().iter().map(|f| f.rule).collect();
    for wrong in [rules::MOTTO, rules::ISSUER_BOLD, rules::PLACE_DATE_FORM] {
        assert!(!found.contains(&wrong), "{wrong} in {found:?}");
    }
    for right in [
        rules::SUMMARY_CASE,
        rules::END_MARK,
        rules::RECIPIENTS_ARCHIVE,
        rules::SIGNER_TITLE,
        rules::RECIPIENTS_SIZE,
        rules::NATIONAL_NAME_FORM,
    ] {
        assert!(found.contains(&right), "{right} in {found:?}");
    }
    let findings = check(&std::fs::read(&path).unwrap()).unwrap();
    let national = findings.iter().find(|f| f.rule == rules::NATIONAL_NAME_FORM).unwrap();
    assert_eq!(national.quote, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "its own line, not the cell");
    assert_eq!(national.found.render(kehoach::diag::Lang::Vi), "14 pt", "bold is seen");
}

/// A font named by the theme (`w:asciiTheme`, as Word's Normal.dotm and
/// python-docx write it) is the theme's typeface: Cambria here is found, and
/// `--fix` names Times New Roman in place of the theme's.
#[test]
fn a_theme_font_is_the_theme_s_typeface() {
    let path = root().join("tests/fixtures/conform-cases/theme-font.docx");
    let findings = check(&std::fs::read(&path).unwrap()).unwrap();
    let font = findings.iter().find(|f| f.rule == rules::FONT).expect("the font rule");
    assert!(font.found.render(kehoach::diag::Lang::Vi).contains("Cambria"), "{:?}", font.found);
    let dir = tempfile::tempdir().unwrap();
    let fixed = dir.path().join("sua.docx");
    let out = kehoach(&["check", path.to_str().unwrap(), "--fix", fixed.to_str().unwrap()]);
    assert!(out.status.code().unwrap_or(9) < 2, "{}", String::from_utf8_lossy(&out.stderr));
    let after = check(&std::fs::read(&fixed).unwrap()).unwrap();
    assert!(!after.iter().any(|f| f.rule == rules::FONT), "{after:?}");
}

/// A Kế hoạch of three pages with no page number anywhere (its saved page count,
/// python-docx's, says 1): the missing numbers are found.
#[test]
fn a_document_of_several_pages_needs_page_numbers() {
    let path = root().join("tests/fixtures/conform-cases/no-page-numbers.docx");
    let found: Vec<&str> = check(&std::fs::read(&path).unwrap()).unwrap().iter().map(|f| f.rule).collect();
    assert_eq!(found, [rules::PAGE_NUMBER_MISSING]);
}

/// A date written in figures is found where it is, in its wrong form.
#[test]
fn a_date_in_figures_is_quoted_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let plan = root().join("plans/son-la-2023-kh93.toml");
    let files =
        rendered(dir.path(), &["render", plan.to_str().unwrap(), "--to", "docx", "-o", dir.path().to_str().unwrap()]);
    let bad =
        edited(&std::fs::read(&files[0]).unwrap(), "word/document.xml", ", ngày 03 tháng 4 năm 2023", ", 03/4/2023");
    let findings = check(&bad).unwrap();
    let date = findings.iter().find(|f| f.rule == rules::PLACE_DATE).expect("place-date");
    assert_eq!(date.quote, "Sơn La, 03/4/2023");
    assert!(date.paragraph.is_some());
}

/// pandoc's DOCX: Nơi nhận as an automatic bullet list (no "-" in the text) and an
/// empty `<w:sectPr/>`. The entries are found, without their dashes; "Lưu: VT." is
/// the archive line; the page is said undeclared, and `--fix` declares it.
#[test]
fn a_pandoc_document_gets_the_findings_that_are_true() {
    let path = root().join("tests/fixtures/conform-cases/pandoc.docx");
    let found: Vec<&str> = check(&std::fs::read(&path).unwrap()).unwrap().iter().map(|f| f.rule).collect();
    assert!(found.contains(&rules::RECIPIENTS_ITEMS) && !found.contains(&rules::RECIPIENTS_ARCHIVE), "{found:?}");
    assert!(found.contains(&rules::PAPER) && found.contains(&rules::MARGIN_LEFT), "{found:?}");
    let dir = tempfile::tempdir().unwrap();
    let fixed = dir.path().join("sua.docx");
    let out = kehoach(&["check", path.to_str().unwrap(), "--fix", fixed.to_str().unwrap()]);
    assert!(out.status.code().unwrap_or(9) < 2, "{}", String::from_utf8_lossy(&out.stderr));
    let after: Vec<&str> = check(&std::fs::read(&fixed).unwrap()).unwrap().iter().map(|f| f.rule).collect();
    assert!(!after.contains(&rules::PAPER) && !after.contains(&rules::MARGIN_LEFT), "{after:?}");
}

/// A landscape section that holds the appendix's table is what NĐ 30 allows, with
/// the margins Word turned with it: no finding, and `--fix` leaves it (and the
/// correct first section) alone. A landscape section with no table is turned
/// portrait, and only that one.
#[test]
fn a_landscape_appendix_table_is_allowed_and_left_alone() {
    let fixture = root().join("tests/fixtures/conform-cases/landscape-appendix.docx");
    let docx = std::fs::read(&fixture).unwrap();
    let found: Vec<&str> = check(&docx).unwrap().iter().map(|f| f.rule).collect();
    assert!(found.is_empty(), "{found:?}");

    // The appendix's table gone, its landscape page has no reason to be.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx[..])).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    let start = xml.rfind("<w:tbl>").unwrap();
    let end = start + xml[start..].find("</w:tbl>").unwrap() + "</w:tbl>".len();
    let bare = edited(&docx, "word/document.xml", &xml[start..end], "<w:p/>");
    let found: Vec<&str> = check(&bare).unwrap().iter().map(|f| f.rule).collect();
    assert_eq!(found, [rules::PORTRAIT], "{found:?}");

    let dir = tempfile::tempdir().unwrap();
    let (path, fixed) = (dir.path().join("ban.docx"), dir.path().join("ban-sua.docx"));
    for (input, rotated) in [(&docx, false), (&bare, true)] {
        std::fs::write(&path, input).unwrap();
        let _ = std::fs::remove_file(&fixed);
        let out = kehoach(&["check", path.to_str().unwrap(), "--fix", fixed.to_str().unwrap()]);
        assert!(out.status.code().unwrap_or(9) < 2, "{}", String::from_utf8_lossy(&out.stderr));
        let bytes = std::fs::read(&fixed).unwrap();
        assert!(check(&bytes).unwrap().is_empty());
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
        let mut out_xml = String::new();
        zip.by_name("word/document.xml").unwrap().read_to_string(&mut out_xml).unwrap();
        // The first section as it was; the second turned only when it had no table.
        assert!(out_xml.contains(r#"<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701""#), "{out_xml}");
        assert_eq!(out_xml.contains(r#"w:orient="landscape""#), !rotated, "{out_xml}");
    }
}

/// The Sơn La plan as kehoach writes it (a clean DOCX), and the folder it is in.
fn son_la_docx() -> (tempfile::TempDir, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let plan = root().join("plans/son-la-2023-kh93.toml");
    let out = dir.path().to_str().unwrap();
    let files = rendered(dir.path(), &["render", plan.to_str().unwrap(), "--to", "docx", "-o", out]);
    let clean = std::fs::read(&files[0]).unwrap();
    (dir, clean)
}

/// Phụ lục II writes a field's phrases with one capital each ("Sở Giáo dục và Đào
/// tạo"): a name in lower case and one with every word capitalised are both found,
/// and the form asked for is the decree's, not every word capitalised.
#[test]
fn a_body_s_name_is_asked_for_in_the_decree_s_capitals() {
    let (_dir, clean) = son_la_docx();
    let doc = "word/document.xml";
    let body = "Ủy ban nhân dân tỉnh Sơn La ban hành";
    for (from, to, rule, asked) in [
        ("Sở Giáo dục và Đào tạo", "Sở giáo dục và đào tạo", rules::AGENCY_CAPITALS, "Sở Giáo dục và Đào tạo"),
        ("Sở Giáo dục và Đào tạo", "Sở Giáo Dục và Đào Tạo", rules::AGENCY_CAPITALS, "Sở Giáo dục và Đào tạo"),
        ("Sở Y tế", "Sở Y Tế", rules::AGENCY_CAPITALS, "Sở Y tế"),
        ("Sở Y tế", "Phòng Văn Hóa - Xã Hội", rules::AGENCY_CAPITALS, "Phòng Văn hóa - Xã hội"),
        (body, "Ủy Ban Nhân Dân tỉnh Sơn La ban hành", rules::COUNCIL_CASE, "Ủy ban nhân dân"),
    ] {
        let findings = check(&edited(&clean, doc, from, to)).unwrap();
        let f = findings.iter().find(|f| f.rule == rule).unwrap_or_else(|| panic!("{to}: {findings:?}"));
        assert_eq!(f.expected.render(kehoach::diag::Lang::Vi), asked, "{to}");
    }
    // A trích yếu in capitals: the form suggested keeps proper names as the text writes them.
    let summary = "Thực hiện công tác bảo vệ, chăm sóc trẻ em trên địa bàn tỉnh Sơn La năm 2023</w:t>";
    let findings = check(&edited(&clean, doc, summary, &summary.to_uppercase().replace("</W:T>", "</w:t>"))).unwrap();
    let f = findings.iter().find(|f| f.rule == rules::SUMMARY_CASE).expect("summary-case");
    assert!(f.expected.render(kehoach::diag::Lang::Vi).ends_with("trên địa bàn tỉnh Sơn La năm 2023"), "{f:?}");
}

/// A one-line paragraph of the body is 13–14 pt and upright like a long one.
#[test]
fn a_short_body_paragraph_is_held_to_the_body_s_size_and_upright_text() {
    let (_dir, clean) = son_la_docx();
    let heading = "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">I. MỤC TIÊU";
    for (props, rule) in [("<w:sz w:val=\"24\"/>", rules::BODY_SIZE), ("<w:i/>", rules::BODY_UPRIGHT)] {
        let line = format!(
            "<w:p><w:pPr><w:pStyle w:val=\"NoiDung\"/></w:pPr><w:r><w:rPr>{props}</w:rPr><w:t>Chủ trì thực hiện chỉ tiêu 1.</w:t></w:r></w:p>{heading}"
        );
        let findings = check(&edited(&clean, "word/document.xml", heading, &line)).unwrap();
        assert!(findings.iter().any(|f| f.rule == rule && f.quote.starts_with("Chủ trì")), "{rule}: {findings:?}");
    }
}

/// A number line without "Số:" or with it in lower case, and a title not in
/// capitals, are found by their rules; a number with a year is still the number.
#[test]
fn a_miswritten_number_or_title_is_found_and_still_read() {
    let (dir, clean) = son_la_docx();
    let doc = "word/document.xml";
    for (from, to, rule) in [
        ("Số: 93/", "93/", rules::NUMBER_FORM),
        ("Số: 93/", "số: 93/", rules::NUMBER_FORM),
        ("Số: 93/", "Số: 93/2023/", rules::NUMBER_YEAR),
        (">KẾ HOẠCH<", ">Kế hoạch<", rules::KIND_FORM),
        ("Sơn La, ngày", "Sơn La ngày", rules::PLACE_DATE),
    ] {
        let bad = edited(&clean, doc, from, to);
        let findings = check(&bad).unwrap();
        assert!(findings.iter().any(|f| f.rule == rule), "{to}: {findings:?}");
        // The plan read from it still has its number and its kind: no "chưa có số".
        let path = dir.path().join("ban.docx");
        std::fs::write(&path, &bad).unwrap();
        let json = kehoach(&["check", "--format", "json", path.to_str().unwrap()]);
        let text = String::from_utf8_lossy(&json.stdout);
        assert!(
            !text.contains("issue-blank") && !text.contains("signature-form") && !text.contains("document.place"),
            "{to}: {text}"
        );
    }
}

/// `check` of a Word file says which report is which (the plan's content, then its
/// thể thức), and a part the document lacks is said of the document, never of a
/// TOML file that exists nowhere.
#[test]
fn a_word_file_s_findings_name_the_word_file() {
    let docx = root().join("tests/fixtures/conform-cases/pandoc.docx");
    for format in ["text", "json"] {
        let out = kehoach(&["check", "--format", format, docx.to_str().unwrap()]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.contains(".docx.toml"), "{text}");
        if format == "text" {
            assert!(text.contains("nội dung kế hoạch"), "{text}");
        }
    }
}

/// A rule that is there but dotted is not "nét liền"; "T/M." and "T.M" are not the
/// decree's "TM.".
#[test]
fn a_dotted_rule_and_a_slashed_authority_are_found() {
    let (_dir, clean) = son_la_docx();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&clean[..])).unwrap();
    let mut styles = String::new();
    zip.by_name("word/styles.xml").unwrap().read_to_string(&mut styles).unwrap();
    let solid = "<w:bottom w:val=\"single\"";
    assert!(styles.contains(solid), "the rules are drawn as bottom borders");
    let dotted = edited(&clean, "word/styles.xml", solid, "<w:bottom w:val=\"dotted\"");
    let findings = check(&dotted).unwrap();
    let f = findings.iter().find(|f| [rules::ISSUER_RULE, rules::MOTTO_RULE, rules::SUMMARY_RULE].contains(&f.rule));
    assert!(f.is_some_and(|f| f.found.render(kehoach::diag::Lang::Vi) == "đường kẻ chấm"), "{findings:?}");
    for written in ["T/M. ỦY BAN NHÂN DÂN", "T.M ỦY BAN NHÂN DÂN"] {
        let findings = check(&edited(&clean, "word/document.xml", "TM. ỦY BAN NHÂN DÂN", written)).unwrap();
        assert!(findings.iter().any(|f| f.rule == rules::AUTHORITY_FORM), "{written}: {findings:?}");
    }
}

/// A table's unit line above it ("Đơn vị tính: %", set right) and its note under it
/// ("Ghi chú: …" in 12 pt italics) belong to the table: no body-text finding.
#[test]
fn a_table_s_unit_line_and_note_are_not_body_text() {
    let docx = std::fs::read(root().join("tests/fixtures/conform-cases/table-notes.docx")).unwrap();
    let findings = check(&docx).unwrap();
    assert!(findings.is_empty(), "{findings:?}");
}

/// Word's tracked formatting change keeps the old properties (`w:rPrChange`): what
/// the text looked like before, not what it shows.
#[test]
fn a_tracked_format_change_is_judged_by_what_the_text_shows() {
    let (_dir, clean) = son_la_docx();
    let run = "<w:r><w:t xml:space=\"preserve\">Tráng Thị Xuân";
    let tracked = "<w:r><w:rPr><w:rPrChange w:id=\"9\" w:author=\"A\" w:date=\"2026-01-05T00:00:00Z\"><w:rPr><w:b w:val=\"0\"/><w:i/><w:sz w:val=\"20\"/></w:rPr></w:rPrChange></w:rPr><w:t xml:space=\"preserve\">Tráng Thị Xuân";
    let findings = check(&edited(&clean, "word/document.xml", run, tracked)).unwrap();
    assert!(findings.is_empty(), "{findings:?}");
}

/// Word's automatic numbers are read as Word shows them: Roman parts numbered by
/// Word with typed clauses are in order; clauses from one list that never restarts
/// ("3." under III.) are not.
#[test]
fn word_s_automatic_numbers_are_read_as_shown() {
    let cases = root().join("tests/fixtures/conform-cases");
    let right = check(&std::fs::read(cases.join("roman-parts-auto-numbered.docx")).unwrap()).unwrap();
    assert!(right.is_empty(), "{right:?}");
    let wrong = check(&std::fs::read(cases.join("clauses-one-auto-list.docx")).unwrap()).unwrap();
    assert!(wrong.iter().any(|f| f.rule == rules::HEADING_ORDER), "{wrong:?}");
}

/// A page number put in the footer: `--fix` moves it into the header, centred,
/// whether the document has a header to take it (a Word file) or not (kehoach's own
/// file with its numbered header made a footer): the fixed copy checks clean, shows
/// the number at the top, and stays valid.
#[test]
fn fix_moves_a_page_number_from_the_footer_to_the_header() {
    let dir = tempfile::tempdir().unwrap();
    let fixed_of = |bad: &Path, name: &str| {
        let fixed = dir.path().join(name);
        let out = kehoach(&["check", bad.to_str().unwrap(), "--fix", fixed.to_str().unwrap()]);
        let said = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(said.contains("chuyển từ chân trang lên giữa đầu trang"), "{said}");
        let after = check(&std::fs::read(&fixed).unwrap()).unwrap();
        assert!(after.iter().all(|f| !f.rule.contains("page-number")), "{after:?}");
        fixed
    };
    // A Word file with a header of its own.
    let word = root().join("tests/fixtures/conform-cases/page-number-in-footer.docx");
    assert!(check(&std::fs::read(&word).unwrap()).unwrap().iter().any(|f| f.rule == rules::PAGE_NUMBER_POSITION));
    let fixed = fixed_of(&word, "word.docx");
    assert!(!crate::support::docx_part_raw(&fixed, "word/footer1.xml").contains("PAGE"), "the footer keeps no number");
    assert!(crate::support::docx_part_raw(&fixed, "word/header1.xml").contains("PAGE"));
    // kehoach's file, its numbered header turned into the only footer: a header is made.
    let plan = root().join("plans/xa-2026-hai-cap.toml");
    let own = tempfile::tempdir().unwrap();
    let files =
        rendered(own.path(), &["render", plan.to_str().unwrap(), "--to", "docx", "-o", own.path().to_str().unwrap()]);
    let clean = std::fs::read(&files[0]).unwrap();
    let doc = crate::support::docx_part_raw(&files[0], "word/document.xml");
    let default = regex::Regex::new(r#"<w:headerReference w:type="default" r:id="(rId\d+)"/>"#).unwrap();
    let id = default.captures(&doc).unwrap()[1].to_string();
    let rels = crate::support::docx_part_raw(&files[0], "word/_rels/document.xml.rels");
    let part = regex::Regex::new(&format!(r#"Id="{id}" Type="[^"]*/header" Target="([^"]+)""#)).unwrap();
    let target = part.captures(&rels).unwrap()[1].to_string();
    // The default header's reference goes; a footer reference takes its place after the
    // other header references, as the schema orders them.
    let mut bad = edited(&clean, "word/document.xml", default.find(&doc).unwrap().as_str(), "");
    bad = edited(
        &bad,
        "word/document.xml",
        "<w:pgSz",
        &format!(r#"<w:footerReference w:type="default" r:id="{id}"/><w:pgSz"#),
    );
    bad = edited(
        &bad,
        "word/_rels/document.xml.rels",
        &format!(r#"/header" Target="{target}""#),
        &format!(r#"/footer" Target="{target}""#),
    );
    let header = format!("word/{target}");
    bad = edited(&bad, &header, "<w:hdr ", "<w:ftr ");
    bad = edited(&bad, &header, "</w:hdr>", "</w:ftr>");
    bad = edited(
        &bad,
        "[Content_Types].xml",
        &format!(
            r#"/{header}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml""#
        ),
        &format!(
            r#"/{header}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml""#
        ),
    );
    let path = dir.path().join("so-trang-o-chan.docx");
    std::fs::write(&path, &bad).unwrap();
    strictly_valid(&path);
    assert!(check(&bad).unwrap().iter().any(|f| f.rule == rules::PAGE_NUMBER_POSITION));
    let fixed = fixed_of(&path, "sua.docx");
    strictly_valid(&fixed);
    let made = crate::support::docx_part_raw(&fixed, "word/header-so-trang.xml");
    assert!(made.contains("PAGE") && made.contains(r#"<w:jc w:val="center"/>"#), "{made}");
}
