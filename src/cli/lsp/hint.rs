//! The inlay hint beside an obligation: short enough to read at the end of
//! a line (a schedule's count, its amounts, its first and last dates), with
//! the full explanation in its tooltip and in the hover of its label.

//!
//! (No type of `chrono` or `rust_decimal` is named here: the fuzz target
//! includes this module with clausec's dependencies only.)

use clausec::calc::calendar::long_date;
use clausec::eval::ledger::{Entry, Ledger, ScheduleSummary};

/// "6 × $20,833.33, last $20,833.35, Sep 30, 2002 – Feb 28, 2003" for a
/// schedule; "$10,000.00 · due" for a single amount; the status alone for
/// an obligation without one.
pub fn label(ledger: &Ledger, base: &str, group: &[&Entry]) -> String {
    let Some(first) = group.first() else {
        return String::new();
    };
    if group.len() > 1 || ledger.schedules.iter().any(|s| s.obligation == base) {
        return schedule_label(group);
    }
    match first.amount {
        Some(amount) => format!("{} · {}", first.money(amount), first.status.describe()),
        None => first.status.describe().to_owned(),
    }
}

/// The count, the amount of each, the one that differs (a remainder on
/// the first or the last), or the range when they vary more (a rent that
/// escalates: "36 dates, $0.00 – $10,374.93"), and the dates.
fn schedule_label(group: &[&Entry]) -> String {
    let amounts: Vec<_> = group.iter().filter_map(|e| e.amount).collect();
    // Every instance of a schedule is in its currency.
    let format_money = |amount| group.first().map(|e| e.money(amount)).unwrap_or_default();
    let count = group.len();
    let figures = match amounts.as_slice() {
        [] => format!("{count} ×"),
        [first, middle @ .., last] if middle.iter().all(|m| m == first) && last != first => {
            format!(
                "{count} × {}, last {}",
                format_money(*first),
                format_money(*last)
            )
        }
        [first, rest @ ..]
            if rest.windows(2).all(|w| w.first() == w.last())
                && rest.first().is_some_and(|r| r != first) =>
        {
            let each = rest.first().copied().unwrap_or(*first);
            format!(
                "{count} × {}, first {}",
                format_money(each),
                format_money(*first)
            )
        }
        [first, ..] if amounts.iter().all(|a| a == first) => {
            format!("{count} × {}", format_money(*first))
        }
        _ => {
            let low = amounts.iter().min().copied().unwrap_or_default();
            let high = amounts.iter().max().copied().unwrap_or_default();
            format!(
                "{count} dates, {} – {}",
                format_money(low),
                format_money(high)
            )
        }
    };
    let dates: Vec<_> = group.iter().filter_map(|e| e.due).collect();
    match (dates.first(), dates.last()) {
        (Some(a), Some(b)) if a != b => {
            format!(
                "{figures}, {} – {}",
                short_date(&long_date(*a)),
                short_date(&long_date(*b))
            )
        }
        (Some(a), _) => format!("{figures}, {}", short_date(&long_date(*a))),
        _ => figures,
    }
}

/// "Sep 30, 2002": the month's first three letters.
fn short_date(long: &str) -> String {
    match long.split_once(' ') {
        Some((month, rest)) => format!("{} {rest}", month.get(..3).unwrap_or(month)),
        None => long.to_owned(),
    }
}

/// The most entries an explanation lists one by one.
const SHOWN: usize = 14;

/// The full explanation, in Markdown: the schedule's total and how it was
/// reached, the reading in force, the count the text states, every
/// installment; or an amount's arithmetic and status.
pub fn explanation(ledger: &Ledger, base: &str, group: &[&Entry]) -> String {
    let mut lines = Vec::new();
    if let Some(summary) = ledger.schedules.iter().find(|s| s.obligation == base) {
        // Each its own paragraph: Markdown runs plain lines together.
        lines.push(schedule_lines(summary).join("\n\n"));
        lines.push(String::new());
    }
    let many = group.len() > 1;
    // A long schedule lists its first and last entries: a tooltip of
    // 100,000 lines helps no one.
    let (head, tail) = match group.len() > SHOWN {
        true => (SHOWN - 2, group.len() - 2),
        false => (group.len(), group.len()),
    };
    for (i, entry) in group.iter().enumerate() {
        if i >= head && i < tail {
            if i == head {
                lines.push(format!("- … {} more", tail - head));
            }
            continue;
        }
        let amount = entry.amount.map(|a| entry.money(a));
        let due = entry.due.map(|d| format!("due {}", long_date(d)));
        let figures: Vec<String> = amount.into_iter().chain(due).collect();
        let status = entry.status.describe();
        let line = match figures.is_empty() {
            true => status.to_owned(),
            false => format!("{} · {status}", figures.join(" ")),
        };
        let line = match (&entry.instance, many) {
            (Some(instance), true) => format!("{instance}: {line}"),
            _ => line,
        };
        lines.push(format!("- {}", super::md(&line)));
        if !many {
            lines.extend(
                entry
                    .explanation
                    .iter()
                    .map(|e| format!("  - {}", super::md(&e.to_string()))),
            );
        }
    }
    lines.join("\n")
}

fn schedule_lines(summary: &ScheduleSummary) -> Vec<String> {
    let mut lines = vec![format!(
        "**{}**: total {} in {} installments",
        super::md(&summary.obligation),
        summary.money(summary.total),
        summary.installments
    )];
    if let Some(stated) = summary
        .stated_count
        .filter(|s| *s as usize != summary.installments)
    {
        lines.push(format!("the text states {stated}"));
    }
    if let Some(reading) = &summary.reading {
        lines.push(format!("reading: {}", super::md(&reading.to_string())));
    }
    if let Some(note) = &summary.remainder_note {
        lines.push(super::md(&note.to_string()));
    }
    lines.extend(
        summary
            .explanation
            .iter()
            .map(|e| super::md(&e.to_string())),
    );
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_dates() {
        assert_eq!(short_date("September 30, 2002"), "Sep 30, 2002");
        assert_eq!(short_date("May 1, 2003"), "May 1, 2003");
    }
}
