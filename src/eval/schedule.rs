//! Schedules: a total split into equal dated installments, the dates
//! following the reading in force where the stated count and dates disagree.

use super::*;

impl<'m> Evaluator<'m> {
    pub(super) fn schedule(
        &mut self,
        clause: &'m Clause,
        obligation: &'m Obligation,
        id: &ObligationId,
        truth: Truth,
        total_expr: &Expr,
    ) {
        let Some((count, frequency, day, span)) = installments(obligation) else {
            return;
        };
        let rounding = self.rounding(obligation);
        let remainder = obligation.terms.remainder.as_ref().map(|r| r.node);
        let remainder_stated = remainder.is_some();
        let amortized = obligation.terms.amortized.is_some();
        // A level-payment table has no remainder to place: its last payment
        // clears the balance.
        let remainder = remainder.filter(|_| !amortized).unwrap_or_else(|| {
            if amortized {
                return Remainder::Last;
            }
            self.use_default(Assumed::RemainderOnLastInstallment);
            Remainder::Last
        });
        let template = self.entry(clause, obligation, id);
        // A schedule that starts or ends on a date not yet known has no
        // dates to expand: one entry says so.
        if template.status == Status::NotYetKnown {
            let mut entry = template;
            if truth == Truth::No {
                entry.status = Status::NotTriggered;
            }
            self.explain_unknown_date(&mut entry, obligation);
            self.push_entry(entry);
            return;
        }
        if self.budget.entries_left() == 0 {
            self.over_budget(span, &clause.number.node);
            return;
        }
        let (dates, reading_note) = match self.schedule_dates(obligation, count, frequency, day) {
            Ok(found) => found,
            Err(runaway) => {
                self.diagnostics.push(
                    Diagnostic::of(
                        &EvalProblem::TooManyDates {
                            counted: true,
                            runaway,
                        },
                        span,
                    )
                    .in_clause(clause.number.node.clone()),
                );
                return;
            }
        };
        let mut dates = dates;
        let Some(moved) = self.roll_schedule(obligation, &mut dates, day, span, clause) else {
            return;
        };
        // Every installment repeats its obligation's words in the reports.
        let each = self.entry_text(&template) + INSTANCE_TEXT;
        if !self.budget.take(dates.len(), each) {
            self.over_budget(span, &clause.number.node);
            return;
        }
        let total = match self.value(total_expr) {
            Ok(Val::Money(total, _)) if total.is_negative() => {
                let mut entry = template.clone();
                self.unavailable(
                    &mut entry,
                    negative_amount(total_expr, &total, self.currency),
                );
                self.entries.push(entry);
                return;
            }
            Ok(Val::Money(total, _)) => match rounding.apply_exact(&total) {
                Some(total) => Some(total),
                None => {
                    let mut entry = template.clone();
                    self.unavailable(&mut entry, too_large(total_expr));
                    self.entries.push(entry);
                    return;
                }
            },
            Ok(_) => None,
            Err(why) => {
                let mut entry = template.clone();
                self.unavailable(&mut entry, why);
                entry.status = Status::Conditional;
                entry.notes.push(Note::Installments { count: dates.len() });
                self.entries.push(entry);
                return;
            }
        };
        let Some(total) = total else {
            return;
        };
        let mut limited = template.clone();
        let total = self.within_limits(total, obligation, total_expr, &mut limited);
        // Installments of a stated amount that do not make the total, with
        // the remainder's installment stated too ("35 installments of
        // $1,000.00, the last the balance"): the clause fixes every
        // installment but that one, and the ledger follows it rather than
        // split the total equally.
        let stated_each = self
            .stated_installment(obligation, remainder_stated)
            .filter(|each| each.checked_mul(Decimal::from(dates.len())) != Some(total));
        let split = match stated_each {
            Some(each) => Split::Stated(each),
            None => Split::Equal(rounding),
        };
        let amortization = self.amortization(obligation, total, frequency, &dates, rounding);
        let parts = match (
            &amortization,
            split_parts((total, self.currency), dates.len(), split, remainder),
        ) {
            (Ok(Some(table)), _) => Ok(table.payments.clone()),
            (Err(why), _) => Err(why.clone()),
            (Ok(None), split) => {
                split.map_err(|error| Unavailable::Arithmetic(error.0, total_expr.span))
            }
        };
        let (parts, amortization) = match (parts, amortization) {
            (Ok(parts), Ok(amortization)) => (parts, amortization),
            (Err(why), _) | (_, Err(why)) => {
                let mut entry = template.clone();
                self.unavailable(&mut entry, why);
                self.entries.push(entry);
                return;
            }
        };
        if stated_each.is_none() && amortization.is_none() {
            self.check_stated_installment(obligation, total, &parts, clause);
        }
        let n = dates.len();
        // Every installment but the remainder's has the same explanation:
        // formatted once, not once per installment (a long schedule's cost).
        let mut explained: Vec<(Decimal, bool, Arc<Explanation>)> = Vec::new();
        let mut offsets = self.offsets_for(obligation);
        self.entries.reserve(n);
        let first_entry = self.entries.len();
        // Made and offset in date order (so offsets take one pass), then
        // settled in a second pass: settling allocates notes and interest for
        // some installments, and interleaving those with the installments'
        // own strings made 100,000 installments slower (91 ms against 68 ms:
        // glibc spends the difference merging freed blocks as the ledger
        // drops).
        for (k, (date, part)) in dates.iter().zip(&parts).enumerate() {
            let mut entry = template.clone();
            entry.id = id.instance_id(k + 1);
            entry.due = Some(*date);
            if let Some(Some(note)) = moved.get(k) {
                entry.notes.push(note.clone());
            }
            entry.start = None;
            entry.end = None;
            entry.amount = Some(*part);
            entry.currency = Some(self.currency);
            entry.instance = Some(Instance::Installment {
                number: k + 1,
                of: n,
            });
            let is_remainder = match remainder {
                Remainder::First => k == 0,
                Remainder::Last => k + 1 == n,
            };
            let known = explained
                .iter()
                .find(|(p, r, _)| p == part && *r == is_remainder);
            if let Some(line) = (amortization.as_ref()).and_then(|t| t.payment_lines.get(&k)) {
                entry.explanation.push(line.clone());
            }
            let line = match (&amortization, known) {
                (Some(table), _) => match table.lines.get(k) {
                    Some(line) => line.clone(),
                    None => continue,
                },
                (None, Some((_, _, line))) => line.clone(),
                (None, None) => {
                    let line = Arc::new(installment_explanation(
                        (total, self.currency),
                        n,
                        *part,
                        k,
                        split,
                        remainder,
                        &parts,
                    ));
                    explained.push((*part, is_remainder, line.clone()));
                    line
                }
            };
            entry.explanation.push(line);
            entry.status = self.plain_status(&entry, obligation, truth);
            if let Some(offsets) = &mut offsets {
                offsets.apply(&mut entry);
            }
            self.entries.push(entry);
        }
        if truth == Truth::Yes {
            self.settle_installments(obligation, first_entry);
            self.end_remaining(obligation, first_entry);
        }
        let offset_total = self.finish_offsets(offsets, &clause.number.node);
        let late_interest = self
            .entries
            .iter()
            .skip(first_entry)
            .flat_map(|e| &e.remedies)
            .filter(|r| r.kind == RemedyKind::LateInterest)
            .try_fold(Decimal::ZERO, |sum, r| sum.checked_add(r.amount));
        let late_interest = late_interest.unwrap_or_else(|| {
            self.interest_overflow(obligation, clause, id);
            Decimal::ZERO
        });
        let mut explanation = Vec::new();
        if !is_literal(total_expr) {
            explanation.push(Explanation::Computed {
                amount: self.money_of(total),
                calculation: self.calculation(total_expr),
                rounding: None,
                clause: clause.number.node.clone(),
            });
        }
        explanation.extend(
            limited
                .explanation
                .iter()
                .map(|line| Explanation::clone(line)),
        );
        let (remainder_note, total) = match amortization {
            Some(table) => {
                explanation.extend(table.summary);
                (table.note, parts.iter().sum())
            }
            None => (remainder_note(&parts, remainder, self.currency), total),
        };
        self.schedules.push(ScheduleSummary {
            obligation: id.base().to_owned(),
            clause: clause.number.node.clone(),
            total,
            installments: n,
            stated_count: Some(count.value.node),
            reading: reading_note,
            offset: offset_total,
            payable: total - offset_total,
            remainder_note: Some(remainder_note),
            currency: self.currency,
            explanation,
            late_interest,
        });
    }

