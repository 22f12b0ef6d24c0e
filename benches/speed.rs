//! `cargo bench --bench speed`: how fast kehoach checks and renders, against the
//! tools a clerk would otherwise use (pandoc for DOCX, LibreOffice for PDF).
//!
//! Prints medians; whole-process figures run the release binary as a user would.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use kehoach::document::{plain_text, Block};
use kehoach::export::{docx::DocxExporter, pdf::PdfExporter, Exporter};

const SON_LA: &str = "plans/son-la-2023-kh93.toml";

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}

/// Whole-process timings of two tools, taken in turns: `theirs_per_turn` runs of
/// theirs, then `ours_per_turn` of ours. Turns spread drift on this shared machine
/// over both tools; within a turn a tool runs back to back, as a clerk runs one tool.
struct Turns {
    ours: Duration,
    theirs: Duration,
}

fn alternate(
    turns: usize,
    theirs_per_turn: usize,
    ours_per_turn: usize,
    mut theirs: impl FnMut(),
    mut ours: impl FnMut(),
) -> Turns {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..turns {
        for _ in 0..theirs_per_turn {
            b.push(time(1, &mut theirs));
        }
        for _ in 0..ours_per_turn {
            let t = time(1, &mut ours);
            a.push(t);
        }
    }
    Turns { ours: median(a), theirs: median(b) }
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A plan with `n` indicators, each with a lead, support and milestones.
fn big_plan(n: usize) -> String {
    let mut s = String::from(
        "[document]\nkind = \"ke-hoach\"\nnumber = 1\nplace = \"Sơn La\"\ndate = 2023-04-03\nsummary = \"Kế hoạch lớn\"\nperiod = [2021, 2030]\n\n[issuer]\nname = \"Ủy ban nhân dân tỉnh Sơn La\"\nabbr = \"UBND\"\n\n[agencies]\n",
    );
    for a in 0..20 {
        s += &format!("a{a} = {{ name = \"Sở số {a}\" }}\n");
    }
    s += "\n[[sections]]\ntitle = \"Mục tiêu\"\ncontent = \"objectives\"\n\n[[objectives]]\nid = \"o\"\ntitle = \"Mục tiêu chung\"\n";
    for i in 0..n {
        s += &format!(
            "\n[[objectives.indicators]]\nid = \"i{i}\"\ntext = \"Tỷ lệ số {i} theo Chỉ thị số 28-CT/TW ngày 25/12/2023\"\ntarget = {{ unit = \"%\", milestones = {{ 2025 = {}, 2030 = {} }} }}\nlead = \"a{}\"\nsupport = [\"a{}\", \"a{}\"]\n",
            i % 90,
            i % 90 + 5,
            i % 20,
            (i + 1) % 20,
            (i + 2) % 20
        );
    }
    s += "\n[recipients]\nto = [\"Bộ\"]\narchive = [\"VT\", \"KGVX\"]\n\n[signature]\ncollective = \"Ủy ban nhân dân\"\nauthority = \"KT\"\nhead = \"Chủ tịch\"\ntitle = \"Phó Chủ tịch\"\nname = \"Nguyễn Văn A\"\n";
    s
}

fn exe() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_kehoach"))
}

fn run(program: &Path, args: &[&str]) -> bool {
    // Absolute paths and no `current_dir`: with a working directory to set, std can
    // no longer use posix_spawn in a static build and forks the whole bench process.
    // Output to /dev/null, as hyperfine does: the figure is the tool's, not the pipe's.
    let null = || std::process::Stdio::null();
    Command::new(program).args(args).stdout(null()).stderr(null()).status().map(|s| s.success()).unwrap_or(false)
}

/// `typst compile` of `project/main.typ` with kehoach's fonts only: the floor.
fn typst_floor_args(project: &Path) -> Vec<String> {
    let path = |p: PathBuf| p.to_string_lossy().into_owned();
    vec![
        "compile".into(),
        "--root".into(),
        path(project.to_path_buf()),
        "--font-path".into(),
        path(root().join("fonts")),
        "--ignore-system-fonts".into(),
        path(project.join("main.typ")),
        path(project.join("out.pdf")),
    ]
}

