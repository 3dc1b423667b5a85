//! Finding and reading agreement folders.
//!
//! An agreement is a folder holding `*.clause` files (one of them with the
//! `agreement` header), its `source` document, and scenarios (`*.scenario`,
//! in the folder or in its `scenarios/` sub-folder). This is the only module
//! of the core that touches the file system. Every file an agreement reads
//! passes one gate, [`Folder::open`]: an ordinary file inside the folder.
//! It writes in one place only, [`replace_formatted`], which `clausec fmt`
//! uses. A document named on the command line is read by [`read_document`].

mod problem;

pub use problem::LoadProblem;

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
        let fetched = read_given(path)?;
        let Some(text) = accept(fetched, path, sources, &mut self.diagnostics) else {
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

/// A file named on the command line (a link is followed: the user chose
/// it), read within the size limit, if it is an ordinary file: opened
/// without waiting, and checked on the open handle, so that a pipe named
/// there never makes clausec wait.
fn read_given(path: &Path) -> Result<Fetched, LoadError> {
    let file = open_for_reading(path).map_err(|e| unreadable(path, &e))?;
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return Ok(Fetched::Refused(Refusal::NotAFile));
    }
    Ok(
        match read_bounded(file).map_err(|e| unreadable(path, &e))? {
            Some(bytes) => Fetched::Bytes(bytes),
            None => Fetched::TooLarge,
        },
    )
}

/// A document named on the command line (`clausec init --from FILE`), read
/// as `read_given` reads a scenario file (a link is followed: the user chose
/// it; a pipe or a folder is refused unopened), within `limit` bytes.
pub fn read_document(path: &Path, limit: u64) -> Result<Vec<u8>, LoadError> {
    if !path.exists() {
        return Err(LoadError::Missing(display(path)));
    }
    let refuse = |reason: String| LoadError::Unreadable {
        path: display(path),
        reason,
    };
    let file = open_for_reading(path).map_err(|e| unreadable(path, &e))?;
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return Err(refuse("it is not an ordinary file".to_owned()));
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(path, &e))?;
    if bytes.len() as u64 > limit {
        return Err(refuse(format!(
            "it is larger than {} MiB",
            limit / 1024 / 1024
        )));
    }
    Ok(bytes)
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
    let folder = Folder::new(dir)?;
    let mut loaded = Loaded::of_folder(dir, sources);
    let mut paths = sorted_entries(dir)?;
    let scenario_dir = dir.join("scenarios");
    match folder.subfolder(&scenario_dir)? {
        Gate::Allowed(()) => paths.extend(sorted_entries(&scenario_dir)?),
        Gate::Refused(refusal) => {
            let refused = refusal_diagnostic(sources, &scenario_dir, &refusal);
            loaded.diagnostics.push(refused);
        }
        Gate::Absent => {}
    }
    let unsaved = overlay
        .keys()
        .filter(|p| p.parent() == Some(dir) || p.parent() == Some(scenario_dir.as_path()));
    paths.extend(unsaved.cloned());
    let mut fetch = |path: &Path| match overlay.get(path) {
        // An editor's text has the limit a file has.
        Some(text) if text.len() as u64 > MAX_FILE_BYTES => Ok(Fetched::TooLarge),
        Some(text) => Ok(Fetched::Text(text.clone())),
        None => folder.fetch(path),
    };
    load_files(loaded, paths, sources, &mut fetch)
}

/// An agreement folder that is not on disk, such as a git revision's: the
/// loader asks it for the names of the files and for each file's bytes.
pub trait Store {
    /// Every file directly in the folder or in its `scenarios/` folder, as
    /// paths relative to the folder (`2.clause`, `scenarios/base.scenario`).
    fn names(&mut self) -> Result<Vec<PathBuf>, LoadError>;

    /// One file, by a path relative to the folder made of plain names only
    /// (never `..` or an absolute path).
    fn fetch(&mut self, relative: &Path) -> Result<Fetched, LoadError>;
}