    /// Settles a schedule's installments, from `first_entry` on, against
    /// the scenario's payments.
    pub(super) fn settle_installments(&mut self, obligation: &Obligation, first_entry: usize) {
        // Settled in place: the entries are lent out while the scenario's
        // payments are applied (nothing on the way reads `self.entries`).
        let mut entries = std::mem::take(&mut self.entries);
        for entry in entries.iter_mut().skip(first_entry) {
            self.settle_entry(obligation, entry);
        }
        self.entries = entries;
    }

    /// The late interest on a schedule's installments adds up to more than
    /// a decimal holds (each installment's was computed): an error, so the
    /// ledger is not shown with a wrong total.
    fn interest_overflow(&mut self, obligation: &Obligation, clause: &Clause, id: &ObligationId) {
        let span = (obligation.terms.late_interest.as_ref()).map_or(obligation.span, |i| i.span);
        // Named as the text names it, or by its id if it has no label.
        let name = obligation
            .label
            .as_ref()
            .map_or(id.base(), |l| l.node.as_str());
        let problem = EvalProblem::InterestOverflow {
            scenario: self.scenario_name(),
            name: name.to_owned(),
        };
        self.report(problem, span, &clause.number.node);
    }

    /// Where the text states each installment's amount too ("24 installments
    /// of $3,600.00"), it must agree with the total split into equal parts.
    /// The installment amount the clause states, where it also says which
    /// installment takes the remainder: then the text fixes the others.
    fn stated_installment(
        &self,
        obligation: &Obligation,
        remainder_stated: bool,
    ) -> Option<Decimal> {
        if !remainder_stated {
            return None;
        }
        let each_expr = stated_installment(obligation)?;
        self.money(each_expr).ok()
    }

