//! The words of a ledger's notes and explanations: every format (text,
//! Markdown, JSON, HTML, the calendar, the editor's hints) shows a
//! [`Note`] or an [`Explanation`] as its `Display` gives it, so that one
//! sentence is written once.

use std::cell::RefCell;
use std::fmt::{self, Display, Formatter};
use std::thread::LocalKey;

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};

use rust_decimal::Decimal;

use crate::calc::calendar::long_date;
use crate::calc::calendar::{DayRule, Duration, Frequency};
use crate::calc::money::{
    format_exact_money_in, format_exact_number, format_exact_percent, format_percent, Currency,
    Money, Rounding,
};
use crate::calc::zone::{time_in_zone, Clock, Done};
use crate::diagnostic::suggest::join_or;
use crate::eval::explanation::{
    AccrualStart, Accrued, AmortizedRow, Calculation, Case, Explanation, FeeBasis, FeeDeadline,
    InterestPeriod, LevelPayment, Operand, Proration, RemedyExplanation, Shown,
};
use crate::eval::ledger::Instance;
use crate::eval::note::{Act, Awaited, MoveRule, Note, Reduction, Timed};
use crate::eval::term::{Assumed, Assumption, Conditions, Document, Summary, Term, Undertaking};
use crate::eval::Val;

impl Display for Note {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Note::Paid { amount, on } => write!(f, "paid {amount} on {}", long_date(*on)),
            Note::NoPaymentDate => f.write_str("no date for payment is stated"),
            Note::Capped { limit, amount } => {
                write!(f, "capped at {limit}; {amount} would exceed the limit")
            }
            Note::RaisedToMinimum { limit } => write!(f, "raised to the minimum of {limit}"),
            Note::PaidWithinGrace { grace_end } => write!(
                f,
                "paid after the due date but within the grace period (to {}): no late interest",
                long_date(*grace_end)
            ),
            Note::Reduced { by, what, how, on } => {
                let given = match how {
                    Reduction::Credited => "given",
                    Reduction::Offset => "received",
                };
                write!(f, "reduced by {by} of {what} {given} on {}", long_date(*on))
            }
            Note::NoCompensation { receiver } => {
                write!(f, "no compensation received by {receiver} in this scenario")
            }
            Note::ByTheHour(timed) => timed.fmt(f),
            Note::Happened { event, on } => write!(f, "{event} happened on {}", long_date(*on)),
            Note::NoticeGiven { on } => write!(f, "notice given on {}", long_date(*on)),
            Note::EndedUnpaid { end } => write!(
                f,
                "the remaining installments end on {}: this one ends unpaid",
                long_date(*end)
            ),
            Note::Credited {
                amount,
                against,
                due,
            } => write!(
                f,
                "credited {amount} against {against}, due {}",
                long_date(*due)
            ),
            Note::CreditNotYetUsed { left } => write!(f, "{left} of the credit not yet used"),
            Note::CreditRefunded { left, on } => write!(
                f,
                "{left} of the credit not used: refunded on {}",
                long_date(*on)
            ),
            Note::CreditLapsed { left, on } => write!(
                f,
                "{left} of the credit not used: lapsed on {}",
                long_date(*on)
            ),
            Note::CreditLapses { left, on } => write!(
                f,
                "{left} of the credit not yet used; what is unused on {} lapses",
                long_date(*on)
            ),
            Note::MissingFact { fact } => write!(
                f,
                "the amount depends on `{fact}`, which this scenario does not give"
            ),
            Note::AmountNotYetKnown(awaited) => {
                write!(f, "the amount counts from {awaited}: not yet known")
            }
            Note::DateNotYetKnown(awaited) => {
                write!(f, "its date counts from {awaited}: not yet known")
            }
            Note::CannotCompute { message } => f.write_str(message),
            Note::NeedsPeriod => f.write_str(
                "an amount due each period needs its first and last date: `from DATE through DATE`",
            ),
            Note::InterestNeedsStart => {
                f.write_str("interest needs the date it runs from: `from DATE`")
            }
            Note::Installments { count } => write!(f, "{count} installments"),
            Note::Prorated { days, of } => write!(f, "prorated: {days} of the period's {of} days"),
            Note::AggregateLimitReached { from, to, limit } => write!(
                f,
                "cut from {from} to {to}: the aggregate limit of {limit} is reached"
            ),
            Note::Abated { from, through } => write!(
                f,
                "abated from {} through {}",
                long_date(*from),
                long_date(*through)
            ),
            Note::Moved {
                from,
                to,
                holiday,
                rule,
            } => {
                let weekday;
                let why = match holiday {
                    Some(holiday) => holiday.as_str(),
                    None => {
                        weekday = format!("a {}", weekday_name(from.weekday()));
                        weekday.as_str()
                    }
                };
                write!(
                    f,
                    "{} is not a business day ({why}): moved to {} (",
                    long_date(*from),
                    long_date(*to)
                )?;
                match rule {
                    MoveRule::FirstBusinessDay => f.write_str("the first business day of the month")?,
                    MoveRule::Convention(roll) => write!(f, "business day convention {roll}")?,
                }
                f.write_str(")")
            }
            Note::NotMoved { date, error } => write!(
                f,
                "{} is not moved to a business day: {error}",
                long_date(*date)
            ),
            Note::DatesDisagree {
                from,
                through,
                dates,
                reading,
                option,
            } => {
                write!(
                    f,
                    "the dates from {} through {} give {dates}; the ledger follows ",
                    long_date(*from),
                    long_date(*through)
                )?;
                match reading {
                    Some((name, id)) => write!(f, "{name} = {option} ({id})"),
                    None => f.write_str(option),
                }
            }
            Note::RemainderTaken {
                first,
                part,
                others,
            } => write!(
                f,
                "the {} installment is {part} ({} the others' {others}) so that the installments sum exactly",
                if *first { "first" } else { "last" },
                if part.amount > others.amount {
                    "more than"
                } else {
                    "less than"
                }
            ),
            Note::InstallmentsEqual => f.write_str("the installments are equal to the cent"),
            Note::LevelPayments => f.write_str(
                "level payments of principal and interest, each applied first to the interest on the balance; the last payment clears the balance",
            ),
            Note::Lapsed {
                party,
                deadline: (date, hour),
                signed,
            } => {
                let deadline = format!("{} on {}", hour.words(), long_date(*date));
                match signed {
                    None => write!(f, "{party} did not sign by {deadline}")?,
                    Some(on) => write!(
                        f,
                        "{party} signed on {}, after the deadline of {deadline}",
                        long_date(*on)
                    )?,
                }
                f.write_str(", so no obligation of the agreement is owed")
            }
            Note::NoSignature => f.write_str("no signature in this scenario"),
            Note::Signed(done) => write!(f, "signed at {}", done.words()),
            Note::SigningTimeNotStated => f.write_str(
                "the time of signing is not stated, so acceptance in time cannot be confirmed",
            ),
            Note::SigningTimeSkipped => f.write_str(
                "that time does not exist in its zone (the clocks skip it), so acceptance in time cannot be confirmed",
            ),
            Note::OptionMeans {
                option,
                description,
            } => write!(f, "`{option}`: {description}"),
            Note::ElectedByDefault { by, chosen } => {
                write!(f, "{by} made no election: `{chosen}` applies by default")
            }
            Note::Elected { by, chosen } => write!(f, "{by} elected `{chosen}`"),
        }
    }
}

