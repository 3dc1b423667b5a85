//! Text → syntax tree.
//!
//! Parsing happens in three steps, each of which can only report, never
//! panic:
//!
//! 1. [`decode`]: bytes → text (UTF-8, a byte-order mark dropped).
//! 2. [`split_chunks`]: the text is cut at every line that starts a `clause`
//!    or `scenario`, and each chunk is screened for an unterminated quote and
//!    for nesting deeper than [`MAX_NESTING`] — before pest sees it, so the
//!    limit is the same in every build and on every thread's stack.
//! 3. each chunk is parsed by pest (with a call limit scaled to its length)
//!    and lowered to the AST by [`crate::syntax::lower`]. A chunk that fails is
//!    reported and skipped; the others still parse, so one typo does not
//!    hide the rest.

use crate::diagnostic::suggest::{common_prefix, edit_distance};
use crate::diagnostic::Diagnostic;
use crate::source::{has_lone_carriage_return, FileId, Span};
use crate::syntax::ast::File;
use crate::syntax::keywords::{is_reserved, LINE_STARTERS, VERBS};
use crate::syntax::lex::{self, PieceKind};
use crate::syntax::lower::lower_file;
use crate::syntax::problem::{Expected, Hint, SyntaxProblem};
use pest::error::{ErrorVariant, InputLocation};
use pest::Parser as _;
use std::num::NonZeroUsize;

/// The pest parser generated from `grammar/clause.pest`.
#[derive(pest_derive::Parser)]
#[grammar = "grammar/clause.pest"]
pub struct ClauseParser;

/// The deepest nesting of parentheses, or of `greater of` / `lesser of` /
/// `not`, that a chunk may have. Contracts need a handful; the limit exists
/// so that no input can exhaust the stack.
pub const MAX_NESTING: usize = 64;

/// The longest chunk (one clause or scenario) clausec parses: 1 MiB. A
/// clause is a few kilobytes.
pub const MAX_CHUNK_BYTES: usize = 1024 * 1024;

/// The parser work (pest rule calls) allowed for one chunk. Ordinary clause
/// text needs 3 to 5 calls per byte, so a chunk of the largest size parses
/// with room to spare; a pathological chunk stops here, after a fraction of a
/// second. pest's limit is one setting for the whole process, so it is the
/// same for every chunk (a limit scaled to each chunk would race when
/// agreements are checked in parallel); the total work stays proportional to
/// the input, at most this much per chunk.
const CALL_LIMIT: usize = 16 * MAX_CHUNK_BYTES;

/// Decodes a file's bytes for reading: [`decode_exact`], and a lone
/// carriage return read as a line break (see
/// [`lone_carriage_returns_as_line_feeds`]).
pub fn decode(bytes: &[u8]) -> Result<String, (usize, String)> {
    decode_exact(bytes).map(lone_carriage_returns_as_line_feeds)
}

/// Decodes a file's bytes as they are (a byte order mark dropped): for
/// `fmt`, which gives quotes and comments back byte for byte. `Err` carries
/// the byte offset of the first invalid UTF-8 sequence and a lossy text for
/// showing it.
pub fn decode_exact(bytes: &[u8]) -> Result<String, (usize, String)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(error) => Err((
            error.valid_up_to(),
            String::from_utf8_lossy(bytes).into_owned(),
        )),
    }
}