fn available(program: &str) -> bool {
    Command::new(program).arg("--version").output().is_ok()
}

/// The plan's whole content as Markdown, for pandoc: the frame (header, title,
/// recipients, signature) as plain lines, the body with its tables and footnotes.
fn markdown(doc: &kehoach::document::Document) -> String {
    use kehoach::document::Inline;
    use kehoach::layout::{MOTTO, NATIONAL_NAME};
    let inline = |content: &[Inline]| -> String {
        content
            .iter()
            .map(|i| match i.footnote {
                Some(n) => format!("[^{n}]"),
                None if i.bold => format!("**{}**", i.text),
                None if i.italic => format!("*{}*", i.text),
                None => i.text.clone(),
            })
            .collect()
    };
    let mut md = String::new();
    for part in &doc.parts {
        if let Some(h) = &part.header {
            let lines = h.parent.iter().chain(&h.issuer).chain(&h.number).chain(&h.place_date);
            for line in lines {
                md += &format!("{}\\\n", plain_text(line));
            }
            md += &format!("**{NATIONAL_NAME}**\\\n**{MOTTO}**\n\n");
        }
        md += &format!("# {}\n\n**{}**\n\n", plain_text(&part.title.kind), plain_text(&part.title.summary));
        // The lines under the title (kèm theo …, the deciding authority): every word the PDF has.
        for line in [&part.title.subtitle, &part.title.attached_to, &part.title.authority].into_iter().flatten() {
            md += &format!("*{}*\n\n", plain_text(line));
        }
        for b in &part.body {
            match b {
                Block::Heading { content, .. } => md += &format!("## {}\n\n", inline(content)),
                Block::Paragraph { content } | Block::Centered { content } => md += &format!("{}\n\n", inline(content)),
                Block::Table(t) => {
                    let row = |cells: &[Vec<Inline>]| {
                        format!("| {} |\n", cells.iter().map(|c| inline(c)).collect::<Vec<_>>().join(" | "))
                    };
                    md += &row(&t.header);
                    md += &format!("|{}\n", "---|".repeat(t.header.len()));
                    for r in &t.rows {
                        md += &row(r);
                    }
                    md += "\n";
                }
            }
        }
        for (n, note) in part.footnotes.iter().enumerate() {
            md += &format!("[^{}]: {}\n\n", n + 1, inline(note));
        }
        if let Some(c) = &part.closing {
            md += "***Nơi nhận:***\n\n";
            for r in &c.recipients {
                md += &format!("- {}\n", plain_text(r));
            }
            md += "\n";
            for a in &c.authority {
                md += &format!("**{}**\\\n", plain_text(a));
            }
            md += &format!("\n**{}**\n\n", plain_text(&c.name));
        }
    }
    md
}

fn main() {
    // `cargo bench --bench speed -- batch samples` runs only those sections:
    // check, render, samples, batch, import, scale (all of them without a name).
    let only: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let want = |section: &str| only.is_empty() || only.iter().any(|o| o == section);
    let tmp = tempfile::tempdir().unwrap();
    println!("kehoach speed (medians; release build, this machine)\n");
    let templates = kehoach::templates::Templates::builtin().unwrap();
    let (pandoc, soffice) = (available("pandoc"), available("soffice"));
    let profile = tempfile::tempdir().unwrap();
    let env = format!("-env:UserInstallation=file://{}", profile.path().display());
    let samples: Vec<(String, toml::Value)> = SAMPLES
        .iter()
        .map(|p| (stem(p), toml::from_str(&std::fs::read_to_string(root().join(p)).unwrap()).unwrap()))
        .collect();

    if want("check") {
        check_and_diff(tmp.path());
    }
    if want("render") {
        render_in_process(&templates);
    }
    if want("samples") {
        samples_against_peers(tmp.path(), &templates, pandoc, soffice, &env);
    }
    if want("batch") {
        batch(tmp.path(), &samples);
    }
    if want("import") {
        import(tmp.path(), &templates, &samples, pandoc, soffice, &env);
    }
    if want("scale") {
        scale(tmp.path());
    }
}

