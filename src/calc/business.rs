//! Business days: which days are weekends, which are holidays, and how a
//! date is counted forward, back or rolled to a business day.
//!
//! Everything here is a pure function of the date and the calendar: the
//! holidays are computed by rule for the year asked about (once per
//! process, then kept), nothing is read from a file or a clock. Nothing can panic or run without end:
//!
//! - a [`Weekend`] of all seven days is refused when it is built;
//! - the built-in calendars answer only for 1900–2200
//!   ([`FIRST_YEAR`]–[`LAST_YEAR`]): outside that range the answer is `None`
//!   or [`CalendarError::OutOfRange`], never a guess;
//! - every search is bounded: the next business day is looked for at most
//!   [`MAX_SEARCH_DAYS`] days away, [`BusinessCalendar::add_business_days`]
//!   takes at most [`MAX_BUSINESS_DAYS`] steps, and
//!   [`BusinessCalendar::business_days_between`] spans at most
//!   [`MAX_SPAN_DAYS`] days.
//!
//! # Sources, and what could not be verified
//!
//! United States: 5 U.S.C. 6103 and the Acts that wrote it (Pub. L. 90-363,
//! the Uniform Monday Holiday Act of 1968, in force 1 January 1971; the 1975
//! Act returning Veterans Day to November 11 from 1978; the 1983 Act for
//! Martin Luther King Jr.'s Birthday, first observed 1986; the 2021 Act for
//! Juneteenth), the Congressional Research Service's report R41990
//! ("Federal Holidays: Evolution and Current Practices"), and OPM's
//! published holiday tables (the tests).
//!
//! - **Columbus Day is a holiday only from 1971.** It is often said to be a
//!   federal holiday on October 12 from 1937; but the 1937 proclamation
//!   (No. 2253, under the joint resolution of 1934) only designated the day,
//!   asked for flags on Government buildings and invited observance. CRS
//!   R41990 lists Columbus Day among the holidays Congress added in 1968,
//!   and the pre-1971 list of 5 U.S.C. 6103(a) does not contain it. So
//!   before 1971 it is not a day off here.
//! - **Thanksgiving before 1942** is the day the President proclaimed: the
//!   last Thursday of November for 1900–1938 (every proclamation since
//!   Lincoln's of 1863 named it), and for 1939–1941 the next-to-last
//!   Thursday ("Franksgiving": November 23, 1939, November 21, 1940 and
//!   November 20, 1941, as proclaimed); the joint resolution of December 26,
//!   1941 fixed the fourth Thursday from 1942.
//! - **The observed day.** From 1971 (Executive Order 11582 of February 11,
//!   1971; 5 U.S.C. 6103(b)) a holiday on Saturday is observed on the Friday
//!   before (for New Year's Day that is December 31 of the year before) and
//!   one on Sunday on the Monday after. Before 1971 only the Sunday rule is
//!   applied. Executive Order 10358 (1952) is the order usually cited for
//!   it; whether and by what authority it applied in every year 1900–1951
//!   could not be verified.
//! - Not included: Inauguration Day (a holiday only in the District of
//!   Columbia area, every fourth January 20), and the one-off closings
//!   ordered by Executive Order (for example December 24, 2019, or the
//!   national days of mourning): OPM's holiday tables do not list them
//!   either; an agreement that counts them states them as extra holidays.
//!
//! England and Wales: the Bank Holidays Act 1871, the Banking and Financial
//! Dealings Act 1971 (Schedule 1), the royal proclamations reported by
//! gov.uk, and gov.uk's published lists (the tests).
//!
//! - **Before 1971** the 1871 Act's days: Easter Monday, Whit Monday, the
//!   first Monday in August and December 26, with Good Friday and Christmas
//!   Day (common-law holidays). December 26 on a Sunday moves to the 27th;
//!   that is reported by secondary sources (for the Act as extended in
//!   1875), the statute's text could not be checked. No other day moves.
//! - **The 1965–1970 trial period is ignored**: in those years
//!   proclamations moved the Whitsun and August holidays towards the
//!   1971 pattern; here those years follow the 1871 Act (Whit Monday, first
//!   Monday in August). Proclaimed one-off holidays before 1971 (coronations,
//!   jubilees) are not included either: which days were proclaimed could
//!   not be verified.
//! - **From 1971** the 1971 Act's days plus New Year's Day (proclaimed
//!   every year from 1974) and the early May bank holiday (from 1978). A
//!   holiday on a Saturday or Sunday is replaced by the next weekday that is
//!   not already a holiday (gov.uk's "substitute day"), so Christmas on a
//!   Saturday gives Monday 27 and Tuesday 28 December, on a Sunday Monday 26
//!   (Boxing Day) and Tuesday 27. That the 28th was proclaimed in each such
//!   year of the 1970s could not be verified.
//! - **Proclaimed changes** ([`UK_MOVED`], [`UK_ONE_OFF`]): the 1995 and
//!   2020 early May holidays on May 8 (VE Day), the 2002, 2012 and 2022
//!   spring holidays moved to June with an extra jubilee day, the 2011 and
//!   1981 royal weddings, the 1977 Silver Jubilee, the 1999 millennium day,
//!   the 2022 State Funeral and the 2023 Coronation. The 1995, 2002, 2012,
//!   2020 and 2022 changes were checked against contemporary reports; the
//!   others against gov.uk's list (2011 on) or common secondary sources
//!   (1977, 1981, 1999), whose proclamations were not read.

use std::collections::BTreeSet;
use std::fmt;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::calendar::last_day_of_month;

/// The first year the built-in calendars answer for.
pub const FIRST_YEAR: i32 = 1900;
/// The last year the built-in calendars answer for.
pub const LAST_YEAR: i32 = 2200;
/// How far the next (or previous) business day is looked for: a year. A
/// calendar with no business day in a year is refused, not searched on.
pub const MAX_SEARCH_DAYS: u32 = 366;
/// The most business days [`BusinessCalendar::add_business_days`] counts:
/// more than the 1900–2200 range holds (about 78,600).
pub const MAX_BUSINESS_DAYS: i64 = 100_000;
/// The longest span [`BusinessCalendar::business_days_between`] counts
/// over, in calendar days: more than 1900–2200 (109,938 days).
pub const MAX_SPAN_DAYS: i64 = 120_000;

// ---- weekends ----------------------------------------------------------------

/// The days of the week that are not business days. At least one day of
/// the week is a business day: [`Weekend::new`] refuses all seven.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Weekend {
    /// Bit `n` set: the day `n` days from Monday is a weekend day.
    bits: u8,
}

impl Weekend {
    /// Saturday and Sunday: what applies unless the agreement says otherwise.
    pub const SATURDAY_SUNDAY: Weekend = Weekend { bits: 0b110_0000 };

    /// A weekend of the stated days (repeats are harmless; none is allowed,
    /// for an agreement in which every day is a business day).
    pub fn new(days: &[Weekday]) -> Result<Weekend, CalendarError> {
        let bits = days.iter().fold(0u8, |bits, day| bits | bit(*day));
        if bits == 0b111_1111 {
            return Err(CalendarError::EveryDayIsWeekend);
        }
        Ok(Weekend { bits })
    }

    pub fn contains(self, day: Weekday) -> bool {
        self.bits & bit(day) != 0
    }

    /// The weekend days, Monday first.
    pub fn days(self) -> Vec<Weekday> {
        WEEK.iter().copied().filter(|d| self.contains(*d)).collect()
    }

