//! Time zones for deadlines with a time of day ("by 5:00 p.m. Pacific Time
//! on March 3"): the zones a contract names, each mapped to its IANA zone so
//! that daylight saving time is applied as it was on the day.

use chrono::{NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Tz;

/// A zone a contract names by its everyday name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zone {
    Pacific,
    Mountain,
    Central,
    Eastern,
    Utc,
    /// The time in London: GMT in winter, BST in summer.
    UkTime,
}

impl Zone {
    /// As the language writes it: `Pacific Time`, `UTC`, `UK time`.
    pub fn words(self) -> &'static str {
        match self {
            Zone::Pacific => "Pacific Time",
            Zone::Mountain => "Mountain Time",
            Zone::Central => "Central Time",
            Zone::Eastern => "Eastern Time",
            Zone::Utc => "UTC",
            Zone::UkTime => "UK time",
        }
    }

    /// The words as the grammar reads them (`GMT` is read as UTC).
    pub fn from_words(words: &str) -> Option<Zone> {
        Some(match words {
            "Pacific Time" => Zone::Pacific,
            "Mountain Time" => Zone::Mountain,
            "Central Time" => Zone::Central,
            "Eastern Time" => Zone::Eastern,
            "UTC" | "GMT" => Zone::Utc,
            "UK time" => Zone::UkTime,
            _ => return None,
        })
    }

    fn tz(self) -> Tz {
        match self {
            Zone::Pacific => chrono_tz::America::Los_Angeles,
            Zone::Mountain => chrono_tz::America::Denver,
            Zone::Central => chrono_tz::America::Chicago,
            Zone::Eastern => chrono_tz::America::New_York,
            Zone::Utc => chrono_tz::UTC,
            Zone::UkTime => chrono_tz::Europe::London,
        }
    }

    /// The moment a local date and time name in this zone, as seconds since
    /// 1970 (UTC). `None` for a time the clocks skip (2:30 a.m. on the night
    /// daylight saving time starts); of a time that happens twice (the night
    /// it ends), the first.
    pub fn instant(self, date: NaiveDate, time: NaiveTime) -> Option<i64> {
        self.tz()
            .from_local_datetime(&date.and_time(time))
            .earliest()
            .map(|moment| moment.timestamp())
    }
}

/// A time of day, perhaps in a named zone: the hour of a deadline
/// (`by 5:00 p.m. Pacific Time on ...`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    pub at: NaiveTime,
    pub zone: Option<Zone>,
}

impl Clock {
    /// `5:00 p.m. Pacific Time`, or `5:00 p.m.` with no zone.
    pub fn words(self) -> String {
        time_in_zone(self.at, self.zone)
    }

    /// The moment this time names on `date`, in UTC; `None` without a zone
    /// (a local time only) or for a time the clocks skip that day.
    pub fn utc_on(self, date: NaiveDate) -> Option<chrono::NaiveDateTime> {
        let seconds = self.zone?.instant(date, self.at)?;
        chrono::DateTime::from_timestamp(seconds, 0).map(|moment| moment.naive_utc())
    }

    /// The IANA name of the zone (`America/Los_Angeles`), for a reader
    /// that wants the zone and not only the moment.
    pub fn zone_id(self) -> Option<&'static str> {
        self.zone.map(|zone| zone.tz().name())
    }
}

/// `1:30 p.m.` or `5:00 p.m. Pacific Time`.
pub fn time_in_zone(time: NaiveTime, zone: Option<Zone>) -> String {
    let clock = super::calendar::format_time(time);
    match zone {
        Some(zone) => format!("{clock} {}", zone.words()),
        None => clock,
    }
}

/// When an act was done, as a scenario records it: a date, perhaps a time,
/// perhaps a zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Done {
    pub on: NaiveDate,
    pub at: Option<NaiveTime>,
    pub zone: Option<Zone>,
}

impl Done {
    /// Whether it came after a deadline of a date, a time and perhaps a
    /// zone; `None` when that cannot be told (no time on the deadline's day,
    /// a time the clocks skip).
    pub fn late_for(self, date: NaiveDate, time: NaiveTime, zone: Option<Zone>) -> Option<bool> {
        match self.at {
            Some(at) => after_deadline((date, time, zone), (self.on, at, self.zone)),
            None if self.on == date => None,
            None => Some(self.on > date),
        }
    }

    /// Whether it came after a deadline at `clock` on `date` (as
    /// [`Done::late_for`]).
    pub fn late_for_clock(self, date: NaiveDate, clock: Clock) -> Option<bool> {
        self.late_for(date, clock.at, clock.zone)
    }

    /// The same moment as a clock in `zone` shows it, for an act timed in
    /// another zone; `None` if it has no time or zone, or its time does not
    /// exist in its zone.
    pub fn seen_in(self, zone: Zone) -> Option<(NaiveDate, NaiveTime)> {
        let at = self.zone?.instant(self.on, self.at?)?;
        let moment = chrono::DateTime::from_timestamp(at, 0)?.with_timezone(&zone.tz());
        Some((moment.date_naive(), moment.time()))
    }

    /// `11:00 a.m. Eastern Time on June 6, 2002`, or the date alone.
    pub fn words(self) -> String {
        match self.at {
            Some(at) => format!(
                "{} on {}",
                time_in_zone(at, self.zone),
                super::calendar::long_date(self.on)
            ),
            None => super::calendar::long_date(self.on),
        }
    }
}

