//! How an entry's amount was reached, as data: the clause's calculation
//! with each fact's value, an equal share of a total, the remainder, a cap,
//! an offset, a credit, a year's escalation, a proration, interest on a
//! balance over a period, a row of an amortisation table.
//!
//! The evaluator records steps and never words them: the words are the
//! report layer's (`report::words`). Every figure a step holds is exact or
//! already rounded as the contract says, so that the words can show each
//! step true of the figures it shows.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::note::Reduction;
use super::Val;
use crate::calc::amortize::{Row, Terms};
use crate::calc::calendar::{Duration, SpanUnit};
use crate::calc::money::{Currency, DayCount, Money, Rounding};
use crate::calc::zone::Clock;
use crate::check::model::InterestFrom;
use crate::syntax::ast::BinOp;

/// One line of an entry's explanation: one step of how its amount was reached.
#[derive(Clone, Debug, PartialEq)]
pub enum Explanation {
    /// An amount computed from its clause's expression, rounded as the
    /// obligation says where the exact figure differs.
    Computed {
        amount: Money,
        calculation: Calculation,
        rounding: Option<Rounding>,
        clause: String,
    },
    /// A due date counted from an event, a fact or another date.
    Dated {
        date: NaiveDate,
        calculation: Calculation,
        clause: String,
    },
    /// A cap cut the amount.
    Capped { amount: Money, limit: Money },
    /// A minimum raised the amount.
    RaisedToMinimum { amount: Money, limit: Money },
    /// An offset or a credit took part of the amount.
    Reduced {
        owed: Money,
        by: Money,
        how: Reduction,
        left: Money,
    },
    /// Part of a credit was used against what the other party owed.
    CreditUsed {
        given: Money,
        used: Money,
        /// The credit's label.
        against: String,
        left: Money,
    },
    /// An equal share of a schedule's total, rounded.
    EqualShare {
        part: Money,
        total: Money,
        count: usize,
        rounding: Rounding,
    },
    /// The installment that takes the remainder of a total.
    Remainder {
        part: Money,
        total: Money,
        count: usize,
        regular: Money,
    },
    /// The installment the clause states.
    StatedInstallment { part: Money },
    /// An amount due each period as the clause states it.
    AsStated { amount: Money },
    /// A year's amount: the year before's times the rate, rounded.
    Escalated {
        amount: Money,
        before: Money,
        rate: Decimal,
        rounding: Rounding,
        year: usize,
    },
    /// A rent table's step in force.
    Stepped { amount: Money, from: NaiveDate },
    /// Abated: nothing is owed.
    Abated { amount: Money },
    /// A period covered in part owes its share by days.
    Prorated(Box<Proration>),
    /// Cut to what is left of an aggregate limit.
    AggregateCut {
        left: Money,
        limit: Money,
        due: Money,
    },
    /// Interest on a schedule's balance for the days since the date before.
    BalanceInterest(Box<Accrued>),
    /// A row of an amortisation table: interest on each balance of the
    /// period, principal, the balance after.
    Amortized(Box<AmortizedRow>),
    /// The level payment of an amortisation table, by the annuity formula.
    LevelPayment(Box<LevelPayment>),
    /// What an amortised schedule comes to.
    AmortizedTotal {
        principal: Money,
        prepaid: Option<Money>,
        interest: Money,
    },
    /// Late interest, as its remedy explains it.
    LateInterest(Box<RemedyExplanation>),
}

/// How a remedy's amount was reached.
#[derive(Clone, Debug, PartialEq)]
pub enum RemedyExplanation {
    /// A late fee: `$125.00 = 5% × $2,500.00, rounded … (clause 3; not paid
    /// in full by …)`.
    LateFee {
        amount: Money,
        basis: FeeBasis,
        clause: String,
        by: FeeDeadline,
    },
    /// Interest on what is unpaid over one period.
    Interest(Box<InterestPeriod>),
}

