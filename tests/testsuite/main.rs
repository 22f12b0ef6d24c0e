//! The integration tests, one binary (as in mdBook's `tests/testsuite`): typst and the
//! rest of the crate are linked once, not once per file.
//!
//! Tests that need `pdftotext`, `pdffonts` or `soffice` skip (and say so on stderr)
//! when the program is missing, unless `KEHOACH_REQUIRE_TOOLS=1` (CI): see README.md here.

mod support;

mod check;
mod cli;
mod conform;
mod diff;
mod diff_properties;
mod extends;
mod fixtures;
mod import;
mod reliability;
mod render;
mod serve;
