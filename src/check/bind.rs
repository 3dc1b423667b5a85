//! Binding: each use of a fact, an event (or the notice duty a date counts
//! from), a reading or an election's option in the checked model gets the
//! id of its declaration ([`crate::syntax::ids`]), and so does each use of
//! a party the evaluator compares (an obligation's two parties, an
//! offset's receiver, a compensation notice's party, `PARTY prevails`, and
//! a scenario's signatures, receipts and prevailing party); each clause's
//! election gets its own id.
//!
//! Runs once the checker knows every declaration of the folder and has
//! resolved every name: from here on the evaluator reads these by id, an
//! index, and never looks their names up again. The parties it only shows
//! (who elects, who pays a recorded payment, who gives a notice) stay
//! names: payments are matched to their obligation by its label, and a
//! notice to its duty by `Model::notice_answered`, which the checker runs
//! before binding. A name the checker reported as unknown keeps an empty
//! slot (a model with an error is never evaluated); a use left unbound in
//! a model without errors is a bug in clausec, and the checker reports it
//! as one ([`bind`] returns them).
//!
//! An obligation's terms by meaning ([`Terms`]) are gathered again from
//! its bound terms as written, so that both say the same.

use super::model::Model;
use crate::source::Span;
use crate::syntax::ast::*;

/// A use the binder found no declaration for: its name and where it is.
pub type Unbound = (String, Span);

/// Fills every slot of the model's clauses and scenarios; returns the uses
/// it could not bind.
pub fn bind(model: &mut Model) -> Vec<Unbound> {
    // The clauses and scenarios are taken out of the model while they are
    // bound: what the binder asks the model must come from its maps and
    // tables, never from its clauses (see `Model::notice_label`).
    let mut clauses = std::mem::take(&mut model.clauses);
    let mut scenarios = std::mem::take(&mut model.scenarios);
    let mut binder = Binder {
        model,
        unbound: Vec::new(),
    };
    for clause in &mut clauses {
        for obligation in &mut clause.obligations {
            binder.obligation(obligation);
        }
        for election in &mut clause.elections {
            binder.election(election);
        }
    }
    for scenario in &mut scenarios {
        binder.scenario(scenario);
    }
    let unbound = binder.unbound;
    model.clauses = clauses;
    model.scenarios = scenarios;
    unbound
}

/// Binds each use to its declaration's id, found in the model's maps
/// (a look-up per use, never a scan of the declarations), and keeps what
/// could not be bound.
struct Binder<'m> {
    model: &'m Model,
    unbound: Vec<Unbound>,
}

