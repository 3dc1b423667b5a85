//! Exact money: rounding, equal installments, simple interest.
//!
//! Every amount is a `rust_decimal::Decimal`; every rounding names its mode
//! and unit; every operation is checked, so an overflow is an error value,
//! never a wrong number or a panic.

use super::exact::Exact;
use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoundingMode {
    HalfUp,
    HalfEven,
    Down,
    Up,
}

impl RoundingMode {
    pub fn describe(self) -> &'static str {
        match self {
            RoundingMode::HalfUp => "half up",
            RoundingMode::HalfEven => "half even",
            RoundingMode::Down => "down",
            RoundingMode::Up => "up",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// The hundredth of a currency that has one (not the yen).
    Cent,
    /// A whole dollar (US or Canadian).
    Dollar,
    /// A whole euro, pound or Swiss franc.
    Euro,
    Pound,
    Franc,
    /// The yen, which has no smaller unit.
    Yen,
    /// A count or number rounded to a whole one (`rounded down to a whole
    /// number`): no places, like the dollar, but not money.
    Whole,
}

impl Unit {
    /// `the cent`, `the dollar`, `a whole number`: as the language writes it.
    pub fn words(self) -> &'static str {
        match self {
            Unit::Cent => "the cent",
            Unit::Dollar => "the dollar",
            Unit::Euro => "the euro",
            Unit::Pound => "the pound",
            Unit::Franc => "the franc",
            Unit::Yen => "the yen",
            Unit::Whole => "a whole number",
        }
    }

    /// Whether an amount in `currency` can be rounded to this unit: the cent
    /// of a currency with cents, a whole unit of its own currency. The yen
    /// has no cent, so `to the cent` on yen is refused, never read as yen.
    pub fn fits(self, currency: Currency) -> bool {
        match self {
            Unit::Cent => currency.minor_digits() == 2,
            Unit::Dollar => matches!(currency, Currency::Usd | Currency::Cad),
            Unit::Euro => currency == Currency::Eur,
            Unit::Pound => currency == Currency::Gbp,
            Unit::Franc => currency == Currency::Chf,
            Unit::Yen => currency == Currency::Jpy,
            Unit::Whole => false,
        }
    }

    /// The unit an amount in `currency` is rounded to where a clause states
    /// none: its smallest unit.
    pub fn smallest(currency: Currency) -> Unit {
        match currency {
            Currency::Jpy => Unit::Yen,
            _ => Unit::Cent,
        }
    }
}

/// The currencies the language knows: the six of most agreements written in
/// English. Each has its ISO 4217 code and its minor unit; `$`, `€` and `£`
/// are written for the three whose sign means one currency only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Currency {
    #[default]
    Usd,
    Eur,
    Gbp,
    Chf,
    Jpy,
    Cad,
}

impl Currency {
    /// Every currency, in the order the guide lists them.
    pub const ALL: [Currency; 6] = [
        Currency::Usd,
        Currency::Eur,
        Currency::Gbp,
        Currency::Chf,
        Currency::Jpy,
        Currency::Cad,
    ];

    /// The ISO 4217 code: `USD`, `EUR`.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
            Currency::Gbp => "GBP",
            Currency::Chf => "CHF",
            Currency::Jpy => "JPY",
            Currency::Cad => "CAD",
        }
    }

    /// The currency an ISO code names.
    pub fn from_code(code: &str) -> Option<Currency> {
        Currency::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The currency a sign names: `$` (and `US$`) dollars, `€` euros, `£`
    /// pounds.
    pub fn from_sign(sign: &str) -> Option<Currency> {
        match sign {
            "$" | "US$" => Some(Currency::Usd),
            "€" => Some(Currency::Eur),
            "£" => Some(Currency::Gbp),
            _ => None,
        }
    }

    /// Digits after the decimal point of its smallest unit: 2, or 0 for the yen.
    pub fn minor_digits(self) -> u32 {
        match self {
            Currency::Jpy => 0,
            _ => 2,
        }
    }

    /// What an amount is written after: its sign where the sign means this
    /// currency only (`$`, `€`, `£`), else its code and a space (`CHF `).
    pub fn prefix(self) -> &'static str {
        match self {
            Currency::Usd => "$",
            Currency::Eur => "€",
            Currency::Gbp => "£",
            Currency::Chf => "CHF ",
            Currency::Jpy => "JPY ",
            Currency::Cad => "CAD ",
        }
    }

    /// The currency in words, for diagnostics: `euros`.
    pub fn words(self) -> &'static str {
        match self {
            Currency::Usd => "US dollars",
            Currency::Eur => "euros",
            Currency::Gbp => "pounds sterling",
            Currency::Chf => "Swiss francs",
            Currency::Jpy => "yen",
            Currency::Cad => "Canadian dollars",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Remainder {
    First,
    Last,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayCount {
    Actual365,
    Actual360,
    Thirty360,
}

impl DayCount {
    pub fn describe(self) -> &'static str {
        match self {
            DayCount::Actual365 => "actual/365",
            DayCount::Actual360 => "actual/360",
            DayCount::Thirty360 => "30/360",
        }
    }
}

/// A rounding rule as a clause states it: `rounded half up to the cent`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rounding {
    pub mode: RoundingMode,
    pub unit: Unit,
}

