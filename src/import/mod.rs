//! A contract document to an agreement folder's first files (`clausec
//! init`): the document's text ([`document_text`]: plain text, HTML, or a
//! Word `.docx`), and from that text a scaffold ([`scaffold::scaffold`]):
//! `source.txt`, an `agreement.clause` header with the title, date and
//! parties it could find, and one clause file per numbered section, each
//! quoting its section word for word.
//!
//! Pure: bytes in, text out. Reading the document and writing the folder
//! are the binary's (`cli/init.rs`).

mod docx;
mod inflate;
mod markup;
pub mod scaffold;

use crate::source::MAX_FILE_BYTES;
use std::path::Path;

/// Whether a word is an organisation's legal form (`Inc.`, `LLC`,
/// `Corporation`, `GmbH`), in any case and with a comma after it: a name
/// it ends is an organisation's, and the name before it is what people
/// call it (`Florida Chemical` of `Florida Chemical Company, Inc.`).
pub fn is_legal_form(word: &str) -> bool {
    const LEGAL_FORMS: &[&str] = &[
        "inc",
        "inc.",
        "corp",
        "corp.",
        "corporation",
        "co",
        "co.",
        "company",
        "llc",
        "l.l.c.",
        "ltd",
        "ltd.",
        "limited",
        "lp",
        "l.p.",
        "llp",
        "plc",
        "oy",
        "gmbh",
        "ag",
        "sa",
        "s.a.",
    ];
    let word = word.trim_end_matches(',').to_lowercase();
    LEGAL_FORMS.contains(&word.as_str())
}

/// The largest document `clausec init` reads (a `.docx` with pictures is
/// larger than its text).
pub const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

/// The kinds of document `clausec init` reads, by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Html,
    Docx,
}

/// Why a document could not be read: the message is for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ImportError(pub String);

impl Kind {
    /// The kind of `path` by its extension (`.txt`, `.html`, `.htm`,
    /// `.docx`); anything else is refused with what to do instead.
    pub fn of(path: &Path) -> Result<Kind, ImportError> {
        let shown = path.to_string_lossy().replace('\\', "/");
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match extension.as_str() {
            "txt" | "text" => Ok(Kind::Text),
            "html" | "htm" | "xhtml" => Ok(Kind::Html),
            "docx" => Ok(Kind::Docx),
            "pdf" => Err(ImportError(format!(
                "`{shown}` is a PDF, which clausec cannot read reliably; open it and save it as plain text (`.txt`), or export it as `.docx` or `.html`, then run `clausec init` again with that file"
            ))),
            "doc" | "rtf" | "odt" | "pages" => Err(ImportError(format!(
                "`{shown}` is a word-processor file clausec cannot read; save it as `.docx` or as plain text (`.txt`) and run `clausec init` again with that file"
            ))),
            _ => Err(ImportError(format!(
                "clausec reads a contract from a `.txt`, `.html`, `.htm` or `.docx` file, and `{shown}` is none of these; save the document as one of them"
            ))),
        }
    }
}

/// The plain text of a document: line breaks as line feeds, paragraphs
/// separated by blank lines (for HTML and `.docx`), a form feed as a line
/// break, other control characters as spaces, no byte order mark. Text that
/// is not UTF-8 is read as Windows-1252 (what older word processors save).
pub fn document_text(bytes: &[u8], kind: Kind, shown: &str) -> Result<String, ImportError> {
    let text = match kind {
        Kind::Text => normalize(&decode_text(bytes)),
        Kind::Html => markup::text_of_html(&normalize(&decode_text(bytes))),
        Kind::Docx => markup::tidy(&normalize(&docx::text_of_docx(bytes).map_err(|why| {
            ImportError(format!("cannot read `{shown}` as a Word document: {why}"))
        })?)),
    };
    let text = markup::tidy_ends(&text);
    if text.trim().is_empty() {
        return Err(ImportError(format!("`{shown}` holds no text")));
    }
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError(format!(
            "the text of `{shown}` is larger than {} MiB, the most a source document may be",
            MAX_FILE_BYTES / 1024 / 1024
        )));
    }
    Ok(text)
}

fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.iter().map(|b| markup::windows_1252(*b)).collect(),
    }
}

fn normalize(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars()
        .map(|c| match c {
            '\u{c}' => '\n',
            '\t' | '\n' => c,
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_extension() {
        assert_eq!(Kind::of(Path::new("a/b.TXT")), Ok(Kind::Text));
        assert_eq!(Kind::of(Path::new("ex10.htm")), Ok(Kind::Html));
        assert_eq!(Kind::of(Path::new("x.docx")), Ok(Kind::Docx));
        let pdf = Kind::of(Path::new("x.pdf")).unwrap_err().0;
        assert!(pdf.contains("save it as plain text"), "{pdf}");
        assert!(Kind::of(Path::new("x")).is_err());
    }

    #[test]
    fn text_is_normalized() {
        let text = document_text(
            b"\xef\xbb\xbfA\r\nB\rC\x0cD\x01E\x93q\x94\n",
            Kind::Text,
            "x",
        )
        .unwrap();
        assert_eq!(text, "A\nB\nC\nD E“q”\n");
        assert!(document_text(b" \n\n", Kind::Text, "x").is_err());
    }
}
