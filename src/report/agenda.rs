//! The portfolio agenda (`clausec agenda`): every dated deadline and
//! payment of many agreements, in date order, with the agreement, the
//! clause, the parties by name, the amount and the status — what a
//! docketing clerk diaries.
//!
//! Built from each agreement's ledger under one scenario
//! ([`AgreementAgenda::from_ledger`], one agreement at a time, so that the
//! binary can drop each agreement before the next), then laid out as text,
//! JSON or iCalendar here, and as CSV in [`crate::report::csv`].
//!
//! An entry gives an item on its due date; an entry without one gives an
//! item on the day its period begins and on the day it ends. Entries whose
//! condition is not met or whose offer lapsed are left out, and counted.

use crate::calc::calendar::long_date;
use crate::calc::money::format_count;
use crate::calc::zone::Clock;
use crate::escape;
use crate::eval::ledger::{DueTime, Entry, Ledger, PartyEntry, Status};
use crate::report::ics::{at_the_hour, fold_into};
use crate::report::render::{remedy_words, status_words};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt::Write as _;

/// What the agenda is asked for: a window of dates (each end included),
/// the scenario to prefer, and a date to report status at.
#[derive(Clone, Debug, Default)]
pub struct Request {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// `--scenario NAME`: used by each agreement that has it.
    pub scenario: Option<String>,
    /// `--as-of DATE`: the status of every agreement at this date instead
    /// of its scenario's `as of`.
    pub as_of: Option<NaiveDate>,
}

impl Request {
    fn contains(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|from| date >= from) && self.to.is_none_or(|to| date <= to)
    }
}

/// What happens on an item's date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    /// The entry's due date (a payment, a notice, a delivery, a deadline).
    Due,
    /// The first day of the entry's period.
    Begins,
    /// The last day of the entry's period.
    Ends,
}

impl Event {
    pub fn as_str(self) -> &'static str {
        match self {
            Event::Due => "due",
            Event::Begins => "begins",
            Event::Ends => "ends",
        }
    }
}

/// One line of the agenda: an entry of a ledger on one of its dates.
#[derive(Clone, Debug)]
pub struct Item {
    pub date: NaiveDate,
    pub event: Event,
    pub entry: Entry,
}

/// Which scenario an agreement's items were computed under, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    /// The scenario `--scenario` named.
    Asked,
    /// Its `base` scenario: none was asked for, or it has not the one asked.
    Base,
    /// No scenario: the agreement has no `base` (nor the one asked for),
    /// so the text alone, at the agreement's date.
    TextAlone,
}

/// One agreement's part of the agenda.
#[derive(Clone, Debug)]
pub struct AgreementAgenda {
    /// The folder as the user named it (`clauses/lovelock-severance`).
    pub folder: String,
    pub title: String,
    pub parties: Vec<PartyEntry>,
    /// The scenario used (`base`), or `none`.
    pub scenario: String,
    pub choice: Choice,
    /// The scenario asked for, when this agreement does not have it.
    pub missing: Option<String>,
    /// The date of the statuses: the scenario's `as of` (or `--as-of`), or
    /// with no scenario the agreement's date; `None` when there is neither.
    pub as_of: Option<NaiveDate>,
    /// Its items in the window, in ledger order.
    pub items: Vec<Item>,
    /// Entries with a date in the window left out: not triggered or lapsed.
    pub left_out: usize,
    /// The names of all its scenarios (to suggest one for a misspelt
    /// `--scenario`).
    pub scenarios: Vec<String>,
}

impl AgreementAgenda {
    /// The items of `ledger` in the request's window.
    pub fn from_ledger(
        folder: String,
        ledger: Ledger,
        choice: Choice,
        missing: Option<String>,
        request: &Request,
    ) -> Self {
        let mut items = Vec::new();
        let mut left_out = 0;
        // With no scenario and no date of its own, the evaluator's status
        // date stands for nothing the agreement says.
        let undated =
            choice == Choice::TextAlone && ledger.dated.is_none() && request.as_of.is_none();
        let as_of = (!undated).then_some(ledger.as_of);
        for entry in ledger.obligations {
            let dated = dates(&entry)
                .into_iter()
                .flatten()
                .filter(|(date, _)| request.contains(*date));
            if matches!(entry.status, Status::NotTriggered | Status::Lapsed) {
                left_out += dated.count();
                continue;
            }
            for (date, event) in dated {
                items.push(Item {
                    date,
                    event,
                    entry: entry.clone(),
                });
            }
        }
        AgreementAgenda {
            folder,
            title: ledger.agreement,
            parties: ledger.parties,
            scenario: ledger.scenario,
            choice,
            missing,
            as_of,
            items,
            left_out,
            scenarios: Vec::new(),
        }
    }

