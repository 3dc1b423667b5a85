//! From a contract's text to the first files of its agreement folder: the
//! header with what could be found (title, date, parties), and one clause
//! file per numbered section quoting the section word for word, so that the
//! folder checks at once and every part of the document is quoted
//! somewhere. What it cannot find is left as a `# TODO` comment.
//!
//! The document is cut into paragraphs (runs of lines between blank
//! lines). A paragraph that opens with `1.`, `2(a)`, `Section 3` (or, in a
//! document with articles, `ARTICLE IV`) starts a section when its number
//! is the next one; every other paragraph belongs to the section before
//! it. The text before the first section is the `preamble`; the signature
//! blocks after the last one are `signatures`; unnumbered paragraphs
//! between the last section and the signatures are `closing`; page numbers
//! and `<PAGE>` marks are `pages`.

use crate::syntax::format::format_text;
use crate::syntax::keywords::is_name;
use chrono::NaiveDate;

/// One file of the scaffold: its name in the folder and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaffoldFile {
    pub name: String,
    pub text: String,
}

/// The scaffold, and what was found, for the command's report.
#[derive(Debug, Clone, Default)]
pub struct Scaffold {
    /// `source.txt` first, then `agreement.clause`, then the clause files.
    pub files: Vec<ScaffoldFile>,
    pub title: Option<String>,
    /// The date as written in the header (`June 6, 2002`).
    pub date: Option<String>,
    /// Each party found: its name in the clauses and its legal name.
    pub parties: Vec<(String, String)>,
    /// The numbered sections, by number.
    pub sections: Vec<String>,
    /// What was not found, each marked `# TODO` in `agreement.clause`.
    pub missing: Vec<String>,
}

/// The scaffold of a document's text. `title_fallback` (the folder's name)
/// is the title when none is found; `from` names the document in the
/// header's opening comment.
pub fn scaffold(source: &str, title_fallback: &str, from: &str) -> Scaffold {
    let paragraphs = paragraphs(source);
    let folded_source = fold(source);
    let layout = layout(&paragraphs);
    let preamble_text: String = layout
        .preamble
        .iter()
        .filter_map(|&i| paragraphs.get(i))
        .map(|p| p.lines.join("\n"))
        .collect::<Vec<_>>()
        .join("\n\n");
    let title = find_title(&layout.preamble, &paragraphs);
    let date = find_date(&layout.preamble, &paragraphs);
    let addressee = find_addressee(&layout.preamble, &paragraphs);
    let folded_preamble = fold(&preamble_text);
    let mut found_parties = find_parties(&folded_preamble, addressee.as_deref());
    // A letter names the company it is from where it first defines it
    // (`your employment with Education Management Corporation (the
    // "Company")`), not always in a `between ...`.
    let has_party = found_parties
        .iter()
        .any(|f| matches!(f, Found::Party { .. }));
    if addressee.is_some() && !has_party {
        found_parties.extend(letter_company(&folded_preamble));
    }

    let quote_of = |indices: &[usize]| quotes(indices, &paragraphs, &folded_source);
    let mut scaffold = Scaffold {
        title: title.clone(),
        date: date.map(|d| d.format("%B %-d, %Y").to_string()),
        ..Scaffold::default()
    };
    scaffold.files.push(ScaffoldFile {
        name: "source.txt".to_owned(),
        text: source.to_owned(),
    });

    // The header.
    let mut header = format!(
        "# Made by `clausec init` from `{}`. Check the title, the date and the\n# parties against the document, then encode each clause's obligations.\n",
        one_line(from)
    );
    let mut todos = Vec::new();
    if title.is_none() {
        todos.push("# TODO: no title was found; the title below is the folder's name".to_owned());
        scaffold.missing.push("the title".to_owned());
    }
    if scaffold.date.is_none() {
        todos.push(
            "# TODO: no date was found; add `dated MONTH D, YYYY` under the title".to_owned(),
        );
        scaffold.missing.push("the date".to_owned());
    }
    let mut party_lines = Vec::new();
    let mut names_taken: Vec<String> = Vec::new();
    for party in &found_parties {
        match party {
            Found::Party { short, legal } => {
                let name = unique_name(&role_name(short), &mut names_taken);
                party_lines.push(format!("party {name} {}", string(legal)));
                scaffold.parties.push((name, legal.clone()));
            }
            Found::Addressee(legal) => {
                let name = unique_name("addressee", &mut names_taken);
                party_lines.push(format!(
                    "# the letter's \"you\": rename `{name}` (employee, buyer, ...) as the clauses read best\nparty {name} {}",
                    string(legal)
                ));
                scaffold.parties.push((name, legal.clone()));
            }
            Found::Unnamed(who) => {
                party_lines.push(format!(
                    "# TODO: the party called \"{}\" in the document: add `party NAME \"Legal name\"`",
                    one_line(who).replace('"', "'")
                ));
                scaffold
                    .missing
                    .push(format!("the party called \"{}\"", one_line(who)));
            }
        }
    }
    if found_parties.is_empty() {
        todos.push(
            "# TODO: no parties were found; declare each one as `party NAME \"Legal name\"`"
                .to_owned(),
        );
        scaffold.missing.push("the parties".to_owned());
    }
    if !todos.is_empty() {
        header.push('\n');
        header.push_str(&todos.join("\n"));
        header.push('\n');
    }
    let shown_title = title.unwrap_or_else(|| title_fallback.to_owned());
    header.push_str(&format!("\nagreement {}\n", string(&shown_title)));
    if let Some(date) = &scaffold.date {
        header.push_str(&format!("  dated {date}\n"));
    }
    header.push_str("  source \"source.txt\"\n");
    if !party_lines.is_empty() {
        header.push('\n');
        header.push_str(&party_lines.join("\n"));
        header.push('\n');
    }
    let extra = |header: &mut String, number: &str, title: &str, indices: &[usize]| {
        if indices.is_empty() {
            return;
        }
        header.push_str(&format!("\nclause {number} {}\n", string(title)));
        header.push_str(&quote_of(indices));
    };
    extra(
        &mut header,
        "preamble",
        "Before the numbered clauses",
        &layout.preamble,
    );
    extra(
        &mut header,
        "signatures",
        "Signature blocks (not operative)",
        &layout.signatures,
    );
    extra(
        &mut header,
        "pages",
        "Page numbers and breaks (not operative)",
        &layout.pages,
    );
    scaffold.files.push(ScaffoldFile {
        name: "agreement.clause".to_owned(),
        text: format_text(&header),
    });

    // One file per section.
    for section in &layout.sections {
        let mut text = format!("clause {}", section.number);
        if let Some(title) = &section.title {
            text.push(' ');
            text.push_str(&string(title));
        }
        text.push('\n');
        text.push_str(&quote_of(&section.paragraphs));
        text.push_str("\n  # encode the obligations of this clause here\n");
        scaffold.sections.push(section.number.clone());
        scaffold.files.push(ScaffoldFile {
            name: format!("{}.clause", section.number),
            text: format_text(&text),
        });
    }
    for (name, comment, title, indices) in [
        (
            "closing",
            "# The paragraphs after the last numbered clause, before the signatures.\n",
            "After the numbered clauses",
            &layout.closing,
        ),
        (
            "body",
            "# TODO: no numbered sections were found; split this clause into the document's clauses.\n",
            "The document",
            &layout.body,
        ),
    ] {
        if indices.is_empty() {
            continue;
        }
        let text = format!(
            "{comment}clause {name} {}\n{}\n  # encode the obligations of this clause here\n",
            string(title),
            quote_of(indices)
        );
        scaffold.files.push(ScaffoldFile {
            name: format!("{name}.clause"),
            text: format_text(&text),
        });
    }
    scaffold
}

