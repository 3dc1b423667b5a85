//! The core issue's list of trust bugs, each re-run from its description
//! through the real binary. Each test failed on the code before its fix.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;

#[test]
fn a_scenario_file_outside_the_folder_is_checked_like_one_inside() {
    // `--scenario path/to/file.scenario` used to be parsed but never
    // checked: a misspelt party went unreported and the ledger was computed.
    let dir = scratch_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("late.scenario");
    std::fs::write(
        &file,
        "scenario overdue \"Overdue\"\n  as of June 30, 2003\n  fact annual_salary is $250,000.00\n  \
         emploee signed on June 6, 2002 at 11:00 a.m.\n",
    )
    .unwrap();
    let output = clausec(&["obligations", LETTER, "--scenario", file.to_str().unwrap()]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("clausec::resolve::unknown_party"), "{text}");
    assert!(text.contains("late.scenario:4:3"), "{text}");
    assert!(text.contains("`emploee` is not a party"), "{text}");
    assert!(
        !text.contains("Clause 2(b)"),
        "a ledger was printed:\n{text}"
    );

    // Corrected, it is evaluated, and it stands in for nothing else.
    std::fs::write(
        &file,
        "scenario overdue \"Overdue\"\n  as of June 30, 2003\n  fact annual_salary is $250,000.00\n  \
         employee signed on June 6, 2002 at 11:00 a.m.\n",
    )
    .unwrap();
    let output = clausec(&["obligations", LETTER, "--scenario", file.to_str().unwrap()]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.contains("Scenario overdue: Overdue"), "{text}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_scenario_file_with_the_name_of_one_in_the_folder_takes_its_place() {
    let dir = scratch_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("base.scenario");
    std::fs::write(
        &file,
        "scenario base \"Another base\"\n  as of June 30, 2003\n  fact annual_salary is $120,000.00\n  \
         employee signed on June 6, 2002 at 11:00 a.m.\n",
    )
    .unwrap();
    let output = clausec(&["obligations", LETTER, "--scenario", file.to_str().unwrap()]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.contains("Scenario base: Another base"), "{text}");
    assert!(
        text.contains("$60,000.00"),
        "six months of $120,000.00:\n{text}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A small agreement: one clause file holding `obligations`, and a `base`
/// scenario in which every payment is made on its due date.
fn small_agreement(obligations: &str) -> std::path::PathBuf {
    agreement_of(&[
        (
            "agreement.clause",
            "agreement \"Small\"\n  dated January 2, 2024\n\n\
             party lender \"Lender\"\nparty borrower \"Borrower\"\n\
             fact p is yes or no \"p\"\nfact q is yes or no \"q\"\n\
             fact base_fee is money \"a fee\"\n",
        ),
        ("1.clause", &format!("clause 1 \"Terms\"\n{obligations}")),
        (
            "scenarios/base.scenario",
            "scenario base \"Base\"\n  as of December 31, 2024\n  fact p is yes\n  fact q is no\n  \
             fact base_fee is $92,751.00\n  every payment is made on its due date\n",
        ),
    ])
}

#[test]
fn a_split_that_leaves_a_negative_installment_is_an_error() {
    // `$1.00` in 60 equal installments rounded half up: 59 × $0.02 and a
    // last installment of −$0.18, which the ledger used to print.
    let dir = small_agreement(
        "  tiny: lender pays borrower $1.00\n    in 60 equal monthly installments on day 1\n    \
         from February 1, 2024\n    rounded half up to the cent\n    remainder on the last installment\n",
    );
    let found = assert_rejected(&dir, "1.clause", "clausec::eval::arithmetic");
    assert_eq!(
        found["message"],
        "under scenario `base`, $1.00 in 60 equal installments of $0.02, rounded half up to the cent, \
         leaves -$0.18 for the last installment"
    );
}

#[test]
fn a_negative_payment_is_an_error() {
    let dir =
        small_agreement("  refund: lender pays borrower $1.00 - $2.00\n    on March 1, 2024\n");
    let found = assert_rejected(&dir, "1.clause", "clausec::eval::arithmetic");
    assert!(
        found["message"]
            .as_str()
            .unwrap()
            .contains("`$1.00 - $2.00` comes to -$1.00: an amount to pay cannot be negative"),
        "{found:#}"
    );
}

#[test]
fn a_negated_combination_prints_with_its_parentheses() {
    let dir = small_agreement("  bonus: lender pays borrower $10.00\n    if not (p and q)\n");
    let output = clausec(&["obligations", dir.to_str().unwrap()]);
    let text = stdout(&output);
    assert!(text.contains("      if not (p and q)\n"), "{text}");
    let ledger = json(&clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ]));
    assert_eq!(ledger["obligations"][0]["condition"], "if not (p and q)");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn explained_intermediate_steps_are_exact() {
    let dir =
        small_agreement("  fee: lender pays borrower base_fee * 0.5% * 3\n    on March 1, 2024\n");
    let output = clausec(&["obligations", dir.to_str().unwrap(), "--explain"]);
    let text = stdout(&output);
    assert!(
        text.contains(
            "= $1,391.27 = (base_fee $92,751.00 × 0.5% = $463.755) × 3, rounded half up to the cent"
        ),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_election_left_to_its_default_says_so() {
    let dir = small_agreement(
        "  election choice by borrower \"the borrower's choice\"\n    option opt_a \"a\" default\n    \
         option opt_b \"b\"\n",
    );
    let ledger = json(&clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ]));
    let election = &ledger["obligations"][0];
    assert_eq!(election["id"], "1.choice");
    assert_eq!(election["status"], "default_applied", "{election:#}");
    let text = stdout(&clausec(&["obligations", dir.to_str().unwrap()]));
    assert!(text.contains("      default applied\n"), "{text}");
    std::fs::remove_dir_all(&dir).unwrap();
}
