//! Message tables, one per language, keyed by diagnostic code and sub-key.

mod en;
mod schema_vi;
mod vi;

/// The reader's language: Vietnamese by default, English with `--lang en`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    fn table(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lang::Vi => vi::MESSAGES,
            Lang::En => en::MESSAGES,
        }
    }

    /// The message for `key`; the key itself if a table lacks it (a test forbids that).
    pub fn text(self, key: &'static str) -> &'static str {
        self.table().iter().find(|(k, _)| *k == key).map_or(key, |(_, t)| t)
    }

    pub fn keys(self) -> impl Iterator<Item = &'static str> {
        self.table().iter().map(|(k, _)| *k)
    }

    /// A field's description in the plan schema by its path ("Agency.name");
    /// `None` keeps the English the schema is written in.
    pub fn schema_description(self, path: &str) -> Option<&'static str> {
        match self {
            Lang::Vi => schema_vi::DESCRIPTIONS.iter().find(|(k, _)| *k == path).map(|(_, t)| *t),
            Lang::En => None,
        }
    }

    /// The paths that have a description in this language's schema table.
    pub fn schema_paths(self) -> impl Iterator<Item = &'static str> {
        let table: &[(&str, &str)] = if self == Lang::Vi { schema_vi::DESCRIPTIONS } else { &[] };
        table.iter().map(|(k, _)| *k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;
    use std::collections::BTreeSet;

    #[test]
    fn both_languages_have_the_same_keys_and_no_duplicates() {
        for lang in [Lang::Vi, Lang::En] {
            let keys: Vec<_> = lang.keys().collect();
            let set: BTreeSet<_> = keys.iter().collect();
            assert_eq!(keys.len(), set.len(), "duplicate key in {lang:?}");
        }
        let vi: BTreeSet<_> = Lang::Vi.keys().collect();
        let en: BTreeSet<_> = Lang::En.keys().collect();
        assert_eq!(vi, en);
    }

    #[test]
    fn every_code_has_a_message_and_a_description() {
        for code in Code::ALL {
            for lang in [Lang::Vi, Lang::En] {
                assert!(lang.keys().any(|k| k == code.name()), "{} lacks a message", code.name());
                let about = format!("{}.about", code.name());
                assert!(lang.keys().any(|k| k == about), "{} lacks a description", code.name());
            }
        }
    }
}
