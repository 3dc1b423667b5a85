//! What can go wrong evaluating a scenario, as kinds that own their code,
//! severity and words (see [`crate::diagnostic::problem`]).

use crate::calc::calendar::{long_date, TooMany, MAX_INSTANCES};
use crate::calc::money::{format_count, Money};
use crate::diagnostic::codes::Code;
use crate::diagnostic::problem::Problem;
use crate::diagnostic::{Label, Severity};
use crate::source::Span;
use chrono::NaiveDate;

/// A problem evaluating one scenario. `scenario` is its name (`None` when
/// the agreement is evaluated without one: the text alone).
#[derive(Debug, thiserror::Error)]
pub enum EvalProblem {
    #[error(
        "{} no value for `{fact}`, so this {what} cannot be computed",
        giver(.scenario.as_deref())
    )]
    MissingFact {
        scenario: Option<String>,
        fact: String,
        what: Computed,
    },
    #[error("{}{message}", Under(.scenario.as_deref()))]
    Arithmetic {
        scenario: Option<String>,
        message: String,
        what: Computed,
    },
    #[error(
        "{}the late interest on the installments of `{name}` adds up to more than clausec can compute",
        Under(.scenario.as_deref())
    )]
    InterestOverflow {
        scenario: Option<String>,
        name: String,
    },
    #[error("{}{} cannot be placed on a business day: {why}", Under(.scenario.as_deref()), long_date(*.date))]
    CannotRoll {
        scenario: Option<String>,
        date: NaiveDate,
        why: String,
    },
    #[error(
        "{}this would take the ledger past {} entries or {} MiB of text; it and what follows are left out",
        Under(.scenario.as_deref()),
        format_count(*.entries),
        .mebibytes
    )]
    LedgerFull {
        scenario: Option<String>,
        entries: usize,
        mebibytes: usize,
    },
    /// The scenarios before `scenario` made ledgers of more than `limit`
    /// entries together: it and those after it are not evaluated.
    #[error(
        "the scenarios before `{name}` already make ledgers of more than {} entries in all, so it and the scenarios after it are not evaluated",
        format_count(*.limit)
    )]
    ScenarioWorkSpent { name: String, limit: usize },
    /// A schedule (`counted`: with a count; else each period) with too
    /// many dates, or dates past the calendar.
    #[error("this schedule would {}", runaway_words(*.runaway))]
    TooManyDates { counted: bool, runaway: TooMany },
    #[error(
        "{count} installments of {each} make {}, but the total to be paid is {total} ({computed} each)",
        .stated_total.map_or_else(|| "more than can be computed".to_owned(), |m| m.to_string())
    )]
    StatedInstallment {
        count: usize,
        each: Money,
        stated_total: Option<Money>,
        total: Money,
        computed: Money,
    },
    #[error(
        "{}`{expression}` comes to {amount}, above the limit of {limit}: the ledger pays the limit",
        Under(.scenario.as_deref())
    )]
    CapExceeded {
        scenario: Option<String>,
        expression: String,
        amount: Money,
        limit: Money,
        limit_at: Span,
    },
    #[error(
        "{}{left} of the {what} received on {} is more than the installments left to offset it against",
        Under(.scenario.as_deref()),
        long_date(*.on)
    )]
    OffsetExcess {
        scenario: Option<String>,
        left: Money,
        what: String,
        on: NaiveDate,
    },
    /// A recorded payment naming an obligation's installment that is not
    /// due (`named`), or naming none.
    #[error("{}", unmatched_payment(.label, *.named))]
    UnmatchedPayment {
        label: String,
        named: Option<NaiveDate>,
        dues: DueDates,
    },
}

/// `under scenario `late_installment`, `, before what a scenario's figures
/// made; nothing for the text alone.
struct Under<'a>(Option<&'a str>);

impl std::fmt::Display for Under<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(name) => write!(f, "under scenario `{name}`, "),
            None => Ok(()),
        }
    }
}

/// Who gives no value: `scenario `base` gives`, or `no scenario gives`
/// for the text alone.
/// `have more than 100,000 dated instances`, `run past the year 9999`.
fn runaway_words(runaway: TooMany) -> String {
    match runaway {
        TooMany::Instances => format!(
            "have more than {} dated instances",
            format_count(MAX_INSTANCES)
        ),
        TooMany::PastYear9999 => "run past the year 9999".to_owned(),
        TooMany::BeforeTheCalendar => "start before the earliest date clausec counts".to_owned(),
    }
}

