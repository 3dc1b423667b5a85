//! Level-payment amortisation: a loan repaid in equal payments of principal
//! and interest, each payment applied first to the interest on the balance
//! outstanding, then to principal; the last payment clears the balance.
//!
//! The payment is the annuity formula on the periodic rate `i` (the yearly
//! rate divided by the payments in a year), computed exactly and rounded
//! once: `P × i × (1 + i)^n / ((1 + i)^n − 1)` (`P ÷ n` at 0%). Interest
//! for each period is the balance × the yearly rate × the period's day
//! count, rounded by the same rule; under 30/360 a monthly period is
//! exactly 1/12 of a year, so the interest is the balance × `i`.

use super::calendar::long_date;
use super::exact::Exact;
use super::money::{day_count, format_money_in, ArithmeticError, Currency, DayCount, Rounding};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// What a partial prepayment does, as the agreement states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AfterPrepayment {
    /// `prepayments shorten the term`: the level payment stays, and the
    /// balance is cleared sooner.
    Shorten,
    /// `prepayments reduce the payment`: the payment is computed again on
    /// the balance over the installments left.
    Reamortize,
}

impl AfterPrepayment {
    /// `shorten the term`, `reduce the payment`: as the clause says it.
    pub fn words(self) -> &'static str {
        match self {
            AfterPrepayment::Shorten => "shorten the term",
            AfterPrepayment::Reamortize => "reduce the payment",
        }
    }
}

/// Principal paid ahead of the table, on a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Prepayment {
    pub on: NaiveDate,
    pub amount: Decimal,
}

/// One payment of the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub due: NaiveDate,
    pub payment: Decimal,
    pub interest: Decimal,
    pub principal: Decimal,
    pub balance_before: Decimal,
    pub balance_after: Decimal,
    /// The days of interest and the year they are counted in (30/360: 30
    /// and 360).
    pub days: i64,
    pub basis: i64,
    /// The balances interest ran on in the period and for how many days
    /// each: one, unless a prepayment fell in the period.
    pub segments: Vec<(Decimal, i64)>,
    /// The prepayments made in the period, applied to principal on their
    /// dates (`balance_before` is the balance after them).
    pub prepaid: Vec<Prepayment>,
}

/// The whole table, and the level payment it was made from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub payment: Decimal,
    pub rows: Vec<Row>,
    /// Each time a prepayment made the payment be computed again.
    pub recomputed: Vec<Recomputed>,
}

/// A level payment computed again after a prepayment: from the row
/// `from` on, `payment` on `balance` over `count` payments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Recomputed {
    pub from: usize,
    pub payment: Decimal,
    pub balance: Decimal,
    pub count: usize,
}

/// The terms of a level-payment loan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Terms {
    pub principal: Decimal,
    /// A year's rate (`0.06` for 6%).
    pub rate: Decimal,
    /// Payments in a year (12 monthly, 4 quarterly, 1 yearly).
    pub per_year: u32,
    pub convention: DayCount,
    pub rounding: Rounding,
}

/// The table for `terms` over the due dates given, the first period
/// starting on `start`.
pub fn level_payments(
    terms: Terms,
    start: NaiveDate,
    dates: &[NaiveDate],
) -> Result<Table, ArithmeticError> {
    with_prepayments(terms, start, dates, &[], AfterPrepayment::Shorten)
}

/// The table when principal is also prepaid (`prepayments`, in date
/// order). A prepayment is applied to principal on its date: the period it
/// falls in owes interest on the balance before it up to that date and on
/// the balance after it from then on, rounded once. Then, as the agreement
/// says, either the level payment stays and the balance is cleared sooner
/// (the installments after that owe nothing), or the payment is computed
/// again, from the next installment on, on the balance over the
/// installments left. A loan in dollars (what its errors say); see
/// [`with_prepayments_in`].
pub fn with_prepayments(
    terms: Terms,
    start: NaiveDate,
    dates: &[NaiveDate],
    prepayments: &[Prepayment],
    after: AfterPrepayment,
) -> Result<Table, ArithmeticError> {
    with_prepayments_in(terms, start, dates, prepayments, after, Currency::Usd)
}

