//! In-process benchmarks of the clausec pipeline (`cargo bench`).
//!
//! A plain binary (`harness = false`, no benchmark crate): each measurement
//! runs a closure several times after a warm-up and prints the median, with
//! the fastest and slowest run. The targets are those of
//! `docs/PERFORMANCE.md`:
//!
//! - the Lovelock letter: load + parse + check + evaluate of every scenario
//!   (`clausec::analyze`) in at most 2 ms; one ledger of the analysed letter
//!   (`clausec::eval::ledger`) in at most 100 µs;
//! - a long schedule: 10,000 monthly installments with 10,000 payment
//!   events evaluated (`clausec::eval::ledger`) in at most 50 ms; 100,000 in at
//!   most 12 times that;
//! - the front end: `clausec::syntax::parse::parse_file` at 20 MB/s or more on one
//!   core, over a large generated clause text;
//! - many clauses: `clausec::analyze` of 100,000 one-line clauses in at
//!   most 12 times the time of 10,000 (no step looks through every clause
//!   for each clause).
//!
//! - the agenda: `clausec agenda` over N copies of the letter (each
//!   analysed, its `base` ledger cut to a window, the items merged in date
//!   order and rendered), N = 10 and 100: at most 12 times the time of 10
//!   for 100 (linear in the number of agreements; one thread here, so that
//!   the figure is not the machine's cores).
//!
//! - business days: every day of 2000–2029 checked against both built-in
//!   holiday calendars, and `add_business_days(1)` chained over the same
//!   thirty years (no target; the figures are recorded).
//!
//! - a daily business-day schedule: a payment due each weekday for thirty
//!   years (2000–2029), moved by modified following off United States
//!   federal holidays, every payment made on its due date (no target).
//!
//! Under `cargo test --all-targets` (no `--bench` argument) every
//! measurement runs once, on small inputs, as a smoke test. Words after
//! `--` choose the groups whose names contain them
//! (`cargo bench --bench pipeline -- business`); none runs every group.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

use clausec::source::{FileId, SourceMap};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How hard to measure: `cargo bench` measures; a test run only smokes.
struct Mode {
    full: bool,
}

impl Mode {
    /// A target to judge against, when measuring (a smoke run, unoptimised
    /// and on small inputs, judges nothing).
    fn target(&self, target: Duration) -> Option<Duration> {
        self.full.then_some(target)
    }

    /// `n` runs when measuring, one when smoking.
    fn runs(&self, n: usize) -> usize {
        if self.full {
            n
        } else {
            1
        }
    }
}

/// The median, fastest and slowest of `runs` runs of `f`, after one
/// warm-up run.
fn measure<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration, Duration) {
    black_box(f());
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[times.len() / 2], times[0], times[times.len() - 1])
}

fn show(d: Duration) -> String {
    let ns = d.as_nanos();
    if ns < 1_000 {
        format!("{ns} ns")
    } else if ns < 1_000_000 {
        format!("{:.1} µs", ns as f64 / 1e3)
    } else {
        format!("{:.2} ms", ns as f64 / 1e6)
    }
}

/// Prints one result line; returns the median.
fn report(
    name: &str,
    runs: usize,
    (median, min, max): (Duration, Duration, Duration),
    target: Option<Duration>,
) -> Duration {
    let verdict = match target {
        Some(t) if median <= t => format!("  target ≤ {}: met", show(t)),
        Some(t) => format!("  target ≤ {}: MISSED", show(t)),
        None => String::new(),
    };
    println!(
        "{name:<58} median {:>10}  (min {}, max {}, {runs} runs){verdict}",
        show(median),
        show(min),
        show(max)
    );
    median
}

