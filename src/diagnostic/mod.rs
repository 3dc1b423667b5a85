//! Diagnostics: what clausec tells a lawyer about their files.
//!
//! The core never prints. Every phase returns [`Diagnostic`] values — a code,
//! a message, labelled spans and a help line — and the CLI renders them with
//! miette (see [`render`]) or as JSON. Messages follow `docs/MESSAGES.md`:
//! lowercase, the user's own text in backticks, no Rust words.

pub mod codes;
pub mod problem;
pub mod suggest;

use crate::diagnostic::codes::Code;
use crate::source::{SourceFile, SourceMap, Span};
use std::fmt;

/// How serious a diagnostic is. Errors make `check` exit 1; warnings report
/// a finding about the contract itself (a drafting defect) and only fail the
/// run under `--deny warnings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One underlined piece of source text with a short caption.
#[derive(Clone, Debug)]
pub struct Label {
    pub span: Span,
    pub text: String,
}

impl PartialEq for Label {
    /// Unlike syntax trees, diagnostics are equal only at the same place.
    fn eq(&self, other: &Self) -> bool {
        self.span.key() == other.span.key() && self.text == other.text
    }
}

impl Eq for Label {}

/// A problem or finding, tied to a place in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// The first label is the primary location (file, line, column).
    pub labels: Vec<Label>,
    pub help: Option<String>,
    /// The clause the problem is in, as printed (`2(b)`), when there is one.
    /// (Boxed like `scenario`, for the same reason.)
    pub clause: Option<Box<str>>,
    /// The scenario the problem belongs to, when it was found checking or
    /// evaluating one: it is reported in that scenario's ledger only.
    /// (Boxed, not a `String`, to keep a `Diagnostic` small: results carry
    /// one as their error.)
    pub scenario: Option<Box<str>>,
    /// The word to write instead of the misspelt one, where a close one
    /// exists ("did you mean `employee`?"): kept as data, so that an
    /// editor's quick fix never reads it back out of the help text.
    pub suggestion: Option<Box<Suggestion>>,
}

/// A replacement clausec is confident enough to offer as a fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// The misspelt word.
    pub span: Span,
    /// What to write over it.
    pub text: String,
}

impl Diagnostic {
    /// A bare error with a message, for this module's own tests. Everywhere
    /// else a diagnostic is built from a kind of problem, which owns its
    /// words ([`Diagnostic::of`]): no call site can write a message, a
    /// caption or a help line.
    #[cfg(test)]
    fn error(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            labels: vec![Label {
                span,
                text: String::new(),
            }],
            help: None,
            clause: None,
            scenario: None,
            suggestion: None,
        }
    }

    /// Caption the primary label (this module's tests).
    #[cfg(test)]
    fn with_label(mut self, text: impl Into<String>) -> Self {
        if let Some(first) = self.labels.first_mut() {
            first.text = text.into();
        }
        self
    }

    /// "did you mean `NAME`?", to be written over the misspelt word at
    /// `misspelt` (kept as a [`Suggestion`] too).
    pub fn with_suggestion(mut self, misspelt: Span, name: &str) -> Self {
        self.help = Some(format!("did you mean `{name}`?"));
        self.suggestion = Some(Box::new(Suggestion {
            span: misspelt,
            text: name.to_owned(),
        }));
        self
    }

    pub fn in_clause(mut self, clause: impl Into<String>) -> Self {
        self.clause = Some(clause.into().into_boxed_str());
        self
    }

    /// Marks the problem as one of a scenario's.
    pub fn in_scenario(mut self, scenario: &str) -> Self {
        self.scenario = Some(Box::from(scenario));
        self
    }

    /// Where the problem is, as a report names it: the clause (`2(b)`), or
    /// the scenario (`scenario base`) for a problem in a scenario file.
    pub fn place(&self) -> Option<String> {
        match (&self.clause, &self.scenario) {
            (Some(clause), _) => Some(clause.to_string()),
            (None, Some(scenario)) => Some(format!("scenario {scenario}")),
            (None, None) => None,
        }
    }

    /// The primary span, if any.
    pub fn span(&self) -> Option<Span> {
        self.labels.first().map(|l| l.span)
    }

    /// Sort key for a stable report order: file, position, code, message.
    pub fn sort_key(&self) -> (usize, usize, &'static str, &str) {
        let span = self.span().unwrap_or_default();
        (span.file.0, span.start, self.code.as_str(), &self.message)
    }
}

