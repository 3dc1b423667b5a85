//! Agreement + scenario → ledger.
//!
//! The evaluator reads the checked [`Model`] and one scenario (facts,
//! elections, readings, dated events) and produces a [`Ledger`]: every
//! obligation, schedules expanded into dated instances, offsets, payments and
//! remedies applied, each amount with the arithmetic that produced it, and
//! the assumptions in force. It is a pure function: no clock, no I/O, and
//! every collection it walks is ordered.

use crate::ast::*;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::findings::format_time;
use crate::ledger::*;
use crate::model::{fold_spaces, Model};
use crate::money::{
    day_count, format_money, format_percent, simple_interest, split_equal, Rounding,
};
use crate::schedule::{
    add_duration, dates_between, dates_from, dates_until, effective_rule, long_date, sub_duration,
    TooMany,
};
use crate::source::{SourceMap, Span};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Evaluates the agreement under a scenario (`None`: no facts, no events,
/// as of the agreement's date). Returns the ledger (without findings; the
/// caller adds them) and the problems the scenario raised.
pub fn evaluate(
    model: &Model,
    scenario: Option<&Scenario>,
    sources: &SourceMap,
) -> (Ledger, Vec<Diagnostic>) {
    let mut eval = Evaluator::new(model, scenario, sources);
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
        clauses: model
            .clauses
            .iter()
            .map(|c| ClauseEntry {
                number: c.number.node.clone(),
                title: c.title.as_ref().map(|t| t.node.clone()),
                quote: model.folded_quotes.get(&c.number.node).cloned(),
            })
            .collect(),
        lapsed: eval.lapsed.clone(),
        obligations: eval.entries,
        schedules: eval.schedules,
        findings: Vec::new(),
        assumptions: eval.assumptions,
    };
    (ledger, eval.diagnostics)
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

/// A computed value.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Val {
    Money(Decimal),
    Number(Decimal),
    Percent(Decimal),
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
}

/// A payment made, as the evaluator applies it.
#[derive(Clone, Copy, Debug)]
struct Payment {
    on: NaiveDate,
    amount: Decimal,
}

struct Evaluator<'m> {
    model: &'m Model,
    scenario: Option<&'m Scenario>,
    sources: &'m SourceMap,
    as_of: NaiveDate,
    facts: BTreeMap<&'m str, &'m Value>,
    /// Reading name → (option in force, switched by the scenario).
    readings: BTreeMap<String, (String, bool)>,
    /// Reading name → assumption id (`A1`).
    reading_ids: BTreeMap<String, String>,
    /// Election name → the option chosen in the scenario.
    elections: BTreeMap<String, String>,
    lapsed: Option<String>,
    entries: Vec<Entry>,
    schedules: Vec<ScheduleSummary>,
    assumptions: Vec<AssumptionEntry>,
    diagnostics: Vec<Diagnostic>,
    /// Payment events already matched to an obligation (by index).
    matched_payments: Vec<bool>,
    /// Payment events by the label and due date they name: finding the
    /// payments of an installment is a look-up, not a scan of every event.
    payment_events: BTreeMap<(&'m str, Option<NaiveDate>), Vec<usize>>,
    /// Which built-in defaults the ledger relied on (listed as assumptions).
    defaults_used: Vec<&'static str>,
    reported_missing: Vec<String>,
    /// Elections decided by their `default` option, no choice being made.
    defaulted_elections: Vec<String>,
}

impl<'m> Evaluator<'m> {
    fn new(model: &'m Model, scenario: Option<&'m Scenario>, sources: &'m SourceMap) -> Self {
        let as_of = scenario
            .and_then(|s| s.as_of.as_ref().map(|d| d.node))
            .or(model.dated)
            .unwrap_or_default();
        let facts = scenario
            .map(|s| {
                s.facts
                    .iter()
                    .map(|f| (f.name.node.as_str(), &f.value.node))
                    .collect()
            })
            .unwrap_or_default();
        let payment_events = scenario.map_or(0, |s| s.events.len());
        Evaluator {
            model,
            scenario,
            sources,
            as_of,
            facts,
            readings: BTreeMap::new(),
            reading_ids: BTreeMap::new(),
            elections: BTreeMap::new(),
            lapsed: None,
            entries: Vec::new(),
            schedules: Vec::new(),
            assumptions: Vec::new(),
            diagnostics: Vec::new(),
            matched_payments: vec![false; payment_events],
            payment_events: index_payments(scenario),
            defaults_used: Vec::new(),
            reported_missing: Vec::new(),
            defaulted_elections: Vec::new(),
        }
    }

    fn scenario_name(&self) -> &str {
        self.scenario.map_or("none", |s| s.name.node.as_str())
    }

