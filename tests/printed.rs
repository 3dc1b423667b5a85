//! What clausec prints must be true of what it read.
//!
//! 1. Every amount and condition the ledger prints re-parses to the same
//!    tree: generated trees are printed, parsed back as part of a clause, and
//!    compared (spans and parentheses are out of equality).
//! 2. Every step `--explain` shows is true of the numbers it shows: each
//!    `(a × b = c)` and `= c = a × b, rounded ...` line of generated
//!    calculations is recomputed here from its printed operands.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use clausec::calc::money::DayCount;
use clausec::source::{FileId, Span};
use clausec::syntax::ast::{
    BinOp, CompareOp, Condition, Duration, DurationUnit, Expr, ExprKind, Item, Modifier, Ref,
    RoundingMode, SpanUnit, Spanned, Subject, Unit,
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
        (
            0i64..100_000_000,
            0u32..3,
            prop::sample::select(clausec::calc::money::Currency::ALL.to_vec())
        )
            .prop_map(|(n, s, c)| ExprKind::Money(Decimal::new(n, s), c)),
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
                DurationUnit::BusinessDays,
            ])
        )
            .prop_map(|(amount, unit)| ExprKind::Duration(Duration { amount, unit })),
        prop::sample::select(vec!["annual_salary", "cost", "rate_2"])
            .prop_map(|n| ExprKind::Fact(n.to_owned(), Default::default())),
        prop::sample::select(vec!["fees", "damages"]).prop_map(|n| ExprKind::TotalOf(name(n))),
        (
            any::<bool>(),
            prop::sample::select(vec!["delivery", "force_majeure"])
        )
            .prop_map(|(end, n)| if end {
                ExprKind::EventEnd(Ref::to(name(n)))
            } else {
                ExprKind::EventDate(Ref::to(name(n)))
            }),
    ]
}

