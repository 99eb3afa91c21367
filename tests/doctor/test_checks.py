"""Every doctor check on a fixture repo that trips it (exact code, path, line, message) and on one that must not."""

from __future__ import annotations

import pytest

from skilldex.doctor import active_codes, parse_since
from skilldex.errors import UsageError


def skill(name: str, description: str = "Does the thing. Use when asked.", extra: str = "") -> str:
    return f"---\nname: {name}\ndescription: {description}\n{extra}---\n# {name}\n\nBody.\n"


TOOL = '#!/usr/bin/env python3\n"""Run SQL against the database."""\n'
WORKFLOW = """name: Deploy
on: workflow_dispatch
jobs:
  deploy:
    runs-on: ubuntu-latest
    env:
      HOST: legacy-web-01.corp.acme.io
    steps:
      - name: Restart on legacy-web-01
        run: ssh deploy@$HOST 'systemctl restart api'
"""

# (code, files, path, line, column, words the message must contain)
TRIGGERS = [
    (
        "SKD601",
        {
            "docs/ops.md": "# Ops\n\nIf columns are missing, use the apply-migrations skill.\n\n```\n"
            "/apply-migrations\n```\n",
            ".claude/skills/run-migrations/SKILL.md": skill("run-migrations"),
        },
        "docs/ops.md",
        3,
        33,
        ["'/apply-migrations'", "also on line 6", "closest existing: skill /run-migrations"],
    ),
    (
        "SKD602",
        {"CLAUDE.md": "# Notes\n\n```bash\npython3 tools/rds-querry --tables\n```\n", "tools/rds-query": TOOL},
        "CLAUDE.md",
        4,
        9,
        ["runs 'tools/rds-querry'", "closest existing: tools/rds-query"],
    ),
    (
        "SKD603",
        {"README.md": "# R\n\nSee [the runbook](docs/runbook.md).\n"},
        "README.md",
        3,
        19,
        ["links to 'docs/runbook.md'", "not in the repo"],
    ),
    (
        "SKD602",
        {"docs/ops/deploy.rst": "Deploy\n======\n\nRun ``scripts/rollback.sh`` to go back.\n"},
        "docs/ops/deploy.rst",
        4,
        7,
        ["runs 'scripts/rollback.sh'", "not in the repo"],
    ),
    (
        "SKD604",
        {".claude/skills/ops/deploy/SKILL.md": skill("deploy")},
        ".claude/skills/ops/deploy/SKILL.md",
        1,
        None,
        ["2 levels below .claude/skills/", "never runs"],
    ),
    (
        "SKD605",
        {".claude/skills/deploy/SKILL.md": skill("deploy", "Use when: prod is down")},
        ".claude/skills/deploy/SKILL.md",
        3,
        22,
        ["frontmatter does not parse", "never picks '/deploy'"],
    ),
    (
        "SKD608",
        {"tools/sync.sh": "#!/bin/sh\nset -eu\nrsync -a a b\n"},
        "tools/sync.sh",
        1,
        None,
        ["'sync.sh'", "no docstring, header comment or usage"],
    ),
    (
        "SKD612",
        {
            ".github/workflows/deploy.yml": WORKFLOW,
            "docs/INFRASTRUCTURE.md": "# Infra\n\nWe moved to containers. The VM\n`legacy-web-01` has been "
            "terminated; do not use it.\n",
        },
        ".github/workflows/deploy.yml",
        7,
        13,
        [
            "targets 'legacy-web-01' (in 'legacy-web-01.corp.acme.io')",
            "docs/INFRASTRUCTURE.md:4 says it is gone",
            'has been terminated"',
            "also on line 9",
        ],
    ),
    (
        "SKD613",
        {
            ".github/workflows/sync.yml": "on: push\njobs:\n  s:\n    runs-on: x\n    steps:\n"
            "      - run: rsync -a out/ deploy@files.corp.acme.io:/srv\n"
        },
        ".github/workflows/sync.yml",
        6,
        None,
        ["host 'files.corp.acme.io'", "no other file"],
    ),
    ("SKD614", {"README.md": "# R\n"}, ".", None, None, ["git history checks skipped", "not a git repository"]),
    (
        "SKD615",
        {
            "docs/deploy.md": "# Deploy\n\nRun `make deploy-stg`.\n\n```bash\nmake lint deploy-stg ENV=prod\n```\n",
            "Makefile": ".PHONY: lint\nlint:\n\truff .\n## Deploy to staging\ndeploy-staging:\n\t./deploy.sh\n",
        },
        "docs/deploy.md",
        3,
        11,
        [
            "runs `make deploy-stg`",
            "Makefile defines no target 'deploy-stg'",
            "also on line 6",
            "closest: 'deploy-staging'",
        ],
    ),
]


