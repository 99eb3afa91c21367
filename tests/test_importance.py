"""Importance: the repo's own evidence orders the brief; helpers, records and what the rules forbid never lead."""

from __future__ import annotations

import json
import subprocess
import sys

from skilldex.index.refresh import repo_index
from skilldex.samples import in_samples
from skilldex.startup import render

CLAUDE_MD = """# Notes for agents

## Commands
- `make test` runs the whole suite; `make deploy` ships to production.

## Rules
Never run `npm` directly: the hook blocks it. Use the make targets instead.
"""

KNOWLEDGE = """---
title: Database access
tags: [database]
applies-when:
  - query the production database
---

# Database access

## Don't

- Connect with `scripts/old-psql.sh`: the database is VPC-isolated.

## Do

- Use `tools/db-query` instead.
"""

MAKEFILE = """test: ## Run the tests
\tpytest

deploy: ## Deploy the service to production
\tscripts/deploy.sh

release-check: ## Check the release notes
\tscripts/gate.sh
"""


def _files() -> dict[str, str]:
    return {
        "CLAUDE.md": CLAUDE_MD,
        "Makefile": MAKEFILE,
        "knowledge/database-access.md": KNOWLEDGE,
        "tools/db-query": '#!/usr/bin/env python3\n"""Run SQL against the production database."""\n',
        "scripts/old-psql.sh": '#!/bin/sh\n# Open psql against the production database.\npsql "$DATABASE_URL"\n',
        "scripts/deploy.sh": "#!/bin/sh\n# Deploy the service to production.\n. scripts/deploy-lib.sh\nship\n",
        "scripts/deploy-lib.sh": "#!/bin/sh\n# Deploy helpers: rollout and rollback functions.\nship() { :; }\n",
        "scripts/gate.sh": "#!/bin/sh\n# Gate a deployment on the release checklist.\n",
        "apps/web/package.json": json.dumps({"scripts": {"build": "vite build", "test": "vitest run"}}),
        ".claude/skills/run-tests/SKILL.md": "---\nname: run-tests\ndescription: Run the pytest suite of the "
        "backend.\n---\nRun it.\n",
        ".claude/rules/database-migrations.md": "# Database migrations\n\nCreate them with alembic; never edit one "
        "that was applied.\n",
        "docs/plans/deploy-rollout-plan.md": "# Deploy rollout plan\n\nHow we might deploy with canaries.\n",
        ".claude/tests/fixtures/skills/deploy-fake/SKILL.md": "---\nname: deploy-fake\ndescription: Deploy a "
        "fixture.\n---\nx\n",
    }


def _rows(root):
    index = repo_index(root, "svc")
    try:
        return {(r.kind, r.path, r.name): r for r in index.rows}, render([index])
    finally:
        index.close()


def test_evidence_orders_items_and_says_why(repo):
    rows, _ = _rows(repo(_files()))
    test = rows[("task", "Makefile", "test")]
    assert (test.importance, test.why) == (5, "named in CLAUDE.md; a documented task")
    lib = rows[("tool", "scripts/deploy-lib.sh", "deploy-lib.sh")]
    assert lib.importance < 0 and "an internal helper (sourced by scripts/deploy.sh)" in lib.why
    gate = rows[("tool", "scripts/gate.sh", "gate.sh")]
    assert "an internal helper (run by task release-check)" in gate.why
    plan = rows[("doc", "docs/plans/deploy-rollout-plan.md", "deploy-rollout-plan")]
    assert plan.why == "a plan, proposal or record: findable, not what to use first"


def test_what_the_rules_forbid_is_marked_and_left_out_of_the_brief(repo):
    rows, brief = _rows(repo(_files()))
    old = rows[("tool", "scripts/old-psql.sh", "old-psql.sh")]
    assert (old.importance, old.why) == (-20, "cited by 2 other items; forbidden by knowledge/database-access.md")
    npm_build = rows[("task", "apps/web/package.json", "build")]
    assert npm_build.why.endswith("forbidden by CLAUDE.md")  # `npm` forbidden: every npm-run task is
    assert "- scripts/old-psql.sh (tool)" not in brief and "npm run" not in brief  # only in the knowledge Don't
    assert "- not for agents: 3 items the repo's rules" in brief
    assert rows[("tool", "tools/db-query", "db-query")].importance > 0  # named in the Do, after "instead"


def test_headlines_cross_kinds_by_importance(repo):
    _, brief = _rows(repo(_files()))
    testing = brief.split("### testing\n", 1)[1].split("###", 1)[0].splitlines()
    assert testing[0] == "- test (task): Run the tests Run: `make test`"  # before the unnamed skill
    assert testing[1].startswith("- run-tests (skill):")
    deploy = brief.split("### deploy\n", 1)[1].split("###", 1)[0]
    assert deploy.index("scripts/deploy.sh") < deploy.index("scripts/deploy-lib.sh")


def test_rules_docs_are_read_and_fixture_skills_are_samples(repo):
    rows, brief = _rows(repo(_files()))
    rule = rows[("doc", ".claude/rules/database-migrations.md", "database-migrations")]
    assert rule.capabilities == ["database", "migrations"]
    assert in_samples(".claude/tests/fixtures/skills/deploy-fake/SKILL.md")
    assert "deploy-fake" not in brief


