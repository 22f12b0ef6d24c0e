//! Turns TOML parser and serde errors into located diagnostics with a suggestion.
//!
//! serde reports problems as English sentences with a fixed shape ("unknown field
//! `x`, expected one of `a`, `b`"); we read them back into codes and arguments so
//! the message can be printed in the reader's language.

use std::sync::LazyLock;

use regex::Regex;

use crate::diag::{closest, Code, Diagnostic, Msg};
use crate::source::{FileId, SourceMap, Span};

static DATE_TOKEN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}").unwrap());
static QUOTED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"`([^`]*)`").unwrap());

/// A TOML syntax error. An impossible date (2021-12-34, 2023-02-30) is the
/// parser's to find, but to the user it is a bad date, not bad syntax.
pub fn from_syntax(map: &SourceMap, id: FileId, e: &toml::de::Error) -> Diagnostic {
    let file = map.file(id);
    let local = e.span().unwrap_or(0..0);
    let span = Span::shifted(local.clone(), file.base);
    if let Some(date) = date_token_at(&file.text, local.start) {
        let start = file.base + date.0;
        let span = Span::new(start, start + date.1.len());
        let d = Diagnostic::new(Code::DateInvalid).arg("value", &date.1).primary(span, Msg::new("date-invalid.label"));
        // 2027-2-3: a real date, written without its zeros.
        return match padded_date(&date.1) {
            Some(padded) => d.note(Msg::new("date-invalid.pad").arg("padded", padded)),
            None => d,
        };
    }
    let d = Diagnostic::new(Code::TomlSyntax).primary(span, Msg::new("toml-syntax.label"));
    let d = match syntax_detail(e.message().trim()) {
        Some(detail) => d.arg_msg("detail", detail),
        None => d.arg("detail", e.message().trim()),
    };
    typing_hints(d, line_at(&file.text, local.start))
}

/// The parser's English ("unclosed table, expected `]`") in the reader's language,
/// for the mistakes it names; another stays as the parser wrote it.
fn syntax_detail(message: &str) -> Option<Msg> {
    let (what, expected) = message.split_once(", expected ").unwrap_or((message, ""));
    let key = match what {
        "unclosed table" => "toml-syntax.unclosed-table",
        "unclosed array" => "toml-syntax.unclosed-array",
        "unclosed inline table" => "toml-syntax.unclosed-inline-table",
        "string values must be quoted" => return Some(Msg::new("toml-syntax.unquoted")),
        "invalid basic string" | "invalid multi-line basic string" => "toml-syntax.unclosed-string",
        "invalid literal string" | "invalid multi-line literal string" => "toml-syntax.unclosed-string",
        "key with no value" => "toml-syntax.no-value",
        "duplicate key" => "toml-syntax.duplicate-key",
        "invalid boolean" => "toml-syntax.boolean",
        "unquoted keys cannot be empty" => "toml-syntax.empty-key",
        "unexpected leading zero" => return Some(Msg::new("toml-syntax.leading-zero")),
        "missing escaped value" => "toml-syntax.escape",
        "extra comma in array" | "extra comma in inline table" => "toml-syntax.extra-comma",
        "extra `=`" | "extra assignment between key-value pairs" | "unexpected `=` in array" => {
            "toml-syntax.extra-equals"
        }
        "invalid float"
        | "invalid exponent"
        | "invalid fraction"
        | "invalid mantissa"
        | "invalid integer number"
        | "invalid binary number"
        | "invalid hexadecimal number"
        | "invalid octal number"
        | "unexpected sign" => "toml-syntax.number",
        "invalid date-time" => "toml-syntax.date",
        "invalid key"
        | "invalid unquoted key"
        | "invalid key-value pair"
        | "invalid inline table element"
        | "missing key for inline table element" => "toml-syntax.key",
        "missing opening quote" | "invalid string" => "toml-syntax.unquoted",
        "invalid table" | "missing table open" => "toml-syntax.table",
        "unclosed array table" => "toml-syntax.unclosed-table",
        "invalid value" | "missing value" | "missing value for key" => "toml-syntax.no-value",
        "missing comma between array elements" | "missing comma between key-value pairs" => "toml-syntax.missing-comma",
        "missing assignment between key-value pairs" => "toml-syntax.missing-equals",
        "missing array opening" | "missing inline table opening" => "toml-syntax.missing-open",
        "invalid comment character" => "toml-syntax.comment",
        "unexpected content between comment and newline"
        | "unexpected content"
        | "unexpected key or value"
        | "missing comment start" => "toml-syntax.unexpected",
        _ => return None,
    };
    let what = Msg::new(key);
    Some(if expected.is_empty() || expected == "nothing" {
        what
    } else {
        Msg::new("toml-syntax.expected").arg_msg("what", what).arg("expected", expected)
    })
}

