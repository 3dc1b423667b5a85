#!/usr/bin/env python3
"""Reference figures for clauses/accord-rental-deposit, from its text alone.

Accord Project Cicero template rental-deposit (Apache-2.0), text/sample.md:
deposit 3000 USD on execution (A); restored within 30 days of Landlord's
demand after a deduction (A); "Within 3 weeks after the end of the Term,
Landlord will return Tenant's monetary deposit to Tenant, less any allowed
deductions" (C).

Feature test/logic_default.feature, "The property was inspected and there was
damage": penalties 1000 (cleaning carpets) and 450 (pet damage); expected
balance 1550 USD, emitted by the template as owed tenant -> landlord. The text
has the landlord return it to the tenant, which is what is checked.
"""
import os
import sys
from datetime import date, timedelta
from decimal import Decimal as D

sys.path.insert(0, os.path.dirname(__file__))
from _common import Checker, ledger  # noqa: E402

AGREEMENT = "accord-rental-deposit"
DEPOSIT = D("3000.00")


def main():
    c = Checker(AGREEMENT)

    # Feature scenario: 3000 - (1000 + 450) = 1550 (feature: doubleValue 1550).
    led = ledger(AGREEMENT, "damage")
    term_end = date(2018, 1, 2)  # the scenario's illustration
    r = c.obligation(led, "C.deposit_return")
    if r:
        c.eq("damage balance", DEPOSIT - (D("1000") + D("450")), r["amount"])
        c.eq("damage balance payer (text: landlord returns)", "landlord", r["obligor"])
        c.eq("damage balance payee", "tenant", r["obligee"])
        c.eq("damage return due", (term_end + timedelta(weeks=3)).isoformat(), r["due"])
        c.eq("damage return status", "not_yet_due", r["status"])
    d = c.obligation(led, "A.deposit")
    if d:
        c.eq("damage deposit", DEPOSIT, d["amount"])

    # Not a feature scenario: $400.00 deducted, demand June 1, 2017: due within
    # 30 days, July 1, 2017; restored July 5, 2017: paid late. No end-of-Term
    # deductions: the whole $3,000.00 is returned by January 23, 2018.
    led = ledger(AGREEMENT, "restoration")
    r = c.obligation(led, "A.restoration")
    if r:
        c.eq("restoration amount", D("400.00"), r["amount"])
        c.eq("restoration due", (date(2017, 6, 1) + timedelta(days=30)).isoformat(), r["due"])
        c.eq("restoration status", "paid_late", r["status"])
    r = c.obligation(led, "C.deposit_return")
    if r:
        c.eq("restoration return", DEPOSIT, r["amount"])
    c.finish()


if __name__ == "__main__":
    main()
