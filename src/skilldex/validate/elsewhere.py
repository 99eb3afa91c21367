"""What the repo's other manifests answer to, for the name-collision check of `validate` on a few files.

From the index when it holds for every file but the ones being validated (skilldex.index.partial): no walk and
no read of thousands of manifests. Otherwise the repo is walked and each manifest read, as before.
"""

from __future__ import annotations

from pathlib import Path

from skilldex.index.partial import trusted_manifests
from skilldex.scan.fs import RepoFS
from skilldex.validate.check_content import invocation, invocation_key
from skilldex.validate.manifest import read
from skilldex.validate.targets import classify

Named = tuple[str, str, "tuple[str | None, str] | None"]  # (kind, rel, invocation) of one manifest


def named_elsewhere(root: Path, targets: set[str], answers: set[str] | None = None) -> list[Named]:
    """(kind, rel, invocation) of every manifest of the repo at `root` outside `targets` (repo-relative); with
    `answers` (invocations), those from the index are only the ones that may answer to one of them."""
    stored = trusted_manifests(str(root), targets, answers)
    if stored is None:  # no index to trust: read the repo
        return read_elsewhere(root, targets)
    return [
        _named(kind, rel, name, scope, dir_name) for rel, kind, name, scope, dir_name in stored if rel not in targets
    ]


def read_elsewhere(root: Path, targets: set[str]) -> list[Named]:
    """The same, by walking the repo and reading each manifest."""
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
