//! Moves the spans of a parsed TOML tree from file offsets to global positions.

use toml::de::{DeTable, DeValue};
use toml::Spanned;

pub fn shift_document(doc: Spanned<DeTable<'_>>, base: usize) -> Spanned<DeTable<'_>> {
    // The first file of a map already has global positions.
    if base == 0 {
        return doc;
    }
    let span = shift(doc.span(), base);
    Spanned::new(span, shift_table(doc.into_inner(), base))
}

fn shift(range: std::ops::Range<usize>, base: usize) -> std::ops::Range<usize> {
    range.start + base..range.end + base
}

fn shift_table(table: DeTable<'_>, base: usize) -> DeTable<'_> {
    let mut out = DeTable::new();
    for (key, value) in table {
        let key_span = shift(key.span(), base);
        out.insert(Spanned::new(key_span, key.into_inner()), shift_value(value, base));
    }
    out
}

fn shift_value(value: Spanned<DeValue<'_>>, base: usize) -> Spanned<DeValue<'_>> {
    let span = shift(value.span(), base);
    let inner = match value.into_inner() {
        DeValue::Table(t) => DeValue::Table(shift_table(t, base)),
        DeValue::Array(mut items) => {
            // In place, so the array keeps its "array of tables" flag.
            for item in items.iter_mut() {
                let taken = std::mem::replace(item, Spanned::new(0..0, DeValue::Boolean(false)));
                *item = shift_value(taken, base);
            }
            DeValue::Array(items)
        }
        other => other,
    };
    Spanned::new(span, inner)
}