/// [`with_prepayments`] of a loan in `currency`: a table that cannot be
/// made says so in that currency (`the prepayment of €50,000.00 ... is more
/// than the balance of €6,732.96 then owed`).
pub fn with_prepayments_in(
    terms: Terms,
    start: NaiveDate,
    dates: &[NaiveDate],
    prepayments: &[Prepayment],
    after: AfterPrepayment,
    currency: Currency,
) -> Result<Table, ArithmeticError> {
    let format_money = |amount| format_money_in(amount, currency);
    let too_large = || {
        ArithmeticError(format!(
            "the payments on {} cannot be computed exactly",
            format_money(terms.principal)
        ))
    };
    let first_payment = level_payment(terms, terms.principal, dates.len()).ok_or_else(too_large)?;
    let mut payment = first_payment;
    let mut rows = Vec::with_capacity(dates.len());
    let mut recomputed = Vec::new();
    let mut balance = terms.principal;
    let mut since = start;
    let mut pending = prepayments.iter().peekable();
    for (k, due) in dates.iter().enumerate() {
        let mut prepaid = Vec::new();
        let mut segments = Vec::new();
        let mut from = since;
        while let Some(prepayment) = pending.next_if(|p| p.on < *due) {
            if prepayment.amount > balance {
                return Err(ArithmeticError(format!(
                    "the prepayment of {} on {} is more than the balance of {} then owed",
                    format_money(prepayment.amount),
                    long_date(prepayment.on),
                    format_money(balance)
                )));
            }
            let days = day_count(terms.convention, from, prepayment.on).0;
            if days != 0 {
                segments.push((balance, days));
            }
            balance -= prepayment.amount;
            from = prepayment.on;
            prepaid.push(*prepayment);
        }
        let (days, basis) = day_count(terms.convention, since, *due);
        segments.push((balance, day_count(terms.convention, from, *due).0));
        let interest = period_interest(terms, &segments, basis).ok_or_else(too_large)?;
        let last = k + 1 == dates.len();
        // A balance cleared sooner (by a prepayment, or under a shortened
        // term) takes no more principal; the interest it ran up is owed.
        let principal = if last || balance.is_zero() {
            balance
        } else {
            (payment - interest).min(balance)
        };
        if principal <= Decimal::ZERO && balance > Decimal::ZERO {
            return Err(ArithmeticError(format!(
                "the payment of {} does not cover the interest of {} due {}: the balance would never fall",
                format_money(payment),
                format_money(interest),
                long_date(*due)
            )));
        }
        rows.push(Row {
            due: *due,
            payment: principal + interest,
            interest,
            principal,
            balance_before: balance,
            balance_after: balance - principal,
            days,
            basis,
            segments,
            prepaid: prepaid.clone(),
        });
        balance -= principal;
        since = *due;
        if !prepaid.is_empty() && after == AfterPrepayment::Reamortize && !balance.is_zero() {
            let left = dates.len() - k - 1;
            payment = level_payment(terms, balance, left).ok_or_else(too_large)?;
            recomputed.push(Recomputed {
                from: k + 1,
                payment,
                balance,
                count: left,
            });
        }
    }
    if let Some(late) = pending.next() {
        return Err(ArithmeticError(format!(
            "the prepayment on {} comes after the last installment",
            long_date(late.on)
        )));
    }
    Ok(Table {
        payment: first_payment,
        rows,
        recomputed,
    })
}

/// The level payment on `principal` over `count` payments: the annuity
/// formula, exact until its one rounding.
fn level_payment(terms: Terms, principal: Decimal, count: usize) -> Option<Decimal> {
    let n = i64::try_from(count).ok().filter(|n| *n > 0)?;
    let principal = Exact::from(principal);
    let periodic = Exact::from(terms.rate).checked_div(&Exact::from(i64::from(terms.per_year)))?;
    let payment = if periodic.is_zero() {
        principal.checked_div(&Exact::from(n))?
    } else {
        let factor = Exact::from(1i64).checked_add(&periodic)?.checked_pow(n)?;
        let growth = factor.checked_sub(&Exact::from(1i64))?;
        principal
            .checked_mul(&periodic)?
            .checked_mul(&factor)?
            .checked_div(&growth)?
    };
    terms.rounding.apply_exact(&payment)
}

