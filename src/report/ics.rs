//! The ledger as an iCalendar file (RFC 5545): one all-day event per
//! deadline a lawyer diaries — each due date, the last day of each grace
//! period, notice, election and acceptance deadlines, the start and the end
//! of each period — with a short title, the details in its description and
//! a reminder.
//!
//! Deterministic: no clock (the time stamp is the scenario's "as of" date)
//! and stable event ids, so re-importing an updated calendar updates its
//! events instead of duplicating them.

use super::export::{capitalised, cut, Labels, PartyNames};
use crate::calc::calendar::long_date;
use crate::calc::zone::Clock;
use crate::escape;
use crate::eval::ledger::{Entry, Instance, Ledger, Status};
use crate::report::render::{due_words, remedy_words, status_words};
use crate::syntax::ast::Kind;
use chrono::{Datelike, NaiveDate};

/// What the calendar holds beyond the deadlines themselves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IcsOptions {
    /// A reminder this many days before each event (0: on the day); none
    /// when `None`.
    pub remind_days: Option<u32>,
    /// Also the obligations that never arose under the scenario (not
    /// triggered, or the offer lapsed), marked as such.
    pub include_untriggered: bool,
}

impl Default for IcsOptions {
    fn default() -> Self {
        IcsOptions {
            remind_days: Some(DEFAULT_REMIND_DAYS),
            include_untriggered: false,
        }
    }
}

/// A week's notice: enough to prepare a payment or a notice.
pub const DEFAULT_REMIND_DAYS: u32 = 7;

/// Titles stay under this many characters, so a calendar shows them whole.
pub const TITLE_LIMIT: usize = 99;

/// The ledger as an iCalendar file, with the default options.
pub fn ledger_ics(ledger: &Ledger) -> String {
    ledger_ics_with(ledger, &IcsOptions::default())
}

/// The ledger as an iCalendar file.
pub fn ledger_ics_with(ledger: &Ledger, options: &IcsOptions) -> String {
    // Written line by line as it is made: a long schedule's calendar is
    // never held twice.
    let mut out = String::new();
    let mut write = |line: &str| fold_into(line, &mut out);
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//clausec//clausec ledger//EN",
        "CALSCALE:GREGORIAN",
    ] {
        write(line);
    }
    write(&format!(
        "X-WR-CALNAME:{}",
        escape_text(&format!("{} ({})", ledger.agreement, ledger.scenario))
    ));
    let context = Context {
        ledger,
        names: PartyNames::of(ledger),
        labels: Labels::of(ledger),
        stamp: format!("{}T000000Z", stamp_day(ledger.as_of)),
        slug: slug(&ledger.agreement),
        options,
    };
    for entry in &ledger.obligations {
        if !options.include_untriggered && never_arose(entry.status) {
            continue;
        }
        for event in events_of(entry, &context) {
            for line in context.vevent(entry, &event) {
                write(&line);
            }
        }
    }
    write("END:VCALENDAR");
    out
}

/// An obligation that never arose: nothing to diary.
fn never_arose(status: Status) -> bool {
    matches!(status, Status::NotTriggered | Status::Lapsed)
}

/// Dates are read only in the years 1 to 9999; the stamp is held there all
/// the same, for a ledger made some other way.
fn stamp_day(as_of: NaiveDate) -> String {
    ics_date(as_of).unwrap_or_else(|| {
        if as_of.year() < 1 {
            "00010101".to_owned()
        } else {
            "99991231".to_owned()
        }
    })
}

struct Context<'a> {
    ledger: &'a Ledger,
    names: PartyNames,
    labels: Labels,
    stamp: String,
    slug: String,
    options: &'a IcsOptions,
}

/// Which deadline of an entry an event marks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Moment {
    Due,
    GraceEnds,
    Starts,
    Ends,
    /// A period that begins and ends on one day.
    Day,
}

struct Event {
    moment: Moment,
    /// The first day and the day after the last.
    start: NaiveDate,
    end: NaiveDate,
}

