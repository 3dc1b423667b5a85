//! The words of the language, in one place: the parser's line scans, the
//! formatter and the language server read them here, and a test holds them
//! equal to the grammar's keyword rules (`grammar/clause.pest`).

/// Every word the language spells out (the grammar's `kw_` rules), sorted.
pub const KEYWORDS: &[&str] = &[
    "a",
    "abated",
    "after",
    "against",
    "aggregate",
    "agreement",
    "amortized",
    "amount",
    "amounting",
    "an",
    "and",
    "annum",
    "as",
    "assume",
    "at",
    "balance",
    "becoming",
    "been",
    "before",
    "blank",
    "bound",
    "business",
    "by",
    "clause",
    "compensation",
    "condition",
    "convention",
    "cost",
    "count",
    "credit",
    "credited",
    "date",
    "dated",
    "dates",
    "day",
    "days",
    "default",
    "disagree",
    "document",
    "due",
    "each",
    "earlier",
    "effective",
    "elected",
    "election",
    "elects",
    "end",
    "equal",
    "event",
    "every",
    "exceed",
    "exclude",
    "expect",
    "fact",
    "fee",
    "finding",
    "first",
    "follow",
    "for",
    "fraction",
    "from",
    "grace",
    "greater",
    "happened",
    "happens",
    "has",
    "hypothetical",
    "if",
    "in",
    "increasing",
    "installment",
    "installments",
    "interest",
    "is",
    "its",
    "lapses",
    "last",
    "late",
    "later",
    "left",
    "less",
    "lesser",
    "made",
    "may",
    "met",
    "month",
    "monthly",
    "more",
    "must",
    "no",
    "not",
    "notified",
    "notifies",
    "number",
    "of",
    "offer",
    "on",
    "one",
    "option",
    "or",
    "otherwise",
    "outstanding",
    "paid",
    "party",
    "payment",
    "pays",
    "per",
    "performs",
    "period",
    "power",
    "preceding",
    "prepaid",
    "prepayments",
    "prevailed",
    "prevails",
    "prorated",
    "provides",
    "quarterly",
    "quote",
    "received",
    "receives",
    "reduce",
    "reduced",
    "refunded",
    "reimburses",
    "releases",
    "remainder",
    "remaining",
    "remains",
    "rounded",
    "scenario",
    "section",
    "semi-monthly",
    "shorten",
    "signed",
    "signs",
    "simple",
    "source",
    "status",
    "term",
    "than",
    "the",
    "then",
    "through",
    "to",
    "total",
    "unpaid",
    "until",
    "unused",
    "weekly",
    "weeks",
    "when",
    "whole",
    "within",
    "year",
    "yearly",
    "yes",
];

/// The words that can never be a name (the grammar's `keyword` rule),
/// sorted: a party, fact or label called `paid` would be read as the word.
pub const RESERVED: &[&str] = &[
    "agreement",
    "and",
    "as",
    "assume",
    "at",
    "by",
    "clause",
    "compensation",
    "dated",
    "default",
    "document",
    "earlier",
    "effective",
    "elected",
    "election",
    "elects",
    "equal",
    "event",
    "every",
    "fact",
    "for",
    "from",
    "grace",
    "greater",
    "happened",
    "happens",
    "hypothetical",
    "if",
    "in",
    "installment",
    "installments",
    "interest",
    "is",
    "late",
    "later",
    "lesser",
    "may",
    "monthly",
    "must",
    "no",
    "not",
    "notified",
    "notifies",
    "of",
    "on",
    "option",
    "or",
    "otherwise",
    "paid",
    "party",
    "pays",
    "performs",
    "prevailed",
    "prevails",
    "provides",
    "quarterly",
    "quote",
    "received",
    "reduced",
    "reimburses",
    "releases",
    "remainder",
    "remains",
    "rounded",
    "scenario",
    "section",
    "signed",
    "signs",
    "source",
    "the",
    "then",
    "through",
    "to",
    "when",
    "within",
    "yearly",
    "yes",
];

/// The verbs an obligation can have (`company pays ...`): the second word of
/// an obligation's line.
pub const VERBS: &[&str] = &[
    "may",
    "must",
    "notifies",
    "pays",
    "performs",
    "provides",
    "reimburses",
    "releases",
    "remains",
    "signs",
];

