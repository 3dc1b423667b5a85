//! Exact arithmetic the contract's terms need, independent of the language:
//! fractions carried exactly until a stated rounding ([`exact`]),
//! money with named roundings and day counts ([`money`]), calendar dates
//! and schedules ([`calendar`]), business days and holiday calendars
//! ([`business`]), numbers written in words ([`words`]).
//! Nothing here knows about files, names or diagnostics.

pub mod amortize;
pub mod business;
pub mod calendar;
pub mod exact;
pub mod money;
pub mod words;
pub mod zone;
