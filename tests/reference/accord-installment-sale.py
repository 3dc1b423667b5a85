#!/usr/bin/env python3
"""Reference figures for clauses/accord-installment-sale, from its text alone.

Accord Project Cicero template installment-sale (Apache-2.0), text/sample.md:
total 10,000.00 EUR (the ledger's currency: EUR); 500.00 at closing; the remaining 9,500.00 paid 500.00 or
more per month from month 3, with interest at 1.5% computed monthly on the
remaining balance; all paid within 24 months.

Features: test/logic.feature and test/logic_default.feature. The logic starts
the balance at 10,000.00 and takes the 500.00 "due at closing" with the last
payment; each payment: balance = round2((balance - payment) x 1.015). The
ledger cannot show a balance (a GAP); the balances are printed as notes, the
text's chain beside the feature's.
"""
import os
import sys
from datetime import date
from decimal import Decimal as D, ROUND_HALF_UP

sys.path.insert(0, os.path.dirname(__file__))
from _common import Checker, ledger  # noqa: E402

AGREEMENT = "accord-installment-sale"
AT_CLOSING = D("500.00")
MINIMUM = D("500.00")
RATE = D("0.015")  # 1.5%, read a month, as the logic does
CLOSING = date(2019, 1, 2)  # the scenarios' illustration


def step(balance, paid):
    return ((balance - paid) * (1 + RATE)).quantize(D("0.01"), rounding=ROUND_HALF_UP)


def check(c, scenario, amount, due):
    led = ledger(AGREEMENT, scenario)
    p = c.obligation(led, "closing.closing_payment")
    if p:
        c.eq(f"{scenario} closing payment", AT_CLOSING, p["amount"])
        # "the total sum 10,000.00 EUR": every amount is in euros
        c.eq(f"{scenario} closing payment currency", "EUR", p["currency"])
        c.eq(f"{scenario} closing payment due", CLOSING.isoformat(), p["due"])
    m = c.obligation(led, "monthly.monthly_payment")
    if m:
        c.eq(f"{scenario} monthly payment", max(amount, MINIMUM), m["amount"])
        c.eq(f"{scenario} monthly payment currency", "EUR", m["currency"])
        c.eq(f"{scenario} monthly payment due", due.isoformat(), m["due"])
    o = c.obligation(led, "monthly.payoff")
    if o:
        c.eq(f"{scenario} payoff by", date(CLOSING.year + 2, CLOSING.month, CLOSING.day).isoformat(), o["due"])


def main():
    c = Checker(AGREEMENT)
    check(c, "initial_state", MINIMUM, date(2019, 3, 1))
    check(c, "initial_state_default", MINIMUM, date(2019, 3, 1))
    check(c, "first_payment", D("2500"), date(2019, 3, 1))
    check(c, "first_payment_default", D("2500"), date(2019, 3, 1))
    check(c, "second_payment", D("2500"), date(2019, 4, 1))
    check(c, "third_payment", D("2500"), date(2019, 5, 1))
    check(c, "final_closing_payment", D("3229.53"), date(2019, 6, 1))
    led = ledger(AGREEMENT, "final_closing_payment")
    c.eq("final total paid by buyer", AT_CLOSING + D("3229.53"),
         D(str(sum(D(str(o["paid"])) for o in led["obligations"]
                   if o.get("obligor") == "buyer" and o.get("paid")))))
    # The balances (notes only: the ledger cannot show them).
    logic, text = D("10000.00"), D("10000.00") - AT_CLOSING
    for n, feature in enumerate(["7612.50", "5189.19", "2729.53"], 1):
        logic, text = step(logic, D("2500")), step(text, D("2500"))
        print(f"note payment {n}: feature balance {feature}, logic chain {logic}, "
              f"text chain from 9,500.00 {text}")
    print(f"note final: feature payment {logic + AT_CLOSING} (balance + 500 at closing); "
          f"by the text the payoff is {text}, the 500.00 having been paid at closing")
    c.finish()


if __name__ == "__main__":
    main()