/// `installment 2 of 6`, `payment 3 of 12`, `the bonus received on March
/// 3, 2025`.
impl Display for Instance {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Instance::Installment { number, of } => write!(f, "installment {number} of {of}"),
            Instance::Payment { number, of } => write!(f, "payment {number} of {of}"),
            Instance::Received { what, on } => write!(f, "{what} received on {}", long_date(*on)),
        }
    }
}

/// A note is a sentence in JSON too.
impl Serialize for Note {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl Display for Awaited {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Awaited::Event(event) => write!(f, "`{event}`, which this scenario does not record"),
            Awaited::LastAmount(schedule) => write!(
                f,
                "the last amount of `{schedule}`, which has no instance under this scenario"
            ),
            Awaited::TotalOf(obligation) => {
                write!(f, "the total of `{obligation}`, which is not yet known")
            }
            Awaited::Condition(condition) => {
                write!(
                    f,
                    "whether {condition}, which this scenario does not settle"
                )
            }
            Awaited::Default { obligation, grace } => write!(
                f,
                "an installment of `{obligation}` unpaid for more than {}, which has not happened",
                grace.describe()
            ),
        }
    }
}

/// `paid at 5:30 p.m. Eastern Time on March 3, 2025 (2:30 p.m. Pacific
/// Time), after the deadline of 5:00 p.m. Pacific Time on March 3, 2025`.
impl Display for Timed {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let Timed {
            act,
            done,
            due,
            hour,
            late,
        } = self;
        let what = match act {
            Act::Paid => "paid",
            Act::NoticeGiven => "notice given",
            Act::Happened(event) => event.as_str(),
        };
        let happened = if matches!(act, Act::Happened(_)) {
            " happened"
        } else {
            ""
        };
        match done.at {
            Some(_) => write!(
                f,
                "{what}{happened} at {}{}",
                done.words(),
                seen_by(*done, *hour)
            )?,
            None => write!(f, "{what}{happened} on {}", long_date(done.on))?,
        }
        let deadline = format!("{} on {}", hour.words(), long_date(*due));
        match late {
            Some(true) => write!(f, ", after the deadline of {deadline}"),
            Some(false) => write!(f, ", by the deadline of {deadline}"),
            None if done.at.is_none() => write!(
                f,
                ", the day of the deadline of {deadline}, at a time the scenario does not state, so whether it came in time cannot be confirmed"
            ),
            None if deadline_exists(*due, *hour, *done) => write!(
                f,
                ", a time that does not exist in its zone (the clocks skip it), so whether it came by the deadline of {deadline} cannot be confirmed"
            ),
            None => write!(
                f,
                "; the deadline of {deadline} is a time that does not exist in its zone (the clocks skip it), so whether it came in time cannot be confirmed"
            ),
        }
    }
}

