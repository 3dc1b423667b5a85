#!/usr/bin/env python3
"""Reference figures for clauses/accord-payment-upon-delivery, from its text alone.

Accord Project Cicero template payment-upon-delivery (Apache-2.0), text/sample.md:
"Upon delivery and acceptance, "Michael" shall pay to "Diana" the cost of goods
(9.99 USD) and the delivery fee (1.99 USD)."

Feature test/logic.feature, scenario "The cost of goods is 9.99 USD and the
delivery fee is 1.99 USD": the response emits one PaymentObligation of
doubleValue 11.98 USD from Michael to Diana.
"""
import os
import sys
from decimal import Decimal as D

sys.path.insert(0, os.path.dirname(__file__))
from _common import Checker, ledger  # noqa: E402

AGREEMENT = "accord-payment-upon-delivery"
COST_OF_GOODS = D("9.99")
DELIVERY_FEE = D("1.99")


def main():
    c = Checker(AGREEMENT)

    # Feature scenario: 9.99 + 1.99 = 11.98 (feature: "doubleValue": 11.98).
    led = ledger(AGREEMENT, "cost_and_fee")
    p = c.obligation(led, "1.payment")
    if p:
        c.eq("cost_and_fee amount", COST_OF_GOODS + DELIVERY_FEE, p["amount"])
        c.eq("cost_and_fee payer", "buyer", p["obligor"])
        c.eq("cost_and_fee payee", "seller", p["obligee"])
        # Delivered and accepted on March 4, 2019 (the scenario's illustration):
        # due on the later of the two days.
        c.eq("cost_and_fee due", "2019-03-04", p["due"])

    # Not a feature scenario: delivered, not accepted. The amount is still
    # 11.98; the due date counts from the acceptance, which has not happened.
    led = ledger(AGREEMENT, "not_accepted")
    p = c.obligation(led, "1.payment")
    if p:
        c.eq("not_accepted amount", COST_OF_GOODS + DELIVERY_FEE, p["amount"])
        c.eq("not_accepted due", None, p["due"])
        # LANGUAGE.md section 7 says an obligation whose date counts from an
        # unrecorded event is `not_yet_known`; clausec reports `due` here when
        # only the date (not the amount) waits for the event. Printed as a
        # note, not compared, so that the finding is visible.
        if p["status"] != "not_yet_known":
            print(f"NOTE: not_accepted status is {p['status']!r}; the guide says not_yet_known")
    c.finish()


if __name__ == "__main__":
    main()
