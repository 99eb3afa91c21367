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

# kind, pattern, group holding the value (0 = the whole match)
_PATTERNS: tuple[tuple[str, str, int], ...] = (
    ("private key", r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*-----|\Z)", 0),
    ("AWS access key id", r"\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b", 0),
    ("GitHub token", r"\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b", 0),
    ("GitLab token", r"\bglpat-[A-Za-z0-9_-]{20,}\b", 0),
    ("Slack token", r"\bxox[abprse]-[A-Za-z0-9-]{10,}\b", 0),
    ("Stripe key", r"\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}\b", 0),
    ("API key (sk-)", r"\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}\b", 0),
    ("Google API key", r"\bAIza[0-9A-Za-z_-]{35}\b", 0),
    ("npm token", r"\bnpm_[A-Za-z0-9]{36}\b", 0),
    ("JSON web token", r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}", 0),
    (
        "password in a connection string",
        r"\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}://[^\s:/@'\"<>]{1,64}:([^\s@/'\"<>]{1,128})@",
        1,
    ),
    (
        "AWS secret access key",
        r"(?i)aws_?secret_?access_?key[\"']?\s*[:=]\s*[\"']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])",
        1,
    ),
)
_COMPILED = tuple((kind, re.compile(pattern), group) for kind, pattern, group in _PATTERNS)

# `password = "..."`, `secret: ...`, `API_TOKEN=...`: literal values given to secret-looking keys.
_ASSIGNMENT = re.compile(
    r"(?i)(?<![\w-])([\w.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key"
    r"|client[_-]?secret|auth)[\w.-]*)[\"']?\s*(?::|=|=>)\s*([\"']?)([^\s\"'`,;(){}\[\]]{4,200})(?![(\[.\w])\2"
)
# A literal in any assignment, judged on entropy: `KEY = "q8Z2...=="`.
_LITERAL = re.compile(r"(?<![\w-])[\w.-]+[\"']?\s*(?::|=)\s*[\"']([A-Za-z0-9+/=_-]{24,200})[\"']")
_REFERENCE = re.compile(
    r"^(?:\$|%|<|\{\{|\$\{|env\b|os\.|process\.|getenv|secrets?\.|vars\.|arn:|ssm:|vault:|ref\+|!|\*+$|x+$"
    r"|true$|false$|null$|none$|required$|optional$|string$|str$|changeme$|redacted|example|your[_-]|placeholder"
    r"|\.\.\.|<)", re.IGNORECASE,
)
_QUICK = re.compile(
    r"PRIVATE KEY|AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|glpat-|xox[abprse]-|_live_|_test_|sk-|AIza|npm_|eyJ"
    r"|://|(?i:pass|pwd|secret|token|key|auth)|[\"'][A-Za-z0-9+/=_-]{24}"
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
    return len(value) >= 16 and _random_looking(value.strip(".,"), 3.5)


def find(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every likely secret value in `text`, in order, without overlaps."""
    if not text or not _QUICK.search(text):
        return []
    spans: list[tuple[int, int, str]] = []
    for kind, pattern, group in _COMPILED:
        for match in pattern.finditer(text):
            value = match.group(group)
            if group and _REFERENCE.match(value):
                continue
            spans.append((match.start(group), match.end(group), kind))
    for match in _ASSIGNMENT.finditer(text):
        if _assigned_secret(match.group(1), match.group(3)):
            spans.append((match.start(3), match.end(3), f"literal value of '{match.group(1)}'"))
    for match in _LITERAL.finditer(text):
        value = match.group(1)
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
