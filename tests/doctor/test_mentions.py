"""What doctor reads as a mention of a skill, tool or file, and the ordinary prose it must leave alone."""

from __future__ import annotations

import pytest

from skilldex.doctor.mentions import markdown_mentions
from skilldex.doctor.names import placeholder
from skilldex.doctor.shell import UNKNOWN, script_mentions
from skilldex.doctor.workflows import workflow_mentions


def found(text: str) -> list[tuple[str, str, int]]:
    return [(m.kind, m.target, m.line) for m in markdown_mentions(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("**Use the apply-production-migrations skill**:\n", [("skill", "apply-production-migrations", 1)]),
        ("The `view-production-logs` skill wraps it.\n", [("skill", "view-production-logs", 1)]),
        ("Run `/deploy-api staging` after merging.\n", [("skill", "deploy-api", 1)]),
        ("Then the /release-notes command writes them.\n", [("skill", "release-notes", 1)]),
        ("- `/triage` — sort new issues\n", [("skill", "triage", 1)]),
        ("| `/triage` | sort new issues |\n", [("skill", "triage", 1)]),
        ("```\n/apply-production-migrations\n```\n", [("skill", "apply-production-migrations", 2)]),
        ("Invoke `plugin:deploy` skill.\n", [("skill", "plugin:deploy", 1)]),
        ('```bash\nclaude -p "/nightly-report --since 1d"\n```\n', [("skill", "nightly-report", 2)]),
    ],
)
def test_skill_mentions(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Use /tmp for scratch files and keep /etc/hosts as it is.\n",
        "See https://example.com/a/b and http://x/y for details.\n",
        "Pick one and/or the other; 1/2 of the time, 24/7.\n",
        "The `/api/v1/users` endpoint returns users; GET `/users` lists them.\n",
        "The service answers on the `/health` route.\n",
        "Names that collide (a skill and a command both answering `/deploy`) are reported.\n",
        "It takes practice to develop the problem-solving skill.\n",
        "Pick the right skill for the job; the same skill twice is fine.\n",
        "Create the `release-train` skill when we need it.\n",
        "```bash\n$ ls /opt\n/opt/app  /opt/tools\n```\n",
        "<!-- Use the `/secret-thing` skill -->\n",
    ],
)
def test_prose_that_mentions_no_skill(text):
    assert [m for m in found(text) if m[0] == "skill"] == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Run `python3 tools/rds-query --tables` first.\n", [("tool", "tools/rds-query", 1)]),
        ("```bash\npython3 tools/check.py --table x   # read-only\n```\n", [("tool", "tools/check.py", 2)]),
        ("```bash\ncd infra && ./deploy.sh --env prod\n```\n", [("tool", "deploy.sh", 2)]),
        ("```console\n$ scripts/setup.sh\ntools/missing: not found\n```\n", [("tool", "scripts/setup.sh", 2)]),
        ("See [the runbook](runbooks/db.md) and [home](https://x.io/a/b.md).\n", [("file", "runbooks/db.md", 1)]),
        ("Models live in `backend/app/models.py:42`.\n", [("file", "backend/app/models.py", 1)]),
        ("[x]: docs/guide.md\n", [("file", "docs/guide.md", 1)]),
        ("```bash\n./scripts/release.sh \\\n  --tag v1\n```\n", [("tool", "scripts/release.sh", 2)]),
    ],
)
def test_tool_and_file_mentions(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Settings go in `backend/.env.local`; write a handoff in `sessions/YYYYMMDD-<topic>.md`.\n",
        "The `tools/`, `scripts/` and `docs/` folders, `origin/main`, `application/json` and `v1.2/3.4`.\n",
        "Secrets are under `credmate/prod/db-credentials`; images at `ghcr.io/org/app.v2`.\n",
        "For example `out/report.json` or `build/bin/app`, e.g. `docs/some-page.md`.\n",
        "The build writes `dist/index.js`; reports land in `coverage/index.html` (generated).\n",
        "```python\nopen('data/input.csv')\nsubprocess.run(['tools/gone.sh'])\n```\n",
        "```yaml\nrun: scripts/gone.sh\n```\n",
        '```bash\nexport DIR=$(mktemp -d)\ncd "$DIR" && ./run.sh\nscripts/deploy-${ENV}.sh\n```\n',
        "```\nBrowser ──> CloudFront (frontend, S3)\n  Lambda: tools/not-a-command\n```\n",
        "---\ndescription: Run `tools/in-frontmatter.sh`\n---\n# Title\n",
    ],
)
def test_no_tool_or_file_mentions(text):
    assert found(text) == []


