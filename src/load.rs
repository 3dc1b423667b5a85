//! Finding and reading agreement folders.
//!
//! An agreement is a folder holding `*.clause` files (one of them with the
//! `agreement` header), its `source` document, and scenarios (`*.scenario`,
//! in the folder or in its `scenarios/` sub-folder). This is the only module
//! of the core that touches the file system. It writes in one place only,
//! [`write_atomically`], which `clausec fmt` uses.

use crate::diagnostic::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::source::{has_lone_carriage_return, FileId, SourceMap, Span, MAX_FILE_BYTES};
use crate::syntax::ast::{File, Item};
use crate::syntax::parse::{decode, decode_exact, lone_carriage_returns_as_line_feeds, parse_file};
use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// A problem with the command line's paths: exit code 2, not a diagnostic.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("`{0}` does not exist")]
    Missing(String),
    #[error("cannot read `{path}`: {reason}")]
    Unreadable { path: String, reason: String },
}

/// The folders deeper than this below a given path are not searched.
const MAX_DEPTH: usize = 16;

/// Which agreement folders do these paths name? A clause file names its
/// folder; a folder with clause files is an agreement; any other folder is
/// searched for agreements below it. Symbolic links to folders are not
/// followed, so a link loop cannot trap the walk. The result is sorted.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    let mut found = Vec::new();
    for path in paths {
        let metadata = fs::metadata(path).map_err(|_| LoadError::Missing(display(path)))?;
        if metadata.is_file() {
            found.push(
                path.parent()
                    .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
            );
        } else {
            let before = found.len();
            walk(path, 0, &mut found)?;
            if found.len() == before {
                // An empty folder is still reported, as an agreement with no files.
                found.push(path.clone());
            }
        }
    }
    for dir in &mut found {
        if dir.as_os_str().is_empty() {
            *dir = PathBuf::from(".");
        }
    }
    found.sort();
    found.dedup();
    Ok(found)
}

fn walk(dir: &Path, depth: usize, found: &mut Vec<PathBuf>) -> Result<(), LoadError> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    let entries = sorted_entries(dir)?;
    if entries.iter().any(|p| has_extension(p, "clause")) {
        found.push(dir.to_path_buf());
        return Ok(());
    }
    for entry in entries {
        let is_real_dir = fs::symlink_metadata(&entry).is_ok_and(|m| m.is_dir());
        if is_real_dir {
            walk(&entry, depth + 1, found)?;
        }
    }
    Ok(())
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let reader = fs::read_dir(dir).map_err(|e| LoadError::Unreadable {
        path: display(dir),
        reason: e.to_string(),
    })?;
    let mut entries: Vec<PathBuf> = reader.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    Ok(entries)
}

fn has_extension(path: &Path, extension: &str) -> bool {
    path.extension().is_some_and(|e| e == extension)
}

fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// One parsed file of an agreement.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub file: FileId,
    pub ast: File,
    pub is_scenario: bool,
}

/// Everything read from one agreement folder.
#[derive(Debug, Default)]
pub struct Loaded {
    pub dir: PathBuf,
    /// A zero-length span naming the folder itself, for folder-level findings.
    pub dir_span: Span,
    pub files: Vec<Parsed>,
    /// The `source` document, when the header names one and it could be read.
    pub source: Option<FileId>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// Adds one file's text to the map, parses it, and keeps its syntax tree
    /// and diagnostics: what reading a folder does for each file (callers
    /// that hold a parsed agreement, such as the fuzz targets, add files the
    /// same way).
    pub fn add_file(
        &mut self,
        sources: &mut SourceMap,
        path: &Path,
        text: String,
        is_scenario: bool,
    ) {
        let file = sources.add(path, text);
        let text = sources.get(file).map_or("", |f| f.text.as_str());
        let (ast, mut diagnostics) = parse_file(file, text);
        self.diagnostics.append(&mut diagnostics);
        self.files.push(Parsed {
            file,
            ast,
            is_scenario,
        });
    }

    /// Reads a scenario file kept outside the folder (`obligations
    /// --scenario path/to/file.scenario`) as if it were in `scenarios/`:
    /// the same limits, the same checks. A scenario of the folder with the
    /// same name gives way to it. Returns the names of its scenarios.
    pub fn add_scenario_file(
        &mut self,
        sources: &mut SourceMap,
        path: &Path,
    ) -> Result<Vec<String>, LoadError> {
        if !path.is_file() {
            return Err(LoadError::Missing(display(path)));
        }
        let Some(text) = read_text(path, sources, &mut self.diagnostics)? else {
            return Ok(Vec::new());
        };
        self.add_file(sources, path, text, true);
        let names: Vec<String> = self
            .files
            .last()
            .map(|added| scenario_names(&added.ast))
            .unwrap_or_default();
        let count = self.files.len().saturating_sub(1);
        for parsed in self.files.iter_mut().take(count) {
            parsed
                .ast
                .items
                .retain(|item| !matches!(item, Item::Scenario(s) if names.contains(&s.name.node)));
        }
        Ok(names)
    }
}