/// A line that ends in a carriage return alone (classic Mac OS files) ends
/// in a line feed instead, as CRLF and LF lines do: otherwise the parser
/// reads the whole file as one line, a comment on the first line hides
/// everything, and every location is on line 1. One byte for one, so every
/// offset stays where it was.
pub fn lone_carriage_returns_as_line_feeds(text: String) -> String {
    if !has_lone_carriage_return(&text) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// Parses a whole file into an AST, returning the items of every chunk that
/// parsed and a diagnostic for every chunk that did not.
pub fn parse_file(file: FileId, text: &str) -> (File, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut ast = File::default();
    for chunk in split_chunks(file, text, &mut diagnostics) {
        let Some(chunk_text) = text.get(chunk.start..chunk.end) else {
            continue;
        };
        match parse_chunk(file, chunk.start, chunk_text) {
            Ok(mut items) => ast.items.append(&mut items.items),
            Err(mut errors) => diagnostics.append(&mut errors),
        }
    }
    if ast.items.is_empty() && diagnostics.is_empty() {
        diagnostics.push(Diagnostic::of(
            &SyntaxProblem::EmptyFile,
            Span::new(file, 0, 0),
        ));
    }
    (ast, diagnostics)
}

fn parse_chunk(file: FileId, offset: usize, text: &str) -> Result<File, Vec<Diagnostic>> {
    if text.len() > MAX_CHUNK_BYTES {
        let end = offset + text.find('\n').unwrap_or(text.len());
        return Err(vec![Diagnostic::of(
            &SyntaxProblem::ClauseTooLarge {
                kib: MAX_CHUNK_BYTES / 1024,
            },
            Span::new(file, offset, end),
        )]);
    }
    pest::set_call_limit(NonZeroUsize::new(CALL_LIMIT));
    let pairs = ClauseParser::parse(Rule::file, text)
        .map_err(|error| vec![syntax_error(file, offset, text, &error)])?;
    lower_file(file, offset, pairs)
}

/// A byte range of a file that is parsed on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk {
    pub start: usize,
    pub end: usize,
}

/// State of the lexical screen as it walks a file.
struct Screen {
    file: FileId,
    in_string: Option<usize>,
    paren_depth: usize,
    nesting_words: usize,
    too_deep: bool,
}

impl Screen {
    /// Resets the per-chunk counters at a chunk boundary.
    fn start_chunk(&mut self) {
        self.paren_depth = 0;
        self.nesting_words = 0;
        self.too_deep = false;
    }

    /// Records one level of nesting at `at`, reporting once per chunk when the
    /// limit is passed.
    fn nest(&mut self, at: usize, len: usize, diagnostics: &mut Vec<Diagnostic>) {
        if self.paren_depth.max(self.nesting_words) > MAX_NESTING && !self.too_deep {
            self.too_deep = true;
            diagnostics.push(Diagnostic::of(
                &SyntaxProblem::NestedTooDeep { limit: MAX_NESTING },
                Span::new(self.file, at, at + len),
            ));
        }
    }
}

/// Cuts a file into chunks at each line whose first word is `clause` or
/// `scenario` (outside quotes), and screens each chunk. Chunks with an
/// unterminated quote or too deep a nesting are reported and left out.
pub fn split_chunks(file: FileId, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut screen = Screen {
        file,
        in_string: None,
        paren_depth: 0,
        nesting_words: 0,
        too_deep: false,
    };
    let mut chunk_start = 0;
    let mut chunk_ok = true;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        if starts_chunk(line, screen.in_string.is_some()) && line_start > chunk_start {
            if let Some(open) = screen.in_string.take() {
                diagnostics.push(unterminated_quote(file, open));
                chunk_ok = false;
            }
            if chunk_ok {
                chunks.push(Chunk {
                    start: chunk_start,
                    end: line_start,
                });
            }
            chunk_start = line_start;
            chunk_ok = true;
            screen.start_chunk();
        }
        scan_line(&mut screen, line, line_start, diagnostics);
        chunk_ok &= !screen.too_deep;
        line_start += line.len();
    }
    if let Some(open) = screen.in_string {
        diagnostics.push(unterminated_quote(file, open));
        chunk_ok = false;
    }
    if chunk_ok && chunk_start < text.len() {
        chunks.push(Chunk {
            start: chunk_start,
            end: text.len(),
        });
    }
    chunks
}

