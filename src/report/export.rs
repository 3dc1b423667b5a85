//! Exports of a ledger for the rest of a lawyer's day: an iCalendar file of
//! the deadlines ([`super::ics`]) and a self-contained HTML page with a
//! summary, a timeline and every clause ([`super::html`]).
//!
//! This module holds what both say the same way: the parties' short names,
//! an obligation's human label, its dates.

pub use super::html::{ledger_html, ledger_html_with};
pub use super::ics::{ledger_ics, ledger_ics_with, IcsOptions};

use crate::eval::ledger::{Entry, Ledger};
use crate::import::is_legal_form;
use crate::syntax::ast::Kind;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// The first and the day after the last day of an entry's event (iCalendar
/// all-day events end on the next day), if it is dated at all.
pub(crate) fn event_dates(entry: &Entry) -> Option<(NaiveDate, NaiveDate)> {
    match (entry.due, entry.start, entry.end) {
        (Some(due), _, _) => Some((due, due.succ_opt()?)),
        (None, Some(start), Some(end)) if end >= start => Some((start, end.succ_opt()?)),
        (None, Some(start), None) => Some((start, start.succ_opt()?)),
        (None, None, Some(end)) => Some((end, end.succ_opt()?)),
        _ => None,
    }
}

/// How the parties are named where space is short (a calendar title, a
/// timeline row): "IEC" for IEC Electronics Corp., "T. Lovelock" for
/// Thomas W. Lovelock; the full name when it is short; the roles when two
/// parties would read alike.
pub(crate) struct PartyNames {
    by_role: BTreeMap<String, (String, String)>,
}

impl PartyNames {
    pub(crate) fn of(ledger: &Ledger) -> Self {
        let mut by_role: BTreeMap<String, (String, String)> = ledger
            .parties
            .iter()
            .map(|p| {
                (
                    p.role.clone(),
                    (p.name.clone(), short_name(&p.name, &p.role)),
                )
            })
            .collect();
        let mut seen = BTreeSet::new();
        let clash = by_role
            .values()
            .any(|(_, short)| !seen.insert(short.to_lowercase()));
        // Two parties that would read alike ("Roberts" and "Roberts") are
        // named by their roles instead: short, and told apart.
        if clash {
            for (role, (_, short)) in by_role.iter_mut() {
                *short = role.replace('_', " ");
            }
        }
        PartyNames { by_role }
    }

    /// The short name of the party with this role (the role itself when the
    /// agreement does not name it).
    pub(crate) fn short(&self, role: &str) -> String {
        self.by_role
            .get(role)
            .map_or_else(|| role.to_owned(), |(_, short)| short.clone())
    }

    /// "IEC Electronics Corp. (company)".
    pub(crate) fn full(&self, role: &str) -> String {
        match self.by_role.get(role) {
            Some((full, _)) => format!("{full} ({role})"),
            None => role.to_owned(),
        }
    }

    /// "IEC → T. Lovelock", or the obligor alone.
    pub(crate) fn direction(&self, entry: &Entry) -> String {
        let from = self.short(&entry.heading.obligor);
        match &entry.heading.obligee {
            Some(to) => format!("{from} → {}", self.short(to)),
            None => from,
        }
    }
}

/// Words that say a name is an organisation's and are part of its name
/// (`Tidewater Credit Union`), unlike its legal form
/// ([`crate::import::is_legal_form`]).
const ORGANISATION_KINDS: &[&str] = &["bank", "union", "trust", "partnership", "holdings", "group"];

/// A name short enough for a title.
const SHORT_ENOUGH: usize = 16;

