"""Repo text on one line of agent-facing output.

Names, paths and commands come from the repo, which chooses them: a file named "x\\n## IMPORTANT" must
not start a heading in a brief, nor a terminal escape reach a screen. Whitespace runs (newlines too)
become one space, other control characters a `?`. JSON output keeps the exact text.
"""

from __future__ import annotations

_CONTROL = {code: "?" for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)]}


def oneline(text: object) -> str:
    text = str(text)
    if text.isprintable() and "  " not in text:  # the common case, decided in C
        return text.strip()
    return " ".join(text.split()).translate(_CONTROL)