/// Does this line begin a new chunk? Outside a quote: a line whose first word
/// is `clause` or `scenario`. Inside a quote only an unindented one counts —
/// a wrapped quote is indented, so such a line means the quote was never
/// closed.
fn starts_chunk(line: &str, in_string: bool) -> bool {
    let trimmed = if in_string { line } else { line.trim_start() };
    ["clause", "scenario"].iter().any(|word| {
        trimmed
            .strip_prefix(word)
            .is_some_and(|rest| rest.starts_with([' ', '\t']))
    })
}

/// Walks one line, tracking quotes, comments, parentheses and the words that
/// can nest: `greater of`, `lesser of`, and `not` before a condition. The
/// words are counted within one statement (a line that starts a statement or
/// a modifier starts the count again); `must not`, `not to exceed` and `not
/// less than` do not nest and are not counted.
fn scan_line(
    screen: &mut Screen,
    line: &str,
    line_start: usize,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if screen.in_string.is_none() && starts_statement(line) {
        screen.nesting_words = 0;
    }
    let mut previous_word = "";
    for piece in lex::pieces(line, screen.in_string.is_some()) {
        match piece.kind {
            PieceKind::Quoted { closed: true } => screen.in_string = None,
            // Opened here, or still open from an earlier line.
            PieceKind::Quoted { closed: false } => {
                screen.in_string = screen.in_string.or(Some(line_start + piece.start));
            }
            PieceKind::Comment => break,
            PieceKind::Code => {
                let code = Stretch {
                    line,
                    start: piece.start,
                    end: piece.end,
                };
                scan_code(screen, code, line_start, &mut previous_word, diagnostics);
            }
        }
    }
}

/// Words, figures and marks of a line, outside quotes and comments.
#[derive(Clone, Copy)]
struct Stretch<'a> {
    line: &'a str,
    start: usize,
    end: usize,
}

/// The parentheses and nesting words of one stretch of code of a line.
/// `previous_word` is the line's word before it (`must` before `not`).
fn scan_code<'a>(
    screen: &mut Screen,
    code: Stretch<'a>,
    line_start: usize,
    previous_word: &mut &'a str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let text = code.line.get(code.start..code.end).unwrap_or("");
    let mut previous_is_word = false;
    for (i, c) in text.char_indices() {
        let at = line_start + code.start + i;
        match c {
            '(' => {
                screen.paren_depth += 1;
                screen.nest(at, 1, diagnostics);
            }
            ')' => screen.paren_depth = screen.paren_depth.saturating_sub(1),
            c if c.is_ascii_alphabetic() && !previous_is_word => {
                let rest = code.line.get(code.start + i..).unwrap_or("");
                let word = first_word(rest);
                let next_word = rest
                    .get(word.len()..)
                    .unwrap_or("")
                    .split_whitespace()
                    .next()
                    .unwrap_or("");
                // Every form that takes a factor inside it is a level of
                // nesting: `the later of`, `30 days after`, `the last day of
                // the month of`, `the number of days from ...`, ...
                let nests = match word {
                    "greater" | "lesser" | "later" | "earlier" | "month" | "number" | "balance" => {
                        next_word == "of"
                    }
                    "after" | "before" => true,
                    "not" => *previous_word != "must" && !matches!(next_word, "to" | "less"),
                    _ => false,
                };
                if nests {
                    screen.nesting_words += 1;
                    screen.nest(at, word.len(), diagnostics);
                }
                *previous_word = word;
            }
            _ => {}
        }
        previous_is_word = c.is_ascii_alphanumeric() || c == '_';
    }
}

/// The name-like word a text starts with (letters, digits, `_`).
fn first_word(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    text.get(..end).unwrap_or("")
}

/// Does this line start a new statement or modifier (so that no amount or
/// condition of the line before can go on into it)? `label:`, or a keyword
/// that only starts things.
fn starts_statement(line: &str) -> bool {
    let line = line.trim_start();
    let first = first_word(line);
    let labelled = !first.is_empty() && line.get(first.len()..).is_some_and(|r| r.starts_with(':'));
    // An obligation without a label: `company pays ...`.
    let second = line.split_whitespace().nth(1).unwrap_or("");
    labelled || LINE_STARTERS.contains(&first) || VERBS.contains(&second)
}

