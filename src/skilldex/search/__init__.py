"""`skilldex find`: rank a catalogue's items against a plain-language intent.

SQLite FTS5 (porter stemming, BM25 with per-field weights) scores each intent word, its spelled-out
forms (prod = production) and its infrastructure synonyms separately; an item's score sums, per intent
word, its own match or, when it lacks one, a discounted synonym match that never outweighs the best
item saying the word itself. Words an item says in its name, description or headings weigh more than
body mentions; then covering more of the intent, shared capabilities and the kinds people run (skills,
tools) over prose count. Knowledge objects are then reweighed by their Do and Don't lines
(`skilldex.search.knowledge`). Each hit carries a confidence (`skilldex.search.confidence`) the
prompt hint decides on.

    hits = find([catalogue], "I need to add missing columns to the prod database", limit=5)
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Iterable

from skilldex import capabilities
from skilldex.capabilities import stem
from skilldex.samples import in_samples
from skilldex.search.concepts import SYNONYM_DISCOUNT, Concept, concepts
from skilldex.search.confidence import confidence, share

TYPE_CHECKING = False  # the typing module costs the fast path milliseconds
if TYPE_CHECKING:
    from skilldex.index.refresh import RepoIndex, Row
    from skilldex.models import Catalogue, Item

FIELDS = ("name", "description", "headings", "body", "path", "caps")  # as in search.documents and the index
HEADLINE = ("name", "description", "path", "headings")  # what an item says it is, as opposed to its body

# bm25() weights in FIELDS order: name, description, headings, body, path, caps
WEIGHTS = (6.0, 3.0, 1.5, 0.5, 2.0, 1.0)
HEADLINE_BONUS = 0.5  # a word an item says in its name, description or headings, over a body mention ...
HEADLINE_POINTS = 0.5  # ... plus this much per unit of the word's rarity, which BM25 all but ignores for common words
SAMPLE_PRIOR = 0.4  # items in test, example and template folders (skilldex.samples): below a real item saying less
KIND_PRIOR = {
    "skill": 1.15,
    "tool": 1.15,
    "command": 1.1,
    "task": 1.0,
    "agent": 1.0,
    "mcp-server": 1.0,
    "knowledge": 1.05,
    "doc": 0.85,
}
CAPABILITY_BONUS = 0.15
READ_ONLY_PRIOR = 0.8  # an item that says it only reads, for an intent that wants to change something
COVERAGE_FLOOR = 0.4  # an item matching one word of five keeps this share of its score
NAME_BONUS = 0.75  # an item whose own name the intent says (`reset.sh` for "reset the install"), per share said
NAME_SAID = 0.5  # ... when the intent says at least this share of the name's words itself
NAME_RERANK = 50  # how many of the best items are weighed for it (a name is what people type; the rest is noise)
_READ_ONLY = re.compile(r"\bread[- ]only\b|\b(?:never|does not|doesn't|without) (?:change|modif|writ|mutat)", re.I)
_CHANGE = frozenset(  # verbs of an intent that changes things (stems, as capabilities.stem gives them)
    "add create insert alter drop delete remove change update modify write fix rotate reset restore rollback "  # noqa: SIM905
    "migrate deploy backfill set rename wipe purge revoke grant".split()
)


class Hit:
    """One ranked item: where it is, what it does, how to run it, its score and why it matched."""

    __slots__ = ("repo", "kind", "name", "path", "description", "run", "score", "why", "confidence", "shared", "lift")

    def __init__(
        self,
        repo: str,
        kind: str,
        name: str,
        path: str,
        description: str,
        run: str | None,
        score: float,
        why: list[str] | None = None,
        confidence: float = 0.0,
        shared: tuple[str, ...] = (),
    ):
        self.repo, self.kind, self.name, self.path = repo, kind, name, path
        self.description, self.run, self.score, self.why = description, run, score, why or []
        self.confidence = confidence  # 0..1: how much of what was asked the item says it does
        self.shared = shared  # the capabilities the intent and the item have in common
        self.lift = 1.0  # what the intent saying the item's own name multiplied its score by (NAME_BONUS)

    def __repr__(self) -> str:
        return f"Hit({self.kind} {self.name!r} {self.score:.2f})"

    def to_dict(self) -> dict:
        return {
            "repo": self.repo,
            "path": self.path,
            "kind": self.kind,
            "name": self.name,
            "description": self.description,
            "score": round(self.score, 4),
            "why": self.why,
            "run": self.run,
        }


class Index:
    """An FTS5 table `docs` of items' searchable text, and the item behind each rowid."""

    def __init__(self, db: sqlite3.Connection, entries: dict[int, tuple[str, Item | Row]]):
        self.db = db
        self.entries = entries
        # rowid -> a knowledge row and the stored index holding its fields
        self.sources: dict[int, tuple[RepoIndex, Row]] = {}
        self._size: int | None = None
        # (term, fields) -> its answer: an intent's words share synonyms and compounds, and the ranking asks
        # the same term in the same fields more than once (what it scores, then whether a headline says it)
        self._scores: dict[tuple[str, tuple[str, ...]], dict[int, float]] = {}
        self._saying: dict[tuple[str, tuple[str, ...]], set[int]] = {}

    @property
    def size(self) -> int:
        """How many rows the FTS table holds (what BM25's document frequencies are relative to)."""
        if self._size is None:
            self._size = self.db.execute("SELECT count(*) FROM docs").fetchone()[0]
        return self._size

    @classmethod
    def of_catalogues(cls, catalogues: Iterable[Catalogue]) -> Index:
        """An in-memory index over pydantic catalogues (each item's body read from its file)."""
        # lazy: `skilldex find` and `hook pre-write` use this module without search.documents
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
            index.sources = {row.id: (repos[0], row) for row in repos[0].rows if row.kind == "knowledge"}
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
                    index.sources[len(index.entries)] = (repo, row)
            stored = repo.db.execute(f"SELECT rowid, {', '.join(FIELDS)} FROM docs")
            index.db.executemany(
                f"INSERT INTO docs(rowid, {', '.join(FIELDS)}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(rowids[r[0]], *r[1:]) for r in stored if r[0] in rowids],
            )
        return index

    def details(self, rowid: int) -> dict:
        """A knowledge item's fields (dont, do, expires, ...): from its model, or read from the stored index."""
        if rowid in self.sources:
            repo, row = self.sources[rowid]
            return repo.data(row)
        _, item = self.entries[rowid]
        return {key: getattr(item, key, None) for key in ("dont", "do", "expires", "applies_when", "title")}

    def term_scores(self, term: str, fields: tuple[str, ...] = ()) -> dict[int, float]:
        """rowid -> BM25 relevance (higher is better) of one term, quoted so it is never an FTS operator;
        with `fields`, only items that say it in one of them. The answer is shared: do not change it."""
        if (term, fields) not in self._scores:
            self._scores[term, fields] = self._term_scores(term, fields)
        return self._scores[term, fields]

    def _term_scores(self, term: str, fields: tuple[str, ...]) -> dict[int, float]:
        query = '"' + term.replace('"', "") + '"'
        if fields:
            query = "{" + " ".join(fields) + "} : " + query
        weights = ", ".join(str(w) for w in WEIGHTS)
        try:
            rows = self.db.execute(f"SELECT rowid, -bm25(docs, {weights}) FROM docs WHERE docs MATCH ?", (query,))
            return {rowid: score for rowid, score in rows if rowid in self.entries}
        except sqlite3.OperationalError:
            return {}

    def saying(self, term: str, fields: tuple[str, ...]) -> set[int]:
        """The rowids term_scores(term, fields) would score, without scoring them (BM25 is most of its cost).
        The answer is shared: do not change it."""
        if (term, fields) not in self._saying:
            self._saying[term, fields] = self._saying_now(term, fields)
        return self._saying[term, fields]

    def _saying_now(self, term: str, fields: tuple[str, ...]) -> set[int]:
        query = "{" + " ".join(fields) + "} : " + '"' + term.replace('"', "") + '"'
        try:
            rows = self.db.execute("SELECT rowid FROM docs WHERE docs MATCH ?", (query,))
            return {rowid for (rowid,) in rows if rowid in self.entries}
        except sqlite3.OperationalError:
            return set()


