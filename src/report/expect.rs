//! A scenario's `expect` lines held against its ledger: each is met, or
//! fails with what was expected, what the ledger shows, and how the ledger
//! came to it. `clausec test` reports the failures as diagnostics.
//!
//! Amounts compare as exact decimals (`$256.85` is `256.850`, never
//! `256.849`), dates as dates, statuses by their words (`paid late` or
//! `paid_late`). An obligation is found as the checker resolved it: by its
//! id (`2(b).severance`) or by its name alone (`severance`), and an
//! instance by its number (`[3]`), read from the [`ObligationId`], never
//! from the printed text.

use crate::calc::calendar::long_date;
use crate::calc::money::{format_money_exact_in, format_money_in, Currency};
use crate::diagnostic::codes::Code;
use crate::diagnostic::problem::Problem;
use crate::diagnostic::Diagnostic;
use crate::eval::explanation::Explanation;
use crate::eval::ledger::{Entry, Ledger, ObligationId};
use crate::source::Span;
use crate::syntax::ast::{ExpectField, Expectation, Expected, ExpectedValue, ObligationRef};
use rust_decimal::Decimal;

/// At most this many lines of explanation are shown for one failure.
const MAX_EXPLANATION: usize = 8;

/// Why an expectation failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// Where the expectation is written (the line after `expect`).
    pub span: Span,
    /// What is wrong, as a sentence: "`2(b).severance[2]` late interest
    /// is $171.23, not $256.85", or why nothing could be compared.
    pub message: String,
    /// The value the line expects, as shown: `$256.85`.
    pub expected: String,
    /// How the ledger reached its figure, line by line.
    pub explanation: Vec<String>,
}

/// What holding a scenario's expectations against its ledger gave.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Checked {
    pub met: usize,
    pub failed: Vec<Failure>,
}

/// Holds every expectation against the ledger.
pub fn check(ledger: &Ledger, expectations: &[Expectation]) -> Checked {
    let mut checked = Checked::default();
    for expectation in expectations {
        match check_one(ledger, expectation) {
            None => checked.met += 1,
            Some(failure) => checked.failed.push(failure),
        }
    }
    checked
}

/// A failure as a diagnostic of the scenario: the line underlined, the
/// expected and the actual value, how the ledger reached its figure.
pub fn diagnostic(failure: &Failure, scenario: &str) -> Diagnostic {
    Diagnostic::of(&Unmet { failure, scenario }, failure.span)
}

/// An expectation the ledger of `scenario` does not meet, as a kind of
/// problem (see [`crate::diagnostic::problem`]).
#[derive(Debug, thiserror::Error)]
#[error("under scenario `{scenario}`, {}", .failure.message)]
struct Unmet<'a> {
    failure: &'a Failure,
    scenario: &'a str,
}

impl Problem for Unmet<'_> {
    fn code(&self) -> Code {
        Code::ExpectationFailed
    }

    fn help(&self) -> Option<String> {
        let mut help = String::new();
        if !self.failure.explanation.is_empty() {
            help.push_str("the ledger shows ");
            help.push_str(&self.failure.explanation.join("; "));
            help.push_str("; ");
        }
        help.push_str(
            "if the ledger is right, correct this line; if the line is right, fix the clause or the scenario",
        );
        Some(help)
    }

    fn label(&self) -> Option<String> {
        Some(format!("expected {}", self.failure.expected))
    }

    fn scenario(&self) -> Option<&str> {
        Some(self.scenario)
    }
}

