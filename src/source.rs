//! Source files and byte spans into them.
//!
//! Every AST node and every diagnostic points into a [`SourceFile`] through a
//! [`Span`]. Files live in a [`SourceMap`] and are named by a [`FileId`], so a
//! span stays small and `Copy`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The largest clause, scenario or source file clausec reads: 8 MiB. A clause
/// file is a few kilobytes; anything near this size is not a contract.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Whether `text` has a carriage return that no line feed follows (a
/// classic Mac OS line ending, or a stray character).
pub fn has_lone_carriage_return(text: &str) -> bool {
    (text.match_indices('\r')).any(|(at, _)| text.as_bytes().get(at + 1) != Some(&b'\n'))
}

/// A byte range in one source file.
///
/// Spans are left out of equality: every span equals every other, so two
/// syntax trees that differ only in layout (where things are written) are
/// equal. Code that needs to compare places compares [`Span::key`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Span {
    pub file: FileId,
    pub start: usize,
    pub end: usize,
}

impl PartialEq for Span {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

impl Eq for Span {}

impl Span {
    /// The place itself, for code that does compare places.
    pub fn key(&self) -> (usize, usize, usize) {
        (self.file.0, self.start, self.end)
    }

    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        Span { file, start, end }
    }

    /// The smallest span covering both (both must be in the same file).
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Index of a file in its [`SourceMap`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub usize);

/// One file's name (as the user gave it, relative where possible) and text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    /// Where each line starts, made on first use: placing a diagnostic is a
    /// binary search, not a read of the text from its start (a file of
    /// megabytes with thousands of diagnostics took minutes that way).
    lines: OnceLock<LineIndex>,
    /// The text as a diagnostic's snippet shows it, made on first use:
    /// `None` when it is the text itself (see [`SourceFile::shown`]).
    shown: OnceLock<Option<Box<SourceFile>>>,
}

#[derive(Debug, Clone)]
struct LineIndex {
    starts: Vec<usize>,
    /// Whether a `\r` stands alone somewhere (not before a `\n`): some
    /// tools count it as a line break, this index does not.
    lone_carriage_return: bool,
}

impl SourceFile {
    pub fn new(path: &Path, text: String) -> Self {
        SourceFile {
            path: path.to_path_buf(),
            text,
            lines: OnceLock::new(),
            shown: OnceLock::new(),
        }
    }

    /// The byte offset where each line starts (the first is 0). A line ends
    /// at `\n`; a `\r` before it belongs to the line.
    pub fn line_starts(&self) -> &[usize] {
        &self.line_index().starts
    }

    /// Whether the text has a `\r` that is not followed by `\n` (an old
    /// Mac line ending, or a stray control character).
    pub fn has_lone_carriage_return(&self) -> bool {
        self.line_index().lone_carriage_return
    }

    fn line_index(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex {
            starts: std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
            lone_carriage_return: has_lone_carriage_return(&self.text),
        })
    }

    /// The 0-based line a byte offset is on.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts()
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// The byte range of a 0-based line, its line break included.
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let starts = self.line_starts();
        let start = starts.get(line).copied().unwrap_or(self.text.len());
        let end = starts.get(line + 1).copied().unwrap_or(self.text.len());
        start..end
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_of(offset) + 1;
        let line_start = self.line_range(line - 1).start;
        let column = self
            .text
            .get(line_start..offset)
            .map_or(0, |s| s.chars().count())
            + 1;
        (line, column)
    }

    /// The file as a report shows it: each control character written out
    /// (`<ESC>`, see [`crate::escape::snippet`]), line for line, so that a
    /// snippet cannot command the terminal and its underlines stay under
    /// the text they mark. `None` when there is nothing to write out.
    pub fn shown(&self) -> Option<&SourceFile> {
        self.shown
            .get_or_init(|| match crate::escape::snippet(&self.text) {
                std::borrow::Cow::Borrowed(_) => None,
                std::borrow::Cow::Owned(text) => Some(Box::new(SourceFile::new(&self.path, text))),
            })
            .as_deref()
    }

    /// Where a byte offset of the text is in [`SourceFile::shown`]: the
    /// same line (writing out adds no line break), further along it.
    pub fn shown_offset(&self, offset: usize) -> usize {
        let Some(shown) = self.shown() else {
            return offset;
        };
        let line = self.line_of(offset);
        let range = self.line_range(line);
        let line_text = self.text.get(range.clone()).unwrap_or("");
        let into_line = offset.saturating_sub(range.start);
        shown.line_range(line).start
            + into_line
            + crate::escape::snippet_growth(line_text, into_line)
    }

    /// The byte offset of the text that is at `shown_offset` in
    /// [`SourceFile::shown`]: the inverse of [`SourceFile::shown_offset`]
    /// (an offset inside a written-out character gives the character's end).
    pub fn offset_of_shown(&self, shown_offset: usize) -> usize {
        let Some(shown) = self.shown() else {
            return shown_offset;
        };
        let line = shown.line_of(shown_offset);
        let range = self.line_range(line);
        let line_text = self.text.get(range.clone()).unwrap_or("");
        let mut at_shown = shown.line_range(line).start;
        let mut chars = line_text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if at_shown >= shown_offset {
                return range.start + at;
            }
            at_shown += crate::escape::snippet_len(c, chars.peek().map(|&(_, next)| next));
        }
        range.end
    }

    /// The text a span covers ("" if the span is out of range).
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// The path as printed in reports: forward slashes, so output is the
    /// same on every platform.
    pub fn display_path(&self) -> String {
        self.path.to_string_lossy().replace('\\', "/")
    }
}

/// All files read in one run.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn add(&mut self, path: &Path, text: String) -> FileId {
        self.files.push(SourceFile::new(path, text));
        FileId(self.files.len() - 1)
    }

    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0)
    }

    /// Every file, with its id.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(i), f))
    }
}
