"""Bring a repo's index up to date and read it back: the full Catalogue, or light rows for the fast path."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time

from skilldex.index import store
from skilldex.index.location import db_path, enabled
from skilldex.scan import assemble, open_repo
from skilldex.scan.walk import exists_inside

TYPE_CHECKING = False  # the typing module costs the fast path milliseconds
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from skilldex.models import Catalogue
    from skilldex.scan.fs import RepoFS
    from skilldex.scan.unit import Unit

RACY_NS = 2_000_000_000  # a file changed this close to its scan may change again unseen: rescan it next time


class Row:
    """One indexed item, as stored: enough to list, rank and brief without building a pydantic model."""

    __slots__ = (
        "id",
        "rel",
        "provider",
        "kind",
        "name",
        "path",
        "description",
        "run",
        "capabilities",
        "main",
        "cited",
        "importance",
        "why",
    )

    def __init__(
        self,
        id: int,
        rel: str,
        provider: int,
        kind: str,
        name: str,
        path: str,  # noqa: A002
        description: str,
        run: str | None,
        capabilities: list[str],
        main: str = "other",
        cited: int = 0,
        importance: int = 0,
        why: str = "",
    ):
        self.id, self.rel, self.provider, self.kind, self.name = id, rel, provider, kind, name
        self.path, self.description, self.run, self.capabilities = path, description, run, capabilities
        self.main = main  # the capability it is mainly about (skilldex.prominence)
        self.cited = cited  # how many of the repo's item descriptions name it
        self.importance, self.why = importance, why  # evidence the repo's people use it (skilldex.importance)

    def __repr__(self) -> str:
        return f"Row({self.kind} {self.name!r} at {self.path!r})"


class RepoIndex:
    """A repo's up-to-date index rows, and the open database they came from (for search)."""

    def __init__(
        self,
        name: str,
        root: str,
        rows: list[Row] | None = None,
        db: sqlite3.Connection | None = None,
        rescanned: int = 0,
    ):
        self.name, self.root, self.rows, self.db = name, root, rows or [], db
        self.rescanned = rescanned  # files scanned to bring it up to date (0 when it was already fresh)

    def data(self, row: Row) -> dict[str, Any]:
        """The full stored item (what `list --json` prints for it)."""
        assert self.db is not None
        (text,) = self.db.execute("SELECT data FROM items WHERE id = ?", (row.id,)).fetchone()
        return json.loads(text)

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


def catalogue(root: Path | str, name: str | None = None, progress=None) -> Catalogue:
    """The repo's full catalogue, rescanning only what changed since the index was written.

    `progress(done, total)` is called while files are scanned (never when nothing changed). A damaged
    index is deleted and rebuilt; when the cache cannot be used at all, the repo is scanned in memory.
    """
    from pathlib import Path  # lazy: `skilldex find` and `list` use this module without pathlib

    # lazy: `skilldex find` and `hook pre-write` use this module without scan.parallel, scan.unit
    from skilldex.scan.parallel import scan_units
    from skilldex.scan.unit import providers

    fs = open_repo(Path(root))
    walk_findings = list(fs.findings)
    fs.findings.clear()
    for _ in range(2):
        db = _connect(str(fs.root)) if enabled() else None
        if db is None:
            break
        try:
            with contextlib.closing(db):
                units, _ = _update(fs, db, progress, walk_findings)
                return assemble(fs, units, walk_findings, name)
        except sqlite3.OperationalError:
            break  # locked or read-only beyond the busy timeout: answer without the index
        except sqlite3.DatabaseError:  # damage inside the file ("malformed"): start it again
            store.remove(db_path(str(fs.root)))
    return assemble(fs, scan_units(fs, fs.files, providers(), progress), walk_findings, name)


def repo_index(root: Path | str, name: str | None = None) -> RepoIndex:
    """The repo's index rows; when nothing changed this imports nothing heavy and parses nothing."""

    real = os.path.realpath(root)
    label = name or os.path.basename(real)
    if enabled():
        db = _open_existing(real)
        if db is not None:
            try:
                if _unchanged(db, real) and _outside_deps_hold(db, real):
                    return RepoIndex(label, real, _rows(db), db)
            except sqlite3.DatabaseError:
                pass  # damaged: the full path below rebuilds it
            db.close()
    # stale, missing, damaged or disabled: the full path (imports the scanner)
    from pathlib import Path  # lazy: `skilldex find` and `list` use this module without pathlib

    fs = open_repo(Path(real))
    walk_findings = list(fs.findings)
    fs.findings.clear()
    for _ in range(2):
        db = _connect(str(fs.root)) if enabled() else None
        if db is None:
            break
        try:
            _, rescanned = _update(fs, db, walk=walk_findings)
            return RepoIndex(label, str(fs.root), _rows(db), db, rescanned)
        except sqlite3.OperationalError:
            db.close()
            break
        except sqlite3.DatabaseError:
            db.close()
            store.remove(db_path(str(fs.root)))
    db = sqlite3.connect(":memory:", isolation_level=None)
    store._initialise(db, str(fs.root), "memory")
    _, rescanned = _update(fs, db)
    return RepoIndex(label, str(fs.root), _rows(db), db, rescanned)


