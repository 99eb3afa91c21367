"""The persistent, incremental index: one SQLite file per repo under the user's cache folder.

`catalogue(root, name)` gives a full Catalogue, rescanning only files whose size or mtime changed
(or whose dependencies did). `rows(root, name)` is the fast path for startup, hooks and find: when
nothing changed it answers from stored rows without importing pydantic or YAML at all.
"""

from __future__ import annotations

from skilldex.index.location import cache_dir, db_path

__all__ = ["cache_dir", "db_path"]
