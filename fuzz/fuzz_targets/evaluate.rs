//! bytes → one scenario file added to a bundled agreement (the Lovelock
//! letter or the Kestrel lease, their own scenarios left out) →
//! `clausec::analyze_loaded`, then the diagnostics rendered, and, when there
//! are no errors (as `clausec obligations` requires), `clausec::ledger` and
//! the JSON, text and Markdown ledgers for every scenario and for none.
//!
//! Each agreement is read and parsed once per process; an input costs the
//! parse of the scenario and everything after parsing (names, types,
//! contract findings, evaluation, rendering) — the steps `analyze` runs,
//! through the same function. The input goes to the lease if it contains
//! `lessee` (every bundled lease scenario does, no letter scenario does),
//! else to the letter, so the bundled scenarios of both are seeds.

#![no_main]

mod common;

use clausec::load::{self, Loaded, Parsed};
use clausec::parse::{decode, parse_file};
use clausec::source::SourceMap;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const AGREEMENTS: [&str; 2] = ["lovelock-severance", "kestrel-press-lease"];

/// One bundled agreement, parsed, without its scenarios.
struct Agreement {
    loaded: Loaded,
    sources: SourceMap,
}

fn agreements() -> &'static Vec<Agreement> {
    static PARSED: OnceLock<Vec<Agreement>> = OnceLock::new();
    PARSED.get_or_init(|| {
        AGREEMENTS
            .iter()
            .map(|name| {
                let mut sources = SourceMap::default();
                let mut loaded = load::load_agreement(&common::bundled(name), &mut sources)
                    .unwrap_or_else(|e| panic!("read {name}: {e}"));
                assert!(
                    loaded.diagnostics.is_empty(),
                    "{name} does not parse cleanly"
                );
                loaded.files.retain(|f| !f.is_scenario);
                Agreement { loaded, sources }
            })
            .collect()
    })
}

fn mentions(data: &[u8], word: &[u8]) -> bool {
    data.windows(word.len()).any(|w| w == word)
}

fuzz_target!(|data: &[u8]| {
    // A scenario that is not UTF-8 never gets past the loader.
    let Ok(text) = decode(data) else {
        return;
    };
    let agreement = &agreements()[usize::from(mentions(data, b"lessee"))];
    let mut sources = agreement.sources.clone();
    let path = agreement.loaded.dir.join("scenarios").join("fuzz.scenario");
    let file = sources.add(&path, text);
    let text = sources.get(file).map_or("", |f| f.text.as_str());
    let (ast, diagnostics) = parse_file(file, text);
    let mut loaded = Loaded {
        dir: agreement.loaded.dir.clone(),
        dir_span: agreement.loaded.dir_span,
        files: agreement.loaded.files.clone(),
        source: agreement.loaded.source,
        diagnostics,
    };
    loaded.files.push(Parsed {
        file,
        ast,
        is_scenario: true,
    });
    let analysis = clausec::analyze_loaded(loaded, &sources);
    common::render_all(&analysis, &sources);
});
