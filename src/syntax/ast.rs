//! The typed syntax tree. Every node carries the [`Span`] it came from, so
//! every later diagnostic can point at the lawyer's own text.
//!
//! Spans are left out of equality (every [`Span`] equals every other), so
//! two files that differ only in layout have equal trees: that is how
//! `clausec fmt` proves it changed nothing but the layout.

pub use crate::calc::business::{BuiltIn, Roll};
pub use crate::calc::calendar::{DayRule, Duration, DurationUnit, Frequency, SpanUnit};
pub use crate::calc::money::{Currency, DayCount, Remainder, RoundingMode, Unit};
pub use crate::calc::zone::Zone;
use crate::source::Span;
pub use crate::syntax::ids::{
    ClauseId, ElectionId, EventId, FactId, Occasion, OptionId, PartyId, ReadingId, Slot,
};
use chrono::{NaiveDate, NaiveTime};
use rust_decimal::Decimal;

/// A value with the place it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    pub node: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(node: T, span: Span) -> Self {
        Spanned { node, span }
    }
}

pub type Name = Spanned<String>;

/// A use of a declared name: the name as written, and (once checked) the
/// id of its declaration.
#[derive(Clone, Debug, PartialEq)]
pub struct Ref<I> {
    pub name: Name,
    pub id: Slot<I>,
}

impl<I> Ref<I> {
    /// A use as parsed, not yet resolved.
    pub fn to(name: Name) -> Ref<I> {
        Ref {
            name,
            id: Slot::default(),
        }
    }
}

impl<I: Copy + PartialEq> Ref<I> {
    /// Whether two uses name the same declaration: both bound, to one id.
    pub fn names_same(&self, other: &Ref<I>) -> bool {
        self.id.get().is_some() && self.id.get() == other.id.get()
    }
}
pub type Text = Spanned<String>;
pub type DateLit = Spanned<NaiveDate>;

/// One parsed file: its top-level items in order.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct File {
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Agreement(Agreement),
    Party(Party),
    Document(Document),
    Fact(FactDecl),
    Election(Election),
    Assumption(Assumption),
    Signature(Signature),
    Event(EventDecl),
    BusinessDays(BusinessDays),
    Clause(Clause),
    Scenario(Scenario),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Agreement {
    pub title: Text,
    pub dated: Option<DateLit>,
    pub source: Option<Text>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Party {
    pub name: Name,
    pub legal_name: Text,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub name: Name,
    pub title: Text,
    pub dated: Option<DateLit>,
    pub sections: Vec<Section>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub number: Name,
    pub title: Option<Text>,
}

/// The kinds of value a fact, expression or literal can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    /// An amount in a currency (`money` is dollars, `money in EUR` euros).
    Money(Currency),
    Date,
    Duration,
    Percentage,
    Count,
    Number,
    YesNo,
    /// One of the named values a fact declares (`one of a, b, c`).
    Choice,
}

