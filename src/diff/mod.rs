//! Diff: two versions of a plan → the changes in meaning, a comparison table
//! and a redline. Matching is by id; text is compared word by word after NFC
//! and tone-mark normalisation.

mod changes;
pub(crate) mod normalize;
pub mod redline;
pub mod table;
pub(crate) mod words;

pub use changes::{compare, Change, Kind, NotComparable};
