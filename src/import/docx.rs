//! A Word document (`.docx`): a zip archive whose `word/document.xml` holds
//! the text in `<w:t>` runs inside `<w:p>` paragraphs. The archive's central
//! directory is read to find that one part, which is stored or deflated;
//! ZIP64, encrypted parts and other compression methods are refused.

use super::inflate::{inflate, InflateError};
use super::markup::decode_entities;

/// The most bytes `word/document.xml` may decompress to.
const MAX_PART_BYTES: usize = 64 * 1024 * 1024;

const END_OF_DIRECTORY: u32 = 0x0605_4b50;
const DIRECTORY_ENTRY: u32 = 0x0201_4b50;
const LOCAL_HEADER: u32 = 0x0403_4b50;

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    match bytes.get(at..at.checked_add(2)?)? {
        [a, b] => Some(u16::from_le_bytes([*a, *b])),
        _ => None,
    }
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    match bytes.get(at..at.checked_add(4)?)? {
        [a, b, c, d] => Some(u32::from_le_bytes([*a, *b, *c, *d])),
        _ => None,
    }
}

fn usize_at(bytes: &[u8], at: usize) -> Option<usize> {
    u32_at(bytes, at).and_then(|v| usize::try_from(v).ok())
}

/// The bytes of one part of a zip archive, by name.
pub fn zip_part(bytes: &[u8], wanted: &str) -> Result<Vec<u8>, String> {
    const NOT_ZIP: &str = "it is not a zip archive (a `.docx` file is one)";
    let lowest = bytes.len().saturating_sub(22 + 65_535);
    let end = (lowest..=bytes.len().saturating_sub(22))
        .rev()
        .find(|&at| u32_at(bytes, at) == Some(END_OF_DIRECTORY))
        .ok_or(NOT_ZIP)?;
    let entries = u16_at(bytes, end + 10).ok_or(NOT_ZIP)?;
    let offset = u32_at(bytes, end + 16).ok_or(NOT_ZIP)?;
    if entries == 0xffff || offset == 0xffff_ffff {
        return Err("it is a ZIP64 archive, which clausec does not read".to_owned());
    }
    let mut at = usize::try_from(offset).map_err(|_| NOT_ZIP)?;
    for _ in 0..entries {
        if u32_at(bytes, at) != Some(DIRECTORY_ENTRY) {
            return Err("its table of contents is damaged".to_owned());
        }
        let field = |offset: usize| u16_at(bytes, at + offset).map(usize::from).ok_or(NOT_ZIP);
        let (flags, method) = (field(8)?, field(10)?);
        let compressed = usize_at(bytes, at + 20).ok_or(NOT_ZIP)?;
        let (name_len, extra_len, comment_len) = (field(28)?, field(30)?, field(32)?);
        let local = usize_at(bytes, at + 42).ok_or(NOT_ZIP)?;
        let name = bytes.get(at + 46..at + 46 + name_len).ok_or(NOT_ZIP)?;
        if name == wanted.as_bytes() {
            if flags & 1 != 0 {
                return Err(format!("`{wanted}` is encrypted"));
            }
            if u32_at(bytes, local) != Some(LOCAL_HEADER) {
                return Err("its table of contents is damaged".to_owned());
            }
            let local_name = u16_at(bytes, local + 26).map(usize::from).ok_or(NOT_ZIP)?;
            let local_extra = u16_at(bytes, local + 28).map(usize::from).ok_or(NOT_ZIP)?;
            let start = local + 30 + local_name + local_extra;
            let data = bytes
                .get(start..start.saturating_add(compressed))
                .ok_or("it is cut short")?;
            return match method {
                0 if data.len() <= MAX_PART_BYTES => Ok(data.to_vec()),
                0 => Err(format!("`{wanted}` is larger than 64 MiB")),
                8 => inflate(data, MAX_PART_BYTES).map_err(|e| match e {
                    InflateError::TooLarge => format!("`{wanted}` is larger than 64 MiB"),
                    InflateError::Truncated | InflateError::Invalid => {
                        format!("`{wanted}` is damaged")
                    }
                }),
                _ => Err(format!(
                    "`{wanted}` is compressed in a way clausec does not read (method {method})"
                )),
            };
        }
        at += 46 + name_len + extra_len + comment_len;
    }
    Err(format!("it has no `{wanted}` (is it a Word document?)"))
}

/// The text of a `.docx` file: one paragraph per `<w:p>`, separated by
/// blank lines; a tab or line break inside a run kept as one.
pub fn text_of_docx(bytes: &[u8]) -> Result<String, String> {
    let xml = zip_part(bytes, "word/document.xml")?;
    let xml = String::from_utf8(xml).map_err(|_| "its text is not UTF-8".to_owned())?;
    Ok(text_of_document_xml(&xml))
}

/// The paragraphs of `word/document.xml`. Only `<w:t>` text counts: deleted
/// text (`<w:delText>`) and field codes (`<w:instrText>`) are not part of
/// the document as printed.
fn text_of_document_xml(xml: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut in_text = false;
    let mut in_run = false;
    let mut rest = xml;
    while let Some(open) = rest.find('<') {
        if in_text {
            if let Some(text) = rest.get(..open) {
                current.push_str(&decode_entities(text));
            }
        }
        let after = rest.get(open..).unwrap_or("");
        let Some(close) = after.find('>') else {
            break;
        };
        let tag = after.get(1..close).unwrap_or("");
        rest = after.get(close + 1..).unwrap_or("");
        let closing = tag.starts_with('/');
        let self_closing = tag.ends_with('/');
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        match (name, closing) {
            ("w:p", false) if self_closing => paragraphs.push(String::new()),
            ("w:p", false) => current.clear(),
            ("w:p", true) => paragraphs.push(std::mem::take(&mut current)),
            ("w:r", false) => in_run = !self_closing,
            ("w:r", true) => in_run = false,
            ("w:t", false) => in_text = !self_closing,
            ("w:t", true) => in_text = false,
            ("w:tab", false) if in_run => current.push('\t'),
            ("w:br" | "w:cr", false) if in_run => current.push('\n'),
            ("w:noBreakHyphen", false) if in_run => current.push('-'),
            _ => {}
        }
    }
    let mut out = String::new();
    for paragraph in paragraphs {
        let paragraph = paragraph.trim();
        if paragraph.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(paragraph);
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_runs_and_entities() {
        let xml = r#"<?xml version="1.0"?><w:document><w:body>
            <w:p><w:pPr><w:tabs><w:tab w:val="left"/></w:tabs></w:pPr>
            <w:r><w:t>1. The &quot;Buyer&quot; </w:t></w:r><w:r><w:t xml:space="preserve">pays &amp; </w:t></w:r>
            <w:del><w:r><w:delText>never</w:delText></w:r></w:del><w:r><w:tab/><w:t>on time.</w:t></w:r></w:p>
            <w:p/><w:p><w:r><w:t>2. Next</w:t></w:r></w:p></w:body></w:document>"#;
        assert_eq!(
            text_of_document_xml(xml),
            "1. The \"Buyer\" pays & \ton time.\n\n2. Next\n"
        );
    }

    #[test]
    fn not_a_zip() {
        assert!(zip_part(b"hello", "word/document.xml").is_err());
        assert!(zip_part(b"", "word/document.xml").is_err());
    }
}
