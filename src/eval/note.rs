//! What happened to an entry under the scenario, as data: a payment and
//! its date, a cap that cut the amount, a credit used, a date moved to a
//! business day, a signature, what an amount or a date waits on.
//!
//! The evaluator records notes and never words them: the words are the
//! report layer's (`report::words`), which renders every format — text,
//! Markdown, JSON, HTML, the calendar, inlay hints — from these values.

use chrono::NaiveDate;

use crate::calc::business::{CalendarError, Roll};
use crate::calc::calendar::Duration;
use crate::calc::money::Money;
use crate::calc::zone::{Clock, Done};

/// One note on a ledger entry.
#[derive(Clone, Debug, PartialEq)]
pub enum Note {
    // ---- payments --------------------------------------------------------
    /// One of several payments recorded for the entry.
    Paid { amount: Money, on: NaiveDate },
    /// The entry is owed but no date for it is stated.
    NoPaymentDate,
    /// A cap cut the amount.
    Capped { limit: Money, amount: Money },
    /// A minimum raised the amount.
    RaisedToMinimum { limit: Money },
    /// Paid late, but within the grace period: no late interest.
    PaidWithinGrace { grace_end: NaiveDate },
    /// An offset or a credit took part of the amount.
    Reduced {
        by: Money,
        /// What was received or given, as the scenario names it.
        what: String,
        how: Reduction,
        on: NaiveDate,
    },
    /// A duty owed on each compensation received: none was.
    NoCompensation { receiver: String },
    /// An act against a deadline with an hour.
    ByTheHour(Timed),
    /// The event that meets a duty happened.
    Happened { event: String, on: NaiveDate },
    /// A notice that answers the duty was given.
    NoticeGiven { on: NaiveDate },
    /// The schedule's remaining installments ended on a date.
    EndedUnpaid { end: NaiveDate },

    // ---- credits ---------------------------------------------------------
    /// Part of a credit used against an amount the other party owed.
    Credited {
        amount: Money,
        against: String,
        due: NaiveDate,
    },
    /// What is left of a credit, not yet used.
    CreditNotYetUsed { left: Money },
    /// What is left of a credit, refunded on a date.
    CreditRefunded { left: Money, on: NaiveDate },
    /// What was left of a credit lapsed on a date.
    CreditLapsed { left: Money, on: NaiveDate },
    /// What is left of a credit will lapse on a date unless used.
    CreditLapses { left: Money, on: NaiveDate },

    // ---- what cannot be computed ----------------------------------------
    /// The amount needs a fact the scenario does not give.
    MissingFact { fact: String },
    /// The amount counts from something that has not happened.
    AmountNotYetKnown(Awaited),
    /// A date of the entry counts from something that has not happened.
    DateNotYetKnown(Awaited),
    /// The arithmetic failed (its diagnostic's message).
    CannotCompute { message: String },
    /// An amount due each period with no first or last date.
    NeedsPeriod,
    /// Interest on a balance with no date to run from.
    InterestNeedsStart,
    /// The number of installments of a schedule whose amount is not known.
    Installments { count: usize },

    /// A first or last period covered in part, prorated by days.
    Prorated { days: i64, of: i64 },
    /// An instance cut to what is left of an aggregate limit.
    AggregateLimitReached {
        from: Money,
        to: Money,
        limit: Money,
    },

    // ---- dates -----------------------------------------------------------
    /// An installment abated (nothing owed) within a stated period.
    Abated { from: NaiveDate, through: NaiveDate },
    /// A date that is not a business day, moved to one.
    Moved {
        from: NaiveDate,
        to: NaiveDate,
        /// The holiday it falls on, if it is one (else it is a weekend day).
        holiday: Option<String>,
        rule: MoveRule,
    },
    /// A date that could not be moved to a business day.
    NotMoved {
        date: NaiveDate,
        error: CalendarError,
    },

    // ---- a schedule as a whole ------------------------------------------
    /// The dates between a schedule's first and last give another count
    /// than the one stated: the ledger follows a reading (or the default).
    DatesDisagree {
        from: NaiveDate,
        through: NaiveDate,
        dates: usize,
        /// The reading named, and its assumption's id (`A1`).
        reading: Option<(String, super::ledger::AssumptionId)>,
        /// The option followed.
        option: String,
    },
    /// One installment takes the remainder of the split.
    RemainderTaken {
        first: bool,
        part: Money,
        others: Money,
    },
    /// The split leaves no remainder.
    InstallmentsEqual,
    /// An amortised schedule's level payments.
    LevelPayments,

