//! The ledger's words: each entry's one-line summary, its terms, its
//! condition, as a lawyer would read them aloud.

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
        let period = period_of(obligation);
        let due = obligation.modifiers.iter().find_map(|m| match m {
            Modifier::On(d) => Some(d.node),
            _ => None,
        });
        let effective = obligation.modifiers.iter().find_map(|m| match m {
            Modifier::Effective(d) => Some(d.node),
            _ => None,
        });
        let conditions: Vec<String> = obligation
            .modifiers
            .iter()
            .filter_map(|m| match m {
                Modifier::Condition(c) => Some(format!("if {c}")),
                _ => None,
            })
            .collect();
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
            due,
            start: period
                .and_then(|p| p.from.as_ref().map(|d| d.node))
                .or(effective),
            end: period.and_then(|p| p.through.as_ref().map(|d| d.node)),
            status: Status::InForce,
            offset: None,
            paid: None,
            paid_on: None,
            outstanding: None,
            remedies: Vec::new(),
            notes: Vec::new(),
            explanation: Vec::new(),
        }
    }

    /// A modifier that is a term of the obligation, in words.
    pub(super) fn term(&self, modifier: &Modifier) -> Option<String> {
        Some(match modifier {
            Modifier::For(d) => format!("for {}", d.node.describe()),
            Modifier::Within(d) => format!("within {}", d.node.describe()),
            Modifier::Grace(d) => format!("grace period of {}", d.node.describe()),
            Modifier::Cap(e) => format!("not to exceed {e}"),
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
            Modifier::Offset {
                receiver, period, ..
            } => {
                let during = period
                    .as_ref()
                    .map(|p| match (&p.from, &p.through) {
                        (Some(f), Some(t)) => {
                            format!(" from {} through {}", long_date(f.node), long_date(t.node))
                        }
                        (Some(f), None) => format!(" from {}", long_date(f.node)),
                        (None, Some(t)) => format!(" through {}", long_date(t.node)),
                        (None, None) => String::new(),
                    })
                    .unwrap_or_default();
                format!("reduced by compensation {} receives{during}", receiver.node)
            }
            _ => return None,
        })
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
            Subject::Deadline { what, date, time } => format!(
                "{who} signs{} by {} on {}",
                what.as_ref()
                    .map(|w| format!(" {}", w.node))
                    .unwrap_or_default(),
                format_time(time.node),
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
