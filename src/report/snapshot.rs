//! `clausec test`: a ledger's text compared line by line with its stored
//! snapshot, as a unified diff a reviewer reads.
//!
//! The diff is Myers' (the shortest edit script), shown with three lines of
//! context around each change, and each hunk names the obligations whose
//! lines changed. The snapshot is plain text, the text ledger with the
//! arithmetic (`clausec obligations --explain`); nothing else is stored
//! with it, so which obligation a line belongs to is read back from the
//! layout [`crate::report::render::ledger_text`] writes ([`line_owners`]).

use std::fmt::Write as _;

/// Lines of context shown around each change.
pub const CONTEXT: usize = 3;

/// Past this many differing lines, the diff stops looking for the
/// shortest script and shows the differing middle as removed and added:
/// the work stays bounded (about a million steps of memory) however
/// different two ledgers are.
const MAX_EDITS: usize = 1_000;

/// One step of a line diff: indices into the old and new lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Same { old: usize, new: usize },
    Removed { old: usize },
    Added { new: usize },
}

/// A ledger that differs from its snapshot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// The unified diff: `--- old`, `+++ new`, then the hunks.
    pub text: String,
    /// The obligations whose lines changed, in the order they appear
    /// (`2(b).severance[2]`, `2(b).severance`).
    pub obligations: Vec<String>,
}

/// The difference from `old` (the snapshot) to `new` (the ledger now), or
/// `None` when they are the same text. `old_name` and `new_name` head the
/// two sides.
pub fn compare(old: &str, new: &str, old_name: &str, new_name: &str) -> Option<Difference> {
    if old == new {
        return None;
    }
    let old_lines = lines(old);
    let new_lines = lines(new);
    let ops = diff_lines(&old_lines, &new_lines);
    let mut text = format!("--- {old_name}\n+++ {new_name}\n");
    let old_owners = line_owners(old);
    let new_owners = line_owners(new);
    let mut obligations: Vec<String> = Vec::new();
    let hunks = hunks(&ops, CONTEXT);
    if hunks.is_empty() {
        text.push_str(
            "the lines are the same; the snapshot differs in its line breaks (a last line break, or CRLF)\n",
        );
    }
    let ops_all = &ops;
    for hunk in hunks {
        let Some(ops) = ops_all.get(hunk.clone()) else {
            continue;
        };
        let mut owners: Vec<String> = Vec::new();
        for op in ops {
            let owner = match *op {
                Op::Removed { old } => old_owners.get(old),
                Op::Added { new } => new_owners.get(new),
                Op::Same { .. } => None,
            };
            if let Some(Some(owner)) = owner {
                if !owners.contains(owner) {
                    owners.push(owner.clone());
                }
            }
        }
        let (old_start, old_count, new_start, new_count) = ranges(ops_all, &hunk);
        let _ = write!(
            text,
            "@@ -{} +{} @@",
            range(old_start, old_count),
            range(new_start, new_count)
        );
        if !owners.is_empty() {
            let _ = write!(text, " {}", owners.join(", "));
        }
        text.push('\n');
        for op in ops {
            let (mark, line) = match *op {
                Op::Same { old, .. } => (' ', old_lines.get(old)),
                Op::Removed { old } => ('-', old_lines.get(old)),
                Op::Added { new } => ('+', new_lines.get(new)),
            };
            let _ = writeln!(text, "{mark}{}", line.copied().unwrap_or(""));
        }
        for owner in owners {
            if !obligations.contains(&owner) {
                obligations.push(owner);
            }
        }
    }
    Some(Difference { text, obligations })
}

/// A text's lines; a last line break ends the last line rather than
/// starting an empty one.
fn lines(text: &str) -> Vec<&str> {
    let body = text.strip_suffix('\n').unwrap_or(text);
    if text.is_empty() {
        return Vec::new();
    }
    body.split('\n').collect()
}

/// `12,7`, or for an empty side, the line it follows: `11,0`.
fn range(start: usize, count: usize) -> String {
    if count == 0 {
        format!("{start},0")
    } else {
        format!("{},{count}", start + 1)
    }
}

