//! The ledger: what an agreement means under one scenario, as data.
//!
//! Built by [`crate::eval`], printed by [`crate::render`]. Field order here
//! is the JSON schema's order; amounts serialise as decimal strings and
//! dates as ISO strings.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::sync::Arc;

/// Text that every installment of a schedule shares with its obligation (the
/// clause number, the parties, the quote, ...): one allocation for all of
/// them, and cloning it for the next installment copies a pointer. A long
/// schedule's ledger is mostly such copies. It serialises as a plain string.
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
    pub as_of: NaiveDate,
    /// Every clause, in the order of the source document, including those
    /// that create no obligation (recitals, an entire-agreement clause).
    pub clauses: Vec<ClauseEntry>,
    /// Set when the offer lapsed under this scenario: nothing else is owed.
    pub lapsed: Option<String>,
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
        }
    }
}

/// One obligation, or one dated instance of a schedule.
#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    pub id: String,
    pub clause: Shared,
    pub clause_title: Option<Shared>,
    pub kind: &'static str,
    pub obligor: Shared,
    pub obligee: Option<Shared>,
    /// The obligation in one plain sentence: "company pays employee".
    pub summary: String,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub amount: Option<Decimal>,
    pub currency: Option<&'static str>,
    pub due: Option<NaiveDate>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub condition: Option<Shared>,
    pub status: Status,
    /// What an offset took off the amount (the amount above is after it).
    #[serde(with = "rust_decimal::serde::str_option")]
    pub offset: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub paid: Option<Decimal>,
    pub paid_on: Option<NaiveDate>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub outstanding: Option<Decimal>,
    pub remedies: Vec<Remedy>,
    /// The obligation's terms, as stated: grace periods, caps, interest
    /// (shared, like [`Shared`] text, by the installments of a schedule).
    pub terms: Arc<[String]>,
    /// What happened to it under the scenario.
    pub notes: Vec<String>,
    /// How each computed amount was reached, step by step.
    pub explanation: Vec<String>,
    pub quote: Option<Shared>,
    /// Where the obligation is written (for editors; not in the JSON).
    #[serde(skip)]
    pub source: crate::source::Span,
}

/// A remedy that triggered, such as late interest.
#[derive(Clone, Debug, Serialize)]
pub struct Remedy {
    pub kind: &'static str,
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[serde(with = "rust_decimal::serde::str")]
    pub rate: Decimal,
    pub basis: &'static str,
    pub days: i64,
    pub explanation: String,
}

/// A schedule's totals: what it splits, and where the remainder went.
#[derive(Clone, Debug, Serialize)]
pub struct ScheduleSummary {
    pub obligation: String,
    pub clause: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub total: Decimal,
    pub installments: usize,
    pub stated_count: u32,
    pub reading: Option<String>,
    #[serde(with = "rust_decimal::serde::str")]
    pub offset: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub payable: Decimal,
    pub remainder_note: String,
    /// How the total was computed.
    pub explanation: Vec<String>,
    /// The late interest owed on all the installments together.
    #[serde(with = "rust_decimal::serde::str")]
    pub late_interest: Decimal,
}

#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub severity: &'static str,
    pub code: &'static str,
    pub clause: Option<String>,
    pub message: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct AssumptionEntry {
    pub id: String,
    pub clause: Option<String>,
    pub text: String,
    /// For a reading: its name, the option in force, and the others.
    pub reading: Option<String>,
    pub chosen: Option<String>,
    pub alternatives: Vec<String>,
    /// Whether a scenario switched it from the default.
    pub switched: bool,
}
