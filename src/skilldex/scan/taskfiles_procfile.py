"""Procfile process types (`web: bundle exec puma`), as foreman, honcho and Heroku read them; never run.

Each `name: command` line is one process a process manager starts; `Procfile.dev` is the local set that
Rails' `bin/dev` hands to `foreman start -f Procfile.dev`.
"""

from __future__ import annotations

import re

from skilldex.scan.taskfiles_common import TaskDef, clean_description, join_commands, split_lines

MAX_PROCESSES = 500
# foreman's own pattern (Foreman::Procfile#parse); any other line is not a process
_PROCESS = re.compile(r"([A-Za-z0-9_-]+):[ \t]*(\S.*)")


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
                match.group(1), clean_description(" ".join(c for c in comment if c)), number,
                join_commands([match.group(2)]),
            )
            if len(processes) == MAX_PROCESSES:
                break
        comment = []
    return list(processes.values())