/// Puts diagnostics in a fixed order (file, position, code) and drops exact
/// duplicates, so the same input always gives the same report.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}

/// A diagnostic joined to its file's text, in the shape miette renders.
struct Renderable<'a, S = SnippetSource<'a>> {
    diagnostic: &'a Diagnostic,
    source: S,
    has_text: bool,
}

/// A file as miette reads it for a snippet. miette's own sources find a
/// span's lines by reading the text from its start, once per label of every
/// diagnostic: a file of megabytes with thousands of diagnostics took
/// minutes. This one hands miette only the lines around the span, found in
/// the file's line index, and shifts the line numbers back, so the report
/// is the same as miette's reading of the whole text.
///
/// The text miette reads is the file's shown form (`SourceFile::shown`,
/// control characters written out), and spans are offsets into it; the
/// column it prints in the header is the file's own.
struct SnippetSource<'a> {
    name: String,
    file: Option<&'a SourceFile>,
}

impl miette::SourceCode for SnippetSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'b> + 'b>, miette::MietteError> {
        let Some(file) = self.file else {
            return Err(miette::MietteError::OutOfBounds);
        };
        // In the shown form a lone `\r`, which miette would count as a line
        // break and the index does not, is written out: the two count lines
        // alike.
        let shown = file.shown().unwrap_or(file);
        let text = shown.text.as_bytes();
        let (from, to, lines_before) = lines_around(shown, span, before, after);
        let window = text.get(from..to).ok_or(miette::MietteError::OutOfBounds)?;
        let start = span
            .offset()
            .checked_sub(from)
            .ok_or(miette::MietteError::OutOfBounds)?;
        let inner = miette::SourceCode::read_span(
            window,
            &miette::SourceSpan::new(start.into(), span.len()),
            before,
            after,
        )?;
        let column = match file.shown() {
            None => inner.column(),
            Some(_) => {
                let offset = file.offset_of_shown(span.offset());
                offset.saturating_sub(file.line_range(file.line_of(offset)).start)
            }
        };
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            miette::SourceSpan::new((inner.span().offset() + from).into(), inner.span().len()),
            inner.line() + lines_before,
            column,
            inner.line_count() + lines_before,
        )))
    }
}

/// The byte range of the lines around a span, with one line more on each
/// side than miette asks for (so that its reading of the range matches its
/// reading of the whole text), and how many lines come before the range.
fn lines_around(
    file: &SourceFile,
    span: &miette::SourceSpan,
    before: usize,
    after: usize,
) -> (usize, usize, usize) {
    let first = file.line_of(span.offset()).saturating_sub(before + 1);
    let last = file.line_of(span.offset() + span.len()) + after + 1;
    (
        file.line_range(first).start,
        file.line_range(last).end,
        first,
    )
}

impl<S> fmt::Debug for Renderable<'_, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl<S> fmt::Display for Renderable<'_, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl<S> std::error::Error for Renderable<'_, S> {}

impl<S: miette::SourceCode> miette::Diagnostic for Renderable<'_, S> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diagnostic.code.as_str()))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        // A folder, or a file whose text could not be read, has nothing to show.
        self.has_text
            .then_some(&self.source as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        if !self.has_text {
            return None;
        }
        let labels = self.diagnostic.labels.iter().enumerate().map(|(i, l)| {
            let text = (!l.text.is_empty()).then(|| l.text.clone());
            let span = miette::SourceSpan::from(l.span.start..l.span.end);
            if i == 0 {
                miette::LabeledSpan::new_primary_with_span(text, span)
            } else {
                miette::LabeledSpan::new_with_span(text, span)
            }
        });
        Some(Box::new(labels))
    }
}

