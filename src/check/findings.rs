//! Checks over the contract as a whole, before any scenario: what `check`
//! proves about the text itself.
//!
//! - stated counts agree with the dates of their schedules;
//! - numbers in words agree with their numerals ("six (6)");
//! - periods end after they start, deadlines fall on or after the agreement;
//! - the acceptance of an offer with a deadline can be confirmed;
//! - every quote is verbatim from the source, and every operative part of
//!   the source is quoted by some clause.
//!
//! Findings about the contract are warnings; a quote that is not in the
//! source is an error (the encoding no longer matches the document).

use crate::calc::calendar::format_time;
use crate::calc::calendar::{dates_between, effective_rule, long_date};
use crate::calc::words;
use crate::check::model::Model;
use crate::diagnostic::codes::Code;
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
        }
        for quote in &clause.quotes {
            number_words_in_text(quote, number, sources, &mut out);
        }
        missing_quote(clause, model, &parents, &mut out);
    }
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
    let Some((count, frequency, day)) = obligation.modifiers.iter().find_map(|m| match m {
        Modifier::Installments {
            count,
            frequency,
            day,
            ..
        } => Some((count, *frequency, *day)),
        _ => None,
    }) else {
        return;
    };
    if let Some(written) = &count.words {
        let word_value = words::value_of(&[written.node.as_str()]);
        if word_value.is_some_and(|v| v != u64::from(count.value.node)) {
            out.push(
                Diagnostic::warning(
                    Code::NumberWords,
                    written.span.to(count.value.span),
                    format!(
                        "`{}` is written in words as {} but in numerals as {}",
                        written.node,
                        word_value.unwrap_or(0),
                        count.value.node
                    ),
                )
                .with_help("make the words and the numerals agree")
                .in_clause(clause),
            );
        }
    }
    let Some(period) = obligation.modifiers.iter().find_map(|m| match m {
        Modifier::Period(p) => Some(p),
        _ => None,
    }) else {
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
    let reading = obligation.modifiers.iter().find_map(|m| match m {
        Modifier::ConflictRule(name) => Some(name.node.as_str()),
        _ => None,
    });
    let stated_words = count.words.as_ref().map_or_else(
        || stated.to_string(),
        |w| format!("{} ({})", w.node, stated),
    );
    let what = if rule == DayRule::LastDayOfMonth {
        "month-ends"
    } else {
        "dates"
    };
    let listed = dates
        .iter()
        .map(|d| d.format("%Y-%m-%d").to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let help = match reading.and_then(|r| model.reading(r)) {
        Some(r) => format!(
            "the ledger follows the reading `{}` of `{}`; fix the text, or compare readings in a scenario with `assume {} is OPTION`",
            r.default_option().map_or("", |o| o.name.node.as_str()),
            r.name.node,
            r.name.node
        ),
        None => "state which reading the ledger follows: `if the count and the dates disagree, follow READING`".to_owned(),
    };
    out.push(
        Diagnostic::warning(
            Code::CountMismatch,
            count.words.as_ref().map_or(count.value.span, |w| w.span.to(count.value.span)),
            format!(
                "clause {clause} states {stated_words} installments, but the {what} from {} through {} are {}",
                long_date(from.node),
                long_date(through.node),
                dates.len()
            ),
        )
        .with_label(format!("{stated} installments stated"))
        .with_secondary(period.span, format!("{} {what}: {listed}", dates.len()))
        .with_help(help)
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
        let Some(figure) = numeral_value(numeral) else {
            continue;
        };
        let words: Vec<&str> = text
            .get(..open)
            .unwrap_or("")
            .split_whitespace()
            .rev()
            .take_while(|w| {
                words::is_number_word(w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
            })
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            // `the sum of six (6)`: `of` joins the number to the words before.
            .skip_while(|w| w.eq_ignore_ascii_case("of") || w.eq_ignore_ascii_case("and"))
            .collect();
        let Some(value) = words::amount_of(&words) else {
            continue;
        };
        if value == figure {
            continue;
        }
        let phrase = format!("{} ({numeral})", words.join(" "));
        let span = span_in_quote(quote, sources, &phrase)
            .or_else(|| span_in_quote(quote, sources, &format!("({numeral})")))
            .unwrap_or(quote.span);
        out.push(
            Diagnostic::warning(
                Code::NumberWords,
                span,
                format!(
                    "the text writes `{phrase}`: the words say {}, the numerals say {numeral}",
                    value.normalize()
                ),
            )
            .with_label("words and numerals disagree")
            .with_help("find out which number the parties meant, and make the words and the numerals agree")
            .in_clause(clause),
        );
    }
}

/// The longest text in parentheses read as a numeral:
/// `($1,000,000,000,000.00)` is 24 bytes.
const MAX_NUMERAL_BYTES: usize = 40;

/// `6`, `12%`, `$12,000.00` → the number; `None` for anything else in
/// parentheses (`(a)`, `(the "Company")`).
fn numeral_value(numeral: &str) -> Option<Decimal> {
    let digits: String = numeral
        .trim()
        .trim_start_matches('$')
        .trim_end_matches('%')
        .chars()
        .filter(|c| *c != ',')
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    Decimal::from_str_exact(&digits).ok()
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
                            Diagnostic::warning(
                                Code::PeriodOrder,
                                through.span,
                                format!(
                                    "this period ends on {}, before it starts on {}",
                                    long_date(through.node),
                                    long_date(from.node)
                                ),
                            )
                            .with_secondary(from.span, "starts here")
                            .with_help("check the years and the order of the two dates")
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
                    Diagnostic::warning(
                        Code::DeadlineBeforeAgreement,
                        date.span,
                        format!(
                            "{} is before the agreement's own date, {}",
                            long_date(date.node),
                            long_date(agreement.unwrap_or(date.node))
                        ),
                    )
                    .with_help("a date this early usually has a wrong year")
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
        let Subject::Deadline { date, time, .. } = &obligation.subject else {
            continue;
        };
        let party = &obligation.obligor.node;
        let deadline = format!("{} on {}", format_time(time.node), long_date(date.node));
        let signature = model.signatures.iter().find(|s| &s.party.node == party);
        let problem = match signature.map(|s| &s.when) {
            None => Some(format!(
                "no signature of {party} is recorded (`signed by {party} ...`)"
            )),
            Some(SignatureDate::LeftBlank(_)) => Some(format!(
                "the date line under the signature of {} ({party}) is blank",
                model.party_name(party)
            )),
            Some(SignatureDate::Unstated) => Some(format!("the signature of {party} is not dated")),
            Some(SignatureDate::On(on, at)) => {
                let late = on.node > date.node
                    || (on.node == date.node && at.as_ref().is_some_and(|t| t.node > time.node));
                late.then(|| {
                    format!(
                        "{party} signed on {}, after the deadline",
                        long_date(on.node)
                    )
                })
            }
        };
        let Some(problem) = problem else {
            continue;
        };
        out.push(
            Diagnostic::warning(
                Code::UndatedAcceptance,
                obligation.span,
                format!("the offer had to be accepted by {deadline}, but {problem}, so acceptance in time cannot be confirmed from the document"),
            )
            .with_label("the acceptance deadline")
            .with_help(format!(
                "find out when {party} signed and returned the letter; a scenario records it with `{party} signed on DATE at TIME`"
            ))
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
            Diagnostic::warning(
                Code::MissingQuote,
                clause.head_span,
                format!("clause {} does not quote the source", clause.number.node),
            )
            .with_help("add `quote \"...\"` with the clause's text, word for word")
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
    let message = if matched == 0 {
        "this quote is not in the source document".to_owned()
    } else {
        let prefix = needle.get(..matched).unwrap_or("");
        let source_says = haystack
            .find(prefix)
            .and_then(|at| haystack.get(at + prefix.len()..))
            .map(word)
            .unwrap_or_default();
        format!("this quote is not word for word in the source: it has `{quoted}` where the source has `{source_says}`")
    };
    Diagnostic::error(Code::QuoteNotInSource, quote.span, message)
        .with_label("not found in the source")
        .with_help("copy the clause's text from the source exactly; only line breaks and spacing may differ")
        .in_clause(clause)
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
        let ellipsis = if gap.trim().chars().count() > 60 {
            "…"
        } else {
            ""
        };
        out.push(
            Diagnostic::warning(
                Code::UnquotedSource,
                Span::new(source_id, from, to + 1),
                format!("no clause quotes this part of the source: `{shown}{ellipsis}`"),
            )
            .with_label("not encoded by any clause")
            .with_help("quote it in the clause that encodes it, or in a clause of its own for the document's non-operative parts (headings, signature blocks)"),
        );
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
}
