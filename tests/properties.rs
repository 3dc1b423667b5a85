//! Property tests: exact money against integer references, schedules against
//! a day-by-day calendar walk, and the parser and pipeline against mutated
//! and generated input (no panic, every span inside its file).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{Datelike, Days, NaiveDate};
use clausec::calc::calendar::{dates_between, dates_from, dates_until};
use clausec::calc::money::{day_count, simple_interest, split_equal, Rounding};
use clausec::diagnostic::{Diagnostic, Severity};
use clausec::load::{Loaded, Parsed};
use clausec::source::{FileId, SourceMap, Span};
use clausec::syntax::ast::{
    DayCount, DayRule, Frequency, Item, Modifier, Remainder, RoundingMode, Unit,
};
use clausec::syntax::parse::{decode, parse_file};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::Config as ProptestConfig;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const AGREEMENT: &str = "clauses/lovelock-severance";

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // Failures are reported in the test output; no regression files are
        // written into the source tree.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------
// Integer references
// ---------------------------------------------------------------------------

/// `num / den` rounded to an integer under `mode`; both non-negative.
fn round_div(num: i128, den: i128, mode: RoundingMode) -> i128 {
    assert!(num >= 0 && den > 0);
    let (q, r) = (num / den, num % den);
    let up = match mode {
        RoundingMode::HalfUp => 2 * r >= den,
        RoundingMode::HalfEven => 2 * r > den || (2 * r == den && q % 2 == 1),
        RoundingMode::Down => false,
        RoundingMode::Up => r > 0,
    };
    q + i128::from(up)
}

fn cents(value: i128) -> Decimal {
    Decimal::from_i128_with_scale(value, 2)
}

fn rounding_mode() -> impl Strategy<Value = RoundingMode> {
    prop_oneof![
        Just(RoundingMode::HalfUp),
        Just(RoundingMode::HalfEven),
        Just(RoundingMode::Down),
        Just(RoundingMode::Up),
    ]
}

// ---------------------------------------------------------------------------
// 1. split_equal
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(5000))]

    /// The installments sum to the total exactly, every installment but the
    /// remainder slot is `total / count` rounded (checked against integer
    /// division), and the remainder slot is off by less than `count` units.
    #[test]
    fn split_equal_sums_exactly_and_spreads_evenly(
        total_cents in prop_oneof![
            3 => 0i64..=1_000_000_000_000_000,
            1 => 0i64..=100_000,
            1 => Just(1_000_000_000_000_000i64),
        ],
        count in prop_oneof![3 => 1usize..=1000, 1 => 1usize..=12],
        mode in rounding_mode(),
        remainder in prop_oneof![Just(Remainder::First), Just(Remainder::Last)],
        unit in prop_oneof![4 => Just(Unit::Cent), 1 => Just(Unit::Dollar), 1 => Just(Unit::Euro), 1 => Just(Unit::Yen)],
    ) {
        let rounding = Rounding { mode, unit };
        let total = cents(i128::from(total_cents));
        let unit_cents: i128 = match unit {
            Unit::Cent => 1,
            // A whole unit of any currency (the yen's is its smallest).
            Unit::Dollar | Unit::Euro | Unit::Pound | Unit::Franc | Unit::Yen | Unit::Whole => 100,
        };
        let n = i128::try_from(count).unwrap();
        let each_cents = round_div(i128::from(total_cents), n * unit_cents, mode) * unit_cents;
        if i128::from(total_cents) - each_cents * (n - 1) < 0 {
            // Rounding up left less than nothing for the remainder's
            // installment: there is no such split.
            prop_assert!(split_equal(total, count, rounding, remainder).is_err());
            return Ok(());
        }
        let parts = split_equal(total, count, rounding, remainder).unwrap();

        prop_assert_eq!(parts.len(), count);
        let sum: Decimal = parts.iter().copied().sum();
        prop_assert_eq!(sum, total);
        if unit == Unit::Cent {
            // The total is whole cents, so rounding it to the cent is itself.
            prop_assert_eq!(sum, rounding.apply(total));
        }

        let each = cents(each_cents);
        let slot = match remainder {
            Remainder::First => 0,
            Remainder::Last => count - 1,
        };
        for (i, part) in parts.iter().enumerate() {
            if i != slot {
                prop_assert_eq!(*part, each, "installment {} of {}", i, count);
            }
        }
        let rest = parts[slot];
        prop_assert_eq!(rest, total - each * Decimal::from(count - 1));
        let spread = (rest - each).abs();
        prop_assert!(
            spread < cents(n * unit_cents),
            "remainder {} differs from {} by {} (count {})", rest, each, spread, count
        );
    }
}

// ---------------------------------------------------------------------------
// 2. Schedules against a day-by-day walk
// ---------------------------------------------------------------------------

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => unreachable_month(month),
    }
}

fn unreachable_month(month: u32) -> u32 {
    panic!("no month {month}")
}

fn month_index(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month0())
}

fn rule_matches(date: NaiveDate, rule: DayRule) -> bool {
    let last = days_in_month(date.year(), date.month());
    match rule {
        DayRule::LastDayOfMonth => date.day() == last,
        DayRule::DayOfMonth(d) => date.day() == d.min(last),
        // Before the evaluator moves it to a business day, the 1st.
        DayRule::FirstBusinessDay => date.day() == 1,
    }
}

/// Every day from `from` through `through` that the rule and the frequency
/// (counted from `from`'s month) select.
fn reference_between(
    from: NaiveDate,
    through: NaiveDate,
    frequency: Frequency,
    rule: DayRule,
) -> Vec<NaiveDate> {
    let step = i64::from(frequency.months().unwrap());
    let mut dates = Vec::new();
    let mut day = from;
    while day <= through {
        if (month_index(day) - month_index(from)) % step == 0 && rule_matches(day, rule) {
            dates.push(day);
        }
        day = day.succ_opt().unwrap();
    }
    dates
}

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).unwrap()
}

/// A date from January 1, 1900 through December 31, 2200.
fn date_1900_2200() -> impl Strategy<Value = NaiveDate> {
    let last = NaiveDate::from_ymd_opt(2200, 12, 31).unwrap();
    let span = u64::try_from((last - epoch()).num_days()).unwrap();
    prop_oneof![
        4 => (0..=span).prop_map(|n| epoch() + Days::new(n)),
        // Month ends and the days around February 29 are where rules bite.
        1 => (1900i32..=2200, 1u32..=12, 0u32..=3).prop_map(|(y, m, back)| {
            NaiveDate::from_ymd_opt(y, m, days_in_month(y, m) - back).unwrap()
        }),
    ]
}

fn day_rule() -> impl Strategy<Value = DayRule> {
    prop_oneof![
        1 => Just(DayRule::LastDayOfMonth),
        2 => (1u32..=31).prop_map(DayRule::DayOfMonth),
        1 => (28u32..=31).prop_map(DayRule::DayOfMonth),
    ]
}

fn frequency() -> impl Strategy<Value = Frequency> {
    prop_oneof![
        3 => Just(Frequency::Monthly),
        1 => Just(Frequency::Quarterly),
        1 => Just(Frequency::Yearly),
    ]
}

fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_signed(chrono::TimeDelta::days(days))
        .unwrap()
}

fn strictly_increasing(dates: &[NaiveDate]) -> bool {
    dates.windows(2).all(|w| w[0] < w[1])
}

proptest! {
    #![proptest_config(config(2000))]

    /// `dates_between` is exactly the set of days a naive calendar walk
    /// selects (including an empty range when `through` is before `from`).
    #[test]
    fn dates_between_matches_a_day_by_day_walk(
        from in date_1900_2200(),
        length in prop_oneof![4 => 0i64..=3660, 1 => -62i64..0, 1 => 0i64..=62],
        frequency in frequency(),
        rule in day_rule(),
    ) {
        let through = add_days(from, length);
        let got = dates_between(from, through, frequency, rule).unwrap();
        let expected = reference_between(from, through, frequency, rule);
        prop_assert_eq!(got, expected);
    }

    /// `dates_from` gives `count` increasing dates, the first on or after
    /// `from`, and they are the first `count` dates of the schedule.
    #[test]
    fn dates_from_gives_the_first_n_dates(
        from in date_1900_2200(),
        count in 0usize..=150,
        frequency in frequency(),
        rule in day_rule(),
    ) {
        let dates = dates_from(from, count, frequency, rule).unwrap();
        prop_assert_eq!(dates.len(), count);
        prop_assert!(strictly_increasing(&dates), "{:?}", dates);
        if let (Some(&first), Some(&last)) = (dates.first(), dates.last()) {
            prop_assert!(first >= from);
            prop_assert!(dates.iter().all(|d| rule_matches(*d, rule)));
            // Nothing of the schedule is skipped between them.
            prop_assert_eq!(&dates, &dates_between(from, last, frequency, rule).unwrap());
            // The first is the first the day-by-day walk finds.
            let window = add_days(from, 400);
            let walked = reference_between(from, window, frequency, rule);
            prop_assert_eq!(walked.first(), Some(&first));
        }
    }

    /// `dates_until` gives `count` increasing dates, the last on or before
    /// `through`, and they are the last `count` dates of the schedule that
    /// runs through `through`'s month.
    #[test]
    fn dates_until_gives_the_last_n_dates(
        through in date_1900_2200(),
        count in 0usize..=150,
        frequency in frequency(),
        rule in day_rule(),
    ) {
        let dates = dates_until(through, count, frequency, rule).unwrap();
        prop_assert_eq!(dates.len(), count);
        prop_assert!(strictly_increasing(&dates), "{:?}", dates);
        if let Some(&first) = dates.first() {
            prop_assert!(*dates.last().unwrap() <= through);
            prop_assert!(dates.iter().all(|d| rule_matches(*d, rule)));
            let step = i64::from(frequency.months().unwrap());
            prop_assert_eq!((month_index(through) - month_index(first)) % step, 0);
            // Nothing is skipped between the first and `through`.
            prop_assert_eq!(&dates, &reference_between(first, through, frequency, rule));
        }
    }
}