fn unterminated_quote(file: FileId, open: usize) -> Diagnostic {
    Diagnostic::of(
        &SyntaxProblem::UnterminatedQuote,
        Span::new(file, open, open + 1),
    )
}

/// Turns pest's error into a diagnostic a lawyer can act on: what was
/// expected, in words, what was found, and a "did you mean" when the word
/// found is a misspelt keyword.
fn syntax_error(
    file: FileId,
    offset: usize,
    text: &str,
    error: &pest::error::Error<Rule>,
) -> Diagnostic {
    let position = match error.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((start, _)) => start,
    };
    let found = word_at(text, position);
    let span = Span::new(file, offset + position, offset + position + found.len());
    match &error.variant {
        ErrorVariant::CustomError { message } if message.contains("stack") => {
            Diagnostic::of(&SyntaxProblem::TooDeepToRead, span)
        }
        ErrorVariant::CustomError { .. } => {
            // The place where pest gave up says little; name the clause.
            let head = text.find('\n').unwrap_or(text.len());
            Diagnostic::of(
                &SyntaxProblem::TooComplex,
                Span::new(file, offset, offset + head),
            )
        }
        ErrorVariant::ParsingError { positives, .. } => {
            let mut words = describe_expected(positives);
            let mut what = expected(positives);
            // After `on`, `from` ... an expression is a date: say so, not
            // "an amount" (the grammar reads any expression there, so that
            // the checker can name a wrong kind of value).
            if what == Expected::Amount && follows_date_word(text, position) {
                what = Expected::Date;
                words = vec!["a date".to_owned()];
            }
            let hint = hint(file, offset, text, position, found, what);
            let suggestion = match hint {
                Hint::None => suggest_keyword(found, &words),
                _ => None,
            };
            let diagnostic = Diagnostic::of(
                &SyntaxProblem::Expected {
                    what,
                    words,
                    found: found.to_owned(),
                    hint,
                },
                span,
            );
            match suggestion {
                Some(suggestion) => diagnostic.with_suggestion(span, &suggestion),
                None => diagnostic,
            }
        }
    }
}

/// A likelier cause than the usual one of text that does not fit at
/// `position`: a negative figure, a keyword as a label or a name, a quote
/// left open earlier.
fn hint(
    file: FileId,
    offset: usize,
    text: &str,
    position: usize,
    found: &str,
    what: Expected,
) -> Hint {
    let labelled = text
        .get(position + found.len()..)
        .is_some_and(|rest| rest.starts_with(':'));
    let negative = text.get(position..).is_some_and(|rest| {
        rest.starts_with('-')
            && rest.get(1..).is_some_and(|r| {
                r.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '$' | '€' | '£'))
            })
    });
    if negative {
        Hint::NegativeFigure
    } else if is_reserved(found) && labelled {
        Hint::KeywordAsLabel
    } else if is_reserved(found) && what == Expected::Name {
        Hint::KeywordAsName
    } else if let Some(open) = quote_left_open_before(text, position) {
        let open = offset + open;
        Hint::QuoteLeftOpen {
            open: Span::new(file, open, open + 1),
        }
    } else {
        Hint::None
    }
}

/// When a quote mark is forgotten, the text runs on to the next quote mark
/// and the parser fails somewhere after it. The sign: the last quoted text
/// before the error spans lines, and one of its later lines starts like a
/// statement (`label:`, `quote`, `assume`, ...). Returns where it opens.
fn quote_left_open_before(text: &str, position: usize) -> Option<usize> {
    // The last text in quotes closed before `position`: from its opening
    // mark up to (not with) its closing one.
    let last = lex::pieces(text, false)
        .take_while(|p| p.start < position)
        .filter(|p| {
            p.kind == PieceKind::Quoted { closed: true } && p.end.saturating_sub(1) < position
        })
        .last()
        .map(|p| (p.start, p.end.saturating_sub(1)));
    let (start, end) = last?;
    let quoted = text.get(start..end)?;
    quoted
        .lines()
        .skip(1)
        .any(starts_like_statement)
        .then_some(start)
}

