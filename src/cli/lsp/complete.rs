//! Completion by context: what may follow at the cursor. The words before
//! it on its line, and whether it is in the header, a clause or a
//! scenario, decide the slot ([`Slot`]); the slot decides what is offered:
//! phrases of the language from the one keyword table
//! ([`clausec::syntax::keywords::PHRASES`], each with its place) and the
//! names the checker declared (parties, facts, labels, events, readings,
//! options).

use clausec::check::model::Model;
use clausec::syntax::keywords::{is_reserved, phrases_at, Phrase, Place, KEYWORDS, VERBS};
use clausec::syntax::lex::{self, PieceKind};
use lsp_types::{CompletionItem, CompletionItemKind, Documentation, InsertTextFormat};

/// What may be written at the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slot {
    /// Inside text in quotes or a comment: nothing to offer.
    Nothing,
    /// The start of a statement outside any clause.
    Header,
    /// The start of a statement in a clause; `in_obligation` when the line
    /// may also hold a term of the obligation above it.
    InClause { in_obligation: bool },
    /// A party: after a label, after a verb that names the other party.
    Party,
    /// An obligation's verb, after its party.
    Verb,
    /// An amount or a date: facts, labels, and the forms that compute one.
    Expression,
    /// A condition, after `if`, `when`, `and`, `or`, `not`.
    Condition,
    /// A term of an obligation, after its amount or its described subject.
    Term,
    /// A reading's name (`follow READING`, `assume READING` in a scenario).
    Reading,
    /// The options of the reading named (`assume interest_start is ...`).
    ReadingOption(String),
    /// An election's option (`elects`, `elected`).
    ElectionOption,
    /// An obligation's label (`for LABEL` in a scenario, `expect`).
    Label,
    /// A fact's name (`fact` in a scenario).
    Fact,
    /// The start of a statement in a scenario.
    Scenario,
    /// A scenario's event, after the party or event it records.
    ScenarioEvent,
    /// A fact's type, after `fact NAME is` in a declaration.
    FactType,
    /// An event's name (`the date of EVENT`).
    Event,
    /// A document's name (`releases PARTY from DOCUMENT`).
    Document,
    /// How often a schedule repeats (`monthly`).
    Frequency,
}

/// A word, a figure, text in quotes, a label (`name:`) or a mark, before
/// the cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Word,
    Label,
    Figure,
    Text,
    Mark,
}

#[derive(Clone, Copy, Debug)]
struct Token<'a> {
    text: &'a str,
    kind: Kind,
    /// The first token of its line.
    starts_line: bool,
    /// The line it ends on (text in quotes may run over several).
    line: usize,
}

/// The tokens before the cursor, and the cursor's line.
struct Before<'a> {
    tokens: Vec<Token<'a>>,
    line: usize,
}

/// The text before the cursor, read as tokens; `None` when the cursor is
/// inside text in quotes or a comment. The word the cursor touches is the
/// one being typed: it is left out (the editor filters by it).
fn tokens(before: &str) -> Option<Before<'_>> {
    let mut reader = Reader {
        out: Vec::new(),
        starts_line: true,
        line: 0,
    };
    for piece in lex::pieces(before, false) {
        let text = before.get(piece.start..piece.end).unwrap_or("");
        match piece.kind {
            PieceKind::Quoted { closed: false } => return None,
            // A comment runs to the end of its line: the cursor is in it
            // when no line break follows.
            PieceKind::Comment if piece.end == before.len() => return None,
            PieceKind::Comment => {}
            PieceKind::Quoted { closed: true } => reader.push(text, Kind::Text),
            PieceKind::Code => reader.code(text),
        }
    }
    let Reader { mut out, line, .. } = reader;
    // The word (or figure) being typed is not part of the context.
    let typing = before
        .chars()
        .last()
        .is_some_and(|c| c.is_alphanumeric() || c == '_');
    if typing {
        out.pop();
    }
    Some(Before { tokens: out, line })
}