@pytest.mark.parametrize("code, files, path, line, column, words", TRIGGERS, ids=[t[0] for t in TRIGGERS])
def test_check_triggers_with_code_path_line_and_message(make_repo, doctor, code, files, path, line, column, words):
    report = doctor(make_repo(files))
    found = [f for f in report.findings if f.code == code]
    assert len(found) == 1, report.findings
    finding = found[0]
    assert (finding.path, finding.line) == (path, line)
    if column is not None:
        assert finding.column == column
    for word in words:
        assert word in finding.message, finding.message
    assert finding.fix


CLEAN = [
    (
        "SKD601",
        {
            "docs/guide.md": (
                "# Guide\n\nUse /tmp for scratch, edit /etc/hosts, read https://example.com/a/b, and/or 1/2.\n"
                "The `/api/v1/users` endpoint returns users; `/health` is the probe route.\n"
                "Run `/help`, then `/compact`; `/db:describe-table` and `/describe-table` describe a table.\n"
                "Use the `/deploy` skill or `/myplugin:ship`; `/other-plugin:thing` comes from a marketplace.\n"
                "Run `/docs` to browse the docs folder.\n\n"
                "```text\n/data  100G  12G\n/healthz 200 OK\n```\n"
            ),
            "docs/README.md": "# Docs\n",
            ".claude/commands/db/describe-table.md": "Describe a table.\n",
            ".claude/skills/deploy/SKILL.md": skill("deploy"),
            "myplugin/.claude-plugin/plugin.json": '{"name": "myplugin"}',
            "myplugin/skills/ship/SKILL.md": skill("ship"),
        },
    ),
    (
        "SKD602",
        {
            "docs/ops.md": "# Ops\n\n```bash\ncd backend && python3 manage.py migrate\nscripts/x-sync.sh\n"
            "$(pwd)/scripts/gone.sh\nnode_modules/.bin/eslint .\nvenv/bin/python -V\n```\n",
            "backend/manage.py": TOOL,
            "infra/scripts/x-sync.sh": "#!/bin/sh\n# Sync.\n",
        },
    ),
    (
        "SKD603",
        {
            "CLAUDE.md": "# C\n\nLocal settings go in `backend/.env.local`. Sessions: `sessions/YYYYMMDD-<x>.md`.\n"
            "Create `reports/weekly.md` each Monday. Outputs `dist/app.js`. See `docs/` and `src/`.\n",
            "docs/index.md": "# Docs\n\nRead [the guide](guide), [setup](setup.html), [notes](<release notes.md>), "
            "[home](../README.md) and `app/models.py` (in backend/).\n",
            "docs/guide.md": "# G\n",
            "docs/setup.md": "# S\n",
            "docs/release notes.md": "# N\n",
            "README.md": "# R\n",
            "backend/app/models.py": "x = 1\n",
        },
    ),
    (
        "SKD604",
        {
            ".claude/skills/deploy/SKILL.md": skill("deploy"),
            "tests/fixtures/bad/.claude/skills/a/b/SKILL.md": skill("b"),
        },
    ),
    (
        "SKD605",
        {
            ".claude/skills/manual/SKILL.md": "---\ndisable-model-invocation: true\n---\nOnly by hand.\n",
            ".claude/skills/deploy/SKILL.md": skill("deploy"),
        },
    ),
    (
        "SKD608",
        {
            "tools/sync.sh": "#!/bin/sh\n# Sync the bucket to the CDN.\nrsync -a a b\n",
            "bin/load-mocks": "#!/usr/bin/env python\nimport argparse\nparser = argparse.ArgumentParser()\n"
            "parser.add_argument('--events', type=int, help='number of events')\n",
            "tests/fixtures/tools/bare.sh": "#!/bin/sh\nset -eu\n",
        },
    ),
    (
        "SKD612",
        {
            ".github/workflows/deploy.yml": WORKFLOW,
            "docs/INFRASTRUCTURE.md": "# Infra\n\nThe VM `legacy-web-01` has not been terminated yet.\n",
            "docs/history.md": "# History\n\nDeploys were run on `old-web-02`.\n",
            "docs/runbooks/old.md": "# Old\n\nThe host `old-web-02` was retired in 2024.\n",
        },
    ),
    (
        "SKD615",
        {
            "docs/dev.md": "# Dev\n\n```bash\nmake -C infra plan\nmake hello\nmake app.o\nmake $(TARGET)\n"
            "make <target>\ncd web && npm run dev && npm test\npnpm --filter web run gone\n"
            "yarn build\nbun run index.ts\nmake -C /opt/other install\ncd /tmp/x && make all\n```\n"
            "Add a `make fmt` target when you need one.\n",
            "Makefile": "-include .env\nlint:\n\truff .\n",
            "hello.c": "int main(){}\n",
            "infra/Makefile": "include common.mk\n",  # targets may come from common.mk
            "web/package.json": '{"scripts": {"dev": "vite"}}',
            "gen/README.md": "# Gen\n\n```\nmake build-api\n```\n",
            "gen/Makefile": "build-%:\n\tgo build ./cmd/$*\n",
        },
    ),
    (
        "SKD613",
        {
            ".github/workflows/sync.yml": "on: push\njobs:\n  s:\n    runs-on: x\n    steps:\n"
            "      - run: rsync -a out/ deploy@files.corp.acme.io:/srv\n"
            "      - run: curl https://api.github.com/x && docker push ghcr.io/a/b\n",
            "deploy/hosts.ini": "[files]\nfiles.corp.acme.io\n",
        },
    ),
]


