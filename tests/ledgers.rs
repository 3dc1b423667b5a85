//! One snapshot per agreement × scenario: the text ledger a lawyer reads,
//! with the arithmetic, findings and assumptions. A new folder under
//! `clauses/` or a new `.scenario` file is picked up with no change here;
//! its snapshot is named `<agreement>__<scenario>.snap`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use clausec::diagnostic::Severity;
use clausec::report::render::{ledger_text, TextOptions};
use clausec::source::SourceMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

#[test]
fn every_scenario_of_every_agreement() {
    let mut failures = Vec::new();
    let mut count = 0;
    for agreement in agreements() {
        let mut sources = SourceMap::default();
        let analysis = clausec::analyze(&agreement, &mut sources).unwrap();
        let errors: Vec<_> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert!(
            errors.is_empty(),
            "{} has errors: {errors:#?}",
            agreement.display()
        );
        assert!(
            !analysis.model.scenarios.is_empty(),
            "{} has no scenario",
            agreement.display()
        );
        let folder = agreement
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        for scenario in &analysis.model.scenarios {
            let ledger = clausec::ledger(&analysis, Some(scenario));
            let text = ledger_text(&ledger, TextOptions { explain: true });
            let name = format!("{folder}__{}", scenario.name.node);
            count += 1;
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
                    insta::assert_snapshot!(name.clone(), text);
                });
            }));
            if outcome.is_err() {
                failures.push(name);
            }
        }
    }
    assert!(count >= 6, "expected the bundled scenarios, found {count}");
    assert!(
        failures.is_empty(),
        "ledgers changed: {failures:?} (review with `cargo insta review`)"
    );
}

/// Every folder under `clauses/` that holds clause files, relative to the
/// crate so that paths in reports are the same on every machine.
fn agreements() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::set_current_dir(root).unwrap();
    clausec::load::discover(&[PathBuf::from("clauses")]).unwrap()
}
