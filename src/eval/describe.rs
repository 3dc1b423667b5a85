//! The ledger's words: each entry's one-line summary, its terms, its
//! condition, as a lawyer would read them aloud.

use super::schedule::roll_of;
use super::*;

impl<'m> Evaluator<'m> {
    /// The entry every obligation starts from: who, what, when, on what
    /// condition, quoted from where.
    pub(super) fn entry(
        &self,
        clause: &Clause,
        obligation: &Obligation,
        id: &ObligationId,
    ) -> Entry {
        let dates = self.dates_of(obligation);
        let conditions = &obligation.terms.conditions;
        // Worded in the order written, so that the lawyer reads the terms
        // back as they wrote them (the only reading of `modifiers` here).
        let terms = obligation
            .modifiers
            .iter()
            .filter_map(|m| self.term(m))
            .collect();
        Entry {
            id: id.clone(),
            heading: Arc::new(Heading {
                summary: self.summary(obligation),
                clause: clause.number.node.clone(),
                clause_id: self.clause_id,
                clause_title: clause.title.as_ref().map(|t| t.node.clone()),
                kind: obligation.kind,
                obligor: obligation.obligor.name.node.clone(),
                obligee: obligation.obligee.as_ref().map(|o| o.name.node.clone()),
                condition: (!conditions.is_empty()).then(|| Conditions(conditions.clone())),
                terms,
                quote: self.model.folded_quote(self.clause_id).cloned(),
                source: obligation.span,
            }),
            instance: None,
            amount: None,
            currency: None,
            due: dates.due,
            due_time: None,
            grace_end: None,
            start: dates.from.or(dates.effective),
            end: dates.through,
            status: if dates.unknown.is_some() {
                Status::NotYetKnown
            } else {
                Status::InForce
            },
            offset: None,
            paid: None,
            paid_on: None,
            outstanding: None,
            remedies: Vec::new(),
            // Why a date is not yet known is said once the status is
            // settled (see `explain_unknown_date`): a condition that fails
            // makes it moot.
            notes: dates.moved.into_iter().collect(),
            explanation: Vec::new(),
        }
    }

    /// The obligation's dates under the scenario. A date counted from an
    /// event the scenario has not recorded is left out, and said so; a date
    /// that cannot be computed for another reason is reported by
    /// [`Evaluator::report_date_problems`].
    pub(super) fn dates_of(&self, obligation: &Obligation) -> Dates {
        let mut unknown = None;
        let mut date = |expr: Option<&Expr>| match expr.map(|e| self.date(e)) {
            Some(Ok(date)) => Some(date),
            Some(Err(Unavailable::NotYetKnown(what))) => {
                unknown.get_or_insert(Note::DateNotYetKnown(what));
                None
            }
            _ => None,
        };
        let period = period_of(obligation);
        let due = date(obligation.terms.on.as_ref());
        // A single due date moves as the convention says, and the ledger
        // says so.
        let mut moved = None;
        let due = match (due, roll_of(obligation, None)) {
            (Some(due), Some(roll)) => match self.calendar.roll(due, roll) {
                Ok(rolled) => {
                    if rolled != due {
                        moved = Some(self.moved_note(due, rolled, roll, None));
                    }
                    Some(rolled)
                }
                Err(error) => {
                    moved = Some(Note::NotMoved { date: due, error });
                    Some(due)
                }
            },
            (due, _) => due,
        };
        let effective = date(obligation.terms.effective.as_ref());
        let from = date(period.and_then(|p| p.from.as_ref()));
        let through = date(period.and_then(|p| p.through.as_ref()));
        Dates {
            due,
            effective,
            from,
            through,
            unknown,
            moved,
        }
    }

    /// How a due date counted from an event, a fact or another date was
    /// reached (a date written out needs no explanation).
    pub(super) fn explain_due_date(&self, entry: &mut Entry, obligation: &Obligation) {
        let Some(on) = &obligation.terms.on else {
            return;
        };
        if on.written_date().is_some() {
            return;
        }
        if let Ok(date) = self.date(on) {
            entry.explanation.push(Arc::new(Explanation::Dated {
                date,
                calculation: self.calculation(on),
                clause: entry.heading.clause.clone(),
            }));
        }
    }

    /// An entry left `not yet known` (or conditional) while one of its dates
    /// waits on something that has not happened: say what, first among its
    /// notes. Not for an entry whose condition fails: the date is moot.
    pub(super) fn explain_unknown_date(&self, entry: &mut Entry, obligation: &Obligation) {
        if matches!(entry.status, Status::NotYetKnown | Status::Conditional) {
            if let Some(why) = self.dates_of(obligation).unknown {
                entry.notes.insert(0, why);
            }
        }
    }

    /// Every date of the obligation that cannot be computed under the
    /// scenario for a reason other than an event not yet recorded (a fact
    /// the scenario does not give, a date outside the calendar): one
    /// diagnostic each.
    pub(super) fn report_date_problems(&mut self, obligation: &Obligation, clause: &str) {
        let period = period_of(obligation);
        let terms = &obligation.terms;
        let written = (terms.on.iter())
            .chain(&terms.effective)
            .chain(period.and_then(|p| p.from.as_ref()))
            .chain(period.and_then(|p| p.through.as_ref()));
        let problems: Vec<Unavailable> = written
            .filter(|d| d.written_date().is_none())
            .filter_map(|d| self.date(d).err())
            .collect();
        for why in problems {
            if let Some((problem, span)) = why.problem(self.scenario_name(), Computed::Date) {
                self.report(problem, span, clause);
            }
        }
    }

