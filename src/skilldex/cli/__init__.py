"""The `skilldex` command line: thin commands over the library, one module each."""

from __future__ import annotations

import sys


def main() -> int | None:
    from skilldex.cli.fast import run  # lazy: importing skilldex.cli (the app, its tests) does not load the fast path

    code = run(sys.argv[1:])
    if code is not None:
        return code
    from skilldex.cli.app import app, register  # lazy: what the fast path answers never loads Typer

    register()
    app(prog_name="skilldex")  # also under `python -m skilldex`: help, errors and completion name the command
    return None
