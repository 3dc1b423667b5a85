//! Kinds of problem, the cedar way: each phase names what can go wrong in
//! an enum whose variants carry the names and figures they need, and each
//! variant owns its code, its severity, its message and its help. A phase
//! builds a kind and places it in the text ([`Diagnostic::of`]); it never
//! writes a message at the place it finds the problem, so one kind always
//! reads the same, and its words can be read (and reviewed against
//! `docs/MESSAGES.md`) in one file per phase:
//!
//! - reading files: `crate::load::LoadProblem`
//! - syntax: `crate::syntax::problem::SyntaxProblem`
//! - names and types: `crate::check::problem::CheckProblem`
//! - the contract's findings: `crate::check::finding::Finding`
//! - evaluating a scenario: `crate::eval::problem::EvalProblem`
//!
//! The message is the kind's `Display` (usually `thiserror`'s
//! `#[error("...")]`, so the words sit on the variant).

use super::codes::Code;
use super::{Diagnostic, Label, Severity};
use crate::source::Span;
use std::fmt::Display;

/// A kind of problem with what it carries.
pub trait Problem: Display {
    /// The stable code it is reported under.
    fn code(&self) -> Code;

    /// An error (the file is wrong: `check` fails) unless the kind is a
    /// finding about the contract itself.
    fn severity(&self) -> Severity {
        Severity::Error
    }

    /// What to type instead, or where to look.
    fn help(&self) -> Option<String> {
        None
    }

    /// A caption for the underlined text.
    fn label(&self) -> Option<String> {
        None
    }

    /// Other places the problem involves, each with its caption (the
    /// limit a capped amount exceeds; the first of two statements).
    fn also(&self) -> Vec<Label> {
        Vec::new()
    }

    /// The scenario the problem belongs to, for a problem found evaluating
    /// or checking one: it is reported in that scenario's ledger only.
    fn scenario(&self) -> Option<&str> {
        None
    }
}

impl Diagnostic {
    /// The diagnostic for a kind of problem found at `span`: its code,
    /// severity, message, caption, help and scenario, all from the kind.
    pub fn of(problem: &impl Problem, span: Span) -> Diagnostic {
        let mut labels = vec![Label {
            span,
            text: problem.label().unwrap_or_default(),
        }];
        labels.extend(problem.also());
        Diagnostic {
            code: problem.code(),
            severity: problem.severity(),
            message: problem.to_string(),
            labels,
            help: problem.help(),
            clause: None,
            scenario: problem.scenario().map(Box::from),
            suggestion: None,
        }
    }
}
