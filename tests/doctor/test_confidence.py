"""Doctor findings at a severity that matches how sure they are: the patterns of false errors found on real
public repos (benchmarks/doctor/labels.tsv) stay quiet or drop a level, and real drift stays an error."""

from __future__ import annotations

import os

import pytest

from skilldex.models import Severity

SKILL = "---\nname: {0}\ndescription: Use when you need {0}.\n---\n\nSteps.\n"
TOOL = "#!/bin/sh\n# Deploy the app.\necho deploy\n"


def shown(report, *codes: str) -> list[tuple[str, str, int | None, str]]:
    return [(f.code, f.path, f.line, f.severity.value) for f in report.findings if f.code in codes]


@pytest.mark.parametrize(
    "doc",
    [
        "# Ops\n\nAll `gh` commands are read-only; the `task` commands wrap terraform.\n",
        "# Ops\n\nTo get data, use the `seed` command of the CLI.\n",
        "# Skills\n\nUse the public `langfuse` skill from `langfuse/skills` for SDK questions.\n",
        "# Skills\n\nThis wraps chub's own `get-api-docs` skill.\n",
        '# Rules\n\nA rule can say "load the `ui-change` skill" and stay short.\n',
        "# Skills\n\nThere is no `/sentinel-review` command: read the reports instead.\n",
        "# Skills\n\nExample: when building a `pdf-editor` skill, list its scripts.\n",
        "# Skills\n\nType `/my-command` to run your command (a claude skill).\n",
        "# Skills\n\nThe one useful idea, a `/depersonalise` command, is parked (claude skills).\n",
        "# Recon (claude skill)\n\n```\n/graphql\n/api/graphql\n/gql\n```\n",
        "# Ralph\n\n/plugin install ralph-wiggum@claude-plugins-official\n\nStop it with `/cancel-ralph`.\n",
        "# Bot\n\nNew members type `/verify` in the #welcome channel.\n",
        "# Session\n\nFork the conversation with `/branch`, then `/teleport` it (claude).\n",
    ],
)
def test_mentions_that_are_no_missing_skill(make_repo, doctor, doc):
    root = make_repo({"CLAUDE.md": "# Notes\n", "docs/guide.md": doc})
    assert shown(doctor(root, use_git=False), "SKD601") == []


def test_http_docs_name_routes_and_only_skill_lines_name_skills(make_repo, doctor):
    doc = (
        "# Access control (claude skill)\n\nSend GET and POST requests to each endpoint; compare the response,"
        " the headers, the URL and the HTTP status of every request.\n\n- `/profile`\n- `/admin-panel`\n\n"
        "Run `/web-scan` skill next.\n"
    )
    root = make_repo({"docs/access.md": doc})
    assert shown(doctor(root, use_git=False), "SKD601") == [("SKD601", "docs/access.md", 8, "error")]


def test_a_skill_only_named_in_prose_is_a_warning_and_one_to_type_an_error(make_repo, doctor):
    root = make_repo(
        {
            "docs/a.md": "# A\n\nThe `project-planning` skill writes the phases.\n",
            "docs/b.md": "# B\n\n**Use the apply-production-migrations skill**:\n\n"
            "```\n/apply-production-migrations\n```\n",
            "CLAUDE.md": "# C\n\nRun `/deploy-api staging` after merging.\n",
            ".claude/commands/ship.md": "The `notes-drafter` skill drafts the notes.\n",
            ".claude/commands/release-notes.md": "Write the notes.\n",
        }
    )
    # in a doc, only a line that names the skill it tells the agent to use is said to the agent (the seed); a name
    # in passing is a warning where it shares a word with the repo's commands (`notes`), else a note
    assert shown(doctor(root, use_git=False), "SKD601") == [
        ("SKD601", ".claude/commands/ship.md", 1, "warning"),
        ("SKD601", "CLAUDE.md", 3, "error"),
        ("SKD601", "docs/a.md", 3, "info"),
        ("SKD601", "docs/b.md", 3, "error"),
    ]


def test_commands_kept_for_copying_count_as_known(make_repo, doctor):
    root = make_repo(
        {
            "commands/plan-feature.md": "Plan a feature.\n",
            "commands/README.md": "# Commands (claude)\n\nType `/plan-feature` to plan.\n",
        }
    )
    assert shown(doctor(root, use_git=False), "SKD601") == []


