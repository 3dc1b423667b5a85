#!/usr/bin/env python3
"""Reference figures for clauses/fuse-medical-director, from the text alone.

Source: Fuse Medical, Inc., Form 8-K of August 29, 2014, EX-10.4, Medical
Director Agreement with Dr. Randall L. Dei, effective May 1, 2014,
https://www.sec.gov/Archives/edgar/data/319016/000147793214004849/teee_ex104.htm

4   16,667.67 per month in arrears (read: due on each month's last day),
    the first one-year term May 1, 2014 - April 30, 2015
2   non-renewal notice not less than 30 days before the term ends
20  covenant for two years after termination; liquidated damages of three
    times the compensation paid plus enforcement expenses (the encoding
    totals the schedule: see the GAP in clause 20, whose money at stake is
    printed below)
"""
import os
import sys
from datetime import date, timedelta
from decimal import Decimal as D

sys.path.insert(0, os.path.dirname(__file__))
from _common import Checker, ledger  # noqa: E402

AGREEMENT = "fuse-medical-director"
MONTHLY = D("16667.67")
TERM_START = date(2014, 5, 1)
TERM_END = date(2015, 4, 30)


def month_ends(first, last):
    out, y, m = [], first.year, first.month
    while True:
        end = date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)
        if end > last:
            return out
        out.append(end)
        y, m = y + (m == 12), m % 12 + 1


DUES = month_ends(TERM_START, TERM_END)
TERM_TOTAL = MONTHLY * len(DUES)


def check(c, led, oid, amount=None, due=None, status=None):
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


def total_paid(c, led, party, expected):
    paid = sum((D(o["paid"]) for o in led["obligations"]
                if o["obligor"] == party and o["kind"] == "payment" and o["paid"]
                and o["status"] in ("paid", "paid_late", "partly_paid")), D("0"))
    c.eq(f"{led['scenario']} total paid by {party}", expected, paid)


def main():
    c = Checker(AGREEMENT)
    assert len(DUES) == 12 and DUES[0] == date(2014, 5, 31)
    c.eq("non-renewal notice deadline (30 days before the term ends)",
         date(2015, 3, 31), TERM_END - timedelta(days=30))

    led = ledger(AGREEMENT, "base")
    for i, due in enumerate(DUES, start=1):
        check(c, led, f"4.monthly_fee[{i}]", MONTHLY, due, "paid")
    total_paid(c, led, "company", TERM_TOTAL)
    nc = c.obligation(led, "20.non_compete")
    if nc is not None:
        c.eq("base non-compete end (2 years after termination)", "2017-04-30", nc["end"])

    led = ledger(AGREEMENT, "early_termination")
    terminated = date(2014, 9, 15)
    for i, due in enumerate(DUES, start=1):
        if due <= terminated:
            check(c, led, f"4.monthly_fee[{i}]", MONTHLY, due, "paid_late" if i == 4 else "paid")
        else:
            check(c, led, f"4.monthly_fee[{i}]", MONTHLY, due, "ended_early")
    paid_before = MONTHLY * sum(1 for d in DUES if d <= terminated)
    total_paid(c, led, "company", paid_before)

    led = ledger(AGREEMENT, "covenant_breach")
    ld = 3 * TERM_TOTAL + D("45000.00")
    check(c, led, "20.liquidated_damages", ld, None, "paid")
    check(c, led, "20.compensatory_damages", status="not_triggered")
    total_paid(c, led, "medical_director", ld)

    led = ledger(AGREEMENT, "both_remedies")
    paid = MONTHLY * 4
    text_figure = 3 * paid + D("30000.00")
    encoded = 3 * TERM_TOTAL + D("30000.00")
    print(f"note: 20(c) on the text gives {text_figure} (3 x compensation paid {paid}); "
          f"the encoding totals the schedule: {encoded} (a GAP of clause 20)")
    check(c, led, "20.liquidated_damages", encoded)
    check(c, led, "20.compensatory_damages", D("120000.00"))
    total_paid(c, led, "company", paid)

    c.finish()


if __name__ == "__main__":
    main()
