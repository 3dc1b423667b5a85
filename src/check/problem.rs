//! What can be wrong with an agreement's names, types and terms, as kinds
//! that own their code, severity and words (see
//! [`crate::diagnostic::problem`]).
//!
//! A secondary place a kind names (`also`) is shown only when it is in the
//! primary place's file: the checker drops the others when it places the
//! kind (`Checker::push`).

use crate::calc::calendar::long_date;
use crate::calc::money::{format_money_in, Currency, Unit};
use crate::diagnostic::codes::Code;
use crate::diagnostic::problem::Problem;
use crate::diagnostic::suggest::{join_and, join_or};
use crate::diagnostic::{Label, Severity};
use crate::source::Span;
use crate::syntax::ast::{BinOp, Kind, Type};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A problem with an agreement's names, types or terms, or with a
/// scenario's records.
#[derive(Debug, thiserror::Error)]
pub enum CheckProblem {
    // ---- declarations --------------------------------------------------
    #[error("{what} `{name}` is declared twice")]
    DeclaredTwice {
        what: Declared,
        name: String,
        first: Span,
    },
    #[error("{} must be written in {}", .what.article(), .what.file())]
    WrongFile { what: FileItem },
    #[error("the folder has a second `agreement` header")]
    SecondAgreement { first: Span },
    #[error("the agreement says twice what a business day is")]
    BusinessDaysTwice { first: Span },
    #[error("every day of the week is excluded, so no day is a business day")]
    NoBusinessDay,
    #[error("`{owner}` has more than one `default` option")]
    SeveralDefaults { owner: String },
    #[error("this agreement folder has no `agreement` header")]
    NoAgreement,
    /// A warning: the agreement reads without the parent, but its text
    /// has one.
    #[error("clause `{number}` belongs to clause `{parent}`, which is not in the agreement")]
    MissingParent { number: String, parent: String },

    // ---- names ---------------------------------------------------------
    /// A use the checker resolved but the binder found no declaration for:
    /// a bug in clausec, never the lawyer's mistake.
    #[error("clausec could not connect `{name}` to where it is declared")]
    Unbound { name: String },
    #[error("`{name}` is not a party to this agreement")]
    UnknownParty { name: String, known: Vec<String> },
    #[error("there is no {what} named `{name}`")]
    UnknownName { name: String, what: Unknown },
    #[error("there is no document named `{name}`")]
    UnknownDocument { name: String },
    #[error("`{document}` has no section `{section}`")]
    UnknownSection {
        document: String,
        section: String,
        declared: Vec<String>,
    },
    #[error("`{option}` is {by}'s to choose, not {party}'s")]
    NotTheirOption {
        option: String,
        by: String,
        party: String,
    },
    /// A scenario records an election by a party it does not belong to.
    #[error("the election `{election}` is {by}'s to make")]
    NotTheirElection { election: String, by: String },
    #[error("the reading `{reading}` is used where its options must be {}", join_or(&quoted(.meanings)))]
    ReadingWithoutMeanings {
        reading: String,
        meanings: Vec<String>,
        used: Span,
    },
    #[error("`{name}` is not a schedule of installments")]
    NotASchedule { name: String, declared: Span },
    #[error("`{name}` is written after the obligation that uses it")]
    WrittenAfter { name: String, declared: Span },

