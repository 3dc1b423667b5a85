//! The checks over money that the text alone decides (issue 15, item 9),
//! through the real binary: a limit never reached or always applied
//! (`limit_never_binds`, `limit_always_binds`), a total the quote states
//! against its schedule (`total_mismatch`), money written in words with its
//! cents (`number_words`). Each figure is worked out by hand in a comment.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use serde_json::Value;

/// An agreement of one clause with `obligations` (and `quote`, if any) and
/// the scenarios given as `(name, facts)`.
fn agreement(
    quote: Option<&str>,
    obligations: &str,
    scenarios: &[(&str, &str)],
) -> std::path::PathBuf {
    let quote = quote.map_or(String::new(), |q| format!("  quote \"{q}\"\n"));
    let mut files = vec![
        (
            "agreement.clause".to_owned(),
            "agreement \"Services\"\n  dated January 1, 2025\n\n\
             party client \"Client\"\nparty consultant \"Consultant\"\n\
             fact hours is number \"the hours worked\"\n\
             fact fee is money \"a fee\"\n"
                .to_owned(),
        ),
        (
            "1.clause".to_owned(),
            format!("clause 1 \"Fees\"\n{quote}{obligations}"),
        ),
    ];
    for (name, facts) in scenarios {
        files.push((
            format!("scenarios/{name}.scenario"),
            format!("scenario {name} \"{name}\"\n  as of December 31, 2026\n{facts}"),
        ));
    }
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    agreement_of(&borrowed)
}