/// A scratch folder for generated agreements, removed at the end.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("clausec-bench-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn main() {
    let mode = Mode {
        full: std::env::args().any(|a| a == "--bench"),
    };
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let chosen = |group: &str| filters.is_empty() || filters.iter().any(|f| group.contains(f));
    let scratch = Scratch::new();
    println!(
        "clausec pipeline benchmarks ({})\n",
        if mode.full {
            "medians"
        } else {
            "smoke run: one run each, small inputs"
        }
    );
    if chosen("letter") {
        letter(&mode);
    }
    if chosen("long_schedules") {
        long_schedules(&mode, &scratch.0);
    }
    if chosen("front_end") {
        front_end(&mode);
    }
    if chosen("many_clauses") {
        many_clauses(&mode, &scratch.0);
    }
    if chosen("business") {
        business_days(&mode);
    }
    if chosen("events") {
        events(&mode, &scratch.0);
    }
    if chosen("daily") {
        daily(&mode, &scratch.0);
    }
    if chosen("money_over_time") {
        money_over_time(&mode, &scratch.0);
    }
    if chosen("agenda") {
        agenda(&mode, &scratch.0);
    }
}

// ---- item 4: the Lovelock letter -----------------------------------------

fn letter(mode: &Mode) {
    println!("The Lovelock letter (clauses/lovelock-severance)");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("clauses/lovelock-severance");
    let runs = mode.runs(101);
    report(
        "analyze: read + parse + check + evaluate 8 scenarios",
        runs,
        measure(runs, || {
            let mut sources = SourceMap::default();
            clausec::analyze(&dir, &mut sources).unwrap()
        }),
        mode.target(Duration::from_millis(2)),
    );
    report(
        "check_report: analyze + render the diagnostics (text)",
        runs,
        measure(runs, || clausec::check_report(&dir, false).unwrap()),
        None,
    );
    let mut sources = SourceMap::default();
    let analysis = clausec::analyze(&dir, &mut sources).unwrap();
    assert!(!analysis.has_errors(), "the letter has errors");
    let base = analysis
        .model
        .scenarios
        .iter()
        .find(|s| s.name.node == "base")
        .expect("the letter's base scenario");
    let runs = mode.runs(1001);
    report(
        "ledger: evaluate the analysed letter under `base`",
        runs,
        measure(runs, || clausec::ledger(&analysis, Some(base))),
        mode.target(Duration::from_micros(100)),
    );
    let ledger = clausec::ledger(&analysis, Some(base));
    report(
        "ledger_text --explain of that ledger (render only)",
        runs,
        measure(runs, || {
            clausec::report::render::ledger_text(
                &ledger,
                clausec::report::render::TextOptions { explain: true },
            )
        }),
        None,
    );
    println!();
}

// ---- item 3: long schedules -----------------------------------------------

fn long_schedules(mode: &Mode, scratch: &Path) {
    println!("Long schedules: N monthly installments, one payment event each (every tenth late)");
    let sizes: &[usize] = if mode.full {
        &[1_000, 10_000, 30_000, 100_000]
    } else {
        &[1_000]
    };
    let mut at_10k = None;
    for &count in sizes {
        let agreement = gen_corpus::long_schedule(count);
        gen_corpus::write_agreement(scratch, &agreement).unwrap();
        let dir = scratch.join(&agreement.name);
        let runs = mode.runs(if count >= 100_000 { 15 } else { 31 });
        let mut sources = SourceMap::default();
        let start = Instant::now();
        let analysis = clausec::analyze(&dir, &mut sources).unwrap();
        let analyze_time = start.elapsed();
        assert!(!analysis.has_errors(), "the long schedule has errors");
        // The events of a long schedule are spread over several scenario
        // files (a scenario is limited to 1 MiB of text); merge them into one.
        let mut merged = analysis.model.scenarios[0].clone();
        for other in analysis.model.scenarios.iter().skip(1) {
            merged.events.extend(other.events.iter().cloned());
        }
        merged.payments_on_time = false;
        assert_eq!(
            merged.events.len(),
            count,
            "one payment event per installment"
        );
        let target = match (count, at_10k) {
            (10_000, _) => mode.target(Duration::from_millis(50)),
            (100_000, Some(t)) => mode.target(t * 12),
            _ => None,
        };
        let median = report(
            &format!("ledger: {count} installments, {count} payment events"),
            runs,
            measure(runs, || clausec::ledger(&analysis, Some(&merged))),
            target,
        );
        if count == 10_000 {
            at_10k = Some(median);
        }
        if let (100_000, Some(t)) = (count, at_10k) {
            println!(
                "{:<58} {:.1}× the time of 10,000 (target ≤ 12×)",
                "",
                median.as_secs_f64() / t.as_secs_f64()
            );
        }
        println!(
            "{:<58} (analyze of the folder, once: {}, {} scenario files, {:.1} MB)",
            "",
            show(analyze_time),
            analysis.model.scenarios.len(),
            agreement.bytes() as f64 / 1e6
        );
    }
    println!();
}

