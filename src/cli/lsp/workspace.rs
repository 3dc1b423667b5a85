//! Which files the language server reads: regular files inside the
//! workspace the editor opened, no larger than `check` reads them.
//!
//! The editor names files by URI, and a URI can name anything: a file
//! outside the project, `/proc/self/environ`, a named pipe (reading it waits
//! for a writer forever), `/dev/zero` (it never ends). So a path is read only
//! when, with every symbolic link followed, it is inside one of the
//! workspace's folders, and only when what was opened is a regular file.

use clausec::source::MAX_FILE_BYTES;
use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// The folders the editor opened, with every symbolic link resolved.
#[derive(Debug, Default)]
pub struct Workspace {
    roots: Vec<PathBuf>,
}

impl Workspace {
    /// The workspace of these folders; a folder that does not exist is
    /// left out (so a workspace may hold no folder, and then nothing).
    pub fn new(folders: impl IntoIterator<Item = PathBuf>) -> Self {
        Workspace {
            roots: folders
                .into_iter()
                .filter_map(|f| fs::canonicalize(f).ok())
                .collect(),
        }
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
    /// a regular file, larger than [`MAX_FILE_BYTES`], unreadable or not
    /// UTF-8. Nothing else is opened, and what was opened is checked again
    /// (a file replaced by a pipe in between is refused too).
    pub fn read(&self, path: &Path) -> Option<String> {
        if !self.contains(path) || !fs::metadata(path).is_ok_and(|m| m.is_file()) {
            return None;
        }
        let file = open_without_waiting(path).ok()?;
        if !file.metadata().is_ok_and(|m| m.is_file()) {
            return None;
        }
        let mut bytes = Vec::new();
        file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).ok()?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return None;
        }
        String::from_utf8(bytes).ok()
    }
}

/// Opens a file for reading without waiting: opening a named pipe waits for
/// a writer, unless it is opened non-blocking.
#[cfg(unix)]
fn open_without_waiting(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_waiting(path: &Path) -> std::io::Result<fs::File> {
    fs::File::open(path)
}
