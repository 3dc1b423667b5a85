//! bytes → an agreement held in memory → `clausec::analyze_with`, then the
//! diagnostics rendered as text and JSON, and, when the agreement is free of
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
//! With the Lovelock header (no `HEADER`, or an empty one), the header is
//! read and parsed once per process and the input's files are parsed and
//! added to it (`clausec::analyze_loaded`: the steps after reading). With a
//! header of its own, the files are given to `clausec::analyze_with` as an
//! overlay (as the language server gives an editor's unsaved buffers) over
//! a folder that holds only the letter's `source.txt`, so reading runs too.
//! Nothing is written per input.

#![no_main]

mod common;

use clausec::load::Overlay;
use clausec::source::SourceMap;
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

const HEADER: &[u8] = include_bytes!("../../clauses/lovelock-severance/agreement.clause");
const SOURCE: &[u8] = include_bytes!("../../clauses/lovelock-severance/source.txt");

/// A folder with the letter's `source.txt` alone.
fn bare_folder() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = common::fresh_dir("check");
        common::write(&dir.join("source.txt"), SOURCE);
        dir
    })
}

/// The letter's header and `source.txt`, parsed.
fn with_header() -> &'static common::ParsedAgreement {
    static PARSED: OnceLock<common::ParsedAgreement> = OnceLock::new();
    PARSED.get_or_init(|| {
        let dir = common::fresh_dir("check-header");
        common::write(&dir.join("source.txt"), SOURCE);
        common::write(&dir.join("agreement.clause"), HEADER);
        common::ParsedAgreement::read(&dir)
    })
}

/// An overlay text, as the language server would hold it: bytes that are not
/// UTF-8 are replaced, as an editor would show them.
fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |b| *b == 0);
    let first = parts.next().unwrap_or_default();
    let (header, clauses, scenario) = match (parts.next(), parts.next()) {
        (None, _) => (None, first, None),
        (Some(clauses), scenario) => ((!first.is_empty()).then_some(first), clauses, scenario),
    };
    let mut files = vec![("fuzz.clause", text(clauses))];
    if let Some(scenario) = scenario {
        files.push(("scenarios/fuzz.scenario", text(scenario)));
    }
    let Some(header) = header else {
        let (loaded, sources) = with_header().with(&files);
        let analysis = clausec::analyze_loaded(loaded, &sources);
        common::render_all(&analysis, &sources);
        return;
    };
    let dir = bare_folder();
    let mut overlay: Overlay = files
        .into_iter()
        .map(|(name, text)| (dir.join(name), text))
        .collect();
    overlay.insert(dir.join("agreement.clause"), text(header));
    let mut sources = SourceMap::default();
    let analysis = clausec::analyze_with(dir, &mut sources, &overlay)
        .unwrap_or_else(|e| panic!("the harness's folder is unreadable: {e}"));
    common::render_all(&analysis, &sources);
});