/// Tokens as they are read, with the line they end on.
struct Reader<'a> {
    out: Vec<Token<'a>>,
    starts_line: bool,
    line: usize,
}

impl<'a> Reader<'a> {
    fn push(&mut self, text: &'a str, kind: Kind) {
        self.line += text.matches('\n').count();
        self.out.push(Token {
            text: text.trim_end_matches(':'),
            kind,
            starts_line: self.starts_line,
            line: self.line,
        });
        self.starts_line = false;
    }

    /// Words, figures and marks, outside quotes and comments.
    fn code(&mut self, mut rest: &'a str) {
        while let Some(c) = rest.chars().next() {
            let (length, kind) = match c {
                '\n' => {
                    self.starts_line = true;
                    self.line += 1;
                    rest = rest.get(1..).unwrap_or("");
                    continue;
                }
                c if c.is_whitespace() => {
                    rest = rest.get(c.len_utf8()..).unwrap_or("");
                    continue;
                }
                c if c.is_ascii_alphabetic() || c == '_' => word_length(rest),
                c if c.is_ascii_digit() || matches!(c, '$' | '€' | '£') => {
                    (figure_length(rest), Kind::Figure)
                }
                c => (c.len_utf8(), Kind::Mark),
            };
            self.push(rest.get(..length).unwrap_or(""), kind);
            rest = rest.get(length..).unwrap_or("");
        }
    }
}

/// Whether the cursor, after `before`, is among the words of a statement:
/// not inside text in quotes or a comment.
pub fn in_words(before: &str) -> bool {
    tokens(before).is_some()
}

/// A name or keyword, and whether a `:` right after it makes it a label.
fn word_length(text: &str) -> (usize, Kind) {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    match text.get(end..).is_some_and(|rest| rest.starts_with(':')) {
        true => (end + 1, Kind::Label),
        false => (end, Kind::Word),
    }
}

/// `$20,833.33`, `18%`, `2002-06-06`, `1:30`, `6`.
fn figure_length(text: &str) -> usize {
    text.find(|c: char| {
        !(c.is_ascii_digit() || matches!(c, '$' | '€' | '£' | ',' | '.' | '%' | '-' | ':'))
    })
    .unwrap_or(text.len())
}

/// Where the cursor is in the file: before any clause, in a clause, or in
/// a scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Region {
    Header,
    Clause,
    Scenario,
}

/// The slot at the end of `before` (the file's text up to the cursor).
/// `scenario_file`: a `.scenario` file, where everything is a scenario's.
pub fn slot(before: &str, scenario_file: bool, parties: &[&str]) -> Slot {
    let Some(Before {
        tokens,
        line: cursor_line,
    }) = tokens(before)
    else {
        return Slot::Nothing;
    };
    let mut region = if scenario_file {
        Region::Scenario
    } else {
        Region::Header
    };
    let mut in_obligation = false;
    let mut line_start = 0;
    for (i, token) in tokens.iter().enumerate() {
        if !token.starts_line {
            continue;
        }
        line_start = i;
        match token.text {
            "clause" if token.kind == Kind::Word => region = Region::Clause,
            "scenario" if token.kind == Kind::Word => region = Region::Scenario,
            _ => {}
        }
        let line = tokens.get(i..).unwrap_or(&[]);
        in_obligation = match opens_obligation(line, parties) {
            true => true,
            false => in_obligation && starts_term(token.text),
        };
    }
    // The statement the cursor is on: none when its line is still empty.
    let line = match tokens.last() {
        Some(last) if last.line == cursor_line => tokens.get(line_start..).unwrap_or(&[]),
        _ => &[],
    };
    match region {
        Region::Header => header_slot(line),
        Region::Clause => clause_slot(line, in_obligation, parties),
        Region::Scenario => scenario_slot(line, parties),
    }
}

