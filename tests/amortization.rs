//! Level-payment amortisation (`amortized at R per annum`) against an
//! exact rational reference written here from the textbook definition,
//! sharing no code with clausec: the payment is P·i·(1+i)^n / ((1+i)^n − 1)
//! rounded half up to the cent; each month's interest is the balance × i
//! (30/360, payments on the 1st) rounded half up; the principal is the
//! payment less the interest; the last payment is the balance and its
//! interest.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// A fraction in cents, rounded half up (away from zero) to a whole cent.
fn to_cents(x: &BigRational) -> i64 {
    let hundred = BigRational::from_integer(BigInt::from(100));
    let scaled = x * hundred;
    let floor = scaled.floor();
    let half = BigRational::new(BigInt::one(), BigInt::from(2));
    let rounded = if &scaled - &floor >= half {
        floor + BigRational::one()
    } else {
        floor
    };
    rounded.to_integer().to_i64().unwrap()
}

fn cents(c: i64) -> BigRational {
    BigRational::new(BigInt::from(c), BigInt::from(100))
}

/// (payment, interest, principal, balance after) in cents, month by month.
fn reference(principal_cents: i64, rate_bp: i64, n: usize) -> Vec<(i64, i64, i64, i64)> {
    // rate in basis points a year → i = rate / 12
    let i = BigRational::new(BigInt::from(rate_bp), BigInt::from(10_000 * 12));
    let p = cents(principal_cents);
    let payment = if i.is_zero() {
        to_cents(&(p.clone() / BigRational::from_integer(BigInt::from(n))))
    } else {
        let mut factor = BigRational::one();
        for _ in 0..n {
            factor *= BigRational::one() + &i;
        }
        to_cents(&(p.clone() * &i * &factor / (factor - BigRational::one())))
    };
    let mut balance = principal_cents;
    let mut rows = Vec::new();
    for k in 0..n {
        let interest = to_cents(&(cents(balance) * &i));
        let principal = if k + 1 == n {
            balance
        } else {
            (payment - interest).min(balance)
        };
        balance -= principal;
        rows.push((principal + interest, interest, principal, balance));
    }
    rows
}

fn tempdir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "clausec-amortization-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The ledger's installments: (amount, explanation's last line).
fn ledger(principal: Decimal, rate: Decimal, n: usize) -> Vec<(Decimal, String)> {
    let dir = tempdir();
    std::fs::write(
        dir.join("agreement.clause"),
        "agreement \"Loan\"\n  dated January 1, 2025\n\nparty lender \"L\"\nparty borrower \"B\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("1.clause"),
        format!(
            "clause 1 \"Repayment\"\n  loan: borrower pays lender ${principal}\n    \
             in {n} equal monthly installments on day 1 from February 1, 2025\n    \
             amortized at {}% per annum, 30/360\n",
            (rate * Decimal::ONE_HUNDRED).normalize()
        ),
    )
    .unwrap();
    let mut sources = clausec::source::SourceMap::default();
    let analysis = clausec::analyze(&dir, &mut sources).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(!analysis.has_errors(), "{:?}", analysis.diagnostics);
    let ledger = clausec::ledger(&analysis, None);
    ledger
        .obligations
        .iter()
        .filter(|e| e.id.instance().is_some())
        .map(|e| {
            let line = e
                .explanation
                .last()
                .map(|l| l.to_string())
                .unwrap_or_default();
            (e.amount.unwrap(), line)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn amortization_matches_the_rational_reference(
        principal_cents in 100_000i64..100_000_000,
        rate_bp in 0i64..1_500,
        n in 1usize..121,
    ) {
        let principal = Decimal::new(principal_cents, 2);
        let rate = Decimal::new(rate_bp, 4);
        let expected = reference(principal_cents, rate_bp, n);
        let found = ledger(principal, rate, n);
        prop_assert_eq!(found.len(), n);
        let mut principal_paid = 0i64;
        for (k, ((amount, line), (payment, interest, principal_part, after))) in
            found.iter().zip(&expected).enumerate()
        {
            prop_assert_eq!(*amount, Decimal::new(*payment, 2), "payment {}", k + 1);
            // The explanation states the same split and balance.
            let shown = format!(
                "{} interest",
                clausec::calc::money::format_money(Decimal::new(*interest, 2))
            );
            prop_assert!(line.contains(&shown), "{line} lacks {shown}");
            let balance = format!(
                "balance after {}",
                clausec::calc::money::format_money(Decimal::new(*after, 2))
            );
            prop_assert!(line.ends_with(&balance), "{line} lacks {balance}");
            prop_assert!(*after >= 0, "a negative balance after payment {}", k + 1);
            principal_paid += principal_part;
        }
        prop_assert_eq!(principal_paid, principal_cents);
        prop_assert_eq!(expected.last().map(|r| r.3), Some(0));
    }
}

#[test]
fn the_reference_gives_the_textbook_payment() {
    // $200,000.00 at 6% over 30 years: $1,199.10 a month.
    let rows = reference(20_000_000, 600, 360);
    assert_eq!(rows[0].0, 119_910);
    assert_eq!(rows[0].1, 100_000);
    assert!(rows.iter().all(|r| !BigInt::from(r.3).is_negative()));
}
