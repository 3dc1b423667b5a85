//! Hostile sizes: small folders that asked for unbounded stack, memory or
//! time (issue 18, items 1 to 3). Each folder is generated here, in a
//! temporary directory, and run through the real binary (`check`, and
//! `obligations` as text and HTML): it must end with an exit code (no
//! signal, no abort), say what it refused, and finish inside a loose guard
//! against a hang. How the time grows is measured in `benches/pipeline.rs`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Far above what any of these takes in a debug build: only a hang (or
/// the quadratic time of old) reaches it.
const GUARD: Duration = Duration::from_secs(20);

const HEADER: &str = "agreement \"A hostile agreement\"\n  dated June 6, 2002\n\nparty company \"C\"\nparty employee \"E\"\n";

/// A fresh folder, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let dir =
            std::env::temp_dir().join(format!("clausec-hostile-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("scenarios")).unwrap();
        Scratch(dir)
    }

    /// An agreement of one clause file and a `base` scenario.
    fn agreement(name: &str, clauses: &str) -> Self {
        let scratch = Scratch::new(name);
        std::fs::write(
            scratch.0.join("agreement.clause"),
            format!("{HEADER}{clauses}"),
        )
        .unwrap();
        std::fs::write(
            scratch.0.join("scenarios/base.scenario"),
            "scenario base \"Base\"\n  as of June 30, 2003\n",
        )
        .unwrap();
        scratch
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs the binary; the output, and how long it took.
fn clausec(args: &[&str], dir: &Path) -> (Output, Duration) {
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_clausec"))
        .args(args)
        .arg(dir)
        .output()
        .unwrap();
    (output, started.elapsed())
}

/// `check`, `obligations` and `obligations --format html` on `dir`: each
/// ends with exit code `code` (a code, not a signal), inside the guard, its
/// output naming `expected` (a diagnostic code, or text of the ledger).
fn every_command_answers(dir: &Path, code: i32, expected: &str) {
    for args in [
        &["check"][..],
        &["obligations"][..],
        &["obligations", "--format", "html"][..],
    ] {
        let (output, took) = clausec(args, dir);
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(code),
            "`clausec {}` ended with {:?}\n{}\n{stderr}",
            args.join(" "),
            output.status,
            stdout.chars().take(2_000).collect::<String>()
        );
        assert!(
            stdout.contains(expected),
            "`clausec {}` does not say `{expected}`:\n{}",
            args.join(" "),
            stdout.chars().take(2_000).collect::<String>()
        );
        assert!(took < GUARD, "`clausec {}` took {took:?}", args.join(" "));
    }
}

fn sum_of(terms: usize) -> String {
    vec!["$1"; terms].join(" + ")
}

// ---- 1. a flat expression is a deep tree -----------------------------------

#[test]
fn a_sum_of_5000_terms_is_refused_not_a_stack_overflow() {
    // 25 KB of text; the lowered tree was 5,000 levels deep and overflowed
    // the stack of `check`, `obligations` and the language server.
    let scratch = Scratch::agreement(
        "flat-sum",
        &format!(
            "\nclause 1 \"Pay\"\n  pay: company pays employee {}\n    on July 1, 2002\n",
            sum_of(5_000)
        ),
    );
    every_command_answers(&scratch.0, 1, "clausec::input::too_many_terms");
    let (output, _) = clausec(&["check"], &scratch.0);
    let stdout = String::from_utf8_lossy(&output.stdout);
    // The line is too wide for a snippet, and the message wraps.
    assert!(
        stdout.contains("this expression has 5,000") && stdout.contains("at most 100 are allowed"),
        "{stdout}"
    );
}

#[test]
fn a_product_and_a_comparison_of_many_terms_are_refused_too() {
    // Every place an expression is written is counted: `×` as well as `+`,
    // a limit, and each side of a comparison in a condition.
    let product = vec!["2"; 3_000].join(" × ");
    let scratch = Scratch::agreement(
        "flat-product",
        &format!(
            "\nclause 1 \"Pay\"\n  a: company pays employee $1 × {product}\n  b: company pays employee $1\n    not to exceed {}\n  c: company pays employee $1\n    if {} > $0\n",
            sum_of(3_000),
            sum_of(3_000)
        ),
    );
    let (output, took) = clausec(&["check"], &scratch.0);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert_eq!(
        stdout.matches("clausec::input::too_many_terms").count(),
        3,
        "{stdout}"
    );
    assert!(took < GUARD);
}

/// The deepest expression clausec accepts, in the deepest condition: 100
/// terms inside 64 parentheses under 60 `not`s, with a `greater of` of 100
/// terms too.
fn deepest_agreement() -> Scratch {
    let sum = sum_of(100);
    let greater = format!(
        "{}$1 and $1{}",
        "greater of ".repeat(60),
        " and $1".repeat(59)
    );
    let condition = format!(
        "{}{}{sum} > $0{}",
        "not ".repeat(60),
        "(x and ".repeat(63),
        ")".repeat(63)
    );
    let scratch = Scratch::agreement(
        "deepest",
        &format!(
            "fact x is yes or no \"a fact\"\n\nclause 1 \"Pay\"\n  pay: company pays employee {sum}\n    not to exceed {greater}\n    if {condition}\n    on July 1, 2002\n"
        ),
    );
    std::fs::write(
        scratch.0.join("scenarios/base.scenario"),
        "scenario base \"Base\"\n  as of June 30, 2003\n  fact x is yes\n",
    )
    .unwrap();
    scratch
}

/// Runs `f` on a thread of its own with a stack of `bytes`.
fn on_stack<T: Send + 'static>(bytes: usize, f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(bytes)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap_or_else(|_| panic!("overflowed or panicked on a stack of {bytes} bytes"))
}

