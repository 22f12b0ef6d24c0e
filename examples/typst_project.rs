//! Writes the typst project the PDF backend compiles for a plan (`main.typ` and
//! `data.json`), so typst's own compiler can compile the same document: the
//! benchmark's floor, by hand.
//! `cargo run --release --example typst_project -- plans/son-la-2023-kh93.toml /tmp/son-la`
//! then `typst compile --ignore-system-fonts --font-path fonts /tmp/son-la/main.typ`.

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(plan), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: typst_project PLAN.toml OUT_DIR");
        std::process::exit(2);
    };
    let path = std::path::Path::new(&plan);
    let root = kehoach::load::default_root(path);
    let mut map = kehoach::source::SourceMap::new();
    let plan = kehoach::load::load_plan(&mut map, path, &root).unwrap().unwrap();
    let templates = kehoach::templates::Templates::builtin().unwrap();
    let doc = kehoach::compose::compose(&plan, &templates, false).unwrap();
    let (template, data) = kehoach::export::pdf::typst_project(&doc).unwrap();
    // kehoach's font store names Liberation Serif as Times New Roman; typst's
    // compiler finds it by its own name (the same metrics, the same pages).
    let data = String::from_utf8(data).unwrap().replace("\"Times New Roman\"", "\"Liberation Serif\"");
    let out = std::path::Path::new(&out);
    std::fs::create_dir_all(out).unwrap();
    std::fs::write(out.join("main.typ"), template).unwrap();
    std::fs::write(out.join("data.json"), data).unwrap();
}