/// What a late fee is of.
#[derive(Clone, Debug, PartialEq)]
pub enum FeeBasis {
    /// A share of the amount owed, rounded.
    Share {
        rate: Decimal,
        owed: Money,
        rounding: Rounding,
    },
    /// An amount the clause states.
    AsStated,
}

/// The deadline a late fee's payment missed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FeeDeadline {
    /// A deadline with an hour and no grace period.
    Hour { hour: Clock, due: NaiveDate },
    /// The last day of the grace period (the due date without one).
    GraceEnd(NaiveDate),
}

/// Interest over one period: `unpaid × rate × days/basis`, rounded.
#[derive(Clone, Debug, PartialEq)]
pub struct InterestPeriod {
    pub amount: Money,
    pub unpaid: Money,
    pub rate: Decimal,
    pub days: i64,
    pub basis: i64,
    pub rounding: Rounding,
    pub clause: String,
    pub start: AccrualStart,
    pub convention: DayCount,
}

/// From when interest runs, as the clause (or a reading) says.
#[derive(Clone, Debug, PartialEq)]
pub enum AccrualStart {
    /// Late interest from the due date.
    DueDate,
    /// Late interest from the end of the grace period.
    GraceEnd,
    /// Late interest from where a reading in force says.
    Reading {
        from: InterestFrom,
        /// The assumption's id (`A1`), the reading and the option in force.
        id: super::ledger::AssumptionId,
        reading: String,
        option: String,
    },
    /// Interest on an amount from a date until it is paid.
    UntilPaid(NaiveDate),
}

/// One installment of an amortisation table.
#[derive(Clone, Debug, PartialEq)]
pub struct AmortizedRow {
    pub row: Row,
    pub terms: Terms,
    pub currency: Currency,
    /// The last installment, which clears the balance.
    pub last: bool,
}

/// A level payment on a principal over a number of payments.
#[derive(Clone, Debug, PartialEq)]
pub struct LevelPayment {
    pub payment: Money,
    pub principal: Money,
    pub count: usize,
    pub terms: Terms,
    /// Computed again after a prepayment.
    pub again: bool,
}

/// `prorated by days`: the share of an amount its days covered are of the
/// period's days.
#[derive(Clone, Debug, PartialEq)]
pub struct Proration {
    pub share: Money,
    pub amount: Money,
    pub rounding: Rounding,
    /// The first and last days covered.
    pub covered: (NaiveDate, NaiveDate),
    /// The period's first and last days.
    pub period: (NaiveDate, NaiveDate),
    pub days: i64,
    pub of: i64,
}

/// Interest on a balance over a period: `balance × rate × days/basis`.
#[derive(Clone, Debug, PartialEq)]
pub struct Accrued {
    pub interest: Money,
    pub balance: Money,
    pub rate: Decimal,
    pub days: i64,
    pub basis: i64,
    pub rounding: Rounding,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub convention: DayCount,
}