fn giver(scenario: Option<&str>) -> String {
    match scenario {
        Some(name) => format!("scenario `{name}` gives"),
        None => "no scenario gives".to_owned(),
    }
}

/// What a calculation that could not be done was computing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Computed {
    Amount,
    Date,
}

impl std::fmt::Display for Computed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Computed::Amount => "amount",
            Computed::Date => "date",
        })
    }
}

impl EvalProblem {
    /// Whether the text alone decides the problem, so that it is reported
    /// even when the agreement is evaluated without a scenario (the others
    /// depend on the figures and events a scenario supplies).
    pub fn decided_by_text(&self) -> bool {
        matches!(
            self,
            EvalProblem::Arithmetic { .. }
                | EvalProblem::InterestOverflow { .. }
                | EvalProblem::CannotRoll { .. }
                | EvalProblem::LedgerFull { .. }
                | EvalProblem::TooManyDates { .. }
                | EvalProblem::StatedInstallment { .. }
        )
    }
}

impl Problem for EvalProblem {
    fn code(&self) -> Code {
        match self {
            EvalProblem::MissingFact { .. } => Code::MissingFact,
            EvalProblem::Arithmetic { .. }
            | EvalProblem::InterestOverflow { .. }
            | EvalProblem::CannotRoll { .. } => Code::Arithmetic,
            EvalProblem::LedgerFull { .. }
            | EvalProblem::ScenarioWorkSpent { .. }
            | EvalProblem::TooManyDates { .. } => Code::TooManyInstances,
            EvalProblem::StatedInstallment { .. } => Code::InstallmentSum,
            EvalProblem::CapExceeded { .. } => Code::CapExceeded,
            EvalProblem::OffsetExcess { .. } => Code::OffsetExcess,
            EvalProblem::UnmatchedPayment { .. } => Code::UnknownObligation,
        }
    }

