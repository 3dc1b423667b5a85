#!/usr/bin/env python3
"""Reference figures for clauses/harleysville-wagner-settlement, from the text alone.

Source: Harleysville National Corporation, Form 8-K of December 13, 2006,
EX-99.1, Complete Settlement Agreement and General Release with Gregg J.
Wagner, made November 29, 2006,
https://www.sec.gov/Archives/edgar/data/702902/000070290206000073/settlementagmt-release.htm

11 Acceptance Period: 21 days from the day after receipt, ending on the 21st
   day; a last day on a Saturday, Sunday or legal holiday (read: US federal
   holiday) moves to the next business day.
12 Revocation Period: 7 days from the day after signing; a revocation
   received the next business day after a weekend/holiday seventh day counts.
1(b)(v)-(vii) lump sums 486,000, 30,171, 107,500 within thirty days of the
   expiration of the Revocation Period (read: the seventh day itself);
   (viii) 15,000 to Career Concepts on its invoice.
"""
import os
import sys
from datetime import date, timedelta
from decimal import Decimal as D

sys.path.insert(0, os.path.dirname(__file__))
from _common import Checker, ledger  # noqa: E402

AGREEMENT = "harleysville-wagner-settlement"
LUMP_SUMS = {"1.lump_sum": D("486000"), "1.benefits_gross_up": D("30171"),
             "1.additional_lump_sum": D("107500")}
OUTPLACEMENT = D("15000")
# Federal holidays near the scenarios' dates:
HOLIDAYS = {date(2006, 12, 25), date(2007, 1, 1)}


def next_business_day(d):
    while d.weekday() >= 5 or d in HOLIDAYS:
        d += timedelta(days=1)
    return d


def acceptance_deadline(receipt):
    return next_business_day(receipt + timedelta(days=21))


def revocation_deadline(signed):
    return next_business_day(signed + timedelta(days=7))


def payment_due(signed):
    return signed + timedelta(days=7) + timedelta(days=30)


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
                if o["obligor"] == "corporation" and o["kind"] == "payment" and o["paid"]), D("0"))
    c.eq(f"{led['scenario']} total paid by corporation", expected, paid)


def owed(receipt, signed, revoked=None):
    accepted = signed <= acceptance_deadline(receipt)
    return accepted and not (revoked and revoked <= revocation_deadline(signed))


def main():
    c = Checker(AGREEMENT)

    led = ledger(AGREEMENT, "base")
    receipt, signed = date(2006, 11, 29), date(2006, 12, 4)
    assert owed(receipt, signed)
    check(c, led, "11.acceptance", None, acceptance_deadline(receipt), "met")
    for oid, amount in LUMP_SUMS.items():
        check(c, led, oid, amount, payment_due(signed), "paid")
    check(c, led, "1.outplacement", OUTPLACEMENT, date(2007, 1, 15), "paid")
    total_paid(c, led, sum(LUMP_SUMS.values()) + OUTPLACEMENT)

    led = ledger(AGREEMENT, "revoked")
    assert not owed(receipt, signed, date(2006, 12, 11))
    for oid in list(LUMP_SUMS) + ["1.outplacement"]:
        check(c, led, oid, status="not_triggered")
    total_paid(c, led, D("0"))

    led = ledger(AGREEMENT, "weekend_revocation")
    signed = date(2006, 12, 9)
    c.eq("weekend_revocation revocation deadline", date(2006, 12, 18), revocation_deadline(signed))
    assert not owed(receipt, signed, date(2006, 12, 18))
    r = c.obligation(led, "12.revocation_right")
    if r is not None:
        c.eq("weekend_revocation revocation right ends", revocation_deadline(signed).isoformat(), r["end"])
    for oid in LUMP_SUMS:
        check(c, led, oid, status="not_triggered")
    total_paid(c, led, D("0"))

    led = ledger(AGREEMENT, "late_acceptance")
    receipt, signed = date(2006, 12, 2), date(2006, 12, 26)
    assert owed(receipt, signed)
    check(c, led, "11.acceptance", None, acceptance_deadline(receipt), "met")
    for oid, amount in LUMP_SUMS.items():
        late = oid == "1.additional_lump_sum"
        check(c, led, oid, amount, payment_due(signed), "paid_late" if late else "paid")
    check(c, led, "1.outplacement", status="not_yet_known")
    total_paid(c, led, sum(LUMP_SUMS.values()))

    led = ledger(AGREEMENT, "too_late")
    receipt, signed = date(2006, 11, 29), date(2006, 12, 21)
    assert not owed(receipt, signed)
    check(c, led, "11.acceptance", None, acceptance_deadline(receipt), "late")
    for oid in LUMP_SUMS:
        check(c, led, oid, status="not_triggered")
    total_paid(c, led, D("0"))

    c.finish()


if __name__ == "__main__":
    main()