/// The words that open a statement or a modifier line, so that no amount or
/// condition of the line before can run on into it.
pub const LINE_STARTERS: &[&str] = &[
    "abated",
    "agreement",
    "as",
    "assume",
    "at",
    "becoming",
    "business",
    "by",
    "clause",
    "document",
    "each",
    "effective",
    "election",
    "event",
    "every",
    "expect",
    "fact",
    "for",
    "from",
    "grace",
    "hypothetical",
    "if",
    "in",
    "increasing",
    "interest",
    "late",
    "met",
    "on",
    "option",
    "otherwise",
    "party",
    "prepayments",
    "prorated",
    "quote",
    "reduced",
    "remainder",
    "remaining",
    "rounded",
    "scenario",
    "section",
    "signed",
    "then",
    "through",
    "when",
    "within",
];

/// Where a phrase of the language may be written: what the language
/// server offers at the cursor, and the hover of its first word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// A statement of the header, outside any clause.
    Header,
    /// A declaration that may stand in the header or in a clause.
    Declaration,
    /// A statement of a clause only.
    InClause,
    /// An obligation's verb, after its party.
    Verb,
    /// A term of an obligation: after its amount, or on a line of its own.
    Term,
    /// A form that computes an amount or a date.
    Expression,
    /// A part of a condition, after `if` or `when`.
    Condition,
    /// A statement of a scenario.
    Scenario,
    /// A scenario's event, after the party (or event) it records.
    ScenarioEvent,
    /// How often a schedule repeats (`monthly`), in its phrase.
    Frequency,
    /// A word inside another phrase (`simple` in late interest): explained
    /// on hover, never offered alone.
    Within,
}

/// A phrase of the language as the guide writes it, with what to fill in
/// capitals (`in COUNT equal FREQUENCY installments`).
#[derive(Clone, Copy, Debug)]
pub struct Phrase {
    pub form: &'static str,
    pub place: Place,
    /// What it means: words of the guide (`docs/LANGUAGE.md`), held equal
    /// to it by a test.
    pub meaning: &'static str,
}

const fn phrase(form: &'static str, place: Place, meaning: &'static str) -> Phrase {
    Phrase {
        form,
        place,
        meaning,
    }
}

