//! Parsed files → a checked [`Model`], with every problem found.
//!
//! Three passes, each reporting all it finds: gather the declarations
//! (duplicates), resolve every name used (with "did you mean"), and check
//! the types of every amount and condition; then every use is bound to the
//! id of its declaration ([`bind`]). The checks over the contract as
//! a whole live in [`crate::check::findings`].

pub mod bind;
pub(crate) mod bounds;
pub mod finding;
pub mod findings;
pub mod limits;
pub mod model;
pub mod problem;
mod totals;

use crate::check::model::{
    LedgerId, Model, NoticeAnswer, NoticeGiven, Reading, Stated, INTEREST_READINGS,
    SCHEDULE_READINGS,
};
use crate::check::problem::{
    Bound, CheckProblem, Combined, DateUse, Declared, FileItem, MoneyUse, NoticeDuty, PeriodTerm,
    Recorded, Remedy, Uncompared, Unknown,
};
use crate::diagnostic::codes::Code;
use crate::diagnostic::suggest::closest;
use crate::diagnostic::Diagnostic;
use crate::load::Loaded;
use crate::source::Span;
use crate::syntax::ast::*;
use std::collections::BTreeMap;

/// Builds the model of one agreement folder and checks it. The model is
/// returned even when there are errors; callers evaluate it only when there
/// are none.
///
/// When a part of some file could not be parsed, names are not resolved: the
/// declarations in that part are missing, and every use of them would be
/// reported again as an unknown name. The syntax errors come first.
pub fn check(loaded: &Loaded) -> (Model, Vec<Diagnostic>) {
    let items = loaded.files.iter().flat_map(|parsed| {
        parsed
            .ast
            .items
            .iter()
            .map(|item| (item.clone(), parsed.is_scenario))
    });
    check_items(loaded, items)
}

/// Like [`check`], moving each file's items into the model instead of
/// copying them (the files keep their texts and diagnostics, not their
/// trees): a folder's syntax trees are never held twice.
pub fn check_taking_items(loaded: &mut Loaded) -> (Model, Vec<Diagnostic>) {
    let items: Vec<(Item, bool)> = loaded
        .files
        .iter_mut()
        .flat_map(|parsed| {
            let is_scenario = parsed.is_scenario;
            std::mem::take(&mut parsed.ast.items)
                .into_iter()
                .map(move |item| (item, is_scenario))
        })
        .collect();
    check_items(loaded, items)
}

fn check_items(
    loaded: &Loaded,
    items: impl IntoIterator<Item = (Item, bool)>,
) -> (Model, Vec<Diagnostic>) {
    let mut model = Model::default();
    model.source = loaded.source;
    model.dir_span = loaded.dir_span;
    let mut checker = Checker {
        model,
        diagnostics: Vec::new(),
        agreement_span: None,
        business_days_span: None,
        written_before: std::collections::BTreeSet::new(),
        labels: BTreeMap::new(),
        scenario: None,
        currencies: BTreeMap::new(),
        offset_currencies: BTreeMap::new(),
        clause_numbers: BTreeMap::new(),
        scenario_names: BTreeMap::new(),
    };
    for (item, is_scenario) in items {
        checker.declare(item, is_scenario);
    }
    let unparsed = loaded
        .diagnostics
        .iter()
        .any(|d| d.severity == crate::diagnostic::Severity::Error);
    if !unparsed {
        checker.require_agreement(loaded);
        // In the order the document numbers them, not the order of the
        // file names (`20.clause` sorts before `4.clause`): an obligation
        // named by another must come first in the contract, whatever its
        // file is called. (`findings` later puts them in the order of the
        // source text, which agrees wherever the numbering does.)
        checker.model.clauses.sort_by(|a, b| {
            clause_number_key(&a.number.node).cmp(&clause_number_key(&b.number.node))
        });
        checker.resolve();
        let unbound = bind::bind(&mut checker.model);
        if !checker.has_errors() {
            for (name, span) in unbound {
                checker.report(CheckProblem::Unbound { name }, span, None);
            }
        }
    }
    (checker.model, checker.diagnostics)
}

/// A clause number's parts, numbers compared as numbers: `4` < `4(a)` <
/// `20`; a number comes before words (`signatures`).
fn clause_number_key(number: &str) -> Vec<(u8, u64, String)> {
    let mut parts = Vec::new();
    let mut chars = number.chars().peekable();
    while let Some(&c) = chars.peek() {
        let digits = c.is_ascii_digit();
        let mut run = String::new();
        while let Some(&c) = chars.peek().filter(|c| c.is_ascii_digit() == digits) {
            run.push(c);
            chars.next();
        }
        parts.push(match run.parse::<u64>() {
            Ok(n) if digits => (0, n, String::new()),
            _ => (1, 0, run),
        });
    }
    parts
}

struct Checker {
    model: Model,
    /// Every obligation label declared so far, agreement-wide.
    labels: BTreeMap<String, Span>,
    /// Every clause number declared so far, where: duplicates and parent
    /// clauses are looked up, not searched for.
    clause_numbers: BTreeMap<String, Span>,
    /// Every scenario name declared so far, where.
    scenario_names: BTreeMap<String, Span>,
    diagnostics: Vec<Diagnostic>,
    agreement_span: Option<Span>,
    /// Where the agreement says what a business day is.
    business_days_span: Option<Span>,
    /// The labels of the obligations resolved so far, in document order:
    /// an obligation can name a schedule only from this set.
    written_before: std::collections::BTreeSet<String>,
    /// The scenario being checked, whose problems are its own.
    scenario: Option<String>,
    /// The currency of each labelled obligation's amount, for the payments
    /// and expectations a scenario records against it.
    currencies: BTreeMap<String, Currency>,
    /// The currency of the amounts each party's compensation offsets
    /// (`reduced by compensation PARTY receives`).
    offset_currencies: BTreeMap<String, Currency>,
}

impl Checker {
    fn has_errors(&self) -> bool {
        (self.diagnostics.iter()).any(|d| d.severity == crate::diagnostic::Severity::Error)
    }

    /// Reports a problem: one found checking a scenario is that
    /// scenario's. Another place it names is shown only in the file of
    /// the problem itself (a report shows one file's text).
    fn push(&mut self, mut diagnostic: Diagnostic) {
        if let Some(scenario) = &self.scenario {
            diagnostic.scenario = Some(Box::from(scenario.as_str()));
        }
        if let Some(file) = diagnostic.span().map(|s| s.file) {
            let mut first = true;
            diagnostic.labels.retain(|label| {
                let keep = first || label.span.file == file;
                first = false;
                keep
            });
        }
        self.diagnostics.push(diagnostic);
    }

    /// Reports `problem` at `span`, in `clause` when it is found in one.
    fn report(&mut self, problem: CheckProblem, span: Span, clause: Option<&str>) {
        self.report_misspelt(problem, span, None, clause);
    }

    /// Reports `problem` at the misspelt word `span`, offering the close
    /// name `suggestion` when there is one (its help then says so).
    fn report_misspelt(
        &mut self,
        problem: CheckProblem,
        span: Span,
        suggestion: Option<&str>,
        clause: Option<&str>,
    ) {
        let mut diagnostic = Diagnostic::of(&problem, span);
        if let Some(name) = suggestion {
            diagnostic = diagnostic.with_suggestion(span, name);
        }
        if let Some(clause) = clause {
            diagnostic = diagnostic.in_clause(clause);
        }
        self.push(diagnostic);
    }

    fn duplicate(&mut self, what: Declared, name: &Name, first: Span) {
        let problem = CheckProblem::DeclaredTwice {
            what,
            name: name.node.clone(),
            first,
        };
        self.report(problem, name.span, None);
    }

    // ---- pass 1: declarations ------------------------------------------

    fn declare(&mut self, item: Item, in_scenario_file: bool) {
        let wrong_place = match &item {
            Item::Scenario(s) => (!in_scenario_file).then_some((s.name.span, FileItem::Scenario)),
            Item::Clause(c) => in_scenario_file.then_some((c.number.span, FileItem::Clause)),
            _ => None,
        };
        if let Some((span, what)) = wrong_place {
            self.report(CheckProblem::WrongFile { what }, span, None);
            return;
        }
        match item {
            Item::Agreement(a) => self.declare_agreement(&a),
            Item::Party(p) => {
                if let Some(first) = self.model.parties.get(&p.name.node) {
                    let first = first.name.span;
                    self.duplicate(Declared::Party, &p.name, first);
                } else {
                    self.model.parties.insert(p.name.node.clone(), p);
                }
            }
            Item::Document(d) => {
                if let Some(first) = self.model.documents.get(&d.name.node) {
                    let first = first.name.span;
                    self.duplicate(Declared::Document, &d.name, first);
                } else {
                    self.model.documents.insert(d.name.node.clone(), d);
                }
            }
            Item::Fact(f) => self.declare_fact(&f),
            Item::Event(e) => self.declare_event(&e),
            Item::BusinessDays(b) => self.declare_business_days(&b),
            Item::Election(e) => self.declare_election(&e),
            Item::Assumption(a) => self.declare_assumption(&a, None),
            Item::Signature(s) => self.model.signatures.push(s),
            Item::Clause(c) => self.declare_clause(c),
            Item::Scenario(s) => {
                if let Some(first) = self.scenario_names.get(&s.name.node) {
                    let first = *first;
                    self.duplicate(Declared::Scenario, &s.name, first);
                } else {
                    self.scenario_names.insert(s.name.node.clone(), s.name.span);
                    self.model.scenarios.push(s);
                }
            }
        }
    }

