//! The checked agreement: every declaration of an agreement folder gathered
//! in one place, names resolved, ready for evaluation.
//!
//! [`crate::check`] builds a [`Model`] only from files that parsed; the
//! evaluator reads nothing else.

use crate::source::{FileId, Span};
use crate::syntax::ast::*;
use crate::syntax::ids::Id;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The built-in meanings a reading's options can carry when a schedule's
/// stated count and dates disagree.
pub const SCHEDULE_READINGS: &[&str] = &["count_from_start", "count_to_end", "all_dates"];
/// The built-in meanings a reading's options can carry for when late
/// interest starts.
pub const INTEREST_READINGS: &[&str] = &["due_date", "grace_end"];

/// What an option of a reading means to the evaluator, when its name is
/// one of the built-in meanings. Read from the name once, here; the checker
/// holds a reading that a schedule or late interest follows to options with
/// these names, so the evaluator works with the meaning, not the word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Meaning {
    Schedule(ScheduleReading),
    Interest(InterestFrom),
}

/// Which dates a schedule keeps when its stated count and dates disagree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScheduleReading {
    /// The stated count, from the first date.
    CountFromStart,
    /// The stated count, ending on the last date.
    CountToEnd,
    /// Every date in the period; the total spread over them.
    AllDates,
}

/// When late interest starts to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InterestFrom {
    DueDate,
    GraceEnd,
}

impl InterestFrom {
    /// `the due date`, `the end of the grace period`
    pub fn words(self) -> &'static str {
        match self {
            InterestFrom::DueDate => "the due date",
            InterestFrom::GraceEnd => "the end of the grace period",
        }
    }
}

impl Meaning {
    /// The meaning of an option named `count_to_end`, `grace_end`, ...;
    /// `None` for an option with a name of the lawyer's own.
    pub fn of_option(name: &str) -> Option<Meaning> {
        Some(match name {
            "count_from_start" => Meaning::Schedule(ScheduleReading::CountFromStart),
            "count_to_end" => Meaning::Schedule(ScheduleReading::CountToEnd),
            "all_dates" => Meaning::Schedule(ScheduleReading::AllDates),
            "due_date" => Meaning::Interest(InterestFrom::DueDate),
            "grace_end" => Meaning::Interest(InterestFrom::GraceEnd),
            _ => return None,
        })
    }
}

/// A named reading (an `assume NAME ...` with options), with the clause that
/// states it.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    pub clause: Option<String>,
    pub name: Name,
    pub description: Text,
    pub options: Vec<OptionDecl>,
}

impl Reading {
    /// The option in force when no scenario chooses: the one marked
    /// `default`, else the first.
    pub fn default_option(&self) -> Option<&OptionDecl> {
        self.options
            .iter()
            .find(|o| o.is_default)
            .or_else(|| self.options.first())
    }
}

/// The name the ledger gives the `n`th obligation of a kind in a clause
/// when it has no label: `payment2`. The evaluator names entries with it.
pub fn unlabelled_name(kind: Kind, n: usize) -> String {
    format!("{}{n}", kind.as_str())
}

/// One id of the ledger, `<clause>.<name>`, and where it is declared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LedgerId {
    pub clause: String,
    pub name: String,
    pub declared: Span,
}

impl LedgerId {
    /// `2(b).severance`, as the ledger prints it.
    pub fn full(&self) -> String {
        format!("{}.{}", self.clause, self.name)
    }
}

/// A name used somewhere, and where it is declared: the checker's answer
/// to "what does this word refer to", recorded once when it resolves the
/// name. The language server's definition, references and rename read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resolution {
    pub used: Span,
    pub declared: Span,
}

/// Declarations of one sort (parties, facts) by name and by id: each is
/// given the next id when declared, and listed in the order of their names
/// (as the ledger and the reports have always listed them).
#[derive(Clone, Debug)]
pub struct Table<I, T> {
    items: Vec<T>,
    by_name: BTreeMap<String, I>,
}

impl<I, T> Default for Table<I, T> {
    fn default() -> Self {
        Table {
            items: Vec::new(),
            by_name: BTreeMap::new(),
        }
    }
}