// ---------------------------------------------------------------------------
// 3. Simple interest and day counts
// ---------------------------------------------------------------------------

/// Days since 0000-03-01 in the proleptic Gregorian calendar (H. Hinnant's
/// `days_from_civil`), written out so it does not lean on chrono.
fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe
}

fn civil(date: NaiveDate) -> i64 {
    days_from_civil(date.year(), date.month(), date.day())
}

/// 30/360 Bond Basis (ISDA 2006 §4.16(f)), from the definition:
/// `360·(Y2−Y1) + 30·(M2−M1) + (D2−D1)`, where D1 = 30 if it is 31, and
/// D2 = 30 if it is 31 and D1 (as written) is greater than 29.
fn reference_30_360(from: NaiveDate, to: NaiveDate) -> i64 {
    let (y1, m1, d1_written) = (from.year(), from.month(), from.day());
    let (y2, m2, d2_written) = (to.year(), to.month(), to.day());
    let d1 = if d1_written == 31 { 30 } else { d1_written };
    let d2 = if d2_written == 31 && d1_written > 29 {
        30
    } else {
        d2_written
    };
    360 * (i64::from(y2) - i64::from(y1))
        + 30 * (i64::from(m2) - i64::from(m1))
        + (i64::from(d2) - i64::from(d1))
}

proptest! {
    #![proptest_config(config(5000))]

    /// `simple_interest` equals `principal × rate × days / basis` computed
    /// exactly in integers and rounded once, for every rounding mode.
    #[test]
    fn simple_interest_matches_exact_rational_arithmetic(
        principal_cents in prop_oneof![
            3 => 1i64..=100_000_000_000,
            1 => 1i64..=100_000,
            1 => Just(100_000_000_000i64),
        ],
        rate_e4 in prop_oneof![3 => 1i64..=10_000, 1 => Just(1800i64), 1 => Just(10_000i64)],
        days in prop_oneof![3 => 0i64..=3650, 1 => 0i64..=40],
        basis in prop_oneof![Just(360i64), Just(365i64)],
        mode in rounding_mode(),
    ) {
        let principal = cents(i128::from(principal_cents));
        let rate = Decimal::new(rate_e4, 4);
        // In dollars: numerator / denominator.
        let numerator = i128::from(principal_cents) * i128::from(rate_e4) * i128::from(days);
        let denominator = 100 * 10_000 * i128::from(basis);
        let expected = cents(round_div(numerator * 100, denominator, mode));

        let rounding = Rounding { mode, unit: Unit::Cent };
        let got = simple_interest(principal, rate, days, basis, rounding).unwrap();
        prop_assert_eq!(got, expected);
        if mode == RoundingMode::HalfUp {
            let default = simple_interest(principal, rate, days, basis, Rounding::DEFAULT).unwrap();
            prop_assert_eq!(default, expected);
        }
    }

    /// 30/360 against the definition; the actual conventions against a
    /// hand-written day number.
    #[test]
    fn day_counts_match_their_definitions(
        from in date_1900_2200(),
        to in prop_oneof![
            2 => date_1900_2200().boxed(),
            3 => (date_1900_2200(), -40i64..=800).prop_map(|(d, n)| add_days(d, n)).boxed(),
        ],
    ) {
        prop_assert_eq!(day_count(DayCount::Thirty360, from, to), (reference_30_360(from, to), 360));
        let actual = civil(to) - civil(from);
        prop_assert_eq!(day_count(DayCount::Actual365, from, to), (actual, 365));
        prop_assert_eq!(day_count(DayCount::Actual360, from, to), (actual, 360));
    }
}

#[test]
fn thirty_360_worked_examples() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let cases = [
        ((2002, 10, 31), (2002, 11, 30), 30),
        ((2002, 10, 30), (2002, 12, 31), 60),
        ((2002, 10, 29), (2002, 12, 31), 62),
        ((2003, 2, 28), (2003, 3, 31), 33),
        ((2004, 1, 31), (2004, 2, 29), 29),
        ((2002, 6, 6), (2003, 6, 6), 360),
    ];
    for (from, to, days) in cases {
        let (from, to) = (d(from.0, from.1, from.2), d(to.0, to.1, to.2));
        assert_eq!(day_count(DayCount::Thirty360, from, to), (days, 360));
        assert_eq!(reference_30_360(from, to), days);
    }
}

// ---------------------------------------------------------------------------
// 3b. Offsets: one pass over the installments, as if receipt by receipt
// ---------------------------------------------------------------------------

/// The offset rule of clause 2(b) taken literally, one receipt at a time:
/// each receipt, earliest first, reduces the installments due on or after
/// the day it was received, earliest first, while it lasts. Returns what
/// each installment was reduced by, and what each receipt had left over.
fn reference_offsets(
    installments: &[(NaiveDate, Decimal)],
    receipts: &[(NaiveDate, Decimal)],
) -> (Vec<Decimal>, Vec<Decimal>) {
    let mut owed: Vec<Decimal> = installments.iter().map(|(_, amount)| *amount).collect();
    let mut offset = vec![Decimal::ZERO; owed.len()];
    let mut receipts = receipts.to_vec();
    receipts.sort_by_key(|(on, _)| *on);
    let mut excess = Vec::new();
    for (on, amount) in receipts {
        let mut left = amount;
        for (k, (due, _)) in installments.iter().enumerate() {
            if *due >= on {
                let take = left.min(owed[k]);
                owed[k] -= take;
                offset[k] += take;
                left -= take;
            }
        }
        excess.push(left);
    }
    (offset, excess)
}

/// The bundled letter with one more scenario: the employee receives each
/// of `receipts` (all inside the offset period).
fn letter_with_receipts(receipts: &[(NaiveDate, Decimal)]) -> (clausec::Analysis, SourceMap) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(AGREEMENT);
    let mut text = "scenario receipts \"Outside compensation received several times\"\n\
                    \x20 as of June 30, 2003\n\
                    \x20 fact annual_salary is $250,000.00\n\
                    \x20 employee signed on June 6, 2002 at 11:00 a.m.\n"
        .to_owned();
    for (k, (on, amount)) in receipts.iter().enumerate() {
        text.push_str(&format!(
            "  employee received compensation ${amount:.2} on {} \"fee {}\"\n",
            on.format("%B %-d, %Y"),
            k + 1
        ));
    }
    let mut overlay = clausec::load::Overlay::new();
    overlay.insert(dir.join("scenarios/receipts.scenario"), text);
    let mut sources = SourceMap::default();
    let analysis = clausec::analyze_with(&dir, &mut sources, &overlay).unwrap();
    assert!(!analysis.has_errors(), "the generated scenario has errors");
    (analysis, sources)
}

proptest! {
    #![proptest_config(config(48))]

    /// Offsetting each installment in turn, as the evaluator does in one
    /// pass, reduces every installment by what taking each receipt in turn
    /// across the whole schedule would, and leaves the same excess.
    #[test]
    fn offsets_in_one_pass_match_taking_each_receipt_in_turn(
        receipts in proptest::collection::vec(
            // June 6, 2002 to March 31, 2003 (the offset period), $0.00 to $60,000.00
            (0u64..=298, 0i64..=6_000_000),
            0..7,
        )
    ) {
        let start = NaiveDate::from_ymd_opt(2002, 6, 6).unwrap();
        let receipts: Vec<(NaiveDate, Decimal)> = receipts
            .iter()
            .map(|(day, cents)| (start + Days::new(*day), Decimal::new(*cents, 2)))
            .collect();
        let (analysis, _sources) = letter_with_receipts(&receipts);
        let scenario = |name: &str| analysis.model.scenarios.iter().find(|s| s.name.node == name);
        let installments = |ledger: &clausec::eval::ledger::Ledger| -> Vec<clausec::eval::ledger::Entry> {
            ledger
                .obligations
                .iter()
                .filter(|e| e.id.base() == "2(b).severance" && e.id.instance().is_some())
                .cloned()
                .collect()
        };
        let base = installments(&clausec::ledger(&analysis, scenario("base")));
        let owed: Vec<(NaiveDate, Decimal)> = base
            .iter()
            .map(|e| (e.due.unwrap(), e.amount.unwrap()))
            .collect();
        prop_assert_eq!(owed.len(), 6);
        let (offsets, excess) = reference_offsets(&owed, &receipts);

        let ledger = clausec::ledger(&analysis, scenario("receipts"));
        let reduced = installments(&ledger);
        for ((entry, offset), (_, before)) in reduced.iter().zip(&offsets).zip(&owed) {
            prop_assert_eq!(entry.offset.unwrap_or_default(), *offset, "{}", entry.id);
            prop_assert_eq!(entry.amount.unwrap(), *before - *offset, "{}", entry.id);
        }
        let schedule = ledger.schedules.iter().find(|s| s.obligation == "2(b).severance").unwrap();
        prop_assert_eq!(schedule.offset, offsets.iter().sum::<Decimal>());
        let excess_code = clausec::diagnostic::codes::Code::OffsetExcess.as_str();
        let warned = ledger.findings.iter().filter(|f| f.code == excess_code).count();
        prop_assert_eq!(warned, excess.iter().filter(|left| !left.is_zero()).count());
    }
}

