//! A schedule `amortized at R per annum`: its installments are level
//! payments of principal and interest on the stated principal (see
//! [`crate::calc::amortize`]); each installment's explanation shows its
//! interest, its principal and the balance after it.

use super::*;
use crate::calc::amortize::{level_payments, Table, Terms};
use crate::calc::calendar::Frequency;

/// What an amortized schedule puts in the ledger.
pub(super) struct Amortization {
    /// Each installment's amount.
    pub(super) payments: Vec<Decimal>,
    /// The level payment and how it is reached (the first installment
    /// shows it).
    pub(super) payment_line: Shared,
    /// Each installment's interest, principal and balance.
    pub(super) lines: Vec<Shared>,
    /// For the schedule's summary.
    pub(super) summary: Vec<String>,
    pub(super) note: String,
}

impl<'m> Evaluator<'m> {
    /// The table of a schedule that states `amortized at ...`; `None` for
    /// any other schedule.
    pub(super) fn amortization(
        &mut self,
        obligation: &Obligation,
        principal: Decimal,
        frequency: Frequency,
        dates: &[NaiveDate],
        rounding: Rounding,
    ) -> Result<Option<Amortization>, Unavailable> {
        let Some(Amortized {
            rate,
            day_count,
            span,
        }) = &obligation.terms.amortized
        else {
            return Ok(None);
        };
        let (rate, day_count, span) = (rate.node, day_count.as_ref().map(|d| d.node), *span);
        let problem = |why: String| Unavailable::Arithmetic(why, span);
        let (per_year, start) = periods(frequency, dates.first().copied())
            .ok_or_else(|| problem("these installments cannot be amortized: payments every N weeks must divide the 52 weeks of a year".to_owned()))?;
        let convention = day_count.unwrap_or_else(|| {
            self.use_default("interest is simple, actual/365, where a clause does not say");
            DayCount::Actual365
        });
        let terms = Terms {
            principal,
            rate,
            per_year,
            convention,
            rounding,
        };
        let table = level_payments(terms, start, dates).map_err(|e| problem(e.0))?;
        Ok(Some(describe(&table, terms)))
    }
}

/// Payments in a year, and the start of the first period (one period
/// before the first due date: the table's periods are all regular).
fn periods(frequency: Frequency, first: Option<NaiveDate>) -> Option<(u32, NaiveDate)> {
    let first = first?;
    let months = |n: u32| first.checked_sub_months(chrono::Months::new(n));
    match frequency {
        Frequency::Monthly => Some((12, months(1)?)),
        Frequency::Quarterly => Some((4, months(3)?)),
        Frequency::Yearly => Some((1, months(12)?)),
        Frequency::Weeks(n) if n > 0 && 52 % n == 0 => Some((
            52 / n,
            first.checked_sub_days(chrono::Days::new(u64::from(7 * n)))?,
        )),
        Frequency::Weeks(_) => None,
        Frequency::SemiMonthly(..) => Some((24, first.checked_sub_days(chrono::Days::new(15))?)),
    }
}

fn describe(table: &Table, terms: Terms) -> Amortization {
    let n = table.rows.len();
    let payment_line = Shared::from(format!(
        "{} = the level payment on {} at {} per annum over {n} payments ({} a year): P × i × (1 + i)^n ÷ ((1 + i)^n − 1), with i = {} ÷ {}, {}",
        format_money(table.payment),
        format_money(terms.principal),
        format_percent(terms.rate),
        terms.per_year,
        format_percent(terms.rate),
        terms.per_year,
        terms.rounding.describe()
    ));
    let lines = table
        .rows
        .iter()
        .enumerate()
        .map(|(k, row)| {
            let last = if k + 1 == n { ", the balance" } else { "" };
            Shared::from(format!(
                "{} = {} interest ({} × {} × {} days ÷ {}, {}) + {} principal{last}; balance after {}",
                format_money(row.payment),
                format_money(row.interest),
                format_money(row.balance_before),
                format_percent(terms.rate),
                row.days,
                row.basis,
                terms.convention.describe(),
                format_money(row.principal),
                format_money(row.balance_after)
            ))
        })
        .collect();
    let interest: Decimal = table.rows.iter().map(|r| r.interest).sum();
    Amortization {
        payments: table.rows.iter().map(|r| r.payment).collect(),
        payment_line,
        lines,
        summary: vec![format!(
            "principal {} and interest {}",
            format_money(terms.principal),
            format_money(interest)
        )],
        note: "level payments of principal and interest, each applied first to the interest on the balance; the last payment clears the balance".to_owned(),
    }
}