/// Every phrase a statement, a term, a verb or a part of an amount or a
/// condition starts with, in the order the guide presents them. The first
/// phrase starting with a word gives that word's hover.
pub const PHRASES: &[Phrase] = &[
    phrase("agreement \"Title\"", Place::Header, "Every folder needs exactly one `agreement` line (code `missing_agreement`)."),
    phrase("dated DATE", Place::Header, "The date is the agreement's own date: `clausec` warns when a deadline or a due date falls before it (usually a wrong year), and refuses scenario events dated before it."),
    phrase("source \"source.txt\"", Place::Header, "The source is the plain-text document in the same folder."),
    phrase("party NAME \"Legal name\"", Place::Header, "`party NAME \"Legal name\"` declares a party."),
    phrase("document NAME \"Title\" dated DATE", Place::Header, "`document NAME \"Title\" dated DATE` declares another document the agreement refers to, followed by the sections you need, each `section NUMBER \"Title\"`."),
    phrase("section NUMBER \"Title\"", Place::Header, "Section numbers are written as printed: `9`, `8.2`, `4(a)`."),
    phrase("signed by PARTY \"signature as shown\"", Place::Header, "`signed by PARTY \"signature as shown\"` records how the signed copy was executed."),
    phrase("date left blank", Place::Within, "`date left blank`: the date line is there but empty"),
    phrase("business days exclude Saturdays, Sundays and United States federal holidays", Place::Header, "Business days. Say once, in the header, which days are not business days"),
    phrase("fact NAME is TYPE \"what it means\"", Place::Declaration, "`fact NAME is TYPE \"what it means\"` declares a fact the agreement depends on but does not state."),
    phrase("fact NAME is money in CURRENCY \"what it means\"", Place::Declaration, "`fact NAME is money in CURRENCY \"what it means\"` declares an amount in another currency than dollars: every scenario must give it in that currency."),
    phrase("event NAME \"what happens\"", Place::Declaration, "Declare in the header what may happen, and let scenarios record when it did"),
    phrase("election NAME by PARTY \"what is chosen\"", Place::Declaration, "An election is a choice the agreement gives a party."),
    phrase("option NAME \"what it means\"", Place::Declaration, "Mark an option `default` if the agreement says what happens when the party makes no choice."),
    phrase("default", Place::Within, "Mark one `default`; without a mark, the first option is the default."),
    phrase("fact NAME is one of VALUE or VALUE \"what it means\"", Place::Declaration, "A fact can take one of several named values instead of yes or no, so that a condition branches on one fact, not on several yes-or-no facts"),
    phrase("assume \"how you read the text\"", Place::Declaration, "`assume \"...\"` states how you read the text."),
    phrase("assume NAME \"the question\"", Place::Declaration, "When the text can be read in more than one way and the figures depend on it, declare a reading: a name, the question in words, and two or more options."),
    phrase("clause NUMBER \"Title\"", Place::Declaration, "A clause starts with `clause`, its number as the document prints it, and a title of your choosing in quotes (optional, but the ledger reads better with one)"),
    phrase("quote \"the clause's words\"", Place::InClause, "`quote \"...\"` copies the clause's words from `source.txt`."),
    phrase("pays PARTY AMOUNT", Place::Verb, "`pays` takes an amount: a figure, a fact, or a calculation (section 9)."),
    phrase("provides PARTY \"what\"", Place::Verb, "`provides` is a benefit described in words, such as salary and benefits or insurance, for the period its terms state."),
    phrase("reimburses PARTY \"what\"", Place::Verb, "`reimburses` may state an amount after the description"),
    phrase("amounting to AMOUNT", Place::Term, "`reimburses` may state an amount after the description"),
    phrase("performs \"what\" for PARTY", Place::Verb, "`performs` is a duty to do something described in words, such as a resignation or a delivery, optionally `for PARTY`."),
    phrase("notifies PARTY of \"what\"", Place::Verb, "Any other notice is described in words"),
    phrase("releases PARTY from DOCUMENT section NUMBER", Place::Verb, "`releases` and `remains bound by` may point at a declared document and section (`employment_agreement section 9`) or describe what is released in words."),
    phrase("remains bound by DOCUMENT section NUMBER", Place::Verb, "`releases` and `remains bound by` may point at a declared document and section (`employment_agreement section 9`) or describe what is released in words."),
    phrase("must not \"what\" to PARTY", Place::Verb, "`must not` is a restriction: something the party must not do, described in words, optionally `to PARTY`."),
    phrase("may \"what\" from PARTY", Place::Verb, "`may ... from PARTY` is a right held against the other party."),
    phrase("signs \"what\" to PARTY by TIME on DATE", Place::Verb, "`signs ... by TIME on DATE` is an acceptance deadline."),
    phrase("in COUNT equal FREQUENCY installments", Place::Term, "`in COUNT equal FREQUENCY installments` splits a payment into equal installments, each with its own due date and its own line in the ledger."),
    phrase("each month on day NUMBER", Place::Term, "A rent or a fee is the other way round: the amount is due at every date."),
    phrase("every NUMBER weeks", Place::Term, "Weeks: `each week` or `every 2 weeks` (each date the same weekday as the first)"),
    phrase("monthly", Place::Frequency, "FREQUENCY is `monthly`, `quarterly` (every three months) or `yearly`."),
    phrase("quarterly", Place::Frequency, "FREQUENCY is `monthly`, `quarterly` (every three months) or `yearly`."),
    phrase("yearly", Place::Frequency, "FREQUENCY is `monthly`, `quarterly` (every three months) or `yearly`."),
    phrase("weekly", Place::Frequency, "installments can be `weekly`"),
    phrase("semi-monthly", Place::Frequency, "Twice a month: `each half month on days 1 and 15`, and installments can be `semi-monthly`"),
    phrase("increasing each year to RATE of the preceding year's amount, rounded half up to the cent", Place::Term, "every twelve months from the first date, the amount is the year before's times R, rounded each year as stated"),
    phrase("abated from DATE through DATE", Place::Term, "the dates in that period owe nothing (`nothing owed`), and say so."),
    phrase("prorated by days", Place::Term, "A period they cover only in part owes its share by days"),
    phrase("prepayments shorten the term", Place::Term, "the level payment stays and the loan is repaid sooner"),
    phrase("prepayments reduce the payment", Place::Term, "the payment is computed again on the balance over the installments left"),
    phrase("becoming AMOUNT from DATE", Place::Term, "From each step's date on, the amount due each period is the step's"),
    phrase("business day convention following", Place::Term, "any obligation can state a business day convention for its due dates"),
    phrase("if the count and the dates disagree, follow READING", Place::Term, "`if the count and the dates disagree, follow READING` names the reading (section 10) the ledger follows when the count and the dates disagree."),
    phrase("rounded half up to the cent", Place::Term, "`rounded MODE to the UNIT` says how amounts are rounded."),
    phrase("remainder on the last installment", Place::Term, "`remainder on the first installment` or `remainder on the last installment` says which installment absorbs the rounding difference, so the installments always sum exactly to the total"),
    phrase("from DATE", Place::Term, "the period it runs (either end may be given alone)"),
    phrase("through DATE", Place::Term, "the period it runs (either end may be given alone)"),
    phrase("on DATE", Place::Term, "the due date"),
    phrase("by DATE", Place::Term, "due on or before the date; the ledger treats the date as the due date, as with `on`"),
    phrase("by TIME ZONE on DATE", Place::Term, "A deadline can name the hour and its zone, as the text does"),
    phrase("effective DATE", Place::Term, "in force from that date"),
    phrase("for DURATION", Place::Term, "how long it lasts, as a stated term"),
    phrase("within DURATION", Place::Term, "the time allowed after the triggering event"),
    phrase("reduced by compensation PARTY receives", Place::Term, "offsets what a party receives elsewhere against a schedule of payments."),
    phrase("credited against LABEL", Place::Term, "A credit is an amount one party owes that is paid by reducing what the other party owes it, not in money"),
    phrase("unused credit refunded on DATE", Place::Term, "`unused credit refunded on DATE`: paid in money on that date"),
    phrase("unused credit lapses on DATE", Place::Term, "`unused credit lapses on DATE`: lost on that date (status `lapsed`); before it, the rest is `in force`."),
    phrase("grace period DURATION", Place::Term, "`grace period DURATION` is the time after the due date in which a payment is not yet late for interest purposes."),
    phrase("late interest RATE per annum", Place::Term, "`late interest RATE per annum` charges simple interest on a payment, or an installment, paid after its grace period."),
    phrase("simple", Place::Within, "`simple`: interest is simple (the only kind `clausec` computes)."),
    phrase("late fee RATE of the installment", Place::Term, "charges a fee once on a payment, or an installment, not paid in full by the end of its grace period"),
    phrase("interest RATE per annum from DATE until paid", Place::Term, "`interest RATE per annum from DATE until paid` charges simple interest on the whole amount from a date (typically a notice) until it is paid, whatever the due date, with the same day counts as late interest."),
    phrase("remaining installments end on DATE", Place::Term, "`remaining installments end on DATE` ends every installment not paid in full by then"),
    phrase("amortized at RATE per annum", Place::Term, "A loan repaid in equal payments that each cover the month's interest and part of the principal (a mortgage, an amortising term loan) is an installment schedule of the principal with `amortized at RATE per annum, DAY COUNT`"),
    phrase("at a cost of AMOUNT", Place::Term, "`at a cost of AMOUNT` states what a benefit costs"),
    phrase("in aggregate not to exceed LIMIT", Place::Term, "`in aggregate not to exceed LIMIT` on an amount due each period cuts each date, in order, to what is left of the limit, and says so on the dates it cuts."),
    phrase("not to exceed AMOUNT", Place::Term, "`not to exceed AMOUNT` caps an amount."),
    phrase("not less than AMOUNT", Place::Term, "`not less than AMOUNT` sets a minimum."),
    phrase("if CONDITION", Place::Term, "`if CONDITION` or `when CONDITION` (the two words mean the same) makes the obligation depend on a condition (section 8)."),
    phrase("when CONDITION", Place::Term, "`if CONDITION` or `when CONDITION` (the two words mean the same) makes the obligation depend on a condition (section 8)."),
    phrase("met when EVENT happens", Place::Term, "`met when delivery happens` makes it `met` on the day the scenario records that event (`late` if after its date), with a note, and `missed` if the scenario records no such event by the \"as of\" date."),
    phrase("otherwise the offer lapses", Place::Term, "`otherwise the offer lapses`, on a `signs` obligation, means that if the party does not sign by the deadline, nothing in the agreement is owed."),
    phrase("then PARTY may \"what\"", Place::Term, "`then PARTY may \"what\"` adds the right that follows the end of a period."),
    phrase("the greater of A and B", Place::Expression, "`the greater of A and B`, `the lesser of A and B` (`the` is optional)."),
    phrase("the lesser of A and B", Place::Expression, "`the greater of A and B`, `the lesser of A and B` (`the` is optional)."),
    phrase("the later of A and B", Place::Expression, "the later or earlier of two dates"),
    phrase("the earlier of A and B", Place::Expression, "the later or earlier of two dates"),
    phrase("the date of EVENT", Place::Expression, "the day an event happened (first day)"),
    phrase("the end of EVENT", Place::Expression, "the last day of an event that lasts"),
    phrase("the total of LABEL", Place::Expression, "`the total of LABEL` is the sum of an earlier obligation's amounts (all its instances)"),
    phrase("the last amount of LABEL", Place::Expression, "`the last amount of rent` is the amount of the schedule's last instance"),
    phrase("the unpaid balance of LABEL on DATE", Place::Expression, "`the unpaid balance of LABEL on DATE`: what its installments still owe on that day"),
    phrase("the number of days from A to B", Place::Expression, "Spans between dates are numbers"),
    phrase("the fraction of a year from A to B, actual/365", Place::Expression, "Fractions of a year under a day count are numbers too, exact"),
    phrase("DURATION after DATE", Place::Expression, "a date shifted by a duration"),
    phrase("DURATION before DATE", Place::Expression, "a date shifted by a duration"),
    phrase("the first business day on or after DATE", Place::Expression, "a business day near a date"),
    phrase("(AMOUNT) rounded down to a whole number", Place::Expression, "A step the text rounds is written in parentheses with its rounding"),
    phrase("(AMOUNT) at RATE CURRENCY per CURRENCY", Place::Expression, "Where the contract itself converts an amount at a rate it states, write the amount in parentheses, then `at RATE CURRENCY per CURRENCY`: the amount is in the second currency, the result in the first."),
    phrase("(NUMBER) to the power of COUNT", Place::Expression, "A growth or discount factor is a figure in parentheses raised to a whole power"),
    phrase("PARTY elects OPTION", Place::Condition, "Conditions test an election with `PARTY elects OPTION`."),
    phrase("PARTY prevails", Place::Condition, "the scenario records that party prevailing in proceedings"),
    phrase("EVENT happens", Place::Condition, "A condition can ask whether an event happened, or happened by a date"),
    phrase("not", Place::Condition, "`not` applies to the part right after it"),
    phrase("CONDITION and CONDITION", Place::Within, "`and` and `or` cannot be mixed without parentheses."),
    phrase("CONDITION or CONDITION", Place::Within, "`and` and `or` cannot be mixed without parentheses."),
    phrase("an installment of LABEL has been unpaid for more than DURATION", Place::Condition, "the condition `an installment of LABEL has been unpaid for more than N days`"),
    phrase("hypothetical \"why the figures are illustrations\"", Place::Scenario, "why the figures are illustrations; printed at the top of the ledger"),
    phrase("as of DATE", Place::Scenario, "the date the ledger reports status at; without it, the agreement's date"),
    phrase("fact NAME is VALUE", Place::Scenario, "A fact's value is a figure, not a calculation, and must be of the declared type"),
    phrase("condition \"the words of the clause\" is yes", Place::Scenario, "A scenario decides a condition written in words by repeating the words"),
    phrase("assume READING is OPTION", Place::Scenario, "A scenario switches a reading with `assume interest_start is grace_end`"),
    phrase("every payment is made on its due date", Place::Scenario, "every payment not otherwise recorded is paid in full on its due date"),
    phrase("expect LABEL amount is AMOUNT", Place::Scenario, "A scenario may say what its ledger must show, with `expect` lines."),
    phrase("expect LABEL status is STATUS", Place::Scenario, "its status is this, in the ledger's words (`paid late`) or the JSON's (`paid_late`)"),
    phrase("expect LABEL outstanding is AMOUNT", Place::Scenario, "what was paid toward it, or what remains"),
    phrase("expect finding CODE", Place::Scenario, "the ledger lists (or does not list) a finding with this code"),
    phrase("expect no finding CODE", Place::Scenario, "the ledger lists (or does not list) a finding with this code"),
    phrase("scenario NAME \"title\"", Place::Scenario, "A scenario is a hypothetical: facts the contract leaves open and dated events."),
    phrase("paid PARTY AMOUNT on DATE for LABEL due DATE", Place::ScenarioEvent, "Payments are named by label and due date, not by position"),
    phrase("prepaid PARTY AMOUNT on DATE for LABEL", Place::ScenarioEvent, "A prepayment is applied to principal on the day it is made"),
    phrase("received compensation AMOUNT on DATE \"what\"", Place::ScenarioEvent, "Each receipt recorded in a scenario (within that period, if one is given) is set against the installments due on or after the day it was received, earliest first."),
    phrase("notified PARTY on DATE \"of what\" for LABEL", Place::ScenarioEvent, "A notice answers one notice duty, never several."),
    phrase("signed on DATE at TIME", Place::ScenarioEvent, "An offer that lapses needs a signature."),
    phrase("happened on DATE at TIME ZONE", Place::ScenarioEvent, "A scenario records when a payment, a notice or an event was made, with its own time and zone"),
    phrase("prevailed on DATE", Place::ScenarioEvent, "the scenario records that party prevailing in proceedings"),
    phrase("elected OPTION", Place::ScenarioEvent, "A scenario records the choice with `employee elected outplacement`."),
    phrase("happened on DATE", Place::ScenarioEvent, "An event happens once in a scenario (a second record is an error); one that lasts is recorded `from DATE through DATE`."),
];

