"""Severity by audience (issue 21, round 3): a missing skill or script is an error only in text said to the agent
(Claude Code's skills, commands, agents, CLAUDE.md/AGENTS.md and their `@imports`) or run by tooling (workflows);
the same mention in any other doc is a warning. Real git repos, the real CLI's exit code."""

from __future__ import annotations

import os

from typer.testing import CliRunner

from skilldex.cli.app import app, register
from skilldex.doctor.audience import imports

register()

TOOL = "#!/bin/sh\n# Publish the docs.\necho ok\n"
STEPS = (
    "# Release (Claude does it)\n\nRun `/publish-docs` when the tag is out, then:\n\n"
    "```bash\n./scripts/publish.sh --prod\n```\n"
)
SKILL = "---\nname: {0}\ndescription: Use when you need {0}.\n---\n\n"


def shown(report, *codes: str) -> list[tuple[str, str, int | None, str]]:
    return sorted((f.code, f.path, f.line, f.severity.value) for f in report.findings if f.code in codes)


def test_the_same_mentions_are_errors_in_a_claude_command_and_warnings_in_docs(history, doctor):
    root, _ = history(
        [
            (
                "2026-01-05",
                {
                    "scripts/build.sh": TOOL,
                    ".claude/commands/release.md": STEPS,
                    "docs/release.md": STEPS,
                    "README.md": "[Releasing](docs/release.md)\n",
                },
            )
        ]
    )
    assert shown(doctor(root), "SKD601", "SKD602") == [
        ("SKD601", ".claude/commands/release.md", 3, "error"),
        ("SKD601", "docs/release.md", 3, "warning"),
        ("SKD602", ".claude/commands/release.md", 6, "error"),
        ("SKD602", "docs/release.md", 6, "warning"),
    ]


def test_the_exit_code_gates_on_claude_code_files_only(history, tmp_path):
    docs_only, _ = history([("2026-01-05", {"scripts/build.sh": TOOL, "docs/release.md": STEPS})], name="docs")
    agent, _ = history([("2026-01-05", {"scripts/build.sh": TOOL, "CLAUDE.md": STEPS})], name="agent")
    results = []
    for root in (docs_only, agent):
        old = os.getcwd()
        os.chdir(root)
        try:
            results.append(CliRunner().invoke(app, ["doctor", "."], env={"HOME": str(tmp_path / "home")}))
        finally:
            os.chdir(old)
    assert [r.exit_code for r in results] == [0, 1]
    assert "SKD601 [warning]" in results[0].output and "SKD601 [error]" in results[1].output


def test_files_claude_md_imports_are_said_to_the_agent(history, doctor):
    root, _ = history(
        [
            (
                "2026-01-05",
                {
                    "CLAUDE.md": "# Rules for Claude\n\nSee @docs/runbook.md and `@docs/quoted.md`.\n\n"
                    "```\n@docs/fenced.md\n```\nMail ops@docs/mail.md.\n",
                    "docs/runbook.md": "# Runbook (agents)\n\n- Run `/rotate-keys` monthly.\n\nMore in @ops/keys.md\n",
                    "docs/ops/keys.md": "# Keys (agents)\n\n- Run `/revoke-key` when one leaks.\n",
                    "docs/quoted.md": "# Quoted (agents)\n\n- `/quoted-only` here.\n",
                    "docs/fenced.md": "# Fenced (agents)\n\n- `/fenced-only` here.\n",
                },
            )
        ]
    )
    # imports resolve from the importing file's folder, hop by hop; one in code or an email address is no import
    # (and there a name in passing of no family of the repo's commands is a note)
    assert shown(doctor(root), "SKD601") == [
        ("SKD601", "docs/fenced.md", 3, "info"),
        ("SKD601", "docs/ops/keys.md", 3, "error"),
        ("SKD601", "docs/quoted.md", 3, "info"),
        ("SKD601", "docs/runbook.md", 3, "error"),
    ]


def test_a_skills_own_files_and_a_plugins_skills_are_said_to_the_agent(history, doctor):
    run = "# Steps\n\n```bash\n./scripts/gone.sh\n```\n"
    root, _ = history(
        [
            (
                "2026-01-05",
                {
                    "scripts/build.sh": TOOL,
                    ".claude/skills/ship/SKILL.md": SKILL.format("ship") + "Read references/steps.md.\n",
                    ".claude/skills/ship/references/steps.md": run,
                    "plugins/kit/.claude-plugin/plugin.json": '{"name": "kit"}\n',
                    "plugins/kit/skills/tidy/SKILL.md": SKILL.format("tidy") + "Run `/kit:sweep-all` first.\n",
                    "plugins/kit/commands/sweep.md": "Sweep.\n",
                    "docs/guide.md": run,
                    "README.md": "[Guide](docs/guide.md)\n",
                },
            )
        ]
    )
    assert shown(doctor(root), "SKD601", "SKD602") == [
        ("SKD601", "plugins/kit/skills/tidy/SKILL.md", 6, "error"),
        ("SKD602", ".claude/skills/ship/references/steps.md", 4, "error"),
        ("SKD602", "docs/guide.md", 4, "warning"),
    ]


def test_a_workflow_is_tooling_a_missing_script_there_fails_ci(history, doctor):
    workflow = "on: push\njobs:\n  ci:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./scripts/lint.sh\n"
    root, _ = history([("2026-01-05", {"scripts/build.sh": TOOL, ".github/workflows/ci.yml": workflow})])
    assert shown(doctor(root), "SKD602") == [("SKD602", ".github/workflows/ci.yml", 6, "error")]


def test_imports_are_read_as_claude_code_reads_them():
    text = (
        "@AGENTS.md\nSee @./docs/a.md, @../shared/b.md and `@c.md`; me@example.com; @someone says hi.\n"
        "```\n@d.md\n```\n~~~\n@e.md\n~~~\n@f.txt\n"
    )
    assert imports(text) == ["AGENTS.md", "./docs/a.md", "../shared/b.md", "f.txt"]
