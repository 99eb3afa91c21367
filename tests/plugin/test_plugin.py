"""The repo is a Claude Code plugin: manifest, hooks, the pack's skill and knowledge, checked by the real validator.

`claude plugin validate --strict` comes from the `@anthropic-ai/claude-code` npm package in tests/external. It is
run through the package's `cli-wrapper.cjs`, which finds the platform binary itself: `npm ci --ignore-scripts`
(the Makefile) skips the postinstall that would put it behind `node_modules/.bin/claude`.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from support import PROJECT, claude, skills_ref_validator

from skilldex import tomlfile
from skilldex.scan import scan_repo
from skilldex.validate.run import validate_paths

PLUGIN_PARTS = (".claude-plugin", "hooks", "skills")


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
    assert sorted(p.name for p in (PROJECT / ".claude-plugin").iterdir()) == ["marketplace.json", "plugin.json"]


def test_the_repo_is_a_marketplace_of_itself():
    """`claude plugin marketplace add <clone>` then `claude plugin install skilldex@skilldex` (tests/plugin/
    test_marketplace_install.py runs them)."""
    market = json.loads((PROJECT / ".claude-plugin" / "marketplace.json").read_text(encoding="utf-8"))
    assert market["name"] == "skilldex" and market["owner"]["name"]
    assert [(p["name"], p["source"]) for p in market["plugins"]] == [("skilldex", "./")]


def test_hooks_wire_the_skilldex_commands():
    hooks = json.loads((PROJECT / "hooks" / "hooks.json").read_text(encoding="utf-8"))["hooks"]
    wiring = {
        event: [(group.get("matcher"), [(h["type"], h["command"]) for h in group["hooks"]]) for group in groups]
        for event, groups in hooks.items()
    }
    launch = 'sh "${CLAUDE_PLUGIN_ROOT}/hooks/launch.sh"'  # never a bare `skilldex` from PATH
    assert wiring == {
        "SessionStart": [("startup|resume|clear|compact", [("command", f"{launch} startup --format claude-hook")])],
        "UserPromptSubmit": [(None, [("command", f"{launch} hook prompt")])],
        "PreToolUse": [("Write", [("command", f"{launch} hook pre-write")])],
    }
    assert all(0 < h["timeout"] <= 30 for groups in hooks.values() for g in groups for h in g["hooks"])


def test_pack_skill_is_valid_everywhere():
    skill = PROJECT / "skills" / "discover-infrastructure"
    for profile in ("agentskills", "claude-code", "claude-upload"):
        report = validate_paths([str(skill)], profile=profile)
        assert [f.code for f in report.findings] == [], profile
        assert len(report.files) == 1
    skills_ref_validate = skills_ref_validator()
    assert skills_ref_validate is None or skills_ref_validate(skill) == []


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
            "When you need to",
            "Do",
            "Don't",
            "How it works",
            "Evidence",
        ], item.name


def _warnings(out: str) -> list[str]:
    """The validator's warning lines about the plugin (its plugin-directory advice is a separate section)."""
    checks = out.split("Plugin directory checks")[0]
    return [
        line.strip()
        for line in checks.splitlines()
        if line.strip().startswith("❯ ") and ": " in line and not line.strip().startswith(("❯ hooks:", "❯ skills:"))
    ]


def test_claude_plugin_validate_passes_on_the_repo_and_strict_warns_only_of_the_root_claude_md(tmp_path):
    """The root CLAUDE.md holds the notes for agents working on this repo; plugin users do not load it, which is
    the one warning `--strict` turns into a failure (a copy without it passes --strict: the next test)."""
    result = claude("plugin", "validate", str(PROJECT), home=tmp_path / "home")
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "Validation passed" in out and "Validating marketplace manifest" in out
    root_claude_md = "❯ root: CLAUDE.md at the plugin root is not loaded as project context."
    assert [w[: len(root_claude_md)] for w in _warnings(out)] == [root_claude_md]
    launch = 'sh \\"${CLAUDE_PLUGIN_ROOT}/hooks/launch.sh\\"'
    for line in (
        f'hooks: SessionStart startup|resume|clear|compact command "{launch} startup --format claude-hook"',
        f'hooks: UserPromptSubmit command "{launch} hook prompt"',
        f'hooks: PreToolUse Write command "{launch} hook pre-write"',
        "skills: skilldex:discover-infrastructure",
    ):
        assert line in out, line
    strict = claude("plugin", "validate", "--strict", str(PROJECT), home=tmp_path / "home")
    assert strict.returncode == 1 and [w[: len(root_claude_md)] for w in _warnings(strict.stdout)] == [root_claude_md]


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
        app,
        ["--workspace", str(PROJECT / "skilldex.yaml"), "generate", "skill", "--out", str(out)],
        env={"SKILLDEX_WORKSPACE": ""},
    )
    assert result.exit_code == 0, result.output
    checked = claude("plugin", "validate", "--strict", str(out), home=tmp_path / "home")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Validation passed" in checked.stdout
