"""Careful file access for `skilldex init`: refuse links and folders, write atomically, keep the mode."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import os
import stat
import tempfile
from pathlib import Path
from typing import overload

from skilldex.errors import UsageError


def sha256(data: bytes | None) -> str | None:
    return hashlib.sha256(data).hexdigest() if data is not None else None


def check_path(path: Path, rel: str, *, folder: bool = False) -> None:
    """Refuse a symlink, or a file where a folder belongs (and the reverse)."""
    if path.is_symlink():
        raise UsageError(
            f"{rel} is a symlink; skilldex init does not write through links. Replace it with a "
            "regular " + ("folder" if folder else "file") + " and run again (nothing was changed)"
        )
    if not path.exists():
        return
    if folder and not path.is_dir():
        raise UsageError(f"{rel} is not a folder; move it aside and run again (nothing was changed)")
    if not folder and path.is_dir():
        raise UsageError(f"{rel} is a folder, not a file; move it aside and run again (nothing was changed)")
    if not folder and not stat.S_ISREG(path.stat().st_mode):
        raise UsageError(f"{rel} is not a regular file; move it aside and run again (nothing was changed)")


def read_bytes(path: Path, rel: str) -> bytes | None:
    """The file's bytes, or None when it does not exist."""
    check_path(path, rel)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UsageError(f"cannot read {rel}: {exc.strerror or exc}; nothing was changed") from None


@overload
def decode(data: bytes, rel: str) -> str: ...
@overload
def decode(data: bytes | None, rel: str) -> str | None: ...
def decode(data: bytes | None, rel: str) -> str | None:
    if data is None:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{rel} is not UTF-8 text (byte {exc.start}); nothing was changed") from None


def check_writable(path: Path, rel: str) -> None:
    """Fail before writing anything when the nearest existing folder above path is not writable."""
    folder = path.parent
    while not folder.exists():
        folder = folder.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"cannot write {rel}: {folder} is not writable; nothing was changed")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder and os.replace; an existing file keeps its mode."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".skilldex-tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def make_dirs(project: Path, rels: list[str]) -> list[str]:
    """Create these project-relative folders in order; return the ones that did not exist."""
    created = []
    for rel in rels:
        path = project / rel
        check_path(path, rel, folder=True)
        if not path.exists():
            path.mkdir()
            created.append(rel)
    return created


def locked(function):
    """Run `function(project, ...)` holding an exclusive lock on the project folder, so two inits (or an init
    and a --remove) read and write the files one after the other: both hooks of `init --hooks startup` and
    `init --hooks prompt` run together end up in settings.json. The lock is flock() on the folder itself,
    next to the files it guards, which leaves no lock file behind for --remove to clean up."""

    @functools.wraps(function)
    def wrapper(project: Path, *args, **kwargs):
        try:
            fd = os.open(project, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            return function(project, *args, **kwargs)  # not a folder: the function says so in its own words
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)  # released when the descriptor closes, also if we are killed
            return function(project, *args, **kwargs)
        finally:
            os.close(fd)

    return wrapper
