//! The words of a ledger's notes: every format (text, Markdown, JSON,
//! HTML, the calendar, the editor's hints) shows a [`Note`] as its
//! `Display` gives it, so that one sentence is written once.

use std::fmt::{self, Display, Formatter};

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};

use crate::calc::calendar::long_date;
use crate::calc::zone::{time_in_zone, Clock, Done};
use crate::eval::note::{Act, Awaited, MoveRule, Note, Reduction, Timed};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::zone::Zone;
    use chrono::NaiveTime;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, d).unwrap_or_default()
    }

    fn at(h: u32, min: u32, zone: Zone) -> Clock {
        Clock {
            at: NaiveTime::from_hms_opt(h, min, 0).unwrap_or_default(),
            zone: Some(zone),
        }
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
        let five_pacific = at(17, 0, Zone::Pacific);
        // March 10, 2025: both zones on daylight time (from March 9).
        // 7:30 p.m. EDT = 23:30 UTC = 4:30 p.m. PDT: in time.
        let in_new_york = Done {
            on: day(3, 10),
            at: Some(at(19, 30, Zone::Eastern).at),
            zone: Some(Zone::Eastern),
        };
        assert_eq!(
            paid(in_new_york, day(3, 10), five_pacific),
            "paid at 7:30 p.m. Eastern Time on March 10, 2025 (4:30 p.m. Pacific Time), \
             by the deadline of 5:00 p.m. Pacific Time on March 10, 2025"
        );
        // No time on the deadline's day: cannot be told, and says why.
        let no_time = Done {
            on: day(3, 10),
            at: None,
            zone: None,
        };
        let note = paid(no_time, day(3, 10), five_pacific);
        assert!(
            note.contains("at a time the scenario does not state"),
            "{note}"
        );
    }
}
