"""Doctor errors only where a doc is addressed to Claude Code and promises what exists now: product words, skills
kept in a home folder, planned work, walkthroughs that `cd` away, reusable workflows (issue 21, heldout-4)."""

from __future__ import annotations

import pytest

SKILL = "---\nname: {0}\ndescription: Use when you need {0}.\n---\n\nSteps.\n"
TOOL = "#!/bin/sh\n# Deploy the app.\necho deploy\n"


def shown(report, *codes: str) -> list[tuple[str, str, int | None, str]]:
    return sorted((f.code, f.path, f.line, f.severity.value) for f in report.findings if f.code in codes)


def test_a_relays_channel_names_are_no_skill_anywhere_in_the_repo(make_repo, doctor):
    root = make_repo(
        {
            "docs/CLI.md": "# CLI (agents use it)\n\n- `/ops` (default extension channel): see the reference.\n"
            "- `/canvas` (design-canvas channel): typed protocol.\n",
            "AGENTS.md": "# Agents\n\n- Keep overlays aligned with `/canvas` command contracts.\n- Run `/ops` first.\n",
            "skills/best/SKILL.md": SKILL.format("best") + "\n- `/canvas` preview evidence\n- legacy `/cdp` relay\n"
            "- Use `/cdp` for old paths.\n",
            "CLAUDE.md": "# Notes\n\nRun `/ship-release` after merging.\n",
        }
    )
    assert shown(doctor(root, use_git=False), "SKD601") == [("SKD601", "CLAUDE.md", 3, "error")]


def test_a_chat_bots_commands_are_no_skill_anywhere_in_the_repo(make_repo, doctor):
    """In a repo that builds a Telegram bot, `/start` sent to the bot is the bot's command, even in CLAUDE.md;
    a skill the agent is told to run is still checked, and without a bot `Send /x` proves nothing."""
    bot = {
        "README.md": "# Remote\n\nA Telegram bot for Claude Code.\n\n1. Open Telegram\n2. Send `/start` command\n",
        "CLAUDE.md": "# Plan\n\n**Deliverable:** Bot responds to `/start` and `/sessioninfo`\n\nRun `/ship-release`.\n",
        "docs/steps.md": "# Step 10 (Claude Code sessions)\n\n1. Send `/sessioninfo` command\n",
    }
    root = make_repo(bot)
    assert shown(doctor(root, use_git=False), "SKD601") == [("SKD601", "CLAUDE.md", 5, "error")]
    plain = make_repo({**bot, "README.md": "# Remote\n\nSend `/start` to begin.\n"}, name="plain")
    # named in passing, and no command of the repo shares its first word: a note
    assert ("SKD601", "docs/steps.md", 3, "info") in shown(doctor(plain, use_git=False), "SKD601")


def test_a_command_to_type_is_an_error_only_where_it_is_said_to_claude_code(make_repo, doctor):
    root = make_repo(
        {
            # a product's CLI guide that mentions agents somewhere: its `/export` may be the product's own command
            "docs/cli.md": "# Chat client\n\nAgents can drive it too.\n\n## Commands\n\n"
            "- `/share-chat` saves the chat.\n",
            "docs/ops.md": "# Ops\n\nUse the release skill:\n\n```\n/cut-release\n```\n",
            "docs/slash.md": "# Daily work\n\n## Slash commands\n\n- `/triage-issues` sorts the inbox.\n",
            ".claude/commands/plan.md": "Plan it, then run `/write-spec`.\n",
        }
    )
    # only Claude Code's own files hold errors; a doc's heading or nearby "skill" no longer makes one; a name only
    # listed, that shares no word with the repo's commands, is a note
    assert shown(doctor(root, use_git=False), "SKD601") == [
        ("SKD601", ".claude/commands/plan.md", 1, "error"),
        ("SKD601", "docs/cli.md", 7, "info"),
        ("SKD601", "docs/ops.md", 6, "warning"),
        ("SKD601", "docs/slash.md", 5, "info"),
    ]


AGENT = (
    "---\nname: tickets\ndescription: Manage tickets.\n---\n\nYou use the **ticket-system** skill.\n\n"
    "{where}\n\n| Script | Usage |\n|---|---|\n| list | `node scripts/list_tickets.js` |\n"
    "| add | `node scripts/add_ticket.js <id>` |\n"
)