    // ---- terms ---------------------------------------------------------
    #[error("this obligation states {term} twice")]
    StatedTwice { term: &'static str, first: Span },
    #[error(
        "this obligation states twice how its amount changes: by a yearly increase and by steps"
    )]
    ChangesTwice { escalation: Span },
    #[error("this step starts on {}, not after {}", long_date(*.from), long_date(*.earlier))]
    StepOutOfOrder {
        from: NaiveDate,
        earlier: NaiveDate,
        earlier_step: Option<Span>,
    },
    #[error("only an amount due each period {}", .term.can())]
    NotEachPeriod { term: PeriodTerm },
    #[error("only a schedule of installments has remaining installments to end")]
    RemainingWithoutInstallments,
    #[error("only a schedule of installments can be amortized")]
    AmortizedWithoutInstallments,
    #[error("only a credit has an unused part")]
    UnusedWithoutCredit,
    #[error("a payment is met by the payments a scenario records, not by an event")]
    PaymentMetByEvent,
    #[error("an amount is either split into installments or due each period, not both")]
    InstallmentsAndEachPeriod,
    #[error("only a schedule's instances can be abated")]
    AbatedWithoutSchedule,
    #[error("only a schedule of level payments can say what prepayments do")]
    PrepaymentsWithoutAmortization,
    #[error("`{name}` does not say what a prepayment does")]
    NotPrepayable { name: String },
    #[error("`{words}` cannot be stated on interest on a schedule's balance")]
    LimitOnInterest { words: Bound },
    #[error("`{words}` cannot be stated on an amount due each period")]
    LimitOnEachPeriod { words: Bound, limit: String },
    #[error("a schedule counted in weeks has no day of the month")]
    WeeklyOnADay,
    /// A warning: the ledger is right, but the time the text states is
    /// not checked against anything.
    #[error("`{time}` is not compared with anything: {why}")]
    TimeNotCompared { time: String, why: Uncompared },
    #[error("{what} can only run on a payment")]
    NotOnAPayment { what: Remedy },
    #[error("a credit needs a label, so that the ledger can say where it went")]
    CreditUnlabelled,
    #[error("a credit is one amount, not a schedule")]
    CreditScheduled,
    #[error("a credit is worked out before what it is credited against, so its amount cannot use `{used}`")]
    CreditUsesObligation { used: String },
    #[error("`{target}` is not a payment from `{}` to `{obligor}`, so this credit cannot reduce it", .obligee.as_deref().unwrap_or("?"))]
    CreditReducesOther {
        target: String,
        obligee: Option<String>,
        obligor: String,
    },

    // ---- types ---------------------------------------------------------
    #[error("{what} needs {}, but this is {}", Type::Date.describe(), .found.describe())]
    NotADate { what: DateUse, found: Type },
    #[error("expected a date here; `{written}` is a number")]
    NumberForDate { written: String },
    #[error("{what} needs an amount of money, but this is {}", .found.describe())]
    NotMoney { what: MoneyUse, found: Type },
    #[error("{} cannot be compared with {}", .a.describe(), .b.describe())]
    NotComparable { a: Type, b: Type },
    #[error("`{fact}` is {}, not a fact with named values", .is.describe())]
    NotAChoiceFact { fact: String, is: Type },
    #[error("`{fact}` is {}, not a yes-or-no fact", .is.describe())]
    NotAYesNoFact { fact: String, is: Type },
    #[error("the greater or lesser of {} and {} means nothing", .a.describe(), .b.describe())]
    GreaterOrLesserOfUnlike { a: Type, b: Type },
    #[error("{} {} {} means nothing", .a.describe(), .op.symbol(), .b.describe())]
    MeaninglessOperation { op: BinOp, a: Type, b: Type },
    #[error("the two cases give {} and {}: they must be the same kind of value", .a.describe(), .b.describe())]
    CasesDiffer { a: Type, b: Type },
    #[error(
        "interest on a balance is the whole amount of an obligation, not a part of a calculation"
    )]
    InterestInCalculation,
    #[error("{} cannot be rounded to {}", .ty.describe(), .unit.words())]
    CannotRound { ty: Type, unit: Unit },
    #[error("only an amount can be converted, but this is {}", .found.describe())]
    ConvertedNotMoney { found: Type },
    #[error("a power must be a whole number, but this is {}", .found.describe())]
    PowerNotWhole { found: Type },
    #[error("{} cannot be raised to a power", .ty.describe())]
    RaisedNotANumber { ty: Type },

    // ---- currencies ----------------------------------------------------
    /// `figure` is the amount as written, when it is a plain amount (the
    /// help writes it in the wanted currency).
    #[error("{what} in {} on an amount in {}", .found.words(), .wanted.words())]
    AmountInOtherCurrency {
        what: MoneyUse,
        found: Currency,
        wanted: Currency,
        figure: Option<Decimal>,
    },
    #[error("{}", no_rate(*.combined, *.x, *.y))]
    NoExchangeRate {
        combined: Combined,
        x: Currency,
        y: Currency,
    },
    #[error("`{fact}` is an amount in {}, but this value is in {}", .declared.words(), .given.words())]
    FactInOtherCurrency {
        fact: String,
        declared: Currency,
        given: Currency,
    },
    #[error("this {what} is in {}, but `{obligation}` is owed in {}", .paid.words(), .owed.words())]
    PaidInOtherCurrency {
        what: Recorded,
        amount: Decimal,
        paid: Currency,
        obligation: String,
        owed: Currency,
    },
    #[error("a credit in {} cannot reduce `{target}`, which is owed in {}", .credit.words(), .owed.words())]
    CreditInOtherCurrency {
        credit: Currency,
        target: String,
        owed: Currency,
    },
    #[error("this compensation is in {}, but it offsets amounts in {}", .given.words(), .offsets.words())]
    CompensationInOtherCurrency { given: Currency, offsets: Currency },
    #[error("an amount in {} cannot be rounded to {}", .currency.words(), .unit.words())]
    RoundedToForeignUnit { currency: Currency, unit: Unit },
    #[error("a conversion from {} into {} changes nothing", .from.words(), .to.words())]
    ConversionChangesNothing { from: Currency, to: Currency },
    #[error("this amount is in {}, but the rate converts {}", .found.words(), .from.words())]
    ConversionFromOther { found: Currency, from: Currency },

    // ---- scenarios -----------------------------------------------------
    /// `closest` is the nearest condition a clause states, quoted whole
    /// in the help (not offered as a fix: it is a sentence, not a word).
    #[error("no clause states this condition in these words")]
    UnstatedCondition { closest: Option<String> },
    #[error("`{fact}` is {}, but this value is not", .declared.describe())]
    FactValueOfWrongKind { fact: String, declared: Type },
    #[error("this {what} is dated {}, before the agreement's own date, {}", long_date(*.date), long_date(*.agreement))]
    DatedBeforeAgreement {
        what: Recorded,
        date: NaiveDate,
        agreement: NaiveDate,
    },
    #[error("`{event}` ends on {}, before it began on {}", long_date(*.through), long_date(*.on))]
    EndsBeforeItBegins {
        event: String,
        through: NaiveDate,
        on: NaiveDate,
        began: Span,
    },
    #[error("the agreement has no obligation `{path}`")]
    UnknownExpected { path: String },
    #[error("`{path}` could be {}", join_or(&quoted(.ids)))]
    AmbiguousExpected { path: String, ids: Vec<String> },
    #[error("`{event}` is recorded twice in this scenario")]
    RecordedTwice { event: String, first: Span },
    /// A scenario's notice names (`for duty`) a notice duty between other
    /// parties, or running the other way.
    #[error("`{duty}` is a notice from `{obligor}` to `{obligee}`, but this notice is from `{from}` to `{to}`")]
    NoticeOwedByOthers {
        duty: String,
        obligor: String,
        obligee: String,
        from: String,
        to: String,
    },
    #[error("this notice from `{from}` to `{to}` could answer {}", join_or(&.duties.iter().map(NoticeDuty::in_words).collect::<Vec<_>>()))]
    SeveralNoticeDuties {
        from: String,
        to: String,
        duties: Vec<NoticeDuty>,
    },
    #[error("no clause requires a notice from `{from}` to `{to}`")]
    NoNoticeOwed {
        from: String,
        to: String,
        owed: Vec<NoticeDuty>,
    },
}

