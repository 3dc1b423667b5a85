//! A schedule `amortized at R per annum`: its installments are level
//! payments of principal and interest on the stated principal (see
//! [`crate::calc::amortize`]); each installment's explanation shows its
//! interest, its principal and the balance after it.

use super::*;
use crate::calc::amortize::{with_prepayments_in, AfterPrepayment, Prepayment, Table, Terms};
use crate::calc::calendar::Frequency;
use crate::eval::explanation::{AmortizedRow, LevelPayment};

/// What an amortized schedule puts in the ledger.
pub(super) struct Amortization {
    /// Each installment's amount.
    pub(super) payments: Vec<Decimal>,
    /// The level payment and how it is reached, by the installment that
    /// first owes it (the first; and, after a prepayment that reduces the
    /// payment, the next).
    pub(super) payment_lines: BTreeMap<usize, Arc<Explanation>>,
    /// Each installment's interest, principal and balance.
    pub(super) lines: Vec<Arc<Explanation>>,
    /// For the schedule's summary.
    pub(super) summary: Vec<Explanation>,
    pub(super) note: Note,
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
            self.use_default(Assumed::SimpleInterestActual365);
            DayCount::Actual365
        });
        let terms = Terms {
            principal,
            rate,
            per_year,
            convention,
            rounding,
        };
        let prepayments = self.prepayments_of(obligation);
        let after =
            (obligation.terms.prepayments.as_ref()).map_or(AfterPrepayment::Shorten, |a| a.node);
        let table = with_prepayments_in(terms, start, dates, &prepayments, after, self.currency)
            .map_err(|e| problem(e.0))?;
        Ok(Some(describe(&table, terms, self.currency)))
    }

    /// The scenario's prepayments of the obligation made by the as-of
    /// date, in date order.
    fn prepayments_of(&self, obligation: &Obligation) -> Vec<Prepayment> {
        let Some(label) = &obligation.label else {
            return Vec::new();
        };
        let mut prepayments: Vec<Prepayment> = self
            .events()
            .filter_map(|event| match event {
                Event::Prepaid {
                    obligation,
                    amount,
                    on,
                    ..
                } if obligation.node == label.node && on.node <= self.as_of => Some(Prepayment {
                    on: on.node,
                    amount: amount.node,
                }),
                _ => None,
            })
            .collect();
        prepayments.sort_by_key(|p| p.on);
        prepayments
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

fn describe(table: &Table, terms: Terms, currency: Currency) -> Amortization {
    let money = |amount: Decimal| Money { amount, currency };
    let n = table.rows.len();
    let level = |payment: Decimal, principal: Decimal, count: usize, again: bool| {
        Arc::new(Explanation::LevelPayment(Box::new(LevelPayment {
            payment: money(payment),
            principal: money(principal),
            count,
            terms,
            again,
        })))
    };
    let mut payment_lines = BTreeMap::from([(0, level(table.payment, terms.principal, n, false))]);
    for again in &table.recomputed {
        let line = level(again.payment, again.balance, again.count, true);
        payment_lines.insert(again.from, line);
    }
    let lines = (table.rows.iter().enumerate())
        .map(|(k, row)| {
            Arc::new(Explanation::Amortized(Box::new(AmortizedRow {
                row: row.clone(),
                terms,
                currency,
                last: k + 1 == n,
            })))
        })
        .collect();
    let interest: Decimal = table.rows.iter().map(|r| r.interest).sum();
    let prepaid: Decimal = (table.rows.iter().flat_map(|r| &r.prepaid))
        .map(|p| p.amount)
        .sum();
    let summary = Explanation::AmortizedTotal {
        principal: money(terms.principal),
        prepaid: (!prepaid.is_zero()).then(|| money(prepaid)),
        interest: money(interest),
    };
    Amortization {
        payments: table.rows.iter().map(|r| r.payment).collect(),
        payment_lines,
        lines,
        summary: vec![summary],
        note: Note::LevelPayments,
    }
}
