//! `clausec diff`, as the command line runs it: the two versions (folders,
//! or a folder and its version at a git revision), the terms that changed,
//! each scenario's figures, as text or Markdown; exit 1 when anything
//! changed.

use super::Outcome;
use clausec::load::{Fetched, LoadError, Refusal, Store};
use clausec::report::{diff, render};
use clausec::source::{SourceMap, MAX_FILE_BYTES};
use std::ffi::OsString;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

/// The old version: a folder, or the agreement at a git revision.
enum Version {
    Folder(PathBuf),
    Git(GitRevision),
}

/// `clausec diff`: two versions of an agreement (or one and its version at
/// a git revision) compared ledger by ledger, scenario by scenario.
pub fn diff(
    old: PathBuf,
    new: Option<PathBuf>,
    scenario: Option<String>,
    git: Option<String>,
    format: DiffFormat,
) -> Result<Outcome, String> {
    let (old_version, new_dir) = match (git, new) {
        (Some(rev), None) => {
            let revision = GitRevision::of(&rev, &old)?;
            (Version::Git(revision), old)
        }
        (None, Some(new)) => (Version::Folder(old), new),
        (Some(_), Some(_)) => {
            return Err(
                "with --git, name one agreement: `clausec diff --git REV AGREEMENT`".to_owned(),
            )
        }
        (None, None) => return Err("name two agreement folders: `clausec diff OLD NEW`".to_owned()),
    };
    let mut old_sources = SourceMap::default();
    let mut new_sources = SourceMap::default();
    let old_analysis = match old_version {
        Version::Folder(dir) => clausec::analyze(&dir, &mut old_sources),
        Version::Git(mut revision) => {
            let shown = revision.shown.clone();
            clausec::analyze_from(&shown, &mut old_sources, &mut revision)
        }
    }
    .map_err(|e| e.to_string())?;
    let new_analysis = clausec::analyze(&new_dir, &mut new_sources).map_err(|e| e.to_string())?;
    for (analysis, sources, which) in [
        (&old_analysis, &old_sources, "old"),
        (&new_analysis, &new_sources, "new"),
    ] {
        if analysis.has_errors() {
            let errors = analysis.errors();
            return Err(format!(
                "the {which} version has errors; fix them before comparing\n{}",
                render::diagnostics_text(&errors, sources)
            ));
        }
    }
    let names: Vec<String> = match scenario {
        Some(name) => vec![name.replace('-', "_")],
        None => old_analysis
            .model
            .scenarios
            .iter()
            .map(|s| s.name.node.clone())
            .filter(|n| {
                new_analysis
                    .model
                    .scenarios
                    .iter()
                    .any(|s| &s.name.node == n)
            })
            .collect(),
    };
    let find = |analysis: &clausec::Analysis, name: &str| {
        analysis
            .model
            .scenarios
            .iter()
            .find(|s| s.name.node == name)
            .cloned()
    };
    let pairs: Vec<(
        String,
        Option<clausec::syntax::ast::Scenario>,
        Option<clausec::syntax::ast::Scenario>,
    )> = if names.is_empty() {
        vec![("none".to_owned(), None, None)]
    } else {
        names
            .iter()
            .map(|n| (n.clone(), find(&old_analysis, n), find(&new_analysis, n)))
            .collect()
    };
    let mut report = diff::DiffReport {
        terms: diff::term_changes(&old_analysis.model, &new_analysis.model),
        scenarios: Vec::new(),
    };
    for (name, old_scenario, new_scenario) in pairs {
        if name != "none" && (old_scenario.is_none() || new_scenario.is_none()) {
            return Err(format!("scenario `{name}` is not in both versions"));
        }
        let before = clausec::ledger(&old_analysis, old_scenario.as_ref());
        let after = clausec::ledger(&new_analysis, new_scenario.as_ref());
        report
            .scenarios
            .push((name, diff::compare(&before, &after)));
    }
    let stdout = match format {
        // Changes quote the user's words: no raw control character.
        DiffFormat::Text => clausec::escape::terminal(&diff::diff_text(&report)).into_owned(),
        // Escaped piece by piece for Markdown by the renderer.
        DiffFormat::Markdown => diff::diff_markdown(&report),
    };
    Ok(Outcome {
        stdout,
        code: u8::from(report.changed()),
    })
}

/// How `clausec diff` prints what it found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffFormat {
    Text,
    /// A pull-request comment.
    Markdown,
}