/// A clause's calculation with the values the scenario gives, mirroring
/// the expression it was computed from.
#[derive(Clone, Debug, PartialEq)]
pub enum Calculation {
    /// A fact and its value (the name alone where the scenario gives none).
    Fact { name: String, value: Option<Val> },
    /// `a × b`, each operand with its own value where it is a calculation.
    Binary {
        op: BinOp,
        left: Box<Operand>,
        right: Box<Operand>,
    },
    /// `the greater of a and b` (or the lesser).
    Extreme {
        greater: bool,
        a: Box<Operand>,
        b: Box<Operand>,
    },
    /// `the number of days from A through B`.
    Between {
        unit: SpanUnit,
        from: Shown,
        to: Shown,
        inclusive: bool,
    },
    /// `the unpaid balance of OBLIGATION on DATE`.
    UnpaidBalance { obligation: String, on: Shown },
    /// `the total of OBLIGATION` and its value.
    TotalOf { obligation: String, value: Val },
    /// The case of a condition in force, and why.
    Case(Box<Case>),
    /// `the fraction of a year from A to B` under a day count.
    YearFraction {
        from: Shown,
        to: Shown,
        convention: DayCount,
        /// The days and the year's basis, where both dates are known.
        days: Option<(i64, i64)>,
    },
    /// An amount converted at a stated rate.
    Converted {
        amount: Box<Operand>,
        rate: Decimal,
        to: Currency,
        from: Currency,
    },
    /// `(base) to the power of n`.
    Power {
        base: Box<Operand>,
        exponent: Box<Operand>,
    },
    /// A step rounded as the clause says (its exact quotient is not shown).
    Rounded {
        inner: Box<Calculation>,
        rounding: Rounding,
    },
    /// `the date of EVENT` (or `the end of EVENT`) and the day it happened.
    Event {
        event: String,
        end: bool,
        on: Option<NaiveDate>,
    },
    /// `DURATION after DATE` (or before).
    Shift {
        by: Duration,
        after: bool,
        from: Box<Operand>,
    },
    /// `the last day of the month of DATE`.
    MonthEnd(Box<Operand>),
    /// `the first business day on or after DATE` (or the last on or before).
    BusinessDay { later: bool, date: Box<Operand> },
    /// `the later of A and B` (or the earlier).
    LaterOrEarlier {
        later: bool,
        a: Box<Operand>,
        b: Box<Operand>,
    },
    /// A value (a literal, a date), or nothing where it has none.
    Value(Option<Val>),
    /// The expression as written, where the scenario gives it no value.
    Written(String),
}

/// An operand of a calculation: in parentheses with its value where it is
/// itself a calculation.
#[derive(Clone, Debug, PartialEq)]
pub struct Operand {
    pub calculation: Calculation,
    /// `Some` for a compound operand (shown `(… = value)`), with its value
    /// if it has one.
    pub compound: Option<Option<Val>>,
}

/// A date as the scenario makes it, or the expression as written where it
/// cannot.
#[derive(Clone, Debug, PartialEq)]
pub enum Shown {
    Date(NaiveDate),
    Written(String),
}

/// Which case of `THEN if CONDITION, otherwise OTHERWISE` applies.
#[derive(Clone, Debug, PartialEq)]
pub enum Case {
    /// The condition holds: `THEN (since CONDITION)`.
    Holds {
        then: Calculation,
        condition: String,
    },
    /// `not P` fails because P holds: `OTHERWISE (since P)`.
    NegationFails {
        otherwise: Calculation,
        holds: String,
    },
    /// The condition fails: `OTHERWISE (since CONDITION does not hold)`.
    Fails {
        otherwise: Calculation,
        condition: String,
    },
    /// The scenario does not settle it: the whole, as written.
    Open {
        then: String,
        condition: String,
        otherwise: String,
    },
}

impl Explanation {
    /// The names and texts the step quotes (a clause number, a credit's
    /// label, a fact's name): what its size depends on beyond its own words
    /// and figures.
    pub fn quoted(&self) -> Vec<&str> {
        match self {
            Explanation::Computed {
                calculation,
                clause,
                ..
            }
            | Explanation::Dated {
                calculation,
                clause,
                ..
            } => {
                let mut quoted = vec![clause.as_str()];
                calculation.quoted(&mut quoted);
                quoted
            }
            Explanation::CreditUsed { against, .. } => vec![against],
            Explanation::LateInterest(remedy) => remedy.quoted(),
            _ => Vec::new(),
        }
    }

    /// How many parts its words have (each under 160 bytes with its
    /// figures, a fraction carried exactly shown to six decimals).
    pub fn parts(&self) -> usize {
        match self {
            Explanation::Computed { calculation, .. } | Explanation::Dated { calculation, .. } => {
                1 + calculation.parts()
            }
            Explanation::Amortized(row) => 1 + row.row.segments.len() + row.row.prepaid.len(),
            _ => 1,
        }
    }
}

