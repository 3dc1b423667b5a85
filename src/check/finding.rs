//! What the whole-contract checks find in the contract itself (drafting
//! defects: counts, totals, words and numerals, limits, quotes), as kinds
//! that own their code, severity and words (see
//! [`crate::diagnostic::problem`]).

use crate::calc::calendar::long_date;
use crate::calc::exact::Exact;
use crate::calc::money::{format_exact_money_in, Currency, Money};
use crate::calc::zone::{time_in_zone, Zone};
use crate::diagnostic::codes::Code;
use crate::diagnostic::problem::Problem;
use crate::diagnostic::{Label, Severity};
use crate::source::Span;
use chrono::{NaiveDate, NaiveTime};

/// A finding about the contract. All are warnings but
/// [`Finding::QuoteNotInSource`]: a quote that is not the source's no
/// longer ties the encoding to the document, so `check` fails.
#[derive(Debug, thiserror::Error)]
pub enum Finding {
    /// A schedule's count written both ways (`six (6) installments`) that
    /// disagree.
    #[error("`{words}` is written in words as {words_say} but in numerals as {numeral}")]
    CountWordsDisagree {
        words: String,
        words_say: u64,
        numeral: u32,
    },
    /// A quote's number in words and in numerals (`six (6)`) that disagree;
    /// `words_say` is the words' value as shown (money in the currency
    /// they name, when they name one).
    #[error("the text writes `{phrase}`: the words say {words_say}, the numerals say {numeral}")]
    QuoteWordsDisagree {
        phrase: String,
        words_say: String,
        numeral: String,
    },
    /// The stated count of installments against the dates of their period.
    #[error(
        "clause {clause} states {stated_words} installments, but the {} from {} through {} are {}",
        .month_ends.dates(), long_date(*.from), long_date(*.through), .dates.len()
    )]
    CountMismatch {
        clause: String,
        stated: usize,
        /// `six (6)`, or `6` when the count has no words.
        stated_words: String,
        month_ends: MonthEnds,
        from: NaiveDate,
        through: NaiveDate,
        dates: Vec<NaiveDate>,
        period_at: Span,
        /// The reading the ledger follows (its name and its default
        /// option), when the obligation names one.
        reading: Option<(String, String)>,
    },
    #[error(
        "this period ends on {}, before it starts on {}",
        long_date(*.through),
        long_date(*.from)
    )]
    PeriodEndsBeforeStart {
        from: NaiveDate,
        through: NaiveDate,
        from_at: Span,
    },
    #[error(
        "{} is before the agreement's own date, {}",
        long_date(*.date),
        long_date(*.agreement)
    )]
    BeforeAgreement {
        date: NaiveDate,
        agreement: NaiveDate,
    },
    /// An offer to be accepted by a deadline (a time of day, in a zone if
    /// the text names one) whose acceptance the signatures cannot confirm.
    #[error(
        "the offer had to be accepted by {} on {}, but {}, so acceptance in time cannot be confirmed from the document",
        time_in_zone(*.time, *.zone),
        long_date(*.date),
        unconfirmed(.party, .why)
    )]
    AcceptanceUnconfirmed {
        time: NaiveTime,
        zone: Option<Zone>,
        date: NaiveDate,
        party: String,
        why: Unconfirmed,
    },
    #[error("clause {clause} does not quote the source")]
    MissingQuote { clause: String },
    /// `differs`: the first words the quote has where the source has
    /// others, and the source's; none when not even the quote's first
    /// word is found.
    #[error("{}", not_in_source(.differs.as_ref()))]
    QuoteNotInSource { differs: Option<(String, String)> },
    /// A stretch of the source with words that no quote covers: `shown`,
    /// its first characters, `cut` when there are more.
    #[error("no clause quotes this part of the source: `{shown}{}`", if *.cut { "…" } else { "" })]
    UnquotedSource { shown: String, cut: bool },
    /// A figure the rule writes that its clause's quote does not.
    #[error("{}", figure_not_quoted(.figure, .clause, .nearest))]
    FigureNotQuoted {
        figure: String,
        clause: String,
        nearest: NearestQuote,
    },
    /// `not to exceed` a limit the amount can never reach.
    #[error("the limit of {limit} is never reached: {}", amount.phrase("is at most"))]
    CapNeverReached {
        limit: Figure,
        amount: AmountBound,
        amount_at: Span,
    },
    /// `not to exceed` a limit below the least the amount can be.
    #[error("the limit of {limit} always applies: {}, so the amount as written is never paid", amount.phrase("is at least"))]
    CapAlwaysApplies {
        limit: Figure,
        amount: AmountBound,
        amount_at: Span,
    },
    /// `not less than` a minimum below the least the amount can be.
    #[error("the minimum of {limit} never applies: {}", amount.phrase("is at least"))]
    MinimumNeverApplies {
        limit: Figure,
        amount: AmountBound,
        amount_at: Span,
    },
    /// `not less than` a minimum above the most the amount can be.
    #[error("the minimum of {limit} always applies: {}, so the amount as written is never paid", amount.phrase("is at most"))]
    MinimumAlwaysApplies {
        limit: Figure,
        amount: AmountBound,
        amount_at: Span,
    },
    /// `in aggregate not to exceed` a limit the payments never reach:
    /// `sum` is the most they come to.
    #[error(
        "the aggregate limit of {limit} is never reached: {payments} of {each} {}",
        sum.phrase("come to", "come to at most")
    )]
    AggregateNeverReached {
        limit: Figure,
        payments: Payments,
        each: Figure,
        sum: Sum,
        each_at: Span,
    },
    /// `in aggregate not to exceed` a limit the payments always reach:
    /// `sum` is the least they come to; `first_cut` the due date of the
    /// first payment cut, when the dates tell.
    #[error(
        "the aggregate limit of {limit} is always reached: {payments} of {each} {}{}",
        sum.phrase("come to", "come to at least"),
        first_cut.map(|d| format!(": the payment due {} is the first cut", long_date(d))).unwrap_or_default()
    )]
    AggregateAlwaysReached {
        limit: Figure,
        payments: Payments,
        each: Figure,
        sum: Sum,
        first_cut: Option<NaiveDate>,
        each_at: Span,
    },
    /// A total the quote states (`stated`, in the schedule's currency, and
    /// its `words` as written) that the schedule does not come to.
    #[error(
        "the text states a total of {stated} (`{words}`) for {count} installments, but {}",
        schedule.says(*.count, .comes_to)
    )]
    TotalMismatch {
        stated: Money,
        words: String,
        count: usize,
        schedule: Schedule,
        comes_to: Figure,
        schedule_at: Span,
    },
}

