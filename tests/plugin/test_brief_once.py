"""The plugin and `skilldex init` in one project: init adds no hooks the plugin runs, and a plugin hook stays quiet
where the settings already run the same skilldex hook, so each session is briefed once."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from support import write_tree

from skilldex.plugin import defers_to_settings

TOOL = {"tools/rds-query": "#!/bin/sh\n# Run SQL against the production database.\n"}


def _skilldex(*args: str, project: Path, user: Path, plugin: bool = False, stdin: str = "{}"):
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(user.parent),
        "CLAUDE_CONFIG_DIR": str(user),
        "CLAUDE_PROJECT_DIR": str(project),
        "SKILLDEX_CACHE_DIR": str(user.parent / "cache"),
        "SKILLDEX_WORKSPACE": "",
    }
    if plugin:
        env["SKILLDEX_FROM_PLUGIN"] = "1"  # what hooks/launch.sh sets
    return subprocess.run(
        [sys.executable, "-m", "skilldex", *args],
        cwd=project,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _project(tmp_path: Path) -> tuple[Path, Path]:
    project = write_tree(tmp_path / "proj", TOOL)
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    user = tmp_path / "home" / ".claude"
    user.mkdir(parents=True)
    return project, user


def _enable_plugin(settings: Path) -> None:
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps({"enabledPlugins": {"skilldex@skilldex": True}}, indent=2) + "\n")


def test_init_adds_no_hooks_when_the_user_enabled_the_plugin(tmp_path):
    project, user = _project(tmp_path)
    _enable_plugin(user / "settings.json")
    done = _skilldex("init", project=project, user=user)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == (
        "unchanged .claude/settings.json: the skilldex plugin is enabled (user "
        "settings) and runs its hooks; none added (--hooks adds them anyway)"
    )
    assert not (project / ".claude" / "settings.json").exists()
    assert (project / "CLAUDE.md").is_file() and (project / ".claude" / "skilldex" / "INDEX.md").is_file()
    asked = _skilldex("init", "--hooks", "startup", project=project, user=user)
    assert asked.returncode == 0 and "added SessionStart hook 'skilldex startup --format claude-hook'" in asked.stdout


def test_init_leaves_project_settings_that_enable_the_plugin_byte_for_byte(tmp_path):
    project, user = _project(tmp_path)
    settings = project / ".claude" / "settings.json"
    _enable_plugin(settings)
    before = settings.read_bytes()
    done = _skilldex("init", project=project, user=user)
    assert done.returncode == 0 and "the skilldex plugin is enabled (project settings)" in done.stdout
    assert settings.read_bytes() == before


def test_a_plugin_hook_is_quiet_where_init_installed_the_same_hook(tmp_path, monkeypatch):
    project, user = _project(tmp_path)
    monkeypatch.setenv("CLAUDE_CONFIG_DIR", str(user))
    assert _skilldex("init", "--hooks", "startup,pre-write", project=project, user=user).returncode == 0
    for args in (["startup", "--format", "claude-hook"], ["hook", "pre-write"]):
        quiet = _skilldex(*args, project=project, user=user, plugin=True)
        assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", ""), args
    # init's own hook (no SKILLDEX_FROM_PLUGIN) answers; the plugin's prompt hook, which init did not add, is not quiet
    own = _skilldex("startup", "--format", "claude-hook", project=project, user=user)
    assert "tools/rds-query (tool)" in json.loads(own.stdout)["hookSpecificOutput"]["additionalContext"]
    assert [defers_to_settings(["hook", name], project) for name in ("prompt", "pre-write")] == [False, True]


def test_a_plugin_hook_answers_where_no_settings_run_it(tmp_path):
    project, user = _project(tmp_path)
    done = _skilldex("startup", "--format", "claude-hook", project=project, user=user, plugin=True)
    assert done.returncode == 0, done.stderr
    assert "tools/rds-query (tool)" in json.loads(done.stdout)["hookSpecificOutput"]["additionalContext"]
