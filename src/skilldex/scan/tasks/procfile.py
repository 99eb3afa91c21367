"""procfile: Procfile process types (`web: bundle exec puma`), as foreman, honcho and Heroku read them; never run.

Each `name: command` line is one process a process manager starts; `Procfile.dev` is the local set that
Rails' `bin/dev` hands to `foreman start -f Procfile.dev`.
"""

from __future__ import annotations

import posixpath
import re
import shlex

from skilldex.scan.fs import RepoFile, RepoFS
from skilldex.scan.tasks import base
from skilldex.scan.tasks.base import TaskDef
from skilldex.scan.tasks.parsing import clean_description, join_commands, split_lines

MAX_PROCESSES = 500
# foreman's own pattern (Foreman::Procfile#parse); any other line is not a process
_PROCESS = re.compile(r"([A-Za-z0-9_-]+):[ \t]*(\S.*)")
# Procfile.dev (bin/dev), Procfile.test...; not the copies kept as examples
_VARIANT = re.compile(r"Procfile\.(?!(?:example|sample|template|bak|orig)$)[A-Za-z0-9_-]+")


def parse_procfile(text: str) -> list[TaskDef]:
    """Process types in file order, each described by the `#` comment lines right above it.

    A repeated name keeps its first line: foreman starts one process per name.
    """
    processes: dict[str, TaskDef] = {}
    comment: list[str] = []
    for number, line in enumerate(split_lines(text.lstrip("\ufeff")), start=1):
        stripped = line.strip()
        if stripped.startswith("#"):
            comment.append(stripped.lstrip("#").strip())
            continue
        match = _PROCESS.fullmatch(line.rstrip())
        if match and match.group(1) not in processes:
            processes[match.group(1)] = TaskDef(
                match.group(1),
                clean_description(" ".join(c for c in comment if c)),
                number,
                join_commands([match.group(2)]),
            )
            if len(processes) == MAX_PROCESSES:
                break
        comment = []
    return list(processes.values())


class Runner(base.Runner):
    files = {"Procfile": parse_procfile}
    marks = ("Procfile.",)

    def place(self, file: RepoFile) -> base.Parse | None:
        return parse_procfile if _VARIANT.fullmatch(file.name) else None

    def run(self, fs: RepoFS, file: RepoFile, task: TaskDef) -> str:
        """foreman's command line (honcho takes the same); `command` is the process itself."""
        start = "foreman start" if file.name == "Procfile" else f"foreman start -f {shlex.quote(file.name)}"
        return f"{base.cd(posixpath.dirname(file.rel))}{start} {shlex.quote(task.name)}"
