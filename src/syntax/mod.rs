//! Text → syntax tree: decoding and cutting a file into chunks and pest
//! ([`parse`]), pest pairs → the tree ([`lower`]) of [`ast`] nodes, each
//! with its span; and the canonical layout of a file ([`format`]).

pub mod ast;
pub mod format;
pub mod lower;
pub mod parse;
