//! Checks over the contract as a whole, before any scenario: what `check`
//! proves about the text itself.
//!
//! - stated counts agree with the dates of their schedules;
//! - numbers in words agree with their numerals ("six (6)"), and a total
//!   the quote states agrees with its schedule (`totals.rs`);
//! - a limit the written figures decide: never reached, or always applied
//!   (`limits.rs`);
//! - periods end after they start, deadlines fall on or after the agreement;
//! - the acceptance of an offer with a deadline can be confirmed;
//! - every figure a rule writes (an amount, a rate, a count, a date, a
//!   duration) is in its clause's quote, in numerals or in words, or in an
//!   assumption of the clause;
//! - every quote is verbatim from the source, and every operative part of
//!   the source is quoted by some clause.
//!
//! Findings about the contract are warnings; a quote that is not in the
//! source is an error (the encoding no longer matches the document).

use crate::calc::calendar::{dates_between, effective_rule, long_date};
use crate::calc::words;
use crate::check::finding::{Finding, MonthEnds, NearestQuote, Unconfirmed};
use crate::check::model::Model;
use crate::diagnostic::Diagnostic;
use crate::source::{SourceMap, Span};
use crate::syntax::ast::*;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// Runs every whole-contract check, and puts the model's clauses in the
/// order of the source document.
pub fn check_contract(model: &mut Model, sources: &SourceMap) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let parents = clauses_with_subclauses(model);
    for clause in &model.clauses {
        let number = clause.number.node.as_str();
        for obligation in &clause.obligations {
            count_matches_schedule(obligation, number, model, &mut out);
            periods_in_order(obligation, number, model.dated, &mut out);
            super::limits::limits_decided(obligation, number, &model.facts, sources, &mut out);
            super::totals::total_matches_schedule(
                obligation,
                clause,
                &model.facts,
                sources,
                &mut out,
            );
        }
        for quote in &clause.quotes {
            number_words_in_text(quote, number, sources, &mut out);
        }
        missing_quote(clause, model, &parents, &mut out);
    }
    figures_quoted(model, sources, &mut out);
    acceptance_confirmed(model, &mut out);
    if let Some(source) = model.source.and_then(|id| sources.get(id).map(|f| (id, f))) {
        let positions = quotes_match_source(model, source.0, &source.1.text, &mut out);
        order_clauses(model, &positions);
    }
    out
}

// ---- stated count vs schedule ------------------------------------------

fn count_matches_schedule(
    obligation: &Obligation,
    clause: &str,
    model: &Model,
    out: &mut Vec<Diagnostic>,
) {
    let Some((count, frequency, day)) =
        (obligation.terms.installments.as_ref()).map(|i| (&i.count, i.frequency, i.day))
    else {
        return;
    };
    if let Some(written) = &count.words {
        let word_value = words::value_of(&[written.node.as_str()]);
        if word_value.is_some_and(|v| v != u64::from(count.value.node)) {
            out.push(
                Diagnostic::of(
                    &Finding::CountWordsDisagree {
                        words: written.node.clone(),
                        words_say: word_value.unwrap_or(0),
                        numeral: count.value.node,
                    },
                    written.span.to(count.value.span),
                )
                .in_clause(clause),
            );
        }
    }
    let Some(period) = obligation.terms.period.as_ref() else {
        return;
    };
    // A schedule counted from an event has dates only in a scenario; the
    // ledger reports each one there.
    let (Some(from), Some(through)) = (
        written(period.from.as_ref()),
        written(period.through.as_ref()),
    ) else {
        return;
    };
    let rule = effective_rule(day, from.node);
    let Ok(dates) = dates_between(from.node, through.node, frequency, rule) else {
        return;
    };
    let stated = count.value.node as usize;
    if dates.len() == stated {
        return;
    }
    let reading = (obligation.terms.conflict_rule.as_ref()).map(|rule| rule.name.node.as_str());
    let stated_words = count.words.as_ref().map_or_else(
        || stated.to_string(),
        |w| format!("{} ({})", w.node, stated),
    );
    let reading = reading.and_then(|r| model.reading(r)).map(|r| {
        (
            r.name.node.clone(),
            r.default_option()
                .map_or_else(String::new, |o| o.name.node.clone()),
        )
    });
    out.push(
        Diagnostic::of(
            &Finding::CountMismatch {
                clause: clause.to_owned(),
                stated,
                stated_words,
                month_ends: MonthEnds(rule == DayRule::LastDayOfMonth),
                from: from.node,
                through: through.node,
                dates,
                period_at: period.span,
                reading,
            },
            count
                .words
                .as_ref()
                .map_or(count.value.span, |w| w.span.to(count.value.span)),
        )
        .in_clause(clause),
    );
}

// ---- numbers in words ---------------------------------------------------

/// Finds numbers written both in words and in numerals — `six (6)`,
/// `twelve percent (12%)`, `Ten Thousand Dollars ($10,000.00)` — in a quote,
/// and reports those that disagree, pointing into the quote.
fn number_words_in_text(
    quote: &Text,
    clause: &str,
    sources: &SourceMap,
    out: &mut Vec<Diagnostic>,
) {
    let text = &quote.node;
    let mut search = 0;
    while let Some(found) = text.get(search..).and_then(|rest| rest.find('(')) {
        let open = search + found;
        search = open + 1;
        // A numeral in parentheses is short; looking no further for its
        // closing parenthesis keeps this scan linear in a quote that holds
        // many opening ones and no closing one.
        let Some(close) = text
            .get(open + 1..)
            .and_then(|rest| {
                rest.bytes()
                    .take(MAX_NUMERAL_BYTES + 1)
                    .position(|b| b == b')')
            })
            .map(|i| open + 1 + i)
        else {
            continue;
        };
        let numeral = text.get(open + 1..close).unwrap_or("");
        let Some((figure, numeral_currency)) = numeral_value(numeral) else {
            continue;
        };
        let words: Vec<&str> = text
            .get(..open)
            .unwrap_or("")
            .split_whitespace()
            .rev()
            .take_while(|w| {
                words::is_money_word(
                    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '/'),
                )
            })
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            // `the sum of six (6)`: `of` joins the number to the words before.
            .skip_while(|w| w.eq_ignore_ascii_case("of") || w.eq_ignore_ascii_case("and"))
            .collect();
        // `Thirty Thousand and No/100 Dollars`, `One Thousand Euros`, `...
        // Pounds and Fifty Pence`: money in its currency; else any number
        // in words.
        let in_words = words::money_in_words(&words);
        let Some(value) = in_words
            .map(|(amount, _)| amount)
            .or_else(|| words::amount_of(&words))
        else {
            continue;
        };
        let words_currency = in_words.map(|(_, currency)| currency);
        let same_currency = match (words_currency, numeral_currency) {
            (Some(said), Some(written)) => said == written,
            _ => true,
        };
        if value == figure && same_currency {
            continue;
        }
        let phrase = format!("{} ({numeral})", words.join(" "));
        let span = span_in_quote(quote, sources, &phrase)
            .or_else(|| span_in_quote(quote, sources, &format!("({numeral})")))
            .unwrap_or(quote.span);
        out.push(
            Diagnostic::of(
                &Finding::QuoteWordsDisagree {
                    phrase,
                    words_say: shown_words_value(value, words_currency),
                    numeral: numeral.to_owned(),
                },
                span,
            )
            .in_clause(clause),
        );
    }
}

