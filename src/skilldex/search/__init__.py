"""`skilldex find`: rank a catalogue's items against a plain-language intent.

SQLite FTS5 (porter stemming, BM25 with per-field weights) scores each intent word and its
infrastructure synonyms separately; an item's score sums, per intent word, the better of the word's
own match and a discounted synonym match, then rewards covering more of the intent, shared
capabilities, and the kinds people run (skills, tools) over prose. Knowledge objects are then
reweighed by their Do and Don't lines (`skilldex.search.knowledge`).

    hits = find([catalogue], "I need to add missing columns to the prod database", limit=5)
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Iterable

from skilldex import capabilities
from skilldex.capabilities import stem
from skilldex.errors import UsageError
from skilldex.samples import in_samples
from skilldex.search.synonyms import STOPWORDS, mates, rewrite

TYPE_CHECKING = False  # the typing module costs the fast path milliseconds
if TYPE_CHECKING:
    from skilldex.index.refresh import RepoIndex
    from skilldex.models import Catalogue

FIELDS = ("name", "description", "headings", "body", "path", "caps")  # as in search.documents and the index

# bm25() weights in FIELDS order: name, description, headings, body, path, caps
WEIGHTS = (6.0, 3.0, 1.5, 0.5, 2.0, 1.0)
SYNONYM_DISCOUNT = 0.6
SAMPLE_PRIOR = 0.5  # items in test, example and template folders (skilldex.samples)
KIND_PRIOR = {
    "skill": 1.15, "tool": 1.15, "command": 1.1, "task": 1.0, "agent": 1.0, "mcp-server": 1.0,
    "knowledge": 1.05, "doc": 0.85,
}
CAPABILITY_BONUS = 0.15
COVERAGE_FLOOR = 0.4  # an item matching one word of five keeps this share of its score
_WORD = re.compile(r"\w+", re.UNICODE)


class Hit:
    """One ranked item: where it is, what it does, how to run it, its score and why it matched."""

    __slots__ = ("repo", "kind", "name", "path", "description", "run", "score", "why")

    def __init__(self, repo: str, kind: str, name: str, path: str, description: str, run: str | None,
                 score: float, why: list[str] | None = None):
        self.repo, self.kind, self.name, self.path = repo, kind, name, path
        self.description, self.run, self.score, self.why = description, run, score, why or []

    def __repr__(self) -> str:
        return f"Hit({self.kind} {self.name!r} {self.score:.2f})"

    def to_dict(self) -> dict:
        return {
            "repo": self.repo, "path": self.path, "kind": self.kind, "name": self.name,
            "description": self.description, "score": round(self.score, 4), "why": self.why, "run": self.run,
        }


class _Concept:
    __slots__ = ("word", "terms")

    def __init__(self, word: str, terms: dict[str, float]):
        self.word = word  # as the user wrote it
        self.terms = terms  # fts term -> weight (1 for the word, discounted for synonyms)


def concepts(intent: str) -> list[_Concept]:
    """The intent's meaningful words, each with its synonyms. Raises UsageError when the intent is blank."""
    if not intent or not intent.strip():
        raise UsageError("the intent is empty; say what you want to do, e.g. \"run SQL against prod\"")
    seen: set[str] = set()
    found: list[_Concept] = []
    for raw in _WORD.findall(rewrite(intent)):
        word = raw.strip("_")
        if not word or word in STOPWORDS or stem(word) in seen or (len(word) < 2 and not word.isdigit()):
            continue
        seen.add(stem(word))
        terms = {word: 1.0}
        for mate in sorted(mates(word)):
            terms.setdefault(mate, SYNONYM_DISCOUNT)
        found.append(_Concept(raw, terms))
    return found