def _connect(root: str) -> sqlite3.Connection | None:
    try:
        return store.connect(db_path(root), root, store.build_id())
    except store.IndexUnavailable:
        return None


def _open_existing(root: str) -> sqlite3.Connection | None:
    try:
        return store.connect(db_path(root), root, store.build_id(), create=False)
    except (store.IndexUnavailable, sqlite3.Error, OSError):
        return None


def _unchanged(db: sqlite3.Connection, root: str) -> bool:
    """Nothing added, removed or edited since the index was written, judged by stat calls alone.

    Every listed folder keeps its mtime (no entry added, removed or renamed in it) and every file whose
    change could change the index its stamp (size, mtime, ctime, inode): one stat each, no directory listing,
    compared with the stored proof (store.proof) as two lists of text.
    """
    parts = store.stored_proof(db)
    if parts is None or parts[0] == "0":
        return False
    stat = os.stat
    try:
        folders_end = 2 + int(parts[0])
        paths_end = folders_end + int(parts[1])
        seen = [str(stat(path).st_mtime_ns) for path in parts[2:folders_end]]
        seen += [
            f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"
            for st in map(stat, parts[folders_end:paths_end])
        ]
    except (OSError, ValueError, IndexError):  # gone, a path the OS refuses, or a damaged proof
        return False
    return seen == parts[paths_end:]


def _outside_deps_hold(db: sqlite3.Connection, root: str) -> bool:
    """Paths consulted that the walk does not list (a referenced folder) still exist, or still do not."""

    return all((fp == "exists") == exists_inside(root, rel) for rel, fp in store.outside_deps(db))


def _rows(db: sqlite3.Connection) -> list[Row]:
    return [
        Row(i, rel, p, k, n, path, d, r, c.split(), m, x, imp, why)
        for i, rel, p, k, n, path, d, r, c, m, x, imp, why in store.item_rows(db)
    ]


def _update(fs: RepoFS, db: sqlite3.Connection, progress=None, walk: list | None = None) -> tuple[list[Unit], int]:
    """Rescan the files whose stamp or dependencies changed; store them and the `walk` findings; return every unit.

    Raises sqlite3.DatabaseError when the index is damaged (the caller rebuilds it).
    """
    # lazy: `skilldex find` and `hook pre-write` use this module without scan.parallel, scan.unit
    from skilldex.scan.parallel import scan_units
    from skilldex.scan.unit import Unit, providers

    stored = store.stored_files(db)
    reused: dict[str, Unit] = {}
    todo = []
    for file in fs.files:
        known = stored.get(file.rel)
        if known and known[0] == file.stamp and _deps_hold(fs, known[1]):
            reused[file.rel] = Unit(file.rel)
        else:
            todo.append(file)
    fresh: list[Unit] = scan_units(fs, todo, providers(), progress, _derive)
    by_rel = {unit.rel: unit for unit in fresh}
    units: list[Unit] = [reused.get(file.rel) or by_rel[file.rel] for file in fs.files]
    removed = sorted(set(stored) - {f.rel for f in fs.files})
    now = time.time_ns()
    folders = {rel: -1 if now - mtime <= RACY_NS else mtime for rel, mtime in fs.folders}  # racy: look again
    walked = json.dumps([f.model_dump(mode="json") for f in walk]) if walk is not None else None
    if (
        fresh
        or removed
        or store.stored_folders(db) != folders
        or store.meta(db).get(store.WALK_KEY) != walked
        or store.stored_proof(db) != store.proof(db, str(fs.root))  # a run stopped between the two writes
    ):
        with contextlib.suppress(sqlite3.OperationalError):  # read-only or locked: only costs a rescan next time
            _store(fs, db, fresh, removed)
            store.set_folders(db, folders, str(fs.root))
            store.set_meta(db, store.WALK_KEY, walked)  # `list --json` answers from the index with these
    if reused:
        _load(db, reused)
    return units, len(fresh)


def _deps_hold(fs: RepoFS, deps_json: str) -> bool:
    try:
        deps = json.loads(deps_json)
    except ValueError:
        return False
    return all(_fingerprint(fs, path) == fp for path, fp in deps.items())


