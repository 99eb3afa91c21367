"""dotnet: subcommands of a .NET project CLI (System.CommandLine: `class DeployCommand : Command` with
`: base("deploy", "...")`), run as `dotnet run --project developer-cli -- deploy`: read as text, never built
or run."""

from __future__ import annotations

import posixpath
import re
import shlex

from skilldex import capabilities
from skilldex.models import TaskItem
from skilldex.scan.fs import RepoFile, RepoFS
from skilldex.scan.tasks import base
from skilldex.scan.tasks.base import TaskDef

_COMMAND_CLASS = re.compile(r"\bclass\s+\w+Command\s*:\s*(?:System\.CommandLine\.)?Command\b")
_BASE = re.compile(r':\s*base\(\s*"([a-z][\w-]*)"\s*,\s*"((?:[^"\\]|\\.)*)"', re.DOTALL)
MAX_SOURCE_BYTES = 200_000


def parse_command(text: str) -> list[TaskDef]:
    """The subcommand a `*Command.cs` declares: its name and description from the `base(...)` call."""
    match = _BASE.search(text) if _COMMAND_CLASS.search(text) else None
    if match is None:
        return []
    line = text.count("\n", 0, match.start()) + 1
    return [TaskDef(match.group(1), match.group(2).replace('\\"', '"'), line, None)]


def _project(fs: RepoFS, folder: str) -> str | None:
    """The nearest folder at or above `folder` holding a .csproj (the project `dotnet run` builds)."""
    while True:
        if any(f.name.endswith(".csproj") for f in fs.files_in(folder)):
            return folder
        if not folder:
            return None
        folder = posixpath.dirname(folder)


class Runner(base.Runner):
    marks = ("Command.cs",)

    def place(self, file: RepoFile) -> base.Parse | None:
        return parse_command if file.name.endswith("Command.cs") and file.size <= MAX_SOURCE_BYTES else None

    def skip(self, file: RepoFile) -> bool:
        """Only sample folders: a CLI project sits as deep as its solution puts it."""
        return any(part.lower() in base.NOT_TASK_FOLDERS for part in file.parts[:-1])

    def scan(self, fs: RepoFS, file: RepoFile, parse: base.Parse) -> list[TaskItem]:
        """One task named after its project (`developer-cli deploy`), run through that project."""
        text = fs.read_text(file)
        tasks = parse(text) if text else []
        project = _project(fs, posixpath.dirname(file.rel)) if tasks else None
        if project is None:
            return []
        task = tasks[0]
        run = f"dotnet run {f'--project {shlex.quote(project)} ' if project else ''}-- {task.name}"
        return [
            TaskItem(
                name=f"{posixpath.basename(project) or 'cli'} {task.name}",
                path=file.rel,
                line=task.line,
                description=task.description or f"Runs: {run}",
                capabilities=capabilities.of_item(task.name, task.description),
                run=run,
                runner=self.name,
                command=run,
            )
        ]