/// How many old and new lines come before a hunk, and how many of each it
/// shows.
fn ranges(all: &[Op], hunk: &std::ops::Range<usize>) -> (usize, usize, usize, usize) {
    let count = |ops: &[Op]| {
        ops.iter().fold((0, 0), |(old, new), op| match op {
            Op::Same { .. } => (old + 1, new + 1),
            Op::Removed { .. } => (old + 1, new),
            Op::Added { .. } => (old, new + 1),
        })
    };
    let (old_before, new_before) = count(all.get(..hunk.start).unwrap_or(&[]));
    let (old_count, new_count) = count(all.get(hunk.clone()).unwrap_or(&[]));
    (old_before, old_count, new_before, new_count)
}

/// The ranges of `ops` to show: each change with `context` unchanged lines
/// on either side, ranges that touch merged.
pub fn hunks(ops: &[Op], context: usize) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for (at, op) in ops.iter().enumerate() {
        if matches!(op, Op::Same { .. }) {
            continue;
        }
        let start = at.saturating_sub(context);
        let end = (at + 1 + context).min(ops.len());
        match out.last_mut() {
            Some(last) if start <= last.end => last.end = last.end.max(end),
            _ => out.push(start..end),
        }
    }
    out
}

/// The shortest script of removed and added lines from `old` to `new`
/// (Myers), the unchanged lines at either end taken off first. Past
/// [`MAX_EDITS`] changes, the differing middle is shown as removed, then
/// added.
pub fn diff_lines(old: &[&str], new: &[&str]) -> Vec<Op> {
    let prefix = old
        .iter()
        .zip(new.iter())
        .take_while(|(a, b)| a == b)
        .count();
    let suffix = old
        .iter()
        .skip(prefix)
        .rev()
        .zip(new.iter().skip(prefix).rev())
        .take_while(|(a, b)| a == b)
        .count();
    let old_middle = old.get(prefix..old.len() - suffix).unwrap_or(&[]);
    let new_middle = new.get(prefix..new.len() - suffix).unwrap_or(&[]);
    let mut ops: Vec<Op> = (0..prefix).map(|i| Op::Same { old: i, new: i }).collect();
    let middle = myers(old_middle, new_middle).unwrap_or_else(|| {
        (0..old_middle.len())
            .map(|old| Op::Removed { old })
            .chain((0..new_middle.len()).map(|new| Op::Added { new }))
            .collect()
    });
    ops.extend(middle.into_iter().map(|op| match op {
        Op::Same { old, new } => Op::Same {
            old: old + prefix,
            new: new + prefix,
        },
        Op::Removed { old } => Op::Removed { old: old + prefix },
        Op::Added { new } => Op::Added { new: new + prefix },
    }));
    let (old_end, new_end) = (old.len() - suffix, new.len() - suffix);
    ops.extend((0..suffix).map(|i| Op::Same {
        old: old_end + i,
        new: new_end + i,
    }));
    ops
}

