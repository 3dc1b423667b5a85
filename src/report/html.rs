//! The ledger as one HTML page a lawyer can read on screen and print: a
//! summary first (per party what is owed, paid, late and outstanding; the
//! next deadlines; the findings), a timeline whose marks show each
//! obligation's status, then every clause with its obligations, their
//! dates, amounts, payments, remedies and totals.
//!
//! Self-contained (no script, no network) and deterministic. The timeline is
//! drawn at its printed size (no scaling, so its text stays at least 8 pt
//! on paper), and every label is placed where it cannot overlap another:
//! tick spacing is chosen from the span, amounts are written beside as many
//! marks as there is room for (the late and the different ones first).

use super::export::{capitalised, cut, event_dates, Labels, PartyNames};
use crate::calc::calendar::long_date;
use crate::calc::money::{format_money_in, Currency};
use crate::escape;
use crate::eval::ledger::{ClauseEntry, Entry, Instance, Ledger, Status};
use crate::report::render::{explained, remedy_words, status_words, TextOptions};
use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The ledger as one HTML page: no script, no network, printable.
pub fn ledger_html(ledger: &Ledger) -> String {
    ledger_html_with(ledger, TextOptions::default())
}

/// The page, with (`--explain`) how each amount and date was reached under
/// its row, as the text ledger shows it.
pub fn ledger_html_with(ledger: &Ledger, options: TextOptions) -> String {
    let page = Page {
        ledger,
        names: PartyNames::of(ledger),
        labels: Labels::of(ledger),
        explain: options.explain,
    };
    let mut out = String::new();
    page.header(&mut out);
    page.summary(&mut out);
    page.timeline(&mut out);
    page.clauses(&mut out);
    page.assumptions(&mut out);
    out.push_str("</body>\n</html>\n");
    out
}

struct Page<'a> {
    ledger: &'a Ledger,
    names: PartyNames,
    labels: Labels,
    /// Show each entry's explanation lines (`--explain`).
    explain: bool,
}

/// How an obligation stands, as the timeline and the tables draw it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Mark {
    Paid,
    PaidLate,
    PartlyPaid,
    Upcoming,
    Overdue,
    Conditional,
    NotTriggered,
    Lapsed,
    InForce,
    Ended,
    /// A dated duty whose date is past, with nothing recorded about it.
    NotRecorded,
}

impl Mark {
    fn of(entry: &Entry, as_of: NaiveDate) -> Mark {
        match entry.status {
            Status::Paid
            | Status::Met
            | Status::Offset
            | Status::NothingOwed
            | Status::DefaultApplied => Mark::Paid,
            Status::PaidLate | Status::Late => Mark::PaidLate,
            Status::PartlyPaid => Mark::PartlyPaid,
            // Owed and unpaid: overdue once its date (or its period's end)
            // has passed; with no date stated, simply owed.
            Status::Due => match entry.due.or(entry.end) {
                Some(date) if date < as_of => Mark::Overdue,
                _ => Mark::Upcoming,
            },
            Status::Missed | Status::EndedEarly => Mark::Overdue,
            Status::NotYetDue | Status::Open | Status::NotYetKnown => Mark::Upcoming,
            Status::Conditional => Mark::Conditional,
            Status::NotTriggered => Mark::NotTriggered,
            Status::Lapsed => Mark::Lapsed,
            Status::InForce => Mark::InForce,
            Status::Ended => Mark::Ended,
            Status::NotRecorded => Mark::NotRecorded,
        }
    }

    fn words(self) -> &'static str {
        match self {
            Mark::Paid => "paid, or met in time",
            Mark::PaidLate => "paid late, or given late",
            Mark::PartlyPaid => "partly paid",
            Mark::Upcoming => "due later, or open",
            Mark::Overdue => "overdue, or missed",
            Mark::Conditional => "conditional",
            Mark::NotTriggered => "not triggered",
            Mark::Lapsed => "lapsed",
            Mark::InForce => "in force",
            Mark::Ended => "period ended",
            Mark::NotRecorded => "date past, nothing recorded",
        }
    }

    /// The mark of a dated obligation, centred on (x, y). Each status has
    /// its own shape as well as its colour, so that a page printed in grey
    /// still tells them apart.
    fn point(self, x: f64, y: f64) -> String {
        match self {
            Mark::Paid => format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"5\" fill=\"#2e7d32\"/>"),
            Mark::PaidLate => diamond(x, y, "fill=\"#e08a00\" stroke=\"#6b4000\""),
            Mark::PartlyPaid => diamond(x, y, "fill=\"#fff\" stroke=\"#c77700\" stroke-width=\"2\""),
            Mark::Upcoming => format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4.5\" fill=\"#fff\" stroke=\"#1f5fbf\" stroke-width=\"2\"/>"),
            Mark::Overdue => format!("<rect x=\"{:.1}\" y=\"{:.1}\" width=\"10\" height=\"10\" fill=\"#c62828\"/>", x - 5.0, y - 5.0),
            Mark::Conditional => format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4.5\" fill=\"#fff\" stroke=\"#7b5ea7\" stroke-width=\"1.5\" stroke-dasharray=\"2 2\"/>"),
            Mark::NotTriggered => format!("<path d=\"M{0:.1} {1:.1}l8 8m0 -8l-8 8\" stroke=\"#8a8a8a\" stroke-width=\"1.8\"/>", x - 4.0, y - 4.0),
            Mark::Lapsed => format!("<rect x=\"{:.1}\" y=\"{:.1}\" width=\"9\" height=\"9\" fill=\"none\" stroke=\"#8a8a8a\" stroke-dasharray=\"2 2\"/>", x - 4.5, y - 4.5),
            Mark::InForce => format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"5\" fill=\"#5b83cf\"/>"),
            Mark::Ended => format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"5\" fill=\"#b4c2d8\"/>"),
            Mark::NotRecorded => format!("<path d=\"M{x:.1} {:.1}l5.5 9.5h-11z\" fill=\"#fff\" stroke=\"#555\" stroke-width=\"1.5\"/>", y - 5.5),
        }
    }

    /// The mark of a period, from x1 to x2 around y.
    fn bar(self, x1: f64, x2: f64, y: f64) -> String {
        let style = match self {
            Mark::InForce => "fill=\"#5b83cf\"",
            Mark::Ended => "fill=\"#b4c2d8\"",
            Mark::Paid => "fill=\"#2e7d32\"",
            Mark::PaidLate | Mark::PartlyPaid => "fill=\"#e08a00\"",
            Mark::Upcoming => "fill=\"#fff\" stroke=\"#1f5fbf\" stroke-width=\"1.5\"",
            Mark::Overdue => "fill=\"#c62828\"",
            Mark::Conditional => {
                "fill=\"none\" stroke=\"#7b5ea7\" stroke-width=\"1.5\" stroke-dasharray=\"4 2\""
            }
            Mark::NotTriggered | Mark::Lapsed => {
                "fill=\"none\" stroke=\"#8a8a8a\" stroke-width=\"1.5\" stroke-dasharray=\"1 3\""
            }
            Mark::NotRecorded => "fill=\"#fff\" stroke=\"#555\" stroke-width=\"1.5\"",
        };
        format!(
            "<rect x=\"{x1:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"10\" rx=\"2\" {style}/>",
            y - 5.0,
            (x2 - x1).max(3.0)
        )
    }

    /// A small picture of the mark, for the legend and the tables.
    fn icon(self, as_bar: bool) -> String {
        let shape = if as_bar {
            self.bar(2.0, 24.0, 7.0)
        } else {
            self.point(13.0, 7.0)
        };
        format!("<svg class=\"icon\" width=\"26\" height=\"14\" viewBox=\"0 0 26 14\" aria-hidden=\"true\">{shape}</svg>")
    }
}

