"""`skilldex doctor` end to end: the seed incident on the example repo, formats, exit codes, usage errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from support import PROJECT, write_tree
from typer.testing import CliRunner

from skilldex.cli.app import app, register

register()

OPS_DOC = "examples/credentialmate/docs/04-operations-daily/daily-lambda-log-monitoring.md"
WORKFLOW = "examples/credentialmate/.github/workflows/deploy-ec2.yml"
SKILL_LINE = (
    f"{OPS_DOC}:56:11: SKD601 [error] mentions skill '/apply-production-migrations', but no skill or "
    "command answers to it"
)
EC2_LINE = (
    f"{WORKFLOW}:20:17: SKD612 [error] targets 'prod-credmate-ec2' (in "
    "'prod-credmate-ec2.internal.credentialmate.com'), but docs/INFRASTRUCTURE.md:4 says it is gone: "
    '"The EC2 instance `prod-credmate-ec2` has been terminated"; also on line 33'
)


def run(*args: str, cwd: Path = PROJECT, home: Path):
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(app, list(args), env={"SKILLDEX_WORKSPACE": "", "HOME": str(home)})
    finally:
        os.chdir(old)


def test_done_when_doctor_credentialmate_as_a_process(home):
    """The issue's acceptance test, exactly as a user runs it (git history used when the checkout has it)."""
    env = {**os.environ, "HOME": str(home), "SKILLDEX_WORKSPACE": ""}
    result = subprocess.run(
        [sys.executable, "-m", "skilldex", "doctor", "credentialmate"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 1, result.stderr
    assert SKILL_LINE in result.stdout
    assert "also on line 59; closest existing: skill /run-migrations-check" in result.stdout
    assert EC2_LINE in result.stdout
    assert "fix: Write the skill at .claude/skills/apply-production-migrations/SKILL.md" in result.stdout
    assert "Traceback" not in result.stderr


def test_credentialmate_without_git_has_exactly_the_two_seed_findings(home):
    result = run("doctor", "credentialmate", "--no-git", home=home)
    assert result.exit_code == 1, result.output
    findings = [line for line in result.stdout.splitlines() if " SKD6" in line]
    assert len(findings) == 2
    assert findings[0] == EC2_LINE
    assert findings[1].startswith(SKILL_LINE)
    assert re.search(r"\nChecked \d+ files: 2 errors \(2 files invalid\)\.\n$", result.stdout)


def test_json(home):
    result = run("doctor", "credentialmate", "--no-git", "--json", home=home)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["profile"] == "doctor"
    assert {k: v for k, v in data["summary"].items() if k != "files"} == {
        "invalid_files": 2,
        "error": 2,
        "warning": 0,
        "info": 0,
    }
    assert [(f["code"], f["path"], f["line"]) for f in data["findings"]] == [
        ("SKD612", WORKFLOW, 20),
        ("SKD601", OPS_DOC, 56),
    ]
    assert {f["path"]: f["valid"] for f in data["files"]}[OPS_DOC] is False


def test_github_annotations(home):
    result = run("doctor", "credentialmate", "--no-git", "--format", "github", home=home)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"::error file={WORKFLOW},line=20,col=17,title=SKD612 retired-resource-reference::")
    assert lines[1].startswith(f"::error file={OPS_DOC},line=56,col=11,title=SKD601 missing-skill-reference::")
    assert "(fix: Write the skill at .claude/skills/apply-production-migrations/SKILL.md" in lines[1]


def test_sarif_names_the_doctor_rules(home):
    data = json.loads(run("doctor", "credentialmate", "--no-git", "--format", "sarif", home=home).stdout)
    rules = data["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["SKD601", "SKD612"]
    assert data["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 56,
        "startColumn": 11,
    }


def test_every_workspace_repo_by_default(home):
    result = run("doctor", "--no-git", "--select", "SKD601", home=home)
    assert result.exit_code == 1
    assert SKILL_LINE in result.stdout and "SKD612" not in result.stdout


def test_clean_repo_exits_0(tmp_path, home):
    root = write_tree(
        tmp_path / "clean",
        {
            ".claude/skills/deploy/SKILL.md": "---\nname: deploy\ndescription: Deploys. Use when shipping.\n---\n# D\n",
            "CLAUDE.md": "# C\n\nRun `/deploy` to ship; scratch files go in /tmp.\n",
        },
    )
    result = run("doctor", str(root), "--no-git", home=home)
    assert result.exit_code == 0, result.output
    assert result.stdout == "Checked 2 files: all valid, no findings.\n"
    info = run("doctor", str(root), home=home)  # not a git repo: an info finding, still exit 0
    assert info.exit_code == 0
    assert ": SKD614 [info] git history checks skipped: not a git repository" in info.stdout


def test_warnings_alone_exit_0_and_no_fix(tmp_path, home):
    root = write_tree(tmp_path / "warn", {"README.md": "# R\n\nSee [guide](docs/guide.md).\n"})
    result = run("doctor", str(root), "--no-git", "--no-fix", home=home)
    assert result.exit_code == 0
    assert "SKD603 [warning]" in result.stdout and "fix:" not in result.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["doctor", "nosuchrepo"], "Error: unknown repo 'nosuchrepo'"),
        (["doctor", "credentialmate", "--format", "xml"], "Error: unknown --format 'xml'"),
        (["doctor", "credentialmate", "--select", "SKD999"], "Error: --select SKD999: no doctor rule code"),
        (["doctor", "credentialmate", "--since", "yesterday-ish"], "Error: --since 'yesterday-ish'"),
    ],
)
def test_usage_errors_exit_2_without_traceback(home, args, message):
    result = run(*args, home=home)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_no_repo_and_no_workspace_is_a_usage_error(tmp_path, home):
    result = run("doctor", cwd=tmp_path, home=home)
    assert result.exit_code == 2
    assert "Error: name a repo" in result.output


def test_help_has_an_example(home):
    result = run("doctor", "--help", home=home)
    assert result.exit_code == 0 and "skilldex doctor credentialmate" in result.output
