//! The total a quote states for a schedule against what the schedule, as
//! encoded, comes to.
//!
//! A clause often states the total and then the schedule: "Thirty Thousand
//! Dollars ($30,000.00), payable in twelve (12) monthly installments of
//! $2,500.00 each", or "twelve (12) installments of $2,500.00 each, for a
//! total of $30,000.00". The quote's total is read only from those two
//! phrases, where the count in them is the schedule's own, so that no other
//! figure of the quote (a deposit, a limit) is taken for it. The schedule's
//! sum is known from the text alone when it is a calculation of written
//! figures (`$2,500.00 * 12`) or an amount due at each of written dates. A
//! total written as one figure is left to `figure_not_quoted` (a figure
//! that is not in the quote) and `installment_sum` (an installment that
//! does not make it).

use super::bounds::{currency_of, range_of};
use super::findings::{figures_in, span_of_range, words_of, FigureKind, FoundValue};
use super::limits::written_payments;
use crate::calc::exact::Exact;
use crate::calc::money::{Currency, Money, Rounding};
use crate::check::finding::{Figure, Finding, Schedule};
use crate::check::model::Facts;
use crate::diagnostic::Diagnostic;
use crate::source::SourceMap;
use crate::syntax::ast::*;
use rust_decimal::Decimal;

/// Reports a total the clause's quotes state for the obligation's schedule
/// that the schedule does not come to, both figures in the schedule's
/// currency (`facts`: the agreement's, for a money fact's).
pub fn total_matches_schedule(
    obligation: &Obligation,
    clause: &Clause,
    facts: &Facts,
    sources: &SourceMap,
    out: &mut Vec<Diagnostic>,
) {
    let Some(schedule) = schedule_sum(obligation, facts) else {
        return;
    };
    // Every phrase that names this schedule: its count, and its
    // installment where the phrase states one.
    let mut named = Vec::new();
    for quote in &clause.quotes {
        for stated in stated_totals(&quote.node, schedule.count) {
            if names_schedule(stated.each, schedule.each, schedule.recurring) {
                named.push((quote, stated));
            }
        }
    }
    // A total the schedule does come to is stated: nothing to report. Two
    // totals for one count (two schedules of twelve in one sentence): which
    // is this one's cannot be told, and nothing is reported.
    if named
        .iter()
        .any(|(_, t)| Exact::from(t.value) == schedule.sum)
    {
        return;
    }
    let [(quote, stated)] = named.as_slice() else {
        return;
    };
    let Some(span) = span_of_range(quote, stated.start, stated.end, sources) else {
        return;
    };
    let words =
        crate::check::model::fold_spaces(quote.node.get(stated.start..stated.end).unwrap_or(""));
    // The quote's figure is read by value (`€30,000.00`, `EUR 30,000.00`
    // and `$30,000.00` alike) and compared with the schedule's: it is
    // shown in the schedule's currency, with the words as written beside it.
    let currency = schedule.currency;
    out.push(
        Diagnostic::of(
            &Finding::TotalMismatch {
                stated: Money {
                    amount: stated.value,
                    currency,
                },
                words,
                count: schedule.count,
                schedule: schedule.says,
                comes_to: Figure::Exact {
                    value: schedule.sum.clone(),
                    currency,
                },
                schedule_at: schedule.span,
            },
            span,
        )
        .in_clause(clause.number.node.clone()),
    );
}

/// Whether a phrase with the schedule's count names this schedule: the
/// installment it states is the schedule's; a phrase that states none names
/// installments of a total (an amount due each period is named by its
/// amount only).
fn names_schedule(phrase: Option<Decimal>, schedule: Option<Decimal>, recurring: bool) -> bool {
    match (phrase, schedule) {
        (Some(stated), Some(each)) => stated == each,
        (Some(_), None) => false,
        (None, _) => !recurring,
    }
}

