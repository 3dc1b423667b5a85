//! Limits the text alone decides: a cap (`not to exceed`), a minimum (`not
//! less than`) or an aggregate limit (`in aggregate not to exceed`) that no
//! scenario can make matter, or that every scenario does.
//!
//! Both sides are bounded from the figures written ([`super::bounds`]): a
//! fact or an event bounds nothing, so a limit over an amount that depends
//! on one is reported only where a written figure settles it anyway (`the
//! lesser of fee and $6,000.00` never reaches a limit of $10,000.00). The
//! scenarios are not consulted: a fact's value in every scenario is an
//! illustration, not the contract, and a warning here must hold for any
//! facts. Each bound is the ledger's own figure: the amount rounded as the
//! ledger rounds it, the limit as the ledger reads it.

use super::bounds::{currency_of, range_of, Range};
use crate::calc::calendar::{dates_between, effective_rule};
use crate::calc::exact::Exact;
use crate::calc::money::{Currency, Money, Rounding};
use crate::check::finding::{AmountBound, Figure, Finding, Payments, Sum};
use crate::check::model::Facts;
use crate::diagnostic::Diagnostic;
use crate::source::{SourceMap, Span};
use crate::syntax::ast::*;
use chrono::NaiveDate;

/// Reports each limit of the obligation that the written figures decide,
/// every figure in the currency of the money it is about (`facts`: the
/// agreement's, for a money fact's declared currency).
pub fn limits_decided(
    obligation: &Obligation,
    clause: &str,
    facts: &Facts,
    sources: &SourceMap,
    out: &mut Vec<Diagnostic>,
) {
    let first = out.len();
    let currency = currency_of_limited(obligation, facts);
    limits_of(obligation, clause, currency, out);
    // An amount in parentheses can end its span past the white space after
    // it (`($400.00 if p, otherwise $450.00)` and the next line): a label
    // underlines the amount alone.
    for diagnostic in out.iter_mut().skip(first) {
        for label in &mut diagnostic.labels {
            label.span = trimmed(label.span, sources);
        }
    }
}

fn trimmed(span: Span, sources: &SourceMap) -> Span {
    let Some(file) = sources.get(span.file) else {
        return span;
    };
    let text = file.slice(span);
    Span::new(span.file, span.start, span.start + text.trim_end().len())
}

/// The currency of the amount an obligation's limits hold, else of a limit
/// (the checker has refused a limit in another currency than its amount),
/// else dollars, as the ledger.
fn currency_of_limited(obligation: &Obligation, facts: &Facts) -> Currency {
    let amount = match &obligation.subject {
        Subject::Amount(each) if obligation.terms.recurring.is_some() => Some(each),
        _ => capped_amount(obligation),
    };
    let terms = &obligation.terms;
    let limits = [&terms.cap, &terms.floor, &terms.aggregate_cap];
    amount
        .into_iter()
        .chain(limits.into_iter().flatten())
        .find_map(|expr| currency_of(expr, facts))
        .unwrap_or_default()
}

fn limits_of(obligation: &Obligation, clause: &str, currency: Currency, out: &mut Vec<Diagnostic>) {
    if obligation.terms.recurring.is_some() {
        aggregate_limit(obligation, clause, currency, out);
        return;
    }
    let Some(amount) = capped_amount(obligation) else {
        return;
    };
    let rounding = (obligation.terms.rounding.as_ref()).map_or(Rounding::DEFAULT, |r| r.node);
    let range = range_of(amount).rounded(rounding);
    let mut capped = range.clone();
    if let Some(cap) = &obligation.terms.cap {
        let limit = range_of(cap);
        let decided = cap_decided(amount, &range, cap, &limit, currency);
        out.extend(decided.map(|d| d.in_clause(clause)));
        capped = range.capped(&limit);
    }
    if let Some(floor) = &obligation.terms.floor {
        let limit = range_of(floor);
        let decided = floor_decided(amount, &capped, floor, &limit, currency);
        out.extend(decided.map(|d| d.in_clause(clause)));
    }
}

/// The amount the ledger holds to `not to exceed` and `not less than`: a
/// payment's (a schedule's total, before it is split), a reimbursement's,
/// a benefit's cost. Interest on a schedule's balance has no limit in the
/// ledger.
fn capped_amount(obligation: &Obligation) -> Option<&Expr> {
    match &obligation.subject {
        Subject::Amount(Expr {
            node: ExprKind::InterestOn { .. },
            ..
        }) => None,
        Subject::Amount(amount) => Some(amount),
        Subject::Reimbursed(_, amount) => amount.as_ref(),
        _ => obligation.terms.cost.as_ref(),
    }
}

