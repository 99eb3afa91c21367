"""Fixtures for knowledge objects: repos built in tmp_path, the CLI in process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import write_tree
from typer.testing import CliRunner

from skilldex.cli.app import app, register

register()


@pytest.fixture
def make_repo(tmp_path: Path):
    """make_repo({path: text}, name="repo") -> a git repo folder with scripts/deploy.sh and those files."""

    def make(files: dict[str, str], name: str = "repo") -> Path:
        base = {".git/HEAD": "ref: refs/heads/main\n", "scripts/deploy.sh": "#!/bin/sh\n# Deploy the API.\necho\n"}
        return write_tree(tmp_path / name, {**base, **files})

    return make


@pytest.fixture
def cli():
    runner = CliRunner()

    def run(*args: str, cwd: Path | None = None, env: dict | None = None):
        old = Path.cwd()
        if cwd is not None:
            os.chdir(cwd)
        try:
            return runner.invoke(app, list(args), env={"SKILLDEX_WORKSPACE": "", **(env or {})})
        finally:
            os.chdir(old)

    return run