// ---------------------------------------------------------------------------
// 4. The parser never panics
// ---------------------------------------------------------------------------

/// Every clause and scenario file of the bundled agreement.
fn corpus() -> &'static [(String, Vec<u8>)] {
    static CORPUS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let mut files = Vec::new();
        for dir in [
            PathBuf::from(AGREEMENT),
            Path::new(AGREEMENT).join("scenarios"),
        ] {
            let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| {
                    p.extension()
                        .is_some_and(|e| e == "clause" || e == "scenario")
                })
                .collect();
            paths.sort();
            for path in paths {
                let bytes = std::fs::read(&path).unwrap();
                files.push((path.display().to_string(), bytes));
            }
        }
        assert!(files.len() >= 10, "the bundled agreement is missing");
        files
    })
}

/// Every label of every diagnostic lies inside the text, on character
/// boundaries, in file 0.
fn assert_spans_inside(text: &str, diagnostics: &[Diagnostic]) -> Result<(), TestCaseError> {
    for d in diagnostics {
        prop_assert!(!d.labels.is_empty(), "{:?} has no label", d.code);
        for label in &d.labels {
            let Span { file, start, end } = label.span;
            prop_assert_eq!(file, FileId(0));
            prop_assert!(
                start <= end && end <= text.len(),
                "{} span {}..{} outside a text of {} bytes",
                d.code.as_str(),
                start,
                end,
                text.len()
            );
            prop_assert!(
                text.is_char_boundary(start) && text.is_char_boundary(end),
                "{} span {}..{} splits a character",
                d.code.as_str(),
                start,
                end
            );
        }
    }
    Ok(())
}

/// Parses a text (in a fresh file 0) and checks the spans of what comes back.
fn parse_and_check(text: &str) -> Result<(), TestCaseError> {
    let (ast, diagnostics) = parse_file(FileId(0), text);
    // Something always comes back: items, or a reason why there are none.
    prop_assert!(!ast.items.is_empty() || !diagnostics.is_empty());
    assert_spans_inside(text, &diagnostics)
}

#[derive(Clone, Debug)]
enum Mutation {
    Drop(Index, usize),
    Duplicate(Index, usize),
    Swap(Index, Index),
    Insert(Index, Vec<u8>),
    Replace(Index, Vec<u8>),
}

fn nasty_bytes() -> impl Strategy<Value = Vec<u8>> {
    let pieces: Vec<&'static str> = vec![
        "\"",
        "(",
        ")",
        "#",
        "\\",
        "$",
        "%",
        ",",
        ".",
        ":",
        "\n",
        "\r\n",
        "\t",
        " ",
        "\0",
        "\u{7}",
        "\u{1b}",
        "\u{7f}",
        "é",
        "€",
        "😀",
        "\u{200b}",
        "\u{feff}",
        "\u{2028}",
        "ǅ",
        "×",
        "÷",
        "\nclause 9 ",
        "\nscenario x ",
        "clause ",
        "not ",
        "greater of ",
        "(((",
        ")))",
        "\"\"\"",
        "\\\"",
        "$999999999999999999999999999999",
        "99999999999",
        "February 30, 2003",
        "0000-00-00",
        "9999-12-31",
    ];
    prop_oneof![
        3 => proptest::sample::select(pieces).prop_map(|s| s.as_bytes().to_vec()),
        2 => proptest::collection::vec(any::<u8>(), 1..4),
        1 => proptest::collection::vec(0u8..32, 1..3),
        1 => any::<char>().prop_map(|c| c.to_string().into_bytes()),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        2 => (any::<Index>(), 1usize..40).prop_map(|(i, n)| Mutation::Drop(i, n)),
        1 => (any::<Index>(), 1usize..80).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        3 => (any::<Index>(), nasty_bytes()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        2 => (any::<Index>(), nasty_bytes()).prop_map(|(i, b)| Mutation::Replace(i, b)),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len();
        match m {
            Mutation::Drop(i, n) if len > 0 => {
                let at = i.index(len);
                bytes.drain(at..(at + n).min(len));
            }
            Mutation::Duplicate(i, n) if len > 0 => {
                let at = i.index(len);
                let piece = bytes[at..(at + n).min(len)].to_vec();
                bytes.splice(at..at, piece);
            }
            Mutation::Swap(a, b) if len > 0 => bytes.swap(a.index(len), b.index(len)),
            Mutation::Insert(i, new) => {
                let at = i.index(len + 1);
                bytes.splice(at..at, new.iter().copied());
            }
            Mutation::Replace(i, new) if len > 0 => {
                let at = i.index(len);
                let end = (at + new.len()).min(len);
                bytes.splice(at..end, new.iter().copied());
            }
            _ => {}
        }
    }
    bytes
}

proptest! {
    #![proptest_config(config(2000))]

    /// (a) Byte-level mutations of every bundled file: decoding and parsing
    /// return (no panic), and every diagnostic points inside the text.
    #[test]
    fn parser_survives_mutated_clause_files(
        file in any::<Index>(),
        mutations in proptest::collection::vec(mutation(), 1..8),
    ) {
        let corpus = corpus();
        let (_, original) = &corpus[file.index(corpus.len())];
        let bytes = mutate(original.clone(), &mutations);
        let text = match decode(&bytes) {
            Ok(text) => text,
            Err((offset, lossy)) => {
                prop_assert!(offset <= bytes.len());
                lossy
            }
        };
        parse_and_check(&text)?;
    }
}

// (b) Generated clause files -------------------------------------------------
//
// The generators come in two styles: `Clean` writes what a careful drafter
// writes (valid dates near the agreement's, amounts of the right type, names
// that resolve), so that most generated agreements reach evaluation; `Wild`
// mixes in impossible dates, huge numbers, keywords where names go, stray
// quotes and unicode.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    Clean,
    Wild,
}

const MONTHS: [&str; 12] = [
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

/// The bundled agreement's date; clean generated dates fall after it.
fn agreement_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2002, 6, 6).unwrap()
}

