//! The size of one ledger, bounded for the whole agreement.
//!
//! A schedule expands to at most [`MAX_INSTANCES`] dates, but an agreement
//! can hold many schedules, and every report repeats an obligation's words
//! (its summary, condition, terms, and in JSON its clause's quote) for each
//! of its entries. So one evaluation has a budget: at most
//! [`MAX_ENTRIES`] entries, and at most [`MAX_TEXT`] bytes of text repeated
//! for them. Whatever does not fit is left out of the ledger and reported
//! (`too_many_instances`), so neither the ledger nor any report made from it
//! can grow past a fixed size, however small the file that asks for it.
//!
//! [`MAX_INSTANCES`]: crate::calc::calendar::MAX_INSTANCES

use crate::eval::explanation::Explanation;
use crate::eval::ledger::{Entry, Heading, Instance};
use crate::eval::note::Note;
use crate::eval::term::Conditions;

/// The most entries one ledger may hold: one schedule at its limit of
/// 100,000 installments and room for half as many again. Each entry costs
/// about 250 bytes in memory and about 1.4 KB in a report being written
/// (iCalendar, the largest per entry): a full ledger takes about 210 MB in
/// any format, and its repeated text at most [`MAX_TEXT`] more (figures in
/// `docs/PERFORMANCE.md`).
pub const MAX_ENTRIES: usize = 150_000;

/// The most bytes of text the entries of one ledger may repeat, counted as
/// they could be written at worst ([`weight`], and the most each kind of
/// note, term and explanation part can take with its figures). A
/// 100,000-installment schedule with its terms and late interest is counted
/// at about 880 bytes an installment, its quote besides (about 115 MiB with
/// a 330-byte quote): it must fit, as one schedule at [`MAX_INSTANCES`]
/// fits in [`MAX_ENTRIES`]. With a quote of 1,800 bytes it still does.
pub const MAX_TEXT: usize = 256 * 1024 * 1024;

/// The text allowed for each instance of a schedule or of a duty that
/// recurs on events, beyond its obligation's words: its id, which instance
/// it is, its explanation line and what settling adds (a payment, a note).
pub const INSTANCE_TEXT: usize = 160;

/// What is left of one evaluation's budget.
#[derive(Debug)]
pub struct Budget {
    entries: usize,
    text: usize,
    /// Set once something did not fit: the ledger is incomplete.
    pub exhausted: bool,
    /// Set once that is reported (one report per ledger).
    pub reported: bool,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            entries: MAX_ENTRIES,
            text: MAX_TEXT,
            exhausted: false,
            reported: false,
        }
    }
}

impl Budget {
    /// How many more entries fit, by count alone.
    pub fn entries_left(&self) -> usize {
        if self.exhausted {
            0
        } else {
            self.entries
        }
    }

    /// Takes `count` entries of `text_each` bytes each, if they all fit;
    /// otherwise takes nothing and marks the budget spent.
    pub fn take(&mut self, count: usize, text_each: usize) -> bool {
        let text = text_each.saturating_mul(count);
        if self.exhausted || count > self.entries || text > self.text {
            self.exhausted = true;
            return false;
        }
        self.entries -= count;
        self.text -= text;
        true
    }
}

/// The text a report may repeat for one entry: its heading's words and its
/// own, but for its clause's quote (weighed once per clause by the
/// evaluator: a clause's obligations all share it).
pub fn entry_text(entry: &Entry) -> usize {
    let own = weight(entry.id.base())
        + entry.notes.iter().map(note_text).sum::<usize>()
        + entry
            .explanation
            .iter()
            .map(|e| explanation_text(e))
            .sum::<usize>()
        + entry.instance.as_ref().map_or(0, instance_text);
    heading_text(&entry.heading) + own
}

/// The most a note's own words take (the longest is under 200 bytes with
/// its dates and amounts), to which the names it quotes are added.
const NOTE_WORDS: usize = 256;

/// The text a note can take once worded (see `report::words`).
fn note_text(note: &Note) -> usize {
    NOTE_WORDS + note.quoted().map(weight).sum::<usize>()
}

/// The most an instance's own words take with its numbers and date
/// (`installment 100000 of 100000`, `… received on September 30, 2025`).
const INSTANCE_WORDS: usize = 64;

/// The text an instance can take once worded (see `report::words`).
fn instance_text(instance: &Instance) -> usize {
    match instance {
        Instance::Received { what, .. } => INSTANCE_WORDS + weight(what),
        _ => INSTANCE_WORDS,
    }
}

/// The most one part of an explanation takes with its figures (a fraction
/// carried exactly is shown to six decimals, a long calculation part by
/// part), to which the names it quotes are added.
const EXPLANATION_PART: usize = 320;