/// An enum of words: each value is written as its words.
macro_rules! worded {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $words:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(match self {
                    $($name::$variant => $words,)*
                })
            }
        }
    };
}

worded! {
    /// What an amount of money is needed for.
    MoneyUse {
        Payment => "a payment",
        Reimbursement => "a reimbursement",
        Step => "a rent table's step",
        LateFee => "a late fee",
        Cost => "a cost",
        Limit => "a limit",
        AggregateLimit => "an aggregate limit",
        Minimum => "a minimum",
        Installment => "an installment",
    }
}

worded! {
    /// What a date is needed for.
    DateUse {
        StepStart => "the date a step starts",
        InterestStart => "the start of interest",
        InstallmentsEnd => "the end of the installments",
        DueDate => "a due date",
        EffectiveDate => "an effective date",
        UnusedCredit => "the date of an unused credit",
        AbatementStart => "the start of an abatement",
        AbatementEnd => "the end of an abatement",
        PeriodStart => "a start date",
        PeriodEnd => "an end date",
        HappensBy => "`happens by`",
        LaterOrEarlier => "`the later of` or `the earlier of`",
        UnpaidBalance => "the date of an unpaid balance",
        /// The date of `the first business day ...` or `the end of the
        /// month of ...`.
        Itself => "this",
        CountedFrom => "a date counted from",
        DaysFrom => "the number of days from",
        DaysTo => "the number of days to",
        YearFractionFrom => "a fraction of a year from",
        YearFractionTo => "a fraction of a year to",
    }
}

worded! {
    /// A term only a payment can carry.
    Remedy {
        LateInterest => "late interest",
        LateFee => "a late fee",
        Interest => "interest",
        Recurring => "a recurring amount",
        Credit => "a credit",
    }
}

worded! {
    /// What a scenario records on a date.
    Recorded {
        Payment => "payment",
        Prepayment => "prepayment",
        Compensation => "compensation",
        Notice => "notice",
        Event => "event",
    }
}

worded! {
    /// A limit or a minimum, as written.
    Bound {
        NotToExceed => "not to exceed",
        NotLessThan => "not less than",
    }
}

/// What is declared twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Declared {
    Party,
    Document,
    Fact,
    Event,
    Election,
    Option,
    Reading,
    Scenario,
    Obligation,
    Clause,
}

impl std::fmt::Display for Declared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Declared::Party => "the party",
            Declared::Document => "the document",
            Declared::Fact => "the fact",
            Declared::Event => "the event",
            Declared::Election => "the election",
            Declared::Option => "the option",
            Declared::Reading => "the reading",
            Declared::Scenario => "the scenario",
            Declared::Obligation => "the obligation",
            Declared::Clause => "clause",
        })
    }
}

/// What is written in the wrong kind of file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileItem {
    Scenario,
    Clause,
}

impl FileItem {
    fn article(self) -> &'static str {
        match self {
            FileItem::Scenario => "a scenario",
            FileItem::Clause => "a clause",
        }
    }

    fn file(self) -> &'static str {
        match self {
            FileItem::Scenario => "a `.scenario` file",
            FileItem::Clause => "a `.clause` file",
        }
    }
}

