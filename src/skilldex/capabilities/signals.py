"""Which capabilities a text signals: each word looked up in the vocabulary, unless a neighbour or the repo's own name
says it means something else."""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterator

from skilldex.capabilities.senses import CONTEXT, UNLESS, UNLESS_WINDOW
from skilldex.capabilities.vocabulary import VOCABULARY
from skilldex.capabilities.words import CAMEL_PAIR, TOKEN, URL, camel_tokens, stem, tokens


@functools.cache  # on first use: a warm brief imports this module and never asks
def _tables() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[tuple[frozenset[str], str], ...]]]:
    """(stem -> the capabilities it signals, capability -> its phrases as (their words, " the words ")),
    both in vocabulary order."""
    by_stem: dict[str, tuple[str, ...]] = {}
    phrases: dict[str, tuple[tuple[frozenset[str], str], ...]] = {}
    for capability, words in VOCABULARY.items():
        for word in words:
            signals = by_stem.get(stem(word), ())
            if len(tokens(word)) == 1 and capability not in signals:
                by_stem[stem(word)] = (*signals, capability)
        found = tuple((frozenset(tokens(w)), f" {' '.join(tokens(w))} ") for w in words if len(tokens(w)) > 1)
        if found:
            phrases[capability] = found
    return by_stem, phrases


_UNLESS = {stem(word): frozenset(map(stem, others)) for word, others in UNLESS.items()}
CONTEXT_STEMS = frozenset(map(stem, CONTEXT))
ORDER = {capability: index for index, capability in enumerate(VOCABULARY)}


# what an item does without is not what it does: "run without opentelemetry" is no monitoring
_WITHOUT = re.compile(r"\bwithout\s+(?:a |an |the |any )?[\w-]+", re.IGNORECASE)
_SHORT = {"infrastructure": ("infra",), "database": ("db",)}  # how a capability's name is shortened
_UNSAID: frozenset[str] = frozenset()  # the repo's own name while its files are scanned: see own_name()
_NAMES_A_CAPABILITY = frozenset(
    stem(word) for capability in VOCABULARY for word in (capability, *tokens(capability), *_SHORT.get(capability, ()))
)


@contextlib.contextmanager
def own_name(name: str) -> Iterator[None]:
    """While scanning a repo named for its product, that name signals nothing: in the sentry repo "sentry" is
    everywhere and says nothing about monitoring, in kubernetes "kubernetes" nothing about infrastructure. A name of
    several words says what the repo holds (terraform-example-foundation, notification-terraform): its files still
    say so, as they do in a repo named for a capability itself ("infrastructure")."""
    global _UNSAID
    before = _UNSAID
    words = frozenset(tokens(name))
    _UNSAID = words - _NAMES_A_CAPABILITY if len(words) == 1 else frozenset()
    try:
        yield
    finally:
        _UNSAID = before


def camel_parts(text: str) -> list[str]:
    """The parts of its camelCase words ("BackupJob": backup, job), except of a word the vocabulary names whole:
    CloudWatch is logs, its "Cloud" no second signal."""
    by_stem = _tables()[0]
    return [
        part
        for word in _CASED_WORD.findall(text)
        if CAMEL_PAIR.search(word) and stem(word.lower()) not in by_stem
        for part in camel_tokens(word)
    ]


_CASED_WORD = re.compile(r"[A-Za-z0-9]+")


def vetoed(word: str, vetoes: frozenset[str] | set[str], said: list[str]) -> bool:
    """Every place `word` is said has one of `vetoes` within UNLESS_WINDOW words of it."""
    places = [i for i, w in enumerate(said) if w == word]
    return bool(places) and all(vetoes & set(said[max(0, i - UNLESS_WINDOW) : i + UNLESS_WINDOW + 1]) for i in places)


def infer(*texts: str | None) -> list[str]:
    """Capabilities signalled by any of the texts, in vocabulary order."""
    return sorted(signals(" ".join(t for t in texts if t)), key=ORDER.__getitem__)


def signals(
    text: str, skip: frozenset[str] | set[str] = frozenset(), dropped: set[str] | None = None
) -> dict[str, int]:
    """capability -> how many times the text signals it (each place a word or phrase of it is said); the words
    an UNLESS neighbour vetoed are added to `dropped`."""
    if "://" in text:
        text = URL.sub(" ", text)
    if "ithout" in text:  # without, Without
        text = _WITHOUT.sub(" ", text)
    raw = TOKEN.findall(text.lower())
    if not raw:
        return {}
    present = set(map(stem, set(raw)))  # each distinct word stemmed once
    if CAMEL_PAIR.search(text):  # without a camelCase boundary the camel tokens are the same words
        present.update(camel_parts(text))
    counts: dict[str, int] | None = None  # stem -> times said, only counted when a signal is there
    # look each word up, rather than intersecting every capability's vocabulary with the words
    found: dict[str, int] = {}
    said: list[str] | None = None  # the stemmed words in order, for the UNLESS window
    by_stem, by_phrase = _tables()
    for word in present:
        signals = by_stem.get(word)
        if not signals or word in _UNSAID or word in skip:
            continue
        vetoes = _UNLESS.get(word)
        if vetoes and vetoes & present:
            said = said if said is not None else list(map(stem, raw))
            # a word only camelCase gave ("Cloud" of CloudNative-PG) is vetoed among the camelCase parts
            if vetoed(word, vetoes, said if word in said else camel_parts(text)):
                if dropped is not None:
                    dropped.add(word)
                continue
        if counts is None:
            counts = {}
            for w in map(stem, raw):
                counts[w] = counts.get(w, 0) + 1
        for capability in signals:
            found[capability] = found.get(capability, 0) + max(1, counts.get(word, 0))
    joined = None
    for capability, phrases in by_phrase.items():
        for needed, phrase in phrases:
            if not needed <= present:
                continue  # a phrase can only be there when all its words are
            joined = joined or " " + " ".join(map(stem, raw)) + " "
            if phrase in joined:
                found[capability] = found.get(capability, 0) + joined.count(phrase)
    return found


def first_said(text: str) -> list[str]:
    """The capabilities the text's words signal, in the order it first says them (no phrases, no vetoes): which
    one a sentence leads with ("validation (lint, Helm charts...)" is about linting before Helm)."""
    order: list[str] = []
    by_stem = _tables()[0]
    for word in map(stem, TOKEN.findall(text.lower())):
        if word in _UNSAID or word in CONTEXT_STEMS:
            continue
        for capability in by_stem.get(word, ()):
            if capability not in order:
                order.append(capability)
    return order