@pytest.mark.parametrize("code, files", CLEAN, ids=[c[0] for c in CLEAN])
def test_check_stays_quiet_on_a_close_clean_repo(make_repo, doctor, code, files):
    report = doctor(make_repo(files), use_git=False)
    assert [f for f in report.findings if f.code == code] == []


def test_every_doctor_rule_has_a_trigger_test():
    from skilldex.rules.doctor import CODES

    tested = {t[0] for t in TRIGGERS} | {"SKD606", "SKD607"}  # below: two repos, a personal skill
    tested |= {"SKD609", "SKD610", "SKD611"}  # test_git.py: histories built with real git
    assert set(CODES) == tested


def test_lowercase_skill_md_is_never_loaded(make_repo, doctor):
    report = doctor(make_repo({".claude/skills/deploy/skill.md": skill("deploy")}), use_git=False)
    [finding] = report.findings
    assert (finding.code, finding.path, finding.line) == ("SKD604", ".claude/skills/deploy/skill.md", 1)
    assert "not named exactly SKILL.md" in finding.message
    assert finding.fix == "Rename it: git mv .claude/skills/deploy/skill.md .claude/skills/deploy/SKILL.md"


def test_missing_description_says_what_claude_code_falls_back_to(make_repo, doctor):
    report = doctor(
        make_repo({".claude/skills/deploy/SKILL.md": "---\nname: deploy\n---\nShips the API.\n"}), use_git=False
    )
    [finding] = report.findings
    assert finding.code == "SKD605"
    assert "has no `description:`; it falls back to the first paragraph: 'Ships the API.'" in finding.message


