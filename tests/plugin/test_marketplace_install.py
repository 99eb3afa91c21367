"""The Done-when of the plugin: from a clone, the real `claude plugin marketplace add` and `claude plugin install`
succeed in a throwaway HOME, and the installed SessionStart hook, run with no `skilldex` on PATH, exits 0 with one
line until its environment is built, then briefs the example workspace.

Building the environment runs pip (the plugin's own source, its dependencies from the index pip is configured
with); PIP_CACHE_DIR stays the user's, so a warm cache makes it quick. Only a failure to reach the index skips.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import PROJECT, claude

# What the plugin needs from the repo: its manifests, hooks, skills and knowledge, the code the launcher runs
# and builds from, and the example workspace the brief is about.
CLONED = (
    ".claude-plugin",
    "hooks",
    "skills",
    "knowledge",
    "src",
    "examples",
    "pyproject.toml",
    "README.md",
    "LICENSE",
    "skilldex.yaml",
)
NETWORK = (
    "Could not find a version",
    "No matching distribution",
    "NewConnectionError",
    "Temporary failure in name",
    "Network is unreachable",
    "ConnectTimeout",
    "ReadTimeout",
)
BUILD_SECONDS = 420


def _clone(tmp_path: Path) -> Path:
    """A git repo holding the working tree's plugin (so uncommitted work is what gets tested)."""
    clone = tmp_path / "clone"
    for part in CLONED:
        source = PROJECT / part
        if source.is_dir():
            shutil.copytree(source, clone / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            clone.mkdir(exist_ok=True)
            shutil.copy2(source, clone / part)
    git = ["git", "-C", str(clone), "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run(["git", "init", "-q", str(clone)], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "plugin"], check=True)
    return clone


def _hook_env(home: Path, root: Path, project: Path) -> dict[str, str]:
    """What Claude Code gives a plugin's hook, with a PATH of system folders only: no skilldex on it."""
    path = os.pathsep.join(p for p in ("/usr/local/bin", "/usr/bin", "/bin") if Path(p).is_dir())
    assert shutil.which("skilldex", path=path) is None
    env = {
        "PATH": path,
        "HOME": str(home),
        "CLAUDE_PLUGIN_ROOT": str(root),
        "CLAUDE_PROJECT_DIR": str(project),
        "CLAUDE_PLUGIN_DATA": str(home / ".claude" / "plugins" / "data" / "skilldex-skilldex"),
        "CLAUDE_CONFIG_DIR": str(home / ".claude"),
        "SKILLDEX_CACHE_DIR": str(home / "skilldex-cache"),
        # The test's own Python builds the environment: the system folders may hold none >= 3.10.
        "SKILLDEX_PLUGIN_PYTHON": sys.executable,
        "PIP_CACHE_DIR": os.environ.get("PIP_CACHE_DIR") or str(Path.home() / ".cache" / "pip"),
    }
    return env


def _run(command: str, env: dict[str, str], cwd: Path, payload: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["sh", "-c", command], env=env, cwd=cwd, input=json.dumps(payload), capture_output=True, text=True, timeout=60
    )


def test_marketplace_install_then_the_session_start_hook_briefs_without_skilldex_on_path(tmp_path):
    clone = _clone(tmp_path)
    home = tmp_path / "home"
    added = claude("plugin", "marketplace", "add", str(clone), home=home)
    assert added.returncode == 0, added.stdout + added.stderr
    installed = claude("plugin", "install", "skilldex@skilldex", home=home)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    record = json.loads((home / ".claude" / "plugins" / "installed_plugins.json").read_text(encoding="utf-8"))
    root = Path(record["plugins"]["skilldex@skilldex"][0]["installPath"])
    assert (root / "hooks" / "launch.sh").is_file() and (root / "src" / "skilldex" / "cli" / "fast.py").is_file()
    hooks = json.loads((root / "hooks" / "hooks.json").read_text(encoding="utf-8"))["hooks"]
    start = hooks["SessionStart"][0]["hooks"][0]["command"]
    write = hooks["PreToolUse"][0]["hooks"][0]["command"]
    env = _hook_env(home, root, clone)
    payload = {"hook_event_name": "SessionStart", "source": "startup", "cwd": str(clone)}

    first = _run(start, env, clone, payload)
    assert (first.returncode, first.stdout) == (0, "")
    assert first.stderr.startswith("skilldex: building its Python environment in the background")
    assert first.stderr.count("\n") == 1
    busy = _run(write, env, clone, {"tool_name": "Write", "tool_input": {"file_path": str(clone / "x.sh")}})
    assert (busy.returncode, busy.stdout) == (0, "")  # never 2: PreToolUse exit 2 would deny the write
    assert busy.stderr.startswith("skilldex: still building its Python environment")

    data = Path(env["CLAUDE_PLUGIN_DATA"])
    deadline = time.monotonic() + BUILD_SECONDS
    while not (data / "venv" / "skilldex-ready").exists() and not (data / "setup.failed").exists():
        assert time.monotonic() < deadline, (data / "setup.log").read_text(encoding="utf-8")
        time.sleep(1)
    log = (data / "setup.log").read_text(encoding="utf-8")
    if (data / "setup.failed").exists():
        if any(sign in log for sign in NETWORK) and os.environ.get("SKILLDEX_REQUIRE_EXTERNAL") != "1":
            pytest.skip(f"the package index cannot be reached to build the environment: {log[-300:]}")
        pytest.fail(f"building the plugin's environment failed:\n{log}")
    while (data / "setup.lock").exists():  # the build's last step: its lock goes
        time.sleep(0.2)

    ready = _run(start, env, clone, payload)
    assert ready.returncode == 0, ready.stderr
    context = json.loads(ready.stdout)["hookSpecificOutput"]["additionalContext"]
    assert context.startswith("# Existing tooling in this workspace (skilldex)")
    assert "## credentialmate (" in context and "tools/rds-query (tool)" in context and "## karematch (" in context
    assert not (root / "build").exists()  # the build read a copy: the installed plugin is as installed
