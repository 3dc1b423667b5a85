#!/usr/bin/env python3
"""Reference figures for clauses/flotek-terpene-supply, from the text alone.

Source: Flotek Industries, Inc., Form 10-Q for the quarter ended March 31,
2019 (accession 0000928054-19-000033, filed May 9, 2019), EX-10.1, Supply
Agreement of February 28, 2019 between Florida Chemical Company, LLC (FCC)
and Flotek Chemistry, LLC,
https://www.sec.gov/Archives/edgar/data/928054/000092805419000033/exhibit101-supplyagree.htm

1, 4   the price of a pound is the Terpene Cost plus the Margin (redacted: a
       scenario's illustration); an order costs the pounds times that price,
       rounded half up to the cent (the encoding's reading: the text states
       no rounding).
3      the Term ends December 31, 2023; Flotek may extend it to December 31,
       2024 by written notice on or before September 30, 2023.
5(a)   a forecast at least ten days before each calendar quarter begins.
5(b)   a cost report within fifteen days of the end of each calendar quarter.
6(a)   FCC confirms a purchase order no later than three days after its date.
6(b)   FCC ships within three days of the purchase order's date.
6(c)   FCC invoices at the time of shipment; payment is due within sixty
       days of the invoice date. The text sets no late interest or fee.
18(a)(i) a right to terminate once a violation is not remedied within 30
       days of the notice: from the 31st day after it.

Every day count is in calendar days: none of these clauses says business
days. A notice or a duty done on or before its day is met; after it, late;
not done by the scenario's date and past its day, missed.
"""
import os
import sys
from datetime import date, timedelta
from decimal import Decimal as D

sys.path.insert(0, os.path.dirname(__file__))
from _common import Checker, ledger, cents  # noqa: E402

AGREEMENT = "flotek-terpene-supply"
CONFIRM_DAYS = 3   # 6(a) "no later than three (3) days after the date of such purchase order"
SHIP_DAYS = 3      # 6(b) "within three (3) days of the date of the applicable purchase order"
PAY_DAYS = 60      # 6(c) "within sixty (60) days of the respective invoice date"
FORECAST_LEAD = 10  # 5(a) "at least ten (10) days prior to the commencement of such quarter"
REPORT_DAYS = 15   # 5(b) "Within fifteen (15) days of the end of each calendar quarter"
CURE_DAYS = 30     # 18(a)(i) "within 30 days from receiving the written notice"
EXTENSION_NOTICE_BY = date(2023, 9, 30)  # 3 "on or before September 30, 2023"

# 5(a): the quarters that begin during the Term, first four (the encoding's
# labels); 5(b): the quarters of 2019, by their last day.
FORECAST_QUARTERS = {"forecast_q2_2019": date(2019, 4, 1), "forecast_q3_2019": date(2019, 7, 1),
                     "forecast_q4_2019": date(2019, 10, 1), "forecast_q1_2020": date(2020, 1, 1)}
REPORT_QUARTERS = {"cost_report_q1_2019": date(2019, 3, 31), "cost_report_q2_2019": date(2019, 6, 30),
                   "cost_report_q3_2019": date(2019, 9, 30), "cost_report_q4_2019": date(2019, 12, 31)}


def days(d, n):
    return d + timedelta(days=n)


def duty_status(due, done, as_of):
    """Met on or before the day, late after it; missed if not done once the day has passed."""
    if done is not None and done <= as_of:
        return "met" if done <= due else "late"
    return "missed" if due < as_of else "not_yet_due"


def price(pounds, terpene_cost, margin):
    # 1 "Product Price" = Terpene Cost + Margin; 4 the price per pound; pounds x price
    return cents(D(pounds) * (D(terpene_cost) + D(margin)))


def check(c, led, oid, **want):
    o = c.obligation(led, oid)
    if o is None:
        return
    s = led["scenario"]
    for field, expected in want.items():
        actual = o[field]
        if isinstance(expected, date):
            expected = expected.isoformat()
        c.eq(f"{s} {oid} {field}", expected, actual)


def total_paid(c, led, expected):
    paid = sum((D(o["paid"]) for o in led["obligations"]
                if o["obligor"] == "flotek" and o["kind"] == "payment" and o["paid"]), D("0"))
    c.eq(f"{led['scenario']} total paid by flotek", expected, paid)


def check_order(c, led, n, order, confirmed, shipped, invoiced, amount, paid_on, as_of):
    """One purchase order: its confirmation, shipment, invoice and payment (6(a)-(c))."""
    confirm_due = days(order, CONFIRM_DAYS)
    ship_due = days(order, SHIP_DAYS)
    check(c, led, f"6(a).order_confirmation_{n}", due=confirm_due,
          status=duty_status(confirm_due, confirmed, as_of))
    check(c, led, f"6(b).shipment_duty_{n}", due=ship_due, status=duty_status(ship_due, shipped, as_of))
    if shipped is None:
        check(c, led, f"6(c).invoice_{n}", status="not_yet_known")
        check(c, led, f"6(c).payment_{n}", amount=amount, status="not_yet_known")
        return
    # "invoice Flotek ... at the time of shipment"
    check(c, led, f"6(c).invoice_{n}", due=shipped, status=duty_status(shipped, invoiced, as_of))
    pay_due = days(invoiced, PAY_DAYS)
    status = "paid" if paid_on <= pay_due else "paid_late"
    check(c, led, f"6(c).payment_{n}", amount=amount, due=pay_due, status=status,
          paid=amount, paid_on=paid_on)


