//! Exports of a ledger for the rest of a lawyer's day: an iCalendar file of
//! every dated obligation (RFC 5545), and a self-contained HTML page with the
//! ledger, the findings and a timeline.
//!
//! Both are deterministic: no clock (the calendar's time stamp is the
//! scenario's "as of" date) and stable event ids, so re-importing an updated
//! calendar updates its events instead of duplicating them.

use crate::calc::calendar::long_date;
use crate::calc::money::format_money;
use crate::escape;
use crate::eval::ledger::{Entry, Ledger};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The ledger as an iCalendar file: one all-day event per due date or
/// deadline, and one spanning event per period.
pub fn ledger_ics(ledger: &Ledger) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//clausec//clausec ledger//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        format!(
            "X-WR-CALNAME:{}",
            escape_text(&format!("{} ({})", ledger.agreement, ledger.scenario))
        ),
    ];
    // Dates are read only in the years 1 to 9999; the stamp is held there
    // all the same, for a ledger made some other way.
    let stamp_day = ics_date(ledger.as_of).unwrap_or_else(|| {
        if ledger.as_of.year() < 1 {
            "00010101".to_owned()
        } else {
            "99991231".to_owned()
        }
    });
    let stamp = format!("{stamp_day}T000000Z");
    let slug = slug(&ledger.agreement);
    for entry in &ledger.obligations {
        // An event must start on a date iCalendar can write.
        let Some((start, end, start_day)) =
            event_dates(entry).and_then(|(start, end)| Some((start, end, ics_date(start)?)))
        else {
            continue;
        };
        let amount = entry
            .amount
            .map(|a| format!(" {}", format_money(a)))
            .unwrap_or_default();
        let summary = format!(
            "{} {}{amount} ({})",
            entry.heading.clause,
            entry.summary(),
            entry.status.describe()
        );
        let mut description = format!(
            "Clause {}. {}: {}.",
            entry.heading.clause,
            entry.heading.kind,
            entry.summary()
        );
        if let Some(condition) = &entry.heading.condition {
            let _ = write!(description, " {condition}.");
        }
        for note in &entry.notes {
            let _ = write!(description, " {note}.");
        }
        lines.extend([
            "BEGIN:VEVENT".to_owned(),
            format!(
                "UID:{slug}/{}/{}@clausec",
                slug_id(&ledger.scenario),
                slug_id(&entry.id.to_string())
            ),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{start_day}"),
            event_end(start, end),
            format!("SUMMARY:{}", escape_text(&summary)),
            format!("DESCRIPTION:{}", escape_text(&description)),
            "TRANSP:TRANSPARENT".to_owned(),
            "END:VEVENT".to_owned(),
        ]);
    }
    lines.push("END:VCALENDAR".to_owned());
    let mut out = String::new();
    for line in lines {
        out.push_str(&fold(&line));
    }
    out
}

/// The first and the day after the last day of an entry's event (iCalendar
/// all-day events end on the next day), if it is dated at all.
fn event_dates(entry: &Entry) -> Option<(NaiveDate, NaiveDate)> {
    match (entry.due, entry.start, entry.end) {
        (Some(due), _, _) => Some((due, due.succ_opt()?)),
        (None, Some(start), Some(end)) if end >= start => Some((start, end.succ_opt()?)),
        (None, Some(start), None) => Some((start, start.succ_opt()?)),
        (None, None, Some(end)) => Some((end, end.succ_opt()?)),
        _ => None,
    }
}

/// `YYYYMMDD`, for a date iCalendar can write: its years have four digits.
fn ics_date(date: NaiveDate) -> Option<String> {
    (1..=9999)
        .contains(&date.year())
        .then(|| date.format("%Y%m%d").to_string())
}

/// The end of an all-day event: the day after its last, or, when that day
/// is past December 31, 9999 (which iCalendar cannot write), its length.
fn event_end(start: NaiveDate, end: NaiveDate) -> String {
    match ics_date(end) {
        Some(day) => format!("DTEND;VALUE=DATE:{day}"),
        None => format!("DURATION:P{}D", (end - start).num_days()),
    }
}

/// RFC 5545 text escaping, control characters written out.
fn escape_text(text: &str) -> String {
    escape::icalendar(text)
}

/// Folds a content line at 75 octets (on a character boundary), CRLF-ended.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_matches('-').to_owned()
}

