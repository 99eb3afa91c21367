"""mise: mise.toml `[tasks.NAME]` tables (or `tasks.NAME = "command"`), read as data: `mise run NAME`."""

from __future__ import annotations

import re

from skilldex.scan.tasks import base
from skilldex.scan.tasks.base import TaskDef
from skilldex.scan.tasks.parsing import LineIndex, clean_description, join_commands, line_of, load_toml

MAX_TASKS = 500


def parse_mise_toml(text: str) -> list[TaskDef]:
    """`[tasks.NAME]` tables (or `tasks.NAME = "command"`): `mise run NAME`."""
    found = load_toml(text, "mise.toml").get("tasks")
    tasks = []
    for name, task in list(found.items())[:MAX_TASKS] if isinstance(found, dict) else []:
        if isinstance(task, str):
            task = {"run": task}
        if not isinstance(task, dict) or task.get("hide") is True:
            continue  # hidden tasks are mise's helpers for other tasks
        run = task.get("run")
        command = join_commands(
            [run] if isinstance(run, str) else [r for r in run if isinstance(r, str)] if isinstance(run, list) else []
        )
        tasks.append(TaskDef(name, clean_description(task.get("description")), _mise_line(text, name), command))
    return tasks


def _mise_line(text: str, name: str) -> int | None:
    """`[tasks.NAME]`, or `NAME = ...` under `[tasks]` (not an `[env]` key of the same name)."""
    line = line_of(text, rf"^\[tasks\.\"?{re.escape(name)}\"?\]")
    header = None if line else re.search(r"^\[tasks\][ \t]*$", text, re.MULTILINE)
    if header:
        match = re.compile(rf"^\"?{re.escape(name)}\"?[ \t]*=", re.MULTILINE).search(text, header.end())
        line = LineIndex(text)(match.start()) if match else None
    return line


class Runner(base.Runner):
    files = dict.fromkeys(("mise.toml", ".mise.toml"), parse_mise_toml)
    verb = "mise run"