    /// A party's name, from its role (the role itself if it has none).
    pub fn name<'a>(&'a self, role: &'a str) -> &'a str {
        self.parties
            .iter()
            .find(|p| p.role == role)
            .map_or(role, |p| p.name.as_str())
    }

    /// Which scenario, in words: `scenario base`, `scenario base (it has
    /// no late_rent)`, `no scenario: the text alone (it has no base)`.
    pub fn scenario_words(&self) -> String {
        let missing = |also_base: bool| match (&self.missing, also_base) {
            (Some(name), true) => format!(" (it has no scenario {name} and no base)"),
            (Some(name), false) => format!(" (it has no scenario {name})"),
            (None, _) => String::new(),
        };
        match self.choice {
            Choice::Asked | Choice::Base => {
                format!("scenario {}{}", self.scenario, missing(false))
            }
            Choice::TextAlone => format!("no scenario, the text alone{}", missing(true)),
        }
    }
}

/// The dates an entry is diaried on: its due date, or else the first and
/// last days of its period.
fn dates(entry: &Entry) -> [Option<(NaiveDate, Event)>; 2] {
    match entry.due {
        Some(due) => [Some((due, Event::Due)), None],
        None => [
            entry.start.map(|d| (d, Event::Begins)),
            entry.end.map(|d| (d, Event::Ends)),
        ],
    }
}

/// The agenda of many agreements.
#[derive(Clone, Debug, Default)]
pub struct Agenda {
    pub request: Request,
    /// The agreements read, in the order of their folders.
    pub agreements: Vec<AgreementAgenda>,
    /// The folders of the agreements left out for their errors.
    pub refused: Vec<String>,
}

impl Agenda {
    /// Every item of every agreement, in date order (on one date, in the
    /// order of the agreements' folders, then of each ledger), with the
    /// index of its agreement.
    pub fn items(&self) -> Vec<(usize, &Item)> {
        let mut items: Vec<(usize, &Item)> = self
            .agreements
            .iter()
            .enumerate()
            .flat_map(|(k, agreement)| agreement.items.iter().map(move |item| (k, item)))
            .collect();
        // A stable sort: each agreement's items are already in ledger order.
        items.sort_by_key(|(k, item)| (item.date, *k));
        items
    }
}

// ---- text ----------------------------------------------------------------

/// The agenda as text for a terminal: which agreements under which
/// scenario, then the items under each date. The user's words go in as
/// they are, and the whole is escaped once at the end
/// ([`escape::terminal`]).
pub fn agenda_text(agenda: &Agenda) -> String {
    let mut out = String::new();
    let items = agenda.items();
    let _ = writeln!(out, "Agenda {}", window_words(&agenda.request));
    let busy = agenda
        .agreements
        .iter()
        .filter(|a| !a.items.is_empty())
        .count();
    let _ = writeln!(
        out,
        "  {} item{} in {} agreement{} ({} read){}",
        format_count(items.len()),
        plural(items.len()),
        format_count(busy),
        plural(busy),
        format_count(agenda.agreements.len()),
        agenda
            .request
            .as_of
            .map(|d| format!("; status as of {}", long_date(d)))
            .unwrap_or_else(|| "; status as of each scenario's date".to_owned())
    );
    agreements_text(agenda, &mut out);
    let mut last: Option<(NaiveDate, usize, &str)> = None;
    for (k, item) in items {
        let Some(agreement) = agenda.agreements.get(k) else {
            continue;
        };
        if last.is_none_or(|(date, _, _)| date != item.date) {
            let _ = writeln!(out, "\n{}", weekday_date(item.date));
        }
        let clause = item.entry.heading.clause.as_str();
        if last != Some((item.date, k, clause)) {
            let _ = writeln!(out, "  {} · {}", agreement.title, clause_words(&item.entry));
        }
        last = Some((item.date, k, clause));
        item_text(agreement, item, &mut out);
    }
    if agenda.agreements.iter().all(|a| a.items.is_empty()) {
        let _ = writeln!(out, "\nNothing falls in this window.");
    }
    match escape::terminal(&out) {
        Cow::Borrowed(_) => out,
        Cow::Owned(shown) => shown,
    }
}