/// The phrases that may be written at a place.
pub fn phrases_at(place: Place) -> impl Iterator<Item = &'static Phrase> {
    PHRASES.iter().filter(move |p| p.place == place)
}

impl Phrase {
    /// The words of the phrase the user types as they are: not what is
    /// filled in (capitals, text in quotes), lowercase, `'s` dropped.
    pub fn literal_words(&self) -> impl Iterator<Item = &'static str> {
        self.form
            .split('"')
            .step_by(2)
            .flat_map(|part| part.split([' ', ',']))
            .map(|word| word.trim_end_matches("'s"))
            .filter(|word| {
                // `semi-monthly` is one word of the language.
                word.starts_with(|c: char| c.is_ascii_lowercase())
                    && word.chars().all(|c| c.is_ascii_lowercase() || c == '-')
            })
    }
}

/// The phrase a word of the language belongs to, on a line of `words`:
/// among the phrases holding the word, the one whose words the line holds
/// most completely (`on` in `remainder on the last installment` is that
/// phrase's, alone on a line it is `on DATE`'s); a phrase of `preferred`
/// places (a scenario's, in a scenario file) before the others.
pub fn phrase_of(word: &str, line: &[&str], preferred: &[Place]) -> Option<&'static Phrase> {
    if !KEYWORDS.contains(&word) {
        return None;
    }
    let (first, rest): (Vec<&Phrase>, Vec<&Phrase>) =
        PHRASES.iter().partition(|p| preferred.contains(&p.place));
    best_phrase(word, line, &first).or_else(|| best_phrase(word, line, &rest))
}