/// Like [`load_agreement`], for a folder held by a [`Store`]: `dir` is the
/// name its files are shown under.
pub fn load_agreement_from(
    dir: &Path,
    sources: &mut SourceMap,
    store: &mut dyn Store,
) -> Result<Loaded, LoadError> {
    let loaded = Loaded::of_folder(dir, sources);
    let paths = store
        .names()?
        .into_iter()
        .filter(|name| is_plain_relative(name))
        .map(|name| dir.join(name))
        .collect();
    let mut fetch = |path: &Path| match path.strip_prefix(dir) {
        Ok(relative) if is_plain_relative(relative) => store.fetch(relative),
        _ => Ok(Fetched::Refused(Refusal::Outside)),
    };
    load_files(loaded, paths, sources, &mut fetch)
}

/// Whether a relative path is made of plain names only: no `..`, no root.
fn is_plain_relative(path: &Path) -> bool {
    path.components().next().is_some()
        && path
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

/// What reading one file of an agreement gave.
#[derive(Debug)]
pub enum Fetched {
    /// The file's bytes (at most [`MAX_FILE_BYTES`]).
    Bytes(Vec<u8>),
    /// An editor's unsaved text.
    Text(String),
    /// The file is larger than [`MAX_FILE_BYTES`]; it was not read.
    TooLarge,
    /// The file may not be read; it was not opened.
    Refused(Refusal),
    /// There is no such file.
    Absent,
}

/// Why a file of an agreement was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// With its symbolic links followed, the path leads out of the folder.
    Outside,
    /// Not an ordinary file: a named pipe, a device, a socket or a folder.
    NotAFile,
    /// A symbolic link kept in a git revision, which is not followed.
    Link,
}

impl Loaded {
    fn of_folder(dir: &Path, sources: &mut SourceMap) -> Loaded {
        let dir_file = sources.add(dir, String::new());
        Loaded {
            dir: dir.to_path_buf(),
            dir_span: Span::new(dir_file, 0, 0),
            ..Loaded::default()
        }
    }
}

/// How one file is fetched, wherever the agreement is kept.
type Fetch<'a> = dyn FnMut(&Path) -> Result<Fetched, LoadError> + 'a;

/// Reads and parses the clause and scenario files among `paths`, then the
/// source document, all through `fetch`.
fn load_files(
    mut loaded: Loaded,
    mut paths: Vec<PathBuf>,
    sources: &mut SourceMap,
    fetch: &mut Fetch<'_>,
) -> Result<Loaded, LoadError> {
    paths.sort();
    paths.dedup();
    for path in paths {
        let is_scenario = has_extension(&path, "scenario");
        if !(is_scenario || has_extension(&path, "clause")) {
            continue;
        }
        let fetched = fetch(&path)?;
        if let Some(text) = accept(fetched, &path, sources, &mut loaded.diagnostics) {
            loaded.add_file(sources, &path, text, is_scenario);
        }
    }
    if !loaded.files.iter().any(|f| !f.is_scenario) && loaded.diagnostics.is_empty() {
        loaded.diagnostics.push(Diagnostic::of(
            &LoadProblem::NoClauseFiles {
                folder: display(&loaded.dir),
            },
            loaded.dir_span,
        ));
    }
    load_source_document(&mut loaded, sources, fetch)?;
    Ok(loaded)
}

/// An agreement folder on disk, by its resolved path: the one place that
/// decides whether a file of the agreement may be read. A file is read only
/// if it is an ordinary file and its path, with every symbolic link
/// followed, is inside the folder; anything else is refused unopened, so
/// that checking a folder someone sent never reads (and quotes back in a
/// diagnostic) a file the user did not give, and never waits on a pipe.
pub struct Folder {
    root: PathBuf,
}

/// What the gate decided about a path: allowed (with the opened file, or
/// the resolved path), refused, or there is nothing there.
#[derive(Debug)]
pub enum Gate<T> {
    Allowed(T),
    Refused(Refusal),
    Absent,
}

