//! Amounts and conditions printed back as clause text.
//!
//! Whatever the ledger, a hint or a diff shows as an expression is printed
//! from the tree, never cut out of the file, and re-parses to the same tree
//! (a property test in `tests/properties.rs` holds that). Parentheses are
//! printed where the lawyer wrote them, where the tree needs them — `not (a
//! and b)`, `a - (b + c)` — and around a `greater of` / `lesser of` that is
//! an operand, where a reader would otherwise have to count `and`s.

use super::ast::{BinOp, Condition, Expr, ExprKind};
use crate::calc::calendar::long_date;
use rust_decimal::Decimal;
use std::fmt;

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.parenthesized {
            f.write_str("(")?;
        }
        self.fmt_bare(f)?;
        if self.parenthesized {
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl Expr {
    /// The expression without the parentheses it was written in.
    fn fmt_bare(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.node {
            ExprKind::Money(v, currency) => f.write_str(&money_literal_in(*v, *currency)),
            ExprKind::Percent(rate) => f.write_str(&percent_literal(*rate)),
            ExprKind::Number(v) => write!(f, "{v}"),
            ExprKind::Date(d) => f.write_str(&long_date(*d)),
            ExprKind::Duration(d) => f.write_str(&d.describe()),
            ExprKind::Fact(name, _) => f.write_str(name),
            ExprKind::Binary(op, left, right) => {
                operand(f, left, needs_parens_left(*op, left))?;
                write!(f, " {} ", op_text(*op))?;
                operand(f, right, needs_parens_right(*op, right))
            }
            ExprKind::GreaterOf(a, b) => choice(f, "greater", a, b),
            ExprKind::LesserOf(a, b) => choice(f, "lesser", a, b),
            ExprKind::LaterOf(a, b) => choice(f, "later", a, b),
            ExprKind::EarlierOf(a, b) => choice(f, "earlier", a, b),
            _ => self.fmt_date_form(f),
        }
    }
}

impl Expr {
    /// A date form or a rounded step, apart from [`Expr::fmt_bare`] (which
    /// recurses once per level) so that its frame stays small.
    #[inline(never)]
    fn fmt_date_form(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.node {
            ExprKind::Rounded(inner, rounding) => {
                operand(f, inner, true)?;
                write!(
                    f,
                    " rounded {} to {}",
                    rounding.mode.describe(),
                    rounding.unit.words()
                )
            }
            ExprKind::EventDate(event) => write!(f, "the date of {}", event.name.node),
            ExprKind::EventEnd(event) => write!(f, "the end of {}", event.name.node),
            ExprKind::LastAmount(schedule) => write!(f, "the last amount of {}", schedule.node),
            ExprKind::TotalOf(obligation) => write!(f, "the total of {}", obligation.node),
            ExprKind::Case {
                then,
                condition,
                otherwise,
            } => write!(f, "({then} if {condition}, otherwise {otherwise})"),
            ExprKind::InterestOn {
                schedule,
                rate,
                day_count,
            } => {
                write!(
                    f,
                    "interest on the unpaid balance of {} at {} per annum",
                    schedule.node,
                    percent_literal(rate.node)
                )?;
                match day_count {
                    Some(d) => write!(f, ", {}", d.node.describe()),
                    None => Ok(()),
                }
            }
            ExprKind::UnpaidBalance { obligation, on } => {
                write!(f, "the unpaid balance of {} on ", obligation.node)?;
                factor(f, on)
            }
            ExprKind::FirstDefault { obligation, grace } => write!(
                f,
                "the first day an installment of {} has been unpaid for more than {}",
                obligation.node,
                grace.describe()
            ),
            ExprKind::MonthEnd(date) => {
                f.write_str("the last day of the month of ")?;
                factor(f, date)
            }
            ExprKind::BusinessDay { later, date } => {
                f.write_str(if *later {
                    "the first business day on or after "
                } else {
                    "the last business day on or before "
                })?;
                factor(f, date)
            }
            ExprKind::Between {
                unit,
                from,
                to,
                inclusive,
            } => {
                write!(f, "the number of {} from ", unit.words())?;
                factor(f, from)?;
                f.write_str(if *inclusive { " through " } else { " to " })?;
                factor(f, to)
            }
            ExprKind::Shift { by, after, date } => {
                let direction = if *after { "after" } else { "before" };
                write!(f, "{} {direction} ", by.describe())?;
                factor(f, date)
            }
            ExprKind::YearFraction {
                from,
                to,
                day_count,
            } => {
                f.write_str("the fraction of a year from ")?;
                factor(f, from)?;
                f.write_str(" to ")?;
                factor(f, to)?;
                write!(f, ", {}", day_count.describe())
            }
            // The amount always in parentheses, as the grammar requires.
            ExprKind::Converted {
                amount,
                rate,
                to,
                from,
            } => {
                operand(f, amount, true)?;
                write!(f, " at {} {} per {}", rate.node, to.code(), from.code())
            }
            // The base always in parentheses, as the grammar requires; the
            // exponent one factor, parenthesised when it is a calculation.
            ExprKind::Power { base, exponent } => {
                operand(f, base, true)?;
                f.write_str(" to the power of ")?;
                factor(f, exponent)
            }
            _ => Ok(()),
        }
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Condition::Not(inner, _) => {
                f.write_str("not ")?;
                condition_part(f, inner)
            }
            Condition::All(parts, _) => joined(f, parts, " and "),
            Condition::Any(parts, _) => joined(f, parts, " or "),
            Condition::Elects { party, option, .. } => {
                write!(f, "{} elects {}", party.node, option.name.node)
            }
            Condition::Prevails(party) => write!(f, "{} prevails", party.name.node),
            Condition::Compare(left, op, right) => {
                write!(f, "{left} {} {right}", op.node.as_str())
            }
            Condition::Happens { event, by } => {
                write!(f, "{} happens", event.name.node)?;
                match by {
                    Some(date) => write!(f, " by {date}"),
                    None => Ok(()),
                }
            }
            Condition::Defaulted { obligation, grace } => write!(
                f,
                "an installment of {} has been unpaid for more than {}",
                obligation.node,
                grace.describe()
            ),
            Condition::FactIs { fact, value } => {
                write!(f, "{} is {}", fact.name.node, value.node)
            }
            Condition::Described(text) => f.write_str(&quoted(&text.node)),
            Condition::Fact(fact) => f.write_str(&fact.name.node),
        }
    }
}

