"""The bounded walk of a repo, free of heavy imports so that a warm index can check freshness cheaply.

Problems met on the way are returned as notes (rule attribute, path, message); `fs.RepoFS` turns them
into findings. The index compares each walked file's stamp (size, mtime, ctime, inode) with what it stored.
"""

from __future__ import annotations

import operator
import os
import stat

MAX_DEPTH = 12
MAX_ENTRIES = 200_000

# Folders that hold dependencies, build output or caches, never a repo's own tooling.
IGNORED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        "bower_components",
        "jspm_packages",
        ".venv",
        "venv",
        "__pycache__",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".hypothesis",
        "site-packages",
        ".eggs",
        "dist",
        ".next",
        ".nuxt",
        ".svelte-kit",
        ".turbo",
        ".parcel-cache",
        ".cache",
        ".terraform",
        ".terragrunt-cache",
        ".serverless",
        ".aws-sam",
        ".gradle",
        ".yarn",
        ".pnpm-store",
        ".direnv",
        "vendor",
        "deps",  # mix and rebar fetch dependencies here; C projects (redis, valkey) vendor theirs here
        "third_party",
        "third-party",
        "coverage",
        "htmlcov",
        ".idea",
        "target",
        "Pods",
    }
)

_REL = operator.itemgetter(1)
Note = tuple[str, str, str]  # (rule attribute in skilldex.rules.scan, repo-relative path, message)


class RepoFile:
    """A regular file inside the repo, by its repo-relative POSIX path (a plain class: no dataclass
    import on the fast path)."""

    __slots__ = ("rel", "path", "size", "executable", "mtime_ns", "ctime_ns", "ino", "name", "parts")

    def __init__(
        self, rel: str, path: str, size: int, executable: bool, mtime_ns: int = 0, ctime_ns: int = 0, ino: int = 0
    ):
        self.rel, self.path, self.size, self.executable, self.mtime_ns = rel, path, size, executable, mtime_ns
        self.ctime_ns, self.ino = ctime_ns, ino
        self.parts: tuple[str, ...] = tuple(rel.split("/"))  # every provider asks for these, for every file
        self.name: str = self.parts[-1]

    @property
    def stamp(self) -> str:
        """What the index compares to decide the file is unchanged: size, mtime, ctime and inode."""
        return f"{self.size}:{self.mtime_ns}:{self.ctime_ns}:{self.ino}"

    def __repr__(self) -> str:
        return f"RepoFile({self.rel!r}, size={self.size})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RepoFile) and (self.rel, self.path, self.size) == (other.rel, other.path, other.size)

    def __hash__(self) -> int:
        return hash((self.rel, self.path))

    @property
    def abs(self):
        """The absolute path, as a pathlib.Path."""
        from pathlib import Path  # lazy: `skilldex find` and `list` use this module without pathlib

        return Path(self.path)


