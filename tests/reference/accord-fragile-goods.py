#!/usr/bin/env python3
"""Reference figures for clauses/accord-fragile-goods, from its text alone.

Accord Project Cicero template fragile-goods (Apache-2.0), text/sample.md:
Contract Price 1000.00 USD per unit; "Each shock shall reduce the Contract
Price by 5.00 USD", a shock being acceleration outside -0.5g to 0.5g;
liquidated damages of 200.00 USD if EXW delivery is delayed beyond "no later
than 10 seconds after initiation" (solely the Seller's fault, no extension).

The features (test/logic-seconds.feature; test/logic-minutes.feature, written
for the variant "10 minutes") expect one payment from the Seller of price -
shocks x 5 - (200 if late). The text keeps the price (Buyer pays Seller) and
the damages (Seller pays Buyer) apart; both are checked, and the net is
compared with the feature's figure.
"""
import os
import sys
from datetime import datetime
from decimal import Decimal as D

sys.path.insert(0, os.path.dirname(__file__))
from _common import Checker, ledger  # noqa: E402

AGREEMENT = "accord-fragile-goods"
PRICE = D("1000.00")      # per unit; the requests price one unit
SHOCK = D("5.00")
DAMAGES = D("200.00")
LIMIT_SECONDS = 10        # sample.md: "no later than 10 seconds after initiation"
AS_OF = datetime.fromisoformat("2018-01-02T08:28:42+00:00")  # the requests' timestamp


def shocks(readings):
    return sum(1 for r in readings if r > 0.5 or r < -0.5)


def check(c, scenario, start, finish, readings, accord_amount):
    led = ledger(AGREEMENT, scenario)
    start = datetime.fromisoformat(start)
    # Not yet delivered: delayed once the schedule has passed at the request's time.
    end = datetime.fromisoformat(finish) if finish else AS_OF
    delayed = (end - start).total_seconds() > LIMIT_SECONDS
    price = PRICE - SHOCK * shocks(readings)
    p = c.obligation(led, "shipping.contract_price")
    if p:
        c.eq(f"{scenario} price", price, p["amount"])
        c.eq(f"{scenario} price payer", "buyer", p["obligor"])
    d = c.obligation(led, "damages.liquidated_damages")
    if d:
        if delayed:
            c.eq(f"{scenario} damages", DAMAGES, d["amount"])
            c.eq(f"{scenario} damages payer", "seller", d["obligor"])
        else:
            c.eq(f"{scenario} damages", "not_triggered", d["status"])
    net = price - (DAMAGES if delayed else 0)
    if net != D(accord_amount):
        print(f"note {scenario}: the text gives price {price} and damages "
              f"{DAMAGES if delayed else 0} (net {net}); the feature expects {accord_amount}")


def main():
    c = Checker(AGREEMENT)
    r2 = [0.2, 0.6, -0.3, -0.7, 0.1]  # 0.6 and -0.7: two shocks
    # logic-seconds.feature
    check(c, "late_seconds", "2018-01-01T16:34:00+00:00", "2018-01-01T16:34:11+00:00", r2, "790")
    check(c, "in_transit", "2018-01-01T16:34:00+00:00", None, r2, "990")
    check(c, "in_time_breaches", "2018-01-01T16:34:00+00:00", "2018-01-01T16:34:09+00:00", r2, "990")
    check(c, "in_time", "2018-01-01T16:34:00+00:00", "2018-01-01T16:34:09+00:00",
          [0.2, 0.4, 0.1], "1000")
    check(c, "no_readings", "2018-01-01T16:34:00+00:00", "2018-01-01T16:34:09+00:00", [], "1000")
    # logic-minutes.feature (variant text "10 minutes"), checked against sample.md's 10 seconds
    check(c, "late_minutes", "2018-01-01T16:34:30+00:00", "2018-01-01T16:44:31+00:00", r2, "790")
    check(c, "in_time_minutes", "2018-01-01T16:34:30+00:00", "2018-01-01T16:44:29+00:00", r2, "990")
    c.finish()


if __name__ == "__main__":
    main()
