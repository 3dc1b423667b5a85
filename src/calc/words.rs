//! Numbers written in words, as contracts write them: "six", "twenty-four",
//! "Eighty-Six Thousand Four Hundred", "twelve percent", "one-half of one
//! percent", "one and one-half percent". Used to check that words and
//! numerals agree ("six (6)", "twelve percent (12%)").

use crate::calc::money::Currency;
use rust_decimal::Decimal;

/// The value of number words (`["Twenty-Four"]`, `["Eighty-Six", "Thousand",
/// "Four", "Hundred"]`), or `None` if a word is not part of a number.
/// Connectives and units that often stand between the words and the
/// numerals (`and`, `dollars`, `percent`) are ignored.
pub fn value_of(words: &[&str]) -> Option<u64> {
    let mut total: u64 = 0;
    let mut current: u64 = 0;
    let mut seen_number = false;
    for word in words {
        let word = word.to_ascii_lowercase();
        match word.as_str() {
            "and" | "percent" | "per" | "cent" => continue,
            unit if currency_of_unit(unit).is_some() => continue,
            "hundred" => current = current.max(1).checked_mul(100)?,
            "thousand" | "million" | "billion" => {
                let scale = match word.as_str() {
                    "thousand" => 1_000,
                    "million" => 1_000_000,
                    _ => 1_000_000_000,
                };
                total = total.checked_add(current.max(1).checked_mul(scale)?)?;
                current = 0;
            }
            _ => {
                let mut value = 0;
                for part in word.split('-') {
                    value += small_number(part)?;
                }
                current = current.checked_add(value)?;
            }
        }
        seen_number = true;
    }
    seen_number.then_some(total.checked_add(current)?)
}

/// The exact value of number words that may hold fractions: `one-half of
/// one percent` is 0.5, `one and one-half` 1.5, `three-quarters` 0.75, `a
/// half` 0.5; whole numbers as [`value_of`] reads them. A fraction followed
/// by `of` takes that share of what follows. `None` if a word is not part of
/// a number, or a fraction does not come out exact (thirds).
pub fn amount_of(words: &[&str]) -> Option<Decimal> {
    // Words that only join a number to what is around it, at its start.
    let start = words
        .iter()
        .position(|w| !matches!(w.to_ascii_lowercase().as_str(), "of" | "and"))?;
    let words = words.get(start..)?;
    if let Some(of) = words.iter().position(|w| w.eq_ignore_ascii_case("of")) {
        let share = amount_of(words.get(..of)?)?;
        let whole = amount_of(words.get(of + 1..)?)?;
        return share.checked_mul(whole);
    }
    let mut total = Decimal::ZERO;
    let mut whole: Vec<&str> = Vec::new();
    let mut pending_a = false;
    for word in words {
        match fraction_value(word) {
            Some(fraction) => {
                total = total.checked_add(fraction)?;
                pending_a = false;
            }
            None if word.eq_ignore_ascii_case("a") => pending_a = true,
            None => whole.push(word),
        }
    }
    if pending_a {
        return None;
    }
    let integer = match whole.iter().all(|w| is_joining(w)) {
        true if total > Decimal::ZERO => 0,
        _ => value_of(&whole)?,
    };
    total.checked_add(Decimal::from(integer))
}

/// The currency a unit word names: `dollars` (US dollars unless the words
/// say `Canadian`), `euros`, `pounds` or `sterling`, `francs` (Swiss), `yen`.
fn currency_of_unit(word: &str) -> Option<Currency> {
    Some(match word {
        "dollars" | "dollar" => Currency::Usd,
        "euros" | "euro" => Currency::Eur,
        "pounds" | "pound" | "sterling" => Currency::Gbp,
        "francs" | "franc" => Currency::Chf,
        "yen" => Currency::Jpy,
        _ => return None,
    })
}

/// The words of a currency's smallest unit: `cents`, `pence`, `centimes`.
fn is_minor_unit(word: &str) -> bool {
    matches!(
        word,
        "cents" | "cent" | "pence" | "penny" | "centimes" | "centime" | "rappen"
    )
}

/// Words that only say which dollars or francs (`U.S.`, `Canadian`,
/// `Swiss`); `Canadian` makes dollars Canadian ones.
fn is_currency_qualifier(word: &str) -> bool {
    matches!(
        word,
        "u.s" | "us" | "united" | "states" | "canadian" | "swiss"
    )
}

