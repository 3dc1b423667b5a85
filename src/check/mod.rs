//! Parsed files → a checked [`Model`], with every problem found.
//!
//! Three passes, each reporting all it finds: gather the declarations
//! (duplicates), resolve every name used (with "did you mean"), and check
//! the types of every amount and condition. The checks over the contract as
//! a whole live in [`crate::check::findings`].

pub(crate) mod bounds;
pub mod finding;
pub mod findings;
pub mod limits;
pub mod model;
pub mod problem;
mod totals;

use crate::calc::calendar::long_date;
use crate::calc::money::format_money_in;
use crate::check::model::{
    LedgerId, Model, NoticeAnswer, NoticeGiven, Reading, Stated, INTEREST_READINGS,
    SCHEDULE_READINGS,
};
use crate::diagnostic::codes::Code;
use crate::diagnostic::suggest::{closest, join_and, join_or};
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
    let mut checker = Checker {
        model: Model {
            source: loaded.source,
            dir_span: loaded.dir_span,
            ..Model::default()
        },
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
    fn push(&mut self, mut diagnostic: Diagnostic) {
        if let Some(scenario) = &self.scenario {
            diagnostic.scenario = Some(Box::from(scenario.as_str()));
        }
        self.diagnostics.push(diagnostic);
    }

    fn duplicate(&mut self, what: &str, name: &Name, first: Span) {
        let mut diagnostic = Diagnostic::error(
            Code::DuplicateName,
            name.span,
            format!("{what} `{}` is declared twice", name.node),
        )
        .with_label("declared again here")
        .with_help(if what == "clause" {
            "renumber one of the two clauses, or merge them"
        } else {
            "give each a different name, or delete one"
        });
        if first.file == name.span.file {
            diagnostic = diagnostic.with_secondary(first, "first declared here");
        }
        self.push(diagnostic);
    }

    // ---- pass 1: declarations ------------------------------------------

    fn declare(&mut self, item: Item, in_scenario_file: bool) {
        let wrong_place = match &item {
            Item::Scenario(s) => {
                (!in_scenario_file).then_some((s.name.span, "a scenario", "a `.scenario` file"))
            }
            Item::Clause(c) => {
                in_scenario_file.then_some((c.number.span, "a clause", "a `.clause` file"))
            }
            _ => None,
        };
        if let Some((span, what, place)) = wrong_place {
            self.push(
                Diagnostic::error(
                    Code::WrongPlace,
                    span,
                    format!("{what} must be written in {place}"),
                )
                .with_help("move it to a file of its own with the right ending"),
            );
            return;
        }
        match item {
            Item::Agreement(a) => self.declare_agreement(&a),
            Item::Party(p) => {
                if let Some(first) = self.model.parties.get(&p.name.node) {
                    let first = first.name.span;
                    self.duplicate("the party", &p.name, first);
                } else {
                    self.model.parties.insert(p.name.node.clone(), p);
                }
            }
            Item::Document(d) => {
                if let Some(first) = self.model.documents.get(&d.name.node) {
                    let first = first.name.span;
                    self.duplicate("the document", &d.name, first);
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
                    self.duplicate("the scenario", &s.name, first);
                } else {
                    self.scenario_names.insert(s.name.node.clone(), s.name.span);
                    self.model.scenarios.push(s);
                }
            }
        }
    }

    fn declare_agreement(&mut self, agreement: &Agreement) {
        if let Some(first) = self.agreement_span {
            let mut diagnostic = Diagnostic::error(
                Code::DuplicateName,
                agreement.span,
                "the folder has a second `agreement` header",
            )
            .with_help(
                "an agreement folder holds one agreement; move the other to a folder of its own",
            );
            if first.file == agreement.span.file {
                diagnostic = diagnostic.with_secondary(first, "the first one");
            }
            self.push(diagnostic);
            return;
        }
        self.agreement_span = Some(agreement.span);
        self.model.title = agreement.title.node.clone();
        self.model.dated = agreement.dated.as_ref().map(|d| d.node);
    }

    fn declare_fact(&mut self, fact: &FactDecl) {
        if let Some(first) = self.model.facts.get(&fact.name.node) {
            let first = first.name.span;
            self.duplicate("the fact", &fact.name, first);
        } else {
            self.model
                .facts
                .insert(fact.name.node.clone(), fact.clone());
        }
    }

    fn declare_event(&mut self, event: &EventDecl) {
        if let Some(first) = self.model.events.get(&event.name.node) {
            let first = first.name.span;
            self.duplicate("the event", &event.name, first);
        } else {
            self.model
                .events
                .insert(event.name.node.clone(), event.clone());
        }
    }

    fn declare_business_days(&mut self, declared: &BusinessDays) {
        use crate::calc::business::{BusinessCalendar, Weekend};
        if let Some(first) = self.business_days_span {
            let mut diagnostic = Diagnostic::error(
                Code::DuplicateName,
                declared.span,
                "the agreement says twice what a business day is",
            )
            .with_help("keep one `business days exclude ...` line, listing every day that is not a business day");
            if first.file == declared.span.file {
                diagnostic = diagnostic.with_secondary(first, "first said here");
            }
            self.push(diagnostic);
            return;
        }
        self.business_days_span = Some(declared.span);
        let days: Vec<chrono::Weekday> = declared.weekend.iter().map(|d| d.node).collect();
        let Ok(weekend) = Weekend::new(&days) else {
            self.push(
                Diagnostic::error(
                    Code::ImpossibleDate,
                    declared.span,
                    "every day of the week is excluded, so no day is a business day",
                )
                .with_help("list only the days of the week that are not business days, such as `Saturdays, Sundays`"),
            );
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
        if let Some(first) = self
            .model
            .elections
            .iter()
            .find(|e| e.name.node == election.name.node)
        {
            let first = first.name.span;
            self.duplicate("the election", &election.name, first);
            return;
        }
        self.check_options(&election.name, &election.options);
        // `PARTY elects OPTION` names the option alone, so an option belongs
        // to one election only.
        for option in &election.options {
            let earlier = self
                .model
                .elections
                .iter()
                .flat_map(|e| &e.options)
                .find(|o| o.name.node == option.name.node)
                .map(|o| o.name.span);
            if let Some(first) = earlier {
                self.duplicate("the option", &option.name, first);
            }
        }
        self.model.elections.push(election.clone());
    }

    fn check_options(&mut self, owner: &Name, options: &[OptionDecl]) {
        let mut seen: BTreeMap<&str, Span> = BTreeMap::new();
        for option in options {
            if let Some(first) = seen.get(option.name.node.as_str()) {
                let first = *first;
                self.duplicate("the option", &option.name, first);
            }
            seen.insert(&option.name.node, option.name.span);
        }
        if options.iter().filter(|o| o.is_default).count() > 1 {
            self.push(
                Diagnostic::error(
                    Code::DuplicateName,
                    owner.span,
                    format!("`{}` has more than one `default` option", owner.node),
                )
                .with_help("mark one option `default`: the one the ledger follows when no scenario chooses"),
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
                    self.duplicate("the reading", name, first);
                    return;
                }
                self.check_options(name, options);
                self.model.readings.push(Reading {
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
            self.duplicate("clause", &clause.number, first);
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
                self.duplicate("the obligation", label, first);
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
            self.push(
                Diagnostic::error(
                    Code::MissingAgreement,
                    span,
                    "this agreement folder has no `agreement` header",
                )
                .with_help("add `agreement \"Title\" dated DATE source \"source.txt\"` to a file such as `agreement.clause`"),
            );
        }
    }

    // ---- pass 2 and 3: names and types ---------------------------------

    fn resolve(&mut self) {
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
            self.push(
                Diagnostic::warning(
                    Code::MissingParentClause,
                    clause.number.span,
                    format!("clause `{number}` belongs to clause `{parent}`, which is not in the agreement"),
                )
                .with_help(format!("add `clause {parent} \"Title\"` with the opening words of clause {parent}"))
                .in_clause(number.clone()),
            );
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
        let suggestion = closest(&name.node, self.model.parties.keys().map(String::as_str));
        let known = self
            .model
            .parties
            .keys()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>();
        let otherwise = if known.is_empty() {
            "declare the parties in the header file: `party employee \"Full Name\"`".to_owned()
        } else {
            format!(
                "the parties are {}; declare others with `party NAME \"Full Name\"`",
                join_or(&known)
            )
        };
        let mut diagnostic = Diagnostic::error(
            Code::UnknownParty,
            name.span,
            format!("`{}` is not a party to this agreement", name.node),
        )
        .with_label("unknown party")
        .with_suggestion_or(name.span, suggestion, otherwise);
        if let Some(clause) = clause {
            diagnostic = diagnostic.in_clause(clause);
        }
        self.push(diagnostic);
    }

    fn unknown_name(
        &mut self,
        name: &Name,
        what: &str,
        candidates: Vec<String>,
        how: &str,
        clause: Option<&str>,
    ) {
        let suggestion = closest(&name.node, candidates.iter().map(String::as_str));
        let mut diagnostic = Diagnostic::error(
            Code::UnknownName,
            name.span,
            format!("there is no {what} named `{}`", name.node),
        )
        .with_label(format!("unknown {what}"))
        .with_suggestion_or(name.span, suggestion, how);
        if let Some(clause) = clause {
            diagnostic = diagnostic.in_clause(clause);
        }
        self.push(diagnostic);
    }

    fn resolve_obligation(&mut self, clause: &Clause, obligation: &Obligation) {
        let number = clause.number.node.as_str();
        self.party(&obligation.obligor, Some(number));
        if let Some(obligee) = &obligation.obligee {
            self.party(obligee, Some(number));
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
                currency = self.expect_money(expr, None, "a payment", number);
            }
            Subject::Reimbursed(_, Some(expr)) => {
                currency = self.expect_money(expr, None, "a reimbursement", number);
            }
            Subject::DocumentRef(reference) => self.document(reference, number),
            Subject::CompensationReceived(party) => self.party(party, Some(number)),
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
        clause: &str,
        currency: Option<Currency>,
    ) {
        self.expect_money(&step.amount, currency, "a rent table's step", clause);
        self.expect_type(&step.from, Type::Date, "the date a step starts", clause);
        if obligation.terms.recurring.is_none() {
            self.push(
                Diagnostic::error(
                    Code::TypeMismatch,
                    step.span,
                    "only an amount due each period can change to another amount",
                )
                .with_help("state how often the amount falls due: `each month on day 1`")
                .in_clause(clause),
            );
        }
        if let Some(escalation) = &obligation.terms.escalation {
            self.push(
                Diagnostic::error(
                    Code::StatedTwice,
                    step.span,
                    "this obligation states twice how its amount changes: by a yearly increase and by steps",
                )
                .with_label("a step")
                .with_secondary(escalation.span, "a yearly increase")
                .with_help("keep the one the text says: `increasing each year ...` or the `becoming ... from ...` lines")
                .in_clause(clause),
            );
        }
    }

    /// A rent table's steps, each written date later than the one before
    /// (and than the first date): otherwise which amount is due when is
    /// for the lawyer to say.
    fn steps_in_order(&mut self, obligation: &Obligation, clause: &str) {
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
                    let mut diagnostic = Diagnostic::error(
                        Code::PeriodOrder,
                        step.from.span,
                        format!(
                            "this step starts on {}, not after {}",
                            long_date(from),
                            long_date(earlier)
                        ),
                    )
                    .with_label("not after the date before it")
                    .with_help(
                        "write the steps in date order, each after the schedule's first date",
                    )
                    .in_clause(clause);
                    if let Some(span) = earlier_span {
                        diagnostic = diagnostic.with_secondary(span, "the step before");
                    }
                    self.push(diagnostic);
                }
            }
            before = Some((from, Some(step.span)));
        }
    }

    /// A term stated twice (two caps, two grace periods) is an error: the
    /// ledger could follow only one of them, and which one the parties meant
    /// is for the lawyer to say.
    fn terms_stated_once(&mut self, obligation: &Obligation, clause: &str) {
        let mut stated: Vec<(&'static str, Span)> = Vec::new();
        for modifier in &obligation.modifiers {
            let (Some(term), Some(span)) = (modifier.once_only_term(), modifier.span()) else {
                continue;
            };
            match stated.iter().find(|(t, _)| *t == term) {
                Some((_, first)) => self.push(
                    Diagnostic::error(
                        Code::StatedTwice,
                        span,
                        format!("this obligation states {term} twice"),
                    )
                    .with_label("stated again here")
                    .with_secondary(*first, "first stated here")
                    .with_help("keep the one the text says and delete the other")
                    .in_clause(clause),
                ),
                None => stated.push((term, span)),
            }
        }
    }

    fn document(&mut self, reference: &DocumentRef, clause: &str) {
        let Some(document) = self.model.documents.get(&reference.document.node).cloned() else {
            let candidates = self.model.documents.keys().cloned().collect::<Vec<_>>();
            let suggestion = closest(
                &reference.document.node,
                candidates.iter().map(String::as_str),
            );
            self.push(
                Diagnostic::error(
                    Code::UnknownDocument,
                    reference.document.span,
                    format!("there is no document named `{}`", reference.document.node),
                )
                .with_label("unknown document")
                .with_suggestion_or(
                    reference.document.span,
                    suggestion,
                    "declare it in the header: `document NAME \"Title\" dated DATE`",
                )
                .in_clause(clause),
            );
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
                let listed = document
                    .sections
                    .iter()
                    .map(|s| format!("`{}`", s.number.node))
                    .collect::<Vec<_>>();
                let help = if listed.is_empty() {
                    format!(
                        "declare it under the document: `section {} \"Title\"`",
                        section.node
                    )
                } else {
                    format!(
                        "the declared sections of `{}` are {}; declare others with `section NUMBER \"Title\"`",
                        document.name.node,
                        join_and(&listed)
                    )
                };
                self.push(
                    Diagnostic::error(
                        Code::UnknownDocument,
                        section.span,
                        format!("`{}` has no section `{}`", document.name.node, section.node),
                    )
                    .with_label("unknown section")
                    .with_help(help)
                    .in_clause(clause),
                );
            }
        }
    }

    fn resolve_modifier(
        &mut self,
        modifier: &Modifier,
        obligation: &Obligation,
        clause: &str,
        currency: Option<Currency>,
    ) {
        match modifier {
            Modifier::ConflictRule(name) => self.reading_with(name, SCHEDULE_READINGS, clause),
            Modifier::LateInterest(interest) => {
                if let Some(InterestStart::Reading(name)) = &interest.start {
                    self.reading_with(name, INTEREST_READINGS, clause);
                }
                self.on_a_payment(obligation, interest.span, "late interest", clause);
            }
            Modifier::LateFee(fee, span) => {
                if let LateFee::Amount(amount) = fee {
                    self.expect_money(amount, currency, "a late fee", clause);
                }
                self.on_a_payment(obligation, *span, "a late fee", clause);
            }
            Modifier::Interest(interest) => {
                self.expect_type(&interest.from, Type::Date, "the start of interest", clause);
                self.on_a_payment(obligation, interest.span, "interest", clause);
            }
            Modifier::RemainingEnd(date) => {
                self.expect_type(date, Type::Date, "the end of the installments", clause);
                if !obligation
                    .modifiers
                    .iter()
                    .any(|m| matches!(m, Modifier::Installments(_)))
                {
                    self.push(
                        Diagnostic::error(
                            Code::TypeMismatch,
                            date.span,
                            "only a schedule of installments has remaining installments to end",
                        )
                        .with_help("move it under the `pays ... in N equal ... installments` obligation it ends")
                        .in_clause(clause),
                    );
                }
            }
            Modifier::Offset(Offset {
                receiver, period, ..
            }) => {
                self.party(receiver, Some(clause));
                if let Some(currency) = currency {
                    self.offset_currencies
                        .insert(receiver.node.clone(), currency);
                }
                if let Some(period) = period {
                    self.period(period, clause);
                }
            }
            Modifier::Period(period) => self.period(period, clause),
            Modifier::On(date) => self.expect_type(date, Type::Date, "a due date", clause),
            Modifier::ByTime(time) => self.time_compared(obligation, time, clause),
            Modifier::Effective(date) => {
                self.expect_type(date, Type::Date, "an effective date", clause)
            }
            Modifier::Cost(expr) => {
                self.expect_money(expr, currency, "a cost", clause);
            }
            Modifier::Cap(expr) => {
                self.expect_money(expr, currency, "a limit", clause);
                self.no_limit_on_each_period(obligation, expr, "not to exceed", clause);
            }
            Modifier::AggregateCap(expr) => {
                self.expect_money(expr, currency, "an aggregate limit", clause);
                if obligation.terms.recurring.is_none() {
                    self.push(
                        Diagnostic::error(
                            Code::TypeMismatch,
                            expr.span,
                            "only an amount due each period can have an aggregate limit",
                        )
                        .with_help("state how often the amount falls due (`each month ...`), or write a limit on the whole amount: `not to exceed ...`")
                        .in_clause(clause),
                    );
                }
            }
            Modifier::Floor(expr) => {
                self.expect_money(expr, currency, "a minimum", clause);
                self.no_limit_on_each_period(obligation, expr, "not less than", clause);
            }
            Modifier::Condition(condition) => self.condition(condition, clause),
            Modifier::Then(Then { party, .. }) => self.party(party, Some(clause)),
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
                    self.expect_money(each, currency, "an installment", clause);
                }
            }
            Modifier::Roll(..) => self.model.counts_business_days = true,
            Modifier::CreditedAgainst(target) => {
                self.credited_against(target, obligation, clause);
                self.credit_in_currency(target, currency, clause);
            }
            Modifier::Amortized(Amortized { span, .. }) => {
                if obligation.terms.installments.is_none() {
                    self.push(
                        Diagnostic::error(
                            Code::TypeMismatch,
                            *span,
                            "only a schedule of installments can be amortized",
                        )
                        .with_help("state the installments: `in 360 equal monthly installments on day 1 from DATE`")
                        .in_clause(clause),
                    );
                }
            }
            Modifier::UnusedCredit(UnusedCreditTerm { on, span, .. }) => {
                self.expect_type(on, Type::Date, "the date of an unused credit", clause);
                if obligation.terms.credited_against.is_none() {
                    self.push(
                        Diagnostic::error(
                            Code::TypeMismatch,
                            *span,
                            "only a credit has an unused part",
                        )
                        .with_help("say what the credit reduces: `credited against LABEL`")
                        .in_clause(clause),
                    );
                }
            }
            Modifier::MetWhen(event) => {
                self.event(event, Some(clause));
                if matches!(obligation.kind, Kind::Payment | Kind::Reimbursement) {
                    self.push(
                        Diagnostic::error(
                            Code::TypeMismatch,
                            event.span,
                            "a payment is met by the payments a scenario records, not by an event",
                        )
                        .with_help("record the payment: `PARTY paid PARTY $X on DATE for LABEL`")
                        .in_clause(clause),
                    );
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
                self.on_a_payment(obligation, *span, "a recurring amount", clause);
                if obligation.terms.installments.is_some() {
                    self.push(
                        Diagnostic::error(
                            Code::TypeMismatch,
                            *span,
                            "an amount is either split into installments or due each period, not both",
                        )
                        .with_help("keep `in N equal ... installments` (a total split) or `each month` (the amount due every month)")
                        .in_clause(clause),
                    );
                }
            }
            Modifier::Escalation(Escalation { span, rounding, .. }) => {
                self.rounding_fits(rounding.unit, currency, *span, clause);
                if obligation.terms.recurring.is_none() {
                    self.push(
                        Diagnostic::error(
                            Code::TypeMismatch,
                            *span,
                            "only an amount due each period can increase each year",
                        )
                        .with_help("state how often the amount falls due: `each month on day 1`")
                        .in_clause(clause),
                    );
                }
            }
            Modifier::Abatement(Abatement {
                from,
                through,
                span,
            }) => {
                self.expect_type(from, Type::Date, "the start of an abatement", clause);
                self.expect_type(through, Type::Date, "the end of an abatement", clause);
                let scheduled = obligation.terms.is_scheduled();
                if !scheduled {
                    self.push(
                        Diagnostic::error(
                            Code::TypeMismatch,
                            *span,
                            "only a schedule's instances can be abated",
                        )
                        .with_help("abate the instances of an amount due each period (`each month ...`) or of installments")
                        .in_clause(clause),
                    );
                }
            }
            Modifier::Step(step) => self.step(step, obligation, clause, currency),
            Modifier::Prepayments(_, span) => {
                if obligation.terms.amortized.is_none() {
                    self.push(
                        Diagnostic::error(
                            Code::TypeMismatch,
                            *span,
                            "only a schedule of level payments can say what prepayments do",
                        )
                        .with_help("state the loan's rate: `amortized at 6% per annum, 30/360`")
                        .in_clause(clause),
                    );
                }
            }
            Modifier::Prorated(span) => {
                if obligation.terms.recurring.is_none() {
                    self.push(
                        Diagnostic::error(
                            Code::TypeMismatch,
                            *span,
                            "only an amount due each period can be prorated by days",
                        )
                        .with_help("state how often the amount falls due: `each month on day 1`")
                        .in_clause(clause),
                    );
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
    fn paid_toward(&mut self, obligation: &Name, label: &str) {
        if let Some(declared) = self.labels.get(&obligation.node).copied() {
            self.resolved(obligation.span, declared);
            return;
        }
        let labels: Vec<String> = self
            .model
            .obligations()
            .filter_map(|(_, o)| o.label.as_ref().map(|l| l.node.clone()))
            .collect();
        self.unknown_name(
            obligation,
            "obligation",
            labels,
            "name the obligation by its label, as in `severance: company pays ...`",
            Some(label),
        );
    }

    /// A prepayment is for a schedule whose clause says what prepayments
    /// do; for any other, the ledger could only guess.
    fn prepayable(&mut self, obligation: &Name, label: &str) {
        let Some((_, target)) = self
            .model
            .obligations()
            .find(|(_, o)| o.label.as_ref().is_some_and(|l| l.node == obligation.node))
        else {
            return;
        };
        if target.terms.prepayments.is_none() {
            self.push(
                Diagnostic::error(
                    Code::TypeMismatch,
                    obligation.span,
                    format!("`{}` does not say what a prepayment does", obligation.node),
                )
                .with_label("prepaid")
                .with_help("its clause must say `prepayments shorten the term` or `prepayments reduce the payment`, as the text does; otherwise record a payment with `paid`")
                .in_clause(label),
            );
        }
    }

    /// `cause` in `separation_reason is cause`: one of the values the fact's
    /// declaration names, the use recorded.
    fn fact_value_named(&mut self, fact: &Name, value: &Name, clause: &str) {
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
                self.unknown_name(
                    value,
                    &format!("value of `{}`", fact.node),
                    names,
                    "use one of the values the fact's declaration names",
                    Some(clause),
                );
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
        words: &str,
        clause: &str,
    ) {
        let interest = matches!(
            &obligation.subject,
            Subject::Amount(Expr {
                node: ExprKind::InterestOn { .. },
                ..
            })
        );
        let (what, help) = if interest {
            (
                "interest on a schedule's balance",
                "the ledger cannot yet hold interest on a balance to a limit: remove the limit, and record it with `assume \"GAP: ...\"`".to_owned(),
            )
        } else if obligation.terms.recurring.is_some() {
            (
                "an amount due each period",
                format!("for a limit on all the payments together, write `in aggregate not to exceed {limit}`; for one on each payment, write it in the amount: `the lesser of AMOUNT and {limit}` (`the greater of` for a minimum)"),
            )
        } else {
            return;
        };
        self.push(
            Diagnostic::error(
                Code::TypeMismatch,
                limit.span,
                format!("`{words}` cannot be stated on {what}"),
            )
            .with_help(help)
            .in_clause(clause),
        );
    }

    /// A schedule counted in weeks falls on the weekday of its first date:
    /// a day of the month means nothing to it.
    fn weekly_has_no_day(
        &mut self,
        frequency: Frequency,
        day: Option<DayRule>,
        span: Span,
        clause: &str,
    ) {
        if matches!(frequency, Frequency::Weeks(_)) && day.is_some() {
            self.push(
                Diagnostic::error(
                    Code::TypeMismatch,
                    span,
                    "a schedule counted in weeks has no day of the month",
                )
                .with_help("remove `on ...`: each date falls on the weekday of the first one (`from DATE`)")
                .in_clause(clause),
            );
        }
    }

    /// `by 5:00 p.m. ... on DATE`: the time is compared with when a payment,
    /// a notice or the event that meets a performance was recorded. Where
    /// nothing is recorded to compare it with, it is said, so that nobody
    /// reads the ledger as having checked it.
    fn time_compared(&mut self, obligation: &Obligation, time: &TimeOfDay, clause: &str) {
        let schedule = obligation.terms.is_scheduled();
        let (why, help) = if schedule {
            (
                "the installments of a schedule are each due on a day; a time of day is not applied to them".to_owned(),
                "write the time on a single payment, or state it with `assume \"...\"`",
            )
        } else {
            match (obligation.kind, &obligation.subject) {
                (Kind::Payment | Kind::Reimbursement, _) => return,
                (Kind::Notice, Subject::CompensationReceived(_)) => (
                    "a notice of each compensation received is due within its time limit, counted in days".to_owned(),
                    "leave the time out, or state it with `assume \"...\"`",
                ),
                (Kind::Notice, _) => return,
                (Kind::Performance, _) if obligation.terms.met_when.is_some() => {
                    return
                }
                (Kind::Performance, _) => (
                    "nothing in a scenario records when this performance is done".to_owned(),
                    "say which event meets it, `met when EVENT happens`, and record the event with its time: `EVENT happened on DATE at TIME`",
                ),
                (kind, _) => (
                    format!(
                        "{} {kind} has no deadline a scenario can meet",
                        if matches!(kind, Kind::Acceptance | Kind::Election) {
                            "an"
                        } else {
                            "a"
                        }
                    ),
                    "leave the time out, or state it with `assume \"...\"`",
                ),
            }
        };
        self.push(
            Diagnostic::warning(
                Code::UnusedTime,
                time.span(),
                format!(
                    "`{}` is not compared with anything: {why}",
                    time.clock().words()
                ),
            )
            .with_label("this time of day")
            .with_help(help)
            .in_clause(clause),
        );
    }

    /// A remedy that only a payment can carry.
    fn on_a_payment(&mut self, obligation: &Obligation, span: Span, what: &str, clause: &str) {
        if obligation.kind != Kind::Payment {
            self.push(
                Diagnostic::error(
                    Code::TypeMismatch,
                    span,
                    format!("{what} can only run on a payment"),
                )
                .with_help(format!(
                    "move {what} under the `pays` obligation it belongs to"
                ))
                .in_clause(clause),
            );
        }
    }

    /// `credited against TARGET`: the credit is one amount, paid by the
    /// party that is owed under TARGET to the party that owes, and worked
    /// out from figures, facts and events only — the evaluator applies it
    /// while it makes TARGET's ledger, which comes first.
    #[inline(never)]
    fn credited_against(&mut self, target: &Name, obligation: &Obligation, clause: &str) {
        self.on_a_payment(obligation, target.span, "a credit", clause);
        let problem = if obligation.label.is_none() {
            Some((
                "a credit needs a label, so that the ledger can say where it went".to_owned(),
                "name it: `service_credit: provider pays customer ...`".to_owned(),
            ))
        } else if obligation.terms.is_scheduled() {
            Some((
                "a credit is one amount, not a schedule".to_owned(),
                "write each credit as its own obligation".to_owned(),
            ))
        } else if let Subject::Amount(amount) = &obligation.subject {
            names_an_obligation(amount).map(|used| {
                (
                    format!("a credit is worked out before what it is credited against, so its amount cannot use `{used}`"),
                    "write the credit's amount from figures and facts".to_owned(),
                )
            })
        } else {
            None
        };
        if let Some((message, help)) = problem {
            self.push(
                Diagnostic::error(Code::TypeMismatch, target.span, message)
                    .with_help(help)
                    .in_clause(clause),
            );
        }
        self.earlier_obligation(target, clause, false);
        let owed = self
            .model
            .obligations()
            .find(|(_, o)| o.label.as_ref().is_some_and(|l| l.node == target.node))
            .map(|(_, o)| {
                (
                    o.kind,
                    o.obligor.node.clone(),
                    o.obligee.as_ref().map(|p| p.node.clone()),
                )
            });
        let Some((kind, debtor, creditor)) = owed else {
            return;
        };
        let reverses = kind == Kind::Payment
            && debtor == obligation.obligee.as_ref().map_or("", |p| p.node.as_str())
            && creditor.as_deref() == Some(obligation.obligor.node.as_str());
        if !reverses {
            self.push(
                Diagnostic::error(
                    Code::TypeMismatch,
                    target.span,
                    format!(
                        "`{}` is not a payment from `{}` to `{}`, so this credit cannot reduce it",
                        target.node,
                        obligation.obligee.as_ref().map_or("?", |p| p.node.as_str()),
                        obligation.obligor.node
                    ),
                )
                .with_help("a credit from one party reduces what the other party pays it: name that payment")
                .in_clause(clause),
            );
        }
    }

    /// A schedule named in an amount, a date or a condition of another
    /// obligation (`the unpaid balance of installments on ...`): it must be
    /// a schedule of payments, written before the obligation that names it,
    /// so that its ledger is made first.
    fn earlier_schedule(&mut self, name: &Name, clause: &str) {
        self.earlier_obligation(name, clause, true);
    }

    /// An obligation named by another (`the total of interest_payments`),
    /// a schedule where `schedule` says so, written before the one that
    /// names it.
    fn earlier_obligation(&mut self, name: &Name, clause: &str, schedule_needed: bool) {
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
            self.unknown_name(
                name,
                "obligation",
                labels,
                "name a schedule of installments by its label",
                Some(clause),
            );
            return;
        };
        self.resolved(name.span, declared);
        let problem = if schedule_needed && !schedule {
            Some((
                format!("`{}` is not a schedule of installments", name.node),
                "name the label of a `pays ... in N equal ... installments` obligation",
            ))
        } else if !self.written_before.contains(&name.node) {
            Some((
                format!("`{}` is written after the obligation that uses it", name.node),
                "move this obligation after the schedule it names (a later clause, or lower in the same clause)",
            ))
        } else {
            None
        };
        if let Some((message, help)) = problem {
            self.push(
                Diagnostic::error(Code::UnknownObligation, name.span, message)
                    .with_secondary_if_same_file(declared, "the schedule")
                    .with_help(help)
                    .in_clause(clause),
            );
        }
    }

    fn period(&mut self, period: &Period, clause: &str) {
        for (date, what) in [
            (&period.from, "a start date"),
            (&period.through, "an end date"),
        ] {
            if let Some(date) = date {
                self.expect_type(date, Type::Date, what, clause);
            }
        }
    }

    /// An event named in a clause (`the date of delivery`, `delivery
    /// happens`), the use recorded.
    fn event(&mut self, name: &Name, clause: Option<&str>) {
        let notice_duty = |model: &Model| {
            model
                .obligations()
                .filter(|(_, o)| o.kind == Kind::Notice)
                .find_map(|(_, o)| o.label.as_ref().filter(|l| l.node == name.node))
                .map(|l| l.span)
        };
        let declared = match self.model.events.get(&name.node) {
            Some(event) => Some(event.name.span),
            None => notice_duty(&self.model),
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
                self.unknown_name(
                    name,
                    "event",
                    candidates,
                    "declare it in the header: `event NAME \"what happens\"`",
                    clause,
                );
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

    fn reading_with(&mut self, name: &Name, meanings: &[&str], clause: &str) {
        let Some(reading) = self.model.reading(&name.node).cloned() else {
            let candidates = self
                .model
                .readings
                .iter()
                .map(|r| r.name.node.clone())
                .collect();
            self.unknown_name(
                name,
                "reading",
                candidates,
                "declare it with `assume NAME \"what is unclear\"` followed by its `option`s",
                Some(clause),
            );
            return;
        };
        self.resolved(name.span, reading.name.span);
        let allowed = meanings
            .iter()
            .map(|m| format!("`{m}`"))
            .collect::<Vec<_>>();
        for option in &reading.options {
            if !meanings.contains(&option.name.node.as_str()) {
                self.push(
                    Diagnostic::error(
                        Code::UnknownName,
                        option.name.span,
                        format!(
                            "the reading `{}` is used where its options must be {}",
                            reading.name.node,
                            join_or(&allowed)
                        ),
                    )
                    .with_label("clausec does not know what this option means here")
                    .with_secondary_if_same_file(name.span, "used here")
                    .with_help(format!("name the options {}", join_or(&allowed)))
                    .in_clause(clause),
                );
            }
        }
    }

    fn condition(&mut self, condition: &Condition, clause: &str) {
        match condition {
            Condition::Not(inner, _) => self.condition(inner, clause),
            Condition::All(parts, _) | Condition::Any(parts, _) => {
                for part in parts {
                    self.condition(part, clause);
                }
            }
            Condition::Elects { party, option } => {
                self.party(party, Some(clause));
                match self.model.election_offering(&option.node) {
                    None => {
                        let candidates = self
                            .model
                            .elections
                            .iter()
                            .flat_map(|e| e.options.iter().map(|o| o.name.node.clone()))
                            .collect();
                        self.unknown_name(
                            option,
                            "option",
                            candidates,
                            "declare it with `election NAME by PARTY` and `option NAME`",
                            Some(clause),
                        );
                    }
                    Some(election) if election.by.node != party.node => {
                        let by = election.by.node.clone();
                        self.push(
                            Diagnostic::error(
                                Code::UnknownName,
                                party.span,
                                format!(
                                    "`{}` is {by}'s to choose, not {}'s",
                                    option.node, party.node
                                ),
                            )
                            .with_help(format!("write `{by} elects {}`", option.node))
                            .in_clause(clause),
                        );
                    }
                    Some(_) => {}
                }
                if let Some(declared) = self.model.election_option(&option.node) {
                    let declared = declared.name.span;
                    self.resolved(option.span, declared);
                }
            }
            Condition::Prevails(party) => self.party(party, Some(clause)),
            Condition::Compare(left, _, right) => {
                let a = self.type_of(left, clause);
                let b = self.type_of(right, clause);
                if let (Some(a), Some(b)) = (a, b) {
                    let span = left.span.to(right.span);
                    if !self.currencies_differ(a, b, span, "a comparison of", clause)
                        && a != b
                        && !(is_numeric(a) && is_numeric(b))
                    {
                        self.push(mismatch(
                            left.span.to(right.span),
                            format!("{} cannot be compared with {}", a.describe(), b.describe()),
                            clause,
                        ));
                    }
                }
            }
            Condition::Defaulted { obligation, .. } => self.earlier_schedule(obligation, clause),
            Condition::FactIs { fact, value } => match self.fact_type(fact) {
                Some(Type::Choice) => self.fact_value_named(fact, value, clause),
                Some(other) => self.push(mismatch(
                    fact.span,
                    format!(
                        "`{}` is {}, not a fact with named values",
                        fact.node,
                        other.describe()
                    ),
                    clause,
                )),
                None => {
                    let candidates = self.model.facts.keys().cloned().collect();
                    self.unknown_name(
                        fact,
                        "fact",
                        candidates,
                        "declare it in the header: `fact NAME is one of A, B, C`",
                        Some(clause),
                    );
                }
            },
            Condition::Happens { event, by } => {
                self.event(event, Some(clause));
                if let Some(by) = by {
                    self.expect_type(by, Type::Date, "`happens by`", clause);
                }
            }
            Condition::Described(_) => {}
            Condition::Fact(name) => match self.fact_type(name) {
                Some(Type::YesNo) => {}
                Some(other) => self.push(mismatch(
                    name.span,
                    format!(
                        "`{}` is {}, not a yes-or-no fact",
                        name.node,
                        other.describe()
                    ),
                    clause,
                )),
                None => {
                    let candidates = self.model.facts.keys().cloned().collect();
                    self.unknown_name(
                        name,
                        "fact",
                        candidates,
                        "declare it in the header: `fact NAME is yes or no \"what it means\"`",
                        Some(clause),
                    );
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
        what: &str,
        clause: &str,
    ) -> Option<Currency> {
        let found = self.type_of(expr, clause)?;
        match (found, currency) {
            (Type::Money(found), Some(wanted)) if found != wanted => {
                self.push(
                    currency_mismatch(
                        expr.span,
                        format!(
                            "{what} in {} on an amount in {}",
                            found.words(),
                            wanted.words()
                        ),
                        clause,
                    )
                    .with_help(match &expr.node {
                        ExprKind::Money(figure, _) => format!(
                            "write it in {}, the currency of the amount it goes with: `{}`, if that is what the text says",
                            wanted.words(),
                            crate::syntax::print::money_literal_in(*figure, wanted)
                        ),
                        _ => format!(
                            "write it in {}, the currency of the amount it goes with",
                            wanted.words()
                        ),
                    }),
                );
                None
            }
            (Type::Money(found), _) => Some(found),
            (other, _) => {
                self.push(mismatch(
                    expr.span,
                    format!(
                        "{what} needs an amount of money, but this is {}",
                        other.describe()
                    ),
                    clause,
                ));
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
        what: &str,
        clause: &str,
    ) -> bool {
        let (Type::Money(x), Type::Money(y)) = (a, b) else {
            return false;
        };
        if x == y {
            return false;
        }
        let message = if matches!(what, "+" | "-" | "*" | "/") {
            format!("an amount in {} {what} an amount in {} needs a rate of exchange, and none is stated", x.words(), y.words())
        } else {
            format!(
                "{what} an amount in {} and one in {} needs a rate of exchange, and none is stated",
                x.words(),
                y.words()
            )
        };
        self.push(currency_mismatch(span, message, clause).with_help(
            "write both amounts in the currency the text uses, or convert one at the rate the text states: `(€1,000.00) at 1.08 USD per EUR`",
        ));
        true
    }

    /// A scenario's value for a money fact in another currency than the
    /// fact's declaration.
    fn fact_in_another_currency(
        &mut self,
        fact: &FactValue,
        given: Currency,
        declared: Currency,
        label: &str,
    ) {
        if given == declared {
            return;
        }
        let help = if declared == Currency::Usd {
            format!(
                "if the fact is in {}, declare it so: `fact {} is money in {}`",
                given.words(),
                fact.name.node,
                given.code()
            )
        } else {
            format!("write the amount in {}", declared.words())
        };
        self.push(
            currency_mismatch(
                fact.value.span,
                format!(
                    "`{}` is an amount in {}, but this value is in {}",
                    fact.name.node,
                    declared.words(),
                    given.words()
                ),
                label,
            )
            .with_help(help),
        );
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
        what: &str,
        label: &str,
    ) {
        let Some(owed) = self.currencies.get(&obligation.node).copied() else {
            return;
        };
        if owed == currency {
            return;
        }
        self.push(
            currency_mismatch(
                amount.span,
                format!(
                    "this {what} is in {}, but `{}` is owed in {}",
                    currency.words(),
                    obligation.node,
                    owed.words()
                ),
                label,
            )
            .with_help(format!(
                "record the amount paid in {}: `{}`",
                owed.words(),
                format_money_in(amount.node, owed)
            )),
        );
    }

    /// A credit reduces what is owed under `target`: in the same currency.
    fn credit_in_currency(&mut self, target: &Name, currency: Option<Currency>, clause: &str) {
        let owed = self.currencies.get(&target.node).copied();
        let (Some(credit), Some(owed)) = (currency, owed) else {
            return;
        };
        if credit != owed {
            self.push(
                currency_mismatch(
                    target.span,
                    format!(
                        "a credit in {} cannot reduce `{}`, which is owed in {}",
                        credit.words(),
                        target.node,
                        owed.words()
                    ),
                    clause,
                )
                .with_help("write the credit in the currency of what it reduces"),
            );
        }
    }

    /// A rounding stated on an amount: to a unit of its own currency (the
    /// cent of a currency that has one, its whole unit).
    fn rounding_fits(&mut self, unit: Unit, currency: Option<Currency>, span: Span, clause: &str) {
        let Some(currency) = currency.filter(|c| !unit.fits(*c)) else {
            return;
        };
        self.push(
            Diagnostic::error(
                Code::CurrencyMismatch,
                span,
                format!(
                    "an amount in {} cannot be rounded to {}",
                    currency.words(),
                    unit.words()
                ),
            )
            .with_label(format!("not a unit of {}", currency.words()))
            .in_clause(clause)
            .with_help(format!(
                "write `rounded ... to {}`",
                Unit::smallest(currency).words()
            )),
        );
    }

    fn expect_type(&mut self, expr: &Expr, expected: Type, what: &str, clause: &str) {
        if let Some(found) = self.type_of(expr, clause) {
            if expected == Type::Date && is_numeric(found) {
                // `6/30/2002` reads as two divisions.
                self.push(
                    Diagnostic::error(
                        Code::ExpectedDate,
                        expr.span,
                        format!("expected a date here; `{expr}` is a number"),
                    )
                    .with_label("not a date")
                    .with_help("write a date as `June 6, 2002` or `2002-06-06`, or count one: `30 days after the date of delivery`")
                    .in_clause(clause),
                );
            } else if found != expected {
                self.push(mismatch(
                    expr.span,
                    format!(
                        "{what} needs {}, but this is {}",
                        expected.describe(),
                        found.describe()
                    ),
                    clause,
                ));
            }
        }
    }

    /// The type of an expression, reporting every mismatch inside it.
    /// `None` when a part is already reported (unknown fact, mismatch).
    fn type_of(&mut self, expr: &Expr, clause: &str) -> Option<Type> {
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
            ExprKind::Fact(name) => {
                let spanned = Spanned::new(name.clone(), expr.span);
                let fact = self.fact_type(&spanned);
                if fact.is_none() {
                    let candidates = self.model.facts.keys().cloned().collect();
                    let spanned = Spanned::new(name.clone(), expr.span);
                    self.unknown_name(
                        &spanned,
                        "fact",
                        candidates,
                        "declare it in the header: `fact NAME is money \"what it is\"`",
                        Some(clause),
                    );
                }
                fact
            }
            ExprKind::GreaterOf(a, b) | ExprKind::LesserOf(a, b) => {
                let (ta, tb) = (self.type_of(a, clause)?, self.type_of(b, clause)?);
                if self.currencies_differ(ta, tb, expr.span, "the greater or lesser of", clause) {
                    None
                } else if ta == tb || (is_numeric(ta) && is_numeric(tb)) {
                    Some(ta)
                } else {
                    self.push(mismatch(
                        expr.span,
                        format!(
                            "the greater or lesser of {} and {} means nothing",
                            ta.describe(),
                            tb.describe()
                        ),
                        clause,
                    ));
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
                    && self.currencies_differ(ta, tb, expr.span, op.symbol(), clause)
                {
                    return None;
                }
                let result = binary_type(*op, ta, tb);
                if result.is_none() {
                    self.push(
                        mismatch(
                            expr.span,
                            format!("{} {} {} means nothing", ta.describe(), op.symbol(), tb.describe()),
                            clause,
                        )
                        .with_help(
                            "amounts add to amounts; an amount can be multiplied by a number or percentage, or divided by a number; a date plus a duration is a date",
                        ),
                    );
                }
                result
            }
        }
    }

    /// The type of a date form or a rounded step, apart from
    /// [`Checker::type_of`] so that its frame, which recurses once per level
    /// of an expression, stays small.
    #[inline(never)]
    fn date_form_type(&mut self, expr: &Expr, clause: &str) -> Option<Type> {
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
                if self.currencies_differ(a, b, expr.span, "the two cases of", clause) {
                    None
                } else if a == b || (is_numeric(a) && is_numeric(b)) {
                    Some(a)
                } else {
                    self.push(mismatch(
                        expr.span,
                        format!(
                            "the two cases give {} and {}: they must be the same kind of value",
                            a.describe(),
                            b.describe()
                        ),
                        clause,
                    ));
                    None
                }
            }
            ExprKind::InterestOn { .. } => {
                self.push(mismatch(
                    expr.span,
                    "interest on a balance is the whole amount of an obligation, not a part of a calculation".to_owned(),
                    clause,
                ));
                None
            }
            ExprKind::LaterOf(a, b) | ExprKind::EarlierOf(a, b) => {
                self.expect_type(a, Type::Date, "`the later of` or `the earlier of`", clause);
                self.expect_type(b, Type::Date, "`the later of` or `the earlier of`", clause);
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
                    self.push(mismatch(
                        expr.span,
                        format!(
                            "{} cannot be rounded to {}",
                            ty.describe(),
                            rounding.unit.words()
                        ),
                        clause,
                    ));
                    None
                }
            }
            ExprKind::EventDate(event) | ExprKind::EventEnd(event) => {
                self.event(event, Some(clause));
                Some(Type::Date)
            }
            ExprKind::Power { base, exponent } => self.power_type(expr, base, exponent, clause),
            ExprKind::Converted {
                amount, to, from, ..
            } => self.converted_type(expr, amount, *to, *from, clause),
            ExprKind::UnpaidBalance { obligation, on } => {
                self.earlier_schedule(obligation, clause);
                self.expect_type(on, Type::Date, "the date of an unpaid balance", clause);
                Some(self.money_of(obligation))
            }
            ExprKind::FirstDefault { obligation, .. } => {
                self.earlier_schedule(obligation, clause);
                Some(Type::Date)
            }
            ExprKind::BusinessDay { date, .. } => {
                self.model.counts_business_days = true;
                self.expect_type(date, Type::Date, "this", clause);
                Some(Type::Date)
            }
            ExprKind::MonthEnd(date) => {
                self.expect_type(date, Type::Date, "this", clause);
                Some(Type::Date)
            }
            ExprKind::Shift { by, date, .. } => {
                if by.unit == DurationUnit::BusinessDays {
                    self.model.counts_business_days = true;
                }
                self.expect_type(date, Type::Date, "a date counted from", clause);
                Some(Type::Date)
            }
            ExprKind::Between { from, to, .. } => {
                self.expect_type(from, Type::Date, "the number of days from", clause);
                self.expect_type(to, Type::Date, "the number of days to", clause);
                Some(Type::Count)
            }
            ExprKind::YearFraction { from, to, .. } => {
                self.expect_type(from, Type::Date, "a fraction of a year from", clause);
                self.expect_type(to, Type::Date, "a fraction of a year to", clause);
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
        clause: &str,
    ) -> Option<Type> {
        let found = self.type_of(amount, clause)?;
        let problem = match found {
            Type::Money(_) if to == from => format!(
                "a conversion from {} into {} changes nothing",
                from.words(),
                to.words()
            ),
            Type::Money(currency) if currency == from => return Some(Type::Money(to)),
            Type::Money(currency) => format!(
                "this amount is in {}, but the rate converts {}",
                currency.words(),
                from.words()
            ),
            other => {
                self.push(mismatch(
                    amount.span,
                    format!(
                        "only an amount can be converted, but this is {}",
                        other.describe()
                    ),
                    clause,
                ));
                return None;
            }
        };
        self.push(
            currency_mismatch(expr.span, problem, clause)
                .with_help("state the rate as the text does: `(€1,000.00) at 1.08 USD per EUR`"),
        );
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
        clause: &str,
    ) -> Option<Type> {
        let power = self.type_of(exponent, clause);
        if let Some(found) = power.filter(|t| !is_numeric(*t)) {
            self.push(mismatch(
                exponent.span,
                format!(
                    "a power must be a whole number, but this is {}",
                    found.describe()
                ),
                clause,
            ));
        }
        let ty = self.type_of(base, clause)?;
        if matches!(ty, Type::Number | Type::Count | Type::Percentage) {
            return Some(if ty == Type::Count { Type::Number } else { ty });
        }
        self.push(
            mismatch(
                expr.span,
                format!("{} cannot be raised to a power", ty.describe()),
                clause,
            )
            .with_help(
                "raise a number or a rate, then multiply the amount by it: `$1,000.00 * (1 + 5%) to the power of 3`",
            ),
        );
        None
    }

    // ---- scenarios ------------------------------------------------------

    fn resolve_scenario(&mut self, scenario: &Scenario) {
        self.scenario = Some(scenario.name.node.clone());
        self.resolve_scenario_parts(scenario);
        self.scenario = None;
    }

    fn resolve_scenario_parts(&mut self, scenario: &Scenario) {
        let label = format!("scenario {}", scenario.name.node);
        for fact in &scenario.facts {
            self.scenario_fact(fact, &label);
        }
        for choice in &scenario.readings {
            match self.model.reading(&choice.reading.node).cloned() {
                None => {
                    let candidates = self
                        .model
                        .readings
                        .iter()
                        .map(|r| r.name.node.clone())
                        .collect();
                    self.unknown_name(
                        &choice.reading,
                        "reading",
                        candidates,
                        "readings are declared in the clauses with `assume NAME ...`",
                        Some(&label),
                    );
                }
                Some(reading) => {
                    self.resolved(choice.reading.span, reading.name.span);
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
                        self.unknown_name(
                            &choice.option,
                            "option of this reading",
                            candidates,
                            "choose one of the reading's options",
                            Some(&label),
                        );
                    }
                }
            }
        }
        self.events_recorded_once(scenario, &label);
        for event in &scenario.events {
            self.scenario_event(event, &label);
        }
        if !scenario.expectations.is_empty() {
            let ids = self.model.ledger_ids();
            for expectation in &scenario.expectations {
                self.expectation(expectation, &ids, &label);
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
                let suggestion = closest(&folded, stated.iter().map(String::as_str));
                self.push(
                    Diagnostic::error(
                        Code::UnknownName,
                        text.span,
                        "no clause states this condition in these words",
                    )
                    .with_label("not found in any clause")
                    .with_help(match suggestion {
                        Some(s) => format!("did you mean \"{s}\"?"),
                        None => "write the condition exactly as a clause states it: `if \"...\"`"
                            .to_owned(),
                    })
                    .in_clause(label.clone()),
                );
            }
        }
    }

    fn scenario_fact(&mut self, fact: &FactValue, label: &str) {
        let Some(declared) = self.fact_type(&fact.name) else {
            let candidates = self.model.facts.keys().cloned().collect();
            self.unknown_name(
                &fact.name,
                "fact",
                candidates,
                "facts are declared in the header with `fact NAME is TYPE`",
                Some(label),
            );
            return;
        };
        let given = match &fact.value.node {
            Value::Yes | Value::No => Some(Type::YesNo),
            Value::Choice(value) if declared == Type::Choice => {
                self.fact_value_named(&fact.name, value, label);
                Some(Type::Choice)
            }
            Value::Choice(_) => Some(Type::Choice),
            Value::Expr(expr) => self.type_of(expr, label),
        };
        let compatible =
            given.is_some_and(|g| g == declared || (declared == Type::Count && g == Type::Number));
        if given.is_some() && !compatible {
            let example = match declared {
                Type::Money(currency) => {
                    if let Some(Type::Money(given)) = given {
                        self.fact_in_another_currency(fact, given, currency, label);
                        return;
                    }
                    let example = format_money_in(rust_decimal::Decimal::from(4000), currency);
                    format!("an amount such as `{example}`")
                }
                Type::Date => "a date such as `June 6, 2002`".to_owned(),
                Type::Duration => "a duration such as `10 days`".to_owned(),
                Type::Percentage => "a percentage such as `18%`".to_owned(),
                Type::Count | Type::Number => "a number such as `12`".to_owned(),
                Type::YesNo => "`yes` or `no`".to_owned(),
                Type::Choice => "one of the values its declaration names".to_owned(),
            };
            self.push(
                Diagnostic::error(
                    Code::TypeMismatch,
                    fact.value.span,
                    format!(
                        "`{}` is {}, but this value is not",
                        fact.name.node,
                        declared.describe()
                    ),
                )
                .with_label("wrong kind of value")
                .with_help(format!("write {example}"))
                .in_clause(label),
            );
        }
    }

    fn scenario_event(&mut self, event: &Event, label: &str) {
        let agreement_date = self.model.dated;
        let check_date = |checker: &mut Checker, date: &DateLit, what: &str| {
            if let Some(agreement) = agreement_date.filter(|d| date.node < *d) {
                checker.push(
                    Diagnostic::error(
                        Code::EventBeforeAgreement,
                        date.span,
                        format!(
                            "this {what} is dated {}, before the agreement's own date, {}",
                            long_date(date.node),
                            long_date(agreement)
                        ),
                    )
                    .with_help("check the year of the date")
                    .in_clause(label),
                );
            }
        };
        match event {
            Event::Elected { party, option } => {
                self.party(party, Some(label));
                if let Some(declared) = self.model.election_option(&option.node) {
                    let declared = declared.name.span;
                    self.resolved(option.span, declared);
                }
                match self.model.election_offering(&option.node).cloned() {
                    None => {
                        let candidates = self
                            .model
                            .elections
                            .iter()
                            .filter(|e| e.by.node == party.node)
                            .flat_map(|e| e.options.iter().map(|o| o.name.node.clone()))
                            .collect();
                        self.unknown_name(
                            option,
                            "option offered",
                            candidates,
                            "the agreement offers no such choice",
                            Some(label),
                        );
                    }
                    Some(election) if election.by.node != party.node => self.push(
                        Diagnostic::error(
                            Code::UnknownName,
                            party.span,
                            format!(
                                "the election `{}` is {}'s to make",
                                election.name.node, election.by.node
                            ),
                        )
                        .in_clause(label),
                    ),
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
                let what = if prepaid { "prepayment" } else { "payment" };
                self.paid_in_its_currency(amount, *currency, obligation, what, label);
                self.party(payer, Some(label));
                self.party(payee, Some(label));
                check_date(self, on, what);
                self.paid_toward(obligation, label);
                if prepaid {
                    self.prepayable(obligation, label);
                }
            }
            Event::Compensation {
                party,
                on,
                amount,
                currency,
                ..
            } => {
                let offsets = self.offset_currencies.get(&party.node).copied();
                if let Some(offsets) = offsets.filter(|c| c != currency) {
                    self.push(
                        currency_mismatch(
                            amount.span,
                            format!(
                                "this compensation is in {}, but it offsets amounts in {}",
                                currency.words(),
                                offsets.words()
                            ),
                            label,
                        )
                        .with_help(format!(
                            "record the compensation in {}, as the amounts it reduces",
                            offsets.words()
                        )),
                    );
                }
                self.party(party, Some(label));
                check_date(self, on, "compensation");
            }
            Event::Notified { party, to, on, .. } => {
                self.party(party, Some(label));
                self.party(to, Some(label));
                check_date(self, on, "notice");
                let parties = &self.model.parties;
                let known = parties.contains_key(&party.node) && parties.contains_key(&to.node);
                if let Some(notice) = NoticeGiven::of(event).filter(|_| known) {
                    self.notice_duty(notice, label);
                }
            }
            Event::Signed { party, .. } | Event::Prevailed { party, .. } => {
                self.party(party, Some(label))
            }
            Event::Happened {
                event, on, through, ..
            } => {
                self.event(event, Some(label));
                check_date(self, on, "event");
                if let Some(through) = through.as_ref().filter(|t| t.node < on.node) {
                    self.push(
                        Diagnostic::error(
                            Code::PeriodOrder,
                            through.span,
                            format!(
                                "`{}` ends on {}, before it began on {}",
                                event.node,
                                long_date(through.node),
                                long_date(on.node)
                            ),
                        )
                        .with_secondary_if_same_file(on.span, "began here")
                        .with_help("swap the two dates, or check the year")
                        .in_clause(label),
                    );
                }
            }
        }
    }

    /// An `expect` line names what exists: an obligation (by its id or its
    /// label alone), a party, a diagnostic code. Whether an instance
    /// (`[7]`) exists depends on the scenario's readings and events, so it
    /// is told when the ledger is compared, by `clausec test`.
    fn expectation(&mut self, expectation: &Expectation, ids: &[LedgerId], label: &str) {
        match &expectation.what {
            Expected::Entry { obligation, .. } => self.expected_obligation(obligation, ids, label),
            Expected::TotalPaid { party, .. } => self.party(party, Some(label)),
            Expected::Finding { code, .. } => {
                if Code::find(&code.node).is_none() {
                    let candidates = Code::ALL
                        .iter()
                        .filter_map(|c| c.as_str().rsplit("::").next())
                        .map(str::to_owned)
                        .collect();
                    self.unknown_name(
                        code,
                        "diagnostic code",
                        candidates,
                        "`clausec codes` lists every code; write its last part, as in `count_mismatch`",
                        Some(label),
                    );
                }
            }
        }
    }

    /// `2(b).severance` names an id of the ledger; `severance` the one
    /// obligation (or election) of that name in any clause.
    fn expected_obligation(&mut self, obligation: &ObligationRef, ids: &[LedgerId], label: &str) {
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

                self.push(
                    Diagnostic::error(
                        Code::UnknownObligation,
                        path.span,
                        format!("the agreement has no obligation `{}`", path.node),
                    )
                    .with_label("no such obligation")
                    .with_suggestion_or(path.span, suggestion, "name an obligation as the ledger does (`2(b).severance`, `2(b).severance[3]` for one installment) or by its label alone")
                    .in_clause(label),
                );
            }
            several => {
                let full: Vec<String> = several
                    .iter()
                    .map(|id| format!("`{}`", id.full()))
                    .collect();
                self.push(
                    Diagnostic::error(
                        Code::UnknownObligation,
                        path.span,
                        format!("`{}` could be {}", path.node, join_or(&full)),
                    )
                    .with_label("several obligations have this name")
                    .with_help("write the obligation's full id, with its clause")
                    .in_clause(label),
                );
            }
        }
    }

    /// An event recorded twice in one scenario: clauses read one date for
    /// it, so the second would be silently ignored.
    fn events_recorded_once(&mut self, scenario: &Scenario, label: &str) {
        let mut seen: BTreeMap<&str, Span> = BTreeMap::new();
        for event in &scenario.events {
            let Event::Happened { event, span, .. } = event else {
                continue;
            };
            match seen.get(event.node.as_str()) {
                Some(first) => {
                    let first = *first;
                    self.push(
                        Diagnostic::error(
                            Code::DuplicateName,
                            *span,
                            format!("`{}` is recorded twice in this scenario", event.node),
                        )
                        .with_secondary_if_same_file(first, "first recorded here")
                        .with_help("an event happens once: keep the date it happened, or record a lasting event `from DATE through DATE`")
                        .in_clause(label),
                    );
                }
                None => {
                    seen.insert(&event.node, *span);
                }
            }
        }
    }
}

impl Checker {
    /// A scenario's notice must answer exactly one notice duty (see
    /// [`Model::notice_answered`]): one notice meeting every duty between
    /// two parties was the bug this prevents.
    fn notice_duty(&mut self, notice: NoticeGiven<'_>, label: &str) {
        let diagnostic = match (self.model.notice_answered(notice), notice.duty) {
            (NoticeAnswer::Duty(duty), named) => {
                let declared = duty.label.as_ref().map(|l| l.span);
                if let (Some(named), Some(declared)) = (named, declared) {
                    self.resolved(named.span, declared);
                }
                return;
            }
            (NoticeAnswer::UnknownDuty, Some(named)) => {
                self.unknown_notice_label(named, label);
                return;
            }
            (NoticeAnswer::OtherParties(owed), Some(named)) => {
                notice_between_other_parties(owed, named, notice)
            }
            (NoticeAnswer::Several(duties), _) => several_notice_duties(&duties, notice),
            (NoticeAnswer::NoDuty, _) => no_notice_duty(&self.model, notice),
            // Given only for a notice that names a duty (`for LABEL`).
            (NoticeAnswer::UnknownDuty | NoticeAnswer::OtherParties(_), None) => return,
        };
        self.push(diagnostic.in_clause(label));
    }

    /// `for LABEL` on a notice names no notice duty.
    fn unknown_notice_label(&mut self, duty: &Name, label: &str) {
        let labels: Vec<String> = self
            .model
            .notice_duties()
            .filter_map(|(_, o)| o.label.as_ref().map(|l| l.node.clone()))
            .collect();
        let how = if labels.is_empty() {
            "label the notice duty in its clause (`loss_notice: lessee notifies lessor of \"...\"`), then name it here".to_owned()
        } else {
            let quoted: Vec<String> = labels.iter().map(|l| format!("`{l}`")).collect();
            format!("the notice duties are {}", join_and(&quoted))
        };
        self.unknown_name(duty, "notice duty", labels, &how, Some(label));
    }
}

/// `for LABEL` names a notice that other parties owe, or that runs the
/// other way.
fn notice_between_other_parties(
    owed: &Obligation,
    duty: &Name,
    notice: NoticeGiven<'_>,
) -> Diagnostic {
    let obligor = &owed.obligor.node;
    let obligee = owed.obligee.as_ref().map_or("", |o| o.node.as_str());
    Diagnostic::error(
        Code::UnknownObligation,
        duty.span,
        format!(
            "`{}` is a notice from `{obligor}` to `{obligee}`, but this notice is from `{}` to `{}`",
            duty.node, notice.party.node, notice.to.node
        ),
    )
    .with_label(format!("owed by `{obligor}` to `{obligee}`"))
    .with_help(format!(
        "if this is the notice `{}` requires, write `{obligor} notified {obligee} ...`; otherwise end the line with `for` and the label of the notice it answers",
        duty.node
    ))
}

/// A notice without `for LABEL` that could answer several duties.
fn several_notice_duties(duties: &[(&Clause, &Obligation)], notice: NoticeGiven<'_>) -> Diagnostic {
    let described: Vec<String> = duties.iter().map(|(c, o)| duty_in_words(c, o)).collect();
    let labels: Vec<String> = duties
        .iter()
        .filter_map(|(_, o)| o.label.as_ref().map(|l| format!("`for {}`", l.node)))
        .collect();
    let help = if labels.len() == duties.len() {
        format!(
            "say which duty this notice answers: end the line with {}",
            join_or(&labels)
        )
    } else {
        "label each notice duty in its clause (`NAME: PARTY notifies ...`), then end this line with `for NAME`".to_owned()
    };
    Diagnostic::error(
        Code::AmbiguousEvent,
        notice.party.span.to(notice.to.span),
        format!(
            "this notice from `{}` to `{}` could answer {}",
            notice.party.node,
            notice.to.node,
            join_or(&described)
        ),
    )
    .with_label(format!("could answer {} notice duties", duties.len()))
    .with_help(help)
}

/// A notice from a party to a party that owes it no notice.
fn no_notice_duty(model: &Model, notice: NoticeGiven<'_>) -> Diagnostic {
    let owed: Vec<String> = model
        .notice_duties()
        .map(|(clause, duty)| duty_between_in_words(clause, duty))
        .collect();
    let help = if owed.is_empty() {
        "a notice event records a notice that a clause requires (`PARTY notifies PARTY of \"...\"`); this agreement requires none".to_owned()
    } else {
        format!(
            "the agreement's notice duties are {}; check which party gave the notice and which received it",
            join_and(&owed)
        )
    };
    Diagnostic::error(
        Code::UnknownObligation,
        notice.party.span.to(notice.to.span),
        format!(
            "no clause requires a notice from `{}` to `{}`",
            notice.party.node, notice.to.node
        ),
    )
    .with_label("answers no notice duty")
    .with_help(help)
}

/// `` `loss_notice` (clause 6: `lessee` to `lessor`) ``, or `the unlabelled
/// notice of clause 6 (`lessee` to `lessor`)`.
fn duty_between_in_words(clause: &Clause, duty: &Obligation) -> String {
    let between = format!(
        "`{}` to `{}`",
        duty.obligor.node,
        duty.obligee.as_ref().map_or("", |o| o.node.as_str())
    );
    match &duty.label {
        Some(label) => format!(
            "`{}` (clause {}: {between})",
            label.node, clause.number.node
        ),
        None => format!(
            "the unlabelled notice of clause {} ({between})",
            clause.number.node
        ),
    }
}

/// `` `loss_notice` (clause 6) ``, or `the unlabelled notice of clause 6`.
fn duty_in_words(clause: &Clause, duty: &Obligation) -> String {
    match &duty.label {
        Some(label) => format!("`{}` (clause {})", label.node, clause.number.node),
        None => format!("the unlabelled notice of clause {}", clause.number.node),
    }
}

trait SecondaryIfSameFile {
    fn with_secondary_if_same_file(self, span: Span, text: &str) -> Self;
}

impl SecondaryIfSameFile for Diagnostic {
    fn with_secondary_if_same_file(self, span: Span, text: &str) -> Self {
        if self.span().is_some_and(|s| s.file == span.file) {
            self.with_secondary(span, text)
        } else {
            self
        }
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

fn mismatch(span: Span, message: String, clause: &str) -> Diagnostic {
    Diagnostic::error(Code::TypeMismatch, span, message)
        .with_label("wrong kind of value")
        .with_help("amounts add to amounts; an amount can be multiplied by a number or percentage, or divided by a number")
        .in_clause(clause)
}

/// Amounts in two currencies put together.
fn currency_mismatch(span: Span, message: String, clause: &str) -> Diagnostic {
    Diagnostic::error(Code::CurrencyMismatch, span, message)
        .with_label("two currencies")
        .in_clause(clause)
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
