"""A bounded, read-only walk of a repo: no links out of the root, no special files, findings not crashes."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from skilldex.models import Finding
from skilldex.rules import scan as rules

MAX_DEPTH = 12
MAX_ENTRIES = 200_000
MAX_TEXT_BYTES = 1024 * 1024
BINARY_SNIFF_BYTES = 8192

# Folders that hold dependencies, build output or caches, never a repo's own tooling.
IGNORED_DIRS = frozenset(
    {
        ".git", ".hg", ".svn", "node_modules", "bower_components", "jspm_packages",
        ".venv", "venv", "__pycache__", ".tox", ".nox", ".mypy_cache", ".pytest_cache",
        ".ruff_cache", ".hypothesis", "site-packages", ".eggs", "dist", ".next", ".nuxt",
        ".svelte-kit", ".turbo", ".parcel-cache", ".cache", ".terraform", ".terragrunt-cache",
        ".serverless", ".aws-sam", ".gradle", ".yarn", ".pnpm-store", ".direnv", "vendor",
        "third_party", "third-party", "coverage", "htmlcov", ".idea", "target", "Pods",
    }
)


@dataclass(frozen=True)
class RepoFile:
    """A regular file inside the repo, by its repo-relative POSIX path."""

    rel: str
    abs: Path
    size: int
    executable: bool

    @property
    def name(self) -> str:
        return self.rel.rsplit("/", 1)[-1]

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(self.rel.split("/"))


@dataclass
class RepoFS:
    """The files of one repo, read at most once each; problems are collected as findings."""

    root: Path
    under: str = ""  # the subfolder walked ("" = the whole repo)
    findings: list[Finding] = field(default_factory=list)
    files: list[RepoFile] = field(default_factory=list)
    _texts: dict[str, str | None] = field(default_factory=dict)
    _by_rel: dict[str, RepoFile] = field(default_factory=dict)

    @classmethod
    def open(cls, root: Path, under: str = "") -> RepoFS:
        """Walk the repo at `root`, or only its `under` subfolder (paths stay relative to `root`)."""
        repo = cls(Path(os.path.realpath(root)), under.strip("/"))
        repo._walk(repo.under)
        return repo

    def _inside(self, real: str) -> bool:
        root = str(self.root)
        return real == root or real.startswith(root.rstrip(os.sep) + os.sep)

    def _walk(self, under: str = "") -> None:
        start = self.root / under if under else self.root
        visited = {str(start)}
        stack: list[tuple[Path, str, int]] = [(start, under, under.count("/") + 1 if under else 0)]
        entries = 0
        depth_reported = False
        while stack:
            folder, rel_folder, depth = stack.pop()
            try:
                with os.scandir(folder) as it:
                    children = sorted(it, key=lambda e: e.name)
            except OSError as exc:
                self.findings.append(
                    rules.UNREADABLE.finding(rel_folder or ".", f"cannot list folder: {exc.strerror or exc}")
                )
                continue
            if rel_folder and any(c.name == "pyvenv.cfg" for c in children):
                continue  # a virtualenv under another name
            subfolders: list[tuple[Path, str, int]] = []
            for entry in children:
                entries += 1
                if entries > MAX_ENTRIES:
                    self.findings.append(
                        rules.SCAN_LIMIT.finding(".", f"stopped after {MAX_ENTRIES:,} entries")
                    )
                    return
                rel = f"{rel_folder}/{entry.name}" if rel_folder else entry.name
                kind = self._classify(entry, rel, visited)
                if kind is None:
                    continue
                path, st = kind
                if stat.S_ISDIR(st.st_mode):
                    if entry.name in IGNORED_DIRS:
                        continue
                    real = os.path.realpath(path) if entry.is_symlink() else str(path)
                    if real in visited and entry.is_symlink():
                        continue  # already walked by another path; Claude Code de-duplicates too
                    visited.add(real)
                    if depth + 1 > MAX_DEPTH:
                        if not depth_reported:
                            self.findings.append(
                                rules.SCAN_LIMIT.finding(rel, f"not descending deeper than {MAX_DEPTH} levels")
                            )
                            depth_reported = True
                        continue
                    subfolders.append((path, rel, depth + 1))
                elif stat.S_ISREG(st.st_mode):
                    self.files.append(RepoFile(rel, path, st.st_size, bool(st.st_mode & 0o111)))
                else:
                    self.findings.append(
                        rules.SPECIAL_FILE.finding(rel, f"{_special_kind(st.st_mode)} skipped, never opened")
                    )
            stack.extend(reversed(subfolders))
        self.files.sort(key=lambda f: f.rel)
        self._by_rel = {f.rel: f for f in self.files}

    def file(self, rel: str) -> RepoFile | None:
        """The walked regular file at a repo-relative path, if any."""
        return self._by_rel.get(rel.strip("/"))

    def _classify(self, entry: os.DirEntry, rel: str, visited: set[str]):
        """Return (path to use, stat) or None when the entry is skipped (with a finding if useful)."""
        try:
            if not entry.is_symlink():
                return Path(entry.path), entry.stat(follow_symlinks=False)
            target = os.readlink(entry.path)
            real = os.path.realpath(entry.path)
            if not self._inside(real):
                self.findings.append(
                    rules.SYMLINK_OUTSIDE.finding(rel, f"symlink to '{target}' leaves the repo; not followed")
                )
                return None
            try:
                st = os.stat(entry.path)
            except OSError as exc:
                what = "loops" if getattr(exc, "errno", None) == 40 else "points to a missing file"
                self.findings.append(rules.BROKEN_SYMLINK.finding(rel, f"symlink to '{target}' {what}"))
                return None
            return Path(entry.path), st
        except PermissionError as exc:
            self.findings.append(rules.UNREADABLE.finding(rel, f"cannot stat: {exc.strerror or exc}"))
        except OSError as exc:
            self.findings.append(rules.UNREADABLE.finding(rel, f"cannot stat: {exc.strerror or exc}"))
        return None

    def read_text(self, file: RepoFile, limit: int = MAX_TEXT_BYTES) -> str | None:
        """The file's text, or None (with a finding) when it is unreadable, binary or too large."""
        if file.rel in self._texts:
            return self._texts[file.rel]
        text = self._read(file, limit)
        self._texts[file.rel] = text
        return text

    def head(self, file: RepoFile, size: int = 256) -> bytes:
        """The first bytes of a file (to sniff a shebang or binary magic); b"" when unreadable."""
        try:
            return _open_regular(file.abs, size)
        except OSError:
            return b""

    def _read(self, file: RepoFile, limit: int) -> str | None:
        if file.size > limit:
            self.findings.append(
                rules.TOO_LARGE.finding(file.rel, f"{file.size:,} bytes is over the {limit:,}-byte limit; skipped")
            )
            return None
        try:
            data = _open_regular(file.abs, limit + 1)
        except OSError as exc:
            self.findings.append(rules.UNREADABLE.finding(file.rel, f"cannot read: {exc.strerror or exc}"))
            return None
        if len(data) > limit:
            self.findings.append(rules.TOO_LARGE.finding(file.rel, f"over the {limit:,}-byte limit; skipped"))
            return None
        if b"\0" in data[:BINARY_SNIFF_BYTES]:
            self.findings.append(rules.BINARY.finding(file.rel, "contains NUL bytes; not read as text"))
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            self.findings.append(
                rules.NOT_UTF8.finding(
                    file.rel, f"byte 0x{data[exc.start]:02x} is not valid UTF-8; read with replacements", line
                )
            )
            return data.decode("utf-8", "replace")

    def exists(self, rel: str) -> bool:
        """Whether a repo-relative path (file or folder) exists without leaving the root."""
        rel = rel.strip("/")
        if not rel:
            return True
        candidate = self.root / rel
        real = os.path.realpath(candidate)
        return self._inside(real) and os.path.exists(real)


def _open_regular(path: Path, size: int) -> bytes:
    """Read up to `size` bytes; O_NONBLOCK so a file swapped for a FIFO after the walk cannot hang us."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError("not a regular file")
        return handle.read(size)


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device file"
    return "special file"
