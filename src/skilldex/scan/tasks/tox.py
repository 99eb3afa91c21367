"""tox: environments (`tox.ini` `[testenv:NAME]`, tox 4's `tox.toml`, and the `envlist`), read as data."""

from __future__ import annotations

import configparser
import itertools
import re

from skilldex.scan.tasks import base
from skilldex.scan.tasks.base import TaskDef
from skilldex.scan.tasks.parsing import TaskFileError, clean_description, join_commands, line_of, load_toml

MAX_TASKS = 500


MAX_FACTORS = 24  # py{38,39,310,311}-django{42,50}: eight environments; past this, the first ones


def _expand(name: str) -> list[str]:
    """tox's generative names: `py{39,310}-lint` -> [py39-lint, py310-lint]."""
    parts = re.split(r"(\{[^{}]*\})", name)
    options = [part[1:-1].split(",") if part.startswith("{") else [part] for part in parts]
    found = ["".join(choice).strip() for choice in itertools.islice(itertools.product(*options), MAX_FACTORS)]
    return [n for n in dict.fromkeys(found) if n and not n.startswith((".", "-"))]  # .pkg is tox's own


def _top_level_split(text: str) -> list[str]:
    """envlist entries: split at commas and line ends outside braces."""
    entries: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        depth += (char == "{") - (char == "}")
        if char in ",\n" and depth <= 0:
            entries.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    return [e for e in [*entries, "".join(current).strip()] if e]


def _tox_tasks(
    sections: list[tuple[str, str, int | None, str | None]],
    envlist: list[str],
    base: tuple[str, str | None],
    envlist_line: int | None,
) -> list[TaskDef]:
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
        raise TaskFileError(
            f"invalid tox.ini: {exc.message if hasattr(exc, 'message') else exc}", getattr(exc, "lineno", None)
        ) from None
    sections = []
    for section in parser.sections()[:MAX_TASKS]:
        if section.startswith("testenv:"):
            env = parser[section]
            commands = _substituted(parser, env.get("commands", ""))
            sections.append(
                (
                    section.split(":", 1)[1].strip(),
                    clean_description(env.get("description", "")),
                    line_of(text, rf"^\[{re.escape(section)}\]"),
                    join_commands([commands]),
                )
            )
    base = parser["testenv"] if parser.has_section("testenv") else {}
    envlist = parser.get("tox", "envlist", fallback="") if parser.has_section("tox") else ""
    return _tox_tasks(
        sections,
        _top_level_split(envlist),
        (clean_description(base.get("description", "")), join_commands([base.get("commands", "")])),
        line_of(text, r"^envlist\s*="),
    )


_SECTION_REF = re.compile(r"\{\[([^[\]{}\n]+)\]([\w-]+)\}")  # a name holds no bracket: one scan per `{[`


def _substituted(parser: configparser.ConfigParser, value: str) -> str:
    """`commands = {[lint]commands}`: tox's reference to another section's key, resolved one level deep
    (a missing reference stays as written)."""

    def lookup(match: re.Match) -> str:
        section, key = match.group(1).strip(), match.group(2)
        return parser.get(section, key, fallback=match.group(0)) if parser.has_section(section) else match.group(0)

    return _SECTION_REF.sub(lookup, value) if "{[" in value else value


def _tox_commands(env: dict) -> str | None:
    commands = env.get("commands")
    if not isinstance(commands, list):
        return None
    return join_commands(" ".join(str(w) for w in c) if isinstance(c, list) else str(c) for c in commands)


def parse_tox_toml(text: str) -> list[TaskDef]:
    """tox 4's `[env.NAME]` tables and `env_list`, described like tox.ini's."""
    data = load_toml(text, "tox.toml")
    envs = data.get("env")
    envs = envs if isinstance(envs, dict) else {}
    sections = [
        (
            name,
            clean_description(env.get("description")),
            line_of(text, rf"^\[env\.\"?{re.escape(name)}\"?\]"),
            _tox_commands(env),
        )
        for name, env in list(envs.items())[:MAX_TASKS]
        if isinstance(env, dict)
    ]
    base = data.get("env_run_base")
    base = base if isinstance(base, dict) else {}
    envlist = (
        [e for e in data.get("env_list", []) if isinstance(e, str)] if isinstance(data.get("env_list"), list) else []
    )
    return _tox_tasks(
        sections,
        envlist,
        (clean_description(base.get("description")), _tox_commands(base)),
        line_of(text, r"^env_list\s*="),
    )


class Runner(base.Runner):
    files = {"tox.ini": parse_tox_ini, "tox.toml": parse_tox_toml}
    verb = "tox -e"
