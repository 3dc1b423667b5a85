//! The language guide cannot rot: every ```clause and ```scenario block of
//! `docs/LANGUAGE.md` must parse with no diagnostic, and every ```clausec
//! block (a whole agreement folder written out, files separated by
//! `== name ==` lines) must check with no error.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use clausec::diagnostic::Severity;
use clausec::source::{FileId, SourceMap};
use clausec::syntax::parse::parse_file;

const GUIDE: &str = include_str!("../docs/LANGUAGE.md");

/// (info string, first line number, body) of every fenced block.
fn blocks() -> Vec<(String, usize, String)> {
    let mut out = Vec::new();
    let mut current: Option<(String, usize, String)> = None;
    for (i, line) in GUIDE.lines().enumerate() {
        match (&mut current, line.trim_start().strip_prefix("```")) {
            (None, Some(info)) => current = Some((info.trim().to_owned(), i + 2, String::new())),
            (Some(_), Some(_)) => out.extend(current.take()),
            (Some((_, _, body)), None) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    assert!(
        current.is_none(),
        "an unclosed code block in docs/LANGUAGE.md"
    );
    out
}

#[test]
fn every_clause_and_scenario_block_parses() {
    let mut checked = 0;
    for (info, line, body) in blocks() {
        if info != "clause" && info != "scenario" {
            continue;
        }
        let (ast, diagnostics) = parse_file(FileId(0), &body);
        assert!(
            diagnostics.is_empty(),
            "docs/LANGUAGE.md line {line}: {:#?}\n{body}",
            diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>()
        );
        assert!(
            !ast.items.is_empty(),
            "docs/LANGUAGE.md line {line}: an empty block"
        );
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} blocks checked");
}

#[test]
fn every_agreement_block_checks_without_errors() {
    let mut checked = 0;
    for (n, (info, line, body)) in blocks().into_iter().enumerate() {
        if info != "clausec" {
            continue;
        }
        let dir = std::env::temp_dir().join(format!("clausec-guide-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut current: Option<(String, String)> = None;
        for text in body.lines() {
            if let Some(name) = text.strip_prefix("== ").and_then(|t| t.strip_suffix(" ==")) {
                if let Some((file, content)) = current.take() {
                    write(&dir, &file, &content);
                }
                current = Some((name.to_owned(), String::new()));
            } else if let Some((_, content)) = &mut current {
                content.push_str(text);
                content.push('\n');
            }
        }
        if let Some((file, content)) = current.take() {
            write(&dir, &file, &content);
        }
        let mut sources = SourceMap::default();
        let analysis = clausec::analyze(&dir, &mut sources).unwrap();
        let errors: Vec<&String> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| &d.message)
            .collect();
        assert!(
            errors.is_empty(),
            "docs/LANGUAGE.md line {line}: {errors:#?}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
        checked += 1;
    }
    assert!(checked >= 1, "no ```clausec agreement block in the guide");
}

fn write(dir: &std::path::Path, file: &str, content: &str) {
    let path = dir.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

#[test]
fn every_code_is_in_the_guides_table() {
    let guide =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/LANGUAGE.md")).unwrap();
    for code in clausec::diagnostic::codes::Code::ALL {
        let short = code.as_str().trim_start_matches("clausec::");
        assert!(
            guide.contains(&format!("| `{short}` |")),
            "docs/LANGUAGE.md's table of codes has no row for `{short}`"
        );
    }
}