/// `from September 1, 2002 through December 31, 2002`, `through ...`,
/// `from ...`, or `of every date`.
fn window_words(request: &Request) -> String {
    match (request.from, request.to) {
        (Some(from), Some(to)) => format!("from {} through {}", long_date(from), long_date(to)),
        (Some(from), None) => format!("from {}", long_date(from)),
        (None, Some(to)) => format!("through {}", long_date(to)),
        (None, None) => "of every date".to_owned(),
    }
}

/// The agreements with something in the window, two lines each (which
/// scenario, at which date); then those with nothing, one line each.
fn agreements_text(agenda: &Agenda, out: &mut String) {
    let _ = writeln!(out, "\nAgreements");
    let (busy, idle): (Vec<_>, Vec<_>) = agenda
        .agreements
        .iter()
        .partition(|a| !a.items.is_empty() || a.left_out > 0);
    for agreement in busy {
        let left_out = match agreement.left_out {
            0 => String::new(),
            n => format!("; {} not triggered or lapsed, left out", format_count(n)),
        };
        let _ = writeln!(out, "  {}: {}", agreement.folder, agreement.title);
        let _ = writeln!(
            out,
            "      {}, {} · {} item{}{left_out}",
            agreement.scenario_words(),
            as_of_words(agreement),
            format_count(agreement.items.len()),
            plural(agreement.items.len()),
        );
    }
    if !idle.is_empty() {
        let _ = writeln!(out, "  nothing in this window:");
    }
    for agreement in idle {
        let _ = writeln!(
            out,
            "    {}: {}",
            agreement.folder,
            agreement.scenario_words()
        );
    }
    for folder in &agenda.refused {
        let _ = writeln!(
            out,
            "  {folder}: left out, it has errors (`clausec check {folder}` shows them)"
        );
    }
}

/// `status as of June 30, 2003`, or why there is no such date.
fn as_of_words(agreement: &AgreementAgenda) -> String {
    match agreement.as_of {
        Some(date) => format!("status as of {}", long_date(date)),
        None => {
            "no date to report status at (no scenario, and the agreement states no date)".to_owned()
        }
    }
}

/// `Monday, September 30, 2002`
fn weekday_date(date: NaiveDate) -> String {
    format!("{}, {}", date.format("%A"), long_date(date))
}

/// `clause 2(b): Severance payments`, as the ledger heads a clause.
fn clause_words(entry: &Entry) -> String {
    match &entry.heading.clause_title {
        Some(title) => format!("clause {}: {title}", entry.heading.clause),
        None => format!("clause {}", entry.heading.clause),
    }
}

/// `payment due · $20,833.33 · IEC Electronics Corp. → Thomas W. Lovelock
/// · installment 1 of 6` (a duty with no amount says what it is), then the
/// status and the remedies.
fn item_text(agreement: &AgreementAgenda, item: &Item, out: &mut String) {
    let entry = &item.entry;
    let by = hour_of(item)
        .map(|hour| format!(" by {}", hour.words()))
        .unwrap_or_default();
    let mut parts = vec![format!(
        "{} {}{by}",
        entry.heading.kind,
        item.event.as_str()
    )];
    if let Some(amount) = entry.amount {
        parts.push(entry.money(amount));
    }
    parts.push(parties_words(agreement, entry));
    // A duty with no amount is told apart by what it is: `seller performs
    // for buyer: delivery of the Lathe to Buyer's plant`.
    if entry.amount.is_none() {
        parts.push(entry.heading.summary.to_string());
    }
    if let Some(instance) = &entry.instance {
        parts.push(instance.to_string());
    }
    let _ = writeln!(out, "    {}", parts.join(" · "));
    let _ = writeln!(out, "      {}", status_words(entry));
    for remedy in &entry.remedies {
        let _ = writeln!(out, "      {}", remedy_words(remedy, entry));
    }
}

