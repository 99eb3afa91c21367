"""The index trusted around files being edited: `validate` of a few files reads the rest of the repo from it.

A pre-commit run validates exactly the files that changed since the index was written, so the index is never
wholly fresh then. It is still exact for every other file when nothing else changed: each stored stamp holds
(one stat per file, no walk), and a folder whose mtime moved lies on the way to a changed file and lists only
entries the index knows or that lead to one of them.
"""

from __future__ import annotations

import os
import sqlite3

from skilldex.index import store
from skilldex.index.location import db_path
from skilldex.index.refresh import RepoIndex, enabled
from skilldex.scan.walk import IGNORED_DIRS


def trusted_index(root: str, changing: set[str]) -> RepoIndex | None:
    """The repo's index (its open database) when nothing but `changing` (repo-relative files) changed since
    it was written; None: read the repo.

    Never scans or writes: a missing, stale or damaged index is None."""
    if not enabled():
        return None
    try:
        db = store.connect(db_path(root), root, store.build_id(), create=False)
    except (store.IndexUnavailable, sqlite3.Error, OSError):
        return None
    if db is None:  # never indexed
        return None
    try:
        if _holds(db, root, changing):
            return RepoIndex(os.path.basename(root), root, [], db)  # rows: the caller queries what it needs
    except (sqlite3.DatabaseError, OSError):
        pass
    db.close()
    return None


def _holds(db: sqlite3.Connection, root: str, changing: set[str]) -> bool:
    folders = store.stored_folders(db)
    if not folders:
        return False
    on_the_way = {"/".join(rel.split("/")[:i]) for rel in changing for i in range(rel.count("/") + 1)}
    allowed: set[str] = set()
    children: dict[str, set[str]] = {}
    for rel, mtime in folders.items():
        path = os.path.join(root, rel) if rel else root
        if os.stat(path).st_mtime_ns == mtime:
            continue
        if rel not in on_the_way:
            return False
        if not allowed:  # the first folder that moved: what the index knows, read only now (most runs need none)
            known = {file for (file,) in db.execute("SELECT rel FROM files")} | set(folders)
            allowed = known | on_the_way | set(changing)
            for known_rel in known:
                children.setdefault(known_rel.rsplit("/", 1)[0] if "/" in known_rel else "", set()).add(known_rel)
        prefix = f"{rel}/" if rel else ""
        listed = {
            f"{prefix}{name}"
            for name in os.listdir(path)
            if name not in IGNORED_DIRS or not os.path.isdir(os.path.join(path, name))
        }  # .git: never walked
        if not listed <= allowed or not children.get(rel, set()) - {rel} <= listed:
            return False  # an entry the index never saw (new, or skipped as ignored) or one that is gone
    for rel, stamp in store.stored_stamps(db).items():
        if rel in changing:
            continue
        st = os.stat(os.path.join(root, rel))  # OSError (removed): not to be trusted
        if f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}" != stamp:
            return False
    return True
