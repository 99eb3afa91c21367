"""Fixtures: a factory for real repos in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import write_tree


@pytest.fixture
def repo(tmp_path: Path):
    """repo({path: content}) -> a real folder holding those files."""
    root = tmp_path / "repo"
    root.mkdir()

    def make(files: dict[str, str | bytes]) -> Path:
        return write_tree(root, files)

    return make
