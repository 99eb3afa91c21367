"""Mentions that promise nothing of this repo (issue 21, heldout-6 families): plans (a planning status, MoSCoW
priorities, a "Proposed:" label), another agent's docs, an external plugin's commands, a skill another agent uses,
alternatives to look in, names filled in at run time, a retirement note in the doc that states it."""

from __future__ import annotations

import pytest

SKILL = "---\nname: {0}\ndescription: Use when you need {0}.\n---\n\n"
TOOL = "#!/bin/sh\n# Build it.\necho ok\n"


def shown(report, *codes: str) -> list[tuple[str, str, int | None, str]]:
    return sorted((f.code, f.path, f.line, f.severity.value) for f in report.findings if f.code in codes)


@pytest.mark.parametrize(
    "doc",
    [
        # a story whose status says it is being planned
        "# Sync rules (claude skills)\n\n## Status: Planning\n\n## Files\n\n```bash\n./scripts/sync-rules.sh\n```\n",
        # MoSCoW priorities of a plan
        "# Agent teams (claude)\n\n## Acceptance Criteria\n\n### Should Have\n\n- [ ] `/team-debug` skills\n",
        # a label that opens the block as a proposal
        "# Deploy (claude)\n\n**Proposed (Automated):**\n```bash\n./scripts/deploy-local.sh\n```\n",
    ],
)
def test_plans_are_not_dangling(make_repo, doctor, doc):
    root = make_repo({"scripts/build.sh": TOOL, "docs/stories/plan.md": doc})
    assert shown(doctor(root, use_git=False), "SKD601", "SKD602") == []


def test_the_same_block_without_the_label_is_judged(make_repo, doctor):
    doc = "# Deploy (claude)\n\n**Automated:**\n```bash\n./scripts/deploy-local.sh\n```\n"
    root = make_repo({"scripts/build.sh": TOOL, "CLAUDE.md": doc})
    assert shown(doctor(root, use_git=False), "SKD602") == [("SKD602", "CLAUDE.md", 5, "error")]


def test_docs_kept_for_another_coding_agent_hold_its_commands(make_repo, doctor):
    root = make_repo(
        {
            "context/knowledge/docs/cursor/plugins.md": "# Plugins (agents)\n\nRun `/add-plugin` to add one.\n",
            "context/knowledge/docs/claude/plugins.md": "# Plugins (agents)\n\nRun `/add-plugins` to add one.\n",
        }
    )
    assert shown(doctor(root, use_git=False), "SKD601") == [
        ("SKD601", "context/knowledge/docs/claude/plugins.md", 3, "warning")
    ]


MARKETPLACE = '{"name": "mine", "plugins": [{"name": "allium", "source": "./plugins/allium"}]}\n'


def test_commands_of_a_plugin_installed_from_another_marketplace_are_not_this_repos(make_repo, doctor):
    files = {
        ".claude-plugin/marketplace.json": MARKETPLACE,
        "plugins/allium/.claude-plugin/plugin.json": '{"name": "allium"}\n',
        "plugins/allium/skills/allium/SKILL.md": SKILL.format("allium") + "Run `/allium:elicit` first.\n",
        "plugins/allium/skills/allium/references/install.md": "# Install\n\n```\n/plugin install allium@juxt\n```\n",
    }
    assert shown(doctor(make_repo(files), use_git=False), "SKD601") == []


def test_commands_of_this_repos_own_plugin_are_judged(make_repo, doctor):
    files = {
        ".claude-plugin/marketplace.json": MARKETPLACE,
        "plugins/allium/.claude-plugin/plugin.json": '{"name": "allium"}\n',
        "plugins/allium/skills/allium/SKILL.md": SKILL.format("allium") + "Run `/allium:elicit` first.\n",
        "README.md": "# Plugins (claude)\n\n```\n/plugin install allium@mine\n```\n",
    }
    assert shown(doctor(make_repo(files), use_git=False), "SKD601") == [
        ("SKD601", "plugins/allium/skills/allium/SKILL.md", 6, "error")
    ]


def test_a_skill_someone_else_uses_is_no_instruction(make_repo, doctor):
    skill = SKILL.format("prd") + "Ralph will use the dev-browser skill to check the page.\n\nUse the ship-it skill.\n"
    root = make_repo({".claude/skills/prd/SKILL.md": skill})
    assert shown(doctor(root, use_git=False), "SKD601") == [("SKD601", ".claude/skills/prd/SKILL.md", 8, "error")]


def test_alternatives_placeholders_and_a_retirement_note_are_not_findings(make_repo, doctor):
    root = make_repo(
        {
            "docs/keep.md": "# Keep\n\nSee `docs/keep.md`.\n",
            ".claude/skills/adr/SKILL.md": SKILL.format("adr")
            + "Look for decisions in `docs/adr/` or `docs/decisions/`.\n"
            "Tests go in `tests/e2e/` или `e2e/`.\n",
            "README.md": "# Tool\n\nIt backs up to `.claude/backup-TIMESTAMP/` first.\n"
            "Type `/mycommand` to try it (claude).\nOld notes: `docs/gone.md`.\n",
            "docs/infra.md": "# Infra\n\nThe host `old-box` has been decommissioned.\n\nBackups ran on `old-box`.\n",
            "docs/deploy.md": "# Deploy\n\nThe API runs on `old-box` (ssh deploy@old-box).\n",
        }
    )
    # only the real dangling path and the use of the retired script in another doc remain
    assert shown(doctor(root, use_git=False), "SKD601", "SKD603", "SKD612") == [
        ("SKD603", "README.md", 5, "warning"),
        ("SKD612", "docs/deploy.md", 3, "info"),
    ]


