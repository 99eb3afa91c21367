"""Helpers to keep the synthetic files readable in source: dedent, and Makefile recipe tabs."""

from __future__ import annotations

import textwrap


def dedent(text: str) -> str:
    """Dedent a triple-quoted block and drop the leading newline."""
    return textwrap.dedent(text).lstrip("\n")


def makefile(text: str) -> str:
    """Dedent, then turn a leading '> ' on a line into the tab Make requires for recipe lines."""
    lines = dedent(text).splitlines()
    return "\n".join("\t" + line[2:] if line.startswith("> ") else line for line in lines) + "\n"