/// What a schedule comes to, by the text alone.
struct ScheduleSum {
    count: usize,
    sum: Exact,
    /// Each installment's amount, where the encoding states it.
    each: Option<Decimal>,
    /// An amount due each period (not installments of a total).
    recurring: bool,
    /// What the schedule is paid in.
    currency: Currency,
    /// How the message names it: the total as written, or the amount due
    /// each period.
    says: Schedule,
    span: crate::source::Span,
}

/// The sum of a schedule when the written figures fix it: installments of
/// a total that is a calculation of written figures (the ledger's
/// installments always sum to the total, rounded as stated), or an amount
/// due at each of written dates, none abated, with no aggregate limit.
fn schedule_sum(obligation: &Obligation, facts: &Facts) -> Option<ScheduleSum> {
    let Subject::Amount(amount) = &obligation.subject else {
        return None;
    };
    let currency = currency_of(amount, facts).unwrap_or_default();
    let terms = &obligation.terms;
    if let Some(installments) = &terms.installments {
        // An amortized schedule's payments include interest; a limit may
        // cut the total; a total written as one figure is checked by
        // `figure_not_quoted` and `installment_sum`.
        if terms.amortized.is_some()
            || terms.cap.is_some()
            || terms.floor.is_some()
            || matches!(amount.node, ExprKind::Money(..))
        {
            return None;
        }
        let rounding = terms
            .rounding
            .as_ref()
            .map_or(Rounding::DEFAULT, |r| r.node);
        let sum = range_of(amount).rounded(rounding).exact()?.clone();
        let count = installments.count.value.node as usize;
        let each = (installments.each.as_ref()).and_then(|e| range_of(e).exact()?.to_decimal());
        // Installments of a stated amount that do not make the total, with
        // no installment taking the balance: `installment_sum` reports it.
        let makes_total = each.is_none_or(|each| {
            Exact::from(each).checked_mul(&Exact::from(i64::try_from(count).unwrap_or(0)))
                == Some(sum.clone())
        });
        if !makes_total && terms.remainder.is_none() {
            return None;
        }
        return Some(ScheduleSum {
            count,
            each,
            recurring: false,
            currency,
            says: Schedule::Total {
                amount: amount.to_string(),
            },
            sum,
            span: amount.span,
        });
    }
    if terms.aggregate_cap.is_some() {
        return None;
    }
    let payments = written_payments(obligation)?;
    if payments.iter().any(|p| p.abated) {
        return None;
    }
    let each = range_of(amount).exact()?.clone();
    let count = payments.len();
    let sum = each.checked_mul(&Exact::from(i64::try_from(count).ok()?))?;
    Some(ScheduleSum {
        count,
        each: each.to_decimal(),
        recurring: true,
        currency,
        says: Schedule::EachPeriod {
            each: super::limits::written(amount),
        },
        sum,
        span: amount.span,
    })
}

/// A total a quote states for a schedule of `count` installments: its
/// value and where it is in the quote's text.
#[derive(Clone, Copy, Debug, PartialEq)]
struct StatedTotal {
    value: Decimal,
    start: usize,
    end: usize,
    /// The installment the phrase states (`... installments of $2,500.00`).
    each: Option<Decimal>,
}

/// One piece of a quote: a figure, or a word outside every figure.
#[derive(Clone, Copy, Debug)]
enum Piece<'a> {
    Money(Decimal, usize, usize),
    Number(Decimal),
    Word(&'a str),
}

/// The totals a quote states for `count` installments, in the two phrases
/// contracts use: `TOTAL[,] payable in COUNT ... installments` and `COUNT
/// ... installments of AMOUNT each, for a total of TOTAL`.
fn stated_totals(text: &str, count: usize) -> Vec<StatedTotal> {
    let pieces = pieces_of(text);
    let mut out = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        if let Piece::Money(value, start, end) = piece {
            let phrase = total_before_schedule(&pieces, i + 1, count)
                .or_else(|| total_after_schedule(&pieces, i, count));
            if let Some(each) = phrase {
                out.push(StatedTotal {
                    value: *value,
                    start: *start,
                    end: *end,
                    each,
                });
            }
        }
    }
    out
}