    /// `Saturday and Sunday`, `Friday, Saturday and Sunday`, `no day`.
    pub fn as_words(self) -> String {
        let names: Vec<&str> = self.days().into_iter().map(day_name).collect();
        match names.split_last() {
            None => "no day".to_string(),
            Some((last, [])) => (*last).to_string(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        }
    }
}

impl Default for Weekend {
    fn default() -> Self {
        Weekend::SATURDAY_SUNDAY
    }
}

const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

fn bit(day: Weekday) -> u8 {
    1 << day.num_days_from_monday()
}

fn day_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// Saturday or Sunday: the days the holiday laws move a holiday off, whatever
/// weekend the agreement states.
fn on_saturday_or_sunday(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

// ---- holidays ----------------------------------------------------------------

/// A holiday calendar clausec computes by rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BuiltIn {
    /// The legal public holidays of 5 U.S.C. 6103, on the days federal
    /// employees observe them.
    UnitedStatesFederal,
    /// The bank holidays of England and Wales, with substitute days.
    EnglandAndWales,
}

impl BuiltIn {
    /// Its place among the built-ins, 0 or 1: where its holidays are kept
    /// ([`remembered_holidays`]) and held at hand in a walk.
    fn slot(self) -> usize {
        match self {
            BuiltIn::UnitedStatesFederal => 0,
            BuiltIn::EnglandAndWales => 1,
        }
    }

    pub fn as_words(self) -> &'static str {
        match self {
            BuiltIn::UnitedStatesFederal => "United States federal holidays",
            BuiltIn::EnglandAndWales => "England and Wales bank holidays",
        }
    }

    /// The days off in `year`, in date order: a holiday that moves is
    /// listed on the day it moves to (which may be in the year before, for
    /// a New Year's Day observed on December 31), one that does not move is
    /// listed on its own day, weekend or not. `None` outside 1900–2200.
    pub fn holidays_in(self, year: i32) -> Option<Vec<Holiday>> {
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            return None;
        }
        let mut holidays = match self {
            BuiltIn::UnitedStatesFederal => us_holidays_in(year)?,
            BuiltIn::EnglandAndWales => uk_holidays_in(year)?,
        };
        holidays.sort_by_key(|h| h.date);
        Some(holidays)
    }
}

impl fmt::Display for BuiltIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_words())
    }
}

/// One day off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    /// The holiday's name as the law or proclamation gives it.
    pub name: &'static str,
    pub moved: Moved,
}

/// Whether a holiday is kept on its own day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Moved {
    /// On its own day.
    No,
    /// A United States holiday observed on the Friday before or the Monday
    /// after.
    Observed,
    /// An England and Wales substitute day.
    Substitute,
}

impl Holiday {
    /// `Independence Day (observed)`, `Boxing Day (substitute day)`.
    pub fn describe(&self) -> String {
        match self.moved {
            Moved::No => self.name.to_string(),
            Moved::Observed => format!("{} (observed)", self.name),
            Moved::Substitute => format!("{} (substitute day)", self.name),
        }
    }
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The `n`th (1-based) `weekday` of the month.
fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: u8) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, n)
}