/// Whether a schedule's dates are month-ends (`on the last day of the
/// month`), as the count-mismatch message names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthEnds(pub bool);

impl MonthEnds {
    fn dates(self) -> &'static str {
        if self.0 {
            "month-ends"
        } else {
            "dates"
        }
    }
}

/// Why the acceptance of an offer cannot be confirmed in time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unconfirmed {
    NoSignature,
    /// The signature's date line is blank; `name` is the party's name.
    LeftBlank {
        name: String,
    },
    Undated,
    SignedLate {
        on: NaiveDate,
    },
}

fn unconfirmed(party: &str, why: &Unconfirmed) -> String {
    match why {
        Unconfirmed::NoSignature => {
            format!("no signature of {party} is recorded (`signed by {party} ...`)")
        }
        Unconfirmed::LeftBlank { name } => {
            format!("the date line under the signature of {name} ({party}) is blank")
        }
        Unconfirmed::Undated => format!("the signature of {party} is not dated"),
        Unconfirmed::SignedLate { on } => {
            format!("{party} signed on {}, after the deadline", long_date(*on))
        }
    }
}

fn not_in_source(differs: Option<&(String, String)>) -> String {
    match differs {
        None => "this quote is not in the source document".to_owned(),
        Some((quoted, source_says)) => format!(
            "this quote is not word for word in the source: it has `{quoted}` where the source has `{source_says}`"
        ),
    }
}

/// Where in its clause's quotes a figure that is not quoted is nearest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NearestQuote {
    /// The quote's words where the figure would be, and their place.
    Says { words: String, at: Span },
    /// No place: the first line of the clause's first quote, if any.
    Clause { first_line: Option<Span> },
}

fn figure_not_quoted(figure: &str, clause: &str, nearest: &NearestQuote) -> String {
    match nearest {
        NearestQuote::Says { words, .. } => {
            format!("`{figure}` is not in the quote of clause {clause}, which says `{words}`")
        }
        NearestQuote::Clause { .. } => format!("`{figure}` is not in the quote of clause {clause}"),
    }
}

/// An amount against a limit, as the message says it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AmountBound {
    /// A figure written out: `the amount is $12,000.00`.
    Written(Money),
    /// A calculation (as written) and the figure that bounds it: it
    /// `comes to $31,200.00` when it has one value, it `is at most
    /// $6,000.00` when it varies.
    Computed { amount: String, bound: Sum },
}

impl AmountBound {
    /// `varies`: the words for an amount that varies (`is at most`).
    fn phrase(&self, varies: &str) -> String {
        match self {
            AmountBound::Written(figure) => format!("the amount is {figure}"),
            AmountBound::Computed { amount, bound } => {
                format!("`{amount}` {}", bound.phrase("comes to", varies))
            }
        }
    }
}

