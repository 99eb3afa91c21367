"""The `skilldex` command line: thin commands over the library, one module each."""

from __future__ import annotations


def main() -> None:
    from skilldex.cli.app import app, register

    register()
    app()