    // ---- acceptance and elections ---------------------------------------
    /// The offer lapsed: the party did not sign by the deadline (or signed
    /// after it, on `signed`), so nothing is owed.
    Lapsed {
        party: String,
        deadline: (NaiveDate, Clock),
        signed: Option<NaiveDate>,
    },
    /// The scenario records no signature of the party.
    NoSignature,
    /// When the party signed.
    Signed(Done),
    /// Signed on the deadline's day at a time the scenario does not state.
    SigningTimeNotStated,
    /// Signed at a time that does not exist in its zone.
    SigningTimeSkipped,
    /// What an option of an election means, as the clause describes it.
    OptionMeans { option: String, description: String },
    /// The party made no election: the default applies.
    ElectedByDefault { by: String, chosen: String },
    /// The party elected an option.
    Elected { by: String, chosen: String },
}

impl Note {
    /// The names and texts the note quotes from the agreement or the
    /// scenario (an event, a fact, a description): what its size depends
    /// on beyond its own words.
    pub fn quoted(&self) -> impl Iterator<Item = &str> {
        let (first, second): (Option<&str>, Option<&str>) = match self {
            Note::Reduced { what, .. } => (Some(what), None),
            Note::NoCompensation { receiver } => (Some(receiver), None),
            Note::ByTheHour(Timed {
                act: Act::Happened(event),
                ..
            })
            | Note::Happened { event, .. } => (Some(event), None),
            Note::Credited { against, .. } => (Some(against), None),
            Note::MissingFact { fact } => (Some(fact), None),
            Note::AmountNotYetKnown(awaited) | Note::DateNotYetKnown(awaited) => {
                (Some(awaited.quoted()), None)
            }
            Note::CannotCompute { message } => (Some(message), None),
            Note::Moved { holiday, .. } => (holiday.as_deref(), None),
            Note::OptionMeans {
                option,
                description,
            } => (Some(option), Some(description)),
            Note::Lapsed { party, .. } => (Some(party), None),
            Note::DatesDisagree {
                reading, option, ..
            } => (
                reading.as_ref().map(|(name, _)| name.as_str()),
                Some(option),
            ),
            Note::ElectedByDefault { by, chosen } | Note::Elected { by, chosen } => {
                (Some(by), Some(chosen))
            }
            _ => (None, None),
        };
        first.into_iter().chain(second)
    }
}

impl Awaited {
    /// The name or condition it quotes.
    fn quoted(&self) -> &str {
        match self {
            Awaited::Event(name)
            | Awaited::LastAmount(name)
            | Awaited::TotalOf(name)
            | Awaited::Condition(name)
            | Awaited::Default {
                obligation: name, ..
            } => name,
        }
    }
}

/// How an amount was reduced by something received before it was due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reduction {
    /// A credit given by the other party.
    Credited,
    /// An amount received that the clause offsets.
    Offset,
}

/// Why a date was moved to a business day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoveRule {
    /// `on the first business day of the month`.
    FirstBusinessDay,
    /// `business day convention following` (or another roll).
    Convention(Roll),
}

/// An act compared with a deadline of a day and an hour.
#[derive(Clone, Debug, PartialEq)]
pub struct Timed {
    pub act: Act,
    pub done: Done,
    pub due: NaiveDate,
    pub hour: Clock,
    /// `Some(true)` late, `Some(false)` in time, `None` when that cannot be
    /// told (no time stated on the deadline's day, a time the clocks skip).
    pub late: Option<bool>,
}

/// Which act was done by an hour.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Act {
    Paid,
    NoticeGiven,
    /// An event of the scenario, by name.
    Happened(String),
}

/// What a date or an amount waits on.
#[derive(Clone, Debug, PartialEq)]
pub enum Awaited {
    /// An event the scenario does not record.
    Event(String),
    /// The last amount of a schedule that has no instance.
    LastAmount(String),
    /// The total of an obligation, a part of which is not yet known.
    TotalOf(String),
    /// A condition the scenario does not settle (as written).
    Condition(String),
    /// An installment unpaid for longer than a period, which has not
    /// happened.
    Default { obligation: String, grace: Duration },
}
