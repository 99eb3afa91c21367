"""What an intent asks for, word by word: each meaningful word with its spellings and synonyms, the compounds
two words make, and the words it asks not to have ("without docker")."""

from __future__ import annotations

import re

from skilldex.capabilities import stem
from skilldex.errors import UsageError
from skilldex.search.synonyms import STOPWORDS, again, expansions, mates, rewrite

SYNONYM_DISCOUNT = 0.6
# What the word after them is not: "set it up on ubuntu without docker" asks for no Docker guide, though the
# answer may well say "docker" ("reload the cache without restarting": the doc says "without restarting" too).
EXCLUDING = frozenset(("without", "except", "excluding"))
MIN_COMPOUND = 7  # two short words ("re" "run", "to" "do") often spell a different one
_WORD = re.compile(r"\w+", re.UNICODE)


class Concept:
    __slots__ = ("word", "terms", "excluded", "joined")

    def __init__(self, word: str, terms: dict[str, float], excluded: bool = False):
        self.word = word  # as the user wrote it
        self.terms = terms  # fts term -> weight (1 for the word, discounted for synonyms)
        self.excluded = excluded  # said after "without": it may match, but names nothing asked for
        self.joined: set[str] = set()  # terms written as one with the word beside it: matched in headlines only


def concepts(intent: str) -> list[Concept]:
    """The intent's meaningful words, each with its synonyms. Raises UsageError when the intent is blank."""
    if not intent or not intent.strip():
        raise UsageError('the intent is empty; say what you want to do, e.g. "run SQL against prod"')
    seen: set[str] = set()
    found: list[Concept] = []
    before: tuple[str, Concept | None] = ("", None)  # the word just before, and its concept if it has one
    excluding = False  # after "without" and any stopwords: the next word is what is not wanted
    for raw in _WORD.findall(rewrite(intent)):
        word = raw.strip("_")
        previous, before = before, (word, None)
        negated = excluding and word not in EXCLUDING
        excluding = word in EXCLUDING or (excluding and word in STOPWORDS)  # "without a docker setup" too
        if not word or word in STOPWORDS or stem(word) in seen or (len(word) < 2 and not word.isdigit()):
            continue
        seen.add(stem(word))
        terms = {word: 1.0}
        for spelled in sorted(expansions(word)):
            terms.setdefault(spelled, 1.0)
        for mate in sorted(mates(word) | {m for e in expansions(word) for m in mates(e)}):
            terms.setdefault(mate, SYNONYM_DISCOUNT)
        repeated = again(word)  # "regenerate the docs": what `gen-docs` generates
        for verb in sorted({repeated, *expansions(repeated)} if repeated else ()):
            terms.setdefault(verb, SYNONYM_DISCOUNT)
        concept = Concept(raw, terms, excluded=negated)
        joined = previous[0] + word
        if previous[1] is not None and len(joined) >= MIN_COMPOUND and joined.isalpha():
            # two words a name writes as one ("a load test": `loadtest`, "the data base": `database`) say both
            terms.setdefault(joined, 1.0)
            previous[1].terms.setdefault(joined, 1.0)
            concept.joined.add(joined)
            previous[1].joined.add(joined)
        found.append(concept)
        before = (word, concept)
    return found