@pytest.mark.parametrize(
    "block",
    [
        "mogrify -path ./output -resize 800x600 *.jpg",
        "dotnet publish ./Api/Api.csproj --output ./Api/publish",
        "curl -Lo ./kind https://kind.sigs.k8s.io/dl/kind-linux && chmod +x ./kind && ./kind create cluster",
        "wget -O ./install.sh https://example.org/i.sh\nbash ./install.sh",
        "unzip awscliv2.zip\nsudo ./aws/install",
        "nix build .#app\n./result/bin/app --version",
        "go install honnef.co/go/tools/cmd/staticcheck@latest",
        "git clone https://github.com/o/blutter\ncd blutter\npython3 scripts/init.py",
        "mkdir -p poc && cd poc\n./scripts/new-hackathon",
        "python3 jwt_tool.py <JWT> -C -d wordlist.txt\n./linpeas.sh",
        "kubectl create secret generic s --from-file ./minio-credentials",
    ],
)
def test_arguments_outputs_and_other_repos_are_not_missing_tools(make_repo, doctor, block):
    root = make_repo({"scripts/ok.sh": TOOL, "docs/run.md": f"# Run\n\n```bash\n{block}\n```\n"})
    assert shown(doctor(root, use_git=False), "SKD602", "SKD603") == []


def test_a_clone_of_this_same_repo_is_judged_at_its_root(make_repo, doctor):
    doc = "# Setup\n\n```bash\ngit clone https://github.com/o/app.git && cd app\n./scripts/ok.sh\n```\n"
    root = make_repo({"scripts/ok.sh": TOOL, "README.md": doc})
    assert shown(doctor(root, use_git=False), "SKD602") == []


def test_a_missing_script_in_the_repos_tool_folder_stays_an_error(make_repo, doctor):
    root = make_repo(
        {
            "scripts/deploy.ts": TOOL,
            "AGENTS.md": "# App\n\n```bash\n./scripts/deploy.sh prod\n```\n",
            ".claude/skills/deploy/SKILL.md": "---\nname: deploy\ndescription: Deploy.\n---\n\n"
            "The deploy script is `scripts/deploy.sh`.\n",
        }
    )
    assert shown(doctor(root, use_git=False), "SKD602") == [
        ("SKD602", ".claude/skills/deploy/SKILL.md", 6, "warning"),
        ("SKD602", "AGENTS.md", 4, "error"),
    ]


def test_a_distributed_skill_is_judged_only_for_what_it_bundles(make_repo, doctor):
    reference = "# Setup\n\n```bash\npython3 src/server.py\n./scripts/setup.sh\n```\n\nModels go in `app/models/`.\n"
    root = make_repo(
        {
            "src/main.py": "x = 1\n",
            "skills/coolify/SKILL.md": SKILL.format("coolify"),
            "skills/coolify/scripts/fix-dns.sh": TOOL,
            "skills/coolify/references/setup.md": reference,
        }
    )
    assert shown(doctor(root, use_git=False), "SKD602", "SKD603") == [
        ("SKD602", "skills/coolify/references/setup.md", 5, "error")
    ]


def test_a_checkout_into_a_folder_is_this_repo_there(make_repo, doctor):
    workflow = (
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n        with:\n          path: pr\n"
        "      - run: ./scripts/ok.sh\n        working-directory: pr\n"
        "      - uses: actions/checkout@v4\n        with:\n"
        "          repository: o/other\n          path: other\n"
        "      - run: ./scripts/build-other.sh\n        working-directory: other\n"
        "      - run: ./scripts/gone.sh\n        working-directory: pr\n"
    )
    root = make_repo({"scripts/ok.sh": TOOL, ".github/workflows/ci.yml": workflow})
    assert shown(doctor(root, use_git=False), "SKD602") == [("SKD602", ".github/workflows/ci.yml", 17, "error")]


def test_docs_through_a_symlinked_folder_are_checked_where_they_live(make_repo, doctor):
    recon = SKILL.format("recon") + "\nSee [the guide](../guide/GUIDE.md).\n"
    root = make_repo(
        {"skills/recon/SKILL.md": recon, "skills/guide/GUIDE.md": "# Guide\n", "projects/a/.claude/skills/.keep": ""}
    )
    os.symlink("../../../../skills/recon", root / "projects/a/.claude/skills/recon")  # one skill, not its sibling
    assert shown(doctor(root, use_git=False), "SKD603") == []


