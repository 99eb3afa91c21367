"""Likely secret values in text: found (kind and place, never the value) and redacted.

skilldex prints what it reads into agents' context, so every output passes through `redact()`, and
the scanner reports each secret as a finding. Names of secrets (`credmate/prod/db-credentials`,
`DB_PASSWORD`) are not secrets; values are. The patterns are the well-known, prefixed formats plus
literal values assigned to password/secret/token keys and high-entropy literals in assignments.
"""

from __future__ import annotations

import math
import re

MARK = "[redacted]"

# kind, literal anchors (one must be in the text, case-sensitive), pattern, group holding the value
_PATTERNS: tuple[tuple[str, tuple[str, ...], str, int], ...] = (
    ("private key", ("PRIVATE KEY",),
     r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*-----|\Z)", 0),
    ("AWS access key id", ("AKIA", "ASIA", "ABIA", "ACCA"), r"\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b", 0),
    ("GitHub token", ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
     r"\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b", 0),
    ("GitLab token", ("glpat-",), r"\bglpat-[A-Za-z0-9_-]{20,}\b", 0),
    ("Slack token", ("xox",), r"\bxox[abprse]-[A-Za-z0-9-]{10,}\b", 0),
    ("Stripe key", ("_live_", "_test_"), r"\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}\b", 0),
    ("API key (sk-)", ("sk-",), r"\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}\b", 0),
    ("Google API key", ("AIza",), r"\bAIza[0-9A-Za-z_-]{35}\b", 0),
    ("npm token", ("npm_",), r"\bnpm_[A-Za-z0-9]{36}\b", 0),
    ("JSON web token", ("eyJ",), r"(?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}", 0),
    (
        "password in a connection string", ("://",),
        r"\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}://[^\s:/@'\"<>]{1,64}:([^\s@/'\"<>]{1,128})@",
        1,
    ),
    (
        "AWS secret access key", ("ecret", "ECRET"),
        r"(?i)aws_?secret_?access_?key[\"']?\s*[:=]\s*[\"']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])",
        1,
    ),
)
_COMPILED = tuple((kind, anchors, re.compile(pattern), group) for kind, anchors, pattern, group in _PATTERNS)
# A pattern that opens with a scheme-like run tries a match at every letter of the text. Its matches hold a
# literal (the pivot) a bounded distance from their start, so only the places just before each pivot are tried,
# unless pivots are so dense (more than one per PIVOT_SPACING characters) that one pass over the text is cheaper.
_PIVOTS = {"password in a connection string": ("://", 21)}
PIVOT_SPACING = 100


# `password = "..."`, `secret: ...`, `API_TOKEN=...`: literal values given to secret-looking keys. The
# keyword is found first (plain alternation on the lowercased text), then the key around it and the value
# after it are read in place: linear in the text, where one regex with `[\w.-]*` on both sides is not.
# (password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|auth, factored by first letter:
# no two alternatives match at one place, so it finds the same words, about twice as fast.)
_KEYWORD = re.compile(r"p(?:assword|asswd|wd|rivate[_-]?key)|secret|token|a(?:pi[_-]?key|ccess[_-]?key|uth)")
# The value on the key's own line: `signing.password=` with nothing after it assigns nothing, whatever follows.
_VALUE = re.compile(r"[\"']?[ \t]*(?::|=|=>)[ \t]*([\"']?)([^\s\"'`,;(){}\[\]]{4,200})(?![(\[.\w])\1")
_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
# A literal in any assignment, judged on entropy: `KEY = "q8Z2...=="`.
_QUOTED_RUN = re.compile(r"[\"']([A-Za-z0-9+/=_-]{24,200})[\"']")
_ASSIGNED_BEFORE = re.compile(r"[\w.-][\"']?\s*(?::|=)\s*$")
_REFERENCE = re.compile(
    r"^(?:\$|%|<|\{\{|\$\{|env\b|os\.|process\.|getenv|secrets?\.|vars\.|arn:|ssm:|vault:|ref\+|!|\*+$|x+$"
    r"|true$|false$|null$|none$|required$|optional$|string$|str$|changeme$|redacted|example|your[_-]|placeholder"
    r"|\.\.\.|<)", re.IGNORECASE,
)
def _entropy(value: str) -> float:
    counts: dict[str, int] = {}
    for char in value:
        counts[char] = counts.get(char, 0) + 1
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())


def _random_looking(value: str, minimum: float) -> bool:
    kinds = sum((any(c.islower() for c in value), any(c.isupper() for c in value), any(c.isdigit() for c in value)))
    return kinds >= 2 and _entropy(value) >= minimum


