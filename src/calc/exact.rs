//! Exact figures: a fraction of two whole numbers of any size.
//!
//! A contract's arithmetic is carried exactly from the figures it writes to
//! the rounding it states. `rust_decimal` holds 28 significant digits and
//! rounds silently past them (`1.017125` to the 5th has 31; `$1,000.00 ÷ 3`
//! has no end), so every step of an expression is computed here, as a
//! fraction, and becomes a [`Decimal`] only where the contract says how to
//! round it ([`Exact::round`]) or where it is exactly one ([`Exact::to_decimal`]).
//!
//! A fraction may not grow past [`MAX_BITS`] in its numerator or denominator
//! (about 1,200 decimal digits): an expression that would is "too large to
//! compute exactly", the same answer an overflowing amount gets, so that a
//! hostile `(1.5 to the power of 1000) to the power of 1000` cannot take the
//! machine's memory.

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};
use rust_decimal::{Decimal, RoundingStrategy};
use std::cmp::Ordering;

/// The most bits a numerator or a denominator may hold: a 360-period annuity
/// factor at a monthly rate with four decimals needs about 5,000 digits'
/// worth of bits in neither part once reduced, far below this.
pub const MAX_BITS: u64 = 16_384;

/// A rational number, always in lowest terms with a positive denominator.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Exact(BigRational);

impl PartialOrd for Exact {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Exact {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.cmp(&other.0)
    }
}

impl From<Decimal> for Exact {
    fn from(value: Decimal) -> Self {
        let numerator = BigInt::from(value.mantissa());
        let denominator = BigInt::from(10u32).pow(value.scale());
        Exact(BigRational::new(numerator, denominator))
    }
}

impl From<i64> for Exact {
    fn from(value: i64) -> Self {
        Exact(BigRational::from_integer(BigInt::from(value)))
    }
}

impl Exact {
    pub fn zero() -> Self {
        Exact(BigRational::zero())
    }

    pub fn is_zero(&self) -> bool {
        self.0.is_zero()
    }

    pub fn is_negative(&self) -> bool {
        self.0.is_negative()
    }

    /// Within [`MAX_BITS`], or nothing.
    fn bounded(value: BigRational) -> Option<Self> {
        let fits = value.numer().bits() <= MAX_BITS && value.denom().bits() <= MAX_BITS;
        fits.then_some(Exact(value))
    }

    pub fn checked_add(&self, other: &Self) -> Option<Self> {
        Self::bounded(&self.0 + &other.0)
    }

    pub fn checked_sub(&self, other: &Self) -> Option<Self> {
        Self::bounded(&self.0 - &other.0)
    }

    pub fn checked_mul(&self, other: &Self) -> Option<Self> {
        Self::bounded(&self.0 * &other.0)
    }

    /// Nothing when `other` is zero.
    pub fn checked_div(&self, other: &Self) -> Option<Self> {
        if other.is_zero() {
            return None;
        }
        Self::bounded(&self.0 / &other.0)
    }

    /// `self` raised to a whole power; nothing for zero to a negative power
    /// or a result past [`MAX_BITS`] (estimated before it is computed).
    pub fn checked_pow(&self, exponent: i64) -> Option<Self> {
        if self.is_zero() && exponent < 0 {
            return None;
        }
        let magnitude = u32::try_from(exponent.unsigned_abs()).ok()?;
        let widest = self.0.numer().bits().max(self.0.denom().bits());
        if widest.saturating_mul(u64::from(magnitude)) > MAX_BITS.saturating_mul(2) {
            return None;
        }
        let raised = BigRational::new(self.0.numer().pow(magnitude), self.0.denom().pow(magnitude));
        let raised = if exponent < 0 { raised.recip() } else { raised };
        Self::bounded(raised)
    }

    /// A whole number that fits an `i64`, or nothing.
    pub fn to_integer(&self) -> Option<i64> {
        if self.0.is_integer() {
            self.0.numer().to_i64()
        } else {
            None
        }
    }

    /// The same figure as a [`Decimal`], when it is one exactly: its
    /// denominator divides a power of ten no larger than 10^28, and its
    /// digits fit. `1/3` and `1.017125^5` (30 decimals) are not.
    pub fn to_decimal(&self) -> Option<Decimal> {
        let scale = decimal_places(self.0.denom())?;
        let scaled = self.0.numer() * BigInt::from(10u32).pow(scale) / self.0.denom();
        let mantissa = scaled.to_i128()?;
        Decimal::try_from_i128_with_scale(mantissa, scale)
            .ok()
            .map(|d| d.normalize())
    }

    /// Rounded to `places` decimals by `strategy`, from the exact figure
    /// (never from a figure already cut to 28 digits); nothing when the
    /// result does not fit a [`Decimal`].
    pub fn round(&self, places: u32, strategy: RoundingStrategy) -> Option<Decimal> {
        let scaled = &self.0 * BigRational::from_integer(BigInt::from(10u32).pow(places));
        let whole = round_to_integer(&scaled, strategy);
        let mantissa = whole.to_i128()?;
        Decimal::try_from_i128_with_scale(mantissa, places).ok()
    }

    /// The figure's decimal digits, at most `places` after the point, cut
    /// (never rounded), and whether anything was cut: `("333.3333", true)`.
    pub fn digits(&self, places: u32) -> (String, bool) {
        let scaled = self.0.abs() * BigRational::from_integer(BigInt::from(10u32).pow(places));
        let cut = !scaled.is_integer();
        let text = scaled.trunc().to_integer().to_string();
        let width = usize::try_from(places).unwrap_or(usize::MAX);
        let padded = format!("{text:0>width$}", width = width.saturating_add(1));
        let (whole, fraction) = padded.split_at(padded.len().saturating_sub(width));
        let fraction = fraction.trim_end_matches('0');
        let sign = if self.is_negative() { "-" } else { "" };
        let shown = if fraction.is_empty() {
            format!("{sign}{whole}")
        } else {
            format!("{sign}{whole}.{fraction}")
        };
        (shown, cut)
    }
}