/// An amount of money in words with its currency, and its cents as
/// contracts write them: `Thirty Thousand Dollars and Fifty Cents` is
/// $30,000.50, `Thirty Thousand and 50/100 Dollars` and `Thirty Thousand
/// and No/100 U.S. Dollars` are $30,000.50 and $30,000.00, `One Thousand
/// Euros` €1,000, `Four Hundred Pounds and Fifty Pence` £400.50.
/// `None` unless the words end in (or around) a currency's name, or a word
/// is not part of the amount.
pub fn money_in_words(words: &[&str]) -> Option<(Decimal, Currency)> {
    let words: Vec<String> = words
        .iter()
        .map(|w| w.trim_end_matches(['.', ',']).to_ascii_lowercase())
        .collect();
    let canadian = words.iter().any(|w| w == "canadian");
    let words: Vec<String> = words
        .into_iter()
        .filter(|w| !is_currency_qualifier(w))
        .collect();
    let unit = words.iter().position(|w| currency_of_unit(w).is_some())?;
    let currency = match currency_of_unit(words.get(unit)?)? {
        Currency::Usd if canadian => Currency::Cad,
        currency => currency,
    };
    let (before, after) = (words.get(..unit)?, words.get(unit + 1..)?);
    let (whole, cents) = match (before, after) {
        // `... and 50/100 Dollars`, `... and No/100 Dollars`
        ([whole @ .., and, fraction], [])
            if and.as_str() == "and" && hundredths(fraction).is_some() =>
        {
            (whole, hundredths(fraction)?)
        }
        // `... Dollars`, `... Pounds Sterling`
        (whole, []) => (whole, 0),
        (whole, [sterling]) if sterling.as_str() == "sterling" => (whole, 0),
        // `... Dollars and Fifty Cents`
        (whole, [and, cents @ .., unit]) if and.as_str() == "and" && is_minor_unit(unit) => {
            let cents: Vec<&str> = cents.iter().map(String::as_str).collect();
            (whole, value_of(&cents).filter(|c| *c < 100)?)
        }
        _ => return None,
    };
    let whole: Vec<&str> = whole.iter().map(String::as_str).collect();
    let whole = Decimal::from(value_of(&whole)?);
    let amount = whole.checked_add(Decimal::new(i64::try_from(cents).ok()?, 2))?;
    Some((amount, currency))
}

/// An amount of money in words that states its cents (see
/// [`money_in_words`]): `None` for a plain `Thirty Thousand Dollars`, which
/// is [`amount_of`]'s.
pub fn money_of(words: &[&str]) -> Option<Decimal> {
    let states_cents = words.iter().any(|w| {
        let w = w.trim_end_matches(['.', ',']).to_ascii_lowercase();
        is_minor_unit(&w) || hundredths(&w).is_some()
    });
    money_in_words(words)
        .filter(|_| states_cents)
        .map(|(amount, _)| amount)
}

/// `50/100` is 50 cents, `No/100` none.
fn hundredths(word: &str) -> Option<u64> {
    let (cents, hundred) = word.split_once('/')?;
    if hundred != "100" {
        return None;
    }
    if cents.eq_ignore_ascii_case("no") || cents == "00" {
        return Some(0);
    }
    cents.parse().ok().filter(|c| *c < 100)
}

/// Whether a word can be part of an amount of money in words: a number's
/// word, and the words of its cents (`Cents`, `No/100`, `50/100`) and its
/// currency (`U.S.`).
pub fn is_money_word(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    let mut buffer = [0; LONGEST];
    let lower = lowered(word, &mut buffer).unwrap_or("");
    is_number_word(word)
        || is_minor_unit(lower)
        || is_currency_qualifier(lower)
        || currency_of_unit(lower).is_some()
        || hundredths(word).is_some()
}

/// `one-half`, `three-quarters`, `half` (as in `a half`): the fraction's
/// value; `None` for any other word.
fn fraction_value(word: &str) -> Option<Decimal> {
    let mut buffer = [0; LONGEST];
    let word = lowered(word, &mut buffer)?;
    let (count, part) = match word.split_once('-') {
        Some((count, part)) => (small_number(count)?, part),
        None => (1, word),
    };
    let denominator: u64 = match part {
        "half" | "halves" => 2,
        "quarter" | "quarters" | "fourth" | "fourths" => 4,
        "tenth" | "tenths" => 10,
        "hundredth" | "hundredths" => 100,
        _ => return None,
    };
    Decimal::from(count).checked_div(Decimal::from(denominator))
}

/// Words that join a number's parts or name its unit.
fn is_joining(word: &str) -> bool {
    let mut buffer = [0; LONGEST];
    matches!(
        lowered(word, &mut buffer),
        Some("and" | "percent" | "per" | "cent")
    ) || lowered(word, &mut buffer)
        .and_then(currency_of_unit)
        .is_some()
}

/// Longer than any word of a number (`seventeen-hundredths` has 20
/// letters): a longer word is not one.
const LONGEST: usize = 32;

/// `word` in lower case, written in `buffer` (no allocation: every word of
/// every quote is asked about); `None` for a word longer than [`LONGEST`].
fn lowered<'b>(word: &str, buffer: &'b mut [u8; LONGEST]) -> Option<&'b str> {
    let slot = buffer.get_mut(..word.len())?;
    slot.copy_from_slice(word.as_bytes());
    slot.make_ascii_lowercase();
    std::str::from_utf8(slot).ok()
}

/// Whether a word can be part of a number written in words.
pub fn is_number_word(word: &str) -> bool {
    let mut buffer = [0; LONGEST];
    let Some(word) = lowered(word, &mut buffer) else {
        return false;
    };
    matches!(
        word,
        "hundred" | "thousand" | "million" | "billion" | "and" | "percent" | "of" | "a"
    ) || currency_of_unit(word).is_some()
        || fraction_value(word).is_some()
        || word.split('-').all(|part| small_number(part).is_some())
}