impl RemedyExplanation {
    /// The names it quotes (see [`Explanation::quoted`]).
    pub fn quoted(&self) -> Vec<&str> {
        match self {
            RemedyExplanation::LateFee { clause, .. } => vec![clause],
            RemedyExplanation::Interest(accrual) => match &accrual.start {
                AccrualStart::Reading {
                    reading, option, ..
                } => vec![&accrual.clause, reading, option],
                _ => vec![&accrual.clause],
            },
        }
    }
}

impl Calculation {
    fn quoted<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Calculation::Fact { name, .. } => out.push(name),
            Calculation::Binary { left, right, .. } => {
                left.calculation.quoted(out);
                right.calculation.quoted(out);
            }
            Calculation::Extreme { a, b, .. } => {
                a.calculation.quoted(out);
                b.calculation.quoted(out);
            }
            Calculation::Between { from, to, .. } | Calculation::YearFraction { from, to, .. } => {
                from.quoted(out);
                to.quoted(out);
            }
            Calculation::UnpaidBalance { obligation, on } => {
                out.push(obligation);
                on.quoted(out);
            }
            Calculation::TotalOf { obligation, .. } => out.push(obligation),
            Calculation::Case(case) => case.quoted(out),
            Calculation::Converted { amount, .. } => amount.calculation.quoted(out),
            Calculation::Power { base, exponent } => {
                base.calculation.quoted(out);
                exponent.calculation.quoted(out);
            }
            Calculation::Rounded { inner, .. } => inner.quoted(out),
            Calculation::Event { event, .. } => out.push(event),
            Calculation::Shift { from: date, .. }
            | Calculation::MonthEnd(date)
            | Calculation::BusinessDay { date, .. } => date.calculation.quoted(out),
            Calculation::LaterOrEarlier { a, b, .. } => {
                a.calculation.quoted(out);
                b.calculation.quoted(out);
            }
            Calculation::Value(_) => {}
            Calculation::Written(text) => out.push(text),
        }
    }

    fn parts(&self) -> usize {
        match self {
            Calculation::Binary { left, right, .. } => {
                1 + left.calculation.parts() + right.calculation.parts()
            }
            Calculation::Extreme { a, b, .. } => 1 + a.calculation.parts() + b.calculation.parts(),
            Calculation::Case(case) => match case.as_ref() {
                Case::Holds { then: c, .. }
                | Case::NegationFails { otherwise: c, .. }
                | Case::Fails { otherwise: c, .. } => 1 + c.parts(),
                Case::Open { .. } => 1,
            },
            Calculation::Converted { amount, .. } => 1 + amount.calculation.parts(),
            Calculation::Power { base, exponent } => {
                1 + base.calculation.parts() + exponent.calculation.parts()
            }
            Calculation::Rounded { inner, .. } => 1 + inner.parts(),
            Calculation::Shift { from: date, .. }
            | Calculation::MonthEnd(date)
            | Calculation::BusinessDay { date, .. } => 1 + date.calculation.parts(),
            Calculation::LaterOrEarlier { a, b, .. } => {
                1 + a.calculation.parts() + b.calculation.parts()
            }
            _ => 1,
        }
    }
}

impl Shown {
    fn quoted<'a>(&'a self, out: &mut Vec<&'a str>) {
        if let Shown::Written(text) = self {
            out.push(text);
        }
    }
}

impl Case {
    fn quoted<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Case::Holds { then, condition } => {
                then.quoted(out);
                out.push(condition);
            }
            Case::NegationFails { otherwise, holds } => {
                otherwise.quoted(out);
                out.push(holds);
            }
            Case::Fails {
                otherwise,
                condition,
            } => {
                otherwise.quoted(out);
                out.push(condition);
            }
            Case::Open {
                then,
                condition,
                otherwise,
            } => out.extend([then.as_str(), condition, otherwise]),
        }
    }
}