    fn events(&self) -> &'m [Event] {
        self.scenario.map_or(&[], |s| s.events.as_slice())
    }

    fn run(&mut self) {
        self.choose_readings();
        self.record_elections();
        self.decide_acceptance();
        let model = self.model;
        for clause in &model.clauses {
            let mut per_kind: BTreeMap<Kind, usize> = BTreeMap::new();
            for obligation in &clause.obligations {
                let n = per_kind.entry(obligation.kind).or_insert(0);
                *n += 1;
                let id = match &obligation.label {
                    Some(label) => format!("{}.{}", clause.number.node, label.node),
                    None => format!("{}.{}{}", clause.number.node, obligation.kind.as_str(), n),
                };
                self.obligation(clause, obligation, &id);
            }
            for election in &clause.elections {
                self.election_entry(clause, election);
            }
        }
        self.report_unmatched_payments();
        if self.lapsed.is_some() {
            self.void_everything();
        }
        self.add_default_assumptions();
    }

    // ---- assumptions, elections, acceptance ----------------------------

    fn choose_readings(&mut self) {
        let model = self.model;
        let chosen: BTreeMap<&str, &str> = self
            .scenario
            .map(|s| {
                s.readings
                    .iter()
                    .map(|r| (r.reading.node.as_str(), r.option.node.as_str()))
                    .collect()
            })
            .unwrap_or_default();
        // Header assumptions first, then each clause's, in document order.
        let mut order: Vec<Option<&str>> = vec![None];
        order.extend(model.clauses.iter().map(|c| Some(c.number.node.as_str())));
        for clause in order {
            for reading in model
                .readings
                .iter()
                .filter(|r| r.clause.as_deref() == clause)
            {
                let default = reading
                    .default_option()
                    .map(|o| o.name.node.clone())
                    .unwrap_or_default();
                let (option, switched) = match chosen.get(reading.name.node.as_str()) {
                    Some(o) => ((*o).to_owned(), *o != default),
                    None => (default, false),
                };
                let id = format!("A{}", self.assumptions.len() + 1);
                let described = reading
                    .options
                    .iter()
                    .find(|o| o.name.node == option)
                    .and_then(|o| o.description.as_ref().map(|d| d.node.clone()))
                    .unwrap_or_default();
                self.assumptions.push(AssumptionEntry {
                    id: id.clone(),
                    clause: reading.clause.clone(),
                    text: format!("{}: {described}", reading.description.node),
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
                self.reading_ids.insert(reading.name.node.clone(), id);
                self.readings
                    .insert(reading.name.node.clone(), (option, switched));
            }
            for stated in model
                .stated
                .iter()
                .filter(|s| s.clause.as_deref() == clause)
            {
                self.assumptions.push(AssumptionEntry {
                    id: format!("A{}", self.assumptions.len() + 1),
                    clause: stated.clause.clone(),
                    text: stated.text.node.clone(),
                    reading: None,
                    chosen: None,
                    alternatives: Vec::new(),
                    switched: false,
                });
            }
        }
    }

    fn add_default_assumptions(&mut self) {
        let defaults = std::mem::take(&mut self.defaults_used);
        for text in defaults {
            self.assumptions.push(AssumptionEntry {
                id: format!("A{}", self.assumptions.len() + 1),
                clause: None,
                text: text.to_owned(),
                reading: None,
                chosen: None,
                alternatives: Vec::new(),
                switched: false,
            });
        }
    }

    fn use_default(&mut self, text: &'static str) {
        if !self.defaults_used.contains(&text) {
            self.defaults_used.push(text);
        }
    }

    /// The options chosen in the scenario; where a party makes no choice and
    /// the election marks an option `default`, that option stands.
    fn record_elections(&mut self) {
        for event in self.events() {
            if let Event::Elected { option, .. } = event {
                if let Some(election) = self.model.election_offering(&option.node) {
                    self.elections
                        .insert(election.name.node.clone(), option.node.clone());
                }
            }
        }
        for election in &self.model.elections {
            if self.elections.contains_key(&election.name.node) {
                continue;
            }
            if let Some(default) = election.options.iter().find(|o| o.is_default) {
                self.elections
                    .insert(election.name.node.clone(), default.name.node.clone());
                self.defaulted_elections.push(election.name.node.clone());
            }
        }
    }

    /// An offer that lapses unless accepted by a deadline: did the scenario's
    /// signature come in time?
    fn decide_acceptance(&mut self) {
        for (_, obligation) in self.model.obligations() {
            let lapses = obligation
                .modifiers
                .iter()
                .any(|m| matches!(m, Modifier::Lapses(_)));
            let Subject::Deadline { date, time, .. } = &obligation.subject else {
                continue;
            };
            if !lapses {
                continue;
            }
            let deadline = format!("{} on {}", format_time(time.node), long_date(date.node));
            match self.signature_of(&obligation.obligor.node) {
                None => {
                    self.lapsed = Some(format!(
                        "{} did not sign by {deadline}, so no obligation of the agreement is owed",
                        obligation.obligor.node
                    ))
                }
                Some((on, at)) => {
                    let late =
                        on > date.node || (on == date.node && at.is_some_and(|t| t > time.node));
                    if late {
                        self.lapsed = Some(format!(
                            "{} signed on {}, after the deadline of {deadline}, so no obligation of the agreement is owed",
                            obligation.obligor.node,
                            long_date(on)
                        ));
                    }
                }
            }
        }
    }

    fn signature_of(&self, party: &str) -> Option<(NaiveDate, Option<chrono::NaiveTime>)> {
        self.events().iter().find_map(|e| match e {
            Event::Signed { party: p, on, at } if p.node == party => {
                Some((on.node, at.as_ref().map(|t| t.node)))
            }
            _ => None,
        })
    }

    fn void_everything(&mut self) {
        for entry in &mut self.entries {
            if entry.kind == Kind::Acceptance.as_str() {
                continue;
            }
            entry.status = Status::Lapsed;
            entry.paid = None;
            entry.paid_on = None;
            entry.outstanding = None;
            entry.remedies.clear();
        }
    }

    // ---- obligations -----------------------------------------------------

    fn obligation(&mut self, clause: &'m Clause, obligation: &'m Obligation, id: &str) {
        let truth = self.conditions(obligation);
        match (&obligation.subject, obligation.kind) {
            (Subject::Amount(total), Kind::Payment) if installments(obligation).is_some() => {
                self.schedule(clause, obligation, id, truth, total);
            }
            (Subject::CompensationReceived(receiver), Kind::Notice) => {
                self.notices(clause, obligation, id, &receiver.node);
            }
            _ => self.single(clause, obligation, id, truth),
        }
        if let Some((party, what)) = obligation.modifiers.iter().find_map(|m| match m {
            Modifier::Then { party, what } => Some((party, what)),
            _ => None,
        }) {
            self.then_right(clause, obligation, id, party, what);
        }
    }

    fn conditions(&self, obligation: &Obligation) -> Truth {
        obligation
            .modifiers
            .iter()
            .filter_map(|m| match m {
                Modifier::Condition(c) => Some(self.truth(c)),
                _ => None,
            })
            .fold(Truth::Yes, Truth::and)
    }

    fn truth(&self, condition: &Condition) -> Truth {
        match condition {
            Condition::Not(inner, _) => self.truth(inner).not(),
            Condition::All(parts, _) => parts
                .iter()
                .map(|p| self.truth(p))
                .fold(Truth::Yes, Truth::and),
            Condition::Any(parts, _) => parts
                .iter()
                .map(|p| self.truth(p))
                .fold(Truth::No, Truth::or),
            Condition::Elects { option, .. } => {
                let Some(election) = self.model.election_offering(&option.node) else {
                    return Truth::Unknown;
                };
                match self.elections.get(&election.name.node) {
                    Some(chosen) if *chosen == option.node => Truth::Yes,
                    Some(_) => Truth::No,
                    None => Truth::Unknown,
                }
            }
            Condition::Fact(name) => match self.facts.get(name.node.as_str()) {
                Some(Value::Yes) => Truth::Yes,
                Some(Value::No) => Truth::No,
                _ => Truth::Unknown,
            },
            Condition::Prevails(party) => {
                let prevailed = self.events().iter().find_map(|e| match e {
                    Event::Prevailed { party: p, .. } => Some(p.node == party.node),
                    _ => None,
                });
                match prevailed {
                    Some(true) => Truth::Yes,
                    Some(false) => Truth::No,
                    None => Truth::Unknown,
                }
            }
            Condition::Compare(left, op, right) => {
                let (Ok(a), Ok(b)) = (self.value(left), self.value(right)) else {
                    return Truth::Unknown;
                };
                let ordering = match (a, b) {
                    (Val::Date(x), Val::Date(y)) => x.partial_cmp(&y),
                    _ => scalar(a)
                        .zip(scalar(b))
                        .and_then(|(x, y)| x.partial_cmp(&y)),
                };
                let Some(ordering) = ordering else {
                    return Truth::Unknown;
                };
                let holds = match op.node {
                    CompareOp::Gt => ordering.is_gt(),
                    CompareOp::Ge => ordering.is_ge(),
                    CompareOp::Lt => ordering.is_lt(),
                    CompareOp::Le => ordering.is_le(),
                    CompareOp::Eq => ordering.is_eq(),
                };
                if holds {
                    Truth::Yes
                } else {
                    Truth::No
                }
            }
            Condition::Described(_) => Truth::Unknown,
        }
    }

    /// The entry every obligation starts from: who, what, when, on what
    /// condition, quoted from where.
    fn entry(&self, clause: &Clause, obligation: &Obligation, id: &str) -> Entry {
        let period = period_of(obligation);
        let due = obligation.modifiers.iter().find_map(|m| match m {
            Modifier::On(d) => Some(d.node),
            _ => None,
        });
        let effective = obligation.modifiers.iter().find_map(|m| match m {
            Modifier::Effective(d) => Some(d.node),
            _ => None,
        });
        let conditions: Vec<String> = obligation
            .modifiers
            .iter()
            .filter_map(|m| match m {
                Modifier::Condition(c) => Some(describe_condition(c, &|span| self.text_of(span))),
                _ => None,
            })
            .collect();
        let terms = obligation
            .modifiers
            .iter()
            .filter_map(|m| self.term(m))
            .collect();
        Entry {
            id: id.to_owned(),
            clause: clause.number.node.clone(),
            clause_title: clause.title.as_ref().map(|t| t.node.clone()),
            kind: obligation.kind.as_str(),
            obligor: obligation.obligor.node.clone(),
            obligee: obligation.obligee.as_ref().map(|o| o.node.clone()),
            summary: self.summary(obligation),
            amount: None,
            currency: None,
            due,
            start: period
                .and_then(|p| p.from.as_ref().map(|d| d.node))
                .or(effective),
            end: period.and_then(|p| p.through.as_ref().map(|d| d.node)),
            condition: (!conditions.is_empty()).then(|| conditions.join("; ")),
            status: Status::InForce,
            offset: None,
            paid: None,
            paid_on: None,
            outstanding: None,
            remedies: Vec::new(),
            terms,
            notes: Vec::new(),
            explanation: Vec::new(),
            quote: self.model.folded_quotes.get(&clause.number.node).cloned(),
        }
    }

    /// A modifier that is a term of the obligation, in words.
    fn term(&self, modifier: &Modifier) -> Option<String> {
        Some(match modifier {
            Modifier::For(d) => format!("for {}", d.node.describe()),
            Modifier::Within(d) => format!("within {}", d.node.describe()),
            Modifier::Grace(d) => format!("grace period of {}", d.node.describe()),
            Modifier::Cap(e) => format!("not to exceed {}", self.text_of(e.span)),
            Modifier::Floor(e) => format!("not less than {}", self.text_of(e.span)),
            Modifier::Cost(e) => format!("at a cost of {}", self.text_of(e.span)),
            Modifier::LateInterest(i) => {
                let from = match &i.start {
                    Some(InterestStart::DueDate) => ", from the due date".to_owned(),
                    Some(InterestStart::GraceEnd) => {
                        ", from the end of the grace period".to_owned()
                    }
                    Some(InterestStart::Reading(name)) => {
                        let option = self
                            .readings
                            .get(&name.node)
                            .map(|(o, _)| o.as_str())
                            .unwrap_or("");
                        let id = self
                            .reading_ids
                            .get(&name.node)
                            .map(String::as_str)
                            .unwrap_or("");
                        format!(
                            ", from {} ({id}: {} = {option})",
                            if option == "grace_end" {
                                "the end of the grace period"
                            } else {
                                "the due date"
                            },
                            name.node
                        )
                    }
                    None => String::new(),
                };
                let basis = i
                    .day_count
                    .as_ref()
                    .map(|d| format!(", {}", d.node.describe()))
                    .unwrap_or_default();
                format!(
                    "late interest {} per annum on the unpaid amount{from}, simple{basis}",
                    format_percent(i.rate.node)
                )
            }
            Modifier::Offset {
                receiver, period, ..
            } => {
                let during = period
                    .as_ref()
                    .map(|p| match (&p.from, &p.through) {
                        (Some(f), Some(t)) => {
                            format!(" from {} through {}", long_date(f.node), long_date(t.node))
                        }
                        (Some(f), None) => format!(" from {}", long_date(f.node)),
                        (None, Some(t)) => format!(" through {}", long_date(t.node)),
                        (None, None) => String::new(),
                    })
                    .unwrap_or_default();
                format!("reduced by compensation {} receives{during}", receiver.node)
            }
            _ => return None,
        })
    }

    /// The obligation as one sentence, in the file's own words.
    fn summary(&self, obligation: &Obligation) -> String {
        let who = &obligation.obligor.node;
        let whom = obligation
            .obligee
            .as_ref()
            .map(|o| o.node.as_str())
            .unwrap_or("");
        match &obligation.subject {
            Subject::Amount(expr) => format!("{who} pays {whom} {}", self.text_of(expr.span)),
            Subject::Described(what) => match obligation.kind {
                Kind::Benefit => format!("{who} provides {whom} with {}", what.node),
                Kind::Performance if whom.is_empty() => format!("{who} performs: {}", what.node),
                Kind::Performance => format!("{who} performs for {whom}: {}", what.node),
                Kind::Release => format!("{who} releases {whom} from {}", what.node),
                Kind::Survival => format!("{who} remains bound by {}", what.node),
                Kind::Restriction => format!("{who} must not {}", what.node),
                Kind::Right if whom.is_empty() => format!("{who} may {}", what.node),
                Kind::Right => format!("{whom} may {} from {who}", what.node),
                Kind::Notice => format!("{who} notifies {whom} of {}", what.node),
                _ => format!("{who} to {whom}: {}", what.node),
            },
            Subject::Reimbursed(what, _) => format!("{who} reimburses {whom} for {}", what.node),
            Subject::DocumentRef(reference) => {
                let document = self.describe_document(reference);
                match obligation.kind {
                    Kind::Release => format!("{who} releases {whom} from {document}"),
                    _ => format!("{who} remains bound by {document}"),
                }
            }
            Subject::CompensationReceived(receiver) => {
                format!(
                    "{who} notifies {whom} of compensation {} receives",
                    receiver.node
                )
            }
            Subject::Deadline { what, date, time } => format!(
                "{who} signs{} by {} on {}",
                what.as_ref()
                    .map(|w| format!(" {}", w.node))
                    .unwrap_or_default(),
                format_time(time.node),
                long_date(date.node)
            ),
        }
    }

    /// `Section 9 (Covenant not to compete) of the Employment Agreement of August 11, 2000`
    fn describe_document(&self, reference: &DocumentRef) -> String {
        let Some(document) = self.model.documents.get(&reference.document.node) else {
            return reference.document.node.clone();
        };
        let dated = document
            .dated
            .as_ref()
            .map(|d| format!(" of {}", long_date(d.node)))
            .unwrap_or_default();
        let whole = format!("the {}{dated}", document.title.node);
        match &reference.section {
            None => whole,
            Some(number) => {
                let title = document
                    .sections
                    .iter()
                    .find(|s| s.number.node == number.node)
                    .and_then(|s| s.title.as_ref())
                    .map(|t| format!(" ({})", t.node))
                    .unwrap_or_default();
                format!("Section {}{title} of {whole}", number.node)
            }
        }
    }

    fn text_of(&self, span: Span) -> String {
        self.sources
            .get(span.file)
            .map(|f| fold_spaces(f.slice(span)))
            .unwrap_or_default()
    }

    /// A non-schedule obligation.
    fn single(&mut self, clause: &'m Clause, obligation: &'m Obligation, id: &str, truth: Truth) {
        let mut entry = self.entry(clause, obligation, id);
        let amount_expr = match &obligation.subject {
            Subject::Amount(e) => Some(e),
            Subject::Reimbursed(_, e) => e.as_ref(),
            _ => obligation.modifiers.iter().find_map(|m| match m {
                Modifier::Cost(e) => Some(e),
                _ => None,
            }),
        };
        if let Some(expr) = amount_expr {
            if truth != Truth::No {
                self.price(&mut entry, obligation, expr);
            }
        }
        entry.status = self.plain_status(&entry, obligation, truth);
        if obligation.kind == Kind::Payment && truth == Truth::Yes && entry.amount.is_some() {
            let index = self.entries.len();
            self.entries.push(entry);
            self.apply_offsets(obligation, index);
            self.settle_from(obligation, index);
            return;
        }
        if obligation.kind == Kind::Notice && truth == Truth::Yes {
            self.notice_given(&mut entry, obligation, None);
        }
        if let Subject::Deadline { date, time, .. } = &obligation.subject {
            entry.due = Some(date.node);
            entry.status = self.acceptance_status(
                &obligation.obligor.node,
                date.node,
                time.node,
                &mut entry.notes,
            );
        }
        self.entries.push(entry);
    }

    /// Applies the scenario's notices from the obligor to the obligee (on or
    /// after `since`) to a notice duty: met, late, missed or not yet due.
    fn notice_given(&self, entry: &mut Entry, obligation: &Obligation, since: Option<NaiveDate>) {
        let notice = self.events().iter().find_map(|e| match e {
            Event::Notified { party, to, on, .. }
                if party.node == obligation.obligor.node
                    && obligation
                        .obligee
                        .as_ref()
                        .is_none_or(|o| o.node == to.node)
                    && since.is_none_or(|s| on.node >= s)
                    && on.node <= self.as_of =>
            {
                Some(on.node)
            }
            _ => None,
        });
        entry.status = match (notice, entry.due) {
            (Some(on), Some(due)) if on > due => Status::Late,
            (Some(_), _) => Status::Met,
            (None, Some(due)) if due < self.as_of => Status::Missed,
            (None, Some(_)) => Status::NotYetDue,
            (None, None) => entry.status,
        };
        if let Some(on) = notice {
            entry
                .notes
                .push(format!("notice given on {}", long_date(on)));
        }
    }

    /// Computes an amount: rounded as the clause says, held within its
    /// limits; records how, or notes what is missing.
    fn price(&mut self, entry: &mut Entry, obligation: &Obligation, expr: &Expr) {
        match self.value(expr) {
            Ok(Val::Money(exact)) => {
                let rounding = self.rounding(obligation);
                let amount = rounding.apply(exact);
                if !is_literal(expr) || amount != exact {
                    let rounded = if amount == exact {
                        String::new()
                    } else {
                        format!(", {}", rounding.describe())
                    };
                    entry.explanation.push(format!(
                        "{} = {}{rounded} (clause {})",
                        format_money(amount),
                        self.explain(expr),
                        entry.clause
                    ));
                }
                entry.amount = Some(self.within_limits(amount, obligation, expr, entry));
                entry.currency = Some("USD");
            }
            Ok(_) => {}
            Err(why) => self.unavailable(entry, why),
        }
    }

    /// Holds an amount to the obligation's `not to exceed` and `not less
    /// than`, noting on the entry when a limit bites.
    fn within_limits(
        &mut self,
        amount: Decimal,
        obligation: &Obligation,
        expr: &Expr,
        entry: &mut Entry,
    ) -> Decimal {
        let mut amount = amount;
        for modifier in &obligation.modifiers {
            let (limit_expr, is_cap) = match modifier {
                Modifier::Cap(e) => (e, true),
                Modifier::Floor(e) => (e, false),
                _ => continue,
            };
            let Ok(Val::Money(limit)) = self.value(limit_expr) else {
                continue;
            };
            if is_cap && amount > limit {
                self.diagnostics.push(
                    Diagnostic::warning(
                        Code::CapExceeded,
                        expr.span,
                        format!(
                            "under scenario `{}`, `{}` comes to {}, above the limit of {}: the ledger pays the limit",
                            self.scenario_name(),
                            self.text_of(expr.span),
                            format_money(amount),
                            format_money(limit)
                        ),
                    )
                    .with_label("the amount under this scenario")
                    .with_secondary(limit_expr.span, "the limit")
                    .with_help("this is the limit at work; if the figure is wrong, correct it in the scenario")
                    .in_clause(entry.clause.clone()),
                );
                entry.explanation.push(format!(
                    "{} is above the limit: capped at {}",
                    format_money(amount),
                    format_money(limit)
                ));
                entry.notes.push(format!(
                    "capped at {}; {} would exceed the limit",
                    format_money(limit),
                    format_money(amount)
                ));
                amount = limit;
            } else if !is_cap && amount < limit {
                entry.explanation.push(format!(
                    "{} is below the minimum: raised to {}",
                    format_money(amount),
                    format_money(limit)
                ));
                entry
                    .notes
                    .push(format!("raised to the minimum of {}", format_money(limit)));
                amount = limit;
            }
        }
        amount
    }

    fn unavailable(&mut self, entry: &mut Entry, why: Unavailable) {
        match why {
            Unavailable::MissingFact(fact, span) => {
                entry.notes.push(format!(
                    "the amount depends on `{fact}`, which this scenario does not give"
                ));
                let key = format!("{fact}@{}", entry.clause);
                if !self.reported_missing.contains(&key) && entry.condition.is_none() {
                    self.reported_missing.push(key);
                    self.diagnostics.push(
                        Diagnostic::warning(
                            Code::MissingFact,
                            span,
                            format!("the scenario gives no value for `{fact}`, so this amount cannot be computed"),
                        )
                        .with_help(format!("add `fact {fact} is ...` to the scenario"))
                        .in_clause(entry.clause.clone()),
                    );
                }
            }
            Unavailable::Arithmetic(message, span) => {
                entry.notes.push(message.clone());
                self.diagnostics.push(
                    Diagnostic::error(Code::Arithmetic, span, message)
                        .with_help("check the figures of the calculation")
                        .in_clause(entry.clause.clone()),
                );
            }
        }
    }

    fn plain_status(&self, entry: &Entry, obligation: &Obligation, truth: Truth) -> Status {
        match truth {
            Truth::No => return Status::NotTriggered,
            Truth::Unknown => return Status::Conditional,
            Truth::Yes => {}
        }
        if obligation.kind == Kind::Payment {
            return match entry.due {
                Some(due) if due > self.as_of => Status::NotYetDue,
                _ => Status::Due,
            };
        }
        // A dated duty the scenario records nothing about: due, or not yet.
        if let Some(due) = entry.due {
            return if due > self.as_of {
                Status::NotYetDue
            } else {
                Status::Due
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

    fn acceptance_status(
        &self,
        party: &str,
        date: NaiveDate,
        time: chrono::NaiveTime,
        notes: &mut Vec<String>,
    ) -> Status {
        match self.signature_of(party) {
            None => {
                notes.push("no signature in this scenario".to_owned());
                if date < self.as_of {
                    Status::Missed
                } else {
                    Status::Open
                }
            }
            Some((on, at)) => {
                let when = match at {
                    Some(t) => format!("{} on {}", format_time(t), long_date(on)),
                    None => long_date(on),
                };
                notes.push(format!("signed at {when}"));
                match at {
                    None if on == date => {
                        notes.push("the time of signing is not stated, so acceptance in time cannot be confirmed".to_owned());
                        Status::Conditional
                    }
                    _ if on > date || (on == date && at.is_some_and(|t| t > time)) => Status::Late,
                    _ => Status::Met,
                }
            }
        }
    }

    fn then_right(
        &mut self,
        clause: &'m Clause,
        obligation: &'m Obligation,
        id: &str,
        party: &Name,
        what: &Text,
    ) {
        let mut entry = self.entry(clause, obligation, &format!("{id}.then"));
        entry.kind = Kind::Right.as_str();
        entry.obligor = obligation.obligor.node.clone();
        entry.obligee = Some(party.node.clone());
        entry.summary = format!("{} may {}", party.node, what.node);
        entry.start = entry.end.and_then(|e| e.succ_opt());
        entry.end = None;
        entry.terms.clear();
        entry.status = match entry.start {
            Some(start) if start > self.as_of => Status::NotYetDue,
            _ => Status::InForce,
        };
        self.entries.push(entry);
    }

    fn election_entry(&mut self, clause: &Clause, election: &Election) {
        let options: Vec<String> = election
            .options
            .iter()
            .map(|o| format!("`{}`", o.name.node))
            .collect();
        let chosen = self.elections.get(&election.name.node).cloned();
        let mut notes = Vec::new();
        for option in &election.options {
            if let Some(description) = &option.description {
                notes.push(format!("`{}`: {}", option.name.node, description.node));
            }
        }
        if let Some(chosen) = &chosen {
            if self.defaulted_elections.contains(&election.name.node) {
                notes.push(format!(
                    "{} made no election: `{chosen}` applies by default",
                    election.by.node
                ));
            } else {
                notes.push(format!("{} elected `{chosen}`", election.by.node));
            }
        }
        self.entries.push(Entry {
            id: format!("{}.{}", clause.number.node, election.name.node),
            clause: clause.number.node.clone(),
            clause_title: clause.title.as_ref().map(|t| t.node.clone()),
            kind: Kind::Election.as_str(),
            obligor: election.by.node.clone(),
            obligee: None,
            summary: format!(
                "{} elects {}",
                election.by.node,
                crate::parse::join_or(&options)
            ),
            amount: None,
            currency: None,
            due: None,
            start: None,
            end: None,
            condition: None,
            status: if chosen.is_some() {
                Status::Met
            } else {
                Status::Open
            },
            offset: None,
            paid: None,
            paid_on: None,
            outstanding: None,
            remedies: Vec::new(),
            terms: Vec::new(),
            notes,
            explanation: Vec::new(),
            quote: self.model.folded_quotes.get(&clause.number.node).cloned(),
        });
    }

    // ---- schedules ---------------------------------------------------------

    fn schedule(
        &mut self,
        clause: &'m Clause,
        obligation: &'m Obligation,
        id: &str,
        truth: Truth,
        total_expr: &Expr,
    ) {
        let Some((count, frequency, day, span)) = installments(obligation) else {
            return;
        };
        let rounding = self.rounding(obligation);
        let remainder = obligation.modifiers.iter().find_map(|m| match m {
            Modifier::Remainder(r, _) => Some(*r),
            _ => None,
        });
        let remainder = remainder.unwrap_or_else(|| {
            self.use_default("the remainder cent of equal installments goes on the last installment where a clause does not say");
            Remainder::Last
        });
        let template = self.entry(clause, obligation, id);
        let (dates, reading_note) = match self.schedule_dates(obligation, count, frequency, day) {
            Ok(found) => found,
            Err(TooMany) => {
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::TooManyInstances,
                        span,
                        "this schedule would have more than 100,000 dated instances, or run past the year 9999".to_owned(),
                    )
                    .with_help("check the dates and the count of the schedule")
                    .in_clause(clause.number.node.clone()),
                );
                return;
            }
        };
        let total = match self.value(total_expr) {
            Ok(Val::Money(total)) => Some(rounding.apply(total)),
            Ok(_) => None,
            Err(why) => {
                let mut entry = template.clone();
                self.unavailable(&mut entry, why);
                entry.status = Status::Conditional;
                entry.notes.push(format!("{} installments", dates.len()));
                self.entries.push(entry);
                return;
            }
        };
        let Some(total) = total else {
            return;
        };
        let mut limited = template.clone();
        let total = self.within_limits(total, obligation, total_expr, &mut limited);
        let parts = match split_equal(total, dates.len(), rounding, remainder) {
            Ok(parts) => parts,
            Err(error) => {
                let mut entry = template.clone();
                self.unavailable(
                    &mut entry,
                    Unavailable::Arithmetic(error.0, total_expr.span),
                );
                self.entries.push(entry);
                return;
            }
        };
        self.check_stated_installment(obligation, total, &parts, clause);
        let first_entry = self.entries.len();
        let n = dates.len();
        for (k, (date, part)) in dates.iter().zip(&parts).enumerate() {
            let mut entry = template.clone();
            entry.id = format!("{id}[{}]", k + 1);
            entry.due = Some(*date);
            entry.start = None;
            entry.end = None;
            entry.amount = Some(*part);
            entry.currency = Some("USD");
            entry.summary = format!("{} (installment {} of {n})", entry.summary, k + 1);
            entry.explanation.push(installment_explanation(
                total, n, *part, k, rounding, remainder, &parts,
            ));
            entry.status = self.plain_status(&entry, obligation, truth);
            self.entries.push(entry);
        }
        let offset_total = self.apply_offsets(obligation, first_entry);
        if truth == Truth::Yes {
            self.settle_from(obligation, first_entry);
        }
        let explanation = if is_literal(total_expr) {
            Vec::new()
        } else {
            vec![format!(
                "{} = {} (clause {})",
                format_money(total),
                self.explain(total_expr),
                clause.number.node
            )]
        };
        let mut explanation = explanation;
        explanation.extend(limited.explanation);
        let remainder_note = remainder_note(&parts, remainder);
        self.schedules.push(ScheduleSummary {
            obligation: id.to_owned(),
            clause: clause.number.node.clone(),
            total,
            installments: n,
            stated_count: count.value.node,
            reading: reading_note,
            offset: offset_total,
            payable: total - offset_total,
            remainder_note,
            explanation,
        });
    }

    /// Where the text states each installment's amount too ("24 installments
    /// of $3,600.00"), it must agree with the total split into equal parts.
    fn check_stated_installment(
        &mut self,
        obligation: &Obligation,
        total: Decimal,
        parts: &[Decimal],
        clause: &Clause,
    ) {
        let Some(each_expr) = obligation.modifiers.iter().find_map(|m| match m {
            Modifier::Installments { each: Some(e), .. } => Some(e),
            _ => None,
        }) else {
            return;
        };
        let Ok(Val::Money(each)) = self.value(each_expr) else {
            return;
        };
        let n = parts.len();
        let stated_total = each.checked_mul(Decimal::from(n));
        if stated_total == Some(total) {
            return;
        }
        let computed = parts.first().copied().unwrap_or_default();
        self.diagnostics.push(
            Diagnostic::warning(
                Code::InstallmentSum,
                each_expr.span,
                format!(
                    "{n} installments of {} make {}, but the total to be paid is {} ({} each)",
                    format_money(each),
                    stated_total
                        .map_or_else(|| "more than can be computed".to_owned(), format_money),
                    format_money(total),
                    format_money(computed)
                ),
            )
            .with_label("the stated installment")
            .with_help(
                "make the installment, the count and the total agree; the ledger splits the total",
            )
            .in_clause(clause.number.node.clone()),
        );
    }

    /// The dates of a schedule, following the reading in force when the
    /// stated count and the stated dates disagree.
    fn schedule_dates(
        &mut self,
        obligation: &Obligation,
        count: &Count,
        frequency: Frequency,
        day: Option<DayRule>,
    ) -> Result<(Vec<NaiveDate>, Option<String>), TooMany> {
        let stated = count.value.node as usize;
        let period = period_of(obligation);
        let from = period.and_then(|p| p.from.as_ref().map(|d| d.node));
        let through = period.and_then(|p| p.through.as_ref().map(|d| d.node));
        match (from, through) {
            (Some(from), Some(through)) => {
                let rule = effective_rule(day, from);
                let in_range = dates_between(from, through, frequency, rule)?;
                if in_range.len() == stated {
                    return Ok((in_range, None));
                }
                let reading = obligation.modifiers.iter().find_map(|m| match m {
                    Modifier::ConflictRule(name) => Some(name.node.clone()),
                    _ => None,
                });
                let option = match &reading {
                    Some(r) => self
                        .readings
                        .get(r)
                        .map(|(o, _)| o.clone())
                        .unwrap_or_default(),
                    None => {
                        self.use_default("where a schedule's stated count and dates disagree and no reading is named, the count is kept from the first date");
                        "count_from_start".to_owned()
                    }
                };
                let note = reading.as_ref().map(|r| {
                    let id = self.reading_ids.get(r).cloned().unwrap_or_default();
                    format!("{r} = {option} ({id})")
                });
                let dates = match option.as_str() {
                    "count_to_end" => {
                        dates_until(through, stated, frequency, effective_rule(day, through))?
                    }
                    "all_dates" => in_range,
                    _ => dates_from(from, stated, frequency, rule)?,
                };
                Ok((dates, note))
            }
            (Some(from), None) => Ok((
                dates_from(from, stated, frequency, effective_rule(day, from))?,
                None,
            )),
            (None, Some(through)) => Ok((
                dates_until(through, stated, frequency, effective_rule(day, through))?,
                None,
            )),
            (None, None) => {
                let start = self.model.dated.unwrap_or(self.as_of);
                Ok((
                    dates_from(start, stated, frequency, effective_rule(day, start))?,
                    None,
                ))
            }
        }
    }

    fn rounding(&mut self, obligation: &Obligation) -> Rounding {
        let stated = obligation.modifiers.iter().find_map(|m| match m {
            Modifier::Rounding(mode, unit, _) => Some(Rounding {
                mode: *mode,
                unit: *unit,
            }),
            _ => None,
        });
        stated.unwrap_or_else(|| {
            self.use_default(
                "amounts are rounded half up to the cent where a clause states no rounding",
            );
            Rounding::DEFAULT
        })
    }

    /// Applies compensation received to the installments, earliest first,
    /// each against installments due on or after the day it was received.
    /// Returns the total offset.
    fn apply_offsets(&mut self, obligation: &Obligation, first_entry: usize) -> Decimal {
        let Some((receiver, period)) = obligation.modifiers.iter().find_map(|m| match m {
            Modifier::Offset {
                receiver, period, ..
            } => Some((receiver, period)),
            _ => None,
        }) else {
            return Decimal::ZERO;
        };
        let from = period
            .as_ref()
            .and_then(|p| p.from.as_ref().map(|d| d.node));
        let through = period
            .as_ref()
            .and_then(|p| p.through.as_ref().map(|d| d.node));
        let mut received: Vec<(NaiveDate, Decimal, String)> = self
            .events()
            .iter()
            .filter_map(|e| match e {
                Event::Compensation {
                    party,
                    amount,
                    on,
                    description,
                } if party.node == receiver.node => Some((
                    on.node,
                    amount.node,
                    description
                        .as_ref()
                        .map(|d| d.node.clone())
                        .unwrap_or_else(|| "compensation".to_owned()),
                )),
                _ => None,
            })
            .filter(|(on, _, _)| {
                from.is_none_or(|f| *on >= f)
                    && through.is_none_or(|t| *on <= t)
                    && *on <= self.as_of
            })
            .collect();
        received.sort_by_key(|(on, _, _)| *on);
        let mut total = Decimal::ZERO;
        for (on, amount, what) in received {
            let mut left = amount;
            for entry in self.entries.iter_mut().skip(first_entry) {
                let (Some(due), Some(owed)) = (entry.due, entry.amount) else {
                    continue;
                };
                if due < on || left.is_zero() || owed.is_zero() {
                    continue;
                }
                let take = left.min(owed);
                left -= take;
                total += take;
                entry.amount = Some(owed - take);
                entry.offset = Some(entry.offset.unwrap_or_default() + take);
                entry.notes.push(format!(
                    "reduced by {} of {what} received on {}",
                    format_money(take),
                    long_date(on)
                ));
                entry.explanation.push(format!(
                    "{} − {} offset = {}",
                    format_money(owed),
                    format_money(take),
                    format_money(owed - take)
                ));
            }
            if !left.is_zero() {
                self.diagnostics.push(
                    Diagnostic::warning(
                        Code::OffsetExcess,
                        obligation.span,
                        format!(
                            "under scenario `{}`, {} of the {what} received on {} is more than the installments left to offset it against",
                            self.scenario_name(),
                            format_money(left),
                            long_date(on)
                        ),
                    )
                    .with_help("the agreement does not say what happens to the excess; the ledger offsets only what is owed")
                    .in_clause(clause_of(&self.entries, first_entry)),
                );
            }
        }
        total
    }

    /// Settles the payment entries from `first_entry` on (one payment, or a
    /// schedule's installments) against the scenario's payments.
    fn settle_from(&mut self, obligation: &Obligation, first_entry: usize) {
        for index in first_entry..self.entries.len() {
            let Some(mut entry) = self.entries.get(index).cloned() else {
                continue;
            };
            let Some(amount) = entry.amount else {
                continue;
            };
            let payments = self.payments_for(obligation, &entry, amount);
            self.settle(&mut entry, obligation, amount, &payments);
            if let Some(slot) = self.entries.get_mut(index) {
                *slot = entry;
            }
        }
    }

    /// The payments a scenario records for one entry: its explicit events,
    /// else (under `every payment is made on its due date`) one on time.
    fn payments_for(
        &mut self,
        obligation: &Obligation,
        entry: &Entry,
        owed: Decimal,
    ) -> Vec<Payment> {
        let Some(label) = obligation.label.as_ref().map(|l| l.node.as_str()) else {
            return self.on_time_payment(entry, owed, false);
        };
        // An installment is named by its due date; a payment that names none
        // is for an obligation paid once (for an installment it is reported).
        let is_instance = entry.id.ends_with(']');
        let mut keys = vec![(label, entry.due)];
        if !is_instance && entry.due.is_some() {
            keys.push((label, None));
        }
        let indices: Vec<usize> = keys
            .iter()
            .filter_map(|key| self.payment_events.get(key))
            .flatten()
            .copied()
            .collect();
        // Whether the scenario records this payment at all (perhaps after the
        // as-of date): then "every payment is made on its due date" does not
        // speak for it.
        let recorded = !indices.is_empty();
        let mut payments = Vec::new();
        for index in indices {
            if let Some(flag) = self.matched_payments.get_mut(index) {
                *flag = true;
            }
            if let Some(Event::Paid { amount, on, .. }) = self.events().get(index) {
                if on.node <= self.as_of {
                    payments.push(Payment {
                        on: on.node,
                        amount: amount.node,
                    });
                }
            }
        }
        payments.extend(self.on_time_payment(entry, owed, recorded));
        payments.sort_by_key(|p| p.on);
        payments
    }

    /// Under `every payment is made on its due date`, the payment of an entry
    /// the scenario records nothing about.
    fn on_time_payment(&self, entry: &Entry, owed: Decimal, recorded: bool) -> Vec<Payment> {
        let on_time = self.scenario.is_some_and(|s| s.payments_on_time);
        match entry.due.filter(|d| *d <= self.as_of) {
            Some(due) if !recorded && on_time && owed > Decimal::ZERO => vec![Payment {
                on: due,
                amount: owed,
            }],
            _ => Vec::new(),
        }
    }

    /// Applies payments to an entry: paid, outstanding, status, late interest.
    fn settle(
        &mut self,
        entry: &mut Entry,
        obligation: &Obligation,
        owed: Decimal,
        payments: &[Payment],
    ) {
        let paid: Decimal = payments.iter().map(|p| p.amount).sum();
        entry.paid = Some(paid);
        entry.paid_on = payments.last().map(|p| p.on);
        entry.outstanding = Some((owed - paid).max(Decimal::ZERO));
        if payments.len() > 1 {
            for payment in payments {
                let paid = format!(
                    "paid {} on {}",
                    format_money(payment.amount),
                    long_date(payment.on)
                );
                entry.notes.push(paid);
            }
        }
        if entry.due.is_none() {
            entry.notes.push("no date for payment is stated".to_owned());
        }
        entry.status = if owed.is_zero() && entry.offset.is_some() {
            Status::Offset
        } else if paid >= owed && owed > Decimal::ZERO {
            match (entry.due, entry.paid_on) {
                (Some(due), Some(on)) if on > due => Status::PaidLate,
                _ => Status::Paid,
            }
        } else if paid > Decimal::ZERO {
            Status::PartlyPaid
        } else {
            match entry.due {
                Some(due) if due > self.as_of => Status::NotYetDue,
                _ => Status::Due,
            }
        };
        if let Some(interest) = obligation.modifiers.iter().find_map(|m| match m {
            Modifier::LateInterest(i) => Some(i),
            _ => None,
        }) {
            self.late_interest(entry, obligation, interest, owed, payments);
        }
    }

    /// Simple interest on what is unpaid after the grace period, segment by
    /// segment between payments, to the last payment or the as-of date.
    fn late_interest(
        &mut self,
        entry: &mut Entry,
        obligation: &Obligation,
        interest: &LateInterest,
        owed: Decimal,
        payments: &[Payment],
    ) {
        let Some(due) = entry.due else {
            return;
        };
        let grace = obligation
            .modifiers
            .iter()
            .find_map(|m| match m {
                Modifier::Grace(d) => Some(d.node),
                _ => None,
            })
            .unwrap_or(Duration {
                amount: 0,
                unit: DurationUnit::Days,
            });
        let Some(grace_end) = add_duration(due, grace) else {
            return;
        };
        let (starts_at_due, how) = match &interest.start {
            Some(InterestStart::DueDate) => (true, "from the due date".to_owned()),
            Some(InterestStart::GraceEnd) => (false, "from the end of the grace period".to_owned()),
            Some(InterestStart::Reading(name)) => {
                let option = self
                    .readings
                    .get(&name.node)
                    .map(|(o, _)| o.clone())
                    .unwrap_or_default();
                let id = self
                    .reading_ids
                    .get(&name.node)
                    .cloned()
                    .unwrap_or_default();
                let words = if option == "grace_end" {
                    "from the end of the grace period"
                } else {
                    "from the due date"
                };
                (
                    option != "grace_end",
                    format!("{words} (assumption {id}: {} = {option})", name.node),
                )
            }
            None => {
                self.use_default(
                    "late interest runs from the due date where a clause does not say",
                );
                (true, "from the due date".to_owned())
            }
        };
        let convention = interest.day_count.as_ref().map_or_else(
            || {
                self.use_default(
                    "late interest is simple, actual/365, where a clause does not say",
                );
                DayCount::Actual365
            },
            |d| d.node,
        );
        let rounding = self.rounding(obligation);
        let mut unpaid = owed
            - payments
                .iter()
                .filter(|p| p.on <= grace_end)
                .map(|p| p.amount)
                .sum::<Decimal>();
        if unpaid <= Decimal::ZERO {
            if payments.iter().any(|p| p.on > due) {
                entry.notes.push(format!(
                    "paid after the due date but within the grace period (to {}): no late interest",
                    long_date(grace_end)
                ));
            }
            return;
        }
        let mut cursor = if starts_at_due { due } else { grace_end };
        let mut segments: Vec<(NaiveDate, Decimal)> = payments
            .iter()
            .filter(|p| p.on > grace_end)
            .map(|p| (p.on, p.amount))
            .collect();
        if owed - payments.iter().map(|p| p.amount).sum::<Decimal>() > Decimal::ZERO
            && self.as_of > grace_end
        {
            segments.push((self.as_of, Decimal::ZERO));
        }
        for (until, payment) in segments {
            let (days, basis) = day_count(convention, cursor, until);
            if days > 0 && unpaid > Decimal::ZERO {
                match simple_interest(unpaid, interest.rate.node, days, basis, rounding) {
                    Ok(amount) => {
                        let explanation = format!(
                            "{} = {} × {} × {days}/{basis}, {} (clause {}; interest {how}; {})",
                            format_money(amount),
                            format_money(unpaid),
                            format_percent(interest.rate.node),
                            rounding.describe(),
                            entry.clause,
                            convention.describe()
                        );
                        entry
                            .explanation
                            .push(format!("late interest: {explanation}"));
                        entry.remedies.push(Remedy {
                            kind: "interest",
                            amount,
                            from: cursor,
                            to: until,
                            rate: interest.rate.node,
                            basis: convention.describe(),
                            days,
                            explanation,
                        });
                    }
                    Err(error) => {
                        self.unavailable(entry, Unavailable::Arithmetic(error.0, interest.span))
                    }
                }
            }
            unpaid -= payment;
            cursor = until;
        }
    }

    fn report_unmatched_payments(&mut self) {
        let events = self.events();
        for (index, event) in events.iter().enumerate() {
            let Event::Paid {
                obligation,
                due,
                span,
                ..
            } = event
            else {
                continue;
            };
            if self.matched_payments.get(index).copied().unwrap_or(true) {
                continue;
            }
            let known = self
                .model
                .obligations()
                .any(|(_, o)| o.label.as_ref().is_some_and(|l| l.node == obligation.node));
            if !known {
                continue; // reported by the checker as an unknown name
            }
            let dues: Vec<String> = self
                .entries
                .iter()
                .filter(|e| {
                    e.id.split('[')
                        .next()
                        .is_some_and(|base| base.ends_with(&format!(".{}", obligation.node)))
                })
                .filter_map(|e| e.due.map(long_date))
                .collect();
            let message = match due {
                Some(d) => format!(
                    "`{}` has no installment due on {} under this scenario",
                    obligation.node,
                    long_date(d.node)
                ),
                None => format!(
                    "this payment does not say which installment of `{}` it pays",
                    obligation.node
                ),
            };
            self.diagnostics.push(
                Diagnostic::error(Code::UnknownObligation, *span, message).with_help(
                    if dues.is_empty() {
                        "check the obligation's label".to_owned()
                    } else {
                        format!(
                            "its due dates are {}; write `for {} due DATE`",
                            dues.join(", "),
                            obligation.node
                        )
                    },
                ),
            );
        }
    }

    // ---- notices -----------------------------------------------------------

    /// A duty to give notice of each compensation received: one entry per
    /// receipt, due within the stated time.
    fn notices(
        &mut self,
        clause: &'m Clause,
        obligation: &'m Obligation,
        id: &str,
        receiver: &str,
    ) {
        let template = self.entry(clause, obligation, id);
        let within = obligation.modifiers.iter().find_map(|m| match m {
            Modifier::Within(d) => Some(d.node),
            _ => None,
        });
        let receipts: Vec<(NaiveDate, String)> = self
            .events()
            .iter()
            .filter_map(|e| match e {
                Event::Compensation {
                    party,
                    on,
                    description,
                    ..
                } if party.node == receiver && on.node <= self.as_of => Some((
                    on.node,
                    description
                        .as_ref()
                        .map(|d| d.node.clone())
                        .unwrap_or_else(|| "compensation".to_owned()),
                )),
                _ => None,
            })
            .filter(|(on, _)| {
                template.start.is_none_or(|s| *on >= s) && template.end.is_none_or(|e| *on <= e)
            })
            .collect();
        if receipts.is_empty() {
            let mut entry = template;
            entry.status = Status::NotTriggered;
            entry.notes.push(format!(
                "no compensation received by {receiver} in this scenario"
            ));
            self.entries.push(entry);
            return;
        }
        for (k, (received, what)) in receipts.into_iter().enumerate() {
            let mut entry = template.clone();
            entry.id = format!("{id}[{}]", k + 1);
            entry.due = within
                .and_then(|w| add_duration(received, w))
                .or(Some(received));
            entry.summary = format!(
                "{} ({what} received on {})",
                entry.summary,
                long_date(received)
            );
            self.notice_given(&mut entry, obligation, Some(received));
            self.entries.push(entry);
        }
    }

    // ---- values --------------------------------------------------------------

    fn value(&self, expr: &Expr) -> Result<Val, Unavailable> {
        let overflow = || {
            Unavailable::Arithmetic(
                format!(
                    "`{}` is too large to compute exactly",
                    self.text_of(expr.span)
                ),
                expr.span,
            )
        };
        match &expr.node {
            ExprKind::Money(v) => Ok(Val::Money(*v)),
            ExprKind::Number(v) => Ok(Val::Number(*v)),
            ExprKind::Percent(v) => Ok(Val::Percent(*v)),
            ExprKind::Date(d) => Ok(Val::Date(*d)),
            ExprKind::Duration(d) => Ok(Val::Duration(*d)),
            ExprKind::Fact(name) => match self.facts.get(name.as_str()) {
                Some(Value::Expr(e)) => self.value(e),
                _ => Err(Unavailable::MissingFact(name.clone(), expr.span)),
            },
            ExprKind::GreaterOf(a, b) | ExprKind::LesserOf(a, b) => {
                let (va, vb) = (self.value(a)?, self.value(b)?);
                let (Some(x), Some(y)) = (scalar(va), scalar(vb)) else {
                    return Err(overflow());
                };
                let greater = matches!(expr.node, ExprKind::GreaterOf(..));
                Ok(if (x >= y) == greater { va } else { vb })
            }
            ExprKind::Binary(op, a, b) => {
                let (va, vb) = (self.value(a)?, self.value(b)?);
                if *op == BinOp::Div && scalar(vb).is_some_and(|d| d.is_zero()) {
                    return Err(Unavailable::Arithmetic(
                        format!("`{}` divides by zero", self.text_of(expr.span)),
                        expr.span,
                    ));
                }
                binary(*op, va, vb).ok_or_else(overflow)
            }
        }
    }

    /// The arithmetic of an expression with each fact's value shown:
    /// `$250,000.00 × 6 ÷ 12`.
    fn explain(&self, expr: &Expr) -> String {
        match &expr.node {
            ExprKind::Fact(name) => match self.value(expr) {
                Ok(v) => format!("{name} {}", show(v)),
                Err(_) => name.clone(),
            },
            ExprKind::Binary(op, a, b) => format!(
                "{} {} {}",
                self.explain_operand(a),
                op.symbol(),
                self.explain_operand(b)
            ),
            ExprKind::GreaterOf(a, b) | ExprKind::LesserOf(a, b) => {
                let which = if matches!(expr.node, ExprKind::GreaterOf(..)) {
                    "greater"
                } else {
                    "lesser"
                };
                format!(
                    "the {which} of {} and {}",
                    self.explain_operand(a),
                    self.explain_operand(b)
                )
            }
            _ => self.value(expr).map(show).unwrap_or_default(),
        }
    }

    fn explain_operand(&self, expr: &Expr) -> String {
        match &expr.node {
            ExprKind::Binary(..) | ExprKind::GreaterOf(..) | ExprKind::LesserOf(..) => {
                let value = self
                    .value(expr)
                    .map(|v| format!(" = {}", show(v)))
                    .unwrap_or_default();
                format!("({}{value})", self.explain(expr))
            }
            _ => self.explain(expr),
        }
    }
}

/// Payment events by (label, due date named), in the scenario's order.
fn index_payments(scenario: Option<&Scenario>) -> BTreeMap<(&str, Option<NaiveDate>), Vec<usize>> {
    let mut index: BTreeMap<(&str, Option<NaiveDate>), Vec<usize>> = BTreeMap::new();
    for (i, event) in scenario
        .map_or(&[][..], |s| s.events.as_slice())
        .iter()
        .enumerate()
    {
        if let Event::Paid {
            obligation, due, ..
        } = event
        {
            index
                .entry((obligation.node.as_str(), due.as_ref().map(|d| d.node)))
                .or_default()
                .push(i);
        }
    }
    index
}

/// The clause of the entries a schedule added (for a diagnostic's clause).
fn clause_of(entries: &[Entry], first: usize) -> String {
    entries
        .get(first)
        .map(|e| e.clause.clone())
        .unwrap_or_default()
}

/// A figure written out, which needs no explaining.
fn is_literal(expr: &Expr) -> bool {
    matches!(
        expr.node,
        ExprKind::Money(_) | ExprKind::Number(_) | ExprKind::Percent(_)
    )
}

fn installments(obligation: &Obligation) -> Option<(&Count, Frequency, Option<DayRule>, Span)> {
    obligation.modifiers.iter().find_map(|m| match m {
        Modifier::Installments {
            count,
            frequency,
            day,
            span,
            ..
        } => Some((count, *frequency, *day, *span)),
        _ => None,
    })
}

fn period_of(obligation: &Obligation) -> Option<&Period> {
    obligation.modifiers.iter().find_map(|m| match m {
        Modifier::Period(p) => Some(p),
        _ => None,
    })
}

fn scalar(v: Val) -> Option<Decimal> {
    match v {
        Val::Money(d) | Val::Number(d) | Val::Percent(d) => Some(d),
        Val::Date(_) | Val::Duration(_) => None,
    }
}

fn binary(op: BinOp, a: Val, b: Val) -> Option<Val> {
    use Val::*;
    let apply = |x: Decimal, y: Decimal| match op {
        BinOp::Add => x.checked_add(y),
        BinOp::Sub => x.checked_sub(y),
        BinOp::Mul => x.checked_mul(y),
        BinOp::Div => x.checked_div(y),
    };
    match (a, b) {
        (Date(d), Duration(span)) if op == BinOp::Add => add_duration(d, span).map(Date),
        (Date(d), Duration(span)) if op == BinOp::Sub => sub_duration(d, span).map(Date),
        (Money(x), Money(y)) if op == BinOp::Div => apply(x, y).map(Number),
        (Money(x), Money(y) | Number(y) | Percent(y)) | (Number(x) | Percent(x), Money(y)) => {
            apply(x, y).map(Money)
        }
        (Percent(x), Number(y) | Percent(y)) | (Number(x), Percent(y)) => apply(x, y).map(Percent),
        (Number(x), Number(y)) => apply(x, y).map(Number),
        _ => None,
    }
}

fn show(v: Val) -> String {
    match v {
        Val::Money(d) => format_money(d),
        Val::Number(d) => d.normalize().to_string(),
        Val::Percent(d) => format_percent(d),
        Val::Date(d) => long_date(d),
        Val::Duration(d) => d.describe(),
    }
}

fn installment_explanation(
    total: Decimal,
    n: usize,
    part: Decimal,
    k: usize,
    rounding: Rounding,
    remainder: Remainder,
    parts: &[Decimal],
) -> String {
    let slot = match remainder {
        Remainder::First => 0,
        Remainder::Last => n.saturating_sub(1),
    };
    let regular = parts
        .iter()
        .enumerate()
        .find(|(i, _)| *i != slot)
        .map_or(part, |(_, p)| *p);
    if k == slot && n > 1 && part != regular {
        format!(
            "{} = {} − {} × {} (this installment takes the remainder so that the {n} sum exactly)",
            format_money(part),
            format_money(total),
            n - 1,
            format_money(regular)
        )
    } else {
        format!(
            "{} = {} ÷ {n}, {}",
            format_money(part),
            format_money(total),
            rounding.describe()
        )
    }
}

fn remainder_note(parts: &[Decimal], remainder: Remainder) -> String {
    let (slot, word) = match remainder {
        Remainder::First => (parts.first(), "first"),
        Remainder::Last => (parts.last(), "last"),
    };
    let regular = match remainder {
        Remainder::First => parts.get(1),
        Remainder::Last => parts.len().checked_sub(2).and_then(|i| parts.get(i)),
    };
    match (slot, regular) {
        (Some(s), Some(r)) if s != r => format!(
            "the {word} installment is {} ({} the others' {}) so that the installments sum exactly",
            format_money(*s),
            if s > r { "more than" } else { "less than" },
            format_money(*r)
        ),
        _ => "the installments are equal to the cent".to_owned(),
    }
}

/// A condition in the file's words: `if employee elects outplacement and not lessor_accepts_transfer`.
fn describe_condition(condition: &Condition, text_of: &dyn Fn(Span) -> String) -> String {
    format!("if {}", condition_words(condition, text_of))
}

fn condition_words(condition: &Condition, text_of: &dyn Fn(Span) -> String) -> String {
    let join = |parts: &[Condition], word: &str| {
        parts
            .iter()
            .map(|p| match p {
                Condition::All(..) | Condition::Any(..) => {
                    format!("({})", condition_words(p, text_of))
                }
                _ => condition_words(p, text_of),
            })
            .collect::<Vec<_>>()
            .join(word)
    };
    match condition {
        Condition::Not(inner, _) => format!("not {}", condition_words(inner, text_of)),
        Condition::All(parts, _) => join(parts, " and "),
        Condition::Any(parts, _) => join(parts, " or "),
        Condition::Elects { party, option } => format!("{} elects {}", party.node, option.node),
        Condition::Prevails(party) => format!("{} prevails", party.node),
        Condition::Compare(left, _, right) => text_of(left.span.to(right.span)),
        Condition::Described(text) => text.node.clone(),
        Condition::Fact(name) => name.node.clone(),
    }
}
