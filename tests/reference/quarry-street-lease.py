#!/usr/bin/env python3
"""Reference figures for clauses/quarry-street-lease, from its text alone.

Monthly base rent $9,875.00 in the first lease year (from March 1, 2025), due
on the first of each month; each later lease year 102.5% of the year before,
rounded half up to the cent; March and April 2025 abated; holdover: for each
day, 150% of the last monthly base rent x 12 / 365, the total rounded once,
due on surrender.
"""
import os
import sys
from datetime import date
from decimal import Decimal as D

sys.path.insert(0, os.path.dirname(__file__))
from _common import Checker, cents, ledger  # noqa: E402

AGREEMENT = "quarry-street-lease"


def rent_schedule():
    yearly = [D("9875.00")]
    for _ in range(2):
        yearly.append(cents(yearly[-1] * D("1.025")))
    rows = []
    for k in range(36):
        year, month = 2025 + (k + 2) // 12, (k + 2) % 12 + 1
        due = date(year, month, 1)
        amount = D("0.00") if k < 2 else yearly[k // 12]
        rows.append((due, amount))
    return yearly, rows


def main():
    c = Checker(AGREEMENT)
    yearly, rows = rent_schedule()
    for scenario in ["base", "holdover"]:
        led = ledger(AGREEMENT, scenario)
        total = D("0")
        for n, (due, amount) in enumerate(rows, start=1):
            e = c.obligation(led, f"2.rent[{n}]")
            if e:
                c.eq(f"{scenario} rent[{n}] due", due.isoformat(), e["due"])
                c.eq(f"{scenario} rent[{n}] amount", amount, e["amount"])
            total += amount
        summary = [s for s in led.get("schedules", []) if s["obligation"] == "2.rent"]
        c.eq(f"{scenario} total rent", total, summary[0]["total"] if summary else None)
    c.eq("year 2 rent", D("10121.88"), yearly[1])
    c.eq("year 3 rent", D("10374.93"), yearly[2])
    c.eq("total", D("344711.72"), sum(a for _, a in rows))
    led = ledger(AGREEMENT, "holdover")
    h = c.obligation(led, "4.holdover")
    if h:
        days = (date(2028, 3, 20) - date(2028, 2, 29)).days
        charge = cents(D("1.5") * yearly[2] * 12 / 365 * days)
        c.eq("holdover days", 20, days)
        c.eq("holdover charge", charge, h["amount"])
        c.eq("holdover due", "2028-03-20", h["due"])
    base = c.obligation(ledger(AGREEMENT, "base"), "4.holdover")
    if base:
        c.eq("no holdover in base", "not_triggered", base["status"])
    c.finish()


if __name__ == "__main__":
    main()