fn word(choices: &[&'static str]) -> BoxedStrategy<String> {
    proptest::sample::select(choices.to_vec())
        .prop_map(str::to_owned)
        .boxed()
}

/// `s` as a factor: bare if it is one word, else in parentheses.
fn factor(s: String) -> String {
    if s.contains(' ') {
        format!("({s})")
    } else {
        s
    }
}

fn valid_date(style: Style) -> BoxedStrategy<NaiveDate> {
    let (start, days) = match style {
        Style::Clean => (agreement_date(), 365 * 5),
        Style::Wild => (NaiveDate::from_ymd_opt(1990, 1, 1).unwrap(), 365 * 30),
    };
    (0u64..=days)
        .prop_map(move |n| start + Days::new(n))
        .boxed()
}

/// A date as a clause writes it: `June 6, 2002` or `2002-06-06`.
fn date_text(style: Style) -> BoxedStrategy<String> {
    let clean = prop_oneof![
        3 => valid_date(style).prop_map(|d| d.format("%B %-d, %Y").to_string()),
        1 => valid_date(style).prop_map(|d| d.format("%Y-%m-%d").to_string()),
    ];
    match style {
        // Now and then the last day of the calendar, where every step
        // forward leaves it.
        Style::Clean => prop_oneof![
            30 => clean,
            1 => word(&["December 31, 9999", "9999-12-31", "December 1, 9999"]),
        ]
        .boxed(),
        Style::Wild => prop_oneof![
            8 => clean,
            1 => (0usize..12, 0u32..=99, 0i32..=9999)
                .prop_map(|(m, d, y)| format!("{} {d}, {y:04}", MONTHS[m])),
            1 => (0i32..=9999, 0u32..=99, 0u32..=99)
                .prop_map(|(y, m, d)| format!("{y:04}-{m}-{d}")),
            1 => word(&[
                "February 29, 2003",
                "February 29, 2004",
                "December 31, 9999",
                "January 1, 0000",
                "9999-12-31",
                "0000-01-01",
                "2002-02-30",
                "June 6,2002",
            ]),
        ]
        .boxed(),
    }
}

/// `from A through B`, with A on or before B when clean.
fn period_text(style: Style) -> BoxedStrategy<String> {
    match style {
        Style::Clean => (valid_date(style), 0u64..=800, any::<bool>())
            .prop_map(|(from, length, iso)| {
                let through = from + Days::new(length);
                let f = if iso { "%Y-%m-%d" } else { "%B %-d, %Y" };
                format!("from {} through {}", from.format(f), through.format(f))
            })
            .boxed(),
        Style::Wild => prop_oneof![
            3 => (date_text(style), date_text(style))
                .prop_map(|(a, b)| format!("from {a} through {b}")),
            1 => date_text(style).prop_map(|a| format!("from {a}")),
            1 => date_text(style).prop_map(|b| format!("through {b}")),
        ]
        .boxed(),
    }
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `$1,000.00`, `$250000`, or (wild) something far too large.
fn money_text(style: Style) -> BoxedStrategy<String> {
    let clean = (0u64..=10_000_000, proptest::option::of(0u32..100)).prop_map(|(d, c)| {
        let whole = group_thousands(&d.to_string());
        match c {
            Some(c) => format!("${whole}.{c:02}"),
            None => format!("${whole}"),
        }
    });
    match style {
        // Now and then an amount near the largest clausec computes with, so
        // that arithmetic overflows.
        Style::Clean => prop_oneof![
            20 => clean,
            1 => "\\$[1-9][0-9]{20,27}",
            1 => word(&["$79,228,162,514,264,337,593,543,950,335", "$0.0000001"]),
        ]
        .boxed(),
        Style::Wild => prop_oneof![
            6 => clean,
            2 => "\\$[0-9]{1,40}(\\.[0-9]{1,30})?",
            1 => "\\$[0-9]{1,3}(,[0-9]{1,5}){0,10}",
            1 => word(&[
                "$99999999999999999999999999999999",
                "$79228162514264337593543950335",
                "$79228162514264337593543950336",
                "$0.000000000000000000000000000001",
                "$0",
                "$0.001",
            ]),
        ]
        .boxed(),
    }
}

fn percent_text(style: Style) -> BoxedStrategy<String> {
    let clean = prop_oneof![
        2 => (0u32..=100).prop_map(|n| format!("{n}%")),
        1 => (0u32..=100, 1u32..10).prop_map(|(n, m)| format!("{n}.{m}%")),
    ];
    match style {
        Style::Clean => clean.boxed(),
        Style::Wild => prop_oneof![4 => clean, 1 => "[0-9]{1,35}(\\.[0-9]{1,30})?%"].boxed(),
    }
}

fn duration_text(style: Style) -> BoxedStrategy<String> {
    let unit = word(&[
        "day", "days", "week", "weeks", "month", "months", "year", "years",
    ]);
    let clean = (0u64..=120, unit.clone()).prop_map(|(n, u)| format!("{n} {u}"));
    match style {
        Style::Clean => prop_oneof![
            20 => clean,
            1 => (word(&["4294967295", "100000000"]), unit.clone()).prop_map(|(n, u)| format!("{n} {u}")),
        ]
        .boxed(),
        Style::Wild => prop_oneof![
            4 => clean,
            1 => (any::<u64>(), unit).prop_map(|(n, u)| format!("{n} {u}")),
        ]
        .boxed(),
    }
}

fn count_text(style: Style) -> BoxedStrategy<String> {
    let words = |_all: bool| (1u32..=99).prop_map(|n| (number_in_words(n), n));
    let clean = prop_oneof![
        3 => words(false).prop_map(|(w, n)| format!("{w} ({n})")),
        2 => (1u32..=60).prop_map(|n| n.to_string()),
        1 => words(false).prop_map(|(w, _)| w),
    ];
    match style {
        Style::Clean => prop_oneof![
            20 => clean,
            // Refused or empty schedules; a schedule of 99,999 dates is allowed
            // but takes seconds to evaluate and render in a debug build.
            1 => word(&["0", "100001", "4294967295"]),
        ]
        .boxed(),
        Style::Wild => prop_oneof![
            6 => clean,
            2 => words(true).prop_map(|(w, n)| format!("{w} ({n})")),
            1 => (words(true), 0u32..100).prop_map(|((w, _), n)| format!("{w} ({n})")),
            1 => word(&["0", "100000", "100001", "4294967295", "4294967296", "99999999999999"]),
        ]
        .boxed(),
    }
}

fn time_text(style: Style) -> BoxedStrategy<String> {
    let suffix = word(&["", " a.m.", " p.m.", "am", "pm"]);
    let clean =
        (1u32..=12, 0u32..60, suffix.clone()).prop_map(|(h, m, s)| format!("{h}:{m:02}{s}"));
    match style {
        Style::Clean => clean.boxed(),
        Style::Wild => prop_oneof![
            4 => clean,
            1 => (0u32..=99, 0u32..=99, suffix).prop_map(|(h, m, s)| format!("{h}:{m:02}{s}")),
        ]
        .boxed(),
    }
}

/// Text in double quotes: escapes, `#`, parentheses; when wild also line
/// breaks, unicode, nesting words, and now and then an unindented line that
/// looks like a new clause (which ends the quote unterminated).
fn quoted_text(style: Style) -> BoxedStrategy<String> {
    let piece = match style {
        Style::Clean => prop_oneof![
            8 => "[a-zA-Z0-9 ,.;:'()$%#-]{0,30}",
            1 => Just("\\\"".to_owned()),
            1 => Just("\\\\".to_owned()),
        ]
        .boxed(),
        Style::Wild => prop_oneof![
            30 => "[a-zA-Z0-9 ,.;:'()$%#-]{0,30}",
            3 => Just("\\\"".to_owned()),
            3 => Just("\\\\".to_owned()),
            3 => Just("\n    ".to_owned()),
            3 => Just("é€😀\u{200b}\u{2028}".to_owned()),
            3 => Just("not greater lesser (((".to_owned()),
            1 => Just("\nclause 7 ".to_owned()),
        ]
        .boxed(),
    };
    proptest::collection::vec(piece, 0..4)
        .prop_map(|parts| format!("\"{}\"", parts.concat()))
        .boxed()
}

/// Obligor and obligee.
fn parties(style: Style) -> BoxedStrategy<(String, String)> {
    let clean = word(&["company", "employee"]).prop_map(|p| {
        let other = if p == "company" {
            "employee"
        } else {
            "company"
        };
        (p, other.to_owned())
    });
    match style {
        Style::Clean => clean.boxed(),
        Style::Wild => prop_oneof![
            8 => clean,
            1 => (word(&["company", "employee", "lessor", "employe", "x9_"]), word(&["company", "employee", "the", "late"])),
        ]
        .boxed(),
    }
}

fn money_fact() -> BoxedStrategy<String> {
    word(&[
        "annual_salary",
        "outplacement_cost",
        "remaining_lease_costs",
    ])
}

/// An amount of money (clean), or any expression (wild).
fn money_expr(style: Style) -> BoxedStrategy<String> {
    let leaf = match style {
        Style::Clean => prop_oneof![3 => money_text(style), 2 => money_fact()].boxed(),
        Style::Wild => prop_oneof![
            4 => money_text(style),
            2 => money_fact(),
            1 => word(&["start_date", "notice_period", "bonus_rate", "lessor_accepts_transfer", "unknown_fact"]),
            1 => percent_text(style),
            1 => (0u32..=1000).prop_map(|n| n.to_string()),
            1 => duration_text(style),
            1 => date_text(style),
        ]
        .boxed(),
    };
    leaf.prop_recursive(4, 24, 2, move |inner| {
        let divisor = match style {
            Style::Clean => (1u32..=24).prop_map(|n| n.to_string()).boxed(),
            Style::Wild => prop_oneof![
                3 => (0u32..=24).prop_map(|n| n.to_string()),
                1 => Just("0.000".to_owned()),
                1 => percent_text(style),
            ]
            .boxed(),
        };
        let wrap = move |s: String| match style {
            Style::Clean => factor(s),
            Style::Wild => s,
        };
        prop_oneof![
            2 => (inner.clone(), word(&["+", "-"]), inner.clone())
                .prop_map(|(a, o, b)| format!("{a} {o} {b}")),
            2 => (inner.clone(), word(&["*", "/", "×", "÷"]), divisor)
                .prop_map(move |(a, o, n)| format!("{} {o} {n}", wrap(a))),
            1 => (inner.clone(), percent_text(style)).prop_map(|(a, p)| format!("{} * {p}", factor(a))),
            1 => inner.clone().prop_map(|a| format!("({a})")),
            1 => (inner.clone(), inner.clone(), word(&["the greater", "greater", "the lesser", "lesser"]))
                .prop_map(move |(a, b, w)| format!("{w} of {} and {}", wrap(a), wrap(b))),
        ]
    })
    .boxed()
}

fn condition(style: Style) -> BoxedStrategy<String> {
    let elector = match style {
        Style::Clean => word(&["employee"]),
        Style::Wild => word(&["employee", "company"]),
    };
    let atom = prop_oneof![
        2 => (elector, word(&["outplacement", "lease_costs"]))
            .prop_map(|(p, o)| format!("{p} elects {o}")),
        1 => word(&["employee", "company"]).prop_map(|p| format!("{p} prevails")),
        2 => (money_expr(style), word(&[">", ">=", "<", "<=", "="]), money_expr(style))
            .prop_map(|(a, op, b)| format!("{a} {op} {b}")),
        1 => quoted_text(style),
        2 => Just("lessor_accepts_transfer".to_owned()),
    ];
    atom.prop_recursive(3, 12, 2, move |inner| {
        prop_oneof![
            1 => inner.clone().prop_map(|c| format!("not {}", factor(c))),
            1 => inner.clone().prop_map(|c| format!("({c})")),
            2 => (inner.clone(), word(&["and", "or"]), inner).prop_map(move |(a, j, b)| {
                match style {
                    Style::Clean => format!("{} {j} {}", factor(a), factor(b)),
                    Style::Wild => format!("{a} {j} {b}"),
                }
            }),
        ]
    })
    .boxed()
}

/// A modifier; late interest only on a payment unless wild.
fn modifier(style: Style, payment: bool) -> BoxedStrategy<String> {
    let day_rule = prop_oneof![
        Just(String::new()),
        Just(" on the last day of the month".to_owned()),
        (1u32..=31).prop_map(|d| format!(" on day {d}")),
    ];
    let day_rule = match style {
        Style::Clean => day_rule.boxed(),
        Style::Wild => prop_oneof![
            4 => day_rule,
            1 => Just(" on day 0".to_owned()),
            1 => any::<u64>().prop_map(|d| format!(" on day {d}")),
        ]
        .boxed(),
    };
    let interest_start = word(&[
        "from the due date",
        "from the end of the grace period",
        "from interest_start",
    ]);
    let late_interest = (
        percent_text(style),
        proptest::option::of(interest_start),
        proptest::option::of(word(&["actual/365", "actual/360", "30/360"])),
    )
        .prop_map(|(p, start, basis)| {
            let mut text = format!("late interest {p} per annum on the unpaid amount");
            for term in [start, Some("simple".to_owned()), basis]
                .into_iter()
                .flatten()
            {
                text.push_str(", ");
                text.push_str(&term);
            }
            text
        })
        .boxed();
    let others = prop_oneof![
        4 => (count_text(style), word(&["monthly", "quarterly", "yearly"]), day_rule)
            .prop_map(|(c, f, d)| format!("in {c} equal {f} installments{d}")),
        1 => Just("if the count and the dates disagree, follow installment_reading".to_owned()),
        2 => (word(&["half up", "half even", "down", "up"]), word(&["cent", "dollar"]))
            .prop_map(|(m, u)| format!("rounded {m} to the {u}")),
        1 => word(&["first", "last"]).prop_map(|p| format!("remainder on the {p} installment")),
        4 => period_text(style),
        1 => date_text(style).prop_map(|d| format!("on {d}")),
        1 => date_text(style).prop_map(|d| format!("effective {d}")),
        1 => duration_text(style).prop_map(|d| format!("for {d}")),
        1 => duration_text(style).prop_map(|d| format!("within {d}")),
        2 => proptest::option::of(period_text(style)).prop_map(|period| {
            format!("reduced by compensation employee receives {}", period.unwrap_or_default())
        }),
        2 => duration_text(style).prop_map(|d| format!("grace period {d}")),
        1 => money_expr(style).prop_map(|e| format!("at a cost of {e}")),
        1 => money_expr(style).prop_map(|e| format!("not to exceed {e}")),
        2 => condition(style).prop_map(|c| format!("if {c}")),
        1 => Just("otherwise the offer lapses".to_owned()),
        1 => quoted_text(style).prop_map(|t| format!("then employee may {t}")),
    ];
    if payment || style == Style::Wild {
        prop_oneof![10 => others, 1 => late_interest].boxed()
    } else {
        others.boxed()
    }
}

/// A verb phrase after the obligor, and whether it is a payment.
fn action(style: Style, obligee: String) -> BoxedStrategy<(String, bool)> {
    let to = obligee.clone();
    prop_oneof![
        8 => money_expr(style).prop_map(move |e| (format!("pays {to} {e}"), true)),
        4 => other_action(style, obligee).prop_map(|a| (a, false)),
    ]
    .boxed()
}

/// A verb phrase other than `pays`.
fn other_action(style: Style, obligee: String) -> BoxedStrategy<String> {
    let o = obligee;
    // `reimburses PARTY "..."`, with or without `amounting to AMOUNT`; when
    // wild, also the amount without its words.
    let amount = match style {
        Style::Clean => proptest::option::of(money_expr(style))
            .prop_map(|e| e.map(|e| format!(" amounting to {e}")).unwrap_or_default())
            .boxed(),
        Style::Wild => prop_oneof![
            3 => proptest::option::of(money_expr(style))
                .prop_map(|e| e.map(|e| format!(" amounting to {e}")).unwrap_or_default()),
            1 => money_expr(style).prop_map(|e| format!(" {e}")),
        ]
        .boxed(),
    };
    prop_oneof![
        quoted_text(style).prop_map({
            let o = o.clone();
            move |t| format!("provides {o} {t}")
        }),
        (quoted_text(style), amount).prop_map({
            let o = o.clone();
            move |(t, e)| format!("reimburses {o} {t}{e}")
        }),
        quoted_text(style).prop_map({
            let o = o.clone();
            move |t| format!("performs {t} for {o}")
        }),
        Just(format!("notifies {o} of compensation employee receives")),
        Just(format!("releases {o} from employment_agreement section 9")),
        Just(format!(
            "remains bound by employment_agreement section 8 to {o}"
        )),
        quoted_text(style).prop_map({
            let o = o.clone();
            move |t| format!("must not {t} to {o}")
        }),
        (quoted_text(style), time_text(style), date_text(style))
            .prop_map(move |(t, time, d)| format!("signs {t} to {o} by {time} on {d}")),
    ]
    .boxed()
}

/// `LABEL: PARTY VERB ...` and its modifiers, one per line. `@L` stands for
/// a label made unique later.
fn obligation(style: Style) -> BoxedStrategy<String> {
    let label = match style {
        Style::Clean => Just(Some("@L".to_owned())).boxed(),
        Style::Wild => proptest::option::of(word(&["@L", "severance", "the", "late_fee"])).boxed(),
    };
    (label, parties(style))
        .prop_flat_map(move |(label, (obligor, obligee))| {
            action(style, obligee).prop_flat_map(move |(a, payment)| {
                let label = label.clone();
                let obligor = obligor.clone();
                proptest::collection::vec(modifier(style, payment), 0..5).prop_map(
                    move |modifiers| {
                        let mut text = match &label {
                            Some(l) => format!("  {l}: {obligor} {a}"),
                            None => format!("  {obligor} {a}"),
                        };
                        for m in &modifiers {
                            text.push_str("\n    ");
                            text.push_str(m);
                        }
                        text
                    },
                )
            })
        })
        .boxed()
}

fn clause_item(style: Style) -> BoxedStrategy<String> {
    let common = prop_oneof![
        8 => obligation(style),
        1 => quoted_text(style).prop_map(|t| format!("  quote {t}")),
        1 => quoted_text(style).prop_map(|t| format!("  assume {t}")),
    ];
    match style {
        Style::Clean => common.boxed(),
        Style::Wild => prop_oneof![
            8 => common,
            1 => (quoted_text(style), quoted_text(style)).prop_map(|(a, b)| format!(
                "  assume installment_reading {a}\n    option count_from_start {b} default\n    option count_to_end\n    option all_dates"
            )),
            1 => quoted_text(style).prop_map(|t| format!(
                "  election outplacement_or_lease by employee {t}\n    option outplacement\n    option lease_costs"
            )),
            1 => (word(&["bonus_rate", "extra_fact"]), word(&["money", "date", "duration", "percentage", "count", "number", "yes or no"]))
                .prop_map(|(n, t)| format!("  fact {n} is {t}")),
        ]
        .boxed(),
    }
}

/// `clause N "Title"` and its items. `@N` stands for a clause number made
/// unique later.
fn clause(style: Style) -> BoxedStrategy<String> {
    let number = match style {
        Style::Clean => Just("@N".to_owned()).boxed(),
        Style::Wild => word(&["@N", "2(b)", "2(e)(ii)", "fees", "3-a", "x"]),
    };
    (
        number,
        proptest::option::of(quoted_text(style)),
        proptest::collection::vec(clause_item(style), 0..5),
    )
        .prop_map(|(number, title, items)| {
            let mut text = format!("clause {number} {}\n", title.unwrap_or_default());
            for item in items {
                text.push_str(&item);
                text.push_str("\n\n");
            }
            text
        })
        .boxed()
}

fn scenario_item(style: Style) -> BoxedStrategy<String> {
    let fact = prop_oneof![
        3 => (money_fact(), money_text(style)).prop_map(|(n, v)| format!("fact {n} is {v}")),
        1 => word(&["yes", "no"]).prop_map(|v| format!("fact lessor_accepts_transfer is {v}")),
        1 => date_text(style).prop_map(|v| format!("fact start_date is {v}")),
        1 => duration_text(style).prop_map(|v| format!("fact notice_period is {v}")),
        1 => percent_text(style).prop_map(|v| format!("fact bonus_rate is {v}")),
    ];
    let fact = match style {
        Style::Clean => fact.boxed(),
        Style::Wild => prop_oneof![
            4 => fact,
            1 => (word(&["annual_salary", "unknown_fact", "the"]), prop_oneof![
                money_text(style), word(&["yes", "no"]), date_text(style), percent_text(style)
            ])
                .prop_map(|(n, v)| format!("fact {n} is {v}")),
        ]
        .boxed(),
    };
    // `@R` stands for a label of an obligation of the agreement.
    prop_oneof![
        1 => quoted_text(style).prop_map(|t| format!("  hypothetical {t}")),
        2 => date_text(style).prop_map(|d| format!("  as of {d}")),
        4 => fact.prop_map(|f| format!("  {f}")),
        1 => word(&["count_from_start", "count_to_end", "all_dates"])
            .prop_map(|r| format!("  assume installment_reading is {r}")),
        1 => word(&["due_date", "grace_end"]).prop_map(|r| format!("  assume interest_start is {r}")),
        2 => Just("  every payment is made on its due date".to_owned()),
        1 => word(&["outplacement", "lease_costs"])
            .prop_map(|o| format!("  employee elected {o}")),
        3 => (parties(style), money_text(style), date_text(style), proptest::option::of(date_text(style)))
            .prop_map(|((a, b), m, d, due)| {
                let due = due.map(|d| format!(" due {d}")).unwrap_or_default();
                format!("  {a} paid {b} {m} on {d} for @R{due}")
            }),
        1 => (money_text(style), date_text(style), quoted_text(style))
            .prop_map(|(m, d, t)| format!("  employee received compensation {m} on {d} {t}")),
        1 => (date_text(style), proptest::option::of(quoted_text(style)), any::<bool>())
            .prop_map(|(d, t, named)| {
                let words = t.map(|t| format!(" {t}")).unwrap_or_default();
                let duty = if named { " for @R" } else { "" };
                format!("  employee notified company on {d}{words}{duty}")
            }),
        2 => (date_text(style), proptest::option::of(time_text(style))).prop_map(|(d, t)| {
            let at = t.map(|t| format!(" at {t}")).unwrap_or_default();
            format!("  employee signed on {d}{at}")
        }),
        1 => (word(&["employee", "company"]), date_text(style))
            .prop_map(|(p, d)| format!("  {p} prevailed on {d}")),
    ]
    .boxed()
}

/// `scenario NAME "Title"` and its items. `@S` stands for a scenario name
/// made unique later.
fn scenario(style: Style) -> BoxedStrategy<String> {
    let name = match style {
        Style::Clean => Just("@S".to_owned()).boxed(),
        Style::Wild => word(&["@S", "base", "late", "the"]),
    };
    (
        name,
        proptest::option::of(quoted_text(style)),
        proptest::collection::vec(scenario_item(style), 0..8),
    )
        .prop_map(|(name, title, items)| {
            let mut text = format!("scenario {name} {}\n", title.unwrap_or_default());
            for item in items {
                text.push_str(&item);
                text.push('\n');
            }
            text
        })
        .boxed()
}

/// Replaces each `@N`, `@L` and `@S` with a fresh number or name, and each
/// `@R` with one of the labels (`ob0`…), so that names are unique.
fn number_placeholders(files: &mut [String], reference: &mut impl Iterator<Item = usize>) {
    let mut next = [0usize; 3];
    for text in files.iter_mut() {
        let mut out = String::with_capacity(text.len());
        let mut rest = text.as_str();
        while let Some(at) = rest.find('@') {
            out.push_str(&rest[..at]);
            let tag = rest[at + 1..].chars().next();
            let replacement = match tag {
                Some('N') => Some((0, "")),
                Some('L') => Some((1, "ob")),
                Some('S') => Some((2, "s")),
                _ => None,
            };
            match (tag, replacement) {
                (_, Some((slot, prefix))) => {
                    out.push_str(&format!("{prefix}{}", next[slot] + 1));
                    next[slot] += 1;
                    rest = &rest[at + 2..];
                }
                (Some('R'), None) => {
                    let labels = next[1].max(1);
                    out.push_str(&format!("ob{}", reference.next().unwrap_or(0) % labels + 1));
                    rest = &rest[at + 2..];
                }
                _ => {
                    out.push('@');
                    rest = &rest[at + 1..];
                }
            }
        }
        out.push_str(rest);
        *text = out;
    }
}

/// The header every generated agreement shares, so that names resolve and
/// most generated agreements reach evaluation.
fn header(dated: &str) -> String {
    format!(
        "agreement \"Generated\" dated {dated}\n\
         party company \"Company\"\n\
         party employee \"Employee\"\n\
         document employment_agreement \"Employment Agreement\"\n\
         \x20 section 8 \"Confidentiality\"\n\
         \x20 section 9 \"Non-compete\"\n\
         fact annual_salary is money\n\
         fact outplacement_cost is money\n\
         fact remaining_lease_costs is money\n\
         fact lessor_accepts_transfer is yes or no\n\
         fact start_date is date\n\
         fact notice_period is duration\n\
         fact bonus_rate is percentage\n\
         assume installment_reading \"which installments\"\n\
         \x20 option count_from_start default\n\
         \x20 option count_to_end\n\
         \x20 option all_dates\n\
         assume interest_start \"when late interest runs\"\n\
         \x20 option due_date default\n\
         \x20 option grace_end\n\
         election outplacement_or_lease by employee\n\
         \x20 option outplacement\n\
         \x20 option lease_costs\n"
    )
}

/// A whole generated file: maybe a header, clauses, maybe a scenario.
fn generated_file() -> BoxedStrategy<String> {
    let style = Style::Wild;
    (
        proptest::option::of(date_text(style)),
        proptest::collection::vec(clause(style), 0..4),
        proptest::option::of(scenario(style)),
        word(&["", "# a comment\n", "\r\n", " \t"]),
        proptest::collection::vec(0usize..8, 8),
    )
        .prop_map(|(dated, clauses, scenario, prefix, refs)| {
            let mut text = prefix;
            if let Some(dated) = dated {
                text.push_str(&header(&dated));
            }
            for c in clauses {
                text.push_str(&c);
            }
            if let Some(s) = scenario {
                text.push_str(&s);
            }
            let mut files = [text];
            number_placeholders(&mut files, &mut refs.into_iter());
            let [text] = files;
            text
        })
        .boxed()
}

proptest! {
    #![proptest_config(config(1000))]

    /// (b) Generated, plausible clause files: parsing returns and every
    /// diagnostic points inside the text.
    #[test]
    fn parser_survives_generated_clause_files(text in generated_file()) {
        parse_and_check(&text)?;
    }
}

/// 1 to 99 in words, as a contract writes them: `six`, `eighteen`,
/// `twenty-four`.
fn number_in_words(n: u32) -> String {
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
    let n = usize::try_from(n).unwrap();
    match n {
        0..=19 => UNITS[n].to_owned(),
        _ if n % 10 == 0 => TENS[n / 10].to_owned(),
        _ => format!("{}-{}", TENS[n / 10], UNITS[n % 10]),
    }
}

proptest! {
    #![proptest_config(config(200))]

    /// Any count from 1 to 99 can be written in words, alone or with its
    /// numeral (`in eighteen (18) equal monthly installments`), and reads
    /// as its value.
    #[test]
    fn every_number_word_is_a_count(n in 1u32..=99, with_numeral in any::<bool>()) {
        let word = number_in_words(n);
        let count = if with_numeral { format!("{word} ({n})") } else { word };
        let text = format!(
            "clause 1\n  a: company pays employee $600\n    in {count} equal monthly installments\n"
        );
        let (ast, diagnostics) = parse_file(FileId(0), &text);
        prop_assert!(
            diagnostics.is_empty(),
            "`{}`: {:?}",
            count,
            diagnostics.first().map(|d| &d.message)
        );
        let value = ast.items.iter().find_map(|item| match item {
            Item::Clause(c) => (c.obligations.first()?.terms.installments.as_ref())
                .map(|i| i.count.value.node),
            _ => None,
        });
        prop_assert_eq!(value, Some(n), "`{}`", count);
    }
}

// (b') Statements the grammar should read, found by the generators --------

/// The single clause of a parsed text, or why there is none.
fn only_clause(text: &str) -> Result<clausec::syntax::ast::Clause, TestCaseError> {
    let (ast, diagnostics) = parse_file(FileId(0), text);
    prop_assert!(
        diagnostics.is_empty(),
        "{:?}",
        diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.code.as_str(), d.message))
            .collect::<Vec<_>>()
    );
    match ast.items.as_slice() {
        [Item::Clause(clause)] => Ok(clause.clone()),
        other => Err(TestCaseError::fail(format!(
            "expected one clause, got {other:?}"
        ))),
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// `reimburses PARTY "..."`, with no amount or with one ending in a
    /// fact's name, then another obligation: two obligations.
    #[test]
    fn a_reimbursement_without_an_amount_ends_at_the_next_statement(
        what in quoted_text(Style::Clean),
        reimbursed in proptest::option::of(prop_oneof![money_fact(), money_text(Style::Clean)]),
        label in proptest::option::of(word(&["b", "travel", "meals"])),
        amount in money_text(Style::Clean),
    ) {
        let reimbursed = reimbursed
            .map(|e| format!(" amounting to {e}"))
            .unwrap_or_default();
        let next = match label {
            Some(l) => format!("{l}: company pays employee {amount}"),
            None => format!("company pays employee {amount}"),
        };
        let text = format!(
            "clause 1\n  a: company reimburses employee {what}{reimbursed}\n  {next}\n"
        );
        let clause = only_clause(&text)?;
        prop_assert_eq!(clause.obligations.len(), 2);
    }

    /// `late interest ...` then `from DATE through DATE` on the next line:
    /// both modifiers.
    #[test]
    fn late_interest_may_be_followed_by_a_period(
        rate in 1u32..=50,
        period in period_text(Style::Clean),
        simple in any::<bool>(),
    ) {
        let terms = if simple { ", simple" } else { "" };
        let text = format!(
            "clause 1\n  a: company pays employee $1,000\n    late interest {rate}% per annum{terms}\n    {period}\n"
        );
        let clause = only_clause(&text)?;
        let modifiers = &clause.obligations[0].modifiers;
        prop_assert!(modifiers.iter().any(|m| matches!(m, Modifier::LateInterest(_))));
        prop_assert!(modifiers.iter().any(|m| matches!(m, Modifier::Period(_))));
    }

    /// A comparison whose left amount is in parentheses is a comparison.
    #[test]
    fn a_parenthesised_amount_can_be_compared(
        left in prop_oneof![money_fact(), money_text(Style::Clean)],
        op in word(&[">", ">=", "<", "<=", "="]),
        right in money_text(Style::Clean),
    ) {
        let text = format!(
            "clause 1\n  a: company pays employee $1\n    if ({left}) {op} {right}\n"
        );
        let clause = only_clause(&text)?;
        let is_compare = clause.obligations[0].modifiers.iter().any(|m| {
            matches!(m, Modifier::Condition(clausec::syntax::ast::Condition::Compare(..)))
        });
        prop_assert!(is_compare);
    }

    /// Many statements side by side, each with one `not` or `greater of`,
    /// are not nesting: the nesting limit does not refuse them.
    #[test]
    fn side_by_side_is_not_nesting(
        count in 1usize..=150,
        kind in 0u8..3,
    ) {
        let mut text = String::from("clause 1\n");
        for i in 0..count {
            text.push_str(&match kind {
                0 => format!("  r{i}: employee must not \"disclose item {i}\" to company\n"),
                1 => format!("  p{i}: company pays employee $1\n    not to exceed $2\n"),
                _ => format!("  g{i}: company pays employee the greater of $1 and $2\n"),
            });
        }
        let clause = only_clause(&text)?;
        prop_assert_eq!(clause.obligations.len(), count);
    }
}

// (c) Deep nesting ----------------------------------------------------------

/// Runs `f` on a thread with a 2 MiB stack, as a small worker thread has.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

fn deep_nesting_is_refused(text: String) {
    let (elapsed, codes) = on_small_stack(move || {
        let started = Instant::now();
        let (_, diagnostics) = parse_file(FileId(0), &text);
        assert_spans_inside(&text, &diagnostics).unwrap();
        let codes: Vec<&'static str> = diagnostics.iter().map(|d| d.code.as_str()).collect();
        (started.elapsed(), codes)
    });
    assert!(
        codes.contains(&"clausec::input::too_deep"),
        "expected too_deep, got {codes:?}"
    );
    assert!(
        elapsed < Duration::from_secs(5),
        "refusing deep nesting took {elapsed:?}"
    );
}

#[test]
fn a_hundred_thousand_parentheses_are_refused_quickly() {
    deep_nesting_is_refused(format!("company pays employee {}", "(".repeat(100_000)));
    deep_nesting_is_refused(format!(
        "clause 1 \"x\"\n  severance: company pays employee {}$1{}\n",
        "(".repeat(100_000),
        ")".repeat(100_000)
    ));
}

#[test]
fn deeply_nested_words_are_refused_quickly() {
    deep_nesting_is_refused(format!(
        "clause 1\n  a: company pays employee {}$1\n",
        "the greater of ".repeat(20_000)
    ));
    deep_nesting_is_refused(format!(
        "clause 1\n  a: company pays employee $1\n    if {}x\n",
        "not ".repeat(50_000)
    ));
    // Date forms nest without parentheses: `1 day after 1 day after ...`.
    deep_nesting_is_refused(format!(
        "clause 1\n  a: company pays employee $1\n    on {}June 1, 2002\n",
        "1 day after ".repeat(20_000)
    ));
    deep_nesting_is_refused(format!(
        "clause 1\n  a: company pays employee $1\n    on {}June 1, 2002{}\n",
        "the later of ".repeat(20_000),
        " and June 2, 2002".repeat(20_000)
    ));
}

proptest! {
    #![proptest_config(config(64))]

    /// Nesting up to the limit parses, on a small stack, with no
    /// diagnostic; one level more is refused as too deep.
    #[test]
    fn nesting_limit_is_exact_on_a_small_stack(
        depth in prop_oneof![1usize..=80, 60usize..=70],
        kind in 0u8..3,
    ) {
        let amount = match kind {
            0 => format!("{}$1{}", "(".repeat(depth), ")".repeat(depth)),
            1 => format!("{}$1 and $2", "greater of ".repeat(depth)),
            _ => format!("$1\n    if {}x", "not ".repeat(depth)),
        };
        // `greater of` nests its first operand: depth words need depth - 1
        // more operands to close.
        let amount = if kind == 1 {
            format!("{amount}{}", " and $3".repeat(depth - 1))
        } else {
            amount
        };
        let text = format!("clause 1\n  a: company pays employee {amount}\n");
        let limit = clausec::syntax::parse::MAX_NESTING;
        let codes = on_small_stack(move || {
            let (_, diagnostics) = parse_file(FileId(0), &text);
            diagnostics.iter().map(|d| d.code.as_str()).collect::<Vec<_>>()
        });
        if depth > limit {
            prop_assert_eq!(codes, vec!["clausec::input::too_deep"]);
        } else {
            prop_assert!(codes.is_empty(), "depth {}: {:?}", depth, codes);
        }
    }
}

// ---------------------------------------------------------------------------
// 4 (d). The whole pipeline never panics on generated agreements
// ---------------------------------------------------------------------------

/// Reads in-memory files (text, is it a scenario) as `load` reads a folder.
fn load_in_memory(files: &[(String, bool)]) -> (SourceMap, Loaded) {
    let mut sources = SourceMap::default();
    let dir = PathBuf::from("generated");
    let dir_file = sources.add(&dir, String::new());
    let mut loaded = Loaded {
        dir: dir.clone(),
        dir_span: Span::new(dir_file, 0, 0),
        ..Loaded::default()
    };
    for (i, (text, is_scenario)) in files.iter().enumerate() {
        let extension = if *is_scenario { "scenario" } else { "clause" };
        let file = sources.add(&dir.join(format!("{i}.{extension}")), text.clone());
        let (ast, mut diagnostics) = parse_file(file, text);
        loaded.diagnostics.append(&mut diagnostics);
        loaded.files.push(Parsed {
            file,
            ast,
            is_scenario: *is_scenario,
        });
    }
    (sources, loaded)
}

/// Runs the pipeline of `clausec::analyze` on in-memory files and renders
/// every ledger and diagnostic. Returns the ledgers' JSON.
fn analyze_in_memory(files: &[(String, bool)]) -> Result<Vec<String>, TestCaseError> {
    let (sources, loaded) = load_in_memory(files);
    let (mut model, mut diagnostics) = clausec::check::check(&loaded);
    diagnostics.extend(loaded.diagnostics);
    if !diagnostics.iter().any(|d| d.severity == Severity::Error) {
        diagnostics.extend(clausec::check::findings::check_contract(
            &mut model, &sources,
        ));
        for scenario in &model.scenarios {
            let (_, more) = clausec::eval::evaluate(&model, Some(scenario));
            diagnostics.extend(more);
        }
    }
    clausec::diagnostic::sort(&mut diagnostics);
    for d in &diagnostics {
        for label in &d.labels {
            let text = sources.get(label.span.file).map_or("", |f| f.text.as_str());
            prop_assert!(
                label.span.start <= label.span.end && label.span.end <= text.len(),
                "{} span {:?} outside its file ({} bytes)",
                d.code.as_str(),
                label.span,
                text.len()
            );
        }
        prop_assert!(!clausec::diagnostic::render(d, &sources, 100).is_empty());
    }
    let analysis = clausec::Analysis { model, diagnostics };
    let mut out = Vec::new();
    if !analysis.has_errors() {
        out.push(clausec::report::render::ledger_json(&clausec::ledger(
            &analysis, None,
        )));
        for scenario in &analysis.model.scenarios {
            let ledger = clausec::ledger(&analysis, Some(scenario));
            out.push(clausec::report::render::ledger_json(&ledger));
        }
    }
    Ok(out)
}

fn generated_agreement() -> BoxedStrategy<Vec<(String, bool)>> {
    let style = Style::Clean;
    (
        proptest::collection::vec(clause(style), 1..3),
        proptest::collection::vec(scenario(style), 0..3),
        proptest::collection::vec(0usize..8, 16),
    )
        .prop_map(|(clauses, scenarios, refs)| {
            let mut texts = vec![header("June 6, 2002")];
            texts.extend(clauses);
            let clause_files = texts.len();
            texts.extend(scenarios);
            number_placeholders(&mut texts, &mut refs.into_iter());
            texts
                .into_iter()
                .enumerate()
                .map(|(i, text)| (text, i >= clause_files))
                .collect()
        })
        .boxed()
}

proptest! {
    #![proptest_config(config(500))]

    /// Check, findings, evaluation and rendering return (no panic) on
    /// generated agreements, every diagnostic points inside its file, and
    /// evaluation is deterministic.
    #[test]
    fn pipeline_survives_generated_agreements(files in generated_agreement()) {
        let first = analyze_in_memory(&files)?;
        let second = analyze_in_memory(&files)?;
        prop_assert_eq!(first, second);
    }
}

/// The clean generator is not vacuous: most of what it writes parses and
/// checks without error, so the pipeline property reaches evaluation.
#[test]
fn clean_generated_agreements_mostly_reach_evaluation() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = generated_agreement();
    let total = 100;
    let mut clean = 0;
    for _ in 0..total {
        let files = strategy.new_tree(&mut runner).unwrap().current();
        let (_, loaded) = load_in_memory(&files);
        let (_, diagnostics) = clausec::check::check(&loaded);
        let has_errors = diagnostics
            .iter()
            .chain(&loaded.diagnostics)
            .any(|d| d.severity == Severity::Error);
        clean += usize::from(!has_errors);
    }
    assert!(
        clean * 2 >= total,
        "only {clean} of {total} generated agreements reach evaluation"
    );
}

