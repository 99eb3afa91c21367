"""The common frontmatter shape, read without a YAML parser: `key: text` lines and one level below them.

Most SKILL.md frontmatter is a few `key: plain text` lines, sometimes with a `metadata:` map or an
`allowed-tools:` list one level down. Reading those lines directly costs a fraction of any YAML parser.
Everything else returns None and goes to the full reader (`frontmatter.full`), which stays the reference:
block scalars, flow collections, anchors, tags, comments after values, escapes, continuation lines,
duplicate keys, and any value YAML would type (numbers, booleans, null). A differential test holds the
two to the same data, key lines and field positions.
"""

from __future__ import annotations

import re

from skilldex.frontmatter.types import IMPLICIT_RESOLVERS, Field

TYPE_CHECKING = False  # typing is for annotations only: validate's path never imports it
if TYPE_CHECKING:
    from typing import Any

# A key: a plain word that YAML reads as text. Keys YAML would type (`on`, `yes`, `null`) are ruled out below.
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +|$)")
# Characters outside YAML's printable set, tabs, and the ones the full loader treats specially
# (NEL, U+2028/U+2029 and a BOM are hidden from PyYAML there; \r line ends): always the full loader.
# The full loader also maps three private-use characters back to NEL/U+2028/U+2029: those go to it too.
# Checked as code point ranges, not one regex class: compiling a class spanning the whole of Unicode cost
# about 10 ms, more than the plain reader saves on a one-skill run.
_UNSUPPORTED_ASCII = re.compile("[^\n\x20-\x7e]")
_SUPPORTED = (
    (0x0A, 0x0A),
    (0x20, 0x7E),
    (0xA0, 0x2027),
    (0x202A, 0xD7FF),
    (0xE000, 0xFEFE),
    (0xFF00, 0xFFFD),
    (0x10000, 0x10FFFF),
)
_TO_FULL_LOADER = frozenset("\ue085\ue028\ue029")


def _unsupported(text: str) -> bool:
    """Whether `text` holds a character the plain reader leaves to the full loader (see above)."""
    if text.isascii():
        return _UNSUPPORTED_ASCII.search(text) is not None
    return any(ch in _TO_FULL_LOADER or not any(low <= ord(ch) <= high for low, high in _SUPPORTED) for ch in set(text))


# A first character that makes a plain value something else (or that YAML only allows in some places).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")


def _resolvers() -> dict:
    return IMPLICIT_RESOLVERS


def _typed(text: str, resolvers: dict) -> bool:
    """Whether YAML reads this plain scalar as something other than a string (as PyYAML resolves it)."""
    return any(pattern.match(text) for _, pattern in resolvers.get(text[0], ()))


def _scalar(text: str, resolvers: dict) -> str | None:
    """The string a one-line scalar holds, or None when the full loader must read it."""
    text = text.rstrip(" ")
    if not text:
        return None
    first = text[0]
    if first in "\"'":
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != first or first in inner or "\\" in inner:
            return None
        return inner
    if first in _INDICATORS or ": " in text or text[-1] == ":" or " #" in text or _typed(text, resolvers):
        return None
    return text


class _Block:
    """The lines one level below a top-level `key:` that has no value on its own line."""

    __slots__ = ("key", "indent", "line", "column", "items", "kind")

    def __init__(self, key: str):
        self.key, self.indent, self.line, self.column = key, 0, 0, 0
        self.items: list = []
        self.kind = ""


def _nested(block: _Block, line: str, number: int, resolvers: dict) -> bool:
    """Add one indented line to `block`; False when it is not a shape this module reads."""
    body = line.lstrip(" ")
    indent = len(line) - len(body)
    kind = "sequence" if body[:2] == "- " else "mapping"
    if not block.kind:
        block.indent, block.kind, block.line, block.column = indent, kind, number, indent + 1
    elif indent != block.indent or kind != block.kind:
        return False
    if kind == "sequence":
        value = _scalar(body[2:].lstrip(" "), resolvers)
        if value is None:
            return False
        block.items.append(value)
        return True
    match = _KEY.match(body)
    if not match or match.end() == len(body) or _typed(match.group(1), resolvers) or len(match.group(1)) >= 1024:
        return False  # YAML's simple keys stop at 1,024 characters
    value = _scalar(body[match.end() :], resolvers)
    if value is None or any(key == match.group(1) for key, _ in block.items):
        return False
    block.items.append((match.group(1), value))
    return True


def load(text: str, first_line: int, fields: dict | None) -> tuple[Any, dict[str, int], list] | None:
    """(data, top-level key lines, duplicates) like frontmatter.load.load_yaml, or None: use the full loader.

    `fields` is filled (as load_yaml fills it) only when the text was read here.
    """
    if "\t" in text or _unsupported(text):
        return None
    resolvers = _resolvers()
    data: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    found: dict[str, Field] = {}
    block: _Block | None = None

    def close() -> bool:
        if block is None:
            return True
        if not block.items:
            return False  # `key:` with nothing below is null
        value = block.items if block.kind == "sequence" else dict(block.items)
        data[block.key] = value
        found[block.key] = Field(key_lines[block.key], 1, block.line, block.column, block.kind, None, False)
        return True

    for index, line in enumerate(text.split("\n")):
        number = index + first_line
        stripped = line.strip(" ")
        if not stripped or stripped[0] == "#":
            continue
        if line[0] == " ":
            if block is None or not _nested(block, line, number, resolvers):
                return None
            continue
        match = _KEY.match(line)
        if not match or not close():
            return None
        block = None
        key = match.group(1)
        if key in key_lines or _typed(key, resolvers) or len(key) >= 1024:
            return None
        key_lines[key] = number
        if match.end() == len(line):
            block = _Block(key)
            continue
        value = _scalar(line[match.end() :], resolvers)
        if value is None:
            return None
        data[key] = value
        found[key] = Field(number, 1, number, match.end() + 1, "scalar", value, False)
    if not close() or not data:
        return None
    if fields is not None:
        fields.update(found)
    return data, key_lines, []