impl<I: Id, T> Table<I, T> {
    /// Declares `item` under `name` and returns its id; `None` when the
    /// name is taken (the checker reports the duplicate first).
    pub fn insert(&mut self, name: String, item: T) -> Option<I> {
        if self.by_name.contains_key(&name) {
            return None;
        }
        let id = I::new(self.items.len());
        self.items.push(item);
        self.by_name.insert(name, id);
        Some(id)
    }

    /// The id of the declaration named `name`.
    pub fn id_of(&self, name: &str) -> Option<I> {
        self.by_name.get(name).copied()
    }

    /// The declaration named `name`.
    pub fn get(&self, name: &str) -> Option<&T> {
        self.id_of(name).and_then(|id| self.items.get(id.index()))
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.by_name.contains_key(name)
    }

    /// How many are declared: every id is below it.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Their names, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> + '_ {
        self.by_name.keys()
    }

    /// Each name with its declaration, in the order of the names.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &T)> + '_ {
        (self.by_name.iter()).filter_map(|(name, id)| Some((name, self.items.get(id.index())?)))
    }

    /// The declarations, in the order of their names.
    pub fn values(&self) -> impl Iterator<Item = &T> + '_ {
        self.iter().map(|(_, item)| item)
    }
}

/// The facts of an agreement, by name and by id.
pub type Facts = Table<FactId, FactDecl>;

/// The index of [`Model`]'s readings, elections, options and notice duties
/// by name.
#[derive(Clone, Debug, Default)]
struct DeclaredNames {
    readings: BTreeMap<String, ReadingId>,
    elections: BTreeMap<String, ElectionId>,
    options: BTreeMap<String, OptionId>,
    /// The notice duties by label (the first of a label): where each is in
    /// the clauses, and where its label is written (known without the
    /// clauses, which binding takes out of the model while it works).
    notice_labels: BTreeMap<String, (DutyAt, Span)>,
    /// The notice duties owed from one party to another, by their names,
    /// in the clauses' order.
    notices_between: BTreeMap<(String, String), Vec<DutyAt>>,
}

/// Where an obligation is in the model: its clause's place and its own in
/// the clause. Valid for the clauses' order it was taken in
/// ([`Model::index_notice_duties`] is called again when that changes).
#[derive(Clone, Copy, Debug)]
struct DutyAt {
    clause: usize,
    obligation: usize,
}

/// An assumption stated in words, with the clause that states it.
#[derive(Clone, Debug, PartialEq)]
pub struct Stated {
    pub clause: Option<String>,
    pub text: Text,
}

#[derive(Clone, Debug, Default)]
pub struct Model {
    pub title: String,
    pub dated: Option<NaiveDate>,
    pub parties: Table<PartyId, Party>,
    pub documents: BTreeMap<String, Document>,
    pub facts: Table<FactId, FactDecl>,
    /// What a business day is, where the agreement says
    /// (`business days exclude ...`).
    pub business_days: Option<crate::calc::business::BusinessCalendar>,
    /// Whether any clause counts in business days or rolls a date to one.
    pub counts_business_days: bool,
    /// Events a scenario may record (`event delivery "..."`).
    pub events: Table<EventId, EventDecl>,
    /// In the order declared; an [`ElectionId`] is a place in it. Added
    /// through [`Model::add_election`], which keeps the names' index.
    pub elections: Vec<Election>,
    /// In the order declared; a [`ReadingId`] is a place in it. Added
    /// through [`Model::add_reading`].
    pub readings: Vec<Reading>,
    /// The readings, elections, elections' options and notice duties by
    /// name (the first declared of a name): every look-up by name is a
    /// map's, never a scan.
    names: DeclaredNames,
    pub stated: Vec<Stated>,
    pub signatures: Vec<Signature>,
    /// In the order of the source document (where each clause's first quote
    /// is found), then in file order.
    pub clauses: Vec<Clause>,
    pub scenarios: Vec<Scenario>,
    pub source: Option<FileId>,
    /// Each clause's quotes, joined, with line breaks and indentation folded
    /// to single spaces, by [`ClauseId`] (`None` for a clause that quotes
    /// nothing): made once, read by every ledger.
    pub folded_quotes: Vec<Option<std::sync::Arc<str>>>,
    /// A zero-length span naming the agreement folder.
    pub dir_span: Span,
    /// Every use of a declared name the checker resolved, in the order met.
    pub resolutions: Vec<Resolution>,
}

