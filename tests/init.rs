//! `clausec init AGREEMENT --from FILE` through the real binary: the
//! letter's text, a small EDGAR-style HTML exhibit and a small Word
//! document each become an agreement folder that `clausec check` passes
//! with no errors and no warnings, that `clausec fmt --check` leaves as it
//! is, and that quotes every part of the document; and what it refuses.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{clausec, scratch_dir, stdout};
use std::path::Path;

fn init(dir: &Path, from: &str) -> std::process::Output {
    clausec(&["init", dir.to_str().unwrap(), "--from", from])
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

/// `clausec check` and `clausec fmt --check` both pass on the folder, and
/// `check` has nothing to say: every part of the source is quoted.
fn checks_clean(dir: &Path) {
    let dir_arg = dir.to_str().unwrap();
    let check = clausec(&["check", dir_arg, "--deny", "warnings"]);
    assert_eq!(check.status.code(), Some(0), "check:\n{}", stdout(&check));
    assert!(
        stdout(&check).contains("0 errors, 0 warnings"),
        "{}",
        stdout(&check)
    );
    let fmt = clausec(&["fmt", "--check", dir_arg]);
    assert_eq!(fmt.status.code(), Some(0), "fmt --check:\n{}", stdout(&fmt));
}

#[test]
fn the_letter_becomes_a_folder_that_checks() {
    let dir = scratch_dir();
    let out = init(&dir, "clauses/lovelock-severance/source.txt");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let report = stdout(&out);
    assert!(report.contains("5 numbered sections"), "{report}");
    checks_clean(&dir);

    let header = read(&dir, "agreement.clause");
    assert!(header.contains("agreement \"T. Lovelock Severance Agreement\""));
    assert!(header.contains("dated June 6, 2002"));
    assert!(header.contains("party company \"IEC Electronics Corp.\""));
    assert!(header.contains("party addressee \"Thomas W. Lovelock\""));
    assert!(header.contains("clause preamble"));
    assert!(header.contains("clause signatures"));
    assert!(header.contains("quote \"Page 74 of 104"));
    for n in 1..=5 {
        let clause = read(&dir, &format!("{n}.clause"));
        assert!(clause.starts_with(&format!("clause {n}\n")), "{clause}");
        assert!(clause.contains("# encode the obligations of this clause here"));
    }
    // Sub-paragraphs belong to their section; quote marks are escaped.
    let two = read(&dir, "2.clause");
    assert!(two.contains("quote \"(e) At your election"), "{two}");
    let closing = read(&dir, "closing.clause");
    assert!(closing.contains("If legal proceedings are brought"));
    assert!(read(&dir, "agreement.clause").contains("(the \\\"Company\\\")"));
    // The source is the letter's text.
    let original = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("clauses/lovelock-severance/source.txt"),
    )
    .unwrap();
    assert_eq!(read(&dir, "source.txt").trim(), original.trim());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_html_exhibit_becomes_a_folder_that_checks() {
    let dir = scratch_dir();
    let out = init(&dir, "tests/fixtures/init/lease.html");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    checks_clean(&dir);
    let source = read(&dir, "source.txt");
    assert!(!source.contains('<') || source.contains("<unless renewed>"));
    assert!(!source.contains("&amp;") && !source.contains("EX-10.4"));
    assert!(source.contains("(“Lessor”)"), "{source}");
    let header = read(&dir, "agreement.clause");
    assert!(header.contains("agreement \"Equipment Lease Agreement\""));
    assert!(header.contains("dated March 3, 2025"));
    assert!(header.contains("party lessor \"Kestrel Leasing, LLC\""));
    assert!(header.contains("party lessee \"Brightwater Press & Sons, Inc.\""));
    assert!(read(&dir, "2.clause").starts_with("clause 2 \"Rent\""));
    assert!(read(&dir, "2.clause").contains("(b) Late rent"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_word_document_becomes_a_folder_that_checks() {
    let dir = scratch_dir();
    let out = init(&dir, "tests/fixtures/init/note.docx");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    checks_clean(&dir);
    let source = read(&dir, "source.txt");
    assert!(
        !source.contains("old words"),
        "deleted text is not the document's"
    );
    assert!(source.contains("The Lender's \"notice\" is required."));
    let header = read(&dir, "agreement.clause");
    assert!(header.contains("agreement \"Promissory Note\""));
    assert!(header.contains("dated January 15, 2024"));
    assert!(header.contains("party borrower \"Ada Brightwater\""));
    assert!(header.contains("party lender \"Corvin Lending LLC\""));
    assert!(read(&dir, "3.clause").starts_with("clause 3 \"Prepayment\""));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A zip archive with its parts stored (not compressed), as some tools
/// write a `.docx`.
fn stored_zip(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut directory = Vec::new();
    for (name, text) in parts {
        let offset = out.len() as u32;
        let crc = 0u32; // clausec does not check it
        let size = text.len() as u32;
        let mut header = Vec::new();
        header.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        header.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        header.extend_from_slice(&crc.to_le_bytes());
        header.extend_from_slice(&size.to_le_bytes());
        header.extend_from_slice(&size.to_le_bytes());
        header.extend_from_slice(&(name.len() as u16).to_le_bytes());
        header.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(&header);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(text.as_bytes());
        directory.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        directory.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        directory.extend_from_slice(&crc.to_le_bytes());
        directory.extend_from_slice(&size.to_le_bytes());
        directory.extend_from_slice(&size.to_le_bytes());
        directory.extend_from_slice(&(name.len() as u16).to_le_bytes());
        directory.extend_from_slice(&[0; 12]);
        directory.extend_from_slice(&offset.to_le_bytes());
        directory.extend_from_slice(name.as_bytes());
    }
    let directory_offset = out.len() as u32;
    out.extend_from_slice(&directory);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(&(parts.len() as u16).to_le_bytes());
    out.extend_from_slice(&(parts.len() as u16).to_le_bytes());
    out.extend_from_slice(&(directory.len() as u32).to_le_bytes());
    out.extend_from_slice(&directory_offset.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

#[test]
fn a_stored_word_document_with_articles() {
    let paragraphs = [
        "SERVICES AGREEMENT",
        "This Services Agreement is entered into as of the 2nd day of May, 2023, between Salvati Consulting Group (\u{201c}Consultant\u{201d}) and Orion Parts, Inc. (the \u{201c}Client\u{201d}).",
        "ARTICLE I",
        "DEFINITIONS",
        "1.1 \u{201c}Services\u{201d} means the work in Schedule 1.",
        "ARTICLE II",
        "FEES",
        "2.1 Client pays Consultant $5,000 per month.",
        "2.2 Invoices are due in 30 days.",
        "Signature page follows",
    ];
    let body: String = paragraphs
        .iter()
        .map(|p| {
            format!(
                "<w:p><w:r><w:t>{}</w:t></w:r></w:p>",
                p.replace('&', "&amp;")
            )
        })
        .collect();
    let xml = format!("<?xml version=\"1.0\"?><w:document><w:body>{body}</w:body></w:document>");
    let file = scratch_dir().with_extension("docx");
    std::fs::write(&file, stored_zip(&[("word/document.xml", &xml)])).unwrap();
    let dir = scratch_dir();
    let out = init(&dir, file.to_str().unwrap());
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    checks_clean(&dir);
    let header = read(&dir, "agreement.clause");
    assert!(header.contains("dated May 2, 2023"), "{header}");
    assert!(header.contains("party consultant \"Salvati Consulting Group\""));
    assert!(header.contains("party client \"Orion Parts, Inc.\""));
    let two = read(&dir, "2.clause");
    assert!(two.starts_with("clause 2 \"Fees\""), "{two}");
    assert!(two.contains("2.2 Invoices"));
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_file(&file).unwrap();
}

#[test]
fn what_it_cannot_find_is_a_todo_and_the_folder_still_checks() {
    let file = scratch_dir().with_extension("txt");
    std::fs::write(
        &file,
        "the parties agree as follows:\n\n1. Pay. Someone pays someone.\n\n2. Deliver. Something is \"delivered\" \\ somewhere.\n",
    )
    .unwrap();
    let dir = scratch_dir();
    let out = init(&dir, file.to_str().unwrap());
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(stdout(&out).contains("not found"), "{}", stdout(&out));
    checks_clean(&dir);
    let header = read(&dir, "agreement.clause");
    assert!(header.contains("# TODO: no date was found"), "{header}");
    assert!(header.contains("# TODO: no parties were found"), "{header}");
    assert!(read(&dir, "2.clause").contains(r#"is \"delivered\" \\ somewhere"#));
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_file(&file).unwrap();
}

#[test]
fn it_never_writes_into_a_folder_with_files() {
    let dir = scratch_dir();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let out = init(&dir, "clauses/lovelock-severance/source.txt");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not empty"));
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    assert_eq!(read(&dir, "notes.txt"), "mine");
    // An empty folder is fine.
    std::fs::remove_file(dir.join("notes.txt")).unwrap();
    let out = init(&dir, "clauses/lovelock-severance/source.txt");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_pdf_or_an_unreadable_document_is_refused_and_nothing_is_made() {
    let dir = scratch_dir();
    let pdf = scratch_dir().with_extension("pdf");
    std::fs::write(&pdf, "%PDF-1.4").unwrap();
    let out = init(&dir, pdf.to_str().unwrap());
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("save it as plain text"), "{stderr}");
    assert!(!dir.exists());
    let broken = scratch_dir().with_extension("docx");
    std::fs::write(&broken, "not a zip").unwrap();
    let out = init(&dir, broken.to_str().unwrap());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
    assert!(!dir.exists());
    let out = init(&dir, "no/such/contract.txt");
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.exists());
    std::fs::remove_file(&pdf).unwrap();
    std::fs::remove_file(&broken).unwrap();
}
