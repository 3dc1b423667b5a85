//! Properties of amounts over random agreements and scenarios: an amount
//! that comes to nothing is never due, late or overdue, and every money
//! figure of the JSON ledger has exactly two decimals (`^-?\d+\.\d{2}$`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn nothing_owed_is_never_overdue_and_money_has_cents(
        owed in 0i64..50_000,
        credit_equal in any::<bool>(),
        less in 0i64..50_000,
        due_day in 1u32..28,
        as_of_month in 1u32..13,
        on_time in any::<bool>(),
        grace_days in 0u32..20,
    ) {
        // `$A - $B` with B = A half the time: nothing owed.
        let less = if credit_equal { owed } else { less.min(owed) };
        let amount = format!("${}.{:02} - ${}.{:02}", owed / 100, owed % 100, less / 100, less % 100);
        let dir = agreement_of(&[
            (
                "agreement.clause",
                "agreement \"Fee\"\n  dated January 1, 2025\n\nparty a \"A\"\nparty b \"B\"\n",
            ),
            (
                "1.clause",
                &format!(
                    "clause 1 \"Fee\"\n  fee: b pays a {amount}\n    on March {due_day}, 2025\n    \
                     grace period {grace_days} days\n    late interest 10% per annum on the unpaid amount\n    \
                     late fee $25.00\n  \
                     rent: b pays a {amount}\n    in 3 equal monthly installments on day {due_day}\n    \
                     from February {due_day}, 2025\n"
                ),
            ),
            (
                "scenarios/base.scenario",
                &format!(
                    "scenario base \"b\"\n  as of {} 28, 2025\n{}",
                    ["January", "February", "March", "April", "May", "June", "July", "August",
                     "September", "October", "November", "December"][as_of_month as usize - 1],
                    if on_time { "  every payment is made on its due date\n" } else { "" }
                ),
            ),
        ]);
        let output = clausec(&["obligations", dir.to_str().unwrap(), "--format", "json"]);
        std::fs::remove_dir_all(&dir).unwrap();
        prop_assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
        let ledger = json(&output);
        for entry in ledger["obligations"].as_array().unwrap() {
            if entry["amount"] == "0.00" {
                prop_assert_eq!(&entry["status"], "nothing_owed", "{:#}", entry);
                let remedies = entry["remedies"].as_array().map_or(0, Vec::len);
                prop_assert_eq!(remedies, 0, "{:#}", entry);
            }
        }
        let mut money = Vec::new();
        money_fields(&ledger, &mut money);
        prop_assert!(!money.is_empty());
        money.iter().for_each(|field| assert_cents(field));
    }
}
