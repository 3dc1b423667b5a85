//! Amounts due at every date of a period, each computed for its date: a
//! rent due each month that increases each year and is abated for some
//! months (`each month on day 1`, `increasing each year to ...`, `abated
//! from ... through ...`), and interest on what a schedule still owes, one
//! payment with each of its instances (`interest on the unpaid balance of
//! principal at 7.75% per annum, actual/360`).

use super::*;
use crate::calc::calendar::{date_on_or_before, next_date};

/// The terms of interest on a schedule's balance.
pub(super) struct BalanceInterest<'a> {
    pub schedule: &'a str,
    pub rate: Decimal,
    pub day_count: Option<DayCount>,
}

/// `each month on day 1`: how often the amount falls due, and on which day.
pub(super) fn recurring(obligation: &Obligation) -> Option<(Frequency, Option<DayRule>, Span)> {
    (obligation.terms.recurring.as_ref()).map(|r| (r.frequency, r.day, r.span))
}

/// One instance of a periodic amount, before it is settled.
struct Instance {
    due: NaiveDate,
    amount: Decimal,
    /// How the amount was reached, a line per step.
    explanation: Vec<Explanation>,
    note: Option<Note>,
}

/// A period an amount due each period covers only in part (`prorated by
/// days`): the instance it is, the days it covers and the whole period.
struct Part {
    index: usize,
    from: NaiveDate,
    through: NaiveDate,
    /// The period's first day, and the next period's.
    period: (NaiveDate, NaiveDate),
}

/// The periods covered in part when the obligation runs from `from`
/// through `through`: a first period that starts before `from` (its
/// instance, due on `from`, is put first in `dates`) and a last one that
/// ends after `through`. `None` past the calendar.
fn partial_periods(
    from: NaiveDate,
    through: NaiveDate,
    frequency: Frequency,
    rule: DayRule,
    dates: &mut Vec<NaiveDate>,
) -> Option<Vec<Part>> {
    let mut parts = Vec::new();
    if dates.first() != Some(&from) {
        let start = date_on_or_before(from, frequency, rule)?;
        let end = next_date(start, frequency, rule)?;
        dates.insert(0, from);
        parts.push(Part {
            index: 0,
            from,
            through: through.min(end.pred_opt()?),
            period: (start, end),
        });
    }
    let last = dates.len().checked_sub(1)?;
    if last == 0 && !parts.is_empty() {
        // One instance, already cut at both ends.
        return Some(parts);
    }
    let start = *dates.last()?;
    let end = next_date(start, frequency, rule)?;
    if through < end.pred_opt()? {
        parts.push(Part {
            index: last,
            from: start,
            through,
            period: (start, end),
        });
    }
    Some(parts)
}

