//! Every rendering of what the core computed: the text ledger, Markdown and
//! JSON and the diagnostics ([`render`]), iCalendar ([`ics`]) and HTML
//! ([`html`]) with what they share ([`export`]), CSV and Excel workbooks
//! ([`csv`], [`xlsx`], from the rows of [`table`]), the agenda of many
//! agreements ([`agenda`]), and the comparison of two ledgers ([`diff`]).
//! The core returns data; the words a lawyer reads are chosen here.

pub mod agenda;
pub mod csv;
pub mod diff;
pub mod expect;
pub mod export;
pub mod html;
pub mod ics;
pub mod render;
pub mod snapshot;
pub mod table;
pub mod words;
pub mod xlsx;
