//! User text made safe for the output it is written to.
//!
//! Clause files, `source.txt`, file names and scenario names may come from
//! the other side of a deal. Their text can hold control characters that a
//! terminal obeys (ESC clears the screen or sets the window title, CR
//! overwrites a line with a fake "all checks passed"), or Markdown and HTML
//! that a viewer renders. Every output writes the user's text through the
//! one function here for its channel:
//!
//! | channel | function | used by |
//! |---|---|---|
//! | a terminal | [`terminal`] | the text ledger, diagnostics, `diff`, `fmt`, errors |
//! | a diagnostic's source lines | [`snippet`] | `diagnostic::render` (with [`snippet_growth`]) |
//! | Markdown (GitHub's, which renders HTML) | [`markdown`], [`markdown_code`] | `--format markdown`, the language server's hovers |
//! | iCalendar text (RFC 5545) | [`icalendar`] | `--format ics` |
//! | HTML | [`html`] | `--format html` |
//! | JSON | [`json`] | `--format json` |
//! | a spreadsheet cell (CSV) | [`csv_cell`] | `--format csv` |
//!
//! A character that must not reach an output as it is, is written out as a
//! lawyer can read it: a control character by its ASCII name (`<ESC>`,
//! `<BEL>`, `<CR>`, `<DEL>`), any other by its code point (`<U+009B>`, and
//! `<U+202E>` for the bidirectional overrides that make a terminal show text
//! in another order than it is written). Line feeds and tabs are kept: they
//! are layout, not commands. A carriage return before a line feed ends a
//! line (a CRLF file) and is not written out.

use std::borrow::Cow;

/// The ASCII names of the control characters U+0000 to U+001F.
const C0_NAMES: [&str; 32] = [
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR",
    "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC",
    "FS", "GS", "RS", "US",
];

/// Whether a character is written out rather than printed: every control
/// character (C0, DEL, C1) but line feed and tab, and the bidirectional
/// embeddings, overrides and isolates.
pub fn is_written_out(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Appends `c` as it is written out: `<ESC>`, `<DEL>`, `<U+009B>`.
fn write_out(c: char, out: &mut String) {
    let code = c as usize;
    match C0_NAMES.get(code) {
        Some(name) => {
            out.push('<');
            out.push_str(name);
            out.push('>');
        }
        None if c == '\u{7f}' => out.push_str("<DEL>"),
        None => out.push_str(&format!("<U+{code:04X}>")),
    }
}

/// How many bytes `c` takes written out.
fn written_out_len(c: char) -> usize {
    match C0_NAMES.get(c as usize) {
        Some(name) => name.len() + 2,
        None if c == '\u{7f}' => 5,
        None => 8,
    }
}

/// What a character becomes in a channel: itself, written out, or a line
/// break of the channel's own.
enum Shown {
    Plain(char),
    WrittenOut(char),
    /// A line feed, or a carriage return and line feed together.
    LineBreak {
        crlf: bool,
    },
}

/// The text's characters as every channel sees them: `\r\n` is one line
/// break, a lone `\r` is written out.
fn shown_chars(text: &str) -> impl Iterator<Item = Shown> + '_ {
    let mut chars = text.chars().peekable();
    std::iter::from_fn(move || {
        let c = chars.next()?;
        Some(match c {
            '\r' if chars.next_if_eq(&'\n').is_some() => Shown::LineBreak { crlf: true },
            '\n' => Shown::LineBreak { crlf: false },
            c if is_written_out(c) => Shown::WrittenOut(c),
            c => Shown::Plain(c),
        })
    })
}

/// Whether any character of `text` would change in any channel.
fn needs_terminal_escaping(text: &str) -> bool {
    text.chars().any(|c| c == '\r' || is_written_out(c))
}

/// Text for a terminal: control characters written out, line feeds and
/// tabs kept, `\r\n` a line feed. Borrowed when nothing changes.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !needs_terminal_escaping(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for shown in shown_chars(text) {
        match shown {
            Shown::Plain(c) => out.push(c),
            Shown::WrittenOut(c) => write_out(c, &mut out),
            Shown::LineBreak { .. } => out.push('\n'),
        }
    }
    Cow::Owned(out)
}

/// The lines of a source file as a diagnostic shows them: as [`terminal`],
/// except that `\r\n` is kept (miette reads it as one line break). Offsets
/// into the result are found with [`snippet_growth`].
pub fn snippet(text: &str) -> Cow<'_, str> {
    if !shown_chars(text).any(|shown| matches!(shown, Shown::WrittenOut(_))) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for shown in shown_chars(text) {
        match shown {
            Shown::Plain(c) => out.push(c),
            Shown::WrittenOut(c) => write_out(c, &mut out),
            Shown::LineBreak { crlf: true } => out.push_str("\r\n"),
            Shown::LineBreak { crlf: false } => out.push('\n'),
        }
    }
    Cow::Owned(out)
}