/// How many decimal places `denominator` needs: the larger of its powers of
/// two and of five, when those are its only factors and at most 28.
fn decimal_places(denominator: &BigInt) -> Option<u32> {
    let mut rest = denominator.clone();
    let mut places = [0u32; 2];
    for (count, factor) in places.iter_mut().zip([2u32, 5]) {
        let factor = BigInt::from(factor);
        while rest.is_multiple_of(&factor) {
            rest /= &factor;
            *count += 1;
            if *count > 28 {
                return None;
            }
        }
    }
    rest.is_one().then(|| places[0].max(places[1]))
}

/// A fraction rounded to a whole number by a named strategy.
fn round_to_integer(value: &BigRational, strategy: RoundingStrategy) -> BigInt {
    let toward_zero = value.trunc().to_integer();
    let rest = value - BigRational::from_integer(toward_zero.clone());
    if rest.is_zero() {
        return toward_zero;
    }
    let away = if value.is_negative() {
        &toward_zero - 1
    } else {
        &toward_zero + 1
    };
    let twice_rest =
        (rest.abs() * BigRational::from_integer(BigInt::from(2))).cmp(&BigRational::one());
    let go_away = match strategy {
        RoundingStrategy::ToZero => false,
        RoundingStrategy::AwayFromZero => true,
        RoundingStrategy::ToNegativeInfinity => value.is_negative(),
        RoundingStrategy::ToPositiveInfinity => !value.is_negative(),
        RoundingStrategy::MidpointAwayFromZero => twice_rest.is_ge(),
        RoundingStrategy::MidpointTowardZero => twice_rest.is_gt(),
        RoundingStrategy::MidpointNearestEven => match twice_rest {
            Ordering::Greater => true,
            Ordering::Less => false,
            Ordering::Equal => toward_zero.is_odd(),
        },
        // rust_decimal's deprecated aliases of the strategies above.
        #[allow(deprecated)]
        RoundingStrategy::BankersRounding => match twice_rest {
            Ordering::Greater => true,
            Ordering::Less => false,
            Ordering::Equal => toward_zero.is_odd(),
        },
        #[allow(deprecated)]
        RoundingStrategy::RoundHalfUp => twice_rest.is_ge(),
        #[allow(deprecated)]
        RoundingStrategy::RoundHalfDown => twice_rest.is_gt(),
        #[allow(deprecated)]
        RoundingStrategy::RoundDown => false,
        #[allow(deprecated)]
        RoundingStrategy::RoundUp => true,
    };
    if go_away {
        away
    } else {
        toward_zero
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn exact(s: &str) -> Exact {
        Exact::from(dec(s))
    }

    #[test]
    fn a_power_past_28_digits_stays_exact() {
        // 1.017125^5 = 1.088608309484746229766845703125 (30 decimals): the
        // issue's example, which rust_decimal cuts to ...7031.
        let raised = exact("1.017125").checked_pow(5).unwrap();
        assert_eq!(raised.to_decimal(), None);
        assert_eq!(
            raised.digits(40),
            ("1.088608309484746229766845703125".to_owned(), false)
        );
        assert_eq!(
            raised.round(2, RoundingStrategy::MidpointAwayFromZero),
            Some(dec("1.09"))
        );
    }

    #[test]
    fn a_third_has_no_decimal_and_is_cut_when_shown() {
        let third = exact("1000").checked_div(&exact("3")).unwrap();
        assert_eq!(third.to_decimal(), None);
        assert_eq!(third.digits(4), ("333.3333".to_owned(), true));
        assert_eq!(
            third.round(2, RoundingStrategy::MidpointAwayFromZero),
            Some(dec("333.33"))
        );
        assert_eq!(
            third.round(2, RoundingStrategy::AwayFromZero),
            Some(dec("333.34"))
        );
    }

    #[test]
    fn halves_round_by_the_named_strategy() {
        let half_cent = exact("7108.045");
        assert_eq!(
            half_cent.round(2, RoundingStrategy::MidpointAwayFromZero),
            Some(dec("7108.05"))
        );
        assert_eq!(
            half_cent.round(2, RoundingStrategy::MidpointNearestEven),
            Some(dec("7108.04"))
        );
        assert_eq!(
            exact("-2.5").round(0, RoundingStrategy::MidpointAwayFromZero),
            Some(dec("-3"))
        );
        assert_eq!(
            exact("-2.5").round(0, RoundingStrategy::MidpointNearestEven),
            Some(dec("-2"))
        );
        assert_eq!(
            exact("-2.4").round(0, RoundingStrategy::ToZero),
            Some(dec("-2"))
        );
    }

    #[test]
    fn a_decimal_round_trips() {
        for s in [
            "0",
            "20833.33",
            "-0.125",
            "0.0775",
            "79228162514264337593543950335",
        ] {
            assert_eq!(exact(s).to_decimal(), Some(dec(s).normalize()), "{s}");
        }
    }

    #[test]
    fn a_fraction_too_large_is_refused() {
        assert_eq!(exact("1.5").checked_pow(100_000), None);
        assert_eq!(exact("0").checked_pow(-1), None);
        assert_eq!(exact("1").checked_div(&exact("0")), None);
        assert!(exact("1.005").checked_pow(360).is_some());
    }
}