def _assigned_secret(key: str, value: str) -> bool:
    if _REFERENCE.match(value) or value.lower() == key.lower():
        return False
    lowered = key.lower()
    if any(word in lowered for word in ("password", "passwd", "pwd")):
        if re.fullmatch(r"[\w.-]*_?(?:file|path|env|var|name|field|column|policy|length|hash|id|arn)", lowered):
            return False  # `password_file: /run/secrets/db` names where the password is
        # a prose word after "Password:" is not a password; a real one mixes in digits, symbols or case
        return len(value) >= 6 and (not value.isalpha() or (not value.islower() and not value.istitle()))
    # secret/token/key: only values that look random, never names or paths (`credmate/prod/db-credentials`)
    if re.fullmatch(r"[a-z0-9._:-]+(?:/[a-z0-9._:-]+)+/?", value.strip("/")):
        return False  # a lowercase path such as credmate/prod/db-credentials names a secret
    if re.search(r"(?:file|path|dir|directory|filename)$", lowered) and re.match(r"[~/.]|\w:\\", value):
        return False  # `signing.secretKeyRingFile=/Users/me/.gnupg/secring.gpg` says where the key is kept
    return len(value) >= 16 and _random_looking(value.strip(".,"), 3.5)


# Literals every _KEYWORD match contains: when none is in the text, the regex pass is skipped.
_KEYWORD_LITERALS = ("pass", "pwd", "private", "secret", "token", "api", "access", "auth")


def _assignments(text: str) -> list[tuple[int, int, str]]:
    found, last_key_end = [], -1
    lowered = text.lower()
    if not any(literal in lowered for literal in _KEYWORD_LITERALS):
        return found
    for match in _KEYWORD.finditer(lowered):
        start, end = match.start(), match.end()
        if end <= last_key_end:
            continue  # the same key again (`api_key_token`)
        while start > 0 and text[start - 1] in _KEY_CHARS:
            start -= 1
        while end < len(text) and text[end] in _KEY_CHARS:
            end += 1
        last_key_end = end
        value = _VALUE.match(text, end)
        if value and _assigned_secret(text[start:end], value.group(2)):
            found.append((value.start(2), value.end(2), f"literal value of '{text[start:end]}'"))
    return found


def _around(pattern: re.Pattern, text: str, pivot: str, reach: int):
    """pattern.finditer(text), for a pattern whose matches hold `pivot` at most `reach` characters after their
    start: the same matches in the same order, trying only the starts within reach before each pivot."""
    end = 0  # where the last match ended: matches do not overlap
    at = text.find(pivot)
    while at != -1:
        for start in range(max(end, at - reach), at + 1):
            match = pattern.match(text, start)
            if match:
                yield match
                end = match.end()
                break
        at = text.find(pivot, max(at + 1, end))


def find(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every likely secret value in `text`, in order, without overlaps."""
    if not text:
        return []
    spans: list[tuple[int, int, str]] = []
    for kind, anchors, pattern, group in _COMPILED:
        for anchor in anchors:  # a substring test is far cheaper than a regex pass over the whole text
            if anchor in text:
                break
        else:
            continue
        pivot = _PIVOTS.get(kind)
        if pivot and text.count(pivot[0]) * PIVOT_SPACING < len(text):
            matches = _around(pattern, text, *pivot)
        else:
            matches = pattern.finditer(text)
        for match in matches:
            value = match.group(group)
            if group and _REFERENCE.match(value):
                continue
            spans.append((match.start(group), match.end(group), kind))
    spans.extend(_assignments(text))
    for match in _QUOTED_RUN.finditer(text) if ('"' in text or "'" in text) else ():
        value = match.group(1)
        if not _ASSIGNED_BEFORE.search(text, max(0, match.start() - 80), match.start()):
            continue
        if re.fullmatch(r"[0-9a-f]+", value) or sum(value.count(c) for c in "-_") >= 2:
            continue  # a hash, or an identifier such as gke_project-prod_us-central1_cluster
        if _random_looking(value, 4.0):
            spans.append((match.start(1), match.end(1), "high-entropy literal"))
    spans.sort()
    merged: list[tuple[int, int, str]] = []
    for start, end, kind in spans:
        if merged and start < merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end, merged[-1][2])
            continue
        merged.append((start, end, kind))
    return merged


def redact(text: str) -> str:
    """`text` with every likely secret value replaced by [redacted]."""
    spans = find(text)
    if not spans:
        return text
    parts, last = [], 0
    for start, end, _ in spans:
        parts.append(text[last:start])
        parts.append(MARK)
        last = end
    parts.append(text[last:])
    return "".join(parts)


def redact_data(value):
    """A copy of JSON-like data with every string redacted."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: redact_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [redact_data(v) for v in value]
    return value