    fn severity(&self) -> Severity {
        match self {
            EvalProblem::MissingFact { .. }
            | EvalProblem::StatedInstallment { .. }
            | EvalProblem::CapExceeded { .. }
            | EvalProblem::OffsetExcess { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }

    fn help(&self) -> Option<String> {
        Some(match self {
            EvalProblem::MissingFact { fact, .. } => format!("add `fact {fact} is ...` to the scenario"),
            EvalProblem::Arithmetic { what: Computed::Date, .. } => {
                "check the dates and durations of the calculation".to_owned()
            }
            EvalProblem::Arithmetic { what: Computed::Amount, .. } | EvalProblem::InterestOverflow { .. } => {
                "check the figures of the calculation".to_owned()
            }
            EvalProblem::CannotRoll { .. } => {
                "check the dates of the schedule and the years the business-day calendar covers".to_owned()
            }
            EvalProblem::ScenarioWorkSpent { .. } => "check the counts and dates of the schedules, or move some scenarios to a copy of the agreement".to_owned(),
            EvalProblem::LedgerFull { .. } => "a ledger this large is almost always a mistyped count or date: check the counts and dates of the schedules".to_owned(),
            EvalProblem::TooManyDates { counted: true, .. } => "check the dates and the count of the schedule".to_owned(),
            EvalProblem::TooManyDates { counted: false, .. } => "check the dates of the schedule".to_owned(),
            EvalProblem::StatedInstallment { .. } => {
                "make the installment, the count and the total agree; the ledger splits the total".to_owned()
            }
            EvalProblem::CapExceeded { .. } => {
                "this is the limit at work; if the figure is wrong, correct it in the scenario".to_owned()
            }
            EvalProblem::OffsetExcess { .. } => "the agreement does not say what happens to the excess; the ledger offsets only what is owed".to_owned(),
            EvalProblem::UnmatchedPayment { label, dues, .. } => due_dates_help(dues, label),
        })
    }

    fn label(&self) -> Option<String> {
        Some(
            match self {
                EvalProblem::LedgerFull { .. } => "the ledger is full here",
                EvalProblem::ScenarioWorkSpent { .. } => "not evaluated",
                EvalProblem::StatedInstallment { .. } => "the stated installment",
                EvalProblem::CapExceeded { .. } => "the amount under this scenario",
                _ => return None,
            }
            .to_owned(),
        )
    }

    /// A problem of one scenario that is not evaluated belongs to it; the
    /// others are marked by [`super::evaluate`] for the scenario evaluated.
    fn scenario(&self) -> Option<&str> {
        match self {
            EvalProblem::ScenarioWorkSpent { name, .. } => Some(name),
            _ => None,
        }
    }

    fn also(&self) -> Vec<Label> {
        match self {
            EvalProblem::CapExceeded { limit_at, .. } => vec![Label {
                span: *limit_at,
                text: "the limit".to_owned(),
            }],
            _ => Vec::new(),
        }
    }
}

fn unmatched_payment(label: &str, named: Option<NaiveDate>) -> String {
    match named {
        Some(d) => format!(
            "`{label}` has no installment due on {} under this scenario",
            long_date(d)
        ),
        None => format!("this payment does not say which installment of `{label}` it pays"),
    }
}

/// A schedule with more due dates than this is not listed in full in the
/// help of a payment that matches none of them: the nearest are named.
const DUE_DATES_LISTED: usize = 6;

/// The due dates a payment that matches none could have meant: all of a
/// short schedule's; of a long one, the one or two around the date named,
/// and the range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DueDates {
    /// The obligation has no due date (yet).
    None,
    All(Vec<NaiveDate>),
    Many {
        count: usize,
        first: NaiveDate,
        last: NaiveDate,
        /// Empty when the payment named no date.
        nearest: Vec<NaiveDate>,
    },
}

impl DueDates {
    /// What to show of `dues` (sorted) for a payment naming `named`.
    pub fn near(dues: &[NaiveDate], named: Option<NaiveDate>) -> DueDates {
        let (Some(first), Some(last)) = (dues.first(), dues.last()) else {
            return DueDates::None;
        };
        if dues.len() <= DUE_DATES_LISTED {
            return DueDates::All(dues.to_vec());
        }
        let nearest = named.map_or_else(Vec::new, |named| {
            let after = dues.partition_point(|d| *d < named);
            dues.get(after.saturating_sub(1)..(after + 1).min(dues.len()))
                .unwrap_or_default()
                .to_vec()
        });
        DueDates::Many {
            count: dues.len(),
            first: *first,
            last: *last,
            nearest,
        }
    }
}

/// What to write instead, for a payment that names no due date of `label`.
fn due_dates_help(dues: &DueDates, label: &str) -> String {
    let write = format!("write `for {label} due DATE`");
    let (count, first, last, nearest) = match dues {
        DueDates::None => return "check the obligation's label".to_owned(),
        DueDates::All(all) => {
            let all: Vec<String> = all.iter().map(|d| long_date(*d)).collect();
            return format!("its due dates are {}; {write}", all.join(", "));
        }
        DueDates::Many {
            count,
            first,
            last,
            nearest,
        } => (count, first, last, nearest),
    };
    let range = format!(
        "{} due dates from {} to {}",
        format_count(*count),
        long_date(*first),
        long_date(*last)
    );
    let nearest: Vec<String> = nearest.iter().map(|d| long_date(*d)).collect();
    let nearest = match nearest.as_slice() {
        [] => return format!("`{label}` has {range}; {write}"),
        [one] => format!("the nearest due date is {one}"),
        _ => format!("the nearest due dates are {}", nearest.join(" and ")),
    };
    format!("{nearest}, of {range}; {write}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn a_long_schedule_names_the_due_dates_around_the_date_named() {
        let dues: Vec<NaiveDate> = (1..=12).map(|m| date(2003, m, 10)).collect();
        let range = "of 12 due dates from January 10, 2003 to December 10, 2003; \
                     write `for rent due DATE`";
        let help = |named| due_dates_help(&DueDates::near(&dues, named), "rent");
        assert_eq!(
            help(Some(date(2003, 3, 1))),
            format!("the nearest due dates are February 10, 2003 and March 10, 2003, {range}")
        );
        assert_eq!(
            help(Some(date(2002, 12, 31))),
            format!("the nearest due date is January 10, 2003, {range}")
        );
        assert_eq!(
            help(Some(date(2004, 1, 1))),
            format!("the nearest due date is December 10, 2003, {range}")
        );
        assert_eq!(
            help(None),
            "`rent` has 12 due dates from January 10, 2003 to December 10, 2003; \
             write `for rent due DATE`"
        );
    }

    #[test]
    fn a_short_schedule_names_every_due_date() {
        let dues = [date(2002, 9, 30), date(2002, 10, 31)];
        assert_eq!(
            due_dates_help(
                &DueDates::near(&dues, Some(date(2002, 10, 30))),
                "severance"
            ),
            "its due dates are September 30, 2002, October 31, 2002; \
             write `for severance due DATE`"
        );
        assert_eq!(
            due_dates_help(&DueDates::near(&[], None), "severance"),
            "check the obligation's label"
        );
    }
}
