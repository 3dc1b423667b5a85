"""Shared helpers for the reference scripts (standard library only).

A reference script computes figures from the contract text by hand, then asks
the clausec binary for its ledger (`obligations ... --format json`) and
compares. This module only runs the binary and compares; it computes nothing.
"""
import json
import os
import subprocess
import sys
from decimal import Decimal, ROUND_HALF_UP

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("CLAUSEC_BIN", os.path.join(ROOT, "target", "release", "clausec"))
CENT = Decimal("0.01")


def cents(x):
    """Round half up to the cent (the rounding each encoding states or assumes)."""
    return Decimal(x).quantize(CENT, rounding=ROUND_HALF_UP)


def ledger(agreement, scenario):
    """clausec's JSON ledger of one agreement under one scenario."""
    path = os.path.join(ROOT, "clauses", agreement)
    out = subprocess.run(
        [BIN, "obligations", path, "--scenario", scenario, "--format", "json"],
        capture_output=True, text=True)
    if out.returncode != 0:
        sys.stderr.write(out.stdout + out.stderr)
        raise SystemExit(f"clausec failed on {agreement} / {scenario} (exit {out.returncode})")
    return json.loads(out.stdout)


class Checker:
    """Counts figures compared and mismatches; prints each mismatch."""

    def __init__(self, name):
        self.name = name
        self.checked = 0
        self.mismatches = 0

    def eq(self, what, expected, actual):
        self.checked += 1
        if isinstance(expected, Decimal) and actual is not None:
            actual_v = Decimal(str(actual))
        else:
            actual_v = actual
        if expected != actual_v:
            self.mismatches += 1
            print(f"MISMATCH {self.name}: {what}: expected {expected}, clausec {actual}")

    def obligation(self, led, oid):
        for o in led["obligations"]:
            if o["id"] == oid:
                return o
        self.checked += 1
        self.mismatches += 1
        print(f"MISMATCH {self.name}: no obligation {oid} in scenario {led['scenario']}")
        return None

    def finish(self):
        print(f"checked {self.checked} figures")
        if self.mismatches:
            print(f"{self.mismatches} mismatches")
            sys.exit(1)
        sys.exit(0)