    fn declare_agreement(&mut self, agreement: &Agreement) {
        if let Some(first) = self.agreement_span {
            self.report(
                CheckProblem::SecondAgreement { first },
                agreement.span,
                None,
            );
            return;
        }
        self.agreement_span = Some(agreement.span);
        self.model.title = agreement.title.node.clone();
        self.model.dated = agreement.dated.as_ref().map(|d| d.node);
    }

    fn declare_fact(&mut self, fact: &FactDecl) {
        if let Some(first) = self.model.facts.get(&fact.name.node) {
            let first = first.name.span;
            self.duplicate(Declared::Fact, &fact.name, first);
        } else {
            self.model
                .facts
                .insert(fact.name.node.clone(), fact.clone());
        }
    }

    fn declare_event(&mut self, event: &EventDecl) {
        if let Some(first) = self.model.events.get(&event.name.node) {
            let first = first.name.span;
            self.duplicate(Declared::Event, &event.name, first);
        } else {
            self.model
                .events
                .insert(event.name.node.clone(), event.clone());
        }
    }

    fn declare_business_days(&mut self, declared: &BusinessDays) {
        use crate::calc::business::{BusinessCalendar, Weekend};
        if let Some(first) = self.business_days_span {
            self.report(
                CheckProblem::BusinessDaysTwice { first },
                declared.span,
                None,
            );
            return;
        }
        self.business_days_span = Some(declared.span);
        let days: Vec<chrono::Weekday> = declared.weekend.iter().map(|d| d.node).collect();
        let Ok(weekend) = Weekend::new(&days) else {
            self.report(CheckProblem::NoBusinessDay, declared.span, None);
            return;
        };
        let mut built_ins: Vec<_> = declared.built_ins.iter().map(|b| b.node).collect();
        built_ins.dedup();
        self.model.business_days = Some(BusinessCalendar {
            weekend,
            built_ins,
            extra_holidays: declared.holidays.iter().map(|d| d.node).collect(),
        });
    }

    fn declare_election(&mut self, election: &Election) {
        if let Some(first) = self.model.election_named(&election.name.node) {
            let first = first.name.span;
            self.duplicate(Declared::Election, &election.name, first);
            return;
        }
        self.check_options(&election.name, &election.options);
        // `PARTY elects OPTION` names the option alone, so an option belongs
        // to one election only.
        for option in &election.options {
            let earlier = (self.model.election_option(&option.name.node)).map(|o| o.name.span);
            if let Some(first) = earlier {
                self.duplicate(Declared::Option, &option.name, first);
            }
        }
        self.model.add_election(election.clone());
    }

    fn check_options(&mut self, owner: &Name, options: &[OptionDecl]) {
        let mut seen: BTreeMap<&str, Span> = BTreeMap::new();
        for option in options {
            if let Some(first) = seen.get(option.name.node.as_str()) {
                let first = *first;
                self.duplicate(Declared::Option, &option.name, first);
            }
            seen.insert(&option.name.node, option.name.span);
        }
        if options.iter().filter(|o| o.is_default).count() > 1 {
            let owner_name = owner.node.clone();
            self.report(
                CheckProblem::SeveralDefaults { owner: owner_name },
                owner.span,
                None,
            );
        }
    }

    fn declare_assumption(&mut self, assumption: &Assumption, clause: Option<&str>) {
        match assumption {
            Assumption::Stated(text) => self.model.stated.push(Stated {
                clause: clause.map(str::to_owned),
                text: text.clone(),
            }),
            Assumption::Reading {
                name,
                description,
                options,
            } => {
                if let Some(first) = self.model.reading(&name.node) {
                    let first = first.name.span;
                    self.duplicate(Declared::Reading, name, first);
                    return;
                }
                self.check_options(name, options);
                self.model.add_reading(Reading {
                    clause: clause.map(str::to_owned),
                    name: name.clone(),
                    description: description.clone(),
                    options: options.clone(),
                });
            }
        }
    }

    fn declare_clause(&mut self, clause: Clause) {
        if let Some(first) = self.clause_numbers.get(&clause.number.node) {
            let first = *first;
            self.duplicate(Declared::Clause, &clause.number, first);
            return;
        }
        self.clause_numbers
            .insert(clause.number.node.clone(), clause.number.span);
        for fact in &clause.facts {
            self.declare_fact(fact);
        }
        for event in &clause.events {
            self.declare_event(event);
        }
        for election in &clause.elections {
            self.declare_election(election);
        }
        for assumption in &clause.assumptions {
            self.declare_assumption(assumption, Some(&clause.number.node));
        }
        // Scenarios name obligations by label alone, so a label is unique in
        // the whole agreement, not only in its clause.
        for label in clause.obligations.iter().filter_map(|o| o.label.as_ref()) {
            if let Some(first) = self.labels.get(&label.node) {
                let first = *first;
                self.duplicate(Declared::Obligation, label, first);
            } else {
                self.labels.insert(label.node.clone(), label.span);
            }
        }
        self.model.clauses.push(clause);
    }

    fn require_agreement(&mut self, loaded: &Loaded) {
        let has_clause_files = loaded.files.iter().any(|f| !f.is_scenario);
        if self.agreement_span.is_none() && has_clause_files {
            let span = loaded
                .files
                .iter()
                .find(|f| !f.is_scenario)
                .map_or(loaded.dir_span, |f| Span::new(f.file, 0, 0));
            self.report(CheckProblem::NoAgreement, span, None);
        }
    }

    // ---- pass 2 and 3: names and types ---------------------------------

    fn resolve(&mut self) {
        self.model.index_notice_duties();
        let clauses = self.model.clauses.clone();
        for clause in &clauses {
            self.resolve_parent(clause);
            for obligation in &clause.obligations {
                self.resolve_obligation(clause, obligation);
                if let Some(label) = &obligation.label {
                    self.written_before.insert(label.node.clone());
                }
            }
        }
        for election in self.model.elections.clone() {
            self.party(&election.by, None);
        }
        for signature in self.model.signatures.clone() {
            self.party(&signature.party, None);
        }
        for scenario in self.model.scenarios.clone() {
            self.resolve_scenario(&scenario);
        }
    }

    fn resolve_parent(&mut self, clause: &Clause) {
        let number = &clause.number.node;
        // `2(b)` belongs to `2`, `8.2` to `8`, `8.2(a)` to `8.2`.
        let parent = match number.rfind('(') {
            Some(open) => number.get(..open),
            None => number.rfind('.').and_then(|dot| number.get(..dot)),
        };
        let Some(parent) = parent else {
            return;
        };
        if !parent.is_empty() && !self.clause_numbers.contains_key(parent) {
            let problem = CheckProblem::MissingParent {
                number: number.clone(),
                parent: parent.to_owned(),
            };
            self.report(problem, clause.number.span, Some(number));
        }
    }

    /// Records that the name used at `used` is the one declared at `declared`.
    fn resolved(&mut self, used: Span, declared: Span) {
        self.model
            .resolutions
            .push(crate::check::model::Resolution { used, declared });
    }

    fn party(&mut self, name: &Name, clause: Option<&str>) {
        if let Some(declared) = self.model.parties.get(&name.node).map(|p| p.name.span) {
            self.resolved(name.span, declared);
            return;
        }
        let known: Vec<String> = self.model.parties.keys().cloned().collect();
        let suggestion = closest(&name.node, known.iter().map(String::as_str)).map(str::to_owned);
        let problem = CheckProblem::UnknownParty {
            name: name.node.clone(),
            known,
        };
        self.report_misspelt(problem, name.span, suggestion.as_deref(), clause);
    }

    /// A name of the kind `what` that nothing declares, with the closest
    /// of `candidates` offered.
    fn unknown_name(
        &mut self,
        name: &Name,
        what: Unknown,
        candidates: Vec<String>,
        clause: Option<&str>,
    ) {
        let suggestion = closest(&name.node, candidates.iter().map(String::as_str));
        let problem = CheckProblem::UnknownName {
            name: name.node.clone(),
            what,
        };
        self.report_misspelt(problem, name.span, suggestion, clause);
    }

