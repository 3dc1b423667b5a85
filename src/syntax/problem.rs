//! What can be wrong with a file's syntax, as kinds that own their code,
//! severity and words (see [`crate::diagnostic::problem`]).

use crate::calc::money::format_count;
use crate::diagnostic::codes::Code;
use crate::diagnostic::problem::Problem;
use crate::diagnostic::suggest::join_or;
use crate::diagnostic::Label;
use crate::source::Span;
use crate::syntax::lower::MAX_TERMS;
use crate::syntax::parse::Rule;
use chrono::NaiveDate;

/// A problem reading a file's text. All are errors: a file that cannot be
/// read cannot be checked.
#[derive(Debug, thiserror::Error)]
pub enum SyntaxProblem {
    #[error("this file has no statements")]
    EmptyFile,
    /// A chunk (a clause) above the size pest is given.
    #[error("this clause is longer than {kib} KiB")]
    ClauseTooLarge { kib: usize },
    /// Parentheses or `not` nested past the screen's limit, found before
    /// pest sees the text.
    #[error("this is nested more than {limit} levels deep")]
    NestedTooDeep { limit: usize },
    /// pest ran out of stack: nesting the screen did not count.
    #[error("this is nested too deeply to read")]
    TooDeepToRead,
    /// pest's call limit: a clause too costly to parse.
    #[error("this clause takes too much work to parse")]
    TooComplex,
    #[error("this quote mark is never closed")]
    UnterminatedQuote,
    /// Text where the language has something else: what could come
    /// (`words`, the parser's list in words), what came (`found`, empty at
    /// the end of the clause). The code and the usual help follow from
    /// `what`; `hint` is a likelier cause, when one is seen.
    #[error(
        "expected {}, found {}",
        join_or(.words),
        found_text(.found)
    )]
    Expected {
        what: Expected,
        words: Vec<String>,
        found: String,
        hint: Hint,
    },
    /// `Julyy 1, 2002`.
    #[error("expected a date, but `{word}` is not the name of a month")]
    NotAMonth { word: String },
    /// The grammar and the lowering disagree: a bug in clausec, not the
    /// user's. Reported under `Code::Unexpected` (the text does not fit
    /// what clausec reads) rather than a code of its own: a code needs a
    /// fixture that produces it, and a bug has none.
    #[error("clausec could not read this (internal: expected {expected:?}, found {found:?})")]
    Internal { expected: Rule, found: Option<Rule> },
    #[error("a schedule cannot fall due every 0 weeks")]
    EveryZeroWeeks,
    #[error("`{word}` is not a number written in words")]
    NotANumberWord { word: String },
    /// `on days 15 and 1`.
    #[error("day {second} does not come after day {first}")]
    DaysOutOfOrder { first: u32, second: u32 },
    #[error("a semi-monthly schedule needs its two days of the month")]
    SemiMonthlyWithoutDays,
    #[error("two days of the month are for a semi-monthly schedule")]
    TwoDaysNotSemiMonthly,
    #[error("there is no day {day} in a month")]
    NoSuchDayOfMonth { day: u32 },
    #[error("clausec does not know the day count `{written}`")]
    UnknownDayCount { written: String },
    /// A whole number (a count, a day, a duration) beyond `u32`.
    #[error("this number is too large")]
    NumberTooLarge,
    #[error("`{text}` has more digits than clausec can compute with exactly")]
    TooManyDigits { text: String },
    /// `near` is the closest code clausec knows, if one is close.
    #[error("`{code}` is not a currency clausec knows")]
    UnknownCurrency { code: String, near: Option<String> },
    #[error("this percentage cannot be computed exactly")]
    InexactPercentage,
    /// `0000-01-01`: the one year four digits write outside 1 to 9999.
    #[error("`{text}` is outside the years 1 to 9999")]
    YearOutOfRange { text: String },
    /// `February 30, 2002`; `year` and `month` as written (`month` may be
    /// out of 1 to 12).
    #[error("`{text}` is not a date in the calendar")]
    NotInCalendar { text: String, year: i32, month: u32 },
    #[error("`{text}` is not a time of day")]
    NotATime { text: String },
    #[error(
        "this expression has {} terms; at most {MAX_TERMS} are allowed",
        format_count(*.terms)
    )]
    TooManyTerms { terms: usize },
    #[error("`and` and `or` are mixed without parentheses")]
    MixedAndOr,
}

/// What the parser expected, as one of the codes a user can look up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    Statement,
    Amount,
    Date,
    Text,
    Name,
    /// Text that fits nothing the others name.
    Other,
}