static GROUPED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[=\[,{\s])(-?\d{1,3}(?:\.\d{3})+(?:,\d+)?)\s*(?:$|[,\]}#])").unwrap());
// "= 63,7" at the end of a line, or in an inline table before "," or "}".
static DECIMAL_COMMA: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"=\s*(-?\d+),(\d+)\s*(?:$|#|,|\})").unwrap());

/// The line of `text` around byte `pos`.
fn line_at(text: &str, pos: usize) -> &str {
    let pos = pos.min(text.len());
    let start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
    text.get(start..end).unwrap_or_default()
}

/// `2027-2-3` → `2027-02-03`, if that is a real date.
fn padded_date(token: &str) -> Option<String> {
    let mut parts = token.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if m.len() == 2 && d.len() == 2 {
        return None;
    }
    let date = chrono::NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    Some(date.format("%Y-%m-%d").to_string())
}

/// Notes for the mistakes people make typing TOML by hand: Vietnamese number
/// punctuation (12.500.000.000, 63,7) and curly quotes pasted from Word.
fn typing_hints(mut d: Diagnostic, line: &str) -> Diagnostic {
    if let Some(m) = GROUPED.captures(line) {
        let written = &m[1];
        let plain = written.replace('.', "").replace(',', ".");
        let grouped = written.replace('.', "_").replace(',', ".");
        d = d.note(Msg::new("toml-syntax.thousands").arg("plain", plain).arg("grouped", grouped));
    } else if let Some(m) = DECIMAL_COMMA.captures(line) {
        d = d.note(Msg::new("toml-syntax.decimal-comma").arg("plain", format!("{}.{}", &m[1], &m[2])));
    }
    if line.contains(['\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}']) {
        d = d.note(Msg::new("toml-syntax.curly-quotes"));
    }
    d
}

/// The date literal (offset, text) around a position, if the position is inside one.
fn date_token_at(text: &str, pos: usize) -> Option<(usize, String)> {
    let pos = pos.min(text.len());
    let line_start = text[..pos].rfind(['\n', '=', '[', ',', '{']).map_or(0, |i| i + 1);
    let rest = &text[line_start..];
    let trimmed = rest.trim_start();
    let offset = line_start + (rest.len() - trimmed.len());
    let m = DATE_TOKEN.find(trimmed)?;
    (offset <= pos && pos <= offset + m.end() + 8).then(|| (offset, m.as_str().to_string()))
}

