//! The one reading of a clause file's text below the grammar: where text in
//! quotes (with its `\"` and `\\` escapes) and comments (`#` to the end of
//! the line) begin and end, and what is left, the words. The parser's
//! screen, its hint for a quote left open, the formatter and the language
//! server's completion all walk a text through [`pieces`], so that they can
//! never disagree on whether a `#` or a `"` is inside a quote.

/// What a piece of text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PieceKind {
    /// Words, figures and marks: what the grammar reads.
    Code,
    /// Text in quotes, its quote marks included (but for the opening one of
    /// a walk that starts inside a quote).
    Quoted {
        /// Whether the closing quote mark is in the text walked.
        closed: bool,
    },
    /// `#` and the rest of its line, without the line break.
    Comment,
}

/// A piece of the text walked, by byte offsets into it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    pub kind: PieceKind,
    pub start: usize,
    pub end: usize,
}

/// The pieces of `text`, in order, covering all of it. `in_quote`: the
/// walk starts inside a quote opened earlier (a line of a quote that wraps).
pub fn pieces(text: &str, in_quote: bool) -> Pieces<'_> {
    Pieces {
        text,
        at: 0,
        in_quote,
    }
}

/// The iterator [`pieces`] returns.
#[derive(Clone, Debug)]
pub struct Pieces<'a> {
    text: &'a str,
    at: usize,
    in_quote: bool,
}

impl Iterator for Pieces<'_> {
    type Item = Piece;

    fn next(&mut self) -> Option<Piece> {
        let start = self.at;
        let rest = self.text.get(start..).filter(|r| !r.is_empty())?;
        let (kind, length) = if std::mem::take(&mut self.in_quote) {
            quoted(rest, 0)
        } else {
            match rest.as_bytes().first() {
                Some(b'"') => quoted(rest, 1),
                Some(b'#') => (PieceKind::Comment, rest.find('\n').unwrap_or(rest.len())),
                _ => (PieceKind::Code, rest.find(['"', '#']).unwrap_or(rest.len())),
            }
        };
        self.at = start + length;
        Some(Piece {
            kind,
            start,
            end: self.at,
        })
    }
}

/// Text in quotes from `from` (after the opening mark, if any), up to and
/// with its closing mark; to the end when it is not closed.
fn quoted(text: &str, from: usize) -> (PieceKind, usize) {
    let mut escaped = false;
    for (i, byte) in text.bytes().enumerate().skip(from) {
        match byte {
            _ if escaped => escaped = false,
            b'\\' => escaped = true,
            b'"' => return (PieceKind::Quoted { closed: true }, i + 1),
            _ => {}
        }
    }
    (PieceKind::Quoted { closed: false }, text.len())
}

/// Whether a walk of `text` (starting inside a quote or not) ends inside
/// a quote.
pub fn ends_in_quote(text: &str, in_quote: bool) -> bool {
    let mut last = None;
    for piece in pieces(text, in_quote) {
        last = Some(piece.kind);
    }
    match last {
        Some(PieceKind::Quoted { closed }) => !closed,
        Some(_) => false,
        None => in_quote,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str, in_quote: bool) -> Vec<(PieceKind, &str)> {
        pieces(text, in_quote)
            .map(|p| (p.kind, &text[p.start..p.end]))
            .collect()
    }

    const CLOSED: PieceKind = PieceKind::Quoted { closed: true };
    const OPEN: PieceKind = PieceKind::Quoted { closed: false };

    #[test]
    fn quotes_comments_and_words_are_told_apart() {
        assert_eq!(
            kinds(r#"quote "a # b \" c" # note "x""#, false),
            [
                (PieceKind::Code, "quote "),
                (CLOSED, r#""a # b \" c""#),
                (PieceKind::Code, " "),
                (PieceKind::Comment, r#"# note "x""#),
            ]
        );
        assert_eq!(
            kinds("a # one\nb", false),
            [
                (PieceKind::Code, "a "),
                (PieceKind::Comment, "# one"),
                (PieceKind::Code, "\nb"),
            ]
        );
    }

    #[test]
    fn a_walk_can_start_inside_a_quote_and_end_inside_one() {
        assert_eq!(
            kinds(r#"still quoted" then "open"#, true),
            [
                (CLOSED, r#"still quoted""#),
                (PieceKind::Code, " then "),
                (OPEN, "\"open"),
            ]
        );
        assert!(ends_in_quote("\"open", false));
        assert!(ends_in_quote("", true));
        assert!(!ends_in_quote(r#"a "b" # "c"#, false));
        assert!(ends_in_quote(r#"a \" b"#, true) && !ends_in_quote(r#"a \\" b"#, true));
    }

    #[test]
    fn the_pieces_cover_the_text_in_order() {
        for text in ["", "\"", "#", "\\", "a\"b\\\"c\"#d\ne\"", "é \"ü\" # ß"] {
            for in_quote in [false, true] {
                let mut at = 0;
                for piece in pieces(text, in_quote) {
                    assert_eq!(piece.start, at);
                    assert!(piece.end > piece.start && text.is_char_boundary(piece.end));
                    at = piece.end;
                }
                assert_eq!(at, text.len());
            }
        }
    }
}