/// `$10,000`, `$20,833.33`: the digits the value carries, grouped as a
/// lawyer writes them (the grammar reads the commas back).
pub fn money_literal(value: Decimal) -> String {
    money_literal_in(value, crate::calc::money::Currency::Usd)
}

/// [`money_literal`] in a currency, after its sign or code as the ledger
/// writes amounts: `€1,250.00`, `CHF 400.00`, `JPY 125,000`.
pub fn money_literal_in(value: Decimal, currency: crate::calc::money::Currency) -> String {
    let text = value.abs().to_string();
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text.as_str(), None),
    };
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3 + 1);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if value.is_sign_negative() && !value.is_zero() {
        "-"
    } else {
        ""
    };
    match fraction {
        Some(fraction) => format!("{sign}{}{grouped}.{fraction}", currency.prefix()),
        None => format!("{sign}{}{grouped}", currency.prefix()),
    }
}

/// `18%`, `0.5%`: a rate as the percentage it was written as.
pub fn percent_literal(rate: Decimal) -> String {
    match rate.checked_mul(Decimal::ONE_HUNDRED) {
        Some(percent) => format!("{}%", percent.normalize()),
        // Only a rate that was never written as a percentage can get here.
        None => format!("{rate} (as a fraction)"),
    }
}

/// Text in double quotes, with `"` and `\` escaped as the grammar reads them.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

fn op_text(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::Div => "/",
    }
}

fn is_additive(op: BinOp) -> bool {
    matches!(op, BinOp::Add | BinOp::Sub)
}

fn is_choice(expr: &Expr) -> bool {
    matches!(
        expr.node,
        ExprKind::GreaterOf(..)
            | ExprKind::LesserOf(..)
            | ExprKind::LaterOf(..)
            | ExprKind::EarlierOf(..)
    )
}

/// Operators of one level read left to right, so a left operand needs
/// parentheses only when it binds more loosely (a sum under a product).
fn needs_parens_left(op: BinOp, left: &Expr) -> bool {
    match &left.node {
        ExprKind::Binary(inner, ..) => !is_additive(op) && is_additive(*inner),
        _ => is_choice(left),
    }
}

/// A right operand of the same level needs them too: `a - (b - c)`.
fn needs_parens_right(op: BinOp, right: &Expr) -> bool {
    match &right.node {
        ExprKind::Binary(inner, ..) => is_additive(*inner) || !is_additive(op),
        _ => is_choice(right),
    }
}

fn operand(f: &mut fmt::Formatter<'_>, expr: &Expr, needed: bool) -> fmt::Result {
    if needed && !expr.parenthesized {
        write!(f, "({expr})")
    } else {
        write!(f, "{expr}")
    }
}

/// `the greater of A and B`: each side one figure, fact or parenthesised
/// calculation, as the grammar requires.
fn choice(f: &mut fmt::Formatter<'_>, which: &str, a: &Expr, b: &Expr) -> fmt::Result {
    write!(f, "the {which} of ")?;
    factor(f, a)?;
    f.write_str(" and ")?;
    factor(f, b)
}

/// An operand the grammar takes as one factor (a side of `the greater of`,
/// the date after `30 days after`): a calculation goes in parentheses.
fn factor(f: &mut fmt::Formatter<'_>, expr: &Expr) -> fmt::Result {
    let compound = matches!(expr.node, ExprKind::Binary(..)) || is_choice(expr);
    operand(f, expr, compound)
}

fn joined(f: &mut fmt::Formatter<'_>, parts: &[Condition], word: &str) -> fmt::Result {
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            f.write_str(word)?;
        }
        condition_part(f, part)?;
    }
    Ok(())
}

/// A part of `and`, `or` or `not`: a combination inside it is parenthesised
/// (`and` and `or` do not mix without them, and `not` takes one part).
fn condition_part(f: &mut fmt::Formatter<'_>, part: &Condition) -> fmt::Result {
    match part {
        Condition::All(..) | Condition::Any(..) => write!(f, "({part})"),
        _ => write!(f, "{part}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn money_keeps_the_digits_it_was_written_with() {
        assert_eq!(money_literal(dec("10000")), "$10,000");
        assert_eq!(money_literal(dec("20833.33")), "$20,833.33");
        assert_eq!(money_literal(dec("0.5")), "$0.5");
        assert_eq!(money_literal(dec("1234567.000")), "$1,234,567.000");
    }

    #[test]
    fn percentages_read_as_written() {
        assert_eq!(percent_literal(dec("0.18")), "18%");
        assert_eq!(percent_literal(dec("0.005")), "0.5%");
    }

    #[test]
    fn quotes_and_backslashes_are_escaped() {
        assert_eq!(quoted(r#"the "Company" \ x"#), r#""the \"Company\" \\ x""#);
    }
}
