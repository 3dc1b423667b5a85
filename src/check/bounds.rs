//! What the text alone says an amount can come to: the least and the most
//! it can be under any scenario, from the figures written in it.
//!
//! A written figure is itself; `the lesser of fee and $6,000.00` is at most
//! $6,000.00 whatever the fee; `($5,000.00 if p, otherwise $3,000.00)` is
//! between the two. Anything a scenario decides (a fact, an event's date,
//! another obligation's total) could be anything, so it bounds nothing.
//! Every bound is exact and sound: the amount is never outside it. A bound
//! that cannot be computed exactly is left open, never guessed.

use crate::calc::calendar::span_length;
use crate::calc::exact::Exact;
use crate::calc::money::{Currency, Rounding};
use crate::check::model::Facts;
use crate::syntax::ast::{BinOp, Expr, ExprKind, Type};
use std::cmp::Ordering;

/// The values an amount can take: `None` at an end is no bound there.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Range {
    pub least: Option<Exact>,
    pub most: Option<Exact>,
}

impl Range {
    /// Nothing known.
    pub fn open() -> Range {
        Range::default()
    }

    /// One value.
    pub fn point(value: Exact) -> Range {
        Range {
            least: Some(value.clone()),
            most: Some(value),
        }
    }

    /// The one value, when the range is a single point.
    pub fn exact(&self) -> Option<&Exact> {
        match (&self.least, &self.most) {
            (Some(a), Some(b)) if a == b => Some(a),
            _ => None,
        }
    }

    /// Both ends rounded as the ledger rounds the amount. Rounding never
    /// puts a larger figure below a smaller one, so the rounded ends bound
    /// the rounded amount.
    pub fn rounded(&self, rounding: Rounding) -> Range {
        let round = |end: &Option<Exact>| {
            end.as_ref()
                .and_then(|v| rounding.apply_exact(v))
                .map(Exact::from)
        };
        Range {
            least: round(&self.least),
            most: round(&self.most),
        }
    }

    /// The range once a limit of `cap` has been applied: never above it.
    pub fn capped(&self, cap: &Range) -> Range {
        Range {
            least: min_end(&self.least, &cap.least, true),
            most: min_end(&self.most, &cap.most, false),
        }
    }

    /// `n` amounts of this range added together.
    pub fn times(&self, n: i64) -> Range {
        scale(self, &Exact::from(n))
    }

    fn add(&self, other: &Range) -> Range {
        Range {
            least: both(&self.least, &other.least, Exact::checked_add),
            most: both(&self.most, &other.most, Exact::checked_add),
        }
    }

    fn sub(&self, other: &Range) -> Range {
        Range {
            least: both(&self.least, &other.most, Exact::checked_sub),
            most: both(&self.most, &other.least, Exact::checked_sub),
        }
    }

    fn mul(&self, other: &Range) -> Range {
        if let Some(factor) = other.exact() {
            return scale(self, factor);
        }
        if let Some(factor) = self.exact() {
            return scale(other, factor);
        }
        // Two ranges of figures that are never negative: the least times
        // the least, the most times the most.
        if is_never_negative(self) && is_never_negative(other) {
            return Range {
                least: both(&self.least, &other.least, Exact::checked_mul),
                most: both(&self.most, &other.most, Exact::checked_mul),
            };
        }
        match (&self.least, &self.most, &other.least, &other.most) {
            (Some(a), Some(b), Some(c), Some(d)) => {
                let products = [
                    a.checked_mul(c),
                    a.checked_mul(d),
                    b.checked_mul(c),
                    b.checked_mul(d),
                ];
                if products.iter().any(Option::is_none) {
                    return Range::open();
                }
                let products: Vec<Exact> = products.into_iter().flatten().collect();
                Range {
                    least: products.iter().min().cloned(),
                    most: products.iter().max().cloned(),
                }
            }
            _ => Range::open(),
        }
    }

    fn div(&self, other: &Range) -> Range {
        match other.exact() {
            Some(divisor) if !divisor.is_zero() => match Exact::from(1).checked_div(divisor) {
                Some(inverse) => scale(self, &inverse),
                None => Range::open(),
            },
            _ => Range::open(),
        }
    }

    /// The larger of two amounts: at least the larger least, at most the
    /// larger most (no most if either has none).
    fn greater(&self, other: &Range) -> Range {
        Range {
            least: max_end(&self.least, &other.least, true),
            most: max_end(&self.most, &other.most, false),
        }
    }

