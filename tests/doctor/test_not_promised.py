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