#[test]
fn the_deepest_expression_accepted_goes_through_every_step_on_a_small_stack() {
    let scratch = deepest_agreement();
    let dir = scratch.0.clone();
    // Parsing (pest's own recursion, bounded by the nesting limit) on
    // 2 MiB, the smallest stack clausec runs on (rayon's workers, spawned
    // threads); every walk of the tree after it on 512 KiB, a quarter of
    // that, in an unoptimised build (it needs more than 256 KiB there).
    let (loaded, sources) = on_stack(2 << 20, move || {
        let mut sources = clausec::source::SourceMap::default();
        let overlay = clausec::load::Overlay::new();
        let loaded = clausec::load::load_agreement_with(&dir, &mut sources, &overlay).unwrap();
        (loaded, sources)
    });
    let ledger_text = on_stack(512 << 10, move || {
        let analysis = clausec::analyze_loaded(loaded, &sources);
        assert!(
            !analysis.has_errors(),
            "{}",
            clausec::report::render::diagnostics_text(&analysis.diagnostics, &sources)
        );
        // The derived walks of the tree: clone, compare, print, drop.
        let model = analysis.model.clone();
        assert!(model.clauses == analysis.model.clauses);
        assert!(format!("{:?}", model.clauses).len() > 1_000);
        drop(model);
        let base = analysis.model.scenarios.first();
        let ledger = clausec::ledger(&analysis, base);
        let options = clausec::report::render::TextOptions { explain: true };
        let text = clausec::report::render::ledger_text(&ledger, options);
        clausec::report::render::ledger_json(&ledger);
        clausec::report::render::ledger_markdown(&ledger);
        clausec::report::export::ledger_ics(&ledger);
        clausec::report::export::ledger_html(&ledger);
        drop(analysis);
        text
    });
    assert!(ledger_text.contains("$100.00"), "{ledger_text}");
    // And through the binary, formatted as well.
    every_command_answers(&scratch.0, 0, "");
    let (output, _) = clausec(&["fmt", "--check"], &scratch.0);
    assert!(output.status.code().is_some(), "{output:?}");
}

#[test]
fn a_misspelt_name_of_60000_letters_is_reported_not_an_abort() {
    // "Did you mean" compared the two names with a table of 60,000 ×
    // 60,000 cells: 28 GB asked for, and an abort.
    let declared = "a".repeat(60_000);
    let used = format!("{}b", "a".repeat(59_999));
    let scratch = Scratch::agreement(
        "long-name",
        &format!("party {declared} \"D\"\n\nclause 1 \"Pay\"\n  pay: {used} pays employee $1\n    on July 1, 2002\n"),
    );
    every_command_answers(&scratch.0, 1, "clausec::resolve::unknown_party");
}

// ---- 2. memory: one budget for the whole ledger ----------------------------

#[test]
fn twenty_schedules_of_96000_installments_stop_at_the_ledger_limit() {
    // 2.7 KB of text made 1.9 million entries: 650 MB for `check`, 742 MB
    // of HTML. The first schedule fits; the second does not. Each has the
    // terms and the quote of an ordinary note: the first one did not fit
    // either while the budget of repeated text (counting each term at the
    // most its words can take) was 96 MiB.
    const QUOTE: &str = "The Borrower promises to pay the principal sum in 96,000 equal monthly installments on the first day of each month, each rounded to the cent, the last taking the remainder; an installment not paid within ten days after its due date bears interest at six percent per annum from its due date until paid. Payments are applied first to interest and then to principal, and may be made without premium; any notice is given in writing to the address of the party set out above, and is given when delivered.";
    let schedules: String = (0..20)
        .map(|i| {
            format!(
                "\nclause s{i} \"Schedule\"\n  quote \"{QUOTE}\"\n  p{i}: company pays employee $960,000.00\n    in 96000 equal monthly installments on day 1\n    from January 1, 0001\n    rounded half up to the cent\n    remainder on the last installment\n    grace period 10 days\n    late interest 6% per annum on the unpaid amount from the due date, simple, actual/365\n"
            )
        })
        .collect();
    let scratch = Scratch::agreement("schedules", &schedules);
    every_command_answers(&scratch.0, 1, "clausec::eval::too_many_instances");
    let (output, _) = clausec(&["check"], &scratch.0);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("would take the ledger past 150,000 entries"),
        "{stdout}"
    );
    assert!(
        stdout.contains("under scenario `base`, this would take"),
        "{stdout}"
    );
    // One error (the figures the rules write that the quotes do not are
    // warnings, one per figure per clause), and it is the second
    // schedule's: the first fits.
    assert!(stdout.contains(": 1 error, "), "{stdout}");
    let (output, _) = clausec(&["check", "--format", "json"], &scratch.0);
    let report = String::from_utf8_lossy(&output.stdout);
    let full = report
        .split("\"code\":")
        .find(|d| d.contains("too_many_instances"))
        .unwrap_or_default();
    assert!(full.contains("\"clause\": \"s1\""), "{full}");
}