fn best_phrase(word: &str, line: &[&str], phrases: &[&'static Phrase]) -> Option<&'static Phrase> {
    let mut best: Option<(&Phrase, usize, usize)> = None;
    for phrase in phrases.iter().copied() {
        let words: Vec<&str> = phrase.literal_words().collect();
        if !words.contains(&word) {
            continue;
        }
        let found = words.iter().filter(|w| line.contains(w)).count();
        // Fewer than half of its words on the line: not this phrase.
        if found * 2 < words.len() {
            continue;
        }
        let better = best.is_none_or(|(_, f, n)| found * n > f * words.len());
        if better {
            best = Some((phrase, found, words.len()));
        }
    }
    best.map(|(phrase, _, _)| phrase)
}

/// Whether a word can never be a name.
pub fn is_reserved(word: &str) -> bool {
    RESERVED.binary_search(&word).is_ok()
}

/// Whether a word can be a name (a party, fact, label, option): letters,
/// digits and `_`, starting with a letter, and not a reserved word — the
/// grammar's `name` rule.
pub fn is_name(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !is_reserved(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GRAMMAR: &str = include_str!("../../grammar/clause.pest");

    /// The word of each of the grammar's `kw_` rules.
    fn kw_rules() -> Vec<String> {
        let mut words: Vec<String> = GRAMMAR
            .lines()
            .filter(|l| l.starts_with("kw_"))
            .filter_map(|l| l.split('"').nth(1).map(str::to_owned))
            .collect();
        words.sort();
        words.dedup();
        words
    }

    /// The words of the grammar's `keyword` rule.
    fn keyword_rule() -> Vec<String> {
        let body = GRAMMAR
            .split("\nkeyword = {")
            .nth(1)
            .and_then(|rest| rest.split('}').next())
            .unwrap_or("");
        let mut words: Vec<String> = body
            .split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect();
        words.sort();
        words
    }

    #[test]
    fn the_tables_are_the_grammars_words() {
        assert_eq!(KEYWORDS, kw_rules());
        assert_eq!(RESERVED, keyword_rule());
    }

    #[test]
    fn names_are_what_the_grammar_reads_as_names() {
        use crate::syntax::parse::{ClauseParser, Rule};
        use pest::Parser;
        for word in [
            "employee",
            "annual_salary",
            "x2",
            "paid",
            "2x",
            "_a",
            "a-b",
            "",
            "pays",
        ] {
            let grammar = ClauseParser::parse(Rule::name, word).is_ok_and(|p| p.as_str() == word);
            assert_eq!(is_name(word), grammar, "{word}");
        }
    }

    /// Every string the grammar matches, split into words (its comments
    /// left out: they quote examples, not rules).
    fn grammar_literal_words() -> Vec<String> {
        GRAMMAR
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .flat_map(|l| l.split('"').skip(1).step_by(2))
            .flat_map(|literal| literal.split(' '))
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn every_phrase_is_made_of_the_grammars_words() {
        let literals = grammar_literal_words();
        for phrase in PHRASES {
            for word in phrase.literal_words() {
                assert!(
                    KEYWORDS.contains(&word) || literals.iter().any(|l| l == word),
                    "`{word}` of `{}` is not a word of the grammar",
                    phrase.form
                );
            }
        }
    }

    #[test]
    fn every_keyword_is_in_a_phrase() {
        for word in KEYWORDS {
            assert!(
                PHRASES.iter().any(|p| p.literal_words().any(|w| w == *word)),
                "`{word}` is in no phrase: add the phrase it belongs to, with the guide's sentence for it"
            );
        }
    }

    #[test]
    fn every_meaning_is_the_guides_words() {
        let guide = include_str!("../../docs/LANGUAGE.md").replace("**", "");
        let folded = guide.split_whitespace().collect::<Vec<_>>().join(" ");
        for phrase in PHRASES {
            assert!(
                folded.contains(phrase.meaning),
                "the meaning of `{}` is not in docs/LANGUAGE.md: {}",
                phrase.form,
                phrase.meaning
            );
        }
    }

    #[test]
    fn a_word_belongs_to_the_phrase_its_line_holds() {
        let line = |text: &'static str| text.split_whitespace().collect::<Vec<_>>();
        let of = |word, text| phrase_of(word, &line(text), &[]).map(|p| p.form);
        assert_eq!(of("on", "on June 6, 2002"), Some("on DATE"));
        assert_eq!(
            of("on", "remainder on the last installment"),
            Some("remainder on the last installment")
        );
        assert_eq!(
            of("installments", "in six (6) equal monthly installments"),
            Some("in COUNT equal FREQUENCY installments")
        );
        assert_eq!(of("employee", "employee pays"), None);
        assert_eq!(
            of(
                "or",
                "if employee elects outplacement or lessor_accepts_transfer"
            ),
            Some("CONDITION or CONDITION")
        );
        let in_scenario = phrase_of(
            "fact",
            &line("fact annual_salary is $1.00"),
            &[Place::Scenario],
        );
        assert_eq!(in_scenario.map(|p| p.form), Some("fact NAME is VALUE"));
    }

    #[test]
    fn every_table_is_sorted_and_made_of_keywords() {
        for table in [KEYWORDS, RESERVED, VERBS, LINE_STARTERS] {
            assert!(table.windows(2).all(|w| w[0] < w[1]), "{table:?}");
            assert!(table.iter().all(|w| KEYWORDS.contains(w)), "{table:?}");
        }
    }
}
