//! Amounts in a currency (issue 15, item 7): how they are written and read
//! back, what the checker refuses, and every output of the real binary
//! writing an entry's amounts in its currency. Each figure is worked out by
//! hand in a comment; none is copied from clausec's output.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use clausec::calc::money::{format_money_in, Currency, Unit};
use clausec::source::FileId;
use clausec::syntax::ast::{ExprKind, Item, Subject};
use clausec::syntax::parse::parse_file;
use common::*;
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::path::Path;
use std::str::FromStr;

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

/// A supply agreement priced in euros: three installments with late
/// interest, a deposit computed from a euro figure, freight from a fact in
/// euros under a euro limit.
const EURO_AGREEMENT: &str = r#"agreement "A supply agreement in euros" dated March 1, 2025
party buyer "Halden Instruments Ltd"
party seller "Vantaa Optics Oy"
fact freight is money in EUR "the carrier's invoice for freight"

clause 3 "Price"
  price: buyer pays seller €10,000.00
    in three (3) equal monthly installments on day 1
    from April 1, 2025 through June 1, 2025
    rounded half up to the cent
    remainder on the last installment
    grace period 10 days
    late interest 12% per annum on the unpaid amount from the due date, simple, actual/365
  deposit: buyer pays seller EUR 2,500.00 * 10%
    on March 15, 2025
  freight: buyer pays seller freight
    on April 1, 2025
    not to exceed €1,000.00
"#;

const EURO_SCENARIO: &str = r#"scenario base "The May installment paid 30 days late"
  as of July 31, 2025
  fact freight is €1,200.00
  every payment is made on its due date
  buyer paid seller €3,333.33 on May 31, 2025 for price due May 1, 2025
"#;

fn euro_agreement() -> std::path::PathBuf {
    agreement_of(&[
        ("agreement.clause", EURO_AGREEMENT),
        ("scenarios/base.scenario", EURO_SCENARIO),
    ])
}

fn run(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["obligations", dir.to_str().unwrap(), "--scenario", "base"];
    all.extend_from_slice(args);
    let output = clausec(&all);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    stdout(&output)
}

// ---- written and read back ------------------------------------------------

/// The amount and currency of the first obligation of a one-line clause.
fn amount_of(amount: &str) -> (Decimal, Currency) {
    let text = format!("clause 1\n  a: x pays y {amount}\n");
    let (file, diagnostics) = parse_file(FileId(0), &text);
    assert!(diagnostics.is_empty(), "{amount}: {diagnostics:?}");
    let Some(Item::Clause(clause)) = file.items.first() else {
        panic!("{amount}: no clause");
    };
    match &clause.obligations[0].subject {
        Subject::Amount(expr) => match &expr.node {
            ExprKind::Money(value, currency) => (*value, *currency),
            other => panic!("{amount}: {other:?}"),
        },
        other => panic!("{amount}: {other:?}"),
    }
}

#[test]
fn every_way_of_writing_an_amount_reads_its_currency() {
    assert_eq!(amount_of("$10,000"), (dec("10000"), Currency::Usd));
    assert_eq!(amount_of("US$10,000.00"), (dec("10000.00"), Currency::Usd));
    assert_eq!(amount_of("USD 10,000"), (dec("10000"), Currency::Usd));
    assert_eq!(amount_of("€1,250.00"), (dec("1250.00"), Currency::Eur));
    assert_eq!(amount_of("EUR 1,250.00"), (dec("1250.00"), Currency::Eur));
    assert_eq!(amount_of("£400.00"), (dec("400.00"), Currency::Gbp));
    assert_eq!(amount_of("GBP 400.00"), (dec("400.00"), Currency::Gbp));
    assert_eq!(amount_of("CHF 400.00"), (dec("400.00"), Currency::Chf));
    assert_eq!(amount_of("JPY 125,000"), (dec("125000"), Currency::Jpy));
    assert_eq!(amount_of("CAD 1,250.00"), (dec("1250.00"), Currency::Cad));
}

