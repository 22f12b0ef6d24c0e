//! `ResolvedPlan`: a plan with its `extends` chain merged, and what it came from.

use super::Plan;
use crate::source::{FileId, Span};

/// A plan as every later stage sees it: merged over its parents, strings trimmed,
/// removals applied, dates resolved.
#[derive(Debug)]
pub struct ResolvedPlan {
    pub plan: Plan,
    /// The file this plan was read from.
    pub file: FileId,
    /// The parent plan, itself resolved, when this plan `extends` one.
    pub parent: Option<Box<ResolvedPlan>>,
    /// Inherited entries this plan dropped with `remove = true`.
    pub removals: Vec<Removal>,
}

/// An inherited entry a child dropped with `remove = true`.
#[derive(Clone, Debug)]
pub struct Removal {
    /// "indicators", "objectives", "sections", "duties".
    pub array: String,
    pub id: String,
    pub span: Span,
    /// Why, as the child plan says (`note`): the reviewer's first question.
    pub note: Option<String>,
}

impl std::ops::Deref for ResolvedPlan {
    type Target = Plan;
    fn deref(&self) -> &Plan {
        &self.plan
    }
}

impl ResolvedPlan {
    /// The files of the chain, this plan's first.
    pub fn chain(&self) -> Vec<FileId> {
        let mut out = vec![self.file];
        let mut p = self.parent.as_deref();
        while let Some(x) = p {
            out.push(x.file);
            p = x.parent.as_deref();
        }
        out
    }
}