/// ` (4:30 p.m. Pacific Time)`: an act timed in another zone than the
/// deadline's, on the deadline's clock (with the day, where it differs).
fn seen_by(act: Done, hour: Clock) -> String {
    let Some(zone) = hour.zone.filter(|z| act.zone.is_some_and(|own| own != *z)) else {
        return String::new();
    };
    match act.seen_in(zone) {
        Some((on, at)) if on == act.on => format!(" ({})", time_in_zone(at, Some(zone))),
        Some((on, at)) => format!(" ({} on {})", time_in_zone(at, Some(zone)), long_date(on)),
        None => String::new(),
    }
}

/// Whether the deadline's hour exists on its day, in its zone (or, with
/// none, in the act's).
fn deadline_exists(due: NaiveDate, hour: Clock, act: Done) -> bool {
    hour.zone
        .or(act.zone)
        .is_none_or(|zone| zone.instant(due, hour.at).is_some())
}

fn weekday_name(day: chrono::Weekday) -> &'static str {
    use chrono::Weekday::*;
    match day {
        Mon => "Monday",
        Tue => "Tuesday",
        Wed => "Wednesday",
        Thu => "Thursday",
        Fri => "Friday",
        Sat => "Saturday",
        Sun => "Sunday",
    }
}

// ---- explanations ------------------------------------------------------------

thread_local! {
    /// The last explanation worded on this thread, and its words. A
    /// schedule's installments share one explanation (an equal share of
    /// the total), shown once per installment by the text ledger and the
    /// JSON: worded once, not 100,000 times.
    static LAST_EXPLANATION: RefCell<Option<(Explanation, String)>> = const { RefCell::new(None) };
    /// The last summary worded on this thread (a schedule's installments
    /// share their obligation's).
    static LAST_SUMMARY: RefCell<Option<(Summary, String)>> = const { RefCell::new(None) };
}

/// Writes `value` as `compose` words it, unless it is the value `last`
/// worded before on this thread: then those words. Keyed by content, so
/// it can never answer for another value.
fn write_remembered<T: Clone + PartialEq + 'static>(
    f: &mut Formatter<'_>,
    last: &'static LocalKey<RefCell<Option<(T, String)>>>,
    value: &T,
    compose: impl Fn(&T) -> String,
) -> fmt::Result {
    let known = last.with(|last| {
        let last = last.try_borrow().ok()?;
        let (before, words) = last.as_ref()?;
        (before == value).then(|| f.write_str(words))
    });
    if let Some(written) = known {
        return written;
    }
    let words = compose(value);
    last.with(|last| {
        if let Ok(mut last) = last.try_borrow_mut() {
            *last = Some((value.clone(), words.clone()));
        }
    });
    f.write_str(&words)
}

impl Display for Explanation {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write_remembered(f, &LAST_EXPLANATION, self, |e| Worded(e).to_string())
    }
}

/// An explanation's words, composed (see [`LAST_EXPLANATION`]).
struct Worded<'a>(&'a Explanation);

impl Display for Worded<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self.0 {
            Explanation::Computed {
                amount,
                calculation,
                rounding,
                clause,
            } => {
                write!(f, "{amount} = ")?;
                write_calculation(f, calculation)?;
                if let Some(rounding) = rounding {
                    write!(f, ", {}", rounding.describe())?;
                }
                write!(f, " (clause {clause})")
            }
            Explanation::Dated {
                date,
                calculation,
                clause,
            } => {
                write!(f, "{} = ", long_date(*date))?;
                match calculation {
                    // `the date of delivery`: its day is the date itself.
                    Calculation::Event { event, end, .. } => {
                        let which = if *end { "end" } else { "date" };
                        write!(f, "the {which} of {event}")?;
                    }
                    _ => write_calculation(f, calculation)?,
                }
                write!(f, " (clause {clause})")
            }
            Explanation::Capped { amount, limit } => {
                write!(f, "{amount} is above the limit: capped at {limit}")
            }
            Explanation::RaisedToMinimum { amount, limit } => {
                write!(f, "{amount} is below the minimum: raised to {limit}")
            }
            Explanation::Reduced { owed, by, how, left } => {
                let how = match how {
                    Reduction::Credited => "credited",
                    Reduction::Offset => "offset",
                };
                write!(f, "{owed} − {by} {how} = {left}")
            }
            Explanation::CreditUsed {
                given,
                used,
                against,
                left,
            } => write!(f, "{given} − {used} credited against {against} = {left} left"),
            Explanation::EqualShare {
                part,
                total,
                count,
                rounding,
            } => write!(f, "{part} = {total} ÷ {count}, {}", rounding.describe()),
            Explanation::Remainder {
                part,
                total,
                count,
                regular,
            } => write!(
                f,
                "{part} = {total} − {} × {regular} (this installment takes the remainder so that the {count} sum exactly)",
                count.saturating_sub(1)
            ),
            Explanation::StatedInstallment { part } => {
                write!(f, "{part}, the installment the clause states")
            }
            Explanation::AsStated { amount } => write!(f, "{amount} as stated"),
            Explanation::Escalated {
                amount,
                before,
                rate,
                rounding,
                year,
            } => write!(
                f,
                "{amount} = {before} × {}, {} (year {year})",
                format_percent(*rate),
                rounding.describe()
            ),
            Explanation::Stepped { amount, from } => {
                write!(f, "{amount} from {}", long_date(*from))
            }
            Explanation::Abated { amount } => write!(f, "{amount} abated: nothing is owed"),
            Explanation::Prorated(proration) => proration.fmt(f),
            Explanation::AggregateCut { left, limit, due } => write!(
                f,
                "{left} = what is left of the aggregate limit {limit} (the amount due would be {due})"
            ),
            Explanation::BalanceInterest(accrued) => accrued.fmt(f),
            Explanation::Amortized(row) => row.fmt(f),
            Explanation::LevelPayment(level) => level.fmt(f),
            Explanation::AmortizedTotal {
                principal,
                prepaid,
                interest,
            } => {
                write!(f, "principal {principal}")?;
                if let Some(prepaid) = prepaid {
                    write!(f, " ({prepaid} of it prepaid)")?;
                }
                write!(f, " and interest {interest}")
            }
            Explanation::LateInterest(remedy) => write!(f, "late interest: {remedy}"),
        }
    }
}