fn check_one(ledger: &Ledger, expectation: &Expectation) -> Option<Failure> {
    let span = expectation.span;
    match &expectation.what {
        Expected::Entry {
            obligation,
            field,
            value,
        } => {
            let expected = shown_value(&value.node);
            let fail = |message: String, explanation: Vec<String>| {
                Some(Failure {
                    span,
                    message,
                    expected: expected.clone(),
                    explanation,
                })
            };
            let target = match find(ledger, obligation) {
                Ok(target) => target,
                Err(why) => return fail(why, Vec::new()),
            };
            let (actual, explanation) = match actual(ledger, &target, *field) {
                Ok(found) => found,
                Err(why) => return fail(why, Vec::new()),
            };
            let currency = target.currency();
            if matches(&actual, &value.node, currency) {
                None
            } else {
                let subject = format!("{} {}", shown_ref(obligation), field.words());
                let actual = shown_actual(&actual, currency);
                fail(
                    format!("{subject} is {actual}, not {expected}"),
                    explanation,
                )
            }
        }
        Expected::TotalPaid {
            party,
            amount,
            currency: expected_currency,
        } => {
            // The total in the currency the line names: payments in
            // another are listed, never added to it.
            let currency = *expected_currency;
            let mut total = Decimal::ZERO;
            let mut parts = Vec::new();
            for entry in ledger
                .obligations
                .iter()
                .filter(|e| e.heading.obligor == party.node)
            {
                if let Some(paid) = entry.paid.filter(|p| !p.is_zero()) {
                    let paid_in = entry.currency.unwrap_or_default();
                    if paid_in == currency {
                        total = total.checked_add(paid).unwrap_or(total);
                    }
                    parts.push(format!(
                        "{} paid {}",
                        entry.id,
                        format_money_in(paid, paid_in)
                    ));
                }
            }
            if total == amount.node {
                return None;
            }
            let explanation = shorten(if parts.is_empty() {
                vec![format!("no payment by `{}`", party.node)]
            } else {
                parts
            });
            Some(Failure {
                span,
                message: format!(
                    "the total paid by `{}` is {}, not {}",
                    party.node,
                    format_money_exact_in(total, currency),
                    format_money_exact_in(amount.node, currency)
                ),
                expected: format_money_exact_in(amount.node, currency),
                explanation,
            })
        }
        Expected::Finding { code, present } => {
            let wanted = Code::find(&code.node).map(Code::as_str);
            let found: Vec<&crate::eval::ledger::Finding> = ledger
                .findings
                .iter()
                .filter(|f| Some(f.code) == wanted)
                .collect();
            if found.is_empty() != *present {
                return None;
            }
            let (message, expected) = if *present {
                (
                    format!("the ledger lists no finding `{}`", code.node),
                    "it listed",
                )
            } else {
                (
                    format!("the ledger lists the finding `{}`", code.node),
                    "none",
                )
            };
            Some(Failure {
                span,
                message,
                expected: expected.to_owned(),
                explanation: shorten(found.iter().map(|f| f.message.clone()).collect()),
            })
        }
    }
}

/// What an expectation names: one entry, or all of a schedule's.
enum Target<'a> {
    One(&'a Entry),
    /// The entries of an obligation with several (a schedule, or a duty
    /// per event), named without an instance.
    All(&'a ObligationId, Vec<&'a Entry>),
}

impl Target<'_> {
    /// The currency of the amounts named (dollars if none has one).
    fn currency(&self) -> Currency {
        match self {
            Target::One(entry) => entry.currency,
            Target::All(_, entries) => entries.iter().find_map(|e| e.currency),
        }
        .unwrap_or_default()
    }
}

/// The entries of the obligation named, by id or by name alone.
fn find<'a>(ledger: &'a Ledger, wanted: &ObligationRef) -> Result<Target<'a>, String> {
    let path = wanted.path.node.as_str();
    let mut entries: Vec<&Entry> = ledger
        .obligations
        .iter()
        .filter(|e| e.id.base() == path)
        .collect();
    if entries.is_empty() {
        entries = ledger
            .obligations
            .iter()
            .filter(|e| e.id.name() == path)
            .collect();
        let first_base = entries.first().map(|e| e.id.base());
        if entries.iter().any(|e| Some(e.id.base()) != first_base) {
            return Err(format!(
                "several obligations are named `{path}`; write the full id"
            ));
        }
    }
    let Some(first) = entries.first().copied() else {
        return Err(format!("the ledger has no obligation `{path}`"));
    };
    match wanted.instance.as_ref().map(|n| n.node) {
        Some(number) => {
            let number = usize::try_from(number).unwrap_or(usize::MAX);
            match entries.iter().find(|e| e.id.instance() == Some(number)) {
                Some(entry) => Ok(Target::One(entry)),
                None => {
                    let count = entries.iter().filter(|e| e.id.instance().is_some()).count();
                    let base = first.id.base();
                    Err(if count == 0 {
                        format!(
                            "there is no `{base}[{number}]`: `{base}` has no numbered instances"
                        )
                    } else {
                        format!(
                            "there is no `{base}[{number}]`: `{base}` has {count} instance{}",
                            if count == 1 { "" } else { "s" }
                        )
                    })
                }
            }
        }
        None => match entries.as_slice() {
            [only] if only.id.instance().is_none() => Ok(Target::One(only)),
            _ => Ok(Target::All(&first.id, entries)),
        },
    }
}

