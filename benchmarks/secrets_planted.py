"""Planted secrets against every output: how many of them get out, for this source tree or another one.

Usage: python benchmarks/secrets_planted.py [--src DIR] [--write] [--label NAME]

Builds the corpus of tests/hostile/planted.py (a value of every secret shape issue 22 lists, in every kind of file
skilldex reads), runs every command on it (list, show, find, startup, both hooks, validate, doctor, the exports,
generate, the MCP server) with PYTHONPATH=DIR when given (e.g. an older checkout's src, for a "before" figure),
and counts the planted values that appear in any output, generated file or the index's bytes, and the outputs
where a skill folder's name (auth:keycloak-confidential-client, its file holding a secret) got rewritten.
--write saves the table to benchmarks/results/secrets_planted[.<label>].txt.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "hostile"))
from planted import leaks, outputs  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", default="", help="a source tree to put first on PYTHONPATH")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--label", default="")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        _, planted, texts = outputs(Path(folder), args.src)
    found = leaks(planted, texts)
    corrupted = sorted(where for where, text in texts.items() if "auth:[redacted]" in text)
    lines = [
        f"planted values: {len(planted)}; outputs checked: {len(texts)}; values that got out: {len(found)}",
        f"outputs where the skill folder auth:keycloak-confidential-client became auth:[redacted]: {len(corrupted)}"
        + (f" ({', '.join(corrupted[:6])})" if corrupted else ""),
    ]
    for marker, where in sorted(found.items()):
        rel, shape, _ = planted[marker]
        lines.append(f"  {marker}  {rel}  [{shape}]  in {len(where)} outputs: {', '.join(sorted(where)[:4])}")
    text = "\n".join(lines) + "\n"
    print(text, end="")
    if args.write:
        name = f"secrets_planted.{args.label}.txt" if args.label else "secrets_planted.txt"
        (HERE / "results" / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
