#!/usr/bin/env python3
"""Reference figures for clauses/edmc-brooks-severance, from the letter alone.

Source: Education Management Corporation, Form 8-K of March 9, 2006,
EX-10.2, letter to J. William Brooks of March 5, 2006,
https://www.sec.gov/Archives/edgar/data/880059/000095015206001908/j1902601exv10w2.txt

The letter states no salary or bonus; the scenarios' illustrations are
  Base Salary 450,000.00, Average Bonus 337,500.00, accrued unpaid salary
  18,750.00, fiscal 2006 bonus 400,000.00 (500,000.00 in change_in_control).

Paragraph 2 (Date of Termination June 30, 2006, paid "within thirty days"):
  accrued + 100% x Base Salary           = 18,750 + 450,000     = 468,750.00
  Severance Payment 1 x (Base + Average) = 450,000 + 337,500    = 787,500.00
  both due June 30, 2006 + 30 days       = July 30, 2006
  bonus excess (500,000 - 450,000)       = 50,000.00, on the MICP payment date
Paragraph 3 (Change in Control before June 30, 2008, paid within thirty days):
  2 x (Base + Average) - Severance Payment = 1,575,000 - 787,500 = 787,500.00
  with no Severance Payment owed (release not met): 1,575,000.00
Paragraph 5: the non-compete runs from June 30, 2006 to the earlier of
  June 30, 2007 and the Triggering Event.
"""
import os
import sys
from datetime import date, timedelta
from decimal import Decimal as D

sys.path.insert(0, os.path.dirname(__file__))
from _common import Checker, ledger, cents  # noqa: E402

AGREEMENT = "edmc-brooks-severance"
BASE = D("450000.00")
AVERAGE = D("337500.00")
ACCRUED = D("18750.00")
TERMINATION = date(2006, 6, 30)
WITHIN = timedelta(days=30)
CIC_DEADLINE = date(2008, 6, 30)   # "before June 30, 2008"
NON_COMPETE_END = date(2007, 6, 30)

ACCRUED_AND_TARGET = cents(ACCRUED + BASE * D("1.00"))
SEVERANCE = cents(1 * (BASE + AVERAGE))
PARA2_DUE = TERMINATION + WITHIN


def cic_amount(severance_owed):
    return cents(2 * (BASE + AVERAGE) - severance_owed)


def payment(c, led, oid, amount, due, status):
    o = c.obligation(led, oid)
    if o is None:
        return
    s = led["scenario"]
    if amount is not None:
        c.eq(f"{s} {oid} amount", amount, o["amount"])
    if due is not None:
        c.eq(f"{s} {oid} due", due.isoformat(), o["due"])
    c.eq(f"{s} {oid} status", status, o["status"])


def total_paid(c, led, expected):
    paid = sum((D(o["paid"]) for o in led["obligations"]
                if o["obligor"] == "company" and o["kind"] == "payment" and o["paid"]), D("0"))
    c.eq(f"{led['scenario']} total paid by company", expected, paid)


def main():
    c = Checker(AGREEMENT)

    led = ledger(AGREEMENT, "base")
    payment(c, led, "2.accrued_and_target_bonus", ACCRUED_AND_TARGET, PARA2_DUE, "paid")
    payment(c, led, "2.severance_payment", SEVERANCE, PARA2_DUE, "paid")
    # 400,000 does not exceed 100% of 450,000
    payment(c, led, "2.bonus_excess", None, None, "not_triggered")
    payment(c, led, "3.cic_payment", None, None, "not_triggered")
    total_paid(c, led, ACCRUED_AND_TARGET + SEVERANCE)

    led = ledger(AGREEMENT, "change_in_control")
    cic_on = date(2007, 3, 15)
    assert cic_on < CIC_DEADLINE
    excess = cents(D("500000.00") - BASE)
    payment(c, led, "2.bonus_excess", excess, date(2006, 8, 31), "paid")
    payment(c, led, "3.cic_payment", cic_amount(SEVERANCE), cic_on + WITHIN, "paid_late")
    nc = c.obligation(led, "5.non_compete")
    if nc is not None:
        c.eq("change_in_control non-compete start", TERMINATION.isoformat(), nc["start"])
        c.eq("change_in_control non-compete end", min(NON_COMPETE_END, cic_on).isoformat(), nc["end"])
        c.eq("change_in_control non-compete status", "ended", nc["status"])
    total_paid(c, led, ACCRUED_AND_TARGET + SEVERANCE + excess + cic_amount(SEVERANCE))

    led = ledger(AGREEMENT, "no_release_cic")
    cic_on = date(2008, 6, 29)
    assert cic_on < CIC_DEADLINE
    payment(c, led, "2.accrued_and_target_bonus", None, None, "not_triggered")
    payment(c, led, "2.severance_payment", None, None, "not_triggered")
    payment(c, led, "3.cic_payment", cic_amount(D("0")), cic_on + WITHIN, "paid")
    total_paid(c, led, cic_amount(D("0")))

    led = ledger(AGREEMENT, "cic_too_late")
    assert not date(2008, 6, 30) < CIC_DEADLINE
    payment(c, led, "3.cic_payment", None, None, "not_triggered")
    total_paid(c, led, ACCRUED_AND_TARGET + SEVERANCE)

    c.finish()


if __name__ == "__main__":
    main()