impl Rounding {
    /// What the ledger uses when a clause states no rounding: half up to the
    /// cent, the usual reading of "to the cent" in a payment obligation. The
    /// ledger lists it among the assumptions when it is used.
    pub const DEFAULT: Rounding = Rounding {
        mode: RoundingMode::HalfUp,
        unit: Unit::Cent,
    };

    pub fn apply(self, value: Decimal) -> Decimal {
        value.round_dp_with_strategy(self.places(), self.strategy())
    }

    /// The exact figure rounded as stated; nothing when the result does not
    /// fit an amount.
    pub fn apply_exact(self, value: &Exact) -> Option<Decimal> {
        match value.to_decimal() {
            Some(decimal) => Some(self.apply(decimal)),
            None => value.round(self.places(), self.strategy()),
        }
    }

    fn strategy(self) -> RoundingStrategy {
        match self.mode {
            RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
            RoundingMode::Down => RoundingStrategy::ToZero,
            RoundingMode::Up => RoundingStrategy::AwayFromZero,
        }
    }

    fn places(self) -> u32 {
        match self.unit {
            Unit::Cent => 2,
            Unit::Dollar | Unit::Euro | Unit::Pound | Unit::Franc | Unit::Yen | Unit::Whole => 0,
        }
    }

    /// [`Rounding::DEFAULT`] for an amount in `currency`: half up to its
    /// smallest unit (the yen for yen).
    pub fn default_for(currency: Currency) -> Rounding {
        Rounding {
            mode: RoundingMode::HalfUp,
            unit: Unit::smallest(currency),
        }
    }

    pub fn describe(self) -> String {
        format!("rounded {} to {}", self.mode.describe(), self.unit.words())
    }
}

/// An arithmetic failure: the message says what could not be computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArithmeticError(pub String);

/// Splits `total` into `count` installments that sum to it exactly: each is
/// `total / count` rounded, and the installment `remainder` names absorbs the
/// difference. When rounding went up so far that the remainder's installment
/// would be negative (`$1.00` in 60, half up to the cent: 59 × $0.02 and
/// −$0.18), there is no such split: an error, not a negative installment.
pub fn split_equal(
    total: Decimal,
    count: usize,
    rounding: Rounding,
    remainder: Remainder,
) -> Result<Vec<Decimal>, ArithmeticError> {
    split_equal_in(total, count, rounding, remainder, Currency::Usd)
}

/// [`split_equal`] of an amount in `currency` (what its errors say).
pub fn split_equal_in(
    total: Decimal,
    count: usize,
    rounding: Rounding,
    remainder: Remainder,
    currency: Currency,
) -> Result<Vec<Decimal>, ArithmeticError> {
    let format_money = |amount| format_money_in(amount, currency);
    if count == 0 {
        return Ok(Vec::new());
    }
    let n = Decimal::from(count);
    let each = total
        .checked_div(n)
        .map(|v| rounding.apply(v))
        .ok_or_else(|| {
            ArithmeticError(format!(
                "{} cannot be divided into {count} installments",
                format_money(total)
            ))
        })?;
    let rest = balance_after(total, each, count, currency)?;
    if rest.is_sign_negative() != total.is_sign_negative() && !rest.is_zero() {
        let which = match remainder {
            Remainder::First => "first",
            Remainder::Last => "last",
        };
        return Err(ArithmeticError(format!(
            "{} in {count} equal installments of {}, {}, leaves {} for the {which} installment",
            format_money(total),
            format_money(each),
            rounding.describe(),
            format_money(rest)
        )));
    }
    Ok(installments(each, count, rest, remainder))
}