/// What number words say: money in the currency they name (`$30,000.00`,
/// `€1,000.00`), anything else as the number (`6`, `0.75`).
fn shown_words_value(value: Decimal, currency: Option<Currency>) -> String {
    match currency {
        Some(currency) => crate::calc::money::format_money_in(value, currency),
        None => value.normalize().to_string(),
    }
}

/// The longest text in parentheses read as a numeral:
/// `($1,000,000,000,000.00)` is 24 bytes.
const MAX_NUMERAL_BYTES: usize = 40;

/// `6`, `12%`, `$12,000.00`, `€1,100.00`, `CHF 400.00` → the number, and
/// the currency a sign or code names; `None` for anything else in
/// parentheses (`(a)`, `(the "Company")`).
fn numeral_value(numeral: &str) -> Option<(Decimal, Option<Currency>)> {
    let (currency, figure) = numeral_currency(numeral.trim());
    let digits: String = figure
        .trim_end_matches('%')
        .chars()
        .filter(|c| *c != ',')
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    Some((Decimal::from_str_exact(&digits).ok()?, currency))
}

/// The currency a numeral is written in (`$`, `US$`, `€`, `£`, or an ISO
/// code and a space), and the figure after it.
fn numeral_currency(numeral: &str) -> (Option<Currency>, &str) {
    for sign in ["US$", "$", "€", "£"] {
        if let Some(figure) = numeral.strip_prefix(sign) {
            return (Currency::from_sign(sign), figure);
        }
    }
    match numeral.split_once(' ') {
        Some((code, figure)) if Currency::from_code(code).is_some() => {
            (Currency::from_code(code), figure.trim_start())
        }
        _ => (None, numeral),
    }
}

/// The span of a phrase inside a quote as written in the file (the quote may
/// be wrapped over several lines); `None` if it cannot be placed exactly.
fn span_in_quote(quote: &Text, sources: &SourceMap, phrase: &str) -> Option<Span> {
    let raw = sources.get(quote.span.file)?.slice(quote.span);
    let at = raw.find(phrase)?;
    Some(Span::new(
        quote.span.file,
        quote.span.start + at,
        quote.span.start + at + phrase.len(),
    ))
}

// ---- dates --------------------------------------------------------------

fn periods_in_order(
    obligation: &Obligation,
    clause: &str,
    agreement: Option<chrono::NaiveDate>,
    out: &mut Vec<Diagnostic>,
) {
    for modifier in &obligation.modifiers {
        let mut deadlines: Vec<DateLit> = Vec::new();
        match modifier {
            Modifier::Period(period) => {
                let (from, through) = (
                    written(period.from.as_ref()),
                    written(period.through.as_ref()),
                );
                if let (Some(from), Some(through)) = (&from, &through) {
                    if through.node < from.node {
                        out.push(
                            Diagnostic::of(
                                &Finding::PeriodEndsBeforeStart {
                                    from: from.node,
                                    through: through.node,
                                    from_at: from.span,
                                },
                                through.span,
                            )
                            .in_clause(clause),
                        );
                    }
                }
                deadlines.extend(through);
            }
            Modifier::On(date) => deadlines.extend(written(Some(date))),
            _ => {}
        }
        if let Subject::Deadline { date, .. } = &obligation.subject {
            deadlines.push(date.clone());
        }
        for date in deadlines {
            if agreement.is_some_and(|a| date.node < a) {
                out.push(
                    Diagnostic::of(
                        &Finding::BeforeAgreement {
                            date: date.node,
                            agreement: agreement.unwrap_or(date.node),
                        },
                        date.span,
                    )
                    .in_clause(clause),
                );
            }
        }
    }
}

/// A date written out, with where; `None` for a date counted from facts or
/// events (checked per scenario instead).
fn written(date: Option<&Expr>) -> Option<DateLit> {
    let date = date?;
    Some(Spanned::new(date.written_date()?, date.span))
}

// ---- execution ----------------------------------------------------------

/// An offer that lapses unless signed by a deadline: can the signed copy
/// show that it was accepted in time?
fn acceptance_confirmed(model: &Model, out: &mut Vec<Diagnostic>) {
    for (clause, obligation) in model.obligations() {
        let Subject::Deadline {
            date, time, zone, ..
        } = &obligation.subject
        else {
            continue;
        };
        let party = &obligation.obligor.name.node;
        let signature = model.signatures.iter().find(|s| &s.party.node == party);
        let why = match signature.map(|s| &s.when) {
            None => Some(Unconfirmed::NoSignature),
            Some(SignatureDate::LeftBlank(_)) => Some(Unconfirmed::LeftBlank {
                name: model.party_name(party).to_string(),
            }),
            Some(SignatureDate::Unstated) => Some(Unconfirmed::Undated),
            Some(SignatureDate::On(on, at, signed_zone)) => {
                let signed = crate::calc::zone::Done {
                    on: on.node,
                    at: at.as_ref().map(|t| t.node),
                    zone: signed_zone.as_ref().map(|z| z.node),
                };
                let late = signed.late_for(date.node, time.node, zone.as_ref().map(|z| z.node));
                (late == Some(true)).then_some(Unconfirmed::SignedLate { on: on.node })
            }
        };
        let Some(why) = why else {
            continue;
        };
        out.push(
            Diagnostic::of(
                &Finding::AcceptanceUnconfirmed {
                    time: time.node,
                    zone: zone.as_ref().map(|z| z.node),
                    date: date.node,
                    party: party.clone(),
                    why,
                },
                obligation.span,
            )
            .in_clause(clause.number.node.clone()),
        );
    }
}

/// Every number some clause's number begins with, followed by `(` or `.`:
/// the clauses that have sub-clauses (`2` of `2(b)`, `8` and `8.2` of
/// `8.2(a)`). Gathered once, so that no clause looks through all the others.
fn clauses_with_subclauses(model: &Model) -> BTreeSet<&str> {
    let mut parents = BTreeSet::new();
    for clause in &model.clauses {
        let number = clause.number.node.as_str();
        for (at, _) in number.match_indices(['(', '.']) {
            parents.insert(number.get(..at).unwrap_or(""));
        }
    }
    parents
}

fn missing_quote(
    clause: &Clause,
    model: &Model,
    parents: &BTreeSet<&str>,
    out: &mut Vec<Diagnostic>,
) {
    let has_subclauses = parents.contains(clause.number.node.as_str());
    if clause.quotes.is_empty() && !has_subclauses && model.source.is_some() {
        out.push(
            Diagnostic::of(
                &Finding::MissingQuote {
                    clause: clause.number.node.clone(),
                },
                clause.head_span,
            )
            .in_clause(clause.number.node.clone()),
        );
    }
}

