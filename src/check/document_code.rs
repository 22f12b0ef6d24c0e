//! code-form: the ký hiệu as written (NĐ 30 Phụ lục I II.3): no spaces, groups
//! joined by "-", and the first group the abbreviation of the document's kind;
//! and the number, which counts from 01 (NĐ 30 Phụ lục I II.3.a).

use crate::diag::{Code, Diagnostic, Msg, Sink};
use crate::model::{DocumentKind, Plan, Spanned};
use crate::vi::text::upper;

pub fn check(plan: &Plan, sink: &mut Sink) {
    let numbers = [plan.document.number.as_ref(), plan.decision.as_ref().and_then(|d| d.number.as_ref())];
    for number in numbers.into_iter().flatten().filter(|n| n.value == 0) {
        sink.push(
            Diagnostic::new(Code::InvalidValue)
                .arg("value", 0)
                .primary(number.span, Msg::new("invalid-value.label"))
                .note(Msg::new("invalid-value.number-zero")),
        );
    }
    if let Some(code) = &plan.document.code {
        form(code, *plan.document.kind, sink);
    }
    if let Some(code) = plan.decision.as_ref().and_then(|d| d.code.as_ref()) {
        form(code, DocumentKind::QuyetDinh, sink);
    }
}

fn form(code: &Spanned<String>, kind: DocumentKind, sink: &mut Sink) {
    let problem = if code.chars().any(char::is_whitespace) {
        Some(Msg::new("code-form.spaces"))
    } else if code.split('-').any(str::is_empty) {
        Some(Msg::new("code-form.empty-group"))
    } else if upper(code.split('-').next().unwrap_or_default()) != upper(kind.abbr()) {
        Some(Msg::new("code-form.kind").arg("abbr", kind.abbr()))
    } else {
        None
    };
    if let Some(detail) = problem {
        sink.push(
            Diagnostic::new(Code::CodeForm)
                .with_message(Msg::new("code-form").arg("code", code.as_str()).arg_msg("detail", detail))
                .primary(code.span, Msg::new("code-form.label")),
        );
    }
}
