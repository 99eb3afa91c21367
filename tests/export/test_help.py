"""Every export and sync command has help with an example."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "command",
    [
        ("export",),
        ("export", "prompt"),
        ("export", "agents-md"),
        ("export", "backstage"),
        ("sync",),
        ("sync", "agents-md"),
        ("mcp",),
    ],
)
def test_help_has_an_example(cli, command):
    result = cli(*command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
