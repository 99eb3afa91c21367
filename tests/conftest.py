"""Fixtures: a factory for real repos in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import write_tree


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory):
    """Every test (and CLI subprocess) writes its index into a throwaway cache, never the user's."""
    cache = tmp_path_factory.mktemp("skilldex-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SKILLDEX_CACHE_DIR", str(cache))
        yield cache


@pytest.fixture
def repo(tmp_path: Path):
    """repo({path: content}) -> a real folder holding those files."""
    root = tmp_path / "repo"
    root.mkdir()

    def make(files: dict[str, str | bytes]) -> Path:
        return write_tree(root, files)

    return make
