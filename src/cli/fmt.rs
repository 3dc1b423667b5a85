//! `clausec fmt`, as the command line runs it: which files, what is
//! printed, when a file is written.

use super::Outcome;
use clausec::diagnostic::Severity;
use clausec::report::render;
use clausec::source::SourceMap;
use std::path::PathBuf;

/// `clausec fmt`: formats each file that parses, never one that does not,
/// and writes only what changed — atomically, and only after checking that
/// the formatted text means exactly what the original did.
pub fn fmt(paths: Vec<PathBuf>, check_only: bool) -> Result<Outcome, String> {
    let paths = if paths.is_empty() {
        vec![PathBuf::from("clauses")]
    } else {
        paths
    };
    let files = clausec::load::clause_files(&paths).map_err(|e| e.to_string())?;
    let mut stdout = String::new();
    let mut failed = false;
    let mut sources = SourceMap::default();
    for path in files {
        let shown = path.to_string_lossy().replace('\\', "/");
        let text = match clausec::load::read_for_format(&path).map_err(|e| e.to_string())? {
            Ok(text) => text,
            Err(why) => {
                stdout.push_str(&format!("not formatted: {shown}: {why}\n"));
                failed = true;
                continue;
            }
        };
        let id = sources.add(&path, text.clone());
        let (before, diagnostics) = clausec::syntax::parse::parse_file(id, &text);
        if diagnostics.iter().any(|d| d.severity == Severity::Error) {
            stdout.push_str(&render::diagnostics_text(&diagnostics, &sources));
            stdout.push_str(&format!(
                "not formatted: {shown}: fix the errors above first\n"
            ));
            failed = true;
            continue;
        }
        let formatted = clausec::syntax::format::format_text(&text);
        if formatted == text {
            continue;
        }
        let (after, _) = clausec::syntax::parse::parse_file(id, &formatted);
        if after != before {
            stdout.push_str(&format!(
                "not formatted: {shown}: formatting would change its meaning (a bug in clausec; please report it)\n"
            ));
            failed = true;
            continue;
        }
        if check_only {
            stdout.push_str(&format!("would reformat: {shown}\n"));
            failed = true;
        } else {
            clausec::load::write_atomically(&path, &formatted)
                .map_err(|e| format!("cannot write `{shown}`: {e}"))?;
            stdout.push_str(&format!("formatted: {shown}\n"));
        }
    }
    Ok(Outcome {
        stdout,
        code: u8::from(failed),
    })
}
