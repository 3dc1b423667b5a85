//! What can go wrong reading an agreement's files, as kinds that own their
//! code, severity and words (see [`crate::diagnostic::problem`]).

use super::Refusal;
use crate::diagnostic::codes::Code;
use crate::diagnostic::problem::Problem;
use crate::source::MAX_FILE_BYTES;

/// A file, or the folder, that could not be read as an agreement's.
#[derive(Debug, thiserror::Error)]
pub enum LoadProblem {
    /// `folder`: the folder as the user gave it.
    #[error("`{folder}` holds no clause files")]
    NoClauseFiles { folder: String },
    #[error("this file is not UTF-8 text")]
    NotUtf8,
    #[error("this file is larger than {} MiB", MAX_FILE_BYTES / 1024 / 1024)]
    TooLarge,
    /// A clause or scenario file, or the `scenarios` folder, not read.
    #[error("{}", refused(*.refusal, *.folder))]
    Refused { refusal: Refusal, folder: bool },
    /// The document the header names with `source "..."`, not read.
    #[error("the source document `{name}` {}", missing_source(*.refusal))]
    MissingSource {
        name: String,
        /// Why it was not read; `None`: it is not there.
        refusal: Option<Refusal>,
    },
}

impl Problem for LoadProblem {
    fn code(&self) -> Code {
        match self {
            LoadProblem::NoClauseFiles { .. } => Code::NoClauseFiles,
            LoadProblem::NotUtf8 => Code::NotUtf8,
            LoadProblem::TooLarge => Code::TooLarge,
            LoadProblem::Refused { .. } => Code::RefusedFile,
            LoadProblem::MissingSource { .. } => Code::MissingSource,
        }
    }

    fn help(&self) -> Option<String> {
        Some(match self {
            LoadProblem::NoClauseFiles { .. } => {
                "an agreement folder needs `.clause` files; see `clausec explain no_clause_files`".to_owned()
            }
            LoadProblem::NotUtf8 => "save the file as plain text in UTF-8; a letter such as `é` saved in an older encoding (Latin-1, Windows-1252) does this, and so does a word-processor document".to_owned(),
            LoadProblem::TooLarge => {
                "a clause file is a few kilobytes; check that this is the right file".to_owned()
            }
            LoadProblem::Refused { refusal, folder } => refused_help(*refusal, *folder),
            LoadProblem::MissingSource { refusal, .. } => missing_source_help(*refusal).to_owned(),
        })
    }

    fn label(&self) -> Option<String> {
        match self {
            LoadProblem::NotUtf8 => Some("the first byte that is not text".to_owned()),
            LoadProblem::MissingSource { .. } => Some("named here".to_owned()),
            _ => None,
        }
    }
}

fn file_or_folder(folder: bool) -> &'static str {
    if folder {
        "folder"
    } else {
        "file"
    }
}

fn refused(refusal: Refusal, folder: bool) -> String {
    let kind = file_or_folder(folder);
    match refusal {
        Refusal::Outside => format!(
            "this {kind} is a link that leads out of the agreement folder, so it was not read"
        ),
        Refusal::NotAFile => "this is not an ordinary file (it is a named pipe, a device or a folder), so it was not read".to_owned(),
        Refusal::Link => format!("this {kind} is a symbolic link in the revision, so it was not read"),
    }
}

fn refused_help(refusal: Refusal, folder: bool) -> String {
    let kind = file_or_folder(folder);
    match refusal {
        Refusal::Outside => {
            format!("copy the {kind} itself into the agreement's folder instead of linking to it")
        }
        Refusal::NotAFile => {
            "a clause or scenario file is plain text saved in the agreement's folder".to_owned()
        }
        Refusal::Link => {
            "links are not followed in a git revision; commit the file itself".to_owned()
        }
    }
}

fn missing_source(refusal: Option<Refusal>) -> &'static str {
    match refusal {
        Some(Refusal::Outside) => "is outside the agreement folder",
        Some(Refusal::NotAFile | Refusal::Link) => "is not an ordinary file",
        None => "is not in the agreement folder",
    }
}

fn missing_source_help(refusal: Option<Refusal>) -> &'static str {
    match refusal {
        Some(Refusal::Outside) => "copy the document into the agreement's folder and name it by its file name, such as `source \"letter.txt\"`",
        Some(Refusal::NotAFile | Refusal::Link) => {
            "save the document as a plain text file in the agreement's folder"
        }
        None => "copy the document into the folder, or correct the name",
    }
}