/// Whether the obligation's `not to exceed` applies whatever the scenario
/// (reported here as `limit_always_binds`): the ledger then pays the limit
/// without reporting `cap_exceeded` again for each scenario.
pub fn cap_always_applies(obligation: &Obligation) -> bool {
    let (Some(amount), Some(cap)) = (capped_amount(obligation), &obligation.terms.cap) else {
        return false;
    };
    if obligation.terms.recurring.is_some() {
        return false;
    }
    let rounding = (obligation.terms.rounding.as_ref()).map_or(Rounding::DEFAULT, |r| r.node);
    let range = range_of(amount).rounded(rounding);
    let limit = range_of(cap);
    matches!((&range.least, &limit.most), (Some(least), Some(most)) if least > most)
}

fn cap_decided(
    amount: &Expr,
    range: &Range,
    cap: &Expr,
    limit: &Range,
    currency: Currency,
) -> Option<Diagnostic> {
    let shown_limit = shown(limit, cap, currency);
    if let (Some(most), Some(least_limit)) = (&range.most, &limit.least) {
        if most < least_limit {
            let finding = Finding::CapNeverReached {
                limit: shown_limit,
                amount: amount_bound(amount, range, most, currency),
                amount_at: amount.span,
            };
            return Some(Diagnostic::of(&finding, cap.span));
        }
    }
    if let (Some(least), Some(most_limit)) = (&range.least, &limit.most) {
        if least > most_limit {
            let finding = Finding::CapAlwaysApplies {
                limit: shown_limit,
                amount: amount_bound(amount, range, least, currency),
                amount_at: amount.span,
            };
            return Some(Diagnostic::of(&finding, cap.span));
        }
    }
    None
}

fn floor_decided(
    amount: &Expr,
    range: &Range,
    floor: &Expr,
    limit: &Range,
    currency: Currency,
) -> Option<Diagnostic> {
    let shown_limit = shown(limit, floor, currency);
    if let (Some(least), Some(most_limit)) = (&range.least, &limit.most) {
        if least > most_limit {
            let finding = Finding::MinimumNeverApplies {
                limit: shown_limit,
                amount: amount_bound(amount, range, least, currency),
                amount_at: amount.span,
            };
            return Some(Diagnostic::of(&finding, floor.span));
        }
    }
    if let (Some(most), Some(least_limit)) = (&range.most, &limit.least) {
        if most < least_limit {
            let finding = Finding::MinimumAlwaysApplies {
                limit: shown_limit,
                amount: amount_bound(amount, range, most, currency),
                amount_at: amount.span,
            };
            return Some(Diagnostic::of(&finding, floor.span));
        }
    }
    None
}

/// An amount as the message names it: a figure as itself (`$12,000.00`),
/// anything else as written.
pub(crate) fn written(amount: &Expr) -> Figure {
    match amount.node {
        ExprKind::Money(amount, currency) => Figure::Written(Money { amount, currency }),
        _ => Figure::AsWritten(amount.to_string()),
    }
}

/// An amount against a limit, for the message: a figure written out as
/// itself, anything else as written with its bound `end` (its one value,
/// or the end of its range that decides), in the amount's currency.
fn amount_bound(amount: &Expr, range: &Range, end: &Exact, currency: Currency) -> AmountBound {
    match amount.node {
        ExprKind::Money(amount, currency) => AmountBound::Written(Money { amount, currency }),
        _ => AmountBound::Computed {
            amount: amount.to_string(),
            bound: bound_of(range, end, currency),
        },
    }
}

/// A bound in the amount's currency: the one value of `range` when it has
/// one, else `end`.
fn bound_of(range: &Range, end: &Exact, currency: Currency) -> Sum {
    match range.exact() {
        Some(value) => Sum {
            figure: Figure::Exact {
                value: value.clone(),
                currency,
            },
            exact: true,
        },
        None => Sum {
            figure: Figure::Exact {
                value: end.clone(),
                currency,
            },
            exact: false,
        },
    }
}

/// A limit as the message names it: its figure, in the amount's currency,
/// when it has one value, else its words (`the lesser of fee and $6,000.00`).
fn shown(limit: &Range, expr: &Expr, currency: Currency) -> Figure {
    match limit.exact() {
        Some(value) => Figure::Exact {
            value: value.clone(),
            currency,
        },
        None => Figure::AsWritten(expr.to_string()),
    }
}

// ---- aggregate limits --------------------------------------------------