/// zero to nineteen, and the tens.
fn small_number(word: &str) -> Option<u64> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(i) = UNITS.iter().position(|u| *u == word) {
        return Some(i as u64);
    }
    TENS.iter()
        .position(|t| *t == word)
        .map(|i| (i as u64 + 2) * 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contract_numbers() {
        assert_eq!(value_of(&["six"]), Some(6));
        assert_eq!(value_of(&["Twenty-Four"]), Some(24));
        assert_eq!(value_of(&["twelve", "percent"]), Some(12));
        assert_eq!(
            value_of(&["Eighty-Six", "Thousand", "Four", "Hundred", "Dollars"]),
            Some(86_400)
        );
        assert_eq!(value_of(&["One", "Hundred", "and", "Five"]), Some(105));
        assert_eq!(value_of(&["ten", "thousand"]), Some(10_000));
        assert_eq!(value_of(&["dollars"]), None);
        assert_eq!(value_of(&["equal"]), None);
        assert!(is_number_word("Thirty-Six") && !is_number_word("monthly"));
    }

    fn amount(words: &str) -> Option<Decimal> {
        amount_of(&words.split(' ').collect::<Vec<_>>())
    }

    #[test]
    fn fractions_in_words() {
        assert_eq!(amount("one-half of one percent"), Some(Decimal::new(5, 1)));
        assert_eq!(
            amount("one and one-half percent"),
            Some(Decimal::new(15, 1))
        );
        assert_eq!(amount("three-quarters"), Some(Decimal::new(75, 2)));
        assert_eq!(amount("two and a half"), Some(Decimal::new(25, 1)));
        assert_eq!(amount("of six"), Some(Decimal::from(6)));
        assert_eq!(
            amount("Eighty-Six Thousand Four Hundred Dollars"),
            Some(Decimal::from(86_400))
        );
        assert_eq!(amount("one-third"), None);
        assert_eq!(amount("Thirty Thousand Dollars and Fifty Cents"), None);
        assert_eq!(amount("of"), None);
        assert_eq!(amount("a"), None);
    }

    fn money(words: &str) -> Option<Decimal> {
        money_of(&words.split(' ').collect::<Vec<_>>())
    }

    #[test]
    fn money_with_its_cents_in_words() {
        // 30,000 + 50/100 = 30,000.50
        assert_eq!(
            money("Thirty Thousand Dollars and Fifty Cents"),
            Some(Decimal::new(3_000_050, 2))
        );
        assert_eq!(
            money("Thirty Thousand and 50/100 Dollars"),
            Some(Decimal::new(3_000_050, 2))
        );
        assert_eq!(
            money("Twenty-Four Thousand and No/100 U.S. Dollars"),
            Some(Decimal::from(24_000))
        );
        assert_eq!(money("One Dollar and One Cent"), Some(Decimal::new(101, 2)));
        // Not cents, or no dollars: not this reading.
        assert_eq!(money("Thirty Thousand Dollars"), None);
        assert_eq!(money("Thirty Thousand and 50/1000 Dollars"), None);
        assert_eq!(money("Thirty Thousand Dollars and One Hundred Cents"), None);
        assert_eq!(money("fifty cents"), None);
        assert!(is_money_word("No/100") && is_money_word("U.S.") && is_money_word("Cents"));
        assert!(!is_money_word("installments"));
    }

    #[test]
    fn money_in_words_says_its_currency() {
        let read = |words: &str| money_in_words(&words.split(' ').collect::<Vec<_>>());
        let d = |units: i64, scale: u32| Decimal::new(units, scale);
        assert_eq!(
            read("One Thousand Euros"),
            Some((d(1000, 0), Currency::Eur))
        );
        // 400 + 50/100 = 400.50
        assert_eq!(
            read("Four Hundred Pounds and Fifty Pence"),
            Some((d(40050, 2), Currency::Gbp))
        );
        assert_eq!(
            read("Two Thousand Pounds Sterling"),
            Some((d(2000, 0), Currency::Gbp))
        );
        assert_eq!(
            read("Five Hundred Swiss Francs"),
            Some((d(500, 0), Currency::Chf))
        );
        assert_eq!(
            read("One Hundred Twenty-Five Thousand Yen"),
            Some((d(125_000, 0), Currency::Jpy))
        );
        // 12 x 100 + 25/100 = 1,200.25
        assert_eq!(
            read("Twelve Hundred and 25/100 Canadian Dollars"),
            Some((d(120_025, 2), Currency::Cad))
        );
        assert_eq!(
            read("Thirty Thousand Dollars"),
            Some((d(30_000, 0), Currency::Usd))
        );
        assert_eq!(read("Thirty Thousand"), None);
        assert!(is_money_word("Euros") && is_money_word("Pence") && is_money_word("Swiss"));
        // A currency's name joins words and numerals as `dollars` does.
        assert_eq!(value_of(&["Six", "Euros"]), Some(6));
    }
}