def _memory() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute(
        f"CREATE VIRTUAL TABLE docs USING fts5({', '.join(FIELDS)}, tokenize='porter unicode61 remove_diacritics 2')"
    )
    return db


def find(
    catalogues: Iterable[Catalogue], intent: str, limit: int = 10, kinds: Iterable[str] | None = None
) -> list[Hit]:
    """The items that best match the intent, best first; [] when nothing matches."""
    wanted = concepts(intent)
    return rank(Index.of_catalogues(catalogues), wanted, intent, limit, set(kinds or ()))


def find_indexed(repos: list[RepoIndex], intent: str, limit: int = 10, kinds: Iterable[str] | None = None) -> list[Hit]:
    """Like `find`, over repos' persistent indexes (no pydantic, no rescan when they are fresh)."""
    wanted = concepts(intent)
    return rank(Index.of_repos(repos), wanted, intent, limit, set(kinds or ()))


def rank(index: Index, wanted: list[Concept], intent: str, limit: int, kinds: set[str]) -> list[Hit]:
    totals: dict[int, float] = {}
    matched: dict[int, list[str]] = {}
    said: dict[int, list[float]] = {}  # rowid -> per concept: 1 said in its headline, 0.6 a synonym there, ...
    rarity: list[float] = []  # per concept: how few items say it (a Do/Don't line saying only common words says little)
    borrowed: dict[int, set[str]] = {}  # rowid -> the synonyms of the item already counted for an intent word
    for position, concept in enumerate(wanted):
        best = _concept_scores(index, concept)
        heads = _headline(index, concept)
        rarity.append(math.log(1 + len(index.entries) / max(len(best), 1)))
        labels = {term: _label(concept, term) for term in concept.terms}  # once per term, not per item
        for rowid, (value, term) in best.items():
            used = borrowed.get(rowid)
            if used is None:
                used = borrowed[rowid] = set()
            elif concept.terms[term] < 1.0 and term in used:
                continue  # one synonym in the item answers one intent word, not both "database" and "psql"
            used.add(term)
            head = heads.get(rowid, 0.0)
            # BM25 says next to nothing for a word most items say; saying it in the headline still counts
            gained = value * (1 + HEADLINE_BONUS * head) + HEADLINE_POINTS * head * rarity[-1]
            totals[rowid] = totals.get(rowid, 0.0) + gained
            credits = said.get(rowid)
            if credits is None:  # said and matched gain an item together
                credits = said[rowid] = [0.0] * len(wanted)
                matched[rowid] = []
            credits[position] = head or BODY_CREDIT * concept.terms[term]
            matched[rowid].append(labels[term])
    intent_caps = set(capabilities.infer(intent))
    changing = any(stem(c.word.lower()) in _CHANGE for c in wanted)
    hits = []
    rowids: dict[int, int] = {}  # id(hit) -> rowid
    for rowid, total in totals.items():
        repo, item = index.entries[rowid]
        coverage = len(matched[rowid]) / max(len(wanted), 1)
        shared = len(intent_caps.intersection(item.capabilities)) if intent_caps else 0
        score = total * (COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * coverage) * KIND_PRIOR.get(item.kind, 1.0)
        score *= 1 + CAPABILITY_BONUS * shared
        score *= SAMPLE_PRIOR if in_samples(item.path) else 1.0  # a fixture or an example shows how a thing looks
        if changing and _says_read_only(item.description):
            score *= READ_ONLY_PRIOR
        hits.append(Hit(repo, item.kind, item.name, item.path, item.description, item.run, score))
        rowids[id(hits[-1])] = rowid
    # lazy: `skilldex hook pre-write` uses this module without search.knowledge
    from skilldex.search.knowledge import adjust

    _named(hits, wanted)
    adjust(hits, lambda hit: index.details(rowids[id(hit)]), wanted, rarity)  # before the kind filter: a Don't warns
    hits = [h for h in hits if not kinds or h.kind in kinds]
    hits.sort(key=lambda h: (-h.score, h.path, h.name))
    for hit in hits[:limit]:  # what is shown: the reasons and the confidence, worked out for these alone
        rowid = rowids[id(hit)]
        item = index.entries[rowid][1]
        shared_caps = sorted(intent_caps.intersection(item.capabilities))
        hit.shared = tuple(shared_caps)
        hit.why[:0] = [f"matched: {', '.join(matched[rowid])}"] + (
            [f"capabilities: {', '.join(shared_caps)}"] if shared_caps else []
        )
        hit.confidence = confidence(wanted, said[rowid], rarity) * (SAMPLE_PRIOR if in_samples(item.path) else 1.0)
    return hits[:limit]