    /// A modifier that is a term of the obligation, with its dates as the
    /// scenario makes them.
    pub(super) fn term(&self, modifier: &Modifier) -> Option<Term> {
        Some(match modifier {
            Modifier::For(d) => Term::For(d.node),
            Modifier::Within(d) => Term::Within(d.node),
            Modifier::Grace(d) => Term::Grace(d.node),
            Modifier::Cap(e) => Term::Cap(e.to_string()),
            Modifier::MetWhen(event) => Term::MetWhen(event.name.node.clone()),
            Modifier::AggregateCap(e) => Term::AggregateCap(e.to_string()),
            Modifier::LateFee(LateFee::Share(rate), _) => Term::LateFeeShare(rate.node),
            Modifier::LateFee(LateFee::Amount(amount), _) => {
                Term::LateFeeAmount(amount.to_string())
            }
            Modifier::Interest(i) => Term::Interest {
                rate: i.rate.node,
                from: self.shown_date(&i.from),
                day_count: i.day_count.as_ref().map(|d| d.node),
            },
            Modifier::Recurring(Recurring { frequency, day, .. }) => Term::Due {
                frequency: *frequency,
                day: *day,
            },
            Modifier::Escalation(Escalation { rate, rounding, .. }) => Term::Escalation {
                rate: rate.node,
                rounding: *rounding,
            },
            Modifier::Abatement(Abatement { from, through, .. }) => Term::Abated {
                from: self.shown_date(from),
                through: self.shown_date(through),
            },
            Modifier::Prorated(_) => Term::Prorated,
            Modifier::Prepayments(after, _) => Term::Prepayments(*after),
            Modifier::Step(Step { amount, from, .. }) => Term::Becoming {
                amount: amount.to_string(),
                from: self.shown_date(from),
            },
            Modifier::RemainingEnd(date) => Term::RemainingEnd(self.shown_date(date)),
            Modifier::Floor(e) => Term::Floor(e.to_string()),
            Modifier::Cost(e) => Term::Cost(e.to_string()),
            Modifier::LateInterest(i) => Term::LateInterest {
                rate: i.rate.node,
                start: i.start.as_ref().map(|start| match start {
                    InterestStart::DueDate => AccrualStart::DueDate,
                    InterestStart::GraceEnd => AccrualStart::GraceEnd,
                    InterestStart::Reading(reading) => self.interest_start(reading),
                }),
                day_count: i.day_count.as_ref().map(|d| d.node),
            },
            Modifier::Offset(Offset {
                receiver, period, ..
            }) => Term::ReducedBy {
                receiver: receiver.name.node.clone(),
                from: (period.as_ref())
                    .and_then(|p| p.from.as_ref())
                    .map(|e| self.shown_date(e)),
                through: (period.as_ref())
                    .and_then(|p| p.through.as_ref())
                    .map(|e| self.shown_date(e)),
            },
            _ => return None,
        })
    }

    /// The obligation as one sentence, in the file's own words.
    pub(super) fn summary(&self, obligation: &Obligation) -> Summary {
        let who = obligation.obligor.name.node.clone();
        let whom = (obligation.obligee.as_ref()).map_or_else(String::new, |o| o.name.node.clone());
        let what = match &obligation.subject {
            Subject::Amount(expr) => Undertaking::Pays(expr.to_string()),
            Subject::Described(what) => {
                let what = what.node.clone();
                match obligation.kind {
                    Kind::Benefit => Undertaking::Provides(what),
                    Kind::Performance => Undertaking::Performs(what),
                    Kind::Release => Undertaking::Releases(what),
                    Kind::Survival => Undertaking::RemainsBound(what),
                    Kind::Restriction => Undertaking::MustNot(what),
                    Kind::Right => Undertaking::May(what),
                    Kind::Notice => Undertaking::Notifies(what),
                    _ => Undertaking::Owes(what),
                }
            }
            Subject::Reimbursed(what, _) => Undertaking::Reimburses(what.node.clone()),
            Subject::DocumentRef(reference) => {
                let document = self.document(reference);
                match obligation.kind {
                    Kind::Release => Undertaking::ReleasesFrom(document),
                    _ => Undertaking::BoundBy(document),
                }
            }
            Subject::CompensationReceived(receiver) => {
                Undertaking::NotifiesOfCompensation(receiver.name.node.clone())
            }
            Subject::Deadline {
                what,
                date,
                time,
                zone,
            } => Undertaking::Signs {
                what: what.as_ref().map(|w| w.node.clone()),
                time: crate::calc::zone::Clock {
                    at: time.node,
                    zone: zone.as_ref().map(|z| z.node),
                },
                date: date.node,
            },
        };
        Summary { who, whom, what }
    }

    /// The document (or the section of it) a clause refers to.
    fn document(&self, reference: &DocumentRef) -> Document {
        let Some(document) = self.model.documents.get(&reference.document.node) else {
            return Document::Named(reference.document.node.clone());
        };
        let section = reference.section.as_ref().map(|number| {
            let title = (document.sections.iter())
                .find(|s| s.number.node == number.node)
                .and_then(|s| s.title.as_ref())
                .map(|t| t.node.clone());
            (number.node.clone(), title)
        });
        Document::Declared {
            title: document.title.node.clone(),
            dated: document.dated.as_ref().map(|d| d.node),
            section,
        }
    }
}