/// What kind of name is unknown, and where: it decides the words and
/// what to write instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unknown {
    /// The obligation a scenario's payment is for.
    PaidObligation,
    /// An obligation another obligation names.
    NamedObligation,
    /// A value of a fact with named values.
    FactValue {
        fact: String,
    },
    Event,
    /// A reading a clause uses.
    Reading,
    /// A reading a scenario chooses.
    ChosenReading,
    /// An option a condition says a party elects.
    ElectedOption,
    /// An option a scenario chooses of a reading.
    ReadingOption,
    /// An option a scenario records a party electing.
    OfferedOption,
    /// A fact a condition compares with a named value.
    ChoiceFact,
    /// A fact a condition reads as yes or no.
    YesNoFact,
    /// A fact in an amount or a date.
    ValueFact,
    /// A fact a scenario gives a value.
    ScenarioFact,
    /// A code a scenario expects.
    Code,
    /// The notice duty a scenario's notice names; `duties` are the
    /// agreement's labelled ones.
    NoticeDuty {
        duties: Vec<String>,
    },
}

impl std::fmt::Display for Unknown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unknown::PaidObligation | Unknown::NamedObligation => f.write_str("obligation"),
            Unknown::FactValue { fact } => write!(f, "value of `{fact}`"),
            Unknown::Event => f.write_str("event"),
            Unknown::Reading | Unknown::ChosenReading => f.write_str("reading"),
            Unknown::ElectedOption => f.write_str("option"),
            Unknown::ReadingOption => f.write_str("option of this reading"),
            Unknown::OfferedOption => f.write_str("option offered"),
            Unknown::ChoiceFact
            | Unknown::YesNoFact
            | Unknown::ValueFact
            | Unknown::ScenarioFact => f.write_str("fact"),
            Unknown::Code => f.write_str("diagnostic code"),
            Unknown::NoticeDuty { .. } => f.write_str("notice duty"),
        }
    }
}

impl Unknown {
    /// What to write, when no known name is close.
    fn help(&self) -> String {
        match self {
            Unknown::PaidObligation => {
                "name the obligation by its label, as in `severance: company pays ...`"
            }
            Unknown::NamedObligation => "name a schedule of installments by its label",
            Unknown::FactValue { .. } => "use one of the values the fact's declaration names",
            Unknown::Event => "declare it in the header: `event NAME \"what happens\"`",
            Unknown::Reading => {
                "declare it with `assume NAME \"what is unclear\"` followed by its `option`s"
            }
            Unknown::ChosenReading => {
                "readings are declared in the clauses with `assume NAME ...`"
            }
            Unknown::ElectedOption => {
                "declare it with `election NAME by PARTY` and `option NAME`"
            }
            Unknown::ReadingOption => "choose one of the reading's options",
            Unknown::OfferedOption => "the agreement offers no such choice",
            Unknown::ChoiceFact => "declare it in the header: `fact NAME is one of A, B, C`",
            Unknown::YesNoFact => {
                "declare it in the header: `fact NAME is yes or no \"what it means\"`"
            }
            Unknown::ValueFact => "declare it in the header: `fact NAME is money \"what it is\"`",
            Unknown::ScenarioFact => "facts are declared in the header with `fact NAME is TYPE`",
            Unknown::Code => {
                "`clausec codes` lists every code; write its last part, as in `count_mismatch`"
            }
            Unknown::NoticeDuty { duties } if duties.is_empty() => {
                "label the notice duty in its clause (`loss_notice: lessee notifies lessor of \"...\"`), then name it here"
            }
            Unknown::NoticeDuty { duties } => {
                return format!("the notice duties are {}", join_and(&quoted(duties)))
            }
        }
        .to_owned()
    }
}

/// A term only an amount due each period can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodTerm {
    Step,
    AggregateLimit,
    Escalation,
    Proration,
}

impl PeriodTerm {
    fn can(self) -> &'static str {
        match self {
            PeriodTerm::Step => "can change to another amount",
            PeriodTerm::AggregateLimit => "can have an aggregate limit",
            PeriodTerm::Escalation => "can increase each year",
            PeriodTerm::Proration => "can be prorated by days",
        }
    }
}

/// Why a time of day is compared with nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Uncompared {
    /// On a schedule's installments.
    Schedule,
    /// On a notice of each compensation received.
    CompensationNotice,
    /// On a performance no event meets.
    Performance,
    /// On an obligation of this kind, which has no deadline to meet.
    NoDeadline(Kind),
}

impl std::fmt::Display for Uncompared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Uncompared::Schedule => f.write_str("the installments of a schedule are each due on a day; a time of day is not applied to them"),
            Uncompared::CompensationNotice => f.write_str("a notice of each compensation received is due within its time limit, counted in days"),
            Uncompared::Performance => f.write_str("nothing in a scenario records when this performance is done"),
            Uncompared::NoDeadline(kind) => {
                let article = if matches!(kind, Kind::Acceptance | Kind::Election) {
                    "an"
                } else {
                    "a"
                };
                write!(f, "{article} {kind} has no deadline a scenario can meet")
            }
        }
    }
}

