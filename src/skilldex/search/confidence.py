"""How sure a hit is: the share of what the intent asks that the item says it does, words weighed by rarity.

The prompt hint speaks only above a threshold calibrated on labelled prompts (benchmarks/hint_quality.py).
A word counts in full when the item's name, description or headings say it, 0.6 through a synonym and
little when only its body does; rare words in the repo count more than common ones, and words about
editing code ("test", "button", "rename") count little, so "add a unit test for the parser" is not
answered by the repo's test scripts.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from skilldex.capabilities import camel_tokens, tokens
from skilldex.search.synonyms import CODE_WORDS, STOPWORDS

CODE_WORD_WEIGHT = 0.25
CODE_WORD_NAMED = 0.5
UNSEEN_WEIGHT = 1.0  # a word no item says: the request is partly about something the tooling never mentions


def confidence(wanted: list, said: list[float], rarity: list[float]) -> float:
    """0..1 for one item: `said` per concept (1 headline, 0.6 synonym there, less for body mentions)."""
    total = earned = 0.0
    for concept, credit, rare in zip(wanted, said, rarity, strict=True):
        weight = rare if credit or rare else UNSEEN_WEIGHT
        if concept.word.lower() in CODE_WORDS:
            weight *= CODE_WORD_WEIGHT
        total += weight
        earned += weight * credit
    return earned / total if total else 0.0


# Words every name or path has (extensions, README, SKILL): naming them says nothing.
_GENERIC = frozenset("sh py js ts mjs cjs rb go md rst yml yaml json txt readme index main skill command agent".split())  # noqa: SIM905
_SENTENCE = re.compile(r"(?<=[.!?])\s")
_AS_WRITTEN = re.compile(r"[\w.-]+")  # file names and hyphenated names kept whole: `init-firewall.sh`


def named(wanted: list, name: str, description: str, spelled: frozenset[str] = frozenset()) -> float:
    """0..1: how much of what the item says it is the request names: the better of its name's words and
    its description's first sentence (a synonym counts 0.6; a word in `spelled`, the request's `initials`, in
    full). `restore.sh` for "restore sentry from the backup" is named in full; a test script for "add a unit
    test" is not."""
    first = _SENTENCE.split(description.strip(), maxsplit=1)[0] if description else ""
    return max(share(wanted, name, spelled=spelled), share(wanted, first[:200]))


def share(
    wanted: list,
    text: str,
    synonyms: bool = True,
    spelled: frozenset[str] = frozenset(),
    memo: dict[str, float] | None = None,
) -> float:
    """0..1: the share of a text's own words (a name, a first sentence) the request says; without
    `synonyms`, only the words it says itself (or spells out: prod = production) count. `memo` keeps
    each word's answer for the next text weighed against the same `wanted` (many names share words)."""
    said = dict.fromkeys(camel_tokens(text))
    words = [w for w in said if w not in STOPWORDS and w not in _GENERIC and len(w) > 1]
    if not words:
        return 0.0
    memo = {} if memo is None else memo
    for word in words:
        if word not in spelled and word not in memo:
            memo[word] = _said(wanted, word)
    credits = (1.0 if w in spelled else memo[w] for w in words)
    return sum(c if synonyms or c >= 1.0 else 0.0 for c in credits) / len(words)


def initials(intent: str) -> frozenset[str]:
    """The acronyms a request spells out, of 4 or 5 words in a row that start and end with a meaningful word:
    "mean time to recovery" names `mttr.py`, "lead time for changes" `ltfc.py` (a tool named by its metric has
    only its initials to say it). Three letters would be too many chances: "add pricing in" is no `api`."""
    words = re.findall(r"[^\W\d_]+", intent.lower())
    found = set()
    for size in (4, 5):
        for i in range(len(words) - size + 1):
            run = words[i : i + size]
            if run[0] not in STOPWORDS and run[-1] not in STOPWORDS:
                found.add("".join(w[0] for w in run))
    return frozenset(found)


