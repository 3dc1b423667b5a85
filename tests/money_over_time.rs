//! Money over time: a rent table's steps (`becoming AMOUNT from DATE`),
//! partial periods prorated by days, and prepayments of a level-payment
//! loan that shorten its term or reduce its payment. Every figure is worked
//! out by hand in the comment beside it, or by the short Python reference
//! quoted there (standard `decimal`, sharing nothing with clausec).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;

/// A lease with one rent clause, and a scenario in which every payment is
/// made on its due date.
fn lease(rent: &str) -> std::path::PathBuf {
    agreement_of(&[
        (
            "agreement.clause",
            "agreement \"Lease\" dated February 1, 2025\nparty tenant \"Tenant\"\nparty landlord \"Landlord\"\n",
        ),
        ("2.clause", &format!("clause 2 \"Base Rent\"\n{rent}")),
        (
            "scenarios/base.scenario",
            "scenario base \"All paid\"\n  as of March 31, 2027\n  every payment is made on its due date\n",
        ),
    ])
}

/// Each instance's due date and amount, from the JSON ledger.
fn instances(dir: &std::path::Path) -> Vec<(String, String)> {
    instances_of(dir, "2.rent[")
}

fn instances_of(dir: &std::path::Path, id: &str) -> Vec<(String, String)> {
    let output = clausec(&["obligations", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let ledger = json(&output);
    ledger["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["id"].as_str().unwrap().starts_with(id))
        .map(|o| {
            (
                o["due"].as_str().unwrap().to_owned(),
                o["amount"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn a_rent_table_steps_to_each_amount_on_its_date() {
    let dir = lease(
        "  rent: tenant pays landlord $10,000.00\n    each month on day 1\n    \
         from March 1, 2025 through February 1, 2027\n    becoming $10,500.00 from March 1, 2026\n    \
         becoming $11,000.00 from January 1, 2027\n    abated from March 1, 2025 through March 31, 2025\n",
    );
    let rents = instances(&dir);
    assert_eq!(rents.len(), 24);
    // March 2025 abated; April 2025 – February 2026 at $10,000.00 (11
    // months); March – December 2026 at $10,500.00 (10); January and
    // February 2027 at $11,000.00 (2).
    assert_eq!(rents[0], ("2025-03-01".into(), "0.00".into()));
    assert_eq!(rents[11], ("2026-02-01".into(), "10000.00".into()));
    assert_eq!(rents[12], ("2026-03-01".into(), "10500.00".into()));
    assert_eq!(rents[21], ("2026-12-01".into(), "10500.00".into()));
    assert_eq!(rents[22], ("2027-01-01".into(), "11000.00".into()));
    let total: rust_decimal::Decimal = rents
        .iter()
        .map(|(_, a)| a.parse::<rust_decimal::Decimal>().unwrap())
        .sum();
    // 11 × $10,000.00 + 10 × $10,500.00 + 2 × $11,000.00 = $237,000.00
    assert_eq!(total.to_string(), "237000.00");
    let text = stdout(&clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--explain",
    ]));
    assert!(text.contains("= $10,500.00 from March 1, 2026"), "{text}");
    assert!(
        text.contains("becoming $11,000.00 from January 1, 2027"),
        "{text}"
    );
}

#[test]
fn steps_out_of_order_or_beside_a_yearly_increase_are_errors() {
    let dir = lease(
        "  rent: tenant pays landlord $10,000.00\n    each month on day 1\n    \
         from March 1, 2025 through February 1, 2027\n    becoming $11,000.00 from January 1, 2027\n    \
         becoming $10,500.00 from March 1, 2026\n",
    );
    let found = assert_rejected(&dir, "2.clause", "clausec::check::period_order");
    assert_eq!(
        found["message"],
        "this step starts on March 1, 2026, not after January 1, 2027"
    );
    let dir = lease(
        "  rent: tenant pays landlord $10,000.00\n    each month on day 1\n    \
         from March 1, 2025 through February 1, 2027\n    \
         increasing each year to 103% of the preceding year's amount, rounded half up to the cent\n    \
         becoming $10,500.00 from March 1, 2026\n",
    );
    let found = assert_rejected(&dir, "2.clause", "clausec::resolve::stated_twice");
    assert!(found["message"]
        .as_str()
        .unwrap()
        .contains("by a yearly increase and by steps"));
    let dir = lease(
        "  rent: tenant pays landlord $10,000.00 on March 1, 2025\n    becoming $10,500.00 from March 1, 2026\n",
    );
    let found = assert_rejected(&dir, "2.clause", "clausec::types::mismatch");
    assert_eq!(
        found["message"],
        "only an amount due each period can change to another amount"
    );
}

#[test]
fn partial_first_and_last_months_are_prorated_by_days() {
    let dir = lease(
        "  rent: tenant pays landlord $9,000.00\n    each month on day 1\n    \
         from March 15, 2025 through September 20, 2025\n    prorated by days\n",
    );
    let rents = instances(&dir);
    // March 15 – 31 is 17 of March's 31 days: $9,000.00 × 17 / 31 =
    // $4,935.4838…, rounded half up: $4,935.48, due on the first day
    // covered. April through August: $9,000.00 each on the 1st.
    // September 1 – 20 is 20 of September's 30 days: $6,000.00.
    assert_eq!(rents.len(), 7);
    assert_eq!(rents[0], ("2025-03-15".into(), "4935.48".into()));
    assert_eq!(rents[1], ("2025-04-01".into(), "9000.00".into()));
    assert_eq!(rents[5], ("2025-08-01".into(), "9000.00".into()));
    assert_eq!(rents[6], ("2025-09-01".into(), "6000.00".into()));
    let text = stdout(&clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--explain",
    ]));
    assert!(
        text.contains("= $4,935.48 = $9,000.00 × 17/31, rounded half up to the cent (prorated by days: March 15, 2025 through March 31, 2025, 17 of the 31 days from March 1, 2025 through March 31, 2025)"),
        "{text}"
    );
}

#[test]
fn a_term_inside_one_period_owes_its_days_only_and_whole_periods_owe_in_full() {
    // March 15 – 20: 6 of March's 31 days: $3,100.00 × 6 / 31 = $600.00.
    let dir = lease(
        "  rent: tenant pays landlord $3,100.00\n    each month on day 1\n    \
         from March 15, 2025 through March 20, 2025\n    prorated by days\n",
    );
    assert_eq!(instances(&dir), [("2025-03-15".into(), "600.00".into())]);
    // A quarterly rent whose term starts and ends on its own dates owes
    // whole quarters: nothing is prorated.
    let dir = lease(
        "  rent: tenant pays landlord $12,000.00\n    each quarter on day 1\n    \
         from January 1, 2025 through June 30, 2025\n    prorated by days\n",
    );
    assert_eq!(
        instances(&dir),
        [
            ("2025-01-01".into(), "12000.00".into()),
            ("2025-04-01".into(), "12000.00".into())
        ]
    );
    // A quarter's periods are the schedule's own, counted from the month
    // the term starts in. February 10 – April 30, 2025 is 80 of the quarter's
    // 89 days (February 1 – April 30): $12,000.00 × 80 / 89 =
    // $10,786.5168…: $10,786.52.
    let dir = lease(
        "  rent: tenant pays landlord $12,000.00\n    each quarter on day 1\n    \
         from February 10, 2025 through July 31, 2025\n    prorated by days\n",
    );
    assert_eq!(
        instances(&dir),
        [
            ("2025-02-10".into(), "10786.52".into()),
            ("2025-05-01".into(), "12000.00".into())
        ]
    );
}

#[test]
fn proration_is_only_for_an_amount_due_each_period() {
    let dir =
        lease("  rent: tenant pays landlord $9,000.00 on March 1, 2025\n    prorated by days\n");
    let found = assert_rejected(&dir, "2.clause", "clausec::types::mismatch");
    assert_eq!(
        found["message"],
        "only an amount due each period can be prorated by days"
    );
}

/// A $10,000.00 loan in 12 monthly level payments at 6%, 30/360, with what
/// its clause says of prepayments, and a scenario recording `prepaid`.
fn loan(after: &str, prepaid: &str) -> std::path::PathBuf {
    agreement_of(&[
        (
            "agreement.clause",
            "agreement \"Note\" dated January 1, 2025\nparty borrower \"Borrower\"\nparty lender \"Lender\"\n",
        ),
        (
            "2.clause",
            &format!(
                "clause 2 \"Repayment\"\n  loan: borrower pays lender $10,000.00 in 12 equal monthly installments on day 1\n    \
                 from February 1, 2025\n    amortized at 6% per annum, 30/360\n{after}"
            ),
        ),
        (
            "scenarios/base.scenario",
            &format!(
                "scenario base \"Prepaid\"\n  as of December 31, 2025\n  every payment is made on its due date\n{prepaid}"
            ),
        ),
    ])
}

fn amounts(rows: &[(String, String)]) -> Vec<&str> {
    rows.iter().map(|(_, a)| a.as_str()).collect()
}

// The reference for the three loans below (Python, `decimal`, 60 digits,
// rounding half up to the cent):
//
//     i = 0.06 / 12; pay(P, n) = r(P i (1+i)^n / ((1+i)^n - 1))
//     p = pay(10000, 12)                              # 860.66
//     each month: interest = r(balance × i), or, in the month a
//     prepayment falls, r(B1 × 0.06 × d1/360 + B2 × 0.06 × d2/360);
//     principal = min(p - interest, balance) (all of it in the last month)

#[test]
fn a_prepayment_that_shortens_the_term_clears_the_loan_sooner() {
    // $5,000.00 prepaid on May 1 (an installment's date: it belongs to the
    // next month). The payment stays $860.66; the balance is cleared on
    // August 1 with $24.82; September on owe nothing.
    let dir = loan(
        "    prepayments shorten the term\n",
        "  borrower prepaid lender $5,000.00 on May 1, 2025 for loan\n",
    );
    let rows = instances_of(&dir, "2.loan[");
    assert_eq!(
        amounts(&rows),
        [
            "860.66", "860.66", "860.66", "860.66", "860.66", "860.66", "24.82", "0.00", "0.00",
            "0.00", "0.00", "0.00"
        ]
    );
    let text = stdout(&clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--explain",
    ]));
    assert!(
        text.contains("= $860.66 = $8.66 interest ($1,732.96 × 6% × 30 days ÷ 360, 30/360) + $852.00 principal; balance after $880.96; $5,000.00 prepaid on May 1, 2025"),
        "{text}"
    );
    assert!(
        text.contains("= principal $10,000.00 ($5,000.00 of it prepaid) and interest $188.78"),
        "{text}"
    );
    assert!(
        text.contains("nothing is owed, the balance was repaid before September 1, 2025"),
        "{text}"
    );
}

#[test]
fn a_prepayment_that_reduces_the_payment_is_amortized_again() {
    // After the same prepayment the balance is $880.96 with 7 payments
    // left: pay(880.96, 7) = $128.38 from July 1 on.
    let dir = loan(
        "    prepayments reduce the payment\n",
        "  borrower prepaid lender $5,000.00 on May 1, 2025 for loan\n",
    );
    let rows = instances_of(&dir, "2.loan[");
    assert_eq!(
        amounts(&rows),
        [
            "860.66", "860.66", "860.66", "860.66", "860.66", "128.38", "128.38", "128.38",
            "128.38", "128.38", "128.38", "128.38"
        ]
    );
    let text = stdout(&clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--explain",
    ]));
    assert!(
        text.contains("= $128.38 = the level payment on $880.96 at 6% per annum over 7 payments (12 a year), computed again after the prepayment"),
        "{text}"
    );
}

