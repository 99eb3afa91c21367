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


def test_a_word_said_only_in_a_body_does_not_cap_its_synonyms(tmp_path):
    from support import write_tree

    from skilldex.scan import scan_repo
    from skilldex.search import find

    files = {
        ".git/HEAD": "ref: refs/heads/main\n",
        "scripts/nuke.sh": "#!/bin/sh\n# Used to nuke the dev environment for engineers.\nrm -rf node_modules\n",
        "scripts/start.sh": "#!/bin/sh\n# Start the dev environment in docker.\ntrue\n",
        # the only item saying the intent's own word, once, at the end of a long body
        "tools/tags.sh": "#!/bin/sh\n# Print the release tags.\n" + "git tag --list\n" * 30 + "# never destroy a tag\n",
    }
    for i, chore in enumerate(("lint the code", "tail the logs", "rotate keys", "list ports", "sync docs")):
        files[f"tools/chore{i}.sh"] = f"#!/bin/sh\n# {chore.capitalize()}.\ntrue\n"
    hits = {h.path: h for h in find([scan_repo(write_tree(tmp_path / "app", files))], "destroy the dev environment")}
    assert "destroy~nuke" in hits["scripts/nuke.sh"].why[0]
    # nuke counts as a synonym of destroy (0.6 of the word), not as 0.6 of that one body mention: capped by it,
    # nuke.sh scored 1.35 times start.sh, which says only "dev environment"
    assert hits["scripts/nuke.sh"].score >= 1.6 * hits["scripts/start.sh"].score


@pytest.mark.parametrize(
    ("intent", "word"),
    [
        ("clear their two-factor authentication", "mfa"),
        ("reset two factor for this user", "mfa"),
        ("close the drive by hand", "manually"),
        ("we moved from http://old.example.com to https://docs.example.com/wiki", "url"),
    ],
)
def test_a_phrase_or_an_address_is_one_word(intent, word):
    words = [c.word for c in concepts(intent)]
    assert word in words
    assert not {"two", "factor", "hand", "http", "https", "example"} & set(words)


def test_a_second_factor_and_a_link_have_their_synonyms():
    assert "2fa" in concepts("mfa")[0].terms
    assert concepts("links")[0].terms.get("url") == SYNONYM_DISCOUNT


def test_two_words_a_name_writes_as_one_say_both(tmp_path):
    from support import write_tree

    from skilldex.scan import scan_repo
    from skilldex.search import find

    load, test = concepts("compare throughput with a load test")[-2:]
    assert load.terms["loadtest"] == test.terms["loadtest"] == 1.0
    assert "rerun" not in concepts("re run it")[0].terms  # too short to be one word more often than two
    assert all("thelogs" not in c.terms for c in concepts("tail the logs"))  # a stopword between: not one word
    files = {
        ".git/HEAD": "ref: refs/heads/main\n",
        "tools/loadtest.sh": "#!/bin/sh\n# Run the vegeta loadtest against a branch.\ntrue\n",
        "tools/unit.sh": "#!/bin/sh\n# Run the unit test suite against a branch.\ntrue\n",
    }
    hits = find([scan_repo(write_tree(tmp_path / "app", files))], "load test against my branch")
    assert [h.path for h in hits] == ["tools/loadtest.sh", "tools/unit.sh"]
    assert "load=loadtest" in hits[0].why[0] and "test=loadtest" in hits[0].why[0]
    # said only in a body (a code sample's `baseUrl`), a compound is chance: the words count one by one
    files["docs/ops/client.md"] = "# Client setup\n\nPoint the client at a custom url.\n\n    const baseUrl = x\n"
    hits = find([scan_repo(write_tree(tmp_path / "two", files))], "a custom base url for the client")
    assert [w for h in hits for w in h.why if "baseurl" in w] == []


def test_what_comes_after_without_names_nothing_asked_for(tmp_path):
    from support import write_tree

    from skilldex.scan import scan_repo
    from skilldex.search import find

    said = {c.word: c.excluded for c in concepts("set up the site on ubuntu without a docker container")}
    assert [word for word, excluded in said.items() if excluded] == ["docker"]  # not `container`: one word
    assert list(said) == ["setup", "site", "ubuntu", "without", "docker", "container"]
    files = {
        ".git/HEAD": "ref: refs/heads/main\n",
        "doc/DOCKER.md": "# Docker\n\nSet up the site in Docker containers on ubuntu or macOS.\n",
        "doc/MANUAL_INSTALL.md": "# Manual install\n\nSet up the site on ubuntu by hand, without docker.\n",
    }
    hits = find([scan_repo(write_tree(tmp_path / "app", files))], "set up the site on ubuntu without docker")
    assert [h.path for h in hits] == ["doc/MANUAL_INSTALL.md", "doc/DOCKER.md"]  # DOCKER's name is not what is asked
    hits = find([scan_repo(write_tree(tmp_path / "app", files))], "set up the site on ubuntu with docker")
    assert hits[0].path == "doc/DOCKER.md"
