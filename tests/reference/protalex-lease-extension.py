#!/usr/bin/env python3
"""Reference figures for clauses/protalex-lease-extension, from the text alone.

Source: Protalex, Inc. lease extension with Union Square, L.P., EX-99.1,
https://www.sec.gov/Archives/edgar/data/1099215/000114420407022526/ex99-1.htm

Item 4 (2-1-08 through 1-31-09) states each part of the rent as an annual
figure and a monthly figure:
  Base Rent     $149,761.50 a year, $12,480.13 a month
  CAM            $15,633.95 a year,  $1,302.83 a month
  Utility Rent    $8,208.12 a year,    $684.01 a month
  HVAC warranty              $50 a month
Item 5 (2-1-09 through 1-31-10, if the option is exercised):
  Base Rent     $152,756.73 a year, $12,729.73 a month
  CAM            $17,197.34 a year,  $1,433.11 a month
  Utility Rent    $9,028.92 a year,    $752.41 a month
  HVAC warranty              $50 a month

The text states no due day; the encoding assumes the first of each month (a
GAP it records). Twelve monthly installments must sum to the annual figure, so
installments 1 to 11 are the stated monthly figure and the 12th is
  annual - 11 x monthly
e.g. Base Rent: $149,761.50 - 11 x $12,480.13 = $149,761.50 - $137,281.43 = $12,480.07.
"""
import sys
from datetime import date
from decimal import Decimal as D

sys.path.insert(0, __import__("os").path.dirname(__file__))
from _common import Checker, ledger, cents  # noqa: E402

AGREEMENT = "protalex-lease-extension"

YEAR1 = {  # label: (annual, monthly) as item 4 states them
    "4(a).base_rent": (D("149761.50"), D("12480.13")),
    "4(b).cam": (D("15633.95"), D("1302.83")),
    "4(c).utility_rent": (D("8208.12"), D("684.01")),
    "4(d).hvac": (D("50") * 12, D("50.00")),  # $50 monthly; $600.00 for twelve
}
YEAR2 = {  # item 5
    "5(a).option_base_rent": (D("152756.73"), D("12729.73")),
    "5(b).option_cam": (D("17197.34"), D("1433.11")),
    "5(c).option_utility_rent": (D("9028.92"), D("752.41")),
    "5(d).option_hvac": (D("50") * 12, D("50.00")),
}


def schedule(annual, monthly, first_year):
    """The twelve (due date, amount) pairs: first of each month from February 1."""
    out = []
    for i in range(12):
        m = 2 + i
        y = first_year + (m - 1) // 12
        m = (m - 1) % 12 + 1
        amount = monthly if i < 11 else annual - 11 * monthly
        out.append((date(y, m, 1), amount))
    return out


def contract_arithmetic():
    """Findings about the text's own figures (printed, not failures of clausec)."""
    print("contract arithmetic (findings about the text, not clausec):")
    # 3(a): Base Rent +2%: 149,761.50 x 1.02 = 152,756.73 exactly.
    print(f"  3(a) base rent x 102% = {D('149761.50') * D('1.02')} (item 5(a) states 152756.73)")
    # 3(b): CAM +10%: 15,633.95 x 1.10 = 17,197.345 -> half up 17,197.35; text 17,197.34.
    print(f"  3(b) CAM x 110% = {D('15633.95') * D('1.10')} (item 5(b) states 17197.34)")
    # 3(b): Utility +10%: 8,208.12 x 1.10 = 9,028.932 -> 9,028.93; text 9,028.92.
    print(f"  3(b) utility x 110% = {D('8208.12') * D('1.10')} (item 5(c) states 9028.92)")
    # 4(e): parts 12,480.13 + 1,302.83 + 684.01 + 50 = 14,516.97; text 14,516.96.
    parts = sum(m for _, m in YEAR1.values())
    print(f"  4(e) sum of monthly parts = {parts} (item 4(e) states 14516.96)")
    parts2 = sum(m for _, m in YEAR2.values())
    print(f"  5(e) sum of monthly parts = {parts2} (item 5(e) states 14965.25)")
    # monthly x 12 against annual:
    for label, (annual, monthly) in {**YEAR1, **YEAR2}.items():
        print(f"  {label}: 12 x {monthly} = {12 * monthly}, annual {annual}, "
              f"annual/12 half up = {cents(annual / 12)}")


