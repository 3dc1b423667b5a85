//! Numbers written in words, as contracts write them: "six", "twenty-four",
//! "Eighty-Six Thousand Four Hundred", "twelve percent". Used to check that
//! words and numerals agree ("six (6)", "twelve percent (12%)").

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
            "and" | "dollars" | "dollar" | "percent" | "per" | "cent" => continue,
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

/// Whether a word can be part of a number written in words.
pub fn is_number_word(word: &str) -> bool {
    let word = word.to_ascii_lowercase();
    matches!(
        word.as_str(),
        "hundred" | "thousand" | "million" | "billion" | "and" | "dollars" | "dollar" | "percent"
    ) || word.split('-').all(|part| small_number(part).is_some())
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
}