// ---- item 5: front-end throughput -------------------------------------------

fn front_end(mode: &Mode) {
    println!("Front end: clausec::syntax::parse::parse_file over generated clause text");
    // The clause files of the first agreements of the corpus, one after the
    // other: every construct of the language, a few MB in all.
    let agreements = if mode.full { 600 } else { 10 };
    let mut clauses = String::new();
    let mut scenarios = String::new();
    for index in 0..agreements {
        for (path, text) in gen_corpus::agreement(index).files {
            if path.ends_with(".clause") {
                clauses.push_str(&text);
                clauses.push('\n');
            } else if path.ends_with(".scenario") {
                scenarios.push_str(&text);
                scenarios.push('\n');
            }
        }
    }
    for (what, text) in [("clause", &clauses), ("scenario", &scenarios)] {
        let (_, errors) = clausec::syntax::parse::parse_file(FileId(0), text);
        assert!(
            errors.is_empty(),
            "the generated {what} text does not parse"
        );
        let runs = mode.runs(7);
        let times = measure(runs, || clausec::syntax::parse::parse_file(FileId(0), text));
        let median = report(
            &format!(
                "parse_file: {:.2} MB of {what} text ({agreements} agreements)",
                text.len() as f64 / 1e6
            ),
            runs,
            times,
            None,
        );
        let rate = text.len() as f64 / 1e6 / median.as_secs_f64();
        println!(
            "{:<58} {rate:.1} MB/s on one core{}",
            "",
            if what == "clause" && mode.full {
                if rate >= 20.0 {
                    "  target ≥ 20 MB/s: met"
                } else {
                    "  target ≥ 20 MB/s: MISSED"
                }
            } else {
                ""
            }
        );
    }
    // Where the front end's time goes: the chunk screen alone.
    let runs = mode.runs(7);
    let median = report(
        "split_chunks alone (the screen before pest), clause text",
        runs,
        measure(runs, || {
            let mut diagnostics = Vec::new();
            clausec::syntax::parse::split_chunks(FileId(0), &clauses, &mut diagnostics)
        }),
        None,
    );
    println!(
        "{:<58} {:.1} MB/s",
        "",
        clauses.len() as f64 / 1e6 / median.as_secs_f64()
    );
    println!();
}

// ---- many clauses: linear in their number ------------------------------------

/// An agreement of `count` one-line clauses, half of them sub-clauses of
/// the other half (`7` and `7.1`), so that every per-clause look-up
/// (duplicates, parent clauses, sub-clauses) is made; with a scenario, so
/// that each is evaluated and its ledger rendered.
fn write_many_clauses(scratch: &Path, count: usize) -> PathBuf {
    let dir = scratch.join(format!("many-clauses-{count}"));
    std::fs::create_dir_all(dir.join("scenarios")).unwrap();
    let mut text = String::from(
        "agreement \"Many clauses\"\n  dated June 6, 2002\n\nparty company \"C\"\nparty employee \"E\"\n",
    );
    for k in 0..count / 2 {
        text.push_str(&format!("clause {k}\nclause {k}.1\n"));
    }
    std::fs::write(dir.join("agreement.clause"), text).unwrap();
    std::fs::write(
        dir.join("scenarios/base.scenario"),
        "scenario base \"Base\"\n  as of June 30, 2003\n",
    )
    .unwrap();
    dir
}

