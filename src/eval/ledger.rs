//! The ledger: what an agreement means under one scenario, as data.
//!
//! Built by [`crate::eval`], printed by [`crate::report::render`]. Field order here
//! is the JSON schema's order (for [`Entry`], the order of its `Serialize`
//! impl, which puts its heading's fields among its own); amounts serialise as
//! decimal strings and dates as ISO strings.

use crate::calc::zone::Clock;
use crate::syntax::ast::Kind;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt;
use std::num::NonZeroU32;
use std::sync::Arc;

/// Text that many entries share (a clause's folded quote, held once for the
/// agreement): cloning it copies a pointer. It serialises as a plain string.
pub type Shared = Arc<str>;

#[derive(Clone, Debug, Serialize)]
pub struct Ledger {
    pub agreement: String,
    pub dated: Option<NaiveDate>,
    pub parties: Vec<PartyEntry>,
    /// The scenario's name (`base`); its details follow.
    pub scenario: String,
    pub scenario_title: Option<String>,
    /// Why the scenario's figures are illustrations, in its own words.
    pub hypothetical: Vec<String>,
    /// The date statuses are reported at: the scenario's `as of`, else the
    /// agreement's date, else (neither stated) a date before any other, so
    /// that every date is still to come.
    #[serde(skip)]
    pub as_of: NaiveDate,
    /// The same, where it is stated (JSON's `as_of`: `null` when not).
    #[serde(rename = "as_of")]
    pub as_of_stated: Option<NaiveDate>,
    /// Every clause, in the order of the source document, including those
    /// that create no obligation (recitals, an entire-agreement clause).
    pub clauses: Vec<ClauseEntry>,
    /// Set when the offer lapsed under this scenario: nothing else is owed.
    pub lapsed: Option<super::note::Note>,
    pub obligations: Vec<Entry>,
    pub schedules: Vec<ScheduleSummary>,
    pub findings: Vec<Finding>,
    pub assumptions: Vec<AssumptionEntry>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ClauseEntry {
    pub number: String,
    pub title: Option<String>,
    pub quote: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PartyEntry {
    pub role: String,
    pub name: String,
}

/// The status of an obligation as of the scenario's date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Owed and unpaid (past its due date, or with no date stated).
    Due,
    NotYetDue,
    Paid,
    PaidLate,
    PartlyPaid,
    /// Fully offset: nothing left to pay.
    Offset,
    /// Depends on something the scenario does not settle.
    Conditional,
    /// Its condition is not met under this scenario.
    NotTriggered,
    /// The offer lapsed, so the obligation never arose.
    Lapsed,
    /// A release, restriction, survival or right that is in effect.
    InForce,
    /// Its period is over.
    Ended,
    /// A notice, acceptance or election made in time.
    Met,
    /// A notice given after its deadline.
    Late,
    /// A notice never given, its deadline past.
    Missed,
    /// An election not yet made.
    Open,
    /// An election the party did not make, whose default option applies.
    DefaultApplied,
    /// An amount that comes to nothing: never due, never late.
    NothingOwed,
    /// Its date or amount counts from an event the scenario has not
    /// recorded.
    NotYetKnown,
    /// An installment not paid when the remaining installments ended
    /// (`remaining installments end on ...`).
    EndedEarly,
    /// A dated duty to do something (a delivery, a report), its date past,
    /// that the scenario records nothing about: whether it was done is not
    /// known — never shown as an open `due` years later.
    NotRecorded,
}

impl Status {
    pub fn describe(self) -> &'static str {
        match self {
            Status::Due => "due",
            Status::NotYetDue => "not yet due",
            Status::Paid => "paid",
            Status::PaidLate => "paid late",
            Status::PartlyPaid => "partly paid",
            Status::Offset => "offset",
            Status::Conditional => "conditional",
            Status::NotTriggered => "not triggered",
            Status::Lapsed => "lapsed",
            Status::InForce => "in force",
            Status::Ended => "ended",
            Status::Met => "met",
            Status::Late => "late",
            Status::Missed => "missed",
            Status::Open => "open",
            Status::DefaultApplied => "default applied",
            Status::NothingOwed => "nothing owed",
            Status::NotYetKnown => "not yet known",
            Status::EndedEarly => "ended early",
            Status::NotRecorded => "not recorded",
        }
    }
}

