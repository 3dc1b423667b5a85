//! Amounts, dates and conditions that read an earlier schedule's ledger:
//! what its installments still owe on a date, and the first day one of
//! them had been unpaid too long (`the unpaid balance of installments on
//! ...`, `the first day an installment of installments has been unpaid for
//! more than 30 days`). The checker holds every such name to a schedule
//! written before the obligation that uses it, so its entries are made.

use super::*;

impl Evaluator<'_> {
    /// The installments of the schedule labelled `label`, as evaluated so
    /// far, leaving out those that never arose.
    fn installments_of<'e>(&'e self, label: &'e str) -> impl Iterator<Item = &'e Entry> + 'e {
        self.entries.iter().filter(move |e| {
            e.id.name() == label
                && e.id.instance().is_some()
                && !matches!(e.status, Status::NotTriggered | Status::Lapsed)
        })
    }

    /// What the installments still owe on `on`: each installment's amount
    /// less what was paid for it by then. `None` if the sum overflows.
    pub(super) fn unpaid_balance(&self, label: &str, on: NaiveDate) -> Option<Decimal> {
        self.installments_of(label)
            .try_fold(Decimal::ZERO, |sum, e| {
                let owed = e.amount.unwrap_or_default();
                let paid = match (e.paid, e.paid_on) {
                    (Some(paid), Some(day)) if day <= on => paid,
                    _ => Decimal::ZERO,
                };
                sum.checked_add((owed - paid).max(Decimal::ZERO))
            })
    }

    /// The first day, on or before the scenario's date, on which an
    /// installment had been unpaid for more than `grace` after its due date
    /// (the day after the grace runs out), and whether any installment's
    /// grace is still running unpaid at the scenario's date (so that a
    /// default may yet happen).
    pub(super) fn defaults(
        &self,
        label: &str,
        grace: Duration,
    ) -> Result<(Option<NaiveDate>, bool), String> {
        let mut first: Option<NaiveDate> = None;
        let mut open = false;
        for e in self.installments_of(label) {
            let (Some(due), Some(owed)) = (e.due, e.amount) else {
                continue;
            };
            let deadline = self.shifted(due, grace, true)?;
            let in_time = matches!(e.status, Status::Paid | Status::PaidLate)
                && e.paid_on.is_some_and(|on| on <= deadline);
            if in_time || owed <= Decimal::ZERO {
                continue;
            }
            let Some(default) = deadline.succ_opt() else {
                continue;
            };
            if default <= self.as_of {
                first = Some(first.map_or(default, |f| f.min(default)));
            } else {
                open = true;
            }
        }
        Ok((first, open))
    }
}

impl Evaluator<'_> {
    /// The currency of an earlier obligation's entries (dollars if it has
    /// none with an amount). Its entries are the latest made with its name.
    pub(super) fn currency_of_entries(&self, label: &str) -> Currency {
        self.entries
            .iter()
            .rev()
            .filter(|e| e.id.name() == label)
            .find_map(|e| e.currency)
            .unwrap_or_default()
    }

    /// The currency of an obligation's amount, from what it is written in:
    /// a figure, a money fact's declared currency, an earlier obligation's.
    /// Read before the amount is computed, so that even an amount the
    /// scenario leaves open is shown in its currency.
    pub(super) fn obligation_currency(&self, obligation: &Obligation) -> Currency {
        let expr = match &obligation.subject {
            Subject::Amount(Expr {
                node: ExprKind::InterestOn { schedule, .. },
                ..
            }) => return self.currency_of_entries(&schedule.node),
            Subject::Amount(expr) => Some(expr),
            Subject::Reimbursed(_, expr) => expr.as_ref(),
            _ => obligation.terms.cost.as_ref(),
        };
        expr.and_then(|e| self.currency_in(e)).unwrap_or_default()
    }

    /// The currency an amount is in: the checker's rule (a ratio of two
    /// amounts is in none), an amount read from another obligation in that
    /// obligation's currency.
    fn currency_in(&self, expr: &Expr) -> Option<Currency> {
        crate::check::bounds::currency_with(expr, &self.model.facts, &|label| {
            Some(self.currency_of_entries(label))
        })
    }

    /// An amount of the obligation being evaluated, with its currency, for
    /// a note.
    pub(super) fn money_of(&self, amount: Decimal) -> Money {
        Money {
            amount,
            currency: self.currency,
        }
    }
}
