"""How an intent's words are read before matching: verbs with their particle, re- verbs, abbreviations."""

from __future__ import annotations

import pytest

from skilldex.search import SYNONYM_DISCOUNT, concepts
from skilldex.search.synonyms import again


@pytest.mark.parametrize(
    ("intent", "word"),
    [
        ("back up the mssql database", "backup"),  # not "back" and "up" (= start)
        ("blow away all the local containers", "destroy"),
        ("stand up a new environment", "create"),
        ("regenerate the man pages", "manpages"),
    ],
)
def test_a_verb_and_its_particle_are_one_word(intent, word):
    words = [c.word for c in concepts(intent)]
    assert word in words
    assert "up" not in words and "away" not in words and "man" not in words


def test_a_re_verb_counts_its_verb_as_a_synonym():
    assert again("regenerate") == "generate"
    assert again("rebuild") == "build"
    assert again("restart") is None and again("restore") is None and again("release") is None  # words of their own
    terms = concepts("regenerate the docs")[0].terms
    assert terms["regenerate"] == 1.0
    assert terms["generate"] == SYNONYM_DISCOUNT and terms["gen"] == SYNONYM_DISCOUNT  # `gen-docs`


def test_a_bill_is_a_cost():
    assert "cost" in concepts("why did our AWS bill go up")[1].terms
