"""Fixtures for `skilldex export` and `skilldex sync`: the CLI, run in process on the bundled workspace."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import PROJECT
from typer.testing import CliRunner

from skilldex.cli.app import app, register

register()
WORKSPACE = PROJECT / "skilldex.yaml"


@pytest.fixture
def cli():
    """cli(*args, cwd=...) -> click Result, with the bundled workspace (names credentialmate, karematch)."""
    runner = CliRunner()

    def run(*args: str, cwd: Path = PROJECT):
        old = Path.cwd()
        os.chdir(cwd)
        try:
            return runner.invoke(app, ["--workspace", str(WORKSPACE), *args], env={"SKILLDEX_WORKSPACE": ""})
        finally:
            os.chdir(old)

    return run

