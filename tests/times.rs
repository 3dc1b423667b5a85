//! Issue 14, item 5: deadlines at a time of day in a zone (`by 5:00 p.m.
//! Pacific Time on March 10, 2025`) on notices, payments and performances
//! met by an event, against what a scenario records with its own time and
//! zone. Every expected status is worked by hand below from the zones'
//! offsets on the day (US daylight saving time began March 9, 2025 and
//! ends November 2, 2025; the United Kingdom's began March 30, 2025), never
//! read from clausec's output.

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

/// An agreement between `buyer` and `supplier` (business days: weekends
/// and United States federal holidays) whose clause 1 holds `duties`, and a
/// `base` scenario as of December 31, 2025 holding `events`.
fn agreement(duties: &str, events: &str) -> PathBuf {
    agreement_of(&[
        (
            "agreement.clause",
            "agreement \"Supply terms\"\n  dated March 1, 2025\n\n\
             party buyer \"Delmont Fabrication Inc.\"\nparty supplier \"Harrow Machine Works LLC\"\n\
             event delivery \"the supplier delivers\"\nevent force_majeure \"a force majeure event begins\"\n\
             business days exclude Saturdays, Sundays and United States federal holidays\n",
        ),
        ("1.clause", &format!("clause 1 \"Terms\"\n{duties}")),
        (
            "scenarios/base.scenario",
            &format!("scenario base \"Base\"\n  as of December 31, 2025\n{events}"),
        ),
    ])
}

fn run(dir: &Path, format: &str) -> String {
    let output = clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--scenario",
        "base",
        "--format",
        format,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    stdout(&output)
}

fn ledger(dir: &Path) -> Value {
    serde_json::from_str(&run(dir, "json")).unwrap()
}

fn entry<'a>(ledger: &'a Value, id: &str) -> &'a Value {
    ledger["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {ledger:#}"))
}

fn status<'a>(ledger: &'a Value, id: &str) -> &'a str {
    entry(ledger, id)["status"].as_str().unwrap()
}

fn notes(ledger: &Value, id: &str) -> String {
    entry(ledger, id)["notes"].to_string()
}

