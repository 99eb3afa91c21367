"""The leading `#` comment block of a script: its summary, `##` usage lines, shdoc tags and options."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from skilldex.models import Flag
from skilldex.scan.describe.text import (
    OPTION_LINE,
    USAGE_LINE,
    options_from_text,
    prose_description,
    usage_block,
)

MAX_HEADER_LINES = 400

_COMMENT = re.compile(r"^(#+)(/?)(.*)$")
_DIRECTIVE = re.compile(
    r"^\s*(?:shellcheck\b|-\*-.*-\*-|vim?:|(?:en)?coding[:=]|frozen_string_literal:|warn_indent:"
    r"|type:\s*ignore|noqa\b|pylint:|mypy:|flake8:|fmt:|ruff:|pyright:|isort:|\$Id\b|@\(#\)"
    r"|EASY-INSTALL-)",
    re.IGNORECASE,
)
# One start per run of spaces or of decoration characters: a long run is not retried from each of its characters.
_DECORATION = re.compile(r"^[=\-*#~_+]{3,}\s*|(?<!\s)\s*(?<![=\-*#~_+])[=\-*#~_+]{3,}\s*$")
_PEP723_START = re.compile(r"^#\s*///\s*[\w-]+\s*$")
_PEP723_END = re.compile(r"^#\s*///\s*$")
_SHDOC_TAG = re.compile(
    r"^@(file|name|brief|description|example|option|arg|noargs|set|exitcode|stdin|stdout|stderr|see"
    r"|author|license|version|internal|warning|label)\b\s*(.*)$"
)


@dataclass
class Header:
    description: str = ""
    source: str | None = None  # "shdoc" or "header-comment"
    usage: str | None = None  # the `##`/`#/` lines (printed by the script itself) or a Usage: block
    flags: list[Flag] = field(default_factory=list)


def _content(rest: str) -> str:
    return rest[1:] if rest.startswith(" ") else rest


def read_header(lines: list[str], names: list[str]) -> Header:
    """Read the first comment block (after a shebang), stopping at the first non-comment line.

    When that block is only a license notice, the comment block right after it (blank lines
    between, nothing else) is the description: Kubernetes- and Google-style scripts put it there.
    """
    start = 1 if lines and lines[0].startswith("#!") else 0
    header, end = _read_block(lines, _skip_blank(lines, start), names)
    if header.description:
        return header
    following = _skip_blank(lines, end)
    if following > end and following < len(lines) and lines[following].lstrip().startswith("#"):
        after, _ = _read_block(lines, following, names)
        if after.description:
            header.description, header.source = after.description, after.source
            header.usage = header.usage or after.usage
            header.flags = header.flags or after.flags
    return header


def _skip_blank(lines: list[str], index: int) -> int:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index


def _read_block(lines: list[str], start: int, names: list[str]) -> tuple[Header, int]:
    """Read one comment block from `start`; return it and the index of the first line after it."""
    end = start
    plain: list[str] = []
    data: list[str] = []  # comments-as-data: lines the script prints with `sed -n 's/^## //p' "$0"`
    tags: dict[str, list[str]] = {}
    tag: str | None = None
    in_pep723 = False
    for raw in lines[start : start + MAX_HEADER_LINES]:
        line = raw.strip()
        if not line.startswith("#"):
            break
        end += 1
        if in_pep723 or _PEP723_START.match(line):
            in_pep723 = not _PEP723_END.match(line)
            continue
        if line.startswith("#!"):
            continue  # a second interpreter line (nix-shell and friends)
        match = _COMMENT.match(line)
        assert match is not None  # the line starts with "#", which the pattern always matches
        hashes, slash, content = len(match.group(1)), match.group(2), _content(match.group(3))
        has_text = re.search(r"[^\W_]", content) is not None
        if hashes == 2 or slash:
            data.append(_DECORATION.sub("", content) if has_text else "")
            continue
        if not has_text:  # blank or decorative (`#####`, `# ---`): a paragraph break
            plain.append("")
            if tag:
                tags[tag].append("")
            continue
        content = _DECORATION.sub("", content)
        if _DIRECTIVE.match(content):
            continue
        tag_match = _SHDOC_TAG.match(content.strip())
        if tag_match:
            tag = tag_match.group(1)
            tags.setdefault(tag, []).append(tag_match.group(2))
            continue
        if tag:
            tags[tag].append(content)
            continue
        plain.append(content)
    return _summarise(plain, data, tags, names), end


def _summarise(plain: list[str], data: list[str], tags: dict[str, list[str]], names: list[str]) -> Header:
    header = Header()
    for tag in ("description", "brief"):
        if tags.get(tag):
            header.description = prose_description(tags[tag], names)
            if header.description:
                header.source = "shdoc"
                break
    for lines in (plain, data):
        if not header.description:
            header.description = prose_description(lines, names)
            header.source = "header-comment" if header.description else None
    printed = "\n".join(data).strip("\n")
    if not any(USAGE_LINE.match(line) or OPTION_LINE.match(line) for line in data):
        printed = ""  # `##` used as a plain comment style, not help text
    header.usage = printed or usage_block(plain) or usage_block(tags.get("description", []))
    header.flags = options_from_text("\n".join([*plain, *data, *tags.get("option", [])]))
    return header
