//! Shared helpers for the integration tests: run the real binary, in a temp folder when
//! needed; read DOCX and PDF files back; skip when an external program is missing.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn kehoach(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kehoach")).args(args).current_dir(root()).output().expect("run kehoach")
}

pub fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Writes `text` as a plan in a fresh temp folder and returns (folder, file).
pub fn plan_file(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// `kehoach check --format json` on a text: (exit code, diagnostics).
/// What a child plan of the Sơn La sample must write itself (Nơi nhận, signature):
/// prepend it to the child's own changes.
pub const SON_LA_CHILD: &str = "extends = \"tinh.toml\"\n\n[recipients]\nto = [\"Ủy ban nhân dân tỉnh\"]\n\
    archive = [\"VT\"]\n\n[signature]\nauthority = \"KT\"\nhead = \"Chủ tịch\"\ntitle = \"Phó Chủ tịch\"\n\
    name = \"Lò Văn Hùng\"\n";

/// A fresh folder with the Sơn La sample as `tinh.toml`, for child plans beside it.
pub fn son_la_folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let parent = dir.path().join("tinh.toml");
    std::fs::copy(root().join("plans/son-la-2023-kh93.toml"), &parent).unwrap();
    (dir, parent)
}

/// `kehoach new CHILD --from PARENT ARGS…`, which must succeed: the child's text.
pub fn new_from(child: &Path, parent: &Path, args: &[&str]) -> String {
    let out = kehoach(&[&["new", child.to_str().unwrap(), "--from", parent.to_str().unwrap()][..], args].concat());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::read_to_string(child).unwrap()
}

pub fn check_text(text: &str) -> (i32, Vec<serde_json::Value>) {
    let (_dir, path) = plan_file("plan.toml", text);
    check_path(&path)
}

pub fn check_path(path: &Path) -> (i32, Vec<serde_json::Value>) {
    check_path_with(path, &[])
}

/// [`check_path`] with more options, e.g. `--root`.
pub fn check_path_with(path: &Path, extra: &[&str]) -> (i32, Vec<serde_json::Value>) {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    args.push(path.to_str().unwrap());
    let out = kehoach(&args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("bad JSON ({e}): {}{}", String::from_utf8_lossy(&out.stdout), stderr));
    (out.status.code().unwrap_or(-1), json.as_array().cloned().unwrap_or_default())
}

/// The (code, line) pairs of diagnostics.
pub fn codes(diags: &[serde_json::Value]) -> Vec<(String, u64)> {
    diags.iter().map(|d| (d["code"].as_str().unwrap_or("").to_string(), d["line"].as_u64().unwrap_or(0))).collect()
}

/// 1-based line of the first occurrence of `needle` in `text`.
pub fn line_of(text: &str, needle: &str) -> u64 {
    let i = text.find(needle).unwrap_or_else(|| panic!("`{needle}` not in text"));
    text[..i].matches('\n').count() as u64 + 1
}

/// Replaces exactly one occurrence, so an edit cannot silently miss.
pub fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "`{from}` must occur once");
    text.replacen(from, to, 1)
}

pub fn minimal() -> String {
    read("tests/fixtures/minimal.toml")
}

/// `kehoach render` into a fresh temp folder: (folder, exit code, stdout+stderr).
pub fn render(plan: &Path, extra: &[&str]) -> (tempfile::TempDir, i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["render", plan.to_str().unwrap(), "-o", dir.path().to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = kehoach(&args);
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!text.contains("panicked"), "{text}");
    (dir, out.status.code().unwrap_or(-1), text)
}

/// One part of a DOCX (a zip) as text, as a reader sees it: without the word
/// joiners, and with plain spaces for the no-break ones, that keep document
/// symbols on one line (see `docx_part_raw`).
pub fn docx_part(docx: &Path, name: &str) -> String {
    docx_part_raw(docx, name).replace('\u{2060}', "").replace('\u{a0}', " ")
}

/// One part of a DOCX (a zip) as stored.
pub fn docx_part_raw(docx: &Path, name: &str) -> String {
    let file = std::fs::File::open(docx).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut part = zip.by_name(name).unwrap_or_else(|_| panic!("{name} missing"));
    let mut s = String::new();
    std::io::Read::read_to_string(&mut part, &mut s).unwrap();
    s
}

pub fn docx_part_names(docx: &Path) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    zip.file_names().map(str::to_string).collect()
}

/// The text of each w:p of a DOCX part, XML entities decoded.
pub fn docx_paragraphs(xml: &str) -> Vec<String> {
    let p_re = regex::Regex::new(r"(?s)<w:p[ >].*?</w:p>").unwrap();
    let t_re = regex::Regex::new(r"(?s)<w:t(?: [^>]*)?>(.*?)</w:t>").unwrap();
    p_re.find_iter(xml).map(|p| t_re.captures_iter(p.as_str()).map(|c| unescape(&c[1])).collect::<String>()).collect()
}

