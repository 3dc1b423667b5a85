//! bytes → `decode` → `parse_file`: no panic, and every diagnostic's spans
//! lie inside the text, in file 0, on character boundaries.

#![no_main]

use clausec::source::FileId;
use clausec::syntax::parse::{decode, parse_file};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = match decode(data) {
        Ok(text) => text,
        Err((offset, lossy)) => {
            // The offset of the first bad byte must be a place in the lossy text.
            assert!(
                offset < lossy.len(),
                "bad-byte offset {offset} past the lossy text ({})",
                lossy.len()
            );
            assert!(
                lossy.is_char_boundary(offset),
                "bad-byte offset {offset} inside a character"
            );
            return;
        }
    };
    let (_ast, diagnostics) = parse_file(FileId(0), &text);
    for d in &diagnostics {
        for label in &d.labels {
            let span = label.span;
            assert_eq!(span.file, FileId(0), "{:?}: span in another file", d.code);
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "{:?}: span {}..{} outside the text ({} bytes): {}",
                d.code,
                span.start,
                span.end,
                text.len(),
                d.message
            );
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{:?}: span {}..{} cuts a character: {}",
                d.code,
                span.start,
                span.end,
                d.message
            );
        }
    }
});
