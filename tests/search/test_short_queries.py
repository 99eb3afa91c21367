"""Short queries as people type them: abbreviations, direct matches over synonyms, `why` says what matched."""

from __future__ import annotations

import pytest
from support import PROJECT

from skilldex import search
from skilldex.scan import scan_repo
from skilldex.search import concepts, find
from skilldex.search.confidence import named, share


@pytest.fixture(scope="module")
def credentialmate():
    return scan_repo(PROJECT / "examples" / "credentialmate", name="credentialmate")


def test_the_readme_short_query_puts_the_sql_tooling_first(credentialmate):
    first = find([credentialmate], "run SQL on prod", limit=1)[0]
    assert first.path in ("tools/rds-query", ".claude/skills/execute-production-sql/SKILL.md")
    assert first.why[0] == "matched: run, sql, prod=production"  # the long form counts as the word itself


def test_abbreviations_expand_in_full_and_why_shows_the_long_form(repo):
    root = repo(
        {
            "scripts/kube-restart.sh": "#!/bin/sh\n# Restart the Kubernetes deployments of the staging environment.\n",
            "scripts/reboot-vm.sh": "#!/bin/sh\n# Reboot the build machine.\n",
        }
    )
    first = find([scan_repo(root)], "restart k8s staging env", limit=1)[0]
    assert first.path == "scripts/kube-restart.sh"
    assert first.why[0] == "matched: restart, k8s=kubernetes, staging, env=environment"
    assert {t: w for t, w in concepts("creds")[0].terms.items() if w == 1.0} == {
        "creds": 1.0,
        "credential": 1.0,
        "credentials": 1.0,
    }


def test_a_direct_match_in_the_description_beats_rarer_synonyms(repo):
    root = repo(
        {  # the case: "Check PR CI status" lost to items matched through synonyms only
            ".claude/skills/pr-status/SKILL.md": "---\nname: pr-status\ndescription: Check PR CI status and "
            "summarise failing jobs for the current branch.\n---\nUses gh.\n",
            ".claude/skills/lint-view/SKILL.md": "---\nname: lint-view\ndescription: Lint the pipeline workflow "
            "files and view the result.\n---\n",
            ".claude/skills/validate-actions/SKILL.md": "---\nname: validate-actions\ndescription: Validate GitHub "
            "Actions workflow syntax.\n---\n",
            "docs/ci.md": "# Continuous integration\n\nThe workflow runs on every push.\n",
        }
    )
    hits = find([scan_repo(root)], "check the CI status of my PR", limit=3)
    assert hits[0].name == "pr-status"
    assert hits[0].why[0] == "matched: check, ci, status, pr"


def test_a_synonym_never_outweighs_the_best_item_saying_the_word(repo):
    root = repo(
        {
            "tools/rds-query": "#!/bin/sh\n# Run SQL against the production database.\n",
            "tools/rotate-db-secret.sh": "#!/bin/sh\n# Rotate the prod db password in the vault.\n",
        }
    )
    hits = find([scan_repo(root)], "run sql on prod", limit=2)
    assert [h.path for h in hits] == ["tools/rds-query", "tools/rotate-db-secret.sh"]
    assert "sql~db" in hits[1].why[0]


def test_confidence_and_naming_separate_a_tool_from_a_coincidence(repo):
    root = repo(
        {
            "tools/backup-db.sh": "#!/bin/sh\n# Back up the production database with pg_dump.\n",
            "tools/create-test-fixtures.sh": "#!/bin/sh\n# Create the unit test fixtures.\n",
        }
    )
    catalogue = scan_repo(root)
    backup = find([catalogue], "back up the prod database tonight", limit=1)[0]
    assert backup.path == "tools/backup-db.sh" and backup.confidence >= 0.5
    assert named(concepts("back up the prod database tonight"), backup.name, backup.description) >= 0.6
    everyday = find([catalogue], "add a unit test for the date parser", limit=1)[0]
    assert everyday.path == "tools/create-test-fixtures.sh"
    assert everyday.confidence < backup.confidence  # words about editing code weigh little
    assert named(concepts("add a unit test for the date parser"), everyday.name, everyday.description) < 0.4


def test_a_tool_the_intent_names_outranks_bodies_that_say_more_of_its_words(repo, monkeypatch):
    root = repo(
        {
            # a tool with no description of its job: only its name says what it is for
            "scripts/delete-accounts.sh": "#!/bin/sh\n# Check the required programs are installed.\ncommand -v aws\n",
            "scripts/remove-default-vpc.sh": "#!/bin/sh\n# Remove the default VPC from every AWS account of a member.",
        }
    )
    catalogue = scan_repo(root)
    intent = "a member left, delete their AWS accounts"
    assert [h.path for h in find([catalogue], intent, limit=2)] == [
        "scripts/delete-accounts.sh",
        "scripts/remove-default-vpc.sh",
    ]
    monkeypatch.setattr(search, "NAME_BONUS", 0.0)  # the name said is what lifts it
    assert find([catalogue], intent, limit=1)[0].path == "scripts/remove-default-vpc.sh"


def test_a_name_said_only_through_synonyms_earns_no_bonus():
    wanted = concepts("run SQL on prod")
    assert share(wanted, "execute-production-sql", synonyms=False) == pytest.approx(2 / 3)  # production, sql
    assert share(wanted, "rds-query", synonyms=False) == 0.0  # rds~sql and query~sql are synonyms
    assert share(wanted, "rds-query") == pytest.approx(0.6)


def test_vars_is_short_for_variables():
    assert {"vars", "variables"} <= {t for t, w in concepts("env vars")[1].terms.items() if w == 1.0}


def test_a_migration_down_is_an_undo():
    assert "down" in concepts("undo the last migration")[0].terms


def test_how_people_say_homebrew_a_laptop_and_the_oldest_version():
    assert {"brew", "homebrew"} <= {t for t, w in concepts("brew install")[0].terms.items() if w == 1.0}
    assert "local" in concepts("on my laptop")[0].terms
    assert "minimum" in concepts("the oldest toolchain")[0].terms


def test_copies_and_side_by_side_comparisons():
    assert "replicate" in concepts("a copy of the database")[0].terms
    assert "compare" in concepts("show me side by side how they format it")[1].terms