fn check_and_diff(tmp: &Path) {
    // 1. Checking a plan with 10,000 indicators.
    let big = tmp.join("big.toml");
    std::fs::write(&big, big_plan(10_000)).unwrap();
    let check = time(15, || {
        let mut map = kehoach::source::SourceMap::new();
        kehoach::check_file(&mut map, &big).unwrap()
    });
    println!("check, 10,000 indicators (load + all checks, in-process): {}", ms(check));
    let check_proc = time(5, || assert!(run(&exe(), &["check", big.to_str().unwrap()])));
    println!("check, 10,000 indicators (whole `kehoach check` process): {}", ms(check_proc));

    // 1b. Comparing two versions of a 1,000-indicator plan: every 10th indicator's
    // 2030 target changed (100 changes), counted below so the label cannot lie.
    let old_text = big_plan(1000);
    let new_text: String = old_text
        .split("\n[[objectives.indicators]]")
        .enumerate()
        .map(|(k, part)| if k % 10 == 1 { part.replacen(", 2030 = ", ", 2030 = 1", 1) } else { part.to_string() })
        .collect::<Vec<_>>()
        .join("\n[[objectives.indicators]]");
    let (old_path, new_path) = (tmp.join("v1.toml"), tmp.join("v2.toml"));
    std::fs::write(&old_path, &old_text).unwrap();
    std::fs::write(&new_path, &new_text).unwrap();
    let mut map = kehoach::source::SourceMap::new();
    let old_plan = kehoach::check_file(&mut map, &old_path).unwrap().0.unwrap();
    let new_plan = kehoach::check_file(&mut map, &new_path).unwrap().0.unwrap();
    let mut changes = 0;
    let builtin = kehoach::templates::Templates::builtin().unwrap();
    let diff = time(15, || {
        let policy = kehoach::diff::Policy::for_plans(false, &[&old_plan, &new_plan]);
        changes = kehoach::diff::compare(&old_plan, &new_plan, &policy, &builtin).map(|c| c.len()).unwrap_or(0);
    });
    assert_eq!(changes, 100, "the diff bench changes every 10th of 1,000 targets");
    println!("diff, two 1,000-indicator plans (in-process, {changes} changes): {}", ms(diff));
    let diff_proc = time(5, || run(&exe(), &["diff", old_path.to_str().unwrap(), new_path.to_str().unwrap()]));
    println!("diff, two 1,000-indicator plans (whole `kehoach diff` process): {}", ms(diff_proc));
}

fn render_in_process(templates: &kehoach::templates::Templates) {
    // 2. Rendering the Sơn La plan in-process, fonts and templates loaded once.
    let mut map = kehoach::source::SourceMap::new();
    let (plan, _) = kehoach::check_file(&mut map, &root().join(SON_LA)).unwrap();
    let plan = plan.unwrap();
    let build = time(50, || kehoach::compose::compose(&plan, templates, false).unwrap());
    let doc = kehoach::compose::compose(&plan, templates, false).unwrap();
    PdfExporter::default().export(&doc).unwrap();
    let docx = time(50, || DocxExporter::default().export(&doc).unwrap());
    let pdf = time(20, || {
        // A fresh document each time, as when rendering many plans.
        kehoach::export::pdf::evict_cache();
        PdfExporter::default().export(&doc).unwrap()
    });
    println!("Sơn La, build document model (templates → blocks): {}", ms(build));
    println!("Sơn La, render DOCX in-process: {}", ms(docx));
    println!("Sơn La, render PDF in-process (typst cache cleared each run): {}", ms(pdf));
}