/// What an obligation's entries have in common: where it is written, who
/// owes whom, on what condition, its terms and its words. Every installment
/// of a schedule points at its obligation's one heading, so a long schedule's
/// entries stay small (a 100,000-installment ledger is mostly entries).
#[derive(Clone, Debug)]
pub struct Heading {
    /// The obligation in one plain sentence: "company pays employee".
    pub summary: super::term::Summary,
    pub clause: String,
    /// The clause's id in the checked model (not shown).
    pub clause_id: crate::syntax::ids::ClauseId,
    pub clause_title: Option<String>,
    pub kind: Kind,
    pub obligor: String,
    pub obligee: Option<String>,
    pub condition: Option<super::term::Conditions>,
    /// The obligation's terms, as stated: grace periods, caps, interest.
    pub terms: Vec<super::term::Term>,
    pub quote: Option<Shared>,
    /// Where the obligation is written (for editors; not in the JSON).
    pub source: crate::source::Span,
}

/// An obligation's stable name, `<clause>.<name>` (`2(b).severance`,
/// `1.payment2` for an unlabelled second payment, `2(c).insurance.then` for
/// what follows an obligation), and for one instance of it, its number:
/// shown as `2(b).severance[3]`. Built from its parts and never parsed back:
/// ask for [`ObligationId::base`], [`ObligationId::name`] or
/// [`ObligationId::instance`]. The base is shared by a schedule's
/// installments, so an installment's id costs no allocation.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObligationId {
    base: Arc<str>,
    /// Where the name starts in `base`, after `<clause>.`.
    name_at: u32,
    instance: Option<NonZeroU32>,
}

impl ObligationId {
    /// `2(b).severance`: the obligation (or election) `name` of `clause`.
    pub fn new(clause: &str, name: &str) -> Self {
        ObligationId {
            base: Arc::from(format!("{clause}.{name}")),
            name_at: u32::try_from(clause.len() + 1).unwrap_or(u32::MAX),
            instance: None,
        }
    }

    /// The `number`th instance of this obligation (counted from 1).
    pub fn instance_id(&self, number: usize) -> Self {
        ObligationId {
            base: Arc::clone(&self.base),
            name_at: self.name_at,
            instance: u32::try_from(number).ok().and_then(NonZeroU32::new),
        }
    }

    /// What follows this obligation once its period ends (`... .then`).
    pub fn then(&self) -> Self {
        ObligationId {
            base: Arc::from(format!("{}.then", self.base)),
            name_at: self.name_at,
            instance: None,
        }
    }

    /// The obligation's id without the instance: `2(b).severance`.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The obligation's own name, its label if it has one: `severance`.
    pub fn name(&self) -> &str {
        usize::try_from(self.name_at)
            .ok()
            .and_then(|at| self.base.get(at..))
            .unwrap_or(&self.base)
    }

    /// Which instance this is (counted from 1), if it is one.
    pub fn instance(&self) -> Option<usize> {
        self.instance.and_then(|n| usize::try_from(n.get()).ok())
    }
}

impl fmt::Display for ObligationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.instance {
            Some(n) => write!(f, "{}[{n}]", self.base),
            None => f.write_str(&self.base),
        }
    }
}

impl Serialize for ObligationId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// One obligation, or one dated instance of a schedule. It serialises as
/// one flat object, its heading's fields among its own (see the
/// `Serialize` impl below for the order).
#[derive(Clone, Debug)]
pub struct Entry {
    pub id: ObligationId,
    pub heading: Arc<Heading>,
    /// Which of its obligation's several entries this is, if it is one.
    pub instance: Option<Instance>,
    pub amount: Option<Decimal>,
    pub currency: Option<Currency>,
    pub due: Option<NaiveDate>,
    /// The hour of the due date, where the term states one (`by 5:00 p.m.
    /// Pacific Time on ...`).
    pub due_time: Option<Clock>,
    /// The last day of the grace period after the due date, where the
    /// obligation states one (counted as the evaluator counts it, in the
    /// agreement's business days where it says so).
    pub grace_end: Option<NaiveDate>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub status: Status,
    /// What an offset took off the amount (the amount above is after it).
    pub offset: Option<Decimal>,
    pub paid: Option<Decimal>,
    pub paid_on: Option<NaiveDate>,
    pub outstanding: Option<Decimal>,
    pub remedies: Vec<Remedy>,
    /// What happened to it under the scenario.
    pub notes: Vec<super::note::Note>,
    /// How each computed amount was reached, step by step (a line that
    /// many installments share is held once).
    pub explanation: Vec<Arc<super::explanation::Explanation>>,
}