@pytest.mark.parametrize(
    "text",
    [
        "Supported types: `application/vnd.msgpack` and `text/html`.\n",
        "Claude Code loads `.claude/skills/` and `.claude/worktrees/` of the project.\n",
        "Then run `modules/XX-module-name.sh` to check it.\n",
        "The memory file (default: `.ai-state/memory.json`) is kept across sessions.\n",
    ],
)
def test_places_placeholders_and_settings_are_not_missing_files(make_repo, doctor, text):
    root = make_repo(
        {
            "docs/guide.md": f"# Guide\n\n{text}",
            ".claude/settings.json": "{}\n",
            ".ai-state/notes.md": "# Notes\n",
            "modules/check.sh": TOOL,
        }
    )
    assert shown(doctor(root, use_git=False), "SKD602", "SKD603") == []


@pytest.mark.parametrize(
    "path",
    [
        "docs/reports/e2e-issues.md",
        "SESSION.md",
        "docs/FLUX_MIGRATION.md",
        "docs/brainstorms/frontend.md",
        "docs/backlog.md",
        "docs/comparison-2026-05-12/05-roadmap.md",
        "skills/x/assets/ROADMAP_TEMPLATE.md",
    ],
)
def test_records_plans_and_templates_name_what_is_not_there(make_repo, doctor, path):
    root = make_repo(
        {path: "# Doc\n\n```bash\n./scripts/dump_openapi.py\n```\n\nSee `docs/gone.md`.\n", "scripts/ok.sh": TOOL}
    )
    assert shown(doctor(root, use_git=False), "SKD602", "SKD603") == []


INFRA = "# Infrastructure\n\n{0}\n"
DEPLOY = "# Deploy\n\nThe API runs on `prod-app-ec2` (ssh deploy@prod-app-ec2).\n"
WORKFLOW = (
    "on: workflow_dispatch\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - run: ssh deploy@prod-app-ec2 restart\n"
)


@pytest.mark.parametrize(
    "statement, severity",
    [
        ("The EC2 instance `prod-app-ec2` has been terminated.", "error"),
        ("The host `prod-app-ec2` was removed from the inventory.", "warning"),
        ("| `prod-app-ec2` host restart | ✅ deleted pods come back |", None),
        ("Per `dec-092` the copy on `prod-app-ec2` was retired.", None),
    ],
)
def test_retired_resources_are_errors_only_in_a_workflow_and_when_a_doc_says_so_outright(
    make_repo, doctor, statement, severity
):
    root = make_repo(
        {"docs/infra.md": INFRA.format(statement), "docs/deploy.md": DEPLOY, ".github/workflows/deploy.yml": WORKFLOW}
    )
    # a workflow deploys to the host; a doc that still names it is info (it may be a note on the past)
    expected = [("SKD612", ".github/workflows/deploy.yml", 6, severity), ("SKD612", "docs/deploy.md", 3, "info")]
    assert shown(doctor(root, use_git=False), "SKD612") == (expected if severity else [])


def test_changed_since_doc_is_info(history, doctor):
    start = {"docs/tools.md": "# Tools\n\nSee `tools/sync.py`.\n", "tools/sync.py": "# Sync.\n"}
    edits = [(f"2024-0{n}-01", {"tools/sync.py": "# Sync.\n" + "x = 1\n" * (40 * n)}) for n in range(2, 8)]
    root, _ = history([("2024-01-01", start), *edits])
    assert shown(doctor(root), "SKD610") == [("SKD610", "docs/tools.md", 3, Severity.info.value)]


def test_allow_lists_and_public_hosts_are_not_orphaned(make_repo, doctor):
    workflow = (
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        '      - run: echo \'{"allow": ["a.one.example.dev", "b.two.example.dev", "c.three.example.dev",'
        ' "d.four.example.dev"]}\' > fw.json\n'
        "      - run: curl -fsSL https://ocsp.sectigo.com/x https://apt.postgresql.org/pub/x\n"
    )
    root = make_repo({".github/workflows/fw.yml": workflow})
    assert shown(doctor(root, use_git=False), "SKD613") == []