#[test]
fn a_prepayment_within_a_month_splits_its_interest() {
    // $2,000.00 on March 16: April's interest is r(8,374.63 × 0.06 × 15/360
    // + 6,374.63 × 0.06 × 15/360) = r(20.936575 + 15.936575) = $36.87; the
    // term shortens to a last payment of $492.96 on November 1.
    let dir = loan(
        "    prepayments shorten the term\n",
        "  borrower prepaid lender $2,000.00 on March 16, 2025 for loan\n",
    );
    let rows = instances_of(&dir, "2.loan[");
    assert_eq!(
        amounts(&rows),
        [
            "860.66", "860.66", "860.66", "860.66", "860.66", "860.66", "860.66", "860.66",
            "860.66", "492.96", "0.00", "0.00"
        ]
    );
    let text = stdout(&clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--explain",
    ]));
    assert!(
        text.contains("= $860.66 = $36.87 interest ($8,374.63 × 6% × 15 days ÷ 360 + $6,374.63 × 6% × 15 days ÷ 360, 30/360)"),
        "{text}"
    );
}

#[test]
fn a_prepayment_the_clause_does_not_provide_for_is_an_error() {
    let dir = loan(
        "",
        "  borrower prepaid lender $5,000.00 on May 1, 2025 for loan\n",
    );
    let found = assert_rejected(&dir, "base.scenario", "clausec::types::mismatch");
    assert_eq!(
        found["message"],
        "`loan` does not say what a prepayment does"
    );
    let dir = lease("  rent: tenant pays landlord $9,000.00 on March 1, 2025\n    prepayments shorten the term\n");
    let found = assert_rejected(&dir, "2.clause", "clausec::types::mismatch");
    assert_eq!(
        found["message"],
        "only a schedule of level payments can say what prepayments do"
    );
}

#[test]
fn a_prepayment_above_the_balance_is_said_not_applied() {
    let dir = loan(
        "    prepayments shorten the term\n",
        "  borrower prepaid lender $50,000.00 on May 1, 2025 for loan\n",
    );
    let found = assert_rejected(&dir, "2.clause", "clausec::eval::arithmetic");
    assert_eq!(
        found["message"],
        "under scenario `base`, the prepayment of $50,000.00 on May 1, 2025 is more than the balance of $6,732.96 then owed"
    );
}