fn samples_against_peers(
    tmp: &Path,
    templates: &kehoach::templates::Templates,
    pandoc: bool,
    soffice: bool,
    env: &str,
) {
    // 3. Whole processes against the tools a clerk has, in turns (see `alternate`),
    // on every sample. Every timed run must succeed: a failing process would be
    // timed as a fast one.
    let out = tmp.join("out");
    let out_s = out.to_str().unwrap().to_string();
    println!("\nwhole processes, per sample (medians; ratio = the other tool's time / kehoach's):");
    for sample in SAMPLES {
        let path = root().join(sample);
        let path_s = path.to_str().unwrap().to_string();
        let name = stem(sample);
        let render_docx = || assert!(run(&exe(), &["render", &path_s, "--draft", "--to", "docx", "-o", &out_s]));
        let render_pdf = || assert!(run(&exe(), &["render", &path_s, "--draft", "--to", "pdf", "-o", &out_s]));
        render_docx();
        let mut map = kehoach::source::SourceMap::new();
        let plan = kehoach::check_file(&mut map, &path).unwrap().0.unwrap();
        let doc = kehoach::compose::compose(&plan, templates, true).unwrap();
        let md = tmp.join(format!("{name}.md"));
        std::fs::write(&md, markdown(&doc)).unwrap();
        if pandoc {
            let target = tmp.join("pandoc.docx");
            let theirs = || assert!(run(Path::new("pandoc"), &[md.to_str().unwrap(), "-o", target.to_str().unwrap()]));
            let t = alternate(7, 3, 9, theirs, render_docx);
            println!(
                "{name:<28} DOCX: kehoach {} vs pandoc {}: {:.1}×",
                ms(t.ours),
                ms(t.theirs),
                t.theirs.as_secs_f64() / t.ours.as_secs_f64()
            );
        } else {
            println!("{name:<28} DOCX: kehoach {} (pandoc not installed)", ms(time(21, render_docx)));
        }
        if soffice {
            let ours = out.join(format!("{name}.docx"));
            let lo_out = tmp.join("lo");
            let args = [
                env,
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                lo_out.to_str().unwrap(),
                ours.to_str().unwrap(),
            ];
            run(Path::new("soffice"), &args); // the first start creates the profile
            let t = alternate(5, 1, 5, || assert!(run(Path::new("soffice"), &args)), render_pdf);
            println!(
                "{name:<28} PDF:  kehoach {} vs LibreOffice {}: {:.1}×",
                ms(t.ours),
                ms(t.theirs),
                t.theirs.as_secs_f64() / t.ours.as_secs_f64()
            );
        } else {
            println!("{name:<28} PDF:  kehoach {} (LibreOffice not installed)", ms(time(21, render_pdf)));
        }
        // The floor: typst's own compiler on the same template and data, with the
        // same fonts (`cargo install typst-cli --version 0.15.1`).
        if available("typst") {
            let project = tmp.join(format!("typst-{name}"));
            std::fs::create_dir_all(&project).unwrap();
            let (template, data) = kehoach::export::pdf::typst_project(&doc).unwrap();
            std::fs::write(project.join("main.typ"), template).unwrap();
            // kehoach's font store names Liberation Serif as Times New Roman; typst's
            // compiler finds it by its own name (the same metrics, the same pages).
            let data = String::from_utf8(data).unwrap().replace("\"Times New Roman\"", "\"Liberation Serif\"");
            std::fs::write(project.join("data.json"), data).unwrap();
            let args = typst_floor_args(&project);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            // The floor, then typst as a user runs it: its default font search (the
            // system's fonts, then the folder given), which the floor leaves out.
            let default_search: Vec<&str> = args.iter().copied().filter(|a| *a != "--ignore-system-fonts").collect();
            for (what, args) in
                [("compiling the same document", &args[..]), ("with its default font search", &default_search[..])]
            {
                let t = alternate(12, 2, 2, || assert!(run(Path::new("typst"), args)), render_pdf);
                println!(
                    "{name:<28} PDF:  kehoach {} vs typst {what} {}: {:.1}×",
                    ms(t.ours),
                    ms(t.theirs),
                    t.theirs.as_secs_f64() / t.ours.as_secs_f64()
                );
            }
        } else {
            println!("{name:<28} PDF:  (typst not installed: the floor is not measured)");
        }
    }
    if available("typst") {
        // What neither tool goes under: typst compiling an empty document (its
        // start-up, its library, its fonts), against kehoach rendering its smallest
        // plan (two pages). A plan's own layout is typst's work in both, so the
        // floor ratio of a long plan tends to 1 (see the README).
        let empty = tmp.join("typst-empty");
        std::fs::create_dir_all(&empty).unwrap();
        std::fs::write(empty.join("main.typ"), "").unwrap();
        let args = typst_floor_args(&empty);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let minimal = root().join("tests/fixtures/minimal.toml");
        let minimal = minimal.to_str().unwrap();
        let ours = || assert!(run(&exe(), &["render", minimal, "--to", "pdf", "-o", &out_s]));
        let t = alternate(12, 2, 2, || assert!(run(Path::new("typst"), &args)), ours);
        println!(
            "fixed cost, PDF: kehoach, a two-page plan {} vs typst, an empty document {}",
            ms(t.ours),
            ms(t.theirs)
        );
    }
    if soffice {
        // A warm LibreOffice: one process converting every sample, against one
        // `kehoach render` of every sample.
        let docx: Vec<String> =
            SAMPLES.iter().map(|s| out.join(format!("{}.docx", stem(s))).display().to_string()).collect();
        let lo_out = tmp.join("lo-batch").display().to_string();
        let mut lo_args = vec![env, "--headless", "--convert-to", "pdf", "--outdir", lo_out.as_str()];
        lo_args.extend(docx.iter().map(String::as_str));
        let plans: Vec<String> = SAMPLES.iter().map(|s| root().join(s).display().to_string()).collect();
        let mut ours_args = vec!["render", "--draft", "--to", "pdf", "-o", out_s.as_str()];
        ours_args.extend(plans.iter().map(String::as_str));
        let t =
            alternate(5, 1, 3, || assert!(run(Path::new("soffice"), &lo_args)), || assert!(run(&exe(), &ours_args)));
        println!(
            "every sample in one process, PDF: kehoach {} vs LibreOffice {}: {:.1}×",
            ms(t.ours),
            ms(t.theirs),
            t.theirs.as_secs_f64() / t.ours.as_secs_f64()
        );
    }
}