// ---------------------------------------------------------------------------
// 5. Determinism on the bundled agreement
// ---------------------------------------------------------------------------

fn bundled_ledgers() -> Vec<String> {
    let mut sources = SourceMap::default();
    let analysis = clausec::analyze(Path::new(AGREEMENT), &mut sources).unwrap();
    let mut out = Vec::new();
    for scenario in &analysis.model.scenarios {
        let ledger = clausec::ledger(&analysis, Some(scenario));
        out.push(clausec::report::render::ledger_json(&ledger));
        out.push(clausec::report::render::ledger_markdown(&ledger));
    }
    out.push(clausec::report::render::ledger_json(&clausec::ledger(
        &analysis, None,
    )));
    for d in &analysis.diagnostics {
        out.push(clausec::diagnostic::render(d, &sources, 100));
    }
    out
}

#[test]
fn the_bundled_agreement_renders_identically_twice() {
    let first = bundled_ledgers();
    let second = bundled_ledgers();
    // Six scenarios, each as JSON and Markdown, plus the no-scenario ledger.
    assert!(first.len() >= 13, "only {} outputs", first.len());
    assert_eq!(first.len(), second.len());
    for (i, (a, b)) in first.iter().zip(&second).enumerate() {
        assert!(a == b, "output {i} differs between two runs");
    }
    // And on another thread, with its own hash seeds.
    let third = std::thread::spawn(bundled_ledgers).join().unwrap();
    assert!(first == third, "a run on another thread differs");
}

