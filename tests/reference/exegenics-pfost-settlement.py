#!/usr/bin/env python3
"""Reference figures for clauses/exegenics-pfost-settlement, from the text alone.

Source: eXegenics Inc, Form 8-K of May 11, 2007, EX-10.1, Settlement
Agreement and General Release with Dale R. Pfost,
https://www.sec.gov/Archives/edgar/data/944809/000095014407004724/g07413exv10w1.htm

Executed May 11, 2007; revocable for seven days (to May 18, 2007).
1(a) salary May 11 - May 31, 2007 (21 days, both counted) at 325,000 a year,
     prorated actual/365 (the encoding's reading): 325,000 x 21 / 365
1(b) 325,000 over one year, monthly: 12 payments at month-ends June 30, 2007
     to May 31, 2008 (the encoding's reading of the payroll), one twelfth each,
     rounded half up, the remainder on the last
1(e) relocation, up to 65,125 (Schedule 1's total, re-added below), on the
     eighth day following execution: May 19, 2007
1(f) vacation 26,209.00, May 19, 2007
"""
import os
import sys
from datetime import date, timedelta
from decimal import Decimal as D

sys.path.insert(0, os.path.dirname(__file__))
from _common import Checker, ledger, cents  # noqa: E402

AGREEMENT = "exegenics-pfost-settlement"
ANNUAL = D("325000")
EXECUTED = date(2007, 5, 11)
SEPARATION = date(2007, 5, 31)
LAST_TO_REVOKE = EXECUTED + timedelta(days=7)          # May 18, 2007
EIGHTH_DAY = EXECUTED + timedelta(days=8)              # May 19, 2007
SCHEDULE_1 = [D(2500), D(450), D(125), D(60000), D(700), D(750), D(600)]
RELOCATION_LIMIT = D("65125")
VACATION = D("26209.00")

DAYS_TO_SEPARATION = (SEPARATION - EXECUTED).days + 1  # 21, both ends counted
SALARY_TO_SEPARATION = cents(ANNUAL * DAYS_TO_SEPARATION / 365)


def month_ends(first, count):
    out, y, m = [], first.year, first.month
    for _ in range(count):
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        out.append(nxt - timedelta(days=1))
        y, m = nxt.year, nxt.month
    return out


SEVERANCE_DATES = month_ends(date(2007, 6, 30), 12)
SEVERANCE_EACH = cents(ANNUAL / 12)
SEVERANCE_LAST = ANNUAL - SEVERANCE_EACH * 11


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
                if o["obligor"] == party and o["kind"] == "payment" and o["paid"]), D("0"))
    c.eq(f"{led['scenario']} total paid by {party}", expected, paid)


def check_severance(c, led, status):
    for i, due in enumerate(SEVERANCE_DATES, start=1):
        amount = SEVERANCE_LAST if i == 12 else SEVERANCE_EACH
        check(c, led, f"1(b).severance[{i}]", amount if status != "not_triggered" else None,
              due if status != "not_triggered" else None, status)


def main():
    c = Checker(AGREEMENT)
    c.eq("Schedule 1 adds up to its stated total", RELOCATION_LIMIT, sum(SCHEDULE_1))
    assert SEVERANCE_DATES[-1] == date(2008, 5, 31)
    paid_all = SALARY_TO_SEPARATION + VACATION + RELOCATION_LIMIT + ANNUAL

    led = ledger(AGREEMENT, "base")
    check(c, led, "1(a).salary_to_separation", SALARY_TO_SEPARATION, SEPARATION, "paid")
    check(c, led, "1(f).vacation", VACATION, EIGHTH_DAY, "paid")
    check(c, led, "1(e).relocation", RELOCATION_LIMIT, EIGHTH_DAY, "paid")
    check_severance(c, led, "paid")
    check(c, led, "1(d).coverage_notice", status="not_triggered")
    total_paid(c, led, "company", paid_all)

    led = ledger(AGREEMENT, "revoked")
    assert date(2007, 5, 18) <= LAST_TO_REVOKE
    for oid in ("1(a).salary_to_separation", "1(e).relocation", "1(f).vacation"):
        check(c, led, oid, status="not_triggered")
    check_severance(c, led, "not_triggered")
    total_paid(c, led, "company", D("0"))

    led = ledger(AGREEMENT, "new_job")
    relocation = min(D(2500) + D(60000), RELOCATION_LIMIT)
    check(c, led, "1(e).relocation", relocation, EIGHTH_DAY, "paid")
    check(c, led, "1(b).severance[7]", SEVERANCE_EACH, date(2007, 12, 31), "paid_late")
    # "immediately": due the day the new coverage begins
    check(c, led, "1(d).coverage_notice", due=date(2008, 2, 1), status="late")
    cobra = c.obligation(led, "1(d).cobra")
    if cobra is not None:
        c.eq("new_job COBRA reimbursement ends with the new coverage", "2008-02-01", cobra["end"])
    check(c, led, "1(d).cobra_refund", D("1247.50"), None, "paid")
    total_paid(c, led, "company", SALARY_TO_SEPARATION + VACATION + relocation + ANNUAL)
    total_paid(c, led, "executive", D("1247.50"))

    led = ledger(AGREEMENT, "revoked_too_late")
    assert date(2007, 5, 19) > LAST_TO_REVOKE
    check(c, led, "1(e).relocation", min(D("70000"), RELOCATION_LIMIT), EIGHTH_DAY, "paid")
    check(c, led, "1(f).vacation", VACATION, EIGHTH_DAY, "paid")
    total_paid(c, led, "company", paid_all)

    c.finish()


if __name__ == "__main__":
    main()
