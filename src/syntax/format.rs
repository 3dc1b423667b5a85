//! `clausec fmt`: one canonical layout for clause and scenario files.
//!
//! The layout is about indentation and blank lines only, so formatting can
//! never change what a file means:
//!
//! - top-level statements (`agreement`, `party`, `clause`, `scenario`, ...)
//!   start at the margin; what belongs to them is indented two spaces, and
//!   an obligation's modifiers (and an election's or reading's options
//!   inside a clause) four;
//! - a comment takes the indentation of the line it comments (the next one);
//! - trailing white space goes, runs of blank lines become one, the file ends
//!   with one line break;
//! - the text inside quotes is never touched, not even the indentation of a
//!   wrapped quote's continuation lines: every quote stays byte for byte.
//!
//! [`format_text`] is pure; the CLI parses the result again and refuses to
//! write it unless the syntax tree is unchanged.

use super::lex::{self, PieceKind};

/// What the lines being formatted belong to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Context {
    Top,
    Agreement,
    Document,
    /// An `election` or named `assume` at the top level: its options at 2.
    TopChoices,
    Clause,
    /// An `election` or named `assume` inside a clause: its options at 4.
    ClauseChoices,
    Scenario,
}

/// How one line of the input is laid out.
enum Line<'a> {
    /// Inside a quote that began on an earlier line: kept as it is.
    Verbatim(&'a str),
    Blank,
    /// A comment; indented like the next code line.
    Comment(&'a str),
    Code {
        indent: usize,
        text: &'a str,
    },
}

/// A line's layout and the line break that ended it (`"\n"`, `"\r\n"`, or
/// `""` for a last line without one). Line breaks are kept as they are: one
/// inside a quote is part of the quote.
struct Laid<'a> {
    line: Line<'a>,
    newline: &'a str,
}

/// Formats a file's text. The input should parse; text that does not is
/// still laid out, but the CLI never writes it.
pub fn format_text(text: &str) -> String {
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let usual = if body.contains("\r\n") { "\r\n" } else { "\n" };
    let laid = classify(body);
    let lines: Vec<&Line<'_>> = laid.iter().map(|l| &l.line).collect();
    let mut out = String::with_capacity(text.len());
    out.push_str(bom);
    let mut pending_blank: Option<&str> = None;
    let mut wrote_any = false;
    for (index, Laid { line, newline }) in laid.iter().enumerate() {
        // The file ends with a line break, of the kind the file uses.
        let newline = if newline.is_empty() { usual } else { newline };
        let (indent, content) = match line {
            Line::Blank => {
                if wrote_any {
                    pending_blank = Some(newline);
                }
                continue;
            }
            Line::Verbatim(content) => {
                out.push_str(content);
                out.push_str(newline);
                continue;
            }
            Line::Code { indent, text } => (*indent, *text),
            Line::Comment(comment) => (comment_indent(&lines, index), *comment),
        };
        if let Some(blank) = pending_blank.take() {
            out.push_str(blank);
        }
        out.extend(std::iter::repeat_n(' ', indent));
        out.push_str(content);
        out.push_str(newline);
        wrote_any = true;
    }
    out
}

/// A comment is indented like the code line after it; a comment that ends
/// the file stays with the statement before it (at most two spaces in).
fn comment_indent(lines: &[&Line<'_>], index: usize) -> usize {
    let code_indent = |line: &&Line<'_>| match line {
        Line::Code { indent, .. } => Some(*indent),
        _ => None,
    };
    lines
        .iter()
        .skip(index + 1)
        .find_map(code_indent)
        .or_else(|| {
            lines
                .iter()
                .take(index)
                .rev()
                .find_map(code_indent)
                .map(|i| i.min(2))
        })
        .unwrap_or(0)
}

/// Decides each line's layout, tracking quotes across lines and what each
/// line belongs to.
fn classify<'a>(body: &'a str) -> Vec<Laid<'a>> {
    let mut lines: Vec<Laid<'a>> = Vec::new();
    let mut in_string = false;
    let mut context = Context::Top;
    for piece in body.split_inclusive('\n') {
        let (raw, newline) = match piece.strip_suffix("\r\n") {
            Some(raw) => (raw, "\r\n"),
            None => match piece.strip_suffix('\n') {
                Some(raw) => (raw, "\n"),
                None => (piece, ""),
            },
        };
        let mut push = |line: Line<'a>| lines.push(Laid { line, newline });
        if in_string {
            in_string = lex::ends_in_quote(raw, true);
            // A wrapped quote's continuation is kept whole, trailing spaces
            // included, unless the quote closes on this line.
            let kept = if in_string {
                raw
            } else {
                trim_end_outside_string(raw, true)
            };
            push(Line::Verbatim(kept));
            continue;
        }
        let trimmed = raw.trim_start();
        in_string = lex::ends_in_quote(trimmed, false);
        let content = if in_string {
            trimmed
        } else {
            trim_end_outside_string(trimmed, false)
        };
        if content.is_empty() {
            push(Line::Blank);
        } else if content.starts_with('#') {
            push(Line::Comment(content));
        } else {
            let (indent, next) = indent_for(content, context);
            context = next;
            push(Line::Code {
                indent,
                text: content,
            });
        }
    }
    while matches!(
        lines.last(),
        Some(Laid {
            line: Line::Blank,
            ..
        })
    ) {
        lines.pop();
    }
    lines
}

