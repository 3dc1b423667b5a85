//! What was paid, offset, owed and late: amounts within their limits,
//! offsets, the scenario's payments (found by look-up), late interest, and
//! notice duties.

use super::*;

impl<'m> Evaluator<'m> {
    /// Computes an amount: rounded as the clause says, held within its
    /// limits; records how, or notes what is missing.
    pub(super) fn price(&mut self, entry: &mut Entry, obligation: &Obligation, expr: &Expr) {
        match self.value(expr) {
            Ok(Val::Money(exact, _)) if exact.is_negative() => {
                self.unavailable(entry, negative_amount(expr, &exact, self.currency));
            }
            Ok(Val::Money(exact, _)) => {
                let rounding = self.rounding(obligation);
                let Some(amount) = rounding.apply_exact(&exact) else {
                    self.unavailable(entry, too_large(expr));
                    return;
                };
                let unchanged = Exact::from(amount) == exact;
                if !is_literal(expr) || !unchanged {
                    entry.explanation.push(Arc::new(Explanation::Computed {
                        amount: self.money_of(amount),
                        calculation: self.calculation(expr),
                        rounding: (!unchanged).then_some(rounding),
                        clause: entry.heading.clause.clone(),
                    }));
                }
                entry.amount = Some(self.within_limits(amount, obligation, expr, entry));
                entry.currency = Some(self.currency);
            }
            Ok(_) => {}
            Err(why) => self.unavailable(entry, why),
        }
    }

    /// Holds an amount to the obligation's `not to exceed` and `not less
    /// than`, noting on the entry when a limit bites.
    pub(super) fn within_limits(
        &mut self,
        amount: Decimal,
        obligation: &Obligation,
        expr: &Expr,
        entry: &mut Entry,
    ) -> Decimal {
        let mut amount = amount;
        let terms = &obligation.terms;
        let limits = [(&terms.cap, true), (&terms.floor, false)];
        for (limit_expr, is_cap) in limits {
            let Some(limit_expr) = limit_expr else {
                continue;
            };
            let limit = match self.money(limit_expr) {
                Ok(limit) => limit,
                // A limit that cannot be computed is said, never skipped.
                Err(why) => {
                    self.unavailable(entry, why);
                    continue;
                }
            };
            // A limit the written figures always apply is reported once, by
            // `check` (`limit_always_binds`), not again under each scenario.
            let reported = is_cap && crate::check::limits::cap_always_applies(obligation);
            if is_cap && amount > limit && !reported {
                let problem = EvalProblem::CapExceeded {
                    scenario: self.scenario_name(),
                    expression: expr.to_string(),
                    amount: self.money_of(amount),
                    limit: self.money_of(limit),
                    limit_at: limit_expr.span,
                };
                self.report(problem, expr.span, &entry.heading.clause);
            }
            if is_cap && amount > limit {
                entry.explanation.push(Arc::new(Explanation::Capped {
                    amount: self.money_of(amount),
                    limit: self.money_of(limit),
                }));
                entry.notes.push(Note::Capped {
                    limit: self.money_of(limit),
                    amount: self.money_of(amount),
                });
                amount = limit;
            } else if !is_cap && amount < limit {
                entry
                    .explanation
                    .push(Arc::new(Explanation::RaisedToMinimum {
                        amount: self.money_of(amount),
                        limit: self.money_of(limit),
                    }));
                entry.notes.push(Note::RaisedToMinimum {
                    limit: self.money_of(limit),
                });
                amount = limit;
            }
        }
        amount
    }

    /// What reduces this obligation, earliest first: the compensation
    /// received under its `offset` modifier, and the credits given against
    /// it; `None` if nothing can.
    pub(super) fn offsets_for(&self, obligation: &Obligation) -> Option<Offsets> {
        let credits = self.credits_against(obligation);
        let Some(Offset {
            receiver,
            period,
            span,
        }) = &obligation.terms.offset
        else {
            return (!credits.is_empty()).then(|| Offsets::new(credits, obligation.span));
        };
        let date = |e: Option<&Expr>| e.and_then(|e| self.date(e).ok());
        let from = date(period.as_ref().and_then(|p| p.from.as_ref()));
        let through = date(period.as_ref().and_then(|p| p.through.as_ref()));
        let mut receipts: Vec<Receipt> = self
            .events()
            .filter_map(|e| match e {
                // Compensation in another currency is refused by the checker.
                Event::Compensation {
                    party,
                    amount,
                    on,
                    description,
                    currency,
                } if party.names_same(receiver) && *currency == self.currency => Some(Receipt {
                    on: on.node,
                    left: amount.node,
                    what: description
                        .as_ref()
                        .map(|d| d.node.clone())
                        .unwrap_or_else(|| "compensation".to_owned()),
                    credit: None,
                }),
                _ => None,
            })
            .filter(|r| {
                from.is_none_or(|f| r.on >= f)
                    && through.is_none_or(|t| r.on <= t)
                    && r.on <= self.as_of
            })
            .collect();
        receipts.extend(credits);
        Some(Offsets::new(receipts, *span))
    }

