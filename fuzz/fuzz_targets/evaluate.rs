//! bytes → one scenario file added to a bundled agreement (the Lovelock
//! letter or the Kestrel lease, their own scenarios left out) →
//! `clausec::analyze_loaded`, then the diagnostics rendered, and, when there
//! are no errors (as `clausec obligations` requires), `clausec::eval::ledger` and
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

use clausec::syntax::parse::decode;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const AGREEMENTS: [&str; 2] = ["lovelock-severance", "kestrel-press-lease"];

fn agreements() -> &'static Vec<common::ParsedAgreement> {
    static PARSED: OnceLock<Vec<common::ParsedAgreement>> = OnceLock::new();
    PARSED.get_or_init(|| {
        AGREEMENTS
            .iter()
            .map(|name| common::ParsedAgreement::read(&common::bundled(name)))
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
    let (loaded, sources) = agreement.with(&[("scenarios/fuzz.scenario", text)]);
    let analysis = clausec::analyze_loaded(loaded, &sources);
    common::render_all(&analysis, &sources);
});
