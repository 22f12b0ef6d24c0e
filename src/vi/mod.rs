//! Vietnamese conventions of administrative documents (NĐ 30 and practice):
//! dates, numbers, amounts in words, capitals. Every backend and template goes
//! through these, so a rule is written once.

pub mod date;
pub mod encoding;
pub mod number;
pub mod text;
pub mod words;
