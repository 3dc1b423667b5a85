//! `clausec test`, run as a lawyer runs it: the real binary on a copy of
//! an agreement, with snapshots accepted, compared, refused under CI and
//! reviewed with answers piped on standard input; and `expect` lines.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{copy_of_letter, edit, stdout};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs the binary with `CI` unset (or set to `true`), `input` on its
/// standard input.
fn run(args: &[&str], input: &str, ci: bool) -> Output {
    let started = Instant::now();
    let mut command = Command::new(env!("CARGO_BIN_EXE_clausec"));
    command
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("CI")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if ci {
        command.env("CI", "true");
    }
    let mut child = command.spawn().unwrap();
    {
        let mut stdin = child.stdin.take().unwrap();
        let _ = stdin.write_all(input.as_bytes());
    }
    let output = child.wait_with_output().unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "`clausec {args:?}` took {:?}",
        started.elapsed()
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    output
}

fn test(dir: &Path, more: &[&str]) -> Output {
    let mut args = vec!["test", dir.to_str().unwrap()];
    args.extend_from_slice(more);
    run(&args, "", false)
}

fn both(output: &Output) -> String {
    format!(
        "{}{}",
        stdout(output),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// A copy of the letter without its committed snapshots.
fn letter_without_snapshots() -> std::path::PathBuf {
    let dir = copy_of_letter();
    std::fs::remove_dir_all(dir.join("snapshots")).unwrap();
    dir
}

/// The last line (counted from 1) of `file` that holds `text`.
fn line_of(dir: &Path, file: &str, text: &str) -> usize {
    let content = std::fs::read_to_string(dir.join(file)).unwrap();
    let lines: Vec<&str> = content.lines().collect();
    lines.iter().rposition(|l| l.contains(text)).unwrap() + 1
}

#[test]
fn the_bundled_agreements_match_their_snapshots_and_expectations() {
    let output = run(&["test", "clauses"], "", true);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{}", both(&output));
    // One committed snapshot per agreement × scenario.
    let snapshots = std::fs::read_dir("clauses")
        .unwrap()
        .filter_map(|agreement| std::fs::read_dir(agreement.ok()?.path().join("snapshots")).ok())
        .flatten()
        .filter(|f| {
            f.as_ref()
                .is_ok_and(|f| f.path().extension().is_some_and(|e| e == "ledger"))
        })
        .count();
    assert!(
        text.starts_with(&format!("{snapshots} ledgers match; ")),
        "{text}"
    );
    assert!(text.contains(" expectations hold"), "{text}");
}

#[test]
fn accept_writes_a_snapshot_per_scenario_and_then_all_match() {
    let dir = letter_without_snapshots();
    let output = test(&dir, &[]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("no snapshot yet; run `clausec test --accept`"),
        "{text}"
    );
    assert!(
        text.ends_with("0 ledgers match; 8 have no snapshot; 36 expectations hold\n"),
        "{text}"
    );
    assert!(!dir.join("snapshots").exists());

    let output = test(&dir, &["--accept"]);
    assert_eq!(output.status.code(), Some(0), "{}", both(&output));
    for scenario in ["base", "late_installment", "unsigned"] {
        let written =
            std::fs::read_to_string(dir.join(format!("snapshots/{scenario}.ledger"))).unwrap();
        let ledger = run(
            &[
                "obligations",
                dir.to_str().unwrap(),
                "--scenario",
                scenario,
                "--explain",
            ],
            "",
            false,
        );
        assert_eq!(written, stdout(&ledger), "{scenario}");
    }
    let output = test(&dir, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", both(&output));
    assert_eq!(stdout(&output), "8 ledgers match; 36 expectations hold\n");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_lower_rate_shows_both_interest_lines_and_fails_the_expectation() {
    let dir = copy_of_letter();
    edit(
        &dir,
        "2.clause",
        "late interest 18% per annum",
        "late interest 12% per annum",
    );
    let output = test(&dir, &["--scenario", "late_installment"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    let shown = dir.to_str().unwrap();
    assert!(
        text.contains(&format!("── {shown} · scenario late_installment ──")),
        "{text}"
    );
    assert!(
        text.contains("the ledger differs from its snapshot, in 2(b).severance, 2(b).severance[2]"),
        "{text}"
    );
    assert!(
        text.contains("@@ -34,12 +34,12 @@ 2(b).severance, 2(b).severance[2]"),
        "{text}"
    );
    for line in [
        "-          late interest $256.85: October 31, 2002 to November 25, 2002, 25 days",
        "+          late interest $171.23: October 31, 2002 to November 25, 2002, 25 days",
        "-      late interest owed on the installments: $256.85",
        "+      late interest owed on the installments: $171.23",
    ] {
        assert!(
            text.contains(&format!("\n{line}\n")),
            "no `{line}` in\n{text}"
        );
    }
    // The expectation fails, at its own line, with both figures.
    let line = line_of(
        &dir,
        "scenarios/late-installment.scenario",
        "expect 2(b).severance[2] late interest is $256.85",
    );
    assert!(
        text.contains(&format!("late-installment.scenario:{line}:3]")),
        "{text}"
    );
    assert!(
        text.contains(
            "under scenario `late_installment`, `2(b).severance[2]` late interest is $171.23, not $256.85"
        ),
        "{text}"
    );
    assert!(text.contains("× 12% × 25/365"), "{text}");
    assert!(
        text.ends_with("0 ledgers match; 1 differs; 1 of 6 expectations fails\n"),
        "{text}"
    );
    // Accepting is refused while an expectation of the scenario fails.
    let before = std::fs::read(dir.join("snapshots/late_installment.ledger")).unwrap();
    let output = test(&dir, &["--scenario", "late_installment", "--accept"]);
    assert_eq!(output.status.code(), Some(1), "{}", both(&output));
    assert!(stdout(&output).contains("not accepted: 1 of this scenario's expectations fails"));
    let after = std::fs::read(dir.join("snapshots/late_installment.ledger")).unwrap();
    assert_eq!(before, after);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn under_ci_nothing_is_written() {
    let dir = letter_without_snapshots();
    for flag in ["--accept", "--review"] {
        let output = run(&["test", dir.to_str().unwrap(), flag], "y\n", true);
        assert_eq!(output.status.code(), Some(2), "{}", both(&output));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!(
                "error: `{flag}` writes snapshots, and nothing is written when `CI` is set"
            )),
            "{stderr}"
        );
    }
    let output = run(&["test", dir.to_str().unwrap()], "", true);
    assert_eq!(output.status.code(), Some(1), "{}", both(&output));
    assert!(!dir.join("snapshots").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn review_accepts_what_is_answered_yes() {
    let dir = copy_of_letter();
    edit(
        &dir,
        "2.clause",
        "late interest 18% per annum",
        "late interest 12% per annum",
    );
    let path = dir.to_str().unwrap();
    let output = run(
        &["test", path, "--scenario", "base", "--review"],
        "y\n",
        false,
    );
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.contains("accept? [y]es / [n]o / [s]kip "), "{text}");
    assert!(
        text.contains("+      late interest 12% per annum on the unpaid amount"),
        "{text}"
    );
    assert!(text.contains("accepted: "), "{text}");
    assert!(
        text.ends_with("0 ledgers match; 1 accepted; 9 expectations hold\n"),
        "{text}"
    );
    let snapshot = std::fs::read_to_string(dir.join("snapshots/base.ledger")).unwrap();
    assert!(snapshot.contains("late interest 12% per annum"));

    // `n` keeps the snapshot; the end of the answers leaves the rest as they are.
    let before = std::fs::read(dir.join("snapshots/reading_all_dates.ledger")).unwrap();
    let output = run(
        &["test", path, "--scenario", "reading_all_dates", "--review"],
        "maybe\nn\n",
        false,
    );
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("answer `y`, `n` or `s`"), "{text}");
    assert!(
        text.contains("kept the snapshot: the ledger still differs"),
        "{text}"
    );
    let after = std::fs::read(dir.join("snapshots/reading_all_dates.ledger")).unwrap();
    assert_eq!(before, after);
    let output = run(&["test", path, "--review"], "", false);
    assert_eq!(output.status.code(), Some(1), "{}", both(&output));
    assert!(stdout(&output).contains("skipped"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_failing_expectation_names_its_line_and_both_values() {
    let dir = copy_of_letter();
    let file = "scenarios/base.scenario";
    let path = dir.join(file);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("  expect 2(b).severance[3] due is October 31, 2002\n");
    text.push_str("  expect 2(b).severance[9] amount is $1.00\n");
    text.push_str("  expect acceptance status is missed\n");
    text.push_str("  expect the total paid by employee is $5.00\n");
    text.push_str("  expect finding offset_excess\n");
    std::fs::write(&path, text).unwrap();
    let output = test(&dir, &["--scenario", "base"]);
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    for (line, message) in [
        (
            "expect 2(b).severance[3] due",
            "`2(b).severance[3]` due is November 30, 2002, not October 31, 2002",
        ),
        (
            "expect 2(b).severance[9]",
            "there is no `2(b).severance[9]`: `2(b).severance` has 6 instances",
        ),
        (
            "expect acceptance status",
            "`acceptance` status is `met`, not `missed`",
        ),
        (
            "expect the total paid by employee",
            "the total paid by `employee` is $0.00, not $5.00",
        ),
        (
            "expect finding offset_excess",
            "the ledger lists no finding `offset_excess`",
        ),
    ] {
        let at = line_of(&dir, file, line);
        assert!(
            out.contains(&format!("base.scenario:{at}:3]")),
            "no line {at} in {out}"
        );
        assert!(out.contains(message), "no `{message}` in {out}");
    }
    assert!(
        out.ends_with("1 ledger matches; 5 of 14 expectations fail\n"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_expectation_naming_nothing_is_an_error_of_check() {
    let dir = copy_of_letter();
    let path = dir.join("scenarios/base.scenario");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("  expect 2(b).severence[2] amount is $20,833.33\n");
    text.push_str("  expect finding count_mismath\n");
    text.push_str("  expect the total paid by compnay is $1.00\n");
    std::fs::write(&path, text).unwrap();
    let output = run(&["check", dir.to_str().unwrap()], "", false);
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    for wanted in [
        "clausec::scenario::unknown_obligation",
        "the agreement has no obligation `2(b).severence`",
        "did you mean `2(b).severance`?",
        "there is no diagnostic code named `count_mismath`",
        "did you mean `count_mismatch`?",
        "`compnay` is not a party to this agreement",
    ] {
        assert!(out.contains(wanted), "no `{wanted}` in {out}");
    }
    // `test` reports them as `check` does, and compares nothing.
    let output = test(&dir, &[]);
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(out.contains("not compared: "), "{out}");
    assert!(
        out.ends_with("0 ledgers match; 1 agreement has errors\n"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn fmt_indents_expect_lines_in_a_scenario() {
    let dir = copy_of_letter();
    let path = dir.join("scenarios/base.scenario");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("expect acceptance status is met\n      expect finding count_mismatch\n");
    std::fs::write(&path, text).unwrap();
    let output = run(&["fmt", path.to_str().unwrap()], "", false);
    assert_eq!(output.status.code(), Some(0), "{}", both(&output));
    let formatted = std::fs::read_to_string(&path).unwrap();
    assert!(
        formatted.ends_with("  expect acceptance status is met\n  expect finding count_mismatch\n"),
        "{formatted}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_same_agreement_gives_the_same_bytes() {
    let dir = copy_of_letter();
    edit(
        &dir,
        "2.clause",
        "grace period 10 days",
        "grace period 5 days",
    );
    let first = test(&dir, &[]);
    let second = test(&dir, &[]);
    assert_eq!(first.stdout, second.stdout);
    assert_eq!(first.status.code(), Some(1));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Every obligation and instance of every bundled ledger is named by the
/// lines the diff reads back from the text.
#[test]
fn the_diff_names_every_obligation_of_the_bundled_ledgers() {
    use clausec::report::render::{ledger_text, TextOptions};
    use clausec::report::snapshot::line_owners;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in clausec::load::discover(&[root.join("clauses")]).unwrap() {
        let mut sources = clausec::source::SourceMap::default();
        let analysis = clausec::analyze(&dir, &mut sources).unwrap();
        for scenario in &analysis.model.scenarios {
            let ledger = clausec::ledger(&analysis, Some(scenario));
            let owners = line_owners(&ledger_text(&ledger, TextOptions { explain: true }));
            for entry in &ledger.obligations {
                let id = entry.id.to_string();
                assert!(
                    owners.iter().any(|o| o.as_deref() == Some(id.as_str())),
                    "{}: no line of `{id}`",
                    dir.display()
                );
            }
        }
    }
}
