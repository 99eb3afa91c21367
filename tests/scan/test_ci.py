"""Where CI is defined: GitHub workflows run on pushes and pull requests, and the other CI systems' pipelines, are
catalogued with no run (their trigger runs them), under `ci` first when they check what people push."""

from __future__ import annotations

import pytest

from skilldex.index.refresh import repo_index
from skilldex.scan import scan_repo
from skilldex.startup import rank

PYTEST = """name: "Tests: Pytest"
on:
  pull_request:
  push:
    branches: [main]
jobs:
  tests-pytest:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Run tests
        run: tests/pytest/run.sh
"""
DEPLOY_ON_PUSH = (
    "name: Deploy\non:\n  push:\n    branches: [main]\njobs:\n  go:\n    steps:\n      - run: ./deploy.sh\n"
)
VERSION_CHECK = "name: Version\non: pull_request\njobs:\n  v:\n    steps:\n      - run: ./check-version\n"
LABELER = "on: pull_request_target\njobs:\n  label:\n    steps:\n      - uses: actions/labeler@v5\n"
NIGHTLY = "on:\n  schedule:\n    - cron: '0 3 * * *'\njobs:\n  go:\n    steps:\n      - run: make nightly\n"
BUILDKITE = """steps:
  - command: .buildkite/scripts/autoformat.sh
    label: "autoformat"
  - wait
  - label: "test invalidation lambda"
    command: yarn test
  - label: "deploy invalidation lambda"
    branches: main
    command: yarn deploy
"""
GITLAB = """stages: [test, deploy]
variables: {GIT_DEPTH: "1"}
.base: {image: python}
unit-tests:
  stage: test
  script: [pytest]
deploy-prod:
  stage: deploy
  script: [./deploy.sh]
"""
CIRCLE = "version: 2.1\njobs:\n  build:\n    steps: [checkout]\n  test:\n    steps: [checkout]\n"
JENKINS = """pipeline {
  stages {
    stage('Build') { steps { sh 'make' } }
    stage("Test") { steps { sh 'make test' } }
  }
}
"""
CLOUDBUILD = """timeout: 3600s
steps:
- id: 'tf plan'
  name: hashicorp/terraform
  args: [plan]
- name: gcr.io/cloud-builders/docker:latest
  args: [build, .]
"""
AZURE = "trigger: [main]\nstages:\n  - stage: Build\n    displayName: Build the app\n  - stage: Test\n"


def tasks(root) -> dict:
    return {i.path: i for i in scan_repo(root).items if i.kind == "task"}


def test_workflows_run_on_pushes_and_pull_requests_are_where_ci_is_defined(repo):
    found = tasks(
        repo(
            {
                ".github/workflows/tests-pytest.yml": PYTEST,
                ".github/workflows/deploy.yml": DEPLOY_ON_PUSH,
                ".github/workflows/labeler.yml": LABELER,  # one action, no command: triage, not a check
                ".github/workflows/nightly.yml": NIGHTLY,  # a schedule: automation
            }
        )
    )
    assert sorted(found) == [".github/workflows/deploy.yml", ".github/workflows/tests-pytest.yml"]
    check = found[".github/workflows/tests-pytest.yml"]
    assert (check.name, check.runner, check.run, check.line) == ("tests-pytest", "github-actions", None, 2)
    assert check.description == "Tests: Pytest (CI, on push, pull_request)"
    assert check.command == "on push, pull_request of .github/workflows/tests-pytest.yml"
    assert check.capabilities == ["testing", "ci"]
    deploy = found[".github/workflows/deploy.yml"]
    assert deploy.capabilities == ["deploy"]  # a deploy on push to main ships, it checks nothing
    assert deploy.run is None


def test_a_ci_check_is_ci_first_in_the_brief_whatever_it_checks(repo, tmp_path, monkeypatch):
    monkeypatch.setenv("SKILLDEX_CACHE_DIR", str(tmp_path / "cache"))
    root = repo(
        {
            ".github/workflows/tests-pytest.yml": PYTEST,
            ".github/workflows/unit-tests.yml": PYTEST.replace("on:\n", "on:\n  workflow_dispatch:\n"),
            ".github/workflows/deploy.yml": DEPLOY_ON_PUSH,
            ".github/workflows/test.yml": PYTEST,
            ".github/workflows/a-version.yml": VERSION_CHECK,
            "Makefile": "test: ## Run the tests\n\tpytest\n",
        }
    )
    index = repo_index(root, "repo")
    try:
        rows = {r.path: r for r in index.rows}
    finally:
        index.close()
    assert {path: row.main for path, row in rows.items()} == {
        ".github/workflows/tests-pytest.yml": "ci",
        ".github/workflows/unit-tests.yml": "ci",  # a check on pull requests that can also be started by hand
        ".github/workflows/deploy.yml": "deploy",
        ".github/workflows/test.yml": "ci",
        ".github/workflows/a-version.yml": "ci",
        "Makefile": "testing",
    }
    assert rows[".github/workflows/unit-tests.yml"].run == "gh workflow run unit-tests.yml"
    ci = sorted((r for r in rows.values() if r.main == "ci"), key=rank)
    assert [r.path for r in ci][-1] == ".github/workflows/a-version.yml"  # the checks that run the tests first
    assert "copy of a root task" not in rows[".github/workflows/test.yml"].why  # CI's, not a package's `make test`


