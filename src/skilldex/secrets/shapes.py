"""Secrets known by their shape: prefixed tokens, keys in connection strings and headers, passwords on command lines.

The prefixed formats follow gitleaks' rule set (config/gitleaks.toml) for the services agents' repos name most;
each pattern's value is bounded and anchored by a literal, so a pass over any text stays linear.
"""

from __future__ import annotations

import re

# kind, literal anchors (one must be in the text, case-sensitive), pattern, group holding the value
PATTERNS: tuple[tuple[str, tuple[str, ...], str, int], ...] = (
    (
        "private key",
        ("PRIVATE KEY",),
        r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*-----|\Z)",
        0,
    ),
    ("AWS access key id", ("AKIA", "ASIA", "ABIA", "ACCA"), r"\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b", 0),
    (
        "GitHub token",
        ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
        r"\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b",
        0,
    ),
    ("GitLab token", ("glpat-",), r"\bglpat-[A-Za-z0-9_-]{20,}\b", 0),
    ("Slack token", ("xox",), r"\bxox[abprse]-[A-Za-z0-9-]{10,}\b", 0),
    ("Stripe key", ("_live_", "_test_"), r"\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}\b", 0),
    ("API key (sk-)", ("sk-",), r"\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}\b", 0),
    ("Google API key", ("AIza",), r"\bAIza[0-9A-Za-z_-]{35}\b", 0),
    ("npm token", ("npm_",), r"\bnpm_[A-Za-z0-9]{36}\b", 0),
    # starts only where a run of token characters starts: "eyJ-eyJ-..." is tried once, not at every eyJ
    ("JSON web token", ("eyJ",), r"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}", 0),
    ("SendGrid key", ("SG.",), r"\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b", 0),
    ("PyPI token", ("pypi-",), r"\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}", 0),
    ("HashiCorp Vault token", ("hvs.", "hvb."), r"\bhv[sb]\.[A-Za-z0-9_-]{24,}", 0),
    ("DigitalOcean token", ("_v1_",), r"\bdo[por]_v1_[a-f0-9]{64}\b", 0),
    ("Shopify token", ("shp",), r"\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b", 0),
    ("Hugging Face token", ("hf_",), r"\bhf_[A-Za-z]{34}\b", 0),
    ("Databricks token", ("dapi",), r"\bdapi[a-f0-9]{32}(?:-\d)?\b", 0),
    (
        "password in a connection string",
        ("://",),
        # user may be empty (redis://:pw@host); the password may hold / ' < and run long
        r"\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}://([^\s:/@'\"<>`]{0,64}):([^\s@\"`]{1,512})@",
        2,
    ),
    (
        "AWS secret access key",
        ("ecret", "ECRET"),
        r"(?i)aws_?secret_?access_?key[\"']?\s*[:=]\s*[\"']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])",
        1,
    ),
    (
        "Azure storage key",
        ("AccountKey=", "SharedAccessKey="),
        r"\b(?:AccountKey|SharedAccessKey)=([A-Za-z0-9+/]{20,}={0,2})",
        1,
    ),
    ("Azure SAS signature", ("sig=",), r"(?<![\w-])sig=([A-Za-z0-9%+/]{20,}(?:%3[Dd]|=){0,2})", 1),
    (
        "authorization header",
        ("uthorization", "UTHORIZATION"),
        r"(?i)\bauthorization[\"']?[ \t]*[:=][ \t]*[\"']?(?:bearer|basic|token|bot|digest|apikey)[ \t]+"
        r"([^\s\"'`\\<>$]{8,})",
        1,
    ),
    (
        "password on a command line",
        ("mysql", "mariadb"),  # mysql -pSECRET: the password is glued to -p
        r"\b(?:mysql|mysqldump|mysqladmin|mariadb|mariadb-dump)\b[^\n]{0,300}?[ \t]-p([^\s\"'`$-][^\s\"'`]*)",
        1,
    ),
    (
        "password on a command line",
        ("login", "sshpass"),
        r"(?:\b(?:docker|podman|buildah|helm registry|oras)[ \t]+login\b[^\n]{0,300}?[ \t](?:-p|--password)(?:[ \t]+|=)"
        r"|\bsshpass[ \t]+-p[ \t]*)[\"']?([^\s\"'`$-][^\s\"'`]*)",
        1,
    ),
)
_COMPILED: dict[int, re.Pattern] = {}  # compiled on first use: most texts hold no anchor, and compiling all cost ms


def compiled(index: int) -> re.Pattern:
    """PATTERNS[index]'s pattern, compiled once."""
    found = _COMPILED.get(index)
    if found is None:
        found = _COMPILED[index] = re.compile(PATTERNS[index][2])
    return found


# A pattern that opens with a scheme-like run tries a match at every letter of the text. Its matches hold a
# literal (the pivot) a bounded distance from their start, so only the places just before each pivot are tried,
# unless pivots are so dense (more than one per PIVOT_SPACING characters) that one pass over the text is cheaper.
PIVOTS = {"password in a connection string": ("://", 21)}
PIVOT_SPACING = 100


def around(pattern: re.Pattern, text: str, pivot: str, reach: int):
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


def matches(text: str):
    """(kind, match, group) for every shape in `text`, pattern by pattern."""
    for index, (kind, anchors, _, group) in enumerate(PATTERNS):
        if not any(anchor in text for anchor in anchors):  # far cheaper than a regex pass over the whole text
            continue
        pattern = compiled(index)
        pivot = PIVOTS.get(kind)
        if pivot and text.count(pivot[0]) * PIVOT_SPACING < len(text):
            found = around(pattern, text, *pivot)
        else:
            found = pattern.finditer(text)
        for match in found:
            yield kind, match, group