/// Splits `total` into `count` installments of `each`, but for the one
/// `remainder` names, which takes the balance (`$35,500.00` in 36 of
/// `$1,000.00`: 35 × $1,000.00 and a last of $500.00). A balance below zero
/// means the installments stated pay more than the total: an error.
pub fn split_stated(
    total: Decimal,
    count: usize,
    each: Decimal,
    remainder: Remainder,
) -> Result<Vec<Decimal>, ArithmeticError> {
    split_stated_in(total, count, each, remainder, Currency::Usd)
}

/// [`split_stated`] of an amount in `currency` (what its errors say).
pub fn split_stated_in(
    total: Decimal,
    count: usize,
    each: Decimal,
    remainder: Remainder,
    currency: Currency,
) -> Result<Vec<Decimal>, ArithmeticError> {
    let format_money = |amount| format_money_in(amount, currency);
    if count == 0 {
        return Ok(Vec::new());
    }
    let rest = balance_after(total, each, count, currency)?;
    if rest.is_sign_negative() && !rest.is_zero() {
        return Err(ArithmeticError(format!(
            "{} installments of {} make more than the total of {}",
            count - 1,
            format_money(each),
            format_money(total)
        )));
    }
    Ok(installments(each, count, rest, remainder))
}

/// What is left of `total` for one installment when the other `count - 1`
/// are `each`.
fn balance_after(
    total: Decimal,
    each: Decimal,
    count: usize,
    currency: Currency,
) -> Result<Decimal, ArithmeticError> {
    each.checked_mul(Decimal::from(count.saturating_sub(1)))
        .and_then(|others| total.checked_sub(others))
        .ok_or_else(|| {
            ArithmeticError(format!(
                "{} is too large to split",
                format_money_in(total, currency)
            ))
        })
}

/// `count` installments of `each`, but for the one `remainder` names, `rest`.
fn installments(each: Decimal, count: usize, rest: Decimal, remainder: Remainder) -> Vec<Decimal> {
    let mut parts = vec![each; count];
    let slot = match remainder {
        Remainder::First => parts.first_mut(),
        Remainder::Last => parts.last_mut(),
    };
    if let Some(slot) = slot {
        *slot = rest;
    }
    parts
}

/// The days between two dates and the year basis, under a day-count
/// convention.
pub fn day_count(convention: DayCount, from: NaiveDate, to: NaiveDate) -> (i64, i64) {
    match convention {
        DayCount::Actual365 => ((to - from).num_days(), 365),
        DayCount::Actual360 => ((to - from).num_days(), 360),
        DayCount::Thirty360 => (days_30_360(from, to), 360),
    }
}

/// The 30/360 (US bond basis) count of days.
fn days_30_360(from: NaiveDate, to: NaiveDate) -> i64 {
    let d1 = i64::from(from.day().min(30));
    let d2 = if to.day() == 31 && d1 == 30 {
        30
    } else {
        i64::from(to.day())
    };
    360 * i64::from(to.year() - from.year())
        + 30 * (i64::from(to.month()) - i64::from(from.month()))
        + (d2 - d1)
}

/// Simple interest: `principal × rate × days / basis`, rounded once at the
/// end, on a principal in dollars (what its error says).
pub fn simple_interest(
    principal: Decimal,
    rate: Decimal,
    days: i64,
    basis: i64,
    rounding: Rounding,
) -> Result<Decimal, ArithmeticError> {
    simple_interest_in(principal, rate, days, basis, rounding, Currency::Usd)
}

/// [`simple_interest`] on a principal in `currency`: an error names it in
/// that currency (`interest on €1,000.00 cannot be computed exactly`).
pub fn simple_interest_in(
    principal: Decimal,
    rate: Decimal,
    days: i64,
    basis: i64,
    rounding: Rounding,
    currency: Currency,
) -> Result<Decimal, ArithmeticError> {
    principal
        .checked_mul(rate)
        .and_then(|v| v.checked_mul(Decimal::from(days)))
        .and_then(|v| v.checked_div(Decimal::from(basis)))
        .map(|v| rounding.apply(v))
        .ok_or_else(|| {
            ArithmeticError(format!(
                "interest on {} cannot be computed exactly",
                format_money_in(principal, currency)
            ))
        })
}