def test_script_cd_and_heredoc_bodies():
    lines = [
        (1, 1, "cd backend"),
        (2, 1, "python3 manage.py migrate"),
        (3, 1, "ssh host <<'EOF'"),
        (4, 1, "  ./remote-only.sh"),
        (5, 1, "EOF"),
        (6, 1, "cd /opt/app && ./absolute.sh"),
        (7, 1, "./after-unknown-cd.sh"),
    ]
    mentions = script_mentions(lines)
    assert [(m.target, m.line, m.base) for m in mentions] == [("manage.py", 2, "backend")]


def test_workflow_run_steps_working_directory_local_actions_and_prompts():
    text = (
        "on: push\n"
        "jobs:\n"
        "  deploy:\n"
        "    runs-on: ubuntu-latest\n"
        "    defaults:\n"
        "      run:\n"
        "        working-directory: infra\n"
        "    steps:\n"
        "      - uses: ./.github/actions/setup\n"
        "      - run: ./deploy.sh ${{ inputs.env }}\n"
        "      - name: multi\n"
        "        run: |\n"
        "          echo hi\n"
        "          python3 scripts/check.py --since '${{ inputs.since }}'\n"
        "        working-directory: .\n"
        "      - uses: anthropics/claude-code-action@v1\n"
        "        with:\n"
        "          prompt: /review-release\n"
        "      - run: curl https://api.example.com/tools/x\n"
    )
    got = [(m.kind, m.target, m.line, m.column, m.base) for m in workflow_mentions(text)]
    assert got == [
        ("file", ".github/actions/setup", 9, 15, ""),
        ("tool", "deploy.sh", 10, 16, "infra"),
        ("tool", "scripts/check.py", 14, 19, ""),
        ("skill", "review-release", 18, None, None),
    ]


def test_workflow_that_is_not_yaml_mentions_nothing():
    assert workflow_mentions("jobs: [\n") == []


def test_unknown_base_is_not_checked():
    mentions = script_mentions([(1, 1, "cd $HOME"), (2, 1, "tools/x.sh")])
    assert mentions == [] and UNKNOWN == "\0"


@pytest.mark.parametrize(
    "command, expected",
    [
        ("make deploy", [("make", "deploy", None, None)]),
        (
            "ENV=prod sudo make -j 4 -C infra -f ops.mk plan apply VERBOSE=1",
            [("make", "plan", "infra", "ops.mk"), ("make", "apply", "infra", "ops.mk")],
        ),
        ("make --directory=infra -Cx plan", [("make", "plan", "x", None)]),
        ("make", []),
        ("make app.o", []),
        ("make $(T)", []),
        ("make -C $DIR plan", []),
        ("make -f /abs/Makefile x", []),
        ("npm run build", [("npm", "build", None, None)]),
        ("pnpm run test:unit", [("pnpm", "test:unit", None, None)]),
        ("yarn run-script lint", [("yarn", "lint", None, None)]),
        ("npm test", []),
        ("yarn build", []),
        ("npm run -w web build", []),
        ("pnpm --filter web run build", []),
        ("bun run src/index.ts", []),
        ("bun run index.ts", []),
        ("npm run build --if-present", []),
        ("makefile-lint x", []),
    ],
)
def test_task_calls_read_only_what_one_file_answers(command, expected):
    from skilldex.doctor.task_calls import task_calls

    found = [(c.runner, c.name, c.folder, c.file) for c in task_calls(command)]
    assert found == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a project-structure tree: `/packages` over indented folders; a worktree layout of absolute paths
        ("```\n/packages\n  /server    # API\n/scripts    # utilities\n```\n", []),
        ("```bash\n# Main\n/project (main branch)\n/project-worktrees/feature-a (feature/a branch)\n```\n", []),
        ("```\nsrc\n├── api\n/deploy\n```\n", []),
        # still commands: a list of commands, one indented under a label, and one said to run
        ("```\nClaude Code:\n  /deploy\n/release\n```\n", [("skill", "deploy", 3), ("skill", "release", 4)]),
        ("Use `/deploy` to ship.\n", [("skill", "deploy", 1)]),
    ],
)
def test_folder_trees_and_switches_are_not_commands(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("name, expected", [("slash-command", True), ("command-name", True), ("slash-deploy", False)])
def test_placeholder_command_names(name, expected):
    assert placeholder(name) is expected
