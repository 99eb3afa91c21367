"""How sure a hit is: the share of what the intent asks that the item says it does, words weighed by rarity.

The prompt hint speaks only above a threshold calibrated on labelled prompts (benchmarks/hint_quality.py).
A word counts in full when the item's name, description or headings say it, 0.6 through a synonym and
little when only its body does; rare words in the repo count more than common ones, and words about
editing code ("test", "button", "rename") count little, so "add a unit test for the parser" is not
answered by the repo's test scripts.
"""

from __future__ import annotations

from skilldex.search.synonyms import CODE_WORDS

CODE_WORD_WEIGHT = 0.25
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