fn many_clauses(mode: &Mode, scratch: &Path) {
    println!("Many clauses: N one-line clauses (half of them sub-clauses), analysed and rendered");
    let sizes: &[usize] = if mode.full {
        &[10_000, 100_000]
    } else {
        &[1_000]
    };
    let mut at_10k = None;
    for &count in sizes {
        let dir = write_many_clauses(scratch, count);
        let runs = mode.runs(if count >= 100_000 { 5 } else { 11 });
        let target = match (count, at_10k) {
            (100_000, Some(t)) => mode.target(t * 12),
            _ => None,
        };
        let median = report(
            &format!("analyze + text ledger: {count} clauses"),
            runs,
            measure(runs, || {
                let mut sources = SourceMap::default();
                let analysis = clausec::analyze(&dir, &mut sources).unwrap();
                assert!(!analysis.has_errors(), "the clauses have errors");
                let ledger = clausec::ledger(&analysis, analysis.model.scenarios.first());
                clausec::report::render::ledger_text(
                    &ledger,
                    clausec::report::render::TextOptions { explain: false },
                )
            }),
            target,
        );
        if count == 10_000 {
            at_10k = Some(median);
        }
        if let (100_000, Some(t)) = (count, at_10k) {
            println!(
                "{:<58} {:.1}× the time of 10,000 (target ≤ 12×)",
                "",
                median.as_secs_f64() / t.as_secs_f64()
            );
        }
    }
    println!();
}

// ---- business days: thirty years, day by day ---------------------------------

fn business_days(mode: &Mode) {
    use chrono::{Datelike, NaiveDate};
    use clausec::calc::business::{BuiltIn, BusinessCalendar};

    // A smoke run walks one year.
    let end_year = if mode.full { 2030 } else { 2001 };
    println!(
        "Business days: 2000–{} with both built-in calendars (US federal, England and Wales)",
        end_year - 1
    );
    let calendar = BusinessCalendar::with_built_ins(vec![
        BuiltIn::UnitedStatesFederal,
        BuiltIn::EnglandAndWales,
    ]);
    let first = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    let days: Vec<NaiveDate> = first
        .iter_days()
        .take_while(|d| d.year() < end_year)
        .collect();
    let runs = mode.runs(21);
    let median = report(
        &format!("is_business_day: each of {} days", days.len()),
        runs,
        measure(runs, || {
            days.iter()
                .filter(|d| calendar.is_business_day(**d) == Some(true))
                .count()
        }),
        None,
    );
    let business = days
        .iter()
        .filter(|d| calendar.is_business_day(**d) == Some(true))
        .count();
    println!(
        "{:<58} {:.0} ns a day; {business} business days",
        "",
        median.as_nanos() as f64 / days.len() as f64
    );
    let start = calendar.first_business_day_on_or_after(first).unwrap();
    let chain = || {
        let mut at = start;
        let mut steps = 0usize;
        while at.year() < end_year {
            at = calendar.add_business_days(at, 1).unwrap();
            steps += 1;
        }
        steps
    };
    let steps = chain();
    let median = report(
        &format!("add_business_days(1) chained: {steps} steps"),
        runs,
        measure(runs, chain),
        None,
    );
    println!(
        "{:<58} {:.0} ns a step",
        "",
        median.as_nanos() as f64 / steps as f64
    );
    let last = *days.last().unwrap();
    report(
        "business_days_between: the whole span, one walk",
        runs,
        measure(runs, || {
            calendar.business_days_between(first, last).unwrap()
        }),
        None,
    );
    println!();
}

// ---- dates counted from events -------------------------------------------------

