#!/usr/bin/env python3
"""Reference figures for clauses/salvati-consulting, from the text alone.

Source: ex_michaelsalvati.htm, EDGAR CIK 1296937, accession 0001296937-07-000021,
https://www.sec.gov/Archives/edgar/data/1296937/000129693707000021/ex_michaelsalvati.htm

Fee: $2000 a day worked. Invoice for a month by the 5th of the next month;
payment within 10 days of receipt. The months (January, February 2007) are
illustrations (the stored text has no dates); the encoding dates each fee 10
days after the latest invoice day: 2007-02-05 + 10 = 2007-02-15,
2007-03-05 + 10 = 2007-03-15.
  base:         6 days x 2,000.00 = 12,000.00; 4 days x 2,000.00 = 8,000.00
  late_fee:     as base; January fee paid 8,000.00 on 02-15 and 4,000.00 on 03-07
  late_invoice: 3 days x 2,000.00 = 6,000.00; 0 days -> 0.00, nothing owed;
                invoice for January given 02-09 > 02-05 -> late; February's never -> missed
"""
import os
import sys
from datetime import date, timedelta
from decimal import Decimal as D

sys.path.insert(0, os.path.dirname(__file__))
from _common import Checker, ledger  # noqa: E402

AGREEMENT = "salvati-consulting"
RATE = D("2000")
INVOICE_BY = [date(2007, 2, 5), date(2007, 3, 5)]
FEE_DUE = [d + timedelta(days=10) for d in INVOICE_BY]


def check(c, scenario, days, fee_status, invoice_status, paid_on):
    led = ledger(AGREEMENT, scenario)
    for i, label in enumerate(["first_month", "second_month"]):
        fee = c.obligation(led, f"2.fee_{label}")
        inv = c.obligation(led, f"2.invoice_{label}")
        if fee:
            c.eq(f"{scenario} fee_{label} amount", RATE * days[i], fee["amount"])
            c.eq(f"{scenario} fee_{label} due", FEE_DUE[i].isoformat(), fee["due"])
            c.eq(f"{scenario} fee_{label} status", fee_status[i], fee["status"])
            if paid_on[i]:
                c.eq(f"{scenario} fee_{label} paid on", paid_on[i], fee["paid_on"])
            c.eq(f"{scenario} fee_{label} late interest remedies", 0, len(fee["remedies"]))
        if inv:
            c.eq(f"{scenario} invoice_{label} due", INVOICE_BY[i].isoformat(), inv["due"])
            c.eq(f"{scenario} invoice_{label} status", invoice_status[i], inv["status"])


def main():
    c = Checker(AGREEMENT)
    check(c, "base", [6, 4], ["paid", "paid"], ["met", "met"], ["2007-02-15", "2007-03-15"])
    check(c, "late_fee", [6, 4], ["paid_late", "paid"], ["met", "met"], ["2007-03-07", "2007-03-15"])
    check(c, "late_invoice", [3, 0], ["paid", "nothing_owed"], ["late", "missed"], ["2007-02-15", None])
    c.finish()


if __name__ == "__main__":
    main()
