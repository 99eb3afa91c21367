"""Test helpers: build real repos on disk (imported by tests and conftest)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
PROJECT = Path(__file__).parent.parent


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write files (text or bytes) under root; a value starting with '#!' becomes executable."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
            if content.startswith("#!"):
                path.chmod(0o755)
    return root


def skilldex_cli(
    args: list[str], cwd: Path, stdin: str = "", home: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess:
    """`python -m skilldex ARGS` in `cwd` as a user runs it: wide columns, bytes that are not UTF-8 kept
    (surrogateescape), `HOME` moved when given, never longer than `timeout` seconds."""
    env = {**os.environ, "COLUMNS": "200", **({"HOME": str(home)} if home else {})}
    return subprocess.run(
        [sys.executable, "-m", "skilldex", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        env=env,
        timeout=timeout,
    )


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


EXTERNAL = Path(__file__).parent / "external" / "node_modules"


def external_path(rel: str) -> Path:
    """A file from an npm package under tests/external/node_modules (installed by `make test`).

    Missing: the test skips, unless SKILLDEX_REQUIRE_EXTERNAL=1 (set by .ci/run), where it fails.
    """
    path = EXTERNAL / rel
    if path.is_file():
        return path
    missing_external(f"{path} is missing; run: npm ci --ignore-scripts --no-audit --no-fund --prefix tests/external")


def missing_external(why: str) -> NoReturn:
    """Skip the test, or fail it where SKILLDEX_REQUIRE_EXTERNAL=1 (set by .ci/run) says the tools must be there."""
    if os.environ.get("SKILLDEX_REQUIRE_EXTERNAL") == "1":
        pytest.fail(why, pytrace=False)
    pytest.skip(why)


def node(needed_to: str) -> str:
    """The `node` on PATH; missing, the test skips (or fails under SKILLDEX_REQUIRE_EXTERNAL=1)."""
    found = shutil.which("node")
    if found is None:
        missing_external(f"node is not on PATH (needed to {needed_to})")
    return found


def terminal_output(leader: int, process: subprocess.Popen) -> str:
    """All a process wrote to a pseudo-terminal (its follower end already closed here), read until it is done."""
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the follower closed: the process is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def workspace_cli():
    """run(*args, cwd=...) -> click Result: the CLI in process on the bundled workspace (skilldex.yaml)."""
    from typer.testing import CliRunner

    from skilldex.cli.app import app, register

    register()
    runner = CliRunner()
    workspace = PROJECT / "skilldex.yaml"

    def run(*args: str, cwd: Path = PROJECT):
        old = Path.cwd()
        os.chdir(cwd)
        try:
            return runner.invoke(app, ["--workspace", str(workspace), *args], env={"SKILLDEX_WORKSPACE": ""})
        finally:
            os.chdir(old)

    return run


def claude(*args: str, home: Path) -> subprocess.CompletedProcess:
    """Run the real `claude` CLI with a throwaway HOME, no telemetry, no update checks."""
    wrapper = external_path("@anthropic-ai/claude-code/cli-wrapper.cjs")
    runner = node("run tests/external's claude-code")
    home.mkdir(parents=True, exist_ok=True)
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "CLAUDE_CONFIG_DIR": str(home / ".claude"),
        "DISABLE_AUTOUPDATER": "1",
        "DISABLE_TELEMETRY": "1",
        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
        "NO_COLOR": "1",
    }
    return subprocess.run([runner, str(wrapper), *args], env=env, capture_output=True, text=True, timeout=180)


def skills_ref_validator():
    """skills-ref's validate(), or None on Python 3.10, where the test extra does not install it (it needs 3.11)."""
    try:
        from skills_ref.validator import validate
    except ImportError:
        if sys.version_info < (3, 11):
            return None
        raise
    return validate


def hint_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str | bytes]) -> tuple[str, Path]:
    """A one-repo workspace of `files` (repo `app`) with its own index cache: (workspace file, repo root)."""
    monkeypatch.setenv("SKILLDEX_CACHE_DIR", str(tmp_path / "cache"))
    root = write_tree(tmp_path / "app", files)
    workspace = tmp_path / "skilldex.yaml"
    workspace.write_text(f"repos:\n  app: {root}\n", encoding="utf-8")
    return str(workspace), root


def hint(project: tuple[str, Path], prompt: str) -> str | None:
    """What `hook prompt` adds to the agent's context for `prompt` typed in the repo, or None when it is silent."""
    from skilldex import hooks  # lazy: support is imported by tests that never load the hooks

    workspace, root = project
    reply = hooks.prompt({"prompt": prompt, "cwd": str(root)}, workspace)
    return None if reply is None else reply["hookSpecificOutput"]["additionalContext"]