/// An id kept readable but safe in a UID: `2(b).severance[3]` → `2-b-.severance-3-`.
fn slug_id(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// The ledger as one HTML page: no script, no network, printable.
pub fn ledger_html(ledger: &Ledger) -> String {
    let mut out = String::new();
    let title = format!("{} — scenario {}", ledger.agreement, ledger.scenario);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        html(&title)
    );
    let _ = writeln!(out, "<h1>{}</h1>", html(&ledger.agreement));
    if let Some(dated) = ledger.dated {
        let _ = writeln!(out, "<p>Dated {}.</p>", long_date(dated));
    }
    let _ = writeln!(out, "<ul class=\"parties\">");
    for party in &ledger.parties {
        let _ = writeln!(
            out,
            "<li><b>{}</b>: {}</li>",
            html(&party.role),
            html(&party.name)
        );
    }
    let _ = writeln!(out, "</ul>");
    let _ = writeln!(
        out,
        "<p><b>Scenario {}</b>{}; status as of {}.</p>",
        html(&ledger.scenario),
        ledger
            .scenario_title
            .as_ref()
            .map(|t| format!(": {}", html(t)))
            .unwrap_or_default(),
        long_date(ledger.as_of)
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
            html(lapsed)
        );
    }
    let _ = writeln!(out, "<h2>Timeline</h2>");
    out.push_str(&timeline_svg(ledger));
    let _ = writeln!(out, "<h2>Obligations</h2>\n<table>\n<thead><tr><th>clause</th><th>id</th><th>kind</th><th>obligation</th><th>amount</th><th>date</th><th>status</th></tr></thead>\n<tbody>");
    for entry in &ledger.obligations {
        let date = match event_dates(entry) {
            Some((start, end)) if entry.due.is_none() && end.pred_opt() != Some(start) => {
                format!(
                    "{} – {}",
                    long_date(start),
                    end.pred_opt().map(long_date).unwrap_or_default()
                )
            }
            Some((start, _)) => long_date(start),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}{}{}</td><td class=\"amount\">{}</td><td>{}</td><td>{}</td></tr>",
            html(&entry.heading.clause),
            html(&entry.id.to_string()),
            entry.heading.kind,
            html(&entry.summary()),
            entry.heading.condition.as_ref().map(|c| format!("<br><small>{}</small>", html(c))).unwrap_or_default(),
            details(entry),
            entry.amount.map(format_money).unwrap_or_default(),
            date,
            html(&crate::report::render::status_words(entry))
        );
    }
    let _ = writeln!(out, "</tbody>\n</table>");
    let _ = writeln!(out, "<h2>Findings</h2>\n<ul>");
    for finding in &ledger.findings {
        let _ = writeln!(
            out,
            "<li><b>{}</b> <code>{}</code>{}: {}</li>",
            finding.severity,
            finding.code,
            finding
                .clause
                .as_ref()
                .map(|c| format!(" ({})", html(c)))
                .unwrap_or_default(),
            html(&finding.message)
        );
    }
    let _ = writeln!(out, "</ul>\n<h2>Assumptions in force</h2>\n<ul>");
    for assumption in &ledger.assumptions {
        let _ = writeln!(
            out,
            "<li><b>{}</b>: {}</li>",
            assumption.id,
            html(&assumption.text)
        );
    }
    let _ = writeln!(out, "</ul>\n</body>\n</html>");
    out
}

/// What a lawyer needs beside the status: each remedy with its figure
/// (late interest, a late fee) and each note (a payment date, a moved due
/// date, why a date is not yet known), one small line each.
fn details(entry: &Entry) -> String {
    let remedies = entry
        .remedies
        .iter()
        .map(crate::report::render::remedy_words);
    remedies
        .chain(entry.notes.iter().cloned())
        .map(|line| format!("<br><small>{}</small>", html(&line)))
        .collect()
}

const STYLE: &str = "body{font-family:Georgia,serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}\
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #ccc;padding:.3rem;text-align:left;vertical-align:top}\
td.amount{text-align:right;white-space:nowrap}.hypothetical{color:#555;font-style:italic}.lapsed{color:#a00;font-weight:bold}\
svg{width:100%;height:auto;border:1px solid #ddd}@media print{body{margin:0}}";

/// An entry with the first and the day after the last day of its event.
type Dated<'a> = (&'a Entry, NaiveDate, NaiveDate);

