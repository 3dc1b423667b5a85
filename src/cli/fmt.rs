//! `clausec fmt`, as the command line runs it: which files, what is
//! printed, when a file is written.

use super::Outcome;
use clausec::diagnostic::Severity;
use clausec::load::{self, WriteError};
use clausec::report::render;
use clausec::source::SourceMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// `clausec fmt`: formats each file that parses, never one that does not,
/// and writes only what changed — atomically, and only after checking that
/// the formatted text means exactly what the original did. Each file's
/// report is printed before the next file is read, so that a failure later
/// on never hides what was already written. Exit code: 1 when a file was
/// not formatted (or, with `--check`, would change), 2 when one could not be
/// read or written.
pub fn fmt(paths: Vec<PathBuf>, check_only: bool) -> Result<Outcome, String> {
    let paths = if paths.is_empty() {
        vec![PathBuf::from("clauses")]
    } else {
        paths
    };
    let files = load::clause_files(&paths).map_err(|e| e.to_string())?;
    let mut code = 0;
    let mut stdout = std::io::stdout().lock();
    for path in files {
        let (report, file_code) = format_file(&path, check_only);
        // File names are the user's: no raw control character.
        let report = clausec::escape::terminal(&report);
        // A closed pipe (`clausec fmt | head`) is not a reason to stop formatting.
        let _ = stdout
            .write_all(report.as_bytes())
            .and_then(|()| stdout.flush());
        code = code.max(file_code);
    }
    Ok(Outcome {
        stdout: String::new(),
        code,
    })
}

/// Formats one file: what to print about it, and its exit code.
fn format_file(path: &Path, check_only: bool) -> (String, u8) {
    let shown = path.to_string_lossy().replace('\\', "/");
    let not_formatted = |why: &str, code: u8| (format!("not formatted: {shown}: {why}\n"), code);
    let read = match load::read_for_format(path) {
        Ok(Ok(read)) => read,
        Ok(Err(why)) => return not_formatted(&why, 1),
        Err(e) => return not_formatted(&e.to_string(), 2),
    };
    let mut sources = SourceMap::default();
    let id = sources.add(path, read.text.clone());
    let (before, diagnostics) = clausec::syntax::parse::parse_file(id, &read.text);
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        let (line, code) = not_formatted("fix the errors above first", 1);
        return (
            render::diagnostics_text(&diagnostics, &sources) + &line,
            code,
        );
    }
    let formatted = clausec::syntax::format::format_text(&read.text);
    if formatted == read.text {
        return (String::new(), 0);
    }
    let (after, _) = clausec::syntax::parse::parse_file(id, &formatted);
    if after != before {
        return not_formatted(
            "formatting would change its meaning (a bug in clausec; please report it)",
            1,
        );
    }
    if check_only {
        return (format!("would reformat: {shown}\n"), 1);
    }
    match load::replace_formatted(path, &read, &formatted) {
        Ok(()) => (format!("formatted: {shown}\n"), 0),
        Err(WriteError::Refused(why)) => not_formatted(&why, 1),
        Err(WriteError::Io(e)) => not_formatted(&format!("cannot write it: {e}"), 2),
    }
}
