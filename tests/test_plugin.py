"""The repo is a Claude Code plugin: manifest, hooks, the pack's skill and knowledge, checked by the real validator.

`claude plugin validate --strict` comes from the `@anthropic-ai/claude-code` npm package in tests/external. It is
run through the package's `cli-wrapper.cjs`, which finds the platform binary itself: `npm ci --ignore-scripts`
(the Makefile) skips the postinstall that would put it behind `node_modules/.bin/claude`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import PROJECT, external_path

from skilldex import tomlfile
from skilldex.scan import scan_repo
from skilldex.validate import validate_paths

PLUGIN_PARTS = (".claude-plugin", "hooks", "skills")


def claude(*args: str, home: Path) -> subprocess.CompletedProcess:
    """Run the real `claude` CLI with a throwaway HOME, no telemetry, no update checks."""
    wrapper = external_path("@anthropic-ai/claude-code/cli-wrapper.cjs")
    node = shutil.which("node")
    if node is None:
        why = "node is not on PATH (needed to run tests/external's claude-code)"
        if os.environ.get("SKILLDEX_REQUIRE_EXTERNAL") == "1":
            pytest.fail(why, pytrace=False)
        pytest.skip(why)
    home.mkdir(parents=True, exist_ok=True)
    env = {
        "PATH": os.environ.get("PATH", ""), "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
        "CLAUDE_CONFIG_DIR": str(home / ".claude"), "DISABLE_AUTOUPDATER": "1", "DISABLE_TELEMETRY": "1",
        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1", "NO_COLOR": "1",
    }
    return subprocess.run([node, str(wrapper), *args], env=env, capture_output=True, text=True, timeout=180)


def _plugin_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "plugin"
    for part in PLUGIN_PARTS:
        shutil.copytree(PROJECT / part, copy / part)
    (copy / "README.md").write_text((PROJECT / "README.md").read_text(encoding="utf-8"), encoding="utf-8")
    return copy


def test_manifest_names_the_plugin_and_matches_pyproject():
    manifest = json.loads((PROJECT / ".claude-plugin" / "plugin.json").read_text(encoding="utf-8"))
    project = tomlfile.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert (manifest["name"], manifest["version"], manifest["license"]) == ("skilldex", project["version"], "MIT")
    assert manifest["description"] and len(manifest["description"]) < 500
    assert manifest["network"] == {"hosts": []}  # the hooks run the local CLI, which reaches no host
    assert sorted(p.name for p in (PROJECT / ".claude-plugin").iterdir()) == ["plugin.json"]


def test_hooks_wire_the_skilldex_commands():
    hooks = json.loads((PROJECT / "hooks" / "hooks.json").read_text(encoding="utf-8"))["hooks"]
    wiring = {
        event: [(group.get("matcher"), [(h["type"], h["command"]) for h in group["hooks"]]) for group in groups]
        for event, groups in hooks.items()
    }
    assert wiring == {
        "SessionStart": [("startup|resume|clear|compact", [("command", "skilldex startup --format claude-hook")])],
        "UserPromptSubmit": [(None, [("command", "skilldex hook prompt")])],
        "PreToolUse": [("Write", [("command", "skilldex hook pre-write")])],
    }
    assert all(0 < h["timeout"] <= 30 for groups in hooks.values() for g in groups for h in g["hooks"])


def test_pack_skill_is_valid_everywhere():
    from skills_ref.validator import validate as skills_ref_validate

    skill = PROJECT / "skills" / "discover-infrastructure"
    for profile in ("agentskills", "claude-code", "claude-upload"):
        report = validate_paths([str(skill)], profile=profile)
        assert [f.code for f in report.findings] == [], profile
        assert len(report.files) == 1
    assert skills_ref_validate(skill) == []


def test_pack_knowledge_objects_are_catalogued_cleanly(tmp_path):
    shutil.copytree(PROJECT / "knowledge", tmp_path / "knowledge")
    catalogue = scan_repo(tmp_path)
    assert catalogue.findings == []
    objects = sorted(p.stem for p in (PROJECT / "knowledge").glob("*.md") if p.name != "README.md")
    assert sorted(i.name for i in catalogue.items) == objects and len(objects) >= 5
    for item in catalogue.items:
        assert item.kind == "knowledge" and item.title and item.tags and item.repos and item.applies_when, item.name
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", item.updated or ""), item.name
        assert [h.text for h in item.headings if h.level == 2] == [
            "When you need to", "Do", "Don't", "How it works", "Evidence",
        ], item.name


def test_claude_plugin_validate_strict_passes_on_the_repo(tmp_path):
    result = claude("plugin", "validate", "--strict", str(PROJECT), home=tmp_path / "home")
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "Validation passed" in out and "warning" not in out.split("Plugin directory checks")[0].lower()
    for line in (
        'hooks: SessionStart startup|resume|clear|compact command "skilldex startup --format claude-hook"',
        'hooks: UserPromptSubmit command "skilldex hook prompt"',
        'hooks: PreToolUse Write command "skilldex hook pre-write"',
        "skills: skilldex:discover-infrastructure",
    ):
        assert line in out, line


@pytest.mark.parametrize(
    ("part", "old", "new", "message"),
    [
        (".claude-plugin/plugin.json", '"version": "0.1.0"', '"version": 1', "version: Invalid input"),
        ("hooks/hooks.json", '"SessionStart"', '"SesionStart"', "hooks.SesionStart: unknown hook event"),
    ],
)
def test_a_broken_copy_fails_validation(tmp_path, part, old, new, message):
    copy = _plugin_copy(tmp_path)
    intact = claude("plugin", "validate", "--strict", str(copy), home=tmp_path / "home")
    assert intact.returncode == 0, intact.stdout + intact.stderr
    target = copy / part
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new), encoding="utf-8")
    broken = claude("plugin", "validate", "--strict", str(copy), home=tmp_path / "home")
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert message in broken.stdout + broken.stderr


def test_generated_skill_passes_claude_plugin_validate(tmp_path):
    from typer.testing import CliRunner

    from skilldex.cli.app import app, register

    register()
    out = tmp_path / "skills"
    result = CliRunner().invoke(
        app, ["--workspace", str(PROJECT / "skilldex.yaml"), "generate", "skill", "--out", str(out)],
        env={"SKILLDEX_WORKSPACE": ""},
    )
    assert result.exit_code == 0, result.output
    checked = claude("plugin", "validate", "--strict", str(out), home=tmp_path / "home")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Validation passed" in checked.stdout