/// Trims trailing white space that is outside any quote (a comment's or
/// code's), never inside one.
fn trim_end_outside_string(line: &str, starts_inside: bool) -> &str {
    let last_quote_end = lex::pieces(line, starts_inside)
        .filter(|p| p.kind == PieceKind::Quoted { closed: true })
        .last()
        .map_or(0, |p| p.end);
    let (kept, rest) = line.split_at(last_quote_end.min(line.len()));
    let end = kept.len() + rest.trim_end().len();
    line.get(..end).unwrap_or(line)
}

/// The indentation of a code line, and the context it leaves.
fn indent_for(line: &str, context: Context) -> (usize, Context) {
    let first: String = line
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let in_clause = matches!(context, Context::Clause | Context::ClauseChoices);
    match first.as_str() {
        "agreement" => (0, Context::Agreement),
        "party" | "signed" => (0, Context::Top),
        "document" => (0, Context::Document),
        "clause" => (0, Context::Clause),
        "scenario" => (0, Context::Scenario),
        "dated" | "source" if context == Context::Agreement => (2, context),
        "section" if context == Context::Document => (2, context),
        "option" if context == Context::ClauseChoices => (4, context),
        "option" => (2, context),
        "quote" if in_clause => (2, Context::Clause),
        "fact" | "assume" | "expect" if context == Context::Scenario => (2, context),
        "election" | "assume" if in_clause => (2, choices_after(line, Context::ClauseChoices)),
        "fact" | "event" if in_clause => (2, Context::Clause),
        "election" | "assume" => (0, choices_after(line, Context::TopChoices)),
        "fact" | "event" => (0, Context::Top),
        "business" if !in_clause => (0, Context::Top),
        _ if context == Context::Scenario => (2, context),
        _ if in_clause && starts_obligation(line) => (2, Context::Clause),
        _ if in_clause => (4, Context::Clause),
        _ => (2, context),
    }
}

/// An `election` always has options; an `assume` only when it names a
/// reading (`assume NAME "..."`), not when it states one in words.
fn choices_after(line: &str, with_choices: Context) -> Context {
    let named = line
        .split_whitespace()
        .nth(1)
        .is_some_and(|word| !word.starts_with('"'));
    if named || line.starts_with("election") {
        with_choices
    } else if with_choices == Context::ClauseChoices {
        Context::Clause
    } else {
        Context::Top
    }
}

/// `label: ...` or `party verb ...`: the start of an obligation.
fn starts_obligation(line: &str) -> bool {
    let mut words = line.split_whitespace();
    let first = words.next().unwrap_or("");
    first.ends_with(':')
        || words
            .next()
            .is_some_and(|second| crate::syntax::keywords::VERBS.contains(&second))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lays_out_a_messy_clause() {
        let messy = "clause 2(b) \"Severance\"   \n\n\n      quote \"six (6)\n  months\"\n# the count\n        severance: company pays employee $10\n  in 6 equal monthly installments\nfrom June 6, 2002\n";
        let tidy = "clause 2(b) \"Severance\"\n\n  quote \"six (6)\n  months\"\n  # the count\n  severance: company pays employee $10\n    in 6 equal monthly installments\n    from June 6, 2002\n";
        assert_eq!(format_text(messy), tidy);
        assert_eq!(format_text(tidy), tidy);
    }

    #[test]
    fn keeps_quotes_byte_for_byte() {
        let text = "clause 1\n  quote \"first line   \n        second line  \"   \n";
        assert_eq!(
            format_text(text),
            "clause 1\n  quote \"first line   \n        second line  \"\n"
        );
    }

    #[test]
    fn keeps_crlf_and_a_byte_order_mark() {
        let text = "\u{feff}clause 1\r\n quote \"x\"\r\n";
        assert_eq!(format_text(text), "\u{feff}clause 1\r\n  quote \"x\"\r\n");
    }
}
