//! Writes a corpus of varied, realistic agreement folders for benchmarks.
//!
//! ```text
//! cargo run --release --example gen_corpus -- N DIR
//! cargo run --release --example gen_corpus -- --long-schedule COUNT DIR
//! ```
//!
//! The first form writes N agreements under DIR (`DIR/00000-severance-...`,
//! ...): severance letters, promissory notes and equipment leases, each with
//! its own parties, dates, amounts, installment counts and frequencies, day
//! rules, grace periods, rates, day counts, conditions, elections, releases,
//! notices, a `source.txt` that the clauses quote verbatim, and two or three
//! scenarios. `clausec check DIR` reports no errors on them; about one in
//! eight carries a defect on purpose (a stated count that disagrees with the
//! dates, or a signature date left blank), so some warnings are rendered too,
//! as in the Lovelock letter.
//!
//! The second form writes one agreement whose payment schedule has COUNT
//! monthly installments, and a scenario that records one payment event for
//! each (every tenth paid late). One scenario holds at most 10,000 events
//! (a scenario is limited to 1 MiB of text), so a longer schedule gets its
//! events in several scenarios, `payments_01`, `payments_02`, ...; the
//! benchmark (`benches/pipeline.rs`) merges them into one in memory.
//!
//! The output is deterministic: agreement `i` depends only on `i` (a small
//! PRNG written out below, seeded with the index), so the same N always gives
//! the same files, and a larger N gives a superset.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{Datelike, Days, Months, NaiveDate};
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: gen_corpus N DIR | gen_corpus --long-schedule COUNT DIR";
    match args.as_slice() {
        [flag, count, dir] if flag == "--long-schedule" => {
            let count: usize = count.parse().unwrap_or_else(|_| fail(usage));
            if count == 0 || count > 100_000 {
                fail("COUNT must be between 1 and 100,000 (clausec's limit)");
            }
            let agreement = long_schedule(count);
            write_agreement(Path::new(dir), &agreement).unwrap_or_else(|e| fail(&e.to_string()));
            println!("wrote {}/{}", dir, agreement.name);
        }
        [n, dir] => {
            let n: usize = n.parse().unwrap_or_else(|_| fail(usage));
            let bytes = write_corpus(Path::new(dir), n).unwrap_or_else(|e| fail(&e.to_string()));
            println!("wrote {n} agreements ({bytes} bytes) under {dir}");
        }
        _ => fail(usage),
    }
}

fn fail(message: &str) -> ! {
    eprintln!("gen_corpus: {message}");
    std::process::exit(2)
}

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

/// One agreement folder: its name and its files (relative path, contents).
pub struct Agreement {
    pub name: String,
    pub files: Vec<(String, String)>,
}

impl Agreement {
    pub fn bytes(&self) -> usize {
        self.files.iter().map(|(_, text)| text.len()).sum()
    }
}

/// Writes agreements `0..n` under `dir`; returns the bytes written.
pub fn write_corpus(dir: &Path, n: usize) -> std::io::Result<usize> {
    let mut bytes = 0;
    for index in 0..n {
        let agreement = agreement(index);
        bytes += agreement.bytes();
        write_agreement(dir, &agreement)?;
    }
    Ok(bytes)
}

/// Writes one agreement folder under `dir`.
pub fn write_agreement(dir: &Path, agreement: &Agreement) -> std::io::Result<()> {
    let root = dir.join(&agreement.name);
    for (path, text) in &agreement.files {
        let path = root.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// A small deterministic PRNG (SplitMix64)
// ---------------------------------------------------------------------------

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xC1A0_5EC0_0DE5_EED5)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = (hi - lo + 1) as u64;
        lo + (self.next_u64() % span) as i64
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next_u64() % items.len() as u64) as usize]
    }
}

// ---------------------------------------------------------------------------
// Words, dates, money
// ---------------------------------------------------------------------------

const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// `86_400` → `eighty-six thousand four hundred`.
pub fn words(n: u64) -> String {
    match n {
        0..=19 => UNITS[n as usize].to_owned(),
        20..=99 => {
            let tens = TENS[(n / 10) as usize];
            if n.is_multiple_of(10) {
                tens.to_owned()
            } else {
                format!("{tens}-{}", UNITS[(n % 10) as usize])
            }
        }
        100..=999 => join_scale(n / 100, "hundred", n % 100),
        1_000..=999_999 => join_scale(n / 1_000, "thousand", n % 1_000),
        _ => join_scale(n / 1_000_000, "million", n % 1_000_000),
    }
}

fn join_scale(high: u64, scale: &str, rest: u64) -> String {
    if rest == 0 {
        format!("{} {scale}", words(high))
    } else {
        format!("{} {scale} {}", words(high), words(rest))
    }
}

/// `eighty-six thousand` → `Eighty-Six Thousand`.
fn title_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut start = true;
    for c in text.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = c == ' ' || c == '-';
    }
    out
}

/// `June 6, 2002`
pub fn long_date(date: NaiveDate) -> String {
    date.format("%B %-d, %Y").to_string()
}

/// `$1,234.56` from cents.
pub fn money(cents: i64) -> String {
    let dollars = cents / 100;
    format!("${}.{:02}", thousands(dollars), cents % 100)
}

/// `$10,000` from whole dollars.
fn dollars(amount: i64) -> String {
    format!("${}", thousands(amount))
}

fn thousands(n: i64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `Twelve Thousand Dollars ($12,000.00)`
fn amount_in_words(whole_dollars: i64) -> String {
    format!(
        "{} Dollars ({})",
        title_case(&words(whole_dollars as u64)),
        money(whole_dollars * 100)
    )
}

/// `ten (10)`
fn count_words(n: u64) -> String {
    format!("{} ({n})", words(n))
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn time_text(hour: u32, minute: u32) -> String {
    let (h, half) = match hour {
        0 => (12, "a.m."),
        1..=11 => (hour, "a.m."),
        12 => (12, "p.m."),
        _ => (hour - 12, "p.m."),
    };
    format!("{h}:{minute:02} {half}")
}

fn last_day_of_month(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1)
        .unwrap()
        .checked_add_months(Months::new(1))
        .unwrap()
        .pred_opt()
        .unwrap()
}

/// How a schedule picks its day in each month.
#[derive(Clone, Copy)]
enum DayRule {
    LastDay,
    Day(u32),
}

impl DayRule {
    fn in_month(self, year: i32, month: u32) -> NaiveDate {
        let last = last_day_of_month(year, month);
        match self {
            DayRule::LastDay => last,
            DayRule::Day(day) => NaiveDate::from_ymd_opt(year, month, day.min(last.day())).unwrap(),
        }
    }

    /// The day rule as the clause language writes it.
    fn clause_text(self) -> String {
        match self {
            DayRule::LastDay => "on the last day of the month".to_owned(),
            DayRule::Day(day) => format!("on day {day}"),
        }
    }

    /// The day rule as the document states it.
    fn source_text(self, frequency: Frequency) -> String {
        let period = match frequency {
            Frequency::Monthly => "each month",
            Frequency::Quarterly => "each third month",
            Frequency::Yearly => "the month",
        };
        match self {
            DayRule::LastDay => format!("on the last day of {period}"),
            DayRule::Day(1) => format!("on the first day of {period}"),
            DayRule::Day(day) => format!("on the {} day of {period}", ordinal(day)),
        }
    }
}

#[derive(Clone, Copy)]
enum Frequency {
    Monthly,
    Quarterly,
    Yearly,
}

impl Frequency {
    fn months(self) -> u32 {
        match self {
            Frequency::Monthly => 1,
            Frequency::Quarterly => 3,
            Frequency::Yearly => 12,
        }
    }

    fn word(self) -> &'static str {
        match self {
            Frequency::Monthly => "monthly",
            Frequency::Quarterly => "quarterly",
            Frequency::Yearly => "yearly",
        }
    }

    fn source_word(self) -> &'static str {
        match self {
            Frequency::Monthly => "monthly",
            Frequency::Quarterly => "quarterly",
            Frequency::Yearly => "annual",
        }
    }
}

/// `count` due dates from the month of `first`, as clausec computes them.
fn schedule_dates(
    first: NaiveDate,
    count: usize,
    frequency: Frequency,
    rule: DayRule,
) -> Vec<NaiveDate> {
    let month_one = first.with_day(1).unwrap();
    (0..count)
        .map(|i| {
            let month = month_one
                .checked_add_months(Months::new(i as u32 * frequency.months()))
                .unwrap();
            rule.in_month(month.year(), month.month())
        })
        .collect()
}

fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_days(Days::new(days as u64)).unwrap()
}

fn sub_days(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_sub_days(Days::new(days as u64)).unwrap()
}

fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months)).unwrap()
}

#[derive(Clone, Copy, PartialEq)]
enum RoundMode {
    HalfUp,
    HalfEven,
    Down,
    Up,
}

impl RoundMode {
    fn text(self) -> &'static str {
        match self {
            RoundMode::HalfUp => "half up",
            RoundMode::HalfEven => "half even",
            RoundMode::Down => "down",
            RoundMode::Up => "up",
        }
    }

    /// `total / n` in whole cents, rounded this way (total and n positive).
    fn divide(self, total: i64, n: i64) -> i64 {
        let (q, r) = (total / n, total % n);
        let up = match self {
            RoundMode::HalfUp => 2 * r >= n,
            RoundMode::HalfEven => 2 * r > n || (2 * r == n && q % 2 == 1),
            RoundMode::Down => false,
            RoundMode::Up => r > 0,
        };
        q + i64::from(up)
    }
}

/// An installment schedule as the generator plans it.
struct Schedule {
    label: &'static str,
    total: i64,
    count: usize,
    dates: Vec<NaiveDate>,
    amounts: Vec<i64>,
}

impl Schedule {
    /// A schedule of `total` cents over `dates`, each installment rounded
    /// by `mode`, the remainder on the last installment or the first.
    fn new(
        label: &'static str,
        total: i64,
        dates: Vec<NaiveDate>,
        mode: RoundMode,
        remainder_last: bool,
    ) -> Self {
        let count = dates.len();
        let each = mode.divide(total, count as i64);
        let rest = total - each * (count as i64 - 1);
        let mut amounts = vec![each; count];
        if remainder_last {
            amounts[count - 1] = rest;
        } else {
            amounts[0] = rest;
        }
        Schedule {
            label,
            total,
            count,
            dates,
            amounts,
        }
    }