impl Type {
    /// The word a lawyer would use.
    pub fn describe(self) -> &'static str {
        match self {
            Type::Money(Currency::Usd) => "an amount of money",
            Type::Money(Currency::Eur) => "an amount in euros",
            Type::Money(Currency::Gbp) => "an amount in pounds sterling",
            Type::Money(Currency::Chf) => "an amount in Swiss francs",
            Type::Money(Currency::Jpy) => "an amount in yen",
            Type::Money(Currency::Cad) => "an amount in Canadian dollars",
            Type::Date => "a date",
            Type::Duration => "a duration",
            Type::Percentage => "a percentage",
            Type::Count => "a count",
            Type::Number => "a number",
            Type::YesNo => "a yes-or-no fact",
            Type::Choice => "one of its named values",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct FactDecl {
    pub name: Name,
    pub ty: Spanned<Type>,
    /// The values a fact of type [`Type::Choice`] may take.
    pub options: Vec<Name>,
    pub description: Option<Text>,
}

/// A choice a party makes (`election`), or a reading of ambiguous text
/// (`assume NAME ...`): a name with named options, one of them the default.
#[derive(Clone, Debug, PartialEq)]
pub struct Election {
    pub name: Name,
    pub by: Name,
    pub description: Option<Text>,
    pub options: Vec<OptionDecl>,
    /// Its place in the checked model's elections, once checked.
    pub id: Slot<ElectionId>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OptionDecl {
    pub name: Name,
    pub description: Option<Text>,
    pub is_default: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Assumption {
    /// `assume "interest is simple, actual/365"`
    Stated(Text),
    /// `assume interest_start "when interest runs" option due_date ... option grace_end ...`
    Reading {
        name: Name,
        description: Text,
        options: Vec<OptionDecl>,
    },
}

/// `event delivery "the Seller delivers the Lathe"`: something a scenario
/// may record as having happened on a date.
#[derive(Clone, Debug, PartialEq)]
pub struct EventDecl {
    pub name: Name,
    pub description: Option<Text>,
}

/// `business days exclude Saturdays, Sundays and United States federal
/// holidays`: what the agreement calls a business day.
#[derive(Clone, Debug, PartialEq)]
pub struct BusinessDays {
    pub weekend: Vec<Spanned<chrono::Weekday>>,
    pub built_ins: Vec<Spanned<BuiltIn>>,
    pub holidays: Vec<DateLit>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Signature {
    pub party: Name,
    pub signed_as: Option<Text>,
    pub when: SignatureDate,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum SignatureDate {
    /// The document does not say.
    Unstated,
    /// The date line is there but empty.
    LeftBlank(Span),
    On(DateLit, Option<Spanned<NaiveTime>>, Option<Spanned<Zone>>),
}

/// `5:00 p.m. Pacific Time`: a time of day as written, perhaps in a zone.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeOfDay {
    pub time: Spanned<NaiveTime>,
    pub zone: Option<Spanned<Zone>>,
}

impl TimeOfDay {
    /// The time and zone, without where they were written.
    pub fn clock(&self) -> crate::calc::zone::Clock {
        crate::calc::zone::Clock {
            at: self.time.node,
            zone: self.zone.as_ref().map(|z| z.node),
        }
    }

    /// From the time through the zone.
    pub fn span(&self) -> Span {
        self.zone
            .as_ref()
            .map_or(self.time.span, |z| self.time.span.to(z.span))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Clause {
    pub number: Name,
    pub title: Option<Text>,
    pub quotes: Vec<Text>,
    pub assumptions: Vec<Assumption>,
    pub elections: Vec<Election>,
    pub facts: Vec<FactDecl>,
    pub events: Vec<EventDecl>,
    pub obligations: Vec<Obligation>,
    /// The `clause 2(b) "..."` line.
    pub head_span: Span,
}

/// The kind of an obligation, fixed by its verb.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Payment,
    Benefit,
    Reimbursement,
    Performance,
    Notice,
    Release,
    Survival,
    Restriction,
    Right,
    Acceptance,
    Election,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Payment => "payment",
            Kind::Benefit => "benefit",
            Kind::Reimbursement => "reimbursement",
            Kind::Performance => "performance",
            Kind::Notice => "notice",
            Kind::Release => "release",
            Kind::Survival => "survival",
            Kind::Restriction => "restriction",
            Kind::Right => "right",
            Kind::Acceptance => "acceptance",
            Kind::Election => "election",
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an obligation is about, beyond its kind.
#[derive(Clone, Debug, PartialEq)]
pub enum Subject {
    /// `pays employee EXPR`
    Amount(Expr),
    /// `provides employee "..."`, `performs "..."`, `may "..."`
    Described(Text),
    /// `reimburses employee "..." EXPR?`
    Reimbursed(Text, Option<Expr>),
    /// `releases employee from employment_agreement section 9`
    DocumentRef(DocumentRef),
    /// `notifies company of compensation employee receives`
    CompensationReceived(Ref<PartyId>),
    /// `signs "..." by 1:30 p.m. on June 6, 2002`
    Deadline {
        what: Option<Text>,
        date: DateLit,
        time: Spanned<NaiveTime>,
        zone: Option<Spanned<Zone>>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct DocumentRef {
    pub document: Name,
    pub section: Option<Name>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Obligation {
    pub label: Option<Name>,
    pub kind: Kind,
    pub obligor: Ref<PartyId>,
    pub obligee: Option<Ref<PartyId>>,
    pub subject: Subject,
    /// Its terms in the order written.
    pub modifiers: Vec<Modifier>,
    /// Its terms by meaning, gathered from `modifiers`.
    pub terms: Terms,
    pub span: Span,
}

/// `six (6)`: a count, with the words it was written in, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct Count {
    pub value: Spanned<u32>,
    pub words: Option<Spanned<String>>,
}

/// When late interest starts to run.
#[derive(Clone, Debug, PartialEq)]
pub enum InterestStart {
    DueDate,
    GraceEnd,
    /// Decided by a named reading whose options are `due_date` / `grace_end`.
    Reading(Ref<ReadingId>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct LateInterest {
    pub rate: Spanned<Decimal>,
    pub start: Option<InterestStart>,
    pub day_count: Option<Spanned<DayCount>>,
    pub span: Span,
}

/// A late fee: a share of the late payment, or an amount.
#[derive(Clone, Debug, PartialEq)]
pub enum LateFee {
    /// `5% of the installment`
    Share(Spanned<Decimal>),
    /// `$50.00`
    Amount(Expr),
}

/// Interest on the whole amount from a date until paid.
#[derive(Clone, Debug, PartialEq)]
pub struct AccruedInterest {
    pub rate: Spanned<Decimal>,
    pub from: Expr,
    pub day_count: Option<Spanned<DayCount>>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Period {
    pub from: Option<Expr>,
    pub through: Option<Expr>,
    pub span: Span,
}

/// `in 6 equal monthly installments on the last day of the month`
#[derive(Clone, Debug, PartialEq)]
pub struct Installments {
    pub count: Count,
    pub frequency: Frequency,
    /// The amount of each installment, where the text states it too.
    pub each: Option<Expr>,
    pub day: Option<DayRule>,
    pub span: Span,
}

/// `each month on day 1`: the amount falls due at every date.
#[derive(Clone, Debug, PartialEq)]
pub struct Recurring {
    pub frequency: Frequency,
    pub day: Option<DayRule>,
    pub span: Span,
}

/// `increasing each year to 102.5% of the preceding year's amount, rounded ...`
#[derive(Clone, Debug, PartialEq)]
pub struct Escalation {
    pub rate: Spanned<Decimal>,
    pub rounding: crate::calc::money::Rounding,
    pub span: Span,
}

/// `abated from DATE through DATE`
#[derive(Clone, Debug, PartialEq)]
pub struct Abatement {
    pub from: Expr,
    pub through: Expr,
    pub span: Span,
}

/// `becoming $10,500.00 from March 1, 2026`: one step of a rent table.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub amount: Expr,
    pub from: Expr,
    pub span: Span,
}

/// `reduced by compensation employee receives from ... through ...`
#[derive(Clone, Debug, PartialEq)]
pub struct Offset {
    pub receiver: Ref<PartyId>,
    pub period: Option<Period>,
    pub span: Span,
}

/// `amortized at 6% per annum, 30/360`: level payments of principal and
/// interest.
#[derive(Clone, Debug, PartialEq)]
pub struct Amortized {
    pub rate: Spanned<Decimal>,
    pub day_count: Option<Spanned<DayCount>>,
    pub span: Span,
}

/// `unused credit refunded on DATE` / `unused credit lapses on DATE`
#[derive(Clone, Debug, PartialEq)]
pub struct UnusedCreditTerm {
    pub fate: UnusedCredit,
    pub on: Expr,
    pub span: Span,
}

/// `then employee may ...`: what follows the obligation.
#[derive(Clone, Debug, PartialEq)]
pub struct Then {
    pub party: Name,
    pub what: Text,
}

/// One term of an obligation, as written. [`Obligation::modifiers`] keeps
/// them in the order written (the checker reports a term stated twice, the
/// ledger words them in that order); [`Terms`] holds them by meaning.
#[derive(Clone, Debug, PartialEq)]
pub enum Modifier {
    Installments(Installments),
    Recurring(Recurring),
    Escalation(Escalation),
    Abatement(Abatement),
    Step(Step),
    /// `prorated by days`
    Prorated(Span),
    /// `prepayments shorten the term` / `prepayments reduce the payment`
    Prepayments(crate::calc::amortize::AfterPrepayment, Span),
    /// `if the count and the dates disagree, follow READING`
    ConflictRule(Ref<ReadingId>),
    /// `business day convention following`
    Roll(Roll, Span),
    Rounding(RoundingMode, Unit, Span),
    Remainder(Remainder, Span),
    Period(Period),
    /// `on DATE` or `by DATE`
    On(Expr),
    /// `by 5:00 p.m. Pacific Time on DATE`: the hour of the day of its
    /// `On` (written together, lowered as two terms so that every reader
    /// of the date reads it as before)
    ByTime(TimeOfDay),
    Effective(Expr),
    For(Spanned<Duration>),
    Within(Spanned<Duration>),
    Offset(Offset),
    Grace(Spanned<Duration>),
    LateInterest(LateInterest),
    /// `late fee 5% of the installment`, `late fee $50.00`
    LateFee(LateFee, Span),
    /// `interest 10% per annum from DATE until paid, ...`
    Interest(AccruedInterest),
    /// `remaining installments end on DATE`
    RemainingEnd(Expr),
    Cost(Expr),
    Cap(Expr),
    /// `in aggregate not to exceed EXPR`: over all of a schedule's instances
    AggregateCap(Expr),
    /// `not less than EXPR`
    Floor(Expr),
    Condition(Condition),
    Lapses(Span),
    /// `met when EVENT happens`
    MetWhen(Ref<Occasion>),
    Amortized(Amortized),
    /// `credited against LABEL`: paid by reducing what the other party owes
    /// under LABEL
    CreditedAgainst(Name),
    UnusedCredit(UnusedCreditTerm),
    Then(Then),
}

/// An obligation's terms by meaning: each term it may state once is an
/// `Option`, its conditions (which must all hold) a list. Gathered from the
/// terms as written when the obligation is lowered; the evaluator reads
/// only this. A term written twice keeps its first statement here, and the
/// checker reports the second (`stated_twice`), so no model with a term
/// stated twice is ever evaluated.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Terms {
    pub installments: Option<Installments>,
    pub recurring: Option<Recurring>,
    pub escalation: Option<Escalation>,
    pub abatement: Option<Abatement>,
    /// A rent table's steps, in the order written (the checker holds them
    /// in date order).
    pub steps: Vec<Step>,
    pub prorated: Option<Span>,
    pub prepayments: Option<Spanned<crate::calc::amortize::AfterPrepayment>>,
    pub conflict_rule: Option<Ref<ReadingId>>,
    pub roll: Option<Spanned<Roll>>,
    pub rounding: Option<Spanned<crate::calc::money::Rounding>>,
    pub remainder: Option<Spanned<Remainder>>,
    pub period: Option<Period>,
    pub on: Option<Expr>,
    /// The hour of `on`: `by 5:00 p.m. Pacific Time on DATE`.
    pub by_time: Option<TimeOfDay>,
    pub effective: Option<Expr>,
    pub lasts: Option<Spanned<Duration>>,
    pub within: Option<Spanned<Duration>>,
    pub offset: Option<Offset>,
    pub grace: Option<Spanned<Duration>>,
    pub late_interest: Option<LateInterest>,
    pub late_fee: Option<Spanned<LateFee>>,
    pub interest: Option<AccruedInterest>,
    pub remaining_end: Option<Expr>,
    pub cost: Option<Expr>,
    pub cap: Option<Expr>,
    pub aggregate_cap: Option<Expr>,
    pub floor: Option<Expr>,
    pub conditions: Vec<Condition>,
    pub lapses: Option<Span>,
    pub met_when: Option<Ref<Occasion>>,
    pub amortized: Option<Amortized>,
    pub credited_against: Option<Name>,
    pub unused_credit: Option<UnusedCreditTerm>,
    pub then: Option<Then>,
}

impl Terms {
    /// The terms of `modifiers` by meaning, the first statement of each.
    pub fn gather(modifiers: &[Modifier]) -> Terms {
        let mut terms = Terms::default();
        for modifier in modifiers {
            terms.add(modifier);
        }
        terms
    }

    /// Whether it falls due more than once: in installments, or each period.
    pub fn is_scheduled(&self) -> bool {
        self.installments.is_some() || self.recurring.is_some()
    }

    fn add(&mut self, modifier: &Modifier) {
        fn first<T: Clone>(slot: &mut Option<T>, value: &T) {
            if slot.is_none() {
                *slot = Some(value.clone());
            }
        }
        use crate::calc::money::Rounding as StatedRounding;
        match modifier {
            Modifier::Installments(m) => first(&mut self.installments, m),
            Modifier::Recurring(m) => first(&mut self.recurring, m),
            Modifier::Escalation(m) => first(&mut self.escalation, m),
            Modifier::Abatement(m) => first(&mut self.abatement, m),
            Modifier::Step(m) => self.steps.push(m.clone()),
            Modifier::Prorated(span) => first(&mut self.prorated, span),
            Modifier::Prepayments(after, span) => {
                first(&mut self.prepayments, &Spanned::new(*after, *span))
            }
            Modifier::ConflictRule(name) => first(&mut self.conflict_rule, name),
            Modifier::Roll(roll, span) => first(&mut self.roll, &Spanned::new(*roll, *span)),
            Modifier::Rounding(mode, unit, span) => first(
                &mut self.rounding,
                &Spanned::new(
                    StatedRounding {
                        mode: *mode,
                        unit: *unit,
                    },
                    *span,
                ),
            ),
            Modifier::Remainder(r, span) => first(&mut self.remainder, &Spanned::new(*r, *span)),
            Modifier::Period(p) => first(&mut self.period, p),
            Modifier::On(e) => first(&mut self.on, e),
            Modifier::ByTime(t) => first(&mut self.by_time, t),
            Modifier::Effective(e) => first(&mut self.effective, e),
            Modifier::For(d) => first(&mut self.lasts, d),
            Modifier::Within(d) => first(&mut self.within, d),
            Modifier::Offset(m) => first(&mut self.offset, m),
            Modifier::Grace(d) => first(&mut self.grace, d),
            Modifier::LateInterest(m) => first(&mut self.late_interest, m),
            Modifier::LateFee(fee, span) => {
                first(&mut self.late_fee, &Spanned::new(fee.clone(), *span))
            }
            Modifier::Interest(m) => first(&mut self.interest, m),
            Modifier::RemainingEnd(e) => first(&mut self.remaining_end, e),
            Modifier::Cost(e) => first(&mut self.cost, e),
            Modifier::Cap(e) => first(&mut self.cap, e),
            Modifier::AggregateCap(e) => first(&mut self.aggregate_cap, e),
            Modifier::Floor(e) => first(&mut self.floor, e),
            Modifier::Condition(c) => self.conditions.push(c.clone()),
            Modifier::Lapses(span) => first(&mut self.lapses, span),
            Modifier::MetWhen(name) => first(&mut self.met_when, name),
            Modifier::Amortized(m) => first(&mut self.amortized, m),
            Modifier::CreditedAgainst(name) => first(&mut self.credited_against, name),
            Modifier::UnusedCredit(m) => first(&mut self.unused_credit, m),
            Modifier::Then(m) => first(&mut self.then, m),
        }
    }
}

impl Modifier {
    /// The term a modifier states, in words, for a term an obligation may
    /// state only once; `None` for a condition (`if` may be repeated: the
    /// conditions must all hold), a step of a rent table, and a deadline's
    /// time of day (its date is the term counted).
    pub fn once_only_term(&self) -> Option<&'static str> {
        Some(match self {
            Modifier::Installments(_) => "its installments (`in ... installments`)",
            Modifier::Recurring(_) => "how often it falls due (`each month ...`)",
            Modifier::Escalation(_) => "its escalation (`increasing each year ...`)",
            Modifier::Abatement(_) => "its abatement (`abated from ... through ...`)",
            Modifier::ConflictRule(_) => {
                "which reading to follow (`if the count and the dates disagree, follow ...`)"
            }
            Modifier::Roll(..) => "its business day convention (`business day convention ...`)",
            Modifier::Rounding(..) => "its rounding (`rounded ...`)",
            Modifier::Remainder(..) => {
                "where the remainder goes (`remainder on the ... installment`)"
            }
            Modifier::Period(_) => "its period (`from ... through ...`)",
            Modifier::On(_) => "its date (`on ...` or `by ...`)",
            // Written only with its date, which is counted once already.
            Modifier::ByTime(_) => return None,
            Modifier::Effective(_) => "when it takes effect (`effective ...`)",
            Modifier::For(_) => "how long it lasts (`for ...`)",
            Modifier::Within(_) => "its time limit (`within ...`)",
            Modifier::Offset(_) => "its offset (`reduced by ...`)",
            Modifier::Grace(_) => "its grace period (`grace period ...`)",
            Modifier::LateInterest(_) => "its late interest (`late interest ...`)",
            Modifier::LateFee(..) => "its late fee (`late fee ...`)",
            Modifier::Interest(_) => "its interest (`interest ... until paid`)",
            Modifier::RemainingEnd(_) => {
                "when its remaining installments end (`remaining installments end on ...`)"
            }
            Modifier::Cost(_) => "its cost (`at a cost of ...`)",
            Modifier::Cap(_) => "its limit (`not to exceed ...`)",
            Modifier::AggregateCap(_) => "its aggregate limit (`in aggregate not to exceed ...`)",
            Modifier::Floor(_) => "its minimum (`not less than ...`)",
            Modifier::Lapses(_) => "that the offer lapses (`otherwise the offer lapses`)",
            Modifier::MetWhen(_) => "the event that meets it (`met when ... happens`)",
            Modifier::CreditedAgainst(_) => "what it is credited against (`credited against ...`)",
            Modifier::Amortized(_) => "its amortisation (`amortized at ...`)",
            Modifier::UnusedCredit(_) => {
                "what becomes of an unused credit (`unused credit refunded on ...`)"
            }
            Modifier::Then(_) => "what follows it (`then ...`)",
            Modifier::Prorated(_) => "its proration (`prorated by days`)",
            Modifier::Prepayments(..) => "what prepayments do (`prepayments ...`)",
            Modifier::Condition(_) | Modifier::Step(_) => return None,
        })
    }

    /// Where the modifier is written (for a condition, nothing: conditions
    /// carry the spans of their parts).
    pub fn span(&self) -> Option<Span> {
        Some(match self {
            Modifier::Installments(Installments { span, .. })
            | Modifier::Recurring(Recurring { span, .. })
            | Modifier::Escalation(Escalation { span, .. })
            | Modifier::Abatement(Abatement { span, .. })
            | Modifier::Step(Step { span, .. })
            | Modifier::Rounding(_, _, span)
            | Modifier::Roll(_, span)
            | Modifier::LateFee(_, span)
            | Modifier::Remainder(_, span)
            | Modifier::Offset(Offset { span, .. })
            | Modifier::UnusedCredit(UnusedCreditTerm { span, .. })
            | Modifier::Amortized(Amortized { span, .. })
            | Modifier::Lapses(span)
            | Modifier::Prorated(span)
            | Modifier::Prepayments(_, span) => *span,
            Modifier::ConflictRule(Ref { name, .. })
            | Modifier::MetWhen(Ref { name, .. })
            | Modifier::CreditedAgainst(name) => name.span,
            Modifier::Period(period) => period.span,
            Modifier::ByTime(time) => time.span(),
            Modifier::On(date) | Modifier::Effective(date) => date.span,
            Modifier::For(d) | Modifier::Within(d) | Modifier::Grace(d) => d.span,
            Modifier::LateInterest(interest) => interest.span,
            Modifier::Interest(interest) => interest.span,
            Modifier::RemainingEnd(date) => date.span,
            Modifier::Cost(e)
            | Modifier::Cap(e)
            | Modifier::Floor(e)
            | Modifier::AggregateCap(e) => e.span,
            Modifier::Then(Then { party, what }) => party.span.to(what.span),
            Modifier::Condition(_) => return None,
        })
    }
}

/// What becomes of what is left of a credit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnusedCredit {
    /// Paid in money on the date.
    Refunded,
    /// Lost on the date.
    Lapses,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    Not(Box<Condition>, Span),
    All(Vec<Condition>, Span),
    Any(Vec<Condition>, Span),
    Elects {
        party: Name,
        option: Ref<OptionId>,
    },
    Prevails(Ref<PartyId>),
    Compare(Expr, Spanned<CompareOp>, Expr),
    /// `separation_reason is cause`
    FactIs {
        fact: Ref<FactId>,
        value: Name,
    },
    /// `an installment of installments has been unpaid for more than 30 days`
    Defaulted {
        obligation: Name,
        grace: Duration,
    },
    /// `delivery happens`, `delivery happens by DATE`
    Happens {
        event: Ref<Occasion>,
        by: Option<Expr>,
    },
    Described(Text),
    Fact(Ref<FactId>),
}

impl Condition {
    pub fn span(&self) -> Span {
        match self {
            Condition::Not(_, s) | Condition::All(_, s) | Condition::Any(_, s) => *s,
            Condition::Elects { party, option, .. } => party.span.to(option.name.span),
            Condition::Prevails(party) => party.name.span,
            Condition::Fact(fact) => fact.name.span,
            Condition::Defaulted { obligation, .. } => obligation.span,
            Condition::FactIs { fact, value } => fact.name.span.to(value.span),
            Condition::Compare(a, _, b) => a.span.to(b.span),
            Condition::Happens { event, by } => by
                .as_ref()
                .map_or(event.name.span, |d| event.name.span.to(d.span)),
            Condition::Described(t) => t.span,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    Gt,
    Ge,
    Lt,
    Le,
    Eq,
}

impl CompareOp {
    pub fn as_str(self) -> &'static str {
        match self {
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Eq => "=",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "−",
            BinOp::Mul => "×",
            BinOp::Div => "÷",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub node: ExprKind,
    pub span: Span,
    /// Written in parentheses (`(annual_salary * 6) / 12`): kept so that the
    /// ledger prints an amount the way the lawyer grouped it.
    pub parenthesized: bool,
}

impl Expr {
    /// The date, when the expression is one written out (`June 6, 2002`);
    /// `None` for a date counted from facts or events, which only a
    /// scenario can give.
    pub fn written_date(&self) -> Option<NaiveDate> {
        match self.node {
            ExprKind::Date(date) => Some(date),
            _ => None,
        }
    }
}

/// Like spans, parentheses are out of equality: `(a * 6) / 12` and
/// `a * 6 / 12` are the same calculation.
impl PartialEq for Expr {
    fn eq(&self, other: &Self) -> bool {
        self.node == other.node
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// `€1,250.00`: an amount and its currency.
    Money(Decimal, Currency),
    Percent(Decimal),
    Number(Decimal),
    Date(NaiveDate),
    Duration(Duration),
    /// A fact by its name, and the fact it names once checked.
    Fact(String, Slot<FactId>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    GreaterOf(Box<Expr>, Box<Expr>),
    LesserOf(Box<Expr>, Box<Expr>),
    /// `the later of A and B` (dates)
    LaterOf(Box<Expr>, Box<Expr>),
    /// `the earlier of A and B` (dates)
    EarlierOf(Box<Expr>, Box<Expr>),
    /// `the date of delivery`: the first day of a recorded event
    EventDate(Ref<Occasion>),
    /// `the end of force_majeure`: the last day of a recorded event
    EventEnd(Ref<Occasion>),
    /// `the last amount of rent`
    LastAmount(Name),
    /// `the total of interest_payments`
    TotalOf(Name),
    /// `(A if COND, otherwise B)`
    Case {
        then: Box<Expr>,
        condition: Box<Condition>,
        otherwise: Box<Expr>,
    },
    /// `interest on the unpaid balance of principal at 7.75% per annum,
    /// actual/360`: only the whole amount of a `pays` obligation
    InterestOn {
        schedule: Name,
        rate: Spanned<Decimal>,
        day_count: Option<Spanned<DayCount>>,
    },
    /// `the unpaid balance of installments on DATE`
    UnpaidBalance {
        obligation: Name,
        on: Box<Expr>,
    },
    /// `the first day an installment of installments has been unpaid for
    /// more than 30 days`
    FirstDefault {
        obligation: Name,
        grace: Duration,
    },
    /// `the last day of the month of DATE`
    MonthEnd(Box<Expr>),
    /// `the first business day on or after DATE` (`later` true) or `the last
    /// business day on or before DATE`
    BusinessDay {
        later: bool,
        date: Box<Expr>,
    },
    /// `the number of days from A to B` (`inclusive` false) or `... through B`
    Between {
        unit: SpanUnit,
        from: Box<Expr>,
        to: Box<Expr>,
        inclusive: bool,
    },
    /// `the fraction of a year from A to B, actual/365`
    YearFraction {
        from: Box<Expr>,
        to: Box<Expr>,
        day_count: crate::calc::money::DayCount,
    },
    /// `(EXPR) rounded down to a whole number`
    Rounded(Box<Expr>, crate::calc::money::Rounding),
    /// `(€1,000.00) at 1.08 USD per EUR`: an amount in `from` converted
    /// into `to` at a stated rate (units of `to` per unit of `from`)
    Converted {
        amount: Box<Expr>,
        rate: Spanned<Decimal>,
        to: Currency,
        from: Currency,
    },
    /// `(1 + 0.5%) to the power of 360`: a base raised to a whole power
    Power {
        base: Box<Expr>,
        exponent: Box<Expr>,
    },
    /// `30 days after DATE` (`after` true), `10 days before DATE`
    Shift {
        by: Duration,
        after: bool,
        date: Box<Expr>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub name: Name,
    pub title: Option<Text>,
    pub hypothetical: Vec<Text>,
    pub as_of: Option<DateLit>,
    pub facts: Vec<FactValue>,
    /// Conditions stated in words, decided: `condition "..." is yes`.
    pub conditions: Vec<(Text, bool)>,
    pub readings: Vec<ReadingChoice>,
    pub payments_on_time: bool,
    pub events: Vec<Event>,
    /// What the ledger must show under this scenario (`expect ...`), in
    /// the order written; `clausec test` checks them.
    pub expectations: Vec<Expectation>,
    pub head_span: Span,
}

impl Scenario {
    /// A scenario with a name and nothing else: no facts, no events.
    pub fn empty(name: Name, title: Option<Text>, head_span: Span) -> Scenario {
        Scenario {
            name,
            title,
            hypothetical: Vec::new(),
            as_of: None,
            facts: Vec::new(),
            conditions: Vec::new(),
            readings: Vec::new(),
            payments_on_time: false,
            events: Vec::new(),
            expectations: Vec::new(),
            head_span,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct FactValue {
    pub fact: Ref<FactId>,
    pub value: Spanned<Value>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Yes,
    No,
    /// One of a fact's named values.
    Choice(Name),
    Expr(Expr),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReadingChoice {
    pub reading: Ref<ReadingId>,
    pub option: Name,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    Elected {
        party: Name,
        option: Ref<OptionId>,
    },
    Paid {
        payer: Name,
        payee: Name,
        amount: Spanned<Decimal>,
        currency: Currency,
        on: DateLit,
        /// `at 7:30 p.m. Eastern Time`
        at: Option<TimeOfDay>,
        obligation: Name,
        due: Option<DateLit>,
        span: Span,
    },
    /// `borrower prepaid lender $5,000.00 on June 15, 2025 for loan`
    Prepaid {
        payer: Name,
        payee: Name,
        amount: Spanned<Decimal>,
        currency: Currency,
        on: DateLit,
        obligation: Name,
        span: Span,
    },
    Compensation {
        party: Ref<PartyId>,
        amount: Spanned<Decimal>,
        currency: Currency,
        on: DateLit,
        description: Option<Text>,
    },
    Notified {
        party: Name,
        to: Name,
        on: DateLit,
        at: Option<TimeOfDay>,
        description: Option<Text>,
        /// `for LABEL`: the notice duty this notice answers.
        duty: Option<Name>,
        span: Span,
    },
    Signed {
        party: Ref<PartyId>,
        on: DateLit,
        at: Option<Spanned<NaiveTime>>,
        zone: Option<Spanned<Zone>>,
    },
    Prevailed {
        party: Ref<PartyId>,
        on: DateLit,
    },
    /// `delivery happened on June 11, 2025`, or from one date through another
    /// (a notice duty's label may stand for the event: the day the notice
    /// happened)
    Happened {
        event: Ref<Occasion>,
        on: DateLit,
        /// The time of a one-day event (`on DATE at TIME`).
        at: Option<TimeOfDay>,
        through: Option<DateLit>,
        description: Option<Text>,
        span: Span,
    },
}

/// `expect ...`: one thing the ledger must show under a scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Expectation {
    pub what: Expected,
    /// The whole line after `expect`, for the report of a failure.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Expected {
    /// `2(b).severance[2] late interest is $256.85`: a figure, date or
    /// status of one obligation (or one instance of it).
    Entry {
        obligation: ObligationRef,
        field: ExpectField,
        value: Spanned<ExpectedValue>,
    },
    /// `the total paid by company is $125,000.00`
    TotalPaid {
        party: Name,
        amount: Spanned<Decimal>,
        currency: Currency,
    },
    /// `finding count_mismatch` (`present`), `no finding offset_excess`
    Finding { code: Name, present: bool },
}

/// An obligation as a scenario names it: its id as the ledger prints it
/// (`2(b).severance`) or its label alone (`severance`), and an instance.
#[derive(Clone, Debug, PartialEq)]
pub struct ObligationRef {
    pub path: Name,
    /// `[3]`: the third installment (counted from 1).
    pub instance: Option<Spanned<u32>>,
    pub span: Span,
}

/// What an expectation about one obligation looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExpectField {
    Amount,
    LateInterest,
    Paid,
    Outstanding,
    Due,
    Status,
}

impl ExpectField {
    /// The words of the field, as written after the obligation.
    pub fn words(self) -> &'static str {
        match self {
            ExpectField::Amount => "amount",
            ExpectField::LateInterest => "late interest",
            ExpectField::Paid => "paid",
            ExpectField::Outstanding => "outstanding",
            ExpectField::Due => "due",
            ExpectField::Status => "status",
        }
    }
}

/// The value an expectation states. A status is kept in the words the
/// ledger prints (`paid late`; written `paid_late` too): the grammar
/// accepts only the ledger's statuses.
#[derive(Clone, Debug, PartialEq)]
pub enum ExpectedValue {
    Money(Decimal, Currency),
    Date(NaiveDate),
    Status(String),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn obligation(text: &str) -> Obligation {
        let (file, diagnostics) = crate::syntax::parse::parse_file(FileId(0), text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let Some(Item::Clause(clause)) = file.items.into_iter().next() else {
            panic!("no clause");
        };
        clause
            .obligations
            .into_iter()
            .next()
            .expect("an obligation")
    }

    #[test]
    fn terms_hold_each_term_by_meaning_and_every_condition() {
        let o = obligation(
            "clause 1\n  company pays employee $100.00 on March 1, 2025\n    not to exceed $90.00\n    not to exceed $80.00\n    if company elects a\n    if company elects b\n",
        );
        let caps: Vec<String> = o
            .modifiers
            .iter()
            .filter_map(|m| match m {
                Modifier::Cap(e) => Some(e.to_string()),
                _ => None,
            })
            .collect();
        // Both written, in order; the first is the term (the checker
        // reports the second as stated twice).
        assert_eq!(caps, ["$90.00", "$80.00"]);
        assert_eq!(
            o.terms.cap.as_ref().map(|e| e.to_string()).as_deref(),
            Some("$90.00")
        );
        assert_eq!(o.terms.conditions.len(), 2);
        assert!(o.terms.on.is_some() && o.terms.floor.is_none() && !o.terms.is_scheduled());
    }
}