/// Whether a signature (or any act) at `done` came after a deadline, each
/// a date and time, each perhaps in a zone. A side that names no zone is
/// read in the other's; with no zone on either side, local times compare
/// as written. `None` when a time does not exist in its zone.
pub fn after_deadline(
    deadline: (NaiveDate, NaiveTime, Option<Zone>),
    done: (NaiveDate, NaiveTime, Option<Zone>),
) -> Option<bool> {
    let (deadline_zone, done_zone) = (deadline.2.or(done.2), done.2.or(deadline.2));
    match (deadline_zone, done_zone) {
        (Some(dz), Some(sz)) => {
            let limit = dz.instant(deadline.0, deadline.1)?;
            let at = sz.instant(done.0, done.1)?;
            Some(at > limit)
        }
        _ => Some(done.0.and_time(done.1) > deadline.0.and_time(deadline.1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> (NaiveDate, NaiveTime) {
        (
            NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default(),
            NaiveTime::from_hms_opt(h, min, 0).unwrap_or_default(),
        )
    }

    #[test]
    fn a_time_in_new_york_is_compared_with_a_deadline_in_california() {
        // 5:00 p.m. Pacific on March 3, 2025 (PST, UTC-8) is 8:00 p.m. Eastern (EST).
        let (d, t) = at(2025, 3, 3, 17, 0);
        let deadline = (d, t, Some(Zone::Pacific));
        let (d1, t1) = at(2025, 3, 3, 19, 59);
        assert_eq!(
            after_deadline(deadline, (d1, t1, Some(Zone::Eastern))),
            Some(false)
        );
        let (d2, t2) = at(2025, 3, 3, 20, 1);
        assert_eq!(
            after_deadline(deadline, (d2, t2, Some(Zone::Eastern))),
            Some(true)
        );
        // Past midnight in New York, still before the deadline in California.
        let (d3, t3) = at(2025, 3, 4, 0, 30);
        let late_evening = (
            at(2025, 3, 3, 23, 0).0,
            at(2025, 3, 3, 23, 0).1,
            Some(Zone::Pacific),
        );
        assert_eq!(
            after_deadline(late_evening, (d3, t3, Some(Zone::Eastern))),
            Some(false)
        );
    }

    #[test]
    fn daylight_saving_time_is_applied_on_the_day() {
        // London on July 1, 2025 is BST (UTC+1): noon there is 11:00 UTC.
        let (d, t) = at(2025, 7, 1, 12, 0);
        assert_eq!(
            Zone::UkTime.instant(d, t),
            Zone::Utc.instant(d, at(2025, 7, 1, 11, 0).1)
        );
        // 2:30 a.m. on March 9, 2025 does not exist in New York.
        let (d, t) = at(2025, 3, 9, 2, 30);
        assert_eq!(Zone::Eastern.instant(d, t), None);
        assert_eq!(
            after_deadline((d, t, Some(Zone::Eastern)), (d, t, None)),
            None
        );
    }

    #[test]
    fn a_deadline_in_utc_is_the_moment_of_its_zone() {
        // 5:00 p.m. Pacific on March 10, 2025 is PDT (UTC-7, DST began March
        // 9): 00:00 UTC on March 11. On March 3 (PST, UTC-8): 01:00 UTC on March 4.
        let clock = Clock {
            at: at(2025, 3, 10, 17, 0).1,
            zone: Some(Zone::Pacific),
        };
        let (march_11, midnight) = at(2025, 3, 11, 0, 0);
        assert_eq!(
            clock.utc_on(at(2025, 3, 10, 0, 0).0),
            Some(march_11.and_time(midnight))
        );
        let (march_4, one) = at(2025, 3, 4, 1, 0);
        assert_eq!(
            clock.utc_on(at(2025, 3, 3, 0, 0).0),
            Some(march_4.and_time(one))
        );
        assert_eq!(clock.zone_id(), Some("America/Los_Angeles"));
        let local = Clock {
            zone: None,
            ..clock
        };
        assert_eq!(local.utc_on(march_4), None);
    }

    #[test]
    fn an_act_is_shown_on_the_clock_of_the_deadline() {
        // 7:30 p.m. EST on March 3, 2025 (UTC-5) is 00:30 UTC on March 4,
        // which is 4:30 p.m. PST (UTC-8) on March 3.
        let (d, t) = at(2025, 3, 3, 19, 30);
        let done = Done {
            on: d,
            at: Some(t),
            zone: Some(Zone::Eastern),
        };
        assert_eq!(done.seen_in(Zone::Pacific), Some(at(2025, 3, 3, 16, 30)));
        let undated = Done { at: None, ..done };
        assert_eq!(undated.seen_in(Zone::Pacific), None);
    }

    #[test]
    fn without_zones_local_times_compare_as_written() {
        let (d, t) = at(2002, 6, 6, 13, 30);
        assert_eq!(
            after_deadline((d, t, None), (d, at(2002, 6, 6, 11, 0).1, None)),
            Some(false)
        );
        assert_eq!(
            after_deadline((d, t, None), (d, at(2002, 6, 6, 13, 31).1, None)),
            Some(true)
        );
    }
}