/// An agreement as it is at a git revision, read from git's object store
/// straight into memory: nothing is written to disk, only the files the
/// agreement reads are read (its clause and scenario files, its `scenarios`
/// folder, its source document), and none larger than the file size limit.
/// The revision is resolved to object ids first, with `--end-of-options`,
/// so that what the user typed never reaches git as an option, and the
/// folder is found by walking trees name by name, so that no path git
/// reports (`..`, an absolute path) can lead anywhere else.
struct GitRevision {
    /// The agreement folder in the working tree, where git runs.
    cwd: PathBuf,
    /// The agreement folder's tree at the revision, and its entries.
    folder: String,
    entries: Vec<TreeEntry>,
    /// The name the revision's files are shown under: `REV:AGREEMENT`.
    shown: PathBuf,
}

/// One entry of a git tree, from `git ls-tree -z -l`.
#[derive(Clone)]
struct TreeEntry {
    mode: String,
    kind: String,
    object: String,
    size: Option<u64>,
    name: OsString,
}

impl GitRevision {
    fn of(rev: &str, agreement: &Path) -> Result<GitRevision, String> {
        let shown = agreement.to_string_lossy().replace('\\', "/");
        let cwd = std::fs::canonicalize(agreement)
            .ok()
            .filter(|dir| dir.is_dir())
            .ok_or_else(|| format!("`{shown}` is not an agreement folder"))?;
        let top = git_bytes(&cwd, &["rev-parse", "--show-toplevel"])
            .map_err(|_| format!("`{shown}` is not in a git repository"))?;
        let top = top.strip_suffix(b"\n").unwrap_or(&top);
        let top = std::fs::canonicalize(os_name(top)).map_err(|e| e.to_string())?;
        let inside = cwd
            .strip_prefix(&top)
            .map_err(|_| format!("`{shown}` is not in a git repository"))?
            .to_path_buf();
        let spec = format!("{rev}^{{tree}}");
        let root = git_text(
            &cwd,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                "--end-of-options",
                &spec,
            ],
        )
        .map_err(|_| format!("`{rev}` is not a revision of this repository"))?;
        let mut revision = GitRevision {
            cwd,
            folder: String::new(),
            entries: Vec::new(),
            shown: PathBuf::from(format!("{rev}:{shown}")),
        };
        let missing = || format!("`{shown}` is not in revision `{rev}`");
        revision.folder = revision
            .find_tree(root.trim(), &inside)?
            .ok_or_else(missing)?;
        revision.entries = revision.list(&revision.folder)?;
        Ok(revision)
    }

    /// The tree at `path` below `tree`, walked one plain name at a time.
    fn find_tree(&self, tree: &str, path: &Path) -> Result<Option<String>, String> {
        let mut tree = tree.to_owned();
        for component in path.components() {
            let Component::Normal(name) = component else {
                return Ok(None);
            };
            let entries = self.list(&tree)?;
            match entries
                .into_iter()
                .find(|e| e.name == name && e.kind == "tree")
            {
                Some(entry) => tree = entry.object,
                None => return Ok(None),
            }
        }
        Ok(Some(tree))
    }

    /// The entries of one tree, by its object id. An entry whose name is
    /// not one plain name (`..`, `.`, a name with a slash: only a crafted
    /// tree holds one) is dropped.
    fn list(&self, tree: &str) -> Result<Vec<TreeEntry>, String> {
        let listing = git_bytes(&self.cwd, &["ls-tree", "-z", "-l", "--full-tree", tree])?;
        Ok(listing
            .split(|b| *b == 0)
            .filter_map(parse_entry)
            .filter(|e| is_one_plain_name(&e.name))
            .collect())
    }

    /// The entry at a relative path of plain names, below the folder.
    fn entry(&self, relative: &Path) -> Result<Option<TreeEntry>, String> {
        let plain = relative
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
        let names: Vec<&std::ffi::OsStr> = relative.iter().filter(|n| *n != ".").collect();
        let Some((last, parents)) = names.split_last().filter(|_| plain) else {
            return Ok(None);
        };
        let listed;
        let entries = if parents.is_empty() {
            &self.entries
        } else {
            let parent: PathBuf = parents.iter().collect();
            let Some(tree) = self.find_tree(&self.folder, &parent)? else {
                return Ok(None);
            };
            listed = self.list(&tree)?;
            &listed
        };
        Ok(entries.iter().find(|e| e.name == *last).cloned())
    }

    /// A blob's bytes, never more than the file size limit.
    fn read_blob(&self, object: &str) -> Result<Option<Vec<u8>>, String> {
        let mut child = Command::new("git")
            .args(["cat-file", "blob", object])
            .current_dir(&self.cwd)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot run git: {e}"))?;
        let mut bytes = Vec::new();
        if let Some(stdout) = child.stdout.take() {
            stdout
                .take(MAX_FILE_BYTES + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read from git: {e}"))?;
        }
        let _ = child.kill();
        let _ = child.wait();
        Ok((bytes.len() as u64 <= MAX_FILE_BYTES).then_some(bytes))
    }
}