impl Display for RemedyExplanation {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            RemedyExplanation::LateFee {
                amount,
                basis,
                clause,
                by,
            } => {
                write!(f, "{amount} = ")?;
                match basis {
                    FeeBasis::Share {
                        rate,
                        owed,
                        rounding,
                    } => write!(
                        f,
                        "{} × {owed}, {}",
                        format_percent(*rate),
                        rounding.describe()
                    )?,
                    FeeBasis::AsStated => f.write_str("as stated")?,
                }
                write!(f, " (clause {clause}; not paid in full by ")?;
                match by {
                    FeeDeadline::Hour { hour, due } => {
                        write!(f, "{} on {}, the deadline)", hour.words(), long_date(*due))
                    }
                    FeeDeadline::GraceEnd(end) => {
                        write!(f, "{}, the end of the grace period)", long_date(*end))
                    }
                }
            }
            RemedyExplanation::Interest(period) => period.fmt(f),
        }
    }
}

/// `$256.85 = $92,751.00 × 5% × 25/365, rounded … (clause 2(b); interest
/// from the due date; actual/365)`.
impl Display for InterestPeriod {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} = {} × {} × {}/{}, {} (clause {}; ",
            self.amount,
            self.unpaid,
            format_percent(self.rate),
            self.days,
            self.basis,
            self.rounding.describe(),
            self.clause
        )?;
        match &self.start {
            AccrualStart::DueDate => f.write_str("interest from the due date")?,
            AccrualStart::GraceEnd => f.write_str("interest from the end of the grace period")?,
            AccrualStart::Reading {
                from,
                id,
                reading,
                option,
            } => write!(
                f,
                "interest from {} (assumption {id}: {reading} = {option})",
                from.words()
            )?,
            AccrualStart::UntilPaid(from) => write!(f, "from {} until paid", long_date(*from))?,
        }
        write!(f, "; {})", self.convention.describe())
    }
}

impl Serialize for RemedyExplanation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// An explanation is a sentence in JSON too.
impl Serialize for Explanation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl Display for Proration {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let Proration {
            share,
            amount,
            rounding,
            covered,
            period,
            days,
            of,
        } = self;
        write!(
            f,
            "{share} = {amount} × {days}/{of}, {} (prorated by days: {} through {}, {days} of the {of} days from {} through {})",
            rounding.describe(),
            long_date(covered.0),
            long_date(covered.1),
            long_date(period.0),
            long_date(period.1),
        )
    }
}

impl Display for Accrued {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} = {} × {} × {}/{}, {} (from {} to {}; {})",
            self.interest,
            self.balance,
            format_percent(self.rate),
            self.days,
            self.basis,
            self.rounding.describe(),
            long_date(self.from),
            long_date(self.to),
            self.convention.describe()
        )
    }
}

/// How one installment of an amortisation table is made: its interest (on
/// each balance of the period, where a prepayment split it) and its
/// principal.
impl Display for AmortizedRow {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let AmortizedRow {
            row,
            terms,
            currency,
            last,
        } = self;
        let money = |amount: Decimal| Money {
            amount,
            currency: *currency,
        };
        if row.balance_before.is_zero() && row.interest.is_zero() {
            return write!(
                f,
                "{}: nothing is owed, the balance was repaid before {}",
                money(row.payment),
                long_date(row.due)
            );
        }
        let rate = format_percent(terms.rate);
        write!(
            f,
            "{} = {} interest (",
            money(row.payment),
            money(row.interest)
        )?;
        let segments: &[(Decimal, i64)] = match row.segments.as_slice() {
            [_] => &[(row.balance_before, row.days)],
            segments => segments,
        };
        for (k, (balance, days)) in segments.iter().enumerate() {
            let plus = if k > 0 { " + " } else { "" };
            write!(
                f,
                "{plus}{} × {rate} × {days} days ÷ {}",
                money(*balance),
                row.basis
            )?;
        }
        let rest = if *last { ", the balance" } else { "" };
        write!(
            f,
            ", {}) + {} principal{rest}; balance after {}",
            terms.convention.describe(),
            money(row.principal),
            money(row.balance_after)
        )?;
        for prepaid in &row.prepaid {
            write!(
                f,
                "; {} prepaid on {}",
                money(prepaid.amount),
                long_date(prepaid.on)
            )?;
        }
        Ok(())
    }
}

