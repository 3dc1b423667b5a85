//! HTML (and the XML of Word documents) to plain text: tags stripped,
//! character references decoded, paragraph breaks kept. EDGAR exhibits are
//! HTML of every age, so the converter is lenient: an unknown tag is
//! dropped, an unknown entity is kept as written, and a `<` that starts no
//! tag is text.

/// Tags that end a paragraph (a blank line before and after).
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "div",
    "dl",
    "dt",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "ol",
    "p",
    "page",
    "pre",
    "section",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "ul",
];

/// Tags whose content is not part of the document's text.
const HIDDEN: &[&str] = &["head", "script", "style", "title", "noscript", "template"];

/// Builds the text: white space folded outside `<pre>`, breaks as asked.
#[derive(Default)]
struct Out {
    text: String,
    pending_space: bool,
}

impl Out {
    fn trim_end_spaces(&mut self) {
        while self.text.ends_with([' ', '\t']) {
            self.text.pop();
        }
    }

    fn paragraph(&mut self) {
        self.pending_space = false;
        self.trim_end_spaces();
        if self.text.is_empty() {
            return;
        }
        while !self.text.ends_with("\n\n") {
            self.text.push('\n');
        }
    }

    fn line(&mut self) {
        self.pending_space = false;
        self.trim_end_spaces();
        self.text.push('\n');
    }

    fn space(&mut self) {
        self.pending_space = true;
    }

    fn push(&mut self, text: &str, preformatted: bool) {
        if preformatted {
            self.text.push_str(text);
            return;
        }
        for c in text.chars() {
            if c.is_whitespace() {
                self.pending_space = true;
                continue;
            }
            if self.pending_space && !self.text.is_empty() && !self.text.ends_with('\n') {
                self.text.push(' ');
            }
            self.pending_space = false;
            self.text.push(c);
        }
    }
}

/// The text of an HTML document.
pub fn text_of_html(html: &str) -> String {
    let mut out = Out::default();
    let mut preformatted = 0usize;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(open) = rest.find('<') else {
            out.push(&decode_entities(rest), preformatted > 0);
            break;
        };
        if let Some(text) = rest.get(..open) {
            out.push(&decode_entities(text), preformatted > 0);
        }
        let after = rest.get(open..).unwrap_or("");
        // A comment, a declaration or a processing instruction.
        if let Some(comment) = after.strip_prefix("<!--") {
            rest = comment
                .find("-->")
                .and_then(|end| comment.get(end + 3..))
                .unwrap_or("");
            continue;
        }
        let starts_tag = after
            .chars()
            .nth(1)
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?');
        if !starts_tag {
            out.push("<", preformatted > 0);
            rest = after.get(1..).unwrap_or("");
            continue;
        }
        let close = tag_end(after);
        let tag = after.get(1..close).unwrap_or("");
        rest = after.get(close + 1..).unwrap_or("");
        let closing = tag.starts_with('/');
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if !closing && HIDDEN.contains(&name.as_str()) && !tag.ends_with('/') {
            // Skip to the matching end tag (or the end of the document).
            let lower = rest.to_ascii_lowercase();
            let end_tag = format!("</{name}");
            rest = match lower.find(&end_tag) {
                Some(at) => {
                    let tail = rest.get(at..).unwrap_or("");
                    tail.find('>').and_then(|e| tail.get(e + 1..)).unwrap_or("")
                }
                None => "",
            };
            continue;
        }
        match name.as_str() {
            "br" => out.line(),
            "td" | "th" => out.space(),
            "pre" if closing => {
                preformatted = preformatted.saturating_sub(1);
                out.paragraph();
            }
            "pre" => {
                preformatted += 1;
                out.paragraph();
            }
            _ if BLOCKS.contains(&name.as_str()) => out.paragraph(),
            _ => {}
        }
    }
    tidy(&out.text)
}

/// Where a tag that starts at `text[0]` ends: its `>` outside quoted
/// attribute values (or the end of the text).
fn tag_end(text: &str) -> usize {
    let mut quote: Option<char> = None;
    for (at, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if at > 0 => quote = Some(c),
            (None, '>') => return at,
            _ => {}
        }
    }
    text.len()
}

/// Lines without trailing spaces, at most one blank line in a row, no blank
/// lines at the ends, and lines longer than 100 characters wrapped.
pub fn tidy(text: &str) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push('\n');
            blank = false;
        }
        wrap_into(&mut out, line, 100);
    }
    out
}

