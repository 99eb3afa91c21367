"""Likely secret values in text: found (kind and place, never the value) and redacted wherever they appear.

skilldex prints what it reads into agents' context, so every output passes through `redact()`, and
the scanner reports each secret as a finding. Names of secrets (`credmate/prod/db-credentials`,
`DB_PASSWORD`) are not secrets; values are. A value is found by its shape (`shapes`: prefixed tokens,
connection strings, headers, command lines), as the literal given to a secret-looking key (`assigned`),
or as a high-entropy literal in an assignment. Once found, a value is redacted by value: every other place
it appears (`DB_PASSWORD defaults to <value>`, a metadata mapping) is redacted too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from skilldex.lazyre import Lazy  # compiled on first use: most texts never reach these
from skilldex.secrets.assigned import assigned_secret, assignments, placeholder, random_looking
from skilldex.secrets.shapes import matches

__all__ = ["MARK", "assigned_secret", "find", "lines_of", "redact", "redact_data", "redact_finding", "values"]

MARK = "[redacted]"
MIN_SHARED = 6  # shorter values are redacted where found, not searched for everywhere (`pw` is in many words)

# A literal in any assignment, judged on entropy: `KEY = "q8Z2...=="`.
_QUOTED_RUN = Lazy(r"[\"']([A-Za-z0-9+/=_-]{24,200})[\"']")
_ASSIGNED_BEFORE = Lazy(r"([\w.-]+)[\"']?\s*(?::|=)\s*$")
# The key a random-looking literal is given to must name a secret (as gitleaks' generic rule asks): an id, a
# cursor, a content hash or a public key id is random-looking too.
_SECRET_KEY_WORD = Lazy(
    r"key|secret|token|pass|pwd|auth|credential|signature|salt|cert|private|api|session", re.IGNORECASE
)


def _by_shape(text: str) -> list[tuple[int, int, str]]:
    spans = []
    for kind, match, group in matches(text):
        value = match.group(group)
        if group and (placeholder(value) or any(mark in value for mark in ("${", "#{", "{{", "$("))):
            continue  # a reference, or a value put together at run time
        if kind == "password in a connection string" and (
            value == match.group(1) or re.match(r"\d+(?:/|$)", value)  # postgres:postgres@, or host:8080/path@
        ):
            continue
        spans.append((match.start(group), match.end(group), kind))
    return spans


def _high_entropy(text: str) -> list[tuple[int, int, str]]:
    spans = []
    for match in _QUOTED_RUN.finditer(text) if ('"' in text or "'" in text) else ():
        value = match.group(1)
        assigned = _ASSIGNED_BEFORE.search(text, max(0, match.start() - 80), match.start())
        if not assigned or not _SECRET_KEY_WORD.search(assigned.group(1)):
            continue
        if re.fullmatch(r"[0-9a-f]+", value) or sum(value.count(c) for c in "-_") >= 2:
            continue  # a hash, or an identifier such as gke_project-prod_us-central1_cluster
        if random_looking(value, 4.0):
            spans.append((match.start(1), match.end(1), "high-entropy literal"))
    return spans


def _merged(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    spans.sort()
    merged: list[tuple[int, int, str]] = []
    for start, end, kind in spans:
        if merged and start < merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end, merged[-1][2])
            continue
        merged.append((start, end, kind))
    return merged


def find(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every likely secret value in `text`, in order, without overlaps."""
    if not text:
        return []
    return _merged([*_by_shape(text), *assignments(text), *_high_entropy(text)])


def lines_of(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, str]]:
    """(1-based line, kind) of each span `find` gave, in order: lines are counted once over the text, not from its
    start for each span."""
    found, line, counted = [], 1, 0
    for start, _, kind in spans:
        line, counted = line + text.count("\n", counted, start), start
        found.append((line, kind))
    return found


def values(text: str, spans: list[tuple[int, int, str]] | None = None) -> frozenset[str]:
    """The secret values `find` sees in `text` (or at `spans`, found before), each line of a multi-line one apart,
    as they are searched for elsewhere."""
    found = set()
    for start, end, _ in find(text) if spans is None else spans:
        for line in text[start:end].splitlines():
            line = line.strip()
            if len(line) >= MIN_SHARED and not line.isalpha():  # a word (postgres) is redacted only where found
                found.add(line)
    return frozenset(found)


@lru_cache(maxsize=256)
def _pattern(known: frozenset[str]) -> re.Pattern | None:
    words = sorted((v for v in known if len(v) >= MIN_SHARED), key=lambda v: (-len(v), v))
    if not words:
        return None
    # a value found as a whole word: `hunter2x` is not redacted out of `hunter2xyz`
    return re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(map(re.escape, words)) + r")(?![A-Za-z0-9])")


def redact(text: str, known: frozenset[str] = frozenset()) -> str:
    """`text` with every likely secret value, and every place the values in `known` or found in `text` appear,
    replaced by [redacted]."""
    if not text:
        return text
    spans = find(text)
    if spans:
        known = known | values(text, spans)
    pattern = _pattern(known) if known else None
    if pattern is not None:
        spans = _merged([*spans, *((m.start(), m.end(), "") for m in pattern.finditer(text))])
    if not spans:
        return text
    parts, last = [], 0
    for start, end, _ in spans:
        parts.append(text[last:start])
        parts.append(MARK)
        last = end
    parts.append(text[last:])
    return "".join(parts)


def redact_finding(finding, known: frozenset[str] = frozenset()):
    """A finding whose message and fix quote no secret value, nor one in `known` (the same finding when none)."""
    message, fix = redact(finding.message, known), redact(finding.fix, known)
    if (message, fix) == (finding.message, finding.fix):
        return finding
    return finding.model_copy(update={"message": message, "fix": fix})


def redact_data(value, known: frozenset[str] = frozenset(), keep: frozenset[str] = frozenset()):
    """A copy of JSON-like data with every string redacted, except the values of mapping keys in `keep` in the
    top mapping and in mappings listed in it (an item's name, path, its references' paths: never rewritten)."""
    if isinstance(value, str):
        return redact(value, known)
    if isinstance(value, dict):
        return {
            k: v if k in keep else redact_data(v, known, keep if isinstance(v, list) else frozenset())
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [redact_data(v, known, keep if isinstance(v, dict) else frozenset()) for v in value]
    return value