fn diamond(x: f64, y: f64, style: &str) -> String {
    format!(
        "<path d=\"M{x:.1} {:.1}l6 6l-6 6l-6 -6z\" {style}/>",
        y - 6.0
    )
}

impl Page<'_> {
    fn header(&self, out: &mut String) {
        let ledger = self.ledger;
        let title = format!("{} — scenario {}", ledger.agreement, ledger.scenario);
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
            html(&title)
        );
        let _ = writeln!(out, "<header>\n<h1>{}</h1>", html(&ledger.agreement));
        if let Some(dated) = ledger.dated {
            let _ = writeln!(out, "<p>Dated {}.</p>", long_date(dated));
        }
        let _ = writeln!(out, "<ul class=\"parties\">");
        for party in &ledger.parties {
            let _ = writeln!(
                out,
                "<li>{} <span class=\"role\">({})</span></li>",
                html(&party.name),
                html(&party.role)
            );
        }
        let _ = writeln!(out, "</ul>");
        let _ = writeln!(
            out,
            "<p class=\"scenario\"><b>Scenario {}</b>{}; status as of <b>{}</b>.</p>",
            html(&ledger.scenario),
            ledger
                .scenario_title
                .as_ref()
                .map(|t| format!(": {}", html(t)))
                .unwrap_or_default(),
            ledger.as_of_words()
        );
        for line in &ledger.hypothetical {
            let _ = writeln!(
                out,
                "<p class=\"hypothetical\">Hypothetical: {}</p>",
                html(line)
            );
        }
        if let Some(lapsed) = &ledger.lapsed {
            let _ = writeln!(
                out,
                "<p class=\"lapsed\">The offer lapsed: {}.</p>",
                html(&lapsed.to_string())
            );
        }
        let _ = writeln!(out, "</header>");
    }

    /// Per party what it owes, has paid (and paid late), still owes and
    /// owes in interest and fees; the next deadlines; what is past its date
    /// and not met; the findings.
    fn summary(&self, out: &mut String) {
        let ledger = self.ledger;
        let _ = writeln!(
            out,
            "<section class=\"summary\">\n<h2>Summary as of {}</h2>",
            ledger.as_of_words()
        );
        self.money_by_party(out);
        self.next_deadlines(out);
        self.past_and_open(out);
        let _ = writeln!(out, "<h3>Findings</h3>");
        if ledger.findings.is_empty() {
            let _ = writeln!(out, "<p>None.</p>");
        } else {
            let _ = writeln!(out, "<ul class=\"findings\">");
            for finding in &ledger.findings {
                let _ = writeln!(
                    out,
                    "<li><b>{}</b>{}: {} <small class=\"code\">{}</small></li>",
                    finding.severity,
                    finding
                        .clause
                        .as_ref()
                        .map(|c| format!(" (clause {})", html(c)))
                        .unwrap_or_default(),
                    html(&finding.message),
                    finding.code,
                );
            }
            let _ = writeln!(out, "</ul>");
        }
        let _ = writeln!(out, "</section>");
    }

    fn money_by_party(&self, out: &mut String) {
        let mut rows = Vec::new();
        for party in &self.ledger.parties {
            let all: Vec<&Entry> = self
                .ledger
                .obligations
                .iter()
                .filter(|e| e.heading.obligor == party.role && e.amount.is_some())
                .filter(|e| counts_as_owed(e.status))
                .collect();
            // One row per currency: amounts in two are never added.
            let currencies: std::collections::BTreeSet<Currency> =
                all.iter().map(|e| e.currency.unwrap_or_default()).collect();
            for currency in &currencies {
                let owed: Vec<&Entry> = all
                    .iter()
                    .copied()
                    .filter(|e| e.currency.unwrap_or_default() == *currency)
                    .collect();
                let name = match currencies.len() {
                    1 => self.names.full(&party.role),
                    _ => format!("{} (in {})", self.names.full(&party.role), currency.words()),
                };
                self.party_row(&name, &owed, *currency, &mut rows);
            }
        }
        if rows.is_empty() {
            let _ = writeln!(
                out,
                "<p>No amount of money is owed under this scenario.</p>"
            );
            return;
        }
        let _ = writeln!(
            out,
            "<table class=\"money\">\n<thead><tr><th>who pays</th><th class=\"num\">owed</th><th class=\"num\">paid</th><th class=\"num\">of which paid late</th><th class=\"num\">outstanding</th><th class=\"num\">not yet due</th><th class=\"num\">interest and fees</th></tr></thead>\n<tbody>\n{}\n</tbody>\n</table>",
            rows.join("\n")
        );
        let _ = writeln!(
            out,
            "<p class=\"note\">Owed: every amount that arose under this scenario, paid or not (conditional amounts, and obligations not triggered or lapsed, are left out). Outstanding: owed now and unpaid. Interest and fees are owed on top.</p>"
        );
    }

    /// The deadlines on or after the "as of" date, the soonest first.
    fn next_deadlines(&self, out: &mut String) {
        let as_of = self.ledger.as_of;
        let mut deadlines: Vec<(NaiveDate, String, &Entry)> = Vec::new();
        for entry in self.ledger.obligations.iter().filter(|e| arose(e.status)) {
            let settled = matches!(Mark::of(entry, as_of), Mark::Paid | Mark::PaidLate);
            if let Some(due) = entry.due.filter(|d| *d >= as_of) {
                deadlines.push((due, "due".to_owned(), entry));
            }
            if let Some(grace) = entry.grace_end.filter(|d| *d >= as_of && !settled) {
                deadlines.push((grace, "last day of grace".to_owned(), entry));
            }
            if entry.due.is_none() {
                if let Some(start) = entry.start.filter(|d| *d > as_of) {
                    deadlines.push((start, format!("{} begins", entry.heading.kind), entry));
                }
                if let Some(end) = entry.end.filter(|d| *d >= as_of) {
                    deadlines.push((end, format!("{} ends", entry.heading.kind), entry));
                }
            }
        }
        deadlines.sort_by_key(|(date, _, _)| *date);
        let _ = writeln!(out, "<h3>Next deadlines</h3>");
        if deadlines.is_empty() {
            let _ = writeln!(out, "<p>No deadline on or after {}.</p>", long_date(as_of));
            return;
        }
        const SHOWN: usize = 8;
        let _ = writeln!(out, "<ul class=\"deadlines\">");
        for (date, what, entry) in deadlines.iter().take(SHOWN) {
            let _ = writeln!(
                out,
                "<li><b>{}</b>: {}: {what}{} <span class=\"who\">({})</span>. <small>{}</small></li>",
                long_date(*date),
                html(&self.label(entry)),
                entry
                    .amount
                    .map(|a| format!(", {}", entry.money(a)))
                    .unwrap_or_default(),
                html(&self.names.direction(entry)),
                html(&status_words(entry))
            );
        }
        let _ = writeln!(out, "</ul>");
        if deadlines.len() > SHOWN {
            let _ = writeln!(
                out,
                "<p class=\"note\">And {} more, in the clauses below.</p>",
                deadlines.len() - SHOWN
            );
        }
    }

    /// What is past its date and not met: overdue payments, missed notices,
    /// duties of which nothing is recorded.
    fn past_and_open(&self, out: &mut String) {
        let as_of = self.ledger.as_of;
        let open: Vec<&Entry> = self
            .ledger
            .obligations
            .iter()
            .filter(|e| {
                matches!(
                    Mark::of(e, as_of),
                    Mark::Overdue | Mark::PartlyPaid | Mark::NotRecorded
                )
            })
            .collect();
        if open.is_empty() {
            return;
        }
        let _ = writeln!(
            out,
            "<h3>Past their date: not met, or nothing recorded</h3>\n<ul class=\"deadlines\">"
        );
        for entry in open {
            let _ = writeln!(
                out,
                "<li>{}{}: {}{} <span class=\"who\">({})</span></li>",
                entry
                    .due
                    .map(|d| format!("<b>{}</b>: ", long_date(d)))
                    .unwrap_or_default(),
                html(&self.label(entry)),
                html(&status_words(entry)),
                entry
                    .amount
                    .map(|a| format!(", {}", entry.money(a)))
                    .unwrap_or_default(),
                html(&self.names.direction(entry)),
            );
        }
        let _ = writeln!(out, "</ul>");
    }

    /// "2(b) Severance payments, installment 2 of 6".
    fn label(&self, entry: &Entry) -> String {
        let subject = self.labels.subject(entry);
        match &entry.instance {
            Some(instance) => format!("{} {subject}, {instance}", entry.heading.clause),
            None => format!("{} {subject}", entry.heading.clause),
        }
    }

    fn timeline(&self, out: &mut String) {
        let _ = writeln!(out, "<section class=\"timeline\">\n<h2>Timeline</h2>");
        let rows = self.timeline_rows();
        if rows.is_empty() {
            let _ = writeln!(out, "<p>No dated obligations.</p>\n</section>");
            return;
        }
        legend(&rows, out);
        out.push_str(&timeline_svg(&rows, self.ledger.as_of));
        let _ = writeln!(out, "</section>");
    }

    /// One row per dated obligation (a schedule's instances share one), in
    /// the order of the clauses.
    fn timeline_rows(&self) -> Vec<Row<'_>> {
        let mut rows: Vec<Row<'_>> = Vec::new();
        let mut row_of: BTreeMap<&str, usize> = BTreeMap::new();
        for entry in &self.ledger.obligations {
            let Some((start, after)) = event_dates(entry) else {
                continue;
            };
            let end = after.pred_opt().unwrap_or(start);
            let index = *row_of.entry(entry.id.base()).or_insert_with(|| {
                rows.push(Row {
                    title: format!(
                        "{} {}",
                        entry.heading.clause,
                        entry
                            .heading
                            .clause_title
                            .as_deref()
                            .unwrap_or("(untitled)")
                    ),
                    name: self.labels.own_name(entry),
                    kind: entry.heading.kind.as_str(),
                    direction: self.names.direction(entry),
                    items: Vec::new(),
                });
                rows.len() - 1
            });
            // A period open at its end runs to the end of the timeline.
            let open_ended = entry.due.is_none() && entry.end.is_none() && entry.start.is_some();
            if let Some(row) = rows.get_mut(index) {
                row.items.push(Item {
                    entry,
                    start,
                    end,
                    point: entry.due.is_some() || (start == end && !open_ended),
                    open_ended,
                    mark: Mark::of(entry, self.ledger.as_of),
                });
            }
        }
        rows
    }

    fn clauses(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "<section class=\"clauses\">\n<h2>Clause by clause</h2>"
        );
        for clause in &self.ledger.clauses {
            self.clause(clause, out);
        }
        let _ = writeln!(out, "</section>");
    }

    fn clause(&self, clause: &ClauseEntry, out: &mut String) {
        let _ = writeln!(
            out,
            "<section class=\"clause\">\n<h3>Clause {}{}</h3>",
            html(&clause.number),
            clause
                .title
                .as_ref()
                .map(|t| format!(": {}", html(t)))
                .unwrap_or_default()
        );
        if let Some(quote) = &clause.quote {
            let _ = writeln!(out, "<blockquote>“{}”</blockquote>", html(&cut(quote, 420)));
        }
        let mut groups: Vec<Vec<&Entry>> = Vec::new();
        for entry in self
            .ledger
            .obligations
            .iter()
            .filter(|e| e.heading.clause == clause.number)
        {
            match groups.last_mut() {
                Some(group) if group.first().map(|e| e.id.base()) == Some(entry.id.base()) => {
                    group.push(entry);
                }
                _ => groups.push(vec![entry]),
            }
        }
        if groups.is_empty() {
            let _ = writeln!(out, "<p class=\"note\">No obligation.</p>");
        }
        for group in groups {
            self.obligation(&group, out);
        }
        let _ = writeln!(out, "</section>");
    }

    /// One obligation: who owes what to whom, its terms, then a row per
    /// instance and, for several, their totals.
    fn obligation(&self, group: &[&Entry], out: &mut String) {
        let Some(first) = group.first() else {
            return;
        };
        let heading = &first.heading;
        let count = match first.instance {
            Some(Instance::Installment { of, .. }) => format!(", in {of} installments"),
            Some(Instance::Payment { of, .. }) => format!(", in {of} payments"),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "<div class=\"obligation\">\n<p class=\"what\"><b>{}</b>{}: {}{count}. <span class=\"who\">{}</span> <small class=\"code\">{}</small></p>",
            capitalised(heading.kind.as_str()),
            self.labels
                .own_name(first)
                .map(|n| format!(" ({})", html(&n)))
                .unwrap_or_default(),
            html(&heading.summary.to_string()),
            html(&match &heading.obligee {
                Some(to) => format!(
                    "{} → {}",
                    self.names.full(&heading.obligor),
                    self.names.full(to)
                ),
                None => self.names.full(&heading.obligor),
            }),
            html(first.id.base()),
        );
        let mut terms: Vec<String> = heading.condition.iter().map(ToString::to_string).collect();
        terms.extend(heading.terms.iter().map(ToString::to_string));
        if !terms.is_empty() {
            let _ = writeln!(out, "<p class=\"terms\">{}</p>", html(&terms.join("; ")));
        }
        let instance = match first.instance {
            Some(Instance::Installment { .. }) => "installment",
            Some(Instance::Payment { .. }) => "payment",
            _ => "",
        };
        let _ = writeln!(out, "<table class=\"entries\">\n<colgroup><col class=\"n\"><col class=\"d\"><col class=\"a\"><col class=\"s\"><col class=\"r\"></colgroup>\n<thead><tr><th>{instance}</th><th>due, or period</th><th class=\"num\">amount</th><th>status</th><th>interest and fees</th></tr></thead>\n<tbody>");
        for entry in group {
            self.entry_row(entry, out);
        }
        let _ = writeln!(out, "</tbody>");
        self.totals(group, out);
        let _ = writeln!(out, "</table>");
        for schedule in self
            .ledger
            .schedules
            .iter()
            .filter(|s| s.obligation == first.id.base())
        {
            let stated = schedule
                .stated_count
                .map(|n| format!(" ({n} stated)"))
                .unwrap_or_default();
            let mut lines = vec![format!(
                "Total {} in {} installments{stated}",
                schedule.money(schedule.total),
                schedule.installments
            )];
            if !schedule.offset.is_zero() {
                lines.push(format!(
                    "offset {}, payable {}",
                    schedule.money(schedule.offset),
                    schedule.money(schedule.payable)
                ));
            }
            lines.extend(schedule.reading.iter().map(ToString::to_string));
            lines.extend(schedule.remainder_note.iter().map(ToString::to_string));
            let _ = writeln!(out, "<p class=\"note\">{}.</p>", html(&lines.join("; ")));
            if self.explain {
                for line in &schedule.explanation {
                    let _ = writeln!(
                        out,
                        "<p class=\"note arith\">= {}</p>",
                        html(&line.to_string())
                    );
                }
            }
        }
        let _ = writeln!(out, "</div>");
    }

    /// A row of the summary: what `name` owes in one currency.
    fn party_row(&self, name: &str, owed: &[&Entry], currency: Currency, rows: &mut Vec<String>) {
        let late: Vec<&Entry> = owed
            .iter()
            .copied()
            .filter(|e| e.status == Status::PaidLate)
            .collect();
        let outstanding = |e: &&Entry| {
            if matches!(e.status, Status::NotYetDue) {
                None
            } else {
                e.outstanding
            }
        };
        let not_yet_due = |e: &&Entry| {
            matches!(e.status, Status::NotYetDue)
                .then(|| e.outstanding.or(e.amount))
                .flatten()
        };
        rows.push(format!(
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            html(name),
            money(currency, total(owed.iter().map(|e| e.amount))),
            money(currency, total(owed.iter().map(|e| e.paid))),
            money(currency, total(late.iter().map(|e| e.paid))),
            match late.len() {
                0 => String::new(),
                1 => "<br><small>1 payment</small>".to_owned(),
                n => format!("<br><small>{n} payments</small>"),
            },
            money(currency, total(owed.iter().map(outstanding))),
            money(currency, total(owed.iter().map(not_yet_due))),
            money(currency, total(owed.iter().flat_map(|e| e.remedies.iter().map(|r| Some(r.amount))))),
        ));
    }

    fn entry_row(&self, entry: &Entry, out: &mut String) {
        let mark = Mark::of(entry, self.ledger.as_of);
        let date = match (entry.due, entry.start, entry.end) {
            (Some(due), _, _) => {
                let grace = entry
                    .grace_end
                    .map(|g| format!("<br><small>grace to {}</small>", long_date(g)))
                    .unwrap_or_default();
                let hour = entry
                    .due_time
                    .map(|h| format!("<br><small>by {}</small>", html(&h.words())))
                    .unwrap_or_default();
                format!(
                    "<span class=\"date\">{}</span>{hour}{grace}",
                    long_date(due)
                )
            }
            (None, Some(start), Some(end)) => {
                format!("{} – {}", long_date(start), long_date(end))
            }
            (None, Some(start), None) => format!("from {}", long_date(start)),
            (None, None, Some(end)) => format!("through {}", long_date(end)),
            (None, None, None) => String::new(),
        };
        let notes: String = entry
            .notes
            .iter()
            .map(|n| format!("<br><small>{}</small>", html(&n.to_string())))
            .collect();
        let remedies: String = entry
            .remedies
            .iter()
            .map(|r| {
                format!(
                    "<b>{}</b><br><small>{}</small><br><small class=\"arith\">{}</small>",
                    entry.money(r.amount),
                    html(&remedy_words(r, entry)),
                    html(&r.explanation.to_string())
                )
            })
            .collect::<Vec<_>>()
            .join("<br>");
        let as_bar = entry.due.is_none() && entry.start.is_some();
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{date}</td><td class=\"num\">{}</td><td class=\"status\">{}<span>{}</span>{notes}</td><td class=\"remedy\">{remedies}</td></tr>",
            entry
                .instance
                .as_ref()
                .map(|i| html(&instance_words(i)))
                .unwrap_or_default(),
            entry.amount.map(|a| entry.money(a)).unwrap_or_default(),
            mark.icon(as_bar),
            html(&status_words(entry)),
        );
        if self.explain {
            self.explanation_row(entry, out);
        }
    }

    /// How the entry's amount and dates were reached (`--explain`), in a
    /// row of its own under the entry's: late interest is explained with
    /// the remedy it is, in the row itself.
    fn explanation_row(&self, entry: &Entry, out: &mut String) {
        let lines: Vec<String> = explained(entry)
            .map(|l| format!("<small class=\"arith\">= {}</small>", html(&l.to_string())))
            .collect();
        if !lines.is_empty() {
            let _ = writeln!(
                out,
                "<tr class=\"explain\"><td></td><td colspan=\"4\">{}</td></tr>",
                lines.join("<br>")
            );
        }
    }

    /// The totals of an obligation's instances: amount, paid, outstanding,
    /// interest and fees.
    fn totals(&self, group: &[&Entry], out: &mut String) {
        if group.len() < 2 || group.iter().all(|e| e.amount.is_none()) {
            return;
        }
        let currency = group.iter().find_map(|e| e.currency).unwrap_or_default();
        let paid = total(group.iter().map(|e| e.paid));
        let outstanding = total(group.iter().map(|e| e.outstanding));
        let remedies = total(
            group
                .iter()
                .flat_map(|e| e.remedies.iter().map(|r| Some(r.amount))),
        );
        let _ = writeln!(
            out,
            "<tfoot><tr><td>total</td><td>{} {}</td><td class=\"num\">{}</td><td>paid {}; outstanding {}</td><td>{}</td></tr></tfoot>",
            group.len(),
            match group.first().and_then(|e| e.instance.as_ref()) {
                Some(Instance::Installment { .. }) => "installments",
                Some(Instance::Payment { .. }) => "payments",
                _ => "entries",
            },
            money(currency, total(group.iter().map(|e| e.amount))),
            money(currency, paid),
            money(currency, outstanding),
            money(currency, remedies),
        );
    }

    fn assumptions(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "<section class=\"assumptions\">\n<h2>Assumptions in force</h2>\n<ul>"
        );
        for assumption in &self.ledger.assumptions {
            let _ = writeln!(
                out,
                "<li><b>{}</b>{}: {}</li>",
                html(&assumption.id.to_string()),
                assumption
                    .clause
                    .as_ref()
                    .map(|c| format!(" (clause {})", html(c)))
                    .unwrap_or_default(),
                html(&assumption.text.to_string())
            );
        }
        let _ = writeln!(out, "</ul>\n</section>");
    }
}

