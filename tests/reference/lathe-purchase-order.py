#!/usr/bin/env python3
"""Reference figures for clauses/lathe-purchase-order, from its text alone.

Price $48,200.00; deposit 30% on April 1, 2025; Delivery Date May 2, 2025.
Damages: 0.75% of the Price for each full week (7 days) by which delivery
follows the Delivery Date, at most 6% of the Price, credited against the
balance (70% of the Price), which is due 30 days after actual delivery.
Termination right if not delivered within 60 days after the Delivery Date.
Force-majeure days are excluded if notified within 3 Business Days after the
event begins (Business Day: not Saturday, Sunday or a US federal holiday).
"""
import os
import sys
from datetime import date, timedelta
from decimal import Decimal as D

sys.path.insert(0, os.path.dirname(__file__))
from _common import Checker, cents, ledger  # noqa: E402

AGREEMENT = "lathe-purchase-order"
PRICE = D("48200.00")
DELIVERY_DATE = date(2025, 5, 2)
# US federal holidays observed in 2025 (OPM): none falls in May 12-20.
HOLIDAYS_2025 = {date(2025, 1, 1), date(2025, 1, 20), date(2025, 2, 17), date(2025, 5, 26),
                 date(2025, 6, 19), date(2025, 7, 4), date(2025, 9, 1), date(2025, 10, 13),
                 date(2025, 11, 11), date(2025, 11, 27), date(2025, 12, 25)}


def business_days_after(start, n):
    day = start
    while n:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in HOLIDAYS_2025:
            n -= 1
    return day


def figures(delivered, fm=None, notice=None):
    """Damages, balance and its due date; fm = (first, last day), notice = date."""
    late_days = (delivered - DELIVERY_DATE).days
    excused = 0
    if fm and notice and notice <= business_days_after(fm[0], 3):
        excused = (fm[1] - fm[0]).days + 1
    weeks = (late_days - excused) // 7
    damages = min(cents(D("0.0075") * PRICE * weeks), cents(D("0.06") * PRICE))
    balance = cents(D("0.70") * PRICE) - damages
    return damages, balance, delivered + timedelta(days=30)


def check(c, scenario, delivered, fm=None, notice=None, terminate_from=None):
    led = ledger(AGREEMENT, scenario)
    damages, balance, due = figures(delivered, fm, notice)
    excused = bool(fm and notice and notice <= business_days_after(fm[0], 3))
    deposit = c.obligation(led, "2.deposit")
    if deposit:
        c.eq(f"{scenario} deposit", cents(D("0.30") * PRICE), deposit["amount"])
        c.eq(f"{scenario} deposit due", "2025-04-01", deposit["due"])
    d = c.obligation(led, "4.damages_excused" if excused else "4.damages")
    if d:
        c.eq(f"{scenario} damages", damages, d["amount"])
    b = c.obligation(led, "5.balance")
    if b:
        c.eq(f"{scenario} balance", balance, b["amount"])
        c.eq(f"{scenario} balance due", due.isoformat(), b["due"])
    t = c.obligation(led, "6.termination")
    if t:
        if terminate_from:
            c.eq(f"{scenario} termination right", "in_force", t["status"])
            c.eq(f"{scenario} termination from", terminate_from.isoformat(), t["start"])
        else:
            c.eq(f"{scenario} termination right", "not_triggered", t["status"])
    if fm:
        n = c.obligation(led, "7.fm_notice")
        if n:
            c.eq(f"{scenario} notice deadline", business_days_after(fm[0], 3).isoformat(), n["due"])
            c.eq(f"{scenario} notice status", "met" if excused else "late", n["status"])


def main():
    c = Checker(AGREEMENT)
    fm = (date(2025, 5, 12), date(2025, 5, 20))
    check(c, "late_delivery", date(2025, 6, 11))
    check(c, "very_late", date(2025, 8, 29),
          terminate_from=DELIVERY_DATE + timedelta(days=61))
    check(c, "force_majeure", date(2025, 6, 11), fm, date(2025, 5, 15))
    check(c, "force_majeure_late_notice", date(2025, 6, 11), fm, date(2025, 5, 16))
    c.finish()


if __name__ == "__main__":
    main()
