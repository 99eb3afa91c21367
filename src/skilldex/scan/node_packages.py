"""What a folder's package.json and lockfiles say about running JavaScript there: the package manager and the
TypeScript runner the repo installed (read as data, never run)."""

from __future__ import annotations

import functools
import json
import posixpath
import re

from skilldex.scan.fs import RepoFS

_LOCKFILES = (
    ("pnpm-lock.yaml", "pnpm"),
    ("pnpm-workspace.yaml", "pnpm"),
    ("yarn.lock", "yarn"),
    ("bun.lockb", "bun"),
    ("bun.lock", "bun"),
)
_PACKAGE_MANAGER = re.compile(r'"packageManager"\s*:\s*"(npm|pnpm|yarn|bun)@')
# The TypeScript runners a repo may depend on, in the order they are preferred when several are.
_TS_RUNNERS = ("tsx", "ts-node", "esno", "esrun")
# How each package manager runs a binary of an installed package.
_EXEC = {"npm": "npx", "pnpm": "pnpm exec", "yarn": "yarn", "bun": "bunx"}
MAX_LEVELS = 6


def npm_client(fs: RepoFS, folder: str) -> str:
    """The package manager a folder uses: `packageManager` in package.json, else a lockfile, here or at the root."""
    for where in dict.fromkeys((folder, "")):
        manifest = fs.file(posixpath.join(where, "package.json"))
        declared = _declared_manager(fs.read_text(manifest) or "") if manifest else None
        if declared:
            return declared
        for lockfile, client in _LOCKFILES:
            if fs.exists(posixpath.join(where, lockfile)):
                return client
    return "npm"


# Asked once per script of a package.json: a search of the whole file each time made a package.json of 36,000
# scripts take minutes. The file's text is one cached string, so the lookup after the first costs a dict probe.
@functools.lru_cache(maxsize=16)
def _declared_manager(text: str) -> str | None:
    declared = _PACKAGE_MANAGER.search(text)
    return declared.group(1) if declared else None


def typescript_runner(fs: RepoFS, folder: str) -> str:
    """How to run a .ts script in `folder`: with bun in a bun repo, else the runner the nearest package.json
    (up to the root) depends on, through the repo's package manager; `npx tsx` when none is declared."""
    client = npm_client(fs, folder)
    if client == "bun":
        return "bun"
    level, where = 0, folder
    while level < MAX_LEVELS:
        runner = _declared_runner(fs, where)
        if runner:
            return f"{_EXEC[client]} {runner}"
        if not where:
            break
        where, level = posixpath.dirname(where), level + 1
    return "npx tsx"


def _declared_runner(fs: RepoFS, folder: str) -> str | None:
    manifest = fs.file(posixpath.join(folder, "package.json"))
    if manifest is None:
        return None
    try:
        data = json.loads(fs.read_text(manifest) or "")
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    declared: set[str] = set()
    for key in ("devDependencies", "dependencies"):
        if isinstance(data.get(key), dict):
            declared |= set(data[key])
    return next((runner for runner in _TS_RUNNERS if runner in declared), None)