#[test]
fn amounts_are_written_after_their_sign_or_code_to_their_smallest_unit() {
    let shown = |text: &str, currency| format_money_in(dec(text), currency);
    assert_eq!(shown("20833.33", Currency::Usd), "$20,833.33");
    assert_eq!(shown("1250", Currency::Eur), "€1,250.00");
    assert_eq!(shown("400", Currency::Gbp), "£400.00");
    assert_eq!(shown("400", Currency::Chf), "CHF 400.00");
    assert_eq!(shown("1250.5", Currency::Cad), "CAD 1,250.50");
    assert_eq!(shown("125000", Currency::Jpy), "JPY 125,000");
    assert_eq!(shown("-0.01", Currency::Eur), "-€0.01");
}

#[test]
fn a_rounding_fits_only_the_units_of_its_currency() {
    assert!(Unit::Cent.fits(Currency::Eur));
    assert!(Unit::Cent.fits(Currency::Chf));
    assert!(!Unit::Cent.fits(Currency::Jpy), "the yen has no cent");
    assert!(Unit::Yen.fits(Currency::Jpy));
    assert!(Unit::Dollar.fits(Currency::Cad));
    assert!(!Unit::Dollar.fits(Currency::Eur));
    assert!(Unit::Euro.fits(Currency::Eur));
    assert!(Unit::Pound.fits(Currency::Gbp));
    assert_eq!(Unit::smallest(Currency::Jpy), Unit::Yen);
    assert_eq!(Unit::smallest(Currency::Gbp), Unit::Cent);
}

// ---- the checker ------------------------------------------------------------

fn rejected(clause: &str, scenario: &str, file: &str, code: &str) -> serde_json::Value {
    let dir = agreement_of(&[
        ("agreement.clause", clause),
        ("scenarios/base.scenario", scenario),
    ]);
    assert_rejected(&dir, file, code)
}

const HEADER: &str = r#"agreement "Mixed" dated March 1, 2025
party buyer "B"
party seller "S"
"#;

#[test]
fn adding_two_currencies_is_refused() {
    let clause = format!(
        "{HEADER}clause 1\n  price: buyer pays seller €1,000.00 + $100.00 on April 1, 2025\n"
    );
    let found = rejected(
        &clause,
        "scenario base\n",
        "agreement.clause",
        "clausec::types::currency_mismatch",
    );
    assert!(
        found["message"]
            .as_str()
            .unwrap()
            .contains("euros + an amount in US dollars"),
        "{found:#}"
    );
}

#[test]
fn a_limit_in_another_currency_is_refused() {
    let clause = format!(
        "{HEADER}clause 1\n  price: buyer pays seller £1,000.00 on April 1, 2025\n    not to exceed CHF 1,200.00\n"
    );
    rejected(
        &clause,
        "scenario base\n",
        "agreement.clause",
        "clausec::types::currency_mismatch",
    );
}

#[test]
fn the_greater_of_two_currencies_is_refused() {
    let clause = format!(
        "{HEADER}clause 1\n  price: buyer pays seller the greater of €1,000.00 and $1,000.00 on April 1, 2025\n"
    );
    rejected(
        &clause,
        "scenario base\n",
        "agreement.clause",
        "clausec::types::currency_mismatch",
    );
}