def test_scripts_of_a_skill_kept_in_a_home_folder_are_not_this_repos(make_repo, doctor):
    where = "The ticket-system skill is located at: `/home/me/.claude/skills/ticket-system/`"
    root = make_repo({"scripts/build.sh": TOOL, ".claude/agents/tickets.md": AGENT.format(where=where)})
    # the skill itself is the author's personal one: named, not missing here, so at most a warning
    assert shown(doctor(root, use_git=False), "SKD601", "SKD602") == [
        ("SKD601", ".claude/agents/tickets.md", 6, "warning")
    ]


def test_the_same_scripts_without_a_home_folder_are_missing_tools(make_repo, doctor):
    root = make_repo({"scripts/build.sh": TOOL, ".claude/agents/tickets.md": AGENT.format(where="Run them here.")})
    assert shown(doctor(root, use_git=False), "SKD602") == [
        ("SKD602", ".claude/agents/tickets.md", 12, "error"),
        ("SKD602", ".claude/agents/tickets.md", 13, "error"),
    ]


@pytest.mark.parametrize(
    "doc",
    [
        "# Deploy (claude skills)\n\n## What's NOT in v1\n\nTracked separately:\n\n"
        "- `/next-deployment` drafts the next issue.\n\n```bash\n./scripts/deploy-next.sh\n```\n",
        "# Tools (claude)\n\n## Deployment tooling (planned)\n\nRun `/deploy-all`:\n\n"
        "```bash\n./scripts/deploy.py\n```\n",
        "# Tools (claude)\n\nThe helper `scripts/rotate.sh` (to be created) rotates keys.\n",
        "# Tools (claude)\n\nWe will add `scripts/rotate.sh` next sprint.\n",
        "# Tips (claude)\n\n| build a /go skill that tests end-to-end and opens a PR |\n",
        "# Worktrees (skill)\n\nIt might be a tool like `EnterWorktree`, a `/worktree` command, or a flag.\n",
    ],
)
def test_planned_work_and_commands_of_some_shape_are_not_dangling(make_repo, doctor, doc):
    root = make_repo({"scripts/ok.sh": TOOL, "docs/plan.md": doc})
    assert shown(doctor(root, use_git=False), "SKD601", "SKD602", "SKD603") == []


def test_a_planned_section_ends_at_the_next_heading_of_its_level(make_repo, doctor):
    doc = (
        "# Tools (claude)\n\n## Future work\n\n- `/later-thing`\n\n### Detail\n\n- `/later-too`\n\n"
        "## Usage\n\nRun `/ship-now` skill.\n"
    )
    root = make_repo({"docs/tools.md": doc})
    assert shown(doctor(root, use_git=False), "SKD601") == [("SKD601", "docs/tools.md", 13, "error")]


def test_a_walkthrough_that_cds_away_ends_the_judgement_for_its_section(make_repo, doctor):
    doc = (
        "# Hotfix\n\n## Steps\n\n### 1. Go to the project\n\n```bash\ncd layers/src/project\n```\n\n"
        "### 2. Restart\n\n```bash\nscripts/start_operator.sh\n```\n\n## Check\n\n```bash\n"
        "./scripts/health-check.sh\n```\n"
    )
    root = make_repo({"scripts/ok.sh": TOOL, "docs/hotfix.md": doc, "docs/README.md": "[Hotfix](hotfix.md)\n"})
    assert shown(doctor(root, use_git=False), "SKD602") == [("SKD602", "docs/hotfix.md", 20, "warning")]


def test_a_walkthrough_that_cds_into_a_repo_folder_runs_its_scripts_there(make_repo, doctor):
    doc = "# Web\n\n## Build\n\n```bash\ncd web\n```\n\nThen:\n\n```bash\n./scripts/build.sh\n./scripts/gone.sh\n```\n"
    root = make_repo({"web/scripts/build.sh": TOOL, "scripts/ok.sh": TOOL, "README.md": doc})
    assert shown(doctor(root, use_git=False), "SKD602") == [("SKD602", "README.md", 13, "warning")]


def test_a_clone_of_this_repo_then_a_later_block_is_judged_from_its_root(make_repo, doctor):
    doc = (
        "# App\n\n## Setup\n\n```bash\ngit clone https://github.com/o/app.git && cd app\n```\n\n"
        "```bash\n./scripts/ok.sh\n./scripts/gone.sh\n```\n"
    )
    root = make_repo({"scripts/ok.sh": TOOL, "README.md": doc})
    assert shown(doctor(root, use_git=False), "SKD602") == [("SKD602", "README.md", 11, "warning")]


