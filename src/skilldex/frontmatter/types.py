"""What both frontmatter readers share, without PyYAML: errors, field positions, limits, YAML's implicit types.

`plain` (the common `key: text` shape) and `full` (the YAML parser) both use these, so reading plain
frontmatter never imports PyYAML.
"""

from __future__ import annotations

import re

from skilldex.plainvalue import FrozenValue

MAX_YAML_ALIASES = 50  # real manifests use a handful of aliases at most
MAX_YAML_NODES = 20_000  # alias bombs stay small as YAML and explode once expanded: cap the expansion
MAX_YAML_CHARS = 64 * 1024
MAX_FLOW_DEPTH = 100  # real YAML nests a handful of levels; PyYAML slows down with depth, then recurses out


class FrontmatterError(Exception):
    """Frontmatter that cannot be read; `kind` names the rule, `line` is 1-based in the file."""

    def __init__(self, kind: str, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.line = line
        self.column = column


class Field(FrozenValue):
    """Where a top-level frontmatter key and its value sit (1-based), and how the value was written."""

    _fields = ("line", "column", "value_line", "value_column", "node", "raw", "flow")
    line: int
    column: int
    value_line: int
    value_column: int
    node: str  # scalar | sequence | mapping
    raw: str | None  # a scalar's text before typing (`123`, `true`), as strict YAML loaders see it
    flow: bool  # written inline as [a, b] or {a: b}

    def __init__(
        self, line: int, column: int, value_line: int, value_column: int, node: str, raw: str | None, flow: bool
    ):
        for name, value in zip(self._fields, (line, column, value_line, value_column, node, raw, flow), strict=True):
            object.__setattr__(self, name, value)


class _Lazy:
    """A regex compiled on its first match: a one-skill run meets two or three of YAML's seven types."""

    __slots__ = ("pattern", "flags", "_compiled")
    _compiled: re.Pattern[str] | None

    def __init__(self, pattern: str, flags: int):
        self.pattern, self.flags, self._compiled = pattern, flags, None

    def match(self, text: str) -> re.Match[str] | None:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled.match(text)


def _implicit() -> dict[str, list[tuple[str, _Lazy]]]:
    """PyYAML's SafeLoader implicit resolvers, copied, without timestamps (dates stay text): the plain reader
    declines any value these would type. tests/test_frontmatter_plain.py holds the copy equal to PyYAML's own table."""
    table: dict[str, list[tuple[str, _Lazy]]] = {}
    resolvers = [
        (
            "bool",
            r"""^(?:yes|Yes|YES|no|No|NO
                    |true|True|TRUE|false|False|FALSE
                    |on|On|ON|off|Off|OFF)$""",
            re.X,
            list("yYnNtTfFoO"),
        ),
        (
            "float",
            r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
                    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
                    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
                    |[-+]?\.(?:inf|Inf|INF)
                    |\.(?:nan|NaN|NAN))$""",
            re.X,
            list("-+0123456789."),
        ),
        (
            "int",
            r"""^(?:[-+]?0b[0-1_]+
                    |[-+]?0[0-7_]+
                    |[-+]?(?:0|[1-9][0-9_]*)
                    |[-+]?0x[0-9a-fA-F_]+
                    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$""",
            re.X,
            list("-+0123456789"),
        ),
        ("merge", r"^(?:<<)$", 0, ["<"]),
        (
            "null",
            r"""^(?: ~
                    |null|Null|NULL
                    | )$""",
            re.X,
            ["~", "n", "N", ""],
        ),
        ("value", r"^(?:=)$", 0, ["="]),
        ("yaml", r"^(?:!|&|\*)$", 0, list("!&*")),
    ]
    for name, pattern, flags, firsts in resolvers:
        lazy = _Lazy(pattern, flags)
        for first in firsts:
            table.setdefault(first, []).append((f"tag:yaml.org,2002:{name}", lazy))
    return table


IMPLICIT_RESOLVERS = _implicit()


def too_deep(text: str) -> bool:
    """Flow collections nested deeper than MAX_FLOW_DEPTH (counted only when there are that many brackets)."""
    if text.count("[") + text.count("{") <= MAX_FLOW_DEPTH:
        return False
    depth = 0
    for char in re.findall(r"[\[\]{}]", text):
        depth = depth + 1 if char in "[{" else max(depth - 1, 0)
        if depth > MAX_FLOW_DEPTH:
            return True
    return False
