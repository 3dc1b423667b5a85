#!/usr/bin/env python3
"""Reference figures for clauses/accord-volumediscount, from its text alone.

Accord Project Cicero template volumediscount (Apache-2.0), text/sample.md:
the Discount Rate by Annual Dollar Volume: less than $1 million 3.00%; $1
million to $10 million 2.90%; greater than $10 million 2.80%. The settlement
is the face amount of Charges less the Discount and other deductions.

Feature test/logic.feature: netAnnualChargeVolume 0.4 (millions) -> discountRate 3.
"""
import os
import sys
from decimal import Decimal as D

sys.path.insert(0, os.path.dirname(__file__))
from _common import Checker, cents, ledger  # noqa: E402

AGREEMENT = "accord-volumediscount"
MILLION = D("1000000")
IDS = {D("3.00"): "settlement_a.settlement_under_1m",
       D("2.90"): "settlement_a.settlement_1m_to_10m",
       D("2.80"): "settlement_a.settlement_over_10m"}


def rate(volume):
    # The table; "$1 million to $10 million" includes both ends.
    if volume < 1 * MILLION:
        return D("3.00")
    if volume <= 10 * MILLION:
        return D("2.90")
    return D("2.80")


def check(c, scenario, volume, charges, other, accord_rate=None):
    led = ledger(AGREEMENT, scenario)
    r = rate(volume)
    if accord_rate is not None:
        c.eq(f"{scenario} rate (feature discountRate {accord_rate})", D(str(accord_rate)), r)
    for pct, oid in IDS.items():
        o = c.obligation(led, oid)
        if not o:
            continue
        if pct == r:
            # Charges - Charges x rate - other deductions.
            c.eq(f"{scenario} settlement at {pct}%", cents(charges - charges * r / 100 - other),
                 o["amount"])
        else:
            c.eq(f"{scenario} band {pct}%", "not_triggered", o["status"])


def main():
    c = Checker(AGREEMENT)
    # 0.4 million = $400,000 < $1 million: 3.00%; 10,000 - 300 = 9,700.00.
    check(c, "small_volume", D("400000"), D("10000"), D("0"), accord_rate=3)
    # Exactly $10 million: 2.90% (the logic would say 2.80%); 10,000 - 290 = 9,710.00.
    check(c, "at_10_million", 10 * MILLION, D("10000"), D("0"))
    # $12 million: 2.80%; 10,000 - 280 - 150 = 9,570.00.
    check(c, "large_volume", 12 * MILLION, D("10000"), D("150"))
    c.finish()


if __name__ == "__main__":
    main()