/// The events of one entry: its due date and the last day of its grace
/// period; or the start and the end of its period, each a one-day event (a
/// period is not an all-day event hundreds of days long). A period that
/// starts on the agreement's date has no start event: that date is the
/// agreement's, not a deadline.
fn events_of(entry: &Entry, context: &Context<'_>) -> Vec<Event> {
    let day = |moment, date: NaiveDate| {
        date.succ_opt().map(|end| Event {
            moment,
            start: date,
            end,
        })
    };
    let mut events = Vec::new();
    if let Some(due) = entry.due {
        events.extend(day(Moment::Due, due));
        events.extend(entry.grace_end.and_then(|g| day(Moment::GraceEnds, g)));
    } else if let (Some(start), Some(end)) = (entry.start, entry.end) {
        if start == end {
            events.extend(day(Moment::Day, start));
        } else if end > start {
            if Some(start) != context.ledger.dated {
                events.extend(day(Moment::Starts, start));
            }
            events.extend(day(Moment::Ends, end));
        }
    } else if let Some(start) = entry.start {
        if Some(start) != context.ledger.dated {
            events.extend(day(Moment::Starts, start));
        }
    } else if let Some(end) = entry.end {
        events.extend(day(Moment::Ends, end));
    }
    // An event must start on a date iCalendar can write.
    events.retain(|e| ics_date(e.start).is_some());
    events
}

impl Context<'_> {
    fn vevent(&self, entry: &Entry, event: &Event) -> Vec<String> {
        let title = self.title(entry, event.moment);
        let mut lines = vec![
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{}", self.uid(entry, event.moment)),
            format!("DTSTAMP:{}", self.stamp),
        ];
        match entry.due_time.filter(|_| event.moment == Moment::Due) {
            Some(hour) => lines.extend(at_the_hour(event.start, hour)),
            None => lines.extend([
                format!(
                    "DTSTART;VALUE=DATE:{}",
                    ics_date(event.start).unwrap_or_default()
                ),
                event_end(event.start, event.end),
            ]),
        }
        lines.extend([
            format!("SUMMARY:{}", escape_text(&title)),
            format!(
                "DESCRIPTION:{}",
                escape_text(&self.description(entry, event.moment))
            ),
            "TRANSP:TRANSPARENT".to_owned(),
        ]);
        if let Some(days) = self.options.remind_days {
            lines.extend([
                "BEGIN:VALARM".to_owned(),
                "ACTION:DISPLAY".to_owned(),
                format!("DESCRIPTION:{}", escape_text(&title)),
                if days == 0 {
                    "TRIGGER:PT0S".to_owned()
                } else {
                    format!("TRIGGER:-P{days}D")
                },
                "END:VALARM".to_owned(),
            ]);
        }
        lines.push("END:VEVENT".to_owned());
        lines
    }

    /// The due event keeps the id an entry has always had; the others add
    /// which deadline they mark.
    fn uid(&self, entry: &Entry, moment: Moment) -> String {
        let suffix = match moment {
            Moment::Due | Moment::Day => "",
            Moment::GraceEnds => "/grace",
            Moment::Starts => "/start",
            Moment::Ends => "/end",
        };
        format!(
            "{}/{}/{}{suffix}@clausec",
            self.slug,
            slug_id(&self.ledger.scenario),
            slug_id(&entry.id.to_string())
        )
    }

    /// "Severance installment 2 of 6 due — $20,833.33 (IEC → T. Lovelock)",
    /// under [`TITLE_LIMIT`] characters: the subject is cut to fit.
    fn title(&self, entry: &Entry, moment: Moment) -> String {
        let subject = subject(&self.labels.subject(entry), entry.instance.as_ref());
        // A period says what it is ("Transition support: reimbursement
        // ends"), for a clause's title may cover several.
        let kind = entry.heading.kind;
        let what = match (moment, kind) {
            (Moment::Due, Kind::Notice | Kind::Election | Kind::Acceptance) => {
                format!(": {kind} due")
            }
            (Moment::Due, _) => " due".to_owned(),
            (Moment::GraceEnds, _) => ": last day of grace".to_owned(),
            (Moment::Starts, _) => format!(": {kind} begins"),
            (Moment::Ends, _) => format!(": {kind} ends"),
            (Moment::Day, _) => format!(": {kind}"),
        };
        let amount = entry
            .amount
            .map(|a| format!(" — {}", entry.money(a)))
            .unwrap_or_default();
        let marked = match entry.status {
            Status::Conditional => " [conditional]",
            Status::NotTriggered => " [not triggered]",
            Status::Lapsed => " [lapsed]",
            _ => "",
        };
        let rest = format!("{what}{amount} ({}){marked}", self.names.direction(entry));
        let room = TITLE_LIMIT.saturating_sub(rest.chars().count()).max(12);
        // Cut whole as well, should the rest alone be long (long names).
        cut(&format!("{}{rest}", cut(&subject, room)), TITLE_LIMIT)
    }

    /// Everything a lawyer needs to act on the event, one fact a line.
    fn description(&self, entry: &Entry, moment: Moment) -> String {
        if moment == Moment::GraceEnds {
            return self.grace_description(entry);
        }
        let heading = &entry.heading;
        let mut lines = vec![match &heading.clause_title {
            Some(title) => format!("Clause {} — {title}", heading.clause),
            None => format!("Clause {}", heading.clause),
        }];
        lines.push(format!("{}: {}", heading.kind, what_is_owed(entry)));
        lines.push(match &heading.obligee {
            Some(to) => format!(
                "From {} to {}",
                self.names.full(&heading.obligor),
                self.names.full(to)
            ),
            None => format!("By {}", self.names.full(&heading.obligor)),
        });
        if let Some(amount) = entry.amount {
            lines.push(format!("Amount: {}", entry.money(amount)));
        }
        lines.extend(dates_in_words(entry, moment));
        lines.push(format!("Status: {}", status_words(entry)));
        lines.extend(
            entry
                .remedies
                .iter()
                .map(|r| capitalised(&remedy_words(r, entry))),
        );
        if let Some(condition) = &heading.condition {
            lines.push(format!("Condition: {condition}"));
        }
        if !heading.terms.is_empty() {
            let terms: Vec<String> = heading.terms.iter().map(ToString::to_string).collect();
            lines.push(format!("Terms: {}", terms.join("; ")));
        }
        lines.extend(entry.notes.iter().map(ToString::to_string));
        if let Some(quote) = &heading.quote {
            lines.push(format!("Quote: “{}”", cut(quote, 240)));
        }
        lines.push(format!(
            "Scenario {} (status as of {}); obligation {}",
            self.ledger.scenario,
            self.ledger.as_of_words(),
            entry.id
        ));
        lines.join("\n")
    }
}

