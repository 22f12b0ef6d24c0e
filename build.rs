//! Links the `kehoach` binary position-dependent on Linux with glibc.
//!
//! A position-independent executable is relocated at every start: typst's tables
//! hold ~77,000 pointers, so the loader writes (and the kernel copies) every page
//! of `.data.rel.ro` before `main` runs, about a third of a one-plan DOCX run.
//! Linked with `-no-pie`, those addresses are fixed at link time and the pages are
//! read from the file only when used. The cost is that the binary's own code is
//! not placed at a random address (shared libraries and the heap still are).
//! `KEHOACH_PIE=1` keeps the default.

fn main() {
    println!("cargo:rerun-if-env-changed=KEHOACH_PIE");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    let static_crt =
        std::env::var("CARGO_CFG_TARGET_FEATURE").unwrap_or_default().split(',').any(|f| f == "crt-static");
    if os == "linux" && env == "gnu" && !static_crt && std::env::var_os("KEHOACH_PIE").is_none() {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
