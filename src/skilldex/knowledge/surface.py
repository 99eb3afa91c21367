"""Which knowledge objects the startup brief and the prompt hint show: live ones, under the repos they concern.

Reads the index's stored fields only (no pydantic): this runs at every session start and prompt.
"""

from __future__ import annotations

import datetime
import re

from skilldex.capabilities import stem, tokens
from skilldex.oneline import clip, oneline

_DONT_PREFIX = re.compile(r"^(?:don['\u2019]?t|do not|never|avoid)\b[:,]?\s*", re.IGNORECASE)


def quote(text: str, limit: int = 160) -> str:
    """A Do or Don't line to show: without its leading "Don't", capped. (Here, not in skilldex.search,
    so the startup brief does not load the search package.)"""
    text = _DONT_PREFIX.sub("", oneline(text)).strip()
    text = text[:1].upper() + text[1:]
    return clip(text, limit)


GENERIC = frozenset(
    stem(w)
    for w in (
        "run",
        "use",
        "do",
        "make",
        "try",
        "work",
        "go",
        "get",
        "set",
        "see",
        "look",
        "find",
        "start",
        "fix",
        "issue",
        "problem",
        "thing",
        "way",
        "what",
        "how",
        "know",
    )
)  # words that say nothing about which situation it is
MIN_WORDS = 2
MIN_SHARE = 0.6


def objects(index, today: str | None = None) -> list[dict]:
    """A repo index's knowledge objects as stored (title, repos, dont, do, ...), without expired or superseded ones."""
    today = today or datetime.date.today().isoformat()
    stored = [(row, index.data(row)) for row in index.rows if row.kind == "knowledge"]
    replaced = {s.strip().removesuffix(".md") for _, data in stored for s in data.get("supersedes") or []}
    live = []
    for row, data in stored:
        expires = data.get("expires")
        own = row.path.removesuffix(".md")
        if isinstance(expires, str) and expires < today:
            continue
        if {own, own.rsplit("/", 1)[-1], own.split("knowledge/", 1)[-1]} & replaced:
            continue
        live.append({**data, "repo": index.name, "path": row.path})
    return live


def placed(indexes: list) -> dict[str, list[dict]]:
    """{repo name: the objects that concern it}: those whose `repos` name it (or "*"), else those it holds.

    Newest `updated` first.
    """
    names = [index.name for index in indexes]
    found: dict[str, list[dict]] = {name: [] for name in names}
    for index in indexes:
        for obj in objects(index):
            repos = obj.get("repos") or []
            for name in names if "*" in repos else [n for n in repos if n in found] or [index.name]:
                found[name].append(obj)
    for members in found.values():
        members.sort(key=lambda o: o.get("path", ""))
        members.sort(key=lambda o: o.get("updated") or "", reverse=True)
    return found


def applies(prompt_concepts: list, phrases: list[str]) -> tuple[float, str] | None:
    """(strength, phrase): the applies-when phrase the prompt is about, most of its telling words said by the prompt.

    Strength is the share of the phrase's words the prompt says times how many: a longer match is surer.
    """
    said = {stem(term.lower()) for concept in prompt_concepts for term in concept.terms}
    best = None
    for phrase in phrases:
        words = [w for w in dict.fromkeys(tokens(phrase)) if len(w) > 1 and w not in GENERIC and not _stop(w)]
        if len(words) < MIN_WORDS:
            continue
        hits = sum(1 for w in words if w in said or any(_prefix(w, s) for s in said))
        share = hits / len(words)
        if hits >= MIN_WORDS and share >= MIN_SHARE and (best is None or share * hits > best[0]):
            best = (share * hits, phrase)
    return best


def _prefix(a: str, b: str) -> bool:
    """connect ~ connection: one word starts the other, both long enough to mean it."""
    return min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a))


def _stop(word: str) -> bool:
    # lazy: `skilldex hook session-start` and `startup` use this module without search.synonyms
    from skilldex.search.synonyms import STOPWORDS

    return word in STOPWORDS