/// The last `weekday` of the month.
fn last_weekday(year: i32, month: u32, weekday: Weekday) -> Option<NaiveDate> {
    let last = last_day_of_month(year, month)?;
    let back = (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    last.checked_sub_days(Days::new(u64::from(back)))
}

/// Easter Sunday of a Gregorian year, by the anonymous Gregorian algorithm
/// (Meeus/Jones/Butcher). `None` before 1583, the first full Gregorian year.
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    if year < 1583 {
        return None;
    }
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

fn offset(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

// ---- United States -------------------------------------------------------------

/// The holidays of 5 U.S.C. 6103(a) in `year`, on their own days.
fn us_nominal(year: i32) -> Option<Vec<(NaiveDate, &'static str)>> {
    let mut days = vec![(ymd(year, 1, 1)?, "New Year's Day")];
    if year >= 1986 {
        let mlk = nth_weekday(year, 1, Weekday::Mon, 3)?;
        days.push((mlk, "Birthday of Martin Luther King, Jr."));
    }
    let washington = if year <= 1970 {
        ymd(year, 2, 22)?
    } else {
        nth_weekday(year, 2, Weekday::Mon, 3)?
    };
    days.push((washington, "Washington's Birthday"));
    let memorial = if year <= 1970 {
        ymd(year, 5, 30)?
    } else {
        last_weekday(year, 5, Weekday::Mon)?
    };
    days.push((memorial, "Memorial Day"));
    if year >= 2021 {
        days.push((ymd(year, 6, 19)?, "Juneteenth National Independence Day"));
    }
    days.push((ymd(year, 7, 4)?, "Independence Day"));
    // Labor Day has been a holiday since 1894, before the range.
    days.push((nth_weekday(year, 9, Weekday::Mon, 1)?, "Labor Day"));
    if year >= 1971 {
        days.push((nth_weekday(year, 10, Weekday::Mon, 2)?, "Columbus Day"));
    }
    match year {
        ..=1937 => {}
        1938..=1953 => days.push((ymd(year, 11, 11)?, "Armistice Day")),
        1971..=1977 => days.push((nth_weekday(year, 10, Weekday::Mon, 4)?, "Veterans Day")),
        _ => days.push((ymd(year, 11, 11)?, "Veterans Day")),
    }
    days.push((thanksgiving(year)?, "Thanksgiving Day"));
    days.push((ymd(year, 12, 25)?, "Christmas Day"));
    Some(days)
}

/// Thanksgiving as proclaimed (to 1941) or fixed by law (from 1942).
fn thanksgiving(year: i32) -> Option<NaiveDate> {
    let last = last_weekday(year, 11, Weekday::Thu)?;
    match year {
        ..=1938 => Some(last),
        1939..=1941 => last.checked_sub_days(Days::new(7)),
        _ => nth_weekday(year, 11, Weekday::Thu, 4),
    }
}

/// The day a holiday of `year` on `date` is observed, and whether it moved.
fn us_observed(year: i32, date: NaiveDate) -> Option<(NaiveDate, Moved)> {
    match date.weekday() {
        Weekday::Sat if year >= 1971 => Some((date.pred_opt()?, Moved::Observed)),
        Weekday::Sun => Some((date.succ_opt()?, Moved::Observed)),
        _ => Some((date, Moved::No)),
    }
}

fn us_holidays_in(year: i32) -> Option<Vec<Holiday>> {
    let mut holidays = Vec::new();
    // Next year's New Year's Day may be observed on December 31 of this one.
    let next_new_year = (ymd(year + 1, 1, 1)?, "New Year's Day");
    for (date, name) in us_nominal(year)? {
        let (date, moved) = us_observed(year, date)?;
        holidays.push(Holiday { date, name, moved });
    }
    let (date, moved) = us_observed(year + 1, next_new_year.0)?;
    holidays.push(Holiday {
        date,
        name: next_new_year.1,
        moved,
    });
    holidays.retain(|h| h.date.year() == year);
    Some(holidays)
}

// ---- England and Wales ------------------------------------------------------------

/// A regular bank holiday moved by proclamation in one year: (year, the
/// holiday's name, the day it was kept).
pub const UK_MOVED: &[(i32, &str, (u32, u32))] = &[
    (1995, EARLY_MAY, (5, 8)),
    (2002, SPRING, (6, 4)),
    (2012, SPRING, (6, 4)),
    (2020, EARLY_MAY, (5, 8)),
    (2022, SPRING, (6, 2)),
];

/// Bank holidays proclaimed for one year only.
pub const UK_ONE_OFF: &[((i32, u32, u32), &str)] = &[
    ((1977, 6, 7), "Silver Jubilee of Elizabeth II"),
    (
        (1981, 7, 29),
        "Wedding of the Prince of Wales and Lady Diana Spencer",
    ),
    ((1999, 12, 31), "Millennium celebrations"),
    ((2002, 6, 3), "Golden Jubilee of Elizabeth II"),
    (
        (2011, 4, 29),
        "Wedding of Prince William and Catherine Middleton",
    ),
    ((2012, 6, 5), "Diamond Jubilee of Elizabeth II"),
    ((2022, 6, 3), "Platinum Jubilee of Elizabeth II"),
    ((2022, 9, 19), "State Funeral of Queen Elizabeth II"),
    ((2023, 5, 8), "Coronation of King Charles III"),
];

const EARLY_MAY: &str = "Early May bank holiday";
const SPRING: &str = "Spring bank holiday";

/// The day a regular holiday is kept in `year`: as proclaimed, or by rule.
fn uk_kept(year: i32, name: &'static str, by_rule: NaiveDate) -> Option<(NaiveDate, &'static str)> {
    match UK_MOVED.iter().find(|(y, n, _)| *y == year && *n == name) {
        Some((_, _, (month, day))) => Some((ymd(year, *month, *day)?, name)),
        None => Some((by_rule, name)),
    }
}

/// The bank holidays of `year` on their own days, before substitution.
fn uk_nominal(year: i32) -> Option<Vec<(NaiveDate, &'static str)>> {
    let easter = easter_sunday(year)?;
    let mut days = Vec::new();
    if year >= 1974 {
        days.push((ymd(year, 1, 1)?, "New Year's Day"));
    }
    days.push((offset(easter, -2)?, "Good Friday"));
    days.push((offset(easter, 1)?, "Easter Monday"));
    if year <= 1970 {
        days.push((offset(easter, 50)?, "Whit Monday"));
        days.push((
            nth_weekday(year, 8, Weekday::Mon, 1)?,
            "August bank holiday",
        ));
    } else {
        if year >= 1978 {
            let early_may = nth_weekday(year, 5, Weekday::Mon, 1)?;
            days.push(uk_kept(year, EARLY_MAY, early_may)?);
        }
        days.push(uk_kept(year, SPRING, last_weekday(year, 5, Weekday::Mon)?)?);
        let summer = last_weekday(year, 8, Weekday::Mon)?;
        days.push((summer, "Summer bank holiday"));
    }
    days.push((ymd(year, 12, 25)?, "Christmas Day"));
    days.push((ymd(year, 12, 26)?, "Boxing Day"));
    for ((y, month, day), name) in UK_ONE_OFF {
        if *y == year {
            days.push((ymd(year, *month, *day)?, *name));
        }
    }
    days.sort_by_key(|(date, _)| *date);
    Some(days)
}

/// Whether the holiday `name` on `date` is replaced by a substitute day.
fn uk_substituted(year: i32, name: &str, date: NaiveDate) -> bool {
    if year >= 1971 {
        on_saturday_or_sunday(date)
    } else {
        // The 1871 Act: December 26 "if a week day"; the 27th when it is a
        // Sunday (see the module's notes). Nothing else moved.
        name == "Boxing Day" && date.weekday() == Weekday::Sun
    }
}

fn uk_holidays_in(year: i32) -> Option<Vec<Holiday>> {
    let nominal = uk_nominal(year)?;
    let mut taken: BTreeSet<NaiveDate> = nominal
        .iter()
        .filter(|(date, name)| !uk_substituted(year, name, *date))
        .map(|(date, _)| *date)
        .collect();
    let mut holidays = Vec::with_capacity(nominal.len());
    for (date, name) in nominal {
        if !uk_substituted(year, name, date) {
            holidays.push(Holiday {
                date,
                name,
                moved: Moved::No,
            });
            continue;
        }
        // The next weekday not already a holiday: at most a week away, as a
        // year has far fewer than five holidays in a row.
        let substitute = (1..=7)
            .filter_map(|n| offset(date, n))
            .find(|d| !on_saturday_or_sunday(*d) && !taken.contains(d))?;
        taken.insert(substitute);
        holidays.push(Holiday {
            date: substitute,
            name,
            moved: Moved::Substitute,
        });
    }
    Some(holidays)
}

// ---- the calendar ----------------------------------------------------------------

/// How a date that is not a business day is moved to one (the ISDA
/// business day conventions).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Roll {
    /// The first business day after.
    Following,
    /// The first business day after, unless that is in the next month: then
    /// the last business day before.
    ModifiedFollowing,
    /// The last business day before.
    Preceding,
    /// The last business day before, unless that is in the previous month:
    /// then the first business day after.
    ModifiedPreceding,
}

impl Roll {
    pub fn as_words(self) -> &'static str {
        match self {
            Roll::Following => "following",
            Roll::ModifiedFollowing => "modified following",
            Roll::Preceding => "preceding",
            Roll::ModifiedPreceding => "modified preceding",
        }
    }
}

impl fmt::Display for Roll {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_words())
    }
}

/// Why a business-day question has no answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CalendarError {
    /// A weekend of all seven days.
    EveryDayIsWeekend,
    /// A built-in calendar was asked about a date outside 1900–2200.
    OutOfRange { date: NaiveDate, built_in: BuiltIn },
    /// The count ran off the end of the dates chrono can represent.
    EndOfCalendar,
    /// No business day within [`MAX_SEARCH_DAYS`] days of `from`.
    NoBusinessDay { from: NaiveDate },
    /// More than [`MAX_BUSINESS_DAYS`] business days to count.
    TooManyBusinessDays { requested: i64 },
    /// A span longer than [`MAX_SPAN_DAYS`] days.
    SpanTooLong { from: NaiveDate, to: NaiveDate },
}

impl CalendarError {
    pub fn describe(&self) -> String {
        match self {
            CalendarError::EveryDayIsWeekend => {
                "a weekend of every day of the week leaves no business day".to_string()
            }
            CalendarError::OutOfRange { date, built_in } => format!(
                "{} are known for {FIRST_YEAR} to {LAST_YEAR} only, not for {}",
                built_in.as_words(),
                super::calendar::long_date(*date)
            ),
            CalendarError::EndOfCalendar => "the count runs past the calendar".to_string(),
            CalendarError::NoBusinessDay { from } => format!(
                "no business day within {MAX_SEARCH_DAYS} days of {}",
                super::calendar::long_date(*from)
            ),
            CalendarError::TooManyBusinessDays { requested } => format!(
                "{requested} business days is more than the {MAX_BUSINESS_DAYS} clausec counts"
            ),
            CalendarError::SpanTooLong { from, to } => format!(
                "{} to {} is longer than the {MAX_SPAN_DAYS} days clausec counts over",
                super::calendar::long_date(*from),
                super::calendar::long_date(*to)
            ),
        }
    }
}

impl fmt::Display for CalendarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

