//! The table of diagnostic codes. Codes are stable: tools and users key on them.
//! The README's list is generated from this table (`kehoach codes`); each code's
//! one-line description is the message key "<code>.about" in every language.

use super::Severity;
use Severity::*;

macro_rules! codes {
    (@final $severity:ident) => { $severity };
    (@final $severity:ident, $final:ident) => { $final };
    ($($variant:ident = $name:literal, $severity:ident $(, final $final:ident)?;)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Code { $($variant),* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name),* }
            }

            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => $severity),* }
            }

            /// The severity when the plan is rendered as a final (signed) document.
            pub fn final_severity(self) -> Severity {
                match self { $(Code::$variant => codes!(@final $severity $(, $final)?)),* }
            }
        }
    };
}

codes! {
    TomlSyntax = "toml-syntax", Error;
    UnknownKey = "unknown-key", Error;
    MissingKey = "missing-key", Error;
    WrongType = "wrong-type", Error;
    InvalidValue = "invalid-value", Error;
    IdDuplicate = "id-duplicate", Error;
    LeadMissing = "lead-missing", Error;
    LeadUnknown = "lead-unknown", Error;
    LeadShared = "lead-shared", Warning;
    AgencyIdle = "agency-idle", Warning;
    BudgetSum = "budget-sum", Error;
    DateInvalid = "date-invalid", Error;
    MilestoneOutside = "milestone-outside", Error;
    NumberingGap = "numbering-gap", Error;
    CitationConflict = "citation-conflict", Warning;
    CitationDate = "citation-date", Error;
    CitationAfter = "citation-after", Warning;
    RecipientDuplicate = "recipient-duplicate", Warning;
    RecipientReference = "recipient-reference", Warning;
    CodeForm = "code-form", Error;
    // A draft may be an outline still; a document to be issued has its parts.
    PartsMissing = "parts-missing", Warning, final Error;
    DecisionArticle = "decision-article", Error;
    TextEncoding = "text-encoding", Error;
    InheritedLevel = "inherited-level", Warning;
    InheritedNumber = "inherited-number", Warning;
    InheritedYear = "inherited-year", Warning;
    LineBreak = "line-break", Warning;
    AppendixMissing = "appendix-missing", Error;
    FootnoteMissing = "footnote-missing", Error;
    FootnoteUnused = "footnote-unused", Warning;
    BodyGone = "body-gone", Warning;
    SignatureForm = "signature-form", Error;
    RecipientsArchive = "recipients-archive", Warning;
    DrafterMark = "drafter-mark", Warning;
    // A final document needs its number and date: what a draft may lack blocks the render.
    IssueBlank = "issue-blank", Warning, final Error;
    ContentUnplaced = "content-unplaced", Warning;
    ContentMissing = "content-missing", Error;
    TargetRange = "target-range", Error;
    PlaceholderUnknown = "placeholder-unknown", Warning;
    // A draft may still have holes; a final document may not.
    BlankField = "blank-field", Warning, final Error;
    DutyDuplicate = "duty-duplicate", Warning, final Error;
    TextPdf = "text-pdf", Warning;
    ExtendsMissing = "extends-missing", Error;
    ExtendsCycle = "extends-cycle", Error;
    ExtendsOutside = "extends-outside", Error;
    ExtendsType = "extends-type", Error;
    TraceUnknownId = "trace-unknown-id", Error;
    TraceWeakerTarget = "trace-weaker-target", Warning;
    TraceRemoved = "trace-removed", Warning;
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}