fn batch(tmp: &Path, samples: &[(String, toml::Value)]) {
    // 4. Many distinct plans with one command, both formats, on every core: every
    // sample in turn, each copy with its own number, summary, titles, targets and
    // agency names, so typst's memo cache cannot serve one plan's layout to the next.
    println!();
    for n in [100, 1000, 5000] {
        let many = tmp.join(format!("many-{n}"));
        std::fs::create_dir_all(&many).unwrap();
        for i in 0..n {
            let (name, plan) = &samples[i % samples.len()];
            let text = toml::to_string(&distinct(plan.clone(), i)).unwrap();
            std::fs::write(many.join(format!("p{i:05}-{name}.toml")), text).unwrap();
        }
        let many_out = tmp.join(format!("many-{n}-out"));
        let args = ["render", many.to_str().unwrap(), "--draft", "--to", "docx,pdf", "-o", many_out.to_str().unwrap()];
        let (elapsed, peak, ok) = measured(&exe(), &args);
        let written = std::fs::read_dir(&many_out).map(|d| d.count()).unwrap_or(0);
        assert!(ok && written == 2 * n, "{written} of {} files", 2 * n);
        println!(
            "{n} distinct plans → DOCX + PDF, one `kehoach render` ({} cores): {:.2} s, peak {} MiB ({:.0} KiB a plan)",
            std::thread::available_parallelism().map_or(1, |c| c.get()),
            elapsed.as_secs_f64(),
            peak / 1024,
            peak as f64 / n as f64
        );
        std::fs::remove_dir_all(&many_out).ok();
    }
}