    /// Reports the compensation left over once every installment has been
    /// offset; returns the total offset.
    pub(super) fn finish_offsets(&mut self, offsets: Option<Offsets>, clause: &str) -> Decimal {
        let Some(offsets) = offsets else {
            return Decimal::ZERO;
        };
        for receipt in &offsets.receipts {
            if let Some(spent) = &receipt.credit {
                self.credits.insert(spent.label.clone(), spent.clone());
            }
        }
        // What is left of a credit is its own obligation's business
        // (refunded, lapsed or carried); of compensation, a warning.
        let excess = offsets
            .receipts
            .iter()
            .filter(|r| r.left > Decimal::ZERO && r.credit.is_none());
        for receipt in excess {
            let problem = EvalProblem::OffsetExcess {
                scenario: self.scenario_name(),
                left: self.money_of(receipt.left),
                what: receipt.what.to_string(),
                on: receipt.on,
            };
            self.diagnostics
                .push(Diagnostic::of(&problem, offsets.span).in_clause(clause));
        }
        offsets.total
    }

    /// Settles one payment entry (a payment, or an installment) against the
    /// scenario's payments.
    pub(super) fn settle_entry(&mut self, obligation: &Obligation, entry: &mut Entry) {
        let Some(amount) = entry.amount else {
            return;
        };
        // One list, reused from entry to entry: a long schedule settles
        // each installment without allocating for it.
        let mut payments = std::mem::take(&mut self.payments);
        payments.clear();
        self.payments_for(obligation, entry, amount, &mut payments);
        self.settle(entry, obligation, amount, &payments);
        self.payments = payments;
    }

    /// The payments a scenario records for one entry, in date order: its
    /// explicit events, else (under `every payment is made on its due date`)
    /// one on time.
    fn payments_for(
        &mut self,
        obligation: &Obligation,
        entry: &Entry,
        owed: Decimal,
        payments: &mut Vec<Payment>,
    ) {
        let Some(label) = obligation.label.as_ref().map(|l| l.node.as_str()) else {
            payments.extend(self.on_time_payment(entry, owed));
            return;
        };
        // An installment is named by its due date; a payment that names none
        // is for an obligation paid once (for an installment it is reported).
        let undated = (entry.instance.is_none() && entry.due.is_some()).then_some(None);
        let events = self.all_events();
        let by_due = self.payment_events.get(label);
        // Whether the scenario records this payment at all (perhaps after the
        // as-of date): then "every payment is made on its due date" does not
        // speak for it.
        let mut recorded = false;
        for due in std::iter::once(entry.due).chain(undated) {
            for payment in by_due.map_or(&[][..], |list| naming(list, due)) {
                let index = payment.event;
                recorded = true;
                if let Some(flag) = self.matched_payments.get_mut(index) {
                    *flag = true;
                }
                if let Some(Event::Paid { amount, on, at, .. }) = events.get(index) {
                    if on.node <= self.as_of {
                        payments.push(Payment {
                            on: on.node,
                            at: at.as_ref().map(TimeOfDay::clock),
                            amount: amount.node,
                            span: Some(amount.span),
                        });
                    }
                }
            }
        }
        // An installment the schedule's end cut off is not paid on its due
        // date: there is nothing left to pay then.
        let cut_off = entry
            .due
            .zip(self.remaining_end(obligation))
            .is_some_and(|(due, end)| due > end);
        if !recorded && !cut_off {
            payments.extend(self.on_time_payment(entry, owed));
        }
        payments.sort_by_key(|p| p.on);
    }

    /// Under `every payment is made on its due date`, the payment of an entry
    /// the scenario records nothing about.
    fn on_time_payment(&self, entry: &Entry, owed: Decimal) -> Option<Payment> {
        let on_time = self.scenario.is_some_and(|s| s.payments_on_time);
        let due = entry.due.filter(|d| *d <= self.as_of)?;
        (on_time && owed > Decimal::ZERO).then_some(Payment {
            on: due,
            at: None,
            amount: owed,
            span: None,
        })
    }

