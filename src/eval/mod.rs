//! Agreement + scenario → ledger.
//!
//! The evaluator reads the checked [`Model`] and one scenario (facts,
//! elections, readings, dated events) and produces a [`Ledger`]: every
//! obligation, schedules expanded into dated instances, offsets, payments and
//! remedies applied, each amount with the arithmetic that produced it, and
//! the assumptions in force. It is a pure function: no clock, no I/O, and
//! every collection it walks is ordered.

mod amortize;
pub mod budget;
mod credit;
mod describe;
pub mod explanation;
mod hour;
pub mod ledger;
pub mod note;
mod periodic;
pub mod problem;
mod reference;
mod remedy;
mod schedule;
mod settle;
pub mod term;
mod value;

use self::budget::INSTANCE_TEXT;
use self::schedule::installments;
use self::settle::index_events;
use self::value::{is_literal, negative_amount, too_large};

use crate::calc::business::BusinessCalendar;
use crate::calc::calendar::{
    add_duration, dates_between, dates_from, dates_until, effective_rule, last_day_of_month,
    span_length, sub_duration, TooMany,
};
use crate::calc::exact::Exact;
use crate::calc::money::{
    day_count, format_exact_money_in, simple_interest_in, split_equal_in, split_stated_in,
    ArithmeticError, Money, Rounding,
};
use crate::calc::zone::Zone;
use crate::check::model::{
    fold_spaces, InterestFrom, Meaning, Model, NoticeAnswer, NoticeGiven, Reading, ScheduleReading,
    Stated,
};
use crate::diagnostic::Diagnostic;
use crate::eval::explanation::{
    AccrualStart, Accrued, Calculation, Case, Explanation, FeeBasis, FeeDeadline, InterestPeriod,
    Operand, Proration, RemedyExplanation, Shown,
};
use crate::eval::ledger::*;
use crate::eval::note::{Act, Awaited, MoveRule, Note, Reduction};
use crate::eval::problem::{Computed, DueDates, EvalProblem};
use crate::eval::term::{Assumed, Assumption, Conditions, Document, Summary, Term, Undertaking};
use crate::source::Span;
use crate::syntax::ast::*;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::sync::Arc;

/// An event as the scenario records it: its first and last day, and the
/// time of day a one-day event was recorded at, if any.
#[derive(Clone, Copy, Debug)]
struct Recorded {
    first: NaiveDate,
    last: NaiveDate,
    at: Option<crate::calc::zone::Clock>,
}

/// The events a scenario records (`delivery happened on June 11, 2025 at
/// 3:00 p.m. Eastern Time`): the first record of an event decides, with or
/// without a time (the checker refuses a second).
#[derive(Debug, Default)]
struct RecordedEvents<'m> {
    /// By [`EventId`].
    events: Vec<Option<Recorded>>,
    /// A notice duty recorded as an event (`notice_of_default happened on
    /// ...`), by the duty's label.
    notices: BTreeMap<&'m str, Recorded>,
}

