#!/usr/bin/env python3
"""Rebuilds the seed corpus under fuzz/corpus/ from the bundled agreements.

- parse:    every bundled .clause and .scenario file, as is;
- check:    every bundled .clause file, as is (checked next to the Lovelock
            header), plus one `HEADER \\0 CLAUSES \\0 SCENARIO` seed per
            agreement, made compact (comments and quotes dropped) so that it
            fits in -max_len=4096;
- evaluate: every bundled .scenario file, as is;
- fmt:      every bundled .clause and .scenario file, as is.

Run from anywhere: python3 fuzz/make-corpus.py
"""
import pathlib, re, shutil

FUZZ = pathlib.Path(__file__).resolve().parent
CLAUSES = FUZZ.parent / "clauses"
CORPUS = FUZZ / "corpus"


def compact(text):
    """Drops comment lines and `quote "..."` statements (which may wrap)."""
    text = re.sub(r'(?m)^[ \t]*quote[ \t]+"(?:[^"\\]|\\.)*"[ \t]*\n', "", text)
    return "".join(l for l in text.splitlines(True) if not l.lstrip().startswith("#"))


def main():
    for target in ("parse", "check", "evaluate", "fmt"):
        shutil.rmtree(CORPUS / target, ignore_errors=True)
        (CORPUS / target).mkdir(parents=True)
    for agreement in sorted(p for p in CLAUSES.iterdir() if p.is_dir()):
        for f in sorted(agreement.glob("*.clause")):
            for target in ("parse", "check", "fmt"):
                shutil.copy(f, CORPUS / target / f"{agreement.name}-{f.name}")
        for f in sorted(agreement.glob("scenarios/*.scenario")):
            for target in ("parse", "evaluate", "fmt"):
                shutil.copy(f, CORPUS / target / f"{agreement.name}-{f.name}")

    def read(path):
        return (CLAUSES / path).read_text()

    # An empty header part means: the fixed (Lovelock) header.
    whole = [
        ("lovelock-severance-2-late-grace.bin",
         "", compact(read("lovelock-severance/2.clause")),
         read("lovelock-severance/scenarios/late-installment-grace.scenario")),
        ("kestrel-press-lease-3-late-rent.bin",
         compact(read("kestrel-press-lease/agreement.clause")),
         compact(read("kestrel-press-lease/3.clause")),
         read("kestrel-press-lease/scenarios/late-rent.scenario").replace(
             "  lessee elected return_equipment\n", "")),
    ]
    for name, header, clauses, scenario in whole:
        data = "\0".join([header, clauses, scenario]).encode()
        assert len(data) <= 4096, (name, len(data))
        (CORPUS / "check" / name).write_bytes(data)


if __name__ == "__main__":
    main()
