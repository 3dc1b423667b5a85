//! `clausec diff`: what changed between two versions of an agreement, said
//! in obligations rather than in lines of text.
//!
//! Two ledgers of the same scenario are compared entry by entry (entries are
//! matched by id: `2(b).severance[3]`), then their findings. The result is a
//! list of plain sentences, in ledger order, for a reviewer of a pull
//! request: `2(b).severance[3]: due November 30, 2002 → December 31, 2002`.

use crate::calc::calendar::long_date;
use crate::calc::money::format_money;
use crate::eval::ledger::{Entry, Ledger, RemedyKind};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// One difference, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Added(String),
    Removed(String),
    Changed(String),
    NewFinding(String),
    ResolvedFinding(String),
}

impl Change {
    pub fn describe(&self) -> String {
        match self {
            Change::Added(text) => format!("added    {text}"),
            Change::Removed(text) => format!("removed  {text}"),
            Change::Changed(text) => format!("changed  {text}"),
            Change::NewFinding(text) => format!("new finding       {text}"),
            Change::ResolvedFinding(text) => format!("resolved finding  {text}"),
        }
    }
}

/// The differences from `old` to `new` (two ledgers of one scenario).
pub fn compare(old: &Ledger, new: &Ledger) -> Vec<Change> {
    let mut changes = Vec::new();
    for entry in &old.obligations {
        match new.obligations.iter().find(|e| e.id == entry.id) {
            None => changes.push(Change::Removed(headline(entry))),
            Some(now) => changes.extend(entry_changes(entry, now).into_iter().map(Change::Changed)),
        }
    }
    for entry in &new.obligations {
        if !old.obligations.iter().any(|e| e.id == entry.id) {
            changes.push(Change::Added(headline(entry)));
        }
    }
    let finding = |f: &crate::eval::ledger::Finding| format!("{}: {}", f.code, f.message);
    let old_findings: Vec<String> = old.findings.iter().map(finding).collect();
    let new_findings: Vec<String> = new.findings.iter().map(finding).collect();
    for f in &new_findings {
        if !old_findings.contains(f) {
            changes.push(Change::NewFinding(f.clone()));
        }
    }
    for f in &old_findings {
        if !new_findings.contains(f) {
            changes.push(Change::ResolvedFinding(f.clone()));
        }
    }
    for before in &old.assumptions {
        let after = new
            .assumptions
            .iter()
            .find(|a| a.reading.is_some() && a.reading == before.reading);
        if let (Some(after), Some(reading)) = (after, &before.reading) {
            if after.chosen != before.chosen {
                changes.push(Change::Changed(format!(
                    "reading {reading}: {} → {}",
                    before.chosen.as_deref().unwrap_or("none"),
                    after.chosen.as_deref().unwrap_or("none")
                )));
            }
        }
    }
    if old.lapsed != new.lapsed {
        changes.push(Change::Changed(format!(
            "the offer: {} → {}",
            old.lapsed.as_deref().unwrap_or("accepted"),
            new.lapsed.as_deref().unwrap_or("accepted")
        )));
    }
    changes
}

/// `2(b).severance[3] (payment): $20,833.33 due November 30, 2002`
fn headline(entry: &Entry) -> String {
    let amount = entry
        .amount
        .map(|a| format!(" {}", format_money(a)))
        .unwrap_or_default();
    let due = entry
        .due
        .map(|d| format!(" due {}", long_date(d)))
        .unwrap_or_default();
    format!(
        "{} ({}):{amount}{due}: {}",
        entry.id,
        entry.heading.kind,
        entry.summary()
    )
}

fn entry_changes(old: &Entry, new: &Entry) -> Vec<String> {
    let id = &old.id;
    let mut out = Vec::new();
    let mut field = |what: &str, before: String, after: String| {
        if before != after {
            out.push(format!("{id}: {what} {before} → {after}"));
        }
    };
    field("amount", money(old.amount), money(new.amount));
    field("due", date(old.due), date(new.due));
    field("from", date(old.start), date(new.start));
    field("through", date(old.end), date(new.end));
    field(
        "status",
        old.status.describe().to_owned(),
        new.status.describe().to_owned(),
    );
    field("paid", money(old.paid), money(new.paid));
    field(
        "outstanding",
        money(old.outstanding),
        money(new.outstanding),
    );
    for kind in [
        RemedyKind::LateInterest,
        RemedyKind::LateFee,
        RemedyKind::Interest,
    ] {
        field(
            kind.words(),
            money(remedies(old, kind)),
            money(remedies(new, kind)),
        );
    }
    field(
        "condition",
        text(&old.heading.condition),
        text(&new.heading.condition),
    );
    field(
        "obligation",
        old.summary().into_owned(),
        new.summary().into_owned(),
    );
    out
}

/// The total of an entry's remedies of one kind; `None` when it has none.
fn remedies(entry: &Entry, kind: RemedyKind) -> Option<Decimal> {
    let mut of_kind = entry.remedies.iter().filter(|r| r.kind == kind).peekable();
    of_kind.peek()?;
    Some(of_kind.map(|r| r.amount).sum())
}

fn money(value: Option<Decimal>) -> String {
    value.map_or_else(|| "none".to_owned(), format_money)
}

fn date(value: Option<NaiveDate>) -> String {
    value.map_or_else(|| "none".to_owned(), long_date)
}

fn text(value: &Option<String>) -> String {
    value.as_deref().unwrap_or("none").to_owned()
}
