"""The workspace's repos for the fast path: skilldex.yaml parsed once, then read from a small JSON cache.

A session-start or prompt hook must not pay for importing YAML on every call; the cache is keyed by
the workspace file's path, size and mtime, so an edited skilldex.yaml is read again.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib

from skilldex.errors import UsageError
from skilldex.index.location import cache_dir

WORKSPACE_FILENAMES = ("skilldex.yaml", "skilldex.yml")
ENV_VAR = "SKILLDEX_WORKSPACE"


def _parents(path: str):
    while True:
        yield path
        parent = os.path.dirname(path)
        if parent == path:
            return
        path = parent


def workspace_file(explicit: str | None, cwd) -> str | None:
    """The workspace file from --workspace, $SKILLDEX_WORKSPACE, or the nearest one above `cwd`."""
    given = explicit or os.environ.get(ENV_VAR)
    if given:
        path = os.path.abspath(os.path.expanduser(given))
        if os.path.isdir(path):
            found = [os.path.join(path, n) for n in WORKSPACE_FILENAMES if os.path.isfile(os.path.join(path, n))]
            return found[0] if found else path  # the full loader says what is wrong
        return path
    for folder in _parents(os.path.realpath(cwd)):
        for name in WORKSPACE_FILENAMES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                return candidate
    return None


def repos(explicit: str | None = None, cwd=None) -> list[tuple[str, str]]:
    """(name, absolute path) of every workspace repo; without a workspace, the project around `cwd`.

    Raises the workspace's own errors (skilldex.workspace.WorkspaceError) for a bad skilldex.yaml.
    """
    cwd = os.fspath(cwd) if cwd else os.getcwd()
    file = workspace_file(explicit, cwd)
    if file is None:
        root = project_root(cwd)
        if root is None:
            raise UsageError(
                f"{os.path.realpath(cwd)} is not inside a project, and / or a home folder is too big "
                "to index whole; run in a project folder (one with .git), or name repos in skilldex.yaml"
            )
        return [(os.path.basename(root) or root, root)]
    try:
        st = os.stat(file) if os.path.isfile(file) else None
    except OSError:
        st = None
    key = None
    if st is not None:
        real = os.path.realpath(file)
        data = real.encode("utf-8", "surrogateescape")
        key = f"{zlib.crc32(data):08x}{zlib.crc32(data[::-1]):08x}"  # the cached entry also names its file
        cached = _read(key)
        if cached and cached.get("file") == real and cached.get("stamp") == [st.st_size, st.st_mtime_ns]:
            return [tuple(pair) for pair in cached["repos"]]
    from pathlib import Path  # lazy: `skilldex find` and `list` use this module without pathlib

    # lazy: `skilldex find` and `hook pre-write` use this module without workspace
    from skilldex.workspace import load_workspace, open_workspace

    workspace = load_workspace(Path(file)) if st is not None else open_workspace(file)
    found = [(name, str(ref.path)) for name, ref in workspace.repos.items()] if workspace else []
    if key is not None and st is not None:
        _write(key, {"file": os.path.realpath(file), "stamp": [st.st_size, st.st_mtime_ns], "repos": found})
    return found


def project_root(cwd) -> str | None:
    """The nearest folder holding .git (or .claude) above `cwd`, else `cwd` itself; None when that is / or a
    home folder (or a folder above one): indexing it whole would walk every project of the user for seconds,
    and ~/.claude (Claude Code's own) does not make the home folder a project."""
    current = os.path.realpath(cwd)
    broad = _broad()
    for folder in _parents(current):
        if folder in broad:
            break
        if os.path.exists(os.path.join(folder, ".git")) or os.path.isdir(os.path.join(folder, ".claude")):
            return folder
    return None if current in broad else current


def _broad() -> set[str]:
    """/ and the home folder with every folder above it (/home, /Users)."""
    found = {os.path.realpath(os.sep)}
    for home in {os.path.expanduser("~"), os.environ.get("HOME") or "~"}:
        if home != "~":
            found.update(_parents(os.path.realpath(home)))
    return found


def _path(key: str) -> str:
    return os.path.join(cache_dir(), "workspaces", f"{key}.json")


def _read(key: str) -> dict | None:
    try:
        with open(_path(key), encoding="utf-8") as handle:
            data = json.load(handle)
        return data if isinstance(data, dict) else None
    except (OSError, ValueError):
        return None


def _write(key: str, data: dict) -> None:
    path = _path(key)
    with contextlib.suppress(OSError):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        temporary = f"{path}.{os.getpid()}.tmp"
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(data))
        os.replace(temporary, path)
