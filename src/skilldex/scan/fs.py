"""A bounded, read-only walk of a repo: no links out of the root, no special files, findings not crashes."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from skilldex.finding import Finding
from skilldex.plainvalue import Value
from skilldex.rules import scan as rules
from skilldex.scan.context import ScanContext
from skilldex.scan.walk import IGNORED_DIRS, RepoFile, inside, walk

MAX_TEXT_BYTES = 1024 * 1024
BINARY_SNIFF_BYTES = 8192
READ_STEP = 64 * 1024  # below malloc's mmap threshold: cheap to allocate


class RepoFS(Value):
    """The files of one repo, read at most once each; problems are collected as findings."""

    _fields = (
        "root",
        "under",
        "findings",
        "files",
        "folders",
        "_listed",
        "_noted",
        "_texts",
        "_by_rel",
        "_folder_bytes",
        "deps",
        "unit",
        "secrets_checked",
        "secret_files",
        "secret_values",
        "_whole",
        "content_read",
        "_in_folder",
    )

    def __init__(self, root: Path, under: str = ""):
        self.root = root
        self.under = under  # the subfolder walked ("" = the whole repo)
        self.findings: list[Finding] = []
        self.files: list[RepoFile] = []
        self.folders: list[tuple[str, int]] = []  # (folder, mtime_ns) of every folder listed in full
        self._listed: set[str] | None = None
        self._noted: set[str] = set()  # entries the walk skipped with a note (FIFOs, links out...)
        self._texts: dict[str, str | None] = {}
        self._by_rel: dict[str, RepoFile] = {}
        self._folder_bytes: dict[str, int] | None = None
        self.deps: set[str] | None = None  # while set, every path consulted is added (the index's dependencies)
        self.unit: ScanContext | None = None  # the file being scanned (scan.unit.scan_unit): its findings go there
        self.secrets_checked: set[str] = set()  # texts already searched for secret values
        self.secret_files: set[str] = set()  # files whose texts held one
        self.secret_values: dict[str, frozenset[str]] = {}  # the values found, by file
        self._whole: tuple[str, bytes] | None = None  # the small file head() last read whole, for the next read
        self.content_read: set[str] = set()  # files whose bytes (or size) a scan looked at
        self._in_folder: dict[str, list[RepoFile]] | None = None

    @classmethod
    def open(cls, root: Path, under: str = "") -> RepoFS:
        """Walk the repo at `root`, or only its `under` subfolder (paths stay relative to `root`)."""
        repo = cls(Path(os.path.realpath(root)), under.strip("/"))
        repo._walk(repo.under)
        return repo

    def _walk(self, under: str = "") -> None:
        unlisted: list[str] = []
        self.files, notes = walk(self.root, under, self.folders, unlisted)
        self._noted = {rel for _, rel, _ in notes} | set(unlisted)
        self.findings.extend(getattr(rules, attr).finding(rel, message) for attr, rel, message in notes)
        self._by_rel = {f.rel: f for f in self.files}

    def report(self, finding: Finding) -> None:
        """File a finding with the file being scanned, or, outside a scan_unit, with the walk's own."""
        (self.unit.findings if self.unit is not None else self.findings).append(finding)

    def folder_bytes(self, folder: str) -> int:
        """Total size of the walked files under a repo-relative folder ("" = all), summed once per walk."""
        if self._folder_bytes is None:
            totals: dict[str, int] = {}
            for f in self.files:
                parts = f.rel.split("/")[:-1]
                totals[""] = totals.get("", 0) + f.size
                for depth in range(1, len(parts) + 1):
                    key = "/".join(parts[:depth])
                    totals[key] = totals.get(key, 0) + f.size
            self._folder_bytes = totals
        return self._folder_bytes.get(folder.strip("/"), 0)

    def file(self, rel: str) -> RepoFile | None:
        """The walked regular file at a repo-relative path, if any."""
        rel = rel.strip("/")
        if self.deps is not None:
            self.deps.add(rel)
        return self._by_rel.get(rel)

    def read_text(self, file: RepoFile, limit: int = MAX_TEXT_BYTES) -> str | None:
        """The file's text, or None (with a finding) when it is unreadable, binary or too large."""
        if self.deps is not None:
            self.deps.add(file.rel)
        self.content_read.add(file.rel)
        if file.rel in self._texts:
            return self._texts[file.rel]
        text = self._read(file, limit)
        self._texts[file.rel] = text
        return text

    def head(self, file: RepoFile, size: int = 256) -> bytes:
        """The first bytes of a file (to sniff a shebang or binary magic); b"" when unreadable."""
        if self.deps is not None:
            self.deps.add(file.rel)
        self.content_read.add(file.rel)
        try:
            if file.size >= READ_STEP:
                return _open_regular(file.path, size, str(self.root))
            # A small file is read whole: its text is usually wanted next, and one open costs less than two.
            data = _open_regular(file.path, READ_STEP, str(self.root))
            self._whole = (file.rel, data) if len(data) < READ_STEP else None
            return data[:size]
        except OSError:
            return b""

    def _read(self, file: RepoFile, limit: int) -> str | None:
        if file.size > limit:
            self.report(
                rules.TOO_LARGE.finding(file.rel, f"{file.size:,} bytes is over the {limit:,}-byte limit; skipped")
            )
            return None
        whole, self._whole = self._whole, None
        try:
            # what head() read whole (to its end) is what reading limit + 1 bytes would give
            if whole and whole[0] == file.rel:
                data = whole[1][: limit + 1]
            else:
                data = _open_regular(file.path, limit + 1, str(self.root))
        except OSError as exc:
            self.report(rules.UNREADABLE.finding(file.rel, f"cannot read: {exc.strerror or exc}"))
            return None
        if len(data) > limit:
            self.report(rules.TOO_LARGE.finding(file.rel, f"over the {limit:,}-byte limit; skipped"))
            return None
        if b"\0" in data[:BINARY_SNIFF_BYTES]:
            self.report(rules.BINARY.finding(file.rel, "contains NUL bytes; not read as text"))
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            self.report(
                rules.NOT_UTF8.finding(
                    file.rel, f"byte 0x{data[exc.start]:02x} is not valid UTF-8; read with replacements", line
                )
            )
            return data.decode("utf-8", "replace")

    def files_in(self, folder: str, ending: str = "") -> list[RepoFile]:
        """The walked files directly in a repo-relative folder, by name, those whose name ends with `ending` if
        given (what is returned counts as consulted)."""
        if self._in_folder is None:
            self._in_folder = {}
            for f in self.files:
                self._in_folder.setdefault(f.rel.rpartition("/")[0], []).append(f)
            for members in self._in_folder.values():
                members.sort(key=lambda f: f.name)
        found = [f for f in self._in_folder.get(folder, ()) if f.name.endswith(ending)]
        if self.deps is not None:
            self.deps.update(f.rel for f in found)
        return found

    def exists(self, rel: str) -> bool:
        """Whether a repo-relative path (file or folder) exists without leaving the root."""
        rel = rel.strip("/")
        if self.deps is not None:
            self.deps.add(rel)
        if self._listed is None:
            self._listed = {rel for rel, _ in self.folders}
        if not rel or rel in self._by_rel or rel in self._listed:
            return True  # walked, so inside the root: no need to resolve it again
        parent, _, name = rel.rpartition("/")
        if parent in self._listed and name not in IGNORED_DIRS and rel not in self._noted and ".." not in rel:
            return False  # its folder was listed in full and it was not there
        candidate = self.root / rel
        real = os.path.realpath(candidate)
        return inside(str(self.root), real) and os.path.exists(real)