/// The business days of an agreement: not a weekend day, not a holiday of
/// any of the built-in calendars, not one of the agreement's own holidays.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BusinessCalendar {
    pub weekend: Weekend,
    pub built_ins: Vec<BuiltIn>,
    /// Days the agreement itself states are not business days.
    pub extra_holidays: BTreeSet<NaiveDate>,
}

/// Which way a search goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Forward,
    Back,
}

impl Direction {
    fn step(self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        match self {
            Direction::Forward => date.succ_opt(),
            Direction::Back => date.pred_opt(),
        }
        .ok_or(CalendarError::EndOfCalendar)
    }
}

impl BusinessCalendar {
    /// Saturday and Sunday off, with the holidays of `built_ins`.
    pub fn with_built_ins(built_ins: Vec<BuiltIn>) -> Self {
        BusinessCalendar {
            weekend: Weekend::SATURDAY_SUNDAY,
            built_ins,
            extra_holidays: BTreeSet::new(),
        }
    }

    /// `Some(true)` for a business day; `None` when a built-in calendar is
    /// used and the date is outside 1900–2200.
    pub fn is_business_day(&self, date: NaiveDate) -> Option<bool> {
        Walk::new(self).is_business_day(date).ok()
    }

    /// The names of the holidays on `date`, joined with "; "
    /// (`Independence Day (observed)`); `Ok(None)` when it is no holiday
    /// (a weekend day is not a holiday). An error outside 1900–2200.
    pub fn holiday_name(&self, date: NaiveDate) -> Result<Option<String>, CalendarError> {
        let mut names: Vec<String> = Vec::new();
        for built_in in &self.built_ins {
            let holidays = holidays_or_error(*built_in, date)?;
            for holiday in holidays.iter().filter(|h| h.date == date) {
                let name = holiday.describe();
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        if self.extra_holidays.contains(&date) {
            names.push("a holiday the agreement states".to_string());
        }
        Ok((!names.is_empty()).then(|| names.join("; ")))
    }

    /// The `n`th business day after `date` (`n` > 0), or before it (`n` <
    /// 0), not counting `date` itself: "3 business days after X" is the
    /// third business day after X. `n` = 0 is `date` itself, business day
    /// or not (use [`BusinessCalendar::roll`] to move it).
    pub fn add_business_days(&self, date: NaiveDate, n: i64) -> Result<NaiveDate, CalendarError> {
        if n.unsigned_abs() > MAX_BUSINESS_DAYS.unsigned_abs() {
            return Err(CalendarError::TooManyBusinessDays { requested: n });
        }
        let direction = if n >= 0 {
            Direction::Forward
        } else {
            Direction::Back
        };
        let mut days = Walk::new(self);
        let mut at = date;
        for _ in 0..n.unsigned_abs() {
            at = days.next_business_day(direction.step(at)?, direction)?;
        }
        Ok(at)
    }

    /// `date` if it is a business day, else the day the convention moves it
    /// to.
    pub fn roll(&self, date: NaiveDate, roll: Roll) -> Result<NaiveDate, CalendarError> {
        let mut days = Walk::new(self);
        let (first, second) = match roll {
            Roll::Following => return days.next_business_day(date, Direction::Forward),
            Roll::Preceding => return days.next_business_day(date, Direction::Back),
            Roll::ModifiedFollowing => (Direction::Forward, Direction::Back),
            Roll::ModifiedPreceding => (Direction::Back, Direction::Forward),
        };
        let rolled = days.next_business_day(date, first)?;
        if rolled.month() == date.month() && rolled.year() == date.year() {
            Ok(rolled)
        } else {
            days.next_business_day(date, second)
        }
    }

    /// `date` if it is a business day, else the next one.
    pub fn first_business_day_on_or_after(
        &self,
        date: NaiveDate,
    ) -> Result<NaiveDate, CalendarError> {
        self.roll(date, Roll::Following)
    }

    /// The number of business days after `a` up to and including `b` (the
    /// days in (a, b]); negative, the days in (b, a], when `b` is before
    /// `a`. So `add_business_days(a, n)` is `b` exactly when `b` is a
    /// business day and `business_days_between(a, b)` is `n`.
    pub fn business_days_between(&self, a: NaiveDate, b: NaiveDate) -> Result<i64, CalendarError> {
        let span = b.signed_duration_since(a).num_days();
        if span.abs() > MAX_SPAN_DAYS {
            return Err(CalendarError::SpanTooLong { from: a, to: b });
        }
        let (from, to, sign) = if span >= 0 { (a, b, 1) } else { (b, a, -1) };
        let mut days = Walk::new(self);
        let mut count = 0i64;
        let mut at = from;
        while at < to {
            at = Direction::Forward.step(at)?;
            if days.is_business_day(at)? {
                count += 1;
            }
        }
        Ok(sign * count)
    }
}

/// A built-in's holidays for `date`'s year, or why there are none.
fn holidays_or_error(
    built_in: BuiltIn,
    date: NaiveDate,
) -> Result<&'static [Holiday], CalendarError> {
    remembered_holidays(built_in, date.year()).ok_or(CalendarError::OutOfRange { date, built_in })
}

/// The years the built-in calendars answer for: 1900–2200.
const YEARS: usize = (LAST_YEAR - FIRST_YEAR + 1) as usize;

/// One year's holidays of one built-in calendar, computed on first use.
type Remembered = std::sync::OnceLock<Option<Box<[Holiday]>>>;

/// [`BuiltIn::holidays_in`], computed once per calendar and year for the
/// whole process and kept: a year's holidays depend on the year alone, and
/// a long schedule or ten thousand dates counted in business days ask for
/// the same few years again and again (computing them was half the time of
/// [`BusinessCalendar::add_business_days`]). At most 2 × 301 small lists.
fn remembered_holidays(built_in: BuiltIn, year: i32) -> Option<&'static [Holiday]> {
    static KEPT: [[Remembered; YEARS]; 2] = [const { [const { Remembered::new() }; YEARS] }; 2];
    let slot = KEPT
        .get(built_in.slot())?
        .get(usize::try_from(year.checked_sub(FIRST_YEAR)?).ok()?)?;
    slot.get_or_init(|| built_in.holidays_in(year).map(Vec::into_boxed_slice))
        .as_deref()
}

/// A calendar with the holidays of one year at hand (each built-in's kept
/// list, [`remembered_holidays`]), so that a walk over many days looks
/// them up once a year.
struct Walk<'a> {
    calendar: &'a BusinessCalendar,
    year: Option<i32>,
    /// The days off in `year` of each built-in the calendar names, sorted
    /// by date; none for one it does not ([`BuiltIn::slot`]). An array, not
    /// a list: a walk is made for every date counted and allocates nothing.
    holidays: [&'static [Holiday]; 2],
}

impl<'a> Walk<'a> {
    fn new(calendar: &'a BusinessCalendar) -> Self {
        Walk {
            calendar,
            year: None,
            holidays: [&[]; 2],
        }
    }

    fn is_business_day(&mut self, date: NaiveDate) -> Result<bool, CalendarError> {
        let in_range = (FIRST_YEAR..=LAST_YEAR).contains(&date.year());
        if let (false, Some(built_in)) = (in_range, self.calendar.built_ins.first()) {
            return Err(CalendarError::OutOfRange {
                date,
                built_in: *built_in,
            });
        }
        // A weekend day or a stated holiday needs no year's holidays.
        if self.calendar.weekend.contains(date.weekday())
            || self.calendar.extra_holidays.contains(&date)
        {
            return Ok(false);
        }
        if !self.calendar.built_ins.is_empty() && self.year != Some(date.year()) {
            for built_in in &self.calendar.built_ins {
                let days = holidays_or_error(*built_in, date)?;
                if let Some(slot) = self.holidays.get_mut(built_in.slot()) {
                    *slot = days;
                }
            }
            self.year = Some(date.year());
        }
        let holiday = |days: &&[Holiday]| days.binary_search_by_key(&date, |h| h.date).is_ok();
        Ok(!self.holidays.iter().any(holiday))
    }