#[test]
fn a_number_times_money_keeps_its_currency_and_a_ratio_of_one_currency_is_a_number() {
    // `€1,000.00 * 2 + €5.00` is euros; `(€10.00 / €5.00) * €3.00` is
    // euros too: both check.
    let clause = format!(
        "{HEADER}clause 1\n  a: buyer pays seller €1,000.00 * 2 + €5.00 on April 1, 2025\n  b: buyer pays seller (€10.00 / €5.00) * €3.00 on April 1, 2025\n"
    );
    let dir = agreement_of(&[("agreement.clause", &clause)]);
    let output = clausec(&["check", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    // ... but `$1.00 * €1.00` has no meaning, and `€10.00 / $5.00` needs a rate.
    let clause = format!(
        "{HEADER}clause 1\n  a: buyer pays seller €10.00 / $5.00 * €1.00 on April 1, 2025\n"
    );
    rejected(
        &clause,
        "scenario base\n",
        "agreement.clause",
        "clausec::types::currency_mismatch",
    );
}

#[test]
fn a_payment_recorded_in_another_currency_than_the_duty_is_refused() {
    let clause =
        format!("{HEADER}clause 1\n  price: buyer pays seller €1,000.00 on April 1, 2025\n");
    let found = rejected(
        &clause,
        "scenario base\n  buyer paid seller $1,000.00 on April 1, 2025 for price\n",
        "base.scenario",
        "clausec::types::currency_mismatch",
    );
    assert!(
        found["help"].as_str().unwrap().contains("`€1,000.00`"),
        "{found:#}"
    );
}

#[test]
fn a_fact_given_in_another_currency_than_declared_is_refused() {
    let clause = format!(
        "{HEADER}fact freight is money in EUR \"freight\"\nclause 1\n  freight_cost: buyer pays seller freight on April 1, 2025\n"
    );
    rejected(
        &clause,
        "scenario base\n  fact freight is £900.00\n",
        "base.scenario",
        "clausec::types::currency_mismatch",
    );
    // A fact declared `money` is in dollars: a euro value says how to declare it.
    let clause = format!(
        "{HEADER}fact freight is money \"freight\"\nclause 1\n  freight_cost: buyer pays seller freight on April 1, 2025\n"
    );
    let found = rejected(
        &clause,
        "scenario base\n  fact freight is €900.00\n",
        "base.scenario",
        "clausec::types::currency_mismatch",
    );
    assert!(
        found["help"]
            .as_str()
            .unwrap()
            .contains("fact freight is money in EUR"),
        "{found:#}"
    );
}

#[test]
fn a_prepayment_in_another_currency_than_the_loan_is_refused() {
    let clause = format!(
        "{HEADER}clause 2\n  loan: buyer pays seller €10,000.00 in 12 equal monthly installments on day 1\n    from April 1, 2025\n    amortized at 6% per annum, 30/360\n    prepayments reduce the payment\n"
    );
    let found = rejected(
        &clause,
        "scenario base\n  every payment is made on its due date\n  buyer prepaid seller $5,000.00 on June 15, 2025 for loan\n",
        "base.scenario",
        "clausec::types::currency_mismatch",
    );
    assert!(
        found["message"]
            .as_str()
            .unwrap()
            .contains("this prepayment is in US dollars"),
        "{found:#}"
    );
}

#[test]
fn compensation_in_another_currency_than_the_amounts_it_offsets_is_refused() {
    let clause = format!(
        "{HEADER}clause 1\n  price: buyer pays seller €1,000.00 on April 1, 2025\n    reduced by compensation seller receives\n"
    );
    rejected(
        &clause,
        "scenario base\n  seller received compensation $100.00 on March 15, 2025\n",
        "base.scenario",
        "clausec::types::currency_mismatch",
    );
}

#[test]
fn a_misspelt_currency_names_the_closest() {
    let clause =
        format!("{HEADER}clause 1\n  price: buyer pays seller ERU 1,000.00 on April 1, 2025\n");
    let found = rejected(
        &clause,
        "scenario base\n",
        "agreement.clause",
        "clausec::syntax::unknown_currency",
    );
    assert!(
        found["help"].as_str().unwrap().contains("`EUR`"),
        "{found:#}"
    );
    let clause = format!(
        "{HEADER}fact freight is money in EUO \"freight\"\nclause 1\n  freight_cost: buyer pays seller freight on April 1, 2025\n"
    );
    rejected(
        &clause,
        "scenario base\n",
        "agreement.clause",
        "clausec::syntax::unknown_currency",
    );
}

#[test]
fn a_rent_table_in_euros_steps_in_euros() {
    let rent = |step: &str| {
        format!(
            "{HEADER}clause 2\n  rent: buyer pays seller €1,000.00\n    each month on day 1\n    from April 1, 2025 through June 1, 2025\n    becoming {step} from May 1, 2025\n"
        )
    };
    rejected(
        &rent("$1,100.00"),
        "scenario base\n",
        "agreement.clause",
        "clausec::types::currency_mismatch",
    );
    let dir = agreement_of(&[
        ("agreement.clause", &rent("€1,100.00")),
        (
            "scenarios/base.scenario",
            "scenario base\n  as of June 30, 2025\n",
        ),
    ]);
    let text = run(&dir, &["--explain"]);
    // April €1,000.00, then May and June €1,100.00 each: €3,200.00 in all.
    assert!(text.contains("= €1,100.00 from May 1, 2025"), "{text}");
    assert!(text.contains("total €3,200.00 over 3 dates"), "{text}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_split_that_cannot_be_made_says_so_in_its_currency() {
    // €1.00 ÷ 60 = €0.01666…, half up €0.02; 59 × €0.02 = €1.18, which
    // leaves €1.00 − €1.18 = −€0.18 for the last installment.
    let clause = format!(
        "{HEADER}clause 1\n  price: buyer pays seller €1.00\n    in 60 equal monthly installments on day 1 from April 1, 2025\n    rounded half up to the cent\n"
    );
    let dir = agreement_of(&[
        ("agreement.clause", &clause),
        ("scenarios/base.scenario", "scenario base\n"),
    ]);
    let output = clausec(&["check", dir.to_str().unwrap()]);
    let report = stdout(&output);
    assert!(
        report.contains("€1.00 in 60 equal installments of €0.02")
            && report.contains("leaves -€0.18"),
        "{report}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn an_amount_converted_at_a_stated_rate_is_in_the_new_currency() {
    let clause = format!(
        "{HEADER}fact price is money in EUR \"the price\"\nclause 1\n  fee: buyer pays seller (€1,000.00) at 1.08 USD per EUR on April 1, 2025\n  capped: buyer pays seller $2,000.00 on April 1, 2025\n    not to exceed (price) at 1.0835 USD per EUR\n  total: buyer pays seller (€500.00) at 1.08 USD per EUR + $10.00 on April 1, 2025\n  yen: buyer pays seller ((€1,000.00) at 161.237 JPY per EUR) rounded half up to the yen on April 1, 2025\n"
    );
    let dir = agreement_of(&[
        ("agreement.clause", &clause),
        (
            "scenarios/base.scenario",
            "scenario base\n  as of May 1, 2025\n  fact price is €1,500.00\n",
        ),
    ]);
    let text = run(&dir, &["--explain"]);
    // €1,000.00 × 1.08 = $1,080.00.
    assert!(text.contains("$1,080.00 · due April 1, 2025"), "{text}");
    // The limit: €1,500.00 × 1.0835 = $1,625.25, below the $2,000.00 owed.
    assert!(text.contains("capped at $1,625.25"), "{text}");
    // €500.00 × 1.08 = $540.00, + $10.00 = $550.00, the step shown.
    assert!(
        text.contains("((€500.00) at 1.08 USD per EUR = $540.00) + $10.00"),
        "{text}"
    );
    // €1,000.00 × 161.237 = JPY 161,237 exactly.
    assert!(text.contains("JPY 161,237 · due"), "{text}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_conversion_must_start_from_the_amounts_currency() {
    // The rate converts euros, but the amount is in dollars.
    let clause = format!("{HEADER}clause 1\n  fee: buyer pays seller ($1,000.00) at 1.08 USD per EUR on April 1, 2025\n");
    rejected(
        &clause,
        "scenario base\n",
        "agreement.clause",
        "clausec::types::currency_mismatch",
    );
    // From euros into euros changes nothing.
    let clause = format!("{HEADER}clause 1\n  fee: buyer pays seller (€1,000.00) at 1.08 EUR per EUR on April 1, 2025\n");
    rejected(
        &clause,
        "scenario base\n",
        "agreement.clause",
        "clausec::types::currency_mismatch",
    );
    // A converted amount is in the new currency: capped in the old, refused.
    let clause = format!(
        "{HEADER}clause 1\n  fee: buyer pays seller (€1,000.00) at 1.08 USD per EUR on April 1, 2025\n    not to exceed €1,000.00\n"
    );
    rejected(
        &clause,
        "scenario base\n",
        "agreement.clause",
        "clausec::types::currency_mismatch",
    );
    // A date is not converted.
    let clause = format!("{HEADER}clause 1\n  fee: buyer pays seller (April 1, 2025) at 1.08 USD per EUR on April 1, 2025\n");
    rejected(
        &clause,
        "scenario base\n",
        "agreement.clause",
        "clausec::types::mismatch",
    );
}

#[test]
fn the_yen_has_no_cent() {
    let clause = format!(
        "{HEADER}clause 1\n  fee: buyer pays seller (JPY 125,000 / 3) rounded half up to the cent on April 1, 2025\n"
    );
    rejected(
        &clause,
        "scenario base\n",
        "agreement.clause",
        "clausec::types::currency_mismatch",
    );
}

// ---- evaluation and every output -------------------------------------------

#[test]
fn the_text_ledger_writes_every_euro_amount_with_the_euro_sign() {
    let dir = euro_agreement();
    let text = run(&dir, &["--explain"]);
    // €10,000.00 ÷ 3 = €3,333.333…, half up €3,333.33; the last takes
    // €10,000.00 − 2 × €3,333.33 = €3,333.34.
    assert!(text.contains("€3,333.33"), "{text}");
    assert!(text.contains("€3,333.34"), "{text}");
    // The May installment paid May 31, 30 days after its due date:
    // €3,333.33 × 12% × 30 / 365 = €32.8766…, half up €32.88.
    assert!(text.contains("late interest €32.88"), "{text}");
    // A figure times a percentage keeps its currency: €2,500.00 × 10% = €250.00.
    assert!(text.contains("€250.00"), "{text}");
    // The freight of €1,200.00 is held to its limit of €1,000.00.
    assert!(text.contains("€1,000.00"), "{text}");
    assert!(
        !text.contains('$'),
        "a dollar sign in a euro ledger:\n{text}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_json_ledger_gives_every_euro_entry_currency_eur() {
    let dir = euro_agreement();
    let output = clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--scenario",
        "base",
        "--format",
        "json",
    ]);
    let ledger = json(&output);
    let entries = ledger["obligations"].as_array().unwrap();
    let priced: Vec<_> = entries.iter().filter(|e| !e["amount"].is_null()).collect();
    // Three installments, the deposit and the freight.
    assert_eq!(priced.len(), 5, "{ledger:#}");
    for entry in priced {
        assert_eq!(entry["currency"], "EUR", "{entry:#}");
    }
    let second = entries.iter().find(|e| e["id"] == "3.price[2]").unwrap();
    assert_eq!(second["remedies"][0]["amount"], "32.88");
    // The schedule's summary says its currency too (it had none); its
    // total is the €10,000.00 clause 3 writes.
    let schedule = &ledger["schedules"][0];
    assert_eq!(schedule["obligation"], "3.price", "{ledger:#}");
    assert_eq!(schedule["total"], "10000.00");
    assert_eq!(schedule["currency"], "EUR", "{schedule:#}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn markdown_html_calendar_and_csv_show_the_euro() {
    let dir = euro_agreement();
    let markdown = run(&dir, &["--format", "markdown"]);
    assert!(markdown.contains("€3,333.34"), "{markdown}");
    assert!(!markdown.contains('$'), "{markdown}");
    let html = run(&dir, &["--format", "html"]);
    assert!(html.contains("€3,333.34"), "a euro installment in the page");
    assert!(!html.contains("$3,333"), "a euro amount written in dollars");
    let calendar = run(&dir, &["--format", "ics"]);
    // iCalendar escapes the comma.
    assert!(calendar.contains("Amount: €3\\,333.33"), "{calendar}");
    assert!(!calendar.contains('$'), "{calendar}");
    let csv = run(&dir, &["--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (amount, currency) = (at("amount"), at("currency"));
    let mut priced = 0;
    for row in reader.records() {
        let row = row.unwrap();
        if !row[amount].is_empty() {
            assert_eq!(&row[currency], "EUR", "{row:?}");
            priced += 1;
        }
    }
    assert!(priced >= 5, "{csv}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_workbook_formats_euros_as_euros_not_dollars() {
    use std::io::Read;
    let dir = euro_agreement();
    let output = clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--scenario",
        "base",
        "--format",
        "xlsx",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(output.stdout)).unwrap();
    let mut styles = String::new();
    archive
        .by_name("xl/styles.xml")
        .unwrap()
        .read_to_string(&mut styles)
        .unwrap();
    assert!(
        styles.contains(r#"formatCode="&quot;€&quot;#,##0.00""#),
        "{styles}"
    );
    assert!(!styles.contains("&quot;$&quot;"), "{styles}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_agenda_and_diff_show_the_euro() {
    let dir = euro_agreement();
    let output = clausec(&[
        "agenda",
        dir.to_str().unwrap(),
        "--from",
        "2025-04-01",
        "--to",
        "2025-06-30",
    ]);
    let agenda = stdout(&output);
    assert!(agenda.contains("€3,333.33"), "{agenda}");
    assert!(!agenda.contains('$'), "{agenda}");
    let new = scratch_dir();
    copy_dir(&dir, &new);
    edit(&new, "agreement.clause", "€10,000.00", "€12,000.00");
    let output = clausec(&["diff", dir.to_str().unwrap(), new.to_str().unwrap()]);
    let diff = stdout(&output);
    // €12,000.00 ÷ 3 = €4,000.00 each.
    assert!(
        diff.contains("€10,000.00") && diff.contains("€12,000.00"),
        "{diff}"
    );
    assert!(diff.contains("€4,000.00"), "{diff}");
    assert!(!diff.contains('$'), "{diff}");
    std::fs::remove_dir_all(dir).unwrap();
    std::fs::remove_dir_all(new).unwrap();
}

#[test]
fn an_expectation_holds_only_in_the_entrys_currency() {
    let holds = format!("{EURO_SCENARIO}  expect 3.price[3] amount is €3,333.34\n");
    let dir = agreement_of(&[
        ("agreement.clause", EURO_AGREEMENT),
        ("scenarios/base.scenario", &holds),
    ]);
    let output = clausec(&["test", dir.to_str().unwrap(), "--accept"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    std::fs::remove_dir_all(dir).unwrap();
    let fails = format!("{EURO_SCENARIO}  expect 3.price[3] amount is $3,333.34\n");
    let dir = agreement_of(&[
        ("agreement.clause", EURO_AGREEMENT),
        ("scenarios/base.scenario", &fails),
    ]);
    let output = clausec(&["test", dir.to_str().unwrap(), "--accept"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let shown = String::from_utf8_lossy(&output.stderr).into_owned() + &stdout(&output);
    assert!(shown.contains("€3,333.34, not $3,333.34"), "{shown}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_total_paid_adds_only_the_payments_in_its_currency() {
    let clause = format!(
        "{HEADER}clause 1\n  price: buyer pays seller €1,000.00 on April 1, 2025\n  fee: buyer pays seller $500.00 on April 1, 2025\n"
    );
    let scenario = |expect: &str| {
        format!("scenario base\n  as of May 1, 2025\n  every payment is made on its due date\n  expect the total paid by buyer is {expect}\n")
    };
    // The euros paid are €1,000.00, the dollars $500.00: never $1,500.00.
    for (expect, holds) in [("€1,000.00", true), ("$500.00", true), ("$1,500.00", false)] {
        let dir = agreement_of(&[
            ("agreement.clause", &clause),
            ("scenarios/base.scenario", &scenario(expect)),
        ]);
        let output = clausec(&["test", dir.to_str().unwrap(), "--accept"]);
        let code = if holds { 0 } else { 1 };
        assert_eq!(
            output.status.code(),
            Some(code),
            "{expect}: {}",
            stdout(&output)
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}

#[test]
fn an_amount_in_yen_is_rounded_to_the_yen_where_no_rounding_is_stated() {
    let clause = r#"agreement "A licence fee in yen" dated March 1, 2025
party licensee "Kestrel Labs Inc."
party licensor "Hokuto Software KK"
clause 2 "Fee"
  fee: licensee pays licensor JPY 125,000 / 3
    on April 1, 2025
  support: licensee pays licensor (JPY 100,000 / 3) rounded down to the yen
    on April 1, 2025
"#;
    let dir = agreement_of(&[
        ("agreement.clause", clause),
        (
            "scenarios/base.scenario",
            "scenario base\n  as of April 30, 2025\n",
        ),
    ]);
    let text = run(&dir, &[]);
    // JPY 125,000 ÷ 3 = 41,666.666…, half up to the yen: JPY 41,667.
    assert!(text.contains("JPY 41,667"), "{text}");
    // JPY 100,000 ÷ 3 = 33,333.333…, down to the yen: JPY 33,333.
    assert!(text.contains("JPY 33,333"), "{text}");
    assert!(
        text.contains("amounts in yen are rounded half up to the yen"),
        "{text}"
    );
    assert!(!text.contains("41,667.") && !text.contains('$'), "{text}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_encorium_note_is_in_euros_in_every_scenario() {
    for scenario in ["base", "early_repayment", "late_interest", "no_demand"] {
        let output = clausec(&[
            "obligations",
            "clauses/encorium-promissory-note",
            "--scenario",
            scenario,
            "--format",
            "json",
        ]);
        let ledger = json(&output);
        for entry in ledger["obligations"].as_array().unwrap() {
            if !entry["amount"].is_null() || !entry["paid"].is_null() {
                assert_eq!(entry["currency"], "EUR", "{scenario}: {entry:#}");
            }
        }
        // First interest: €200,000.00 × 5% × 107 / 365 = €2,931.5068…, €2,931.51.
        let text = stdout(&clausec(&[
            "obligations",
            "clauses/encorium-promissory-note",
            "--scenario",
            scenario,
        ]));
        assert!(text.contains("€2,931.51"), "{text}");
        assert!(!text.contains('$'), "{scenario}:\n{text}");
    }
}

// ---- a property -------------------------------------------------------------

/// The currency's code, sign or code as written in a clause, and the unit
/// its installments are rounded to.
fn written(currency: Currency) -> (&'static str, &'static str) {
    match currency {
        Currency::Usd => ("$", "cent"),
        Currency::Eur => ("€", "cent"),
        Currency::Gbp => ("GBP ", "cent"),
        Currency::Chf => ("CHF ", "franc"),
        Currency::Jpy => ("JPY ", "yen"),
        Currency::Cad => ("CAD ", "dollar"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// A schedule in any currency: every JSON entry with money says that
    /// currency, the installments sum to the total, and the text ledger
    /// writes no amount in another currency's sign.
    #[test]
    fn every_money_figure_of_a_schedule_is_in_its_currency(
        currency in prop::sample::select(Currency::ALL.to_vec()),
        whole in 1_000u32..5_000_000,
        count in 1usize..12,
    ) {
        let (mark, unit) = written(currency);
        let clause = format!(
            "agreement \"Fees\" dated January 1, 2025\nparty client \"C\"\nparty firm \"F\"\n\
             clause 1 \"Fees\"\n  fees: client pays firm {mark}{whole}\n    \
             in {count} equal monthly installments on day 1 from February 1, 2025\n    \
             rounded half up to the {unit}\n    remainder on the last installment\n"
        );
        let dir = agreement_of(&[
            ("agreement.clause", &clause),
            ("scenarios/base.scenario", "scenario base\n  as of January 1, 2026\n  every payment is made on its due date\n"),
        ]);
        let output = clausec(&["obligations", dir.to_str().unwrap(), "--scenario", "base", "--format", "json"]);
        let ledger = json(&output);
        let entries = ledger["obligations"].as_array().unwrap();
        prop_assert_eq!(entries.len(), count);
        let mut sum = Decimal::ZERO;
        for entry in entries {
            prop_assert_eq!(entry["currency"].as_str(), Some(currency.code()));
            sum += dec(entry["amount"].as_str().unwrap());
        }
        prop_assert_eq!(sum, Decimal::from(whole));
        let text = stdout(&clausec(&["obligations", dir.to_str().unwrap(), "--scenario", "base"]));
        for other in Currency::ALL.iter().filter(|c| **c != currency) {
            let sign = other.prefix();
            // `$` is a part of no other prefix; the codes and `€`, `£` are
            // written only for their own currency.
            prop_assert!(!text.contains(sign), "{} in a {} ledger:\n{}", sign, currency.code(), text);
        }
        std::fs::remove_dir_all(dir).unwrap();
    }
}

/// A €10,000.00 loan in 12 monthly level payments at 6%, 30/360, with more
/// terms for the clause and more lines for the scenario.
fn euro_loan(terms: &str, scenario: &str) -> std::path::PathBuf {
    agreement_of(&[
        (
            "agreement.clause",
            "agreement \"Note\" dated January 1, 2025\nparty borrower \"Borrower\"\nparty lender \"Lender\"\n",
        ),
        (
            "2.clause",
            &format!(
                "clause 2 \"Repayment\"\n  loan: borrower pays lender €10,000.00 in 12 equal monthly installments on day 1\n    \
                 from February 1, 2025\n    amortized at 6% per annum, 30/360\n{terms}"
            ),
        ),
        (
            "scenarios/base.scenario",
            &format!(
                "scenario base \"Loan\"\n  as of December 31, 2025\n  every payment is made on its due date\n{scenario}"
            ),
        ),
    ])
}

#[test]
fn an_amortized_schedule_in_euros_sums_up_in_euros() {
    // The summary of an amortised schedule ("principal … and interest …")
    // and every row of its table are in the schedule's currency.
    let dir = euro_loan("", "");
    let text = stdout(&clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--explain",
    ]));
    assert!(
        text.contains("principal €10,000.00 and interest €"),
        "{text}"
    );
    assert!(!text.contains('$'), "{text}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_prepayment_above_a_euro_loans_balance_is_refused_in_euros() {
    // €50,000.00 prepaid on a €10,000.00 loan: more than the balance, an
    // error that names both in euros (it used to say dollars).
    let dir = euro_loan(
        "    prepayments shorten the term\n",
        "  borrower prepaid lender €50,000.00 on May 1, 2025 for loan\n",
    );
    let output = clausec(&["obligations", dir.to_str().unwrap()]);
    let shown = String::from_utf8_lossy(&output.stderr).into_owned() + &stdout(&output);
    assert!(shown.contains("€50,000.00"), "{shown}");
    assert!(!shown.contains('$'), "{shown}");
    std::fs::remove_dir_all(dir).unwrap();
}