impl<'m> RecordedEvents<'m> {
    fn of(model: &Model, scenario: Option<&'m Scenario>) -> RecordedEvents<'m> {
        let mut recorded = RecordedEvents {
            events: vec![None; model.events.len()],
            notices: BTreeMap::new(),
        };
        for event in scenario.map_or(&[][..], |s| s.events.as_slice()) {
            if let Event::Happened {
                event,
                on,
                through,
                at,
                ..
            } = event
            {
                let record = Recorded {
                    first: on.node,
                    last: through.as_ref().map_or(on.node, |t| t.node),
                    at: at.as_ref().map(TimeOfDay::clock),
                };
                match event.id.get() {
                    Some(Occasion::Event(id)) => {
                        if let Some(slot @ None) = recorded.events.get_mut(id.index()) {
                            *slot = Some(record);
                        }
                    }
                    Some(Occasion::Notice) => {
                        (recorded.notices.entry(event.name.node.as_str())).or_insert(record);
                    }
                    None => {}
                }
            }
        }
        recorded
    }

    /// The record of what a use names, if the scenario has one.
    fn of_occasion(&self, occasion: &Ref<Occasion>) -> Option<Recorded> {
        match occasion.id.get()? {
            Occasion::Event(id) => self.events.get(id.index()).copied().flatten(),
            Occasion::Notice => self.notices.get(occasion.name.node.as_str()).copied(),
        }
    }
}

/// Evaluates the agreement under a scenario (`None`: no facts, no events,
/// as of the agreement's date). Returns the ledger (without findings; the
/// caller adds them) and the problems the scenario raised.
pub fn evaluate(model: &Model, scenario: Option<&Scenario>) -> (Ledger, Vec<Diagnostic>) {
    let mut eval = Evaluator::new(model, scenario);
    eval.run();
    let ledger = Ledger {
        agreement: model.title.clone(),
        dated: model.dated,
        parties: model
            .parties
            .values()
            .map(|p| PartyEntry {
                role: p.name.node.clone(),
                name: p.legal_name.node.clone(),
            })
            .collect(),
        scenario: scenario.map_or_else(|| "none".to_owned(), |s| s.name.node.clone()),
        scenario_title: scenario.and_then(|s| s.title.as_ref().map(|t| t.node.clone())),
        hypothetical: scenario.map_or_else(Vec::new, |s| {
            s.hypothetical.iter().map(|h| h.node.clone()).collect()
        }),
        as_of: eval.as_of,
        as_of_stated: (scenario.and_then(|s| s.as_of.as_ref().map(|d| d.node))).or(model.dated),
        clauses: model
            .clauses_with_ids()
            .map(|(id, c)| ClauseEntry {
                number: c.number.node.clone(),
                title: c.title.as_ref().map(|t| t.node.clone()),
                quote: model.folded_quote(id).map(|q| q.to_string()),
            })
            .collect(),
        lapsed: eval.lapsed.clone(),
        obligations: eval.entries,
        schedules: eval.schedules,
        findings: Vec::new(),
        assumptions: eval.assumptions,
    };
    // Whatever evaluation finds belongs to this scenario's ledger alone.
    let name = scenario.map_or("none", |s| s.name.node.as_str());
    let diagnostics = eval
        .diagnostics
        .into_iter()
        .map(|d| d.in_scenario(name))
        .collect();
    (ledger, diagnostics)
}

/// What the text alone decides is wrong with the figures, evaluating the
/// agreement without a scenario: a stated installment that disagrees, a
/// runaway schedule, arithmetic that cannot be done. What needs facts or
/// events is left to the scenarios.
pub fn text_problems(model: &Model) -> Vec<Diagnostic> {
    let mut eval = Evaluator::new(model, None);
    eval.text_only = true;
    eval.run();
    eval.diagnostics
}

/// Three-valued truth: a condition may depend on what the scenario leaves open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Truth {
    Yes,
    No,
    Unknown,
}

impl Truth {
    fn and(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::No, _) | (_, Truth::No) => Truth::No,
            (Truth::Yes, Truth::Yes) => Truth::Yes,
            _ => Truth::Unknown,
        }
    }

    fn or(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::Yes, _) | (_, Truth::Yes) => Truth::Yes,
            (Truth::No, Truth::No) => Truth::No,
            _ => Truth::Unknown,
        }
    }

    fn not(self) -> Truth {
        match self {
            Truth::Yes => Truth::No,
            Truth::No => Truth::Yes,
            Truth::Unknown => Truth::Unknown,
        }
    }
}

/// A computed value. Amounts, numbers and rates are exact fractions
/// ([`Exact`]): rounded only where the contract says how.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    /// An amount and its currency.
    Money(Exact, Currency),
    Number(Exact),
    Percent(Exact),
    Date(NaiveDate),
    Duration(Duration),
}

/// Why a value could not be computed.
#[derive(Clone, Debug)]
enum Unavailable {
    /// A fact the scenario does not give.
    MissingFact(String, Span),
    /// Overflow, division by zero, a date outside the calendar.
    Arithmetic(String, Span),
    /// A date counted from something that has not happened under the
    /// scenario: what, in words (`` `delivery`, which this scenario does not
    /// record ``).
    NotYetKnown(Awaited),
}

impl Unavailable {
    /// The problem to report for what could not be computed (`what`: an
    /// amount or a date); `None` for what waits on an event, which the
    /// ledger says as a note, not as a problem.
    fn problem(self, scenario: Option<String>, what: Computed) -> Option<(EvalProblem, Span)> {
        match self {
            Unavailable::MissingFact(fact, span) => Some((
                EvalProblem::MissingFact {
                    scenario,
                    fact,
                    what,
                },
                span,
            )),
            Unavailable::Arithmetic(message, span) => Some((
                EvalProblem::Arithmetic {
                    scenario,
                    message,
                    what,
                },
                span,
            )),
            Unavailable::NotYetKnown(_) => None,
        }
    }
}

/// A reading's option in force under the scenario.
#[derive(Clone, Debug)]
struct Chosen {
    option: String,
    meaning: Option<Meaning>,
    /// The assumption that lists it (`A1`).
    assumption: AssumptionId,
}

/// The option an election stands at under the scenario.
#[derive(Clone, Copy, Debug)]
struct Elected {
    /// Its place among the election's options.
    option: u32,
    /// No choice was made and the election's `default` option stands.
    by_default: bool,
}

/// An obligation's dates under a scenario (see [`Evaluator::dates_of`]).
struct Dates {
    due: Option<NaiveDate>,
    effective: Option<NaiveDate>,
    from: Option<NaiveDate>,
    through: Option<NaiveDate>,
    /// Why a date is not yet known (an event the scenario does not record).
    unknown: Option<Note>,
    /// Where the due date moved from, when it is not a business day.
    moved: Option<Note>,
}