fn starts_like_statement(line: &str) -> bool {
    let line = line.trim_start();
    let first = first_word(line);
    let labelled = !first.is_empty()
        && line
            .get(first.len()..)
            .is_some_and(|rest| rest.starts_with(": "));
    labelled
        || [
            "quote", "assume", "clause", "option", "fact", "election", "party",
        ]
        .iter()
        .any(|k| first == *k && line.len() > k.len())
}

/// The word (or the single character) at a position, for "found `...`".
fn word_at(text: &str, position: usize) -> &str {
    let rest = text.get(position..).unwrap_or("");
    let first = rest.chars().next();
    let len = match first {
        None => 0,
        Some(c) if c.is_alphanumeric() || matches!(c, '_' | '$' | '€' | '£') => rest
            .char_indices()
            .find(|(_, c)| !(c.is_alphanumeric() || matches!(c, '_' | '$' | '€' | '£' | ',' | '.')))
            .map_or(rest.len(), |(i, _)| i)
            .min(40),
        Some(c) => c.len_utf8(),
    };
    let mut len = len.min(rest.len());
    while !rest.is_char_boundary(len) {
        len -= 1;
    }
    rest.get(..len).unwrap_or("").trim_end_matches([',', '.'])
}

/// Whether the word before `position` is one after which a date comes.
fn follows_date_word(text: &str, position: usize) -> bool {
    let before = text.get(..position).unwrap_or("").trim_end();
    let start = before
        .rfind(|c: char| !c.is_ascii_alphabetic())
        .map_or(0, |i| i + 1);
    matches!(
        before.get(start..),
        Some("on" | "by" | "from" | "through" | "effective")
    )
}

/// What the parser expected, by the rules it names.
fn expected(positives: &[Rule]) -> Expected {
    let has = |rules: &[Rule]| positives.iter().any(|r| rules.contains(r));
    if has(&[Rule::obligation, Rule::clause, Rule::quote, Rule::agreement]) {
        Expected::Statement
    } else if has(&[Rule::money, Rule::expr, Rule::term, Rule::fact_ref]) {
        Expected::Amount
    } else if has(&[Rule::date, Rule::iso_date, Rule::written_date]) {
        Expected::Date
    } else if has(&[Rule::string]) {
        Expected::Text
    } else if has(&[Rule::name, Rule::label]) {
        Expected::Name
    } else {
        Expected::Other
    }
}

/// Words for what the parser would have accepted, sorted and deduplicated.
fn describe_expected(positives: &[Rule]) -> Vec<String> {
    let mut words: Vec<String> = positives
        .iter()
        .filter_map(|r| {
            describe(*r)
                .map(str::to_owned)
                .or_else(|| describe_keyword(*r))
        })
        .collect();
    // `the` opens `the date of ...`, `the later of ...`, and `interest`
    // opens `interest on the unpaid balance of ...`: where a value is
    // expected, "a date" or "an amount" already says it.
    let value = ["a date", "an amount"];
    if words.iter().any(|w| value.contains(&w.as_str())) {
        words.retain(|w| w != "`the`" && w != "`interest`");
    }
    words.sort_unstable();
    words.dedup();
    if words.is_empty() {
        words.push("something else".to_owned());
    }
    words
}

