"""Subcommands of a .NET project CLI (System.CommandLine: `class DeployCommand : Command` with `: base("deploy",
"...")`), run as `dotnet run --project developer-cli -- deploy`: read as text, never built or run."""

from __future__ import annotations

import posixpath
import re
import shlex

from skilldex import capabilities
from skilldex.models import TaskItem
from skilldex.scan.fs import RepoFile, RepoFS

_COMMAND_CLASS = re.compile(r"\bclass\s+\w+Command\s*:\s*(?:System\.CommandLine\.)?Command\b")
_BASE = re.compile(r':\s*base\(\s*"([a-z][\w-]*)"\s*,\s*"((?:[^"\\]|\\.)*)"', re.DOTALL)
MAX_SOURCE_BYTES = 200_000


def is_command_source(file: RepoFile) -> bool:
    return file.name.endswith("Command.cs") and file.size <= MAX_SOURCE_BYTES


def scan_file(fs: RepoFS, file: RepoFile) -> list[TaskItem]:
    text = fs.read_text(file)
    if not text or not _COMMAND_CLASS.search(text):
        return []
    match = _BASE.search(text)
    project = _project(fs, posixpath.dirname(file.rel))
    if match is None or project is None:
        return []
    name, description = match.group(1), match.group(2).replace('\\"', '"')
    target = f"--project {shlex.quote(project)} " if project else ""
    run = f"dotnet run {target}-- {name}"
    return [
        TaskItem(
            name=f"{posixpath.basename(project) or 'cli'} {name}",
            path=file.rel,
            line=text.count("\n", 0, match.start()) + 1,
            description=description or f"Runs: {run}",
            capabilities=capabilities.of_item(name, description),
            run=run,
            runner="dotnet",
            command=run,
        )
    ]


def _project(fs: RepoFS, folder: str) -> str | None:
    """The nearest folder at or above `folder` holding a .csproj (the project `dotnet run` builds)."""
    while True:
        if any(f.name.endswith(".csproj") for f in fs.files_in(folder)):
            return folder
        if not folder:
            return None
        folder = posixpath.dirname(folder)
