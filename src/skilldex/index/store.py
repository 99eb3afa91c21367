"""The SQLite file behind one repo's index: schema, opening (rebuilt when corrupt or outdated), reads, writes.

Concurrency: WAL journal, a busy timeout, and every write in one IMMEDIATE transaction that replaces
whole files' rows, so two processes refreshing at once leave a consistent index.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import zlib  # not hashlib: build_id runs on every fast-path call, and a change detector needs no crypto

from skilldex import __version__
from skilldex.scan.walk import IGNORED_DIRS

SCHEMA = 11
FTS_FIELDS = ("name", "description", "headings", "body", "path", "caps")
BUSY_TIMEOUT_MS = 5000

_TABLES = f"""
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files(
    rel TEXT PRIMARY KEY, stamp TEXT NOT NULL, deps TEXT NOT NULL DEFAULT '{{}}',
    findings TEXT NOT NULL DEFAULT '[]', read INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS depended(rel TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS items(
    id INTEGER PRIMARY KEY, rel TEXT NOT NULL, provider INTEGER NOT NULL, seq INTEGER NOT NULL,
    kind TEXT NOT NULL, name TEXT NOT NULL, path TEXT NOT NULL, description TEXT NOT NULL,
    run TEXT, capabilities TEXT NOT NULL, data TEXT NOT NULL,
    main TEXT NOT NULL DEFAULT 'other', cited INTEGER NOT NULL DEFAULT 0,
    importance INTEGER NOT NULL DEFAULT 0, why TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS items_rel ON items(rel);
CREATE TABLE IF NOT EXISTS outside(rel TEXT PRIMARY KEY, fp TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS folders(rel TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS manifests(
    id INTEGER PRIMARY KEY, rel TEXT NOT NULL, kind TEXT NOT NULL, name TEXT, scope TEXT, dir_name TEXT, stem TEXT);
CREATE INDEX IF NOT EXISTS manifests_rel ON manifests(rel);
CREATE TABLE IF NOT EXISTS snapshot(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS docs USING fts5({", ".join(FTS_FIELDS)},
    tokenize='porter unicode61 remove_diacritics 2');
"""


class IndexUnavailable(Exception):
    """The cache folder cannot be used (read-only, not a folder...): callers scan without an index."""


def build_id() -> str:
    """Identifies the scanner that wrote an index: its version and the size/mtime of its own sources."""

    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    parts = [__version__, str(SCHEMA)]
    # rules: stored findings carry their severity, fix
    for folder in ("", "rules", "scan", "scan/describe", "scan/tasks", "search"):
        try:
            with os.scandir(os.path.join(package, folder)) as entries:
                for entry in sorted(entries, key=lambda e: e.name):
                    if entry.name.endswith(".py"):
                        st = entry.stat()
                        parts.append(f"{folder}/{entry.name}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append(f"{folder}:?")

    data = "|".join(parts).encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def connect(path: str, root: str, build: str, create: bool = True) -> sqlite3.Connection | None:
    """An open index for `root`, rebuilt from scratch when corrupt, from another schema or scanner.

    Returns None when `create` is False and there is no usable index yet. Raises IndexUnavailable
    when the cache folder cannot be written.
    """
    if not create and not os.path.exists(path):
        return None
    for attempt in range(2):
        try:
            if create:
                os.makedirs(os.path.dirname(path), exist_ok=True)
            db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            current = _meta(db)
            if current.get("schema") == str(SCHEMA) and current.get("build") == build and current.get("root") == root:
                return db
            if not create:
                db.close()
                return None
            if current:  # another version's index: start again
                db.close()
                remove(path)
                continue
            _initialise(db, root, build)
            return db
        except sqlite3.OperationalError as exc:  # locked, read-only, cannot open: not damage, keep the file
            raise IndexUnavailable(f"cannot use the index {path}: {exc}") from None
        except sqlite3.DatabaseError:  # "file is not a database", malformed image...
            with contextlib.suppress(Exception):
                db.close()
            if attempt or not create:
                if not create:
                    return None
                raise IndexUnavailable(f"index {path} is unusable even after a rebuild") from None
            remove(path)
        except OSError as exc:
            folder = os.path.dirname(path)
            raise IndexUnavailable(f"cannot use the cache folder {folder}: {exc.strerror or exc}") from None
    raise IndexUnavailable(f"index {path} could not be opened")


WALK_KEY = "walk_findings"  # meta: the walk's findings (JSON) when the index was last brought up to date


def meta(db: sqlite3.Connection) -> dict[str, str]:
    return dict(db.execute("SELECT key, value FROM meta"))


def set_meta(db: sqlite3.Connection, key: str, value: str | None) -> None:
    """Set one meta value (None: remove it)."""
    if value is None:
        db.execute("DELETE FROM meta WHERE key = ?", (key,))
    else:
        db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))


def _meta(db: sqlite3.Connection) -> dict[str, str]:
    try:
        return dict(db.execute("SELECT key, value FROM meta"))
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return {}
        raise


def _initialise(db: sqlite3.Connection, root: str, build: str) -> None:
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("BEGIN IMMEDIATE")
    try:
        for statement in _TABLES.split(";"):
            if statement.strip():
                db.execute(statement)
        db.executemany(
            "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
            [("schema", str(SCHEMA)), ("build", build), ("root", root)],
        )
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def remove(path: str) -> None:
    """Delete an index and its journal files; what cannot be deleted is left (the caller falls back)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            os.unlink(f"{path}{suffix}")


def stored_files(db: sqlite3.Connection) -> dict[str, tuple[str, str, str]]:
    return {
        rel: (stamp, deps, findings)
        for rel, stamp, deps, findings in db.execute("SELECT rel, stamp, deps, findings FROM files")
    }


def stored_stamps(db: sqlite3.Connection) -> dict[str, str]:
    """{file: stamp} of the files whose change could change the index: those whose content a scan read,
    and those another file's scan consulted. The rest were judged on their path alone: adding, removing
    or renaming them shows in their folder's mtime."""
    return dict(
        db.execute("SELECT rel, stamp FROM files WHERE read = 1 OR rel IN (SELECT rel FROM depended) ORDER BY rel")
    )


PROOF_KEY = "proof"  # snapshot: what stat must answer for the index to be fresh (see proof())


def proof(db: sqlite3.Connection, root: str) -> list[str] | None:
    """What proves the index fresh with one stat per path, as the tables say: [n folders, n files, the
    absolute paths of every walked folder, then of every file in stored_stamps(), then the answers a fresh
    index expects: each folder's mtime, then each file's stamp]. None when a folder or file was stored as
    racy (-1, "racy"): such an index is never fresh without a rescan."""
    folders = stored_folders(db)
    stamps = stored_stamps(db)
    if not folders or -1 in folders.values() or "racy" in stamps.values():
        return None
    prefix = os.path.join(root, "")
    return [
        str(len(folders)),
        str(len(stamps)),
        *(prefix + rel if rel else root for rel in folders),
        *(prefix + rel for rel in stamps),
        *map(str, folders.values()),
        *stamps.values(),
    ]


def stored_proof(db: sqlite3.Connection) -> list[str] | None:
    """proof() as written with the tables it describes: one text, its parts NUL-separated (no path holds NUL),
    so the fast path reads it with one query and one split instead of thousands of rows."""
    found = db.execute("SELECT value FROM snapshot WHERE key = ?", (PROOF_KEY,)).fetchone()
    return found[0].split("\0") if found is not None else None


def outside_deps(db: sqlite3.Connection) -> list[tuple[str, str]]:
    """(path, "exists" | "missing") of every path a scan consulted that the walk does not list."""
    return db.execute("SELECT rel, fp FROM outside").fetchall()


def stored_folders(db: sqlite3.Connection) -> dict[str, int]:
    """{folder: mtime_ns} as last walked (-1: changed too recently to trust)."""
    return dict(db.execute("SELECT rel, mtime_ns FROM folders ORDER BY rel"))


def set_folders(db: sqlite3.Connection, folders: dict[str, int], root: str) -> None:
    """Replace the walked folders, and the proof of freshness with one made from them and the files as stored
    (write() comes first: the proof is written last, so it never describes tables it was not made from)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute("DELETE FROM folders")
        db.executemany("INSERT INTO folders(rel, mtime_ns) VALUES (?, ?)", sorted(folders.items()))
        made = proof(db, root)
        if made is None:
            db.execute("DELETE FROM snapshot WHERE key = ?", (PROOF_KEY,))
        else:
            db.execute("INSERT OR REPLACE INTO snapshot(key, value) VALUES (?, ?)", (PROOF_KEY, "\0".join(made)))
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _collect_outside(db: sqlite3.Connection) -> None:
    """Index every consulted path: those outside the walk with whether they exist, all of them as depended on."""

    found: dict[str, str] = {}
    depended: set[str] = set()

    for (deps,) in db.execute("SELECT deps FROM files WHERE deps != '{}'"):
        for rel, fp in json.loads(deps).items():
            depended.add(rel)
            # paths in walked folders show up in the walk (files) or in its folder list (folders) when they
            # change; only those the walk never enters (ignored folders, outside the root) are kept here
            if fp in ("exists", "missing") and any(p in IGNORED_DIRS or p == ".." for p in rel.split("/")):
                found[rel] = fp
    db.execute("DELETE FROM outside")
    db.executemany("INSERT INTO outside(rel, fp) VALUES (?, ?)", sorted(found.items()))
    db.execute("DELETE FROM depended")
    db.executemany("INSERT INTO depended(rel) VALUES (?)", [(rel,) for rel in sorted(depended)])


def write(
    db: sqlite3.Connection, files: list[tuple], items: list[tuple], removed: list[str], blocked: list | None = None
) -> None:
    """Replace the rows of the given files (rel, stamp, deps, findings) and drop removed ones.

    `items` rows: (rel, provider, seq, kind, name, path, description, run, capabilities, data, main,
    fts fields...). Citation counts are recomputed for every item, since any description may name any item.
    """

    rels = json.dumps([f[0] for f in files] + removed)  # one statement each, however many files changed
    db.execute("BEGIN IMMEDIATE")
    try:
        ids = [
            (i,) for (i,) in db.execute("SELECT id FROM items WHERE rel IN (SELECT value FROM json_each(?))", (rels,))
        ]
        db.executemany("DELETE FROM docs WHERE rowid = ?", ids)
        db.executemany("DELETE FROM items WHERE id = ?", ids)
        db.execute("DELETE FROM files WHERE rel IN (SELECT value FROM json_each(?))", (rels,))
        db.executemany("INSERT INTO files(rel, stamp, deps, findings, read) VALUES (?, ?, ?, ?, ?)", files)
        (last,) = db.execute("SELECT COALESCE(MAX(id), 0) FROM items").fetchone()
        numbered = [(last + n, *row) for n, row in enumerate(items, 1)]
        db.executemany(
            "INSERT INTO items(id, rel, provider, seq, kind, name, path, description, run, capabilities, data, main) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [row[:12] for row in numbered],
        )
        db.executemany(
            f"INSERT INTO docs(rowid, {', '.join(FTS_FIELDS)}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(row[0], *row[12:]) for row in numbered],
        )
        db.execute("DELETE FROM manifests WHERE rel IN (SELECT value FROM json_each(?))", (rels,))
        db.execute(
            f"INSERT INTO manifests(id, rel, kind, name, scope, dir_name, stem) {_MANIFESTS} "
            "AND rel IN (SELECT value FROM json_each(?))",
            (rels,),
        )
        _recount(db, blocked or [])
        _collect_outside(db)
        db.execute(
            "INSERT OR REPLACE INTO snapshot(key, value) VALUES (?, ?)", (ROWS_KEY, json.dumps(_select_rows(db)))
        )
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


# Each skill, command and agent file's item (by its id), with what it answers to: its frontmatter name when that
# is text, its scope, its folder's name and its file's name less its last three characters (`.md`). The
# name-collision check of `validate` on a few files reads these rows rather than every item's JSON.
_BASENAME = "replace(rel, rtrim(rel, replace(rel, '/', '')), '')"  # rel's last part: SQLite has no rsplit
_MANIFESTS = (
    "SELECT id, rel, kind, CASE WHEN json_type(data, '$.frontmatter.name') = 'text' "
    "THEN json_extract(data, '$.frontmatter.name') END, json_extract(data, '$.scope'), "
    f"json_extract(data, '$.dir_name'), substr({_BASENAME}, 1, length({_BASENAME}) - 3) "
    "FROM items WHERE kind IN ('skill', 'command', 'agent') AND rel = path"
)


def stored_manifests(
    db: sqlite3.Connection, answers: set[str] | None = None
) -> list[tuple[str, str, str | None, str | None, str | None]]:
    """(rel, kind, frontmatter name, scope, dir_name) of every skill, command and agent file's item, in item order.

    With `answers` (invocations such as `/deploy`), only those that may answer to one of them: whose frontmatter
    name, folder name or file name (less `.md`) is one, with or without its leading slash. A superset of those that
    do, picked by SQLite, so a check of one skill does not build thousands of rows."""
    if answers is None:
        return db.execute("SELECT rel, kind, name, scope, dir_name FROM manifests ORDER BY id").fetchall()
    labels = json.dumps(sorted(answers | {answer[1:] for answer in answers if answer.startswith("/")}))
    said = "IN (SELECT value FROM json_each(?1))"
    return db.execute(
        f"SELECT rel, kind, name, scope, dir_name FROM manifests WHERE name {said} OR dir_name {said} OR stem {said} "
        "ORDER BY id",
        (labels,),
    ).fetchall()


def _recount(db: sqlite3.Connection, blocked: list) -> None:
    # lazy: `skilldex find` and `hook pre-write` use this module without importance, prominence
    from skilldex.importance import score
    from skilldex.prominence import citations

    rows = db.execute(
        "SELECT i.id, i.kind, i.name, i.path, i.description, i.run, d.body, d.headings, "
        "json_extract(i.data, '$.installed_by') FROM items i JOIN docs d ON d.rowid = i.id"
    ).fetchall()
    counts = citations([(kind, name, path, description) for _, kind, name, path, description, *_ in rows])
    db.execute("UPDATE items SET cited = 0 WHERE cited != 0")
    db.executemany(
        "UPDATE items SET cited = ? WHERE id = ?", [(n, row[0]) for n, row in zip(counts, rows, strict=True) if n]
    )
    ranked = score(
        [row[1:6] for row in rows],
        [row[6] for row in rows],
        [row[7] if row[1] == "task" else "" for row in rows],
        counts,
        blocked,
        [row[8] or "" for row in rows],
    )
    db.execute("UPDATE items SET importance = 0, why = '' WHERE importance != 0 OR why != ''")
    db.executemany(
        "UPDATE items SET importance = ?, why = ? WHERE id = ?",
        [(n, why, row[0]) for (n, why), row in zip(ranked, rows, strict=True) if n or why],
    )


ROWS_KEY = "rows"  # snapshot: item_rows() as one JSON text, written in the transaction that changes them


def item_rows(db: sqlite3.Connection) -> list:
    """(id, rel, provider, kind, name, path, description, run, capabilities, main, cited, importance, why) in
    catalogue order: read as the one JSON text written with them, a third of the cost of selecting thousands of
    rows (the fast path's largest read)."""
    found = db.execute("SELECT value FROM snapshot WHERE key = ?", (ROWS_KEY,)).fetchone()
    return json.loads(found[0]) if found is not None else _select_rows(db)


def _select_rows(db: sqlite3.Connection) -> list[tuple]:
    return db.execute(
        "SELECT id, rel, provider, kind, name, path, description, run, capabilities, main, cited, importance, why "
        "FROM items "
        "ORDER BY provider, rel, seq"
    ).fetchall()


def item_data(db: sqlite3.Connection) -> list[tuple[str, int, str]]:
    """(data JSON, importance, why) of every item, in catalogue order."""
    return db.execute("SELECT data, importance, why FROM items ORDER BY provider, rel, seq").fetchall()