// ---- quotes and coverage ------------------------------------------------

/// Text with every run of white space folded to one space, remembering where
/// each byte came from.
struct Folded {
    text: String,
    origin: Vec<usize>,
}

fn fold(text: &str) -> Folded {
    let mut folded = Folded {
        text: String::with_capacity(text.len()),
        origin: Vec::with_capacity(text.len()),
    };
    let mut pending_space: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if !folded.text.is_empty() {
                pending_space.get_or_insert(i);
            }
            continue;
        }
        if let Some(at) = pending_space.take() {
            folded.text.push(' ');
            folded.origin.push(at);
        }
        folded.text.push(c);
        folded.origin.extend(std::iter::repeat_n(i, c.len_utf8()));
    }
    folded
}

/// Checks that each quote is in the source, marks what is covered, reports
/// the operative text no clause quotes, and returns where each clause's
/// first quote was found.
fn quotes_match_source(
    model: &Model,
    source_id: crate::source::FileId,
    source: &str,
    out: &mut Vec<Diagnostic>,
) -> BTreeMap<String, usize> {
    let folded = fold(source);
    let mut covered = vec![false; folded.text.len()];
    let mut positions = BTreeMap::new();
    for clause in &model.clauses {
        for quote in &clause.quotes {
            let needle = fold(&quote.node).text;
            if needle.is_empty() {
                continue;
            }
            match first_uncovered(&folded.text, &needle, &covered) {
                Some(at) => {
                    if let Some(cells) = covered.get_mut(at..at + needle.len()) {
                        cells.fill(true);
                    }
                    positions.entry(clause.number.node.clone()).or_insert(at);
                }
                None => out.push(quote_not_found(
                    quote,
                    &needle,
                    &folded.text,
                    &clause.number.node,
                )),
            }
        }
    }
    report_uncovered(&folded, &covered, source_id, out);
    positions
}

/// Where a quote is in the source: its first occurrence not yet quoted by
/// another clause (the same words may stand in the source twice, an address
/// in a clause and again in a signature block), else its first occurrence.
fn first_uncovered(haystack: &str, needle: &str, covered: &[bool]) -> Option<usize> {
    let mut first = None;
    let mut from = 0;
    while let Some(found) = haystack.get(from..).and_then(|rest| rest.find(needle)) {
        let at = from + found;
        first.get_or_insert(at);
        let taken = covered
            .get(at..at + needle.len())
            .is_some_and(|cells| cells.iter().all(|c| *c));
        if !taken {
            return Some(at);
        }
        from = at + needle.chars().next().map_or(1, char::len_utf8);
    }
    first
}

fn quote_not_found(quote: &Text, needle: &str, haystack: &str, clause: &str) -> Diagnostic {
    // The longest opening of the quote, to a word boundary, that is in the
    // source: the quote departs from the source right after it.
    let boundaries: Vec<usize> = std::iter::once(0)
        .chain(needle.match_indices(' ').map(|(i, _)| i + 1))
        .collect();
    let (mut low, mut high) = (0usize, boundaries.len().saturating_sub(1));
    while low < high {
        let mid = (low + high).div_ceil(2);
        let prefix = needle
            .get(..boundaries.get(mid).copied().unwrap_or(0))
            .unwrap_or("");
        if haystack.contains(prefix) {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    let matched = boundaries.get(low).copied().unwrap_or(0);
    let word = |text: &str| -> String { text.split(' ').take(4).collect::<Vec<_>>().join(" ") };
    let quoted = word(needle.get(matched..).unwrap_or(""));
    let differs = if matched == 0 {
        None
    } else {
        let prefix = needle.get(..matched).unwrap_or("");
        let source_says = haystack
            .find(prefix)
            .and_then(|at| haystack.get(at + prefix.len()..))
            .map(word)
            .unwrap_or_default();
        Some((quoted, source_says))
    };
    Diagnostic::of(&Finding::QuoteNotInSource { differs }, quote.span).in_clause(clause)
}

/// Reports each stretch of the source that no quote covers and that holds
/// words (a run of three or more letters): clause numbers such as `2.` or
/// `(a)` between quotes are not worth a finding.
fn report_uncovered(
    folded: &Folded,
    covered: &[bool],
    source_id: crate::source::FileId,
    out: &mut Vec<Diagnostic>,
) {
    let bytes = folded.text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if covered.get(i).copied().unwrap_or(true) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !covered.get(i).copied().unwrap_or(true) {
            i += 1;
        }
        let gap = folded.text.get(start..i).unwrap_or("");
        if !has_word(gap) {
            continue;
        }
        let trimmed_start = start + (gap.len() - gap.trim_start().len());
        let trimmed_end = i - (gap.len() - gap.trim_end().len());
        let (Some(&from), Some(&to)) = (
            folded.origin.get(trimmed_start),
            folded.origin.get(trimmed_end.saturating_sub(1)),
        ) else {
            continue;
        };
        let shown: String = gap.trim().chars().take(60).collect();
        let cut = gap.trim().chars().count() > 60;
        out.push(Diagnostic::of(
            &Finding::UnquotedSource { shown, cut },
            Span::new(source_id, from, to + 1),
        ));
    }
}

fn has_word(text: &str) -> bool {
    let mut run = 0;
    for c in text.chars() {
        run = if c.is_alphabetic() { run + 1 } else { 0 };
        if run >= 3 {
            return true;
        }
    }
    false
}

/// Clauses in the order their first quotes appear in the source; clauses
/// without a quote keep their place after the one before them.
fn order_clauses(model: &mut Model, positions: &BTreeMap<String, usize>) {
    let mut last = 0;
    let mut keyed: Vec<(usize, usize, Clause)> = Vec::new();
    for (index, clause) in model.clauses.drain(..).enumerate() {
        let position = positions.get(&clause.number.node).copied();
        let key = position.unwrap_or(last);
        last = key;
        keyed.push((key, index, clause));
    }
    keyed.sort_by_key(|(key, index, _)| (*key, *index));
    model.clauses = keyed.into_iter().map(|(_, _, c)| c).collect();
    // The notice duties' places changed with the clauses'.
    model.index_notice_duties();
}

// ---- figures against the quote ------------------------------------------

/// What a figure is: a quote's figure of the same kind is the one shown
/// beside a figure that is not in the quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum FigureKind {
    Money,
    Percent,
    /// A count, or a number written without a unit.
    Number,
    Date,
    Duration,
}

