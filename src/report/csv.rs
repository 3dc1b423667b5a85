//! Ledgers and agendas as CSV (RFC 4180: CRLF line ends, a cell quoted
//! when it holds a comma, a quote or a line break), for a spreadsheet.
//!
//! The rows are [`super::table`]'s: one per obligation instance and one per
//! remedy, the columns a stable schema (`docs/AGENDA.md`). Dates are ISO
//! (`2002-10-31`), amounts decimal strings with the currency's two minor
//! digits, as in the JSON ledger (`20833.33`), statuses and kinds the
//! JSON's words (`paid_late`). Every text cell goes through
//! [`escape::csv_cell`], so no text of the user's opens as a formula.

use crate::escape;
use crate::eval::ledger::Ledger;
use crate::report::agenda::Agenda;
use crate::report::table::{self, Cell, LEDGER_COLUMNS};
use rust_decimal::Decimal;

/// The ledger as CSV: a header row, then every obligation instance of the
/// ledger in its order, each followed by its remedies.
pub fn ledger_csv(ledger: &Ledger) -> String {
    let mut rows = Rows::new(&LEDGER_COLUMNS);
    table::ledger_rows(ledger, |row| rows.push(&row));
    rows.finish()
}

/// The agenda as CSV: a header row, then every item in date order, each
/// followed by its remedies.
pub fn agenda_csv(agenda: &Agenda) -> String {
    let mut rows = Rows::new(&table::agenda_columns());
    table::agenda_rows(agenda, |row| rows.push(&row));
    rows.finish()
}

/// The rows of one CSV document, written when finished.
struct Rows {
    writer: csv::Writer<Vec<u8>>,
}

impl Rows {
    fn new(columns: &[&str]) -> Self {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        let _ = writer.write_record(columns);
        Rows { writer }
    }

    /// One row, every text cell made safe for a spreadsheet.
    fn push(&mut self, row: &[Cell<'_>]) {
        let _ = self.writer.write_record(row.iter().map(cell_text));
    }

    fn finish(self) -> String {
        let bytes = self.writer.into_inner().unwrap_or_default();
        // Every cell was a `String`, so the bytes are UTF-8.
        String::from_utf8(bytes).unwrap_or_default()
    }
}

/// A cell as CSV text: dates ISO, amounts as the JSON writes them.
fn cell_text(cell: &Cell<'_>) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(text) => escape::csv_cell(text),
        Cell::Date(date) => date.to_string(),
        Cell::Money(amount, _) => money_text(*amount),
        Cell::Rate(rate) => rate.normalize().to_string(),
        Cell::Count(n) => n.to_string(),
    }
}

/// An amount as the JSON ledger writes it: a decimal string with at least
/// two decimals in every currency (`5730.00`; the `currency` column says
/// which), more only when the figure has them (never rounded).
pub(crate) fn money_text(amount: Decimal) -> String {
    let mut canonical = amount.normalize();
    if canonical.scale() < 2 {
        canonical.rescale(2);
    }
    canonical.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_has_the_cents_and_never_rounds() {
        assert_eq!(money_text(Decimal::new(5730, 0)), "5730.00");
        assert_eq!(money_text(Decimal::new(2083333, 2)), "20833.33");
        assert_eq!(money_text(Decimal::new(1_000, 4)), "0.10");
        assert_eq!(money_text(Decimal::new(12345, 3)), "12.345");
    }
}