impl Folder {
    pub fn new(dir: &Path) -> Result<Folder, LoadError> {
        let root = fs::canonicalize(dir).map_err(|e| unreadable(dir, &e))?;
        Ok(Folder { root })
    }

    /// Opens `path` for reading if it may be read (see [`Folder`]).
    pub fn open(&self, path: &Path) -> Result<Gate<fs::File>, LoadError> {
        let real = match self.resolve(path)? {
            Gate::Allowed(real) => real,
            Gate::Refused(refusal) => return Ok(Gate::Refused(refusal)),
            Gate::Absent => return Ok(Gate::Absent),
        };
        let before = fs::symlink_metadata(&real).map_err(|e| unreadable(path, &e))?;
        if !before.is_file() {
            return Ok(Gate::Refused(Refusal::NotAFile));
        }
        let file = match open_without_following(&real) {
            Ok(file) => file,
            Err(e) if is_link_refused(&e) => return Ok(Gate::Refused(Refusal::Outside)),
            Err(e) => return Err(unreadable(path, &e)),
        };
        // Opened as checked, unless a link or a pipe was put in its place since.
        let after = file.metadata().map_err(|e| unreadable(path, &e))?;
        if !after.is_file() || !same_file(&before, &after) {
            return Ok(Gate::Refused(Refusal::NotAFile));
        }
        Ok(Gate::Allowed(file))
    }

    /// Whether `path` is a folder that may be listed: a folder whose
    /// resolved path is inside this one.
    fn subfolder(&self, path: &Path) -> Result<Gate<()>, LoadError> {
        if !fs::symlink_metadata(path).is_ok_and(|m| m.is_dir() || m.is_symlink()) {
            return Ok(Gate::Absent);
        }
        Ok(match self.resolve(path)? {
            Gate::Allowed(real) if real.is_dir() => Gate::Allowed(()),
            Gate::Allowed(_) | Gate::Absent => Gate::Absent,
            Gate::Refused(refusal) => Gate::Refused(refusal),
        })
    }

    /// `path` with every link followed, if that is inside the folder.
    fn resolve(&self, path: &Path) -> Result<Gate<PathBuf>, LoadError> {
        match fs::canonicalize(path) {
            Ok(real) if real.starts_with(&self.root) => Ok(Gate::Allowed(real)),
            Ok(_) => Ok(Gate::Refused(Refusal::Outside)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Gate::Absent),
            Err(e) => Err(unreadable(path, &e)),
        }
    }

    /// One file of the agreement, read within the size limit. A folder
    /// that happens to be named like a clause file is passed over.
    fn fetch(&self, path: &Path) -> Result<Fetched, LoadError> {
        if fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
            return Ok(Fetched::Absent);
        }
        Ok(match self.open(path)? {
            Gate::Allowed(file) => match read_bounded(file).map_err(|e| unreadable(path, &e))? {
                Some(bytes) => Fetched::Bytes(bytes),
                None => Fetched::TooLarge,
            },
            Gate::Refused(refusal) => Fetched::Refused(refusal),
            Gate::Absent => Fetched::Absent,
        })
    }
}

fn unreadable(path: &Path, error: &std::io::Error) -> LoadError {
    LoadError::Unreadable {
        path: display(path),
        reason: error.to_string(),
    }
}

/// Opens a file for reading without following a symbolic link in its last
/// component and without waiting: opening a named pipe would otherwise
/// block until something writes to it.
#[cfg(unix)]
fn open_without_following(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_following(path: &Path) -> std::io::Result<fs::File> {
    fs::File::open(path)
}

/// Whether opening failed because the path had become a symbolic link.
fn is_link_refused(error: &std::io::Error) -> bool {
    #[cfg(unix)]
    {
        error.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = error;
        false
    }
}

/// Whether two metadata describe the same file (device and inode).
#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    true
}

/// A file's bytes, or `None` when it is larger than [`MAX_FILE_BYTES`]
/// (never reading more than that).
fn read_bounded(file: fs::File) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= MAX_FILE_BYTES).then_some(bytes))
}

