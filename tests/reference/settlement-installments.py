#!/usr/bin/env python3
"""Reference figures for clauses/settlement-installments, from its text alone.

$30,000.00 in 12 installments of $2,500.00 on the first Business Day of each
month, February 2025 through January 2026 (Business Day: not Saturday, Sunday
or a US federal holiday). Late fee 5% of an installment not received within
5 days after its due date. If an installment remains unpaid 30 days after its
due date, Creditor may accelerate by notice: the remaining installments end;
the unpaid balance is due 10 days after the notice, with interest at 10% a
year (simple, actual/365) from the notice until paid.
"""
import os
import sys
from datetime import date, timedelta
from decimal import Decimal as D

sys.path.insert(0, os.path.dirname(__file__))
from _common import Checker, cents, ledger  # noqa: E402

AGREEMENT = "settlement-installments"
EACH = D("2500.00")
# US federal holidays observed, 2025-2026 (OPM tables).
HOLIDAYS = {date(2025, 1, 1), date(2025, 1, 20), date(2025, 2, 17), date(2025, 5, 26),
            date(2025, 6, 19), date(2025, 7, 4), date(2025, 9, 1), date(2025, 10, 13),
            date(2025, 11, 11), date(2025, 11, 27), date(2025, 12, 25), date(2026, 1, 1)}


def first_business_day(year, month):
    day = date(year, month, 1)
    while day.weekday() >= 5 or day in HOLIDAYS:
        day += timedelta(days=1)
    return day


DUE = [first_business_day(2025 + (m - 1) // 12, (m - 1) % 12 + 1) for m in range(2, 14)]


def check_schedule(c, scenario, paid_on, notice=None):
    """paid_on: installment number -> date paid (None: never)."""
    led = ledger(AGREEMENT, scenario)
    for n, due in enumerate(DUE, start=1):
        e = c.obligation(led, f"1.settlement[{n}]")
        if not e:
            continue
        c.eq(f"{scenario} [{n}] due", due.isoformat(), e["due"])
        c.eq(f"{scenario} [{n}] amount", EACH, e["amount"])
        paid = paid_on.get(n, due)
        grace_end = due + timedelta(days=5)
        late = paid is None or paid > grace_end
        fee_applies = late and (notice is None or grace_end < notice)
        fees = [r for r in e["remedies"] if r["kind"] == "late_fee"]
        c.eq(f"{scenario} [{n}] late fee", cents(D("0.05") * EACH) if fee_applies else None,
             D(fees[0]["amount"]) if fees else None)
    return led


def main():
    c = Checker(AGREEMENT)
    check_schedule(c, "base", {})
    check_schedule(c, "late_fee", {3: date(2025, 4, 4), 9: date(2025, 10, 7)})
    notice = date(2025, 8, 4)
    paid = {4: date(2025, 5, 9), 6: None}
    paid.update({n: None for n in range(7, 13)})
    led = check_schedule(c, "acceleration", paid, notice)
    # The right: the first installment unpaid at the end of the 30th day after
    # its due date (installment 6, due July 1: July 31) -> from August 1.
    right = c.obligation(led, "3.acceleration")
    if right:
        c.eq("acceleration right from", (DUE[5] + timedelta(days=31)).isoformat(), right["start"])
    balance = c.obligation(led, "3.accelerated_balance")
    if balance:
        unpaid = EACH * 7  # installments 6 to 12
        c.eq("accelerated balance", unpaid, balance["amount"])
        c.eq("accelerated balance due", (notice + timedelta(days=10)).isoformat(), balance["due"])
        days = (date(2025, 8, 20) - notice).days
        interest = cents(unpaid * D("0.10") * days / 365)
        c.eq("default interest days", days, balance["remedies"][0]["days"] if balance["remedies"] else None)
        c.eq("default interest", interest, balance["remedies"][0]["amount"] if balance["remedies"] else None)
    c.finish()


if __name__ == "__main__":
    main()