fn import(
    tmp: &Path,
    templates: &kehoach::templates::Templates,
    samples: &[(String, toml::Value)],
    pandoc: bool,
    soffice: bool,
    env: &str,
) {
    // 4b. Import: a DOCX of 20 pages or more in-process, the whole process against
    // pandoc reading the same file, and 1,000 documents in one command.
    let mut n = 120;
    let (big_docx, pages) = loop {
        let plan_path = tmp.join(format!("twenty-{n}.toml"));
        std::fs::write(&plan_path, scaled_plan(n, false)).unwrap();
        let mut map = kehoach::source::SourceMap::new();
        let plan = kehoach::check_file(&mut map, &plan_path).unwrap().0.unwrap();
        let doc = kehoach::compose::compose(&plan, templates, false).unwrap();
        let pdf = PdfExporter::default().export(&doc).unwrap();
        let pages = pdf.windows(10).filter(|w| *w == b"/Type /Page" || *w == b"/Type/Page").count();
        if pages >= 20 || n > 2000 {
            break (DocxExporter::default().export(&doc).unwrap(), pages);
        }
        n += 60;
    };
    let big_path = tmp.join("twenty.docx");
    std::fs::write(&big_path, &big_docx).unwrap();
    let import_one = time(50, || kehoach::import::import(&big_path, &big_docx, kehoach::diag::Lang::Vi).unwrap());
    println!("\nimport, a {pages}-page DOCX ({n} indicators), in-process: {}", ms(import_one));
    let imported_toml = tmp.join("twenty.toml");
    let ours = || {
        assert!(run(&exe(), &["import", big_path.to_str().unwrap(), "-o", imported_toml.to_str().unwrap(), "--force"]))
    };
    if pandoc {
        let plain = tmp.join("twenty.txt");
        let theirs = || {
            assert!(run(
                Path::new("pandoc"),
                &[big_path.to_str().unwrap(), "-t", "plain", "-o", plain.to_str().unwrap()]
            ))
        };
        let t = alternate(7, 3, 9, theirs, ours);
        println!(
            "import, the same DOCX, whole process: kehoach {} vs pandoc (DOCX → plain text) {}: {:.1}×",
            ms(t.ours),
            ms(t.theirs),
            t.theirs.as_secs_f64() / t.ours.as_secs_f64()
        );
    } else {
        println!("import, the same DOCX, whole process: kehoach {} (pandoc not installed)", ms(time(21, ours)));
    }
    // NĐ 30 conformance of the same DOCX: in-process, and the whole `check` (import,
    // plan checks and thể thức) against LibreOffice merely opening and converting it.
    let conform = time(50, || kehoach::conform::check(&big_docx).unwrap());
    println!("thể thức check, the {pages}-page DOCX, in-process: {}", ms(conform));
    let ours = || run(&exe(), &["check", big_path.to_str().unwrap()]);
    if soffice {
        let lo_out = tmp.join("lo-txt");
        let args = [
            env,
            "--headless",
            "--convert-to",
            "txt",
            "--outdir",
            lo_out.to_str().unwrap(),
            big_path.to_str().unwrap(),
        ];
        run(Path::new("soffice"), &args);
        let t = alternate(
            5,
            1,
            5,
            || assert!(run(Path::new("soffice"), &args)),
            || {
                ours();
            },
        );
        println!(
            "check of the same DOCX, whole process: kehoach {} vs LibreOffice opening it (DOCX → text) {}: {:.1}×",
            ms(t.ours),
            ms(t.theirs),
            t.theirs.as_secs_f64() / t.ours.as_secs_f64()
        );
    }
    let docs = tmp.join("docs-1000");
    std::fs::create_dir_all(&docs).unwrap();
    let mut doc_paths = Vec::new();
    for i in 0..1000 {
        let (name, plan) = &samples[i % samples.len()];
        let plan_path = docs.join(format!("p{i:05}-{name}.toml"));
        std::fs::write(&plan_path, toml::to_string(&distinct(plan.clone(), i)).unwrap()).unwrap();
        let mut map = kehoach::source::SourceMap::new();
        let plan = kehoach::check_file(&mut map, &plan_path).unwrap().0.unwrap();
        std::fs::remove_file(&plan_path).unwrap();
        let doc = kehoach::compose::compose(&plan, templates, true).unwrap();
        let path = docs.join(format!("p{i:05}-{name}.docx"));
        std::fs::write(&path, DocxExporter::default().export(&doc).unwrap()).unwrap();
        doc_paths.push(path.display().to_string());
    }
    let imported_dir = tmp.join("docs-1000-toml");
    let mut args = vec!["import", "-o", imported_dir.to_str().unwrap(), "--force"];
    args.extend(doc_paths.iter().map(String::as_str));
    let (elapsed, peak, ok) = measured(&exe(), &args);
    let written = std::fs::read_dir(&imported_dir).map(|d| d.count()).unwrap_or(0);
    assert!(ok && written == 1000, "{written} of 1000 plans");
    println!(
        "import, 1,000 distinct DOCX plans in one `kehoach import` ({} cores): {:.2} s, peak {} MiB",
        std::thread::available_parallelism().map_or(1, |c| c.get()),
        elapsed.as_secs_f64(),
        peak / 1024
    );
}