#[test]
fn a_notice_by_five_pacific_after_daylight_saving_time_began() {
    // March 10, 2025: Pacific is PDT (UTC−7), Eastern EDT (UTC−4).
    // The deadline, 5:00 p.m. PDT, is 00:00 UTC on March 11.
    // 7:30 p.m. EDT is 23:30 UTC on March 10: in time.
    // 8:30 p.m. EDT is 00:30 UTC on March 11: half an hour late.
    let dir = agreement(
        "  schedule: supplier notifies buyer of \"the schedule\" by 5:00 p.m. Pacific Time on March 10, 2025\n\
         \x20 plan: supplier notifies buyer of \"the plan\" by 5:00 p.m. Pacific Time on March 10, 2025\n",
        "  supplier notified buyer on March 10, 2025 at 7:30 p.m. Eastern Time for schedule\n\
         \x20 supplier notified buyer on March 10, 2025 at 8:30 p.m. Eastern Time for plan\n",
    );
    let ledger = ledger(&dir);
    assert_eq!(status(&ledger, "1.schedule"), "met");
    assert_eq!(status(&ledger, "1.plan"), "late");
    // On the deadline's clock: 4:30 p.m. and 5:30 p.m. Pacific.
    assert!(notes(&ledger, "1.schedule").contains("(4:30 p.m. Pacific Time)"));
    assert!(notes(&ledger, "1.plan").contains("(5:30 p.m. Pacific Time), after the deadline"));
    let text = run(&dir, "text");
    assert!(
        text.contains("due by 5:00 p.m. Pacific Time on March 10, 2025 · met"),
        "{text}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_same_local_times_are_in_time_before_london_changes_its_clocks_and_late_after() {
    // March 20, 2025: London on GMT (UTC+0), New York on EDT (UTC−4).
    //   5:00 p.m. UK time = 17:00 UTC; 12:30 p.m. EDT = 16:30 UTC: in time.
    //   (Read with New York's standard offset, UTC−5, it would be 17:30: late.)
    // April 3, 2025: London on BST (UTC+1) since March 30.
    //   5:00 p.m. UK time = 16:00 UTC; 12:30 p.m. EDT = 16:30 UTC: late.
    let dir = agreement(
        "  march: buyer pays supplier $1,000.00 by 5:00 p.m. UK time on March 20, 2025\n\
         \x20 april: buyer pays supplier $1,000.00 by 5:00 p.m. UK time on April 3, 2025\n",
        "  buyer paid supplier $1,000.00 on March 20, 2025 at 12:30 p.m. Eastern Time for march\n\
         \x20 buyer paid supplier $1,000.00 on April 3, 2025 at 12:30 p.m. Eastern Time for april\n",
    );
    let ledger = ledger(&dir);
    assert_eq!(status(&ledger, "1.march"), "paid");
    assert_eq!(status(&ledger, "1.april"), "paid_late");
    assert!(notes(&ledger, "1.march").contains("(4:30 p.m. UK time)"));
    assert!(notes(&ledger, "1.april").contains("(5:30 p.m. UK time)"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_day_without_a_time_is_confirmed_only_on_another_day() {
    // Deadline 5:00 p.m. Eastern on June 2, 2025; notices recorded by date only.
    let dir = agreement(
        "  before: supplier notifies buyer of \"a\" by 5:00 p.m. Eastern Time on June 2, 2025\n\
         \x20 same: supplier notifies buyer of \"b\" by 5:00 p.m. Eastern Time on June 2, 2025\n\
         \x20 after: supplier notifies buyer of \"c\" by 5:00 p.m. Eastern Time on June 2, 2025\n\
         \x20 deposit: buyer pays supplier $500.00 by 5:00 p.m. Eastern Time on June 2, 2025\n",
        "  supplier notified buyer on June 1, 2025 for before\n\
         \x20 supplier notified buyer on June 2, 2025 for same\n\
         \x20 supplier notified buyer on June 3, 2025 for after\n\
         \x20 buyer paid supplier $500.00 on June 2, 2025 for deposit\n",
    );
    let ledger = ledger(&dir);
    assert_eq!(status(&ledger, "1.before"), "met");
    assert_eq!(status(&ledger, "1.after"), "late");
    // On the day itself: never silently met.
    assert_eq!(status(&ledger, "1.same"), "conditional");
    assert!(
        notes(&ledger, "1.same").contains("at a time the scenario does not state"),
        "{}",
        notes(&ledger, "1.same")
    );
    assert_eq!(status(&ledger, "1.deposit"), "conditional");
    assert!(notes(&ledger, "1.deposit").contains("cannot be confirmed"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_time_the_clocks_skip_cannot_be_confirmed() {
    // 2:30 a.m. on March 9, 2025 does not exist in New York (2:00 → 3:00).
    let dir = agreement(
        "  notice: supplier notifies buyer of \"a\" by 5:00 p.m. Pacific Time on March 9, 2025\n",
        "  supplier notified buyer on March 9, 2025 at 2:30 a.m. Eastern Time for notice\n",
    );
    let ledger = ledger(&dir);
    assert_eq!(status(&ledger, "1.notice"), "conditional");
    assert!(notes(&ledger, "1.notice").contains("the clocks skip it"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_deadline_without_a_zone_is_read_in_the_zone_of_the_act() {
    // `by 5:00 p.m.`: read in Eastern, the payment's zone. 4:59 p.m. is in
    // time, 5:01 p.m. is not.
    let dir = agreement(
        "  first: buyer pays supplier $100.00 by 5:00 p.m. on March 10, 2025\n\
         \x20 second: buyer pays supplier $100.00 by 5:00 p.m. on March 10, 2025\n",
        "  buyer paid supplier $100.00 on March 10, 2025 at 4:59 p.m. Eastern Time for first\n\
         \x20 buyer paid supplier $100.00 on March 10, 2025 at 5:01 p.m. Eastern Time for second\n",
    );
    let ledger = ledger(&dir);
    assert_eq!(status(&ledger, "1.first"), "paid");
    assert_eq!(status(&ledger, "1.second"), "paid_late");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_delivery_met_by_an_event_at_the_very_minute_in_another_zone() {
    // June 2, 2025: Central is CDT (UTC−5), Mountain MDT (UTC−6).
    // 4:00 p.m. MDT = 22:00 UTC = 5:00 p.m. CDT: exactly the deadline, in time.
    // 5:15 p.m. CDT = 22:15 UTC: late.
    let duty = |label: &str, event: &str| {
        format!(
            "  {label}: supplier performs \"delivery\" for buyer by 5:00 p.m. Central Time on June 2, 2025\n    met when {event} happens\n"
        )
    };
    let dir = agreement(
        &duty("delivered", "delivery"),
        "  delivery happened on June 2, 2025 at 4:00 p.m. Mountain Time\n",
    );
    assert_eq!(status(&ledger(&dir), "1.delivered"), "met");
    std::fs::remove_dir_all(dir).unwrap();
    let dir = agreement(
        &duty("delivered", "delivery"),
        "  delivery happened on June 2, 2025 at 5:15 p.m. Central Time\n",
    );
    let ledger = ledger(&dir);
    assert_eq!(status(&ledger, "1.delivered"), "late");
    assert!(notes(&ledger, "1.delivered").contains("delivery happened at 5:15 p.m. Central Time"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn an_hour_on_a_day_counted_in_business_days_from_an_event() {
    // Force majeure began Friday, May 23, 2025. Monday May 26 is Memorial
    // Day (last Monday of May), so the 3 business days after are Tuesday
    // 27, Wednesday 28, Thursday 29: due 5:00 p.m. EDT (UTC−4) on May 29,
    // 21:00 UTC. A notice at 4:00 p.m. Pacific (PDT, UTC−7) is 23:00 UTC:
    // late.
    let dir = agreement(
        "  fm_notice: supplier notifies buyer of \"the event\"\n    by 5:00 p.m. Eastern Time on 3 business days after the date of force_majeure\n",
        "  force_majeure happened on May 23, 2025\n\
         \x20 supplier notified buyer on May 29, 2025 at 4:00 p.m. Pacific Time for fm_notice\n",
    );
    let ledger = ledger(&dir);
    let fm = entry(&ledger, "1.fm_notice");
    assert_eq!(fm["due"], "2025-05-29");
    assert_eq!(fm["due_time"]["time"], "17:00");
    assert_eq!(fm["due_time"]["zone"], "Eastern Time");
    assert_eq!(fm["due_time"]["tz"], "America/New_York");
    assert_eq!(fm["due_time"]["utc"], "2025-05-29T21:00:00Z");
    assert_eq!(fm["status"], "late");
    assert!(notes(&ledger, "1.fm_notice").contains("(7:00 p.m. Eastern Time)"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_reports_show_the_hour_and_the_calendar_holds_the_moment() {
    // 5:00 p.m. PDT on March 10, 2025 = 00:00 UTC on March 11.
    let dir = agreement(
        "  deposit: buyer pays supplier $1,000.00 by 5:00 p.m. Pacific Time on March 10, 2025\n\
         \x20 local: buyer pays supplier $1,000.00 by 9:00 a.m. on March 12, 2025\n\
         \x20 undated: buyer pays supplier $1,000.00 on March 12, 2025\n",
        "  every payment is made on its due date\n",
    );
    let ledger = ledger(&dir);
    // Paid "on its due date", as the scenario says: in time.
    assert_eq!(status(&ledger, "1.deposit"), "paid");
    // An entry without an hour keeps the fields it always had.
    assert!(entry(&ledger, "1.undated").get("due_time").is_none());
    assert!(entry(&ledger, "1.local")["due_time"]["utc"].is_null());
    let ics = run(&dir, "ics");
    assert!(
        ics.contains("DTSTART:20250311T000000Z\r\nDURATION:PT0S\r\n"),
        "{ics}"
    );
    // No zone: a local ("floating") time.
    assert!(ics.contains("DTSTART:20250312T090000\r\n"), "{ics}");
    assert!(ics.contains("DTSTART;VALUE=DATE:20250312\r\n"), "{ics}");
    let markdown = run(&dir, "markdown");
    assert!(markdown.contains("| by 5:00 p.m. Pacific Time on March 10, 2025 |"));
    let html = run(&dir, "html");
    assert!(html.contains("<small>by 5:00 p.m. Pacific Time</small>"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_late_fee_without_a_grace_period_follows_the_hour() {
    // Paid at 8:30 p.m. EDT = 5:30 p.m. PDT, after 5:00 p.m. PDT: the fee is owed.
    let dir = agreement(
        "  deposit: buyer pays supplier $1,000.00 by 5:00 p.m. Pacific Time on March 10, 2025\n    late fee $50.00\n",
        "  buyer paid supplier $1,000.00 on March 10, 2025 at 8:30 p.m. Eastern Time for deposit\n",
    );
    let ledger = ledger(&dir);
    let remedies = entry(&ledger, "1.deposit")["remedies"].as_array().unwrap();
    assert_eq!(remedies.len(), 1, "{remedies:#?}");
    assert_eq!(remedies[0]["kind"], "late_fee");
    assert_eq!(remedies[0]["amount"], "50.00");
    assert!(remedies[0]["explanation"]
        .as_str()
        .unwrap()
        .contains("not paid in full by 5:00 p.m. Pacific Time on March 10, 2025, the deadline"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn check_warns_of_a_time_nothing_is_compared_with() {
    let dir = agreement(
        "  rent: buyer pays supplier $1,200.00 in 12 equal monthly installments on day 1\n    from April 1, 2025 through March 1, 2026\n    by 5:00 p.m. Eastern Time on April 1, 2025\n\
         \x20 report: supplier performs \"a report\" for buyer by 5:00 p.m. on April 1, 2025\n",
        "",
    );
    let output = clausec(&["check", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let report = json(&output);
    let unused: Vec<&Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "clausec::check::unused_time")
        .collect();
    assert_eq!(unused.len(), 2, "{report:#}");
    assert!(unused.iter().all(|d| d["severity"] == "warning"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_ledger_without_hours_has_no_due_time() {
    let letter = run(Path::new(LETTER), "json");
    assert!(!letter.contains("due_time"));
}

#[test]
fn the_agenda_shows_the_hour_too() {
    // 5:00 p.m. PDT on March 10, 2025 = 00:00 UTC on March 11.
    let dir = agreement(
        "  deposit: buyer pays supplier $1,000.00 by 5:00 p.m. Pacific Time on March 10, 2025\n\
         \x20 undated: buyer pays supplier $1,000.00 on March 12, 2025\n",
        "",
    );
    let path = dir.to_str().unwrap();
    let text = stdout(&clausec(&["agenda", path]));
    assert!(
        text.contains("payment due by 5:00 p.m. Pacific Time · $1,000.00"),
        "{text}"
    );
    let ics = stdout(&clausec(&["agenda", path, "--format", "ics"]));
    assert!(
        ics.contains("DTSTART:20250311T000000Z\r\nDURATION:PT0S\r\n"),
        "{ics}"
    );
    assert!(ics.contains("DTSTART;VALUE=DATE:20250312\r\n"), "{ics}");
    let json: Value =
        serde_json::from_str(&stdout(&clausec(&["agenda", path, "--format", "json"]))).unwrap();
    let items = json["items"].as_array().unwrap();
    assert_eq!(items[0]["due_time"]["utc"], "2025-03-11T00:00:00Z");
    assert!(items[1].get("due_time").is_none());
    std::fs::remove_dir_all(dir).unwrap();
}