impl TreeEntry {
    fn is_blob(&self) -> bool {
        self.kind == "blob"
    }

    fn is_link(&self) -> bool {
        self.mode == "120000"
    }
}

/// `<mode> <type> <object> <size>\t<name>`, as `git ls-tree -l` prints it.
fn parse_entry(record: &[u8]) -> Option<TreeEntry> {
    let tab = record.iter().position(|b| *b == b'\t')?;
    let (head, name) = (record.get(..tab)?, record.get(tab + 1..)?);
    let head = std::str::from_utf8(head).ok()?;
    let mut fields = head.split_whitespace();
    let (mode, kind, object, size) = (
        fields.next()?,
        fields.next()?,
        fields.next()?,
        fields.next()?,
    );
    Some(TreeEntry {
        mode: mode.to_owned(),
        kind: kind.to_owned(),
        object: object.to_owned(),
        size: size.parse().ok(),
        name: os_name(name),
    })
}

#[cfg(unix)]
fn os_name(bytes: &[u8]) -> OsString {
    use std::os::unix::ffi::OsStrExt;
    std::ffi::OsStr::from_bytes(bytes).to_os_string()
}

#[cfg(not(unix))]
fn os_name(bytes: &[u8]) -> OsString {
    OsString::from(String::from_utf8_lossy(bytes).into_owned())
}

fn is_one_plain_name(name: &std::ffi::OsStr) -> bool {
    let mut components = Path::new(name).components();
    matches!(components.next(), Some(Component::Normal(n)) if n == name)
        && components.next().is_none()
}

fn is_agreement_file(name: &std::ffi::OsStr) -> bool {
    let extension = Path::new(name).extension();
    extension.is_some_and(|e| e == "clause" || e == "scenario")
}

impl Store for GitRevision {
    fn names(&mut self) -> Result<Vec<PathBuf>, LoadError> {
        let failed = |reason: String| LoadError::Unreadable {
            path: self.shown.to_string_lossy().into_owned(),
            reason,
        };
        let mut names: Vec<PathBuf> = self
            .entries
            .iter()
            .filter(|e| e.is_blob() && is_agreement_file(&e.name))
            .map(|e| PathBuf::from(&e.name))
            .collect();
        let scenarios = self
            .entries
            .iter()
            .find(|e| e.name == "scenarios" && e.kind == "tree");
        if let Some(scenarios) = scenarios {
            let inside = self.list(&scenarios.object).map_err(failed)?;
            names.extend(
                inside
                    .iter()
                    .filter(|e| e.is_blob() && is_agreement_file(&e.name))
                    .map(|e| Path::new("scenarios").join(&e.name)),
            );
        }
        Ok(names)
    }

    fn fetch(&mut self, relative: &Path) -> Result<Fetched, LoadError> {
        let failed = |reason: String| LoadError::Unreadable {
            path: self.shown.join(relative).to_string_lossy().into_owned(),
            reason,
        };
        let Some(entry) = self.entry(relative).map_err(failed)? else {
            return Ok(Fetched::Absent);
        };
        if entry.is_link() {
            return Ok(Fetched::Refused(Refusal::Link));
        }
        if !entry.is_blob() {
            return Ok(Fetched::Refused(Refusal::NotAFile));
        }
        // The size git records is checked before a byte of the blob is read.
        if entry.size.is_none_or(|size| size > MAX_FILE_BYTES) {
            return Ok(Fetched::TooLarge);
        }
        Ok(match self.read_blob(&entry.object).map_err(failed)? {
            Some(bytes) => Fetched::Bytes(bytes),
            None => Fetched::TooLarge,
        })
    }
}

/// Runs git in `cwd` with fixed arguments (object ids, or the user's
/// revision after `--end-of-options`): its standard output.
fn git_bytes(cwd: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(output.stdout)
}

/// Like [`git_bytes`], for output that is a path or an object id.
fn git_text(cwd: &Path, args: &[&str]) -> Result<String, String> {
    let bytes = git_bytes(cwd, args)?;
    String::from_utf8(bytes).map_err(|_| format!("git {}: the answer is not text", args.join(" ")))
}
