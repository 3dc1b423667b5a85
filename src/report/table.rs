//! The rows of a ledger or an agenda as a table of typed cells: one row
//! per obligation instance and one per remedy (late interest, a late fee),
//! the remedy's row after its obligation's. The CSV ([`super::csv`]) and
//! the spreadsheet ([`super::xlsx`]) write the same rows, each in its way.
//! The columns are a stable schema ([`LEDGER_COLUMNS`], [`agenda_columns`];
//! listed in `docs/AGENDA.md`).

use crate::eval::ledger::{Currency, Entry, Ledger, Remedy};
use crate::report::agenda::{Agenda, AgreementAgenda};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The columns of `obligations --format csv` (and `xlsx`), in order.
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

/// The agenda's own columns, before the ledger's in `agenda --format csv`
/// (and `xlsx`): the agenda's date, what falls on it, the agreement's folder.
pub const AGENDA_OWN_COLUMNS: [&str; 3] = ["date", "event", "folder"];

/// Every column of `agenda --format csv` (and `xlsx`): its own, then the
/// ledger's, so that the two schemas cannot drift apart.
pub fn agenda_columns() -> Vec<&'static str> {
    AGENDA_OWN_COLUMNS
        .iter()
        .chain(LEDGER_COLUMNS.iter())
        .copied()
        .collect()
}

/// One cell: text, or a value a spreadsheet can compute with.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell<'a> {
    Empty,
    Text(Cow<'a, str>),
    Date(NaiveDate),
    /// An amount of money, in its currency (the row's `currency`).
    Money(Decimal, Option<Currency>),
    /// A rate as a fraction: `0.18`.
    Rate(Decimal),
    /// A count: days.
    Count(i64),
}

impl<'a> Cell<'a> {
    /// Text, or an empty cell for no text.
    fn text(text: impl Into<Cow<'a, str>>) -> Self {
        let text = text.into();
        if text.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(text)
        }
    }

    fn date(date: Option<NaiveDate>) -> Self {
        date.map_or(Cell::Empty, Cell::Date)
    }

    fn money(amount: Option<Decimal>, currency: Option<Currency>) -> Self {
        amount.map_or(Cell::Empty, |a| Cell::Money(a, currency))
    }
}

/// Every row of the ledger, in its order, each obligation followed by its
/// remedies; handed to `emit` one at a time, so that a long ledger is
/// never held twice.
pub fn ledger_rows<'a>(ledger: &'a Ledger, mut emit: impl FnMut(Vec<Cell<'a>>)) {
    let context = Context::of(ledger);
    for entry in &ledger.obligations {
        emit(context.obligation_row(entry));
        for remedy in &entry.remedies {
            emit(context.remedy_row(entry, remedy));
        }
    }
}

/// Every row of the agenda, in date order, each item followed by its
/// remedies, after the item's date, event and folder.
pub fn agenda_rows<'a>(agenda: &'a Agenda, mut emit: impl FnMut(Vec<Cell<'a>>)) {
    let contexts: Vec<Context<'_>> = agenda.agreements.iter().map(Context::of_agenda).collect();
    for (agreement, item) in agenda.items() {
        let Some(context) = contexts.get(agreement) else {
            continue;
        };
        let prefix = [
            Cell::Date(item.date),
            Cell::text(item.event.as_str()),
            Cell::text(context.folder),
        ];
        let row = context.obligation_row(&item.entry);
        emit(prefix.iter().cloned().chain(row).collect());
        for remedy in &item.entry.remedies {
            let row = context.remedy_row(&item.entry, remedy);
            emit(prefix.iter().cloned().chain(row).collect());
        }
    }
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

    fn name(&self, role: &str) -> &'a str {
        self.names.get(role).copied().unwrap_or_default()
    }

    /// The columns that say which obligation a row belongs to, from
    /// `record` to `instance`.
    fn identity(&self, record: &'static str, entry: &'a Entry) -> Vec<Cell<'a>> {
        let heading = &*entry.heading;
        let obligee = heading.obligee.as_deref().unwrap_or_default();
        vec![
            Cell::text(record),
            Cell::text(self.agreement),
            Cell::text(self.scenario),
            Cell::date(self.as_of),
            Cell::text(entry.id.to_string()),
            Cell::text(heading.clause.as_str()),
            Cell::text(heading.clause_title.as_deref().unwrap_or_default()),
            Cell::text(heading.kind.as_str()),
            Cell::text(heading.obligor.as_str()),
            Cell::text(self.name(&heading.obligor)),
            Cell::text(obligee),
            Cell::text(self.name(obligee)),
            entry
                .instance
                .as_ref()
                .map_or(Cell::Empty, |i| Cell::text(i.to_string())),
        ]
    }

    fn obligation_row(&self, entry: &'a Entry) -> Vec<Cell<'a>> {
        let mut row = self.identity("obligation", entry);
        row.extend([
            Cell::money(entry.amount, entry.currency),
            currency(entry),
            Cell::date(entry.due),
            Cell::date(entry.start),
            Cell::date(entry.end),
            json_word(entry.status),
            Cell::money(entry.paid, entry.currency),
            Cell::date(entry.paid_on),
            Cell::money(entry.outstanding, entry.currency),
            Cell::money(entry.offset, entry.currency),
        ]);
        row.extend(std::iter::repeat_n(Cell::Empty, 6));
        row
    }

    fn remedy_row(&self, entry: &'a Entry, remedy: &'a Remedy) -> Vec<Cell<'a>> {
        let mut row = self.identity("remedy", entry);
        row.extend([
            Cell::Money(remedy.amount, entry.currency),
            currency(entry),
            Cell::date(entry.due),
        ]);
        row.extend(std::iter::repeat_n(Cell::Empty, 7));
        row.extend([
            json_word(remedy.kind),
            Cell::Date(remedy.from),
            Cell::Date(remedy.to),
            Cell::Rate(remedy.rate),
            Cell::text(remedy.basis),
            Cell::Count(remedy.days),
        ]);
        row
    }
}

/// A value's word in the JSON ledger: `USD`, `paid_late`, `late_fee`.
fn json_word<'a>(value: impl serde::Serialize) -> Cell<'a> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(word)) => Cell::Text(Cow::Owned(word)),
        _ => Cell::Empty,
    }
}

fn currency<'a>(entry: &Entry) -> Cell<'a> {
    entry.currency.map_or(Cell::Empty, json_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_agenda_columns_are_the_ledger_columns_after_three_of_their_own() {
        let columns = agenda_columns();
        assert_eq!(columns.len(), 32);
        assert_eq!(&columns[..3], ["date", "event", "folder"]);
        assert_eq!(&columns[3..], LEDGER_COLUMNS);
    }
}