/// A name shortened for a title: kept when short; an organisation by its
/// name without its legal form when that is short ("Smith & Wesson",
/// "Florida Chemical"), else by its first word ("Harrowgate", "IEC"); a
/// person by initial and surname ("T. Lovelock"); a description ("the
/// lender (not named ...)") by its role.
fn short_name(name: &str, role: &str) -> String {
    if name.chars().count() <= SHORT_ENOUGH {
        return name.to_owned();
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some(first) = words.first() else {
        return role.to_owned();
    };
    if first.chars().next().is_some_and(char::is_lowercase) {
        return role.replace('_', " ");
    }
    let organisation = words.iter().any(|w| {
        let w = w.trim_end_matches(',').to_lowercase();
        is_legal_form(&w) || ORGANISATION_KINDS.contains(&w.as_str())
    }) || name.contains(',');
    if organisation || words.len() < 2 {
        return organisation_short(&words, first);
    }
    match (first.chars().next(), words.last()) {
        (Some(initial), Some(surname)) => format!("{initial}. {surname}"),
        _ => name.to_owned(),
    }
}

/// An organisation's short name: an acronym it starts with (`IEC`, `AOB`),
/// else its name before its legal form when that is short (`Florida
/// Chemical` of `Florida Chemical Company, Inc.`), else its first word.
fn organisation_short(words: &[&str], first: &str) -> String {
    let first = first.trim_end_matches([',', '.']);
    let acronym = first.chars().count() >= 2
        && first
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if acronym {
        return first.to_owned();
    }
    let before_form: Vec<&str> = words
        .iter()
        .map(|w| w.trim_end_matches(','))
        .take_while(|w| !is_legal_form(w))
        .collect();
    let core = before_form.join(" ");
    if !core.is_empty() && before_form.len() < words.len() && core.chars().count() <= SHORT_ENOUGH {
        core
    } else {
        first.to_owned()
    }
}

/// Which obligations need their own name beside their clause's title to be
/// told apart: those that share a clause with another of the same kind.
pub(crate) struct Labels {
    ambiguous: BTreeSet<String>,
}

impl Labels {
    pub(crate) fn of(ledger: &Ledger) -> Self {
        let mut bases: BTreeMap<(&str, Kind), BTreeSet<&str>> = BTreeMap::new();
        for entry in &ledger.obligations {
            bases
                .entry((&entry.heading.clause, entry.heading.kind))
                .or_default()
                .insert(entry.id.base());
        }
        let ambiguous = bases
            .into_values()
            .filter(|set| set.len() > 1)
            .flatten()
            .map(str::to_owned)
            .collect();
        Labels { ambiguous }
    }

    /// The obligation's subject in words: its clause's title ("Severance
    /// payments", "Clause 7" without one), and its own name when the
    /// clause has another of its kind ("Security Deposit (deposit refund)").
    pub(crate) fn subject(&self, entry: &Entry) -> String {
        let title = entry
            .heading
            .clause_title
            .clone()
            .unwrap_or_else(|| format!("Clause {}", entry.heading.clause));
        match self.own_name(entry) {
            Some(name) => format!("{title} ({name})"),
            None => title,
        }
    }

    /// The obligation's own name in words ("deposit refund"), when its
    /// clause's title does not tell it apart.
    pub(crate) fn own_name(&self, entry: &Entry) -> Option<String> {
        self.ambiguous
            .contains(entry.id.base())
            .then(|| entry.id.name().replace(['_', '.'], " "))
    }
}

/// At most `limit` characters, cut at a word with an ellipsis.
pub(crate) fn cut(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_owned();
    }
    let kept: String = text.chars().take(limit.saturating_sub(1)).collect();
    let at_word = kept
        .rfind(' ')
        .filter(|at| *at > kept.len() / 2)
        .unwrap_or(kept.len());
    format!("{}…", kept.get(..at_word).unwrap_or(&kept).trim_end())
}

/// "Payment" for "payment".
pub(crate) fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_shortened_as_a_reader_would() {
        assert_eq!(short_name("IEC Electronics Corp.", "company"), "IEC");
        assert_eq!(short_name("Thomas W. Lovelock", "employee"), "T. Lovelock");
        assert_eq!(
            short_name("Harrowgate Equipment Finance, LLC", "lessor"),
            "Harrowgate"
        );
        assert_eq!(
            short_name("Michael Salvati", "consultant"),
            "Michael Salvati"
        );
        assert_eq!(
            short_name("the lender (not named in the text)", "lender"),
            "lender"
        );
    }

    #[test]
    fn an_organisation_keeps_its_name_without_its_legal_form_when_short() {
        // Its first word alone read as a person (`Smith`) or a state
        // (`Florida`).
        assert_eq!(
            short_name("Smith & Wesson Inc.", "licensor"),
            "Smith & Wesson"
        );
        assert_eq!(
            short_name("Florida Chemical Company, Inc.", "seller"),
            "Florida Chemical"
        );
        // An acronym stays the name, a long name is still its first word,
        // and a word that is part of the name is kept with it.
        assert_eq!(short_name("AOB Products Company", "licensee"), "AOB");
        assert_eq!(
            short_name("Quarry Street Holdings LLC", "landlord"),
            "Quarry"
        );
        assert_eq!(short_name("Tidewater Credit Union", "lender"), "Tidewater");
    }
}
