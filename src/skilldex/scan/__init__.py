"""Scan a repo into a Catalogue: one bounded walk, then one provider per kind. Nothing is executed."""

from __future__ import annotations

from pathlib import Path

from skilldex.errors import UsageError
from skilldex.models import Catalogue


class ScanError(UsageError):
    """The repo root itself cannot be scanned (missing, not a folder)."""


def scan_repo(root: Path, name: str | None = None) -> Catalogue:
    """Index everything the repo at `root` already has. Bad files become findings, never exceptions."""
    from skilldex.scan import agents, commands, docs, knowledge, mcp, skills, tasks, tools
    from skilldex.scan.fs import RepoFS

    root = Path(root).expanduser()
    if not root.exists():
        raise ScanError(f"repo folder does not exist: {root}")
    if not root.is_dir():
        raise ScanError(f"not a folder: {root}")
    fs = RepoFS.open(root)
    items: list = []
    for provider in (skills, commands, agents, mcp, tools, tasks, docs, knowledge):
        items.extend(provider.scan(fs))
    findings = sorted(fs.findings, key=lambda f: (f.path, f.line or 0, f.code))
    return Catalogue(repo=name or fs.root.name, root=str(fs.root), items=items, findings=findings)
