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
    "prevailed",
    "prevails",
    "provides",
    "quarterly",
    "quote",
    "received",
    "receives",
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
    "signed",
    "signs",
    "simple",
    "source",
    "status",
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

    #[test]
    fn every_table_is_sorted_and_made_of_keywords() {
        for table in [KEYWORDS, RESERVED, VERBS, LINE_STARTERS] {
            assert!(table.windows(2).all(|w| w[0] < w[1]), "{table:?}");
            assert!(table.iter().all(|w| KEYWORDS.contains(w)), "{table:?}");
        }
    }
}