/// One period's interest on each balance for its days, rounded once.
fn period_interest(terms: Terms, segments: &[(Decimal, i64)], basis: i64) -> Option<Decimal> {
    let mut exact = Exact::zero();
    for (balance, days) in segments {
        let part = Exact::from(*balance)
            .checked_mul(&Exact::from(terms.rate))?
            .checked_mul(&Exact::from(*days))?
            .checked_div(&Exact::from(basis))?;
        exact = exact.checked_add(&part)?;
    }
    terms.rounding.apply_exact(&exact)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::money::{RoundingMode, Unit};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn monthly(from: NaiveDate, n: u32) -> Vec<NaiveDate> {
        (0..n)
            .map(|k| from.checked_add_months(chrono::Months::new(k)).unwrap())
            .collect()
    }

    fn terms(principal: i64, rate: &str) -> Terms {
        Terms {
            principal: Decimal::from(principal),
            rate: rate.parse().unwrap(),
            per_year: 12,
            convention: DayCount::Thirty360,
            rounding: Rounding {
                mode: RoundingMode::HalfUp,
                unit: Unit::Cent,
            },
        }
    }

    #[test]
    fn a_thirty_year_loan_at_six_percent() {
        // $200,000.00 at 6% over 360 months: the textbook payment is
        // $1,199.10 (200,000 × 0.005 × 1.005^360 / (1.005^360 − 1) =
        // 1,199.1010...). First month: interest $1,000.00 (200,000 × 0.5%),
        // principal $199.10.
        let dates = monthly(date(2025, 2, 1), 360);
        let table = level_payments(terms(200_000, "0.06"), date(2025, 1, 1), &dates).unwrap();
        assert_eq!(table.payment, "1199.10".parse::<Decimal>().unwrap());
        let first = &table.rows[0];
        assert_eq!(first.interest, Decimal::from(1000));
        assert_eq!(first.principal, "199.10".parse::<Decimal>().unwrap());
        let principal: Decimal = table.rows.iter().map(|r| r.principal).sum();
        assert_eq!(principal, Decimal::from(200_000));
        assert_eq!(table.rows[359].balance_after, Decimal::ZERO);
    }

    #[test]
    fn at_no_interest_the_payment_is_an_equal_share() {
        let dates = monthly(date(2025, 2, 1), 3);
        let table = level_payments(terms(1000, "0"), date(2025, 1, 1), &dates).unwrap();
        let payments: Vec<String> = table.rows.iter().map(|r| r.payment.to_string()).collect();
        assert_eq!(payments, ["333.33", "333.33", "333.34"]);
    }

    #[test]
    fn a_payment_that_cannot_cover_the_interest_is_an_error() {
        let dates = monthly(date(2025, 2, 1), 2);
        let mut t = terms(1, "12");
        t.rounding.mode = RoundingMode::Down;
        t.rounding.unit = Unit::Dollar;
        assert!(level_payments(t, date(2025, 1, 1), &dates).is_err());
    }

    #[test]
    fn a_table_that_cannot_be_made_says_so_in_the_loans_currency() {
        // €1,000.00 at 0% over three months from January 1, 2025; €2,000.00
        // prepaid on January 15, before any payment: the balance then is the
        // whole €1,000.00, so the prepayment is more than it.
        let dates = monthly(date(2025, 2, 1), 3);
        let prepaid = [Prepayment {
            on: date(2025, 1, 15),
            amount: Decimal::from(2000),
        }];
        let shorten = AfterPrepayment::Shorten;
        let start = date(2025, 1, 1);
        let error = with_prepayments_in(
            terms(1000, "0"),
            start,
            &dates,
            &prepaid,
            shorten,
            Currency::Eur,
        )
        .unwrap_err();
        assert_eq!(
            error.0,
            "the prepayment of €2,000.00 on January 15, 2025 is more than the balance of €1,000.00 then owed"
        );
        // A payment rounded down to the pound that cannot cover a month's
        // interest at 1,200% a year on £1.00 (£1.00 × 100% = £1.00).
        let mut t = terms(1, "12");
        t.rounding.mode = RoundingMode::Down;
        t.rounding.unit = Unit::Dollar;
        let error = with_prepayments_in(
            t,
            start,
            &monthly(date(2025, 2, 1), 2),
            &[],
            shorten,
            Currency::Gbp,
        )
        .unwrap_err();
        assert!(
            error.0.contains("does not cover the interest of £"),
            "{}",
            error.0
        );
        assert!(!error.0.contains('$'), "{}", error.0);
        // Without a currency, dollars, as before.
        let error =
            with_prepayments(terms(1000, "0"), start, &dates, &prepaid, shorten).unwrap_err();
        assert!(
            error.0.starts_with("the prepayment of $2,000.00"),
            "{}",
            error.0
        );
    }
}