fn scenario_names(file: &File) -> Vec<String> {
    file.items
        .iter()
        .filter_map(|item| match item {
            Item::Scenario(s) => Some(s.name.node.clone()),
            _ => None,
        })
        .collect()
}

/// Reads and parses every clause and scenario file of an agreement folder,
/// then its source document. Problems with the files' contents become
/// diagnostics; only an unreadable folder is an error.
pub fn load_agreement(dir: &Path, sources: &mut SourceMap) -> Result<Loaded, LoadError> {
    load_agreement_with(dir, sources, &Overlay::new())
}

/// Texts that stand in for files on disk: an editor's unsaved buffers.
pub type Overlay = std::collections::BTreeMap<PathBuf, String>;

/// Like [`load_agreement`], reading a file's text from `overlay` where it
/// has one (files only in the overlay are read too).
pub fn load_agreement_with(
    dir: &Path,
    sources: &mut SourceMap,
    overlay: &Overlay,
) -> Result<Loaded, LoadError> {
    let dir_file = sources.add(dir, String::new());
    let mut loaded = Loaded {
        dir: dir.to_path_buf(),
        dir_span: Span::new(dir_file, 0, 0),
        ..Loaded::default()
    };
    let mut paths = sorted_entries(dir)?;
    let scenario_dir = dir.join("scenarios");
    if scenario_dir.is_dir() {
        paths.extend(sorted_entries(&scenario_dir)?);
    }
    let unsaved = overlay
        .keys()
        .filter(|p| p.parent() == Some(dir) || p.parent() == Some(scenario_dir.as_path()));
    paths.extend(unsaved.cloned());
    paths.sort();
    paths.dedup();
    for path in paths {
        let is_scenario = has_extension(&path, "scenario");
        let in_overlay = overlay.get(&path);
        if !(is_scenario || has_extension(&path, "clause"))
            || (in_overlay.is_none() && !path.is_file())
        {
            continue;
        }
        let text = match in_overlay {
            // An editor's text, read as a file's would be.
            Some(text) => Some(lone_carriage_returns_as_line_feeds(text.clone())),
            None => read_text(&path, sources, &mut loaded.diagnostics)?,
        };
        let Some(text) = text else {
            continue;
        };
        loaded.add_file(sources, &path, text, is_scenario);
    }
    if !loaded.files.iter().any(|f| !f.is_scenario) && loaded.diagnostics.is_empty() {
        loaded.diagnostics.push(
            Diagnostic::error(
                Code::NoClauseFiles,
                loaded.dir_span,
                format!("`{}` holds no clause files", display(dir)),
            )
            .with_help(
                "an agreement folder needs `.clause` files; see `clausec explain no_clause_files`",
            ),
        );
    }
    load_source_document(&mut loaded, sources)?;
    Ok(loaded)
}

/// A file's bytes, or `None` when it is larger than [`MAX_FILE_BYTES`]
/// (never reading more than that).
fn read_bounded(path: &Path) -> Result<Option<Vec<u8>>, LoadError> {
    let unreadable = |e: std::io::Error| LoadError::Unreadable {
        path: display(path),
        reason: e.to_string(),
    };
    let file = fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    Ok((bytes.len() as u64 <= MAX_FILE_BYTES).then_some(bytes))
}

