#!/usr/bin/env python3
"""Reference figures for clauses/accord-perishable-goods, from its text alone.

Accord Project Cicero template perishable-goods (Apache-2.0), text/sample.md:
on receipt the importer pays 1.50 USD per KG; 3000 to 3500 KG; shipments that
arrive after 07/02/2018 are spoiled (returned or disposed of at the grower's
cost); temperature 2 to 13, humidity 70 to 90; penalty = units x difference
between reading and range x 0.2.

Feature test/logic.feature: four requests dated 2019-02-16, all after
07/02/2018 (read either way), so every shipment is spoiled by the text; the
feature's totalPrice 300 / penalty 4200 is checked on the same readings
received in time (scenario received_in_time).
"""
import os
import sys
from datetime import date
from decimal import Decimal as D

sys.path.insert(0, os.path.dirname(__file__))
from _common import Checker, cents, ledger  # noqa: E402

AGREEMENT = "accord-perishable-goods"
UNIT_PRICE = D("1.50")
FACTOR = D("0.2")
TEMP = (D(2), D(13))
HUM = (D(70), D(90))
SPOILED_AFTER = date(2018, 7, 2)  # 07/02/2018, month first
READINGS = [(D(2), D(80)), (D(5), D(90)), (D(15), D(65))]


def excess(values, lo, hi):
    # The reading farthest outside the range (0 if none is outside).
    return max([lo - v for v in values if v < lo] + [v - hi for v in values if v > hi] + [D(0)])


def figures(kg, readings):
    t = excess([r[0] for r in readings], *TEMP)
    h = excess([r[1] for r in readings], *HUM)
    penalty = kg * (t + h) * FACTOR
    return cents(UNIT_PRICE * kg), cents(penalty), cents(UNIT_PRICE * kg - penalty)


def check(c, scenario, received, kg, readings):
    led = ledger(AGREEMENT, scenario)
    gross, penalty, total = figures(kg, readings)
    p = c.obligation(led, "payment.price")
    r = c.obligation(led, "spoilage.return_or_disposal")
    spoiled = received > SPOILED_AFTER
    if p:
        if spoiled:
            c.eq(f"{scenario} price (spoiled)", "not_triggered", p["status"])
        else:
            c.eq(f"{scenario} price", total, p["amount"])
            c.eq(f"{scenario} price due", received.isoformat(), p["due"])
    if r:
        c.eq(f"{scenario} return or disposal", "in_force" if spoiled else "not_triggered", r["status"])
    return gross, penalty, total


def main():
    c = Checker(AGREEMENT)
    feb16 = date(2019, 2, 16)
    gross, penalty, total = check(c, "shipment_received", feb16, 3000, READINGS)
    # Feature: totalPrice 300, penalty 4200 (4500 - 4200); the same readings are
    # checked against the ledger in received_in_time.
    assert (penalty, total) == (D("4200.00"), D("300.00")), (penalty, total)
    print("note shipment_received: received 2019-02-16, after 07/02/2018: spoiled by the text; "
          "the feature expects late false and totalPrice 300")
    check(c, "units_below", feb16, 2500, READINGS)
    check(c, "units_above", feb16, 4000, READINGS)
    check(c, "no_readings", feb16, 3000, [])
    check(c, "received_in_time", date(2018, 1, 16), 3000, READINGS)
    c.finish()


if __name__ == "__main__":
    main()
