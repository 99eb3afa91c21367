"""gradle: the tasks a build script declares (`build.gradle`, `build.gradle.kts`), read as text, never evaluated.

Gradle's own tasks (build, test, check) are in every project and say nothing about this one; the tasks a
team registers itself (`./gradlew generateFixtures`, `./gradlew :app:publishDocs`) are its chores. One linear
pass of a tokenizer skips comments and strings, pairs the braces, and reads `description = "..."` and
`group = "..."` only at the top of a task's own block (not in a nested `pom { description = ... }`).
"""

from __future__ import annotations

import posixpath
import re
import shlex

from skilldex.scan.fs import RepoFile, RepoFS
from skilldex.scan.tasks import base
from skilldex.scan.tasks.base import TaskDef
from skilldex.scan.tasks.parsing import LineIndex, clean_description

MAX_TASKS = 500
GRADLE_SETTINGS = ("settings.gradle.kts", "settings.gradle")
MAX_NAME_CHARS = 200
# The name as Gradle accepts it; an interpolated one ("publish${variant}") is made at build time: skipped
_NAME = re.compile(r"[A-Za-z0-9_][\w.-]*")
_QUOTED = r"""(?:"[^"\\\n]*"|'[^'\\\n]*')"""
# A string literal with escapes, unrolled (`[^"\\]*(?:\\.[^"\\]*)*`): no per-character alternation
_DQ = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*'
_SQ = r"'[^'\\\n]*(?:\\.[^'\\\n]*)*"
_TEXT = rf"(?P<value>{_DQ}\"|{_SQ}')"
_TYPE = r"(?:[ \t]*<[\w.?, \t]*>)?"  # a task type: Copy, JavaExec, org.example.Gen
# A call's parentheses: one level of nesting, on one line
_PARENS = r"\([^(){}\n]*(?:\([^(){}\n]*\)[^(){}\n]*)*\)"
# The rest of a call after the name, up to its `)`
_ARGS = r"(?P<args>[^(){}\n]*(?:\([^(){}\n]*\)[^(){}\n]*)*\))?"
_BLOCK = r"(?:[ \t]*(?:<<[ \t]*)?(?P<block>\{))?"
# tasks.register("name"), tasks.register<Copy>("name", ...), tasks.create(name: 'x'); register(...) in tasks {}
_REGISTER = (
    rf"(?:(?<![\w$])(?P<qualified>tasks[ \t]*\.[ \t]*)(?:register|create|maybeCreate)"
    rf"|(?<![\w.$])(?:register|create)){_TYPE}[ \t]*\([ \t]*(?:name[ \t]*[:=][ \t]*)?(?P<call>{_QUOTED})"
)
# val name by tasks.registering(Type::class)
_DELEGATE = (
    r"(?<![\w.$])val[ \t]+(?P<val>[A-Za-z_]\w*)[ \t]+by[ \t]+(?P<by>tasks[ \t]*\.[ \t]*)?"
    r"(?:registering|creating)\b(?:[ \t]*\()?"
)
# task name(type: Copy), task "name", task('name'), task<Copy>("name")
_TASK = (
    rf"(?<![^\s{{;])task\b{_TYPE}[ \t]*(?:\([ \t]*(?P<task>{_QUOTED})|(?:(?P<word>{_QUOTED})"
    rf"|(?P<ident>[A-Za-z_]\w*)(?=[ \t]*(?:[({{\n]|<<|$)))(?:[ \t]*(?P<params>{_PARENS}))?)"
)
_TOKEN = re.compile(
    rf"""(?=[/"'{{}}trcvsdgDG])  # where a token can start: a cheap test before the alternatives
    (?:(?P<open>\{{+)
    |(?P<close>\}}+)
    |(?P<comment>//[^\n]*|/\*[\s\S]*?(?:\*/|\Z))
    |(?P<triple>\"\"\"[\s\S]*?(?:\"\"\"|\Z)|'''[\s\S]*?(?:'''|\Z))
    |(?P<decl>(?:{_REGISTER}|{_DELEGATE}|{_TASK}){_ARGS}{_BLOCK})
    |(?P<tasks>(?<![\w.$])tasks[ \t]*\{{)
    |(?P<field>(?<![\w$])(?:set)?(?P<key>[Dd]escription|[Gg]roup)\b[ \t]*(?:=[ \t]*|\([ \t]*)?{_TEXT})
    |(?P<str>{_DQ}"?|{_SQ}'?)
    )
    """,
    re.VERBOSE | re.MULTILINE,
)
_ARG_FIELD = re.compile(rf"\b(description|group)[ \t]*:[ \t]*({_DQ}\"|{_SQ}')")
_ESCAPE = re.compile(r"\\(.)")
_TASKS_BLOCK = "\0tasks"  # the frame of a `tasks { }` block; no task name holds a NUL


