//! Credits (`credited against LABEL`): an amount one party owes that is
//! paid by reducing what the other party owes, the unused part refunded or
//! lapsed. Each figure below is worked out by hand from the clause text, or
//! by the reference rule in this file, which shares no code with clausec.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use chrono::{Days, NaiveDate};
use common::*;
use proptest::prelude::*;
use rust_decimal::Decimal;

const HEADER: &str = "agreement \"Hosting services\"\n  dated January 1, 2025\n\n\
                      party provider \"Provider\"\nparty customer \"Customer\"\n";

/// Fees of $1,000.00 due on the first of each month, February through July
/// 2025, and the credit clause given.
fn hosting(credit: &str, scenario: &str) -> std::path::PathBuf {
    agreement_of(&[
        ("agreement.clause", HEADER),
        (
            "1.clause",
            "clause 1 \"Fees\"\n  fees: customer pays provider $1,000.00 each month on day 1\n    \
             from February 1, 2025 through July 1, 2025\n",
        ),
        (
            "2.clause",
            &format!("clause 2 \"Service credit\"\n{credit}"),
        ),
        ("scenarios/base.scenario", scenario),
    ])
}

const ON_TIME: &str = "scenario base \"On time\"\n  as of August 31, 2025\n  \
                       every payment is made on its due date\n";

fn ledger(dir: &std::path::Path) -> serde_json::Value {
    let output = clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--scenario",
        "base",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    json(&output)
}

fn entry<'a>(ledger: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    ledger["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("no {id}"))
}