def evidence(said: float, sure: float, score: float) -> float:
    """One number for the hint to decide on: the item named (`named`), the prompt covered (`confidence`),
    and the match's strength (its score, on a log scale: twice the score is not twice as sure)."""
    return said + 0.25 * sure + 0.6 * math.log1p(max(score, 0.0))


def _said(wanted: list, word: str) -> float:
    """How the request says one of the item's words: 1 itself, 0.6 a synonym, half that for a code word."""
    best = 0.0
    for concept in wanted:
        if getattr(concept, "excluded", False):
            continue  # "without docker" names no docker guide
        for term, weight in concept.terms.items():
            for part in _parts(term):
                longer, shorter = (part, word) if len(part) >= len(word) else (word, part)
                close = len(shorter) >= 5 and len(longer) - len(shorter) <= 3 and longer.startswith(shorter)
                close = close or doer(shorter, longer)  # "move resources" names `resource-mover`
                if part == word or close:
                    code = concept.word.lower() in CODE_WORDS  # "add" said, "generate" named: little
                    best = max(best, min(weight, 1.0) * (CODE_WORD_NAMED if code else 1.0))
    return best


def doer(verb: str, word: str) -> bool:
    """Whether a word of a name is the one who does the verb: move -> mover, load -> loader, clean -> cleaner."""
    return len(verb) >= 3 and word in (verb + "r", verb + "er")


def does(verb: str, name: str) -> bool:
    """Whether an item's name says a verb, itself or as the one who does it, and what it does it to
    (`resource-mover` for "move"; `move.mjs` says the verb alone, which could be any move)."""
    words = [w for w in camel_tokens(name) if w not in _GENERIC and w not in STOPWORDS]
    acts = [w for w in words if w == verb or doer(verb, w)]
    return bool(acts) and len(acts) < len(words)


@lru_cache(maxsize=1024)  # the same few terms of one request, for each of the names the ranking weighs
def _parts(term: str) -> tuple[str, ...]:
    return tuple(tokens(term))


def names_itself(prompt: str, path: str, name: str) -> bool:
    """Whether a prompt names the item itself: its path, its file name or its hyphenated name ("add a
    comment to init-firewall.sh", "reword the test-driven-development skill"). Such a prompt is about
    editing that item: telling the agent it already exists adds nothing."""
    text, path, name = prompt.lower(), path.lower(), name.lower()
    said = set(_AS_WRITTEN.findall(text))
    said |= {w.strip(".-") for w in said}
    base = path.rsplit("/", 1)[-1]
    if "/" in path and path in text:
        return True
    if any(c in base for c in "-_.") and base in said:
        return True
    return any(c in name for c in "-_.") and name in said


CLONE_OVERLAP = 0.45  # share of description words two items of one template have in common (a project's
# Makefile adds a `yarn` or a `db:prepare` to the template; two different tools share a few words at most)
CLONE_KINDS = ("task", "tool")  # skills and docs in sibling folders are each their own thing


def distinct(hits: list) -> list:
    """The hits without the later copies of one template: a Makefile per project (`projects/*/Makefile`, each
    "run <project>-lite bin/rake db:setup") matches a request on the template's words, and three of them would
    fill the hint, hiding the one script that does what was asked."""
    kept: list = []
    for hit in hits:
        if not any(_clones(hit, other) for other in kept):
            kept.append(hit)
    return kept


def _clones(a, b) -> bool:
    """Same kind, same file name in sibling folders, and mostly the same description once each one's name is
    taken out."""
    if a.kind != b.kind or a.kind not in CLONE_KINDS or a.path == b.path or "/" not in a.path or "/" not in b.path:
        return False
    (a_folder, a_file), (b_folder, b_file) = a.path.rsplit("/", 1), b.path.rsplit("/", 1)
    if a_file != b_file or a_folder.rsplit("/", 1)[0] != b_folder.rsplit("/", 1)[0]:
        return False
    a_words = set(camel_tokens(a.description)) - set(camel_tokens(a.name))
    b_words = set(camel_tokens(b.description)) - set(camel_tokens(b.name))
    if not a_words or not b_words:
        return not a_words and not b_words
    return len(a_words & b_words) / len(a_words | b_words) >= CLONE_OVERLAP
