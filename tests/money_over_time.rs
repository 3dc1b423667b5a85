//! Amounts due each period that change with time: a rent table's steps
//! (`becoming AMOUNT from DATE`) and partial periods prorated by days.
//! Every figure is worked out by hand in the comment beside it.

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
    let output = clausec(&["obligations", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let ledger = json(&output);
    ledger["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["id"].as_str().unwrap().starts_with("2.rent["))
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