impl Model {
    /// Folds the quotes of every clause (call once the clauses are known).
    pub fn fold_quotes(&mut self) {
        self.folded_quotes = self
            .clauses
            .iter()
            .map(|c| {
                let joined: Vec<&str> = c.quotes.iter().map(|q| q.node.as_str()).collect();
                (!c.quotes.is_empty()).then(|| fold_spaces(&joined.join(" ")).into())
            })
            .collect();
    }

    /// The folded quotes of the clause with id `id`.
    pub fn folded_quote(&self, id: ClauseId) -> Option<&std::sync::Arc<str>> {
        self.folded_quotes.get(id.index()).and_then(Option::as_ref)
    }

    /// Every clause with its id, in the model's (the document's) order.
    pub fn clauses_with_ids(&self) -> impl Iterator<Item = (ClauseId, &Clause)> + '_ {
        (self.clauses.iter().enumerate()).map(|(i, c)| (ClauseId::new(i), c))
    }

    /// Declares a reading (the checker has refused a second of its name;
    /// should one come, the first keeps the name).
    pub fn add_reading(&mut self, reading: Reading) {
        let id = ReadingId::new(self.readings.len());
        (self.names.readings.entry(reading.name.node.clone())).or_insert(id);
        self.readings.push(reading);
    }

    /// Declares an election and its options (an option's name already
    /// taken keeps the first election's; the checker reports it). The
    /// declaration is given its id.
    pub fn add_election(&mut self, mut election: Election) {
        let id = ElectionId::new(self.elections.len());
        election.id.set(Some(id));
        (self.names.elections.entry(election.name.node.clone())).or_insert(id);
        for (index, option) in election.options.iter().enumerate() {
            let option_id = OptionId {
                election: id,
                option: u32::try_from(index).unwrap_or(u32::MAX),
            };
            (self.names.options.entry(option.name.node.clone())).or_insert(option_id);
        }
        self.elections.push(election);
    }

    pub fn reading(&self, name: &str) -> Option<&Reading> {
        self.readings.get(self.reading_id(name)?.index())
    }

    /// Indexes the notice duties by label and by the parties they are
    /// owed between (call once the clauses are known, and again whenever
    /// their order changes): a date counted from a notice names its duty's
    /// label, and which duty a notice answers is a look-up, not a walk of
    /// every obligation for each notice.
    pub fn index_notice_duties(&mut self) {
        let mut labels = BTreeMap::new();
        let mut between: BTreeMap<(String, String), Vec<DutyAt>> = BTreeMap::new();
        for (c, clause) in self.clauses.iter().enumerate() {
            for (o, duty) in clause.obligations.iter().enumerate() {
                if duty.kind != Kind::Notice {
                    continue;
                }
                let at = DutyAt {
                    clause: c,
                    obligation: o,
                };
                if let Some(label) = &duty.label {
                    labels.entry(label.node.clone()).or_insert((at, label.span));
                }
                if let Some(obligee) = &duty.obligee {
                    let parties = (duty.obligor.name.node.clone(), obligee.name.node.clone());
                    between.entry(parties).or_default().push(at);
                }
            }
        }
        self.names.notice_labels = labels;
        self.names.notices_between = between;
    }

    /// The notice duty at `at`, with its clause.
    fn duty_at(&self, at: DutyAt) -> Option<(&Clause, &Obligation)> {
        let clause = self.clauses.get(at.clause)?;
        Some((clause, clause.obligations.get(at.obligation)?))
    }

    /// The notice duty labelled `label`, with its clause.
    fn notice_duty_labelled(&self, label: &str) -> Option<(&Clause, &Obligation)> {
        self.duty_at(self.names.notice_labels.get(label)?.0)
    }

    /// Where the notice duty labelled `label` is declared.
    pub fn notice_label(&self, label: &str) -> Option<Span> {
        self.names.notice_labels.get(label).map(|(_, span)| *span)
    }

    /// What a date counted from an event names: the declared event of
    /// that name, else the notice duty of that label.
    pub fn occasion(&self, name: &str) -> Option<Occasion> {
        match self.events.id_of(name) {
            Some(id) => Some(Occasion::Event(id)),
            None => self.notice_label(name).map(|_| Occasion::Notice),
        }
    }

    /// The id of the reading named `name`.
    pub fn reading_id(&self, name: &str) -> Option<ReadingId> {
        self.names.readings.get(name).copied()
    }

    /// The election named `name`.
    pub fn election_named(&self, name: &str) -> Option<&Election> {
        self.elections.get(self.election_id(name)?.index())
    }

    /// The id of the election named `name`.
    pub fn election_id(&self, name: &str) -> Option<ElectionId> {
        self.names.elections.get(name).copied()
    }

    /// The id of the option named `option`, with its election's.
    pub fn option_id(&self, option: &str) -> Option<OptionId> {
        self.names.options.get(option).copied()
    }

    pub fn party_name(&self, role: &str) -> String {
        self.parties
            .get(role)
            .map_or_else(|| role.to_owned(), |p| p.legal_name.node.clone())
    }

    /// Where the option `option` of an election is declared.
    pub fn election_option(&self, option: &str) -> Option<&OptionDecl> {
        let id = self.option_id(option)?;
        let election = self.elections.get(id.election.index())?;
        election.options.get(usize::try_from(id.option).ok()?)
    }

    /// The declaration a use of a name at `offset` of `file` resolves to.
    pub fn declaration_at(&self, file: crate::source::FileId, offset: usize) -> Option<Span> {
        self.resolutions
            .iter()
            .find(|r| r.used.file == file && r.used.start <= offset && offset <= r.used.end)
            .map(|r| r.declared)
    }

    /// Every use of the name declared at `declared`.
    pub fn uses_of(&self, declared: Span) -> impl Iterator<Item = Span> + '_ {
        self.resolutions
            .iter()
            .filter(move |r| r.declared.key() == declared.key())
            .map(|r| r.used)
    }

    /// The election that offers an option, if any.
    pub fn election_offering(&self, option: &str) -> Option<&Election> {
        self.elections.get(self.option_id(option)?.election.index())
    }

    /// Every obligation, with the clause it is in.
    pub fn obligations(&self) -> impl Iterator<Item = (&Clause, &Obligation)> {
        self.clauses
            .iter()
            .flat_map(|c| c.obligations.iter().map(move |o| (c, o)))
    }

    /// Every id the ledger gives an obligation, what follows one (`.then`)
    /// or an election, in document order, with the name it is declared by
    /// (the label, or the obligation's first word when it has none): what
    /// a scenario's `expect` line may name.
    pub fn ledger_ids(&self) -> Vec<LedgerId> {
        let mut out = Vec::new();
        for clause in &self.clauses {
            let number = clause.number.node.as_str();
            let mut per_kind: BTreeMap<Kind, usize> = BTreeMap::new();
            for obligation in &clause.obligations {
                let n = per_kind.entry(obligation.kind).or_insert(0);
                *n += 1;
                let (name, declared) = match &obligation.label {
                    Some(label) => (label.node.clone(), label.span),
                    None => (
                        unlabelled_name(obligation.kind, *n),
                        obligation.obligor.name.span,
                    ),
                };
                let follows = obligation.terms.then.is_some();
                if follows {
                    out.push(LedgerId {
                        clause: number.to_owned(),
                        name: format!("{name}.then"),
                        declared,
                    });
                }
                out.push(LedgerId {
                    clause: number.to_owned(),
                    name,
                    declared,
                });
            }
            for election in &clause.elections {
                out.push(LedgerId {
                    clause: number.to_owned(),
                    name: election.name.node.clone(),
                    declared: election.name.span,
                });
            }
        }
        out
    }
}

