"""Records of the past (closed issues, shipped work items, archives) and submodules: history, not drift."""

from __future__ import annotations

import pytest

from skilldex.doctor.records import archived, is_record

TOOL = "#!/bin/sh\n# Sync.\n"


def codes(report) -> list[tuple[str, str, int | None]]:
    return [(f.code, f.path, f.line) for f in report.findings if f.severity != "info"]  # not SKD614 (no git)


def issue(status: str) -> str:
    return f"# Issue 10: slow sync\n\n## Type\n- performance\n\n## Status\n- {status}\n\nFixed in `scripts/sync.sh`.\n"


def test_closed_issue_keeps_its_old_paths_but_an_open_one_is_checked(history, doctor):
    start = {
        "docs/issues/issue-10.md": issue("resolved"),
        "docs/issues/issue-11.md": issue("open"),
        "docs/guide.md": "# Guide\n\nRun `scripts/sync.sh`.\n",
        "scripts/sync.sh": TOOL,
    }
    root, _ = history([("2024-01-01", start), ("2024-06-01", {"scripts/sync.sh": None})])
    assert codes(doctor(root)) == [("SKD609", "docs/guide.md", 3), ("SKD609", "docs/issues/issue-11.md", 9)]


def test_numbered_story_and_status_lines_are_records(history, doctor):
    start = {
        "docs/stories/story-3.md": "# Story 3\n\n## Deliverables\n- `scripts/sync.sh` runs nightly.\n",
        "docs/sync-rework.md": "# Sync rework\n\n**Status:** Done\n\nMoved to `scripts/sync.sh`.\n",
        "docs/stories/README.md": "# Stories\n\nSee `scripts/sync.sh`.\n",
        "scripts/sync.sh": TOOL,
    }
    root, _ = history([("2024-01-01", start), ("2024-06-01", {"scripts/sync.sh": None})])
    assert codes(doctor(root)) == [("SKD609", "docs/stories/README.md", 3)]


def test_archived_skills_and_notes_are_left_alone(make_repo, doctor):
    root = make_repo(
        {
            ".claude/skills/_archive/old-deploy/SKILL.md": "---\nname: old-deploy\ndescription: Old.\n---\n\n"
            "Run `scripts/deploy-v1.sh`.\n",
            ".claude/skills/_archive/notes/loose.md": "# Loose\n\nRun `python3 tools/gone.py`.\n",
            "CLAUDE.md": "# Notes\n\nRun `python3 tools/gone.py`.\n",
        }
    )
    assert codes(doctor(root)) == [("SKD602", "CLAUDE.md", 3)]


def test_a_path_inside_a_submodule_is_not_judged(make_repo, doctor):
    root = make_repo(
        {
            ".gitmodules": '[submodule "vendor/lib"]\n\tpath = vendor/lib\n\turl = https://example.com/lib.git\n',
            "AGENTS.md": "# Agents\n\n- `bash vendor/lib/scripts/test.sh`\n- `bash plugins/market/scripts/check.sh`\n"
            "- `bash plugins/gone/scripts/check.sh`\n",
            "plugins/readme.md": "# Plugins\n",
        }
    )
    (root / "plugins" / "market").mkdir()  # a gitlink git left empty (no .gitmodules entry)
    assert codes(doctor(root)) == [("SKD602", "AGENTS.md", 5)]


@pytest.mark.parametrize(
    ("rel", "expected"),
    [
        (".claude/skills/_archive/x/SKILL.md", True),
        ("docs/archived/old.md", True),
        ("docs/.archive/a.md", True),
        ("docs/archiver/a.md", False),
        ("archive.md", False),
    ],
)
def test_archived(rel, expected):
    assert archived(rel) is expected


@pytest.mark.parametrize(
    ("rel", "text", "expected"),
    [
        ("docs/issues/issue-2.md", "# Issue\n\nStatus: Closed\n", True),
        ("docs/plan.md", "---\nstatus: completed\n---\n# Plan\n", True),
        ("docs/issues/issue-19.md", "# Issue\n\n## Status\n- in-progress\n", False),
        ("docs/issues/README.md", "# Issues\n", False),
        ("docs/ops.md", "# Ops\n\nStatus: open\n", False),
        ("docs/ops.md", "# Ops\n\nCheck the status: done by the cron.\n", False),
    ],
)
def test_is_record(rel, text, expected):
    assert is_record(rel, text) is expected