    fn resolve_obligation(&mut self, clause: &Clause, obligation: &Obligation) {
        let number = Some(clause.number.node.as_str());
        self.party(&obligation.obligor.name, number);
        if let Some(obligee) = &obligation.obligee {
            self.party(&obligee.name, number);
        }
        let mut currency = None;
        match &obligation.subject {
            // Interest on a schedule's balance is a whole obligation: one
            // payment with each of the schedule's instances, in its currency.
            Subject::Amount(Expr {
                node: ExprKind::InterestOn { schedule, .. },
                ..
            }) => {
                self.earlier_schedule(schedule, number);
                currency = self.currencies.get(&schedule.node).copied();
            }
            Subject::Amount(expr) => {
                currency = self.expect_money(expr, None, MoneyUse::Payment, number);
            }
            Subject::Reimbursed(_, Some(expr)) => {
                currency = self.expect_money(expr, None, MoneyUse::Reimbursement, number);
            }
            Subject::DocumentRef(reference) => self.document(reference, number),
            Subject::CompensationReceived(party) => self.party(&party.name, number),
            Subject::Reimbursed(_, None) | Subject::Described(_) | Subject::Deadline { .. } => {}
        }
        if let (Some(label), Some(currency)) = (&obligation.label, currency) {
            self.currencies.insert(label.node.clone(), currency);
        }
        for modifier in &obligation.modifiers {
            self.resolve_modifier(modifier, obligation, number, currency);
        }
        self.terms_stated_once(obligation, number);
        self.steps_in_order(obligation, number);
    }

    /// `becoming AMOUNT from DATE`: an amount from a date, on an amount due
    /// each period that does not also increase each year.
    fn step(
        &mut self,
        step: &Step,
        obligation: &Obligation,
        clause: Option<&str>,
        currency: Option<Currency>,
    ) {
        self.expect_money(&step.amount, currency, MoneyUse::Step, clause);
        self.expect_date(&step.from, DateUse::StepStart, clause);
        if obligation.terms.recurring.is_none() {
            let problem = CheckProblem::NotEachPeriod {
                term: PeriodTerm::Step,
            };
            self.report(problem, step.span, clause);
        }
        if let Some(escalation) = &obligation.terms.escalation {
            let problem = CheckProblem::ChangesTwice {
                escalation: escalation.span,
            };
            self.report(problem, step.span, clause);
        }
    }

    /// A rent table's steps, each written date later than the one before
    /// (and than the first date): otherwise which amount is due when is
    /// for the lawyer to say.
    fn steps_in_order(&mut self, obligation: &Obligation, clause: Option<&str>) {
        let first = (obligation.terms.period.as_ref())
            .and_then(|p| p.from.as_ref())
            .and_then(Expr::written_date);
        let mut before: Option<(chrono::NaiveDate, Option<Span>)> = first.map(|d| (d, None));
        for step in &obligation.terms.steps {
            let Some(from) = step.from.written_date() else {
                continue;
            };
            if let Some((earlier, earlier_span)) = before {
                if from <= earlier {
                    let problem = CheckProblem::StepOutOfOrder {
                        from,
                        earlier,
                        earlier_step: earlier_span,
                    };
                    self.report(problem, step.from.span, clause);
                }
            }
            before = Some((from, Some(step.span)));
        }
    }

