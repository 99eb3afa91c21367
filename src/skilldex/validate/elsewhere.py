"""What the repo's other manifests answer to, for the name-collision check of `validate` on a few files.

Only manifests that answer like a target can collide with it. Those of a `.claude/` namespace live in a few
folders (check_content.homes): they are read from there, with no index and no walk of the rest, so nothing is
trusted from a stamp or an mtime and an edit of any kind is seen. Other namespaces are shared by the whole repo:
their names come from the index when it holds for every file but the ones being validated
(skilldex.index.partial), else the repo is walked and each manifest read.
"""

from __future__ import annotations

import os
from pathlib import Path

from skilldex.scan.fs import RepoFS
from skilldex.scan.walk import IGNORED_DIRS, MAX_DEPTH
from skilldex.validate.check_content import homes, invocation, invocation_key
from skilldex.validate.manifest import read
from skilldex.validate.targets import classify

Key = tuple["str | None", str]  # (namespace, invocation)
Named = tuple[str, str, "Key | None"]  # (kind, rel, invocation) of one manifest


def named_elsewhere(root: Path, targets: set[str], keys: set[Key] | None = None) -> list[Named]:
    """(kind, rel, invocation) of the manifests of the repo at `root` outside `targets` (repo-relative); with `keys`,
    every one that answers to one of them, and perhaps some others."""
    if keys is not None:
        near = read_homes(root, targets, keys)
        if near is not None:
            return near
    # lazy: only names outside .claude/ need the index (most runs never load it)
    from skilldex.index.partial import trusted_manifests

    stored = trusted_manifests(str(root), targets, {said for _, said in keys} if keys is not None else None)
    if stored is None:  # no index to trust: read the repo
        return read_elsewhere(root, targets)
    return [
        _named(kind, rel, name, scope, dir_name) for rel, kind, name, scope, dir_name in stored if rel not in targets
    ]


def read_homes(root: Path, targets: set[str], keys: set[Key]) -> list[Named] | None:
    """Those answering to `keys`, read from the folders they can live in; None when one may live anywhere, or
    a folder on the way is not walked as the repo's walk walks it (then the caller reads the index or the repo)."""
    found = homes(keys)
    if found is None:
        return None
    base = str(root)
    said = {invocation for _, invocation in keys}
    named: list[Named] = []
    for folder, only in found:
        if only in targets:
            continue  # the one file here that could answer is being validated itself
        if not _walked_alike(base, folder):
            return None
        if not os.path.isdir(os.path.join(base, folder)):
            continue
        fs = RepoFS.open(root, folder)
        if any(os.path.islink(os.path.join(base, rel)) for rel, _ in fs.folders):
            return None  # a linked folder inside: the repo's walk skips it when it walked where it leads first
        for file in fs.files:
            if file.rel in targets or (only is not None and file.rel != only):
                continue
            kind = classify(fs, file)
            if kind is None or (kind == "command" and f"/{file.name[: -len('.md')]}" not in said):
                continue  # a command answers to its file's name: no need to read the others
            m = read(fs, file, kind)
            if m is not None:
                named.append((m.kind, m.rel, invocation(m)))
    return named


def _walked_alike(root: str, folder: str) -> bool:
    """Whether the repo's walk would reach `folder` by this path and walk it alone: no ignored folder or link on
    the way, no virtualenv above it, not past the depth limit (as scan.walk decides; it checks `folder` itself)."""
    parts = folder.split("/")
    if len(parts) > MAX_DEPTH or any(part in IGNORED_DIRS for part in parts):
        return False
    path = os.path.join(root, folder)
    if os.path.lexists(path) and os.path.realpath(path) != path:
        return False  # a link on the way: the walk decides by where it leads and what it walked first
    above = (os.path.join(root, *parts[:i]) for i in range(1, len(parts)))
    return not any(os.path.lexists(os.path.join(a, "pyvenv.cfg")) for a in above)


def read_elsewhere(root: Path, targets: set[str]) -> list[Named]:
    """Every manifest outside `targets`, by walking the repo and reading each manifest."""
    fs = RepoFS.open(root)
    named = []
    for file in fs.files:
        kind = classify(fs, file)
        if kind and file.rel not in targets:
            m = read(fs, file, kind)
            if m is not None:
                named.append((m.kind, m.rel, invocation(m)))
    return named


def _named(kind: str, rel: str, name: str | None, scope: str | None, dir_name: str | None) -> Named:
    """A stored item's invocation, as invocation() gives it for the manifest it was scanned from."""
    parts = tuple(rel.split("/"))
    location = None
    if kind == "skill":
        folders = parts[:-1]
        at = [i for i, p in enumerate(folders) if p == "skills"]
        depth = len(folders) - at[-1] - 1 if at else None
        location = (scope, depth, "/".join(folders[: at[-1]]) if scope == "plugin" else None)
    return kind, rel, invocation_key(kind, parts, name, dir_name or "", location)