/// How a level payment is reached: the annuity formula on the principal
/// over its payments.
impl Display for LevelPayment {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let LevelPayment {
            payment,
            principal,
            count,
            terms,
            again,
        } = self;
        let why = if *again {
            ", computed again after the prepayment"
        } else {
            ""
        };
        let rate = format_percent(terms.rate);
        write!(
            f,
            "{payment} = the level payment on {principal} at {rate} per annum over {count} payments ({} a year){why}: P × i × (1 + i)^n ÷ ((1 + i)^n − 1), with i = {rate} ÷ {}, {}",
            terms.per_year,
            terms.per_year,
            terms.rounding.describe()
        )
    }
}

// ---- calculations ------------------------------------------------------------

/// A clause's calculation with its values: `$250,000.00 × 6 ÷ 12`.
/// Recursive over the expression it mirrors, whose depth the parser bounds;
/// each arm of the walk is a helper of its own, so that a frame stays small.
fn write_calculation(f: &mut Formatter<'_>, calculation: &Calculation) -> fmt::Result {
    match calculation {
        Calculation::Fact { name, value } => match value {
            Some(value) => write!(f, "{name} {}", ShownValue(value)),
            None => f.write_str(name),
        },
        Calculation::Binary { op, left, right } => {
            write_operand(f, left)?;
            write!(f, " {} ", op.symbol())?;
            write_operand(f, right)
        }
        Calculation::Extreme { greater, a, b } => write_extreme(f, *greater, a, b),
        Calculation::Between {
            unit,
            from,
            to,
            inclusive,
        } => write!(
            f,
            "the number of {} from {from} {} {to}",
            unit.words(),
            if *inclusive { "through" } else { "to" }
        ),
        Calculation::UnpaidBalance { obligation, on } => {
            write!(f, "the unpaid balance of {obligation} on {on}")
        }
        Calculation::TotalOf { obligation, value } => {
            write!(f, "the total of {obligation} {}", ShownValue(value))
        }
        Calculation::Case(case) => write_case(f, case),
        Calculation::YearFraction {
            from,
            to,
            convention,
            days,
        } => {
            write!(
                f,
                "the fraction of a year from {from} to {to}, {}",
                convention.describe()
            )?;
            match days {
                Some((days, basis)) => write!(f, " ({days} days ÷ {basis})"),
                None => Ok(()),
            }
        }
        Calculation::Converted {
            amount,
            rate,
            to,
            from,
        } => write_converted(f, amount, *rate, (*to, *from)),
        Calculation::Power { base, exponent } => write_power(f, base, exponent),
        Calculation::Rounded { inner, rounding } => write_rounded(f, inner, *rounding),
        Calculation::Event { event, end, on } => {
            let which = if *end { "end" } else { "date" };
            write!(f, "the {which} of {event}")?;
            match on {
                Some(on) => write!(f, " ({})", long_date(*on)),
                None => Ok(()),
            }
        }
        Calculation::Shift { by, after, from } => write_shift(f, *by, *after, from),
        Calculation::MonthEnd(date) => {
            f.write_str("the last day of the month of ")?;
            write_operand(f, date)
        }
        Calculation::BusinessDay { later, date } => {
            f.write_str(if *later {
                "the first business day on or after "
            } else {
                "the last business day on or before "
            })?;
            write_operand(f, date)
        }
        Calculation::LaterOrEarlier { later, a, b } => write_later_or_earlier(f, *later, a, b),
        Calculation::Value(Some(value)) => write!(f, "{}", ShownValue(value)),
        Calculation::Value(None) => Ok(()),
        Calculation::Written(text) => f.write_str(text),
    }
}

#[inline(never)]
fn write_shift(f: &mut Formatter<'_>, by: Duration, after: bool, from: &Operand) -> fmt::Result {
    let direction = if after { "after" } else { "before" };
    write!(f, "{} {direction} ", by.describe())?;
    write_operand(f, from)
}

#[inline(never)]
fn write_later_or_earlier(
    f: &mut Formatter<'_>,
    later: bool,
    a: &Operand,
    b: &Operand,
) -> fmt::Result {
    write!(f, "the {} of ", if later { "later" } else { "earlier" })?;
    write_operand(f, a)?;
    f.write_str(" and ")?;
    write_operand(f, b)
}

