//! text-encoding: text pasted from a file in a legacy encoding (TCVN3, VNI),
//! which reads as mojibake ("nh©n d©n", "NHAÂN DAÂN") and must not be printed.

use crate::diag::{Code, Diagnostic, Msg, Sink};
use crate::model::{Plan, Spanned};
use crate::source::SourceMap;
use crate::vi::encoding::mojibake;

pub fn check(plan: &Plan, map: &SourceMap, sink: &mut Sink) {
    let mut texts: Vec<&Spanned<String>> = plan.free_texts();
    texts.push(&plan.issuer.name);
    texts.extend(&plan.issuer.parent);
    texts.extend(&plan.recipients.to);
    texts.push(&plan.signature.name);
    let mut named: Vec<(&str, crate::source::Span)> = texts.iter().map(|t| (t.as_str(), t.span)).collect();
    // Agency names are printed in the duties and the indicator table.
    for agency in plan.agencies.values() {
        named.push((&agency.name, agency.span));
        named.extend(agency.short.as_deref().map(|s| (s, agency.span)));
    }
    for (text, span) in named {
        let Some((legacy, range)) = mojibake(text) else { continue };
        let word = &text[range];
        sink.push(
            Diagnostic::new(Code::TextEncoding).arg("encoding", legacy.name()).arg("word", word).primary(
                super::locate(map, span, word),
                Msg::new("text-encoding.label").arg("encoding", legacy.name()),
            ),
        );
    }
}
