"""pyproject.toml: console scripts, and the task tables of poe, pdm and taskipy, each task run by its own runner."""

from __future__ import annotations

import posixpath
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from skilldex import tomlfile
from skilldex.scan.fs import RepoFile, RepoFS
from skilldex.scan.tasks import base
from skilldex.scan.tasks.base import TaskDef
from skilldex.scan.tasks.parsing import TaskFileError, TomlLines, clean_description, join_commands

SCRIPTS = "python-scripts"
TASKS = "poe"
_AT_LINE = re.compile(r"at line (\d+)")
VERBS = {"poe": "poe", "pdm": "pdm run", "taskipy": "task"}  # a console script (SCRIPTS) is a command itself


@dataclass
class Script(TaskDef):
    """A console script or a task of one of the task tables, with the runner that runs it."""

    runner: str = SCRIPTS


def parse_pyproject(text: str) -> list[Script]:
    """Console scripts first, then tasks, in table order; hidden (`_x`) tasks and hooks skipped."""
    try:
        data = tomlfile.loads(text)
    except tomlfile.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        match = _AT_LINE.search(str(exc))
        if line is None and match:
            line = int(match.group(1))
        raise TaskFileError(f"invalid TOML: {exc}", line) from None
    except (ValueError, RecursionError) as exc:
        raise TaskFileError(f"invalid TOML: {exc}") from None
    finder = TomlLines(text)
    tasks: list[Script] = []
    seen: set[tuple[str, str]] = set()
    for path, runner, read, hidden in _SOURCES:
        table = _table(data, path)
        for name, value in table.items():
            if not name.strip() or (runner, name) in seen or hidden(name, table):
                continue
            seen.add((runner, name))
            command, help_text = read(value)
            line = finder.find(path, name)
            tasks.append(Script(name, clean_description(help_text), line, command, runner))
    return tasks


def _table(data: Any, path: tuple[str, ...]) -> dict[str, Any]:
    for key in path:
        data = data.get(key) if isinstance(data, dict) else None
    return data if isinstance(data, dict) else {}


def _never(name: str, table: dict[str, Any]) -> bool:
    return False


def _poe_hidden(name: str, table: dict[str, Any]) -> bool:
    return name.startswith("_")  # poe refuses to run `_x` tasks directly


def _hook(name: str, table: dict[str, Any]) -> bool:
    """pdm and taskipy run `pre_x` / `post_x` around `x`: hooks, not tasks of their own."""
    return any(name.startswith(prefix) and name[len(prefix) :] in table for prefix in ("pre_", "post_"))


def _pdm_hidden(name: str, table: dict[str, Any]) -> bool:
    return name == "_" or _hook(name, table)  # `[tool.pdm.scripts._]` holds shared options


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return " ".join(value)  # an argv list
    return None


def _entry_point(value: Any) -> tuple[str | None, Any]:
    return _text(value) if isinstance(value, str) else None, None


def _poetry_script(value: Any) -> tuple[str | None, Any]:
    # {callable = "pkg:f", extras = [...]} or {reference = "bin/x", type = "file"}
    if isinstance(value, dict):
        return _text(value.get("callable")) or _text(value.get("reference")), None
    return _entry_point(value)


def _poe_task(value: Any) -> tuple[str | None, Any]:
    if isinstance(value, str):
        return join_commands([value]), None
    if isinstance(value, list):  # a bare list is a sequence of other tasks
        return _sequence(value), None
    if not isinstance(value, dict):
        return None, None
    help_text = value.get("help")
    for key in ("cmd", "shell", "script", "expr", "ref"):
        command = _text(value.get(key))
        if command:
            return join_commands([command]), help_text
    if isinstance(value.get("sequence"), list):
        return _sequence(value["sequence"]), help_text
    return None, help_text


def _sequence(items: list[Any]) -> str | None:
    parts: list[str] = []
    for item in items:
        command, _ = _poe_task(item)
        if command:
            parts.append(command)
    return join_commands(parts)


def _pdm_script(value: Any) -> tuple[str | None, Any]:
    if isinstance(value, str):
        return join_commands([value]), None
    if not isinstance(value, dict):
        return None, None
    for key in ("cmd", "shell", "call"):
        command = _text(value.get(key))
        if command:
            return join_commands([command]), value.get("help")
    if isinstance(value.get("composite"), list):
        return _sequence(value["composite"]), value.get("help")
    return None, value.get("help")


def _taskipy_task(value: Any) -> tuple[str | None, Any]:
    if isinstance(value, dict):
        return join_commands([_text(value.get("cmd")) or ""]), value.get("help")
    return join_commands([value]) if isinstance(value, str) else None, None


_Reader = Callable[[Any], tuple[str | None, Any]]
_SOURCES: list[tuple[tuple[str, ...], str, _Reader, Callable[[str, dict[str, Any]], bool]]] = [
    (("project", "scripts"), SCRIPTS, _entry_point, _never),
    (("project", "gui-scripts"), SCRIPTS, _entry_point, _never),
    (("tool", "poetry", "scripts"), SCRIPTS, _poetry_script, _never),
    (("tool", "poe", "tasks"), TASKS, _poe_task, _poe_hidden),
    (("tool", "pdm", "scripts"), "pdm", _pdm_script, _pdm_hidden),
    (("tool", "taskipy", "tasks"), "taskipy", _taskipy_task, _hook),
]


class Runner(base.Runner):
    files = {"pyproject.toml": parse_pyproject}

    def runner(self, task: TaskDef) -> str:
        return task.runner if isinstance(task, Script) else self.name

    def run(self, fs: RepoFS, file: RepoFile, task: TaskDef) -> str:
        verb = VERBS.get(self.runner(task))
        if verb is None:
            return shlex.quote(task.name)  # an installed console script
        return f"{base.cd(posixpath.dirname(file.rel))}{verb} {shlex.quote(task.name)}"