/// The hour of an item's deadline: its entry's due date's, where the item
/// is that due date.
fn hour_of(item: &Item) -> Option<Clock> {
    item.entry.due_time.filter(|_| item.event == Event::Due)
}

/// `IEC Electronics Corp. → Thomas W. Lovelock`, or the obligor alone.
fn parties_words(agreement: &AgreementAgenda, entry: &Entry) -> String {
    let obligor = agreement.name(&entry.heading.obligor);
    match &entry.heading.obligee {
        Some(obligee) => format!("{obligor} → {}", agreement.name(obligee)),
        None => obligor.to_owned(),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

// ---- JSON ------------------------------------------------------------------

#[derive(Serialize)]
struct JsonAgenda<'a> {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    as_of: Option<NaiveDate>,
    agreements: Vec<JsonAgreement<'a>>,
    refused: &'a [String],
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct JsonAgreement<'a> {
    folder: &'a str,
    agreement: &'a str,
    scenario: &'a str,
    /// `asked`, `base` or `text_alone`.
    scenario_choice: &'static str,
    /// The scenario asked for, when the agreement does not have it.
    scenario_missing: Option<&'a str>,
    as_of: Option<NaiveDate>,
    items: usize,
    left_out: usize,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    date: NaiveDate,
    event: Event,
    /// The hour of a due date, where its term states one (as the ledger's
    /// JSON writes it); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    due_time: Option<DueTime>,
    folder: &'a str,
    agreement: &'a str,
    scenario: &'a str,
    id: String,
    clause: &'a str,
    clause_title: Option<&'a str>,
    kind: &'static str,
    obligor: &'a str,
    obligor_name: &'a str,
    obligee: Option<&'a str>,
    obligee_name: Option<&'a str>,
    instance: Option<String>,
    amount: Option<String>,
    currency: Option<crate::eval::ledger::Currency>,
    status: Status,
    status_words: String,
    paid: Option<String>,
    paid_on: Option<NaiveDate>,
    outstanding: Option<String>,
    remedies: &'a [crate::eval::ledger::Remedy],
}

/// The agenda as JSON: the window, the agreements (with the scenario each
/// used), the folders left out, and the items in date order. Amounts are
/// decimal strings with the cents, as in the JSON ledger.
pub fn agenda_json(agenda: &Agenda) -> String {
    let agreements = agenda
        .agreements
        .iter()
        .map(|a| JsonAgreement {
            folder: &a.folder,
            agreement: &a.title,
            scenario: &a.scenario,
            scenario_choice: match a.choice {
                Choice::Asked => "asked",
                Choice::Base => "base",
                Choice::TextAlone => "text_alone",
            },
            scenario_missing: a.missing.as_deref(),
            as_of: a.as_of,
            items: a.items.len(),
            left_out: a.left_out,
        })
        .collect();
    let items = agenda
        .items()
        .into_iter()
        .filter_map(|(k, item)| Some(json_item(agenda.agreements.get(k)?, item)))
        .collect();
    let document = JsonAgenda {
        from: agenda.request.from,
        to: agenda.request.to,
        as_of: agenda.request.as_of,
        agreements,
        refused: &agenda.refused,
        items,
    };
    escape::json(serde_json::to_string_pretty(&document).unwrap_or_default()) + "\n"
}

fn json_item<'a>(agreement: &'a AgreementAgenda, item: &'a Item) -> JsonItem<'a> {
    let entry = &item.entry;
    let heading = &*entry.heading;
    let money = |amount: Option<rust_decimal::Decimal>| amount.map(super::csv::money_text);
    JsonItem {
        date: item.date,
        event: item.event,
        due_time: hour_of(item).map(|hour| DueTime::of(hour, entry.due)),
        folder: &agreement.folder,
        agreement: &agreement.title,
        scenario: &agreement.scenario,
        id: entry.id.to_string(),
        clause: &heading.clause,
        clause_title: heading.clause_title.as_deref(),
        kind: heading.kind.as_str(),
        obligor: &heading.obligor,
        obligor_name: agreement.name(&heading.obligor),
        obligee: heading.obligee.as_deref(),
        obligee_name: heading.obligee.as_deref().map(|o| agreement.name(o)),
        instance: entry.instance.as_ref().map(ToString::to_string),
        amount: money(entry.amount),
        currency: entry.currency,
        status: entry.status,
        status_words: status_words(entry),
        paid: money(entry.paid),
        paid_on: entry.paid_on,
        outstanding: money(entry.outstanding),
        remedies: &entry.remedies,
    }
}

// ---- iCalendar -------------------------------------------------------------

/// Longest event title: a calendar's list view cuts at about this.
const MAX_TITLE: usize = 100;

/// The agenda as an iCalendar file (RFC 5545): one all-day event per item,
/// titled in under 100 characters, the details in its description. No
/// clock: each event's stamp is its agreement's status date; event ids are
/// stable, so importing an updated agenda updates its events.
pub fn agenda_ics(agenda: &Agenda) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//clausec//clausec agenda//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        format!(
            "X-WR-CALNAME:{}",
            escape::icalendar(&format!("Agenda {}", window_words(&agenda.request)))
        ),
    ];
    for (k, item) in agenda.items() {
        let Some(agreement) = agenda.agreements.get(k) else {
            continue;
        };
        // The stamp is the status date, or the event's own for an undated one.
        let (Some(day), Some(next), Some(stamp)) = (
            ics_date(item.date),
            item.date.succ_opt().and_then(ics_date),
            ics_date(agreement.as_of.unwrap_or(item.date)),
        ) else {
            continue;
        };
        lines.extend([
            "BEGIN:VEVENT".to_owned(),
            format!(
                "UID:{}/{}/{}/{}-{day}@clausec",
                uid_part(&agreement.folder),
                uid_part(&agreement.scenario),
                uid_part(&item.entry.id.to_string()),
                item.event.as_str()
            ),
            format!("DTSTAMP:{stamp}T000000Z"),
        ]);
        match hour_of(item) {
            Some(hour) => lines.extend(at_the_hour(item.date, hour)),
            None => lines.extend([
                format!("DTSTART;VALUE=DATE:{day}"),
                format!("DTEND;VALUE=DATE:{next}"),
            ]),
        }
        lines.extend([
            format!(
                "SUMMARY:{}",
                escape::icalendar(&event_title(agreement, item))
            ),
            format!(
                "DESCRIPTION:{}",
                escape::icalendar(&event_description(agreement, item))
            ),
            "TRANSP:TRANSPARENT".to_owned(),
            "END:VEVENT".to_owned(),
        ]);
    }
    lines.push("END:VCALENDAR".to_owned());
    let mut out = String::new();
    for line in &lines {
        fold_into(line, &mut out);
    }
    out
}