impl<'m> Evaluator<'m> {
    /// An amount due at every date of the obligation's period, escalated
    /// each year and abated where the clause says.
    pub(super) fn recurring(
        &mut self,
        clause: &'m Clause,
        obligation: &'m Obligation,
        id: &ObligationId,
        truth: Truth,
        each: &Expr,
    ) {
        let Some((frequency, day, span)) = recurring(obligation) else {
            return;
        };
        let template = self.entry(clause, obligation, id);
        let (Some(from), Some(through)) = (template.start, template.end) else {
            let mut entry = template;
            if entry.status != Status::NotYetKnown {
                entry.notes.push(Note::NeedsPeriod);
            }
            self.explain_unknown_date(&mut entry, obligation);
            self.push_entry(entry);
            return;
        };
        let rule = effective_rule(day, from);
        let mut dates = match dates_between(from, through, frequency, rule) {
            Ok(dates) => dates,
            Err(runaway) => {
                self.too_many_instances(span, clause, runaway);
                return;
            }
        };
        let parts = match obligation.terms.prorated {
            Some(prorated) => match partial_periods(from, through, frequency, rule, &mut dates) {
                Some(parts) => parts,
                None => {
                    self.too_many_instances(prorated, clause, TooMany::PastYear9999);
                    return;
                }
            },
            None => Vec::new(),
        };
        let Some(moved) = self.roll_schedule(obligation, &mut dates, day, span, clause) else {
            return;
        };
        let instances = match self.amounts(obligation, each, from, &dates, &parts) {
            Ok(instances) => instances,
            Err(why) => {
                let mut entry = template;
                self.unavailable(&mut entry, why);
                self.push_entry(entry);
                return;
            }
        };
        let each_text = self.entry_text(&template) + INSTANCE_TEXT;
        if !self.budget.take(instances.len(), each_text) {
            self.over_budget(span, &clause.number.node);
            return;
        }
        let first_entry = self.entries.len();
        let n = instances.len();
        let mut total = Decimal::ZERO;
        // Offsets and credits reduce the amounts in date order, before the
        // scenario's payments are applied to what is left.
        let mut offsets = self.offsets_for(obligation);
        for (k, instance) in instances.into_iter().enumerate() {
            let mut entry = template.clone();
            entry.id = id.instance_id(k + 1);
            entry.due = Some(instance.due);
            entry.start = None;
            entry.end = None;
            entry.amount = Some(instance.amount);
            entry.currency = Some(self.currency);
            entry.instance = Some(ledger::Instance::Payment {
                number: k + 1,
                of: n,
            });
            if let Some(Some(note)) = moved.get(k) {
                entry.notes.push(note.clone());
            }
            entry.notes.extend(instance.note);
            (entry.explanation).extend(instance.explanation.into_iter().map(Arc::new));
            entry.status = self.plain_status(&entry, obligation, truth);
            total += instance.amount;
            if let (Some(offsets), Truth::Yes) = (&mut offsets, truth) {
                offsets.apply(&mut entry);
            }
            self.entries.push(entry);
        }
        if truth == Truth::Yes {
            self.settle_installments(obligation, first_entry);
            self.end_remaining(obligation, first_entry);
        }
        let offset = self.finish_offsets(offsets, &clause.number.node);
        self.push_periodic_summary(id, clause, total, offset, n);
    }

    /// Each date's amount, step by step: as stated, stepped or escalated,
    /// abated, prorated, cut by an aggregate limit.
    fn amounts(
        &mut self,
        obligation: &Obligation,
        each: &Expr,
        from: NaiveDate,
        dates: &[NaiveDate],
        parts: &[Part],
    ) -> Result<Vec<Instance>, Unavailable> {
        // A payment (or a rent table's step) of less than nothing: refused,
        // as a single payment's is, rather than printed.
        let steps = obligation.terms.steps.iter().map(|step| &step.amount);
        for amount in std::iter::once(each).chain(steps) {
            let value = self.money(amount)?;
            if value.is_sign_negative() && !value.is_zero() {
                return Err(negative_amount(amount, &Exact::from(value), self.currency));
            }
        }
        let base = self.money(each)?;
        let instances = self.escalated(obligation, from, dates, base)?;
        let instances = self.prorate(obligation, instances, parts)?;
        self.aggregate_cap(obligation, instances)
    }