/// Reads one file as text, turning size and encoding problems into
/// diagnostics (`Ok(None)`). I/O failures are errors.
fn read_text(
    path: &Path,
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<String>, LoadError> {
    let Some(bytes) = read_bounded(path)? else {
        let id = sources.add(path, String::new());
        diagnostics.push(
            Diagnostic::error(
                Code::TooLarge,
                Span::new(id, 0, 0),
                format!(
                    "this file is larger than {} MiB",
                    MAX_FILE_BYTES / 1024 / 1024
                ),
            )
            .with_help("a clause file is a few kilobytes; check that this is the right file"),
        );
        return Ok(None);
    };
    match decode(&bytes) {
        Ok(text) => Ok(Some(text)),
        Err((offset, lossy)) => {
            let shown = lossy.len().min(offset + 1);
            let id = sources.add(path, lossy);
            diagnostics.push(
                Diagnostic::error(
                    Code::NotUtf8,
                    Span::new(id, offset.min(shown), shown),
                    "this file is not UTF-8 text",
                )
                .with_label("the first byte that is not text")
                .with_help("save the file as plain text in UTF-8; a letter such as `é` saved in an older encoding (Latin-1, Windows-1252) does this, and so does a word-processor document"),
            );
            Ok(None)
        }
    }
}

/// Reads the document the `agreement` header names with `source "..."`,
/// relative to the agreement folder. The document must be in the folder (or
/// below it): a name such as `../../etc/passwd`, an absolute path, or a
/// symbolic link that leads out of the folder is refused, so that checking
/// an agreement someone sent never reads, and quotes back in its warnings,
/// a file the user did not give.
fn load_source_document(loaded: &mut Loaded, sources: &mut SourceMap) -> Result<(), LoadError> {
    let named = loaded
        .files
        .iter()
        .flat_map(|f| &f.ast.items)
        .find_map(|item| match item {
            Item::Agreement(a) => a.source.clone(),
            _ => None,
        });
    let Some(name) = named else {
        return Ok(());
    };
    let named_inside = Path::new(&name.node)
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    let path = loaded.dir.join(&name.node);
    if !named_inside || (path.is_file() && !resolves_inside(&loaded.dir, &path)) {
        loaded.diagnostics.push(
            Diagnostic::error(
                Code::MissingSource,
                name.span,
                format!(
                    "the source document `{}` is outside the agreement folder",
                    name.node
                ),
            )
            .with_label("named here")
            .with_help("copy the document into the agreement's folder and name it by its file name, such as `source \"letter.txt\"`"),
        );
        return Ok(());
    }
    if !path.is_file() {
        loaded.diagnostics.push(
            Diagnostic::error(
                Code::MissingSource,
                name.span,
                format!(
                    "the source document `{}` is not in the agreement folder",
                    name.node
                ),
            )
            .with_label("named here")
            .with_help("copy the document into the folder, or correct the name"),
        );
        return Ok(());
    }
    if let Some(text) = read_text(&path, sources, &mut loaded.diagnostics)? {
        loaded.source = Some(sources.add(&path, text));
    }
    Ok(())
}

/// Whether `path`, with every symbolic link followed, is inside `dir`.
fn resolves_inside(dir: &Path, path: &Path) -> bool {
    match (fs::canonicalize(dir), fs::canonicalize(path)) {
        (Ok(dir), Ok(path)) => path.starts_with(dir),
        _ => false,
    }
}

/// Every clause and scenario file the paths name: files as given, folders
/// searched below (without following symbolic links), sorted.
pub fn clause_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    let mut found = Vec::new();
    for path in paths {
        let metadata = fs::metadata(path).map_err(|_| LoadError::Missing(display(path)))?;
        if metadata.is_file() {
            found.push(path.clone());
        } else {
            collect_files(path, 0, &mut found)?;
        }
    }
    found.sort();
    found.dedup();
    Ok(found)
}

fn collect_files(dir: &Path, depth: usize, found: &mut Vec<PathBuf>) -> Result<(), LoadError> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    for entry in sorted_entries(dir)? {
        let Ok(metadata) = fs::symlink_metadata(&entry) else {
            continue;
        };
        let wanted = has_extension(&entry, "clause") || has_extension(&entry, "scenario");
        if metadata.is_dir() {
            collect_files(&entry, depth + 1, found)?;
        } else if metadata.is_file() && wanted {
            found.push(entry);
        }
    }
    Ok(())
}

/// Reads a file for formatting: its text, or why it cannot be formatted.
pub fn read_for_format(path: &Path) -> Result<Result<String, String>, LoadError> {
    let Some(bytes) = read_bounded(path)? else {
        return Ok(Err("the file is larger than clausec reads".to_owned()));
    };
    let text = decode_exact(&bytes).map_err(|_| "the file is not UTF-8 text".to_owned());
    Ok(text.and_then(|text| {
        if has_lone_carriage_return(&text) {
            Err(
                "it has a carriage return that no line feed follows (a classic Mac OS \
                 line ending, or a stray character), and fmt changes no line ending: \
                 save the file with LF or CRLF line endings first"
                    .to_owned(),
            )
        } else {
            Ok(text)
        }
    }))
}

/// Replaces a file's contents so that a crash at any moment leaves either
/// the old file or the new one, never half of either: the text goes to a
/// temporary file beside it, is flushed to disk, then renamed over it.
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.clausec-fmt"));
    let write = || -> std::io::Result<()> {
        let mut file = fs::File::create(&temporary)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        if let Ok(metadata) = fs::metadata(path) {
            fs::set_permissions(&temporary, metadata.permissions())?;
        }
        fs::rename(&temporary, path)
    };
    let result = write();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}
