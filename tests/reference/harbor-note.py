#!/usr/bin/env python3
"""Reference figures for clauses/harbor-note, from its text alone.

$24,000.00 note dated January 15, 2025; six principal installments of
$4,000.00 on the 15th of each month, February through July 2025, moved to
the next Business Day (not Saturday, Sunday or a US federal holiday);
interest 7.75% per annum, actual/360, on the principal outstanding, from
January 15, 2025 and then from each (adjusted) due date to the next, each
amount rounded half up to the cent, paid with each installment.
"""
import os
import sys
from datetime import date, timedelta
from decimal import Decimal as D

sys.path.insert(0, os.path.dirname(__file__))
from _common import Checker, cents, ledger  # noqa: E402

AGREEMENT = "harbor-note"
HOLIDAYS_2025 = {date(2025, 1, 1), date(2025, 1, 20), date(2025, 2, 17), date(2025, 5, 26),
                 date(2025, 6, 19), date(2025, 7, 4)}


def next_business_day(day):
    while day.weekday() >= 5 or day in HOLIDAYS_2025:
        day += timedelta(days=1)
    return day


def main():
    c = Checker(AGREEMENT)
    due = [next_business_day(date(2025, m, 15)) for m in range(2, 8)]
    c.eq("due dates", ["2025-02-18", "2025-03-17", "2025-04-15", "2025-05-15", "2025-06-16",
                       "2025-07-15"], [d.isoformat() for d in due])
    for scenario in ["base", "late_june"]:
        led = ledger(AGREEMENT, scenario)
        balance, since = D("24000.00"), date(2025, 1, 15)
        for n, d in enumerate(due, start=1):
            p = c.obligation(led, f"2.principal[{n}]")
            if p:
                c.eq(f"{scenario} principal[{n}] due", d.isoformat(), p["due"])
                c.eq(f"{scenario} principal[{n}] amount", D("4000.00"), p["amount"])
            days = (d - since).days
            interest = cents(balance * D("0.0775") * days / 360)
            i = c.obligation(led, f"3.interest_payments[{n}]")
            if i:
                c.eq(f"{scenario} interest[{n}] due", d.isoformat(), i["due"])
                c.eq(f"{scenario} interest[{n}] amount", interest, i["amount"])
            balance -= D("4000.00")
            since = d
    led = ledger(AGREEMENT, "late_june")
    p = c.obligation(led, "2.principal[5]")
    if p:
        c.eq("late June principal status", "paid_late", p["status"])
    c.finish()


if __name__ == "__main__":
    main()