fn scale(tmp: &Path) {
    // 5. Every stage as the plan grows (agencies grow with indicators: one per ten),
    // each a whole process: time and peak memory.
    println!("\nstage scaling (whole processes; agencies = indicators / 10):");
    println!(
        "{:>8}  {:>18}  {:>18}  {:>18}  {:>18}  {:>18}  {:>18}",
        "indic.", "check", "render docx", "render pdf", "diff", "import docx", "check docx (NĐ 30)"
    );
    for n in [1_000, 10_000, 100_000] {
        let dir = tmp.join(format!("scale-{n}"));
        std::fs::create_dir_all(&dir).unwrap();
        let plan = dir.join("plan.toml");
        std::fs::write(&plan, scaled_plan(n, false)).unwrap();
        let changed = dir.join("changed.toml");
        std::fs::write(&changed, scaled_plan(n, true)).unwrap();
        let (p, c, o) = (plan.to_str().unwrap(), changed.to_str().unwrap(), dir.join("out"));
        let o = o.to_str().unwrap();
        let cell = |args: &[&str]| {
            let (t, peak, ok) = measured(&exe(), args);
            if ok {
                format!("{:.2} s {:>5} MiB", t.as_secs_f64(), peak / 1024)
            } else {
                "failed".into()
            }
        };
        let check = cell(&["check", p]);
        let docx = cell(&["render", p, "--to", "docx", "-o", o]);
        // 100,000 indicators make some 7,200 pages: about 30 s and 5 GB.
        let pdf = cell(&["render", p, "--to", "pdf", "-o", o]);
        let diff = cell(&["diff", p, c]);
        let rendered = format!("{o}/plan.docx");
        let imported = format!("{o}/imported.toml");
        let import = cell(&["import", &rendered, "-o", &imported, "--force"]);
        // A Word file checked: import, every plan check and the NĐ 30 conformance rules.
        let conform = cell(&["check", &rendered]);
        println!("{n:>8}  {check:>18}  {docx:>18}  {pdf:>18}  {diff:>18}  {import:>18}  {conform:>18}");
    }
}

const SAMPLES: [&str; 6] = [
    "plans/son-la-2023-kh93.toml",
    "plans/quang-ninh-2024-ct28.toml",
    "plans/thai-binh-2022-kh42.toml",
    "plans/cam-giang-2023-kh15.toml",
    "plans/vinh-long-2021-2030-qd.toml",
    "plans/xa-2026-hai-cap.toml",
];

fn stem(path: &str) -> String {
    Path::new(path).file_stem().unwrap().to_string_lossy().into_owned()
}

const WORDS: [&str; 8] =
    ["bảo vệ", "chăm sóc", "phát triển", "an toàn", "giám sát", "truyền thông", "phối hợp", "toàn diện"];