def _says_read_only(description: str | None) -> bool:
    """_READ_ONLY.search, after a substring test that rules out most descriptions at a fraction of its cost
    (on ASCII text only: elsewhere case folding can match letters that lower() does not give). One of these
    words is in every text _READ_ONLY matches; tested one by one, as a generator costs more than the tests."""
    text = description or ""
    if text.isascii():
        lower = text.lower()
        if "read" not in lower and "never" not in lower and "does" not in lower and "without" not in lower:
            return False
    return bool(_READ_ONLY.search(text))


BODY_CREDIT = 0.3  # a word only the body says, in the confidence


def _named(hits: list[Hit], wanted: list[Concept]) -> None:
    """Raise the best items by how much of their own name the intent says itself: many words of a long
    intent match many bodies, but a tool without a description has only its name to say what it is for."""
    memo: dict[str, float] = {}  # a name word -> how the intent says it (the names of a repo share words)
    for hit in sorted(hits, key=lambda h: -h.score)[:NAME_RERANK]:
        if hit.kind == "knowledge" or in_samples(hit.path):
            continue  # a knowledge object's name is a title (search.knowledge places it); a fixture's copies a name
        # "query-production-db" is not named by "run SQL on prod"
        said = share(wanted, hit.name, synonyms=False, memo=memo)
        if said >= NAME_SAID:
            hit.lift = 1 + NAME_BONUS * said
            hit.score *= hit.lift