pub fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// Where each external program the tests run comes from.
const TOOLS: &[(&str, &str, &str)] = &[
    // (program, an argument that only prints its version or help, package)
    ("pdftotext", "-v", "Debian package poppler-utils"),
    ("pdffonts", "-v", "Debian package poppler-utils"),
    ("soffice", "--version", "Debian package libreoffice-writer-nogui"),
    ("openxml-audit", "--help", "PyPI package openxml-audit"),
    ("chromium", "--version", "Debian package chromium"),
    ("chromedriver", "--version", "Debian package chromium-driver"),
];

/// Whether `program` runs here: it is started (with its version flag), not looked for
/// on PATH, so a broken link or a missing library counts as missing too.
fn runs(program: &str) -> bool {
    static SEEN: std::sync::Mutex<Vec<(String, bool)>> = std::sync::Mutex::new(Vec::new());
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, ok)) = seen.iter().find(|(p, _)| p == program) {
        return *ok;
    }
    let version_arg = TOOLS.iter().find(|t| t.0 == program).map_or("--version", |t| t.1);
    // The exit status is not looked at: old poppler versions exit 99 after `-v`.
    let ok = Command::new(program)
        .arg(version_arg)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    seen.push((program.to_string(), ok));
    ok
}

/// Whether every program in `programs` runs here. When one does not, prints
/// `skipped <test>: needs `pdftotext` (Debian package poppler-utils)` to stderr and
/// returns false, so the test can return and pass; with `KEHOACH_REQUIRE_TOOLS=1`
/// (CI) it fails instead. Use [`require_tools!`], which returns for you.
pub fn have_tools(programs: &[&str]) -> bool {
    let missing: Vec<String> = programs
        .iter()
        .filter(|p| !runs(p))
        .map(|p| match TOOLS.iter().find(|t| t.0 == *p) {
            Some((_, _, package)) => format!("`{p}` ({package})"),
            None => format!("`{p}`"),
        })
        .collect();
    if missing.is_empty() {
        return true;
    }
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("this test");
    let needs = missing.join(", ");
    if std::env::var("KEHOACH_REQUIRE_TOOLS").as_deref() == Ok("1") {
        panic!("{test} needs {needs}, missing here; KEHOACH_REQUIRE_TOOLS=1 does not allow skipping: install it (see .ci/run)");
    }
    // Straight to stderr: libtest captures `eprintln!` of a passing test.
    let _ = writeln!(std::io::stderr(), "skipped {test}: needs {needs}");
    false
}

/// `require_tools!("pdftotext", "soffice");` returns from the test (a pass, announced on
/// stderr) when one of the programs is missing; see [`have_tools`].
macro_rules! require_tools {
    ($($program:expr),+ $(,)?) => {
        if !$crate::support::have_tools(&[$($program),+]) {
            return;
        }
    };
}
pub(crate) use require_tools;

/// Runs an external program; call [`require_tools!`] first, so that a missing one skips.
pub fn tool(program: &str, args: &[&str]) -> Output {
    Command::new(program).args(args).output().unwrap_or_else(|e| {
        panic!("`{program}` is needed for this test ({e}): call require_tools!(\"{program}\") first, or install it (see .ci/run)")
    })
}

/// pdftotext of a PDF, NFC, with runs of white space folded.
pub fn pdf_text(pdf: &Path) -> String {
    use unicode_normalization::UnicodeNormalization;
    let out = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).nfc().collect()
}

pub fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Converts a DOCX to PDF with LibreOffice, as a user's office suite would.
pub fn libreoffice_pdf(docx: &Path) -> PathBuf {
    libreoffice(docx, "pdf", "pdf")
}

/// The DOCX that LibreOffice saves after opening `docx` (its own XML throughout).
pub fn libreoffice_docx(docx: &Path) -> PathBuf {
    libreoffice(docx, "docx:MS Word 2007 XML", "docx")
}

/// `docx` converted by LibreOffice with `filter`, into the folder `lo` beside it.
fn libreoffice(docx: &Path, filter: &str, extension: &str) -> PathBuf {
    let out_dir = docx.parent().unwrap().join("lo");
    let profile = tempfile::tempdir().unwrap();
    let profile_url = format!("-env:UserInstallation=file://{}", profile.path().display());
    let out = tool(
        "soffice",
        &[
            &profile_url,
            "--headless",
            "--convert-to",
            filter,
            "--outdir",
            out_dir.to_str().unwrap(),
            docx.to_str().unwrap(),
        ],
    );
    let converted = out_dir.join(docx.file_stem().unwrap()).with_extension(extension);
    assert!(converted.exists(), "LibreOffice did not convert: {}", String::from_utf8_lossy(&out.stderr));
    converted
}