/// Copy `i` of a sample: its own number, summary, titles, targets and agency names.
fn distinct(mut plan: toml::Value, i: usize) -> toml::Value {
    fn walk(v: &mut toml::Value, i: usize, key: &str) {
        match v {
            toml::Value::Table(t) => {
                for (k, v) in t.iter_mut() {
                    walk(v, i, k);
                }
            }
            toml::Value::Array(a) => a.iter_mut().for_each(|v| walk(v, i, key)),
            toml::Value::String(s) if matches!(key, "title" | "summary" | "name") => {
                s.push_str(&format!(" {} {}", WORDS[i % WORDS.len()], i))
            }
            toml::Value::Float(x) if key == "value" || key.starts_with("20") => {
                *x = ((*x * (0.9 + (i % 20) as f64 / 100.0)) * 10.0).round() / 10.0
            }
            toml::Value::Integer(x) if key.starts_with("20") => *x = (*x + (i % 7) as i64).min(100),
            _ => {}
        }
    }
    walk(&mut plan, i, "");
    if let Some(doc) = plan.get_mut("document").and_then(|d| d.as_table_mut()) {
        if doc.contains_key("number") {
            doc.insert("number".into(), toml::Value::Integer((i % 900 + 1) as i64));
        }
    }
    plan
}

/// A plan with `n` indicators and `n / 10` agencies, every agency leading some;
/// with `changed`, every tenth target differs.
fn scaled_plan(n: usize, changed: bool) -> String {
    let agencies = (n / 10).max(1);
    let mut s = String::from(
        "[document]\nkind = \"ke-hoach\"\nnumber = 1\nplace = \"Sơn La\"\ndate = 2023-04-03\nsummary = \"Kế hoạch lớn\"\nperiod = [2021, 2030]\n\n[issuer]\nname = \"Ủy ban nhân dân tỉnh Sơn La\"\nabbr = \"UBND\"\n\n[agencies]\n",
    );
    for a in 0..agencies {
        s += &format!("a{a} = {{ name = \"Sở số {a}\" }}\n");
    }
    s += "\n[[sections]]\ntitle = \"Mục tiêu\"\ncontent = \"objectives\"\n\n[[sections]]\ntitle = \"Tổ chức thực hiện\"\ncontent = \"duties\"\n\n[[objectives]]\nid = \"o\"\ntitle = \"Mục tiêu chung\"\n";
    for i in 0..n {
        let bump = usize::from(changed && i % 10 == 0);
        s += &format!(
            "\n[[objectives.indicators]]\nid = \"i{i}\"\ntext = \"Tỷ lệ số {i} theo Chỉ thị số 28-CT/TW ngày 25/12/2023\"\ntarget = {{ unit = \"%\", milestones = {{ 2025 = {}, 2030 = {} }} }}\nlead = \"a{}\"\nsupport = [\"a{}\"]\n",
            i % 90,
            i % 90 + 5 + bump,
            i % agencies,
            (i + 1) % agencies,
        );
    }
    for a in 0..agencies {
        s += &format!("\n[[duties]]\nagency = \"a{a}\"\nbody = \"- Thực hiện nhiệm vụ số {a}.\"\n");
    }
    s += "\n[recipients]\nto = [\"Bộ\"]\narchive = [\"VT\", \"KGVX\"]\n\n[signature]\ncollective = \"Ủy ban nhân dân\"\nauthority = \"KT\"\nhead = \"Chủ tịch\"\ntitle = \"Phó Chủ tịch\"\nname = \"Nguyễn Văn A\"\n";
    s
}

/// A whole process: wall time, peak resident memory (KiB) and whether it
/// succeeded. The peak is the kernel's high-water mark (`VmHWM` in
/// /proc/PID/status), read every 5 ms while the process runs (Linux; 0 elsewhere).
fn measured(program: &Path, args: &[&str]) -> (Duration, u64, bool) {
    let start = Instant::now();
    let mut child = Command::new(program)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        let hwm = std::fs::read_to_string(&status_file).ok().and_then(|s| {
            s.lines().find_map(|l| l.strip_prefix("VmHWM:")?.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        });
        peak = peak.max(hwm.unwrap_or(0));
        std::thread::sleep(Duration::from_millis(5));
    };
    (start.elapsed(), peak, status.code().is_some_and(|c| c <= 1))
}