// ---- paragraphs and their places -----------------------------------------

struct Paragraph<'a> {
    lines: Vec<&'a str>,
    /// Page numbers and page marks only.
    furniture: bool,
}

fn paragraphs(text: &str) -> Vec<Paragraph<'_>> {
    let mut out = Vec::new();
    let mut lines: Vec<&str> = Vec::new();
    for line in text.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !lines.is_empty() {
                let furniture = lines.iter().all(|l| is_furniture(l));
                out.push(Paragraph {
                    lines: std::mem::take(&mut lines),
                    furniture,
                });
            }
        } else {
            lines.push(line);
        }
    }
    out
}

/// `Page 1`, `Page 74 of 104`, `<PAGE>`, `- 3 -`, `12`, `[5]`.
fn is_furniture(line: &str) -> bool {
    let line = line.trim();
    if line.eq_ignore_ascii_case("<page>") {
        return true;
    }
    let bare = line.trim_matches(|c: char| c == '-' || c == '[' || c == ']' || c.is_whitespace());
    if !bare.is_empty() && bare.len() <= 4 && bare.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.as_slice() {
        [page, n] => page.eq_ignore_ascii_case("page") && is_number(n),
        [page, n, of, m] => {
            page.eq_ignore_ascii_case("page")
                && is_number(n)
                && of.eq_ignore_ascii_case("of")
                && is_number(m)
        }
        _ => false,
    }
}

fn is_number(word: &str) -> bool {
    !word.is_empty() && word.len() <= 5 && word.chars().all(|c| c.is_ascii_digit())
}

/// A numbered heading at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Heading {
    article: bool,
    number: u32,
    /// What follows the number on its line.
    rest: String,
}

fn heading(line: &str) -> Option<Heading> {
    let line = line.trim_start();
    let lower = line.to_ascii_lowercase();
    if lower.starts_with("article ") {
        let rest = line.get("article ".len()..)?.trim_start();
        let token: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let number = token
            .parse::<u32>()
            .ok()
            .or_else(|| roman(&token))
            .filter(|n| (1..=200).contains(n))?;
        let after = rest.get(token.len()..)?;
        return Some(Heading {
            article: true,
            number,
            rest: after.to_owned(),
        });
    }
    let (rest, word) = if lower.starts_with("section ") {
        (line.get("section ".len()..)?.trim_start(), true)
    } else if let Some(rest) = line.strip_prefix('§') {
        (rest.trim_start(), true)
    } else {
        (line, false)
    };
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 3 {
        return None;
    }
    let number = digits.parse::<u32>().ok().filter(|n| *n >= 1)?;
    let after = rest.get(digits.len()..)?;
    // `1.`, `1.2`, `2(a)`, or (after `Section`) the number alone.
    let next = after.chars().next();
    let ok = match next {
        Some('.') => {
            let following = after.get(1..)?.chars().next();
            following.is_none_or(|c| {
                c.is_whitespace() || c.is_ascii_digit() || c.is_uppercase() || c == '('
            })
        }
        Some('(') => after
            .get(1..)?
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric()),
        None => word,
        Some(c) => word && (c.is_whitespace() || c == ':' || c == '-' || c == '—'),
    };
    ok.then(|| Heading {
        article: false,
        number,
        rest: after.to_owned(),
    })
}

