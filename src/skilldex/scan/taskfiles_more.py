"""More task runners, read as data, never run: tox environments, rake tasks, composer scripts, deno tasks,
mise tasks and cargo aliases.
"""

from __future__ import annotations

import configparser
import itertools
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


MAX_FACTORS = 24  # py{38,39,310,311}-django{42,50}: eight environments; past this, the first ones


def _expand(name: str) -> list[str]:
    """tox's generative names: `py{39,310}-lint` -> [py39-lint, py310-lint]."""
    parts = re.split(r"(\{[^{}]*\})", name)
    options = [part[1:-1].split(",") if part.startswith("{") else [part] for part in parts]
    found = ["".join(choice).strip() for choice in itertools.islice(itertools.product(*options), MAX_FACTORS)]
    return [n for n in dict.fromkeys(found) if n and not n.startswith((".", "-"))]  # .pkg is tox's own


def _top_level_split(text: str) -> list[str]:
    """envlist entries: split at commas and line ends outside braces."""
    entries, depth, current = [], 0, []
    for char in text:
        depth += (char == "{") - (char == "}")
        if char in ",\n" and depth <= 0:
            entries.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    return [e for e in [*entries, "".join(current).strip()] if e]


def _tox_tasks(sections: list[tuple[str, str, int | None, str | None]], envlist: list[str],
               base: tuple[str, str | None], envlist_line: int | None) -> list[TaskDef]:
    """Named sections (expanded), then the envlist's environments that have none, described by the base."""
    tasks: list[TaskDef] = []
    for raw, description, line, command in sections:  # a section inherits what it does not set from the base
        tasks += [TaskDef(name, description or base[0], line, command or base[1]) for name in _expand(raw)]
    named = {t.name for t in tasks}
    for entry in envlist:
        tasks += [TaskDef(name, base[0], envlist_line, base[1]) for name in _expand(entry) if name not in named]
    return tasks[:MAX_TASKS]


def parse_tox_ini(text: str) -> list[TaskDef]:
    """`[testenv:NAME]` sections and the `envlist`: `tox -e NAME`, described by their `description`."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text.lstrip("\ufeff"))
    except configparser.Error as exc:
        raise TaskFileError(f"invalid tox.ini: {exc.message if hasattr(exc, 'message') else exc}",
                            getattr(exc, "lineno", None)) from None
    sections = []
    for section in parser.sections()[:MAX_TASKS]:
        if section.startswith("testenv:"):
            env = parser[section]
            sections.append((section.split(":", 1)[1].strip(), clean_description(env.get("description", "")),
                             _line_of(text, rf"^\[{re.escape(section)}\]"), join_commands([env.get("commands", "")])))
    base = parser["testenv"] if parser.has_section("testenv") else {}
    envlist = parser.get("tox", "envlist", fallback="") if parser.has_section("tox") else ""
    return _tox_tasks(sections, _top_level_split(envlist),
                      (clean_description(base.get("description", "")), join_commands([base.get("commands", "")])),
                      _line_of(text, r"^envlist\s*="))


def _toml(text: str, what: str) -> dict:
    try:
        return tomllib.loads(text.lstrip("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        raise TaskFileError(f"invalid TOML in {what}: {exc}") from None
    except RecursionError:
        raise TaskFileError(f"invalid TOML in {what}: nested too deep") from None


def _tox_commands(env: dict) -> str | None:
    commands = env.get("commands")
    if not isinstance(commands, list):
        return None
    return join_commands(" ".join(str(w) for w in c) if isinstance(c, list) else str(c) for c in commands)


def parse_tox_toml(text: str) -> list[TaskDef]:
    """tox 4's `[env.NAME]` tables and `env_list`, described like tox.ini's."""
    data = _toml(text, "tox.toml")
    envs = data.get("env") if isinstance(data.get("env"), dict) else {}
    sections = [(name, clean_description(env.get("description")), _line_of(text, rf"^\[env\.\"?{re.escape(name)}\"?\]"),
                 _tox_commands(env)) for name, env in list(envs.items())[:MAX_TASKS] if isinstance(env, dict)]
    base = data.get("env_run_base") if isinstance(data.get("env_run_base"), dict) else {}
    envlist = [e for e in data.get("env_list", []) if isinstance(e, str)] if isinstance(data.get("env_list"), list) \
        else []
    return _tox_tasks(sections, envlist, (clean_description(base.get("description")), _tox_commands(base)),
                      _line_of(text, r"^env_list\s*="))


def parse_mise_toml(text: str) -> list[TaskDef]:
    """`[tasks.NAME]` tables (or `tasks.NAME = "command"`): `mise run NAME`."""
    found = _toml(text, "mise.toml").get("tasks")
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
    line = _line_of(text, rf"^\[tasks\.\"?{re.escape(name)}\"?\]")
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
    """composer.json `scripts`, described by `scripts-descriptions`: `composer run-script NAME`."""
    data = _json(text, "composer.json")
    scripts = data.get("scripts")
    described = data.get("scripts-descriptions") if isinstance(data.get("scripts-descriptions"), dict) else {}
    tasks = []
    for name, command in list(scripts.items())[:MAX_TASKS] if isinstance(scripts, dict) else []:
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
_RAKE_NAMESPACE = re.compile(r"^([ \t]*)namespace(?:[ \t]+|[ \t]*\([ \t]*)[:\"']?([\w:-]+)[\"']?[ \t]*\)?[ \t]*do\b")
_RAKE_DESC = re.compile(r"""^[ \t]*desc(?:[ \t]+|[ \t]*\([ \t]*)(["'])(.*?)\1""")
_RAKE_TASK = re.compile(
    r"""^([ \t]*)(?:multi)?task(?:[ \t]+|[ \t]*\([ \t]*)(?::([\w?!-]+)|(["'])([\w:?!-]+)\3|([\w?!-]+):(?!:))"""
)
# Rake::TestTask.new(:test), RSpec::Core::RakeTask.new(:spec), YARD::Rake::YardocTask.new(:docs)
_RAKE_TASK_CLASS = re.compile(r"""^[ \t]*[\w:]*Task\.new[ \t]*\(?[ \t]*[:"']?([\w:?!-]+)""")


def parse_rakefile(text: str) -> list[TaskDef]:
    """`desc "..."` then `task :name` or `SomeTask.new(:name)` (inside `namespace :db do` blocks: `db:name`):
    `rake NAME`. Namespaces end where the indentation comes back to theirs."""
    tasks: list[TaskDef] = []
    spaces: list[tuple[int, str]] = []  # (indent, name) of the namespaces around the line
    pending = ""
    for number, line in enumerate(split_lines(text.lstrip("\ufeff")), 1):
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
        made = None if task else _RAKE_TASK_CLASS.match(line)
        if task or made:
            name = made.group(1) if made else task.group(2) or task.group(4) or task.group(5)
            full = ":".join([*(space for _, space in spaces), name])
            tasks.append(TaskDef(full, clean_description(pending), number, None))
            pending = ""  # Rake gives a desc to the next task defined, whichever way
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
