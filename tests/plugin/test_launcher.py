"""hooks/launch.sh before its environment exists: each hook exits 0 with one stderr line, never 2, never a wait."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from support import PROJECT

HOOKS = json.loads((PROJECT / "hooks" / "hooks.json").read_text(encoding="utf-8"))["hooks"]
COMMANDS = [group["hooks"][0]["command"] for groups in HOOKS.values() for group in groups]


def _tools_without_python(tmp_path: Path) -> str:
    """A PATH with the shell tools the launcher uses, and no python or skilldex."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    for tool in ("sh", "cksum", "find", "mkdir", "rm", "dirname", "setsid", "nohup", "cp", "mv", "date"):
        found = shutil.which(tool)
        if found and not (bin_dir / tool).exists():
            (bin_dir / tool).symlink_to(found)
    return str(bin_dir)


def _env(tmp_path: Path, path: str, **extra: str) -> dict[str, str]:
    return {
        "PATH": path,
        "HOME": str(tmp_path / "home"),
        "CLAUDE_PLUGIN_ROOT": str(PROJECT),
        "CLAUDE_PLUGIN_DATA": str(tmp_path / "data"),
        **extra,
    }


def _hook(command: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [env["PATH"].split(os.pathsep)[0] + "/sh", "-c", command],
        env=env,
        cwd=PROJECT,
        input="{}",
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_the_hooks_run_the_plugins_launcher_not_a_skilldex_from_path():
    assert [c.split()[:2] for c in COMMANDS] == [["sh", '"${CLAUDE_PLUGIN_ROOT}/hooks/launch.sh"']] * 3
    assert [c.split()[2:] for c in COMMANDS] == [
        ["startup", "--format", "claude-hook"],
        ["hook", "prompt"],
        ["hook", "pre-write"],
    ]


@pytest.mark.parametrize("command", COMMANDS)
def test_without_a_python_every_hook_exits_0_with_one_line(tmp_path, command):
    done = _hook(command, _env(tmp_path, _tools_without_python(tmp_path)))
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr == (
        "skilldex: needs Python 3.10 or newer with venv (python3 on PATH, or set "
        "SKILLDEX_PLUGIN_PYTHON); its hooks do nothing until then\n"
    )
    assert not (tmp_path / "data" / "setup.lock").exists()


def test_a_python_too_old_or_missing_is_not_used(tmp_path):
    path = _tools_without_python(tmp_path)
    old = tmp_path / "bin" / "python3"
    old.write_text("#!/bin/sh\nexit 1\n")  # answers the version check as Python 3.9 does: no
    old.chmod(0o755)
    for python in ("python3", str(tmp_path / "missing" / "python3")):
        done = _hook(COMMANDS[0], _env(tmp_path, path, SKILLDEX_PLUGIN_PYTHON=python))
        assert (done.returncode, done.stdout) == (0, "") and done.stderr.startswith("skilldex: needs Python 3.10")


def test_a_failed_build_is_reported_until_an_hour_has_passed(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "setup.failed").write_text("x\n")
    done = _hook(COMMANDS[1], _env(tmp_path, _tools_without_python(tmp_path)))
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr == (
        f"skilldex: building its Python environment failed (see {data}/setup.log); it tries "
        "again an hour after the failure\n"
    )
    os.utime(data / "setup.failed", (0, 0))  # an old failure: the launcher tries again (here: no Python)
    again = _hook(COMMANDS[1], _env(tmp_path, _tools_without_python(tmp_path)))
    assert again.returncode == 0 and again.stderr.startswith("skilldex: needs Python 3.10")


def test_a_build_in_progress_is_waited_for_and_a_dead_one_taken_over(tmp_path):
    data = tmp_path / "data"
    (data / "setup.lock").mkdir(parents=True)
    done = _hook(COMMANDS[2], _env(tmp_path, _tools_without_python(tmp_path)))
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr == (
        f"skilldex: still building its Python environment (log: {data}/setup.log); its hooks start once it is ready\n"
    )
    os.utime(data / "setup.lock", (0, 0))  # left by a build that died 20+ minutes ago
    again = _hook(COMMANDS[2], _env(tmp_path, _tools_without_python(tmp_path)))
    assert again.returncode == 0 and again.stderr.startswith("skilldex: needs Python 3.10")
    assert not (data / "setup.lock").exists()