def test_commands_a_guide_tells_the_reader_to_create_are_not_missing(make_repo, doctor):
    guide = (
        "# Feature-driven development with Claude\n\n## Commands\n\nCreate `.claude/commands/init-project.md`:\n\n"
        "```markdown\nSet up the project.\n```\n\n| Command | Purpose |\n|---|---|\n"
        "| `/init-project` | set up |\n| `/ship-it` | release |\n"
    )
    root = make_repo({"CLAUDE.md": guide})
    assert [(f.code, f.line) for f in doctor(root).findings if f.code == "SKD601"] == [("SKD601", 14)]


def test_a_reference_export_names_the_original_projects_paths_as_warnings(make_repo, doctor):
    docs = {
        ".claude/skills/audit/SKILL.md": "---\nname: audit\ndescription: Audit.\n---\n\n"
        "Run `python3 tools/audit.py`.\n",
        "tools/readme.md": "# Tools\n",
    }
    export = make_repo(
        {"CLAUDE.md": "# Reference Export\n\nThis is a reference export from a working project.\n", **docs}, "export"
    )
    own = make_repo({"CLAUDE.md": "# Notes\n", **docs}, "own")
    assert [(f.code, f.severity) for f in doctor(export).findings if f.code == "SKD602"] == [("SKD602", "warning")]
    assert [(f.code, f.severity) for f in doctor(own).findings if f.code == "SKD602"] == [("SKD602", "error")]


def test_egress_allow_list_hosts_are_not_orphaned_infrastructure(make_repo, doctor):
    workflow = (
        "on: push\njobs:\n  s:\n    runs-on: x\n    steps:\n      - uses: step-security/harden-runner@v2\n"
        "        with:\n          allowed-endpoints: >\n            api.osv.dev:443\n"
        "            proxy.golang.org:443\n      - run: rsync -a out/ deploy@files.corp.acme.io:/srv\n"
    )
    root = make_repo({".github/workflows/build.yml": workflow})
    found = [(f.code, f.line) for f in doctor(root, use_git=False).findings if f.code == "SKD613"]
    assert found == [("SKD613", 11)]


def test_a_proposal_is_not_checked(make_repo, doctor):
    plan = "# Reorganization\n\n**Version**: 1.0\n**Status**: Proposed\n\nRun `bash tools/bin/sync.sh`.\n"
    live = plan.replace("Proposed", "Live")
    root = make_repo(
        {
            "docs/maintenance/REORG.md": plan,
            "docs/maintenance/OPS.md": live,
            "README.md": "[Ops](docs/maintenance/OPS.md)\n",
        }
    )
    found = [(f.code, f.path) for f in doctor(root, use_git=False).findings if f.severity != "info"]
    assert found == [("SKD602", "docs/maintenance/OPS.md")]


def test_a_switch_the_docs_call_a_parameter_is_not_a_missing_command(make_repo, doctor):
    skill = (
        "---\nname: build\ndescription: Build with MetaEditor.\n---\n\n#### Use `/inc` Parameter sparingly\n\n"
        "**When to use `/inc`**: only outside the tree.\n\nThen run `/ship-it`.\n"
    )
    root = make_repo({".claude/skills/build/SKILL.md": skill})
    assert [(f.code, f.line) for f in doctor(root).findings if f.code == "SKD601"] == [("SKD601", 10)]


def test_research_reviews_and_reports_keep_the_paths_of_their_time(history, doctor):
    note = "# Findings (Nov 2025)\n\nThe auditor was `scripts/audit.py`.\n"
    start = {
        "docs/research/audit/FINDINGS.md": note,
        "docs/reviews/audits/auditor.md": note,
        "report.md": note,
        "docs/COMPLETION_REPORT.md": note,
        "docs/report-generator.md": note,  # a guide to a report tool, not a report: still checked
        "docs/guide.md": note,
        "scripts/audit.py": "print('audit')\n",
    }
    root, _ = history([("2024-01-01", start), ("2024-06-01", {"scripts/audit.py": None})])
    assert codes(doctor(root)) == [("SKD609", "docs/guide.md", 3), ("SKD609", "docs/report-generator.md", 3)]


def test_a_changelog_is_a_record_also_in_a_skill_folder(make_repo, doctor):
    skill = "---\nname: ship\ndescription: Ship it.\n---\n\nThen run `/land-and-deploy`.\n"
    root = make_repo(
        {
            ".claude/skills/ship/SKILL.md": skill,
            ".claude/skills/ship/CHANGELOG.md": "# Changelog\n\n## 1.2\n- `/land-and-deploy` is now `/land`.\n",
        }
    )
    assert codes(doctor(root)) == [("SKD601", ".claude/skills/ship/SKILL.md", 6)]


