#!/usr/bin/env python3
"""Run every reference script in tests/reference/ and fail if any fails.

Skips itself, scorecard.py and helper modules whose names start with `_`.
The clausec binary is taken from CLAUSEC_BIN (default target/release/clausec).
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SKIP = {"run.py", "scorecard.py"}


def main():
    scripts = sorted(f for f in os.listdir(HERE)
                     if f.endswith(".py") and f not in SKIP and not f.startswith("_"))
    failed = []
    for name in scripts:
        out = subprocess.run([sys.executable, os.path.join(HERE, name)],
                             capture_output=True, text=True)
        last = (out.stdout.strip().splitlines() or ["(no output)"])[-1]
        print(f"{'ok  ' if out.returncode == 0 else 'FAIL'} {name}: {last}")
        if out.returncode != 0:
            failed.append(name)
            sys.stdout.write(out.stdout + out.stderr)
    print(f"{len(scripts)} reference scripts, {len(failed)} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