/// An instance in its table's first column: "2 of 6" under "installment".
fn instance_words(instance: &Instance) -> String {
    match instance {
        Instance::Installment { number, of } | Instance::Payment { number, of } => {
            format!("{number} of {of}")
        }
        Instance::Received { .. } => instance.to_string(),
    }
}

/// An amount that arose under the scenario, whether paid or not.
fn counts_as_owed(status: Status) -> bool {
    matches!(
        status,
        Status::Due
            | Status::NotYetDue
            | Status::Paid
            | Status::PaidLate
            | Status::PartlyPaid
            | Status::Offset
            | Status::EndedEarly
            | Status::NothingOwed
    )
}

/// Whether an obligation arose under the scenario.
fn arose(status: Status) -> bool {
    !matches!(status, Status::NotTriggered | Status::Lapsed)
}

/// The sum of the amounts there are; `None` if it overflows.
fn total(amounts: impl Iterator<Item = Option<Decimal>>) -> Option<Decimal> {
    amounts
        .flatten()
        .try_fold(Decimal::ZERO, |sum, a| sum.checked_add(a))
}

fn money(currency: Currency, amount: Option<Decimal>) -> String {
    amount.map_or_else(|| "—".to_owned(), |a| format_money_in(a, currency))
}

/// A row of the timeline: an obligation and its dated instances.
struct Row<'a> {
    /// "2(b) Severance payments"
    title: String,
    /// The obligation's own name, when its clause has others of its kind.
    name: Option<String>,
    /// "payment"
    kind: &'static str,
    /// "IEC → T. Lovelock"
    direction: String,
    items: Vec<Item<'a>>,
}

