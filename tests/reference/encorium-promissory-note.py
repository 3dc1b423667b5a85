#!/usr/bin/env python3
"""Reference figures for clauses/encorium-promissory-note, from the text alone.

Source: Encorium Group, Inc., EX-10.4, promissory note of 17 May 2010,
https://www.sec.gov/Archives/edgar/data/856569/000121465911001543/ex10_4.htm

Principal 200,000 EUR ("200.000 €"): every amount is in euros, and the JSON
ledger must say so ("currency": "EUR"). Interest 5% a year
to 31 August 2010, 7% from 1 September 2010; interest paid quarterly from
1 September 2010; principal on demand after 1 September 2010.
Day count is not stated: actual/365 is assumed (a GAP the encoding records).

First interest payment, 1 September 2010, at 5%:
  days 17 May 2010 -> 1 Sep 2010 = 107
  200,000.00 x 5% x 107 / 365 = 2,931.5068... -> 2,931.51
Second, 1 December 2010, the first quarter at 7%:
  days 1 Sep 2010 -> 1 Dec 2010 = 91
  200,000.00 x 7% x 91 / 365 = 3,490.4109... -> 3,490.41
Principal: 200,000.00, no date (on demand).
"""
import os
import sys
from datetime import date
from decimal import Decimal as D

sys.path.insert(0, os.path.dirname(__file__))
from _common import Checker, ledger, cents  # noqa: E402

AGREEMENT = "encorium-promissory-note"
PRINCIPAL = D("200000.00")
NOTE_DATE = date(2010, 5, 17)
FIRST_DUE = date(2010, 9, 1)
SECOND_DUE = date(2010, 12, 1)
DAYS1 = (FIRST_DUE - NOTE_DATE).days        # 107
DAYS2 = (SECOND_DUE - FIRST_DUE).days       # 91
FIRST = cents(PRINCIPAL * D("0.05") * DAYS1 / 365)   # 2,931.51
SECOND = cents(PRINCIPAL * D("0.07") * DAYS2 / 365)  # 3,490.41


def check_payment(c, led, oid, amount, due, status, paid_on=None):
    o = c.obligation(led, oid)
    if o is None:
        return
    s = led["scenario"]
    if amount is not None:
        c.eq(f"{s} {oid} amount", amount, o["amount"])
        # "Debtor borrows 200.000 € (two hundred thousand euros)"
        c.eq(f"{s} {oid} currency", "EUR", o["currency"])
    c.eq(f"{s} {oid} due", due.isoformat() if due else None, o["due"])
    c.eq(f"{s} {oid} status", status, o["status"])
    if paid_on is not None:
        c.eq(f"{s} {oid} paid on", paid_on, o["paid_on"])
    if status in ("paid", "paid_late"):
        # no rate for "interest for delay" is stated: no late interest
        c.eq(f"{s} {oid} late interest remedies", 0, len(o["remedies"]))


def main():
    c = Checker(AGREEMENT)
    print(f"days: {DAYS1} and {DAYS2}; interest {FIRST} and {SECOND}; "
          f"on 30/360 the first would be {cents(PRINCIPAL * D('0.05') * 104 / 360)}")

    led = ledger(AGREEMENT, "base")
    check_payment(c, led, "repayment.first_interest", FIRST, FIRST_DUE, "paid", "2010-09-01")
    check_payment(c, led, "repayment.second_interest", SECOND, SECOND_DUE, "paid", "2010-12-01")
    check_payment(c, led, "repayment.principal", PRINCIPAL, None, "paid", "2011-03-01")

    led = ledger(AGREEMENT, "late_interest")
    check_payment(c, led, "repayment.first_interest", FIRST, FIRST_DUE, "paid_late", "2010-10-16")
    check_payment(c, led, "repayment.second_interest", SECOND, SECOND_DUE, "paid", "2010-12-01")
    check_payment(c, led, "repayment.principal", PRINCIPAL, None, "paid", "2011-03-01")

    led = ledger(AGREEMENT, "early_repayment")
    check_payment(c, led, "repayment.first_interest", FIRST, FIRST_DUE, "paid", "2010-09-01")
    check_payment(c, led, "repayment.second_interest", None, SECOND_DUE, "not_triggered")
    check_payment(c, led, "repayment.principal", PRINCIPAL, None, "paid", "2010-10-01")

    led = ledger(AGREEMENT, "no_demand")
    check_payment(c, led, "repayment.first_interest", FIRST, FIRST_DUE, "paid", "2010-09-01")
    check_payment(c, led, "repayment.second_interest", SECOND, SECOND_DUE, "paid", "2010-12-01")
    check_payment(c, led, "repayment.principal", PRINCIPAL, None, "conditional")

    c.finish()


if __name__ == "__main__":
    main()
