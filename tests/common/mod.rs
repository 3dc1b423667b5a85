//! What the tests of the real binary share: running it (no panic, under 5 s),
//! reading its output, and scratch agreement folders.

#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub const LETTER: &str = "clauses/lovelock-severance";

/// A run longer than this is a hang or a quadratic walk (the large-file
/// snippet bug took 107 s), not a slow machine: speed itself is measured
/// by `cargo bench`, never asserted here.
const HANG: Duration = Duration::from_secs(60);

pub fn clausec(args: &[&str]) -> Output {
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_clausec"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        // `clausec test --accept` refuses to write when `CI` is set; the
        // tests must not depend on where they run.
        .env_remove("CI")
        .output()
        .unwrap();
    assert!(
        started.elapsed() < HANG,
        "`clausec {args:?}` took {:?}",
        started.elapsed()
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("panicked"),
        "`clausec {args:?}` panicked:\n{stderr}"
    );
    output
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

pub fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", stdout(output)))
}

/// A fresh copy of the letter's folder in a temporary directory.
/// A path of its own for one test, nothing there yet.
pub fn scratch_dir() -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("clausec-cli-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// A new agreement folder holding `files` (paths relative to it, such as
/// `scenarios/base.scenario`).
pub fn agreement_of(files: &[(&str, &str)]) -> PathBuf {
    let dir = scratch_dir();
    std::fs::create_dir_all(dir.join("scenarios")).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

pub fn copy_of_letter() -> PathBuf {
    let dir = scratch_dir();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join(LETTER), &dir);
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// Replaces the first occurrence of `from` in one of the copy's files.
pub fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "`{from}` is not in {file}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Runs `check --format json` on a broken copy; asserts exit 1 and that the
/// expected code is reported at a real line and column of the named file.
pub fn assert_rejected(dir: &Path, file: &str, code: &str) -> Value {
    let output = clausec(&["check", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let report = json(&output);
    let found = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {report:#}"))
        .clone();
    assert!(found["file"].as_str().unwrap().ends_with(file), "{found:#}");
    assert!(found["line"].as_u64().unwrap() >= 1, "{found:#}");
    assert!(found["column"].as_u64().unwrap() >= 1, "{found:#}");
    assert_eq!(found["severity"], "error");
    std::fs::remove_dir_all(dir).unwrap();
    found
}

/// Every money field of a ledger's JSON, wherever it is.
pub fn money_fields(value: &serde_json::Value, out: &mut Vec<String>) {
    const MONEY: [&str; 7] = [
        "amount",
        "offset",
        "paid",
        "outstanding",
        "total",
        "payable",
        "late_interest",
    ];
    match value {
        serde_json::Value::Object(map) => {
            for (key, field) in map {
                if MONEY.contains(&key.as_str()) {
                    if let Some(text) = field.as_str() {
                        out.push(format!("{key}: {text}"));
                    }
                }
                money_fields(field, out);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| money_fields(i, out)),
        _ => {}
    }
}

/// A money field (`amount: 5730.00`) written with exactly the cents, as
/// `^-?\d+\.\d{2}$` says.
pub fn assert_cents(field: &str) {
    let digits = field.split(": ").nth(1).unwrap();
    let (whole, cents) = digits.split_once('.').unwrap_or((digits, ""));
    assert!(
        cents.len() == 2
            && !whole.trim_start_matches('-').is_empty()
            && whole
                .trim_start_matches('-')
                .chars()
                .all(|c| c.is_ascii_digit())
            && cents.chars().all(|c| c.is_ascii_digit()),
        "{field}"
    );
}

/// The ledger of `dir` under `scenario`, as JSON, which must be produced.
pub fn ledger(dir: &Path, scenario: &str) -> Value {
    let output = clausec(&[
        "obligations",
        dir.to_str().unwrap(),
        "--scenario",
        scenario,
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    json(&output)
}