    /// Applies payments to an entry: paid, outstanding, status, late interest.
    pub(super) fn settle(
        &mut self,
        entry: &mut Entry,
        obligation: &Obligation,
        owed: Decimal,
        payments: &[Payment],
    ) {
        // Payments are never negative (they are written as amounts), so once
        // their total fits, so does every partial sum of them; and once what
        // is owed less that total fits (what is owed may be negative: it is
        // computed), so does every balance below, which lies between the two.
        let mut paid = Decimal::ZERO;
        for payment in payments {
            let Some(sum) = paid.checked_add(payment.amount) else {
                let span = payment.span.unwrap_or(entry.heading.source);
                let why = format!(
                    "the payments recorded for `{}` add up to more than clausec can compute",
                    label_of(obligation)
                );
                self.unavailable(entry, Unavailable::Arithmetic(why, span));
                return;
            };
            paid = sum;
        }
        let Some(balance) = owed.checked_sub(paid) else {
            let span = (payments.iter().rev().find_map(|p| p.span)).unwrap_or(entry.heading.source);
            let why = format!(
                "what `{}` owes less the payments recorded for it is more than clausec can compute",
                label_of(obligation)
            );
            self.unavailable(entry, Unavailable::Arithmetic(why, span));
            return;
        };
        entry.paid = Some(paid);
        entry.paid_on = payments.last().map(|p| p.on);
        entry.outstanding = Some(balance.max(Decimal::ZERO));
        if payments.len() > 1 {
            for payment in payments {
                entry.notes.push(Note::Paid {
                    amount: self.money_of(payment.amount),
                    on: payment.on,
                });
            }
        }
        if entry.due.is_none() {
            entry.notes.push(Note::NoPaymentDate);
        }
        entry.status = if owed.is_zero() && entry.offset.is_some() {
            Status::Offset
        } else if owed.is_zero() {
            // `$100.00 - $100.00`: there is nothing to pay, so nothing is
            // ever due or late.
            Status::NothingOwed
        } else if paid >= owed && owed > Decimal::ZERO {
            match (entry.due, entry.paid_on) {
                (Some(due), Some(_)) if entry.due_time.is_some() => {
                    self.paid_by_the_hour(entry, due, payments)
                }
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
        let terms = &obligation.terms;
        if let Some(interest) = &terms.late_interest {
            self.late_interest(entry, obligation, interest, owed, payments);
        }
        if let Some(fee) = &terms.late_fee {
            self.late_fee(entry, obligation, &fee.node, owed, payments);
        }
        if let Some(interest) = &terms.interest {
            self.accrued_interest(entry, interest, owed, payments);
        }
    }

    /// Paid in full by a deadline with an hour: the payment that completed
    /// it against the hour (one that `every payment is made on its due
    /// date` stands for is in time, as it says).
    fn paid_by_the_hour(&self, entry: &mut Entry, due: NaiveDate, payments: &[Payment]) -> Status {
        let (Some(hour), Some(last)) = (entry.due_time, payments.last()) else {
            return Status::Paid;
        };
        if last.span.is_none() {
            return Status::Paid;
        }
        let (late, note) = hour::by_the_hour(Act::Paid, hour::done(last.on, last.at), due, hour);
        entry.notes.push(note);
        hour::status_by_the_hour(late, Status::Paid, Status::PaidLate)
    }

    /// Simple interest on what is unpaid after the grace period, segment by
    /// segment between payments, to the last payment or the as-of date.
    pub(super) fn late_interest(
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
        let Some(grace_end) = self.grace_end(obligation, due) else {
            return;
        };
        let start = match &interest.start {
            Some(InterestStart::DueDate) => AccrualStart::DueDate,
            Some(InterestStart::GraceEnd) => AccrualStart::GraceEnd,
            Some(InterestStart::Reading(reading)) => self.interest_start(reading),
            None => {
                self.use_default(Assumed::LateInterestFromDueDate);
                AccrualStart::DueDate
            }
        };
        let starts_at_due = match &start {
            AccrualStart::GraceEnd => false,
            AccrualStart::Reading { from, .. } => *from == InterestFrom::DueDate,
            _ => true,
        };
        let convention = interest.day_count.as_ref().map_or_else(
            || {
                self.use_default(Assumed::LateInterestSimpleActual365);
                DayCount::Actual365
            },
            |d| d.node,
        );
        let rounding = self.rounding(obligation);
        let unpaid = owed
            - payments
                .iter()
                .filter(|p| p.on <= grace_end)
                .map(|p| p.amount)
                .sum::<Decimal>();
        if unpaid <= Decimal::ZERO {
            if payments.iter().any(|p| p.on > due) {
                entry.notes.push(Note::PaidWithinGrace { grace_end });
            }
            return;
        }
        let cursor = if starts_at_due { due } else { grace_end };
        let segments = self.segments(payments, owed, grace_end);
        let accrual = super::remedy::Accrual {
            kind: RemedyKind::LateInterest,
            rate: interest.rate.node,
            convention,
            rounding,
            start,
            span: interest.span,
        };
        self.accrue(entry, &accrual, unpaid, cursor, segments);
    }

    pub(super) fn report_unmatched_payments(&mut self) {
        let events = self.all_events();
        // Found from the flags, not by walking the events: a long schedule's
        // payments are all matched, and its events are many.
        let unmatched: Vec<usize> = (self.matched_payments.iter().enumerate())
            .filter_map(|(index, matched)| (!matched).then_some(index))
            .collect();
        // Each obligation's due dates, gathered once however many of its
        // payments miss (a long schedule's payments may all name a wrong day).
        let mut dues_of: BTreeMap<&str, Vec<NaiveDate>> = BTreeMap::new();
        for index in unmatched {
            let Some(Event::Paid {
                obligation,
                due,
                span,
                ..
            }) = events.get(index)
            else {
                continue;
            };
            let known = self
                .model
                .obligations()
                .any(|(_, o)| o.label.as_ref().is_some_and(|l| l.node == obligation.node));
            if !known {
                continue; // reported by the checker as an unknown name
            }
            let label = obligation.node.as_str();
            let dues = dues_of
                .entry(label)
                .or_insert_with(|| due_dates(&self.entries, label));
            let problem = EvalProblem::UnmatchedPayment {
                label: label.to_owned(),
                named: due.as_ref().map(|d| d.node),
                dues: DueDates::near(dues, due.as_ref().map(|d| d.node)),
            };
            let at = due.as_ref().map_or(*span, |d| d.span);
            self.diagnostics.push(Diagnostic::of(&problem, at));
        }
    }

    // ---- notices -----------------------------------------------------------

    /// A duty to give notice of each compensation received: one entry per
    /// receipt, due within the stated time.
    pub(super) fn notices(
        &mut self,
        clause: &'m Clause,
        obligation: &'m Obligation,
        id: &ObligationId,
        receiver: &Ref<PartyId>,
    ) {
        let template = self.entry(clause, obligation, id);
        let within = obligation.terms.within.as_ref().map(|d| d.node);
        let receipts: Vec<(NaiveDate, String)> = self
            .events()
            .filter_map(|e| match e {
                Event::Compensation {
                    party,
                    on,
                    description,
                    ..
                } if party.names_same(receiver) && on.node <= self.as_of => Some((
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
            entry.notes.push(Note::NoCompensation {
                receiver: receiver.name.node.clone(),
            });
            self.push_entry(entry);
            return;
        }
        let each = self.entry_text(&template) + INSTANCE_TEXT;
        if !self.budget.take(receipts.len(), each) {
            self.over_budget(obligation.span, &clause.number.node);
            return;
        }
        for (k, (received, what)) in receipts.into_iter().enumerate() {
            let mut entry = template.clone();
            entry.id = id.instance_id(k + 1);
            entry.due = within
                .and_then(|w| add_duration(received, w))
                .or(Some(received));
            entry.instance = Some(Instance::Received { what, on: received });
            self.notice_given(&mut entry, obligation, Some(received));
            // Paid for above, with the others.
            self.entries.push(entry);
        }
    }

    // ---- values --------------------------------------------------------------

    /// Applies the scenario's notices that answer this duty (given on or
    /// after `since`, by the "as of" date) to it: met, late, missed or not
    /// yet due. The first such notice counts.
    pub(super) fn notice_given(
        &self,
        entry: &mut Entry,
        obligation: &Obligation,
        since: Option<NaiveDate>,
    ) {
        let given = self
            .notices
            .iter()
            .filter(|n| n.answers(obligation))
            .find(|n| since.is_none_or(|s| n.on >= s) && n.on <= self.as_of);
        if let (Some(given), Some(due), Some(hour)) = (given, entry.due, entry.due_time) {
            let act = hour::done(given.on, given.at);
            let (late, note) = hour::by_the_hour(Act::NoticeGiven, act, due, hour);
            entry.status = hour::status_by_the_hour(late, Status::Met, Status::Late);
            entry.notes.push(note);
            return;
        }
        let notice = given.map(|n| n.on);
        entry.status = match (notice, entry.due) {
            (Some(on), Some(due)) if on > due => Status::Late,
            (Some(_), _) => Status::Met,
            (None, Some(due)) if due < self.as_of => Status::Missed,
            (None, Some(_)) => Status::NotYetDue,
            (None, None) => entry.status,
        };
        if let Some(on) = notice {
            entry.notes.push(Note::NoticeGiven { on });
        }
    }
}

impl Evaluator<'_> {
    /// The day the first notice answering the duty labelled `label` was given.
    pub(super) fn notice_date(&self, label: &str) -> Option<NaiveDate> {
        self.first_notices.get(label).map(|n| n.on)
    }

    /// The time of day the first notice answering `label` was given at,
    /// where the scenario records one.
    pub(super) fn notice_time(&self, label: &str) -> Option<crate::calc::zone::Clock> {
        self.first_notices.get(label).and_then(|n| n.at)
    }
}

/// A notice of the scenario, given on `on`, and the one duty it answers.
#[derive(Clone, Copy, Debug)]
pub(super) struct Answered<'m> {
    duty: &'m Obligation,
    on: NaiveDate,
    at: Option<crate::calc::zone::Clock>,
}

impl Answered<'_> {
    /// Whether this notice answers `duty`: the same obligation of the model,
    /// not merely an equal one (two duties may be written alike).
    fn answers(&self, duty: &Obligation) -> bool {
        std::ptr::eq(self.duty, duty)
    }
}

/// The scenario's notices that answer a duty, each with that duty, found
/// once per evaluation by the rule the checker enforces
/// ([`Model::notice_answered`]). A notice that answers none (the checker
/// has reported it) meets nothing.
pub(super) fn answered_notices<'m>(model: &'m Model, events: &[&'m Event]) -> Vec<Answered<'m>> {
    events
        .iter()
        .filter_map(|event| {
            let Event::Notified { on, at, .. } = event else {
                return None;
            };
            let notice = NoticeGiven::of(event)?;
            match model.notice_answered(notice) {
                NoticeAnswer::Duty(duty) => Some(Answered {
                    duty,
                    on: on.node,
                    at: at.as_ref().map(TimeOfDay::clock),
                }),
                _ => None,
            }
        })
        .collect()
}

/// The first notice (in the scenario's order) answering each labelled
/// duty, by the duty's label.
pub(super) fn first_by_label<'m>(notices: &[Answered<'m>]) -> BTreeMap<&'m str, Answered<'m>> {
    let mut first = BTreeMap::new();
    for notice in notices {
        if let Some(label) = &notice.duty.label {
            first.entry(label.node.as_str()).or_insert(*notice);
        }
    }
    first
}

/// An obligation's label, for a message (payments name obligations by it).
fn label_of(obligation: &Obligation) -> &str {
    obligation.label.as_ref().map_or("", |l| l.node.as_str())
}

/// The due dates of the entries of the obligation labelled `label`, in order.
fn due_dates(entries: &[Entry], label: &str) -> Vec<NaiveDate> {
    let mut dues: Vec<NaiveDate> = entries
        .iter()
        .filter(|e| e.id.name() == label)
        .filter_map(|e| e.due)
        .collect();
    dues.sort_unstable();
    dues
}

/// The scenario's payment events by the label they name, then by the due
/// date they name. Two levels, so that finding an installment's payments
/// compares dates, not label strings (at 100,000 installments the string
/// comparisons of a one-level map were a fifth of the ledger's time); the
/// second is one sorted list per label, not a map of lists, so that a
/// schedule's index is one allocation, not one per installment.
pub(super) type PaymentIndex<'m> = BTreeMap<&'m str, Vec<PaymentRef>>;

/// A payment event, by the due date it names (`None`: no date) and its
/// place among the scenario's events. Lists are sorted by both, so the
/// payments naming one date come together, in the scenario's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct PaymentRef {
    due: Option<NaiveDate>,
    event: usize,
}