impl Context<'_> {
    /// The last day of grace in brief: the due date's event has the rest
    /// (a schedule's grace events would repeat its terms and quote
    /// thousands of times).
    fn grace_description(&self, entry: &Entry) -> String {
        let mut lines = vec![format!(
            "Last day of the grace period (clause {}): paid after it, the late-payment terms apply.",
            entry.heading.clause
        )];
        if let Some(amount) = entry.amount {
            lines.push(format!("Amount: {}", entry.money(amount)));
        }
        lines.extend(dates_in_words(entry, Moment::GraceEnds));
        lines.push(format!("Status: {}", status_words(entry)));
        lines.push(format!(
            "Scenario {} (status as of {}); obligation {}",
            self.ledger.scenario,
            self.ledger.as_of_words(),
            entry.id
        ));
        lines.join("\n")
    }
}

/// The subject of an instance's title: "Severance installment 2 of 6" (a
/// title that ends in "payments" loses it: the installment says it).
fn subject(title: &str, instance: Option<&Instance>) -> String {
    let stem = |title: &str| {
        for ending in [" payments", " payment", " Payments", " Payment"] {
            if let Some(stem) = title.strip_suffix(ending) {
                return stem.to_owned();
            }
        }
        title.to_owned()
    };
    match instance {
        Some(Instance::Installment { number, of }) => {
            format!("{} installment {number} of {of}", stem(title))
        }
        Some(Instance::Payment { number, of }) => {
            format!("{} payment {number} of {of}", stem(title))
        }
        Some(received @ Instance::Received { .. }) => format!("{title}: {received}"),
        None => title.to_owned(),
    }
}

