"""A damaged, outdated, unusable or disabled cache never changes what catalogue() returns."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from support import is_root

from skilldex.index import store
from skilldex.index.refresh import catalogue, repo_index
from skilldex.scan import scan_repo

SKILL = ".claude/skills/deploy/SKILL.md"
FILES = {
    SKILL: "---\nname: deploy\ndescription: Deploy the app to staging.\n---\nSee [the guide](guide.md).\n",
    ".claude/skills/deploy/guide.md": "# Guide\n",
    "tools/backup.sh": "#!/bin/sh\n# Back up the database.\necho backup\n",
    "tools/restore.py": '#!/usr/bin/env python3\n"""Restore the database from a backup."""\n',
    ".claude/skills/broken/SKILL.md": "---\nname: [\n---\nBody\n",
}


@pytest.fixture
def indexed(project):
    project.write(FILES)
    project.catalogue()
    assert os.path.isfile(project.db)
    assert not os.path.exists(project.db + "-wal")  # every connection is closed: the file holds it all
    return project


def _sql(db: str, *statements: str) -> None:
    connection = sqlite3.connect(db)
    try:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


def _garbage(db: str) -> None:
    Path(db).write_bytes(b"this is not an SQLite database, just bytes\n" * 300)


def _half(db: str) -> None:
    size = os.path.getsize(db)
    with open(db, "r+b") as handle:
        handle.truncate(size // 2)


def _empty(db: str) -> None:
    Path(db).write_bytes(b"")


def _older_schema(db: str) -> None:
    _sql(
        db,
        "UPDATE meta SET value='1' WHERE key='schema'",
        "UPDATE items SET description='STALE', data=replace(data, 'Deploy the app to staging.', 'STALE')",
    )


def _other_root(db: str) -> None:  # a hash collision, or a db copied from another repo
    _sql(
        db,
        "UPDATE meta SET value='/somewhere/else' WHERE key='root'",
        "UPDATE items SET description='STALE', data=replace(data, 'Deploy the app to staging.', 'STALE')",
    )


def _other_scanner(db: str) -> None:
    _sql(
        db,
        "UPDATE meta SET value='an-older-build' WHERE key='build'",
        "UPDATE items SET description='STALE', data=replace(data, 'Deploy the app to staging.', 'STALE')",
    )


@pytest.mark.parametrize(
    "damage", [_garbage, _half, _empty, _older_schema, _other_root, _other_scanner], ids=lambda f: f.__name__.strip("_")
)
def test_damaged_or_foreign_index_is_rebuilt(indexed, damage):
    damage(indexed.db)
    got = indexed.catalogue()  # equal to a full scan, whatever was in the file
    assert [i.description for i in got.items if i.path == SKILL] == ["Deploy the app to staging."]
    assert [f.code for f in got.findings] == ["SKD012"]
    assert indexed.rescanned() == 0  # rebuilt on disk, not merely scanned in memory
    connection = sqlite3.connect(indexed.db)
    try:
        meta = dict(connection.execute("SELECT key, value FROM meta"))
        assert (meta["schema"], meta["root"]) == (str(store.SCHEMA), os.path.realpath(indexed.root))
        assert connection.execute("SELECT count(*) FROM files").fetchone() == (len(FILES),)
    finally:
        connection.close()


def test_control_a_tampered_index_of_the_current_schema_is_served_as_is(indexed):
    """Shows the STALE rows above would be visible if an outdated index were reused."""
    _sql(indexed.db, "UPDATE items SET description='STALE', data=replace(data, 'Deploy the app to staging.', 'STALE')")
    assert [i.description for i in catalogue(indexed.root).items if i.path == SKILL] == ["STALE"]


def _zero_page_of(db: str, table: str) -> None:
    connection = sqlite3.connect(db)
    try:
        (page,) = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
        (size,) = connection.execute("PRAGMA page_size").fetchone()
    finally:
        connection.close()
    with open(db, "r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(b"\0" * size)


@pytest.mark.parametrize("table", ["files", "items"])
def test_a_damaged_page_inside_the_index_is_rebuilt(indexed, table):
    _zero_page_of(indexed.db, table)
    indexed.catalogue()
    assert indexed.rescanned() == 0


def test_an_index_path_that_cannot_be_opened_or_removed_falls_back_to_a_scan(project):
    project.write(FILES)
    os.makedirs(project.db)  # sqlite cannot open a folder; os.unlink cannot remove it
    project.catalogue()
    index = repo_index(project.root)
    index.close()


@pytest.mark.skipif(is_root(), reason="root writes into read-only folders")
def test_read_only_cache_with_an_existing_index_still_answers(indexed):
    folder = os.path.dirname(indexed.db)
    os.chmod(folder, 0o555)
    try:
        indexed.catalogue()
        index = repo_index(indexed.root)
        index.close()
    finally:
        os.chmod(folder, 0o755)


@pytest.mark.parametrize("layout", ["file", "below-a-file"])
def test_cache_dir_that_is_not_a_folder_falls_back_to_an_in_memory_scan(project, tmp_path, monkeypatch, layout):
    project.write(FILES)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a regular file\n")
    monkeypatch.setenv("SKILLDEX_CACHE_DIR", str(blocker if layout == "file" else blocker / "cache"))
    expected = scan_repo(project.root)
    assert catalogue(project.root).model_dump() == expected.model_dump()
    assert catalogue(project.root).model_dump() == expected.model_dump()
    index = repo_index(project.root)
    try:
        assert index.rescanned == len(FILES)  # nothing persisted: scanned every time
        assert [(r.path, r.description) for r in index.rows] == [(i.path, i.description) for i in expected.items]
    finally:
        index.close()
    assert blocker.read_text() == "a regular file\n"


@pytest.mark.skipif(is_root(), reason="root writes into read-only folders")
def test_read_only_empty_cache_dir_falls_back(project, cache):
    project.write(FILES)
    cache.mkdir()
    os.chmod(cache, 0o555)
    try:
        project.catalogue()
        assert project.rescanned() == len(FILES)
        assert os.listdir(cache) == []
    finally:
        os.chmod(cache, 0o755)


def test_no_cache_env_writes_nothing(project, cache, monkeypatch):
    project.write(FILES)
    monkeypatch.setenv("SKILLDEX_NO_CACHE", "1")
    project.catalogue()
    assert project.rescanned() == len(FILES)
    assert project.rescanned() == len(FILES)
    assert not cache.exists()

    monkeypatch.setenv("SKILLDEX_NO_CACHE", "0")  # control: "0" keeps the index on
    project.catalogue()
    assert project.rescanned() == 0
    assert os.path.isfile(project.db)


def test_build_id_changes_with_any_source_the_stored_data_comes_from(tmp_path, monkeypatch):
    """A new scanner (or rule catalogue: findings are stored with severity and fix) invalidates old indexes."""
    package = tmp_path / "pkg" / "skilldex"
    sources = ["models.py", "rules/scan.py", "scan/skills.py", "scan/describe/shell.py", "search/documents.py"]
    for rel in [*sources, "index/store.py", "rules/README.md"]:
        (package / rel).parent.mkdir(parents=True, exist_ok=True)
        (package / rel).write_text("# source\n")
        os.utime(package / rel, ns=(10**18, 10**18))
    monkeypatch.setattr(store, "__file__", str(package / "index" / "store.py"))
    first = store.build_id()
    assert store.build_id() == first
    os.utime(package / "rules/README.md", ns=(2 * 10**18, 2 * 10**18))  # not Python: no effect
    assert store.build_id() == first
    seen = {first}
    for rel in sources:
        os.utime(package / rel, ns=(3 * 10**18, 3 * 10**18))
        seen.add(store.build_id())
    assert len(seen) == len(sources) + 1  # every one of them moved the id