/// Renders one diagnostic as text: no colour, fixed width, paths as given,
/// and no control character of the user's (see [`crate::escape`]): the
/// source lines are drawn from the file's shown form, with the labels moved
/// to match, so that underlines stay under what they mark; the message,
/// help, captions and path are written out, and so, last, is the whole
/// report (miette draws no colour here, so any control character in it
/// came from the user). Used by the CLI and by the snapshot tests alike.
pub fn render(diagnostic: &Diagnostic, sources: &SourceMap, width: usize) -> String {
    let file = diagnostic.span().and_then(|span| sources.get(span.file));
    let path = file.map(SourceFile::display_path).unwrap_or_default();
    let text = file.map_or("", |f| f.text.as_str());
    let too_wide = labels_too_wide_to_show(diagnostic, file);
    let has_text = !text.is_empty() && !too_wide;
    // Without a text to show, the place goes into the message instead.
    let placed;
    let diagnostic = if too_wide {
        let place = location(diagnostic, sources).map_or(path.clone(), |(path, line, column)| {
            format!("{path}:{line}:{column}")
        });
        placed = Diagnostic {
            message: format!("`{place}`: {}", diagnostic.message),
            ..diagnostic.clone()
        };
        &placed
    } else if has_text || diagnostic.message.contains(&path) {
        diagnostic
    } else {
        placed = Diagnostic {
            message: format!("`{path}`: {}", diagnostic.message),
            ..diagnostic.clone()
        };
        &placed
    };
    // Labels are moved only when a snippet is drawn: a line too wide to
    // show is not read along to find where they would be.
    let shown = shown_diagnostic(diagnostic, file.filter(|_| has_text));
    let renderable = Renderable {
        diagnostic: &shown,
        source: SnippetSource {
            name: crate::escape::terminal(&path).into_owned(),
            file,
        },
        has_text,
    };
    crate::escape::terminal(&draw(&renderable, width)).into_owned()
}

/// The diagnostic as a report shows it: its words with control characters
/// written out, its labels at their places in the file's shown form.
fn shown_diagnostic(diagnostic: &Diagnostic, file: Option<&SourceFile>) -> Diagnostic {
    let words = |text: &str| crate::escape::terminal(text).into_owned();
    let place = |offset: usize| file.map_or(offset, |f| f.shown_offset(offset));
    let primary_file = diagnostic.span().map(|s| s.file);
    Diagnostic {
        message: words(&diagnostic.message),
        help: diagnostic.help.as_deref().map(words),
        labels: diagnostic
            .labels
            .iter()
            .map(|label| Label {
                span: if Some(label.span.file) == primary_file {
                    Span::new(
                        label.span.file,
                        place(label.span.start),
                        place(label.span.end),
                    )
                } else {
                    label.span
                },
                text: words(&label.text),
            })
            .collect(),
        ..diagnostic.clone()
    }
}

/// miette's drawing of a diagnostic: no colour, no links, fixed width.
fn draw<S: miette::SourceCode>(renderable: &Renderable<'_, S>, width: usize) -> String {
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_width(width)
            .with_links(false);
    let mut out = String::new();
    if handler.render_report(&mut out, renderable).is_err() {
        // Rendering into a String cannot fail; fall back to the bare message.
        let diagnostic = renderable.diagnostic;
        out = format!("{}: {}\n", diagnostic.severity.as_str(), diagnostic.message);
    }
    out
}

/// The widest line a report shows under a diagnostic, in bytes. Nobody
/// reads a wider one, and miette cannot draw an underline that starts past
/// column 65,535 (its padding width is a `u16`).
const MAX_SHOWN_LINE_BYTES: usize = 10_000;

/// Whether a label of the diagnostic touches a line too wide to show.
fn labels_too_wide_to_show(diagnostic: &Diagnostic, file: Option<&SourceFile>) -> bool {
    let (Some(file), Some(primary)) = (file, diagnostic.span()) else {
        return false;
    };
    diagnostic
        .labels
        .iter()
        .filter(|l| l.span.file == primary.file)
        .any(|l| {
            (file.line_of(l.span.start)..=file.line_of(l.span.end))
                .any(|line| file.line_range(line).len() > MAX_SHOWN_LINE_BYTES)
        })
}

