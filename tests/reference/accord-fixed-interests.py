#!/usr/bin/env python3
"""Reference figures for clauses/accord-fixed-interests, from its text alone.

Accord Project Cicero template fixed-interests (Apache-2.0), text/sample.md: a
fixed interest loan "to the amount of £100,000.00", at 2.5% a year, "a loan
term of 15", "monthly payments of {{%I'm not sure which amount right now%}}"
(a placeholder: the text states no monthly payment).

Feature test/logic.feature, "Initiate a loan for 10000.00": the response is
"loan for the amount of 100000.0", the loan amount. Pounds are written as
dollars in the encoding (a GAP).
"""
import os
import sys
from decimal import Decimal as D

sys.path.insert(0, os.path.dirname(__file__))
from _common import Checker, ledger  # noqa: E402

AGREEMENT = "accord-fixed-interests"
LOAN = D("100000.00")  # £100,000.00


def level_payment(amount, yearly_pct, years):
    # The template's grammar formula (not in the text): r = rate/12/100,
    # payment = r x amount / (1 - (1 + r)^-n), n = 12 x years, to the pound.
    r = yearly_pct / 12 / 100
    n = 12 * years
    return (r * amount / (1 - (1 + r) ** -n)).quantize(D("1"))


def main():
    c = Checker(AGREEMENT)
    led = ledger(AGREEMENT, "initiate_loan")
    a = c.obligation(led, "loan.advance")
    if a:
        # Feature: "loan for the amount of 100000.0".
        c.eq("initiate_loan loan amount", D("100000.0"), D(str(a["amount"])))
        c.eq("initiate_loan lender", "lender", a["obligor"])
        c.eq("initiate_loan borrower", "borrower", a["obligee"])
    r = c.obligation(led, "loan.repayment")
    if r:
        c.eq("initiate_loan repayment status", "in_force", r["status"])
    print(f"note initiate_loan: the text states no monthly payment; the template's "
          f"formula would give {level_payment(LOAN, D('2.5'), 15)} a month over 15 years")
    c.finish()


if __name__ == "__main__":
    main()
