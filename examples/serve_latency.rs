//! Latency of `kehoach serve`'s live preview: one form edit (a target changed)
//! → the edit applied to the TOML, the plan checked, laid out and drawn as SVG
//! pages, as the page's `/api/preview` call does. Prints p50 / p95 / max over
//! 50 edits of the largest sample plan.
//!
//! `cargo run --example serve_latency [PLAN.toml] [EDITS]` (add `--release` for
//! the figure the README gives).

use std::time::Instant;

use kehoach::serve::preview::{run, Request};
use kehoach::serve::Server;
use serde_json::json;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let plan = args.first().cloned().unwrap_or_else(|| largest_sample().unwrap_or_default());
    let edits: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(50);
    let path = std::path::Path::new(&plan);
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    let server = Server::new(folder, kehoach::diag::Lang::Vi, None)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut text = std::fs::read_to_string(path)?;
    // The first indicator's target, as a clerk would change it in the form; a plan
    // without indicators (a directive) gets its first duty's text edited instead.
    let form = kehoach::serve::edit::form(&text).unwrap_or_default();
    let has_target = form["objectives"][0]["indicators"][0]["target"]["value"].is_number();
    let field = if has_target {
        json!(["objectives", 0, "indicators", 0, "target", "value"])
    } else {
        json!(["duties", 0, "body"])
    };
    let body = form["duties"][0]["body"].as_str().unwrap_or_default().to_string();
    let pages = |v: &serde_json::Value| v["pages"].as_array().map_or(0, Vec::len);
    // One cold run first (fonts, templates, typst's caches), as the page's first preview.
    let request = |text: &str, edits, shown: &[String]| Request {
        path: name.clone(),
        text: text.to_string(),
        edits,
        no_pages: false,
        shown: shown.to_vec(),
    };
    let hashes = |v: &serde_json::Value| -> Vec<String> {
        v["pages"]
            .as_array()
            .map_or(Vec::new(), |p| p.iter().filter_map(|p| p["hash"].as_str().map(String::from)).collect())
    };
    let first = run(&server, &request(&text, Vec::new(), &[])).map_err(|f| anyhow::anyhow!(f.message))?;
    let mut shown = hashes(&first);
    let mut drawn = 0;
    println!("{name}: {} pages, first preview {:.1} ms", pages(&first), first["ms"].as_f64().unwrap_or_default());
    let mut times = Vec::with_capacity(edits);
    for i in 0..edits {
        let value = if has_target { format!("{},{}", 60 + i % 30, i % 10) } else { format!("{body} Lần sửa {i}.") };
        let edit = serde_json::from_value(json!({"op": "set", "path": field, "value": value}))?;
        let started = Instant::now();
        // As the page does: it says which pages it shows, and gets the others.
        let out = run(&server, &request(&text, vec![edit], &shown)).map_err(|f| anyhow::anyhow!(f.message))?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        drawn += out["pages"].as_array().map_or(0, |p| p.iter().filter(|p| p["svg"].is_string()).count());
        shown = hashes(&out);
        text = out["text"].as_str().unwrap_or_default().to_string();
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() as f64 * q).ceil() as usize).saturating_sub(1).min(times.len() - 1)];
    println!("{edits} edits of {field}: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms", at(0.5), at(0.95), at(1.0));
    println!("pages drawn and sent again: {:.1} per edit", drawn as f64 / edits as f64);
    Ok(())
}

/// The sample plan in `plans/` with the most bytes.
fn largest_sample() -> Option<String> {
    let mut plans: Vec<_> = std::fs::read_dir("plans")
        .ok()?
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
        .filter_map(|e| Some((e.metadata().ok()?.len(), e.path())))
        .collect();
    plans.sort();
    plans.last().map(|(_, p)| p.display().to_string())
}