#[test]
fn a_long_quote_repeated_by_every_installment_is_refused_before_it_is_written() {
    // JSON repeats a clause's quote for each entry: 30,000 installments of
    // a 3,900-byte quote full of characters every format escapes was
    // 117 MB of quote, up to 340 MB written (each quote weighs 11,400
    // bytes escaped: past the 256 MiB budget before any word is added).
    let quote = "a \\\"b\\\" & <c>, ".repeat(300);
    let scratch = Scratch::agreement(
        "quote",
        &format!(
            "\nclause 1 \"Schedule\"\n  quote \"{quote}\"\n  p: company pays employee $1,000,000.00\n    in 30000 equal monthly installments on day 1\n    from January 1, 2003\n"
        ),
    );
    every_command_answers(&scratch.0, 1, "clausec::eval::too_many_instances");
}

#[test]
fn a_quote_repeated_by_thousands_of_obligations_is_refused() {
    // One clause of 300 KB: its quote and 8,000 one-line obligations, each
    // of which repeated the quote in the JSON ledger (2.4 GB).
    let quote = "word ".repeat(60_000);
    let obligations: String = (0..8_000)
        .map(|i| format!("  o{i}: company performs \"w\" for employee\n"))
        .collect();
    let scratch = Scratch::agreement(
        "quoted-obligations",
        &format!("\nclause 1 \"Duties\"\n  quote \"{quote}\"\n{obligations}"),
    );
    let (output, took) = clausec(&["obligations", "--format", "json"], &scratch.0);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(stdout.contains("would take the ledger past"), "{stdout}");
    assert!(took < GUARD, "took {took:?}");
}

// ---- 3. time: linear in the number of clauses -------------------------------

#[test]
fn twenty_thousand_one_line_clauses_are_checked_in_linear_time() {
    // Each clause looked through all the others (duplicates, parent
    // clauses, sub-clauses, document order): 20,000 clauses took 1.6 s
    // optimised and far longer unoptimised; 560,000 never finished. Half
    // are sub-clauses (`7.1` of `7`), so that every look-up is made.
    let clauses: String = (0..10_000)
        .map(|k| format!("clause {k}\nclause {k}.1\n"))
        .collect();
    checked_clean_in_time(&clauses);
}

/// `clauses` after the header, checked with no error or warning, under
/// the guard.
fn checked_clean_in_time(clauses: &str) {
    let scratch = Scratch::agreement("clauses", clauses);
    checked_clean(&scratch);
}

fn checked_clean(scratch: &Scratch) {
    let (output, took) = clausec(&["check"], &scratch.0);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("0 errors, 0 warnings"), "{stdout}");
    assert!(took < GUARD, "took {took:?}");
}

#[test]
fn twenty_thousand_elections_and_readings_are_declared_in_linear_time() {
    // Each election looked through all those declared before it for its
    // name and its options' names, and each reading likewise: 20,000 of
    // each took 9.0 s optimised. Now the model keeps them by name.
    let clauses: String = (0..20_000)
        .map(|k| {
            format!(
                "clause {k}\n  election e{k} by employee\n    option x{k}\n    option y{k}\n  \
                 assume r{k} \"which\"\n    option p{k}\n    option q{k}\n"
            )
        })
        .collect();
    checked_clean_in_time(&clauses);
}

#[test]
fn ten_thousand_notices_are_matched_to_their_duties_in_linear_time() {
    // Which duty each notice answers was found by walking every obligation
    // for each notice: 10,000 labelled notice duties and a notice for each
    // took 3.8 s optimised. Now the duties are found by label.
    let clauses: String = (0..10_000)
        .map(|k| format!("clause {k}\n  r{k}: company notifies employee of \"report {k}\"\n    on March 1, 2003\n"))
        .collect();
    let notices: String = (0..10_000)
        .map(|k| format!("  company notified employee on February 1, 2003 for r{k}\n"))
        .collect();
    let scratch = Scratch::agreement("notices", &clauses);
    std::fs::write(
        scratch.0.join("scenarios/base.scenario"),
        format!("scenario base \"Base\"\n  as of June 30, 2003\n{notices}"),
    )
    .unwrap();
    checked_clean(&scratch);
}