    /// The smaller of two amounts.
    fn lesser(&self, other: &Range) -> Range {
        Range {
            least: min_end(&self.least, &other.least, false),
            most: min_end(&self.most, &other.most, true),
        }
    }

    /// Either of two amounts (the cases of `(A if C, otherwise B)`).
    fn either(&self, other: &Range) -> Range {
        Range {
            least: min_end(&self.least, &other.least, false),
            most: max_end(&self.most, &other.most, false),
        }
    }
}

fn is_never_negative(range: &Range) -> bool {
    range.least.as_ref().is_some_and(|v| !v.is_negative())
}

fn both(
    a: &Option<Exact>,
    b: &Option<Exact>,
    op: impl Fn(&Exact, &Exact) -> Option<Exact>,
) -> Option<Exact> {
    op(a.as_ref()?, b.as_ref()?)
}

/// Every value of `range` times `factor`: a negative factor swaps the ends.
fn scale(range: &Range, factor: &Exact) -> Range {
    let times = |end: &Option<Exact>| end.as_ref().and_then(|v| v.checked_mul(factor));
    let (least, most) = (times(&range.least), times(&range.most));
    match factor.cmp(&Exact::zero()) {
        Ordering::Less => Range {
            least: most,
            most: least,
        },
        Ordering::Equal => Range::point(Exact::zero()),
        Ordering::Greater => Range { least, most },
    }
}

/// The larger of two ends. An open end is below everything at the bottom
/// (`bottom` true: the larger of "no least" and 5 is 5) and above
/// everything at the top (the larger of "no most" and 5 is "no most").
fn max_end(a: &Option<Exact>, b: &Option<Exact>, bottom: bool) -> Option<Exact> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y).clone()),
        (Some(x), None) | (None, Some(x)) if bottom => Some(x.clone()),
        _ => None,
    }
}

/// The smaller of two ends: an open end at the top (`top` true) is above
/// everything, so the other end is the smaller; at the bottom it is below
/// everything, and stays open.
fn min_end(a: &Option<Exact>, b: &Option<Exact>, top: bool) -> Option<Exact> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y).clone()),
        (Some(x), None) | (None, Some(x)) if top => Some(x.clone()),
        _ => None,
    }
}

/// The least and the most an amount, a number or a rate can come to under
/// any scenario. Each composite form is bounded in a function of its own,
/// so that this walk's frame stays small on the deepest expression
/// accepted.
pub fn range_of(expr: &Expr) -> Range {
    match &expr.node {
        ExprKind::Money(v, _) | ExprKind::Number(v) | ExprKind::Percent(v) => {
            Range::point(Exact::from(*v))
        }
        ExprKind::Binary(op, a, b) => binary_range(*op, a, b),
        ExprKind::GreaterOf(a, b) | ExprKind::LesserOf(a, b) => {
            choice_range(matches!(expr.node, ExprKind::GreaterOf(..)), a, b)
        }
        ExprKind::Case {
            then, otherwise, ..
        } => cases_range(then, otherwise),
        ExprKind::Rounded(inner, rounding) => rounded_range(inner, *rounding),
        ExprKind::Between { .. } | ExprKind::Power { .. } => counted_range(expr),
        // A fact, a date, an event, another obligation's figures: a
        // scenario decides them.
        _ => Range::open(),
    }
}

#[inline(never)]
fn binary_range(op: BinOp, a: &Expr, b: &Expr) -> Range {
    let (a, b) = (range_of(a), range_of(b));
    match op {
        BinOp::Add => a.add(&b),
        BinOp::Sub => a.sub(&b),
        BinOp::Mul => a.mul(&b),
        BinOp::Div => a.div(&b),
    }
}

#[inline(never)]
fn choice_range(greater: bool, a: &Expr, b: &Expr) -> Range {
    let (a, b) = (range_of(a), range_of(b));
    if greater {
        a.greater(&b)
    } else {
        a.lesser(&b)
    }
}

#[inline(never)]
fn cases_range(then: &Expr, otherwise: &Expr) -> Range {
    range_of(then).either(&range_of(otherwise))
}

#[inline(never)]
fn rounded_range(inner: &Expr, rounding: Rounding) -> Range {
    range_of(inner).rounded(rounding)
}