def check_schedule(c, led, label, annual, monthly, first_year, status, late=None):
    """Amount and due date of each installment; status and payment dates."""
    late = late or {}
    for n, (due, amount) in enumerate(schedule(annual, monthly, first_year), start=1):
        o = c.obligation(led, f"{label}[{n}]")
        if o is None:
            continue
        c.eq(f"{led['scenario']} {label}[{n}] due", due.isoformat(), o["due"])
        c.eq(f"{led['scenario']} {label}[{n}] amount", amount, o["amount"])
        if due in late:
            exp_status, paid_on, paid = late[due]
            c.eq(f"{led['scenario']} {label}[{n}] status", exp_status, o["status"])
            c.eq(f"{led['scenario']} {label}[{n}] paid on", paid_on, o["paid_on"])
            c.eq(f"{led['scenario']} {label}[{n}] paid", paid, o["paid"])
            # no late charge is stated anywhere in the extension:
            c.eq(f"{led['scenario']} {label}[{n}] late interest remedies", 0, len(o["remedies"]))
        else:
            c.eq(f"{led['scenario']} {label}[{n}] status", status, o["status"])
            if status == "paid":
                c.eq(f"{led['scenario']} {label}[{n}] paid on", due.isoformat(), o["paid_on"])


def main():
    c = Checker(AGREEMENT)
    contract_arithmetic()

    # base: year 1 paid on the due dates; option not exercised.
    led = ledger(AGREEMENT, "base")
    for label, (annual, monthly) in YEAR1.items():
        check_schedule(c, led, label, annual, monthly, 2008, "paid")
    for label in YEAR2:
        for n in range(1, 13):
            o = c.obligation(led, f"{label}[{n}]")
            if o:
                c.eq(f"base {label}[{n}] status", "not_triggered", o["status"])

    # late_payment: Base Rent due 2008-06-01 paid 2008-06-20 (19 days late, no
    # interest: none stated); CAM due 2008-07-01 paid 1,000.00 on 2008-07-01
    # and 302.83 on 2008-08-15 -> paid late, in full 1,302.83.
    led = ledger(AGREEMENT, "late_payment")
    check_schedule(c, led, "4(a).base_rent", *YEAR1["4(a).base_rent"], 2008, "paid",
                   late={date(2008, 6, 1): ("paid_late", "2008-06-20", D("12480.13"))})
    check_schedule(c, led, "4(b).cam", *YEAR1["4(b).cam"], 2008, "paid",
                   late={date(2008, 7, 1): ("paid_late", "2008-08-15", D("1302.83"))})

    # option_exercised: both years paid on the due dates.
    led = ledger(AGREEMENT, "option_exercised")
    for label, (annual, monthly) in YEAR1.items():
        check_schedule(c, led, label, annual, monthly, 2008, "paid")
    for label, (annual, monthly) in YEAR2.items():
        check_schedule(c, led, label, annual, monthly, 2009, "paid")
    # Totals of each year, as clausec's schedules report them:
    totals = {s["obligation"]: s for s in led["schedules"]}
    for label, (annual, _) in {**YEAR1, **YEAR2}.items():
        c.eq(f"option_exercised {label} total", annual, totals[label]["total"])

    # option_open: no election, no default in the text -> option rent conditional.
    led = ledger(AGREEMENT, "option_open")
    for label, (annual, monthly) in YEAR2.items():
        for n, (due, amount) in enumerate(schedule(annual, monthly, 2009), start=1):
            o = c.obligation(led, f"{label}[{n}]")
            if o:
                c.eq(f"option_open {label}[{n}] status", "conditional", o["status"])
                c.eq(f"option_open {label}[{n}] due", due.isoformat(), o["due"])

    c.finish()


if __name__ == "__main__":
    main()