    /// `from` if it is a business day, else the first one in `direction`,
    /// looking at most [`MAX_SEARCH_DAYS`] days away.
    fn next_business_day(
        &mut self,
        from: NaiveDate,
        direction: Direction,
    ) -> Result<NaiveDate, CalendarError> {
        let mut at = from;
        for _ in 0..=MAX_SEARCH_DAYS {
            if self.is_business_day(at)? {
                return Ok(at);
            }
            at = direction.step(at)?;
        }
        Err(CalendarError::NoBusinessDay { from })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn dates(built_in: BuiltIn, year: i32) -> Vec<(u32, u32)> {
        built_in
            .holidays_in(year)
            .unwrap()
            .iter()
            .map(|h| (h.date.month(), h.date.day()))
            .collect()
    }

    fn us() -> BusinessCalendar {
        BusinessCalendar::with_built_ins(vec![BuiltIn::UnitedStatesFederal])
    }

    fn uk() -> BusinessCalendar {
        BusinessCalendar::with_built_ins(vec![BuiltIn::EnglandAndWales])
    }

    // ---- Easter ----

    #[test]
    fn easter_on_known_dates() {
        // Published Easter dates (Western, Gregorian), including the
        // earliest (March 22, 1818) and latest (April 25, 1943 and 2038)
        // possible.
        for (y, m, day) in [
            (1818, 3, 22),
            (1900, 4, 15),
            (1943, 4, 25),
            (1961, 4, 2),
            (2000, 4, 23),
            (2008, 3, 23),
            (2011, 4, 24),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2038, 4, 25),
        ] {
            assert_eq!(easter_sunday(y), Some(d(y, m, day)), "Easter {y}");
        }
        assert_eq!(easter_sunday(1582), None);
    }

    // ---- United States: OPM's federal holiday tables, written out by hand
    // from opm.gov ("Federal Holidays", the table for each year). ----

    #[test]
    fn us_2010() {
        let expected = [
            (1, 1),
            (1, 18),
            (2, 15),
            (5, 31),
            (7, 5), // Independence Day (observed)
            (9, 6),
            (10, 11),
            (11, 11),
            (11, 25),
            (12, 24), // Christmas Day (observed)
            (12, 31), // New Year's Day 2011 (observed)
        ];
        assert_eq!(dates(BuiltIn::UnitedStatesFederal, 2010), expected);
    }

    #[test]
    fn us_2016() {
        let expected = [
            (1, 1),
            (1, 18),
            (2, 15),
            (5, 30),
            (7, 4),
            (9, 5),
            (10, 10),
            (11, 11),
            (11, 24),
            (12, 26), // Christmas Day (observed)
        ];
        assert_eq!(dates(BuiltIn::UnitedStatesFederal, 2016), expected);
    }

    #[test]
    fn us_2021() {
        let expected = [
            (1, 1),
            (1, 18),
            (2, 15),
            (5, 31),
            (6, 18), // Juneteenth (observed), its first year
            (7, 5),
            (9, 6),
            (10, 11),
            (11, 11),
            (11, 25),
            (12, 24),
            (12, 31), // New Year's Day 2022 (observed)
        ];
        assert_eq!(dates(BuiltIn::UnitedStatesFederal, 2021), expected);
    }

    #[test]
    fn us_2022() {
        // January 1, 2022 was a Saturday: observed December 31, 2021.
        let expected = [
            (1, 17),
            (2, 21),
            (5, 30),
            (6, 20), // Juneteenth (observed)
            (7, 4),
            (9, 5),
            (10, 10),
            (11, 11),
            (11, 24),
            (12, 26),
        ];
        assert_eq!(dates(BuiltIn::UnitedStatesFederal, 2022), expected);
    }

    #[test]
    fn us_2023() {
        let expected = [
            (1, 2), // New Year's Day (observed)
            (1, 16),
            (2, 20),
            (5, 29),
            (6, 19),
            (7, 4),
            (9, 4),
            (10, 9),
            (11, 10), // Veterans Day (observed)
            (11, 23),
            (12, 25),
        ];
        assert_eq!(dates(BuiltIn::UnitedStatesFederal, 2023), expected);
    }

    #[test]
    fn us_2024() {
        let expected = [
            (1, 1),
            (1, 15),
            (2, 19),
            (5, 27),
            (6, 19),
            (7, 4),
            (9, 2),
            (10, 14),
            (11, 11),
            (11, 28),
            (12, 25),
        ];
        assert_eq!(dates(BuiltIn::UnitedStatesFederal, 2024), expected);
    }

    #[test]
    fn us_2025() {
        let expected = [
            (1, 1),
            (1, 20),
            (2, 17),
            (5, 26),
            (6, 19),
            (7, 4),
            (9, 1),
            (10, 13),
            (11, 11),
            (11, 27),
            (12, 25),
        ];
        assert_eq!(dates(BuiltIn::UnitedStatesFederal, 2025), expected);
    }

    #[test]
    fn us_2026() {
        let expected = [
            (1, 1),
            (1, 19),
            (2, 16),
            (5, 25),
            (6, 19),
            (7, 3), // Independence Day (observed)
            (9, 7),
            (10, 12),
            (11, 11),
            (11, 26),
            (12, 25),
        ];
        assert_eq!(dates(BuiltIn::UnitedStatesFederal, 2026), expected);
    }

    #[test]
    fn us_2027() {
        let expected = [
            (1, 1),
            (1, 18),
            (2, 15),
            (5, 31),
            (6, 18), // Juneteenth (observed)
            (7, 5),  // Independence Day (observed)
            (9, 6),
            (10, 11),
            (11, 11),
            (11, 25),
            (12, 24), // Christmas Day (observed)
            (12, 31), // New Year's Day 2028 (observed)
        ];
        assert_eq!(dates(BuiltIn::UnitedStatesFederal, 2027), expected);
    }