/// The figures and the other words of a text, in order; a figure inside
/// another (`($30,000.00)` of `Thirty Thousand Dollars ($30,000.00)`) is
/// part of it.
fn pieces_of(text: &str) -> Vec<Piece<'_>> {
    let mut figures = figures_in(text);
    figures.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    let mut kept: Vec<(usize, usize, Piece<'_>)> = Vec::new();
    for figure in figures {
        if kept.last().is_some_and(|(_, end, _)| figure.start < *end) {
            continue;
        }
        let FoundValue::Number(value) = figure.value else {
            kept.push((figure.start, figure.end, Piece::Word("")));
            continue;
        };
        let piece = match figure.kind {
            FigureKind::Money => {
                // `Thirty Thousand Dollars ($30,000.00)`: the figure ends
                // at its numeral; the closing parenthesis is its own.
                let opened = text
                    .get(figure.start..figure.end)
                    .is_some_and(|t| t.contains('('));
                let closed = text.get(figure.end..).is_some_and(|t| t.starts_with(')'));
                Piece::Money(
                    value,
                    figure.start,
                    figure.end + usize::from(opened && closed),
                )
            }
            FigureKind::Number => Piece::Number(value),
            _ => Piece::Word(""),
        };
        kept.push((figure.start, figure.end, piece));
    }
    // Both in text order: one pointer walks the figures as the words go.
    let mut pieces = Vec::new();
    let mut figure = 0;
    let mut emitted = None;
    for word in words_of(text) {
        while kept
            .get(figure)
            .is_some_and(|(_, end, _)| *end <= word.start)
        {
            figure += 1;
        }
        match kept.get(figure) {
            Some((start, _, piece)) if *start <= word.start => {
                if emitted != Some(figure) {
                    pieces.push(*piece);
                    emitted = Some(figure);
                }
            }
            _ => pieces.push(Piece::Word(word.core)),
        }
    }
    pieces
}