def inside(root: str, real: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def printable_path(rel: str) -> str:
    """A path whose name bytes are not UTF-8, with those bytes as \\xff escapes (valid text, still recognisable)."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def exists_inside(root: str, rel: str) -> bool:
    """Whether root/rel exists once resolved, without leaving root (as RepoFS.exists decides)."""
    real = os.path.realpath(os.path.join(root, rel))
    return inside(root, real) and os.path.exists(real)


def walk(
    root, under: str = "", folders: list[tuple[str, int]] | None = None, unlisted: list[str] | None = None
) -> tuple[list[RepoFile], list[Note]]:
    """Every regular file below `root` (or its `under` subfolder), sorted by path, and the notes.

    When `folders` is given, every folder whose entries were all listed is appended to it as (path, mtime_ns)
    ("" = the start): a path missing from a listed folder is known not to exist without asking the disk,
    and an unchanged folder mtime means no entry was added, removed or renamed in it;
    `unlisted` receives the folders seen but not entered (virtualenvs, past the depth limit).
    """
    root = os.fspath(root)
    files: list[RepoFile] = []
    notes: list[Note] = []
    start = os.path.join(root, under) if under else root
    visited = {start}
    stack: list[tuple[str, str, int]] = [(start, under, under.count("/") + 1 if under else 0)]
    entries = 0
    depth_reported = False
    while stack:
        folder, rel_folder, depth = stack.pop()
        try:
            folder_mtime = os.stat(folder).st_mtime_ns if folders is not None else 0
            with os.scandir(folder) as it:
                children = list(it)  # files are sorted once at the end; folders below, for a stable order
        except OSError as exc:
            notes.append(("UNREADABLE", rel_folder or ".", f"cannot list folder: {exc.strerror or exc}"))
            continue
        if rel_folder and any(c.name == "pyvenv.cfg" for c in children):
            if unlisted is not None:
                unlisted.append(rel_folder)
            continue  # a virtualenv under another name
        if folders is not None:
            folders.append((rel_folder, folder_mtime))
        subfolders: list[tuple[str, str, int]] = []
        for entry in children:
            entries += 1
            if entries > MAX_ENTRIES:
                notes.append(("SCAN_LIMIT", ".", f"stopped after {MAX_ENTRIES:,} entries"))
                files.sort(key=lambda f: f.rel)
                return files, notes
            rel = f"{rel_folder}/{entry.name}" if rel_folder else entry.name
            try:
                entry.name.encode()
            except UnicodeEncodeError:  # bytes that are not UTF-8, as os.fsdecode's lone surrogates: no text holds them
                notes.append(("NAME_NOT_UTF8", printable_path(rel), "the name is not valid UTF-8; skipped"))
                continue
            try:  # the common cases from the directory listing itself: a plain folder needs no stat call
                plain_dir = not entry.is_symlink() and entry.is_dir(follow_symlinks=False)
            except OSError:
                plain_dir = False
            if plain_dir:
                path, st = entry.path, None
            else:
                kind = _classify(root, entry, rel, notes)
                if kind is None:
                    continue
                path, st = kind
            if st is None or stat.S_ISDIR(st.st_mode):
                if entry.name in IGNORED_DIRS:
                    continue
                real = os.path.realpath(path) if entry.is_symlink() else path
                if real in visited and entry.is_symlink():
                    continue  # already walked by another path; Claude Code de-duplicates too
                visited.add(real)
                if depth + 1 > MAX_DEPTH:
                    if unlisted is not None:
                        unlisted.append(rel)
                    if not depth_reported:
                        notes.append(("SCAN_LIMIT", rel, f"not descending deeper than {MAX_DEPTH} levels"))
                        depth_reported = True
                    continue
                subfolders.append((path, rel, depth + 1))
            elif stat.S_ISREG(st.st_mode):
                files.append(
                    RepoFile(rel, path, st.st_size, bool(st.st_mode & 0o111), st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
                )
            else:
                notes.append(("SPECIAL_FILE", rel, f"{_special_kind(st.st_mode)} skipped, never opened"))
        subfolders.sort(key=_REL, reverse=True)
        stack.extend(subfolders)
    files.sort(key=lambda f: f.rel)
    return files, notes


def _classify(root: str, entry: os.DirEntry, rel: str, notes: list[Note]):
    """Return (path to use, stat) or None when the entry is skipped (with a note if useful)."""
    try:
        if not entry.is_symlink():
            return entry.path, entry.stat(follow_symlinks=False)
        target = os.readlink(entry.path)
        real = os.path.realpath(entry.path)
        if not inside(root, real):
            notes.append(("SYMLINK_OUTSIDE", rel, f"symlink to '{target}' leaves the repo; not followed"))
            return None
        try:
            st = os.stat(entry.path)
        except OSError as exc:
            what = "loops" if getattr(exc, "errno", None) == 40 else "points to a missing file"
            notes.append(("BROKEN_SYMLINK", rel, f"symlink to '{target}' {what}"))
            return None
        return entry.path, st
    except OSError as exc:
        notes.append(("UNREADABLE", rel, f"cannot stat: {exc.strerror or exc}"))
    return None


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device file"
    return "special file"