/// `label:`, or `PARTY VERB`: the line opens an obligation.
fn opens_obligation(line: &[Token<'_>], parties: &[&str]) -> bool {
    let words: Vec<&Token<'_>> = line.iter().take(3).collect();
    match words.as_slice() {
        [first, ..] if first.kind == Kind::Label => true,
        [party, verb, ..] => parties.contains(&party.text) && VERBS.contains(&verb.text),
        _ => false,
    }
}

/// Whether a line starting with this word goes on with an obligation's
/// terms (a modifier's first word).
fn starts_term(word: &str) -> bool {
    phrases_at(Place::Term).any(|p| p.form.split(' ').next() == Some(word))
}

/// One part of a phrase's form: a word typed as it is, what is filled in
/// (`PARTY`, `DATE`), or text in quotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part<'a> {
    Word(&'a str),
    Hole(&'a str),
    Text,
}

fn parts(form: &str) -> Vec<Part<'_>> {
    let mut out = Vec::new();
    for (i, piece) in form.split('"').enumerate() {
        if i % 2 == 1 {
            out.push(Part::Text);
            continue;
        }
        for word in piece.split([' ', ',']).filter(|w| !w.is_empty()) {
            let hole = word.chars().all(|c| c.is_ascii_uppercase());
            out.push(if hole {
                Part::Hole(word)
            } else {
                Part::Word(word)
            });
        }
    }
    out
}

/// The holes filled by one name, which a single word before the cursor
/// can stand for (`employee` for `PARTY` in `PARTY elects OPTION`).
const NAME_HOLES: &[&str] = &[
    "PARTY", "NAME", "LABEL", "EVENT", "READING", "OPTION", "DOCUMENT",
];

/// What the phrase table says comes next: among the phrases of the
/// places allowed here, the one whose words up to a hole are the last
/// words before the cursor, the longest such match. `None` when no
/// phrase's beginning ends at the cursor.
fn hole_at_end(line: &[Token<'_>], places: &[Place]) -> Option<&'static str> {
    let words: Vec<&Token<'_>> = line.iter().filter(|t| t.text != ",").collect();
    let mut best: Option<(&'static str, usize)> = None;
    for phrase in clausec::syntax::keywords::PHRASES {
        if !places.contains(&phrase.place) {
            continue;
        }
        let parts = parts(phrase.form);
        for (k, part) in parts.iter().enumerate() {
            let Part::Hole(hole) = part else { continue };
            let before = parts.get(..k).unwrap_or(&[]);
            let matched = before.len();
            let fits = matched > 0
                && matched <= words.len()
                && before.iter().any(|p| matches!(p, Part::Word(_)))
                && before
                    .iter()
                    .rev()
                    .zip(words.iter().rev())
                    .all(|(part, token)| fills(*part, token));
            if fits && best.is_none_or(|(_, m)| matched > m) {
                best = Some((hole, matched));
            }
        }
    }
    best.map(|(hole, _)| hole)
}

/// Whether a token before the cursor is this part of a phrase.
fn fills(part: Part<'_>, token: &Token<'_>) -> bool {
    match part {
        Part::Word(word) => token.kind == Kind::Word && token.text == word,
        Part::Text => token.kind == Kind::Text,
        Part::Hole(hole) => {
            NAME_HOLES.contains(&hole)
                && matches!(token.kind, Kind::Word | Kind::Label)
                && !KEYWORDS.contains(&token.text)
        }
    }
}

/// The slot a phrase's hole opens.
fn slot_of_hole(hole: &str) -> Slot {
    match hole {
        "PARTY" => Slot::Party,
        "DATE" | "AMOUNT" | "LIMIT" | "A" | "B" => Slot::Expression,
        "CONDITION" => Slot::Condition,
        "READING" => Slot::Reading,
        "OPTION" => Slot::ElectionOption,
        "LABEL" => Slot::Label,
        "EVENT" => Slot::Event,
        "DOCUMENT" => Slot::Document,
        "TYPE" => Slot::FactType,
        "FREQUENCY" => Slot::Frequency,
        // A new name, a count, a rate, a duration, a time: nothing to offer.
        _ => Slot::Nothing,
    }
}

/// The places whose phrases may be written in a region.
fn places_in(region: Region) -> &'static [Place] {
    match region {
        Region::Header => &[Place::Header, Place::Declaration],
        Region::Clause => &[
            Place::Declaration,
            Place::InClause,
            Place::Verb,
            Place::Term,
            Place::Expression,
            Place::Condition,
        ],
        Region::Scenario => &[Place::Scenario, Place::ScenarioEvent],
    }
}

fn header_slot(line: &[Token<'_>]) -> Slot {
    match line {
        [] => Slot::Header,
        _ => hole_at_end(line, places_in(Region::Header)).map_or(Slot::Nothing, slot_of_hole),
    }
}

fn clause_slot(line: &[Token<'_>], in_obligation: bool, parties: &[&str]) -> Slot {
    let Some(first) = line.first() else {
        return Slot::InClause { in_obligation };
    };
    let after_label = match first.kind {
        Kind::Label => line.get(1..).unwrap_or(&[]),
        _ => line,
    };
    match after_label {
        [] => return Slot::Party,
        [party] if parties.contains(&party.text) => return Slot::Verb,
        _ => {}
    }
    if let Some(hole) = hole_at_end(line, places_in(Region::Clause)) {
        return slot_of_hole(hole);
    }
    let obligation_or_term = opens_obligation(line, parties) || starts_term(first.text);
    match line.last() {
        Some(last) if last.kind == Kind::Mark && last.text != ")" => Slot::Expression,
        Some(last) if matches!(last.text, "and" | "or" | "not") => {
            let in_condition = line.iter().any(|t| matches!(t.text, "if" | "when"));
            if in_condition {
                Slot::Condition
            } else {
                Slot::Expression
            }
        }
        // After an amount, a date, a name or text: the obligation's terms.
        Some(last) if obligation_or_term && !ends_unfinished(last) => Slot::Term,
        _ => Slot::Nothing,
    }
}

/// A reserved word of the language that no phrase ends with (`in`, `the`,
/// `of`): after it, the obligation's terms are not what comes next.
/// (`days` in `grace period 10 days` is not reserved: the term is done.)
fn ends_unfinished(token: &Token<'_>) -> bool {
    let ends_a_phrase = clausec::syntax::keywords::PHRASES
        .iter()
        .any(|p| matches!(parts(p.form).last(), Some(Part::Word(w)) if *w == token.text));
    token.kind == Kind::Word && is_reserved(token.text) && !ends_a_phrase
}

fn scenario_slot(line: &[Token<'_>], parties: &[&str]) -> Slot {
    let words: Vec<&str> = line.iter().map(|t| t.text).collect();
    match words.as_slice() {
        [] => return Slot::Scenario,
        ["fact"] => return Slot::Fact,
        ["assume", reading, "is"] => return Slot::ReadingOption((*reading).to_owned()),
        ["expect"] => return Slot::Label,
        // Past a figure or a date, the phrase table cannot follow: `for`
        // names the duty a payment or a notice answers.
        [.., "for"] => return Slot::Label,
        [name] if !KEYWORDS.contains(name) || parties.contains(name) => return Slot::ScenarioEvent,
        _ => {}
    }
    let scenario_line: Vec<Token<'_>> = match line.first() {
        // An event's phrase starts after the party or event it records.
        Some(first) if !KEYWORDS.contains(&first.text) => line.get(1..).unwrap_or(&[]).to_vec(),
        _ => line.to_vec(),
    };
    match hole_at_end(&scenario_line, places_in(Region::Scenario)).map(slot_of_hole) {
        // A scenario writes figures and dates out: nothing to offer.
        Some(Slot::Expression) | None => Slot::Nothing,
        Some(slot) => slot,
    }
}

/// What completion offers in a slot, from the keyword table and the
/// checked agreement's names.
pub fn items(slot: &Slot, model: &Model, snippets: bool) -> Vec<CompletionItem> {
    let phrases = |places: &[Place]| -> Vec<CompletionItem> {
        places
            .iter()
            .flat_map(|place| phrases_at(*place))
            .map(|p| phrase_item(p, snippets))
            .collect()
    };
    match slot {
        Slot::Nothing => Vec::new(),
        Slot::Header => phrases(&[Place::Header, Place::Declaration]),
        Slot::InClause { in_obligation } => {
            let mut places = vec![Place::InClause, Place::Declaration];
            if *in_obligation {
                places.push(Place::Term);
            }
            let mut items = phrases(&places);
            items.extend(parties(model));
            items
        }
        Slot::Party => parties(model),
        Slot::Verb => phrases(&[Place::Verb]),
        Slot::Expression => {
            let mut items = facts(model, |_| true);
            items.extend(labels(model));
            items.extend(phrases(&[Place::Expression]));
            items
        }
        Slot::Condition => {
            let mut items = facts(model, |f| {
                matches!(
                    f.ty.node,
                    clausec::syntax::ast::Type::YesNo | clausec::syntax::ast::Type::Choice
                )
            });
            items.extend(parties(model));
            items.extend(events(model));
            items.extend(phrases(&[Place::Condition]));
            items
        }
        Slot::Term => phrases(&[Place::Term]),
        Slot::Reading => readings(model),
        Slot::ReadingOption(name) => reading_options(model, name),
        Slot::ElectionOption => election_options(model),
        Slot::Label => labels(model),
        Slot::Fact => facts(model, |_| true),
        Slot::Scenario => {
            let mut items = phrases(&[Place::Scenario]);
            items.extend(parties(model));
            items.extend(events(model));
            items
        }
        Slot::ScenarioEvent => phrases(&[Place::ScenarioEvent]),
        Slot::Event => events(model),
        Slot::Frequency => phrases(&[Place::Frequency]),
        Slot::Document => model
            .documents
            .iter()
            .map(|(name, d)| item(name, CompletionItemKind::FILE, &d.title.node))
            .collect(),
        Slot::FactType => [
            "money",
            "date",
            "duration",
            "percentage",
            "count",
            "number",
            "yes or no",
        ]
        .iter()
        .map(|t| item(t, CompletionItemKind::TYPE_PARAMETER, "type"))
        .collect(),
    }
}

/// A phrase, with what to fill in as the snippet's placeholders when the
/// editor takes snippets (`in ${1:COUNT} equal ${2:FREQUENCY} installments`).
fn phrase_item(phrase: &Phrase, snippets: bool) -> CompletionItem {
    let (insert_text, format) = match snippets {
        true => (snippet(phrase.form), InsertTextFormat::SNIPPET),
        false => (phrase.form.to_owned(), InsertTextFormat::PLAIN_TEXT),
    };
    CompletionItem {
        label: phrase.form.to_owned(),
        kind: Some(CompletionItemKind::KEYWORD),
        detail: Some("clause language".to_owned()),
        documentation: Some(Documentation::String(phrase.meaning.to_owned())),
        insert_text: Some(insert_text),
        insert_text_format: Some(format),
        ..CompletionItem::default()
    }
}

/// The phrase as a snippet: each word in capitals and each text in quotes
/// a placeholder.
pub fn snippet(form: &str) -> String {
    let mut out = String::new();
    let mut n = 0;
    for (i, part) in form.split('"').enumerate() {
        if i % 2 == 1 {
            n += 1;
            out.push_str(&format!("\"${{{n}:{}}}\"", escape_snippet(part)));
            continue;
        }
        let words: Vec<String> = part
            .split(' ')
            .map(|word| {
                // `(NUMBER)`: the parentheses stay, the capitals are filled.
                let core = word.trim_start_matches('(').trim_end_matches(')');
                let filled = !core.is_empty() && core.chars().all(|c| c.is_ascii_uppercase());
                if filled {
                    n += 1;
                    word.replacen(core, &format!("${{{n}:{core}}}"), 1)
                } else {
                    escape_snippet(word)
                }
            })
            .collect();
        out.push_str(&words.join(" "));
    }
    out
}

fn escape_snippet(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('$', "\\$")
        .replace('}', "\\}")
}

fn item(label: &str, kind: CompletionItemKind, detail: &str) -> CompletionItem {
    CompletionItem {
        label: label.to_owned(),
        kind: Some(kind),
        detail: Some(detail.to_owned()),
        ..CompletionItem::default()
    }
}

fn parties(model: &Model) -> Vec<CompletionItem> {
    model
        .parties
        .iter()
        .map(|(name, party)| item(name, CompletionItemKind::VARIABLE, &party.legal_name.node))
        .collect()
}

fn facts(
    model: &Model,
    keep: impl Fn(&clausec::syntax::ast::FactDecl) -> bool,
) -> Vec<CompletionItem> {
    model
        .facts
        .iter()
        .filter(|(_, fact)| keep(fact))
        .map(|(name, fact)| item(name, CompletionItemKind::FIELD, fact.ty.node.describe()))
        .collect()
}

fn labels(model: &Model) -> Vec<CompletionItem> {
    model
        .obligations()
        .filter_map(|(clause, o)| {
            let label = o.label.as_ref()?;
            Some(item(
                &label.node,
                CompletionItemKind::REFERENCE,
                &format!("obligation of clause {}", clause.number.node),
            ))
        })
        .collect()
}

fn events(model: &Model) -> Vec<CompletionItem> {
    model
        .events
        .keys()
        .map(|name| item(name, CompletionItemKind::EVENT, "event"))
        .collect()
}

fn readings(model: &Model) -> Vec<CompletionItem> {
    model
        .readings
        .iter()
        .map(|r| item(&r.name.node, CompletionItemKind::ENUM, "reading"))
        .collect()
}

fn reading_options(model: &Model, name: &str) -> Vec<CompletionItem> {
    model
        .reading(name)
        .into_iter()
        .flat_map(|r| &r.options)
        .map(|o| item(&o.name.node, CompletionItemKind::ENUM_MEMBER, "option"))
        .collect()
}

fn election_options(model: &Model) -> Vec<CompletionItem> {
    model
        .elections
        .iter()
        .flat_map(|e| {
            e.options.iter().map(move |o| {
                item(
                    &o.name.node,
                    CompletionItemKind::ENUM_MEMBER,
                    &format!("option of {}", e.name.node),
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARTIES: &[&str] = &["company", "employee"];

    fn at(before: &str) -> Slot {
        slot(before, false, PARTIES)
    }

    #[test]
    fn the_slot_follows_the_words_before_the_cursor() {
        let clause = "clause 2(b) \"Severance\"\n";
        assert_eq!(at("agreement \"A\"\n"), Slot::Header);
        assert_eq!(at("party company \"C\"\nsigned by "), Slot::Party);
        assert_eq!(
            at(&format!("{clause}  ")),
            Slot::InClause {
                in_obligation: false
            }
        );
        assert_eq!(at(&format!("{clause}  severance: ")), Slot::Party);
        assert_eq!(at(&format!("{clause}  severance: company ")), Slot::Verb);
        assert_eq!(at(&format!("{clause}  severance: company pa")), Slot::Verb);
        assert_eq!(
            at(&format!("{clause}  severance: company pays ")),
            Slot::Party
        );
        assert_eq!(
            at(&format!("{clause}  severance: company pays employee ")),
            Slot::Expression
        );
        assert_eq!(
            at(&format!(
                "{clause}  s: company pays employee annual_salary * "
            )),
            Slot::Expression
        );
        assert_eq!(
            at(&format!(
                "{clause}  s: company pays employee annual_salary * 6 / 12 "
            )),
            Slot::Term
        );
        assert_eq!(
            at(&format!("{clause}  s: company pays employee $5\n    ")),
            Slot::InClause {
                in_obligation: true
            }
        );
        assert_eq!(
            at(&format!("{clause}  s: company pays employee $5\n    from ")),
            Slot::Expression
        );
        assert_eq!(
            at(&format!(
                "{clause}  s: company pays employee $5\n    if employee elects "
            )),
            Slot::ElectionOption
        );
        assert_eq!(
            at(&format!("{clause}  s: company pays employee $5\n    if ")),
            Slot::Condition
        );
        assert_eq!(
            at(&format!("{clause}  s: company provides employee \"x\" ")),
            Slot::Term
        );
        assert_eq!(
            at(&format!(
                "{clause}  s: company pays employee $5\n    grace period 10 days "
            )),
            Slot::Term
        );
        assert_eq!(
            at(&format!(
                "{clause}  s: company pays employee $5\n    at a cost of "
            )),
            Slot::Expression
        );
        assert_eq!(
            at(&format!("{clause}  s: company pays employee the total of ")),
            Slot::Label
        );
        assert_eq!(
            at(&format!(
                "{clause}  s: company pays employee $5\n    credited against "
            )),
            Slot::Label
        );
        assert_eq!(
            at(&format!(
                "{clause}  s: company pays employee $5\n    on the date of "
            )),
            Slot::Event
        );
        assert_eq!(
            at(&format!("{clause}  s: company releases employee from ")),
            Slot::Document
        );
        assert_eq!(
            at(&format!("{clause}  s: employee may \"x\" from ")),
            Slot::Party
        );
        assert_eq!(at(&format!("{clause}  s: company pays employee $5\n    if the count and the dates disagree, follow ")), Slot::Reading);
        assert_eq!(
            at(&format!("{clause}  s: company pays employee $5\n    in ")),
            Slot::Nothing
        );
        assert_eq!(
            at(&format!("{clause}  quote \"Additional sev")),
            Slot::Nothing
        );
        assert_eq!(at(&format!("{clause}  # a note ")), Slot::Nothing);
    }

    #[test]
    fn scenario_slots() {
        let scenario = |before: &str| slot(before, true, PARTIES);
        assert_eq!(scenario("scenario base\n  "), Slot::Scenario);
        assert_eq!(scenario("scenario base\n  employee "), Slot::ScenarioEvent);
        assert_eq!(
            scenario("scenario base\n  assume installment_reading is "),
            Slot::ReadingOption("installment_reading".to_owned())
        );
        assert_eq!(
            scenario("scenario b\n  company paid employee $1.00 on June 1, 2002 for "),
            Slot::Label
        );
        assert_eq!(scenario("scenario b\n  company paid "), Slot::Party);
        assert_eq!(
            scenario("scenario b\n  employee elected "),
            Slot::ElectionOption
        );
        assert_eq!(scenario("scenario b\n  assume "), Slot::Reading);
        assert_eq!(scenario("scenario b\n  as of "), Slot::Nothing);
    }

    #[test]
    fn snippets_hold_placeholders() {
        assert_eq!(
            snippet("in COUNT equal FREQUENCY installments"),
            "in ${1:COUNT} equal ${2:FREQUENCY} installments"
        );
        assert_eq!(
            snippet("(NUMBER) to the power of COUNT"),
            "(${1:NUMBER}) to the power of ${2:COUNT}"
        );
        assert_eq!(
            snippet("party NAME \"Legal name\""),
            "party ${1:NAME} \"${2:Legal name}\""
        );
    }
}
