//! Credits: a payment made by reducing what the other party owes
//! (`credited against fees`), and what becomes of the part not used
//! (`unused credit refunded on ...`, `... lapses on ...`).
//!
//! A credit is applied while the payment it reduces is made — that
//! obligation is written first (the checker holds it so) — like an offset:
//! each of its amounts due on or after the credit's date, earliest first,
//! takes what is left of the credit. The credit's own entry, made later,
//! says where each part went and what is left: refunded (a payment due on
//! the refund date, settled like any other), lapsed, or still to be used.

use super::settle::Receipt;
use super::*;

/// The label a credit reduces (`credited against LABEL`), if it is one.
pub(super) fn credited_against(obligation: &Obligation) -> Option<&str> {
    (obligation.terms.credited_against.as_ref()).map(|target| target.node.as_str())
}

/// Every credit of the agreement, by the label it is credited against.
pub(super) fn by_target(model: &Model) -> BTreeMap<&str, Vec<&Obligation>> {
    let mut credits: BTreeMap<&str, Vec<&Obligation>> = BTreeMap::new();
    for (_, obligation) in model.obligations() {
        if let Some(target) = credited_against(obligation) {
            credits.entry(target).or_default().push(obligation);
        }
    }
    credits
}

/// A credit given, and where it went.
#[derive(Clone, Debug)]
pub(super) struct Spent {
    pub(super) label: String,
    uses: Vec<Use>,
}

/// One part of a credit, taken off one amount due.
#[derive(Clone, Debug)]
struct Use {
    /// The entry it reduced, in words: `2.fees[3] (payment 3 of 12)`.
    what: String,
    due: NaiveDate,
    amount: Decimal,
}

impl Spent {
    pub(super) fn record(&mut self, entry: &Entry, due: NaiveDate, amount: Decimal) {
        let what = match &entry.instance {
            Some(instance) => format!("{} ({instance})", entry.id),
            None => entry.id.to_string(),
        };
        self.uses.push(Use { what, due, amount });
    }

    fn used(&self) -> Decimal {
        self.uses.iter().map(|u| u.amount).sum()
    }
}

impl<'m> Evaluator<'m> {
    /// The credits given against `target` by the scenario's date, as
    /// receipts to offset its amounts with.
    pub(super) fn credits_against(&self, target: &Obligation) -> Vec<Receipt> {
        let Some(label) = &target.label else {
            return Vec::new();
        };
        self.credits_by_target
            .get(label.node.as_str())
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter_map(|credit| self.credit_given(credit))
            .collect()
    }

    /// A credit as given under the scenario: its condition holds, its date
    /// has come, and its amount (rounded, within its limits) is known.
    /// Anything else leaves it out here; the credit's own entry says why.
    fn credit_given(&self, credit: &Obligation) -> Option<Receipt> {
        let label = credit.label.as_ref()?;
        if self.conditions(credit) != Truth::Yes {
            return None;
        }
        let on = self.dates_of(credit).due?;
        if on > self.as_of {
            return None;
        }
        let Subject::Amount(expr) = &credit.subject else {
            return None;
        };
        let Ok(Val::Money(exact, _)) = self.value(expr) else {
            return None;
        };
        let mut given = self.stated_rounding(credit).apply_exact(&exact)?;
        if let Some(limit) = &credit.terms.cap {
            given = given.min(self.money(limit).ok()?);
        }
        if let Some(limit) = &credit.terms.floor {
            given = given.max(self.money(limit).ok()?);
        }
        if given <= Decimal::ZERO {
            return None;
        }
        Some(Receipt {
            on,
            left: given,
            what: format!("the credit {}", label.node),
            credit: Some(Spent {
                label: label.node.clone(),
                uses: Vec::new(),
            }),
        })
    }

    /// The rounding an obligation states, or the default (which
    /// [`Evaluator::rounding`] records as an assumption when the credit's
    /// own entry is made).
    fn stated_rounding(&self, obligation: &Obligation) -> Rounding {
        (obligation.terms.rounding.as_ref())
            .map_or(Rounding::default_for(self.currency), |r| r.node)
    }

    /// The credit's own entry: where it went, and what is left of it.
    pub(super) fn settle_credit(
        &mut self,
        entry: &mut Entry,
        obligation: &Obligation,
        label: &str,
    ) {
        let Some(given) = entry.amount else {
            return;
        };
        // Not given yet: owed on its date like any payment, nothing used.
        if entry.due.is_some_and(|on| on > self.as_of) {
            return;
        }
        let spent = self.credits.get(obligation_label(obligation)).cloned();
        let uses = spent.as_ref().map_or(&[][..], |s| s.uses.as_slice());
        for part in uses {
            entry.notes.push(Note::Credited {
                amount: self.money_of(part.amount),
                against: part.what.clone(),
                due: part.due,
            });
        }
        let used = spent.as_ref().map_or(Decimal::ZERO, Spent::used);
        let left = given - used;
        if used > Decimal::ZERO {
            entry.offset = Some(used);
            entry.amount = Some(left);
            entry.explanation.push(Arc::new(Explanation::CreditUsed {
                given: self.money_of(given),
                used: self.money_of(used),
                against: label.to_owned(),
                left: self.money_of(left),
            }));
        }
        if left <= Decimal::ZERO {
            entry.status = Status::Offset;
            return;
        }
        self.unused_credit(entry, obligation, left);
    }

    /// What is left of a credit: refunded on a date (then due like any
    /// payment), lost on a date, or still to be used.
    fn unused_credit(&mut self, entry: &mut Entry, obligation: &Obligation, left: Decimal) {
        let Some(UnusedCreditTerm { fate, on, .. }) = &obligation.terms.unused_credit else {
            entry.status = Status::InForce;
            entry.notes.push(Note::CreditNotYetUsed {
                left: self.money_of(left),
            });
            return;
        };
        let on = match self.date(on) {
            Ok(on) => on,
            Err(why) => {
                self.unavailable(entry, why);
                return;
            }
        };
        match fate {
            UnusedCredit::Refunded => {
                entry.due = Some(on);
                entry.notes.push(Note::CreditRefunded {
                    left: self.money_of(left),
                    on,
                });
                entry.status = self.plain_status(entry, obligation, Truth::Yes);
                self.settle_entry(obligation, entry);
            }
            UnusedCredit::Lapses if on <= self.as_of => {
                entry.status = Status::Lapsed;
                entry.notes.push(Note::CreditLapsed {
                    left: self.money_of(left),
                    on,
                });
            }
            UnusedCredit::Lapses => {
                entry.status = Status::InForce;
                entry.notes.push(Note::CreditLapses {
                    left: self.money_of(left),
                    on,
                });
            }
        }
    }
}

/// A credit's label (the checker requires one).
fn obligation_label(obligation: &Obligation) -> &str {
    obligation.label.as_ref().map_or("", |l| l.node.as_str())
}
