#!/usr/bin/env python3
"""Rebuilds the seed corpus under fuzz/corpus/ from the bundled agreements.

- parse:    every bundled .clause and .scenario file, as is;
- check:    every bundled .clause file, as is (checked next to the Lovelock
            header), plus one `HEADER \\0 CLAUSES \\0 SCENARIO` seed per
            agreement, made compact (comments and quotes dropped) so that it
            fits in -max_len=4096;
- evaluate: every bundled .scenario file, as is;
- fmt:      every bundled .clause and .scenario file, as is;
- lsp:      editor conversations (message bodies separated by NUL, `$ROOT`
            for the workspace): a session on an open clause file, requests
            on files read from disk, and absurd or broken frames.

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
    for target in ("parse", "check", "evaluate", "fmt", "lsp"):
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

    lsp_seeds()


def lsp_seeds():
    """Conversations for the `lsp` target: JSON bodies, framed by the target,
    and raw parts (headers and garbage), all separated by NUL."""
    import json

    def message(id, method, params):
        body = {"jsonrpc": "2.0", "method": method, "params": params}
        if id is not None:
            body["id"] = id
        return json.dumps(body, separators=(",", ":"))

    def at(uri, line, character):
        return {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}

    letter = "$ROOT/lovelock-severance/"
    lease = "$ROOT/kestrel-press-lease/"
    text = (CLAUSES / "lovelock-severance/1.clause").read_text()
    whole = {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}
    sessions = {
        "open-change-close": [
            message(None, "initialized", {}),
            message(None, "textDocument/didOpen", {"textDocument": {
                "uri": letter + "1.clause", "languageId": "clause", "version": 1, "text": text}}),
            message(1, "textDocument/documentSymbol", {"textDocument": {"uri": letter + "1.clause"}}),
            message(2, "textDocument/hover", at(letter + "1.clause", 4, 30)),
            message(3, "textDocument/definition", at(letter + "1.clause", 4, 30)),
            message(4, "textDocument/references", {**at(letter + "1.clause", 4, 30),
                                                    "context": {"includeDeclaration": True}}),
            message(5, "textDocument/completion", at(letter + "1.clause", 4, 2)),
            message(6, "textDocument/inlayHint", {"textDocument": {"uri": letter + "1.clause"}, "range": whole}),
            message(7, "textDocument/formatting", {"textDocument": {"uri": letter + "1.clause"},
                                                   "options": {"tabSize": 2, "insertSpaces": True}}),
            message(None, "textDocument/didChange", {"textDocument": {"uri": letter + "1.clause", "version": 2},
                                                     "contentChanges": [{"text": text.replace("company", "compnay")}]}),
            message(None, "textDocument/didClose", {"textDocument": {"uri": letter + "1.clause"}}),
            message(8, "shutdown", None),
            message(None, "exit", None),
        ],
        "from-disk": [
            message(1, "textDocument/hover", at(letter + "2.clause", 35, 40)),
            message(2, "textDocument/inlayHint", {"textDocument": {"uri": letter + "2.clause"}, "range": whole}),
            message(3, "textDocument/documentSymbol", {"textDocument": {"uri": lease + "7.clause"}}),
            message(4, "textDocument/hover", at(lease + "7.clause", 3, 10)),
            message(5, "textDocument/documentSymbol", {"textDocument": {"uri": "file:///dev/zero"}}),
            message(6, "textDocument/hover", at("$ROOT/../fuzz/clause.dict", 0, 0)),
        ],
        "broken-frames": [
            "Content-Length: 1000000000000\r\n\r\n",
            message(1, "textDocument/hover", at(letter + "2.clause", 35, 40)),
            "Content-Length: 18446744073709551615\r\n\r\nhello\r\n\r\n",
            "Content-Length: 5\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n[1,2]",
            "{not json",
            message(2, "shutdown", None),
            message(3, "shutdown", None),
            message(None, "exit", None),
        ],
    }
    for name, parts in sessions.items():
        data = "\0".join(parts).encode()
        assert len(data) <= 4096, (name, len(data))
        (CORPUS / "lsp" / f"{name}.bin").write_bytes(data)


if __name__ == "__main__":
    main()