/// The payments of a sorted list that name `due`, in the scenario's order.
fn naming(list: &[PaymentRef], due: Option<NaiveDate>) -> &[PaymentRef] {
    let start = list.partition_point(|p| p.due < due);
    let rest = list.get(start..).unwrap_or_default();
    let end = rest.partition_point(|p| p.due == due);
    rest.get(..end).unwrap_or_default()
}

/// Sorts a scenario's events in one pass: payments into a [`PaymentIndex`],
/// the rest into a list in the scenario's order. A long schedule's scenario
/// holds a payment per installment, 27 MB of events at 100,000; every other
/// look-up (signatures, elections, receipts, notices) walks only the rest.
pub(super) fn index_events(scenario: Option<&Scenario>) -> (PaymentIndex<'_>, Vec<&Event>) {
    let mut payments = PaymentIndex::new();
    let mut others = Vec::new();
    let events = scenario.map_or(&[][..], |s| s.events.as_slice());
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Paid {
                obligation, due, ..
            } => payments
                .entry(obligation.node.as_str())
                .or_default()
                .push(PaymentRef {
                    due: due.as_ref().map(|d| d.node),
                    event: i,
                }),
            _ => others.push(event),
        }
    }
    // Already in order when a scenario lists a schedule's payments by date.
    for list in payments.values_mut() {
        list.sort_unstable();
    }
    (payments, others)
}

