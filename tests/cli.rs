//! The real binary, as a lawyer or a CI script runs it: exit codes, the JSON
//! contract, and bad input of every kind — each rejected with a location and
//! a code, never a panic or a hang.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::Value;
use std::path::Path;
use std::process::Command;

mod common;

use common::*;

#[test]
fn the_bundled_letter_checks_with_its_two_findings() {
    let output = clausec(&["check", LETTER, "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let report = json(&output);
    let codes: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "clausec::check::count_mismatch",
            "clausec::check::undated_acceptance"
        ]
    );
    let count = &report["diagnostics"][0];
    assert_eq!(count["clause"], "2(b)");
    assert_eq!(count["severity"], "warning");
    assert!(count["message"].as_str().unwrap().contains("six (6)"));
    assert!(count["message"].as_str().unwrap().contains("are 7"));
    for field in [
        "severity", "code", "message", "file", "line", "column", "clause",
    ] {
        assert!(count.get(field).is_some(), "missing {field}");
    }
}

#[test]
fn deny_warnings_turns_findings_into_a_failure() {
    assert_eq!(
        clausec(&["check", LETTER, "--deny", "warnings"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn check_without_a_path_checks_the_clauses_folder() {
    let output = clausec(&["check"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("clause 2(b) states six (6) installments"));
}

#[test]
fn base_ledger_in_json_pays_exactly_125000_on_month_ends() {
    let output = clausec(&[
        "obligations",
        LETTER,
        "--scenario",
        "base",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let ledger = json(&output);
    assert_eq!(ledger["scenario"], "base");
    let obligations = ledger["obligations"].as_array().unwrap();
    let installments: Vec<&Value> = obligations
        .iter()
        .filter(|o| o["id"].as_str().unwrap().starts_with("2(b).severance["))
        .collect();
    assert_eq!(installments.len(), 6);
    let mut total = rust_decimal::Decimal::ZERO;
    for installment in &installments {
        total += installment["amount"]
            .as_str()
            .unwrap()
            .parse::<rust_decimal::Decimal>()
            .unwrap();
        let due =
            chrono::NaiveDate::parse_from_str(installment["due"].as_str().unwrap(), "%Y-%m-%d")
                .unwrap();
        assert!(
            due.succ_opt().unwrap().format("%d").to_string() == "01",
            "{due} is not a month-end"
        );
        assert!(due >= chrono::NaiveDate::from_ymd_opt(2002, 9, 30).unwrap());
        assert!(due <= chrono::NaiveDate::from_ymd_opt(2003, 3, 31).unwrap());
        assert_eq!(installment["currency"], "USD");
        assert_eq!(installment["kind"], "payment");
        assert_eq!(installment["status"], "paid");
    }
    assert_eq!(total.to_string(), "125000.00");
    let clauses: std::collections::BTreeSet<&str> = obligations
        .iter()
        .map(|o| o["clause"].as_str().unwrap())
        .collect();
    for clause in [
        "1",
        "2(a)",
        "2(b)",
        "2(c)",
        "2(d)",
        "2(e)",
        "3",
        "4(a)",
        "4(b)",
        "5",
        "fees",
        "acceptance",
    ] {
        assert!(
            clauses.contains(clause),
            "no obligation for clause {clause}"
        );
    }
    let findings: Vec<&str> = ledger["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(findings.contains(&"clausec::check::count_mismatch"));
    assert!(!ledger["assumptions"].as_array().unwrap().is_empty());
}

/// The interest owed on the late October installment under a scenario.
fn late_interest(dir: &str, scenario: &str) -> String {
    let output = clausec(&[
        "obligations",
        dir,
        "--scenario",
        scenario,
        "--format",
        "json",
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let ledger = json(&output);
    let late = ledger["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["due"] == "2002-10-31" && o["kind"] == "payment")
        .unwrap()
        .clone();
    assert_eq!(late["status"], "paid_late");
    let remedy = &late["remedies"][0];
    assert_eq!(remedy["kind"], "interest");
    assert_eq!(remedy["basis"], "actual/365");
    remedy["amount"].as_str().unwrap().to_owned()
}

#[test]
fn late_interest_follows_the_reading_and_the_rate() {
    assert_eq!(late_interest(LETTER, "late_installment"), "256.85");
    assert_eq!(late_interest(LETTER, "late_installment_grace"), "154.11");
    let copy = copy_of_letter();
    edit(
        &copy,
        "2.clause",
        "late interest 18% per annum",
        "late interest 12% per annum",
    );
    assert_eq!(
        late_interest(copy.to_str().unwrap(), "late_installment"),
        "171.23"
    );
    std::fs::remove_dir_all(copy).unwrap();
}

#[test]
fn outside_compensation_is_offset_and_the_notice_is_met() {
    let ledger = json(&clausec(&[
        "obligations",
        LETTER,
        "--scenario",
        "outside_compensation",
        "--format",
        "json",
    ]));
    let obligations = ledger["obligations"].as_array().unwrap();
    let total: rust_decimal::Decimal = obligations
        .iter()
        .filter(|o| o["id"].as_str().unwrap().starts_with("2(b).severance["))
        .map(|o| {
            o["amount"]
                .as_str()
                .unwrap()
                .parse::<rust_decimal::Decimal>()
                .unwrap()
        })
        .sum();
    assert_eq!(total.to_string(), "95000.00");
    let notice = obligations.iter().find(|o| o["kind"] == "notice").unwrap();
    assert_eq!(notice["status"], "met");
}

#[test]
fn the_outplacement_election_pays_the_greater_amount() {
    let ledger = json(&clausec(&[
        "obligations",
        LETTER,
        "--scenario",
        "outplacement_election",
        "--format",
        "json",
    ]));
    let greater = ledger["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "2(e).greater_of")
        .unwrap()
        .clone();
    assert_eq!(greater["amount"], "14400.00");
    assert_eq!(greater["status"], "due");
}

#[test]
fn unsigned_means_nothing_is_owed() {
    let output = clausec(&[
        "obligations",
        LETTER,
        "--scenario",
        "unsigned",
        "--format",
        "json",
    ]);
    let ledger = json(&output);
    assert!(ledger["lapsed"].as_str().unwrap().contains("no obligation"));
    let statuses: Vec<&str> = ledger["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["kind"] != "acceptance")
        .map(|o| o["status"].as_str().unwrap())
        .collect();
    assert!(statuses.iter().all(|s| *s == "lapsed"), "{statuses:?}");
}

#[test]
fn markdown_and_explain_are_available() {
    let markdown = stdout(&clausec(&["obligations", LETTER, "--format", "markdown"]));
    assert!(markdown.contains("| `2(b).severance[1]` | payment |"));
    let explained = stdout(&clausec(&[
        "obligations",
        LETTER,
        "--scenario",
        "late_installment",
        "--explain",
    ]));
    assert!(
        explained.contains("$256.85 = $20,833.33 × 18% × 25/365"),
        "{explained}"
    );
}

#[test]
fn an_unknown_scenario_is_a_usage_error_with_a_suggestion() {
    let output = clausec(&["obligations", LETTER, "--scenario", "bsae"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("did you mean `base`?"));
}

#[test]
fn every_code_is_explained() {
    let listing = stdout(&clausec(&["codes"]));
    let codes: Vec<&str> = listing
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert!(codes.len() >= 30);
    for code in codes {
        let output = clausec(&["explain", code]);
        assert_eq!(output.status.code(), Some(0), "{code}");
        let text = stdout(&output);
        assert!(
            text.len() > 80,
            "`clausec explain {code}` says too little: {text}"
        );
    }
    assert_eq!(clausec(&["explain", "no_such_code"]).status.code(), Some(2));
}

#[test]
fn a_missing_path_is_exit_2() {
    let output = clausec(&["check", "clauses/no-such-agreement"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("does not exist"));
}

#[test]
fn a_misspelt_party() {
    let dir = copy_of_letter();
    edit(
        &dir,
        "2.clause",
        "severance: company pays employee",
        "severance: company pays emploee",
    );
    let found = assert_rejected(&dir, "2.clause", "clausec::resolve::unknown_party");
    assert_eq!(found["help"], "did you mean `employee`?");
    assert_eq!(found["clause"], "2(b)");
}

#[test]
fn an_impossible_date() {
    let dir = copy_of_letter();
    edit(
        &dir,
        "2.clause",
        "from September 30, 2002 through March 31, 2003\n    if",
        "from September 30, 2002 through February 30, 2003\n    if",
    );
    assert_rejected(&dir, "2.clause", "clausec::syntax::impossible_date");
}

#[test]
fn a_missing_keyword() {
    let dir = copy_of_letter();
    edit(&dir, "1.clause", "effective June 6, 2002", "effective");
    assert_rejected(&dir, "1.clause", "clausec::syntax::expected_date");
}

#[test]
fn an_unterminated_quote_does_not_hide_the_next_clause() {
    let dir = copy_of_letter();
    edit(
        &dir,
        "2.clause",
        "through August 2002.\"",
        "through August 2002.",
    );
    edit(
        &dir,
        "2.clause",
        "lease_costs: company pays employee",
        "lease_costs: company pay employee",
    );
    let output = clausec(&["check", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let report = json(&output);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 2, "{report:#}");
    let open_quote = &diagnostics[0];
    assert!(
        open_quote["help"]
            .as_str()
            .unwrap()
            .contains("quote mark seems to be missing"),
        "{open_quote:#}"
    );
    let misspelt = &diagnostics[1];
    assert!(
        misspelt["message"]
            .as_str()
            .unwrap()
            .contains("found `pay`"),
        "{misspelt:#}"
    );
    assert_eq!(misspelt["help"], "did you mean `pays`?");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_quote_open_at_the_end_of_a_file() {
    let dir = copy_of_letter();
    std::fs::write(
        dir.join("6.clause"),
        "clause 6 \"Notices\"\n  quote \"All notices shall be in writing.\n",
    )
    .unwrap();
    assert_rejected(&dir, "6.clause", "clausec::syntax::unterminated_quote");
}

#[test]
fn invalid_utf8() {
    let dir = copy_of_letter();
    let path = dir.join("1.clause");
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend_from_slice(b"\n# caf\xE9\n");
    std::fs::write(&path, bytes).unwrap();
    assert_rejected(&dir, "1.clause", "clausec::input::not_utf8");
}

#[test]
fn nesting_100000_deep() {
    let dir = copy_of_letter();
    let deep = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
    edit(
        &dir,
        "2.clause",
        "annual_salary * 6 / 12",
        &format!("annual_salary * 6 / 12 * {deep}"),
    );
    assert_rejected(&dir, "2.clause", "clausec::input::too_deep");
}

#[test]
fn a_quote_with_100000_opening_parentheses_is_checked_quickly() {
    // The numbers-in-words check looks for `(6)` after each `(`; it once
    // scanned to the end of the quote from every one (over a minute here).
    let dir = copy_of_letter();
    edit(
        &dir,
        "2.clause",
        "quote \"",
        &format!("quote \"{}", "(".repeat(100_000)),
    );
    assert_rejected(&dir, "2.clause", "clausec::check::quote_not_in_source");
}

#[test]
fn an_error_past_column_65535_is_reported_with_its_place() {
    // miette cannot underline past column 65,535 (it panicked); so wide a
    // line is not shown, and the place goes into the message.
    let dir = copy_of_letter();
    let path = dir.join("1.clause");
    let mut bytes = std::fs::read(&path).unwrap();
    let line = bytes.iter().filter(|b| **b == b'\n').count() + 1;
    bytes.extend_from_slice(b"# ");
    bytes.extend_from_slice("x".repeat(70_000).as_bytes());
    bytes.extend_from_slice(b"\xE9\n");
    std::fs::write(&path, bytes).unwrap();
    let output = clausec(&["check", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let report = stdout(&output);
    assert!(
        report.contains(&format!(
            "1.clause:{line}:70003`: this file is not UTF-8 text"
        )),
        "{report}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_source_document_outside_the_folder_is_refused_and_not_read() {
    // A secret beside the folder stands for a file the user did not give.
    let outside = std::env::temp_dir().join(format!("clausec-cli-secret-{}", std::process::id()));
    std::fs::write(&outside, "root:x:0:0:leaked words\n").unwrap();
    let mut names = vec![
        format!("../{}", outside.file_name().unwrap().to_str().unwrap()),
        outside.to_str().unwrap().to_owned(),
    ];
    if cfg!(unix) {
        names.push("link.txt".to_owned());
    }
    for name in names {
        let dir = copy_of_letter();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&outside, dir.join("link.txt")).unwrap();
        edit(
            &dir,
            "agreement.clause",
            "source \"source.txt\"",
            &format!("source \"{name}\""),
        );
        let output = clausec(&["check", dir.to_str().unwrap()]);
        let report = stdout(&output);
        assert!(!report.contains("leaked words"), "{name}: {report}");
        let found = assert_rejected(&dir, "agreement.clause", "clausec::check::missing_source");
        assert!(
            found["message"]
                .as_str()
                .unwrap()
                .contains("is outside the agreement folder"),
            "{name}: {found:#}"
        );
    }
    std::fs::remove_file(outside).unwrap();
}

#[test]
fn a_signature_in_another_time_zone_is_compared_as_the_same_moment() {
    // 11:00 a.m. Pacific Time is 2:00 p.m. Eastern Time: after a deadline
    // of 1:30 p.m. Eastern Time, so the offer lapses.
    let dir = copy_of_letter();
    edit(
        &dir,
        "closing.clause",
        "to company by 1:30 p.m. on June 6, 2002",
        "to company by 1:30 p.m. Eastern Time on June 6, 2002",
    );
    edit(
        &dir,
        "scenarios/base.scenario",
        "at 11:00 a.m.",
        "at 11:00 a.m. Pacific Time",
    );
    let late = clausec(&["obligations", dir.to_str().unwrap(), "--scenario", "base"]);
    let text = stdout(&late);
    assert!(
        text.contains("by 1:30 p.m. Eastern Time on June 6, 2002"),
        "{text}"
    );
    assert!(
        text.contains("signed at 11:00 a.m. Pacific Time on June 6, 2002"),
        "{text}"
    );
    assert!(
        text.contains("after the deadline of 1:30 p.m. Eastern Time"),
        "{text}"
    );
    // 10:00 a.m. Pacific Time is 1:00 p.m. Eastern Time: in time.
    edit(
        &dir,
        "scenarios/base.scenario",
        "at 11:00 a.m. Pacific Time",
        "at 10:00 a.m. Pacific Time",
    );
    let in_time = clausec(&["obligations", dir.to_str().unwrap(), "--scenario", "base"]);
    let text = stdout(&in_time);
    assert!(!text.contains("after the deadline"), "{text}");
    assert!(
        text.contains("$20,833.33"),
        "the letter's payments are owed: {text}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_flood_of_errors_is_cut_to_the_first_thousand_in_text_and_kept_whole_in_json() {
    let dir = copy_of_letter();
    let clauses: String = (0..1_500).map(|_| "clause 1\n").collect();
    std::fs::write(dir.join("extra.clause"), clauses).unwrap();
    let output = clausec(&["check", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let report = stdout(&output);
    assert_eq!(
        report.matches("clausec::resolve::duplicate_name").count(),
        1_000
    );
    assert!(
        report.contains("… and 500 more problems in this agreement, not shown"),
        "{}",
        &report[report.len().saturating_sub(400)..]
    );
    assert!(report.contains("1,500 errors"), "the tally counts them all");
    let json = clausec(&["check", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(stdout(&json).matches("duplicate_name").count(), 1_500);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn hundreds_of_errors_in_a_large_file_are_reported_quickly() {
    // miette finds a snippet's lines by reading the file from its start; it
    // was handed the whole file for every diagnostic (quadratic: 3,000
    // errors in 7.8 MB took 107 s). It now gets the lines around each one.
    let dir = copy_of_letter();
    let clauses: String = (0..600)
        .map(|i| {
            format!(
                "clause 9{i} \"Extra\"\n  quote \"{}\"\n\n",
                format!("not in the source, number {i} ").repeat(70)
            )
        })
        .collect();
    std::fs::write(dir.join("extra.clause"), clauses).unwrap();
    let output = clausec(&["check", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let report = stdout(&output);
    assert_eq!(
        report
            .matches("clausec::check::quote_not_in_source")
            .count(),
        600
    );
    assert!(
        report.contains("extra.clause:1799:9]"),
        "the last snippet is placed"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn an_empty_file() {
    let dir = copy_of_letter();
    std::fs::write(dir.join("6.clause"), "").unwrap();
    assert_rejected(&dir, "6.clause", "clausec::input::empty_file");
}

#[test]
fn a_folder_with_no_clause_files() {
    let dir = std::env::temp_dir().join(format!("clausec-cli-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let output = clausec(&["check", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        json(&output)["diagnostics"][0]["code"],
        "clausec::input::no_clause_files"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_50_megabyte_file_is_refused_quickly() {
    let dir = copy_of_letter();
    let line = "# this line pads the file to fifty megabytes\n";
    std::fs::write(
        dir.join("huge.clause"),
        line.repeat(50 * 1024 * 1024 / line.len()),
    )
    .unwrap();
    assert_rejected(&dir, "huge.clause", "clausec::input::too_large");
}

/// `--jobs 100000` once started 100,000 threads (over 90 s) before checking
/// anything; the count is capped at four per core, as `--help` says.
#[test]
fn a_huge_jobs_count_is_capped_and_checks_quickly() {
    let output = clausec(&["check", "--jobs", "100000", LETTER]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("count_mismatch"));
    let help = stdout(&clausec(&["check", "--help"]));
    assert!(help.contains("at most four per core"), "{help}");
}

#[test]
fn crlf_line_endings_and_a_byte_order_mark_are_accepted() {
    let dir = copy_of_letter();
    let path = dir.join("1.clause");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace('\n', "\r\n");
    std::fs::write(&path, format!("\u{feff}{text}")).unwrap();
    let output = clausec(&["check", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn classic_mac_line_endings_are_read_as_line_breaks() {
    // With lines ending in a carriage return alone, a file that opens with
    // a comment was "a file with no statements", and every location was on
    // line 1. The letter in CR-only files must check exactly as it does.
    let dir = copy_of_letter();
    let mut files = vec![dir.join("agreement.clause"), dir.join("2.clause")];
    files.push(dir.join("scenarios/base.scenario"));
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap().replace('\n', "\r");
        std::fs::write(path, text).unwrap();
    }
    let report = |dir: &str| {
        let output = clausec(&["check", dir, "--format", "json"]);
        assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
        let report = json(&output);
        let places: Vec<(String, u64, u64)> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let file = d["file"].as_str().unwrap();
                let name = file.rsplit('/').next().unwrap().to_owned();
                (
                    name,
                    d["line"].as_u64().unwrap(),
                    d["column"].as_u64().unwrap(),
                )
            })
            .collect();
        places
    };
    assert_eq!(report(dir.to_str().unwrap()), report(LETTER));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn fmt_leaves_a_file_with_a_lone_carriage_return_alone() {
    // check reads a lone CR as a line break; fmt, which gives quotes back
    // byte for byte, refuses the file instead of rewriting its CR as LF.
    let dir = copy_of_letter();
    let path = dir.join("1.clause");
    let text = std::fs::read_to_string(&path).unwrap().replace('\n', "\r");
    std::fs::write(&path, &text).unwrap();
    let output = clausec(&["fmt", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("a carriage return that no line feed follows"),
        "{}",
        stdout(&output)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn output_into_a_closed_pipe_does_not_panic() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_clausec"))
        .args(["obligations", LETTER, "--explain"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(status.code().is_some(), "killed by a signal");
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let first = clausec(&["obligations", LETTER, "--format", "json"]).stdout;
    let second = clausec(&["obligations", LETTER, "--format", "json"]).stdout;
    assert_eq!(first, second);
}

#[test]
fn payments_adding_up_past_the_largest_amount_are_an_error_at_the_payment() {
    // Found by `pipeline_survives_generated_agreements`: two payments whose
    // sum does not fit in a decimal panicked inside the evaluator.
    let dir = copy_of_letter();
    edit(
        &dir,
        "scenarios/late-installment.scenario",
        "for severance due October 31, 2002",
        "for severance due October 31, 2002\n  \
         company paid employee $79,228,162,514,264,337,593,543,950,335 on December 2, 2002 \
         for severance due October 31, 2002",
    );
    let found = assert_rejected(
        &dir,
        "scenarios/late-installment.scenario",
        "clausec::eval::arithmetic",
    );
    assert_eq!(found["line"], 9, "{found:#}");
    assert!(
        found["message"].as_str().unwrap().contains(
            "the payments recorded for `severance` add up to more than clausec can compute"
        ),
        "{found:#}"
    );
}

#[test]
fn a_negative_amount_less_a_huge_payment_is_an_error_not_a_panic() {
    // What is owed was computed negative; less the largest payment it
    // overflowed when the balance was taken (found in review). A negative
    // amount to pay is now refused where it is written, before any payment
    // is applied.
    let dir = agreement_of(&[
        (
            "agreement.clause",
            "agreement \"Negative\" dated January 2, 2000\n\
             party company \"Company\"\n\
             party employee \"Employee\"\n\
             clause 1\n  \
             refund: company pays employee $1 - $2 on March 1, 2000\n",
        ),
        (
            "scenarios/huge.scenario",
            "scenario huge \"A huge payment\"\n  \
             as of June 30, 2000\n  \
             company paid employee $79,228,162,514,264,337,593,543,950,335 on March 1, 2000 for refund\n",
        ),
    ]);
    let found = assert_rejected(&dir, "agreement.clause", "clausec::eval::arithmetic");
    assert!(
        found["message"]
            .as_str()
            .unwrap()
            .contains("`$1 - $2` comes to -$1.00: an amount to pay cannot be negative"),
        "{found:#}"
    );
}

#[test]
fn late_interest_adding_up_past_the_largest_amount_is_an_error() {
    // Each installment's interest fits in a decimal; the 10,000 of them
    // together do not (this panicked when the schedule added them up).
    let dir = agreement_of(&[
        (
            "agreement.clause",
            "agreement \"Overflow\" dated January 2, 2000\n\
             party company \"Company\"\n\
             party employee \"Employee\"\n",
        ),
        (
            "1.clause",
            "clause 1\n  \
             loan: company pays employee $79,228,162,514,264,337,593,543,950,335\n    \
             in 10000 equal monthly installments on the last day of the month\n    \
             from January 31, 2000\n    \
             late interest 1% per annum on the unpaid amount from the due date, simple, actual/365\n",
        ),
        (
            "scenarios/unpaid.scenario",
            "scenario unpaid \"Nothing paid\"\n  as of December 31, 2833\n",
        ),
    ]);
    let found = assert_rejected(&dir, "1.clause", "clausec::eval::arithmetic");
    assert_eq!(found["line"], 5, "{found:#}");
    assert!(
        found["message"]
            .as_str()
            .unwrap()
            .contains("the late interest on the installments of `loan` adds up to more than"),
        "{found:#}"
    );
}

#[test]
fn a_schedule_whose_amount_opens_with_a_parenthesis_is_headed_in_full() {
    // The text ledger used to find the obligation's summary by cutting an
    // installment's summary at its first " (", which dropped the amount.
    let dir = copy_of_letter();
    edit(
        &dir,
        "2.clause",
        "company pays employee annual_salary * 6 / 12",
        "company pays employee (annual_salary * 6) / 12",
    );
    let output = clausec(&["obligations", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let text = stdout(&output);
    assert!(
        text.contains(
            "2(b).severance · payment · company pays employee (annual_salary * 6) / 12\n"
        ),
        "{text}"
    );
    let ledger = json(&clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ]));
    let first = ledger["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "2(b).severance[1]")
        .unwrap();
    assert_eq!(
        first["summary"],
        "company pays employee (annual_salary * 6) / 12 (installment 1 of 6)"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn payments_of_a_long_schedule_that_all_name_a_wrong_day_are_reported_quickly() {
    // Each such payment listed every due date of the schedule: 2,000 of
    // them took 3 s and printed 76 MB; 10,000 would take over a minute.
    let dir = scratch_dir();
    std::fs::create_dir_all(dir.join("scenarios")).unwrap();
    let count = 3_000;
    let agreement = format!(
        "agreement \"Note\" dated January 2, 2000\n\
         party borrower \"Borrower\"\n\
         party lender \"Lender\"\n\
         clause 1\n  \
         principal: borrower pays lender $300,000.00\n    \
         in {count} equal monthly installments on the last day of the month\n    \
         from January 31, 2000\n"
    );
    let mut scenario =
        "scenario all_paid \"Every installment paid, each named by the 15th\"\n".to_owned();
    for k in 0..count {
        let (year, month) = (2000 + k / 12, k % 12 + 1);
        scenario.push_str(&format!(
            "  borrower paid lender $100.00 on {year}-{month:02}-20 for principal due {year}-{month:02}-15\n"
        ));
    }
    std::fs::write(dir.join("agreement.clause"), agreement).unwrap();
    std::fs::write(dir.join("scenarios/paid.scenario"), scenario).unwrap();
    let output = clausec(&["check", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        output.stdout.len() < 3_000_000,
        "{} bytes",
        output.stdout.len()
    );
    let report = json(&output);
    assert_eq!(report["errors"], count, "{:#}", report["diagnostics"][0]);
    let second = &report["diagnostics"][1];
    assert_eq!(second["code"], "clausec::scenario::unknown_obligation");
    assert_eq!(
        second["help"],
        "the nearest due dates are January 31, 2000 and February 29, 2000, \
         of 3,000 due dates from January 31, 2000 to December 31, 2249; \
         write `for principal due DATE`"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_payment_of_a_schedule_must_name_its_installment() {
    let dir = copy_of_letter();
    edit(
        &dir,
        "scenarios/late-installment.scenario",
        "for severance due October 31, 2002",
        "for severance",
    );
    let report = json(&clausec(&[
        "check",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ]));
    let found = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "clausec::scenario::unknown_obligation")
        .unwrap()
        .clone();
    assert!(
        found["message"]
            .as_str()
            .unwrap()
            .contains("does not say which installment"),
        "{found:#}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn as_of_before_a_late_payment_shows_it_unpaid() {
    let output = clausec(&[
        "obligations",
        LETTER,
        "--scenario",
        "late_installment",
        "--as-of",
        "2002-11-15",
        "--format",
        "json",
    ]);
    let ledger = json(&output);
    assert_eq!(ledger["as_of"], "2002-11-15");
    let october = ledger["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["due"] == "2002-10-31" && o["kind"] == "payment")
        .unwrap()
        .clone();
    assert_eq!(october["status"], "due", "{october:#}");
    assert_eq!(october["outstanding"], "20833.33");
    // Interest accrues from the due date to the as-of date: 15 days.
    assert_eq!(october["remedies"][0]["days"], 15);
    assert_eq!(october["remedies"][0]["amount"], "154.11");
}

#[test]
fn fmt_check_passes_on_the_bundled_agreements() {
    let output = clausec(&["fmt", "--check", "clauses"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

/// The JSON ledger of every scenario of an agreement folder.
fn all_ledgers(dir: &str) -> Vec<Vec<u8>> {
    let names = [
        "base",
        "late_installment",
        "late_installment_grace",
        "outside_compensation",
        "outplacement_election",
        "unsigned",
        "reading_count_to_end",
        "reading_all_dates",
    ];
    names
        .iter()
        .map(|name| clausec(&["obligations", dir, "--scenario", name, "--format", "json"]).stdout)
        .collect()
}

#[test]
fn fmt_lays_out_a_messy_copy_without_changing_any_ledger() {
    let dir = copy_of_letter();
    let path = dir.to_str().unwrap();
    let before = all_ledgers(path);
    for file in ["2.clause", "scenarios/base.scenario"] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let messy: String = text
            .lines()
            .map(|l| format!("      {}   \n\n", l.trim_start()))
            .collect();
        // Keep wrapped quotes as they were: only re-indent lines outside them.
        let messy = if file == "2.clause" {
            text.replace("\n  severance:", "\n\n\n        severance:") + "\n\n"
        } else {
            messy
        };
        std::fs::write(dir.join(file), messy).unwrap();
    }
    let check = clausec(&["fmt", "--check", path]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stdout(&check).contains("would reformat"),
        "{}",
        stdout(&check)
    );
    let formatted = clausec(&["fmt", path]);
    assert_eq!(formatted.status.code(), Some(0), "{}", stdout(&formatted));
    assert!(stdout(&formatted).contains("formatted:"));
    assert_eq!(
        clausec(&["fmt", "--check", path]).status.code(),
        Some(0),
        "not idempotent"
    );
    assert_eq!(all_ledgers(path), before, "formatting changed a ledger");
    let original = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(LETTER)
            .join("2.clause"),
    )
    .unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.join("2.clause")).unwrap(),
        original
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn fmt_refuses_a_file_that_does_not_parse_and_leaves_it_alone() {
    let dir = copy_of_letter();
    edit(&dir, "1.clause", "effective June 6, 2002", "effective");
    let broken = std::fs::read(dir.join("1.clause")).unwrap();
    let output = clausec(&["fmt", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("not formatted"),
        "{}",
        stdout(&output)
    );
    assert_eq!(std::fs::read(dir.join("1.clause")).unwrap(), broken);
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("clausec-fmt"))
        .collect();
    assert!(leftovers.is_empty());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn diff_reports_the_interest_change_when_the_rate_is_edited() {
    let dir = copy_of_letter();
    edit(
        &dir,
        "2.clause",
        "late interest 18% per annum",
        "late interest 12% per annum",
    );
    let output = clausec(&[
        "diff",
        LETTER,
        dir.to_str().unwrap(),
        "--scenario",
        "late_installment",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("2(b).severance[2]: late interest $256.85 → $171.23"),
        "{}",
        stdout(&output)
    );
    let same = clausec(&["diff", LETTER, LETTER]);
    assert_eq!(same.status.code(), Some(0), "{}", stdout(&same));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn diff_reports_the_changed_rate_as_a_term_with_or_without_a_scenario() {
    let dir = copy_of_letter();
    edit(
        &dir,
        "2.clause",
        "late interest 18% per annum",
        "late interest 12% per annum",
    );
    let new = dir.to_str().unwrap();
    let term = "2(b).severance: late interest rate 18% → 12%";
    // No scenario pays late in `base`: the figures do not move, the term does.
    for args in [
        vec!["diff", LETTER, new],
        vec!["diff", LETTER, new, "--scenario", "base"],
    ] {
        let output = clausec(&args);
        assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
        assert!(stdout(&output).contains(term), "{}", stdout(&output));
    }
    let markdown = clausec(&[
        "diff",
        LETTER,
        new,
        "--scenario",
        "base",
        "--format",
        "markdown",
    ]);
    assert_eq!(markdown.status.code(), Some(1));
    let text = stdout(&markdown);
    assert!(text.starts_with("## clausec diff\n"), "{text}");
    assert!(text.contains("#### `2(b).severance`"), "{text}");
    assert!(
        text.contains("| late interest rate | 18% | 12% |"),
        "{text}"
    );
    assert!(text.contains("### Figures under scenario `base`"), "{text}");
    let same = clausec(&["diff", LETTER, LETTER, "--scenario", "base"]);
    assert_eq!(same.status.code(), Some(0), "{}", stdout(&same));
    assert_eq!(
        stdout(&same),
        "terms: no change\nscenario base: no change\n"
    );
    let same = clausec(&["diff", LETTER, LETTER, "--format", "markdown"]);
    assert_eq!(same.status.code(), Some(0));
    assert!(stdout(&same).contains("No change in the terms or the figures."));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn diff_reports_changed_quotes_durations_and_conditions() {
    let dir = copy_of_letter();
    edit(
        &dir,
        "2.clause",
        "outplacement services for a period of six (6) months",
        "outplacement services for a period of nine (9) months",
    );
    edit(
        &dir,
        "source.txt",
        "outplacement services for a period of six (6) months",
        "outplacement services for a period of nine (9) months",
    );
    edit(&dir, "2.clause", "    for 6 months\n", "    for 9 months\n");
    edit(
        &dir,
        "2.clause",
        "if employee elects lease_costs",
        "if employee elects lease_costs and lessor_accepts_transfer",
    );
    let text = stdout(&clausec(&[
        "diff",
        LETTER,
        dir.to_str().unwrap(),
        "--scenario",
        "base",
    ]));
    assert!(
        text.contains("2(e).outplacement: for 6 months → 9 months"),
        "{text}"
    );
    assert!(
        text.contains("2(e).lease_costs: condition if employee elects lease_costs → if employee elects lease_costs and lessor_accepts_transfer"),
        "{text}"
    );
    assert!(
        text.contains("clause 2(e): quote … a period of six (6) months at a … → … a period of nine (9) months at a …"),
        "{text}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn check_warns_when_the_rule_states_a_rate_its_quote_does_not() {
    let dir = copy_of_letter();
    edit(
        &dir,
        "2.clause",
        "late interest 18% per annum",
        "late interest 12% per annum",
    );
    let output = clausec(&["check", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let report = json(&output);
    let found: Vec<&Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "clausec::check::figure_not_quoted")
        .collect();
    assert_eq!(found.len(), 1, "{report}");
    assert_eq!(found[0]["severity"], "warning");
    assert_eq!(found[0]["clause"], "2(b)");
    assert_eq!(
        found[0]["message"],
        "`12%` is not in the quote of clause 2(b), which says `18% per annum`"
    );
    let text = stdout(&clausec(&["check", dir.to_str().unwrap()]));
    assert!(text.contains("the quote says this"), "{text}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn diff_against_git_head_finds_no_change_in_the_committed_letter() {
    let output = clausec(&["diff", "--git", "HEAD", LETTER, "--scenario", "base"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}{}",
        stdout(&output),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout(&output).contains("scenario base: no change"));
}

#[test]
fn the_calendar_is_folded_stable_and_has_unique_event_ids() {
    let args = [
        "obligations",
        LETTER,
        "--scenario",
        "late_installment",
        "--format",
        "ics",
    ];
    let ics = stdout(&clausec(&args));
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    assert!(
        ics.split("\r\n").all(|line| line.len() <= 75),
        "a line is not folded"
    );
    let events = ics.matches("BEGIN:VEVENT").count();
    let uids: std::collections::BTreeSet<&str> = ics
        .split("\r\n")
        .filter(|l| l.starts_with("UID:"))
        .collect();
    assert_eq!(uids.len(), events, "event ids must be unique");
    assert!(ics.contains("DTSTART;VALUE=DATE:20021031"));
    // Stable: a second export is the same bytes, so calendars update in place.
    assert_eq!(ics, stdout(&clausec(&args)));
}

#[test]
fn the_html_page_is_self_contained_with_a_timeline() {
    let page = stdout(&clausec(&["obligations", LETTER, "--format", "html"]));
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<svg") && page.contains("<circle") && page.contains("<rect"));
    assert!(page.contains("2(b).severance") && page.contains("$20,833.35"));
    assert!(
        !page.contains("http://")
            || page.matches("http://").count()
                == page.matches("http://www.w3.org/2000/svg").count(),
        "no network"
    );
    assert!(!page.contains("<script"));
}

#[test]
fn a_symbolic_link_loop_in_a_folder_walk_is_not_followed() {
    let root = std::env::temp_dir().join(format!("clausec-cli-loop-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(LETTER),
        &root.join("letter"),
    );
    std::os::unix::fs::symlink(&root, root.join("letter").join("loop")).unwrap();
    std::os::unix::fs::symlink(&root, root.join("again")).unwrap();
    let output = clausec(&["check", root.to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(json(&output)["agreements"], 1);
    std::fs::remove_dir_all(root).unwrap();
}

#[test]
fn a_folder_named_like_a_clause_file_is_passed_over() {
    let dir = copy_of_letter();
    std::fs::create_dir(dir.join("notes.clause")).unwrap();
    let output = clausec(&["check", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn tabs_are_white_space() {
    let dir = copy_of_letter();
    let path = dir.join("1.clause");
    let text = std::fs::read_to_string(&path).unwrap().replace("  ", "\t");
    std::fs::write(&path, text).unwrap();
    let output = clausec(&["check", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_condition_in_words_is_decided_by_the_scenario() {
    let dir = std::env::temp_dir().join(format!("clausec-cli-words-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("scenarios")).unwrap();
    std::fs::write(
        dir.join("agreement.clause"),
        "agreement \"A sale\" dated March 1, 2024\nparty seller \"S\"\nparty buyer \"B\"\n\nclause 1 \"Samples\"\n  samples: seller pays buyer $100 on March 15, 2024\n    if \"the buyer asks for samples\"\n",
    )
    .unwrap();
    let scenario = |name: &str, decision: &str| {
        format!("scenario {name}\n  as of April 1, 2024\n  condition \"the buyer   asks for samples\" is {decision}\n")
    };
    std::fs::write(dir.join("scenarios/asks.scenario"), scenario("asks", "yes")).unwrap();
    std::fs::write(
        dir.join("scenarios/silent.scenario"),
        scenario("silent", "no"),
    )
    .unwrap();
    let path = dir.to_str().unwrap();
    let status = |name: &str| {
        json(&clausec(&[
            "obligations",
            path,
            "--scenario",
            name,
            "--format",
            "json",
        ]))["obligations"][0]["status"]
            .clone()
    };
    assert_eq!(status("asks"), "due");
    assert_eq!(status("silent"), "not_triggered");
    std::fs::write(
        dir.join("scenarios/typo.scenario"),
        "scenario typo\n  condition \"the buyer asks for sample\" is yes\n",
    )
    .unwrap();
    let report = json(&clausec(&["check", path, "--format", "json"]));
    let typo = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "clausec::resolve::unknown_name")
        .unwrap()
        .clone();
    assert!(
        typo["help"]
            .as_str()
            .unwrap()
            .contains("the buyer asks for samples"),
        "{typo:#}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// The statuses of `obligations --format json` under `scenario`, by id.
fn statuses(dir: &Path, scenario: &str) -> Vec<(String, String)> {
    let ledger = ledger(dir, scenario);
    let entries = ledger["obligations"].as_array().unwrap();
    entries
        .iter()
        .map(|o| {
            let field = |name: &str| o[name].as_str().unwrap().to_owned();
            (field("id"), field("status"))
        })
        .collect()
}

#[test]
fn a_notice_duty_recorded_as_an_event_is_read_as_the_day_it_happened() {
    // Deemed completion holds if Party B's notice comes within 10 business
    // days of delivery on January 22, 2019 (by February 5). The scenario
    // records the notice as an event of its label instead of as a notice:
    // on January 31 the release is in force, on February 20 it is not.
    let dir = scratch_dir();
    let bundled =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("clauses/accord-acceptance-of-delivery");
    copy_dir(&bundled, &dir);
    let notice = "party_b notified party_a on January 31, 2019 \"of its acceptance of the Widgets\" for inspection_notice";
    let passed = "scenarios/passed.scenario";
    edit(
        &dir,
        passed,
        notice,
        "inspection_notice happened on January 31, 2019",
    );
    let in_time = statuses(&dir, "passed");
    let release = |found: &[(String, String)]| {
        let entry = found
            .iter()
            .find(|(id, _)| id == "acceptance.deemed_completion");
        entry.map(|(_, status)| status.clone())
    };
    assert_eq!(release(&in_time).as_deref(), Some("in_force"));
    edit(
        &dir,
        passed,
        "inspection_notice happened on January 31, 2019",
        "inspection_notice happened on February 20, 2019\n  as of February 28, 2019",
    );
    edit(&dir, passed, "  as of January 31, 2019\n", "");
    let too_late = statuses(&dir, "passed");
    assert_eq!(release(&too_late).as_deref(), Some("not_triggered"));
    std::fs::remove_dir_all(dir).unwrap();
}
