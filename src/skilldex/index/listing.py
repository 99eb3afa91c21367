"""`list --json` from a fresh index: the catalogue's JSON as stored, without building a pydantic model.

The index keeps each item's JSON, each file's findings and the walk's findings; when nothing changed since
it was written (judged by stat calls, as the fast path judges it) these are the catalogue that
`refresh.catalogue()` would assemble, in its order. Anything else is None: the caller builds the catalogue.
"""

from __future__ import annotations

import json
import os
import sqlite3

from skilldex.index import store
from skilldex.index.refresh import _open_existing, _outside_deps_hold, _unchanged, enabled
from skilldex.index.workspaces import repos, workspace_file
from skilldex.kinds import SCHEMA_VERSION


def catalogue_json(root: str, name: str, kinds: list[str] | None = None, ranks: bool = False) -> dict | None:
    """Catalogue.model_dump(mode="json") of the repo at `root`, items of `kinds` only; None: not fresh.

    With `ranks`, each item also holds its "importance" and "why" (skilldex.importance), as `show` prints them.
    """
    real = os.path.realpath(root)
    db = _open_existing(real) if enabled() else None
    if db is None:
        return None
    try:
        if not (_unchanged(db, real) and _outside_deps_hold(db, real)):
            return None
        walked = store.meta(db).get(store.WALK_KEY)
        if walked is None:  # written before the walk's findings were kept
            return None
        items = [
            _ranked(json.loads(data), importance, why) if ranks else json.loads(data)
            for data, importance, why in store.item_data(db)
        ]
        stored = db.execute("SELECT findings FROM files WHERE findings != '[]' ORDER BY rel").fetchall()
    except sqlite3.DatabaseError:
        return None
    finally:
        db.close()
    unique: dict[tuple, dict] = {}
    for finding in [*json.loads(walked), *(f for (text,) in stored for f in json.loads(text))]:
        unique.setdefault((finding["code"], finding["path"], finding["line"], finding["message"]), finding)
    findings = sorted(unique.values(), key=lambda f: (f["path"], f["line"] or 0, f["code"]))
    return {
        "schema_version": SCHEMA_VERSION,
        "repo": name,
        "root": real,
        "items": [item for item in items if not kinds or item["kind"] in kinds],
        "findings": findings,
    }


def _ranked(item: dict, importance: int, why: str) -> dict:
    item["importance"], item["why"] = importance, why or "no evidence either way"  # as importance.explain says
    return item


def light_ref(workspace: str | None, ref: str) -> tuple[str, str] | None:
    """(name, path) of a repo named in the workspace or given as a folder, as skilldex.workspace.resolve_repo
    gives it, read without the YAML loader when the workspace is cached; None: let resolve_repo answer."""

    cwd = os.getcwd()
    try:
        known = repos(workspace, cwd) if workspace_file(workspace, cwd) else []
    except Exception:  # a bad workspace: resolve_repo reports it
        return None
    for name, path in known:
        if name == ref:
            return (name, path) if os.path.isdir(path) else None
    path = os.path.expanduser(ref)
    if not os.path.isdir(path):
        return None
    real = os.path.realpath(path)
    for name, known_path in known:
        if os.path.realpath(known_path) == real:
            return name, known_path
    return os.path.basename(real) or real, real