/// A payment made, as the evaluator applies it.
#[derive(Clone, Copy, Debug)]
struct Payment {
    on: NaiveDate,
    /// The time and zone the scenario records it at, if any.
    at: Option<crate::calc::zone::Clock>,
    amount: Decimal,
    /// The amount in the scenario (`None` for a payment on time that
    /// `every payment is made on its due date` stands for).
    span: Option<Span>,
}

struct Evaluator<'m> {
    model: &'m Model,
    scenario: Option<&'m Scenario>,
    as_of: NaiveDate,
    /// Each fact's value in the scenario, by [`FactId`] (`None`: not
    /// given).
    facts: Vec<Option<&'m Value>>,
    /// Each reading's option in force, what it means where its name is a
    /// built-in meaning, and its assumption's id, by [`ReadingId`].
    readings: Vec<Option<Chosen>>,
    /// The option each election stands at, by [`ElectionId`] (`None`: no
    /// choice made and no default).
    elections: Vec<Option<Elected>>,
    lapsed: Option<Note>,
    entries: Vec<Entry>,
    schedules: Vec<ScheduleSummary>,
    assumptions: Vec<AssumptionEntry>,
    diagnostics: Vec<Diagnostic>,
    /// Keep only the problems the text alone decides ([`text_problems`]).
    text_only: bool,
    /// Payment events already matched to an obligation (by index).
    matched_payments: Vec<bool>,
    /// The payments of the entry being settled (kept to reuse its memory).
    payments: Vec<Payment>,
    /// Payment events by the label and due date they name: finding the
    /// payments of an installment is a look-up, not a scan of every event.
    payment_events: settle::PaymentIndex<'m>,
    /// The scenario's other events (see [`Evaluator::events`]).
    other_events: Vec<&'m Event>,
    /// Each notice of the scenario with the one duty it answers, in the
    /// scenario's order (see [`settle::answered_notices`]).
    notices: Vec<settle::Answered<'m>>,
    /// The first of those answering each labelled duty, by its label: a
    /// date counted from a notice is a look-up, not a scan of them.
    first_notices: BTreeMap<&'m str, settle::Answered<'m>>,
    /// Which built-in defaults the ledger relied on (listed as assumptions).
    defaults_used: Vec<Assumed>,
    reported_missing: Vec<String>,
    /// What is left of the ledger's size limit.
    budget: budget::Budget,
    /// Each credit (`credited against ...`) applied so far, by its label:
    /// where it went, recorded while the payment it reduces was made.
    credits: BTreeMap<String, credit::Spent>,
    /// The credits written against each label (a look-up made once, not a
    /// scan of every obligation for every payment).
    credits_by_target: BTreeMap<&'m str, Vec<&'m Obligation>>,
    /// The events the scenario records as having happened, by
    /// [`EventId`]: their first and last day and their time (an index, not
    /// a scan, for each date counted from one).
    recorded: RecordedEvents<'m>,
    /// What a business day is: the agreement's, or Saturday and Sunday off.
    calendar: std::borrow::Cow<'m, BusinessCalendar>,
    /// The weight of each clause's quote (see [`budget::weight`]), by
    /// clause: weighed once, however many entries repeat it.
    quote_text: Vec<Option<usize>>,
    /// The clause being evaluated: every entry made is one of its.
    clause_id: ClauseId,
    /// The currency of the obligation being evaluated: every amount its
    /// entries show is in it (the checker refuses two in one obligation).
    currency: Currency,
}

impl<'m> Evaluator<'m> {
    fn new(model: &'m Model, scenario: Option<&'m Scenario>) -> Self {
        let as_of = scenario
            .and_then(|s| s.as_of.as_ref().map(|d| d.node))
            .or(model.dated)
            .unwrap_or_default();
        let mut facts = vec![None; model.facts.len()];
        for given in scenario.map_or(&[][..], |s| &s.facts) {
            if let Some(slot) = given.fact.id.get().and_then(|id| facts.get_mut(id.index())) {
                *slot = Some(&given.value.node);
            }
        }
        let event_count = scenario.map_or(0, |s| s.events.len());
        let (payment_events, other_events) = index_events(scenario);
        let notices = settle::answered_notices(model, &other_events);
        let first_notices = settle::first_by_label(&notices);
        Evaluator {
            model,
            scenario,
            as_of,
            facts,
            readings: vec![None; model.readings.len()],
            elections: vec![None; model.elections.len()],
            lapsed: None,
            entries: Vec::new(),
            schedules: Vec::new(),
            assumptions: Vec::new(),
            diagnostics: Vec::new(),
            text_only: false,
            matched_payments: vec![false; event_count],
            payments: Vec::new(),
            payment_events,
            other_events,
            notices,
            first_notices,
            defaults_used: Vec::new(),
            reported_missing: Vec::new(),
            budget: budget::Budget::default(),
            credits: BTreeMap::new(),
            credits_by_target: credit::by_target(model),
            recorded: RecordedEvents::of(model, scenario),
            calendar: match &model.business_days {
                Some(calendar) => std::borrow::Cow::Borrowed(calendar),
                None => std::borrow::Cow::Owned(BusinessCalendar::with_built_ins(Vec::new())),
            },
            quote_text: vec![None; model.clauses.len()],
            clause_id: ClauseId::new(0),
            currency: Currency::default(),
        }
    }

