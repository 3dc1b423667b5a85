//! An obligation's heading as data: who owes what to whom (its summary)
//! and its terms as stated, with each date as the scenario makes it. The
//! words are the report layer's (`report::words`).

use rust_decimal::Decimal;

use super::explanation::{AccrualStart, Shown};
use crate::calc::amortize::AfterPrepayment;
use crate::calc::calendar::{DayRule, Duration, Frequency};
use crate::calc::money::{DayCount, Rounding};
use crate::calc::zone::Clock;

/// The conditions an obligation is subject to, as the clause writes them
/// (each `if ...` line), in order: never empty.
#[derive(Clone, Debug, PartialEq)]
pub struct Conditions(pub Vec<crate::syntax::ast::Condition>);

/// An assumption in force, as the ledger lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Assumption {
    /// A named reading (`assume NAME "description"`) and the description
    /// of the option in force (empty where it has none).
    Reading { description: String, option: String },
    /// An assumption the clause states in words (`assume "..."`).
    Stated(String),
    /// What the evaluator assumes where the agreement is silent.
    Default(Assumed),
}

/// What clausec assumes where an agreement does not say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Assumed {
    /// Interest on a balance (amortisation, interest each period).
    SimpleInterestActual365,
    LateInterestFromDueDate,
    LateInterestSimpleActual365,
    /// A business day is any day but Saturday and Sunday.
    WeekendsOnly,
    RemainderOnLastInstallment,
    /// A schedule's stated count and dates disagree and no reading is named.
    CountFromStart,
    RoundedToCent,
    RoundedToYen,
}

/// The obligation in one sentence: `company pays employee $125,000.00`.
/// Names and amounts are as the clause file writes them.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub who: String,
    /// The other party (empty where the obligation names none).
    pub whom: String,
    pub what: Undertaking,
}

/// What the obligation is about.
#[derive(Clone, Debug, PartialEq)]
pub enum Undertaking {
    /// `pays WHOM AMOUNT` (the amount as written).
    Pays(String),
    /// `provides WHOM with WHAT`.
    Provides(String),
    /// `performs (for WHOM): WHAT`.
    Performs(String),
    /// `releases WHOM from WHAT`.
    Releases(String),
    /// `remains bound by WHAT`.
    RemainsBound(String),
    /// `must not WHAT`.
    MustNot(String),
    /// `WHO may WHAT`, or `WHOM may WHAT from WHO`.
    May(String),
    /// `notifies WHOM of WHAT`.
    Notifies(String),
    /// Any other kind: `WHO to WHOM: WHAT`.
    Owes(String),
    /// `reimburses WHOM for WHAT`.
    Reimburses(String),
    /// `notifies WHOM of compensation RECEIVER receives`.
    NotifiesOfCompensation(String),
    /// `signs (WHAT) by TIME on DATE`.
    Signs {
        what: Option<String>,
        time: Clock,
        date: chrono::NaiveDate,
    },
    /// `elects one of OPTIONS` (by name).
    Elects(Vec<String>),
    /// `releases WHOM from DOCUMENT`.
    ReleasesFrom(Document),
    /// `remains bound by DOCUMENT`.
    BoundBy(Document),
}

/// A document the agreement refers to, or a section of it.
#[derive(Clone, Debug, PartialEq)]
pub enum Document {
    /// A name the agreement does not declare, as written.
    Named(String),
    Declared {
        title: String,
        dated: Option<chrono::NaiveDate>,
        /// The section's number and title, where one is named.
        section: Option<(String, Option<String>)>,
    },
}

/// One term of an obligation, in the order written.
#[derive(Clone, Debug, PartialEq)]
pub enum Term {
    For(Duration),
    Within(Duration),
    Grace(Duration),
    /// `not to exceed AMOUNT` (as written).
    Cap(String),
    MetWhen(String),
    AggregateCap(String),
    LateFeeShare(Decimal),
    LateFeeAmount(String),
    Interest {
        rate: Decimal,
        from: Shown,
        day_count: Option<DayCount>,
    },
    Due {
        frequency: Frequency,
        day: Option<DayRule>,
    },
    Escalation {
        rate: Decimal,
        rounding: Rounding,
    },
    Abated {
        from: Shown,
        through: Shown,
    },
    Prorated,
    Prepayments(AfterPrepayment),
    Becoming {
        amount: String,
        from: Shown,
    },
    RemainingEnd(Shown),
    Floor(String),
    Cost(String),
    LateInterest {
        rate: Decimal,
        /// From when, where the clause says (`DueDate`, `GraceEnd` or a
        /// reading in force).
        start: Option<AccrualStart>,
        day_count: Option<DayCount>,
    },
    ReducedBy {
        receiver: String,
        from: Option<Shown>,
        through: Option<Shown>,
    },
}

impl Summary {
    /// The names and texts it quotes.
    pub fn quoted(&self) -> Vec<&str> {
        let mut quoted = vec![self.who.as_str(), self.whom.as_str()];
        match &self.what {
            Undertaking::Signs { what, .. } => quoted.extend(what.as_deref()),
            Undertaking::Elects(options) => quoted.extend(options.iter().map(String::as_str)),
            Undertaking::Pays(text)
            | Undertaking::Provides(text)
            | Undertaking::Performs(text)
            | Undertaking::Releases(text)
            | Undertaking::RemainsBound(text)
            | Undertaking::MustNot(text)
            | Undertaking::May(text)
            | Undertaking::Notifies(text)
            | Undertaking::Owes(text)
            | Undertaking::Reimburses(text)
            | Undertaking::NotifiesOfCompensation(text) => quoted.push(text),
            Undertaking::ReleasesFrom(document) | Undertaking::BoundBy(document) => {
                match document {
                    Document::Named(name) => quoted.push(name),
                    Document::Declared { title, section, .. } => {
                        quoted.push(title);
                        if let Some((number, title)) = section {
                            quoted.push(number);
                            quoted.extend(title.as_deref());
                        }
                    }
                }
            }
        }
        quoted
    }
}

impl Term {
    /// The names and texts it quotes.
    pub fn quoted(&self) -> Vec<&str> {
        let shown = written;
        match self {
            Term::Cap(text)
            | Term::MetWhen(text)
            | Term::AggregateCap(text)
            | Term::LateFeeAmount(text)
            | Term::Floor(text)
            | Term::Cost(text) => vec![text],
            Term::Interest { from, .. } | Term::RemainingEnd(from) => {
                shown(from).into_iter().collect()
            }
            Term::Abated { from, through } => [shown(from), shown(through)]
                .into_iter()
                .flatten()
                .collect(),
            Term::Becoming { amount, from } => std::iter::once(amount.as_str())
                .chain(shown(from))
                .collect(),
            Term::LateInterest {
                start:
                    Some(AccrualStart::Reading {
                        reading, option, ..
                    }),
                ..
            } => vec![reading, option],
            Term::ReducedBy {
                receiver,
                from,
                through,
            } => std::iter::once(receiver.as_str())
                .chain(from.as_ref().and_then(shown))
                .chain(through.as_ref().and_then(shown))
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// A date's expression as written, where the scenario makes no date of it.
fn written(shown: &Shown) -> Option<&str> {
    match shown {
        Shown::Written(text) => Some(text.as_str()),
        Shown::Date(_) => None,
    }
}
