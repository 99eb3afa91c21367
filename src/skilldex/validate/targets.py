"""Turn the PATH arguments (a SKILL.md, a skill folder, a skills folder, a whole repo) into manifests to check."""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

from skilldex.errors import UsageError
from skilldex.plainvalue import Value
from skilldex.scan.agents import is_agent_file
from skilldex.scan.commands import is_command_file
from skilldex.scan.fs import RepoFile, RepoFS
from skilldex.scan.skills import is_skill_file


class Target(Value):
    _fields = ("fs", "file", "kind")

    def __init__(self, fs: RepoFS, file: RepoFile, kind: str):
        self.fs, self.file, self.kind = fs, file, kind  # kind: skill | command | agent


class Repo(Value):
    """The targets that share one repo root (names collide within it)."""

    _fields = ("root", "targets", "walks", "skipped", "empty")

    def __init__(self, root: Path):
        self.root = root
        self.targets: list[Target] = []
        self.walks: list[RepoFS] = []
        self.skipped: list[str] = []  # files given by name that are no manifest
        self.empty: list[str] = []  # folders given by name that hold none the profile judges

    @property
    def whole(self) -> bool:
        """Whether the walks cover the whole repo (else collisions need a look at the rest of it)."""
        return any(fs.under == "" for fs in self.walks)


def context_root(path: Path) -> Path:
    """The repo a path belongs to: the nearest folder with `.git`, else the folder holding `.claude/`, else itself."""
    start = path if path.is_dir() else path.parent
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    parts = start.parts
    if ".claude" in parts:
        index = len(parts) - 1 - parts[::-1].index(".claude")
        return Path(*parts[:index]) if index else start
    return start


def classify(fs: RepoFS, file: RepoFile, explicit_folder: str | None = None) -> str | None:
    if is_skill_file(file) or (file.name.lower() == "skill.md" and posixpath.dirname(file.rel) == explicit_folder):
        return "skill"
    if is_command_file(fs, file):
        return "command"
    if is_agent_file(fs, file):
        return "agent"
    return None


def collect(paths: list[str], kinds: tuple[str, ...]) -> list[Repo]:
    """Group the manifests under `paths` by repo. Raises UsageError for a path that does not exist."""
    repos: dict[Path, Repo] = {}
    seen: set[tuple[Path, str]] = set()
    for raw in paths:
        path = Path(raw).expanduser()
        if not path.exists():
            raise UsageError(f"{raw}: no such file or folder")
        real = Path(os.path.realpath(path))
        root = context_root(real)
        folder = real if real.is_dir() else real.parent
        under = "" if folder == root else folder.relative_to(root).as_posix()
        repo = repos.setdefault(root, Repo(root))
        fs = RepoFS.open(root, under)
        repo.walks.append(fs)
        if real.is_dir():
            found = [(f, classify(fs, f, under)) for f in fs.files]
            if not any(kind in kinds for _, kind in found):
                repo.empty.append(str(path))
        else:
            rel = real.relative_to(root).as_posix()
            file = fs.file(rel)
            found = [(file, classify(fs, file, under))] if file is not None else []
            if file is not None and found[0][1] is None:
                repo.skipped.append(str(path))
        for file, kind in found:
            if kind in kinds and (root, file.rel) not in seen:
                seen.add((root, file.rel))
                repo.targets.append(Target(fs, file, kind))
    return list(repos.values())