/// A figure as a finding names it: an amount written out (`$12,000.00`),
/// one worked out exactly in its currency (`$1,333.333333…`), or a
/// calculation as written, in backticks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Figure {
    Written(Money),
    Exact { value: Exact, currency: Currency },
    AsWritten(String),
}

impl std::fmt::Display for Figure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Figure::Written(money) => money.fmt(f),
            Figure::Exact { value, currency } => {
                f.write_str(&format_exact_money_in(value, *currency))
            }
            Figure::AsWritten(words) => write!(f, "`{words}`"),
        }
    }
}

/// A bound of an amount or a sum, in its currency: `exact` when the
/// amount has one value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sum {
    pub figure: Figure,
    pub exact: bool,
}

impl Sum {
    fn phrase(&self, one: &str, varies: &str) -> String {
        let words = if self.exact { one } else { varies };
        format!("{words} {}", self.figure)
    }
}

/// The payments an aggregate limit is over: `count` in all, `paid` not
/// abated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Payments {
    pub count: usize,
    pub paid: usize,
}

impl std::fmt::Display for Payments {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.count, self.paid) {
            (1, _) => f.write_str("the payment"),
            (n, paid) if paid == n => write!(f, "the {n} payments"),
            (n, paid) => write!(f, "the {paid} payments not abated of {n}"),
        }
    }
}

/// A schedule whose sum the text alone fixes, as a stated total's
/// message names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Schedule {
    /// Installments of a total: the total as written.
    Total { amount: String },
    /// An amount due at each of written dates: the amount as the message
    /// names it (a figure as itself, anything else in backticks).
    EachPeriod { each: Figure },
}

impl Schedule {
    fn says(&self, count: usize, comes_to: &Figure) -> String {
        match self {
            Schedule::Total { amount } => {
                format!("the schedule's total `{amount}` comes to {comes_to}")
            }
            Schedule::EachPeriod { each } => {
                format!("the {count} payments of {each} come to {comes_to}")
            }
        }
    }
}

impl Problem for Finding {
    fn code(&self) -> Code {
        match self {
            Finding::CountWordsDisagree { .. } | Finding::QuoteWordsDisagree { .. } => {
                Code::NumberWords
            }
            Finding::CountMismatch { .. } => Code::CountMismatch,
            Finding::PeriodEndsBeforeStart { .. } => Code::PeriodOrder,
            Finding::BeforeAgreement { .. } => Code::DeadlineBeforeAgreement,
            Finding::AcceptanceUnconfirmed { .. } => Code::UndatedAcceptance,
            Finding::MissingQuote { .. } => Code::MissingQuote,
            Finding::QuoteNotInSource { .. } => Code::QuoteNotInSource,
            Finding::UnquotedSource { .. } => Code::UnquotedSource,
            Finding::FigureNotQuoted { .. } => Code::FigureNotQuoted,
            Finding::CapNeverReached { .. }
            | Finding::MinimumNeverApplies { .. }
            | Finding::AggregateNeverReached { .. } => Code::LimitNeverBinds,
            Finding::CapAlwaysApplies { .. }
            | Finding::MinimumAlwaysApplies { .. }
            | Finding::AggregateAlwaysReached { .. } => Code::LimitAlwaysBinds,
            Finding::TotalMismatch { .. } => Code::TotalMismatch,
        }
    }

    fn severity(&self) -> Severity {
        match self {
            Finding::QuoteNotInSource { .. } => Severity::Error,
            _ => Severity::Warning,
        }
    }

    fn help(&self) -> Option<String> {
        let help = match self {
            Finding::CountWordsDisagree { .. } => "make the words and the numerals agree",
            Finding::QuoteWordsDisagree { .. } => "find out which number the parties meant, and make the words and the numerals agree",
            Finding::CountMismatch { reading, .. } => return Some(count_mismatch_help(reading.as_ref())),
            Finding::PeriodEndsBeforeStart { .. } => "check the years and the order of the two dates",
            Finding::BeforeAgreement { .. } => "a date this early usually has a wrong year",
            Finding::AcceptanceUnconfirmed { party, .. } => return Some(format!(
                "find out when {party} signed and returned the letter; a scenario records it with `{party} signed on DATE at TIME`"
            )),
            Finding::MissingQuote { .. } => "add `quote \"...\"` with the clause's text, word for word",
            Finding::QuoteNotInSource { .. } => "copy the clause's text from the source exactly; only line breaks and spacing may differ",
            Finding::UnquotedSource { .. } => "quote it in the clause that encodes it, or in a clause of its own for the document's non-operative parts (headings, signature blocks)",
            Finding::FigureNotQuoted { figure, clause, nearest: NearestQuote::Says { .. } } => return Some(format!(
                "check both against the source: if the quote is right, write its figure in the rule; if the figure comes from elsewhere, say so with `assume \"...\"` in clause {clause}, mentioning `{figure}`"
            )),
            Finding::FigureNotQuoted { figure, clause, nearest: NearestQuote::Clause { .. } } => return Some(format!(
                "check the figure against the source; if it comes from elsewhere, say so with `assume \"...\"` in clause {clause}, mentioning `{figure}`"
            )),
            Finding::CapNeverReached { .. } => "a limit the amount can never reach changes nothing: check both figures against the source",
            Finding::CapAlwaysApplies { .. } => "a limit below the whole amount it limits usually means a wrong figure: check both against the source",
            Finding::MinimumNeverApplies { .. } => "a minimum the amount is always above changes nothing: check both figures against the source",
            Finding::MinimumAlwaysApplies { .. } => "a minimum above the whole amount it raises usually means a wrong figure: check both against the source",
            Finding::AggregateNeverReached { .. } => "a limit the payments can never reach changes nothing: check the limit, the amount and the dates against the source",
            Finding::AggregateAlwaysReached { .. } => "the later payments are never paid in full as written: check the limit, the amount and the dates against the source",
            Finding::TotalMismatch { .. } => "find out which figure the parties meant, and make the text's total, the installment and the count agree",
        };
        Some(help.to_owned())
    }

