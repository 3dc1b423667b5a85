//! Deadlines with a time of day (`by 5:00 p.m. Pacific Time on March 3,
//! 2025`): the hour of an entry's due date, and whether a payment, a notice
//! or an event the scenario records with its own time and zone came by it.
//! The comparison is signing's own ([`Done::late_for`]): two zones are
//! compared as one moment, daylight saving time as it was on the day.

use super::*;
use crate::calc::zone::{Clock, Done};
use crate::eval::note::Timed;

/// The hour of an obligation's `by TIME on DATE`, if it states one.
pub(super) fn stated_hour(obligation: &Obligation) -> Option<Clock> {
    obligation.terms.by_time.as_ref().map(TimeOfDay::clock)
}

impl Evaluator<'_> {
    /// The time of day an event was recorded at (or the notice a label
    /// names, which [`Evaluator::happened`] reads as an event too).
    pub(super) fn happened_at(&self, event: &Ref<Occasion>) -> Option<Clock> {
        match self.recorded.of_occasion(event) {
            Some(recorded) => recorded.at,
            None => self.notice_time(&event.name.node),
        }
    }
}

/// An act as the scenario records it: a day, perhaps a time and a zone.
pub(super) fn done(on: NaiveDate, at: Option<Clock>) -> Done {
    Done {
        on,
        at: at.map(|c| c.at),
        zone: at.and_then(|c| c.zone),
    }
}

/// Whether an act came after a deadline of a day and an hour (`Some(true)`
/// late, `Some(false)` in time, `None` when that cannot be told), and the
/// note that says so.
pub(super) fn by_the_hour(
    act: Act,
    done: Done,
    due: NaiveDate,
    hour: Clock,
) -> (Option<bool>, Note) {
    let late = done.late_for_clock(due, hour);
    let timed = Timed {
        act,
        done,
        due,
        hour,
        late,
    };
    (late, Note::ByTheHour(timed))
}

/// Whether a payment came in time to escape a late fee: by the end of the
/// grace period, a day; with no grace period, by the deadline's hour, where
/// it has one (a payment whose time cannot be told is not charged: its
/// entry is `conditional` and says why).
pub(super) fn in_time_for_fee(
    payment: &Payment,
    due: NaiveDate,
    hour: Option<Clock>,
    grace_end: NaiveDate,
) -> bool {
    match hour.filter(|_| grace_end == due && payment.span.is_some()) {
        Some(hour) => done(payment.on, payment.at).late_for_clock(due, hour) != Some(true),
        None => payment.on <= grace_end,
    }
}

/// The status of a duty done (`met`) or done late (`late`) under a
/// deadline with an hour; `conditional` when that cannot be told, as for
/// a signature whose time is not stated.
pub(super) fn status_by_the_hour(late: Option<bool>, met: Status, after: Status) -> Status {
    match late {
        Some(true) => after,
        Some(false) => met,
        None => Status::Conditional,
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

    #[test]
    fn an_act_in_new_york_is_read_on_the_deadlines_clock() {
        let five_pacific = at(17, 0, Zone::Pacific);
        // March 10, 2025: both zones on daylight time (from March 9).
        // 7:30 p.m. EDT = 23:30 UTC = 4:30 p.m. PDT: in time.
        let paid = done(day(3, 10), Some(at(19, 30, Zone::Eastern)));
        let (late, note) = by_the_hour(Act::Paid, paid, day(3, 10), five_pacific);
        assert_eq!(late, Some(false));
        let Note::ByTheHour(timed) = note else {
            panic!("{note:?}")
        };
        assert_eq!(
            (timed.act, timed.done, timed.late),
            (Act::Paid, paid, Some(false))
        );
        // No time on the deadline's day: cannot be told.
        let (late, _) = by_the_hour(Act::Paid, done(day(3, 10), None), day(3, 10), five_pacific);
        assert_eq!(late, None);
        // No time on the day after: late.
        let (late, _) = by_the_hour(Act::Paid, done(day(3, 11), None), day(3, 10), five_pacific);
        assert_eq!(late, Some(true));
    }
}