/// `file:line:column` of a diagnostic's primary label.
pub fn location(diagnostic: &Diagnostic, sources: &SourceMap) -> Option<(String, usize, usize)> {
    let span = diagnostic.span()?;
    let file = sources.get(span.file)?;
    let (line, column) = file.line_column(span.start);
    Some((file.display_path(), line, column))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn without_header(report: &str) -> String {
        report
            .lines()
            .filter(|line| !line.contains("╭─["))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// A label moved into the shown form covers exactly the written-out
    /// form of the text it covered.
    #[test]
    fn shown_offsets_keep_labels_on_their_text() {
        let text = "ok\r\na\x1b[2J\x07b\r\nc\rd\u{9b}\u{202e}é\n\te\u{7f}";
        let mut sources = SourceMap::default();
        let id = sources.add(std::path::Path::new("a.clause"), text.to_owned());
        let file = sources.get(id).unwrap();
        let shown = file.shown().unwrap();
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        for &a in &bounds {
            for &b in bounds.iter().filter(|&&b| b >= a) {
                let covered = &shown.text[file.shown_offset(a)..file.shown_offset(b)];
                let mut expected = crate::escape::snippet(&text[a..b]).into_owned();
                // A piece that ends between CR and LF shows its CR as kept.
                if text[a..b].ends_with('\r') && text[b..].starts_with('\n') {
                    expected.truncate(expected.len() - "<CR>".len());
                    expected.push('\r');
                }
                assert_eq!(covered, expected, "{a}..{b}");
            }
            assert_eq!(file.offset_of_shown(file.shown_offset(a)), a);
        }
    }

    /// The snippet source gives miette the lines around a span; the report
    /// must be the one miette draws from the whole text as it is shown, for
    /// labels on any line, one or two of them, over one line or several,
    /// with `\n` and `\r\n` line endings, with a lone `\r`, and with
    /// control characters written out before and inside the labels.
    #[test]
    fn snippets_from_the_line_index_match_miettes_reading_of_the_whole_text() {
        let body: String = (1..=40)
            .map(|i| format!("line {i} says {}", "word ".repeat(i % 7)))
            .collect::<Vec<_>>()
            .join("\n");
        for text in [
            body.clone(),
            body.replace('\n', "\r\n"),
            body.replacen('\n', "\r", 3),
            body.replace("says", "\x1b[2J\u{7}s\u{9b}\u{202e}y")
                .replace('\n', "\r\n"),
            body.replace("ne", "\x1bn\r"),
        ] {
            let mut sources = SourceMap::default();
            let id = sources.add(std::path::Path::new("a.clause"), text.clone());
            let file = sources.get(id).unwrap();
            let starts: Vec<usize> = file.line_starts().to_vec();
            for (i, &start) in starts.iter().enumerate() {
                let next = starts.get(i + 1).copied().unwrap_or(text.len());
                let far = starts.get(i + 9).copied().unwrap_or(text.len());
                let shapes = [
                    vec![(start, start + 4)],
                    vec![(start, start)],
                    vec![(start + 2, far)],
                    vec![(start, start + 4), (far.min(text.len()), text.len())],
                    vec![(next.saturating_sub(1), next)],
                ];
                for labels in shapes {
                    let mut diagnostic = Diagnostic::error(
                        Code::Unexpected,
                        Span::new(id, labels[0].0, labels[0].1),
                        "message",
                    )
                    .with_label("here");
                    for &(a, b) in labels.iter().skip(1) {
                        diagnostic.labels.push(Label {
                            span: Span::new(id, a, b),
                            text: "and here".to_owned(),
                        });
                    }
                    let ours = render(&diagnostic, &sources, 100);
                    let shown_text = crate::escape::snippet(&text).into_owned();
                    let whole = draw(
                        &Renderable {
                            diagnostic: &shown_diagnostic(&diagnostic, Some(file)),
                            source: miette::NamedSource::new("a.clause", shown_text),
                            has_text: true,
                        },
                        100,
                    );
                    assert!(!ours.chars().any(crate::escape::is_written_out));
                    // The header gives the place in the file itself (byte
                    // column, as miette counts), where miette reading the
                    // shown text would give it in that text.
                    let line = file.line_of(labels[0].0);
                    let column = labels[0].0 - file.line_range(line).start + 1;
                    let header = format!("[a.clause:{}:{column}]", line + 1);
                    let (ours, whole) = if file.shown().is_some() {
                        assert!(ours.contains(&header), "{header} in\n{ours}");
                        (without_header(&ours), without_header(&whole))
                    } else {
                        (ours, whole)
                    };
                    assert!(ours.contains("── here"), "no snippet drawn:\n{ours}");
                    assert_eq!(ours, whole, "labels {labels:?} in {text:?}");
                }
            }
        }
    }
}
