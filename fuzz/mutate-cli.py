#!/usr/bin/env python3
"""Random mutations of the bundled agreements, run through the real binary.

Each round copies one bundled agreement into a temporary folder, mutates one
of its clause or scenario files (bytes dropped, duplicated, swapped; unicode
and control characters injected; brackets nested 100,000 deep; an amount
made a flat sum of up to 50,000 terms; 150 schedules of 96,000 installments
or 100,000 one-line clauses appended; or several of these at once), and
in one round in ten also plants something in the folder: a clause or
scenario file replaced by a symbolic link to a file outside it, the
`scenarios/` folder linked out, or a named pipe named like a clause file.
It runs `clausec check --format json` and `clausec obligations` on it, each
with a time limit. It counts:

- panics (exit code 101 or "panicked" on standard error), deaths by a
  signal, and time-outs: all must be zero;
- rejections without a place: every error of `check` must name a file, a
  line and a column, and when `obligations` refuses an agreement its report
  must show at least one `file:line:column` (or, for a planted link or pipe,
  the file it refused);
- reads outside the folder: the planted links lead to files holding a
  canary word, which must never appear in any output.

Usage, from the repository root, after `cargo build --release`:

    python3 fuzz/mutate-cli.py [ROUNDS] [SEED]      # default 2000 rounds, seed 1

`CLAUSEC_BIN=target/debug/clausec` runs another build (CI runs 300 rounds
of the release build: unoptimised, the rounds that append 100,000 clauses
to a file run past the time limit).

Prints a tally and exits 1 if anything went wrong. Deterministic for a seed.
"""
import json
import os
import pathlib
import random
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
BINARY = pathlib.Path(os.environ.get("CLAUSEC_BIN", ROOT / "target" / "release" / "clausec")).resolve()
AGREEMENTS = sorted(p for p in (ROOT / "clauses").iterdir() if p.is_dir())
TIME_LIMIT = 10  # seconds, per command
PLACE = re.compile(r"[^\s\[`]+:\d+:\d+[\]`]")

INJECTED = [
    "\u00e9", "\u202e", "\u200b", "\ufeff", "\U0001f4dc", "\u0301", "\ufffd",
    "\x00", "\x01", "\x07", "\x1b[31m", "\x7f", "\r", "\t", "\x0b", "\x0c",
]


def drop(data, rng):
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, 64):]


def duplicate(data, rng):
    start = rng.randrange(len(data))
    piece = data[start:start + rng.randint(1, 256)]
    at = rng.randrange(len(data) + 1)
    return data[:at] + piece * rng.randint(1, 4) + data[at:]


def swap(data, rng):
    a, b = sorted(rng.randrange(len(data)) for _ in range(2))
    n = rng.randint(1, min(32, max(1, b - a)))
    return data[:a] + data[b:b + n] + data[a + n:b] + data[a:a + n] + data[b + n:]


def inject(data, rng):
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(INJECTED).encode() + data[at:]


def raw_byte(data, rng):
    at = rng.randrange(len(data) + 1)
    return data[:at] + bytes([rng.randrange(256)]) + data[at:]


def nest(data, rng):
    at = rng.randrange(len(data) + 1)
    depth = 100_000
    return data[:at] + b"(" * depth + b"1" + b")" * rng.choice([0, depth]) + data[at:]


AMOUNT = re.compile(rb"\$[0-9][0-9,]*(\.[0-9]+)?")


def long_sum(data, rng):
    """An amount made a flat sum of thousands of terms: no nesting, but a
    tree as deep as it is long."""
    amounts = list(AMOUNT.finditer(data))
    at = rng.choice(amounts).end() if amounts else rng.randrange(len(data) + 1)
    op = rng.choice([b" + $1", b" * 2", b" - $1"])
    return data[:at] + op * rng.choice([99, 100, 5_000, 50_000]) + data[at:]


def many_schedules(data, rng):
    """Schedules near the per-schedule limit, many of them, so that only a
    limit on the whole ledger holds them."""
    count = rng.choice([20, 150])
    schedules = b"".join(
        b"\nclause mutated%d \"S\"\n  mutated%d: company pays employee $960,000.00\n"
        b"    in 96000 equal monthly installments on day 1\n    from January 1, 0001\n" % (i, i)
        for i in range(count)
    )
    return data + schedules