    pub(super) fn check_stated_installment(
        &mut self,
        obligation: &Obligation,
        total: Decimal,
        parts: &[Decimal],
        clause: &Clause,
    ) {
        let Some(each_expr) = stated_installment(obligation) else {
            return;
        };
        let Ok(each) = self.money(each_expr) else {
            return;
        };
        let n = parts.len();
        let stated_total = each.checked_mul(Decimal::from(n));
        if stated_total == Some(total) {
            return;
        }
        let computed = parts.first().copied().unwrap_or_default();
        let problem = EvalProblem::StatedInstallment {
            count: n,
            each: self.money_of(each),
            stated_total: stated_total.map(|d| self.money_of(d)),
            total: self.money_of(total),
            computed: self.money_of(computed),
        };
        self.report(problem, each_expr.span, &clause.number.node);
    }

    /// The dates of a schedule, following the reading in force when the
    /// stated count and the stated dates disagree.
    pub(super) fn schedule_dates(
        &mut self,
        obligation: &Obligation,
        count: &Count,
        frequency: Frequency,
        day: Option<DayRule>,
    ) -> Result<(Vec<NaiveDate>, Option<Note>), TooMany> {
        let stated = count.value.node as usize;
        let dates = self.dates_of(obligation);
        let (from, through) = (dates.from, dates.through);
        match (from, through) {
            (Some(from), Some(through)) => {
                let rule = effective_rule(day, from);
                let in_range = dates_between(from, through, frequency, rule)?;
                if in_range.len() == stated {
                    return Ok((in_range, None));
                }
                let reading = obligation.terms.conflict_rule.as_ref();
                let (meaning, option) = match reading {
                    Some(r) => self.schedule_reading(r),
                    None => {
                        self.use_default(Assumed::CountFromStart);
                        (
                            ScheduleReading::CountFromStart,
                            "count_from_start".to_owned(),
                        )
                    }
                };
                let note = Some(Note::DatesDisagree {
                    from,
                    through,
                    dates: in_range.len(),
                    reading: reading.map(|r| {
                        let id = self.assumption_of(r).unwrap_or_default();
                        (r.name.node.clone(), id)
                    }),
                    option,
                });
                let dates = match meaning {
                    ScheduleReading::CountToEnd => {
                        dates_until(through, stated, frequency, effective_rule(day, through))?
                    }
                    ScheduleReading::AllDates => in_range,
                    ScheduleReading::CountFromStart => dates_from(from, stated, frequency, rule)?,
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

    pub(super) fn rounding(&mut self, obligation: &Obligation) -> Rounding {
        let stated = obligation.terms.rounding.as_ref().map(|r| r.node);
        stated.unwrap_or_else(|| {
            let rounding = Rounding::default_for(self.currency);
            self.use_default(if rounding.unit == Unit::Yen {
                Assumed::RoundedToYen
            } else {
                Assumed::RoundedToCent
            });
            rounding
        })
    }
}

pub(super) fn installments(
    obligation: &Obligation,
) -> Option<(&Count, Frequency, Option<DayRule>, Span)> {
    (obligation.terms.installments.as_ref()).map(|i| (&i.count, i.frequency, i.day, i.span))
}

/// The amount of each installment, where the text states it as well as the
/// total (`in 12 installments of $2,500.00`).
fn stated_installment(obligation: &Obligation) -> Option<&Expr> {
    obligation.terms.installments.as_ref()?.each.as_ref()
}

/// How installment `k` of `n` was reached from the total (and its currency).
pub(super) fn installment_explanation(
    (total, currency): (Decimal, Currency),
    n: usize,
    part: Decimal,
    k: usize,
    split: Split,
    remainder: Remainder,
    parts: &[Decimal],
) -> Explanation {
    let money = |amount: Decimal| Money { amount, currency };
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
        Explanation::Remainder {
            part: money(part),
            total: money(total),
            count: n,
            regular: money(regular),
        }
    } else {
        match split {
            Split::Equal(rounding) => Explanation::EqualShare {
                part: money(part),
                total: money(total),
                count: n,
                rounding,
            },
            Split::Stated(_) => Explanation::StatedInstallment { part: money(part) },
        }
    }
}

/// How a schedule's total becomes its installments.
#[derive(Clone, Copy, Debug)]
pub(super) enum Split {
    /// Equal installments, each rounded; one takes the remainder.
    Equal(Rounding),
    /// Every installment the stated amount but one, which takes the balance.
    Stated(Decimal),
}

/// The installments of `total` under `split`: each sums exactly to the
/// total, and none is negative.
fn split_parts(
    (total, currency): (Decimal, Currency),
    count: usize,
    split: Split,
    remainder: Remainder,
) -> Result<Vec<Decimal>, ArithmeticError> {
    match split {
        Split::Equal(rounding) => split_equal_in(total, count, rounding, remainder, currency),
        Split::Stated(each) => split_stated_in(total, count, each, remainder, currency),
    }
}

pub(super) fn remainder_note(parts: &[Decimal], remainder: Remainder, currency: Currency) -> Note {
    let money = |amount: Decimal| Money { amount, currency };
    let slot = match remainder {
        Remainder::First => parts.first(),
        Remainder::Last => parts.last(),
    };
    let regular = match remainder {
        Remainder::First => parts.get(1),
        Remainder::Last => parts.len().checked_sub(2).and_then(|i| parts.get(i)),
    };
    match (slot, regular) {
        (Some(s), Some(r)) if s != r => Note::RemainderTaken {
            first: remainder == Remainder::First,
            part: money(*s),
            others: money(*r),
        },
        _ => Note::InstallmentsEqual,
    }
}

/// The business day convention a schedule's or a date's days follow: the
/// stated one, or following for `on the first business day of the month`.
pub(super) fn roll_of(obligation: &Obligation, day: Option<DayRule>) -> Option<Roll> {
    let stated = obligation.terms.roll.as_ref().map(|r| r.node);
    stated.or((day == Some(DayRule::FirstBusinessDay)).then_some(Roll::Following))
}

impl<'m> Evaluator<'m> {
    /// A schedule's dates moved by its business day convention, if it has
    /// one: the note for each date that moved; `None` (reported) when a date
    /// cannot be placed.
    pub(super) fn roll_schedule(
        &mut self,
        obligation: &Obligation,
        dates: &mut [NaiveDate],
        day: Option<DayRule>,
        span: Span,
        clause: &Clause,
    ) -> Option<Vec<Option<Note>>> {
        let Some(roll) = roll_of(obligation, day) else {
            return Some(Vec::new());
        };
        match self.roll_dates(dates, roll, day, span) {
            Ok(moved) => Some(moved),
            Err(diagnostic) => {
                self.diagnostics
                    .push(diagnostic.in_clause(clause.number.node.clone()));
                None
            }
        }
    }

    /// Moves each date that is not a business day as the convention says;
    /// for each date, the note saying where it moved from (`None`: it did
    /// not move). `Err` with the diagnostic when a date cannot be placed
    /// (a year outside the built-in calendars).
    pub(super) fn roll_dates(
        &self,
        dates: &mut [NaiveDate],
        roll: Roll,
        day: Option<DayRule>,
        span: Span,
    ) -> Result<Vec<Option<Note>>, Diagnostic> {
        let mut notes = Vec::with_capacity(dates.len());
        for date in dates.iter_mut() {
            let rolled = self.calendar.roll(*date, roll).map_err(|e| {
                let problem = EvalProblem::CannotRoll {
                    scenario: self.scenario_name(),
                    date: *date,
                    why: e.to_string(),
                };
                Diagnostic::of(&problem, span)
            })?;
            notes.push((rolled != *date).then(|| self.moved_note(*date, rolled, roll, day)));
            *date = rolled;
        }
        Ok(notes)
    }

    /// `February 15, 2025 is not a business day (a Saturday): moved to
    /// February 18, 2025 (business day convention following)`
    pub(super) fn moved_note(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        roll: Roll,
        day: Option<DayRule>,
    ) -> Note {
        let rule = if day == Some(DayRule::FirstBusinessDay) {
            MoveRule::FirstBusinessDay
        } else {
            MoveRule::Convention(roll)
        };
        Note::Moved {
            from,
            to,
            holiday: self.calendar.holiday_name(from).ok().flatten(),
            rule,
        }
    }
}