/// `$20,833.33`; negative amounts as `-$0.01`. Always two decimal places.
/// An amount and its currency, for a value that is shown later (a ledger
/// note): shown as [`format_money_in`] shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Money {
    pub amount: Decimal,
    pub currency: Currency,
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&format_money_in(self.amount, self.currency))
    }
}

pub fn format_money(value: Decimal) -> String {
    format_money_in(value, Currency::Usd)
}

/// An amount in its currency, to its smallest unit: `$20,833.33`,
/// `€1,250.00`, `CHF 400.00`, `JPY 125,000`; negative as `-€0.01`.
pub fn format_money_in(value: Decimal, currency: Currency) -> String {
    let places = currency.minor_digits();
    let rounded = value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    let text = format!("{:.*}", places as usize, rounded.abs());
    let grouped = match text.split_once('.') {
        Some((whole, minor)) => format!("{}.{minor}", group_thousands(whole)),
        None => group_thousands(&text),
    };
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}{}{grouped}", currency.prefix())
}

/// An amount as it is, not rounded: `$463.755`, `$92,751.00` (at least the
/// cents). A value with more than six decimal places — a division that does
/// not come out even — shows four and `…`: `$20,833.3333…`, cut, not
/// rounded, so that what is shown is always the start of the exact figure.
pub fn format_money_exact(value: Decimal) -> String {
    format_money_exact_in(value, Currency::Usd)
}

/// [`format_money_exact`] in a currency: `€463.755`, `JPY 13.5`.
pub fn format_money_exact_in(value: Decimal, currency: Currency) -> String {
    let value = value.normalize();
    if value.scale() <= SHOWN_IN_FULL {
        return money_digits(value, false, currency);
    }
    money_digits(value.trunc_with_scale(SHOWN_CUT), true, currency)
}

/// An exact figure as an amount, as [`format_money_exact`] shows it: every
/// digit up to six decimals, else four and `…`.
pub fn format_exact_money(value: &Exact) -> String {
    format_exact_money_in(value, Currency::Usd)
}

/// [`format_exact_money`] in a currency.
pub fn format_exact_money_in(value: &Exact, currency: Currency) -> String {
    match value.to_decimal() {
        Some(decimal) => format_money_exact_in(decimal, currency),
        None => match value.round(SHOWN_CUT, RoundingStrategy::ToZero) {
            Some(cut) => money_digits(cut, true, currency),
            None => format!("{}{}…", currency.prefix(), value.digits(SHOWN_CUT).0),
        },
    }
}

/// A number as it is (`0.5`, `1.088608309484746229766845703125`, every
/// digit up to 40 decimals); one with no end, or longer, cut at 28 with `…`.
pub fn format_exact_number(value: &Exact) -> String {
    match value.digits(40) {
        (digits, false) => digits,
        _ => format!("{}…", value.digits(28).0),
    }
}

/// A rate as a percentage, exact or cut like [`format_exact_number`].
pub fn format_exact_percent(rate: &Exact) -> String {
    match rate.checked_mul(&Exact::from(100i64)) {
        Some(percent) => format!("{}%", format_exact_number(&percent)),
        None => format!("{}%", format_exact_number(rate)),
    }
}

const SHOWN_IN_FULL: u32 = 6;
const SHOWN_CUT: u32 = 4;

/// The currency's sign or code and the digits of `value` (at least its
/// smallest unit), grouped, with `…` when they were cut from a longer figure.
fn money_digits(value: Decimal, cut: bool, currency: Currency) -> String {
    if value.scale() <= currency.minor_digits() && !cut {
        return format_money_in(value, currency);
    }
    let text = value.abs().to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let sign = if value.is_sign_negative() { "-" } else { "" };
    let ellipsis = if cut { "…" } else { "" };
    format!(
        "{sign}{}{}.{fraction}{ellipsis}",
        currency.prefix(),
        group_thousands(whole)
    )
}

/// `10,000`: a count, its thousands grouped as in amounts.
pub fn format_count(n: usize) -> String {
    group_thousands(&n.to_string())
}

/// Digits with a comma before each group of three from the right.
fn group_thousands(digits: &str) -> String {
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    grouped
}