/// The date and span forms: each takes its operands as single factors,
/// which is where a printer forgets parentheses.
fn date_form(inner: BoxedStrategy<Expr>) -> impl Strategy<Value = ExprKind> {
    let unit = prop::sample::select(vec![
        SpanUnit::Days,
        SpanUnit::FullWeeks,
        SpanUnit::FullMonths,
    ]);
    let mode = prop::sample::select(vec![
        RoundingMode::HalfUp,
        RoundingMode::HalfEven,
        RoundingMode::Down,
        RoundingMode::Up,
    ]);
    let target = prop::sample::select(vec![Unit::Cent, Unit::Dollar, Unit::Whole]);
    prop_oneof![
        (any::<bool>(), inner.clone(), inner.clone()).prop_map(|(later, a, b)| if later {
            ExprKind::LaterOf(Box::new(a), Box::new(b))
        } else {
            ExprKind::EarlierOf(Box::new(a), Box::new(b))
        }),
        inner.clone().prop_map(|d| ExprKind::MonthEnd(Box::new(d))),
        (any::<bool>(), inner.clone()).prop_map(|(later, d)| ExprKind::BusinessDay {
            later,
            date: Box::new(d)
        }),
        (unit, inner.clone(), inner.clone(), any::<bool>()).prop_map(
            |(unit, from, to, inclusive)| ExprKind::Between {
                unit,
                from: Box::new(from),
                to: Box::new(to),
                inclusive
            }
        ),
        (1u32..100, any::<bool>(), inner.clone()).prop_map(|(amount, after, d)| {
            ExprKind::Shift {
                by: Duration {
                    amount,
                    unit: DurationUnit::Days,
                },
                after,
                date: Box::new(d),
            }
        }),
        (inner.clone(), inner.clone(), any::<bool>()).prop_map(|(then, otherwise, holds)| {
            ExprKind::Case {
                then: Box::new(then),
                condition: Box::new(if holds {
                    Condition::Fact(Ref::to(name("completion_reached")))
                } else {
                    Condition::Not(
                        Box::new(Condition::Fact(Ref::to(name("completion_reached")))),
                        at(),
                    )
                }),
                otherwise: Box::new(otherwise),
            }
        }),
        (
            inner.clone(),
            inner.clone(),
            prop::sample::select(vec![
                DayCount::Actual365,
                DayCount::Actual360,
                DayCount::Thirty360
            ])
        )
            .prop_map(|(from, to, day_count)| ExprKind::YearFraction {
                from: Box::new(from),
                to: Box::new(to),
                day_count
            }),
        (inner.clone(), inner.clone()).prop_map(|(base, exponent)| ExprKind::Power {
            base: Box::new(Expr {
                parenthesized: true,
                ..base
            }),
            exponent: Box::new(exponent)
        }),
        (
            inner.clone(),
            (1i64..100_000, 0u32..5),
            prop::sample::select(clausec::calc::money::Currency::ALL.to_vec()),
            prop::sample::select(clausec::calc::money::Currency::ALL.to_vec())
        )
            .prop_map(|(amount, (n, s), to, from)| ExprKind::Converted {
                amount: Box::new(Expr {
                    parenthesized: true,
                    ..amount
                }),
                rate: Spanned::new(Decimal::new(n, s), at()),
                to,
                from,
            }),
        (inner, mode, target).prop_map(|(e, mode, unit)| ExprKind::Rounded(
            Box::new(e),
            clausec::calc::money::Rounding { mode, unit }
        )),
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
                (date_form(inner.clone().boxed()), any::<bool>())
                    .prop_map(|(node, p)| expr(node, p)),
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
            .prop_map(|n| Condition::Fact(Ref::to(name(n)))),
        prop::sample::select(vec!["outplacement", "renew"]).prop_map(|o| Condition::Elects {
            party: name("employee"),
            option: Ref::to(name(o)),
        }),
        Just(Condition::Prevails(Ref::to(name("company")))),
        prop::sample::select(vec!["cause", "resignation"]).prop_map(|v| Condition::FactIs {
            fact: Ref::to(name("separation_reason")),
            value: name(v),
        }),
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
        vec![
            Condition::Fact(Ref::to(name("p"))),
            Condition::Fact(Ref::to(name("q"))),
        ],
        at(),
    );
    let negated = Condition::Not(Box::new(both), at());
    assert_eq!(negated.to_string(), "not (p and q)");
}

// ---------------------------------------------------------------------------
// Shown arithmetic
// ---------------------------------------------------------------------------

/// A figure as `--explain` prints it: exact, or the start of the exact
/// figure followed by `…` (then the exact figure lies in `[lo, hi]`).
#[derive(Clone, Copy, Debug)]
struct Shown {
    lo: Decimal,
    hi: Decimal,
}

impl Shown {
    fn exact(v: Decimal) -> Self {
        Shown { lo: v, hi: v }
    }

    fn holds(self, computed: Shown) -> bool {
        // Decimal carries 28 significant digits: allow for the last one.
        let slack = Decimal::new(1, 18);
        computed.lo <= self.hi + slack && self.lo <= computed.hi + slack
    }
}

/// Reads `$92,751.00`, `$463.755`, `$20,833.3333…`, `0.5%`, `3`.
fn figure(token: &str) -> Option<Shown> {
    if let Some(positive) = token.strip_prefix('-') {
        let Shown { lo, hi } = figure(positive)?;
        return Some(Shown { lo: -hi, hi: -lo });
    }
    let (digits, cut) = match token.strip_suffix('…') {
        Some(d) => (d, true),
        None => (token, false),
    };
    let (digits, scale) = if let Some(p) = digits.strip_suffix('%') {
        (p, Decimal::ONE_HUNDRED)
    } else {
        (digits.trim_start_matches('$'), Decimal::ONE)
    };
    let value: Decimal = digits.replace(',', "").parse().ok()?;
    let value = value / scale;
    if cut {
        let last_place = Decimal::new(1, value.scale()) / scale;
        Some(Shown {
            lo: value,
            hi: value + last_place,
        })
    } else {
        Some(Shown::exact(value))
    }
}

