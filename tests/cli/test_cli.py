"""The CLI end to end: list, show, repos, schema, rules; JSON validated against the exported schema."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from support import FIXTURES, PROJECT
from typer.testing import CliRunner

from skilldex.cli.app import app, register

register()
runner = CliRunner()


def run(*args: str, cwd: Path = PROJECT, env: dict | None = None):
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return runner.invoke(app, list(args), env=env or {"SKILLDEX_WORKSPACE": ""})
    finally:
        os.chdir(old)


def test_list_credentialmate_shows_rds_query_and_the_four_skills():
    result = run("list", "credentialmate")
    assert result.exit_code == 0, result.output
    for name in ("rds-query", "execute-production-sql", "query-production-db", "deploy-lambda", "view-production-logs"):
        assert name in result.output
    assert "tools/rds-query" in result.output
    assert "[changes things]" in result.output


def test_list_json_validates_against_schema_command():
    schema = json.loads(run("schema").stdout)
    for repo in ("credentialmate", "karematch", str(FIXTURES / "allkinds")):
        result = run("list", repo, "--json")
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        jsonschema.validate(data, schema)
        assert set(data) >= {"repo", "items", "findings"}


def test_list_json_of_a_repo_with_findings_validates(repo):
    root = repo(
        {".claude/skills/x/skill.md": "---\nname: [\n---\n", "tools/a.py": "#!/usr/bin/env python3\nprint 'x'\n"}
    )
    schema = json.loads(run("schema").stdout)
    data = json.loads(run("list", str(root), "--json").stdout)
    jsonschema.validate(data, schema)
    assert [f["code"] for f in data["findings"]] == ["SKD020", "SKD012", "SKD032"]


def test_list_json_exact_rds_query_entry():
    data = json.loads(run("list", "credentialmate", "--kind", "tool", "--json").stdout)
    assert {i["kind"] for i in data["items"]} == {"tool"}
    rds = next(i for i in data["items"] if i["path"] == "tools/rds-query")
    assert (rds["name"], rds["language"], rds["executable"], rds["mutating"], rds["run"]) == (
        "rds-query",
        "python",
        True,
        True,
        "tools/rds-query",
    )
    flags = {tuple(f["flags"]): f["mutating"] for f in rds["flags"]}
    assert flags[("--mutate",)] is True
    assert {("--schema",), ("--tables",), ("--count",)} <= set(flags)
    assert "database" in rds["capabilities"]


def test_list_by_path_and_kind_filter():
    result = run("list", str(FIXTURES / "allkinds"), "--kind", "skill", "--kind", "mcp-server")
    assert result.exit_code == 0
    assert "Skills (4)" in result.output and "MCP servers (2)" in result.output
    assert "Tools" not in result.output


def test_bad_kind_is_a_usage_error():
    result = run("list", "credentialmate", "--kind", "skills")
    assert result.exit_code == 2
    assert "'skills' is not one of" in result.output


def test_unknown_repo_suggests_a_name():
    result = run("list", "credentialmat")
    assert result.exit_code == 2
    assert "unknown repo 'credentialmat'" in result.stderr and "Did you mean 'credentialmate'?" in result.stderr


def test_no_workspace_and_not_a_folder(tmp_path):
    result = run("list", "credentialmate", cwd=tmp_path)
    assert result.exit_code == 2
    assert "no skilldex.yaml was found" in result.stderr


def test_show_tool_with_usage_flags_and_run():
    result = run("show", "credentialmate", "rds-query")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("tool: rds-query\n  path: tools/rds-query\n")
    assert "how to run: tools/rds-query" in out
    assert "flag --mutate:" in out and "[changes things]" in out


def test_show_skill_by_slash_command_and_json():
    result = run("show", "credentialmate", "/execute-production-sql", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["kind"], data["path"], data["findings"]) == (
        "skill",
        ".claude/skills/execute-production-sql/SKILL.md",
        [],
    )
    refs = {r["target"]: r["exists"] for r in data["references"]}
    assert refs["references/safety-checklist.md"] is True


def test_show_ambiguous_name_lists_candidates():
    result = run("show", "karematch", "test")
    assert result.exit_code == 2
    assert "matches" in result.stderr and "package.json" in result.stderr


def test_show_unknown_item_suggests():
    result = run("show", "credentialmate", "rds-qery")
    assert result.exit_code == 2
    assert "Did you mean: rds-query" in result.stderr


def test_show_item_with_findings(repo):
    root = repo({".claude/skills/db/SKILL.md": "---\ndescription: Use when: x\n---\nRestart it.\n"})
    result = run("show", str(root), "db")
    assert result.exit_code == 0
    assert "finding SKD012 (error) line:2: invalid YAML" in result.stdout


def test_repos_json(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "skilldex.yaml").write_text("repos:\n  a: a\n  gone: ./missing\n")
    result = run("repos", "--json", cwd=tmp_path / "a")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [(r["name"], r["exists"]) for r in data["repos"]] == [("a", True), ("gone", False)]


def test_rules_and_rule():
    listing = run("rules")
    assert listing.exit_code == 0 and "SKD012  invalid-frontmatter-yaml" in listing.stdout
    one = run("rule", "SKD021")
    assert one.exit_code == 0
    assert "## What it does" in one.stdout and "## Why is this bad?" in one.stdout and "## Example" in one.stdout
    assert run("rule", "SKD999").exit_code == 2


@pytest.mark.parametrize("command", ["list", "show", "repos", "schema", "rules", "rule"])
def test_every_command_has_help_with_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout


def test_console_script_runs_from_elsewhere_without_traceback(tmp_path):
    exe = Path(sys.executable).parent / "skilldex"
    proc = subprocess.run(
        [str(exe), "list", "nope"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "SKILLDEX_WORKSPACE": str(PROJECT / "skilldex.yaml")},
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("Error: unknown repo 'nope'")