def test_headlines_never_name_helpers_or_records(repo):
    files = _files()
    files["Makefile"] = "lint: ## Lint\n\truff check .\n"  # no deploy task: only the script, its library, a plan
    index = repo_index(repo(files), "svc")
    try:
        from skilldex.startup import _headlines, groups

        grouped = groups([r for r in index.rows if not in_samples(r.path) and r.importance > -15])
        text = _headlines(index, grouped, 5)
    finally:
        index.close()
    deploy = text.split("### deploy\n", 1)[1].split("###", 1)[0]
    assert "scripts/deploy.sh" in deploy
    assert "deploy-lib.sh" not in deploy and "deploy-rollout-plan" not in deploy


def test_show_says_why_an_item_ranks_where_it_does(repo):
    root = repo(_files())
    done = subprocess.run(
        [sys.executable, "-m", "skilldex", "show", str(root), "scripts/old-psql.sh"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith(
        "Ranks: -20 (cited by 2 other items; forbidden by knowledge/database-access.md)"
    )
    done = subprocess.run(
        [sys.executable, "-m", "skilldex", "show", str(root), "run-tests", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    data = json.loads(done.stdout)
    assert (data["importance"], data["why"]) == (0, "no evidence either way")


def test_a_capability_with_nothing_to_headline_is_one_pointer_line(repo):
    files = {
        "Makefile": "lint: ## Lint\n\truff check .\n",
        "docs/plans/secrets-rotation-plan.md": "# Secrets rotation plan\n\nProposal: rotate vault tokens monthly.\n",
    }
    index = repo_index(repo(files), "svc")
    try:
        from skilldex.startup import _headlines, groups

        grouped = groups(list(index.rows))
        text = _headlines(index, grouped, 5)
    finally:
        index.close()
    assert "### secrets\n" not in text  # no heading left empty but for "and 1 more"
    assert '### secrets: 1 item, none a headline: `skilldex find svc "secrets ..."`\n' in text, text


def test_the_full_listing_says_when_a_capability_has_nothing_to_headline(repo):
    files = {
        "Makefile": "lint: ## Lint\n\truff check .\n",
        "docs/plans/secrets-rotation-plan.md": "# Secrets rotation plan\n\nProposal: rotate vault tokens monthly.\n",
    }
    _, brief = _rows(repo(files))
    assert "### quality\n- lint (task): Lint" in brief
    assert "### secrets: 1 item, none a headline\n- docs/plans/secrets-rotation-plan.md (doc):" in brief  # listed


def test_a_script_a_documented_task_runs_is_its_helper_whoever_names_it(repo):
    root = repo(
        {
            "AGENTS.md": "# Agents\n\nRun `make create-cluster`; it calls `scripts/cluster.sh create`.\n",
            "Makefile": "CLUSTER_SCRIPT := scripts/cluster.sh\n\ncreate-cluster:\n\t@$(CLUSTER_SCRIPT) create\n",
            "scripts/cluster.sh": "#!/bin/sh\n# Create the OpenShift cluster.\n",
        }
    )
    rows, _ = _rows(root)
    task = rows[("task", "Makefile", "create-cluster")]
    assert task.description == "Runs: scripts/cluster.sh create"  # the variable naming the program, as make reads it
    script = rows[("tool", "scripts/cluster.sh", "cluster.sh")]
    assert script.why.endswith("an internal helper (run by task create-cluster): use its caller")
    assert script.importance == -4 < task.importance  # named in AGENTS.md, yet never a headline


def test_a_guide_below_the_root_guides_its_own_folder_only(repo):
    root = repo(
        {
            "docs/explanation/README.md": "# Development\n\nSee docs/reference/env.md and docs/explanation/ports.md.\n",
            "docs/CONTRIBUTING.md": "# Contributing\n\nRead docs/guides/runbook.md.\n",  # a repo-wide guide
            "docs/guides/runbook.md": "# Production runbook\n\nSteps.\n",
            "docs/reference/env.md": "# Environment variables for production\n\nDATABASE_URL.\n",
            "docs/explanation/ports.md": "# Ports in production\n\nThe ports.\n",
        }
    )
    rows, _ = _rows(root)
    assert rows[("doc", "docs/explanation/ports.md", "ports")].why.startswith("named in docs/explanation/README.md")
    assert rows[("doc", "docs/reference/env.md", "env")].why == ""  # a docs index's list, not guidance
    assert rows[("doc", "docs/guides/runbook.md", "runbook")].why.startswith("named in docs/CONTRIBUTING.md")


def test_a_tasks_runs_description_is_no_citation_of_the_script_it_runs(repo):
    root = repo(
        {
            "Makefile": "upgrade-dpu:\n\t@scripts/upgrade-dpu.sh\n",  # no description: "Runs: scripts/upgrade-dpu.sh"
            "scripts/upgrade-dpu.sh": "#!/bin/sh\n# Upgrade the DPU firmware.\n",
        }
    )
    rows, _ = _rows(root)
    script = rows[("tool", "scripts/upgrade-dpu.sh", "upgrade-dpu.sh")]
    assert script.why == "cited by 1 other item; an internal helper (run by task upgrade-dpu): use its caller"