    /// A term stated twice (two caps, two grace periods) is an error: the
    /// ledger could follow only one of them, and which one the parties meant
    /// is for the lawyer to say.
    fn terms_stated_once(&mut self, obligation: &Obligation, clause: Option<&str>) {
        let mut stated: Vec<(&'static str, Span)> = Vec::new();
        for modifier in &obligation.modifiers {
            let (Some(term), Some(span)) = (modifier.once_only_term(), modifier.span()) else {
                continue;
            };
            match stated.iter().find(|(t, _)| *t == term) {
                Some((_, first)) => {
                    let problem = CheckProblem::StatedTwice {
                        term,
                        first: *first,
                    };
                    self.report(problem, span, clause);
                }
                None => stated.push((term, span)),
            }
        }
    }

    fn document(&mut self, reference: &DocumentRef, clause: Option<&str>) {
        let Some(document) = self.model.documents.get(&reference.document.node).cloned() else {
            let candidates = self.model.documents.keys().cloned().collect::<Vec<_>>();
            let suggestion = closest(
                &reference.document.node,
                candidates.iter().map(String::as_str),
            );
            let problem = CheckProblem::UnknownDocument {
                name: reference.document.node.clone(),
            };
            self.report_misspelt(problem, reference.document.span, suggestion, clause);
            return;
        };
        self.resolved(reference.document.span, document.name.span);
        let declared_section = reference.section.as_ref().and_then(|section| {
            let declared = document
                .sections
                .iter()
                .find(|s| s.number.node == section.node)?;
            Some((section.span, declared.number.span))
        });
        if let Some((used, declared)) = declared_section {
            self.resolved(used, declared);
        }
        if let Some(section) = &reference.section {
            if !document
                .sections
                .iter()
                .any(|s| s.number.node == section.node)
            {
                let problem = CheckProblem::UnknownSection {
                    document: document.name.node.clone(),
                    section: section.node.clone(),
                    declared: document
                        .sections
                        .iter()
                        .map(|s| s.number.node.clone())
                        .collect(),
                };
                self.report(problem, section.span, clause);
            }
        }
    }

    fn resolve_modifier(
        &mut self,
        modifier: &Modifier,
        obligation: &Obligation,
        clause: Option<&str>,
        currency: Option<Currency>,
    ) {
        match modifier {
            Modifier::ConflictRule(rule) => {
                self.reading_with(&rule.name, SCHEDULE_READINGS, clause)
            }
            Modifier::LateInterest(interest) => {
                if let Some(InterestStart::Reading(reading)) = &interest.start {
                    self.reading_with(&reading.name, INTEREST_READINGS, clause);
                }
                self.on_a_payment(obligation, interest.span, Remedy::LateInterest, clause);
            }
            Modifier::LateFee(fee, span) => {
                if let LateFee::Amount(amount) = fee {
                    self.expect_money(amount, currency, MoneyUse::LateFee, clause);
                }
                self.on_a_payment(obligation, *span, Remedy::LateFee, clause);
            }
            Modifier::Interest(interest) => {
                self.expect_date(&interest.from, DateUse::InterestStart, clause);
                self.on_a_payment(obligation, interest.span, Remedy::Interest, clause);
            }
            Modifier::RemainingEnd(date) => {
                self.expect_date(date, DateUse::InstallmentsEnd, clause);
                if !obligation
                    .modifiers
                    .iter()
                    .any(|m| matches!(m, Modifier::Installments(_)))
                {
                    let problem = CheckProblem::RemainingWithoutInstallments;
                    self.report(problem, date.span, clause);
                }
            }
            Modifier::Offset(Offset {
                receiver, period, ..
            }) => {
                self.party(&receiver.name, clause);
                if let Some(currency) = currency {
                    self.offset_currencies
                        .insert(receiver.name.node.clone(), currency);
                }
                if let Some(period) = period {
                    self.period(period, clause);
                }
            }
            Modifier::Period(period) => self.period(period, clause),
            Modifier::On(date) => self.expect_date(date, DateUse::DueDate, clause),
            Modifier::ByTime(time) => self.time_compared(obligation, time, clause),
            Modifier::Effective(date) => self.expect_date(date, DateUse::EffectiveDate, clause),
            Modifier::Cost(expr) => {
                self.expect_money(expr, currency, MoneyUse::Cost, clause);
            }
            Modifier::Cap(expr) => {
                self.expect_money(expr, currency, MoneyUse::Limit, clause);
                self.no_limit_on_each_period(obligation, expr, Bound::NotToExceed, clause);
            }
            Modifier::AggregateCap(expr) => {
                self.expect_money(expr, currency, MoneyUse::AggregateLimit, clause);
                if obligation.terms.recurring.is_none() {
                    let problem = CheckProblem::NotEachPeriod {
                        term: PeriodTerm::AggregateLimit,
                    };
                    self.report(problem, expr.span, clause);
                }
            }
            Modifier::Floor(expr) => {
                self.expect_money(expr, currency, MoneyUse::Minimum, clause);
                self.no_limit_on_each_period(obligation, expr, Bound::NotLessThan, clause);
            }
            Modifier::Condition(condition) => self.condition(condition, clause),
            Modifier::Then(Then { party, .. }) => self.party(party, clause),
            Modifier::Installments(Installments {
                each,
                day,
                frequency,
                span,
                ..
            }) => {
                if *day == Some(DayRule::FirstBusinessDay) {
                    self.model.counts_business_days = true;
                }
                self.weekly_has_no_day(*frequency, *day, *span, clause);
                if let Some(each) = each {
                    self.expect_money(each, currency, MoneyUse::Installment, clause);
                }
            }
            Modifier::Roll(..) => self.model.counts_business_days = true,
            Modifier::CreditedAgainst(target) => {
                self.credited_against(target, obligation, clause);
                self.credit_in_currency(target, currency, clause);
            }
            Modifier::Amortized(Amortized { span, .. }) => {
                if obligation.terms.installments.is_none() {
                    let problem = CheckProblem::AmortizedWithoutInstallments;
                    self.report(problem, *span, clause);
                }
            }
            Modifier::UnusedCredit(UnusedCreditTerm { on, span, .. }) => {
                self.expect_date(on, DateUse::UnusedCredit, clause);
                if obligation.terms.credited_against.is_none() {
                    self.report(CheckProblem::UnusedWithoutCredit, *span, clause);
                }
            }
            Modifier::MetWhen(event) => {
                self.event(&event.name, clause);
                if matches!(obligation.kind, Kind::Payment | Kind::Reimbursement) {
                    self.report(CheckProblem::PaymentMetByEvent, event.name.span, clause);
                }
            }
            Modifier::Recurring(Recurring {
                day,
                span,
                frequency,
            }) => {
                if *day == Some(DayRule::FirstBusinessDay) {
                    self.model.counts_business_days = true;
                }
                self.weekly_has_no_day(*frequency, *day, *span, clause);
                self.on_a_payment(obligation, *span, Remedy::Recurring, clause);
                if obligation.terms.installments.is_some() {
                    let problem = CheckProblem::InstallmentsAndEachPeriod;
                    self.report(problem, *span, clause);
                }
            }
            Modifier::Escalation(Escalation { span, rounding, .. }) => {
                self.rounding_fits(rounding.unit, currency, *span, clause);
                if obligation.terms.recurring.is_none() {
                    let problem = CheckProblem::NotEachPeriod {
                        term: PeriodTerm::Escalation,
                    };
                    self.report(problem, *span, clause);
                }
            }
            Modifier::Abatement(Abatement {
                from,
                through,
                span,
            }) => {
                self.expect_date(from, DateUse::AbatementStart, clause);
                self.expect_date(through, DateUse::AbatementEnd, clause);
                let scheduled = obligation.terms.is_scheduled();
                if !scheduled {
                    self.report(CheckProblem::AbatedWithoutSchedule, *span, clause);
                }
            }
            Modifier::Step(step) => self.step(step, obligation, clause, currency),
            Modifier::Prepayments(_, span) => {
                if obligation.terms.amortized.is_none() {
                    let problem = CheckProblem::PrepaymentsWithoutAmortization;
                    self.report(problem, *span, clause);
                }
            }
            Modifier::Prorated(span) => {
                if obligation.terms.recurring.is_none() {
                    let problem = CheckProblem::NotEachPeriod {
                        term: PeriodTerm::Proration,
                    };
                    self.report(problem, *span, clause);
                }
            }
            Modifier::Rounding(_, unit, span) => self.rounding_fits(*unit, currency, *span, clause),
            Modifier::Remainder(..)
            | Modifier::For(_)
            | Modifier::Within(_)
            | Modifier::Grace(_)
            | Modifier::Lapses(_) => {}
        }
    }

    /// The obligation a payment or prepayment is for, by its label: the
    /// use recorded, or reported with the closest label.
    fn paid_toward(&mut self, obligation: &Name) {
        if let Some(declared) = self.labels.get(&obligation.node).copied() {
            self.resolved(obligation.span, declared);
            return;
        }
        let labels: Vec<String> = self
            .model
            .obligations()
            .filter_map(|(_, o)| o.label.as_ref().map(|l| l.node.clone()))
            .collect();
        self.unknown_name(obligation, Unknown::PaidObligation, labels, None);
    }

    /// A prepayment is for a schedule whose clause says what prepayments
    /// do; for any other, the ledger could only guess.
    fn prepayable(&mut self, obligation: &Name) {
        let Some((_, target)) = self
            .model
            .obligations()
            .find(|(_, o)| o.label.as_ref().is_some_and(|l| l.node == obligation.node))
        else {
            return;
        };
        if target.terms.prepayments.is_none() {
            let problem = CheckProblem::NotPrepayable {
                name: obligation.node.clone(),
            };
            self.report(problem, obligation.span, None);
        }
    }

    /// `cause` in `separation_reason is cause`: one of the values the fact's
    /// declaration names, the use recorded.
    fn fact_value_named(&mut self, fact: &Name, value: &Name, clause: Option<&str>) {
        let options = self
            .model
            .facts
            .get(&fact.node)
            .map(|f| f.options.clone())
            .unwrap_or_default();
        match options.iter().find(|o| o.node == value.node) {
            Some(option) => self.resolved(value.span, option.span),
            None => {
                let names = options.iter().map(|o| o.node.clone()).collect();
                let what = Unknown::FactValue {
                    fact: fact.node.clone(),
                };
                self.unknown_name(value, what, names, clause);
            }
        }
    }

    /// A limit or a minimum on an amount due each period (on each payment,
    /// or on all of them?) or on interest on a schedule's balance: the
    /// ledger has no rule for it, and would pay the amount as if it were not
    /// there.
    fn no_limit_on_each_period(
        &mut self,
        obligation: &Obligation,
        limit: &Expr,
        words: Bound,
        clause: Option<&str>,
    ) {
        let interest = matches!(
            &obligation.subject,
            Subject::Amount(Expr {
                node: ExprKind::InterestOn { .. },
                ..
            })
        );
        let problem = if interest {
            CheckProblem::LimitOnInterest { words }
        } else if obligation.terms.recurring.is_some() {
            CheckProblem::LimitOnEachPeriod {
                words,
                limit: limit.to_string(),
            }
        } else {
            return;
        };
        self.report(problem, limit.span, clause);
    }

    /// A schedule counted in weeks falls on the weekday of its first date:
    /// a day of the month means nothing to it.
    fn weekly_has_no_day(
        &mut self,
        frequency: Frequency,
        day: Option<DayRule>,
        span: Span,
        clause: Option<&str>,
    ) {
        if matches!(frequency, Frequency::Weeks(_)) && day.is_some() {
            self.report(CheckProblem::WeeklyOnADay, span, clause);
        }
    }

    /// `by 5:00 p.m. ... on DATE`: the time is compared with when a payment,
    /// a notice or the event that meets a performance was recorded. Where
    /// nothing is recorded to compare it with, it is said, so that nobody
    /// reads the ledger as having checked it.
    fn time_compared(&mut self, obligation: &Obligation, time: &TimeOfDay, clause: Option<&str>) {
        let why = if obligation.terms.is_scheduled() {
            Uncompared::Schedule
        } else {
            match (obligation.kind, &obligation.subject) {
                (Kind::Payment | Kind::Reimbursement, _) => return,
                (Kind::Notice, Subject::CompensationReceived(_)) => Uncompared::CompensationNotice,
                (Kind::Notice, _) => return,
                (Kind::Performance, _) if obligation.terms.met_when.is_some() => return,
                (Kind::Performance, _) => Uncompared::Performance,
                (kind, _) => Uncompared::NoDeadline(kind),
            }
        };
        let problem = CheckProblem::TimeNotCompared {
            time: time.clock().words(),
            why,
        };
        self.report(problem, time.span(), clause);
    }

    /// A remedy that only a payment can carry.
    fn on_a_payment(
        &mut self,
        obligation: &Obligation,
        span: Span,
        what: Remedy,
        clause: Option<&str>,
    ) {
        if obligation.kind != Kind::Payment {
            self.report(CheckProblem::NotOnAPayment { what }, span, clause);
        }
    }

    /// `credited against TARGET`: the credit is one amount, paid by the
    /// party that is owed under TARGET to the party that owes, and worked
    /// out from figures, facts and events only — the evaluator applies it
    /// while it makes TARGET's ledger, which comes first.
    #[inline(never)]
    fn credited_against(&mut self, target: &Name, obligation: &Obligation, clause: Option<&str>) {
        self.on_a_payment(obligation, target.span, Remedy::Credit, clause);
        let problem = if obligation.label.is_none() {
            Some(CheckProblem::CreditUnlabelled)
        } else if obligation.terms.is_scheduled() {
            Some(CheckProblem::CreditScheduled)
        } else if let Subject::Amount(amount) = &obligation.subject {
            names_an_obligation(amount).map(|used| CheckProblem::CreditUsesObligation { used })
        } else {
            None
        };
        if let Some(problem) = problem {
            self.report(problem, target.span, clause);
        }
        self.earlier_obligation(target, clause, false);
        let owed = self
            .model
            .obligations()
            .find(|(_, o)| o.label.as_ref().is_some_and(|l| l.node == target.node))
            .map(|(_, o)| {
                (
                    o.kind,
                    o.obligor.name.node.clone(),
                    o.obligee.as_ref().map(|p| p.name.node.clone()),
                )
            });
        let Some((kind, debtor, creditor)) = owed else {
            return;
        };
        let reverses = kind == Kind::Payment
            && debtor
                == obligation
                    .obligee
                    .as_ref()
                    .map_or("", |p| p.name.node.as_str())
            && creditor.as_deref() == Some(obligation.obligor.name.node.as_str());
        if !reverses {
            let problem = CheckProblem::CreditReducesOther {
                target: target.node.clone(),
                obligee: obligation.obligee.as_ref().map(|p| p.name.node.clone()),
                obligor: obligation.obligor.name.node.clone(),
            };
            self.report(problem, target.span, clause);
        }
    }

    /// A schedule named in an amount, a date or a condition of another
    /// obligation (`the unpaid balance of installments on ...`): it must be
    /// a schedule of payments, written before the obligation that names it,
    /// so that its ledger is made first.
    fn earlier_schedule(&mut self, name: &Name, clause: Option<&str>) {
        self.earlier_obligation(name, clause, true);
    }

    /// An obligation named by another (`the total of interest_payments`),
    /// a schedule where `schedule` says so, written before the one that
    /// names it.
    fn earlier_obligation(&mut self, name: &Name, clause: Option<&str>, schedule_needed: bool) {
        let found = self
            .model
            .obligations()
            .find(|(_, o)| o.label.as_ref().is_some_and(|l| l.node == name.node))
            .map(|(_, o)| {
                let schedule = o.terms.is_scheduled();
                (o.label.as_ref().map_or(o.span, |l| l.span), schedule)
            });
        let Some((declared, schedule)) = found else {
            let labels: Vec<String> = self
                .model
                .obligations()
                .filter_map(|(_, o)| o.label.as_ref().map(|l| l.node.clone()))
                .collect();
            self.unknown_name(name, Unknown::NamedObligation, labels, clause);
            return;
        };
        self.resolved(name.span, declared);
        let problem = if schedule_needed && !schedule {
            CheckProblem::NotASchedule {
                name: name.node.clone(),
                declared,
            }
        } else if !self.written_before.contains(&name.node) {
            CheckProblem::WrittenAfter {
                name: name.node.clone(),
                declared,
            }
        } else {
            return;
        };
        self.report(problem, name.span, clause);
    }

    fn period(&mut self, period: &Period, clause: Option<&str>) {
        for (date, what) in [
            (&period.from, DateUse::PeriodStart),
            (&period.through, DateUse::PeriodEnd),
        ] {
            if let Some(date) = date {
                self.expect_date(date, what, clause);
            }
        }
    }

    /// An event named in a clause (`the date of delivery`, `delivery
    /// happens`), the use recorded.
    fn event(&mut self, name: &Name, clause: Option<&str>) {
        let declared = match self.model.events.get(&name.node) {
            Some(event) => Some(event.name.span),
            None => self.model.notice_label(&name.node),
        };
        match declared {
            Some(declared) => self.resolved(name.span, declared),
            None => {
                let notices = self
                    .model
                    .obligations()
                    .filter(|(_, o)| o.kind == Kind::Notice)
                    .filter_map(|(_, o)| o.label.as_ref().map(|l| l.node.clone()));
                let candidates = self.model.events.keys().cloned().chain(notices).collect();
                self.unknown_name(name, Unknown::Event, candidates, clause);
            }
        }
    }

    /// A reading used where its options must carry built-in meanings.
    /// A fact's declared type, the use recorded, or `None` if no such fact.
    fn fact_type(&mut self, name: &Name) -> Option<Type> {
        let (ty, declared) = self
            .model
            .facts
            .get(&name.node)
            .map(|f| (f.ty.node, f.name.span))?;
        self.resolved(name.span, declared);
        Some(ty)
    }

    fn reading_with(&mut self, name: &Name, meanings: &[&str], clause: Option<&str>) {
        let Some(reading) = self.model.reading(&name.node).cloned() else {
            let candidates = self
                .model
                .readings
                .iter()
                .map(|r| r.name.node.clone())
                .collect();
            self.unknown_name(name, Unknown::Reading, candidates, clause);
            return;
        };
        self.resolved(name.span, reading.name.span);
        for option in &reading.options {
            if !meanings.contains(&option.name.node.as_str()) {
                let problem = CheckProblem::ReadingWithoutMeanings {
                    reading: reading.name.node.clone(),
                    meanings: meanings.iter().map(|m| (*m).to_owned()).collect(),
                    used: name.span,
                };
                self.report(problem, option.name.span, clause);
            }
        }
    }

    fn condition(&mut self, condition: &Condition, clause: Option<&str>) {
        match condition {
            Condition::Not(inner, _) => self.condition(inner, clause),
            Condition::All(parts, _) | Condition::Any(parts, _) => {
                for part in parts {
                    self.condition(part, clause);
                }
            }
            Condition::Elects { party, option, .. } => {
                self.party(party, clause);
                match self.model.election_offering(&option.name.node) {
                    None => {
                        let candidates = self
                            .model
                            .elections
                            .iter()
                            .flat_map(|e| e.options.iter().map(|o| o.name.node.clone()))
                            .collect();
                        self.unknown_name(&option.name, Unknown::ElectedOption, candidates, clause);
                    }
                    Some(election) if election.by.node != party.node => {
                        let problem = CheckProblem::NotTheirOption {
                            option: option.name.node.clone(),
                            by: election.by.node.clone(),
                            party: party.node.clone(),
                        };
                        self.report(problem, party.span, clause);
                    }
                    Some(_) => {}
                }
                if let Some(declared) = self.model.election_option(&option.name.node) {
                    let declared = declared.name.span;
                    self.resolved(option.name.span, declared);
                }
            }
            Condition::Prevails(party) => self.party(&party.name, clause),
            Condition::Compare(left, _, right) => {
                let a = self.type_of(left, clause);
                let b = self.type_of(right, clause);
                if let (Some(a), Some(b)) = (a, b) {
                    let span = left.span.to(right.span);
                    if !self.currencies_differ(a, b, span, Combined::Comparison, clause)
                        && a != b
                        && !(is_numeric(a) && is_numeric(b))
                    {
                        let problem = CheckProblem::NotComparable { a, b };
                        self.report(problem, left.span.to(right.span), clause);
                    }
                }
            }
            Condition::Defaulted { obligation, .. } => self.earlier_schedule(obligation, clause),
            Condition::FactIs {
                fact: Ref { name: fact, .. },
                value,
            } => match self.fact_type(fact) {
                Some(Type::Choice) => self.fact_value_named(fact, value, clause),
                Some(is) => {
                    let problem = CheckProblem::NotAChoiceFact {
                        fact: fact.node.clone(),
                        is,
                    };
                    self.report(problem, fact.span, clause);
                }
                None => {
                    let candidates = self.model.facts.keys().cloned().collect();
                    self.unknown_name(fact, Unknown::ChoiceFact, candidates, clause);
                }
            },
            Condition::Happens { event, by } => {
                self.event(&event.name, clause);
                if let Some(by) = by {
                    self.expect_date(by, DateUse::HappensBy, clause);
                }
            }
            Condition::Described(_) => {}
            Condition::Fact(Ref { name, .. }) => match self.fact_type(name) {
                Some(Type::YesNo) => {}
                Some(is) => {
                    let problem = CheckProblem::NotAYesNoFact {
                        fact: name.node.clone(),
                        is,
                    };
                    self.report(problem, name.span, clause);
                }
                None => {
                    let candidates = self.model.facts.keys().cloned().collect();
                    self.unknown_name(name, Unknown::YesNoFact, candidates, clause);
                }
            },
        }
    }

    /// An amount where money is needed, in `currency` when one is known
    /// (a limit in the payment's): its currency, if it is an amount.
    fn expect_money(
        &mut self,
        expr: &Expr,
        currency: Option<Currency>,
        what: MoneyUse,
        clause: Option<&str>,
    ) -> Option<Currency> {
        let found = self.type_of(expr, clause)?;
        match (found, currency) {
            (Type::Money(found), Some(wanted)) if found != wanted => {
                let figure = match &expr.node {
                    ExprKind::Money(figure, _) => Some(*figure),
                    _ => None,
                };
                let problem = CheckProblem::AmountInOtherCurrency {
                    what,
                    found,
                    wanted,
                    figure,
                };
                self.report(problem, expr.span, clause);
                None
            }
            (Type::Money(found), _) => Some(found),
            (found, _) => {
                self.report(CheckProblem::NotMoney { what, found }, expr.span, clause);
                None
            }
        }
    }

    /// Two amounts in different currencies put together (`what` them): an
    /// error, since no rate is stated. True when it reported one. (Called
    /// from [`Checker::type_of`], which recurses: kept out of its frame.)
    #[inline(never)]
    fn currencies_differ(
        &mut self,
        a: Type,
        b: Type,
        span: Span,
        combined: Combined,
        clause: Option<&str>,
    ) -> bool {
        let (Type::Money(x), Type::Money(y)) = (a, b) else {
            return false;
        };
        if x == y {
            return false;
        }
        let problem = CheckProblem::NoExchangeRate { combined, x, y };
        self.report(problem, span, clause);
        true
    }

    /// A scenario's value for a money fact in another currency than the
    /// fact's declaration.
    fn fact_in_another_currency(&mut self, fact: &FactValue, given: Currency, declared: Currency) {
        if given == declared {
            return;
        }
        let problem = CheckProblem::FactInOtherCurrency {
            fact: fact.fact.name.node.clone(),
            declared,
            given,
        };
        self.report(problem, fact.value.span, None);
    }

    /// The type of an earlier obligation's amounts: money in its currency.
    fn money_of(&self, obligation: &Name) -> Type {
        Type::Money(
            self.currencies
                .get(&obligation.node)
                .copied()
                .unwrap_or_default(),
        )
    }

    /// A payment (or prepayment) a scenario records, in the currency of the
    /// duty it pays.
    fn paid_in_its_currency(
        &mut self,
        amount: &Spanned<rust_decimal::Decimal>,
        currency: Currency,
        obligation: &Name,
        what: Recorded,
    ) {
        let Some(owed) = self.currencies.get(&obligation.node).copied() else {
            return;
        };
        if owed == currency {
            return;
        }
        let problem = CheckProblem::PaidInOtherCurrency {
            what,
            amount: amount.node,
            paid: currency,
            obligation: obligation.node.clone(),
            owed,
        };
        self.report(problem, amount.span, None);
    }

    /// A credit reduces what is owed under `target`: in the same currency.
    fn credit_in_currency(
        &mut self,
        target: &Name,
        currency: Option<Currency>,
        clause: Option<&str>,
    ) {
        let owed = self.currencies.get(&target.node).copied();
        let (Some(credit), Some(owed)) = (currency, owed) else {
            return;
        };
        if credit != owed {
            let problem = CheckProblem::CreditInOtherCurrency {
                credit,
                target: target.node.clone(),
                owed,
            };
            self.report(problem, target.span, clause);
        }
    }

    /// A rounding stated on an amount: to a unit of its own currency (the
    /// cent of a currency that has one, its whole unit).
    fn rounding_fits(
        &mut self,
        unit: Unit,
        currency: Option<Currency>,
        span: Span,
        clause: Option<&str>,
    ) {
        let Some(currency) = currency.filter(|c| !unit.fits(*c)) else {
            return;
        };
        let problem = CheckProblem::RoundedToForeignUnit { currency, unit };
        self.report(problem, span, clause);
    }

    /// A date where `what` needs one.
    fn expect_date(&mut self, expr: &Expr, what: DateUse, clause: Option<&str>) {
        if let Some(found) = self.type_of(expr, clause) {
            if is_numeric(found) {
                // `6/30/2002` reads as two divisions.
                let problem = CheckProblem::NumberForDate {
                    written: expr.to_string(),
                };
                self.report(problem, expr.span, clause);
            } else if found != Type::Date {
                let problem = CheckProblem::NotADate { what, found };
                self.report(problem, expr.span, clause);
            }
        }
    }

    /// The type of an expression, reporting every mismatch inside it.
    /// `None` when a part is already reported (unknown fact, mismatch).
    fn type_of(&mut self, expr: &Expr, clause: Option<&str>) -> Option<Type> {
        match &expr.node {
            ExprKind::Money(_, currency) => Some(Type::Money(*currency)),
            ExprKind::Percent(_) => Some(Type::Percentage),
            ExprKind::Number(_) => Some(Type::Number),
            ExprKind::Date(_) => Some(Type::Date),
            ExprKind::Duration(d) => {
                if d.unit == DurationUnit::BusinessDays {
                    self.model.counts_business_days = true;
                }
                Some(Type::Duration)
            }
            ExprKind::Fact(name, _) => {
                let spanned = Spanned::new(name.clone(), expr.span);
                let fact = self.fact_type(&spanned);
                if fact.is_none() {
                    let candidates = self.model.facts.keys().cloned().collect();
                    let spanned = Spanned::new(name.clone(), expr.span);
                    self.unknown_name(&spanned, Unknown::ValueFact, candidates, clause);
                }
                fact
            }
            ExprKind::GreaterOf(a, b) | ExprKind::LesserOf(a, b) => {
                let (ta, tb) = (self.type_of(a, clause)?, self.type_of(b, clause)?);
                if self.currencies_differ(ta, tb, expr.span, Combined::GreaterOrLesser, clause) {
                    None
                } else if ta == tb || (is_numeric(ta) && is_numeric(tb)) {
                    Some(ta)
                } else {
                    let problem = CheckProblem::GreaterOrLesserOfUnlike { a: ta, b: tb };
                    self.report(problem, expr.span, clause);
                    None
                }
            }
            ExprKind::Rounded(..)
            | ExprKind::EventDate(_)
            | ExprKind::EventEnd(_)
            | ExprKind::UnpaidBalance { .. }
            | ExprKind::FirstDefault { .. }
            | ExprKind::LastAmount(_)
            | ExprKind::TotalOf(_)
            | ExprKind::Case { .. }
            | ExprKind::InterestOn { .. }
            | ExprKind::LaterOf(..)
            | ExprKind::EarlierOf(..)
            | ExprKind::BusinessDay { .. }
            | ExprKind::MonthEnd(_)
            | ExprKind::Shift { .. }
            | ExprKind::Between { .. }
            | ExprKind::YearFraction { .. }
            | ExprKind::Power { .. }
            | ExprKind::Converted { .. } => self.date_form_type(expr, clause),
            ExprKind::Binary(op, a, b) => {
                let (ta, tb) = (self.type_of(a, clause)?, self.type_of(b, clause)?);
                // Money times money means nothing in any currency: that
                // is the mismatch below, not a missing rate.
                if *op != BinOp::Mul
                    && self.currencies_differ(ta, tb, expr.span, Combined::Operation(*op), clause)
                {
                    return None;
                }
                let result = binary_type(*op, ta, tb);
                if result.is_none() {
                    let problem = CheckProblem::MeaninglessOperation {
                        op: *op,
                        a: ta,
                        b: tb,
                    };
                    self.report(problem, expr.span, clause);
                }
                result
            }
        }
    }

    /// The type of a date form or a rounded step, apart from
    /// [`Checker::type_of`] so that its frame, which recurses once per level
    /// of an expression, stays small.
    #[inline(never)]
    fn date_form_type(&mut self, expr: &Expr, clause: Option<&str>) -> Option<Type> {
        match &expr.node {
            ExprKind::LastAmount(schedule) => {
                self.earlier_schedule(schedule, clause);
                Some(self.money_of(schedule))
            }
            ExprKind::TotalOf(obligation) => {
                self.earlier_obligation(obligation, clause, false);
                Some(self.money_of(obligation))
            }
            ExprKind::Case {
                then,
                condition,
                otherwise,
            } => {
                self.condition(condition, clause);
                let (a, b) = (
                    self.type_of(then, clause)?,
                    self.type_of(otherwise, clause)?,
                );
                if self.currencies_differ(a, b, expr.span, Combined::Cases, clause) {
                    None
                } else if a == b || (is_numeric(a) && is_numeric(b)) {
                    Some(a)
                } else {
                    self.report(CheckProblem::CasesDiffer { a, b }, expr.span, clause);
                    None
                }
            }
            ExprKind::InterestOn { .. } => {
                self.report(CheckProblem::InterestInCalculation, expr.span, clause);
                None
            }
            ExprKind::LaterOf(a, b) | ExprKind::EarlierOf(a, b) => {
                self.expect_date(a, DateUse::LaterOrEarlier, clause);
                self.expect_date(b, DateUse::LaterOrEarlier, clause);
                Some(Type::Date)
            }
            ExprKind::Rounded(inner, rounding) => {
                let ty = self.type_of(inner, clause)?;
                let fits = match (rounding.unit, ty) {
                    (Unit::Whole, _) => is_numeric(ty),
                    (unit, Type::Money(currency)) if !unit.fits(currency) => {
                        self.rounding_fits(unit, Some(currency), expr.span, clause);
                        return None;
                    }
                    (_, ty) => matches!(ty, Type::Money(_)),
                };
                if fits {
                    Some(if matches!(ty, Type::Money(_)) {
                        ty
                    } else {
                        Type::Number
                    })
                } else {
                    let problem = CheckProblem::CannotRound {
                        ty,
                        unit: rounding.unit,
                    };
                    self.report(problem, expr.span, clause);
                    None
                }
            }
            ExprKind::EventDate(event) | ExprKind::EventEnd(event) => {
                self.event(&event.name, clause);
                Some(Type::Date)
            }
            ExprKind::Power { base, exponent } => self.power_type(expr, base, exponent, clause),
            ExprKind::Converted {
                amount, to, from, ..
            } => self.converted_type(expr, amount, *to, *from, clause),
            ExprKind::UnpaidBalance { obligation, on } => {
                self.earlier_schedule(obligation, clause);
                self.expect_date(on, DateUse::UnpaidBalance, clause);
                Some(self.money_of(obligation))
            }
            ExprKind::FirstDefault { obligation, .. } => {
                self.earlier_schedule(obligation, clause);
                Some(Type::Date)
            }
            ExprKind::BusinessDay { date, .. } => {
                self.model.counts_business_days = true;
                self.expect_date(date, DateUse::Itself, clause);
                Some(Type::Date)
            }
            ExprKind::MonthEnd(date) => {
                self.expect_date(date, DateUse::Itself, clause);
                Some(Type::Date)
            }
            ExprKind::Shift { by, date, .. } => {
                if by.unit == DurationUnit::BusinessDays {
                    self.model.counts_business_days = true;
                }
                self.expect_date(date, DateUse::CountedFrom, clause);
                Some(Type::Date)
            }
            ExprKind::Between { from, to, .. } => {
                self.expect_date(from, DateUse::DaysFrom, clause);
                self.expect_date(to, DateUse::DaysTo, clause);
                Some(Type::Count)
            }
            ExprKind::YearFraction { from, to, .. } => {
                self.expect_date(from, DateUse::YearFractionFrom, clause);
                self.expect_date(to, DateUse::YearFractionTo, clause);
                Some(Type::Number)
            }
            _ => None,
        }
    }

    /// `(AMOUNT) at RATE TO per FROM`: an amount in `from`, in `to` after.
    #[inline(never)]
    fn converted_type(
        &mut self,
        expr: &Expr,
        amount: &Expr,
        to: Currency,
        from: Currency,
        clause: Option<&str>,
    ) -> Option<Type> {
        let found = self.type_of(amount, clause)?;
        let problem = match found {
            Type::Money(_) if to == from => CheckProblem::ConversionChangesNothing { from, to },
            Type::Money(currency) if currency == from => return Some(Type::Money(to)),
            Type::Money(found) => CheckProblem::ConversionFromOther { found, from },
            found => {
                let problem = CheckProblem::ConvertedNotMoney { found };
                self.report(problem, amount.span, clause);
                return None;
            }
        };
        self.report(problem, expr.span, clause);
        None
    }

    /// `(BASE) to the power of N`: a number or a rate raised to a count.
    /// An amount is never raised (dollars squared mean nothing): the rate
    /// is, and the amount multiplies the result.
    #[inline(never)]
    fn power_type(
        &mut self,
        expr: &Expr,
        base: &Expr,
        exponent: &Expr,
        clause: Option<&str>,
    ) -> Option<Type> {
        let power = self.type_of(exponent, clause);
        if let Some(found) = power.filter(|t| !is_numeric(*t)) {
            let problem = CheckProblem::PowerNotWhole { found };
            self.report(problem, exponent.span, clause);
        }
        let ty = self.type_of(base, clause)?;
        if matches!(ty, Type::Number | Type::Count | Type::Percentage) {
            return Some(if ty == Type::Count { Type::Number } else { ty });
        }
        self.report(CheckProblem::RaisedNotANumber { ty }, expr.span, clause);
        None
    }

    // ---- scenarios ------------------------------------------------------

    fn resolve_scenario(&mut self, scenario: &Scenario) {
        self.scenario = Some(scenario.name.node.clone());
        self.resolve_scenario_parts(scenario);
        self.scenario = None;
    }

    /// A scenario's problems name no clause (`None` where a clause is
    /// asked for): they are the scenario's (`Checker::push`), and a report
    /// says so.
    fn resolve_scenario_parts(&mut self, scenario: &Scenario) {
        for fact in &scenario.facts {
            self.scenario_fact(fact);
        }
        for choice in &scenario.readings {
            match self.model.reading(&choice.reading.name.node).cloned() {
                None => {
                    let candidates = self
                        .model
                        .readings
                        .iter()
                        .map(|r| r.name.node.clone())
                        .collect();
                    self.unknown_name(
                        &choice.reading.name,
                        Unknown::ChosenReading,
                        candidates,
                        None,
                    );
                }
                Some(reading) => {
                    self.resolved(choice.reading.name.span, reading.name.span);
                    if let Some(option) = reading
                        .options
                        .iter()
                        .find(|o| o.name.node == choice.option.node)
                    {
                        self.resolved(choice.option.span, option.name.span);
                    }
                    if !reading
                        .options
                        .iter()
                        .any(|o| o.name.node == choice.option.node)
                    {
                        let candidates = reading
                            .options
                            .iter()
                            .map(|o| o.name.node.clone())
                            .collect();
                        self.unknown_name(&choice.option, Unknown::ReadingOption, candidates, None);
                    }
                }
            }
        }
        self.events_recorded_once(scenario);
        for event in &scenario.events {
            self.scenario_event(event);
        }
        if !scenario.expectations.is_empty() {
            let ids = self.model.ledger_ids();
            for expectation in &scenario.expectations {
                self.expectation(expectation, &ids);
            }
        }
        let stated: Vec<String> = self
            .model
            .obligations()
            .flat_map(|(_, o)| o.modifiers.iter())
            .filter_map(|m| match m {
                Modifier::Condition(c) => Some(c),
                _ => None,
            })
            .flat_map(described_conditions)
            .collect();
        for (text, _) in &scenario.conditions {
            let folded = crate::check::model::fold_spaces(&text.node);
            if !stated.contains(&folded) {
                let closest =
                    closest(&folded, stated.iter().map(String::as_str)).map(str::to_owned);
                let problem = CheckProblem::UnstatedCondition { closest };
                self.report(problem, text.span, None);
            }
        }
    }

    fn scenario_fact(&mut self, fact: &FactValue) {
        let Some(declared) = self.fact_type(&fact.fact.name) else {
            let candidates = self.model.facts.keys().cloned().collect();
            self.unknown_name(&fact.fact.name, Unknown::ScenarioFact, candidates, None);
            return;
        };
        let given = match &fact.value.node {
            Value::Yes | Value::No => Some(Type::YesNo),
            Value::Choice(value) if declared == Type::Choice => {
                self.fact_value_named(&fact.fact.name, value, None);
                Some(Type::Choice)
            }
            Value::Choice(_) => Some(Type::Choice),
            Value::Expr(expr) => self.type_of(expr, None),
        };
        let compatible =
            given.is_some_and(|g| g == declared || (declared == Type::Count && g == Type::Number));
        if given.is_some() && !compatible {
            if let (Type::Money(declared), Some(Type::Money(given))) = (declared, given) {
                self.fact_in_another_currency(fact, given, declared);
                return;
            }
            let problem = CheckProblem::FactValueOfWrongKind {
                fact: fact.fact.name.node.clone(),
                declared,
            };
            self.report(problem, fact.value.span, None);
        }
    }

    fn scenario_event(&mut self, event: &Event) {
        let agreement_date = self.model.dated;
        let check_date = |checker: &mut Checker, date: &DateLit, what: Recorded| {
            if let Some(agreement) = agreement_date.filter(|d| date.node < *d) {
                let problem = CheckProblem::DatedBeforeAgreement {
                    what,
                    date: date.node,
                    agreement,
                };
                checker.report(problem, date.span, None);
            }
        };
        match event {
            Event::Elected { party, option, .. } => {
                self.party(party, None);
                if let Some(declared) = self.model.election_option(&option.name.node) {
                    let declared = declared.name.span;
                    self.resolved(option.name.span, declared);
                }
                match self.model.election_offering(&option.name.node).cloned() {
                    None => {
                        let candidates = self
                            .model
                            .elections
                            .iter()
                            .filter(|e| e.by.node == party.node)
                            .flat_map(|e| e.options.iter().map(|o| o.name.node.clone()))
                            .collect();
                        self.unknown_name(&option.name, Unknown::OfferedOption, candidates, None);
                    }
                    Some(election) if election.by.node != party.node => {
                        let problem = CheckProblem::NotTheirElection {
                            election: election.name.node.clone(),
                            by: election.by.node.clone(),
                        };
                        self.report(problem, party.span, None);
                    }
                    Some(_) => {}
                }
            }
            Event::Paid {
                payer,
                payee,
                on,
                obligation,
                amount,
                currency,
                ..
            }
            | Event::Prepaid {
                payer,
                payee,
                on,
                obligation,
                amount,
                currency,
                ..
            } => {
                let prepaid = matches!(event, Event::Prepaid { .. });
                let what = if prepaid {
                    Recorded::Prepayment
                } else {
                    Recorded::Payment
                };
                self.paid_in_its_currency(amount, *currency, obligation, what);
                self.party(payer, None);
                self.party(payee, None);
                check_date(self, on, what);
                self.paid_toward(obligation);
                if prepaid {
                    self.prepayable(obligation);
                }
            }
            Event::Compensation {
                party,
                on,
                amount,
                currency,
                ..
            } => {
                let offsets = self.offset_currencies.get(&party.name.node).copied();
                if let Some(offsets) = offsets.filter(|c| c != currency) {
                    let problem = CheckProblem::CompensationInOtherCurrency {
                        given: *currency,
                        offsets,
                    };
                    self.report(problem, amount.span, None);
                }
                self.party(&party.name, None);
                check_date(self, on, Recorded::Compensation);
            }
            Event::Notified { party, to, on, .. } => {
                self.party(party, None);
                self.party(to, None);
                check_date(self, on, Recorded::Notice);
                let parties = &self.model.parties;
                let known = parties.contains_key(&party.node) && parties.contains_key(&to.node);
                if let Some(notice) = NoticeGiven::of(event).filter(|_| known) {
                    self.notice_duty(notice);
                }
            }
            Event::Signed { party, .. } | Event::Prevailed { party, .. } => {
                self.party(&party.name, None)
            }
            Event::Happened {
                event, on, through, ..
            } => {
                self.event(&event.name, None);
                check_date(self, on, Recorded::Event);
                if let Some(through) = through.as_ref().filter(|t| t.node < on.node) {
                    let problem = CheckProblem::EndsBeforeItBegins {
                        event: event.name.node.clone(),
                        through: through.node,
                        on: on.node,
                        began: on.span,
                    };
                    self.report(problem, through.span, None);
                }
            }
        }
    }

    /// An `expect` line names what exists: an obligation (by its id or its
    /// label alone), a party, a diagnostic code. Whether an instance
    /// (`[7]`) exists depends on the scenario's readings and events, so it
    /// is told when the ledger is compared, by `clausec test`.
    fn expectation(&mut self, expectation: &Expectation, ids: &[LedgerId]) {
        match &expectation.what {
            Expected::Entry { obligation, .. } => self.expected_obligation(obligation, ids),
            Expected::TotalPaid { party, .. } => self.party(party, None),
            Expected::Finding { code, .. } => {
                if Code::find(&code.node).is_none() {
                    let candidates = Code::ALL
                        .iter()
                        .filter_map(|c| c.as_str().rsplit("::").next())
                        .map(str::to_owned)
                        .collect();
                    self.unknown_name(code, Unknown::Code, candidates, None);
                }
            }
        }
    }

    /// `2(b).severance` names an id of the ledger; `severance` the one
    /// obligation (or election) of that name in any clause.
    fn expected_obligation(&mut self, obligation: &ObligationRef, ids: &[LedgerId]) {
        let path = &obligation.path;
        if let Some(id) = ids.iter().find(|id| id.full() == path.node) {
            self.resolved(path.span, id.declared);
            return;
        }
        let named: Vec<&LedgerId> = ids.iter().filter(|id| id.name == path.node).collect();
        match named.as_slice() {
            [id] => {
                let declared = id.declared;
                self.resolved(path.span, declared);
            }
            [] => {
                let candidates: Vec<String> = ids
                    .iter()
                    .flat_map(|id| [id.full(), id.name.clone()])
                    .collect();
                let suggestion = closest(&path.node, candidates.iter().map(String::as_str));
                let problem = CheckProblem::UnknownExpected {
                    path: path.node.clone(),
                };
                self.report_misspelt(problem, path.span, suggestion, None);
            }
            several => {
                let problem = CheckProblem::AmbiguousExpected {
                    path: path.node.clone(),
                    ids: several.iter().map(|id| id.full()).collect(),
                };
                self.report(problem, path.span, None);
            }
        }
    }

    /// An event recorded twice in one scenario: clauses read one date for
    /// it, so the second would be silently ignored.
    fn events_recorded_once(&mut self, scenario: &Scenario) {
        let mut seen: BTreeMap<&str, Span> = BTreeMap::new();
        for event in &scenario.events {
            let Event::Happened { event, span, .. } = event else {
                continue;
            };
            match seen.get(event.name.node.as_str()) {
                Some(first) => {
                    let problem = CheckProblem::RecordedTwice {
                        event: event.name.node.clone(),
                        first: *first,
                    };
                    self.report(problem, *span, None);
                }
                None => {
                    seen.insert(&event.name.node, *span);
                }
            }
        }
    }
}

impl Checker {
    /// A scenario's notice must answer exactly one notice duty (see
    /// [`Model::notice_answered`]): one notice meeting every duty between
    /// two parties was the bug this prevents.
    fn notice_duty(&mut self, notice: NoticeGiven<'_>) {
        let problem = match (self.model.notice_answered(notice), notice.duty) {
            (NoticeAnswer::Duty(duty), named) => {
                let declared = duty.label.as_ref().map(|l| l.span);
                if let (Some(named), Some(declared)) = (named, declared) {
                    self.resolved(named.span, declared);
                }
                return;
            }
            (NoticeAnswer::UnknownDuty, Some(named)) => {
                self.unknown_notice_label(named);
                return;
            }
            (NoticeAnswer::OtherParties(owed), Some(named)) => {
                let problem = CheckProblem::NoticeOwedByOthers {
                    duty: named.node.clone(),
                    obligor: owed.obligor.name.node.clone(),
                    obligee: (owed.obligee.as_ref())
                        .map_or_else(String::new, |o| o.name.node.clone()),
                    from: notice.party.node.clone(),
                    to: notice.to.node.clone(),
                };
                self.report(problem, named.span, None);
                return;
            }
            (NoticeAnswer::Several(duties), _) => CheckProblem::SeveralNoticeDuties {
                from: notice.party.node.clone(),
                to: notice.to.node.clone(),
                duties: duties
                    .iter()
                    .map(|(c, o)| notice_duty_of(&c.number.node, o))
                    .collect(),
            },
            (NoticeAnswer::NoDuty, _) => CheckProblem::NoNoticeOwed {
                from: notice.party.node.clone(),
                to: notice.to.node.clone(),
                owed: (self.model.notice_duties())
                    .map(|(c, o)| notice_duty_of(&c.number.node, o))
                    .collect(),
            },
            // Given only for a notice that names a duty (`for LABEL`).
            (NoticeAnswer::UnknownDuty | NoticeAnswer::OtherParties(_), None) => return,
        };
        self.report(problem, notice.party.span.to(notice.to.span), None);
    }