def parse_gradle(text: str) -> list[TaskDef]:
    """`tasks.register("name") { description = "..." }` (Kotlin or Groovy), `tasks.register<Copy>("name")`,
    `val name by tasks.registering`, `task name(type: Copy) { }`, `task("name")`, `tasks.create(...)`, and
    `register(...)` inside a `tasks { }` block; described by the block's `description`, else named by its
    `group`. A name declared twice keeps its first line."""
    lines = LineIndex(text)
    tasks: dict[str, TaskDef] = {}
    fields: dict[str, dict[str, str]] = {}
    frames: list[str | None] = []  # per open brace: the task whose block it opens, _TASKS_BLOCK, or None
    for token in _TOKEN.finditer(text):
        kind = token.lastgroup
        if kind == "decl":
            name = _declared(token, frames)
            if name is not None and name not in tasks and len(tasks) < MAX_TASKS:
                tasks[name] = TaskDef(name, "", lines(token.start()), None)
                fields[name] = _arg_fields((token.group("args") or "") + (token.group("params") or ""))
            if token.group("block"):
                frames.append(name if name in fields else None)
        elif kind == "tasks":
            frames.append(_TASKS_BLOCK)
        elif kind == "open":  # a run of braces is one token: a file of braces costs one step per run
            frames.extend([None] * len(token.group()))
        elif kind == "close":
            del frames[len(frames) - len(token.group()) :]
        elif kind == "field" and frames and frames[-1] in fields:
            fields[frames[-1]].setdefault(token.group("key").lower(), _unquote(token.group("value")))
    for name, task in tasks.items():
        task.description = _describe(fields[name])
    return list(tasks.values())


def _declared(token: re.Match, frames: list[str | None]) -> str | None:
    """The declared task's name, or None when the match is not a task (a `register` outside `tasks { }`, an
    interpolated name, Android templates' `clean` that only deletes the build folder)."""
    group = token.group
    in_tasks = bool(frames) and frames[-1] == _TASKS_BLOCK
    if group("val") is not None:
        name = group("val") if group("by") or in_tasks else None
    elif group("ident") is not None:
        name = group("ident")
    elif group("call") is not None:
        name = group("call")[1:-1] if group("qualified") or in_tasks else None
    else:
        name = (group("task") or group("word"))[1:-1]
    if name is None or len(name) > MAX_NAME_CHARS or not _NAME.fullmatch(name):
        return None
    if name == "clean" and "Delete" in token.group():
        return None  # Android Studio's and Flutter's generated root build file; the base plugin has `clean`
    return name


def _arg_fields(args: str) -> dict[str, str]:
    """`description:` and `group:` given as Groovy named arguments: `task docs(type: Copy, group: 'docs')`."""
    found: dict[str, str] = {}
    for match in _ARG_FIELD.finditer(args):
        found.setdefault(match.group(1), _unquote(match.group(2)))
    return found


def _unquote(literal: str) -> str:
    return _ESCAPE.sub(r"\1", literal[1:-1])


def _describe(found: dict[str, str]) -> str:
    if found.get("description", "").strip():
        return clean_description(found["description"])
    group = clean_description(found.get("group", ""))
    return f"(group: {group})" if group else ""


class Runner(base.Runner):
    files = dict.fromkeys(("build.gradle", "build.gradle.kts"), parse_gradle)
    others = frozenset({"buildSrc"})  # a build of its own, whose tasks no `./gradlew` of this one runs

    def run(self, fs: RepoFS, file: RepoFile, task: TaskDef) -> str:
        """`./gradlew :sub:name` from the build's root: the nearest folder holding a settings script (else the
        build file's own folder), through its wrapper when it has one; the project path is the folder below
        that root."""
        folder = posixpath.dirname(file.rel)
        root = folder
        while not any(fs.exists(posixpath.join(root, settings)) for settings in GRADLE_SETTINGS):
            if not root:
                root = folder
                break
            root = posixpath.dirname(root)
        project = folder[len(root) :].strip("/") if root else folder
        target = ":".join(["", *project.split("/"), task.name]) if project else task.name
        launcher = "./gradlew" if fs.exists(posixpath.join(root, "gradlew")) else "gradle"
        return f"{base.cd(root)}{launcher} {shlex.quote(target)}"