    /// The scenario's name, for a problem it raises (`None`: the text alone).
    fn scenario_name(&self) -> Option<String> {
        self.scenario.map(|s| s.name.node.clone())
    }

    /// Every event of the scenario, in its order (payments are found
    /// through [`Evaluator::payment_events`] instead).
    fn all_events(&self) -> &'m [Event] {
        self.scenario.map_or(&[], |s| s.events.as_slice())
    }

    /// The scenario's events other than payments, in its order: what the
    /// look-ups for signatures, elections, receipts and notices walk.
    fn events(&self) -> impl Iterator<Item = &'m Event> + '_ {
        self.other_events.iter().copied()
    }

    fn run(&mut self) {
        if self.model.counts_business_days && self.model.business_days.is_none() {
            self.use_default(Assumed::WeekendsOnly);
        }
        self.choose_readings();
        self.record_elections();
        self.decide_acceptance();
        let model = self.model;
        for (clause_id, clause) in model.clauses_with_ids() {
            self.clause_id = clause_id;
            let mut per_kind: BTreeMap<Kind, usize> = BTreeMap::new();
            for obligation in &clause.obligations {
                // The ledger is full (and reported): the rest is not evaluated.
                if self.budget.exhausted {
                    break;
                }
                let n = per_kind.entry(obligation.kind).or_insert(0);
                *n += 1;
                let id = match &obligation.label {
                    Some(label) => ObligationId::new(&clause.number.node, &label.node),
                    None => ObligationId::new(
                        &clause.number.node,
                        &crate::check::model::unlabelled_name(obligation.kind, *n),
                    ),
                };
                let first = self.entries.len();
                self.obligation(clause, obligation, &id);
                self.mark_grace_ends(obligation, &id, first);
            }
            for election in &clause.elections {
                self.election_entry(clause, election);
            }
            if self.budget.exhausted {
                break;
            }
        }
        self.report_unmatched_payments();
        if self.lapsed.is_some() {
            self.void_everything();
        }
        self.add_default_assumptions();
    }

    // ---- assumptions, elections, acceptance ----------------------------

    /// The dates a schedule keeps under the reading it follows, and the
    /// option in force. The checker holds a reading named by a schedule to
    /// options with schedule meanings, so the first arm is the only one a
    /// checked agreement reaches.
    fn schedule_reading(&self, reading: &Ref<ReadingId>) -> (ScheduleReading, String) {
        match self.chosen(reading) {
            Some(Chosen {
                option,
                meaning: Some(Meaning::Schedule(meaning)),
                ..
            }) => (*meaning, option.clone()),
            other => (
                ScheduleReading::CountFromStart,
                other.map(|c| c.option.clone()).unwrap_or_default(),
            ),
        }
    }

    /// When late interest starts under the reading its clause names, and the
    /// option in force (as [`Self::schedule_reading`], for interest).
    fn interest_reading(&self, reading: &Ref<ReadingId>) -> (InterestFrom, &str) {
        match self.chosen(reading) {
            Some(Chosen {
                option,
                meaning: Some(Meaning::Interest(from)),
                ..
            }) => (*from, option.as_str()),
            other => (
                InterestFrom::DueDate,
                other.map_or("", |c| c.option.as_str()),
            ),
        }
    }

    /// When late interest starts under the reading its clause names, as
    /// the ledger shows it: the meaning, the reading and its assumption,
    /// and the option in force.
    fn interest_start(&self, reading: &Ref<ReadingId>) -> AccrualStart {
        let (from, option) = self.interest_reading(reading);
        AccrualStart::Reading {
            from,
            id: self.assumption_of(reading).unwrap_or_default(),
            reading: reading.name.node.clone(),
            option: option.to_owned(),
        }
    }

    /// The option in force of the reading a use names.
    fn chosen(&self, reading: &Ref<ReadingId>) -> Option<&Chosen> {
        let id = reading.id.get()?;
        self.readings.get(id.index())?.as_ref()
    }

    /// The id of the assumption that lists the reading a use names.
    fn assumption_of(&self, reading: &Ref<ReadingId>) -> Option<AssumptionId> {
        self.chosen(reading).map(|c| c.assumption)
    }

    fn choose_readings(&mut self) {
        let model = self.model;
        let mut chosen: Vec<Option<&str>> = vec![None; model.readings.len()];
        for choice in self.scenario.map_or(&[][..], |s| &s.readings) {
            if let Some(slot) = choice
                .reading
                .id
                .get()
                .and_then(|id| chosen.get_mut(id.index()))
            {
                *slot = Some(choice.option.node.as_str());
            }
        }
        // Header assumptions first, then each clause's, in document order;
        // each clause's found in a map, not by a pass over all of them.
        let mut order: Vec<Option<&str>> = vec![None];
        order.extend(model.clauses.iter().map(|c| Some(c.number.node.as_str())));
        let mut readings_of: BTreeMap<Option<&str>, Vec<(usize, &Reading)>> = BTreeMap::new();
        for (index, reading) in model.readings.iter().enumerate() {
            readings_of
                .entry(reading.clause.as_deref())
                .or_default()
                .push((index, reading));
        }
        let mut stated_of: BTreeMap<Option<&str>, Vec<&Stated>> = BTreeMap::new();
        for stated in &model.stated {
            stated_of
                .entry(stated.clause.as_deref())
                .or_default()
                .push(stated);
        }
        for clause in order {
            for &(index, reading) in readings_of.get(&clause).into_iter().flatten() {
                let default = reading
                    .default_option()
                    .map(|o| o.name.node.clone())
                    .unwrap_or_default();
                let (option, switched) = match chosen.get(index).copied().flatten() {
                    Some(o) => (o.to_owned(), o != default),
                    None => (default, false),
                };
                let id = self.next_assumption_id();
                let described = reading
                    .options
                    .iter()
                    .find(|o| o.name.node == option)
                    .and_then(|o| o.description.as_ref().map(|d| d.node.clone()))
                    .unwrap_or_default();
                self.assumptions.push(AssumptionEntry {
                    id,
                    clause: reading.clause.clone(),
                    text: Assumption::Reading {
                        description: reading.description.node.clone(),
                        option: described,
                    },
                    reading: Some(reading.name.node.clone()),
                    chosen: Some(option.clone()),
                    alternatives: reading
                        .options
                        .iter()
                        .map(|o| o.name.node.clone())
                        .filter(|o| *o != option)
                        .collect(),
                    switched,
                });
                let meaning = Meaning::of_option(&option);
                if let Some(slot) = self.readings.get_mut(index) {
                    *slot = Some(Chosen {
                        option,
                        meaning,
                        assumption: id,
                    });
                }
            }
            for stated in stated_of.get(&clause).into_iter().flatten() {
                self.assumptions.push(AssumptionEntry {
                    id: self.next_assumption_id(),
                    clause: stated.clause.clone(),
                    text: Assumption::Stated(stated.text.node.clone()),
                    reading: None,
                    chosen: None,
                    alternatives: Vec::new(),
                    switched: false,
                });
            }
        }
    }

    /// The id of the next assumption listed: `A1`, `A2`, ...
    fn next_assumption_id(&self) -> AssumptionId {
        AssumptionId(u32::try_from(self.assumptions.len() + 1).unwrap_or(u32::MAX))
    }

    fn add_default_assumptions(&mut self) {
        let defaults = std::mem::take(&mut self.defaults_used);
        for assumed in defaults {
            self.assumptions.push(AssumptionEntry {
                id: self.next_assumption_id(),
                clause: None,
                text: Assumption::Default(assumed),
                reading: None,
                chosen: None,
                alternatives: Vec::new(),
                switched: false,
            });
        }
    }

    fn use_default(&mut self, assumed: Assumed) {
        if !self.defaults_used.contains(&assumed) {
            self.defaults_used.push(assumed);
        }
    }

    /// The options chosen in the scenario; where a party makes no choice and
    /// the election marks an option `default`, that option stands.
    fn record_elections(&mut self) {
        let elected: Vec<OptionId> = (self.events())
            .filter_map(|event| match event {
                Event::Elected { option, .. } => option.id.get(),
                _ => None,
            })
            .collect();
        for choice in elected {
            if let Some(slot) = self.elections.get_mut(choice.election.index()) {
                *slot = Some(Elected {
                    option: choice.option,
                    by_default: false,
                });
            }
        }
        for (election, slot) in self.model.elections.iter().zip(&mut self.elections) {
            if slot.is_some() {
                continue;
            }
            if let Some(default) = election.options.iter().position(|o| o.is_default) {
                *slot = u32::try_from(default).ok().map(|option| Elected {
                    option,
                    by_default: true,
                });
            }
        }
    }

    /// An offer that lapses unless accepted by a deadline: did the scenario's
    /// signature come in time?
    fn decide_acceptance(&mut self) {
        for (_, obligation) in self.model.obligations() {
            let lapses = obligation.terms.lapses.is_some();
            let Subject::Deadline {
                date, time, zone, ..
            } = &obligation.subject
            else {
                continue;
            };
            if !lapses {
                continue;
            }
            let zone = zone.as_ref().map(|z| z.node);
            let lapse = |signed| Note::Lapsed {
                party: obligation.obligor.name.node.clone(),
                deadline: (
                    date.node,
                    crate::calc::zone::Clock {
                        at: time.node,
                        zone,
                    },
                ),
                signed,
            };
            match self.signature_of(&obligation.obligor) {
                None => self.lapsed = Some(lapse(None)),
                Some(signed) => {
                    if signed.late_for(date.node, time.node, zone) == Some(true) {
                        self.lapsed = Some(lapse(Some(signed.on)));
                    }
                }
            }
        }
    }

    fn signature_of(&self, party: &Ref<PartyId>) -> Option<crate::calc::zone::Done> {
        self.events().find_map(|e| match e {
            Event::Signed {
                party: p,
                on,
                at,
                zone,
            } if p.names_same(party) => Some(crate::calc::zone::Done {
                on: on.node,
                at: at.as_ref().map(|t| t.node),
                zone: zone.as_ref().map(|z| z.node),
            }),
            _ => None,
        })
    }

    fn void_everything(&mut self) {
        for entry in &mut self.entries {
            if entry.heading.kind == Kind::Acceptance {
                continue;
            }
            entry.status = Status::Lapsed;
            entry.paid = None;
            entry.paid_on = None;
            entry.outstanding = None;
            entry.remedies.clear();
        }
        for schedule in &mut self.schedules {
            schedule.late_interest = Decimal::ZERO;
        }
    }

    // ---- obligations -----------------------------------------------------

    fn obligation(&mut self, clause: &'m Clause, obligation: &'m Obligation, id: &ObligationId) {
        self.currency = self.obligation_currency(obligation);
        let truth = self.conditions(obligation);
        self.report_date_problems(obligation, &clause.number.node);
        match (&obligation.subject, obligation.kind) {
            (
                Subject::Amount(Expr {
                    node:
                        ExprKind::InterestOn {
                            schedule,
                            rate,
                            day_count,
                        },
                    ..
                }),
                Kind::Payment,
            ) => {
                let terms = periodic::BalanceInterest {
                    schedule: &schedule.node,
                    rate: rate.node,
                    day_count: day_count.as_ref().map(|d| d.node),
                };
                self.balance_interest(clause, obligation, id, truth, terms);
            }
            (Subject::Amount(each), Kind::Payment) if periodic::recurring(obligation).is_some() => {
                self.recurring(clause, obligation, id, truth, each);
            }
            (Subject::Amount(total), Kind::Payment) if installments(obligation).is_some() => {
                self.schedule(clause, obligation, id, truth, total);
            }
            (Subject::CompensationReceived(receiver), Kind::Notice) => {
                self.notices(clause, obligation, id, receiver);
            }
            _ => self.single(clause, obligation, id, truth),
        }
        if let Some(Then { party, what }) = &obligation.terms.then {
            self.then_right(clause, obligation, id, party, what);
        }
    }

    /// A non-schedule obligation.
    fn single(
        &mut self,
        clause: &'m Clause,
        obligation: &'m Obligation,
        id: &ObligationId,
        truth: Truth,
    ) {
        let mut entry = self.entry(clause, obligation, id);
        entry.due_time = entry.due.and(hour::stated_hour(obligation));
        self.explain_due_date(&mut entry, obligation);
        let amount_expr = match &obligation.subject {
            Subject::Amount(e) => Some(e),
            Subject::Reimbursed(_, e) => e.as_ref(),
            _ => obligation.terms.cost.as_ref(),
        };
        if let Some(expr) = amount_expr {
            if truth != Truth::No {
                self.price(&mut entry, obligation, expr);
            }
        }
        entry.status = self.plain_status(&entry, obligation, truth);
        self.explain_unknown_date(&mut entry, obligation);
        // Owed on a day not yet known: nothing can be due, paid or late yet.
        let date_known = entry.status != Status::NotYetKnown;
        if is_paid_in_money(obligation, &entry) && truth == Truth::Yes && date_known {
            if let Some(label) = credit::credited_against(obligation) {
                self.settle_credit(&mut entry, obligation, label);
                self.push_entry(entry);
                return;
            }
            let mut offsets = self.offsets_for(obligation);
            if let Some(offsets) = &mut offsets {
                offsets.apply(&mut entry);
            }
            self.finish_offsets(offsets, &clause.number.node);
            self.settle_entry(obligation, &mut entry);
            self.push_entry(entry);
            return;
        }
        if obligation.kind == Kind::Notice && truth == Truth::Yes {
            self.notice_given(&mut entry, obligation, None);
        }
        if truth == Truth::Yes {
            self.met_by_event(&mut entry, obligation);
        }
        if let Subject::Deadline {
            date, time, zone, ..
        } = &obligation.subject
        {
            entry.due = Some(date.node);
            entry.status = self.acceptance_status(
                &obligation.obligor,
                (date.node, time.node, zone.as_ref().map(|z| z.node)),
                &mut entry.notes,
            );
        }
        self.push_entry(entry);
    }

    /// Records a problem found in `clause`, unless only the text's problems
    /// are wanted and this one needs a scenario's figures.
    fn report(&mut self, problem: EvalProblem, span: Span, clause: &str) {
        if self.text_only && !problem.decided_by_text() {
            return;
        }
        self.diagnostics
            .push(Diagnostic::of(&problem, span).in_clause(clause));
    }

    /// Reports an amount of `clause` that could not be computed.
    fn report_unavailable(&mut self, why: Unavailable, clause: &str) {
        if let Some((problem, span)) = why.problem(self.scenario_name(), Computed::Amount) {
            self.report(problem, span, clause);
        }
    }

    fn unavailable(&mut self, entry: &mut Entry, why: Unavailable) {
        match why {
            Unavailable::MissingFact(ref fact, _) => {
                entry.notes.push(Note::MissingFact { fact: fact.clone() });
                let key = format!("{fact}@{}", entry.heading.clause);
                if !self.reported_missing.contains(&key) && entry.heading.condition.is_none() {
                    self.reported_missing.push(key);
                    self.report_unavailable(why, &entry.heading.clause);
                }
            }
            // Said once: the date that waits on the same thing says it.
            Unavailable::NotYetKnown(_) if entry.status == Status::NotYetKnown => {}
            Unavailable::NotYetKnown(what) => {
                entry.status = Status::NotYetKnown;
                entry.notes.push(Note::AmountNotYetKnown(what));
            }
            Unavailable::Arithmetic(ref message, _) => {
                entry.notes.push(Note::CannotCompute {
                    message: message.clone(),
                });
                self.report_unavailable(why, &entry.heading.clause);
            }
        }
    }

    fn plain_status(&self, entry: &Entry, obligation: &Obligation, truth: Truth) -> Status {
        match truth {
            Truth::No => return Status::NotTriggered,
            Truth::Unknown => return Status::Conditional,
            Truth::Yes => {}
        }
        // Its date, or its amount, waits on an event not yet recorded.
        if entry.status == Status::NotYetKnown {
            return Status::NotYetKnown;
        }
        if is_paid_in_money(obligation, entry) {
            return match entry.due {
                Some(due) if due > self.as_of => Status::NotYetDue,
                _ => Status::Due,
            };
        }
        // A dated duty the scenario records nothing about: not yet due; or,
        // its date past, a performance nobody recorded (missed, where the
        // event that meets it has not happened), else due.
        if let Some(due) = entry.due {
            let met_by_event = obligation.terms.met_when.is_some();
            return match (due > self.as_of, obligation.kind, met_by_event) {
                (true, ..) => Status::NotYetDue,
                (false, Kind::Performance, true) => Status::Missed,
                (false, Kind::Performance, false) => Status::NotRecorded,
                (false, ..) => Status::Due,
            };
        }
        if entry.start.is_some_and(|s| s > self.as_of) {
            return Status::NotYetDue;
        }
        if entry.end.is_some_and(|e| e < self.as_of) {
            return Status::Ended;
        }
        Status::InForce
    }

    /// `met when delivery happens`: the duty is met on the day the event
    /// happened, late if that was after its date; until then its status is
    /// the one its date gives.
    fn met_by_event(&self, entry: &mut Entry, obligation: &Obligation) {
        let Some(event) = &obligation.terms.met_when else {
            return;
        };
        let Some((on, _)) = self.happened(event) else {
            return;
        };
        if let (Some(due), Some(hour)) = (entry.due, entry.due_time) {
            let act = hour::done(on, self.happened_at(event));
            let (late, note) =
                hour::by_the_hour(Act::Happened(event.name.node.clone()), act, due, hour);
            entry.status = hour::status_by_the_hour(late, Status::Met, Status::Late);
            entry.notes.push(note);
            return;
        }
        entry.status = match entry.due {
            Some(due) if on > due => Status::Late,
            _ => Status::Met,
        };
        entry.notes.push(Note::Happened {
            event: event.name.node.clone(),
            on,
        });
    }

    fn acceptance_status(
        &self,
        party: &Ref<PartyId>,
        (date, time, zone): (NaiveDate, chrono::NaiveTime, Option<Zone>),
        notes: &mut Vec<Note>,
    ) -> Status {
        match self.signature_of(party) {
            None => {
                notes.push(Note::NoSignature);
                if date < self.as_of {
                    Status::Missed
                } else {
                    Status::Open
                }
            }
            Some(signed) => {
                notes.push(Note::Signed(signed));
                match signed.late_for(date, time, zone) {
                    None if signed.at.is_none() => {
                        notes.push(Note::SigningTimeNotStated);
                        Status::Conditional
                    }
                    None => {
                        notes.push(Note::SigningTimeSkipped);
                        Status::Conditional
                    }
                    Some(true) => Status::Late,
                    Some(false) => Status::Met,
                }
            }
        }
    }

    fn then_right(
        &mut self,
        clause: &'m Clause,
        obligation: &'m Obligation,
        id: &ObligationId,
        party: &Name,
        what: &Text,
    ) {
        let mut entry = self.entry(clause, obligation, &id.then());
        let heading = entry.heading_mut();
        heading.kind = Kind::Right;
        heading.obligor = obligation.obligor.name.node.clone();
        heading.obligee = Some(party.node.clone());
        heading.terms = Vec::new();
        heading.summary = Summary {
            who: party.node.clone(),
            whom: String::new(),
            what: Undertaking::May(what.node.clone()),
        };
        entry.start = entry.end.and_then(|e| e.succ_opt());
        entry.end = None;
        entry.status = match entry.start {
            Some(start) if start > self.as_of => Status::NotYetDue,
            _ => Status::InForce,
        };
        self.push_entry(entry);
    }

    fn election_entry(&mut self, clause: &Clause, election: &Election) {
        let elected =
            (election.id.get()).and_then(|id| self.elections.get(id.index()).copied().flatten());
        let chosen = elected.and_then(|e| {
            let option = election.options.get(usize::try_from(e.option).ok()?)?;
            Some((option.name.node.clone(), e.by_default))
        });
        let mut notes = Vec::new();
        for option in &election.options {
            if let Some(description) = &option.description {
                notes.push(Note::OptionMeans {
                    option: option.name.node.clone(),
                    description: description.node.clone(),
                });
            }
        }
        if let Some((chosen, by_default)) = &chosen {
            let by = election.by.node.clone();
            let chosen = chosen.clone();
            notes.push(match by_default {
                true => Note::ElectedByDefault { by, chosen },
                false => Note::Elected { by, chosen },
            });
        }
        self.push_entry(Entry {
            id: ObligationId::new(&clause.number.node, &election.name.node),
            heading: Arc::new(Heading {
                summary: Summary {
                    who: election.by.node.clone(),
                    whom: String::new(),
                    what: Undertaking::Elects(
                        (election.options.iter())
                            .map(|o| o.name.node.clone())
                            .collect(),
                    ),
                },
                clause: clause.number.node.clone(),
                clause_id: self.clause_id,
                clause_title: clause.title.as_ref().map(|t| t.node.clone()),
                kind: Kind::Election,
                obligor: election.by.node.clone(),
                obligee: None,
                condition: None,
                terms: Vec::new(),
                quote: self.model.folded_quote(self.clause_id).cloned(),
                source: election.name.span,
            }),
            instance: None,
            amount: None,
            currency: None,
            due: None,
            due_time: None,
            grace_end: None,
            start: None,
            end: None,
            status: match chosen {
                Some((_, true)) => Status::DefaultApplied,
                Some((_, false)) => Status::Met,
                None => Status::Open,
            },
            offset: None,
            paid: None,
            paid_on: None,
            outstanding: None,
            remedies: Vec::new(),
            notes,
            explanation: Vec::new(),
        });
    }

    // ---- the ledger's size --------------------------------------------------

    /// Adds an entry to the ledger if it fits in the budget.
    fn push_entry(&mut self, entry: Entry) {
        // Once full, the entry's text is not even weighed.
        let fits = !self.budget.exhausted && {
            let text = self.entry_text(&entry);
            self.budget.take(1, text)
        };
        if fits {
            self.entries.push(entry);
        } else {
            self.over_budget(entry.heading.source, &entry.heading.clause);
        }
    }

    /// The text a report may repeat for an entry, its clause's quote
    /// included.
    fn entry_text(&mut self, entry: &Entry) -> usize {
        let quote = match &entry.heading.quote {
            None => 0,
            Some(quote) => match self.quote_text.get_mut(entry.heading.clause_id.index()) {
                Some(Some(weight)) => *weight,
                Some(slot) => *slot.insert(budget::weight(quote)),
                None => budget::weight(quote),
            },
        };
        budget::entry_text(entry) + quote
    }

    /// Reports, once, the obligation that did not fit in the ledger.
    fn over_budget(&mut self, span: Span, clause: &str) {
        if std::mem::replace(&mut self.budget.reported, true) {
            return;
        }
        let problem = EvalProblem::LedgerFull {
            scenario: self.scenario_name(),
            entries: budget::MAX_ENTRIES,
            mebibytes: budget::MAX_TEXT / (1024 * 1024),
        };
        self.report(problem, span, clause);
    }
}

/// A payment, or a reimbursement of a stated amount: settled against the
/// scenario's payments (and paid on its due date under `every payment is
/// made on its due date`). A reimbursement of whatever is incurred has no
/// amount to settle.
fn is_paid_in_money(obligation: &Obligation, entry: &Entry) -> bool {
    entry.amount.is_some() && matches!(obligation.kind, Kind::Payment | Kind::Reimbursement)
}

fn period_of(obligation: &Obligation) -> Option<&Period> {
    obligation.terms.period.as_ref()
}
