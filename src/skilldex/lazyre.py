"""Regular expressions compiled on first use: importing a module of patterns costs nothing until one is needed."""

from __future__ import annotations

import re


class Lazy:
    """`re.compile(pattern, flags)`, compiled when one of its methods is first asked for; each method is then kept
    on the instance, so later calls cost what the compiled pattern's do."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)

    def __getattr__(self, name: str):  # only for names not yet kept: search, match, finditer...
        value = getattr(re.compile(*self._args), name)
        setattr(self, name, value)
        return value
