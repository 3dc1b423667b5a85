//! Finds the pest call count each file needs, to tune `parse::CALL_LIMIT`:
//! `cargo run --release --example call_probe -- clauses/*/*.clause`.
use pest::Parser;
use std::num::NonZeroUsize;
fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let finished = |limit: usize| {
            pest::set_call_limit(NonZeroUsize::new(limit));
            match clausec::syntax::parse::ClauseParser::parse(
                clausec::syntax::parse::Rule::file,
                &text,
            ) {
                Ok(_) => true,
                Err(e) => !matches!(e.variant, pest::error::ErrorVariant::CustomError { .. }),
            }
        };
        let (mut lo, mut hi) = (1usize, 1usize << 40);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if finished(mid) {
                hi = mid
            } else {
                lo = mid + 1
            }
        }
        println!(
            "{path}: {} bytes, {lo} calls, {:.1} per byte",
            text.len(),
            lo as f64 / text.len() as f64
        );
    }
}
