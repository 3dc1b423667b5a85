#!/usr/bin/env bash
# The letter's late-installment calendar checked by Python's `icalendar`
# parser, in a throwaway virtual environment (PyPI must be reachable).
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
