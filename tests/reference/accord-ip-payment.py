#!/usr/bin/env python3
"""Reference figures for clauses/accord-ip-payment, from its text alone.

Accord Project Cicero template ip-payment (Apache-2.0), text/sample.md:
royalty 4.5% of the Net Sales Price (clause 1), 5.2% of sublicensing royalties
and fees (clause 2); if a governmental authority prohibits the payment, it is
made "within 7 days business days after receiving permission" (4(b)).
Business days are not defined; Monday to Friday is used (no US federal
holiday falls in the periods below either).

Feature test/logic.feature has three scenarios, each with permission granted
on 2018-04-05 and expecting totalAmount and dueBy.
"""
import os
import sys
from datetime import date, timedelta
from decimal import Decimal as D

sys.path.insert(0, os.path.dirname(__file__))
from _common import Checker, cents, ledger  # noqa: E402

AGREEMENT = "accord-ip-payment"
ROYALTY = D("0.045")
SUBLICENSING = D("0.052")


def business_days_after(start, n):
    day = start
    while n:
        day += timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def last_business_day_on_or_before(day):
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def check(c, scenario, net_sales, sublicensing, accord_total, permission=None, quarter_end=None):
    led = ledger(AGREEMENT, scenario)
    royalty = cents(ROYALTY * net_sales)
    sub = cents(SUBLICENSING * sublicensing)
    # The feature's totalAmount is the sum of the two.
    c.eq(f"{scenario} total (feature totalAmount {accord_total})", D(str(accord_total)),
         royalty + sub)
    suffix = "_with_permission" if permission else ""
    due = (business_days_after(permission, 7) if permission
           else last_business_day_on_or_before(quarter_end))
    r = c.obligation(led, "1.royalty" + suffix)
    if r:
        c.eq(f"{scenario} royalty", royalty, r["amount"])
        c.eq(f"{scenario} royalty due", due.isoformat(), r["due"])
    s = c.obligation(led, "2.sublicensing" + suffix)
    if s:
        c.eq(f"{scenario} sublicensing", sub, s["amount"])
        c.eq(f"{scenario} sublicensing due", due.isoformat(), s["due"])
    other = c.obligation(led, "1.royalty" + ("" if permission else "_with_permission"))
    if other:
        c.eq(f"{scenario} other royalty", "not_triggered", other["status"])
    if permission:
        # The template's logic adds 7 calendar days: April 12, 2018.
        print(f"note {scenario}: due {due} (7 business days); the feature expects "
              f"{permission + timedelta(days=7)} (7 calendar days)")


def main():
    c = Checker(AGREEMENT)
    granted = date(2018, 4, 5)  # permissionGrantedBy 2018-04-05T00:00:00-05:00
    # 4.5% x 1200 = 54.00; 5.2% x 450 = 23.40; 77.40 (feature: 77.4).
    check(c, "permission_1", D("1200.00"), D("450.00"), "77.4", granted)
    # 4.5% x 1550 = 69.75; 5.2% x 225 = 11.70; 81.45 (feature: 81.45).
    check(c, "permission_2", D("1550.00"), D("225.00"), "81.45", granted)
    # 4.5% x 700 = 31.50; 5.2% x 400 = 20.80; 52.30 (feature: 52.3).
    check(c, "permission_3", D("700.00"), D("400.00"), "52.3", granted)
    # Not a feature scenario: no prohibition; the quarter ends Sunday, March 31,
    # 2019, so the last business day is Friday, March 29, 2019.
    check(c, "not_prohibited", D("1200.00"), D("450.00"), "77.4", quarter_end=date(2019, 3, 31))
    c.finish()


if __name__ == "__main__":
    main()