#[inline(never)]
fn write_extreme(f: &mut Formatter<'_>, greater: bool, a: &Operand, b: &Operand) -> fmt::Result {
    let which = if greater { "greater" } else { "lesser" };
    write!(f, "the {which} of ")?;
    write_operand(f, a)?;
    f.write_str(" and ")?;
    write_operand(f, b)
}

/// The case in force, and why: `5% × the total of fees $6,000.00 (since
/// completion_reached)`.
#[inline(never)]
fn write_case(f: &mut Formatter<'_>, case: &Case) -> fmt::Result {
    match case {
        Case::Holds { then, condition } => {
            write_calculation(f, then)?;
            write!(f, " (since {condition})")
        }
        Case::NegationFails { otherwise, holds } => {
            write_calculation(f, otherwise)?;
            write!(f, " (since {holds})")
        }
        Case::Fails {
            otherwise,
            condition,
        } => {
            write_calculation(f, otherwise)?;
            write!(f, " (since {condition} does not hold)")
        }
        Case::Open {
            then,
            condition,
            otherwise,
        } => write!(f, "({then} if {condition}, otherwise {otherwise})"),
    }
}

#[inline(never)]
fn write_converted(
    f: &mut Formatter<'_>,
    amount: &Operand,
    rate: Decimal,
    (to, from): (Currency, Currency),
) -> fmt::Result {
    write_in_parens(f, amount)?;
    write!(f, " at {rate} {} per {}", to.code(), from.code())
}

#[inline(never)]
fn write_power(f: &mut Formatter<'_>, base: &Operand, exponent: &Operand) -> fmt::Result {
    write_in_parens(f, base)?;
    f.write_str(" to the power of ")?;
    write_operand(f, exponent)
}

/// The step before rounding is shown unevaluated: its exact quotient may
/// have more digits than a reader can check.
#[inline(never)]
fn write_rounded(f: &mut Formatter<'_>, inner: &Calculation, rounding: Rounding) -> fmt::Result {
    f.write_str("(")?;
    write_calculation(f, inner)?;
    write!(f, ") {}", rounding.describe())
}

/// An operand: a calculation of its own in parentheses with its value.
fn write_operand(f: &mut Formatter<'_>, operand: &Operand) -> fmt::Result {
    match &operand.compound {
        None => write_calculation(f, &operand.calculation),
        Some(value) => {
            f.write_str("(")?;
            write_calculation(f, &operand.calculation)?;
            if let Some(value) = value {
                write!(f, " = {}", ShownValue(value))?;
            }
            f.write_str(")")
        }
    }
}

/// A power's base or a converted amount: always in parentheses, as it is
/// written.
#[inline(never)]
fn write_in_parens(f: &mut Formatter<'_>, operand: &Operand) -> fmt::Result {
    let shown = OperandWords(operand).to_string();
    if shown.starts_with('(') && shown.ends_with(')') {
        f.write_str(&shown)
    } else {
        write!(f, "({shown})")
    }
}

struct OperandWords<'a>(&'a Operand);

impl Display for OperandWords<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write_operand(f, self.0)
    }
}

impl Display for Shown {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Shown::Date(date) => f.write_str(&long_date(*date)),
            Shown::Written(text) => f.write_str(text),
        }
    }
}

/// A computed value as a step shows it: exact, to six decimals at most.
struct ShownValue<'a>(&'a Val);

impl Display for ShownValue<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let text = match self.0 {
            Val::Money(value, currency) => format_exact_money_in(value, *currency),
            Val::Number(value) => format_exact_number(value),
            Val::Percent(value) => format_exact_percent(value),
            Val::Date(date) => long_date(*date),
            Val::Duration(duration) => duration.describe(),
        };
        f.write_str(&text)
    }
}

// ---- headings ------------------------------------------------------------------

/// `company pays employee $125,000.00`, `employee performs for company:
/// resignation of all positions`.
impl Display for Summary {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write_remembered(f, &LAST_SUMMARY, self, |s| SummaryWords(s).to_string())
    }
}

/// A summary's words, composed (see [`LAST_SUMMARY`]).
struct SummaryWords<'a>(&'a Summary);

impl Display for SummaryWords<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let Summary { who, whom, what } = self.0;
        match what {
            Undertaking::Pays(amount) => write!(f, "{who} pays {whom} {amount}"),
            Undertaking::Provides(what) => write!(f, "{who} provides {whom} with {what}"),
            Undertaking::Performs(what) if whom.is_empty() => write!(f, "{who} performs: {what}"),
            Undertaking::Performs(what) => write!(f, "{who} performs for {whom}: {what}"),
            Undertaking::Releases(what) => write!(f, "{who} releases {whom} from {what}"),
            Undertaking::RemainsBound(what) => write!(f, "{who} remains bound by {what}"),
            Undertaking::MustNot(what) => write!(f, "{who} must not {what}"),
            Undertaking::May(what) if whom.is_empty() => write!(f, "{who} may {what}"),
            Undertaking::May(what) => write!(f, "{whom} may {what} from {who}"),
            Undertaking::Notifies(what) => write!(f, "{who} notifies {whom} of {what}"),
            Undertaking::Owes(what) => write!(f, "{who} to {whom}: {what}"),
            Undertaking::Reimburses(what) => write!(f, "{who} reimburses {whom} for {what}"),
            Undertaking::NotifiesOfCompensation(receiver) => write!(
                f,
                "{who} notifies {whom} of compensation {receiver} receives"
            ),
            Undertaking::Signs { what, time, date } => {
                write!(f, "{who} signs")?;
                if let Some(what) = what {
                    write!(f, " {what}")?;
                }
                write!(f, " by {} on {}", time.words(), long_date(*date))
            }
            Undertaking::Elects(options) => {
                let options: Vec<String> = options.iter().map(|o| format!("`{o}`")).collect();
                write!(f, "{who} elects {}", join_or(&options))
            }
            Undertaking::ReleasesFrom(document) => {
                write!(f, "{who} releases {whom} from {document}")
            }
            Undertaking::BoundBy(document) => write!(f, "{who} remains bound by {document}"),
        }
    }
}