impl Ledger {
    /// `June 30, 2003`, or why there is no such date.
    pub fn as_of_words(&self) -> String {
        match self.as_of_stated {
            Some(date) => crate::calc::calendar::long_date(date),
            None => "no date (the agreement is undated and no scenario says `as of`: every date is still to come)".to_owned(),
        }
    }
}

impl Entry {
    /// An amount of this entry, in its currency: `$20,833.33`, `€2,931.51`.
    pub fn money(&self, amount: Decimal) -> String {
        crate::calc::money::format_money_in(amount, self.currency.unwrap_or_default())
    }

    /// The heading, to change for this entry alone (copied first if other
    /// entries share it).
    pub fn heading_mut(&mut self) -> &mut Heading {
        Arc::make_mut(&mut self.heading)
    }

    /// The entry in one plain sentence: its obligation's summary, and which
    /// instance it is ("company pays employee $125,000.00 (installment 2 of
    /// 6)"). Composed when asked for, so that a long schedule's installments
    /// do not each hold a copy of the sentence.
    pub fn summary(&self) -> Cow<'_, str> {
        match &self.instance {
            None => Cow::Owned(self.heading.summary.to_string()),
            Some(instance) => Cow::Owned(format!("{} ({instance})", self.heading.summary)),
        }
    }
}

/// One of the several entries an obligation gives rise to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Instance {
    /// The `number`th of the `of` installments of a schedule.
    Installment { number: usize, of: usize },
    /// The `number`th of the `of` dates an amount is due each period (a
    /// rent), or of the payments of interest on a schedule's balance.
    Payment { number: usize, of: usize },
    /// A duty each receipt of compensation gives rise to: what was
    /// received (as the scenario describes it) and when.
    Received { what: String, on: NaiveDate },
}

/// The currency of an amount: written in JSON as its ISO code, `"EUR"`.
pub use crate::calc::money::Currency;

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl Serialize for Kind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// An amount of money as a decimal string (so that no reader turns it into
/// a float) with the currency's two minor digits: `"5730.00"`, `"0.00"`,
/// never `"5730.0000"` or `"0"`. A figure with more digits than the cents
/// keeps them: JSON never rounds.
fn money_text(amount: Decimal) -> String {
    let mut canonical = amount.normalize();
    if canonical.scale() < 2 {
        canonical.rescale(2);
    }
    canonical.to_string()
}

fn money<S: Serializer>(amount: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&money_text(*amount))
}

/// A rate as a decimal string without trailing zeros: `"0.18"`.
fn rate<S: Serializer>(rate: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&rate.normalize().to_string())
}

/// An optional amount of money, as [`money`] writes it, or `null`.
struct Amount(Option<Decimal>);

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Some(amount) => money(&amount, serializer),
            None => serializer.serialize_none(),
        }
    }
}

impl Serialize for Entry {
    /// The JSON schema's order of an entry's fields.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let heading = &*self.heading;
        let mut out = serializer.serialize_struct("Entry", 24)?;
        out.serialize_field("id", &self.id)?;
        out.serialize_field("clause", &heading.clause)?;
        out.serialize_field("clause_title", &heading.clause_title)?;
        out.serialize_field("kind", &heading.kind)?;
        out.serialize_field("obligor", &heading.obligor)?;
        out.serialize_field("obligee", &heading.obligee)?;
        out.serialize_field("summary", &*self.summary())?;
        out.serialize_field("amount", &Amount(self.amount))?;
        out.serialize_field("currency", &self.currency)?;
        out.serialize_field("due", &self.due)?;
        // Only where a term states the hour, so that every other entry
        // keeps the schema it had.
        match self.due_time {
            Some(clock) => out.serialize_field("due_time", &DueTime::of(clock, self.due))?,
            None => out.skip_field("due_time")?,
        }
        out.serialize_field("start", &self.start)?;
        out.serialize_field("end", &self.end)?;
        out.serialize_field("condition", &heading.condition)?;
        out.serialize_field("status", &self.status)?;
        out.serialize_field("offset", &Amount(self.offset))?;
        out.serialize_field("paid", &Amount(self.paid))?;
        out.serialize_field("paid_on", &self.paid_on)?;
        out.serialize_field("outstanding", &Amount(self.outstanding))?;
        out.serialize_field("remedies", &self.remedies)?;
        out.serialize_field("terms", &heading.terms)?;
        out.serialize_field("notes", &self.notes)?;
        out.serialize_field("explanation", &self.explanation)?;
        out.serialize_field("quote", &heading.quote)?;
        out.end()
    }
}