/// The codes `check --format json` reports, with their messages.
fn findings(dir: &std::path::Path) -> Vec<(String, String)> {
    let report = json(&clausec(&[
        "check",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ]));
    let list = match &report {
        Value::Array(list) => list.clone(),
        other => other["diagnostics"].as_array().cloned().unwrap_or_default(),
    };
    list.iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_owned(),
                d["message"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

/// The codes found, but `figure_not_quoted` (the scratch quotes hold only
/// the words each test is about, not every date of the rule).
fn codes(findings: &[(String, String)]) -> Vec<&str> {
    findings
        .iter()
        .map(|(c, _)| c.as_str())
        .filter(|c| *c != "clausec::check::figure_not_quoted")
        .collect()
}

#[test]
fn a_limit_over_a_fact_is_left_to_the_scenarios_even_when_every_scenario_agrees() {
    // Both scenarios give 10 hours (10 × $150.00 = $1,500.00, far below the
    // limit), but another number of hours could reach it: no finding.
    let dir = agreement(
        None,
        "  report: client pays consultant hours * $150.00\n    not to exceed $10,000.00\n    on March 1, 2025\n\
         \x20 extra: client pays consultant $12,000.00 + fee\n    not to exceed $10,000.00\n    on March 1, 2025\n",
        &[("base", "  fact hours is 10\n  fact fee is $0.00\n"), ("other", "  fact hours is 10\n  fact fee is $0.00\n")],
    );
    let found = findings(&dir);
    assert!(
        !codes(&found).iter().any(|c| c.contains("limit_")),
        "{found:#?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_limit_the_written_figures_always_apply_is_reported_once_not_per_scenario() {
    let dir = agreement(
        None,
        "  refund: client pays consultant $12,000.00\n    not to exceed $10,000.00\n    on March 1, 2025\n",
        &[("base", ""), ("other", "")],
    );
    let found = findings(&dir);
    assert_eq!(
        codes(&found),
        ["clausec::check::limit_always_binds"],
        "{found:#?}"
    );
    assert_eq!(
        found[0].1,
        "the limit of $10,000.00 always applies: the amount is $12,000.00, so the amount as written is never paid"
    );
    // The ledger still pays the limit.
    let ledger = json(&clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ]));
    assert_eq!(ledger["obligations"][0]["amount"], "10000.00", "{ledger:#}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn cases_and_choices_bound_an_amount_that_depends_on_a_fact() {
    // ($400.00 or $450.00) is at most $450.00, below a minimum of $500.00;
    // the greater of (any fee) and $600.00 is at least $600.00, above it.
    let dir = agreement(
        None,
        "  low: client pays consultant ($400.00 if hours > 10, otherwise $450.00)\n    not less than $500.00\n    on March 1, 2025\n\
         \x20 high: client pays consultant the greater of fee and $600.00\n    not less than $500.00\n    on March 1, 2025\n",
        &[],
    );
    let found = findings(&dir);
    assert_eq!(
        codes(&found),
        [
            "clausec::check::limit_always_binds",
            "clausec::check::limit_never_binds"
        ],
        "{found:#?}"
    );
    assert!(found[0].1.contains("is at most $450.00"), "{found:#?}");
    assert!(found[1].1.contains("is at least $600.00"), "{found:#?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_aggregate_limit_counts_abated_months_and_says_nothing_when_it_is_exactly_met() {
    // January to December 2025, January and February abated: 10 payments
    // of $1,000.00 = $10,000.00, exactly the limit: nothing is cut, and
    // the limit is reached, so neither finding.
    let schedule = |limit: &str| {
        format!(
            "  rent: client pays consultant $1,000.00\n    each month on day 1\n    from January 1, 2025 through December 1, 2025\n    \
             abated from January 1, 2025 through February 28, 2025\n    in aggregate not to exceed {limit}\n"
        )
    };
    let dir = agreement(None, &schedule("$10,000.00"), &[]);
    let found = findings(&dir);
    assert!(found.is_empty(), "{found:#?}");
    std::fs::remove_dir_all(&dir).unwrap();
    // $9,999.00: March to November take 9 × $1,000.00 = $9,000.00, $999.00
    // is left, and December's $1,000.00 is the first payment cut.
    let dir = agreement(None, &schedule("$9,999.00"), &[]);
    let found = findings(&dir);
    assert_eq!(
        codes(&found),
        ["clausec::check::limit_always_binds"],
        "{found:#?}"
    );
    assert_eq!(
        found[0].1,
        "the aggregate limit of $9,999.00 is always reached: the 10 payments not abated of 12 of $1,000.00 come to $10,000.00: the payment due December 1, 2025 is the first cut"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_aggregate_limit_over_an_escalating_amount_is_left_to_the_ledger() {
    // The ledger computes escalated amounts; this check does not, so it
    // says nothing either way.
    let dir = agreement(
        None,
        "  rent: client pays consultant $1,000.00\n    each month on day 1\n    from January 1, 2025 through December 1, 2027\n    \
         increasing each year to 103% of the preceding year's amount, rounded half up to the cent\n    \
         in aggregate not to exceed $1,000.00\n",
        &[],
    );
    let found = findings(&dir);
    assert!(found.is_empty(), "{found:#?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_total_stated_for_a_schedule_is_held_against_what_it_comes_to() {
    // The text's own figures disagree: 12 × $2,600.00 = $31,200.00, not
    // $30,000.00. Encoded as the schedule says, the total is reported.
    let text = "Client shall pay Consultant $30,000.00 in twelve (12) monthly installments of $2,600.00 each";
    let schedule = "  fees: client pays consultant $2,600.00 * 12\n    in twelve (12) equal monthly installments of $2,600.00 on day 1\n    from February 1, 2025\n";
    let dir = agreement(Some(text), schedule, &[]);
    let found = findings(&dir);
    assert_eq!(
        codes(&found),
        ["clausec::check::total_mismatch"],
        "{found:#?}"
    );
    assert_eq!(
        found[0].1,
        "the text states a total of $30,000.00 (`$30,000.00`) for 12 installments, but the schedule's total `$2,600.00 * 12` comes to $31,200.00"
    );
    std::fs::remove_dir_all(&dir).unwrap();
    // 12 × $2,500.00 = $30,000.00: they agree.
    let agreeing = text.replace("$2,600.00", "$2,500.00");
    let dir = agreement(
        Some(&agreeing),
        &schedule.replace("$2,600.00", "$2,500.00"),
        &[],
    );
    let found = findings(&dir);
    assert!(codes(&found).is_empty(), "{found:#?}");
    std::fs::remove_dir_all(&dir).unwrap();
    // A schedule of another count than the phrase's: not its total.
    let dir = agreement(
        Some(text),
        "  fees: client pays consultant $2,600.00 * 10\n    in ten (10) equal monthly installments on day 1\n    from February 1, 2025\n",
        &[],
    );
    let found = findings(&dir);
    assert!(
        !codes(&found).contains(&"clausec::check::total_mismatch"),
        "{found:#?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_total_is_held_only_against_the_schedule_its_phrase_names() {
    // The rent's phrase states its installment ($2,000.00, and 12 ×
    // $2,000.00 = $24,000.00); the charges of $1,200.00 a month, twelve of
    // them too ($14,400.00), are another schedule, not a mismatch.
    let text = "Tenant shall pay base rent of $24,000.00, payable in twelve (12) monthly installments of $2,000.00 each, and charges of $1,200.00 on the first day of each month";
    let dir = agreement(
        Some(text),
        "  charges: client pays consultant $1,200.00\n    each month on day 1\n    from February 1, 2025 through January 1, 2026\n",
        &[],
    );
    let found = findings(&dir);
    assert!(
        !codes(&found).contains(&"clausec::check::total_mismatch"),
        "{found:#?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
    // Installments of the wrong total with a stated installment that does
    // not make it are `installment_sum`'s: one report, not two.
    let dir = agreement(
        Some("Client shall pay Consultant $30,000.00 in twelve (12) monthly installments of $2,500.00 each"),
        "  fees: client pays consultant $2,600.00 * 12\n    in twelve (12) equal monthly installments of $2,500.00 on day 1\n    from February 1, 2025\n",
        &[],
    );
    let found = findings(&dir);
    assert_eq!(
        codes(&found),
        ["clausec::check::installment_sum"],
        "{found:#?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_total_written_as_one_figure_with_the_balance_on_the_last_installment_is_not_a_mismatch() {
    // The text fixes 35 installments of $1,000.00 and leaves the balance
    // ($500.00) to the last: the schedule sums to $35,500.00, the total.
    let text = "Borrower shall repay $35,500.00 in thirty-six (36) monthly installments of \
                $1,000.00, the last installment being the remaining balance.";
    let dir = agreement(
        Some(text),
        "  principal: client pays consultant $35,500.00\n    in thirty-six (36) equal monthly installments of $1,000.00 on day 1\n    \
         from February 1, 2025\n    remainder on the last installment\n",
        &[("base", "")],
    );
    let found = findings(&dir);
    assert!(
        !codes(&found).contains(&"clausec::check::total_mismatch"),
        "{found:#?}"
    );
    assert!(
        !codes(&found).contains(&"clausec::check::installment_sum"),
        "{found:#?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn money_in_words_with_its_cents_is_held_against_its_numerals() {
    // Thirty Thousand and No/100 Dollars is $30,000.00, not $3,000.00; Two
    // Hundred Dollars and Fifty Cents is $200.50, as written.
    let text = "Client shall pay Thirty Thousand and No/100 Dollars ($3,000.00) and Two Hundred Dollars and Fifty Cents ($200.50).";
    let dir = agreement(Some(text), "", &[]);
    let found = findings(&dir);
    assert_eq!(
        codes(&found),
        ["clausec::check::number_words"],
        "{found:#?}"
    );
    assert_eq!(
        found[0].1,
        "the text writes `Thirty Thousand and No/100 Dollars ($3,000.00)`: the words say $30,000.00, the numerals say $3,000.00"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn money_in_words_is_read_in_every_currency_and_its_currency_compared() {
    // One Thousand Euros is €1,000.00, not €1,100.00. Four Hundred Pounds
    // and Fifty Pence is £400.50, as written; Two Thousand Swiss Francs is
    // CHF 2,000.00, as written. Five Hundred Euros ($500.00): the same
    // figure in another currency. Before, words in euros, pounds or francs
    // were never read.
    let text = "Client shall pay One Thousand Euros (€1,100.00), Four Hundred Pounds and Fifty Pence (£400.50), Two Thousand Swiss Francs (CHF 2,000.00) and Five Hundred Euros ($500.00).";
    let dir = agreement(Some(text), "", &[]);
    let found = findings(&dir);
    assert_eq!(
        codes(&found),
        [
            "clausec::check::number_words",
            "clausec::check::number_words"
        ],
        "{found:#?}"
    );
    assert_eq!(
        found[0].1,
        "the text writes `One Thousand Euros (€1,100.00)`: the words say €1,000.00, the numerals say €1,100.00"
    );
    assert_eq!(
        found[1].1,
        "the text writes `Five Hundred Euros ($500.00)`: the words say €500.00, the numerals say $500.00"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_schedule_that_runs_past_the_calendar_says_so_not_that_it_has_too_many_dates() {
    // Twelve monthly periods, the last from December 1, 9999 to the day
    // before January 1, 10000: a month covered in part that ends past the
    // calendar. It was reported as "more than 100,000 dated instances, or
    // run past the year 9999"; it has twelve.
    let dir = agreement(
        None,
        "  fees: client pays consultant $1,000.00\n    each month on day 1\n    \
         from January 15, 9999 through December 20, 9999\n    prorated by days\n",
        &[("base", "")],
    );
    let found = assert_rejected(&dir, "1.clause", "clausec::eval::too_many_instances");
    assert_eq!(
        found["message"],
        "this schedule would run past the year 9999"
    );
}

#[test]
fn a_negative_amount_due_each_period_is_an_error() {
    // $1,000.00 − $1,500.00 = −$500.00 each month: the ledger used to print
    // three payments of −$500.00 and a total of −$1,500.00 with no finding.
    let dir = agreement(
        None,
        "  fees: client pays consultant $1,000.00 - fee\n    each month on day 1\n    from January 1, 2025 through March 1, 2025\n",
        &[("base", "  fact fee is $1,500.00\n")],
    );
    let found = assert_rejected(&dir, "1.clause", "clausec::eval::arithmetic");
    assert_eq!(
        found["message"],
        "under scenario `base`, `$1,000.00 - fee` comes to -$500.00: an amount to pay cannot be negative"
    );
    // The same as a rent table's step, from February on.
    let dir = agreement(
        None,
        "  fees: client pays consultant $1,000.00\n    each month on day 1\n    from January 1, 2025 through March 1, 2025\n    \
         becoming $1,000.00 - fee from February 1, 2025\n",
        &[("base", "  fact fee is $1,500.00\n")],
    );
    let found = assert_rejected(&dir, "1.clause", "clausec::eval::arithmetic");
    assert_eq!(
        found["message"],
        "under scenario `base`, `$1,000.00 - fee` comes to -$500.00: an amount to pay cannot be negative"
    );
}

#[test]
fn an_aggregate_limit_over_rent_steps_or_prorated_months_is_left_to_the_ledger() {
    // Steps: 6 × $1,000.00 + 6 × $2,000.00 = $18,000.00 is cut by a limit
    // of $13,000.00; read as twelve payments of $1,000.00 ($12,000.00) the
    // limit would wrongly look never reached.
    let dir = agreement(
        None,
        "  rent: client pays consultant $1,000.00\n    each month on day 1\n    from January 1, 2025 through December 1, 2025\n    \
         becoming $2,000.00 from July 1, 2025\n    in aggregate not to exceed $13,000.00\n",
        &[],
    );
    let found = findings(&dir);
    assert!(found.is_empty(), "{found:#?}");
    std::fs::remove_dir_all(&dir).unwrap();
    // Prorated: March 15 – 31 is 17/31 of $9,000.00 = $4,935.48, April to
    // August 5 × $9,000.00, September 1 – 20 is 20/30 = $6,000.00: in all
    // $55,935.48, cut by $55,000.00; six payments of $9,000.00 would be
    // $54,000.00 and the limit would wrongly look never reached.
    let dir = agreement(
        None,
        "  rent: client pays consultant $9,000.00\n    each month on day 1\n    from March 15, 2025 through September 20, 2025\n    \
         prorated by days\n    in aggregate not to exceed $55,000.00\n",
        &[],
    );
    let found = findings(&dir);
    assert!(found.is_empty(), "{found:#?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_limit_on_an_amount_due_each_period_is_refused_not_ignored() {
    // `not to exceed $1,000.00` on $1,500.00 each month: the ledger used to
    // print six payments of $1,500.00 under the term, as if it were not
    // there.
    let dir = agreement(
        None,
        "  fees: client pays consultant $1,500.00\n    each month on day 1\n    from January 1, 2025 through June 1, 2025\n    not to exceed $1,000.00\n",
        &[("base", "")],
    );
    let found = assert_rejected(&dir, "1.clause", "clausec::types::mismatch");
    assert_eq!(
        found["message"],
        "`not to exceed` cannot be stated on an amount due each period"
    );
    assert!(
        found["help"]
            .as_str()
            .unwrap()
            .contains("`in aggregate not to exceed $1,000.00`"),
        "{found:#}"
    );
    // Interest on a schedule's balance, $160.17 and more a month, was paid
    // in full under `not to exceed $10.00` too.
    let dir = agreement(
        None,
        "  principal: client pays consultant $24,000.00\n    in six (6) equal monthly installments of $4,000.00 on day 15\n    \
         from February 15, 2025 through July 15, 2025\n  \
         interest_payments: client pays consultant interest on the unpaid balance of principal at 7.75% per annum, actual/360\n    \
         from January 15, 2025\n    not to exceed $10.00\n",
        &[("base", "")],
    );
    let found = assert_rejected(&dir, "1.clause", "clausec::types::mismatch");
    assert_eq!(
        found["message"],
        "`not to exceed` cannot be stated on interest on a schedule's balance"
    );
}

/// An agreement of one clause in another currency than dollars: a money
/// fact `fee` declared in `code`, and `obligations` (with `quote`).
fn agreement_in(code: &str, quote: &str, obligations: &str) -> std::path::PathBuf {
    agreement_of(&[
        (
            "agreement.clause",
            &format!(
                "agreement \"Services\"\n  dated January 1, 2025\n\n\
                 party client \"Client\"\nparty consultant \"Consultant\"\n\
                 fact fee is money in {code} \"a fee\"\n"
            ),
        ),
        (
            "1.clause",
            &format!("clause 1 \"Fees\"\n  quote \"{quote}\"\n{obligations}"),
        ),
    ])
}

#[test]
fn checks_over_euros_speak_euros() {
    // Every bound these checks compute, not only the figures written, is
    // shown in the money's own currency (they were shown in dollars).
    let quote = "Client shall pay Consultant €30,000.00 in twelve (12) monthly installments of €2,600.00 each";
    let dir = agreement_in(
        "EUR",
        quote,
        // `report`: €4,000.00 × 2 = €8,000.00, below the limit of €10,000.00.
        // `refund`: the limit €5,000.00 × 2 = €10,000.00, below €12,000.00.
        // `high`: the greater of any fee and €600.00 is at least €600.00,
        //   above the minimum of EUR 500.00.
        // `rent`: twelve payments of EUR 1,000.00 (January to December) =
        //   €12,000.00, above €9,999.00; January to September take 9 ×
        //   €1,000.00 = €9,000.00, €999.00 is left, so October 1's is cut.
        // `fees`: 12 × €2,600.00 = €31,200.00, not the quote's €30,000.00.
        "  report: client pays consultant €4,000.00 * 2\n    not to exceed €10,000.00\n    on March 1, 2025\n\
         \x20 refund: client pays consultant €12,000.00\n    not to exceed €5,000.00 * 2\n    on March 1, 2025\n\
         \x20 high: client pays consultant the greater of fee and €600.00\n    not less than EUR 500.00\n    on March 1, 2025\n\
         \x20 rent: client pays consultant EUR 1,000.00\n    each month on day 1\n    from January 1, 2025 through December 1, 2025\n    \
         in aggregate not to exceed €9,999.00\n\
         \x20 fees: client pays consultant €2,600.00 * 12\n    in twelve (12) equal monthly installments of €2,600.00 on day 1\n    \
         from February 1, 2025\n",
    );
    let found = findings(&dir);
    let checks: Vec<&(String, String)> = found
        .iter()
        .filter(|(c, _)| c != "clausec::check::figure_not_quoted")
        .collect();
    let expected = [
        (
            "clausec::check::total_mismatch",
            "the text states a total of €30,000.00 (`€30,000.00`) for 12 installments, but the schedule's total `€2,600.00 * 12` comes to €31,200.00",
        ),
        (
            "clausec::check::limit_never_binds",
            "the limit of €10,000.00 is never reached: `€4,000.00 * 2` comes to €8,000.00",
        ),
        (
            "clausec::check::limit_always_binds",
            "the limit of €10,000.00 always applies: the amount is €12,000.00, so the amount as written is never paid",
        ),
        (
            "clausec::check::limit_never_binds",
            "the minimum of €500.00 never applies: `the greater of fee and €600.00` is at least €600.00",
        ),
        (
            "clausec::check::limit_always_binds",
            "the aggregate limit of €9,999.00 is always reached: the 12 payments of €1,000.00 come to €12,000.00: the payment due October 1, 2025 is the first cut",
        ),
    ];
    let checks: Vec<(&str, &str)> = checks
        .iter()
        .map(|(c, m)| (c.as_str(), m.as_str()))
        .collect();
    assert_eq!(checks, expected);
    // The text report too, labels included (`comes to €31,200.00` under the
    // schedule's total): not one dollar sign.
    let text = stdout(&clausec(&["check", dir.to_str().unwrap()]));
    assert!(text.contains("comes to €31,200.00"), "{text}");
    assert!(!text.contains('$'), "{text}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn checks_over_pounds_and_other_codes_speak_their_currency() {
    // £400.00 × 3 = £1,200.00, above a limit of £1,000.00; CHF 250.00 × 4 =
    // CHF 1,000.00, below a limit of CHF 1,500.00 (a currency written as its
    // code is shown with it).
    let dir = agreement_in(
        "GBP",
        "Client shall pay Consultant £400.00 for each of three months",
        "  pounds: client pays consultant £400.00 * 3\n    not to exceed £1,000.00\n    on March 1, 2025\n\
         \x20 francs: client pays consultant CHF 250.00 * 4\n    not to exceed CHF 1,500.00\n    on March 1, 2025\n",
    );
    let found = findings(&dir);
    let messages: Vec<&str> = found
        .iter()
        .filter(|(c, _)| c.contains("limit_"))
        .map(|(_, m)| m.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "the limit of £1,000.00 always applies: `£400.00 * 3` comes to £1,200.00, so the amount as written is never paid",
            "the limit of CHF 1,500.00 is never reached: `CHF 250.00 * 4` comes to CHF 1,000.00",
        ]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_ratio_of_two_amounts_takes_no_currency_of_its_own() {
    // €10.00 / €5.00 is the number 2, in no currency; 2 × $3.00 = $6.00,
    // above a limit of $5.00: the amount is in dollars, and so is every
    // figure of the warning (the first amount written is in euros).
    let dir = agreement_in(
        "EUR",
        "Client shall pay Consultant twice $3.00",
        "  ratio: client pays consultant (€10.00 / €5.00) * $3.00\n    not to exceed $5.00\n    on March 1, 2025\n",
    );
    let found = findings(&dir);
    let messages: Vec<&str> = found
        .iter()
        .filter(|(c, _)| c.contains("limit_"))
        .map(|(_, m)| m.as_str())
        .collect();
    assert_eq!(
        messages,
        ["the limit of $5.00 always applies: `(€10.00 / €5.00) * $3.00` comes to $6.00, so the amount as written is never paid"]
    );
    // The ledger agrees with the check: capped at $5.00, in dollars (it
    // used to take the first amount's currency and say euros).
    let ledger = json(&clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ]));
    let entry = &ledger["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "1.ratio")
        .unwrap()
        .clone();
    assert_eq!(
        (&entry["amount"], &entry["currency"]),
        (&Value::from("5.00"), &Value::from("USD")),
        "{entry}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