def _concept_scores(index: Index, concept: Concept) -> dict[int, tuple[float, str]]:
    """rowid -> (value, term) of one intent word: the item's own match of the word (or a spelling of it),
    else its best synonym match, discounted and capped at that share of the best item saying the word."""
    direct: dict[int, tuple[float, str]] = {}
    synonym: dict[int, tuple[float, str]] = {}
    # a compound said only in a body is chance ("a custom base url" and some `baseUrl` in a code sample)
    found = {term: index.term_scores(term, HEADLINE if term in concept.joined else ()) for term in concept.terms}
    spellings = [term for term, weight in concept.terms.items() if weight >= 1.0]
    if len(spellings) > 1:  # prod and production are one word: how rare it is counts for both spellings
        union = len(set().union(*(found[t] for t in spellings)))
        for term in spellings:
            ratio = _idf(union, index.size) / _idf(len(found[term]), index.size)
            found[term] = {rowid: score * ratio for rowid, score in found[term].items()}
    for term, weight in concept.terms.items():
        into = direct if weight >= 1.0 else synonym
        for rowid, score in found[term].items():
            if score * weight > into.get(rowid, (0.0, ""))[0]:
                into[rowid] = (score * weight, term)
    # the best item saying the word, as it will rank: a test fixture's match counts at its sample prior
    # an item saying the word only in its body is no measure of what saying it means: it caps nothing
    heads = set().union(*(index.saying(t, HEADLINE) for t in spellings)) if direct else set()
    strongest = (
        v * (SAMPLE_PRIOR if in_samples(index.entries[r][1].path) else 1.0)
        for r, (v, _) in direct.items()
        if r in heads
    )
    cap = SYNONYM_DISCOUNT * max(strongest, default=math.inf)
    best = dict(direct)
    for rowid, (value, term) in synonym.items():
        if min(value, cap) > best.get(rowid, (0.0, ""))[0]:
            best[rowid] = (min(value, cap), term)
    return best


def _idf(matching: int, rows: int) -> float:
    """BM25's inverse document frequency as FTS5 computes it (never below its floor)."""
    return max(math.log((rows - matching + 0.5) / (matching + 0.5)), 1e-6) if matching else 1.0


def _headline(index: Index, concept: Concept) -> dict[int, float]:
    """rowid -> the weight of the best term of a concept the item says in its name, description or headings."""
    heads: dict[int, float] = {}
    for term, weight in concept.terms.items():
        # a knowledge object's headings hold its Do and Don't lines, which search.knowledge weighs on its own:
        # it counts only where its name, description or path say the term (asked only when one says it at all)
        rows = index.saying(term, HEADLINE)
        if any(index.entries[r][1].kind == "knowledge" for r in rows):
            elsewhere = index.saying(term, HEADLINE[:-1])
            rows = {r for r in rows if r in elsewhere or index.entries[r][1].kind != "knowledge"}
        for rowid in rows:
            heads[rowid] = max(heads.get(rowid, 0.0), weight)
    return heads


def _label(concept: Concept, term: str) -> str:
    """How `why` shows a match: `prod`, `prod=production` (a spelling), `db~postgres` (a synonym)."""
    if term == concept.word.lower():
        return concept.word
    return f"{concept.word}{'=' if concept.terms[term] >= 1.0 else '~'}{term}"