def test_a_sources_list_and_a_link_marked_to_be_completed_promise_nothing(make_repo, doctor):
    root = make_repo(
        {
            "scripts/build.sh": TOOL,
            "plugins/rig/skills/sources.md": "# Sources\n\nRead upstream `tool/mod.rs` and ran `scripts/test.nu`.\n",
            "docs/README.md": "# Docs\n\n**[manual/](manual/)** - 产品使用手册（待完善）\n\n"
            "- [guide/](guide/) - the guide\n",
        }
    )
    assert shown(doctor(root, use_git=False), "SKD602", "SKD603") == [("SKD603", "docs/README.md", 5, "warning")]


def test_a_skills_own_output_files_are_not_missing_but_what_it_reads_is(history, doctor):
    setup = SKILL.format("setup-tracker") + (
        "## Explore\n\n- `docs/agents/` — does this skill's prior output already exist?\n\n"
        "## Write\n\nRecord the choice in `docs/agents/tracker.md`.\n\n"
        "Show a draft of `docs/agents/tracker.md` and `docs/agents/domain.md`.\n\n"
        "Then write `docs/agents/tracker.md` from the template.\n\nRead `docs/guide/setup.md` first.\n"
    )
    review = SKILL.format("review") + "If `docs/agents/tracker.md` is missing, run /setup-tracker.\n"
    start = {
        ".claude/skills/setup-tracker/SKILL.md": setup,
        ".claude/skills/review/SKILL.md": review,
        "docs/agents/tracker.md": "# Tracker\n",
        "docs/guide/setup.md": "# Setup\n",
    }
    moved = {"docs/agents/tracker.md": None, "docs/guide/setup.md": None, "docs/tracker.md": "# Tracker\n"}
    root, _ = history([("2024-01-01", start), ("2024-06-01", moved)])
    assert shown(doctor(root), "SKD603", "SKD609") == [
        ("SKD609", ".claude/skills/review/SKILL.md", 6, "error"),
        ("SKD609", ".claude/skills/setup-tracker/SKILL.md", 18, "error"),
    ]


def test_claude_codes_own_files_the_repo_lacks_are_the_readers(make_repo, doctor):
    guide = (
        "# Hooks\n\nAdd the hook to `.claude/settings.json`.\n\nThe plan is in `.claude/plans/quiet-otter.md`.\n\n"
        "Rules live in `.claude/guides/rules.md`.\n"
    )
    root = make_repo({"CLAUDE.md": guide, ".claude/commands/deploy.md": "Deploy.\n"})
    assert shown(doctor(root, use_git=False), "SKD603") == [("SKD603", "CLAUDE.md", 7, "warning")]


def test_specs_and_blueprints_describe_what_is_to_be_built(make_repo, doctor):
    plan = "# Gateway\n\nThe handler is `bin/approval_handler.py`.\n"
    root = make_repo(
        {
            "docs/discord-gateway-spec.md": plan,
            "docs/migration-blueprint.md": plan,
            "docs/gateway.md": plan,
            "README.md": "# Bot\n\n[spec](docs/discord-gateway-spec.md), [blueprint](docs/migration-blueprint.md), "
            "[gateway](docs/gateway.md)\n",
            "bin/run.py": "'''Run the bot.'''\n",
        }
    )
    assert shown(doctor(root, use_git=False), "SKD602") == [("SKD602", "docs/gateway.md", 3, "warning")]


def test_files_a_list_or_label_says_were_removed_are_not_missing(make_repo, doctor):
    notes = (
        "# Notes\n\n## Don't resurrect\n\nThese were intentionally removed:\n\n- Red team (`app/api/redteam.py`)\n"
        "- Reconcile (`app/api/reconcile.py`)\n\n**Deleted**: `src/jobs/queue.ts`, and\n`src/billing.ts` too.\n\n"
        "Kept:\n\n- `app/api/kept.py`\n"
    )
    root = make_repo({"CLAUDE.md": notes, "app/api/main.py": "", "src/main.ts": ""})
    assert shown(doctor(root, use_git=False), "SKD603") == [("SKD603", "CLAUDE.md", 15, "warning")]


def test_a_link_target_keeps_its_balanced_parentheses(make_repo, doctor):
    runbook = (
        "# Breach\n\nSee [the page](../../src/app/(marketing)/security/page.tsx) and "
        "[the old one](../../src/app/(marketing)/trust/page.tsx).\n"
    )
    root = make_repo({"docs/runbooks/breach.md": runbook, "src/app/(marketing)/security/page.tsx": "x\n"})
    assert [(f.code, f.message.split(",")[0]) for f in doctor(root, use_git=False).findings if f.code == "SKD603"] == [
        ("SKD603", "links to '../../src/app/(marketing)/trust/page.tsx'")
    ]


def test_a_virtualenv_the_step_makes_holds_its_activate_script(make_repo, doctor):
    workflow = (
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n"
        "          python -m venv antenv\n          source antenv/bin/activate\n          ./scripts/check.sh\n"
    )
    root = make_repo({".github/workflows/ci.yml": workflow, "scripts/build.sh": TOOL})
    assert shown(doctor(root, use_git=False), "SKD602") == [("SKD602", ".github/workflows/ci.yml", 9, "error")]


def test_a_numbered_changesets_folder_holds_records_of_changes(history, doctor):
    note = "# ARC-13 slice 35\n\nMoved the hook out of `src/hooks/useCron.ts`.\n"
    start = {
        "docs/06_CHANGESETS/ARC-013.slice-35.md": note,
        "docs/06_guides/hooks.md": note,
        "src/hooks/useCron.ts": "x\n",
    }
    root, _ = history([("2024-01-01", start), ("2024-06-01", {"src/hooks/useCron.ts": None})])
    assert shown(doctor(root), "SKD609") == [("SKD609", "docs/06_guides/hooks.md", 3, "error")]
