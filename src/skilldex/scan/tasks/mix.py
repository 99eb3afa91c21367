"""mix: Elixir Mix tasks: the aliases of a `mix.exs` and the `Mix.Tasks.*` modules under `lib/mix/tasks/`, read as
text with a small tokenizer, never compiled or run.

`mix setup`, `mix ecto.reset` and a Phoenix app's own `mix send_pageview` are how an Elixir team names its
chores; the aliases say which steps they chain, the task modules say what they do in `@shortdoc`.
"""

from __future__ import annotations

import posixpath
import re
import shlex

from skilldex.prominence import first_sentence
from skilldex.scan.common import nearest_holding
from skilldex.scan.fs import RepoFile, RepoFS
from skilldex.scan.tasks import base
from skilldex.scan.tasks.base import TaskDef
from skilldex.scan.tasks.parsing import LineIndex, TaskFileError, clean_description, join_commands

MAX_ALIASES = 500
MAX_MODULES = 100
MAX_NAME_CHARS = 200
MAX_STEPS = 10  # more than a command preview shows

# Where the aliases keyword list opens: `defp aliases do [`, `defp aliases, do: [`, or `aliases: [` in project/0.
# Every repeated part is delimited by what follows it, so no pattern backtracks over a long run.
_ALIASES_DEF = re.compile(
    r"^[ \t]*defp?[ \t]+aliases[ \t]*(?:\([ \t]*\))?[ \t]*(?:do\b|,[ \t]*do:)\s*(?:#[^\n]*\n\s*)*\[", re.MULTILINE
)
_ALIASES_INLINE = re.compile(r"(?<![\w:])aliases:\s*\[")
# The tokens that matter in an Elixir keyword list; anything else (numbers, operators, words) is skipped.
_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n]*)
    |(?P<key>(?<![\w.:?!@])(?:[A-Za-z_]\w*[?!]?|"(?:[^"\\\n]|\\.)*"):(?=\s))
    |(?P<heredoc>\"\"\"[\s\S]*?(?:\"\"\"|\Z))
    |(?P<str>"[^"\\]*(?:\\.[^"\\]*)*"?)
    |(?P<ref>(?<![&\w])&[A-Za-z_][\w.]*[?!]?/\d+)
    |(?P<charlist>'(?:[^'\\\n]|\\.)*'|(?<![\w])\?\\?.)
    |(?P<open>[\[({]+|(?<![\w.:])(?:fn|do)(?![\w?!:]))
    |(?P<close>[\])}]+|(?<![\w.:])end(?![\w?!:]))
    """,
    re.VERBOSE,
)
# What a task name can be on a command line; `"it's fun":` is an atom, but no task anyone runs
_ALIAS_NAME = re.compile(r"[\w.?!-]+")
_ESCAPE = re.compile(r"\\(.)")

_TASK_MODULE = re.compile(
    r"^[ \t]*defmodule[ \t]+Mix\.Tasks\.([A-Z]\w*(?:\.[A-Z]\w*)*)[ \t]*(?:do\b|,[ \t]*do:)", re.MULTILINE
)
_SHORTDOC = re.compile(r"^[ \t]*@shortdoc[ \t]+(?:~[sS])?\"((?:[^\"\\\n]|\\.)*)\"", re.MULTILINE)
_MODULEDOC = re.compile(
    r"^[ \t]*@moduledoc[ \t]+(?:(false)|(?:~[sS])?(?:\"\"\"([\s\S]*?)(?:\"\"\"|\Z)|\"((?:[^\"\\]|\\.)*)\"))",
    re.MULTILINE,
)
# Macro.underscore's word breaks: `SendPageview` -> send_pageview, `HTTPClient` -> http_client
_WORD_BREAK = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def parse_mix_exs(text: str) -> list[TaskDef]:
    """The aliases, in file order: `setup: ["deps.get", "ecto.setup"]` is `mix setup`, which runs those steps
    (a `&function/1` step shows as the function's name). A project without aliases has none."""
    start = _ALIASES_DEF.search(text) or _ALIASES_INLINE.search(text)
    if start is None:
        return []
    lines = LineIndex(text)
    aliases: list[TaskDef] = []
    current: TaskDef | None = None  # the alias whose steps are being read
    steps: list[str] = []
    opened: list[str] = ["["]  # the brackets (and fn/do blocks) around the token; the list itself first
    for token in _TOKEN.finditer(text, start.end()):
        kind, value = token.lastgroup, token.group()
        if kind == "open":  # a run of brackets is one token: a file of brackets costs one step per run
            opened.extend([value] if value.isalpha() else value)
        elif kind == "close":
            closed = 1 if value.isalpha() else len(value)
            if closed >= len(opened):
                return aliases
            del opened[len(opened) - closed :]
        elif kind == "key" and len(opened) == 1:
            if len(aliases) == MAX_ALIASES:
                return aliases
            steps = []
            current = TaskDef(value[:-1].strip('"'), "", lines(token.start()), None)  # unescaped: no escapes
            if len(value) <= MAX_NAME_CHARS and _ALIAS_NAME.fullmatch(current.name):
                aliases.append(current)
        elif (
            kind in ("str", "ref")
            and current
            and len(steps) < MAX_STEPS
            and (len(opened) == 1 or (len(opened) == 2 and opened[1] == "["))
        ):
            steps.append(_unquote(value) if kind == "str" else value[1:].rsplit("/", 1)[0])
            current.command = join_commands([" ".join(step.split()) for step in steps])
    raise TaskFileError("the aliases list in mix.exs is never closed", lines(start.start()))


def parse_mix_task(text: str) -> list[TaskDef]:
    """Each `defmodule Mix.Tasks.Ecto.Setup do` is `mix ecto.setup`, described by its `@shortdoc`, else by the
    first sentence of its `@moduledoc` (`@moduledoc false` hides it from `mix help`: no description)."""
    modules = list(_TASK_MODULE.finditer(text))[:MAX_MODULES]
    lines = LineIndex(text)
    tasks = []
    for index, module in enumerate(modules):
        end = modules[index + 1].start() if index + 1 < len(modules) else len(text)
        body = text[module.end() : end]
        if len(module.group(1)) > MAX_NAME_CHARS:
            continue
        name = ".".join(_WORD_BREAK.sub("_", part).lower() for part in module.group(1).split("."))
        tasks.append(TaskDef(name, _description(body), lines(module.start()), None))
    return tasks


def _description(body: str) -> str:
    shortdoc = _SHORTDOC.search(body)
    if shortdoc and shortdoc.group(1).strip():
        return clean_description(_ESCAPE.sub(r"\1", shortdoc.group(1)))
    moduledoc = _MODULEDOC.search(body)
    if moduledoc is None or moduledoc.group(1):
        return ""
    doc = moduledoc.group(2) if moduledoc.group(2) is not None else _ESCAPE.sub(r"\1", moduledoc.group(3))
    for paragraph in re.split(r"\n[ \t]*\n", doc.strip()):
        if paragraph.strip() and not paragraph.lstrip().startswith(("#", "```", "    ")):
            return clean_description(first_sentence(paragraph, 300))
    return ""


def _unquote(value: str) -> str:
    """An Elixir string literal's text (escapes undone, interpolation left as written); a bare atom as is."""
    if value.startswith('"'):
        value = value[1:-1] if len(value) > 1 and value.endswith('"') else value[1:]
        return _ESCAPE.sub(r"\1", value)
    return value


def _tasks_folder(folders: tuple[str, ...]) -> bool:
    """Where Mix projects keep their own tasks: lib/mix/tasks/ (and folders below it), or a lib/**/tasks/."""
    if "lib" not in folders:
        return False
    below = folders[folders.index("lib") + 1 :]
    return below[:2] == ("mix", "tasks") or below[-1:] == ("tasks",)


class Runner(base.Runner):
    files = {"mix.exs": parse_mix_exs}
    others = frozenset({"deps", "_build"})  # Mix's fetched dependencies and build output
    marks = (".ex",)

    def place(self, file: RepoFile) -> base.Parse | None:
        return parse_mix_task if file.name.endswith(".ex") and _tasks_folder(file.parts[:-1]) else None

    def depth(self, file: RepoFile) -> int:
        """A task module counts from its project's lib/ (umbrella apps/*/lib/mix/tasks)."""
        return file.parts.index("lib") + 1 if file.name.endswith(".ex") else super().depth(file)

    def run(self, fs: RepoFS, file: RepoFile, task: TaskDef) -> str:
        home = posixpath.dirname(file.rel)
        if file.name != "mix.exs":  # lib/mix/tasks/*.ex: run from the project's mix.exs folder
            home = nearest_holding(fs, home, "mix.exs")
        return f"{base.cd(home)}mix {shlex.quote(task.name)}"
