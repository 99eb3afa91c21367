"""The `skilldex` command line: thin commands over the library, one module each."""

from __future__ import annotations


def main() -> int | None:
    import sys

    from skilldex.cli.fast import run

    code = run(sys.argv[1:])
    if code is not None:
        return code
    from skilldex.cli.app import app, register

    register()
    app(prog_name="skilldex")  # also under `python -m skilldex`: help, errors and completion name the command
    return None
