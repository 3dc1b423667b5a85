//! `clausec init AGREEMENT --from FILE`, as the command line runs it: the
//! document read (`load::read_document`), its text and scaffold made by the
//! library (`clausec::import`), and the folder written here. It writes only
//! into a new or empty folder, each file created new (never over a file,
//! never through a link); if a file cannot be written, the files it wrote
//! are removed again, and so is the folder if it made it.

use super::Outcome;
use clausec::import::{self, scaffold::scaffold, Kind, MAX_DOCUMENT_BYTES};
use clausec::load;
use std::io::Write;
use std::path::{Path, PathBuf};

/// `clausec init`. Exit code 0 when the folder was written; 2 (an error)
/// when the document cannot be read or the folder is not new or empty.
pub fn init(agreement: PathBuf, from: PathBuf) -> Result<Outcome, String> {
    let shown_dir = shown(&agreement);
    let shown_from = shown(&from);
    let kind = Kind::of(&from).map_err(|e| e.to_string())?;
    let bytes = load::read_document(&from, MAX_DOCUMENT_BYTES).map_err(|e| e.to_string())?;
    let text = import::document_text(&bytes, kind, &shown_from).map_err(|e| e.to_string())?;
    let folder_name = agreement
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Agreement".to_owned());
    let from_name = from
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| shown_from.clone());
    let scaffold = scaffold(&text, &folder_name, &from_name);
    let made_folder = prepare_folder(&agreement, &shown_dir)?;
    let mut written: Vec<PathBuf> = Vec::new();
    for file in &scaffold.files {
        let path = agreement.join(&file.name);
        if let Err(why) = create_new(&path, &file.text) {
            for done in written.iter().rev() {
                let _ = std::fs::remove_file(done);
            }
            if made_folder {
                let _ = std::fs::remove_dir(&agreement);
            }
            return Err(format!("cannot write `{}`: {why}", shown(&path)));
        }
        written.push(path);
    }
    Ok(Outcome {
        stdout: report(&scaffold, &shown_dir),
        code: 0,
    })
}

/// Makes the folder, or accepts an empty one; refuses anything else.
/// Returns whether it made the folder.
fn prepare_folder(agreement: &Path, shown_dir: &str) -> Result<bool, String> {
    match std::fs::symlink_metadata(agreement) {
        Ok(m) if m.is_dir() => {
            let mut entries = std::fs::read_dir(agreement)
                .map_err(|e| format!("cannot read `{shown_dir}`: {e}"))?;
            if entries.next().is_some() {
                return Err(format!(
                    "`{shown_dir}` is not empty; `clausec init` writes only into a new or empty folder, so that it never replaces a file; name a new folder"
                ));
            }
            Ok(false)
        }
        Ok(m) if m.is_symlink() => Err(format!(
            "`{shown_dir}` is a link; `clausec init` writes only into a new or empty folder, never through a link"
        )),
        Ok(_) => Err(format!(
            "`{shown_dir}` is a file; `clausec init` writes only into a new or empty folder"
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(parent) = agreement.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)
                    .map_err(|e| format!("cannot make `{}`: {e}", shown(parent)))?;
            }
            std::fs::create_dir(agreement)
                .map_err(|e| format!("cannot make `{shown_dir}`: {e}"))?;
            Ok(true)
        }
        Err(e) => Err(format!("cannot read `{shown_dir}`: {e}")),
    }
}

/// Creates a file that does not exist yet (`create_new` never follows a
/// link and never opens an existing file) and writes all of `text` to it.
fn create_new(path: &Path, text: &str) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

fn shown(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// What was written and found, and what to do next.
fn report(scaffold: &import::scaffold::Scaffold, shown_dir: &str) -> String {
    let names: Vec<&str> = scaffold.files.iter().map(|f| f.name.as_str()).collect();
    let mut out = format!("wrote {shown_dir}/: {}\n", names.join(", "));
    let mut found = Vec::new();
    if let Some(title) = &scaffold.title {
        found.push(format!("title \"{title}\""));
    }
    if let Some(date) = &scaffold.date {
        found.push(format!("date {date}"));
    }
    for (name, legal) in &scaffold.parties {
        found.push(format!("party `{name}` \"{legal}\""));
    }
    match scaffold.sections.len() {
        0 => {}
        1 => found.push("1 numbered section".to_owned()),
        n => found.push(format!("{n} numbered sections")),
    }
    if !found.is_empty() {
        out.push_str(&format!("found: {}\n", found.join("; ")));
    }
    if !scaffold.missing.is_empty() {
        out.push_str(&format!(
            "not found (a `# TODO` in agreement.clause): {}\n",
            scaffold.missing.join("; ")
        ));
    }
    out.push_str(&format!(
        "next: check the header against the document, encode each clause's obligations, and run `clausec check {shown_dir}`\n"
    ));
    clausec::escape::terminal(&out).into_owned()
}
