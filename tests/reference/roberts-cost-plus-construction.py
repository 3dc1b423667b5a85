#!/usr/bin/env python3
"""Reference figures for clauses/roberts-cost-plus-construction, from the text alone.

Source: Roberts Realty Investors, Inc., Form 8-K of February 22, 2006,
EX-10.2, AIA Document A117-1987 between Roberts Properties Residential, L.P.
and Roberts Properties Construction, Inc., made as of February 21, 2006,
https://www.sec.gov/Archives/edgar/data/1011109/000094270806000028/ex10-2_022206.htm

4.1 each month's Cost of the Work plus the Contractor's Fee of 10%
    (rounded half up to the cent: the encoding's reading), payable on the
    10th of the following month, or the next business day if the 10th is a
    weekend or a nationally recognized holiday (read as the US federal
    holidays, observed days included); the draw is submitted by the 1st.
3.2 Substantial Completion not later than 24 months after commencement.
10.1 final payment when the final Certificate for Payment issues.

The business-day rule is worked out here from the calendar: the holidays
used are only those near the dates in the scenarios, each named.
"""
import os
import sys
from datetime import date, timedelta
from decimal import Decimal as D

sys.path.insert(0, os.path.dirname(__file__))
from _common import Checker, ledger, cents  # noqa: E402

AGREEMENT = "roberts-cost-plus-construction"
FEE = D("0.10")
# Federal holidays near the scenarios' due dates (observed days):
HOLIDAYS = {
    date(2006, 5, 29),   # Memorial Day
    date(2006, 7, 4),    # Independence Day
    date(2006, 10, 9),   # Columbus Day (second Monday of October)
    date(2006, 11, 10),  # Veterans Day, Saturday November 11, observed Friday
    date(2006, 12, 25),  # Christmas Day
}


def next_business_day(d):
    while d.weekday() >= 5 or d in HOLIDAYS:
        d += timedelta(days=1)
    return d


def month_end(y, m):
    return date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)


def draws(commencement, costs):
    """Amount and due date of each month's draw, from the month of commencement."""
    out, y, m = [], commencement.year, commencement.month
    for cost in costs:
        end = month_end(y, m)
        out.append((cents(cost * (1 + FEE)), next_business_day(end + timedelta(days=10)),
                    end + timedelta(days=1)))
        y, m = y + (m == 12), m % 12 + 1
    return out


def add_months(d, n):
    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, d.day)


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


def total_paid(c, led, expected):
    paid = sum((D(o["paid"]) for o in led["obligations"]
                if o["obligor"] == "owner" and o["kind"] == "payment" and o["paid"]), D("0"))
    c.eq(f"{led['scenario']} total paid by owner", expected, paid)


def main():
    c = Checker(AGREEMENT)

    led = ledger(AGREEMENT, "base")
    start = date(2006, 3, 15)
    plan = draws(start, [D("412500.00"), D("1236842.17"), D("2010000.05")])
    for i, (amount, due, request_due) in enumerate(plan, start=1):
        check(c, led, f"4.draw_{i}", amount, due, "paid")
        check(c, led, f"4.draw_request_{i}", None, request_due, "met")
    check(c, led, "3.substantial_completion_duty", None, add_months(start, 24), "met")
    final = D("1184000.00")
    check(c, led, "10.final_payment", final, date(2008, 4, 30), "paid")
    total_paid(c, led, sum(a for a, _, _ in plan) + final)

    led = ledger(AGREEMENT, "holiday")
    start = date(2006, 9, 18)
    plan = draws(start, [D("287654.32"), D("1500000.00"), D("1875000.45")])
    statuses = ["paid", "paid_late", "paid"]
    request_statuses = ["met", "late", "met"]
    for i, (amount, due, request_due) in enumerate(plan, start=1):
        check(c, led, f"4.draw_{i}", amount, due, statuses[i - 1])
        check(c, led, f"4.draw_request_{i}", None, request_due, request_statuses[i - 1])
    check(c, led, "3.substantial_completion_duty", None, add_months(start, 24), "late")
    check(c, led, "10.final_payment", status="not_triggered")
    total_paid(c, led, sum(a for a, _, _ in plan))

    led = ledger(AGREEMENT, "not_commenced")
    for i in (1, 2, 3):
        check(c, led, f"4.draw_{i}", status="not_yet_known")
    check(c, led, "3.substantial_completion_duty", status="not_yet_known")
    total_paid(c, led, D("0"))

    c.finish()


if __name__ == "__main__":
    main()
