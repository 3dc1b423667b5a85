//! Ledgers and diagnostics as text, Markdown and JSON.
//!
//! The text ledger is what a lawyer reads and what the snapshot tests pin:
//! grouped by clause in the order of the document, one line per dated
//! instance, amounts as `$20,833.33`, dates as `September 30, 2002`, then the
//! findings and the assumptions in force. Every function here returns a
//! `String`; nothing prints.

use crate::calc::calendar::long_date;
use crate::calc::money::format_count;
use crate::diagnostic::{location, render as render_diagnostic, Diagnostic};
use crate::escape;
use crate::eval::explanation::Explanation;
use crate::eval::ledger::{
    ClauseEntry, Entry, Ledger, Remedy, RemedyKind, ScheduleSummary, Status,
};
use crate::source::SourceMap;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The width diagnostics are wrapped at, everywhere: reports must be the
/// same bytes on every terminal and in every snapshot.
pub const REPORT_WIDTH: usize = 100;

/// Options for the text ledger.
#[derive(Clone, Copy, Debug, Default)]
pub struct TextOptions {
    /// Show the arithmetic behind every amount.
    pub explain: bool,
}

/// A run of entries that belong to one obligation (one line, or one line
/// per installment).
struct Group<'a> {
    base: String,
    entries: Vec<&'a Entry>,
}

/// Groups a clause's entries by obligation, keeping their order.
fn groups<'a>(entries: &[&'a Entry]) -> Vec<Group<'a>> {
    let mut out: Vec<Group<'a>> = Vec::new();
    for entry in entries {
        let base = entry.id.base().to_owned();
        match out.last_mut() {
            Some(group) if group.base == base => group.entries.push(entry),
            _ => out.push(Group {
                base,
                entries: vec![entry],
            }),
        }
    }
    out
}

/// Entries grouped by clause, in ledger order (one pass over the entries,
/// not one per clause).
fn clauses(ledger: &Ledger) -> Vec<(&ClauseEntry, Vec<&Entry>)> {
    let mut by_clause: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    for entry in &ledger.obligations {
        by_clause
            .entry(entry.heading.clause.as_str())
            .or_default()
            .push(entry);
    }
    ledger
        .clauses
        .iter()
        .map(|clause| {
            let entries = by_clause
                .get(clause.number.as_str())
                .cloned()
                .unwrap_or_default();
            (clause, entries)
        })
        .collect()
}

/// Each schedule's totals by its obligation's id (the first, if two share one).
fn schedules_by_id(ledger: &Ledger) -> BTreeMap<&str, &ScheduleSummary> {
    let mut by_id = BTreeMap::new();
    for summary in &ledger.schedules {
        by_id.entry(summary.obligation.as_str()).or_insert(summary);
    }
    by_id
}

/// The ledger as text for a terminal. The user's words (names, titles,
/// quotes, notes) are written into it as they are, and its control
/// characters written out once, at the end (see [`escape::terminal`]): the
/// ledger's own layout uses none but line feeds.
pub fn ledger_text(ledger: &Ledger, options: TextOptions) -> String {
    let mut out = String::new();
    header(ledger, &mut out);
    let schedules = schedules_by_id(ledger);
    for (clause, entries) in clauses(ledger) {
        let title = clause
            .title
            .as_ref()
            .map(|t| format!(": {t}"))
            .unwrap_or_default();
        let _ = writeln!(out, "\nClause {}{title}", clause.number);
        if let Some(quote) = &clause.quote {
            let _ = writeln!(out, "  “{}”", shorten(quote, 90));
        }
        if entries.is_empty() {
            let _ = writeln!(out, "  no obligation");
        }
        for group in groups(&entries) {
            group_text(&schedules, &group, options, &mut out);
        }
    }
    findings_and_assumptions(ledger, &mut out);
    match escape::terminal(&out) {
        Cow::Borrowed(_) => out,
        Cow::Owned(shown) => shown,
    }
}

