//! What can be wrong with an agreement's names, types and terms, as kinds
//! that own their code, severity and words (see
//! [`crate::diagnostic::problem`]).
