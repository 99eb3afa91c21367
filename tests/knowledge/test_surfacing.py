"""Knowledge objects where agents look: `skilldex find`, the startup brief and the prompt hint."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from support import PROJECT, write_tree

from skilldex.scan import scan_repo
from skilldex.search import find
from skilldex.startup import LIMIT, startup_brief

WORKSPACE = str(PROJECT / "skilldex.yaml")
SEED = "knowledge/credentialmate-production-database-access.md"
SEED_DONT = "don't: Try direct psql (the database is VPC-isolated)"


def skilldex(*args: str, payload: dict | None = None, cwd=PROJECT):
    env = {**os.environ, "SKILLDEX_WORKSPACE": ""}
    return subprocess.run(
        [sys.executable, "-m", "skilldex", *args],
        input=json.dumps(payload or {}),
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def obj(title: str, applies: str, do: str, dont: str, extra: str = "") -> str:
    return (
        f"---\ntitle: {title}\ntags: [database]\napplies-when:\n  - {applies}\nupdated: 2026-02-02\n{extra}---\n"
        f"## When you need to\nWork on the database.\n\n## Do\n- {do}\n\n## Don't\n- {dont}\n"
    )


# --- find ---------------------------------------------------------------------------------------------------


def test_the_seed_question_returns_the_object_first_or_second_with_its_dont_line():
    result = skilldex("-w", WORKSPACE, "find", "credentialmate", "can I connect to the prod db with psql", "--json")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)["results"]
    top = [h["path"] for h in hits[:2]]
    assert SEED in top
    seed = hits[top.index(SEED)]
    assert seed["kind"] == "knowledge" and any(w.startswith(SEED_DONT) for w in seed["why"])
    text = skilldex("-w", WORKSPACE, "find", "credentialmate", "can I connect to the prod db with psql")
    assert SEED_DONT in text.stdout


def test_the_same_through_the_library_and_the_warned_tool_says_why():
    catalogue = scan_repo(PROJECT / "examples" / "credentialmate", name="credentialmate")
    hits = find([catalogue], "can I connect to the prod db with psql", limit=5)
    assert SEED in [h.path for h in hits[:2]]
    tool = next(h for h in hits if h.path == "infra/scripts/prod_db_exec.py")
    assert f"{SEED} says don't: Try direct psql" in "; ".join(tool.why)


def test_a_matching_dont_outranks_the_same_words_as_a_do(tmp_path):
    line = "Run `scripts/restore.sh` on production: it reloads the live tables from last night's dump"
    root = write_tree(
        tmp_path,
        {
            "scripts/restore.sh": "#!/bin/sh\n# Restore the database from a dump.\npg_restore x\n",
            "knowledge/warns.md": obj("Table reloads", "reload tables", "Ask the DBA first.", line),
            "knowledge/advises.md": obj("Table reloads", "reload tables", line, "Ask the DBA first."),
        },
    )
    hits = find([scan_repo(root)], "restore the production tables from the dump")
    ranked = [h.path for h in hits]
    assert ranked.index("knowledge/warns.md") < ranked.index("knowledge/advises.md")
    warns, advises = (next(h for h in hits if h.path == p) for p in ("knowledge/warns.md", "knowledge/advises.md"))
    assert any(w.startswith("don't: Run `scripts/restore.sh` on production") for w in warns.why)
    assert any(w.startswith("do: Run `scripts/restore.sh` on production") for w in advises.why)
    assert warns.score > advises.score
    tool = next(h for h in hits if h.path == "scripts/restore.sh")
    assert "knowledge/warns.md says don't: Run `scripts/restore.sh`" in "; ".join(tool.why)


def test_a_dont_that_says_only_the_common_words_earns_nothing(tmp_path):
    root = write_tree(
        tmp_path,
        {
            "knowledge/a.md": obj("Prod database", "x", "Use the tool.", "Connect to the prod database by hand"),
            **{f"scripts/t{i}.sh": f"#!/bin/sh\n# Query the prod database, report {i}.\n" for i in range(5)},
        },
    )
    hits = find([scan_repo(root)], "list every table in the prod database")
    assert not any(w.startswith("don't:") for h in hits for w in h.why)


def test_an_expired_object_ranks_lower_and_says_so(tmp_path):
    files = {
        "knowledge/old.md": obj(
            "Restore", "restore the db", "Use the dump.", "Restore by hand.", "expires: 2020-01-01\n"
        ),
        "knowledge/new.md": obj("Restore", "restore the db", "Use the dump.", "Restore by hand."),
    }
    hits = find([scan_repo(write_tree(tmp_path, files))], "restore the db")
    assert [h.path for h in hits[:2]] == ["knowledge/new.md", "knowledge/old.md"]
    assert "expired 2020-01-01" in hits[1].why


# --- the startup brief --------------------------------------------------------------------------------------


def test_the_brief_opens_each_repo_with_its_knowledge():
    brief = startup_brief(WORKSPACE)
    assert len(brief) <= LIMIT
    cm = brief.split("## credentialmate (")[1].split("\n## karematch (")[0]
    assert cm.splitlines()[1] == "### knowledge: read before acting"
    line = cm.splitlines()[2]
    assert line.startswith(
        f"- {SEED} (knowledge): CredentialMate production database access. Don't: Try direct "
        "psql (the database is VPC-isolated)"
    )
    assert "Do: Use the `tools/rds-query` CLI" in line
    assert "### knowledge: read before acting\n- knowledge/karematch-prisma-migrations-in-cluster.md" in brief


def test_brief_leaves_out_expired_and_superseded_objects_and_places_by_repos(tmp_path):
    a = write_tree(
        tmp_path / "a",
        {
            "knowledge/old.md": obj("Old way", "x", "Old do.", "Old dont."),
            "knowledge/new.md": obj("New way", "x", "New do.", "New dont.", "supersedes: [old]\n"),
            "knowledge/gone.md": obj("Gone", "x", "Gone do.", "Gone dont.", "expires: 2020-01-01\n"),
            "knowledge/for-b.md": obj("About b", "x", "B do.", "B dont.", "repos: [b]\n"),
            "knowledge/everywhere.md": obj("Everywhere", "x", "E do.", "E dont.", 'repos: ["*"]\n'),
        },
    )
    write_tree(tmp_path / "b", {"scripts/x.sh": "#!/bin/sh\n# Deploy it.\n"})
    workspace = write_tree(tmp_path, {"skilldex.yaml": "repos: {a: a, b: b}\n"}) / "skilldex.yaml"
    brief = startup_brief(str(workspace))
    block_a, block_b = brief.split("\n## b (")
    assert "New way" in block_a and "Old way" not in brief and "Gone" not in brief
    assert "About b" not in block_a and "- a:knowledge/for-b.md (knowledge): About b. Don't: B dont." in block_b
    assert "Everywhere" in block_a and "a:knowledge/everywhere.md (knowledge): Everywhere" in block_b
    assert os.path.exists(a / "knowledge" / "old.md")


def test_many_objects_stay_within_the_budget(tmp_path):
    files = {
        f"knowledge/k{i}.md": obj(f"Lesson {i} " + "word " * 20, "x", "Do this. " * 20, "Never that. " * 30)
        for i in range(300)
    }
    files.update({f"tools/t{i}.sh": f"#!/bin/sh\n# Rotate secret number {i} in the vault.\n" for i in range(300)})
    write_tree(tmp_path / "r", files)
    workspace = write_tree(tmp_path, {"skilldex.yaml": "repos: {r: r}\n"}) / "skilldex.yaml"
    brief = startup_brief(str(workspace))
    assert len(brief) <= LIMIT
    assert "### knowledge: read before acting" in brief and "more: `skilldex list r --kind knowledge`" in brief


# --- the prompt hint ----------------------------------------------------------------------------------------


def hint(prompt: str) -> str | None:
    result = skilldex("-w", WORKSPACE, "hook", "prompt", payload={"prompt": prompt, "cwd": str(PROJECT)})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["hookSpecificOutput"]["additionalContext"] if result.stdout.strip() else None


def test_the_hint_names_the_object_whose_applies_when_matches():
    context = hint("can I connect to the prod db with psql")
    assert context is not None and len(context) <= 1500
    lines = context.splitlines()
    assert lines[0] == "skilldex: knowledge about this situation, read before acting:"
    assert lines[1].startswith(
        f"- credentialmate: {SEED} (CredentialMate production database access), for "
        '"connect to the production database with psql". Don\'t: Try direct psql'
    )
    assert SEED not in "\n".join(lines[2:])  # named once


@pytest.mark.parametrize("prompt", ["fix the typo in the README", "rename the button on the settings page"])
def test_unrelated_prompts_get_nothing(prompt):
    assert hint(prompt) is None


def test_the_hint_prefers_the_closer_situation():
    context = hint("run prisma migrate deploy against production from my laptop")
    assert context.splitlines()[1].startswith("- karematch: knowledge/karematch-prisma-migrations-in-cluster.md")
    assert "Don't: Run `npx prisma migrate deploy` over a port-forward from your laptop" in context
