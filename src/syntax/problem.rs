//! What can be wrong with a file's syntax, as kinds that own their code,
//! severity and words (see [`crate::diagnostic::problem`]).