fn apply(op: &str, a: Shown, b: Shown) -> Option<Shown> {
    let corners = |f: fn(Decimal, Decimal) -> Option<Decimal>| -> Option<Shown> {
        let values = [
            f(a.lo, b.lo)?,
            f(a.lo, b.hi)?,
            f(a.hi, b.lo)?,
            f(a.hi, b.hi)?,
        ];
        Some(Shown {
            lo: values.iter().copied().min()?,
            hi: values.iter().copied().max()?,
        })
    };
    match op {
        "+" => corners(|x, y| x.checked_add(y)),
        "−" => corners(|x, y| x.checked_sub(y)),
        "×" => corners(|x, y| x.checked_mul(y)),
        "÷" => corners(|x, y| x.checked_div(y)),
        _ => None,
    }
}

/// Checks every `(… = v)` step of an explanation and returns the value of
/// the whole. Tokens are separated by spaces; a fact's name precedes its
/// value and is skipped.
type Tokens = std::iter::Peekable<std::vec::IntoIter<String>>;

fn check_steps(tokens: &mut Tokens) -> Shown {
    let first = operand(tokens);
    let Some(op) = tokens.next() else {
        return first;
    };
    if op == "to" {
        // `(1 + r = v) to the power of n`
        for word in ["the", "power", "of"] {
            assert_eq!(tokens.next().as_deref(), Some(word));
        }
        let exponent = operand(tokens);
        assert_eq!(exponent.lo, exponent.hi, "a power is a written count");
        return power(first, exponent.lo).expect("a power within range");
    }
    let second = operand(tokens);
    apply(&op, first, second).expect("arithmetic within range")
}

/// A positive interval raised to a whole power (monotonic, so its ends).
fn power(base: Shown, exponent: Decimal) -> Option<Shown> {
    let times = u32::try_from(exponent.mantissa()).ok()?;
    let raise = |x: Decimal| (0..times).try_fold(Decimal::ONE, |acc, _| acc.checked_mul(x));
    Some(Shown {
        lo: raise(base.lo)?,
        hi: raise(base.hi)?,
    })
}

/// One operand: a figure, a fact and its value, or a parenthesised step
/// `(… = v)`, which is checked here.
fn operand(tokens: &mut Tokens) -> Shown {
    let token = tokens.next().expect("an operand");
    if let Some(rest) = token.strip_prefix('(') {
        let mut inner: Vec<String> = vec![rest.to_owned()];
        let mut depth = 1 + rest.matches('(').count();
        while depth > 0 {
            let t = tokens.next().expect("a closing parenthesis");
            depth += t.matches('(').count();
            depth -= t.matches(')').count();
            inner.push(t);
        }
        let last = inner.pop().expect("the step's result");
        let shown = figure(last.trim_end_matches(')')).expect("a figure after `=`");
        assert_eq!(inner.pop().as_deref(), Some("="), "{inner:?}");
        let computed = check_steps(&mut inner.into_iter().peekable());
        assert!(
            shown.holds(computed),
            "a step shows {shown:?} but its operands give {computed:?}"
        );
        shown
    } else if let Some(value) = figure(&token) {
        value
    } else {
        // A fact's name: its value follows.
        figure(&tokens.next().expect("a fact's value")).expect("a figure")
    }
}

