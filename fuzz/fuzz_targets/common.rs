//! Helpers shared by the fuzz targets (each target includes this file as a module).

#![allow(dead_code)]

use clausec::diagnostic::Diagnostic;
use clausec::load::Loaded;
use clausec::report::render::{self, Tally, TextOptions};
use clausec::source::SourceMap;
use clausec::Analysis;
use std::path::{Path, PathBuf};

/// Every label of every diagnostic must point into a file of the map, inside
/// its text (`start <= end <= len`).
pub fn check_spans(diagnostics: &[Diagnostic], sources: &SourceMap) {
    for d in diagnostics {
        for label in &d.labels {
            let span = label.span;
            let Some(file) = sources.get(span.file) else {
                panic!(
                    "{:?}: span {span:?} names a file that is not in the map ({})",
                    d.code, d.message
                );
            };
            assert!(
                span.start <= span.end && span.end <= file.text.len(),
                "{:?}: span {}..{} outside {} ({} bytes): {}",
                d.code,
                span.start,
                span.end,
                file.display_path(),
                file.text.len(),
                d.message
            );
        }
    }
}

/// A fresh folder of this process under the system temp folder (`$TMPDIR`,
/// else `/tmp`): `clausec-fuzz-<target>-<pid>`. libFuzzer ends the process
/// with `exit`, so it is not removed; it holds a few small files.
pub fn fresh_dir(target: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("clausec-fuzz-{target}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the fuzz temp folder");
    dir
}

/// The bundled agreements, found from this crate's folder.
pub fn bundled(agreement: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("clauses")
        .join(agreement)
}

/// Writes a file, failing loudly: a write error is the harness's problem,
/// not clausec's.
pub fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

/// `CLAUSEC_FUZZ_PRINT=1`: print what a target computed, to see how deep an
/// input reaches when replaying it (`target/.../evaluate input.scenario`).
pub fn printing() -> bool {
    static PRINT: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *PRINT.get_or_init(|| std::env::var_os("CLAUSEC_FUZZ_PRINT").is_some())
}

/// What the CLI prints for an analysis: the spans checked, the diagnostics
/// as `clausec check` renders them (text and JSON), and, for an agreement
/// free of errors (as `clausec obligations` requires), the ledger of every
/// scenario and of none, as JSON, text with `--explain`, and Markdown.
pub fn render_all(analysis: &Analysis, sources: &SourceMap) {
    check_spans(&analysis.diagnostics, sources);
    let tally = Tally::of(&analysis.diagnostics);
    let text = render::diagnostics_text(&analysis.diagnostics, sources);
    let tally_line = render::tally_line(tally);
    if printing() {
        eprintln!("{text}{tally_line}");
    }
    let items = render::json_items(&analysis.diagnostics, sources);
    let _ = render::check_json(&items, tally);
    if analysis.has_errors() {
        return;
    }
    let scenarios = analysis.model.scenarios.iter().map(Some).chain([None]);
    for scenario in scenarios {
        let ledger = clausec::ledger(analysis, scenario);
        let _ = render::ledger_json(&ledger);
        let text = render::ledger_text(&ledger, TextOptions { explain: true });
        if printing() {
            eprintln!("{text}");
        }
        let _ = render::ledger_markdown(&ledger);
    }
}

/// An agreement read and parsed once per process, to which each input adds
/// files: what `load_agreement` would return for the folder with those files
/// in it, without reading or parsing the others again.
pub struct ParsedAgreement {
    pub loaded: Loaded,
    pub sources: SourceMap,
}

impl ParsedAgreement {
    /// Reads `dir` (which must parse without a diagnostic), leaving out its
    /// scenarios.
    pub fn read(dir: &Path) -> Self {
        let mut sources = SourceMap::default();
        let mut loaded = clausec::load::load_agreement(dir, &mut sources)
            .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()));
        assert!(
            loaded.diagnostics.is_empty(),
            "{} does not parse cleanly",
            dir.display()
        );
        loaded.files.retain(|f| !f.is_scenario);
        ParsedAgreement { loaded, sources }
    }

    /// The agreement with `files` (a path relative to the folder, and its
    /// text) parsed and added, as the loader adds a file.
    pub fn with(&self, files: &[(&str, String)]) -> (Loaded, SourceMap) {
        let mut sources = self.sources.clone();
        let mut loaded = Loaded {
            dir: self.loaded.dir.clone(),
            dir_span: self.loaded.dir_span,
            files: self.loaded.files.clone(),
            source: self.loaded.source,
            diagnostics: Vec::new(),
        };
        for (name, text) in files {
            let path = loaded.dir.join(name);
            loaded.add_file(
                &mut sources,
                &path,
                text.clone(),
                name.ends_with(".scenario"),
            );
        }
        (loaded, sources)
    }
}