class Index:
    """An FTS5 table `docs` of items' searchable text, and the item behind each rowid."""

    def __init__(self, db: sqlite3.Connection, entries: dict[int, tuple[str, object]]):
        self.db = db
        self.entries = entries
        self.sources: dict[int, RepoIndex] = {}  # rowid -> the stored index holding a knowledge row's fields

    @classmethod
    def of_catalogues(cls, catalogues: Iterable[Catalogue]) -> Index:
        """An in-memory index over pydantic catalogues (each item's body read from its file)."""
        from skilldex.search.documents import documents

        index = cls(_memory(), {})
        rows = []
        for catalogue in catalogues:
            for item, doc in zip(catalogue.items, documents(catalogue), strict=True):
                index.entries[len(index.entries) + 1] = (catalogue.repo, item)
                rows.append((len(index.entries), *(doc[f] for f in FIELDS)))
        index.db.executemany(f"INSERT INTO docs(rowid, {', '.join(FIELDS)}) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        return index

    @classmethod
    def of_repos(cls, repos: list[RepoIndex]) -> Index:
        """The stored index of one repo as is; several repos' stored texts merged into memory."""
        if len(repos) == 1 and repos[0].db is not None:
            index = cls(repos[0].db, {row.id: (repos[0].name, row) for row in repos[0].rows})
            index.sources = {row.id: repos[0] for row in repos[0].rows if row.kind == "knowledge"}
            return index
        index = cls(_memory(), {})
        for repo in repos:
            if repo.db is None:
                continue
            rowids = {}
            for row in repo.rows:
                index.entries[len(index.entries) + 1] = (repo.name, row)
                rowids[row.id] = len(index.entries)
                if row.kind == "knowledge":
                    index.sources[len(index.entries)] = repo
            stored = repo.db.execute(f"SELECT rowid, {', '.join(FIELDS)} FROM docs")
            index.db.executemany(
                f"INSERT INTO docs(rowid, {', '.join(FIELDS)}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(rowids[r[0]], *r[1:]) for r in stored if r[0] in rowids],
            )
        return index

    def details(self, rowid: int) -> dict:
        """A knowledge item's fields (dont, do, expires, ...): from its model, or read from the stored index."""
        _, item = self.entries[rowid]
        source = self.sources.get(rowid)
        if source is not None:
            return source.data(item)
        return {key: getattr(item, key, None) for key in ("dont", "do", "expires", "applies_when", "title")}

    def term_scores(self, term: str) -> dict[int, float]:
        """rowid -> BM25 relevance (higher is better) of one term, quoted so it is never an FTS operator."""
        query = '"' + term.replace('"', "") + '"'
        weights = ", ".join(str(w) for w in WEIGHTS)
        try:
            rows = self.db.execute(f"SELECT rowid, -bm25(docs, {weights}) FROM docs WHERE docs MATCH ?", (query,))
            return {rowid: score for rowid, score in rows if rowid in self.entries}
        except sqlite3.OperationalError:
            return {}


def _memory() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE VIRTUAL TABLE docs USING fts5({', '.join(FIELDS)}, "
               "tokenize='porter unicode61 remove_diacritics 2')")
    return db


def find(
    catalogues: Iterable[Catalogue], intent: str, limit: int = 10, kinds: Iterable[str] | None = None
) -> list[Hit]:
    """The items that best match the intent, best first; [] when nothing matches."""
    wanted = concepts(intent)
    return rank(Index.of_catalogues(catalogues), wanted, intent, limit, set(kinds or ()))


def find_indexed(
    repos: list[RepoIndex], intent: str, limit: int = 10, kinds: Iterable[str] | None = None
) -> list[Hit]:
    """Like `find`, over repos' persistent indexes (no pydantic, no rescan when they are fresh)."""
    wanted = concepts(intent)
    return rank(Index.of_repos(repos), wanted, intent, limit, set(kinds or ()))


def rank(index: Index, wanted: list[_Concept], intent: str, limit: int, kinds: set[str]) -> list[Hit]:
    totals: dict[int, float] = {}
    matched: dict[int, list[str]] = {}
    rarity: list[float] = []  # per concept: how few items say it (a Do/Don't line saying only common words says little)
    for concept in wanted:
        best: dict[int, tuple[float, str]] = {}
        for term, weight in concept.terms.items():
            for rowid, score in index.term_scores(term).items():
                value = score * weight
                if value > best.get(rowid, (0.0, ""))[0]:
                    best[rowid] = (value, term)
        rarity.append(math.log(1 + len(index.entries) / max(len(best), 1)))
        for rowid, (value, term) in best.items():
            totals[rowid] = totals.get(rowid, 0.0) + value
            label = concept.word if term == concept.word else f"{concept.word}~{term}"
            matched.setdefault(rowid, []).append(label)
    intent_caps = set(capabilities.infer(intent))
    hits = []
    rowids: dict[int, int] = {}  # id(hit) -> rowid
    for rowid, total in totals.items():
        repo, item = index.entries[rowid]
        coverage = len(matched[rowid]) / max(len(wanted), 1)
        shared = sorted(intent_caps & set(item.capabilities))
        score = total * (COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * coverage) * KIND_PRIOR.get(item.kind, 1.0)
        score *= 1 + CAPABILITY_BONUS * len(shared)
        if in_samples(item.path):
            score *= SAMPLE_PRIOR  # a test fixture or an example shows how a thing looks; the repo's own does it
        why = [f"matched: {', '.join(matched[rowid])}"] + ([f"capabilities: {', '.join(shared)}"] if shared else [])
        hits.append(Hit(repo, item.kind, item.name, item.path, item.description, item.run, score, why))
        rowids[id(hits[-1])] = rowid
    from skilldex.search.knowledge import adjust

    adjust(hits, lambda hit: index.details(rowids[id(hit)]), wanted, rarity)  # before the kind filter: a Don't warns
    hits = [h for h in hits if not kinds or h.kind in kinds]
    hits.sort(key=lambda h: (-h.score, h.path, h.name))
    return hits[:limit]
