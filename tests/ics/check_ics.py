"""The letter's calendar read by a real iCalendar parser (the `icalendar`
package): it parses, every event has what RFC 5545 requires, titles are
under 100 characters, each installment has its due event and its
last-day-of-grace event, and every event has a reminder.

    tests/ics/run.sh            # makes a throwaway venv, builds nothing
    python check_ics.py FILE.ics            # the letter's late installment
    python check_ics.py --any FILE.ics...   # any calendar: the general checks

The expected dates are the letter's, counted by hand: installments on the
month-ends from September 30, 2002 (six, under the default reading), each
with a grace period of ten days (clause 2(b): "within ten (10) days").
"""

import datetime
import sys

from icalendar import Calendar

# 2(b): six month-end installments from September 30, 2002; the grace
# period ends ten days after each (Oct 10, Nov 10, Dec 10, Jan 10, Feb 10,
# Mar 10; February 28 + 10 days is March 10, 2003).
DUE = ["2002-09-30", "2002-10-31", "2002-11-30", "2002-12-31", "2003-01-31", "2003-02-28"]
GRACE = ["2002-10-10", "2002-11-10", "2002-12-10", "2003-01-10", "2003-02-10", "2003-03-10"]


def day(value):
    return datetime.date.fromisoformat(value)


def general(calendar):
    """What every calendar clausec writes must hold: each event has what
    RFC 5545 requires, a title under 100 characters, a reminder, one day."""
    failures = []
    events = list(calendar.walk("VEVENT"))
    by_start = {}
    for event in events:
        for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            if required not in event:
                failures.append(f"an event without {required}: {event.get('SUMMARY')}")
        summary = str(event.get("SUMMARY", ""))
        if len(summary) >= 100:
            failures.append(f"a title of {len(summary)} characters: {summary}")
        start = event.decoded("DTSTART")
        end = event.decoded("DTEND") if "DTEND" in event else start + event.decoded("DURATION")
        if (end - start).days > 1:
            failures.append(f"an event of {(end - start).days} days: {summary}")
        alarms = [a for a in event.walk("VALARM")]
        if not alarms:
            failures.append(f"no reminder: {summary}")
        for alarm in alarms:
            for required in ("ACTION", "TRIGGER", "DESCRIPTION"):
                if required not in alarm:
                    failures.append(f"a reminder without {required}: {summary}")
            if alarm.decoded("TRIGGER") != -datetime.timedelta(days=7):
                failures.append(f"a reminder not seven days before: {summary}")
        by_start.setdefault(start, []).append(summary)
    return events, by_start, failures


def letter(calendar):
    """The letter's late-installment calendar: the general checks, and each
    installment's due and grace events, and the late one's details."""
    events, by_start, failures = general(calendar)
    if not events:
        failures.append("no event")
    for n, (due, grace) in enumerate(zip(DUE, GRACE), start=1):
        titles = by_start.get(day(due), [])
        if not any(f"installment {n} of 6 due" in t for t in titles):
            failures.append(f"no due event for installment {n} on {due}: {titles}")
        titles = by_start.get(day(grace), [])
        if not any(f"installment {n} of 6: last day of grace" in t for t in titles):
            failures.append(f"no grace event for installment {n} on {grace}: {titles}")
    # The installment paid late says when it was paid and the interest owed:
    # $20,833.33 x 18% x 25/365 = $256.849..., $256.85 to the cent.
    second = [e for e in events if "installment 2 of 6 due" in str(e.get("SUMMARY"))]
    description = str(second[0].get("DESCRIPTION")) if second else ""
    for words in ("November 25, 2002", "$256.85", "$20,833.33"):
        if words not in description:
            failures.append(f"installment 2's description does not say {words}")
    # The notice of outside compensation is not triggered in this scenario.
    if any("notice" in str(e.get("SUMMARY")).lower() and "2(b)" in str(e.get("DESCRIPTION")) for e in events):
        failures.append("a not-triggered notice is in the calendar")
    return events, failures


def read(path):
    with open(path, "rb") as f:
        return Calendar.from_ical(f.read())


def main(args):
    if args[0] == "--any":
        checks = [(path, general) for path in args[1:]]
    else:
        checks = [(args[0], letter)]
    passed = failed = 0
    for path, check in checks:
        failures = check(read(path))[-1]
        for failure in failures:
            print(f"FAIL {path}: {failure}")
        if failures:
            failed += 1
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