/// How many bytes `c` takes in a [`snippet`], `next` being the character
/// after it (a `\r` before a `\n` is kept).
pub fn snippet_len(c: char, next: Option<char>) -> usize {
    let crlf = c == '\r' && next == Some('\n');
    if is_written_out(c) && !crlf {
        written_out_len(c)
    } else {
        c.len_utf8()
    }
}

/// How many bytes longer the first `end` bytes of `text` are in its
/// [`snippet`]. A `\r` just before `end` counts as a line break when a
/// `\n` follows it in `text`, as it does in the snippet.
pub fn snippet_growth(text: &str, end: usize) -> usize {
    let mut growth = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if at >= end {
            break;
        }
        let next = chars.peek().map(|&(_, next)| next);
        growth += snippet_len(c, next) - c.len_utf8();
    }
    growth
}

/// Text for one line or one table cell of Markdown, as GitHub renders it
/// (HTML included): nothing the user wrote becomes markup. `&`, `<` and
/// `>` become entities (no tag, no entity of the user's); the characters
/// that make emphasis, code, links, tables, headings, strike-through and
/// math are backslash-escaped; a line break becomes a space, so the text
/// can neither end a table row nor start a block; control characters are
/// written out (and their `<` `>` then made entities).
pub fn markdown(text: &str) -> String {
    escaped_with(text, push_markdown, ' ')
}

fn push_markdown(c: char, out: &mut String) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '$' => {
            out.push('\\');
            out.push(c);
        }
        c => out.push(c),
    }
}

/// A Markdown code span of `text` (an id such as `2(b).severance[3]`):
/// fenced with more backticks than any run inside it, a `|` escaped (a
/// table reads it as a cell break even in code), line breaks as spaces and
/// control characters written out.
pub fn markdown_code(text: &str) -> String {
    let mut inner = String::with_capacity(text.len());
    for shown in shown_chars(text) {
        match shown {
            Shown::Plain('|') => inner.push_str("\\|"),
            Shown::Plain(c) => inner.push(c),
            Shown::WrittenOut(c) => write_out(c, &mut inner),
            Shown::LineBreak { .. } => inner.push(' '),
        }
    }
    let longest_run = inner.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    // A span that starts or ends with a backtick needs a space inside.
    let pad = if inner.starts_with('`') || inner.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{inner}{pad}{fence}")
}

/// An iCalendar TEXT value (RFC 5545, 3.3.11): `\`, `;` and `,` escaped, a
/// line break as `\n`, and no control character but tab (the RFC forbids
/// them): those are written out.
pub fn icalendar(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for shown in shown_chars(text) {
        match shown {
            Shown::Plain(c @ ('\\' | ';' | ',')) => {
                out.push('\\');
                out.push(c);
            }
            Shown::Plain(c) => out.push(c),
            Shown::WrittenOut(c) => write_out(c, &mut out),
            Shown::LineBreak { .. } => out.push_str("\\n"),
        }
    }
    out
}

/// Text for HTML, in an element or a double-quoted attribute: `&`, `<`,
/// `>` and `"` as entities, control characters written out (their `<` `>`
/// then entities too). Line breaks are kept: HTML reads them as spaces.
pub fn html(text: &str) -> String {
    escaped_with(text, push_html, '\n')
}

/// `text` with every character pushed through `push` (a written-out
/// control character's name too, so its `<` `>` are escaped as well), and
/// each line break as `line_break`.
fn escaped_with(text: &str, push: fn(char, &mut String), line_break: char) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for shown in shown_chars(text) {
        match shown {
            Shown::Plain(c) => push(c, &mut out),
            Shown::WrittenOut(c) => {
                let mut name = String::new();
                write_out(c, &mut name);
                name.chars().for_each(|c| push(c, &mut out));
            }
            Shown::LineBreak { .. } => out.push(line_break),
        }
    }
    out
}

fn push_html(c: char, out: &mut String) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        c => out.push(c),
    }
}

