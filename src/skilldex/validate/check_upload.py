"""The claude.ai upload and Skills API rules beyond the spec (SKD4xx)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from skilldex.finding import Finding
from skilldex.rules import upload as rules
from skilldex.validate.check_spec import quote, strict_value
from skilldex.validate.manifest import Manifest

RESERVED_WORDS = ("anthropic", "claude")
MAX_UPLOAD_BYTES = 30 * 1024 * 1024
_XML_TAG = re.compile(r"<\s*/?\s*[A-Za-z_][\w:.-]*(\s[^<>]*)?/?\s*>")


def check(m: Manifest) -> Iterator[Finding]:
    if m.kind != "skill" or not m.parsed:
        return
    name = strict_value(m, "name")
    if isinstance(name, str):
        line, col = m.where("name", value=True)
        for word in RESERVED_WORDS:
            if word in name.lower():
                yield rules.RESERVED_WORD.finding(
                    m.rel, f"name {quote(name)} contains the reserved word '{word}'", line, col
                )
        if _XML_TAG.search(name):
            yield rules.XML_TAG.finding(m.rel, f"name {quote(name)} contains an XML tag", line, col)
    description = strict_value(m, "description")
    if isinstance(description, str):
        line, col = m.where("description", value=True)
        tag = _XML_TAG.search(description)
        if tag:
            yield rules.XML_TAG.finding(m.rel, f"description contains the XML tag '{tag.group(0)}'", line, col)
        elif "<" in description or ">" in description:
            yield rules.ANGLE_BRACKET.finding(
                m.rel, f"description contains '<' or '>': {quote(description, 50)}", line, col
            )
    yield from _size(m)


def _size(m: Manifest) -> Iterator[Finding]:
    total = m.fs.folder_bytes(m.folder or "")
    if total > MAX_UPLOAD_BYTES:
        yield rules.UPLOAD_TOO_LARGE.finding(
            m.rel, f"the skill folder holds {total / 1024 / 1024:.1f} MB (upload limit 30 MB)", 1, 1
        )