impl Uncompared {
    fn help(self) -> &'static str {
        match self {
            Uncompared::Schedule => "write the time on a single payment, or state it with `assume \"...\"`",
            Uncompared::Performance => "say which event meets it, `met when EVENT happens`, and record the event with its time: `EVENT happened on DATE at TIME`",
            Uncompared::CompensationNotice | Uncompared::NoDeadline(_) => {
                "leave the time out, or state it with `assume \"...\"`"
            }
        }
    }
}

/// How two amounts are put together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Combined {
    /// `+`, `-`, `*`, `/`.
    Operation(BinOp),
    GreaterOrLesser,
    Cases,
    Comparison,
}

fn no_rate(combined: Combined, x: Currency, y: Currency) -> String {
    let (x, y) = (x.words(), y.words());
    let what = match combined {
        Combined::Operation(op) => {
            return format!(
                "an amount in {x} {} an amount in {y} needs a rate of exchange, and none is stated",
                op.symbol()
            )
        }
        Combined::GreaterOrLesser => "the greater or lesser of",
        Combined::Cases => "the two cases of",
        Combined::Comparison => "a comparison of",
    };
    format!("{what} an amount in {x} and one in {y} needs a rate of exchange, and none is stated")
}

/// A notice duty of the agreement, as a scenario's notice problem names
/// it: its clause, its label if it has one, who owes it to whom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoticeDuty {
    pub clause: String,
    pub label: Option<String>,
    pub obligor: String,
    pub obligee: String,
}

impl NoticeDuty {
    /// `` `loss_notice` (clause 6) ``, or `the unlabelled notice of clause 6`.
    fn in_words(&self) -> String {
        match &self.label {
            Some(label) => format!("`{label}` (clause {})", self.clause),
            None => format!("the unlabelled notice of clause {}", self.clause),
        }
    }

    /// `` `loss_notice` (clause 6: `lessee` to `lessor`) ``, or `the
    /// unlabelled notice of clause 6 (`lessee` to `lessor`)`.
    fn between_in_words(&self) -> String {
        let between = format!("`{}` to `{}`", self.obligor, self.obligee);
        match &self.label {
            Some(label) => format!("`{label}` (clause {}: {between})", self.clause),
            None => format!(
                "the unlabelled notice of clause {} ({between})",
                self.clause
            ),
        }
    }
}

/// Each name in backticks.
fn quoted(names: &[String]) -> Vec<String> {
    names.iter().map(|n| format!("`{n}`")).collect()
}

/// The help shared by the kinds of value that do not fit together.
const KINDS_OF_VALUE: &str =
    "amounts add to amounts; an amount can be multiplied by a number or percentage, or divided by a number";
const EACH_PERIOD: &str = "state how often the amount falls due: `each month on day 1`";
const STATE_THE_RATE: &str = "state the rate as the text does: `(€1,000.00) at 1.08 USD per EUR`";

impl Problem for CheckProblem {
    fn code(&self) -> Code {
        use CheckProblem::*;
        match self {
            DeclaredTwice { .. }
            | SecondAgreement { .. }
            | BusinessDaysTwice { .. }
            | SeveralDefaults { .. }
            | RecordedTwice { .. } => Code::DuplicateName,
            WrongFile { .. } => Code::WrongPlace,
            NoBusinessDay => Code::ImpossibleDate,
            NoAgreement => Code::MissingAgreement,
            MissingParent { .. } => Code::MissingParentClause,
            Unbound { .. } => Code::Unexpected,
            UnknownParty { .. } => Code::UnknownParty,
            UnknownName { .. }
            | NotTheirOption { .. }
            | NotTheirElection { .. }
            | ReadingWithoutMeanings { .. }
            | UnstatedCondition { .. } => Code::UnknownName,
            UnknownDocument { .. } | UnknownSection { .. } => Code::UnknownDocument,
            NotASchedule { .. }
            | WrittenAfter { .. }
            | UnknownExpected { .. }
            | AmbiguousExpected { .. }
            | NoticeOwedByOthers { .. }
            | NoNoticeOwed { .. } => Code::UnknownObligation,
            StatedTwice { .. } | ChangesTwice { .. } => Code::StatedTwice,
            StepOutOfOrder { .. } | EndsBeforeItBegins { .. } => Code::PeriodOrder,
            TimeNotCompared { .. } => Code::UnusedTime,
            NumberForDate { .. } => Code::ExpectedDate,
            DatedBeforeAgreement { .. } => Code::EventBeforeAgreement,
            SeveralNoticeDuties { .. } => Code::AmbiguousEvent,
            AmountInOtherCurrency { .. }
            | NoExchangeRate { .. }
            | FactInOtherCurrency { .. }
            | PaidInOtherCurrency { .. }
            | CreditInOtherCurrency { .. }
            | CompensationInOtherCurrency { .. }
            | RoundedToForeignUnit { .. }
            | ConversionChangesNothing { .. }
            | ConversionFromOther { .. } => Code::CurrencyMismatch,
            NotEachPeriod { .. }
            | RemainingWithoutInstallments
            | AmortizedWithoutInstallments
            | UnusedWithoutCredit
            | PaymentMetByEvent
            | InstallmentsAndEachPeriod
            | AbatedWithoutSchedule
            | PrepaymentsWithoutAmortization
            | NotPrepayable { .. }
            | LimitOnInterest { .. }
            | LimitOnEachPeriod { .. }
            | WeeklyOnADay
            | NotOnAPayment { .. }
            | CreditUnlabelled
            | CreditScheduled
            | CreditUsesObligation { .. }
            | CreditReducesOther { .. }
            | NotADate { .. }
            | NotMoney { .. }
            | NotComparable { .. }
            | NotAChoiceFact { .. }
            | NotAYesNoFact { .. }
            | GreaterOrLesserOfUnlike { .. }
            | MeaninglessOperation { .. }
            | CasesDiffer { .. }
            | InterestInCalculation
            | CannotRound { .. }
            | ConvertedNotMoney { .. }
            | PowerNotWhole { .. }
            | RaisedNotANumber { .. }
            | FactValueOfWrongKind { .. } => Code::TypeMismatch,
        }
    }