/// A JSON document with every character [`is_written_out`] that serde
/// leaves raw (DEL, C1, the bidirectional controls) as a `\u` escape: the
/// same data, safe to print on a terminal. serde escapes U+0000 to U+001F
/// itself, and outside strings JSON is ASCII, so only strings change.
pub fn json(document: String) -> String {
    if !document.chars().any(is_written_out) {
        return document;
    }
    let mut out = String::with_capacity(document.len() + 16);
    for c in document.chars() {
        if is_written_out(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Text for one CSV cell, to be opened in a spreadsheet: control
/// characters written out (line feeds and tabs kept: the CSV writer quotes
/// the cell), and text a spreadsheet would run as a formula (a cell that
/// starts with `=`, `+`, `-`, `@` or a tab) made plain
/// text by a leading `'`, the mark spreadsheets read as "this is text".
/// A number (`-5`, `+1.25`) is left as it is: it is a value, not a formula.
/// Quoting is the CSV writer's job, not this function's.
pub fn csv_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    let starts_like_formula = text
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t'));
    if starts_like_formula && !is_plain_number(text) {
        out.push('\'');
    }
    for shown in shown_chars(text) {
        match shown {
            Shown::Plain(c) => out.push(c),
            Shown::WrittenOut(c) => write_out(c, &mut out),
            Shown::LineBreak { .. } => out.push('\n'),
        }
    }
    out
}

/// `-5`, `+1.25`, `0.5`: an optional sign, digits, at most one decimal
/// point, and at least one digit. Nothing else (no `1e5`, no `-`).
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |part: &str| part.chars().all(|c| c.is_ascii_digit());
    !(whole.is_empty() && fraction.is_empty()) && all_digits(whole) && all_digits(fraction)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str =
        "a\x1b[2J\x1b]0;title\x07\rfake\r\nnext\n\ttab\u{7f}\u{9b}\u{202e}<b>&|*_`$\\";

    #[test]
    fn terminal_writes_out_every_control_but_line_feed_and_tab() {
        assert_eq!(
            terminal(HOSTILE),
            "a<ESC>[2J<ESC>]0;title<BEL><CR>fake\nnext\n\ttab<DEL><U+009B><U+202E><b>&|*_`$\\"
        );
        assert!(matches!(terminal("plain\ttext\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_snippet_keeps_crlf_and_its_growth_is_exact_at_every_offset() {
        let shown = snippet(HOSTILE);
        assert!(shown.contains("fake\r\nnext"));
        assert!(shown
            .chars()
            .filter(|&c| is_written_out(c))
            .all(|c| c == '\r'));
        for (end, _) in HOSTILE.char_indices().chain([(HOSTILE.len(), ' ')]) {
            let prefix = HOSTILE.get(..end).unwrap();
            let shown_prefix = snippet(prefix);
            // A prefix ending between CR and LF shows its CR as a line end.
            let expected = if prefix.ends_with('\r') && HOSTILE[end..].starts_with('\n') {
                shown_prefix.len() - "<CR>".len() + 1
            } else {
                shown_prefix.len()
            };
            assert_eq!(end + snippet_growth(HOSTILE, end), expected, "at {end}");
        }
    }

    #[test]
    fn markdown_leaves_no_markup_of_the_users() {
        let md = markdown("<script>alert(1)</script> <img onerror=x>\n# h | *b* [l](u) &amp;\x1b");
        assert_eq!(
            md,
            "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img onerror=x&gt; \\# h \\| \\*b\\* \\[l\\](u) &amp;amp;&lt;ESC&gt;"
        );
        assert_eq!(markdown_code("2(b).x[3]"), "`2(b).x[3]`");
        assert_eq!(markdown_code("a`b|c"), "``a`b\\|c``");
        assert_eq!(markdown_code("`x"), "`` `x ``");
    }

    #[test]
    fn icalendar_text_has_no_control_character() {
        assert_eq!(
            icalendar("a,b;c\\d\r\ne\rf\x1bg\x07\th"),
            "a\\,b\\;c\\\\d\\ne<CR>f<ESC>g<BEL>\th"
        );
    }

    #[test]
    fn a_csv_cell_never_starts_a_formula() {
        for formula in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "-",
            "+",
        ] {
            let cell = csv_cell(formula);
            assert!(cell.starts_with('\''), "{formula:?} became {cell:?}");
        }
        assert_eq!(csv_cell("\r=1"), "<CR>=1");
        // Numbers stay numbers; other text is unchanged but for controls.
        for number in ["-5", "+1.25", "20833.33", "-.5", "7."] {
            assert_eq!(csv_cell(number), number);
        }
        assert_eq!(csv_cell("a, \"b\"\nc\x1b"), "a, \"b\"\nc<ESC>");
        assert_eq!(csv_cell("-1e5"), "'-1e5");
    }

    #[test]
    fn html_and_json_write_out_controls() {
        assert_eq!(
            html("<a href=\"x\">&\x1b"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;ESC&gt;"
        );
        let document = serde_json::to_string(&"a\x1b\u{7f}\u{9b}\u{202e}").unwrap();
        assert_eq!(json(document), "\"a\\u001b\\u007f\\u009b\\u202e\"");
    }
}
