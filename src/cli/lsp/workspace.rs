//! Which files the language server reads: regular files inside the
//! workspace the editor opened, no larger than `check` reads them.
//!
//! The editor names files by URI, and a URI can name anything: a file
//! outside the project, `/proc/self/environ`, a named pipe (reading it waits
//! for a writer forever), `/dev/zero` (it never ends). So a path is read only
//! when, with every symbolic link followed, it is inside one of the
//! workspace's folders, and only when what was opened is a regular file.

use clausec::load::{Folder, Gate};
use clausec::source::MAX_FILE_BYTES;
use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// The folders the editor opened.
#[derive(Default)]
pub struct Workspace {
    /// Their paths, with every symbolic link resolved.
    roots: Vec<PathBuf>,
    /// The same folders, as the gate that opens their files.
    folders: Vec<Folder>,
}

impl Workspace {
    /// The workspace of these folders; a folder that does not exist is
    /// left out (so a workspace may hold no folder, and then nothing).
    pub fn new(folders: impl IntoIterator<Item = PathBuf>) -> Self {
        let roots: Vec<PathBuf> = folders
            .into_iter()
            .filter_map(|f| fs::canonicalize(f).ok())
            .collect();
        let folders = roots.iter().filter_map(|r| Folder::new(r).ok()).collect();
        Workspace { roots, folders }
    }

    /// Whether `path` (absolute) is inside the workspace once every symbolic
    /// link is followed. A path where nothing exists yet (a new file the
    /// editor has not saved) is judged by its folder.
    pub fn contains(&self, path: &Path) -> bool {
        let plain = path.components().all(|c| {
            matches!(
                c,
                Component::RootDir | Component::Prefix(_) | Component::Normal(_)
            )
        });
        if !plain || !path.is_absolute() {
            return false;
        }
        let resolved = match fs::canonicalize(path) {
            Ok(resolved) => resolved,
            Err(_) if fs::symlink_metadata(path).is_err() => {
                let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
                    return false;
                };
                match fs::canonicalize(folder) {
                    Ok(folder) => folder.join(name),
                    Err(_) => return false,
                }
            }
            // A link that leads nowhere, or in a loop.
            Err(_) => return false,
        };
        self.roots.iter().any(|root| resolved.starts_with(root))
    }

    /// The text of a file of the workspace: `None` when it is outside, not
    /// an ordinary file, larger than [`MAX_FILE_BYTES`], unreadable or not
    /// UTF-8. The file is opened by the gate `check` reads through
    /// ([`Folder::open`]: without waiting on a pipe, checked again on the
    /// open handle), so nothing else is opened.
    pub fn read(&self, path: &Path) -> Option<String> {
        if !self.contains(path) {
            return None;
        }
        let file = self
            .folders
            .iter()
            .find_map(|folder| match folder.open(path) {
                Ok(Gate::Allowed(file)) => Some(file),
                _ => None,
            })?;
        let mut bytes = Vec::new();
        file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).ok()?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return None;
        }
        String::from_utf8(bytes).ok()
    }
}