/// A figure a rule writes: what it is worth, how it is printed back, where.
#[derive(Clone, Debug, PartialEq)]
struct RuleFigure {
    kind: FigureKind,
    value: RuleValue,
    shown: String,
    span: Span,
    /// The stated count of a schedule's installments.
    is_count: bool,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum RuleValue {
    /// Money, a count, or a percentage in percent (`18` for `18%`).
    Number(Decimal),
    Date(chrono::NaiveDate),
    Duration(Duration),
}

/// A figure found in a quote or an assumption: its value and where it is
/// in the text (a byte range, its unit words included).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Found {
    pub(super) kind: FigureKind,
    pub(super) value: FoundValue,
    pub(super) start: usize,
    pub(super) end: usize,
    /// The end of the figure's first word (`18%` of `18% per annum`): what
    /// a label underlines, on one line.
    first_end: usize,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum FoundValue {
    Number(Decimal),
    /// `September 30, 2002`; `September 30` (no year); `February 2025` (no day).
    Date {
        year: Option<i32>,
        month: u32,
        day: Option<u32>,
    },
}

/// Every figure of some texts, indexed for look-up by value.
#[derive(Default)]
struct Figures {
    numbers: BTreeSet<Decimal>,
    dates: BTreeSet<chrono::NaiveDate>,
    days: BTreeSet<(u32, u32)>,
    months: BTreeSet<(i32, u32)>,
    /// The first figure of each kind and value, for the nearest one: the
    /// text it is in, and the figure.
    by_kind: BTreeMap<(FigureKind, Decimal), (usize, Found)>,
    dated: BTreeMap<chrono::NaiveDate, (usize, Found)>,
}

impl Figures {
    /// Adds the figures of the `index`th text.
    fn add(&mut self, index: usize, text: &str) {
        for found in figures_in(text) {
            match found.value {
                FoundValue::Number(value) => {
                    self.numbers.insert(value);
                    self.by_kind
                        .entry((found.kind, value))
                        .or_insert((index, found));
                }
                FoundValue::Date {
                    year,
                    month,
                    day: Some(day),
                } => match year.and_then(|y| chrono::NaiveDate::from_ymd_opt(y, month, day)) {
                    Some(date) => {
                        self.dates.insert(date);
                        self.dated.entry(date).or_insert((index, found));
                    }
                    None => {
                        self.days.insert((month, day));
                    }
                },
                FoundValue::Date {
                    year: Some(year),
                    month,
                    day: None,
                } => {
                    self.months.insert((year, month));
                }
                FoundValue::Date { .. } => {}
            }
        }
    }

    /// Whether the figure is here, in any written form.
    fn has(&self, value: RuleValue) -> bool {
        use chrono::Datelike;
        match value {
            RuleValue::Number(n) => self.numbers.contains(&n),
            RuleValue::Date(d) => {
                self.dates.contains(&d)
                    || self.days.contains(&(d.month(), d.day()))
                    || self.months.contains(&(d.year(), d.month()))
            }
            RuleValue::Duration(d) => equivalent_amounts(d)
                .iter()
                .any(|n| self.numbers.contains(n)),
        }
    }

    /// Whether the figure is here as a figure of its kind: a percentage as
    /// a percentage, a duration as a duration (money may be written as a
    /// bare number: `48,200`).
    fn has_kind(&self, kind: FigureKind, value: RuleValue) -> bool {
        let of_kind = |k: FigureKind, n: Decimal| self.by_kind.contains_key(&(k, n));
        match value {
            RuleValue::Date(_) => self.has(value),
            RuleValue::Number(n) => match kind {
                FigureKind::Money => {
                    of_kind(FigureKind::Money, n) || of_kind(FigureKind::Number, n)
                }
                other => of_kind(other, n),
            },
            RuleValue::Duration(d) => equivalent_amounts(d)
                .into_iter()
                .any(|n| of_kind(FigureKind::Duration, n)),
        }
    }