/// A value the ledger shows.
enum Actual {
    Money(Option<Decimal>),
    Date(Option<chrono::NaiveDate>),
    Status(&'static str),
}

fn actual(
    ledger: &Ledger,
    target: &Target<'_>,
    field: ExpectField,
) -> Result<(Actual, Vec<String>), String> {
    match target {
        Target::One(entry) => Ok(entry_value(entry, field)),
        Target::All(id, entries) => {
            let summary = ledger.schedules.iter().find(|s| s.obligation == id.base());
            let sum = |f: fn(&Entry) -> Option<Decimal>| {
                entries
                    .iter()
                    .filter_map(|e| f(e))
                    .try_fold(Decimal::ZERO, Decimal::checked_add)
            };
            let whole = |what: &str| {
                format!(
                    "`{}` has a {what} for each of its {} instances; name one, as in `{}[1]`",
                    id.base(),
                    entries.len(),
                    id.base()
                )
            };
            match field {
                ExpectField::Amount => match summary {
                    Some(summary) => Ok((
                        Actual::Money(Some(summary.total)),
                        shorten(
                            summary
                                .explanation
                                .iter()
                                .map(ToString::to_string)
                                .collect(),
                        ),
                    )),
                    None => Ok((Actual::Money(sum(|e| e.amount)), Vec::new())),
                },
                ExpectField::LateInterest => Ok((
                    Actual::Money(sum(|e| Some(interest(e)))),
                    shorten(
                        entries
                            .iter()
                            .flat_map(|e| e.remedies.iter())
                            .map(|r| r.explanation.to_string())
                            .collect(),
                    ),
                )),
                ExpectField::Paid => Ok((Actual::Money(sum(|e| e.paid)), Vec::new())),
                ExpectField::Outstanding => Ok((Actual::Money(sum(|e| e.outstanding)), Vec::new())),
                ExpectField::Due => Err(whole("due date")),
                ExpectField::Status => Err(whole("status")),
            }
        }
    }
}

fn entry_value(entry: &Entry, field: ExpectField) -> (Actual, Vec<String>) {
    let lines = |lines: Vec<String>| shorten(lines);
    match field {
        ExpectField::Amount => (
            Actual::Money(entry.amount),
            lines(
                entry
                    .explanation
                    .iter()
                    .filter(|l| !matches!(l.as_ref(), Explanation::LateInterest { .. }))
                    .map(|l| l.to_string())
                    .chain(entry.notes.iter().map(ToString::to_string))
                    .collect(),
            ),
        ),
        ExpectField::LateInterest => (
            Actual::Money(Some(interest(entry))),
            lines(
                entry
                    .remedies
                    .iter()
                    .map(|r| r.explanation.to_string())
                    .collect(),
            ),
        ),
        ExpectField::Paid => (
            Actual::Money(Some(entry.paid.unwrap_or(Decimal::ZERO))),
            lines(entry.notes.iter().map(ToString::to_string).collect()),
        ),
        ExpectField::Outstanding => (
            Actual::Money(entry.outstanding),
            lines(entry.notes.iter().map(ToString::to_string).collect()),
        ),
        ExpectField::Due => (
            Actual::Date(entry.due),
            lines(entry.notes.iter().map(ToString::to_string).collect()),
        ),
        ExpectField::Status => {
            let mut facts = Vec::new();
            if let Some(due) = entry.due {
                facts.push(format!("due {}", long_date(due)));
            }
            if let Some(paid_on) = entry.paid_on {
                facts.push(format!("paid on {}", long_date(paid_on)));
            }
            facts.extend(entry.notes.iter().map(ToString::to_string));
            (Actual::Status(entry.status.describe()), lines(facts))
        }
    }
}

/// The late interest on an entry: every remedy's, or nothing.
fn interest(entry: &Entry) -> Decimal {
    entry
        .remedies
        .iter()
        .map(|r| r.amount)
        .try_fold(Decimal::ZERO, Decimal::checked_add)
        .unwrap_or(Decimal::MAX)
}

/// An amount matches only in its currency: `€100.00` is not `$100.00`.
fn matches(actual: &Actual, expected: &ExpectedValue, currency: Currency) -> bool {
    match (actual, expected) {
        (Actual::Money(Some(actual)), ExpectedValue::Money(expected, wanted)) => {
            actual == expected && currency == *wanted
        }
        (Actual::Date(Some(actual)), ExpectedValue::Date(expected)) => actual == expected,
        (Actual::Status(actual), ExpectedValue::Status(expected)) => {
            *actual == expected.replace('_', " ")
        }
        _ => false,
    }
}

fn shown_ref(obligation: &ObligationRef) -> String {
    match &obligation.instance {
        Some(n) => format!("`{}[{}]`", obligation.path.node, n.node),
        None => format!("`{}`", obligation.path.node),
    }
}

fn shown_value(value: &ExpectedValue) -> String {
    match value {
        ExpectedValue::Money(amount, currency) => format_money_exact_in(*amount, *currency),
        ExpectedValue::Date(date) => long_date(*date),
        ExpectedValue::Status(words) => format!("`{}`", words.replace('_', " ")),
    }
}

fn shown_actual(actual: &Actual, currency: Currency) -> String {
    match actual {
        Actual::Money(Some(amount)) => format_money_exact_in(*amount, currency),
        Actual::Money(None) => "no amount".to_owned(),
        Actual::Date(Some(date)) => long_date(*date),
        Actual::Date(None) => "no due date".to_owned(),
        Actual::Status(words) => format!("`{words}`"),
    }
}

/// At most [`MAX_EXPLANATION`] lines, and how many more there were.
fn shorten(mut lines: Vec<String>) -> Vec<String> {
    if lines.len() > MAX_EXPLANATION {
        let more = lines.len() - MAX_EXPLANATION;
        lines.truncate(MAX_EXPLANATION);
        lines.push(format!("and {more} more"));
    }
    lines
}

#[cfg(test)]
mod tests {
    use crate::eval::ledger::Status;
    use crate::syntax::parse::{ClauseParser, Rule};
    use pest::Parser;

