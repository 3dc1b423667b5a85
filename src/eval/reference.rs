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