/// `if employee elects outplacement; if not lessor_accepts_transfer`: the
/// conditions as the clause writes them.
impl fmt::Display for Conditions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, condition) in self.0.iter().enumerate() {
            let separator = if i == 0 { "" } else { "; " };
            write!(f, "{separator}if {condition}")?;
        }
        Ok(())
    }
}

/// Conditions are a sentence in JSON too.
impl Serialize for Conditions {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// An assumption as the ledger lists it.
impl fmt::Display for Assumption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Assumption::Reading {
                description,
                option,
            } => write!(f, "{description}: {option}"),
            Assumption::Stated(text) => f.write_str(text),
            Assumption::Default(assumed) => assumed.fmt(f),
        }
    }
}

impl Serialize for Assumption {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// What clausec assumes where the agreement is silent, as a sentence.
impl fmt::Display for Assumed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Assumed::SimpleInterestActual365 => {
                "interest is simple, actual/365, where a clause does not say"
            }
            Assumed::LateInterestFromDueDate => {
                "late interest runs from the due date where a clause does not say"
            }
            Assumed::LateInterestSimpleActual365 => {
                "late interest is simple, actual/365, where a clause does not say"
            }
            Assumed::WeekendsOnly => "where the agreement does not say what a business day is, every day but Saturday and Sunday is one",
            Assumed::RemainderOnLastInstallment => "the remainder cent of equal installments goes on the last installment where a clause does not say",
            Assumed::CountFromStart => "where a schedule's stated count and dates disagree and no reading is named, the count is kept from the first date",
            Assumed::RoundedToCent => {
                "amounts are rounded half up to the cent where a clause states no rounding"
            }
            Assumed::RoundedToYen => {
                "amounts in yen are rounded half up to the yen where a clause states no rounding"
            }
        })
    }
}

/// A summary is a sentence in JSON too.
impl Serialize for Summary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// `Section 9 (Covenant not to compete) of the Employment Agreement of
/// August 11, 2000`.
impl Display for Document {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Document::Named(name) => f.write_str(name),
            Document::Declared {
                title,
                dated,
                section,
            } => {
                if let Some((number, title)) = section {
                    write!(f, "Section {number}")?;
                    if let Some(title) = title {
                        write!(f, " ({title})")?;
                    }
                    f.write_str(" of ")?;
                }
                write!(f, "the {title}")?;
                match dated {
                    Some(dated) => write!(f, " of {}", long_date(*dated)),
                    None => Ok(()),
                }
            }
        }
    }
}

/// A term as the ledger states it: `grace period of 10 days`, `late
/// interest 5% per annum on the unpaid amount, simple, actual/365`.
impl Display for Term {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Term::For(d) => write!(f, "for {}", d.describe()),
            Term::Within(d) => write!(f, "within {}", d.describe()),
            Term::Grace(d) => write!(f, "grace period of {}", d.describe()),
            Term::Cap(e) => write!(f, "not to exceed {e}"),
            Term::MetWhen(event) => write!(f, "met when {event} happens"),
            Term::AggregateCap(e) => write!(f, "in aggregate not to exceed {e}"),
            Term::LateFeeShare(rate) => {
                write!(f, "late fee {} of the installment", format_percent(*rate))
            }
            Term::LateFeeAmount(amount) => write!(f, "late fee {amount}"),
            Term::Interest {
                rate,
                from,
                day_count,
            } => {
                write!(
                    f,
                    "interest {} per annum from {from} until paid, simple",
                    format_percent(*rate)
                )?;
                match day_count {
                    Some(d) => write!(f, ", {}", d.describe()),
                    None => Ok(()),
                }
            }
            Term::Due { frequency, day } => write_due(f, *frequency, *day),
            Term::Escalation { rate, rounding } => write!(
                f,
                "increasing each year to {} of the preceding year's amount, {}",
                format_percent(*rate),
                rounding.describe()
            ),
            Term::Abated { from, through } => write!(f, "abated from {from} through {through}"),
            Term::Prorated => f.write_str("prorated by days"),
            Term::Prepayments(after) => write!(f, "prepayments {}", after.words()),
            Term::Becoming { amount, from } => write!(f, "becoming {amount} from {from}"),
            Term::RemainingEnd(date) => write!(f, "remaining installments end on {date}"),
            Term::Floor(e) => write!(f, "not less than {e}"),
            Term::Cost(e) => write!(f, "at a cost of {e}"),
            Term::LateInterest {
                rate,
                start,
                day_count,
            } => {
                write!(
                    f,
                    "late interest {} per annum on the unpaid amount",
                    format_percent(*rate)
                )?;
                match start {
                    Some(AccrualStart::DueDate) => f.write_str(", from the due date")?,
                    Some(AccrualStart::GraceEnd) => {
                        f.write_str(", from the end of the grace period")?
                    }
                    Some(AccrualStart::Reading {
                        from,
                        id,
                        reading,
                        option,
                    }) => write!(f, ", from {} ({id}: {reading} = {option})", from.words())?,
                    Some(AccrualStart::UntilPaid(_)) | None => {}
                }
                f.write_str(", simple")?;
                match day_count {
                    Some(d) => write!(f, ", {}", d.describe()),
                    None => Ok(()),
                }
            }
            Term::ReducedBy {
                receiver,
                from,
                through,
            } => {
                write!(f, "reduced by compensation {receiver} receives")?;
                if let Some(from) = from {
                    write!(f, " from {from}")?;
                }
                match through {
                    Some(through) => write!(f, " through {through}"),
                    None => Ok(()),
                }
            }
        }
    }
}