@pytest.mark.parametrize(
    ("path", "text", "runner", "name", "description"),
    [
        (
            ".buildkite/pipeline.yml",
            BUILDKITE,
            "buildkite",
            "pipeline",
            "Buildkite pipeline (CI): autoformat; test invalidation lambda; deploy invalidation lambda",
        ),
        (".gitlab-ci.yml", GITLAB, "gitlab-ci", ".gitlab-ci", "GitLab CI pipeline (CI): unit-tests; deploy-prod"),
        (".circleci/config.yml", CIRCLE, "circleci", "circleci", "CircleCI pipeline (CI): build; test"),
        ("Jenkinsfile", JENKINS, "jenkins", "jenkins", "Jenkins pipeline (CI): Build; Test"),
        (
            "azure-pipelines.yml",
            AZURE,
            "azure-pipelines",
            "azure-pipelines",
            "Azure Pipelines pipeline (CI): Build the app; Test",
        ),
        (
            "build/cloudbuild-tf-plan.yaml",
            CLOUDBUILD,
            "cloud-build",
            "cloudbuild-tf-plan",
            "Cloud Build config (CI): tf plan; docker",  # a step without an id is known by its builder
        ),
        (
            "lint.cloudbuild.yaml",
            CLOUDBUILD,
            "cloud-build",
            "lint.cloudbuild",
            "Cloud Build config (CI): tf plan; docker",
        ),
    ],
)
def test_other_ci_systems_pipelines_are_catalogued_with_their_jobs(repo, path, text, runner, name, description):
    found = tasks(repo({path: text}))
    assert list(found) == [path]
    item = found[path]
    assert (item.runner, item.name, item.run, item.description) == (runner, name, None, description)
    assert "ci" in item.capabilities


def test_pipelines_elsewhere_or_unreadable_are_nothing(repo):
    found = tasks(
        repo(
            {
                "docs/.buildkite/pipeline.yml": BUILDKITE,  # only where the CI system reads it
                ".buildkite/scripts/pipeline.yml": BUILDKITE,
                "a/b/Jenkinsfile": JENKINS,
                ".gitlab-ci.yml": "stages: [test\n",  # GitLab cannot read it either
            }
        )
    )
    assert list(found) == [".gitlab-ci.yml"]
    assert found[".gitlab-ci.yml"].description == "GitLab CI pipeline (CI)"


CI_REUSABLE = """name: CI
on:
  workflow_call:
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: bin/rails test
"""


def test_a_reusable_workflow_a_trigger_only_calls_is_where_ci_is_defined(repo):
    """`pr.yml` only calls `ci.yml` on pull requests: ci.yml holds the checks. A caller that runs several reusable
    workflows in an order is the pipeline, and they are its parts (left out, as before)."""
    called = "  {name}:\n    uses: ./.github/workflows/{name}.yml\n"
    found = tasks(
        repo(
            {
                ".github/workflows/pr.yml": "name: PR\non:\n  pull_request:\njobs:\n" + called.format(name="ci"),
                ".github/workflows/ci.yml": CI_REUSABLE,
                ".github/workflows/main.yml": "on:\n  push:\njobs:\n"
                + called.format(name="lint")
                + called.format(name="unit"),
                ".github/workflows/lint.yml": CI_REUSABLE,
                ".github/workflows/unit.yml": CI_REUSABLE,
                ".github/workflows/orphan.yml": CI_REUSABLE,  # nobody calls it: runs on nothing
            }
        )
    )
    assert sorted(found) == [".github/workflows/ci.yml", ".github/workflows/main.yml", ".github/workflows/pr.yml"]
    ci = found[".github/workflows/ci.yml"]
    assert (ci.description, ci.run) == ("CI (CI, on pull_request)", None)
    assert "ci" in ci.capabilities