struct Item<'a> {
    entry: &'a Entry,
    start: NaiveDate,
    /// The last day (the same as `start` for a point).
    end: NaiveDate,
    point: bool,
    open_ended: bool,
    mark: Mark,
}

/// The legend: every mark the timeline uses, with its shape.
fn legend(rows: &[Row<'_>], out: &mut String) {
    let mut used: BTreeMap<Mark, (bool, bool)> = BTreeMap::new();
    for item in rows.iter().flat_map(|r| &r.items) {
        let (point, bar) = used.entry(item.mark).or_default();
        if item.point {
            *point = true;
        } else {
            *bar = true;
        }
    }
    let _ = writeln!(out, "<ul class=\"legend\">");
    for (mark, (point, bar)) in used {
        let mut icons = String::new();
        if point {
            icons.push_str(&mark.icon(false));
        }
        if bar {
            icons.push_str(&mark.icon(true));
        }
        let _ = writeln!(out, "<li>{icons}<span>{}</span></li>", mark.words());
    }
    let _ = writeln!(
        out,
        "<li><svg class=\"icon\" width=\"26\" height=\"14\" viewBox=\"0 0 26 14\" aria-hidden=\"true\"><path d=\"M13 0v14\" stroke=\"#c62828\" stroke-dasharray=\"3 2\"/></svg><span>the “as of” date</span></li>\n</ul>"
    );
}

/// The timeline's geometry, in CSS pixels: drawn at this size on screen and
/// on paper (an A4 or Letter page with 10 mm margins is wider). A row's
/// labels stay left of `LABELS` (`data-room`, which the browser check holds
/// true of the fonts it has); its marks start at `PLOT_LEFT`.
const WIDTH: f64 = 700.0;
const LABELS: f64 = 230.0;
const PLOT_LEFT: f64 = 240.0;
const PLOT_RIGHT: f64 = 680.0;
const TOP: f64 = 42.0;
const ROW: f64 = 40.0;
const BOTTOM: f64 = 26.0;
/// Text sizes: 11 px is 8.25 pt, the smallest text on the page.
const TEXT: f64 = 11.0;
const TITLE_TEXT: f64 = 12.0;
/// A generous width of one character, in ems, so that an estimate of a
/// label's width is never short (the reader's fonts are not known).
const EM_PER_CHAR: f64 = 0.63;
/// How much wider bold text runs, as if its size were this much larger
/// (DejaVu Serif Bold's "Mutual" is 0.67 em a character).
const BOLD: f64 = 1.12;

fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * EM_PER_CHAR
}

