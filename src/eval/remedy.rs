//! Remedies beside late interest: a late fee charged once on a payment not
//! made by the end of its grace period, interest on an amount from a date
//! until it is paid, and the end of a schedule's remaining installments
//! (an acceleration takes their unpaid balance).

use super::*;

impl Evaluator<'_> {
    /// The last day of an amount's grace period: its due date plus the
    /// period (`grace period 10 days`), counted in the agreement's business
    /// days where it says so; the due date itself without one. `None`
    /// outside the calendars.
    pub(super) fn grace_end(&self, obligation: &Obligation, due: NaiveDate) -> Option<NaiveDate> {
        match &obligation.terms.grace {
            Some(grace) => self.shifted(due, grace.node, true).ok(),
            None => Some(due),
        }
    }

    /// Gives each amount the obligation created since `first` (a payment,
    /// or each installment of a schedule) the last day of its grace period,
    /// where the obligation states one: reports show that day, and a
    /// calendar makes it an event.
    pub(super) fn mark_grace_ends(
        &mut self,
        obligation: &Obligation,
        id: &ObligationId,
        first: usize,
    ) {
        if obligation.terms.grace.is_none() {
            return;
        }
        let mut entries = std::mem::take(&mut self.entries);
        for entry in entries.iter_mut().skip(first) {
            if entry.id.base() != id.base() || entry.amount.is_none() {
                continue;
            }
            let Some(due) = entry.due else { continue };
            entry.grace_end = self.grace_end(obligation, due).filter(|end| *end != due);
        }
        self.entries = entries;
    }

    /// A late fee on an entry not paid in full by the end of its grace
    /// period, once that period is over at the scenario's date.
    pub(super) fn late_fee(
        &mut self,
        entry: &mut Entry,
        obligation: &Obligation,
        fee: &LateFee,
        owed: Decimal,
        payments: &[Payment],
    ) {
        let Some(due) = entry.due else {
            return;
        };
        let Some(grace_end) = self.grace_end(obligation, due) else {
            return;
        };
        let paid_in_time: Decimal = payments
            .iter()
            .filter(|p| hour::in_time_for_fee(p, due, entry.due_time, grace_end))
            .map(|p| p.amount)
            .sum();
        if owed <= Decimal::ZERO || paid_in_time >= owed || grace_end >= self.as_of {
            return;
        }
        let (amount, rate, basis) = match fee {
            LateFee::Share(rate) => {
                let rounding = self.rounding(obligation);
                let Some(share) = rate.node.checked_mul(owed) else {
                    return;
                };
                let basis = FeeBasis::Share {
                    rate: rate.node,
                    owed: self.money_of(owed),
                    rounding,
                };
                (rounding.apply(share), rate.node, basis)
            }
            LateFee::Amount(expr) => match self.money(expr) {
                Ok(amount) => (amount, Decimal::ZERO, FeeBasis::AsStated),
                Err(why) => {
                    self.unavailable(entry, why);
                    return;
                }
            },
        };
        // Without a grace period, a deadline's hour decides (see
        // `hour::in_time_for_fee`), and the explanation names it.
        let by = match entry.due_time.filter(|_| grace_end == due) {
            Some(hour) => FeeDeadline::Hour { hour, due },
            None => FeeDeadline::GraceEnd(grace_end),
        };
        let explanation = RemedyExplanation::LateFee {
            amount: self.money_of(amount),
            basis,
            clause: entry.heading.clause.clone(),
            by,
        };
        entry.remedies.push(Remedy {
            kind: RemedyKind::LateFee,
            amount,
            from: due,
            to: grace_end,
            rate,
            basis: "",
            days: (grace_end - due).num_days(),
            explanation,
        });
    }

    /// Simple interest on the whole amount from a date until it is paid:
    /// segment by segment between payments, to the last payment or the
    /// scenario's date.
    pub(super) fn accrued_interest(
        &mut self,
        entry: &mut Entry,
        interest: &AccruedInterest,
        owed: Decimal,
        payments: &[Payment],
    ) {
        let Ok(from) = self.date(&interest.from) else {
            return;
        };
        let convention = interest.day_count.as_ref().map_or_else(
            || {
                self.use_default(Assumed::SimpleInterestActual365);
                DayCount::Actual365
            },
            |d| d.node,
        );
        let unpaid = owed
            - payments
                .iter()
                .filter(|p| p.on <= from)
                .map(|p| p.amount)
                .sum::<Decimal>();
        let segments = self.segments(payments, owed, from);
        let accrual = Accrual {
            kind: RemedyKind::Interest,
            rate: interest.rate.node,
            convention,
            rounding: Rounding::default_for(self.currency),
            start: AccrualStart::UntilPaid(from),
            span: interest.span,
        };
        self.accrue(entry, &accrual, unpaid, from, segments);
    }

    /// The days interest runs in pieces: to each payment after `since`, and
    /// to the scenario's date for what is still owed then.
    pub(super) fn segments(
        &self,
        payments: &[Payment],
        owed: Decimal,
        since: NaiveDate,
    ) -> Vec<(NaiveDate, Decimal)> {
        let mut segments: Vec<(NaiveDate, Decimal)> = payments
            .iter()
            .filter(|p| p.on > since)
            .map(|p| (p.on, p.amount))
            .collect();
        let paid: Decimal = payments.iter().map(|p| p.amount).sum();
        if owed > paid && self.as_of > since {
            segments.push((self.as_of, Decimal::ZERO));
        }
        segments
    }

    /// Simple interest on what is unpaid, piece by piece from `cursor` to
    /// each segment's end, each piece a remedy with its arithmetic.
    pub(super) fn accrue(
        &mut self,
        entry: &mut Entry,
        accrual: &Accrual,
        mut unpaid: Decimal,
        mut cursor: NaiveDate,
        segments: Vec<(NaiveDate, Decimal)>,
    ) {
        for (until, payment) in segments {
            let (days, basis) = day_count(accrual.convention, cursor, until);
            if days > 0 && unpaid > Decimal::ZERO {
                match simple_interest_in(
                    unpaid,
                    accrual.rate,
                    days,
                    basis,
                    accrual.rounding,
                    self.currency,
                ) {
                    Ok(amount) => {
                        let explanation = RemedyExplanation::Interest(Box::new(InterestPeriod {
                            amount: self.money_of(amount),
                            unpaid: self.money_of(unpaid),
                            rate: accrual.rate,
                            days,
                            basis,
                            rounding: accrual.rounding,
                            clause: entry.heading.clause.clone(),
                            start: accrual.start.clone(),
                            convention: accrual.convention,
                        }));
                        if accrual.kind == RemedyKind::LateInterest {
                            entry
                                .explanation
                                .push(Arc::new(Explanation::LateInterest(Box::new(
                                    explanation.clone(),
                                ))));
                        }
                        entry.remedies.push(Remedy {
                            kind: accrual.kind,
                            amount,
                            from: cursor,
                            to: until,
                            rate: accrual.rate,
                            basis: accrual.convention.describe(),
                            days,
                            explanation,
                        });
                    }
                    Err(error) => {
                        self.unavailable(entry, Unavailable::Arithmetic(error.0, accrual.span))
                    }
                }
            }
            unpaid -= payment;
            cursor = until;
        }
    }

    /// `remaining installments end on DATE`: every installment of the
    /// schedule not paid in full by that date ends there, unpaid; a late fee
    /// already charged (its grace over before the date) stays, late interest
    /// stops.
    pub(super) fn end_remaining(&mut self, obligation: &Obligation, first_entry: usize) {
        let Some(end) = self.remaining_end(obligation) else {
            return;
        };
        for entry in self.entries.iter_mut().skip(first_entry) {
            let paid_by_then = matches!(
                entry.status,
                Status::Paid | Status::PaidLate | Status::NothingOwed | Status::Offset
            ) && entry.paid_on.is_none_or(|on| on <= end);
            if paid_by_then {
                continue;
            }
            entry.status = Status::EndedEarly;
            entry.outstanding = None;
            entry
                .remedies
                .retain(|r| r.kind == RemedyKind::LateFee && r.to < end);
            entry.notes.push(Note::EndedUnpaid { end });
        }
    }
}

impl Evaluator<'_> {
    /// When a schedule's remaining installments ended under the scenario
    /// (`remaining installments end on ...`), if they have by its date; not
    /// yet known (no acceleration recorded) or later: the schedule runs on.
    pub(super) fn remaining_end(&self, obligation: &Obligation) -> Option<NaiveDate> {
        let date = obligation.terms.remaining_end.as_ref()?;
        self.date(date).ok().filter(|end| *end <= self.as_of)
    }
}

/// The terms of interest that accrues piece by piece (see
/// [`Evaluator::accrue`]).
pub(super) struct Accrual {
    pub kind: RemedyKind,
    pub rate: Decimal,
    pub convention: DayCount,
    pub rounding: Rounding,
    /// From when, for the explanation.
    pub start: AccrualStart,
    pub span: Span,
}