/// `the number of days from June 1, 2025 through June 30, 2025` between
/// written dates, and a written figure to a written power: exact.
#[inline(never)]
fn counted_range(expr: &Expr) -> Range {
    match &expr.node {
        ExprKind::Between {
            unit,
            from,
            to,
            inclusive,
        } => match (from.written_date(), to.written_date()) {
            (Some(from), Some(to)) => {
                Range::point(Exact::from(span_length(from, to, *unit, *inclusive)))
            }
            _ => Range::open(),
        },
        ExprKind::Power { base, exponent } => {
            let (base, exponent) = (range_of(base), range_of(exponent));
            match (base.exact(), exponent.exact().and_then(Exact::to_integer)) {
                (Some(base), Some(times)) => base
                    .checked_pow(times)
                    .map_or_else(Range::open, Range::point),
                _ => Range::open(),
            }
        }
        _ => Range::open(),
    }
}

/// The currency an amount is in, as the checker types it: a written
/// figure's, a money fact's declared currency, a conversion's result; a
/// ratio of two amounts is a number, in none (`(€10.00 / €5.00) * $3.00`
/// is in dollars). `None` when the expression holds none of them (an
/// amount read from another obligation's entries: its bounds are open,
/// nothing is shown of it). The checker has already refused two currencies
/// meeting without a rate, so any amount left is in the currency of all.
pub fn currency_of(expr: &Expr, facts: &Facts) -> Option<Currency> {
    currency_with(expr, facts, &|_| None)
}

/// [`currency_of`], with the currency of an amount read from another
/// obligation (`the total of fees`, `the last amount of rent`) as
/// `of_obligation` says: the evaluator knows it from that obligation's
/// entries. One walk for the checker and the evaluator, so that the two
/// never disagree on an amount's currency.
pub fn currency_with(
    expr: &Expr,
    facts: &Facts,
    of_obligation: &dyn Fn(&str) -> Option<Currency>,
) -> Option<Currency> {
    match &expr.node {
        ExprKind::Money(_, currency) => Some(*currency),
        ExprKind::Fact(name, _) => match facts.get(name)?.ty.node {
            Type::Money(currency) => Some(currency),
            _ => None,
        },
        ExprKind::Converted { to, .. } => Some(*to),
        ExprKind::LastAmount(label)
        | ExprKind::TotalOf(label)
        | ExprKind::UnpaidBalance {
            obligation: label, ..
        } => of_obligation(&label.node),
        _ => currency_of_parts(expr, facts, of_obligation),
    }
}