/// Myers' greedy shortest edit script, or `None` past [`MAX_EDITS`].
/// `trace[d]` holds the furthest x reached on each diagonal k in `-d..=d`
/// after `d` edits (at index `k + d`).
fn myers(a: &[&str], b: &[&str]) -> Option<Vec<Op>> {
    let (n, m) = (to_i(a.len()), to_i(b.len()));
    let mut trace: Vec<Vec<i64>> = Vec::new();
    let mut found = None;
    for d in 0..=to_i(MAX_EDITS) {
        let previous = trace.last();
        let mut v = vec![0i64; usize::try_from(2 * d + 1).ok()?];
        let mut k = -d;
        while k <= d {
            let mut x = if d == 0 {
                0
            } else if k == -d || (k != d && at(previous, k - 1, d - 1) < at(previous, k + 1, d - 1))
            {
                at(previous, k + 1, d - 1)
            } else {
                at(previous, k - 1, d - 1) + 1
            };
            let mut y = x - k;
            while x < n && y < m && line(a, x) == line(b, y) {
                x += 1;
                y += 1;
            }
            if let Some(slot) = usize::try_from(k + d).ok().and_then(|i| v.get_mut(i)) {
                *slot = x;
            }
            if x >= n && y >= m {
                found = Some(d);
            }
            k += 2;
        }
        trace.push(v);
        if found.is_some() {
            break;
        }
    }
    let edits = found?;
    let mut ops = Vec::new();
    let (mut x, mut y) = (n, m);
    for d in (1..=edits).rev() {
        let previous = trace.get(usize::try_from(d - 1).ok()?);
        let k = x - y;
        let prev_k =
            if k == -d || (k != d && at(previous, k - 1, d - 1) < at(previous, k + 1, d - 1)) {
                k + 1
            } else {
                k - 1
            };
        let prev_x = at(previous, prev_k, d - 1);
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            x -= 1;
            y -= 1;
            ops.push(Op::Same {
                old: to_u(x),
                new: to_u(y),
            });
        }
        if x == prev_x {
            y -= 1;
            ops.push(Op::Added { new: to_u(y) });
        } else {
            x -= 1;
            ops.push(Op::Removed { old: to_u(x) });
        }
        (x, y) = (prev_x, prev_y);
    }
    while x > 0 && y > 0 {
        x -= 1;
        y -= 1;
        ops.push(Op::Same {
            old: to_u(x),
            new: to_u(y),
        });
    }
    ops.reverse();
    Some(ops)
}

/// The furthest x on diagonal `k` after `d` edits (as stored in `trace[d]`).
fn at(v: Option<&Vec<i64>>, k: i64, d: i64) -> i64 {
    v.and_then(|v| usize::try_from(k + d).ok().and_then(|i| v.get(i)))
        .copied()
        .unwrap_or(0)
}

fn line<'a>(lines: &[&'a str], at: i64) -> Option<&'a str> {
    usize::try_from(at).ok().and_then(|i| lines.get(i)).copied()
}

