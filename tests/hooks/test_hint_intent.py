"""The prompt hint reads what a prompt asks: an edit of code is no request for tooling, and copies of one
template (a Makefile per project) never fill the hint."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import hint, hint_workspace, write_tree

from skilldex import hooks
from skilldex.search import Hit
from skilldex.search.confidence import distinct, doer, does
from skilldex.search.intent import about_code

REPO = {
    ".git/HEAD": "ref: refs/heads/main\n",
    "scripts/restore.py": '#!/usr/bin/env python3\n"""Restore the Postgres database from a pg_dump backup file."""\n',
    "scripts/send_metrics.py": '#!/usr/bin/env python3\n"""Send the metrics of make targets to the server."""\n',
    "CONTRIBUTING.md": "# Contributing\n\nBefore a pull request, build the images and run the checks.\n",
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> tuple[str, Path]:
    return hint_workspace(tmp_path, monkeypatch, REPO)


@pytest.mark.parametrize(
    ("prompt", "because"),
    [
        ("add a docstring to the restore function", "docstring"),
        ("add type hints to the metrics module", "type hints"),
        ("fix the typo in the contributing guide", "typo"),
        ("reword the introduction of the gatekeeper ADR so it is shorter", "adr"),
        ("the installer handler crashes when the prompt is empty, add a guard", "handler"),
        ("explain this stack trace to me", "stack trace"),
        ("write a short summary of what changed in this diff", "diff"),
        ("please add a comment to member-account-ram-association.sh", "comment"),
        ("refactor api/client.go to reuse one http client", "api/client.go"),
        ("why does this test fail only on windows", "test"),
        ("add a health check endpoint that returns ok", "endpoint"),
        # an edit of a named command: its code, its logging, its messages
        ("add logging to the payment sync command so we can see how many rows it wrote", "logging"),
        ("the purge cache command's confirmation question is confusing, reword it", "question"),
        ("the sync command prints nothing on success, make it say how many it copied", "command"),
        # how a named thing should behave: a change to make to it, not a request to run it
        ("the nightly export task should print its progress after every batch", "should"),
        ("report.js must not print the token", "should"),
        ("the export should be quieter", "should"),
        # what the code does to something, then what to do about it
        ("the csv importer drops the header row, keep it", "keep"),
        # a possessive determines what follows it
        ("update the deploy guide's rollback section", "section"),
    ],
)
def test_a_prompt_that_edits_or_explains_code_is_about_code(prompt, because):
    assert about_code(prompt) == because


@pytest.mark.parametrize(
    "prompt",
    [
        "restore the database from last night's backup",
        "run the tests of the billing module",  # an order to operate, whatever its object
        "deploy the lambda function to staging",
        "dump all our route 53 dns records to a file",
        "add the bug and needs-repro labels to github issue 1234",
        "tear down the ephemeral test cluster I created yesterday",
        "bin/setup keeps failing while installing dnsmasq, what do I do",
        "how do I run the skill tests against a real agent session",
        "add a new stored procedure and migration script for the organization table",
        "the upgrade went wrong, how do I restore sentry from yesterday's backup file",
        "the backup script fails with permission denied",  # trouble with what runs: a runbook may answer
        "the api endpoint returns 500 since the deploy",
        "the payments lambda function is timing out in prod",  # a function that runs, not one to edit
        "run the cleanup command on the staging server",
        "the backup command fails with permission denied",  # trouble with what runs
        "update the commonmark spec.json we test against to version 0.32",  # a bump, what release tooling does
        "I want to add a PreToolUse hook that blocks rm -rf commands",
        "the messages are stuck in the dead letter queue",  # what runs: its logging and messages too
        "the logging is broken on prod",
        "what labels should I put on incoming issues when triaging",  # a person's question, not a thing's behaviour
        "how should the buckets for the search backups be set up",
        "the staging database should be refreshed from prod every week",  # done to what runs
        "the database tables are still utf8, convert them to utf8mb4",  # a state of what runs
        "a sync never finished after a restart, close it by hand",
    ],
)
def test_a_prompt_that_operates_something_is_not_about_code(prompt):
    assert about_code(prompt) is None


def test_an_edit_of_code_gets_no_hint_though_a_word_of_it_names_an_item(project):
    # the same item, asked for by what it does: the hint names it
    assert "scripts/restore.py" in hint(project, "restore the postgres database from the backup file")
    assert hint(project, "add a docstring to the restore function") is None
    assert hint(project, "add type hints to the metrics module") is None
    assert hint(project, "fix the typo in the contributing guide") is None


# Other tooling, so that what a test asks about is not in every item (BM25 weighs words by their rarity).
CHORES = {
    f"tools/chore{i}.sh": f"#!/bin/sh\n# {chore.capitalize()}.\ntrue\n"
    for i, chore in enumerate(
        (
            *("lint the ruby code", "print the git log", "open the browser", "tail the nginx logs", "rotate api keys"),
            *("check the dns resolver", "list the open ports", "clear the asset cache", "count the test files"),
            *("sync the translations", "format the yaml files", "show the disk usage"),
        )
    )
}


def _task(path: str, name: str, description: str, kind: str = "task") -> Hit:
    return Hit("app", kind, name, path, description, None, 1.0)


def test_copies_of_one_template_count_once():
    publisher = _task("projects/publisher/Makefile", "publisher", "Runs: run publisher-lite bin/rake db:setup && yarn")
    assets = _task("projects/asset-manager/Makefile", "asset-manager", "Runs: run asset-manager-lite bin/rake db:setup")
    tool = _task("bin/replicate-postgresql.sh", "replicate-postgresql.sh", "Copy a database", kind="tool")
    assert distinct([publisher, assets, tool]) == [publisher, tool]
    # not copies: another file name, another folder's parent, another kind, another description
    other = _task("projects/asset-manager/Rakefile", "asset-manager", "Runs: run asset-manager-lite bin/rake db:setup")
    elsewhere = _task("apps/asset-manager/Makefile", "asset-manager", "Runs: run asset-manager-lite bin/rake db:setup")
    different = _task("projects/search/Makefile", "search", "Runs: docker compose up elasticsearch --wait")
    assert distinct([publisher, other, elsewhere, different]) == [publisher, other, elsewhere, different]
    deploy = _task("skills/deploy-staging/SKILL.md", "deploy-staging", "Deploy the app to staging", kind="skill")
    prod = _task("skills/deploy-prod/SKILL.md", "deploy-prod", "Deploy the app to prod", kind="skill")
    assert distinct([deploy, prod]) == [deploy, prod]  # skills in sibling folders are each their own thing


def test_copies_of_one_template_take_one_line_of_the_hint(tmp_path, monkeypatch):
    monkeypatch.setenv("SKILLDEX_CACHE_DIR", str(tmp_path / "cache"))
    files = {".git/HEAD": "ref: refs/heads/main\n"}
    for project in ("publisher", "assets", "search", "frontend", "router"):  # a Makefile per project, one template
        files[f"projects/{project}/Makefile"] = (
            f"{project}: bundle-{project} ## Set up the {project} app and its postgres database in docker\n"
            f"\t$(GOVUK_DOCKER) run {project}-lite bin/rake db:setup\n"
        )
    files.update(CHORES)  # other tooling, so the template's words are not in every item
    root = write_tree(tmp_path / "app", files)
    workspace = tmp_path / "skilldex.yaml"
    workspace.write_text(f"repos:\n  app: {root}\n", encoding="utf-8")
    prompt = "set up the app and its postgres database in docker"
    text = hooks.prompt({"prompt": prompt, "cwd": str(root)}, str(workspace))["hookSpecificOutput"]["additionalContext"]
    assert sum(line.startswith("- app: projects/") for line in text.splitlines()) == 1


def test_a_tool_named_by_the_initials_of_what_is_asked_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("SKILLDEX_CACHE_DIR", str(tmp_path / "cache"))
    files = {
        ".git/HEAD": "ref: refs/heads/main\n",
        # a metric script with no description: its name is the metric's initials
        "scripts/dora/mttr.py": "import json\n\nrecovery_time = {}\n\n\n"
        "def mean(times):\n    return sum(times) / len(times)\n\n\n"
        'if __name__ == "__main__":\n    # the time from a failed deploy to the next good one, per quarter\n'
        '    print(json.dumps({"mean time to recovery": mean(list(recovery_time.values()))}))\n',
        "scripts/dora/deploy_frequency.py": 'import json\n\nif __name__ == "__main__":\n    print(json.dumps({}))\n',
        **CHORES,
    }
    root = write_tree(tmp_path / "app", files)
    workspace = tmp_path / "skilldex.yaml"
    workspace.write_text(f"repos:\n  app: {root}\n", encoding="utf-8")
    prompt = "work out our mean time to recovery for last quarter"
    reply = hooks.prompt({"prompt": prompt, "cwd": str(root)}, str(workspace))
    assert reply is not None
    assert "- app: scripts/dora/mttr.py (tool, mttr.py)" in reply["hookSpecificOutput"]["additionalContext"]


def test_initials_need_four_words_that_start_and_end_with_a_meaningful_one():
    from skilldex.search.confidence import initials

    assert "mttr" in initials("what is our mean time to recovery")
    assert "ltfc" in initials("lead time for changes, per team")
    assert not {"api", "apit", "apin"} & initials("add pricing in the new model")  # three letters, a stopword's end


def test_the_hint_reply_as_printed_stays_within_its_budget():
    import json

    lines = ["skilldex: likely relevant:", *(f'- app: tools/t{i}.sh (tool): "{"quoted " * 90}"' for i in range(3))]
    reply = hooks._hint_reply(lines)
    text = reply["hookSpecificOutput"]["additionalContext"]
    assert len(json.dumps(reply, ensure_ascii=False)) <= hooks.HINT_LIMIT  # quotes escaped, the wrapping counted
    assert len(text) > hooks.HINT_LIMIT - 200 and text.startswith("skilldex: likely relevant:\n- app: tools/t0.sh")


OPS = {
    ".git/HEAD": "ref: refs/heads/main\n",
    "scripts/reset_mfa.py": (
        '#!/usr/bin/env python3\n"""Reset and clear any configured MFA methods for the given user."""\n'
    ),
    "scripts/cleanup_images.py": '#!/usr/bin/env python3\n"""Clean up images and drawings no page uses."""\n',
    # the rest of a wiki's maintenance commands, so that the words above are rare among them
    **{
        f"scripts/{name}.py": f'#!/usr/bin/env python3\n"""{what}."""\n'
        for name, what in (
            ("backup_db", "Back up the database to a file"),
            ("send_mail", "Send the weekly digest email"),
            ("rebuild_search", "Rebuild the search index"),
            ("create_admin", "Create an admin account"),
            ("clear_views", "Clear all view counts"),
            ("copy_perms", "Copy shelf permissions to child books"),
            ("refresh_avatar", "Refresh the avatar of a user"),
            ("upgrade_encoding", "Convert the database tables to utf8mb4"),
        )
    },
}


@pytest.fixture
def ops(tmp_path: Path, monkeypatch) -> tuple[str, Path]:
    monkeypatch.setenv("SKILLDEX_CACHE_DIR", str(tmp_path / "cache"))
    root = write_tree(tmp_path / "wiki", OPS)
    workspace = tmp_path / "skilldex.yaml"
    workspace.write_text(f"repos:\n  wiki: {root}\n", encoding="utf-8")
    return str(workspace), root


def test_a_second_factor_written_out_finds_the_mfa_tool(ops):
    said = hint(ops, "a user lost their phone, clear their two-factor authentication so they can log in again")
    assert said is not None and "scripts/reset_mfa.py" in said


def test_an_edit_of_a_named_command_gets_no_hint(ops):
    assert hint(ops, "clean up the images no page uses to free disk space") is not None  # the tool itself
    assert hint(ops, "add logging to the image cleanup command so we can see how many files it deleted") is None


def test_an_edit_the_repo_has_a_tool_for_is_the_tools_job(tmp_path, monkeypatch):
    files = {
        ".git/HEAD": "ref: refs/heads/main\n",
        "scripts/resource-mover": "#!/bin/sh\n# Move string resources from one module to another.\n./gradlew run\n",
        "scripts/restore.py": '#!/usr/bin/env python3\n"""Restore the Postgres database from a pg_dump file."""\n',
        **CHORES,
    }
    project = hint_workspace(tmp_path, monkeypatch, files)
    prompt = "move a few string resources from the legacy module to the feature module"
    assert about_code(prompt) == "module"  # an edit of code ...
    said = hint(project, prompt)
    assert said is not None and "scripts/resource-mover" in said  # ... that the mover does: its name says it all
    # an edit whose verb the item's name does not say stays silent, though a word of it names the item
    assert hint(project, "move the restore function to the postgres module") is None
    assert hint(project, "add a docstring to the restore function") is None


def test_a_name_word_that_does_the_verb_says_it():
    assert doer("move", "mover") and doer("load", "loader") and doer("clean", "cleaner")
    assert not doer("go", "goer") and not doer("move", "movers")
    assert does("move", "resource-mover") and does("move", "moveStrings") and not does("move", "remove-strings")
    assert not does("move", "move.mjs")  # the verb alone: any move at all