    #[test]
    fn us_historical_years() {
        // 1975: Veterans Day on the fourth Monday of October (Pub. L.
        // 90-363, 1971–1977), Washington's Birthday and Memorial Day on
        // Mondays.
        let expected_1975 = [
            (1, 1),
            (2, 17),
            (5, 26),
            (7, 4),
            (9, 1),
            (10, 13),
            (10, 27),
            (11, 27),
            (12, 25),
        ];
        assert_eq!(dates(BuiltIn::UnitedStatesFederal, 1975), expected_1975);
        // 1960: the fixed dates; Christmas on a Sunday observed Monday; no
        // Columbus Day before 1971.
        let expected_1960 = [
            (1, 1),
            (2, 22),
            (5, 30),
            (7, 4),
            (9, 5),
            (11, 11),
            (11, 24),
            (12, 26),
        ];
        assert_eq!(dates(BuiltIn::UnitedStatesFederal, 1960), expected_1960);
        // Before 1971 a Saturday holiday is not moved: July 4, 1959 was a
        // Saturday (the Friday off that year was a one-off Executive Order).
        let us = us();
        assert_eq!(
            us.holiday_name(d(1959, 7, 4)).unwrap().as_deref(),
            Some("Independence Day")
        );
        assert_eq!(us.holiday_name(d(1959, 7, 3)).unwrap(), None);
        // Thanksgiving as proclaimed.
        for (y, day) in [
            (1900, 29),
            (1938, 24),
            (1939, 23),
            (1940, 21),
            (1941, 20),
            (1942, 26),
        ] {
            assert_eq!(thanksgiving(y), Some(d(y, 11, day)), "Thanksgiving {y}");
        }
        // Armistice Day from 1938; Martin Luther King Jr.'s Birthday from 1986.
        assert_eq!(
            us.holiday_name(d(1938, 11, 11)).unwrap().as_deref(),
            Some("Armistice Day")
        );
        assert_eq!(us.holiday_name(d(1937, 11, 11)).unwrap(), None);
        assert_eq!(us.holiday_name(d(1985, 1, 21)).unwrap(), None);
        assert_eq!(
            us.holiday_name(d(1986, 1, 20)).unwrap().as_deref(),
            Some("Birthday of Martin Luther King, Jr.")
        );
        // The first Saturday rule: January 1, 1972 was a Saturday.
        assert_eq!(
            us.holiday_name(d(1971, 12, 31)).unwrap().as_deref(),
            Some("New Year's Day (observed)")
        );
    }

    #[test]
    fn us_names_say_observed() {
        let us = us();
        assert_eq!(
            us.holiday_name(d(2027, 7, 5)).unwrap().as_deref(),
            Some("Independence Day (observed)")
        );
        assert_eq!(
            us.holiday_name(d(2021, 12, 31)).unwrap().as_deref(),
            Some("New Year's Day (observed)")
        );
        assert_eq!(
            us.holiday_name(d(2022, 6, 20)).unwrap().as_deref(),
            Some("Juneteenth National Independence Day (observed)")
        );
        assert_eq!(us.holiday_name(d(2022, 6, 21)).unwrap(), None);
        // Inauguration Day is not a holiday here.
        assert_eq!(us.holiday_name(d(2009, 1, 20)).unwrap(), None);
    }

    // ---- England and Wales: gov.uk's "UK bank holidays" lists (England
    // and Wales), written out by hand. ----

    fn uk_year(year: i32, expected: &[(u32, u32)]) {
        assert_eq!(dates(BuiltIn::EnglandAndWales, year), expected, "{year}");
    }

    #[test]
    fn uk_published_lists() {
        uk_year(
            2012,
            &[
                (1, 2),
                (4, 6),
                (4, 9),
                (5, 7),
                (6, 4),
                (6, 5),
                (8, 27),
                (12, 25),
                (12, 26),
            ],
        );
        uk_year(
            2018,
            &[
                (1, 1),
                (3, 30),
                (4, 2),
                (5, 7),
                (5, 28),
                (8, 27),
                (12, 25),
                (12, 26),
            ],
        );
        uk_year(
            2019,
            &[
                (1, 1),
                (4, 19),
                (4, 22),
                (5, 6),
                (5, 27),
                (8, 26),
                (12, 25),
                (12, 26),
            ],
        );
        uk_year(
            2020,
            &[
                (1, 1),
                (4, 10),
                (4, 13),
                (5, 8),
                (5, 25),
                (8, 31),
                (12, 25),
                (12, 28),
            ],
        );
        uk_year(
            2021,
            &[
                (1, 1),
                (4, 2),
                (4, 5),
                (5, 3),
                (5, 31),
                (8, 30),
                (12, 27),
                (12, 28),
            ],
        );
        uk_year(
            2022,
            &[
                (1, 3),
                (4, 15),
                (4, 18),
                (5, 2),
                (6, 2),
                (6, 3),
                (8, 29),
                (9, 19),
                (12, 26),
                (12, 27),
            ],
        );
        uk_year(
            2023,
            &[
                (1, 2),
                (4, 7),
                (4, 10),
                (5, 1),
                (5, 8),
                (5, 29),
                (8, 28),
                (12, 25),
                (12, 26),
            ],
        );
        uk_year(
            2024,
            &[
                (1, 1),
                (3, 29),
                (4, 1),
                (5, 6),
                (5, 27),
                (8, 26),
                (12, 25),
                (12, 26),
            ],
        );
        uk_year(
            2025,
            &[
                (1, 1),
                (4, 18),
                (4, 21),
                (5, 5),
                (5, 26),
                (8, 25),
                (12, 25),
                (12, 26),
            ],
        );
        uk_year(
            2026,
            &[
                (1, 1),
                (4, 3),
                (4, 6),
                (5, 4),
                (5, 25),
                (8, 31),
                (12, 25),
                (12, 28),
            ],
        );
        uk_year(
            2027,
            &[
                (1, 1),
                (3, 26),
                (3, 29),
                (5, 3),
                (5, 31),
                (8, 30),
                (12, 27),
                (12, 28),
            ],
        );
    }

    #[test]
    fn uk_substitute_day_names() {
        let uk = uk();
        let name = |y, m, day| uk.holiday_name(d(y, m, day)).unwrap();
        // Christmas on a Saturday (2021): Monday 27 for Christmas, Tuesday 28
        // for Boxing Day.
        assert_eq!(
            name(2021, 12, 27).as_deref(),
            Some("Christmas Day (substitute day)")
        );
        assert_eq!(
            name(2021, 12, 28).as_deref(),
            Some("Boxing Day (substitute day)")
        );
        // On a Sunday (2022): Boxing Day keeps Monday 26, Christmas Tuesday 27.
        assert_eq!(name(2022, 12, 26).as_deref(), Some("Boxing Day"));
        assert_eq!(
            name(2022, 12, 27).as_deref(),
            Some("Christmas Day (substitute day)")
        );
        assert_eq!(
            name(2022, 1, 3).as_deref(),
            Some("New Year's Day (substitute day)")
        );
        assert_eq!(
            name(2022, 9, 19).as_deref(),
            Some("State Funeral of Queen Elizabeth II")
        );
        assert_eq!(
            name(2023, 5, 8).as_deref(),
            Some("Coronation of King Charles III")
        );
        assert_eq!(name(2020, 5, 8).as_deref(), Some("Early May bank holiday"));
        assert_eq!(name(2020, 5, 4), None);
    }