/// `18%`, `4.5%`
pub fn format_percent(rate: Decimal) -> String {
    let percent = rate * Decimal::ONE_HUNDRED;
    format!("{}%", percent.normalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn exact_amounts_show_every_digit_or_say_they_are_cut() {
        assert_eq!(format_money_exact(dec("463.755")), "$463.755");
        assert_eq!(format_money_exact(dec("92751")), "$92,751.00");
        assert_eq!(format_money_exact(dec("1391.2650")), "$1,391.265");
        assert_eq!(
            format_money_exact(dec("125000") / dec("6")),
            "$20,833.3333…"
        );
        assert_eq!(format_money_exact(dec("-0.125")), "-$0.125");
    }

    #[test]
    fn a_split_that_would_leave_a_negative_installment_is_an_error() {
        let split = split_equal(dec("1.00"), 60, Rounding::DEFAULT, Remainder::Last);
        assert_eq!(
            split,
            Err(ArithmeticError(
                "$1.00 in 60 equal installments of $0.02, rounded half up to the cent, leaves -$0.18 for the last installment".to_owned()
            ))
        );
        // Rounding down leaves a larger last installment, which is fine.
        let down = Rounding {
            mode: RoundingMode::Down,
            unit: Unit::Cent,
        };
        let parts = split_equal(dec("1.00"), 60, down, Remainder::Last).unwrap();
        assert_eq!(parts[59], dec("0.41"));
    }

    #[test]
    fn six_months_of_250000_split_in_six() {
        let parts = split_equal(dec("125000"), 6, Rounding::DEFAULT, Remainder::Last).unwrap();
        assert_eq!(parts[0], dec("20833.33"));
        assert_eq!(parts[5], dec("20833.35"));
        assert_eq!(parts.iter().copied().sum::<Decimal>(), dec("125000"));
    }

    #[test]
    fn remainder_can_be_negative_when_rounding_goes_up() {
        let parts = split_equal(dec("200"), 3, Rounding::DEFAULT, Remainder::First).unwrap();
        assert_eq!(parts, vec![dec("66.66"), dec("66.67"), dec("66.67")]);
    }

    #[test]
    fn late_interest_of_the_issue_figures() {
        let rounding = Rounding::DEFAULT;
        let principal = dec("20833.33");
        assert_eq!(
            simple_interest(principal, dec("0.18"), 25, 365, rounding).unwrap(),
            dec("256.85")
        );
        assert_eq!(
            simple_interest(principal, dec("0.18"), 15, 365, rounding).unwrap(),
            dec("154.11")
        );
        assert_eq!(
            simple_interest(principal, dec("0.12"), 25, 365, rounding).unwrap(),
            dec("171.23")
        );
    }

    #[test]
    fn interest_that_cannot_be_computed_is_named_in_its_currency() {
        // The largest amount there is, times 18%, times 25 days: past the
        // largest decimal, so an error, never a wrong figure.
        let error = simple_interest_in(
            Decimal::MAX,
            dec("0.18"),
            25,
            365,
            Rounding::DEFAULT,
            Currency::Eur,
        )
        .unwrap_err();
        assert_eq!(
            error.0,
            "interest on €79,228,162,514,264,337,593,543,950,335.00 cannot be computed exactly"
        );
        let error = simple_interest_in(
            Decimal::MAX,
            dec("0.18"),
            25,
            365,
            Rounding::DEFAULT,
            Currency::Jpy,
        )
        .unwrap_err();
        assert_eq!(
            error.0,
            "interest on JPY 79,228,162,514,264,337,593,543,950,335 cannot be computed exactly"
        );
        let error =
            simple_interest(Decimal::MAX, dec("0.18"), 25, 365, Rounding::DEFAULT).unwrap_err();
        assert!(error.0.starts_with("interest on $79,228,"), "{}", error.0);
    }

    #[test]
    fn money_is_formatted_like_a_lawyer_writes_it() {
        assert_eq!(format_money(dec("20833.333")), "$20,833.33");
        assert_eq!(format_money(dec("125000")), "$125,000.00");
        assert_eq!(format_money(dec("-0.01")), "-$0.01");
        assert_eq!(format_money(dec("999")), "$999.00");
        assert_eq!(format_percent(dec("0.18")), "18%");
    }

    #[test]
    fn thirty_360_counts_months_as_thirty_days() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(
            day_count(DayCount::Thirty360, d(2002, 10, 31), d(2002, 11, 30)),
            (30, 360)
        );
        assert_eq!(
            day_count(DayCount::Actual365, d(2002, 10, 31), d(2002, 11, 25)),
            (25, 365)
        );
    }
}