/// A likelier cause of unexpected text than the usual one for what was
/// expected, each with its own help.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hint {
    None,
    /// `-$5,000`.
    NegativeFigure,
    /// A keyword written as an obligation's label (`pay:`).
    KeywordAsLabel,
    /// A keyword where a name goes.
    KeywordAsName,
    /// A quote mark at `open` seems never closed: its text runs on into
    /// the next statement.
    QuoteLeftOpen {
        open: Span,
    },
}

fn found_text(found: &str) -> String {
    if found.is_empty() {
        "the end of the clause".to_owned()
    } else {
        format!("`{found}`")
    }
}

impl Expected {
    fn code(self) -> Code {
        match self {
            Expected::Statement => Code::ExpectedStatement,
            Expected::Amount => Code::ExpectedAmount,
            Expected::Date => Code::ExpectedDate,
            Expected::Text => Code::ExpectedText,
            Expected::Name => Code::ExpectedName,
            Expected::Other => Code::Unexpected,
        }
    }

    fn help(self) -> &'static str {
        match self {
            Expected::Statement => "start a statement with a keyword (`quote`, `assume`, `fact`) or an obligation such as `company pays employee $10,000`",
            Expected::Amount => "write an amount such as `$10,000.00`, a fact's name, or a calculation such as `annual_salary * 6 / 12`",
            Expected::Date => "write a date as `June 6, 2002` or `2002-06-06`",
            Expected::Text => "put the text in double quotes: `\"...\"`",
            Expected::Name => "write a name: letters, digits and `_`, starting with a letter (not a keyword)",
            Expected::Other => "see `clausec explain` for this code",
        }
    }
}

fn expected_help(what: Expected, found: &str, hint: &Hint) -> String {
    match hint {
        Hint::None => what.help().to_owned(),
        Hint::NegativeFigure => "a figure cannot be written negative: write it without `-`, and let the clause subtract it (`$5,000 - deductions`)".to_owned(),
        Hint::KeywordAsLabel => format!(
            "`{found}` is a word of the clause language and cannot be a label; choose another, such as `{found}_payment` or `{found}s_due`"
        ),
        Hint::KeywordAsName => format!(
            "`{found}` is a word of the clause language and cannot be a name; choose another, such as `{found}_payment` or `{found}_date`"
        ),
        Hint::QuoteLeftOpen { .. } => "a quote mark seems to be missing: the text that starts here runs on into the next statement; add the closing `\"`".to_owned(),
    }
}

fn currency_help(near: Option<&str>) -> String {
    match near {
        Some(near) => format!("did you mean `{near}`?"),
        None => {
            let codes = crate::calc::money::Currency::ALL.map(|c| format!("`{}`", c.code()));
            format!(
                "write one of {}, or `$`, `€` or `£` before the amount",
                codes.join(", ")
            )
        }
    }
}

/// How many days the month has, for a date that is not in the calendar.
fn date_help(year: i32, month: u32) -> String {
    let days = (28..=31)
        .rev()
        .find(|d| NaiveDate::from_ymd_opt(year, month, *d).is_some());
    match (crate::calc::calendar::MONTH_NAMES.get((month as usize).wrapping_sub(1)), days) {
        (Some(name), Some(days)) => format!("{name} {year} has {days} days"),
        _ => "months run from 1 to 12 (January to December); write a date such as `June 6, 2002` or `2002-06-06`".to_owned(),
    }
}

impl Problem for SyntaxProblem {
    fn code(&self) -> Code {
        match self {
            SyntaxProblem::EmptyFile => Code::EmptyFile,
            SyntaxProblem::ClauseTooLarge { .. } => Code::TooLarge,
            SyntaxProblem::NestedTooDeep { .. } | SyntaxProblem::TooDeepToRead => Code::TooDeep,
            SyntaxProblem::TooComplex => Code::TooComplex,
            SyntaxProblem::UnterminatedQuote => Code::UnterminatedQuote,
            SyntaxProblem::Expected { what, .. } => what.code(),
            SyntaxProblem::NotAMonth { .. } => Code::ExpectedDate,
            SyntaxProblem::Internal { .. } => Code::Unexpected,
            SyntaxProblem::EveryZeroWeeks
            | SyntaxProblem::DaysOutOfOrder { .. }
            | SyntaxProblem::SemiMonthlyWithoutDays
            | SyntaxProblem::TwoDaysNotSemiMonthly
            | SyntaxProblem::NoSuchDayOfMonth { .. }
            | SyntaxProblem::YearOutOfRange { .. }
            | SyntaxProblem::NotInCalendar { .. } => Code::ImpossibleDate,
            SyntaxProblem::NotANumberWord { .. } => Code::NotANumberWord,
            SyntaxProblem::UnknownDayCount { .. } => Code::UnknownDayCount,
            SyntaxProblem::NumberTooLarge
            | SyntaxProblem::TooManyDigits { .. }
            | SyntaxProblem::InexactPercentage => Code::AmountOutOfRange,
            SyntaxProblem::UnknownCurrency { .. } => Code::UnknownCurrency,
            SyntaxProblem::NotATime { .. } => Code::InvalidTime,
            SyntaxProblem::TooManyTerms { .. } => Code::TooManyTerms,
            SyntaxProblem::MixedAndOr => Code::MixedAndOr,
        }
    }