/// A fetched file as text, with size, encoding and refusals turned into
/// diagnostics (`None`).
fn accept(
    fetched: Fetched,
    path: &Path,
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    let bytes = match fetched {
        Fetched::Bytes(bytes) => bytes,
        // An editor's text, read as a file's would be.
        Fetched::Text(text) => return Some(lone_carriage_returns_as_line_feeds(text)),
        Fetched::Absent => return None,
        Fetched::Refused(refusal) => {
            diagnostics.push(refusal_diagnostic(sources, path, &refusal));
            return None;
        }
        Fetched::TooLarge => {
            diagnostics.push(too_large_diagnostic(sources, path));
            return None;
        }
    };
    match decode(&bytes) {
        Ok(text) => Some(text),
        Err((offset, lossy)) => {
            let shown = lossy.len().min(offset + 1);
            let id = sources.add(path, lossy);
            diagnostics.push(Diagnostic::of(
                &LoadProblem::NotUtf8,
                Span::new(id, offset.min(shown), shown),
            ));
            None
        }
    }
}

fn too_large_diagnostic(sources: &mut SourceMap, path: &Path) -> Diagnostic {
    let id = sources.add(path, String::new());
    Diagnostic::of(&LoadProblem::TooLarge, Span::new(id, 0, 0))
}

/// The diagnostic for a file (or the `scenarios` folder) that was not read.
/// It names the path as given, never where a link leads.
fn refusal_diagnostic(sources: &mut SourceMap, path: &Path, refusal: &Refusal) -> Diagnostic {
    let id = sources.add(path, String::new());
    let folder = !(has_extension(path, "clause") || has_extension(path, "scenario"));
    let problem = LoadProblem::Refused {
        refusal: *refusal,
        folder,
    };
    Diagnostic::of(&problem, Span::new(id, 0, 0))
}

/// Reads the document the `agreement` header names with `source "..."`,
/// relative to the agreement folder, through the same gate as every other
/// file: a name such as `../../etc/passwd`, an absolute path, or a symbolic
/// link that leads out of the folder is refused, so that checking an
/// agreement someone sent never reads, and quotes back in its warnings, a
/// file the user did not give.
fn load_source_document(
    loaded: &mut Loaded,
    sources: &mut SourceMap,
    fetch: &mut Fetch<'_>,
) -> Result<(), LoadError> {
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
    let path = loaded.dir.join(&name.node);
    let named_inside = Path::new(&name.node)
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    let fetched = if named_inside {
        fetch(&path)?
    } else {
        Fetched::Refused(Refusal::Outside)
    };
    let refusal = match fetched {
        Fetched::Refused(refusal) => Some(refusal),
        Fetched::Absent => None,
        fetched => {
            if let Some(text) = accept(fetched, &path, sources, &mut loaded.diagnostics) {
                loaded.source = Some(sources.add(&path, text));
            }
            return Ok(());
        }
    };
    loaded.diagnostics.push(Diagnostic::of(
        &LoadProblem::MissingSource {
            name: name.node.clone(),
            refusal,
        },
        name.span,
    ));
    Ok(())
}

/// The folder of an agreement that holds its ledger snapshots.
pub const SNAPSHOTS: &str = "snapshots";

/// Where `clausec test` keeps the ledger of one scenario:
/// `<agreement>/snapshots/<scenario>.ledger`.
pub fn snapshot_path(dir: &Path, scenario: &str) -> PathBuf {
    dir.join(SNAPSHOTS).join(format!("{scenario}.ledger"))
}

/// A stored ledger snapshot, as read.
#[derive(Debug, PartialEq, Eq)]
pub enum Snapshot {
    Text(String),
    /// There is none yet.
    Absent,
    /// It may not be read, or is not text: why, for the user.
    Refused(String),
}