/// `due each month on day 15`, `due every 2 weeks`.
fn write_due(f: &mut Formatter<'_>, frequency: Frequency, day: Option<DayRule>) -> fmt::Result {
    f.write_str("due ")?;
    match frequency {
        Frequency::Monthly => f.write_str("each month")?,
        Frequency::Quarterly => f.write_str("each quarter")?,
        Frequency::Yearly => f.write_str("each year")?,
        Frequency::Weeks(1) => f.write_str("each week")?,
        Frequency::Weeks(n) => write!(f, "every {n} weeks")?,
        Frequency::SemiMonthly(first, second) => {
            write!(f, "each half month on days {first} and {second}")?
        }
    }
    match day {
        Some(DayRule::LastDayOfMonth) => f.write_str(" on the last day of the month"),
        Some(DayRule::FirstBusinessDay) => f.write_str(" on the first business day of the month"),
        Some(DayRule::DayOfMonth(d)) => write!(f, " on day {d}"),
        None => Ok(()),
    }
}

/// A term is a phrase in JSON too.
impl Serialize for Term {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::zone::Zone;
    use chrono::NaiveTime;

    /// March 10, 2025 (both zones on daylight time from March 9).
    fn march_10() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 3, 10).unwrap_or_default()
    }

    fn paid(done: Done, due: NaiveDate, hour: Clock) -> String {
        let late = done.late_for_clock(due, hour);
        Note::ByTheHour(Timed {
            act: Act::Paid,
            done,
            due,
            hour,
            late,
        })
        .to_string()
    }

    #[test]
    fn an_act_in_new_york_is_worded_on_the_deadlines_clock() {
        let five_pacific = Clock {
            at: NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default(),
            zone: Some(Zone::Pacific),
        };
        // 7:30 p.m. EDT = 23:30 UTC = 4:30 p.m. PDT: in time.
        let in_new_york = Done {
            on: march_10(),
            at: NaiveTime::from_hms_opt(19, 30, 0),
            zone: Some(Zone::Eastern),
        };
        assert_eq!(
            paid(in_new_york, march_10(), five_pacific),
            "paid at 7:30 p.m. Eastern Time on March 10, 2025 (4:30 p.m. Pacific Time), \
             by the deadline of 5:00 p.m. Pacific Time on March 10, 2025"
        );
        // No time on the deadline's day: cannot be told, and says why.
        let no_time = Done {
            on: march_10(),
            at: None,
            zone: None,
        };
        let note = paid(no_time, march_10(), five_pacific);
        assert!(
            note.contains("at a time the scenario does not state"),
            "{note}"
        );
    }

    #[test]
    fn the_last_explanation_worded_never_answers_for_another() {
        // $100.00 ÷ 3 = $33.33 (rounded half up to the cent); $100.00 ÷ 4
        // = $25.00: worded alternately, each keeps its own words.
        let dollars = |amount: &str| Money {
            amount: amount.parse().unwrap_or_default(),
            currency: Currency::Usd,
        };
        let share = |part: &str, count: usize| Explanation::EqualShare {
            part: dollars(part),
            total: dollars("100.00"),
            count,
            rounding: Rounding::default_for(Currency::Usd),
        };
        let (third, quarter) = (share("33.33", 3), share("25.00", 4));
        for _ in 0..2 {
            assert!(
                third.to_string().starts_with("$33.33 = $100.00 ÷ 3, "),
                "{third}"
            );
            assert!(
                quarter.to_string().starts_with("$25.00 = $100.00 ÷ 4, "),
                "{quarter}"
            );
        }
        assert_eq!(third.to_string(), share("33.33", 3).to_string());
    }
}
