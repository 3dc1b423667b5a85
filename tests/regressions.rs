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

/// An agreement whose source document is `source`, with one clause quoting
/// `quote` and holding `obligations`.
fn quoting_agreement(source: &str, quote: &str, obligations: &str) -> std::path::PathBuf {
    agreement_of(&[
        ("source.txt", source),
        (
            "agreement.clause",
            "agreement \"Note\"\n  dated January 2, 2024\n  source \"source.txt\"\n\n\
             party lender \"Lender\"\nparty borrower \"Borrower\"\n",
        ),
        (
            "1.clause",
            &format!("clause 1 \"Terms\"\n  quote \"{quote}\"\n{obligations}"),
        ),
        (
            "scenarios/base.scenario",
            "scenario base \"Base\"\n  as of December 31, 2026\n  every payment is made on its due date\n",
        ),
    ])
}

#[test]
fn fractions_written_in_words_agree_with_their_numerals() {
    // `one-half of one percent (0.5%)` used to be reported as words (1) and
    // numerals (0.5) that disagree.
    let text = "Interest at one-half of one percent (0.5%) per month, and a fee of one and \
                one-half percent (1.5%), three-quarters (0.75) of which is refundable.";
    let dir = quoting_agreement(
        text,
        text,
        "  fee: borrower pays lender $100.00\n    on March 1, 2024\n",
    );
    let output = clausec(&["check", dir.to_str().unwrap(), "--format", "json"]);
    let report = json(&output);
    assert_eq!(output.status.code(), Some(0), "{report:#}");
    assert!(!report.to_string().contains("number_words"), "{report:#}");
    std::fs::remove_dir_all(&dir).unwrap();

    // A fraction that disagrees is still found.
    let wrong = "Interest at one-half of one percent (0.25%) per month.";
    let dir = quoting_agreement(
        wrong,
        wrong,
        "  fee: borrower pays lender $100.00\n    on March 1, 2024\n",
    );
    let text = stdout(&clausec(&["check", dir.to_str().unwrap()]));
    assert!(
        text.contains("the text writes `one-half of one percent (0.25%)`: the words say 0.5, the numerals say 0.25%"),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_last_installment_the_text_says_takes_the_balance_is_not_a_mismatch() {
    // The text fixes 35 installments of $1,000.00 and leaves the balance to
    // the last; the encoding says so with `remainder on the last
    // installment`. installment_sum used to warn, and the ledger split the
    // total equally ($986.11 each), which is not what the text says.
    let text = "Borrower shall repay $35,500.00 in thirty-six (36) monthly installments of \
                $1,000.00, the last installment being the remaining balance.";
    let schedule = "  principal: borrower pays lender $35,500.00\n    \
                    in thirty-six (36) equal monthly installments of $1,000.00 on day 1\n    \
                    from February 1, 2024\n    rounded half up to the cent\n    \
                    remainder on the last installment\n";
    let dir = quoting_agreement(text, text, schedule);
    let output = clausec(&["check", dir.to_str().unwrap(), "--format", "json"]);
    let report = json(&output);
    assert!(
        !report.to_string().contains("installment_sum"),
        "{report:#}"
    );
    let ledger = json(&clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ]));
    let amounts: Vec<&str> = ledger["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["amount"].as_str().unwrap())
        .collect();
    assert_eq!(amounts.len(), 36);
    // 35 × $1,000.00 = $35,000.00; $35,500.00 − $35,000.00 = $500.00.
    assert!(amounts[..35].iter().all(|a| *a == "1000.00"), "{amounts:?}");
    assert_eq!(amounts[35], "500.00");
    std::fs::remove_dir_all(&dir).unwrap();

    // Without the remainder stated, the stated installment and the total
    // still disagree, and check says so.
    let dir = quoting_agreement(
        text,
        text,
        &schedule.replace("    remainder on the last installment\n", ""),
    );
    let report = json(&clausec(&[
        "check",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ]));
    assert!(report.to_string().contains("installment_sum"), "{report:#}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn json_money_has_exactly_the_cents() {
    // `"offset": "0"` and `"5730.0000"` where the text ledger says $0.00 and
    // $5,730.00.
    let dir = small_agreement(
        "  fee: lender pays borrower $5.73 * 1000.00\n    on March 1, 2024\n    rounded half up to the dollar\n",
    );
    let mut found = Vec::new();
    for agreement in ["clauses/kestrel-press-lease", LETTER, dir.to_str().unwrap()] {
        let ledger = json(&clausec(&["obligations", agreement, "--format", "json"]));
        money_fields(&ledger, &mut found);
    }
    assert!(found.iter().any(|f| f == "amount: 5730.00"), "{found:?}");
    assert!(found.iter().any(|f| f == "offset: 0.00"), "{found:?}");
    for field in &found {
        assert_cents(field);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_reimbursement_of_a_stated_amount_is_paid_like_a_payment() {
    // It could not be recorded as paid, and `every payment is made on its
    // due date` left it `due`.
    let dir = small_agreement(
        "  costs: lender reimburses borrower \"the costs of collection\" amounting to $50.00\n    \
         on March 1, 2024\n",
    );
    let base = json(&clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ]));
    assert_eq!(base["obligations"][0]["status"], "paid", "{base:#}");
    std::fs::write(
        dir.join("scenarios/late.scenario"),
        "scenario delayed \"Paid late\"\n  as of December 31, 2024\n  \
         lender paid borrower $50.00 on March 5, 2024 for costs\n",
    )
    .unwrap();
    let output = clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--scenario",
        "delayed",
    ]);
    let text = stdout(&output);
    assert!(
        text.contains("$50.00 · due March 1, 2024 · paid late on March 5, 2024"),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_amount_that_comes_to_nothing_is_nothing_owed() {
    // `$100.00 - $100.00` printed "due and unpaid: $0.00 outstanding", even
    // under `every payment is made on its due date`.
    let dir = small_agreement(
        "  zero: lender pays borrower $100.00 - $100.00\n    on March 1, 2024\n  \
         also_zero: lender pays borrower $5.00 * 0\n",
    );
    let text = stdout(&clausec(&["obligations", dir.to_str().unwrap()]));
    assert!(
        text.contains("$0.00 · due March 1, 2024 · nothing owed\n"),
        "{text}"
    );
    assert!(!text.contains("unpaid"), "{text}");
    let ledger = json(&clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ]));
    for entry in ledger["obligations"].as_array().unwrap() {
        assert_eq!(entry["status"], "nothing_owed", "{entry:#}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn intermediates_are_exact_past_28_digits() {
    // Evaluation issue, item 4. 1.017125 to the 5th is
    // 1.088608309484746229766845703125 (30 decimals: 1017125^5 / 10^30);
    // it was cut to 1.0886083094847462297668457031 at rust_decimal's 28
    // digits. $1.00 ÷ 3 × 3 is exactly $1.00; cut at 28 digits it came to
    // $0.9999999999999999999999999999, which `rounded down` made $0.99.
    let dir = small_agreement(
        "  growth: lender pays borrower $10,000.00 * (1.017125) to the power of 5\n    on March 1, 2024\n  \
         thirds: lender pays borrower ($1.00 / 3 * 3) rounded down to the cent\n    on March 1, 2024\n",
    );
    let output = clausec(&["obligations", dir.to_str().unwrap(), "--explain"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    // $10,000.00 × 1.0886083094847462... = $10,886.0830948... → $10,886.08.
    assert!(
        text.contains(
            "= $10,886.08 = $10,000.00 × ((1.017125) to the power of 5 = 1.088608309484746229766845703125), rounded half up to the cent"
        ),
        "{text}"
    );
    assert!(text.contains("      $1.00 · due March 1, 2024"), "{text}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_amount_with_no_exact_value_used_as_it_is_must_say_its_rounding() {
    // A limit is used as written; `$100.00 / 3` has no value in cents,
    // and cutting it silently is what the exactness promise forbids.
    let dir = small_agreement(
        "  fee: lender pays borrower base_fee\n    on March 1, 2024\n    \
         not to exceed $100.00 / 3\n",
    );
    let found = assert_rejected(&dir, "1.clause", "clausec::eval::arithmetic");
    let message = found["message"].as_str().unwrap();
    assert!(
        message.contains(
            "`$100.00 / 3` comes to $33.3333…, which has no exact value in dollars and cents; \
             say how it is rounded, e.g. `($100.00 / 3) rounded half up to the cent`"
        ),
        "{found:#}"
    );
}

#[test]
fn a_level_payment_is_computed_exactly_from_its_formula() {
    // $10,000.00 over 360 months at 0.5% a month: the standard annuity
    // payment P·r·(1+r)^n / ((1+r)^n − 1). By hand (Python's `fractions`):
    // (1.005)^360 = 6.022575212263216..., so 50 × 6.0225752 / 5.0225752
    // = 59.955052... → $59.96 rounded half up.
    let dir = small_agreement(
        "  payment: borrower pays lender ($10,000.00 * 0.5% * (1 + 0.5%) to the power of 360\n      \
         / ((1 + 0.5%) to the power of 360 - 1)) rounded half up to the cent\n    on March 1, 2024\n",
    );
    let text = stdout(&clausec(&["obligations", dir.to_str().unwrap()]));
    assert!(text.contains("      $59.96 · due March 1, 2024"), "{text}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn only_numbers_and_rates_are_raised_to_whole_powers() {
    let dir = small_agreement("  odd: lender pays borrower ($2.00) to the power of 2\n");
    let found = assert_rejected(&dir, "1.clause", "clausec::types::mismatch");
    assert!(
        found["message"]
            .as_str()
            .unwrap()
            .contains("an amount of money cannot be raised to a power"),
        "{found:#}"
    );
    let dir = small_agreement("  odd: lender pays borrower $2.00 * (1.5) to the power of 0.5\n");
    let found = assert_rejected(&dir, "1.clause", "clausec::eval::arithmetic");
    assert!(
        found["message"]
            .as_str()
            .unwrap()
            .contains("`0.5` is not a whole number: a power must be one"),
        "{found:#}"
    );
    // Past what can be carried exactly: refused at once, not computed.
    let dir =
        small_agreement("  odd: lender pays borrower $2.00 * (1.5) to the power of 1000000\n");
    let found = assert_rejected(&dir, "1.clause", "clausec::eval::arithmetic");
    assert!(
        found["message"]
            .as_str()
            .unwrap()
            .contains("is too large to compute exactly"),
        "{found:#}"
    );
}

#[test]
fn the_contract_numbering_not_the_file_names_decides_what_comes_first() {
    // `20.clause` sorts before `4.clause`: a total of clause 4's schedule
    // named in clause 20 was refused as "written after" it.
    let dir = agreement_of(&[
        (
            "agreement.clause",
            "agreement \"Order\"\n  dated January 2, 2025\n\nparty a \"A\"\nparty b \"B\"\n",
        ),
        (
            "4.clause",
            "clause 4 \"Fee\"\n  fee: b pays a $300.00 in 3 equal monthly installments on day 1\n    \
             from February 1, 2025\n",
        ),
        (
            "20.clause",
            "clause 20 \"Damages\"\n  damages: b pays a 3 * the total of fee\n    on June 1, 2025\n",
        ),
    ]);
    let output = clausec(&["obligations", dir.to_str().unwrap()]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    // 3 × ($100.00 × 3) = $900.00.
    assert!(text.contains("$900.00 · due June 1, 2025"), "{text}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn installments_cut_off_by_the_end_of_a_schedule_are_not_paid_on_their_dates() {
    // Under `every payment is made on its due date`, the installments after
    // `remaining installments end on ...` were each given a payment on their
    // due date: "total paid" $1,100.00 for a schedule that ended after three
    // installments of $100.00 ($300.00).
    let dir = agreement_of(&[
        (
            "agreement.clause",
            "agreement \"Fees\"\n  dated January 1, 2025\n\nparty a \"A\"\nparty b \"B\"\n\
             event stop \"the stop\"\n",
        ),
        (
            "1.clause",
            "clause 1 \"Fee\"\n  fee: b pays a $1,200.00 in 12 equal monthly installments on day 1\n    \
             from February 1, 2025\n    remaining installments end on the date of stop\n",
        ),
        (
            "scenarios/base.scenario",
            "scenario base \"Stopped\"\n  as of December 31, 2025\n  stop happened on April 15, 2025\n  \
             every payment is made on its due date\n  expect fee[4] status is ended early\n  \
             expect the total paid by b is $300.00\n",
        ),
    ]);
    let output = clausec(&["check", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let ledger = json(&clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ]));
    let fourth = &ledger["obligations"][3];
    assert_eq!(fourth["status"], "ended_early", "{fourth:#}");
    assert!(fourth["paid_on"].is_null(), "{fourth:#}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_earlier_of_a_past_date_and_an_unrecorded_event_is_the_date() {
    // An event a scenario does not record has not happened by its date, so
    // June 30, 2025, already past, is the earlier; it waited for the sale.
    let dir = agreement_of(&[
        (
            "agreement.clause",
            "agreement \"Restriction\"\n  dated January 1, 2025\n\nparty a \"A\"\nparty b \"B\"\n\
             event sale \"the sale of the company\"\n",
        ),
        (
            "1.clause",
            "clause 1 \"Non-compete\"\n  b must not \"compete\" to a\n    \
             from January 1, 2025 through the earlier of June 30, 2025 and the date of sale\n",
        ),
        (
            "scenarios/base.scenario",
            "scenario base \"No sale\"\n  as of December 31, 2025\n",
        ),
    ]);
    let ledger = json(&clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ]));
    let restriction = &ledger["obligations"][0];
    assert_eq!(restriction["end"], "2025-06-30", "{restriction:#}");
    assert_eq!(restriction["status"], "ended", "{restriction:#}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_fraction_of_a_year_is_exact_under_each_day_count() {
    // January 1 to March 15, 2025: 73 actual days; 74 under 30/360
    // (2 × 30 + 14). $10,000.00 × 5% × 73/365 = $100.00 exactly;
    // × 74/360 = $102.777… → $102.78; × 73/360 = $101.388… → $101.39.
    let dir = small_agreement(
        "  a: borrower pays lender ($10,000.00 * 5% * the fraction of a year from January 1, 2025 to March 15, 2025, actual/365) rounded half up to the cent\n    on March 15, 2025\n  \
         b: borrower pays lender ($10,000.00 * 5% * the fraction of a year from January 1, 2025 to March 15, 2025, 30/360) rounded half up to the cent\n    on March 15, 2025\n  \
         c: borrower pays lender ($10,000.00 * 5% * the fraction of a year from January 1, 2025 to March 15, 2025, actual/360) rounded half up to the cent\n    on March 15, 2025\n",
    );
    let ledger = json(&clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ]));
    let amounts: Vec<&str> = ledger["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["amount"].as_str().unwrap())
        .collect();
    assert_eq!(amounts, ["100.00", "102.78", "101.39"]);
    let text = stdout(&clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--explain",
    ]));
    assert!(
        text.contains("30/360 (74 days ÷ 360) = 0.2055555555555555555555555555…"),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn semi_monthly_schedules_fall_on_their_two_days() {
    // Wages of $2,400.00 in six semi-monthly installments on the 15th and
    // the 31st (the month's last day where it has fewer): $400.00 each on
    // January 15 and 31, February 15 and 28, March 15 and 31, 2025.
    let dir = small_agreement(
        "  wages: lender pays borrower $2,400.00 in 6 equal semi-monthly installments on days 15 and 31\n    \
         from January 15, 2025\n  \
         fee: borrower pays lender $100.00 each half month on days 1 and 15\n    \
         from February 1, 2025 through April 1, 2025\n",
    );
    let ledger = json(&clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ]));
    let due = |base: &str| -> Vec<String> {
        ledger["obligations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["id"].as_str().unwrap().starts_with(base))
            .map(|e| {
                format!(
                    "{} {}",
                    e["due"].as_str().unwrap(),
                    e["amount"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert_eq!(
        due("1.wages["),
        [
            "2025-01-15 400.00",
            "2025-01-31 400.00",
            "2025-02-15 400.00",
            "2025-02-28 400.00",
            "2025-03-15 400.00",
            "2025-03-31 400.00"
        ]
    );
    assert_eq!(
        due("1.fee["),
        [
            "2025-02-01 100.00",
            "2025-02-15 100.00",
            "2025-03-01 100.00",
            "2025-03-15 100.00",
            "2025-04-01 100.00"
        ]
    );
    std::fs::remove_dir_all(&dir).unwrap();
    let dir = small_agreement(
        "  wages: lender pays borrower $2,400.00 in 6 equal semi-monthly installments on day 15\n    \
         from January 15, 2025\n",
    );
    let found = assert_rejected(&dir, "1.clause", "clausec::syntax::impossible_date");
    assert!(
        found["message"]
            .as_str()
            .unwrap()
            .contains("a semi-monthly schedule needs its two days of the month"),
        "{found:#}"
    );
}

#[test]
fn an_undated_agreement_with_no_scenario_names_no_date() {
    // It used to say "status as of January 1, 1970" (and `"as_of":
    // "1970-01-01"` in JSON): a date nobody wrote.
    let dir = agreement_of(&[
        (
            "agreement.clause",
            "agreement \"Undated\"\nparty a \"A\"\nparty b \"B\"\n",
        ),
        (
            "1.clause",
            "clause 1 \"Pay\"\n  a pays b $100.00 on March 1, 2025\n",
        ),
    ]);
    let text = stdout(&clausec(&["obligations", dir.to_str().unwrap()]));
    assert!(
        text.contains("status as of no date (the agreement is undated and no scenario says `as of`: every date is still to come)"),
        "{text}"
    );
    assert!(!text.contains("1970"), "{text}");
    let ledger = json(&clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ]));
    assert!(ledger["as_of"].is_null(), "{ledger}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// $1,000.00 due on `due`, with a grace period of 5 business days (weekends
/// and United States federal holidays excluded) and a late fee of 5%.
fn business_day_grace(due: &str, scenario: &str) -> std::path::PathBuf {
    agreement_of(&[
        (
            "agreement.clause",
            "agreement \"Note\" dated January 2, 2025\nparty a \"A\"\nparty b \"B\"\n\
             business days exclude Saturdays, Sundays and United States federal holidays\n",
        ),
        (
            "1.clause",
            &format!(
                "clause 1 \"Pay\"\n  fee: a pays b $1,000.00 on {due}\n    \
                 grace period 5 business days\n    late fee 5% of the installment\n"
            ),
        ),
        ("scenarios/base.scenario", scenario),
    ])
}

#[test]
fn a_grace_period_in_business_days_charges_its_late_fee() {
    // A grace period of 5 business days used to give no grace end at all,
    // so the late fee was never charged, silently. $1,000.00 due Friday,
    // January 31, 2025; 5 business days later is Friday, February 7
    // (February 3–7, no federal holiday). Paid February 7: in time, no fee.
    // Paid Monday, February 10: late, fee 5% × $1,000.00 = $50.00.
    let fee_when_paid = |on: &str| {
        let dir = business_day_grace(
            "January 31, 2025",
            &format!("scenario base \"Paid\"\n  as of March 31, 2025\n  a paid b $1,000.00 on {on} for fee\n"),
        );
        let ledger = json(&clausec(&[
            "obligations",
            dir.to_str().unwrap(),
            "--format",
            "json",
        ]));
        std::fs::remove_dir_all(&dir).unwrap();
        let remedies = ledger["obligations"][0]["remedies"]
            .as_array()
            .unwrap()
            .clone();
        remedies
            .iter()
            .map(|r| r["amount"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(fee_when_paid("February 7, 2025"), Vec::<String>::new());
    assert_eq!(fee_when_paid("February 10, 2025"), ["50.00"]);
}

#[test]
fn a_grace_period_in_business_days_is_a_calendar_event_and_shown_on_the_page() {
    // The calendar and the page used to read the grace period back from the
    // term's words, which they could count only in calendar units: a grace
    // period in business days had no event. $1,000.00 due Friday, May 23,
    // 2025; Monday, May 26 is Memorial Day, so 5 business days later are
    // May 27, 28, 29, 30 and Monday, June 2.
    let dir = business_day_grace(
        "May 23, 2025",
        "scenario base \"Not paid yet\"\n  as of May 1, 2025\n",
    );
    let folder = dir.to_str().unwrap();
    let ics = stdout(&clausec(&["obligations", folder, "--format", "ics"]));
    let grace = ics
        .split("BEGIN:VEVENT")
        .find(|event| event.contains("last day of grace"))
        .unwrap_or_else(|| panic!("no grace event in {ics}"));
    assert!(grace.contains("DTSTART;VALUE=DATE:20250602"), "{grace}");
    let page = stdout(&clausec(&["obligations", folder, "--format", "html"]));
    assert!(page.contains("grace to June 2, 2025"), "{page}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn explain_shows_how_a_date_counted_from_an_event_was_reached() {
    // `--explain` used to show how amounts were reached but not dates: a
    // deadline counted from an event read as a bare date. Delivery on
    // Tuesday, May 20, 2025; the last day of that month is May 31; ten days
    // after it, June 10, 2025. The inner step is shown with its own date.
    let dir = agreement_of(&[
        (
            "agreement.clause",
            "agreement \"Sale\" dated May 1, 2025\nparty buyer \"B\"\nparty seller \"S\"\nevent delivery \"the goods are delivered\"\n",
        ),
        (
            "1.clause",
            "clause 1 \"Price\"\n  price: buyer pays seller $500.00 on 10 days after the last day of the month of the date of delivery\n",
        ),
        (
            "scenarios/base.scenario",
            "scenario base \"Delivered\"\n  as of June 30, 2025\n  delivery happened on May 20, 2025\n",
        ),
    ]);
    let text = stdout(&clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--explain",
    ]));
    assert!(
        text.contains(
            "= June 10, 2025 = 10 days after (the last day of the month of the date of delivery (May 20, 2025) = May 31, 2025) (clause 1)"
        ),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_problem_of_the_text_alone_names_no_scenario() {
    // With no scenario, the evaluator's problems said "under scenario
    // `none`": a scenario nobody wrote. $1.00 in 60 equal installments,
    // each rounded half up: 1.00 / 60 = 0.0166..., $0.02; 59 × $0.02 =
    // $1.18, so the last would be -$0.18.
    let dir = agreement_of(&[(
        "agreement.clause",
        "agreement \"A\" dated June 6, 2002\nparty company \"C\"\nparty employee \"E\"\n\nclause 1 \"Pay\"\n  p: company pays employee $1.00\n    in 60 equal monthly installments on day 1\n    from January 1, 2003\n    rounded half up to the cent\n",
    )]);
    let output = clausec(&["check", dir.to_str().unwrap()]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("leaves -$0.18"), "{text}");
    assert!(!text.contains("scenario `none`"), "{text}");
    std::fs::remove_dir_all(&dir).unwrap();
}
