"""Fixtures for `skilldex export` and `skilldex sync`: the CLI, run in process on the bundled workspace."""

from __future__ import annotations

import pytest
from support import PROJECT, workspace_cli

from skilldex.cli.app import register

register()
WORKSPACE = PROJECT / "skilldex.yaml"


@pytest.fixture
def cli():
    """cli(*args, cwd=...) -> click Result, with the bundled workspace (names credentialmate, karematch)."""
    return workspace_cli()