/// A calculation that comes to money: sums of money, money times or
/// divided by a number or a percentage (the kinds `check` accepts).
fn arb_calculation() -> impl Strategy<Value = String> {
    let scalar = prop_oneof![
        (1i64..2_000, 0u32..2).prop_map(|(n, s)| format!("{}%", Decimal::new(n, s))),
        (1i64..400, 0u32..2).prop_map(|(n, s)| Decimal::new(n, s).to_string()),
    ];
    let money = prop_oneof![
        prop::sample::select(vec!["base_fee", "other_fee"]).prop_map(str::to_owned),
        (1i64..10_000_000, 0u32..3).prop_map(|(n, s)| format!("${}", Decimal::new(n, s))),
    ];
    money.prop_recursive(3, 8, 2, move |inner| {
        prop_oneof![
            (
                inner.clone(),
                prop::sample::select(vec!["+", "-"]),
                inner.clone()
            )
                .prop_map(|(a, op, b)| format!("({a} {op} {b})")),
            (
                inner.clone(),
                prop::sample::select(vec!["*", "/"]),
                scalar.clone()
            )
                .prop_map(|(a, op, b)| format!("({a} {op} {b})")),
            // A growth factor: `(1 + 2.5%) to the power of 3`.
            (inner, (1i64..2_000, 0u32..2), 0u32..6).prop_map(|(a, (n, s), times)| {
                format!(
                    "({a} * (1 + {}%) to the power of {times})",
                    Decimal::new(n, s)
                )
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// `--explain` prints `$X = E, rounded …`: each parenthesised step of
    /// `E` is recomputed from the figures it shows, and `X` is `E` rounded.
    #[test]
    fn every_step_explain_shows_is_true_of_the_figures_it_shows(
        calculation in arb_calculation(),
        base_fee in (1i64..100_000_000, 0u32..3),
        other_fee in (1i64..100_000_000, 0u32..3),
    ) {
        let dir = tempdir("explain");
        write(&dir, "agreement.clause", "agreement \"Fees\"\n  dated January 1, 2024\n\n\
             party company \"C\"\nparty employee \"E\"\n\
             fact base_fee is money \"a fee\"\nfact other_fee is money \"another fee\"\n");
        write(&dir, "1.clause", &format!(
            "clause 1 \"Fee\"\n  fee: company pays employee {calculation}\n    on March 1, 2024\n"));
        write(&dir, "scenarios/base.scenario", &format!(
            "scenario base \"b\"\n  as of March 1, 2024\n  fact base_fee is ${}\n  fact other_fee is ${}\n",
            Decimal::new(base_fee.0, base_fee.1), Decimal::new(other_fee.0, other_fee.1)));
        let mut sources = clausec::source::SourceMap::default();
        let analysis = clausec::analyze(&dir, &mut sources).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        // A calculation that does not come to money, or divides by zero, is
        // refused; that is another test's business.
        prop_assume!(!analysis.has_errors());
        let base = analysis.model.scenarios.first();
        let ledger = clausec::ledger(&analysis, base);
        let entry = ledger.obligations.iter().find(|e| e.id.base() == "1.fee").unwrap();
        prop_assume!(entry.amount.is_some());
        // A figure written out needs no explaining.
        prop_assume!(!entry.explanation.is_empty());
        let line = entry.explanation[0].to_string();
        let (result, rest) = line.split_once(" = ").unwrap();
        let expression = rest.split(" (clause").next().unwrap();
        let (expression, rounding) = match expression.split_once(", rounded ") {
            Some((e, r)) => (e, Some(r)),
            None => (expression, None),
        };
        let tokens: Vec<String> = expression.split(' ').map(str::to_owned).collect();
        let computed = check_steps(&mut tokens.into_iter().peekable());
        let shown = figure(result).unwrap();
        let rounded = |v: Decimal| match rounding {
            Some("half up to the cent") => v.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero),
            None => v,
            Some(other) => panic!("unexpected rounding `{other}`"),
        };
        prop_assert!(
            shown.holds(Shown { lo: rounded(computed.lo), hi: rounded(computed.hi) }),
            "{line}: the operands give {computed:?}"
        );
    }
}

fn tempdir(what: &str) -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "clausec-printed-{what}-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(dir.join("scenarios")).unwrap();
    dir
}

fn write(dir: &std::path::Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}
