//! Calendar arithmetic: recurring dates, durations and month-ends.
//!
//! All date arithmetic uses chrono's checked forms; a result outside the
//! calendar is `None`, never a panic.

use chrono::{Datelike, Days, Months, NaiveDate};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frequency {
    Monthly,
    Quarterly,
    Yearly,
    /// Every `n` weeks from the first date (weekly: 1); no day rule.
    Weeks(u32),
    /// Twice a month, on the two days of the month given (earlier first);
    /// a day past a month's end falls on its last day.
    SemiMonthly(u32, u32),
}

impl Frequency {
    /// The months between two dates of a schedule; `None` for one counted
    /// in weeks.
    pub fn months(self) -> Option<u32> {
        match self {
            Frequency::Monthly => Some(1),
            Frequency::Quarterly => Some(3),
            Frequency::Yearly => Some(12),
            Frequency::Weeks(_) | Frequency::SemiMonthly(..) => None,
        }
    }

    /// `monthly`, `quarterly`, `yearly`, `weekly`, `every 2 weeks`
    pub fn words(self) -> String {
        match self {
            Frequency::Monthly => "monthly".to_owned(),
            Frequency::Quarterly => "quarterly".to_owned(),
            Frequency::Yearly => "yearly".to_owned(),
            Frequency::Weeks(1) => "weekly".to_owned(),
            Frequency::Weeks(n) => format!("every {n} weeks"),
            Frequency::SemiMonthly(..) => "semi-monthly".to_owned(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayRule {
    LastDayOfMonth,
    DayOfMonth(u32),
    /// The first business day of the month: here the 1st, which the
    /// evaluator then moves to the next business day on the agreement's
    /// calendar (this module knows no holidays).
    FirstBusinessDay,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DurationUnit {
    Days,
    Weeks,
    Months,
    Years,
    /// Counted on the agreement's business-day calendar, which this module
    /// does not know: the evaluator counts these itself.
    BusinessDays,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Duration {
    pub amount: u32,
    pub unit: DurationUnit,
}

impl Duration {
    pub fn describe(self) -> String {
        let unit = match (self.unit, self.amount == 1) {
            (DurationUnit::Days, true) => "day",
            (DurationUnit::Days, false) => "days",
            (DurationUnit::Weeks, true) => "week",
            (DurationUnit::Weeks, false) => "weeks",
            (DurationUnit::Months, true) => "month",
            (DurationUnit::Months, false) => "months",
            (DurationUnit::Years, true) => "year",
            (DurationUnit::Years, false) => "years",
            (DurationUnit::BusinessDays, true) => "business day",
            (DurationUnit::BusinessDays, false) => "business days",
        };
        format!("{} {}", self.amount, unit)
    }
}

/// The most dated instances one schedule may expand to.
pub const MAX_INSTANCES: usize = 100_000;

/// The day a schedule's instance falls on in a given month.
pub fn day_in_month(year: i32, month: u32, rule: DayRule) -> Option<NaiveDate> {
    match rule {
        DayRule::LastDayOfMonth => last_day_of_month(year, month),
        DayRule::FirstBusinessDay => NaiveDate::from_ymd_opt(year, month, 1),
        DayRule::DayOfMonth(day) => {
            let last = last_day_of_month(year, month)?;
            // "on day 31" in a 30-day month falls on the month's last day.
            NaiveDate::from_ymd_opt(year, month, day.min(last.day()))
        }
    }
}

pub fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    first.checked_add_months(Months::new(1))?.pred_opt()
}

/// The day rule a schedule follows: the stated one, or the day of the month
/// of its first date.
pub fn effective_rule(rule: Option<DayRule>, start: NaiveDate) -> DayRule {
    rule.unwrap_or(DayRule::DayOfMonth(start.day()))
}

/// The instance `index` steps after the month of `start` (0 = start's month).
fn nth(start: NaiveDate, frequency: Frequency, rule: DayRule, index: usize) -> Option<NaiveDate> {
    if let Frequency::SemiMonthly(first, second) = frequency {
        return half_month(start, first, second, index, true);
    }
    let Some(step) = frequency.months() else {
        return weeks_away(start, frequency, index, true);
    };
    let months = u32::try_from(index).ok()?.checked_mul(step)?;
    let month_start = start.with_day(1)?.checked_add_months(Months::new(months))?;
    day_in_month(month_start.year(), month_start.month(), rule).filter(|d| d.year() <= LAST_YEAR)
}

/// The date `index` steps of a weekly frequency after (or before) `from`.
fn weeks_away(
    from: NaiveDate,
    frequency: Frequency,
    index: usize,
    after: bool,
) -> Option<NaiveDate> {
    let Frequency::Weeks(n) = frequency else {
        return None;
    };
    let days = u64::try_from(index)
        .ok()?
        .checked_mul(u64::from(n))?
        .checked_mul(7)?;
    let date = if after {
        from.checked_add_days(Days::new(days))?
    } else {
        from.checked_sub_days(Days::new(days))?
    };
    Some(date).filter(|d| d.year() <= LAST_YEAR)
}

/// The date `index` half-months after the start of `from`'s month (on
/// `first`, then `second`, then the next month's `first` ...), or before
/// the end of it (`second`, then `first`, then the month before's
/// `second` ...).
fn half_month(
    from: NaiveDate,
    first: u32,
    second: u32,
    index: usize,
    after: bool,
) -> Option<NaiveDate> {
    let months = u32::try_from(index / 2).ok()?;
    let month = from.with_day(1)?;
    let month = if after {
        month.checked_add_months(Months::new(months))?
    } else {
        month.checked_sub_months(Months::new(months))?
    };
    let day = match (index.is_multiple_of(2), after) {
        (true, true) | (false, false) => first,
        _ => second,
    };
    day_in_month(month.year(), month.month(), DayRule::DayOfMonth(day))
        .filter(|d| d.year() <= LAST_YEAR)
}

/// Schedules stop at the end of the year 9999, the last year a date can be
/// written in (four digits).
const LAST_YEAR: i32 = 9999;

/// The instance `index` steps before the month of `end` (0 = end's month).
fn nth_back(
    end: NaiveDate,
    frequency: Frequency,
    rule: DayRule,
    index: usize,
) -> Option<NaiveDate> {
    if let Frequency::SemiMonthly(first, second) = frequency {
        return half_month(end, first, second, index, false);
    }
    let Some(step) = frequency.months() else {
        return weeks_away(end, frequency, index, false);
    };
    let months = u32::try_from(index).ok()?.checked_mul(step)?;
    let month_start = end.with_day(1)?.checked_sub_months(Months::new(months))?;
    day_in_month(month_start.year(), month_start.month(), rule)
}

/// Every date the rule gives from `from` through `through`, inclusive.
/// `Err(TooMany::Instances)` when there would be more than [`MAX_INSTANCES`].
pub fn dates_between(
    from: NaiveDate,
    through: NaiveDate,
    frequency: Frequency,
    rule: DayRule,
) -> Result<Vec<NaiveDate>, TooMany> {
    let mut dates = Vec::new();
    for index in 0.. {
        let Some(date) = nth(from, frequency, rule, index) else {
            break;
        };
        if date > through {
            break;
        }
        if date >= from {
            if dates.len() >= MAX_INSTANCES {
                return Err(TooMany::Instances);
            }
            dates.push(date);
        }
    }
    Ok(dates)
}

/// `count` dates from `from` on.
pub fn dates_from(
    from: NaiveDate,
    count: usize,
    frequency: Frequency,
    rule: DayRule,
) -> Result<Vec<NaiveDate>, TooMany> {
    if count > MAX_INSTANCES {
        return Err(TooMany::Instances);
    }
    let mut dates = Vec::with_capacity(count);
    let mut index = 0;
    while dates.len() < count {
        // Running past the calendar is as much a runaway schedule as a count
        // over the limit.
        let Some(date) = nth(from, frequency, rule, index) else {
            return Err(TooMany::PastYear9999);
        };
        if date >= from {
            dates.push(date);
        }
        index += 1;
    }
    Ok(dates)
}

/// `count` dates ending on or before `through`, in calendar order.
pub fn dates_until(
    through: NaiveDate,
    count: usize,
    frequency: Frequency,
    rule: DayRule,
) -> Result<Vec<NaiveDate>, TooMany> {
    if count > MAX_INSTANCES {
        return Err(TooMany::Instances);
    }
    let mut dates = Vec::with_capacity(count);
    let mut index = 0;
    while dates.len() < count {
        let Some(date) = nth_back(through, frequency, rule, index) else {
            return Err(TooMany::BeforeTheCalendar);
        };
        if date <= through {
            dates.push(date);
        }
        index += 1;
    }
    dates.reverse();
    Ok(dates)
}

/// The schedule's next date after `date`, one of its dates: where the
/// period that starts on `date` ends.
pub fn next_date(date: NaiveDate, frequency: Frequency, rule: DayRule) -> Option<NaiveDate> {
    match frequency {
        // A weekly schedule counts from its own first date.
        Frequency::Weeks(_) => weeks_away(date, frequency, 1, true),
        _ => dates_from(date.succ_opt()?, 1, frequency, rule)
            .ok()?
            .first()
            .copied(),
    }
}

/// The schedule's latest date on or before `date`: where the period that
/// holds `date` starts.
pub fn date_on_or_before(
    date: NaiveDate,
    frequency: Frequency,
    rule: DayRule,
) -> Option<NaiveDate> {
    dates_until(date, 1, frequency, rule).ok()?.first().copied()
}

/// A schedule longer than clausec expands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TooMany {
    /// More than [`MAX_INSTANCES`] dates.
    Instances,
    /// Counting forward runs past the year 9999, the end of the calendar.
    PastYear9999,
    /// Counting back runs before the earliest date the calendar has.
    BeforeTheCalendar,
}

/// `date` plus a duration; `None` outside the calendar, and for business
/// days (which need the agreement's calendar).
pub fn add_duration(date: NaiveDate, duration: Duration) -> Option<NaiveDate> {
    let n = duration.amount;
    match duration.unit {
        DurationUnit::BusinessDays => None,
        DurationUnit::Days => date.checked_add_days(Days::new(u64::from(n))),
        DurationUnit::Weeks => date.checked_add_days(Days::new(u64::from(n).checked_mul(7)?)),
        DurationUnit::Months => date.checked_add_months(Months::new(n)),
        DurationUnit::Years => date.checked_add_months(Months::new(n.checked_mul(12)?)),
    }
}

/// `date` minus a duration; `None` outside the calendar, and for business
/// days (which need the agreement's calendar).
pub fn sub_duration(date: NaiveDate, duration: Duration) -> Option<NaiveDate> {
    let n = duration.amount;
    match duration.unit {
        DurationUnit::BusinessDays => None,
        DurationUnit::Days => date.checked_sub_days(Days::new(u64::from(n))),
        DurationUnit::Weeks => date.checked_sub_days(Days::new(u64::from(n).checked_mul(7)?)),
        DurationUnit::Months => date.checked_sub_months(Months::new(n)),
        DurationUnit::Years => date.checked_sub_months(Months::new(n.checked_mul(12)?)),
    }
}

/// How a span between two dates is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpanUnit {
    Days,
    FullWeeks,
    FullMonths,
}

impl SpanUnit {
    pub fn words(self) -> &'static str {
        match self {
            SpanUnit::Days => "days",
            SpanUnit::FullWeeks => "full weeks",
            SpanUnit::FullMonths => "full months",
        }
    }
}

/// The length of the span from `from` to `to` in `unit`: with `inclusive`
/// both days count (`from June 1 through June 30` is 30 days), otherwise the
/// first day does not (`from June 1 to June 30` is 29). A span that ends
/// before it starts is negative; full weeks and months round toward zero.
pub fn span_length(from: NaiveDate, to: NaiveDate, unit: SpanUnit, inclusive: bool) -> i64 {
    let mut days = (to - from).num_days();
    if inclusive && days >= 0 {
        days += 1;
    }
    match unit {
        SpanUnit::Days => days,
        SpanUnit::FullWeeks => days / 7,
        SpanUnit::FullMonths => full_months(from, to, inclusive),
    }
}

/// Whole calendar months from `from` to `to`: a month is complete on the
/// same day of a later month (or that month's last day, when it is
/// shorter); `inclusive` counts `to` itself as a day of the span.
fn full_months(from: NaiveDate, to: NaiveDate, inclusive: bool) -> i64 {
    let (early, late, sign) = if to >= from {
        (from, to, 1)
    } else {
        (to, from, -1)
    };
    let late = if inclusive {
        late.succ_opt().unwrap_or(late)
    } else {
        late
    };
    let mut months = i64::from(late.year() - early.year()) * 12 + i64::from(late.month())
        - i64::from(early.month());
    let anniversary = u32::try_from(months)
        .ok()
        .and_then(|m| early.checked_add_months(Months::new(m)));
    if anniversary.is_some_and(|a| a > late) {
        months -= 1;
    }
    sign * months.max(0)
}

/// The English month names, January first: how dates are written and read.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `June 6, 2002`
pub fn long_date(date: NaiveDate) -> String {
    date.format("%B %-d, %Y").to_string()
}

/// `1:30 p.m.`: a time of day as the letter prints it.
pub fn format_time(time: chrono::NaiveTime) -> String {
    time.format("%-I:%M %p")
        .to_string()
        .replace("AM", "a.m.")
        .replace("PM", "p.m.")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn weekly_schedules_step_by_seven_days_from_the_first_date() {
        let rule = DayRule::DayOfMonth(3);
        let every_two = dates_between(ymd(2025, 1, 3), ymd(2025, 2, 14), Frequency::Weeks(2), rule);
        assert_eq!(
            every_two,
            Ok(vec![
                ymd(2025, 1, 3),
                ymd(2025, 1, 17),
                ymd(2025, 1, 31),
                ymd(2025, 2, 14)
            ])
        );
        let four = dates_from(ymd(2024, 12, 30), 4, Frequency::Weeks(1), rule);
        assert_eq!(
            four,
            Ok(vec![
                ymd(2024, 12, 30),
                ymd(2025, 1, 6),
                ymd(2025, 1, 13),
                ymd(2025, 1, 20)
            ])
        );
        let back = dates_until(ymd(2025, 3, 1), 2, Frequency::Weeks(1), rule);
        assert_eq!(back, Ok(vec![ymd(2025, 2, 22), ymd(2025, 3, 1)]));
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn month_ends_of_the_lovelock_letter_are_seven() {
        let dates = dates_between(
            d(2002, 9, 30),
            d(2003, 3, 31),
            Frequency::Monthly,
            DayRule::LastDayOfMonth,
        )
        .unwrap();
        assert_eq!(dates.len(), 7);
        assert_eq!(dates[0], d(2002, 9, 30));
        assert_eq!(dates[5], d(2003, 2, 28));
        assert_eq!(dates[6], d(2003, 3, 31));
    }

    #[test]
    fn counting_back_from_the_end() {
        let dates = dates_until(
            d(2003, 3, 31),
            6,
            Frequency::Monthly,
            DayRule::LastDayOfMonth,
        )
        .unwrap();
        assert_eq!(dates.first(), Some(&d(2002, 10, 31)));
        assert_eq!(dates.last(), Some(&d(2003, 3, 31)));
    }

    #[test]
    fn day_31_falls_on_the_last_day_of_shorter_months() {
        let dates = dates_from(
            d(2004, 1, 31),
            3,
            Frequency::Monthly,
            DayRule::DayOfMonth(31),
        )
        .unwrap();
        assert_eq!(dates, vec![d(2004, 1, 31), d(2004, 2, 29), d(2004, 3, 31)]);
    }

    #[test]
    fn a_schedule_counted_off_the_calendar_says_which_end() {
        // Twelve month-ends from November 30, 9999 would run into the year
        // 10000; twelve ending in the first year the calendar has (chrono's
        // earliest, long before the year 1) would start before it.
        let forward = dates_from(
            d(9999, 11, 30),
            12,
            Frequency::Monthly,
            DayRule::LastDayOfMonth,
        );
        assert_eq!(forward, Err(TooMany::PastYear9999));
        let first_year = NaiveDate::MIN.year();
        let back = dates_until(
            d(first_year, 3, 31),
            12,
            Frequency::Monthly,
            DayRule::LastDayOfMonth,
        );
        assert_eq!(back, Err(TooMany::BeforeTheCalendar));
    }

    #[test]
    fn huge_schedules_are_refused() {
        assert_eq!(
            dates_between(
                d(1, 1, 1),
                d(9999, 12, 31),
                Frequency::Monthly,
                DayRule::LastDayOfMonth
            ),
            Err(TooMany::Instances)
        );
        assert_eq!(
            dates_from(
                d(2000, 1, 1),
                1_000_000,
                Frequency::Monthly,
                DayRule::LastDayOfMonth
            ),
            Err(TooMany::Instances)
        );
    }
}