def test_a_subfolders_doc_may_run_the_roots_scripts(make_repo, doctor):
    root = make_repo(
        {
            "package.json": '{"scripts": {"extension:build": "tsc", "extension:sync": "node s.mjs", "dev": "vite"}}',
            "extension/package.json": '{"scripts": {"test": "vitest"}}',
            "extension/AGENTS.md": "# Extension\n\n```bash\nnpm run extension:build\n```\n",
            "extension/README.md": "# Extension\n\nRun from repo root:\n\n```bash\n"
            "npm run extension:sync\nnpm run dev\n```\n\nElsewhere:\n\n\n\n```bash\nnpm run dev\n```\n",
        }
    )
    assert shown(doctor(root, use_git=False), "SKD615") == [("SKD615", "extension/README.md", 15, "warning")]


REUSABLE = (
    "on:\n  workflow_call:\n    inputs:\n      dir:\n        type: string\njobs:\n  build:\n"
    "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
    "      - run: make pre-build\n      - run: ./scripts/build-image.sh\n"
)


def test_a_workflow_only_other_repos_call_runs_in_their_checkout(make_repo, doctor):
    root = make_repo(
        {"Makefile": "test:\n\techo ok\n", "scripts/ok.sh": TOOL, ".github/workflows/docker-build.yml": REUSABLE}
    )
    assert shown(doctor(root, use_git=False), "SKD602", "SKD615") == []


def test_a_reusable_workflow_this_repo_calls_is_judged_here(make_repo, doctor):
    caller = "on: push\njobs:\n  build:\n    uses: ./.github/workflows/docker-build.yml\n"
    root = make_repo(
        {
            "Makefile": "test:\n\techo ok\n",
            "scripts/ok.sh": TOOL,
            ".github/workflows/docker-build.yml": REUSABLE,
            ".github/workflows/ci.yml": caller,
        }
    )
    assert shown(doctor(root, use_git=False), "SKD602", "SKD615") == [
        ("SKD602", ".github/workflows/docker-build.yml", 12, "error"),
        ("SKD615", ".github/workflows/docker-build.yml", 11, "warning"),
    ]


def test_a_section_for_another_coding_agent_holds_that_agents_commands(make_repo, doctor):
    doc = (
        "# Install (claude plugin and others)\n\n### Cursor\n\n```text\n/add-toolkit superpowers\n```\n\n"
        "### Claude Code\n\n```text\n/setup-toolkit\n```\n"
    )
    root = make_repo({"AGENTS.md": doc})
    assert shown(doctor(root, use_git=False), "SKD601") == [("SKD601", "AGENTS.md", 12, "error")]


def test_a_file_a_service_caches_at_run_time_is_not_dangling(make_repo, doctor):
    doc = "# Schema\n\nFetched at startup and cached locally to `data/schemas/settings.schema.json`.\n"
    root = make_repo({"data/seed.json": "{}", "docs/schema.md": doc})
    assert shown(doctor(root, use_git=False), "SKD603") == []


def test_a_cd_into_a_variable_folder_says_nothing_about_later_blocks(make_repo, doctor):
    doc = (
        "# Enhance\n\n## Steps\n\n### 4. Run\n\n```bash\ncd $(dirname $SKILL_PATH)\nskill-seekers enhance .\n```\n\n"
        "### 7. Score\n\n```bash\npython3 tools/skill_scorer.py x\n```\n"
    )
    root = make_repo({"tools/ok.sh": TOOL, "docs/enhance.md": doc, "docs/README.md": "[Enhance](enhance.md)\n"})
    assert shown(doctor(root, use_git=False), "SKD602") == [("SKD602", "docs/enhance.md", 15, "warning")]


def test_a_path_the_doc_says_is_absent_is_not_dangling(make_repo, doctor):
    doc = "# Topology\n\nSentinel checks stay off (no `.ai-state/TOPOLOGY.md` to check). See `.ai-state/gone.md`.\n"
    root = make_repo({".ai-state/DESIGN.md": "# D\n", "docs/arch.md": doc, "README.md": "[Design](docs/arch.md)\n"})
    assert shown(doctor(root, use_git=False), "SKD603") == [("SKD603", "docs/arch.md", 3, "warning")]


