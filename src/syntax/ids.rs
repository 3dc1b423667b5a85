//! The ids the checker gives declarations, and the slot a use of a name
//! carries for the id of what it names.
//!
//! The parser writes a name as the lawyer typed it and leaves its slot
//! empty; the checker, once every declaration of the folder is known,
//! resolves each use and fills the slot (`check::bind`). The evaluator
//! reads a fact's value, a reading's option in force, an election's
//! choice or an event's record by the id in the slot, an index into the
//! checked model, never by looking the name up again. An id is a position
//! in one of the model's lists (`Model::parties`, `facts`, `events`,
//! `readings`, `elections`, `clauses`), not a word: a lawyer sees the name
//! the declaration there holds.

use std::fmt;

/// What every id is made of: a position in one of the model's lists (so
/// that one kind of table can hold parties, facts or events).
pub trait Id: Copy {
    fn new(index: usize) -> Self;
    fn index(self) -> usize;
}

macro_rules! id {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u32);

        impl $name {
            /// The id of the `index`th declaration (from 0). Ids count to
            /// `u32::MAX`, far past what a folder within the limits of
            /// `SECURITY.md` declares (a few hundred thousand clauses).
            pub fn new(index: usize) -> $name {
                $name(u32::try_from(index).unwrap_or(u32::MAX))
            }

            /// Its position in the model's list.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl Id for $name {
            fn new(index: usize) -> Self {
                $name::new(index)
            }
            fn index(self) -> usize {
                $name::index(self)
            }
        }

        /// `fact #3`: for a developer's eyes only (a lawyer sees the name
        /// the model holds for it).
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($what, " #{}"), self.0)
            }
        }
    };
}

id!(
    /// A party of the agreement (`party employee "..."`).
    PartyId,
    "party"
);
id!(
    /// A fact a scenario supplies (`fact annual_salary money`).
    FactId,
    "fact"
);
id!(
    /// A named reading (`assume schedule_reading ... options ...`).
    ReadingId,
    "reading"
);
id!(
    /// An election a party makes (`election car_lease by employee ...`).
    ElectionId,
    "election"
);
id!(
    /// A clause: its place in the checked model's final order, the source
    /// document's (set by `check::findings`, after binding; so no use
    /// carries one, and the evaluator counts them as it walks the clauses).
    ClauseId,
    "clause"
);
id!(
    /// An event a scenario may record (`event delivery "..."`).
    EventId,
    "event"
);

/// What a date counted from an event names (`the date of delivery`,
/// `delivery happens`): a declared event, or a notice duty, by its label
/// (`the date of notice_of_default`: the day the notice answering it was
/// given), which the evaluator finds among the scenario's notices.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Occasion {
    Event(EventId),
    Notice,
}

/// One option of an election: the election and the option's place among
/// its options.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OptionId {
    pub election: ElectionId,
    pub option: u32,
}

impl fmt::Display for OptionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} option #{}", self.election, self.option)
    }
}

/// Where a use of a name keeps the id of what it names: empty as parsed,
/// filled by the checker. Like a span, it is out of equality: two trees
/// that name the same things are equal whether or not they are resolved
/// (`fmt` compares trees it has not checked).
#[derive(Clone, Copy, Debug)]
pub struct Slot<I>(Option<I>);

impl<I> Default for Slot<I> {
    fn default() -> Self {
        Slot(None)
    }
}

impl<I: Copy> Slot<I> {
    /// What the use names; `None` only in a tree the checker has not
    /// resolved, or a name it reported as unknown (and such a model is
    /// never evaluated).
    pub fn get(&self) -> Option<I> {
        self.0
    }

    /// Records what the use names (the checker's binding pass).
    pub fn set(&mut self, id: Option<I>) {
        self.0 = id;
    }
}

impl<I> PartialEq for Slot<I> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slot_is_out_of_equality_and_keeps_what_is_set() {
        let empty: Slot<FactId> = Slot::default();
        let mut bound = Slot::default();
        bound.set(Some(FactId::new(2)));
        assert_eq!(empty, bound);
        assert_eq!(empty.get(), None);
        assert_eq!(bound.get().map(FactId::index), Some(2));
        assert_eq!(
            bound.get().map(|id| id.to_string()).as_deref(),
            Some("fact #2")
        );
    }
}