/// Obligations by party along the calendar: a row per obligation (the
/// installments of a schedule share one), grouped by the party that owes
/// it; a bar per period, a dot per dated obligation.
fn timeline_svg(ledger: &Ledger) -> String {
    let dated: Vec<Dated<'_>> = ledger
        .obligations
        .iter()
        .filter_map(|e| event_dates(e).map(|(s, end)| (e, s, end)))
        .collect();
    let (Some(first), Some(last)) = (
        dated.iter().map(|(_, s, _)| *s).min(),
        dated.iter().map(|(_, _, e)| *e).max(),
    ) else {
        return "<p>No dated obligations.</p>\n".to_owned();
    };
    // Rows grouped by party (in name order), each party's in ledger order:
    // (party, obligation id) with the row's entries, gathered in one pass.
    let mut by_party: BTreeMap<&str, Vec<(&str, Vec<&Dated<'_>>)>> = BTreeMap::new();
    let mut row_of: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for item in &dated {
        let party = &*item.0.heading.obligor;
        let base = item.0.id.base();
        let party_rows = by_party.entry(party).or_default();
        let index = *row_of.entry((party, base)).or_insert_with(|| {
            party_rows.push((base, Vec::new()));
            party_rows.len() - 1
        });
        if let Some((_, in_row)) = party_rows.get_mut(index) {
            in_row.push(item);
        }
    }
    let rows: Vec<(&str, &str, Vec<&Dated<'_>>)> = by_party
        .into_iter()
        .flat_map(|(party, rows)| {
            rows.into_iter()
                .map(move |(base, in_row)| (party, base, in_row))
        })
        .collect();
    let (left, width, row) = (260.0, 700.0, 22.0);
    let span_days = ((last - first).num_days().max(1)) as f64;
    let x = |date: NaiveDate| left + width * ((date - first).num_days() as f64) / span_days;
    let height = 36.0 + row * rows.len() as f64;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {height}\" role=\"img\" aria-label=\"timeline of obligations by party\" font-family=\"Georgia, serif\">\n",
        left + width + 20.0
    );
    // A mark at the start of every quarter, labelled with month and year.
    let mut month = NaiveDate::from_ymd_opt(first.year(), first.month(), 1);
    while let Some(m) = month.filter(|m| *m <= last) {
        if m >= first && (m.month() - 1) % 3 == 0 {
            // Near the right edge the label runs leftwards, so it is not cut.
            let anchor = if x(m) > left + width - 50.0 {
                "end"
            } else {
                "start"
            };
            let _ = writeln!(
                out,
                "<line x1=\"{0:.1}\" y1=\"18\" x2=\"{0:.1}\" y2=\"{height}\" stroke=\"#e4e4e4\"/><text x=\"{0:.1}\" y=\"13\" font-size=\"10\" text-anchor=\"{anchor}\">{1}</text>",
                x(m),
                m.format("%b %Y")
            );
        }
        month = m.checked_add_months(chrono::Months::new(1));
    }
    for (i, (party, base, in_row)) in rows.iter().enumerate() {
        let y = 32.0 + row * i as f64;
        let _ = writeln!(out, "<text x=\"4\" y=\"{:.1}\" font-size=\"11\"><tspan font-weight=\"bold\">{}</tspan> {}</text>", y + 4.0, html(party), html(base));
        for (entry, start, end) in in_row.iter().copied() {
            let tip = format!(
                "{} {}: {}{}",
                entry.id,
                entry.status.describe(),
                entry.summary(),
                entry
                    .amount
                    .map(|a| format!(" {}", format_money(a)))
                    .unwrap_or_default()
            );
            if entry.due.is_some() || (*end - *start).num_days() <= 1 {
                let _ = writeln!(out, "<circle cx=\"{:.1}\" cy=\"{y:.1}\" r=\"4\" fill=\"#2a5db0\"><title>{}</title></circle>", x(*start), html(&tip));
            } else {
                let _ = writeln!(
                    out,
                    "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"8\" rx=\"3\" fill=\"#9bb7e0\"><title>{}</title></rect>",
                    x(*start),
                    y - 4.0,
                    (x(*end) - x(*start)).max(2.0),
                    html(&tip)
                );
            }
        }
    }
    out.push_str("</svg>\n");
    out
}

/// Text for the page, in an element or an attribute.
fn html(text: &str) -> String {
    escape::html(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fold_at_75_octets() {
        let folded = fold(&"x".repeat(160));
        let lines: Vec<&str> = folded.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert!(lines.iter().all(|l| l.len() <= 75));
        assert_eq!(lines.concat().replace(' ', ""), "x".repeat(160));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape_text("a, b; c\\d"), "a\\, b\\; c\\\\d");
        assert_eq!(
            slug("T. Lovelock Severance Agreement"),
            "t-lovelock-severance-agreement"
        );
    }
}
