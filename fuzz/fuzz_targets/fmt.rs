//! bytes → `decode` → `format::format_text`, as `clausec fmt` runs it:
//! formatting any text never panics; and for a text that parses without
//! errors (the only kind `clausec fmt` writes), the formatted text parses
//! without errors to the same syntax tree (spans aside: `Span` equality
//! ignores places), and formatting it again changes nothing.

#![no_main]

use clausec::diagnostic::Severity;
use clausec::source::FileId;
use clausec::syntax::format::format_text;
use clausec::syntax::parse::{decode, parse_file};
use libfuzzer_sys::fuzz_target;

fn errors(diagnostics: &[clausec::diagnostic::Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{:?}: {}", d.code, d.message))
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode(data) else {
        return;
    };
    let formatted = format_text(&text);
    let (before, diagnostics) = parse_file(FileId(0), &text);
    if !errors(&diagnostics).is_empty() {
        return;
    }
    let (after, diagnostics) = parse_file(FileId(0), &formatted);
    let after_errors = errors(&diagnostics);
    assert!(
        after_errors.is_empty(),
        "the formatted text does not parse: {after_errors:?}\n--- formatted:\n{formatted}"
    );
    assert!(
        before == after,
        "formatting changed the syntax tree\n--- formatted:\n{formatted}"
    );
    assert_eq!(
        format_text(&formatted),
        formatted,
        "formatting twice changed the text"
    );
});
