#!/usr/bin/env python3
"""Reference figures for clauses/accord-promissory-note, from its text alone.

Accord Project Cicero template promissory-note (Apache-2.0), text/sample.md:
dated 01/30/2018; "the principal sum of 500.00 USD" (the heading says
1,000.00 USD); interest 3.8% per annum, 365-day year, actual days, on the
original principal only, no interest on interest; principal and interest due
on the earlier of 01/20/2019 and ten days before an S-1 filing; prepayment of
any portion at any time.

Feature test/logic.feature, "The amount paid is 100 USD": expects
outstandingBalance 1425.4396822450633 = (1000 - 100) x (1 + 3.8)^(107/365),
the logic's reading (the 1,000 heading, 3.8 as 380%, compounding to a fixed
17 May 2018). The text gives different figures; they are what is checked.
"""
import os
import sys
from datetime import date, timedelta
from decimal import Decimal as D

sys.path.insert(0, os.path.dirname(__file__))
from _common import Checker, cents, ledger  # noqa: E402

AGREEMENT = "accord-promissory-note"
PRINCIPAL = D("500.00")
RATE = D("0.038")
NOTE_DATE = date(2018, 1, 30)
MATURITY = date(2019, 1, 20)


def repayment(prepaid, due):
    # principal less prepaid, plus 3.8% x original principal x actual days / 365
    days = (due - NOTE_DATE).days
    return cents(PRINCIPAL - prepaid + PRINCIPAL * RATE * days / 365)


def main():
    c = Checker(AGREEMENT)

    led = ledger(AGREEMENT, "paid_100")
    # 355 days to January 20, 2019: 500 x 3.8% x 355/365 = 18.48; 400 + 18.48 = 418.48.
    r = c.obligation(led, "payment.repayment")
    if r:
        c.eq("paid_100 repayment", repayment(D("100.00"), MATURITY), r["amount"])
        c.eq("paid_100 repayment due", MATURITY.isoformat(), r["due"])
        # No S-1 recorded: an S-1 filed by January 29, 2019 could still bring it forward.
        c.eq("paid_100 repayment status", "conditional", r["status"])
    p = c.obligation(led, "prepayment.prepayment")
    if p:
        c.eq("paid_100 prepayment", D("100.00"), p["amount"])
    print("note paid_100: the feature expects outstandingBalance 1425.4396822450633 "
          "(logic: 900 x 4.8^(107/365)); the text's balance on May 17, 2018 would be "
          f"{cents(PRINCIPAL - 100 + PRINCIPAL * RATE * 107 / 365)}")

    led = ledger(AGREEMENT, "ipo")
    filing = date(2018, 10, 11)
    due = filing - timedelta(days=10)  # October 1, 2018; 244 days: 500 x 3.8% x 244/365 = 12.70
    r = c.obligation(led, "payment.repayment_before_ipo")
    if r:
        c.eq("ipo repayment", repayment(D("0"), due), r["amount"])
        c.eq("ipo repayment due", due.isoformat(), r["due"])
        c.eq("ipo repayment status", "paid", r["status"])
    r = c.obligation(led, "payment.repayment")
    if r:
        c.eq("ipo maturity repayment", "not_triggered", r["status"])
    c.finish()


if __name__ == "__main__":
    main()