/// The notice duty a scenario's notice answers, or why it answers none.
/// The checker reports every case but [`NoticeAnswer::Duty`]; the
/// evaluator counts a notice only for the duty it answers, so that one
/// notice never meets two duties.
#[derive(Debug)]
pub enum NoticeAnswer<'m> {
    /// The one duty it answers.
    Duty(&'m Obligation),
    /// `for LABEL` names no notice duty of the agreement.
    UnknownDuty,
    /// `for LABEL` names a notice duty between other parties.
    OtherParties(&'m Obligation),
    /// No `for LABEL`, and no notice is owed from that party to that party.
    NoDuty,
    /// No `for LABEL`, and several duties it could answer, with their
    /// clauses: those described in the notice's own words if more than one
    /// is, else every notice owed between the two parties.
    Several(Vec<(&'m Clause, &'m Obligation)>),
}

/// A notice recorded in a scenario: who gave it, to whom, in what words,
/// and the duty it names (`for LABEL`), if any.
#[derive(Clone, Copy, Debug)]
pub struct NoticeGiven<'a> {
    pub party: &'a Name,
    pub to: &'a Name,
    pub words: Option<&'a Text>,
    pub duty: Option<&'a Name>,
}

impl<'a> NoticeGiven<'a> {
    /// The parts of a notice event that decide what it answers; `None` for
    /// any other event.
    pub fn of(event: &'a Event) -> Option<NoticeGiven<'a>> {
        match event {
            Event::Notified {
                party,
                to,
                description,
                duty,
                ..
            } => Some(NoticeGiven {
                party,
                to,
                words: description.as_ref(),
                duty: duty.as_ref(),
            }),
            _ => None,
        }
    }
}

impl Model {
    /// Every notice duty (`PARTY notifies PARTY of ...`), with its clause.
    pub fn notice_duties(&self) -> impl Iterator<Item = (&Clause, &Obligation)> {
        self.obligations().filter(|(_, o)| o.kind == Kind::Notice)
    }

