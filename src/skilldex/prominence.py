"""Which capability an item is mainly about, and how often the repo's other items cite it.

Both are computed when the index is written (not at every session start): the brief groups items by
their main capability and lists first the ones the repo's own skills and docs point to.
"""

from __future__ import annotations

import re

from skilldex import capabilities
from skilldex.oneline import clip

OTHER = "other"
# Capabilities that name what an item works on rather than what it does to it
SUBJECTS = frozenset({"database", "cloud", "infrastructure", "storage"})
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z`])")
_MENTION = re.compile(r"[\w./-]{2,}")


def first_sentence(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    text = _SENTENCE.split(text, 1)[0]
    return clip(text, limit)


def main_capability(name: str, description: str, tags: list[str], check: bool = False) -> str:
    """The tag named in the item's name, else the one its first sentence says first, else its first tag; 'other'
    if none. A `check` (a CI pipeline, run by pushes rather than by anyone) tagged `ci` is CI first, whatever it
    checks: it is where CI is defined, not a way to run the tests."""
    if not tags:
        return OTHER
    if check and "ci" in tags:
        return "ci"
    words = name.replace("-", " ").replace("_", " ")
    named = [c for c in capabilities.infer(words) if c in tags]
    if named:  # what it does before what it works on: `cnpg-backups` is a backup, `k8s-deploy` a deploy
        parts = words.lower().split()
        compound = len(named) > 1 and len(parts) >= 3 and "and" not in parts
        last = [c for c in capabilities.infer(parts[-1]) if c in named] if compound else []
        # a compound of three words or more names what it is last: `docker_test_lint` is a lint (in two, either
        # word may be the head: `release-snapshot`, `migration-tests`)
        if last and last[0] not in SUBJECTS:
            return last[0]
        return min(named, key=lambda c: c in SUBJECTS)
    said = [c for c in capabilities.first_said(first_sentence(description)) if c in tags]
    return said[0] if said else tags[0]


def citations(items: list[tuple[str, str, str, str]]) -> list[int]:
    """For (kind, name, path, description) items: how many descriptions name each one (path, file, /name)."""
    counts: dict[str, int] = {}
    for _, _, _, description in items:
        for token in set(_MENTION.findall(description)):
            token = token.strip(".,;:`'\"()").lstrip("/")
            counts[token] = counts.get(token, 0) + 1
    cited = []
    for kind, name, path, _ in items:
        base = path.rsplit("/", 1)[-1]
        stem = base.rsplit(".", 1)[0]
        # a script's stem counts when no everyday word says it: `db-reset`, not the `run` of run.sh
        keys = {path, base, name, *([stem] if re.search(r"[-_]", stem) else [])} if kind == "tool" else {name}
        cited.append(sum(counts.get(k, 0) for k in keys if k))
    return cited
