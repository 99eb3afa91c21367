"""`skilldex find`: ranking behaviour, hostile intents, and the CLI contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from support import PROJECT, write_tree

from skilldex.errors import UsageError
from skilldex.scan import scan_repo
from skilldex.search import find

EXAMPLES = PROJECT / "examples"


@pytest.fixture(scope="module")
def credentialmate():
    return scan_repo(EXAMPLES / "credentialmate", name="credentialmate")


def test_the_seed_question_finds_the_existing_sql_tooling_first(credentialmate):
    hits = find([credentialmate], "I need to add missing columns to the prod database", limit=3)
    assert hits[0].path in ("tools/rds-query", ".claude/skills/execute-production-sql/SKILL.md")
    assert any("database" in reason for reason in hits[0].why)


def test_synonyms_reach_items_that_never_use_the_intent_words(repo):
    root = repo(
        {
            "scripts/pg-shell.sh": '#!/bin/sh\n# Open a psql session on the Postgres primary.\nexec psql "$URL"\n',
            "scripts/build-site.sh": "#!/bin/sh\n# Build the static site.\nnpm run build\n",
        }
    )
    hits = find([scan_repo(root)], "connect to the db")
    assert hits and hits[0].path == "scripts/pg-shell.sh"
    assert any("~" in reason for reason in hits[0].why)  # matched through a synonym, and says so


def test_name_matches_outrank_body_mentions(repo):
    root = repo(
        {
            ".claude/skills/rotate-keys/SKILL.md": "---\nname: rotate-keys\ndescription: Rotates API keys.\n---\n",
            ".claude/skills/onboarding/SKILL.md": "---\nname: onboarding\ndescription: Sets up a laptop.\n---\n"
            "Ask someone to rotate keys for you if they leak.\n",
        }
    )
    hits = find([scan_repo(root)], "rotate keys")
    assert [h.name for h in hits][:2] == ["rotate-keys", "onboarding"]


def test_kind_filter_and_limit(credentialmate):
    hits = find([credentialmate], "production database", limit=2, kinds=["tool"])
    assert len(hits) <= 2 and {h.kind for h in hits} == {"tool"}


@pytest.mark.parametrize("intent", ["", "   ", "\n\t"])
def test_blank_intent_is_a_usage_error(credentialmate, intent):
    with pytest.raises(UsageError, match="empty"):
        find([credentialmate], intent)


@pytest.mark.parametrize(
    "intent",
    [
        '"unbalanced',
        "NEAR(a b)",
        "a AND OR NOT",
        "col:value",
        "x* ^y",
        "(((",
        "-- ; DROP TABLE items;",
        "データベースに列を追加",
        "base de données ‽ 🙂",
        "how do I",
    ],
)
def test_hostile_or_foreign_intents_never_break(credentialmate, intent):
    hits = find([credentialmate], intent)
    assert isinstance(hits, list)


def test_no_match_is_an_empty_list(credentialmate):
    assert find([credentialmate], "quantum entanglement choreography") == []


def skilldex(*args: str, cwd: Path = PROJECT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "skilldex", *args], cwd=cwd, capture_output=True, text=True, timeout=60
    )


def test_cli_json_contract():
    result = skilldex("find", "credentialmate", "I need to add missing columns to the prod database", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["query"] == "I need to add missing columns to the prod database"
    first = data["results"][0]
    assert set(first) >= {"path", "kind", "name", "description", "score", "why", "run"}
    assert first["path"] in ("tools/rds-query", ".claude/skills/execute-production-sql/SKILL.md")
    scores = [r["score"] for r in data["results"]]
    assert scores == sorted(scores, reverse=True)


def test_cli_all_repos_and_unquoted_intent():
    result = skilldex("find", "--all", "port", "forward", "to", "postgres", "--json")
    data = json.loads(result.stdout)
    assert data["query"] == "port forward to postgres"
    assert data["results"][0]["repo"] == "karematch"


def test_cli_no_match_hint_exit_0_and_blank_exit_2():
    nothing = skilldex("find", "credentialmate", "quantum entanglement choreography")
    assert nothing.returncode == 0 and "Nothing matches" in nothing.stdout
    blank = skilldex("find", "credentialmate", "  ")
    assert blank.returncode == 2 and "empty" in blank.stderr and "Traceback" not in blank.stderr
    missing = skilldex("find", "credentialmate")
    assert missing.returncode == 2 and "give a repo and an intent" in missing.stderr


def test_cli_text_output_names_path_and_run(tmp_path):
    root = write_tree(tmp_path / "r", {"tools/db-shell": "#!/bin/sh\n# Open a SQL shell on the database.\n"})
    result = skilldex("find", str(root), "sql shell")
    assert result.returncode == 0
    assert "tools/db-shell" in result.stdout and "run:" in result.stdout and "why:" in result.stdout


def test_env_variable_names_and_mcp_boilerplate_are_no_words_of_an_item(repo):
    root = repo(
        {
            "package.json": '{"scripts": {"dev-acceptance": "NO_DEV_SERVER=1 NODE_ENV=development webpack --watch",'
            ' "serve": "vite preview --port 4173"}}',
            ".mcp.json": '{"mcpServers": {"tracker": {"type": "http", "url": "https://mcp.tracker.dev/mcp"}}}',
        }
    )
    hits = find([scan_repo(root)], "start the dev server")
    reasons = {h.name: " ".join(h.why) for h in hits}
    assert "tracker" not in reasons  # neither "dev" (.dev) nor "server" (MCP server) is a word of it
    assert "server" not in reasons["dev-acceptance"] and "run" not in reasons["dev-acceptance"]
    assert "start~serve" in reasons["serve"]
