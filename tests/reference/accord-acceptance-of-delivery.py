#!/usr/bin/env python3
"""Reference figures for clauses/accord-acceptance-of-delivery, from its text alone.

Accord Project Cicero template acceptance-of-delivery (Apache-2.0), text/sample.md:
Party B "will have 10 Business Days to inspect and evaluate the Widgets on the
delivery date before notifying Party A that it is either accepting or
rejecting"; Party A is deemed to have completed delivery if Party B is
satisfied and notifies acceptance. Business Days are not defined: Monday to
Friday.

Feature statuses: PASSED_TESTING (notice in time, satisfied), FAILED_TESTING
(notice in time, not satisfied), OUTSIDE_INSPECTION_PERIOD (after the
period), and a rejection when delivery is after the current time.
"""
import os
import sys
from datetime import date, timedelta

sys.path.insert(0, os.path.dirname(__file__))
from _common import Checker, ledger  # noqa: E402

AGREEMENT = "accord-acceptance-of-delivery"


def business_days_after(start, n):
    day = start
    while n:
        day += timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def check(c, scenario, accord_status, delivered, now, satisfied):
    led = ledger(AGREEMENT, scenario)
    n = c.obligation(led, "inspection.inspection_notice")
    d = c.obligation(led, "acceptance.deemed_completion")
    if delivered > now:
        # Feature: "Transaction time is before the deliverable date." Nothing is owed yet.
        if n:
            c.eq(f"{scenario} notice", "not_triggered", n["status"])
        if d:
            c.eq(f"{scenario} completion", "not_triggered", d["status"])
        return
    deadline = business_days_after(delivered, 10)
    in_time = now <= deadline
    # PASSED_TESTING / FAILED_TESTING: notice in time; OUTSIDE_INSPECTION_PERIOD: late.
    expected = {"PASSED_TESTING": (True, True), "FAILED_TESTING": (True, False),
                "OUTSIDE_INSPECTION_PERIOD": (False, None)}[accord_status]
    c.eq(f"{scenario} in time matches {accord_status}", expected[0], in_time)
    if n:
        c.eq(f"{scenario} notice deadline", deadline.isoformat(), n["due"])
        c.eq(f"{scenario} notice", "met" if in_time else "late", n["status"])
    if d:
        c.eq(f"{scenario} deemed completion", "in_force" if in_time and satisfied else "not_triggered",
             d["status"])


def main():
    c = Checker(AGREEMENT)
    # Received Tuesday 2019-01-22; 10 Business Days: February 5, 2019.
    check(c, "passed", "PASSED_TESTING", date(2019, 1, 22), date(2019, 1, 31), True)
    check(c, "failed", "FAILED_TESTING", date(2019, 1, 22), date(2019, 1, 31), False)
    # Received Saturday 2019-01-12; 10 Business Days: January 25 (the logic's
    # 10 calendar days: January 22); on January 31 outside either way.
    check(c, "outside", "OUTSIDE_INSPECTION_PERIOD", date(2019, 1, 12), date(2019, 1, 31), True)
    # Received 2019-01-12, after the current time 2019-01-11: rejected.
    check(c, "future", None, date(2019, 1, 12), date(2019, 1, 11), True)
    # Default request: received Monday 2018-01-01; deadline January 15, 2018.
    check(c, "default_passed", "PASSED_TESTING", date(2018, 1, 1), date(2018, 1, 2), True)
    c.finish()


if __name__ == "__main__":
    main()