def test_a_path_shown_in_a_link_to_another_repo_is_that_repos(make_repo, doctor):
    doc = (
        "# Infra\n\nThe deploy lives in [`scripts/deploy.sh`](https://github.com/o/infra/blob/main/scripts/deploy.sh)."
        "\n\nOurs: `scripts/rotate.sh`.\n"
    )
    root = make_repo({"scripts/ok.sh": TOOL, "docs/infra.md": doc, "README.md": "[Infra](docs/infra.md)\n"})
    assert shown(doctor(root, use_git=False), "SKD602", "SKD603") == [("SKD602", "docs/infra.md", 5, "warning")]


def test_an_environment_variables_value_is_a_run_time_file(make_repo, doctor):
    doc = "# Memory\n\nRuns with `MEMORY_FILE` pointing to `.ai-state/memory.json`; see `.ai-state/notes.md`.\n"
    root = make_repo({".ai-state/DESIGN.md": "# D\n", "docs/memory.md": doc, "README.md": "[Memory](docs/memory.md)\n"})
    assert shown(doctor(root, use_git=False), "SKD603") == [("SKD603", "docs/memory.md", 3, "warning")]


def test_a_list_item_that_creates_a_resource_does_not_say_it_is_gone(make_repo, doctor):
    """Each list item is its own statement: the `A` record created in one item is not "removed" because a later
    item of the same entry removed something else; an item that retires a host still makes its uses stale."""
    root = make_repo(
        {
            "docs/log.md": "# Log\n\n* **2026-01-19 - ArgoCD behind Traefik**\n  * DNS:\n"
            "    * Created `A` record: `argo.example.org` -> `5.75.129.215`\n"
            "  * Firewall rules for the old path removed\n"
            "* The host `old-db-01` was decommissioned\n",
            "README.md": "# Ops\n\n- `https://argo.example.org` is the ArgoCD UI\n- Backups run on host `old-db-01`\n",
        }
    )
    assert [(f.path, f.line) for f in doctor(root, use_git=False).findings if f.code == "SKD612"] == [("README.md", 4)]


def test_a_column_of_routes_lists_pages_not_commands(make_repo, doctor):
    pages = (
        "# Shop\n\n## Pages\n\n| Route | Page |\n|---|---|\n| `/` | home |\n| `/screener` | the screener |\n"
        "| `/projects/[id]` | one project |\n\n## Commands\n\n| Command | What |\n|---|---|\n| `/release` | ship |\n"
    )
    root = make_repo({"CLAUDE.md": pages, ".claude/commands/release-notes.md": "Notes.\n"})
    assert shown(doctor(root, use_git=False), "SKD601") == [("SKD601", "CLAUDE.md", 15, "warning")]


def test_a_command_the_doc_says_is_not_implemented_is_not_missing(make_repo, doctor):
    text = "# Proxy\n\n- After running `/proxy-stop` (not implemented: kill it by hand).\n- Then run `/proxy-check`.\n"
    root = make_repo({".claude/commands/proxy-start.md": text})
    assert shown(doctor(root, use_git=False), "SKD601") == [("SKD601", ".claude/commands/proxy-start.md", 4, "error")]


def test_a_name_in_passing_is_a_warning_only_when_it_looks_like_this_repos_command(make_repo, doctor):
    guide = (
        "# Guide\n\n- `/mcp-test` checks a server.\n- `/new-spec` starts a spec, if Agent-OS is installed.\n"
        "- `/indicators` shows the indicators.\n- The `vercel-cli` skill can deploy.\n"
    )
    root = make_repo(
        {
            "docs/guide.md": guide,
            "README.md": "# App\n\nSee [the guide](docs/guide.md).\n",
            ".claude/commands/mcp-init.md": "Start a server.\n",
            ".claude/skills/indicators.md": "A flat file Claude Code does not load.\n",
        }
    )
    assert shown(doctor(root, use_git=False), "SKD601") == [
        ("SKD601", "docs/guide.md", 3, "warning"),
        ("SKD601", "docs/guide.md", 4, "info"),
        ("SKD601", "docs/guide.md", 5, "warning"),
        ("SKD601", "docs/guide.md", 6, "info"),
    ]
