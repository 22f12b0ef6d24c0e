//! Times each pipeline stage in a fresh process: the first (cold) run, as in a
//! one-plan CLI run, and the median of 20 more (warm), as in a run of many plans.
//! `cargo run --release --example stages -- plans/son-la-2023-kh93.toml`

use std::time::{Duration, Instant};

use kehoach::export::Exporter;

fn stage<T>(name: &str, mut f: impl FnMut() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let cold = start.elapsed();
    let mut warm: Vec<Duration> = (0..20)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    warm.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    eprintln!("{name:>10}: cold {:7.3} ms   warm {:7.3} ms", ms(cold), ms(warm[warm.len() / 2]));
    out
}

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "plans/son-la-2023-kh93.toml".into());
    let path = std::path::Path::new(&path);
    let root = kehoach::load::default_root(path);
    let plan = stage("load", || {
        let mut map = kehoach::source::SourceMap::new();
        let plan = kehoach::load::load_plan(&mut map, path, &root).unwrap().unwrap();
        (plan, map)
    });
    let (plan, map) = plan;
    let diagnostics = stage("check", || kehoach::check::check_resolved(&plan, &map));
    let templates = stage("templates", || kehoach::templates::Templates::builtin().unwrap());
    let doc = stage("build", || kehoach::compose::compose(&plan, &templates, false).unwrap());
    let docx = stage("docx", || kehoach::export::docx::DocxExporter::default().export(&doc).unwrap());
    let pdf = stage("pdf", || {
        kehoach::export::pdf::evict_cache();
        kehoach::export::pdf::PdfExporter::default().export(&doc).unwrap()
    });
    eprintln!("{} diagnostics, {} + {} bytes", diagnostics.len(), docx.len(), pdf.len());
}