/// `2(b) payment due $20,833.33 — T. Lovelock Severance Agreement`, cut
/// to [`MAX_TITLE`] characters.
fn event_title(agreement: &AgreementAgenda, item: &Item) -> String {
    let entry = &item.entry;
    let amount = entry
        .amount
        .map(|a| format!(" {}", entry.money(a)))
        .unwrap_or_default();
    let title = format!(
        "{} {} {}{amount} — {}",
        entry.heading.clause,
        entry.heading.kind,
        item.event.as_str(),
        agreement.title
    );
    if title.chars().count() <= MAX_TITLE {
        return title;
    }
    let cut: String = title.chars().take(MAX_TITLE - 1).collect();
    format!("{cut}…")
}

fn event_description(agreement: &AgreementAgenda, item: &Item) -> String {
    let entry = &item.entry;
    let mut text = format!(
        "{}, {}.\n{}",
        agreement.title,
        clause_words(entry),
        parties_words(agreement, entry)
    );
    if let Some(instance) = &entry.instance {
        let _ = write!(text, ", {instance}");
    }
    let _ = write!(text, ".\nStatus: {}.", status_words(entry));
    for remedy in &entry.remedies {
        let _ = write!(text, "\n{}.", remedy_words(remedy, entry));
    }
    let _ = write!(
        text,
        "\n{} ({}), {}.",
        agreement.scenario_words(),
        agreement.folder,
        as_of_words(agreement)
    );
    text
}

/// `YYYYMMDD`, for a date with a four-digit year.
fn ics_date(date: NaiveDate) -> Option<String> {
    (1..=9999)
        .contains(&date.year())
        .then(|| date.format("%Y%m%d").to_string())
}

/// A piece of an event id: letters, digits and `.-()[]`; anything else `_`.
fn uid_part(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-.()[]".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}
