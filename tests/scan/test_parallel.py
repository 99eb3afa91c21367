"""Scanning on several processes gives exactly the catalogue of scanning in one."""

from __future__ import annotations

import os

import pytest
from support import FIXTURES, PROJECT

from skilldex.index import refresh
from skilldex.scan import parallel, scan_repo


@pytest.mark.parametrize("root", [FIXTURES / "allkinds", PROJECT / "examples" / "karematch"])
def test_forked_workers_give_the_same_catalogue(monkeypatch, root):
    monkeypatch.setenv("SKILLDEX_WORKERS", "1")
    serial = scan_repo(root).model_dump()
    monkeypatch.delenv("SKILLDEX_WORKERS")
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    assert scan_repo(root).model_dump() == serial
    assert parallel.last_workers and os.getpid() not in parallel.last_workers  # the spans ran in workers


def test_small_jobs_stay_in_process(monkeypatch, tmp_path):
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "a.sh").write_text("#!/bin/sh\n# Say hello.\necho hi\n")
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 8)
    parallel.last_workers.clear()
    parallel.last_workers.add(-1)
    assert [i.name for i in scan_repo(tmp_path).items] == ["a.sh"]
    assert parallel.last_workers == {-1}  # untouched: no pool was started


def _index_dump(root, cache) -> list:
    """Every stored row of the repo's index (items with their search text, and files), ids left out."""
    import sqlite3

    from skilldex.index.location import db_path

    refresh.catalogue(root)
    db = sqlite3.connect(db_path(str(root.resolve())))
    try:
        items = db.execute(
            "SELECT i.rel, i.seq, i.data, i.main, i.cited, d.name, d.description, d.headings, d.body, "
            "d.path, d.caps FROM items i JOIN docs d ON d.rowid = i.id ORDER BY i.rel, i.seq"
        ).fetchall()
        files = db.execute("SELECT rel, deps, findings FROM files ORDER BY rel").fetchall()
    finally:
        db.close()
    return [items, files]


@pytest.mark.parametrize("root", [FIXTURES / "allkinds", PROJECT / "examples" / "credentialmate"])
def test_index_rows_derived_in_workers_equal_the_serial_ones(monkeypatch, tmp_path, root):
    monkeypatch.setenv("SKILLDEX_CACHE_DIR", str(tmp_path / "serial"))
    monkeypatch.setenv("SKILLDEX_WORKERS", "1")
    serial = _index_dump(root, tmp_path / "serial")
    monkeypatch.setenv("SKILLDEX_CACHE_DIR", str(tmp_path / "forked"))
    monkeypatch.delenv("SKILLDEX_WORKERS")
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    parallel.last_workers.clear()
    assert _index_dump(root, tmp_path / "forked") == serial
    assert serial[0] and parallel.last_workers and os.getpid() not in parallel.last_workers