    fn first(&self) -> NaiveDate {
        self.dates[0]
    }

    fn last(&self) -> NaiveDate {
        self.dates[self.count - 1]
    }
}

// ---------------------------------------------------------------------------
// Text layout: the source document and the quotes that copy it
// ---------------------------------------------------------------------------

/// Wraps words to lines of at most `width` characters.
fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    let mut out = String::new();
    let mut line = String::from(first);
    let mut empty = true;
    for word in text.split_whitespace() {
        if !empty && line.len() + 1 + word.len() > width {
            out.push_str(&line);
            out.push('\n');
            line = String::from(rest);
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(&line);
    out
}

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

/// A `quote "..."` statement for `text`, wrapped as the bundled clauses are.
fn quote(text: &str) -> String {
    let escaped: Vec<String> = text.split_whitespace().map(escape).collect();
    let body = wrap(&escaped.join(" "), 84, "  quote \"", "    ");
    format!("{body}\"\n")
}

/// A string literal for the clause language.
fn lit(text: &str) -> String {
    format!("\"{}\"", escape(text))
}

/// The source document and the clause files, built side by side so that
/// every paragraph of the document is quoted by exactly one clause.
struct Doc {
    source: String,
    files: Vec<(String, String)>,
}

impl Doc {
    fn new() -> Self {
        Doc {
            source: String::from("\n"),
            files: Vec::new(),
        }
    }

    /// Adds a paragraph (after its printed number, if any) to the document;
    /// returns the `quote` statement that copies it.
    fn para(&mut self, number: &str, text: &str) -> String {
        let full = if number.is_empty() {
            text.to_owned()
        } else {
            format!("{number} {text}")
        };
        self.source.push_str(&wrap(&full, 78, "", ""));
        self.source.push_str("\n\n");
        quote(text)
    }

    /// Adds lines kept as they are (a letterhead, an address block);
    /// returns the `quote` statement that copies them.
    fn lines(&mut self, lines: &[String]) -> String {
        for line in lines {
            self.source.push_str(line);
            self.source.push('\n');
        }
        self.source.push('\n');
        quote(&lines.join(" "))
    }

    fn file(&mut self, name: &str, text: String) {
        self.files.push((name.to_owned(), text));
    }
}

// ---------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------

const FIRST: &[&str] = &[
    "Thomas", "Margaret", "Anil", "Beatriz", "Chen", "Dolores", "Emeka", "Fiona", "Gustavo",
    "Hana", "Ibrahim", "Julia", "Kwame", "Lucia", "Marcus", "Nadia", "Oskar", "Priya", "Quentin",
    "Rosa", "Samuel", "Tamsin", "Ulrich", "Valeria", "Walter", "Ximena", "Yusuf", "Zora",
];
const LAST: &[&str] = &[
    "Lovell",
    "Okafor",
    "Brennan",
    "Castellanos",
    "Duarte",
    "Everly",
    "Fairweather",
    "Galloway",
    "Hargreaves",
    "Ishikawa",
    "Jablonski",
    "Kowalczyk",
    "Lindqvist",
    "Marchetti",
    "Novak",
    "Oyelaran",
    "Pemberton",
    "Quiroga",
    "Rasmussen",
    "Sandoval",
    "Thornbury",
    "Underhill",
    "Vasquez",
    "Whitcombe",
    "Yamamoto",
    "Zielinski",
];
const FIRM: &[&str] = &[
    "Harrowgate",
    "Bellwether",
    "Kestrel",
    "Meridian",
    "Northgate",
    "Ashcombe",
    "Calloway",
    "Driftwood",
    "Everstone",
    "Foxhollow",
    "Granite Peak",
    "Ironbridge",
    "Juniper",
    "Larkspur",
    "Millbrook",
    "Oakhaven",
    "Pinecrest",
    "Quarry Hill",
    "Redfern",
    "Silverline",
    "Tidewater",
    "Westmoor",
];
const TRADE: &[&str] = &[
    "Electronics",
    "Print Works",
    "Logistics",
    "Biosciences",
    "Manufacturing",
    "Software",
    "Foods",
    "Health Systems",
    "Materials",
    "Instruments",
    "Media",
    "Components",
];
const LENDER_TRADE: &[&str] = &[
    "Lending",
    "Capital",
    "Savings Bank",
    "Credit Partners",
    "Equipment Finance",
    "Trust Company",
];
const SUFFIX: &[&str] = &[
    "Inc.",
    "Corp.",
    "LLC",
    "Co.",
    "Holdings, Inc.",
    "Group, Inc.",
];
const STREET: &[&str] = &[
    "Northstone Rise",
    "Foundry Street",
    "Keystone Plaza",
    "Maple Avenue",
    "Harbor Road",
    "Orchard Lane",
    "Quarry Road",
    "Elm Street",
    "Lakeview Drive",
    "Mill Race Court",
    "Cedar Hollow Road",
    "Beacon Street",
];
const PLACE: &[(&str, &str, &str)] = &[
    ("Pittsford", "NY", "New York"),
    ("Dayton", "OH", "Ohio"),
    ("Wilmington", "DE", "Delaware"),
    ("Austin", "TX", "Texas"),
    ("Madison", "WI", "Wisconsin"),
    ("Boulder", "CO", "Colorado"),
    ("Savannah", "GA", "Georgia"),
    ("Portland", "OR", "Oregon"),
    ("Burlington", "VT", "Vermont"),
    ("Tucson", "AZ", "Arizona"),
    ("Lexington", "KY", "Kentucky"),
    ("Providence", "RI", "Rhode Island"),
];
const OFFICER: &[&str] = &[
    "Chief Executive Officer",
    "President",
    "Vice President, Human Resources",
    "Chairman, Compensation Committee",
    "General Counsel",
    "Chief Financial Officer",
];
const EQUIPMENT: &[&str] = &[
    "Kestrel KX-740 sheet-fed offset press",
    "Ridgeway R-9 five-axis CNC machining center",
    "Altamont 3200 industrial process chiller",
    "Corliss T-40 tunnel pasteurizer",
    "Hallam HX-12 laser cutting system",
    "Brightwater BW-600 injection molding machine",
    "Osgood 88 automated packaging line",
    "Vantage V-2 gas chromatograph",
];
const COMPENSATION: &[&str] = &[
    "consulting fees",
    "salary from a new employer",
    "director's fees",
    "fees for advisory services",
];

struct Person {
    first: &'static str,
    full: String,
}

fn person(rng: &mut Rng) -> Person {
    let first = *rng.pick(FIRST);
    let middle = (b'A' + rng.range(0, 25) as u8) as char;
    let last = *rng.pick(LAST);
    Person {
        first,
        full: format!("{first} {middle}. {last}"),
    }
}

fn firm(rng: &mut Rng, trades: &[&str]) -> String {
    format!(
        "{} {} {}",
        rng.pick(FIRM),
        rng.pick(trades),
        rng.pick(SUFFIX)
    )
}

fn address(rng: &mut Rng) -> (String, String, &'static str) {
    let (city, abbr, state) = *rng.pick(PLACE);
    let street = format!("{} {}", rng.range(2, 9800), rng.pick(STREET));
    let town = format!("{city}, {abbr} {:05}", rng.range(10_000, 99_950));
    (street, town, state)
}

fn random_date(rng: &mut Rng, from_year: i64, to_year: i64) -> NaiveDate {
    let year = rng.range(from_year, to_year) as i32;
    let month = rng.range(1, 12) as u32;
    let day = rng.range(1, i64::from(last_day_of_month(year, month).day())) as u32;
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

/// A schedule's frequency, count and day rule.
fn pick_shape(rng: &mut Rng, kind: &str) -> (Frequency, usize, DayRule) {
    let frequency = match rng.range(0, 9) {
        0..=6 => Frequency::Monthly,
        7 | 8 => Frequency::Quarterly,
        _ => Frequency::Yearly,
    };
    let count = match (frequency, kind) {
        (Frequency::Monthly, "severance") => rng.range(3, 18),
        (Frequency::Monthly, _) => rng.range(6, 60),
        (Frequency::Quarterly, _) => rng.range(2, 16),
        (Frequency::Yearly, _) => rng.range(2, 5),
    } as usize;
    let rule = match rng.range(0, 5) {
        0 | 1 => DayRule::LastDay,
        2 => DayRule::Day(1),
        3 => DayRule::Day(15),
        _ => DayRule::Day(rng.range(2, 28) as u32),
    };
    (frequency, count, rule)
}

/// The first due date on the rule's day, `months_after` months after `date`.
fn first_due(date: NaiveDate, months_after: u32, rule: DayRule) -> NaiveDate {
    let month = add_months(date.with_day(1).unwrap(), months_after);
    rule.in_month(month.year(), month.month())
}

/// The late-payment terms of a payment.
struct LateTerms {
    grace: i64,
    rate: String,
    /// `from the due date`, `from the end of the grace period`, or a reading.
    start: &'static str,
    day_count: &'static str,
    mode: RoundMode,
    remainder_last: bool,
}

fn late_terms(rng: &mut Rng) -> LateTerms {
    let rate = match rng.range(0, 3) {
        0 => format!("{}%", rng.range(6, 18)),
        1 => format!("{}.5%", rng.range(4, 14)),
        _ => format!("{}%", rng.pick(&[8, 10, 12, 18])),
    };
    LateTerms {
        grace: *rng.pick(&[5, 7, 10, 10, 15, 15, 30]),
        rate,
        start: ["due_date", "due_date", "grace_end", "reading"][rng.range(0, 3) as usize],
        day_count: ["actual/365", "actual/365", "actual/360", "30/360"][rng.range(0, 3) as usize],
        mode: *rng.pick(&[
            RoundMode::HalfUp,
            RoundMode::HalfUp,
            RoundMode::HalfUp,
            RoundMode::HalfEven,
            RoundMode::Down,
            RoundMode::Up,
        ]),
        remainder_last: rng.chance(80),
    }
}

impl LateTerms {
    /// The modifiers of the clause language for these terms.
    fn modifiers(&self) -> String {
        let start = match self.start {
            "due_date" => "from the due date",
            "grace_end" => "from the end of the grace period",
            _ => "from interest_start",
        };
        format!(
            "    rounded {} to the cent\n    remainder on the {} installment\n    grace period {} days\n    late interest {} per annum on the unpaid amount {start}, simple, {}\n",
            self.mode.text(),
            if self.remainder_last { "last" } else { "first" },
            self.grace,
            self.rate,
            self.day_count,
        )
    }

    /// The sentence of the document that states them.
    fn sentence(&self, payer: &str, what: &str) -> String {
        let from = match self.start {
            "due_date" => "from its due date",
            "grace_end" => "from the end of that period",
            _ => "",
        };
        let basis = match self.day_count {
            "actual/365" => "a year of 365 days",
            "actual/360" => "a year of 360 days",
            _ => "twelve months of thirty days",
        };
        format!(
            "If {payer} fails to pay {what} within {} days after its due date, interest will accrue on the unpaid amount at the rate of {} per annum{}{}, computed on the basis of {basis}.",
            count_words(self.grace as u64),
            self.rate,
            if from.is_empty() { "" } else { " " },
            from,
        )
    }

    /// The reading a `from interest_start` needs, if it is used.
    fn reading(&self) -> String {
        if self.start != "reading" {
            return String::new();
        }
        format!(
            "  assume interest_start \"when late interest starts to run on an installment paid more than {} days late\"\n    option due_date \"from the installment's due date\" default\n    option grace_end \"from the end of the {}-day grace period\"\n\n",
            self.grace, self.grace
        )
    }
}

// ---------------------------------------------------------------------------
// The corpus
// ---------------------------------------------------------------------------

/// Agreement number `index` of the corpus.
pub fn agreement(index: usize) -> Agreement {
    let mut rng = Rng::new(index as u64 + 1);
    match rng.range(0, 9) {
        0..=3 => severance(index, &mut rng),
        4..=6 => note(index, &mut rng),
        _ => lease(index, &mut rng),
    }
}

fn slug(text: &str) -> String {
    text.split_whitespace()
        .next()
        .unwrap_or("x")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase()
}

/// A scenario file: `scenario NAME "title"`, its hypotheticals, and lines.
fn scenario(
    name: &str,
    title: &str,
    hypothetical: &[String],
    as_of: NaiveDate,
    lines: &[String],
) -> (String, String) {
    let mut text = format!("scenario {name} {}\n", lit(title));
    for h in hypothetical {
        let _ = writeln!(text, "  hypothetical {}", lit(h));
    }
    let _ = writeln!(text, "  as of {}\n", long_date(as_of));
    for line in lines {
        let _ = writeln!(text, "  {line}");
    }
    (
        format!("scenarios/{}.scenario", name.replace('_', "-")),
        text,
    )
}

/// A payment event for one installment.
fn paid(
    payer: &str,
    payee: &str,
    cents: i64,
    on: NaiveDate,
    label: &str,
    due: NaiveDate,
) -> String {
    format!(
        "{payer} paid {payee} {} on {} for {label} due {}",
        money(cents),
        long_date(on),
        long_date(due)
    )
}

/// Late-payment events for a schedule: installment `k` paid `days` late,
/// sometimes in two parts.
fn late_events(
    rng: &mut Rng,
    payer: &str,
    payee: &str,
    schedule: &Schedule,
    k: usize,
    as_of: NaiveDate,
) -> (Vec<String>, String) {
    let due = schedule.dates[k];
    let amount = schedule.amounts[k];
    let days = rng.range(3, 75);
    let late = add_days(due, days).min(as_of);
    let mut events = Vec::new();
    let story = if rng.chance(35) && amount > 200 {
        let part = amount / 2 / 100 * 100;
        let early = add_days(due, rng.range(1, 5)).min(late);
        events.push(paid(payer, payee, part, early, schedule.label, due));
        events.push(paid(payer, payee, amount - part, late, schedule.label, due));
        format!(
            "the installment due {} is paid in two parts, {} on {} and the rest on {}",
            long_date(due),
            money(part),
            long_date(early),
            long_date(late)
        )
    } else {
        events.push(paid(payer, payee, amount, late, schedule.label, due));
        format!(
            "the installment due {} is paid on {}",
            long_date(due),
            long_date(late)
        )
    };
    (events, story)
}

// ---- severance letters ------------------------------------------------------

fn severance(index: usize, rng: &mut Rng) -> Agreement {
    let mut doc = Doc::new();
    let employee = person(rng);
    let company = firm(rng, TRADE);
    let signer = person(rng);
    let officer = *rng.pick(OFFICER);
    let (street, town, state) = address(rng);
    let dated = random_date(rng, 1996, 2024);
    let exhibit = format!("EXHIBIT 10.{}", rng.range(1, 60));
    let title = *rng.pick(&[
        "SEVERANCE AGREEMENT",
        "SEPARATION AGREEMENT",
        "LETTER AGREEMENT",
        "TRANSITION AND SEPARATION AGREEMENT",
    ]);
    let heading_title = format!("{} {}", employee.full.to_uppercase(), title);
    let (frequency, count, rule) = pick_shape(rng, "severance");
    let terms = late_terms(rng);
    let salary_based = rng.chance(50);
    let salary = rng.range(50, 260) * 1_200;
    let months = rng.range(3, 18);
    let total_cents = if salary_based {
        salary * 100 * months / 12
    } else {
        rng.range(20, 400) * 500 * 100
    };
    let first = first_due(dated, rng.range(1, 4) as u32, rule);
    let schedule = Schedule::new(
        "severance",
        total_cents,
        schedule_dates(first, count, frequency, rule),
        terms.mode,
        terms.remainder_last,
    );
    let defect = rng.chance(12);
    let blank_date = !defect && rng.chance(6);
    let offset = rng.chance(55);
    let election = rng.chance(60);
    let bonus = rng.chance(40);
    let noncompete = rng.chance(70);
    let mutual_release = rng.chance(60);
    let disparagement = rng.chance(50);
    let employment_date = random_date(rng, 1980, i64::from(dated.year()) - 1);
    let offset_end = add_months(schedule.last(), rng.range(0, 3) as u32);
    let notice_days = *rng.pick(&[5, 10, 10, 15, 30]);
    let insurance_end = add_months(dated, rng.range(3, 18) as u32);
    let deadline = add_days(dated, rng.range(0, 21));
    let deadline_hour = rng.range(9, 17) as u32;
    let signed_on = add_days(dated, rng.range(0, (deadline - dated).num_days()));
    let signed_hour = if signed_on == deadline {
        rng.range(8, i64::from(deadline_hour) - 1) as u32
    } else {
        rng.range(8, 18) as u32
    };
    let doc_title = format!("{title} between {} and {company}", employee.full);

    // The letterhead.
    let mut heading = String::new();
    heading += &doc.lines(&[exhibit]);
    heading += &doc.lines(&[heading_title]);
    heading += &doc.lines(&[
        long_date(dated),
        String::new(),
        employee.full.clone(),
        street,
        town,
    ]);
    heading += &doc.lines(&[format!("Dear {}:", employee.first)]);
    let preamble = doc.para(
        "",
        &format!("This Letter sets out the agreement between you and {company} (the \"Company\") with respect to all matters relating to the end of your employment with the Company:"),
    );

    // 1. Resignation.
    let resign_on = add_days(dated, rng.range(0, 30));
    let q1 = doc.para(
        "1.",
        &format!(
            "You hereby resign your employment and all positions and offices with the Company and its subsidiaries effective {}.",
            long_date(resign_on)
        ),
    );
    doc.file(
        "1.clause",
        format!(
            "clause 1 \"Resignation\"\n{q1}\n  resignation: employee performs \"resignation of employment and of all positions and offices with the Company and its subsidiaries\" for company\n    effective {}\n",
            long_date(resign_on)
        ),
    );

    // 2. Payments and benefits.
    let mut two = String::from("clause 2 \"Amounts and benefits\"\n");
    two += &doc.para(
        "2.",
        "The Company will pay or provide to you the following amounts and benefits:",
    );
    let amount_text = if salary_based {
        format!(
            "an aggregate amount equal to {} months of your salary at your current annual rate",
            count_words(months as u64)
        )
    } else {
        format!(
            "an aggregate amount of {}",
            amount_in_words(total_cents / 100)
        )
    };
    let listed_last = if defect {
        // The Lovelock defect: the stated last date is one period too late.
        add_months(schedule.last(), frequency.months())
    } else {
        schedule.last()
    };
    let mut text_2a = format!(
        "Severance payments in {amount_text}, payable in {} equal {} installments {}, commencing {} with the last installment to be paid on {}. {}",
        count_words(count as u64),
        frequency.source_word(),
        rule.source_text(frequency),
        long_date(first),
        long_date(listed_last),
        terms.sentence("the Company", "an installment"),
    );
    if offset {
        let _ = write!(
            text_2a,
            " Any compensation you receive for services rendered between the date hereof and {} shall be offset against the installments due on or after the day you receive it, and you agree to notify the Company of all such compensation within {} days of receiving it.",
            long_date(offset_end),
            count_words(notice_days as u64)
        );
    }
    let q2a = doc.para("(a)", &text_2a);
    let amount_expr = if salary_based {
        format!("annual_salary * {months} / 12")
    } else {
        money(total_cents)
    };
    let mut c2a = format!("\nclause 2(a) \"Severance payments\"\n{q2a}\n");
    if defect {
        c2a += &format!(
            "  # The text states {count} installments, but its dates give {}: the ledger must follow one reading.\n  assume installment_reading \"which installments the letter promises, given that its count and its dates disagree\"\n    option count_from_start \"{count} installments from {}\" default\n    option count_to_end \"{count} installments ending {}\"\n    option all_dates \"the aggregate spread over every date of the period\"\n\n",
            count + 1,
            long_date(first),
            long_date(listed_last)
        );
    }
    c2a += &terms.reading();
    let _ = writeln!(c2a, "  severance: company pays employee {amount_expr}");
    let _ = writeln!(
        c2a,
        "    in {} equal {} installments {}",
        count_words(count as u64),
        frequency.word(),
        rule.clause_text()
    );
    if defect {
        let _ = writeln!(
            c2a,
            "    from {} through {}\n    if the count and the dates disagree, follow installment_reading",
            long_date(first),
            long_date(listed_last)
        );
    } else if rng.chance(50) {
        let _ = writeln!(
            c2a,
            "    from {} through {}",
            long_date(first),
            long_date(schedule.last())
        );
    } else {
        let _ = writeln!(c2a, "    from {}", long_date(first));
    }
    if offset {
        let _ = writeln!(
            c2a,
            "    reduced by compensation employee receives from {} through {}",
            long_date(dated),
            long_date(offset_end)
        );
    }
    c2a += &terms.modifiers();
    if offset {
        let _ = write!(
            c2a,
            "\n  compensation_notice: employee notifies company of compensation employee receives\n    from {} through {}\n    within {notice_days} days\n",
            long_date(dated),
            long_date(offset_end)
        );
        c2a += "\n  assume \"compensation is offset against the earliest installments due on or after the day it is received\"\n";
    }
    two += &c2a;

    let q2b = doc.para(
        "(b)",
        &format!(
            "You will continue to be provided with health, dental and life insurance at Company expense through {}. At that time, you will be provided with the option to continue coverage pursuant to COBRA and applicable law.",
            long_date(insurance_end)
        ),
    );
    let _ = write!(
        two,
        "\nclause 2(b) \"Insurance, then COBRA\"\n{q2b}\n  insurance: company provides employee \"health, dental and life insurance at Company expense\"\n    from {} through {}\n    then employee may \"continue coverage pursuant to COBRA and applicable law\"\n",
        long_date(dated),
        long_date(insurance_end)
    );

    let cap = rng.range(4, 30) * 1_000;
    let cash = rng.range(2, 40) * 250 * 100;
    let cash_on = add_days(dated, rng.range(15, 90));
    let cash_default = rng.chance(50);
    if election {
        let q2c = doc.para(
            "(c)",
            &format!(
                "At your election, the Company will provide you with either (i) outplacement services for a period of {} months at a cost not to exceed {} or (ii) a cash payment of {} on {}.{}",
                count_words(rng.range(3, 12) as u64),
                dollars(cap),
                money(cash),
                long_date(cash_on),
                if cash_default {
                    " If you make no election, you will receive the cash payment."
                } else {
                    ""
                }
            ),
        );
        let _ = write!(
            two,
            "\nclause 2(c) \"Outplacement or a cash payment, at the employee's election\"\n{q2c}\n  election outplacement_or_cash by employee \"the employee's election under 2(c)\"\n    option outplacement \"(i) outplacement services, at a cost not to exceed {}\"\n    option cash_payment \"(ii) a cash payment of {}\"{}\n\n  outplacement: company provides employee \"outplacement services\"\n    at a cost of outplacement_cost\n    not to exceed {}\n    if employee elects outplacement\n\n  cash_payment: company pays employee {}\n    on {}\n    if employee elects cash_payment\n",
            dollars(cap),
            money(cash),
            if cash_default { " default" } else { "" },
            dollars(cap),
            money(cash),
            long_date(cash_on),
        );
    }
    let threshold = rng.range(5, 900) * 100_000;
    let bonus_amount = rng.range(4, 60) * 500 * 100;
    let bonus_on = add_months(dated, rng.range(6, 15) as u32);
    let fiscal_year = bonus_on.year() - 1;
    if bonus {
        let q2d = doc.para(
            "(d)",
            &format!(
                "If the Company's net revenue for fiscal year {fiscal_year} is at least {}, the Company will pay you a bonus of {} on {}.",
                dollars(threshold),
                money(bonus_amount),
                long_date(bonus_on)
            ),
        );
        let _ = write!(
            two,
            "\nclause 2(d) \"Revenue bonus\"\n{q2d}\n  fact fiscal_revenue is money \"the Company's net revenue for fiscal year {fiscal_year}\"\n\n  bonus: company pays employee {}\n    on {}\n    if fiscal_revenue >= {}\n",
            money(bonus_amount),
            long_date(bonus_on),
            dollars(threshold)
        );
    }
    doc.file("2.clause", two);

    // 3. Restrictive covenants.
    let nc_section = rng.range(5, 12);
    let conf_section = nc_section - 1;
    let mut three = String::new();
    if noncompete {
        let q3 = doc.para(
            "3.",
            &format!(
                "The Company hereby releases you from the covenant not to compete contained in Section {nc_section} of your Employment Agreement dated {}; however, the confidentiality provisions in Section {conf_section} of said Agreement remain in full force and effect.",
                long_date(employment_date)
            ),
        );
        let _ = write!(
            three,
            "clause 3 \"Non-compete released; confidentiality survives\"\n{q3}\n  non_compete_release: company releases employee from employment_agreement section {nc_section}\n    effective {}\n\n  confidentiality: employee remains bound by employment_agreement section {conf_section} to company\n",
            long_date(dated)
        );
    } else {
        let q3 = doc.para(
            "3.",
            "You agree to keep confidential all confidential information of the Company that you received during your employment.",
        );
        let _ = write!(
            three,
            "clause 3 \"Confidentiality\"\n{q3}\n  confidentiality: employee must not \"disclose confidential information of the Company received during the employment\" to company\n"
        );
    }
    if disparagement {
        let years = rng.range(1, 3);
        let q = doc.para(
            "",
            &format!(
                "For a period of {} years after the date hereof, you will not make any disparaging statement about the Company or its officers and directors.",
                count_words(years as u64)
            ),
        );
        let _ = write!(
            three,
            "{q}\n  non_disparagement: employee must not \"make any disparaging statement about the Company or its officers and directors\" to company\n    from {}\n    for {years} years\n",
            long_date(dated)
        );
    }
    doc.file("3.clause", three);

    // 4. Releases.
    let mut four = String::from("clause 4 \"Releases\"\n");
    let q4a = doc.para(
        "4. (a)",
        "You hereby irrevocably and unconditionally release the Company, its affiliates, officers, directors, employees and agents from any and all claims, demands and liabilities whatsoever, known and unknown, including any claims in connection with your employment with the Company or its termination.",
    );
    let _ = write!(
        four,
        "\nclause 4(a) \"The employee's release\"\n{q4a}\n  employee_release: employee releases company from \"any and all claims, demands and liabilities, known and unknown, including claims in connection with the employment or its termination; the release extends to the Company's affiliates, officers, directors, employees and agents\"\n    effective {}\n",
        long_date(dated)
    );
    if mutual_release {
        let q4b = doc.para(
            "(b)",
            "The Company releases you, your heirs, executors and assigns from any and all claims which the Company has had or now has against you arising out of your employment and its termination.",
        );
        let _ = write!(
            four,
            "\nclause 4(b) \"The Company's release\"\n{q4b}\n  company_release: company releases employee from \"any and all claims the Company has had or now has arising out of the employment and its termination; the release extends to the employee's heirs, executors and assigns\"\n    effective {}\n",
            long_date(dated)
        );
    }
    doc.file("4.clause", four);

    // 5. Transition support.
    let transition_end = add_months(dated, rng.range(1, 9) as u32);
    let expenses_cap = rng.range(1, 10) * 500;
    let q5 = doc.para(
        "5.",
        &format!(
            "Without additional compensation, you agree to provide transition support as the Company may reasonably request through {}. The Company will reimburse your reasonable expenses incurred in connection therewith, up to {} in total.",
            long_date(transition_end),
            dollars(expenses_cap)
        ),
    );
    doc.file(
        "5.clause",
        format!(
            "clause 5 \"Transition support\"\n{q5}\n  transition_support: employee performs \"transition support as the Company may reasonably request, without additional compensation\" for company\n    from {} through {}\n\n  transition_expenses: company reimburses employee \"reasonable expenses incurred in providing transition support\"\n    from {} through {}\n  assume \"the cap of {} on reimbursed expenses is stated in words: the expenses are not figures of the letter\"\n",
            long_date(dated),
            long_date(transition_end),
            long_date(dated),
            long_date(transition_end),
            dollars(expenses_cap)
        ),
    );

    let standard = boilerplate(
        &mut doc,
        rng,
        "Letter",
        [("company", "the Company"), ("employee", "you")],
    );
    doc.file("standard.clause", standard);

    // The closing paragraphs.
    let q_fees = doc.para(
        "",
        "If legal proceedings are brought to enforce this Letter, the prevailing party shall be entitled to recover its or his reasonable attorney's fees.",
    );
    let q_law = doc.para(
        "",
        &format!("This Letter is governed by the laws of the State of {state}."),
    );
    let q_entire = doc.para(
        "",
        "This Letter contains the entire agreement between the parties with respect to the end of your employment with the Company.",
    );
    let q_accept = doc.para(
        "",
        &format!(
            "If this Letter accurately reflects our agreement, please sign a copy of this Letter and return it to us by {} on {}, failing which this offer is withdrawn and becomes null and void.",
            time_text(deadline_hour, 0),
            long_date(deadline)
        ),
    );
    let q_sign = doc.lines(&[
        "Sincerely yours,".to_owned(),
        String::new(),
        company.clone(),
        String::new(),
        format!("By: /s/ {}", signer.full),
        signer.full.clone(),
        officer.to_owned(),
    ]);
    let q_ack = doc.lines(&[
        "ACKNOWLEDGED AND AGREED".to_owned(),
        String::new(),
        format!("/s/ {}", employee.full),
        employee.full.clone(),
        String::new(),
        if blank_date {
            "Date:".to_owned()
        } else {
            format!("Date: {}", long_date(signed_on))
        },
    ]);
    doc.file(
        "closing.clause",
        format!(
            "# The closing paragraphs are not numbered; they are named instead.\n\nclause fees \"Attorney's fees\"\n{q_fees}\n  employee_fees: employee may \"recover his reasonable attorney's fees in proceedings to enforce this Letter\" from company\n    if employee prevails\n\n  company_fees: company may \"recover its reasonable attorney's fees in proceedings to enforce this Letter\" from employee\n    if company prevails\n\nclause law \"Governing law\"\n{q_law}\nclause entire \"Entire agreement\"\n{q_entire}\nclause acceptance \"Offer and acceptance\"\n{q_accept}\n  acceptance: employee signs \"and returns a copy of this Letter\" to company by {} on {}\n    otherwise the offer lapses\n",
            time_text(deadline_hour, 0),
            long_date(deadline)
        ),
    );

    // The header.
    let mut header = format!(
        "# A generated severance letter (gen_corpus, agreement {index}): the parties,\n# the facts it leaves open, and how it was signed.\n\nagreement {}\n  dated {}\n  source \"source.txt\"\n\nparty company {}\nparty employee {}\n",
        lit(&doc_title),
        long_date(dated),
        lit(&company),
        lit(&employee.full)
    );
    if noncompete {
        let _ = write!(
            header,
            "\ndocument employment_agreement \"Employment Agreement\" dated {}\n  section {conf_section} \"Confidentiality\"\n  section {nc_section} \"Covenant not to compete\"\n",
            long_date(employment_date)
        );
    }
    if salary_based || election {
        header += "\n";
    }
    if salary_based {
        header += "fact annual_salary is money \"the employee's current annual rate of salary\"\n";
    }
    if election {
        header += "fact outplacement_cost is money \"what the outplacement services would cost\"\n";
    }
    let _ = write!(
        header,
        "\nsigned by company {} on {}\n",
        lit(&format!("/s/ {}, {officer}", signer.full)),
        long_date(dated)
    );
    if blank_date {
        let _ = writeln!(
            header,
            "signed by employee {} date left blank",
            lit(&format!("/s/ {}", employee.full))
        );
    } else {
        let _ = writeln!(
            header,
            "signed by employee {} on {}",
            lit(&format!("/s/ {}", employee.full)),
            long_date(signed_on)
        );
    }
    let _ = write!(
        header,
        "\nclause letter \"Letterhead, salutation and signature blocks (not operative)\"\n{heading}{q_sign}{q_ack}\nclause preamble \"What the letter covers\"\n{preamble}"
    );
    doc.file("agreement.clause", header);

    // Scenarios.
    let last_date = schedule
        .last()
        .max(if bonus { bonus_on } else { dated })
        .max(cash_on)
        .max(insurance_end);
    let as_of = add_months(last_date, rng.range(1, 6) as u32);
    let signed_line = format!(
        "employee signed on {} at {}",
        long_date(signed_on),
        time_text(signed_hour, *rng.pick(&[0, 15, 30, 45]))
    );
    let mut common = Vec::new();
    let mut said = Vec::new();
    if salary_based {
        common.push(format!("fact annual_salary is {}", money(salary * 100)));
        said.push(format!("a salary of {} a year", money(salary * 100)));
    }
    if bonus {
        let revenue = threshold + rng.range(-threshold / 4, threshold / 4);
        common.push(format!("fact fiscal_revenue is {}", money(revenue * 100)));
        said.push(format!("net revenue of {}", money(revenue * 100)));
    }
    let mut base = common.clone();
    base.push(signed_line.clone());
    base.push("every payment is made on its due date".to_owned());
    let outplacement_cost = rng.range(1, cap / 1_000) * 1_000;
    if election && !cash_default {
        base.push("employee elected cash_payment".to_owned());
    }
    let illustration = if said.is_empty() {
        "The dates of signing and payment are illustrations, not facts of the case.".to_owned()
    } else {
        format!(
            "The letter does not state {}: the figures are illustrations, not facts of the case.",
            said.join(" or ")
        )
    };
    let mut files = vec![scenario(
        "base",
        "The letter signed in time and every payment made on its due date",
        std::slice::from_ref(&illustration),
        as_of,
        &base,
    )];

    let mut late = base.clone();
    let k = rng.range(0, count as i64 - 1) as usize;
    let (events, story) = late_events(rng, "company", "employee", &schedule, k, as_of);
    late.extend(events);
    if terms.start == "reading" && rng.chance(50) {
        late.push("assume interest_start is grace_end".to_owned());
    }
    files.push(scenario(
        "late_installment",
        "One severance installment paid late",
        &[format!("As the base scenario, except that {story}.")],
        as_of,
        &late,
    ));

    let third = rng.range(0, 3);
    if offset && third <= 1 {
        let k = rng.range(0, (count as i64 - 2).max(0)) as usize;
        let received = add_days(
            if k == 0 { dated } else { schedule.dates[k - 1] },
            rng.range(1, 20),
        )
        .min(schedule.dates[k])
        .min(offset_end);
        let left: i64 = schedule
            .dates
            .iter()
            .zip(&schedule.amounts)
            .filter(|(d, _)| **d >= received)
            .map(|(_, a)| a)
            .sum();
        let amount = (left * rng.range(10, 90) / 100 / 100 * 100).max(100);
        let what = *rng.pick(COMPENSATION);
        let mut lines = base.clone();
        lines.push(format!(
            "employee received compensation {} on {} {}",
            money(amount),
            long_date(received),
            lit(what)
        ));
        let notified = add_days(received, rng.range(0, notice_days + 10));
        lines.push(format!(
            "employee notified company on {} {}",
            long_date(notified),
            lit(&format!("of the {what}"))
        ));
        files.push(scenario(
            "outside_compensation",
            "Outside compensation received and offset",
            &[format!(
                "As the base scenario, except that the employee receives {} of {what} on {} and tells the company on {}.",
                money(amount),
                long_date(received),
                long_date(notified)
            )],
            as_of,
            &lines,
        ));
    } else if election && third == 2 {
        let mut lines = common.clone();
        lines.push(signed_line.clone());
        lines.push("every payment is made on its due date".to_owned());
        lines.push(format!(
            "fact outplacement_cost is {}",
            money(outplacement_cost * 100)
        ));
        lines.push("employee elected outplacement".to_owned());
        files.push(scenario(
            "outplacement_election",
            "Outplacement elected",
            &[format!(
                "As the base scenario, except that the employee elects outplacement services, quoted at {}.",
                money(outplacement_cost * 100)
            )],
            as_of,
            &lines,
        ));
    } else if rng.chance(50) {
        let mut lines = common.clone();
        lines.push("every payment is made on its due date".to_owned());
        files.push(scenario(
            "unsigned",
            "The letter is not signed and returned by the deadline",
            &[format!(
                "No signature reaches the company by {} on {}.",
                time_text(deadline_hour, 0),
                long_date(deadline)
            )],
            as_of,
            &lines,
        ));
    } else {
        let mut lines = base.clone();
        let won = add_days(dated, rng.range(200, 700)).min(as_of);
        lines.push(format!("employee prevailed on {}", long_date(won)));
        files.push(scenario(
            "fee_dispute",
            "The employee prevails in proceedings to enforce the letter",
            &["As the base scenario; the proceedings are an illustration.".to_owned()],
            as_of,
            &lines,
        ));
    }

    doc.files
        .push(("source.txt".to_owned(), doc.source.clone()));
    doc.files.extend(files);
    Agreement {
        name: format!("{index:05}-severance-{}", slug(surname(&employee.full))),
        files: doc.files,
    }
}

/// Standard paragraphs that most agreements carry: `(clause name, title,
/// text, encoding)`. In the text and the encoding, `{doc}` is the document's
/// own word (`Letter`, `Note`, `Agreement`), `{a}` and `{b}` the two parties'
/// roles and `{A}` and `{B}` their defined terms.
const BOILERPLATE: &[(&str, &str, &str, &str)] = &[
    (
        "withholding",
        "Withholding",
        "All payments under this {doc} are subject to applicable tax withholding and other deductions required by law, and {A} may withhold from any payment the amounts required by law to be withheld.",
        "  withholding: {a} may \"withhold from any payment the amounts required by law to be withheld\" from {b}\n",
    ),
    (
        "severability",
        "Severability",
        "If any provision of this {doc} is held invalid or unenforceable, the remaining provisions shall remain in full force and effect, and the invalid or unenforceable provision shall be reformed to the minimum extent necessary to make it valid and enforceable.",
        "  assume \"severability is a rule of construction: it creates no obligation\"\n",
    ),
    (
        "notices",
        "Notices",
        "All notices under this {doc} shall be in writing and shall be deemed given when delivered personally, one business day after deposit with a recognized overnight courier, or three (3) days after mailing by certified mail, return receipt requested, to the address of the receiving party set forth above or to such other address as that party may designate by notice.",
        "  assume \"the manner of giving notice is not encoded: a scenario records the day a notice is given\"\n",
    ),
    (
        "assignment",
        "Assignment",
        "Neither party may assign this {doc} or any of its rights or obligations under it without the prior written consent of the other party, except that {A} may assign its rights to a successor to all or substantially all of its business.",
        "  no_assignment: {b} must not \"assign this {doc} or any of its rights or obligations under it without the prior written consent of {A}\" to {a}\n",
    ),
    (
        "amendment",
        "Amendment and waiver",
        "This {doc} may be amended or modified only by a written instrument signed by both parties, and no waiver of any provision shall be effective unless it is in writing and signed by the party against whom it is asserted.",
        "",
    ),
    (
        "counterparts",
        "Counterparts",
        "This {doc} may be executed in counterparts, each of which shall be deemed an original, and all of which together shall constitute one and the same instrument. Signatures delivered by facsimile or other electronic transmission shall be effective as originals.",
        "",
    ),
    (
        "jury_waiver",
        "Waiver of jury trial",
        "EACH PARTY KNOWINGLY AND VOLUNTARILY WAIVES ANY RIGHT IT MAY HAVE TO A TRIAL BY JURY IN ANY ACTION ARISING OUT OF OR RELATING TO THIS {DOC}.",
        "  jury_waiver_{a}: {a} releases {b} from \"any right to a trial by jury in any action arising out of or relating to this {doc}\"\n\n  jury_waiver_{b}: {b} releases {a} from \"any right to a trial by jury in any action arising out of or relating to this {doc}\"\n",
    ),
    (
        "further_assurances",
        "Further assurances",
        "Each party shall execute and deliver such further documents and take such further actions as the other party may reasonably request to carry out the purposes of this {doc}.",
        "  further_assurances_{a}: {a} performs \"execute and deliver such further documents as {B} may reasonably request to carry out this {doc}\" for {b}\n\n  further_assurances_{b}: {b} performs \"execute and deliver such further documents as {A} may reasonably request to carry out this {doc}\" for {a}\n",
    ),
    (
        "headings",
        "Headings",
        "The headings in this {doc} are for convenience of reference only and shall not affect its interpretation.",
        "",
    ),
    (
        "arbitration",
        "Arbitration",
        "Any dispute arising out of or relating to this {doc} shall be settled by binding arbitration under the rules of the American Arbitration Association then in effect, and judgment on the award may be entered in any court having jurisdiction.",
        "  arbitration_{a}: {a} may \"require that any dispute arising out of this {doc} be settled by binding arbitration\" from {b}\n\n  arbitration_{b}: {b} may \"require that any dispute arising out of this {doc} be settled by binding arbitration\" from {a}\n",
    ),
    (
        "inspection",
        "Books and records",
        "Upon reasonable notice, {B} shall permit {A} to inspect its books and records relating to this {doc} during normal business hours.",
        "  inspection: {b} performs \"permit inspection of its books and records relating to this {doc}, on reasonable notice, during normal business hours\" for {a}\n",
    ),
    (
        "no_admission",
        "No admission",
        "Nothing in this {doc} is an admission by either party of any liability or wrongdoing.",
        "",
    ),
];

/// Adds four to nine standard paragraphs to the document, in a varied
/// order; returns the clause file that quotes and encodes them.
fn boilerplate(doc: &mut Doc, rng: &mut Rng, word: &str, roles: [(&str, &str); 2]) -> String {
    let mut order: Vec<usize> = (0..BOILERPLATE.len()).collect();
    for i in (1..order.len()).rev() {
        let j = rng.range(0, i as i64) as usize;
        order.swap(i, j);
    }
    let take = rng.range(4, 9) as usize;
    let fill = |text: &str| {
        text.replace("{doc}", word)
            .replace("{DOC}", &word.to_uppercase())
            .replace("{a}", roles[0].0)
            .replace("{b}", roles[1].0)
            .replace("{A}", roles[0].1)
            .replace("{B}", roles[1].1)
    };
    let mut out = String::from("# The standard paragraphs.\n");
    for &i in order.iter().take(take) {
        let (name, title, text, encoding) = BOILERPLATE[i];
        let q = doc.para("", &fill(text));
        let _ = write!(out, "\nclause {name} {}\n{q}", lit(title));
        if !encoding.is_empty() {
            out.push('\n');
            out += &fill(encoding);
        }
    }
    out
}

fn surname(full: &str) -> &str {
    full.rsplit(' ').next().unwrap_or(full)
}

// ---- promissory notes -------------------------------------------------------

fn note(index: usize, rng: &mut Rng) -> Agreement {
    let mut doc = Doc::new();
    let borrower_person = rng.chance(50);
    let borrower = if borrower_person {
        person(rng).full
    } else {
        firm(rng, TRADE)
    };
    let lender = firm(rng, LENDER_TRADE);
    let (_, _, state) = address(rng);
    let (city, _, _) = *rng.pick(PLACE);
    let dated = random_date(rng, 1996, 2025);
    let (frequency, count, rule) = pick_shape(rng, "note");
    let terms = late_terms(rng);
    let principal = rng.range(10, 2_000) * 1_000;
    let first = first_due(dated, rng.range(1, 3) as u32, rule);
    let schedule = Schedule::new(
        "principal",
        principal * 100,
        schedule_dates(first, count, frequency, rule),
        terms.mode,
        terms.remainder_last,
    );
    let fee = rng.chance(50).then(|| rng.range(1, 40) * 50);
    let insurance = rng.chance(60);
    let acceleration = rng.chance(70);
    let security = rng.chance(50);
    let address_notice = rng.chance(60);
    let notice_days = *rng.pick(&[5, 10, 15, 30]);
    let security_date = random_date(
        rng,
        i64::from(dated.year()) - 1,
        i64::from(dated.year()) - 1,
    );
    let security_section = rng.range(3, 9);
    let release_on = add_days(schedule.last(), rng.range(10, 60));
    let state_of_each = if matches!(frequency, Frequency::Monthly) {
        ""
    } else {
        " (each an \"Installment\")"
    };

    let mut heading = doc.lines(&["PROMISSORY NOTE".to_owned()]);
    heading += &doc.lines(&[format!(
        "{}      {city}, {state}      {}",
        money(principal * 100),
        long_date(dated)
    )]);
    let q1 = doc.para(
        "1.",
        &format!(
            "FOR VALUE RECEIVED, {borrower} (\"Borrower\") promises to pay to the order of {lender} (\"Lender\") the principal sum of {}, without interest, in {} equal {} installments{state_of_each} {}, beginning {} and ending {}.",
            amount_in_words(principal),
            count_words(count as u64),
            frequency.source_word(),
            rule.source_text(frequency),
            long_date(first),
            long_date(schedule.last()),
        ),
    );
    let q2 = doc.para("2.", &terms.sentence("Borrower", "any installment"));
    let q3 = doc.para(
        "3.",
        "Borrower may prepay this Note in whole or in part at any time without premium or penalty.",
    );
    let mut one = format!(
        "clause 1 \"Payment of principal\"\n{q1}\n{}  principal: borrower pays lender {}\n    in {} equal {} installments {}\n    from {}{}\n{}",
        terms.reading(),
        money(principal * 100),
        count_words(count as u64),
        frequency.word(),
        rule.clause_text(),
        long_date(first),
        if rng.chance(50) {
            format!(" through {}", long_date(schedule.last()))
        } else {
            String::new()
        },
        terms.modifiers()
    );
    let _ = write!(
        one,
        "\nclause 2 \"Late installments\"\n{q2}\n  assume \"the late-interest terms of clause 2 are written on the principal obligation of clause 1\"\n\nclause 3 \"Prepayment\"\n{q3}\n  prepayment: borrower may \"prepay this Note in whole or in part at any time without premium or penalty\"\n"
    );
    doc.file("1.clause", one);

    let mut more = String::new();
    let mut n = 4;
    if let Some(fee) = fee {
        let q = doc.para(
            &format!("{n}."),
            &format!(
                "Borrower shall pay Lender a loan fee of {} on the date of this Note.",
                money(fee * 100)
            ),
        );
        let _ = write!(
            more,
            "clause {n} \"Loan fee\"\n{q}\n  loan_fee: borrower pays lender {}\n    on {}\n\n",
            money(fee * 100),
            long_date(dated)
        );
        n += 1;
    }
    if insurance {
        let q = doc.para(
            &format!("{n}."),
            "Until this Note is paid in full, Borrower shall keep the collateral insured against loss or damage, with Lender named as loss payee.",
        );
        let _ = write!(
            more,
            "clause {n} \"Insurance\"\n{q}\n  insurance: borrower performs \"keep the collateral insured against loss or damage, with Lender named as loss payee\" for lender\n    from {} through {}\n\n",
            long_date(dated),
            long_date(schedule.last())
        );
        n += 1;
    }
    if address_notice {
        let q = doc.para(
            &format!("{n}."),
            &format!(
                "Borrower shall notify Lender in writing of any change of its address within {} days after the change.",
                count_words(notice_days as u64)
            ),
        );
        let _ = write!(
            more,
            "clause {n} \"Change of address\"\n{q}\n  address_notice: borrower notifies lender of \"any change of its address, in writing\"\n    within {notice_days} days\n\n"
        );
        n += 1;
    }
    if acceleration {
        let q = doc.para(
            &format!("{n}."),
            "If Borrower is in default under this Note, Lender may declare the entire unpaid principal immediately due and payable.",
        );
        let _ = write!(
            more,
            "clause {n} \"Acceleration\"\n{q}\n  acceleration: lender may \"declare the entire unpaid principal immediately due and payable\" from borrower\n    if borrower_in_default\n\n  assume \"whether Borrower is in default is the fact borrower_in_default; it is not derived from the payments of a scenario\"\n\n"
        );
        n += 1;
    }
    if security {
        let q = doc.para(
            &format!("{n}."),
            &format!(
                "This Note is secured under the Security Agreement dated {}. Lender shall release its security interest under Section {security_section} of the Security Agreement on {}.",
                long_date(security_date),
                long_date(release_on)
            ),
        );
        let _ = write!(
            more,
            "clause {n} \"Security\"\n{q}\n  security_release: lender releases borrower from security_agreement section {security_section}\n    effective {}\n\n",
            long_date(release_on)
        );
        n += 1;
    }
    let q_fees = doc.para(
        &format!("{n}."),
        "If this Note is placed with an attorney for collection, Borrower shall pay Lender's reasonable attorney's fees and costs of collection.",
    );
    let _ = write!(
        more,
        "clause {n} \"Costs of collection\"\n{q_fees}\n  collection_costs: lender may \"recover its reasonable attorney's fees and costs of collection\" from borrower\n    if lender prevails\n\n"
    );
    n += 1;
    let q_law = doc.para(
        &format!("{n}."),
        &format!("This Note is governed by the laws of the State of {state}."),
    );
    let _ = write!(more, "clause {n} \"Governing law\"\n{q_law}");
    doc.file("2.clause", more);
    let standard = boilerplate(
        &mut doc,
        rng,
        "Note",
        [("lender", "Lender"), ("borrower", "Borrower")],
    );
    doc.file("standard.clause", standard);

    let q_sign = doc.lines(&[
        format!("BORROWER: {}", borrower.to_uppercase()),
        String::new(),
        format!("/s/ {borrower}"),
    ]);
    let mut header = format!(
        "# A generated promissory note (gen_corpus, agreement {index}).\n\nagreement {}\n  dated {}\n  source \"source.txt\"\n\nparty borrower {}\nparty lender {}\n",
        lit(&format!("Promissory Note of {borrower}")),
        long_date(dated),
        lit(&borrower),
        lit(&lender)
    );
    if security {
        let _ = write!(
            header,
            "\ndocument security_agreement \"Security Agreement\" dated {}\n  section {security_section} \"Grant of security interest\"\n",
            long_date(security_date)
        );
    }
    if acceleration {
        header += "\nfact borrower_in_default is yes or no \"whether Borrower is in default under this Note\"\n";
    }
    let _ = write!(
        header,
        "\nsigned by borrower {} on {}\n\nclause heading \"Title, amount, date and signature (not operative)\"\n{heading}{q_sign}",
        lit(&format!("/s/ {borrower}")),
        long_date(dated)
    );
    doc.file("agreement.clause", header);

    let as_of = add_months(release_on.max(schedule.last()), rng.range(0, 6) as u32);
    let mut base = Vec::new();
    if acceleration {
        base.push("fact borrower_in_default is no".to_owned());
    }
    base.push("every payment is made on its due date".to_owned());
    let mut files = vec![scenario(
        "base",
        "Every installment paid on its due date",
        &["The payment dates are illustrations, not facts of the case.".to_owned()],
        as_of,
        &base,
    )];
    let mut late = base.clone();
    let k = rng.range(0, count as i64 - 2) as usize;
    let (events, story) = late_events(rng, "borrower", "lender", &schedule, k, as_of);
    late.extend(events);
    let k2 = rng.range(k as i64 + 1, count as i64 - 1) as usize;
    let (events2, story2) = late_events(rng, "borrower", "lender", &schedule, k2, as_of);
    late.extend(events2);
    let story = format!("{story}, and {story2}");
    if terms.start == "reading" && rng.chance(50) {
        late.push("assume interest_start is grace_end".to_owned());
    }
    files.push(scenario(
        "late_payment",
        "An installment paid late",
        &[format!("As the base scenario, except that {story}.")],
        as_of,
        &late,
    ));
    if acceleration && rng.chance(60) {
        let stop = rng.range(1, count as i64 - 1) as usize;
        let mut lines = vec!["fact borrower_in_default is yes".to_owned()];
        for k in 0..stop {
            lines.push(paid(
                "borrower",
                "lender",
                schedule.amounts[k],
                schedule.dates[k],
                "principal",
                schedule.dates[k],
            ));
        }
        let won = add_days(schedule.dates[stop], rng.range(60, 200)).min(as_of);
        lines.push(format!("lender prevailed on {}", long_date(won.max(dated))));
        files.push(scenario(
            "borrower_default",
            "Borrower stops paying and is in default",
            &[format!(
                "Borrower pays the installments due through {} on their due dates and nothing after; Lender then prevails in collection proceedings.",
                long_date(schedule.dates[stop - 1])
            )],
            as_of,
            &lines,
        ));
    }
    doc.files
        .push(("source.txt".to_owned(), doc.source.clone()));
    doc.files.extend(files);
    Agreement {
        name: format!(
            "{index:05}-note-{}",
            if borrower_person {
                slug(surname(&borrower))
            } else {
                slug(&borrower)
            }
        ),
        files: doc.files,
    }
}

// ---- equipment leases -------------------------------------------------------

fn lease(index: usize, rng: &mut Rng) -> Agreement {
    let mut doc = Doc::new();
    let lessor = firm(rng, LENDER_TRADE);
    let lessee = firm(rng, TRADE);
    let (lessor_state, lessee_state) = (rng.pick(PLACE).2, rng.pick(PLACE).2);
    let (plant_street, plant_town, _) = address(rng);
    let equipment = *rng.pick(EQUIPMENT);
    let serial = format!("SN-{:06}", rng.range(1, 999_999));
    let dated = random_date(rng, 1998, 2025);
    let number = format!(
        "{}-{}-{:04}",
        lessor
            .chars()
            .take(3)
            .collect::<String>()
            .to_ascii_uppercase(),
        dated.year(),
        rng.range(1, 9999)
    );
    let months = *rng.pick(&[12, 24, 24, 36, 36, 48, 60]) as usize;
    let monthly_rent = rng.range(8, 200) * 50;
    let total = monthly_rent * months as i64;
    let terms = LateTerms {
        mode: RoundMode::HalfUp,
        remainder_last: true,
        ..late_terms(rng)
    };
    let term_start = first_due(dated, 1, DayRule::Day(1));
    let schedule = Schedule::new(
        "rent",
        total * 100,
        schedule_dates(term_start, months, Frequency::Monthly, DayRule::Day(1)),
        RoundMode::HalfUp,
        true,
    );
    let term_end = last_day_of_month(schedule.last().year(), schedule.last().month());
    let deposit = monthly_rent * rng.range(1, 3);
    let refund_on = add_days(term_end, 30);
    let loss_days = *rng.pick(&[3, 5, 10]);
    let notice_on = sub_days(term_end, 60);
    let cap = rng.range(2, 40) * 1_000;
    let renewal_months = *rng.pick(&[6, 12, 12, 24]) as usize;
    let renewal_rent = monthly_rent * 105 / 100;
    let renewal = Schedule::new(
        "renewal_rent",
        renewal_rent * renewal_months as i64 * 100,
        schedule_dates(
            add_months(term_start, months as u32),
            renewal_months,
            Frequency::Monthly,
            DayRule::Day(1),
        ),
        RoundMode::HalfUp,
        true,
    );
    let confidentiality = rng.chance(60);
    let survive_years = rng.range(1, 3);

    let mut heading = doc.lines(&["EQUIPMENT LEASE AGREEMENT".to_owned()]);
    heading += &doc.lines(&[format!("Lease No. {number}")]);
    heading += &doc.para(
        "",
        &format!(
            "This Equipment Lease Agreement (this \"Agreement\") is made as of {}, between {lessor}, a {lessor_state} company (\"Lessor\"), and {lessee}, a {lessee_state} corporation (\"Lessee\").",
            long_date(dated)
        ),
    );
    let q1 = doc.para(
        "1.",
        &format!(
            "Equipment and Term. Lessor leases to Lessee one {equipment}, serial number {serial} (the \"Equipment\"), for a term beginning {} and ending {} (the \"Term\"). Lessee shall keep the Equipment at its plant at {plant_street}, {plant_town}.",
            long_date(term_start),
            long_date(term_end)
        ),
    );
    let mut files = Vec::new();
    files.push((
        "1.clause".to_owned(),
        format!(
            "clause 1 \"Equipment and Term\"\n{q1}\n  possession: lessor provides lessee \"possession and quiet use of the Equipment\"\n    from {} through {}\n\n  location: lessee must not \"move the Equipment from the plant named in Section 1 without Lessor's prior written consent\" to lessor\n    from {} through {}\n",
            long_date(term_start),
            long_date(term_end),
            long_date(term_start),
            long_date(term_end)
        ),
    ));
    let q2 = doc.para(
        "2.",
        &format!(
            "Rent. Lessee shall pay Lessor total rent for the Term of {}, payable in {} equal monthly installments of {} each, in advance, on the first day of each month, beginning {} and ending {}. {}",
            amount_in_words(total),
            count_words(months as u64),
            money(monthly_rent * 100),
            long_date(term_start),
            long_date(schedule.last()),
            terms.sentence("Lessee", "any installment of rent"),
        ),
    );
    files.push((
        "2.clause".to_owned(),
        format!(
            "clause 2 \"Rent\"\n{q2}\n{}  rent: lessee pays lessor {}\n    in {} equal monthly installments of {} on day 1\n    from {} through {}\n{}",
            terms.reading(),
            money(total * 100),
            count_words(months as u64),
            money(monthly_rent * 100),
            long_date(term_start),
            long_date(schedule.last()),
            terms.modifiers()
        ),
    ));
    let q3 = doc.para(
        "3.",
        &format!(
            "Security Deposit. On the date of this Agreement Lessee shall pay Lessor a security deposit of {}. Lessor shall refund the security deposit to Lessee on {}, if Lessee is not then in default.",
            money(deposit * 100),
            long_date(refund_on)
        ),
    );
    files.push((
        "3.clause".to_owned(),
        format!(
            "clause 3 \"Security deposit\"\n{q3}\n  deposit: lessee pays lessor {}\n    on {}\n\n  deposit_refund: lessor pays lessee {}\n    on {}\n    if not lessee_in_default\n",
            money(deposit * 100),
            long_date(dated),
            money(deposit * 100),
            long_date(refund_on)
        ),
    ));
    let q4 = doc.para(
        "4.",
        &format!(
            "Maintenance and Insurance. Lessee shall, at its own expense, keep the Equipment in good repair and insured against all risks of loss or damage, with Lessor named as loss payee. Lessee shall notify Lessor in writing within {} days after any loss of or damage to the Equipment.",
            count_words(loss_days as u64)
        ),
    );
    files.push((
        "4.clause".to_owned(),
        format!(
            "clause 4 \"Maintenance and insurance\"\n{q4}\n  maintenance: lessee performs \"keep the Equipment in good repair, at its own expense\" for lessor\n    from {} through {}\n\n  insurance: lessee performs \"keep the Equipment insured against all risks of loss or damage, with Lessor named as loss payee\" for lessor\n    from {} through {}\n\n  loss_notice: lessee notifies lessor of \"any loss of or damage to the Equipment\"\n    within {loss_days} days\n",
            long_date(term_start),
            long_date(term_end),
            long_date(term_start),
            long_date(term_end)
        ),
    ));
    let q5 = doc.para(
        "5.",
        &format!(
            "End of Term Options. By written notice to Lessor given on or before {}, Lessee may elect (a) to purchase the Equipment on {} for its fair market value, not to exceed {}, or (b) to renew this Agreement for {} months at a monthly rent of {}. If Lessee gives no notice, Lessee shall return the Equipment to Lessor on {}.",
            long_date(notice_on),
            long_date(add_days(term_end, 1)),
            dollars(cap),
            count_words(renewal_months as u64),
            money(renewal_rent * 100),
            long_date(term_end)
        ),
    );
    files.push((
        "5.clause".to_owned(),
        format!(
            "clause 5 \"End of Term options\"\n{q5}\n  election end_of_term by lessee \"Lessee's election under Section 5\"\n    option purchase \"(a) purchase the Equipment at its fair market value, not to exceed {}\"\n    option renew \"(b) renew for {renewal_months} months\"\n    option return_equipment \"return the Equipment (deemed elected if no notice is given)\" default\n\n  election_notice: lessee notifies lessor of \"its election of option (a) or (b), in writing\"\n    on {}\n    if lessee elects purchase or lessee elects renew\n\n  purchase_price: lessee pays lessor fair_market_value\n    not to exceed {}\n    on {}\n    if lessee elects purchase and not lessee_in_default\n    rounded half up to the cent\n\n  renewal_rent: lessee pays lessor {}\n    in {} equal monthly installments on day 1\n    from {} through {}\n    if lessee elects renew and not lessee_in_default\n{}\n  return: lessee performs \"return of the Equipment to Lessor\" for lessor\n    on {}\n    if lessee elects return_equipment\n",
            dollars(cap),
            long_date(notice_on),
            dollars(cap),
            long_date(add_days(term_end, 1)),
            money(renewal.total),
            count_words(renewal_months as u64),
            long_date(renewal.first()),
            long_date(renewal.last()),
            terms.modifiers(),
            long_date(term_end)
        ),
    ));
    let mut n = 6;
    if confidentiality {
        let q = doc.para(
            &format!("{n}."),
            &format!(
                "Confidentiality. Lessee shall not disclose the pricing or other terms of this Agreement to any third party. This Section survives the end of this Agreement for {} years.",
                count_words(survive_years as u64)
            ),
        );
        files.push((
            format!("{n}.clause"),
            format!(
                "clause {n} \"Confidentiality\"\n{q}\n  confidentiality: lessee must not \"disclose the pricing or other terms of this Agreement to any third party\" to lessor\n    from {}\n\n  confidentiality_survives: lessee remains bound by \"Section {n} (Confidentiality)\" to lessor\n    for {survive_years} years\n",
                long_date(dated)
            ),
        ));
        n += 1;
    }
    let q_fees = doc.para(
        &format!("{n}."),
        "Attorney's Fees. In any action to enforce this Agreement, the prevailing party may recover its reasonable attorney's fees.",
    );
    let q_law = doc.para(
        &format!("{}.", n + 1),
        &format!(
            "Governing Law. This Agreement is governed by the laws of the State of {lessor_state}."
        ),
    );
    files.push((
        format!("{n}.clause"),
        format!(
            "clause {n} \"Attorney's fees\"\n{q_fees}\n  lessor_fees: lessor may \"recover its reasonable attorney's fees\" from lessee\n    if lessor prevails\n\n  lessee_fees: lessee may \"recover its reasonable attorney's fees\" from lessor\n    if lessee prevails\n\nclause {} \"Governing law\"\n{q_law}",
            n + 1
        ),
    ));
    let standard = boilerplate(
        &mut doc,
        rng,
        "Agreement",
        [("lessor", "Lessor"), ("lessee", "Lessee")],
    );
    files.push(("standard.clause".to_owned(), standard));
    let lessor_signer = person(rng);
    let lessee_signer = person(rng);
    let q_witness = doc.para(
        "",
        "IN WITNESS WHEREOF, the parties have signed this Agreement as of the date first written above.",
    );
    let q_lessor = doc.lines(&[
        format!("LESSOR: {}", lessor.to_uppercase()),
        format!("By: /s/ {}", lessor_signer.full),
        format!("Title: {}", rng.pick(OFFICER)),
    ]);
    let q_lessee = doc.lines(&[
        format!("LESSEE: {}", lessee.to_uppercase()),
        format!("By: /s/ {}", lessee_signer.full),
        format!("Title: {}", rng.pick(OFFICER)),
    ]);
    let header = format!(
        "# A generated equipment lease (gen_corpus, agreement {index}).\n\nagreement {}\n  dated {}\n  source \"source.txt\"\n\nparty lessor {}\nparty lessee {}\n\nfact fair_market_value is money \"the Equipment's fair market value at the end of the Term\"\nfact lessee_in_default is yes or no \"whether Lessee is in default under this Agreement\"\n\nsigned by lessor {} on {}\nsigned by lessee {} on {}\n\nclause heading \"Title, parties and signature blocks (not operative)\"\n{heading}{q_witness}{q_lessor}{q_lessee}",
        lit(&format!("Equipment Lease Agreement No. {number}")),
        long_date(dated),
        lit(&lessor),
        lit(&lessee),
        lit(&format!("/s/ {}", lessor_signer.full)),
        long_date(dated),
        lit(&format!("/s/ {}", lessee_signer.full)),
        long_date(dated)
    );
    files.insert(0, ("agreement.clause".to_owned(), header));
    doc.files = files;

    let as_of = add_months(refund_on.max(renewal.last()), rng.range(1, 4) as u32);
    let base = vec![
        "fact lessee_in_default is no".to_owned(),
        "every payment is made on its due date".to_owned(),
    ];
    let mut scenarios = vec![scenario(
        "base",
        "Every installment paid on its due date; the Equipment returned",
        &["The payment dates are illustrations, not facts of the case.".to_owned()],
        as_of,
        &base,
    )];
    let mut late = base.clone();
    let k = rng.range(0, months as i64 - 1) as usize;
    let (events, story) = late_events(rng, "lessee", "lessor", &schedule, k, as_of);
    late.extend(events);
    if terms.start == "reading" && rng.chance(50) {
        late.push("assume interest_start is grace_end".to_owned());
    }
    scenarios.push(scenario(
        "late_rent",
        "An installment of rent paid late",
        &[format!("As the base scenario, except that {story}.")],
        as_of,
        &late,
    ));
    match rng.range(0, 2) {
        0 => {
            let value = rng.range(cap / 4, cap) * 100;
            let mut lines = base.clone();
            lines.push(format!("fact fair_market_value is {}", money(value)));
            lines.push("lessee elected purchase".to_owned());
            lines.push(format!(
                "lessee notified lessor on {} \"of its election to purchase the Equipment\" for election_notice",
                long_date(sub_days(notice_on, rng.range(0, 20)))
            ));
            scenarios.push(scenario(
                "purchase_option",
                "Lessee elects to purchase the Equipment",
                &[format!(
                    "As the base scenario, except that Lessee elects to purchase and the parties agree a fair market value of {}.",
                    money(value)
                )],
                as_of,
                &lines,
            ));
        }
        1 => {
            let mut lines = base.clone();
            lines.push("lessee elected renew".to_owned());
            lines.push(format!(
                "lessee notified lessor on {} \"of its election to renew\" for election_notice",
                long_date(notice_on)
            ));
            scenarios.push(scenario(
                "renewal",
                "Lessee renews the lease",
                &["As the base scenario, except that Lessee elects to renew.".to_owned()],
                as_of,
                &lines,
            ));
        }
        _ => {}
    }
    doc.files
        .push(("source.txt".to_owned(), doc.source.clone()));
    doc.files.extend(scenarios);
    Agreement {
        name: format!("{index:05}-lease-{}", slug(&lessee)),
        files: doc.files,
    }
}

// ---------------------------------------------------------------------------
// The long schedule
// ---------------------------------------------------------------------------

/// The most payment events written into one scenario: 10,000 lines of about
/// 80 bytes stay well under clausec's limit of 1 MiB for one scenario.
pub const EVENTS_PER_SCENARIO: usize = 10_000;

/// An installment note with `count` monthly installments of $100.00 and one
/// payment event for each, every tenth paid late.
pub fn long_schedule(count: usize) -> Agreement {
    let last_year = 9_990;
    let start_year = (last_year - (count / 12) as i32 - 1).min(2000);
    let dated = NaiveDate::from_ymd_opt(start_year, 1, 2).unwrap();
    let first = NaiveDate::from_ymd_opt(start_year, 1, 31).unwrap();
    let dates = schedule_dates(first, count, Frequency::Monthly, DayRule::LastDay);
    let last = dates[count - 1];
    let total = 100 * count as i64;
    let mut doc = Doc::new();
    let heading = doc.lines(&["INSTALLMENT NOTE".to_owned()]);
    let q1 = doc.para(
        "1.",
        &format!(
            "FOR VALUE RECEIVED, Long Horizon Trust (\"Borrower\") promises to pay to the order of Perpetual Savings Bank (\"Lender\") the principal sum of {}, without interest, in {} equal monthly installments of $100.00 on the last day of each month, beginning {} and ending {}.",
            money(total * 100),
            thousands(count as i64),
            long_date(first),
            long_date(last)
        ),
    );
    let q2 = doc.para(
        "2.",
        "Any installment not paid within ten (10) days after its due date shall bear interest at 6% per annum from its due date until paid.",
    );
    let q_sign = doc.lines(&["/s/ Trustee, Long Horizon Trust".to_owned()]);
    doc.file(
        "agreement.clause",
        format!(
            "# A generated installment note with a schedule of {count} installments\n# (gen_corpus --long-schedule {count}).\n\nagreement \"Installment Note of Long Horizon Trust\"\n  dated {}\n  source \"source.txt\"\n\nparty borrower \"Long Horizon Trust\"\nparty lender \"Perpetual Savings Bank\"\n\nsigned by borrower \"/s/ Trustee, Long Horizon Trust\" on {}\n\nclause heading \"Title and signature (not operative)\"\n{heading}{q_sign}",
            long_date(dated),
            long_date(dated)
        ),
    );
    doc.file(
        "1.clause",
        format!(
            "clause 1 \"Payment of principal\"\n{q1}\n  principal: borrower pays lender {}\n    in {count} equal monthly installments of $100.00 on the last day of the month\n    from {} through {}\n    rounded half up to the cent\n    remainder on the last installment\n    grace period 10 days\n    late interest 6% per annum on the unpaid amount from the due date, simple, actual/365\n\nclause 2 \"Late installments\"\n{q2}",
            money(total * 100),
            long_date(first),
            long_date(last)
        ),
    );
    let as_of = add_months(last, 1);
    let parts = count.div_ceil(EVENTS_PER_SCENARIO);
    let mut scenarios = Vec::new();
    for part in 0..parts {
        let name = if parts == 1 {
            "payments".to_owned()
        } else {
            format!("payments_{:02}", part + 1)
        };
        let mut text = format!(
            "scenario {name} \"One payment event for each installment{}; every tenth paid 20 days late\"\n  as of {}\n\n",
            if parts == 1 {
                String::new()
            } else {
                format!(", part {} of {parts}", part + 1)
            },
            long_date(as_of)
        );
        let range = part * EVENTS_PER_SCENARIO..((part + 1) * EVENTS_PER_SCENARIO).min(count);
        if parts > 1 {
            text += "  every payment is made on its due date\n";
        }
        for k in range {
            let due = dates[k];
            let on = if k % 10 == 9 { add_days(due, 20) } else { due };
            let _ = writeln!(
                text,
                "  borrower paid lender $100.00 on {} for principal due {}",
                on.format("%Y-%m-%d"),
                due.format("%Y-%m-%d")
            );
        }
        scenarios.push((
            format!("scenarios/{}.scenario", name.replace('_', "-")),
            text,
        ));
    }
    doc.files
        .push(("source.txt".to_owned(), doc.source.clone()));
    doc.files.extend(scenarios);
    Agreement {
        name: format!("long-schedule-{count}"),
        files: doc.files,
    }
}