/// The obligation's sentence, without a schedule's total reading as the
/// instance's amount: "company pays employee $125,000.00 in 6 installments;
/// this is installment 2 of 6".
fn what_is_owed(entry: &Entry) -> String {
    let summary = &entry.heading.summary;
    match &entry.instance {
        Some(Instance::Installment { number, of }) => {
            format!("{summary}, in {of} installments; this is installment {number} of {of}")
        }
        Some(instance) => format!("{summary}; this is {instance}"),
        None => summary.to_string(),
    }
}

/// The dates of the entry the event belongs to, in words.
fn dates_in_words(entry: &Entry, moment: Moment) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(due) = entry.due {
        lines.push(format!("Due: {}", due_words(entry, due)));
        if let Some(grace) = entry.grace_end {
            let last = if moment == Moment::GraceEnds {
                " (this day)"
            } else {
                ""
            };
            lines.push(format!("Last day of grace: {}{last}", long_date(grace)));
        }
    }
    match (entry.start, entry.end) {
        (Some(start), Some(end)) => lines.push(format!(
            "From {} through {}",
            long_date(start),
            long_date(end)
        )),
        (Some(start), None) => lines.push(format!("From {}", long_date(start))),
        (None, Some(end)) => lines.push(format!("Through {}", long_date(end))),
        (None, None) => {}
    }
    lines
}

/// A deadline with an hour: a moment, not a day. In UTC where its zone is
/// known (a TZID would need the zone's rules written out in the file); a
/// local ("floating") time where the term names no zone, or its hour does
/// not exist that day. An event of no length: the deadline itself.
pub(crate) fn at_the_hour(day: NaiveDate, hour: Clock) -> [String; 2] {
    let start = match hour.utc_on(day) {
        Some(moment) => format!("DTSTART:{}", moment.format("%Y%m%dT%H%M%SZ")),
        None => format!(
            "DTSTART:{}T{}",
            ics_date(day).unwrap_or_default(),
            hour.at.format("%H%M%S")
        ),
    };
    [start, "DURATION:PT0S".to_owned()]
}

/// `YYYYMMDD`, for a date iCalendar can write: its years have four digits.
fn ics_date(date: NaiveDate) -> Option<String> {
    (1..=9999)
        .contains(&date.year())
        .then(|| date.format("%Y%m%d").to_string())
}

/// The end of an all-day event: the day after its last, or, when that day
/// is past December 31, 9999 (which iCalendar cannot write), its length.
fn event_end(start: NaiveDate, end: NaiveDate) -> String {
    match ics_date(end) {
        Some(day) => format!("DTEND;VALUE=DATE:{day}"),
        None => format!("DURATION:P{}D", (end - start).num_days()),
    }
}

/// RFC 5545 text escaping, control characters written out.
fn escape_text(text: &str) -> String {
    escape::icalendar(text)
}

/// Folds a content line at 75 octets (on a character boundary), CRLF-ended,
/// onto the end of `out` (RFC 5545, 3.1). The agenda's calendar folds with
/// it too.
pub(crate) fn fold_into(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_matches('-').to_owned()
}

/// An id kept readable but safe in a UID: `2(b).severance[3]` → `2-b-.severance-3-`.
fn slug_id(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fold_at_75_octets() {
        let mut folded = String::new();
        fold_into(&"x".repeat(160), &mut folded);
        let lines: Vec<&str> = folded.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert!(lines.iter().all(|l| l.len() <= 75));
        assert_eq!(lines.concat().replace(' ', ""), "x".repeat(160));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape_text("a, b; c\\d"), "a\\, b\\; c\\\\d");
        assert_eq!(
            slug("T. Lovelock Severance Agreement"),
            "t-lovelock-severance-agreement"
        );
    }

    #[test]
    fn an_installment_title_drops_payments_from_its_clause_title() {
        let instance = Instance::Installment { number: 2, of: 6 };
        assert_eq!(
            subject("Severance payments", Some(&instance)),
            "Severance installment 2 of 6"
        );
        assert_eq!(subject("Rent", Some(&instance)), "Rent installment 2 of 6");
    }

    #[test]
    fn a_long_text_is_cut_at_a_word() {
        assert_eq!(cut("one two three four", 12), "one two…");
        assert_eq!(cut("short", 12), "short");
    }
}