    /// Each date's amount: the stated amount in the first year (counted
    /// from the first date), then, where the clause says, the year before's
    /// times the rate, rounded each year, or the amount of the latest step
    /// on or before the date; nothing for an abated date.
    fn escalated(
        &self,
        obligation: &Obligation,
        first: NaiveDate,
        dates: &[NaiveDate],
        base: Decimal,
    ) -> Result<Vec<Instance>, Unavailable> {
        let escalation = (obligation.terms.escalation.as_ref()).map(|e| (&e.rate, e.rounding));
        let abated = match &obligation.terms.abatement {
            Some(Abatement { from, through, .. }) => Some((self.date(from)?, self.date(through)?)),
            None => None,
        };
        // A rent table: from each step's date on, its amount.
        let steps = (obligation.terms.steps.iter())
            .map(|step| Ok((self.date(&step.from)?, self.money(&step.amount)?)))
            .collect::<Result<Vec<_>, Unavailable>>()?;
        // Year by year: (year, amount, how it was reached).
        let mut years: Vec<(Decimal, Explanation)> = vec![(
            base,
            Explanation::AsStated {
                amount: self.money_of(base),
            },
        )];
        let mut instances = Vec::with_capacity(dates.len());
        for due in dates {
            let year = usize::try_from(span_length(first, *due, SpanUnit::FullMonths, false) / 12)
                .unwrap_or(0);
            while years.len() <= year {
                let Some((rate, rounding)) = escalation else {
                    break;
                };
                let before = years.last().map_or(base, |(amount, _)| *amount);
                let raised = before.checked_mul(rate.node).ok_or_else(|| {
                    Unavailable::Arithmetic(
                        "the escalated amount is too large to compute exactly".to_owned(),
                        rate.span,
                    )
                })?;
                let amount = rounding.apply(raised);
                let how = Explanation::Escalated {
                    amount: self.money_of(amount),
                    before: self.money_of(before),
                    rate: rate.node,
                    rounding,
                    year: years.len() + 1,
                };
                years.push((amount, how));
            }
            let (amount, how) = match (steps.iter().filter(|(from, _)| from <= due))
                .max_by_key(|(from, _)| *from)
            {
                Some((from, amount)) => (
                    *amount,
                    Explanation::Stepped {
                        amount: self.money_of(*amount),
                        from: *from,
                    },
                ),
                None => (years.get(year).or(years.last()).cloned()).unwrap_or((
                    base,
                    Explanation::AsStated {
                        amount: self.money_of(base),
                    },
                )),
            };
            let instance = match abated {
                Some((from, through)) if *due >= from && *due <= through => Instance {
                    due: *due,
                    amount: Decimal::ZERO,
                    explanation: vec![Explanation::Abated {
                        amount: self.money_of(amount),
                    }],
                    note: Some(Note::Abated { from, through }),
                },
                _ => Instance {
                    due: *due,
                    amount,
                    explanation: vec![how],
                    note: None,
                },
            };
            instances.push(instance);
        }
        Ok(instances)
    }

    /// `prorated by days`: a period covered in part owes the share of its
    /// amount that its days covered are of the period's days, rounded by
    /// the obligation's rounding. An instance that owes nothing (abated)
    /// stays at nothing.
    fn prorate(
        &mut self,
        obligation: &Obligation,
        mut instances: Vec<Instance>,
        parts: &[Part],
    ) -> Result<Vec<Instance>, Unavailable> {
        if parts.is_empty() {
            return Ok(instances);
        }
        let rounding = self.rounding(obligation);
        let span = obligation.terms.prorated.unwrap_or(obligation.span);
        for part in parts {
            let Some(instance) = instances.get_mut(part.index) else {
                continue;
            };
            if instance.amount.is_zero() {
                continue;
            }
            let days = span_length(part.from, part.through, SpanUnit::Days, true);
            let of = span_length(part.period.0, part.period.1, SpanUnit::Days, false);
            let share = Exact::from(instance.amount)
                .checked_mul(&Exact::from(days))
                .and_then(|x| x.checked_div(&Exact::from(of)))
                .and_then(|x| rounding.apply_exact(&x))
                .ok_or_else(|| {
                    Unavailable::Arithmetic(
                        "the prorated amount is too large to compute".to_owned(),
                        span,
                    )
                })?;
            let period_end = part.period.1.pred_opt().unwrap_or(part.period.1);
            instance
                .explanation
                .push(Explanation::Prorated(Box::new(Proration {
                    share: self.money_of(share),
                    amount: self.money_of(instance.amount),
                    rounding,
                    covered: (part.from, part.through),
                    period: (part.period.0, period_end),
                    days,
                    of,
                })));
            instance.note = Some(Note::Prorated { days, of });
            instance.amount = share;
        }
        Ok(instances)
    }

    /// `in aggregate not to exceed LIMIT`: in date order, each instance is
    /// cut to what is left of the limit, and says so.
    fn aggregate_cap(
        &self,
        obligation: &Obligation,
        mut instances: Vec<Instance>,
    ) -> Result<Vec<Instance>, Unavailable> {
        let Some(limit) = &obligation.terms.aggregate_cap else {
            return Ok(instances);
        };
        let cap = self.money(limit)?;
        let mut left = cap.max(Decimal::ZERO);
        for instance in &mut instances {
            if instance.amount > left {
                instance.note = Some(Note::AggregateLimitReached {
                    from: self.money_of(instance.amount),
                    to: self.money_of(left),
                    limit: self.money_of(cap),
                });
                instance.explanation = vec![Explanation::AggregateCut {
                    left: self.money_of(left),
                    limit: self.money_of(cap),
                    due: self.money_of(instance.amount),
                }];
                instance.amount = left;
            }
            left -= instance.amount;
        }
        Ok(instances)
    }

