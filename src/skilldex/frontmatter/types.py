"""What both frontmatter readers share: the error, where a field sits, and the size and depth limits."""

from __future__ import annotations

import re
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Field:
    """Where a top-level frontmatter key and its value sit (1-based), and how the value was written."""

    line: int
    column: int
    value_line: int
    value_column: int
    node: str  # scalar | sequence | mapping
    raw: str | None  # a scalar's text before typing (`123`, `true`), as strict YAML loaders see it
    flow: bool  # written inline as [a, b] or {a: b}



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
