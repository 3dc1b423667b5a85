//! bytes → one scenario file in a copy of each bundled agreement (the
//! Lovelock letter and the Kestrel lease, their own scenarios left out) →
//! `clausec::analyze`, then, when there are no errors, `clausec::ledger`
//! and `render::ledger_json` (and the text and Markdown ledgers) for every
//! scenario of the model and for none.
//!
//! The folders are copied once per process; only the scenario file is
//! rewritten per input. Each input goes to one agreement, chosen by the
//! parties it names: the lease if the input has `lessee` in it (every
//! bundled lease scenario does, no letter scenario does), else the letter. So the bundled scenarios of
//! both agreements are seeds, and each input costs one analysis.

#![no_main]

mod common;

use clausec::render::{self, TextOptions};
use clausec::source::SourceMap;
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

const AGREEMENTS: [&str; 2] = ["lovelock-severance", "kestrel-press-lease"];

fn folders() -> &'static Vec<PathBuf> {
    static DIRS: OnceLock<Vec<PathBuf>> = OnceLock::new();
    DIRS.get_or_init(|| {
        let root = common::fresh_dir("evaluate");
        AGREEMENTS
            .iter()
            .map(|name| {
                let from = common::bundled(name);
                let to = root.join(name);
                std::fs::create_dir_all(to.join("scenarios")).expect("create scenarios/");
                for entry in std::fs::read_dir(&from).expect("read a bundled agreement") {
                    let path = entry.expect("read a bundled agreement").path();
                    if path.is_file() {
                        let bytes = std::fs::read(&path).expect("read a bundled file");
                        common::write(&to.join(path.file_name().expect("a file name")), &bytes);
                    }
                }
                to
            })
            .collect()
    })
}

fn mentions(data: &[u8], word: &[u8]) -> bool {
    data.windows(word.len()).any(|w| w == word)
}

fuzz_target!(|data: &[u8]| {
    let lease = mentions(data, b"lessee");
    let dir = &folders()[usize::from(lease)];
    common::write(&dir.join("scenarios").join("fuzz.scenario"), data);
    let mut sources = SourceMap::default();
    let analysis = clausec::analyze(dir, &mut sources)
        .unwrap_or_else(|e| panic!("the harness's folder is unreadable: {e}"));
    common::check_spans(&analysis.diagnostics, &sources);
    if analysis.has_errors() {
        // `clausec obligations` stops here and prints the errors.
        let text = render::diagnostics_text(&analysis.diagnostics, &sources);
        if common::printing() {
            eprintln!("{text}");
        }
        return;
    }
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
});
