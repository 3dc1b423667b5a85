//! Ledgers and agendas as CSV (RFC 4180: CRLF line ends, a cell quoted
//! when it holds a comma, a quote or a line break), for a spreadsheet.
//!
//! One row per obligation instance and one per remedy (late interest, a
//! late fee), the remedy's row after its obligation's. The column names
//! are a stable schema ([`LEDGER_COLUMNS`], [`AGENDA_COLUMNS`]; listed in
//! `docs/AGENDA.md`): dates are ISO (`2002-10-31`), amounts decimal
//! strings with the currency's two minor digits, as in the JSON ledger
//! (`20833.33`), statuses and kinds the JSON's words (`paid_late`). Every
//! cell goes through [`escape::csv_cell`], so no text of the user's opens
//! as a formula.

use crate::escape;
use crate::eval::ledger::{Entry, Ledger, Remedy};
use crate::report::agenda::{Agenda, AgreementAgenda};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The columns of `obligations --format csv`, in order.
pub const LEDGER_COLUMNS: [&str; 29] = [
    "record",
    "agreement",
    "scenario",
    "as_of",
    "id",
    "clause",
    "clause_title",
    "kind",
    "obligor",
    "obligor_name",
    "obligee",
    "obligee_name",
    "instance",
    "amount",
    "currency",
    "due",
    "start",
    "end",
    "status",
    "paid",
    "paid_on",
    "outstanding",
    "offset",
    "remedy",
    "remedy_from",
    "remedy_to",
    "remedy_rate",
    "remedy_basis",
    "remedy_days",
];

/// The columns of `agenda --format csv`: the agenda's date, what falls on
/// it and the agreement's folder, then the ledger's columns.
/// (A test holds the two lists together.)
pub const AGENDA_COLUMNS: [&str; 32] = [
    "date",
    "event",
    "folder",
    "record",
    "agreement",
    "scenario",
    "as_of",
    "id",
    "clause",
    "clause_title",
    "kind",
    "obligor",
    "obligor_name",
    "obligee",
    "obligee_name",
    "instance",
    "amount",
    "currency",
    "due",
    "start",
    "end",
    "status",
    "paid",
    "paid_on",
    "outstanding",
    "offset",
    "remedy",
    "remedy_from",
    "remedy_to",
    "remedy_rate",
    "remedy_basis",
    "remedy_days",
];

/// The ledger as CSV: a header row, then every obligation instance of the
/// ledger in its order, each followed by its remedies.
pub fn ledger_csv(ledger: &Ledger) -> String {
    let context = Context::of(ledger);
    let mut rows = Rows::new(&LEDGER_COLUMNS);
    for entry in &ledger.obligations {
        rows.push(context.obligation_row(entry));
        for remedy in &entry.remedies {
            rows.push(context.remedy_row(entry, remedy));
        }
    }
    rows.finish()
}

/// The agenda as CSV: a header row, then every item in date order, each
/// followed by its remedies.
pub fn agenda_csv(agenda: &Agenda) -> String {
    let contexts: Vec<Context<'_>> = agenda.agreements.iter().map(Context::of_agenda).collect();
    let mut rows = Rows::new(&AGENDA_COLUMNS);
    for (agreement, item) in agenda.items() {
        let Some(context) = contexts.get(agreement) else {
            continue;
        };
        let prefix = [
            item.date.to_string(),
            item.event.as_str().to_owned(),
            context.folder.to_owned(),
        ];
        let row = context.obligation_row(&item.entry);
        rows.push(prefix.iter().cloned().chain(row).collect());
        for remedy in &item.entry.remedies {
            let row = context.remedy_row(&item.entry, remedy);
            rows.push(prefix.iter().cloned().chain(row).collect());
        }
    }
    rows.finish()
}

/// What every row of one ledger shares: the agreement, the scenario, the
/// date of the status, and the parties' names by role.
struct Context<'a> {
    folder: &'a str,
    agreement: &'a str,
    scenario: &'a str,
    as_of: Option<NaiveDate>,
    names: BTreeMap<&'a str, &'a str>,
}

impl<'a> Context<'a> {
    fn of(ledger: &'a Ledger) -> Self {
        Context {
            folder: "",
            agreement: &ledger.agreement,
            scenario: &ledger.scenario,
            as_of: Some(ledger.as_of),
            names: ledger
                .parties
                .iter()
                .map(|p| (p.role.as_str(), p.name.as_str()))
                .collect(),
        }
    }

