"""More task runners, read as data, never run: composer scripts, deno tasks, mise tasks and cargo aliases.
tox and rake have their own modules.
"""

from __future__ import annotations

import json
import re

from skilldex.scan.taskfiles_common import (
    LineIndex,
    TaskDef,
    TaskFileError,
    clean_description,
    join_commands,
    line_of,
    load_toml,
)

MAX_TASKS = 500
# Composer's event names (getcomposer.org/doc/articles/scripts.md#event-names): a script under one of these
# is a hook Composer runs during install, update, dump-autoload or create-project, not a task people run.
COMPOSER_EVENTS = frozenset({
    *(f"{when}-{what}" for when in ("pre", "post") for what in (
        "install-cmd", "update-cmd", "status-cmd", "archive-cmd", "autoload-dump", "package-install",
        "package-update", "package-uninstall", "file-download", "dependencies-solving")),
    "post-root-package-install", "post-create-project-cmd", "pre-operations-exec", "pre-pool-create",
    "pre-command-run", "command", "init",
})


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
        command = join_commands([run] if isinstance(run, str) else [r for r in run if isinstance(r, str)]
                                if isinstance(run, list) else [])
        tasks.append(TaskDef(name, clean_description(task.get("description")),
                             _mise_line(text, name), command))
    return tasks


_JSONC_COMMENT = re.compile(r'"(?:[^"\\]|\\.)*"|//[^\n]*|/\*.*?\*/', re.DOTALL)
_JSONC_COMMA = re.compile(r'"(?:[^"\\]|\\.)*"|,(?=\s*[}\]])')


def _strip_jsonc(text: str) -> str:
    """JSON with comments and trailing commas (deno.jsonc, and deno.json read the same way) as plain JSON:
    comments first (a comma may sit before one), then trailing commas; strings are left as they are."""
    def keep_strings(match: re.Match) -> str:
        return match.group(0) if match.group(0).startswith('"') else ""

    return _JSONC_COMMA.sub(keep_strings, _JSONC_COMMENT.sub(keep_strings, text))


def _mise_line(text: str, name: str) -> int | None:
    """`[tasks.NAME]`, or `NAME = ...` under `[tasks]` (not an `[env]` key of the same name)."""
    line = line_of(text, rf"^\[tasks\.\"?{re.escape(name)}\"?\]")
    header = None if line else re.search(r"^\[tasks\][ \t]*$", text, re.MULTILINE)
    if header:
        match = re.compile(rf"^\"?{re.escape(name)}\"?[ \t]*=", re.MULTILINE).search(text, header.end())
        line = LineIndex(text)(match.start()) if match else None
    return line


def _json(text: str, what: str, comments: bool = False) -> dict:
    try:
        data = json.loads(_strip_jsonc(text.lstrip("\ufeff")) if comments else text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise TaskFileError(f"invalid JSON in {what}: {exc.msg}", exc.lineno) from None
    except (ValueError, RecursionError) as exc:
        raise TaskFileError(f"invalid JSON in {what}: {exc}") from None
    return data if isinstance(data, dict) else {}


def _key_line(text: str, key: str, within: str) -> int | None:
    """The line of `"key":` after the `"within":` object's key (so a script `name` is not the package's)."""
    start = re.search(rf'"{re.escape(within)}"\s*:', text)
    match = re.compile(rf'"{re.escape(key)}"\s*:').search(text, start.end() if start else 0)
    return LineIndex(text)(match.start()) if match else None


def parse_composer_json(text: str) -> list[TaskDef]:
    """composer.json `scripts`, described by `scripts-descriptions`: `composer run-script NAME`; Composer's
    event hooks (`post-autoload-dump`) are left out."""
    data = _json(text, "composer.json")
    scripts = data.get("scripts")
    described = data.get("scripts-descriptions") if isinstance(data.get("scripts-descriptions"), dict) else {}
    tasks = []
    for name, command in list(scripts.items())[:MAX_TASKS] if isinstance(scripts, dict) else []:
        if name in COMPOSER_EVENTS:
            continue
        commands = [command] if isinstance(command, str) else [c for c in command if isinstance(c, str)] \
            if isinstance(command, list) else []
        tasks.append(TaskDef(name, clean_description(described.get(name)), _key_line(text, name, "scripts"),
                             join_commands(commands)))
    return tasks


def parse_deno_json(text: str) -> list[TaskDef]:
    """deno.json `tasks` (a command, or {command, description}): `deno task NAME`."""
    found = _json(text, "deno.json", comments=True).get("tasks")
    tasks = []
    for name, task in list(found.items())[:MAX_TASKS] if isinstance(found, dict) else []:
        command, description = (task, "") if isinstance(task, str) else \
            (task.get("command"), task.get("description")) if isinstance(task, dict) else (None, "")
        tasks.append(TaskDef(name, clean_description(description), _key_line(text, name, "tasks"),
                             join_commands([command]) if isinstance(command, str) else None))
    return tasks


# Spaces are [ \t] and every optional part is a single step: no pattern backtracks over a long line.
def parse_cargo_config(text: str) -> list[TaskDef]:
    """`.cargo/config.toml` `[alias]` entries (`xtask = "run --package xtask --"`): `cargo NAME`."""
    aliases = load_toml(text, ".cargo/config.toml").get("alias")
    tasks = []
    for name, value in list(aliases.items())[:MAX_TASKS] if isinstance(aliases, dict) else []:
        words = value.split() if isinstance(value, str) else [w for w in value if isinstance(w, str)] \
            if isinstance(value, list) else []
        if words:
            tasks.append(TaskDef(name, "", line_of(text, rf"^\s*{re.escape(name)}\s*="),
                                 join_commands(["cargo " + " ".join(words)])))
    return tasks