def _open_regular(path: str, size: int, root: str | None = None) -> bytes:
    """Read up to `size` bytes of a regular file that is, once opened, inside `root` (when given).

    The walk checked every path, but a file can be swapped for a symlink (or a folder on its way for a link
    out) between the walk and the read: O_NOFOLLOW refuses a link as the last part, a link inside the root
    is resolved and checked before it is opened, and the opened file's own path is checked against the
    root. O_NONBLOCK so a file swapped for a FIFO cannot hang us."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if root is None or exc.errno != errno.ELOOP:
            raise
        real = os.path.realpath(path)  # a symlink the walk followed because it stays inside the root
        if not inside(root, real):
            raise OSError(errno.EXDEV, "a symlink that leaves the repo") from None
        fd = os.open(real, flags)
    try:
        if root is not None and not inside(root, _opened_path(fd, path)):
            raise OSError(errno.EXDEV, "the file is outside the repo")
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError("not a regular file")
        # Read in steps sized to the file, not `size` at once: a read(1 MB) allocates the whole buffer
        # every time, which cost more than the read itself on small files. Loop to EOF as read() did.
        step = min(size, max(info.st_size + 1, READ_STEP))
        chunks: list[bytes] = []
        got = 0
        while got < size:
            chunk = os.read(fd, min(step, size - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)


def _opened_path(fd: int, path: str) -> str:
    """The path the kernel opened for `fd` (every folder on the way resolved), where the platform says."""
    try:
        return os.readlink(f"/proc/self/fd/{fd}")  # Linux
    except OSError:
        pass
    import fcntl  # lazy: here, not at the top: only macOS gets this far

    if hasattr(fcntl, "F_GETPATH"):
        return fcntl.fcntl(fd, fcntl.F_GETPATH, b"\0" * 1024).rstrip(b"\0").decode("utf-8", "surrogateescape")
    real = os.path.realpath(path)  # elsewhere: the same file as its resolved path, or it moved under us
    here, there = os.fstat(fd), os.stat(real)
    if (here.st_dev, here.st_ino) != (there.st_dev, there.st_ino):
        raise OSError(errno.EXDEV, "the file changed while it was opened")
    return real
