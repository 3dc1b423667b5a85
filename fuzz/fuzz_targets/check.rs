//! bytes → an agreement folder on disk → `clausec::analyze`, then the
//! diagnostics rendered as text and JSON, and, when the folder is free of
//! errors, the ledger of every scenario in all three formats.
//!
//! The input is split at NUL bytes (a NUL is never valid in a clause file):
//!
//! - `CLAUSES`: one clause file next to the Lovelock letter's header
//!   (`agreement.clause`) and its `source.txt` — the bundled clause files
//!   are seeds of this shape;
//! - `HEADER \0 CLAUSES`: the header is fuzzed too (an empty `HEADER`
//!   stands for the Lovelock header);
//! - `HEADER \0 CLAUSES \0 SCENARIO`: plus one scenario file, so that odd
//!   clauses are also evaluated under a scenario.
//!
//! The folder is made once per process; a file is rewritten only when its
//! content changes.

#![no_main]

mod common;

use clausec::render::{self, Tally, TextOptions};
use clausec::source::SourceMap;
use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

const HEADER: &[u8] = include_bytes!("../../clauses/lovelock-severance/agreement.clause");
const SOURCE: &[u8] = include_bytes!("../../clauses/lovelock-severance/source.txt");

fn folder() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = common::fresh_dir("check");
        common::write(&dir.join("source.txt"), SOURCE);
        std::fs::create_dir_all(dir.join("scenarios")).expect("create scenarios/");
        dir
    })
}

/// What is on disk now: header, clauses, scenario (`None`: no file).
type Written = (Vec<u8>, Vec<u8>, Option<Vec<u8>>);

fn written() -> &'static Mutex<Option<Written>> {
    static WRITTEN: Mutex<Option<Written>> = Mutex::new(None);
    &WRITTEN
}

fn update(path: &Path, old: Option<&[u8]>, new: &[u8]) {
    if old != Some(new) {
        common::write(path, new);
    }
}

fuzz_target!(|data: &[u8]| {
    let dir = folder();
    let mut parts = data.splitn(3, |b| *b == 0);
    let first = parts.next().unwrap_or_default();
    let (header, clauses, scenario) = match (parts.next(), parts.next()) {
        (None, _) => (HEADER, first, None),
        (Some(clauses), scenario) => {
            let header = if first.is_empty() { HEADER } else { first };
            (header, clauses, scenario)
        }
    };
    let mut on_disk = written().lock().unwrap_or_else(|e| e.into_inner());
    let old = on_disk.take();
    update(&dir.join("agreement.clause"), old.as_ref().map(|o| o.0.as_slice()), header);
    update(&dir.join("fuzz.clause"), old.as_ref().map(|o| o.1.as_slice()), clauses);
    let scenario_path = dir.join("scenarios").join("fuzz.scenario");
    match (scenario, old.as_ref().and_then(|o| o.2.as_deref())) {
        (Some(new), old) => update(&scenario_path, old, new),
        (None, Some(_)) => {
            std::fs::remove_file(&scenario_path).expect("remove the old scenario");
        }
        (None, None) => {}
    }
    *on_disk = Some((header.to_vec(), clauses.to_vec(), scenario.map(<[u8]>::to_vec)));
    drop(on_disk);

    let mut sources = SourceMap::default();
    let analysis = clausec::analyze(dir, &mut sources)
        .unwrap_or_else(|e| panic!("the harness's folder is unreadable: {e}"));
    common::check_spans(&analysis.diagnostics, &sources);

    // What `clausec check` prints, in both formats.
    let tally = Tally::of(&analysis.diagnostics);
    let text = render::diagnostics_text(&analysis.diagnostics, &sources);
    let tally_line = render::tally_line(tally);
    if common::printing() {
        eprintln!("{text}{tally_line}");
    }
    let items = render::json_items(&analysis.diagnostics, &sources);
    let _ = render::check_json(&items, tally);

    // What `clausec obligations` prints; like the CLI, only for a folder
    // free of errors.
    if !analysis.has_errors() {
        let scenarios = analysis.model.scenarios.iter().map(Some).chain([None]);
        for scenario in scenarios {
            let ledger = clausec::ledger(&analysis, scenario, &sources);
            let _ = render::ledger_json(&ledger);
            let text = render::ledger_text(&ledger, TextOptions { explain: true });
            if common::printing() {
                eprintln!("{text}");
            }
            let _ = render::ledger_markdown(&ledger);
        }
    }
});