    fn of_agenda(agreement: &'a AgreementAgenda) -> Self {
        Context {
            folder: &agreement.folder,
            agreement: &agreement.title,
            scenario: &agreement.scenario,
            as_of: agreement.as_of,
            names: agreement
                .parties
                .iter()
                .map(|p| (p.role.as_str(), p.name.as_str()))
                .collect(),
        }
    }

    fn name(&self, role: &str) -> String {
        self.names.get(role).copied().unwrap_or_default().to_owned()
    }

    /// The columns that say which obligation a row belongs to, from
    /// `agreement` to `instance`.
    fn identity(&self, record: &str, entry: &Entry) -> Vec<String> {
        let heading = &*entry.heading;
        let obligee = heading.obligee.clone().unwrap_or_default();
        let obligee_name = self.name(&obligee);
        vec![
            record.to_owned(),
            self.agreement.to_owned(),
            self.scenario.to_owned(),
            date(self.as_of),
            entry.id.to_string(),
            heading.clause.clone(),
            heading.clause_title.clone().unwrap_or_default(),
            heading.kind.as_str().to_owned(),
            heading.obligor.clone(),
            self.name(&heading.obligor),
            obligee,
            obligee_name,
            entry
                .instance
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        ]
    }

    fn obligation_row(&self, entry: &Entry) -> Vec<String> {
        let mut row = self.identity("obligation", entry);
        row.extend([
            money(entry.amount),
            currency(entry),
            date(entry.due),
            date(entry.start),
            date(entry.end),
            status_code(entry),
            money(entry.paid),
            date(entry.paid_on),
            money(entry.outstanding),
            money(entry.offset),
        ]);
        row.extend(std::iter::repeat_n(String::new(), 6));
        row
    }

    fn remedy_row(&self, entry: &Entry, remedy: &Remedy) -> Vec<String> {
        let mut row = self.identity("remedy", entry);
        row.extend([money(Some(remedy.amount)), currency(entry), date(entry.due)]);
        row.extend(std::iter::repeat_n(String::new(), 7));
        row.extend([
            remedy_code(remedy),
            remedy.from.to_string(),
            remedy.to.to_string(),
            remedy.rate.normalize().to_string(),
            remedy.basis.to_owned(),
            remedy.days.to_string(),
        ]);
        row
    }
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

    /// One row, every cell made safe for a spreadsheet.
    fn push(&mut self, row: Vec<String>) {
        let _ = self
            .writer
            .write_record(row.iter().map(|cell| escape::csv_cell(cell)));
    }

    fn finish(self) -> String {
        let bytes = self.writer.into_inner().unwrap_or_default();
        // Every cell was a `String`, so the bytes are UTF-8.
        String::from_utf8(bytes).unwrap_or_default()
    }
}

/// An amount as the JSON ledger writes it: a decimal string with at least
/// the two minor digits of the dollar (`5730.00`), more only when the
/// figure has them (never rounded).
pub(crate) fn money_text(amount: Decimal) -> String {
    let mut canonical = amount.normalize();
    if canonical.scale() < 2 {
        canonical.rescale(2);
    }
    canonical.to_string()
}

fn money(amount: Option<Decimal>) -> String {
    amount.map(money_text).unwrap_or_default()
}

fn date(date: Option<NaiveDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// A value's word in the JSON ledger: `USD`, `paid_late`, `late_fee`.
fn json_word(value: impl serde::Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(word)) => word,
        _ => String::new(),
    }
}

fn currency(entry: &Entry) -> String {
    entry.currency.map(json_word).unwrap_or_default()
}

fn status_code(entry: &Entry) -> String {
    json_word(entry.status)
}

fn remedy_code(remedy: &Remedy) -> String {
    json_word(remedy.kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_agenda_columns_are_the_ledger_columns_after_three_of_their_own() {
        assert_eq!(&AGENDA_COLUMNS[..3], ["date", "event", "folder"]);
        assert_eq!(&AGENDA_COLUMNS[3..], LEDGER_COLUMNS);
    }

    #[test]
    fn money_has_the_cents_and_never_rounds() {
        assert_eq!(money_text(Decimal::new(5730, 0)), "5730.00");
        assert_eq!(money_text(Decimal::new(2083333, 2)), "20833.33");
        assert_eq!(money_text(Decimal::new(1_000, 4)), "0.10");
        assert_eq!(money_text(Decimal::new(12345, 3)), "12.345");
    }
}