fn header(ledger: &Ledger, out: &mut String) {
    let _ = writeln!(out, "{}", ledger.agreement);
    if let Some(dated) = ledger.dated {
        let _ = writeln!(out, "dated {}", long_date(dated));
    }
    for party in &ledger.parties {
        let _ = writeln!(out, "  {} = {}", party.role, party.name);
    }
    let _ = writeln!(
        out,
        "\nScenario {}{}",
        ledger.scenario,
        ledger
            .scenario_title
            .as_ref()
            .map(|t| format!(": {t}"))
            .unwrap_or_default()
    );
    for line in &ledger.hypothetical {
        let _ = writeln!(out, "  hypothetical: {line}");
    }
    let _ = writeln!(out, "  status as of {}", ledger.as_of_words());
    if let Some(lapsed) = &ledger.lapsed {
        let _ = writeln!(out, "\nTHE OFFER LAPSED: {lapsed}.");
    }
}

fn group_text(
    schedules: &BTreeMap<&str, &ScheduleSummary>,
    group: &Group<'_>,
    options: TextOptions,
    out: &mut String,
) {
    let Some(first) = group.entries.first() else {
        return;
    };
    // A schedule (or a duty per event) is headed by its obligation's
    // summary; its instances follow, numbered.
    let is_schedule = first.instance.is_some();
    let summary = if is_schedule {
        Cow::Owned(first.heading.summary.to_string())
    } else {
        first.summary()
    };
    let _ = writeln!(
        out,
        "  {} · {} · {}",
        group.base, first.heading.kind, summary
    );
    if let Some(condition) = &first.heading.condition {
        let _ = writeln!(out, "      {condition}");
    }
    for term in first.heading.terms.iter() {
        let _ = writeln!(out, "      {term}");
    }
    if is_schedule {
        for (k, entry) in group.entries.iter().enumerate() {
            instance_text(entry, k + 1, options, out);
        }
        if let Some(summary) = schedules.get(group.base.as_str()) {
            schedule_totals(summary, options, out);
        }
    } else {
        single_text(first, options, out);
    }
}

fn instance_text(entry: &Entry, number: usize, options: TextOptions, out: &mut String) {
    let due = entry.due.map(long_date).unwrap_or_default();
    let status = status_words(entry);
    match entry.amount {
        Some(amount) => {
            let amount = entry.money(amount);
            let _ = writeln!(
                out,
                "      {number:>2}. due {due:<18}  {amount:>12}  {status}"
            );
        }
        None => {
            let _ = writeln!(out, "      {number:>2}. due {due:<18}  {status}");
            // A per-event duty (a notice for each receipt) says which event.
            if let Some(instance) = &entry.instance {
                let _ = writeln!(out, "          for {instance}");
            }
        }
    }
    details(entry, options, out, "          ");
}

fn single_text(entry: &Entry, options: TextOptions, out: &mut String) {
    let mut parts = Vec::new();
    if let Some(amount) = entry.amount {
        parts.push(entry.money(amount));
    }
    match (entry.start, entry.end, entry.due) {
        (_, _, Some(due)) => parts.push(format!("due {}", due_words(entry, due))),
        (Some(start), Some(end), None) => parts.push(format!(
            "from {} through {}",
            long_date(start),
            long_date(end)
        )),
        (Some(start), None, None) => parts.push(format!("from {}", long_date(start))),
        (None, Some(end), None) => parts.push(format!("through {}", long_date(end))),
        (None, None, None) => {}
    }
    parts.push(status_words(entry));
    let _ = writeln!(out, "      {}", parts.join(" · "));
    details(entry, options, out, "      ");
}

/// `March 3, 2025`, or with the hour a term states, `by 5:00 p.m. Pacific
/// Time on March 3, 2025`.
pub(crate) fn due_words(entry: &Entry, due: chrono::NaiveDate) -> String {
    match entry.due_time {
        Some(hour) => format!("by {} on {}", hour.words(), long_date(due)),
        None => long_date(due),
    }
}