/// The hour of a due date in JSON: `{"time": "17:00", "zone": "Pacific
/// Time", "tz": "America/Los_Angeles", "utc": "2025-03-04T01:00:00Z"}`;
/// `zone`, `tz` and `utc` are `null` for a local time (no zone), `utc`
/// also for a time the clocks skip that day.
#[derive(Serialize)]
pub(crate) struct DueTime {
    time: String,
    zone: Option<&'static str>,
    tz: Option<&'static str>,
    utc: Option<String>,
}

impl DueTime {
    pub(crate) fn of(clock: Clock, due: Option<NaiveDate>) -> DueTime {
        DueTime {
            time: clock.at.format("%H:%M").to_string(),
            zone: clock.zone.map(|z| z.words()),
            tz: clock.zone_id(),
            utc: due
                .and_then(|d| clock.utc_on(d))
                .map(|moment| moment.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
        }
    }
}

/// A remedy that triggered, such as late interest.
#[derive(Clone, Debug, Serialize)]
pub struct Remedy {
    pub kind: RemedyKind,
    #[serde(serialize_with = "money")]
    pub amount: Decimal,
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[serde(serialize_with = "rate")]
    pub rate: Decimal,
    pub basis: &'static str,
    pub days: i64,
    pub explanation: super::explanation::RemedyExplanation,
}

/// What a remedy is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum RemedyKind {
    /// Interest on a payment not made by its due date (or grace period).
    #[serde(rename = "interest")]
    LateInterest,
    /// A fee charged once on a payment not made by the end of its grace period.
    #[serde(rename = "late_fee")]
    LateFee,
    /// Interest on an amount from a stated date until it is paid.
    #[serde(rename = "accrued_interest")]
    Interest,
}

impl RemedyKind {
    /// `late interest`, `late fee`, `interest`
    pub fn words(self) -> &'static str {
        match self {
            RemedyKind::LateInterest => "late interest",
            RemedyKind::LateFee => "late fee",
            RemedyKind::Interest => "interest",
        }
    }
}

impl ScheduleSummary {
    /// An amount of this schedule, in its currency.
    pub fn money(&self, amount: Decimal) -> String {
        crate::calc::money::format_money_in(amount, self.currency)
    }
}

/// A schedule's totals: what it splits, and where the remainder went.
#[derive(Clone, Debug, Serialize)]
pub struct ScheduleSummary {
    pub obligation: String,
    pub clause: String,
    #[serde(serialize_with = "money")]
    pub total: Decimal,
    pub installments: usize,
    /// The count the text states (`None`: an amount due at every date,
    /// not a split total).
    pub stated_count: Option<u32>,
    /// Which reading decided the dates, where they disagree with the count.
    pub reading: Option<super::note::Note>,
    #[serde(serialize_with = "money")]
    pub offset: Decimal,
    #[serde(serialize_with = "money")]
    pub payable: Decimal,
    /// Where the remainder of a split went (`None`: nothing was split).
    pub remainder_note: Option<super::note::Note>,
    /// How the total was computed.
    pub explanation: Vec<super::explanation::Explanation>,
    /// The late interest owed on all the installments together.
    #[serde(serialize_with = "money")]
    pub late_interest: Decimal,
    /// The currency of every amount above (`"USD"` in JSON, as each entry
    /// says its own).
    pub currency: Currency,
}

#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub severity: &'static str,
    pub code: &'static str,
    pub clause: Option<String>,
    pub message: String,
}

/// An assumption's number in the ledger's list, shown `A1`: built from its
/// place in the list, never read back from its words.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct AssumptionId(pub u32);

impl std::fmt::Display for AssumptionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "A{}", self.0)
    }
}

/// `"A1"` in JSON, as the ledger shows it.
impl Serialize for AssumptionId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct AssumptionEntry {
    pub id: AssumptionId,
    pub clause: Option<String>,
    pub text: super::term::Assumption,
    /// For a reading: its name, the option in force, and the others.
    pub reading: Option<String>,
    pub chosen: Option<String>,
    pub alternatives: Vec<String>,
    /// Whether a scenario switched it from the default.
    pub switched: bool,
}
