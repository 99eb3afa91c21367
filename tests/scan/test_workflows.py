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
    found = tasks(repo({
        ".github/workflows/backfill.yml": BACKFILL,
        ".github/workflows/release.yaml": "on: [push, workflow_dispatch]\njobs: {}\n",
        ".github/workflows/smoke.yml": "on: workflow_dispatch\njobs: {}\n",
        ".github/workflows/ci.yml": "on:\n  push:\n  pull_request:\njobs: {}\n",  # automation only
        ".github/workflows/broken.yml": "on: [workflow_dispatch\n",  # GitHub cannot read it either
        ".github/workflows/old/deploy.yml": "on: workflow_dispatch\n",  # GitHub only reads the folder itself
    }))
    assert sorted(found) == [".github/workflows/backfill.yml", ".github/workflows/release.yaml",
                             ".github/workflows/smoke.yml"]
    backfill = found[".github/workflows/backfill.yml"]
    assert (backfill.name, backfill.runner, backfill.line) == ("backfill", "github-actions", 2)
    assert backfill.run == "gh workflow run backfill.yml -f month=<month>"  # the only required input without default
    assert backfill.description == ("Backfill invoices (inputs: month: Month to backfill (YYYY-MM); "
                                    "dry_run: Only count the rows; region)")
    assert "database" in backfill.capabilities and "data" in backfill.capabilities
    assert found[".github/workflows/smoke.yml"].run == "gh workflow run smoke.yml"
    assert found[".github/workflows/release.yaml"].description == "release.yaml"


def test_a_workflow_that_is_not_a_mapping_is_nothing(repo):
    assert tasks(repo({".github/workflows/list.yml": "- workflow_dispatch\n",
                       ".github/workflows/empty.yml": ""})) == {}