def check_notices(c, led, given, as_of):
    """5(a) forecasts and 5(b) reports: due dates, and status from the day each was given."""
    for label, quarter_start in FORECAST_QUARTERS.items():
        due = days(quarter_start, -FORECAST_LEAD)
        check(c, led, f"5(a).{label}", due=due, status=duty_status(due, given.get(label), as_of))
    for label, quarter_end in REPORT_QUARTERS.items():
        due = days(quarter_end, REPORT_DAYS)
        check(c, led, f"5(b).{label}", due=due, status=duty_status(due, given.get(label), as_of))


ON_TIME_2019 = {
    "forecast_q2_2019": date(2019, 3, 20), "forecast_q3_2019": date(2019, 6, 19),
    "forecast_q4_2019": date(2019, 9, 19), "forecast_q1_2020": date(2019, 12, 18),
    "cost_report_q1_2019": date(2019, 4, 12), "cost_report_q2_2019": date(2019, 7, 12),
    "cost_report_q3_2019": date(2019, 10, 11), "cost_report_q4_2019": date(2020, 1, 14),
}


def base(c):
    led = ledger(AGREEMENT, "base")
    as_of = date(2020, 1, 31)
    margin = "0.2250"
    # every payment on its due date: paid on invoice + 60 days
    a1 = price(40000, "1.7385", margin)      # 40,000 x 1.9635 = 78,540.00
    a2 = price(55500, "1.8125", margin)      # 55,500 x 2.0375 = 113,081.25
    check_order(c, led, 1, date(2019, 4, 8), date(2019, 4, 9), date(2019, 4, 10), date(2019, 4, 10),
                a1, days(date(2019, 4, 10), PAY_DAYS), as_of)
    check_order(c, led, 2, date(2019, 10, 14), date(2019, 10, 15), date(2019, 10, 16), date(2019, 10, 16),
                a2, days(date(2019, 10, 16), PAY_DAYS), as_of)
    check_notices(c, led, ON_TIME_2019, as_of)
    # no election recorded: the Term is not extended, nothing is owed for it
    check(c, led, "3.extension_notice", status="not_triggered")
    check(c, led, "3.extended_purchase_and_sale", status="not_triggered")
    total_paid(c, led, a1 + a2)


def late_order(c):
    led = ledger(AGREEMENT, "late_order")
    as_of = date(2019, 12, 31)
    a1 = price(30250, "1.9000", "0.2250")    # 30,250 x 2.125 = 64,281.25
    check_order(c, led, 1, date(2019, 7, 12), date(2019, 7, 17), date(2019, 7, 18), date(2019, 7, 22),
                a1, date(2019, 10, 4), as_of)
    # no late interest: the agreement states none
    check(c, led, "6(c).payment_1", **{"outstanding": D("0.00")})
    # no second order by the end of 2019: nothing of it is known yet
    check(c, led, "6(a).order_confirmation_2", status="not_yet_known")
    check(c, led, "6(b).shipment_duty_2", status="not_yet_known")
    check(c, led, "6(c).payment_2", status="not_yet_known")
    given = {
        "forecast_q2_2019": date(2019, 3, 21), "forecast_q3_2019": date(2019, 6, 28),
        "forecast_q1_2020": date(2019, 12, 20),
        "cost_report_q1_2019": date(2019, 4, 15), "cost_report_q2_2019": date(2019, 7, 15),
        "cost_report_q3_2019": date(2019, 10, 21),
    }
    check_notices(c, led, given, as_of)
    total_paid(c, led, a1)


def extension(c):
    led = ledger(AGREEMENT, "extension")
    as_of = date(2024, 12, 31)
    # 62,017 x (2.01375 + 0.2250) = 62,017 x 2.23875 = 138,840.55875 -> 138,840.56
    a1 = price(62017, "2.01375", "0.2250")
    invoiced = date(2024, 2, 29)
    check_order(c, led, 1, date(2024, 2, 27), date(2024, 2, 28), date(2024, 2, 29), invoiced,
                a1, days(invoiced, PAY_DAYS), as_of)
    notice = date(2023, 9, 16)
    check(c, led, "3.extension_notice", due=EXTENSION_NOTICE_BY,
          status="met" if notice <= EXTENSION_NOTICE_BY else "late")
    # the extended Term: from the day after December 31, 2023 to December 31, 2024
    check(c, led, "3.extended_purchase_and_sale", start=days(date(2023, 12, 31), 1),
          end=date(2024, 12, 31), status="in_force")
    check(c, led, "3.purchase_and_sale", end=date(2023, 12, 31), status="ended")
    check_notices(c, led, ON_TIME_2019, as_of)
    total_paid(c, led, a1)


def breach(c):
    led = ledger(AGREEMENT, "breach")
    as_of = date(2019, 8, 31)
    a1 = price(25000, "1.8000", "0.2250")    # 25,000 x 2.025 = 50,625.00, not yet due
    check_order(c, led, 1, date(2019, 5, 20), date(2019, 5, 21), None, None, a1, None, as_of)
    notice = date(2019, 6, 3)
    # the Cure Period's last day is notice + 30; the right arises the day after
    check(c, led, "18.termination_by_flotek", start=days(notice, CURE_DAYS + 1), status="in_force")
    check(c, led, "18.termination_by_fcc", status="not_triggered")
    given = {"forecast_q2_2019": date(2019, 3, 20), "forecast_q3_2019": date(2019, 6, 19),
             "cost_report_q1_2019": date(2019, 4, 12), "cost_report_q2_2019": date(2019, 7, 12)}
    check_notices(c, led, given, as_of)
    total_paid(c, led, D("0"))


def main():
    c = Checker(AGREEMENT)
    base(c)
    late_order(c)
    extension(c)
    breach(c)
    c.finish()


if __name__ == "__main__":
    main()