// (d) Formatting ---------------------------------------------------------

/// Re-indents a file at random: every line's leading white space replaced,
/// blank lines added, trailing spaces appended outside quotes.
fn messy(text: &str, seed: u64) -> String {
    let mut state = seed | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut out = String::new();
    for line in text.lines() {
        let pad = (next() % 9) as usize;
        out.push_str(&" ".repeat(pad));
        out.push_str(line.trim_start());
        if next() % 4 == 0 && !line.contains('"') {
            out.push_str("   ");
        }
        out.push('\n');
        if next() % 5 == 0 {
            out.push('\n');
        }
    }
    out
}

proptest! {
    #![proptest_config(config(300))]

    /// `fmt` never changes what a file means, and formatting twice changes
    /// nothing the second time — on generated files and on messy copies of
    /// the bundled ones.
    #[test]
    fn formatting_keeps_the_meaning_and_is_idempotent(
        generated in generated_file(),
        seed in any::<u64>(),
        pick in 0usize..64,
    ) {
        let bundled = corpus();
        let (_, bytes) = &bundled[pick % bundled.len()];
        let original = String::from_utf8(bytes.clone()).unwrap();
        for text in [generated, messy(&original, seed)] {
            let (before, diagnostics) = parse_file(FileId(0), &text);
            if !diagnostics.is_empty() {
                continue;
            }
            let once = clausec::syntax::format::format_text(&text);
            let (after, after_diagnostics) = parse_file(FileId(0), &once);
            prop_assert!(after_diagnostics.is_empty(), "formatted text does not parse:\n{once}");
            prop_assert_eq!(&before, &after);
            prop_assert_eq!(clausec::syntax::format::format_text(&once), once);
        }
    }
}