/// Notes, remedies and (with `--explain`) the arithmetic, indented.
fn details(entry: &Entry, options: TextOptions, out: &mut String, indent: &str) {
    for note in &entry.notes {
        let _ = writeln!(out, "{indent}{note}");
    }
    for remedy in &entry.remedies {
        let _ = writeln!(out, "{indent}{}", remedy_words(remedy, entry));
        if options.explain {
            let _ = writeln!(out, "{indent}  = {}", remedy.explanation);
        }
    }
    if options.explain {
        for line in explained(entry) {
            let _ = writeln!(out, "{indent}  = {line}");
        }
    }
}

/// How an entry's amount and dates were reached, as `--explain` shows them
/// under it: late interest is explained with its remedy instead.
pub(crate) fn explained(entry: &Entry) -> impl Iterator<Item = &Explanation> {
    (entry.explanation.iter())
        .map(|line| line.as_ref())
        .filter(|line| !matches!(line, Explanation::LateInterest { .. }))
}

/// A remedy in one line: `late interest $256.85: October 31, 2002 to
/// November 25, 2002, 25 days`, `late fee $125.00: not paid in full by ...`.
pub(crate) fn remedy_words(remedy: &Remedy, entry: &Entry) -> String {
    match remedy.kind {
        RemedyKind::LateFee => format!(
            "late fee {}: not paid in full by {}",
            entry.money(remedy.amount),
            long_date(remedy.to),
        ),
        RemedyKind::LateInterest | RemedyKind::Interest => format!(
            "{} {}: {} to {}, {} days",
            remedy.kind.words(),
            entry.money(remedy.amount),
            long_date(remedy.from),
            long_date(remedy.to),
            remedy.days
        ),
    }
}

/// The status as a lawyer would say it.
pub(crate) fn status_words(entry: &Entry) -> String {
    let on = |date: Option<chrono::NaiveDate>| {
        date.map(|d| format!(" on {}", long_date(d)))
            .unwrap_or_default()
    };
    match entry.status {
        Status::Paid => format!("paid{}", on(entry.paid_on)),
        Status::PaidLate => format!("paid late{}", on(entry.paid_on)),
        Status::PartlyPaid => format!(
            "partly paid: {} paid, {} outstanding",
            entry.paid.map(|a| entry.money(a)).unwrap_or_default(),
            entry
                .outstanding
                .map(|a| entry.money(a))
                .unwrap_or_default()
        ),
        Status::Offset => "offset in full".to_owned(),
        Status::Due if entry.amount.is_some() => format!(
            "due and unpaid{}",
            entry
                .outstanding
                .map(|o| format!(": {} outstanding", entry.money(o)))
                .unwrap_or_default()
        ),
        other => other.describe().to_owned(),
    }
}

fn schedule_totals(summary: &ScheduleSummary, options: TextOptions, out: &mut String) {
    let reading = summary
        .reading
        .as_ref()
        .map(|r| format!("; {r}"))
        .unwrap_or_default();
    let _ = match summary.stated_count {
        Some(stated) => writeln!(
            out,
            "      total {} in {} installments ({stated} stated){reading}",
            summary.money(summary.total),
            summary.installments,
        ),
        None => writeln!(
            out,
            "      total {} over {} dates{reading}",
            summary.money(summary.total),
            summary.installments,
        ),
    };
    if options.explain {
        for line in &summary.explanation {
            let _ = writeln!(out, "        = {line}");
        }
    }
    if let Some(note) = &summary.remainder_note {
        let _ = writeln!(out, "      {note}");
    }
    if !summary.late_interest.is_zero() {
        let _ = writeln!(
            out,
            "      late interest owed on the installments: {}",
            summary.money(summary.late_interest)
        );
    }
    if !summary.offset.is_zero() {
        let _ = writeln!(
            out,
            "      offset {}: {} payable",
            summary.money(summary.offset),
            summary.money(summary.payable)
        );
    }
}