/// Appends `line` to `out`, broken at spaces into lines of at most about
/// `width` characters (a longer word stands alone), each with a line feed.
fn wrap_into(out: &mut String, line: &str, width: usize) {
    if line.chars().count() <= width {
        out.push_str(line);
        out.push('\n');
        return;
    }
    let indent_len = line.len() - line.trim_start().len();
    let indent = line.get(..indent_len).unwrap_or("");
    let mut current = String::from(indent);
    let mut count = current.chars().count();
    for word in line.split_whitespace() {
        let n = word.chars().count();
        if count > indent_len && count + 1 + n > width {
            out.push_str(&current);
            out.push('\n');
            current.clear();
            count = 0;
        }
        if count > indent_len {
            current.push(' ');
            count += 1;
        }
        current.push_str(word);
        count += n;
    }
    out.push_str(&current);
    out.push('\n');
}

/// Decodes `&amp;`, `&#8220;`, `&#x2019;` and the common named references;
/// a reference it does not know is kept as written. Numeric references in
/// 128–159 are read as Windows-1252, as browsers do (EDGAR's `&#146;`).
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(rest.get(..at).unwrap_or(""));
        let after = rest.get(at + 1..).unwrap_or("");
        let end = after
            .char_indices()
            .take(33)
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '#'))
            .filter(|(_, c)| *c == ';')
            .map(|(i, _)| i);
        let decoded = end.and_then(|end| after.get(..end)).and_then(entity);
        match (decoded, end) {
            (Some(replacement), Some(end)) => {
                out.push_str(replacement.as_str());
                rest = after.get(end + 1..).unwrap_or("");
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<String> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse::<u32>().ok()?,
        };
        let c = match code {
            0x80..=0x9f => windows_1252(u8::try_from(code).ok()?),
            // Control characters and NUL are not text.
            0..=0x08 | 0x0b | 0x0c | 0x0e..=0x1f | 0x7f => ' ',
            _ => char::from_u32(code)?,
        };
        return Some(c.to_string());
    }
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "shy" | "zwsp" | "zwnj" | "zwj" => return Some(String::new()),
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "sect" => '§',
        "para" => '¶',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "hellip" => '…',
        "bull" => '•',
        "middot" => '·',
        "cent" => '¢',
        "pound" => '£',
        "euro" => '€',
        "yen" => '¥',
        "deg" => '°',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "times" => '×',
        "divide" => '÷',
        "plusmn" => '±',
        "laquo" => '«',
        "raquo" => '»',
        "dagger" => '†',
        "Dagger" => '‡',
        "prime" => '′',
        "Prime" => '″',
        "eacute" => 'é',
        "Eacute" => 'É',
        "egrave" => 'è',
        "aacute" => 'á',
        "agrave" => 'à',
        "ccedil" => 'ç',
        "ntilde" => 'ñ',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "auml" => 'ä',
        "szlig" => 'ß',
        _ => return None,
    };
    Some(c.to_string())
}

/// A byte of Windows-1252 (of which Latin-1 is a part) as a character.
pub fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9f => HIGH.get(usize::from(byte - 0x80)).copied().unwrap_or(' '),
        _ => char::from(byte),
    }
}

/// Text with no blank lines at its ends and one line feed at its end.
pub fn tidy_ends(text: &str) -> String {
    let trimmed = text.trim_start_matches(['\n']).trim_end();
    let mut out = trimmed.to_owned();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_tags_and_entities() {
        let html = "<html><head><title>EX-10.1</title><style>p{}</style></head><body>\
            <P ALIGN=\"center\"><B>LEASE&nbsp;AGREEMENT</B></P>\n<!-- a comment -->\
            <p>This Lease is made between Acme&nbsp;Inc. (&#147;Landlord&#148;) and\n   Bob &amp; Co. \
            (the &quot;Tenant&quot;).</p><table><tr><td>1.</td><td>Rent.</td></tr></table>\
            <div>a &lt; b &unknown; c<br>next line</div></body></html>";
        assert_eq!(
            text_of_html(html),
            "LEASE AGREEMENT\n\nThis Lease is made between Acme Inc. (“Landlord”) and Bob & Co. (the \"Tenant\").\n\n1. Rent.\n\na < b &unknown; c\nnext line\n"
        );
    }

    #[test]
    fn preformatted_text_keeps_its_lines() {
        let html = "<pre>1. One\n   two\n\n2. Three</pre>";
        assert_eq!(text_of_html(html), "1. One\n   two\n\n2. Three\n");
    }

    #[test]
    fn long_lines_are_wrapped() {
        let line = "word ".repeat(50);
        let text = tidy(&line);
        assert!(text.lines().all(|l| l.chars().count() <= 100));
        assert_eq!(
            text.split_whitespace().count(),
            line.split_whitespace().count()
        );
    }
}