    #[test]
    fn uk_historical_years() {
        // 1960, under the Bank Holidays Act 1871: Good Friday, Easter
        // Monday, Whit Monday, the first Monday in August, Christmas Day
        // (a Sunday, not moved) and Boxing Day.
        uk_year(
            1960,
            &[(4, 15), (4, 18), (6, 6), (8, 1), (12, 25), (12, 26)],
        );
        // 1970 by the 1871 Act's rule (Whit Monday, May 18: Easter was
        // March 29). The trial-period proclamation of that year is not
        // modelled (see the module's notes).
        uk_year(
            1970,
            &[(3, 27), (3, 30), (5, 18), (8, 3), (12, 25), (12, 26)],
        );
        // 1977: New Year's Day (a Saturday) on Monday 3, no early May
        // holiday yet, the Silver Jubilee, Christmas on a Sunday.
        uk_year(
            1977,
            &[
                (1, 3),
                (4, 8),
                (4, 11),
                (5, 30),
                (6, 7),
                (8, 29),
                (12, 26),
                (12, 27),
            ],
        );
        // 1995: the early May holiday on May 8 (VE Day), not May 1.
        let uk = uk();
        assert_eq!(uk.is_business_day(d(1995, 5, 1)), Some(true));
        assert_eq!(uk.is_business_day(d(1995, 5, 8)), Some(false));
        // 1999–2000: the millennium, then New Year's Day on Monday 3.
        assert_eq!(uk.is_business_day(d(1999, 12, 31)), Some(false));
        assert_eq!(uk.is_business_day(d(2000, 1, 3)), Some(false));
        // 1981 and 2011 royal weddings; 2002 jubilee weekend.
        assert_eq!(uk.is_business_day(d(1981, 7, 29)), Some(false));
        assert_eq!(uk.is_business_day(d(2011, 4, 29)), Some(false));
        assert_eq!(uk.is_business_day(d(2002, 6, 3)), Some(false));
        assert_eq!(uk.is_business_day(d(2002, 6, 4)), Some(false));
        assert_eq!(uk.is_business_day(d(2002, 5, 27)), Some(true));
        // Before 1971, December 26 on a Sunday moves to the 27th (1965).
        assert_eq!(
            uk.holiday_name(d(1965, 12, 27)).unwrap().as_deref(),
            Some("Boxing Day (substitute day)")
        );
    }

    // ---- the calendar ----

    #[test]
    fn weekends() {
        assert_eq!(Weekend::default().as_words(), "Saturday and Sunday");
        let gulf = Weekend::new(&[Weekday::Fri, Weekday::Sat]).unwrap();
        assert!(gulf.contains(Weekday::Fri) && !gulf.contains(Weekday::Sun));
        assert_eq!(
            Weekend::new(&[Weekday::Fri, Weekday::Sat, Weekday::Sun])
                .unwrap()
                .as_words(),
            "Friday, Saturday and Sunday"
        );
        assert_eq!(Weekend::new(&[]).unwrap().as_words(), "no day");
        assert_eq!(Weekend::new(&WEEK), Err(CalendarError::EveryDayIsWeekend));
        let calendar = BusinessCalendar {
            weekend: gulf,
            ..BusinessCalendar::default()
        };
        assert_eq!(calendar.is_business_day(d(2024, 3, 8)), Some(false)); // a Friday
        assert_eq!(calendar.is_business_day(d(2024, 3, 10)), Some(true)); // a Sunday
    }

    #[test]
    fn names_in_words() {
        assert_eq!(Roll::ModifiedFollowing.to_string(), "modified following");
        assert_eq!(Roll::Preceding.as_words(), "preceding");
        assert_eq!(
            BuiltIn::UnitedStatesFederal.to_string(),
            "United States federal holidays"
        );
        assert_eq!(
            BuiltIn::EnglandAndWales.as_words(),
            "England and Wales bank holidays"
        );
    }

    #[test]
    fn rolls_on_month_ends_and_weekends() {
        let plain = BusinessCalendar::default();
        // Saturday, August 31, 2024: following crosses into September.
        let sat = d(2024, 8, 31);
        assert_eq!(plain.roll(sat, Roll::Following), Ok(d(2024, 9, 2)));
        assert_eq!(plain.roll(sat, Roll::ModifiedFollowing), Ok(d(2024, 8, 30)));
        assert_eq!(plain.roll(sat, Roll::Preceding), Ok(d(2024, 8, 30)));
        assert_eq!(plain.roll(sat, Roll::ModifiedPreceding), Ok(d(2024, 8, 30)));
        // Sunday, June 1, 2025: preceding crosses into May.
        let sun = d(2025, 6, 1);
        assert_eq!(plain.roll(sun, Roll::Preceding), Ok(d(2025, 5, 30)));
        assert_eq!(plain.roll(sun, Roll::ModifiedPreceding), Ok(d(2025, 6, 2)));
        assert_eq!(plain.roll(sun, Roll::ModifiedFollowing), Ok(d(2025, 6, 2)));
        // A business day stays.
        let wed = d(2025, 6, 4);
        for roll in [
            Roll::Following,
            Roll::ModifiedFollowing,
            Roll::Preceding,
            Roll::ModifiedPreceding,
        ] {
            assert_eq!(plain.roll(wed, roll), Ok(wed));
        }
        // With holidays: Saturday, December 25, 2021 in England; the 27th
        // and 28th are substitute days, so following is Wednesday the 29th.
        let uk = uk();
        assert_eq!(
            uk.roll(d(2021, 12, 25), Roll::Following),
            Ok(d(2021, 12, 29))
        );
        assert_eq!(
            uk.roll(d(2021, 12, 25), Roll::Preceding),
            Ok(d(2021, 12, 24))
        );
        // Friday, December 31, 2027 is a US holiday (New Year's Day 2028
        // observed): modified following stays in December.
        let us = us();
        assert_eq!(
            us.roll(d(2027, 12, 31), Roll::ModifiedFollowing),
            Ok(d(2027, 12, 30))
        );
        assert_eq!(us.roll(d(2027, 12, 31), Roll::Following), Ok(d(2028, 1, 3)));
        assert_eq!(
            us.first_business_day_on_or_after(d(2027, 12, 24)),
            Ok(d(2027, 12, 27))
        );
    }

    #[test]
    fn adding_business_days_across_holidays() {
        let us = us();
        // Thursday, July 1, 2027; Monday July 5 is Independence Day
        // (observed): 3 business days after is Wednesday July 7.
        assert_eq!(us.add_business_days(d(2027, 7, 1), 3), Ok(d(2027, 7, 7)));
        assert_eq!(us.add_business_days(d(2027, 7, 7), -3), Ok(d(2027, 7, 1)));
        // From a holiday itself: the day is not counted.
        assert_eq!(us.add_business_days(d(2027, 7, 5), 1), Ok(d(2027, 7, 6)));
        assert_eq!(us.add_business_days(d(2027, 7, 5), 0), Ok(d(2027, 7, 5)));
        // Both calendars: Christmas week 2022.
        let both = BusinessCalendar::with_built_ins(vec![
            BuiltIn::UnitedStatesFederal,
            BuiltIn::EnglandAndWales,
        ]);
        assert_eq!(
            both.add_business_days(d(2022, 12, 23), 1),
            Ok(d(2022, 12, 28))
        );
        assert_eq!(
            both.holiday_name(d(2022, 12, 26)).unwrap().as_deref(),
            Some("Christmas Day (observed); Boxing Day")
        );
        // An agreement's own holiday.
        let mut own = us.clone();
        own.extra_holidays.insert(d(2027, 7, 6));
        assert_eq!(own.add_business_days(d(2027, 7, 5), 1), Ok(d(2027, 7, 7)));
        assert_eq!(
            own.holiday_name(d(2027, 7, 6)).unwrap().as_deref(),
            Some("a holiday the agreement states")
        );
    }

