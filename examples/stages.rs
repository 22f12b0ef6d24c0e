//! Times each pipeline stage once, cold, in a fresh process: where a CLI run spends its time.
//! `cargo run --release --example stages -- plans/son-la-2023-kh93.toml`

use std::time::Instant;

use kehoach::render::Renderer;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "plans/son-la-2023-kh93.toml".into());
    let t = Instant::now();
    let lap = |name: &str| {
        eprintln!("{name:>10}: {:7.2} ms", t.elapsed().as_secs_f64() * 1000.0);
    };
    let mut map = kehoach::source::SourceMap::new();
    let root = kehoach::load::default_root(path.as_ref());
    let plan = kehoach::load::load_plan(&mut map, path.as_ref(), &root).unwrap().unwrap();
    lap("load");
    let d = kehoach::check::check_loaded(&plan, &map);
    lap("check");
    let templates = kehoach::templates::Templates::builtin().unwrap();
    lap("templates");
    let doc = kehoach::build::build(&plan, &templates, false).unwrap();
    lap("build");
    let docx = kehoach::render::docx::DocxRenderer.render(&doc).unwrap();
    lap("docx");
    let pdf = kehoach::render::pdf::PdfRenderer.render(&doc).unwrap();
    lap("pdf");
    eprintln!("{} diagnostics, {} + {} bytes", d.len(), docx.len(), pdf.len());
}