fn roman(token: &str) -> Option<u32> {
    if token.is_empty() || token.len() > 8 {
        return None;
    }
    let mut total = 0u32;
    let mut previous = 0u32;
    for c in token.chars().rev() {
        let value = match c.to_ascii_uppercase() {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            'C' => 100,
            _ => return None,
        };
        if value < previous {
            total = total.checked_sub(value)?;
        } else {
            total += value;
            previous = value;
        }
    }
    Some(total)
}

/// The title a heading states: `Section 3. Payment Terms. The Buyer ...`
/// gives `Payment Terms`; a sentence (more than eight words before its
/// full stop, or not capitalised) gives none.
fn heading_title(heading: &Heading, paragraph: &Paragraph<'_>) -> Option<String> {
    let rest = heading
        .rest
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ':' || c == '-');
    let rest = rest.trim_start_matches(['—', '–']).trim();
    let candidate = if rest.is_empty() {
        // `ARTICLE IV` with its title on the next line.
        paragraph.lines.get(1).map(|l| l.trim())?
    } else {
        let end = rest.find(". ").map_or(rest.len(), |at| at);
        let candidate = rest.get(..end)?.trim_end_matches('.');
        if end == rest.len() && paragraph.lines.len() > 1 && !heading.article {
            // A sentence that runs on to the next line.
            return None;
        }
        candidate
    };
    let words: Vec<&str> = candidate.split_whitespace().collect();
    let small = [
        "a", "an", "and", "of", "the", "to", "for", "in", "on", "or", "by",
    ];
    let capitalised = words.iter().all(|w| {
        small.contains(&w.to_ascii_lowercase().as_str())
            || w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
    });
    let fits = !words.is_empty()
        && words.len() <= 8
        && capitalised
        && candidate.chars().any(char::is_alphabetic)
        && !candidate.contains('"');
    fits.then(|| title_case(candidate))
}

struct Section {
    number: String,
    title: Option<String>,
    paragraphs: Vec<usize>,
}

#[derive(Default)]
struct Layout {
    preamble: Vec<usize>,
    sections: Vec<Section>,
    closing: Vec<usize>,
    signatures: Vec<usize>,
    pages: Vec<usize>,
    /// Every paragraph, when no section was found.
    body: Vec<usize>,
}

