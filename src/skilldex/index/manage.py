"""Inspecting and clearing the cache folder (`skilldex cache`)."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from pathlib import Path

from skilldex.index.location import SUFFIX, cache_dir


def describe() -> dict:
    """The cache folder, its total size, and each repo index's root, counts and health."""
    base = Path(cache_dir())
    repos = []
    folder = base / "repos"
    for path in sorted(folder.glob(f"*{SUFFIX}")) if folder.is_dir() else []:
        entry = {"path": str(path), "root": None, "files": 0, "items": 0, "bytes": _size(path), "usable": True}
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            with contextlib.closing(db):
                meta = dict(db.execute("SELECT key, value FROM meta"))
                entry["root"] = meta.get("root")
                entry["files"] = db.execute("SELECT count(*) FROM files").fetchone()[0]
                entry["items"] = db.execute("SELECT count(*) FROM items").fetchone()[0]
        except sqlite3.Error:
            entry["usable"] = False
        repos.append(entry)
    total = sum(_size(p) for p in base.rglob("*") if p.is_file()) if base.is_dir() else 0
    return {"cache_dir": str(base), "bytes": total, "repos": repos}


def clear() -> list[str]:
    """Remove the cache folder's skilldex files; returns what was removed."""
    base = Path(cache_dir())
    removed: list[str] = []
    for name in ("repos", "workspaces", "sessions"):
        folder = base / name
        if folder.is_dir():
            removed.extend(str(p) for p in folder.rglob("*") if p.is_file())
            shutil.rmtree(folder, ignore_errors=True)
    return removed


def _size(path) -> int:
    with contextlib.suppress(OSError):
        return os.path.getsize(path)
    return 0