    /// Interest on what an earlier schedule still owes: one payment with
    /// each of its instances, for the days since the date before (the
    /// obligation's `from` date for the first), on the schedule's balance
    /// before that instance, each rounded by the obligation's rounding.
    pub(super) fn balance_interest(
        &mut self,
        clause: &'m Clause,
        obligation: &'m Obligation,
        id: &ObligationId,
        truth: Truth,
        terms: BalanceInterest<'_>,
    ) {
        let template = self.entry(clause, obligation, id);
        let schedule: Vec<(NaiveDate, Decimal)> = self
            .entries
            .iter()
            .filter(|e| e.id.name() == terms.schedule && e.id.instance().is_some())
            .filter_map(|e| Some((e.due?, e.amount?)))
            .collect();
        let Some(start) = template.start.or(self.model.dated) else {
            let mut entry = template;
            entry.notes.push(Note::InterestNeedsStart);
            self.push_entry(entry);
            return;
        };
        let convention = terms.day_count.unwrap_or_else(|| {
            self.use_default(Assumed::SimpleInterestActual365);
            DayCount::Actual365
        });
        let rounding = self.rounding(obligation);
        let span = obligation.span;
        let each_text = self.entry_text(&template) + INSTANCE_TEXT;
        if !self.budget.take(schedule.len(), each_text) {
            self.over_budget(span, &clause.number.node);
            return;
        }
        let mut balance: Decimal = schedule.iter().map(|(_, amount)| *amount).sum();
        let mut since = start;
        let first_entry = self.entries.len();
        let n = schedule.len();
        let mut total = Decimal::ZERO;
        for (k, (due, principal)) in schedule.into_iter().enumerate() {
            let (days, basis) = day_count(convention, since, due);
            let interest =
                match simple_interest_in(balance, terms.rate, days, basis, rounding, self.currency)
                {
                    Ok(interest) => interest,
                    Err(error) => {
                        let mut entry = template.clone();
                        self.unavailable(&mut entry, Unavailable::Arithmetic(error.0, span));
                        self.push_entry(entry);
                        return;
                    }
                };
            let mut entry = template.clone();
            entry.id = id.instance_id(k + 1);
            entry.due = Some(due);
            entry.start = None;
            entry.end = None;
            entry.amount = Some(interest);
            entry.currency = Some(self.currency);
            entry.instance = Some(ledger::Instance::Payment {
                number: k + 1,
                of: n,
            });
            entry
                .explanation
                .push(Arc::new(Explanation::BalanceInterest(Box::new(Accrued {
                    interest: self.money_of(interest),
                    balance: self.money_of(balance),
                    rate: terms.rate,
                    days,
                    basis,
                    rounding,
                    from: since,
                    to: due,
                    convention,
                }))));
            entry.status = self.plain_status(&entry, obligation, truth);
            total += interest;
            self.entries.push(entry);
            balance -= principal;
            since = due;
        }
        if truth == Truth::Yes {
            self.settle_installments(obligation, first_entry);
        }
        self.push_periodic_summary(id, clause, total, Decimal::ZERO, n);
    }

    /// The totals line of amounts due each period: nothing was split, so
    /// there is no stated count, reading or remainder.
    fn push_periodic_summary(
        &mut self,
        id: &ObligationId,
        clause: &Clause,
        total: Decimal,
        offset: Decimal,
        n: usize,
    ) {
        self.schedules.push(ScheduleSummary {
            obligation: id.base().to_owned(),
            clause: clause.number.node.clone(),
            total,
            installments: n,
            stated_count: None,
            reading: None,
            offset,
            payable: total - offset,
            remainder_note: None,
            currency: self.currency,
            explanation: Vec::new(),
            late_interest: Decimal::ZERO,
        });
    }

    /// A schedule that would expand past the limit: an error, nothing listed.
    fn too_many_instances(&mut self, span: Span, clause: &Clause, runaway: TooMany) {
        self.diagnostics.push(
            Diagnostic::of(
                &EvalProblem::TooManyDates {
                    counted: false,
                    runaway,
                },
                span,
            )
            .in_clause(clause.number.node.clone()),
        );
    }
}
