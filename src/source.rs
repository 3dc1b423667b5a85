//! Source files and byte spans into them.
//!
//! Every AST node and every diagnostic points into a [`SourceFile`] through a
//! [`Span`]. Files live in a [`SourceMap`] and are named by a [`FileId`], so a
//! span stays small and `Copy`.

use std::path::{Path, PathBuf};

/// The largest clause, scenario or source file clausec reads: 8 MiB. A clause
/// file is a few kilobytes; anything near this size is not a contract.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

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
}

impl SourceFile {
    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = self.text.get(..offset).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
        (line, column)
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
        self.files.push(SourceFile {
            path: path.to_path_buf(),
            text,
        });
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
