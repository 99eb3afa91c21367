"""The open spec's frontmatter checks (SKD2xx), read the way a strict YAML loader reads them.

Scalars are judged by their text before YAML typing (`name: 123` is the name "123"), as skills-ref's
strictyaml does; lists and mappings are judged as such.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from skilldex.finding import Finding
from skilldex.rules import spec as rules
from skilldex.validate.manifest import Manifest

TYPE_CHECKING = False  # typing is for annotations only: validate's path never imports it
if TYPE_CHECKING:
    from typing import Any

MAX_NAME = 64
MAX_DESCRIPTION = 1024
MAX_COMPATIBILITY = 500


def strict_value(m: Manifest, key: str) -> Any:
    """A top-level value as strict YAML sees it: a scalar's source text, else the loaded list/mapping."""
    info = m.doc.fields.get(key)
    if info is not None and info.node == "scalar":
        return info.raw
    return m.frontmatter.get(key)


def quote(value: Any, limit: int = 60) -> str:
    text = value if isinstance(value, str) else repr(value)
    text = text.replace("\n", "\\n")
    return f"'{text[:limit]}…'" if len(text) > limit else f"'{text}'"


def check(m: Manifest) -> Iterator[Finding]:
    if not m.parsed or m.kind != "skill":
        return
    if not m.doc.has_frontmatter:
        return  # SKD010 already says there is no frontmatter: every field would be "missing"
    yield from _fields(m)
    yield from _name(m)
    yield from _description(m)
    yield from _compatibility(m)
    yield from _shapes(m)


def _fields(m: Manifest) -> Iterator[Finding]:
    extra = [key for key in m.frontmatter if key not in rules.SPEC_FIELDS]
    if extra:
        line, col = m.where(extra[0])
        listed = ", ".join(f"'{k}'" for k in extra)
        yield rules.NON_SPEC_FIELD.finding(
            m.rel,
            f"{listed} {'is' if len(extra) == 1 else 'are'} not among the spec's fields "
            f"({', '.join(rules.SPEC_FIELDS)})",
            line,
            col,
        )


def _name(m: Manifest) -> Iterator[Finding]:
    if "name" not in m.frontmatter:
        yield rules.NAME_MISSING.finding(m.rel, "frontmatter has no 'name'", 1, 1)
        return
    raw = strict_value(m, "name")
    line, col = m.where("name", value=True)
    if not isinstance(raw, str) or not raw.strip():
        yield rules.NAME_NOT_STRING.finding(m.rel, f"'name' must be a non-empty string, got {quote(raw)}", line, col)
        return
    name = unicodedata.normalize("NFKC", raw.strip())
    at = (m.rel, line, col)
    if len(name) > MAX_NAME:
        yield rules.NAME_TOO_LONG.finding(*_at(at, f"name {quote(name)} is {len(name)} characters (limit {MAX_NAME})"))
    if name != name.lower():
        yield rules.NAME_NOT_LOWERCASE.finding(*_at(at, f"name {quote(name)} must be lowercase"))
    if name.startswith("-") or name.endswith("-"):
        yield rules.NAME_HYPHEN_EDGE.finding(*_at(at, f"name {quote(name)} starts or ends with a hyphen"))
    if "--" in name:
        yield rules.NAME_DOUBLE_HYPHEN.finding(*_at(at, f"name {quote(name)} contains '--'"))
    bad = sorted({c for c in name if not (c.isalnum() or c == "-")})
    if bad:
        shown = " ".join(repr(c) for c in bad)
        yield rules.NAME_BAD_CHARS.finding(
            *_at(at, f"name {quote(name)} contains {shown}; only letters, digits and hyphens are allowed")
        )
    elif not name.isascii():
        yield rules.NAME_NOT_ASCII.finding(*_at(at, f"name {quote(name)} has letters outside a-z"))
    folder = unicodedata.normalize("NFKC", m.dir_name)
    if folder != name:
        # a name that breaks the naming rules is no folder name to move to: then only `name:` should change
        valid = name == name.lower() and not bad and name.isascii() and name.strip("-") == name and "--" not in name
        yield rules.NAME_FOLDER_MISMATCH.finding(
            *_at(at, f"name {quote(name)} does not match its folder {quote(m.dir_name)}"),
            fix=f"Rename the folder to '{name}' or set `name: {m.dir_name}`."
            if valid
            else f"Set `name: {m.dir_name}` (the folder's name).",
        )


def _at(at: tuple[str, int, int], message: str) -> tuple[str, str, int, int]:
    path, line, col = at
    return path, message, line, col


def _description(m: Manifest) -> Iterator[Finding]:
    if "description" not in m.frontmatter:
        yield rules.DESCRIPTION_MISSING.finding(m.rel, "frontmatter has no 'description'", 1, 1)
        return
    raw = strict_value(m, "description")
    line, col = m.where("description", value=True)
    if not isinstance(raw, str) or not raw.strip():
        yield rules.DESCRIPTION_NOT_STRING.finding(
            m.rel, f"'description' must be a non-empty string, got {quote(raw)}", line, col
        )
    elif len(raw) > MAX_DESCRIPTION:
        yield rules.DESCRIPTION_TOO_LONG.finding(
            m.rel, f"description is {len(raw):,} characters (limit {MAX_DESCRIPTION:,}): {quote(raw, 40)}", line, col
        )


def _compatibility(m: Manifest) -> Iterator[Finding]:
    if "compatibility" not in m.frontmatter:
        return
    raw = strict_value(m, "compatibility")
    line, col = m.where("compatibility", value=True)
    if not isinstance(raw, str):
        yield rules.COMPATIBILITY_NOT_STRING.finding(
            m.rel, f"'compatibility' must be a string, got {quote(raw)}", line, col
        )
    elif len(raw) > MAX_COMPATIBILITY:
        yield rules.COMPATIBILITY_TOO_LONG.finding(
            m.rel, f"compatibility is {len(raw)} characters (limit {MAX_COMPATIBILITY})", line, col
        )


def _shapes(m: Manifest) -> Iterator[Finding]:
    metadata = m.doc.fields.get("metadata")
    if metadata is not None:
        line, col = m.where("metadata", value=True)
        value = m.frontmatter.get("metadata")
        if not isinstance(value, dict):
            yield rules.METADATA_NOT_STRINGS.finding(m.rel, f"'metadata' is {quote(value)}, not a mapping", line, col)
        else:
            nested = [k for k, v in value.items() if isinstance(v, (dict, list))]
            if nested:
                yield rules.METADATA_NOT_STRINGS.finding(
                    m.rel,
                    f"metadata value{'s' if len(nested) > 1 else ''} for {', '.join(map(repr, nested))} "
                    f"{'are' if len(nested) > 1 else 'is'} not text",
                    line,
                    col,
                )
    tools = m.doc.fields.get("allowed-tools")
    if tools is not None and tools.node != "scalar":
        line, col = m.where("allowed-tools", value=True)
        yield rules.ALLOWED_TOOLS_NOT_STRING.finding(
            m.rel,
            f"'allowed-tools' is a YAML {tools.node}{' written inline' if tools.flow else ''}, "
            "not a space-separated string",
            line,
            col,
        )