impl Binder<'_> {
    /// Fills a use's slot with what `find` finds for its name, noting the
    /// use when it finds nothing.
    fn bind<I: Copy>(&mut self, used: &mut Ref<I>, find: impl Fn(&Model, &str) -> Option<I>) {
        let id = find(self.model, &used.name.node);
        used.id.set(id);
        if id.is_none() {
            self.unbound.push((used.name.node.clone(), used.name.span));
        }
    }

    /// A clause's election declaration: its own id.
    fn election(&mut self, election: &mut Election) {
        let id = self.model.election_id(&election.name.node);
        election.id.set(id);
        if id.is_none() {
            let name = &election.name;
            self.unbound.push((name.node.clone(), name.span));
        }
    }

    fn party(&mut self, party: &mut Ref<PartyId>) {
        self.bind(party, |model, name| model.parties.id_of(name));
    }

    fn occasion(&mut self, occasion: &mut Ref<Occasion>) {
        self.bind(occasion, Model::occasion);
    }

    fn fact(&mut self, fact: &mut Ref<FactId>) {
        self.bind(fact, |model, name| model.facts.id_of(name));
    }

    fn reading(&mut self, reading: &mut Ref<ReadingId>) {
        self.bind(reading, Model::reading_id);
    }

    fn option(&mut self, option: &mut Ref<OptionId>) {
        self.bind(option, Model::option_id);
    }

    fn obligation(&mut self, obligation: &mut Obligation) {
        self.party(&mut obligation.obligor);
        if let Some(obligee) = &mut obligation.obligee {
            self.party(obligee);
        }
        match &mut obligation.subject {
            Subject::Amount(amount) | Subject::Reimbursed(_, Some(amount)) => self.expr(amount),
            Subject::CompensationReceived(party) => self.party(party),
            // Each arm names its variant, so that a new one that carries a
            // use must say here how it is bound.
            Subject::Reimbursed(_, None)
            | Subject::Described(_)
            | Subject::DocumentRef(_)
            | Subject::Deadline { .. } => {}
        }
        for modifier in &mut obligation.modifiers {
            self.modifier(modifier);
        }
        obligation.terms = Terms::gather(&obligation.modifiers);
    }

    fn modifier(&mut self, modifier: &mut Modifier) {
        match modifier {
            Modifier::Installments(Installments { each: Some(e), .. })
            | Modifier::On(e)
            | Modifier::Effective(e)
            | Modifier::LateFee(LateFee::Amount(e), _)
            | Modifier::Interest(AccruedInterest { from: e, .. })
            | Modifier::RemainingEnd(e)
            | Modifier::Cost(e)
            | Modifier::Cap(e)
            | Modifier::AggregateCap(e)
            | Modifier::Floor(e)
            | Modifier::UnusedCredit(UnusedCreditTerm { on: e, .. }) => self.expr(e),
            Modifier::Abatement(Abatement {
                from: a,
                through: b,
                ..
            })
            | Modifier::Step(Step {
                amount: a, from: b, ..
            }) => {
                self.expr(a);
                self.expr(b);
            }
            Modifier::Period(period) => self.period(period),
            Modifier::Offset(Offset {
                receiver, period, ..
            }) => {
                self.party(receiver);
                if let Some(period) = period {
                    self.period(period);
                }
            }
            Modifier::ConflictRule(reading)
            | Modifier::LateInterest(LateInterest {
                start: Some(InterestStart::Reading(reading)),
                ..
            }) => self.reading(reading),
            Modifier::Condition(c) => self.condition(c),
            Modifier::MetWhen(occasion) => self.occasion(occasion),
            // Terms that name no fact, party, event or reading (an
            // obligation's label is the ledger's name, not a declaration).
            Modifier::Installments(Installments { each: None, .. })
            | Modifier::LateInterest(LateInterest {
                start: None | Some(InterestStart::DueDate | InterestStart::GraceEnd),
                ..
            })
            | Modifier::LateFee(LateFee::Share(_), _)
            | Modifier::Recurring(_)
            | Modifier::Escalation(_)
            | Modifier::Prorated(_)
            | Modifier::Prepayments(..)
            | Modifier::Roll(..)
            | Modifier::Rounding(..)
            | Modifier::Remainder(..)
            | Modifier::ByTime(_)
            | Modifier::For(_)
            | Modifier::Within(_)
            | Modifier::Grace(_)
            | Modifier::Lapses(_)
            | Modifier::Amortized(_)
            | Modifier::CreditedAgainst(_)
            | Modifier::Then(_) => {}
        }
    }

    fn period(&mut self, period: &mut Period) {
        for date in [&mut period.from, &mut period.through]
            .into_iter()
            .flatten()
        {
            self.expr(date);
        }
    }

    /// Binds an expression's facts, and those of the conditions inside it.
    /// The recursion is bounded: an expression has at most 100 terms
    /// (`syntax::lower`).
    fn expr(&mut self, expr: &mut Expr) {
        match &mut expr.node {
            ExprKind::EventDate(occasion) | ExprKind::EventEnd(occasion) => self.occasion(occasion),
            ExprKind::Fact(name, slot) => {
                let id = self.model.facts.id_of(name);
                slot.set(id);
                if id.is_none() {
                    self.unbound.push((name.clone(), expr.span));
                }
            }
            ExprKind::Binary(_, a, b)
            | ExprKind::GreaterOf(a, b)
            | ExprKind::LesserOf(a, b)
            | ExprKind::LaterOf(a, b)
            | ExprKind::EarlierOf(a, b)
            | ExprKind::Between { from: a, to: b, .. }
            | ExprKind::YearFraction { from: a, to: b, .. }
            | ExprKind::Power {
                base: a,
                exponent: b,
            } => {
                self.expr(a);
                self.expr(b);
            }
            ExprKind::Case {
                then,
                condition,
                otherwise,
            } => {
                self.expr(then);
                self.condition(condition);
                self.expr(otherwise);
            }
            ExprKind::UnpaidBalance { on: e, .. }
            | ExprKind::MonthEnd(e)
            | ExprKind::BusinessDay { date: e, .. }
            | ExprKind::Rounded(e, _)
            | ExprKind::Converted { amount: e, .. }
            | ExprKind::Shift { date: e, .. } => self.expr(e),
            ExprKind::Money(..)
            | ExprKind::Percent(_)
            | ExprKind::Number(_)
            | ExprKind::Date(_)
            | ExprKind::Duration(_)
            | ExprKind::LastAmount(_)
            | ExprKind::TotalOf(_)
            | ExprKind::InterestOn { .. }
            | ExprKind::FirstDefault { .. } => {}
        }
    }

    fn condition(&mut self, condition: &mut Condition) {
        match condition {
            Condition::Not(inner, _) => self.condition(inner),
            Condition::All(parts, _) | Condition::Any(parts, _) => {
                for part in parts {
                    self.condition(part);
                }
            }
            Condition::Elects { option, .. } => self.option(option),
            Condition::Compare(a, _, b) => {
                self.expr(a);
                self.expr(b);
            }
            Condition::FactIs { fact, .. } | Condition::Fact(fact) => self.fact(fact),
            Condition::Happens { event, by } => {
                self.occasion(event);
                if let Some(date) = by {
                    self.expr(date);
                }
            }
            Condition::Prevails(party) => self.party(party),
            Condition::Defaulted { .. } | Condition::Described(_) => {}
        }
    }

    fn scenario(&mut self, scenario: &mut Scenario) {
        for given in &mut scenario.facts {
            self.fact(&mut given.fact);
            if let Value::Expr(e) = &mut given.value.node {
                self.expr(e);
            }
        }
        for choice in &mut scenario.readings {
            self.reading(&mut choice.reading);
        }
        for event in &mut scenario.events {
            match event {
                Event::Elected { option, .. } => self.option(option),
                Event::Compensation { party, .. }
                | Event::Signed { party, .. }
                | Event::Prevailed { party, .. } => self.party(party),
                Event::Happened { event, .. } => self.occasion(event),
                // Matched by the obligation's label (payments) or by
                // `Model::notice_answered` (notices), by name.
                Event::Paid { .. } | Event::Prepaid { .. } | Event::Notified { .. } => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;

    /// The letter as bundled, checked (and so bound once already).
    fn letter() -> Model {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("clauses/lovelock-severance");
        let mut sources = SourceMap::default();
        let loaded = crate::load::load_agreement(&dir, &mut sources).expect("the letter loads");
        let (model, diagnostics) = crate::check::check(&loaded);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        model
    }

    #[test]
    fn every_use_in_the_letter_is_bound_to_its_declaration() {
        let mut model = letter();
        assert!(bind(&mut model).is_empty());
        let salary = model.facts.id_of("annual_salary");
        assert!(salary.is_some());
        let severance = (model.clauses.iter())
            .flat_map(|c| &c.obligations)
            .find(|o| o.label.as_ref().is_some_and(|l| l.node == "severance"));
        let Some(Subject::Amount(amount)) = severance.map(|o| &o.subject) else {
            panic!("2(b) pays an amount");
        };
        let mut facts = Vec::new();
        collect_facts(amount, &mut facts);
        assert_eq!(facts, vec![("annual_salary".to_owned(), salary)]);
        for scenario in &model.scenarios {
            for given in &scenario.facts {
                assert_eq!(
                    given.fact.id.get(),
                    model.facts.id_of(&given.fact.name.node)
                );
            }
        }
    }

    fn collect_facts(expr: &Expr, out: &mut Vec<(String, Option<FactId>)>) {
        match &expr.node {
            ExprKind::Fact(name, id) => out.push((name.clone(), id.get())),
            ExprKind::Binary(_, a, b) => {
                collect_facts(a, out);
                collect_facts(b, out);
            }
            _ => {}
        }
    }

    #[test]
    fn a_name_with_no_declaration_is_left_unbound_and_returned() {
        let mut model = letter();
        let severance = (model.clauses.iter_mut())
            .flat_map(|c| &mut c.obligations)
            .find(|o| o.label.as_ref().is_some_and(|l| l.node == "severance"));
        let Some(Subject::Amount(amount)) = severance.map(|o| &mut o.subject) else {
            panic!("2(b) pays an amount");
        };
        amount.node = ExprKind::Fact("annual_salry".to_owned(), Slot::default());
        let unbound = bind(&mut model);
        let names: Vec<&str> = unbound.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["annual_salry"]);
    }
}
