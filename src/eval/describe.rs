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
        let conditions: Vec<String> = (obligation.terms.conditions.iter())
            .map(|c| format!("if {c}"))
            .collect();
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
                clause_title: clause.title.as_ref().map(|t| t.node.clone()),
                kind: obligation.kind,
                obligor: obligation.obligor.node.clone(),
                obligee: obligation.obligee.as_ref().map(|o| o.node.clone()),
                condition: (!conditions.is_empty()).then(|| conditions.join("; ")),
                terms,
                quote: self.model.folded_quotes.get(&clause.number.node).cloned(),
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
        for problem in problems {
            let diagnostic = match problem {
                Unavailable::NotYetKnown(_) => continue,
                Unavailable::MissingFact(fact, span) => Diagnostic::warning(
                    Code::MissingFact,
                    span,
                    format!(
                        "scenario `{}` gives no value for `{fact}`, so this date cannot be computed",
                        self.scenario_name()
                    ),
                )
                .with_help(format!("add `fact {fact} is ...` to the scenario")),
                Unavailable::Arithmetic(message, span) => Diagnostic::error(
                    Code::Arithmetic,
                    span,
                    format!("under scenario `{}`, {message}", self.scenario_name()),
                )
                .with_help("check the dates and durations of the calculation"),
            };
            self.diagnostics.push(diagnostic.in_clause(clause));
        }
    }

    /// A modifier that is a term of the obligation, in words.
    pub(super) fn term(&self, modifier: &Modifier) -> Option<String> {
        Some(match modifier {
            Modifier::For(d) => format!("for {}", d.node.describe()),
            Modifier::Within(d) => format!("within {}", d.node.describe()),
            Modifier::Grace(d) => format!("grace period of {}", d.node.describe()),
            Modifier::Cap(e) => format!("not to exceed {e}"),
            Modifier::MetWhen(event) => format!("met when {} happens", event.node),
            Modifier::AggregateCap(e) => format!("in aggregate not to exceed {e}"),
            Modifier::LateFee(LateFee::Share(rate), _) => {
                format!("late fee {} of the installment", format_percent(rate.node))
            }
            Modifier::LateFee(LateFee::Amount(amount), _) => format!("late fee {amount}"),
            Modifier::Interest(i) => format!(
                "interest {} per annum from {} until paid, simple{}",
                format_percent(i.rate.node),
                self.date_words(&i.from),
                i.day_count
                    .as_ref()
                    .map(|d| format!(", {}", d.node.describe()))
                    .unwrap_or_default()
            ),
            Modifier::Recurring(Recurring { frequency, day, .. }) => {
                let every = match frequency {
                    Frequency::Monthly => "each month".to_owned(),
                    Frequency::Quarterly => "each quarter".to_owned(),
                    Frequency::Yearly => "each year".to_owned(),
                    Frequency::Weeks(1) => "each week".to_owned(),
                    Frequency::Weeks(n) => format!("every {n} weeks"),
                    Frequency::SemiMonthly(first, second) => {
                        format!("each half month on days {first} and {second}")
                    }
                };
                let on = match day {
                    Some(DayRule::LastDayOfMonth) => " on the last day of the month".to_owned(),
                    Some(DayRule::FirstBusinessDay) => {
                        " on the first business day of the month".to_owned()
                    }
                    Some(DayRule::DayOfMonth(d)) => format!(" on day {d}"),
                    None => String::new(),
                };
                format!("due {every}{on}")
            }
            Modifier::Escalation(Escalation { rate, rounding, .. }) => format!(
                "increasing each year to {} of the preceding year's amount, {}",
                format_percent(rate.node),
                rounding.describe()
            ),
            Modifier::Abatement(Abatement { from, through, .. }) => format!(
                "abated from {} through {}",
                self.date_words(from),
                self.date_words(through)
            ),
            Modifier::Prorated(_) => "prorated by days".to_owned(),
            Modifier::Prepayments(after, _) => {
                format!("prepayments {}", after.words())
            }
            Modifier::Step(Step { amount, from, .. }) => {
                format!("becoming {amount} from {}", self.date_words(from))
            }
            Modifier::RemainingEnd(date) => {
                format!("remaining installments end on {}", self.date_words(date))
            }
            Modifier::Floor(e) => format!("not less than {e}"),
            Modifier::Cost(e) => format!("at a cost of {e}"),
            Modifier::LateInterest(i) => {
                let from = match &i.start {
                    Some(InterestStart::DueDate) => ", from the due date".to_owned(),
                    Some(InterestStart::GraceEnd) => {
                        ", from the end of the grace period".to_owned()
                    }
                    Some(InterestStart::Reading(name)) => {
                        let (from, option) = self.interest_reading(&name.node);
                        let id = self
                            .reading_ids
                            .get(&name.node)
                            .map(String::as_str)
                            .unwrap_or("");
                        format!(", from {} ({id}: {} = {option})", from.words(), name.node)
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
            Modifier::Offset(Offset {
                receiver, period, ..
            }) => {
                let during = period
                    .as_ref()
                    .map(|p| self.period_words(p))
                    .unwrap_or_default();
                format!("reduced by compensation {} receives{during}", receiver.node)
            }
            _ => return None,
        })
    }

    /// ` from June 6, 2002 through March 31, 2003`: each date as the
    /// scenario makes it, or as written where it cannot.
    fn period_words(&self, period: &Period) -> String {
        let date = |e: &Expr| match self.date(e) {
            Ok(date) => long_date(date),
            Err(_) => e.to_string(),
        };
        let mut words = String::new();
        if let Some(from) = &period.from {
            words.push_str(&format!(" from {}", date(from)));
        }
        if let Some(through) = &period.through {
            words.push_str(&format!(" through {}", date(through)));
        }
        words
    }

    /// The obligation as one sentence, in the file's own words.
    pub(super) fn summary(&self, obligation: &Obligation) -> String {
        let who = &obligation.obligor.node;
        let whom = obligation
            .obligee
            .as_ref()
            .map(|o| o.node.as_str())
            .unwrap_or("");
        match &obligation.subject {
            Subject::Amount(expr) => format!("{who} pays {whom} {expr}"),
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
            Subject::Deadline {
                what,
                date,
                time,
                zone,
            } => format!(
                "{who} signs{} by {} on {}",
                what.as_ref()
                    .map(|w| format!(" {}", w.node))
                    .unwrap_or_default(),
                crate::calc::zone::time_in_zone(time.node, zone.as_ref().map(|z| z.node)),
                long_date(date.node)
            ),
        }
    }

    /// `Section 9 (Covenant not to compete) of the Employment Agreement of August 11, 2000`
    pub(super) fn describe_document(&self, reference: &DocumentRef) -> String {
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
}
