#!/usr/bin/env python3
"""Reference figures for clauses/aob-sw-trademark-license, from the text alone.

Source: American Outdoor Brands, Inc., Form 8-K of April 16, 2024, EX-10.1,
Amended and Restated Trademark License Agreement, Smith & Wesson Inc. and
AOB Products Company, April 11, 2024,
https://www.sec.gov/Archives/edgar/data/1808997/000095017024044829/aout-ex10_1.htm

6.1 each fiscal quarter: 5% of Net Sales, but at least 150,000 (minimum
    quarterly royalty); fiscal quarters assumed to end Jul 31, Oct 31, Jan 31,
    Apr 30 (not defined in the text)
6.3 due not later than 30 days after the quarter ends; overdue: 10% a year
    from the due date until received (simple; actual/365 assumed)
5   infringement notice not more than 14 days after learning of it
6.5 unpaid royalties within 30 days after termination
9.1.3 purchase price 2 x trailing 12-month net revenues, adjusted for working
    capital (excess added, shortfall deducted)
"""
import os
import sys
from datetime import date, timedelta
from decimal import Decimal as D

sys.path.insert(0, os.path.dirname(__file__))
from _common import Checker, ledger, cents  # noqa: E402

AGREEMENT = "aob-sw-trademark-license"
RATE = D("0.05")
MINIMUM = D("150000")
LATE_RATE = D("0.10")
QUARTER_ENDS = [date(2024, 7, 31), date(2024, 10, 31), date(2025, 1, 31), date(2025, 4, 30)]
NET_SALES = [D("4000000.00"), D("2600000.00"), D("3000000.00"), D("5210000.50")]
DUE = [end + timedelta(days=30) for end in QUARTER_ENDS]
ROYALTY = [max(cents(RATE * s), MINIMUM) for s in NET_SALES]


def interest(amount, start, end):
    return cents(amount * LATE_RATE * (end - start).days / 365)


def check(c, led, oid, amount=None, due=None, status=None, late=None, outstanding=None):
    o = c.obligation(led, oid)
    if o is None:
        return
    s = led["scenario"]
    if amount is not None:
        c.eq(f"{s} {oid} amount", amount, o["amount"])
    if due is not None:
        c.eq(f"{s} {oid} due", due.isoformat(), o["due"])
    if status is not None:
        c.eq(f"{s} {oid} status", status, o["status"])
    if outstanding is not None:
        c.eq(f"{s} {oid} outstanding", outstanding, o["outstanding"])
    if late is not None:
        total = sum((D(r["amount"]) for r in o["remedies"] if r.get("amount")), D("0"))
        c.eq(f"{s} {oid} late interest", late, total)


def total_paid(c, led, party, expected):
    paid = sum((D(o["paid"]) for o in led["obligations"]
                if o["obligor"] == party and o["kind"] == "payment" and o["paid"]), D("0"))
    c.eq(f"{led['scenario']} total paid by {party}", expected, paid)


def main():
    c = Checker(AGREEMENT)
    assert DUE[2] == date(2025, 3, 2)

    led = ledger(AGREEMENT, "base")
    for i in range(4):
        check(c, led, f"6.1.royalty_q{i + 1}", ROYALTY[i], DUE[i], "paid", late=D("0"))
        check(c, led, f"6.2.report_q{i + 1}", due=DUE[i], status="met")
    total_paid(c, led, "licensee", sum(ROYALTY))

    led = ledger(AGREEMENT, "late_royalties")
    check(c, led, "6.2.report_q1", due=DUE[0], status="late")
    check(c, led, "6.2.report_q4", due=DUE[3], status="missed")
    check(c, led, "6.1.royalty_q1", ROYALTY[0], DUE[0], "paid", late=D("0"))
    check(c, led, "6.1.royalty_q2", ROYALTY[1], DUE[1], "paid_late",
          late=interest(ROYALTY[1], DUE[1], date(2025, 1, 14)))
    # 100,000 on the due date; 50,000 thirty days later
    check(c, led, "6.1.royalty_q3", ROYALTY[2], DUE[2], "paid_late",
          late=interest(ROYALTY[2] - D("100000"), DUE[2], date(2025, 4, 1)))
    check(c, led, "6.1.royalty_q4", ROYALTY[3], DUE[3], "due", outstanding=ROYALTY[3],
          late=interest(ROYALTY[3], DUE[3], date(2025, 6, 30)))
    total_paid(c, led, "licensee", D("200000") + D("150000") + D("100000") + D("50000"))

    led = ledger(AGREEMENT, "business_purchase")
    learned = date(2024, 6, 3)
    check(c, led, "5.infringement_notice", due=learned + timedelta(days=14), status="late")
    price = 2 * D("14800000.00") + D("0") - D("250000.00")
    closing = date(2025, 10, 15)
    check(c, led, "9.1.3.purchase_price", price, closing, "paid")
    check(c, led, "6.5.final_royalties", D("184250.00"), closing + timedelta(days=30), "paid")
    total_paid(c, led, "licensor", price + D("0"))

    c.finish()


if __name__ == "__main__":
    main()
