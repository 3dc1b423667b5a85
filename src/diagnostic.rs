//! Diagnostics: what clausec tells a lawyer about their files.
//!
//! The core never prints. Every phase returns [`Diagnostic`] values — a code,
//! a message, labelled spans and a help line — and the CLI renders them with
//! miette (see [`render`]) or as JSON. Messages follow `docs/MESSAGES.md`:
//! lowercase, the user's own text in backticks, no Rust words.

use crate::codes::Code;
use crate::source::{SourceMap, Span};
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
    pub clause: Option<String>,
}

impl Diagnostic {
    /// An error with its code's default severity overridden to error.
    pub fn error(code: Code, span: Span, message: impl Into<String>) -> Self {
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
        }
    }

    /// A warning: a finding about the contract rather than a mistake in the file.
    pub fn warning(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, span, message)
        }
    }

    /// Caption the primary label.
    pub fn with_label(mut self, text: impl Into<String>) -> Self {
        if let Some(first) = self.labels.first_mut() {
            first.text = text.into();
        }
        self
    }

    /// Add a secondary label (same file as the primary one).
    pub fn with_secondary(mut self, span: Span, text: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            text: text.into(),
        });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn in_clause(mut self, clause: impl Into<String>) -> Self {
        self.clause = Some(clause.into());
        self
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
struct Renderable<'a> {
    diagnostic: &'a Diagnostic,
    source: miette::NamedSource<String>,
    has_text: bool,
}

impl fmt::Debug for Renderable<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl fmt::Display for Renderable<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Renderable<'_> {}

impl miette::Diagnostic for Renderable<'_> {
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

/// Renders one diagnostic as text: no colour, fixed width, paths as given.
/// Used by the CLI and by the snapshot tests alike.
pub fn render(diagnostic: &Diagnostic, sources: &SourceMap, width: usize) -> String {
    let source = diagnostic.span().and_then(|span| sources.get(span.file));
    let file = source
        .map(|f| (f.display_path(), f.text.clone()))
        .unwrap_or_default();
    let too_wide = source.is_some_and(|f| labels_too_wide_to_show(diagnostic, &f.text));
    let has_text = !file.1.is_empty() && !too_wide;
    // Without a text to show, the place goes into the message instead.
    let placed;
    let diagnostic = if too_wide {
        let place = location(diagnostic, sources).map_or(file.0.clone(), |(path, line, column)| {
            format!("{path}:{line}:{column}")
        });
        placed = Diagnostic {
            message: format!("`{place}`: {}", diagnostic.message),
            ..diagnostic.clone()
        };
        &placed
    } else if has_text || diagnostic.message.contains(&file.0) {
        diagnostic
    } else {
        placed = Diagnostic {
            message: format!("`{}`: {}", file.0, diagnostic.message),
            ..diagnostic.clone()
        };
        &placed
    };
    let renderable = Renderable {
        diagnostic,
        source: miette::NamedSource::new(file.0, file.1),
        has_text,
    };
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_width(width)
            .with_links(false);
    let mut out = String::new();
    if handler.render_report(&mut out, &renderable).is_err() {
        // Rendering into a String cannot fail; fall back to the bare message.
        out = format!("{}: {}\n", diagnostic.severity.as_str(), diagnostic.message);
    }
    out
}

/// The widest line a report shows under a diagnostic, in bytes. Nobody
/// reads a wider one, and miette cannot draw an underline that starts past
/// column 65,535 (its padding width is a `u16`).
const MAX_SHOWN_LINE_BYTES: usize = 10_000;

/// Whether a label of the diagnostic touches a line too wide to show.
fn labels_too_wide_to_show(diagnostic: &Diagnostic, text: &str) -> bool {
    let file = diagnostic.span().map(|s| s.file);
    diagnostic
        .labels
        .iter()
        .filter(|l| Some(l.span.file) == file)
        .any(|l| {
            let start = text
                .get(..l.span.start)
                .and_then(|before| before.rfind('\n'))
                .map_or(0, |i| i + 1);
            let end = text
                .get(l.span.end..)
                .and_then(|after| after.find('\n'))
                .map_or(text.len(), |i| l.span.end + i);
            text.get(start..end)
                .unwrap_or("")
                .split('\n')
                .any(|line| line.len() > MAX_SHOWN_LINE_BYTES)
        })
}

/// `file:line:column` of a diagnostic's primary label.
pub fn location(diagnostic: &Diagnostic, sources: &SourceMap) -> Option<(String, usize, usize)> {
    let span = diagnostic.span()?;
    let file = sources.get(span.file)?;
    let (line, column) = file.line_column(span.start);
    Some((file.display_path(), line, column))
}
