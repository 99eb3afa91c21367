"""The index trusted around files being edited: `validate` of a few files reads the repo's other manifests from it.

A pre-commit run validates exactly the files that changed since the index was written, so the index is never
wholly fresh then. Its skills, commands and agents are still exact when nothing else that could change them
changed: a folder whose mtime moved lies on the way to a changed file and lists only entries the index knows or
that lead to one of them (so no file was added, removed or renamed elsewhere), and every file that could be a
manifest, with every file its scan consulted, keeps its stamp (one stat each, no walk). Tools, docs and the rest
may have changed: no manifest's row depends on them.
"""

from __future__ import annotations

import json
import os

from skilldex.index.location import db_path, enabled
from skilldex.scan.walk import IGNORED_DIRS, exists_inside

TYPE_CHECKING = False
if TYPE_CHECKING:
    import sqlite3

Manifest = tuple[str, str, "str | None", "str | None", "str | None"]  # (rel, kind, frontmatter name, scope, dir_name)

# Every file that could be a skill, command or agent by its path (a superset of validate.targets.classify: any
# skill.md, any .md below a folder named commands or agents), and any file the index holds one of those for.
_MAY_BE_MANIFEST = (
    "SELECT rel, stamp, deps FROM files WHERE rel LIKE '%skill.md' "
    "OR rel GLOB '*commands/*.md' OR rel GLOB '*agents/*.md' OR rel IN (SELECT rel FROM manifests)"
)


def trusted_manifests(root: str, changing: set[str], answers: set[str] | None = None) -> list[Manifest] | None:
    """Every skill, command and agent the index holds for the repo at `root` (a real path), when nothing but
    `changing` (repo-relative files) changed since it was written that could change them; None: read the repo.
    With `answers`, only those that may answer to one of these invocations (store.stored_manifests).

    Never scans or writes: a missing, stale or damaged index is None."""
    if not enabled() or not os.path.exists(db_path(root)):
        return None  # never indexed (most runs outside a session): SQLite is not even loaded
    # lazy: only once an index exists; a repo never indexed is read without loading SQLite
    import sqlite3

    # lazy: as sqlite3 above
    from skilldex.index import store

    try:
        db = store.connect(db_path(root), root, store.build_id(), create=False)
    except (store.IndexUnavailable, sqlite3.Error, OSError):
        return None
    if db is None:  # written by another scanner: not to be read
        return None
    try:
        if _folders_hold(db, root, changing) and _manifests_hold(db, root, changing):
            return store.stored_manifests(db, answers)
    except (sqlite3.DatabaseError, OSError):
        pass
    finally:
        db.close()
    return None


def _folders_hold(db: sqlite3.Connection, root: str, changing: set[str]) -> bool:
    """No entry added, removed or renamed anywhere but on the way to `changing`."""
    folders = dict(db.execute("SELECT rel, mtime_ns FROM folders"))
    if not folders:
        return False
    on_the_way = {"/".join(rel.split("/")[:i]) for rel in changing for i in range(rel.count("/") + 1)}
    allowed: set[str] = set()
    children: dict[str, set[str]] = {}
    prefix, stat = os.path.join(root, ""), os.stat
    for rel, mtime in folders.items():
        path = prefix + rel if rel else root
        if stat(path).st_mtime_ns == mtime:
            continue
        if rel not in on_the_way:
            return False
        if not allowed:  # the first folder that moved: what the index knows, read only now (most runs need none)
            known = {file for (file,) in db.execute("SELECT rel FROM files")} | set(folders)
            allowed = known | on_the_way | set(changing)
            for known_rel in known:
                children.setdefault(known_rel.rsplit("/", 1)[0] if "/" in known_rel else "", set()).add(known_rel)
        here = f"{rel}/" if rel else ""
        listed = {
            f"{here}{name}"
            for name in os.listdir(path)
            if name not in IGNORED_DIRS or not os.path.isdir(os.path.join(path, name))
        }  # .git: never walked
        if not listed <= allowed or not children.get(rel, set()) - {rel} <= listed:
            return False  # an entry the index never saw (new, or skipped as ignored) or one that is gone
    return True


def _manifests_hold(db: sqlite3.Connection, root: str, changing: set[str]) -> bool:
    """Every file that could be a manifest, and every path its scan consulted, is as the index saw it."""
    prefix, stat = os.path.join(root, ""), os.stat
    for rel, stamp, deps in db.execute(_MAY_BE_MANIFEST):
        if rel in changing:
            continue
        st = stat(prefix + rel)  # OSError (removed): not to be trusted
        if f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}" != stamp:
            return False
        if deps != "{}" and not all(_holds(root, dep, fp, changing) for dep, fp in json.loads(deps).items()):
            return False
    return True


def _holds(root: str, rel: str, fingerprint: str, changing: set[str]) -> bool:
    """Whether a path a manifest's scan consulted still gives the fingerprint the index recorded for it."""
    if rel in changing or fingerprint == "racy":
        return False  # its content is changing, or it changed too close to the scan to be sure
    if fingerprint in ("exists", "missing"):
        return exists_inside(root, rel) == (fingerprint == "exists")
    st = os.stat(os.path.join(root, rel))
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}" == fingerprint