fn findings_and_assumptions(ledger: &Ledger, out: &mut String) {
    let _ = writeln!(out, "\nFindings");
    if ledger.findings.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for finding in &ledger.findings {
        let clause = finding
            .clause
            .as_ref()
            .map(|c| format!(" ({c})"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {} {}{clause}: {}",
            finding.severity, finding.code, finding.message
        );
    }
    let _ = writeln!(out, "\nAssumptions in force");
    if ledger.assumptions.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for assumption in &ledger.assumptions {
        let clause = assumption
            .clause
            .as_ref()
            .map(|c| format!(" ({c})"))
            .unwrap_or_default();
        let _ = writeln!(out, "  {}{clause}: {}", assumption.id, assumption.text);
        if let (Some(reading), Some(chosen)) = (&assumption.reading, &assumption.chosen) {
            let switched = if assumption.switched {
                ", chosen by this scenario"
            } else {
                ", the default"
            };
            let _ = writeln!(
                out,
                "      {reading} = {chosen}{switched}; alternatives: {}",
                assumption.alternatives.join(", ")
            );
        }
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut} …")
}

/// The ledger as a Markdown document: a table per clause. Every piece of
/// text, the user's and ours alike, goes in through [`md`] (or
/// [`escape::markdown_code`] for an id), so nothing the user wrote becomes
/// markup: no HTML, no link, no emphasis, and no line break that could end
/// a table row or start a heading.
pub fn ledger_markdown(ledger: &Ledger) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md(&ledger.agreement));
    if let Some(dated) = ledger.dated {
        let _ = writeln!(out, "Dated {}.\n", md(&long_date(dated)));
    }
    for party in &ledger.parties {
        let _ = writeln!(out, "- **{}**: {}", md(&party.role), md(&party.name));
    }
    let _ = writeln!(
        out,
        "\n**Scenario {}**{}; status as of {}.\n",
        escape::markdown_code(&ledger.scenario),
        ledger
            .scenario_title
            .as_ref()
            .map(|t| format!(": {}", md(t)))
            .unwrap_or_default(),
        md(&ledger.as_of_words())
    );
    for line in &ledger.hypothetical {
        let _ = writeln!(out, "> Hypothetical: {}", md(line));
    }
    if let Some(lapsed) = &ledger.lapsed {
        let _ = writeln!(out, "\n**The offer lapsed:** {}.", md(&lapsed.to_string()));
    }
    for (clause, entries) in clauses(ledger) {
        let title = clause
            .title
            .as_ref()
            .map(|t| format!(": {}", md(t)))
            .unwrap_or_default();
        let _ = writeln!(out, "\n## Clause {}{title}\n", md(&clause.number));
        if entries.is_empty() {
            let _ = writeln!(out, "No obligation.");
            continue;
        }
        let _ = writeln!(out, "| id | kind | obligation | amount | date | status |");
        let _ = writeln!(out, "|---|---|---|---:|---|---|");
        for entry in entries {
            let date = match (entry.due, entry.start, entry.end) {
                (Some(due), _, _) => due_words(entry, due),
                (None, Some(s), Some(e)) => format!("{} – {}", long_date(s), long_date(e)),
                (None, Some(s), None) => format!("from {}", long_date(s)),
                (None, None, Some(e)) => format!("through {}", long_date(e)),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                escape::markdown_code(&entry.id.to_string()),
                md(entry.heading.kind.as_str()),
                md(&entry.summary()),
                md(&entry.amount.map(|a| entry.money(a)).unwrap_or_default()),
                md(&date),
                md(&status_words(entry))
            );
        }
    }
    let _ = writeln!(out, "\n## Findings\n");
    for finding in &ledger.findings {
        let _ = writeln!(
            out,
            "- **{}** {}: {}",
            md(finding.severity),
            escape::markdown_code(finding.code),
            md(&finding.message)
        );
    }
    let _ = writeln!(out, "\n## Assumptions in force\n");
    for assumption in &ledger.assumptions {
        let _ = writeln!(
            out,
            "- **{}**: {}",
            md(&assumption.id.to_string()),
            md(&assumption.text.to_string())
        );
    }
    out
}