/// A keyword rule (`kw_dated`) is named by its word: `` `dated` ``.
fn describe_keyword(rule: Rule) -> Option<String> {
    // Verbs of more than one word are named in full.
    match rule {
        Rule::kw_must => return Some("`must not`".to_owned()),
        Rule::kw_remains => return Some("`remains bound by`".to_owned()),
        Rule::kw_signed => return Some("`signed by`".to_owned()),
        Rule::kw_business => return Some("`business day ...`".to_owned()),
        _ => {}
    }
    let name = format!("{rule:?}");
    name.strip_prefix("kw_").map(|word| format!("`{word}`"))
}

/// How a rule is named in a message; `None` for rules a lawyer never needs
/// to hear about.
fn describe(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::agreement => "`agreement`",
        Rule::party_decl => "`party`",
        Rule::document_decl => "`document`",
        Rule::section_decl => "`section`",
        Rule::fact_decl | Rule::fact_value => "`fact`",
        Rule::election_decl => "`election`",
        Rule::option_decl => "`option`",
        Rule::assumption_decl | Rule::reading_choice => "`assume`",
        Rule::signature_decl => "`signed by`",
        Rule::clause => "`clause`",
        Rule::scenario => "`scenario`",
        Rule::quote => "`quote`",
        Rule::obligation | Rule::label => "an obligation (`company pays employee ...`)",
        Rule::pays => "`pays`",
        Rule::provides => "`provides`",
        Rule::reimburses => "`reimburses`",
        Rule::performs => "`performs`",
        Rule::notifies => "`notifies`",
        Rule::releases => "`releases`",
        Rule::remains_bound => "`remains bound by`",
        Rule::must_not => "`must not`",
        Rule::may => "`may`",
        Rule::signs => "`signs`",
        Rule::installments => "`in N equal monthly installments`",
        Rule::conflict_rule => "`if the count and the dates disagree`",
        Rule::rounding => "`rounded half up to the cent`",
        Rule::rounding_mode => "a rounding (`half up`, `half even`, `down`, `up`)",
        Rule::rounding_unit => "`cent` or `dollar`",
        Rule::remainder => "`remainder on the last installment`",
        Rule::remainder_position => "`first` or `last`",
        Rule::period | Rule::period_from => "`from DATE`",
        Rule::period_through => "`through DATE`",
        Rule::on_date => "`on DATE`",
        Rule::effective => "`effective DATE`",
        Rule::for_duration => "`for DURATION`",
        Rule::within => "`within DURATION`",
        Rule::offset => "`reduced by`",
        Rule::grace => "`grace period`",
        Rule::late_interest => "`late interest`",
        Rule::interest_start => "`from the due date`",
        Rule::day_count => "a day count (`actual/365`)",
        Rule::simple => "`simple`",
        Rule::cost => "`at a cost of`",
        Rule::cap => "`not to exceed`",
        Rule::floor => "`not less than`",
        Rule::by_date => "`by DATE`",
        Rule::condition => "`if`",
        Rule::lapses => "`otherwise the offer lapses`",
        Rule::then_right => "`then`",
        Rule::count => "a count (`six (6)` or `6`)",
        Rule::frequency => "`monthly`, `quarterly` or `yearly`",
        Rule::day_rule => "`on the last day of the month`",
        Rule::each_amount => "`of AMOUNT`",
        Rule::compare_op => "a comparison (`>`, `<`, `=`)",
        Rule::cond_and | Rule::cond_or => "`and` / `or`",
        Rule::elects => "`PARTY elects OPTION`",
        Rule::add_op | Rule::mul_op => "an operator (`+`, `-`, `*`, `/`)",
        Rule::expr | Rule::term | Rule::paren | Rule::money | Rule::fact_ref | Rule::number => {
            "an amount"
        }
        Rule::percent => "a percentage",
        Rule::duration | Rule::duration_unit => "a duration (`10 days`)",
        Rule::date | Rule::iso_date | Rule::written_date => "a date",
        Rule::time_of_day => "a time (`1:30 p.m.`)",
        Rule::deadline_time => "a time (`5:00 p.m. Pacific Time`)",
        Rule::at_time => "`at TIME`",
        Rule::string => "text in double quotes",
        Rule::name => "a name",
        Rule::integer => "a whole number",
        Rule::section_number => "a section number",
        Rule::clause_number => "a clause number (`2(b)`)",
        Rule::hypothetical => "`hypothetical`",
        Rule::as_of => "`as of`",
        Rule::condition_value => "`condition \"...\" is yes`",
        Rule::on_time => "`every payment is made on its due date`",
        Rule::payment_event => "`PARTY paid ...`",
        Rule::compensation_event => "`PARTY received compensation ...`",
        Rule::notice_event => "`PARTY notified ...`",
        Rule::signature_event => "`PARTY signed on ...`",
        Rule::prevailed_event => "`PARTY prevailed on ...`",
        Rule::election_event => "`PARTY elected OPTION`",
        Rule::expect_line => "`expect ...`",
        Rule::obligation_ref | Rule::obligation_path => {
            "an obligation's id (`2(b).severance[2]`) or label"
        }
        Rule::status_words => "a status (`paid`, `paid late`, `met`, `due`, ...)",
        Rule::finding_code => "a finding's code (`count_mismatch`)",
        Rule::EOI => "the end of the file",
        _ => return None,
    })
}

