"""Makefile variables a target's recipe uses and the plain default the file gives them (`ENV ?= staging`).

`make plan` then reads as "plan, for staging unless ENV is set", which the target line alone does not say.
Only a literal default that holds for the whole file counts: set inside a conditional, appended to, computed
(`$(shell ...)`, other variables), forced with `override` or set per target, a variable has no one default.
"""

from __future__ import annotations

import itertools
import re

MAX_VARIABLES = 2000  # past this a Makefile is generated: later variables are not tracked
MAX_SHOWN = 3  # variables named per target
MAX_VALUE_CHARS = 40
MAX_REFERENCES = 200  # references looked at per recipe
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# $(ENV) or ${ENV}, not $$(cmd) (a shell substitution the recipe escapes from make)
_REFERENCE = re.compile(r"(?<!\$)\$[({]([A-Za-z_][A-Za-z0-9_]*)[)}]")


class Defaults:
    """The variables a Makefile sets, with their default value, or None when they have no single plain one."""

    def __init__(self) -> None:
        self.values: dict[str, str | None] = {}
        self.per_target: set[tuple[str, str]] = set()  # (target, variable) set on that target's line

    def assign(self, name: str, operator: str, value: str, conditional: bool, forced: bool = False) -> None:
        """Record `name <operator> value`, as make reads it (a `?=` after a value changes nothing)."""
        name = name.strip()
        if not _NAME.fullmatch(name) or (name not in self.values and len(self.values) >= MAX_VARIABLES):
            return
        value = _strip_comment(value).strip()
        plain = operator in ("=", ":=", "::=", ":::=", "?=") and value and "$" not in value and "`" not in value
        if conditional or forced or not plain:
            self.values[name] = None
        elif operator != "?=" or name not in self.values:
            self.values[name] = value

    def target_assign(self, targets: list[str], name: str) -> None:
        """`plan: ENV = prod`: that target's value is not the file's default."""
        for target in targets[:50]:
            self.per_target.add((target, name.strip().removeprefix("override ").strip()))

    def used(self, target: str, references: list[str]) -> tuple[tuple[str, str], ...]:
        """(variable, default) of the first few variables with a plain default among a recipe's references."""
        found: dict[str, str] = {}
        for name in references:
            value = self.values.get(name)
            if value is None or (target, name) in self.per_target:
                continue
            found[name] = value if len(value) <= MAX_VALUE_CHARS else value[: MAX_VALUE_CHARS - 1] + "…"
            if len(found) >= MAX_SHOWN:
                break
        return tuple(found.items())


def programs(line: str, defaults: Defaults) -> str:
    """The recipe line with each variable that names the program a command runs (`$(CLUSTER_SCRIPT) clean`)
    written as its plain default (`scripts/cluster.sh clean`): which script a target runs is what says that the
    script is the target's helper."""

    def expand(match: re.Match[str]) -> str:
        value = defaults.values.get(match.group(1))
        return value if value and _command_word(line, match.start()) else match.group()

    return _REFERENCE.sub(expand, line) if "$" in line else line


def references(recipe: list[str]) -> list[str]:
    """The variables a recipe refers to, in order, each once (the first few hundred references). Not those
    that name the program a command runs (`$(PYTHON) -m pytest`, `cd x && $(TF) plan`): which interpreter
    runs is no news about the target, while `infra/$(ENV)` is."""
    found = (
        match.group(1)
        for line in recipe
        for match in _REFERENCE.finditer(line)
        if not _command_word(line, match.start())
    )
    return list(dict.fromkeys(itertools.islice(found, MAX_REFERENCES)))


def _command_word(line: str, start: int) -> bool:
    """Whether `start` is where a command's first word is (a short look back, however long the line)."""
    before = line[max(0, start - 64) : start].rstrip(" \t@+-")
    return (not before and start <= 64) or before.endswith(("&&", "||", ";", "|", "("))


def _strip_comment(value: str) -> str:
    """The value before a `#` comment (`\\#` is a literal hash in make)."""
    match = re.search(r"(?<!\\)#", value)
    return value[: match.start()] if match else value


def note(defaults: tuple[tuple[str, str], ...], run: str) -> str:
    """ "(ENV defaults to staging; `make plan ENV=...`)": what the defaults are and how to change them."""
    if not defaults:
        return ""
    said = ", ".join(
        f"{name} defaults to {value}" if index == 0 else f"{name} to {value}"
        for index, (name, value) in enumerate(defaults)
    )
    settings = " ".join(f"{name}=..." for name, _ in defaults)
    return f"({said}; `{run} {settings}`)"
