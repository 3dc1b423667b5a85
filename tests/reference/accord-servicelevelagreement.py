#!/usr/bin/env python3
"""Reference figures for clauses/accord-servicelevelagreement, from its text alone.

Accord Project Cicero template servicelevelagreement (Apache-2.0),
text/sample.md: Annex 1, Priority 1 targets 99.8% (credit 2.0 GBP) and 98.0%
(credit 3.0 GBP); 3.3 the month's credits do not exceed 10% (of the month's
charges); 3.4 those of any 12 months do not exceed 10% (of their charges);
5.1 a report within ten Business Days (England) after the end of each month.

Features: test/logic.feature (sample.md) and test/high-credit-logic.feature
(a variant text with 11.0 GBP, checked here against sample.md). The logic
reads "2.0 GBP" as 2% of the monthly charge; the text's credit is 2.0 (GBP,
written as dollars), capped.
"""
import os
import sys
from datetime import date, timedelta
from decimal import Decimal as D

sys.path.insert(0, os.path.dirname(__file__))
from _common import Checker, cents, ledger  # noqa: E402

AGREEMENT = "accord-servicelevelagreement"
TIERS = [(D("98.0"), D("3.00")), (D("99.8"), D("2.00"))]  # below target: credit
CAP = D("0.10")
MONTH_END = date(2019, 1, 31)  # the scenarios' illustration
# England and Wales bank holidays near the date: none between Feb 1 and Feb 14, 2019.


def credit(level, charge, charges11, credits11):
    base = D("0.00")
    for target, amount in TIERS:
        if level < target:
            base = amount
            break
    return cents(min(base, CAP * charge, CAP * (charges11 + charge) - credits11))


def business_days_after(d, n):
    while n:
        d += timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


def check(c, scenario, level, charge, charges11, credits11, accord):
    led = ledger(AGREEMENT, scenario)
    o = c.obligation(led, "3.1.service_credit")
    if not o:
        return
    if level is None:
        c.eq(f"{scenario} credit (no service level)", "not_yet_known", o["status"])
        return
    want = credit(D(level), D(charge), D(charges11), D(credits11))
    c.eq(f"{scenario} credit", want, o["amount"])
    c.eq(f"{scenario} credit payer", "supplier", o["obligor"])
    if want != D(accord):
        print(f"note {scenario}: the text gives {want}; the feature expects monthlyCredit {accord}")


def main():
    c = Checker(AGREEMENT)
    # test/logic.feature
    check(c, "no_credit_100", "100", "10", "0", "0", "0")
    check(c, "credit_99_7", "99.7", "10", "0", "0", "0.2")
    check(c, "credit_97", "97", "10", "0", "0", "0.3")
    # test/high-credit-logic.feature (variant 11.0 GBP), against sample.md
    check(c, "credit_97_monthly_cap", "97", "10", "0", "0", "1")
    # 10% x (110 + 10) - 11.01 = 0.99 (the logic's 0.9900000000000002)
    check(c, "annual_cap", "97", "10", "110", "11.01", "0.99")
    check(c, "correct_monthly_credit", "100", "10", "0", "0", "0.0")
    check(c, "negative_service_level", None, "10", "0", "0", None)
    led = ledger(AGREEMENT, "no_credit_100")
    r = c.obligation(led, "5.1.report")
    if r:
        c.eq("report due", business_days_after(MONTH_END, 10).isoformat(), r["due"])
    c.finish()


if __name__ == "__main__":
    main()
