//! What the whole-contract checks find in the contract itself (drafting
//! defects: counts, totals, words and numerals, limits, quotes), as kinds
//! that own their code, severity and words (see
//! [`crate::diagnostic::problem`]).