    fn severity(&self) -> Severity {
        match self {
            CheckProblem::MissingParent { .. } | CheckProblem::TimeNotCompared { .. } => {
                Severity::Warning
            }
            _ => Severity::Error,
        }
    }

    fn help(&self) -> Option<String> {
        use CheckProblem::*;
        let help = match self {
            DeclaredTwice { what: Declared::Clause, .. } => "renumber one of the two clauses, or merge them",
            DeclaredTwice { .. } => "give each a different name, or delete one",
            WrongFile { .. } => "move it to a file of its own with the right ending",
            SecondAgreement { .. } => "an agreement folder holds one agreement; move the other to a folder of its own",
            BusinessDaysTwice { .. } => "keep one `business days exclude ...` line, listing every day that is not a business day",
            NoBusinessDay => "list only the days of the week that are not business days, such as `Saturdays, Sundays`",
            SeveralDefaults { .. } => "mark one option `default`: the one the ledger follows when no scenario chooses",
            NoAgreement => "add `agreement \"Title\" dated DATE source \"source.txt\"` to a file such as `agreement.clause`",
            Unbound { .. } => "this is a bug in clausec; please report it with the file",
            MissingParent { parent, .. } => return Some(format!("add `clause {parent} \"Title\"` with the opening words of clause {parent}")),
            UnknownParty { known, .. } if known.is_empty() => "declare the parties in the header file: `party employee \"Full Name\"`",
            UnknownParty { known, .. } => return Some(format!(
                "the parties are {}; declare others with `party NAME \"Full Name\"`",
                join_or(&quoted(known))
            )),
            UnknownName { what, .. } => return Some(what.help()),
            UnknownDocument { .. } => "declare it in the header: `document NAME \"Title\" dated DATE`",
            UnknownSection { section, declared, .. } if declared.is_empty() => return Some(format!(
                "declare it under the document: `section {section} \"Title\"`"
            )),
            UnknownSection { document, declared, .. } => return Some(format!(
                "the declared sections of `{document}` are {}; declare others with `section NUMBER \"Title\"`",
                join_and(&quoted(declared))
            )),
            NotTheirOption { option, by, .. } => return Some(format!("write `{by} elects {option}`")),
            NotTheirElection { .. } => return None,
            ReadingWithoutMeanings { meanings, .. } => return Some(format!("name the options {}", join_or(&quoted(meanings)))),
            NotASchedule { .. } => "name the label of a `pays ... in N equal ... installments` obligation",
            WrittenAfter { .. } => "move this obligation after the schedule it names (a later clause, or lower in the same clause)",
            StatedTwice { .. } => "keep the one the text says and delete the other",
            ChangesTwice { .. } => "keep the one the text says: `increasing each year ...` or the `becoming ... from ...` lines",
            StepOutOfOrder { .. } => "write the steps in date order, each after the schedule's first date",
            NotEachPeriod { term: PeriodTerm::AggregateLimit } => "state how often the amount falls due (`each month ...`), or write a limit on the whole amount: `not to exceed ...`",
            NotEachPeriod { .. } => EACH_PERIOD,
            RemainingWithoutInstallments => "move it under the `pays ... in N equal ... installments` obligation it ends",
            AmortizedWithoutInstallments => "state the installments: `in 360 equal monthly installments on day 1 from DATE`",
            UnusedWithoutCredit => "say what the credit reduces: `credited against LABEL`",
            PaymentMetByEvent => "record the payment: `PARTY paid PARTY $X on DATE for LABEL`",
            InstallmentsAndEachPeriod => "keep `in N equal ... installments` (a total split) or `each month` (the amount due every month)",
            AbatedWithoutSchedule => "abate the instances of an amount due each period (`each month ...`) or of installments",
            PrepaymentsWithoutAmortization => "state the loan's rate: `amortized at 6% per annum, 30/360`",
            NotPrepayable { .. } => "its clause must say `prepayments shorten the term` or `prepayments reduce the payment`, as the text does; otherwise record a payment with `paid`",
            LimitOnInterest { .. } => "the ledger cannot yet hold interest on a balance to a limit: remove the limit, and record it with `assume \"GAP: ...\"`",
            LimitOnEachPeriod { limit, .. } => return Some(format!("for a limit on all the payments together, write `in aggregate not to exceed {limit}`; for one on each payment, write it in the amount: `the lesser of AMOUNT and {limit}` (`the greater of` for a minimum)")),
            WeeklyOnADay => "remove `on ...`: each date falls on the weekday of the first one (`from DATE`)",
            TimeNotCompared { why, .. } => why.help(),
            NotOnAPayment { what } => return Some(format!("move {what} under the `pays` obligation it belongs to")),
            CreditUnlabelled => "name it: `service_credit: provider pays customer ...`",
            CreditScheduled => "write each credit as its own obligation",
            CreditUsesObligation { .. } => "write the credit's amount from figures and facts",
            CreditReducesOther { .. } => "a credit from one party reduces what the other party pays it: name that payment",
            NumberForDate { .. } => "write a date as `June 6, 2002` or `2002-06-06`, or count one: `30 days after the date of delivery`",
            MeaninglessOperation { .. } => "amounts add to amounts; an amount can be multiplied by a number or percentage, or divided by a number; a date plus a duration is a date",
            RaisedNotANumber { .. } => "raise a number or a rate, then multiply the amount by it: `$1,000.00 * (1 + 5%) to the power of 3`",
            NotADate { .. }
            | NotMoney { .. }
            | NotComparable { .. }
            | NotAChoiceFact { .. }
            | NotAYesNoFact { .. }
            | GreaterOrLesserOfUnlike { .. }
            | CasesDiffer { .. }
            | InterestInCalculation
            | CannotRound { .. }
            | ConvertedNotMoney { .. }
            | PowerNotWhole { .. } => KINDS_OF_VALUE,
            AmountInOtherCurrency { wanted, figure: Some(figure), .. } => return Some(format!(
                "write it in {}, the currency of the amount it goes with: `{}`, if that is what the text says",
                wanted.words(),
                crate::syntax::print::money_literal_in(*figure, *wanted)
            )),
            AmountInOtherCurrency { wanted, .. } => return Some(format!(
                "write it in {}, the currency of the amount it goes with",
                wanted.words()
            )),
            NoExchangeRate { .. } => "write both amounts in the currency the text uses, or convert one at the rate the text states: `(€1,000.00) at 1.08 USD per EUR`",
            FactInOtherCurrency { fact, declared: Currency::Usd, given } => return Some(format!(
                "if the fact is in {}, declare it so: `fact {fact} is money in {}`",
                given.words(),
                given.code()
            )),
            FactInOtherCurrency { declared, .. } => return Some(format!("write the amount in {}", declared.words())),
            PaidInOtherCurrency { amount, owed, .. } => return Some(format!(
                "record the amount paid in {}: `{}`",
                owed.words(),
                format_money_in(*amount, *owed)
            )),
            CreditInOtherCurrency { .. } => "write the credit in the currency of what it reduces",
            CompensationInOtherCurrency { offsets, .. } => return Some(format!(
                "record the compensation in {}, as the amounts it reduces",
                offsets.words()
            )),
            RoundedToForeignUnit { currency, .. } => return Some(format!(
                "write `rounded ... to {}`",
                Unit::smallest(*currency).words()
            )),
            ConversionChangesNothing { .. } | ConversionFromOther { .. } => STATE_THE_RATE,
            UnstatedCondition { closest: Some(closest) } => return Some(format!("did you mean \"{closest}\"?")),
            UnstatedCondition { closest: None } => "write the condition exactly as a clause states it: `if \"...\"`",
            FactValueOfWrongKind { declared, .. } => return Some(format!("write {}", example_of(*declared))),
            DatedBeforeAgreement { .. } => "check the year of the date",
            EndsBeforeItBegins { .. } => "swap the two dates, or check the year",
            UnknownExpected { .. } => "name an obligation as the ledger does (`2(b).severance`, `2(b).severance[3]` for one installment) or by its label alone",
            AmbiguousExpected { .. } => "write the obligation's full id, with its clause",
            RecordedTwice { .. } => "an event happens once: keep the date it happened, or record a lasting event `from DATE through DATE`",
            NoticeOwedByOthers { duty, obligor, obligee, .. } => return Some(format!(
                "if this is the notice `{duty}` requires, write `{obligor} notified {obligee} ...`; otherwise end the line with `for` and the label of the notice it answers"
            )),
            SeveralNoticeDuties { duties, .. } => return Some(several_duties_help(duties)),
            NoNoticeOwed { owed, .. } if owed.is_empty() => "a notice event records a notice that a clause requires (`PARTY notifies PARTY of \"...\"`); this agreement requires none",
            NoNoticeOwed { owed, .. } => return Some(format!(
                "the agreement's notice duties are {}; check which party gave the notice and which received it",
                join_and(&owed.iter().map(NoticeDuty::between_in_words).collect::<Vec<_>>())
            )),
        };
        Some(help.to_owned())
    }

