//! Diagnostics: what is wrong in a plan, where, in the reader's language.
//!
//! A diagnostic carries a stable code and message keys with arguments, not
//! finished sentences: the text comes from one message table per language
//! (`lang/vi.rs`, `lang/en.rs`), looked up when it is printed.

mod codes;
mod emit;
mod lang;

pub use codes::Code;
pub use emit::{emit_json, emit_terminal};
pub use lang::Lang;

use crate::source::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// A message key of the language tables and its arguments.
#[derive(Clone, Debug, PartialEq)]
pub struct Msg {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// The language of messages that carry no language of their own: operational
/// errors, rendered when the CLI prints them. Set once by the CLI.
static PROCESS_LANG: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Sets the language of [`Msg`]'s `Display` (English when `lang` is [`Lang::En`]).
pub fn set_process_lang(lang: Lang) {
    PROCESS_LANG.store(lang == Lang::En, std::sync::atomic::Ordering::Relaxed);
}

fn process_lang() -> Lang {
    if PROCESS_LANG.load(std::sync::atomic::Ordering::Relaxed) {
        Lang::En
    } else {
        Lang::Vi
    }
}

/// A message is also an error context: `.with_context(|| Msg::new("error.write").arg(…))`.
impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(process_lang()))
    }
}

/// An argument: literal text, or another message key rendered in the same language.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Text(String),
    Msg(Box<Msg>),
    /// Messages rendered in the reader's language and joined by commas.
    List(Vec<Msg>),
    /// A measured figure written the Vietnamese way ("25,4 mm", "9,5–13 mm"): in
    /// English its decimal comma is a point.
    Figure(String),
}

impl Msg {
    pub fn new(key: &'static str) -> Self {
        Msg { key, args: Vec::new() }
    }

    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    /// An argument that is itself a message ("số và ngày ban hành" / "number and date").
    pub fn arg_key(self, name: &'static str, key: &'static str) -> Self {
        self.arg_msg(name, Msg::new(key))
    }

    /// A measured figure, in the reader's notation (see [`Arg::Figure`]).
    pub fn arg_figure(mut self, name: &'static str, figure: impl Into<String>) -> Self {
        self.args.push((name, Arg::Figure(figure.into())));
        self
    }

    /// An argument that is a whole message with its own arguments.
    pub fn arg_msg(mut self, name: &'static str, msg: Msg) -> Self {
        self.args.push((name, Arg::Msg(Box::new(msg))));
        self
    }

    /// The finished sentence in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = lang.text(self.key).to_string();
        for (name, value) in &self.args {
            let value = match value {
                Arg::Text(t) => t.clone(),
                Arg::Msg(m) => m.render(lang),
                Arg::List(items) => items.iter().map(|m| m.render(lang)).collect::<Vec<_>>().join(", "),
                Arg::Figure(f) if lang == Lang::En => english_figure(f),
                Arg::Figure(f) => f.clone(),
            };
            out = out.replace(&format!("{{{name}}}"), &value);
        }
        out
    }
}

/// "1.234,5" → "1,234.5": the separators between digits swapped.
fn english_figure(f: &str) -> String {
    let chars: Vec<char> = f.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| match c {
            ',' if i > 0 && digit(i - 1) && digit(i + 1) => '.',
            '.' if i > 0 && digit(i - 1) && digit(i + 1) => ',',
            c => *c,
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub span: Span,
    pub primary: bool,
    pub message: Msg,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: Msg,
    pub labels: Vec<Label>,
    pub notes: Vec<Msg>,
}

/// The diagnostics of a document to be issued (not a draft): each code takes its
/// final severity (a missing number is an error then). `check` and `render` both
/// apply it, so a plan `render` refuses fails `check` too.
pub fn for_issued_document(diagnostics: &mut [Diagnostic]) {
    for d in diagnostics {
        d.severity = d.code.final_severity();
    }
}

impl Diagnostic {
    /// A diagnostic with the code's own severity and message key (= the code).
    pub fn new(code: Code) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            message: Msg::new(code.name()),
            labels: Vec::new(),
            notes: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.message = self.message.arg(name, value);
        self
    }

    /// An argument that is itself a message, rendered in the reader's language.
    pub fn arg_msg(mut self, name: &'static str, msg: Msg) -> Self {
        self.message = self.message.arg_msg(name, msg);
        self
    }

    /// Replaces the code's default message with a more specific one.
    pub fn with_message(mut self, message: Msg) -> Self {
        self.message = message;
        self
    }

    /// Where the problem is.
    pub fn primary(mut self, span: Span, message: Msg) -> Self {
        self.labels.push(Label { span, primary: true, message });
        self
    }

    /// A related place ("declared here", "inherited from …").
    pub fn secondary(mut self, span: Span, message: Msg) -> Self {
        self.labels.push(Label { span, primary: false, message });
        self
    }

    pub fn note(mut self, note: Msg) -> Self {
        self.notes.push(note);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The primary span, if any, for sorting and JSON output.
    pub fn span(&self) -> Option<Span> {
        self.labels.iter().find(|l| l.primary).map(|l| l.span)
    }
}

/// Where checks push what they find; nothing stops at the first problem.
#[derive(Debug, Default)]
pub struct Sink {
    diagnostics: Vec<Diagnostic>,
}

impl Sink {
    pub fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// Diagnostics in file order, errors before warnings at the same place.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.diagnostics.sort_by_key(|d| (d.span().map_or(usize::MAX, |s| s.start), std::cmp::Reverse(d.severity)));
        self.diagnostics
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics.extend(other);
    }
}

/// The message naming a required field in words, by its key in the plan
/// (`document.summary`; an indicator's as `indicators.text`).
pub fn field_label(key: &str) -> &'static str {
    match key {
        "document.summary" => "field.document.summary",
        "document.kind" => "field.document.kind",
        "document.place" => "field.document.place",
        "issuer.name" => "field.issuer.name",
        "issuer.abbr" => "field.issuer.abbr",
        "signature.name" => "field.signature.name",
        "decision.summary" => "field.decision.summary",
        "decision.authority" => "field.decision.authority",
        "objectives.title" => "field.objectives.title",
        "sections.title" => "field.sections.title",
        "indicators.text" => "field.indicators.text",
        "indicators.parts.text" => "field.indicators.parts.text",
        "indicators.target" => "field.indicators.target",
        "agencies.name" => "field.agencies.name",
        _ => "field.other",
    }
}

/// The closest valid name, if it is close enough to be a typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a String>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(d, c)| *d <= 2.max(c.chars().count() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.as_str())
}

#[cfg(test)]
mod figure_tests {
    use super::*;

    #[test]
    fn a_figure_is_written_in_the_reader_s_notation() {
        let m = Msg::new("conform.value").arg_figure("v", "9,5–13 mm; 1.234,5");
        assert_eq!(m.render(Lang::Vi), "9,5–13 mm; 1.234,5");
        assert_eq!(m.render(Lang::En), "9.5–13 mm; 1,234.5");
    }
}