/// The keyword closest to a misspelt word, among those the parser expected.
fn suggest_keyword(found: &str, expected: &[String]) -> Option<String> {
    if found.len() < 2 || !found.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    expected
        .iter()
        .filter_map(|e| e.strip_prefix('`')?.split(['`', ' ']).next())
        .filter(|k| k.chars().all(|c| c.is_ascii_alphabetic()) && *k != found)
        .map(|k| {
            (
                edit_distance(found, k),
                usize::MAX - common_prefix(found, k),
                k,
            )
        })
        .filter(|(d, _, k)| *d <= 2 && *d < k.len())
        .min()
        .map(|(_, _, k)| k.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::codes::Code;

    #[test]
    fn a_lone_carriage_return_ends_a_line_like_a_line_feed() {
        let decoded = decode(b"# note\rclause 1\r\n  quote \"x\"\r\r").unwrap_or_default();
        assert_eq!(decoded, "# note\nclause 1\r\n  quote \"x\"\n\n");
        assert_eq!(
            decode("caf\u{e9}\r".as_bytes()).unwrap_or_default(),
            "caf\u{e9}\n"
        );
        assert_eq!(decode(b"\xEF\xBB\xBFa\r\nb").unwrap_or_default(), "a\r\nb");
    }

    #[test]
    fn chunks_start_at_each_clause_line() {
        let text = "agreement \"A\"\nclause 1 \"One\"\n  quote \"x\"\nclause 2 \"Two\"\n";
        let mut diagnostics = Vec::new();
        let chunks = split_chunks(FileId(0), text, &mut diagnostics);
        assert_eq!(chunks.len(), 3);
        assert!(diagnostics.is_empty());
    }

    #[test]
    fn a_reserved_word_used_as_a_label_is_named_as_such() {
        let text = "clause 1\n  installment: a pays b $10.00\n";
        let (_, diagnostics) = parse_file(FileId(0), text);
        let help = diagnostics
            .first()
            .and_then(|d| d.help.clone())
            .unwrap_or_default();
        assert!(help.contains("cannot be a label"), "{help}");
    }

    #[test]
    fn a_negative_figure_is_named_as_such() {
        let (_, diagnostics) = parse_file(FileId(0), "scenario s\n  fact x is -10%\n");
        let help = diagnostics
            .first()
            .and_then(|d| d.help.clone())
            .unwrap_or_default();
        assert!(help.contains("cannot be written negative"), "{help}");
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let text = format!(
            "clause 1\n  company pays employee {}1{}\n",
            "(".repeat(1000),
            ")".repeat(1000)
        );
        let (_, diagnostics) = parse_file(FileId(0), &text);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, Code::TooDeep);
    }
}
