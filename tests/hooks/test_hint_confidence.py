"""The prompt hint speaks only when an item clearly covers the prompt, with wording that scales, and names docs."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import hint, hint_workspace

from skilldex import hooks

REPO = {
    ".git/HEAD": "ref: refs/heads/main\n",
    "tools/backup-db.sh": '#!/bin/sh\n# Back up the production Postgres database to S3 with pg_dump.\npg_dump "$URL"\n',
    "tools/run-unit-tests.sh": "#!/bin/sh\n# Run the unit tests of every package.\npytest -q\n",
    "scripts/lint.sh": "#!/bin/sh\n# Lint and format the Python code.\nruff check .\n",
    "docs/runbooks/restore-volume.md": "# Restoring a data volume from a snapshot\n\n"
    "When the EBS data volume of the worker is lost, restore it from the nightly snapshot:\n\n"
    "1. Find the snapshot.\n2. Create a volume from it.\n3. Attach it to the worker instance.\n",
    "src/app/dates.py": "def parse(text):\n    return text\n",
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> tuple[str, Path]:
    return hint_workspace(tmp_path, monkeypatch, REPO)


@pytest.mark.parametrize(
    "prompt",
    [
        "add a unit test for the date parser",  # the repo's test runner is no answer to writing a test
        "fix the typo in the README",
        "make the error message friendlier",
        "rename the variable `tmp` to something meaningful",
        "explain what this function does",
    ],
)
def test_everyday_prompts_get_no_hint(project, prompt):
    assert hint(project, prompt) is None


def test_a_prompt_that_names_what_a_tool_does_is_told_to_use_it(project):
    text = hint(project, "back up the production postgres database to S3 before the migration")
    assert text is not None
    lines = text.splitlines()
    assert lines[0] == "skilldex: this workspace already has tooling for this request; use it before building anything:"
    assert lines[1].startswith("- app: tools/backup-db.sh (tool, backup-db.sh): Back up the production Postgres")
    # and why: the words of the prompt the tool says ("back up" read as one word)
    assert "(matched: backup, production, postgres=pg, database=db, s3) Run: `tools/backup-db.sh`." in lines[1]


def test_a_runbook_that_answers_is_named_as_something_to_read(project):
    text = hint(project, "the worker lost its data volume, restore it from last night's snapshot")
    assert text is not None
    line = next(line for line in text.splitlines() if "docs/runbooks/restore-volume.md" in line)
    assert line.startswith("- app: docs/runbooks/restore-volume.md (doc, ") and line.endswith("Read it first.")


def test_a_partial_match_is_only_likely_relevant(project):
    text = hint(project, "run ruff on the python code")
    assert text is not None and text.startswith("skilldex: likely relevant, already in this workspace")
    assert "scripts/lint.sh" in text and "use it before building anything" not in text


def test_the_confidence_thresholds_are_what_decide(project, monkeypatch):
    prompt = "back up the production postgres database to S3 before the migration"
    assert hint(project, prompt) is not None
    monkeypatch.setattr(hooks, "HINT_EVIDENCE", 100.0)
    # the prompt and tools/backup-db.sh share operational capabilities: the lower threshold still lets it speak
    assert "tools/backup-db.sh" in hint(project, prompt)
    monkeypatch.setattr(hooks, "OPS_EVIDENCE", 100.0)
    assert hint(project, prompt) is None


def test_a_match_sharing_no_operational_capability_needs_the_higher_threshold(project, monkeypatch):
    prompt = "run the unit tests of every package"  # testing: what everyday prompts about code say too
    assert "tools/run-unit-tests.sh" in hint(project, prompt)
    monkeypatch.setattr(hooks, "HINT_EVIDENCE", 100.0)
    assert hint(project, prompt) is None


@pytest.mark.parametrize("name", ["backup-db.sh", "tools/backup-db.sh"])
def test_a_prompt_that_names_the_item_itself_is_about_editing_it(project, name):
    # ("the backup should say which database it dumps" is a change to the backup: search.intent's reading)
    prompt = "does the backup {}dump the production postgres database"
    assert "tools/backup-db.sh" in hint(project, prompt.format(""))  # without its name: the tool is news
    assert hint(project, prompt.format(f"in {name} ")) is None  # with it: the user is working on that file


def test_names_itself_reads_paths_file_names_and_hyphenated_names():
    from skilldex.search.confidence import names_itself

    assert names_itself("fix init-firewall.sh, it drops dns", ".devcontainer/init-firewall.sh", "init-firewall.sh")
    assert names_itself("reword the test-driven-development skill", "skills/tdd/SKILL.md", "test-driven-development")
    assert names_itself("see .devcontainer/init-firewall.sh.", ".devcontainer/init-firewall.sh", "x")
    assert not names_itself("reset the sentry install", "scripts/reset.sh", "reset.sh")  # the word, not the file
    assert not names_itself("open the firewall", ".devcontainer/init-firewall.sh", "init-firewall.sh")