/// The text an explanation can take once worded (see `report::words`).
fn explanation_text(explanation: &Explanation) -> usize {
    EXPLANATION_PART.saturating_mul(explanation.parts())
        + explanation.quoted().into_iter().map(weight).sum::<usize>()
}

/// The words an obligation's entries share, each written once per entry by
/// the reports that list entries flat (JSON, Markdown, iCalendar, HTML),
/// but for the quote.
fn heading_text(heading: &Heading) -> usize {
    PHRASE_WORDS
        + heading
            .summary
            .quoted()
            .into_iter()
            .map(weight)
            .sum::<usize>()
        + weight(&heading.clause)
        + heading.clause_title.as_deref().map_or(0, weight)
        + weight(&heading.obligor)
        + heading.obligee.as_deref().map_or(0, weight)
        + heading.condition.as_ref().map_or(0, conditions_text)
        + (heading.terms.iter())
            .map(|t| PHRASE_WORDS + t.quoted().into_iter().map(weight).sum::<usize>())
            .sum::<usize>()
}

/// The text of an obligation's conditions once worded: each as the clause
/// writes it, after `if ` and before `; `.
fn conditions_text(conditions: &Conditions) -> usize {
    (conditions.0.iter())
        .map(|c| "if ; ".len() + weight(&c.to_string()))
        .sum()
}

/// The most a summary's or a term's own words take with its figures and
/// dates (`interest 5% per annum from June 6, 2002 until paid, simple,
/// actual/365`), to which the names it quotes are added.
const PHRASE_WORDS: usize = 160;

/// The bytes a text can take once written out for any report (see
/// `src/escape.rs`): fourteen for a control character or a bidirectional
/// override (`&lt;U+202A&gt;` in HTML), six for a character HTML or JSON
/// escapes (`&quot;`), two for one Markdown or iCalendar escapes with a
/// backslash, its own length for any other.
pub fn weight(text: &str) -> usize {
    // Almost every text is plain ASCII: weighed a byte at a time from a
    // table (the letter's ledger spent a fifth of its time here when every
    // text went through `chars`, and still a sixth with a `match` per byte).
    if text.is_ascii() {
        text.bytes()
            .map(|b| usize::from(ASCII_WEIGHTS.get(usize::from(b)).copied().unwrap_or(1)))
            .sum()
    } else {
        text.chars().map(char_weight).sum()
    }
}

/// [`ascii_weight`] of every byte, looked up rather than matched.
const ASCII_WEIGHTS: [u8; 128] = ascii_weights();

#[allow(clippy::indexing_slicing)] // `i` runs below 128, the table's length
const fn ascii_weights() -> [u8; 128] {
    let mut table = [1u8; 128];
    let mut i = 0;
    while i < 128 {
        table[i] = ascii_weight(i as u8) as u8;
        i += 1;
    }
    table
}

const fn ascii_weight(byte: u8) -> usize {
    match byte {
        0..=0x1f | 0x7f => 14,
        b'&' | b'<' | b'>' | b'"' | b'\'' => 6,
        b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'|' | b'~' | b'#' | b'$' | b',' | b';' => 2,
        _ => 1,
    }
}

fn char_weight(c: char) -> usize {
    match c {
        c if c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c) => 14,
        c if ('\u{2066}'..='\u{2069}').contains(&c) => 14,
        c if c.is_ascii() => u8::try_from(c).map_or(1, ascii_weight),
        c => c.len_utf8(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_takes_all_or_nothing_and_stays_spent() {
        let mut budget = Budget::default();
        assert!(budget.take(MAX_ENTRIES - 1, 10));
        assert!(!budget.take(2, 10));
        assert!(budget.exhausted);
        assert!(!budget.take(1, 0), "once spent, nothing more fits");
        assert_eq!(budget.entries_left(), 0);
    }

    #[test]
    fn written_out_characters_weigh_what_they_can_take() {
        assert_eq!(weight("abc"), 3);
        assert_eq!(weight("a\"b"), 8);
        assert_eq!(weight("\u{1b}"), 14);
        assert_eq!(weight("\u{202e}"), 14);
        assert_eq!(weight("$1,000"), 8);
        assert_eq!(weight("é"), 2);
        assert_eq!(weight("é\"\u{1b}\u{85}"), 2 + 6 + 14 + 14);
    }

    #[test]
    fn ascii_weighs_the_same_by_bytes_as_by_characters() {
        let every_ascii: String = (0u8..128).map(char::from).collect();
        let by_characters: usize = every_ascii.chars().map(char_weight).sum();
        assert_eq!(weight(&every_ascii), by_characters);
    }
}
