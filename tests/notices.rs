//! Issue 20, item 1: a notice answers the one notice duty it names (by
//! label, or by being the only one it could be), never every notice between
//! the same two parties. Each test is re-run from the description
//! through the real binary, and failed on the code before the fix.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

const LEASE: &str = "clauses/kestrel-press-lease";

/// An agreement between `a` and `b` whose clause 1 holds `duties`, with a
/// `base` scenario as of June 30, 2027 (every duty's date past) holding
/// `events`.
fn agreement(duties: &str, events: &str) -> PathBuf {
    agreement_of(&[
        (
            "agreement.clause",
            "agreement \"Reports\"\n  dated January 2, 2025\n\nparty a \"Ames Ltd\"\nparty b \"Bell Inc\"\n",
        ),
        ("1.clause", &format!("clause 1 \"Reports\"\n{duties}")),
        (
            "scenarios/base.scenario",
            &format!("scenario base \"Base\"\n  as of June 30, 2027\n{events}"),
        ),
    ])
}

/// The status of the obligation `id` in a JSON ledger.
fn status<'a>(ledger: &'a Value, id: &str) -> &'a str {
    ledger["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {ledger:#}"))["status"]
        .as_str()
        .unwrap()
}

/// `q1` to `q8`: eight quarterly reports in the same words, due at the end
/// of each quarter of 2025 and 2026.
fn eight_quarterly_reports() -> String {
    let ends = [
        "March 31, 2025",
        "June 30, 2025",
        "September 30, 2025",
        "December 31, 2025",
        "March 31, 2026",
        "June 30, 2026",
        "September 30, 2026",
        "December 31, 2026",
    ];
    ends.iter()
        .enumerate()
        .map(|(k, end)| {
            format!(
                "  q{}: a notifies b of \"the quarterly report\"\n    by {end}\n",
                k + 1
            )
        })
        .collect()
}

#[test]
fn one_report_meets_only_the_duty_it_repeats_the_words_of() {
    // Both duties used to be `met` by the one notice of "report one".
    let dir = agreement(
        "  n1: a notifies b of \"report one\"\n    by January 31, 2025\n  \
         n2: a notifies b of \"report two\"\n    by February 28, 2025\n",
        "  a notified b on January 15, 2025 \"report one\"\n",
    );
    let ledger = ledger(&dir, "base");
    assert_eq!(status(&ledger, "1.n1"), "met", "{ledger:#}");
    assert_eq!(status(&ledger, "1.n2"), "missed", "{ledger:#}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn one_report_named_by_its_label_meets_that_duty_only() {
    let dir = agreement(
        "  n1: a notifies b of \"report one\"\n    by January 31, 2025\n  \
         n2: a notifies b of \"report two\"\n    by February 28, 2025\n",
        "  a notified b on January 15, 2025 \"the January report\" for n2\n",
    );
    let ledger = ledger(&dir, "base");
    assert_eq!(status(&ledger, "1.n1"), "missed", "{ledger:#}");
    assert_eq!(status(&ledger, "1.n2"), "met", "{ledger:#}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn one_notice_does_not_meet_eight_quarterly_reports() {
    // All eight used to be `met` by the first quarter's report.
    let dir = agreement(
        &eight_quarterly_reports(),
        "  a notified b on March 20, 2025 \"the quarterly report\" for q1\n",
    );
    let ledger = ledger(&dir, "base");
    assert_eq!(status(&ledger, "1.q1"), "met", "{ledger:#}");
    for k in 2..=8 {
        assert_eq!(status(&ledger, &format!("1.q{k}")), "missed", "{ledger:#}");
    }
    let notes: usize = ledger["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["notes"].to_string().contains("notice given on"))
        .count();
    assert_eq!(notes, 1, "{ledger:#}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_quarterly_report_that_names_no_quarter_is_an_error() {
    let dir = agreement(
        &eight_quarterly_reports(),
        "  a notified b on March 20, 2025 \"the quarterly report\"\n",
    );
    let found = assert_rejected(&dir, "base.scenario", "clausec::scenario::ambiguous_event");
    let message = found["message"].as_str().unwrap();
    for k in 1..=8 {
        assert!(message.contains(&format!("`q{k}` (clause 1)")), "{found:#}");
    }
}

#[test]
fn the_lease_election_notice_is_not_a_notice_of_loss() {
    // The election notice of `purchase_option` used to mark `6.loss_notice`
    // met as well.
    let ledger = ledger(Path::new(LEASE), "purchase_option");
    assert_eq!(status(&ledger, "7.election_notice"), "met", "{ledger:#}");
    assert_eq!(status(&ledger, "6.loss_notice"), "in_force", "{ledger:#}");
}

#[test]
fn the_lease_election_notice_without_its_label_is_ambiguous() {
    let dir = scratch_dir();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join(LEASE), &dir);
    edit(
        &dir,
        "scenarios/purchase-option.scenario",
        " for election_notice",
        "",
    );
    let output = clausec(&["check", dir.to_str().unwrap()]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("clausec::scenario::ambiguous_event"),
        "{text}"
    );
    assert!(text.contains("purchase-option.scenario:9:3"), "{text}");
    assert!(
        text.contains("could answer `loss_notice` (clause 6) or"),
        "{text}"
    );
    assert!(text.contains("`election_notice` (clause 7)"), "{text}");
    assert!(
        text.contains("help: say which duty this notice answers"),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_misspelt_notice_label_is_an_unknown_name_with_a_suggestion() {
    let dir = agreement(
        "  report: a notifies b of \"the report\"\n    by January 31, 2025\n  \
         fee: a pays b $100.00\n    on January 31, 2025\n",
        "  a notified b on January 15, 2025 \"the report\" for reprot\n",
    );
    let found = assert_rejected(&dir, "base.scenario", "clausec::resolve::unknown_name");
    assert_eq!(found["message"], "there is no notice duty named `reprot`");
    let text = found.to_string();
    assert!(text.contains("did you mean `report`?"), "{found:#}");
}

#[test]
fn a_label_of_a_payment_names_no_notice_duty() {
    let dir = agreement(
        "  report: a notifies b of \"the report\"\n    by January 31, 2025\n  \
         fee: a pays b $100.00\n    on January 31, 2025\n",
        "  a notified b on January 15, 2025 \"the fee\" for fee\n",
    );
    let found = assert_rejected(&dir, "base.scenario", "clausec::resolve::unknown_name");
    assert_eq!(found["message"], "there is no notice duty named `fee`");
}

#[test]
fn a_notice_given_the_wrong_way_round_is_an_error() {
    // Named: the duty is owed by `a` to `b`.
    let dir = agreement(
        "  report: a notifies b of \"the report\"\n    by January 31, 2025\n",
        "  b notified a on January 15, 2025 \"the report\" for report\n",
    );
    let found = assert_rejected(
        &dir,
        "base.scenario",
        "clausec::scenario::unknown_obligation",
    );
    assert_eq!(
        found["message"],
        "`report` is a notice from `a` to `b`, but this notice is from `b` to `a`"
    );
    // Unnamed: `b` owes `a` no notice at all. This used to be ignored.
    let dir = agreement(
        "  report: a notifies b of \"the report\"\n    by January 31, 2025\n",
        "  b notified a on January 15, 2025 \"the report\"\n",
    );
    let found = assert_rejected(
        &dir,
        "base.scenario",
        "clausec::scenario::unknown_obligation",
    );
    assert_eq!(
        found["message"],
        "no clause requires a notice from `b` to `a`"
    );
}