/// Compensation received, each receipt against the installments due on or
/// after the day it was received, earliest receipt and earliest installment
/// first (the greedy order the ledger has always used).
///
/// Installments are offered in date order, so one pass serves, in time
/// linear in receipts plus installments: the receipts received by an
/// installment's due date are `usable`, and among them the earlier are spent
/// before the later, so the spent ones are a prefix. (Taking each receipt in
/// turn across all installments gives the same amounts: the installments a
/// receipt may reduce are a suffix of the schedule, the later receipt's
/// within the earlier's.)
pub(super) struct Offsets {
    /// In the order received.
    receipts: Vec<Receipt>,
    /// The receipts before this index are spent.
    spent: usize,
    /// The receipts before this index were received by the last installment's
    /// due date.
    usable: usize,
    total: Decimal,
    /// The `offset` modifier (for the excess warning).
    span: Span,
}

pub(super) struct Receipt {
    pub(super) on: NaiveDate,
    /// What is left of it to offset.
    pub(super) left: Decimal,
    pub(super) what: String,
    /// For a credit, where it went.
    pub(super) credit: Option<super::credit::Spent>,
}

impl Offsets {
    /// Receipts in date order (compensation and credits together).
    fn new(mut receipts: Vec<Receipt>, span: Span) -> Self {
        receipts.sort_by_key(|r| r.on);
        Offsets {
            receipts,
            spent: 0,
            usable: 0,
            total: Decimal::ZERO,
            span,
        }
    }

