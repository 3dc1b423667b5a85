#!/usr/bin/env python3
"""Reference figures for clauses/accord-latedeliveryandpenalty, from its text alone.

Accord Project Cicero template latedeliveryandpenalty (Apache-2.0), text/sample.md:
the Seller pays the Buyer, "for every 2 days of delay", 10.5% of the value of
the delayed Equipment; "Any fractional part of a days is to be considered a
full days"; the total penalty does not exceed 55% of that value; a delay of
more than 15 days lets the Buyer terminate. Force Majeure cases are excepted.

The delay is worked out here from the feature's timestamps (agreedDelivery to
the current time), rounded up to whole days as the text says.
"""
import math
import os
import sys
from datetime import datetime
from decimal import Decimal as D

sys.path.insert(0, os.path.dirname(__file__))
from _common import Checker, cents, ledger  # noqa: E402

AGREEMENT = "accord-latedeliveryandpenalty"
RATE = D("0.105")      # 10.5% for every 2 days
STEP_DAYS = 2
CAP = D("0.55")        # 55% of the value
TERMINATION_DAYS = 15  # "more than 15 days"


def delay_days(agreed, now):
    """Days from the agreed delivery to now; a fractional day is a full day."""
    seconds = (datetime.fromisoformat(now) - datetime.fromisoformat(agreed)).total_seconds()
    return max(0, math.ceil(seconds / 86400))


def check(c, scenario, agreed, now, value, accord_penalty, accord_terminate, fm=False):
    days = delay_days(agreed, now)
    led = ledger(AGREEMENT, scenario)
    p = c.obligation(led, "penalty.penalty")
    t = c.obligation(led, "penalty.termination")
    if days == 0 or fm:
        # No delay (the template rejects the request), or force majeure.
        if p:
            c.eq(f"{scenario} penalty", "not_triggered", p["status"])
    else:
        # 10.5% x value x days / 2, capped at 55% x value.
        penalty = min(cents(RATE * value * days / STEP_DAYS), cents(CAP * value))
        if penalty != D(str(accord_penalty)):
            print(f"note {scenario}: the text gives {penalty} ({days} days); "
                  f"the feature expects {accord_penalty} (see the scenario's comment)")
        if p:
            c.eq(f"{scenario} penalty", penalty, p["amount"])
    if t:
        terminate = days > TERMINATION_DAYS
        if accord_terminate is not None and terminate != accord_terminate:
            print(f"note {scenario}: the text gives buyerMayTerminate {terminate}; "
                  f"the feature/logic gives {accord_terminate}")
        c.eq(f"{scenario} termination", "in_force" if terminate else "not_triggered", t["status"])


def main():
    c = Checker(AGREEMENT)
    v = D("200.00")
    # Feature scenario 1: rejected ("Cannot exercise late delivery before delivery date").
    check(c, "on_time", "2019-01-31T03:24:00+00:00", "2019-01-11T16:34:00-05:00", v, None, None)
    # Feature scenario 2: expects penalty 52.5, buyerMayTerminate false.
    # Delay 5 d 18 h 10 min -> 6 days: 10.5% x 200 x 6 / 2 = 63.00.
    check(c, "penalty_no_termination", "2019-01-11T03:24:00+00:00",
          "2019-01-16T16:34:00-05:00", v, 52.5, False)
    # Feature scenario 3: expects penalty 110.00000000000001 (floating point for
    # 110.00), buyerMayTerminate true. 346 days: 10.5% x 200 x 173 = 3633.00,
    # capped at 55% x 200 = 110.00.
    check(c, "penalty_and_termination", "2018-01-31T03:24:00+00:00",
          "2019-01-11T16:34:00-05:00", v, "110.00", True)
    # Default feature: expects penalty 10.5, buyerMayTerminate false.
    # Delay 1 d 19 h -> 2 days: 10.5% x 200 x 2 / 2 = 21.00.
    check(c, "default_request", "2017-12-17T03:24:00-05:00", "2017-12-19T03:24:00+00:00",
          v, 10.5, False)
    # Not a feature scenario: force majeure (request-forcemajeure.json). The
    # logic answers penalty 0 and buyerMayTerminate true; the text excepts the
    # penalty only, and 2 days give no right to terminate.
    check(c, "force_majeure", "2017-12-17T03:24:00+00:00", "2017-12-19T03:24:00+00:00",
          v, 0, True, fm=True)
    c.finish()


if __name__ == "__main__":
    main()