/// Text for a line or a cell of the Markdown ledger.
fn md(text: &str) -> String {
    escape::markdown(text)
}

/// The ledger as JSON; strings escaped so that it is safe on a terminal
/// too ([`escape::json`]).
pub fn ledger_json(ledger: &Ledger) -> String {
    escape::json(
        serde_json::to_string_pretty(ledger).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}")),
    )
}

/// One diagnostic in `check --format json`.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic {
    severity: &'static str,
    code: &'static str,
    message: String,
    file: String,
    line: usize,
    column: usize,
    clause: Option<String>,
    help: Option<String>,
}

#[derive(Serialize)]
struct JsonCheck<'a> {
    diagnostics: &'a [JsonDiagnostic],
    errors: usize,
    warnings: usize,
    agreements: usize,
}

/// How many errors and warnings, and in how many agreements.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub agreements: usize,
}

impl Tally {
    pub fn of(diagnostics: &[Diagnostic]) -> Tally {
        let errors = diagnostics
            .iter()
            .filter(|d| d.severity == crate::diagnostic::Severity::Error)
            .count();
        Tally {
            errors,
            warnings: diagnostics.len() - errors,
            agreements: 1,
        }
    }

    pub fn add(&mut self, other: Tally) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.agreements += other.agreements;
    }
}

/// The diagnostics of one agreement as JSON items (`check --format json`).
pub fn json_items(diagnostics: &[Diagnostic], sources: &SourceMap) -> Vec<JsonDiagnostic> {
    diagnostics
        .iter()
        .map(|d| {
            let (file, line, column) = location(d, sources).unwrap_or_default();
            JsonDiagnostic {
                severity: d.severity.as_str(),
                code: d.code.as_str(),
                message: d.message.clone(),
                file,
                line,
                column,
                clause: d.place(),
                help: d.help.clone(),
            }
        })
        .collect()
}

/// The whole `check --format json` document.
pub fn check_json(items: &[JsonDiagnostic], tally: Tally) -> String {
    let report = JsonCheck {
        diagnostics: items,
        errors: tally.errors,
        warnings: tally.warnings,
        agreements: tally.agreements,
    };
    escape::json(serde_json::to_string_pretty(&report).unwrap_or_default())
}

/// Diagnostics rendered for a terminal: no colour, fixed width.
pub fn diagnostics_text(diagnostics: &[Diagnostic], sources: &SourceMap) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics.iter().take(MAX_SHOWN) {
        out.push_str(&render_diagnostic(diagnostic, sources, REPORT_WIDTH));
        out.push('\n');
    }
    if let Some(more) = diagnostics.len().checked_sub(MAX_SHOWN).filter(|m| *m > 0) {
        out.push_str(&format!(
            "… and {} more problem{} in this agreement, not shown: fix those above first, or list them all with `--format json`\n\n",
            format_count(more),
            plural(more)
        ));
    }
    out
}

/// The most diagnostics one agreement's text report renders. A folder of
/// 100,000 duplicated clauses gives 100,000 errors: each rendered with its
/// snippet they took seconds and 70 MB to say the same thing; JSON still
/// lists every one.
pub const MAX_SHOWN: usize = 1_000;

/// The last line of `check`: what was found, in how many agreements.
pub fn tally_line(tally: Tally) -> String {
    let Tally {
        errors,
        warnings,
        agreements,
    } = tally;
    format!(
        "{} in {} agreement{}: {} error{}, {} warning{}\n",
        if errors > 0 {
            "problems found"
        } else {
            "checked"
        },
        format_count(agreements),
        plural(agreements),
        format_count(errors),
        plural(errors),
        format_count(warnings),
        plural(warnings)
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