    fn help(&self) -> Option<String> {
        let help = match self {
            SyntaxProblem::EmptyFile => "write a clause (`clause 1 \"Title\"`), or delete the file",
            SyntaxProblem::ClauseTooLarge { .. } => {
                "a clause is a few kilobytes; split it, or check that the file is a clause file"
            }
            SyntaxProblem::NestedTooDeep { .. } => "write the amount or condition in simpler steps, or use a fact for a part of it",
            SyntaxProblem::TooDeepToRead => "write the amount or condition in simpler steps",
            SyntaxProblem::TooComplex => "look for unbalanced parentheses or a very long calculation; write it in simpler steps, or split the clause",
            SyntaxProblem::UnterminatedQuote => "add a closing `\"` at the end of the text; write `\\\"` for a quote mark inside it",
            SyntaxProblem::Expected { what, found, hint, .. } => {
                return Some(expected_help(*what, found, hint))
            }
            SyntaxProblem::NotAMonth { .. } => "write a date such as `June 6, 2002` or `2002-06-06`",
            SyntaxProblem::Internal { .. } => "this is a bug in clausec; please report it with the file",
            SyntaxProblem::EveryZeroWeeks => "write `each week` or `every 2 weeks`",
            SyntaxProblem::NotANumberWord { .. } => "write the count as `six (6)` or `6`",
            SyntaxProblem::DaysOutOfOrder { .. } => "write the earlier day first: `on days 1 and 15`",
            SyntaxProblem::SemiMonthlyWithoutDays => "add them: `on days 1 and 15`",
            SyntaxProblem::TwoDaysNotSemiMonthly => {
                "write `semi-monthly installments` (or `each half month`), or one day: `on day 15`"
            }
            SyntaxProblem::NoSuchDayOfMonth { .. } => {
                "write a day from 1 to 31, or `on the last day of the month`"
            }
            SyntaxProblem::UnknownDayCount { .. } => "write `actual/365`, `actual/360` or `30/360`",
            SyntaxProblem::NumberTooLarge => "write a whole number below 4,294,967,296",
            SyntaxProblem::TooManyDigits { .. } => "amounts may have up to 28 significant digits",
            SyntaxProblem::UnknownCurrency { near, .. } => return Some(currency_help(near.as_deref())),
            SyntaxProblem::InexactPercentage => {
                "write the percentage with fewer digits (a rate keeps up to 28 significant digits)"
            }
            SyntaxProblem::YearOutOfRange { .. } => {
                "write a date from the year 1 to 9999, such as `June 6, 2002` or `2002-06-06`"
            }
            SyntaxProblem::NotInCalendar { year, month, .. } => return Some(date_help(*year, *month)),
            SyntaxProblem::NotATime { .. } => "write a time such as `1:30 p.m.`, `11:00 a.m.` or `13:30`",
            SyntaxProblem::TooManyTerms { .. } => {
                "state the total, or declare a fact for a part of it and give its value in the scenarios"
            }
            SyntaxProblem::MixedAndOr => {
                "put parentheses around the part that belongs together: `a and (b or c)`"
            }
        };
        Some(help.to_owned())
    }

    fn label(&self) -> Option<String> {
        let label = match self {
            SyntaxProblem::NestedTooDeep { .. } => "too deep",
            SyntaxProblem::TooComplex => "in this clause",
            SyntaxProblem::UnterminatedQuote => "the text starts here",
            SyntaxProblem::Expected { words, .. } => {
                return Some(format!("expected {}", join_or(words)))
            }
            SyntaxProblem::NotAMonth { .. } => "not a month",
            SyntaxProblem::UnknownCurrency { .. } => "unknown currency",
            SyntaxProblem::YearOutOfRange { .. } => "year 0",
            SyntaxProblem::NotInCalendar { .. } => "no such day",
            SyntaxProblem::TooManyTerms { .. } => "too many terms",
            SyntaxProblem::MixedAndOr => "this changes from one to the other",
            _ => return None,
        };
        Some(label.to_owned())
    }

    fn also(&self) -> Vec<Label> {
        match self {
            SyntaxProblem::Expected {
                hint: Hint::QuoteLeftOpen { open },
                ..
            } => vec![Label {
                span: *open,
                text: "this quote may never be closed".to_owned(),
            }],
            _ => Vec::new(),
        }
    }
}
