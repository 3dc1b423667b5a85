//! One snapshot per diagnostic fixture. Each folder under
//! `tests/fixtures/diagnostics/` is a small agreement that shows one
//! diagnostic code, named by the code's last part (`unknown_party`). The
//! snapshot holds the fixture's files and the rendered report, so it reads on
//! its own. Codes that need a generated input (a file too large to commit)
//! are made in a temporary folder here.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use clausec::diagnostic::codes::Code;
use clausec::report::render::{diagnostics_text, tally_line, Tally};
use clausec::source::SourceMap;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

const FIXTURES: &str = "tests/fixtures/diagnostics";

/// Codes shown by a generated input rather than a committed fixture.
const GENERATED: &[Code] = &[Code::TooLarge];

#[test]
fn every_fixture_shows_its_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::set_current_dir(root).unwrap();
    let mut failures = Vec::new();
    let mut shown = BTreeSet::new();
    for fixture in fixtures() {
        let name = fixture.file_name().unwrap().to_string_lossy().into_owned();
        let code = Code::find(&name)
            .unwrap_or_else(|| panic!("fixture `{name}` is not named after a code"));
        let (report, codes) = report(&fixture);
        assert!(
            codes.contains(&code),
            "fixture `{name}` does not produce {}; it produced {codes:?}\n{report}",
            code.as_str()
        );
        shown.insert(code);
        let snapshot = format!("{}── report ──\n{report}", files_of(&fixture));
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
                insta::assert_snapshot!(format!("diagnostic__{name}"), snapshot);
            });
        }));
        if outcome.is_err() {
            failures.push(name);
        }
    }
    assert!(
        failures.is_empty(),
        "reports changed: {failures:?} (review with `cargo insta review`)"
    );
    let missing: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| !shown.contains(c) && !GENERATED.contains(c))
        .map(|c| c.as_str())
        .collect();
    assert!(missing.is_empty(), "codes without a fixture: {missing:?}");
}

#[test]
fn a_file_over_the_size_limit_is_refused() {
    let dir = std::env::temp_dir().join(format!("clausec-too-large-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let big = "# padding\n".repeat((clausec::source::MAX_FILE_BYTES / 10 + 1) as usize);
    std::fs::write(dir.join("huge.clause"), big).unwrap();
    let (report, codes) = report(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(codes.contains(&Code::TooLarge), "{report}");
}

fn fixtures() -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(FIXTURES)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    found.sort();
    assert!(!found.is_empty());
    found
}

/// The rendered diagnostics of one agreement folder, and their codes: what
/// `check` reports, and, when it finds no error, the `expect` lines that
/// fail (what `clausec test` adds).
fn report(dir: &Path) -> (String, BTreeSet<Code>) {
    let mut sources = SourceMap::default();
    let analysis = clausec::analyze(dir, &mut sources).unwrap();
    let mut diagnostics = analysis.diagnostics.clone();
    if !analysis.has_errors() {
        for scenario in &analysis.model.scenarios {
            let ledger = clausec::ledger(&analysis, Some(scenario));
            let checked = clausec::report::expect::check(&ledger, &scenario.expectations);
            diagnostics.extend(
                checked
                    .failed
                    .iter()
                    .map(|f| clausec::report::expect::diagnostic(f, &scenario.name.node)),
            );
        }
    }
    let codes = diagnostics.iter().map(|d| d.code).collect();
    let text = diagnostics_text(&diagnostics, &sources) + &tally_line(Tally::of(&diagnostics));
    (text, codes)
}

/// Every file of the fixture (scenarios included), as text.
fn files_of(dir: &Path) -> String {
    let mut paths: Vec<PathBuf> = walk(dir);
    paths.sort();
    let mut out = String::new();
    for path in paths {
        if let Ok(target) = std::fs::read_link(&path) {
            // A link is shown as a link: its target is not the fixture's.
            let _ = writeln!(
                out,
                "── {} ──\n<a symbolic link to {}>",
                path.display(),
                target.display()
            );
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let shown = match std::str::from_utf8(&bytes) {
            Ok(text) => text.to_owned(),
            Err(_) => format!("<{} bytes, not UTF-8>\n", bytes.len()),
        };
        let _ = write!(out, "── {} ──\n{shown}", path.display());
        if !shown.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() && !path.is_symlink() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
