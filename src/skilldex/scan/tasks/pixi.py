"""pixi: pixi.toml `[tasks]` and `[feature.NAME.tasks]`, read as data, never run: `pixi run NAME`.

A task is a command (`test = "pytest"`), a table (`{ cmd = [...], description = "...", depends-on = [...] }`),
or a list of other tasks to run (`style = ["fmt", "lint"]`). pixi reads TOML 1.1, whose multi-line inline
tables (`build = {\\n ... }` in `[package]`) the TOML 1.0 reader refuses: the task tables are then read alone.
"""

from __future__ import annotations

import re
from typing import Any

from skilldex.scan.tasks import base
from skilldex.scan.tasks.base import TaskDef
from skilldex.scan.tasks.parsing import TaskFileError, TomlLines, clean_description, join_commands, load_toml

MAX_TASKS = 500
# A table header at a line start: `[tasks]`, `[tasks.build]`, `[feature.test.tasks]`, `[dependencies]`, ...
_HEADER = re.compile(r"^[ \t]*\[\[?([^\]\n]*)\]", re.MULTILINE)
_TASK_TABLE = re.compile(r"(?:feature\.(?:\"[^\"\n]*\"|[\w-]+)\.)?tasks(?:\.[^\n]*)?")


def parse_pixi_toml(text: str) -> list[TaskDef]:
    """The workspace's tasks, then each feature's, in file order; a name met twice keeps its first."""
    try:
        data = load_toml(text, "pixi.toml")
    except TaskFileError:
        data = load_toml(_task_tables(text), "pixi.toml's task tables")
    tables: list[tuple[str | None, Any]] = [(None, data.get("tasks"))]
    features = data.get("feature")
    for feature, settings in features.items() if isinstance(features, dict) else []:
        tables.append((feature, settings.get("tasks") if isinstance(settings, dict) else None))
    tasks: dict[str, TaskDef] = {}
    lines = TomlLines(text)
    for feature, table in tables:
        for name, task in table.items() if isinstance(table, dict) else []:
            if name not in tasks and len(tasks) < MAX_TASKS:
                command, description = _read(task)
                tasks[name] = TaskDef(name, clean_description(description), lines.find(_table(feature), name), command)
    return list(tasks.values())


def _table(feature: str | None) -> tuple[str, ...]:
    return ("tasks",) if feature is None else ("feature", feature, "tasks")


def _task_tables(text: str) -> str:
    """Only the task tables of the file (each header with the lines up to the next one)."""
    headers = list(_HEADER.finditer(text))
    kept = [
        text[match.start() : headers[i + 1].start() if i + 1 < len(headers) else len(text)]
        for i, match in enumerate(headers)
        if _TASK_TABLE.fullmatch(match.group(1).strip())
    ]
    return "\n".join(kept)


def _read(task: Any) -> tuple[str | None, Any]:
    """(command preview, description): a command, a table's `cmd` (a string, or words as a list), else the
    tasks it depends on; a bare list is such an alias of other tasks."""
    if isinstance(task, str):
        return join_commands([task]), None
    if isinstance(task, list):
        return _depends(task), None
    if not isinstance(task, dict):
        return None, None
    cmd = task.get("cmd")
    if isinstance(cmd, list):
        cmd = " ".join(word for word in cmd if isinstance(word, str))
    depends = task.get("depends-on", task.get("depends_on"))
    command = (
        join_commands([cmd])
        if isinstance(cmd, str) and cmd.strip()
        else _depends(depends)
        if isinstance(depends, list)
        else None
    )
    return command, task.get("description")


def _depends(tasks: list) -> str | None:
    """`pixi run fmt && pixi run lint` for the tasks an alias runs (`"fmt"` or `{ task = "fmt" }`)."""
    names = [t if isinstance(t, str) else t.get("task") if isinstance(t, dict) else None for t in tasks]
    return join_commands([" && ".join(f"pixi run {n}" for n in names if isinstance(n, str) and n)])


class Runner(base.Runner):
    files = {"pixi.toml": parse_pixi_toml}
    verb = "pixi run"
