"""More task runners, read as data, never run: tox environments, rake tasks, composer scripts, deno tasks,
mise tasks and cargo aliases.
"""

from __future__ import annotations

import configparser
import json
import re

import tomllib

from skilldex.scan.taskfiles_common import (
    LineIndex,
    TaskDef,
    TaskFileError,
    clean_description,
    join_commands,
    split_lines,
)

MAX_TASKS = 500


def _line_of(text: str, pattern: str) -> int | None:
    match = re.search(pattern, text, re.MULTILINE)
    return LineIndex(text)(match.start()) if match else None


def parse_tox_ini(text: str) -> list[TaskDef]:
    """`[testenv:NAME]` sections: `tox -e NAME`, described by their `description`."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text.lstrip("\ufeff"))
    except configparser.Error as exc:
        raise TaskFileError(f"invalid tox.ini: {exc.message if hasattr(exc, 'message') else exc}",
                            getattr(exc, "lineno", None)) from None
    tasks = []
    for section in parser.sections()[:MAX_TASKS]:
        if not section.startswith("testenv:"):
            continue
        name = section.split(":", 1)[1].strip()
        env = parser[section]
        tasks.append(TaskDef(name, clean_description(env.get("description", "")),
                             _line_of(text, rf"^\[testenv:{re.escape(name)}\]"),
                             join_commands([env.get("commands", "")])))
    return tasks


def _toml(text: str, what: str) -> dict:
    try:
        return tomllib.loads(text.lstrip("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        raise TaskFileError(f"invalid TOML in {what}: {exc}") from None
    except RecursionError:
        raise TaskFileError(f"invalid TOML in {what}: nested too deep") from None


def parse_tox_toml(text: str) -> list[TaskDef]:
    """tox 4's `[env.NAME]` tables."""
    envs = _toml(text, "tox.toml").get("env")
    tasks = []
    for name, env in list(envs.items())[:MAX_TASKS] if isinstance(envs, dict) else []:
        if not isinstance(env, dict):
            continue
        commands = env.get("commands")
        command = None
        if isinstance(commands, list):
            command = join_commands(" ".join(str(w) for w in c) if isinstance(c, list) else str(c) for c in commands)
        tasks.append(TaskDef(name, clean_description(env.get("description")),
                             _line_of(text, rf"^\[env\.\"?{re.escape(name)}\"?\]"), command))
    return tasks


def parse_mise_toml(text: str) -> list[TaskDef]:
    """`[tasks.NAME]` tables (or `tasks.NAME = "command"`): `mise run NAME`."""
    found = _toml(text, "mise.toml").get("tasks")
    tasks = []
    for name, task in list(found.items())[:MAX_TASKS] if isinstance(found, dict) else []:
        if isinstance(task, str):
            task = {"run": task}
        if not isinstance(task, dict):
            continue
        run = task.get("run")
        command = join_commands([run] if isinstance(run, str) else [r for r in run if isinstance(r, str)]
                                if isinstance(run, list) else [])
        tasks.append(TaskDef(name, clean_description(task.get("description")),
                             _line_of(text, rf"^\[tasks\.\"?{re.escape(name)}\"?\]|^{re.escape(name)}\s*="), command))
    return tasks


def _json(text: str, what: str) -> dict:
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise TaskFileError(f"invalid JSON in {what}: {exc.msg}", exc.lineno) from None
    except (ValueError, RecursionError) as exc:
        raise TaskFileError(f"invalid JSON in {what}: {exc}") from None
    return data if isinstance(data, dict) else {}


def _key_line(text: str, key: str) -> int | None:
    return _line_of(text, rf'"{re.escape(key)}"\s*:')


def parse_composer_json(text: str) -> list[TaskDef]:
    """composer.json `scripts`, described by `scripts-descriptions`: `composer run-script NAME`."""
    data = _json(text, "composer.json")
    scripts = data.get("scripts")
    described = data.get("scripts-descriptions") if isinstance(data.get("scripts-descriptions"), dict) else {}
    tasks = []
    for name, command in list(scripts.items())[:MAX_TASKS] if isinstance(scripts, dict) else []:
        commands = [command] if isinstance(command, str) else [c for c in command if isinstance(c, str)] \
            if isinstance(command, list) else []
        tasks.append(TaskDef(name, clean_description(described.get(name)), _key_line(text, name),
                             join_commands(commands)))
    return tasks


def parse_deno_json(text: str) -> list[TaskDef]:
    """deno.json `tasks` (a command, or {command, description}): `deno task NAME`."""
    found = _json(text, "deno.json").get("tasks")
    tasks = []
    for name, task in list(found.items())[:MAX_TASKS] if isinstance(found, dict) else []:
        command, description = (task, "") if isinstance(task, str) else \
            (task.get("command"), task.get("description")) if isinstance(task, dict) else (None, "")
        tasks.append(TaskDef(name, clean_description(description), _key_line(text, name),
                             join_commands([command]) if isinstance(command, str) else None))
    return tasks


_RAKE_NAMESPACE = re.compile(r"^(\s*)namespace\s+[:\"']?([\w:-]+)[\"']?\s+do\b")
_RAKE_DESC = re.compile(r"""^\s*desc\s*\(?\s*(["'])(.*?)\1""")
_RAKE_TASK = re.compile(r"""^(\s*)(?:multi)?task\s*\(?\s*(?::([\w?!-]+)|(["'])([\w:?!-]+)\3|([\w?!-]+):)""")


def parse_rakefile(text: str) -> list[TaskDef]:
    """`desc "..."` then `task :name` (inside `namespace :db do` blocks: `db:name`): `rake NAME`."""
    tasks: list[TaskDef] = []
    spaces: list[tuple[int, str]] = []  # (indent, name) of the namespaces around the line
    pending = ""
    for number, line in enumerate(split_lines(text), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip())
        while spaces and indent <= spaces[-1][0]:  # back at a namespace's own indent (its `end`): out of it
            spaces.pop()
        namespace = _RAKE_NAMESPACE.match(line)
        if namespace:
            spaces.append((len(namespace.group(1)), namespace.group(2)))
            continue
        described = _RAKE_DESC.match(line)
        if described:
            pending = described.group(2)
            continue
        task = _RAKE_TASK.match(line)
        if task:
            name = task.group(2) or task.group(4) or task.group(5)
            full = ":".join([*(space for _, space in spaces), name])
            tasks.append(TaskDef(full, clean_description(pending), number, None))
            pending = ""
            if len(tasks) >= MAX_TASKS:
                break
    return tasks


def parse_cargo_config(text: str) -> list[TaskDef]:
    """`.cargo/config.toml` `[alias]` entries (`xtask = "run --package xtask --"`): `cargo NAME`."""
    aliases = _toml(text, ".cargo/config.toml").get("alias")
    tasks = []
    for name, value in list(aliases.items())[:MAX_TASKS] if isinstance(aliases, dict) else []:
        words = value.split() if isinstance(value, str) else [w for w in value if isinstance(w, str)] \
            if isinstance(value, list) else []
        if words:
            tasks.append(TaskDef(name, "", _line_of(text, rf"^\s*{re.escape(name)}\s*="),
                                 join_commands(["cargo " + " ".join(words)])))
    return tasks
