//! Text → syntax tree: decoding and cutting a file into chunks and pest
//! ([`parse`]), pest pairs → the tree ([`lower`]) of [`ast`] nodes, each
//! with its span; the canonical layout of a file ([`format`]); amounts and conditions
//! printed back as clause text ([`print`]).

pub mod ast;
pub mod format;
pub mod ids;
pub mod keywords;
pub mod lex;
pub mod lower;
pub mod parse;
pub mod print;
pub mod problem;