/// [`currency_with`] the parts of a composite amount, apart so that the
/// walk's frame stays small on the deepest expression accepted.
#[inline(never)]
fn currency_of_parts(
    expr: &Expr,
    facts: &Facts,
    of_obligation: &dyn Fn(&str) -> Option<Currency>,
) -> Option<Currency> {
    let of = |part: &Expr| currency_with(part, facts, of_obligation);
    match &expr.node {
        ExprKind::Binary(BinOp::Div, a, b) => match of(b) {
            Some(_) => None,
            None => of(a),
        },
        ExprKind::Binary(_, a, b)
        | ExprKind::GreaterOf(a, b)
        | ExprKind::LesserOf(a, b)
        | ExprKind::Case {
            then: a,
            otherwise: b,
            ..
        } => of(a).or_else(|| of(b)),
        ExprKind::Rounded(inner, _) => of(inner),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::calc::money::Currency;
    use crate::source::{FileId, Span};
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn expr(node: ExprKind) -> Expr {
        Expr {
            node,
            span: Span::new(FileId(0), 0, 0),
            parenthesized: false,
        }
    }

    fn money(v: &str) -> Expr {
        expr(ExprKind::Money(
            Decimal::from_str(v).unwrap(),
            Currency::Usd,
        ))
    }

    fn fact() -> Expr {
        expr(ExprKind::Fact("fee".to_owned(), Default::default()))
    }

    fn ends(range: &Range) -> (Option<Decimal>, Option<Decimal>) {
        (
            range.least.as_ref().and_then(Exact::to_decimal),
            range.most.as_ref().and_then(Exact::to_decimal),
        )
    }

    fn dec(v: &str) -> Option<Decimal> {
        Some(Decimal::from_str(v).unwrap())
    }

    #[test]
    fn written_figures_are_themselves() {
        // $1,500.00 × 6 = $9,000.00
        let six = expr(ExprKind::Number(Decimal::from(6)));
        let total = expr(ExprKind::Binary(
            BinOp::Mul,
            Box::new(money("1500")),
            Box::new(six),
        ));
        assert_eq!(ends(&range_of(&total)), (dec("9000"), dec("9000")));
    }

    #[test]
    fn a_fact_bounds_nothing_but_a_lesser_or_greater_of_bounds_one_end() {
        assert_eq!(range_of(&fact()), Range::open());
        let lesser = expr(ExprKind::LesserOf(
            Box::new(fact()),
            Box::new(money("6000")),
        ));
        assert_eq!(ends(&range_of(&lesser)), (None, dec("6000")));
        let greater = expr(ExprKind::GreaterOf(
            Box::new(fact()),
            Box::new(money("12000")),
        ));
        assert_eq!(ends(&range_of(&greater)), (dec("12000"), None));
        // A fact added to a figure: no bound at either end (a fact is
        // not assumed to be positive).
        let sum = expr(ExprKind::Binary(
            BinOp::Add,
            Box::new(money("12000")),
            Box::new(fact()),
        ));
        assert_eq!(range_of(&sum), Range::open());
    }

    #[test]
    fn cases_and_subtraction_take_the_widest_ends() {
        let cases = expr(ExprKind::Case {
            then: Box::new(money("5000")),
            condition: Box::new(crate::syntax::ast::Condition::Fact(
                crate::syntax::ast::Ref::to(crate::syntax::ast::Spanned::new(
                    "p".to_owned(),
                    Span::new(FileId(0), 0, 0),
                )),
            )),
            otherwise: Box::new(money("3000")),
        });
        assert_eq!(ends(&range_of(&cases)), (dec("3000"), dec("5000")));
        // $10,000 − (between $3,000 and $5,000): between $5,000 and $7,000.
        let less = expr(ExprKind::Binary(
            BinOp::Sub,
            Box::new(money("10000")),
            Box::new(cases),
        ));
        assert_eq!(ends(&range_of(&less)), (dec("5000"), dec("7000")));
        // Divided by −2: the ends swap.
        let minus_two = expr(ExprKind::Binary(
            BinOp::Sub,
            Box::new(expr(ExprKind::Number(Decimal::ZERO))),
            Box::new(expr(ExprKind::Number(Decimal::from(2)))),
        ));
        let halved = expr(ExprKind::Binary(
            BinOp::Div,
            Box::new(less),
            Box::new(minus_two),
        ));
        assert_eq!(ends(&range_of(&halved)), (dec("-3500"), dec("-2500")));
    }

    #[test]
    fn rounding_rounds_both_ends() {
        // $100.00 / 3 = $33.333…, half up to the cent: $33.33.
        let third = expr(ExprKind::Binary(
            BinOp::Div,
            Box::new(money("100")),
            Box::new(expr(ExprKind::Number(Decimal::from(3)))),
        ));
        assert_eq!(ends(&range_of(&third)), (None, None));
        assert_eq!(
            ends(&range_of(&third).rounded(Rounding::DEFAULT)),
            (dec("33.33"), dec("33.33"))
        );
    }

    /// An amount made of written figures, facts, choices and cases, and how
    /// it is evaluated directly: the reference the bounds must hold.
    #[derive(Clone, Debug)]
    enum Tree {
        Figure(i64),
        Fact(usize),
        Add(Box<Tree>, Box<Tree>),
        Sub(Box<Tree>, Box<Tree>),
        Times(Box<Tree>, i64),
        Product(Box<Tree>, Box<Tree>),
        Over(Box<Tree>, i64),
        Greater(Box<Tree>, Box<Tree>),
        Lesser(Box<Tree>, Box<Tree>),
        Cases(Box<Tree>, Box<Tree>),
    }

    fn tree() -> impl proptest::strategy::Strategy<Value = Tree> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            (0i64..1_000_000).prop_map(Tree::Figure),
            (0usize..3).prop_map(Tree::Fact),
        ];
        leaf.prop_recursive(5, 32, 2, |inner| {
            prop_oneof![
                (inner.clone(), inner.clone())
                    .prop_map(|(a, b)| Tree::Add(Box::new(a), Box::new(b))),
                (inner.clone(), inner.clone())
                    .prop_map(|(a, b)| Tree::Sub(Box::new(a), Box::new(b))),
                (inner.clone(), -3i64..=3).prop_map(|(a, k)| Tree::Times(Box::new(a), k)),
                (inner.clone(), inner.clone())
                    .prop_map(|(a, b)| Tree::Product(Box::new(a), Box::new(b))),
                (inner.clone(), prop_oneof![-4i64..=-1, 1i64..=4])
                    .prop_map(|(a, k)| Tree::Over(Box::new(a), k)),
                (inner.clone(), inner.clone())
                    .prop_map(|(a, b)| Tree::Greater(Box::new(a), Box::new(b))),
                (inner.clone(), inner.clone())
                    .prop_map(|(a, b)| Tree::Lesser(Box::new(a), Box::new(b))),
                (inner.clone(), inner).prop_map(|(a, b)| Tree::Cases(Box::new(a), Box::new(b))),
            ]
        })
    }

    fn number(k: i64) -> Expr {
        expr(ExprKind::Number(Decimal::from(k)))
    }

    fn to_expr(tree: &Tree) -> Expr {
        let b = |t: &Tree| Box::new(to_expr(t));
        expr(match tree {
            Tree::Figure(cents) => ExprKind::Money(Decimal::new(*cents, 2), Currency::Usd),
            Tree::Fact(i) => ExprKind::Fact(format!("f{i}"), Default::default()),
            Tree::Add(x, y) => ExprKind::Binary(BinOp::Add, b(x), b(y)),
            Tree::Sub(x, y) => ExprKind::Binary(BinOp::Sub, b(x), b(y)),
            Tree::Times(x, k) => ExprKind::Binary(BinOp::Mul, b(x), Box::new(number(*k))),
            Tree::Product(x, y) => ExprKind::Binary(BinOp::Mul, b(x), b(y)),
            Tree::Over(x, k) => ExprKind::Binary(BinOp::Div, b(x), Box::new(number(*k))),
            Tree::Greater(x, y) => ExprKind::GreaterOf(b(x), b(y)),
            Tree::Lesser(x, y) => ExprKind::LesserOf(b(x), b(y)),
            Tree::Cases(x, y) => ExprKind::Case {
                then: b(x),
                condition: Box::new(crate::syntax::ast::Condition::Fact(
                    crate::syntax::ast::Ref::to(crate::syntax::ast::Spanned::new(
                        "p".to_owned(),
                        Span::new(FileId(0), 0, 0),
                    )),
                )),
                otherwise: b(y),
            },
        })
    }

    /// The amount under some facts and some choice of each case, computed
    /// step by step as written (no bounds involved).
    fn evaluate(tree: &Tree, facts: &[i64], choices: &mut impl Iterator<Item = bool>) -> Exact {
        let mut go = |t: &Tree| evaluate(t, facts, choices);
        match tree {
            Tree::Figure(cents) => Exact::from(Decimal::new(*cents, 2)),
            Tree::Fact(i) => Exact::from(Decimal::new(facts[*i], 2)),
            Tree::Add(x, y) => go(x).checked_add(&go(y)).unwrap(),
            Tree::Sub(x, y) => go(x).checked_sub(&go(y)).unwrap(),
            Tree::Times(x, k) => go(x).checked_mul(&Exact::from(*k)).unwrap(),
            Tree::Product(x, y) => go(x).checked_mul(&go(y)).unwrap(),
            Tree::Over(x, k) => go(x).checked_div(&Exact::from(*k)).unwrap(),
            Tree::Greater(x, y) => {
                let (a, b) = (go(x), go(y));
                a.max(b)
            }
            Tree::Lesser(x, y) => {
                let (a, b) = (go(x), go(y));
                a.min(b)
            }
            Tree::Cases(x, y) => {
                // Both are worked out (the choice is drawn once per case).
                let (a, b) = (go(x), go(y));
                if choices.next().unwrap_or(true) {
                    a
                } else {
                    b
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(2000))]
        /// Whatever the facts (negative ones included) and whichever case
        /// applies, the amount is within its bounds.
        #[test]
        fn every_value_is_within_its_bounds(
            tree in tree(),
            facts in proptest::collection::vec(-1_000_000_000i64..1_000_000_000, 3),
            choices in proptest::collection::vec(proptest::bool::ANY, 64),
        ) {
            let range = range_of(&to_expr(&tree));
            let value = evaluate(&tree, &facts, &mut choices.into_iter());
            if let Some(least) = &range.least {
                proptest::prop_assert!(least <= &value, "{range:?} {value:?}");
            }
            if let Some(most) = &range.most {
                proptest::prop_assert!(&value <= most, "{range:?} {value:?}");
            }
        }
    }
}