// ---------------------------------------------------------------------------
// Notices: one notice answers one duty
// ---------------------------------------------------------------------------

/// The parties of the generated notice agreements, and the words their
/// duties and notices use: few, so that duties between the same parties and
/// in the same words are common.
const NOTICE_PARTIES: &[&str] = &["a", "b", "c"];
const NOTICE_WORDS: &[&str] = &["report one", "report two", "the quarterly report"];

/// A notice duty: `d{k}: FROM notifies TO of "WORDS" by DATE`.
#[derive(Clone, Debug)]
struct NoticeDuty {
    from: usize,
    to: usize,
    words: usize,
    due_day: u64,
}

/// A notice: `FROM notified TO on DATE "WORDS" for d{k}`. Its date is
/// fixed by its place, so that a ledger note names the notice it counts.
#[derive(Clone, Debug)]
struct NoticeEvent {
    from: usize,
    to: usize,
    /// An index into [`NOTICE_WORDS`], or one past it for words no duty has.
    words: usize,
    duty: Option<usize>,
}

/// An ordered pair of different parties, as indices.
fn party_pair() -> impl Strategy<Value = (usize, usize)> {
    (0..NOTICE_PARTIES.len(), 1..NOTICE_PARTIES.len())
        .prop_map(|(from, step)| (from, (from + step) % NOTICE_PARTIES.len()))
}

