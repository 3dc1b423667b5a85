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