/// The dates the timeline spans, with a margin either side, and where a
/// date falls on it.
struct Scale {
    first: NaiveDate,
    days: f64,
}

impl Scale {
    fn of(rows: &[Row<'_>], as_of: NaiveDate) -> Scale {
        let items = rows.iter().flat_map(|r| &r.items);
        let first = items
            .clone()
            .map(|i| i.start)
            .min()
            .unwrap_or(as_of)
            .min(as_of);
        let last = items.map(|i| i.end).max().unwrap_or(as_of).max(as_of);
        let span = (last - first).num_days().max(1);
        let margin = chrono::Days::new(u64::try_from(span / 40 + 1).unwrap_or(1));
        // The margin stays within the years a clause can write (1 to 9999),
        // so that the axis never labels a year 0 or 10000.
        let (earliest, latest) = (
            NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or(first),
            NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(last),
        );
        let first = first
            .checked_sub_days(margin)
            .map_or(first, |d| d.max(earliest.min(first)));
        let last = last
            .checked_add_days(margin)
            .map_or(last, |d| d.min(latest.max(last)));
        Scale {
            first,
            days: ((last - first).num_days().max(1)) as f64,
        }
    }

    fn x(&self, date: NaiveDate) -> f64 {
        PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * ((date - self.first).num_days() as f64) / self.days
    }

    fn last(&self) -> NaiveDate {
        self.first
            .checked_add_days(chrono::Days::new(self.days as u64))
            .unwrap_or(self.first)
    }
}

/// A spacing of the axis's ticks: every so many days, months or years.
#[derive(Clone, Copy)]
enum Step {
    Days(u64),
    Months(u32),
    Years(i32),
}

impl Step {
    /// The fewest days between two ticks.
    fn min_days(self) -> f64 {
        match self {
            Step::Days(n) => n as f64,
            Step::Months(n) => 28.0 * f64::from(n),
            Step::Years(n) => 365.0 * f64::from(n),
        }
    }