def test_same_name_in_two_repos_clashes_unless_the_copies_agree(make_repo, doctor):
    one = make_repo(
        {
            ".claude/skills/deploy/SKILL.md": skill("deploy", "Deploys the Lambda."),
            ".claude/skills/lint/SKILL.md": skill("lint", "Lints."),
        },
        "one",
    )
    two = make_repo(
        {
            ".claude/commands/deploy.md": "---\ndescription: Applies the k8s manifests.\n---\n",
            ".claude/skills/lint/SKILL.md": skill("lint", "Lints."),
        },
        "two",
    )
    report = doctor(one, two, use_git=False)
    clashes = sorted((f.path, f.message) for f in report.findings if f.code == "SKD606")
    assert clashes == [
        (
            ".claude/skills/deploy/SKILL.md",
            "'/deploy' also names a different command in two: .claude/commands/deploy.md",
        ),
        (
            f"{two}/.claude/commands/deploy.md",
            "'/deploy' also names a different skill in one: .claude/skills/deploy/SKILL.md",
        ),
    ]
    assert not doctor(one, use_git=False).findings  # one repo alone: nothing to clash with


def test_personal_skill_shadows_project_skill_and_counts_as_known(make_repo, doctor, home):
    (home / ".claude/skills/deploy").mkdir(parents=True)
    (home / ".claude/skills/deploy/SKILL.md").write_text(skill("deploy"))
    (home / ".claude/skills/my-notes").mkdir(parents=True)
    (home / ".claude/skills/my-notes/SKILL.md").write_text(skill("my-notes"))
    root = make_repo(
        {
            ".claude/skills/deploy/SKILL.md": skill("deploy"),
            "CLAUDE.md": "# C\n\nUse the `my-notes` skill for session notes.\n",
        }
    )
    [finding] = doctor(root, use_git=False).findings
    assert (finding.code, finding.path) == ("SKD607", ".claude/skills/deploy/SKILL.md")
    assert finding.message.startswith("personal ~/.claude/skills/deploy/SKILL.md has the same name")


def test_skill_named_in_another_workspace_repo_says_so(make_repo, doctor):
    ops = make_repo({"docs/ops.md": "# Ops\n\nRun `/k8s-port-forward` first.\n"}, "ops")
    other = make_repo({".claude/skills/k8s-port-forward/SKILL.md": skill("k8s-port-forward")}, "cluster")
    [finding] = [f for f in doctor(ops, other, use_git=False).findings if f.code == "SKD601"]
    assert "workspace repo cluster has a skill of that name, not loaded in this repo" in finding.message


def test_tool_mentioned_as_a_skill_points_at_the_tool(make_repo, doctor):
    root = make_repo({"docs/ops.md": "# Ops\n\nUse the `rds-query` skill.\n", "tools/rds-query": TOOL})
    [finding] = doctor(root, use_git=False).findings
    assert finding.code == "SKD601" and "closest existing: tool rds-query (tools/rds-query)" in finding.message


def test_docs_in_history_proposal_and_fixture_folders_are_not_checked(make_repo, doctor):
    gone = "# Old\n\nRun `tools/gone.sh` and the `vanished` skill.\n"
    root = make_repo(
        {
            "docs/adr/0001.md": gone,
            "CHANGELOG.md": gone,
            "docs/design/next.md": gone,
            "tests/fixtures/repo/CLAUDE.md": gone,
            "examples/demo/README.md": gone,
        }
    )
    assert doctor(root, use_git=False).findings == []


def test_workflow_mentions_are_checked_from_the_repo_root(make_repo, doctor):
    root = make_repo(
        {
            ".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n"
            "      - uses: ./.github/actions/setup\n"
            "      - run: scripts/ci-gone.sh\n",
            "scripts/ci.sh": "#!/bin/sh\n# CI.\n",
        }
    )
    found = sorted((f.code, f.line, f.message) for f in doctor(root, use_git=False).findings)
    assert found == [
        ("SKD602", 7, "runs 'scripts/ci-gone.sh', which is not in the repo; closest existing: scripts/ci.sh"),
        ("SKD603", 6, "names '.github/actions/setup', which is not in the repo"),
    ]