fn to_i(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn to_u(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

/// Which obligation each line of a text ledger belongs to, read back from
/// the layout [`crate::report::render::ledger_text`] writes: an
/// obligation's line starts two spaces in with its id and ` · `; an
/// instance's line six or seven spaces in with its number and `. due`, and
/// what is indented under it is the instance's (`2(b).severance[2]`);
/// what follows at less depth is the obligation's again, and a clause
/// heading, the findings and the assumptions are no obligation's. Used
/// only to name the obligations in a diff (the snapshot is plain text):
/// nothing is computed from it.
pub fn line_owners(text: &str) -> Vec<Option<String>> {
    let mut owners = Vec::new();
    let mut base: Option<String> = None;
    let mut current: Option<String> = None;
    for line in lines(text) {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent < 2 {
            base = None;
            current = None;
        } else if indent == 2 {
            base = obligation_heading(line);
            current.clone_from(&base);
        } else if let Some(number) = instance_number(line, indent) {
            current = base.as_ref().map(|b| format!("{b}[{number}]"));
        } else if indent < 10 {
            current.clone_from(&base);
        }
        owners.push(current.clone());
    }
    owners
}

/// `  2(b).severance · payment · ...` → `2(b).severance`
fn obligation_heading(line: &str) -> Option<String> {
    let (id, _) = line.get(2..)?.split_once(" · ")?;
    let plain = !id.is_empty() && !id.contains(' ') && !id.starts_with('“');
    plain.then(|| id.to_owned())
}

/// `       2. due October 31, 2002 ...` → 2
fn instance_number(line: &str, indent: usize) -> Option<usize> {
    if !(6..=7).contains(&indent) {
        return None;
    }
    let rest = line.get(indent..)?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = rest.get(digits.len()..)?;
    if digits.is_empty() || !after.starts_with(". due") {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(old: &[&str], new: &[&str], ops: &[Op]) -> (Vec<String>, Vec<String>) {
        let mut from = Vec::new();
        let mut to = Vec::new();
        for op in ops {
            match *op {
                Op::Same { old: o, new: n } => {
                    assert_eq!(old[o], new[n]);
                    from.push(old[o].to_owned());
                    to.push(new[n].to_owned());
                }
                Op::Removed { old: o } => from.push(old[o].to_owned()),
                Op::Added { new: n } => to.push(new[n].to_owned()),
            }
        }
        (from, to)
    }

    #[test]
    fn the_script_rebuilds_both_sides_and_is_short() {
        let cases: &[(&str, &str, usize)] = &[
            ("a b c d", "a x c d", 2),
            ("a b c", "a b c", 0),
            ("", "a b", 2),
            ("a b", "", 2),
            ("a b c a b b a", "c b a b a c", 5),
            ("x a b c", "a b c y", 2),
        ];
        for (old, new, edits) in cases {
            let old: Vec<&str> = old.split_whitespace().collect();
            let new: Vec<&str> = new.split_whitespace().collect();
            let ops = diff_lines(&old, &new);
            let (from, to) = apply(&old, &new, &ops);
            assert_eq!(from, old);
            assert_eq!(to, new);
            let changed = ops.iter().filter(|o| !matches!(o, Op::Same { .. })).count();
            assert_eq!(changed, *edits, "{old:?} → {new:?}: {ops:?}");
        }
    }

    #[test]
    fn a_change_is_shown_with_three_lines_of_context() {
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        let new = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        let diff = compare(old, new, "old", "new").expect("the texts differ");
        assert_eq!(
            diff.text,
            "--- old\n+++ new\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"
        );
    }

    #[test]
    fn an_added_tail_is_numbered_after_the_last_line() {
        let diff = compare("a\n", "a\nb\n", "old", "new").expect("the texts differ");
        assert_eq!(diff.text, "--- old\n+++ new\n@@ -1,1 +1,2 @@\n a\n+b\n");
        let diff = compare("", "b\n", "old", "new").expect("the texts differ");
        assert_eq!(diff.text, "--- old\n+++ new\n@@ -0,0 +1,1 @@\n+b\n");
    }

    #[test]
    fn a_missing_last_line_break_is_said_in_words() {
        let diff = compare("a", "a\n", "old", "new").expect("the texts differ");
        assert!(diff.text.contains("line breaks"), "{}", diff.text);
    }

    #[test]
    fn past_the_limit_the_middle_is_replaced_whole() {
        let old: Vec<String> = (0..3000).map(|i| format!("o{i}")).collect();
        let new: Vec<String> = (0..3000).map(|i| format!("n{i}")).collect();
        let old: Vec<&str> = old.iter().map(String::as_str).collect();
        let new: Vec<&str> = new.iter().map(String::as_str).collect();
        let ops = diff_lines(&old, &new);
        let (from, to) = apply(&old, &new, &ops);
        assert_eq!((from.len(), to.len()), (3000, 3000));
    }

    #[test]
    fn lines_are_owned_by_their_obligation_and_instance() {
        let ledger = "Clause 2(b): Severance\n  “Additional …”\n  2(b).severance · payment · company pays employee\n      grace period of 10 days\n       1. due September 30, 2002    $20,833.33  paid\n            = $20,833.33 = $125,000.00 ÷ 6\n      10. due October 31, 2002      $20,833.33  paid late\n          late interest $256.85\n      total $125,000.00 in 6 installments\n\nFindings\n  warning x · y\n";
        let owners = line_owners(ledger);
        let shown: Vec<Option<&str>> = owners.iter().map(Option::as_deref).collect();
        assert_eq!(
            shown,
            [
                None,
                None,
                Some("2(b).severance"),
                Some("2(b).severance"),
                Some("2(b).severance[1]"),
                Some("2(b).severance[1]"),
                Some("2(b).severance[10]"),
                Some("2(b).severance[10]"),
                Some("2(b).severance"),
                None,
                None,
                None,
            ]
        );
    }
}
