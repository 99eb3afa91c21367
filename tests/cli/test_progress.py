"""The scan progress bar: drawn on a terminal during long scans, never when output is piped."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

from support import terminal_output, write_tree

from skilldex.index.refresh import catalogue


def _big_repo(root, count=400):
    write_tree(root, {f"tools/t{i}.sh": f"#!/bin/sh\n# Task {i}.\necho {i}\n" for i in range(count)})
    for path in (root / "tools").iterdir():  # older than the index's "just changed, look again" window
        os.utime(path, (1_700_000_000, 1_700_000_000))
    return root


def test_catalogue_reports_progress_while_scanning_and_not_when_fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("SKILLDEX_CACHE_DIR", str(tmp_path / "cache"))
    repo = _big_repo(tmp_path / "repo")
    seen: list[tuple[int, int]] = []
    catalogue(repo, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1] == (400, 400)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    seen.clear()
    catalogue(repo, progress=lambda done, total: seen.append((done, total)))
    assert seen == []  # nothing to scan: no bar


def _run(args, tmp_path, tty: bool) -> str:
    env = {
        **os.environ,
        "SKILLDEX_CACHE_DIR": str(tmp_path / "cache"),
        "SKILLDEX_WORKSPACE": "",
        "COLUMNS": "100",
        "TERM": "xterm",
    }
    command = [sys.executable, "-m", "skilldex", *args]
    if not tty:
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
        return done.stdout + done.stderr
    leader, follower = pty.openpty()
    process = subprocess.Popen(command, stdin=follower, stdout=follower, stderr=follower, env=env)
    os.close(follower)
    return terminal_output(leader, process)


def test_a_terminal_gets_a_bar_and_a_pipe_does_not(tmp_path):
    repo = _big_repo(tmp_path / "repo")
    piped = _run(["list", str(repo), "--kind", "task"], tmp_path / "a", tty=False)
    assert "indexing" not in piped
    on_terminal = _run(["list", str(repo), "--kind", "task"], tmp_path / "b", tty=True)
    assert "indexing repo" in on_terminal