    /// Every status the ledger can show can be expected, in its words and
    /// as JSON writes it.
    #[test]
    fn every_status_can_be_written_in_an_expectation() {
        let all = [
            Status::Due,
            Status::NotYetDue,
            Status::Paid,
            Status::PaidLate,
            Status::PartlyPaid,
            Status::Offset,
            Status::Conditional,
            Status::NotTriggered,
            Status::Lapsed,
            Status::InForce,
            Status::Ended,
            Status::Met,
            Status::Late,
            Status::Missed,
            Status::Open,
            Status::DefaultApplied,
            Status::NothingOwed,
            Status::NotYetKnown,
            Status::EndedEarly,
            Status::NotRecorded,
        ];
        for status in all {
            // A status added to the ledger and not to this list stops the
            // build here (the list above once missed `ended early`).
            match status {
                Status::Due
                | Status::NotYetDue
                | Status::Paid
                | Status::PaidLate
                | Status::PartlyPaid
                | Status::Offset
                | Status::Conditional
                | Status::NotTriggered
                | Status::Lapsed
                | Status::InForce
                | Status::Ended
                | Status::Met
                | Status::Late
                | Status::Missed
                | Status::Open
                | Status::DefaultApplied
                | Status::NothingOwed
                | Status::NotYetKnown
                | Status::EndedEarly
                | Status::NotRecorded => {}
            }
            let words = status.describe();
            let json = serde_json::to_string(&status).unwrap_or_default();
            for written in [words.to_owned(), json.trim_matches('"').to_owned()] {
                let parsed = ClauseParser::parse(Rule::status_words, &written)
                    .map(|p| p.as_str().to_owned())
                    .unwrap_or_default();
                assert_eq!(parsed, written, "{status:?}");
            }
        }
    }
}