def test_a_copied_skill_collection_speaks_of_its_own_project(make_repo, doctor):
    """A folder in .claude/skills with its own LICENSE and package manifest is another project's copy: its
    routes, nested skills and docs are that project's; the repo's own skills are still checked."""
    own = "---\nname: ship\ndescription: Ship it.\n---\n\nThen run `/land-and-deploy`.\n"
    copied = "---\nname: browse\ndescription: Browse.\n---\n\nThe server answers `/connect` and `/command`.\n"
    root = make_repo(
        {
            ".claude/skills/ship/SKILL.md": own,
            ".claude/skills/stack/LICENSE": "MIT License\n",
            ".claude/skills/stack/package.json": '{"name": "stack"}\n',
            ".claude/skills/stack/SKILL.md": copied,
            ".claude/skills/stack/browse/SKILL.md": copied,
            ".claude/skills/stack/docs/howto.md": "# How to\n\nRun `/new-skill` then `scripts/gen.sh`.\n",
            "vendor/lib/README.md": "# Lib\n\nRun `./scripts/build.sh`.\n",
            ".claude/skills/lonely/LICENSE": "MIT License\n",  # a licence alone is not a project
            ".claude/skills/lonely/SKILL.md": "---\nname: lonely\ndescription: L.\n---\n\nUse `/gone`.\n",
        }
    )
    assert codes(doctor(root)) == [
        ("SKD601", ".claude/skills/lonely/SKILL.md", 6),
        ("SKD601", ".claude/skills/ship/SKILL.md", 6),
    ]


def test_a_subshell_that_cds_into_a_submodule_runs_that_repos_scripts(make_repo, doctor):
    body = (
        "---\nname: logs\ndescription: Read the logs.\n---\n\n```bash\n"
        "(cd repos/app && ./scripts/logs.sh --since 10m)\n"  # line 7: the submodule's script
        "./scripts/gone.sh\n"  # line 8: back in this repo after the subshell
        "(cd repos/app && bash -c '\n"
        "source scripts/curl_api.sh\n"  # line 10: still inside the submodule
        "')\n"
        "./scripts/other.sh\n"  # line 12: back in this repo after the subshell closed
        "```\n"
    )
    root = make_repo(
        {
            ".gitmodules": '[submodule "repos/app"]\n\tpath = repos/app\n\turl = https://example.com/app.git\n',
            ".claude/skills/logs/SKILL.md": body,
        }
    )
    assert codes(doctor(root)) == [
        ("SKD602", ".claude/skills/logs/SKILL.md", 8),
        ("SKD602", ".claude/skills/logs/SKILL.md", 12),
    ]


def test_an_export_folder_is_a_copy_made_for_somewhere_else(make_repo, doctor):
    """`wiki-export/` (a generated wiki export) and `.claude-exports/` (skills packaged for other projects): their
    links resolve where the copy goes; the same link in the repo's own docs is still checked."""
    page = "# Page\n\nSee [setup](../projects/setup.md).\n"
    root = make_repo(
        {
            "wiki-export/portfolio/p08/readme.md": page,
            "wiki-export/portfolio/docs/index.md": page,
            ".claude-exports/npm-package/skills/ui.md": page,
            "docs/page.md": page,
            "README.md": "# Repo\n\n[A page](docs/page.md)\n",
        }
    )
    assert codes(doctor(root)) == [("SKD603", "docs/page.md", 3)]


def test_dated_records_by_name_title_or_head_keep_the_paths_of_their_day(history, doctor):
    said = "The sync was `scripts/sync.sh`.\n"
    start = {
        "docs/codebase-health-audit.md": "# Codebase health\n\n" + said,
        "HANDOFF.md": "# Handoff: session 2\n\nRead this, then go on.\n\n" + said,
        "ARCHITECTURE.md": "# Shop — Audit d'architecture\n\n> Généré le 20 avril 2026.\n\n" + said,
        "docs/state.md": "# State of the code\n\n> As of 2026-01-31, after the cleanup\n\n" + said,
        "survey/whisper_20260509/README.md": "# Whisper survey\n\n" + said,
        # still checked: a doc about audit events, an audit how-to without a date, a generated index, the README
        "docs/audit-events.md": "# Audit events\n\n" + said,
        "docs/index.md": "# Index (auto-generated)\n\n**Generated:** 2026-07-20\n\n" + said,
        "docs/security.md": "# Security audit checklist\n\n" + said,
        "README.md": "# Shop\n\n> Generated docs live in site/.\n\n" + said,
        "scripts/sync.sh": TOOL,
    }
    root, _ = history([("2024-01-01", start), ("2024-06-01", {"scripts/sync.sh": None})])
    assert codes(doctor(root)) == [
        ("SKD609", "README.md", 5),
        ("SKD609", "docs/audit-events.md", 3),
        ("SKD609", "docs/index.md", 5),
        ("SKD609", "docs/security.md", 3),
    ]