/// A deserialization error: unknown key, missing key, wrong type, bad value.
pub fn from_deserialize(map: &SourceMap, id: FileId, e: &toml::de::Error) -> Diagnostic {
    let file = map.file(id);
    let span = e.span().map_or(Span::new(file.base, file.base), |r| Span::new(r.start, r.end));
    let message = e.message().trim();
    let quoted = quoted(message);

    if let Some(rest) = message.strip_prefix("unknown field ") {
        let key = quoted.first().cloned().unwrap_or_default();
        let expected = &quoted[1.min(quoted.len())..];
        let mut d = Diagnostic::new(Code::UnknownKey).arg("key", &key).primary(span, Msg::new("unknown-key.label"));
        if top_level_keys().contains(&key) {
            // A plan key written after a [table] header belongs to that table in TOML.
            d = d.note(Msg::new("unknown-key.top-level").arg("key", &key));
        } else if let Some(s) = closest(&key, expected) {
            d = d.note(Msg::new("unknown-key.suggest").arg("suggestion", s));
        } else if !expected.is_empty() && !rest.contains("no fields") {
            d = d.note(Msg::new("unknown-key.expected").arg("expected", list(expected)));
        }
        return d;
    }
    if message.starts_with("missing field ") {
        let key = quoted.first().cloned().unwrap_or_default();
        // A field a clerk knows by name ("trích yếu"), found by the table it is
        // missing from: `[document]` and `summary` are `document.summary`.
        let header = map.snippet(span).unwrap_or_default().trim_matches(['[', ']']).trim();
        // `[[objectives.indicators.parts]]` is `indicators.parts`, `[document]` is `document`.
        let segments: Vec<&str> = header.rsplit('.').take(2).collect();
        let last_two = segments.iter().rev().copied().collect::<Vec<_>>().join(".");
        let label = [last_two.as_str(), segments.first().copied().unwrap_or_default()]
            .iter()
            .map(|table| crate::diag::field_label(&format!("{table}.{key}")))
            .find(|l| *l != "field.other")
            .unwrap_or("field.other");
        if label != "field.other"
            && !header.is_empty()
            && header.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        {
            return Diagnostic::new(Code::MissingKey)
                .with_message(Msg::new("missing-key.field").arg_msg("field", Msg::new(label)).arg("key", &key))
                .primary(span, Msg::new("missing-key.field-label").arg_msg("field", Msg::new(label)).arg("key", &key));
        }
        return Diagnostic::new(Code::MissingKey)
            .arg("key", &key)
            .primary(span, Msg::new("missing-key.label").arg("key", &key));
    }
    if message.starts_with("unknown variant ") {
        let value = quoted.first().cloned().unwrap_or_default();
        let expected = &quoted[1.min(quoted.len())..];
        let mut d =
            Diagnostic::new(Code::InvalidValue).arg("value", &value).primary(span, Msg::new("invalid-value.label"));
        if let Some(s) = closest(&value, expected) {
            d = d.note(Msg::new("unknown-key.suggest").arg("suggestion", s));
        }
        return d.note(Msg::new("invalid-value.expected").arg("expected", list(expected)));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return wrong_type(span, found, expected);
    }
    if message.starts_with("data did not match any variant of untagged enum Lead") {
        return wrong_type(span, "?", "a string or a list of strings");
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return wrong_type(span, found, expected);
    }
    let value = message.strip_prefix("invalid value: ").unwrap_or(message);
    // "integer `-5`, expected u32": a negative number where only 0 and up make sense.
    if let Some((found, expected)) = value.split_once(", expected ") {
        let number = found.strip_prefix("integer `").and_then(|f| f.strip_suffix('`'));
        if let (Some(number), true) = (number, matches!(expected, "u8" | "u16" | "u32" | "u64" | "usize")) {
            return Diagnostic::new(Code::InvalidValue)
                .arg("value", number)
                .primary(span, Msg::new("invalid-value.label"))
                .note(Msg::new("invalid-value.unsigned"));
        }
    }
    Diagnostic::new(Code::InvalidValue).arg("value", value).primary(span, Msg::new("invalid-value.label"))
}

/// The names serde quotes in a message ("unknown field `leed`, expected `lead`").
pub(super) fn quoted(message: &str) -> Vec<String> {
    QUOTED.captures_iter(message).map(|c| c[1].to_string()).collect()
}

/// For an unknown key, the known key it is closest to ("leed" → "lead").
pub(super) fn suggested_key(e: &toml::de::Error) -> Option<String> {
    let message = e.message().trim();
    message.strip_prefix("unknown field ")?;
    let quoted = quoted(message);
    let (key, expected) = quoted.split_first()?;
    closest(key, expected).map(str::to_string)
}