def test_select_ignore_and_since_options():
    assert active_codes(["SKD601,SKD612"]) == {"SKD601", "SKD612"}
    assert "SKD614" not in active_codes(ignore=["SKD614"])
    assert active_codes(["all"], ["SKD61"]) == {f"SKD60{i}" for i in range(1, 10)}
    with pytest.raises(UsageError, match="SKD012"):
        active_codes(["SKD012"])
    assert parse_since("2025-01-31") == 1738281600
    with pytest.raises(UsageError, match="--since 'soon'"):
        parse_since("soon")


def test_another_tools_config_folder_is_not_a_dangling_path(make_repo, doctor):
    root = make_repo(
        {
            "README.md": "# R\n\nAdd it to `.cursor/mcp.json` or `.vscode/settings.json`.\n"
            "Our own `.github/workflows/gone.yml` runs the release.\n",
            ".github/workflows/ci.yml": "on: push\n",
        }
    )
    found = [(f.code, f.message.split(";")[0]) for f in doctor(root, use_git=False).findings]
    assert found == [("SKD603", "names '.github/workflows/gone.yml', which is not in the repo")]


def test_a_mention_on_a_line_that_says_it_is_gone_is_not_dangling(make_repo, doctor):
    root = make_repo(
        {
            "docs/ops.md": "# Ops\n\nOld flow `hack/e2e-node-test.sh` is gone; use `make test`.\n"
            "The helper `scripts/migrate.sh` was removed in 2023.\n"
            "Run `scripts/deploy.sh` to deploy.\n"
        }
    )
    found = [(f.code, f.line) for f in doctor(root, use_git=False).findings if f.code.startswith("SKD60")]
    assert found == [("SKD602", 5)]


def test_task_runs_are_checked_in_the_folder_the_command_runs_in(make_repo, doctor):
    repo = make_repo(
        {
            ".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    runs-on: x\n    defaults:\n      run:\n"
            "        working-directory: web\n    steps:\n      - run: npm run lint\n"
            "      - run: npm run build\n",
            "web/package.json": '{"scripts": {"build": "vite build"}}',
            "web/README.md": "# Web\n\n```\nnpm run dev\n```\n",
            "package.json": '{"scripts": {"dev": "turbo dev"}}',
            "README.md": "# R\n\n```sh\nnpm run dev\nmake -C web all\ncd web\nnpm run dev\n```\n",
            "web/Makefile": "build:\n\tnpm run build\n",
        }
    )
    found = {
        (f.path, f.line, f.message.split(",")[0]) for f in doctor(repo, use_git=False).findings if f.code == "SKD615"
    }
    assert found == {
        (".github/workflows/ci.yml", 9, "runs `npm run lint`"),
        ("web/README.md", 4, "runs `npm run dev`"),
        ("README.md", 5, "runs `make all`"),
        ("README.md", 7, "runs `npm run dev`"),
    }


def test_a_nested_skill_loaded_through_a_symlink_is_loaded(make_repo, doctor):
    """`.claude/skills/sync/SKILL.md` -> `../kit/sync/SKILL.md`, or into a home `.claude/skills/` this repo is
    (dotfiles): Claude Code loads the nested skill through the link; a nested skill nothing links stays unloaded."""
    root = make_repo(
        {
            ".claude/skills/kit/sync/SKILL.md": skill("sync"),
            ".claude/skills/kit/pair/SKILL.md": skill("pair"),
            ".claude/skills/kit/other/SKILL.md": skill("other"),
        }
    )
    links = root / ".claude" / "skills"
    (links / "sync").mkdir()
    (links / "sync" / "SKILL.md").symlink_to("../kit/sync/SKILL.md")
    (links / "pair").mkdir()
    (links / "pair" / "SKILL.md").symlink_to("/Users/me/.claude/skills/kit/pair/SKILL.md")  # dangling here
    found = [(f.code, f.path) for f in doctor(root, use_git=False).findings if f.code == "SKD604"]
    assert found == [("SKD604", ".claude/skills/kit/other/SKILL.md")]
