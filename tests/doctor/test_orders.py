"""Errors that are orders (issue 21, round 5): a missing skill or script in an agent's file is an error only where
the text orders the agent to run it (an imperative, a numbered step, a code block); named in passing (a bulleted
list of related skills, "integrates with", a copied skill's "Common Commands" card) it is a warning, or a note where
the name shares no word with the repo's commands (round 6). Real files in tmp repos, the exact severity of each
finding."""

from __future__ import annotations

SKILL = "---\nname: {0}\ndescription: Use when you need {0}.\n---\n\n"


def shown(report, *codes: str) -> list[tuple[str, str, int | None, str]]:
    return sorted((f.code, f.path, f.line, f.severity.value) for f in report.findings if f.code in codes)


def test_a_skill_named_as_an_order_is_an_error_and_named_in_passing_a_warning(make_repo, doctor):
    body = (
        "# Release\n\n"  # 6
        "Use the `/publish-docs` skill when the tag is out.\n\n"  # 8
        "1. `/tag-release` with the version\n\n"  # 10
        "```\n/announce-release\n```\n\n"  # 13
        "Follow `/plan-release` skill phases 1-3.\n\n"  # 16
        "## Related skills\n\n"
        "- `/rollback-release` - undo a release\n"  # 20
        "- Integrates with `/audit-release` skill\n"  # 21
        "- Troubleshooting with `/run`, `/show`\n"  # 22
    )
    root = make_repo({".claude/skills/release/SKILL.md": SKILL.format("release") + body})
    path = ".claude/skills/release/SKILL.md"
    assert shown(doctor(root, use_git=False), "SKD601") == [
        ("SKD601", path, 8, "error"),
        ("SKD601", path, 10, "error"),
        ("SKD601", path, 13, "error"),
        ("SKD601", path, 16, "error"),
        ("SKD601", path, 20, "warning"),
        ("SKD601", path, 21, "warning"),
        ("SKD601", path, 22, "info"),  # `/run`, `/show`: no word of this repo's commands, so likely another tool's
    ]


def test_a_prompt_another_command_only_passes_on_is_not_an_order(make_repo, doctor):
    block = (
        "# Worktrees\n\n```bash\n"
        'tmux send-keys -t "$S" "claude \'/story-create 1-3\'" Enter\n'  # 9
        'claude -p "/story-review 1-3"\n'  # 10
        "```\n"
    )
    root = make_repo({".claude/skills/trees/SKILL.md": SKILL.format("trees") + block})
    assert shown(doctor(root, use_git=False), "SKD601") == [
        ("SKD601", ".claude/skills/trees/SKILL.md", 9, "info"),  # named in passing, of no family here
        ("SKD601", ".claude/skills/trees/SKILL.md", 10, "error"),
    ]


def test_a_github_page_and_a_command_the_guide_says_to_create_are_no_skills(make_repo, doctor):
    walk = "# Signals\n\n1. Open the GitHub repo.\n2. `/releases` — last release date.\n3. `/changelog-check` next.\n"
    guide = "# Commands\n\nCreate a file `deploy.md`:\n\n```markdown\nDeploy it.\n```\n\nThen use `/deploy` here.\n"
    root = make_repo(
        {".claude/skills/signals/SKILL.md": SKILL.format("signals") + walk, ".claude/commands/README.md": guide}
    )
    # `/releases` is the repo's page on GitHub; `/deploy` is the command the reader is told to write
    assert shown(doctor(root, use_git=False), "SKD601") == [("SKD601", ".claude/skills/signals/SKILL.md", 10, "error")]


def test_a_skills_common_commands_card_is_named_not_run_but_claude_mds_is_this_repos(make_repo, doctor):
    card = "# Common Commands\n\n```bash\npython scripts/train.py --config prod.yaml\n```\n"
    steps = "# Steps\n\n```bash\npython scripts/evaluate.py --model best.pth\n```\n"
    root = make_repo(
        {
            "scripts/ok.py": "print('ok')\n",
            ".claude/skills/ml/SKILL.md": SKILL.format("ml") + card + "\n" + steps,
            "CLAUDE.md": card,
        }
    )
    assert shown(doctor(root, use_git=False), "SKD602") == [
        ("SKD602", ".claude/skills/ml/SKILL.md", 9, "warning"),
        ("SKD602", ".claude/skills/ml/SKILL.md", 15, "error"),
        ("SKD602", "CLAUDE.md", 4, "error"),
    ]


def test_a_script_whose_location_the_doc_gives_runs_there(make_repo, doctor):
    doc = (
        "# Scripts\n\n**Location:** `repos/api/scripts/wait.sh`\n\n```bash\n./scripts/wait.sh\n```\n\n"
        "```bash\n./scripts/gone.sh\n```\n"
    )
    # the script is in a submodule the checkout does not hold: the doc says where `./scripts/wait.sh` runs
    submodule = '[submodule "api"]\n\tpath = repos/api\n\turl = https://example.com/api.git\n'
    root = make_repo({".gitmodules": submodule, "scripts/up.sh": "#!/bin/sh\n", "CLAUDE.md": doc})
    assert shown(doctor(root, use_git=False), "SKD602") == [("SKD602", "CLAUDE.md", 10, "error")]


def test_a_docs_folder_and_a_kind_of_skill_are_no_skill_names(make_repo, doctor):
    index = "# Docs (for agents and skills)\n\n- `/guides` - how-tos\n- `/specs` - specifications\n"
    agent = (
        "# Helper\n\nStart with the service-level skill (e.g., `gws-gmail`).\n\nThen use the gws-sheets-read skill.\n"
    )
    root = make_repo(
        {
            "docs/README.md": index,
            "docs/guides/setup.md": "# Setup\n",
            "docs/specs/api.md": "# API\n",
            ".claude/agents/helper.md": agent,
        }
    )
    # `/guides` in docs/README.md is docs/guides/; "the service-level skill (e.g. ...)" is a kind, not a name
    assert shown(doctor(root, use_git=False), "SKD601") == [("SKD601", ".claude/agents/helper.md", 5, "error")]