/// Reads the snapshot of one scenario through the gate every file of the
/// agreement passes ([`Folder::open`]): an ordinary file inside the folder,
/// within the size limit, UTF-8.
pub fn read_snapshot(dir: &Path, scenario: &str) -> Result<Snapshot, LoadError> {
    let folder = Folder::new(dir)?;
    let path = snapshot_path(dir, scenario);
    Ok(match folder.fetch(&path)? {
        Fetched::Bytes(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Snapshot::Text(text),
            Err(_) => Snapshot::Refused("it is not UTF-8 text".to_owned()),
        },
        Fetched::Text(text) => Snapshot::Text(text),
        Fetched::Absent => Snapshot::Absent,
        Fetched::TooLarge => Snapshot::Refused("it is larger than clausec reads".to_owned()),
        Fetched::Refused(Refusal::Outside | Refusal::Link) => {
            Snapshot::Refused("it is a link that leads out of the agreement's folder".to_owned())
        }
        Fetched::Refused(Refusal::NotAFile) => {
            Snapshot::Refused("it is not an ordinary file".to_owned())
        }
    })
}

/// Every clause and scenario file the paths name: files as given, folders
/// searched below (without following symbolic links), sorted.
pub fn clause_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    let mut found = Vec::new();
    for path in paths {
        let metadata = fs::metadata(path).map_err(|_| LoadError::Missing(display(path)))?;
        if metadata.is_dir() {
            collect_files(path, 0, &mut found)?;
        } else {
            // A pipe or a device named here is listed, to be refused unopened.
            found.push(path.clone());
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

/// A file read for formatting, and what it was when it was read, so that
/// it is replaced only while it is still that file with that text.
pub struct ReadForFormat {
    pub text: String,
    bytes: Vec<u8>,
    metadata: fs::Metadata,
}

/// Reads a file for formatting: its text, or why it cannot be formatted.
/// Only an ordinary file is opened (a named pipe would make `fmt` wait).
pub fn read_for_format(path: &Path) -> Result<Result<ReadForFormat, String>, LoadError> {
    let not_a_file = || Ok(Err("it is not an ordinary file".to_owned()));
    if !fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return not_a_file();
    }
    let file = open_for_reading(path).map_err(|e| unreadable(path, &e))?;
    let metadata = file.metadata().map_err(|e| unreadable(path, &e))?;
    if !metadata.is_file() {
        return not_a_file();
    }
    let Some(bytes) = read_bounded(file).map_err(|e| unreadable(path, &e))? else {
        return Ok(Err("the file is larger than clausec reads".to_owned()));
    };
    let text = match decode_exact(&bytes) {
        Ok(text) => text,
        Err(_) => return Ok(Err("the file is not UTF-8 text".to_owned())),
    };
    if has_lone_carriage_return(&text) {
        return Ok(Err(
            "it has a carriage return that no line feed follows (a classic Mac OS \
             line ending, or a stray character), and fmt changes no line ending: \
             save the file with LF or CRLF line endings first"
                .to_owned(),
        ));
    }
    Ok(Ok(ReadForFormat {
        text,
        bytes,
        metadata,
    }))
}

/// Opens a file named on the command line (a link is followed) without
/// waiting, should it have become a pipe since it was looked at.
#[cfg(unix)]
fn open_for_reading(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_for_reading(path: &Path) -> std::io::Result<fs::File> {
    fs::File::open(path)
}

/// Why `fmt` did not replace a file.
#[derive(Debug)]
pub enum WriteError {
    /// Replacing it would change it in kind, or lose someone's edit: the
    /// reason, for the user.
    Refused(String),
    /// The file system failed.
    Io(std::io::Error),
}

impl From<std::io::Error> for WriteError {
    fn from(error: std::io::Error) -> Self {
        WriteError::Io(error)
    }
}

/// Replaces a formatted file's text, so that a crash at any moment leaves
/// either the old file or the new one, never half of either: the text goes
/// to a temporary file beside it (a random name, created exclusively, so a
/// link planted in the folder is never written through), is flushed to
/// disk, given the file's owner and permissions, and renamed over it.
///
/// A file is never silently changed in kind: a symbolic link, a file with
/// other names (hard links) or a read-only file is refused rather than
/// replaced by a plain file, and so is a file that changed since `read`
/// (someone saved an edit meanwhile), which is checked again just before
/// the rename.
pub fn replace_formatted(path: &Path, read: &ReadForFormat, text: &str) -> Result<(), WriteError> {
    use std::io::Write;
    let now = fs::symlink_metadata(path)?;
    refuse_unreplaceable(&now, &read.metadata)?;
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut temporary = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".clausec-fmt")
        .tempfile_in(parent)?;
    keep_owner(temporary.as_file(), &now)?;
    temporary.as_file().set_permissions(now.permissions())?;
    temporary.write_all(text.as_bytes())?;
    temporary.as_file().sync_all()?;
    if !still_as_read(path, read)? {
        return Err(changed_meanwhile());
    }
    temporary
        .persist(path)
        .map_err(|e| WriteError::Io(e.error))?;
    // The rename itself reaches the disk when the folder is synced; a
    // failure here leaves the new file in place, so it is not an error.
    if let Ok(folder) = fs::File::open(parent) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// Refuses to replace what is not a plain, writable file with one name,
/// or what is no longer the file that was read.
fn refuse_unreplaceable(now: &fs::Metadata, read: &fs::Metadata) -> Result<(), WriteError> {
    let refuse = |why: String| Err(WriteError::Refused(why));
    if now.is_symlink() {
        return refuse(
            "it is a symbolic link, and fmt does not replace a link with a file: \
             format the file it points to"
                .to_owned(),
        );
    }
    if !now.is_file() || !same_file(now, read) {
        return Err(changed_meanwhile());
    }
    let names = link_count(now);
    if names > 1 {
        return refuse(format!(
            "it has {names} names (hard links), and fmt would give the new text to \
             this name only: format a copy, or remove the other names first"
        ));
    }
    if now.permissions().readonly() {
        return refuse(
            "it is read-only, and fmt does not change a protected file: \
             make it writable first if it should be formatted"
                .to_owned(),
        );
    }
    Ok(())
}

fn changed_meanwhile() -> WriteError {
    WriteError::Refused(
        "it changed while fmt was working on it (another program saved it): \
         run fmt again"
            .to_owned(),
    )
}

/// Whether the file at `path` still holds exactly the bytes that were read.
fn still_as_read(path: &Path, read: &ReadForFormat) -> std::io::Result<bool> {
    let file = match open_without_following(path) {
        Ok(file) => file,
        Err(e) if is_link_refused(&e) => return Ok(false),
        Err(e) => return Err(e),
    };
    let metadata = file.metadata()?;
    if !metadata.is_file() || !same_file(&metadata, &read.metadata) {
        return Ok(false);
    }
    Ok(read_bounded(file)?.is_some_and(|bytes| bytes == read.bytes))
}

#[cfg(unix)]
fn link_count(metadata: &fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    metadata.nlink()
}

#[cfg(not(unix))]
fn link_count(_: &fs::Metadata) -> u64 {
    1
}

/// Gives the new file the owner and group of the one it replaces (`fmt`
/// run as root would otherwise hand a lawyer's file to root), or refuses
/// when that is not allowed.
#[cfg(unix)]
fn keep_owner(file: &fs::File, original: &fs::Metadata) -> Result<(), WriteError> {
    use std::os::unix::fs::MetadataExt;
    let created = file.metadata()?;
    let uid = (created.uid() != original.uid()).then_some(original.uid());
    let gid = (created.gid() != original.gid()).then_some(original.gid());
    if uid.is_none() && gid.is_none() {
        return Ok(());
    }
    std::os::unix::fs::fchown(file, uid, gid).map_err(|_| {
        WriteError::Refused(
            "it belongs to another user or group, which fmt cannot keep: \
             format it as its owner"
                .to_owned(),
        )
    })
}

#[cfg(not(unix))]
fn keep_owner(_: &fs::File, _: &fs::Metadata) -> Result<(), WriteError> {
    Ok(())
}