def many_clauses(data, rng):
    """Tens of thousands of one-line clauses, half of them sub-clauses."""
    count = rng.choice([20_000, 100_000])
    return data + b"".join(b"\nclause m%d\nclause m%d.1" % (k, k) for k in range(count // 2)) + b"\n"


# A word written only in files outside the agreement folder: if it shows up
# in an output, clausec read through a planted link.
CANARY = "canary_outside_the_folder"


def plant(folder, outside, rng):
    """Plants a link or a pipe in the folder; returns what was planted."""
    secret = outside / "secret.clause"
    secret.write_text(f'clause 99 "{CANARY}"\n  quote "{CANARY}"\n')
    (outside / "scenarios").mkdir(exist_ok=True)
    (outside / "scenarios" / "base.scenario").write_text(f'scenario {CANARY} "{CANARY}"\n')
    files = sorted(folder.glob("*.clause")) + sorted(folder.glob("scenarios/*.scenario"))
    how = rng.choice(["file_link", "scenarios_link", "pipe"])
    if how == "file_link":
        target = rng.choice(files)
        target.unlink()
        target.symlink_to(secret)
    elif how == "scenarios_link":
        shutil.rmtree(folder / "scenarios", ignore_errors=True)
        (folder / "scenarios").symlink_to(outside / "scenarios", target_is_directory=True)
    else:
        os.mkfifo(folder / "zz-pipe.clause")
    return how


def pipes(directory, names):
    """The named pipes among `names` (copying one would wait for a writer)."""
    return [n for n in names if pathlib.Path(directory, n).is_fifo()]


MUTATIONS = [drop, duplicate, swap, inject, raw_byte, nest, long_sum, many_schedules, many_clauses]


def mutate(data, rng):
    names = []
    for _ in range(rng.choice([1, 1, 1, 2, 3, 5])):
        mutation = rng.choice(MUTATIONS)
        data = mutation(data or b" ", rng)
        names.append(mutation.__name__)
    return data, "+".join(names)


def run(args):
    try:
        done = subprocess.run(
            [str(BINARY), *args], capture_output=True, timeout=TIME_LIMIT
        )
    except subprocess.TimeoutExpired:
        return None
    return done


def verdict(done, command):
    """What went wrong with one run, or None."""
    if done is None:
        return "time-out"
    if done.returncode < 0:
        return f"signal {-done.returncode}"
    stderr = done.stderr.decode("utf-8", "replace")
    if done.returncode == 101 or "panicked" in stderr:
        return "panic"
    if CANARY in stderr or CANARY in done.stdout.decode("utf-8", "replace"):
        return "read a file outside the folder"
    if command == "check":
        try:
            report = json.loads(done.stdout)
        except ValueError:
            return "check --format json printed no JSON"
        for d in report["diagnostics"]:
            placed = d["file"] and d["line"] >= 1 and d["column"] >= 1
            # A refused link or pipe has no text to point into: its file is its place.
            refused = d["code"] == "clausec::input::refused_file" and d["file"]
            if d["severity"] == "error" and not (placed or refused):
                return f"error without a place: {d['code']}"
    elif done.returncode != 0:
        output = stderr + done.stdout.decode("utf-8", "replace")
        if not (PLACE.search(output) or "refused_file" in output):
            return "obligations refused without a place"
    return None


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    if not BINARY.exists():
        sys.exit(f"{BINARY} is missing: run `cargo build --release` first (or set CLAUSEC_BIN)")
    tally = {"rounds": 0, "check exit 0": 0, "check exit 1": 0, "obligations refused": 0}
    failures = []
    with tempfile.TemporaryDirectory(prefix="clausec-mutate-") as tmp:
        for round_ in range(rounds):
            agreement = rng.choice(AGREEMENTS)
            folder = pathlib.Path(tmp) / f"r{round_}"
            shutil.copytree(agreement, folder)
            files = sorted(folder.glob("*.clause")) + sorted(folder.glob("scenarios/*.scenario"))
            target = rng.choice(files)
            data, how = mutate(target.read_bytes(), rng)
            target.write_bytes(data)
            if rng.random() < 0.1:
                outside = pathlib.Path(tmp) / f"outside{round_}"
                outside.mkdir()
                how += "+" + plant(folder, outside, rng)
            for command, args in [
                ("check", ["check", "--format", "json", str(folder)]),
                ("obligations", ["obligations", str(folder)]),
            ]:
                done = run(args)
                problem = verdict(done, command)
                if problem:
                    kept = pathlib.Path(tempfile.gettempdir()) / f"clausec-mutate-failure-{round_}"
                    shutil.rmtree(kept, ignore_errors=True)
                    shutil.copytree(folder, kept, symlinks=True, ignore=pipes)
                    failures.append(f"round {round_}: {command}: {problem} ({how} on {target.name}; kept in {kept})")
                elif command == "check":
                    tally[f"check exit {done.returncode}"] = tally.get(f"check exit {done.returncode}", 0) + 1
                elif done.returncode != 0:
                    tally["obligations refused"] += 1
            shutil.rmtree(folder)
            shutil.rmtree(pathlib.Path(tmp) / f"outside{round_}", ignore_errors=True)
            tally["rounds"] += 1
    for key, value in tally.items():
        print(f"{key}: {value}")
    print(f"failures: {len(failures)}")
    for failure in failures:
        print("  " + failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