fn notice_duty() -> impl Strategy<Value = NoticeDuty> {
    (party_pair(), 0..NOTICE_WORDS.len(), 0u64..360).prop_map(|((from, to), words, due_day)| {
        NoticeDuty {
            from,
            to,
            words,
            due_day,
        }
    })
}

/// A notice: mostly one given for some duty (its parties; its words or
/// others; its label or none), sometimes any notice at all.
fn notice_event(duties: Vec<NoticeDuty>) -> impl Strategy<Value = NoticeEvent> {
    let count = duties.len();
    let for_a_duty = (
        0..count,
        0..=NOTICE_WORDS.len(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(move |(k, other_words, same_words, named)| {
            let duty = &duties[k];
            NoticeEvent {
                from: duty.from,
                to: duty.to,
                words: if same_words { duty.words } else { other_words },
                duty: named.then_some(k),
            }
        });
    let any_notice = (
        party_pair(),
        0..=NOTICE_WORDS.len(),
        proptest::option::of(0..count + 1),
    )
        .prop_map(|((from, to), words, duty)| NoticeEvent {
            from,
            to,
            words,
            duty,
        });
    prop_oneof![4 => for_a_duty, 1 => any_notice]
}

/// Duties, and notices among them.
fn duties_and_notices() -> impl Strategy<Value = (Vec<NoticeDuty>, Vec<NoticeEvent>)> {
    proptest::collection::vec(notice_duty(), 1..7).prop_flat_map(|duties| {
        let events = proptest::collection::vec(notice_event(duties.clone()), 0..7);
        (Just(duties), events)
    })
}

fn notice_day(day: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 2).unwrap() + Days::new(day)
}

/// The date of the `k`-th notice of a scenario: one a week, from January 2,
/// 2025.
fn notice_event_day(k: usize) -> NaiveDate {
    notice_day(7 * k as u64)
}

fn long(date: NaiveDate) -> String {
    date.format("%B %-d, %Y").to_string()
}

/// The agreement's files: the header, clause 1 with the duties, and a
/// scenario with the notices.
fn notice_agreement(duties: &[NoticeDuty], events: &[NoticeEvent]) -> Vec<(String, String)> {
    let mut clause = "clause 1 \"Reports\"\n".to_owned();
    for (k, d) in duties.iter().enumerate() {
        clause.push_str(&format!(
            "  d{k}: {} notifies {} of \"{}\"\n    by {}\n",
            NOTICE_PARTIES[d.from],
            NOTICE_PARTIES[d.to],
            NOTICE_WORDS[d.words],
            long(notice_day(d.due_day))
        ));
    }
    let mut scenario = "scenario base \"Notices\"\n  as of December 31, 2026\n".to_owned();
    for (k, e) in events.iter().enumerate() {
        let words = NOTICE_WORDS.get(e.words).unwrap_or(&"something else");
        let duty = e.duty.map(|d| format!(" for d{d}")).unwrap_or_default();
        scenario.push_str(&format!(
            "  {} notified {} on {} \"of {words}\"{duty}\n",
            NOTICE_PARTIES[e.from],
            NOTICE_PARTIES[e.to],
            long(notice_event_day(k))
        ));
    }
    vec![
        (
            "agreement.clause".to_owned(),
            "agreement \"Reports\"\n  dated January 1, 2025\n\n\
             party a \"A\"\nparty b \"B\"\nparty c \"C\"\n"
                .to_owned(),
        ),
        ("1.clause".to_owned(), clause),
        ("scenarios/base.scenario".to_owned(), scenario),
    ]
}

/// The reference rule, written apart from the library's: the duty a notice
/// answers (`Ok`), or `Err` when it must be reported.
fn reference_answer(duties: &[NoticeDuty], event: &NoticeEvent) -> Result<usize, ()> {
    let between = |d: &NoticeDuty| d.from == event.from && d.to == event.to;
    if let Some(named) = event.duty {
        return match duties.get(named) {
            Some(d) if between(d) => Ok(named),
            _ => Err(()),
        };
    }
    let owed: Vec<usize> = (0..duties.len()).filter(|&k| between(&duties[k])).collect();
    let worded: Vec<usize> = owed
        .iter()
        .copied()
        .filter(|&k| duties[k].words == event.words)
        .collect();
    match (owed.as_slice(), worded.as_slice()) {
        ([only], _) | (_, [only]) => Ok(*only),
        _ => Err(()),
    }
}

proptest! {
    #![proptest_config(config(96))]

    /// However notices and duties fall, no notice is counted for two duties:
    /// each answers the duty the reference rule picks, or is reported (and
    /// only those are), and a duty's "notice given on" is the first notice
    /// that answers it.
    #[test]
    fn a_notice_never_meets_two_duties(
        (duties, events) in duties_and_notices(),
    ) {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::create_dir_all(dir.path().join("scenarios")).unwrap();
        for (name, text) in notice_agreement(&duties, &events) {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let mut sources = SourceMap::default();
        let analysis = clausec::analyze(dir.path(), &mut sources).unwrap();
        let expected: Vec<Result<usize, ()>> =
            events.iter().map(|e| reference_answer(&duties, e)).collect();

        // The notices reported are exactly those the rule cannot place; the
        // scenario's line k + 3 holds its k-th notice.
        let mut reported: Vec<usize> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| clausec::diagnostic::location(d, &sources).unwrap().1)
            .collect();
        reported.dedup();
        let unplaced: Vec<usize> = (0..events.len())
            .filter(|&k| expected[k].is_err())
            .map(|k| k + 3)
            .collect();
        prop_assert_eq!(&reported, &unplaced, "{:#?}", analysis.diagnostics);
        if !unplaced.is_empty() {
            return Ok(());
        }

        let ledger = clausec::ledger(&analysis, analysis.model.scenarios.first());
        let mut counted: Vec<NaiveDate> = Vec::new();
        for (k, _) in duties.iter().enumerate() {
            let entry = ledger
                .obligations
                .iter()
                .find(|e| e.id.name() == format!("d{k}"))
                .unwrap();
            let given: Vec<NaiveDate> = entry
                .notes
                .iter()
                .filter_map(|n| match n {
                    clausec::eval::note::Note::NoticeGiven { on } => Some(*on),
                    _ => None,
                })
                .collect();
            let first = (0..events.len()).find(|&e| expected[e] == Ok(k));
            match first {
                Some(e) => {
                    prop_assert_eq!(given, vec![notice_event_day(e)], "d{}", k);
                    counted.push(notice_event_day(e));
                }
                None => prop_assert!(given.is_empty(), "d{k} met by {given:?}"),
            }
        }
        let before = counted.len();
        counted.sort_unstable();
        counted.dedup();
        prop_assert_eq!(counted.len(), before, "one notice counted for two duties");
    }
}