#[test]
fn a_credit_reduces_the_next_amounts_due_until_used_up() {
    // $1,500.00 given March 10, 2025: the fees due on or after it are
    // April 1 ($1,000.00 → $0.00) and May 1 ($1,000.00 − $500.00 = $500.00).
    let dir = hosting(
        "  service_credit: provider pays customer $1,500.00 on March 10, 2025\n    \
         credited against fees\n",
        ON_TIME,
    );
    let ledger = ledger(&dir);
    let amounts: Vec<(&str, &str)> = (1..=6)
        .map(|k| {
            let e = entry(&ledger, &format!("1.fees[{k}]"));
            (e["amount"].as_str().unwrap(), e["status"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        amounts,
        [
            ("1000.00", "paid"),
            ("1000.00", "paid"),
            ("0.00", "offset"),
            ("500.00", "paid"),
            ("1000.00", "paid"),
            ("1000.00", "paid"),
        ]
    );
    let credit = entry(&ledger, "2.service_credit");
    assert_eq!(credit["amount"], "0.00");
    assert_eq!(credit["status"], "offset");
    let text = stdout(&clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--scenario",
        "base",
    ]));
    assert!(
        text.contains("credited $1,000.00 against 1.fees[3] (payment 3 of 6), due April 1, 2025"),
        "{text}"
    );
    assert!(
        text.contains("reduced by $500.00 of the credit service_credit given on March 10, 2025"),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn what_is_left_of_a_credit_is_refunded_on_its_date() {
    // $4,500.00 given March 10: April–July take $4,000.00; $500.00 is
    // refunded on July 31, 2025, a payment like any other — unpaid here.
    let dir = hosting(
        "  service_credit: provider pays customer $4,500.00 on March 10, 2025\n    \
         credited against fees\n    unused credit refunded on July 31, 2025\n",
        "scenario base \"Refund not paid\"\n  as of August 31, 2025\n  \
         customer paid provider $1,000.00 on February 1, 2025 for fees due February 1, 2025\n  \
         customer paid provider $1,000.00 on March 1, 2025 for fees due March 1, 2025\n",
    );
    let ledger = ledger(&dir);
    let credit = entry(&ledger, "2.service_credit");
    assert_eq!(credit["amount"], "500.00");
    assert_eq!(credit["offset"], "4000.00");
    assert_eq!(credit["due"], "2025-07-31");
    assert_eq!(credit["status"], "due");
    for k in 3..=6 {
        assert_eq!(entry(&ledger, &format!("1.fees[{k}]"))["status"], "offset");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn what_is_left_of_a_credit_lapses_on_its_date() {
    let credit = "  service_credit: provider pays customer $4,500.00 on March 10, 2025\n    \
                  credited against fees\n    unused credit lapses on July 31, 2025\n";
    let dir = hosting(credit, ON_TIME);
    let credit_entry = entry(&ledger(&dir), "2.service_credit").clone();
    assert_eq!(credit_entry["amount"], "500.00");
    assert_eq!(credit_entry["status"], "lapsed");
    std::fs::remove_dir_all(&dir).unwrap();
    // Before the lapse date, the rest is still there to be used: $500.00,
    // the July fee (due before the lapse) taking its share when it falls due.
    let dir = hosting(
        credit,
        "scenario base \"Early\"\n  as of June 15, 2025\n  every payment is made on its due date\n",
    );
    let credit_entry = entry(&ledger(&dir), "2.service_credit").clone();
    assert_eq!(credit_entry["status"], "in_force");
    assert_eq!(credit_entry["amount"], "500.00");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_credit_not_yet_given_reduces_nothing() {
    let dir = hosting(
        "  service_credit: provider pays customer $1,500.00 on March 10, 2025\n    \
         credited against fees\n",
        "scenario base \"Early\"\n  as of March 5, 2025\n  every payment is made on its due date\n",
    );
    let ledger = ledger(&dir);
    assert_eq!(entry(&ledger, "1.fees[3]")["amount"], "1000.00");
    assert_eq!(entry(&ledger, "2.service_credit")["status"], "not_yet_due");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_credit_must_be_labelled_and_reduce_a_payment_the_other_way() {
    let wrong = [
        (
            "  provider pays customer $100.00 on March 10, 2025\n    credited against fees\n",
            "a credit needs a label",
        ),
        (
            "  credit: customer pays provider $100.00 on March 10, 2025\n    credited against fees\n",
            "`fees` is not a payment from `provider` to `customer`",
        ),
        (
            "  credit: provider pays customer the total of fees * 10%\n    on March 10, 2025\n    \
             credited against fees\n",
            "its amount cannot use `fees`",
        ),
        (
            "  credit: provider pays customer $100.00 on March 10, 2025\n    \
             unused credit lapses on July 31, 2025\n",
            "only a credit has an unused part",
        ),
    ];
    for (clause, message) in wrong {
        let dir = hosting(clause, ON_TIME);
        let found = assert_rejected(&dir, "2.clause", "clausec::types::mismatch");
        assert!(
            found["message"].as_str().unwrap().contains(message),
            "{clause}: {found:#}"
        );
    }
    let dir = hosting(
        "  credit: provider pays customer $100.00 on March 10, 2025\n    credited against feez\n",
        ON_TIME,
    );
    let found = assert_rejected(&dir, "2.clause", "clausec::resolve::unknown_name");
    assert!(
        found["help"].as_str().unwrap().contains("fees"),
        "{found:#}"
    );
}

/// The rule as a reference, from the guide's words: credits in the order
/// given; each reduces the fees due on or after its date, earliest first,
/// until it is used up; what is left is refunded.
fn reference(
    fees: &[(NaiveDate, Decimal)],
    credits: &[(NaiveDate, Decimal)],
) -> (Vec<Decimal>, Vec<Decimal>) {
    let mut owed: Vec<Decimal> = fees.iter().map(|(_, a)| *a).collect();
    let mut order: Vec<usize> = (0..credits.len()).collect();
    order.sort_by_key(|k| credits[*k].0);
    let mut left = vec![Decimal::ZERO; credits.len()];
    for k in order {
        let (on, amount) = credits[k];
        let mut rest = amount;
        for (i, (due, _)) in fees.iter().enumerate() {
            if *due >= on {
                let take = rest.min(owed[i]);
                owed[i] -= take;
                rest -= take;
            }
        }
        left[k] = rest;
    }
    (owed, left)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Credits given on random days for random amounts: every fee and every
    /// refund is what the reference rule gives, no amount is negative, and
    /// an amount reduced to nothing is never due or late.
    #[test]
    fn credits_match_the_reference_rule(
        credits in proptest::collection::vec((0u64..200, 1i64..300_000), 1..4)
    ) {
        let start = NaiveDate::from_ymd_opt(2025, 1, 15).unwrap();
        let credits: Vec<(NaiveDate, Decimal)> = credits
            .iter()
            .map(|(day, cents)| (start + Days::new(*day), Decimal::new(*cents, 2)))
            .collect();
        let clause: String = credits
            .iter()
            .enumerate()
            .map(|(k, (on, amount))| {
                format!(
                    "  credit_{k}: provider pays customer ${amount:.2} on {}\n    credited against fees\n    \
                     unused credit refunded on December 31, 2025\n",
                    on.format("%B %-d, %Y")
                )
            })
            .collect();
        let dir = hosting(
            &clause,
            "scenario base \"Nothing paid\"\n  as of December 31, 2025\n",
        );
        let ledger = ledger(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
        let mut money = Vec::new();
        money_fields(&ledger, &mut money);
        money.iter().for_each(|field| assert_cents(field));
        let fees: Vec<(NaiveDate, Decimal)> = (2..=7)
            .map(|m| (NaiveDate::from_ymd_opt(2025, m, 1).unwrap(), Decimal::new(100_000, 2)))
            .collect();
        let (owed, left) = reference(&fees, &credits);
        for (k, expected) in owed.iter().enumerate() {
            let fee = entry(&ledger, &format!("1.fees[{}]", k + 1));
            prop_assert_eq!(fee["amount"].as_str().unwrap(), format!("{expected:.2}"));
            let status = fee["status"].as_str().unwrap();
            if expected.is_zero() {
                prop_assert_eq!(status, "offset");
            } else {
                prop_assert_eq!(status, "due");
            }
        }
        for (k, expected) in left.iter().enumerate() {
            let credit = entry(&ledger, &format!("2.credit_{k}"));
            prop_assert_eq!(credit["amount"].as_str().unwrap(), format!("{expected:.2}"));
            let status = credit["status"].as_str().unwrap();
            prop_assert_eq!(status, if expected.is_zero() { "offset" } else { "due" });
        }
    }
}
