"""Fixtures for `skilldex init`: a project folder, the CLI with a fixed startup brief, tree snapshots."""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skilldex.cli.app import app, register

register()
BRIEF = "# Existing tooling\n\n- tools/rds-query: query the production database (read-only unless --mutate)\n"


def _snapshot(root: Path) -> dict[str, object]:
    """Every folder and file under root with its bytes and mode: equal snapshots are identical trees."""
    tree: dict[str, object] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            tree[rel] = ("link", os.readlink(path))
        elif path.is_dir():
            tree[rel] = "dir"
        else:
            tree[rel] = (path.read_bytes(), oct(path.stat().st_mode & 0o777))
    return tree


@pytest.fixture
def snapshot():
    """snapshot(root) -> {relative path: "dir" | (bytes, mode) | ("link", target)} for the whole tree."""
    return _snapshot


@pytest.fixture
def project(tmp_path: Path):
    """project({path: text or bytes}) -> a real project folder holding exactly those files."""
    root = tmp_path / "proj"
    root.mkdir()

    def make(files: dict[str, str | bytes] | None = None) -> Path:
        for rel, content in (files or {}).items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return root

    return make


@pytest.fixture
def init(monkeypatch, tmp_path_factory):
    """init(*args) runs `skilldex init *args` in-process; skilldex.startup is a stand-in returning BRIEF."""
    calls: list[tuple] = []
    fake = types.ModuleType("skilldex.startup")

    def startup_brief(workspace: str | None = None, cwd: Path | None = None, relative_to: Path | None = None) -> str:
        assert relative_to == cwd  # INDEX.md is committed: repos are named by their path from the project
        calls.append((workspace, cwd))
        return BRIEF

    fake.startup_brief = startup_brief
    monkeypatch.setitem(sys.modules, "skilldex.startup", fake)
    runner = CliRunner()
    user = tmp_path_factory.mktemp("claude-user")

    def run(*args: str, expect: int = 0):
        env = {"SKILLDEX_WORKSPACE": "", "CLAUDE_CONFIG_DIR": str(user)}  # no plugin enabled by the user running them
        result = runner.invoke(app, ["init", *[str(a) for a in args]], env=env)
        assert result.exit_code == expect, (result.stdout, result.stderr, result.exception)
        assert "Traceback" not in result.stdout + result.stderr
        return result

    run.calls = calls
    run.brief = BRIEF
    return run
