//! Link the `kehoach` binary as a position-dependent executable on Linux.
//!
//! typst and its dependencies carry ~77,000 pointers in relocated data; a PIE
//! binary patches them all at every start, which was half of a one-plan run
//! (2.4 ms of `kehoach --version`, 1.3 ms without). A CLI that a clerk runs once
//! per plan pays that each time; address randomisation of the executable itself
//! is the price (libraries, heap and stack stay randomised).

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    // A static build (`scripts/cargo`) names its relocation model itself; -no-pie
    // beside a static-pie link would make a binary that cannot start.
    let features = std::env::var("CARGO_CFG_TARGET_FEATURE").unwrap_or_default();
    let static_crt = features.split(',').any(|f| f == "crt-static");
    if os == "linux" && env == "gnu" && !static_crt {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