    /// `for LABEL` on a notice names no notice duty.
    fn unknown_notice_label(&mut self, duty: &Name) {
        let labels: Vec<String> = self
            .model
            .notice_duties()
            .filter_map(|(_, o)| o.label.as_ref().map(|l| l.node.clone()))
            .collect();
        let what = Unknown::NoticeDuty {
            duties: labels.clone(),
        };
        self.unknown_name(duty, what, labels, None);
    }
}

/// A notice duty as a problem names it: `clause` is its clause's number.
fn notice_duty_of(clause: &str, duty: &Obligation) -> NoticeDuty {
    NoticeDuty {
        clause: clause.to_owned(),
        label: duty.label.as_ref().map(|l| l.node.clone()),
        obligor: duty.obligor.name.node.clone(),
        obligee: duty
            .obligee
            .as_ref()
            .map_or_else(String::new, |o| o.name.node.clone()),
    }
}

/// The conditions written in words inside a condition, white space folded.
fn described_conditions(condition: &Condition) -> Vec<String> {
    match condition {
        Condition::Described(text) => vec![crate::check::model::fold_spaces(&text.node)],
        Condition::Not(inner, _) => described_conditions(inner),
        Condition::All(parts, _) | Condition::Any(parts, _) => {
            parts.iter().flat_map(described_conditions).collect()
        }
        _ => Vec::new(),
    }
}

/// Whether an obligation states a modifier of the kind `is`.
/// The first obligation an amount names (`the total of fees`), if any.
fn names_an_obligation(expr: &Expr) -> Option<String> {
    match &expr.node {
        ExprKind::TotalOf(name)
        | ExprKind::LastAmount(name)
        | ExprKind::UnpaidBalance {
            obligation: name, ..
        }
        | ExprKind::FirstDefault {
            obligation: name, ..
        } => Some(name.node.clone()),
        ExprKind::Binary(_, a, b)
        | ExprKind::GreaterOf(a, b)
        | ExprKind::LesserOf(a, b)
        | ExprKind::Power {
            base: a,
            exponent: b,
        }
        | ExprKind::Case {
            then: a,
            otherwise: b,
            ..
        } => names_an_obligation(a).or_else(|| names_an_obligation(b)),
        ExprKind::Rounded(inner, _) | ExprKind::Converted { amount: inner, .. } => {
            names_an_obligation(inner)
        }
        _ => None,
    }
}

fn is_numeric(ty: Type) -> bool {
    matches!(ty, Type::Number | Type::Count)
}

/// What combining two values gives; `None` when it means nothing.
fn binary_type(op: BinOp, a: Type, b: Type) -> Option<Type> {
    use Type::*;
    let scalar = |t: Type| matches!(t, Number | Count | Percentage);
    match op {
        BinOp::Add | BinOp::Sub => match (a, b) {
            (Money(x), Money(y)) if x == y => Some(Money(x)),
            (Date, Duration) => Some(Date),
            (Percentage, Percentage) => Some(Percentage),
            // `1 + 0.5%`: a rate is a number (0.005), as in a growth factor.
            (x, y) if scalar(x) && scalar(y) => Some(Number),
            _ => None,
        },
        BinOp::Mul => match (a, b) {
            (Money(c), s) | (s, Money(c)) if scalar(s) => Some(Money(c)),
            (Percentage, s) | (s, Percentage) if is_numeric(s) => Some(Percentage),
            (x, y) if is_numeric(x) && is_numeric(y) => Some(Number),
            _ => None,
        },
        BinOp::Div => match (a, b) {
            (Money(c), s) if scalar(s) => Some(Money(c)),
            (Money(x), Money(y)) if x == y => Some(Number),
            (Percentage, s) if is_numeric(s) => Some(Percentage),
            (x, y) if is_numeric(x) && is_numeric(y) => Some(Number),
            _ => None,
        },
    }
}
