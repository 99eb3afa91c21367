"""Issue 22 item 9: concurrent `skilldex init` runs never lose each other's hooks.

Real processes: each imports skilldex, waits at a barrier file, then runs init with its own hook on the
same project, so their read-modify-write of .claude/settings.json overlap. Without the lock one hook was
missing in most rounds; with it every round ends with all of them.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROUNDS = 8
HOOKS = ("startup", "prompt", "pre-write")
CHILD = """
import os, sys, time
from pathlib import Path
from skilldex.install import init_project, parse_hooks
project, hook, barrier = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
specs = parse_hooks([hook])
open(barrier + "." + hook, "w").close()  # ready: imports done
while not os.path.exists(barrier):
    time.sleep(0.0005)
init_project(project, specs, "brief of " + hook)
"""


def _round(tmp_path: Path, number: int) -> dict:
    project = tmp_path / f"project{number}"
    (project / ".git").mkdir(parents=True)
    barrier = str(tmp_path / f"go{number}")
    children = [subprocess.Popen([sys.executable, "-c", CHILD, str(project), hook, barrier]) for hook in HOOKS]
    deadline = time.monotonic() + 60
    while not all(Path(f"{barrier}.{hook}").exists() for hook in HOOKS) and time.monotonic() < deadline:
        time.sleep(0.01)
    Path(barrier).touch()
    assert [child.wait(timeout=60) for child in children] == [0] * len(HOOKS)
    return json.loads((project / ".claude" / "settings.json").read_text(encoding="utf-8"))


def test_concurrent_inits_keep_every_hook(tmp_path: Path):
    for number in range(ROUNDS):
        settings = _round(tmp_path, number)
        commands = sorted(h["command"] for groups in settings["hooks"].values() for g in groups for h in g["hooks"])
        assert commands == [
            "skilldex hook pre-write",
            "skilldex hook prompt",
            "skilldex startup --format claude-hook",
        ], f"round {number}"


def test_concurrent_init_and_remove_leave_a_consistent_project(tmp_path: Path):
    """An init and a --remove at once: whichever runs second sees the first's files and record."""
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    subprocess.run([sys.executable, "-m", "skilldex", "init"], cwd=project, check=True, capture_output=True)
    both = [
        subprocess.Popen(
            [sys.executable, "-m", "skilldex", *args], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for args in (["init", "--hooks", "prompt"], ["init", "--remove"])
    ]
    assert [p.wait(timeout=120) for p in both] == [0, 0]
    settings = project / ".claude" / "settings.json"
    state = project / ".claude" / "skilldex" / "init-state.json"
    if settings.exists():  # --remove ran first: init then added both back, with its record
        text = settings.read_text(encoding="utf-8")
        assert "skilldex hook prompt" in text and state.exists()
    else:  # init ran first: --remove took everything out, its record too
        assert not state.exists()
