//! "Did you mean": the closest name among those declared, and lists of
//! alternatives in words. One helper for every phase that suggests.

/// `a, b and c`
pub fn join_and(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

/// `a, b or c`
pub fn join_or(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}

/// How many leading characters two words share: among equally close
/// keywords, `pay` is more likely `pays` than `may`.
pub fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// Edit distance counting a swap of two neighbouring letters as one edit
/// (optimal string alignment), for "did you mean": `bsae` is one edit from
/// `base`. Three rows at a time, so memory grows with the shorter word,
/// not with the product of the lengths (two 60,000-letter names asked for
/// 28 GB and aborted).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (a, b) = if a.len() < b.len() { (b, a) } else { (a, b) };
    // Rows i-2, i-1 and i of the table, each as wide as the shorter word.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        if let Some(first) = current.first_mut() {
            *first = i;
        }
        for j in 1..=b.len() {
            let at = |row: &[usize], j: usize| row.get(j).copied().unwrap_or(usize::MAX / 2);
            let same = a.get(i - 1) == b.get(j - 1);
            let mut best = (at(&previous, j) + 1)
                .min(at(&current, j - 1) + 1)
                .min(at(&previous, j - 1) + usize::from(!same));
            let swapped =
                i > 1 && j > 1 && a.get(i - 1) == b.get(j - 2) && a.get(i - 2) == b.get(j - 1);
            if swapped {
                best = best.min(at(&before, j - 2) + 1);
            }
            if let Some(cell) = current.get_mut(j) {
                *cell = best;
            }
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous.last().copied().unwrap_or(0)
}

/// The longest name a "did you mean" is looked for: past it, a suggestion
/// helps no one, and comparing costs the product of the lengths for every
/// name declared.
pub const MAX_SUGGESTED_CHARS: usize = 64;

/// The closest name among candidates, for "did you mean `employee`?".
/// Candidates whose length alone puts them too far are not compared.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let length = name.chars().count();
    if length > MAX_SUGGESTED_CHARS {
        return None;
    }
    let limit = (length / 3).max(1);
    candidates
        .into_iter()
        .filter(|c| {
            // The byte count first (a char is at most four bytes): a long
            // candidate is passed over without counting its chars.
            c.len() <= (length + limit) * 4 && c.chars().count().abs_diff(length) <= limit
        })
        .map(|c| (edit_distance(name, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_a_swap_as_one() {
        assert_eq!(edit_distance("bsae", "base"), 1);
        assert_eq!(edit_distance("emploee", "employee"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("pay", "pays"), 1);
        assert_eq!(closest("compnay", ["company", "employee"]), Some("company"));
        assert_eq!(closest("xyz", ["company", "employee"]), None);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("ca", "abc"), 3);
    }

    #[test]
    fn long_names_are_compared_in_little_memory_or_not_at_all() {
        let long = "a".repeat(60_000);
        let other = format!("{}b", "a".repeat(59_999));
        assert_eq!(closest(&other, [long.as_str()]), None);
        assert_eq!(edit_distance(&"x".repeat(3_000), &"x".repeat(2_999)), 1);
    }
}