def _fingerprint(fs: RepoFS, rel: str) -> str:
    walked = fs._by_rel.get(rel)
    if walked is not None:
        return walked.stamp
    return "exists" if fs.exists(rel) else "missing"


def _racy(file, now: int) -> bool:
    """Modified so recently that a further change in the same mtime tick could go unseen (as git's
    "racily clean" entries); ctime and inode, also in the stamp, catch mtimes set back by hand."""
    return file is not None and now - file.mtime_ns <= RACY_NS


def _derive(fs: RepoFS, unit: Unit) -> tuple[str, list[tuple]]:
    """A scanned unit's findings (JSON) and item rows (search fields included), as stored; derived where it
    was scanned, so forked workers do this work too and send back plain text instead of the parent redoing it."""
    if not unit.items and not unit.findings:
        return "[]", []  # most files of a big repo
    # lazy: `skilldex find` and `hook pre-write` use this module without prominence, search.documents
    from skilldex.prominence import main_capability
    from skilldex.search.documents import FIELDS, document

    findings = json.dumps([f.model_dump(mode="json") for f in unit.findings])
    items = []
    for seq, (provider, item) in enumerate(unit.items):
        doc = document(item, fs.root, _known_body(fs, item.path))
        items.append(
            (
                unit.rel,
                provider,
                seq,
                item.kind,
                item.name,
                item.path,
                item.description,
                item.run,
                " ".join(item.capabilities),
                item.model_dump_json(),  # tags hold no spaces
                main_capability(item.name, item.description, item.capabilities, _pipeline(item)),
                *(doc[f] for f in FIELDS),
            )
        )
    return findings, items


def _pipeline(item) -> bool:
    """A CI pipeline or workflow (its `ci` tag says it checks pushes): where CI is defined (skilldex.prominence)."""
    return item.kind == "task" and (not item.run or item.runner == "github-actions")


def _known_body(fs: RepoFS, rel: str) -> str | None:
    """A file's search body from the text the scan read whole and checked for secrets; None: read it again."""
    # lazy: `skilldex find` and `hook pre-write` use this module without search.documents, secrets
    from skilldex.search.documents import BODY_BYTES
    from skilldex.secrets import redact

    file, text = fs._by_rel.get(rel), fs._texts.get(rel)
    if file is None or text is None or file.size > BODY_BYTES or rel not in fs.secrets_checked:
        return None
    return redact(text) if rel in fs.secret_files else text


def _store(fs: RepoFS, db: sqlite3.Connection, units: list[Unit], removed: list[str]) -> None:
    now = time.time_ns()
    by_rel = {f.rel: f for f in fs.files}
    files: list[tuple] = []
    items: list[tuple] = []
    for unit in units:
        file = by_rel[unit.rel]
        # "racy" never matches: rescanned next time (only when its content counted: else it cannot matter)
        stamp = "racy" if unit.read and _racy(file, now) else file.stamp
        deps = {
            path: "racy" if _racy(by_rel.get(path), now) else _fingerprint(fs, path) for path in sorted(unit.deps)
        }  # a racy dependency may change unseen: never trusted
        findings, rows = unit.rows if unit.rows is not None else _derive(fs, unit)
        files.append((unit.rel, stamp, json.dumps(deps), findings, int(unit.read)))
        items.extend(rows)
    store.write(db, files, items, removed, _hook_rules(fs))


def _hook_rules(fs: RepoFS) -> list:
    """What the repo's hooks block, read with no unit's dependencies recorded (every rescan reads them anew)."""
    from skilldex import hookrules  # lazy: only a rescan reads hooks; a fresh index is read without it

    deps, fs.deps = fs.deps, None
    try:
        return hookrules.rules(lambda rel: fs.read_text(file) if (file := fs.file(rel)) is not None else None)
    finally:
        fs.deps = deps


def _load(db: sqlite3.Connection, units: dict[str, Unit]) -> None:
    """Fill reused units with their stored items and findings, as models."""
    # lazy: loads pydantic; `skilldex find` and `hook pre-write` use this module without it
    from pydantic import TypeAdapter

    # lazy: `skilldex find` and `hook pre-write` use this module without models
    from skilldex.models import Finding, Item

    adapter: TypeAdapter = TypeAdapter(Item)
    for rel, provider, data in db.execute("SELECT rel, provider, data FROM items ORDER BY rel, seq"):
        unit = units.get(rel)
        if unit is not None:
            unit.items.append((provider, adapter.validate_json(data)))
    for rel, findings in db.execute("SELECT rel, findings FROM files WHERE findings != '[]'"):
        unit = units.get(rel)
        if unit is not None:
            unit.findings = [Finding.model_validate(f) for f in json.loads(findings)]