    /// A tick's label on the axis's lower line: "Sep 30", "Sep", "2002".
    /// The year of a day or a month is on the line above (see [`axis`]).
    fn label(self, date: NaiveDate) -> String {
        match self {
            Step::Days(_) => date.format("%b %-d").to_string(),
            Step::Months(_) => date.format("%b").to_string(),
            Step::Years(_) => date.year().to_string(),
        }
    }

    /// Whether the step's labels leave the year to the line above.
    fn needs_years(self) -> bool {
        !matches!(self, Step::Years(_))
    }

    /// The widest label this step writes.
    fn label_width(self) -> f64 {
        let sample = match self {
            Step::Days(_) => "Sep 30",
            Step::Months(_) => "Sep",
            Step::Years(_) => "2002",
        };
        text_width(sample, TEXT)
    }

    /// The ticks from `first` to `last`, on round dates: every Monday, the
    /// first of a month whose number the step divides, January 1 of a year
    /// the step divides.
    fn ticks(self, first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
        let mut ticks = Vec::new();
        let mut next = match self {
            Step::Days(1) => Some(first),
            Step::Days(_) => first.checked_add_days(chrono::Days::new(u64::from(
                (7 - first.weekday().num_days_from_monday()) % 7,
            ))),
            Step::Months(n) => {
                let mut month = first.with_day(1);
                while let Some(m) = month.filter(|m| *m < first || (m.month() - 1) % n != 0) {
                    month = m.checked_add_months(Months::new(1));
                }
                month
            }
            Step::Years(n) => {
                let year = first.year() + (n - first.year().rem_euclid(n)) % n;
                let year = if NaiveDate::from_ymd_opt(year, 1, 1).is_some_and(|d| d < first) {
                    year + n
                } else {
                    year
                };
                NaiveDate::from_ymd_opt(year, 1, 1)
            }
        };
        while let Some(date) = next.filter(|d| *d <= last) {
            ticks.push(date);
            next = match self {
                Step::Days(n) => date.checked_add_days(chrono::Days::new(n)),
                Step::Months(n) => date.checked_add_months(Months::new(n)),
                Step::Years(n) => date.with_year(date.year() + n),
            };
        }
        ticks
    }
}

/// The finest spacing whose labels do not touch.
fn step_for(scale: &Scale) -> Step {
    const STEPS: &[Step] = &[
        Step::Days(1),
        Step::Days(7),
        Step::Months(1),
        Step::Months(3),
        Step::Months(6),
        Step::Years(1),
        Step::Years(2),
        Step::Years(5),
        Step::Years(10),
        Step::Years(20),
        Step::Years(50),
        Step::Years(100),
        Step::Years(200),
        Step::Years(500),
        Step::Years(1000),
        Step::Years(2000),
    ];
    let per_day = (PLOT_RIGHT - PLOT_LEFT) / scale.days;
    STEPS
        .iter()
        .copied()
        .find(|step| step.min_days() * per_day >= step.label_width() + 12.0)
        .unwrap_or(Step::Years(5000))
}

/// Intervals of x already taken by text on one line.
#[derive(Default)]
struct Taken(Vec<(f64, f64)>);

impl Taken {
    /// Takes [from, to] if nothing there is taken yet (with a gap).
    fn take(&mut self, from: f64, to: f64) -> bool {
        const GAP: f64 = 6.0;
        if self.0.iter().any(|(a, b)| from < b + GAP && to + GAP > *a) {
            return false;
        }
        self.0.push((from, to));
        true
    }
}

/// The timeline: the axis at the top, a row per obligation (its clause and
/// title, who owes whom, then its marks with their amounts above them), the
/// "as of" date as a dashed line labelled at the bottom.
fn timeline_svg(rows: &[Row<'_>], as_of: NaiveDate) -> String {
    let scale = Scale::of(rows, as_of);
    let height = TOP + ROW * rows.len() as f64 + BOTTOM;
    let mut out = format!(
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"timeline of the obligations, by clause\" font-family=\"Georgia, 'DejaVu Serif', serif\" font-size=\"{TEXT}\">\n"
    );
    axis(&scale, height, &mut out);
    for (i, row) in rows.iter().enumerate() {
        let top = TOP + ROW * i as f64;
        timeline_row(row, top, &scale, &mut out);
    }
    let x = scale.x(as_of);
    let label = format!("as of {}", as_of.format("%b %-d, %Y"));
    let half = text_width(&label, TEXT) / 2.0;
    let _ = writeln!(
        out,
        "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#c62828\" stroke-dasharray=\"3 2\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#c62828\">{label}</text>",
        TOP - 6.0,
        height - BOTTOM + 4.0,
        x.clamp(PLOT_LEFT.min(half), WIDTH - half),
        height - 8.0
    );
    out.push_str("</svg>\n");
    out
}

/// The axis: a line per tick, its label under the top (the day or the
/// month), and above it the year, at the first tick and wherever the year
/// turns (each year label placed only where it touches no other).
fn axis(scale: &Scale, height: f64, out: &mut String) {
    let step = step_for(scale);
    let half = step.label_width() / 2.0;
    let mut years = Taken::default();
    let mut year_shown = None;
    for tick in step.ticks(scale.first, scale.last()) {
        let x = scale.x(tick);
        let _ = writeln!(
            out,
            "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#e2e2e2\"/>",
            TOP - 6.0,
            height - BOTTOM
        );
        // A label that would run off the drawing is left out; its line stays.
        if x - half >= 0.0 && x + half <= WIDTH {
            let _ = writeln!(
                out,
                "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#444\">{}</text>",
                TOP - 10.0,
                step.label(tick)
            );
        }
        if step.needs_years() && year_shown != Some(tick.year()) {
            let year = tick.year().to_string();
            let half = text_width(&year, TEXT) / 2.0;
            let x = x.clamp(half, WIDTH - half);
            if years.take(x - half, x + half) {
                year_shown = Some(tick.year());
                let _ = writeln!(
                    out,
                    "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"#444\">{year}</text>",
                    TOP - 25.0,
                );
            }
        }
    }
}

fn timeline_row(row: &Row<'_>, top: f64, scale: &Scale, out: &mut String) {
    let room = LABELS - 6.0;
    let title = match &row.name {
        Some(name) => fit_with(&row.title, &format!(" — {name}"), room, TITLE_TEXT * BOLD),
        None => fit_with(&row.title, "", room, TITLE_TEXT * BOLD),
    };
    let instances = row.items.len();
    let sub = if instances > 1 {
        format!("{} · {} · {instances} dates", row.kind, row.direction)
    } else {
        format!("{} · {}", row.kind, row.direction)
    };
    let _ = writeln!(
        out,
        "<g class=\"row\"><line x1=\"0\" y1=\"{:.1}\" x2=\"{WIDTH}\" y2=\"{:.1}\" stroke=\"#f0f0f0\"/><text x=\"2\" y=\"{:.1}\" font-size=\"{TITLE_TEXT}\" font-weight=\"bold\" data-room=\"{LABELS}\">{}</text><text x=\"2\" y=\"{:.1}\" fill=\"#555\" data-room=\"{LABELS}\">{}</text>",
        top + ROW,
        top + ROW,
        top + 15.0,
        html(&title),
        top + 31.0,
        html(&fit_with(&sub, "", room, TEXT)),
    );
    let mark_y = top + 27.0;
    for item in &row.items {
        let tip = html(&format!(
            "{}{}{} — {}",
            row.title,
            item.entry
                .instance
                .as_ref()
                .map(|i| format!(", {i}"))
                .unwrap_or_default(),
            item.entry
                .amount
                .map(|a| format!(", {}", item.entry.money(a)))
                .unwrap_or_default(),
            status_words(item.entry)
        ));
        let shape = if item.point {
            item.mark.point(scale.x(item.start), mark_y)
        } else {
            let end = if item.open_ended {
                scale.last()
            } else {
                item.end
            };
            item.mark.bar(scale.x(item.start), scale.x(end), mark_y)
        };
        let _ = writeln!(out, "<g>{shape}<title>{tip}</title></g>");
    }
    for (x, text) in amount_labels(row, scale) {
        let _ = writeln!(
            out,
            "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            top + 15.0,
            html(&text)
        );
    }
    let _ = writeln!(out, "</g>");
}

/// The amounts written above a row's marks, as many as fit without
/// touching: first those of marks paid late, partly paid or overdue, then
/// those that differ from the row's usual amount, then the first, then the
/// rest from the left.
fn amount_labels(row: &Row<'_>, scale: &Scale) -> Vec<(f64, String)> {
    let mut counts: BTreeMap<Decimal, usize> = BTreeMap::new();
    for amount in row.items.iter().filter_map(|i| i.entry.amount) {
        *counts.entry(amount).or_default() += 1;
    }
    let usual = counts
        .iter()
        .max_by_key(|(_, n)| **n)
        .map(|(amount, _)| *amount);
    let mut candidates: Vec<(u8, usize, f64, String)> = row
        .items
        .iter()
        .enumerate()
        .filter_map(|(index, item)| {
            let amount = item.entry.amount?;
            let priority = if matches!(item.mark, Mark::PaidLate | Mark::PartlyPaid | Mark::Overdue)
            {
                0
            } else if Some(amount) != usual {
                1
            } else if index == 0 {
                2
            } else {
                3
            };
            Some((
                priority,
                index,
                scale.x(item.start),
                item.entry.money(amount),
            ))
        })
        .collect();
    candidates.sort_by_key(|(priority, index, _, _)| (*priority, *index));
    let mut taken = Taken::default();
    let mut placed = Vec::new();
    for (_, _, x, text) in candidates {
        let half = text_width(&text, TEXT) / 2.0;
        // Kept inside the plot, clear of the row's title on the left.
        let x = x.clamp(PLOT_LEFT + half - 6.0, WIDTH - half);
        if taken.take(x - half, x + half) {
            placed.push((x, text));
        }
    }
    placed.sort_by(|a, b| a.0.total_cmp(&b.0));
    placed
}

/// `text` then `suffix`, within `room` pixels at `size`: the text is cut
/// (with an ellipsis) so that the suffix is kept whole where it can be.
fn fit_with(text: &str, suffix: &str, room: f64, size: f64) -> String {
    let fits = |chars: usize| chars as f64 * size * EM_PER_CHAR <= room;
    let total = text.chars().count() + suffix.chars().count();
    if fits(total) {
        return format!("{text}{suffix}");
    }
    let limit = (room / (size * EM_PER_CHAR)) as usize;
    let suffix_chars = suffix.chars().count();
    if suffix_chars + 6 <= limit {
        let kept: String = text.chars().take(limit - suffix_chars - 1).collect();
        format!("{}…{suffix}", kept.trim_end())
    } else {
        let whole = format!("{text}{suffix}");
        let kept: String = whole.chars().take(limit.saturating_sub(1)).collect();
        format!("{}…", kept.trim_end())
    }
}

/// Text for the page, in an element or an attribute.
fn html(text: &str) -> String {
    escape::html(text)
}

const STYLE: &str = "\
body{font:15px/1.45 Georgia,'DejaVu Serif',serif;max-width:62rem;margin:2rem auto;padding:0 1rem;color:#222}\
h1{font-size:1.55rem;margin:0 0 .3rem}h2{font-size:1.25rem;border-bottom:1px solid #bbb;margin:2rem 0 .6rem;padding-bottom:.15rem}\
h3{font-size:1.05rem;margin:1.3rem 0 .4rem}\
ul.parties{list-style:none;padding:0;margin:.3rem 0}.role{color:#555}\
.hypothetical{color:#555;font-style:italic}.lapsed{color:#a00;font-weight:bold}\
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.3rem 0 .6rem}\
th,td{border-bottom:1px solid #ddd;padding:.25rem .45rem;text-align:left;vertical-align:top}\
th{font-weight:normal;color:#555;border-bottom:1px solid #999}\
.num{text-align:right;white-space:nowrap}tfoot td{font-weight:bold;border-top:2px solid #999;border-bottom:none}\
small{font-size:.8rem;color:#444}small.arith{color:#666}small.code{color:#888}\
table.entries{table-layout:fixed}col.n{width:11%}col.d{width:22%}col.a{width:13%}col.s{width:26%}col.r{width:28%}\
span.date{white-space:nowrap}\
td.status svg.icon{margin-right:.25rem}svg.icon{vertical-align:middle;flex:none}\
.note{color:#555;font-size:.85rem}.terms{color:#444;font-size:.85rem;margin:.1rem 0 .2rem}.who{color:#444}\
.what{margin:.8rem 0 .1rem}\
blockquote{margin:.2rem 0 .5rem 1rem;color:#555;font-style:italic;font-size:.88rem}\
ul.legend{display:flex;flex-wrap:wrap;gap:.3rem 1.3rem;list-style:none;padding:0;margin:.2rem 0 .6rem;font-size:.85rem}\
ul.legend li{display:flex;align-items:center;gap:.25rem}\
svg.chart{display:block;max-width:100%;height:auto}@media screen{svg.chart{width:100%}}\
@page{margin:10mm}\
@media print{body{font-size:10pt;max-width:none;margin:0;padding:0}table{font-size:9pt}\
small,.note,.terms,ul.legend{font-size:8pt}blockquote{font-size:9pt}\
tr,li,.what,.terms,svg.chart{break-inside:avoid}h2,h3,.what,.terms{break-after:avoid}thead{display:table-header-group}}";

#[cfg(test)]
mod tests {
    use super::*;

    fn scale(first: &str, days: f64) -> Scale {
        Scale {
            first: NaiveDate::parse_from_str(first, "%Y-%m-%d").unwrap(),
            days,
        }
    }

    /// The labels of consecutive ticks never touch, whatever the span.
    #[test]
    fn tick_labels_never_touch() {
        for days in [
            3.0,
            20.0,
            60.0,
            200.0,
            400.0,
            1_000.0,
            4_000.0,
            40_000.0,
            3_000_000.0,
        ] {
            let scale = scale("2002-06-06", days);
            let step = step_for(&scale);
            let ticks = step.ticks(scale.first, scale.last());
            for pair in ticks.windows(2) {
                let gap = scale.x(pair[1]) - scale.x(pair[0]);
                assert!(
                    gap >= step.label_width(),
                    "{days} days: {gap} px between ticks"
                );
            }
        }
    }

    /// A two-year span is marked by quarters or coarser, not by months
    /// (monthly labels did overlap: "Jan 2Apr 2028").
    #[test]
    fn a_two_year_span_is_not_marked_every_month() {
        let scale = scale("2025-03-01", 1_100.0);
        assert!(
            matches!(step_for(&scale), Step::Months(n) if n >= 3)
                || matches!(step_for(&scale), Step::Years(_))
        );
    }

    #[test]
    fn a_long_title_is_cut_and_keeps_its_suffix() {
        let fitted = fit_with(
            "5 Security Deposit and Other Matters",
            " — deposit refund",
            LABELS - 6.0,
            TITLE_TEXT * BOLD,
        );
        assert!(fitted.ends_with(" — deposit refund"), "{fitted}");
        assert!(
            text_width(&fitted, TITLE_TEXT * BOLD) <= LABELS - 6.0,
            "{fitted}"
        );
    }
}
