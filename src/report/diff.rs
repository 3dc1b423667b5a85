//! `clausec diff`: what changed between two versions of an agreement, said
//! in obligations rather than in lines of text.
//!
//! First the terms, from the two checked texts with no scenario
//! ([`term_changes`]): a rate, a limit, a date, a condition, a party, a
//! quote's words, a reading, an obligation or a clause added or removed.
//! Then the figures of each scenario:
//!
//! Two ledgers of the same scenario are compared entry by entry (entries are
//! matched by id: `2(b).severance[3]`), then their findings. The result is a
//! list of plain sentences, in ledger order, for a reviewer of a pull
//! request: `2(b).severance[3]: due November 30, 2002 → December 31, 2002`.

use crate::calc::calendar::long_date;
use crate::check::model::{unlabelled_name, Model};
use crate::eval::ledger::{Entry, Ledger, RemedyKind};
use crate::syntax::ast::*;
use crate::syntax::print::percent_literal;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

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
            old.lapsed
                .as_ref()
                .map_or("accepted".to_owned(), ToString::to_string),
            new.lapsed
                .as_ref()
                .map_or("accepted".to_owned(), ToString::to_string)
        )));
    }
    changes
}

/// `2(b).severance[3] (payment): $20,833.33 due November 30, 2002`
fn headline(entry: &Entry) -> String {
    let amount = entry
        .amount
        .map(|a| format!(" {}", entry.money(a)))
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
    field("amount", money(old, old.amount), money(new, new.amount));
    field("due", date(old.due), date(new.due));
    field("from", date(old.start), date(new.start));
    field("through", date(old.end), date(new.end));
    field(
        "status",
        old.status.describe().to_owned(),
        new.status.describe().to_owned(),
    );
    field("paid", money(old, old.paid), money(new, new.paid));
    field(
        "outstanding",
        money(old, old.outstanding),
        money(new, new.outstanding),
    );
    for kind in [
        RemedyKind::LateInterest,
        RemedyKind::LateFee,
        RemedyKind::Interest,
    ] {
        field(
            kind.words(),
            money(old, remedies(old, kind)),
            money(new, remedies(new, kind)),
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

/// An amount of an entry, in its currency, or `none`.
fn money(entry: &Entry, value: Option<Decimal>) -> String {
    value.map_or_else(|| "none".to_owned(), |a| entry.money(a))
}

fn date(value: Option<NaiveDate>) -> String {
    value.map_or_else(|| "none".to_owned(), long_date)
}

fn text(value: &Option<impl std::fmt::Display>) -> String {
    value
        .as_ref()
        .map_or_else(|| "none".to_owned(), ToString::to_string)
}

// ---- terms: the two texts compared, with no scenario ---------------------

/// One term that differs between two versions of an agreement, in the
/// words of the clause language: where (`2(b).severance`, `clause 2(b)`,
/// `agreement`, `scenario base`), which term (`late interest rate`), and
/// how it was and is written (`18%`, `12%`); `None` where it is not stated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermChange {
    pub place: String,
    pub term: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Every term that differs from `old` to `new`, with no scenario: the
/// agreement's header, then clause by clause in document order (a removed
/// clause after the clause it followed), each clause's title, quote,
/// assumptions and readings, then its obligations in order, each with its
/// parties, amount and every modifier; last, the scenarios added or
/// removed. Amounts, dates and conditions are printed from the tree.
pub fn term_changes(old: &Model, new: &Model) -> Vec<TermChange> {
    let mut out = Vec::new();
    compare_terms("agreement", header_terms(old), header_terms(new), &mut out);
    for (before, after) in paired(&old.clauses, &new.clauses, |c| c.number.node.clone()) {
        let place = format!(
            "clause {}",
            after.or(before).map_or("", |c| c.number.node.as_str())
        );
        match (before, after) {
            (Some(clause), None) => out.push(TermChange {
                place,
                term: "clause".to_owned(),
                before: Some(clause_heading(clause)),
                after: None,
            }),
            (None, Some(clause)) => out.push(TermChange {
                place,
                term: "clause".to_owned(),
                before: None,
                after: Some(clause_heading(clause)),
            }),
            (Some(before), Some(after)) => clause_changes(&place, before, after, &mut out),
            (None, None) => {}
        }
        let number = after.or(before).map_or("", |c| c.number.node.as_str());
        let old_obligations = before.map_or_else(Vec::new, named_obligations);
        let new_obligations = after.map_or_else(Vec::new, named_obligations);
        for (was, is) in paired(&old_obligations, &new_obligations, |(n, _)| n.clone()) {
            let name = is.or(was).map_or("", |(n, _)| n.as_str());
            let id = format!("{number}.{name}");
            match (was, is) {
                (Some((_, o)), None) => out.push(TermChange {
                    place: id,
                    term: "obligation".to_owned(),
                    before: Some(obligation_words(o)),
                    after: None,
                }),
                (None, Some((_, o))) => out.push(TermChange {
                    place: id,
                    term: "obligation".to_owned(),
                    before: None,
                    after: Some(obligation_words(o)),
                }),
                (Some((_, a)), Some((_, b))) => {
                    compare_terms(&id, obligation_terms(a), obligation_terms(b), &mut out);
                }
                (None, None) => {}
            }
        }
    }
    let names =
        |m: &Model| -> Vec<String> { m.scenarios.iter().map(|s| s.name.node.clone()).collect() };
    let (old_names, new_names) = (names(old), names(new));
    for (was, is) in paired(&old_names, &new_names, Clone::clone) {
        if was.is_none() || is.is_none() {
            out.push(TermChange {
                place: format!("scenario {}", is.or(was).map_or("", String::as_str)),
                term: "scenario".to_owned(),
                before: was.map(|_| "declared".to_owned()),
                after: is.map(|_| "declared".to_owned()),
            });
        }
    }
    out
}

/// The items of two lists matched by key, in the new list's order, each
/// item only in the old list placed after the one it followed there.
fn paired<'a, T, K: Ord>(
    old: &'a [T],
    new: &'a [T],
    key: impl Fn(&T) -> K,
) -> Vec<(Option<&'a T>, Option<&'a T>)> {
    let old_keys: BTreeMap<K, usize> = old.iter().enumerate().map(|(i, t)| (key(t), i)).collect();
    let new_keys: BTreeMap<K, usize> = new.iter().enumerate().map(|(i, t)| (key(t), i)).collect();
    // Each old-only item goes after the new item its nearest earlier kept
    // neighbour matched (or first, when none did).
    let mut after_new: BTreeMap<Option<usize>, Vec<&T>> = BTreeMap::new();
    let mut anchor = None;
    for item in old {
        match new_keys.get(&key(item)) {
            Some(&at) => anchor = Some(at),
            None => after_new.entry(anchor).or_default().push(item),
        }
    }
    let mut out: Vec<(Option<&T>, Option<&T>)> = Vec::new();
    let removed = |at: Option<usize>, out: &mut Vec<(Option<&'a T>, Option<&'a T>)>| {
        for item in after_new.get(&at).into_iter().flatten() {
            out.push((Some(*item), None));
        }
    };
    removed(None, &mut out);
    for (i, item) in new.iter().enumerate() {
        let before = old_keys.get(&key(item)).and_then(|&at| old.get(at));
        out.push((before, Some(item)));
        removed(Some(i), &mut out);
    }
    out
}

/// Two lists of (term, words) compared by term, in the new list's order.
fn compare_terms(
    place: &str,
    old: Vec<(String, String)>,
    new: Vec<(String, String)>,
    out: &mut Vec<TermChange>,
) {
    for (was, is) in paired(&old, &new, |(term, _)| term.clone()) {
        let before = was.map(|(_, words)| words.clone());
        let after = is.map(|(_, words)| words.clone());
        if before != after {
            let term = is.or(was).map_or(String::new(), |(t, _)| t.clone());
            out.push(TermChange {
                place: place.to_owned(),
                term,
                before,
                after,
            });
        }
    }
}

fn header_terms(model: &Model) -> Vec<(String, String)> {
    let mut terms = vec![("title".to_owned(), model.title.clone())];
    if let Some(dated) = model.dated {
        terms.push(("date".to_owned(), long_date(dated)));
    }
    for (role, party) in model.parties.iter() {
        terms.push((format!("party {role}"), party.legal_name.node.clone()));
    }
    for (name, fact) in model.facts.iter() {
        let options: Vec<&str> = fact.options.iter().map(|o| o.node.as_str()).collect();
        let mut words = fact.ty.node.describe().to_owned();
        if !options.is_empty() {
            words.push_str(&format!(" (one of {})", options.join(", ")));
        }
        if let Some(description) = &fact.description {
            words.push_str(&format!(": {}", description.node));
        }
        terms.push((format!("fact {name}"), words));
    }
    for (name, event) in model.events.iter() {
        let words = event
            .description
            .as_ref()
            .map_or_else(String::new, |d| d.node.clone());
        terms.push((format!("event {name}"), words));
    }
    terms
}

fn clause_heading(clause: &Clause) -> String {
    match &clause.title {
        Some(title) => format!("{} \"{}\"", clause.number.node, title.node),
        None => clause.number.node.clone(),
    }
}

fn clause_changes(place: &str, old: &Clause, new: &Clause, out: &mut Vec<TermChange>) {
    let title = |c: &Clause| c.title.as_ref().map(|t| t.node.clone());
    if title(old) != title(new) {
        out.push(TermChange {
            place: place.to_owned(),
            term: "title".to_owned(),
            before: title(old),
            after: title(new),
        });
    }
    let quote = |c: &Clause| {
        let joined: Vec<&str> = c.quotes.iter().map(|q| q.node.as_str()).collect();
        crate::check::model::fold_spaces(&joined.join(" "))
    };
    let (was, is) = (quote(old), quote(new));
    if was != is {
        let (before, after) = changed_words(&was, &is);
        out.push(TermChange {
            place: place.to_owned(),
            term: "quote".to_owned(),
            before: (!was.is_empty()).then_some(before),
            after: (!is.is_empty()).then_some(after),
        });
    }
    compare_terms(place, assumption_terms(old), assumption_terms(new), out);
}

/// A clause's assumptions in words (each one a term of its own, named by
/// its words, so that an edited one reads as one removed and one added),
/// its readings and elections with their options.
fn assumption_terms(clause: &Clause) -> Vec<(String, String)> {
    let mut terms = Vec::new();
    let options = |terms: &mut Vec<(String, String)>, what: &str, options: &[OptionDecl]| {
        for option in options {
            let mut words = option
                .description
                .as_ref()
                .map_or_else(String::new, |d| d.node.clone());
            if option.is_default {
                words.push_str(" (default)");
            }
            terms.push((format!("{what} option {}", option.name.node), words));
        }
    };
    for assumption in &clause.assumptions {
        match assumption {
            Assumption::Stated(text) => {
                terms.push((format!("assumption \"{}\"", text.node), "stated".to_owned()));
            }
            Assumption::Reading {
                name,
                description,
                options: choices,
            } => {
                let what = format!("reading {}", name.node);
                terms.push((what.clone(), description.node.clone()));
                options(&mut terms, &what, choices);
            }
        }
    }
    for election in &clause.elections {
        let what = format!("election {}", election.name.node);
        let description = election
            .description
            .as_ref()
            .map_or_else(String::new, |d| format!(": {}", d.node));
        terms.push((
            what.clone(),
            format!("by {}{description}", election.by.node),
        ));
        options(&mut terms, &what, &election.options);
    }
    terms
}

/// The words that changed between two texts, with up to three words of
/// context on each side and at most twelve changed words shown:
/// `… at the rate of 18% per annum.` → `… at the rate of 12% per annum.`
pub fn changed_words(old: &str, new: &str) -> (String, String) {
    let a: Vec<&str> = old.split_whitespace().collect();
    let b: Vec<&str> = new.split_whitespace().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let room = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    let excerpt = |words: &[&str]| -> String {
        let start = prefix.saturating_sub(3);
        let changed_end = words.len() - suffix;
        let shown_changed = (changed_end - prefix).min(12);
        let mut out: Vec<&str> = Vec::new();
        if start > 0 {
            out.push("…");
        }
        out.extend(words.get(start..prefix).unwrap_or(&[]));
        out.extend(words.get(prefix..prefix + shown_changed).unwrap_or(&[]));
        if shown_changed < changed_end - prefix {
            out.push("…");
        }
        let tail_end = (changed_end + 3).min(words.len());
        out.extend(words.get(changed_end..tail_end).unwrap_or(&[]));
        if tail_end < words.len() {
            out.push("…");
        }
        out.join(" ")
    };
    (excerpt(&a), excerpt(&b))
}

/// Each obligation of a clause with the name its id ends in: its label, or
/// its kind and number (`payment2`), as the ledger names it.
fn named_obligations(clause: &Clause) -> Vec<(String, &Obligation)> {
    let mut per_kind: BTreeMap<Kind, usize> = BTreeMap::new();
    clause
        .obligations
        .iter()
        .map(|o| {
            let n = per_kind.entry(o.kind).or_insert(0);
            *n += 1;
            let name = o
                .label
                .as_ref()
                .map_or_else(|| unlabelled_name(o.kind, *n), |l| l.node.clone());
            (name, o)
        })
        .collect()
}

/// An obligation in one line: `company pays employee annual_salary * 6 / 12`.
fn obligation_words(obligation: &Obligation) -> String {
    let terms = obligation_terms(obligation);
    let get = |name: &str| {
        terms
            .iter()
            .find(|(t, _)| t == name)
            .map(|(_, w)| w.clone())
    };
    let mut words = format!(
        "{} ({})",
        obligation.obligor.name.node,
        obligation.kind.as_str()
    );
    if let Some(obligee) = get("obligee") {
        words.push_str(&format!(" to {obligee}"));
    }
    for what in ["amount", "what", "document", "deadline"] {
        if let Some(w) = get(what) {
            words.push_str(&format!(": {w}"));
        }
    }
    words
}

/// Every term of an obligation, named as the ledger and the language name
/// them, printed from the tree.
fn obligation_terms(obligation: &Obligation) -> Vec<(String, String)> {
    let mut terms: Vec<(String, String)> = vec![
        ("kind".to_owned(), obligation.kind.as_str().to_owned()),
        ("obligor".to_owned(), obligation.obligor.name.node.clone()),
    ];
    let mut term = |name: &str, words: String| terms.push((name.to_owned(), words));
    if let Some(obligee) = &obligation.obligee {
        term("obligee", obligee.name.node.clone());
    }
    match &obligation.subject {
        Subject::Amount(amount) => term("amount", amount.to_string()),
        Subject::Described(what) => term("what", what.node.clone()),
        Subject::Reimbursed(what, amount) => {
            term("what", what.node.clone());
            if let Some(amount) = amount {
                term("amount", amount.to_string());
            }
        }
        Subject::DocumentRef(reference) => term("document", document_words(reference)),
        Subject::CompensationReceived(party) => {
            term("what", format!("compensation {} receives", party.name.node));
        }
        Subject::Deadline {
            what,
            date,
            time,
            zone,
        } => {
            if let Some(what) = what {
                term("what", what.node.clone());
            }
            term(
                "deadline",
                format!(
                    "{} on {}",
                    crate::calc::zone::time_in_zone(time.node, zone.as_ref().map(|z| z.node)),
                    long_date(date.node)
                ),
            );
        }
    }
    let mut conditions = 0;
    for modifier in &obligation.modifiers {
        match modifier {
            Modifier::Condition(condition) => {
                conditions += 1;
                let name = match conditions {
                    1 => "condition".to_owned(),
                    n => format!("condition {n}"),
                };
                term(&name, format!("if {condition}"));
            }
            other => modifier_terms(other, &mut term),
        }
    }
    terms
}

fn modifier_terms(modifier: &Modifier, term: &mut impl FnMut(&str, String)) {
    match modifier {
        Modifier::Installments(Installments {
            count,
            frequency,
            each,
            day,
            ..
        }) => {
            let count_words = match &count.words {
                Some(words) => format!("{} ({})", words.node, count.value.node),
                None => count.value.node.to_string(),
            };
            term("installments", count_words);
            term("frequency", frequency.words());
            if let Some(day) = day {
                term("installment day", day_words(*day));
            }
            if let Some(each) = each {
                term("installment amount", each.to_string());
            }
        }
        Modifier::Recurring(Recurring { frequency, day, .. }) => {
            term("due each", frequency.words());
            if let Some(day) = day {
                term("day due", day_words(*day));
            }
        }
        Modifier::Escalation(Escalation { rate, rounding, .. }) => term(
            "yearly increase",
            format!(
                "to {} of the preceding year's amount, {}",
                percent_literal(rate.node),
                rounding.describe()
            ),
        ),
        Modifier::Abatement(Abatement { from, through, .. }) => {
            term("abated", format!("from {from} through {through}"))
        }
        Modifier::Prorated(_) => term("partial periods", "prorated by days".to_owned()),
        Modifier::Prepayments(after, _) => term("prepayments", after.words().to_owned()),
        // Each step is a term of its own, named by its date, so that a
        // changed amount reads as that step's change.
        Modifier::Step(Step { amount, from, .. }) => {
            term(&format!("step from {from}"), amount.to_string())
        }
        Modifier::AggregateCap(limit) => term("aggregate limit", limit.to_string()),
        Modifier::MetWhen(event) => term("met when", format!("{} happens", event.name.node)),
        Modifier::CreditedAgainst(target) => term("credited against", target.node.clone()),
        Modifier::Amortized(Amortized {
            rate, day_count, ..
        }) => term(
            "amortized",
            match day_count {
                Some(d) => format!(
                    "at {} per annum, {}",
                    percent_literal(rate.node),
                    d.node.describe()
                ),
                None => format!("at {} per annum", percent_literal(rate.node)),
            },
        ),
        Modifier::UnusedCredit(UnusedCreditTerm { fate, on, .. }) => term(
            "unused credit",
            match fate {
                UnusedCredit::Refunded => format!("refunded on {on}"),
                UnusedCredit::Lapses => format!("lapses on {on}"),
            },
        ),
        Modifier::ConflictRule(rule) => term("reading followed", rule.name.node.clone()),
        Modifier::Roll(roll, _) => term("business day convention", roll.to_string()),
        Modifier::Rounding(mode, unit, _) => term(
            "rounding",
            format!("{} to {}", mode.describe(), unit.words()),
        ),
        Modifier::Remainder(remainder, _) => term(
            "remainder",
            match remainder {
                Remainder::First => "on the first installment",
                Remainder::Last => "on the last installment",
            }
            .to_owned(),
        ),
        Modifier::Period(period) => period_terms("", period, term),
        Modifier::On(date) => term("date", date.to_string()),
        Modifier::ByTime(time) => term("time of day", time.clock().words()),
        Modifier::Effective(date) => term("effective", date.to_string()),
        Modifier::For(d) => term("for", d.node.describe()),
        Modifier::Within(d) => term("within", d.node.describe()),
        Modifier::Grace(d) => term("grace period", d.node.describe()),
        Modifier::Offset(Offset {
            receiver, period, ..
        }) => {
            term(
                "offset",
                format!("compensation {} receives", receiver.name.node),
            );
            if let Some(period) = period {
                period_terms("offset ", period, term);
            }
        }
        Modifier::LateInterest(interest) => {
            term("late interest rate", percent_literal(interest.rate.node));
            if let Some(start) = &interest.start {
                term(
                    "late interest from",
                    match start {
                        InterestStart::DueDate => "the due date".to_owned(),
                        InterestStart::GraceEnd => "the end of the grace period".to_owned(),
                        InterestStart::Reading(reading) => reading.name.node.clone(),
                    },
                );
            }
            if let Some(day_count) = &interest.day_count {
                term(
                    "late interest day count",
                    day_count.node.describe().to_owned(),
                );
            }
        }
        Modifier::LateFee(LateFee::Share(rate), _) => term(
            "late fee",
            format!("{} of the installment", percent_literal(rate.node)),
        ),
        Modifier::LateFee(LateFee::Amount(amount), _) => term("late fee", amount.to_string()),
        Modifier::Interest(interest) => {
            term("interest rate", percent_literal(interest.rate.node));
            term("interest from", interest.from.to_string());
            if let Some(day_count) = &interest.day_count {
                term("interest day count", day_count.node.describe().to_owned());
            }
        }
        Modifier::RemainingEnd(date) => term("remaining installments end", date.to_string()),
        Modifier::Cost(e) => term("cost", e.to_string()),
        Modifier::Cap(e) => term("limit (not to exceed)", e.to_string()),
        Modifier::Floor(e) => term("minimum (not less than)", e.to_string()),
        Modifier::Lapses(_) => term("otherwise", "the offer lapses".to_owned()),
        Modifier::Then(Then { party, what }) => {
            term("then", format!("{} may {}", party.node, what.node));
        }
        Modifier::Condition(condition) => term("condition", format!("if {condition}")),
    }
}

fn period_terms(prefix: &str, period: &Period, term: &mut impl FnMut(&str, String)) {
    if let Some(from) = &period.from {
        term(&format!("{prefix}from"), from.to_string());
    }
    if let Some(through) = &period.through {
        term(&format!("{prefix}through"), through.to_string());
    }
}

fn day_words(day: DayRule) -> String {
    match day {
        DayRule::LastDayOfMonth => "the last day of the month".to_owned(),
        DayRule::DayOfMonth(n) => format!("day {n}"),
        DayRule::FirstBusinessDay => "the first business day of the month".to_owned(),
    }
}

fn document_words(reference: &DocumentRef) -> String {
    match &reference.section {
        Some(section) => format!("{} section {}", reference.document.node, section.node),
        None => reference.document.node.clone(),
    }
}

// ---- the report, as text and as Markdown ----------------------------------

/// What `clausec diff` found: the terms that changed, and the figures of
/// each scenario compared.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DiffReport {
    pub terms: Vec<TermChange>,
    /// Each scenario compared (`none` without one), and its changes.
    pub scenarios: Vec<(String, Vec<Change>)>,
}

impl DiffReport {
    /// Whether anything changed, in the terms or in the figures.
    pub fn changed(&self) -> bool {
        !self.terms.is_empty() || self.scenarios.iter().any(|(_, c)| !c.is_empty())
    }
}

impl TermChange {
    /// `2(b).severance: late interest rate 18% → 12%`
    pub fn describe(&self) -> String {
        match (&self.before, &self.after) {
            (Some(before), Some(after)) => {
                format!("{}: {} {before} → {after}", self.place, self.term)
            }
            (None, Some(after)) => format!("{}: {} added: {after}", self.place, self.term),
            (Some(before), None) => format!("{}: {} removed: {before}", self.place, self.term),
            (None, None) => format!("{}: {}", self.place, self.term),
        }
    }
}

/// The report as the terminal shows it (the caller escapes it for the
/// terminal): the terms, then each scenario.
pub fn diff_text(report: &DiffReport) -> String {
    let mut out = String::new();
    if report.terms.is_empty() {
        out.push_str("terms: no change\n");
    } else {
        out.push_str("terms:\n");
        for change in &report.terms {
            out.push_str(&format!("  {}\n", change.describe()));
        }
    }
    for (name, changes) in &report.scenarios {
        if changes.is_empty() {
            out.push_str(&format!("scenario {name}: no change\n"));
            continue;
        }
        out.push_str(&format!("scenario {name}:\n"));
        for change in changes {
            out.push_str(&format!("  {}\n", change.describe()));
        }
    }
    out
}

/// The report as a pull-request comment: a heading, a table of the terms
/// of each place that changed, and a list per scenario. Every piece of the
/// user's text is escaped (`escape::markdown`, `escape::markdown_code`).
pub fn diff_markdown(report: &DiffReport) -> String {
    use crate::escape::{markdown, markdown_code};
    let mut out = String::from("## clausec diff\n\n");
    if !report.changed() {
        out.push_str("No change in the terms or the figures.\n");
    }
    out.push_str("### Terms\n\n");
    if report.terms.is_empty() {
        out.push_str("No term changed.\n\n");
    }
    let cell = |words: &Option<String>| words.as_deref().map_or_else(|| "—".to_owned(), markdown);
    let mut place: Option<&str> = None;
    for change in &report.terms {
        if place != Some(change.place.as_str()) {
            if place.is_some() {
                out.push('\n');
            }
            place = Some(&change.place);
            out.push_str(&format!(
                "#### {}\n\n| term | before | after |\n|---|---|---|\n",
                markdown_code(&change.place)
            ));
        }
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            markdown(&change.term),
            cell(&change.before),
            cell(&change.after)
        ));
    }
    if place.is_some() {
        out.push('\n');
    }
    for (name, changes) in &report.scenarios {
        out.push_str(&format!(
            "### Figures under scenario {}\n\n",
            markdown_code(name)
        ));
        if changes.is_empty() {
            out.push_str("No change.\n\n");
            continue;
        }
        for change in changes {
            let words: Vec<String> = change
                .describe()
                .split_whitespace()
                .map(str::to_owned)
                .collect();
            out.push_str(&format!("- {}\n", markdown(&words.join(" "))));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_words_show_a_short_excerpt() {
        let (before, after) = changed_words(
            "interest will accrue at the rate of 18% per annum until paid in full",
            "interest will accrue at the rate of 12% per annum until paid in full",
        );
        assert_eq!(before, "… the rate of 18% per annum until …");
        assert_eq!(after, "… the rate of 12% per annum until …");
        let (before, after) = changed_words("six (6) months", "six (6) months or less");
        assert_eq!(
            (before.as_str(), after.as_str()),
            ("six (6) months", "six (6) months or less")
        );
    }

    #[test]
    fn removed_items_keep_their_place() {
        let old = ["a", "b", "c"];
        let new = ["a", "c", "d"];
        let order: Vec<(Option<&&str>, Option<&&str>)> = paired(&old, &new, |s| *s);
        let keys: Vec<String> = order
            .iter()
            .map(|(o, n)| format!("{}{}", o.map_or("-", |s| s), n.map_or("-", |s| s)))
            .collect();
        assert_eq!(keys, ["aa", "b-", "cc", "-d"]);
    }
}