/// The keys of the plan itself (`bases`, `preamble`, …), read from its schema.
fn top_level_keys() -> Vec<String> {
    let schema = schemars::schema_for!(crate::model::Plan);
    schema.get("properties").and_then(|p| p.as_object()).map(|p| p.keys().cloned().collect()).unwrap_or_default()
}

pub(super) fn wrong_type(span: Span, found: &str, expected: &str) -> Diagnostic {
    let wants_number = matches!(expected.trim(), "f64" | "f32" | "u32" | "u64" | "i32" | "i64" | "usize");
    let d = Diagnostic::new(Code::WrongType)
        .arg_msg("expected", describe(expected))
        .arg_msg("found", describe(found))
        .primary(span, Msg::new("wrong-type.label").arg_msg("expected", describe(expected)));
    let Some((written, number, unit)) = number_in_text(found).filter(|_| wants_number) else { return d };
    use crate::vi::number::Written;
    // A unit after a target's value ("65%", "120 xã") has a field of its own (`unit`);
    // a whole number elsewhere (a document number, an amount) has none.
    let unit = unit && matches!(expected.trim(), "f64" | "f32");
    match number {
        Written::Integer(n) if unit => d.note(Msg::new("wrong-type.number-text").arg("plain", n)),
        // "05": TOML has no leading zeros; the document number is printed "05" anyway.
        Written::Integer(n) if written.starts_with('0') && n > 0 => {
            d.note(Msg::new("wrong-type.integer-text").arg("plain", n))
        }
        // "18.680.000.000 đồng", "18.680 triệu đồng": the amount in đồng, its thousands
        // grouped as TOML allows (`18_680_000_000`).
        Written::Integer(n) => d.note(Msg::new("wrong-type.plain-number").arg("plain", toml_grouped(n))),
        Written::Decimal(x) => d.note(Msg::new("wrong-type.number-text").arg("plain", x)),
    }
}

/// An integer as TOML may write it, its thousands grouped: 18_680_000_000.
fn toml_grouped(n: i64) -> String {
    let grouped = crate::vi::number::group_with(&n.unsigned_abs().to_string(), '_');
    if n < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// serde's type words in plain terms a clerk can act on, in the reader's language.
fn describe(serde_words: &str) -> Msg {
    let w = serde_words.trim();
    let key = match w {
        "a string" | "string" => "value-type.string",
        "u32" | "u64" | "i32" | "i64" | "usize" | "integer" => "value-type.integer",
        "f64" | "f32" | "float" | "floating point" => "value-type.number",
        "a boolean" | "boolean" => "value-type.boolean",
        "a sequence" | "sequence" | "array" => "value-type.array",
        "a map" | "map" | "table" => "value-type.table",
        "a string or a list of strings" => "value-type.string-or-list",
        _ if w.starts_with("a date") => "value-type.date",
        "a TOML datetime" | "a datetime" => "value-type.date",
        "a tuple of size 2" => "value-type.year-span",
        _ if w.starts_with("struct ") => "value-type.table",
        _ if w.starts_with("enum ") => "value-type.choice",
        // What was found, with its value: `string "17,6‰"`, `integer `5``.
        _ => {
            for (serde, key) in [
                ("string ", "value-type.string-value"),
                ("integer ", "value-type.integer-value"),
                ("floating point ", "value-type.number-value"),
                ("boolean ", "value-type.boolean-value"),
            ] {
                if let Some(value) = w.strip_prefix(serde) {
                    return Msg::new(key).arg("value", value.trim_matches('`'));
                }
            }
            return Msg::new("value-type.other").arg("value", w);
        }
    };
    Msg::new(key)
}

/// A number written as text with its unit, its thousands dots or a word that
/// multiplies it ("17,6‰", "18.680.000.000 đồng", "18.680 triệu đồng"): what was
/// written, and the number.
fn number_in_text(found: &str) -> Option<(&str, crate::vi::number::Written, bool)> {
    let text = found.strip_prefix("string ")?.trim_matches('"');
    crate::vi::number::read_with_unit(text).map(|(n, unit)| (text, n, unit))
}

fn list(items: &[String]) -> String {
    items.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
}