    fn label(&self) -> Option<String> {
        use CheckProblem::*;
        let label = match self {
            DeclaredTwice { .. } => "declared again here",
            UnknownParty { .. } => "unknown party",
            UnknownName { what, .. } => return Some(format!("unknown {what}")),
            UnknownDocument { .. } => "unknown document",
            UnknownSection { .. } => "unknown section",
            ReadingWithoutMeanings { .. } => "clausec does not know what this option means here",
            StatedTwice { .. } => "stated again here",
            ChangesTwice { .. } => "a step",
            StepOutOfOrder { .. } => "not after the date before it",
            NotPrepayable { .. } => "prepaid",
            TimeNotCompared { .. } => "this time of day",
            NumberForDate { .. } => "not a date",
            NotADate { .. }
            | NotMoney { .. }
            | NotComparable { .. }
            | NotAChoiceFact { .. }
            | NotAYesNoFact { .. }
            | GreaterOrLesserOfUnlike { .. }
            | MeaninglessOperation { .. }
            | CasesDiffer { .. }
            | InterestInCalculation
            | CannotRound { .. }
            | ConvertedNotMoney { .. }
            | PowerNotWhole { .. }
            | RaisedNotANumber { .. }
            | FactValueOfWrongKind { .. } => "wrong kind of value",
            AmountInOtherCurrency { .. }
            | NoExchangeRate { .. }
            | FactInOtherCurrency { .. }
            | PaidInOtherCurrency { .. }
            | CreditInOtherCurrency { .. }
            | CompensationInOtherCurrency { .. }
            | ConversionChangesNothing { .. }
            | ConversionFromOther { .. } => "two currencies",
            RoundedToForeignUnit { currency, .. } => {
                return Some(format!("not a unit of {}", currency.words()))
            }
            UnstatedCondition { .. } => "not found in any clause",
            UnknownExpected { .. } => "no such obligation",
            AmbiguousExpected { .. } => "several obligations have this name",
            NoticeOwedByOthers {
                obligor, obligee, ..
            } => return Some(format!("owed by `{obligor}` to `{obligee}`")),
            SeveralNoticeDuties { duties, .. } => {
                return Some(format!("could answer {} notice duties", duties.len()))
            }
            NoNoticeOwed { .. } => "answers no notice duty",
            _ => return None,
        };
        Some(label.to_owned())
    }

