"""Fixtures for the persistent index: an isolated cache per test and a repo bound to index helpers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import write_tree

from skilldex.index.listing import catalogue_json
from skilldex.index.location import db_path
from skilldex.index.refresh import catalogue, repo_index
from skilldex.scan import scan_repo

OLD_NS = 1_600_000_000 * 10**9  # 2020: far older than RACY_NS, so the index trusts the fingerprint


class Repo:
    """A real repo folder plus the index calls the tests make on it."""

    OLD_NS = OLD_NS

    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def age(self, ns: int = OLD_NS) -> None:
        """Give every regular file the same old mtime (symlinks are left alone)."""
        for folder, _, names in os.walk(self.root):
            for name in names:
                path = os.path.join(folder, name)
                if not os.path.islink(path):
                    os.utime(path, ns=(ns, ns))

    def write(self, files: dict[str, str | bytes], mtime_ns: int | None = OLD_NS) -> None:
        """Write files; give them `mtime_ns` (None: leave the fresh, racy mtime)."""
        write_tree(self.root, files)
        if mtime_ns is not None:
            for rel in files:
                os.utime(self.root / rel, ns=(mtime_ns, mtime_ns))

    def catalogue(self):
        """catalogue() through the index, checked field for field against a from-scratch scan,
        and the light rows of repo_index() against it."""
        got = catalogue(self.root)
        assert got.model_dump() == scan_repo(self.root).model_dump()
        index = repo_index(self.root)
        try:
            rows = [(r.kind, r.name, r.path, r.description, r.run, r.capabilities) for r in index.rows]
        finally:
            index.close()
        assert rows == [(i.kind, i.name, i.path, i.description, i.run, i.capabilities) for i in got.items]
        listed = catalogue_json(str(self.root), got.repo)
        if listed is not None:  # fresh (nothing racy): what `list --json` prints from the index is the catalogue
            assert listed == got.model_dump(mode="json")
        return got

    def rescanned(self) -> int:
        """How many files repo_index had to scan to bring the index up to date."""
        index = repo_index(self.root)
        try:
            return index.rescanned
        finally:
            index.close()

    def item(self, path: str):
        matches = [i for i in catalogue(self.root).items if i.path == path]
        assert len(matches) == 1, [i.path for i in catalogue(self.root).items]
        return matches[0]

    def paths(self) -> list[str]:
        return [i.path for i in catalogue(self.root).items]

    @property
    def db(self) -> str:
        return db_path(os.path.realpath(self.root))


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each index test gets its own cache folder (created on first use) and the index enabled."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("SKILLDEX_CACHE_DIR", str(folder))
    monkeypatch.delenv("SKILLDEX_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def repo_at():
    """repo_at(path) -> Repo: index helpers for a folder (created if missing)."""
    return Repo


@pytest.fixture
def project(tmp_path: Path) -> Repo:
    """An empty repo folder at tmp_path/repo, with index helpers."""
    return Repo(tmp_path / "repo")