    /// Reduces one installment (the next in date order) by what has been
    /// received by its due date, noting each reduction on it.
    pub(super) fn apply(&mut self, entry: &mut Entry) {
        let (Some(due), Some(mut owed)) = (entry.due, entry.amount) else {
            return;
        };
        let currency = entry.currency.unwrap_or_default();
        let money = |amount: Decimal| Money { amount, currency };
        while self.receipts.get(self.usable).is_some_and(|r| r.on <= due) {
            self.usable += 1;
        }
        // Each turn spends a receipt or pays off the installment.
        while owed > Decimal::ZERO && self.spent < self.usable {
            let Some(receipt) = self.receipts.get_mut(self.spent) else {
                break;
            };
            let take = receipt.left.min(owed);
            if take > Decimal::ZERO {
                receipt.left -= take;
                self.total += take;
                entry.amount = Some(owed - take);
                entry.offset = Some(entry.offset.unwrap_or_default() + take);
                let reduction = match &mut receipt.credit {
                    Some(spent) => {
                        spent.record(entry, due, take);
                        Reduction::Credited
                    }
                    None => Reduction::Offset,
                };
                entry.notes.push(Note::Reduced {
                    by: money(take),
                    what: receipt.what.clone(),
                    how: reduction,
                    on: receipt.on,
                });
                entry.explanation.push(Arc::new(Explanation::Reduced {
                    owed: money(owed),
                    by: money(take),
                    how: reduction,
                    left: money(owed - take),
                }));
                owed -= take;
            }
            if receipt.left <= Decimal::ZERO {
                self.spent += 1;
            }
        }
    }
}