fn layout(paragraphs: &[Paragraph<'_>]) -> Layout {
    let headings: Vec<Option<Heading>> = paragraphs
        .iter()
        .map(|p| {
            if p.furniture {
                None
            } else {
                p.lines.first().and_then(|l| heading(l))
            }
        })
        .collect();
    let starts_of = |article: bool| {
        let mut starts = Vec::new();
        let mut last = 0;
        for (index, heading) in headings.iter().enumerate() {
            if let Some(h) = heading {
                if h.article == article && h.number == last + 1 {
                    starts.push((index, h.clone()));
                    last = h.number;
                }
            }
        }
        starts
    };
    let articles = starts_of(true);
    let starts = if articles.len() >= 2 {
        articles
    } else {
        starts_of(false)
    };
    let mut layout = Layout::default();
    for (index, paragraph) in paragraphs.iter().enumerate() {
        if paragraph.furniture {
            layout.pages.push(index);
        }
    }
    let text_between = |from: usize, to: usize| -> Vec<usize> {
        (from..to)
            .filter(|i| paragraphs.get(*i).is_some_and(|p| !p.furniture))
            .collect()
    };
    let Some((first, _)) = starts.first() else {
        layout.body = text_between(0, paragraphs.len());
        return layout;
    };
    layout.preamble = text_between(0, *first);
    let last_start = starts.last().map_or(0, |(i, _)| *i);
    // The signature blocks: from the first paragraph after the last section's
    // heading that opens one.
    let signatures_start = (last_start + 1..paragraphs.len())
        .find(|i| {
            paragraphs
                .get(*i)
                .is_some_and(|p| !p.furniture && opens_signatures(p))
        })
        .unwrap_or(paragraphs.len());
    // The last section runs on through its lettered sub-paragraphs (and all
    // the way, if its heading stands alone as a title).
    let last_heading_alone = paragraphs.get(last_start).is_some_and(|p| {
        p.lines.len() == 1 && p.lines.iter().all(|l| l.split_whitespace().count() <= 8)
    });
    let last_end = if last_heading_alone {
        signatures_start
    } else {
        (last_start + 1..signatures_start)
            .find(|i| {
                paragraphs.get(*i).is_some_and(|p| {
                    !p.furniture
                        && !p
                            .lines
                            .first()
                            .is_some_and(|l| l.trim_start().starts_with('('))
                })
            })
            .unwrap_or(signatures_start)
    };
    for (position, (start, heading)) in starts.iter().enumerate() {
        let end = starts.get(position + 1).map_or(last_end, |(next, _)| *next);
        let title = paragraphs.get(*start).and_then(|p| {
            heading_title(heading, p).or_else(|| {
                // `ARTICLE II` with its title in the next paragraph.
                let next = paragraphs.get(*start + 1)?;
                let alone = p.lines.len() == 1 && heading.article && next.lines.len() == 1;
                let joined = Paragraph {
                    lines: vec![*p.lines.first()?, *next.lines.first()?],
                    furniture: false,
                };
                alone.then(|| heading_title(heading, &joined)).flatten()
            })
        });
        layout.sections.push(Section {
            number: heading.number.to_string(),
            title,
            paragraphs: text_between(*start, end),
        });
    }
    layout.closing = text_between(last_end, signatures_start);
    layout.signatures = text_between(signatures_start, paragraphs.len());
    layout
}

fn opens_signatures(paragraph: &Paragraph<'_>) -> bool {
    const OPENINGS: &[&str] = &[
        "in witness whereof",
        "sincerely",
        "very truly yours",
        "yours truly",
        "yours sincerely",
        "yours faithfully",
        "respectfully",
        "best regards",
        "kind regards",
        "regards,",
        "acknowledged",
        "agreed and accepted",
        "accepted and agreed",
        "agreed to and accepted",
        "accepted:",
        "agreed:",
        "by:",
        "/s/",
        "[signature",
        "signature page",
        "[remainder of page",
    ];
    let first = paragraph
        .lines
        .first()
        .map(|l| l.trim().to_lowercase())
        .unwrap_or_default();
    OPENINGS.iter().any(|o| first.starts_with(o))
}

// ---- quotes ---------------------------------------------------------------

/// Text with every run of white space one space, as the quote check reads it.
fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A short paragraph that also stands inside other text (a party's name in
/// a signature block, a date line) is quoted together with the paragraph
/// next to it, so that the quote check finds it in its own place.
const SHORT: usize = 60;

/// The `quote` lines for some paragraphs: one quote per paragraph, except
/// that a short paragraph found elsewhere in the source joins the paragraph
/// before it (or after it) when that one is adjacent in the source.
fn quotes(indices: &[usize], paragraphs: &[Paragraph<'_>], folded_source: &str) -> String {
    let mut groups: Vec<(usize, Vec<&str>)> = Vec::new();
    let mut join_next = false;
    for &index in indices {
        let Some(paragraph) = paragraphs.get(index) else {
            continue;
        };
        let folded = fold(&paragraph.lines.join(" "));
        let repeated = folded.len() < SHORT
            && folded_source
                .match_indices(folded.as_str())
                .nth(1)
                .is_some();
        let adjacent_before = groups.last().is_some_and(|(last, _)| *last + 1 == index);
        if adjacent_before && (repeated || join_next) {
            if let Some((last, lines)) = groups.last_mut() {
                lines.extend(paragraph.lines.iter().copied());
                *last = index;
            }
            join_next = false;
            continue;
        }
        groups.push((index, paragraph.lines.clone()));
        // Not joined to the one before: join the next one to it instead.
        join_next = repeated;
    }
    let mut out = String::new();
    for (_, lines) in groups {
        out.push_str(&quote(&lines));
    }
    out
}

/// `  quote "..."` with the lines as the source has them (white space in a
/// line folded, long lines wrapped), continuation lines indented.
fn quote(lines: &[&str]) -> String {
    const WIDTH: usize = 80;
    // Lines as the source has them, unless one is too long: then the whole
    // paragraph is wrapped anew.
    let rewrap = lines.iter().any(|l| l.trim().chars().count() > WIDTH);
    let words: Vec<Vec<&str>> = if rewrap {
        vec![lines.iter().flat_map(|l| l.split_whitespace()).collect()]
    } else {
        lines
            .iter()
            .map(|l| l.split_whitespace().collect())
            .collect()
    };
    let mut wrapped: Vec<String> = Vec::new();
    for line in words {
        let mut current = String::new();
        for word in line {
            if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > WIDTH {
                wrapped.push(std::mem::take(&mut current));
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        if !current.is_empty() {
            wrapped.push(current);
        }
    }
    let body = wrapped
        .iter()
        .map(|l| escape(l))
        .collect::<Vec<_>>()
        .join("\n    ");
    format!("  quote \"{body}\"\n")
}

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Text as a quoted string of the language, on one line.
fn string(text: &str) -> String {
    format!("\"{}\"", escape(&one_line(text)))
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---- the header -------------------------------------------------------------

/// The first line of the preamble that looks like a title: in capitals
/// (`T. LOVELOCK SEVERANCE AGREEMENT`), else one that names the kind of
/// document (`Equipment Lease Agreement`). `EXHIBIT 10.28` is not a title.
fn find_title(preamble: &[usize], paragraphs: &[Paragraph<'_>]) -> Option<String> {
    let lines: Vec<&str> = preamble
        .iter()
        .filter_map(|i| paragraphs.get(*i))
        .flat_map(|p| p.lines.iter().map(|l| l.trim()))
        .take(25)
        .collect();
    let usable = |line: &str| {
        let lower = line.to_lowercase();
        line.chars().count() <= 100
            && line.chars().filter(|c| c.is_alphabetic()).count() >= 4
            && !lower.starts_with("exhibit")
            && !lower.starts_with("ex-")
            && !lower.starts_with("execution")
            && !lower.starts_with("confidential")
            && date_in_line(line).is_none()
    };
    let capitals = lines.iter().copied().filter(|l| usable(l)).find(|line| {
        line.split_whitespace().count() >= 2
            && line
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
    });
    let named = || {
        const KINDS: &[&str] = &[
            "agreement",
            "lease",
            "note",
            "contract",
            "letter",
            "amendment",
            "deed",
            "order",
        ];
        lines.iter().copied().filter(|l| usable(l)).find(|line| {
            let lower = line.to_lowercase();
            line.split_whitespace().count() <= 10
                && KINDS
                    .iter()
                    .any(|k| lower.split_whitespace().any(|w| w == *k))
        })
    };
    capitals
        .or_else(named)
        .map(|line| title_case(line.trim_end_matches([':', '.', ','])))
}

/// `T. LOVELOCK SEVERANCE AGREEMENT` → `T. Lovelock Severance Agreement`;
/// text not all in capitals is kept as it is.
fn title_case(text: &str) -> String {
    let text = one_line(text);
    if text.chars().any(char::is_lowercase) {
        return text;
    }
    let small = [
        "a", "an", "and", "of", "the", "to", "for", "in", "on", "or", "by", "with",
    ];
    text.split(' ')
        .enumerate()
        .map(|(i, word)| {
            let lower = word.to_lowercase();
            if i > 0 && small.contains(&lower.as_str()) {
                return lower;
            }
            let mut chars = lower.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn month(word: &str) -> Option<u32> {
    let word = word.trim_end_matches(['.', ',']).to_lowercase();
    if word.len() < 3 {
        return None;
    }
    let position = crate::calc::calendar::MONTH_NAMES
        .iter()
        .map(|m| m.to_ascii_lowercase())
        .position(|m| m == word || (word.len() <= 4 && m.starts_with(word.as_str())))?;
    u32::try_from(position + 1).ok()
}

fn day(word: &str) -> Option<u32> {
    let word = word.trim_end_matches(',');
    let word = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| word.strip_suffix(s))
        .unwrap_or(word);
    (word.len() <= 2).then_some(())?;
    word.parse().ok()
}

fn year(word: &str) -> Option<i32> {
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    let after = word.get(digits.len()..).unwrap_or("");
    (digits.len() == 4 && !after.starts_with(|c: char| c.is_alphanumeric()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// A date at the start of `words`: `June 6, 2002`, `6 June 2002`, `the 6th
/// day of June, 2002`, `2002-06-06`.
fn date_at(words: &[&str]) -> Option<NaiveDate> {
    let words = match words.first() {
        Some(w) if w.eq_ignore_ascii_case("the") || w.eq_ignore_ascii_case("this") => {
            words.get(1..)?
        }
        _ => words,
    };
    // `1 st day of May`: an ordinal's ending set apart, as filings
    // converted from print often have it, joins its number.
    if let [number, ending, rest @ ..] = words {
        let digits = !number.is_empty() && number.chars().all(|c| c.is_ascii_digit());
        if digits && ["st", "nd", "rd", "th"].contains(ending) {
            let joined = format!("{number}{ending}");
            let mut words = vec![joined.as_str()];
            words.extend_from_slice(rest);
            return date_at(&words);
        }
    }
    let word = |i: usize| words.get(i).copied().unwrap_or("");
    let make = |y: Option<i32>, m: Option<u32>, d: Option<u32>| NaiveDate::from_ymd_opt(y?, m?, d?);
    if let Some(date) = make(year(word(2)), month(word(0)), day(word(1))) {
        return Some(date);
    }
    if let Some(date) = make(year(word(2)), month(word(1)), day(word(0))) {
        return Some(date);
    }
    if word(1).eq_ignore_ascii_case("day") && word(2).eq_ignore_ascii_case("of") {
        return make(year(word(4)), month(word(3)), day(word(0)));
    }
    let iso = word(0).trim_end_matches(['.', ',', ')']);
    NaiveDate::parse_from_str(iso, "%Y-%m-%d").ok()
}

/// A line that is a date and nothing else (a letter's date line).
fn date_in_line(line: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return None;
    }
    let date = date_at(&words)?;
    let used = if words
        .first()
        .is_some_and(|w| year(w).is_some() && w.contains('-'))
    {
        1
    } else if words.iter().any(|w| w.eq_ignore_ascii_case("day")) {
        5 + usize::from(words.first().is_some_and(|w| w.eq_ignore_ascii_case("the")))
    } else {
        3
    };
    (words.len() == used).then_some(date)
}

/// The agreement's date: after `dated as of`, `made on`, `entered into as
/// of`, ... in the preamble; else a line of the preamble that is a date.
fn find_date(preamble: &[usize], paragraphs: &[Paragraph<'_>]) -> Option<NaiveDate> {
    const LEADS: &[&[&str]] = &[
        &["dated", "as", "of"],
        &["dated"],
        &["made", "as", "of"],
        &["made", "on"],
        &["made", "this"],
        &["entered", "into", "as", "of"],
        &["entered", "into", "on"],
        &["entered", "into", "this"],
        &["effective", "as", "of"],
        &["as", "of"],
    ];
    if let Some(date) = letter_date(preamble, paragraphs) {
        return Some(date);
    }
    let text: String = preamble
        .iter()
        .filter_map(|i| paragraphs.get(*i))
        .map(|p| p.lines.join(" "))
        .collect::<Vec<_>>()
        .join(" ");
    let words: Vec<&str> = text.split_whitespace().collect();
    for start in 0..words.len() {
        for lead in LEADS {
            let matches = lead.iter().enumerate().all(|(k, w)| {
                words.get(start + k).is_some_and(|x| {
                    x.trim_matches(|c: char| !c.is_alphabetic())
                        .eq_ignore_ascii_case(w)
                })
            });
            if !matches {
                continue;
            }
            let after = words.get(start + lead.len()..).unwrap_or(&[]);
            // `made this 6th day of June`: `this` is part of the lead.
            if let Some(date) = date_at(after) {
                return Some(date);
            }
        }
    }
    preamble
        .iter()
        .filter_map(|i| paragraphs.get(*i))
        .flat_map(|p| p.lines.iter())
        .find_map(|l| date_in_line(l))
}

/// A letter's own date: a line that is a date and nothing else before its
/// `Dear ...` (a letter's text may name other documents' dates, `the
/// Employment Agreement ..., dated June 12, 2003`). `None` for a document
/// that is not a letter.
fn letter_date(preamble: &[usize], paragraphs: &[Paragraph<'_>]) -> Option<NaiveDate> {
    let before_dear: Vec<&Paragraph<'_>> = preamble
        .iter()
        .filter_map(|i| paragraphs.get(*i))
        .take_while(|p| {
            !p.lines
                .first()
                .is_some_and(|l| l.trim_start().starts_with("Dear "))
        })
        .collect();
    if before_dear.len() == preamble.len() {
        return None;
    }
    before_dear
        .iter()
        .flat_map(|p| p.lines.iter())
        .find_map(|l| date_in_line(l))
}

/// The first organisation a letter defines: the capitalised words just
/// before a definition (`Education Management Corporation (the
/// "Company")`), ending in a legal form.
fn letter_company(text: &str) -> Option<Found> {
    let mut from = 0;
    while let Some((open, short, end)) = definition_after(text, from) {
        from = end;
        if names_a_document(&short) {
            continue;
        }
        let before: Vec<&str> = text.get(..open)?.split_whitespace().collect();
        let name: Vec<&str> = before
            .iter()
            .rev()
            .take_while(|w| w.starts_with(|c: char| c.is_uppercase()) || **w == "&")
            .take(6)
            .copied()
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let ends_in_form = name.last().is_some_and(|w| super::is_legal_form(w));
        if name.len() >= 2 && ends_in_form {
            return Some(Found::Party {
                short,
                legal: name.join(" ").trim_end_matches(',').to_owned(),
            });
        }
    }
    None
}

/// Whether a defined name is a document's (`the "Employment Agreement"`),
/// not a party's.
fn names_a_document(short: &str) -> bool {
    let last = short.split_whitespace().last().unwrap_or("");
    ["Agreement", "Letter", "Plan", "Note", "Policy", "Contract"]
        .iter()
        .any(|d| last.eq_ignore_ascii_case(d))
}

/// A party the preamble names.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Found {
    /// `IEC Electronics Corp. (the "Company")`.
    Party { short: String, legal: String },
    /// A letter's "you", named by its address block.
    Addressee(String),
    /// A party without a defined name (`you`, when the letter has no address block).
    Unnamed(String),
}

/// A letter's addressee: the first line of the paragraph before `Dear ...:`.
fn find_addressee(preamble: &[usize], paragraphs: &[Paragraph<'_>]) -> Option<String> {
    let dear = preamble.iter().position(|i| {
        paragraphs
            .get(*i)
            .and_then(|p| p.lines.first())
            .is_some_and(|l| l.trim_start().starts_with("Dear "))
    })?;
    let before = preamble.get(dear.checked_sub(1)?)?;
    let line = paragraphs.get(*before)?.lines.first()?.trim();
    let words = line.split_whitespace().count();
    ((2..=6).contains(&words)
        && !line.chars().any(|c| c.is_ascii_digit())
        && date_in_line(line).is_none())
    .then(|| line.to_owned())
}

/// The parties of `between X ("Short") and Y ("Short")` in the preamble.
fn find_parties(text: &str, addressee: Option<&str>) -> Vec<Found> {
    let lower = text.to_lowercase();
    let Some(start) = [" between ", " among "]
        .iter()
        .filter_map(|w| lower.find(w).map(|at| at + w.len()))
        .min()
    else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut from = start;
    while found.len() < 6 {
        let Some((open, short, end)) = definition_after(text, from) else {
            break;
        };
        let segment = text.get(from..open).unwrap_or("").trim();
        let segment = strip_leading(segment);
        if segment.is_empty() || segment.chars().count() > 200 {
            break;
        }
        // `between you and the Company, dated June 12, 2003 (the
        // "Employment Agreement")`: a document, not a party; who it is
        // between is said elsewhere.
        if names_a_document(&short) {
            if found.is_empty() && segment.to_lowercase().starts_with("you and ") {
                if let Some(name) = addressee {
                    found.push(Found::Addressee(name.to_owned()));
                }
            }
            break;
        }
        // `between you and IEC Electronics Corp. (the "Company")`.
        if found.is_empty() {
            if let Some((first, second)) = segment.split_once(" and ") {
                if !first.chars().any(char::is_uppercase) {
                    found.push(match addressee {
                        Some(name) if first.eq_ignore_ascii_case("you") => {
                            Found::Addressee(name.to_owned())
                        }
                        _ => Found::Unnamed(first.to_owned()),
                    });
                    found.push(Found::Party {
                        short,
                        legal: legal_name(second),
                    });
                    from = end;
                    continue;
                }
            }
        }
        found.push(Found::Party {
            short,
            legal: legal_name(segment),
        });
        from = end;
        // The list of parties ends with its sentence.
        let next = text.get(from..).unwrap_or("").trim_start();
        if !(next.starts_with(',') || next.starts_with("and ") || next.starts_with(';')) {
            break;
        }
    }
    found
}

fn strip_leading(segment: &str) -> &str {
    let mut segment = segment;
    loop {
        let before = segment;
        segment = segment.trim_start_matches([',', ';', ' ']);
        for lead in ["by and between ", "and ", "between ", "among "] {
            if segment.to_lowercase().starts_with(lead) {
                segment = segment.get(lead.len()..).unwrap_or("");
            }
        }
        if segment == before {
            return segment.trim();
        }
    }
}

/// `Acme, Inc., a Delaware corporation` → `Acme, Inc.`.
fn legal_name(segment: &str) -> String {
    let lower = segment.to_lowercase();
    let cut = [
        ", a ",
        ", an ",
        ", having ",
        ", with ",
        ", whose ",
        ", of ",
        " of ",
        " hereinafter",
        " herein after",
    ]
    .iter()
    .filter_map(|w| lower.find(w))
    .min()
    .unwrap_or(segment.len());
    segment
        .get(..cut)
        .unwrap_or(segment)
        .trim()
        .trim_end_matches(',')
        .to_owned()
}

/// The next `("Short")`, `(the "Short")` or `(hereinafter "Short")` at or
/// after `from`: where its parenthesis opens, the short name, and where the
/// definition ends.
fn definition_after(text: &str, from: usize) -> Option<(usize, String, usize)> {
    let mut at = from;
    loop {
        let open = at + text.get(at..)?.find('(')?;
        let inside = text.get(open + 1..)?;
        let mut rest = inside.trim_start();
        for lead in [
            "hereinafter referred to as ",
            "hereinafter called ",
            "hereinafter ",
            "collectively, ",
            "the ",
        ] {
            if rest.to_lowercase().starts_with(lead) {
                rest = rest.get(lead.len()..).unwrap_or("").trim_start();
            }
        }
        if let Some(body) = rest.strip_prefix(['"', '“']) {
            if let Some(close) = body.find(['"', '”']) {
                let short = body.get(..close).unwrap_or("").trim();
                let after = body.get(close..).unwrap_or("");
                let after_quote = after.get(after.chars().next().map_or(1, char::len_utf8)..)?;
                if let Some(paren) = after_quote.find(')').filter(|p| *p <= 3) {
                    if !short.is_empty() && short.chars().count() <= 40 {
                        let end = text.len() - after_quote.len() + paren + 1;
                        return Some((open, short.to_owned(), end));
                    }
                }
            }
        }
        at = open + 1;
    }
}

/// `Company` → `company`, `Landlord Parent` → `landlord_parent`; a reserved
/// word or a name the language refuses gets `_party`.
fn role_name(short: &str) -> String {
    let mut name = String::new();
    for c in short.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c.to_ascii_lowercase());
        } else if !name.ends_with('_') && !name.is_empty() {
            name.push('_');
        }
    }
    let name = name.trim_end_matches('_').to_owned();
    if is_name(&name) {
        name
    } else if is_name(&format!("{name}_party")) {
        format!("{name}_party")
    } else {
        "party".to_owned()
    }
}

fn unique_name(base: &str, taken: &mut Vec<String>) -> String {
    let mut name = base.to_owned();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{base}_{n}");
        n += 1;
    }
    taken.push(name.clone());
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        let h = |s: &str| heading(s).map(|h| (h.article, h.number));
        assert_eq!(h("1. You hereby resign"), Some((false, 1)));
        assert_eq!(h("2.The Company"), Some((false, 2)));
        assert_eq!(h("4. (a) You agree"), Some((false, 4)));
        assert_eq!(h("2(a) Rent"), Some((false, 2)));
        assert_eq!(h("Section 3. Payment"), Some((false, 3)));
        assert_eq!(h("SECTION 12"), Some((false, 12)));
        assert_eq!(h("3.1 Definitions"), Some((false, 3)));
        assert_eq!(h("ARTICLE IV"), Some((true, 4)));
        assert_eq!(h("Article 2 - Term"), Some((true, 2)));
        assert_eq!(h("2002. The year"), None);
        assert_eq!(h("1.5 million dollars"), Some((false, 1)));
        assert_eq!(h("10,000 shares"), None);
        assert_eq!(h("Sections 3 and 4"), None);
        assert_eq!(h("3 months"), None);
    }

    #[test]
    fn dates() {
        let d = |s: &str| date_at(&s.split_whitespace().collect::<Vec<_>>());
        let june6 = NaiveDate::from_ymd_opt(2002, 6, 6);
        assert_eq!(d("June 6, 2002, by"), june6);
        assert_eq!(d("6 June 2002"), june6);
        assert_eq!(d("the 6th day of June, 2002"), june6);
        assert_eq!(d("this 6th day of June, 2002"), june6);
        assert_eq!(d("2002-06-06."), june6);
        assert_eq!(d("Jun. 6, 2002"), june6);
        assert_eq!(d("February 30, 2003"), None);
        // A filing converted from print: `this 1 st day of May, 2014`.
        assert_eq!(
            d("this 1 st day of May, 2014 (the"),
            NaiveDate::from_ymd_opt(2014, 5, 1)
        );
        assert_eq!(d("6 th June 2002"), june6);
        assert_eq!(d("1 st"), None);
        assert_eq!(date_in_line("June 6, 2002"), june6);
        assert_eq!(date_in_line("on June 6, 2002"), None);
    }

    #[test]
    fn a_letter_is_dated_by_its_date_line_not_by_a_document_it_names() {
        // The EDMC letter, as filed: its text names the Employment
        // Agreement's date, June 12, 2003; the letter is of March 5, 2006.
        let letter = "Exhibit 10.2\n\nMarch 5, 2006\n\nJ. William Brooks\nPersimmon Road\nSewickley, Pennsylvania 15143\n\nDear Bill:\n\nThis letter is intended to reflect the terms of our discussion regarding\nyour continued employment with Education Management Corporation (the \"Company\")\nthrough June 30, 2006. Capitalized terms have the same meanings as in the\nEmployment Agreement between you and the Company, dated June 12, 2003 (the\n\"Employment Agreement\").\n\n1. Employment. You will remain employed.\n";
        let made = scaffold(letter, "Letter", "source.txt");
        assert_eq!(made.date.as_deref(), Some("March 5, 2006"), "{made:#?}");
        // The Employment Agreement is a document, not a party; the company
        // is the one the letter defines in its first sentence.
        let legal: Vec<&str> = made.parties.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(
            legal,
            ["J. William Brooks", "Education Management Corporation"],
            "{:#?}",
            made.parties
        );
    }

    #[test]
    fn parties() {
        let text = "This Equipment Lease is made as of March 3, 2025 by and between Kestrel Leasing, LLC, a Delaware limited liability company (\"Lessor\"), and Press & Sons, Inc. (the “Lessee”). WHEREAS (the \"Lathe\")";
        assert_eq!(
            find_parties(text, None),
            vec![
                Found::Party {
                    short: "Lessor".into(),
                    legal: "Kestrel Leasing, LLC".into()
                },
                Found::Party {
                    short: "Lessee".into(),
                    legal: "Press & Sons, Inc.".into()
                },
            ]
        );
        let letter = "This Letter will summarize the agreement between you and IEC Electronics Corp. (the \"Company\") with respect to";
        assert_eq!(
            find_parties(letter, Some("Thomas W. Lovelock")),
            vec![
                Found::Addressee("Thomas W. Lovelock".into()),
                Found::Party {
                    short: "Company".into(),
                    legal: "IEC Electronics Corp.".into()
                },
            ]
        );
        // The Fuse Medical filing's preamble, as filed.
        let filed = "This Agreement is made between Fuse Medical, LLC, with offices at 4770 Bryant Irvin Court (“Company”) and Dr. Randall L. Dei herein after referred to as (“Medical Director”) with an address of 7565 S. Cambridge Drive";
        assert_eq!(
            find_parties(filed, None),
            vec![
                Found::Party {
                    short: "Company".into(),
                    legal: "Fuse Medical, LLC".into()
                },
                Found::Party {
                    short: "Medical Director".into(),
                    legal: "Dr. Randall L. Dei".into()
                },
            ]
        );
        assert_eq!(role_name("Landlord Parent"), "landlord_parent");
        assert_eq!(role_name("The"), "the_party");
    }

    #[test]
    fn titles() {
        assert_eq!(
            title_case("T. LOVELOCK SEVERANCE AGREEMENT"),
            "T. Lovelock Severance Agreement"
        );
        assert_eq!(title_case("LEASE OF THE PRESS"), "Lease of the Press");
        let p = Paragraph {
            lines: vec!["Section 3. Payment Terms. The Buyer pays"],
            furniture: false,
        };
        let h = heading(p.lines[0]).unwrap();
        assert_eq!(heading_title(&h, &p).as_deref(), Some("Payment Terms"));
        let p = Paragraph {
            lines: vec!["1. You hereby resign your employment and all positions and"],
            furniture: false,
        };
        let h = heading(p.lines[0]).unwrap();
        assert_eq!(heading_title(&h, &p), None);
    }

    #[test]
    fn furniture() {
        for line in ["Page 1", "Page 74 of 104", "<PAGE>", "- 3 -", "12", "[5]"] {
            assert!(is_furniture(line), "{line}");
        }
        assert!(!is_furniture("Page one of the lease"));
    }
}