/// `[,] payable in COUNT equal monthly installments`, from piece `at`.
/// `Some` with the installment the phrase states, if it states one.
fn total_before_schedule(pieces: &[Piece<'_>], at: usize, count: usize) -> Option<Option<Decimal>> {
    let mut at = at;
    let mut joined = false;
    for _ in 0..4 {
        match pieces.get(at) {
            Some(Piece::Word(w)) if is_word(w, &["payable", "to", "be", "paid", "in"]) => {
                joined |= w.eq_ignore_ascii_case("in");
                at += 1;
            }
            _ => break,
        }
    }
    if !joined {
        return None;
    }
    let after = schedule_at(pieces, at, count)?;
    let each = match (pieces.get(after), pieces.get(after + 1)) {
        (Some(Piece::Word(of)), Some(Piece::Money(each, ..))) if of.eq_ignore_ascii_case("of") => {
            Some(*each)
        }
        _ => None,
    };
    Some(each)
}

/// `COUNT ... installments of AMOUNT each, for a total of` before the
/// money piece at `at`: `Some` with the installment, `AMOUNT`.
fn total_after_schedule(pieces: &[Piece<'_>], at: usize, count: usize) -> Option<Option<Decimal>> {
    // Back over the words that lead to the total, at most six.
    let mut k = at;
    let mut totalled = false;
    for _ in 0..6 {
        let before = k.checked_sub(1)?;
        match pieces.get(before) {
            Some(Piece::Word(w))
                if is_word(
                    w,
                    &[
                        "each",
                        "for",
                        "a",
                        "an",
                        "total",
                        "of",
                        "totaling",
                        "totalling",
                        "aggregating",
                        "the",
                        "aggregate",
                        "amount",
                        "sum",
                        "in",
                    ],
                ) =>
            {
                totalled |= is_word(
                    w,
                    &["total", "totaling", "totalling", "aggregating", "aggregate"],
                );
                k = before;
            }
            _ => break,
        }
    }
    if !totalled {
        return None;
    }
    // Then `AMOUNT`, `of`, and the schedule ending just there.
    let amount = k.checked_sub(1)?;
    let Some(Piece::Money(each, ..)) = pieces.get(amount) else {
        return None;
    };
    let of = amount.checked_sub(1)?;
    if !matches!(pieces.get(of), Some(Piece::Word(w)) if w.eq_ignore_ascii_case("of")) {
        return None;
    }
    (of.saturating_sub(5)..of)
        .any(|start| schedule_at(pieces, start, count) == Some(of))
        .then_some(Some(*each))
}

/// `COUNT [equal] [monthly] installments` starting at piece `at`, with the
/// count `count`: the index just after it.
fn schedule_at(pieces: &[Piece<'_>], at: usize, count: usize) -> Option<usize> {
    let Some(Piece::Number(value)) = pieces.get(at) else {
        return None;
    };
    if *value != Decimal::from(count) {
        return None;
    }
    let mut k = at + 1;
    for _ in 0..4 {
        match pieces.get(k) {
            Some(Piece::Word(w)) if is_word(w, &["installments", "payments"]) => {
                return Some(k + 1)
            }
            Some(Piece::Word(w))
                if is_word(
                    w,
                    &[
                        "equal",
                        "consecutive",
                        "successive",
                        "monthly",
                        "quarterly",
                        "annual",
                        "yearly",
                        "weekly",
                        "semi-monthly",
                        "semi-annual",
                        "substantially",
                    ],
                ) =>
            {
                k += 1;
            }
            _ => return None,
        }
    }
    None
}

fn is_word(word: &str, any_of: &[&str]) -> bool {
    any_of.iter().any(|w| word.eq_ignore_ascii_case(w))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn totals(text: &str, count: usize) -> Vec<String> {
        stated_totals(text, count)
            .into_iter()
            .map(|t| format!("{} {}", t.value.normalize(), &text[t.start..t.end]))
            .collect()
    }

    #[test]
    fn a_total_before_its_schedule_is_read() {
        let text = "Debtor shall pay Creditor Thirty Thousand Dollars\n  ($30,000.00) in twelve (12) installments of $2,500.00 each, due monthly.";
        assert_eq!(
            totals(text, 12),
            ["30000 Thirty Thousand Dollars\n  ($30,000.00)"]
        );
        // Another count: not this schedule's total.
        assert!(totals(text, 6).is_empty());
        let kestrel = "total rent for the Term of Eighty-Six Thousand Four Hundred Dollars ($86,400.00), payable in twenty-four (24) equal monthly installments of $3,600.00 each";
        assert_eq!(
            totals(kestrel, 24),
            ["86400 Eighty-Six Thousand Four Hundred Dollars ($86,400.00)"]
        );
        assert_eq!(
            totals("$30,000 in 12 monthly payments", 12),
            ["30000 $30,000"]
        );
    }

    #[test]
    fn a_total_after_its_schedule_is_read() {
        let text =
            "in twelve (12) monthly installments of $2,500.00 each, for a total of $30,000.00.";
        assert_eq!(totals(text, 12), ["30000 $30,000.00"]);
        assert_eq!(
            totals("12 installments of $2,500.00, totaling $30,000.00", 12),
            ["30000 $30,000.00"]
        );
    }

    #[test]
    fn other_figures_are_not_totals() {
        // A deposit before a schedule, with no `in` joining them; a limit.
        assert!(totals(
            "a deposit of $5,000.00 and twelve (12) installments of $2,500.00",
            12
        )
        .is_empty());
        assert!(totals(
            "twelve (12) installments of $2,500.00, not to exceed $40,000.00",
            12
        )
        .is_empty());
        assert!(totals(
            "Base Rent = $149,761.50 annually and $12,480.13 monthly",
            12
        )
        .is_empty());
        // The installment itself is not a total.
        assert!(totals("in six (6) monthly installments of $4,000.00 each", 6).is_empty());
    }
}