    /// Which notice duty a notice answers: the one its `for LABEL` names;
    /// without a label, the only notice owed from its giver to its
    /// receiver, or among several the only one whose words it repeats.
    /// Never more than one: a notice that could answer several answers
    /// none, and the checker says so.
    pub fn notice_answered(&self, notice: NoticeGiven<'_>) -> NoticeAnswer<'_> {
        let (party, to) = (notice.party.node.as_str(), notice.to.node.as_str());
        if let Some(label) = notice.duty {
            return match self.notice_duty_labelled(&label.node) {
                None => NoticeAnswer::UnknownDuty,
                Some((_, duty)) if owed_between(duty, party, to) => NoticeAnswer::Duty(duty),
                Some((_, duty)) => NoticeAnswer::OtherParties(duty),
            };
        }
        let key = (party.to_owned(), to.to_owned());
        let owed: Vec<(&Clause, &Obligation)> = (self.names.notices_between.get(&key))
            .into_iter()
            .flatten()
            .filter_map(|at| self.duty_at(*at))
            .collect();
        if let [(_, only)] = owed.as_slice() {
            return NoticeAnswer::Duty(only);
        }
        if owed.is_empty() {
            return NoticeAnswer::NoDuty;
        }
        let in_its_words: Vec<(&Clause, &Obligation)> = owed
            .iter()
            .copied()
            .filter(|(_, o)| notice.words.is_some_and(|w| repeats_words(&w.node, o)))
            .collect();
        match in_its_words.as_slice() {
            [(_, only)] => NoticeAnswer::Duty(only),
            [] => NoticeAnswer::Several(owed),
            _ => NoticeAnswer::Several(in_its_words),
        }
    }
}

/// Whether `duty` is a notice owed by `party` to `to`.
fn owed_between(duty: &Obligation, party: &str, to: &str) -> bool {
    duty.obligor.name.node == party && duty.obligee.as_ref().is_some_and(|o| o.name.node == to)
}

/// Whether a notice's words are the words of the duty (`of "report one"`
/// and `"of report one"` alike): case, spacing and a leading `of` aside.
fn repeats_words(words: &str, duty: &Obligation) -> bool {
    match &duty.subject {
        Subject::Described(what) => comparable(words) == comparable(&what.node),
        _ => false,
    }
}

/// Words as compared by [`repeats_words`]: white space folded, lower case,
/// without a leading `of`.
fn comparable(words: &str) -> String {
    let folded = fold_spaces(words).to_lowercase();
    match folded.strip_prefix("of ") {
        Some(rest) => rest.to_owned(),
        None => folded,
    }
}

/// Folds runs of white space (line breaks in wrapped quotes) to one space.
pub fn fold_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