/// An agreement of `count` events, each with a payment due 30 business days
/// after it (United States federal holidays), and a 30-year schedule of 360
/// monthly installments rolled to business days; a scenario recording every
/// event on a different day.
fn write_events(scratch: &Path, count: usize) -> PathBuf {
    let dir = scratch.join(format!("events-{count}"));
    std::fs::create_dir_all(dir.join("scenarios")).unwrap();
    let mut header = String::from(
        "agreement \"Events\" dated January 1, 2000\nparty a \"A\"\nparty b \"B\"\n\
         business days exclude Saturdays, Sundays and United States federal holidays\n",
    );
    let mut clause = String::from(
        "clause 1\n  rent: a pays b $360,000.00 in 360 equal monthly installments on day 1\n    \
         from January 1, 2000 through December 1, 2029\n    business day convention modified following\n",
    );
    let mut scenario = String::from("scenario base \"All events\"\n  as of December 31, 2030\n");
    let start = chrono::NaiveDate::from_ymd_opt(2000, 1, 3).unwrap();
    for k in 0..count {
        header.push_str(&format!("event e{k}\n"));
        clause.push_str(&format!(
            "  p{k}: a pays b $1.00 on 30 business days after the date of e{k}\n"
        ));
        let day = start + chrono::Days::new((k % 10_000) as u64);
        scenario.push_str(&format!("  e{k} happened on {day}\n"));
    }
    std::fs::write(dir.join("agreement.clause"), header).unwrap();
    std::fs::write(dir.join("1.clause"), clause).unwrap();
    std::fs::write(dir.join("scenarios/base.scenario"), scenario).unwrap();
    dir
}

fn events(mode: &Mode, scratch: &Path) {
    println!(
        "Dates counted from events (30 business days after each), and a 30-year rolled schedule"
    );
    let sizes: &[usize] = if mode.full {
        &[1_000, 10_000]
    } else {
        &[1_000]
    };
    for &count in sizes {
        let dir = write_events(scratch, count);
        let mut sources = SourceMap::default();
        let analysis = clausec::analyze(&dir, &mut sources).unwrap();
        assert!(!analysis.has_errors(), "the events agreement has errors");
        let base = analysis.model.scenarios.first();
        let runs = mode.runs(11);
        report(
            &format!("ledger: {count} events, {count} dates counted from them"),
            runs,
            measure(runs, || clausec::ledger(&analysis, base)),
            None,
        );
    }
    println!();
}

// ---- a daily business-day schedule ---------------------------------------------

/// A payment due each weekday from `first` through December 31, 2029: the
/// language has no daily frequency, so five weekly schedules, one from each
/// weekday of the first week of 2000, each moved by modified following off
/// United States federal holidays (a holiday's payment falls on the next
/// business day, or the one before at a month's end); every payment made on
/// its due date.
fn write_daily(scratch: &Path, years: i32) -> PathBuf {
    let dir = scratch.join(format!("daily-{years}"));
    std::fs::create_dir_all(dir.join("scenarios")).unwrap();
    std::fs::write(
        dir.join("agreement.clause"),
        "agreement \"Daily\" dated January 1, 2000\nparty a \"A\"\nparty b \"B\"\n\
         business days exclude Saturdays, Sundays and United States federal holidays\n",
    )
    .unwrap();
    let last = 1999 + years;
    let mut clause = String::from("clause 1\n");
    // January 3, 2000 was a Monday.
    for (k, day) in ["monday", "tuesday", "wednesday", "thursday", "friday"]
        .iter()
        .enumerate()
    {
        clause.push_str(&format!(
            "  {day}: a pays b $100.00 each week\n    from 2000-01-{:02} through {last}-12-31\n    \
             business day convention modified following\n",
            3 + k
        ));
    }
    std::fs::write(dir.join("1.clause"), clause).unwrap();
    std::fs::write(
        dir.join("scenarios/base.scenario"),
        format!(
            "scenario base \"Every payment on time\"\n  as of {}-12-31\n  every payment is made on its due date\n",
            last + 1
        ),
    )
    .unwrap();
    dir
}