    fn also(&self) -> Vec<Label> {
        use CheckProblem::*;
        let (span, text) = match self {
            DeclaredTwice { first, .. } => (*first, "first declared here"),
            SecondAgreement { first } => (*first, "the first one"),
            BusinessDaysTwice { first } => (*first, "first said here"),
            ChangesTwice { escalation } => (*escalation, "a yearly increase"),
            StepOutOfOrder {
                earlier_step: Some(step),
                ..
            } => (*step, "the step before"),
            StatedTwice { first, .. } => (*first, "first stated here"),
            NotASchedule { declared, .. } | WrittenAfter { declared, .. } => {
                (*declared, "the schedule")
            }
            ReadingWithoutMeanings { used, .. } => (*used, "used here"),
            EndsBeforeItBegins { began, .. } => (*began, "began here"),
            RecordedTwice { first, .. } => (*first, "first recorded here"),
            _ => return Vec::new(),
        };
        vec![Label {
            span,
            text: text.to_owned(),
        }]
    }
}

/// What a notice that could answer several duties should say.
fn several_duties_help(duties: &[NoticeDuty]) -> String {
    let labels: Vec<String> = duties
        .iter()
        .filter_map(|d| d.label.as_ref().map(|l| format!("`for {l}`")))
        .collect();
    if labels.len() == duties.len() {
        format!(
            "say which duty this notice answers: end the line with {}",
            join_or(&labels)
        )
    } else {
        "label each notice duty in its clause (`NAME: PARTY notifies ...`), then end this line with `for NAME`".to_owned()
    }
}

/// A value of the kind a fact is declared as, for the help of a value of
/// another kind.
fn example_of(declared: Type) -> String {
    match declared {
        Type::Money(currency) => {
            let example = format_money_in(Decimal::from(4000), currency);
            return format!("an amount such as `{example}`");
        }
        Type::Date => "a date such as `June 6, 2002`",
        Type::Duration => "a duration such as `10 days`",
        Type::Percentage => "a percentage such as `18%`",
        Type::Count | Type::Number => "a number such as `12`",
        Type::YesNo => "`yes` or `no`",
        Type::Choice => "one of the values its declaration names",
    }
    .to_owned()
}