    /// The figure of the same kind closest in value, if there is one.
    fn nearest(&self, figure: &RuleFigure) -> Option<(usize, Found)> {
        let n = match figure.value {
            RuleValue::Date(date) => {
                let after = self.dated.range(date..).next();
                let before = self.dated.range(..date).next_back();
                return closest_of(before, after, |d| (*d - date).num_days().unsigned_abs());
            }
            RuleValue::Number(n) => n,
            RuleValue::Duration(d) => Decimal::from(d.amount),
        };
        let kind = figure.kind;
        let after = self
            .by_kind
            .range((kind, n)..)
            .next()
            .filter(|((k, _), _)| *k == kind);
        let before = self
            .by_kind
            .range(..(kind, n))
            .next_back()
            .filter(|((k, _), _)| *k == kind);
        closest_of(before, after, |(_, v)| (*v - n).abs())
    }
}

/// Of the figures just below and just above a value, the closer (the one
/// below on a tie).
fn closest_of<K, D: PartialOrd>(
    before: Option<(&K, &(usize, Found))>,
    after: Option<(&K, &(usize, Found))>,
    distance: impl Fn(&K) -> D,
) -> Option<(usize, Found)> {
    match (before, after) {
        (Some((kb, b)), Some((ka, a))) => Some(if distance(ka) < distance(kb) { *a } else { *b }),
        (Some((_, b)), None) => Some(*b),
        (None, Some((_, a))) => Some(*a),
        (None, None) => None,
    }
}

/// A duration's amount, and the same duration in another unit a text may
/// use: `1 year` is also `12 months`, `2 weeks` also `14 days`.
fn equivalent_amounts(duration: Duration) -> Vec<Decimal> {
    let amount = duration.amount;
    let mut out = vec![Decimal::from(amount)];
    match duration.unit {
        DurationUnit::Years => out.extend(amount.checked_mul(12).map(Decimal::from)),
        DurationUnit::Months if amount.is_multiple_of(12) => out.push(Decimal::from(amount / 12)),
        DurationUnit::Weeks => out.extend(amount.checked_mul(7).map(Decimal::from)),
        DurationUnit::Days if amount.is_multiple_of(7) && amount > 0 => {
            out.push(Decimal::from(amount / 7))
        }
        _ => {}
    }
    out
}

/// Every figure each obligation writes must be in its clause's quotes or
/// assumptions (`assume "..."`, or a reading's words), or in those of the
/// clause it is a part of (`2` for `2(b)`), in numerals or in words; or be
/// written, as a figure of the same kind, in another clause's quote (a
/// defined figure: the Price of clause 1, the Delivery Date of clause 3, the
/// rate of a late-payment clause carried by each payment). Not checked: a
/// number in a calculation (`annual_salary * 6 / 12`), zero (`> $0.00`
/// encodes "any"), the agreement's own date ("the date hereof"), and a
/// count of installments that the schedule's dates make.
fn figures_quoted(model: &Model, sources: &SourceMap, out: &mut Vec<Diagnostic>) {
    let mut everywhere = Figures::default();
    for clause in &model.clauses {
        for quote in &clause.quotes {
            everywhere.add(0, &quote.node);
        }
    }
    let by_number: BTreeMap<&str, &Clause> = model
        .clauses
        .iter()
        .map(|c| (c.number.node.as_str(), c))
        .collect();
    for clause in &model.clauses {
        if clause.quotes.is_empty() || clause.obligations.is_empty() {
            continue;
        }
        let number = clause.number.node.as_str();
        let mut quoted = Figures::default();
        for (i, quote) in clause.quotes.iter().enumerate() {
            quoted.add(i, &quote.node);
        }
        let mut assumed = Figures::default();
        for text in assumption_texts(clause) {
            assumed.add(0, text);
        }
        for (at, _) in number.match_indices(['(', '.']) {
            let Some(parent) = number.get(..at).and_then(|p| by_number.get(p)) else {
                continue;
            };
            for quote in &parent.quotes {
                assumed.add(0, &quote.node);
            }
            for text in assumption_texts(parent) {
                assumed.add(0, text);
            }
        }
        for obligation in &clause.obligations {
            for figure in rule_figures(obligation) {
                let exempt = match figure.value {
                    RuleValue::Date(d) => Some(d) == model.dated,
                    RuleValue::Number(n) => n.is_zero(),
                    RuleValue::Duration(_) => false,
                };
                if exempt
                    || quoted.has(figure.value)
                    || assumed.has(figure.value)
                    || everywhere.has_kind(figure.kind, figure.value)
                    || count_made_by_dates(&figure, obligation)
                {
                    continue;
                }
                out.push(figure_not_quoted(
                    &figure,
                    clause,
                    quoted.nearest(&figure),
                    sources,
                ));
            }
        }
    }
}

/// Whether the figure is the stated count of a schedule whose written
/// dates are that many: twelve monthly installments from February 1, 2008
/// through January 1, 2009 are counted by the dates, stated or not.
fn count_made_by_dates(figure: &RuleFigure, obligation: &Obligation) -> bool {
    let Some((count, frequency, day)) =
        (obligation.terms.installments.as_ref()).map(|i| (&i.count, i.frequency, i.day))
    else {
        return false;
    };
    if !figure.is_count {
        return false;
    }
    let Some(period) = obligation.terms.period.as_ref() else {
        return false;
    };
    let (Some(from), Some(through)) = (
        written(period.from.as_ref()),
        written(period.through.as_ref()),
    ) else {
        return false;
    };
    dates_between(
        from.node,
        through.node,
        frequency,
        effective_rule(day, from.node),
    )
    .is_ok_and(|dates| dates.len() == count.value.node as usize)
}

/// The texts of a clause's assumptions: in words, and each reading's
/// description and options.
fn assumption_texts(clause: &Clause) -> Vec<&str> {
    let mut texts = Vec::new();
    for assumption in &clause.assumptions {
        match assumption {
            Assumption::Stated(text) => texts.push(text.node.as_str()),
            Assumption::Reading {
                description,
                options,
                ..
            } => {
                texts.push(description.node.as_str());
                texts.extend(
                    options
                        .iter()
                        .filter_map(|o| o.description.as_ref().map(|d| d.node.as_str())),
                );
            }
        }
    }
    texts
}

fn figure_not_quoted(
    figure: &RuleFigure,
    clause: &Clause,
    nearest: Option<(usize, Found)>,
    sources: &SourceMap,
) -> Diagnostic {
    let number = clause.number.node.as_str();
    let placed = nearest.and_then(|(i, found)| {
        let quote = clause.quotes.get(i)?;
        let words = quote.node.get(found.start..found.end)?;
        let words = crate::check::model::fold_spaces(words);
        let end = if quote.node.get(found.start..found.end)?.contains('\n') {
            found.first_end
        } else {
            found.end
        };
        Some((words, span_of_range(quote, found.start, end, sources)?))
    });
    let nearest = match placed {
        Some((words, at)) => NearestQuote::Says { words, at },
        None => NearestQuote::Clause {
            first_line: clause.quotes.first().map(|q| first_line_of(q, sources)),
        },
    };
    Diagnostic::of(
        &Finding::FigureNotQuoted {
            figure: figure.shown.clone(),
            clause: number.to_owned(),
            nearest,
        },
        figure.span,
    )
    .in_clause(number)
}

/// The span in the file of a byte range of a quote's text: the text is the
/// file's, after the opening quote mark, with each `\"` and `\\` read as
/// one character.
pub(super) fn span_of_range(
    quote: &Text,
    start: usize,
    end: usize,
    sources: &SourceMap,
) -> Option<Span> {
    let escapes_before = |at: usize| {
        quote
            .node
            .get(..at)
            .map_or(0, |t| t.chars().filter(|c| matches!(c, '"' | '\\')).count())
    };
    let from = quote.span.start + 1 + start + escapes_before(start);
    let to = quote.span.start + 1 + end + escapes_before(end);
    let span = Span::new(quote.span.file, from, to);
    // The text must be where it was read from; anything else shows the quote.
    let file = sources.get(quote.span.file)?;
    let expected = quote.node.get(start..end)?;
    (to <= quote.span.end && file.slice(span) == expected).then_some(span)
}

/// The quote's first line, from its opening quote mark.
fn first_line_of(quote: &Text, sources: &SourceMap) -> Span {
    let raw = sources
        .get(quote.span.file)
        .map_or("", |file| file.slice(quote.span));
    let end = raw.find('\n').map_or(quote.span.end, |at| {
        quote.span.start + raw.get(..at).unwrap_or("").trim_end().len()
    });
    Span::new(quote.span.file, quote.span.start, end)
}

/// Every figure an obligation writes, in the order written: amounts, rates
/// and dates in its amounts, dates, limits and conditions; its count of
/// installments; its durations. A number without a unit in a calculation
/// (`annual_salary * 6 / 12`) is arithmetic, not a figure of the text.
fn rule_figures(obligation: &Obligation) -> Vec<RuleFigure> {
    let mut out = Vec::new();
    match &obligation.subject {
        Subject::Amount(amount) | Subject::Reimbursed(_, Some(amount)) => {
            expr_figures(amount, &mut out);
        }
        Subject::Deadline { date, .. } => out.push(date_figure(date.node, date.span)),
        _ => {}
    }
    for modifier in &obligation.modifiers {
        match modifier {
            Modifier::Installments(Installments { count, each, .. }) => {
                out.push(count_figure(count));
                if let Some(each) = each {
                    expr_figures(each, &mut out);
                }
            }
            Modifier::Period(period)
            | Modifier::Offset(Offset {
                period: Some(period),
                ..
            }) => {
                for date in [&period.from, &period.through].into_iter().flatten() {
                    expr_figures(date, &mut out);
                }
            }
            Modifier::On(e)
            | Modifier::Effective(e)
            | Modifier::RemainingEnd(e)
            | Modifier::Cost(e)
            | Modifier::Cap(e)
            | Modifier::Floor(e)
            | Modifier::LateFee(LateFee::Amount(e), _) => expr_figures(e, &mut out),
            Modifier::For(d) | Modifier::Within(d) | Modifier::Grace(d) => {
                out.push(duration_figure(d.node, d.span));
            }
            Modifier::LateInterest(LateInterest { rate, .. })
            | Modifier::LateFee(LateFee::Share(rate), _) => {
                out.extend(percent_figure(rate.node, rate.span));
            }
            Modifier::Interest(interest) => {
                out.extend(percent_figure(interest.rate.node, interest.rate.span));
                expr_figures(&interest.from, &mut out);
            }
            Modifier::Condition(condition) => condition_figures(condition, &mut out),
            _ => {}
        }
    }
    out
}

/// The figures written in an expression, left to right.
fn expr_figures(expr: &Expr, out: &mut Vec<RuleFigure>) {
    match &expr.node {
        ExprKind::Binary(_, a, b)
        | ExprKind::GreaterOf(a, b)
        | ExprKind::LesserOf(a, b)
        | ExprKind::LaterOf(a, b)
        | ExprKind::EarlierOf(a, b) => {
            expr_figures(a, out);
            expr_figures(b, out);
        }
        _ => leaf_figures(expr, out),
    }
}

/// A figure, or the forms that hold one expression (apart from
/// [`expr_figures`], which recurses once per level, so that its frame
/// stays small).
#[inline(never)]
fn leaf_figures(expr: &Expr, out: &mut Vec<RuleFigure>) {
    match &expr.node {
        ExprKind::Money(v, currency) => out.push(RuleFigure {
            kind: FigureKind::Money,
            value: RuleValue::Number(*v),
            shown: crate::syntax::print::money_literal_in(*v, *currency),
            span: expr.span,
            is_count: false,
        }),
        ExprKind::Percent(rate) => out.extend(percent_figure(*rate, expr.span)),
        ExprKind::Date(d) => out.push(date_figure(*d, expr.span)),
        ExprKind::Duration(d) => out.push(duration_figure(*d, expr.span)),
        ExprKind::FirstDefault { grace, .. } => out.push(duration_figure(*grace, expr.span)),
        ExprKind::Shift { by, date, .. } => {
            out.push(duration_figure(*by, expr.span));
            expr_figures(date, out);
        }
        ExprKind::UnpaidBalance { on: inner, .. }
        | ExprKind::MonthEnd(inner)
        | ExprKind::BusinessDay { date: inner, .. }
        | ExprKind::Rounded(inner, _)
        | ExprKind::Converted { amount: inner, .. } => expr_figures(inner, out),
        ExprKind::Between { from, to, .. }
        | ExprKind::YearFraction { from, to, .. }
        | ExprKind::Power {
            base: from,
            exponent: to,
        } => {
            expr_figures(from, out);
            expr_figures(to, out);
        }
        _ => {}
    }
}

fn condition_figures(condition: &Condition, out: &mut Vec<RuleFigure>) {
    match condition {
        Condition::Not(inner, _) => condition_figures(inner, out),
        Condition::All(parts, _) | Condition::Any(parts, _) => {
            for part in parts {
                condition_figures(part, out);
            }
        }
        Condition::Compare(a, _, b) => {
            expr_figures(a, out);
            expr_figures(b, out);
        }
        Condition::Happens { by: Some(date), .. } => expr_figures(date, out),
        Condition::Defaulted { grace, .. } => {
            out.push(duration_figure(*grace, condition.span()));
        }
        _ => {}
    }
}

fn count_figure(count: &Count) -> RuleFigure {
    let value = count.value.node;
    let (shown, span) = match &count.words {
        Some(words) => (
            format!("{} ({value})", words.node),
            words.span.to(count.value.span),
        ),
        None => (value.to_string(), count.value.span),
    };
    RuleFigure {
        kind: FigureKind::Number,
        value: RuleValue::Number(Decimal::from(value)),
        shown,
        span,
        is_count: true,
    }
}

fn percent_figure(rate: Decimal, span: Span) -> Option<RuleFigure> {
    Some(RuleFigure {
        kind: FigureKind::Percent,
        value: RuleValue::Number(rate.checked_mul(Decimal::ONE_HUNDRED)?.normalize()),
        shown: crate::syntax::print::percent_literal(rate),
        span,
        is_count: false,
    })
}

fn date_figure(date: chrono::NaiveDate, span: Span) -> RuleFigure {
    RuleFigure {
        kind: FigureKind::Date,
        value: RuleValue::Date(date),
        shown: long_date(date),
        span,
        is_count: false,
    }
}

fn duration_figure(duration: Duration, span: Span) -> RuleFigure {
    RuleFigure {
        kind: FigureKind::Duration,
        value: RuleValue::Duration(duration),
        shown: duration.describe(),
        span,
        is_count: false,
    }
}

/// One word of a text: its core (without the brackets, quote marks and
/// punctuation around it) and where the core is.
#[derive(Clone, Copy, Debug)]
pub(super) struct Word<'a> {
    pub(super) core: &'a str,
    pub(super) start: usize,
    pub(super) end: usize,
    /// The word opens with `(`: `(6)` after `six`.
    opened: bool,
    /// Punctuation follows the core (`,` `;` `.` `)`): a number in words
    /// ends here.
    closed: bool,
}