fn daily(mode: &Mode, scratch: &Path) {
    println!(
        "A payment due each business day for 30 years (US federal holidays, modified following)"
    );
    let years = if mode.full { 30 } else { 1 };
    let dir = write_daily(scratch, years);
    let mut sources = SourceMap::default();
    let analysis = clausec::analyze(&dir, &mut sources).unwrap();
    assert!(!analysis.has_errors(), "the daily agreement has errors");
    let base = analysis.model.scenarios.first();
    let ledger = clausec::ledger(&analysis, base);
    let runs = mode.runs(11);
    report(
        &format!(
            "ledger: {} payments over {years} years, each rolled",
            ledger.obligations.len()
        ),
        runs,
        measure(runs, || clausec::ledger(&analysis, base)),
        None,
    );
    let runs = mode.runs(5);
    report(
        "analyze: read, parse, check, the same ledger",
        runs,
        measure(runs, || {
            let mut sources = SourceMap::default();
            clausec::analyze(&dir, &mut sources).unwrap()
        }),
        None,
    );
    println!();
}

// ---- money over time -------------------------------------------------------------

/// A rent due each month for `months` months, increasing each year; and a
/// 30-year loan: 360 monthly principal installments on business days, and
/// interest on the declining balance with each, every payment made on time.
fn write_money_over_time(scratch: &Path, months: usize) -> PathBuf {
    let dir = scratch.join(format!("money-{months}"));
    std::fs::create_dir_all(dir.join("scenarios")).unwrap();
    let last = chrono::NaiveDate::from_ymd_opt(100, 1, 1)
        .unwrap()
        .checked_add_months(chrono::Months::new(months as u32 - 1))
        .unwrap();
    std::fs::write(
        dir.join("agreement.clause"),
        "agreement \"Money over time\" dated January 1, 0100\nparty a \"A\"\nparty b \"B\"\n\
         business days exclude Saturdays, Sundays and United States federal holidays\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("1.clause"),
        format!(
            "clause 1\n  rent: a pays b $1,000.00\n    each month on day 1\n    from 0100-01-01 through {last}\n    \
             increasing each year to 100.01% of the preceding year's amount, rounded half up to the cent\n\n\
             clause 2\n  principal: a pays b $360,000.00 in 360 equal monthly installments on day 15\n    \
             from 2000-01-15 through 2029-12-15\n    business day convention following\n  \
             interest_payments: a pays b interest on the unpaid balance of principal at 6.5% per annum, actual/360\n    \
             from 1999-12-15\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("scenarios/base.scenario"),
        "scenario base \"On time\"\n  as of December 31, 2030\n  every payment is made on its due date\n",
    )
    .unwrap();
    dir
}

/// A 30-year loan in level monthly payments (`amortized at`), with each of
/// its 360 payments recorded in the scenario.
fn write_amortized_loan(scratch: &Path) -> PathBuf {
    let dir = scratch.join("amortized");
    std::fs::create_dir_all(dir.join("scenarios")).unwrap();
    std::fs::write(
        dir.join("agreement.clause"),
        "agreement \"Mortgage\" dated January 1, 2000\nparty a \"A\"\nparty b \"B\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("1.clause"),
        "clause 1\n  loan: a pays b $360,000.00 in 360 equal monthly installments on day 1\n    \
         from February 1, 2000\n    amortized at 6.5% per annum, 30/360\n",
    )
    .unwrap();
    // The level payment: 360,000 × i × (1 + i)^360 / ((1 + i)^360 − 1) with
    // i = 6.5% / 12 is $2,275.4448… → $2,275.44 (the last differs).
    let mut scenario =
        "scenario base \"Every payment recorded\"\n  as of December 31, 2030\n".to_owned();
    let first = chrono::NaiveDate::from_ymd_opt(2000, 2, 1).unwrap();
    for k in 0..360 {
        let due = first.checked_add_months(chrono::Months::new(k)).unwrap();
        scenario.push_str(&format!(
            "  a paid b $2,275.44 on {due} for loan due {due}\n"
        ));
    }
    std::fs::write(dir.join("scenarios/base.scenario"), scenario).unwrap();
    dir
}

fn money_over_time(mode: &Mode, scratch: &Path) {
    println!("Money over time: a rent escalating each year, and a 30-year loan with interest on its balance");
    let sizes: &[usize] = if mode.full {
        &[10_000, 100_000]
    } else {
        &[1_000]
    };
    let dir = write_amortized_loan(scratch);
    let mut sources = SourceMap::default();
    let analysis = clausec::analyze(&dir, &mut sources).unwrap();
    assert!(!analysis.has_errors(), "the amortized loan has errors");
    let base = analysis.model.scenarios.first();
    let runs = mode.runs(50);
    report(
        "ledger: a 30-year amortized loan, 360 payments recorded",
        runs,
        measure(runs, || clausec::ledger(&analysis, base)),
        None,
    );
    for &months in sizes {
        let dir = write_money_over_time(scratch, months);
        let mut sources = SourceMap::default();
        let analysis = clausec::analyze(&dir, &mut sources).unwrap();
        assert!(
            !analysis.has_errors(),
            "the money-over-time agreement has errors"
        );
        let base = analysis.model.scenarios.first();
        let runs = mode.runs(if months >= 100_000 { 7 } else { 15 });
        report(
            &format!("ledger: {months} escalating rents + 360 installments and interest"),
            runs,
            measure(runs, || clausec::ledger(&analysis, base)),
            None,
        );
    }
    println!();
}

// ---- the agenda: linear in the number of agreements ---------------------------

/// `count` copies of the letter's folder (clause files and scenarios).
fn write_letters(scratch: &Path, count: usize) -> Vec<PathBuf> {
    let letter = Path::new(env!("CARGO_MANIFEST_DIR")).join("clauses/lovelock-severance");
    (0..count)
        .map(|k| {
            let dir = scratch.join(format!("agenda-{count}/letter-{k:03}"));
            std::fs::create_dir_all(dir.join("scenarios")).unwrap();
            for sub in ["", "scenarios"] {
                for entry in std::fs::read_dir(letter.join(sub)).unwrap() {
                    let path = entry.unwrap().path();
                    if path.is_file() {
                        std::fs::copy(&path, dir.join(sub).join(path.file_name().unwrap()))
                            .unwrap();
                    }
                }
            }
            dir
        })
        .collect()
}

fn agenda(mode: &Mode, scratch: &Path) {
    println!("The agenda: N copies of the letter, September 1, 2002 to March 31, 2003, one thread");
    let request = clausec::report::agenda::Request {
        from: chrono::NaiveDate::from_ymd_opt(2002, 9, 1),
        to: chrono::NaiveDate::from_ymd_opt(2003, 3, 31),
        ..Default::default()
    };
    let sizes: &[usize] = if mode.full { &[10, 100] } else { &[10] };
    let mut at_10 = None;
    for &count in sizes {
        let folders = write_letters(scratch, count);
        let runs = mode.runs(if count >= 100 { 11 } else { 31 });
        let target = match (count, at_10) {
            (100, Some(t)) => mode.target(t * 12),
            _ => None,
        };
        let median = report(
            &format!("agenda of {count} agreements (text)"),
            runs,
            measure(runs, || {
                let mut agenda = clausec::report::agenda::Agenda {
                    request: request.clone(),
                    ..Default::default()
                };
                for dir in &folders {
                    match clausec::agenda_part(dir, &agenda.request).unwrap() {
                        clausec::AgendaPart::Agreement(part) => agenda.agreements.push(*part),
                        clausec::AgendaPart::Refused { folder, .. } => {
                            panic!("{folder} has errors")
                        }
                    }
                }
                clausec::report::agenda::agenda_text(&agenda)
            }),
            target,
        );
        if count == 10 {
            at_10 = Some(median);
        }
        if let (100, Some(t)) = (count, at_10) {
            println!(
                "{:<58} {:.1}× the time of 10 (target ≤ 12×)",
                "",
                median.as_secs_f64() / t.as_secs_f64()
            );
        }
    }
    println!();
}