    fn label(&self) -> Option<String> {
        let label = match self {
            Finding::QuoteWordsDisagree { .. } => "words and numerals disagree",
            Finding::CountMismatch { stated, .. } => {
                return Some(format!("{stated} installments stated"))
            }
            Finding::AcceptanceUnconfirmed { .. } => "the acceptance deadline",
            Finding::QuoteNotInSource { .. } => "not found in the source",
            Finding::UnquotedSource { .. } => "not encoded by any clause",
            Finding::FigureNotQuoted { .. } => "not in the quote",
            Finding::CapNeverReached { .. } | Finding::AggregateNeverReached { .. } => {
                "never reached"
            }
            Finding::CapAlwaysApplies { .. } | Finding::MinimumAlwaysApplies { .. } => {
                "always applies"
            }
            Finding::MinimumNeverApplies { .. } => "never applies",
            Finding::AggregateAlwaysReached { .. } => "always reached",
            Finding::TotalMismatch { .. } => "the total the text states",
            _ => return None,
        };
        Some(label.to_owned())
    }

    fn also(&self) -> Vec<Label> {
        let (span, text) = match self {
            Finding::CountMismatch {
                dates,
                month_ends,
                period_at,
                ..
            } => (*period_at, listed(dates, *month_ends)),
            Finding::PeriodEndsBeforeStart { from_at, .. } => (*from_at, "starts here".to_owned()),
            Finding::FigureNotQuoted {
                nearest: NearestQuote::Says { at, .. },
                ..
            } => (*at, "the quote says this".to_owned()),
            Finding::FigureNotQuoted {
                nearest:
                    NearestQuote::Clause {
                        first_line: Some(at),
                    },
                clause,
                ..
            } => (*at, format!("the quote of clause {clause}")),
            Finding::CapNeverReached { amount_at, .. }
            | Finding::CapAlwaysApplies { amount_at, .. } => {
                (*amount_at, "the amount it limits".to_owned())
            }
            Finding::MinimumNeverApplies { amount_at, .. }
            | Finding::MinimumAlwaysApplies { amount_at, .. } => {
                (*amount_at, "the amount it raises".to_owned())
            }
            Finding::AggregateNeverReached { each_at, .. }
            | Finding::AggregateAlwaysReached { each_at, .. } => {
                (*each_at, "the amount due each period".to_owned())
            }
            Finding::TotalMismatch {
                comes_to,
                schedule_at,
                ..
            } => (*schedule_at, format!("comes to {comes_to}")),
            _ => return Vec::new(),
        };
        vec![Label { span, text }]
    }
}

/// `12 dates: 2002-07-01, 2002-08-01, ...`
fn listed(dates: &[NaiveDate], month_ends: MonthEnds) -> String {
    let listed = dates
        .iter()
        .map(|d| d.format("%Y-%m-%d").to_string())
        .collect::<Vec<_>>()
        .join(", ");
    format!("{} {}: {listed}", dates.len(), month_ends.dates())
}

/// What to do about a count that disagrees with its dates: compare the
/// readings the obligation names (`reading`: its name and default
/// option), or name one.
fn count_mismatch_help(reading: Option<&(String, String)>) -> String {
    match reading {
        Some((name, default)) => format!(
            "the ledger follows the reading `{default}` of `{name}`; fix the text, or compare readings in a scenario with `assume {name} is OPTION`"
        ),
        None => "state which reading the ledger follows: `if the count and the dates disagree, follow READING`".to_owned(),
    }
}
