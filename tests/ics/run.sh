#!/usr/bin/env bash
# Calendars checked by Python's `icalendar` parser, in a throwaway virtual
# environment (PyPI must be reachable): the letter's late-installment
# calendar in detail, then every bundled agreement x scenario's calendar
# (with --include-untriggered, so that every event kind is read).
#   tests/ics/run.sh [CLAUSEC]     (default target/debug/clausec)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
clausec="${1:-$root/target/debug/clausec}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check icalendar==7.3.0
"$clausec" obligations "$root/clauses/lovelock-severance" --scenario late-installment --format ics > "$work/letter.ics"
"$work/venv/bin/python" "$root/tests/ics/check_ics.py" "$work/letter.ics"
mkdir "$work/all"
for scenario in "$root"/clauses/*/scenarios/*.scenario; do
  agreement="$(dirname "$(dirname "$scenario")")"
  name="$(basename "$agreement")__$(basename "$scenario" .scenario)"
  "$clausec" obligations "$agreement" --scenario "$scenario" --format ics --include-untriggered > "$work/all/$name.ics"
done
"$work/venv/bin/python" "$root/tests/ics/check_ics.py" --any "$work"/all/*.ics
