//! The folders of `src/` are the steps of the pipeline, and no step reaches
//! back up it: a module may use the steps before its own and the shared
//! layers, never a later step. (The binary's `cli/` and `main.rs` and the
//! facade `lib.rs` may use anything.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

/// The layers in pipeline order: each may use those before it.
const LAYERS: &[&str] = &[
    "escape",
    "source",
    "diagnostic",
    "calc",
    "syntax",
    "import",
    "load",
    "check",
    "eval",
    "report",
];

fn rank(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| *l == module)
}

/// The top-level modules a source file names with `crate::`, outside comments.
fn used_modules(text: &str) -> Vec<String> {
    let mut used = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        for (at, _) in code.match_indices("crate::") {
            let rest = &code[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            used.push(name);
        }
    }
    used
}

fn files_of(layer: &str) -> Vec<std::path::PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let file = src.join(format!("{layer}.rs"));
    if file.is_file() {
        return vec![file];
    }
    std::fs::read_dir(src.join(layer))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect()
}

#[test]
fn no_step_of_the_pipeline_reaches_back_up_it() {
    let mut wrong = Vec::new();
    for layer in LAYERS {
        let own = rank(layer).unwrap();
        for file in files_of(layer) {
            let text = std::fs::read_to_string(&file).unwrap();
            for used in used_modules(&text) {
                match rank(&used) {
                    Some(r) if r > own => wrong.push(format!(
                        "{} uses crate::{used}, a later step",
                        file.display()
                    )),
                    None => wrong.push(format!(
                        "{} uses crate::{used}, not a layer",
                        file.display()
                    )),
                    _ => {}
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn every_folder_of_src_is_a_layer_or_the_binary() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in std::fs::read_dir(src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        assert!(
            rank(&name).is_some() || ["cli", "main", "lib"].contains(&name.as_str()),
            "src/{name} is not in the layer map of tests/layers.rs (nor ARCHITECTURE.md?)"
        );
    }
}

/// The evaluator computes from an obligation's terms by meaning
/// (`Obligation::terms`: each term once, typed), never by searching the
/// terms as written; it reads them as written only to word them in that
/// order (`eval/describe.rs`, the ledger's list of terms).
#[test]
fn the_evaluator_reads_terms_by_meaning() {
    let mut wrong = Vec::new();
    for file in files_of("eval") {
        if file.ends_with("describe.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            if line.contains(".modifiers") || line.contains("Modifier::") {
                wrong.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// What the evaluator hands the reports about an entry (its notes, its
/// explanations, its summary and terms) is data: the modules that define
/// it write no words. The words are `report::words`'s alone.
#[test]
fn the_ledgers_notes_explanations_and_terms_hold_no_words() {
    let mut wrong = Vec::new();
    for name in ["note.rs", "explanation.rs", "term.rs"] {
        let file = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/eval")
            .join(name);
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if [
                "format!",
                "write!",
                "writeln!",
                "impl fmt::Display",
                "impl Display",
            ]
            .iter()
            .any(|words| code.contains(words))
            {
                wrong.push(format!("{name}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