pub(super) fn words_of(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    for piece in text.split_inclusive(char::is_whitespace) {
        let start = at;
        at += piece.len();
        let raw = piece.trim_end();
        let lead = raw.len()
            - raw
                .trim_start_matches(['(', '[', '"', '\'', '“', '‘'])
                .len();
        let inner = raw.get(lead..).unwrap_or("");
        let core =
            inner.trim_end_matches([')', ']', '"', '\'', '”', '’', '.', ',', ';', ':', '!', '?']);
        if core.is_empty() {
            continue;
        }
        out.push(Word {
            core,
            start: start + lead,
            end: start + lead + core.len(),
            opened: raw.starts_with('('),
            closed: core.len() < inner.len(),
        });
    }
    out
}

/// The month a capitalised word names: `September`, `Sept`, `Sep`.
fn month_of(word: &str) -> Option<u32> {
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) || word.len() < 3 {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    let lower = lower.trim_end_matches('.');
    let at = crate::calc::calendar::MONTH_NAMES
        .iter()
        .map(|m| m.to_ascii_lowercase())
        .position(|m| m == lower || m.starts_with(lower))?;
    u32::try_from(at + 1).ok()
}

/// `30`, `30th`, `1st`: a day of the month.
fn day_of(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = word.get(digits.len()..).unwrap_or("");
    if digits.is_empty() || digits.len() > 2 || !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_of(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

/// `2002-09-30`, `9/30/2002`, `2-1-08`: a date in numerals (a two-digit
/// year is read in 2000 to 2069, or 1970 to 1999).
fn numeric_date(word: &str) -> Option<(i32, u32, u32)> {
    let parts: Vec<&str> = word.split(['-', '/']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(a) && all_digits(b) && all_digits(c)) {
        return None;
    }
    let (year, month, day) = match (a.len(), c.len()) {
        (4, 1..=2) if word.contains('-') => (*a, *b, *c),
        (1..=2, 4) => (*c, *a, *b),
        (1..=2, 2) => (*c, *a, *b),
        _ => return None,
    };
    let year: i32 = year.parse().ok()?;
    let year = match (year, c.len()) {
        (0..=69, 2) => year + 2000,
        (70..=99, 2) => year + 1900,
        _ => year,
    };
    let (month, day) = (month.parse().ok()?, day.parse().ok()?);
    chrono::NaiveDate::from_ymd_opt(year, month, day).map(|_| (year, month, day))
}

/// The words that make a number a duration.
fn is_time_unit(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "day"
            | "days"
            | "business"
            | "calendar"
            | "week"
            | "weeks"
            | "month"
            | "months"
            | "year"
            | "years"
    )
}

/// `30-day`, `six-month`: a number joined to its unit.
fn strip_unit_suffix(word: &str) -> Option<&str> {
    let (number, unit) = word.rsplit_once('-')?;
    is_time_unit(unit).then_some(number)
}

/// `$10,000.00`, `18%`, `48,200`, `6`: the value, and whether it carries
/// `$` or `%`.
fn numeral(word: &str) -> Option<(Decimal, bool, bool)> {
    // `$`, `US$`, `€`, `£`: an amount in a currency (which one is not
    // compared: the checker holds the rule's currency).
    let unsigned = ["US$", "$", "€", "£"]
        .iter()
        .find_map(|sign| word.strip_prefix(sign));
    let dollar = unsigned.is_some();
    let percent = word.ends_with('%');
    let digits = unsigned.unwrap_or(word).trim_end_matches('%');
    if !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((numeral_value(digits)?.0, dollar, percent))
}

/// Every figure of a text: dates (`September 30, 2002`, `30 September
/// 2002`, `the 30th day of September, 2002`, `2002-09-30`, `February 2025`),
/// numerals (`$10,000.00`, `18%`, `(6)`) and numbers in words (`six`,
/// `Ten Thousand Dollars`, `three-quarters of one percent`), each with the
/// unit that follows it (`days`, `percent`, `per annum`).
pub(super) fn figures_in(text: &str) -> Vec<Found> {
    let words = words_of(text);
    let mut taken = vec![false; words.len()];
    let mut out = Vec::new();
    dates_in(&words, &mut taken, &mut out);
    let mut i = 0;
    while i < words.len() {
        if taken.get(i).copied().unwrap_or(true) {
            i += 1;
            continue;
        }
        if let Some(found) = numeral_at(&words, i) {
            out.push(found);
            i += 1;
            continue;
        }
        // A run of number words, to the first word after which
        // punctuation stands.
        let mut end = i;
        while let Some(w) = words.get(end) {
            let core = strip_unit_suffix(w.core).unwrap_or(w.core);
            if taken.get(end).copied().unwrap_or(true) || !words::is_number_word(core) {
                break;
            }
            end += 1;
            if w.closed || core.len() < w.core.len() {
                break;
            }
        }
        if end == i {
            i += 1;
            continue;
        }
        out.extend(words_at(&words, i, end));
        i = end;
    }
    out
}

fn dates_in(words: &[Word<'_>], taken: &mut [bool], out: &mut Vec<Found>) {
    let take = |taken: &mut [bool], from: usize, to: usize| {
        for t in taken.iter_mut().take(to).skip(from) {
            *t = true;
        }
    };
    for i in 0..words.len() {
        if taken.get(i).copied().unwrap_or(true) {
            continue;
        }
        let core = |k: usize| words.get(k).map_or("", |w| w.core);
        let span = |from: usize, to: usize| {
            let start = words.get(from).map_or(0, |w| w.start);
            let end = words.get(to).map_or(start, |w| w.end);
            (start, end)
        };
        let mut found =
            |taken: &mut [bool], from: usize, to: usize, y: Option<i32>, m: u32, d: Option<u32>| {
                let (start, end) = span(from, to);
                out.push(Found {
                    kind: FigureKind::Date,
                    value: FoundValue::Date {
                        year: y,
                        month: m,
                        day: d,
                    },
                    start,
                    end,
                    first_end: end,
                });
                take(taken, from, to + 1);
            };
        if let Some((y, m, d)) = numeric_date(core(i)) {
            found(taken, i, i, Some(y), m, Some(d));
        } else if let Some(month) = month_of(core(i)) {
            // `September 30, 2002`, `September 30`, `February 2025`
            if let Some(day) = day_of(core(i + 1)) {
                match year_of(core(i + 2)) {
                    Some(year) => found(taken, i, i + 2, Some(year), month, Some(day)),
                    None => found(taken, i, i + 1, None, month, Some(day)),
                }
            } else if let Some(year) = year_of(core(i + 1)) {
                found(taken, i, i + 1, Some(year), month, None);
            }
        } else if let Some(day) = day_of(core(i)) {
            // `30 September 2002`, `30th day of September, 2002`
            let of_form =
                core(i + 1).eq_ignore_ascii_case("day") && core(i + 2).eq_ignore_ascii_case("of");
            let at = if of_form { i + 3 } else { i + 1 };
            if let Some(month) = month_of(core(at)) {
                match year_of(core(at + 1)) {
                    Some(year) => found(taken, i, at + 1, Some(year), month, Some(day)),
                    None => found(taken, i, at, None, month, Some(day)),
                }
            }
        }
    }
}

/// The unit after a number ending before word `next`: the kind it makes
/// the number, and the index of the last word of the figure.
fn unit_after(words: &[Word<'_>], next: usize, last: usize) -> (FigureKind, usize) {
    let core = |k: usize| {
        words
            .get(k)
            .map_or(String::new(), |w| w.core.to_ascii_lowercase())
    };
    let (first, second) = (core(next), core(next + 1));
    match first.as_str() {
        "percent" | "%" => (
            FigureKind::Percent,
            per_period(words, next + 1).unwrap_or(next),
        ),
        "per" if second == "cent" => (FigureKind::Percent, next + 1),
        "dollars" | "dollar" | "usd" | "euros" | "euro" | "eur" | "€" | "pounds" | "gbp" | "£"
        | "francs" | "chf" | "yen" | "jpy" | "cad" => (FigureKind::Money, next),
        "business" | "calendar" if matches!(second.as_str(), "day" | "days") => {
            (FigureKind::Duration, next + 1)
        }
        w if is_time_unit(w) => (FigureKind::Duration, next),
        _ => (FigureKind::Number, last),
    }
}

/// `per annum` after a rate: the last word of it.
fn per_period(words: &[Word<'_>], at: usize) -> Option<usize> {
    let core = |k: usize| {
        words
            .get(k)
            .map_or(String::new(), |w| w.core.to_ascii_lowercase())
    };
    (matches!(core(at).as_str(), "per" | "a")
        && matches!(core(at + 1).as_str(), "annum" | "year" | "month" | "day"))
    .then_some(at + 1)
}

fn numeral_at(words: &[Word<'_>], i: usize) -> Option<Found> {
    let word = words.get(i)?;
    let (core, unit_joined) = match strip_unit_suffix(word.core) {
        Some(number) => (number, true),
        None => (word.core, false),
    };
    let (value, dollar, percent) = numeral(core)?;
    // `$10 million`
    let scale = match words
        .get(i + 1)
        .map(|w| w.core.to_ascii_lowercase())
        .as_deref()
    {
        Some("thousand") => Some(1_000u64),
        Some("million") => Some(1_000_000),
        Some("billion") => Some(1_000_000_000),
        _ => None,
    };
    if let Some(scale) = scale.filter(|_| !percent) {
        let value = value.checked_mul(Decimal::from(scale))?;
        let (kind, last) = match dollar {
            true => (FigureKind::Money, i + 1),
            false => unit_after(words, i + 2, i + 1),
        };
        return Some(Found {
            kind,
            value: FoundValue::Number(value),
            start: word.start,
            end: words.get(last).map_or(word.end, |w| w.end),
            first_end: word.end,
        });
    }
    let (kind, last) = if dollar {
        (FigureKind::Money, i)
    } else if percent {
        (FigureKind::Percent, per_period(words, i + 1).unwrap_or(i))
    } else if unit_joined {
        (FigureKind::Duration, i)
    } else {
        unit_after(words, i + 1, i)
    };
    Some(Found {
        kind,
        value: FoundValue::Number(value),
        start: word.start,
        end: words.get(last).map_or(word.end, |w| w.end),
        first_end: word.end,
    })
}

/// The numbers of the words `from..to`: the whole run's value (`Ten
/// Thousand Dollars`, `three-quarters of one percent`) with the numeral in
/// parentheses and the unit after it; or, when the run is not one number,
/// the value of each of its words.
fn words_at(words: &[Word<'_>], from: usize, to: usize) -> Vec<Found> {
    let run: Vec<&str> = words
        .get(from..to)
        .unwrap_or(&[])
        .iter()
        .map(|w| strip_unit_suffix(w.core).unwrap_or(w.core))
        .collect();
    // Joining words at the end belong to what follows (`six of the`).
    let keep = run
        .iter()
        .rposition(|w| !matches!(w.to_ascii_lowercase().as_str(), "and" | "of" | "a"))
        .map_or(0, |at| at + 1);
    // And at the start, to what is before (`a thirty-day period`).
    let skip = run
        .iter()
        .position(|w| !matches!(w.to_ascii_lowercase().as_str(), "and" | "of" | "a"))
        .unwrap_or(run.len())
        .min(keep);
    let run = run.get(skip..keep).unwrap_or(&[]);
    let from = from + skip;
    let last_word = from + run.len().saturating_sub(1);
    let start = words.get(from).map_or(0, |w| w.start);
    if let Some(value) = words::amount_of(run) {
        let lower: Vec<String> = run.iter().map(|w| w.to_ascii_lowercase()).collect();
        let joined_unit = words
            .get(last_word)
            .is_some_and(|w| strip_unit_suffix(w.core).is_some());
        // `six (6) months`: the numeral in parentheses is part of the figure.
        let after = match words.get(last_word + 1) {
            Some(w) if w.opened && numeral(w.core).is_some() => last_word + 1,
            _ => last_word,
        };
        let (kind, last) = if lower.iter().any(|w| w == "percent") {
            (
                FigureKind::Percent,
                per_period(words, last_word + 1).unwrap_or(last_word),
            )
        } else if lower.iter().any(|w| {
            matches!(
                w.as_str(),
                "dollars" | "dollar" | "euros" | "pounds" | "yen"
            )
        }) {
            (FigureKind::Money, after)
        } else if joined_unit {
            (FigureKind::Duration, last_word)
        } else {
            unit_after(words, after + 1, after)
        };
        return vec![Found {
            kind,
            value: FoundValue::Number(value),
            start,
            end: words.get(last).map_or(start, |w| w.end),
            first_end: words.get(from).map_or(start, |w| w.end),
        }];
    }
    let mut out = Vec::new();
    for (k, word) in run.iter().enumerate() {
        let Some(value) = words::value_of(&[word]) else {
            continue;
        };
        let Some(w) = words.get(from + k) else {
            continue;
        };
        out.push(Found {
            kind: FigureKind::Number,
            value: FoundValue::Number(Decimal::from(value)),
            start: w.start,
            end: w.end,
            first_end: w.end,
        });
    }
    out
}

#[cfg(test)]
mod figure_tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use std::str::FromStr;

    fn figures(text: &str) -> Figures {
        let mut figures = Figures::default();
        figures.add(0, text);
        figures
    }

    fn number(text: &str) -> RuleValue {
        RuleValue::Number(Decimal::from_str(text).unwrap())
    }

    fn date(y: i32, m: u32, d: u32) -> RuleValue {
        RuleValue::Date(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    fn days(amount: u32) -> RuleValue {
        RuleValue::Duration(Duration {
            amount,
            unit: DurationUnit::Days,
        })
    }

    #[test]
    fn numerals_are_found_in_every_written_form() {
        let text = figures("at the rate of 18% per annum, $10,000 or 48,200 and $48,200.00");
        assert!(text.has(number("18")));
        assert!(text.has(number("10000")));
        assert!(text.has(number("48200")));
        assert!(!text.has(number("12")));
        assert!(figures("the sum of 3000 USD").has_kind(FigureKind::Money, number("3000")));
        assert!(figures("Less than $10 million").has_kind(FigureKind::Money, number("10000000")));
    }

    #[test]
    fn numbers_in_words_are_found() {
        let text = figures("in six (6) equal monthly installments within ten days");
        assert!(text.has(number("6")));
        assert!(text.has(days(10)));
        assert!(!text.has(days(5)));
        assert!(figures("of three-quarters of one percent (0.75%)").has(number("0.75")));
        assert!(
            figures("at eighteen percent per annum").has_kind(FigureKind::Percent, number("18"))
        );
        assert!(figures("Eighty-Six Thousand Four Hundred Dollars").has(number("86400")));
        assert!(figures("a thirty-day period").has_kind(FigureKind::Duration, days(30)));
        assert!(figures("one (1) year").has(RuleValue::Duration(Duration {
            amount: 12,
            unit: DurationUnit::Months
        })));
    }

    #[test]
    fn dates_are_found_as_written() {
        assert!(figures("on September 30, 2002 and").has(date(2002, 9, 30)));
        assert!(figures("on 2002-09-30").has(date(2002, 9, 30)));
        assert!(figures("on 9/30/2002").has(date(2002, 9, 30)));
        assert!(figures("commencing on 2-1-08 at").has(date(2008, 2, 1)));
        assert!(figures("the 30th day of September, 2002").has(date(2002, 9, 30)));
        assert!(figures("on or before May 2, 2025 (the").has(date(2025, 5, 2)));
        assert!(figures("from February 2025 through").has(date(2025, 2, 1)));
        assert!(!figures("on September 30, 2002").has(date(2002, 9, 29)));
        // The numbers of a date are not figures of their own.
        assert!(!figures("on September 30, 2002").has(days(30)));
        // `may` the verb is not a month.
        assert!(!figures("you may 2 times").has(date(2025, 5, 2)));
    }

    #[test]
    fn the_nearest_figure_is_of_the_same_kind() {
        let text = "within 10 days at the rate of 18% per annum and $5,000";
        let figures = figures(text);
        let rate = RuleFigure {
            kind: FigureKind::Percent,
            value: number("12"),
            shown: "12%".to_owned(),
            span: Span::new(crate::source::FileId(0), 0, 0),
            is_count: false,
        };
        let (_, found) = figures.nearest(&rate).unwrap();
        assert_eq!(&text[found.start..found.end], "18% per annum");
    }
}
