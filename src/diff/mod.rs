//! Diff: two versions of a plan → the changes in meaning, a comparison table
//! and a redline, under one comparison policy (`normalize::Policy`).
//!
//! `tree` finds every field that differs; `changes` words each one for the
//! reviewer; `align` pairs paragraphs by likeness; `tokens` cuts text into words;
//! `words` compares text word by word; `redline` and `table` lay the result out;
//! `rekey` pairs the ids an import made up in two documents.

mod align;
mod changes;
pub mod normalize;
pub mod redline;
pub mod rekey;
pub mod table;
mod tokens;
mod tree;
pub(crate) mod words;

pub use changes::{compare, explain_removals, json_schema, Change, ChangeRecord, Kind, NotComparable};
pub use normalize::Policy;