def test_targets_of_a_makefile_template_are_known(make_repo, doctor):
    root = make_repo(
        {
            "Makefile": "test:\n\tpytest\n",
            "template/Makefile.jinja": "tests:\n\tpytest\n",
            "docs/testing.md": "# Testing\n\n```bash\nmake tests\nmake lint\n```\n",
        }
    )
    assert shown(doctor(root, use_git=False), "SKD615") == [("SKD615", "docs/testing.md", 5, "warning")]


def test_a_sub_skill_its_parent_routes_to_is_not_misplaced(make_repo, doctor):
    parent = SKILL.format("stack") + "\nRead `frontend/SKILL.md` for browser signals.\n"
    root = make_repo(
        {
            ".claude/skills/stack/SKILL.md": parent,
            ".claude/skills/stack/frontend/SKILL.md": SKILL.format("stack-frontend"),
            ".claude/skills/ops/deploy/SKILL.md": SKILL.format("deploy"),
        }
    )
    assert shown(doctor(root, use_git=False), "SKD604") == [
        ("SKD604", ".claude/skills/ops/deploy/SKILL.md", 1, "error")
    ]


def test_a_table_of_properties_states_no_retirement(make_repo, doctor):
    table = (
        "# Traefik\n\n| Property | Meaning |\n|---|---|\n| `https-entry-point` | handles TLS-terminated "
        "HTTPS traffic |\n| `letsencrypt-email` | contact for certificates; empty disables issuance |\n"
    )
    root = make_repo(
        {
            "docs/traefik.md": table,
            "docs/caddy.md": "# Caddy\n\nSet the `letsencrypt-email` property with `--global`.\n",
        }
    )
    assert shown(doctor(root, use_git=False), "SKD612") == []


def test_commands_that_run_elsewhere_and_arguments(make_repo, doctor):
    doc = (
        "# Processes\n\n```bash\ndokku enter app web python script/worker.py\n"
        "docker compose exec api ./bin/rails db:migrate\n./scripts/reset.sh --seed ./scripts/seed-dev.ts\n```\n"
    )
    root = make_repo(
        {"scripts/reset.sh": TOOL, "docs/processes.md": doc, "docs/README.md": "[Processes](processes.md)\n"}
    )
    assert shown(doctor(root, use_git=False), "SKD602") == [("SKD602", "docs/processes.md", 6, "warning")]


def test_a_workflow_path_into_this_repos_checkout_folder(make_repo, doctor):
    workflow = (
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n        with:\n          path: core-repo\n"
        "      - uses: actions/checkout@v4\n        with:\n          repository: o/envs\n          path: envs\n"
        "      - run: bash ./core-repo/scripts/ok.sh && bash ./envs/scripts/theirs.sh\n"
        "      - run: bash ./core-repo/scripts/gone.sh\n"
        "      - run: git tag ${{ steps.version.outputs.local }}\n"
    )
    root = make_repo({"scripts/ok.sh": TOOL, ".github/workflows/env.yml": workflow})
    assert shown(doctor(root, use_git=False), "SKD602", "SKD613") == [
        ("SKD602", ".github/workflows/env.yml", 14, "error")
    ]


def test_a_shipped_skills_vendored_docs_and_project_commands(make_repo, doctor):
    root = make_repo(
        {
            "skills-templates/openclaw/SKILL.md": SKILL.format("openclaw") + "\nRun `/deploy-openclaw` first.\n",
            "skills-templates/openclaw/references/docs/tui.md": "# TUI (claude skill)\n\n- `/verbose <on|off>`\n",
            "skills-templates/tailwind/SKILL.md": SKILL.format("tailwind") + "\n```bash\nnpm run dev\n```\n",
            "package.json": '{"scripts": {"build": "tsc"}}\n',
            "commands-templates/pr.md": "Open a PR.\n",
            "README.md": "# Claude commands\n\nThen try `/pr`.\n",
            "TODO.md": "# Todo\n\n- [ ] Create /maintenance-plan-update command\n",
        }
    )
    assert shown(doctor(root, use_git=False), "SKD601", "SKD615") == [
        ("SKD601", "skills-templates/openclaw/SKILL.md", 8, "error"),
        ("SKD601", "skills-templates/openclaw/references/docs/tui.md", 3, "info"),
    ]