/// `in aggregate not to exceed LIMIT` on an amount due each period whose
/// dates and amounts the text fixes: the sum of the payments against the
/// limit.
fn aggregate_limit(
    obligation: &Obligation,
    clause: &str,
    currency: Currency,
    out: &mut Vec<Diagnostic>,
) {
    let (Some(limit_expr), Subject::Amount(each)) =
        (&obligation.terms.aggregate_cap, &obligation.subject)
    else {
        return;
    };
    let Some(payments) = written_payments(obligation) else {
        return;
    };
    let each_range = range_of(each);
    let paid = payments.iter().filter(|p| !p.abated).count();
    let Ok(times) = i64::try_from(paid) else {
        return;
    };
    let sum = each_range.times(times);
    let limit = range_of(limit_expr);
    let shown_limit = shown(&limit, limit_expr, currency);
    let how_many = Payments {
        count: payments.len(),
        paid,
    };
    if let (Some(most), Some(least_limit)) = (&sum.most, &limit.least) {
        if most < least_limit {
            out.push(
                Diagnostic::of(
                    &Finding::AggregateNeverReached {
                        limit: shown_limit,
                        payments: how_many,
                        each: written(each),
                        sum: bound_of(&sum, most, currency),
                        each_at: each.span,
                    },
                    limit_expr.span,
                )
                .in_clause(clause),
            );
            return;
        }
    }
    if let (Some(least), Some(most_limit)) = (&sum.least, &limit.most) {
        if least > most_limit {
            out.push(
                Diagnostic::of(
                    &Finding::AggregateAlwaysReached {
                        limit: shown_limit,
                        payments: how_many,
                        each: written(each),
                        sum: bound_of(&sum, least, currency),
                        first_cut: first_cut(&payments, &each_range, &limit),
                        each_at: each.span,
                    },
                    limit_expr.span,
                )
                .in_clause(clause),
            );
        }
    }
}

/// One date of an amount due each period, as the text fixes it.
pub(super) struct Payment {
    pub(super) due: NaiveDate,
    pub(super) abated: bool,
}

/// The dates of an amount due each period, when the text fixes every one
/// and each payment is the amount as written: dates written out, no
/// escalation, and nothing that moves a date across the edge of an
/// abatement. `None` when any of that is left to a scenario or to a term
/// this check does not follow.
pub(super) fn written_payments(obligation: &Obligation) -> Option<Vec<Payment>> {
    if !instances_are_the_amount_as_written(&obligation.terms) {
        return None;
    }
    let recurring = obligation.terms.recurring.as_ref()?;
    let period = obligation.terms.period.as_ref()?;
    let from = period.from.as_ref()?.written_date()?;
    let through = period.through.as_ref()?.written_date()?;
    let dates = dates_between(
        from,
        through,
        recurring.frequency,
        effective_rule(recurring.day, from),
    )
    .ok()?;
    let abated = match &obligation.terms.abatement {
        Some(Abatement { from, through, .. }) => {
            Some((from.written_date()?, through.written_date()?))
        }
        None => None,
    };
    // A business-day convention moves dates, and a moved date may cross
    // into or out of an abatement: left to the ledger.
    let rolls = obligation.terms.roll.is_some() || recurring.day == Some(DayRule::FirstBusinessDay);
    if abated.is_some() && rolls {
        return None;
    }
    Some(
        dates
            .into_iter()
            .map(|due| Payment {
                due,
                abated: abated.is_some_and(|(from, through)| due >= from && due <= through),
            })
            .collect(),
    )
}

/// Whether each payment of an amount due each period is the amount as
/// written (or nothing, where abated), before the aggregate limit. Every
/// term is named, so that a new term that changes a payment (a step, a
/// proration) cannot be added without deciding here whether this check
/// still holds for it.
fn instances_are_the_amount_as_written(terms: &Terms) -> bool {
    let Terms {
        // Change the amounts: escalation each year; a rent table's steps; a
        // limit or a minimum on each payment; proration (which also makes
        // `from` and `through` the days covered, not the due dates);
        // prepayments (on an amortized schedule only, but they change
        // what falls due).
        escalation,
        steps,
        prorated,
        prepayments,
        cap,
        floor,
        // The dates and the abatement are read by `written_payments`.
        recurring: _,
        period: _,
        abatement: _,
        roll: _,
        // Apply after the amounts are made, or do not touch them.
        installments: _,
        conflict_rule: _,
        rounding: _,
        remainder: _,
        on: _,
        by_time: _,
        effective: _,
        lasts: _,
        within: _,
        offset: _,
        grace: _,
        late_interest: _,
        late_fee: _,
        interest: _,
        remaining_end: _,
        cost: _,
        aggregate_cap: _,
        conditions: _,
        lapses: _,
        met_when: _,
        amortized: _,
        credited_against: _,
        unused_credit: _,
        then: _,
    } = terms;
    escalation.is_none()
        && steps.is_empty()
        && prorated.is_none()
        && prepayments.is_none()
        && cap.is_none()
        && floor.is_none()
}

/// The due date of the first payment the limit cuts, when every payment is
/// one known figure and the limit is one too (the ledger's order: each in
/// turn takes what is left of the limit).
fn first_cut(payments: &[Payment], each: &Range, limit: &Range) -> Option<NaiveDate> {
    let (each, limit) = (each.exact()?, limit.exact()?);
    let mut left = limit.clone().max(Exact::zero());
    for payment in payments.iter().filter(|p| !p.abated) {
        if each > &left {
            return Some(payment.due);
        }
        left = left.checked_sub(each)?;
    }
    None
}