    #[test]
    fn counting_business_days_between() {
        let us = us();
        // (Thursday July 1, Wednesday July 7], 2027: 2, 6, 7.
        assert_eq!(
            us.business_days_between(d(2027, 7, 1), d(2027, 7, 7)),
            Ok(3)
        );
        assert_eq!(
            us.business_days_between(d(2027, 7, 7), d(2027, 7, 1)),
            Ok(-3)
        );
        assert_eq!(
            us.business_days_between(d(2027, 7, 1), d(2027, 7, 1)),
            Ok(0)
        );
        // Federal business days in 2024 (a leap year starting on Monday):
        // 262 weekdays less 11 holidays, none on a weekend.
        assert_eq!(
            us.business_days_between(d(2023, 12, 31), d(2024, 12, 31)),
            Ok(251)
        );
        // The inverse of add_business_days.
        for n in [-40, -1, 1, 7, 250] {
            let to = us.add_business_days(d(2026, 6, 30), n).unwrap();
            assert_eq!(us.business_days_between(d(2026, 6, 30), to), Ok(n));
        }
    }

    #[test]
    fn out_of_range_years_are_refused() {
        let us = us();
        assert_eq!(BuiltIn::UnitedStatesFederal.holidays_in(1899), None);
        assert_eq!(BuiltIn::EnglandAndWales.holidays_in(2201), None);
        assert_eq!(us.is_business_day(d(1899, 12, 29)), None);
        assert_eq!(us.is_business_day(d(2201, 1, 2)), None);
        assert_eq!(us.is_business_day(d(1900, 1, 2)), Some(true));
        assert_eq!(us.is_business_day(d(2200, 12, 31)), Some(true));
        assert_eq!(
            us.add_business_days(d(2200, 12, 31), 1),
            Err(CalendarError::OutOfRange {
                date: d(2201, 1, 1),
                built_in: BuiltIn::UnitedStatesFederal
            })
        );
        assert!(us.roll(d(1900, 1, 1), Roll::Preceding).is_err());
        assert!(us.holiday_name(d(1800, 1, 1)).is_err());
        // Without a built-in, any date chrono knows.
        let plain = BusinessCalendar::default();
        assert_eq!(plain.is_business_day(d(1800, 1, 1)), Some(true));
        assert_eq!(
            plain.add_business_days(NaiveDate::MAX, 1),
            Err(CalendarError::EndOfCalendar)
        );
    }

    #[test]
    fn every_search_is_bounded() {
        let plain = BusinessCalendar::default();
        assert_eq!(
            plain.add_business_days(d(2000, 1, 3), i64::MIN),
            Err(CalendarError::TooManyBusinessDays {
                requested: i64::MIN
            })
        );
        assert!(matches!(
            plain.business_days_between(NaiveDate::MIN, NaiveDate::MAX),
            Err(CalendarError::SpanTooLong { .. })
        ));
        // A weekend of six days and every Monday of two years a holiday.
        let mut closed = BusinessCalendar {
            weekend: Weekend::new(&WEEK[1..]).unwrap(),
            ..BusinessCalendar::default()
        };
        let mut monday = d(2024, 1, 1);
        while monday.year() < 2026 {
            closed.extra_holidays.insert(monday);
            monday = monday + Days::new(7);
        }
        assert_eq!(
            closed.roll(d(2024, 6, 5), Roll::Following),
            Err(CalendarError::NoBusinessDay {
                from: d(2024, 6, 5)
            })
        );
        assert_eq!(
            closed.roll(d(2024, 6, 5), Roll::Preceding),
            Ok(d(2023, 12, 25))
        );
    }

    #[test]
    fn every_rolled_day_is_a_business_day_within_a_week() {
        let calendars = [
            us(),
            uk(),
            BusinessCalendar::with_built_ins(vec![
                BuiltIn::UnitedStatesFederal,
                BuiltIn::EnglandAndWales,
            ]),
        ];
        for calendar in &calendars {
            let mut date = d(2000, 1, 1);
            while date.year() <= 2030 {
                for roll in [
                    Roll::Following,
                    Roll::ModifiedFollowing,
                    Roll::Preceding,
                    Roll::ModifiedPreceding,
                ] {
                    let rolled = calendar.roll(date, roll).unwrap();
                    assert_eq!(
                        calendar.is_business_day(rolled),
                        Some(true),
                        "{date} {roll}"
                    );
                    let gap = rolled.signed_duration_since(date).num_days().abs();
                    assert!(gap <= 7, "{date} {roll} → {rolled}");
                    if matches!(roll, Roll::ModifiedFollowing | Roll::ModifiedPreceding) {
                        assert_eq!(rolled.month(), date.month(), "{date} {roll}");
                    }
                }
                date = date.succ_opt().unwrap();
            }
        }
    }

    #[test]
    fn every_year_in_range_has_its_holidays_on_weekdays_or_listed() {
        // From 1971 no holiday of either calendar is left on a weekend, and
        // no two holidays of one calendar share a day.
        for year in FIRST_YEAR..=LAST_YEAR {
            for built_in in [BuiltIn::UnitedStatesFederal, BuiltIn::EnglandAndWales] {
                let holidays = built_in.holidays_in(year).unwrap();
                assert!(holidays.iter().all(|h| h.date.year() == year));
                let unique: BTreeSet<_> = holidays.iter().map(|h| h.date).collect();
                assert_eq!(unique.len(), holidays.len(), "{built_in} {year}");
                if year >= 1971 {
                    assert!(
                        holidays.iter().all(|h| !on_saturday_or_sunday(h.date)),
                        "{built_in} {year}"
                    );
                }
            }
        }
    }

    #[test]
    fn remembered_holidays_are_each_years_own() {
        // Every day of 1900–2200, walked from the last back to the first (so
        // that a year's holidays are first asked for out of order), against
        // that year's holidays computed afresh: the kept lists answer
        // exactly as the rule does, in each calendar and in both together.
        let both = BusinessCalendar::with_built_ins(vec![
            BuiltIn::UnitedStatesFederal,
            BuiltIn::EnglandAndWales,
        ]);
        for calendar in [us(), uk(), both] {
            let mut date = d(LAST_YEAR, 12, 31);
            let mut year = None;
            let mut off = BTreeSet::new();
            // The business days after January 1, 1900, and the last of them.
            let (mut count, mut last) = (0, None);
            while date.year() >= FIRST_YEAR {
                if year != Some(date.year()) {
                    off = calendar
                        .built_ins
                        .iter()
                        .flat_map(|b| b.holidays_in(date.year()).unwrap())
                        .map(|h| h.date)
                        .collect();
                    year = Some(date.year());
                }
                let expected = !on_saturday_or_sunday(date) && !off.contains(&date);
                assert_eq!(calendar.is_business_day(date), Some(expected), "{date}");
                if expected && date > d(FIRST_YEAR, 1, 1) {
                    count += 1;
                    last = last.or(Some(date));
                }
                date = date.pred_opt().unwrap();
            }
            // One walk over the three centuries, across every year's edge.
            let first = d(FIRST_YEAR, 1, 1);
            let end = d(LAST_YEAR, 12, 31);
            assert_eq!(calendar.business_days_between(first, end), Ok(count));
            assert_eq!(calendar.add_business_days(first, count), Ok(last.unwrap()));
        }
        for year in [FIRST_YEAR, 2025, LAST_YEAR] {
            for built_in in [BuiltIn::UnitedStatesFederal, BuiltIn::EnglandAndWales] {
                assert_eq!(
                    remembered_holidays(built_in, year).map(<[Holiday]>::to_vec),
                    built_in.holidays_in(year)
                );
            }
        }
        assert_eq!(
            remembered_holidays(BuiltIn::UnitedStatesFederal, FIRST_YEAR - 1),
            None
        );
        assert_eq!(
            remembered_holidays(BuiltIn::EnglandAndWales, LAST_YEAR + 1),
            None
        );
    }
}
