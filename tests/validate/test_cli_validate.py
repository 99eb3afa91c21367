"""`skilldex validate` as a process: exit codes, formats, usage errors, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from support import PROJECT, write_tree

GOOD = "---\nname: deploy\ndescription: Deploys the API. Use when shipping.\n---\n# Deploy\n"
BAD = "---\nname: deploy\ndescription: Use when: prod is down\n---\n"


def skilldex(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "skilldex", *args], cwd=cwd, capture_output=True, text=True, timeout=60
    )


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return write_tree(
        tmp_path / "r",
        {
            ".git/HEAD": "ref: refs/heads/main\n",
            ".claude/skills/deploy/SKILL.md": GOOD,
            ".claude/skills/broken/SKILL.md": BAD,
            ".claude/skills/hint/SKILL.md": "---\nname: hint\ndescription: d\nuser-invokable: true\n---\n",
        },
    )


def test_clean_skill_exits_0(sample):
    result = skilldex("validate", ".claude/skills/deploy", cwd=sample)
    assert result.returncode == 0, result.stderr
    assert "Checked 1 file" in result.stdout


def test_errors_exit_1_with_path_line_col_code(sample):
    result = skilldex("validate", ".", cwd=sample)
    assert result.returncode == 1
    assert ".claude/skills/broken/SKILL.md:3:22: SKD012 " in result.stdout
    assert "  fix: " in result.stdout
    assert ".claude/skills/hint/SKILL.md:4:1: SKD303 " in result.stdout


def test_warnings_alone_exit_0(sample):
    result = skilldex("validate", ".claude/skills/hint/SKILL.md", "--no-fix", cwd=sample)
    assert result.returncode == 0
    assert "SKD303" in result.stdout and "fix:" not in result.stdout


def test_json_format(sample):
    result = skilldex("validate", ".", "--format", "json", cwd=sample)
    data = json.loads(result.stdout)
    assert result.returncode == 1
    assert data["profile"] == "claude-code"
    verdicts = {f["path"]: f["valid"] for f in data["files"]}
    assert verdicts == {
        ".claude/skills/broken/SKILL.md": False,
        ".claude/skills/deploy/SKILL.md": True,
        ".claude/skills/hint/SKILL.md": True,
    }


def test_github_format(sample):
    result = skilldex("validate", ".", "-f", "github", cwd=sample)
    assert "::error file=.claude/skills/broken/SKILL.md,line=3,col=22,title=SKD012 invalid-frontmatter-yaml::" in (
        result.stdout
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (["validate", "nope"], "nope: no such file or folder"),
        (["validate", ".", "--profile", "strict"], "unknown profile 'strict'"),
        (["validate", ".", "--format", "xml"], "unknown --format 'xml'"),
        (["validate", ".", "--select", "XYZ"], "--select XYZ"),
        (["validate"], "Missing argument"),
    ],
)
def test_usage_errors_exit_2_without_traceback(sample, args, message):
    (sample / "README.md").write_text("# r\n")
    result = skilldex(*args, cwd=sample)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_file_that_is_no_manifest_is_skipped_with_a_note(sample):
    (sample / "README.md").write_text("---\nunclosed\n")
    result = skilldex("validate", "README.md", ".claude/skills/deploy/SKILL.md", cwd=sample)
    assert result.returncode == 0
    assert "skipped README.md: not a skill (SKILL.md), command or agent file" in result.stderr
    assert "Checked 1 file" in result.stdout


def test_malformed_files_never_crash(tmp_path):
    cases = {
        "empty": b"",
        "unclosed": b"---\nname: x\n",
        "list": b"---\n- a\n---\n",
        "bom": "\ufeff---\nname: bom\ndescription: d\n---\n".encode(),
        "crlf": b"---\r\nname: crlf\r\ndescription: d\r\n---\r\n",
        "latin1": b"---\nname: latin1\ndescription: caf\xe9\n---\n",
        "binary": b"\x00\x01\x02---",
        "dupes": b"---\nname: dupes\nname: dupes\ndescription: d\n---\n",
        "nonstring": b"---\nname: {a: 1}\ndescription: [1, 2]\n---\n",
        "bomb": (
            "---\na: &a [x,x,x,x,x,x,x,x,x]\n"
            + "".join(f"{c}: &{c} [{','.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
            + "---\n"
        ).encode(),
    }
    root = write_tree(tmp_path / "r", {f"skills/{k}/SKILL.md": v for k, v in cases.items()})
    result = skilldex("validate", ".", "--profile", "agentskills", "--format", "json", cwd=root)
    assert "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    assert len(data["files"]) == len(cases)
    by_file = {}
    for finding in data["findings"]:
        by_file.setdefault(finding["path"].split("/")[1], set()).add(finding["code"])
    assert by_file["empty"] == {"SKD016"}
    assert "SKD011" in by_file["unclosed"] and "SKD013" in by_file["list"]
    assert "SKD014" in by_file["bom"] and "crlf" not in by_file
    assert "SKD002" in by_file["latin1"] and "SKD003" in by_file["binary"]
    assert "SKD015" in by_file["dupes"] and {"SKD202", "SKD210"} <= by_file["nonstring"]
    assert "SKD012" in by_file["bomb"]


def test_help_has_examples_and_profiles():
    result = skilldex("validate", "--help", cwd=PROJECT)
    assert result.returncode == 0
    for word in ("Examples", "agentskills", "claude-code", "claude-upload", "--select", "sarif"):
        assert word in result.stdout


def test_the_packs_own_skills_validate_clean():
    from skilldex.validate.run import validate_paths

    report = validate_paths([str(PROJECT / "skills")], cwd=str(PROJECT))
    assert report.files and not report.findings, report.findings
