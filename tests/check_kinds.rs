//! Where the checker's kinds of problem are placed: a scenario's problem
//! says its scenario by its typed origin, not by a clause string; another
//! place a problem names is shown only in the problem's own file.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use clausec::diagnostic::Diagnostic;
use clausec::source::SourceMap;
use common::*;

const HEADER: &str =
    "agreement \"Reports\"\n  dated January 2, 2025\n\nparty a \"Ames Ltd\"\nparty b \"Bell Inc\"\n";

const FEE: &str = "clause 1 \"Reports\"\nfee: a pays b $100.00\n    on January 31, 2025\n";

/// The diagnostics of the agreement made of `files`, with the code `code`.
fn diagnostics(files: &[(&str, &str)], code: &str) -> Vec<Diagnostic> {
    let dir = agreement_of(files);
    let mut sources = SourceMap::default();
    let analysis = clausec::analyze(&dir, &mut sources).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    analysis
        .diagnostics
        .into_iter()
        .filter(|d| d.code.as_str().ends_with(code))
        .collect()
}

#[test]
fn a_scenario_problem_names_its_scenario_and_no_clause() {
    let found = diagnostics(
        &[
            ("agreement.clause", HEADER),
            ("1.clause", FEE),
            (
                "scenarios/base.scenario",
                "scenario base \"Base\"\n  as of June 30, 2025\n  c paid b $100.00 on January 31, 2025 for fee\n",
            ),
        ],
        "unknown_party",
    );
    let [problem] = found.as_slice() else {
        panic!("one unknown party, not {found:#?}");
    };
    assert_eq!(problem.scenario.as_deref(), Some("base"));
    assert_eq!(problem.clause, None);
    assert_eq!(problem.place().as_deref(), Some("scenario base"));
}

#[test]
fn a_clause_problem_names_its_clause_and_no_scenario() {
    let found = diagnostics(
        &[
            ("agreement.clause", HEADER),
            ("1.clause", &FEE.replace("a pays", "c pays")),
        ],
        "unknown_party",
    );
    let [problem] = found.as_slice() else {
        panic!("one unknown party, not {found:#?}");
    };
    assert_eq!(problem.scenario, None);
    assert_eq!(problem.place().as_deref(), Some("1"));
}

#[test]
fn the_first_declaration_is_shown_only_in_the_same_file() {
    let same_file = format!("{HEADER}party a \"Ames Again\"\n");
    let found = diagnostics(&[("agreement.clause", &same_file)], "duplicate_name");
    let [problem] = found.as_slice() else {
        panic!("one duplicate, not {found:#?}");
    };
    let captions: Vec<&str> = problem.labels.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(captions, ["declared again here", "first declared here"]);

    let found = diagnostics(
        &[
            ("agreement.clause", HEADER),
            ("more.clause", "party a \"Ames Again\"\n"),
        ],
        "duplicate_name",
    );
    let [problem] = found.as_slice() else {
        panic!("one duplicate, not {found:#?}");
    };
    let captions: Vec<&str> = problem.labels.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(captions, ["declared again here"]);
}
